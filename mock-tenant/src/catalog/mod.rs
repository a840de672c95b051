//! Every operation of every generated crate, served from the catalogues
//! the generator emits (`mock-tenant/catalog/<crate>.json`, see
//! `generator/src/codegen/mock_catalog.rs`).
//!
//! Every API request comes here (after the gate): its path
//! picks the version (by server prefix) and the operation (literal
//! segments before placeholders); [`validate`] checks it as ISC does;
//! the store answers if it keeps that resource, else the spec's example
//! for the success status, else data synthesized from the schema.
//!
//! The catalogues are embedded and parsed on first use, one version at a
//! time; JSON Schema validators are compiled on first use and cached.

mod handler;
pub mod model;
mod routes;
pub mod synth;
pub mod validate;

pub use handler::serve;

use model::CatalogFile;
use routes::Routes;
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// The embedded catalogues, by crate. A test checks this list against the
/// files in `mock-tenant/catalog/`, so a version added to
/// `specs/versions.toml` cannot be left out.
const SOURCES: [(&str, &str); 4] = [
    (
        "sailpoint-beta",
        include_str!("../../catalog/sailpoint-beta.json"),
    ),
    (
        "sailpoint-v2024",
        include_str!("../../catalog/sailpoint-v2024.json"),
    ),
    (
        "sailpoint-v2025",
        include_str!("../../catalog/sailpoint-v2025.json"),
    ),
    ("sailpoint", include_str!("../../catalog/sailpoint.json")),
];

/// The crates whose catalogues are embedded.
pub fn crate_names() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(name, _)| *name)
}

/// The versions the catalogues serve (`beta`, `v2024`, `v2025`, `apis`
/// for the current per-resource API), in [`crate_names`] order, read from
/// the catalogues' headers without parsing the rest.
pub fn versions() -> impl Iterator<Item = &'static str> {
    entries().iter().map(entry_version)
}

/// The version serving `path` (by server prefix), without parsing any
/// catalogue: what the gate checks against [`crate::Config::versions`].
pub fn version_of_path(path: &str) -> Option<&'static str> {
    entry_for_path(path).map(|(entry, _)| entry_version(entry))
}

/// A version's catalogue, parsed, with its routes and caches.
pub struct Catalog {
    pub file: CatalogFile,
    routes: Routes,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
    /// The success answer of an operation, by `op/status/media`: the
    /// answer is deterministic, so it is built once.
    answers: Mutex<HashMap<String, bytes::Bytes>>,
}

/// A catalogue, parsed on first use.
struct Entry {
    prefix: String,
    text: &'static str,
    parsed: OnceLock<Catalog>,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, text)| Entry {
                prefix: header_prefix(text).unwrap_or_else(|| {
                    panic!("the embedded catalogue of {name} has no prefix line")
                }),
                text,
                parsed: OnceLock::new(),
            })
            .collect()
    })
}

/// The `"prefix"` of a catalogue without parsing the rest: the generator
/// writes it on its own line before the definitions.
fn header_prefix(text: &str) -> Option<String> {
    let line = text
        .lines()
        .take(8)
        .find(|l| l.starts_with("\"prefix\":"))?;
    let value = line
        .trim_start_matches("\"prefix\":")
        .trim()
        .trim_end_matches(',');
    serde_json::from_str(value).ok()
}

impl Entry {
    fn catalog(&self) -> &Catalog {
        self.parsed.get_or_init(|| {
            let file: CatalogFile = serde_json::from_str(self.text)
                .expect("the embedded catalogues parse (regen writes them)");
            Catalog {
                routes: Routes::new(&file.operations),
                file,
                validators: Mutex::new(HashMap::new()),
                answers: Mutex::new(HashMap::new()),
            }
        })
    }
}

/// The catalogue of a version (`beta`, `v2025`, `apis`) or crate (`sailpoint-v2025`).
pub fn catalog(version_or_crate: &str) -> Option<&'static Catalog> {
    SOURCES
        .iter()
        .zip(entries())
        .find(|((name, _), entry)| {
            *name == version_or_crate || entry_version(entry) == version_or_crate
        })
        .map(|(_, entry)| entry.catalog())
}

