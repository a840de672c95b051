//! The runtime against a mock HTTP server: auth, errors, headers, bodies
//! and the experimental opt-in. Waits, retries and the rate limit are
//! tested in paused time (`auth.rs`, `retries.rs`, `rate_limit.rs`).

use reqwest::Method;
use sailpoint_runtime::{Body, Client, Error, Request, RetryPolicy};
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn token(value: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"access_token": value, "token_type": "bearer", "expires_in": expires_in}))
}

async fn mount_token(server: &MockServer, value: &str, expires_in: u64, times: u64) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=id"))
        .and(body_string_contains("client_secret=s3cret"))
        .respond_with(token(value, expires_in))
        .up_to_n_times(times)
        .expect(times)
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .client_credentials("id", "s3cret")
        .retry_policy(RetryPolicy {
            base_delay: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
        .with_path_prefix("/v2025")
}

fn get(path_template: &'static str) -> Request {
    Request::new("testOp", Method::GET, path_template, path_template.to_owned())
}

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    id: String,
}

#[tokio::test]
async fn fetches_a_token_and_sends_it() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET"))
        .and(path("/v2025/things/1"))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1"})).insert_header("X-Total-Count", "7"))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    let first = client.send_json::<Thing>(get("/things/1")).await.unwrap();
    assert_eq!(first.body, Thing { id: "1".into() });
    assert_eq!(first.total_count(), Some(7));
    // The cached token is reused: the token mock expects one call.
    client.send_json::<Thing>(get("/things/1")).await.unwrap();
}

#[tokio::test]
async fn refreshes_once_on_401_and_retries() {
    let server = MockServer::start().await;
    mount_token(&server, "revoked", 3600, 1).await;
    mount_token(&server, "t2", 3600, 1).await;
    Mock::given(method("POST"))
        .and(header("authorization", "Bearer revoked"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2025/things"))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "2"})))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = Request::new("createThing", Method::POST, "/things", "/things".into());
    request.body = Body::json("application/json", &json!({"name": "x"})).unwrap();
    let response = client(&server).send_json::<Thing>(request).await.unwrap();
    assert_eq!(response.status, 201);
}

#[tokio::test]
async fn secrets_and_tokens_stay_out_of_debug_output() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-3f9a", 3600, 1).await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1"}))).mount(&server).await;
    let client = client(&server);
    client.send_json::<Thing>(get("/x")).await.unwrap();
    let debug = format!("{client:?}");
    assert!(debug.contains("client_id: \"id\""), "{debug}");
    assert!(!debug.contains("s3cret") && !debug.contains("tok-3f9a"), "{debug}");
    let bearer = Client::builder().base_url(server.uri()).bearer_token("tok-static").build().unwrap();
    assert!(!format!("{bearer:?}").contains("tok-static"));
}

#[tokio::test]
async fn error_bodies_are_decoded() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    let body = json!({"detailCode": "400.1 Bad Request Content", "trackingId": "e7eab60924f64aa284175b9fa3309599", "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": "The request was syntactically correct but its content is semantically invalid."}]});
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(400).set_body_json(&body)).mount(&server).await;
    let error = client(&server).send_empty(get("/x")).await.unwrap_err();
    let Error::Status(status) = &error else { panic!("{error:?}") };
    let dto = status.error.as_ref().unwrap();
    assert_eq!(dto.detail_code.as_deref(), Some("400.1 Bad Request Content"));
    assert_eq!(dto.tracking_id.as_deref(), Some("e7eab60924f64aa284175b9fa3309599"));
    assert_eq!(error.error_response::<serde_json::Value>(), Some(body));
    assert!(!error.is_retryable());
    assert!(error.to_string().contains("semantically invalid"), "{error}");
}

#[tokio::test]
async fn decode_errors_name_the_json_path() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        items: Vec<Count>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Count {
        n: i64,
    }
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [{"n": 1}, {"n": "x"}]}))).mount(&server).await;
    let error = client(&server).send_json::<Page>(get("/x")).await.unwrap_err();
    let Error::Decode { path, excerpt, .. } = &error else { panic!("{error:?}") };
    assert_eq!(path, "items[1].n");
    assert!(excerpt.contains("\"x\""));
}

#[tokio::test]
async fn experimental_calls_need_the_opt_in_and_send_the_header() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET"))
        .and(header("X-SailPoint-Experimental", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "m"})))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = get("/machine-identities");
    request.experimental = true;
    let error = client(&server).send_json::<Thing>(request.clone()).await.unwrap_err();
    assert!(matches!(error, Error::ExperimentalNotEnabled { operation: "testOp" }), "{error:?}");
    let opted_in = Client::builder().base_url(server.uri()).client_credentials("id", "s3cret").experimental(true).build().unwrap();
    assert_eq!(opted_in.send_json::<Thing>(request).await.unwrap().body.id, "m");
}

