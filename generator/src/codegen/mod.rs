//! IR → files of a generated crate. Rust is built with `quote!` and
//! formatted with prettyplease; the rest comes from askama templates.

pub mod conformance;
mod docs;
pub mod features;
mod form_body;
mod model;
mod operations;
pub mod scaffold;
mod types;

use crate::error::{GenError, Result};
use crate::ir::*;
use crate::passes::walk::{named_in, types_in_def};
use crate::settings::VersionSettings;
pub use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A file to write, relative to the crate directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Every file of a version's crate.
pub fn generate_crate(api: &Api, settings: &VersionSettings) -> Result<Vec<GeneratedFile>> {
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: scaffold::cargo_toml(api, settings)?,
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: scaffold::readme(api, settings)?,
        },
        GeneratedFile {
            path: "diagnostics.md".into(),
            contents: diagnostics_report(api),
        },
    ];
    let lib_docs = scaffold::lib_docs(api, settings)?;
    let lib_doc_attrs = lib_docs.lines().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #l])
    });
    let groups = operation_groups(api);
    let base_path = &api.base_path;
    let accessors = groups.iter().map(|(tag, ops)| {
        let method = types::ident(&accessor_name(tag));
        let group = operations::group_type(tag);
        let module = types::ident(&module_name(&crate::surface::group_name(tag)));
        let doc = format!(" The `{tag}` operations ({} in all).", ops.len());
        let cfg = features::tag_cfg(tag);
        quote! {
            #[doc = #doc]
            #cfg
            pub fn #method(&self) -> apis::#module::#group<'_> {
                apis::#module::#group::new(&self.inner)
            }
        }
    });
    let version_doc = format!(" The {} API: one accessor per API group. Paths are prefixed with `{base_path}`.", api.version);
    let lib = quote! {
        #(#lib_doc_attrs)*
        // Deprecated schemas are still used by other generated types; users
        // of the crate see the deprecation, the crate itself does not.
        #![allow(deprecated)]
        pub mod apis;
        pub mod models;

        pub use ::sailpoint_runtime as runtime;
        pub use ::sailpoint_runtime::{Binary, ClientBuilder, Error, Response, RetryPolicy};

        #[doc = #version_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ::sailpoint_runtime::Client,
        }

        impl Client {
            /// Wraps a runtime client (see [`ClientBuilder`]) for this API version.
            pub fn new(client: &::sailpoint_runtime::Client) -> Self {
                Client { inner: client.with_path_prefix(#base_path) }
            }

            /// The runtime client underneath.
            pub fn runtime(&self) -> &::sailpoint_runtime::Client {
                &self.inner
            }

            #(#accessors)*
        }
    };
    files.push(rust_file("src/lib.rs", &settings.root_file, lib)?);
    files.extend(models_files(api, "src/models", &settings.root_file, true)?);
    files.extend(generate_apis(api, "src/apis", &settings.root_file)?);
    Ok(files)
}

/// Operations by tag, both sorted, so module contents do not depend on path order.
/// The `Client` method of a tag's API group: `Machine Identities` → `machine_identities`.
fn accessor_name(tag: &str) -> String {
    crate::naming::escape_keyword(crate::surface::group_name(tag))
}

fn operation_groups(api: &Api) -> BTreeMap<String, Vec<&Operation>> {
    let mut groups: BTreeMap<String, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        groups.entry(op.tag.clone()).or_default().push(op);
    }
    for ops in groups.values_mut() {
        ops.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    }
    groups
}

