//! Runs `sailpoint-bench stream` (the SDK's item stream over every v2025
//! account) and reads its account of the ids.

use super::measure::{self, Measured};
use anyhow::{Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// What one streaming run delivered.
pub struct Streamed {
    pub measured: Measured,
    pub delivered: u64,
    pub distinct: u64,
    pub duplicates: u64,
    pub lost: u64,
    /// Errors the stream surfaced, by kind (`HTTP 429`, `Transport`, …).
    pub errors: Vec<(String, u64)>,
    pub first_error: Option<String>,
}

impl Streamed {
    pub fn surfaced(&self, kind: &str) -> u64 {
        self.errors.iter().filter(|(k, _)| k == kind).map(|(_, n)| n).sum()
    }

    /// `none`, or `3 HTTP 429, 1 Transport`.
    pub fn errors_text(&self) -> String {
        if self.errors.is_empty() {
            return "none".into();
        }
        self.errors.iter().map(|(kind, n)| format!("{n} {kind}")).collect::<Vec<_>>().join(", ")
    }
}

/// `client` is `sdk` or `sdk-prefetch`.
pub fn run(bench_exe: &Path, url: &str, client: &str, expected: usize) -> Result<Streamed> {
    let mut command = Command::new(bench_exe);
    command.args(["stream", "--url", url, "--client", client, "--expected", &expected.to_string()]);
    let (measured, stdout) = measure::run(&mut command)?;
    let line = stdout.lines().last().unwrap_or_default();
    let value: Value = serde_json::from_str(line).with_context(|| format!("stream output {line:?}"))?;
    let number = |key: &str| value[key].as_u64().unwrap_or(0);
    let errors = value["errors"].as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0))).collect()).unwrap_or_default();
    Ok(Streamed {
        measured,
        delivered: number("delivered"),
        distinct: number("distinct"),
        duplicates: number("duplicates"),
        lost: number("lost"),
        errors,
        first_error: value["first_error"].as_str().map(str::to_owned),
    })
}
