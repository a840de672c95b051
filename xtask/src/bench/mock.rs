//! The mock tenant binary's own figures (issue 16): start-up with 10,000
//! accounts, requests per second on one core for a simple authenticated
//! GET, and peak RSS with 100,000 accounts. The server is pinned to core 0
//! and the load to core 1 (`taskset`), so the server has exactly one core.

use super::measure;
use super::report::Report;
use super::server::Server;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

/// Requests of the throughput run: a few seconds at the goal's rate.
const REQUESTS: usize = 100_000;
const CONCURRENCY: usize = 32;
/// Accounts whose name starts with `a`, sorted by name descending.
const FILTERED_LIST: &str = "/v2025/accounts?limit=10&filters=name%20sw%20%22a%22&sorters=-name";

/// The binary on core 0, started and listening.
fn start(exe: &Path, accounts: usize) -> Result<Server> {
    let mut command = Command::new("taskset");
    command.args(["-c", "0"]).arg(exe);
    command.args(["--port", "0", "--accounts", &accounts.to_string()]);
    command.args(["--client-id", "bench-id", "--client-secret", "bench-secret"]);
    Server::spawn(command, |line| line.strip_prefix("listening on "))
}

pub fn mock(root: &Path, bench_exe: &Path, report: &mut Report) -> Result<()> {
    super::cargo(root, &["build", "--release", "--quiet", "-p", "sailpoint-mock-tenant", "--bin", "sailpoint-mock-tenant"])?;
    let exe = root.join("target/release/sailpoint-mock-tenant");
    report.section("Mock tenant binary (release; server pinned to one core, load from another)");

    let small = start(&exe, 10_000)?;
    report.row("start-up to `listening on`, 10,000 accounts, ms", &format!("{:.0}", small.startup.as_secs_f64() * 1e3), "goal < 200 ms");
    let mut load = Command::new("taskset");
    load.args(["-c", "1"]).arg(bench_exe).args(["mock-load", "--url", &small.url]);
    load.args(["--requests", &REQUESTS.to_string(), "--concurrency", &CONCURRENCY.to_string()]);
    let (_, stdout) = measure::run(&mut load)?;
    let result: serde_json::Value = serde_json::from_str(stdout.trim()).with_context(|| format!("mock-load output {stdout:?}"))?;
    let seconds = result["seconds"].as_f64().context("mock-load seconds")?;
    report.row(
        &format!("`GET /v2025/accounts?limit=1` with a bearer token, {REQUESTS} requests, {CONCURRENCY} at a time: requests/s"),
        &format!("{:.0}", REQUESTS as f64 / seconds),
        "goal ≥ 20,000",
    );
    report.row("peak RSS after that load, 10,000 accounts, MB", &format!("{:.0}", small.peak_rss_mb()?), "");
    drop(small);

    let large = start(&exe, 100_000)?;
    report.row("start-up, 100,000 accounts, ms", &format!("{:.0}", large.startup.as_secs_f64() * 1e3), "");
    report.row("peak RSS, 100,000 accounts, MB", &format!("{:.0}", large.peak_rss_mb()?), "");
    // A filter and a sort read every record: the tenant must not keep them
    // all parsed afterwards.
    let mut filtered = Command::new(bench_exe);
    filtered.args(["mock-load", "--url", &large.url, "--path", FILTERED_LIST, "--requests", "3", "--concurrency", "1"]);
    measure::run(&mut filtered)?;
    report.row("peak RSS after 3 filtered, sorted lists over them, MB", &format!("{:.0}", large.peak_rss_mb()?), "");
    Ok(())
}
