//! IR → files of a generated crate. Rust is built with `quote!` and
//! formatted with prettyplease; the rest comes from askama templates.

mod calls;
pub mod conformance;
mod docs;
pub mod features;
pub mod fixtures;
pub mod mock_catalog;
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
    if settings.distributed {
        files.extend(scaffold::distribution_files(settings)?);
    }
    files.push(rust_file("src/lib.rs", &settings.root_file, lib(api, settings)?)?);
    files.extend(models_files(api, "src/models", &settings.root_file, true)?);
    files.extend(generate_apis(api, "src/apis", &settings.root_file)?);
    Ok(files)
}

/// `src/lib.rs`: the crate docs, the re-exports and the version's `Client`
/// with one accessor per API group (a warning stub where its feature is off).
fn lib(api: &Api, settings: &VersionSettings) -> Result<TokenStream> {
    let krate = crate_ident(settings);
    let lib_docs = scaffold::lib_docs(api, settings)?;
    let lib_doc_attrs = lib_docs.lines().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #l])
    });
    // The group table of the crate docs: a link where the group is
    // compiled, plain text where it is not, so no feature set leaves a
    // dead link.
    let mut sorted: Vec<&ApiGroup> = api.groups.iter().collect();
    sorted.sort_by(|a, b| a.accessor.cmp(&b.accessor));
    let group_rows = sorted.iter().map(|group| {
        let accessor = crate::naming::unraw(&group.accessor);
        let feature = &group.feature;
        let rest = format!("`{feature}` | {} | {} |", docs::sanitize(&group.tag).replace('|', "\\|"), group.operations.len());
        let linked = format!(" | [`{accessor}()`](Client::{accessor}) | {rest}");
        let plain = format!(" | `{accessor}()` | {rest}");
        quote! {
            #![cfg_attr(feature = #feature, doc = #linked)]
            #![cfg_attr(not(feature = #feature), doc = #plain)]
        }
    });
    let base_path = &api.base_path;
    let accessors = api.groups.iter().map(|group| {
        let method = types::ident(&group.accessor);
        let module = types::ident(&group.module);
        let docs = docs::own_doc_attrs(&format!(
            "The `{tag}` operations ({count} in all): [`{ty}`](apis::{module}::{ty}).\n\n{needs}\n\n{example}",
            tag = group.tag,
            count = group.operations.len(),
            ty = group.type_name,
            module = crate::naming::unraw(&group.module),
            needs = features::group_sentence(group),
            example = operations::group_example(api, group, &krate),
        ));
        let cfg = features::group_cfg(group);
        let deprecated = group.deprecated.then(|| quote!(#[deprecated(note = "every operation of this group is deprecated; use the resource's newer version")]));
        let group = types::ident(&group.type_name);
        quote! {
            #docs
            #cfg
            #deprecated
            pub fn #method(&self) -> apis::#module::#group<'_> {
                apis::#module::#group::new(&self.inner)
            }
        }
    });
    // Without its feature, a group's accessor is a deprecated stub: the
    // call warns with the feature to enable, and whatever follows fails on
    // a type named after the group. Compiled only where the feature is off,
    // hidden from the docs.
    let stubs = api.groups.iter().map(|group| {
        let method = types::ident(&group.accessor);
        let feature = &group.feature;
        let note = format!(
            "the `{}` API group needs the `{feature}` feature of {}: features = [\"{feature}\"]",
            crate::naming::unraw(&group.accessor),
            settings.crate_name
        );
        let group = types::ident(&group.type_name);
        quote! {
            #[cfg(not(feature = #feature))]
            #[doc(hidden)]
            #[deprecated(note = #note)]
            pub fn #method(&self) -> feature_disabled::#group {
                feature_disabled::#group
            }
        }
    });
    let stub_types = api.groups.iter().map(|group| {
        let feature = &group.feature;
        let doc = format!(" `{}` without the `{feature}` feature: it has no operations.", group.type_name);
        let group = types::ident(&group.type_name);
        quote! {
            #[cfg(not(feature = #feature))]
            #[doc = #doc]
            #[derive(Debug, Clone, Copy)]
            pub struct #group;
        }
    });
    let version_doc = format!(" The {} API: one accessor per API group. Paths are prefixed with `{base_path}`.", api.version);
    Ok(quote! {
        #(#lib_doc_attrs)*
        #(#group_rows)*
        #![cfg_attr(docsrs, feature(doc_cfg))]
        // Deprecated schemas are still used by other generated types; users
        // of the crate see the deprecation, the crate itself does not.
        #![allow(deprecated)]
        pub mod apis;
        pub mod models;

        /// The runtime these operations run on (`sailpoint-runtime`).
        pub use ::sailpoint_runtime as runtime;
        pub use ::sailpoint_runtime::{Binary, ClientBuilder, DateTime, Error, ErrorBody, IntoJsonPatch, JsonPatch, JsonPointer, Page, Pager, PatchError, PatchOperation, Response, RetryPolicy};
        /// `serde_json`, for `serde_json::Value` fields and bodies.
        pub use ::serde_json;

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

            #(#stubs)*
        }

        /// What a group's accessor returns when the group's feature is off.
        #[doc(hidden)]
        pub mod feature_disabled {
            #(#stub_types)*
        }
    })
}

/// The crate's name as Rust code writes it (`sailpoint_v2025`).
fn crate_ident(settings: &VersionSettings) -> String {
    if settings.crate_name.is_empty() {
        "crate".into()
    } else {
        settings.crate_name.replace('-', "_")
    }
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
        //! and one request builder per operation. Each module is compiled
        //! with the group's cargo feature (or `all`, the default).
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
        let labelled = gates.as_ref().map(|g| features::labelled_cfg(&g[m]));
        let m = types::ident(m);
        quote!(#cfg mod #m; #labelled pub use #m::*;)
    });
    let doc = if gated {
        quote! {
            //! Every schema of the spec as a Rust type.
            //!
            //! A type is compiled when the feature of an API group whose
            //! operations reach it is on (or `all`, the default); on docs.rs
            //! each is labelled with those features.
        }
    } else {
        quote! {
            //! Every schema of the spec as a Rust type.
        }
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
