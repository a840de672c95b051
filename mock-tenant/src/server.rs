//! Routes and the rules they enforce.

use crate::data;
use crate::faults::Plan;
use crate::ratelimit::{retry_after_seconds, SlidingWindow};
use crate::serve;
use crate::stats::{bump, Stats};
use crate::store::{Served, Store};
use crate::Config;
use axum::extract::{Form, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// An issued access token.
struct Token {
    expires: Instant,
    client_id: String,
}

/// The tenant's state: data, tokens, counters.
pub struct Tenant {
    config: Config,
    plan: Plan,
    stats: Stats,
    tokens: Mutex<HashMap<String, Token>>,
    limiter: Option<Mutex<SlidingWindow>>,
    /// The stateful resources, shared by every version (see `store`).
    pub(crate) store: Store,
}

impl Tenant {
    pub(crate) fn new(config: Config) -> Tenant {
        let plan = Plan::new(&config.faults);
        Tenant {
            store: Store::new(&config, &plan),
            tokens: Mutex::new(HashMap::new()),
            limiter: config.faults.rate_limit.map(|limit| Mutex::new(SlidingWindow::new(limit))),
            stats: Stats::default(),
            plan,
            config,
        }
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Any non-empty pair, unless the configuration is strict.
    fn accepts(&self, client_id: &str, client_secret: &str) -> bool {
        if client_id.is_empty() || client_secret.is_empty() {
            return false;
        }
        if !self.config.strict_credentials {
            return true;
        }
        let main = (self.config.client_id.as_str(), self.config.client_secret.as_str());
        std::iter::once(main)
            .chain(self.config.other_clients.iter().map(|(id, secret)| (id.as_str(), secret.as_str())))
            .any(|pair| pair == (client_id, client_secret))
    }
}

type Shared = State<Arc<Tenant>>;

pub(crate) fn router(tenant: Arc<Tenant>) -> Router {
    // Every operation of every version goes through the catalogue, which
    // validates it as ISC does before the store or a canned answer serves
    // it. The busiest lists once had routes of their own that skipped the
    // checks; the catalogue route is fast enough that they are gone (see
    // `cargo xtask bench --only mock`).
    let api = Router::new()
        .fallback(crate::catalog::serve)
        .method_not_allowed_fallback(crate::catalog::serve)
        .layer(middleware::from_fn_with_state(tenant.clone(), gate));
    Router::new().route("/oauth/token", post(token)).merge(api).with_state(tenant)
}

/// SailPoint's `ErrorResponseDto`.
fn error(status: StatusCode, text: &str) -> Response {
    let detail = match status {
        StatusCode::BAD_REQUEST => "400.1 Bad Request Content",
        StatusCode::UNAUTHORIZED => "401 Unauthorized",
        StatusCode::TOO_MANY_REQUESTS => "429 Too Many Requests",
        _ => "503 Service Unavailable",
    };
    let body = json!({
        "detailCode": detail,
        "trackingId": "mock-tracking-id",
        "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": text}],
    });
    (status, Json(body)).into_response()
}

fn too_many_requests(text: &str, retry_after_seconds: u64) -> Response {
    let mut response = error(StatusCode::TOO_MANY_REQUESTS, text);
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
    response
}

