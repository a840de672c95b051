//! `cargo xtask bench`: measures what the performance goals talk about —
//! regen, build times of the generated crates, decode throughput and
//! pagination against the loopback mock tenant, with the hand-written
//! baseline and, when it installs, the official Python SDK in the same
//! run — plus the soak and the field simulation of issue 14, then prints
//! a table and appends it to docs/perf.md. Figures are medians of `--runs`
//! runs with min and max (the soak and field rows: one run each); nothing
//! here asserts a time. `--only` runs some sections alone.

mod current;
mod field;
mod measure;
mod mock;
mod python;
mod python2;
mod report;
mod server;
mod soak;
mod stream;

use crate::workspace_root;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use measure::{spread, Measured};
use report::Report;
use server::Server;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The sections of the bench, in the order they run.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    /// Full regen of the three versions.
    Regen,
    /// Build times of the generated crates (about 10 minutes).
    Build,
    /// Decode throughput.
    Decode,
    /// Pagination over loopback, with the hand-written baseline and Python.
    Pagination,
    /// Every account through every fault at once (minutes).
    Soak,
    /// ISC's rate limit and 300 ms latency (minutes; Python too).
    Field,
    /// The `sailpoint` crate and the Python SDK 2.x over `/accounts/v1`.
    Current,
    /// Build time of the `sailpoint` crate alone (part of `build`).
    BuildCurrent,
    /// The mock tenant binary: start-up, requests/s on one core, peak RSS.
    Mock,
}

#[derive(Args)]
pub struct BenchArgs {
    /// Runs per figure (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Accounts in the pagination, soak and field workloads.
    #[arg(long, default_value_t = 100_000)]
    accounts: usize,
    /// Skip the build-time section (about 10 minutes per run on 2 cores).
    #[arg(long)]
    skip_build: bool,
    /// Runs per build-time figure. One by default: a clean build of the
    /// v2025 crate takes minutes, and compiler work varies little between
    /// runs.
    #[arg(long, default_value_t = 1)]
    build_runs: usize,
    /// Skip the Python SDK comparisons (pagination and field).
    #[arg(long)]
    skip_python: bool,
    /// The spec folder, for the regen figures.
    #[arg(long, env = "SAILPOINT_SPECS")]
    specs: Option<PathBuf>,
    /// Print only; do not append to docs/perf.md.
    #[arg(long)]
    no_write: bool,
    /// Run only these sections (repeat, or separate with commas); all by
    /// default, `--skip-build` aside.
    #[arg(long, value_enum, value_delimiter = ',')]
    only: Vec<Section>,
    /// Only the `sailpoint` crate's build rows whose cargo command contains
    /// this (`accounts-v1`: the one-resource row alone).
    #[arg(long)]
    build_current_match: Option<String>,
}

impl BenchArgs {
    fn runs_section(&self, section: Section) -> bool {
        if self.only.is_empty() {
            !(matches!(section, Section::Build | Section::BuildCurrent) && self.skip_build)
        } else {
            self.only.contains(&section)
        }
    }
}

