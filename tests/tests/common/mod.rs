//! A wiremock server that hands out tokens, and a runtime client for it
//! without retries, shared by the test files that use wiremock.

use sailpoint_runtime::{Client as Runtime, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "t", "expires_in": 3600})))
        .mount(&server)
        .await;
    server
}

pub fn runtime(server: &MockServer, experimental: bool) -> Runtime {
    Runtime::builder()
        .base_url(server.uri())
        .client_credentials("id", "secret")
        .experimental(experimental)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}
