//! [`Fields`], [`FieldWriter`] and [`object`].
//!
//! The output is the one the derive gave with our attributes, for every
//! serializer: fields in declaration order; an absent optional field or an
//! unset read-only field is left out (`SerializeStruct::skip_field`, as the
//! derive calls it); a struct with a map of further properties
//! (`#[serde(flatten)]` in the derive) is written as a map of unknown
//! length with the map's entries after the fields, any other struct with
//! `serialize_struct` and the exact number of fields written.

use erased_serde::Serialize as Erased;
use serde::ser::{Error as _, Serialize, SerializeMap, SerializeStruct, Serializer};
use std::collections::BTreeMap;

/// A generated struct's fields, written one at a time.
pub trait Fields {
    /// Writes every field, in declaration order, to `out`.
    fn write_fields(&self, out: &mut FieldWriter<'_>);
}

/// An optional field: left out when it is `None`.
pub trait Optional {
    /// The value to write, if any.
    fn present(&self) -> Option<&dyn Erased>;
}

impl<T: Serialize> Optional for Option<T> {
    fn present(&self) -> Option<&dyn Erased> {
        self.as_ref().map(|value| value as &dyn Erased)
    }
}

/// A read-only field: left out while it holds its type's default.
pub trait NonDefault {
    /// The value to write, unless it is the default.
    fn unless_default(&self) -> Option<&dyn Erased>;
}

impl<T: Serialize + Default + PartialEq> NonDefault for T {
    fn unless_default(&self) -> Option<&dyn Erased> {
        (*self != T::default()).then_some(self as &dyn Erased)
    }
}

/// A map of further properties, written after the declared fields.
pub trait Entries {
    /// Calls `entry` with each key and value, in order, until it returns
    /// `false`.
    fn each_entry(&self, entry: &mut dyn FnMut(&str, &dyn Erased) -> bool);
}

impl<V: Serialize> Entries for BTreeMap<String, V> {
    fn each_entry(&self, entry: &mut dyn FnMut(&str, &dyn Erased) -> bool) {
        for (key, value) in self {
            if !entry(key, value) {
                return;
            }
        }
    }
}

/// Where [`Fields::write_fields`] writes. The methods do not fail: the
/// first error is kept and ends the writing, and [`object`] returns it.
pub struct FieldWriter<'a> {
    sink: &'a mut dyn Sink,
    failed: bool,
}

impl FieldWriter<'_> {
    /// A field that is always written (`null` for `None`).
    pub fn field(&mut self, key: &'static str, value: &dyn Erased) {
        if !self.failed {
            self.failed = !self.sink.field(key, value);
        }
    }

    /// A field left out when `None`.
    pub fn optional(&mut self, key: &'static str, value: &dyn Optional) {
        self.write_or_skip(key, value.present());
    }

    /// A field left out while it holds its type's default.
    pub fn unless_default(&mut self, key: &'static str, value: &dyn NonDefault) {
        self.write_or_skip(key, value.unless_default());
    }

    /// The map of further properties; the struct is then written as a map.
    pub fn entries(&mut self, map: &dyn Entries) {
        if !self.failed {
            self.failed = !self.sink.entries(map);
        }
    }

    fn write_or_skip(&mut self, key: &'static str, value: Option<&dyn Erased>) {
        if self.failed {
            return;
        }
        self.failed = !match value {
            Some(value) => self.sink.field(key, value),
            None => self.sink.skip(key),
        };
    }
}

/// Encodes `value` as an object named `name` (the struct's name, for
/// serializers that use it).
pub fn object<S: Serializer>(value: &dyn Fields, name: &'static str, serializer: S) -> Result<S::Ok, S::Error> {
    // A first pass counts the fields written: `serialize_struct` takes the
    // length up front, and a map of further properties makes it a map.
    let mut shape = Shape::default();
    value.write_fields(&mut FieldWriter { sink: &mut shape, failed: false });
    if shape.open {
        let mut sink = MapSink { map: serializer.serialize_map(None)?, error: None };
        value.write_fields(&mut FieldWriter { sink: &mut sink, failed: false });
        match sink.error {
            Some(error) => Err(error),
            None => sink.map.end(),
        }
    } else {
        let mut sink = StructSink { fields: serializer.serialize_struct(name, shape.fields)?, error: None };
        value.write_fields(&mut FieldWriter { sink: &mut sink, failed: false });
        match sink.error {
            Some(error) => Err(error),
            None => sink.fields.end(),
        }
    }
}

