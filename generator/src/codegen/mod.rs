//! IR → files of a generated crate. Rust is built with `quote!` and
//! formatted with prettyplease; the rest comes from askama templates.

pub mod conformance;
mod docs;
pub mod features;
pub mod fixtures;
mod form_body;
mod model;
mod operations;
pub mod scaffold;
mod text;
mod types;

use crate::error::{GenError, Result};
use crate::ir::*;
use crate::ir::walk::{named_in, types_in_def};
use crate::settings::VersionSettings;
pub use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

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
    let base_path = &api.base_path;
    let accessors = api.groups.iter().map(|group| {
        let method = types::ident(&group.accessor);
        let module = types::ident(&group.module);
        let doc = format!(" The `{}` operations ({} in all).", group.tag, group.operations.len());
        let cfg = features::group_cfg(group);
        let group = types::ident(&group.type_name);
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

/// The `apis` module: one file per API group (tag).
pub fn generate_apis(api: &Api, dir: &str, root_file: &str) -> Result<Vec<GeneratedFile>> {
    let files: Vec<GeneratedFile> = api
        .groups
        .par_iter()
        .map(|group| rust_file(&format!("{dir}/{}.rs", group.module), root_file, operations::group_module(api, group)))
        .collect::<Result<_>>()?;
    let decls = api.groups.iter().map(|group| {
        let m = types::ident(&group.module);
        let cfg = features::group_cfg(group);
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
    let gates = gated.then(|| features::module_features(api));
    let files: Vec<GeneratedFile> = api
        .model_modules
        .par_iter()
        .map(|ModelModule { name: module, types: ids }| {
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
    let decls = api.model_modules.iter().map(|ModelModule { name: m, .. }| {
        let cfg = gates.as_ref().map(|g| features::cfg(&g[m]));
        let m = types::ident(m);
        quote!(#cfg mod #m; #cfg pub use #m::*;)
    });
    let doc = quote! {
        //! Every schema of the spec as a Rust type.
    };
    finish_module(files, dir, root_file, doc, decls)
}

/// Formats tokens as a Rust file with the generated-by header.
pub fn rust_file(path: &str, source: &str, tokens: TokenStream) -> Result<GeneratedFile> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| GenError::Codegen {
        file: path.to_owned(),
        message: e.to_string(),
    })?;
    let body = prettyplease::unparse(&file);
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
