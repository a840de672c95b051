//! What an operation allows, read from its `filters` and `sorters`
//! parameter descriptions in the spec, which say it in Markdown:
//!
//! ```text
//! Filtering is supported for the following fields and operators:
//!
//! **id**: *eq, in*
//!
//! **owner.id**: *eq, in*
//!
//! **Supported composite operators**: *and*
//! ```
//!
//! and `Sorting is supported for the following fields: **name, created**`.
//! A field or operator these do not list gets ISC's 400.

use super::filter::{Composite, Expr, Op};
use std::collections::BTreeMap;

/// The fields and operators a `filters` description documents.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilterDoc {
    pub fields: BTreeMap<String, Vec<Op>>,
    /// `None` when the description does not restrict them.
    pub composites: Option<Vec<Composite>>,
}

impl FilterDoc {
    pub fn parse(description: &str) -> FilterDoc {
        let mut doc = FilterDoc::default();
        for line in description.lines() {
            let Some((names, rest)) = bold(line.trim()) else { continue };
            let words: Vec<&str> = rest.split(|c: char| c == ',' || c == '*' || c == ':' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
            if names.to_ascii_lowercase().contains("composite") {
                doc.composites = Some(words.iter().filter_map(|w| Composite::parse(w)).collect());
                continue;
            }
            let ops: Vec<Op> = words.iter().filter_map(|w| Op::parse(w)).collect();
            if ops.is_empty() {
                continue;
            }
            for name in names.split(',').map(|n| n.trim().trim_end_matches(':')) {
                // Field names are single tokens; "Possible Values" and
                // the like are prose.
                if !name.is_empty() && !name.contains(char::is_whitespace) {
                    doc.fields.entry(name.to_owned()).or_default().extend(ops.iter().copied());
                }
            }
        }
        doc
    }

    /// `Err(text)` for the first undocumented field, operator or composite.
    pub fn check(&self, expr: &Expr) -> Result<(), String> {
        for (field, op) in expr.comparisons() {
            let Some(ops) = self.fields.get(field) else {
                let known: Vec<&str> = self.fields.keys().map(String::as_str).collect();
                return Err(format!("Filtering is not supported on the field '{field}'; supported fields: {}", list_or_none(&known)));
            };
            if !ops.contains(&op) {
                let known: Vec<&str> = ops.iter().map(|o| o.as_str()).collect();
                return Err(format!("The operator '{}' is not supported for the field '{field}'; supported: {}", op.as_str(), known.join(", ")));
            }
        }
        if let Some(allowed) = &self.composites {
            if let Some(composite) = expr.composites().into_iter().find(|c| !allowed.contains(c)) {
                return Err(format!("The composite operator '{}' is not supported here", composite.as_str()));
            }
        }
        Ok(())
    }
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// `**name**rest` → (`name`, `rest`).
fn bold(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix("**")?;
    let end = inner.find("**")?;
    Some((&inner[..end], &inner[end + 2..]))
}

/// The fields a `sorters` description lists; `None` when it lists none.
pub fn sortable_fields(description: &str) -> Option<Vec<String>> {
    let at = description.find("Sorting is supported for the following fields")?;
    let rest = &description[at..];
    let start = rest.find("**")? + 2;
    let end = start + rest[start..].find("**")?;
    Some(rest[start..end].split(',').map(|f| f.trim().to_owned()).filter(|f| !f.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::super::filter::parse;
    use super::*;

    /// v2025 `listAccounts`, as the spec words it.
    const ACCOUNTS: &str = "Filter results using the standard syntax described in [V3 API Standard Collection Parameters](https://developer.sailpoint.com/idn/api/standard-collection-parameters#filtering-results)\n\nFiltering is supported for the following fields and operators:\n\n**id**: *eq, in, sw*\n\n**identityId**: *eq, in, sw*\n\n**name**: *eq, in, sw*\n\n**hasEntitlements**: *eq*\n\n**created**: *gt, lt, ge, le, eq*\n";

    #[test]
    fn fields_and_operators_are_read_from_the_description() {
        let doc = FilterDoc::parse(ACCOUNTS);
        assert_eq!(doc.fields["id"], [Op::Eq, Op::In, Op::Sw]);
        assert_eq!(doc.fields["hasEntitlements"], [Op::Eq]);
        assert_eq!(doc.fields.len(), 5);
        assert_eq!(doc.composites, None);
    }

    #[test]
    fn other_shapes_of_the_description() {
        let doc = FilterDoc::parse("**reviewedByUser** *eq*\n\n**owner.id**: *eq, in*\n**Supported composite operators**: *and*\n**Possible Values:** CLOUD_ACCOUNT_AGGREGATION, ACCOUNT_DELETION");
        assert_eq!(doc.fields.keys().collect::<Vec<_>>(), ["owner.id", "reviewedByUser"]);
        assert_eq!(doc.composites, Some(vec![Composite::And]));
        assert!(doc.check(&parse("owner.id eq \"x\" and reviewedByUser eq true").unwrap()).is_ok());
        assert!(doc.check(&parse("owner.id eq \"x\" or reviewedByUser eq true").unwrap()).unwrap_err().contains("'or'"));
    }

    #[test]
    fn undocumented_fields_and_operators_are_refused() {
        let doc = FilterDoc::parse(ACCOUNTS);
        assert!(doc.check(&parse("id in (\"a\") and (name sw \"x\" or hasEntitlements eq true)").unwrap()).is_ok());
        let error = doc.check(&parse("name eq \"x\" or nativeIdentity eq \"y\"").unwrap()).unwrap_err();
        assert!(error.contains("'nativeIdentity'") && error.contains("id, identityId"), "{error}");
        let error = doc.check(&parse("name co \"x\"").unwrap()).unwrap_err();
        assert!(error.contains("'co'") && error.contains("eq, in, sw"), "{error}");
        assert!(FilterDoc::parse("no list here").check(&parse("a eq 1").unwrap()).unwrap_err().contains("none"));
    }

    #[test]
    fn sortable_fields_are_read_from_the_description() {
        let text = "Sort results using the standard syntax described in [V3 API Standard Collection Parameters](https://developer.sailpoint.com/idn/api/standard-collection-parameters#sorting-results)\n\nSorting is supported for the following fields: **id, name, created, modified**";
        assert_eq!(sortable_fields(text).unwrap(), ["id", "name", "created", "modified"]);
        assert_eq!(sortable_fields("Default sort is **-created** (newest first)."), None);
    }
}
