//! Pagination against the mock tenant (and wiremock for servers that
//! misbehave in ways the tenant does not): exact totals, the end-of-data
//! 400, faults mid-stream, prefetching, search-after and the cursor.

mod common;

use sailpoint_mock_tenant::{data, Config, Faults, MockTenant};
use sailpoint_runtime::{Error, RetryPolicy};
use serde_json::json;
use std::collections::HashSet;
use std::time::Duration;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

async fn tenant(config: Config) -> MockTenant {
    MockTenant::start(config).await.expect("mock tenant starts")
}

fn accounts(n: usize) -> Config {
    Config {
        accounts: n,
        ..Config::default()
    }
}

fn v2024(tenant: &MockTenant) -> sailpoint_v2024::Client {
    sailpoint_v2024::Client::new(&tenant.client().unwrap())
}

fn expected_account_ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| data::id(1, i)).collect()
}

fn ids(accounts: &[sailpoint_v2024::models::Account]) -> Vec<String> {
    accounts.iter().map(|a| a.id.clone().unwrap()).collect()
}

#[tokio::test]
async fn offset_paging_is_exact_around_page_boundaries() {
    for n in [0, 1, 250, 251, 1_234] {
        let tenant = tenant(accounts(n)).await;
        let all = v2024(&tenant).accounts().list_accounts().paginate().collect().await.unwrap();
        assert_eq!(ids(&all), expected_account_ids(0..n), "{n} accounts");
        // Pages of 250 (the largest allowed), plus the short or empty last one.
        let requests = tenant.stats().api_requests;
        assert_eq!(requests, (n / 250 + 1) as u64, "{n} accounts");
    }
}

#[tokio::test]
async fn a_limit_and_offset_on_the_builder_are_page_size_and_start() {
    let tenant = tenant(accounts(100)).await;
    let all = v2024(&tenant).accounts().list_accounts().limit(30).offset(5).paginate().collect().await.unwrap();
    assert_eq!(ids(&all), expected_account_ids(5..100));
    assert_eq!(tenant.stats().api_requests, 4);
}

#[tokio::test]
async fn the_offset_is_invalid_400_after_a_full_last_page_ends_the_data() {
    let tenant = tenant(Config {
        accounts: 500,
        offset_past_end_is_error: true,
        ..Config::default()
    })
    .await;
    let all = v2024(&tenant).accounts().list_accounts().paginate().collect().await.unwrap();
    assert_eq!(ids(&all), expected_account_ids(0..500));
}

#[tokio::test]
async fn other_client_errors_are_not_swallowed() {
    let tenant = tenant(accounts(10)).await;
    let error = v2024(&tenant).accounts().list_accounts().limit(300).paginate().collect().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
}

#[tokio::test]
async fn max_items_caps_results_and_requests() {
    let tenant = tenant(accounts(1_000)).await;
    let client = v2024(&tenant);
    let ten = client.accounts().list_accounts().paginate().max_items(10).collect().await.unwrap();
    assert_eq!(ids(&ten), expected_account_ids(0..10));
    assert_eq!(tenant.stats().api_requests, 1, "one request of limit 10");
    let some = client.accounts().list_accounts().paginate().max_items(260).collect().await.unwrap();
    assert_eq!(ids(&some), expected_account_ids(0..260));
    assert_eq!(tenant.stats().api_requests, 3);
}

#[tokio::test]
async fn pages_carry_status_headers_and_the_total() {
    let tenant = tenant(accounts(600)).await;
    let mut pages = v2024(&tenant).accounts().list_accounts().count(true).paginate().pages();
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        assert_eq!(page.status.as_u16(), 200);
        assert_eq!(page.total_count(), Some(600));
        sizes.push(page.items.len());
    }
    assert_eq!(sizes, [250, 250, 100]);
    assert_eq!(pages.total_count(), Some(600));
}

#[tokio::test]
async fn items_stream_one_by_one_with_the_total() {
    let tenant = tenant(accounts(300)).await;
    let mut items = v2024(&tenant).accounts().list_accounts().count(true).paginate().items();
    let mut seen = Vec::new();
    while let Some(account) = items.next().await {
        seen.push(account.unwrap().id.unwrap());
        assert_eq!(items.total_count(), Some(300));
    }
    assert_eq!(seen, expected_account_ids(0..300));
}

