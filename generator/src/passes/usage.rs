//! Marks which types a request or a response can contain, so codegen can
//! decide derives by use.

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
}

