//! Decode throughput: one JSON array of accounts into the generated model,
//! into `serde_json::Value`, and into the hand-written struct; then one
//! array of v2025 sources, a model that keeps unknown fields, into the
//! generated model and into a plain struct that drops them.

use crate::handwritten::HandAccount;
use crate::source::{source_json, HandSource};
use anyhow::Result;
use serde::de::DeserializeOwned;
use sailpoint_mock_tenant::data;
use serde_json::json;
use std::time::Instant;

pub fn run(items: usize, runs: usize) -> Result<()> {
    // The mock tenant's accounts, rendered as it sends them.
    let accounts: Vec<_> = (0..items).map(data::account_v2024).collect();
    let body = serde_json::to_vec(&accounts)?;
    measure::<Vec<sailpoint_v2024::models::Account>>("generated Account", "Account", &body, items, runs)?;
    measure::<Vec<HandAccount>>("hand-written struct", "Account", &body, items, runs)?;
    measure::<serde_json::Value>("serde_json::Value", "Account", &body, items, runs)?;
    // Every item carries fields the spec does not declare, as a real
    // tenant's do, so the generated model fills its maps.
    let sources: Vec<_> = (0..items).map(source_json).collect();
    let body = serde_json::to_vec(&sources)?;
    measure::<Vec<sailpoint_v2025::models::Source>>("generated Source (keeps unknown fields)", "Source", &body, items, runs)?;
    measure::<Vec<HandSource>>("hand-written Source (drops them)", "Source", &body, items, runs)?;
    Ok(())
}

fn measure<T: DeserializeOwned>(name: &str, model: &str, body: &[u8], items: usize, runs: usize) -> Result<()> {
    let mut seconds = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let decoded: T = serde_json::from_slice(body)?;
        seconds.push(started.elapsed().as_secs_f64());
        drop(std::hint::black_box(decoded));
    }
    println!("{}", json!({"decoder": name, "model": model, "items": items, "bytes": body.len(), "seconds": seconds}));
    Ok(())
}
