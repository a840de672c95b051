//! Final type names.
//!
//! * A file-backed schema is named by its file's basename (or, for a
//!   fragment, the last pointer segment). When several files share a name,
//!   the one nearest the version's own `schemas/` folder keeps it, if it is
//!   the only one that near; the others are qualified by their folders,
//!   nearest first (`sources/Schedule.yaml` → `SourcesSchedule`, a v2024
//!   file used by v2025 → `V2024…`). The rule looks at paths only, so the
//!   names do not depend on the order in which schemas are found.
//! * An inline schema is named by its owner plus a suffix that follows its
//!   location: `{Owner}{Property}`, `…Inner`, `…Value`, `…OneOf1`,
//!   `{Operation}Request`, `{Operation}{Status}Response`.
//! * Settings may pin a name for a location (the shared 401/429 bodies keep
//!   the names the official SDKs use).
//! * Remaining clashes get a numeric suffix, ordered by source location.

use crate::ir::TypeId;
use crate::naming;
use crate::settings::{NamingStyle, VersionSettings};
use crate::pointer::Loc;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone)]
pub enum NameSpec {
    /// A `$ref` target, named from its file or fragment.
    File,
    /// Inside a file-backed schema: the owner's name plus a suffix.
    Derived { owner: TypeId, suffix: String },
    /// Inside an operation or a shared response/parameter file.
    Fixed { base: String, suffix: String },
}

impl NameSpec {
    pub fn child(&self, segment: &str) -> NameSpec {
        match self {
            NameSpec::File => NameSpec::Fixed {
                base: String::new(),
                suffix: segment.to_owned(),
            },
            NameSpec::Derived { owner, suffix } => NameSpec::Derived {
                owner: *owner,
                suffix: format!("{suffix}{segment}"),
            },
            NameSpec::Fixed { base, suffix } => NameSpec::Fixed {
                base: base.clone(),
                suffix: format!("{suffix}{segment}"),
            },
        }
    }
}

/// What a file schema says about its own name: its `title` and `description`.
#[derive(Debug, Clone, Default)]
pub struct NameHint {
    pub title: Option<String>,
    pub description: Option<String>,
}

pub fn resolve(specs: &[NameSpec], locs: &[Loc], hints: &[NameHint], overrides: &BTreeMap<String, String>, settings: &VersionSettings) -> Vec<String> {
    let file_ids: Vec<usize> = (0..specs.len()).filter(|&i| matches!(specs[i], NameSpec::File)).collect();
    let file_hints: Vec<&NameHint> = file_ids.iter().map(|&i| &hints[i]).collect();
    let file_names = file_names(&file_ids.iter().map(|&i| &locs[i]).collect::<Vec<_>>(), &file_hints, &vocabulary(hints), settings);
    let mut names = vec![String::new(); specs.len()];
    for (&i, name) in file_ids.iter().zip(file_names) {
        names[i] = name;
    }
    // A pinned file schema's inline types follow the pinned name
    // (`Identity` → `IdentityIdentityStatus`), so pins apply before them.
    let pinned = |i: usize| overrides.get(&locs[i].to_string());
    for &i in &file_ids {
        if let Some(name) = pinned(i) {
            names[i] = name.clone();
        }
    }
    for (i, spec) in specs.iter().enumerate() {
        match spec {
            NameSpec::File => {}
            NameSpec::Derived { owner, suffix } => {
                names[i] = naming::type_name(&format!("{}{suffix}", names[owner.0 as usize]));
            }
            NameSpec::Fixed { base, suffix } => names[i] = naming::type_name(&format!("{base}{suffix}")),
        }
    }
    for (i, name) in names.iter_mut().enumerate() {
        if let Some(pin) = pinned(i) {
            *name = pin.clone();
        }
    }
    // File-backed names win clashes; then location order decides.
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by(|&a, &b| {
        let derived = |i: usize| !matches!(specs[i], NameSpec::File);
        (derived(a), &locs[a]).cmp(&(derived(b), &locs[b]))
    });
    let mut ordered: Vec<String> = order.iter().map(|&i| names[i].clone()).collect();
    naming::dedupe(&mut ordered);
    for (&i, name) in order.iter().zip(ordered) {
        names[i] = name;
    }
    names
}

/// Folders that say nothing about what a schema is.
fn is_generic_folder(segment: &str) -> bool {
    matches!(segment, "schemas" | "paths" | "responses" | "parameters")
}

/// The words of every title and description: where a file name is one
/// lower-case run (`nonemployeeschemaattribute`), they show its word
/// boundaries. Built from the whole spec so a name does not depend on
/// which schema happens to describe itself.
fn vocabulary(hints: &[NameHint]) -> HashSet<String> {
    let mut words = HashSet::new();
    for hint in hints {
        for text in [&hint.title, &hint.description].into_iter().flatten() {
            naming::words_of(text, &mut words);
        }
    }
    words
}

