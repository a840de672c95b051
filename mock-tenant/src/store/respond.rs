//! Responses of the store: JSON bodies, SailPoint's `ErrorResponseDto`,
//! and the count of items served, which the server's gate adds to its
//! counters.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

/// Items a list or search response carries, as a response extension.
#[derive(Debug, Clone, Copy, Default)]
pub struct Served {
    pub items: u64,
    /// Of which with a wrong-typed field.
    pub wrong_typed: u64,
}

pub fn bytes(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json;charset=utf-8"));
    response
}

pub fn json(status: StatusCode, value: &Value) -> Response {
    bytes(status, serde_json::to_vec(value).expect("values serialise"))
}

pub fn empty(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

/// SailPoint's `ErrorResponseDto`, with the `detailCode` ISC sends for
/// the status.
pub fn error(status: StatusCode, text: &str) -> Response {
    let detail = match status {
        StatusCode::BAD_REQUEST => "400.1 Bad Request Content",
        StatusCode::NOT_FOUND => "404 Not found",
        _ => "500.0 Internal Fault",
    };
    json(
        status,
        &json!({
            "detailCode": detail,
            "trackingId": "mock-tracking-id",
            "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": text}],
        }),
    )
}

pub fn bad_request(text: &str) -> Response {
    error(StatusCode::BAD_REQUEST, text)
}

pub fn not_found(what: &str, id: &str) -> Response {
    error(StatusCode::NOT_FOUND, &format!("The {what} with id '{id}' was not found."))
}
