//! Workloads for `cargo xtask bench`. Each runs in its own process so that
//! xtask can measure its wall time, CPU time and peak RSS from outside;
//! the mock tenant runs in another process so its data is not counted.

mod current;
mod decode;
mod handwritten;
mod mockload;
mod serve;
mod source;
mod stream;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve a mock tenant; prints its base URL, and when stdin closes,
    /// one JSON line of what it served, then stops.
    Serve {
        #[arg(long, default_value_t = 100_000)]
        accounts: usize,
        #[command(flatten)]
        faults: serve::FaultArgs,
    },
    /// Stream every v2024 account from a mock tenant; prints the count.
    Paginate {
        #[arg(long)]
        url: String,
        #[arg(long, value_enum)]
        client: PaginationClient,
    },
    /// Stream every v2025 account with the SDK, accounting for each id;
    /// prints one JSON line (delivered, distinct, duplicates, lost, errors).
    Stream {
        #[arg(long)]
        url: String,
        /// `sdk` or `sdk-prefetch`.
        #[arg(long, value_enum)]
        client: PaginationClient,
        /// Accounts the tenant holds.
        #[arg(long)]
        expected: usize,
        /// Retry attempts; the runtime's default policy when absent.
        #[arg(long)]
        max_attempts: Option<u32>,
    },
    /// Stream every account of the current API (`/accounts/v1`) with the
    /// `sailpoint` crate; prints one JSON line (delivered, distinct, seconds).
    Current {
        #[arg(long)]
        url: String,
        /// `sdk` or `sdk-prefetch`.
        #[arg(long, value_enum)]
        client: PaginationClient,
        /// Turn the client-side rate limit off (`RateLimit::none()`).
        #[arg(long)]
        no_rate_limit: bool,
    },
    /// `requests` authenticated GETs of `path` (one account, by default)
    /// from a mock tenant, `concurrency` at a time; prints one JSON line.
    MockLoad {
        #[arg(long)]
        url: String,
        #[arg(long, default_value = "/v2025/accounts?limit=1")]
        path: String,
        #[arg(long, default_value_t = 100_000)]
        requests: usize,
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
    },
    /// Decode a JSON array of accounts, then one of sources, several ways; prints one JSON line per way.
    Decode {
        #[arg(long, default_value_t = 20_000)]
        items: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum PaginationClient {
    /// The generated client's item stream, one page at a time.
    Sdk,
    /// The same with four pages requested ahead.
    SdkPrefetch,
    /// reqwest + serde_json into a hand-written struct.
    Handwritten,
}

const CLIENT_ID: &str = "bench-id";
const CLIENT_SECRET: &str = "bench-secret";

fn main() -> Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match cli.command {
        Command::Serve { accounts, faults } => runtime.block_on(serve::serve(accounts, &faults, CLIENT_ID, CLIENT_SECRET)),
        Command::Paginate { url, client } => {
            let count = runtime.block_on(paginate(&url, client))?;
            println!("{count}");
            Ok(())
        }
        Command::Stream {
            url,
            client,
            expected,
            max_attempts,
        } => {
            let prefetch = match client {
                PaginationClient::Sdk => 0,
                PaginationClient::SdkPrefetch => 4,
                PaginationClient::Handwritten => bail!("`stream` measures the SDK: --client sdk or sdk-prefetch"),
            };
            runtime.block_on(stream::run(stream::Options {
                url: &url,
                client_id: CLIENT_ID,
                client_secret: CLIENT_SECRET,
                prefetch,
                expected,
                max_attempts,
            }))
        }
        Command::Current { url, client, no_rate_limit } => {
            let prefetch = match client {
                PaginationClient::Sdk => 0,
                PaginationClient::SdkPrefetch => 4,
                PaginationClient::Handwritten => bail!("`current` measures the SDK: --client sdk or sdk-prefetch"),
            };
            runtime.block_on(current::run(current::Options {
                url: &url,
                client_id: CLIENT_ID,
                client_secret: CLIENT_SECRET,
                prefetch,
                no_rate_limit,
            }))
        }
        Command::MockLoad { url, path, requests, concurrency } => runtime.block_on(mockload::run(&url, &path, requests, concurrency)),
        Command::Decode { items, runs } => decode::run(items, runs),
    }
}

async fn paginate(url: &str, client: PaginationClient) -> Result<u64> {
    match client {
        PaginationClient::Handwritten => handwritten::paginate(url, CLIENT_ID, CLIENT_SECRET).await,
        PaginationClient::Sdk | PaginationClient::SdkPrefetch => {
            // Client overhead against the hand-written client, which has no
            // rate limit either; the rate-limited figures are the field rows.
            let runtime = sailpoint_runtime::Client::builder()
                .base_url(url)
                .client_credentials(CLIENT_ID, CLIENT_SECRET)
                .rate_limit(sailpoint_runtime::RateLimit::none())
                .build()?;
            let v2024 = sailpoint_v2024::Client::new(&runtime);
            let prefetch = if matches!(client, PaginationClient::SdkPrefetch) { 4 } else { 0 };
            let mut items = v2024.accounts().list_accounts().paginate().prefetch(prefetch).items();
            let mut count = 0u64;
            let mut bytes = 0usize;
            while let Some(account) = items.next().await {
                // Touch each item so the work cannot be skipped.
                bytes += account.context("streaming accounts")?.native_identity.len();
                count += 1;
            }
            if bytes == 0 && count > 0 {
                bail!("accounts came back empty");
            }
            Ok(count)
        }
    }
}
