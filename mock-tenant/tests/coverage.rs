//! Every operation of every version against the mock, through the
//! runtime the generated crates send with: a valid request built from the
//! catalogue (path ids of records the store holds where it has them,
//! required params, a body synthesized from the operation's schema), then
//! the answer must be the spec's success status and decode — as the
//! generated type where the conformance decode table has it, else against
//! the response schema.
//!
//! Prints `mock coverage <version>: <accepted>/<total> operations accepted
//! and decoded` per version.

use sailpoint_mock_tenant::catalog::model::{Location, MediaKind, Operation};
use sailpoint_mock_tenant::catalog::synth::{bytes_for, seed_of, Synth};
use sailpoint_mock_tenant::catalog::{self, Catalog};
use sailpoint_mock_tenant::{Config, MockTenant};
use sailpoint_runtime::reqwest::Method;
use sailpoint_runtime::{encode_path_segment, Body, Client, Part, RateLimit, Request};
use serde_json::Value;

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
    by_generated_type: usize,
    by_schema: usize,
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
        let client = client(&tenant).with_path_prefix(&catalog.file.prefix);
        let mut order: Vec<usize> = (0..catalog.file.operations.len()).collect();
        order.sort_by_key(|&i| (method_rank(&catalog.file.operations[i].method), i));
        let mut tally = Tally::default();
        for index in order {
            let op = &catalog.file.operations[index];
            match call(&client, catalog, index).await {
                Ok(decoded) => {
                    tally.accepted += 1;
                    match decoded {
                        Decoded::GeneratedType => tally.by_generated_type += 1,
                        Decoded::Schema => tally.by_schema += 1,
                    }
                }
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
        println!(
            "mock coverage {}: {}/{total} operations accepted and decoded",
            catalog.file.version, tally.accepted
        );
        println!(
            "  ({} decoded as the generated type, {} checked against the response schema)",
            tally.by_generated_type, tally.by_schema
        );
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

enum Decoded {
    /// By the generated crate's type, through `sailpoint-conformance`.
    GeneratedType,
    /// Against the response schema (no decode table entry, or not JSON).
    Schema,
}

async fn call(client: &Client, catalog: &Catalog, index: usize) -> Result<Decoded, String> {
    let op = &catalog.file.operations[index];
    let request = build(client, catalog, op).await?;
    let response = client
        .send_bytes(request)
        .await
        .map_err(|e| format!("refused: {e}"))?;
    let status = response.status.as_u16();
    let expected = op.success().map_or(200, |r| r.status);
    let declared = op
        .responses
        .iter()
        .find(|r| r.status == status)
        .filter(|r| (200..300).contains(&r.status));
    let Some(declared) = declared else {
        return Err(format!(
            "answered {status}, the spec's success is {expected}"
        ));
    };
    if declared.contents.is_empty() || status == 204 {
        return if response.body.is_empty() {
            Ok(Decoded::Schema)
        } else {
            Err(format!("a {status} with a body"))
        };
    }
    let content_type = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let essence = catalog::model::essence(content_type);
    let Some(content) = declared
        .contents
        .iter()
        .find(|c| catalog::model::essence(&c.media_type) == essence)
    else {
        return Err(format!(
            "answered {status} as `{content_type}`, not a declared media type"
        ));
    };
    if MediaKind::of(&content.media_type) != MediaKind::Json {
        return if response.body.is_empty() {
            Err("an empty download".into())
        } else {
            Ok(Decoded::Schema)
        };
    }
    if let Some(key) = &content.type_key {
        match sailpoint_conformance::version_roundtrip(&catalog.file.version, key, &response.body) {
            Some(Some(Ok(_))) => return Ok(Decoded::GeneratedType),
            Some(Some(Err(e))) => return Err(format!("does not decode as {key}: {e}")),
            _ => {}
        }
    }
    let value: Value =
        serde_json::from_slice(&response.body).map_err(|e| format!("not JSON: {e}"))?;
    let problems = catalog.response_problems(index, status, &content.media_type, &value);
    if problems.is_empty() {
        Ok(Decoded::Schema)
    } else {
        Err(format!(
            "does not fit the response schema: {}",
            problems.join("; ")
        ))
    }
}

/// A valid request for `op`.
async fn build(client: &Client, catalog: &Catalog, op: &Operation) -> Result<Request, String> {
    let defs = &catalog.file.defs;
    let mut synth = Synth::new(defs, seed_of(&op.id));
    let mut path = op.path.clone();
    for param in op.params.iter().filter(|p| p.location == Location::Path) {
        let string = param.schema.get("type").and_then(Value::as_str) == Some("string");
        let existing = if string {
            existing_id(client, catalog, op, &param.name).await
        } else {
            None
        };
        let value = match existing {
            Some(id) => id,
            None => text(&synth.value(&param.schema, &param.name)),
        };
        path = path.replace(&format!("{{{}}}", param.name), &encode_path_segment(&value));
    }
    let method = Method::from_bytes(op.method.as_bytes()).map_err(|e| e.to_string())?;
    let mut request = Request::new(leak(op.id.clone()), method, leak(op.path.clone()), path);
    request.experimental = op.experimental;
    request.accept = leak(
        op.success()
            .map(|r| {
                r.contents
                    .iter()
                    .map(|c| c.media_type.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
    );
    for param in op.params.iter().filter(|p| p.required) {
        let value = synth.value(&param.schema, &param.name);
        let value = match value {
            Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
            other => text(&other),
        };
        match param.location {
            Location::Query => request.query.push((leak(param.name.clone()), value)),
            Location::Header => request.headers.push((leak(param.name.clone()), value)),
            Location::Path => {}
        }
    }
    if let Some(body) = &op.body {
        let content = &body.contents[0];
        let value = content.schema.as_ref().map(|s| synth.value(s, ""));
        let content_type = leak(content.media_type.clone());
        request.body = match MediaKind::of(&content.media_type) {
            // A patch the store can apply to any record, where the
            // operation's schema allows it (some allow `replace` only).
            MediaKind::Json
                if content.media_type == "application/json-patch+json"
                    && patch_fits(catalog, content) =>
            {
                Body::Json {
                    content_type,
                    bytes: serde_json::to_vec(&store_patch()).expect("values serialise"),
                }
            }
            MediaKind::Json => Body::Json {
                content_type,
                bytes: serde_json::to_vec(&value.unwrap_or(Value::Null)).expect("values serialise"),
            },
            MediaKind::Form => Body::Form(
                fields(value.as_ref())
                    .into_iter()
                    .map(|(k, v)| (k, text(&v)))
                    .collect(),
            ),
            MediaKind::Multipart => Body::Multipart(
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
                        if binary {
                            Part::File {
                                name: leak(name),
                                file_name: "upload.csv".into(),
                                content_type: "text/csv".into(),
                                bytes: bytes_for("text/csv"),
                            }
                        } else {
                            Part::Text {
                                name: leak(name),
                                value: text(&v),
                            }
                        }
                    })
                    .collect(),
            ),
            MediaKind::Bytes => Body::Json {
                content_type,
                bytes: bytes_for(&content.media_type),
            },
        };
    }
    Ok(request)
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

/// A string as itself, anything else as JSON.
fn text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
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
