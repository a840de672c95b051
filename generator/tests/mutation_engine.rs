//! Tests of the mutation engine itself (`tests/mutation`), and of the
//! `expected.txt` locations of the malformed specs in `specs/invalid/`.

mod mutation;

use mutation::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const ROOT: &str = "openapi.yaml";

fn spec_folder(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(kind).join(name)
}

fn operations() -> DocSet {
    load_dir(&spec_folder("fixtures", "operations"), ROOT).unwrap()
}

#[test]
fn the_rng_is_splitmix64() {
    let mut rng = Rng::new(0);
    assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
}

#[test]
fn load_dir_reads_every_reachable_file_and_no_other() {
    let docs = operations();
    assert!(docs.contains_key("paths/machine-identity.yaml"));
    assert!(docs.contains_key("schemas/MachineIdentitySubtype.yaml"), "reached from a schema file");
    assert!(docs.contains_key("parameters/searchlimit.yaml"));
    let on_disk = walk(&spec_folder("fixtures", "operations"), "");
    assert_eq!(docs.keys().cloned().collect::<BTreeSet<_>>(), on_disk, "every fixture file is reachable");
    let refs = load_dir(&spec_folder("fixtures", "refs"), ROOT).unwrap();
    assert!(refs.contains_key("v0/schemas/Shared.yaml"), "across folders");
    assert!(!refs.contains_key("v1/schemas/Dead.yaml"), "dead files are not read");
}

fn walk(dir: &Path, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            out.extend(walk(&entry.path(), &format!("{name}/")));
        } else {
            out.insert(name);
        }
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_mutants() {
    let docs = operations();
    let a = mutate(7, &docs, 300);
    let b = mutate(7, &docs, 300);
    assert_eq!(a.len(), 300);
    assert_eq!(a, b);
    let c = mutate(8, &docs, 300);
    assert_ne!(
        a.iter().map(|m| &m.description).collect::<Vec<_>>(),
        c.iter().map(|m| &m.description).collect::<Vec<_>>()
    );
    let descriptions: BTreeSet<&String> = a.iter().map(|m| &m.description).collect();
    assert_eq!(descriptions.len(), a.len(), "no two mutants alike");
}

#[test]
fn every_kind_is_reachable() {
    let docs = operations();
    let mut rng = Rng::new(1);
    for kind in MutationKind::ALL {
        let m = mutate_one(&mut rng, &docs, kind).unwrap_or_else(|| panic!("{} has no target", kind.name()));
        assert_eq!(m.kind, kind);
    }
    let kinds: BTreeSet<MutationKind> = mutate(3, &docs, 200).iter().map(|m| m.kind).collect();
    assert_eq!(kinds, MutationKind::ALL.into_iter().collect());
}

#[test]
fn each_mutant_is_one_edit_described_at_its_location() {
    let docs = operations();
    for m in mutate(11, &docs, 300) {
        assert!(m.description.starts_with(&format!("{}: ", m.location())), "{}", m.description);
        assert!(m.pointer.starts_with(&m.edit_at), "{}: edit at {}", m.description, m.edit_at);
        let mutated = m.apply(&docs);
        let changed: Vec<&String> = docs.keys().filter(|f| docs[*f] != mutated[*f]).collect();
        assert_eq!(changed, [&m.file], "{}", m.description);
        let after = get(&mutated[&m.file], &m.pointer);
        match m.kind {
            MutationKind::DeleteKey | MutationKind::RenameKey => assert!(after.is_none(), "{}", m.description),
            MutationKind::EmptyFile => assert_eq!(after, Some(&Value::Null)),
            MutationKind::RefToNumber => assert!(after.unwrap().is_number(), "{}", m.description),
            MutationKind::PropertiesToArray => assert!(after.unwrap().as_array().unwrap().iter().all(Value::is_string)),
            MutationKind::WrapInAllOfObject => assert!(after.unwrap()["allOf"].is_object(), "{}", m.description),
            MutationKind::UnknownType => assert!(after.unwrap().is_string(), "{}", m.description),
            MutationKind::SelfArray => {
                let node = after.unwrap();
                assert_eq!(node["type"], "array");
                let reference = node["items"]["$ref"].as_str().unwrap();
                match reference.strip_prefix('#') {
                    Some(pointer) => assert_eq!(pointer, m.pointer),
                    None => assert!(m.pointer.is_empty() && m.file.ends_with(reference.trim_start_matches("./"))),
                }
            }
            MutationKind::DuplicateOperationId => {
                let id = after.unwrap().as_str().unwrap();
                let holders = mutated
                    .values()
                    .flat_map(|doc| doc.as_object().into_iter().flat_map(|item| item.values()))
                    .filter(|op| op["operationId"] == id)
                    .count();
                assert!(holders >= 2, "{}", m.description);
            }
            MutationKind::RefToMissingFile => {
                let reference = after.unwrap().as_str().unwrap();
                assert!(reference.starts_with("./Missing"), "{}", m.description);
            }
            MutationKind::ChangeKind => {
                let before = get(&docs[&m.file], &m.pointer).unwrap();
                assert_ne!(std::mem::discriminant(before), std::mem::discriminant(after.unwrap()), "{}", m.description);
            }
        }
    }
}

#[test]
fn written_mutants_read_back_in_both_formats() {
    let docs = operations();
    for (i, m) in mutate(5, &docs, 60).into_iter().enumerate() {
        let format = if i % 2 == 0 { Format::Json } else { Format::Yaml };
        let dir = temp_dir("roundtrip");
        m.write(&docs, &dir, format).unwrap();
        let mutated = m.apply(&docs);
        let read = load_dir(&dir, ROOT).unwrap_or_else(|e| panic!("{}: {e}", m.description));
        for (file, value) in &read {
            assert_eq!(value, &mutated[file], "{} ({format:?}): {file}", m.description);
        }
        if m.kind == MutationKind::EmptyFile {
            assert_eq!(std::fs::read(dir.join(&m.file)).unwrap(), b"");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn json_text_is_written_under_the_yaml_names() {
    let docs = operations();
    let dir = temp_dir("json");
    write_docs(&docs, &dir, Format::Json).unwrap();
    let root = std::fs::read_to_string(dir.join(ROOT)).unwrap();
    assert!(root.starts_with('{'), "{root}");
    assert_eq!(load_dir(&dir, ROOT).unwrap(), docs);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Each `specs/invalid/<kind>/expected.txt` names one node (`file#pointer`)
/// that exists in that spec: the file is reachable and the pointer resolves.
#[test]
fn expected_locations_of_the_malformed_specs_exist() {
    let mut checked = 0;
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/invalid")).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(expected) = std::fs::read_to_string(dir.join("expected.txt")) else { continue };
        let expected = expected.trim();
        assert_eq!(expected.lines().count(), 1, "{}", dir.display());
        let (file, pointer) = expected.split_once('#').unwrap();
        let docs = load_dir(&dir, ROOT).unwrap();
        let doc = docs.get(file).unwrap_or_else(|| panic!("{expected}: file not reachable"));
        assert!(get(doc, pointer).is_some(), "{expected}: no such node");
        checked += 1;
    }
    assert!(checked >= 18, "{checked}");
}
