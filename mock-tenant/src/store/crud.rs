//! Create, read, replace, patch (RFC 6902) and delete one record.

use super::resource::Resource;
use super::respond::{self, bad_request, not_found};
use super::seed::defaults;
use super::time::Timestamp;
use super::Store;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};

/// Every write answers like this: accounts with `AccountsAsyncResult`
/// (`{"id"}`; the mock gives the account's own id, so a test can read
/// the account back), everything else with the record.
fn written(resource: Resource, method: &Method, resource_version: Option<&str>, id: &str, record: &Value) -> Response {
    let status = resource.status(method, resource_version);
    if resource == Resource::Accounts {
        return respond::json(status, &json!({ "id": id }));
    }
    respond::json(status, record)
}

/// Fields the body left out, from the resource's defaults.
fn fill(record: &mut Map<String, Value>, resource: Resource) {
    if let Value::Object(defaults) = defaults(resource) {
        for (key, value) in defaults {
            record.entry(key).or_insert(value);
        }
    }
}

fn object(body: Option<&Value>) -> Result<Map<String, Value>, &'static str> {
    match body {
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(_) => Err("The request body must be a JSON object"),
        None => Err("A request body is required"),
    }
}

/// An account from `AccountAttributesCreate` (`{"attributes": {...}}`):
/// ISC derives the account's fields from the attributes.
/// Without a name among the attributes the account is named by its id,
/// so the fields every version requires are there.
fn account(store: &Store, id: &str, attributes: Value) -> Map<String, Value> {
    let text = |key: &str| attributes.get(key).and_then(Value::as_str).map(str::to_owned);
    let name = text("name").or_else(|| text("sAMAccountName")).or_else(|| text("nativeIdentity")).or_else(|| text("displayName")).unwrap_or_else(|| id.to_owned());
    let source_id = text("sourceId").unwrap_or_default();
    let source_name = store.get(Resource::Sources, &source_id).and_then(|s| s.get("name").cloned()).unwrap_or_else(|| json!(""));
    let mut record = Map::new();
    record.insert("nativeIdentity".into(), json!(text("nativeIdentity").unwrap_or_else(|| name.clone())));
    record.insert("name".into(), json!(name));
    record.insert("sourceId".into(), json!(source_id));
    record.insert("sourceName".into(), source_name);
    record.insert("attributes".into(), attributes);
    record
}

pub fn create(store: &Store, resource: Resource, resource_version: Option<&str>, body: Option<&Value>) -> Response {
    let body = match object(body) {
        Ok(body) => body,
        Err(text) => return bad_request(text),
    };
    let id = store.next_id(resource);
    let now = json!(Timestamp::now().to_rfc3339());
    let mut record = if resource == Resource::Accounts {
        account(store, &id, body.get("attributes").cloned().unwrap_or_else(|| json!({})))
    } else {
        body
    };
    record.insert("id".into(), json!(id));
    record.insert("created".into(), now.clone());
    record.insert("modified".into(), now);
    fill(&mut record, resource);
    // Required in some versions' responses, named after the record.
    if matches!(resource, Resource::MachineIdentities) {
        let name = record.get("name").cloned().unwrap_or_else(|| json!(id));
        record.entry("name").or_insert_with(|| name.clone());
        record.entry("nativeIdentity").or_insert(name);
    }
    let record = Value::Object(record);
    store.write(resource, |c| c.put(id.clone(), record.clone()));
    written(resource, &Method::POST, resource_version, &id, &record)
}

pub fn get(store: &Store, resource: Resource, id: &str) -> Response {
    store
        .read(resource, |c| c.get(id).map(|r| r.bytes.clone()))
        .map_or_else(|| not_found(noun(resource), id), |bytes| respond::bytes(StatusCode::OK, bytes))
}

pub fn replace(store: &Store, resource: Resource, resource_version: Option<&str>, id: &str, body: Option<&Value>) -> Response {
    let body = match object(body) {
        Ok(body) => body,
        Err(text) => return bad_request(text),
    };
    let Some(old) = store.get(resource, id) else { return not_found(noun(resource), id) };
    let mut record = if resource == Resource::Accounts {
        // `AccountAttributes`: the attributes are what a PUT replaces.
        let mut record = old.as_object().cloned().unwrap_or_default();
        record.insert("attributes".into(), body.get("attributes").cloned().unwrap_or_else(|| json!({})));
        record
    } else {
        body
    };
    record.insert("id".into(), json!(id));
    if let Some(created) = old.get("created") {
        record.insert("created".into(), created.clone());
    }
    record.insert("modified".into(), json!(Timestamp::now().to_rfc3339()));
    fill(&mut record, resource);
    let record = Value::Object(record);
    store.write(resource, |c| c.put(id.to_owned(), record.clone()));
    written(resource, &Method::PUT, resource_version, id, &record)
}

pub fn patch(store: &Store, resource: Resource, resource_version: Option<&str>, id: &str, body: Option<&Value>) -> Response {
    let patch: json_patch::Patch = match body.map(|b| serde_json::from_value(b.clone())) {
        Some(Ok(patch)) => patch,
        Some(Err(e)) => return bad_request(&format!("The request body is not a JSON Patch (RFC 6902) document: {e}")),
        None => return bad_request("A JSON Patch body is required"),
    };
    let Some(mut record) = store.get(resource, id) else { return not_found(noun(resource), id) };
    // `patch` applies all operations or none (it undoes on failure).
    if let Err(e) = json_patch::patch(&mut record, &patch) {
        return bad_request(&format!("The JSON Patch could not be applied: {e}"));
    }
    let Value::Object(map) = &mut record else {
        return bad_request("The JSON Patch replaced the whole record with a non-object");
    };
    if map.get("id").and_then(Value::as_str) != Some(id) {
        return bad_request("The id of a record cannot be changed");
    }
    map.insert("modified".into(), json!(Timestamp::now().to_rfc3339()));
    store.write(resource, |c| c.put(id.to_owned(), record.clone()));
    written(resource, &Method::PATCH, resource_version, id, &record)
}

pub fn delete(store: &Store, resource: Resource, resource_version: Option<&str>, id: &str) -> Response {
    if store.write(resource, |c| c.remove(id)).is_none() {
        return not_found(noun(resource), id);
    }
    let status = resource.status(&Method::DELETE, resource_version);
    match resource {
        Resource::Accounts => respond::json(status, &json!({ "id": id })),
        // A task deletes a source; its result is referenced.
        Resource::Sources => respond::json(status, &json!({"type": "TASK_RESULT", "id": store.next_id(resource), "name": null})),
        _ => respond::empty(status),
    }
}

fn noun(resource: Resource) -> &'static str {
    match resource {
        Resource::Accounts => "account",
        Resource::Identities => "identity",
        Resource::Sources => "source",
        Resource::Entitlements => "entitlement",
        Resource::AccessProfiles => "access profile",
        Resource::Roles => "role",
        Resource::MachineIdentities => "machine identity",
        Resource::Workgroups => "governance group",
        Resource::Transforms => "transform",
    }
}
