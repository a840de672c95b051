use super::compare::{compare, Absorbed};
use super::*;
use crate::settings::VersionSettings;
use crate::StageTimings;
use serde_json::json;
use std::path::Path;

fn fixture() -> (SpecSet, Api) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/fixtures/examples");
    let settings = VersionSettings::fixture("examples");
    let mut timings = StageTimings::default();
    let mut spec = SpecSet::load(&dir, &settings.root_file).expect("fixture loads");
    let api = crate::pipeline::build_api(&mut spec, &settings, &mut timings).expect("fixture converts");
    (spec, api)
}

fn named(api: &Api, name: &str) -> Ty {
    let def = api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"));
    Ty::Named(def.id)
}

#[test]
fn collects_2xx_json_request_and_schema_examples_once_per_location() {
    let (spec, api) = fixture();
    let examples = collect(&spec, &api).unwrap();
    let found: Vec<(String, &str)> = examples.iter().map(|e| (e.kind.to_string(), e.location.as_str())).collect();
    assert_eq!(
        found,
        [
            ("response".to_owned(), "openapi.yaml#/paths/~1things/get/responses/200/content/application~1json/example"),
            // The shared Example Object is used by the 201 response and the
            // request with one type: collected once, at its own file.
            ("response".to_owned(), "examples/thing.yaml#/value"),
            ("request".to_owned(), "openapi.yaml#/paths/~1things/post/requestBody/content/application~1json/examples/inline/value"),
            ("schema".to_owned(), "openapi.yaml#/components/schemas/Thing/example"),
            ("schema".to_owned(), "openapi.yaml#/components/schemas/Status/example"),
        ]
        .iter()
        .map(|(k, l)| (k.clone(), *l))
        .collect::<Vec<_>>()
    );
    let list = &examples[0];
    assert_eq!(list.ty, Ty::Array(Box::new(named(&api, "Thing"))));
    assert_eq!(list.used_by, "listThings 200 application/json");
    assert_eq!(examples[1].value["name"], "shared");
}

#[test]
fn an_exact_round_trip_absorbs_nothing() {
    let (_, api) = fixture();
    let thing = json!({"id": "1", "name": "a", "status": "active", "count": 3, "created": "2022-09-19 13:55:26", "attributes": {"k": "v"}, "shape": {"radius": 2.5}});
    assert_eq!(compare(&api, &named(&api, "Thing"), &thing, &thing), Ok(Absorbed::default()));
}

#[test]
fn leniency_is_counted_not_hidden() {
    let (_, api) = fixture();
    let original = json!({"id": "2", "status": "retired", "nickname": null, "undeclared": true, "count": null});
    // What the generated model writes back: the missing required `name`
    // and the null `count` are gone or defaulted, the unknown enum value is
    // kept, and the unknown property is kept: `Thing` is read and written
    // whole (POST), so it keeps unknown fields.
    let encoded = json!({"id": "2", "name": "", "status": "retired", "undeclared": true});
    let absorbed = compare(&api, &named(&api, "Thing"), &original, &encoded).unwrap();
    assert_eq!(
        absorbed,
        Absorbed {
            unknown_properties: 0,
            coerced: 0,
            unknown_enum_values: 1,
            defaulted: 2,
        }
    );
    // A type that keeps unknown fields must send them back.
    let dropped = json!({"id": "2", "name": "", "status": "retired"});
    let lost = compare(&api, &named(&api, "Thing"), &original, &dropped).unwrap_err();
    assert_eq!((lost.pointer.as_str(), lost.reason.as_str()), ("/undeclared", "lost on re-encode"));
    // Numeric text where the schema says integer is read as the number.
    let text = json!({"id": "3", "name": "a", "count": "4"});
    let absorbed = compare(&api, &named(&api, "Thing"), &text, &json!({"id": "3", "name": "a", "count": 4})).unwrap();
    assert_eq!(absorbed.coerced, 1);
}

#[test]
fn a_lost_or_changed_value_is_a_mismatch_at_its_pointer() {
    let (_, api) = fixture();
    let thing = named(&api, "Thing");
    let original = json!({"id": "1", "name": "a", "attributes": {"k": "v"}});
    let lost = compare(&api, &thing, &original, &json!({"id": "1", "name": "a"})).unwrap_err();
    assert_eq!((lost.pointer.as_str(), lost.reason.as_str()), ("/attributes", "lost on re-encode"));
    let changed = compare(&api, &thing, &original, &json!({"id": "1", "name": "b", "attributes": {"k": "v"}})).unwrap_err();
    assert_eq!(changed.pointer, "/name");
}

#[test]
fn a_value_of_the_wrong_shape_is_a_mismatch_even_if_it_round_trips_raw() {
    let (_, api) = fixture();
    let thing = named(&api, "Thing");
    let wrong = json!({"id": "1", "name": "a", "count": "three"});
    let m = compare(&api, &thing, &wrong, &wrong).unwrap_err();
    assert_eq!((m.pointer.as_str(), m.reason.as_str()), ("/count", "integer expected, found a string"));
    // A union that matches no variant keeps its raw JSON: equal text, but
    // nothing was typed.
    let raw = json!({"id": "1", "name": "a", "shape": {"radius": "big"}});
    let m = compare(&api, &thing, &raw, &raw).unwrap_err();
    assert_eq!(m.pointer, "/shape");
    assert!(m.reason.contains("matches none of its variants"), "{}", m.reason);
    let array = compare(&api, &Ty::Array(Box::new(thing.clone())), &json!({"id": "1"}), &json!({"id": "1"})).unwrap_err();
    assert_eq!(array.reason, "array expected, found an object");
}

#[test]
fn numbers_compare_by_value_and_epoch_date_times_by_their_digits() {
    let (_, api) = fixture();
    let thing = named(&api, "Thing");
    let original = json!({"id": "1", "name": "a", "created": 1663595726000_i64, "shape": {"radius": 2}});
    let encoded = json!({"id": "1", "name": "a", "created": "1663595726000", "shape": {"radius": 2.0}});
    assert_eq!(compare(&api, &thing, &original, &encoded), Ok(Absorbed::default()));
}
