//! Union variants: names, and what the runtime needs to pick a variant for
//! a JSON value (the required and known properties of object variants).

use crate::ir::*;
use crate::naming;

/// An object's required and known property names.
type ObjectShape = (Vec<String>, Vec<String>);

pub fn name_variants(api: &mut Api) {
    let snapshot: Vec<(String, Option<ObjectShape>)> = api
        .types
        .iter()
        .map(|def| {
            let shape = match &def.kind {
                TypeKind::Struct(s) => Some((
                    s.fields.iter().filter(|f| f.required).map(|f| f.wire_name.clone()).collect(),
                    s.fields.iter().map(|f| f.wire_name.clone()).collect(),
                )),
                _ => None,
            };
            (def.name.clone(), shape)
        })
        .collect();
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
