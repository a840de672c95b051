//! How a typed value becomes the text of a path segment, query pair,
//! header or form field. Shared by parameters and form bodies.

use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `value` (a binding of type `ty`) as text. Strings are their own text.
pub fn to_text(api: &Api, ty: &Ty, value: TokenStream) -> TokenStream {
    if is_text(api, ty) {
        return value;
    }
    match ty.non_null() {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(e) if e.integer => quote!(#value.value().to_string()),
            TypeKind::Enum(_) => quote!(#value.to_string()),
            TypeKind::Alias { target } => to_text(api, &target.clone(), value),
            _ => as_json(value),
        },
        Ty::Integer | Ty::Number | Ty::Boolean | Ty::DateTime => quote!(#value.to_string()),
        _ => as_json(value),
    }
}

/// Whether a value of `ty` already is a `String` (so it is sent as it is).
pub fn is_text(api: &Api, ty: &Ty) -> bool {
    match ty.non_null() {
        Ty::String => true,
        Ty::Named(id) => matches!(&api.type_def(*id).kind, TypeKind::Alias { target } if is_text(api, target)),
        _ => false,
    }
}

fn as_json(value: TokenStream) -> TokenStream {
    quote!(::serde_json::to_string(&#value).map_err(|e| ::sailpoint_runtime::Error::InvalidRequest(e.to_string()))?)
}
