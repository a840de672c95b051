//! The client: configuration, and the one path every operation runs through.

use crate::auth::{Auth, Credentials};
use crate::config::Config;
use crate::error::{Error, ErrorBody, StatusError};
use crate::ratelimit::{self, Limiter, RateLimit};
use crate::request::{Body, Part, Request};
use crate::response::{Binary, Response};
use crate::retry::{is_retryable_status, retry_after, RetryBudget, RetryPolicy};
use crate::transport::Failure;
use bytes::Bytes;
use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

const EXPERIMENTAL_HEADER: &str = "X-SailPoint-Experimental";

/// Builds a [`Client`].
///
/// Values set here win; [`ClientBuilder::from_environment`] fills the
/// rest from `SAIL_BASE_URL`, `SAIL_CLIENT_ID`, `SAIL_CLIENT_SECRET`, then
/// `./config.json`, like the official SDKs.
#[derive(Debug, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    credentials: Option<Credentials>,
    retry: Option<RetryPolicy>,
    rate_limit: Option<RateLimit>,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    experimental: bool,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    discover: bool,
}

impl ClientBuilder {
    /// The tenant name: `acme` → `https://acme.api.identitynow.com`.
    pub fn tenant(mut self, tenant: &str) -> Self {
        self.base_url = Some(format!("https://{tenant}.api.identitynow.com"));
        self
    }

    /// The API base URL, without the version path (`https://acme.api.identitynow.com`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// OAuth client credentials, or a personal access token's id and secret.
    pub fn client_credentials(mut self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        });
        self
    }

    /// A bearer token obtained elsewhere (never refreshed).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::BearerToken(token.into()));
        self
    }

    /// Retries; [`RetryPolicy::none`] turns them off. Default: [`RetryPolicy::default`].
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The client-side rate limit; [`RateLimit::none`] turns it off.
    /// Default: [`RateLimit::default`], ISC's 100 requests per 10 seconds.
    ///
    /// Every attempt takes a slot, retries included; token requests do not
    /// (ISC counts the API calls of a client id, and a token refresh queued
    /// behind a full window would hold up every call waiting for it). The
    /// limit is shared by the clones of the client and by every client of
    /// the process with the same base URL, client id and limit. A 429 with
    /// `Retry-After` pauses all of them for that long, not only the request
    /// that got it.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }

    /// Connection timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Timeout of one attempt, from sending to the whole body read (default 60 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// Opts in to experimental operations. Without it they fail with
    /// [`Error::ExperimentalNotEnabled`] before anything is sent.
    pub fn experimental(mut self, enabled: bool) -> Self {
        self.experimental = enabled;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A `reqwest::Client` of your own (proxies, TLS roots, …). Its own
    /// timeouts and user agent then apply; the request timeout still does.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Fills unset values from the environment and `./config.json`.
    pub fn from_environment(mut self) -> Self {
        self.discover = true;
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let found = if self.discover { Config::discover()? } else { Config::default() };
        let base_url = self.base_url.or(found.base_url).ok_or_else(|| {
            Error::config("no base URL: set SAIL_BASE_URL, `BaseURL` in ./config.json, or ClientBuilder::tenant / base_url")
        })?;
        let base_url = base_url.trim_end_matches('/').to_owned();
        reqwest::Url::parse(&base_url).map_err(|e| Error::config(format!("base URL `{base_url}` is not a URL: {e}")))?;
        let credentials = match (self.credentials, found.client_id, found.client_secret) {
            (Some(c), _, _) => c,
            (None, Some(client_id), Some(client_secret)) => Credentials::ClientCredentials { client_id, client_secret },
            (None, Some(_), None) => return Err(Error::config("SAIL_CLIENT_ID is set but SAIL_CLIENT_SECRET is missing")),
            (None, None, Some(_)) => return Err(Error::config("SAIL_CLIENT_SECRET is set but SAIL_CLIENT_ID is missing")),
            (None, None, None) => {
                return Err(Error::config(
                    "no credentials: set SAIL_CLIENT_ID and SAIL_CLIENT_SECRET, ./config.json, or ClientBuilder::client_credentials / bearer_token",
                ))
            }
        };
        let user_agent = self.user_agent.unwrap_or_else(|| format!("sailpoint-rust/{}", env!("CARGO_PKG_VERSION")));
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(10)))
                .user_agent(&user_agent)
                .build()
                .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?,
        };
        let token_url = format!("{base_url}/oauth/token");
        let retry = self.retry.unwrap_or_default();
        let request_timeout = self.request_timeout.unwrap_or(Duration::from_secs(60));
        let identity = match &credentials {
            Credentials::ClientCredentials { client_id, .. } => client_id.clone(),
            Credentials::BearerToken(token) => ratelimit::bearer_identity(token),
        };
        let limiter = ratelimit::shared(&base_url, identity, self.rate_limit.unwrap_or_default());
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                auth: Auth::new(credentials, token_url, retry.clone(), request_timeout),
                limiter,
                base_url,
                retry,
                request_timeout,
                experimental: self.experimental,
            }),
            prefix: Arc::from(""),
        })
    }
}

