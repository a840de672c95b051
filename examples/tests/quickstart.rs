//! The README's main command, run against the mock tenant.

#[path = "../quickstart.rs"]
mod quickstart;

use quickstart::{run, Target};
use sailpoint_mock_tenant::{Config, Faults};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quickstart_pages_calls_an_experimental_api_and_searches() {
    let config = Config {
        accounts: 1_234,
        identities: 345,
        machine_identities: 7,
        faults: Faults {
            rate_limit_every: Some(4),
            retry_after_seconds: 0,
            ..Faults::default()
        },
        ..Config::default()
    };
    let mut out = Vec::new();
    let summary = run(Target::Mock(Box::new(config)), &mut out, false).await.unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(summary.accounts, 1_234, "{text}");
    assert_eq!(summary.accounts_total, Some(1_234));
    assert_eq!(summary.machine_identities, Some(7));
    assert_eq!(summary.search_hits, 345);
    assert!(summary.faults_absorbed.unwrap() > 0, "{text}");
    assert!(text.contains("Summary") && text.contains("accounts:            1234"), "{text}");
}
