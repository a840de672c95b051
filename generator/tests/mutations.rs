//! A bounded, seeded mutation run over the `operations` fixture: every
//! mutant ends in an error that names a file and JSON pointer, or in
//! output that passed validation and generates. None panics. A handful of
//! the accepted ones are compiled (`accepted_mutants_compile`, run by CI).

mod mutation;

use mutation::{load_dir, mutate, temp_dir, DocSet, Format, Mutant};
use sailpoint_generator::codegen::generate_crate;
use sailpoint_generator::settings::VersionSettings;
use sailpoint_generator::{build_ir, StageTimings};
use std::path::{Path, PathBuf};

const SEED: u64 = 20_261_129;
const MUTANTS: usize = 300;

fn fixture() -> DocSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/fixtures/operations");
    load_dir(&dir, "openapi.yaml").expect("the operations fixture loads")
}

enum Outcome {
    Accepted(Vec<sailpoint_generator::codegen::GeneratedFile>),
    Located(String),
}

fn run(base: &DocSet, mutant: &Mutant, dir: &Path, settings: &VersionSettings) -> Outcome {
    mutant.write(base, dir, Format::Yaml).expect("the mutant is written");
    let outcome = std::panic::catch_unwind(|| match build_ir(dir, settings, &mut StageTimings::default()) {
        Ok(api) => match generate_crate(&api, settings) {
            Ok(files) => Outcome::Accepted(files),
            Err(e) => panic!("{}: validated, but codegen failed: {e}", mutant.description),
        },
        Err(e) => Outcome::Located(e.to_string()),
    });
    std::fs::remove_dir_all(dir).ok();
    outcome.unwrap_or_else(|_| panic!("{}: the generator panicked", mutant.description))
}

/// An error names a location: `file#pointer: …` at its start or in a listed problem.
fn is_located(error: &str) -> bool {
    error.lines().any(|line| {
        let head = line.trim().split(": ").next().unwrap_or_default();
        head.contains(".yaml#") || head.contains(".yaml") && line.contains("file")
    })
}

#[test]
fn every_mutant_is_a_located_error_or_valid_output() {
    let base = fixture();
    let mutants = mutate(SEED, &base, MUTANTS);
    assert!(mutants.len() >= 250, "only {} mutants", mutants.len());
    let settings = VersionSettings::fixture("operations");
    let (mut accepted, mut rejected) = (0, 0);
    for (i, mutant) in mutants.iter().enumerate() {
        match run(&base, mutant, &temp_dir(&format!("mutant-{i}")), &settings) {
            Outcome::Accepted(_) => accepted += 1,
            Outcome::Located(error) => {
                assert!(is_located(&error), "{}: the error names no file and pointer: {error}", mutant.description);
                rejected += 1;
            }
        }
    }
    // Both outcomes occur, or the run proves nothing about one of them.
    assert!(accepted > 20 && rejected > 20, "{accepted} accepted, {rejected} rejected");
}

/// Writes the first accepted mutants as crates of a scratch workspace and
/// runs `cargo check` on them: validation must only let through code that
/// compiles. Slow (a cargo build), so CI runs it with `--ignored`.
#[test]
#[ignore = "builds crates with cargo; CI runs it with --ignored"]
fn accepted_mutants_compile() {
    let base = fixture();
    let workspace = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mutant-crates");
    let _ = std::fs::remove_dir_all(&workspace);
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime").canonicalize().unwrap();
    let mut members = Vec::new();
    for (i, mutant) in mutate(SEED, &base, MUTANTS).iter().enumerate() {
        if members.len() == 5 {
            break;
        }
        let name = format!("mutant-{i}");
        let mut settings = VersionSettings::fixture(&name);
        settings.crate_name = format!("sailpoint-{name}");
        settings.runtime_path = runtime.display().to_string();
        if let Outcome::Accepted(files) = run(&base, mutant, &temp_dir(&name), &settings) {
            for file in files {
                let path = workspace.join(&name).join(&file.path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, file.contents).unwrap();
            }
            members.push((name, mutant.description.clone()));
        }
    }
    let list: Vec<String> = members.iter().map(|(m, _)| format!("\"{m}\"")).collect();
    std::fs::write(workspace.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", list.join(", "))).unwrap();
    // The workspace's lock file pins the same dependency versions, offline.
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    let output = std::process::Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--workspace"])
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", workspace.join("target"))
        .output()
        .expect("cargo runs");
    let described: Vec<&str> = members.iter().map(|(_, d)| d.as_str()).collect();
    assert!(output.status.success(), "accepted mutants do not compile ({described:#?}):\n{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(members.len(), 5, "fewer than 5 accepted mutants");
}
