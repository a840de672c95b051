//! What a plain HTTP client observes of each fault knob: the contract the
//! soak test and the benchmarks rely on. reqwest without the SDK on top,
//! so these say what the server does, not what the runtime makes of it.

use sailpoint_mock_tenant::{Config, DropKind, Faults, MockTenant, RateLimit, StatsSnapshot, TokenFailure};
use sailpoint_runtime::reqwest::{self, StatusCode};
use serde_json::Value;
use std::time::Duration;

/// reqwest is built without its `json` feature: decode by hand.
async fn json<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    serde_json::from_slice(&response.bytes().await.expect("a whole body")).expect("JSON")
}

async fn start(faults: Faults) -> MockTenant {
    start_with(Config {
        accounts: 30,
        faults,
        ..Config::default()
    })
    .await
}

async fn start_with(config: Config) -> MockTenant {
    MockTenant::start(config).await.expect("mock tenant starts")
}

async fn token_response(http: &reqwest::Client, tenant: &MockTenant, id: &str, secret: &str) -> reqwest::Response {
    let form = [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)];
    http.post(format!("{}/oauth/token", tenant.base_url())).form(&form).send().await.expect("the token endpoint answers")
}

async fn token(http: &reqwest::Client, tenant: &MockTenant) -> String {
    let config = tenant.config();
    let response = token_response(http, tenant, &config.client_id, &config.client_secret).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = json(response).await;
    body["access_token"].as_str().unwrap().to_owned()
}

async fn accounts(http: &reqwest::Client, tenant: &MockTenant, token: &str) -> reqwest::Result<reqwest::Response> {
    http.get(format!("{}/v2025/accounts", tenant.base_url())).bearer_auth(token).send().await
}

/// The status of each of `n` account requests, or `None` for a transport error.
async fn statuses(tenant: &MockTenant, n: usize) -> Vec<Option<u16>> {
    let http = reqwest::Client::new();
    let token = token(&http, tenant).await;
    let mut seen = Vec::new();
    for _ in 0..n {
        seen.push(accounts(&http, tenant, &token).await.ok().map(|r| r.status().as_u16()));
    }
    seen
}

#[tokio::test]
async fn injected_429s_and_503s_hit_every_kth_request_and_are_counted() {
    let tenant = start(Faults {
        rate_limit_every: Some(7),
        retry_after_seconds: 3,
        server_error_every: Some(11),
        ..Faults::default()
    })
    .await;
    let http = reqwest::Client::new();
    let token = token(&http, &tenant).await;
    let mut retry_after = None;
    let mut seen = Vec::new();
    for _ in 0..22 {
        let response = accounts(&http, &tenant, &token).await.unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
        }
        seen.push(response.status().as_u16());
    }
    let faulted: Vec<(usize, u16)> = seen.iter().enumerate().filter(|(_, s)| **s != 200).map(|(i, s)| (i + 1, *s)).collect();
    assert_eq!(faulted, [(7, 429), (11, 503), (14, 429), (21, 429), (22, 503)]);
    assert_eq!(retry_after.as_deref(), Some("3"));
    let stats = tenant.stats();
    assert_eq!((stats.api_requests, stats.rate_limited, stats.server_errors, stats.injected_faults), (22, 3, 2, 5), "{stats:?}");
}

