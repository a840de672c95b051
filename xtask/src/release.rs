//! `cargo xtask release`: the version of each generated crate, decided
//! from its API surface.
//!
//! # Policy
//!
//! The surface (`specs/surface/<version>.snap`, one line per operation
//! parameter, response, field and enum value) at the last release is
//! compared with the current one by `sailpoint_generator::changelog`:
//!
//! * a **breaking** change (something removed or retyped, a new required
//!   parameter) needs a semver-incompatible bump: the minor version while
//!   the crate is 0.x (0.3.1 → 0.4.0), the major one from 1.0;
//! * **deprecations** (and experimental flips) and **additions** need a
//!   compatible bump: the patch version while the crate is 0.x (0.3.1 →
//!   0.3.2), the minor one from 1.0;
//! * no surface change needs no release. Changes the surface cannot see
//!   (the generator's code shape, a new runtime requirement) are judged by
//!   the person releasing: `--at-least minor`.
//!
//! A new struct field counts as an addition: the crate docs tell users to
//! build structs with `..Default::default()`.
//!
//! # Records
//!
//! `specs/releases/<version>/surface.snap` is the surface at the last
//! release, its header naming the crate version; `specs/releases/<version>/CHANGELOG.md`
//! holds the released sections, newest first, which regen copies into the
//! crate's `CHANGELOG.md` (so `cargo package` ships it and `regen --check`
//! keeps it in sync). Git history keeps the older surfaces; the person who
//! publishes tags `<crate>-v<version>`.
//!
//! # Why the surface diff and not cargo-semver-checks
//!
//! cargo-semver-checks compares rustdoc JSON of the baseline and the
//! current crate, so it must build the rustdoc JSON of each generated
//! crate twice (the baseline from the registry or a git revision, then the
//! working tree): about 1 to 2 minutes each for v2025 on this 2-core
//! machine, 6 to 12 minutes for the three crates, against a CI budget
//! already dominated by compiling them. It also needs a published (or
//! checked-out) baseline, which does not exist before the first publish.
//! The surface is already generated, reviewed and checked by `regen
//! --check`, it is derived from the same IR as the code, and comparing two
//! surfaces takes milliseconds. What it cannot see is listed above; once
//! the crates are published, running cargo-semver-checks before each
//! release (not on every CI run) is a worthwhile second opinion.

use crate::regen::{self, RegenArgs, SpecArgs};
use crate::spec_lock;
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, ValueEnum};
use sailpoint_generator::changelog::{self, Category, Entry, Summary};
use sailpoint_generator::pipeline::{read_surface, Workspace};
use sailpoint_generator::settings::{release_changelog_path, release_surface_path, VersionSettings};
use semver::Version;
use toml_edit::{DocumentMut, Item};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct ReleaseArgs {
    /// Bump specs/versions.toml and the workspace dependencies, record the surface and the changelog, then regenerate. Without it: a dry run that changes nothing.
    #[arg(long)]
    pub execute: bool,
    /// Only this version; repeatable. The versions are those of specs/versions.toml.
    #[arg(long = "version")]
    pub versions: Vec<String>,
    /// Bump at least this much even if the surface asks for less (for changes the surface cannot see: generator output, runtime requirement).
    #[arg(long, value_enum)]
    pub at_least: Option<Level>,
    /// The date written in the changelog (default: today, UTC).
    #[arg(long)]
    pub date: Option<String>,
    /// With --execute: write the records but do not run `cargo xtask regen` afterwards.
    #[arg(long, requires = "execute")]
    pub no_regen: bool,
    /// The spec folder, for the regen that follows --execute.
    #[arg(long = "specs", env = "SAILPOINT_SPECS", default_value = "../shared/specs/sailpoint")]
    pub specs: PathBuf,
}

/// How much of a version a change bumps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Level {
    Patch,
    Minor,
    Major,
}

