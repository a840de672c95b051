//! Experimental operations need the opt-in; without it they fail before
//! any request is sent.
//!
//! ```sh
//! cargo run --example experimental
//! ```

#[path = "mock.rs"]
mod mock;

use sailpoint_runtime::Error;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tenant = mock::start(Default::default()).await?;

    // Without the opt-in: a typed error, and no request reaches the tenant.
    let plain = sailpoint_v2025::Client::new(&mock::builder(&tenant).build()?);
    match plain.machine_identities().list_machine_identities().send().await {
        Err(Error::ExperimentalNotEnabled { operation }) => println!("refused locally: {operation} is experimental"),
        other => println!("unexpected: {other:?}"),
    }
    println!("requests sent so far: {}", tenant.stats().api_requests);

    // With it, `X-SailPoint-Experimental: true` is sent on experimental calls.
    let opted_in = sailpoint_v2025::Client::new(&mock::builder(&tenant).experimental(true).build()?);
    let machines = opted_in.machine_identities().list_machine_identities().limit(10).send().await?;
    println!("{} machine identities", machines.body.len());
    Ok(())
}
