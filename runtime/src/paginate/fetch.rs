//! One page: send, then decode. A plain async function of owned values, so
//! prefetching can run it on another task.

use crate::{decode_json, Client, Error, Request, Response};
use bytes::Bytes;
use serde::de::DeserializeOwned;

/// A page's response with its body decoded as `B`; the raw body is kept
/// for the repeated-page guard and for search-after's sort values.
pub(crate) struct Fetched<B> {
    pub(crate) response: Response<Bytes>,
    pub(crate) decoded: B,
}

pub(crate) async fn fetch<B: DeserializeOwned>(client: Client, request: Request) -> Result<Fetched<B>, Error> {
    let described = request.describe();
    let response = client.send_bytes(request).await?;
    let decoded = decode_json(&described, &response.body)?;
    Ok(Fetched { response, decoded })
}
