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
use crate::ir::walk::{named_in, reachable, types_in_def, types_in_operation};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The feature that enables everything, and is the default.
pub const ALL: &str = crate::naming::ALL_FEATURE;

/// Every group feature of `api`, sorted.
pub fn group_features(api: &Api) -> Vec<String> {
    let features: BTreeSet<String> = api.groups.iter().map(|g| g.feature.clone()).collect();
    features.into_iter().collect()
}

/// The features that enable each model module (empty: only `all`).
pub fn module_features(api: &Api) -> BTreeMap<String, BTreeSet<String>> {
    let module_of: BTreeMap<TypeId, &str> = api.model_modules.iter().flat_map(|m| m.types.iter().map(move |id| (*id, m.name.as_str()))).collect();
    let mut enabled: BTreeMap<String, BTreeSet<String>> = api.model_modules.iter().map(|m| (m.name.clone(), BTreeSet::new())).collect();

    for group in &api.groups {
        let mut roots = Vec::new();
        for op in api.group_operations(group) {
            types_in_operation(op, &mut |ty| named_in(ty, &mut roots));
        }
        for (index, reached) in reachable(api, roots).into_iter().enumerate() {
            if reached {
                let module = module_of[&TypeId(index as u32)];
                enabled.get_mut(module).expect("every type has a module").insert(group.feature.clone());
            }
        }
    }

    // Module → modules its types name (other than itself).
    let mut refers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for ModelModule { name: module, types: ids } in &api.model_modules {
        let module = module.as_str();
        let mut named = Vec::new();
        for id in ids {
            types_in_def(&api.type_def(*id).kind, &mut |ty| named_in(ty, &mut named));
        }
        refers.insert(module, named.iter().map(|id| module_of[id]).filter(|m| *m != module).collect());
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

/// The predicate of `#[cfg(...)]` for an item enabled by `features` (or
/// by `all` alone).
fn predicate(features: &BTreeSet<String>) -> TokenStream {
    match features.len() {
        0 => quote!(feature = #ALL),
        1 => {
            let feature = features.iter().next();
            quote!(feature = #feature)
        }
        _ => {
            let features = features.iter();
            quote!(any(#(feature = #features),*))
        }
    }
}

/// `#[cfg(...)]` for an item enabled by `features` (or by `all` alone).
pub fn cfg(features: &BTreeSet<String>) -> TokenStream {
    let predicate = predicate(features);
    quote!(#[cfg(#predicate)])
}

/// [`cfg()`] plus the docs.rs label that names the features
/// (`#[cfg_attr(docsrs, doc(cfg(...)))]`), for a public item.
pub fn labelled_cfg(features: &BTreeSet<String>) -> TokenStream {
    let predicate = predicate(features);
    quote!(#[cfg(#predicate)] #[cfg_attr(docsrs, doc(cfg(#predicate)))])
}

/// `#[cfg(feature = "...")]` and its docs.rs label, for an API group's
/// public items.
pub fn group_cfg(group: &ApiGroup) -> TokenStream {
    labelled_cfg(&BTreeSet::from([group.feature.clone()]))
}

/// The sentence of a group's docs that names its feature.
pub fn group_sentence(group: &ApiGroup) -> String {
    format!("Compiled with the `{}` cargo feature (on by default, through `{ALL}`).", group.feature)
}
