//! `regen` and `stats`: arguments, the lock decision and printing. The
//! stages themselves live in `sailpoint_generator::pipeline`.

use crate::spec_lock;
use anyhow::{bail, Context, Result};
use clap::Args;
use sailpoint_generator::changelog::{self, Summary};
use sailpoint_generator::codegen::scaffold::Counts;
use sailpoint_generator::lock::LockReport;
use sailpoint_generator::pipeline::{self, read_surface, Generation, Loaded, StageTimings, Workspace};
use sailpoint_generator::settings::VersionSettings;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct SpecArgs {
    /// The spec folder (holding `sailpoint-api.<version>.yaml`); relative to the workspace root.
    #[arg(long = "specs", env = "SAILPOINT_SPECS", default_value = "../shared/specs/sailpoint")]
    pub specs: PathBuf,
    /// Only this version; repeatable. The versions are those of specs/versions.toml.
    #[arg(long = "version")]
    pub versions: Vec<String>,
}

#[derive(Args)]
pub struct RegenArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    /// Change nothing; fail (with a diff) if generated/ or the surface snapshots differ from what regen would write.
    #[arg(long)]
    pub check: bool,
    /// Accept specs that differ from specs/spec-lock.toml and record their hashes.
    #[arg(long, conflicts_with = "check")]
    pub update_lock: bool,
    /// With --update-lock: the upstream commit the new specs came from.
    #[arg(long, requires = "update_lock")]
    pub upstream_commit: Option<String>,
    /// Also write the changelog as markdown to this file.
    #[arg(long)]
    pub changelog: Option<PathBuf>,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

/// Diff lines printed per stale file in `--check`, and files shown.
const FILES_DIFFED: usize = 20;

/// The versions of `configured` (specs/versions.toml) that `only` names, or all.
fn select_versions(workspace: &Workspace, configured: &[VersionSettings], only: &[String]) -> Result<Vec<VersionSettings>> {
    for v in only {
        if !configured.iter().any(|s| &s.version == v) {
            bail!(
                "unknown version `{v}`; {} lists {}",
                workspace.versions_file().display(),
                configured.iter().map(|s| s.version.as_str()).collect::<Vec<_>>().join(", ")
            );
        }
    }
    Ok(configured.iter().filter(|s| only.is_empty() || only.contains(&s.version)).cloned().collect())
}

fn spec_dir(workspace: &Workspace, args: &SpecArgs) -> Result<PathBuf> {
    let dir = workspace.root.join(&args.specs);
    if !dir.is_dir() {
        bail!(
            "spec folder {} does not exist. Pass --specs <dir> or set SAILPOINT_SPECS to a copy of \
             sailpoint-oss/api-specs/idn (the folder holding sailpoint-api.v2025.yaml).",
            dir.display()
        );
    }
    Ok(dir)
}