/// The `apis` module: one file per API group (tag).
pub fn generate_apis(api: &Api, dir: &str, root_file: &str) -> Result<Vec<GeneratedFile>> {
    let groups = operation_groups(api);
    let files: Vec<GeneratedFile> = groups
        .par_iter()
        .map(|(tag, ops)| {
            let module = module_name(&crate::surface::group_name(tag));
            rust_file(&format!("{dir}/{module}.rs"), root_file, operations::group_module(api, tag, ops))
        })
        .collect::<Result<_>>()?;
    let decls = groups.keys().map(|tag| {
        let m = types::ident(&module_name(&crate::surface::group_name(tag)));
        let cfg = features::tag_cfg(tag);
        quote!(#cfg pub mod #m;)
    });
    let doc = quote! {
        //! One module per API group (spec tag), each with its group type
        //! and one request builder per operation.
    };
    finish_module(files, dir, root_file, doc, decls)
}

/// Adds the directory's `mod.rs` (module docs and declarations) and sorts
/// the files by path.
fn finish_module(
    mut files: Vec<GeneratedFile>,
    dir: &str,
    root_file: &str,
    doc: TokenStream,
    decls: impl Iterator<Item = TokenStream>,
) -> Result<Vec<GeneratedFile>> {
    files.push(rust_file(&format!("{dir}/mod.rs"), root_file, quote!(#doc #(#decls)*))?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The `models` module: one file per file-backed schema (with the inline
/// types defined inside it), and one per top-level inline type of an
/// operation.
pub fn generate_models(api: &Api, dir: &str, root_file: &str) -> Result<Vec<GeneratedFile>> {
    models_files(api, dir, root_file, false)
}

/// [`generate_models`], with each module behind the per-tag features that
/// reach it when `gated` (see [`features`]).
fn models_files(api: &Api, dir: &str, root_file: &str, gated: bool) -> Result<Vec<GeneratedFile>> {
    let modules = group_into_modules(api);
    let gates = gated.then(|| features::module_features(api, &modules));
    let files: Vec<GeneratedFile> = modules
        .par_iter()
        .map(|(module, ids)| {
            let source = api.type_def(ids[0]).source.split('#').next().unwrap_or_default().to_owned();
            let refers_to_others = ids.iter().any(|id| {
                let mut named = Vec::new();
                types_in_def(&api.type_def(*id).kind, &mut |ty| named_in(ty, &mut named));
                named.iter().any(|n| !ids.contains(n))
            });
            let glob = refers_to_others.then(|| quote!(use super::*;));
            let items = ids.iter().map(|id| model::type_items(api, api.type_def(*id)));
            rust_file(&format!("{dir}/{module}.rs"), &source, quote!(#glob #(#items)*))
        })
        .collect::<Result<_>>()?;
    let decls = modules.keys().map(|m| {
        let cfg = gates.as_ref().map(|g| features::cfg(&g[m]));
        let m = types::ident(m);
        quote!(#cfg mod #m; #cfg pub use #m::*;)
    });
    let doc = quote! {
        //! Every schema of the spec as a Rust type.
    };
    finish_module(files, dir, root_file, doc, decls)
}

/// Module name → the types it holds, in a stable order. An inline type
/// lives with the outermost type defined in the same file above it.
pub fn group_into_modules(api: &Api) -> BTreeMap<String, Vec<TypeId>> {
    let split = |def: &TypeDef| -> (String, String) {
        let (file, pointer) = def.source.split_once('#').unwrap_or((&def.source, ""));
        (file.to_owned(), pointer.to_owned())
    };
    let mut by_file: BTreeMap<String, Vec<(String, TypeId)>> = BTreeMap::new();
    for def in &api.types {
        let (file, pointer) = split(def);
        by_file.entry(file).or_default().push((pointer, def.id));
    }
    let mut owner_of: BTreeMap<TypeId, TypeId> = BTreeMap::new();
    for entries in by_file.values() {
        for (pointer, id) in entries {
            let owner = entries
                .iter()
                .filter(|(p, _)| p.is_empty() || *p == *pointer || pointer.starts_with(&format!("{p}/")))
                .min_by_key(|(p, _)| p.len())
                .map_or(*id, |(_, owner)| *owner);
            owner_of.insert(*id, owner);
        }
    }
    let mut owners: Vec<TypeId> = owner_of.values().copied().collect();
    owners.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
    owners.dedup();
    let mut module_names: Vec<String> = owners.iter().map(|o| module_name(&api.type_def(*o).name)).collect();
    crate::naming::dedupe_snake(&mut module_names);
    let module_of: BTreeMap<TypeId, String> = owners.into_iter().zip(module_names).collect();
    let mut modules: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    let mut ids: Vec<TypeId> = api.types.iter().map(|d| d.id).collect();
    ids.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
    for id in ids {
        let owner = owner_of[&id];
        modules.entry(module_of[&owner].clone()).or_default().push(id);
    }
    // The owner first, then its inline types by name.
    for (module, members) in modules.iter_mut() {
        let _ = module;
        if let Some(pos) = members.iter().position(|m| owner_of[m] == *m) {
            let owner = members.remove(pos);
            members.insert(0, owner);
        }
    }
    modules
}

fn module_name(type_name: &str) -> String {
    let name = crate::naming::snake_ident(type_name);
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_model"),
        None if name.ends_with('_') => format!("{}model", name),
        None => name,
    }
}

/// CPU time spent in syn + prettyplease, summed over threads, for `--timings`.
static FORMAT_NANOS: AtomicU64 = AtomicU64::new(0);

/// Returns and resets the formatting time accumulated so far.
pub fn take_format_time() -> Duration {
    Duration::from_nanos(FORMAT_NANOS.swap(0, Ordering::Relaxed))
}

/// Formats tokens as a Rust file with the generated-by header.
pub fn rust_file(path: &str, source: &str, tokens: TokenStream) -> Result<GeneratedFile> {
    let started = Instant::now();
    let file: syn::File = syn::parse2(tokens).map_err(|e| GenError::Codegen {
        file: path.to_owned(),
        message: e.to_string(),
    })?;
    let body = prettyplease::unparse(&file);
    FORMAT_NANOS.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    Ok(GeneratedFile {
        path: path.to_owned(),
        contents: format!("// @generated by sailpoint-generator from {source}. Do not edit.\n\n{body}"),
    })
}

fn diagnostics_report(api: &Api) -> String {
    let mut out = format!(
        "<!-- @generated by sailpoint-generator. Do not edit. -->\n# Diagnostics: {}\n\n\
         Constructs the generator could not type precisely, and what it did instead.\n\
         `cargo xtask regen --check` fails when this list changes, so every change is reviewed.\n\n\
         | location | construct | fallback |\n|---|---|---|\n",
        api.version
    );
    for d in &api.diagnostics {
        out.push_str(&format!("| `{}` | {} | {} |\n", d.location, d.kind, d.fallback.replace('|', "\\|")));
    }
    out
}
