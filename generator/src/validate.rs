//! The last stage before codegen: checks that the IR can only produce code
//! that compiles. Every emitted namespace is free of clashes (types, model
//! modules, groups, methods, builders, setters, fields, variants, features),
//! every name is an identifier, every referenced type exists, and no type
//! contains itself by value. Problems name the spec location that caused
//! them; regen fails on any, so it never writes code that does not build.

use crate::error::{GenError, Problem, Result};
use crate::ir::walk::{named_in, reaches, types_in_def, types_in_operation};
use crate::ir::*;
use crate::naming::{is_feature_name, is_identifier, unraw, version_module, ALL_FEATURE};
use std::collections::BTreeMap;

/// Names a builder already uses for its own methods and fields.
const BUILDER_RESERVED: &[&str] = &["send", "into_request", "paginate", "body", "file_part", "text_part", "sailpoint_client", "request_body", "parts"];
/// Names the version's `Client` already uses.
const CLIENT_RESERVED: &[&str] = &["new", "runtime", "inner"];

pub fn check(api: &Api) -> Result<()> {
    let mut problems = Problems::default();
    problems.identifier(&api.version, "the version's module name", &version_module(&api.version), false);
    types(api, &mut problems);
    references(api, &mut problems);
    sizes(api, &mut problems);
    groups(api, &mut problems);
    operations(api, &mut problems);
    problems.into_result()
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, location: &str, message: String) {
        self.0.push(Problem {
            location: location.to_owned(),
            message,
        });
    }

    /// `name` must be an identifier; `raw`: `r#keyword` is allowed.
    fn identifier(&mut self, location: &str, what: &str, name: &str, raw: bool) {
        if !is_identifier(name) || (!raw && name.starts_with("r#")) {
            self.push(location, format!("{what} `{name}` is not a Rust identifier"));
        }
    }

    /// Every name in `names` (with the location that produced it) is unique.
    fn unique<'a>(&mut self, namespace: &str, names: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (name, location) in names {
            let key = unraw(name);
            if let Some(first) = seen.insert(key, location) {
                if first != location {
                    self.push(location, format!("{namespace}: `{key}` is also emitted for {first}"));
                } else {
                    self.push(location, format!("{namespace}: `{key}` is emitted twice"));
                }
            }
        }
    }

    fn into_result(mut self) -> Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        self.0.sort();
        self.0.dedup();
        Err(GenError::Validation { problems: self.0 })
    }
}

fn types(api: &Api, problems: &mut Problems) {
    problems.unique("type names in `models`", api.types.iter().map(|d| (d.name.as_str(), d.source.as_str())));
    for def in &api.types {
        problems.identifier(&def.source, "type name", &def.name, false);
        match &def.kind {
            TypeKind::Struct(s) => {
                let extra = s.additional.as_ref().map(|_| ("additional_properties", def.source.as_str()));
                problems.unique(&format!("fields of `{}`", def.name), s.fields.iter().map(|f| (f.rust_name.as_str(), def.source.as_str())).chain(extra));
                for f in &s.fields {
                    problems.identifier(&def.source, "field name", &f.rust_name, true);
                }
            }
            TypeKind::Enum(e) => {
                let unknown = std::iter::once(("Unknown", def.source.as_str()));
                problems.unique(&format!("variants of `{}`", def.name), e.variants.iter().map(|v| (v.rust_name.as_str(), def.source.as_str())).chain(unknown));
                for v in &e.variants {
                    problems.identifier(&def.source, "variant name", &v.rust_name, false);
                }
            }
            TypeKind::Union(u) => {
                let unknown = std::iter::once(("Unknown", def.source.as_str()));
                problems.unique(&format!("variants of `{}`", def.name), u.variants.iter().map(|v| (v.rust_name.as_str(), def.source.as_str())).chain(unknown));
                for v in &u.variants {
                    problems.identifier(&def.source, "variant name", &v.rust_name, false);
                }
            }
            TypeKind::Alias { .. } => {}
        }
    }
    let module_source = |m: &ModelModule| m.types.first().map_or("", |id| api.types.get(id.0 as usize).map_or("", |d| d.source.as_str()));
    problems.unique("files of `models`", api.model_modules.iter().map(|m| (m.name.as_str(), module_source(m))));
    for m in &api.model_modules {
        problems.identifier(module_source(m), "model module", &m.name, false);
    }
}

