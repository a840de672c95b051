//! The mock tenant in its own process (`sailpoint-bench serve`), so its
//! data and CPU are not counted in the client's figures. It prints its URL
//! first, then one JSON line of what it served for each `stats` line on
//! its stdin, and once more when its stdin closes.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Building 100,000 accounts takes about a second in release.
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// The counters are printed as soon as they are asked for.
const STATS_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Server {
    child: Child,
    pub url: String,
    /// The server's stdout after the URL, read on a thread so that every
    /// wait on it has a timeout.
    lines: Receiver<String>,
}

impl Server {
    /// Serves `accounts` accounts with the fault flags `faults`
    /// (`sailpoint-bench serve --help`).
    pub fn start(bench_exe: &Path, accounts: usize, faults: &[String]) -> Result<Server> {
        let mut child = Command::new(bench_exe)
            .args(["serve", "--accounts", &accounts.to_string()])
            .args(faults)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .context("starting the mock tenant")?;
        let stdout = child.stdout.take().context("mock tenant stdout")?;
        let (sender, lines) = mpsc::channel();
        // Ends at EOF, when the server exits or is killed.
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            url: String::new(),
            lines,
        };
        let line = server.lines.recv_timeout(START_TIMEOUT).context("the mock tenant did not start")?;
        if !line.starts_with("http") {
            bail!("the mock tenant did not start: {line:?}");
        }
        server.url = line.trim().to_owned();
        Ok(server)
    }

    /// Its counters so far (`StatsSnapshot` as JSON).
    pub fn stats(&mut self) -> Result<serde_json::Value> {
        let stdin = self.child.stdin.as_mut().context("the mock tenant's stdin")?;
        writeln!(stdin, "stats").and_then(|()| stdin.flush()).context("asking the mock tenant for its counters")?;
        self.counters()
    }

    /// Stops the server and returns its counters.
    pub fn stop(mut self) -> Result<serde_json::Value> {
        drop(self.child.stdin.take());
        self.counters()
    }

    fn counters(&self) -> Result<serde_json::Value> {
        let line = self.lines.recv_timeout(STATS_TIMEOUT).context("the mock tenant did not report its counters")?;
        serde_json::from_str(&line).with_context(|| format!("the mock tenant's counters: {line:?}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Closing stdin stops it; kill in case it is stuck.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
