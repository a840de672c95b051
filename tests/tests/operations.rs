//! Generated operations against a mock server: exact method, path, query,
//! headers, content type and body, the experimental header on exactly the
//! experimental operations, and decoding of the documented responses.
//! Operations are the seed documents' (`../shared/seeds/`).

mod common;

use common::{runtime, server};
use sailpoint_runtime::Error;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The single API request the server received (token requests aside).
async fn only_api_request(server: &MockServer) -> Request {
    let requests: Vec<Request> = server.received_requests().await.unwrap().into_iter().filter(|r| r.url.path() != "/oauth/token").collect();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.into_iter().next().unwrap()
}

fn experimental_header(request: &Request) -> Option<String> {
    request.headers.get("x-sailpoint-experimental").map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn v2025_list_machine_identities_is_experimental_and_paged() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2025/machine-identities"))
        .and(query_param("filters", "displayName eq \"svc\""))
        .and(query_param("limit", "50"))
        .and(query_param("offset", "100"))
        .and(query_param("count", "true"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Total-Count", "151")
                .set_body_json(json!([{"id": "01f04e428c484542a241dc89c303b178", "name": "aName", "businessApplication": "ADService", "description": "", "attributes": {"Region": "EU"}, "manuallyEdited": true, "created": "2015-05-28T14:07:17Z"}])),
        )
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let response = v2025.machine_identities().list_machine_identities().filters("displayName eq \"svc\"").limit(50).offset(100).count(true).send().await.unwrap();
    assert_eq!(response.total_count(), Some(151));
    assert_eq!(response.body[0].id.as_deref(), Some("01f04e428c484542a241dc89c303b178"));
    assert_eq!(response.body[0].business_application, "ADService");
    let request = only_api_request(&server).await;
    assert_eq!(experimental_header(&request).as_deref(), Some("true"));
    assert_eq!(request.headers.get("authorization").unwrap(), "Bearer t");
}

#[tokio::test]
async fn experimental_operations_fail_before_io_without_the_opt_in() {
    let server = server().await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, false));
    let error = v2025.machine_identities().get_machine_identity("x").send().await.unwrap_err();
    assert!(matches!(error, Error::ExperimentalNotEnabled { operation: "getMachineIdentity" }), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn v2025_update_machine_identity_sends_a_json_patch() {
    let server = server().await;
    let patch = json!([{"op": "replace", "path": "/description", "value": "new description"}]);
    Mock::given(method("PATCH"))
        .and(path("/v2025/machine-identities/ef38f94347e94562b5bb8424a56397d8"))
        .and(header("content-type", "application/json-patch+json"))
        .and(body_json(&patch))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "ef38f94347e94562b5bb8424a56397d8", "name": "n", "businessApplication": "b", "description": "new description"})))
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    // A list of raw JSON operations, as before the typed builder existed.
    let body: Vec<serde_json::Value> = serde_json::from_value(patch).unwrap();
    let response = v2025.machine_identities().update_machine_identity("ef38f94347e94562b5bb8424a56397d8", body).send().await.unwrap();
    assert_eq!(response.body.description.as_deref(), Some("new description"));
}

/// The JSON body and content type of a built request.
fn json_body(request: sailpoint_runtime::Request) -> (&'static str, serde_json::Value) {
    match request.body {
        sailpoint_runtime::Body::Json { content_type, bytes } => (content_type, serde_json::from_slice(&bytes).unwrap()),
        other => panic!("not a JSON body: {other:?}"),
    }
}

#[tokio::test]
async fn v2025_update_account_sends_a_built_json_patch() {
    use sailpoint_v2025::{JsonPatch, JsonPointer};
    let server = server().await;
    Mock::given(method("PATCH"))
        .and(path("/v2025/accounts/a1"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"id": "a1"})))
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, false));
    let patch = JsonPatch::new()
        .replace("/identityId", "2c9180845d1edece015d27a975983e21")
        .and_then(|p| p.add(JsonPointer::root().join("attributes").join("cost/center"), json!({"code": 7})))
        .and_then(|p| p.remove("/manuallyCorrelated"))
        .and_then(|p| p.move_("/attributes/old", "/attributes/new"))
        .and_then(|p| p.copy("/attributes/a", "/attributes/b"))
        .and_then(|p| p.test("/name", "svc"))
        .unwrap();
    let response = v2025.accounts().update_account("a1", patch).send().await.unwrap();
    assert_eq!(response.status, 202);
    assert_eq!(response.body["id"], "a1");

    let request = only_api_request(&server).await;
    assert_eq!(request.headers.get("content-type").unwrap(), "application/json-patch+json");
    // The exact bytes: `op` first, `from` before `path`, the segment's `/` escaped as `~1`.
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        concat!(
            r#"[{"op":"replace","path":"/identityId","value":"2c9180845d1edece015d27a975983e21"},"#,
            r#"{"op":"add","path":"/attributes/cost~1center","value":{"code":7}},"#,
            r#"{"op":"remove","path":"/manuallyCorrelated"},"#,
            r#"{"op":"move","from":"/attributes/old","path":"/attributes/new"},"#,
            r#"{"op":"copy","from":"/attributes/a","path":"/attributes/b"},"#,
            r#"{"op":"test","path":"/name","value":"svc"}]"#,
        )
    );
}

