//! The current per-resource API (issue 15): this project's `sailpoint`
//! crate against the official Python SDK 2.x, both paging every account of
//! `GET /accounts/v1` from one loopback mock tenant (one server process,
//! no faults, pages of 250); and the `sailpoint` crate's build times, the
//! whole crate and one resource alone.

use super::measure::{self, spread, Measured};
use super::python2;
use super::report::Report;
use super::server::Server;
use super::{clean_build, walls};
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// One client's runs, and what the server saw for them.
struct Rows {
    label: String,
    runs: Vec<Measured>,
    /// Delivered and distinct ids of the last run.
    delivered: u64,
    distinct: u64,
    /// API requests of the last run (pages, retries included).
    requests: u64,
}

pub fn pagination(bench_exe: &Path, work: &Path, accounts: usize, runs: usize, with_python: bool, report: &mut Report) -> Result<()> {
    let runs = runs.max(1);
    let mut server = Server::start(bench_exe, accounts, &[])?;
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    // The Python SDK has no client-side rate limit, so the throughput rows
    // turn the runtime's off; the last row is what the defaults give (ISC's
    // 100 requests per 10 s: the limit, not the client, sets its time, so
    // one run is enough).
    for (client, limit_off, label, times) in [
        ("sdk", true, "`sailpoint` crate, `paginate().items()`, `RateLimit::none()`", runs),
        ("sdk-prefetch", true, "`sailpoint` crate, `paginate().prefetch(4).items()`, `RateLimit::none()`", runs),
        ("sdk-prefetch", false, "`sailpoint` crate, `paginate().prefetch(4).items()`, default rate limit (100 per 10 s)", 1),
    ] {
        let mut row = Rows::new(label);
        for _ in 0..times {
            let before = server.stats()?;
            let mut command = Command::new(bench_exe);
            command.args(["current", "--url", &server.url, "--client", client]);
            if limit_off {
                command.arg("--no-rate-limit");
            }
            let (measured, stdout) = measure::run(&mut command)?;
            let line = stdout.lines().last().unwrap_or_default();
            let value: Value = serde_json::from_str(line).with_context(|| format!("`sailpoint-bench current` output {line:?}"))?;
            row.record(measured, &value, requests(&server.stats()?, &before));
        }
        rows.push(row);
    }
    let mut import = None;
    if with_python {
        match python2::install(work) {
            Err(reason) => notes.push(format!("Python SDK 2.x not run: {reason}")),
            Ok(sdk) => {
                let imports: Vec<Measured> = (0..runs).map(|_| sdk.import()).collect::<Result<_>>()?;
                import = Some((sdk.version.clone(), spread(&imports.iter().map(|m| m.wall.as_secs_f64()).collect::<Vec<_>>())));
                for mode in python2::MODES {
                    let mut row = Rows::new(&format!("Python SDK {}, `Paginator.{mode}(api.list_accounts_v1, n, limit=250)`", sdk.version));
                    for _ in 0..runs {
                        let before = server.stats()?;
                        match sdk.paginate(&server.url, mode, accounts) {
                            Ok(run) => {
                                let value = serde_json::json!({"delivered": run.delivered, "distinct": run.distinct});
                                row.record(run.measured, &value, requests(&server.stats()?, &before));
                            }
                            Err(error) => {
                                notes.push(format!("Python {mode} failed: {error:#}"));
                                break;
                            }
                        }
                    }
                    if !row.runs.is_empty() {
                        rows.push(row);
                    }
                }
            }
        }
    }
    drop(server);

    report.section(&format!(
        "Current API: {accounts} accounts from `GET /accounts/v1`, 250 per page, one loopback mock tenant in its own process, {runs} run(s) each"
    ));
    for row in &rows {
        let cpu = spread(&row.runs.iter().map(|m| m.cpu.as_secs_f64()).collect::<Vec<_>>());
        let rss = spread(&row.runs.iter().map(|m| m.peak_rss_mb).collect::<Vec<_>>());
        report.row(
            &format!("{}: wall s / CPU s / peak RSS MB / delivered / distinct / requests", row.label),
            &format!("{} / {cpu} / {rss} / {} / {} / {}", walls(&row.runs), row.delivered, row.distinct, row.requests),
            "",
        );
        if row.delivered != accounts as u64 || row.distinct != accounts as u64 {
            notes.push(format!("{}: delivered {} ({} distinct), not {accounts}", row.label, row.delivered, row.distinct));
        }
    }
    if let Some((version, wall)) = &import {
        report.row(&format!("Python SDK {version} `{}` alone: wall s", python2::IMPORT), &wall.to_string(), "");
    }
    let median = |row: &Rows| spread(&row.runs.iter().map(|m| m.wall.as_secs_f64()).collect::<Vec<_>>()).median;
    // Against the sequential Rust row: the Python paginators are sequential too.
    if let Some(rust) = rows.first().map(median) {
        for row in rows.iter().filter(|r| r.label.starts_with("Python")) {
            notes.push(format!("{} / `sailpoint` crate (sequential, no limit) wall: {:.1}", row.label, median(row) / rust));
        }
    }
    for note in notes {
        report.note(&note);
    }
    Ok(())
}

