//! `POST /search`: the store's identities (each with its accounts, as
//! ISC indexes accounts), access profiles, entitlements and roles as
//! search documents.
//!
//! `query.query` takes `*`, `field:value` (dotted fields, `value*` for a
//! prefix, quotes for spaces) and bare words (contained in the name,
//! display name, email or description), joined by `AND` (or a space) and
//! `OR`. Sorting and `searchAfter` follow Elasticsearch: `searchAfter`
//! holds the last hit's sort values, and `offset + limit` may not pass
//! the 10,000 window. The index is rebuilt after a write, on the next
//! search.

use super::collection::Collection;
use super::eval::resolve;
use super::resource::Resource;
use super::respond::{self, bad_request, Served};
use super::Store;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use serde_json::{json, Map, Value};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// `searchlimit.yaml`, and Elasticsearch's result window for `offset`.
const MAX_SEARCH_LIMIT: u64 = 10_000;

/// The search indices the store fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Index {
    Identities,
    AccessProfiles,
    Entitlements,
    Roles,
}

impl Index {
    fn name(self) -> &'static str {
        match self {
            Index::Identities => "identities",
            Index::AccessProfiles => "accessprofiles",
            Index::Entitlements => "entitlements",
            Index::Roles => "roles",
        }
    }

    /// The document's `_type`.
    fn document_type(self) -> &'static str {
        match self {
            Index::Identities => "identity",
            Index::AccessProfiles => "accessprofile",
            Index::Entitlements => "entitlement",
            Index::Roles => "role",
        }
    }
}

struct Document {
    index: Index,
    value: Value,
    bytes: Bytes,
}

/// The documents, built at one store generation.
#[derive(Default)]
pub struct Cache {
    built: Mutex<Option<(u64, Arc<Vec<Document>>)>>,
}

impl Cache {
    fn documents(&self, store: &Store) -> Arc<Vec<Document>> {
        store.snapshot(|generation, collections| {
            let mut built = self.built.lock().unwrap_or_else(|e| e.into_inner());
            match &*built {
                Some((at, documents)) if *at == generation => documents.clone(),
                _ => {
                    let documents = Arc::new(build(collections));
                    *built = Some((generation, documents.clone()));
                    documents
                }
            }
        })
    }
}

/// The index. Records are read through `Record::with_value`, so building
/// it leaves 100,000 seeded accounts unparsed: only their summaries in the
/// identities' documents are kept.
fn build(collections: &[Collection]) -> Vec<Document> {
    let of = |r: Resource| &collections[r.index()];
    let mut accounts: HashMap<String, Vec<Value>> = HashMap::new();
    for record in of(Resource::Accounts).records() {
        record.with_value(|account| {
            if let Some(identity) = account.get("identityId").and_then(Value::as_str) {
                accounts.entry(identity.to_owned()).or_default().push(account_summary(account));
            }
        });
    }
    let mut documents = Vec::new();
    for record in of(Resource::Identities).records() {
        documents.push(record.with_value(|value| {
            let id = value.get("id").and_then(Value::as_str).unwrap_or_default();
            document(Index::Identities, identity(value, accounts.remove(id).unwrap_or_default()))
        }));
    }
    for (resource, index) in [(Resource::AccessProfiles, Index::AccessProfiles), (Resource::Entitlements, Index::Entitlements), (Resource::Roles, Index::Roles)] {
        documents.extend(of(resource).records().map(|r| r.with_value(|value| document(index, value.as_object().cloned().unwrap_or_default()))));
    }
    documents
}

/// An account as an identity's document lists it.
fn account_summary(account: &Value) -> Value {
    json!({
        "id": account.get("id"), "name": account.get("name"), "accountId": account.get("nativeIdentity"),
        "source": {"id": account.get("sourceId"), "name": account.get("sourceName")},
        "disabled": account.get("disabled"), "locked": account.get("locked"), "privileged": false,
        "manuallyCorrelated": account.get("manuallyCorrelated"),
    })
}

fn document(index: Index, mut value: Map<String, Value>) -> Document {
    value.insert("_type".into(), json!(index.document_type()));
    value.insert("type".into(), json!(index.document_type()));
    let value = Value::Object(value);
    let bytes = Bytes::from(serde_json::to_vec(&value).expect("values serialise"));
    Document { index, value, bytes }
}

