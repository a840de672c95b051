//! The spec lock (`specs/spec-lock.toml`): where the specs came from and a
//! SHA-256 of every file reachable from each version's root. Regeneration
//! against anything else is refused until a maintainer accepts it, so a
//! silently different spec folder can never change the crates.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecLock {
    pub upstream: Upstream,
    #[serde(default)]
    pub versions: BTreeMap<String, VersionLock>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upstream {
    /// `owner/name` of the repository the specs were copied from.
    pub repository: String,
    /// The folder of that repository the spec folder mirrors.
    pub folder: String,
    pub commit: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionLock {
    pub root_file: String,
    /// File (relative to the spec folder) → SHA-256 of its bytes.
    pub files: BTreeMap<String, String>,
}

/// How a spec folder differs from the lock, per file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LockDiff {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl LockDiff {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    pub fn totals(&self) -> LockTotals {
        LockTotals { changed: self.changed.len(), added: self.added.len(), removed: self.removed.len() }
    }

    /// Every differing file with its label, in display order.
    fn labelled(&self) -> impl Iterator<Item = (&'static str, &String)> {
        [("changed", &self.changed), ("added", &self.added), ("removed", &self.removed)]
            .into_iter()
            .flat_map(|(label, files)| files.iter().map(move |f| (label, f)))
    }
}

/// File counts of one or more [`LockDiff`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LockTotals {
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
}

impl std::ops::AddAssign for LockTotals {
    fn add_assign(&mut self, other: Self) {
        self.changed += other.changed;
        self.added += other.added;
        self.removed += other.removed;
    }
}

impl std::fmt::Display for LockTotals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} changed, {} added, {} removed", self.changed, self.added, self.removed)
    }
}

/// Every version whose specs differ from the lock, so one run shows the
/// whole change instead of stopping at the first version.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LockReport {
    /// (version, how it differs), only versions that differ, in check order.
    pub versions: Vec<(String, LockDiff)>,
}

/// File names listed per version before "… and N more": a spec update can
/// touch thousands of files, and the totals already say how many.
const FILES_SHOWN_PER_VERSION: usize = 20;

impl LockReport {
    /// Records `version`'s diff; an empty diff is left out.
    pub fn add(&mut self, version: impl Into<String>, diff: LockDiff) {
        if !diff.is_empty() {
            self.versions.push((version.into(), diff));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }

    pub fn totals(&self) -> LockTotals {
        let mut totals = LockTotals::default();
        for (_, diff) in &self.versions {
            totals += diff.totals();
        }
        totals
    }

    /// The report with a hint that repeats the `--specs` (and any
    /// `--version`) the maintainer gave, so the command can be pasted as is.
    pub fn render(&self, specs_arg: &str, version_args: &[String]) -> String {
        let mut out = String::new();
        let _ = self.write_to(&mut out, specs_arg, version_args);
        out
    }

    fn write_to(&self, out: &mut String, specs_arg: &str, version_args: &[String]) -> std::fmt::Result {
        writeln!(out, "the specs differ from specs/spec-lock.toml in {} version(s):", self.versions.len())?;
        for (version, diff) in &self.versions {
            writeln!(out, "  {version}: {}", diff.totals())?;
            for (label, file) in diff.labelled().take(FILES_SHOWN_PER_VERSION) {
                writeln!(out, "    {label:<8} {file}")?;
            }
            let files = diff.changed.len() + diff.added.len() + diff.removed.len();
            if files > FILES_SHOWN_PER_VERSION {
                writeln!(out, "    … and {} more", files - FILES_SHOWN_PER_VERSION)?;
            }
        }
        writeln!(out, "total: {} files", self.totals())?;
        writeln!(out, "If these specs are the ones you mean to generate from, review the change and run")?;
        write!(out, "  cargo xtask regen --specs {}", shell_word(specs_arg))?;
        for version in version_args {
            write!(out, " --version {}", shell_word(version))?;
        }
        writeln!(out, " --update-lock [--upstream-commit <sha>]")
    }
}

/// `word` quoted for a POSIX shell when it needs it (a path with a space).
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=+,@%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

impl std::fmt::Display for LockDiff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (label, files) in [("changed", &self.changed), ("added", &self.added), ("removed", &self.removed)] {
            for file in files {
                writeln!(f, "  {label:<8} {file}")?;
            }
        }
        Ok(())
    }
}