/// A release version: `MAJOR.MINOR.PATCH` without pre-release or build
/// parts (the generated crates use none, and the bump rules below would
/// not know what to do with them).
pub fn parse_version(text: &str) -> Result<Version> {
    let text = text.trim();
    let version = Version::parse(text).with_context(|| format!("`{text}` is not a MAJOR.MINOR.PATCH version"))?;
    if !version.pre.is_empty() || !version.build.is_empty() {
        bail!("`{text}` has a pre-release or build part; releases use MAJOR.MINOR.PATCH only");
    }
    Ok(version)
}

/// `version` raised by `level`, the lower parts reset.
pub fn bump(version: &Version, level: Level) -> Version {
    match level {
        Level::Major => Version::new(version.major + 1, 0, 0),
        Level::Minor => Version::new(version.major, version.minor + 1, 0),
        Level::Patch => Version::new(version.major, version.minor, version.patch + 1),
    }
}

/// The bump a change needs from `version`: semver, with 0.x shifted one
/// place (cargo treats 0.x.y → 0.x+1.0 as incompatible).
pub fn level_for(version: &Version, change: Change) -> Level {
    match (change, version.major) {
        (Change::Breaking, 0) => Level::Minor,
        (Change::Breaking, _) => Level::Major,
        (Change::Compatible, 0) => Level::Patch,
        (Change::Compatible, _) => Level::Minor,
    }
}

/// What the surface changes since the last release amount to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Breaking,
    Compatible,
}

impl Change {
    pub fn of(entries: &[Entry]) -> Option<Change> {
        if entries.iter().any(|e| e.category == Category::Breaking) {
            Some(Change::Breaking)
        } else if entries.is_empty() {
            None
        } else {
            Some(Change::Compatible)
        }
    }
}

/// The decision for one crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// No release recorded yet: the configured version is the first.
    First { version: Version },
    /// Nothing changed and the version is the released one.
    Nothing,
    /// Release as `to`; `bump` when versions.toml must change to get there.
    Release { to: Version, bump: bool },
}

/// Decides the next version from the last release, what changed since,
/// any `--at-least`, and the version versions.toml holds now. An error is
/// a version that went down or a manual bump too small for the change.
pub fn decide(released: Option<&Version>, change: Option<Change>, at_least: Option<Level>, configured: Version) -> Result<Decision> {
    let Some(released) = released else {
        return Ok(Decision::First { version: configured });
    };
    if configured < *released {
        bail!("versions.toml has {configured}, older than the last release {released}");
    }
    let level = change.map(|c| level_for(released, c)).max(at_least);
    let Some(level) = level else {
        return Ok(if configured == *released { Decision::Nothing } else { Decision::Release { to: configured, bump: false } });
    };
    let needed = bump(released, level);
    if configured == *released {
        Ok(Decision::Release { to: needed, bump: true })
    } else if configured >= needed {
        Ok(Decision::Release { to: configured, bump: false })
    } else {
        bail!("versions.toml has {configured}, but the changes since {released} need at least {needed} (a {level:?} bump)")
    }
}

/// The surface recorded at the last release, and that release's version.
pub struct Released {
    pub version: Version,
    pub surface: String,
}

const RELEASE_HEADER_END: &str = "\n---\n";

fn read_release(versions_file: &Path, version: &str) -> Result<Option<Released>> {
    let path = release_surface_path(versions_file, version);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let (header, surface) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once(RELEASE_HEADER_END))
        .ok_or_else(|| anyhow!("{}: no `---` header", path.display()))?;
    let released = header
        .lines()
        .find_map(|l| l.strip_prefix("version: "))
        .ok_or_else(|| anyhow!("{}: the header names no `version: `", path.display()))?;
    Ok(Some(Released { version: parse_version(released)?, surface: surface.to_owned() }))
}

