//! The 44 operations of the seed documents (`../shared/seeds/`: the
//! official Python and PowerShell SDKs' method docs) exist in our crates
//! with the documented method and path, and each builds exactly the request
//! the spec describes. The seeds predate our specs; where they differ
//! (placeholder names, which operations are experimental), the spec wins,
//! so experimental flags are checked against the spec, not the seeds.

use sailpoint_runtime::{Body, Client, Error, Request, Response};
use std::future::Future;
use std::path::{Path, PathBuf};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

/// `(operation name, METHOD, path)` rows of a seed document's method table:
/// ``[**get-identity**](#get-identity) | **GET** `/identities/{id}` | …``.
fn seed_rows(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter(|line| line.starts_with("[**") && line.contains(" | **"))
        .filter_map(|line| {
            let name = line.strip_prefix("[**")?.split("**]").next()?.to_owned();
            let mut cells = line.split(" | ");
            cells.next();
            let method_path = cells.next()?;
            let method = method_path.split("**").nth(1)?.to_owned();
            let path = method_path.split('`').nth(1)?.to_owned();
            Some((name, method, path))
        })
        .collect()
}

/// `/identities/{identityId}/reset` → `/identities/{}/reset`.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_seed_operation_exists_with_its_method_and_path() {
    // The seed README's table: file → version.
    let files = [
        ("000_0e8ea21f983ae240.txt", "v2025", 5),
        ("001_6c72ad51cb827d3f.txt", "v2025", 1),
        ("002_333b000d2bb90b75.txt", "beta", 11),
        ("003_174bdb07f864faec.txt", "v2024", 16),
        ("004_8eeff2104b1d1b15.txt", "v2024", 11),
    ];
    let mut checked = 0;
    for (file, version, expected_rows) in files {
        let text = std::fs::read_to_string(seeds_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let rows = seed_rows(&text);
        assert_eq!(rows.len(), expected_rows, "{file}: method table rows");
        let surface = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/surface/{version}.snap"))).unwrap();
        // `op group.rust_name: METHOD /path [experimental]`
        let ops: Vec<(&str, &str, String)> = surface
            .lines()
            .filter_map(|l| l.strip_prefix("op "))
            .filter_map(|l| {
                let (name, rest) = l.split_once(": ")?;
                let (method, path) = rest.split_once(' ')?;
                let path = path.split(' ').next()?;
                Some((name.rsplit('.').next()?, method, shape(path)))
            })
            .collect();
        for (name, method, path) in rows {
            // Python names are kebab-case operation ids; PowerShell's
            // (`Get-V2024Identity`) are matched by method and path alone.
            let rust_name = name.replace('-', "_");
            let python = !name.contains("V20");
            let found = ops.iter().any(|(op, m, p)| *m == method && *p == shape(&path) && (!python || *op == rust_name));
            assert!(found, "{file}: {name} ({method} {path}) is not a {version} operation");
            checked += 1;
        }
    }
    assert_eq!(checked, 44);
}

fn client() -> Client {
    Client::builder().base_url("http://localhost:9").bearer_token("t").experimental(true).build().unwrap()
}

/// The request as one line: `METHOD path?query [experimental] (content type)`.
fn line(request: Result<Request, Error>) -> String {
    let r = request.expect("the request builds");
    let mut out = format!("{} {}", r.method, r.path);
    if !r.query.is_empty() {
        let query: Vec<String> = r.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out = format!("{out}?{}", query.join("&"));
    }
    if r.experimental {
        out.push_str(" [experimental]");
    }
    match &r.body {
        Body::Empty => {}
        Body::Json { content_type, .. } => out.push_str(&format!(" ({content_type})")),
        Body::Form(_) => out.push_str(" (form)"),
        Body::Multipart(_) => out.push_str(" (multipart)"),
    }
    out
}

/// Compiles only when the operation's `send` resolves to `Response<T>`:
/// the seeds' documented return types, checked by the compiler.
fn returns<T, F: Future<Output = Result<Response<T>, Error>>>(_: F) {}

#[test]
fn v2025_machine_identities_and_classify() {
    use sailpoint_v2025::models::{MachineIdentityRequest, MachineIdentityResponse, SendClassifyMachineAccount200Response};
    let client = sailpoint_v2025::Client::new(&client());
    let api = client.machine_identities();
    assert_eq!(
        line(api.create_machine_identity(MachineIdentityRequest::default()).into_request()),
        "POST /machine-identities [experimental] (application/json)"
    );
    assert_eq!(line(api.delete_machine_identity("m 1").into_request()), "DELETE /machine-identities/m%201 [experimental]");
    assert_eq!(line(api.get_machine_identity("m1").into_request()), "GET /machine-identities/m1 [experimental]");
    assert_eq!(
        line(api.list_machine_identities().filters("name eq \"x\"").limit(50).offset(100).count(true).into_request()),
        "GET /machine-identities?filters=name eq \"x\"&count=true&limit=50&offset=100 [experimental]"
    );
    assert_eq!(
        line(api.update_machine_identity("m1", vec![serde_json::json!({"op": "remove", "path": "/description"})]).into_request()),
        "PATCH /machine-identities/m1 [experimental] (application/json-patch+json)"
    );
    assert_eq!(
        line(client.machine_account_classify().send_classify_machine_account("a/1").into_request()),
        "POST /accounts/a%2F1/classify [experimental]"
    );
    returns::<MachineIdentityResponse, _>(api.get_machine_identity("m1").send());
    returns::<Vec<MachineIdentityResponse>, _>(api.list_machine_identities().send());
    returns::<SendClassifyMachineAccount200Response, _>(client.machine_account_classify().send_classify_machine_account("a").send());
}

