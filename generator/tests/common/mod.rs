//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A fixture spec folder in `specs/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/fixtures").join(name)
}

/// SailPoint's published specs: `SAILPOINT_SPECS`, default
/// `../shared/specs/sailpoint` beside the repository.
pub fn spec_dir() -> PathBuf {
    let dir = std::env::var_os("SAILPOINT_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/sailpoint"));
    assert!(dir.join("sailpoint-api.v2025.yaml").is_file(), "specs not found at {}; set SAILPOINT_SPECS", dir.display());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
