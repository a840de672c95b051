//! A deserializer that forgives scalar type drift, for every model at once.
//!
//! Why an adapter and not attributes: per-field helpers (`serde_with`'s
//! `PickFirst`, `serde-aux`'s `deserialize_number_from_string`,
//! `serde-flexible`) would need an attribute on each of the thousands of
//! generated fields, costing build time, and no published crate wraps a
//! whole `Deserializer` like this. The adapter costs nothing in the
//! generated crates, and next to nothing at run time: where a target names
//! its kind (`deserialize_bool`) it asks serde_json for `deserialize_any`,
//! which parses the same way, and converts in the visitor.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A deserializer that accepts scalar type drift.
///
/// Real tenants (and the specs' own examples) send `"false"` where a
/// boolean is declared, `"42"` for a number and `127999` for a string.
/// `Lenient` wraps any deserializer and, where the target type asks for a
/// boolean, a number or a string, accepts the other spelling:
///
/// | declared | also accepted |
/// |---|---|
/// | boolean | `"true"`, `"false"` |
/// | integer | a string holding an integer (`"42"`) |
/// | number | a string holding a finite number (`"4.2"`) |
/// | string | a number or a boolean, kept as its text (`127999` → `"127999"`) |
/// | array, map, object | `null`, as empty |
///
/// Everything else is passed through untouched, and a value that still
/// does not fit fails with serde's usual message. It reaches every level:
/// sequences, maps, struct fields, options, newtypes and enum payloads are
/// decoded through it too. What a type reads with `deserialize_any`
/// (`serde_json::Value`, open enums, unions) gets the document exactly as
/// sent; a union that then decodes its variant from that value can stay
/// lenient with [`from_value`].
///
/// [`decode_json`](crate::decode_json) applies it to every body.
#[derive(Debug, Clone, Copy)]
pub struct Lenient<D>(D);

impl<D> Lenient<D> {
    /// Wraps `deserializer`.
    pub fn new(deserializer: D) -> Self {
        Lenient(deserializer)
    }
}

/// Decodes `value` as `T` through [`Lenient`]: for types that buffer a
/// `serde_json::Value` before choosing what to decode it as (unions).
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, serde_json::Error> {
    T::deserialize(Lenient(value))
}

/// Forwards scalar visits unchanged.
macro_rules! forward_visits {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(
            #[inline]
            fn $method<E: de::Error>(self, value: $ty) -> Result<Self::Value, E> {
                self.0.$method(value)
            }
        )*
    };
}

/// Forwards the visits that carry nested values, wrapping them so the
/// leniency reaches every level.
macro_rules! forward_nested_visits {
    () => {
        #[inline]
        fn visit_some<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Self::Value, D2::Error> {
            self.0.visit_some(Lenient(deserializer))
        }

        #[inline]
        fn visit_newtype_struct<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Self::Value, D2::Error> {
            self.0.visit_newtype_struct(Lenient(deserializer))
        }

        #[inline]
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.0.visit_seq(LenientSeq(seq))
        }

        #[inline]
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            self.0.visit_map(LenientMap(map))
        }

        #[inline]
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            self.0.visit_enum(LenientEnum(data))
        }

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(formatter)
        }
    };
}

macro_rules! forward_numbers {
    () => {
        forward_visits!(
            visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64), visit_i128(i128),
            visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64), visit_u128(u128),
            visit_f32(f32), visit_f64(f64),
        );
    };
}

macro_rules! forward_strings {
    () => {
        forward_visits!(visit_str(&str), visit_borrowed_str(&'de str), visit_string(String));
    };
}

macro_rules! forward_others {
    () => {
        forward_visits!(visit_char(char), visit_bytes(&[u8]), visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>));

        #[inline]
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_none()
        }

        #[inline]
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_unit()
        }
    };
}

/// Passes every value through, wrapping nested ones.
struct Wrap<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;
    forward_visits!(visit_bool(bool));
    forward_numbers!();
    forward_strings!();
    forward_others!();
    forward_nested_visits!();
}

/// For a boolean: `"true"` and `"false"` too.
struct ToBool<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for ToBool<V> {
    type Value = V::Value;
    forward_visits!(visit_bool(bool));
    forward_numbers!();
    forward_others!();
    forward_nested_visits!();

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        match value {
            "true" => self.0.visit_bool(true),
            "false" => self.0.visit_bool(false),
            _ => self.0.visit_str(value),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        match value {
            "true" => self.0.visit_bool(true),
            "false" => self.0.visit_bool(false),
            _ => self.0.visit_borrowed_str(value),
        }
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        self.visit_str(&value)
    }
}

/// For a number: a string that holds one too.
struct ToNumber<V>(V);

