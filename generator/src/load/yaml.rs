//! YAML to `serde_json::Value`.
//!
//! The parser is serde_yaml_ng (libyaml through unsafe-libyaml): it accepts
//! the flow sequences with "deficient indentation" that 92 spec files use
//! and that stricter YAML 1.2 parsers (yaml-rust2, saphyr) reject. Its plain
//! scalar resolution follows YAML 1.2, so `no`, `OFF` and `YES` stay strings.
//!
//! We deserialize through our own seed rather than into `Value` directly so
//! that a duplicate key is an error naming the JSON pointer (a plain
//! `serde_json::Value` would silently keep the last entry).

use crate::error::{GenError, Result};
use crate::pointer::{escape, Loc};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

pub fn parse(file: &Arc<str>, text: &str) -> Result<Value> {
    let failed_at = RefCell::new(None);
    let seed = Node {
        pointer: String::new(),
        failed_at: &failed_at,
    };
    let result = seed.deserialize(serde_yaml_ng::Deserializer::from_str(text));
    result.map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let loc = Loc {
            file: file.clone(),
            pointer: failed_at.borrow_mut().take().unwrap_or_default(),
        };
        let message = e.to_string();
        match message.split_once(DUPLICATE) {
            Some((_, rest)) => GenError::DuplicateKey {
                loc,
                key: rest.split(" at line").next().unwrap_or(rest).to_owned(),
                line,
            },
            None => GenError::Yaml {
                loc,
                line,
                column,
                message,
            },
        }
    })
}

const DUPLICATE: &str = "duplicate key: ";

struct Node<'c> {
    pointer: String,
    /// The pointer of the innermost node that failed, for the error message.
    failed_at: &'c RefCell<Option<String>>,
}

impl Node<'_> {
    fn child(&self, segment: &str) -> Self {
        Node {
            pointer: format!("{}/{}", self.pointer, escape(segment)),
            failed_at: self.failed_at,
        }
    }

    fn fail<E: de::Error>(&self, message: String) -> E {
        self.failed_at.borrow_mut().get_or_insert_with(|| self.pointer.clone());
        E::custom(message)
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        let pointer = self.pointer.clone();
        let failed_at = self.failed_at;
        deserializer.deserialize_any(self).inspect_err(|_| {
            failed_at.borrow_mut().get_or_insert(pointer);
        })
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // NaN and infinities have no JSON form; keep their spelling.
        Ok(Number::from_f64(v).map_or_else(|| Value::String(v.to_string()), Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.child(&items.len().to_string()))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            if entries.contains_key(&key) {
                return Err(self.fail(format!("{DUPLICATE}{key}")));
            }
            let value = map.next_value_seed(self.child(&key))?;
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
}

/// Mapping keys: strings, or scalars spelled as strings (`200:` is a status code).
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for Key {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar mapping key")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E>(self) -> Result<String, E> {
        Ok("null".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn load(text: &str) -> Result<Value> {
        parse(&Arc::from("t.yaml"), text)
    }

    #[test]
    fn yaml_1_2_scalars() {
        let v = load("a: [no, OFF, YES, on, true, 'true', 12, 1.5, ~, 2022-09-19 13:55:26]\n200: x").unwrap();
        assert_eq!(
            v,
            json!({"a": ["no", "OFF", "YES", "on", true, "true", 12, 1.5, null, "2022-09-19 13:55:26"], "200": "x"})
        );
    }

    #[test]
    fn duplicate_key_names_pointer_and_line() {
        let err = load("properties:\n  a: 1\n  b:\n    x: 1\n    x: 2\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("t.yaml#/properties/b"), "{msg}");
        assert!(msg.contains("duplicate key `x`"), "{msg}");
        assert!(msg.contains("mapping at line 4"), "{msg}");
    }

    #[test]
    fn syntax_error_is_reported_not_panicked() {
        let err = load("a:\n  b: [1, 2\nc: }").unwrap_err();
        assert!(err.to_string().contains("YAML does not parse"), "{err}");
    }

    #[test]
    fn flow_sequence_with_deficient_indentation_and_crlf() {
        let v = load("a:\r\n  b: [\r\n  1,\r\n  2]\r\n  c: x\r\n").unwrap();
        assert_eq!(v, json!({"a": {"b": [1, 2], "c": "x"}}));
    }
}
