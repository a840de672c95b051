//! Pagination: a lazy stream of items, everything into a `Vec`, or pages
//! with their headers.
//!
//! ```sh
//! cargo run --example pagination
//! ```

#[path = "mock.rs"]
mod mock;

use sailpoint_mock_tenant::Config;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config {
        accounts: 1_234,
        ..Config::default()
    };
    let tenant = mock::start(config).await?;
    let v2024 = sailpoint_v2024::Client::new(&mock::builder(&tenant).build()?);

    // Every account as a stream; pages of 250 (the largest allowed) are
    // fetched as the stream is consumed.
    let mut accounts = v2024.accounts().list_accounts().paginate().items();
    let mut disabled = 0;
    while let Some(account) = accounts.next().await {
        if account?.disabled {
            disabled += 1;
        }
    }
    println!("streamed every account: {disabled} disabled");

    // Everything into a Vec, at most 1,000 items, 4 pages requested ahead.
    let identities = v2024.identities().list_identities().paginate().max_items(1_000).prefetch(4).collect().await?;
    println!("collected {} identities", identities.len());

    // Pages, with their status and headers (X-Total-Count with count(true)).
    let mut pages = v2024.accounts().list_accounts().count(true).paginate().pages();
    while let Some(page) = pages.next().await {
        let page = page?;
        println!("page of {} (HTTP {}, total {:?})", page.items.len(), page.status, page.total_count());
    }
    Ok(())
}
