//! Real tenants drift from the spec: new enum values, new fields, `null`
//! where the spec says never, required fields left out, date-times without
//! a zone, counts past int32. The official SDKs fail whole responses on
//! these (python-sdk #66, #72, #75, #11, #62, #97); ours must decode them.
//! Each test drifts one thing in a valid document of a real generated
//! model and checks what the user gets (documented in docs/design.md,
//! "What drift looks like to a user").

use sailpoint_v2025::models::{
    Account, AccountOrigin, Identity, IdentityDocument, IdentityIdentityStatus, MachineIdentity, Transform, TransformAttributes, TransformType,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn account_json() -> Value {
    json!({
        "id": "2c9180835d2e5168015d32f890ca1581", "name": "john.doe", "created": "2023-01-02T03:04:05.678Z",
        "sourceId": "2c9180835d2e5168015d32f890ca1582", "sourceName": "Active Directory", "nativeIdentity": "CN=John Doe,OU=people",
        "authoritative": true, "disabled": false, "locked": false, "origin": "AGGREGATED", "attributes": {"department": "Sales"}
    })
}

fn identity_json() -> Value {
    json!({
        "id": "01f04e428c484542a241dc89c303b178", "name": "Walter White", "created": "2023-01-03T21:16:22.432Z",
        "emailAddress": "walter@example.com", "identityStatus": "REGISTERED", "isManager": false
    })
}

fn machine_identity_json() -> Value {
    json!({
        "id": "43bdd144-4b17-4fce-a744-17c7fd3e717b", "name": "aName", "created": "2015-05-28T14:07:17Z",
        "businessApplication": "ADService", "subtype": "Application", "nativeIdentity": "abc:123"
    })
}

/// The identity document of `POST /search`.
fn identity_document_json() -> Value {
    json!({
        "id": "2c9180865c45e7e3015c46c434a80623", "name": "ad.admin", "displayName": "AD Admin",
        "created": "2018-06-25T20:22:28.104Z", "accessCount": 5, "accountCount": 3
    })
}

fn transform_json() -> Value {
    json!({
        "name": "Full name", "type": "concat",
        "attributes": {"values": [{"type": "identityAttribute", "attributes": {"name": "firstname"}}, " ", "x"]}
    })
}

/// Decodes `document` with `change` applied, through the runtime's response
/// decoder, and encodes the result again.
fn drifted<T: DeserializeOwned + Serialize>(mut document: Value, change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> (T, Value) {
    change(document.as_object_mut().expect("documents are objects"));
    let bytes = serde_json::to_vec(&document).unwrap();
    let decoded: T = sailpoint_runtime::decode_json("GET /drift", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let encoded = serde_json::to_value(&decoded).unwrap();
    (decoded, encoded)
}

#[test]
fn an_unknown_enum_value_decodes_as_unknown_and_round_trips() {
    let (account, json) = drifted::<Account>(account_json(), |d| {
        d.insert("origin".into(), json!("FEDERATED"));
    });
    assert_eq!(account.origin, Some(AccountOrigin::Unknown("FEDERATED".into())));
    assert_eq!(json["origin"], "FEDERATED");

    let (identity, json) = drifted::<Identity>(identity_json(), |d| {
        d.insert("identityStatus".into(), json!("SUSPENDED"));
    });
    assert_eq!(identity.identity_status, Some(IdentityIdentityStatus::Unknown("SUSPENDED".into())));
    assert_eq!(json["identityStatus"], "SUSPENDED");

    // A new transform type: its attributes cannot be typed by a variant we
    // do not know, so they are kept as raw JSON, and both round-trip.
    let (t, json) = drifted::<Transform>(transform_json(), |d| {
        d.insert("type".into(), json!("aiGenerated"));
        d.insert("attributes".into(), json!({"prompt": "x", "temperature": 0.2}));
    });
    assert_eq!(t.r#type, TransformType::Unknown("aiGenerated".into()));
    assert!(matches!(t.attributes, Some(TransformAttributes::Unknown(_))), "{:?}", t.attributes);
    assert_eq!(json["type"], "aiGenerated");
    assert_eq!(json["attributes"], json!({"prompt": "x", "temperature": 0.2}));
}

#[test]
fn an_extra_field_is_ignored() {
    let extra = |d: &mut serde_json::Map<String, Value>| {
        d.insert("addedByTenantUpgrade".into(), json!({"nested": [1, 2, {"deep": null}]}));
    };
    let (account, json) = drifted::<Account>(account_json(), extra);
    assert_eq!(account.name.as_deref(), Some("john.doe"));
    assert!(json.get("addedByTenantUpgrade").is_none());
    let (identity, _) = drifted::<Identity>(identity_json(), extra);
    assert_eq!(identity.name, "Walter White");
    let (machine, _) = drifted::<MachineIdentity>(machine_identity_json(), extra);
    assert_eq!(machine.subtype, "Application");
    let (document, _) = drifted::<IdentityDocument>(identity_document_json(), extra);
    assert_eq!(document.account_count, Some(3));
    let (t, _) = drifted::<Transform>(transform_json(), extra);
    assert!(matches!(t.attributes, Some(TransformAttributes::Concatenation(_))), "{:?}", t.attributes);
}

#[test]
fn null_in_a_non_nullable_field_decodes_as_the_default() {
    let null = |field: &'static str| move |d: &mut serde_json::Map<String, Value>| {
        d.insert(field.into(), Value::Null);
    };
    // Required fields become their type's default...
    let (account, _) = drifted::<Account>(account_json(), null("nativeIdentity"));
    assert_eq!(account.native_identity, "");
    let (account, _) = drifted::<Account>(account_json(), null("authoritative"));
    assert!(!account.authoritative);
    let (identity, _) = drifted::<Identity>(identity_json(), null("name"));
    assert_eq!(identity.name, "");
    let (machine, _) = drifted::<MachineIdentity>(machine_identity_json(), null("businessApplication"));
    assert_eq!(machine.business_application, "");
    let (document, _) = drifted::<IdentityDocument>(identity_document_json(), null("id"));
    assert_eq!(document.id, "");
    let (t, _) = drifted::<Transform>(transform_json(), null("type"));
    assert_eq!(t.r#type, TransformType::Unknown(String::new()));
    // ...and optional ones `None`.
    let (account, json) = drifted::<Account>(account_json(), null("origin"));
    assert_eq!(account.origin, None);
    assert!(json.get("origin").is_none());
    let (document, _) = drifted::<IdentityDocument>(identity_document_json(), null("accessCount"));
    assert_eq!(document.access_count, None);
}

#[test]
fn a_missing_required_field_decodes_as_the_default() {
    let remove = |field: &'static str| move |d: &mut serde_json::Map<String, Value>| {
        d.remove(field).expect("the base document has the field");
    };
    let (account, _) = drifted::<Account>(account_json(), remove("sourceId"));
    assert_eq!(account.source_id, "");
    let (identity, _) = drifted::<Identity>(identity_json(), remove("name"));
    assert_eq!(identity.name, "");
    let (machine, _) = drifted::<MachineIdentity>(machine_identity_json(), remove("subtype"));
    assert_eq!(machine.subtype, "");
    let (document, _) = drifted::<IdentityDocument>(identity_document_json(), remove("name"));
    assert_eq!(document.name, "");
    let (t, _) = drifted::<Transform>(transform_json(), remove("name"));
    assert_eq!(t.name, "");
}

#[test]
fn a_date_time_without_a_zone_is_kept_as_sent_and_reads_as_utc() {
    let zoneless = |d: &mut serde_json::Map<String, Value>| {
        d.insert("created".into(), json!("2022-09-19 13:55:26"));
    };
    let (account, json) = drifted::<Account>(account_json(), zoneless);
    let created = account.created.expect("created decodes");
    assert_eq!(created.as_str(), "2022-09-19 13:55:26");
    assert_eq!(created.to_unix_seconds(), Some(1_663_595_726));
    assert_eq!(json["created"], "2022-09-19 13:55:26");
    let (identity, _) = drifted::<Identity>(identity_json(), zoneless);
    assert_eq!(identity.created.and_then(|c| c.to_unix_seconds()), Some(1_663_595_726));
    let (machine, _) = drifted::<MachineIdentity>(machine_identity_json(), zoneless);
    assert_eq!(machine.created.map(|c| c.as_str().to_owned()).as_deref(), Some("2022-09-19 13:55:26"));
    let (document, _) = drifted::<IdentityDocument>(identity_document_json(), zoneless);
    assert!(document.created.is_some());
}

#[test]
fn an_int32_field_past_int32_keeps_its_value() {
    let big = 4_294_967_296_i64;
    let (document, json) = drifted::<IdentityDocument>(identity_document_json(), |d| {
        d.insert("accessCount".into(), json!(big));
    });
    assert_eq!(document.access_count, Some(big));
    assert_eq!(json["accessCount"], big);
}

/// The same drift on the current per-resource API's `Account` (the
/// `sailpoint` crate, `/accounts/v1`), plus the wrong-typed scalars real
/// tenants send: every case decodes the whole document.
#[test]
fn the_current_api_account_absorbs_the_same_drift() {
    use sailpoint::models::{Account, AccountOrigin};
    let (account, encoded): (Account, Value) = drifted(account_json(), |a| {
        a.insert("origin".into(), json!("FEDERATED"));
        a.insert("newField".into(), json!({"x": 1}));
        a.insert("sourceName".into(), Value::Null);
        a.remove("sourceId");
        a.insert("locked".into(), json!("true"));
        a.insert("nativeIdentity".into(), json!(127999));
    });
    assert_eq!(account.origin, Some(AccountOrigin::Unknown("FEDERATED".into())));
    assert_eq!(encoded["origin"], "FEDERATED");
    assert_eq!(account.source_id, "");
    assert!(account.locked, "\"true\" reads as true");
    assert_eq!(account.native_identity, "127999");
    assert_eq!(account.name.as_deref(), Some("john.doe"));
}
