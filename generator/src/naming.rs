//! Rust identifiers from spec names. Every rule here is deterministic and
//! depends only on the name itself, never on the order schemas are found in.

use crate::ir::{HttpMethod, PathTemplate};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, HashSet};

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

/// A type name from a schema's `title` (`Account Toggle Request` →
/// `AccountToggleRequest`, word boundaries kept), else from its file stem
/// split into the fewest words of `vocabulary` (the words of the spec's
/// titles and descriptions: `bulkidentitiesaccountsresponse` →
/// `BulkIdentitiesAccountsResponse`), else the stem as it is.
pub fn words_of(text: &str, vocabulary: &mut HashSet<String>) {
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 2) {
        // `nativeIdentity`, `SodPolicy`: the humps are the words, not the
        // whole, which would hide the boundary the hump shows.
        for part in word.to_snake_case().split('_').filter(|p| p.len() >= 2) {
            vocabulary.insert(part.to_owned());
        }
    }
}

pub fn titled_type_name(title: Option<&str>, vocabulary: &HashSet<String>, stem: &str) -> String {
    if let Some(title) = title.filter(|t| t.chars().any(|c| c.is_ascii_alphabetic())) {
        return type_name(title.trim());
    }
    match segment(&stem.to_ascii_lowercase(), vocabulary) {
        Some(words) if stem.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            type_name(&words.iter().map(|w| w.to_upper_camel_case()).collect::<String>())
        }
        _ => type_name(stem),
    }
}

/// Splits `text` into the fewest words of `vocabulary` that spell it, if any do.
fn segment(text: &str, vocabulary: &HashSet<String>) -> Option<Vec<String>> {
    let n = text.len();
    // best[i]: the fewest words spelling text[..i], and where the last starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 1..=n {
        for start in 0..end {
            let Some((count, _)) = best[start] else { continue };
            if text.is_char_boundary(start) && text.is_char_boundary(end) && vocabulary.contains(&text[start..end]) && best[end].is_none_or(|(c, _)| count + 1 < c) {
                best[end] = Some((count + 1, start));
            }
        }
    }
    best[n]?;
    let mut words = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        words.push(text[start..end].to_owned());
        end = start;
    }
    words.reverse();
    Some(words)
}

/// Whether a resource folder (`accounts`) is where the schema named `base`
/// (`Account`) belongs: its name is the folder's, singular or plural.
pub fn folder_owns(folder: &str, base: &str) -> bool {
    let snake = unraw(&snake_ident(base)).to_owned();
    let folder = folder.replace('-', "_");
    [snake.clone(), format!("{snake}s"), format!("{snake}es"), snake.strip_suffix('y').map_or_else(String::new, |s| format!("{s}ies"))].contains(&folder)
}

/// What identifies an operation for naming.
#[derive(Debug, Clone, Copy)]
pub struct OperationKey<'a> {
    pub id: &'a str,
    pub method: HttpMethod,
    pub path: &'a PathTemplate,
}

/// The operationId each operation's names derive from. Operations whose ids
/// become the same Rust method (`patchPotentialRole` twice, or `getX` and
/// `GetX`) would emit the same builder and method. The one with the first
/// path (then method) keeps its id, so adding an operation elsewhere renames
/// nothing; each other one gets the path words the first lacks
/// (`patchPotentialRoleRoleMiningSessionsPotentialRoleSummaries`), then its
/// method, then a number, until its method name is unique.
pub fn operation_bases(ops: &[OperationKey]) -> Vec<String> {
    let mut bases: Vec<String> = ops.iter().map(|op| op.id.to_owned()).collect();
    let mut taken: HashSet<String> = ops.iter().map(|op| snake_ident(op.id)).collect();
    let mut clashes: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        clashes.entry(snake_ident(op.id)).or_default().push(i);
    }
    for mut members in clashes.into_values().filter(|m| m.len() > 1) {
        members.sort_by(|&a, &b| (ops[a].path.as_str(), ops[a].method).cmp(&(ops[b].path.as_str(), ops[b].method)));
        let first: HashSet<&str> = ops[members[0]].path.words().collect();
        for &i in &members[1..] {
            let op = ops[i];
            let words: String = op.path.words().filter(|w| !first.contains(w)).map(|w| w.to_upper_camel_case()).collect();
            let method = op.method.key().to_upper_camel_case();
            let mut candidates = vec![format!("{}{words}", op.id), format!("{}{words}{method}", op.id)];
            candidates.retain(|c| c != op.id);
            let mut chosen = candidates.into_iter().find(|c| !taken.contains(&snake_ident(c)));
            let mut n = 2;
            while chosen.is_none() {
                let numbered = format!("{}{words}{n}", op.id);
                if !taken.contains(&snake_ident(&numbered)) {
                    chosen = Some(numbered);
                }
                n += 1;
            }
            let chosen = chosen.expect("the loop ends with a name");
            taken.insert(snake_ident(&chosen));
            bases[i] = chosen;
        }
    }
    bases
}

/// The names emitted for one API group (tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupNames {
    /// `machine_identities`: the `Client` method, and the surface's group key.
    pub accessor: String,
    /// `machine_identities`: the file in `apis/`.
    pub module: String,
    /// `machine-identities`: the cargo feature.
    pub feature: String,
    /// `MachineIdentitiesApi`.
    pub type_name: String,
}

/// The feature that enables every group, and is the default.
pub const ALL_FEATURE: &str = "all";

