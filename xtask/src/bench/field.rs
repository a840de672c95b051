//! The field simulation (issue 14): ISC's documented rate limit (100
//! requests per 10 s per client id) and 300 ms of latency per request.
//! The floor is the limit itself: pages / 10 per second (40 s for 400
//! pages). Prefetch should come close to it without a 429 reaching the
//! user; one page at a time is latency-bound; the official Python SDK,
//! when it installs, runs beside them on the same simulation.

use super::python;
use super::report::Report;
use super::server::Server;
use super::stream;
use anyhow::Result;
use std::path::Path;

const REQUESTS_PER_WINDOW: u64 = 100;
const WINDOW_S: u64 = 10;
const LATENCY_MS: u64 = 300;

fn faults() -> Vec<String> {
    vec![
        format!("--limit-requests={REQUESTS_PER_WINDOW}"),
        format!("--limit-window-ms={}", WINDOW_S * 1000),
        format!("--latency-ms={LATENCY_MS}"),
    ]
}

pub fn field(bench_exe: &Path, work: &Path, accounts: usize, with_python: bool, report: &mut Report) -> Result<()> {
    let pages = accounts.div_ceil(250);
    let floor = pages as f64 * WINDOW_S as f64 / REQUESTS_PER_WINDOW as f64;
    report.section(&format!(
        "Field simulation: {accounts} v2025 accounts ({pages} pages of 250), {REQUESTS_PER_WINDOW} requests per {WINDOW_S} s per client, \
         {LATENCY_MS} ms latency, one run each; floor {floor:.0} s"
    ));
    let mut notes = Vec::new();
    let clients = [
        ("sdk-prefetch", "SDK item stream, prefetch 4", format!("≤ {:.0} s, 0 429s surfaced, 0 lost", floor * 1.1)),
        ("sdk", "SDK item stream, one page at a time", String::new()),
    ];
    for (client, label, goal) in clients {
        // A fresh server per run: the limiter's window starts empty.
        let server = Server::start(bench_exe, accounts, &faults())?;
        let streamed = stream::run(bench_exe, &server.url, client, accounts);
        let served = server.stop()?;
        let rejected = served["rate_limit_exceeded"].as_u64().unwrap_or(0);
        match streamed {
            Ok(s) => {
                report.row(
                    &format!("{label}: wall s / 429s surfaced / lost / 429s the server sent"),
                    &format!("{:.1} / {} / {} / {rejected}", s.measured.wall.as_secs_f64(), s.surfaced("HTTP 429"), s.lost),
                    &goal,
                );
                if let Some(error) = &s.first_error {
                    notes.push(format!("{label}: errors surfaced: {}; first: {error}", s.errors_text()));
                }
            }
            Err(error) => report.row(&format!("{label}: run"), &format!("failed: {error:#}"), &goal),
        }
    }
    if with_python {
        let server = Server::start(bench_exe, accounts, &faults())?;
        let outcome = python::field(work, &server.url, accounts);
        let served = server.stop()?;
        let rejected = served["rate_limit_exceeded"].as_u64().unwrap_or(0);
        match outcome {
            Ok(run) => {
                report.row(
                    "Python SDK list (its Paginator, defaults): wall s / distinct ids / 429s the server sent",
                    &format!("{:.1} / {} / {rejected}", run.measured.wall.as_secs_f64(), run.distinct),
                    "",
                );
                if let Some(error) = run.error {
                    notes.push(format!("Python SDK: {error}"));
                }
            }
            Err(reason) => notes.push(format!("Python SDK on the field simulation not run: {reason}")),
        }
    }
    for note in notes {
        report.note(&note);
    }
    Ok(())
}
