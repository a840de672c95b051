//! What users see when they decode and encode generated models.

use sailpoint_fixtures::{composition, enums, shapes};
use serde_json::json;

#[test]
fn unknown_enum_values_decode_and_round_trip() {
    let v: enums::models::Odd = serde_json::from_value(json!("BRAND_NEW")).unwrap();
    assert_eq!(v, enums::models::Odd::Unknown("BRAND_NEW".into()));
    assert_eq!(serde_json::to_value(&v).unwrap(), json!("BRAND_NEW"));
    let known: enums::models::Odd = serde_json::from_value(json!("IN PROGRESS")).unwrap();
    assert_eq!(known, enums::models::Odd::InProgress);
    assert_eq!(serde_json::to_value(enums::models::Odd::Asterisk).unwrap(), json!("*"));
}

#[test]
fn yaml_1_2_keeps_no_and_off_as_strings_on_the_wire() {
    assert_eq!(serde_json::to_value(enums::models::Locale::No).unwrap(), json!("no"));
    assert_eq!(serde_json::to_value(enums::models::Locale::Off).unwrap(), json!("OFF"));
    let nullable: Option<enums::models::Locale> = serde_json::from_value(json!(null)).unwrap();
    assert_eq!(nullable, None);
}

#[test]
fn integer_enums_are_open_too() {
    let v: enums::models::ApplicationType = serde_json::from_value(json!(1201)).unwrap();
    assert_eq!(v, enums::models::ApplicationType::V1201);
    let v: enums::models::ApplicationType = serde_json::from_value(json!(7)).unwrap();
    assert_eq!(serde_json::to_value(v).unwrap(), json!(7));
}

#[test]
fn required_fields_tolerate_null_and_absence() {
    let odd: shapes::models::Odd = serde_json::from_value(json!({"id": null, "extra": 1})).unwrap();
    assert_eq!(odd.id, "");
    assert_eq!(odd.created.as_str(), "");
    let odd: shapes::models::Odd = serde_json::from_value(json!({"created": "2022-09-19 13:55:26"})).unwrap();
    assert_eq!(odd.created.to_unix_seconds(), Some(1_663_595_726));
}

#[test]
fn read_only_required_fields_are_left_out_of_requests_when_unset() {
    let base = composition::models::Base::default();
    assert_eq!(serde_json::to_value(&base).unwrap(), json!({}));
    let base = composition::models::Base { id: "x".into(), ..Default::default() };
    assert_eq!(serde_json::to_value(&base).unwrap(), json!({"id": "x"}));
}

#[test]
fn all_of_flattens_into_one_struct() {
    let account: composition::models::Account = serde_json::from_value(json!({
        "id": "1", "name": "a", "owner": {"name": "o"}, "identity": {"displayName": "d"}, "manager": null
    }))
    .unwrap();
    assert_eq!(account.id, "1");
    assert_eq!(account.owner.unwrap().name.as_deref(), Some("o"));
    assert_eq!(account.identity.unwrap().display_name.as_deref(), Some("d"));
    assert!(account.manager.is_none());
}

#[test]
fn discriminator_picks_the_mapped_variant() {
    use composition::models::IdentityAccess;
    let v: IdentityAccess = serde_json::from_value(json!({"type": "ENTITLEMENT", "roleName": "looks like a role"})).unwrap();
    assert!(matches!(v, IdentityAccess::Entitlement(_)), "{v:?}");
    let v: IdentityAccess = serde_json::from_value(json!({"type": "ROLE"})).unwrap();
    assert!(matches!(v, IdentityAccess::Role(_)), "{v:?}");
}

#[test]
fn untagged_unions_pick_by_shape_and_keep_what_matches_nothing() {
    use composition::models::{Campaign, JsonPatchOperationValue};
    let full: Campaign = serde_json::from_value(json!({"fullId": "f", "details": "d"})).unwrap();
    assert!(matches!(full, Campaign::CampaignAnyOf1(_)), "{full:?}");
    let slim: Campaign = serde_json::from_value(json!({"slimId": "s"})).unwrap();
    assert!(matches!(slim, Campaign::CampaignAnyOf(_)), "{slim:?}");

    let s: JsonPatchOperationValue = serde_json::from_value(json!("x")).unwrap();
    assert_eq!(s, JsonPatchOperationValue::String("x".into()));
    let b: JsonPatchOperationValue = serde_json::from_value(json!(true)).unwrap();
    assert_eq!(b, JsonPatchOperationValue::Boolean(true));
    let a: JsonPatchOperationValue = serde_json::from_value(json!(["a", 1])).unwrap();
    assert!(matches!(a, JsonPatchOperationValue::Array(ref items) if items.len() == 2), "{a:?}");
    let n: JsonPatchOperationValue = serde_json::from_value(json!(1.5)).unwrap();
    assert_eq!(n, JsonPatchOperationValue::Unknown(json!(1.5)));
    assert_eq!(serde_json::to_value(&n).unwrap(), json!(1.5));
}

