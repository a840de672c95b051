//! Per-version generation settings, read from `specs/versions.toml`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VersionSettings {
    /// `beta`, `v2024`, `v2025`: also the folder of the version's own files.
    pub version: String,
    /// Root file, relative to the spec folder.
    pub root_file: String,
    pub crate_name: String,
    /// Crate version of the generated crate. `cargo xtask release`
    /// checks it against the surface changelog since the last release and
    /// bumps it (see `xtask/src/release.rs`).
    #[serde(default = "default_crate_version")]
    pub crate_version: String,
    /// Pinned type names by source location (`file#pointer`).
    #[serde(default)]
    pub name_overrides: BTreeMap<String, String>,
    /// Names of the fixups (see `fixups.rs`) applied to this version, in order.
    #[serde(default)]
    pub fixups: Vec<String>,
    /// Where a file schema's type name comes from.
    #[serde(default)]
    pub naming: NamingStyle,
    /// What an API group is.
    #[serde(default)]
    pub groups: GroupStyle,
    /// The runtime crate, relative to the generated crate's folder.
    #[serde(skip, default = "default_runtime_path")]
    pub runtime_path: String,
    /// The upstream commit the specs came from (from the spec lock, not
    /// from `versions.toml`), named in the generated docs.
    #[serde(skip)]
    pub spec_commit: String,
    /// A crate users depend on (every version of `versions.toml`), as
    /// opposed to a fixture crate. Its manifest inherits the workspace's
    /// package metadata and publish switch, and it carries the license
    /// files, `NOTICE` and `CHANGELOG.md`. A fixture crate's manifest
    /// stands alone (the mutation test builds it outside the workspace).
    #[serde(skip, default = "distributed_by_default")]
    pub distributed: bool,
    /// The released sections of the crate's changelog
    /// ([`release_changelog_path`]), newest first; `None` before the first
    /// release.
    #[serde(skip)]
    pub changelog: Option<String>,
}

/// Where the type name of a file-backed schema comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NamingStyle {
    /// The file's name (`AccessProfile.yaml` → `AccessProfile`): the
    /// year-versioned specs name their files as their SDKs name the types.
    #[default]
    FileName,
    /// The schema's `title` (`Account Toggle Request` →
    /// `AccountToggleRequest`), else the file name with word boundaries
    /// recovered from the title or description: the per-resource specs name
    /// files in lower case (`accounttogglerequest.yaml`).
    Title,
}

/// What an API group (a `Client` accessor, an `apis` module, a feature) is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupStyle {
    /// One group per spec tag.
    #[default]
    Tag,
    /// One group per resource folder and path version (`apis/accounts/…`
    /// with `/accounts/v1/…` → `accounts_v1`): a resource that publishes
    /// `v2` gains a group beside `v1`, and nothing existing is renamed.
    ResourceVersion,
}

#[derive(Deserialize)]
struct VersionsFile {
    version: Vec<VersionSettings>,
}

/// Reads `specs/versions.toml`: the versions to generate, in order, each
/// with its released changelog (see [`release_changelog_path`]).
pub fn read_versions(path: &Path) -> crate::error::Result<Vec<VersionSettings>> {
    let settings_error = |message: String| crate::error::GenError::Settings {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| settings_error(e.to_string()))?;
    let mut file: VersionsFile = toml::from_str(&text).map_err(|e| settings_error(e.to_string()))?;
    for settings in &mut file.version {
        let changelog = release_changelog_path(path, &settings.version);
        settings.changelog = match std::fs::read_to_string(&changelog) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(crate::error::GenError::Io { path: changelog, source }),
        };
    }
    Ok(file.version)
}

/// Where the release records of each version live, beside `versions.toml`:
/// `specs/releases/<version>/`, written by `cargo xtask release --execute`.
pub fn releases_dir(versions_file: &Path, version: &str) -> PathBuf {
    versions_file.parent().unwrap_or(Path::new(".")).join("releases").join(version)
}

/// The released sections of a version's changelog, newest first; the
/// generator copies them into the crate's `CHANGELOG.md`.
pub fn release_changelog_path(versions_file: &Path, version: &str) -> PathBuf {
    releases_dir(versions_file, version).join("CHANGELOG.md")
}

/// The API surface (`specs/surface/<version>.snap`) as of the last
/// release, with the released crate version in its header: what the next
/// release is compared with.
pub fn release_surface_path(versions_file: &Path, version: &str) -> PathBuf {
    releases_dir(versions_file, version).join("surface.snap")
}

fn distributed_by_default() -> bool {
    true
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
            naming: NamingStyle::default(),
            groups: GroupStyle::default(),
            runtime_path: default_runtime_path(),
            spec_commit: String::new(),
            distributed: false,
            changelog: None,
        }
    }
}

/// The root file of every fixture spec.
pub const FIXTURE_ROOT_FILE: &str = "openapi.yaml";
