//! Decode throughput: one JSON array of accounts into the generated model,
//! into `serde_json::Value`, and into the hand-written struct.

use crate::handwritten::HandAccount;
use anyhow::Result;
use serde::de::DeserializeOwned;
use sailpoint_mock_tenant::data;
use serde_json::json;
use std::time::Instant;

pub fn run(items: usize, runs: usize) -> Result<()> {
    // The mock tenant's accounts, rendered as it sends them.
    let accounts: Vec<_> = (0..items).map(data::account_v2024).collect();
    let body = serde_json::to_vec(&accounts)?;
    measure::<Vec<sailpoint_v2024::models::Account>>("generated Account", &body, items, runs)?;
    measure::<Vec<HandAccount>>("hand-written struct", &body, items, runs)?;
    measure::<serde_json::Value>("serde_json::Value", &body, items, runs)?;
    Ok(())
}

fn measure<T: DeserializeOwned>(name: &str, body: &[u8], items: usize, runs: usize) -> Result<()> {
    let mut seconds = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let decoded: T = serde_json::from_slice(body)?;
        seconds.push(started.elapsed().as_secs_f64());
        drop(std::hint::black_box(decoded));
    }
    println!("{}", json!({"decoder": name, "items": items, "bytes": body.len(), "seconds": seconds}));
    Ok(())
}