impl<V> ToNumber<V> {
    fn parse<'de, E: de::Error>(self, text: &str) -> Result<V::Value, E>
    where
        V: Visitor<'de>,
    {
        let trimmed = text.trim();
        if let Ok(n) = trimmed.parse::<i64>() {
            self.0.visit_i64(n)
        } else if let Ok(n) = trimmed.parse::<u64>() {
            self.0.visit_u64(n)
        } else if let Some(n) = trimmed.parse::<f64>().ok().filter(|n| n.is_finite() && !trimmed.is_empty()) {
            self.0.visit_f64(n)
        } else {
            self.0.visit_str(text)
        }
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ToNumber<V> {
    type Value = V::Value;
    forward_visits!(visit_bool(bool));
    forward_numbers!();
    forward_others!();
    forward_nested_visits!();

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        self.parse(value)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        self.parse(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        self.parse(&value)
    }
}

/// For a string: a number or a boolean, as its text.
struct ToText<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for ToText<V> {
    type Value = V::Value;
    forward_strings!();
    forward_others!();
    forward_nested_visits!();
    forward_visits!(visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u128(u128), visit_f32(f32));

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        self.0.visit_str(if value { "true" } else { "false" })
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.0.visit_string(value.to_string())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.0.visit_string(value.to_string())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        self.0.visit_string(value.to_string())
    }
}

/// For a sequence (`seq: true`) or a map or struct: `null` as empty.
struct NullAsEmpty<V> {
    visitor: V,
    seq: bool,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for NullAsEmpty<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(formatter)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.seq {
            self.visitor.visit_seq(Empty(PhantomData))
        } else {
            self.visitor.visit_map(Empty(PhantomData))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_seq(LenientSeq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_map(LenientMap(map))
    }

    // Anything else is the wrong type; the target's visitor says so.
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        self.visitor.visit_bool(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.visitor.visit_i64(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.visitor.visit_u64(value)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        self.visitor.visit_f64(value)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        self.visitor.visit_str(value)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        self.visitor.visit_borrowed_str(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        self.visitor.visit_string(value)
    }

    fn visit_some<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Self::Value, D2::Error> {
        self.visitor.visit_some(Lenient(deserializer))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_enum(LenientEnum(data))
    }
}

/// An empty sequence or map.
struct Empty<E>(PhantomData<E>);

impl<'de, E: de::Error> SeqAccess<'de> for Empty<E> {
    type Error = E;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _seed: T) -> Result<Option<T::Value>, E> {
        Ok(None)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(0)
    }
}

impl<'de, E: de::Error> MapAccess<'de> for Empty<E> {
    type Error = E;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _seed: K) -> Result<Option<K::Value>, E> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _seed: V) -> Result<V::Value, E> {
        Err(E::custom("a value without a key"))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(0)
    }
}

struct LenientSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for LenientSeed<S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(Lenient(deserializer))
    }
}

struct LenientSeq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for LenientSeq<A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(LenientSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct LenientMap<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for LenientMap<A> {
    type Error = A::Error;

    // Keys are field names or map keys: strings, never drift.
    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(LenientSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct LenientEnum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for LenientEnum<A> {
    type Error = A::Error;
    type Variant = LenientVariant<A::Variant>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(seed)?;
        Ok((value, LenientVariant(variant)))
    }
}

struct LenientVariant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for LenientVariant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(LenientSeed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Wrap(visitor))
    }
}