#[tokio::test]
async fn json_patch_bodies_still_accept_the_generated_operation_models() {
    use sailpoint_v2025::models::{JsonPatchOperation, JsonPatchOperationOp, JsonPatchOperationValue, ParameterStorageJsonPatch, ParameterStorageJsonPatchOp};
    let server = server().await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, false));
    let models = vec![JsonPatchOperation {
        op: JsonPatchOperationOp::Replace,
        path: "/requestable".into(),
        value: Some(JsonPatchOperationValue::Boolean(false)),
    }];
    let request = v2025.access_profiles().patch_access_profile("p1", &models).into_request().unwrap();
    assert_eq!(json_body(request), ("application/json-patch+json", json!([{"op": "replace", "path": "/requestable", "value": false}])));
    let request = v2025.access_profiles().patch_access_profile("p1", models).into_request().unwrap();
    assert_eq!(json_body(request).1, json!([{"op": "replace", "path": "/requestable", "value": false}]));

    // An optional JSON Patch body takes the same through its setter.
    let parameter = ParameterStorageJsonPatch { op: ParameterStorageJsonPatchOp::Move, from: Some("/a".into()), path: "/b".into(), value: None };
    let request = v2025.parameter_storage().update_parameter("x").body(vec![parameter]).into_request().unwrap();
    assert_eq!(json_body(request), ("application/json-patch+json", json!([{"op": "move", "from": "/a", "path": "/b"}])));
    assert!(matches!(v2025.parameter_storage().update_parameter("x").into_request().unwrap().body, sailpoint_runtime::Body::Empty));
}

#[tokio::test]
async fn an_invalid_json_patch_fails_before_any_request() {
    let server = server().await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, false));
    let bad = vec![json!({"op": "replace", "path": "/a", "value": 1}), json!({"op": "replace", "path": "name", "value": "x"})];
    let error = v2025.accounts().update_account("a1", bad).send().await.unwrap_err();
    match &error {
        Error::InvalidRequest(message) => assert!(message.contains("operation 1") && message.contains("`name`"), "{message}"),
        other => panic!("{other:?}"),
    }
    let error = v2025.accounts().update_account("a1", vec![json!({"op": "merge", "path": "/a"})]).send().await.unwrap_err();
    assert!(matches!(&error, Error::InvalidRequest(m) if m.contains("unknown variant `merge`")), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn v2025_classify_machine_account_sends_the_experimental_header() {
    // The seed (older spec) lists no experimental header for this call; the
    // current spec marks it experimental, and the spec wins.
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2025/accounts/ef38f943%2F47e9/classify"))
        .and(query_param("classificationMode", "forceMachine"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"isMachine": true})))
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let response = v2025
        .machine_account_classify()
        .send_classify_machine_account("ef38f943/47e9")
        .classification_mode(sailpoint_v2025::models::ClassificationMode::ForceMachine)
        .send()
        .await
        .unwrap();
    assert_eq!(response.body.is_machine, Some(true));
    let request = only_api_request(&server).await;
    assert_eq!(experimental_header(&request).as_deref(), Some("true"));
}

