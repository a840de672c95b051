//! Deterministic data from a schema, for answers the spec gives no
//! example of and for the valid requests the coverage test sends.
//!
//! Required fields (and required read-only ones) are always filled; the
//! optional ones near the top too, so an answer looks like a resource,
//! while depth bounds keep recursive types finite. Formats and field names
//! pick realistic strings: `date-time`, ids (32 hex digits, as ISC's),
//! e-mail addresses.

use serde_json::{json, Map, Value};

/// Nested objects deeper than this get their required fields only.
const OPTIONAL_DEPTH: usize = 2;
/// Arrays deeper than this are empty.
const ARRAY_DEPTH: usize = 4;
/// Past this depth a `$ref` is not followed further (recursive types).
const MAX_DEPTH: usize = 12;

/// A seed from text (FNV-1a), stable across platforms and Rust releases.
pub fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Follows `$ref`s to `#/$defs/<name>` until a schema that is not one.
pub fn resolve<'d>(defs: &'d Map<String, Value>, schema: &'d Value) -> &'d Value {
    let mut schema = schema;
    for _ in 0..MAX_DEPTH {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            Some(name) => match defs.get(name) {
                Some(target) => schema = target,
                None => return schema,
            },
            None => return schema,
        }
    }
    schema
}

pub struct Synth<'d> {
    defs: &'d Map<String, Value>,
    rng: fastrand::Rng,
}

impl<'d> Synth<'d> {
    pub fn new(defs: &'d Map<String, Value>, seed: u64) -> Synth<'d> {
        Synth {
            defs,
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// A value of `schema`; `name` is the property it fills, if any.
    pub fn value(&mut self, schema: &Value, name: &str) -> Value {
        self.at(schema, name, 0)
    }

    fn resolve(&self, schema: &'d Value) -> &'d Value {
        resolve(self.defs, schema)
    }

    fn at(&mut self, schema: &Value, name: &str, depth: usize) -> Value {
        // Borrowed from `defs` or from the caller: resolve by hand.
        let defs = self.defs;
        let schema = match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            Some(target) if depth < MAX_DEPTH => match defs.get(target) {
                Some(def) => return self.at_def(def, name, depth + 1),
                None => return json!({}),
            },
            Some(_) => return Value::Null,
            None => schema,
        };
        self.shape(schema, name, depth)
    }

    fn at_def(&mut self, def: &'d Value, name: &str, depth: usize) -> Value {
        let def = self.resolve(def);
        self.shape(def, name, depth)
    }

    fn shape(&mut self, schema: &Value, name: &str, depth: usize) -> Value {
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values
                .iter()
                .find(|v| !v.is_null())
                .cloned()
                .unwrap_or(Value::Null);
        }
        if let Some(variants) = schema.get("anyOf").and_then(Value::as_array) {
            let variant = variants
                .iter()
                .find(|v| v.get("type").and_then(Value::as_str) != Some("null"));
            return variant.map_or(Value::Null, |v| self.at(v, name, depth));
        }
        let ty = match schema.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if schema.get("properties").is_some() => "object",
            _ => return json!({}),
        };
        match ty {
            "object" => self.object(schema, depth),
            "array" => {
                let items = schema.get("items").cloned().unwrap_or(json!({}));
                if depth >= ARRAY_DEPTH {
                    json!([])
                } else {
                    json!([self.at(&items, name, depth + 1)])
                }
            }
            "string" => self.string(schema, name),
            "integer" => {
                let max = schema
                    .get("maximum")
                    .and_then(Value::as_i64)
                    .unwrap_or(100)
                    .clamp(0, 100);
                json!(self.rng.i64(0..=max))
            }
            "number" => json!(f64::from(self.rng.u16(0..1000)) / 10.0),
            "boolean" => json!(self.rng.bool()),
            _ => Value::Null,
        }
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Value {
        let mut out = Map::new();
        let listed = |key: &str| -> Vec<String> {
            schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let mut wanted = listed("required");
        wanted.extend(listed("x-required-read-only"));
        let empty = Map::new();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (key, property) in properties {
            if depth <= OPTIONAL_DEPTH || wanted.contains(key) {
                out.insert(key.clone(), self.at(property, key, depth + 1));
            }
        }
        Value::Object(out)
    }

    fn string(&mut self, schema: &Value, name: &str) -> Value {
        let lower = name.to_ascii_lowercase();
        match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => {
                let day = self.rng.u8(1..=28);
                let hour = self.rng.u8(0..24);
                return json!(format!("2024-03-{day:02}T{hour:02}:00:00.000Z"));
            }
            Some("binary") => return json!("bW9jaw=="),
            _ => {}
        }
        if lower == "id" || lower.ends_with("id") || lower.ends_with("_id") {
            json!(self.hex_id())
        } else if lower.contains("email") {
            json!(format!("user{}@example.com", self.rng.u16(..)))
        } else if lower.contains("date") || lower == "created" || lower == "modified" {
            json!("2024-03-01T00:00:00.000Z")
        } else {
            let word = if name.is_empty() { "value" } else { name };
            json!(format!("{word}-{}", self.rng.u16(..1000)))
        }
    }

    /// 32 lowercase hex digits, like ISC's ids.
    pub fn hex_id(&mut self) -> String {
        format!("{:016x}{:016x}", self.rng.u64(..), self.rng.u64(..))
    }
}

/// The bytes answered for a media type that is not JSON: small, valid
/// for its type (a CSV header and row, an empty zip, a PDF trailer, …).
pub fn bytes_for(media_type: &str) -> Vec<u8> {
    match media_type {
        "text/csv" | "application/csv" => {
            b"id,name\n2c9180835d2e5168015d32f890ca1581,mock\n".to_vec()
        }
        "text/plain" => b"mock".to_vec(),
        "application/xml" => b"<?xml version=\"1.0\"?><mock/>".to_vec(),
        // The end-of-central-directory record alone: an empty archive.
        "application/zip" => [b"PK\x05\x06".as_slice(), &[0; 18]].concat(),
        "application/pdf" => b"%PDF-1.4\n%%EOF\n".to_vec(),
        "image/png" => b"\x89PNG\r\n\x1a\n".to_vec(),
        "image/jpeg" => b"\xff\xd8\xff\xd9".to_vec(),
        _ => b"mock".to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_required_fields_enums_formats_and_stops_on_recursion() {
        let defs: Map<String, Value> = serde_json::from_value(json!({
            "Node": {"type": "object", "properties": {"id": {"type": "string"}, "child": {"$ref": "#/$defs/Node"}, "kind": {"$ref": "#/$defs/Kind"}}, "required": ["id", "child"]},
            "Kind": {"enum": ["LEAF", "BRANCH"]},
        }))
        .unwrap();
        let schema = json!({"$ref": "#/$defs/Node"});
        let a = Synth::new(&defs, 7).value(&schema, "");
        let b = Synth::new(&defs, 7).value(&schema, "");
        assert_eq!(a, b, "same seed, same data");
        assert_eq!(a["kind"], "LEAF");
        assert_eq!(a["id"].as_str().unwrap().len(), 32);
        assert!(a["child"]["child"].is_object());
        let when = Synth::new(&defs, 1)
            .value(&json!({"type": "string", "format": "date-time"}), "created");
        assert!(when.as_str().unwrap().starts_with("2024-03-"));
        assert!(Synth::new(&defs, 1)
            .value(&json!({"type": "string"}), "email")
            .as_str()
            .unwrap()
            .ends_with("@example.com"));
    }
}
