//! What a call returns: the decoded body with its status and headers.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A successful response.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers (`X-Total-Count`, for example).
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> Response<T> {
    /// The body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// `X-Total-Count`, sent when a list call asks for `count=true`.
    pub fn total_count(&self) -> Option<u64> {
        total_count(&self.headers)
    }
}

pub(crate) fn total_count(headers: &HeaderMap) -> Option<u64> {
    headers.get("x-total-count")?.to_str().ok()?.trim().parse().ok()
}

/// A non-JSON body (CSV, ZIP, PDF, images, XML, text) with its content type.
#[derive(Debug, Clone, PartialEq)]
pub struct Binary {
    /// The `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Bytes,
}
