//! Decoding generated structs: one visitor, written once, for every model.
//!
//! `#[derive(Deserialize)]` emits, per struct, a field-name enum with its
//! own visitor and `Deserialize` impl, a visitor with both `visit_map` and
//! `visit_seq`, and a wrapper type per `deserialize_with` field. Over the
//! ~1,400 structs of a generated crate that code was a large part of its
//! build time (see docs/perf.md). A generated struct instead implements
//! [`Fields`], a single `match` on the key, and decodes through [`object`].
//!
//! The semantics are the ones the derive had with our attributes: every
//! field is optional on the wire (a missing one keeps its default), `null`
//! for a plain field gives its default, unknown keys are skipped or kept in
//! the struct's map of unknown fields, and a repeated key keeps the last
//! value, as `serde_json::Value` does.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A generated struct's fields, decoded one key at a time.
pub trait Fields: Default {
    /// The schema's name, for error messages.
    const NAME: &'static str;

    /// Decodes the value under `key` into its field, or skips or keeps it
    /// when `key` names no field.
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error>;
}

/// Decodes a JSON object into `T`, key by key.
#[inline]
pub fn object<'de, D: Deserializer<'de>, T: Fields>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// `null` (or a value that decoded as absent) becomes the default: the
/// rule for fields the spec calls required and non-nullable.
#[inline]
pub fn or_default<T: Default>(value: Option<T>) -> T {
    value.unwrap_or_default()
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Fields> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a JSON object ({})", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            value.field(&key, &mut map)?;
        }
        Ok(value)
    }
}

/// An object key, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IgnoredAny;
    use std::collections::BTreeMap;

    /// What the generator emits for a struct with a plain field, an
    /// optional one and a map of unknown fields.
    #[derive(Debug, Default, PartialEq)]
    struct Sample {
        name: String,
        count: Option<i64>,
        unknown: BTreeMap<String, serde_json::Value>,
    }

    impl Fields for Sample {
        const NAME: &'static str = "Sample";
        fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
            match key {
                "name" => self.name = or_default(map.next_value()?),
                "count" => self.count = map.next_value()?,
                other => {
                    self.unknown.insert(other.to_owned(), map.next_value()?);
                }
            }
            Ok(())
        }
    }

    impl<'de> Deserialize<'de> for Sample {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            object(deserializer)
        }
    }

    /// A struct that drops unknown keys.
    #[derive(Debug, Default, PartialEq)]
    struct Strict {
        id: Option<String>,
    }

    impl Fields for Strict {
        const NAME: &'static str = "Strict";
        fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
            match key {
                "id" => self.id = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }

    impl<'de> Deserialize<'de> for Strict {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            object(deserializer)
        }
    }

    #[test]
    fn null_and_missing_fields_become_defaults() {
        let sample: Sample = serde_json::from_str(r#"{"name": null}"#).unwrap();
        assert_eq!(sample, Sample::default());
        let sample: Sample = serde_json::from_str(r#"{"name": "a", "count": 3}"#).unwrap();
        assert_eq!((sample.name.as_str(), sample.count), ("a", Some(3)));
    }

    #[test]
    fn unknown_keys_are_kept_or_skipped() {
        let sample: Sample = serde_json::from_str(r#"{"extra": {"deep": [1, 2]}, "name": "a"}"#).unwrap();
        assert_eq!(sample.unknown["extra"], serde_json::json!({"deep": [1, 2]}));
        let strict: Strict = serde_json::from_str(r#"{"extra": {"deep": [1, 2]}, "id": "7"}"#).unwrap();
        assert_eq!(strict.id.as_deref(), Some("7"));
    }

    #[test]
    fn escaped_keys_and_values_from_a_value_decode_too() {
        let sample: Sample = serde_json::from_str(r#"{"na\u006de": "a"}"#).unwrap();
        assert_eq!(sample.name, "a");
        let value = serde_json::json!({"name": "b", "count": 4});
        let sample: Sample = serde_json::from_value(value).unwrap();
        assert_eq!((sample.name.as_str(), sample.count), ("b", Some(4)));
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value() {
        let strict: Strict = serde_json::from_str(r#"{"id": "1", "id": "2"}"#).unwrap();
        assert_eq!(strict.id.as_deref(), Some("2"));
    }

    #[test]
    fn a_non_object_names_the_type() {
        let error = serde_json::from_str::<Strict>("[1]").unwrap_err().to_string();
        assert!(error.contains("a JSON object (Strict)"), "{error}");
        let error = serde_json::from_str::<Sample>(r#"{"count": "many"}"#).unwrap_err().to_string();
        assert!(error.contains("invalid type: string \"many\""), "{error}");
    }
}
