//! The runtime against a mock HTTP server: auth, retries, timeouts, errors
//! and the experimental opt-in.

use reqwest::Method;
use sailpoint_runtime::{Body, Client, Error, Request, RetryPolicy};
use serde::Deserialize;
use serde_json::json;
use std::time::{Duration, Instant};
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
async fn refreshes_before_expiry() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 1, 1).await;
    mount_token(&server, "t2", 3600, 1).await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "old"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "new"})))
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(client.send_json::<Thing>(get("/x")).await.unwrap().body.id, "old");
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(client.send_json::<Thing>(get("/x")).await.unwrap().body.id, "new");
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
async fn concurrent_calls_share_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(token("t1", 3600).set_delay(Duration::from_millis(200)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1"})))
        .expect(20)
        .mount(&server)
        .await;
    let client = client(&server);
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.send_json::<Thing>(get("/x")).await })
    });
    for call in calls {
        call.await.unwrap().unwrap();
    }
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
async fn honours_retry_after_on_429() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2025/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "s"})))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    // POST is not idempotent, but a 429 means nothing was done: retried.
    let response = client(&server).send_json::<Thing>(Request::new("searchPost", Method::POST, "/search", "/search".into())).await.unwrap();
    assert_eq!(response.body.id, "s");
    assert!(started.elapsed() >= Duration::from_millis(950), "{:?}", started.elapsed());
}

#[tokio::test]
async fn gateway_errors_are_retried_for_idempotent_methods_only() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1"}))).expect(1).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).expect(1).mount(&server).await;
    let client = client(&server);
    assert_eq!(client.send_json::<Thing>(get("/x")).await.unwrap().body.id, "1");
    let error = client.send_empty(Request::new("create", Method::POST, "/x", "/x".into())).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn retries_stop_at_the_attempt_cap() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(502)).expect(3).mount(&server).await;
    let client = Client::builder()
        .base_url(server.uri())
        .client_credentials("id", "s3cret")
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(5),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let error = client.send_empty(get("/x")).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
}

#[tokio::test]
async fn a_slow_response_times_out() {
    let server = MockServer::start().await;
    mount_token(&server, "t1", 3600, 1).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .client_credentials("id", "s3cret")
        .request_timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.send_empty(get("/x")).await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.is_retryable());
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