fn render_release(crate_name: &str, version: &Version, surface: &str) -> String {
    format!("---\ncrate: {crate_name}\nversion: {version}{RELEASE_HEADER_END}{surface}")
}

/// One crate's plan, as the dry run prints it and `--execute` applies it.
struct Plan {
    settings: VersionSettings,
    surface: String,
    released: Option<Version>,
    entries: Vec<Entry>,
    decision: Decision,
}

pub fn release(workspace: &Workspace, args: &ReleaseArgs) -> Result<ExitCode> {
    let root = &workspace.root;
    let versions_file = workspace.versions_file();
    let all = workspace.versions()?;
    for v in &args.versions {
        if !all.iter().any(|s| &s.version == v) {
            bail!("unknown version `{v}`");
        }
    }
    let manifest_path = root.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).with_context(|| format!("reading {}", manifest_path.display()))?;
    let mut failed = false;
    let mut plans = Vec::new();
    for settings in all.into_iter().filter(|s| args.versions.is_empty() || args.versions.contains(&s.version)) {
        let label = format!("{} ({})", settings.version, settings.crate_name);
        let surface = read_surface(root, &settings.version)
            .ok_or_else(|| anyhow!("{label}: no specs/surface/{}.snap; run `cargo xtask regen`", settings.version))?;
        let configured = parse_version(&settings.crate_version).with_context(|| format!("{label}: crate_version"))?;
        match workspace_dependency_version(&manifest, &settings.crate_name) {
            Some(v) if v == settings.crate_version => {}
            Some(v) => {
                eprintln!("{label}: Cargo.toml's [workspace.dependencies] has {v}, versions.toml {configured}; they must be equal");
                failed = true;
            }
            None => {
                eprintln!("{label}: Cargo.toml's [workspace.dependencies] has no `{} = {{ version = \"…\", path = … }}`", settings.crate_name);
                failed = true;
            }
        }
        let released = read_release(&versions_file, &settings.version)?;
        let entries = released.as_ref().map(|r| changelog::compare(&r.surface, &surface)).unwrap_or_default();
        let released = released.map(|r| r.version);
        match decide(released.as_ref(), Change::of(&entries), args.at_least, configured.clone()) {
            Ok(decision) => {
                print_plan(&label, released.as_ref(), &configured, &entries, &decision, args.execute);
                plans.push(Plan { settings, surface, released, entries, decision });
            }
            Err(e) => {
                eprintln!("{label}: {e:#}");
                failed = true;
            }
        }
    }
    print_publishing(&manifest);
    if failed {
        return Ok(ExitCode::FAILURE);
    }
    if !args.execute {
        if plans.iter().any(|p| p.decision != Decision::Nothing) {
            println!("\ndry run: nothing written; `cargo xtask release --execute` applies the above");
        }
        return Ok(ExitCode::SUCCESS);
    }

    let date = match &args.date {
        Some(date) => date.clone(),
        None => today_utc(),
    };
    let spec_commit = spec_lock::read(root)?.upstream.commit;
    let mut manifest = manifest;
    let mut versions_text = std::fs::read_to_string(&versions_file).with_context(|| format!("reading {}", versions_file.display()))?;
    let mut wrote = false;
    for plan in &plans {
        let version = match &plan.decision {
            Decision::Nothing => continue,
            Decision::First { version } => version,
            Decision::Release { to, bump } => {
                if *bump {
                    versions_text = set_crate_version(&versions_text, &plan.settings.version, &to.to_string())?;
                    manifest = set_workspace_dependency_version(&manifest, &plan.settings.crate_name, &to.to_string())?;
                }
                to
            }
        };
        let surface_path = release_surface_path(&versions_file, &plan.settings.version);
        write(&surface_path, &render_release(&plan.settings.crate_name, version, &plan.surface))?;
        let changelog_path = release_changelog_path(&versions_file, &plan.settings.version);
        let previous = std::fs::read_to_string(&changelog_path).unwrap_or_default();
        let section = changelog_section(version, &date, &spec_commit, plan.released.as_ref(), &plan.entries);
        let separator = if previous.is_empty() { "" } else { "\n" };
        write(&changelog_path, &format!("{}\n{separator}{previous}", section.trim_end()))?;
        println!("{}: recorded {version} in {}", plan.settings.version, surface_path.parent().unwrap_or(Path::new(".")).display());
        wrote = true;
    }
    write(&versions_file, &versions_text)?;
    write(&manifest_path, &manifest)?;
    if !wrote || args.no_regen {
        if wrote {
            println!("now run `cargo xtask regen` to carry the versions and changelogs into generated/");
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!("regenerating, so generated/ carries the new versions and changelogs");
    let regen_args = RegenArgs {
        spec: SpecArgs { specs: args.specs.clone(), versions: Vec::new() },
        check: false,
        update_lock: false,
        upstream_commit: None,
        changelog: None,
        timings: false,
    };
    regen::regen(workspace, &regen_args)
}

fn print_plan(label: &str, released: Option<&Version>, configured: &Version, entries: &[Entry], decision: &Decision, execute: bool) {
    let (would, would_be) = if execute { ("", "is") } else { ("would ", "would be") };
    match decision {
        Decision::First { version } => {
            println!("{label}: no release recorded; {version} {would_be} the first (its surface becomes the baseline)");
            return;
        }
        Decision::Nothing => {
            println!("{label}: {configured}, no API change since that release");
            return;
        }
        Decision::Release { to, bump } => {
            let since = released.map_or_else(String::new, |r| format!(" since {r}"));
            let change = match Change::of(entries) {
                Some(Change::Breaking) => "breaking: a semver-incompatible bump (0.x: the minor version)",
                Some(Change::Compatible) => "compatible: a semver-compatible bump (0.x: the patch version)",
                None => "no API change; bumped by hand or --at-least",
            };
            println!("{label}: {}{since}; {change}", Summary::of(entries));
            if *bump {
                println!("  versions.toml has {configured}: {would}bump to {to}");
            } else {
                println!("  versions.toml has {configured}: {would}release as is");
            }
        }
    }
    for e in entries.iter().take(20) {
        println!("    {}{}", if e.is_breaking() { "BREAKING " } else { "" }, e.text);
    }
    if entries.len() > 20 {
        println!("    … and {} more (all of them go into the changelog)", entries.len() - 20);
    }
}

/// Whether publishing is switched on, and what publishing takes.
fn print_publishing(manifest: &str) {
    let publish = manifest
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("workspace")?.get("package")?.get("publish").cloned());
    let on = matches!(publish, None | Some(toml::Value::Boolean(true)))
        || matches!(&publish, Some(toml::Value::Array(registries)) if registries.iter().any(|r| r.as_str() == Some("crates-io")));
    if on {
        println!("\npublishing is ON ([workspace.package] publish in Cargo.toml).");
    } else {
        println!("\npublishing is off ([workspace.package] publish = {} in Cargo.toml).", publish.map_or_else(String::new, |p| p.to_string()));
    }
    println!(
        "To publish after a release: set `publish = false` in the internal crates (generator, xtask, examples, tests, bench), \
         `publish = true` in [workspace.package], then `cargo publish` sailpoint-runtime, the generated crates and \
         sailpoint-mock-tenant in that order, and tag each `<crate>-v<version>`."
    );
}

