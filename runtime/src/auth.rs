//! Access tokens: fetched with client credentials, cached, refreshed
//! before they expire and once more when the API rejects one.
//!
//! The token endpoint fails like any other (429, 5xx, dropped
//! connections); those failures are retried under the client's
//! [`RetryPolicy`]. A refresh ahead of expiry that fails is not an error:
//! the cached token is still valid, so calls go on with it and the refresh
//! is tried again a little later. Only one token request runs at a time.

use crate::retry::{retry_after, RetryBudget, RetryPolicy};
use crate::transport::Failure;
use reqwest::header::ACCEPT;
use reqwest::StatusCode;
use serde::Deserialize;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

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

/// Why no access token could be had. Never holds the secret or a token.
#[derive(Debug)]
#[non_exhaustive]
pub struct AuthError {
    /// What kind of failure.
    pub kind: AuthErrorKind,
    /// The token endpoint's status, when it answered.
    pub status: Option<StatusCode>,
    /// The cause: SailPoint's `error` and `error_description`, an excerpt of
    /// another body, or the transport error.
    pub message: String,
    /// The token endpoint's `Retry-After`, when it sent one.
    pub retry_after: Option<Duration>,
    source: Option<reqwest::Error>,
}

/// The kinds of [`AuthError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthErrorKind {
    /// 400 or 401 from the token endpoint: the client id or secret is wrong,
    /// expired or revoked. Retrying does not help.
    InvalidCredentials,
    /// Another 4xx from the token endpoint (a wrong base URL, a forbidden
    /// grant). Retrying does not help.
    Rejected,
    /// 429, 5xx, a lost connection or a timeout, still so after the
    /// retries the policy allows. Trying again later may succeed.
    Unavailable,
    /// A success response without a usable token.
    InvalidResponse,
    /// The API rejected a static bearer token, which cannot be refreshed.
    NotRefreshable,
}

impl AuthError {
    fn new(kind: AuthErrorKind, message: impl Into<String>) -> Self {
        AuthError {
            kind,
            status: None,
            message: message.into(),
            retry_after: None,
            source: None,
        }
    }

    /// Whether trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        self.kind == AuthErrorKind::Unavailable
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            AuthErrorKind::InvalidCredentials => "the token endpoint rejected the client credentials",
            AuthErrorKind::Rejected => "the token endpoint refused the request",
            AuthErrorKind::Unavailable => "the token endpoint is unavailable",
            AuthErrorKind::InvalidResponse => "the token endpoint's response has no usable token",
            AuthErrorKind::NotRefreshable => "the static bearer token was rejected and cannot be refreshed",
        };
        f.write_str(what)?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// The OAuth error body (RFC 6749 §5.2), as SailPoint sends it.
#[derive(Deserialize)]
struct OAuthError {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

#[derive(Clone)]
struct CachedToken {
    value: Arc<str>,
    /// Refresh from here on, while the token is still valid.
    refresh_at: Option<Instant>,
    expires_at: Option<Instant>,
}

enum Freshness {
    Fresh(Arc<str>),
    /// Valid, but due for a refresh.
    Due(Arc<str>),
    Missing,
}

#[derive(Default)]
struct State {
    token: Option<CachedToken>,
    /// Failed refreshes ahead of expiry since the last success.
    early_failures: u32,
    /// No refresh ahead of expiry is tried before this, after a failure.
    next_early_attempt: Option<Instant>,
}

impl State {
    fn freshness(&self, now: Instant) -> Freshness {
        match &self.token {
            Some(token) if token.expires_at.is_some_and(|at| now >= at) => Freshness::Missing,
            Some(token) if token.refresh_at.is_some_and(|at| now >= at) => Freshness::Due(token.value.clone()),
            Some(token) => Freshness::Fresh(token.value.clone()),
            None => Freshness::Missing,
        }
    }

