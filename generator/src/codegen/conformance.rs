//! `generated/sailpoint-conformance`: what the tests need to drive the
//! version crates by name rather than by hand-written code. Users never
//! depend on it.
//!
//! * The decode table of the example conformance suite: for every type
//!   that a spec's examples use, one match arm decodes JSON as that type
//!   with the runtime's own decoder and encodes it again.
//! * The typed calls (`codegen/calls.rs`): every operation through the
//!   version crate's API, with arguments given as JSON, for the mock
//!   tenant's coverage test.

use super::types::{external_type, ident, qualified_type};
use super::{rust_file, GeneratedFile};
use crate::error::{GenError, Result};
use crate::examples::Example;
use crate::ir::{Api, Ty};
use askama::Template;
use heck::ToUpperCamelCase;
use quote::quote;
use std::collections::BTreeMap;

/// A version the conformance crate names: every version in
/// `specs/versions.toml`, generated in this run or not.
pub struct ConformanceVersion<'a> {
    /// The version crate (`sailpoint-v2025`).
    pub crate_name: &'a str,
    /// The module in the conformance crate (`v2025`).
    pub module: &'a str,
    /// The version as `specs/versions.toml` names it (`v2025`, `apis`).
    pub version: &'a str,
}

/// One version's part of the table.
pub struct VersionExamples<'a> {
    pub names: ConformanceVersion<'a>,
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

