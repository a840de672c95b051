//! `Ty` → Rust type tokens.

use crate::ir::{Api, Ty};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub fn rust_type(api: &Api, ty: &Ty) -> TokenStream {
    type_in(api, ty, &TokenStream::new())
}

/// The type as written outside the `models` module.
pub fn qualified_type(api: &Api, ty: &Ty) -> TokenStream {
    type_in(api, ty, &quote!(crate::models::))
}

/// The type as written in another crate that depends on the version crate
/// `krate` (`::sailpoint_v2025::models::Account`).
pub fn external_type(api: &Api, ty: &Ty, krate: &Ident) -> TokenStream {
    type_in(api, ty, &quote!(::#krate::models::))
}

fn type_in(api: &Api, ty: &Ty, models: &TokenStream) -> TokenStream {
    let rust_type = |api: &Api, ty: &Ty| type_in(api, ty, models);
    match ty {
        Ty::Named(id) => {
            let name = ident(&api.type_def(*id).name);
            quote!(#models #name)
        }
        Ty::String => quote!(String),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::DateTime => quote!(::sailpoint_runtime::DateTime),
        Ty::Binary => quote!(Vec<u8>),
        Ty::Any => quote!(::serde_json::Value),
        Ty::Array(inner) => {
            let inner = rust_type(api, inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = rust_type(api, inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        Ty::Nullable(inner) => {
            let inner = rust_type(api, inner);
            quote!(Option<#inner>)
        }
    }
}
