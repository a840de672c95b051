//! A mock SailPoint ISC tenant on loopback, for your tests, the
//! quickstart, this project's end-to-end tests and the benchmarks.
//!
//! # Testing your code against the mock tenant
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use sailpoint_mock_tenant::{MockTenant, Resource};
//!
//! let tenant = MockTenant::builder().seed(7).accounts(1_000).identities(200).start().await?;
//! let v2025 = sailpoint_v2025::Client::new(&tenant.client()?);
//! let first = tenant.seeded_id(Resource::Accounts, 0);
//! let account = v2025.accounts().get_account(&first).send().await?.body;
//! assert_eq!(account.id.as_deref(), Some(first.as_str()));
//! // Or give your own code the tenant's address and credentials:
//! let (url, (client_id, client_secret)) = (tenant.base_url(), tenant.credentials());
//! # let _ = (url, client_id, client_secret);
//! # Ok(())
//! # }
//! ```
//!
//! **Credentials.** `POST /oauth/token` (client credentials) accepts any
//! non-empty client id and secret by default, so code under test can send
//! whatever its configuration holds; an empty id or secret gets ISC's 401
//! `invalid_client`. [`MockTenantBuilder::credentials`] (or
//! [`Config::strict_credentials`]) accepts only the configured pairs, for
//! tests of bad-credential handling. Tokens expire after
//! [`Config::token_lifetime`].
//!
//! **Every operation.** Every operation of every generated crate (beta,
//! v2024, v2025 and the current per-resource API, crate `sailpoint`) is
//! served from the catalogues the generator emits ([`catalog`]): requests
//! are validated as ISC does (required params and their types, the
//! experimental header, the body against the operation's JSON Schema,
//! content types), and a bad one gets a 400 `ErrorResponseDto` naming the
//! parameter or JSON pointer. Lists take `limit` (at most 250, else 400),
//! `offset` and `count` (`X-Total-Count`).
//!
//! **A store.** Accounts, identities, sources, entitlements, access
//! profiles, roles, machine identities, governance groups and transforms
//! (see [`Resource`]) behave like a store shared by every version: a POST
//! creates what a GET returns, PUT replaces, JSON Patch applies, DELETE
//! removes; lists honour `filters` and `sorters` on the fields each
//! operation documents; `POST /v2025/search` indexes them, with
//! `searchAfter`. The store starts from [`Config::seed`] and the sizes;
//! [`MockTenant::insert`] adds a test's own records.
//!
//! **Faults.** Rate limits with `Retry-After` (injected, and ISC's own
//! per-client limit), 5xx, token-endpoint failures, dropped connections,
//! wrong-typed fields, latency, expiring and revoked tokens are configured
//! by [`Faults`], each deterministic from its seed, and counted in
//! [`StatsSnapshot`].

mod builder;
pub mod catalog;
pub mod data;
mod drift;
mod faults;
mod ratelimit;
mod serve;
mod server;
mod stats;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use builder::MockTenantBuilder;
pub use faults::{DropKind, Faults, TokenFailure};
pub use ratelimit::RateLimit;
pub use server::Tenant;
pub use stats::StatsSnapshot;
pub use store::Resource;

/// What the tenant holds and how it misbehaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// The seed of the store's records: ids, names, departments and
    /// timestamps follow it, so the same seed gives the same data. 0 (the
    /// default) gives the ids `data::id(kind, index)`; under any seed
    /// [`MockTenant::seeded_id`] says which id the n-th record has. The
    /// fault schedules have their own, [`Faults::seed`];
    /// [`MockTenantBuilder::seed`] sets both.
    pub seed: u64,
    /// Accounts in each of `/v2024/accounts`, `/v2025/accounts` and `/accounts/v1`.
    pub accounts: usize,
    /// Identities (lists and the search index).
    pub identities: usize,
    /// Machine identities (`/v2025/machine-identities`).
    pub machine_identities: usize,
    /// Sources (accounts point at the first four).
    pub sources: usize,
    /// Entitlements (groups on the sources).
    pub entitlements: usize,
    /// Access profiles (two entitlements each).
    pub access_profiles: usize,
    /// Roles (access profiles each).
    pub roles: usize,
    /// Governance groups (`/workgroups`).
    pub workgroups: usize,
    /// Transforms.
    pub transforms: usize,
    /// The client id [`MockTenant::client`] uses (and, with
    /// `strict_credentials`, the one the token endpoint accepts).
    pub client_id: String,
    /// The client secret [`MockTenant::client`] uses.
    pub client_secret: String,
    /// Only `client_id`/`client_secret` and `other_clients` get a token;
    /// any other pair gets ISC's 401 `invalid_client`. Off by default: the
    /// token endpoint accepts any non-empty client id and secret, as a
    /// test of your own code wants (an empty one is still refused). Turn
    /// it on to test how your code handles bad credentials;
    /// [`MockTenantBuilder::credentials`] and the binary's `--client-id`
    /// do. Either way each client id has its own [`Faults::rate_limit`]
    /// budget.
    pub strict_credentials: bool,
    /// More accepted (client id, client secret) pairs, with
    /// `strict_credentials`.
    pub other_clients: Vec<(String, String)>,
    /// How long an access token lives.
    pub token_lifetime: Duration,
    /// The versions served, by their catalogue names ([`catalog::versions`]:
    /// `beta`, `v2024`, `v2025`, and `apis` for the current per-resource
    /// API); empty, the default, serves them all. The paths of the others
    /// get 404. A name the catalogues do not have fails
    /// [`MockTenant::start`].
    pub versions: Vec<String>,
    /// Answer an `offset` at or past the end of a non-empty list with
    /// 400 "offset is invalid", as some ISC endpoints do.
    pub offset_past_end_is_error: bool,
    /// Send `X-Total-Count` when asked with `count=true`; some endpoints
    /// never do.
    pub send_total_count: bool,
    /// Injected faults.
    pub faults: Faults,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 0,
            accounts: 1_000,
            identities: 500,
            machine_identities: 20,
            sources: 4,
            entitlements: 40,
            access_profiles: 10,
            roles: 5,
            workgroups: 3,
            transforms: 3,
            client_id: "mock-client-id".into(),
            client_secret: "mock-client-secret".into(),
            strict_credentials: false,
            other_clients: Vec::new(),
            token_lifetime: Duration::from_secs(3600),
            versions: Vec::new(),
            offset_past_end_is_error: false,
            send_total_count: true,
            faults: Faults::default(),
        }
    }
}

