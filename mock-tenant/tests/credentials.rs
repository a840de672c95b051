//! The token endpoint's credentials: any non-empty pair by default (a
//! user's test passes whatever its code sends), an empty one refused as
//! ISC refuses it, and exact matching when a test asks for it.

use sailpoint_mock_tenant::{Config, Faults, MockTenant, RateLimit};
use sailpoint_runtime::reqwest::{self, StatusCode};
use serde_json::Value;
use std::time::Duration;

async fn token_request(tenant: &MockTenant, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = reqwest::Client::new().post(format!("{}/oauth/token", tenant.base_url())).form(form).send().await.unwrap();
    let status = response.status();
    (status, serde_json::from_slice(&response.bytes().await.unwrap()).unwrap())
}

async fn token(tenant: &MockTenant, id: &str, secret: &str) -> (StatusCode, Value) {
    token_request(tenant, &[("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)]).await
}

fn invalid_client(answer: &(StatusCode, Value)) -> bool {
    answer.0 == StatusCode::UNAUTHORIZED && answer.1["error"] == "invalid_client"
}

#[tokio::test]
async fn any_non_empty_credentials_get_a_token_by_default() {
    let tenant = MockTenant::builder().accounts(3).start().await.unwrap();
    for (id, secret) in [("mock-client-id", "mock-client-secret"), ("my-app", "whatever"), ("x", "y")] {
        let (status, body) = token(&tenant, id, secret).await;
        assert_eq!(status, StatusCode::OK, "{id}: {body}");
        assert!(body["access_token"].as_str().is_some_and(|t| !t.is_empty()), "{body}");
    }
    // A client of the user's own, with credentials the tenant never heard of.
    let runtime = sailpoint_runtime::Client::builder().base_url(tenant.base_url()).client_credentials("their-id", "their-secret").build().unwrap();
    let page = sailpoint_v2025::Client::new(&runtime).accounts().list_accounts().send().await.unwrap();
    assert_eq!(page.body.len(), 3);
}

#[tokio::test]
async fn empty_or_missing_credentials_are_invalid_client() {
    let tenant = MockTenant::start(Config::default()).await.unwrap();
    assert!(invalid_client(&token(&tenant, "", "secret").await));
    assert!(invalid_client(&token(&tenant, "id", "").await));
    assert!(invalid_client(&token_request(&tenant, &[("grant_type", "client_credentials"), ("client_id", "id")]).await));
    assert_eq!(tenant.stats().tokens_issued, 0);
}

#[tokio::test]
async fn strict_credentials_accept_only_the_configured_pairs() {
    let tenant = MockTenant::builder().credentials("right-id", "right-secret").other_client("second", "two").start().await.unwrap();
    assert!(tenant.config().strict_credentials);
    assert_eq!(token(&tenant, "right-id", "right-secret").await.0, StatusCode::OK);
    assert_eq!(token(&tenant, "second", "two").await.0, StatusCode::OK);
    for (id, secret) in [("right-id", "wrong"), ("second", "right-secret"), ("someone", "else")] {
        let answer = token(&tenant, id, secret).await;
        assert!(invalid_client(&answer), "{id}/{secret}: {answer:?}");
        assert_eq!(answer.1["error_description"], "Bad credentials");
    }
    // What the SDK makes of it: an authentication error, no retry loop.
    let runtime = sailpoint_runtime::Client::builder().base_url(tenant.base_url()).client_credentials("right-id", "wrong").build().unwrap();
    let error = sailpoint_v2025::Client::new(&runtime).accounts().list_accounts().send().await.unwrap_err();
    assert!(error.to_string().contains("invalid_client"), "{error}");
    // `strict_credentials(false)` lifts it again, keeping the client's pair.
    let open = MockTenant::builder().credentials("right-id", "right-secret").strict_credentials(false).start().await.unwrap();
    assert_eq!(token(&open, "anyone", "anything").await.0, StatusCode::OK);
    assert_eq!(open.credentials(), ("right-id", "right-secret"));
}

#[tokio::test]
async fn each_accepted_client_id_has_its_own_rate_limit_budget() {
    let limit = RateLimit { requests: 2, window: Duration::from_secs(30) };
    let tenant = MockTenant::builder().accounts(1).faults(Faults { rate_limit: Some(limit), ..Faults::default() }).start().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/v2025/accounts", tenant.base_url());
    let mut statuses = Vec::new();
    for id in ["first", "first", "first", "second", "second", "second"] {
        let (_, body) = token(&tenant, id, "any-secret").await;
        let bearer = body["access_token"].as_str().unwrap();
        statuses.push((id, http.get(&url).bearer_auth(bearer).send().await.unwrap().status().as_u16()));
    }
    assert_eq!(statuses, [("first", 200), ("first", 200), ("first", 429), ("second", 200), ("second", 200), ("second", 429)]);
}
