//! Request checks, as ISC makes them: the experimental header, required
//! path, query and header params and their types, the content type, and
//! the body against the operation's schema. Each failure is one message
//! that names the parameter or the body's JSON pointer.

use super::model::{essence, Content, Location, MediaKind, Operation, Param};
use super::synth::resolve;
use super::Catalog;
use axum::http::HeaderMap;
use serde_json::{Map, Value};

/// The header that opts in to experimental operations.
pub const EXPERIMENTAL_HEADER: &str = "x-sailpoint-experimental";

/// Why a request is refused (before any answer is looked for).
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 400, with one message per problem.
    BadRequest(Vec<String>),
    /// 415: the body's content type is not one the operation takes.
    UnsupportedMediaType(String),
}

/// A request, split the way the checks read it.
pub struct Incoming<'r> {
    pub headers: &'r HeaderMap,
    /// Decoded path params, by name.
    pub path_params: &'r [(String, String)],
    /// Decoded query pairs, in order (a key may repeat).
    pub query: &'r [(String, String)],
    pub body: &'r [u8],
}

/// The checked body: JSON where the media type is JSON.
#[derive(Debug, Default)]
pub struct Checked {
    pub json: Option<Value>,
}

pub fn check(catalog: &Catalog, index: usize, request: &Incoming<'_>) -> Result<Checked, Refusal> {
    let op = &catalog.file.operations[index];
    let defs = &catalog.file.defs;
    if op.experimental
        && request
            .headers
            .get(EXPERIMENTAL_HEADER)
            .and_then(|v| v.to_str().ok())
            != Some("true")
    {
        return Err(Refusal::BadRequest(vec![
            "This API is experimental: send the header X-SailPoint-Experimental: true".into(),
        ]));
    }
    let mut problems = Vec::new();
    for param in &op.params {
        let values: Vec<&str> = match param.location {
            Location::Path => request
                .path_params
                .iter()
                .filter(|(n, _)| *n == param.name)
                .map(|(_, v)| v.as_str())
                .collect(),
            Location::Query => request
                .query
                .iter()
                .filter(|(n, _)| *n == param.name)
                .map(|(_, v)| v.as_str())
                .collect(),
            Location::Header => request
                .headers
                .get_all(param.name.as_str())
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect(),
        };
        let place = match param.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        };
        if values.is_empty() {
            if param.required {
                problems.push(format!(
                    "Required {place} parameter '{}' is missing",
                    param.name
                ));
            }
            continue;
        }
        if let Err(why) = check_param(defs, param, &values) {
            problems.push(format!("Invalid {place} parameter '{}': {why}", param.name));
        }
    }
    if !problems.is_empty() {
        return Err(Refusal::BadRequest(problems));
    }
    let Some(body) = &op.body else {
        return Ok(Checked::default());
    };
    if request.body.is_empty() {
        return if body.required {
            Err(Refusal::BadRequest(vec![
                "Required request body is missing".into(),
            ]))
        } else {
            Ok(Checked::default())
        };
    }
    let sent = request
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let content = match sent {
        None => &body.contents[0],
        Some(sent) => {
            let sent_essence = essence(sent);
            let found = body
                .contents
                .iter()
                .find(|c| essence(&c.media_type) == sent_essence)
                .or_else(|| {
                    // `application/json` for a body declared as another JSON syntax.
                    let json = MediaKind::of(sent) == MediaKind::Json;
                    body.contents
                        .iter()
                        .find(|c| json && MediaKind::of(&c.media_type) == MediaKind::Json)
                });
            match found {
                Some(content) => content,
                None => {
                    let accepted: Vec<&str> = body
                        .contents
                        .iter()
                        .map(|c| c.media_type.as_str())
                        .collect();
                    return Err(Refusal::UnsupportedMediaType(format!(
                        "Content type '{sent}' is not supported; this operation takes {}",
                        accepted.join(", ")
                    )));
                }
            }
        }
    };
    check_body(
        catalog,
        index,
        op,
        content,
        sent.unwrap_or(&content.media_type),
        request.body,
    )
}

fn check_body(
    catalog: &Catalog,
    index: usize,
    op: &Operation,
    content: &Content,
    sent: &str,
    body: &[u8],
) -> Result<Checked, Refusal> {
    let defs = &catalog.file.defs;
    match MediaKind::of(&content.media_type) {
        MediaKind::Json => {
            let value: Value = serde_json::from_slice(body).map_err(|e| {
                Refusal::BadRequest(vec![format!("Request body is not valid JSON: {e}")])
            })?;
            if let Some(schema) = &content.schema {
                let slot = op.body.as_ref().map_or(0, |b| {
                    b.contents
                        .iter()
                        .position(|c| std::ptr::eq(c, content))
                        .unwrap_or(0)
                });
                let validator = catalog.validator(&format!("{index}/body/{slot}"), schema);
                let problems = super::schema_problems(&validator, &value);
                if !problems.is_empty() {
                    return Err(Refusal::BadRequest(problems));
                }
            }
            Ok(Checked { json: Some(value) })
        }
        MediaKind::Form => {
            let fields: Vec<String> = form_urlencoded::parse(body)
                .map(|(k, _)| k.into_owned())
                .collect();
            missing_fields(defs, content, &fields, "form")?;
            Ok(Checked::default())
        }
        MediaKind::Multipart => {
            let fields = multipart_names(sent, body)?;
            missing_fields(defs, content, &fields, "multipart")?;
            Ok(Checked::default())
        }
        MediaKind::Bytes => Ok(Checked::default()),
    }
}

