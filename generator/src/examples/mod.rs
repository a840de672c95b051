//! The examples a spec attaches to 2xx responses, JSON request bodies and
//! named schemas, each paired with the IR type it must decode into.
//!
//! This is the input of the example conformance suite: regen writes a decode
//! table for the types found here (`generated/sailpoint-conformance`), and
//! `tests/tests/conformance.rs` collects the same examples, decodes each
//! through that table and checks the re-encoded JSON with [`compare`].

pub mod compare;
#[cfg(test)]
mod tests;

use crate::error::Result;
use crate::ir::{Api, Content, Ty};
use crate::load::SpecSet;
use crate::pointer::Loc;
use serde_json::Value;
use std::collections::HashSet;
use std::fmt;

/// Where in an operation or schema an example sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExampleKind {
    /// A 2xx response body.
    Response,
    /// A request body.
    Request,
    /// The `example` at the root of a named schema.
    Schema,
}

impl fmt::Display for ExampleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExampleKind::Response => "response",
            ExampleKind::Request => "request",
            ExampleKind::Schema => "schema",
        })
    }
}

#[derive(Debug, Clone)]
pub struct Example {
    pub kind: ExampleKind,
    /// Where the value is written, after following `$ref`s: the key of the
    /// conformance allowlist. Shared examples are collected once.
    pub location: String,
    /// Who uses it, for messages: `getAccount 200 application/json`.
    pub used_by: String,
    pub ty: Ty,
    pub value: Value,
}

/// Every typed example of `api`'s spec, in a stable order. Media types
/// that are not JSON, and JSON without a schema (decoded as
/// `serde_json::Value`, which cannot fail), are left out.
pub fn collect(spec: &SpecSet, api: &Api) -> Result<Vec<Example>> {
    let mut collector = Collector {
        spec,
        seen: HashSet::new(),
        out: Vec::new(),
    };
    for op in &api.operations {
        let Some(op_loc) = Loc::parse(&op.source) else { continue };
        let Some(node) = spec.get(&op_loc) else { continue };
        for response in op.responses.iter().filter(|r| (200..300).contains(&r.status)) {
            let at = op_loc.child("responses").child(response.status);
            let Some(raw) = node["responses"].get(response.status.to_string()) else { continue };
            let (at, holder) = spec.deref(&at, raw)?;
            let used_by = format!("{} {}", op.operation_id, response.status);
            collector.contents(ExampleKind::Response, &used_by, &at, holder, &response.contents)?;
        }
        if let (Some(body), Some(raw)) = (&op.body, node.get("requestBody")) {
            let (at, holder) = spec.deref(&op_loc.child("requestBody"), raw)?;
            collector.contents(ExampleKind::Request, &format!("{} request", op.operation_id), &at, holder, &body.contents)?;
        }
    }
    for def in api.types.iter().filter(|t| !t.inline) {
        let Some(at) = Loc::parse(&def.source) else { continue };
        let Some(schema) = spec.get(&at) else { continue };
        if let Some(value) = schema.get("example") {
            collector.push(ExampleKind::Schema, def.name.clone(), at.child("example"), Ty::Named(def.id), value);
        }
    }
    Ok(collector.out)
}

struct Collector<'a> {
    spec: &'a SpecSet,
    seen: HashSet<(String, Ty)>,
    out: Vec<Example>,
}

impl Collector<'_> {
    /// The examples of each JSON media type under `holder["content"]`.
    fn contents(&mut self, kind: ExampleKind, used_by: &str, at: &Loc, holder: &Value, contents: &[Content]) -> Result<()> {
        for content in contents.iter().filter(|c| c.media_type.is_json()) {
            let Some(ty) = &content.ty else { continue };
            let media_type = content.media_type.as_str();
            let media_loc = at.child("content").child(media_type);
            let Some(media) = holder["content"].get(media_type) else { continue };
            let used_by = format!("{used_by} {}", content.media_type);
            if let Some(value) = media.get("example") {
                self.push(kind, used_by.clone(), media_loc.child("example"), ty.clone(), value);
            }
            for (name, example) in media["examples"].as_object().into_iter().flatten() {
                let (example_loc, example) = self.spec.deref(&media_loc.child("examples").child(name), example)?;
                // An Example Object holds `value` (or an `externalValue` URL,
                // which the specs never use and we do not fetch).
                if let Some(value) = example.get("value") {
                    self.push(kind, used_by.clone(), example_loc.child("value"), ty.clone(), value);
                }
            }
        }
        Ok(())
    }

    fn push(&mut self, kind: ExampleKind, used_by: String, at: Loc, ty: Ty, value: &Value) {
        let location = at.to_string();
        if self.seen.insert((location.clone(), ty.clone())) {
            self.out.push(Example {
                kind,
                location,
                used_by,
                ty,
                value: value.clone(),
            });
        }
    }
}

