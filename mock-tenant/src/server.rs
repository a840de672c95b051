//! Routes and the rules they enforce.

use crate::data::{self, Rendered};
use crate::faults::Plan;
use crate::ratelimit::{retry_after_seconds, SlidingWindow};
use crate::serve;
use crate::stats::{bump, Stats};
use crate::Config;
use axum::body::Body;
use axum::extract::{Form, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::cmp::Ordering as CmpOrdering;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Standard collection parameters.
const MAX_LIMIT: u64 = 250;
/// `searchlimit.yaml`, and Elasticsearch's result window for `offset`.
const MAX_SEARCH_LIMIT: u64 = 10_000;

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
    accounts_v2024: Rendered,
    accounts_v2025: Rendered,
    identities_beta: Rendered,
    identities_v2024: Rendered,
    machine_identities: Rendered,
    /// The current per-resource API (`sailpoint` crate): `/accounts/v1`, `/identities/v1`.
    accounts_current: Rendered,
    identities_current: Rendered,
    /// Search documents, parsed for sorting and rendered for answers.
    documents: Vec<(Value, bytes::Bytes)>,
}

impl Tenant {
    pub(crate) fn new(config: Config) -> Tenant {
        let plan = Plan::new(&config.faults);
        let documents = (0..config.identities)
            .map(|i| {
                let document = data::identity_document(i);
                let value = serde_json::to_value(&document).expect("models serialise");
                let bytes = bytes::Bytes::from(serde_json::to_vec(&value).expect("values serialise"));
                (value, bytes)
            })
            .collect();
        Tenant {
            accounts_v2024: Rendered::accounts((0..config.accounts).map(data::account_v2024), &plan),
            accounts_v2025: Rendered::accounts((0..config.accounts).map(|i| data::account!(sailpoint_v2025, i)), &plan),
            identities_beta: Rendered::new((0..config.identities).map(|i| data::identity!(sailpoint_beta, i))),
            identities_v2024: Rendered::new((0..config.identities).map(|i| data::identity!(sailpoint_v2024, i))),
            machine_identities: Rendered::new((0..config.machine_identities).map(data::machine_identity)),
            accounts_current: Rendered::accounts((0..config.accounts).map(|i| data::account!(sailpoint, i)), &plan),
            identities_current: Rendered::new((0..config.identities).map(|i| data::identity!(sailpoint, i))),
            documents,
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

    fn accepts(&self, client_id: &str, client_secret: &str) -> bool {
        let main = (self.config.client_id.as_str(), self.config.client_secret.as_str());
        std::iter::once(main)
            .chain(self.config.other_clients.iter().map(|(id, secret)| (id.as_str(), secret.as_str())))
            .any(|pair| pair == (client_id, client_secret))
    }
}

type Shared = State<Arc<Tenant>>;

pub(crate) fn router(tenant: Arc<Tenant>) -> Router {
    let api = Router::new()
        .route("/v2024/accounts", get(|s: Shared, q| list(s, q, |t| &t.accounts_v2024)))
        .route("/v2025/accounts", get(|s: Shared, q| list(s, q, |t| &t.accounts_v2025)))
        .route("/beta/identities", get(|s: Shared, q| list(s, q, |t| &t.identities_beta)))
        .route("/v2024/identities", get(|s: Shared, q| list(s, q, |t| &t.identities_v2024)))
        .route("/v2025/machine-identities", get(machine_identities))
        .route("/v2025/search", post(search))
        .route("/accounts/v1", get(|s: Shared, q| list(s, q, |t| &t.accounts_current)))
        .route("/identities/v1", get(|s: Shared, q| list(s, q, |t| &t.identities_current)))
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
            return serve::cut_mid_body(next.run(request).await).await;
        }
        bump(&stats.dropped_before_headers);
        return serve::drop_before_headers(request).await;
    }
    next.run(request).await
}

#[derive(Deserialize)]
struct ListQuery {
    limit: Option<i64>,
    offset: Option<i64>,
    #[serde(default)]
    count: bool,
}

async fn list(State(tenant): Shared, Query(query): Query<ListQuery>, items: fn(&Tenant) -> &Rendered) -> Response {
    page(&tenant, query, items(&tenant))
}

fn page(tenant: &Tenant, query: ListQuery, items: &Rendered) -> Response {
    let limit = query.limit.unwrap_or(MAX_LIMIT as i64);
    let offset = query.offset.unwrap_or(0);
    if !(0..=MAX_LIMIT as i64).contains(&limit) {
        return error(StatusCode::BAD_REQUEST, &format!("limit must be between 0 and {MAX_LIMIT}, was {limit}"));
    }
    if offset < 0 {
        return error(StatusCode::BAD_REQUEST, "offset must not be negative");
    }
    let total = items.items.len();
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(total);
    if tenant.config.offset_past_end_is_error && total > 0 && start == total {
        return error(StatusCode::BAD_REQUEST, "offset is invalid");
    }
    let end = start.saturating_add(limit as usize).min(total);
    tenant.stats.items_served.fetch_add((end - start) as u64, Ordering::Relaxed);
    tenant.stats.wrong_typed_items_served.fetch_add(items.wrong_typed_in(start..end) as u64, Ordering::Relaxed);
    json_response(items.page(start..end), (query.count && tenant.config.send_total_count).then_some(total))
}

