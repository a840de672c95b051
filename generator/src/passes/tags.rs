//! Infers tags for unions whose spec declares no discriminator but whose
//! variants are told apart by an enum field:
//!
//! * internal: every variant has the same field typed by the same enum
//!   (`SearchDocuments` members all have `_type: DocumentType`);
//! * adjacent: a struct holds the union beside an enum field
//!   (`Transform.attributes` is chosen by `Transform.type`).
//!
//! An enum value selects the variant whose type name it spells, ignoring
//! case and punctuation, exactly or as a prefix (`concat` →
//! `Concatenation`, `event` → `EventDocuments`). Values that match no
//! variant are reported as diagnostics and decode by shape.

use crate::ir::*;

pub fn infer(api: &mut Api) {
    for index in 0..api.types.len() {
        infer_internal(api, index);
    }
    for index in 0..api.types.len() {
        infer_adjacent(api, index);
    }
}

fn normalise(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// For each enum value, the variant it names, or `None`.
fn match_values(values: &[String], variant_names: &[String]) -> Vec<Option<usize>> {
    let names: Vec<String> = variant_names.iter().map(|n| normalise(n)).collect();
    values
        .iter()
        .map(|value| {
            let v = normalise(value);
            if v.is_empty() {
                return None;
            }
            if let Some(i) = names.iter().position(|n| *n == v) {
                return Some(i);
            }
            // `concat` → `Concatenation`; among several, the shortest
            // (`identities` → `IdentitiesReportArguments`, not
            // `IdentitiesDetailsReportArguments`).
            let prefixed: Vec<usize> = (0..names.len()).filter(|&i| names[i].starts_with(&v)).collect();
            if let Some(i) = unique_shortest(&prefixed, &names) {
                return Some(i);
            }
            // A folder-qualified name: `identityAttribute` → `TransformsIdentityAttribute`.
            let suffixed: Vec<usize> = (0..names.len()).filter(|&i| names[i].ends_with(&v)).collect();
            unique_shortest(&suffixed, &names)
        })
        .collect()
}

fn unique_shortest(indices: &[usize], names: &[String]) -> Option<usize> {
    let shortest = indices.iter().map(|&i| names[i].len()).min()?;
    let mut at_shortest = indices.iter().filter(|&&i| names[i].len() == shortest);
    let first = *at_shortest.next()?;
    at_shortest.next().is_none().then_some(first)
}

fn enum_values(api: &Api, ty: &Ty) -> Option<Vec<String>> {
    match ty.non_null() {
        Ty::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(e) if !e.integer => Some(e.variants.iter().map(|v| v.value.clone()).collect()),
            _ => None,
        },
        _ => None,
    }
}

/// Applies a value→variant matching to a union if it is convincing: at
/// least two variants, and at least half of them, are named by a value.
fn apply(api: &mut Api, union_index: usize, values: &[String], location: &str) -> bool {
    let TypeKind::Union(union) = &api.types[union_index].kind else { return false };
    if union.variants.iter().any(|v| !v.tag_values.is_empty()) {
        // Tagged already, through another struct that holds the same union
        // (`TransformRead` is `Transform` plus fields): the same values apply
        // only if they are the same set.
        let mut tagged: Vec<&String> = union.variants.iter().flat_map(|v| &v.tag_values).collect();
        tagged.sort();
        return tagged.iter().all(|t| values.contains(t));
    }
    let names: Vec<String> = union.variants.iter().map(|v| v.rust_name.clone()).collect();
    let matches = match_values(values, &names);
    let mut matched: Vec<usize> = matches.iter().flatten().copied().collect();
    matched.sort();
    matched.dedup();
    if matched.len() < 2 || matched.len() * 2 < names.len() {
        return false;
    }
    let unmatched: Vec<String> = values.iter().zip(&matches).filter(|(_, m)| m.is_none()).map(|(v, _)| format!("`{v}`")).collect();
    if let TypeKind::Union(union) = &mut api.types[union_index].kind {
        for (value, m) in values.iter().zip(&matches) {
            if let Some(i) = m {
                union.variants[*i].tag_values.push(value.clone());
            }
        }
    }
    if !unmatched.is_empty() {
        api.diagnostics.push(Diagnostic {
            location: location.to_owned(),
            kind: DiagnosticKind::TagValuesNameNoVariant,
            fallback: format!("decoded by shape: {}", unmatched.join(", ")),
        });
    }
    true
}

