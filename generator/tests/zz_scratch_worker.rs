mod mutation;
use sailpoint_generator::settings::VersionSettings;
use sailpoint_generator::pipeline;
use std::path::Path;

fn run(kind: &str, name: &str, version: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(kind).join(name);
    let mut t = Default::default();
    let loaded = match pipeline::load(&dir, VersionSettings::fixture(version), &mut t) { Ok(l) => l, Err(e) => return format!("LOAD ERR: {e}") };
    match pipeline::generate_version(loaded, &mut t) {
        Ok(out) => {
            let diags: Vec<String> = out.api.diagnostics.iter().map(|d| format!("{d:?}")).collect();
            format!("OK {} files, {} ops, diags:\n  {}", out.files.len(), out.api.operations.len(), diags.join("\n  "))
        }
        Err(e) => format!("ERR: {e}"),
    }
}

#[test]
fn scratch() {
    for (n, v) in [("operations", "operations"), ("duplicate-operation-ids", "duplicate-operation-ids"), ("self-array", "self-array"), ("hyphen-version", "access-model-metadata")] {
        eprintln!("== {n}: {}", run("fixtures", n, v));
    }
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/invalid")).unwrap() {
        let n = e.unwrap().file_name().to_string_lossy().into_owned();
        let exp = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/invalid").join(&n).join("expected.txt")).unwrap_or_default();
        eprintln!("== invalid {n} (expect {}): {}", exp.trim(), run("invalid", &n, &n).lines().next().unwrap_or(""));
    }
    // JSON-in-.yaml through the real loader
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/fixtures/operations");
    let docs = mutation::load_dir(&dir, "openapi.yaml").unwrap();
    let tmp = mutation::temp_dir("scratch");
    mutation::write_docs(&docs, &tmp, mutation::Format::Json).unwrap();
    let set = sailpoint_generator::load::SpecSet::load(&tmp, "openapi.yaml").unwrap();
    assert_eq!(set.docs.len(), docs.len());
    for (f, v) in &docs { assert_eq!(&set.docs[f.as_str()], v, "{f}"); }
    // empty file through the real loader
    let mut d2 = docs.clone(); d2.insert("paths/launchers.yaml".into(), serde_json::Value::Null);
    let tmp2 = mutation::temp_dir("scratch2");
    mutation::write_docs(&d2, &tmp2, mutation::Format::Yaml).unwrap();
    let set2 = sailpoint_generator::load::SpecSet::load(&tmp2, "openapi.yaml");
    eprintln!("empty file load: {:?}", set2.map(|s| s.docs["paths/launchers.yaml"].clone()).map_err(|e| e.to_string()));
    // mutants outcome summary
    let muts = mutation::mutate(42, &docs, 300);
    let (mut ok, mut err, mut panics) = (0, 0, 0);
    for m in &muts {
        let t = mutation::temp_dir("m");
        m.write(&docs, &t, mutation::Format::Json).unwrap();
        let r = std::panic::catch_unwind(|| {
            let mut tm = Default::default();
            let l = pipeline::load(&t, VersionSettings::fixture("operations"), &mut tm)?;
            pipeline::generate_version(l, &mut tm).map(|_| ())
        });
        match r { Ok(Ok(())) => ok += 1, Ok(Err(e)) => { err += 1; if err < 40 { eprintln!("  {} -> {}", m.description, e.to_string().lines().next().unwrap()); } }, Err(_) => { panics += 1; eprintln!("  PANIC {}", m.description); } }
        std::fs::remove_dir_all(&t).unwrap();
    }
    eprintln!("mutants: ok {ok}, err {err}, panics {panics}");
    std::fs::remove_dir_all(&tmp).unwrap(); std::fs::remove_dir_all(&tmp2).unwrap();
}
