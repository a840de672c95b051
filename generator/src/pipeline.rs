//! The whole generation, as a library: every stage in order, from the spec
//! folder to the files of each crate. `cargo xtask regen` is a thin CLI over
//! this module (arguments, the lock decision, printing).
//!
//! Per version: [`load`] → [`build_api`] (fixups, convert, passes,
//! validate) → [`generate_version`] (codegen, examples, surface). Then
//! [`Generation`] holds every file of every crate, and
//! [`Generation::write`] puts them on disk (or, in check mode, compares).

use crate::codegen::conformance::{conformance_shared, version_module, ConformanceVersion, VersionExamples};
use crate::codegen::{self, GeneratedFile};
use crate::error::{GenError, Result};
use crate::examples::{self, Example};
use crate::ir::Api;
use crate::load::SpecSet;
use crate::settings::VersionSettings;
use crate::write::{sync_dir, sync_files, SyncReport};
use crate::{convert, fixups, naming, passes, surface, validate};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Wall time per stage, summed over versions (which run in parallel, so
/// the sum can exceed the run's wall time).
#[derive(Debug, Default, Clone)]
pub struct StageTimings {
    pub load: Duration,
    pub fixups: Duration,
    pub convert: Duration,
    pub passes: Duration,
    pub validate: Duration,
    pub codegen: Duration,
    pub examples: Duration,
    pub surface: Duration,
    pub write: Duration,
}

impl StageTimings {
    /// Adds `other`'s time to each stage.
    fn add(&mut self, other: &StageTimings) {
        self.load += other.load;
        self.fixups += other.fixups;
        self.convert += other.convert;
        self.passes += other.passes;
        self.validate += other.validate;
        self.codegen += other.codegen;
        self.examples += other.examples;
        self.surface += other.surface;
        self.write += other.write;
    }

    /// `load 210 ms, fixups 0 ms, …` for `--timings`.
    pub fn render(&self) -> String {
        let stages = [
            ("load", self.load),
            ("fixups", self.fixups),
            ("convert", self.convert),
            ("passes", self.passes),
            ("validate", self.validate),
            ("codegen", self.codegen),
            ("examples", self.examples),
            ("surface", self.surface),
            ("write", self.write),
        ];
        stages.iter().map(|(name, d)| format!("{name} {} ms", d.as_millis())).collect::<Vec<_>>().join(", ")
    }
}

/// Runs `stage`, adding its wall time to `slot`.
fn timed<T>(slot: &mut Duration, stage: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = stage();
    *slot += started.elapsed();
    out
}

/// A version's spec, loaded (every file reachable from its root) but not yet fixed up.
pub struct Loaded {
    pub settings: VersionSettings,
    pub spec: SpecSet,
}

/// Stage 1: loads the version's root file and every file it reaches.
pub fn load(spec_dir: &Path, settings: VersionSettings, timings: &mut StageTimings) -> Result<Loaded> {
    let spec = timed(&mut timings.load, || SpecSet::load(spec_dir, &settings.root_file))?;
    Ok(Loaded { settings, spec })
}

/// Stages 2–5: fixups, conversion, passes and validation. The API that
/// comes out produces code that compiles, or this returns the located error.
pub fn build_api(spec: &mut SpecSet, settings: &VersionSettings, timings: &mut StageTimings) -> Result<Api> {
    let not_applied = timed(&mut timings.fixups, || fixups::apply(spec, &settings.version, &settings.fixups))?;
    let mut api = timed(&mut timings.convert, || convert::Converter::new(spec, settings).run())?;
    api.diagnostics.extend(not_applied);
    timed(&mut timings.passes, || passes::run(&mut api, settings.groups));
    timed(&mut timings.validate, || validate::check(&api))?;
    Ok(api)
}

/// Everything generated for one version.
pub struct VersionOutput {
    pub settings: VersionSettings,
    pub api: Api,
    /// The crate's files, relative to its directory.
    pub files: Vec<GeneratedFile>,
    /// The spec's examples with their types, for the conformance crate.
    pub examples: Vec<Example>,
    /// The API surface (see [`surface`]).
    pub surface: String,
    /// The mock tenant's catalogue (see [`codegen::mock_catalog`]).
    pub mock_catalog: GeneratedFile,
}

/// Stages 2–8 for one loaded version.
pub fn generate_version(loaded: Loaded, timings: &mut StageTimings) -> Result<VersionOutput> {
    let Loaded { settings, mut spec } = loaded;
    let api = build_api(&mut spec, &settings, timings)?;
    let files = timed(&mut timings.codegen, || codegen::generate_crate(&api, &settings))?;
    let examples = timed(&mut timings.examples, || examples::collect(&spec, &api))?;
    let surface = timed(&mut timings.surface, || surface::render(&api));
    let mock_catalog = timed(&mut timings.codegen, || codegen::mock_catalog::catalog(&api, &spec, &settings))?;
    Ok(VersionOutput {
        settings,
        api,
        files,
        examples,
        surface,
        mock_catalog,
    })
}

/// The files of every crate a run produces, by directory under the workspace.
pub struct Generation {
    pub versions: Vec<VersionOutput>,
    /// `generated/sailpoint-conformance`: its shared files and the modules
    /// of the versions generated in this run.
    pub conformance: Conformance,
    /// The fixture crates (see [`Workspace::fixture_crates`]).
    pub fixtures: Vec<(PathBuf, Vec<GeneratedFile>)>,
}

/// The files of `generated/sailpoint-conformance` that a run writes.
pub struct Conformance {
    pub files: Vec<GeneratedFile>,
    /// Every configured version was generated, so `files` is the whole
    /// crate and any other file in it is stale. Otherwise the modules of the
    /// versions not generated are kept as they are.
    pub complete: bool,
}

impl Generation {
    /// Generates every loaded version, and the conformance crate's files:
    /// those naming every version in `configured` (the whole of
    /// `specs/versions.toml`), and one module per loaded version.
    pub fn run(
        loaded: Vec<Loaded>,
        configured: &[VersionSettings],
        fixtures: Vec<(PathBuf, Vec<GeneratedFile>)>,
        timings: &mut StageTimings,
    ) -> Result<Generation> {
        // Versions in parallel: conversion, passes and examples are serial
        // within a version and overlap another version's codegen.
        let outputs: Vec<(Result<VersionOutput>, StageTimings)> = loaded
            .into_par_iter()
            .map(|l| {
                let mut own = StageTimings::default();
                (generate_version(l, &mut own), own)
            })
            .collect();
        let mut versions = Vec::with_capacity(outputs.len());
        for (output, own) in outputs {
            timings.add(&own);
            versions.push(output?);
        }
        let conformance = timed(&mut timings.codegen, || conformance(&versions, configured))?;
        Ok(Generation { versions, conformance, fixtures })
    }

    /// Makes the workspace hold exactly these files (only changed files are
    /// written), or with `check` only reports what differs.
    pub fn write(&self, root: &Path, check: bool, timings: &mut StageTimings) -> Result<WriteReport> {
        timed(&mut timings.write, || {
            let mut report = WriteReport::default();
            for v in &self.versions {
                let dir = root.join("generated").join(&v.settings.crate_name);
                report.add(sync_dir(&dir, &v.files, check)?);
                report.add(write_surface(root, &v.settings.version, &v.surface, check)?);
                let catalogs = root.join(codegen::mock_catalog::CATALOG_DIR);
                report.add(sync_files(&catalogs, std::slice::from_ref(&v.mock_catalog), check)?);
            }
            let conformance_dir = root.join(CONFORMANCE_DIR);
            report.add(match self.conformance.complete {
                true => sync_dir(&conformance_dir, &self.conformance.files, check)?,
                false => sync_files(&conformance_dir, &self.conformance.files, check)?,
            });
            for (dir, files) in &self.fixtures {
                report.add(sync_dir(&root.join(dir), files, check)?);
            }
            Ok(report)
        })
    }
}

/// Where the conformance crate lives, under the workspace root.
pub const CONFORMANCE_DIR: &str = "generated/sailpoint-conformance";

fn conformance(versions: &[VersionOutput], configured: &[VersionSettings]) -> Result<Conformance> {
    let modules: Vec<String> = configured.iter().map(|s| naming::version_module(&s.version)).collect();
    let all = configured.iter().map(|s| conformance_names(s, configured, &modules)).collect::<Result<Vec<_>>>()?;
    let mut files = conformance_shared(&all)?;
    // One large file per version (a call per operation): formatting them is
    // a third of codegen, and they are independent.
    let version_modules = versions.par_iter().map(|v| {
        version_module(&VersionExamples {
            names: conformance_names(&v.settings, configured, &modules)?,
            api: &v.api,
            examples: &v.examples,
        })
    });
    files.extend(version_modules.collect::<Result<Vec<_>>>()?);
    let complete = configured.iter().all(|c| versions.iter().any(|v| v.settings.version == c.version));
    Ok(Conformance { files, complete })
}

/// How the conformance crate names `settings`' version; `modules` are
/// the module names of `configured`, in its order.
fn conformance_names<'a>(settings: &'a VersionSettings, configured: &[VersionSettings], modules: &'a [String]) -> Result<ConformanceVersion<'a>> {
    let module = configured
        .iter()
        .position(|c| c.version == settings.version)
        .map(|i| modules[i].as_str())
        .ok_or_else(|| GenError::UnknownVersion(settings.version.clone()))?;
    Ok(ConformanceVersion {
        crate_name: &settings.crate_name,
        module,
        version: &settings.version,
    })
}

/// What writing changed (or, in check mode, would change).
#[derive(Debug, Default)]
pub struct WriteReport {
    pub syncs: Vec<SyncReport>,
}

impl WriteReport {
    fn add(&mut self, report: SyncReport) {
        self.syncs.push(report);
    }

    /// Files written (or that would be), and stale files deleted (or that would be).
    pub fn differing(&self) -> Vec<&Path> {
        self.syncs.iter().flat_map(|s| s.changed.iter().chain(&s.stale)).map(PathBuf::as_path).collect()
    }
}

/// Where the surface snapshot of a version lives (an insta snapshot that
/// `generator/tests/surface.rs` asserts).
pub fn surface_path(root: &Path, version: &str) -> PathBuf {
    root.join("specs/surface").join(format!("{version}.snap"))
}

const SNAPSHOT_HEADER: &str = "---\nsource: generator/tests/surface.rs\n---\n";

/// The committed surface of a version, without the snapshot header.
pub fn read_surface(root: &Path, version: &str) -> Option<String> {
    let text = std::fs::read_to_string(surface_path(root, version)).ok()?;
    Some(text.split_once("\n---\n").map_or(text.clone(), |(_, body)| body.to_owned()))
}

fn write_surface(root: &Path, version: &str, surface: &str, check: bool) -> Result<SyncReport> {
    let dir = root.join("specs/surface");
    let file = GeneratedFile {
        path: format!("{version}.snap"),
        contents: format!("{SNAPSHOT_HEADER}{surface}"),
    };
    crate::write::sync_files(&dir, std::slice::from_ref(&file), check)
}

/// The workspace a run writes into: the folder holding `specs/versions.toml`.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
}