/// What a [`FieldWriter`] writes to; `false` once it failed.
trait Sink {
    fn field(&mut self, key: &'static str, value: &dyn Erased) -> bool;
    fn skip(&mut self, key: &'static str) -> bool;
    fn entries(&mut self, map: &dyn Entries) -> bool;
}

/// The first pass: how many fields, and whether a map follows them.
#[derive(Default)]
struct Shape {
    fields: usize,
    open: bool,
}

impl Sink for Shape {
    fn field(&mut self, _: &'static str, _: &dyn Erased) -> bool {
        self.fields += 1;
        true
    }

    fn skip(&mut self, _: &'static str) -> bool {
        true
    }

    fn entries(&mut self, _: &dyn Entries) -> bool {
        self.open = true;
        true
    }
}

struct StructSink<M: SerializeStruct> {
    fields: M,
    error: Option<M::Error>,
}

impl<M: SerializeStruct> Sink for StructSink<M> {
    fn field(&mut self, key: &'static str, value: &dyn Erased) -> bool {
        keep(&mut self.error, self.fields.serialize_field(key, value))
    }

    fn skip(&mut self, key: &'static str) -> bool {
        keep(&mut self.error, self.fields.skip_field(key))
    }

    fn entries(&mut self, _: &dyn Entries) -> bool {
        // Only a `write_fields` that writes a map in the second pass but
        // not in the first gets here.
        self.error = Some(M::Error::custom("further properties in a struct written as a struct"));
        false
    }
}

struct MapSink<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Sink for MapSink<M> {
    fn field(&mut self, key: &'static str, value: &dyn Erased) -> bool {
        keep(&mut self.error, self.map.serialize_entry(key, value))
    }

    fn skip(&mut self, _: &'static str) -> bool {
        true
    }

    fn entries(&mut self, map: &dyn Entries) -> bool {
        let mut ok = true;
        map.each_entry(&mut |key, value| {
            ok = keep(&mut self.error, self.map.serialize_entry(key, value));
            ok
        });
        ok
    }
}

/// Keeps the error of `result`, if any; `true` when it succeeded.
fn keep<E>(slot: &mut Option<E>, result: Result<(), E>) -> bool {
    match result {
        Ok(()) => true,
        Err(error) => {
            *slot = Some(error);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The derive with the attributes the generator used to emit: the
    /// reference output.
    #[derive(serde::Serialize, Default, Clone)]
    struct Derived {
        name: String,
        #[serde(rename = "displayName", skip_serializing_if = "Option::is_none")]
        display_name: Option<String>,
        #[serde(skip_serializing_if = "crate::de::is_default")]
        created: i64,
        nullable: Option<Vec<i64>>,
        #[serde(rename = "nested", skip_serializing_if = "Option::is_none")]
        nested: Option<Box<Compact>>,
    }

    #[derive(serde::Serialize, Default, Clone)]
    struct DerivedOpen {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(flatten)]
        rest: BTreeMap<String, serde_json::Value>,
    }

    /// What the generator emits for the same structs.
    #[derive(Default, Clone)]
    struct Compact {
        name: String,
        display_name: Option<String>,
        created: i64,
        nullable: Option<Vec<i64>>,
        nested: Option<Box<Compact>>,
    }

    impl Fields for Compact {
        fn write_fields(&self, out: &mut FieldWriter<'_>) {
            out.field("name", &self.name);
            out.optional("displayName", &self.display_name);
            out.unless_default("created", &self.created);
            out.field("nullable", &self.nullable);
            out.optional("nested", &self.nested);
        }
    }

    impl Serialize for Compact {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            object(self, "Compact", serializer)
        }
    }

    #[derive(Default, Clone)]
    struct CompactOpen {
        id: Option<String>,
        rest: BTreeMap<String, serde_json::Value>,
    }

    impl Fields for CompactOpen {
        fn write_fields(&self, out: &mut FieldWriter<'_>) {
            out.optional("id", &self.id);
            out.entries(&self.rest);
        }
    }

    impl Serialize for CompactOpen {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            object(self, "CompactOpen", serializer)
        }
    }

    fn pair(name: &str, display: Option<&str>, created: i64, nullable: Option<Vec<i64>>) -> (Derived, Compact) {
        let derived = Derived {
            name: name.to_owned(),
            display_name: display.map(str::to_owned),
            created,
            nullable: nullable.clone(),
            nested: None,
        };
        let compact = Compact {
            name: name.to_owned(),
            display_name: display.map(str::to_owned),
            created,
            nullable,
            nested: None,
        };
        (derived, compact)
    }

    #[test]
    fn the_same_bytes_as_the_derive() {
        let cases = [
            pair("", None, 0, None),
            pair("a \"quoted\" name", Some("Ä"), 7, Some(vec![1, 2])),
            pair("b", None, 0, Some(vec![])),
        ];
        for (mut derived, mut compact) in cases {
            let inner = pair("inner", Some("x"), 1, None).1;
            derived.nested = Some(Box::new(inner.clone()));
            compact.nested = Some(Box::new(inner));
            for (derived, compact) in [(&derived, &compact), (&Derived { nested: None, ..derived.clone() }, &Compact { nested: None, ..compact.clone() })] {
                assert_eq!(serde_json::to_string(compact).unwrap(), serde_json::to_string(derived).unwrap());
                assert_eq!(serde_json::to_string_pretty(compact).unwrap(), serde_json::to_string_pretty(derived).unwrap());
                assert_eq!(serde_json::to_value(compact).unwrap(), serde_json::to_value(derived).unwrap());
            }
        }
        let nested = Compact { nested: Some(Box::default()), ..Compact::default() };
        assert_eq!(
            serde_json::to_string(&nested).unwrap(),
            r#"{"name":"","nullable":null,"nested":{"name":"","nullable":null}}"#
        );
    }

    #[test]
    fn further_properties_follow_the_fields_as_the_derive_wrote_them() {
        let rest: BTreeMap<String, serde_json::Value> =
            [("b".to_owned(), serde_json::json!([1, {"c": null}])), ("a".to_owned(), serde_json::json!("x"))].into();
        for (id, rest) in [(None, BTreeMap::new()), (Some("7".to_owned()), BTreeMap::new()), (Some("8".to_owned()), rest.clone()), (None, rest)] {
            let derived = DerivedOpen { id: id.clone(), rest: rest.clone() };
            let compact = CompactOpen { id, rest };
            assert_eq!(serde_json::to_string(&compact).unwrap(), serde_json::to_string(&derived).unwrap());
            assert_eq!(serde_json::to_string_pretty(&compact).unwrap(), serde_json::to_string_pretty(&derived).unwrap());
            assert_eq!(serde_json::to_value(&compact).unwrap(), serde_json::to_value(&derived).unwrap());
        }
    }

    /// A value whose encoding fails.
    struct Fails;

    impl Serialize for Fails {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(S::Error::custom("this value cannot be written"))
        }
    }

    struct Failing {
        first: Option<Fails>,
        rest: BTreeMap<String, Fails>,
    }

    impl Fields for Failing {
        fn write_fields(&self, out: &mut FieldWriter<'_>) {
            out.optional("first", &self.first);
            out.entries(&self.rest);
        }
    }

    impl Serialize for Failing {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            object(self, "Failing", serializer)
        }
    }

    #[test]
    fn the_first_error_is_returned() {
        let in_field = Failing { first: Some(Fails), rest: BTreeMap::new() };
        let error = serde_json::to_string(&in_field).unwrap_err().to_string();
        assert!(error.contains("this value cannot be written"), "{error}");
        let in_map = Failing { first: None, rest: [("k".to_owned(), Fails)].into() };
        let error = serde_json::to_value(&in_map).unwrap_err().to_string();
        assert!(error.contains("this value cannot be written"), "{error}");
    }
}
