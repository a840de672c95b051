//! SailPoint's published specs, loaded and converted as `cargo xtask
//! regen` does, with their examples, and the conformance allowlist: shared
//! by the tests that read the specs' examples.

use sailpoint_generator::examples::{collect, Example};
use sailpoint_generator::ir::Api;
use sailpoint_generator::settings::{read_versions, VersionSettings};
use sailpoint_generator::load::SpecSet;
use sailpoint_generator::pipeline::build_api;
use sailpoint_generator::StageTimings;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `specs/versions.toml`, in order.
pub fn versions() -> Result<Vec<VersionSettings>, String> {
    read_versions(&root().join("specs/versions.toml")).map_err(|e| e.to_string())
}

/// One version's IR and every typed example of its spec.
pub fn examples(settings: &VersionSettings) -> Result<(Api, Vec<Example>), String> {
    let mut timings = StageTimings::default();
    let mut spec = SpecSet::load(&spec_dir()?, &settings.root_file).map_err(|e| e.to_string())?;
    let api = build_api(&mut spec, settings, &mut timings).map_err(|e| e.to_string())?;
    let examples = collect(&spec, &api).map_err(|e| e.to_string())?;
    Ok((api, examples))
}

/// `SAILPOINT_SPECS` (relative to the repository root), default
/// `../shared/specs/sailpoint` beside the repository.
fn spec_dir() -> Result<PathBuf, String> {
    let dir = std::env::var_os("SAILPOINT_SPECS").map(PathBuf::from).unwrap_or_else(|| root().join("../shared/specs/sailpoint"));
    let dir = if dir.is_absolute() { dir } else { root().join(dir) };
    if dir.join("sailpoint-api.v2025.yaml").is_file() {
        Ok(dir)
    } else {
        Err(format!("specs not found at {}; set SAILPOINT_SPECS", dir.display()))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Allowlist {
    allow: Vec<Allowed>,
}

/// An example that contradicts its own schema (`specs/conformance-allowlist.toml`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allowed {
    pub version: String,
    pub location: String,
    // Checked by the conformance suite; other includers only match entries.
    #[allow(dead_code)]
    pub reason: String,
}

pub fn allowlist() -> Result<Vec<Allowed>, String> {
    let path = root().join("specs/conformance-allowlist.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let list: Allowlist = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(list.allow)
}