macro_rules! coerce {
    ($($method:ident => $visitor:ident),* $(,)?) => {
        $(
            #[inline]
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.deserialize_any($visitor(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Lenient<D> {
    type Error = D::Error;

    coerce!(
        deserialize_bool => ToBool,
        deserialize_i8 => ToNumber, deserialize_i16 => ToNumber, deserialize_i32 => ToNumber, deserialize_i64 => ToNumber,
        deserialize_u8 => ToNumber, deserialize_u16 => ToNumber, deserialize_u32 => ToNumber, deserialize_u64 => ToNumber,
        deserialize_f32 => ToNumber, deserialize_f64 => ToNumber,
        deserialize_str => ToText, deserialize_string => ToText,
    );

    /// Untouched: `serde_json::Value` and other self-describing targets see
    /// the document as it is.
    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_i128(Wrap(visitor))
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_u128(Wrap(visitor))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_char(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_bytes(Wrap(visitor))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_byte_buf(Wrap(visitor))
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_option(Wrap(visitor))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    #[inline]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(NullAsEmpty { visitor, seq: true })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, name: &'static str, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }

    #[inline]
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(NullAsEmpty { visitor, seq: false })
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(NullAsEmpty { visitor, seq: false })
    }

    fn deserialize_enum<V: Visitor<'de>>(self, name: &'static str, variants: &'static [&'static str], visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Wrap(visitor))
    }

    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_identifier(visitor)
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    fn lenient<T: DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
        T::deserialize(Lenient(&mut serde_json::Deserializer::from_str(json)))
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Account {
        #[serde(default, deserialize_with = "crate::de::null_as_default")]
        native_identity: String,
        #[serde(default, deserialize_with = "crate::de::null_as_default")]
        locked: bool,
        #[serde(default)]
        is_machine: Option<bool>,
        #[serde(default)]
        count: Option<i64>,
        #[serde(default)]
        big: u64,
        #[serde(default)]
        ratio: f64,
        #[serde(default)]
        small: i32,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        owner: Option<Owner>,
        #[serde(default)]
        attributes: BTreeMap<String, Value>,
        #[serde(default)]
        raw: Option<Value>,
        #[serde(default)]
        wrapped: Option<Id>,
        #[serde(default)]
        choice: Option<Choice>,
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Owner {
        #[serde(default)]
        id: String,
        #[serde(default)]
        active: bool,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Id(String);

    #[derive(Debug, PartialEq, Deserialize)]
    enum Choice {
        Flag(bool),
        Pair { n: u32 },
    }

    #[test]
    fn scalars_of_the_wrong_type_decode_at_every_level() {
        let account: Account = lenient(
            r#"{"nativeIdentity": 127999, "locked": "false", "isMachine": "true", "count": "-42", "big": "18446744073709551615",
                "ratio": "0.25", "small": "7", "tags": [1, true, "x", 2.5], "owner": {"id": 55, "active": "true"},
                "attributes": {"n": "1", "b": "false"}, "raw": {"keep": "1"}, "wrapped": 9, "choice": {"Flag": "true"}}"#,
        )
        .unwrap();
        assert_eq!(account.native_identity, "127999");
        assert!(!account.locked);
        assert_eq!(account.is_machine, Some(true));
        assert_eq!(account.count, Some(-42));
        assert_eq!(account.big, u64::MAX);
        assert_eq!(account.ratio, 0.25);
        assert_eq!(account.small, 7);
        assert_eq!(account.tags, ["1", "true", "x", "2.5"]);
        assert_eq!(account.owner, Some(Owner { id: "55".into(), active: true }));
        // Values typed as JSON are left exactly as sent.
        assert_eq!(account.attributes["n"], json!("1"));
        assert_eq!(account.attributes["b"], json!("false"));
        assert_eq!(account.raw, Some(json!({"keep": "1"})));
        assert_eq!(account.wrapped, Some(Id("9".into())));
        assert_eq!(account.choice, Some(Choice::Flag(true)));
        let choice: Choice = lenient(r#"{"Pair": {"n": "3"}}"#).unwrap();
        assert_eq!(choice, Choice::Pair { n: 3 });
    }

    #[test]
    fn null_is_an_empty_collection() {
        let account: Account = lenient(r#"{"tags": null, "attributes": null, "owner": null}"#).unwrap();
        assert_eq!(account, Account::default());
        assert_eq!(lenient::<Vec<u8>>("null").unwrap(), Vec::<u8>::new());
        assert_eq!(lenient::<BTreeMap<String, i64>>("null").unwrap(), BTreeMap::new());
        assert_eq!(lenient::<Owner>("null").unwrap(), Owner::default());
        assert_eq!(lenient::<Option<Vec<u8>>>("null").unwrap(), None);
    }

    #[test]
    fn values_that_still_do_not_fit_fail_as_before() {
        for (json, expected) in [
            (r#"{"locked": "yes"}"#, "expected a boolean"),
            (r#"{"count": "12abc"}"#, "expected i64"),
            (r#"{"small": "1.5"}"#, "expected i32"),
            (r#"{"ratio": "NaN"}"#, "expected f64"),
            (r#"{"small": "99999999999"}"#, "i32"),
            (r#"{"nativeIdentity": {"a": 1}}"#, "expected a string"),
            (r#"{"tags": "a"}"#, "expected a sequence"),
        ] {
            let error = lenient::<Account>(json).unwrap_err().to_string();
            assert!(error.contains(expected), "{json}: {error}");
        }
    }

    #[test]
    fn well_typed_documents_decode_as_with_serde_json() {
        let json = r#"{"nativeIdentity": "a", "locked": true, "count": 3, "ratio": 1e3, "tags": ["x"], "owner": {"id": "o"}}"#;
        let strict: Account = serde_json::from_str(json).unwrap();
        assert_eq!(lenient::<Account>(json).unwrap(), strict);
        let value: Value = lenient(r#"{"a": ["1", 2, null, true]}"#).unwrap();
        assert_eq!(value, json!({"a": ["1", 2, null, true]}));
    }

    #[test]
    fn from_value_is_lenient() {
        let owner: Owner = from_value(&json!({"id": 1, "active": "true"})).unwrap();
        assert_eq!(owner, Owner { id: "1".into(), active: true });
    }
}
