//! The typed calls of the conformance crate: for every operation, one
//! match arm that calls it through the version crate's own API — group
//! accessor, method, setters, `send()` — with arguments decoded from JSON.
//! The mock tenant's coverage test synthesises those arguments from the
//! spec, so every operation is driven, and its response decoded, exactly as
//! a user's code would do it. The test gives a body for each media type the
//! spec declares; the arm takes the one the operation sends, so which one
//! that is stays decided here (`body_kind`) alone.

use super::form_body::FormBody;
use super::operations::{body_kind, is_up_front, up_front, BodyKind, UpFront};
use super::types::{external_type, ident};
use crate::ir::*;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `pub fn call(…)` for one version crate (`krate`: `sailpoint_v2025`).
pub fn version_calls(api: &Api, krate: &Ident) -> TokenStream {
    let mut arms = Vec::new();
    for group in &api.groups {
        let accessor = ident(&group.accessor);
        for &index in &group.operations {
            arms.push(call_arm(api, krate, &accessor, &api.operations[index]));
        }
    }
    quote! {
        /// Calls the operation at `method` and `path` (the spec's
        /// template: `/accounts/{id}`) through the typed API with `args`,
        /// and decodes its response as the operation's type.
        pub fn call<'a>(client: &'a ::#krate::Client, method: &str, path: &str, args: &crate::CallArgs) -> Result<crate::Pending<'a>, crate::CallError> {
            match (method, path) {
                #(#arms)*
                _ => Err(crate::CallError::UnknownOperation),
            }
        }
    }
}

/// Keyed by method and path, which the spec cannot repeat (operationIds
/// it can).
fn call_arm(api: &Api, krate: &Ident, accessor: &Ident, op: &Operation) -> TokenStream {
    let (method_text, path) = (op.method.as_str(), op.path.as_str());
    let method = ident(&op.names.method);
    let kind = body_kind(api, op);
    // The body the arguments give for that media type.
    let media = sent_media_type(op, &kind).unwrap_or_default();
    let args = up_front(api, op).into_iter().map(|arg| match arg {
        UpFront::Param(p) => {
            let ty = param_type(api, krate, &p.ty);
            let location = location(p.location);
            let name = &p.name;
            quote!(args.param::<#ty>(#location, #name)?)
        }
        UpFront::Json(ty) => {
            let ty = json_type(api, krate, ty);
            quote!(args.required_body::<#ty>(#media)?)
        }
        UpFront::Patch => quote!(args.required_body::<Vec<::serde_json::Value>>(#media)?),
        UpFront::FormField(field) if field.file => {
            let wire = &field.wire_name;
            quote!(::sailpoint_runtime::FileUpload::new("upload.csv", "text/csv", args.required_file(#media, #wire)?))
        }
        UpFront::FormField(field) => {
            let ty = param_type(api, krate, &field.ty);
            let wire = &field.wire_name;
            quote!(args.required_field::<#ty>(#media, #wire)?)
        }
    });
    let args: Vec<TokenStream> = args.collect();
    let mut setters: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| !is_up_front(p))
        .map(|p| {
            let setter = ident(&p.rust_name);
            let ty = param_type(api, krate, &p.ty);
            let location = location(p.location);
            let name = &p.name;
            quote! {
                if let Some(value) = args.optional_param::<#ty>(#location, #name)? {
                    call = call.#setter(value);
                }
            }
        })
        .collect();
    // An optional body is set when the arguments carry one.
    let optional_body = match &kind {
        BodyKind::Json { ty, required: false, .. } => Some(json_type(api, krate, *ty)),
        BodyKind::JsonPatch { required: false, .. } => Some(quote!(Vec<::serde_json::Value>)),
        BodyKind::Form(form) => {
            setters.extend(form_setters(api, krate, form, &media));
            None
        }
        _ => None,
    };
    setters.extend(optional_body.map(|ty| {
        quote! {
            if let Some(body) = args.body::<#ty>(#media)? {
                call = call.body(body);
            }
        }
    }));
    let binding = if setters.is_empty() { quote!(let call) } else { quote!(let mut call) };
    quote! {
        (#method_text, #path) => {
            #binding = client.#accessor().#method(#(#args),*);
            #(#setters)*
            Ok(crate::sent(call.send()))
        }
    }
}

/// A setter call per form field the arguments carry (other than those the
/// method takes); a form without declared fields takes one `file`.
fn form_setters(api: &Api, krate: &Ident, form: &FormBody, media: &str) -> Vec<TokenStream> {
    if form.fields.is_empty() && !form.urlencoded {
        return vec![quote! {
            if let Some(bytes) = args.file(#media, "file") {
                call = call.file_part("file", "upload.csv", "text/csv", bytes);
            }
        }];
    }
    form.fields
        .iter()
        .filter(|field| !field.up_front)
        .map(|field| {
            let setter = ident(&field.setter);
            let wire = &field.wire_name;
            if field.file {
                quote! {
                    if let Some(bytes) = args.file(#media, #wire) {
                        call = call.#setter("upload.csv", "text/csv", bytes);
                    }
                }
            } else {
                let ty = param_type(api, krate, &field.ty);
                quote! {
                    if let Some(value) = args.field::<#ty>(#media, #wire)? {
                        call = call.#setter(value);
                    }
                }
            }
        })
        .collect()
}

/// The declared media type the typed call sends its body as: the one
/// `body_kind` picked, else (a body it sends as a JSON value: text,
/// octet-stream) the first declared.
fn sent_media_type(op: &Operation, kind: &BodyKind) -> Option<String> {
    let declared = &op.body.as_ref()?.contents;
    let picked = match kind {
        BodyKind::None => return None,
        BodyKind::Json { content_type, .. } => declared.iter().find(|c| c.media_type.as_str() == *content_type),
        BodyKind::JsonPatch { .. } => declared.iter().find(|c| c.media_type == MediaType::JsonPatch),
        BodyKind::Form(form) => declared.iter().find(|c| c.media_type == form.media_type),
    };
    picked.or(declared.first()).map(|c| c.media_type.as_str().to_owned())
}

/// The type a parameter's value is decoded as: what the method or setter
/// takes (`String` where it takes `impl Into<String>`).
fn param_type(api: &Api, krate: &Ident, ty: &Ty) -> TokenStream {
    external_type(api, ty.non_null(), krate)
}

fn json_type(api: &Api, krate: &Ident, ty: Option<&Ty>) -> TokenStream {
    ty.map_or_else(|| quote!(::serde_json::Value), |t| external_type(api, t, krate))
}

fn location(location: ParamLocation) -> TokenStream {
    match location {
        ParamLocation::Path => quote!(crate::Location::Path),
        ParamLocation::Query => quote!(crate::Location::Query),
        ParamLocation::Header => quote!(crate::Location::Header),
    }
}
