//! Schema nodes → `Ty` and `TypeKind`.

use super::{check, with_null, Converter, NameSpec};
use crate::error::{GenError, Result};
use crate::ir::*;
use crate::load::ref_of;
use crate::naming;
use crate::pointer::Loc;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

pub(super) struct Shape {
    pub kind: ShapeKind,
    pub nullable: bool,
}

pub(super) enum ShapeKind {
    /// Needs a type definition of its own.
    Def(TypeKind),
    /// Expressible without one.
    Plain(Ty),
}

fn plain(ty: Ty, nullable: bool) -> Shape {
    Shape {
        kind: ShapeKind::Plain(ty),
        nullable,
    }
}

/// Keywords that give a schema structure; a composition member without any
/// of them only annotates (`{nullable: true}`, `{description: …}`, `{required: […]}`).
const STRUCTURAL: &[&str] = &[
    "$ref", "type", "properties", "items", "allOf", "oneOf", "anyOf", "enum", "additionalProperties",
];

fn is_structural(schema: &Value) -> bool {
    schema
        .as_object()
        .is_some_and(|o| STRUCTURAL.iter().any(|k| o.contains_key(*k)))
}

fn is_nullable(schema: &Value) -> bool {
    schema["nullable"].as_bool().unwrap_or(false)
}

pub(super) fn description(schema: &Value) -> Option<String> {
    schema["description"]
        .as_str()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
}

/// One property gathered while flattening `allOf`, with the naming context
/// of the schema that declares it.
struct Property<'a> {
    wire_name: String,
    loc: Loc,
    schema: &'a Value,
    owner: NameSpec,
}

#[derive(Default)]
struct ObjectParts<'a> {
    properties: Vec<Property<'a>>,
    required: BTreeSet<String>,
    additional: Option<(Loc, &'a Value, NameSpec)>,
}

impl<'a> Converter<'a> {
    /// The type of the schema at `loc`. Inline schemas that need a definition
    /// are defined here, named by `name`.
    pub(super) fn ty(&mut self, loc: &Loc, schema: &'a Value, name: &NameSpec) -> Result<Ty> {
        if ref_of(schema).is_some() {
            let (target, _) = self.spec.deref(loc, schema)?;
            let id = self.named(&target);
            return Ok(with_null(Ty::Named(id), is_nullable(schema)));
        }
        if let Some(&id) = self.by_loc.get(loc) {
            return Ok(with_null(Ty::Named(id), self.nullable[id.0 as usize]));
        }
        let shape = self.shape(loc, schema, name)?;
        match shape.kind {
            ShapeKind::Plain(ty) => Ok(with_null(ty, shape.nullable)),
            ShapeKind::Def(kind) => {
                let (id, _) = self.alloc(loc, name.clone());
                self.nullable[id.0 as usize] = shape.nullable;
                self.define(id, loc, schema, kind);
                Ok(with_null(Ty::Named(id), shape.nullable))
            }
        }
    }