fn file_names(locs: &[&Loc], hints: &[&NameHint], vocabulary: &HashSet<String>, settings: &VersionSettings) -> Vec<String> {
    let version = settings.version.as_str();
    struct Candidate {
        base: String,
        /// Qualifying folders, nearest first; the version folder is last.
        qualifiers: Vec<String>,
        foreign: bool,
    }
    let candidates: Vec<Candidate> = locs
        .iter()
        .zip(hints)
        .map(|(loc, hint)| {
            let mut segments: Vec<&str> = loc.file.split('/').collect();
            let file = segments.pop().unwrap_or_default();
            let stem = file.split('.').next().unwrap_or(file);
            let pointer = loc.segments();
            let base = match pointer.last() {
                Some(last) => {
                    segments.push(stem);
                    naming::type_name(last)
                }
                None if settings.naming == NamingStyle::Title => naming::titled_type_name(hint.title.as_deref(), vocabulary, stem),
                None => naming::type_name(stem),
            };
            let foreign = segments.first().is_some_and(|top| *top != version);
            let qualifiers = segments.iter().rev().filter(|s| !is_generic_folder(s)).map(|s| s.to_string()).collect();
            Candidate { base, qualifiers, foreign }
        })
        .collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        groups.entry(c.base.as_str()).or_default().push(i);
    }
    let taken: HashSet<&str> = groups.keys().copied().collect();
    let mut names: Vec<String> = candidates.iter().map(|c| c.base.clone()).collect();
    for members in groups.values().filter(|m| m.len() > 1) {
        let rank = |i: usize| (candidates[i].foreign, candidates[i].qualifiers.len());
        let best = members.iter().map(|&i| rank(i)).min().unwrap_or_default();
        let mut winners: Vec<usize> = members.iter().copied().filter(|&i| rank(i) == best).collect();
        // Per-resource specs: among equals, the resource folder the name
        // belongs to keeps it (`apis/accounts` keeps `Account`), so a
        // resource added later with its own `Account` never renames this
        // one. (The frozen year-versioned crates keep their names as they
        // are: the rule would rename types users already depend on.)
        let owners: Vec<usize> = winners.iter().copied().filter(|&i| candidates[i].qualifiers.first().is_some_and(|q| naming::folder_owns(q, &candidates[i].base))).collect();
        if settings.naming == NamingStyle::Title && owners.len() == 1 {
            winners = owners;
        }
        let keeps_bare = if winners.len() == 1 { Some(winners[0]) } else { None };
        let mut used: HashSet<String> = HashSet::new();
        if let Some(w) = keeps_bare {
            used.insert(candidates[w].base.clone());
        }
        let mut sorted = members.clone();
        sorted.sort_by(|&a, &b| locs[a].cmp(locs[b]));
        for &i in sorted.iter().filter(|&&i| Some(i) != keeps_bare) {
            let c = &candidates[i];
            let mut chosen = None;
            for k in 1..=c.qualifiers.len() {
                let prefix: String = c.qualifiers[..k].iter().rev().map(|q| naming::type_name(q)).collect();
                let name = naming::type_name(&format!("{prefix}{}", c.base));
                if !used.contains(&name) && !taken.contains(name.as_str()) {
                    chosen = Some(name);
                    break;
                }
            }
            // Identical folder paths (names differing only in case): the
            // final dedupe numbers them by location.
            let name = chosen.unwrap_or_else(|| c.base.clone());
            used.insert(name.clone());
            names[i] = name;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[&str]) -> Vec<String> {
        let locs: Vec<Loc> = files.iter().map(|f| Loc::root((*f).into())).collect();
        let hint = NameHint::default();
        file_names(&locs.iter().collect::<Vec<_>>(), &vec![&hint; files.len()], &HashSet::new(), &VersionSettings::fixture("v2025"))
    }

    #[test]
    fn collisions_are_qualified_by_folder_independent_of_order() {
        let files = [
            "v2025/schemas/sources/Schedule.yaml",
            "v2025/schemas/Schedule.yaml",
            "v2025/schemas/schedule/Schedule.yaml",
            "v2024/schemas/ErrorResponseDto.yaml",
            "v2025/schemas/ErrorResponseDto.yaml",
            "v2025/schemas/app/selector.yaml",
            "v2025/schemas/schedule/Selector.yaml",
        ];
        let expected = [
            "SourcesSchedule",
            "Schedule",
            "ScheduleSchedule",
            "V2024ErrorResponseDto",
            "ErrorResponseDto",
            "AppSelector",
            "ScheduleSelector",
        ];
        assert_eq!(names(&files), expected);
        let reversed: Vec<&str> = files.iter().rev().copied().collect();
        let expected_reversed: Vec<&str> = expected.iter().rev().copied().collect();
        assert_eq!(names(&reversed), expected_reversed);
    }

    #[test]
    fn fragments_take_the_last_pointer_segment() {
        let loc = Loc {
            file: "v2025/schemas/ManagedClientHealthIndicators.yaml".into(),
            pointer: "/components/schemas/HealthEvent".into(),
        };
        assert_eq!(file_names(&[&loc], &[&NameHint::default()], &HashSet::new(), &VersionSettings::fixture("v2025")), ["HealthEvent"]);
    }
}
