//! `sailpoint-bench current`: every account of the current per-resource
//! API (`GET /accounts/v1`) through the `sailpoint` crate's item stream,
//! as a user would write it, counting what was delivered and how many
//! distinct ids came back. Prints one JSON line; xtask sets it beside the
//! official Python SDK 2.x, which pages the same route.

use anyhow::{bail, Context, Result};
use sailpoint_runtime::RateLimit;
use serde_json::json;
use std::collections::HashSet;
use std::time::Instant;

pub struct Options<'a> {
    pub url: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    /// Pages requested ahead; 0 is one page at a time.
    pub prefetch: usize,
    /// `RateLimit::none()` instead of the default (ISC's 100 requests per
    /// 10 s, which makes 400 pages take 30–40 s whatever the client does):
    /// the Python SDK has no client-side limit, so throughput is compared
    /// with it off.
    pub no_rate_limit: bool,
}

pub async fn run(options: Options<'_>) -> Result<()> {
    let mut builder = sailpoint_runtime::Client::builder().base_url(options.url).client_credentials(options.client_id, options.client_secret);
    if options.no_rate_limit {
        builder = builder.rate_limit(RateLimit::none());
    }
    let runtime = builder.build()?;
    let current = sailpoint::Client::new(&runtime);
    let started = Instant::now();
    let mut items = current.accounts_v1().list_accounts_v1().paginate().prefetch(options.prefetch).items();
    let mut delivered = 0u64;
    // Ids are kept (as the Python script keeps them in a set) so both
    // sides pay for the same accounting and a duplicate page would show.
    let mut distinct = HashSet::new();
    while let Some(account) = items.next().await {
        let account = account.context("streaming /accounts/v1")?;
        delivered += 1;
        distinct.insert(account.id.unwrap_or_default());
    }
    if delivered == 0 {
        bail!("/accounts/v1 returned no accounts");
    }
    println!(
        "{}",
        json!({
            "delivered": delivered,
            "distinct": distinct.len(),
            "seconds": started.elapsed().as_secs_f64(),
        })
    );
    Ok(())
}
