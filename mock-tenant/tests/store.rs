//! The mock tenant's store over HTTP, through the generated clients: what
//! a POST creates a GET returns (in every version), PUT replaces, JSON
//! Patch applies, DELETE removes, lists filter and sort as ISC documents,
//! and search pages through the store with `searchAfter`. Each of the nine
//! resources has a round trip (create → get → list with a documented
//! filter → patch → delete → 404), as far as the API has the operations.

use sailpoint_mock_tenant::{Config, MockTenant, Resource};
use sailpoint_runtime::reqwest;
use serde_json::{json, Value};
use std::collections::HashSet;

async fn start(config: Config) -> MockTenant {
    MockTenant::start(config).await.expect("mock tenant starts")
}

fn v2025(tenant: &MockTenant) -> sailpoint_v2025::Client {
    sailpoint_v2025::Client::new(&tenant.client().unwrap())
}

/// A typed model from JSON (the unions of these bodies are long to spell).
fn model<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the JSON fits the model")
}

/// The `ErrorResponseDto` of a failed call: its status and first message.
fn refusal(error: &sailpoint_runtime::Error) -> (u16, String, String) {
    let dto: sailpoint_v2025::models::ErrorResponseDto = error.error_response().unwrap_or_else(|| panic!("an ErrorResponseDto: {error}"));
    let text = dto.messages.as_ref().and_then(|m| m.first()).and_then(|m| m.text.clone()).unwrap_or_default();
    (error.status_code().unwrap(), dto.detail_code.unwrap_or_default(), text)
}

