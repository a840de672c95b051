//! Does a re-encoded value say the same as the example it was decoded from?
//!
//! Plain JSON equality is the wrong test: decoding is lenient on purpose
//! (unknown properties are dropped, `null` and missing required fields
//! become defaults), and a union that matches no variant keeps its raw JSON,
//! which would compare equal while nothing was typed. So the comparison walks
//! the IR type beside both values: it checks that the example has the JSON
//! shape the type expects, that nothing the type declares was lost, and it
//! counts what leniency absorbed instead of calling it equal silently.

use crate::ir::{Api, Ty, TypeKind};
use serde_json::{Map, Value};

/// What lenient decoding absorbed in one example.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Absorbed {
    /// Properties the schema does not declare, dropped on decode.
    pub unknown_properties: usize,
    /// Enum values the schema does not list, kept as `Unknown`.
    pub unknown_enum_values: usize,
    /// `null` in non-nullable fields and missing required fields, decoded
    /// as the type's default.
    pub defaulted: usize,
    /// Scalars of another JSON kind read as the declared one (`"false"` as
    /// `false`, `127999` as `"127999"`), as `sailpoint_runtime::de::Lenient` does.
    pub coerced: usize,
}

impl std::ops::AddAssign for Absorbed {
    fn add_assign(&mut self, other: Absorbed) {
        self.unknown_properties += other.unknown_properties;
        self.unknown_enum_values += other.unknown_enum_values;
        self.defaulted += other.defaulted;
        self.coerced += other.coerced;
    }
}

/// Where and why an example and its re-encoding disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON pointer into the example.
    pub pointer: String,
    pub reason: String,
}

/// Compares `original` with `encoded` (the original decoded as `ty` and
/// encoded again).
pub fn compare(api: &Api, ty: &Ty, original: &Value, encoded: &Value) -> Result<Absorbed, Mismatch> {
    let mut walk = Walk {
        api,
        absorbed: Absorbed::default(),
    };
    walk.value(ty, original, encoded, "")?;
    Ok(walk.absorbed)
}

struct Walk<'a> {
    api: &'a Api,
    absorbed: Absorbed,
}

fn mismatch(pointer: &str, reason: impl Into<String>) -> Mismatch {
    Mismatch {
        pointer: if pointer.is_empty() { "/".into() } else { pointer.into() },
        reason: reason.into(),
    }
}

fn child(pointer: &str, segment: impl std::fmt::Display) -> String {
    format!("{pointer}/{}", crate::pointer::escape(&segment.to_string()))
}