struct Inner {
    http: reqwest::Client,
    auth: Auth,
    limiter: Option<Arc<Limiter>>,
    base_url: String,
    retry: RetryPolicy,
    request_timeout: Duration,
    experimental: bool,
}

/// A SailPoint ISC client. Cheap to clone; clones share the token cache
/// and the rate limit.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    prefix: Arc<str>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("prefix", &self.prefix)
            .field("auth", &self.inner.auth)
            .field("retry", &self.inner.retry)
            .field("rate_limit", &self.inner.limiter)
            .field("experimental", &self.inner.experimental)
            .finish()
    }
}

/// The status, headers and body of a response, before decoding.
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Client {
    /// A builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The same client, with `prefix` (`/v2025`) before every path.
    pub fn with_path_prefix(&self, prefix: &str) -> Client {
        Client {
            inner: self.inner.clone(),
            prefix: Arc::from(prefix.trim_end_matches('/')),
        }
    }

    /// Whether experimental operations are enabled.
    pub fn experimental_enabled(&self) -> bool {
        self.inner.experimental
    }

    /// `METHOD /path` as sent, this client's path prefix included
    /// (`GET /v2025/accounts/2c91…`), for messages. No query, no secret.
    pub fn describe(&self, request: &Request) -> String {
        format!("{} {}{}", request.method, self.prefix, request.path)
    }

    /// Sends `request` and decodes a JSON body as `T`, leniently (see
    /// [`decode_json`]).
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<Response<T>, Error> {
        let raw = self.send_raw(&request).await?;
        let body = decode_json(&self.describe(&request), &raw.body)?;
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            body,
        })
    }

    /// Sends `request` and ignores the body.
    pub async fn send_empty(&self, request: Request) -> Result<Response<()>, Error> {
        let raw = self.send_raw(&request).await?;
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            body: (),
        })
    }

    /// Sends `request` and returns the body as bytes with its content type,
    /// whatever that is (JSON included): nothing is decoded.
    pub async fn send_binary(&self, request: Request) -> Result<Response<Binary>, Error> {
        let raw = self.send_raw(&request).await?;
        let content_type = raw.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            body: Binary {
                content_type,
                bytes: raw.body,
            },
        })
    }

    /// Sends `request` and returns the raw body, for responses whose type
    /// depends on the status.
    pub async fn send_bytes(&self, request: Request) -> Result<Response<Bytes>, Error> {
        let raw = self.send_raw(&request).await?;
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            body: raw.body,
        })
    }

    async fn send_raw(&self, request: &Request) -> Result<Raw, Error> {
        if request.experimental && !self.inner.experimental {
            return Err(Error::ExperimentalNotEnabled {
                operation: request.operation,
            });
        }
        let span = tracing::info_span!(
            "sailpoint.request",
            operation = request.operation,
            method = %request.method,
            path = request.path_template,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
        );
        self.attempts(request).instrument(span).await
    }

    async fn attempts(&self, request: &Request) -> Result<Raw, Error> {
        let auth = &self.inner.auth;
        let http = &self.inner.http;
        let mut budget = RetryBudget::new(&self.inner.retry);
        let mut rejected: Option<Arc<str>> = None;
        let mut refreshed = false;
        loop {
            tracing::Span::current().record("attempt", budget.sends());
            // The slot first, then the token: a token taken before a long
            // wait in the queue may expire in it.
            if let Some(limiter) = &self.inner.limiter {
                limiter.acquire().await;
            }
            let token = match rejected.take() {
                // A token revoked or expired early: refresh once and retry.
                Some(rejected) => auth.refresh_after_rejection(http, &rejected).await.map_err(Error::Auth)?,
                None => auth.token(http).await.map_err(Error::Auth)?,
            };
            budget.sending();
            let (error, wait) = match self.attempt(request, &token).await {
                Ok(raw) if raw.status.is_success() => {
                    tracing::Span::current().record("status", raw.status.as_u16());
                    return Ok(raw);
                }
                Ok(raw) if raw.status == StatusCode::UNAUTHORIZED && !refreshed && auth.can_refresh() => {
                    tracing::debug!("the API rejected the access token; fetching a new one");
                    refreshed = true;
                    rejected = Some(token);
                    continue;
                }
                Ok(raw) => {
                    tracing::Span::current().record("status", raw.status.as_u16());
                    let asked = retry_after(&raw.headers);
                    if raw.status == StatusCode::TOO_MANY_REQUESTS {
                        if let (Some(asked), Some(limiter)) = (asked, &self.inner.limiter) {
                            // Everyone waits: requests sent now would only earn more 429s.
                            limiter.pause_for(asked.min(self.inner.retry.max_elapsed));
                        }
                        (self.status_error(request, raw), budget.after_throttle(asked))
                    } else if is_retryable_status(raw.status) && request.idempotent {
                        (self.status_error(request, raw), budget.after_failure(asked))
                    } else {
                        return Err(self.status_error(request, raw));
                    }
                }
                Err((error, failure)) => {
                    if !failure.may_retry(request.idempotent) {
                        return Err(error);
                    }
                    (error, budget.after_failure(None))
                }
            };
            let Some(wait) = wait else {
                tracing::debug!(%error, "not retrying: the attempts or the time budget would be exceeded");
                return Err(error);
            };
            tracing::debug!(%error, ?wait, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(&self, request: &Request, token: &str) -> Result<Raw, (Error, Failure)> {
        let url = format!("{}{}{}", self.inner.base_url, self.prefix, request.path);
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url)
            .timeout(self.inner.request_timeout)
            .bearer_auth(token)
            .query(&request.query);
        if !request.accept.is_empty() {
            builder = builder.header(ACCEPT, request.accept);
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        if request.experimental {
            builder = builder.header(EXPERIMENTAL_HEADER, "true");
        }
        builder = match &request.body {
            Body::Empty => builder,
            Body::Json { content_type, bytes } => builder.header(CONTENT_TYPE, *content_type).body(bytes.clone()),
            Body::Form(pairs) => builder.form(pairs),
            Body::Multipart(parts) => builder.multipart(multipart(parts).map_err(|e| (e, Failure::Other))?),
        };
        let transport = |e: reqwest::Error| {
            let failure = Failure::of(&e);
            let error = if failure == Failure::TimedOut || e.is_timeout() {
                Error::Timeout { request: self.describe(request) }
            } else {
                Error::Transport {
                    request: self.describe(request),
                    source: e.without_url(),
                }
            };
            (error, failure)
        };
        let response = builder.send().await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        Ok(Raw { status, headers, body })
    }

    fn status_error(&self, request: &Request, raw: Raw) -> Error {
        let error = serde_json::from_slice::<ErrorBody>(&raw.body).ok().filter(|e| e.detail_code.is_some() || !e.messages.is_empty());
        Error::Status(Box::new(StatusError {
            request: self.describe(request),
            operation: request.operation,
            path_template: request.path_template,
            status: raw.status,
            headers: raw.headers,
            body: raw.body,
            error,
        }))
    }
}

fn multipart(parts: &[Part]) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text { name, value } => form.text(*name, value.clone()),
            Part::File {
                name,
                file_name,
                content_type,
                bytes,
            } => {
                let file = reqwest::multipart::Part::bytes(bytes.clone())
                    .file_name(file_name.clone())
                    .mime_str(content_type)
                    .map_err(|e| Error::InvalidRequest(format!("content type `{content_type}` of `{name}`: {e}")))?;
                form.part(*name, file)
            }
        };
    }
    Ok(form)
}

/// Decodes a JSON body leniently (see [`de::Lenient`](crate::de::Lenient):
/// `"false"` for a boolean, `127999` for a string, `null` for an array),
/// reporting the JSON path of a failure. `request` names the call in the
/// error (`GET /v2025/accounts`).
pub fn decode_json<T: DeserializeOwned>(request: &str, body: &[u8]) -> Result<T, Error> {
    // An empty body (a 204) decodes like `null`: into `()`, `None`, or an
    // empty array, map or object.
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"null" } else { body };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(crate::de::Lenient::new(&mut deserializer)).map_err(|e| Error::Decode {
        request: request.to_owned(),
        path: e.path().to_string(),
        message: e.inner().to_string(),
        excerpt: String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned(),
    })
}