/// A running mock tenant; it stops when dropped.
pub struct MockTenant {
    address: SocketAddr,
    tenant: Arc<Tenant>,
    task: tokio::task::JoinHandle<()>,
    /// Dropping it ends every open connection too, not only the accept loop.
    _shutdown: tokio::sync::watch::Sender<()>,
}

impl MockTenant {
    /// A tenant set up field by field:
    /// `MockTenant::builder().seed(7).accounts(1_000).start().await`.
    pub fn builder() -> MockTenantBuilder {
        MockTenantBuilder::default()
    }

    /// Builds the data and serves it on a free loopback port, on the
    /// current Tokio runtime.
    pub async fn start(config: Config) -> std::io::Result<MockTenant> {
        MockTenant::start_at(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Like [`start`](Self::start), on `address` (port 0 picks a free
    /// one): the binary's `--port`.
    pub async fn start_at(config: Config, address: SocketAddr) -> std::io::Result<MockTenant> {
        check_versions(&config.versions).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let listener = tokio::net::TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let tenant = Arc::new(Tenant::new(config));
        let app = server::router(tenant.clone());
        let (shutdown, stopped) = tokio::sync::watch::channel(());
        let task = tokio::spawn(serve::serve(listener, app, stopped));
        Ok(MockTenant {
            address,
            tenant,
            task,
            _shutdown: shutdown,
        })
    }

    /// `http://127.0.0.1:<port>`, the base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The client id [`client`](Self::client) uses.
    pub fn client_id(&self) -> &str {
        &self.config().client_id
    }

    /// The client secret [`client`](Self::client) uses.
    pub fn client_secret(&self) -> &str {
        &self.config().client_secret
    }

    /// `(client id, client secret)`, to give a client of your own.
    pub fn credentials(&self) -> (&str, &str) {
        (self.client_id(), self.client_secret())
    }

    /// The id of the `index`-th seeded record of `resource` (from 0), under
    /// this tenant's [`Config::seed`].
    pub fn seeded_id(&self, resource: Resource, index: usize) -> String {
        self.tenant.store.seeded_id(resource, index)
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &Config {
        self.tenant.config()
    }

    /// Requests seen so far.
    pub fn stats(&self) -> StatsSnapshot {
        self.tenant.stats().snapshot()
    }

    /// Adds a record to a resource (or replaces the one with its `id`),
    /// as if the tenant had it all along; a record without an `id` gets
    /// one. Returns the id. Every version's routes see it.
    pub fn insert(&self, resource: Resource, record: serde_json::Value) -> String {
        self.tenant.store.insert(resource, record)
    }

    /// A record as the tenant holds it now, `None` once deleted.
    pub fn get(&self, resource: Resource, id: &str) -> Option<serde_json::Value> {
        self.tenant.store.get(resource, id)
    }

    /// Removes a record, returning it.
    pub fn remove(&self, resource: Resource, id: &str) -> Option<serde_json::Value> {
        self.tenant.store.remove(resource, id)
    }

    /// How many records a resource holds.
    pub fn count(&self, resource: Resource) -> usize {
        self.tenant.store.len(resource)
    }

    /// A client for this tenant, with its credentials and experimental
    /// APIs enabled.
    pub fn client(&self) -> Result<sailpoint_runtime::Client, sailpoint_runtime::Error> {
        sailpoint_runtime::Client::builder()
            .base_url(self.base_url())
            .client_credentials(self.client_id(), self.client_secret())
            .experimental(true)
            .build()
    }
}

/// `Err` names the first version the catalogues do not have, and lists
/// the ones they do.
pub fn check_versions<S: AsRef<str>>(versions: &[S]) -> Result<(), String> {
    match versions.iter().map(AsRef::as_ref).find(|v| !catalog::versions().any(|known| known == *v)) {
        Some(unknown) => Err(format!(
            "unknown version `{unknown}`; the mock serves {} (apis: the current per-resource API, crate `sailpoint`)",
            catalog::versions().collect::<Vec<_>>().join(", ")
        )),
        None => Ok(()),
    }
}

impl Drop for MockTenant {
    fn drop(&mut self) {
        self.task.abort();
    }
}
