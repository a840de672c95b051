//! JSON Patch (RFC 6902) request bodies, built with checked pointers
//! (RFC 6901) and typed values.
//!
//! Every generated operation whose body is a JSON Patch takes
//! `impl IntoJsonPatch`: a [`JsonPatch`] from the builder, or a `Vec` (or
//! slice, or array) of anything that serialises to patch operations, such
//! as the generated `JsonPatchOperation` models or `serde_json::Value`s.
//! Lists are checked when the operation is built: a wrong `op`, a missing
//! `value` or `from`, or a path that is not a JSON Pointer fails the call
//! with [`Error::InvalidRequest`](crate::Error::InvalidRequest) before
//! anything is sent, instead of as a 400 from the tenant.
//!
//! Own types rather than the `json-patch` crate's: that crate applies and
//! diffs patches (not needed to send one) and has changed its pointer type
//! across majors, which would tie this crate's semver to its own.
//!
//! ```
//! use sailpoint_runtime::{JsonPatch, JsonPointer};
//! use serde_json::json;
//!
//! # fn main() -> Result<(), sailpoint_runtime::PatchError> {
//! let patch = JsonPatch::new()
//!     .replace("/description", "service account")?
//!     // Segments are escaped for you: this is `/attributes/dept~1cost`.
//!     .add(JsonPointer::root().join("attributes").join("dept/cost"), 42)?
//!     .remove("/manuallyCorrelated")?
//!     .test("/name", json!("svc-backup"))?
//!     .copy("/attributes/owner", "/attributes/previousOwner")?
//!     .move_("/attributes/tmp", "/attributes/final")?;
//! assert_eq!(
//!     serde_json::to_value(&patch).unwrap()[1],
//!     json!({"op": "add", "path": "/attributes/dept~1cost", "value": 42})
//! );
//! # Ok(())
//! # }
//! ```

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A JSON Pointer (RFC 6901): empty (the whole document) or `/`-separated
/// segments in which `~` is written `~0` and `/` is written `~1`.
///
/// Parsing checks that syntax; [`join`](JsonPointer::join) and
/// [`from_segments`](JsonPointer::from_segments) escape for you.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The empty pointer: the whole document.
    pub fn root() -> Self {
        JsonPointer(String::new())
    }

    /// Checks `text` as an escaped pointer (`/attributes/a~1b`).
    pub fn parse(text: impl Into<String>) -> Result<Self, PointerError> {
        let text = text.into();
        if !text.is_empty() && !text.starts_with('/') {
            return Err(PointerError { pointer: text, kind: PointerErrorKind::NotAbsolute });
        }
        let bytes = text.as_bytes();
        for (offset, byte) in bytes.iter().enumerate() {
            if *byte == b'~' && !matches!(bytes.get(offset + 1), Some(b'0' | b'1')) {
                return Err(PointerError { pointer: text, kind: PointerErrorKind::InvalidEscape { offset } });
            }
        }
        Ok(JsonPointer(text))
    }

    /// A pointer from unescaped segments: `["attributes", "a/b"]` →
    /// `/attributes/a~1b`. No segments is the root.
    pub fn from_segments<I, S>(segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        segments.into_iter().fold(JsonPointer::root(), |pointer, segment| pointer.join(segment))
    }

    /// This pointer with one more unescaped segment: `~` and `/` are
    /// escaped. `join("-")` addresses the end of an array (for `add`).
    pub fn join(mut self, segment: impl AsRef<str>) -> Self {
        self.0.push('/');
        for c in segment.as_ref().chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                other => self.0.push(other),
            }
        }
        self
    }

    /// The unescaped segments (`/a~1b/c` → `a/b`, `c`).
    pub fn segments(&self) -> impl Iterator<Item = Cow<'_, str>> {
        // Skip the leading `/`; the root has no segments.
        let rest = self.0.get(1..).filter(|_| !self.0.is_empty());
        rest.into_iter().flat_map(|rest| rest.split('/')).map(|segment| {
            if segment.contains('~') {
                // `~1` before `~0`, so `~01` stays `~1` (RFC 6901, section 4).
                Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(segment)
            }
        })
    }

    /// The pointer as sent (escaped).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The root pointer.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for JsonPointer {
    type Err = PointerError;

    fn from_str(text: &str) -> Result<Self, PointerError> {
        JsonPointer::parse(text)
    }
}