/// No version patches a transform (PUT replaces it), so this round trip
/// has a PUT where the others have a JSON Patch.
#[tokio::test]
async fn a_transform_round_trips_through_every_version() {
    let tenant = start(Config::default()).await;
    let client = v2025(&tenant);
    let api = client.transforms();
    let body = json!({"name": "Mock Lowercase", "type": "lower", "attributes": {"input": "ABC"}});
    let created = api.create_transform(model(body)).send().await.unwrap();
    assert_eq!(created.status.as_u16(), 201);
    let id = created.body.id.clone();
    assert!(!id.is_empty());
    assert_eq!(created.body.name, "Mock Lowercase");
    assert!(!created.body.internal, "defaults fill the required fields");

    // The same record in v2025, beta and the current API.
    let got = api.get_transform(&id).send().await.unwrap().body;
    assert_eq!(got, created.body);
    let beta = sailpoint_beta::Client::new(&tenant.client().unwrap());
    assert_eq!(beta.transforms().get_transform(&id).send().await.unwrap().body.name, "Mock Lowercase");
    let current = sailpoint::Client::new(&tenant.client().unwrap());
    assert_eq!(current.transforms_v1().get_transform_v1(&id).send().await.unwrap().body.name, "Mock Lowercase");

    // PUT replaces.
    let replaced = api.update_transform(&id).body(model(json!({"name": "Mock Lowercase", "type": "upper", "attributes": {}}))).send().await.unwrap();
    assert_eq!(replaced.status.as_u16(), 200);
    let after = api.get_transform(&id).send().await.unwrap().body;
    assert_eq!(serde_json::to_value(&after.r#type).unwrap(), json!("upper"));

    // Listed, and found by a documented filter.
    let found = api.list_transforms().filters("name eq \"Mock Lowercase\"").count(true).send().await.unwrap();
    assert_eq!(found.total_count(), Some(1));
    assert_eq!(found.body[0].id, id);

    // DELETE, then a GET is a 404 with an ErrorResponseDto.
    assert_eq!(api.delete_transform(&id).send().await.unwrap().status.as_u16(), 204);
    let error = api.get_transform(&id).send().await.unwrap_err();
    let (status, detail, text) = refusal(&error);
    assert_eq!((status, detail.as_str()), (404, "404 Not found"));
    assert!(text.contains(&id), "{text}");
    assert_eq!(tenant.get(Resource::Transforms, &id), None);
    let error = api.delete_transform(&id).send().await.unwrap_err();
    assert_eq!(error.status_code(), Some(404));
}

#[tokio::test]
async fn a_workgroup_is_created_patched_and_deleted() {
    let tenant = start(Config::default()).await;
    let client = v2025(&tenant);
    let api = client.governance_groups();
    let created = api
        .create_workgroup(model(json!({"name": "Mock Approvers", "description": "first", "owner": {"type": "IDENTITY", "id": sailpoint_mock_tenant::data::id(2, 3)}})))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status.as_u16(), 200, "the spec declares 200 for createWorkgroup");
    let id = created.body.id.clone().unwrap();
    assert_eq!(created.body.member_count, Some(0));

    let patch: Vec<sailpoint_v2025::models::JsonPatchOperation> = model(json!([
        {"op": "test", "path": "/description", "value": "first"},
        {"op": "replace", "path": "/description", "value": "second"},
        {"op": "add", "path": "/tags", "value": ["mock"]},
    ]));
    let patched = api.patch_workgroup(&id).body(patch).send().await.unwrap();
    assert_eq!(patched.status.as_u16(), 200);
    assert_eq!(patched.body.description.as_deref(), Some("second"));
    assert_eq!(tenant.get(Resource::Workgroups, &id).unwrap()["tags"], json!(["mock"]));

    // A failing `test` fails the whole patch with a 400; nothing changes.
    let failing: Vec<sailpoint_v2025::models::JsonPatchOperation> = model(json!([
        {"op": "replace", "path": "/name", "value": "Renamed"},
        {"op": "test", "path": "/description", "value": "first"},
    ]));
    let error = api.patch_workgroup(&id).body(failing).send().await.unwrap_err();
    let (status, _, text) = refusal(&error);
    assert_eq!(status, 400);
    assert!(text.contains("JSON Patch"), "{text}");
    assert_eq!(api.get_workgroup(&id).send().await.unwrap().body.name.as_deref(), Some("Mock Approvers"));

    let listed = api.list_workgroups().filters("name sw \"Mock\"").send().await.unwrap().body;
    let listed: Vec<&str> = listed.iter().map(|w| w.id.as_deref().unwrap()).collect();
    assert_eq!(listed, [id.as_str()]);
    assert_eq!(api.delete_workgroup(&id).send().await.unwrap().status.as_u16(), 204);
    assert_eq!(refusal(&api.get_workgroup(&id).send().await.unwrap_err()).0, 404);
}

#[tokio::test]
async fn account_lists_filter_sort_and_count_as_documented() {
    let tenant = start(Config {
        accounts: 1_000,
        ..Config::default()
    })
    .await;
    let client = v2025(&tenant);
    let api = client.accounts();
    let source = sailpoint_mock_tenant::data::id(9, 1);
    // Accounts point at four sources in turn.
    let page = api.list_accounts().filters(format!("sourceId eq \"{source}\"")).count(true).limit(100).send().await.unwrap();
    assert_eq!(page.total_count(), Some(250));
    assert_eq!(page.body.len(), 100);
    assert!(page.body.iter().all(|a| a.source_id == source));

    let ids = [sailpoint_mock_tenant::data::id(1, 5), sailpoint_mock_tenant::data::id(1, 900)];
    let filter = format!("id in (\"{}\", \"{}\") or (name sw \"zzz\" and hasEntitlements eq true)", ids[0], ids[1]);
    let found = api.list_accounts().filters(filter).sorters("-name").send().await.unwrap().body;
    let names: Vec<String> = found.iter().map(|a| a.name.clone().unwrap()).collect();
    assert_eq!(found.len(), 2);
    assert!(names[0] > names[1], "sorted by -name: {names:?}");

    // The same filter on the current API.
    let current = sailpoint::Client::new(&tenant.client().unwrap());
    let page = current.accounts_v1().list_accounts_v1().filters(format!("id eq \"{}\"", ids[1])).send().await.unwrap().body;
    assert_eq!(page.len(), 1);

    // Undocumented fields and operators, and malformed filters, get ISC's 400.
    for (filter, wanted) in [
        ("description eq \"x\"", "'description'"),
        ("name co \"ada\"", "'co'"),
        ("name eq \"ada", "position 8"),
    ] {
        let error = api.list_accounts().filters(filter).send().await.unwrap_err();
        let (status, detail, text) = refusal(&error);
        assert_eq!((status, detail.as_str()), (400, "400.1 Bad Request Content"), "{filter}");
        assert!(text.contains(wanted), "{filter}: {text}");
    }
    let error = api.list_accounts().sorters("name,-description").send().await.unwrap_err();
    assert!(refusal(&error).2.contains("'description'"));
    assert_eq!(api.list_accounts().limit(251).send().await.unwrap_err().status_code(), Some(400));
}

#[tokio::test]
async fn an_account_is_created_read_listed_patched_and_deleted() {
    let tenant = start(Config { accounts: 10, ..Config::default() }).await;
    let client = v2025(&tenant);
    let api = client.accounts();
    let source = sailpoint_mock_tenant::data::id(9, 0);
    let body = model(json!({"attributes": {"sourceId": source, "name": "jane.doe", "mail": "jane@example.com"}}));
    let created = api.create_account(body).send().await.unwrap();
    assert_eq!(created.status.as_u16(), 202);
    let id = created.body.id.clone();
    let account = api.get_account(&id).send().await.unwrap().body;
    assert_eq!((account.name.as_deref(), account.source_id.as_str(), account.source_name.as_deref()), (Some("jane.doe"), source.as_str(), Some("Active Directory")));
    assert_eq!(api.list_accounts().count(true).limit(1).send().await.unwrap().total_count(), Some(11));
    let found = api.list_accounts().filters(format!("name eq \"jane.doe\" and sourceId eq \"{source}\"")).send().await.unwrap().body;
    assert_eq!(found.iter().map(|a| a.id.as_deref().unwrap()).collect::<Vec<_>>(), [id.as_str()]);

    // JSON Patch: ISC answers 202 with the account's id.
    let patch = [json!({"op": "replace", "path": "/attributes/mail", "value": "jane.doe@example.com"}), json!({"op": "add", "path": "/description", "value": "patched"})];
    let patched = api.update_account(&id, patch).send().await.unwrap();
    assert_eq!((patched.status.as_u16(), as_json(&patched.body)["id"].as_str()), (202, Some(id.as_str())));
    let account = as_json(&api.get_account(&id).send().await.unwrap().body);
    assert_eq!((account["attributes"]["mail"].as_str(), account["description"].as_str()), (Some("jane.doe@example.com"), Some("patched")));

    assert_eq!(api.delete_account(&id).send().await.unwrap().status.as_u16(), 202);
    assert_gone(&api.get_account(&id).send().await.unwrap_err(), &id);
}

/// A record of the user's as JSON, for the fields the models keep optional.
fn as_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("models serialise")
}