/// An identity's document: its record's fields in the search shape,
/// with its accounts.
fn identity(record: &Value, accounts: Vec<Value>) -> Map<String, Value> {
    let attribute = |key: &str| record.get("attributes").and_then(|a| a.get(key)).cloned().unwrap_or(Value::Null);
    let (first, last) = (attribute("firstname"), attribute("lastname"));
    let display = attribute("displayName");
    let display = match (&display, first.as_str(), last.as_str()) {
        (Value::Null, Some(f), Some(l)) => json!(format!("{f} {l}")),
        _ => display,
    };
    let mut doc = Map::new();
    for (key, value) in [
        ("id", record.get("id").cloned().unwrap_or(Value::Null)),
        ("name", record.get("name").cloned().unwrap_or(Value::Null)),
        ("displayName", display),
        ("firstName", first),
        ("lastName", last),
        ("email", record.get("emailAddress").cloned().unwrap_or(Value::Null)),
        ("created", record.get("created").cloned().unwrap_or(Value::Null)),
        ("modified", record.get("modified").cloned().unwrap_or(Value::Null)),
        ("isManager", record.get("isManager").cloned().unwrap_or(Value::Null)),
        ("attributes", record.get("attributes").cloned().unwrap_or(Value::Null)),
        ("accountCount", json!(accounts.len())),
        ("accounts", Value::Array(accounts)),
    ] {
        if !value.is_null() {
            doc.insert(key.into(), value);
        }
    }
    doc
}

/// A parsed `query.query`: alternatives (`OR`) of conjunctions.
#[derive(Debug, PartialEq)]
enum Term {
    Field { path: String, value: String },
    Text(String),
}

fn parse_query(text: &str) -> Vec<Vec<Term>> {
    let mut alternatives = vec![Vec::new()];
    for word in words(text) {
        match word.as_str() {
            "*" | "AND" | "&&" => {}
            "OR" | "||" => alternatives.push(Vec::new()),
            _ => {
                let term = match word.split_once(':') {
                    Some((path, value)) if !path.is_empty() => Term::Field {
                        path: path.to_owned(),
                        value: value.trim_matches('"').to_owned(),
                    },
                    _ => Term::Text(word.trim_matches('"').to_owned()),
                };
                alternatives.last_mut().expect("one at least").push(term);
            }
        }
    }
    alternatives
}

/// Words split at spaces outside double quotes.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn term_matches(term: &Term, doc: &Value) -> bool {
    let like = |found: &Value, wanted: &str| {
        let text = match found {
            Value::String(s) => s.to_lowercase(),
            other => other.to_string(),
        };
        let wanted = wanted.to_lowercase();
        match wanted.strip_suffix('*') {
            Some(prefix) => text.starts_with(prefix),
            None => text == wanted,
        }
    };
    match term {
        Term::Field { path, value } => resolve(doc, path).into_iter().any(|v| !v.is_null() && like(v, value)),
        Term::Text(text) => {
            let text = text.to_lowercase();
            ["name", "displayName", "email", "description"]
                .iter()
                .filter_map(|key| doc.get(key).and_then(Value::as_str))
                .any(|v| v.to_lowercase().contains(&text))
        }
    }
}

fn query_matches(query: &[Vec<Term>], doc: &Value) -> bool {
    query.iter().any(|all| all.iter().all(|t| term_matches(t, doc)))
}

fn field<'v>(doc: &'v Value, path: &str) -> &'v Value {
    path.split('.').try_fold(doc, |v, key| v.get(key)).unwrap_or(&Value::Null)
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => text(a).cmp(&text(b)),
    }
}

fn directed(order: Ordering, descending: bool) -> Ordering {
    if descending {
        order.reverse()
    } else {
        order
    }
}

