//! One page: send, then decode. A plain async function of owned values, so
//! prefetching can run it on another task.

use super::decode::{decode_array, decode_cursor, Entries};
use crate::{Client, Error, Request, Response};
use bytes::Bytes;
use serde::de::DeserializeOwned;

/// A page's response with its entries decoded; the raw body is kept for
/// the repeated-page guard and for search-after's sort values.
pub(crate) struct Fetched<T> {
    pub(crate) response: Response<Bytes>,
    pub(crate) entries: Entries<T>,
    /// A cursor page's `next`.
    pub(crate) next: Option<String>,
    /// The request, as errors name it.
    pub(crate) described: String,
}

/// How a page's body holds its items.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// A JSON array.
    Array,
    /// `{"next": …, "items": […]}`.
    Cursor,
}

pub(crate) async fn fetch<T: DeserializeOwned>(client: Client, request: Request, shape: Shape) -> Result<Fetched<T>, Error> {
    let described = client.describe(&request);
    let response = client.send_bytes(request).await?;
    let (next, entries) = match shape {
        Shape::Array => (None, decode_array(&described, &response.body)?),
        Shape::Cursor => decode_cursor(&described, &response.body)?,
    };
    Ok(Fetched {
        response,
        entries,
        next,
        described,
    })
}
