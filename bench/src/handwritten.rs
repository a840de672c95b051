//! The baseline: what a careful user would write by hand with reqwest and
//! serde_json — a token, then `limit`/`offset` pages into a plain struct
//! with the same fields as the generated `Account`.

use anyhow::{bail, Result};
use sailpoint_runtime::reqwest;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Decoded for the cost of it.
pub struct Reference {
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Decoded for the cost of it.
pub struct HandAccount {
    pub id: Option<String>,
    pub name: Option<String>,
    pub created: Option<String>,
    pub modified: Option<String>,
    pub attributes: Option<BTreeMap<String, Value>>,
    #[serde(default)]
    pub authoritative: bool,
    pub cloud_lifecycle_state: Option<String>,
    pub connection_type: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub disabled: bool,
    pub features: Option<String>,
    #[serde(default)]
    pub has_entitlements: bool,
    pub identity: Option<Reference>,
    pub identity_id: Option<String>,
    pub identity_state: Option<String>,
    pub is_machine: Option<bool>,
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub manually_correlated: bool,
    pub native_identity: String,
    pub origin: Option<String>,
    pub owner_identity: Option<Reference>,
    pub recommendation: Option<Value>,
    pub source_id: String,
    pub source_name: Option<String>,
    pub source_owner: Option<Reference>,
    #[serde(default)]
    pub system_account: bool,
    #[serde(default)]
    pub uncorrelated: bool,
    pub uuid: Option<String>,
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
}

pub async fn paginate(url: &str, client_id: &str, client_secret: &str) -> Result<u64> {
    let http = reqwest::Client::new();
    let token: Token = serde_json::from_slice(
        &http
            .post(format!("{url}/oauth/token"))
            .form(&[("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", client_secret)])
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?,
    )?;
    let mut offset = 0u64;
    let mut count = 0u64;
    let mut bytes = 0usize;
    loop {
        let body = http
            .get(format!("{url}/v2024/accounts"))
            .bearer_auth(&token.access_token)
            .query(&[("limit", 250), ("offset", offset)])
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        let page: Vec<HandAccount> = serde_json::from_slice(&body)?;
        let len = page.len() as u64;
        bytes += page.iter().map(|a| a.native_identity.len()).sum::<usize>();
        count += len;
        offset += len;
        if len < 250 {
            break;
        }
    }
    if bytes == 0 && count > 0 {
        bail!("accounts came back empty");
    }
    Ok(count)
}