impl TryFrom<&str> for JsonPointer {
    type Error = PointerError;

    fn try_from(text: &str) -> Result<Self, PointerError> {
        JsonPointer::parse(text)
    }
}

impl TryFrom<String> for JsonPointer {
    type Error = PointerError;

    fn try_from(text: String) -> Result<Self, PointerError> {
        JsonPointer::parse(text)
    }
}

impl AsRef<str> for JsonPointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for JsonPointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for JsonPointer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        JsonPointer::parse(String::deserialize(deserializer)?).map_err(de::Error::custom)
    }
}

/// A pointer that is not RFC 6901 syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointerError {
    /// The text given.
    pub pointer: String,
    /// What is wrong with it.
    pub kind: PointerErrorKind,
}

/// What is wrong with a [`PointerError`]'s pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PointerErrorKind {
    /// Neither empty nor starting with `/`.
    NotAbsolute,
    /// A `~` not followed by `0` or `1`, at this byte offset.
    InvalidEscape {
        /// The byte offset of the `~`.
        offset: usize,
    },
}

impl fmt::Display for PointerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PointerErrorKind::NotAbsolute => write!(f, "`{}` is not a JSON Pointer: it must be empty or start with `/`", self.pointer),
            PointerErrorKind::InvalidEscape { offset } => write!(
                f,
                "`{}` is not a JSON Pointer: `~` at byte {offset} must be followed by `0` (for `~`) or `1` (for `/`); use JsonPointer::join to escape a segment",
                self.pointer
            ),
        }
    }
}

impl std::error::Error for PointerError {}

/// Something that names a location: an escaped pointer as text (`&str`,
/// `String`), checked when used, or a [`JsonPointer`].
pub trait ToJsonPointer {
    /// The pointer, or why the text is not one.
    fn to_json_pointer(self) -> Result<JsonPointer, PointerError>;
}

impl ToJsonPointer for JsonPointer {
    fn to_json_pointer(self) -> Result<JsonPointer, PointerError> {
        Ok(self)
    }
}

impl ToJsonPointer for &JsonPointer {
    fn to_json_pointer(self) -> Result<JsonPointer, PointerError> {
        Ok(self.clone())
    }
}

impl ToJsonPointer for &str {
    fn to_json_pointer(self) -> Result<JsonPointer, PointerError> {
        JsonPointer::parse(self)
    }
}

impl ToJsonPointer for String {
    fn to_json_pointer(self) -> Result<JsonPointer, PointerError> {
        JsonPointer::parse(self)
    }
}

impl ToJsonPointer for &String {
    fn to_json_pointer(self) -> Result<JsonPointer, PointerError> {
        JsonPointer::parse(self.as_str())
    }
}

/// One RFC 6902 operation. Serialises as `{"op": "add", "path": …,
/// "value": …}` (`from` for `move` and `copy`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum PatchOperation {
    /// Adds `value` at `path` (`/-` appends to an array).
    Add {
        /// Where.
        path: JsonPointer,
        /// What.
        value: serde_json::Value,
    },
    /// Removes the value at `path`.
    Remove {
        /// Where.
        path: JsonPointer,
    },
    /// Replaces the value at `path`, which must exist.
    Replace {
        /// Where.
        path: JsonPointer,
        /// The new value.
        value: serde_json::Value,
    },
    /// Moves the value at `from` to `path`.
    Move {
        /// The value to move.
        from: JsonPointer,
        /// Its new location.
        path: JsonPointer,
    },
    /// Copies the value at `from` to `path`.
    Copy {
        /// The value to copy.
        from: JsonPointer,
        /// The copy's location.
        path: JsonPointer,
    },
    /// Fails the whole patch unless the value at `path` equals `value`.
    Test {
        /// Where.
        path: JsonPointer,
        /// The expected value.
        value: serde_json::Value,
    },
}

