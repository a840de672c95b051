//! Snapshot tests over the fixture specs in `specs/fixtures/`: the IR and
//! the generated code of each (the whole crate for the fixtures listed in
//! `specs/fixtures/crates.toml`). The same code is generated into
//! `generated/sailpoint-fixtures` and `generated/fixtures/`, which the
//! workspace compiles. Malformed specs in `specs/invalid/` must fail with
//! the location their `expected.txt` names.

use sailpoint_generator::codegen::fixtures::read_crates;
use sailpoint_generator::codegen::{generate_crate, generate_models};
use sailpoint_generator::settings::{VersionSettings, FIXTURE_ROOT_FILE};
use sailpoint_generator::{build_ir, ir::Api, StageTimings};
mod common;

use common::copy_dir;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/fixtures")
}

fn ir(dir: &Path, name: &str) -> Api {
    build_ir(dir, &VersionSettings::fixture(name), &mut StageTimings::default())
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn code(api: &Api) -> String {
    generate_models(api, "models", FIXTURE_ROOT_FILE)
        .expect("codegen")
        .into_iter()
        .map(|f| format!("==> {}\n{}", f.path, f.contents))
        .collect()
}

fn snapshot(name: &str) {
    let api = ir(&fixtures_dir().join(name), name);
    insta::assert_json_snapshot!(format!("{name}_ir"), api);
    insta::assert_snapshot!(format!("{name}_code"), code(&api));
    // A crate fixture: every file of the crate, operations included.
    if let Some(fixture) = read_crates(&fixtures_dir()).unwrap().into_iter().find(|c| c.fixture == name) {
        let settings = fixture.settings();
        let api = build_ir(&fixtures_dir().join(name), &settings, &mut StageTimings::default()).unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        let files = generate_crate(&api, &settings).expect("codegen");
        let text: String = files.into_iter().map(|f| format!("==> {}\n{}", f.path, f.contents)).collect();
        insta::assert_snapshot!(format!("{name}_crate"), text);
    }
}

/// Offset, search-after and cursor pagination, multipart, JSON Patch,
/// per-status responses, binary downloads, experimental and deprecated
/// operations.
#[test]
fn operations() {
    snapshot("operations");
}

/// Two operations share `patchPotentialRole`: one keeps it, the other is
/// named by its path, with a diagnostic; the crate compiles.
#[test]
fn duplicate_operation_ids() {
    snapshot("duplicate-operation-ids");
    let api = ir(&fixtures_dir().join("duplicate-operation-ids"), "duplicate-operation-ids");
    let methods: Vec<&str> = api.operations.iter().map(|op| op.names.method.as_str()).collect();
    assert!(methods.contains(&"patch_potential_role") && methods.contains(&"patch_potential_role_role_mining_sessions_potential_role_summaries"), "{methods:?}");
    assert!(api.diagnostics.iter().any(|d| d.kind == sailpoint_generator::ir::DiagnosticKind::DuplicateOperationId));
}

/// A schema that is an array of itself cannot be a type alias.
#[test]
fn self_array() {
    snapshot("self-array");
    let api = ir(&fixtures_dir().join("self-array"), "self-array");
    let recursive = api.diagnostics.iter().filter(|d| d.kind == sailpoint_generator::ir::DiagnosticKind::RecursiveAlias).count();
    assert_eq!(recursive, 2, "{:#?}", api.diagnostics);
}

/// Generated under the version name `access-model-metadata`.
#[test]
fn hyphen_version() {
    snapshot("hyphen-version");
}

#[test]
fn refs() {
    snapshot("refs");
}

#[test]
fn naming() {
    snapshot("naming");
}

#[test]
fn composition() {
    snapshot("composition");
}

#[test]
fn enums() {
    snapshot("enums");
}

#[test]
fn shapes() {
    snapshot("shapes");
}

#[test]
fn examples() {
    snapshot("examples");
}

#[test]
fn every_fixture_has_a_snapshot_test() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.retain(|n| n != "crates.toml");
    assert_eq!(names, ["composition", "duplicate-operation-ids", "enums", "examples", "hyphen-version", "naming", "operations", "refs", "resource-versions", "self-array", "shapes"]);
}

#[test]
fn generation_is_deterministic() {
    for name in ["refs", "naming", "composition"] {
        let dir = fixtures_dir().join(name);
        assert_eq!(code(&ir(&dir, name)), code(&ir(&dir, name)), "{name}");
    }
}

