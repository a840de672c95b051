//! The public API surface of a version as sorted, self-describing lines:
//! one line per operation, parameter, body, response, type, field and enum
//! value, each starting with the item it belongs to. Sorting whole lines
//! keeps churn minimal (a new path or schema only adds its own lines) and
//! makes the changelog a set comparison.

use crate::ir::*;
use crate::naming::unraw;

pub fn render(api: &Api) -> String {
    let mut lines: Vec<String> = Vec::new();
    for group in &api.groups {
        for op in api.group_operations(group) {
            operation_lines(api, group, op, &mut lines);
        }
    }
    type_lines(api, &mut lines);
    lines.sort();
    lines.dedup();
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn operation_lines(api: &Api, group: &ApiGroup, op: &Operation, lines: &mut Vec<String>) {
    let key = format!("op {}.{}", unraw(&group.accessor), unraw(&op.names.method));
    let mut flags = String::new();
    if op.experimental {
        flags.push_str(" [experimental]");
    }
    if let Some(p) = &op.pagination {
        let style = match p {
            Pagination::Offset { .. } => "offset",
            Pagination::SearchAfter { .. } => "search-after",
            Pagination::Cursor { .. } => "cursor",
        };
        flags.push_str(&format!(" [paginated: {style}]"));
    }
    if op.deprecated {
        flags.push_str(" [deprecated]");
    }
    lines.push(format!("{key}: {} {}{flags}", op.method, op.path));
    for p in &op.params {
        let location = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        let optional = if p.required { "" } else { "?" };
        lines.push(format!("{key} param {location} {}: {}{optional}", p.name, ty(api, &p.ty)));
    }
    if let Some(body) = &op.body {
        for c in &body.contents {
            let required = if body.required { "" } else { "?" };
            lines.push(format!("{key} body {}: {}{required}", c.media_type, content_ty(api, c)));
        }
    }
    for r in op.responses.iter().filter(|r| r.status < 400) {
        if r.contents.is_empty() {
            lines.push(format!("{key} response {}: (empty)", r.status));
        }
        for c in &r.contents {
            lines.push(format!("{key} response {} {}: {}", r.status, c.media_type, content_ty(api, c)));
        }
    }
}

fn type_lines(api: &Api, lines: &mut Vec<String>) {
    for def in &api.types {
        let key = format!("type {}", def.name);
        let deprecated = if def.deprecated { " [deprecated]" } else { "" };
        match &def.kind {
            TypeKind::Struct(s) => {
                lines.push(format!("{key}: struct{deprecated}"));
                for f in &s.fields {
                    let required = if f.required { " (required)" } else { "" };
                    let field_ty = if f.required && !f.ty.is_nullable() { ty(api, &f.ty) } else { format!("Option<{}>", ty(api, f.ty.non_null())) };
                    lines.push(format!("{key} field {}: {field_ty}{required}", f.wire_name));
                }
                if let Some(extra) = &s.extra() {
                    lines.push(format!("{key} field *: {}", ty(api, extra)));
                }
            }
            TypeKind::Enum(e) => {
                lines.push(format!("{key}: enum{}{deprecated}", if e.integer { " (integer)" } else { "" }));
                for v in &e.variants {
                    lines.push(format!("{key} value {:?}", v.value));
                }
            }
            TypeKind::Union(u) => {
                lines.push(format!("{key}: union{deprecated}"));
                for v in &u.variants {
                    lines.push(format!("{key} variant {}: {}", v.rust_name, ty(api, &v.ty)));
                }
            }
            TypeKind::Alias { target } => lines.push(format!("{key}: alias {}{deprecated}", ty(api, target))),
        }
    }
}

fn content_ty(api: &Api, c: &Content) -> String {
    c.ty.as_ref().map_or_else(|| "bytes".to_owned(), |t| ty(api, t))
}

pub fn ty(api: &Api, t: &Ty) -> String {
    match t {
        Ty::Named(id) => api.type_def(*id).name.clone(),
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Number => "f64".into(),
        Ty::Boolean => "bool".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Binary => "bytes".into(),
        Ty::Any => "Value".into(),
        Ty::Array(inner) => format!("Vec<{}>", ty(api, inner)),
        Ty::Map(inner) => format!("Map<{}>", ty(api, inner)),
        Ty::Nullable(inner) => format!("Option<{}>", ty(api, inner)),
    }
}