pub fn bench(args: &BenchArgs) -> Result<std::process::ExitCode> {
    let root = workspace_root();
    let mut report = Report::new(&root)?;
    if args.runs_section(Section::Regen) {
        regen(args, &mut report)?;
    }
    if args.runs_section(Section::Build) {
        builds(&root, args.build_runs.max(1), &mut report)?;
    }
    if args.runs_section(Section::Build) || args.runs_section(Section::BuildCurrent) {
        current::builds(&root, args.build_runs.max(1), args.build_current_match.as_deref(), &mut report)?;
    }
    let workloads = [Section::Decode, Section::Pagination, Section::Soak, Section::Field, Section::Current, Section::Mock];
    if workloads.iter().any(|s| args.runs_section(*s)) {
        cargo(&root, &["build", "--release", "--quiet", "-p", "sailpoint-bench"])?;
    }
    let bench_exe = root.join("target/release/sailpoint-bench");
    let work = root.join("target/bench");
    if args.runs_section(Section::Decode) {
        decode(&bench_exe, args, &mut report)?;
    }
    if args.runs_section(Section::Pagination) {
        pagination(&bench_exe, &work, args, &mut report)?;
    }
    if args.runs_section(Section::Soak) {
        soak::soak(&bench_exe, args.accounts, &mut report)?;
    }
    if args.runs_section(Section::Field) {
        field::field(&bench_exe, &work, args.accounts, !args.skip_python, &mut report)?;
    }
    if args.runs_section(Section::Mock) {
        mock::mock(&root, &bench_exe, &mut report)?;
    }
    if args.runs_section(Section::Current) {
        current::pagination(&bench_exe, &work, args.accounts, args.runs, !args.skip_python, &mut report)?;
    }
    report.print();
    if !args.no_write {
        report.append_to(&root.join("docs/perf.md"))?;
        eprintln!("appended to docs/perf.md");
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(env!("CARGO")).args(args).current_dir(root).status().with_context(|| format!("cargo {args:?}"))?;
    if !status.success() {
        bail!("cargo {args:?} failed");
    }
    Ok(())
}

fn regen(args: &BenchArgs, report: &mut Report) -> Result<()> {
    let exe = std::env::current_exe()?;
    let mut runs = Vec::new();
    let mut stages = String::new();
    for _ in 0..args.runs {
        let mut command = Command::new(&exe);
        command.args(["regen", "--check", "--timings"]);
        if let Some(specs) = &args.specs {
            command.arg("--specs").arg(specs);
        }
        let (measured, stdout) = measure::run(&mut command)?;
        stages = stdout.lines().filter(|l| l.starts_with("timings")).collect::<Vec<_>>().join("\n");
        runs.push(measured);
    }
    report.section("Generator: full regen of beta, v2024 and v2025 (release xtask, already built)");
    report.row("regen, wall s", &walls(&runs), "goal < 5 s");
    report.row("regen, peak RSS MB", &spread(&runs.iter().map(|m| m.peak_rss_mb).collect::<Vec<_>>()).to_string(), "");
    report.note(&format!("stages of the last run: `{stages}`"));
    Ok(())
}

fn walls(runs: &[Measured]) -> String {
    spread(&runs.iter().map(|m| m.wall.as_secs_f64()).collect::<Vec<_>>()).to_string()
}

fn builds(root: &Path, runs: usize, report: &mut Report) -> Result<()> {
    report.section(&format!("Build time of the generated crates (dependencies prebuilt, CARGO_INCREMENTAL=0, {runs} run(s) each)"));
    // Dependencies first, so only the generated crate is measured.
    for profile in [&["check"][..], &["build"][..], &["build", "--release"][..]] {
        let mut args = profile.to_vec();
        args.extend(["--quiet", "-p", "sailpoint-runtime"]);
        cargo(root, &args)?;
    }
    // One tag alone: the per-tag features (`accounts` and what it reaches).
    const ONE_TAG: [&str; 3] = ["--no-default-features", "--features", "accounts"];
    let cases: [(&str, &[&str], &str); 8] = [
        ("sailpoint-v2025", &["check"], "goal < 30 s, RSS < 1.5 GB"),
        ("sailpoint-v2025", &["build"], "goal < 45 s, RSS < 1.5 GB"),
        ("sailpoint-v2025", &["build", "--release"], "goal < 60 s, RSS < 1.5 GB"),
        ("sailpoint-v2025", &["check", ONE_TAG[0], ONE_TAG[1], ONE_TAG[2]], "one tag"),
        ("sailpoint-v2025", &["build", ONE_TAG[0], ONE_TAG[1], ONE_TAG[2]], "one tag"),
        ("sailpoint-v2025", &["build", "--release", ONE_TAG[0], ONE_TAG[1], ONE_TAG[2]], "one tag"),
        ("sailpoint-v2024", &["check"], ""),
        ("sailpoint-beta", &["check"], ""),
    ];
    for (krate, action, goal) in cases {
        let runs: Vec<Measured> = (0..runs).map(|_| clean_build(root, krate, action)).collect::<Result<_>>()?;
        let peak_rss = runs.iter().map(|m| m.peak_rss_mb).fold(0.0, f64::max);
        report.row(&format!("{krate} `cargo {}`, s (peak rustc RSS {peak_rss:.0} MB)", action.join(" ")), &walls(&runs), goal);
    }
    Ok(())
}

/// One build of `krate` from clean, its dependencies left built.
fn clean_build(root: &Path, krate: &str, action: &[&str]) -> Result<Measured> {
    let mut clean = vec!["clean", "--quiet", "-p", krate];
    if action.contains(&"--release") {
        clean.push("--release");
    }
    cargo(root, &clean)?;
    let mut command = Command::new(env!("CARGO"));
    command.args(action).args(["--quiet", "-p", krate]).env("CARGO_INCREMENTAL", "0").current_dir(root);
    if action.first() == Some(&"build") && !action.contains(&"--release") {
        // This workspace builds the generated crates without debug info
        // (Cargo.toml); a user's dev profile has it, so measure that.
        command.args(["--config", &format!("profile.dev.package.{krate}.debug=true")]);
    }
    Ok(measure::run(&mut command)?.0)
}

fn decode(bench_exe: &Path, args: &BenchArgs, report: &mut Report) -> Result<()> {
    let mut command = Command::new(bench_exe);
    command.args(["decode", "--items", "20000", "--runs", &args.runs.max(3).to_string()]);
    let (_, stdout) = measure::run(&mut command)?;
    report.section("Decode throughput: JSON arrays of 20,000 v2024 accounts (the mock tenant's) and of 20,000 v2025 sources (undeclared fields in each)");
    // (model, decoder, items/s), for the generated / hand-written ratio per model.
    let mut rates: Vec<(String, String, f64)> = Vec::new();
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).context("decode output")?;
        let name = value["decoder"].as_str().unwrap_or("?").to_owned();
        let model = value["model"].as_str().unwrap_or("?").to_owned();
        let items = value["items"].as_f64().unwrap_or(0.0);
        let megabytes = value["bytes"].as_f64().unwrap_or(0.0) / 1e6;
        let seconds: Vec<f64> = value["seconds"].as_array().map(|a| a.iter().filter_map(|v| v.as_f64()).collect()).unwrap_or_default();
        let median = spread(&seconds).median;
        rates.push((model, name.clone(), items / median));
        report.row(&format!("{name}: items/s, MB/s"), &format!("{:.0}, {:.0}", items / median, megabytes / median), "");
    }
    let mut models: Vec<&str> = rates.iter().map(|r| r.0.as_str()).collect();
    models.dedup();
    for model in models {
        let rate = |prefix: &str| rates.iter().find(|r| r.0 == model && r.1.starts_with(prefix)).map(|r| r.2);
        if let (Some(generated), Some(hand)) = (rate("generated"), rate("hand")) {
            report.note(&format!("{model}: generated / hand-written throughput: {:.2}", generated / hand));
        }
    }
    Ok(())
}

