//! Marks which types a request or a response can contain, so codegen can
//! decide derives by use, and which structs keep unknown fields.

use crate::ir::walk::{named_in, reachable};
use crate::ir::*;

pub fn mark(api: &mut Api) {
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for op in &api.operations {
        for p in &op.params {
            named_in(&p.ty, &mut request_roots);
        }
        for c in op.body.iter().flat_map(|b| &b.contents) {
            if let Some(ty) = &c.ty {
                named_in(ty, &mut request_roots);
            }
        }
        for r in &op.responses {
            for c in &r.contents {
                if let Some(ty) = &c.ty {
                    named_in(ty, &mut response_roots);
                }
            }
        }
    }
    let in_request = reachable(api, request_roots);
    let in_response = reachable(api, response_roots);
    for (def, (req, resp)) in api.types.iter_mut().zip(in_request.into_iter().zip(in_response)) {
        def.in_request = req;
        def.in_response = resp;
    }
    keep_unknown_fields(api);
}

/// A struct that is read, then sent back whole (the JSON body of a PUT or
/// POST, or inside one), keeps the fields the spec does not declare:
/// dropping them on decode would erase them on the server at the next PUT.
/// PATCH bodies are JSON Patch documents and send only what they name.
fn keep_unknown_fields(api: &mut Api) {
    let mut roots = Vec::new();
    for op in api.operations.iter().filter(|op| matches!(op.method, HttpMethod::Put | HttpMethod::Post)) {
        for c in op.body.iter().flat_map(|b| &b.contents).filter(|c| c.media_type == MediaType::Json) {
            if let Some(ty) = &c.ty {
                named_in(ty, &mut roots);
            }
        }
    }
    let written = reachable(api, roots);
    for (def, written) in api.types.iter_mut().zip(written) {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.keep_unknown = written && def.in_response && s.additional.is_none();
        }
    }
}

