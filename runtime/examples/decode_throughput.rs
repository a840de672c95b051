//! Decode throughput of a page of 250 accounts, shaped like v2025's
//! generated `Account` (the same serde attributes), through:
//!
//! * `strict`: serde_path_to_error over serde_json, as `decode_json` did
//!   before the lenient adapter;
//! * `lenient`: `decode_json` now (the page path when every item decodes);
//! * `per item`: the page split into raw items, each through `decode_json`
//!   (what a page with a bad item costs, after the failed whole-page pass).
//!
//! `cargo run --release -p sailpoint-runtime --example decode_throughput [ITERATIONS]`
//! Writes one line per variant: best and median pages per second over
//! interleaved rounds.

use sailpoint_runtime::de::{null_as_default, EnumWire};
use sailpoint_runtime::{decode_json, DateTime};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

macro_rules! open_enum {
    ($name:ident { $($variant:ident = $wire:literal),* }) => {
        #[derive(Debug, Clone, PartialEq)]
        #[allow(dead_code)]
        enum $name { $($variant,)* Unknown(String) }
        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value { $($wire => Self::$variant,)* other => Self::Unknown(other.to_owned()) }
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::from(EnumWire::deserialize(deserializer)?.into_text().as_str()))
            }
        }
    };
}

open_enum!(DtoType { Identity = "IDENTITY", Source = "SOURCE", Account = "ACCOUNT" });
open_enum!(Origin { Aggregated = "AGGREGATED", Provisioned = "PROVISIONED" });
open_enum!(Method { Discovery = "DISCOVERY", Source = "SOURCE", Criteria = "CRITERIA" });
open_enum!(Kind { Human = "HUMAN", Machine = "MACHINE" });

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Reference {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    r#type: Option<DtoType>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Recommendation {
    #[serde(default, deserialize_with = "null_as_default")]
    method: Option<Method>,
    #[serde(default, deserialize_with = "null_as_default")]
    r#type: Option<Kind>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct Account {
    #[serde(default)]
    created: Option<DateTime>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    modified: Option<DateTime>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    attributes: Option<BTreeMap<String, Value>>,
    #[serde(default, deserialize_with = "null_as_default")]
    authoritative: bool,
    #[serde(default)]
    cloud_lifecycle_state: Option<String>,
    #[serde(default)]
    connection_type: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    disabled: bool,
    #[serde(default)]
    features: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    has_entitlements: bool,
    #[serde(default)]
    identity: Option<Reference>,
    #[serde(default)]
    identity_id: Option<String>,
    #[serde(default)]
    identity_state: Option<String>,
    #[serde(default)]
    is_machine: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    locked: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    manually_correlated: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    native_identity: String,
    #[serde(default)]
    origin: Option<Origin>,
    #[serde(default)]
    owner_identity: Option<Reference>,
    #[serde(default)]
    recommendation: Option<Recommendation>,
    #[serde(default, deserialize_with = "null_as_default")]
    source_id: String,
    #[serde(default)]
    source_name: Option<String>,
    #[serde(default)]
    source_owner: Option<Reference>,
    #[serde(default, deserialize_with = "null_as_default")]
    system_account: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    uncorrelated: bool,
    #[serde(default)]
    uuid: Option<String>,
}

fn page() -> Vec<u8> {
    let accounts: Vec<Value> = (0..250)
        .map(|i| {
            json!({
                "id": format!("2c9180835d2e5168015d32f890ca{i:04}"),
                "name": format!("john.doe{i}"),
                "created": "2015-05-28T14:07:17Z",
                "modified": "2015-05-28T14:07:17.123Z",
                "sourceId": "2c9180835d2e5168015d32f890ca1581",
                "sourceName": "Employees",
                "identityId": "2c9180835d2e5168015d32f890ca1581",
                "cloudLifecycleState": "active",
                "identityState": "ACTIVE",
                "connectionType": "direct",
                "isMachine": false,
                "recommendation": {"type": "HUMAN", "method": "DISCOVERY"},
                "attributes": {"firstName": "John", "lastName": "Doe", "email": format!("john.doe{i}@example.com"), "groups": ["a", "b"], "employeeNumber": i},
                "authoritative": false,
                "description": null,
                "disabled": i % 7 == 0,
                "locked": false,
                "nativeIdentity": format!("55277{i}"),
                "systemAccount": false,
                "uncorrelated": false,
                "uuid": format!("{{b0dce506-d6d4-44d2-8a32-{i:012}}}"),
                "manuallyCorrelated": false,
                "hasEntitlements": true,
                "identity": {"id": "2c918084660f45d6016617daa9210584", "name": "Adam Kennedy", "type": "IDENTITY"},
                "sourceOwner": {"id": "2c918084660f45d6016617daa9210584", "name": "Adam Kennedy", "type": "IDENTITY"},
                "features": "ENABLE",
                "origin": "AGGREGATED",
                "ownerIdentity": {"type": "IDENTITY", "id": "2c918084660f45d6016617daa9210584", "name": "Adam Kennedy"}
            })
        })
        .collect();
    serde_json::to_vec(&accounts).unwrap()
}

fn strict(body: &[u8]) -> Vec<Account> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).unwrap()
}

fn lenient(body: &[u8]) -> Vec<Account> {
    decode_json("GET /accounts", body).unwrap()
}

fn per_item(body: &[u8]) -> Vec<Account> {
    let raw: Vec<&RawValue> = serde_json::from_slice(body).unwrap();
    raw.iter().map(|item| decode_json("GET /accounts", item.get().as_bytes()).unwrap()).collect()
}

type Decode = fn(&[u8]) -> Vec<Account>;

fn main() {
    let iterations: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(2000);
    let body = page();
    let variants: [(&str, Decode); 3] = [("strict", strict), ("lenient", lenient), ("per item", per_item)];
    for (_, decode) in &variants {
        assert_eq!(decode(&body).len(), 250);
    }
    const ROUNDS: usize = 7;
    let mut rates = vec![Vec::new(); variants.len()];
    for _ in 0..ROUNDS {
        for (i, (_, decode)) in variants.iter().enumerate() {
            let started = Instant::now();
            for _ in 0..iterations / ROUNDS {
                black_box(decode(black_box(&body)));
            }
            rates[i].push((iterations / ROUNDS) as f64 / started.elapsed().as_secs_f64());
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "page: 250 accounts, {} bytes; {iterations} pages per variant in {ROUNDS} interleaved rounds", body.len()).unwrap();
    for ((name, _), mut rate) in variants.iter().zip(rates) {
        rate.sort_by(f64::total_cmp);
        let (best, median) = (rate[ROUNDS - 1], rate[ROUNDS / 2]);
        writeln!(
            out,
            "{name:>8}: best {best:7.1} pages/s, median {median:7.1} pages/s ({:.0} accounts/s, {:.0} MB/s)",
            median * 250.0,
            median * body.len() as f64 / 1e6
        )
        .unwrap();
    }
}
