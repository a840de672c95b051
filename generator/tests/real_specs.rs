//! Runs against SailPoint's published specs (`SAILPOINT_SPECS`, default
//! `../shared/specs/sailpoint` beside the repository).

use sailpoint_generator::codegen::generate_crate;
use sailpoint_generator::settings::VersionSettings;
use sailpoint_generator::{build_ir, StageTimings};
mod common;

use common::spec_dir;


fn settings(version: &str) -> VersionSettings {
    VersionSettings {
        root_file: format!("sailpoint-api.{version}.yaml"),
        crate_name: format!("sailpoint-{version}"),
        fixups: vec!["reassignment_type_trailing_commas".into()],
        ..VersionSettings::fixture(version)
    }
}

#[test]
fn every_operation_is_found_and_experimental_ones_are_flagged() {
    for (version, operations, experimental, without_id) in [("beta", 559, 1, 0), ("v2024", 716, 146, 0), ("v2025", 812, 173, 5)] {
        let api = build_ir(&spec_dir(), &settings(version), &mut StageTimings::default()).unwrap();
        assert_eq!(api.operations.len(), operations, "{version}");
        assert_eq!(api.operations.iter().filter(|o| o.experimental).count(), experimental, "{version}");
        assert_eq!(api.operations.iter().filter(|o| o.synthesized_id).count(), without_id, "{version}");
        assert!(api.operations.iter().all(|o| o.params.iter().all(|p| !p.name.eq_ignore_ascii_case("X-SailPoint-Experimental"))));
    }
}

#[test]
fn two_regenerations_are_byte_identical() {
    let generate = || {
        let api = build_ir(&spec_dir(), &settings("v2025"), &mut StageTimings::default()).unwrap();
        generate_crate(&api, &settings("v2025")).unwrap()
    };
    assert_eq!(generate(), generate());
}

#[test]
fn names_users_search_for_match_the_official_sdks() {
    let api = build_ir(&spec_dir(), &settings("v2025"), &mut StageTimings::default()).unwrap();
    let has = |name: &str| api.types.iter().any(|t| t.name == name);
    for name in ["SendClassifyMachineAccount200Response", "GetRoleAssignments200ResponseInner", "Schedule", "SourcesSchedule", "AppSelector", "ScheduleSelector", "RolePropagationConfigInput"] {
        assert!(has(name), "{name}");
    }
    let mut names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "type names are unique");
}

/// Every `{placeholder}` of every path template is bound to a path
/// parameter, so no generated URL can keep a literal `{…}` (the official
/// SDKs ship three that do).
#[test]
fn every_placeholder_is_bound_to_a_parameter() {
    use sailpoint_generator::ir::ParamLocation;
    for version in ["beta", "v2024", "v2025"] {
        let api = build_ir(&spec_dir(), &settings(version), &mut StageTimings::default()).unwrap();
        for op in &api.operations {
            let mut rendered = op.path.as_str().to_owned();
            for p in op.params.iter().filter(|p| p.location == ParamLocation::Path) {
                rendered = rendered.replace(&format!("{{{}}}", p.name), "x");
            }
            assert!(!rendered.contains('{') && !rendered.contains('}'), "{version} {} {}: {rendered}", op.method, op.path);
            let path_params = op.params.iter().filter(|p| p.location == ParamLocation::Path).count();
            assert_eq!(path_params, op.path.placeholders().count(), "{version} {}: unused path parameters", op.path);
        }
    }
}

#[test]
fn a_tag_feature_enables_the_models_it_needs_and_few_others() {
    use sailpoint_generator::codegen::features;
    use sailpoint_generator::ir::walk::{named_in, types_in_def};
    let api = build_ir(&spec_dir(), &settings("v2025"), &mut StageTimings::default()).unwrap();
    let modules: std::collections::BTreeMap<String, Vec<_>> = api.model_modules.iter().map(|m| (m.name.clone(), m.types.clone())).collect();
    let enabled = features::module_features(&api);
    let module_of: std::collections::BTreeMap<_, _> = modules.iter().flat_map(|(m, ids)| ids.iter().map(move |id| (*id, m.clone()))).collect();
    // A module never compiles without the modules its types name.
    for (module, ids) in &modules {
        for id in ids {
            let mut named = Vec::new();
            types_in_def(&api.type_def(*id).kind, &mut |ty| named_in(ty, &mut named));
            for target in named.iter().map(|n| &module_of[n]) {
                assert!(enabled[target].is_superset(&enabled[module]), "{module} names {target}, which some of its features leave out");
            }
        }
    }
    // Every type an operation of a tag uses is enabled by that tag.
    for op in &api.operations {
        let feature = api.group_of(op).expect("every operation is in a group").feature.clone();
        let mut named = Vec::new();
        sailpoint_generator::ir::walk::types_in_operation(op, &mut |ty| named_in(ty, &mut named));
        for id in named {
            assert!(enabled[&module_of[&id]].contains(&feature), "{} uses {} without its feature", op.operation_id, api.type_def(id).name);
        }
    }
    let with_accounts = enabled.values().filter(|f| f.contains("accounts")).count();
    assert!(with_accounts * 10 < modules.len(), "`accounts` enables {with_accounts} of {} model modules", modules.len());
}