impl VersionLock {
    pub fn diff(&self, actual: &BTreeMap<String, String>) -> LockDiff {
        let mut diff = LockDiff::default();
        for (file, hash) in actual {
            match self.files.get(file) {
                None => diff.added.push(file.clone()),
                Some(locked) if locked != hash => diff.changed.push(file.clone()),
                Some(_) => {}
            }
        }
        diff.removed = self.files.keys().filter(|f| !actual.contains_key(*f)).cloned().collect();
        diff
    }
}

impl SpecLock {
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    pub fn render(&self) -> String {
        let mut out = String::from(
            "# The spec lock: written by `cargo xtask regen --update-lock`, checked by every regen.\n\
             # Each version lists every file reachable from its root with the SHA-256 of its bytes.\n\n",
        );
        out.push_str(&toml::to_string(self).unwrap_or_default());
        out
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_vector() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn diff_names_changed_added_and_removed_files() {
        let lock = VersionLock {
            root_file: "r.yaml".into(),
            files: [("a", "1"), ("b", "2"), ("c", "3")].iter().map(|(f, h)| (f.to_string(), h.to_string())).collect(),
        };
        let actual = [("a", "1"), ("b", "9"), ("d", "4")].iter().map(|(f, h)| (f.to_string(), h.to_string())).collect();
        let diff = lock.diff(&actual);
        assert_eq!(diff.changed, ["b"]);
        assert_eq!(diff.added, ["d"]);
        assert_eq!(diff.removed, ["c"]);
        assert_eq!(diff.to_string(), "  changed  b\n  added    d\n  removed  c\n");
    }

    fn diff(changed: usize, added: &[&str], removed: &[&str]) -> LockDiff {
        LockDiff {
            changed: (0..changed).map(|i| format!("beta/schemas/S{i:02}.yaml")).collect(),
            added: added.iter().map(|f| f.to_string()).collect(),
            removed: removed.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn the_report_lists_every_version_with_totals_and_the_given_specs() {
        let mut report = LockReport::default();
        report.add("beta", diff(2, &["beta/paths/new.yaml"], &[]));
        report.add("v2024", LockDiff::default());
        report.add("v2025", diff(0, &[], &["v2025/paths/old.yaml"]));
        assert_eq!(report.versions.len(), 2, "an unchanged version is left out");
        assert_eq!(report.totals(), LockTotals { changed: 2, added: 1, removed: 1 });
        assert_eq!(
            report.render("/tmp/my specs", &[]),
            "the specs differ from specs/spec-lock.toml in 2 version(s):\n\
             \x20 beta: 2 changed, 1 added, 0 removed\n\
             \x20   changed  beta/schemas/S00.yaml\n\
             \x20   changed  beta/schemas/S01.yaml\n\
             \x20   added    beta/paths/new.yaml\n\
             \x20 v2025: 0 changed, 0 added, 1 removed\n\
             \x20   removed  v2025/paths/old.yaml\n\
             total: 2 changed, 1 added, 1 removed files\n\
             If these specs are the ones you mean to generate from, review the change and run\n\
             \x20 cargo xtask regen --specs '/tmp/my specs' --update-lock [--upstream-commit <sha>]\n"
        );
    }

    #[test]
    fn the_report_bounds_the_file_names_and_repeats_the_versions_given() {
        let mut report = LockReport::default();
        report.add("beta", diff(25, &["beta/x.yaml"], &[]));
        let text = report.render("../shared/specs/sailpoint", &["beta".to_string()]);
        assert_eq!(text.lines().filter(|l| l.starts_with("    changed")).count(), 20, "{text}");
        assert!(text.contains("\n    … and 6 more\n"), "{text}");
        assert!(text.ends_with("cargo xtask regen --specs ../shared/specs/sailpoint --version beta --update-lock [--upstream-commit <sha>]\n"), "{text}");
    }

    #[test]
    fn renders_and_parses_back() {
        let mut lock = SpecLock::default();
        lock.upstream.repository = "o/r".into();
        lock.versions.insert("v1".into(), VersionLock { root_file: "r.yaml".into(), files: [("a/b.yaml".to_string(), "00".to_string())].into() });
        assert_eq!(SpecLock::parse(&lock.render()).unwrap(), lock);
    }
}