fn json_response(body: Vec<u8>, total: Option<usize>) -> Response {
    let mut response = Response::new(Body::from(body));
    let headers: &mut HeaderMap = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json;charset=utf-8"));
    if let Some(total) = total {
        headers.insert("x-total-count", HeaderValue::from(total));
    }
    response
}

async fn machine_identities(State(tenant): Shared, headers: HeaderMap, Query(query): Query<ListQuery>) -> Response {
    let opted_in = headers.get("x-sailpoint-experimental").and_then(|v| v.to_str().ok()) == Some("true");
    if !opted_in {
        return error(StatusCode::BAD_REQUEST, "This API is experimental: send the header X-SailPoint-Experimental: true");
    }
    page(&tenant, query, &tenant.machine_identities)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchBody {
    #[serde(default)]
    indices: Vec<String>,
    #[serde(default)]
    sort: Vec<String>,
    #[serde(default)]
    search_after: Vec<String>,
}

#[derive(Deserialize)]
struct SearchQuery {
    limit: Option<u64>,
    offset: Option<u64>,
    #[serde(default)]
    count: bool,
}

/// Identities only; every document matches. Sorting and `searchAfter`
/// follow Elasticsearch: `searchAfter` holds the last hit's sort values,
/// and `offset + limit` may not pass the 10,000 window.
async fn search(State(tenant): Shared, Query(query): Query<SearchQuery>, Json(body): Json<SearchBody>) -> Response {
    let limit = query.limit.unwrap_or(MAX_SEARCH_LIMIT);
    let offset = query.offset.unwrap_or(0);
    if limit > MAX_SEARCH_LIMIT {
        return error(StatusCode::BAD_REQUEST, &format!("limit must be at most {MAX_SEARCH_LIMIT}"));
    }
    if offset + limit > MAX_SEARCH_LIMIT {
        return error(StatusCode::BAD_REQUEST, "Result window is too large: use searchAfter to page past 10000 results");
    }
    if !body.search_after.is_empty() && body.search_after.len() != body.sort.len() {
        return error(StatusCode::BAD_REQUEST, "searchAfter must have one value per sort field");
    }
    let identities = body.indices.iter().any(|i| i == "identities" || i == "*");
    let documents: &[(Value, bytes::Bytes)] = if identities { &tenant.documents } else { &[] };
    let keys: Vec<(bool, &str)> = body.sort.iter().map(|s| (s.starts_with('-'), s.trim_start_matches(['+', '-']))).collect();
    let mut order: Vec<&(Value, bytes::Bytes)> = documents.iter().collect();
    order.sort_by(|a, b| compare_documents(&a.0, &b.0, &keys));
    let start = if body.search_after.is_empty() {
        offset as usize
    } else {
        order.partition_point(|(doc, _)| compare_to_after(doc, &keys, &body.search_after) != CmpOrdering::Greater)
    };
    let hits: Vec<&[u8]> = order.iter().skip(start).take(limit as usize).map(|(_, bytes)| bytes.as_ref()).collect();
    json_response(data::json_array(&hits), query.count.then_some(documents.len()))
}

fn field<'v>(doc: &'v Value, path: &str) -> &'v Value {
    path.split('.').try_fold(doc, |v, key| v.get(key)).unwrap_or(&Value::Null)
}

fn compare_values(a: &Value, b: &Value) -> CmpOrdering {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => text(a).cmp(&text(b)),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn directed(order: CmpOrdering, descending: bool) -> CmpOrdering {
    if descending {
        order.reverse()
    } else {
        order
    }
}

fn compare_documents(a: &Value, b: &Value, keys: &[(bool, &str)]) -> CmpOrdering {
    keys.iter()
        .map(|(descending, path)| directed(compare_values(field(a, path), field(b, path)), *descending))
        .find(|o| o.is_ne())
        .unwrap_or(CmpOrdering::Equal)
}

/// How `doc` sorts against the `searchAfter` values.
fn compare_to_after(doc: &Value, keys: &[(bool, &str)], after: &[String]) -> CmpOrdering {
    keys.iter()
        .zip(after)
        .map(|((descending, path), after)| {
            let value = field(doc, path);
            let order = match (value.as_f64(), after.parse::<f64>()) {
                (Some(x), Ok(y)) => x.total_cmp(&y),
                _ => text(value).as_str().cmp(after.as_str()),
            };
            directed(order, *descending)
        })
        .find(|o| o.is_ne())
        .unwrap_or(CmpOrdering::Equal)
}
