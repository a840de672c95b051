//! Union variants: names, and what the runtime needs to pick a variant for
//! a JSON value (the required and known properties of object variants).

use crate::ir::*;
use crate::naming;

/// An object's required and known property names.
type ObjectShape = (Vec<String>, Vec<String>);

pub fn name_variants(api: &mut Api) {
    let snapshot: Vec<(String, Option<ObjectShape>)> = api.types.iter().map(|def| (def.name.clone(), object_shape(api, def.id, 0))).collect();
    for def in &mut api.types {
        let TypeKind::Union(union) = &mut def.kind else { continue };
        let mut names: Vec<String> = union
            .variants
            .iter()
            .map(|v| variant_name(v.ty.non_null(), &snapshot))
            .collect();
        naming::dedupe(&mut names);
        for (variant, name) in union.variants.iter_mut().zip(names) {
            variant.rust_name = name;
            if let Ty::Named(id) = variant.ty.non_null() {
                if let (_, Some((required, known))) = &snapshot[id.0 as usize] {
                    variant.required = required.clone();
                    variant.known = known.clone();
                }
            }
        }
    }
}

/// The required and known properties of an object type. A union's are
/// none required and every member's known, so a nested union is only picked
/// for objects it can type (see `sailpoint_runtime::union::select`).
fn object_shape(api: &Api, id: TypeId, depth: usize) -> Option<ObjectShape> {
    match &api.type_def(id).kind {
        TypeKind::Struct(s) => Some((
            s.fields.iter().filter(|f| f.required).map(|f| f.wire_name.clone()).collect(),
            s.fields.iter().map(|f| f.wire_name.clone()).collect(),
        )),
        TypeKind::Union(u) if depth < 4 => {
            let mut known: Vec<String> = u
                .variants
                .iter()
                .filter_map(|v| match v.ty.non_null() {
                    Ty::Named(inner) => object_shape(api, *inner, depth + 1),
                    _ => None,
                })
                .flat_map(|(_, known)| known)
                .collect();
            known.sort();
            known.dedup();
            (!known.is_empty()).then_some((Vec::new(), known))
        }
        TypeKind::Alias { target: Ty::Named(inner) } if depth < 4 => object_shape(api, *inner, depth + 1),
        _ => None,
    }
}

fn variant_name(ty: &Ty, types: &[(String, Option<ObjectShape>)]) -> String {
    match ty {
        Ty::Named(id) => types[id.0 as usize].0.clone(),
        Ty::String => "String".into(),
        Ty::Integer => "Integer".into(),
        Ty::Number => "Number".into(),
        Ty::Boolean => "Boolean".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Binary => "Bytes".into(),
        Ty::Any => "Value".into(),
        Ty::Array(_) => "Array".into(),
        Ty::Map(_) => "Object".into(),
        Ty::Nullable(inner) => variant_name(inner, types),
    }
}