    pub(super) fn shape(&mut self, loc: &Loc, schema: &'a Value, name: &NameSpec) -> Result<Shape> {
        if ref_of(schema).is_some() {
            // A named schema that is only a reference to another: an alias.
            let ty = self.ty(loc, schema, name)?;
            return Ok(plain(ty, false));
        }
        let Some(obj) = schema.as_object() else {
            // `true` is JSON Schema's "anything"; any other scalar is a mistake.
            if schema != &Value::Bool(true) {
                return Err(GenError::invalid(loc, format!("a schema must be a mapping, found {}", crate::pointer::json_kind(schema))));
            }
            return Ok(plain(Ty::Any, false));
        };
        check::schema_keywords(loc, obj)?;
        let mut nullable = is_nullable(schema);
        let declared = obj.get("type").and_then(Value::as_str);

        if let Some(members) = obj.get("allOf").and_then(Value::as_array) {
            let structural: Vec<usize> = (0..members.len()).filter(|&i| is_structural(&members[i])).collect();
            nullable |= members.iter().any(|m| !is_structural(m) && is_nullable(m));
            // `type: array` with `allOf: [$ref]` where `items` belongs.
            if declared == Some("array") && !obj.contains_key("items") && structural.len() == 1 {
                let i = structural[0];
                self.diag(loc, DiagnosticKind::ArrayWithAllOf, "allOf member used as the item type");
                let item = self.ty(&loc.child("allOf").child(i), &members[i], &name.child("Inner"))?;
                return Ok(plain(Ty::Array(Box::new(item)), nullable));
            }
            // `allOf: [$ref, {nullable: true}]` and similar wrappers add no structure.
            if structural.len() == 1 && !obj.contains_key("properties") {
                let i = structural[0];
                let member_loc = loc.child("allOf").child(i);
                let member = &members[i];
                if ref_of(member).is_some() {
                    let ty = self.ty(&member_loc, member, name)?;
                    return Ok(plain(ty, nullable));
                }
                let inner = self.shape(&member_loc, member, name)?;
                return Ok(Shape {
                    nullable: nullable || inner.nullable,
                    kind: inner.kind,
                });
            }
            return self.object(loc, schema, name, nullable);
        }
        if obj.contains_key("oneOf") || obj.contains_key("anyOf") {
            return self.union(loc, obj, name, nullable);
        }
        if let Some(values) = obj.get("enum").and_then(Value::as_array) {
            return Ok(self.enumeration(loc, declared, values, nullable));
        }
        let effective = declared.or_else(|| {
            if obj.contains_key("properties") || obj.contains_key("additionalProperties") {
                Some("object")
            } else if obj.contains_key("items") {
                Some("array")
            } else {
                None
            }
        });
        let ty = match effective {
            // `type: object` with `items` and nothing else: the examples show
            // the item schema is the object meant.
            Some("object") if obj.contains_key("items") && !obj.contains_key("properties") && !obj.contains_key("additionalProperties") => {
                self.diag(loc, DiagnosticKind::ItemsOnObject, "the items schema is used as the object's type");
                self.ty(&loc.child("items"), &obj["items"], name)?
            }
            Some("object") => return self.object(loc, schema, name, nullable),
            Some("array") => match obj.get("items") {
                // As for maps (see `object`): the spec's own example of
                // `Concatenation.values` is `["John", " ", "Smith"]`.
                Some(items) if is_free_form_object(items) => {
                    self.diag(&loc.child("items"), DiagnosticKind::ArrayOfFreeFormObjects, "items are any JSON value");
                    Ty::Array(Box::new(Ty::Any))
                }
                Some(items) => Ty::Array(Box::new(self.ty(&loc.child("items"), items, &name.child("Inner"))?)),
                None => {
                    self.diag(loc, DiagnosticKind::ArrayWithoutItems, "array of any JSON value");
                    Ty::Array(Box::new(Ty::Any))
                }
            },
            Some("string") => match obj.get("format").and_then(Value::as_str) {
                Some("date-time" | "datetime") => Ty::DateTime,
                Some("binary") => Ty::Binary,
                _ => Ty::String,
            },
            Some("date-time") => {
                self.diag(loc, DiagnosticKind::DateTimeType, "string with format date-time");
                Ty::DateTime
            }
            Some("integer") => Ty::Integer,
            Some("number") => Ty::Number,
            Some("boolean") => Ty::Boolean,
            // `check::schema_keywords` rejected every other value.
            Some(_) | None => Ty::Any,
        };
        Ok(plain(ty, nullable))
    }

