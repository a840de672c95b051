//! Configuration and auth: the environment and `./config.json` like the
//! official SDKs, explicit builder values on top, or a static bearer token.
//!
//! ```sh
//! cargo run --example configuration
//! ```

#[path = "mock.rs"]
mod mock;

use sailpoint_runtime::{ClientBuilder, Error};
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // SAIL_BASE_URL / SAIL_CLIENT_ID / SAIL_CLIENT_SECRET, then ./config.json
    // (BaseURL, ClientId, ClientSecret); anything set on the builder wins.
    // Without any of them, `build` says what is missing.
    match ClientBuilder::default().from_environment().build() {
        Ok(_) => println!("configured from the environment or ./config.json"),
        Err(Error::Config(missing)) => println!("not configured: {missing}"),
        Err(other) => return Err(other.into()),
    }

    // Explicit values: a tenant name (https://{tenant}.api.identitynow.com)
    // or a full base URL, client credentials (a personal access token is
    // one), timeouts and a user agent.
    let _tenant_client = ClientBuilder::default()
        .tenant("acme")
        .client_credentials("client-id", "client-secret")
        .connect_timeout(Duration::from_secs(5))
        .request_timeout(Duration::from_secs(30))
        .user_agent("acme-sync/1.0")
        .build()?;

    // The same against the embedded mock tenant: the token is fetched on the
    // first call, cached, and refreshed before it expires.
    let tenant = mock::start(Default::default()).await?;
    let v2025 = sailpoint_v2025::Client::new(&mock::builder(&tenant).build()?);
    let page = v2025.accounts().list_accounts().limit(1).send().await?;
    println!("client credentials: {} account(s), {} token request(s)", page.body.len(), tenant.stats().token_requests);

    // A static bearer token, for a token you already hold.
    let bearer = ClientBuilder::default().base_url(tenant.base_url()).bearer_token("not-a-real-token").build()?;
    match sailpoint_v2025::Client::new(&bearer).accounts().list_accounts().send().await {
        Err(error) => println!("bearer token rejected by the mock, as it should be: {}", error.status().map_or(0, |s| s.as_u16())),
        Ok(_) => println!("bearer token accepted"),
    }
    Ok(())
}
