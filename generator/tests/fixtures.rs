//! Snapshot tests over the fixture specs in `specs/fixtures/`: the IR and
//! the generated code of each. The same code is generated into
//! `generated/sailpoint-fixtures`, which the workspace compiles.

use sailpoint_generator::codegen::generate_models;
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
    assert_eq!(names, ["composition", "enums", "examples", "naming", "refs", "shapes"]);
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
