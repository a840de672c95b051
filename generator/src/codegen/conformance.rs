//! The decode table of the example conformance suite. For every type that
//! a spec's examples use, one match arm decodes JSON as that type with the
//! runtime's own decoder and encodes it again, so the suite exercises the
//! code users run. Regen writes it to `generated/sailpoint-conformance`
//! (one module per version); users never depend on it.

use super::types::{external_type, ident, qualified_type};
use super::{rust_file, GeneratedFile};
use crate::error::{GenError, Result};
use crate::examples::Example;
use crate::ir::{Api, Ty};
use askama::Template;
use quote::quote;
use std::collections::BTreeMap;

/// One version's part of the table.
pub struct VersionExamples<'a> {
    /// The version crate (`sailpoint-v2025`).
    pub crate_name: &'a str,
    /// The module in the conformance crate (`v2025`).
    pub module: &'a str,
    /// The version as `specs/versions.toml` names it (`v2025`, `apis`).
    pub version: &'a str,
    pub api: &'a Api,
    pub examples: &'a [Example],
}

/// The key that names `ty` in the table: its Rust type inside the version
/// crate, without spaces (`Vec<crate::models::Account>`).
pub fn type_key(api: &Api, ty: &Ty) -> String {
    qualified_type(api, ty).to_string().replace(' ', "")
}

#[derive(Template)]
#[template(path = "conformance-Cargo.toml.j2", escape = "none")]
struct CargoToml<'a> {
    crates: Vec<&'a str>,
}

/// Every file of `generated/sailpoint-conformance`.
pub fn conformance_crate(versions: &[VersionExamples]) -> Result<Vec<GeneratedFile>> {
    let cargo_toml = CargoToml {
        crates: versions.iter().map(|v| v.crate_name).collect(),
    }
    .render()
    .map_err(|e| GenError::Template {
        name: "conformance-Cargo.toml.j2",
        message: e.to_string(),
    })?;
    let mut files = vec![GeneratedFile {
        path: "Cargo.toml".into(),
        contents: cargo_toml,
    }];
    let modules: Vec<_> = versions.iter().map(|v| ident(v.module)).collect();
    let names = versions.iter().map(|v| v.version);
    let lib = quote! {
        //! Decodes a spec example as the generated type its operation or
        //! schema names, and encodes it again, for the example conformance
        //! suite. One module per API version.
        #![allow(deprecated)]
        #(pub mod #modules;)*

        /// The decode table of `version` (as `specs/versions.toml` names it):
        /// `None` for a version this crate does not cover, else the
        /// version's answer for `type_key`.
        pub fn version_roundtrip(version: &str, type_key: &str, json: &[u8]) -> Option<Option<Result<::serde_json::Value, String>>> {
            match version {
                #(#names => Some(#modules::roundtrip(type_key, json)),)*
                _ => None,
            }
        }

        /// Decodes `json` as `T` the way a response is decoded, then encodes it.
        fn roundtrip<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(json: &[u8]) -> Result<::serde_json::Value, String> {
            let value: T = ::sailpoint_runtime::decode_json("example", json).map_err(|e| e.to_string())?;
            ::serde_json::to_value(&value).map_err(|e| e.to_string())
        }
    };
    files.push(rust_file("src/lib.rs", "the specs' examples", lib)?);
    for version in versions {
        files.push(version_module(version)?);
    }
    Ok(files)
}

fn version_module(version: &VersionExamples) -> Result<GeneratedFile> {
    let krate = ident(&version.crate_name.replace('-', "_"));
    // Keyed and sorted by the type key: one arm per type, in a stable order.
    let types: BTreeMap<String, &Ty> = version.examples.iter().map(|e| (type_key(version.api, &e.ty), &e.ty)).collect();
    let keys = types.keys();
    let rust_types = types.values().map(|ty| external_type(version.api, ty, &krate));
    let doc = format!(" Decodes `json` as the `{}` type that `type_key` names (see `type_key` in the generator), then encodes it. `None` when no example of this version uses that type.", version.crate_name);
    let tokens = quote! {
        #[doc = #doc]
        pub fn roundtrip(type_key: &str, json: &[u8]) -> Option<Result<::serde_json::Value, String>> {
            Some(match type_key {
                #( #keys => crate::roundtrip::<#rust_types>(json), )*
                _ => return None,
            })
        }
    };
    rust_file(&format!("src/{}.rs", version.module), version.crate_name, tokens)
}