impl Rows {
    fn new(label: &str) -> Rows {
        Rows {
            label: label.to_owned(),
            runs: Vec::new(),
            delivered: 0,
            distinct: 0,
            requests: 0,
        }
    }

    fn record(&mut self, measured: Measured, counts: &Value, requests: u64) {
        self.runs.push(measured);
        self.delivered = counts["delivered"].as_u64().unwrap_or(0);
        self.distinct = counts["distinct"].as_u64().unwrap_or(0);
        self.requests = requests;
    }
}

/// API requests the server answered between two snapshots of its counters.
fn requests(after: &Value, before: &Value) -> u64 {
    let count = |v: &Value| v["api_requests"].as_u64().unwrap_or(0);
    count(after).saturating_sub(count(before))
}

/// One resource alone: the feature a user enables to call `/accounts/v1`.
const ONE_RESOURCE: [&str; 3] = ["--no-default-features", "--features", "accounts-v1"];

/// The `sailpoint` crate's build rows. `only` keeps the rows whose cargo
/// command contains it (`accounts-v1`: the one-resource row alone, seconds
/// instead of minutes).
pub fn builds(root: &Path, runs: usize, only: Option<&str>, report: &mut Report) -> Result<()> {
    let cases: [(&[&str], &str); 4] = [
        (&["check"], ""),
        (&["build"], ""),
        (&["build", "--release"], ""),
        (&["check", ONE_RESOURCE[0], ONE_RESOURCE[1], ONE_RESOURCE[2]], "goal < 3 s"),
    ];
    let selected: Vec<_> = cases.iter().filter(|(action, _)| only.is_none_or(|text| action.join(" ").contains(text))).collect();
    if selected.is_empty() {
        bail!("no build row of the `sailpoint` crate matches {only:?}");
    }
    report.section(&format!(
        "Build time of the current-API crate `sailpoint` (dependencies prebuilt, CARGO_INCREMENTAL=0, {runs} run(s) each)"
    ));
    // Dependencies first, in each profile measured, so only the crate is.
    for (action, _) in &selected {
        let mut args = action.iter().take_while(|a| !a.starts_with("--no-default")).copied().collect::<Vec<_>>();
        args.extend(["--quiet", "-p", "sailpoint-runtime"]);
        super::cargo(root, &args)?;
    }
    for (action, goal) in selected {
        let runs: Vec<Measured> = (0..runs).map(|_| clean_build(root, "sailpoint", action)).collect::<Result<_>>()?;
        let peak_rss = runs.iter().map(|m| m.peak_rss_mb).fold(0.0, f64::max);
        // CPU too: on a shared machine the wall includes waits for cargo's
        // build lock and for the cores; the CPU time does not.
        let cpu = spread(&runs.iter().map(|m| m.cpu.as_secs_f64()).collect::<Vec<_>>());
        report.row(
            &format!("sailpoint `cargo {}`: wall s / CPU s (peak rustc RSS {peak_rss:.0} MB)", action.join(" ")),
            &format!("{} / {cpu}", walls(&runs)),
            goal,
        );
    }
    Ok(())
}
