//! The shape of the keywords conversion reads. A keyword of the wrong JSON
//! kind (`properties: [a, b]`, `required: true`, `type: 12`) would
//! otherwise be read as absent, and the schema silently typed as something
//! else; here it is an error naming the keyword's file and pointer.
//! Constructs upstream really ships get a reviewed diagnostic in the
//! converter instead (see `ir::diagnostics`).

use crate::error::{GenError, Result};
use crate::pointer::{json_kind, Loc};
use serde_json::{Map, Value};

/// The `type` values conversion understands. `date-time` is not an
/// OpenAPI type, but upstream ships it; it gets a diagnostic.
const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object", "date-time"];

fn wrong(loc: &Loc, keyword: &str, expected: &str, found: &Value) -> GenError {
    GenError::invalid(&loc.child(keyword), format!("`{keyword}` must be {expected}, found {}", json_kind(found)))
}

/// A schema is a mapping (or the JSON Schema `true`, which accepts anything).
fn is_schema(value: &Value) -> bool {
    value.is_object() || value == &Value::Bool(true)
}

/// Checks the keywords of the schema object at `loc`.
pub fn schema_keywords(loc: &Loc, schema: &Map<String, Value>) -> Result<()> {
    if let Some(ty) = schema.get("type") {
        match ty.as_str() {
            Some(name) if TYPES.contains(&name) => {}
            Some(name) => return Err(GenError::invalid(&loc.child("type"), format!("unknown type `{name}` (expected one of {})", TYPES[..6].join(", ")))),
            None => return Err(wrong(loc, "type", "a string", ty)),
        }
    }
    for keyword in ["allOf", "oneOf", "anyOf"] {
        let Some(members) = schema.get(keyword) else { continue };
        let Some(members) = members.as_array() else {
            return Err(wrong(loc, keyword, "an array of schemas", members));
        };
        for (i, member) in members.iter().enumerate() {
            if !is_schema(member) {
                return Err(wrong(&loc.child(keyword), &i.to_string(), "a schema", member));
            }
        }
    }
    if let Some(properties) = schema.get("properties") {
        let Some(properties) = properties.as_object() else {
            return Err(wrong(loc, "properties", "a mapping of schemas", properties));
        };
        for (name, property) in properties {
            if !is_schema(property) {
                return Err(wrong(&loc.child("properties"), name, "a schema", property));
            }
        }
    }
    if let Some(required) = schema.get("required") {
        let names = required.as_array().filter(|names| names.iter().all(Value::is_string));
        if names.is_none() {
            return Err(wrong(loc, "required", "an array of property names", required));
        }
    }
    if let Some(items) = schema.get("items") {
        if !is_schema(items) {
            return Err(wrong(loc, "items", "a schema", items));
        }
    }
    if let Some(additional) = schema.get("additionalProperties") {
        if !is_schema(additional) && !additional.is_boolean() {
            return Err(wrong(loc, "additionalProperties", "a schema or a boolean", additional));
        }
    }
    if let Some(values) = schema.get("enum") {
        if !values.is_array() {
            return Err(wrong(loc, "enum", "an array", values));
        }
    }
    for flag in ["nullable", "readOnly", "deprecated"] {
        if let Some(value) = schema.get(flag) {
            if !value.is_boolean() {
                return Err(wrong(loc, flag, "a boolean", value));
            }
        }
    }
    if let Some(discriminator) = schema.get("discriminator") {
        if !discriminator["propertyName"].is_string() {
            return Err(wrong(loc, "discriminator", "a mapping with a `propertyName` string", discriminator));
        }
    }
    Ok(())
}

/// Checks that `value` at `loc` is a mapping; `what` names it in the message.
pub fn mapping<'v>(loc: &Loc, value: &'v Value, what: &str) -> Result<&'v Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| GenError::invalid(loc, format!("{what} must be a mapping, found {}", json_kind(value))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(schema: Value) -> String {
        let loc = Loc::root("s.yaml".into());
        match schema_keywords(&loc, schema.as_object().unwrap()) {
            Ok(()) => "ok".into(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn malformed_keywords_are_located() {
        assert_eq!(check(json!({"type": 12})), "s.yaml#/type: `type` must be a string, found a number");
        assert!(check(json!({"type": "strnig"})).starts_with("s.yaml#/type: unknown type `strnig`"));
        assert_eq!(check(json!({"required": true})), "s.yaml#/required: `required` must be an array of property names, found a boolean");
        assert_eq!(check(json!({"properties": ["a", "b"]})), "s.yaml#/properties: `properties` must be a mapping of schemas, found an array");
        assert_eq!(check(json!({"allOf": {}})), "s.yaml#/allOf: `allOf` must be an array of schemas, found a mapping");
        assert_eq!(check(json!({"oneOf": [3]})), "s.yaml#/oneOf/0: `0` must be a schema, found a number");
        assert_eq!(check(json!({"items": 3})), "s.yaml#/items: `items` must be a schema, found a number");
        assert_eq!(check(json!({"nullable": "yes"})), "s.yaml#/nullable: `nullable` must be a boolean, found a string");
        assert_eq!(check(json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]})), "ok");
        assert_eq!(check(json!({"additionalProperties": true, "items": true})), "ok");
    }
}