fn struct_fields(api: &Api, id: TypeId) -> Option<&Vec<Field>> {
    match &api.type_def(id).kind {
        TypeKind::Struct(s) => Some(&s.fields),
        _ => None,
    }
}

fn infer_internal(api: &mut Api, index: usize) {
    let TypeKind::Union(union) = &api.types[index].kind else { return };
    if union.tag.is_some() || union.variants.len() < 2 {
        return;
    }
    let variant_fields: Option<Vec<&Vec<Field>>> = union
        .variants
        .iter()
        .map(|v| match v.ty.non_null() {
            Ty::Named(id) => struct_fields(api, *id),
            _ => None,
        })
        .collect();
    let Some(variant_fields) = variant_fields else { return };
    let mut candidates: Vec<(&str, Ty)> = variant_fields[0]
        .iter()
        .filter(|f| enum_values(api, &f.ty).is_some())
        .map(|f| (f.wire_name.as_str(), f.ty.non_null().clone()))
        .filter(|(name, ty)| variant_fields.iter().all(|fields| fields.iter().any(|f| f.wire_name == *name && f.ty.non_null() == ty)))
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(b.0));
    let Some((field, ty)) = candidates.first().map(|(n, t)| (n.to_string(), t.clone())) else { return };
    let values = enum_values(api, &ty).unwrap_or_default();
    let location = api.types[index].source.clone();
    if apply(api, index, &values, &location) {
        if let TypeKind::Union(union) = &mut api.types[index].kind {
            union.tag = Some(field);
        }
    }
}

fn infer_adjacent(api: &mut Api, index: usize) {
    let TypeKind::Struct(s) = &api.types[index].kind else { return };
    let mut found = Vec::new();
    for union_field in &s.fields {
        let Ty::Named(union_id) = union_field.ty.non_null() else { continue };
        let TypeKind::Union(union) = &api.type_def(*union_id).kind else { continue };
        if union.tag.is_some() {
            continue;
        }
        for tag_field in s.fields.iter().filter(|f| f.wire_name != union_field.wire_name) {
            if let Some(values) = enum_values(api, &tag_field.ty) {
                found.push((*union_id, union_field.rust_name.clone(), tag_field.rust_name.clone(), values));
                break;
            }
        }
    }
    let location = api.types[index].source.clone();
    for (union_id, union_field, tag_field, values) in found {
        if apply(api, union_id.0 as usize, &values, &location) {
            if let TypeKind::Union(union) = &mut api.types[union_id.0 as usize].kind {
                union.adjacent = true;
            }
            if let TypeKind::Struct(s) = &mut api.types[index].kind {
                s.adjacent_tags.push(AdjacentTag { union_field, tag_field });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_match_variant_names_exactly_or_by_prefix() {
        let names = strings(&["AccountAttribute", "Concatenation", "Replace", "ReplaceAll", "NameNormalizer", "UUIDGenerator", "TransformsIdentityAttribute"]);
        let values = strings(&["accountAttribute", "concat", "replace", "replaceAll", "normalizeNames", "uuid", "identityAttribute", ""]);
        assert_eq!(match_values(&values, &names), [Some(0), Some(1), Some(2), Some(3), None, Some(5), Some(6), None]);
        let names = strings(&["IdentitiesDetailsReportArguments", "IdentitiesReportArguments"]);
        assert_eq!(match_values(&strings(&["IDENTITIES", "IDENTITIES_DETAILS"]), &names), [Some(1), Some(0)]);
    }
}