/// `--latency-ms N`, the only fault the pagination section uses.
fn latency(ms: u64) -> Vec<String> {
    vec![format!("--latency-ms={ms}")]
}

fn paginate(bench_exe: &Path, url: &str, client: &str, expected: usize) -> Result<Measured> {
    let mut command = Command::new(bench_exe);
    command.args(["paginate", "--url", url, "--client", client]);
    let (measured, stdout) = measure::run(&mut command)?;
    if stdout.trim() != expected.to_string() {
        bail!("{client} streamed {} items, not {expected}", stdout.trim());
    }
    Ok(measured)
}

fn pagination(bench_exe: &Path, work: &Path, args: &BenchArgs, report: &mut Report) -> Result<()> {
    let n = args.accounts;
    report.section(&format!("Pagination: {n} v2024 accounts, 250 per page, loopback mock tenant in its own process"));
    let server = Server::start(bench_exe, n, &latency(0))?;
    let clients = [("sdk", "SDK item stream"), ("sdk-prefetch", "SDK item stream, prefetch 4"), ("handwritten", "hand-written reqwest + serde_json loop")];
    let mut medians = Vec::new();
    for (client, label) in clients {
        let runs: Vec<Measured> = (0..args.runs).map(|_| paginate(bench_exe, &server.url, client, n)).collect::<Result<_>>()?;
        let wall = spread(&runs.iter().map(|m| m.wall.as_secs_f64()).collect::<Vec<_>>());
        let cpu = spread(&runs.iter().map(|m| m.cpu.as_secs_f64()).collect::<Vec<_>>());
        let rss = spread(&runs.iter().map(|m| m.peak_rss_mb).collect::<Vec<_>>());
        medians.push((client, wall.median));
        let goal = if client.starts_with("sdk") { "goal < 1 s, < 30 MB" } else { "baseline" };
        report.row(&format!("{label}: wall s / CPU s / peak RSS MB"), &format!("{wall} / {cpu} / {rss}"), goal);
    }
    let hand = medians.iter().find(|m| m.0 == "handwritten").map(|m| m.1).unwrap_or(f64::NAN);
    for (client, wall) in &medians {
        if *client != "handwritten" {
            report.note(&format!("{client} / hand-written wall: {:.2} (goal ≤ 1.5)", wall / hand));
        }
    }
    if !args.skip_python {
        python::compare(work, &server.url, n, args.runs, hand, report)?;
    }
    drop(server);

    let slow = Server::start(bench_exe, n.min(20_000), &latency(20))?;
    let m = n.min(20_000);
    report.section(&format!("Pagination with 20 ms latency per request: {m} accounts, one run each"));
    for (client, label) in clients {
        let measured = paginate(bench_exe, &slow.url, client, m)?;
        report.row(&format!("{label}: wall s"), &format!("{:.2}", measured.wall.as_secs_f64()), "");
    }
    Ok(())
}