#[tokio::test]
async fn v2024_list_accounts_sends_exactly_the_query() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2024/accounts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": "2c91808474683da6017468693c260195", "name": "aName", "sourceId": "s", "sourceName": "Employees", "identityId": "i", "attributes": {"firstName": "SailPoint"}, "authoritative": false, "systemAccount": false, "uncorrelated": false, "manuallyCorrelated": false, "hasEntitlements": true, "disabled": false, "locked": false, "nativeIdentity": "552775", "created": "2015-05-28T14:07:17Z", "modified": "2015-05-28T14:07:17Z"}])))
        .mount(&server)
        .await;
    let v2024 = sailpoint_v2024::Client::new(&runtime(&server, false));
    let response = v2024
        .accounts()
        .list_accounts()
        .detail_level(sailpoint_v2024::models::ListAccountsDetailLevel::Slim)
        .filters("identityId eq \"2c9180858082150f0180893dbaf44201\"")
        .sorters("id,name")
        .limit(250)
        .send()
        .await
        .unwrap();
    assert_eq!(response.body[0].name.as_deref(), Some("aName"));
    let request = only_api_request(&server).await;
    assert_eq!(request.url.query(), Some("limit=250&detailLevel=SLIM&filters=identityId+eq+%222c9180858082150f0180893dbaf44201%22&sorters=id%2Cname"));
    assert_eq!(experimental_header(&request), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn v2024_delete_account_returns_the_202_body() {
    let server = server().await;
    Mock::given(method("DELETE"))
        .and(path("/v2024/accounts/2c9180845d1edece015d27a975983e21"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"id": "2c9180835d191a86015d28455b4a2329"})))
        .mount(&server)
        .await;
    let v2024 = sailpoint_v2024::Client::new(&runtime(&server, false));
    let response = v2024.accounts().delete_account("2c9180845d1edece015d27a975983e21").send().await.unwrap();
    assert_eq!(response.status, 202);
    assert_eq!(response.body.id, "2c9180835d191a86015d28455b4a2329");
}

#[tokio::test]
async fn beta_list_identities_and_errors_are_typed() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/beta/identities"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"detailCode": "400.1 Bad Request Content", "trackingId": "e7eab60924f64aa284175b9fa3309599", "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": "bad filter"}]})))
        .mount(&server)
        .await;
    let beta = sailpoint_beta::Client::new(&runtime(&server, false));
    let error = beta.identities().list_identities().filters("nonsense").send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    let dto: sailpoint_beta::models::V3ErrorResponseDto = error.error_response().unwrap();
    assert_eq!(dto.tracking_id.as_deref(), Some("e7eab60924f64aa284175b9fa3309599"));
}

#[tokio::test]
async fn different_success_types_become_an_enum() {
    use sailpoint_v2025::apis::iai_outliers::GetIdentityOutlierSnapshotsResponse as Snapshots;
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2025/outlier-summaries"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"status": "pending"})))
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let response = v2025.iai_outliers().get_identity_outlier_snapshots().send().await.unwrap();
    let Snapshots::Status202(body) = response.body else { panic!("{:?}", response.body) };
    assert_eq!(body["status"], "pending");
}