/// The changelog section of one release, newest-first file order.
fn changelog_section(version: &Version, date: &str, spec_commit: &str, released: Option<&Version>, entries: &[Entry]) -> String {
    let from = if spec_commit.is_empty() { String::new() } else { format!(" Generated from sailpoint-oss/api-specs commit `{spec_commit}`.") };
    let heading = format!("{version} ({date})");
    match released {
        None => format!("## {heading}\n\nFirst release.{from}\n"),
        Some(released) => {
            let body = changelog::markdown(&heading, entries);
            // `markdown` titles its section `### …`; releases are `## …`.
            let body = body.strip_prefix("### ").map_or(body.clone(), |rest| format!("## {rest}"));
            let (title, rest) = body.split_once("\n\n").unwrap_or((&body, ""));
            format!("{title}\n\nChanges since {released}: {}.{from}\n\n{rest}", Summary::of(entries))
        }
    }
}

/// `crate = { version = "X", … }` in the root manifest's [workspace.dependencies].
fn workspace_dependency_version(manifest: &str, crate_name: &str) -> Option<String> {
    let table: toml::Table = manifest.parse().ok()?;
    let dep = table.get("workspace")?.get("dependencies")?.get(crate_name)?;
    Some(dep.get("version")?.as_str()?.to_owned())
}

