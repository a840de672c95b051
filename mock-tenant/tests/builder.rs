//! `MockTenant::builder()`: every size lands in the store, the seed drives
//! the seeded records and the fault schedules, and the tenant hands out
//! its base URL, credentials and a working client.

use sailpoint_mock_tenant::{data, Faults, MockTenant, Resource};
use serde_json::Value;

/// Every seeded record of every resource, in list order, as JSON.
fn records(tenant: &MockTenant) -> Vec<(Resource, Value)> {
    Resource::ALL
        .iter()
        .flat_map(|&resource| (0..tenant.count(resource)).map(move |i| (resource, i)))
        .map(|(resource, i)| (resource, tenant.get(resource, &tenant.seeded_id(resource, i)).expect("a seeded record under its seeded id")))
        .collect()
}

fn small(seed: u64) -> sailpoint_mock_tenant::MockTenantBuilder {
    MockTenant::builder()
        .seed(seed)
        .accounts(30)
        .identities(12)
        .machine_identities(3)
        .sources(2)
        .entitlements(6)
        .access_profiles(4)
        .roles(3)
        .workgroups(2)
        .transforms(5)
}

#[tokio::test]
async fn every_size_lands_in_the_store() {
    let tenant = small(0).start().await.unwrap();
    let counts: Vec<usize> = Resource::ALL.iter().map(|&r| tenant.count(r)).collect();
    // Resource::ALL order: accounts, identities, sources, entitlements,
    // access profiles, roles, machine identities, workgroups, transforms.
    assert_eq!(counts, [30, 12, 2, 6, 4, 3, 3, 2, 5]);
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let (a, b, c) = (small(7).start().await.unwrap(), small(7).start().await.unwrap(), small(8).start().await.unwrap());
    let (a, b, c) = (records(&a), records(&b), records(&c));
    assert_eq!(a.len(), 30 + 12 + 3 + 2 + 6 + 4 + 3 + 2 + 5);
    assert_eq!(a, b, "seed 7 twice");
    // Another seed: other ids and other people behind the accounts.
    let ids = |records: &[(Resource, Value)]| records.iter().map(|(_, r)| r["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert!(ids(&a).iter().all(|id| !ids(&c).contains(id)), "seed 8 shares no id with seed 7");
    let names = |records: &[(Resource, Value)]| -> Vec<String> {
        records.iter().filter(|(r, _)| *r == Resource::Accounts).map(|(_, a)| a["attributes"]["cn"].as_str().unwrap().to_owned()).collect()
    };
    assert_ne!(names(&a), names(&c));
    // References between records follow the seed: an account points at a
    // seeded source and identity of its own tenant.
    let account = &a[0].1;
    let tenant_ids = ids(&a);
    assert!(tenant_ids.contains(&account["sourceId"].as_str().unwrap().to_owned()));
    assert!(tenant_ids.contains(&account["identityId"].as_str().unwrap().to_owned()));
}

#[tokio::test]
async fn seed_zero_keeps_the_ids_of_data_id() {
    let tenant = small(0).start().await.unwrap();
    assert_eq!(tenant.seeded_id(Resource::Accounts, 3), data::id(1, 3));
    assert_eq!(tenant.seeded_id(Resource::Roles, 1), data::id(12, 1));
    assert!(tenant.get(Resource::Identities, &data::id(2, 11)).is_some());
}

#[tokio::test]
async fn the_seed_also_drives_the_fault_schedules() {
    let tenant = MockTenant::builder()
        .faults(Faults { seed: 1, rate_limit_every: Some(5), ..Faults::default() })
        .seed(42)
        .start()
        .await
        .unwrap();
    assert_eq!((tenant.config().seed, tenant.config().faults.seed), (42, 42));
    assert_eq!(tenant.config().faults.rate_limit_every, Some(5));
    // Without `seed`, the faults keep theirs.
    let builder = MockTenant::builder().faults(Faults { seed: 3, ..Faults::default() });
    assert_eq!((builder.build_config().seed, builder.build_config().faults.seed), (0, 3));
}

#[tokio::test]
async fn the_tenant_hands_out_its_url_credentials_and_a_client() {
    let tenant = small(7).credentials("my-id", "my-secret").start().await.unwrap();
    assert!(tenant.base_url().starts_with("http://127.0.0.1:"), "{}", tenant.base_url());
    assert_eq!(tenant.credentials(), ("my-id", "my-secret"));
    assert_eq!((tenant.client_id(), tenant.client_secret()), ("my-id", "my-secret"));
    let v2025 = sailpoint_v2025::Client::new(&tenant.client().unwrap());
    let page = v2025.accounts().list_accounts().limit(2).send().await.unwrap().body;
    let ids: Vec<String> = page.iter().map(|a| a.id.clone().unwrap()).collect();
    assert_eq!(ids, [tenant.seeded_id(Resource::Accounts, 0), tenant.seeded_id(Resource::Accounts, 1)]);
}

#[tokio::test]
async fn versions_limit_what_is_served_and_unknown_ones_are_refused() {
    let error = MockTenant::builder().versions(["v2025", "v2023"]).start().await.err().expect("v2023 is refused");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("unknown version `v2023`; the mock serves beta, v2024, v2025, apis"), "{error}");

    let tenant = MockTenant::builder().transforms(2).versions(["beta"]).start().await.unwrap();
    let runtime = tenant.client().unwrap();
    let beta = sailpoint_beta::Client::new(&runtime).transforms().list_transforms().send().await.unwrap();
    assert_eq!(beta.body.len(), 2);
    let error = sailpoint_v2025::Client::new(&runtime).transforms().list_transforms().send().await.unwrap_err();
    assert_eq!(error.status_code(), Some(404));
    let current = sailpoint::Client::new(&runtime).accounts_v1().list_accounts_v1().send().await.unwrap_err();
    assert_eq!(current.status_code(), Some(404));
}
