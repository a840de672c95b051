//! The embedded mock tenant every snippet runs against, so each runs on any
//! machine. Against a real tenant, replace `builder(&tenant)` with
//! `ClientBuilder::default().from_environment()`.

use sailpoint_mock_tenant::{Config, MockTenant};
use sailpoint_runtime::ClientBuilder;

/// Starts a mock tenant; it stops when dropped.
pub async fn start(config: Config) -> std::io::Result<MockTenant> {
    MockTenant::start(config).await
}

/// A client builder pointed at `tenant`, with its credentials.
pub fn builder(tenant: &MockTenant) -> ClientBuilder {
    ClientBuilder::default()
        .base_url(tenant.base_url())
        .client_credentials(tenant.config().client_id.clone(), tenant.config().client_secret.clone())
}
