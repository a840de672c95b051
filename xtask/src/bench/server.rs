//! The mock tenant in its own process, so its data and CPU are not counted
//! in the client's figures: `sailpoint-bench serve`, which prints its URL
//! first, then one JSON line of what it served for each `stats` line on
//! its stdin, and once more when its stdin closes; or the
//! `sailpoint-mock-tenant` binary, whose first line is `listening on URL`.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Building 100,000 accounts takes about a second in release.
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// The counters are printed as soon as they are asked for.
const STATS_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Server {
    child: Child,
    pub url: String,
    /// From spawning it to its URL line.
    pub startup: Duration,
    /// The server's stdout after the URL, read on a thread so that every
    /// wait on it has a timeout.
    lines: Receiver<String>,
}

impl Server {
    /// Serves `accounts` accounts with the fault flags `faults`
    /// (`sailpoint-bench serve --help`).
    pub fn start(bench_exe: &Path, accounts: usize, faults: &[String]) -> Result<Server> {
        let mut command = Command::new(bench_exe);
        command.args(["serve", "--accounts", &accounts.to_string()]).args(faults);
        Server::spawn(command, |line| line.starts_with("http").then_some(line))
    }

    /// Runs `command`, whose first stdout line gives the URL through
    /// `url_of`.
    pub fn spawn(mut command: Command, url_of: fn(&str) -> Option<&str>) -> Result<Server> {
        let started = Instant::now();
        let mut child = command
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
            startup: Duration::ZERO,
            lines,
        };
        let line = server.lines.recv_timeout(START_TIMEOUT).context("the mock tenant did not start")?;
        server.startup = started.elapsed();
        let Some(url) = url_of(line.trim()) else {
            bail!("the mock tenant did not start: {line:?}");
        };
        server.url = url.to_owned();
        Ok(server)
    }

    /// The high-water mark of its resident set so far, from /proc.
    pub fn peak_rss_mb(&self) -> Result<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .context("VmHWM in /proc/PID/status")?;
        Ok(kb / 1024.0)
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