impl Walk<'_> {
    fn value(&mut self, ty: &Ty, original: &Value, encoded: &Value, at: &str) -> Result<(), Mismatch> {
        let shape_ok = match ty {
            Ty::Nullable(_) if original.is_null() => return expect_same(original, encoded, at),
            Ty::Nullable(inner) => return self.value(inner, original, encoded, at),
            Ty::Named(id) => return self.named(*id, original, encoded, at),
            Ty::Array(item) => return self.array(item, original, encoded, at),
            Ty::Map(item) => return self.map(item, original, encoded, at),
            Ty::String => original.is_string(),
            Ty::Integer => original.is_i64() || original.is_u64(),
            Ty::Number => original.is_number(),
            Ty::Boolean => original.is_boolean(),
            // Kept as text, so a number (epoch millis) round-trips as its digits.
            Ty::DateTime => {
                return match original {
                    Value::Number(n) if encoded.as_str() == Some(n.to_string().as_str()) => Ok(()),
                    Value::String(_) => expect_same(original, encoded, at),
                    _ => Err(mismatch(at, format!("date-time expected, found {}", kind(original)))),
                };
            }
            Ty::Binary | Ty::Any => true,
        };
        if !shape_ok {
            if coerces(ty, original, encoded) {
                self.absorbed.coerced += 1;
                return Ok(());
            }
            return Err(mismatch(at, format!("{} expected, found {}", expected(ty), kind(original))));
        }
        expect_same(original, encoded, at)
    }

    fn array(&mut self, item: &Ty, original: &Value, encoded: &Value, at: &str) -> Result<(), Mismatch> {
        let (Value::Array(original), Value::Array(encoded)) = (original, encoded) else {
            return Err(mismatch(at, format!("array expected, found {}", kind(original))));
        };
        if original.len() != encoded.len() {
            return Err(mismatch(at, format!("{} items became {}", original.len(), encoded.len())));
        }
        for (i, (o, e)) in original.iter().zip(encoded).enumerate() {
            self.value(item, o, e, &child(at, i))?;
        }
        Ok(())
    }

    fn map(&mut self, item: &Ty, original: &Value, encoded: &Value, at: &str) -> Result<(), Mismatch> {
        let (Value::Object(original), Value::Object(encoded)) = (original, encoded) else {
            return Err(mismatch(at, format!("object expected, found {}", kind(original))));
        };
        for (key, o) in original {
            let e = encoded.get(key).ok_or_else(|| mismatch(&child(at, key), "lost on re-encode"))?;
            self.value(item, o, e, &child(at, key))?;
        }
        Ok(())
    }

    fn named(&mut self, id: crate::ir::TypeId, original: &Value, encoded: &Value, at: &str) -> Result<(), Mismatch> {
        let def = self.api.type_def(id);
        match &def.kind {
            TypeKind::Alias { target } => self.value(target, original, encoded, at),
            TypeKind::Enum(e) => {
                let text = match original {
                    Value::String(s) if !e.integer => s.clone(),
                    Value::Number(n) if e.integer => n.to_string(),
                    other => return Err(mismatch(at, format!("{} enum value expected, found {}", if e.integer { "integer" } else { "string" }, kind(other)))),
                };
                if !e.variants.iter().any(|v| v.value == text) {
                    self.absorbed.unknown_enum_values += 1;
                }
                expect_same(original, encoded, at)
            }
            TypeKind::Union(u) => {
                let before = self.absorbed;
                let mut reasons = Vec::new();
                for variant in &u.variants {
                    // As `sailpoint_runtime::union::select`: an object variant
                    // that knows none of the object's properties (the tag
                    // aside) is never chosen, even if it would keep them all
                    // as unknown fields.
                    if let Value::Object(fields) = original {
                        let knows = |key: &String| Some(key) == u.tag.as_ref() || variant.known.contains(key);
                        if !variant.known.is_empty() && !fields.is_empty() && !fields.keys().any(|k| knows(k) && Some(k) != u.tag.as_ref()) {
                            reasons.push(format!("{}: knows none of the properties", variant.rust_name));
                            continue;
                        }
                    }
                    match self.value(&variant.ty, original, encoded, at) {
                        Ok(()) => return Ok(()),
                        Err(m) => {
                            self.absorbed = before;
                            reasons.push(format!("{}: {} at {}", variant.rust_name, m.reason, m.pointer));
                        }
                    }
                }
                Err(mismatch(at, format!("`{}` matches none of its variants ({})", def.name, reasons.join("; "))))
            }
            TypeKind::Struct(s) => {
                let (Value::Object(original), Value::Object(encoded)) = (original, encoded) else {
                    return Err(mismatch(at, format!("object (`{}`) expected, found {}", def.name, kind(original))));
                };
                self.object(s, original, encoded, at)
            }
        }
    }

    fn object(&mut self, s: &crate::ir::StructDef, original: &Map<String, Value>, encoded: &Map<String, Value>, at: &str) -> Result<(), Mismatch> {
        for (key, o) in original {
            let at = child(at, key);
            let field = s.fields.iter().find(|f| f.wire_name == *key);
            match (field, encoded.get(key)) {
                (Some(_), Some(e)) if o.is_null() => {
                    if !e.is_null() && is_default_like(e) {
                        self.absorbed.defaulted += 1;
                    } else if !e.is_null() {
                        return Err(mismatch(&at, format!("null became {e}")));
                    }
                }
                (Some(f), Some(e)) => self.value(&f.ty, o, e, &at)?,
                (Some(f), None) if o.is_null() => {
                    if !f.ty.is_nullable() {
                        self.absorbed.defaulted += 1;
                    }
                }
                // A read-only field left at its default is not sent.
                (Some(f), None) if f.read_only && is_default_like(o) => {}
                (Some(_), None) => return Err(mismatch(&at, "lost on re-encode")),
                (None, encoded_value) => match (&s.extra(), encoded_value) {
                    (None, None) => self.absorbed.unknown_properties += 1,
                    (Some(item), Some(e)) => self.value(item, o, e, &at)?,
                    (Some(_), None) => return Err(mismatch(&at, "lost on re-encode")),
                    // Only raw JSON keeps what the type does not declare.
                    (None, Some(_)) => return Err(mismatch(&at, "undeclared property kept: the value was not decoded as this type")),
                },
            }
        }
        for (key, e) in encoded.iter().filter(|(key, _)| !original.contains_key(*key)) {
            let declared = s.fields.iter().any(|f| f.wire_name == *key);
            if !declared || !is_default_like(e) {
                return Err(mismatch(&child(at, key), format!("appeared on re-encode as {e}")));
            }
            self.absorbed.defaulted += 1;
        }
        Ok(())
    }
}

/// Whether `encoded` is `original` read as the declared scalar type, by
/// the runtime's lenient rules: a number or boolean where a string is
/// declared keeps its text; `"true"`/`"false"` are booleans; numeric text
/// is a number.
fn coerces(ty: &Ty, original: &Value, encoded: &Value) -> bool {
    match (ty, original) {
        (Ty::String, Value::Number(n)) => encoded.as_str() == Some(n.to_string().as_str()),
        (Ty::String, Value::Bool(b)) => encoded.as_str() == Some(if *b { "true" } else { "false" }),
        (Ty::Boolean, Value::String(text)) => encoded.as_bool().map(|b| if b { "true" } else { "false" }) == Some(text.trim()),
        (Ty::Integer | Ty::Number, Value::String(text)) => match (text.trim().parse::<f64>(), encoded.as_f64()) {
            (Ok(parsed), Some(value)) => parsed == value,
            _ => false,
        },
        _ => false,
    }
}

/// JSON equality with numbers compared by value (`1` and `1.0` are equal).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

fn expect_same(original: &Value, encoded: &Value, at: &str) -> Result<(), Mismatch> {
    if same(original, encoded) {
        Ok(())
    } else {
        Err(mismatch(at, format!("{original} became {encoded}")))
    }
}

/// What lenient decoding writes for a `null` or missing value.
fn is_default_like(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.values().all(is_default_like),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn expected(ty: &Ty) -> &'static str {
    match ty {
        Ty::String => "string",
        Ty::Integer => "integer",
        Ty::Number => "number",
        Ty::Boolean => "boolean",
        _ => "value",
    }
}

