//! The futures that generated operations return from `send()`.
//!
//! Each is built here, once per response kind, and boxed. A generated crate
//! then holds no `async` code of its own: with an `async` block per
//! operation, proving 800 futures `Send` and borrow-checking their state
//! machines was about a third of the v2025 crate's `cargo check` (see
//! docs/perf.md). One allocation per request is nothing beside the HTTP
//! exchange it starts.

use crate::client::Client;
use crate::error::Error;
use crate::request::Request;
use crate::response::{Binary, Response};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// A request on its way: what a generated operation's `send()` returns.
/// Await it for the decoded [`Response`] or the [`Error`].
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<Response<T>, Error>> + Send + 'a>>;

/// Decodes a response whose body type depends on its status: given the
/// request as text (for errors) and the raw response.
pub type DecodeByStatus<T> = fn(&str, &Response<Bytes>) -> Result<T, Error>;

impl Client {
    /// Sends `request` (or returns its build error) and decodes a JSON
    /// body as `T`: [`Client::send_json`] as a [`Pending`].
    pub fn pending_json<'a, T: DeserializeOwned + Send + 'a>(&'a self, request: Result<Request, Error>) -> Pending<'a, T> {
        Box::pin(async move { self.send_json(request?).await })
    }

    /// Sends `request` and ignores the body: [`Client::send_empty`] as a
    /// [`Pending`].
    pub fn pending_empty<'a>(&'a self, request: Result<Request, Error>) -> Pending<'a, ()> {
        Box::pin(async move { self.send_empty(request?).await })
    }

    /// Sends `request` and keeps the body as bytes with its content type:
    /// [`Client::send_binary`] as a [`Pending`].
    pub fn pending_binary<'a>(&'a self, request: Result<Request, Error>) -> Pending<'a, Binary> {
        Box::pin(async move { self.send_binary(request?).await })
    }

    /// Sends `request` and decodes the body with `decode`, which picks the
    /// type by status.
    pub fn pending_by_status<'a, T: Send + 'a>(&'a self, request: Result<Request, Error>, decode: DecodeByStatus<T>) -> Pending<'a, T> {
        Box::pin(async move {
            let request = request?;
            let described = request.describe();
            let raw = self.send_bytes(request).await?;
            let body = decode(&described, &raw)?;
            Ok(Response {
                status: raw.status,
                headers: raw.headers,
                body,
            })
        })
    }
}