impl PatchOperation {
    /// An `add` operation.
    pub fn add(path: impl ToJsonPointer, value: impl Serialize) -> Result<Self, PatchError> {
        let path = path.to_json_pointer()?;
        let value = to_value(&path, value)?;
        Ok(PatchOperation::Add { path, value })
    }

    /// A `remove` operation.
    pub fn remove(path: impl ToJsonPointer) -> Result<Self, PatchError> {
        Ok(PatchOperation::Remove { path: path.to_json_pointer()? })
    }

    /// A `replace` operation.
    pub fn replace(path: impl ToJsonPointer, value: impl Serialize) -> Result<Self, PatchError> {
        let path = path.to_json_pointer()?;
        let value = to_value(&path, value)?;
        Ok(PatchOperation::Replace { path, value })
    }

    /// A `move` operation, from `from` to `path`.
    pub fn move_(from: impl ToJsonPointer, path: impl ToJsonPointer) -> Result<Self, PatchError> {
        Ok(PatchOperation::Move { from: from.to_json_pointer()?, path: path.to_json_pointer()? })
    }

    /// A `copy` operation, from `from` to `path`.
    pub fn copy(from: impl ToJsonPointer, path: impl ToJsonPointer) -> Result<Self, PatchError> {
        Ok(PatchOperation::Copy { from: from.to_json_pointer()?, path: path.to_json_pointer()? })
    }

    /// A `test` operation.
    pub fn test(path: impl ToJsonPointer, value: impl Serialize) -> Result<Self, PatchError> {
        let path = path.to_json_pointer()?;
        let value = to_value(&path, value)?;
        Ok(PatchOperation::Test { path, value })
    }

    /// The operation's name as sent (`add`).
    pub fn op(&self) -> &'static str {
        match self {
            PatchOperation::Add { .. } => "add",
            PatchOperation::Remove { .. } => "remove",
            PatchOperation::Replace { .. } => "replace",
            PatchOperation::Move { .. } => "move",
            PatchOperation::Copy { .. } => "copy",
            PatchOperation::Test { .. } => "test",
        }
    }

    /// The location the operation acts on.
    pub fn path(&self) -> &JsonPointer {
        match self {
            PatchOperation::Add { path, .. }
            | PatchOperation::Remove { path }
            | PatchOperation::Replace { path, .. }
            | PatchOperation::Move { path, .. }
            | PatchOperation::Copy { path, .. }
            | PatchOperation::Test { path, .. } => path,
        }
    }
}

fn to_value(path: &JsonPointer, value: impl Serialize) -> Result<serde_json::Value, PatchError> {
    serde_json::to_value(value).map_err(|e| PatchError::Value { path: path.to_string(), message: e.to_string() })
}

/// A JSON Patch document (RFC 6902): operations applied in order, all or
/// none. Serialises as a JSON array.
///
/// Each builder step checks its pointer and serialises its value, so a
/// chain reads `?` by `?`:
///
/// ```
/// use sailpoint_runtime::JsonPatch;
///
/// # fn main() -> Result<(), sailpoint_runtime::PatchError> {
/// let patch = JsonPatch::new()
///     .replace("/description", "service account")?
///     .add("/attributes/groups/-", "admins")?
///     .remove("/manuallyCorrelated")?;
/// assert_eq!(patch.len(), 3);
/// // client.accounts().update_account(id, patch).send().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JsonPatch(Vec<PatchOperation>);

impl JsonPatch {
    /// An empty patch.
    pub fn new() -> Self {
        JsonPatch(Vec::new())
    }

    /// Appends an operation built elsewhere.
    pub fn push(mut self, operation: PatchOperation) -> Self {
        self.0.push(operation);
        self
    }

    /// Appends `add`: `value` at `path` (`/-` appends to an array).
    pub fn add(self, path: impl ToJsonPointer, value: impl Serialize) -> Result<Self, PatchError> {
        Ok(self.push(PatchOperation::add(path, value)?))
    }

