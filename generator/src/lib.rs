//! Generates Rust client crates from SailPoint Identity Security Cloud's
//! multi-file OpenAPI 3.0 specs.
//!
//! Stages (see `docs/design.md`), run in order by [`pipeline`]: [`load`]
//! the root file and every file it reaches, apply [`fixups`], [`convert`]
//! to the [`ir`], complete it with [`passes`], [`validate`] it, then
//! [`codegen`] emits files that [`write`](mod@write) puts on disk.

pub mod changelog;
pub mod codegen;
pub mod convert;
pub mod error;
pub mod examples;
pub mod fixups;
pub mod ir;
pub mod load;
pub mod lock;
pub mod naming;
pub mod passes;
pub mod pipeline;
pub mod pointer;
pub mod settings;
pub mod surface;
pub mod validate;
pub mod write;

pub use pipeline::StageTimings;

/// Loads a version's spec and builds its validated IR (stages 1–5).
pub fn build_ir(spec_dir: &std::path::Path, settings: &settings::VersionSettings, timings: &mut StageTimings) -> error::Result<ir::Api> {
    let mut spec = load::SpecSet::load(spec_dir, &settings.root_file)?;
    pipeline::build_api(&mut spec, settings, timings)
}
