//! The one error type of every generated client.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::Deserialize;
use std::fmt;
use std::time::Duration;

use crate::auth::AuthError;
use crate::paginate::ItemError;

/// What went wrong with a call. Nothing here holds a token or a secret.
///
/// Each names its request as `METHOD /path`, with the path as sent
/// (`GET /v2025/accounts/2c9180835d2e5168015d32f890ca1581`), without the
/// query string.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or its response not read.
    Transport {
        /// The request, as `METHOD /path`.
        request: String,
        /// The underlying error.
        source: reqwest::Error,
    },
    /// The request or the connection timed out.
    Timeout {
        /// The request, as `METHOD /path`.
        request: String,
    },
    /// The server answered with a non-success status.
    Status(Box<StatusError>),
    /// A success response whose body does not match the expected type.
    Decode {
        /// The request, as `METHOD /path`.
        request: String,
        /// JSON path of the failure (`items[3].created`).
        path: String,
        /// What serde said.
        message: String,
        /// The first bytes of the body.
        excerpt: String,
    },
    /// An experimental operation was called without
    /// `ClientBuilder::experimental(true)`. Nothing was sent.
    ExperimentalNotEnabled {
        /// The operation id.
        operation: &'static str,
    },
    /// The request could not be built (for example, a body that does not
    /// serialise). Nothing was sent.
    InvalidRequest(String),
    /// A paginated call cannot go on safely: the server repeated a page or
    /// a cursor, or a search hit lacks its sort values. The items already
    /// streamed are correct; none after them were skipped silently.
    Pagination {
        /// The request, as `METHOD /path`.
        request: String,
        /// What went wrong.
        message: String,
    },
    /// The client configuration is missing or invalid.
    Config(String),
    /// Obtaining an access token failed.
    Auth(AuthError),
    /// One item of a page does not decode. The page's other items were
    /// delivered; see [`Pager`](crate::Pager).
    Item(Box<ItemError>),
}

/// A non-success HTTP response.
#[derive(Debug)]
pub struct StatusError {
    /// The request, as `METHOD /path`.
    pub request: String,
    /// The operation id.
    pub operation: &'static str,
    /// The spec's path template (`/accounts/{id}`), to group errors by.
    pub path_template: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw body.
    pub body: Bytes,
    /// The body as SailPoint's `ErrorResponseDto`, when it is one.
    pub error: Option<ErrorBody>,
}

/// The fields SailPoint's `ErrorResponseDto` shares in every API version.
/// Use [`Error::error_response`] to decode the version's own type.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// Machine-readable error code.
    #[serde(default)]
    pub detail_code: Option<String>,
    /// The id to quote to SailPoint support.
    #[serde(default)]
    pub tracking_id: Option<String>,
    /// Human-readable messages, per locale.
    #[serde(default)]
    pub messages: Vec<ErrorMessage>,
}

/// One localised message of an [`ErrorBody`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ErrorMessage {
    /// The locale, such as `en-US`.
    #[serde(default)]
    pub locale: Option<String>,
    /// The message.
    #[serde(default)]
    pub text: Option<String>,
}

impl Error {
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config(message.into())
    }

    /// The HTTP status, for [`Error::Status`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status(e) => Some(e.status),
            _ => None,
        }
    }

    /// The HTTP status as a number, for [`Error::Status`]:
    /// `error.status_code() == Some(429)`.
    pub fn status_code(&self) -> Option<u16> {
        self.status().map(|status| status.as_u16())
    }

    /// Whether the failure is transient, so that trying again later may
    /// succeed: 429, 502, 503, 504, timeouts, connections refused or lost,
    /// bodies cut off, and a token endpoint that is unavailable.
    ///
    /// This does not say whether sending the request again is safe: the
    /// client itself retries these for idempotent methods, and POST and
    /// PATCH only after a 429 or when the connection was never made (see
    /// [`RetryPolicy`](crate::RetryPolicy)).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Status(e) => crate::retry::is_retryable_status(e.status),
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => crate::transport::Failure::of(source).is_transient(),
            Error::Auth(e) => e.is_retryable(),
            _ => false,
        }
    }

    /// How long the server asked us to wait (`Retry-After`), if it did:
    /// on a 429 or 503 returned because the wait would pass the retry
    /// budget, or from the token endpoint.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Status(e) => crate::retry::retry_after(&e.headers),
            Error::Auth(e) => e.retry_after,
            _ => None,
        }
    }

    /// Decodes the error body as `T`, typically the version crate's
    /// `models::ErrorResponseDto`, with the same tolerance for scalar drift
    /// as a success body. The raw body stays in the `Status` error's `body`.
    pub fn error_response<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        match self {
            Error::Status(e) => crate::client::decode_json("error body", &e.body).ok(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport { request, source } => write!(f, "{request}: transport error: {source}"),
            Error::Timeout { request } => write!(f, "{request}: timed out"),
            Error::Status(e) => {
                write!(f, "{}: HTTP {}", e.request, e.status)?;
                if let Some(body) = &e.error {
                    if let Some(text) = body.messages.iter().find_map(|m| m.text.as_deref()) {
                        write!(f, ": {text}")?;
                    }
                    if let Some(id) = &body.tracking_id {
                        write!(f, " (tracking id {id})")?;
                    }
                }
                Ok(())
            }
            Error::Decode { request, path, message, .. } => write!(f, "{request}: response does not decode at `{path}`: {message}"),
            Error::ExperimentalNotEnabled { operation } => write!(
                f,
                "`{operation}` is an experimental API; enable it with ClientBuilder::experimental(true)"
            ),
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::Pagination { request, message } => write!(f, "{request}: pagination stopped: {message}"),
            Error::Config(message) => write!(f, "configuration: {message}"),
            Error::Auth(error) => write!(f, "authentication failed: {error}"),
            Error::Item(item) => write!(f, "{item}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source),
            Error::Auth(error) => Some(error),
            _ => None,
        }
    }
}