    /// Appends `remove`.
    pub fn remove(self, path: impl ToJsonPointer) -> Result<Self, PatchError> {
        Ok(self.push(PatchOperation::remove(path)?))
    }

    /// Appends `replace`.
    pub fn replace(self, path: impl ToJsonPointer, value: impl Serialize) -> Result<Self, PatchError> {
        Ok(self.push(PatchOperation::replace(path, value)?))
    }

    /// Appends `move`, from `from` to `path`.
    pub fn move_(self, from: impl ToJsonPointer, path: impl ToJsonPointer) -> Result<Self, PatchError> {
        Ok(self.push(PatchOperation::move_(from, path)?))
    }

    /// Appends `copy`, from `from` to `path`.
    pub fn copy(self, from: impl ToJsonPointer, path: impl ToJsonPointer) -> Result<Self, PatchError> {
        Ok(self.push(PatchOperation::copy(from, path)?))
    }

    /// Appends `test`: the patch fails unless `path` holds `value`.
    pub fn test(self, path: impl ToJsonPointer, value: impl Serialize) -> Result<Self, PatchError> {
        Ok(self.push(PatchOperation::test(path, value)?))
    }

    /// The operations, in order.
    pub fn operations(&self) -> &[PatchOperation] {
        &self.0
    }

    /// The operations, owned.
    pub fn into_operations(self) -> Vec<PatchOperation> {
        self.0
    }

    /// The number of operations.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No operations.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The operations, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, PatchOperation> {
        self.0.iter()
    }
}

impl From<Vec<PatchOperation>> for JsonPatch {
    fn from(operations: Vec<PatchOperation>) -> Self {
        JsonPatch(operations)
    }
}

impl From<PatchOperation> for JsonPatch {
    fn from(operation: PatchOperation) -> Self {
        JsonPatch(vec![operation])
    }
}

impl FromIterator<PatchOperation> for JsonPatch {
    fn from_iter<I: IntoIterator<Item = PatchOperation>>(iter: I) -> Self {
        JsonPatch(iter.into_iter().collect())
    }
}

impl Extend<PatchOperation> for JsonPatch {
    fn extend<I: IntoIterator<Item = PatchOperation>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl IntoIterator for JsonPatch {
    type Item = PatchOperation;
    type IntoIter = std::vec::IntoIter<PatchOperation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a JsonPatch {
    type Item = &'a PatchOperation;
    type IntoIter = std::slice::Iter<'a, PatchOperation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Why a JSON Patch could not be built. Operations report it as
/// [`Error::InvalidRequest`](crate::Error::InvalidRequest), before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PatchError {
    /// A `path` or `from` that is not a JSON Pointer.
    Pointer(PointerError),
    /// A value that does not serialise to JSON (a map with non-string
    /// keys, a failing `Serialize` impl).
    Value {
        /// The operation's path.
        path: String,
        /// What serde said.
        message: String,
    },
    /// An item of a list given as a patch that is not an RFC 6902
    /// operation (an unknown `op`, `value` or `from` missing, a bad pointer).
    Operation {
        /// Its index in the list.
        index: usize,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for PatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatchError::Pointer(e) => e.fmt(f),
            PatchError::Value { path, message } => write!(f, "the value for `{path}` does not serialise to JSON: {message}"),
            PatchError::Operation { index, message } => write!(f, "JSON Patch operation {index} is not an RFC 6902 operation: {message}"),
        }
    }
}

impl std::error::Error for PatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PatchError::Pointer(e) => Some(e),
            _ => None,
        }
    }
}

impl From<PointerError> for PatchError {
    fn from(e: PointerError) -> Self {
        PatchError::Pointer(e)
    }
}

impl From<PatchError> for crate::Error {
    fn from(e: PatchError) -> Self {
        crate::Error::InvalidRequest(format!("JSON Patch body: {e}"))
    }
}