/// A GET after DELETE: 404 with an `ErrorResponseDto` naming the id.
fn assert_gone(error: &sailpoint_runtime::Error, id: &str) {
    let (status, detail, text) = refusal(error);
    assert_eq!((status, detail.as_str()), (404, "404 Not found"), "{text}");
    assert!(text.contains(id), "{text}");
}

fn owner() -> Value {
    json!({"type": "IDENTITY", "id": sailpoint_mock_tenant::data::id(2, 4), "name": "owner.four"})
}

#[tokio::test]
async fn a_source_is_created_read_listed_patched_and_deleted() {
    let tenant = start(Config::default()).await;
    let client = v2025(&tenant);
    let api = client.sources();
    let body = model(json!({"name": "Mock HR", "description": "first", "owner": owner(), "connector": "web-services"}));
    let created = api.create_source(body).send().await.unwrap();
    assert_eq!(created.status.as_u16(), 201);
    let id = created.body.id.clone().unwrap();
    let got = api.get_source(&id).send().await.unwrap().body;
    assert_eq!((got.name.as_str(), got.connector.as_str(), got.description.as_deref()), ("Mock HR", "web-services", Some("first")));
    assert_eq!(as_json(&got)["owner"]["id"], owner()["id"]);

    let listed = api.list_sources().filters("name eq \"Mock HR\"").count(true).send().await.unwrap();
    assert_eq!(listed.total_count(), Some(1));
    assert_eq!(listed.body[0].id.as_deref(), Some(id.as_str()));

    let patch = [json!({"op": "test", "path": "/description", "value": "first"}), json!({"op": "replace", "path": "/description", "value": "second"})];
    let patched = api.update_source(&id, patch).send().await.unwrap();
    assert_eq!((patched.status.as_u16(), patched.body.description.as_deref()), (200, Some("second")));
    assert_eq!(api.get_source(&id).send().await.unwrap().body.description.as_deref(), Some("second"));

    // ISC deletes a source in a task and answers 202 with its reference.
    let deleted = api.delete_source(&id).send().await.unwrap();
    assert_eq!((deleted.status.as_u16(), as_json(&deleted.body)["type"].as_str()), (202, Some("TASK_RESULT")));
    assert_gone(&api.get_source(&id).send().await.unwrap_err(), &id);
}