#[tokio::test]
async fn the_token_endpoint_fails_every_kth_call_with_503_then_429() {
    // Strict credentials: the last request checks a wrong secret is refused.
    let tenant = start_with(Config {
        accounts: 30,
        strict_credentials: true,
        faults: Faults {
            token_failure_every: Some(3),
            token_failure: TokenFailure::Alternating { retry_after_seconds: 2 },
            ..Faults::default()
        },
        ..Config::default()
    })
    .await;
    let http = reqwest::Client::new();
    let config = tenant.config().clone();
    let mut answers = Vec::new();
    for _ in 0..6 {
        let response = token_response(&http, &tenant, &config.client_id, &config.client_secret).await;
        let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
        answers.push((response.status().as_u16(), retry_after));
    }
    let two = Some("2".to_owned());
    assert_eq!(answers, [(200, None), (200, None), (503, None), (200, None), (200, None), (429, two)]);
    let stats = tenant.stats();
    assert_eq!((stats.token_requests, stats.token_failures, stats.tokens_issued), (6, 2, 4), "{stats:?}");
    // Bad credentials stay a 401 (when the schedule does not hit first).
    let bad = token_response(&http, &tenant, &config.client_id, "wrong").await;
    assert_eq!(bad.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_connection_dropped_before_headers_is_a_transport_error_on_send() {
    let tenant = start(Faults {
        drop_connection_every: Some(2),
        drop: DropKind::BeforeHeaders,
        ..Faults::default()
    })
    .await;
    let http = reqwest::Client::new();
    let token = token(&http, &tenant).await;
    assert_eq!(accounts(&http, &tenant, &token).await.unwrap().status(), StatusCode::OK);
    let error = accounts(&http, &tenant, &token).await.expect_err("no response at all");
    // No status, and not a connect error: the request went out and the
    // connection closed before a response (hyper: IncompleteMessage).
    assert!(error.status().is_none() && !error.is_connect() && !error.is_timeout(), "{error:?}");
    assert!(format!("{error:?}").contains("IncompleteMessage"), "{error:?}");
    // The next request gets a new connection and an answer.
    assert_eq!(accounts(&http, &tenant, &token).await.unwrap().status(), StatusCode::OK);
    let stats = tenant.stats();
    assert_eq!((stats.dropped_before_headers, stats.dropped_mid_body, stats.injected_faults), (1, 0, 1), "{stats:?}");
}

#[tokio::test]
async fn a_connection_dropped_mid_body_sends_the_status_then_fails_the_body() {
    let tenant = start(Faults {
        drop_connection_every: Some(2),
        drop: DropKind::MidBody,
        ..Faults::default()
    })
    .await;
    let http = reqwest::Client::new();
    let token = token(&http, &tenant).await;
    let whole = accounts(&http, &tenant, &token).await.unwrap().bytes().await.unwrap();
    let cut = accounts(&http, &tenant, &token).await.expect("the status line and headers arrive");
    assert_eq!(cut.status(), StatusCode::OK);
    let error = cut.bytes().await.expect_err("the body never completes");
    assert!(error.is_body() || error.is_decode(), "{error:?}");
    assert!(!whole.is_empty());
    assert_eq!(accounts(&http, &tenant, &token).await.unwrap().bytes().await.unwrap(), whole);
    let stats = tenant.stats();
    assert_eq!((stats.dropped_before_headers, stats.dropped_mid_body), (0, 1), "{stats:?}");
}

#[tokio::test]
async fn alternating_drops_take_turns() {
    let tenant = start(Faults {
        drop_connection_every: Some(3),
        ..Faults::default()
    })
    .await;
    // Requests 3, 6, 9, 12 are dropped: before headers, mid-body, …
    let http = reqwest::Client::new();
    let token = token(&http, &tenant).await;
    let mut outcomes = Vec::new();
    for _ in 0..12 {
        let outcome = match accounts(&http, &tenant, &token).await {
            Err(_) => "before headers",
            Ok(response) => match response.bytes().await {
                Ok(_) => "ok",
                Err(_) => "mid-body",
            },
        };
        outcomes.push(outcome);
    }
    let dropped: Vec<&str> = outcomes.into_iter().filter(|o| *o != "ok").collect();
    assert_eq!(dropped, ["before headers", "mid-body", "before headers", "mid-body"]);
    assert_eq!(tenant.stats().dropped_connections(), 4);
}

#[tokio::test]
async fn the_rate_limit_is_per_client_id_with_retry_after_until_a_slot_frees() {
    let tenant = start_with(Config {
        accounts: 5,
        other_clients: vec![("second-id".into(), "second-secret".into())],
        faults: Faults {
            rate_limit: Some(RateLimit {
                requests: 3,
                window: Duration::from_millis(1_500),
            }),
            ..Faults::default()
        },
        ..Config::default()
    })
    .await;
    let http = reqwest::Client::new();
    let first = token(&http, &tenant).await;
    let response = token_response(&http, &tenant, "second-id", "second-secret").await;
    let second = json::<Value>(response).await["access_token"].as_str().unwrap().to_owned();
    for _ in 0..3 {
        assert_eq!(accounts(&http, &tenant, &first).await.unwrap().status(), StatusCode::OK);
    }
    let limited = accounts(&http, &tenant, &first).await.unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    // The oldest slot frees within 1.5 s: rounded up to whole seconds.
    let retry_after: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    // Another client id has its own budget.
    assert_eq!(accounts(&http, &tenant, &second).await.unwrap().status(), StatusCode::OK);
    // Waiting as told is enough.
    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    assert_eq!(accounts(&http, &tenant, &first).await.unwrap().status(), StatusCode::OK);
    let stats = tenant.stats();
    assert_eq!((stats.rate_limit_exceeded, stats.injected_faults), (1, 0), "{stats:?}");
}

#[tokio::test]
async fn every_kth_account_has_a_wrong_typed_field_in_both_versions() {
    let tenant = start(Faults {
        wrong_type_every: Some(13),
        ..Faults::default()
    })
    .await;
    let http = reqwest::Client::new();
    let token = token(&http, &tenant).await;
    for version in ["v2024", "v2025"] {
        let url = format!("{}/{version}/accounts", tenant.base_url());
        let page: Vec<Value> = json(http.get(url).bearer_auth(&token).send().await.unwrap()).await;
        assert_eq!(page.len(), 30);
        // Items 13 and 26 (indices 12 and 25): the cycle starts with
        // `locked` as a string, then `nativeIdentity` as a number.
        assert_eq!(page[12]["locked"], Value::from("false"), "{version}");
        assert_eq!(page[25]["nativeIdentity"], Value::from(100_025), "{version}");
        let wrong: Vec<usize> = (0..30).filter(|&i| !page[i]["locked"].is_boolean() || !page[i]["nativeIdentity"].is_string()).collect();
        assert_eq!(wrong, [12, 25], "{version}");
    }
    let stats = tenant.stats();
    assert_eq!((stats.items_served, stats.wrong_typed_items_served), (60, 4), "{stats:?}");
}

#[tokio::test]
async fn tokens_expire_after_their_lifetime() {
    let tenant = start_with(Config {
        accounts: 1,
        token_lifetime: Duration::from_secs(1),
        ..Config::default()
    })
    .await;
    let http = reqwest::Client::new();
    let response = token_response(&http, &tenant, "mock-client-id", "mock-client-secret").await;
    let body: Value = json(response).await;
    assert_eq!(body["expires_in"], Value::from(1));
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(accounts(&http, &tenant, token).await.unwrap().status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_eq!(accounts(&http, &tenant, token).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let stats = tenant.stats();
    assert_eq!((stats.unauthorized, stats.revoked, stats.injected_faults), (1, 0, 0), "{stats:?}");
}

#[tokio::test]
async fn latency_delays_every_api_request() {
    let tenant = start(Faults {
        latency: Duration::from_millis(50),
        ..Faults::default()
    })
    .await;
    let started = std::time::Instant::now();
    assert_eq!(statuses(&tenant, 3).await, [Some(200); 3]);
    assert!(started.elapsed() >= Duration::from_millis(150), "{:?}", started.elapsed());
}

#[tokio::test]
async fn the_same_seed_replays_the_same_faults_and_another_shifts_them() {
    let faults = |seed| Faults {
        seed,
        rate_limit_every: Some(7),
        server_error_every: Some(11),
        drop_connection_every: Some(13),
        ..Faults::default()
    };
    let run = |seed| async move { statuses(&start(faults(seed)).await, 40).await };
    let (a, b) = (run(5).await, run(5).await);
    assert_eq!(a, b);
    let unseeded = run(0).await;
    let shifted = [run(1).await, run(2).await, run(3).await];
    assert!(shifted.iter().any(|s| *s != unseeded), "a seed moves the faults");
    // Whatever the phase, each kind fires once per period (less where an
    // earlier check answers first; mid-body drops read as a 200 here).
    let count = |seen: &[Option<u16>], what: Option<u16>| seen.iter().filter(|s| **s == what).count();
    assert!(count(&a, Some(429)) >= 5 && count(&a, Some(503)) >= 2 && count(&a, None) >= 1, "{a:?}");
}

#[tokio::test]
async fn counters_start_at_zero() {
    let tenant = start(Faults::default()).await;
    assert_eq!(tenant.stats(), StatsSnapshot::default());
}
