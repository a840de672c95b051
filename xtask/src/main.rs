//! `cargo xtask`: the maintainer's commands.

mod bench;
mod fixtures;
mod spec_lock;
mod regen;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Maintainer tasks for the SailPoint SDK generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the client crates in generated/ from the specs.
    Regen(regen::RegenArgs),
    /// Measure regen, build times, decode throughput and pagination; append the table to docs/perf.md.
    Bench(bench::BenchArgs),
    /// Print per-version statistics: operations, experimental, paginated, types, diagnostics.
    Stats(regen::SpecArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Regen(args) => regen::regen(&args),
        Command::Stats(args) => regen::stats(&args),
        Command::Bench(args) => bench::bench(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
