//! Per-version generation settings, read from `specs/versions.toml`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VersionSettings {
    /// `beta`, `v2024`, `v2025`: also the folder of the version's own files.
    pub version: String,
    /// Root file, relative to the spec folder.
    pub root_file: String,
    pub crate_name: String,
    /// Crate version of the generated crate.
    #[serde(default = "default_crate_version")]
    pub crate_version: String,
    /// Pinned type names by source location (`file#pointer`).
    #[serde(default)]
    pub name_overrides: BTreeMap<String, String>,
    /// Names of the fixups (see `fixups.rs`) applied to this version, in order.
    #[serde(default)]
    pub fixups: Vec<String>,
    /// The runtime crate, relative to the generated crate's folder.
    #[serde(skip, default = "default_runtime_path")]
    pub runtime_path: String,
    /// The upstream commit the specs came from (from the spec lock, not
    /// from `versions.toml`), named in the generated docs.
    #[serde(skip)]
    pub spec_commit: String,
}

#[derive(Deserialize)]
struct VersionsFile {
    version: Vec<VersionSettings>,
}

/// Reads `specs/versions.toml`: the versions to generate, in order.
pub fn read_versions(path: &std::path::Path) -> crate::error::Result<Vec<VersionSettings>> {
    let settings_error = |message: String| crate::error::GenError::Settings {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| settings_error(e.to_string()))?;
    let file: VersionsFile = toml::from_str(&text).map_err(|e| settings_error(e.to_string()))?;
    Ok(file.version)
}

fn default_runtime_path() -> String {
    "../../runtime".into()
}

fn default_crate_version() -> String {
    "0.1.0".into()
}

impl VersionSettings {
    /// Settings for a fixture spec in `specs/fixtures/<name>/openapi.yaml`.
    pub fn fixture(name: &str) -> Self {
        VersionSettings {
            version: name.to_owned(),
            root_file: FIXTURE_ROOT_FILE.to_owned(),
            crate_name: String::new(),
            crate_version: default_crate_version(),
            name_overrides: BTreeMap::new(),
            fixups: Vec::new(),
            runtime_path: default_runtime_path(),
            spec_commit: String::new(),
        }
    }
}

/// The root file of every fixture spec.
pub const FIXTURE_ROOT_FILE: &str = "openapi.yaml";
