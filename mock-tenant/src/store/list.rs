//! List operations: `limit`, `offset`, `count`, `filters` and `sorters`
//! as ISC's standard collection parameters define them.
//!
//! Without `filters` and `sorters` a page is spliced from the records'
//! pre-rendered bytes (no serialising, no scan). A filter is a linear scan
//! of the collection; sorting is over the matches only.

use super::collection::{Collection, Record};
use super::doc::{sortable_fields, FilterDoc};
use super::eval::{matches, resolve};
use super::filter::{self, Expr};
use super::respond::{self, bad_request, Served};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::Value;
use std::cmp::Ordering;

/// Standard collection parameters.
pub const MAX_LIMIT: i64 = 250;

/// How a list behaves beyond the parameters (from the tenant's `Config`).
#[derive(Debug, Clone, Copy)]
pub struct ListSettings {
    pub offset_past_end_is_error: bool,
    pub send_total_count: bool,
}

/// One sort key: a dotted field, descending or not.
#[derive(Debug, Clone, PartialEq)]
pub struct SortKey {
    pub field: String,
    pub descending: bool,
}

#[derive(Debug)]
pub struct ListParams {
    pub limit: usize,
    pub offset: usize,
    pub count: bool,
    pub filter: Option<Expr>,
    pub sort: Vec<SortKey>,
}

fn first<'q>(query: &'q [(String, String)], name: &str) -> Option<&'q str> {
    query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Reads and checks the parameters. `filters_doc` / `sorters_doc` are the
/// operation's descriptions; an operation without one ignores the
/// parameter, as ISC ignores query parameters an operation does not take.
/// `Err` holds the 400's text.
pub fn params(query: &[(String, String)], filters_doc: Option<&str>, sorters_doc: Option<&str>) -> Result<ListParams, String> {
    let integer = |name: &str, default: i64| -> Result<i64, String> {
        match first(query, name) {
            None => Ok(default),
            Some(text) => text.parse().map_err(|_| format!("{name} must be an integer, was '{text}'")),
        }
    };
    let limit = integer("limit", MAX_LIMIT)?;
    if !(0..=MAX_LIMIT).contains(&limit) {
        return Err(format!("limit must be between 0 and {MAX_LIMIT}, was {limit}"));
    }
    let offset = integer("offset", 0)?;
    if offset < 0 {
        return Err("offset must not be negative".into());
    }
    let count = match first(query, "count") {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => return Err(format!("count must be true or false, was '{other}'")),
    };
    let filter = match (first(query, "filters"), filters_doc) {
        (Some(text), Some(doc)) => {
            let expr = filter::parse(text).map_err(|e| format!("Invalid filter '{text}': {e}"))?;
            FilterDoc::parse(doc).check(&expr)?;
            Some(expr)
        }
        _ => None,
    };
    let sort = match (first(query, "sorters"), sorters_doc) {
        (Some(text), Some(doc)) => sort_keys(text, sortable_fields(doc).as_deref())?,
        _ => Vec::new(),
    };
    Ok(ListParams {
        limit: limit as usize,
        offset: usize::try_from(offset).unwrap_or(usize::MAX),
        count,
        filter,
        sort,
    })
}

/// `name,-created` → keys, each checked against the sortable fields.
pub fn sort_keys(text: &str, sortable: Option<&[String]>) -> Result<Vec<SortKey>, String> {
    let mut keys = Vec::new();
    for part in text.split(',').map(str::trim) {
        let (descending, field) = match part.strip_prefix('-') {
            Some(field) => (true, field),
            None => (false, part.strip_prefix('+').unwrap_or(part)),
        };
        if field.is_empty() {
            return Err(format!("Invalid sorters '{text}': empty field"));
        }
        if !sortable.unwrap_or_default().iter().any(|f| f == field) {
            let known = sortable.filter(|s| !s.is_empty()).map_or("none".to_owned(), |s| s.join(", "));
            return Err(format!("Sorting is not supported on the field '{field}'; sortable fields: {known}"));
        }
        keys.push(SortKey {
            field: field.to_owned(),
            descending,
        });
    }
    Ok(keys)
}

/// The values a record sorts by: the first value at each key's field.
fn sort_values(record: &Value, keys: &[SortKey]) -> Vec<Option<Value>> {
    keys.iter().map(|key| resolve(record, &key.field).first().map(|v| (*v).clone())).collect()
}

