//! Search: typed documents by `_type`, paged with `sort` + `searchAfter`,
//! past the 10,000-hit window.
//!
//! ```sh
//! cargo run --example search
//! ```

#[path = "mock.rs"]
mod mock;

use sailpoint_mock_tenant::Config;
use sailpoint_v2025::models::{Index, Search, SearchDocuments};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config {
        identities: 12_000,
        ..Config::default()
    };
    let tenant = mock::start(config).await?;
    let v2025 = sailpoint_v2025::Client::new(&mock::builder(&tenant).build()?);

    // Sorted on several fields; `id` is added as the last tiebreaker.
    let search = Search {
        indices: Some(vec![Index::Identities]),
        sort: Some(vec!["name".into(), "-created".into()]),
        ..Search::default()
    };
    let hits = v2025.search().search_post(search).paginate().collect().await?;
    let names: Vec<&str> = hits
        .iter()
        .filter_map(|hit| match hit {
            SearchDocuments::IdentityDocuments(identity) => Some(identity.name.as_str()),
            _ => None,
        })
        .collect();
    println!("{} identities, past the 10,000-hit window; first {:?}", names.len(), names.first());
    Ok(())
}
