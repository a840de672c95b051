//! Wrong-typed fields, as real tenants send them: a string where the spec
//! says boolean, a number where it says string. The specs' own examples
//! carry the same drift (`nativeIdentity: 127999`, `"false"` for booleans).
//! Applied once, when the data is rendered, so every response agrees.

use serde_json::{Map, Value};

/// The wrong-typed fields of an account, in the order they cycle.
const ACCOUNT_FIELDS: [WrongType; 4] = [
    WrongType::BoolAsString("locked"),
    WrongType::StringAsNumber("nativeIdentity"),
    WrongType::BoolAsString("hasEntitlements"),
    WrongType::BoolAsString("isMachine"),
];

#[derive(Debug, Clone, Copy)]
enum WrongType {
    /// `"true"` / `"false"`, the field's own value as text.
    BoolAsString(&'static str),
    /// A number in place of the text.
    StringAsNumber(&'static str),
}

/// Rewrites one field of account `index` (a JSON object), the
/// `ordinal`-th wrong-typed account counting from the cycle's start.
pub(crate) fn account(object: &mut Map<String, Value>, index: usize, ordinal: usize) {
    match ACCOUNT_FIELDS[ordinal % ACCOUNT_FIELDS.len()] {
        WrongType::BoolAsString(field) => {
            let value = object.get(field).and_then(Value::as_bool).unwrap_or(false);
            object.insert(field.to_owned(), Value::from(value.to_string()));
        }
        WrongType::StringAsNumber(field) => {
            object.insert(field.to_owned(), Value::from(100_000 + index as u64));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_cycle_and_keep_their_meaning() {
        let original = json!({"locked": false, "nativeIdentity": "CN=x", "hasEntitlements": true, "isMachine": false});
        let drifted: Vec<Value> = (0..4)
            .map(|ordinal| {
                let mut value = original.clone();
                account(value.as_object_mut().unwrap(), 27, ordinal);
                value
            })
            .collect();
        assert_eq!(drifted[0]["locked"], json!("false"));
        assert_eq!(drifted[1]["nativeIdentity"], json!(100_027));
        assert_eq!(drifted[2]["hasEntitlements"], json!("true"));
        assert_eq!(drifted[3]["isMachine"], json!("false"));
        // One field each; the rest untouched.
        assert_eq!(drifted[0]["nativeIdentity"], json!("CN=x"));
    }
}
