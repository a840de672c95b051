//! Fixups for upstream spec bugs: one named function per bug. Each fails
//! when it no longer applies, so a fixed upstream bug makes regen fail
//! loudly instead of leaving dead code. Constructs that can be handled in
//! general (nullable refs, mismatched path params, …) are handled by the
//! converter instead, and only true data errors land here.

use crate::error::{GenError, Result};
use crate::load::SpecSet;
use serde_json::Value;

type Fixup = fn(&mut SpecSet, &str) -> Result<()>;

const FIXUPS: &[(&str, Fixup)] = &[("reassignment_type_trailing_commas", reassignment_type_trailing_commas)];

pub fn apply(spec: &mut SpecSet, version: &str, names: &[String]) -> Result<()> {
    for name in names {
        let Some((_, fixup)) = FIXUPS.iter().find(|(n, _)| n == name) else {
            return Err(GenError::StaleFixup {
                name: "unknown",
                reason: format!("settings name `{name}`, which does not exist"),
            });
        };
        fixup(spec, version)?;
    }
    Ok(())
}

/// `ReassignmentTypeEnum` lists `MANUAL_REASSIGNMENT,` (a flow-list comma
/// left in a block list); its own example and the API use the bare value.
fn reassignment_type_trailing_commas(spec: &mut SpecSet, version: &str) -> Result<()> {
    const NAME: &str = "reassignment_type_trailing_commas";
    let file = format!("{version}/schemas/work-reassignment/ReassignmentTypeEnum.yaml");
    let stale = |reason: &str| GenError::StaleFixup {
        name: NAME,
        reason: format!("{file}: {reason}"),
    };
    let doc = spec.docs.get_mut(file.as_str()).ok_or_else(|| stale("file not loaded"))?;
    let values = doc
        .get_mut("enum")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| stale("no enum"))?;
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
        Err(stale("no value ends with a comma any more"))
    }
}
