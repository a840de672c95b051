//! Generates Rust client crates from SailPoint Identity Security Cloud's
//! multi-file OpenAPI 3.0 specs.
//!
//! Stages (see `docs/design.md`): [`load`] the root file and every file it
//! reaches, apply [`fixups`], [`convert`] to the [`ir`], run [`passes`],
//! then [`codegen`] emits files that [`write`](mod@write) puts on disk.

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
pub mod pointer;
pub mod settings;
pub mod surface;
pub mod write;

use error::Result;
use settings::VersionSettings;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long each stage took, for `--timings`.
#[derive(Debug, Default, Clone)]
pub struct StageTimings {
    pub load: Duration,
    pub ir: Duration,
    pub codegen: Duration,
}

/// Loads a version's spec (every file reachable from its root).
pub fn load_spec(spec_dir: &Path, settings: &VersionSettings, timings: &mut StageTimings) -> Result<load::SpecSet> {
    let started = Instant::now();
    let spec = load::SpecSet::load(spec_dir, &settings.root_file)?;
    timings.load += started.elapsed();
    Ok(spec)
}

/// Applies the version's fixups to `spec` and converts it to the IR. The
/// fixed-up spec stays with the caller: [`examples`] reads it beside the IR.
pub fn convert_spec(spec: &mut load::SpecSet, settings: &VersionSettings, timings: &mut StageTimings) -> Result<ir::Api> {
    let started = Instant::now();
    fixups::apply(spec, &settings.version, &settings.fixups)?;
    let api = convert::Converter::new(spec, settings).run()?;
    timings.ir += started.elapsed();
    Ok(api)
}

/// Loads a version's spec and converts it to the IR.
pub fn build_ir(spec_dir: &Path, settings: &VersionSettings, timings: &mut StageTimings) -> Result<ir::Api> {
    let mut spec = load_spec(spec_dir, settings, timings)?;
    convert_spec(&mut spec, settings, timings)
}
