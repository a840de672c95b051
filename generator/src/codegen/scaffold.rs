//! Non-Rust scaffolding of a generated crate, from askama templates in
//! `templates/`.

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
}

#[derive(Template)]
#[template(path = "README.md.j2", escape = "none")]
struct Readme<'a> {
    crate_name: &'a str,
    crate_ident: String,
    spec_commit: &'a str,
    groups: usize,
    version: &'a str,
    title: &'a str,
    root_file: &'a str,
    counts: Counts,
}

#[derive(Template)]
#[template(path = "lib.md.j2", escape = "none")]
struct LibDocs<'a> {
    version: &'a str,
    spec_commit: &'a str,
    /// `(accessor, tag)` per API group, in accessor order.
    groups: Vec<(String, String)>,
    root_file: &'a str,
    operations: usize,
    types: usize,
}

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
            features: super::features::tag_features(api),
            runtime_path: &settings.runtime_path,
            crate_version: &settings.crate_version,
            version: &settings.version,
            root_file: &settings.root_file,
        },
    )
}

pub fn readme(api: &Api, settings: &VersionSettings) -> Result<String> {
    let c = Counts::of(api);
    render(
        "README.md.j2",
        &Readme {
            crate_name: &settings.crate_name,
            crate_ident: settings.crate_name.replace('-', "_"),
            spec_commit: &settings.spec_commit,
            groups: api_groups(api).len(),
            version: &settings.version,
            title: &api.title,
            root_file: &settings.root_file,
            counts: c,
        },
    )
}

pub fn lib_docs(api: &Api, settings: &VersionSettings) -> Result<String> {
    let c = Counts::of(api);
    render(
        "lib.md.j2",
        &LibDocs {
            version: &settings.version,
            spec_commit: &settings.spec_commit,
            groups: api_groups(api),
            root_file: &settings.root_file,
            operations: c.operations,
            types: c.types,
        },
    )
}

/// `(accessor, tag)` of each API group, sorted by accessor.
fn api_groups(api: &Api) -> Vec<(String, String)> {
    let mut groups: Vec<(String, String)> = api.groups.iter().map(|g| (g.accessor.clone(), g.tag.clone())).collect();
    groups.sort();
    groups
}