/// Inserting a path (first in the file) and a schema that collides with an
/// existing basename must not rename any type that existed before.
#[test]
fn names_are_stable_when_paths_and_schemas_are_inserted() {
    let original = ir(&fixtures_dir().join("naming"), "naming");
    let dir = std::env::temp_dir().join(format!("naming-insert-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixtures_dir().join("naming"), &dir);
    let root = std::fs::read_to_string(dir.join("openapi.yaml")).unwrap();
    let root = root.replace("paths:\n", "paths:\n  /aaa:\n    $ref: ./v1/paths/aaa.yaml\n");
    std::fs::write(dir.join("openapi.yaml"), root).unwrap();
    std::fs::create_dir_all(dir.join("v1/schemas/deep/er")).unwrap();
    std::fs::write(
        dir.join("v1/paths/aaa.yaml"),
        "get:\n  operationId: listAaa\n  tags: [A]\n  responses:\n    '200':\n      description: x\n      content:\n        application/json:\n          schema:\n            type: object\n            properties:\n              schedule:\n                $ref: ../schemas/deep/er/Schedule.yaml\n    '401':\n      $ref: ../responses/401.yaml\n",
    )
    .unwrap();
    std::fs::write(dir.join("v1/schemas/deep/er/Schedule.yaml"), "type: object\nproperties:\n  x: {type: string}\n").unwrap();
    let changed = ir(&dir, "naming");
    std::fs::remove_dir_all(&dir).unwrap();

    let names = |api: &Api| -> std::collections::BTreeMap<String, String> {
        api.types.iter().map(|t| (t.source.clone(), t.name.clone())).collect()
    };
    let before = names(&original);
    let after = names(&changed);
    for (source, name) in &before {
        assert_eq!(after.get(source), Some(name), "{source} was renamed");
    }
    assert_eq!(after.len(), before.len() + 2, "{after:#?}");
    assert_eq!(after["v1/schemas/deep/er/Schedule.yaml#"], "ErSchedule");
}

fn invalid(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/invalid").join(name);
    match build_ir(&dir, &VersionSettings::fixture(name), &mut StageTimings::default()) {
        Ok(_) => panic!("{name} should not load"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_specs_name_the_file_and_pointer() {
    let e = invalid("dangling");
    assert!(e.starts_with("schemas/A.yaml#/properties/b: $ref `./Missing.yaml#/properties/x` does not resolve"), "{e}");
    let e = invalid("duplicate");
    assert!(e.starts_with("schemas/A.yaml#/properties/b: duplicate key `type`"), "{e}");
    let e = invalid("syntax");
    assert!(e.starts_with("schemas/A.yaml#") && e.contains("YAML does not parse (line"), "{e}");
    let e = invalid("cycle");
    assert!(e.contains("$ref cycle") && e.contains("schemas/A.yaml#") && e.contains("schemas/B.yaml#"), "{e}");
}

/// Each malformed-node kind fails at the file and pointer its
/// `expected.txt` names (or inside that node), never with a fallback.
#[test]
fn malformed_nodes_are_errors_at_their_location() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/invalid");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(expected) = std::fs::read_to_string(path.join("expected.txt")) else { continue };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let error = invalid(&name);
        let location = error.split(": ").next().unwrap_or_default();
        let expected = expected.trim();
        assert!(location == expected || location.starts_with(&format!("{expected}/")), "{name}: expected an error at {expected}, got: {error}");
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} malformed specs have an expected.txt");
}

/// A resource that publishes v2 beside v1: both are groups of their own,
/// v1's (all deprecated) accessor is deprecated, and every name v1 had in
/// a spec without v2 is unchanged, so no user code breaks.
#[test]
fn resource_versions() {
    snapshot("resource-versions");
    let fixture = read_crates(&fixtures_dir()).unwrap().into_iter().find(|c| c.fixture == "resource-versions").unwrap();
    let settings = fixture.settings();
    let with_v2 = build_ir(&fixtures_dir().join("resource-versions"), &settings, &mut StageTimings::default()).unwrap();

    let dir = std::env::temp_dir().join(format!("resource-versions-v1-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixtures_dir().join("resource-versions"), &dir);
    let root = std::fs::read_to_string(dir.join("openapi.yaml")).unwrap();
    let v1_only: String = root.lines().take_while(|l| !l.contains("/widgets/v2")).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join("openapi.yaml"), v1_only).unwrap();
    let v1 = build_ir(&dir, &settings, &mut StageTimings::default()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    let groups = |api: &Api| -> Vec<(String, bool)> { api.groups.iter().map(|g| (g.accessor.clone(), g.deprecated)).collect() };
    assert_eq!(groups(&with_v2), [("widgets_v1".to_owned(), true), ("widgets_v2".to_owned(), false)]);
    let names = |api: &Api| -> std::collections::BTreeMap<String, String> {
        let types = api.types.iter().map(|t| (t.source.clone(), t.name.clone()));
        let ops = api.operations.iter().map(|op| (op.source.clone(), format!("{} {}", op.names.method, op.names.builder)));
        types.chain(ops).collect()
    };
    let (before, after) = (names(&v1), names(&with_v2));
    for (source, name) in &before {
        assert_eq!(after.get(source), Some(name), "{source} was renamed when v2 was added");
    }
    assert!(after.values().any(|n| n == "WidgetV2"), "{after:#?}");
}