/// The files of `generated/sailpoint-conformance` that name every version
/// (`Cargo.toml`, `src/lib.rs`). They depend on `specs/versions.toml` only,
/// so a run that generates some versions still writes them, and the crate
/// keeps compiling against the version crates it regenerated.
pub fn conformance_shared(versions: &[ConformanceVersion]) -> Result<Vec<GeneratedFile>> {
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
    let names: Vec<&str> = versions.iter().map(|v| v.version).collect();
    let variants: Vec<_> = versions.iter().map(|v| ident(&v.module.to_upper_camel_case())).collect();
    let krates: Vec<_> = versions.iter().map(|v| ident(&v.crate_name.replace('-', "_"))).collect();
    let lib = quote! {
        //! For the tests: decodes a spec example as the generated type its
        //! operation or schema names and encodes it again (the example
        //! conformance suite), and calls any operation by its id through
        //! the version crate's typed API (the mock tenant's coverage test).
        //! One module per API version.
        #![allow(deprecated)]
        #(pub mod #modules;)*

        use ::std::collections::BTreeMap;
        use ::serde::de::DeserializeOwned;
        use ::serde_json::Value;

        /// Where a parameter goes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Location { Path, Query, Header }

        /// The arguments of one typed call, as JSON values.
        #[derive(Debug, Clone, Default)]
        pub struct CallArgs {
            /// Parameters by location and name; optional ones are set only
            /// when present.
            pub params: BTreeMap<(Location, String), Value>,
            /// A body per media type the spec declares: JSON, or a form's
            /// fields (a file field's value is the file's content). The
            /// call takes the one its operation sends.
            pub bodies: BTreeMap<String, Value>,
        }

        impl CallArgs {
            fn param<T: DeserializeOwned>(&self, location: Location, name: &str) -> Result<T, CallError> {
                self.optional_param(location, name)?.ok_or_else(|| CallError::Argument(format!("the required {location:?} parameter `{name}` is missing")))
            }

            fn optional_param<T: DeserializeOwned>(&self, location: Location, name: &str) -> Result<Option<T>, CallError> {
                self.params.get(&(location, name.to_owned())).map(|value| decode(value, name)).transpose()
            }

            fn required_body<T: DeserializeOwned>(&self, media_type: &str) -> Result<T, CallError> {
                self.body(media_type)?.ok_or_else(|| CallError::Argument(format!("the required `{media_type}` body is missing")))
            }

            fn body<T: DeserializeOwned>(&self, media_type: &str) -> Result<Option<T>, CallError> {
                self.bodies.get(media_type).map(|value| decode(value, "body")).transpose()
            }

            fn required_field<T: DeserializeOwned>(&self, media_type: &str, name: &str) -> Result<T, CallError> {
                self.field(media_type, name)?.ok_or_else(|| CallError::Argument(format!("the required form field `{name}` is missing")))
            }

            fn required_file(&self, media_type: &str, name: &str) -> Result<Vec<u8>, CallError> {
                self.file(media_type, name).ok_or_else(|| CallError::Argument(format!("the required form file `{name}` is missing")))
            }

            fn field<T: DeserializeOwned>(&self, media_type: &str, name: &str) -> Result<Option<T>, CallError> {
                self.bodies.get(media_type).and_then(|body| body.get(name)).map(|value| decode(value, name)).transpose()
            }

            fn file(&self, media_type: &str, name: &str) -> Option<Vec<u8>> {
                let value = self.bodies.get(media_type)?.get(name)?;
                Some(value.as_str().map_or_else(|| value.to_string(), str::to_owned).into_bytes())
            }
        }

        fn decode<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, CallError> {
            T::deserialize(value).map_err(|e| CallError::Argument(format!("`{what}` does not decode as its type: {e}")))
        }

        /// Why a typed call was not made.
        #[derive(Debug)]
        pub enum CallError {
            /// The version has no operation at that method and path.
            UnknownOperation,
            /// An argument is missing or does not decode as the type the
            /// typed API takes.
            Argument(String),
        }

        impl ::std::fmt::Display for CallError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    CallError::UnknownOperation => f.write_str("no such operation"),
                    CallError::Argument(why) => f.write_str(why),
                }
            }
        }

        /// A typed call on its way; the decoded body is dropped once it
        /// decoded, the status and headers are kept.
        pub type Pending<'a> = ::sailpoint_runtime::Pending<'a, ()>;

        fn sent<'a, T: Send + 'a>(pending: ::sailpoint_runtime::Pending<'a, T>) -> Pending<'a> {
            Box::pin(async move {
                let response = pending.await?;
                Ok(::sailpoint_runtime::Response { status: response.status, headers: response.headers, body: () })
            })
        }

        /// A version crate's client, to call its operations by id.
        #[derive(Debug, Clone)]
        pub enum TypedClient {
            #( #variants(::#krates::Client), )*
        }

        impl TypedClient {
            /// The client of `version` (as `specs/versions.toml` names it)
            /// over `client`; `None` for a version this crate does not cover.
            pub fn new(version: &str, client: &::sailpoint_runtime::Client) -> Option<TypedClient> {
                match version {
                    #( #names => Some(TypedClient::#variants(::#krates::Client::new(client))), )*
                    _ => None,
                }
            }

            /// Calls the operation at `method` and `path` (the spec's
            /// template) with `args` through the typed API.
            pub fn call<'a>(&'a self, method: &str, path: &str, args: &CallArgs) -> Result<Pending<'a>, CallError> {
                match self {
                    #( TypedClient::#variants(client) => #modules::call(client, method, path, args), )*
                }
            }
        }

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
    Ok(files)
}

/// `src/<module>.rs` of one generated version: its decode table and typed calls.
pub fn version_module(version: &VersionExamples) -> Result<GeneratedFile> {
    let names = &version.names;
    let krate = ident(&names.crate_name.replace('-', "_"));
    // Keyed and sorted by the type key: one arm per type, in a stable order.
    let types: BTreeMap<String, &Ty> = version.examples.iter().map(|e| (type_key(version.api, &e.ty), &e.ty)).collect();
    let keys = types.keys();
    let rust_types = types.values().map(|ty| external_type(version.api, ty, &krate));
    let calls = super::calls::version_calls(version.api, &krate);
    let doc = format!(" Decodes `json` as the `{}` type that `type_key` names (see `type_key` in the generator), then encodes it. `None` when no example of this version uses that type.", names.crate_name);
    let tokens = quote! {
        #[doc = #doc]
        pub fn roundtrip(type_key: &str, json: &[u8]) -> Option<Result<::serde_json::Value, String>> {
            Some(match type_key {
                #( #keys => crate::roundtrip::<#rust_types>(json), )*
                _ => return None,
            })
        }

        #calls
    };
    rust_file(&format!("src/{}.rs", names.module), names.crate_name, tokens)
}