fn compare_documents(a: &Value, b: &Value, keys: &[(bool, &str)]) -> Ordering {
    keys.iter()
        .map(|(descending, path)| directed(compare_values(field(a, path), field(b, path)), *descending))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// How `doc` sorts against the `searchAfter` values.
fn compare_to_after(doc: &Value, keys: &[(bool, &str)], after: &[String]) -> Ordering {
    keys.iter()
        .zip(after)
        .map(|((descending, path), after)| {
            let value = field(doc, path);
            let order = match (value.as_f64(), after.parse::<f64>()) {
                (Some(x), Ok(y)) => x.total_cmp(&y),
                _ => text(value).as_str().cmp(after.as_str()),
            };
            directed(order, *descending)
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

fn strings(body: Option<&Value>, key: &str) -> Vec<String> {
    body.and_then(|b| b.get(key)).and_then(Value::as_array).map(|items| items.iter().map(text).collect()).unwrap_or_default()
}

pub fn search(store: &Store, query: &[(String, String)], body: Option<&Value>) -> Response {
    let number = |name: &str| -> Result<Option<u64>, String> {
        match query.iter().find(|(k, _)| k == name) {
            None => Ok(None),
            Some((_, v)) => v.parse().map(Some).map_err(|_| format!("{name} must be a non-negative integer, was '{v}'")),
        }
    };
    let (limit, offset) = match (number("limit"), number("offset")) {
        (Ok(limit), Ok(offset)) => (limit.unwrap_or(MAX_SEARCH_LIMIT), offset.unwrap_or(0)),
        (Err(text), _) | (_, Err(text)) => return bad_request(&text),
    };
    let count = query.iter().any(|(k, v)| k == "count" && v == "true");
    if limit > MAX_SEARCH_LIMIT {
        return bad_request(&format!("limit must be at most {MAX_SEARCH_LIMIT}"));
    }
    if offset + limit > MAX_SEARCH_LIMIT {
        return bad_request("Result window is too large: use searchAfter to page past 10000 results");
    }
    let indices = strings(body, "indices");
    let sort = strings(body, "sort");
    let search_after = strings(body, "searchAfter");
    if !search_after.is_empty() && search_after.len() != sort.len() {
        return bad_request("searchAfter must have one value per sort field");
    }
    let wanted = |index: Index| indices.iter().any(|i| i == "*" || i == index.name());
    let text = body.and_then(|b| b.pointer("/query/query")).and_then(Value::as_str).unwrap_or("*");
    let parsed = parse_query(text);
    let documents = store.search.documents(store);
    let keys: Vec<(bool, &str)> = sort.iter().map(|s| (s.starts_with('-'), s.trim_start_matches(['+', '-']))).collect();
    let mut hits: Vec<&Document> = documents.iter().filter(|d| wanted(d.index) && query_matches(&parsed, &d.value)).collect();
    hits.sort_by(|a, b| compare_documents(&a.value, &b.value, &keys));
    let start = if search_after.is_empty() {
        offset as usize
    } else {
        hits.partition_point(|d| compare_to_after(&d.value, &keys, &search_after) != Ordering::Greater)
    };
    let page: Vec<&Bytes> = hits.iter().skip(start).take(limit as usize).map(|d| &d.bytes).collect();
    let mut response = respond::bytes(StatusCode::OK, crate::data::json_array(&page));
    if count {
        response.headers_mut().insert("x-total-count", HeaderValue::from(hits.len()));
    }
    response.extensions_mut().insert(Served {
        items: page.len() as u64,
        wrong_typed: 0,
    });
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse_into_alternatives_of_terms() {
        assert_eq!(parse_query("*"), [Vec::<Term>::new()]);
        assert_eq!(
            parse_query("name:ada* AND source.name:\"Active Directory\" OR lovelace"),
            [
                vec![
                    Term::Field { path: "name".into(), value: "ada*".into() },
                    Term::Field { path: "source.name".into(), value: "Active Directory".into() }
                ],
                vec![Term::Text("lovelace".into())],
            ]
        );
    }

    #[test]
    fn terms_match_fields_prefixes_and_text() {
        let doc = json!({"name": "ada.lovelace", "displayName": "Ada Lovelace", "accounts": [{"source": {"name": "Workday"}}], "accountCount": 1});
        let yes = |q: &str| query_matches(&parse_query(q), &doc);
        assert!(yes("*") && yes("name:ADA.lovelace") && yes("name:ada*") && yes("accounts.source.name:workday"));
        assert!(yes("accountCount:1") && yes("lovelace") && yes("name:x OR love"));
        assert!(!yes("name:ada") && !yes("name:ada* AND accountCount:2") && !yes("grace"));
    }
}
