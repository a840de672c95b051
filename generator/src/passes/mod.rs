//! IR passes over the complete API converted from a spec, each small and
//! with one job, run in this order by [`run`].

mod cycles;
mod names;
mod nullability;
mod tags;
mod unions;
mod usage;

use crate::ir::Api;
use crate::settings::GroupStyle;

pub fn run(api: &mut Api, groups: GroupStyle) {
    nullability::propagate(api);
    unions::name_variants(api);
    tags::infer(api);
    cycles::break_alias_cycles(api);
    cycles::box_recursive_fields(api);
    usage::mark(api);
    names::assign(api, groups);
    api.diagnostics.sort();
    api.diagnostics.dedup();
}
