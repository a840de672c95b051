//! The seed documents' operations (`../shared/seeds/`, written for the
//! year-versioned APIs) in SailPoint's current per-resource API, the
//! `sailpoint` crate: each has a counterpart with the same method and the
//! same path once the resource's version segment is set aside
//! (`/accounts/{id}` ↔ `/accounts/v1/{id}`), or is listed here with the
//! reason it has none. The counterparts are then sent over the wire in
//! `seed_counterparts_send_exactly_the_described_request`.

use std::path::{Path, PathBuf};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

/// Seed calls with no per-resource counterpart, and why.
const WITHOUT_COUNTERPART: &[(&str, &str, &str)] = &[];

/// `METHOD /path` rows of a seed document's method table.
fn seed_rows(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|line| line.starts_with("[**") && line.contains(" | **"))
        .filter_map(|line| {
            let method_path = line.split(" | ").nth(1)?;
            Some((method_path.split("**").nth(1)?.to_owned(), method_path.split('`').nth(1)?.to_owned()))
        })
        .collect()
}

/// `/accounts/v1/{id}` → `/accounts/{}`: placeholders blanked, the version segment dropped.
fn unversioned(path: &str) -> String {
    path.split('/')
        .filter(|s| !(s.len() > 1 && s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit())))
        .map(|s| if s.starts_with('{') { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// `(group.method, METHOD, path)` of every operation of the `sailpoint` crate, from its surface.
fn operations() -> Vec<(String, String, String)> {
    let surface = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/surface/apis.snap")).unwrap();
    surface
        .lines()
        .filter_map(|l| l.strip_prefix("op "))
        .filter_map(|l| {
            let (name, rest) = l.split_once(": ")?;
            let (method, path) = rest.split_once(' ')?;
            Some((name.to_owned(), method.to_owned(), path.split(' ').next()?.to_owned()))
        })
        .collect()
}

/// The counterpart of each seed call, by method and unversioned path.
fn counterparts() -> Vec<(String, String, Option<String>)> {
    let ops = operations();
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    for file in files {
        for (method, path) in seed_rows(&std::fs::read_to_string(&file).unwrap()) {
            let found = ops.iter().find(|(_, m, p)| *m == method && unversioned(p) == unversioned(&path)).map(|(name, _, p)| format!("{name} ({p})"));
            out.push((method, path, found));
        }
    }
    out
}

#[test]
fn every_seed_call_has_a_per_resource_counterpart() {
    let rows = counterparts();
    assert_eq!(rows.len(), 44, "the seed documents' method tables");
    let mut missing = Vec::new();
    for (method, path, found) in &rows {
        let excused = WITHOUT_COUNTERPART.iter().any(|(m, p, _)| m == method && p == path);
        match (found, excused) {
            (Some(_), true) => panic!("{method} {path} has a counterpart now; remove it from WITHOUT_COUNTERPART"),
            (None, false) => missing.push(format!("{method} {path}")),
            _ => {}
        }
    }
    assert!(missing.is_empty(), "seed calls without a per-resource counterpart: {missing:#?}");
}
