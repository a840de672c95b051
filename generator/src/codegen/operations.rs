//! Operations → `apis::<group>` modules. Each operation is a builder that
//! describes its request; `into_request` and `send` are `#[inline]`, so
//! their code is generated in the user's crate for the operations it calls,
//! not for all 800 in this one.

use super::docs::{doc_attrs, own_doc_attrs};
use super::form_body::{form_body, FormBody, FormField};
use super::text::to_text;
use super::types::{ident, qualified_type};
use crate::ir::*;
use crate::naming;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// How a successful response is decoded.
enum Output<'a> {
    Empty,
    Json(Option<&'a Ty>),
    Binary,
    /// 2xx responses of different types: a generated enum.
    PerStatus(Vec<(u16, StatusBody<'a>)>),
}

/// The body of one success status. `Json(None)`: JSON without a schema.
#[derive(PartialEq)]
enum StatusBody<'a> {
    Empty,
    Json(Option<&'a Ty>),
    Binary,
}

/// The Rust type of a JSON body; without a schema, any JSON value.
fn json_type(api: &Api, ty: Option<&Ty>) -> TokenStream {
    ty.map_or_else(|| quote!(::serde_json::Value), |t| qualified_type(api, t))
}

/// The module of one API group.
pub fn group_module(api: &Api, group: &ApiGroup) -> TokenStream {
    let tag = &group.tag;
    let group_name = ident(&group.type_name);
    let operations: Vec<&Operation> = api.group_operations(group).collect();
    let methods = operations.iter().map(|op| constructor(api, op));
    let builders = operations.iter().map(|op| builder(api, group, op));
    let list: Vec<String> = operations.iter().map(|op| format!("* [`{0}`]({1}::{0})", naming::unraw(&op.names.method), group.type_name)).collect();
    let group_docs = own_doc_attrs(&format!("The `{tag}` operations.\n\n{}\n\n{}", super::features::group_sentence(group), list.join("\n")));
    let group = group_name;
    quote! {
        #group_docs
        #[derive(Debug, Clone, Copy)]
        pub struct #group<'a> {
            client: &'a ::sailpoint_runtime::Client,
        }

        impl<'a> #group<'a> {
            pub(crate) fn new(client: &'a ::sailpoint_runtime::Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#builders)*
    }
}

/// Parameters taken by the group method rather than set on the builder.
pub(super) fn is_up_front(p: &Param) -> bool {
    p.required
}

fn param_type(api: &Api, p: &Param) -> TokenStream {
    qualified_type(api, p.ty.non_null())
}

/// `impl Into<String>` for strings, the type itself otherwise.
fn argument_type(api: &Api, ty: &Ty) -> (TokenStream, bool) {
    match ty.non_null() {
        Ty::String => (quote!(impl Into<String>), true),
        other => (qualified_type(api, other), false),
    }
}

fn operation_docs(api: &Api, op: &Operation) -> TokenStream {
    let mut parts: Vec<String> = Vec::new();
    if let Some(summary) = &op.summary {
        parts.push(summary.clone());
    }
    if let Some(description) = &op.description {
        if Some(description) != op.summary.as_ref() {
            parts.push(description.clone());
        }
    }
    parts.push(format!("`{} {}` (operation `{}`)", op.method, op.path, op.operation_id));
    if op.experimental {
        parts.push(
            "**Experimental.** Enable with `ClientBuilder::experimental(true)`; the `X-SailPoint-Experimental: true` header is then sent for you. Without it, the call fails with `Error::ExperimentalNotEnabled` before any request is made.".into(),
        );
    }
    if op.deprecated {
        parts.push("**Deprecated** by SailPoint.".into());
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    let mut docs = doc_attrs(&refs);
    let mut arguments = arguments_docs(api, op);
    if let BodyKind::JsonPatch { item, required: true } = body_kind(api, op) {
        if !arguments.is_empty() {
            arguments.push('\n');
        }
        arguments.push_str(&format!("* `body`: {}.", patch_body_doc(api, item)));
    }
    if !arguments.is_empty() {
        docs.extend(own_doc_attrs(&format!("\nArguments:\n\n{arguments}")));
    }
    docs.extend(own_doc_attrs(&format!("\nSource: `{}`", op.source)));
    docs
}

/// A list item per argument of the group method (the required
/// parameters, and the fields a required form body requires): its name,
/// location, the first paragraph of its description, and for a parameter
/// what [`constraints`] says.
fn arguments_docs(api: &Api, op: &Operation) -> String {
    let items = up_front(api, op).into_iter().filter_map(|arg| {
        let (name, location, doc, constraints) = match &arg {
            UpFront::Param(p) => (naming::unraw(&p.rust_name), location_word(p.location), p.doc.as_deref(), constraints(api, p)),
            UpFront::FormField(field) => {
                let location = if field.file { "form file, a [`FileUpload`](sailpoint_runtime::FileUpload)" } else { "form field" };
                (naming::unraw(&field.setter), location, field.doc.as_deref(), String::new())
            }
            UpFront::Json(_) | UpFront::Patch => return None,
        };
        let first = doc.unwrap_or_default().replace("\r\n", "\n");
        let first = first.split("\n\n").next().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
        let text = [super::docs::sanitize(&first), constraints].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
        let text = if text.is_empty() { String::new() } else { format!(": {text}") };
        Some(format!("* `{name}` ({location}){text}"))
    });
    items.collect::<Vec<_>>().join("\n")
}

/// What the group method takes, in order: the required parameters, then a
/// required body, or the fields a required form body requires. The
/// conformance crate's typed calls pass the same list.
pub(super) enum UpFront<'a> {
    Param(&'a Param),
    /// A JSON body of this type (`None`: any JSON value).
    Json(Option<&'a Ty>),
    /// A JSON Patch body, taken as `impl IntoJsonPatch`.
    Patch,
    /// A form field the body requires (`form_body::argument`).
    FormField(FormField),
}

pub(super) fn up_front<'a>(api: &'a Api, op: &'a Operation) -> Vec<UpFront<'a>> {
    let mut args: Vec<UpFront> = op.params.iter().filter(|p| is_up_front(p)).map(UpFront::Param).collect();
    match body_kind(api, op) {
        BodyKind::Json { ty, required: true, .. } => args.push(UpFront::Json(ty)),
        BodyKind::JsonPatch { required: true, .. } => args.push(UpFront::Patch),
        BodyKind::Form(form) => {
            args.extend(form.fields.into_iter().filter(|f| f.up_front).map(UpFront::FormField));
        }
        _ => {}
    }
    args
}

fn constructor(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.names.method);
    let builder = ident(&op.names.builder);
    let docs = operation_docs(api, op);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    // Fields in parameter order; the arguments are `up_front`'s list.
    let mut inits: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let field = ident(&p.rust_name);
            match (is_up_front(p), argument_type(api, &p.ty).1) {
                (false, _) => quote!(#field: None,),
                (true, true) => quote!(#field: #field.into(),),
                (true, false) => quote!(#field,),
            }
        })
        .collect();
    let mut args = Vec::new();
    for arg in up_front(api, op) {
        match arg {
            UpFront::Param(p) => {
                let field = ident(&p.rust_name);
                let ty = argument_type(api, &p.ty).0;
                args.push(quote!(#field: #ty));
            }
            UpFront::Json(ty) => {
                let ty = json_type(api, ty);
                args.push(quote!(body: #ty));
                inits.push(quote!(request_body: body,));
            }
            UpFront::Patch => {
                args.push(quote!(body: impl ::sailpoint_runtime::IntoJsonPatch));
                inits.push(quote!(request_body: ::sailpoint_runtime::IntoJsonPatch::into_json_patch(body),));
            }
            // Its value goes into the form's slots and parts (`inits` below).
            UpFront::FormField(field) => args.push(super::form_body::argument(api, &field)),
        }
    }
    match body_kind(api, op) {
        BodyKind::Json { required: false, .. } | BodyKind::JsonPatch { required: false, .. } => inits.push(quote!(request_body: None,)),
        BodyKind::Form(form) => inits.extend(super::form_body::inits(&form)),
        _ => {}
    }
    quote! {
        #docs
        #deprecated
        #[inline]
        pub fn #name(&self, #(#args),*) -> #builder<'a> {
            #builder {
                sailpoint_client: self.client,
                #(#inits)*
            }
        }
    }
}

pub(super) enum BodyKind<'a> {
    None,
    Json {
        content_type: &'a str,
        ty: Option<&'a Ty>,
        required: bool,
    },
    /// An RFC 6902 document: taken as `impl IntoJsonPatch` and checked
    /// into a `sailpoint_runtime::JsonPatch`, so the builder and the spec's
    /// own operation type (`item`) are both accepted.
    JsonPatch { item: &'a Ty, required: bool },
    Form(FormBody),
}

pub(super) fn body_kind<'a>(api: &'a Api, op: &'a Operation) -> BodyKind<'a> {
    let Some(body) = &op.body else { return BodyKind::None };
    let find = |media: MediaType| body.contents.iter().find(|c| c.media_type == media);
    let json = if op.method == HttpMethod::Patch {
        find(MediaType::JsonPatch).or(find(MediaType::Json))
    } else {
        find(MediaType::Json).or(find(MediaType::JsonPatch))
    };
    if let Some(content) = json {
        if content.media_type == MediaType::JsonPatch {
            if let Some(item) = content.ty.as_ref().and_then(|ty| patch_operation_item(api, ty)) {
                return BodyKind::JsonPatch { item, required: body.required };
            }
        }
        return BodyKind::Json {
            content_type: content.media_type.as_str(),
            ty: content.ty.as_ref(),
            required: body.required,
        };
    }
    if let Some(form) = form_body(api, op) {
        return BodyKind::Form(form);
    }
    // Any other body (text, octet-stream): sent as JSON text of a value.
    BodyKind::Json {
        content_type: MediaType::JSON,
        ty: None,
        required: body.required,
    }
}

/// The operation type of a JSON Patch body: the item of an array whose
/// items are any JSON value or an object with `op` and `path`. Bodies the
/// spec labels JSON Patch but shapes otherwise (`SedApproval`'s `items`, a
/// single object) keep their own type.
fn patch_operation_item<'a>(api: &'a Api, ty: &'a Ty) -> Option<&'a Ty> {
    let item = match ty.non_null() {
        Ty::Array(item) => item.as_ref(),
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Alias { target } => return patch_operation_item(api, target),
            _ => return None,
        },
        _ => return None,
    };
    let is_operation = match item.non_null() {
        Ty::Any => true,
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(s) => ["op", "path"].iter().all(|name| s.fields.iter().any(|f| f.wire_name == *name)),
            _ => false,
        },
        _ => false,
    };
    is_operation.then_some(item)
}

/// What a JSON Patch body accepts, for the docs of its argument or setter.
fn patch_body_doc(api: &Api, item: &Ty) -> String {
    let spec_type = match item.non_null() {
        Ty::Named(id) => {
            let name = &api.type_def(*id).name;
            format!("[`{name}`](crate::models::{name})")
        }
        _ => "`serde_json::Value`".to_owned(),
    };
    format!(
        "a JSON Patch (RFC 6902), either a [`JsonPatch`](sailpoint_runtime::JsonPatch) from its builder or a `Vec` or slice of {spec_type} (anything that serialises to patch operations), checked before sending (see [`IntoJsonPatch`](sailpoint_runtime::IntoJsonPatch))"
    )
}

fn status_body(r: &Response) -> StatusBody<'_> {
    // 204 and 205 carry no body by definition (RFC 9110), whatever content
    // the spec declares: decoding one would fail on the empty body.
    if r.contents.is_empty() || matches!(r.status, 204 | 205) {
        return StatusBody::Empty;
    }
    match r.contents.iter().find(|c| c.media_type.is_json()) {
        // A file download declared as JSON with `format: binary`
        // (`getFileFromS3`): the bytes are the body, not a JSON string.
        Some(c) if c.ty.as_ref().map(Ty::non_null) == Some(&Ty::Binary) => StatusBody::Binary,
        // A schema of any JSON value is the same body as no schema.
        Some(c) => StatusBody::Json(c.ty.as_ref().filter(|t| **t != Ty::Any)),
        None => StatusBody::Binary,
    }
}

/// The `Accept` header, when it is not the runtime's `application/json`:
/// the media types of the success responses, and JSON for error bodies.
fn accept(op: &Operation) -> Option<String> {
    let mut types: Vec<&str> = Vec::new();
    for r in op.responses.iter().filter(|r| (200..300).contains(&r.status)) {
        for c in &r.contents {
            if !types.contains(&c.media_type.as_str()) {
                types.push(c.media_type.as_str());
            }
        }
    }
    if types.is_empty() || types == [MediaType::JSON] {
        return None;
    }
    let json_errors = op.responses.iter().any(|r| r.status >= 400 && r.contents.iter().any(|c| c.media_type.is_json()));
    if json_errors && !types.contains(&MediaType::JSON) {
        types.push(MediaType::JSON);
    }
    Some(types.join(", "))
}

fn output(op: &Operation) -> Output<'_> {
    let bodies: Vec<(u16, StatusBody)> = op.responses.iter().filter(|r| (200..300).contains(&r.status)).map(|r| (r.status, status_body(r))).collect();
    match bodies.first() {
        None => Output::Empty,
        Some((_, first)) if bodies.iter().all(|(_, b)| b == first) => match first {
            StatusBody::Empty => Output::Empty,
            StatusBody::Binary => Output::Binary,
            StatusBody::Json(ty) => Output::Json(*ty),
        },
        Some(_) => Output::PerStatus(bodies),
    }
}

fn push_param(api: &Api, p: &Param, value: TokenStream) -> TokenStream {
    let name = &p.name;
    let target = match p.location {
        ParamLocation::Header => quote!(headers),
        _ => quote!(query),
    };
    match p.ty.non_null() {
        Ty::Array(item) => {
            let text = to_text(api, item, quote!(item));
            // Null items of a nullable item type are left out.
            let items = if item.is_nullable() { quote!(#value.into_iter().flatten()) } else { value };
            if p.explode {
                quote! { for item in #items { request.#target.push((#name, #text)); } }
            } else {
                quote! {
                    let mut joined = Vec::new();
                    for item in #items { joined.push(#text); }
                    request.#target.push((#name, joined.join(",")));
                }
            }
        }
        other => {
            let text = to_text(api, other, value);
            quote! { request.#target.push((#name, #text)); }
        }
    }
}

fn builder(api: &Api, group: &ApiGroup, op: &Operation) -> TokenStream {
    let name = ident(&op.names.builder);
    let docs = own_doc_attrs(&format!(
        "Request builder for [`{group}::{method}`]({group}::{method}): set optional parameters, then `send().await`.",
        group = group.type_name,
        method = naming::unraw(&op.names.method)
    ));
    let operation_id = &op.operation_id;
    let method = format_ident!("{}", op.method.as_str());
    let template = op.path.as_str();

    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let field = ident(&p.rust_name);
        let ty = param_type(api, p);
        if is_up_front(p) {
            fields.push(quote!(#field: #ty,));
        } else {
            fields.push(quote!(#field: Option<#ty>,));
            let (arg, into) = argument_type(api, &p.ty);
            let value = if into { quote!(value.into()) } else { quote!(value) };
            let mut setter_docs = doc_attrs(&[p.doc.as_deref().unwrap_or(""), &format!("Sets the `{}` {} parameter.", p.name, location_word(p.location))]);
            let constraints = constraints(api, p);
            if !constraints.is_empty() {
                setter_docs.extend(own_doc_attrs(&format!("\n{constraints}")));
            }
            let deprecated = p.deprecated.then(|| quote!(#[deprecated]));
            setters.push(quote! {
                #setter_docs
                #deprecated
                #[inline]
                pub fn #field(mut self, value: #arg) -> Self {
                    self.#field = Some(#value);
                    self
                }
            });
        }
    }

    // Path: `{placeholder}` → encoded parameter. Conversion bound every
    // placeholder to a parameter, and validation checked it.
    let mut format = String::new();
    let mut args = Vec::new();
    for segment in op.path.segments() {
        match segment {
            PathSegment::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathSegment::Placeholder(placeholder) => {
                format.push_str("{}");
                let Some(param) = op.params.iter().find(|p| p.location == ParamLocation::Path && p.name == *placeholder) else { continue };
                let field = ident(&param.rust_name);
                let text = to_text(api, &param.ty, quote!(self.#field));
                args.push(quote!(::sailpoint_runtime::encode_path_segment(&#text)));
            }
        }
    }
    let path = if args.is_empty() { quote!(#format.to_owned()) } else { quote!(format!(#format, #(#args),*)) };

    let mut fill = Vec::new();
    for p in op.params.iter().filter(|p| p.location != ParamLocation::Path) {
        let field = ident(&p.rust_name);
        if is_up_front(p) {
            fill.push(push_param(api, p, quote!(self.#field)));
        } else {
            let push = push_param(api, p, quote!(value));
            fill.push(quote! { if let Some(value) = self.#field { #push } });
        }
    }
    if op.experimental {
        fill.push(quote!(request.experimental = true;));
    }
    if let Some(accept) = accept(op) {
        fill.push(quote!(request.accept = #accept;));
    }
    match body_kind(api, op) {
        BodyKind::Json { content_type, ty, required } => {
            let ty = json_type(api, ty);
            if required {
                fields.push(quote!(request_body: #ty,));
                fill.push(quote!(request.body = ::sailpoint_runtime::Body::json(#content_type, &self.request_body)?;));
            } else {
                fields.push(quote!(request_body: Option<#ty>,));
                setters.push(quote! {
                    /// Sets the request body.
                    #[inline]
                    pub fn body(mut self, body: #ty) -> Self {
                        self.request_body = Some(body);
                        self
                    }
                });
                fill.push(quote! {
                    if let Some(body) = &self.request_body {
                        request.body = ::sailpoint_runtime::Body::json(#content_type, body)?;
                    }
                });
            }
        }
        BodyKind::JsonPatch { item, required } => {
            // The conversion's outcome is kept, so a bad patch fails
            // `into_request` (and `send`) rather than the constructor.
            let patch = quote!(Result<::sailpoint_runtime::JsonPatch, ::sailpoint_runtime::PatchError>);
            let content_type = MediaType::JSON_PATCH;
            if required {
                fields.push(quote!(request_body: #patch,));
                fill.push(quote!(request.body = ::sailpoint_runtime::Body::json(#content_type, &self.request_body?)?;));
            } else {
                fields.push(quote!(request_body: Option<#patch>,));
                let docs = own_doc_attrs(&format!("Sets the request body: {}.", patch_body_doc(api, item)));
                setters.push(quote! {
                    #docs
                    #[inline]
                    pub fn body(mut self, body: impl ::sailpoint_runtime::IntoJsonPatch) -> Self {
                        self.request_body = Some(::sailpoint_runtime::IntoJsonPatch::into_json_patch(body));
                        self
                    }
                });
                fill.push(quote! {
                    if let Some(body) = self.request_body {
                        request.body = ::sailpoint_runtime::Body::json(#content_type, &body?)?;
                    }
                });
            }
        }
        BodyKind::Form(form) => {
            fields.extend(super::form_body::struct_fields(api, &form));
            setters.extend(super::form_body::setters(api, &form));
            fill.push(super::form_body::fill(api, &form));
        }
        BodyKind::None => {}
    }

    let (output_type, send_call, extra) = match output(op) {
        Output::Empty => (quote!(()), quote!(pending_empty(request)), None),
        Output::Binary => (quote!(::sailpoint_runtime::Binary), quote!(pending_binary(request)), None),
        Output::Json(ty) => {
            let ty = json_type(api, ty);
            (ty, quote!(pending_json(request)), None)
        }
        Output::PerStatus(bodies) => {
            let enum_name = ident(&op.names.response_enum);
            let variants = bodies.iter().map(|(status, body)| {
                let variant = format_ident!("Status{}", status);
                let doc = format!(" HTTP {status}.");
                match body {
                    StatusBody::Empty => quote!(#[doc = #doc] #variant,),
                    StatusBody::Json(ty) => {
                        let ty = json_type(api, *ty);
                        quote!(#[doc = #doc] #variant(#ty),)
                    }
                    StatusBody::Binary => quote!(#[doc = #doc] #variant(::sailpoint_runtime::Binary),),
                }
            });
            let arms = bodies.iter().map(|(status, body)| {
                let variant = format_ident!("Status{}", status);
                let code = Literal::u16_unsuffixed(*status);
                match body {
                    StatusBody::Empty => quote!(#code => #enum_name::#variant,),
                    StatusBody::Json(_) => quote!(#code => #enum_name::#variant(::sailpoint_runtime::decode_json(described, &raw.body)?),),
                    StatusBody::Binary => quote! {
                        #code => #enum_name::#variant(::sailpoint_runtime::Binary {
                            content_type: raw.headers.get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned),
                            bytes: raw.body.clone(),
                        }),
                    },
                }
            });
            let enum_docs = format!(" The success responses of `{operation_id}`, by status.");
            let extra = quote! {
                #[doc = #enum_docs]
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                #[allow(clippy::large_enum_variant)]
                pub enum #enum_name {
                    #(#variants)*
                    /// Another success status, with its raw body.
                    Other(::sailpoint_runtime::reqwest::StatusCode, ::sailpoint_runtime::bytes::Bytes),
                }
            };
            let send = quote! {
                pending_by_status(request, |described, raw| {
                    Ok(match raw.status.as_u16() {
                        #(#arms)*
                        _ => #enum_name::Other(raw.status, raw.body.clone()),
                    })
                })
            };
            (quote!(#enum_name), send, Some(extra))
        }
    };

    let paginate = op.pagination.as_ref().map(|p| paginate_method(api, p));
    let mutable = (!fill.is_empty()).then(|| quote!(mut));
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name<'a> {
            sailpoint_client: &'a ::sailpoint_runtime::Client,
            #(#fields)*
        }

        impl<'a> #name<'a> {
            #(#setters)*

            /// The request this builder describes, without sending it.
            #[inline]
            pub fn into_request(self) -> Result<::sailpoint_runtime::Request, ::sailpoint_runtime::Error> {
                let path = #path;
                let #mutable request = ::sailpoint_runtime::Request::new(#operation_id, ::sailpoint_runtime::reqwest::Method::#method, #template, path);
                #(#fill)*
                Ok(request)
            }

            /// Sends the request.
            #[inline]
            pub fn send(self) -> ::sailpoint_runtime::Pending<'a, #output_type> {
                let client = self.sailpoint_client;
                let request = self.into_request();
                client.#send_call
            }

            #paginate
        }

        #extra
    }
}

/// When no `limit` maximum or default is given: the common maximum.
const FALLBACK_PAGE_SIZE: i64 = 250;

fn paginate_method(api: &Api, pagination: &Pagination) -> TokenStream {
    let (item, page_size) = match pagination {
        Pagination::Offset { item, page_size, .. } | Pagination::SearchAfter { item, page_size } | Pagination::Cursor { item, page_size } => {
            (item, page_size.unwrap_or(FALLBACK_PAGE_SIZE) as u64)
        }
    };
    let start = match pagination {
        Pagination::Offset { has_count, .. } => quote!(::sailpoint_runtime::Pager::offset(client, request, #page_size, #has_count)),
        Pagination::SearchAfter { .. } => quote!(::sailpoint_runtime::Pager::search_after(client, request, #page_size)),
        Pagination::Cursor { .. } => quote!(::sailpoint_runtime::Pager::cursor(client, request, Some(#page_size))),
    };
    let how = match pagination {
        Pagination::Offset { .. } => "by `limit` and `offset`; an `offset` set on the builder is where paging starts",
        Pagination::SearchAfter { .. } => "by `sort` and `searchAfter` (an `id` sort is added to break ties), past the 10,000-result window",
        Pagination::Cursor { .. } => "by the `next` cursor",
    };
    let docs = own_doc_attrs(&format!(
        "Every result, page after page ({how}), {page_size} per page unless `limit` is set. See [`Pager`](sailpoint_runtime::Pager) for streams of items or pages, `max_items`, prefetching and `collect`."
    ));
    let item = qualified_type(api, item);
    quote! {
        #docs
        #[inline]
        pub fn paginate(self) -> ::sailpoint_runtime::Pager<#item> {
            let client = self.sailpoint_client;
            let request = self.into_request();
            #start
        }
    }
}

/// Enum values listed in a setter's docs before "and N more".
const LISTED_VALUES: usize = 20;

/// What the spec says about a parameter's values beyond its type: the
/// default the server applies when it is not sent, the inclusive bounds,
/// and the values of an enum (of the parameter or of its items).
fn constraints(api: &Api, p: &Param) -> String {
    let mut sentences = Vec::new();
    if let Some(default) = &p.default {
        let text = match default {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        sentences.push(format!("Server default: {}.", code_span(&text)));
    }
    match (p.minimum, p.maximum) {
        (Some(minimum), Some(maximum)) => sentences.push(format!("At least `{minimum}`, at most `{maximum}`.")),
        (Some(minimum), None) => sentences.push(format!("At least `{minimum}`.")),
        (None, Some(maximum)) => sentences.push(format!("At most `{maximum}`.")),
        (None, None) => {}
    }
    let named = match p.ty.non_null() {
        Ty::Array(item) => item.non_null(),
        other => other,
    };
    if let Ty::Named(id) = named {
        let def = api.type_def(*id);
        if let TypeKind::Enum(e) = &def.kind {
            let mut values: Vec<String> = e.variants.iter().take(LISTED_VALUES).map(|v| code_span(&v.value)).collect();
            if e.variants.len() > LISTED_VALUES {
                values.push(format!("and {} more", e.variants.len() - LISTED_VALUES));
            }
            sentences.push(format!("Values ([`{0}`](crate::models::{0})): {1}.", def.name, values.join(", ")));
        }
    }
    sentences.join(" ")
}

/// Spec text as a Markdown code span on one line (double backticks when
/// it holds one).
fn code_span(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// A `no_run` example for a group accessor's docs: one call of the
/// group's simplest operation (a GET without required parameters if
/// there is one; never a deprecated one when another exists), with
/// placeholder arguments. `cargo test --doc` compiles it.
pub fn group_example(api: &Api, group: &ApiGroup, krate: &str) -> String {
    let candidates = api.group_operations(group).enumerate().filter_map(|(index, op)| {
        let args = example_args(api, op, krate)?;
        let required = args.len();
        Some(((op.deprecated, op.experimental, op.method != HttpMethod::Get, required, index), op, args))
    });
    let Some((_, op, args)) = candidates.min_by(|a, b| a.0.cmp(&b.0)) else {
        return String::new();
    };
    // Code, so raw identifiers stay raw (`r#move`).
    let (accessor, method) = (&group.accessor, &op.names.method);
    let mut lines = vec![
        "```rust,no_run".to_owned(),
        format!("# async fn example(client: {krate}::Client) -> Result<(), {krate}::Error> {{"),
    ];
    if op.experimental {
        lines.push("// Experimental: the runtime client needs `ClientBuilder::experimental(true)`.".into());
    }
    if op.deprecated {
        lines.push("# #[allow(deprecated)]".into());
    }
    lines.push(format!("let response = client.{accessor}().{method}({}).send().await?;", args.join(", ")));
    lines.push("println!(\"HTTP {}: {:?}\", response.status, response.body);".into());
    lines.push("# Ok(())".into());
    lines.push("# }".into());
    lines.push("```".into());
    lines.join("\n")
}

/// Placeholder arguments for an operation's required parameters and body,
/// as Rust source (`None` if one cannot be written).
fn example_args(api: &Api, op: &Operation, krate: &str) -> Option<Vec<String>> {
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| is_up_front(p)) {
        args.push(match p.ty.non_null() {
            Ty::String => format!("{:?}", p.name),
            ty => example_value(api, ty, krate)?,
        });
    }
    match body_kind(api, op) {
        BodyKind::Json { ty, required: true, .. } => args.push(match ty {
            Some(ty) => example_value(api, ty.non_null(), krate)?,
            None => format!("{krate}::serde_json::Value::Null"),
        }),
        BodyKind::JsonPatch { required: true, .. } => args.push(format!("{krate}::JsonPatch::new()")),
        _ => {}
    }
    Some(args)
}

fn example_value(api: &Api, ty: &Ty, krate: &str) -> Option<String> {
    Some(match ty {
        Ty::String => "String::new()".into(),
        Ty::Integer => "0".into(),
        Ty::Number => "0.0".into(),
        Ty::Boolean => "false".into(),
        Ty::Array(_) | Ty::Binary => "Vec::new()".into(),
        Ty::Map(_) => "Default::default()".into(),
        Ty::Any => format!("{krate}::serde_json::Value::Null"),
        Ty::DateTime => format!("{krate}::DateTime::default()"),
        Ty::Nullable(inner) => example_value(api, inner, krate)?,
        Ty::Named(id) => {
            let def = api.type_def(*id);
            match &def.kind {
                TypeKind::Enum(e) => match e.variants.first() {
                    Some(v) => format!("{krate}::models::{}::{}", def.name, v.rust_name),
                    None => format!("{krate}::models::{}::default()", def.name),
                },
                _ => format!("{krate}::models::{}::default()", def.name),
            }
        }
    })
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}
