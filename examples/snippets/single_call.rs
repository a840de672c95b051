//! One call: required parameters up front, optional ones as setters; the
//! response carries status, headers and the typed body.
//!
//! ```sh
//! cargo run --example single_call
//! ```

#[path = "mock.rs"]
mod mock;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tenant = mock::start(Default::default()).await?;
    let v2025 = sailpoint_v2025::Client::new(&mock::builder(&tenant).build()?);

    // One group per spec tag, one builder per operation.
    let page = v2025.accounts().list_accounts().limit(5).count(true).send().await?;
    println!("{} accounts of {:?} (HTTP {})", page.body.len(), page.total_count(), page.status);
    for account in &page.body {
        // Required fields are plain values; optional ones are `Option`s.
        println!("  {} on {} ({})", account.native_identity, account.source_name.as_deref().unwrap_or("?"), account.source_id);
    }
    Ok(())
}