/// The names of each tag's group, in the order given. Tags that differ only
/// in case or punctuation (`Access Profiles`, `access-profiles`) would share
/// every name: the first in sorted order keeps them, later ones are
/// numbered (`access_profiles_2`). Returns the numbered tags too.
pub fn group_names(tags: &[&str]) -> (Vec<GroupNames>, Vec<usize>) {
    let mut order: Vec<usize> = (0..tags.len()).collect();
    order.sort_by_key(|&i| tags[i]);
    let mut bases: Vec<String> = vec![String::new(); tags.len()];
    let mut seen: HashSet<String> = HashSet::new();
    let mut renamed = Vec::new();
    for i in order {
        let base = unraw(&snake_ident(tags[i])).to_owned();
        let mut name = base.clone();
        let mut n = 2;
        while !seen.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        if name != base {
            renamed.push(i);
        }
        bases[i] = name;
    }
    let names = tags
        .iter()
        .zip(bases)
        .map(|(tag, base)| {
            let suffix = base.strip_prefix(unraw(&snake_ident(tag))).unwrap_or_default().to_owned();
            let feature = base.replace('_', "-");
            GroupNames {
                accessor: escape_keyword(base.clone()),
                module: module_name(&base),
                // `default` and `all` mean something else to cargo and to us.
                feature: if feature == "default" || feature == ALL_FEATURE { format!("{feature}-api") } else { feature },
                type_name: format!("{}{}Api", type_name(tag), suffix.trim_start_matches('_')),
            }
        })
        .collect();
    renamed.sort_unstable();
    (names, renamed)
}

/// A module name from a type or group name; a keyword gets `_model`, since
/// `r#type.rs` is no file name.
pub fn module_name(name: &str) -> String {
    let name = snake_ident(name);
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_model"),
        None if name.ends_with('_') => format!("{name}model"),
        None => name,
    }
}

/// The builder struct of an operation (`ListAccounts`).
pub fn builder_name(name_base: &str) -> String {
    type_name(name_base)
}

/// The per-status response enum of an operation (`ListAccountsResponse`).
pub fn response_enum_name(name_base: &str) -> String {
    format!("{}Response", type_name(name_base))
}

/// A Rust module name for a version (`access-model-metadata` →
/// `access_model_metadata`).
pub fn version_module(version: &str) -> String {
    module_name(version)
}

/// Whether `name` is a usable Rust identifier (raw identifiers included).
pub fn is_identifier(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_ok()
}

/// Whether `name` is a valid cargo feature name.
pub fn is_feature_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
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
    fn duplicate_operation_ids_get_path_words() {
        let a = PathTemplate::parse("/role-mining-sessions/{sessionId}/potential-role-summaries/{id}").unwrap();
        let b = PathTemplate::parse("/role-mining-potential-roles/{id}").unwrap();
        let c = PathTemplate::parse("/other").unwrap();
        let key = |id, path| OperationKey { id, method: HttpMethod::Patch, path };
        let bases = operation_bases(&[key("patchPotentialRole", &a), key("patchPotentialRole", &b), key("other", &c)]);
        // The first path in sorted order keeps the id, whatever the spec order.
        assert_eq!(bases, ["patchPotentialRoleRoleMiningSessionsPotentialRoleSummaries", "patchPotentialRole", "other"]);
        let bases = operation_bases(&[key("getX", &c), key("GetX", &c)]);
        assert_eq!(bases[0], "getX");
        assert_ne!(snake_ident(&bases[0]), snake_ident(&bases[1]));
    }

    #[test]
    fn titles_and_recovered_word_boundaries() {
        let vocabulary = |text: &str| {
            let mut words = HashSet::new();
            words_of(text, &mut words);
            words
        };
        assert_eq!(titled_type_name(Some("Account Toggle Request"), &vocabulary(""), "accounttogglerequest"), "AccountToggleRequest");
        assert_eq!(titled_type_name(None, &vocabulary("Bulk identities accounts response."), "bulkidentitiesaccountsresponse"), "BulkIdentitiesAccountsResponse");
        assert_eq!(titled_type_name(None, &vocabulary("the nonEmployee schemaAttribute"), "nonemployeeschemaattribute"), "NonEmployeeSchemaAttribute");
        assert_eq!(titled_type_name(None, &vocabulary("Something else entirely"), "accountattributes"), "Accountattributes");
        assert_eq!(titled_type_name(None, &vocabulary(""), "role-insight"), "RoleInsight");
        assert!(folder_owns("accounts", "Account") && folder_owns("identities", "Identity") && folder_owns("access-profiles", "AccessProfile"));
        assert!(!folder_owns("sources", "Account"));
    }

    #[test]
    fn group_names_are_unique() {
        let (names, renamed) = group_names(&["Machine Identities", "machine-identities", "Default", "type"]);
        assert_eq!(names[0].accessor, "machine_identities");
        assert_eq!(names[0].type_name, "MachineIdentitiesApi");
        assert_eq!(names[1].accessor, "machine_identities_2");
        assert_eq!(names[1].feature, "machine-identities-2");
        assert_eq!(names[1].type_name, "MachineIdentities2Api");
        assert_eq!(names[2].feature, "default-api");
        assert_eq!(names[3].accessor, "r#type");
        assert_eq!(names[3].module, "type_model");
        assert_eq!(renamed, [1]);
        assert!(is_identifier("r#type") && is_identifier("a_b") && !is_identifier("access-model-metadata"));
        assert_eq!(version_module("access-model-metadata"), "access_model_metadata");
    }

    #[test]
    fn dedupes_in_order() {
        let mut v = vec!["A".to_string(), "A".into(), "A2".into(), "A".into()];
        dedupe(&mut v);
        assert_eq!(v, ["A", "A2", "A22", "A3"]);
    }
}
