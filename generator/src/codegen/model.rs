//! One type definition → Rust items.

use super::docs::doc_attrs;
use super::types::{ident, rust_type};
use crate::ir::*;
use crate::naming::unraw;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn type_items(api: &Api, def: &TypeDef) -> TokenStream {
    let source = format!("Source: `{}`", def.source);
    let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
    let docs = doc_attrs(&[def.doc.as_deref().unwrap_or(""), &source]);
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => structure(api, &name, s),
        TypeKind::Enum(e) if e.integer => integer_enum(&name, e),
        TypeKind::Enum(e) => string_enum(&name, e),
        TypeKind::Union(u) => union(api, &name, u),
        TypeKind::Alias { target } => {
            let target = rust_type(api, target);
            quote!(pub type #name = #target;)
        }
    };
    quote! {
        #docs
        #deprecated
        #body
    }
}

fn structure(api: &Api, name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    if !s.adjacent_tags.is_empty() {
        let fields = s.fields.iter().map(|f| field(f, field_type(api, f), quote!(pub)));
        let additional = additional_field(api, s, quote!(pub), true);
        return adjacently_tagged(api, name, s, quote!(#(#fields)* #additional));
    }
    let fields = s.fields.iter().map(|f| plain_field(f, field_type(api, f)));
    let additional = additional_field(api, s, quote!(pub), false);
    let encoding = encode_fields(name, s);
    let decoding = decode_fields(name, s);
    quote! {
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #(#fields)*
            #additional
        }

        #encoding
        #decoding
    }
}

/// `Serialize` through the runtime's one object writer: a non-generic
/// function that names each field once, instead of serde's derived
/// generic code with a length sum and a skip test per field (the largest
/// block of expanded code; docs/perf.md). The rules are the derive's with
/// the attributes the generator used to emit: a field that is not required
/// is left out when `None`, a read-only plain field while it is the
/// default, a required nullable one is sent as `null`, and the map of
/// further properties follows the fields.
fn encode_fields(name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    let writes: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let field_name = ident(&f.rust_name);
            let wire = &f.wire_name;
            if is_plain(f) && f.read_only {
                quote!(out.unless_default(#wire, &self.#field_name);)
            } else if !is_plain(f) && !f.required {
                quote!(out.optional(#wire, &self.#field_name);)
            } else {
                quote!(out.field(#wire, &self.#field_name);)
            }
        })
        .chain(s.extra().map(|_| {
            let extra = ident(&extra_field_name(s));
            quote!(out.entries(&self.#extra);)
        }))
        .collect();
    // No field: the writer is unused (a lint otherwise).
    let out = if writes.is_empty() { quote!(_out) } else { quote!(out) };
    let schema = name.to_string();
    quote! {
        #[doc(hidden)]
        impl ::sailpoint_runtime::ser::Fields for #name {
            // Compiled where a value is encoded, as the derive's generic
            // code was, not in this crate: the field values' `dyn`
            // instantiations are most of this crate's machine code otherwise.
            #[inline]
            #[allow(deprecated)]
            fn write_fields(&self, #out: &mut ::sailpoint_runtime::ser::FieldWriter<'_>) {
                #(#writes)*
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::sailpoint_runtime::ser::object(self, #schema, serializer)
            }
        }
    }
}

/// `Deserialize` through the runtime's one object visitor: a `match` on
/// the key per struct instead of serde's derived visitors (half the build
/// time of the models; docs/perf.md). Every field is optional on the wire
/// and a plain field's `null` is its default, as the derive's
/// `default` + `null_as_default` attributes made it.
fn decode_fields(name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    let arms = s.fields.iter().map(|f| {
        let field_name = ident(&f.rust_name);
        let wire = &f.wire_name;
        if is_plain(f) {
            quote!(#wire => self.#field_name = ::sailpoint_runtime::de::or_default(map.next_value()?),)
        } else {
            quote!(#wire => self.#field_name = map.next_value()?,)
        }
    });
    let rest = match s.extra() {
        Some(_) => {
            let extra = ident(&extra_field_name(s));
            quote!(other => { self.#extra.insert(other.to_owned(), map.next_value()?); })
        }
        None => quote!(_ => { map.next_value::<::serde::de::IgnoredAny>()?; }),
    };
    let body = if s.fields.is_empty() && s.extra().is_none() {
        // A lone wildcard arm is a lint (`match_single_binding`).
        quote! {
            let _ = key;
            map.next_value::<::serde::de::IgnoredAny>()?;
        }
    } else {
        quote! {
            match key {
                #(#arms)*
                #rest
            }
        }
    };
    let schema = name.to_string();
    quote! {
        #[doc(hidden)]
        impl ::sailpoint_runtime::de::Fields for #name {
            const NAME: &'static str = #schema;
            #[allow(deprecated)]
            fn field<'de, A: ::serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
                #body
                Ok(())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::sailpoint_runtime::de::object(deserializer)
            }
        }
    }
}

/// A struct with a union field chosen by a sibling enum field decodes
/// through a private wire struct that holds the union as raw JSON; the
/// conversion then picks the variant from the sibling's value.
fn adjacently_tagged(api: &Api, name: &proc_macro2::Ident, s: &StructDef, fields: TokenStream) -> TokenStream {
    let wire = quote::format_ident!("{}Wire", name);
    let wire_fields = s.fields.iter().map(|f| {
        let is_union = s.adjacent_tags.iter().any(|t| t.union_field == f.rust_name);
        let ty = if is_union { quote!(::serde_json::Value) } else { field_type(api, f) };
        field(f, ty, quote!())
    });
    let wire_additional = additional_field(api, s, quote!(), true);
    let conversions = s.fields.iter().map(|f| {
        let field_name = ident(&f.rust_name);
        let Some(tag) = s.adjacent_tags.iter().find(|t| t.union_field == f.rust_name) else {
            return quote!(#field_name: wire.#field_name,);
        };
        let tag_field = s.fields.iter().find(|t| t.rust_name == tag.tag_field).expect("tag field exists");
        let tag_name = ident(&tag_field.rust_name);
        let tag_value = if is_plain(tag_field) {
            quote!(Some(wire.#tag_name.as_str()))
        } else {
            quote!(wire.#tag_name.as_ref().map(|tag| tag.as_str()))
        };
        let union_ty = rust_type(api, f.ty.non_null());
        let decode = quote!(#union_ty::from_tagged(#tag_value, value));
        let decode = if f.boxed { quote!(Box::new(#decode)) } else { decode };
        if is_plain(f) {
            quote!(#field_name: { let value = wire.#field_name; #decode },)
        } else {
            quote!(#field_name: wire.#field_name.map(|value| #decode),)
        }
    });
    let additional_conversion = s.extra().map(|_| {
        let extra = ident(&extra_field_name(s));
        quote!(#extra: wire.#extra,)
    });
    let wire_name = wire.to_string();
    let encoding = encode_fields(name, s);
    quote! {
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Deserialize)]
        #[serde(from = #wire_name)]
        pub struct #name {
            #fields
        }

        #encoding

        #[derive(::serde::Deserialize)]
        struct #wire {
            #(#wire_fields)*
            #wire_additional
        }

        impl From<#wire> for #name {
            fn from(wire: #wire) -> Self {
                Self {
                    #(#conversions)*
                    #additional_conversion
                }
            }
        }
    }
}

/// The map of further properties; `flatten` only where a serde derive
/// reads the struct.
fn additional_field(api: &Api, s: &StructDef, visibility: TokenStream, derived: bool) -> Option<TokenStream> {
    let doc = if s.additional.is_some() {
        " Properties beyond the declared ones."
    } else {
        " Fields this version of the SDK does not know, kept as received so that sending the value back (a read-modify-write) keeps them."
    };
    s.extra().map(|ty| {
        let ty = rust_type(api, &ty);
        let field_name = ident(&extra_field_name(s));
        let flatten = derived.then(|| quote!(#[serde(flatten)]));
        quote! {
            #[doc = #doc]
            #flatten
            #visibility #field_name: ::std::collections::BTreeMap<String, #ty>,
        }
    })
}

fn extra_field_name(s: &StructDef) -> String {
    let mut name = "additional_properties".to_owned();
    let mut n = 2;
    while s.fields.iter().any(|f| f.rust_name == name) {
        name = format!("additional_properties_{n}");
        n += 1;
    }
    name
}

/// A plain `T` field: required and not nullable.
fn is_plain(f: &Field) -> bool {
    f.required && !f.ty.is_nullable()
}

/// The field's value type without the `Option` that `field` adds.
fn field_type(api: &Api, f: &Field) -> TokenStream {
    let inner = rust_type(api, f.ty.non_null());
    if f.boxed {
        quote!(Box<#inner>)
    } else {
        inner
    }
}

fn field(f: &Field, inner: TokenStream, visibility: TokenStream) -> TokenStream {
    let name = ident(&f.rust_name);
    let wire = &f.wire_name;
    let rename = (unraw(&f.rust_name) != wire.as_str()).then(|| quote!(rename = #wire,));
    let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
    let docs = doc_attrs(&[f.doc.as_deref().unwrap_or("")]);
    // Required and non-nullable: a plain value; `null` or absence decodes to
    // the default so one odd field never fails a whole response.
    if is_plain(f) {
        let skip = f.read_only.then(|| quote!(skip_serializing_if = "::sailpoint_runtime::de::is_default",));
        quote! {
            #docs
            #deprecated
            #[serde(#rename default, deserialize_with = "::sailpoint_runtime::de::null_as_default", #skip)]
            #visibility #name: #inner,
        }
    } else {
        // A required but nullable field is sent as `null` when unset.
        let skip = (!f.required).then(|| quote!(skip_serializing_if = "Option::is_none",));
        quote! {
            #docs
            #deprecated
            #[serde(#rename default, #skip)]
            #visibility #name: Option<#inner>,
        }
    }
}

/// A field of a struct without serde derives (encoding is
/// [`encode_fields`], decoding [`decode_fields`]).
fn plain_field(f: &Field, inner: TokenStream) -> TokenStream {
    let name = ident(&f.rust_name);
    let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
    let docs = doc_attrs(&[f.doc.as_deref().unwrap_or("")]);
    let ty = if is_plain(f) { inner } else { quote!(Option<#inner>) };
    quote! {
        #docs
        #deprecated
        pub #name: #ty,
    }
}

fn string_enum(name: &proc_macro2::Ident, e: &EnumDef) -> TokenStream {
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| format!(" `{}`", v.replace('`', "'")));
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value this version of the SDK does not know; kept as sent.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl Default for #name {
            fn default() -> Self {
                Self::Unknown(String::new())
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let wire = <::sailpoint_runtime::de::EnumWire as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(wire.into_text().as_str()))
            }
        }
    }
}

fn integer_enum(name: &proc_macro2::Ident, e: &EnumDef) -> TokenStream {
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<Literal> = e
        .variants
        .iter()
        .map(|v| Literal::i64_unsuffixed(v.value.parse().unwrap_or_default()))
        .collect();
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants, )*
            /// A value this version of the SDK does not know; kept as sent.
            Unknown(i64),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl Default for #name {
            fn default() -> Self {
                Self::Unknown(0)
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(match <::sailpoint_runtime::de::EnumWire as ::serde::Deserialize>::deserialize(deserializer)? {
                    ::sailpoint_runtime::de::EnumWire::Integer(value) => Self::from(value),
                    ::sailpoint_runtime::de::EnumWire::Text(text) => Self::from(text.parse::<i64>().unwrap_or_default()),
                })
            }
        }
    }
}

fn union(api: &Api, name: &proc_macro2::Ident, u: &UnionDef) -> TokenStream {
    let variants: Vec<_> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let types: Vec<_> = u.variants.iter().map(|v| rust_type(api, v.ty.non_null())).collect();
    let candidates = u.variants.iter().map(|v| {
        let kind = ident(json_kind(api, v.ty.non_null()));
        let tags = &v.tag_values;
        let required = &v.required;
        let known = &v.known;
        quote! {
            ::sailpoint_runtime::union::Candidate {
                kind: ::sailpoint_runtime::union::Kind::#kind,
                tags: &[#(#tags),*],
                required: &[#(#required),*],
                known: &[#(#known),*],
            }
        }
    });
    let tag = match &u.tag {
        Some(t) => quote!(Some(#t)),
        None => quote!(None),
    };
    let indices = (0..u.variants.len()).map(Literal::usize_unsuffixed);
    let from_tagged = u.adjacent.then(|| {
        quote! {
            /// Decodes `value` as the variant that `tag` (the value of the
            /// enclosing object's tag field) names, or by shape when no
            /// variant has that tag.
            #[inline]
            pub fn from_tagged(tag: Option<&str>, value: ::serde_json::Value) -> Self {
                let index = ::sailpoint_runtime::union::select_tagged(tag, &value, Self::CANDIDATES);
                Self::from_index(value, index)
            }
        }
    });
    // Variants are not boxed: unions are decoded values users match on, and
    // `Box` in every pattern costs more than the padding does.
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #( #variants(#types), )*
            /// A value that matches no variant; kept as sent.
            Unknown(::serde_json::Value),
        }

        impl #name {
            const CANDIDATES: &'static [::sailpoint_runtime::union::Candidate] = &[#(#candidates),*];

            // Compiled where a union is decoded (from the generic
            // `Deserialize`): each variant's decoding from a JSON value is
            // otherwise instantiated here for every union.
            #[inline]
            fn from_index(value: ::serde_json::Value, index: Option<usize>) -> Self {
                let decoded = match index {
                    // Leniently, as a response body is: a variant's scalar drift
                    // must not turn the whole value into `Unknown`.
                    #( Some(#indices) => ::sailpoint_runtime::de::from_value::<#types>(&value).map(Self::#variants).ok(), )*
                    _ => None,
                };
                decoded.unwrap_or(Self::Unknown(value))
            }

            #from_tagged
        }

        impl Default for #name {
            fn default() -> Self {
                Self::Unknown(::serde_json::Value::Null)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(value) => value.serialize(serializer), )*
                    Self::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let index = ::sailpoint_runtime::union::select(&value, #tag, Self::CANDIDATES);
                Ok(Self::from_index(value, index))
            }
        }
    }
}

fn json_kind(api: &Api, ty: &Ty) -> &'static str {
    match ty {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(_) => "Object",
            TypeKind::Enum(e) if e.integer => "Integer",
            TypeKind::Enum(_) => "String",
            TypeKind::Union(_) => "Any",
            TypeKind::Alias { target } => json_kind(api, target),
        },
        Ty::String | Ty::DateTime | Ty::Binary => "String",
        Ty::Integer => "Integer",
        Ty::Number => "Number",
        Ty::Boolean => "Boolean",
        Ty::Array(_) => "Array",
        Ty::Map(_) => "Object",
        Ty::Any => "Any",
        Ty::Nullable(inner) => json_kind(api, inner),
    }
}
