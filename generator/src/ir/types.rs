//! Type definitions.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeId(pub u32);

/// A use of a type: what a field, item, parameter or body is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum Ty {
    Named(TypeId),
    String,
    Integer,
    Number,
    Boolean,
    DateTime,
    /// Raw bytes (`format: binary`): file uploads and downloads.
    Binary,
    /// Untyped: any JSON value.
    Any,
    Array(Box<Ty>),
    /// A JSON object used as a map from string keys.
    Map(Box<Ty>),
    Nullable(Box<Ty>),
}

impl Ty {
    pub fn nullable(self) -> Ty {
        match self {
            Ty::Nullable(_) | Ty::Any => self,
            other => Ty::Nullable(Box::new(other)),
        }
    }

    pub fn is_nullable(&self) -> bool {
        matches!(self, Ty::Nullable(_))
    }

    pub fn non_null(&self) -> &Ty {
        match self {
            Ty::Nullable(inner) => inner,
            other => other,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    pub id: TypeId,
    pub name: String,
    /// Where the schema is defined, for errors and the `Source:` doc line.
    pub source: String,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// Defined inline in another schema or an operation, rather than being
    /// a `$ref` target of its own.
    pub inline: bool,
    pub kind: TypeKind,
    /// `nullable` at the schema's root: every use of the type is nullable
    /// (the nullability pass applies it to the uses).
    pub nullable: bool,
    /// Set by the usage pass: reachable from a request body or parameter.
    pub in_request: bool,
    /// Set by the usage pass: reachable from a response.
    pub in_response: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    Union(UnionDef),
    /// A named schema that is a primitive, array, map or free-form value.
    Alias { target: Ty },
}

#[derive(Debug, Clone, Serialize)]
pub struct StructDef {
    pub fields: Vec<Field>,
    /// `additionalProperties` beside declared properties.
    pub additional: Option<Ty>,
    /// Union fields whose variant is named by a sibling enum field
    /// (`Transform.attributes` by `Transform.type`).
    pub adjacent_tags: Vec<AdjacentTag>,
    /// Read in responses and written whole in a PUT or POST body: fields
    /// the spec does not declare are kept and sent back (set by the usage
    /// pass), so a read-modify-write never erases them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_unknown: bool,
}

impl StructDef {
    /// The type of the properties beyond the declared ones, when the struct
    /// keeps them: the spec's `additionalProperties`, or any JSON value for
    /// a struct that keeps unknown fields.
    pub fn extra(&self) -> Option<Ty> {
        self.additional.clone().or_else(|| self.keep_unknown.then_some(Ty::Any))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AdjacentTag {
    /// Rust name of the union-typed field.
    pub union_field: String,
    /// Rust name of the enum field that says which variant it is.
    pub tag_field: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The JSON name, kept exactly.
    pub wire_name: String,
    pub rust_name: String,
    pub ty: Ty,
    pub required: bool,
    pub read_only: bool,
    pub deprecated: bool,
    /// Set by the cycle pass where the field must be boxed.
    pub boxed: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumDef {
    pub integer: bool,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumVariant {
    pub rust_name: String,
    /// The wire value: a string, or an integer's decimal form.
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnionDef {
    pub variants: Vec<UnionVariant>,
    /// A field whose value says which variant a JSON object is.
    pub tag: Option<String>,
    /// Decoded by a sibling field's value (see `AdjacentTag`): generate
    /// `from_tagged`.
    pub adjacent: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: Ty,
    /// Tag values that select this variant (empty when untagged).
    pub tag_values: Vec<String>,
    /// For object variants: the properties it requires and all it knows,
    /// used to pick a variant when there is no tag.
    pub required: Vec<String>,
    pub known: Vec<String>,
}