/// The required properties of a form or multipart body that were not sent.
fn missing_fields(
    defs: &Map<String, Value>,
    content: &Content,
    sent: &[String],
    kind: &str,
) -> Result<(), Refusal> {
    let Some(schema) = &content.schema else {
        return Ok(());
    };
    let schema = resolve(defs, schema);
    let missing: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|name| !sent.iter().any(|s| s == name))
        .map(|name| format!("Required {kind} field '{name}' is missing"))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Refusal::BadRequest(missing))
    }
}

/// The field names of a `multipart/form-data` body (no full parse: the
/// mock only needs to know which fields came).
fn multipart_names(content_type: &str, body: &[u8]) -> Result<Vec<String>, Refusal> {
    let boundary = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .next()
        .filter(|b| !b.is_empty())
        .ok_or_else(|| {
            Refusal::BadRequest(vec![
                "A multipart body needs a boundary in its Content-Type".into(),
            ])
        })?;
    let text = String::from_utf8_lossy(body);
    let delimiter = format!("--{boundary}");
    if !text.contains(&delimiter) {
        return Err(Refusal::BadRequest(vec![format!(
            "The multipart body has no part delimited by '{delimiter}'"
        )]));
    }
    let names = text
        .split(delimiter.as_str())
        .filter_map(|part| {
            let headers = part.split("\r\n\r\n").next()?;
            let disposition = headers
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
            let after = disposition.split("name=\"").nth(1)?;
            Some(after.split('"').next()?.to_owned())
        })
        .collect();
    Ok(names)
}

/// A param's values against its schema: `Err` says why not.
fn check_param(defs: &Map<String, Value>, param: &Param, values: &[&str]) -> Result<(), String> {
    let schema = non_null(defs, &param.schema);
    if schema.get("type").and_then(Value::as_str) == Some("array") || type_list_has(schema, "array")
    {
        let items = schema.get("items").map_or(&Value::Null, |i| i);
        let items = non_null(defs, items);
        let split: Vec<&str> = if param.explode == Some(false) {
            values.iter().flat_map(|v| v.split(',')).collect()
        } else {
            values.to_vec()
        };
        return split.iter().try_for_each(|v| check_scalar(items, v));
    }
    if values.len() > 1 {
        return Err("given more than once".into());
    }
    check_scalar(schema, values[0])
}

fn type_list_has(schema: &Value, ty: &str) -> bool {
    schema
        .get("type")
        .and_then(Value::as_array)
        .is_some_and(|types| types.iter().any(|t| t == ty))
}

/// The schema without its `null` alternative, `$ref`s followed.
fn non_null<'d>(defs: &'d Map<String, Value>, schema: &'d Value) -> &'d Value {
    let schema = resolve(defs, schema);
    match schema.get("anyOf").and_then(Value::as_array) {
        Some(variants) => variants
            .iter()
            .find(|v| v.get("type").and_then(Value::as_str) != Some("null"))
            .map_or(schema, |v| resolve(defs, v)),
        None => schema,
    }
}

fn check_scalar(schema: &Value, value: &str) -> Result<(), String> {
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        let fits = allowed.iter().any(|a| match a {
            Value::String(s) => s == value,
            Value::Null => false,
            other => serde_json::from_str::<Value>(value).is_ok_and(|parsed| parsed == *other),
        });
        if !fits {
            let listed: Vec<String> = allowed
                .iter()
                .filter(|a| !a.is_null())
                .map(|a| a.as_str().map_or_else(|| a.to_string(), str::to_owned))
                .collect();
            return Err(format!("'{value}' is not one of {}", listed.join(", ")));
        }
        return Ok(());
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("string"),
        _ => "string",
    };
    match ty {
        "integer" => {
            let n: i64 = value
                .parse()
                .map_err(|_| format!("'{value}' is not an integer"))?;
            if let Some(max) = schema.get("maximum").and_then(Value::as_i64) {
                if n > max {
                    return Err(format!("{n} is greater than the maximum of {max}"));
                }
            }
            Ok(())
        }
        "number" => value
            .parse::<f64>()
            .map(|_| ())
            .map_err(|_| format!("'{value}' is not a number")),
        "boolean" => match value {
            "true" | "false" => Ok(()),
            _ => Err(format!("'{value}' is not a boolean (true or false)")),
        },
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn param(schema: Value, explode: Option<bool>) -> Param {
        Param {
            name: "p".into(),
            location: Location::Query,
            required: true,
            schema,
            explode,
        }
    }

    #[test]
    fn params_are_checked_against_their_types() {
        let defs: Map<String, Value> =
            serde_json::from_value(json!({"Kind": {"enum": ["A", "B"]}})).unwrap();
        let limit = param(json!({"type": ["integer", "null"], "maximum": 250}), None);
        assert_eq!(check_param(&defs, &limit, &["10"]), Ok(()));
        assert_eq!(
            check_param(&defs, &limit, &["ten"]),
            Err("'ten' is not an integer".into())
        );
        assert_eq!(
            check_param(&defs, &limit, &["251"]),
            Err("251 is greater than the maximum of 250".into())
        );
        let flag = param(json!({"type": "boolean"}), None);
        assert!(check_param(&defs, &flag, &["yes"]).is_err());
        let kinds = param(
            json!({"type": "array", "items": {"$ref": "#/$defs/Kind"}}),
            Some(false),
        );
        assert_eq!(check_param(&defs, &kinds, &["A,B"]), Ok(()));
        assert_eq!(
            check_param(&defs, &kinds, &["A,C"]),
            Err("'C' is not one of A, B".into())
        );
    }

    #[test]
    fn multipart_field_names_are_read_from_the_parts() {
        let body = b"--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b\r\n--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nn\r\n--xyz--\r\n";
        assert_eq!(
            multipart_names("multipart/form-data; boundary=xyz", body).unwrap(),
            ["file", "name"]
        );
        assert!(multipart_names("multipart/form-data", body).is_err());
    }
}