/// Every operation the generator could not type exactly, and how: a
/// diagnostic inside the operation, or a JSON body or 2xx response without
/// a schema (typed `serde_json::Value`). The snapshot is the reviewed list;
/// a spec update that degrades another operation changes it.
#[test]
fn degraded_operations_are_listed() {
    for version in ["beta", "v2024", "v2025"] {
        let api = build_ir(&spec_dir(), &settings(version), &mut StageTimings::default()).unwrap();
        let mut lines = Vec::new();
        for op in &api.operations {
            let inside = |location: &str| location == op.source || location.starts_with(&format!("{}/", op.source));
            for d in api.diagnostics.iter().filter(|d| inside(&d.location)) {
                lines.push(format!("{}: {} → {} ({})", op.operation_id, d.kind, d.fallback, d.location));
            }
            let untyped_json = |c: &sailpoint_generator::ir::Content| c.ty.is_none() && c.media_type.is_json();
            if op.body.iter().flat_map(|b| &b.contents).any(untyped_json) {
                lines.push(format!("{}: JSON request body without a schema → serde_json::Value", op.operation_id));
            }
            for r in op.responses.iter().filter(|r| (200..300).contains(&r.status)) {
                if r.contents.iter().any(untyped_json) {
                    lines.push(format!("{}: {} JSON response without a schema → serde_json::Value", op.operation_id, r.status));
                }
            }
        }
        lines.sort();
        let report = format!("{} of {} operations degraded\n{}", lines.iter().map(|l| l.split(':').next().unwrap_or("")).collect::<std::collections::BTreeSet<_>>().len(), api.operations.len(), lines.join("\n"));
        insta::assert_snapshot!(format!("degraded_{version}"), report);
    }
}

/// SailPoint's current per-resource API (the `sailpoint` crate), with the
/// settings of `specs/versions.toml`.
fn current_api() -> sailpoint_generator::ir::Api {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let versions = sailpoint_generator::settings::read_versions(&root.join("specs/versions.toml")).unwrap();
    let settings = versions.into_iter().find(|v| v.crate_name == "sailpoint").expect("versions.toml lists the sailpoint crate");
    build_ir(&spec_dir(), &settings, &mut StageTimings::default()).unwrap()
}

/// The models of the seed operations keep the names users know from the
/// official Python SDK 2.x (`sailpoint` on PyPI), which calls these paths;
/// each resource and version is its own group, visible in the API.
#[test]
fn the_current_api_has_the_names_users_search_for() {
    let api = current_api();
    assert_eq!((api.operations.len(), api.operations.iter().filter(|o| o.experimental).count()), (917, 234));
    let has_type = |name: &str| api.types.iter().any(|t| t.name == name);
    for name in [
        "Account", "AccountAttributes", "AccountAttributesCreate", "AccountsAsyncResult", "AccountToggleRequest", "AccountUnlockRequest",
        "IdentitiesAccountsBulkRequest", "BulkIdentitiesAccountsResponse", "Entitlement", "TaskResultDto", "Identity",
        "IdentityOwnershipAssociationDetails", "RoleAssignmentDto", "SendAccountVerificationRequest", "InviteIdentitiesRequest",
        "ProcessIdentitiesRequest", "TaskResultResponse", "IdentitySyncJob", "MachineIdentityRequest", "MachineIdentityResponse",
        "SendClassifyMachineAccountV1200Response",
    ] {
        assert!(has_type(name), "{name}");
    }
    let has_op = |group: &str, method: &str| api.groups.iter().any(|g| g.accessor == group && api.group_operations(g).any(|op| op.names.method == method));
    for (group, method) in [
        ("accounts_v1", "list_accounts_v1"),
        ("accounts_v1", "update_account_v1"),
        ("identities_v1", "get_identity_v1"),
        ("machine_identities_v1", "list_machine_identities_v1"),
        ("machine_identities_v2", "list_machine_identities_v2"),
        ("machine_account_classify_v1", "send_classify_machine_account_v1"),
    ] {
        assert!(has_op(group, method), "{group}.{method}");
    }
}