#[tokio::test]
async fn rate_limits_and_server_errors_mid_stream_lose_and_repeat_nothing() {
    let tenant = tenant(Config {
        accounts: 2_000,
        faults: Faults {
            rate_limit_every: Some(3),
            server_error_every: Some(4),
            retry_after_seconds: 0,
            ..Faults::default()
        },
        ..Config::default()
    })
    .await;
    let runtime = sailpoint_runtime::Client::builder()
        .base_url(tenant.base_url())
        .client_credentials(tenant.config().client_id.clone(), tenant.config().client_secret.clone())
        .retry_policy(RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let all = sailpoint_v2024::Client::new(&runtime).accounts().list_accounts().paginate().collect().await.unwrap();
    assert_eq!(ids(&all), expected_account_ids(0..2_000));
    assert!(tenant.stats().injected_faults >= 3, "{:?}", tenant.stats());
}

#[tokio::test]
async fn a_token_revoked_mid_stream_is_refreshed_without_losing_items() {
    let tenant = tenant(Config {
        accounts: 1_500,
        faults: Faults {
            revoke_tokens_every: Some(3),
            ..Faults::default()
        },
        ..Config::default()
    })
    .await;
    let all = v2024(&tenant).accounts().list_accounts().paginate().collect().await.unwrap();
    assert_eq!(ids(&all), expected_account_ids(0..1_500));
    assert!(tenant.stats().token_requests >= 3, "{:?}", tenant.stats());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefetching_keeps_order_and_exactness_under_faults() {
    let tenant = tenant(Config {
        accounts: 3_001,
        faults: Faults {
            rate_limit_every: Some(5),
            retry_after_seconds: 0,
            ..Faults::default()
        },
        ..Config::default()
    })
    .await;
    let client = v2024(&tenant);
    let all = client.accounts().list_accounts().paginate().prefetch(4).collect().await.unwrap();
    assert_eq!(ids(&all), expected_account_ids(0..3_001));
    // `count=true` on the first page told the pager where to stop: 13 pages
    // and the rate-limited retries, no request past the end.
    let stats = tenant.stats();
    assert_eq!(stats.api_requests - stats.injected_faults, 13, "{stats:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefetching_without_a_total_stops_at_the_short_page() {
    let tenant = tenant(Config {
        accounts: 1_100,
        send_total_count: false,
        ..Config::default()
    })
    .await;
    let all = v2024(&tenant).accounts().list_accounts().paginate().prefetch(3).collect().await.unwrap();
    assert_eq!(ids(&all), expected_account_ids(0..1_100));
    // 5 pages hold the data; at most 3 more were requested ahead and dropped.
    let requests = tenant.stats().api_requests;
    assert!((5..=8).contains(&requests), "{requests} requests");
    let capped = v2024(&tenant).accounts().list_accounts().paginate().prefetch(3).max_items(1_050).collect().await.unwrap();
    assert_eq!(ids(&capped), expected_account_ids(0..1_050));
}

#[tokio::test]
async fn identities_page_in_beta_and_v2024() {
    let tenant = tenant(Config {
        identities: 260,
        ..Config::default()
    })
    .await;
    let runtime = tenant.client().unwrap();
    let beta = sailpoint_beta::Client::new(&runtime).identities().list_identities().paginate().collect().await.unwrap();
    let v2024 = sailpoint_v2024::Client::new(&runtime).identities().list_identities().paginate().collect().await.unwrap();
    let expected: Vec<String> = (0..260).map(|i| data::id(2, i)).collect();
    assert_eq!(beta.iter().map(|i| i.id.clone().unwrap()).collect::<Vec<_>>(), expected);
    assert_eq!(v2024.iter().map(|i| i.id.clone().unwrap()).collect::<Vec<_>>(), expected);
}

#[tokio::test]
async fn experimental_machine_identities_need_the_opt_in() {
    let tenant = tenant(Config::default()).await;
    let opted_in = sailpoint_v2025::Client::new(&tenant.client().unwrap());
    let all = opted_in.machine_identities().list_machine_identities().paginate().collect().await.unwrap();
    assert_eq!(all.len(), 20);
    let runtime = sailpoint_runtime::Client::builder()
        .base_url(tenant.base_url())
        .client_credentials(tenant.config().client_id.clone(), tenant.config().client_secret.clone())
        .build()
        .unwrap();
    let error = sailpoint_v2025::Client::new(&runtime).machine_identities().list_machine_identities().paginate().collect().await.unwrap_err();
    assert!(matches!(error, Error::ExperimentalNotEnabled { .. }), "{error}");
}

fn search_body(sort: &[&str]) -> sailpoint_v2025::models::Search {
    use sailpoint_v2025::models::{Index, Search};
    Search {
        indices: Some(vec![Index::Identities]),
        sort: Some(sort.iter().map(|s| s.to_string()).collect()),
        ..Default::default()
    }
}

#[tokio::test]
async fn search_after_with_several_sort_fields_and_ties_is_exact_and_ordered() {
    use sailpoint_v2025::models::SearchDocuments;
    let tenant = tenant(Config {
        identities: 1_000,
        ..Config::default()
    })
    .await;
    let client = sailpoint_v2025::Client::new(&tenant.client().unwrap());
    // Names repeat every 120 identities: `name` alone ties, and so does
    // `accountCount`; the pager adds `id` to break the ties.
    let hits = client.search().search_post(search_body(&["-accountCount", "name"])).limit(7).paginate().collect().await.unwrap();
    let documents: Vec<_> = hits
        .iter()
        .map(|hit| match hit {
            SearchDocuments::IdentityDocuments(d) => d,
            other => panic!("typed identity documents, got {other:?}"),
        })
        .collect();
    let unique: HashSet<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!((documents.len(), unique.len()), (1_000, 1_000));
    let keys: Vec<(i64, &str, &str)> = documents.iter().map(|d| (-d.account_count.unwrap(), d.name.as_str(), d.id.as_str())).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "sorted by -accountCount, name, id");
    assert_eq!(tenant.stats().api_requests, 1_000 / 7 + 1);
}

#[tokio::test]
async fn search_after_goes_past_the_ten_thousand_window() {
    let tenant = tenant(Config {
        identities: 10_050,
        ..Config::default()
    })
    .await;
    let client = sailpoint_v2025::Client::new(&tenant.client().unwrap());
    let hits = client.search().search_post(search_body(&["name"])).count(true).paginate().collect().await.unwrap();
    assert_eq!(hits.len(), 10_050);
    // Offset paging hits the window, as on a real tenant.
    let error = client.search().search_post(search_body(&["name"])).offset(10_000).limit(50).send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
}

#[tokio::test]
async fn a_server_that_ignores_offset_cannot_loop_forever() {
    let server = common::server().await;
    let runtime = common::runtime(&server, false);
    let page: Vec<_> = (0..250).map(|i| json!({"id": format!("a{i}"), "name": "n", "nativeIdentity": "x", "sourceId": "s"})).collect();
    Mock::given(method("GET")).and(path("/v2024/accounts")).respond_with(ResponseTemplate::new(200).set_body_json(page)).mount(&server).await;
    let mut items = sailpoint_v2024::Client::new(&runtime).accounts().list_accounts().paginate().items();
    let mut good = 0;
    let error = loop {
        match items.next().await {
            Some(Ok(_)) => good += 1,
            Some(Err(error)) => break error,
            None => panic!("the repeated page must be reported"),
        }
    };
    assert_eq!(good, 250, "the first page is fine");
    assert!(matches!(error, Error::Pagination { .. }), "{error}");
    assert!(items.next().await.is_none(), "the stream ends after the error");
}

#[tokio::test]
async fn launchers_page_by_the_next_cursor() {
    let server = common::server().await;
    let runtime = common::runtime(&server, false);
    let launcher = |id: &str| json!({"id": id, "name": id, "type": "INTERACTIVE_PROCESS", "description": "d", "disabled": false, "reference": {"type": "WORKFLOW", "id": "w"}, "config": "{}"});
    let pages = [(None, Some("c1"), vec!["l1", "l2"]), (Some("c1"), Some("c2"), vec!["l3", "l4"]), (Some("c2"), None, vec!["l5"])];
    for (cursor, next, ids) in pages {
        let body = json!({"next": next, "items": ids.iter().map(|id| launcher(id)).collect::<Vec<_>>()});
        let mut mock = Mock::given(method("GET")).and(path("/v2025/launchers")).and(query_param("limit", "100"));
        mock = match cursor {
            Some(c) => mock.and(query_param("next", c)),
            None => mock.and(wiremock::matchers::query_param_is_missing("next")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).expect(1).mount(&server).await;
    }
    let all = sailpoint_v2025::Client::new(&runtime).launchers().get_launchers().paginate().collect().await.unwrap();
    let ids: Vec<String> = all.iter().map(|l| l.id.clone()).collect();
    assert_eq!(ids, ["l1", "l2", "l3", "l4", "l5"]);
}
