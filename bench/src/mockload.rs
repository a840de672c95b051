//! Load on one authenticated GET of the mock tenant (its simplest, for the
//! throughput figure): a fixed number of requests, `concurrency` at a time.

use anyhow::{bail, Context, Result};
use sailpoint_runtime::reqwest;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

pub async fn run(url: &str, path: &str, requests: usize, concurrency: usize) -> Result<()> {
    let http = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build()?;
    let token = http
        .post(format!("{url}/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", crate::CLIENT_ID),
            ("client_secret", crate::CLIENT_SECRET),
        ])
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let token: serde_json::Value = serde_json::from_slice(&token)?;
    let bearer = format!("Bearer {}", token["access_token"].as_str().context("no access_token")?);
    let target = format!("{url}{path}");
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency.max(1))
        .map(|_| {
            let (http, bearer, target, next) = (http.clone(), bearer.clone(), target.clone(), next.clone());
            tokio::spawn(async move {
                let mut failed = 0usize;
                // Bounded: each worker stops once `requests` have been claimed.
                while next.fetch_add(1, Ordering::Relaxed) < requests {
                    let ok = match http.get(&target).header("authorization", &bearer).send().await {
                        Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    failed += usize::from(!ok);
                }
                failed
            })
        })
        .collect();
    let mut failed = 0;
    for worker in workers {
        failed += worker.await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    if failed > 0 {
        bail!("{failed} of {requests} requests failed");
    }
    println!("{}", json!({"requests": requests, "seconds": seconds}));
    Ok(())
}
