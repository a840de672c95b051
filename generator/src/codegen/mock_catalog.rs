//! The mock tenant's catalogue of a version: every operation with what the
//! mock needs to route, validate and answer it, as JSON that
//! `mock-tenant` embeds (`mock-tenant/catalog/<crate>.json`).
//!
//! Schemas are JSON Schema (2020-12) built from the IR, not copied from
//! the spec: the mock then checks exactly what the generated clients
//! model. Every named type is one entry of `defs`, referenced as
//! `{"$ref": "#/$defs/<name>"}`, so a type shared by a hundred operations
//! is written once. The file has one line per definition and per
//! operation: compact, yet `regen --check` shows a readable diff.

use super::conformance::type_key;
use super::GeneratedFile;
use crate::error::Result;
use crate::ir::{Api, Content, Operation, ParamLocation, Ty, TypeDef, TypeKind};
use crate::load::SpecSet;
use crate::pointer::Loc;
use crate::settings::VersionSettings;
use serde_json::{json, Map, Value};

/// Where the catalogues live, relative to the workspace root: inside the
/// mock's package, so `include_str!` works from a packaged crate too.
pub const CATALOG_DIR: &str = "mock-tenant/catalog";

/// The catalogue file of a version (`sailpoint-v2025.json`).
pub fn catalog(api: &Api, spec: &SpecSet, settings: &VersionSettings) -> Result<GeneratedFile> {
    let mut out = String::new();
    out.push_str("{\n");
    push_field(&mut out, "version", &json!(settings.version));
    push_field(&mut out, "crate", &json!(settings.crate_name));
    push_field(&mut out, "prefix", &json!(api.base_path));
    out.push_str("\"defs\": {\n");
    let mut defs: Vec<&TypeDef> = api.types.iter().collect();
    defs.sort_by(|a, b| a.name.cmp(&b.name));
    for (i, def) in defs.iter().enumerate() {
        let sep = if i + 1 == defs.len() { "" } else { "," };
        out.push_str(&format!(
            "{}: {}{sep}\n",
            json!(def_name(def)),
            def_schema(api, def)
        ));
    }
    out.push_str("},\n\"operations\": [\n");
    let mut ops: Vec<&Operation> = api.operations.iter().collect();
    ops.sort_by(|a, b| {
        (a.path.as_str(), a.method, &a.operation_id).cmp(&(
            b.path.as_str(),
            b.method,
            &b.operation_id,
        ))
    });
    for (i, op) in ops.iter().enumerate() {
        let sep = if i + 1 == ops.len() { "" } else { "," };
        out.push_str(&format!("{}{sep}\n", operation(api, spec, op)?));
    }
    out.push_str("]\n}\n");
    Ok(GeneratedFile {
        path: format!("{}.json", settings.crate_name),
        contents: out,
    })
}

fn push_field(out: &mut String, key: &str, value: &Value) {
    out.push_str(&format!("{}: {value},\n", json!(key)));
}

/// The key of a type in `defs`: its Rust name, which the names pass made
/// unique within the version.
fn def_name(def: &TypeDef) -> &str {
    &def.name
}

fn operation(api: &Api, spec: &SpecSet, op: &Operation) -> Result<Value> {
    let params: Vec<Value> = op
        .params
        .iter()
        .map(|p| {
            let mut param = json!({
                "name": p.name,
                "in": match p.location {
                    ParamLocation::Path => "path",
                    ParamLocation::Query => "query",
                    ParamLocation::Header => "header",
                },
                "required": p.required,
                "schema": schema(api, &p.ty),
            });
            if matches!(p.ty.non_null(), Ty::Array(_)) {
                param["explode"] = json!(p.explode);
            }
            if let Some(max) = p.maximum {
                param["schema"]["maximum"] = json!(max);
            }
            param
        })
        .collect();
    let doc_of = |name: &str| {
        op.params
            .iter()
            .find(|p| p.location == ParamLocation::Query && p.name == name)
            .and_then(|p| p.doc.clone())
    };
    let mut out = json!({
        "id": op.operation_id,
        "method": op.method.as_str(),
        "path": op.path.as_str(),
        "experimental": op.experimental,
        "params": params,
        "responses": responses(api, spec, op)?,
    });
    if let Some(body) = &op.body {
        out["body"] = json!({
            "required": body.required,
            "contents": body.contents.iter().map(|c| content(api, c)).collect::<Vec<_>>(),
        });
    }
    if let Some(doc) = doc_of("filters") {
        out["filters"] = json!(doc);
    }
    if let Some(doc) = doc_of("sorters") {
        out["sorters"] = json!(doc);
    }
    Ok(out)
}

/// A media type with its schema and, for responses, the generated type's
/// key in the conformance decode table (`sailpoint-conformance`).
fn content(api: &Api, content: &Content) -> Value {
    let mut out = json!({ "media_type": content.media_type.as_str() });
    if let Some(ty) = &content.ty {
        out["schema"] = schema(api, ty);
    }
    out
}

