//! `multipart/form-data` and `application/x-www-form-urlencoded` bodies.
//! Each property of the body's schema gets a typed setter: a binary one
//! takes the file's name, content type and bytes; any other takes its
//! value, sent as text (strings and numbers as they are, enums by their wire
//! value, structured values as JSON). A field that a required body requires
//! is an argument of the group method instead (a file as a
//! `sailpoint_runtime::FileUpload`), as a required JSON body is: a call
//! without it does not compile. Untyped `file`/`text` setters stay for
//! fields the spec does not declare.

use super::text::{is_text, to_text};
use super::types::{ident, qualified_type};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

/// Builder names that a field setter must not take.
const RESERVED: [&str; 6] = ["file_part", "text_part", "send", "into_request", "paginate", "body"];

pub struct FormBody {
    /// The media type the body is sent as.
    pub media_type: MediaType,
    pub urlencoded: bool,
    pub fields: Vec<FormField>,
}

#[derive(Clone)]
pub struct FormField {
    pub wire_name: String,
    /// The setter's name (the property's, unless it clashes).
    pub setter: String,
    pub ty: Ty,
    pub doc: Option<String>,
    /// The body schema requires it: `into_request` fails without it.
    pub required: bool,
    /// Required by a required body: an argument of the group method, with
    /// the setter's name, and no setter.
    pub up_front: bool,
    /// A binary property of a multipart body: sent as a file part.
    pub file: bool,
}

impl FormField {

    fn slot(&self) -> proc_macro2::Ident {
        format_ident!("form_{}", crate::naming::unraw(&self.setter))
    }
}