impl Workspace {
    /// The nearest folder at or above `start` that holds `specs/versions.toml`
    /// and a `Cargo.toml`, found at run time, so a binary built in one
    /// checkout never writes into another.
    pub fn discover(start: &Path) -> Result<Workspace> {
        let start = start.canonicalize().map_err(|source| GenError::Io {
            path: start.to_path_buf(),
            source,
        })?;
        start
            .ancestors()
            .find(|dir| dir.join("specs/versions.toml").is_file() && dir.join("Cargo.toml").is_file())
            .map(|root| Workspace { root: root.to_path_buf() })
            .ok_or_else(|| GenError::Settings {
                path: start.clone(),
                message: "no folder at or above this one holds specs/versions.toml and Cargo.toml; run from the workspace".into(),
            })
    }

    pub fn versions_file(&self) -> PathBuf {
        self.root.join("specs/versions.toml")
    }

    pub fn versions(&self) -> Result<Vec<VersionSettings>> {
        crate::settings::read_versions(&self.versions_file())
    }

    /// The fixture crates: `specs/fixtures/` as one models crate, and each
    /// fixture listed in `specs/fixtures/crates.toml` as a full crate.
    pub fn fixture_crates(&self, timings: &mut StageTimings) -> Result<Vec<(PathBuf, Vec<GeneratedFile>)>> {
        let dir = self.root.join("specs/fixtures");
        let mut out = vec![(PathBuf::from("generated/sailpoint-fixtures"), codegen::fixtures::models_crate(&dir, timings)?)];
        for fixture in codegen::fixtures::read_crates(&dir)? {
            let settings = fixture.settings();
            let mut spec = SpecSet::load(&dir.join(&fixture.fixture), &settings.root_file)?;
            let api = build_api(&mut spec, &settings, timings)?;
            let files = timed(&mut timings.codegen, || codegen::generate_crate(&api, &settings))?;
            out.push((PathBuf::from("generated/fixtures").join(&fixture.fixture), files));
        }
        Ok(out)
    }
}