/// No version has an operation that creates or deletes an entitlement
/// (they come from aggregating a source), so the test inserts one and
/// removes it through `MockTenant`; get, list and patch go over HTTP.
#[tokio::test]
async fn an_entitlement_is_read_listed_and_patched() {
    let tenant = start(Config::default()).await;
    let source = sailpoint_mock_tenant::data::id(9, 2);
    let id = tenant.insert(
        Resource::Entitlements,
        json!({"name": "Mock Admins", "attribute": "memberOf", "value": "CN=Mock Admins", "privileged": false, "requestable": true,
               "source": {"type": "SOURCE", "id": source, "name": "ServiceNow"}, "owner": owner()}),
    );
    let client = v2025(&tenant);
    let api = client.entitlements();
    let got = api.get_entitlement(&id).send().await.unwrap().body;
    assert_eq!((got.name.as_deref(), got.value.as_deref(), got.privileged), (Some("Mock Admins"), Some("CN=Mock Admins"), Some(false)));

    let listed = api.list_entitlements().filters(format!("source.id eq \"{source}\" and name sw \"Mock\"")).send().await.unwrap().body;
    assert_eq!(listed.iter().map(|e| e.id.as_deref().unwrap()).collect::<Vec<_>>(), [id.as_str()]);

    let patch = [json!({"op": "replace", "path": "/privileged", "value": true}), json!({"op": "add", "path": "/description", "value": "break glass"})];
    let patched = api.patch_entitlement(&id).body(patch).send().await.unwrap();
    assert_eq!((patched.status.as_u16(), patched.body.privileged, patched.body.description.as_deref()), (200, Some(true), Some("break glass")));
    let privileged = api.list_entitlements().filters(format!("id eq \"{id}\"")).send().await.unwrap().body;
    assert_eq!(privileged[0].privileged, Some(true));

    assert!(tenant.remove(Resource::Entitlements, &id).is_some());
    assert_gone(&api.get_entitlement(&id).send().await.unwrap_err(), &id);
}

#[tokio::test]
async fn an_access_profile_is_created_read_listed_patched_and_deleted() {
    let tenant = start(Config::default()).await;
    let client = v2025(&tenant);
    let api = client.access_profiles();
    let source = json!({"type": "SOURCE", "id": sailpoint_mock_tenant::data::id(9, 0), "name": "Active Directory"});
    let body = model(json!({"name": "Mock Access", "description": "first", "owner": owner(), "source": source, "requestable": true}));
    let created = api.create_access_profile(body).send().await.unwrap();
    assert_eq!(created.status.as_u16(), 201);
    let id = created.body.id.clone().unwrap();
    let got = api.get_access_profile(&id).send().await.unwrap().body;
    assert_eq!((got.name.as_str(), got.description.as_deref(), got.requestable), ("Mock Access", Some("first"), Some(true)));
    assert_eq!(as_json(&got)["source"]["id"], source["id"]);

    let listed = api.list_access_profiles().filters("name eq \"Mock Access\" and requestable eq true").send().await.unwrap().body;
    assert_eq!(listed.iter().map(|p| p.id.as_deref().unwrap()).collect::<Vec<_>>(), [id.as_str()]);

    let patch = [json!({"op": "replace", "path": "/requestable", "value": false}), json!({"op": "replace", "path": "/description", "value": "second"})];
    let patched = api.patch_access_profile(&id, patch).send().await.unwrap();
    assert_eq!((patched.status.as_u16(), patched.body.requestable, patched.body.description.as_deref()), (200, Some(false), Some("second")));
    let still = api.list_access_profiles().filters("name eq \"Mock Access\" and requestable eq true").send().await.unwrap().body;
    assert!(still.is_empty(), "no longer requestable: {still:?}");

    assert_eq!(api.delete_access_profile(&id).send().await.unwrap().status.as_u16(), 204);
    assert_gone(&api.get_access_profile(&id).send().await.unwrap_err(), &id);
}

