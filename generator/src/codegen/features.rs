//! Additive per-tag cargo features. Each API group (tag) is a feature;
//! `all` (the default) enables every one. A group's feature compiles its
//! operations and exactly the model modules they reach, so a user of three
//! groups does not compile the other hundred and thirty.
//!
//! Models are gated per module file. A module is enabled by any feature
//! whose operations reach one of its types, and, to a fixed point, by any
//! feature that enables a module referring to it: a module never compiles
//! without the modules its types name.

use crate::ir::*;
use crate::passes::usage::closure;
use crate::passes::walk::{named_in, types_in_def, types_in_operation};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The feature that enables everything, and is the default.
pub const ALL: &str = "all";

/// The cargo feature of a tag: its API group, in kebab case.
pub fn feature_name(tag: &str) -> String {
    let name = crate::surface::group_name(tag).replace('_', "-");
    // `default` and `all` mean something else to cargo and to us.
    if name == "default" || name == ALL {
        format!("{name}-api")
    } else {
        name
    }
}

/// Every tag feature of `api`, sorted.
pub fn tag_features(api: &Api) -> Vec<String> {
    let features: BTreeSet<String> = api.operations.iter().map(|op| feature_name(&op.tag)).collect();
    features.into_iter().collect()
}

/// The features that enable each model module (empty: only `all`).
pub fn module_features(api: &Api, modules: &BTreeMap<String, Vec<TypeId>>) -> BTreeMap<String, BTreeSet<String>> {
    let module_of: BTreeMap<TypeId, &str> = modules.iter().flat_map(|(m, ids)| ids.iter().map(move |id| (*id, m.as_str()))).collect();
    let mut enabled: BTreeMap<String, BTreeSet<String>> = modules.keys().map(|m| (m.clone(), BTreeSet::new())).collect();

    let mut roots_by_feature: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    for op in &api.operations {
        let roots = roots_by_feature.entry(feature_name(&op.tag)).or_default();
        types_in_operation(op, &mut |ty| named_in(ty, roots));
    }
    for (feature, roots) in roots_by_feature {
        for (index, reached) in closure(api, roots).into_iter().enumerate() {
            if reached {
                let module = module_of[&TypeId(index as u32)];
                enabled.get_mut(module).expect("every type has a module").insert(feature.clone());
            }
        }
    }

    // Module → modules its types name (other than itself).
    let mut refers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (module, ids) in modules {
        let mut named = Vec::new();
        for id in ids {
            types_in_def(&api.type_def(*id).kind, &mut |ty| named_in(ty, &mut named));
        }
        refers.insert(module, named.iter().map(|id| module_of[id]).filter(|m| m != module).collect());
    }
    loop {
        let mut changed = false;
        for (module, targets) in &refers {
            let features = enabled[*module].clone();
            for target in targets {
                let entry = enabled.get_mut(*target).expect("referenced modules exist");
                let before = entry.len();
                entry.extend(features.iter().cloned());
                changed |= entry.len() != before;
            }
        }
        if !changed {
            return enabled;
        }
    }
}

/// `#[cfg(...)]` for an item enabled by `features` (or by `all` alone).
pub fn cfg(features: &BTreeSet<String>) -> TokenStream {
    match features.len() {
        0 => quote!(#[cfg(feature = #ALL)]),
        1 => {
            let feature = features.iter().next();
            quote!(#[cfg(feature = #feature)])
        }
        _ => {
            let features = features.iter();
            quote!(#[cfg(any(#(feature = #features),*))])
        }
    }
}

/// `#[cfg(feature = "...")]` for a tag's API group.
pub fn tag_cfg(tag: &str) -> TokenStream {
    let feature = feature_name(tag);
    quote!(#[cfg(feature = #feature)])
}