fn entry_version(entry: &'static Entry) -> &'static str {
    entry
        .text
        .lines()
        .take(8)
        .find_map(|l| l.strip_prefix("\"version\": \""))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
}

/// The catalogue serving `path`, and the path without its prefix.
fn for_path(path: &str) -> Option<(&'static Catalog, &str)> {
    entry_for_path(path).map(|(entry, rest)| (entry.catalog(), rest))
}

/// The entry whose prefix `path` starts with (else the unprefixed one),
/// and the path without the prefix.
fn entry_for_path(path: &str) -> Option<(&'static Entry, &str)> {
    let entries = entries();
    let prefixed = entries.iter().find_map(|entry| {
        let rest = path
            .strip_prefix(entry.prefix.as_str())
            .filter(|_| !entry.prefix.is_empty())?;
        (rest.is_empty() || rest.starts_with('/')).then_some((entry, rest))
    });
    prefixed.or_else(|| {
        entries
            .iter()
            .find(|e| e.prefix.is_empty())
            .map(|e| (e, path))
    })
}

impl Catalog {
    /// The cached validator of `schema`, compiled on first use. `key`
    /// names the schema's place in the catalogue (`12/body/0`).
    pub fn validator(&self, key: &str, schema: &Value) -> Arc<jsonschema::Validator> {
        if let Some(found) = self.validators.lock().expect("validator cache").get(key) {
            return found.clone();
        }
        // Compiled outside the lock: other requests go on meanwhile.
        let document = self.standalone(schema);
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(false)
            .build(&document)
            .unwrap_or_else(|e| panic!("catalogue schema {key} compiles: {e}"));
        let validator = Arc::new(validator);
        self.validators
            .lock()
            .expect("validator cache")
            .insert(key.to_owned(), validator.clone());
        validator
    }

    /// `schema` with the definitions it reaches, as one document.
    fn standalone(&self, schema: &Value) -> Value {
        let mut names = BTreeSet::new();
        let mut pending = vec![schema];
        while let Some(node) = pending.pop() {
            collect_refs(node, &mut |name| {
                if names.insert(name.to_owned()) {
                    if let Some(def) = self.file.defs.get(name) {
                        pending.push(def);
                    }
                }
            });
        }
        let defs: Map<String, Value> = names
            .into_iter()
            .filter_map(|n| self.file.defs.get(&n).map(|d| (n, d.clone())))
            .collect();
        let mut document = match schema {
            Value::Object(map) => map.clone(),
            _ => Map::new(),
        };
        document.insert("$defs".into(), Value::Object(defs));
        Value::Object(document)
    }

    /// Problems of `value` against the response schema of an operation's
    /// `status` and media type (none when it has no schema).
    pub fn response_problems(
        &self,
        operation: usize,
        status: u16,
        media_type: &str,
        value: &Value,
    ) -> Vec<String> {
        let op = &self.file.operations[operation];
        let Some(response) = op.responses.iter().find(|r| r.status == status) else {
            return vec![format!("status {status} is not declared")];
        };
        let Some((slot, content)) = response
            .contents
            .iter()
            .enumerate()
            .find(|(_, c)| c.media_type == media_type)
        else {
            return vec![format!(
                "media type {media_type} is not declared for {status}"
            )];
        };
        let Some(schema) = &content.schema else {
            return Vec::new();
        };
        schema_problems(
            &self.validator(&format!("{operation}/response/{status}/{slot}"), schema),
            value,
        )
    }

    /// The index of an operation by operationId.
    pub fn operation_index(&self, id: &str) -> Option<usize> {
        self.file.operations.iter().position(|op| op.id == id)
    }
}

fn collect_refs<'v>(node: &'v Value, found: &mut impl FnMut(&'v str)) {
    match node {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            {
                found(name);
            }
            map.values().for_each(|v| collect_refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, found)),
        _ => {}
    }
}

/// At most this many problems are reported per body.
const MAX_PROBLEMS: usize = 10;

/// One message per problem, each naming the JSON pointer in the body.
pub(crate) fn schema_problems(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .take(MAX_PROBLEMS)
        .map(|e| {
            let pointer = e.instance_path().to_string();
            let pointer = if pointer.is_empty() {
                "/".to_owned()
            } else {
                pointer
            };
            format!("Request body {pointer}: {e}")
        })
        .collect()
}

/// SailPoint's `ErrorResponseDto`, with one message per problem.
pub(crate) fn error_body(status: u16, messages: &[String]) -> Value {
    let detail = match status {
        400 => "400.1 Bad Request Content",
        404 => "404 Not found",
        405 => "405 Method Not Allowed",
        415 => "415 Unsupported Media Type",
        _ => "500.0 Internal Fault",
    };
    let messages: Vec<Value> = messages
        .iter()
        .map(|text| json!({"locale": "en-US", "localeOrigin": "DEFAULT", "text": text}))
        .collect();
    json!({ "detailCode": detail, "trackingId": "mock-tracking-id", "messages": messages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_file_is_embedded_and_every_version_is_found() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".json")
                    .to_owned()
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<&str> = crate_names().collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        for version in ["beta", "v2024", "v2025", "apis"] {
            assert_eq!(catalog(version).unwrap().file.version, version);
        }
        assert_eq!(versions().collect::<Vec<_>>(), ["beta", "v2024", "v2025", "apis"]);
        assert_eq!(version_of_path("/v2024/accounts"), Some("v2024"));
        assert_eq!(version_of_path("/accounts/v1"), Some("apis"));
        let (v2025, rest) = for_path("/v2025/accounts/abc").unwrap();
        assert_eq!(
            (v2025.file.prefix.as_str(), rest),
            ("/v2025", "/accounts/abc")
        );
        let (current, rest) = for_path("/accounts/v1/abc").unwrap();
        assert_eq!(
            (current.file.version.as_str(), rest),
            ("apis", "/accounts/v1/abc")
        );
    }

    #[test]
    fn body_problems_name_the_json_pointer() {
        let v2025 = catalog("v2025").unwrap();
        let schema = json!({"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]});
        let validator = v2025.validator("test/1", &schema);
        assert!(schema_problems(&validator, &json!({"name": "x"})).is_empty());
        let problems = schema_problems(&validator, &json!({"name": 3}));
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("Request body /name: 3 is not of type"),
            "{problems:?}"
        );
    }
}