/// The Identities seed operations of one version crate, sent and checked.
/// `$experimental` is what the current spec says of the four operations
/// the older seeds do not mark (beta: not experimental; v2024: they are).
macro_rules! check_identities {
    ($krate:ident, $experimental:literal) => {{
        use $krate::models::*;
        let client = $krate::Client::new(&client());
        let api = client.identities();
        let cases = [
            (line(api.delete_identity("i1").into_request()), "DELETE /identities/i1".to_owned()),
            (line(api.get_identity("i1").into_request()), "GET /identities/i1".to_owned()),
            (line(api.get_identity_ownership_details("i1").into_request()), "GET /identities/i1/ownership".to_owned()),
            (line(api.get_role_assignment("i1", "r1").into_request()), "GET /identities/i1/role-assignments/r1".to_owned()),
            (line(api.get_role_assignments("i1").role_id("r").role_name("n").into_request()), "GET /identities/i1/role-assignments?roleId=r&roleName=n".to_owned()),
            (line(api.list_identities().sorters("-name").limit(10).into_request()), "GET /identities?sorters=-name&limit=10".to_owned()),
            (line(api.reset_identity("i1").into_request()), "POST /identities/i1/reset".to_owned()),
            (
                line(api.send_identity_verification_account_token("i1", SendAccountVerificationRequest::default()).into_request()),
                format!("POST /identities/i1/verification/account/send{} (application/json)", $experimental),
            ),
            (line(api.start_identities_invite(InviteIdentitiesRequest::default()).into_request()), format!("POST /identities/invite{} (application/json)", $experimental)),
            (line(api.start_identity_processing(ProcessIdentitiesRequest::default()).into_request()), format!("POST /identities/process{} (application/json)", $experimental)),
            (line(api.synchronize_attributes_for_identity("i1").into_request()), format!("POST /identities/i1/synchronize-attributes{}", $experimental)),
        ];
        for (sent, expected) in &cases {
            assert_eq!(sent, expected);
        }
        returns::<Identity, _>(api.get_identity("i1").send());
        returns::<IdentityOwnershipAssociationDetails, _>(api.get_identity_ownership_details("i1").send());
        returns::<RoleAssignmentDto, _>(api.get_role_assignment("i1", "r1").send());
        returns::<Vec<Identity>, _>(api.list_identities().send());
        returns::<TaskStatus, _>(api.start_identities_invite(InviteIdentitiesRequest::default()).send());
        returns::<TaskResultResponse, _>(api.start_identity_processing(ProcessIdentitiesRequest::default()).send());
        returns::<IdentitySyncJob, _>(api.synchronize_attributes_for_identity("i1").send());
    }};
}

#[test]
fn beta_identities_from_the_python_seed() {
    check_identities!(sailpoint_beta, "");
}

#[test]
fn v2024_identities_from_the_powershell_seed() {
    check_identities!(sailpoint_v2024, " [experimental]");
}

#[test]
fn v2024_accounts() {
    use sailpoint_v2024::models::*;
    let client = sailpoint_v2024::Client::new(&client());
    let api = client.accounts();
    let toggle = AccountToggleRequest::default;
    let cases = [
        (line(api.create_account(AccountAttributesCreate::default()).into_request()), "POST /accounts (application/json)"),
        (line(api.delete_account("a1").into_request()), "DELETE /accounts/a1"),
        (line(api.delete_account_async("a1").into_request()), "POST /accounts/a1/remove"),
        (line(api.disable_account("a1", toggle()).into_request()), "POST /accounts/a1/disable (application/json)"),
        (line(api.disable_account_for_identity("i1").into_request()), "POST /identities-accounts/i1/disable"),
        (
            line(api.disable_accounts_for_identities(IdentitiesAccountsBulkRequest::default()).into_request()),
            "POST /identities-accounts/disable (application/json)",
        ),
        (line(api.enable_account("a1", toggle()).into_request()), "POST /accounts/a1/enable (application/json)"),
        (line(api.enable_account_for_identity("i1").into_request()), "POST /identities-accounts/i1/enable"),
        (
            line(api.enable_accounts_for_identities(IdentitiesAccountsBulkRequest::default()).into_request()),
            "POST /identities-accounts/enable (application/json)",
        ),
        (line(api.get_account("a1").into_request()), "GET /accounts/a1"),
        (line(api.get_account_entitlements("a1").limit(250).into_request()), "GET /accounts/a1/entitlements?limit=250"),
        (
            line(api.list_accounts().detail_level(ListAccountsDetailLevel::Slim).sorters("created").into_request()),
            "GET /accounts?detailLevel=SLIM&sorters=created",
        ),
        (line(api.put_account("a1", AccountAttributes::default()).into_request()), "PUT /accounts/a1 (application/json)"),
        (line(api.submit_reload_account("a1").into_request()), "POST /accounts/a1/reload"),
        (line(api.unlock_account("a1", AccountUnlockRequest::default()).into_request()), "POST /accounts/a1/unlock (application/json)"),
        (line(api.update_account("a1", Vec::new()).into_request()), "PATCH /accounts/a1 (application/json-patch+json)"),
    ];
    for (sent, expected) in &cases {
        assert_eq!(sent, expected);
    }
    returns::<AccountsAsyncResult, _>(api.create_account(AccountAttributesCreate::default()).send());
    returns::<TaskResultDto, _>(api.delete_account_async("a1").send());
    returns::<Vec<BulkIdentitiesAccountsResponse>, _>(api.enable_accounts_for_identities(IdentitiesAccountsBulkRequest::default()).send());
    returns::<Account, _>(api.get_account("a1").send());
    returns::<Vec<Entitlement>, _>(api.get_account_entitlements("a1").send());
    returns::<Vec<Account>, _>(api.list_accounts().send());
}
