//! The records the store starts with: deterministic functions of the
//! data seed, the index and the configured sizes, so ids are predictable
//! in tests (`data::id(kind, index)` under seed 0, `Seeded::id` under any).
//! Accounts, identities and machine identities come from the generated
//! models (`data.rs`); the other resources are JSON in the specs' shapes.

use super::collection::{Collection, Drift, Record};
use super::resource::Resource;
use crate::data::{self, Seeded};
use crate::faults::Plan;
use crate::Config;
use serde_json::{json, Value};

/// `data::id` kinds of the seeded records (1, 2 and 5 are the accounts,
/// identities and machine identities `data.rs` has always used; 9 the
/// sources accounts point at).
pub(crate) fn kind(resource: Resource) -> u64 {
    match resource {
        Resource::Accounts => 1,
        Resource::Identities => 2,
        Resource::MachineIdentities => 5,
        Resource::Sources => 9,
        Resource::Entitlements => 10,
        Resource::AccessProfiles => 11,
        Resource::Roles => 12,
        Resource::Workgroups => 13,
        Resource::Transforms => 14,
    }
}

fn bytes<T: serde::Serialize>(model: T) -> bytes::Bytes {
    bytes::Bytes::from(serde_json::to_vec(&model).expect("models serialise"))
}

fn value<T: serde::Serialize>(model: T) -> Value {
    serde_json::to_value(model).expect("models serialise")
}

/// Every collection, in [`Resource::ALL`] order.
pub(crate) fn collections(config: &Config, plan: &Plan) -> Vec<Collection> {
    let d = Seeded::new(config.seed);
    Resource::ALL.iter().map(|&resource| collection(d, resource, config, plan)).collect()
}

fn collection(d: Seeded, resource: Resource, config: &Config, plan: &Plan) -> Collection {
    let mut collection = Collection::default();
    let size = size(resource, config);
    let mut drifted = 0usize;
    for index in 0..size {
        // The large collections are rendered straight from the models;
        // their values are parsed when a filter first needs them.
        let rendered = match resource {
            Resource::Accounts if !plan.wrong_type.hits(index as u64 + 1) => Some(bytes(data::account!(sailpoint_v2025, d, index))),
            Resource::Identities => Some(bytes(data::identity!(sailpoint_v2025, d, index))),
            Resource::MachineIdentities => Some(bytes(data::machine_identity(d, index))),
            _ => None,
        };
        if let Some(rendered) = rendered {
            collection.put_record(d.id(kind(resource), index), Record::rendered(rendered));
            continue;
        }
        let record = match resource {
            Resource::Accounts => value(data::account!(sailpoint_v2025, d, index)),
            Resource::Identities => value(data::identity!(sailpoint_v2025, d, index)),
            Resource::MachineIdentities => value(data::machine_identity(d, index)),
            Resource::Sources => source(d, index),
            Resource::Entitlements => entitlement(d, index, config.sources),
            Resource::AccessProfiles => access_profile(d, index, config),
            Resource::Roles => role(d, index, config.access_profiles),
            Resource::Workgroups => workgroup(d, index),
            Resource::Transforms => transform(d, index),
        };
        // The wrong-typed-field fault, planned per account as the list
        // routes always did: the n-th hit gets the n-th field of the cycle.
        let drift = (resource == Resource::Accounts && plan.wrong_type.hits(index as u64 + 1)).then(|| {
            drifted += 1;
            Drift {
                index,
                ordinal: plan.wrong_type_offset.wrapping_add(drifted - 1),
            }
        });
        collection.put_record(d.id(kind(resource), index), Record::new(record, drift));
    }
    collection
}

fn size(resource: Resource, config: &Config) -> usize {
    match resource {
        Resource::Accounts => config.accounts,
        Resource::Identities => config.identities,
        Resource::MachineIdentities => config.machine_identities,
        Resource::Sources => config.sources,
        Resource::Entitlements => config.entitlements,
        Resource::AccessProfiles => config.access_profiles,
        Resource::Roles => config.roles,
        Resource::Workgroups => config.workgroups,
        Resource::Transforms => config.transforms,
    }
}

fn owner(d: Seeded) -> Value {
    json!({"type": "IDENTITY", "id": d.id(2, 0), "name": d.person(0).login})
}

fn reference(d: Seeded, kind_of: &str, resource: Resource, index: usize, name: String) -> Value {
    json!({"type": kind_of, "id": d.id(kind(resource), index), "name": name})
}

const SOURCE_NAMES: [&str; 4] = ["Active Directory", "Workday", "ServiceNow", "Okta"];

fn source_name(index: usize) -> String {
    match index {
        i if i < SOURCE_NAMES.len() => SOURCE_NAMES[i].to_owned(),
        i => format!("Source {i}"),
    }
}

