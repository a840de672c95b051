//! `sailpoint-bench stream`: every v2025 account through the SDK's item
//! stream, as a user would write it, accounting for each id: delivered,
//! distinct, duplicated, lost, and every error the stream surfaced. The
//! soak and the field simulation read its one JSON line.

use anyhow::Result;
use sailpoint_mock_tenant::data;
use sailpoint_runtime::{Error, RetryPolicy};
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

/// A stream that keeps yielding errors is cut off here, so a run ends.
const MAX_ERRORS: usize = 1_000;

pub struct Options<'a> {
    pub url: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    /// Pages requested ahead; 0 is one page at a time.
    pub prefetch: usize,
    /// The tenant's account count: ids `data::id(1, 0..expected)`.
    pub expected: usize,
    /// Overrides the default policy's attempts; `None` is what a user gets.
    pub max_attempts: Option<u32>,
}

pub async fn run(options: Options<'_>) -> Result<()> {
    let mut policy = RetryPolicy::default();
    if let Some(attempts) = options.max_attempts {
        policy.max_attempts = attempts;
    }
    let runtime = sailpoint_runtime::Client::builder()
        .base_url(options.url)
        .client_credentials(options.client_id, options.client_secret)
        .retry_policy(policy)
        .build()?;
    let v2025 = sailpoint_v2025::Client::new(&runtime);
    let started = Instant::now();
    let mut items = v2025.accounts().list_accounts().paginate().prefetch(options.prefetch).items();
    let (mut delivered, mut duplicates) = (0u64, 0u64);
    let mut distinct = HashSet::with_capacity(options.expected);
    let mut errors: BTreeMap<String, u64> = BTreeMap::new();
    let mut first_error = None;
    while let Some(item) = items.next().await {
        match item {
            Ok(account) => {
                delivered += 1;
                if !distinct.insert(account.id.unwrap_or_default()) {
                    duplicates += 1;
                }
            }
            Err(error) => {
                first_error.get_or_insert_with(|| error.to_string());
                *errors.entry(kind(&error)).or_default() += 1;
                if errors.values().sum::<u64>() >= MAX_ERRORS as u64 {
                    break;
                }
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let lost = (0..options.expected).filter(|&i| !distinct.contains(&data::id(1, i))).count();
    let unknown = distinct.len() + lost - options.expected;
    let surfaced_429 = errors.get("HTTP 429").copied().unwrap_or(0);
    println!(
        "{}",
        json!({
            "delivered": delivered,
            "distinct": distinct.len(),
            "duplicates": duplicates,
            "lost": lost,
            "unknown": unknown,
            "errors": errors,
            "surfaced_429": surfaced_429,
            "first_error": first_error,
            "seconds": seconds,
        })
    );
    Ok(())
}

/// `HTTP 429`, or the error's variant name (`Transport`, `Decode`, …):
/// read from `Debug` so that variants the runtime adds are named too.
fn kind(error: &Error) -> String {
    if let Some(status) = error.status() {
        return format!("HTTP {}", status.as_u16());
    }
    format!("{error:?}").chars().take_while(char::is_ascii_alphanumeric).collect()
}
