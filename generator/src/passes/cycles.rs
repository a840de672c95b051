//! Boxes struct fields that would make a type contain itself by value.
//! `Vec` and maps already allocate, so only direct and `Option` edges count.

use crate::ir::walk::{apply_nested_mut, named_in, reaches};
use crate::ir::*;

pub fn box_recursive_fields(api: &mut Api) {
    let direct: Vec<Vec<TypeId>> = api.types.iter().map(|def| direct_edges(&def.kind)).collect();
    for index in 0..api.types.len() {
        let TypeKind::Struct(s) = &api.types[index].kind else { continue };
        let boxed: Vec<bool> = s
            .fields
            .iter()
            .map(|f| match f.ty.non_null() {
                Ty::Named(target) => reaches(&direct, *target, TypeId(index as u32)),
                _ => false,
            })
            .collect();
        if let TypeKind::Struct(s) = &mut api.types[index].kind {
            for (field, boxed) in s.fields.iter_mut().zip(boxed) {
                field.boxed = boxed;
            }
        }
    }
}

fn direct_edges(kind: &TypeKind) -> Vec<TypeId> {
    let by_value = |ty: &Ty| match ty.non_null() {
        Ty::Named(id) => Some(*id),
        _ => None,
    };
    match kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| by_value(&f.ty)).collect(),
        TypeKind::Union(u) => u.variants.iter().filter_map(|v| by_value(&v.ty)).collect(),
        TypeKind::Alias { target } => by_value(target).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}


/// A type alias cannot refer to itself, even through `Vec` or a map
/// (`type X = Vec<X>` does not compile). An alias that reaches itself
/// through aliases alone has its innermost self-reference replaced by any
/// JSON value, with a diagnostic; nominal types (structs, enums, unions)
/// break such cycles by themselves.
pub fn break_alias_cycles(api: &mut Api) {
    let alias_edges: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Alias { target } => {
                let mut named = Vec::new();
                named_in(target, &mut named);
                named.retain(|id| matches!(api.type_def(*id).kind, TypeKind::Alias { .. }));
                named
            }
            _ => Vec::new(),
        })
        .collect();
    for index in 0..api.types.len() {
        let id = TypeId(index as u32);
        let TypeKind::Alias { target } = &api.types[index].kind else { continue };
        let mut recursive = Vec::new();
        named_in(target, &mut recursive);
        recursive.retain(|next| alias_edges[index].contains(next) && reaches(&alias_edges, *next, id));
        if recursive.is_empty() {
            continue;
        }
        let names: Vec<String> = recursive.iter().map(|r| api.type_def(*r).name.clone()).collect();
        if let TypeKind::Alias { target } = &mut api.types[index].kind {
            apply_nested_mut(target, &mut |ty: &mut Ty| {
                if matches!(ty, Ty::Named(r) if recursive.contains(r)) {
                    *ty = Ty::Any;
                }
            });
        }
        let location = api.types[index].source.clone();
        api.diagnostics.push(Diagnostic {
            location,
            kind: DiagnosticKind::RecursiveAlias,
            fallback: format!("the reference to `{}` is any JSON value", names.join("`, `")),
        });
        // Later aliases see the edge as gone.
        return break_alias_cycles(api);
    }
}
