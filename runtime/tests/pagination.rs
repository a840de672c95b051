//! One bad item never ends a page, in every paging style: the others are
//! delivered, the bad one is an error in its place, and paging goes on.

mod support;

use reqwest::Method;
use sailpoint_runtime::{Body, Client, Error, ItemError, Pager, Request};
use serde::Deserialize;
use serde_json::{json, Value};
use support::{client_builder, Reply, Seen, Server};

#[derive(Debug, Deserialize, PartialEq)]
struct Account {
    id: String,
    #[serde(default, deserialize_with = "sailpoint_runtime::de::null_as_default")]
    locked: bool,
}

/// Seven accounts: #1 has drift that decodes, #4 a value nothing fixes.
fn account(i: usize) -> Value {
    match i {
        1 => json!({"id": "1", "name": "n1", "locked": "false"}),
        4 => json!({"id": "4", "name": "n4", "locked": {"x": 1}}),
        _ => json!({"id": i.to_string(), "name": format!("n{i}"), "locked": true}),
    }
}

fn query(seen: &Seen, name: &str) -> Option<usize> {
    let query = seen.target.split_once('?')?.1;
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
}

async fn offset_server() -> Server {
    Server::start(|seen| match seen.path() {
        "/oauth/token" => Reply::token("t1", 3600),
        _ => {
            let (offset, limit) = (query(seen, "offset").unwrap_or(0), query(seen, "limit").unwrap_or(250));
            Reply::json(200, Value::Array((offset..(offset + limit).min(7)).map(account).collect()))
        }
    })
    .await
}

fn accounts(client: &Client) -> Pager<Account> {
    Pager::offset(client, Ok(Request::new("listAccounts", Method::GET, "/accounts", "/accounts".into())), 3, false)
}

fn check_item_error(error: &ItemError) {
    assert_eq!((error.position, error.index, error.path.as_str()), (4, 1, "locked"));
    assert_eq!(serde_json::from_str::<Value>(&error.raw).unwrap(), account(4));
    assert!(error.request.starts_with("GET /accounts"), "{}", error.request);
}

#[tokio::test]
async fn the_item_stream_yields_the_bad_item_in_its_place_and_goes_on() {
    let server = offset_server().await;
    let client = client_builder(&server.url).build().unwrap();
    for prefetch in [0, 2] {
        let mut items = accounts(&client).prefetch(prefetch).items();
        let mut seen = Vec::new();
        while let Some(item) = items.next().await {
            seen.push(match item {
                Ok(account) => Ok(account.id),
                Err(Error::Item(error)) => {
                    check_item_error(&error);
                    Err(error.position)
                }
                Err(other) => panic!("{other}"),
            });
        }
        assert_eq!(seen, [Ok("0".into()), Ok("1".into()), Ok("2".into()), Ok("3".into()), Err(4), Ok("5".into()), Ok("6".into())], "prefetch {prefetch}");
    }
}

#[tokio::test]
async fn pages_carry_their_failed_items() {
    let server = offset_server().await;
    let client = client_builder(&server.url).build().unwrap();
    let mut pages = accounts(&client).pages();
    let mut shapes = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        page.failed.iter().for_each(check_item_error);
        shapes.push((page.items.len(), page.failed.len()));
    }
    assert_eq!(shapes, [(3, 0), (2, 1), (1, 0)]);
}

#[tokio::test]
async fn collect_fails_at_the_bad_item_and_collect_with_failures_keeps_the_rest() {
    let server = offset_server().await;
    let client = client_builder(&server.url).build().unwrap();
    let error = accounts(&client).collect().await.unwrap_err();
    let Error::Item(item) = &error else { panic!("{error:?}") };
    check_item_error(item);
    assert!(error.to_string().contains("item 4 (index 1 of its page) does not decode at `locked`"), "{error}");
    // No page past the bad one was requested.
    assert_eq!(server.seen_at("/accounts").len(), 2);

    let (items, failed) = accounts(&client).collect_with_failures().await.unwrap();
    assert_eq!(items.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["0", "1", "2", "3", "5", "6"]);
    assert!(!items[1].locked, "\"false\" decodes as false");
    let [failed] = &failed[..] else { panic!("{failed:?}") };
    check_item_error(failed);
}

#[tokio::test]
async fn cursor_and_search_after_pages_go_on_past_a_bad_item() {
    let server = Server::start(|seen| match seen.path() {
        "/oauth/token" => Reply::token("t1", 3600),
        "/launchers" => match seen.target.contains("next=c2") {
            false => Reply::json(200, json!({"next": "c2", "items": [account(3), account(4)]})),
            true => Reply::json(200, json!({"items": [account(5)]})),
        },
        _ => {
            let body: Value = serde_json::from_slice(&seen.body).unwrap();
            // The bad item was the last of the first page: its sort values
            // still came from its raw JSON.
            match body.get("searchAfter") {
                None => Reply::json(200, json!([account(3), account(4)])),
                Some(after) => {
                    assert_eq!(after, &json!(["n4", "4"]));
                    Reply::json(200, json!([account(5)]))
                }
            }
        }
    })
    .await;
    let client = client_builder(&server.url).build().unwrap();
    let cursor = Pager::<Account>::cursor(&client, Ok(Request::new("getLaunchers", Method::GET, "/launchers", "/launchers".into())), Some(2));
    let mut search = Request::new("searchPost", Method::POST, "/search", "/search".into());
    search.body = Body::json("application/json", &json!({"sort": ["name"]})).unwrap();
    let search = Pager::<Account>::search_after(&client, Ok(search), 2);
    for (style, pager) in [("cursor", cursor), ("search after", search)] {
        let (items, failed) = pager.collect_with_failures().await.unwrap();
        assert_eq!(items.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["3", "5"], "{style}");
        let [failed] = &failed[..] else { panic!("{style}: {failed:?}") };
        assert_eq!((failed.position, failed.index), (1, 1), "{style}");
    }
}
