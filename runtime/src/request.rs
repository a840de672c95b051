//! A request as generated operations describe it: data, not code, so that
//! one runtime path executes all of them.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Method;

/// One HTTP call, described.
#[derive(Debug, Clone)]
pub struct Request {
    /// The operation id, for errors and tracing.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The spec's path template (`/accounts/{id}`), for tracing.
    pub path_template: &'static str,
    /// The path with parameters substituted and encoded.
    pub path: String,
    /// Query pairs, already in the spec's style (arrays repeated or joined).
    pub query: Vec<(&'static str, String)>,
    /// Extra headers.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Body,
    /// Marked by the spec's `X-SailPoint-Experimental` header.
    pub experimental: bool,
    /// The `Accept` header: the response content types the operation
    /// declares (`application/json` by default). Empty sends none.
    pub accept: &'static str,
    /// Sending it twice does no harm, so it is retried after failures that
    /// may have reached the server (see [`RetryPolicy`](crate::RetryPolicy)).
    /// From the method by default (GET, HEAD, PUT, DELETE, OPTIONS); set it
    /// for a POST that only reads, such as a search.
    pub idempotent: bool,
}

impl Request {
    /// A request without parameters or body.
    pub fn new(operation: &'static str, method: Method, path_template: &'static str, path: String) -> Self {
        Request {
            operation,
            path_template,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
            experimental: false,
            accept: "application/json",
            idempotent: crate::retry::is_idempotent(&method),
            method,
        }
    }

    /// `METHOD /path`, the path as substituted, for messages. Without the
    /// client's path prefix; [`Client::describe`](crate::Client::describe)
    /// adds it.
    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// A request body.
#[derive(Debug, Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// Serialised JSON with its content type (`application/json` or
    /// `application/json-patch+json`).
    Json {
        /// The content type.
        content_type: &'static str,
        /// The serialised JSON.
        bytes: Vec<u8>,
    },
    /// `application/x-www-form-urlencoded` pairs.
    Form(Vec<(String, String)>),
    /// `multipart/form-data` parts.
    Multipart(Vec<Part>),
}

impl Body {
    /// Serialises `value` as JSON with `content_type`.
    pub fn json<T: serde::Serialize + ?Sized>(content_type: &'static str, value: &T) -> Result<Body, crate::Error> {
        serde_json::to_vec(value)
            .map(|bytes| Body::Json { content_type, bytes })
            .map_err(|e| crate::Error::InvalidRequest(format!("body does not serialise: {e}")))
    }
}

/// A file to upload as a multipart field: what an operation takes for a
/// file field the spec requires.
///
/// ```
/// let upload = sailpoint_runtime::FileUpload::new("export.json", "application/json", b"{}".to_vec());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUpload {
    /// The file's name as sent.
    pub file_name: String,
    /// Its content type.
    pub content_type: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl FileUpload {
    /// The file `file_name` of type `content_type` with these bytes.
    pub fn new(file_name: impl Into<String>, content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FileUpload {
            file_name: file_name.into(),
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }

    /// The part that sends this file as the field `name`.
    pub fn into_part(self, name: &'static str) -> Part {
        Part::File {
            name,
            file_name: self.file_name,
            content_type: self.content_type,
            bytes: self.bytes,
        }
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
pub enum Part {
    /// A text field (JSON fields are sent serialised, as text).
    Text {
        /// The field name.
        name: &'static str,
        /// The value.
        value: String,
    },
    /// A file field.
    File {
        /// The field name.
        name: &'static str,
        /// The file's name as sent.
        file_name: String,
        /// Its content type.
        content_type: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
}

/// Everything but unreserved characters (RFC 3986) is encoded in a path segment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a path parameter: `a/b c` → `a%2Fb%20c`.
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path_segment("2c91-80_8a.~"), "2c91-80_8a.~");
        assert_eq!(encode_path_segment("a/b c?d#{e}"), "a%2Fb%20c%3Fd%23%7Be%7D");
    }
}
