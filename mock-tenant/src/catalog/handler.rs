//! The fallback route, which serves every API request.

use super::model::{MediaKind, Operation, Response as Declared};
use super::routes::Matched;
use super::synth::{bytes_for, seed_of, Synth};
use super::validate::{check, Incoming, Refusal};
use super::{error_body, for_path, Catalog};
use crate::server::Tenant;
use crate::store::StoreRequest;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// Request bodies larger than this are refused (uploads in the specs are
/// small files).
const MAX_BODY: usize = 32 * 1024 * 1024;

fn error(status: StatusCode, messages: &[String]) -> Response {
    (status, Json(error_body(status.as_u16(), messages))).into_response()
}

/// Routes, checks and answers one request from the catalogues.
pub async fn serve(State(tenant): State<Arc<Tenant>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let method = parts.method.clone();
    let Some((catalog, rest)) = for_path(&path) else {
        return error(
            StatusCode::NOT_FOUND,
            &[format!("No API serves {method} {path}")],
        );
    };
    let (index, raw_params) = match catalog.routes.find(method.as_str(), rest) {
        Matched::Operation { index, path_params } => (index, path_params),
        Matched::WrongMethod => {
            return error(
                StatusCode::METHOD_NOT_ALLOWED,
                &[format!("{method} is not supported on {path}")],
            )
        }
        Matched::NotFound => {
            return error(
                StatusCode::NOT_FOUND,
                &[format!("No API serves {method} {path}")],
            )
        }
    };
    let path_params: Vec<(String, String)> = raw_params
        .into_iter()
        .map(|(name, raw)| {
            (
                name,
                percent_encoding::percent_decode_str(raw)
                    .decode_utf8_lossy()
                    .into_owned(),
            )
        })
        .collect();
    let query: Vec<(String, String)> =
        form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                &[format!("The request body could not be read: {e}")],
            )
        }
    };
    let incoming = Incoming {
        headers: &parts.headers,
        path_params: &path_params,
        query: &query,
        body: &body,
    };
    let checked = match check(catalog, index, &incoming) {
        Ok(checked) => checked,
        Err(Refusal::BadRequest(messages)) => return error(StatusCode::BAD_REQUEST, &messages),
        Err(Refusal::UnsupportedMediaType(message)) => {
            return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, &[message])
        }
    };
    let op = &catalog.file.operations[index];
    let stored = tenant.store.handle(&StoreRequest {
        method: &method,
        version: &catalog.file.version,
        template: &op.path,
        path_params: &path_params,
        query: &query,
        body: checked.json.as_ref(),
        filters_doc: op.filters.as_deref(),
        sorters_doc: op.sorters.as_deref(),
    });
    if let Some(response) = stored {
        return response;
    }
    let accept = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    let count = query.iter().any(|(k, v)| k == "count" && v == "true");
    canned(catalog, index, op, accept, count)
}

/// The answer without a store: the success status with the spec's
/// example, or synthesized data.
fn canned(
    catalog: &Catalog,
    index: usize,
    op: &Operation,
    accept: Option<&str>,
    count: bool,
) -> Response {
    let Some(success) = op.success() else {
        return StatusCode::OK.into_response();
    };
    let status = StatusCode::from_u16(success.status).unwrap_or(StatusCode::OK);
    // No Content, whatever media type the spec attaches to it.
    if status == StatusCode::NO_CONTENT {
        return status.into_response();
    }
    let Some((slot, content)) = pick(success, accept) else {
        return status.into_response();
    };
    let bytes = answer(catalog, index, success, slot);
    let mut response = Response::new(Body::from(bytes.clone()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content.media_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if count
        && MediaKind::of(&content.media_type) == MediaKind::Json
        && bytes.first() == Some(&b'[')
    {
        if let Ok(Value::Array(items)) = serde_json::from_slice::<Value>(&bytes) {
            headers.insert("x-total-count", HeaderValue::from(items.len()));
        }
    }
    response
}

/// The declared media type the `Accept` header asks for, else the first.
fn pick<'r>(
    success: &'r Declared,
    accept: Option<&str>,
) -> Option<(usize, &'r super::model::Content)> {
    let wanted: Vec<String> = accept
        .unwrap_or("*/*")
        .split(',')
        .map(super::model::essence)
        .collect();
    let fits = |media: &str| {
        wanted.iter().any(|w| {
            w == "*/*"
                || w == media
                || w.strip_suffix("/*")
                    .is_some_and(|family| media.starts_with(&format!("{family}/")))
        })
    };
    success
        .contents
        .iter()
        .enumerate()
        .find(|(_, c)| fits(&c.media_type))
        .or_else(|| success.contents.iter().enumerate().next())
}

/// The body of an operation's success answer in one media type, cached.
fn answer(catalog: &Catalog, index: usize, success: &Declared, slot: usize) -> bytes::Bytes {
    let key = format!("{index}/{}/{slot}", success.status);
    if let Some(found) = catalog.answers.lock().expect("answer cache").get(&key) {
        return found.clone();
    }
    let content = &success.contents[slot];
    let bytes = match (&content.schema, MediaKind::of(&content.media_type)) {
        (Some(schema), MediaKind::Json) => {
            let example = content.example.as_ref().filter(|example| {
                let validator = catalog.validator(
                    &format!("{index}/response/{}/{slot}", success.status),
                    schema,
                );
                validator.is_valid(example)
            });
            let op = &catalog.file.operations[index];
            let value = example.cloned().unwrap_or_else(|| {
                Synth::new(
                    &catalog.file.defs,
                    seed_of(&format!(
                        "{} {} {}",
                        catalog.file.version, op.id, success.status
                    )),
                )
                .value(schema, "")
            });
            serde_json::to_vec(&value).expect("values serialise")
        }
        (None, MediaKind::Json) => b"{}".to_vec(),
        _ => bytes_for(&super::model::essence(&content.media_type)),
    };
    let bytes = bytes::Bytes::from(bytes);
    catalog
        .answers
        .lock()
        .expect("answer cache")
        .insert(key, bytes.clone());
    bytes
}