#[tokio::test]
async fn a_role_is_created_read_listed_patched_and_deleted() {
    let tenant = start(Config::default()).await;
    let client = v2025(&tenant);
    let api = client.roles();
    let created = api.create_role(model(json!({"name": "Mock Role", "description": "first", "owner": owner(), "requestable": false}))).send().await.unwrap();
    assert_eq!(created.status.as_u16(), 201);
    let id = created.body.id.clone().unwrap();
    let got = api.get_role(&id).send().await.unwrap().body;
    assert_eq!((got.name.as_str(), got.description.as_deref(), got.requestable), ("Mock Role", Some("first"), Some(false)));
    assert_eq!(as_json(&got)["owner"]["id"], owner()["id"]);

    let listed = api.list_roles().filters("name sw \"Mock R\"").sorters("-created").send().await.unwrap().body;
    assert_eq!(listed.iter().map(|r| r.id.as_deref().unwrap()).collect::<Vec<_>>(), [id.as_str()]);

    let patched = api.patch_role(&id, [json!({"op": "replace", "path": "/requestable", "value": true})]).send().await.unwrap();
    assert_eq!((patched.status.as_u16(), patched.body.requestable), (200, Some(true)));
    let requestable = api.list_roles().filters(format!("requestable eq true and id eq \"{id}\"")).send().await.unwrap().body;
    assert_eq!(requestable.len(), 1);

    assert_eq!(api.delete_role(&id).send().await.unwrap().status.as_u16(), 204);
    assert_gone(&api.get_role(&id).send().await.unwrap_err(), &id);
}

/// Machine identities are experimental in v2025: `MockTenant::client`
/// sends the header.
#[tokio::test]
async fn a_machine_identity_is_created_read_listed_patched_and_deleted() {
    let tenant = start(Config::default()).await;
    let client = v2025(&tenant);
    let api = client.machine_identities();
    let body = model(json!({"name": "svc-mock", "businessApplication": "Mock App", "subtype": "Application", "description": "first"}));
    let created = api.create_machine_identity(body).send().await.unwrap();
    assert_eq!(created.status.as_u16(), 200, "the spec declares 200 for createMachineIdentity");
    let id = created.body.id.clone().unwrap();
    let got = api.get_machine_identity(&id).send().await.unwrap().body;
    assert_eq!((got.name.as_deref(), got.business_application.as_str(), got.description.as_deref()), (Some("svc-mock"), "Mock App", Some("first")));

    let listed = api.list_machine_identities().filters("businessApplication eq \"Mock App\"").count(true).send().await.unwrap();
    assert_eq!(listed.total_count(), Some(1));
    assert_eq!(listed.body[0].id.as_deref(), Some(id.as_str()));

    let patched = api.update_machine_identity(&id, [json!({"op": "replace", "path": "/description", "value": "second"})]).send().await.unwrap();
    assert_eq!((patched.status.as_u16(), patched.body.description.as_deref()), (200, Some("second")));
    assert_eq!(api.get_machine_identity(&id).send().await.unwrap().body.description.as_deref(), Some("second"));

    assert_eq!(api.delete_machine_identity(&id).send().await.unwrap().status.as_u16(), 204);
    assert_gone(&api.get_machine_identity(&id).send().await.unwrap_err(), &id);
}

/// No version creates or patches an identity over the API (identities come
/// from authoritative sources), so the test inserts one through
/// `MockTenant`; get, list and delete go over HTTP.
#[tokio::test]
async fn an_identity_is_read_listed_and_deleted() {
    let tenant = start(Config { identities: 20, ..Config::default() }).await;
    let id = tenant.insert(
        Resource::Identities,
        json!({"name": "mock.person", "alias": "mperson", "emailAddress": "mock.person@example.com", "attributes": {"firstname": "Mock", "lastname": "Person"}}),
    );
    let client = v2025(&tenant);
    let api = client.identities();
    let got = api.get_identity(&id).send().await.unwrap().body;
    assert_eq!((got.name.as_str(), got.alias.as_deref(), got.email_address.as_deref()), ("mock.person", Some("mperson"), Some("mock.person@example.com")));

    let listed = api.list_identities().filters("alias eq \"mperson\" or name sw \"mock.p\"").count(true).send().await.unwrap();
    assert_eq!(listed.total_count(), Some(1));
    assert_eq!(listed.body[0].id.as_deref(), Some(id.as_str()));
    assert_eq!(api.list_identities().count(true).limit(1).send().await.unwrap().total_count(), Some(21));

    assert_eq!(api.delete_identity(&id).send().await.unwrap().status.as_u16(), 204);
    assert_gone(&api.get_identity(&id).send().await.unwrap_err(), &id);
    assert_eq!(tenant.count(Resource::Identities), 20);
}

