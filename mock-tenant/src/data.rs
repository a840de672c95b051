//! The tenant's data, built from the generated models: a model change that
//! the mock does not follow is a compile error here, not silent drift.
//! Values are deterministic functions of the index, so runs are repeatable.

use sailpoint_runtime::DateTime;
use serde_json::Value;
use std::collections::BTreeMap;

const FIRST: [&str; 12] = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Katherine", "Linus", "Margaret", "Niklaus"];
const LAST: [&str; 10] = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Johnson", "Wirth"];
const DEPARTMENTS: [&str; 5] = ["Engineering", "Finance", "Sales", "Support", "Legal"];

/// splitmix64: distinct inputs give distinct, random-looking outputs.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A 32-hex-digit id, like SailPoint's, unique per (kind, index): the id
/// of a seeded record of a tenant with data seed 0 (the default). Used by
/// tests to know which ids to expect; [`Seeded::id`] for other seeds.
pub fn id(kind: u64, index: usize) -> String {
    Seeded::new(0).id(kind, index)
}

/// What a tenant's seeded records are drawn from
/// ([`Config::seed`](crate::Config::seed)): ids, names, departments and
/// timestamps are functions of the seed and the record's index, so the
/// same seed always gives the same data. Seed 0 is the data the mock has
/// always served (`id(1, 0)` is its first account's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seeded {
    /// XORed into every id's input: 0 for seed 0, never 0 otherwise.
    salt: u64,
}

impl Seeded {
    pub fn new(seed: u64) -> Seeded {
        Seeded {
            salt: if seed == 0 { 0 } else { mix(seed) | 1 },
        }
    }

    /// The id of the `index`-th record of `kind`. XOR with the salt is a
    /// bijection, so ids stay unique per (kind, index) under any seed.
    pub fn id(self, kind: u64, index: usize) -> String {
        let input = ((kind << 48) ^ index as u64) ^ self.salt;
        format!("{:016x}{:016x}", mix(input), mix(!input))
    }

    /// The person behind the `index`-th account and identity. Logins end
    /// in the index, so they stay unique whatever the names.
    pub fn person(self, index: usize) -> Person {
        let (first, last, department) = if self.salt == 0 {
            (index % FIRST.len(), (index / FIRST.len()) % LAST.len(), index % DEPARTMENTS.len())
        } else {
            let h = mix(self.salt ^ index as u64);
            (h as usize % FIRST.len(), (h >> 16) as usize % LAST.len(), (h >> 32) as usize % DEPARTMENTS.len())
        };
        let (first, last) = (FIRST[first], LAST[last]);
        Person {
            first,
            last,
            login: format!("{}.{}{}", first.to_lowercase(), last.to_lowercase(), index),
            department: DEPARTMENTS[department],
        }
    }

    /// A timestamp in 2024 for the `index`-th record; a seed shifts the
    /// calendar by up to 99,999 steps.
    pub fn timestamp(self, index: usize) -> DateTime {
        timestamp(index + (self.salt >> 40) as usize % 100_000)
    }
}

/// A person, shared by accounts, identities and search documents.
pub struct Person {
    pub first: &'static str,
    pub last: &'static str,
    pub login: String,
    pub department: &'static str,
}

/// The person of seed 0.
pub fn person(index: usize) -> Person {
    Seeded::new(0).person(index)
}

/// The timestamp of seed 0.
pub fn timestamp(index: usize) -> DateTime {
    DateTime::new(format!("2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", 1 + index % 12, 1 + index % 28, index % 24, index % 60, (index / 60) % 60, index % 1000))
}

