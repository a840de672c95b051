//! The token endpoint's faults, in paused time: retried like any call,
//! a failed early refresh is no failure, and wrong credentials are named.

mod support;

use reqwest::Method;
use sailpoint_runtime::{AuthErrorKind, Error, Request, RetryPolicy};
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::{client_builder, Reply, Server};

fn get() -> Request {
    Request::new("getThing", Method::GET, "/things/{id}", "/things/1".into())
}

fn ok() -> Reply {
    Reply::json(200, json!({"id": "1"}))
}

#[tokio::test(start_paused = true)]
async fn token_endpoint_faults_are_retried() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" => match counter.fetch_add(1, Ordering::SeqCst) {
            0 => Reply::status(503),
            1 => Reply::status(429).with_header("Retry-After", "3"),
            2 => Reply::Close,
            3 => Reply::Reset,
            4 => Reply::status(502),
            _ => Reply::token("t1", 3600),
        },
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url)
        .retry_policy(RetryPolicy {
            max_attempts: 6,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    client.send_empty(get()).await.unwrap();
    let tokens = server.seen_at("/oauth/token");
    assert_eq!(tokens.len(), 6);
    // The 429's Retry-After was waited in full before the next try.
    assert!(tokens[2].at - tokens[1].at >= Duration::from_secs(3));
    let api = server.seen_at("/things/1");
    assert_eq!(api.len(), 1);
    assert_eq!(api[0].header("authorization"), Some("Bearer t1"));
}

#[tokio::test(start_paused = true)]
async fn a_token_endpoint_down_past_the_budget_is_a_retryable_auth_error() {
    let server = Server::start(|seen| match seen.path() {
        "/oauth/token" => Reply::status(503),
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url)
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let error = client.send_empty(get()).await.unwrap_err();
    let Error::Auth(auth) = &error else { panic!("{error:?}") };
    assert_eq!(auth.kind, AuthErrorKind::Unavailable);
    assert!(error.is_retryable());
    assert_eq!(server.seen_at("/oauth/token").len(), 3);
    assert!(server.seen_at("/things/1").is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_failed_early_refresh_keeps_the_valid_token() {
    // The first token lives 10 s and is refreshed from 8 s on; the next
    // three token requests fail.
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" => match counter.fetch_add(1, Ordering::SeqCst) {
            0 => Reply::token("t1", 10),
            1..=3 => Reply::status(503),
            _ => Reply::token("t2", 3600),
        },
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    let bearer_of_last_call = || server.seen_at("/things/1").last().unwrap().header("authorization").unwrap().to_owned();

    client.send_empty(get()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(9)).await;
    // Due for a refresh that fails: the call still goes out, with t1.
    client.send_empty(get()).await.unwrap();
    assert_eq!(bearer_of_last_call(), "Bearer t1");
    assert_eq!(server.seen_at("/oauth/token").len(), 2);
    // Calls right after do not hammer the token endpoint.
    client.send_empty(get()).await.unwrap();
    assert_eq!(server.seen_at("/oauth/token").len(), 2);
    assert_eq!(bearer_of_last_call(), "Bearer t1");

    // At 11 s t1 has expired: a token is needed now, and the failures are
    // retried under the policy until the endpoint recovers.
    tokio::time::sleep(Duration::from_secs(2)).await;
    client.send_empty(get()).await.unwrap();
    assert_eq!(bearer_of_last_call(), "Bearer t2");
    assert_eq!(server.seen_at("/oauth/token").len(), 5);
}

#[tokio::test(start_paused = true)]
async fn invalid_credentials_are_named_not_retried_and_never_show_the_secret() {
    for status in [400, 401] {
        let server = Server::start(move |seen| match seen.path() {
            "/oauth/token" => Reply::json(status, json!({"error": "invalid_client", "error_description": "Bad credentials"})),
            _ => ok(),
        })
        .await;
        let error = client_builder(&server.url).build().unwrap().send_empty(get()).await.unwrap_err();
        let Error::Auth(auth) = &error else { panic!("{error:?}") };
        assert_eq!(auth.kind, AuthErrorKind::InvalidCredentials);
        assert_eq!(auth.status.map(|s| s.as_u16()), Some(status));
        assert!(!error.is_retryable());
        let text = error.to_string();
        assert!(text.contains("rejected the client credentials") && text.contains("invalid_client: Bad credentials"), "{text}");
        assert_eq!(server.seen_at("/oauth/token").len(), 1, "not retried");
    }
    // A server that echoes the request does not carry the secret into the error.
    let server = Server::start(|seen| Reply::json(401, json!({"error_description": String::from_utf8_lossy(&seen.body)}))).await;
    let error = client_builder(&server.url).build().unwrap().send_empty(get()).await.unwrap_err();
    assert!(!error.to_string().contains("s3cret") && !format!("{error:?}").contains("s3cret"), "{error}");
    assert!(error.to_string().contains("client_secret=<redacted>"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn a_rejected_static_token_is_not_refreshable() {
    let server = Server::start(|_| Reply::status(401)).await;
    let client = sailpoint_runtime::Client::builder().base_url(&server.url).bearer_token("tok-static").build().unwrap();
    let error = client.send_empty(get()).await.unwrap_err();
    assert_eq!(error.status_code(), Some(401));
    assert!(server.seen_at("/oauth/token").is_empty());
}

#[tokio::test(start_paused = true)]
async fn refreshes_before_expiry() {
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" => match calls.fetch_add(1, Ordering::SeqCst) {
            0 => Reply::token("t1", 100),
            _ => Reply::token("t2", 3600),
        },
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    client.send_empty(get()).await.unwrap();
    // A fifth of the lifetime early: from 80 s on.
    tokio::time::sleep(Duration::from_secs(79)).await;
    client.send_empty(get()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    client.send_empty(get()).await.unwrap();
    let bearers: Vec<_> = server.seen_at("/things/1").iter().map(|s| s.header("authorization").unwrap().to_owned()).collect();
    assert_eq!(bearers, ["Bearer t1", "Bearer t1", "Bearer t2"]);
}

#[tokio::test(start_paused = true)]
async fn concurrent_calls_share_one_token_request() {
    let server = Server::start(|seen| match seen.path() {
        "/oauth/token" => Reply::Delayed(Duration::from_millis(200), Box::new(Reply::token("t1", 3600))),
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send_empty(get()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(server.seen_at("/oauth/token").len(), 1);
    assert_eq!(server.seen_at("/things/1").len(), 20);
}

#[tokio::test(start_paused = true)]
async fn a_token_response_cut_off_is_retried() {
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" if calls.fetch_add(1, Ordering::SeqCst) == 0 => Reply::CutBody {
            status: 200,
            body: br#"{"access_token":"t0","expires_in":3600}"#.to_vec(),
            sent: 12,
        },
        "/oauth/token" => Reply::token("t1", 3600),
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    client.send_empty(get()).await.unwrap();
    assert_eq!(server.seen_at("/oauth/token").len(), 2);
    assert_eq!(server.seen_at("/things/1")[0].header("authorization"), Some("Bearer t1"));
}

#[tokio::test(start_paused = true)]
async fn a_throttled_early_refresh_waits_its_retry_after_with_the_valid_token() {
    // t1 lives 100 s and is due from 80 s; the first early refresh is
    // answered 429 with Retry-After: 10.
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" => match calls.fetch_add(1, Ordering::SeqCst) {
            0 => Reply::token("t1", 100),
            1 => Reply::status(429).with_header("Retry-After", "10"),
            _ => Reply::token("t2", 3600),
        },
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    let start = tokio::time::Instant::now();
    let bearer_of_last_call = || server.seen_at("/things/1").last().unwrap().header("authorization").unwrap().to_owned();
    client.send_empty(get()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(81)).await;
    client.send_empty(get()).await.unwrap();
    assert_eq!(bearer_of_last_call(), "Bearer t1");
    // Within the server's 10 s no token request goes out.
    for _ in 0..9 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        client.send_empty(get()).await.unwrap();
        assert_eq!(bearer_of_last_call(), "Bearer t1");
    }
    assert_eq!(server.seen_at("/oauth/token").len(), 2);
    tokio::time::sleep(Duration::from_secs(1)).await;
    client.send_empty(get()).await.unwrap();
    let tokens = server.seen_at("/oauth/token");
    assert_eq!(tokens.len(), 3);
    assert!(tokens[2].at - tokens[1].at >= Duration::from_secs(10));
    assert!(tokens[2].at - start < Duration::from_secs(100), "refreshed before t1 expired");
    assert_eq!(bearer_of_last_call(), "Bearer t2");
}

#[tokio::test(start_paused = true)]
async fn a_token_retry_after_past_the_budget_returns_at_once() {
    let server = Server::start(|seen| match seen.path() {
        "/oauth/token" => Reply::status(429).with_header("Retry-After", "600"),
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    let start = tokio::time::Instant::now();
    let error = client.send_empty(get()).await.unwrap_err();
    assert_eq!(start.elapsed(), Duration::ZERO, "no wait past the 120 s budget");
    let Error::Auth(auth) = &error else { panic!("{error:?}") };
    assert_eq!(auth.kind, AuthErrorKind::Unavailable);
    assert!(error.is_retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(600)));
    assert_eq!(server.seen_at("/oauth/token").len(), 1);
}

/// A token endpoint that drifts like the API does (`expires_in` as a
/// string) still gives a token with its lifetime: it is refreshed early.
#[tokio::test(start_paused = true)]
async fn a_token_lifetime_given_as_text_is_read() {
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" => {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            Reply::json(200, json!({"access_token": format!("t{n}"), "expires_in": "100"}))
        }
        _ => ok(),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    client.send_empty(get()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(90)).await;
    client.send_empty(get()).await.unwrap();
    assert_eq!(server.seen_at("/oauth/token").len(), 2, "refreshed before the 100 s ran out");
    assert_eq!(server.seen_at("/things/1")[1].header("authorization"), Some("Bearer t1"));
}