pub fn regen(workspace: &Workspace, args: &RegenArgs) -> Result<ExitCode> {
    let root = &workspace.root;
    let specs = spec_dir(workspace, &args.spec)?;
    let started = Instant::now();
    let mut timings = StageTimings::default();
    let mut lock = spec_lock::read(root)?;
    // The commit the generated docs name: the one this run records, if any.
    let spec_commit = args.upstream_commit.clone().unwrap_or_else(|| lock.upstream.commit.clone());

    let mut loaded: Vec<Loaded> = Vec::new();
    let mut lock_report = LockReport::default();
    let configured = workspace.versions()?;
    for mut settings in select_versions(workspace, &configured, &args.spec.versions)? {
        settings.spec_commit = spec_commit.clone();
        let version = settings.version.clone();
        let l = pipeline::load(&specs, settings, &mut timings).with_context(|| format!("loading {version}"))?;
        lock_report.add(&version, spec_lock::compare(&lock, &l.settings, &l.spec.hashes));
        loaded.push(l);
    }
    if !lock_report.is_empty() {
        if !args.update_lock {
            bail!("{}", lock_report.render(&args.spec.specs.display().to_string(), &args.spec.versions));
        }
        println!("accepting new specs: {}", lock_report.totals());
        for l in &loaded {
            spec_lock::record(&mut lock, &l.settings, &l.spec.hashes);
        }
    }

    let fixtures = workspace.fixture_crates(&mut timings).context("generating the fixture crates")?;
    let generation = Generation::run(loaded, &configured, fixtures, &mut timings)?;
    let report = generation.write(root, args.check, &mut timings)?;
    let mut changelog_md = String::new();
    for v in &generation.versions {
        print_counts(v.settings.version.as_str(), &v.api);
        for d in v.api.diagnostics.iter().filter(|d| d.kind == sailpoint_generator::ir::DiagnosticKind::FixupNotApplied) {
            println!("warning: {}: {} ({})", v.settings.version, d.fallback, d.location);
        }
        let old_surface = read_surface(root, &v.settings.version);
        let entries = changelog::compare(old_surface.as_deref().unwrap_or_default(), &v.surface);
        print_summary(&v.settings.version, &entries);
        changelog_md.push_str(&changelog::markdown(&v.settings.version, &entries));
        changelog_md.push('\n');
    }
    if args.update_lock {
        if lock.upstream.repository.is_empty() {
            lock.upstream.repository = "sailpoint-oss/api-specs".into();
            lock.upstream.folder = "idn".into();
        }
        if let Some(commit) = &args.upstream_commit {
            lock.upstream.commit = commit.clone();
        }
        spec_lock::write(root, &lock)?;
    }
    if let Some(path) = &args.changelog {
        std::fs::write(path, &changelog_md).with_context(|| format!("writing {}", path.display()))?;
    }
    if args.timings {
        println!("timings (wall): {}, total {} ms", timings.render(), started.elapsed().as_millis());
    }
    let differing = report.differing();
    if args.check && !differing.is_empty() {
        print_stale(root, &report);
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_counts(version: &str, api: &sailpoint_generator::ir::Api) {
    let c = Counts::of(api);
    println!(
        "{version:<6} {} operations ({} experimental, {} paginated), {} types ({} named, {} inline), {} diagnostics",
        c.operations, c.experimental, c.paginated, c.types, c.named_types, c.inline_types, c.diagnostics
    );
}

/// What `--check` found, like `cargo fmt --check`: a bounded diff per file.
fn print_stale(root: &Path, report: &pipeline::WriteReport) {
    let diffs: Vec<_> = report.syncs.iter().flat_map(|s| &s.diffs).collect();
    eprintln!("generated/ is stale ({} files differ); run `cargo xtask regen` and commit.", diffs.len());
    for diff in diffs.iter().take(FILES_DIFFED) {
        let shown = diff.path.strip_prefix(root).unwrap_or(&diff.path).display().to_string();
        eprint!("{}", diff.render(&shown));
    }
    if diffs.len() > FILES_DIFFED {
        eprintln!("… and {} more files", diffs.len() - FILES_DIFFED);
    }
}

fn print_summary(version: &str, entries: &[changelog::Entry]) {
    if entries.is_empty() {
        return;
    }
    println!("       {version}: {} since the last generation:", Summary::of(entries));
    for e in entries.iter().take(40) {
        println!("         {}{}", if e.is_breaking() { "BREAKING " } else { "" }, e.text);
    }
    if entries.len() > 40 {
        println!("         … and {} more (use --changelog FILE for all)", entries.len() - 40);
    }
}

pub fn stats(workspace: &Workspace, args: &SpecArgs) -> Result<ExitCode> {
    let specs = spec_dir(workspace, args)?;
    println!("{:<8} {:>10} {:>12} {:>9} {:>6} {:>6} {:>6} {:>11}", "version", "operations", "experimental", "paginated", "types", "named", "inline", "diagnostics");
    for settings in select_versions(workspace, &workspace.versions()?, &args.versions)? {
        let api = sailpoint_generator::build_ir(&specs, &settings, &mut StageTimings::default())?;
        let c = Counts::of(&api);
        println!("{:<8} {:>10} {:>12} {:>9} {:>6} {:>6} {:>6} {:>11}", settings.version, c.operations, c.experimental, c.paginated, c.types, c.named_types, c.inline_types, c.diagnostics);
    }
    Ok(ExitCode::SUCCESS)
}
