//! `regen` and `stats`.

use crate::spec_lock;
use anyhow::{bail, Context, Result};
use clap::Args;
use sailpoint_generator::codegen::conformance::{conformance_crate, VersionExamples};
use sailpoint_generator::codegen::{generate_crate, scaffold::Counts};
use sailpoint_generator::settings::{read_versions, VersionSettings};
use sailpoint_generator::write::sync_dir;
use sailpoint_generator::{build_ir, changelog, examples, convert_spec, load_spec, surface, StageTimings};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct SpecArgs {
    /// The spec folder (holding `sailpoint-api.<version>.yaml`).
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
    /// Change nothing; fail if generated/ or the surface snapshots differ from what regen would write.
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

fn load_settings(root: &Path, only: &[String]) -> Result<Vec<VersionSettings>> {
    let path = root.join("specs/versions.toml");
    let versions = read_versions(&path)?;
    for v in only {
        if !versions.iter().any(|s| &s.version == v) {
            bail!("unknown version `{v}`; {} lists {}", path.display(), versions.iter().map(|s| s.version.as_str()).collect::<Vec<_>>().join(", "));
        }
    }
    Ok(versions.into_iter().filter(|s| only.is_empty() || only.contains(&s.version)).collect())
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

/// Where the surface snapshot of a version lives (an insta snapshot that
/// `generator/tests/surface.rs` asserts).
pub fn surface_path(root: &Path, version: &str) -> PathBuf {
    root.join("specs/surface").join(format!("{version}.snap"))
}

const SNAPSHOT_HEADER: &str = "---\nsource: generator/tests/surface.rs\n---\n";

fn read_surface(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(text.split_once("\n---\n").map_or(text.clone(), |(_, body)| body.to_owned()))
}

pub fn regen(args: &RegenArgs) -> Result<ExitCode> {
    let root = crate::workspace_root();
    let specs = spec_dir(&root, &args.spec)?;
    let started = Instant::now();
    let mut stale = Vec::new();
    let mut timings = StageTimings::default();
    let mut write_time = Duration::ZERO;
    let mut lock = spec_lock::read(&root)?;
    let mut changelog_md = String::new();
    // Kept for the conformance decode table, written once all are done.
    let mut conformance_inputs = Vec::new();
    // The commit the generated docs name: the one this run records, if any.
    let spec_commit = args.upstream_commit.clone().unwrap_or_else(|| lock.upstream.commit.clone());
    for mut settings in load_settings(&root, &args.spec.versions)? {
        settings.spec_commit = spec_commit.clone();
        let mut spec = load_spec(&specs, &settings, &mut timings).with_context(|| format!("loading {}", settings.version))?;
        let diff = spec_lock::compare(&lock, &settings, &spec.hashes);
        if !diff.is_empty() {
            if !args.update_lock {
                bail!(
                    "the {} spec differs from specs/spec-lock.toml:\n{diff}\
                     If these specs are the ones you mean to generate from, review the change and run\n  \
                     cargo xtask regen --update-lock [--upstream-commit <sha>]",
                    settings.version
                );
            }
            println!("{}: accepting new specs ({} changed, {} added, {} removed files)", settings.version, diff.changed.len(), diff.added.len(), diff.removed.len());
            spec_lock::record(&mut lock, &settings, &spec.hashes);
        }
        let api = convert_spec(&mut spec, &settings, &mut timings).with_context(|| format!("converting {}", settings.version))?;
        let t = Instant::now();
        let files = generate_crate(&api, &settings)?;
        let examples = examples::collect(&spec, &api).with_context(|| format!("collecting the examples of {}", settings.version))?;
        timings.codegen += t.elapsed();

        let t = Instant::now();
        let report = sync_dir(&root.join("generated").join(&settings.crate_name), &files, args.check)?;
        let new_surface = surface::render(&api);
        let path = surface_path(&root, &settings.version);
        let old_surface = read_surface(&path);
        if old_surface.as_deref() != Some(new_surface.as_str()) {
            stale.push(path.clone());
            if !args.check {
                std::fs::create_dir_all(path.parent().unwrap_or(&root))?;
                std::fs::write(&path, format!("{SNAPSHOT_HEADER}{new_surface}"))?;
            }
        }
        write_time += t.elapsed();

        let c = Counts::of(&api);
        println!(
            "{:<6} {} operations ({} experimental, {} paginated), {} types ({} named, {} inline), {} diagnostics: {} files changed, {} stale",
            settings.version, c.operations, c.experimental, c.paginated, c.types, c.named_types, c.inline_types, c.diagnostics, report.changed.len(), report.stale.len()
        );
        let entries = changelog::compare(old_surface.as_deref().unwrap_or_default(), &new_surface);
        print_summary(&settings.version, &entries);
        changelog_md.push_str(&changelog::markdown(&settings.version, &entries));
        changelog_md.push('\n');
        stale.extend(report.changed);
        stale.extend(report.stale);
        conformance_inputs.push((settings, api, examples));
    }
    let t = Instant::now();
    if args.spec.versions.is_empty() {
        let versions: Vec<VersionExamples> = conformance_inputs
            .iter()
            .map(|(settings, api, examples)| VersionExamples {
                crate_name: &settings.crate_name,
                module: &settings.version,
                api,
                examples,
            })
            .collect();
        let report = sync_dir(&root.join("generated/sailpoint-conformance"), &conformance_crate(&versions)?, args.check)?;
        stale.extend(report.changed);
        stale.extend(report.stale);
    } else {
        println!("generated/sailpoint-conformance left as it is: it covers every version, and --version chose some");
    }
    write_time += t.elapsed();
    if args.update_lock {
        if lock.upstream.repository.is_empty() {
            lock.upstream.repository = "sailpoint-oss/api-specs".into();
            lock.upstream.folder = "idn".into();
        }
        if let Some(commit) = &args.upstream_commit {
            lock.upstream.commit = commit.clone();
        }
        spec_lock::write(&root, &lock)?;
    }
    let t = Instant::now();
    stale.extend(crate::fixtures::regen(&root, args.check)?);
    write_time += t.elapsed();
    if let Some(path) = &args.changelog {
        std::fs::write(path, &changelog_md).with_context(|| format!("writing {}", path.display()))?;
    }
    if args.timings {
        let format_cpu = sailpoint_generator::codegen::take_format_time();
        println!(
            "timings (wall): load {:.0?}, ir {:.0?}, codegen+format {:.0?} (format {:.0?} CPU over {} threads), write+surface {:.0?}, total {:.0?}",
            timings.load,
            timings.ir,
            timings.codegen,
            format_cpu,
            rayon_threads(),
            write_time,
            started.elapsed()
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

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn print_summary(version: &str, entries: &[changelog::Entry]) {
    if entries.is_empty() {
        return;
    }
    let breaking = entries.iter().filter(|e| e.breaking).count();
    println!("       {version}: {} API changes since the last generation ({breaking} breaking):", entries.len());
    for e in entries.iter().take(40) {
        println!("         {}{}", if e.breaking { "BREAKING " } else { "" }, e.text);
    }
    if entries.len() > 40 {
        println!("         … and {} more (use --changelog FILE for all)", entries.len() - 40);
    }
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
