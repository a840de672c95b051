//! Runtime shared by the generated SailPoint ISC client crates.
//!
//! Generated operations are plain descriptions of a request ([`Request`]);
//! this crate executes them: authentication with token refresh, retries
//! with backoff and `Retry-After`, a client-side rate limit, timeouts, the
//! experimental opt-in, and typed errors. Generated models lean on it for
//! lenient decoding, open enums, unions and date-times.
//!
//! # What every call goes through
//!
//! * **Auth**: client credentials fetched once, cached, refreshed ahead of
//!   expiry and once more on a 401. The token endpoint's 429, 5xx and
//!   connection failures are retried under the [`RetryPolicy`]; a refresh
//!   ahead of expiry that fails keeps the still valid token in use. Wrong
//!   credentials (400/401 from the token endpoint) are an
//!   [`AuthErrorKind::InvalidCredentials`] error, not retried.
//! * **Rate limit**: at most 100 requests in any 10 seconds per client id
//!   by default ([`RateLimit`]), shared by clones, by prefetching and by
//!   every client of the process with the same client id. A 429 with
//!   `Retry-After` pauses them all.
//! * **Retries**, by failure:
//!   - 429: every method, after `Retry-After` in full;
//!   - 502, 503, 504: GET, HEAD, PUT, DELETE, OPTIONS;
//!   - no connection made (refused, DNS, TLS, connect timeout): every
//!     method, since nothing was sent;
//!   - connection lost before the response (reset, closed, incomplete
//!     message), a body cut off, a timeout: GET, HEAD, PUT, DELETE,
//!     OPTIONS, and requests marked [`Request::idempotent`] (search
//!     pagination's `POST /search`); other POSTs and PATCHes may have been
//!     acted on.
//!
//!   Without `Retry-After`, the wait is a jittered exponential backoff.
//!   Attempts and total time are capped; a wait that would pass the cap is
//!   not waited: the error returns at once with
//!   [`Error::retry_after`]. See [`RetryPolicy`].
//! * **Decoding** forgives drift ([`de::Lenient`]): `"false"` for a
//!   boolean, `127999` for a string, `null` for a list, an empty body for
//!   a map. Pagination decodes item by item when it must, so one bad item
//!   never costs its page ([`Pager`], [`ItemError`]).
//! * **Errors** name the method and the path as sent, never a token or a
//!   secret.
//!
//! Nothing is ever printed: `tracing` spans carry the operation, method,
//! path template, status and attempt.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod client;
mod config;
pub mod datetime;
pub mod de;
mod error;
pub mod paginate;
pub mod patch;
mod pending;
mod ratelimit;
mod request;
mod response;
mod retry;
pub mod ser;
mod transport;
pub mod union;

pub use auth::{AuthError, AuthErrorKind, Credentials};
pub use client::{decode_json, Client, ClientBuilder};
pub use pending::{DecodeByStatus, Pending};
pub use config::Config;
pub use datetime::DateTime;
pub use error::{Error, ErrorBody, ErrorMessage, StatusError};
pub use paginate::{ItemError, Items, Page, Pager, Pages};
pub use patch::{IntoJsonPatch, JsonPatch, JsonPointer, PatchError, PatchOperation, PointerError, ToJsonPointer};
pub use ratelimit::RateLimit;
pub use request::{encode_path_segment, Body, FileUpload, Part, Request};
pub use response::{Binary, Response};
pub use retry::RetryPolicy;

/// The `Stream` trait of the pagination streams.
pub use futures_util::stream::Stream;
/// `bytes`, re-exported for raw response bodies.
pub use bytes;
/// `reqwest`, re-exported so users can pass a custom `reqwest::Client`
/// built against the same version.
pub use reqwest;
