//! Every operation of every version against the mock, through the
//! version crate's typed API (group accessor, method, setters, `send()`,
//! called by method and path through `sailpoint-conformance`): arguments
//! synthesized from the catalogue (path ids of records the store holds
//! where it has them, required params, a body from the operation's
//! schema); the answer must be the spec's success status, in a declared
//! media type, and decode as the operation's generated type.
//!
//! Prints `mock coverage <version>: <accepted>/<total> operations accepted
//! and decoded` per version.

use sailpoint_conformance::{CallArgs, Location as ArgLocation, TypedClient};
use sailpoint_mock_tenant::catalog::model::{Location, MediaKind, Operation};
use sailpoint_mock_tenant::catalog::synth::{bytes_for, seed_of, Synth};
use sailpoint_mock_tenant::catalog::{self, Catalog};
use sailpoint_mock_tenant::{Config, MockTenant};
use sailpoint_runtime::reqwest::Method;
use sailpoint_runtime::{Client, RateLimit, Request};
use serde_json::Value;
use std::io::Write;

/// Operations that may not pass, each with its reason. Empty: every
/// operation must.
const ALLOWED_FAILURES: &[(&str, &str, &str)] = &[];

/// A `&'static str` for the runtime's request fields (a few thousand,
/// once per test run).
fn leak(text: impl Into<String>) -> &'static str {
    Box::leak(text.into().into_boxed_str())
}

/// Calls run in this order, so a DELETE never removes a record a later
/// call of the same version reads.
fn method_rank(method: &str) -> u8 {
    match method {
        "GET" => 0,
        "DELETE" => 3,
        "POST" => 1,
        _ => 2,
    }
}

