//! The client-side rate limit, in paused time: at most N requests in any
//! window, shared by clones and by clients of the same client id, and one
//! pause for everyone after a 429.

mod support;

use reqwest::Method;
use sailpoint_runtime::{Client, RateLimit, Request};
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::{client_builder, Reply, Seen, Server};
use tokio::time::Instant;

fn get() -> Request {
    Request::new("op", Method::GET, "/things", "/things".into())
}

async fn plain_server() -> Server {
    Server::start(|seen| match seen.path() {
        "/oauth/token" => Reply::token("t1", 3600),
        _ => Reply::json(200, json!([])),
    })
    .await
}

/// No window of `window` holds more than `n` of `seen`.
fn at_most(n: usize, window: Duration, seen: &[Seen]) -> bool {
    let mut times: Vec<Instant> = seen.iter().map(|s| s.at).collect();
    times.sort();
    times.windows(n + 1).all(|w| w[n] - w[0] >= window)
}

async fn send_all(clients: &[Client], count: usize) {
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let client = clients[i % clients.len()].clone();
            tokio::spawn(async move { client.send_bytes(get()).await.unwrap() })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
}

#[tokio::test(start_paused = true)]
async fn the_default_is_100_requests_per_10_seconds_in_any_window() {
    let server = plain_server().await;
    let client = client_builder(&server.url).build().unwrap();
    let start = Instant::now();
    send_all(&[client], 250).await;
    let seen = server.seen_at("/things");
    assert_eq!(seen.len(), 250);
    assert!(at_most(100, Duration::from_secs(10), &seen));
    // As fast as the limit allows: 100 at once, then each a window later.
    assert_eq!(seen.iter().filter(|s| s.at == start).count(), 100);
    assert_eq!(seen.iter().map(|s| s.at).max().unwrap() - start, Duration::from_millis(20_400), "two windows of 10.2 s");
}

#[tokio::test(start_paused = true)]
async fn clones_and_clients_of_the_same_client_id_share_the_limit() {
    let server = plain_server().await;
    let limit = RateLimit::per_window(5, Duration::from_secs(10));
    let first = client_builder(&server.url).rate_limit(limit).build().unwrap();
    let prefixed = first.with_path_prefix("");
    let separate = client_builder(&server.url).rate_limit(limit).build().unwrap();
    send_all(&[first, prefixed, separate], 12).await;
    let seen = server.seen_at("/things");
    assert!(at_most(5, Duration::from_secs(10), &seen));
    assert_eq!(seen.iter().map(|s| s.at).max().unwrap() - seen[0].at, Duration::from_millis(20_400));
    // Another client id has a limit of its own.
    let other = Client::builder().base_url(&server.url).client_credentials("other", "s").rate_limit(limit).build().unwrap();
    let start = Instant::now();
    send_all(&[other], 5).await;
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn no_limit_sends_everything_at_once() {
    let server = plain_server().await;
    let client = client_builder(&server.url).rate_limit(RateLimit::none()).build().unwrap();
    let start = Instant::now();
    send_all(&[client], 150).await;
    assert!(server.seen_at("/things").iter().all(|s| s.at == start));
}

#[tokio::test(start_paused = true)]
async fn token_requests_take_no_slot_and_retries_do() {
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" => Reply::token("t1", 3600),
        _ if calls.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(503),
        _ => Reply::json(200, json!([])),
    })
    .await;
    let client = client_builder(&server.url).rate_limit(RateLimit::per_window(1, Duration::from_secs(10))).build().unwrap();
    let start = Instant::now();
    client.send_bytes(get()).await.unwrap();
    let seen = server.seen_at("/things");
    // The token request before it did not hold the first call back...
    assert_eq!(seen[0].at, start);
    // ...but the retry waited for the next window.
    assert_eq!(seen[1].at - start, Duration::from_millis(10_200));
}

#[tokio::test(start_paused = true)]
async fn a_429_pauses_every_request_of_the_client_id() {
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::start(move |seen| match seen.path() {
        "/oauth/token" => Reply::token("t1", 3600),
        _ if calls.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(429).with_header("Retry-After", "5"),
        _ => Reply::json(200, json!([])),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    let separate = client_builder(&server.url).build().unwrap();
    let start = Instant::now();
    let limited = {
        let client = client.clone();
        tokio::spawn(async move { client.send_bytes(get()).await.unwrap() })
    };
    // Requests started while the pause runs wait for it, on any client of
    // the same client id.
    tokio::time::sleep(Duration::from_secs(1)).await;
    send_all(&[client, separate], 4).await;
    limited.await.unwrap();
    let seen = server.seen_at("/things");
    assert_eq!(seen.len(), 6);
    assert_eq!(seen[0].at, start);
    assert!(seen[1..].iter().all(|s| s.at - start >= Duration::from_secs(5)), "{:?}", seen.iter().map(|s| s.at - start).collect::<Vec<_>>());
}

/// `prefetch(4)` keeps four pages in flight, and a clone of the client
/// sends single calls beside it: together they stay within the limit.
#[tokio::test(start_paused = true)]
async fn prefetch_and_clones_share_the_limit() {
    use futures_util::StreamExt;
    let server = Server::start(|seen| match seen.path() {
        "/oauth/token" => Reply::token("t1", 3600),
        "/items" => {
            let offset: usize = seen.target.split("offset=").nth(1).and_then(|v| v.split('&').next()?.parse().ok()).unwrap_or(0);
            Reply::json(200, json!((offset..(offset + 10).min(1_500)).map(|i| i.to_string()).collect::<Vec<_>>()))
        }
        _ => Reply::json(200, json!([])),
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    let beside = {
        let client = client.clone();
        tokio::spawn(async move { send_all(&[client], 100).await })
    };
    let request = Request::new("listItems", Method::GET, "/items", "/items".into());
    let items: Vec<String> = sailpoint_runtime::Pager::offset(&client, Ok(request), 10, false)
        .prefetch(4)
        .items()
        .map(Result::unwrap)
        .collect()
        .await;
    beside.await.unwrap();
    assert_eq!(items.len(), 1_500);
    let mut seen = server.seen_at("/items");
    // 150 full pages, then the short one and what prefetch asked past it.
    assert!((151..=155).contains(&seen.len()), "{}", seen.len());
    seen.extend(server.seen_at("/things"));
    assert!(at_most(100, Duration::from_secs(10), &seen));
}
