//! Rust identifiers from spec names. Every rule here is deterministic and
//! depends only on the name itself, never on the order schemas are found in.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Type names that would shadow the prelude or the generated code's own
/// vocabulary when glob-imported; such schemas get a `Model` suffix.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Self", "Default",
    "Clone", "Copy", "Debug", "Send", "Sync", "Sized", "ToString", "ToOwned", "Into", "From",
    "Iterator", "IntoIterator", "Drop", "Fn", "FnMut", "FnOnce", "Eq", "PartialEq", "Ord",
    "PartialOrd", "AsRef", "AsMut", "Extend", "Unpin",
];

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// PascalCase type name. `role-propagation-config-input` → `RolePropagationConfigInput`.
pub fn type_name(raw: &str) -> String {
    // Already an identifier: only capitalise. Re-camelising would mangle
    // acronyms and digit runs (`DASO` → `Daso`, `Account200Response` →
    // `Account200response`), and the SDK names users search for are kept.
    let mut name = if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let mut chars = raw.chars();
        chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect()
    } else {
        raw.to_upper_camel_case()
    };
    name.retain(|c| c.is_ascii_alphanumeric());
    if name.is_empty() {
        name = "Model".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "Model");
    }
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// snake_case identifier for fields, parameters and methods, escaped when it
/// is a keyword. A leading underscore is kept (`_type` stays distinct from
/// `type`, as on the wire).
pub fn snake_ident(raw: &str) -> String {
    let leading = raw.len() - raw.trim_start_matches('_').len();
    let mut body = raw.to_snake_case();
    body.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut name = format!("{}{}", "_".repeat(leading.min(1)), body.trim_matches('_'));
    if name.is_empty() || name == "_" {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "n_");
    }
    escape_keyword(name)
}

pub fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The identifier without a raw prefix, for building other names from it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Enum variant for a wire value: `zh-TW` → `ZhTw`, `IN PROGRESS` →
/// `InProgress`, `*` → `Asterisk`, `''` → `Empty`.
pub fn variant_name(value: &str) -> String {
    let mut name = value.to_upper_camel_case();
    name.retain(|c| c.is_ascii_alphanumeric());
    if name.is_empty() {
        name = match value.trim() {
            "" => "Empty".into(),
            "*" => "Asterisk".into(),
            other => format!("Symbol{}", other.bytes().map(|b| format!("{b:02X}")).collect::<String>()),
        };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Unknown" || name == "Self" {
        name.push_str("Value");
    }
    name
}

pub fn integer_variant_name(value: i64) -> String {
    if value < 0 {
        format!("Minus{}", value.unsigned_abs())
    } else {
        format!("V{value}")
    }
}

/// Makes every name in `names` unique by appending 2, 3, … to later
/// duplicates, in the order given.
pub fn dedupe(names: &mut [String]) {
    let mut seen = std::collections::HashSet::new();
    for name in names.iter_mut() {
        if !seen.insert(name.clone()) {
            let base = name.clone();
            let mut n = 2;
            while !seen.insert(format!("{base}{n}")) {
                n += 1;
            }
            *name = format!("{base}{n}");
        }
    }
}

/// Same, for snake_case identifiers (`name`, `name_2`), keeping raw escapes valid.
pub fn dedupe_snake(names: &mut [String]) {
    let mut seen = std::collections::HashSet::new();
    for name in names.iter_mut() {
        if !seen.insert(name.clone()) {
            let base = unraw(name).to_owned();
            let mut n = 2;
            while !seen.insert(format!("{base}_{n}")) {
                n += 1;
            }
            *name = format!("{base}_{n}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(type_name("role-propagation-config-input"), "RolePropagationConfigInput");
        assert_eq!(type_name("AggregationResult-csv"), "AggregationResultCsv");
        assert_eq!(type_name("Result"), "ResultModel");
        assert_eq!(type_name("200Response"), "Model200Response");
        assert_eq!(type_name("SendClassifyMachineAccount200Response"), "SendClassifyMachineAccount200Response");
        assert_eq!(type_name("selector"), "Selector");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("_type"), "_type");
        assert_eq!(snake_ident("filter.$"), "filter");
        assert_eq!(snake_ident("Accounts submitted for processing"), "accounts_submitted_for_processing");
        assert_eq!(snake_ident("X-SailPoint-Experimental"), "x_sail_point_experimental");
        assert_eq!(snake_ident("DISPLAY_NAME"), "display_name");
        assert_eq!(snake_ident("move"), "r#move");
        assert_eq!(variant_name("zh-TW"), "ZhTw");
        assert_eq!(variant_name("das:ui-administrator"), "DasUiAdministrator");
        assert_eq!(variant_name("IN PROGRESS"), "InProgress");
        assert_eq!(variant_name("MANUAL_REASSIGNMENT,"), "ManualReassignment");
        assert_eq!(variant_name("*"), "Asterisk");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
        assert_eq!(variant_name("3des"), "V3des");
    }

    #[test]
    fn dedupes_in_order() {
        let mut v = vec!["A".to_string(), "A".into(), "A2".into(), "A".into()];
        dedupe(&mut v);
        assert_eq!(v, ["A", "A2", "A22", "A3"]);
    }
}