#[test]
fn recursion_is_boxed_and_decodes() {
    let set: shapes::models::RightSet = serde_json::from_value(json!({
        "id": "root", "parent": {"id": "p"}, "children": [{"id": "c", "children": []}]
    }))
    .unwrap();
    assert_eq!(set.parent.unwrap().id.as_deref(), Some("p"));
    assert_eq!(set.children.unwrap()[0].id.as_deref(), Some("c"));
}

#[test]
fn wire_names_are_kept_exactly() {
    let names: shapes::models::Names = serde_json::from_value(json!({
        "type": "a", "_type": "b", "self": "c", "use": "d", "filter.$": "e",
        "Accounts submitted for processing": 3, "DISPLAY_NAME": "f", "NumberOfCalls": 4
    }))
    .unwrap();
    assert_eq!(names.r#type.as_deref(), Some("a"));
    assert_eq!(names._type.as_deref(), Some("b"));
    assert_eq!(names.self_.as_deref(), Some("c"));
    assert_eq!(names.filter.as_deref(), Some("e"));
    assert_eq!(names.accounts_submitted_for_processing, Some(3));
    let back = serde_json::to_value(&names).unwrap();
    assert_eq!(back["filter.$"], "e");
    assert_eq!(back["Accounts submitted for processing"], 3);
    assert_eq!(back["DISPLAY_NAME"], "f");
}

#[test]
fn maps_beside_properties_keep_extra_keys() {
    let mixed: shapes::models::OddMixed = serde_json::from_value(json!({"known": "k", "other": "o"})).unwrap();
    assert_eq!(mixed.known.as_deref(), Some("k"));
    assert_eq!(mixed.additional_properties.get("other").map(String::as_str), Some("o"));
}

#[test]
fn a_shared_enum_field_tags_the_union() {
    use composition::models::SearchDocuments;
    // Same shape for both; only `_type` tells them apart.
    let doc: SearchDocuments = serde_json::from_value(json!({"_type": "identity", "id": "1", "name": "n"})).unwrap();
    assert!(matches!(doc, SearchDocuments::IdentityDocument(_)), "{doc:?}");
    let doc: SearchDocuments = serde_json::from_value(json!({"_type": "accessprofile", "id": "1", "email": "e"})).unwrap();
    assert!(matches!(doc, SearchDocuments::AccessProfileDocument(_)), "{doc:?}");
}

#[test]
fn a_sibling_field_chooses_the_union_variant() {
    use composition::models::{Transform, TransformAttributes};
    // `{"input": {}}` fits Lower and Static alike; `type` decides.
    let t: Transform = serde_json::from_value(json!({"name": "t", "type": "static", "attributes": {"input": {}}})).unwrap();
    assert!(matches!(t.attributes, Some(TransformAttributes::Static(_))), "{t:?}");
    let t: Transform = serde_json::from_value(json!({"name": "t", "type": "lower", "attributes": {"input": {}}})).unwrap();
    assert!(matches!(t.attributes, Some(TransformAttributes::Lower(_))), "{t:?}");
    let t: Transform = serde_json::from_value(json!({"name": "t", "type": "concat", "attributes": {"values": ["a"]}})).unwrap();
    assert!(matches!(t.attributes, Some(TransformAttributes::Concatenation(_))), "{t:?}");
    // A type this SDK does not know still decodes, by shape, and round-trips.
    let raw = json!({"name": "t", "type": "brandNew", "attributes": {"values": ["a"]}});
    let t: Transform = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(serde_json::to_value(&t).unwrap(), raw);
    let t: Transform = serde_json::from_value(json!({"name": "t", "type": "lower", "attributes": null})).unwrap();
    assert_eq!(t.attributes, None);
}
