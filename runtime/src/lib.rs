//! Runtime shared by the generated SailPoint ISC client crates.
//!
//! Generated operations are plain descriptions of a request ([`Request`]);
//! this crate executes them: authentication with token refresh, retries
//! with backoff and `Retry-After`, timeouts, the experimental opt-in, and
//! typed errors. Generated models lean on it for lenient decoding, open
//! enums, unions and date-times.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod client;
mod config;
pub mod datetime;
pub mod de;
mod error;
pub mod paginate;
mod request;
mod response;
mod retry;
pub mod union;

pub use auth::Credentials;
pub use client::{decode_json, Client, ClientBuilder};
pub use config::Config;
pub use datetime::DateTime;
pub use error::{Error, ErrorBody, ErrorMessage};
pub use paginate::{Items, Page, Pager, Pages};
pub use request::{encode_path_segment, Body, Part, Request};
pub use response::{Binary, Response};
pub use retry::RetryPolicy;

/// The `Stream` trait of the pagination streams.
pub use futures_util::stream::Stream;
/// `bytes`, re-exported for raw response bodies.
pub use bytes;
/// `reqwest`, re-exported so users can pass a custom `reqwest::Client`
/// built against the same version.
pub use reqwest;