/// What JSON Patch operations accept as their body: a [`JsonPatch`] or
/// [`PatchOperation`], or a `Vec`, slice or array of values that serialise
/// to operations (the generated `JsonPatchOperation` models,
/// `serde_json::Value`s), checked item by item.
pub trait IntoJsonPatch {
    /// The patch, or the first item that is not an operation.
    fn into_json_patch(self) -> Result<JsonPatch, PatchError>;
}

impl IntoJsonPatch for JsonPatch {
    fn into_json_patch(self) -> Result<JsonPatch, PatchError> {
        Ok(self)
    }
}

impl IntoJsonPatch for &JsonPatch {
    fn into_json_patch(self) -> Result<JsonPatch, PatchError> {
        Ok(self.clone())
    }
}

impl IntoJsonPatch for PatchOperation {
    fn into_json_patch(self) -> Result<JsonPatch, PatchError> {
        Ok(JsonPatch::from(self))
    }
}

impl<T: Serialize> IntoJsonPatch for Vec<T> {
    fn into_json_patch(self) -> Result<JsonPatch, PatchError> {
        self.as_slice().into_json_patch()
    }
}

impl<T: Serialize> IntoJsonPatch for &Vec<T> {
    fn into_json_patch(self) -> Result<JsonPatch, PatchError> {
        self.as_slice().into_json_patch()
    }
}

impl<T: Serialize, const N: usize> IntoJsonPatch for [T; N] {
    fn into_json_patch(self) -> Result<JsonPatch, PatchError> {
        self.as_slice().into_json_patch()
    }
}