#[test]
fn missing_configuration_is_a_clear_error() {
    let error = Client::builder().client_credentials("id", "s").build().unwrap_err();
    assert!(error.to_string().contains("no base URL"), "{error}");
    let error = Client::builder().tenant("acme").build().unwrap_err();
    assert!(error.to_string().contains("no credentials"), "{error}");
    let error = Client::builder().base_url("not a url").bearer_token("t").build().unwrap_err();
    assert!(error.to_string().contains("is not a URL"), "{error}");
}

#[tokio::test]
async fn errors_show_the_method_and_the_path_as_sent() {
    let server = MockServer::start().await;
    mount_token(&server, "tok-3f9a", 3600, 1).await;
    Mock::given(method("GET")).and(path("/v2025/accounts/2c91-80")).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    let request = Request::new("getAccount", Method::GET, "/accounts/{id}", "/accounts/2c91-80".into());
    let error = client(&server).send_empty(request).await.unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("GET /v2025/accounts/2c91-80: HTTP 404"), "{text}");
    assert!(!text.contains("{id}") && !text.contains("tok-3f9a") && !text.contains("s3cret"), "{text}");
    assert_eq!(error.status_code(), Some(404));
    assert!(error.status_code() != Some(429));
    let Error::Status(status) = &error else { panic!("{error:?}") };
    assert_eq!((status.operation, status.path_template), ("getAccount", "/accounts/{id}"));
}

#[tokio::test]
async fn the_accept_header_is_the_requests() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET")).and(path("/v2025/json")).and(header("accept", "application/json")).respond_with(ResponseTemplate::new(200)).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/v2025/csv")).and(header("accept", "text/csv")).respond_with(ResponseTemplate::new(200)).expect(1).mount(&server).await;
    let client = client(&server);
    client.send_empty(get("/json")).await.unwrap();
    let mut csv = get("/csv");
    csv.accept = "text/csv";
    client.send_empty(csv).await.unwrap();
}

#[tokio::test]
async fn binary_bodies_are_returned_whatever_their_content_type() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    // A file download the spec declares as JSON: the bytes, undecoded.
    Mock::given(method("GET"))
        .and(path("/v2025/file"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"%PDF-1.7 \x00\xff not json".to_vec(), "application/json"))
        .mount(&server)
        .await;
    let response = client(&server).send_binary(get("/file")).await.unwrap();
    assert_eq!(&response.body.bytes[..], b"%PDF-1.7 \x00\xff not json");
    assert_eq!(response.body.content_type.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn an_empty_body_decodes_as_an_empty_collection() {
    #[derive(Debug, Default, Deserialize, PartialEq)]
    struct Form {
        #[serde(default)]
        name: Option<String>,
    }
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = client(&server);
    let delete = || Request::new("deleteFormDefinition", Method::DELETE, "/forms/{id}", "/forms/1".into());
    let map = client.send_json::<std::collections::BTreeMap<String, serde_json::Value>>(delete()).await.unwrap();
    assert_eq!(map.status, 204);
    assert!(map.body.is_empty());
    assert!(client.send_json::<Vec<Thing>>(delete()).await.unwrap().body.is_empty());
    assert_eq!(client.send_json::<Form>(delete()).await.unwrap().body, Form::default());
}

#[tokio::test]
async fn scalar_drift_decodes() {
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Account {
        #[serde(default, deserialize_with = "sailpoint_runtime::de::null_as_default")]
        native_identity: String,
        #[serde(default, deserialize_with = "sailpoint_runtime::de::null_as_default")]
        contains_data_access: bool,
        #[serde(default)]
        count: Option<u32>,
    }
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"nativeIdentity": 127999, "containsDataAccess": "false", "count": "12"})))
        .mount(&server)
        .await;
    let account = client(&server).send_json::<Account>(get("/accounts/1")).await.unwrap().body;
    assert_eq!(account.native_identity, "127999");
    assert!(!account.contains_data_access);
    assert_eq!(account.count, Some(12));
}

#[test]
fn the_futures_generated_code_returns_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = Client::builder().base_url("http://127.0.0.1:9").bearer_token("t").build().unwrap();
    assert_send(&client.send_json::<Thing>(get("/x")));
    assert_send(&client.send_binary(get("/x")));
    let pager = sailpoint_runtime::Pager::<Thing>::offset(&client, Ok(get("/x")), 10, true);
    assert_send(&pager.collect());
}
