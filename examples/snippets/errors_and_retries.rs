//! Errors and retries: 429s and 503s are retried for you (within the
//! policy's limits); what is left is one typed `Error`.
//!
//! ```sh
//! cargo run --example errors_and_retries
//! ```

#[path = "mock.rs"]
mod mock;

use sailpoint_mock_tenant::{Config, Faults};
use sailpoint_runtime::{Error, RetryPolicy};
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A tenant that rate-limits every 3rd request and fails every 5th.
    let config = Config {
        faults: Faults {
            rate_limit_every: Some(3),
            retry_after_seconds: 0,
            server_error_every: Some(5),
            ..Faults::default()
        },
        ..Config::default()
    };
    let tenant = mock::start(config).await?;

    // The default policy retries them: every account arrives, none twice.
    let v2024 = sailpoint_v2024::Client::new(&mock::builder(&tenant).build()?);
    let accounts = v2024.accounts().list_accounts().paginate().collect().await?;
    println!("{} accounts despite {} injected faults", accounts.len(), tenant.stats().injected_faults);

    // With retries off, the fault is the caller's to handle.
    let no_retries = RetryPolicy::none();
    let strict = sailpoint_v2024::Client::new(&mock::builder(&tenant).retry_policy(no_retries).build()?);
    for _ in 0..5 {
        match strict.accounts().list_accounts().limit(1).send().await {
            Ok(_) => {}
            Err(error) if error.is_retryable() => {
                let wait = error.retry_after().unwrap_or(Duration::from_millis(100));
                println!("retryable: {error} (status {:?}, wait {wait:?})", error.status());
            }
            Err(Error::Status(status)) => println!("HTTP {}: {:?}", status.status, status.error),
            Err(other) => return Err(other.into()),
        }
    }

    // A 404 is an `Error::Status` with the raw body and, when it is one,
    // the parsed `ErrorResponseDto`.
    match v2024.accounts().get_account("no-such-id").send().await {
        Err(Error::Status(status)) if status.status == 404 => println!("not found: {}", status.request),
        other => println!("unexpected: {:?}", other.map(|r| r.status)),
    }
    Ok(())
}