fn responses(api: &Api, spec: &SpecSet, op: &Operation) -> Result<Vec<Value>> {
    let node = Loc::parse(&op.source).and_then(|loc| spec.get(&loc).map(|node| (loc, node)));
    let mut out = Vec::new();
    for response in &op.responses {
        let mut contents = Vec::new();
        for c in &response.contents {
            let mut value = content(api, c);
            if let Some(ty) = &c.ty {
                value["type_key"] = json!(type_key(api, ty));
            }
            // Examples only where the mock answers with them: successes.
            if (200..300).contains(&response.status) {
                if let Some((loc, node)) = &node {
                    if let Some(example) =
                        example(spec, loc, node, response.status, c.media_type.as_str())?
                    {
                        value["example"] = example;
                    }
                }
            }
            contents.push(value);
        }
        out.push(json!({ "status": response.status, "contents": contents }));
    }
    Ok(out)
}

/// The spec's example of a response media type: its `example`, else the
/// first of its `examples` (by name, for a stable choice).
fn example(
    spec: &SpecSet,
    op_loc: &Loc,
    op: &Value,
    status: u16,
    media_type: &str,
) -> Result<Option<Value>> {
    let Some(raw) = op["responses"].get(status.to_string()) else {
        return Ok(None);
    };
    let (at, holder) = spec.deref(&op_loc.child("responses").child(status), raw)?;
    let Some(media) = holder["content"].get(media_type) else {
        return Ok(None);
    };
    if let Some(value) = media.get("example") {
        return Ok(Some(value.clone()));
    }
    let media_loc = at.child("content").child(media_type);
    let Some((name, first)) = media["examples"]
        .as_object()
        .and_then(|m| m.iter().min_by(|a, b| a.0.cmp(b.0)))
    else {
        return Ok(None);
    };
    let (_, example) = spec.deref(&media_loc.child("examples").child(name), first)?;
    Ok(example.get("value").cloned())
}

/// The JSON Schema of a use of a type.
fn schema(api: &Api, ty: &Ty) -> Value {
    match ty {
        Ty::Named(id) => json!({ "$ref": format!("#/$defs/{}", def_name(api.type_def(*id))) }),
        Ty::String => json!({ "type": "string" }),
        Ty::Integer => json!({ "type": "integer" }),
        Ty::Number => json!({ "type": "number" }),
        Ty::Boolean => json!({ "type": "boolean" }),
        Ty::DateTime => json!({ "type": "string", "format": "date-time" }),
        Ty::Binary => json!({ "type": "string", "format": "binary" }),
        Ty::Any => json!({}),
        Ty::Array(item) => json!({ "type": "array", "items": schema(api, item) }),
        Ty::Map(value) => json!({ "type": "object", "additionalProperties": schema(api, value) }),
        Ty::Nullable(inner) => nullable(schema(api, inner)),
    }
}

/// `schema` or null: a `type` list where there is one, else `anyOf`.
fn nullable(mut schema: Value) -> Value {
    match schema.get("type").cloned() {
        Some(Value::String(t)) if schema.get("$ref").is_none() => {
            schema["type"] = json!([t, "null"]);
            schema
        }
        _ if schema.as_object().is_some_and(Map::is_empty) => schema,
        _ => json!({ "anyOf": [schema, { "type": "null" }] }),
    }
}

/// The JSON Schema of a named type.
fn def_schema(api: &Api, def: &TypeDef) -> Value {
    let out = match &def.kind {
        TypeKind::Struct(s) => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            // Required but read-only: a client need not send it, a
            // response carries it (synthesized data fills these too).
            let mut read_only = Vec::new();
            for field in &s.fields {
                properties.insert(field.wire_name.clone(), schema(api, &field.ty));
                if field.required && field.read_only {
                    read_only.push(field.wire_name.clone());
                } else if field.required {
                    required.push(field.wire_name.clone());
                }
            }
            let mut out = json!({ "type": "object", "properties": properties });
            if !required.is_empty() {
                out["required"] = json!(required);
            }
            if !read_only.is_empty() {
                out["x-required-read-only"] = json!(read_only);
            }
            if let Some(extra) = &s.additional {
                out["additionalProperties"] = schema(api, extra);
            }
            out
        }
        TypeKind::Enum(e) => {
            let values: Vec<Value> = e
                .variants
                .iter()
                .map(|v| {
                    if e.integer {
                        v.value
                            .parse::<i64>()
                            .map_or_else(|_| json!(v.value), |n| json!(n))
                    } else {
                        json!(v.value)
                    }
                })
                .collect();
            json!({ "enum": values })
        }
        TypeKind::Union(u) => {
            json!({ "anyOf": u.variants.iter().map(|v| schema(api, &v.ty)).collect::<Vec<_>>() })
        }
        TypeKind::Alias { target } => schema(api, target),
    };
    if !def.nullable {
        return out;
    }
    match out {
        Value::Object(mut map) if map.contains_key("enum") => {
            if let Some(Value::Array(values)) = map.get_mut("enum") {
                values.push(Value::Null);
            }
            Value::Object(map)
        }
        other => nullable(other),
    }
}