fn references(api: &Api, problems: &mut Problems) {
    let count = api.types.len();
    let mut check = |location: &str, ty: &Ty| {
        let mut named = Vec::new();
        named_in(ty, &mut named);
        for id in named.into_iter().filter(|id| id.0 as usize >= count) {
            problems.push(location, format!("refers to type #{} that does not exist", id.0));
        }
    };
    for def in &api.types {
        types_in_def(&def.kind, &mut |ty| check(&def.source, ty));
    }
    for op in &api.operations {
        types_in_operation(op, &mut |ty| check(&op.source, ty));
    }
}

/// A type that contains itself by value (not through `Box`, `Vec` or a
/// map) has infinite size; an alias that names itself at any depth is a
/// cycle the compiler rejects too.
fn sizes(api: &Api, problems: &mut Problems) {
    let count = api.types.len();
    let by_value = |ty: &Ty| match ty.non_null() {
        Ty::Named(id) if (id.0 as usize) < count => Some(*id),
        _ => None,
    };
    let edges: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().filter(|f| !f.boxed).filter_map(|f| by_value(&f.ty)).collect(),
            TypeKind::Union(u) => u.variants.iter().filter_map(|v| by_value(&v.ty)).collect(),
            TypeKind::Alias { target } => {
                let mut named = Vec::new();
                named_in(target, &mut named);
                named.retain(|id| (id.0 as usize) < count && matches!(api.type_def(*id).kind, TypeKind::Alias { .. }));
                named.extend(by_value(target));
                named
            }
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    for def in &api.types {
        if edges[def.id.0 as usize].iter().any(|next| reaches(&edges, *next, def.id)) {
            problems.push(&def.source, format!("`{}` contains itself by value (infinite size)", def.name));
        }
    }
}


fn groups(api: &Api, problems: &mut Problems) {
    let first_source = |g: &ApiGroup| g.operations.first().map_or("", |&i| api.operations[i].source.as_str());
    let reserved = CLIENT_RESERVED.iter().map(|name| (*name, "the version's `Client`"));
    problems.unique("`Client` accessors", reserved.chain(api.groups.iter().map(|g| (g.accessor.as_str(), first_source(g)))));
    problems.unique("files of `apis`", api.groups.iter().map(|g| (g.module.as_str(), first_source(g))));
    problems.unique("cargo features", std::iter::once((ALL_FEATURE, "the `all` feature")).chain(api.groups.iter().map(|g| (g.feature.as_str(), first_source(g)))));
    for g in &api.groups {
        let at = first_source(g);
        problems.identifier(at, "group accessor", &g.accessor, true);
        problems.identifier(at, "group module", &g.module, false);
        problems.identifier(at, "group type", &g.type_name, false);
        if !is_feature_name(&g.feature) || g.feature == "default" {
            problems.push(at, format!("cargo feature `{}` is not a valid feature name", g.feature));
        }
        let ops: Vec<&Operation> = api.group_operations(g).collect();
        problems.unique(&format!("methods of `{}`", g.type_name), std::iter::once(("new", "the group's constructor")).chain(ops.iter().map(|op| (op.names.method.as_str(), op.source.as_str()))));
        let types = std::iter::once((g.type_name.as_str(), at))
            .chain(ops.iter().map(|op| (op.names.builder.as_str(), op.source.as_str())))
            .chain(ops.iter().map(|op| (op.names.response_enum.as_str(), op.source.as_str())));
        problems.unique(&format!("types of `apis::{}`", g.module), types);
    }
    let grouped: usize = api.groups.iter().map(|g| g.operations.len()).sum();
    if grouped != api.operations.len() {
        problems.push(&api.version, format!("{} operations are in no API group", api.operations.len() - grouped));
    }
}

fn operations(api: &Api, problems: &mut Problems) {
    for op in &api.operations {
        let at = op.source.as_str();
        problems.identifier(at, "method name", &op.names.method, true);
        problems.identifier(at, "builder name", &op.names.builder, false);
        problems.identifier(at, "response enum name", &op.names.response_enum, false);
        let reserved = BUILDER_RESERVED.iter().map(|name| (*name, "the request builder"));
        problems.unique(&format!("setters and fields of `{}`", op.names.builder), reserved.chain(op.params.iter().map(|p| (p.rust_name.as_str(), at))));
        for p in &op.params {
            problems.identifier(at, "parameter name", &p.rust_name, true);
        }
        let placeholders: Vec<&str> = op.path.placeholders().collect();
        for placeholder in &placeholders {
            if !op.params.iter().any(|p| p.location == ParamLocation::Path && p.name == *placeholder) {
                problems.push(at, format!("placeholder `{{{placeholder}}}` has no path parameter"));
            }
        }
    }
}
