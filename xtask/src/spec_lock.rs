//! Reading and writing `specs/spec-lock.toml`.

use anyhow::{Context, Result};
use sailpoint_generator::lock::{LockDiff, SpecLock, VersionLock};
use sailpoint_generator::settings::VersionSettings;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn path(root: &Path) -> PathBuf {
    root.join("specs/spec-lock.toml")
}

pub fn read(root: &Path) -> Result<SpecLock> {
    let path = path(root);
    match std::fs::read_to_string(&path) {
        Ok(text) => SpecLock::parse(&text).with_context(|| format!("parsing {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SpecLock::default()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

pub fn write(root: &Path, lock: &SpecLock) -> Result<()> {
    let path = path(root);
    std::fs::write(&path, lock.render()).with_context(|| format!("writing {}", path.display()))
}

pub fn compare(lock: &SpecLock, settings: &VersionSettings, hashes: &BTreeMap<String, String>) -> LockDiff {
    match lock.versions.get(&settings.version) {
        Some(locked) if locked.root_file == settings.root_file => locked.diff(hashes),
        _ => VersionLock::default().diff(hashes),
    }
}

pub fn record(lock: &mut SpecLock, settings: &VersionSettings, hashes: &BTreeMap<String, String>) {
    lock.versions.insert(
        settings.version.clone(),
        VersionLock {
            root_file: settings.root_file.clone(),
            files: hashes.clone(),
        },
    );
}
