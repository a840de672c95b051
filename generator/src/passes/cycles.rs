//! Boxes struct fields that would make a type contain itself by value.
//! `Vec` and maps already allocate, so only direct and `Option` edges count.

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

fn reaches(edges: &[Vec<TypeId>], from: TypeId, to: TypeId) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if std::mem::replace(&mut seen[id.0 as usize], true) {
            continue;
        }
        stack.extend(edges[id.0 as usize].iter().copied());
    }
    false
}