/// The form body of `op`, when its body is multipart or urlencoded.
pub fn form_body(api: &Api, op: &Operation) -> Option<FormBody> {
    let body = op.body.as_ref()?;
    // Multipart first: where both are offered, only it can carry files.
    let content = body
        .contents
        .iter()
        .find(|c| matches!(c.media_type, MediaType::Multipart(_)))
        .or_else(|| body.contents.iter().find(|c| c.media_type == MediaType::FormUrlEncoded))?;
    let taken: Vec<&str> = op.params.iter().map(|p| p.rust_name.as_str()).chain(RESERVED).collect();
    let struct_fields = match content.ty.as_ref().map(Ty::non_null) {
        Some(Ty::Named(id)) => match &api.type_def(*id).kind {
            TypeKind::Struct(s) => s.fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    let urlencoded = content.media_type == MediaType::FormUrlEncoded;
    let fields = struct_fields
        .iter()
        .map(|f| FormField {
            wire_name: f.wire_name.clone(),
            setter: if taken.contains(&f.rust_name.as_str()) { format!("{}_field", crate::naming::unraw(&f.rust_name)) } else { f.rust_name.clone() },
            ty: f.ty.clone(),
            doc: f.doc.clone(),
            required: f.required,
            up_front: f.required && body.required,
            file: !urlencoded && matches!(f.ty.non_null(), Ty::Binary),
        })
        .collect();
    Some(FormBody {
        media_type: content.media_type.clone(),
        urlencoded,
        fields,
    })
}

/// Builder struct fields: the parts so far, and a slot per typed text
/// field (an argument's always holds its value).
pub fn struct_fields(api: &Api, form: &FormBody) -> Vec<TokenStream> {
    let mut out = vec![quote!(parts: Vec<::sailpoint_runtime::Part>,)];
    for field in form.fields.iter().filter(|f| !f.file) {
        let slot = field.slot();
        let ty = qualified_type(api, field.ty.non_null());
        out.push(match field.up_front {
            true => quote!(#slot: #ty,),
            false => quote!(#slot: Option<#ty>,),
        });
    }
    out
}

/// The group method's parameter for an argument field: the setter's name,
/// and what its setter would take.
pub fn argument(api: &Api, field: &FormField) -> TokenStream {
    let name = ident(&field.setter);
    if field.file {
        return quote!(#name: ::sailpoint_runtime::FileUpload);
    }
    let ty = setter_type(api, field);
    quote!(#name: #ty)
}

/// The type a text field's setter or argument takes.
fn setter_type(api: &Api, field: &FormField) -> TokenStream {
    match field.ty.non_null() {
        Ty::String => quote!(impl Into<String>),
        other => qualified_type(api, other),
    }
}

/// `value` (what [`setter_type`] takes) as the slot's type.
fn into_slot(field: &FormField, value: TokenStream) -> TokenStream {
    match field.ty.non_null() {
        Ty::String => quote!(#value.into()),
        _ => value,
    }
}

/// Initial values of [`struct_fields`], in the group method, where the
/// argument fields are in scope by name.
pub fn inits(form: &FormBody) -> Vec<TokenStream> {
    let files: Vec<TokenStream> = form
        .fields
        .iter()
        .filter(|f| f.up_front && f.file)
        .map(|field| {
            let name = ident(&field.setter);
            let wire = &field.wire_name;
            quote!(#name.into_part(#wire))
        })
        .collect();
    let mut out = vec![quote!(parts: vec![#(#files),*],)];
    for field in form.fields.iter().filter(|f| !f.file) {
        let slot = field.slot();
        out.push(match field.up_front {
            true => {
                let value = into_slot(field, ident(&field.setter).into_token_stream());
                quote!(#slot: #value,)
            }
            false => quote!(#slot: None,),
        });
    }
    out
}

/// The setters: one per declared field that is not an argument, then the
/// untyped ones.
pub fn setters(api: &Api, form: &FormBody) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for field in form.fields.iter().filter(|f| !f.up_front) {
        let setter = ident(&field.setter);
        let wire = &field.wire_name;
        let docs = super::docs::doc_attrs(&[field.doc.as_deref().unwrap_or(""), &format!("Sets the `{wire}` form field.")]);
        if field.file {
            out.push(quote! {
                #docs
                #[inline]
                pub fn #setter(mut self, file_name: impl Into<String>, content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
                    self.parts.push(::sailpoint_runtime::Part::File { name: #wire, file_name: file_name.into(), content_type: content_type.into(), bytes: bytes.into() });
                    self
                }
            });
        } else {
            let slot = field.slot();
            let (arg, value) = (setter_type(api, field), into_slot(field, quote!(value)));
            out.push(quote! {
                #docs
                #[inline]
                pub fn #setter(mut self, value: #arg) -> Self {
                    self.#slot = Some(#value);
                    self
                }
            });
        }
    }
    if !form.urlencoded {
        out.push(quote! {
            /// Adds a file part the spec does not declare.
            #[inline]
            pub fn file_part(mut self, name: &'static str, file_name: impl Into<String>, content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
                self.parts.push(::sailpoint_runtime::Part::File { name, file_name: file_name.into(), content_type: content_type.into(), bytes: bytes.into() });
                self
            }
        });
    }
    out.push(quote! {
        /// Adds a text field the spec does not declare; structured values go as JSON text.
        #[inline]
        pub fn text_part(mut self, name: &'static str, value: impl Into<String>) -> Self {
            self.parts.push(::sailpoint_runtime::Part::Text { name, value: value.into() });
            self
        }
    });
    out
}

/// `into_request` code that turns the slots and parts into the body; values
/// become text as parameters do.
pub fn fill(api: &Api, form: &FormBody) -> TokenStream {
    // A required field the caller never set would send a body the spec
    // forbids; the request fails before any I/O instead.
    let required_files = form.fields.iter().filter(|f| f.required && !f.up_front && f.file).map(|field| {
        let wire = &field.wire_name;
        let message = format!("the required form field `{wire}` is not set; call `.{}(…)`", crate::naming::unraw(&field.setter));
        quote! {
            if !self.parts.iter().any(|part| matches!(part, ::sailpoint_runtime::Part::File { name, .. } if *name == #wire)) {
                return Err(::sailpoint_runtime::Error::InvalidRequest(#message.into()));
            }
        }
    });
    let required_files: Vec<TokenStream> = required_files.collect();
    let slots = form.fields.iter().filter(|f| !f.file).map(|field| {
        let slot = field.slot();
        let wire = &field.wire_name;
        // A string is its own text: `value` alone, not `value: value`.
        let value = if is_text(api, field.ty.non_null()) {
            quote!(value)
        } else {
            let text = to_text(api, field.ty.non_null(), quote!(value));
            quote!(value: #text)
        };
        if field.up_front {
            return quote! {
                let value = self.#slot;
                parts.push(::sailpoint_runtime::Part::Text { name: #wire, #value });
            };
        }
        if field.required {
            let message = format!("the required form field `{wire}` is not set; call `.{}(…)`", crate::naming::unraw(&field.setter));
            return quote! {
                let Some(value) = self.#slot else {
                    return Err(::sailpoint_runtime::Error::InvalidRequest(#message.into()));
                };
                parts.push(::sailpoint_runtime::Part::Text { name: #wire, #value });
            };
        }
        quote! {
            if let Some(value) = self.#slot {
                parts.push(::sailpoint_runtime::Part::Text { name: #wire, #value });
            }
        }
    });
    let body = if form.urlencoded {
        quote! {
            ::sailpoint_runtime::Body::Form(parts.into_iter().filter_map(|part| match part {
                ::sailpoint_runtime::Part::Text { name, value } => Some((name.to_owned(), value)),
                ::sailpoint_runtime::Part::File { .. } => None,
            }).collect())
        }
    } else {
        quote!(::sailpoint_runtime::Body::Multipart(parts))
    };
    let slots: Vec<TokenStream> = slots.collect();
    let mutable = (!slots.is_empty()).then(|| quote!(mut));
    quote! {
        #(#required_files)*
        let #mutable parts = self.parts;
        #(#slots)*
        request.body = #body;
    }
}
