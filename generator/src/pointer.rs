//! Source locations: a spec file (relative to the spec folder, with `/`
//! separators on every platform) and an RFC 6901 JSON pointer inside it.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Loc {
    pub file: Arc<str>,
    pub pointer: String,
}

impl Loc {
    pub fn root(file: Arc<str>) -> Self {
        Loc {
            file,
            pointer: String::new(),
        }
    }

    /// Reads back what `Display` writes: `file#pointer`.
    pub fn parse(text: &str) -> Option<Self> {
        let (file, pointer) = text.split_once('#')?;
        Some(Loc {
            file: Arc::from(file),
            pointer: pointer.to_owned(),
        })
    }

    /// The location of a child member or array index.
    pub fn child(&self, segment: impl fmt::Display) -> Self {
        let segment = segment.to_string();
        Loc {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, escape(&segment)),
        }
    }

    /// The file name up to its first `.`: `v2025/responses/401.yaml` → `401`.
    pub fn file_stem(&self) -> &str {
        let name = self.file.rsplit('/').next().unwrap_or_default();
        name.split('.').next().unwrap_or(name)
    }

    pub fn segments(&self) -> Vec<String> {
        split(&self.pointer)
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

pub fn split(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer.trim_start_matches('/').split('/').map(unescape).collect()
}

/// The JSON kind of a value, for messages: `a number`, `an array`.
pub fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let loc = Loc::root("a.yaml".into()).child("paths").child("/x/{id}").child("a~b");
        assert_eq!(loc.pointer, "/paths/~1x~1{id}/a~0b");
        assert_eq!(loc.segments(), vec!["paths", "/x/{id}", "a~b"]);
        assert_eq!(loc.to_string(), "a.yaml#/paths/~1x~1{id}/a~0b");
        assert_eq!(Loc::parse(&loc.to_string()), Some(loc));
    }
}
