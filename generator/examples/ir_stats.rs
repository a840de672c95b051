use sailpoint_generator::*;
fn main() {
    let dir = std::path::Path::new("../shared/specs/sailpoint");
    for v in ["beta", "v2024", "v2025"] {
        let s = settings::VersionSettings { version: v.into(), root_file: format!("sailpoint-api.{v}.yaml"), crate_name: String::new(), crate_version: String::new(), name_overrides: Default::default(), fixups: vec!["reassignment_type_trailing_commas".into()] };
        let mut t = StageTimings::default();
        match build_ir(dir, &s, &mut t) {
            Ok(api) => {
                let exp = api.operations.iter().filter(|o| o.experimental).count();
                let pag = api.operations.iter().filter(|o| o.pagination.is_some()).count();
                println!("{v}: ops {} exp {} pag {} types {} diags {} base {} {:?}", api.operations.len(), exp, pag, api.types.len(), api.diagnostics.len(), api.base_path, t);
                if v == "v2025" { std::fs::write("/tmp/ir.json", serde_json::to_string_pretty(&api).unwrap()).unwrap(); }
            }
            Err(e) => println!("{v}: ERROR {e}"),
        }
    }
}
