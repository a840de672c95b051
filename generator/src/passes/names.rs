//! Decides every name codegen emits, in one place: API groups (accessor,
//! module, feature, struct), each operation's method, builder and response
//! enum, and the files of the `models` module. Type and field names come
//! from conversion (`convert::names`); the validate stage then checks that
//! every namespace is free of clashes.

use crate::ir::*;
use crate::naming;
use crate::settings::GroupStyle;
use std::collections::BTreeMap;

pub fn assign(api: &mut Api, style: GroupStyle) {
    for op in &mut api.operations {
        op.names = OperationNames {
            method: naming::snake_ident(&op.name_base),
            builder: naming::builder_name(&op.name_base),
            response_enum: naming::response_enum_name(&op.name_base),
        };
    }
    api.groups = groups(api, style);
    api.model_modules = model_modules(api);
}

/// What names an operation's group: its tag, or its resource and version.
fn group_key(op: &Operation, style: GroupStyle) -> String {
    match style {
        GroupStyle::Tag => op.tag.clone(),
        GroupStyle::ResourceVersion => {
            // `apis/accounts/paths/…` → `accounts`; the version is the
            // path's first `v<N>` segment (`/identities/accounts/v1/…`).
            let resource = op.source.split('/').nth(1).filter(|_| op.source.starts_with("apis/")).unwrap_or(op.tag.as_str());
            match op.path.version() {
                Some(version) => format!("{resource} {version}"),
                None => resource.to_owned(),
            }
        }
    }
}

/// Operations by group key; both sorted, so module contents do not depend on path order.
fn groups(api: &mut Api, style: GroupStyle) -> Vec<ApiGroup> {
    let mut by_tag: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, op) in api.operations.iter().enumerate() {
        by_tag.entry(group_key(op, style)).or_default().push(i);
    }
    let tags: Vec<&str> = by_tag.keys().map(String::as_str).collect();
    let (names, renamed) = naming::group_names(&tags);
    let mut diagnostics = Vec::new();
    let mut groups = Vec::new();
    for ((tag, mut operations), names) in by_tag.into_iter().zip(names) {
        operations.sort_by(|&a, &b| api.operations[a].names.method.cmp(&api.operations[b].names.method));
        if renamed.contains(&groups.len()) {
            diagnostics.push(Diagnostic {
                location: api.operations[operations[0]].source.clone(),
                kind: DiagnosticKind::DuplicateGroupName,
                fallback: format!("tag `{tag}` is the group `{}`", names.accessor),
            });
        }
        let deprecated = operations.iter().all(|&i| api.operations[i].deprecated);
        groups.push(ApiGroup {
            deprecated,
            tag: tag.clone(),
            accessor: names.accessor,
            module: names.module,
            feature: names.feature,
            type_name: names.type_name,
            operations,
        });
    }
    api.diagnostics.extend(diagnostics);
    groups
}

/// Module name → the types it holds, in a stable order. An inline type
/// lives with the outermost type defined in the same file above it.
fn model_modules(api: &Api) -> Vec<ModelModule> {
    let split = |def: &TypeDef| -> (String, String) {
        let (file, pointer) = def.source.split_once('#').unwrap_or((&def.source, ""));
        (file.to_owned(), pointer.to_owned())
    };
    let mut by_file: BTreeMap<String, Vec<(String, TypeId)>> = BTreeMap::new();
    for def in &api.types {
        let (file, pointer) = split(def);
        by_file.entry(file).or_default().push((pointer, def.id));
    }
    let mut owner_of: BTreeMap<TypeId, TypeId> = BTreeMap::new();
    for entries in by_file.values() {
        for (pointer, id) in entries {
            let owner = entries
                .iter()
                .filter(|(p, _)| p.is_empty() || *p == *pointer || pointer.starts_with(&format!("{p}/")))
                .min_by_key(|(p, _)| p.len())
                .map_or(*id, |(_, owner)| *owner);
            owner_of.insert(*id, owner);
        }
    }
    let mut owners: Vec<TypeId> = owner_of.values().copied().collect();
    owners.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
    owners.dedup();
    let mut module_names: Vec<String> = owners.iter().map(|o| naming::module_name(&api.type_def(*o).name)).collect();
    naming::dedupe_snake(&mut module_names);
    let module_of: BTreeMap<TypeId, String> = owners.into_iter().zip(module_names).collect();
    let mut modules: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    let mut ids: Vec<TypeId> = api.types.iter().map(|d| d.id).collect();
    ids.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
    for id in ids {
        modules.entry(module_of[&owner_of[&id]].clone()).or_default().push(id);
    }
    modules
        .into_iter()
        .map(|(name, mut types)| {
            // The owner first, then its inline types by name.
            if let Some(pos) = types.iter().position(|t| owner_of[t] == *t) {
                let owner = types.remove(pos);
                types.insert(0, owner);
            }
            ModelModule { name, types }
        })
        .collect()
}