#[derive(Default)]
struct Tally {
    accepted: usize,
    failures: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_of_every_version_is_accepted_and_decodes() {
    let mut failures = Vec::new();
    for name in catalog::crate_names() {
        let catalog = catalog::catalog(name).expect("embedded");
        // A tenant per version: what one version's calls create or delete
        // is not what the next one's lists return.
        let tenant = MockTenant::start(Config {
            accounts: 50,
            identities: 20,
            ..Config::default()
        })
        .await
        .expect("mock tenant starts");
        let runtime = client(&tenant);
        let typed = TypedClient::new(&catalog.file.version, &runtime)
            .unwrap_or_else(|| panic!("sailpoint-conformance covers {}", catalog.file.version));
        let raw = runtime.with_path_prefix(&catalog.file.prefix);
        let mut order: Vec<usize> = (0..catalog.file.operations.len()).collect();
        order.sort_by_key(|&i| (method_rank(&catalog.file.operations[i].method), i));
        let mut tally = Tally::default();
        for index in order {
            let op = &catalog.file.operations[index];
            match call(&raw, &typed, catalog, index).await {
                Ok(()) => tally.accepted += 1,
                Err(why)
                    if ALLOWED_FAILURES
                        .iter()
                        .any(|(v, id, _)| *v == catalog.file.version && *id == op.id) =>
                {
                    eprintln!("allowed: {} {}: {why}", catalog.file.version, op.id);
                }
                Err(why) => tally.failures.push(format!(
                    "{} {} {} {}: {why}",
                    catalog.file.version, op.id, op.method, op.path
                )),
            }
        }
        let total = catalog.file.operations.len();
        // Straight to the process's stdout, past the test harness's
        // capture: `cargo test --workspace` shows the lines (CI's log).
        let line = format!(
            "mock coverage {}: {}/{total} operations accepted and decoded\n",
            catalog.file.version, tally.accepted
        );
        std::io::stdout()
            .lock()
            .write_all(line.as_bytes())
            .expect("stdout is writable");
        failures.extend(tally.failures);
    }
    for failure in failures.iter().take(60) {
        eprintln!("FAILED {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} operations were refused or did not decode (first ones above)",
        failures.len()
    );
}

/// The runtime's client without its client-side rate limit (ISC's 100
/// calls per 10 s would make this test take minutes).
fn client(tenant: &MockTenant) -> Client {
    Client::builder()
        .base_url(tenant.base_url())
        .client_credentials(
            tenant.config().client_id.clone(),
            tenant.config().client_secret.clone(),
        )
        .experimental(true)
        .rate_limit(RateLimit::none())
        .build()
        .expect("client builds")
}

async fn call(
    raw: &Client,
    typed: &TypedClient,
    catalog: &Catalog,
    index: usize,
) -> Result<(), String> {
    let op = &catalog.file.operations[index];
    let args = arguments(raw, catalog, op).await?;
    let pending = typed
        .call(&op.method, &op.path, &args)
        .map_err(|e| format!("no typed call: {e}"))?;
    // The version crate's own `send()`: refused requests, unexpected
    // statuses and bodies that do not decode as its type are all errors.
    let response = pending.await.map_err(|e| format!("{e}"))?;
    let status = response.status.as_u16();
    let Some(declared) = op
        .responses
        .iter()
        .find(|r| r.status == status)
        .filter(|r| (200..300).contains(&r.status))
    else {
        let expected = op.success().map_or(200, |r| r.status);
        return Err(format!("answered {status}, the spec's success is {expected}"));
    };
    if declared.contents.is_empty() || status == 204 {
        return Ok(());
    }
    let content_type = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let essence = catalog::model::essence(content_type);
    if declared
        .contents
        .iter()
        .any(|c| catalog::model::essence(&c.media_type) == essence)
    {
        Ok(())
    } else {
        Err(format!(
            "answered {status} as `{content_type}`, not a declared media type"
        ))
    }
}

/// A valid call of `op`, as the typed API's arguments: the path ids of
/// records the mock holds where it has them, required parameters and a
/// body synthesized from the operation's schemas.
async fn arguments(raw: &Client, catalog: &Catalog, op: &Operation) -> Result<CallArgs, String> {
    let defs = &catalog.file.defs;
    let mut synth = Synth::new(defs, seed_of(&op.id));
    let mut args = CallArgs::default();
    for param in op.params.iter().filter(|p| p.location == Location::Path) {
        let string = param.schema.get("type").and_then(Value::as_str) == Some("string");
        let existing = if string {
            existing_id(raw, catalog, op, &param.name).await
        } else {
            None
        };
        let value = match existing {
            Some(id) => Value::String(id),
            None => synth.value(&param.schema, &param.name),
        };
        args.params.insert((ArgLocation::Path, param.name.clone()), value);
    }
    for param in op.params.iter().filter(|p| p.required) {
        let location = match param.location {
            Location::Query => ArgLocation::Query,
            Location::Header => ArgLocation::Header,
            Location::Path => continue,
        };
        let value = synth.value(&param.schema, &param.name);
        args.params.insert((location, param.name.clone()), value);
    }
    // A body for every declared media type: the typed call takes the one
    // its operation sends.
    for content in op.body.iter().flat_map(|body| &body.contents) {
        let value = content.schema.as_ref().map(|s| synth.value(s, ""));
        let body = match MediaKind::of(&content.media_type) {
            // A patch the store can apply to any record, where the
            // operation's schema allows it (some allow `replace` only).
            MediaKind::Json
                if content.media_type == "application/json-patch+json"
                    && patch_fits(catalog, content) =>
            {
                store_patch()
            }
            MediaKind::Json if content.media_type == "application/json-patch+json" => {
                with_pointer_paths(value.unwrap_or(Value::Null))
            }
            MediaKind::Json | MediaKind::Form => value.unwrap_or(Value::Null),
            MediaKind::Multipart => Value::Object(
                fields_or_file(value.as_ref())
                    .into_iter()
                    .map(|(name, v)| {
                        let binary = name == "file"
                            || content
                                .schema
                                .as_ref()
                                .map(|s| sailpoint_mock_tenant::catalog::synth::resolve(defs, s))
                                .and_then(|s| s.pointer(&format!("/properties/{name}/format")))
                                .is_some_and(|f| f == "binary");
                        let v = if binary {
                            Value::String(String::from_utf8_lossy(&bytes_for("text/csv")).into_owned())
                        } else {
                            v
                        };
                        (name, v)
                    })
                    .collect(),
            ),
            MediaKind::Bytes => {
                Value::String(String::from_utf8_lossy(&bytes_for(&content.media_type)).into_owned())
            }
        };
        args.bodies.insert(content.media_type.clone(), body);
    }
    Ok(args)
}

fn fields(value: Option<&Value>) -> Vec<(String, Value)> {
    value
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

fn store_patch() -> Value {
    serde_json::json!([{"op": "add", "path": "/description", "value": "patched by the coverage test"}])
}

/// A synthesized patch whose `path`s are pointers: the schemas say
/// `type: string` only, and the typed API checks each one.
fn with_pointer_paths(mut patch: Value) -> Value {
    for operation in patch.as_array_mut().into_iter().flatten() {
        for key in ["path", "from"] {
            if let Some(Value::String(path)) = operation.get_mut(key) {
                if !path.starts_with('/') {
                    path.insert(0, '/');
                }
            }
        }
    }
    patch
}

fn patch_fits(catalog: &Catalog, content: &sailpoint_mock_tenant::catalog::model::Content) -> bool {
    content.schema.as_ref().is_some_and(|schema| {
        catalog
            .validator(&format!("coverage/{schema}"), schema)
            .is_valid(&store_patch())
    })
}

/// The fields of a multipart body; a free-form one gets a `file`.
fn fields_or_file(value: Option<&Value>) -> Vec<(String, Value)> {
    let fields = fields(value);
    if fields.is_empty() {
        vec![("file".to_owned(), Value::String("mock".into()))]
    } else {
        fields
    }
}

/// The id of a record the mock holds, for an item path (`/x/{id}`): the
/// first item of the list at the same path without the placeholder.
async fn existing_id(
    client: &Client,
    catalog: &Catalog,
    op: &Operation,
    param: &str,
) -> Option<String> {
    let placeholder = format!("/{{{param}}}");
    let collection = op.path.split_once(&placeholder).map(|(before, _)| before)?;
    let list = catalog.file.operations.iter().find(|o| {
        o.method == "GET" && o.path == collection && !o.params.iter().any(|p| p.required)
    })?;
    let mut request = Request::new(
        leak(list.id.clone()),
        Method::GET,
        leak(list.path.clone()),
        collection.to_owned(),
    );
    request.experimental = list.experimental;
    request.query.push(("limit", "1".into()));
    let response = client.send_bytes(request).await.ok()?;
    let value: Value = serde_json::from_slice(&response.body).ok()?;
    let first = value.as_array()?.first()?;
    first.get("id").and_then(Value::as_str).map(str::to_owned)
}
