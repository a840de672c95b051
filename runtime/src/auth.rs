//! Access tokens: fetched with client credentials, cached, refreshed
//! before they expire and once more when the API rejects one. Concurrent
//! calls that find the token expired wait for a single refresh.

use crate::error::Error;
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How the client authenticates.
#[derive(Clone)]
pub enum Credentials {
    /// OAuth client credentials; a personal access token is one too.
    ClientCredentials {
        /// The client id.
        client_id: String,
        /// The client secret.
        client_secret: String,
    },
    /// A bearer token obtained elsewhere; it is never refreshed.
    BearerToken(String),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::ClientCredentials { client_id, .. } => f
                .debug_struct("ClientCredentials")
                .field("client_id", client_id)
                .field("client_secret", &"<redacted>")
                .finish(),
            Credentials::BearerToken(_) => f.debug_tuple("BearerToken").field(&"<redacted>").finish(),
        }
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

struct CachedToken {
    value: Arc<str>,
    refresh_at: Option<Instant>,
}

pub(crate) struct Auth {
    credentials: Credentials,
    token_url: String,
    cache: Mutex<Option<CachedToken>>,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth").field("credentials", &self.credentials).field("token_url", &self.token_url).finish()
    }
}

impl Auth {
    pub(crate) fn new(credentials: Credentials, token_url: String) -> Self {
        let cache = match &credentials {
            Credentials::BearerToken(token) => Some(CachedToken {
                value: Arc::from(token.as_str()),
                refresh_at: None,
            }),
            Credentials::ClientCredentials { .. } => None,
        };
        Auth {
            credentials,
            token_url,
            cache: Mutex::new(cache),
        }
    }

    /// A token that is not about to expire.
    pub(crate) async fn token(&self, http: &reqwest::Client) -> Result<Arc<str>, Error> {
        let mut cache = self.cache.lock().await;
        if let Some(token) = cache.as_ref() {
            if token.refresh_at.is_none_or(|at| Instant::now() < at) {
                return Ok(token.value.clone());
            }
        }
        let fresh = self.fetch(http).await?;
        let value = fresh.value.clone();
        *cache = Some(fresh);
        Ok(value)
    }

    /// After the API rejected `rejected`: a new token, unless another call
    /// already replaced it. `None` when the credentials cannot be refreshed.
    pub(crate) async fn refresh_after_rejection(&self, http: &reqwest::Client, rejected: &str) -> Result<Option<Arc<str>>, Error> {
        if matches!(self.credentials, Credentials::BearerToken(_)) {
            return Ok(None);
        }
        let mut cache = self.cache.lock().await;
        if let Some(token) = cache.as_ref() {
            if &*token.value != rejected {
                return Ok(Some(token.value.clone()));
            }
        }
        let fresh = self.fetch(http).await?;
        let value = fresh.value.clone();
        *cache = Some(fresh);
        Ok(Some(value))
    }

    async fn fetch(&self, http: &reqwest::Client) -> Result<CachedToken, Error> {
        let Credentials::ClientCredentials { client_id, client_secret } = &self.credentials else {
            return Err(Error::Auth("the static bearer token cannot be refreshed".into()));
        };
        let form = [("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", client_secret)];
        let response = http
            .post(&self.token_url)
            .form(&form)
            .send()
            .await
            .map_err(|e| Error::Auth(format!("POST {}: {}", self.token_url, e.without_url())))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| Error::Auth(format!("reading the token response: {e}")))?;
        if !status.is_success() {
            let excerpt = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
            return Err(Error::Auth(format!("POST {} returned {status}: {excerpt}", self.token_url)));
        }
        let token: TokenResponse = serde_json::from_slice(&body).map_err(|e| Error::Auth(format!("the token response does not decode: {e}")))?;
        tracing::debug!(expires_in = ?token.expires_in, "fetched an access token");
        // Refresh a fifth of the lifetime early, at most a minute early.
        let refresh_at = token.expires_in.map(|secs| {
            let lifetime = Duration::from_secs(secs);
            Instant::now() + lifetime - (lifetime / 5).min(Duration::from_secs(60))
        });
        Ok(CachedToken {
            value: Arc::from(token.access_token),
            refresh_at,
        })
    }
}
