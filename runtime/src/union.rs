//! Choosing the variant of a `oneOf`/`anyOf` union for a JSON value.
//!
//! Generated models decode leniently (missing fields default), so serde's
//! `untagged` "first variant that decodes wins" would always pick the first
//! object variant. Instead each union describes its variants, and the value
//! goes to the variant whose tag matches or, without a tag, whose required
//! and known properties fit the value best.

use serde_json::Value;

/// The JSON shape a variant accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// Any JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any value at all.
    Any,
}

/// What one union variant looks like on the wire.
#[derive(Debug)]
pub struct Candidate {
    /// The JSON shape.
    pub kind: Kind,
    /// Tag values that select this variant (objects with a tag field).
    pub tags: &'static [&'static str],
    /// Properties the variant requires.
    pub required: &'static [&'static str],
    /// All properties the variant declares.
    pub known: &'static [&'static str],
}

/// The index of the best candidate for `value`, or `None` when no variant
/// accepts its JSON shape (the union then keeps the raw value).
pub fn select(value: &Value, tag_field: Option<&str>, candidates: &[Candidate]) -> Option<usize> {
    if let (Some(field), Value::Object(map)) = (tag_field, value) {
        if let Some(tag) = map.get(field).and_then(Value::as_str) {
            if let Some(i) = candidates.iter().position(|c| c.tags.contains(&tag)) {
                return Some(i);
            }
        }
    }
    let mut best: Option<(usize, (bool, usize, i64))> = None;
    for (i, candidate) in candidates.iter().enumerate() {
        if !accepts(candidate.kind, value) {
            continue;
        }
        let score = match value {
            Value::Object(map) => {
                let has_required = candidate.required.iter().all(|r| map.contains_key(*r));
                let matched = map.keys().filter(|k| candidate.known.contains(&k.as_str())).count();
                // A variant that knows none of the object's properties would
                // drop them all (every field is optional when decoding):
                // better kept raw as `Unknown`.
                let besides_tag = || map.keys().filter(|k| Some(k.as_str()) != tag_field);
                if !candidate.known.is_empty() && besides_tag().next().is_some() && !besides_tag().any(|k| candidate.known.contains(&k.as_str())) {
                    continue;
                }
                let unknown = map.len() - matched;
                (has_required, matched, -(unknown as i64))
            }
            _ => (true, 0, 0),
        };
        if best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// Like [`select`], for a union whose tag is a sibling of the value (an
/// adjacent tag): the variant whose tags contain `tag`, else by shape.
pub fn select_tagged(tag: Option<&str>, value: &Value, candidates: &[Candidate]) -> Option<usize> {
    tag.and_then(|tag| candidates.iter().position(|c| c.tags.contains(&tag) && accepts(c.kind, value)))
        .or_else(|| select(value, None, candidates))
}

fn accepts(kind: Kind, value: &Value) -> bool {
    match kind {
        Kind::Object => value.is_object(),
        Kind::Array => value.is_array(),
        Kind::String => value.is_string(),
        Kind::Integer => value.is_i64() || value.is_u64(),
        Kind::Number => value.is_number(),
        Kind::Boolean => value.is_boolean(),
        Kind::Any => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CANDIDATES: &[Candidate] = &[
        Candidate { kind: Kind::Object, tags: &["a"], required: &["x"], known: &["x", "type"] },
        Candidate { kind: Kind::Object, tags: &["b"], required: &["y"], known: &["y", "z", "type"] },
        Candidate { kind: Kind::String, tags: &[], required: &[], known: &[] },
    ];

    #[test]
    fn tag_wins_over_shape() {
        assert_eq!(select(&json!({"type": "b", "x": 1}), Some("type"), CANDIDATES), Some(1));
    }

    #[test]
    fn shape_decides_without_tag() {
        assert_eq!(select(&json!({"y": 1, "z": 2}), None, CANDIDATES), Some(1));
        assert_eq!(select(&json!({"x": 1}), None, CANDIDATES), Some(0));
        assert_eq!(select(&json!("s"), None, CANDIDATES), Some(2));
        assert_eq!(select(&json!(true), None, CANDIDATES), None);
    }

    #[test]
    fn an_object_no_variant_knows_is_kept_raw() {
        assert_eq!(select(&json!({"prompt": "p"}), None, CANDIDATES), None);
        // The tag field alone does not make a variant fit.
        assert_eq!(select(&json!({"type": "new", "prompt": "p"}), Some("type"), CANDIDATES), None);
        assert_eq!(select(&json!({"type": "new", "y": 1}), Some("type"), CANDIDATES), Some(1));
    }

    #[test]
    fn adjacent_tag_selects_even_when_shape_disagrees() {
        assert_eq!(select_tagged(Some("a"), &json!({"y": 1, "z": 2}), CANDIDATES), Some(0));
        assert_eq!(select_tagged(Some("zzz"), &json!({"y": 1}), CANDIDATES), Some(1));
        assert_eq!(select_tagged(None, &json!("s"), CANDIDATES), Some(2));
    }
}
