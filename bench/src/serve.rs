//! `sailpoint-bench serve`: the mock tenant in its own process, with its
//! fault knobs as flags, so the client measured in another process does
//! not carry the server's data or CPU.

use anyhow::Result;
use clap::Args;
use sailpoint_mock_tenant::{Config, DropKind, Faults, MockTenant, RateLimit, TokenFailure};
use std::time::Duration;
use tokio::io::AsyncBufReadExt;

/// The mock tenant's fault knobs (see `sailpoint_mock_tenant::Faults`).
/// All off by default.
#[derive(Args, Debug, Clone)]
pub struct FaultArgs {
    /// Latency added to every API request.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Seconds an access token lives.
    #[arg(long, default_value_t = 3600)]
    pub token_ttl_s: u64,
    /// Shifts every fault schedule; the same seed replays the same run.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// 429 on every k-th API request.
    #[arg(long)]
    pub rate_limit_every: Option<u64>,
    /// `Retry-After` of those 429s, and of the token endpoint's.
    #[arg(long, default_value_t = 0)]
    pub retry_after_s: u64,
    /// 503 on every k-th API request.
    #[arg(long)]
    pub server_error_every: Option<u64>,
    /// Every k-th token request fails (503, then 429, alternately).
    #[arg(long)]
    pub token_failure_every: Option<u64>,
    /// Every k-th API request's connection is dropped (before the
    /// headers, then mid-body, alternately).
    #[arg(long)]
    pub drop_every: Option<u64>,
    /// Every k-th account has a wrong-typed field.
    #[arg(long)]
    pub wrong_type_every: Option<u64>,
    /// Per-client rate limit: requests per window (with --limit-window-ms).
    #[arg(long, requires = "limit_window_ms")]
    pub limit_requests: Option<usize>,
    /// Per-client rate limit: the sliding window.
    #[arg(long, requires = "limit_requests")]
    pub limit_window_ms: Option<u64>,
}

impl FaultArgs {
    fn faults(&self) -> Faults {
        Faults {
            seed: self.seed,
            rate_limit_every: self.rate_limit_every,
            retry_after_seconds: self.retry_after_s,
            server_error_every: self.server_error_every,
            revoke_tokens_every: None,
            token_failure_every: self.token_failure_every,
            token_failure: TokenFailure::Alternating {
                retry_after_seconds: self.retry_after_s,
            },
            drop_connection_every: self.drop_every,
            drop: DropKind::Alternating,
            rate_limit: self.limit_requests.zip(self.limit_window_ms).map(|(requests, ms)| RateLimit {
                requests,
                window: Duration::from_millis(ms),
            }),
            wrong_type_every: self.wrong_type_every,
            latency: Duration::from_millis(self.latency_ms),
        }
    }
}

/// Prints the base URL. Then, for each `stats` line on stdin, prints what
/// was served so far (one JSON line of counters); when stdin closes,
/// prints them once more and returns.
pub async fn serve(accounts: usize, faults: &FaultArgs, client_id: &str, client_secret: &str) -> Result<()> {
    let tenant = MockTenant::start(Config {
        accounts,
        identities: 10,
        machine_identities: 0,
        client_id: client_id.into(),
        client_secret: client_secret.into(),
        token_lifetime: Duration::from_secs(faults.token_ttl_s),
        faults: faults.faults(),
        ..Config::default()
    })
    .await?;
    println!("{}", tenant.base_url());
    // Serve until the parent closes our stdin.
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    while let Some(line) = lines.next_line().await? {
        if line.trim() == "stats" {
            println!("{}", serde_json::to_string(&tenant.stats())?);
        }
    }
    println!("{}", serde_json::to_string(&tenant.stats())?);
    Ok(())
}
