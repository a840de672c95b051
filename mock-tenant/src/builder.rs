//! [`MockTenant::builder`]: a [`Config`] set field by field, for tests.

use crate::{Config, Faults, MockTenant};
use std::net::SocketAddr;
use std::time::Duration;

/// Sets up a [`MockTenant`] and starts it: every knob of [`Config`] has a
/// setter, the rest keep [`Config::default`]'s values.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use sailpoint_mock_tenant::MockTenant;
/// let tenant = MockTenant::builder().seed(7).accounts(1_000).identities(200).start().await?;
/// println!("{} {:?}", tenant.base_url(), tenant.credentials());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `start`"]
pub struct MockTenantBuilder {
    config: Config,
    /// Applied at `start`, so it wins over a later `faults` call's seed.
    seed: Option<u64>,
    port: u16,
}

impl MockTenantBuilder {
    /// Starts from `config` instead of [`Config::default`].
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// The seed of the store's data ([`Config::seed`]) and of the fault
    /// schedules ([`Faults::seed`]): the same seed gives the same records
    /// and the same faults on the same requests. It overrides the seed of
    /// any [`faults`](Self::faults) given, before or after.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Accounts in the store ([`Config::accounts`]).
    pub fn accounts(mut self, n: usize) -> Self {
        self.config.accounts = n;
        self
    }

    /// Identities in the store ([`Config::identities`]).
    pub fn identities(mut self, n: usize) -> Self {
        self.config.identities = n;
        self
    }

    /// Machine identities in the store ([`Config::machine_identities`]).
    pub fn machine_identities(mut self, n: usize) -> Self {
        self.config.machine_identities = n;
        self
    }

    /// Sources in the store ([`Config::sources`]).
    pub fn sources(mut self, n: usize) -> Self {
        self.config.sources = n;
        self
    }

    /// Entitlements in the store ([`Config::entitlements`]).
    pub fn entitlements(mut self, n: usize) -> Self {
        self.config.entitlements = n;
        self
    }

    /// Access profiles in the store ([`Config::access_profiles`]).
    pub fn access_profiles(mut self, n: usize) -> Self {
        self.config.access_profiles = n;
        self
    }

    /// Roles in the store ([`Config::roles`]).
    pub fn roles(mut self, n: usize) -> Self {
        self.config.roles = n;
        self
    }

    /// Governance groups in the store ([`Config::workgroups`]).
    pub fn workgroups(mut self, n: usize) -> Self {
        self.config.workgroups = n;
        self
    }

    /// Transforms in the store ([`Config::transforms`]).
    pub fn transforms(mut self, n: usize) -> Self {
        self.config.transforms = n;
        self
    }

    /// The only client credentials the token endpoint accepts (with any
    /// [`other_client`](Self::other_client)), and those
    /// [`MockTenant::client`] uses: for tests of how your code handles
    /// bad credentials. Without it any non-empty pair is accepted
    /// ([`Config::strict_credentials`]).
    pub fn credentials(mut self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        self.config.client_id = client_id.into();
        self.config.client_secret = client_secret.into();
        self.config.strict_credentials = true;
        self
    }

    /// Accept only the configured credentials (on) or any non-empty pair
    /// (off, the default), keeping the credentials
    /// [`MockTenant::client`] uses ([`Config::strict_credentials`]).
    pub fn strict_credentials(mut self, strict: bool) -> Self {
        self.config.strict_credentials = strict;
        self
    }

    /// Another client the token endpoint accepts with
    /// [`credentials`](Self::credentials) ([`Config::other_clients`]).
    pub fn other_client(mut self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        self.config.other_clients.push((client_id.into(), client_secret.into()));
        self
    }

    /// How long an access token lives ([`Config::token_lifetime`]).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.config.token_lifetime = lifetime;
        self
    }

    /// Injected faults ([`Config::faults`]).
    pub fn faults(mut self, faults: Faults) -> Self {
        self.config.faults = faults;
        self
    }

    /// See [`Config::offset_past_end_is_error`].
    pub fn offset_past_end_is_error(mut self, yes: bool) -> Self {
        self.config.offset_past_end_is_error = yes;
        self
    }

    /// See [`Config::send_total_count`].
    pub fn send_total_count(mut self, yes: bool) -> Self {
        self.config.send_total_count = yes;
        self
    }

    /// Serve only these versions ([`Config::versions`]): `beta`, `v2024`,
    /// `v2025`, `apis`.
    pub fn versions<S: Into<String>>(mut self, versions: impl IntoIterator<Item = S>) -> Self {
        self.config.versions = versions.into_iter().map(Into::into).collect();
        self
    }

    /// The port on 127.0.0.1; 0, the default, picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The configuration `start` would run with.
    pub fn build_config(&self) -> Config {
        let mut config = self.config.clone();
        if let Some(seed) = self.seed {
            config.seed = seed;
            config.faults.seed = seed;
        }
        config
    }

    /// Builds the data and serves it on the current Tokio runtime.
    pub async fn start(self) -> std::io::Result<MockTenant> {
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        MockTenant::start_at(self.build_config(), address).await
    }
}
