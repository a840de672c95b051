//! Example conformance suite: every example the specs attach to a 2xx
//! response, a JSON request body or a named schema decodes into the
//! generated type for it, and re-encodes to the same JSON (see
//! `sailpoint_generator::examples::compare` for what "the same" allows).
//!
//! The examples are read from the specs on every run, so the suite follows
//! them when they change. Examples that contradict their own schema are
//! listed, each with its reason, in `specs/conformance-allowlist.toml`; the
//! suite fails on a failure outside the list and on a listed example that
//! passes or no longer exists, so the list cannot go stale.
//!
//! A plain `main` (harness = false) so the per-version report is always
//! printed, not only when the suite fails.

mod specs;

use sailpoint_generator::codegen::conformance::type_key;
use sailpoint_generator::examples::compare::{compare, Absorbed};
use sailpoint_generator::examples::{Example, ExampleKind};
use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

const KINDS: [ExampleKind; 3] = [ExampleKind::Response, ExampleKind::Request, ExampleKind::Schema];

/// Per version and kind: found, passed, allowlisted.
#[derive(Default)]
struct Tally {
    found: usize,
    passed: usize,
    allowlisted: usize,
}

fn main() -> ExitCode {
    match run() {
        Ok(problems) if problems.is_empty() => ExitCode::SUCCESS,
        Ok(problems) => {
            eprintln!("\n{} conformance problem(s):", problems.len());
            for problem in &problems {
                eprintln!("  {problem}");
            }
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("conformance suite could not run: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<Vec<String>, String> {
    let allowlist = specs::allowlist()?;
    let mut problems = Vec::new();
    for entry in allowlist.iter().filter(|a| a.reason.trim().len() < 10) {
        problems.push(format!("allowlist entry {} {} needs a precise reason", entry.version, entry.location));
    }
    println!("example conformance (examples: found / decoded and round-tripped / allowlisted)");
    for settings in specs::versions()? {
        let version = settings.version.as_str();
        let (api, examples) = specs::examples(&settings)?;
        let allowed: BTreeMap<&str, &str> = allowlist.iter().filter(|a| a.version == version).map(|a| (a.location.as_str(), a.reason.as_str())).collect();
        let mut tallies: BTreeMap<ExampleKind, Tally> = BTreeMap::new();
        let mut absorbed = Absorbed::default();
        let mut seen = BTreeSet::new();
        for example in &examples {
            seen.insert(example.location.as_str());
            let tally = tallies.entry(example.kind).or_default();
            tally.found += 1;
            let outcome = check(version, &api, example);
            match (outcome, allowed.get(example.location.as_str())) {
                (Ok(more), None) => {
                    tally.passed += 1;
                    absorbed += more;
                }
                (Ok(_), Some(_)) => problems.push(format!("{version} {}: passes now; remove it from the allowlist", example.location)),
                (Err(_), Some(_)) => tally.allowlisted += 1,
                (Err(why), None) => problems.push(format!("{version} {} ({}): {why}", example.location, example.used_by)),
            }
        }
        for location in allowed.keys().filter(|l| !seen.contains(*l)) {
            problems.push(format!("{version} {location}: allowlisted, but no such example any more; remove it"));
        }
        report(version, &tallies, absorbed);
    }
    Ok(problems)
}

/// Decodes one example through the generated decode table and compares.
fn check(version: &str, api: &sailpoint_generator::ir::Api, example: &Example) -> Result<Absorbed, String> {
    let key = type_key(api, &example.ty);
    let json = serde_json::to_vec(&example.value).map_err(|e| e.to_string())?;
    let decoded = sailpoint_conformance::version_roundtrip(version, &key, &json).ok_or_else(|| format!("no decode table for version {version}; run `cargo xtask regen`"))?;
    let encoded = decoded.ok_or_else(|| format!("no decode arm for `{key}`; run `cargo xtask regen`"))??;
    compare(api, &example.ty, &example.value, &encoded).map_err(|m| format!("at {}: {}", m.pointer, m.reason))
}

fn report(version: &str, tallies: &BTreeMap<ExampleKind, Tally>, absorbed: Absorbed) {
    let cells: Vec<String> = KINDS
        .iter()
        .map(|kind| {
            let t = tallies.get(kind).map_or((0, 0, 0), |t| (t.found, t.passed, t.allowlisted));
            format!("{kind} {} / {} / {}", t.0, t.1, t.2)
        })
        .collect();
    println!("  {version:<6} {}", cells.join(", "));
    let (found, passed, allowlisted) = tallies.values().fold((0, 0, 0), |(f, p, a), t| (f + t.found, p + t.passed, a + t.allowlisted));
    let checked = found - allowlisted;
    println!(
        "         all: {found} found; {passed} of the {checked} not allowlisted decoded and round-tripped ({:.1}%); {allowlisted} allowlisted ({:.1}%)",
        percent(passed, checked),
        percent(allowlisted, found)
    );
    println!(
        "         absorbed by lenient decoding: {} undeclared properties dropped, {} unknown enum values kept, {} nulls or missing required fields defaulted, {} scalars of another JSON kind read as declared",
        absorbed.unknown_properties, absorbed.unknown_enum_values, absorbed.defaulted, absorbed.coerced
    );
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}
