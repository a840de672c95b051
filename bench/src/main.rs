//! Workloads for `cargo xtask bench`. Each runs in its own process so that
//! xtask can measure its wall time, CPU time and peak RSS from outside;
//! the mock tenant runs in another process so its data is not counted.

mod decode;
mod handwritten;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use sailpoint_mock_tenant::{Config, Faults, MockTenant};
use std::time::Duration;
use tokio::io::AsyncReadExt;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve a mock tenant; prints its base URL, stops when stdin closes.
    Serve {
        #[arg(long, default_value_t = 100_000)]
        accounts: usize,
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
    },
    /// Stream every v2024 account from a mock tenant; prints the count.
    Paginate {
        #[arg(long)]
        url: String,
        #[arg(long, value_enum)]
        client: PaginationClient,
    },
    /// Decode a JSON array of accounts several ways; prints one JSON line per way.
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
        Command::Serve { accounts, latency_ms } => runtime.block_on(serve(accounts, latency_ms)),
        Command::Paginate { url, client } => {
            let count = runtime.block_on(paginate(&url, client))?;
            println!("{count}");
            Ok(())
        }
        Command::Decode { items, runs } => decode::run(items, runs),
    }
}

async fn serve(accounts: usize, latency_ms: u64) -> Result<()> {
    let tenant = MockTenant::start(Config {
        accounts,
        identities: 10,
        machine_identities: 0,
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        faults: Faults {
            latency: Duration::from_millis(latency_ms),
            ..Faults::default()
        },
        ..Config::default()
    })
    .await?;
    println!("{}", tenant.base_url());
    // Serve until the parent closes our stdin.
    let mut sink = Vec::new();
    tokio::io::stdin().read_to_end(&mut sink).await?;
    Ok(())
}

async fn paginate(url: &str, client: PaginationClient) -> Result<u64> {
    match client {
        PaginationClient::Handwritten => handwritten::paginate(url, CLIENT_ID, CLIENT_SECRET).await,
        PaginationClient::Sdk | PaginationClient::SdkPrefetch => {
            let runtime = sailpoint_runtime::Client::builder().base_url(url).client_credentials(CLIENT_ID, CLIENT_SECRET).build()?;
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
