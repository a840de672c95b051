//! Fixups for upstream spec bugs: one named function per bug. A fixup that
//! no longer applies (upstream fixed the bug, or an older snapshot predates
//! the file) is not an error: the spec is generated as it is, and a
//! `FixupNotApplied` diagnostic lands in the crate's `diagnostics.md`, so
//! `regen --check` shows it and the maintainer drops the fixup from
//! `specs/versions.toml`. Constructs that can be handled in general
//! (nullable refs, mismatched path params, …) are handled by the converter
//! instead, and only true data errors land here.

use crate::error::{GenError, Result};
use crate::ir::{Diagnostic, DiagnosticKind};
use crate::load::SpecSet;
use serde_json::Value;

/// Why a fixup did not apply, and where it looked.
struct NotApplied {
    location: String,
    reason: &'static str,
}

type Fixup = fn(&mut SpecSet, &str) -> Result<(), NotApplied>;

const FIXUPS: &[(&str, Fixup)] = &[("reassignment_type_trailing_commas", reassignment_type_trailing_commas)];

/// Applies the named fixups; those that no longer apply come back as
/// diagnostics. A name no fixup has is an error (a typo in the settings).
pub fn apply(spec: &mut SpecSet, version: &str, names: &[String]) -> Result<Vec<Diagnostic>> {
    let mut not_applied = Vec::new();
    for name in names {
        let Some((_, fixup)) = FIXUPS.iter().find(|(n, _)| n == name) else {
            return Err(GenError::UnknownFixup(name.clone()));
        };
        if let Err(NotApplied { location, reason }) = fixup(spec, version) {
            not_applied.push(Diagnostic {
                location,
                kind: DiagnosticKind::FixupNotApplied,
                fallback: format!("fixup `{name}` did nothing ({reason}): the spec is used as it is; remove the fixup from specs/versions.toml"),
            });
        }
    }
    Ok(not_applied)
}

/// `ReassignmentTypeEnum` lists `MANUAL_REASSIGNMENT,` (a flow-list comma
/// left in a block list); its own example and the API use the bare value.
fn reassignment_type_trailing_commas(spec: &mut SpecSet, version: &str) -> Result<(), NotApplied> {
    let file = format!("{version}/schemas/work-reassignment/ReassignmentTypeEnum.yaml");
    let not_applied = |reason| NotApplied {
        location: format!("{file}#/enum"),
        reason,
    };
    let doc = spec.docs.get_mut(file.as_str()).ok_or_else(|| not_applied("the file is not in this spec"))?;
    let values = doc.get_mut("enum").and_then(Value::as_array_mut).ok_or_else(|| not_applied("it has no enum"))?;
    let mut changed = false;
    for value in values.iter_mut() {
        if let Some(s) = value.as_str().and_then(|s| s.strip_suffix(',')) {
            *value = Value::String(s.to_owned());
            changed = true;
        }
    }
    if changed {
        Ok(())
    } else {
        Err(not_applied("no value ends with a comma any more"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_spec() -> SpecSet {
        SpecSet {
            spec_dir: Default::default(),
            root_file: "openapi.yaml".into(),
            docs: Default::default(),
            hashes: Default::default(),
        }
    }

    fn spec_with(file: &str, doc: Value) -> SpecSet {
        let mut spec = empty_spec();
        spec.docs.insert(file.into(), doc);
        spec
    }

    #[test]
    fn a_fixup_applies_or_says_why_not() {
        let file = "v9/schemas/work-reassignment/ReassignmentTypeEnum.yaml";
        let names = ["reassignment_type_trailing_commas".to_owned()];
        let mut spec = spec_with(file, serde_json::json!({"enum": ["MANUAL_REASSIGNMENT,", "AUTOMATIC_REASSIGNMENT"]}));
        assert!(apply(&mut spec, "v9", &names).unwrap().is_empty());
        assert_eq!(spec.docs[file]["enum"][0], "MANUAL_REASSIGNMENT");

        // Fixed upstream: the spec is used as it is, with a diagnostic.
        let not_applied = apply(&mut spec, "v9", &names).unwrap();
        assert_eq!(not_applied.len(), 1);
        assert_eq!(not_applied[0].kind, DiagnosticKind::FixupNotApplied);
        assert_eq!(not_applied[0].location, format!("{file}#/enum"));
        assert!(not_applied[0].fallback.contains("no value ends with a comma"), "{}", not_applied[0].fallback);

        // An older snapshot without the file.
        let not_applied = apply(&mut empty_spec(), "v9", &names).unwrap();
        assert!(not_applied[0].fallback.contains("not in this spec"), "{}", not_applied[0].fallback);

        let error = apply(&mut empty_spec(), "v9", &["no_such_fixup".to_owned()]).unwrap_err();
        assert_eq!(error.to_string(), "specs/versions.toml names the fixup `no_such_fixup`, which does not exist");
    }
}
