//! IR passes that need the whole API: each one small and with one job.

mod cycles;
mod nullability;
mod tags;
mod unions;
pub mod usage;
pub mod walk;

use crate::ir::Api;

pub fn run(api: &mut Api, nullable: &[bool]) {
    nullability::propagate(api, nullable);
    unions::name_variants(api);
    tags::infer(api);
    cycles::box_recursive_fields(api);
    usage::mark(api);
    api.diagnostics.sort();
    api.diagnostics.dedup();
}
