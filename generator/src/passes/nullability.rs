//! A schema that is `nullable` at its root makes every use of it nullable.
//! Conversion cannot do this on the spot: a use may be converted before
//! the schema it names.

use crate::ir::walk::{apply_nested_mut, types_in_def_mut, types_in_operation_mut};
use crate::ir::{Api, Ty};

pub fn propagate(api: &mut Api) {
    let nullable: Vec<bool> = api.types.iter().map(|def| def.nullable).collect();
    let mut fix = |ty: &mut Ty| {
        apply_nested_mut(ty, &mut |t: &mut Ty| {
            if let Ty::Named(id) = t {
                if nullable[id.0 as usize] {
                    *t = t.clone().nullable();
                }
            }
        })
    };
    for def in &mut api.types {
        types_in_def_mut(&mut def.kind, &mut fix);
    }
    for op in &mut api.operations {
        types_in_operation_mut(op, &mut fix);
    }
    // `Nullable(Nullable(T))` can arise when a use was already marked.
    let mut flatten = |ty: &mut Ty| {
        apply_nested_mut(ty, &mut |t: &mut Ty| {
            if let Ty::Nullable(inner) = t {
                if let Ty::Nullable(innermost) = &**inner {
                    *t = Ty::Nullable(innermost.clone());
                }
            }
        })
    };
    for def in &mut api.types {
        types_in_def_mut(&mut def.kind, &mut flatten);
    }
    for op in &mut api.operations {
        types_in_operation_mut(op, &mut flatten);
    }
}
