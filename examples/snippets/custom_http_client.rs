//! A custom HTTP client: proxies, extra root certificates, pool settings —
//! anything `reqwest::ClientBuilder` offers. The runtime re-exports the
//! `reqwest` it was built with, so the versions always match.
//!
//! ```sh
//! cargo run --example custom_http_client
//! ```

#[path = "mock.rs"]
mod mock;

use sailpoint_runtime::reqwest;
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(4)
        .tcp_keepalive(Duration::from_secs(30))
        // .proxy(reqwest::Proxy::https("http://proxy.internal:3128")?)
        .build()?;
    let tenant = mock::start(Default::default()).await?;
    let v2025 = sailpoint_v2025::Client::new(&mock::builder(&tenant).http_client(http).build()?);
    let page = v2025.accounts().list_accounts().limit(3).send().await?;
    println!("{} accounts through the custom client", page.body.len());
    Ok(())
}
