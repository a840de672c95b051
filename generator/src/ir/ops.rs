//! Operation definitions. Built in full by the generator foundation so that
//! the codegen for operations and pagination only adds output.

use super::http::{HttpMethod, MediaType, PathTemplate};
use super::types::Ty;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// The spec's operationId, or a synthesized one (see `synthesized_id`).
    pub operation_id: String,
    pub synthesized_id: bool,
    /// The operationId every emitted name derives from: the spec's, unless
    /// several operations share it (see `naming::operation_bases`).
    pub name_base: String,
    /// Emitted names, set by the names pass.
    pub names: OperationNames,
    pub tag: String,
    pub method: HttpMethod,
    pub path: PathTemplate,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Marked by the required `X-SailPoint-Experimental` header, which is
    /// removed from `params`: the runtime sends it.
    pub experimental: bool,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    pub pagination: Option<Pagination>,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: Ty,
    /// Arrays only: repeat the key per item (`form`, explode) or join with commas.
    pub explode: bool,
    pub deprecated: bool,
    pub doc: Option<String>,
    /// The schema's `minimum` (inclusive; the specs give no exclusive
    /// bounds on parameters), shown in setter docs.
    pub minimum: Option<i64>,
    /// The schema's `maximum` (page size caps for `limit`).
    pub maximum: Option<i64>,
    pub default: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Body {
    pub required: bool,
    pub contents: Vec<Content>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Content {
    pub media_type: MediaType,
    /// None when the spec gives no schema (raw bytes).
    pub ty: Option<Ty>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub status: u16,
    pub description: Option<String>,
    pub contents: Vec<Content>,
    pub headers: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponseHeader {
    pub name: String,
    pub ty: Ty,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "style", rename_all = "snake_case")]
pub enum Pagination {
    /// `limit` + `offset` returning a JSON array.
    Offset {
        item: Ty,
        /// The largest `limit` allowed, else its default.
        page_size: Option<i64>,
        has_count: bool,
    },
    /// `POST /search`: `sort` plus `searchAfter` in the body.
    SearchAfter { item: Ty, page_size: Option<i64> },
    /// An opaque `next` cursor in the query and the response body, which
    /// is `{next, items: [...]}`.
    Cursor { item: Ty, page_size: Option<i64> },
}

/// The Rust names of an operation's items, decided once by the names pass.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OperationNames {
    /// The group method (`list_accounts`, `r#type`).
    pub method: String,
    /// The request builder struct (`ListAccounts`).
    pub builder: String,
    /// The per-status response enum (`ListAccountsResponse`), when emitted.
    pub response_enum: String,
}