/// How two records order by their `sort_values` for `keys` (missing
/// values first, ascending).
fn compare_keys(a: &[Option<Value>], b: &[Option<Value>], keys: &[SortKey]) -> Ordering {
    keys.iter()
        .zip(a.iter().zip(b))
        .map(|(key, (a, b))| {
            let order = compare_values(a.as_ref(), b.as_ref());
            if key.descending {
                order.reverse()
            } else {
                order
            }
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

pub fn compare_values(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    let rank = |v: Option<&Value>| match v {
        None | Some(Value::Null) => 0,
        Some(Value::Bool(_)) => 1,
        Some(Value::Number(_)) => 2,
        Some(Value::String(_)) => 3,
        Some(_) => 4,
    };
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x.as_f64().unwrap_or(0.0).total_cmp(&y.as_f64().unwrap_or(0.0)),
        (Some(Value::String(x)), Some(Value::String(y))) => x.cmp(y),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// One page of `collection`.
pub fn page(collection: &Collection, params: &ListParams, settings: ListSettings) -> Response {
    // Each record's value is looked at once, and only its sort values are
    // kept (see `Record::with_value`).
    let selected: Option<Vec<&Record>> = (params.filter.is_some() || !params.sort.is_empty()).then(|| {
        let mut hits: Vec<(Vec<Option<Value>>, &Record)> = collection
            .records()
            .filter_map(|record| {
                record.with_value(|value| {
                    let wanted = params.filter.as_ref().is_none_or(|expr| matches(expr, value));
                    wanted.then(|| (sort_values(value, &params.sort), record))
                })
            })
            .collect();
        if !params.sort.is_empty() {
            hits.sort_by(|a, b| compare_keys(&a.0, &b.0, &params.sort));
        }
        hits.into_iter().map(|(_, record)| record).collect()
    });
    let total = selected.as_ref().map_or(collection.len(), Vec::len);
    let start = params.offset.min(total);
    if settings.offset_past_end_is_error && total > 0 && start == total {
        return bad_request("offset is invalid");
    }
    let end = start.saturating_add(params.limit).min(total);
    let records: Vec<&Record> = match &selected {
        Some(hits) => hits[start..end].to_vec(),
        None => collection.slice(start..end).collect(),
    };
    let body = crate::data::json_array(&records.iter().map(|r| &r.bytes).collect::<Vec<_>>());
    let mut response = respond::bytes(StatusCode::OK, body);
    if params.count && settings.send_total_count {
        response.headers_mut().insert("x-total-count", HeaderValue::from(total));
    }
    response.extensions_mut().insert(Served {
        items: records.len() as u64,
        wrong_typed: records.iter().filter(|r| r.drift.is_some()).count() as u64,
    });
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const SORTERS: &str = "Sorting is supported for the following fields: **id, name, created**";

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn sorters_are_checked_and_ordered() {
        let keys = sort_keys("name,-created", sortable_fields(SORTERS).as_deref()).unwrap();
        assert_eq!(keys, [SortKey { field: "name".into(), descending: false }, SortKey { field: "created".into(), descending: true }]);
        let error = sort_keys("name,modified", sortable_fields(SORTERS).as_deref()).unwrap_err();
        assert!(error.contains("'modified'") && error.contains("id, name, created"), "{error}");
        assert!(sort_keys("name", None).unwrap_err().contains("none"));
        let (a, b) = (serde_json::json!({"name": "x", "created": "2024"}), serde_json::json!({"name": "x", "created": "2025"}));
        assert_eq!(compare_keys(&sort_values(&a, &keys), &sort_values(&b, &keys), &keys), Ordering::Greater);
    }

    #[test]
    fn filtering_and_sorting_seeded_records_keeps_none_parsed() {
        let mut collection = Collection::default();
        for (id, name) in [("1", "b"), ("2", "a"), ("3", "c")] {
            let bytes = serde_json::to_vec(&serde_json::json!({"id": id, "name": name})).unwrap();
            collection.put_record(id.into(), Record::rendered(bytes.into()));
        }
        let docs = "Filtering is supported for the following fields and operators:\n\n**name**: *eq, ne*\n";
        let query = query(&[("filters", "name ne \"c\""), ("sorters", "name")]);
        let params = params(&query, Some(docs), Some(SORTERS)).unwrap();
        let settings = ListSettings { offset_past_end_is_error: false, send_total_count: true };
        let response = page(&collection, &params, settings);
        assert_eq!(response.status(), StatusCode::OK);
        let served = response.extensions().get::<Served>().map(|s| s.items);
        assert_eq!(served, Some(2));
        assert!(collection.records().all(|r| !r.is_parsed()), "a list must not keep seeded records parsed");
    }

    #[test]
    fn parameters_are_validated() {
        let refused = |pairs: &[(&str, &str)]| params(&query(pairs), Some("**name**: *eq*"), Some(SORTERS)).err();
        let has = |pairs: &[(&str, &str)], text: &str| refused(pairs).is_some_and(|e| e.contains(text));
        assert!(has(&[("limit", "251")], "between 0 and 250"));
        assert!(has(&[("limit", "ten")], "limit must be an integer"));
        assert!(has(&[("offset", "-1")], "offset must not be negative"));
        assert!(has(&[("count", "yes")], "count must be true or false"));
        assert!(has(&[("filters", "name co \"x\"")], "'co'"));
        assert!(has(&[("filters", "name eq")], "position 7"));
        assert!(has(&[("sorters", "-modified")], "'modified'"));
        assert_eq!(refused(&[("limit", "250"), ("offset", "5"), ("count", "true"), ("filters", "name eq \"x\""), ("sorters", "-name")]), None);
        // An operation that documents no filters ignores them.
        assert!(params(&query(&[("filters", "anything goes")]), None, None).unwrap().filter.is_none());
    }
}
