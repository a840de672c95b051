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

    #[test]
    fn renders_and_parses_back() {
        let mut lock = SpecLock::default();
        lock.upstream.repository = "o/r".into();
        lock.versions.insert("v1".into(), VersionLock { root_file: "r.yaml".into(), files: [("a/b.yaml".to_string(), "00".to_string())].into() });
        assert_eq!(SpecLock::parse(&lock.render()).unwrap(), lock);
    }
}