    fn object(&mut self, loc: &Loc, schema: &'a Value, name: &NameSpec, nullable: bool) -> Result<Shape> {
        let mut parts = ObjectParts::default();
        self.gather(loc, schema, name, &mut parts, 0)?;
        if parts.properties.is_empty() {
            let value = match parts.additional {
                // A free-form object inside a map or an array says nothing a
                // type could use, and the specs' own examples put strings
                // there: Go's `map[string]json.RawMessage` (the forms API's
                // JSON Patch `Operation`). Any JSON value is accepted.
                Some((ap_loc, ap, _)) if is_free_form_object(ap) => {
                    self.diag(&ap_loc, DiagnosticKind::MapOfFreeFormObjects, "values are any JSON value");
                    Ty::Any
                }
                Some((ap_loc, ap, owner)) => self.ty(&ap_loc, ap, &owner.child("Value"))?,
                None => Ty::Any,
            };
            return Ok(plain(Ty::Map(Box::new(value)), nullable));
        }
        let known: BTreeSet<&str> = parts.properties.iter().map(|p| p.wire_name.as_str()).collect();
        for missing in parts.required.iter().filter(|r| !known.contains(r.as_str())) {
            self.diag(loc, DiagnosticKind::RequiredNamesMissingProperty, format!("`{missing}` ignored"));
        }
        let mut fields = Vec::with_capacity(parts.properties.len());
        for prop in parts.properties {
            let ty = self.ty(&prop.loc, prop.schema, &prop.owner.child(&naming::type_name(&prop.wire_name)))?;
            fields.push(Field {
                rust_name: naming::snake_ident(&prop.wire_name),
                required: parts.required.contains(&prop.wire_name),
                read_only: prop.schema["readOnly"].as_bool().unwrap_or(false),
                deprecated: prop.schema["deprecated"].as_bool().unwrap_or(false),
                boxed: false,
                doc: description(prop.schema),
                wire_name: prop.wire_name,
                ty,
            });
        }
        let additional = match parts.additional {
            Some((ap_loc, ap, owner)) => Some(self.ty(&ap_loc, ap, &owner.child("Value"))?),
            None => None,
        };
        let mut names: Vec<String> = fields.iter().map(|f| f.rust_name.clone()).collect();
        if additional.is_some() {
            names.push("additional_properties".into());
        }
        naming::dedupe_snake(&mut names);
        for (field, name) in fields.iter_mut().zip(names) {
            field.rust_name = name;
        }
        Ok(Shape {
            kind: ShapeKind::Def(TypeKind::Struct(StructDef {
                fields,
                additional,
                adjacent_tags: Vec::new(),
                keep_unknown: false,
            })),
            nullable,
        })
    }

    /// Collects properties through `allOf` members and the `$ref`s among
    /// them. Properties of a referenced schema keep that schema as their
    /// naming owner, so their inline types are named the same from anywhere.
    fn gather(&mut self, loc: &Loc, schema: &'a Value, name: &NameSpec, parts: &mut ObjectParts<'a>, depth: usize) -> Result<()> {
        if depth > 32 {
            return Err(crate::error::GenError::RefCycle {
                loc: loc.clone(),
                chain: "allOf nesting deeper than 32 levels".into(),
            });
        }
        if ref_of(schema).is_some() {
            let (target, resolved) = self.spec.deref(loc, schema)?;
            let owner = NameSpec::Derived {
                owner: self.named(&target),
                suffix: String::new(),
            };
            return self.gather(&target, resolved, &owner, parts, depth + 1);
        }
        let Some(obj) = schema.as_object() else {
            return Ok(());
        };
        check::schema_keywords(loc, obj)?;
        if let Some(members) = obj.get("allOf").and_then(Value::as_array) {
            for (i, member) in members.iter().enumerate() {
                self.gather(&loc.child("allOf").child(i), member, name, parts, depth + 1)?;
            }
        }
        if obj.contains_key("oneOf") || obj.contains_key("anyOf") {
            self.diag(loc, DiagnosticKind::UnionInsideAllOf, "union members ignored; declared properties kept");
        }
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            let props_loc = loc.child("properties");
            for (wire, prop_schema) in props {
                let prop = Property {
                    wire_name: wire.clone(),
                    loc: props_loc.child(wire),
                    schema: prop_schema,
                    owner: name.clone(),
                };
                match parts.properties.iter_mut().find(|p| p.wire_name == *wire) {
                    Some(existing) => *existing = prop,
                    None => parts.properties.push(prop),
                }
            }
        }
        if let Some(required) = obj.get("required").and_then(Value::as_array) {
            parts.required.extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        match obj.get("additionalProperties") {
            Some(Value::Bool(false)) | None => {}
            Some(ap) => parts.additional = Some((loc.child("additionalProperties"), ap, name.clone())),
        }
        Ok(())
    }

