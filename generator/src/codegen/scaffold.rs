//! Non-Rust scaffolding of a generated crate, from askama templates in
//! `templates/`.

use super::GeneratedFile;
use crate::error::{GenError, Result};
use crate::ir::Api;
use crate::settings::VersionSettings;
use askama::Template;

pub struct Counts {
    pub operations: usize,
    pub experimental: usize,
    pub paginated: usize,
    pub types: usize,
    pub named_types: usize,
    pub inline_types: usize,
    pub diagnostics: usize,
}

impl Counts {
    pub fn of(api: &Api) -> Self {
        Counts {
            operations: api.operations.len(),
            experimental: api.operations.iter().filter(|o| o.experimental).count(),
            paginated: api.operations.iter().filter(|o| o.pagination.is_some()).count(),
            types: api.types.len(),
            named_types: api.types.iter().filter(|t| !t.inline).count(),
            inline_types: api.types.iter().filter(|t| t.inline).count(),
            diagnostics: api.diagnostics.len(),
        }
    }
}

#[derive(Template)]
#[template(path = "Cargo.toml.j2", escape = "none")]
struct CargoToml<'a> {
    crate_name: &'a str,
    runtime_path: &'a str,
    features: Vec<String>,
    crate_version: &'a str,
    version: &'a str,
    root_file: &'a str,
    /// A crate users depend on (see `VersionSettings::distributed`).
    distributed: bool,
}

#[derive(Template)]
#[template(path = "README.md.j2", escape = "none")]
struct Readme<'a> {
    crate_name: &'a str,
    crate_ident: String,
    crate_version: &'a str,
    spec_commit: &'a str,
    groups: usize,
    version: &'a str,
    title: &'a str,
    root_file: &'a str,
    counts: Counts,
    distributed: bool,
    /// `"accounts", "search"` (or the first groups of a crate without them).
    example_features: String,
    /// The same as code spans: `` `accounts`, `search` ``.
    example_feature_names: String,
}

/// The crate docs down to the API group table's header; `lib.rs` adds a
/// row per group (linked only where the group is compiled).
#[derive(Template)]
#[template(path = "lib.md.j2", escape = "none")]
struct LibDocs<'a> {
    version: &'a str,
    crate_name: &'a str,
    crate_version: &'a str,
    spec_commit: &'a str,
    groups: usize,
    root_file: &'a str,
    operations: usize,
    types: usize,
    distributed: bool,
    example_features: String,
}

#[derive(Template)]
#[template(path = "CHANGELOG.md.j2", escape = "none")]
struct Changelog<'a> {
    crate_name: &'a str,
    version: &'a str,
    /// The released sections, newest first.
    released: Option<&'a str>,
}

/// The license texts every distributed crate carries (`cargo package`
/// packages only files inside the crate's folder), from the repository root.
const LICENSE_MIT: &str = include_str!("../../../LICENSE-MIT");
const LICENSE_APACHE: &str = include_str!("../../../LICENSE-APACHE");
/// SailPoint's MIT notice for the spec text the crates carry.
const NOTICE: &str = include_str!("../../../NOTICE");

fn render(name: &'static str, template: &impl Template) -> Result<String> {
    template.render().map_err(|e| GenError::Template {
        name,
        message: e.to_string(),
    })
}

pub fn cargo_toml(api: &Api, settings: &VersionSettings) -> Result<String> {
    render(
        "Cargo.toml.j2",
        &CargoToml {
            crate_name: &settings.crate_name,
            features: super::features::group_features(api),
            runtime_path: &settings.runtime_path,
            crate_version: &settings.crate_version,
            version: &settings.version,
            root_file: &settings.root_file,
            distributed: settings.distributed,
        },
    )
}

/// The files a distributed crate carries besides its code: the license
/// texts, the notice for SailPoint's spec text, and the changelog.
pub fn distribution_files(settings: &VersionSettings) -> Result<Vec<GeneratedFile>> {
    let changelog = render(
        "CHANGELOG.md.j2",
        &Changelog {
            crate_name: &settings.crate_name,
            version: &settings.version,
            released: settings.changelog.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        },
    )?;
    let file = |path: &str, contents: &str| GeneratedFile { path: path.into(), contents: contents.into() };
    Ok(vec![
        file("CHANGELOG.md", &changelog),
        file("LICENSE-APACHE", LICENSE_APACHE),
        file("LICENSE-MIT", LICENSE_MIT),
        file("NOTICE", NOTICE),
    ])
}

pub fn readme(api: &Api, settings: &VersionSettings) -> Result<String> {
    let c = Counts::of(api);
    render(
        "README.md.j2",
        &Readme {
            crate_name: &settings.crate_name,
            crate_ident: settings.crate_name.replace('-', "_"),
            crate_version: &settings.crate_version,
            spec_commit: &settings.spec_commit,
            groups: api.groups.len(),
            version: &settings.version,
            title: &api.title,
            root_file: &settings.root_file,
            counts: c,
            distributed: settings.distributed,
            example_features: example_features(api),
            example_feature_names: example_features(api).replace('"', "`"),
        },
    )
}

pub fn lib_docs(api: &Api, settings: &VersionSettings) -> Result<String> {
    let c = Counts::of(api);
    render(
        "lib.md.j2",
        &LibDocs {
            version: &settings.version,
            crate_name: &settings.crate_name,
            crate_version: &settings.crate_version,
            spec_commit: &settings.spec_commit,
            groups: api.groups.len(),
            root_file: &settings.root_file,
            operations: c.operations,
            types: c.types,
            distributed: settings.distributed,
            example_features: example_features(api),
        },
    )
}

/// Two features for a `features = [...]` example: `accounts` and `search`
/// (or their first resource versions, `accounts-v1`) where the crate has
/// them, else its first two.
fn example_features(api: &Api) -> String {
    let features = super::features::group_features(api);
    let find = |group: &str| features.iter().find(|f| *f == group || f.strip_prefix(group).is_some_and(|v| v.starts_with("-v"))).map(String::as_str);
    let chosen: Vec<&str> = match (find("accounts"), find("search")) {
        (Some(accounts), Some(search)) => vec![accounts, search],
        _ => features.iter().take(2).map(String::as_str).collect(),
    };
    chosen.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ")
}
