//! The maintainer's loop on fixture specs: lock mismatches are named, a
//! spec change yields the expected changelog (each change in its category),
//! surface churn is limited to what changed, an unchanged regen rewrites
//! nothing, and a stale check shows bounded diffs.

use sailpoint_generator::changelog::Category;
use sailpoint_generator::lock::{LockReport, VersionLock};
use sailpoint_generator::settings::VersionSettings;
use sailpoint_generator::load::SpecSet;
use sailpoint_generator::{build_ir, changelog, codegen, pipeline, surface, write, StageTimings};
mod common;

use common::{copy_dir, fixture};
use std::path::{Path, PathBuf};


/// A scratch copy of a fixture, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn of(name: &str, tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sailpoint-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&fixture(name), &dir);
        Scratch(dir)
    }
    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.0.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    fn write(&self, file: &str, text: &str) {
        let path = self.0.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn surface_of(dir: &Path) -> String {
    let api = build_ir(dir, &VersionSettings::fixture("naming"), &mut StageTimings::default()).unwrap();
    surface::render(&api)
}

#[test]
fn lock_mismatch_names_the_files() {
    let scratch = Scratch::of("naming", "lock");
    let settings = VersionSettings::fixture("naming");
    let spec = SpecSet::load(&scratch.0, &settings.root_file).unwrap();
    let lock = VersionLock { root_file: settings.root_file.clone(), files: spec.hashes.clone() };
    assert!(lock.diff(&spec.hashes).is_empty());

    scratch.edit("v1/schemas/Schedule.yaml", "cron", "cronExpression");
    scratch.edit("openapi.yaml", "paths:\n", "paths:\n  /aaa:\n    $ref: ./v1/paths/aaa.yaml\n");
    scratch.write("v1/paths/aaa.yaml", "get:\n  operationId: listAaa\n  tags: [A]\n  responses:\n    '204':\n      description: none\n");
    let spec = SpecSet::load(&scratch.0, &settings.root_file).unwrap();
    let diff = lock.diff(&spec.hashes);
    assert_eq!(diff.changed, ["openapi.yaml", "v1/schemas/Schedule.yaml"]);
    assert_eq!(diff.added, ["v1/paths/aaa.yaml"]);
    assert!(diff.removed.is_empty());

    let mut report = LockReport::default();
    report.add("naming", diff);
    let text = report.render("specs/fixtures/naming", &[]);
    assert!(text.contains("  naming: 2 changed, 1 added, 0 removed\n    changed  openapi.yaml\n"), "{text}");
    assert!(text.ends_with("cargo xtask regen --specs specs/fixtures/naming --update-lock [--upstream-commit <sha>]\n"), "{text}");
}

#[test]
fn a_spec_update_yields_the_expected_changelog() {
    let old = surface_of(&fixture("naming"));
    let scratch = Scratch::of("naming", "update");
    // Breaking: a field renamed (removed, then added under the new name).
    scratch.edit("v1/schemas/Schedule.yaml", "cron", "cronExpression");
    // Not breaking: a type becomes deprecated.
    scratch.edit("v1/schemas/Schedule.yaml", "type: object\n", "type: object\ndeprecated: true\n");
    // Not breaking: a new optional query parameter.
    scratch.edit(
        "v1/paths/schedules.yaml",
        "  tags: [Schedules]\n  responses:",
        "  tags: [Schedules]\n  parameters:\n    - {in: query, name: filters, schema: {type: string}}\n  responses:",
    );
    let new = surface_of(&scratch.0);
    let entries = changelog::compare(&old, &new);
    let texts: Vec<(Category, &str)> = entries.iter().map(|e| (e.category, e.text.as_str())).collect();
    assert_eq!(
        texts,
        [
            (Category::Breaking, "type `Schedule`: removed `field cron: Option<String>`"),
            (Category::Deprecation, "type `Schedule` is now deprecated"),
            (Category::Addition, "operation `schedules.list_schedules`: added `param query filters: String?`"),
            (Category::Addition, "type `Schedule`: added `field cronExpression: Option<String>`"),
        ]
    );
    assert_eq!(changelog::Summary::of(&entries), changelog::Summary { breaking: 1, deprecations: 1, additions: 2 });
    let md = changelog::markdown("naming", &entries);
    assert!(md.starts_with("### naming\n\n**Breaking changes**\n\n- type `Schedule`: removed"), "{md}");
    assert!(md.contains("**Deprecations and experimental changes**\n\n- type `Schedule` is now deprecated\n"), "{md}");
}

#[test]
fn inserting_a_path_and_a_schema_only_adds_their_lines() {
    let old = surface_of(&fixture("naming"));
    let scratch = Scratch::of("naming", "churn");
    scratch.edit("openapi.yaml", "paths:\n", "paths:\n  /aaa:\n    $ref: ./v1/paths/aaa.yaml\n");
    scratch.write(
        "v1/paths/aaa.yaml",
        "get:\n  operationId: listAaa\n  tags: [A]\n  responses:\n    '200':\n      description: x\n      content:\n        application/json:\n          schema:\n            $ref: ../schemas/deep/Schedule.yaml\n",
    );
    scratch.write("v1/schemas/deep/Schedule.yaml", "type: object\nproperties:\n  x: {type: string}\n");
    let new = surface_of(&scratch.0);
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let removed: Vec<&&str> = old_lines.iter().filter(|l| !new_lines.contains(l)).collect();
    let added: Vec<&&str> = new_lines.iter().filter(|l| !old_lines.contains(l)).collect();
    assert!(removed.is_empty(), "{removed:#?}");
    assert_eq!(
        added,
        [
            &"op a.list_aaa response 200 application/json: DeepSchedule",
            &"op a.list_aaa: GET /aaa",
            &"type DeepSchedule field x: Option<String>",
            &"type DeepSchedule: struct",
        ]
    );
}

#[test]
fn an_unchanged_regen_rewrites_nothing() {
    let api = build_ir(&fixture("naming"), &VersionSettings::fixture("naming"), &mut StageTimings::default()).unwrap();
    let files = codegen::generate_models(&api, "models", "openapi.yaml").unwrap();
    let dir = std::env::temp_dir().join(format!("sailpoint-mtime-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let first = write::sync_dir(&dir, &files, false).unwrap();
    assert_eq!(first.changed.len(), files.len());
    let mtimes = |dir: &Path| -> Vec<std::time::SystemTime> {
        files.iter().map(|f| std::fs::metadata(dir.join(&f.path)).unwrap().modified().unwrap()).collect()
    };
    let before = mtimes(&dir);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = write::sync_dir(&dir, &files, false).unwrap();
    assert!(second.is_clean(), "{second:?}");
    assert_eq!(second.unchanged, files.len());
    assert_eq!(mtimes(&dir), before);
    // A file that is no longer generated is removed.
    std::fs::write(dir.join("models/stale.rs"), "// old").unwrap();
    let third = write::sync_dir(&dir, &files, false).unwrap();
    assert_eq!(third.stale, [dir.join("models/stale.rs")]);
    assert!(!dir.join("models/stale.rs").exists());
    assert!(third.diffs.is_empty(), "diffs are for check mode only");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_stale_check_shows_bounded_diffs_and_writes_nothing() {
    let api = build_ir(&fixture("naming"), &VersionSettings::fixture("naming"), &mut StageTimings::default()).unwrap();
    let files = codegen::generate_models(&api, "models", "openapi.yaml").unwrap();
    let dir = std::env::temp_dir().join(format!("sailpoint-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write::sync_dir(&dir, &files, false).unwrap();
    // One file edited by hand, one deleted, one no longer generated.
    let (edited, deleted) = (&files[0], &files[1]);
    let edited_path = dir.join(&edited.path);
    let first_line = edited.contents.lines().next().unwrap();
    std::fs::write(&edited_path, edited.contents.replacen(first_line, "// edited by hand", 1)).unwrap();
    std::fs::remove_file(dir.join(&deleted.path)).unwrap();
    std::fs::write(dir.join("models/stale.rs"), "// old\n").unwrap();

    let report = write::sync_dir(&dir, &files, true).unwrap();
    let shown: Vec<String> = report.diffs.iter().map(|d| d.render(&d.path.strip_prefix(&dir).unwrap().display().to_string())).collect();
    assert_eq!(shown.len(), 3, "{shown:#?}");
    let edited_diff = &shown[0];
    assert!(edited_diff.starts_with(&format!("--- {0} (on disk)\n+++ {0} (generated)\n@@ -1,", edited.path)), "{edited_diff}");
    assert!(edited_diff.contains("\n-// edited by hand\n"), "{edited_diff}");
    assert!(edited_diff.contains(&format!("\n+{first_line}\n")), "{edited_diff}");
    assert!(edited_diff.lines().count() <= 2 + write::MAX_DIFF_LINES + 1, "{edited_diff}");
    let lines = deleted.contents.lines().count();
    assert_eq!(shown[1], format!("new file {} ({lines} lines) would be written\n", deleted.path));
    assert_eq!(shown[2], "stale file models/stale.rs would be deleted\n");
    // Check mode leaves the disk alone.
    assert!(dir.join("models/stale.rs").exists());
    assert!(!dir.join(&deleted.path).exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fixture version with its own crate name, as `specs/versions.toml` would list it.
fn configured(name: &str) -> VersionSettings {
    VersionSettings {
        crate_name: format!("sailpoint-{name}"),
        ..VersionSettings::fixture(name)
    }
}

fn generate(names: &[&str], configured_versions: &[VersionSettings]) -> pipeline::Generation {
    let mut timings = StageTimings::default();
    let loaded = names
        .iter()
        .map(|name| pipeline::load(&fixture(name), configured(name), &mut timings).unwrap())
        .collect();
    pipeline::Generation::run(loaded, configured_versions, Vec::new(), &mut timings).unwrap()
}

/// `regen --version X` regenerates X's module of the conformance crate and
/// the files naming every version, and leaves the other versions' modules
/// alone: the crate then calls X's new methods (a renamed operation
/// compiled against the old module before), and still names the others.
#[test]
fn a_regen_of_some_versions_keeps_the_conformance_crate_whole() {
    let root = Scratch(std::env::temp_dir().join(format!("sailpoint-conformance-{}", std::process::id())));
    let all = [configured("naming"), configured("operations")];
    let conformance = root.0.join(pipeline::CONFORMANCE_DIR);

    generate(&["naming", "operations"], &all).write(&root.0, false, &mut StageTimings::default()).unwrap();
    let operations_module = std::fs::read_to_string(conformance.join("src/operations.rs")).unwrap();
    std::fs::write(conformance.join("src/naming.rs"), "// out of date\n").unwrap();
    std::fs::write(conformance.join("src/operations.rs"), "// kept\n").unwrap();

    let partial = generate(&["naming"], &all);
    assert!(!partial.conformance.complete);
    partial.write(&root.0, false, &mut StageTimings::default()).unwrap();
    let lib = std::fs::read_to_string(conformance.join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub mod naming;") && lib.contains("pub mod operations;"), "{lib}");
    assert!(std::fs::read_to_string(conformance.join("src/naming.rs")).unwrap().contains("pub fn call"));
    assert_eq!(std::fs::read_to_string(conformance.join("src/operations.rs")).unwrap(), "// kept\n");

    // A complete run owns the directory: it restores every module and drops strays.
    std::fs::write(conformance.join("src/stray.rs"), "").unwrap();
    let complete = generate(&["naming", "operations"], &all);
    assert!(complete.conformance.complete);
    complete.write(&root.0, false, &mut StageTimings::default()).unwrap();
    assert_eq!(std::fs::read_to_string(conformance.join("src/operations.rs")).unwrap(), operations_module);
    assert!(!conformance.join("src/stray.rs").exists());
}

#[test]
fn a_version_outside_the_configured_ones_is_an_error() {
    let mut timings = StageTimings::default();
    let loaded = vec![pipeline::load(&fixture("naming"), configured("naming"), &mut timings).unwrap()];
    let error = pipeline::Generation::run(loaded, &[configured("operations")], Vec::new(), &mut timings).err().unwrap();
    assert_eq!(error.to_string(), "version `naming` is not one of the configured versions (specs/versions.toml)");
}
