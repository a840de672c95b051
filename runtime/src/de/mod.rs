//! Lenient decoding helpers used by generated models.
//!
//! SailPoint tenants send `null` for fields the spec calls required and
//! non-nullable, and sometimes omit them. Decoding a whole page must not
//! fail for that, so such fields fall back to their type's default.
//! Scalars of the wrong JSON type (`"false"` for a boolean, `127999` for a
//! string) are handled once for every model by [`Lenient`], which
//! [`decode_json`](crate::decode_json) applies.

mod lenient;
mod object;

pub use lenient::{from_value, Lenient};
pub use object::{object, or_default, Fields};

use serde::{Deserialize, Deserializer};

/// Decodes `null` as `T::default()`; paired with `#[serde(default)]` for
/// a missing field.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// True when `value` is its type's default: read-only fields that were
/// never set are left out of request bodies.
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The wire form of an open enum's value: a string, or for integer enums a
/// number. Anything else is kept as its JSON text so it still round-trips.
#[derive(Debug)]
pub enum EnumWire {
    /// A string value.
    Text(String),
    /// An integer value.
    Integer(i64),
}

impl<'de> Deserialize<'de> for EnumWire {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(match value {
            serde_json::Value::String(s) => EnumWire::Text(s),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => EnumWire::Integer(i),
                None => EnumWire::Text(n.to_string()),
            },
            serde_json::Value::Null => EnumWire::Text(String::new()),
            other => EnumWire::Text(other.to_string()),
        })
    }
}

impl EnumWire {
    /// The value as text, integers in decimal.
    pub fn into_text(self) -> String {
        match self {
            EnumWire::Text(s) => s,
            EnumWire::Integer(i) => i.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Default, Debug, PartialEq)]
    struct Sample {
        #[serde(default, deserialize_with = "null_as_default")]
        name: String,
        #[serde(default, deserialize_with = "null_as_default")]
        count: i64,
    }

    #[test]
    fn null_and_missing_become_default() {
        let s: Sample = serde_json::from_str(r#"{"name": null}"#).unwrap();
        assert_eq!(s, Sample::default());
        let s: Sample = serde_json::from_str(r#"{"name": "a", "count": 3}"#).unwrap();
        assert_eq!(s, Sample { name: "a".into(), count: 3 });
    }

    #[test]
    fn enum_wire_accepts_strings_numbers_and_null() {
        let w: EnumWire = serde_json::from_str("\"X\"").unwrap();
        assert_eq!(w.into_text(), "X");
        let w: EnumWire = serde_json::from_str("12").unwrap();
        assert!(matches!(w, EnumWire::Integer(12)));
        let w: EnumWire = serde_json::from_str("null").unwrap();
        assert_eq!(w.into_text(), "");
    }
}
