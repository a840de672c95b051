//! `cargo xtask`: the maintainer's commands.

mod bench;
mod regen;
mod release;
mod spec_lock;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use sailpoint_generator::pipeline::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// Code generation builds and drops millions of small token trees on two
/// threads; with glibc's allocator a third of regen's CPU went to malloc
/// and free (perf), and mimalloc's per-thread heaps take most of that away.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Check or bump the generated crates' versions from their API changes since the last release, and write their changelogs (a dry run unless --execute).
    Release(release::ReleaseArgs),
}

fn main() -> ExitCode {
    let workspace = match std::env::current_dir().map_err(anyhow::Error::from).and_then(|dir| Ok(Workspace::discover(&dir)?)) {
        Ok(workspace) => workspace,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let cli = match parse(&workspace) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Regen(args) => regen::regen(&workspace, &args),
        Command::Stats(args) => regen::stats(&workspace, &args),
        Command::Bench(args) => bench::bench(&args),
        Command::Release(args) => release::release(&workspace, &args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the arguments, with `--version`'s help and accepted values read
/// from `specs/versions.toml`, so adding a version needs no change here.
fn parse(workspace: &Workspace) -> Result<Cli, clap::Error> {
    let versions: Vec<String> = workspace.versions().map(|v| v.into_iter().map(|s| s.version).collect()).unwrap_or_default();
    let help = format!("Only this version ({}); repeatable", versions.join(", "));
    let restrict = |cmd: clap::Command| {
        cmd.mut_arg("versions", |arg| {
            let arg = arg.help(help.clone());
            if versions.is_empty() {
                arg
            } else {
                arg.value_parser(clap::builder::PossibleValuesParser::new(versions.clone()))
            }
        })
    };
    let command = Cli::command().mut_subcommand("regen", restrict).mut_subcommand("stats", restrict).mut_subcommand("release", restrict);
    Cli::from_arg_matches(&command.get_matches())
}

/// The workspace root, found at run time from the current directory.
pub fn workspace_root() -> PathBuf {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    Workspace::discover(&here).map_or(here, |w| w.root)
}
