//! The first five minutes: page through every account, call an
//! experimental API and search past the 10,000-hit window — against an
//! embedded mock tenant, or against your tenant when `SAIL_BASE_URL`,
//! `SAIL_CLIENT_ID` and `SAIL_CLIENT_SECRET` are set (read-only calls).
//!
//! ```sh
//! cargo run --release --example quickstart
//! ```

use indicatif::{ProgressBar, ProgressStyle};
use sailpoint_mock_tenant::{Config, Faults, MockTenant};
use sailpoint_runtime::{ClientBuilder, Error};
use sailpoint_v2025::models::{Index, Search, SearchDocuments};
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Where the quickstart runs.
pub enum Target {
    /// A mock tenant on loopback, started here.
    // Boxed: the configuration with its fault knobs is large, and the
    // environment variant holds nothing.
    Mock(Box<Config>),
    /// The tenant named by the `SAIL_*` environment (or `./config.json`).
    Environment,
}

impl Target {
    /// The real tenant when all three variables are set, else the mock.
    pub fn from_environment() -> Target {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if set("SAIL_BASE_URL") && set("SAIL_CLIENT_ID") && set("SAIL_CLIENT_SECRET") {
            Target::Environment
        } else {
            Target::Mock(Box::new(Config {
                accounts: 25_000,
                identities: 12_000,
                faults: Faults {
                    rate_limit_every: Some(40),
                    retry_after_seconds: 0,
                    ..Faults::default()
                },
                ..Config::default()
            }))
        }
    }
}

/// What the run found.
#[derive(Debug)]
pub struct Summary {
    pub tenant: String,
    pub accounts: u64,
    pub accounts_total: Option<u64>,
    pub machine_identities: Option<usize>,
    pub search_hits: usize,
    pub faults_absorbed: Option<u64>,
}

/// Runs the quickstart, writing progress and the summary to `out`; a
/// progress bar goes to stderr when `interactive`.
pub async fn run(target: Target, out: &mut dyn Write, interactive: bool) -> Result<Summary, Box<dyn std::error::Error>> {
    // The mock lives until the end of this function.
    let (mock, runtime, limit) = match target {
        Target::Mock(config) => {
            let mock = MockTenant::start(*config).await?;
            writeln!(out, "Started a mock tenant at {}", mock.base_url())?;
            // The same builder a real tenant uses; the mock checks the credentials.
            let runtime = ClientBuilder::default()
                .base_url(mock.base_url())
                .client_credentials(mock.config().client_id.clone(), mock.config().client_secret.clone())
                .experimental(true)
                .build()?;
            (Some(mock), runtime, None)
        }
        Target::Environment => {
            let runtime = ClientBuilder::default().from_environment().experimental(true).build()?;
            // Be gentle with a real tenant: the first 5,000 accounts.
            (None, runtime, Some(5_000))
        }
    };
    let tenant = mock.as_ref().map_or_else(|| "your tenant (SAIL_BASE_URL)".to_owned(), |m| format!("mock tenant {}", m.base_url()));
    let v2025 = sailpoint_v2025::Client::new(&runtime);

    // 1–3. Authenticate (on the first call) and page through every account.
    writeln!(out, "Paging through accounts (client credentials, 250 per page, 2 pages ahead)…")?;
    let started = Instant::now();
    let mut pager = v2025.accounts().list_accounts().count(true).paginate().prefetch(2);
    if let Some(limit) = limit {
        pager = pager.max_items(limit);
    }
    let mut accounts = pager.items();
    let progress = Progress::new(interactive);
    let mut count = 0u64;
    let mut first = None;
    while let Some(account) = accounts.next().await {
        let account = account?;
        count += 1;
        if count == 1 {
            progress.set_total(accounts.total_count());
            first = account.name;
        }
        progress.advance(count, out)?;
    }
    progress.finish();
    let elapsed = started.elapsed();
    writeln!(out, "  {count} accounts in {:.2} s; the first is {}", elapsed.as_secs_f64(), first.as_deref().unwrap_or("-"))?;

    // 4. An experimental API, with the opt-in set on the builder above.
    let machine_identities = match v2025.machine_identities().list_machine_identities().paginate().max_items(1_000).collect().await {
        Ok(all) => {
            writeln!(out, "Experimental API: {} machine identities", all.len())?;
            Some(all.len())
        }
        // A tenant without the feature says so; the quickstart goes on.
        Err(error @ Error::Status(_)) if mock.is_none() => {
            writeln!(out, "Experimental API unavailable on this tenant: {error}")?;
            None
        }
        Err(error) => return Err(error.into()),
    };

    // 5. Search identities sorted by name, paged with searchAfter.
    let search = Search {
        indices: Some(vec![Index::Identities]),
        sort: Some(vec!["name".into()]),
        ..Search::default()
    };
    let mut hits = v2025.search().search_post(search).paginate();
    if let Some(limit) = limit {
        hits = hits.max_items(limit);
    }
    let hits = hits.collect().await?;
    let first = hits.iter().find_map(|hit| match hit {
        SearchDocuments::IdentityDocuments(identity) => Some(identity.name.clone()),
        _ => None,
    });
    writeln!(out, "Search: {} identities (searchAfter), first by name: {}", hits.len(), first.as_deref().unwrap_or("-"))?;

    // 6. The summary.
    let summary = Summary {
        tenant,
        accounts: count,
        accounts_total: accounts.total_count(),
        machine_identities,
        search_hits: hits.len(),
        faults_absorbed: mock.as_ref().map(|m| m.stats().injected_faults),
    };
    writeln!(out, "\nSummary")?;
    writeln!(out, "  tenant:              {}", summary.tenant)?;
    writeln!(out, "  accounts:            {} (X-Total-Count {:?})", summary.accounts, summary.accounts_total)?;
    writeln!(out, "  machine identities:  {:?}", summary.machine_identities)?;
    writeln!(out, "  search hits:         {}", summary.search_hits)?;
    if let Some(faults) = summary.faults_absorbed {
        writeln!(out, "  injected 429s retried without losing an item: {faults}")?;
    }
    Ok(summary)
}

/// A progress bar on a terminal, a plain line per 5,000 items otherwise.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(interactive: bool) -> Self {
        let bar = interactive.then(|| {
            let style = ProgressStyle::with_template("  {bar:40} {pos}/{len} accounts, {per_sec}").unwrap_or_else(|_| ProgressStyle::default_bar());
            let bar = ProgressBar::new(0).with_style(style);
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress { bar }
    }

    fn set_total(&self, total: Option<u64>) {
        if let (Some(bar), Some(total)) = (&self.bar, total) {
            bar.set_length(total);
        }
    }

    fn advance(&self, count: u64, out: &mut dyn Write) -> std::io::Result<()> {
        match &self.bar {
            Some(bar) => bar.set_position(count),
            None if count.is_multiple_of(5_000) => writeln!(out, "  … {count}")?,
            None => {}
        }
        Ok(())
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[allow(dead_code)] // The test drives `run` directly.
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let interactive = std::io::stderr().is_terminal() && std::io::stdout().is_terminal();
    run(Target::from_environment(), &mut std::io::stdout(), interactive).await?;
    Ok(())
}