#[tokio::test]
async fn records_added_by_a_test_are_served_and_searchable() {
    let tenant = start(Config {
        identities: 3,
        accounts: 0,
        ..Config::default()
    })
    .await;
    let id = tenant.insert(Resource::Identities, json!({"name": "grace.hopper", "emailAddress": "grace@example.com", "attributes": {"firstname": "Grace", "lastname": "Hopper"}}));
    tenant.insert(Resource::Accounts, json!({"id": "acct-1", "name": "ghopper", "identityId": id, "sourceId": "s", "nativeIdentity": "ghopper"}));
    let client = v2025(&tenant);
    assert_eq!(client.identities().get_identity(&id).send().await.unwrap().body.name, "grace.hopper");
    let search = model(json!({"indices": ["identities"], "query": {"query": "name:grace.h*"}}));
    let hits = client.search().search_post(search).send().await.unwrap().body;
    let hits: Vec<Value> = hits.iter().map(|h| serde_json::to_value(h).unwrap()).collect();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!((hits[0]["id"].as_str(), hits[0]["accountCount"].as_i64()), (Some(id.as_str()), Some(1)));
    assert_eq!(hits[0]["accounts"][0]["name"], json!("ghopper"));
}

#[tokio::test]
async fn search_after_pages_through_every_document_once() {
    let tenant = start(Config {
        identities: 130,
        accounts: 200,
        access_profiles: 12,
        entitlements: 30,
        roles: 7,
        ..Config::default()
    })
    .await;
    let client = v2025(&tenant);
    let search = || model::<sailpoint_v2025::models::Search>(json!({"indices": ["identities", "accessprofiles", "entitlements", "roles"], "query": {"query": "*"}, "sort": ["name"]}));
    let hits = client.search().search_post(search()).limit(9).paginate().collect().await.unwrap();
    let ids: Vec<String> = hits.iter().map(|h| serde_json::to_value(h).unwrap()["id"].as_str().unwrap().to_owned()).collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), unique.len()), (130 + 12 + 30 + 7, 130 + 12 + 30 + 7));
    let kinds: HashSet<String> = hits.iter().map(|h| serde_json::to_value(h).unwrap()["_type"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    // A search that names one index gets that index only.
    let roles = client.search().search_post(model(json!({"indices": ["roles"], "query": {"query": "*"}}))).count(true).send().await.unwrap();
    assert_eq!((roles.body.len(), roles.total_count()), (7, Some(7)));
}

/// What a plain HTTP client sees: statuses and the ErrorResponseDto.
#[tokio::test]
async fn delete_then_get_is_a_404_error_response_over_plain_http() {
    let tenant = start(Config::default()).await;
    let http = reqwest::Client::new();
    let form = [("grant_type", "client_credentials"), ("client_id", "mock-client-id"), ("client_secret", "mock-client-secret")];
    let token: Value = serde_json::from_slice(&http.post(format!("{}/oauth/token", tenant.base_url())).form(&form).send().await.unwrap().bytes().await.unwrap()).unwrap();
    let token = token["access_token"].as_str().unwrap();
    let id = sailpoint_mock_tenant::data::id(12, 0);
    let url = format!("{}/v2024/roles/{id}", tenant.base_url());
    assert_eq!(http.get(&url).bearer_auth(token).send().await.unwrap().status().as_u16(), 200);
    assert_eq!(http.delete(&url).bearer_auth(token).send().await.unwrap().status().as_u16(), 204);
    let response = http.get(&url).bearer_auth(token).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 404);
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["detailCode"], json!("404 Not found"));
    assert!(body["messages"][0]["text"].as_str().unwrap().contains(&id));
    assert_eq!(tenant.count(Resource::Roles), Config::default().roles - 1);
}
