//! The API-surface snapshot of each version: the review artefact when the
//! specs change. `cargo xtask regen` writes these files; this test fails
//! when they do not match the specs (`cargo insta review` shows the diff).

use sailpoint_generator::settings::{read_versions, VersionSettings};
use sailpoint_generator::{build_ir, surface, StageTimings};
mod common;

use common::spec_dir;
use std::path::PathBuf;


fn settings(version: &str) -> VersionSettings {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs/versions.toml");
    read_versions(&path).unwrap().into_iter().find(|v| v.version == version).unwrap()
}

fn check(version: &str) {
    let api = build_ir(&spec_dir(), &settings(version), &mut StageTimings::default()).unwrap();
    insta::with_settings!({
        snapshot_path => "../../specs/surface",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(version, surface::render(&api));
    });
}

#[test]
fn beta_surface() {
    check("beta");
}

#[test]
fn v2024_surface() {
    check("v2024");
}

#[test]
fn v2025_surface() {
    check("v2025");
}