impl<T: Serialize> IntoJsonPatch for &[T] {
    fn into_json_patch(self) -> Result<JsonPatch, PatchError> {
        self.iter()
            .enumerate()
            .map(|(index, item)| {
                let invalid = |message: String| PatchError::Operation { index, message };
                let value = serde_json::to_value(item).map_err(|e| invalid(e.to_string()))?;
                PatchOperation::deserialize(value).map_err(|e| invalid(e.to_string()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn pointers_escape_and_unescape_per_rfc_6901() {
        let pointer = JsonPointer::root().join("attributes").join("a/b").join("m~n").join("");
        assert_eq!(pointer.as_str(), "/attributes/a~1b/m~0n/");
        assert_eq!(pointer.segments().collect::<Vec<_>>(), ["attributes", "a/b", "m~n", ""]);
        assert_eq!(JsonPointer::from_segments(["a/b", "-"]).as_str(), "/a~1b/-");
        // `~01` is `~1` unescaped, not `/` (RFC 6901, section 4).
        assert_eq!(JsonPointer::parse("/~01").unwrap().segments().collect::<Vec<_>>(), ["~1"]);
        assert!(JsonPointer::root().is_root());
        assert_eq!(JsonPointer::root().segments().count(), 0);
        assert_eq!(JsonPointer::from_segments(Vec::<String>::new()), JsonPointer::root());
        assert_eq!("/a".parse::<JsonPointer>().unwrap().to_string(), "/a");
    }

    #[test]
    fn bad_pointers_are_typed_errors() {
        assert_eq!(JsonPointer::parse("name").unwrap_err().kind, PointerErrorKind::NotAbsolute);
        assert_eq!(JsonPointer::parse("/a~2").unwrap_err().kind, PointerErrorKind::InvalidEscape { offset: 2 });
        assert_eq!(JsonPointer::parse("/a~").unwrap_err().kind, PointerErrorKind::InvalidEscape { offset: 2 });
        let error = JsonPatch::new().replace("/ok", 1).unwrap().remove("no-slash").unwrap_err();
        assert_eq!(error, PatchError::Pointer(PointerError { pointer: "no-slash".into(), kind: PointerErrorKind::NotAbsolute }));
        assert!(error.to_string().contains("must be empty or start with `/`"), "{error}");
        assert!(matches!(JsonPatch::new().copy("/a~x", "/b"), Err(PatchError::Pointer(PointerError { kind: PointerErrorKind::InvalidEscape { offset: 2 }, .. }))));
        let sent: crate::Error = error.into();
        assert!(matches!(&sent, crate::Error::InvalidRequest(m) if m.starts_with("JSON Patch body: `no-slash`")), "{sent:?}");
    }

    #[test]
    fn the_builder_serialises_each_operation_as_rfc_6902_says() {
        let patch = JsonPatch::new()
            .add("/tags/-", "new")
            .and_then(|p| p.remove("/description"))
            .and_then(|p| p.replace("/enabled", false))
            .and_then(|p| p.move_("/a", "/b"))
            .and_then(|p| p.copy(JsonPointer::root().join("x/y"), "/z"))
            .and_then(|p| p.test("/count", json!({"n": 1})))
            .unwrap();
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            concat!(
                r#"[{"op":"add","path":"/tags/-","value":"new"},"#,
                r#"{"op":"remove","path":"/description"},"#,
                r#"{"op":"replace","path":"/enabled","value":false},"#,
                r#"{"op":"move","from":"/a","path":"/b"},"#,
                r#"{"op":"copy","from":"/x~1y","path":"/z"},"#,
                r#"{"op":"test","path":"/count","value":{"n":1}}]"#,
            )
        );
        assert_eq!(patch.iter().map(PatchOperation::op).collect::<Vec<_>>(), ["add", "remove", "replace", "move", "copy", "test"]);
        assert_eq!(patch.operations()[3].path().as_str(), "/b");
        // `null` is a value like any other: sent, not dropped.
        let null = JsonPatch::new().replace("/manager", Option::<String>::None).unwrap();
        assert_eq!(serde_json::to_value(&null).unwrap(), json!([{"op": "replace", "path": "/manager", "value": null}]));
        let back: JsonPatch = serde_json::from_str(&serde_json::to_string(&patch).unwrap()).unwrap();
        assert_eq!(back, patch);
    }

    #[test]
    fn values_that_do_not_serialise_are_errors_not_panics() {
        let mut map = BTreeMap::new();
        map.insert(vec![1u8], "non-string key");
        let error = JsonPatch::new().add("/attributes", &map).unwrap_err();
        assert!(matches!(&error, PatchError::Value { path, message } if path == "/attributes" && message.contains("key must be a string")), "{error:?}");
    }

    #[test]
    fn lists_of_serialisable_operations_convert_and_are_checked() {
        #[derive(Serialize)]
        struct Model {
            op: &'static str,
            path: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            value: Option<i64>,
        }
        let from_models = vec![Model { op: "replace", path: "/limit", value: Some(5) }, Model { op: "remove", path: "/x", value: None }].into_json_patch().unwrap();
        assert_eq!(from_models, JsonPatch::new().replace("/limit", 5).unwrap().remove("/x").unwrap());
        let values = vec![json!({"op": "move", "from": "/a", "path": "/b"})];
        assert_eq!((&values).into_json_patch().unwrap(), values.as_slice().into_json_patch().unwrap());
        assert_eq!([json!({"op": "remove", "path": ""})].into_json_patch().unwrap().operations(), [PatchOperation::Remove { path: JsonPointer::root() }]);
        assert!(Vec::<serde_json::Value>::new().into_json_patch().unwrap().is_empty());

        let check = |items: Vec<serde_json::Value>| match items.into_json_patch() {
            Err(PatchError::Operation { index, message }) => (index, message),
            other => panic!("{other:?}"),
        };
        let (index, message) = check(vec![json!({"op": "remove", "path": "/a"}), json!({"op": "merge", "path": "/a"})]);
        assert_eq!(index, 1);
        assert!(message.contains("unknown variant `merge`"), "{message}");
        assert!(check(vec![json!({"op": "replace", "path": "/a"})]).1.contains("missing field `value`"));
        assert!(check(vec![json!({"op": "copy", "path": "/a"})]).1.contains("missing field `from`"));
        assert!(check(vec![json!({"op": "add", "path": "a", "value": 1})]).1.contains("must be empty or start with `/`"));
        assert!(check(vec![json!("remove /a")]).1.contains("invalid type"));
    }
}