/// Sets `version` of `crate_name` in the root manifest's
/// [workspace.dependencies], keeping the file's formatting.
fn set_workspace_dependency_version(manifest: &str, crate_name: &str, version: &str) -> Result<String> {
    let mut doc: DocumentMut = manifest.parse().context("parsing Cargo.toml")?;
    let entry = doc
        .get_mut("workspace")
        .and_then(|w| w.get_mut("dependencies"))
        .and_then(|d| d.get_mut(crate_name))
        .and_then(|d| d.get_mut("version"))
        .and_then(Item::as_value_mut)
        .ok_or_else(|| anyhow!("Cargo.toml has no `{crate_name} = {{ version = \"…\", … }}` in [workspace.dependencies]"))?;
    replace_keeping_decor(entry, version);
    Ok(doc.to_string())
}

/// Sets `crate_version` in the `[[version]]` table of `version`, keeping
/// the file's formatting.
fn set_crate_version(text: &str, version: &str, crate_version: &str) -> Result<String> {
    let mut doc: DocumentMut = text.parse().context("parsing specs/versions.toml")?;
    let entry = doc
        .get_mut("version")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|tables| tables.iter_mut().find(|t| t.get("version").and_then(Item::as_str) == Some(version)))
        .and_then(|table| table.get_mut("crate_version"))
        .and_then(Item::as_value_mut)
        .ok_or_else(|| anyhow!("specs/versions.toml: the `{version}` table has no crate_version"))?;
    replace_keeping_decor(entry, crate_version);
    Ok(doc.to_string())
}

/// A new string value in place of `value`, with its spacing and comments.
fn replace_keeping_decor(value: &mut toml_edit::Value, text: &str) {
    let decor = value.decor().clone();
    *value = text.into();
    *value.decor_mut() = decor;
}

