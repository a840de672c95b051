//! The catalogue file as typed data: what `generator/src/codegen/mock_catalog.rs`
//! writes, read back with serde. Schemas stay `serde_json::Value`s: they
//! are fed to the JSON Schema validator and the synthesizer as they are.

use serde::Deserialize;
use serde_json::{Map, Value};

/// One version's catalogue.
#[derive(Debug, Deserialize)]
pub struct CatalogFile {
    /// As `specs/versions.toml` names it: `beta`, `v2024`, `v2025`, `apis`.
    pub version: String,
    /// The generated crate (`sailpoint-v2025`).
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// The server path prefix (`/v2025`), empty for the current API.
    pub prefix: String,
    /// Every named type's schema, the targets of `#/$defs/<name>`.
    pub defs: Map<String, Value>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Deserialize)]
pub struct Operation {
    /// The spec's operationId.
    pub id: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The template without the server prefix (`/accounts/{id}`).
    pub path: String,
    /// Needs `X-SailPoint-Experimental: true`.
    pub experimental: bool,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// The `filters` query param's description (the fields and operators it documents).
    pub filters: Option<String>,
    /// The `sorters` query param's description.
    pub sorters: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    Path,
    Query,
    Header,
}

#[derive(Debug, Deserialize)]
pub struct Param {
    pub name: String,
    #[serde(rename = "in")]
    pub location: Location,
    pub required: bool,
    pub schema: Value,
    /// Arrays only: one key per item (`true`) or comma-joined (`false`).
    pub explode: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct Body {
    pub required: bool,
    pub contents: Vec<Content>,
}

#[derive(Debug, Deserialize)]
pub struct Content {
    pub media_type: String,
    /// Absent for raw bytes without a schema.
    pub schema: Option<Value>,
    /// The generated type's key in `sailpoint-conformance`'s decode table.
    pub type_key: Option<String>,
    /// The spec's example (successes only).
    pub example: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct Response {
    pub status: u16,
    pub contents: Vec<Content>,
}

impl Operation {
    /// The status a successful call answers with: the lowest 2xx the spec
    /// declares, else 200.
    pub fn success(&self) -> Option<&Response> {
        self.responses
            .iter()
            .filter(|r| (200..300).contains(&r.status))
            .min_by_key(|r| r.status)
    }
}

/// What a media type carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    /// `application/json`, JSON Patch, `application/*+json`.
    Json,
    Multipart,
    Form,
    /// Anything else: bytes (CSV, zip, images, octet-stream).
    Bytes,
}

impl MediaKind {
    pub fn of(media_type: &str) -> MediaKind {
        let essence = essence(media_type);
        if essence == "application/json" || essence.ends_with("+json") {
            MediaKind::Json
        } else if essence.starts_with("multipart/") {
            MediaKind::Multipart
        } else if essence == "application/x-www-form-urlencoded" {
            MediaKind::Form
        } else {
            MediaKind::Bytes
        }
    }
}

/// `application/json; charset=utf-8` → `application/json`, lower case.
pub fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}
