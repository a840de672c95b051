//! `regen` and `stats`.

use anyhow::{bail, Context, Result};
use clap::Args;
use sailpoint_generator::codegen::{generate_crate, scaffold::Counts};
use sailpoint_generator::settings::VersionSettings;
use sailpoint_generator::write::sync_dir;
use sailpoint_generator::{build_ir, StageTimings};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct SpecArgs {
    /// The spec folder (holding sailpoint-api.<version>.yaml).
    #[arg(long = "specs", env = "SAILPOINT_SPECS", default_value = "../shared/specs/sailpoint")]
    pub specs: PathBuf,
    /// Only this version (beta, v2024, v2025); repeatable.
    #[arg(long = "version")]
    pub versions: Vec<String>,
}

#[derive(Args)]
pub struct RegenArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    /// Change nothing; fail if generated/ differs from what regen would write.
    #[arg(long)]
    pub check: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Deserialize)]
struct SettingsFile {
    version: Vec<VersionSettings>,
}

fn load_settings(root: &Path, only: &[String]) -> Result<Vec<VersionSettings>> {
    let path = root.join("specs/versions.toml");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let file: SettingsFile = toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    for v in only {
        if !file.version.iter().any(|s| &s.version == v) {
            bail!("unknown version `{v}`; {} lists {}", path.display(), file.version.iter().map(|s| s.version.as_str()).collect::<Vec<_>>().join(", "));
        }
    }
    Ok(file.version.into_iter().filter(|s| only.is_empty() || only.contains(&s.version)).collect())
}

fn spec_dir(root: &Path, args: &SpecArgs) -> Result<PathBuf> {
    let dir = if args.specs.is_absolute() { args.specs.clone() } else { root.join(&args.specs) };
    if !dir.is_dir() {
        bail!(
            "spec folder {} does not exist. Pass --specs <dir> or set SAILPOINT_SPECS to a copy of \
             sailpoint-oss/api-specs/idn (the folder holding sailpoint-api.v2025.yaml).",
            dir.display()
        );
    }
    Ok(dir)
}

pub fn regen(args: &RegenArgs) -> Result<ExitCode> {
    let root = crate::workspace_root();
    let specs = spec_dir(&root, &args.spec)?;
    let started = Instant::now();
    let mut stale = Vec::new();
    let mut timings = StageTimings::default();
    let mut write_time = std::time::Duration::ZERO;
    for settings in load_settings(&root, &args.spec.versions)? {
        let api = build_ir(&specs, &settings, &mut timings).with_context(|| format!("generating {}", settings.version))?;
        let t = Instant::now();
        let files = generate_crate(&api, &settings)?;
        timings.codegen += t.elapsed();
        let t = Instant::now();
        let report = sync_dir(&root.join("generated").join(&settings.crate_name), &files, args.check)?;
        write_time += t.elapsed();
        let c = Counts::of(&api);
        println!(
            "{:<6} {} operations ({} experimental, {} paginated), {} types ({} named, {} inline), {} diagnostics: {} files changed, {} stale",
            settings.version, c.operations, c.experimental, c.paginated, c.types, c.named_types, c.inline_types, c.diagnostics, report.changed.len(), report.stale.len()
        );
        stale.extend(report.changed);
        stale.extend(report.stale);
    }
    let t = Instant::now();
    let fixture_report = crate::fixtures::regen(&root, args.check)?;
    write_time += t.elapsed();
    stale.extend(fixture_report);
    if args.timings {
        println!(
            "timings: load {:?}, ir {:?}, codegen+format {:?}, write {:?}, total {:?}",
            timings.load, timings.ir, timings.codegen, write_time, started.elapsed()
        );
    }
    if args.check && !stale.is_empty() {
        eprintln!("generated/ is stale; run `cargo xtask regen` and commit. Differing files:");
        for path in stale.iter().take(50) {
            eprintln!("  {}", path.strip_prefix(&root).unwrap_or(path).display());
        }
        if stale.len() > 50 {
            eprintln!("  … and {} more", stale.len() - 50);
        }
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(args: &SpecArgs) -> Result<ExitCode> {
    let root = crate::workspace_root();
    let specs = spec_dir(&root, args)?;
    println!("{:<8} {:>10} {:>12} {:>9} {:>6} {:>6} {:>6} {:>11}", "version", "operations", "experimental", "paginated", "types", "named", "inline", "diagnostics");
    for settings in load_settings(&root, &args.versions)? {
        let api = build_ir(&specs, &settings, &mut StageTimings::default())?;
        let c = Counts::of(&api);
        println!("{:<8} {:>10} {:>12} {:>9} {:>6} {:>6} {:>6} {:>11}", settings.version, c.operations, c.experimental, c.paginated, c.types, c.named_types, c.inline_types, c.diagnostics);
    }
    Ok(ExitCode::SUCCESS)
}
