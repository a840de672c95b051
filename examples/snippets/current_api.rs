//! SailPoint's current per-resource API (the `sailpoint` crate): the same
//! runtime client, no version prefix in the base URL, one group per
//! resource and version.
//!
//! ```sh
//! cargo run --example current_api
//! ```

#[path = "mock.rs"]
mod mock;

use sailpoint_mock_tenant::Config;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config {
        accounts: 600,
        identities: 120,
        ..Config::default()
    };
    let tenant = mock::start(config).await?;
    let isc = sailpoint::Client::new(&mock::builder(&tenant).build()?);

    // `GET /accounts/v1`, paged by limit and offset as a lazy stream.
    let mut accounts = isc.accounts_v1().list_accounts_v1().paginate().items();
    let mut streamed = 0;
    while let Some(account) = accounts.next().await {
        let account: sailpoint::models::Account = account?;
        if !account.source_id.is_empty() {
            streamed += 1;
        }
    }
    println!("streamed {streamed} accounts from /accounts/v1");

    // `GET /identities/v1`, one page with its total.
    let page = isc.identities_v1().list_identities_v1().limit(50).count(true).send().await?;
    println!("{} identities of {:?}", page.body.len(), page.total_count());
    Ok(())
}