    fn store(&mut self, token: CachedToken) -> Arc<str> {
        let value = token.value.clone();
        self.token = Some(token);
        self.early_failures = 0;
        self.next_early_attempt = None;
        value
    }
}

pub(crate) struct Auth {
    credentials: Credentials,
    token_url: String,
    policy: RetryPolicy,
    timeout: Duration,
    state: Mutex<State>,
    /// Held while a token request runs, so there is only ever one.
    fetching: tokio::sync::Mutex<()>,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth").field("credentials", &self.credentials).field("token_url", &self.token_url).finish()
    }
}

impl Auth {
    pub(crate) fn new(credentials: Credentials, token_url: String, policy: RetryPolicy, timeout: Duration) -> Self {
        let token = match &credentials {
            Credentials::BearerToken(token) => Some(CachedToken {
                value: Arc::from(token.as_str()),
                refresh_at: None,
                expires_at: None,
            }),
            Credentials::ClientCredentials { .. } => None,
        };
        Auth {
            credentials,
            token_url,
            policy,
            timeout,
            state: Mutex::new(State { token, ..State::default() }),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A token that is still valid.
    pub(crate) async fn token(&self, http: &reqwest::Client) -> Result<Arc<str>, AuthError> {
        let now = Instant::now();
        let (freshness, early_allowed) = {
            let state = self.state();
            (state.freshness(now), state.next_early_attempt.is_none_or(|at| now >= at))
        };
        match freshness {
            Freshness::Fresh(token) => Ok(token),
            Freshness::Due(token) if !early_allowed => Ok(token),
            Freshness::Due(token) => {
                // Whoever refreshes, the others go on with the valid token.
                let Ok(_fetching) = self.fetching.try_lock() else { return Ok(token) };
                if let Freshness::Fresh(fresh) = self.state().freshness(Instant::now()) {
                    return Ok(fresh);
                }
                match self.fetch_once(http).await {
                    Ok(fresh) => Ok(self.state().store(fresh)),
                    Err(error) => {
                        let mut state = self.state();
                        state.early_failures += 1;
                        let wait = error.retry_after.unwrap_or_else(|| self.policy.backoff_ceiling(state.early_failures));
                        state.next_early_attempt = Some(Instant::now() + wait);
                        tracing::warn!(%error, retry_in = ?wait, "refreshing the access token before it expires failed; the current one is still valid and stays in use");
                        Ok(token)
                    }
                }
            }
            Freshness::Missing => {
                let _fetching = self.fetching.lock().await;
                // Another call may have fetched one while this one waited.
                match self.state().freshness(Instant::now()) {
                    Freshness::Fresh(token) | Freshness::Due(token) => return Ok(token),
                    Freshness::Missing => {}
                }
                let fresh = self.fetch(http).await?;
                Ok(self.state().store(fresh))
            }
        }
    }

    /// Whether a rejected token can be replaced (not a static bearer token).
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(self.credentials, Credentials::ClientCredentials { .. })
    }

    /// After the API rejected `rejected`: a new token, unless another call
    /// already replaced it.
    pub(crate) async fn refresh_after_rejection(&self, http: &reqwest::Client, rejected: &str) -> Result<Arc<str>, AuthError> {
        if matches!(self.credentials, Credentials::BearerToken(_)) {
            return Err(AuthError::new(AuthErrorKind::NotRefreshable, ""));
        }
        let _fetching = self.fetching.lock().await;
        // Another call may have replaced it while this one waited; that
        // token serves only while it has not expired too.
        match self.state().freshness(Instant::now()) {
            Freshness::Fresh(token) | Freshness::Due(token) if &*token != rejected => return Ok(token),
            _ => {}
        }
        let fresh = self.fetch(http).await?;
        Ok(self.state().store(fresh))
    }

    /// A token request, retried under the policy.
    async fn fetch(&self, http: &reqwest::Client) -> Result<CachedToken, AuthError> {
        let mut budget = RetryBudget::new(&self.policy);
        loop {
            budget.sending();
            let error = match self.fetch_once(http).await {
                Ok(token) => return Ok(token),
                Err(error) if !error.is_retryable() => return Err(error),
                Err(error) => error,
            };
            let wait = match error.status {
                Some(StatusCode::TOO_MANY_REQUESTS) => budget.after_throttle(error.retry_after),
                _ => budget.after_failure(error.retry_after),
            };
            let Some(wait) = wait else { return Err(error) };
            tracing::debug!(%error, ?wait, "retrying the token request");
            tokio::time::sleep(wait).await;
        }
    }

    async fn fetch_once(&self, http: &reqwest::Client) -> Result<CachedToken, AuthError> {
        let Credentials::ClientCredentials { client_id, client_secret } = &self.credentials else {
            return Err(AuthError::new(AuthErrorKind::NotRefreshable, ""));
        };
        let form = [("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", client_secret)];
        let transport = |error: reqwest::Error| {
            let kind = if Failure::of(&error).is_transient() { AuthErrorKind::Unavailable } else { AuthErrorKind::Rejected };
            let error = error.without_url();
            AuthError {
                message: format!("POST {}: {error}", self.token_url),
                source: Some(error),
                ..AuthError::new(kind, "")
            }
        };
        let response = http
            .post(&self.token_url)
            .timeout(self.timeout)
            .header(ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let body = response.bytes().await.map_err(transport)?;
        if !status.is_success() {
            let kind = match status.as_u16() {
                400 | 401 => AuthErrorKind::InvalidCredentials,
                429 | 500..=599 => AuthErrorKind::Unavailable,
                _ => AuthErrorKind::Rejected,
            };
            return Err(AuthError {
                status: Some(status),
                retry_after,
                ..AuthError::new(kind, redact(&cause(&body), client_secret))
            });
        }
        // Leniently, as API bodies are: `"expires_in": "749"` is a lifetime.
        // Only the message is kept: the body may hold a token.
        let token: TokenResponse = crate::client::decode_json(&format!("POST {}", self.token_url), &body)
            .map_err(|e| AuthError::new(AuthErrorKind::InvalidResponse, e.to_string()))?;
        tracing::debug!(expires_in = ?token.expires_in, "fetched an access token");
        let now = Instant::now();
        let lifetime = token.expires_in.map(Duration::from_secs);
        Ok(CachedToken {
            value: Arc::from(token.access_token),
            // A fifth of the lifetime early, at most a minute early.
            refresh_at: lifetime.map(|lifetime| now + lifetime - (lifetime / 5).min(Duration::from_secs(60))),
            expires_at: lifetime.map(|lifetime| now + lifetime),
        })
    }
}

/// The reason in a token endpoint's error body.
fn cause(body: &[u8]) -> String {
    if let Ok(OAuthError { error, error_description }) = serde_json::from_slice::<OAuthError>(body) {
        match (error, error_description) {
            (Some(error), Some(description)) => return format!("{error}: {description}"),
            (Some(text), None) | (None, Some(text)) => return text,
            (None, None) => {}
        }
    }
    let text = String::from_utf8_lossy(body);
    let mut excerpt: String = text.chars().take(200).collect();
    if excerpt.len() < text.len() {
        excerpt.push('…');
    }
    excerpt
}

/// A server that echoes the request must not carry the secret into errors
/// and logs.
fn redact(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        text.to_owned()
    } else {
        text.replace(secret, "<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_names_sailpoints_fields_and_never_the_secret() {
        assert_eq!(cause(br#"{"error":"invalid_client","error_description":"Bad credentials"}"#), "invalid_client: Bad credentials");
        assert_eq!(cause(b"<html>nope</html>"), "<html>nope</html>");
        assert_eq!(redact("client_secret=s3cret was wrong", "s3cret"), "client_secret=<redacted> was wrong");
    }
}