#[tokio::test]
async fn v2025_import_sp_config_sends_typed_multipart_fields() {
    use sailpoint_v2025::models::ImportOptions;
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2025/sp-config/import"))
        .and(query_param("preview", "true"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"jobId": "j1", "status": "NOT_STARTED", "type": "IMPORT", "created": "2021-05-11T22:23:16Z", "modified": "2021-05-11T22:23:16Z"})))
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let options = ImportOptions {
        exclude_backup: Some(true),
        ..ImportOptions::default()
    };
    let config = br#"{"version": 1, "objects": []}"#;
    // `data` is required by the spec: an argument, so a call without it does not compile.
    let data = sailpoint_runtime::FileUpload::new("export.json", "application/json", &config[..]);
    let response = v2025.sp_config().import_sp_config(data).preview(true).options(options).send().await.unwrap();
    assert_eq!(response.body.job_id, "j1");

    let request = only_api_request(&server).await;
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap().to_owned();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a multipart body");
    let body = String::from_utf8(request.body.clone()).unwrap();
    let parts: Vec<&str> = body.split(&format!("--{boundary}")).map(str::trim).filter(|p| !p.is_empty() && *p != "--").collect();
    assert_eq!(parts.len(), 2, "{body}");
    // The file field: its name, file name, content type and bytes as given.
    assert!(parts[0].starts_with("Content-Disposition: form-data; name=\"data\"; filename=\"export.json\"\r\nContent-Type: application/json"), "{}", parts[0]);
    assert!(parts[0].ends_with(r#"{"version": 1, "objects": []}"#), "{}", parts[0]);
    // The structured field: JSON text of the typed value.
    assert!(parts[1].starts_with("Content-Disposition: form-data; name=\"options\""), "{}", parts[1]);
    assert!(parts[1].ends_with(r#"{"excludeBackup":true}"#), "{}", parts[1]);
}

/// `getFileFromS3` declares `application/json` with `format: binary`: the
/// body is the file's bytes, returned as they came, never decoded as JSON.
#[tokio::test]
async fn v2025_json_declared_binary_download_returns_the_bytes() {
    let server = server().await;
    let file = b"%PDF-1.7 not json at all".to_vec();
    Mock::given(method("GET"))
        .and(path("/v2025/form-definitions/form-1/file/file-2"))
        .respond_with(ResponseTemplate::new(200).insert_header("content-type", "application/pdf").set_body_bytes(file.clone()))
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let response = v2025.custom_forms().get_file_from_s3("form-1", "file-2").send().await.unwrap();
    assert_eq!(response.body.bytes.as_ref(), file.as_slice());
    assert_eq!(response.body.content_type.as_deref(), Some("application/pdf"));
}

/// `deleteFormDefinition` declares a JSON map on its 204: the empty body is
/// no content, not a `null` that fails to decode.
#[tokio::test]
async fn v2025_delete_form_definition_accepts_the_empty_204() {
    let server = server().await;
    Mock::given(method("DELETE")).and(path("/v2025/form-definitions/form-1")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let response = v2025.custom_forms().delete_form_definition("form-1").send().await.unwrap();
    assert_eq!(response.status, 204);
}

/// Required text fields of a required multipart body are the method's
/// arguments, and go out as parts.
#[tokio::test]
async fn v2025_required_multipart_fields_are_arguments() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2025/brandings"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"name": "acme", "productName": "Acme ISC"})))
        .mount(&server)
        .await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let response = v2025.branding().create_branding_item("acme", "Acme ISC").navigation_color("#112233").send().await.unwrap();
    assert_eq!(response.body.name.as_deref(), Some("acme"));
    let body = String::from_utf8(only_api_request(&server).await.body.clone()).unwrap();
    for (name, value) in [("name", "acme"), ("productName", "Acme ISC"), ("navigationColor", "#112233")] {
        assert!(body.contains(&format!("name=\"{name}\"\r\n\r\n{value}\r\n")), "{name} in {body}");
    }
}

/// Where the body itself is optional, a part its schema requires is a
/// setter, and a body without it fails before any I/O.
#[tokio::test]
async fn v2025_missing_required_multipart_part_of_an_optional_body_fails_before_io() {
    let server = server().await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let error = v2025.application_discovery().send_manual_discover_applications_csv_template().send().await.unwrap_err();
    assert!(matches!(&error, Error::InvalidRequest(message) if message.contains("`file`")), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// `Accept` names what the operation can return: JSON by default, the
/// declared types (and JSON, for error bodies) for downloads.
#[tokio::test]
async fn v2025_accept_follows_the_declared_response_types() {
    let server = server().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_bytes(b"a,b\n".to_vec())).mount(&server).await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    v2025.reports_data_extraction().get_report("task-1", sailpoint_v2025::models::GetReportFileFormat::Csv).send().await.unwrap();
    v2025.accounts().get_account("a-1").send().await.ok();
    let requests: Vec<Request> = server.received_requests().await.unwrap().into_iter().filter(|r| r.url.path() != "/oauth/token").collect();
    let accept = |r: &Request| r.headers.get("accept").map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(accept(&requests[0]).as_deref(), Some("application/csv, application/pdf, application/json"));
    assert_eq!(accept(&requests[1]).as_deref(), Some("application/json"));
}

/// Read-modify-write keeps what this SDK does not know: a field the spec
/// does not declare (at the top and in a nested object) comes back in the
/// PUT exactly as the GET returned it.
#[tokio::test]
async fn v2025_get_modify_put_keeps_unknown_fields() {
    let server = server().await;
    let source = json!({
        "id": "s1", "name": "HR", "connector": "active-directory", "description": "old",
        "owner": {"type": "IDENTITY", "id": "o1", "name": "owner", "futureOwnerField": [1, 2]},
        "futureTopLevel": {"nested": true}
    });
    Mock::given(method("GET")).and(path("/v2025/sources/s1")).respond_with(ResponseTemplate::new(200).set_body_json(&source)).mount(&server).await;
    Mock::given(method("PUT")).and(path("/v2025/sources/s1")).respond_with(ResponseTemplate::new(200).set_body_json(&source)).mount(&server).await;
    let v2025 = sailpoint_v2025::Client::new(&runtime(&server, true));
    let mut fetched = v2025.sources().get_source("s1").send().await.unwrap().body;
    assert_eq!(fetched.additional_properties.get("futureTopLevel"), Some(&json!({"nested": true})));
    fetched.description = Some("new".into());
    v2025.sources().put_source("s1", fetched).send().await.unwrap();
    let put = server.received_requests().await.unwrap().into_iter().find(|r| r.method.as_str() == "PUT").expect("a PUT was sent");
    let sent: serde_json::Value = serde_json::from_slice(&put.body).unwrap();
    assert_eq!(sent["description"], "new");
    assert_eq!(sent["futureTopLevel"], json!({"nested": true}), "{sent}");
    assert_eq!(sent["owner"]["futureOwnerField"], json!([1, 2]), "{sent}");
}