async fn token(State(tenant): Shared, Form(form): Form<HashMap<String, String>>) -> Response {
    let number = bump(&tenant.stats.token_requests);
    if tenant.plan.token_failure.hits(number) {
        bump(&tenant.stats.token_failures);
        return match tenant.config.faults.token_failure.answer(tenant.plan.token_failure.ordinal(number)) {
            (429, Some(seconds)) => too_many_requests("Rate limit exceeded", seconds),
            _ => error(StatusCode::SERVICE_UNAVAILABLE, "Service temporarily unavailable"),
        };
    }
    let field = |name: &str| form.get(name).map(String::as_str);
    if field("grant_type") != Some("client_credentials") {
        return (StatusCode::BAD_REQUEST, Json(json!({"error": "unsupported_grant_type"}))).into_response();
    }
    let (Some(client_id), Some(client_secret)) = (field("client_id"), field("client_secret")) else {
        return (StatusCode::UNAUTHORIZED, Json(json!({"error": "invalid_client", "error_description": "Bad credentials"}))).into_response();
    };
    if !tenant.accepts(client_id, client_secret) {
        return (StatusCode::UNAUTHORIZED, Json(json!({"error": "invalid_client", "error_description": "Bad credentials"}))).into_response();
    }
    bump(&tenant.stats.tokens_issued);
    let token = format!("mock-token-{number}-{}", data::id(7, number as usize));
    let lifetime = tenant.config.token_lifetime;
    let issued = Token {
        expires: Instant::now() + lifetime,
        client_id: client_id.to_owned(),
    };
    tenant.tokens.lock().expect("token table").insert(token.clone(), issued);
    Json(json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": lifetime.as_secs(),
        "scope": "sp:scopes:all",
    }))
    .into_response()
}

/// Latency, authentication, the rate limit and injected faults, before
/// any API route, in that order: a request that one of them answers is
/// not seen by the ones after it.
async fn gate(State(tenant): Shared, request: Request, next: Next) -> Response {
    let faults = &tenant.config.faults;
    let plan = &tenant.plan;
    let stats = &tenant.stats;
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    let number = bump(&stats.api_requests);
    let revoke = plan.revoke_tokens.hits(number);
    if revoke {
        tenant.tokens.lock().expect("token table").clear();
    }
    let bearer = request.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let client_id = bearer.and_then(|token| {
        let tokens = tenant.tokens.lock().expect("token table");
        tokens.get(token).filter(|t| Instant::now() < t.expires).map(|t| t.client_id.clone())
    });
    let Some(client_id) = client_id else {
        bump(&stats.unauthorized);
        if revoke {
            bump(&stats.revoked);
        }
        return error(StatusCode::UNAUTHORIZED, "JWT validation failed: token is missing, expired or revoked");
    };
    if let Some(refused) = unserved_version(&tenant.config, &request) {
        return refused;
    }
    if let Some(limiter) = &tenant.limiter {
        let admitted = limiter.lock().expect("rate limiter").admit(&client_id, Instant::now());
        if let Err(wait) = admitted {
            bump(&stats.rate_limit_exceeded);
            return too_many_requests("Rate limit exceeded", retry_after_seconds(wait));
        }
    }
    if plan.rate_limit.hits(number) {
        bump(&stats.rate_limited);
        return too_many_requests("Rate limit exceeded", faults.retry_after_seconds);
    }
    if plan.server_error.hits(number) {
        bump(&stats.server_errors);
        return error(StatusCode::SERVICE_UNAVAILABLE, "Service temporarily unavailable");
    }
    if plan.drop_connection.hits(number) {
        if faults.drop.mid_body(plan.drop_connection.ordinal(number)) {
            bump(&stats.dropped_mid_body);
            let response = next.run(request).await;
            count_served(stats, &response);
            return serve::cut_mid_body(response).await;
        }
        bump(&stats.dropped_before_headers);
        return serve::drop_before_headers(request).await;
    }
    let response = next.run(request).await;
    count_served(stats, &response);
    response
}

/// A 404 for a path of a version the configuration leaves out.
fn unserved_version(config: &Config, request: &Request) -> Option<Response> {
    if config.versions.is_empty() {
        return None;
    }
    let path = request.uri().path();
    let version = crate::catalog::version_of_path(path)?;
    if config.versions.iter().any(|v| v == version) {
        return None;
    }
    let text = format!("No API serves {} {path}: this tenant serves {} only", request.method(), config.versions.join(", "));
    Some((StatusCode::NOT_FOUND, Json(crate::catalog::error_body(404, &[text]))).into_response())
}

/// Adds what a store response served to the counters.
fn count_served(stats: &Stats, response: &Response) {
    if let Some(served) = response.extensions().get::<Served>() {
        stats.items_served.fetch_add(served.items, Ordering::Relaxed);
        stats.wrong_typed_items_served.fetch_add(served.wrong_typed, Ordering::Relaxed);
    }
}