/// The directory attributes of an account: what makes real accounts 1–2 KB.
pub fn account_attributes(data: Seeded, index: usize, person: &Person) -> BTreeMap<String, Value> {
    let dn = format!("CN={} {},OU={},DC=corp,DC=example,DC=com", person.first, person.last, person.department);
    let groups: Vec<Value> = (0..3)
        .map(|g| Value::from(format!("CN={}-{},OU=Groups,DC=corp,DC=example,DC=com", person.department, (index + g) % 40)))
        .collect();
    let pairs: [(&str, Value); 12] = [
        ("cn", format!("{} {}", person.first, person.last).into()),
        ("displayName", format!("{} {}", person.first, person.last).into()),
        ("distinguishedName", dn.into()),
        ("department", person.department.into()),
        ("employeeNumber", format!("E{index:07}").into()),
        ("givenName", person.first.into()),
        ("sn", person.last.into()),
        ("mail", format!("{}@example.com", person.login).into()),
        ("sAMAccountName", person.login.clone().into()),
        ("title", "Analyst".into()),
        ("memberOf", groups.into()),
        ("lastLogon", data.timestamp(index).to_string().into()),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// An `Account` of a version crate (v2024 and v2025 share the shape).
macro_rules! account {
    ($krate:ident, $data:expr, $index:expr) => {{
        use $krate::models as m;
        let data: $crate::data::Seeded = $data;
        let index: usize = $index;
        let person = data.person(index);
        m::Account {
            id: Some(data.id(1, index)),
            name: Some(person.login.clone()),
            created: Some(data.timestamp(index)),
            modified: Some(data.timestamp(index + 7)),
            source_id: data.id(9, index % 4),
            source_name: Some("Active Directory".into()),
            identity_id: Some(data.id(2, index)),
            native_identity: format!("CN={} {},OU={},DC=corp,DC=example,DC=com", person.first, person.last, person.department),
            uuid: Some(format!("{{{}}}", data.id(3, index))),
            description: Some(format!("{} account of {} {}", person.department, person.first, person.last)),
            connection_type: Some("direct".into()),
            has_entitlements: true,
            manually_correlated: index % 17 == 0,
            disabled: index % 23 == 0,
            is_machine: Some(false),
            identity: Some(m::AccountIdentity {
                id: Some(data.id(2, index)),
                name: Some(person.login.clone()),
                ..Default::default()
            }),
            source_owner: Some(m::AccountSourceOwner {
                id: Some(data.id(4, 0)),
                name: Some("source.owner".into()),
                ..Default::default()
            }),
            attributes: Some($crate::data::account_attributes(data, index, &person)),
            ..Default::default()
        }
    }};
}
pub(crate) use account;

/// An `Identity` of the beta or v2024 crate (the same shape).
macro_rules! identity {
    ($krate:ident, $data:expr, $index:expr) => {{
        use $krate::models as m;
        let data: $crate::data::Seeded = $data;
        let index: usize = $index;
        let person = data.person(index);
        m::Identity {
            id: Some(data.id(2, index)),
            name: person.login.clone(),
            alias: Some(person.login.clone()),
            email_address: Some(format!("{}@example.com", person.login)),
            created: Some(data.timestamp(index)),
            modified: Some(data.timestamp(index + 3)),
            is_manager: Some(index % 10 == 0),
            identity_status: Some(m::IdentityIdentityStatus::Registered),
            attributes: Some(
                [("department", person.department), ("firstname", person.first), ("lastname", person.last)]
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), ::serde_json::Value::from(v)))
                    .collect(),
            ),
            ..Default::default()
        }
    }};
}
pub(crate) use identity;

pub fn machine_identity(data: Seeded, index: usize) -> sailpoint_v2025::models::MachineIdentity {
    use sailpoint_v2025::models as m;
    m::MachineIdentity {
        id: Some(data.id(5, index)),
        name: Some(format!("svc-batch-{index:04}")),
        business_application: ["ADService", "Payroll", "Billing"][index % 3].into(),
        description: Some("Service account for scheduled jobs".into()),
        subtype: "Application".into(),
        created: Some(data.timestamp(index)),
        native_identity: Some(format!("svc-batch-{index:04}")),
        ..Default::default()
    }
}

/// Splices already-serialised JSON values into a JSON array.
pub fn json_array<B: AsRef<[u8]>>(items: &[B]) -> Vec<u8> {
    let mut body = Vec::with_capacity(items.iter().map(|b| b.as_ref().len() + 1).sum::<usize>() + 2);
    body.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(item.as_ref());
    }
    body.push(b']');
    body
}

/// A v2024 account as the tenant serves it (for benchmarks).
pub fn account_v2024(index: usize) -> sailpoint_v2024::models::Account {
    account!(sailpoint_v2024, Seeded::default(), index)
}