    fn union(&mut self, loc: &Loc, obj: &'a Map<String, Value>, name: &NameSpec, mut nullable: bool) -> Result<Shape> {
        let (keyword, word) = if obj.contains_key("oneOf") { ("oneOf", "OneOf") } else { ("anyOf", "AnyOf") };
        let members = obj[keyword].as_array().map(Vec::as_slice).unwrap_or_default();
        if obj.contains_key("properties") {
            self.diag(loc, DiagnosticKind::PropertiesBesideUnion, "properties ignored; the union members are used");
        }
        let mut variants = Vec::new();
        for (i, member) in members.iter().enumerate() {
            if !is_structural(member) {
                nullable |= is_nullable(member);
                continue;
            }
            let suffix = if i == 0 { word.to_owned() } else { format!("{word}{i}") };
            let ty = self.ty(&loc.child(keyword).child(i), member, &name.child(&suffix))?;
            variants.push(UnionVariant {
                rust_name: String::new(),
                ty,
                tag_values: Vec::new(),
                required: Vec::new(),
                known: Vec::new(),
            });
        }
        let mut tag = None;
        if let Some(discriminator) = obj.get("discriminator") {
            tag = discriminator["propertyName"].as_str().map(str::to_owned);
            if let Some(mapping) = discriminator["mapping"].as_object() {
                for (value, target) in mapping {
                    let Some(target) = target.as_str() else { continue };
                    let target = crate::load::resolve_reference(loc, target)?;
                    let found = variants.iter_mut().find(|v| match v.ty.non_null() {
                        Ty::Named(id) => self.locs[id.0 as usize] == target,
                        _ => false,
                    });
                    match found {
                        Some(variant) => variant.tag_values.push(value.clone()),
                        None => self.diag(loc, DiagnosticKind::DiscriminatorMappingNamesNoMember, format!("`{value}` ignored")),
                    }
                }
            }
        }
        Ok(Shape {
            kind: ShapeKind::Def(TypeKind::Union(UnionDef {
                variants,
                tag,
                adjacent: false,
            })),
            nullable,
        })
    }

    fn enumeration(&mut self, loc: &Loc, declared: Option<&str>, values: &[Value], mut nullable: bool) -> Shape {
        let integer = declared == Some("integer") || (declared.is_none() && values.iter().all(|v| v.is_i64() || v.is_null()));
        if declared == Some("boolean") {
            return plain(Ty::Boolean, nullable);
        }
        let mut wire: Vec<String> = Vec::new();
        for value in values {
            let text = match value {
                Value::Null => {
                    nullable = true;
                    continue;
                }
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => {
                    self.diag(loc, DiagnosticKind::BooleanInStringEnum, format!("kept as the string `{b}`"));
                    b.to_string()
                }
                other => {
                    self.diag(loc, DiagnosticKind::StructuredEnumValue, "ignored");
                    let _ = other;
                    continue;
                }
            };
            if wire.contains(&text) {
                self.diag(loc, DiagnosticKind::DuplicateEnumValue, format!("`{text}` listed once"));
            } else {
                wire.push(text);
            }
        }
        if wire.is_empty() {
            return plain(Ty::Any, nullable);
        }
        let integer = integer && wire.iter().all(|w| w.parse::<i64>().is_ok());
        let mut names: Vec<String> = wire
            .iter()
            .map(|w| match w.parse::<i64>() {
                Ok(n) if integer => naming::integer_variant_name(n),
                _ => naming::variant_name(w),
            })
            .collect();
        naming::dedupe(&mut names);
        let variants = names
            .into_iter()
            .zip(wire)
            .map(|(rust_name, value)| EnumVariant { rust_name, value })
            .collect();
        Shape {
            kind: ShapeKind::Def(TypeKind::Enum(EnumDef { integer, variants })),
            nullable,
        }
    }
}

/// `type: object` and nothing that says what is inside.
fn is_free_form_object(schema: &Value) -> bool {
    let Some(obj) = schema.as_object() else { return false };
    let empty = |key: &str| obj.get(key).is_none_or(|v| v.as_object().is_some_and(|m| m.is_empty()));
    obj.get("type").and_then(Value::as_str) == Some("object")
        && empty("properties")
        && !["additionalProperties", "allOf", "oneOf", "anyOf", "$ref", "items", "enum"].iter().any(|k| obj.contains_key(*k))
}