fn source(d: Seeded, index: usize) -> Value {
    json!({
        "id": d.id(9, index),
        "name": source_name(index),
        "description": format!("{} (mock)", source_name(index)),
        "owner": owner(d),
        "connector": "active-directory",
        "connectorName": "Active Directory",
        "type": "Active Directory - Direct",
        "authoritative": index == 1,
        "healthy": true,
        "status": "SOURCE_STATE_HEALTHY",
        "features": ["PROVISIONING", "ENABLE"],
        "created": d.timestamp(index).to_string(),
        "modified": d.timestamp(index + 1).to_string(),
    })
}

fn group_name(d: Seeded, index: usize) -> String {
    let department = d.person(index).department;
    format!("CN={department}-{},OU=Groups,DC=corp,DC=example,DC=com", index % 40)
}

fn entitlement(d: Seeded, index: usize, sources: usize) -> Value {
    let source = index % sources.max(1);
    json!({
        "id": d.id(10, index),
        "name": group_name(d, index),
        "attribute": "memberOf",
        "value": group_name(d, index),
        "sourceSchemaObjectType": "group",
        "description": format!("Group {index} of {}", d.person(index).department),
        "privileged": index.is_multiple_of(7),
        "cloudGoverned": false,
        "requestable": !index.is_multiple_of(3),
        "owner": owner(d),
        "source": reference(d, "SOURCE", Resource::Sources, source, source_name(source)),
        "attributes": {"GroupType": "Security"},
        "created": d.timestamp(index).to_string(),
        "modified": d.timestamp(index + 2).to_string(),
    })
}

fn access_profile(d: Seeded, index: usize, config: &Config) -> Value {
    let source = index % config.sources.max(1);
    let entitlements: Vec<Value> = (0..2)
        .map(|k| index * 2 + k)
        .filter(|&e| e < config.entitlements)
        .map(|e| reference(d, "ENTITLEMENT", Resource::Entitlements, e, group_name(d, e)))
        .collect();
    json!({
        "id": d.id(11, index),
        "name": format!("{} Access {index}", d.person(index).department),
        "description": format!("Access profile {index}"),
        "enabled": true,
        "requestable": index.is_multiple_of(2),
        "owner": owner(d),
        "source": {"type": "SOURCE", "id": d.id(9, source), "name": source_name(source)},
        "entitlements": entitlements,
        "segments": [],
        "created": d.timestamp(index).to_string(),
        "modified": d.timestamp(index + 3).to_string(),
    })
}

fn role(d: Seeded, index: usize, access_profiles: usize) -> Value {
    let profiles: Vec<Value> = (index..access_profiles)
        .step_by(5)
        .take(2)
        .map(|p| reference(d, "ACCESS_PROFILE", Resource::AccessProfiles, p, format!("{} Access {p}", d.person(p).department)))
        .collect();
    json!({
        "id": d.id(12, index),
        "name": format!("{} Role {index}", d.person(index).department),
        "description": format!("Birthright role {index}"),
        "enabled": true,
        "requestable": index % 2 == 1,
        "owner": owner(d),
        "accessProfiles": profiles,
        "entitlements": [],
        "dimensional": false,
        "segments": [],
        "created": d.timestamp(index).to_string(),
        "modified": d.timestamp(index + 4).to_string(),
    })
}

fn workgroup(d: Seeded, index: usize) -> Value {
    let owner = d.person(0);
    json!({
        "id": d.id(13, index),
        "name": format!("{} Approvers", d.person(index).department),
        "description": format!("Governance group {index}"),
        "owner": {"type": "IDENTITY", "id": d.id(2, 0), "name": owner.login, "displayName": format!("{} {}", owner.first, owner.last), "emailAddress": format!("{}@example.com", owner.login)},
        "memberCount": 0,
        "connectionCount": 0,
        "created": d.timestamp(index).to_string(),
        "modified": d.timestamp(index + 5).to_string(),
    })
}

const TRANSFORM_TYPES: [&str; 3] = ["lower", "upper", "trim"];

fn transform(d: Seeded, index: usize) -> Value {
    let kind = TRANSFORM_TYPES[index % TRANSFORM_TYPES.len()];
    json!({
        "id": d.id(14, index),
        "name": format!("{kind} {index}"),
        "type": kind,
        "attributes": {"input": {"type": "accountAttribute", "attributes": {"sourceName": "Active Directory", "attributeName": "sAMAccountName"}}},
        "internal": false,
    })
}

/// Fields a created record gets when its body leaves them out, so the
/// specs' required response fields are there.
pub(crate) fn defaults(resource: Resource) -> Value {
    match resource {
        Resource::Accounts => json!({
            "authoritative": false, "disabled": false, "locked": false, "systemAccount": false,
            "uncorrelated": true, "manuallyCorrelated": false, "hasEntitlements": false, "attributes": {},
        }),
        Resource::Transforms => json!({"internal": false, "attributes": {}}),
        Resource::Workgroups => json!({"memberCount": 0, "connectionCount": 0}),
        Resource::MachineIdentities => json!({"subtype": "Application", "businessApplication": "", "attributes": {}}),
        Resource::AccessProfiles | Resource::Roles => json!({"enabled": false, "requestable": false}),
        _ => json!({}),
    }
}
