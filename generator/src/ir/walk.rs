//! Visiting every `Ty` in the API, and what a set of types reaches.

use crate::ir::*;

pub fn types_in_def_mut(kind: &mut TypeKind, f: &mut impl FnMut(&mut Ty)) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter_mut().for_each(|field| f(&mut field.ty));
            if let Some(extra) = &mut s.additional {
                f(extra);
            }
        }
        TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| f(&mut v.ty)),
        TypeKind::Alias { target } => f(target),
        TypeKind::Enum(_) => {}
    }
}

pub fn types_in_def(kind: &TypeKind, f: &mut impl FnMut(&Ty)) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|field| f(&field.ty));
            if let Some(extra) = &s.additional {
                f(extra);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| f(&v.ty)),
        TypeKind::Alias { target } => f(target),
        TypeKind::Enum(_) => {}
    }
}

pub fn types_in_operation_mut(op: &mut Operation, f: &mut impl FnMut(&mut Ty)) {
    op.params.iter_mut().for_each(|p| f(&mut p.ty));
    if let Some(body) = &mut op.body {
        body.contents.iter_mut().filter_map(|c| c.ty.as_mut()).for_each(&mut *f);
    }
    for response in &mut op.responses {
        response.contents.iter_mut().filter_map(|c| c.ty.as_mut()).for_each(&mut *f);
        response.headers.iter_mut().for_each(|h| f(&mut h.ty));
    }
}

pub fn types_in_operation(op: &Operation, f: &mut impl FnMut(&Ty)) {
    op.params.iter().for_each(|p| f(&p.ty));
    if let Some(body) = &op.body {
        body.contents.iter().filter_map(|c| c.ty.as_ref()).for_each(&mut *f);
    }
    for response in &op.responses {
        response.contents.iter().filter_map(|c| c.ty.as_ref()).for_each(&mut *f);
        response.headers.iter().for_each(|h| f(&h.ty));
    }
}

/// Every named type a `Ty` mentions, at any depth.
pub fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => named_in(inner, out),
        _ => {}
    }
}

pub fn apply_nested_mut(ty: &mut Ty, f: &mut impl FnMut(&mut Ty)) {
    match ty {
        Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => apply_nested_mut(inner, f),
        _ => {}
    }
    f(ty);
}

/// Which types are reachable from `roots`, by type id.
pub fn reachable(api: &Api, roots: Vec<TypeId>) -> Vec<bool> {
    let mut seen = vec![false; api.types.len()];
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut seen[id.0 as usize], true) {
            continue;
        }
        types_in_def(&api.type_def(id).kind, &mut |ty| named_in(ty, &mut stack));
    }
    seen
}

/// Whether `to` is reachable from `from` along `edges` (edges by type id).
pub fn reaches(edges: &[Vec<TypeId>], from: TypeId, to: TypeId) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if !std::mem::replace(&mut seen[id.0 as usize], true) {
            stack.extend(edges[id.0 as usize].iter().copied());
        }
    }
    false
}