fn write(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today_utc() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        parse_version(text).unwrap()
    }

    #[test]
    fn breaking_bumps_minor_before_1_0_and_major_after() {
        let next = |text: &str, change| bump(&v(text), level_for(&v(text), change));
        assert_eq!(next("0.3.1", Change::Breaking), v("0.4.0"));
        assert_eq!(next("0.3.1", Change::Compatible), v("0.3.2"));
        assert_eq!(next("1.2.3", Change::Breaking), v("2.0.0"));
        assert_eq!(next("1.2.3", Change::Compatible), v("1.3.0"));
        assert!(parse_version("1.0.0-rc.1").is_err());
        assert!(parse_version("1.0").is_err());
    }

    #[test]
    fn decisions() {
        use Decision::*;
        let released = v("0.1.0");
        let (r, b, c) = (Some(&released), Some(Change::Breaking), Some(Change::Compatible));
        assert_eq!(decide(None, None, None, v("0.1.0")).unwrap(), First { version: v("0.1.0") });
        assert_eq!(decide(r, None, None, v("0.1.0")).unwrap(), Nothing);
        assert_eq!(decide(r, b, None, v("0.1.0")).unwrap(), Release { to: v("0.2.0"), bump: true });
        assert_eq!(decide(r, c, None, v("0.1.0")).unwrap(), Release { to: v("0.1.1"), bump: true });
        assert_eq!(decide(r, None, Some(Level::Patch), v("0.1.0")).unwrap(), Release { to: v("0.1.1"), bump: true });
        assert_eq!(decide(r, c, Some(Level::Minor), v("0.1.0")).unwrap(), Release { to: v("0.2.0"), bump: true });
        // Already bumped by hand, enough or more than enough.
        assert_eq!(decide(r, b, None, v("0.2.0")).unwrap(), Release { to: v("0.2.0"), bump: false });
        assert_eq!(decide(r, c, None, v("1.0.0")).unwrap(), Release { to: v("1.0.0"), bump: false });
        // Not enough, or backwards.
        assert!(decide(r, b, None, v("0.1.5")).unwrap_err().to_string().contains("need at least 0.2.0"));
        assert!(decide(Some(&v("0.2.0")), None, None, v("0.1.0")).is_err());
    }

    #[test]
    fn change_follows_the_changelog_categories() {
        let entry = |category| Entry { category, text: String::new() };
        assert_eq!(Change::of(&[]), None);
        assert_eq!(Change::of(&[entry(Category::Addition), entry(Category::Deprecation)]), Some(Change::Compatible));
        assert_eq!(Change::of(&[entry(Category::Addition), entry(Category::Breaking)]), Some(Change::Breaking));
    }

    #[test]
    fn edits_touch_only_their_line() {
        let versions = "[[version]]\nversion = \"beta\"\ncrate_version = \"0.1.0\"\n\n[[version]]\nversion = \"v2025\"\ncrate_name = \"x\"\ncrate_version = \"0.1.0\"\n\n[version.name_overrides]\n";
        let edited = set_crate_version(versions, "v2025", "0.2.0").unwrap();
        assert_eq!(edited, versions.replacen("crate_name = \"x\"\ncrate_version = \"0.1.0\"", "crate_name = \"x\"\ncrate_version = \"0.2.0\"", 1));
        let manifest = "[workspace.dependencies]\nserde = \"1\"\nsailpoint-v2025 = { version = \"0.1.0\", path = \"generated/sailpoint-v2025\" }\n";
        let edited = set_workspace_dependency_version(manifest, "sailpoint-v2025", "0.2.0").unwrap();
        assert_eq!(edited, manifest.replace("0.1.0", "0.2.0"));
        assert_eq!(workspace_dependency_version(&edited, "sailpoint-v2025").as_deref(), Some("0.2.0"));
    }

    #[test]
    fn release_records_round_trip() {
        let dir = std::env::temp_dir().join(format!("xtask-release-{}", std::process::id()));
        let versions_file = dir.join("versions.toml");
        let path = release_surface_path(&versions_file, "v2025");
        write(&path, &render_release("sailpoint-v2025", &v("0.2.0"), "op a.b: GET /x\n")).unwrap();
        let read = read_release(&versions_file, "v2025").unwrap().unwrap();
        assert_eq!((read.version, read.surface.as_str()), (v("0.2.0"), "op a.b: GET /x\n"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn changelog_sections() {
        let entries = changelog::compare("type A: struct\n", "type A: struct\ntype B: struct\n");
        let section = changelog_section(&v("0.1.1"), "2026-11-29", "abc", Some(&v("0.1.0")), &entries);
        assert_eq!(
            section,
            "## 0.1.1 (2026-11-29)\n\nChanges since 0.1.0: 1 changes (breaking 0, deprecated/experimental 0, additions 1). Generated from sailpoint-oss/api-specs commit `abc`.\n\n**Additions and other compatible changes**\n\n- added type `B`\n\n"
        );
        assert_eq!(changelog_section(&v("0.1.0"), "2026-11-29", "", None, &[]), "## 0.1.0 (2026-11-29)\n\nFirst release.\n");
    }
}
