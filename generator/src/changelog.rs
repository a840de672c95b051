//! What changed for users between two API surfaces (see `surface.rs`),
//! each change in one [`Category`]: breaking, deprecation (or experimental
//! flip), or addition.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// How a change affects users. The order is the order of the changelog:
/// what needs action first, then what will need action, then the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Code that compiled against the old crate may not compile now.
    Breaking,
    /// A `[deprecated]` or `[experimental]` marker added or removed: code
    /// still compiles (at most with a warning), but its future changed.
    Deprecation,
    /// Everything compatible: mostly additions (items, optional members,
    /// enum values), also the removal of a success response's content.
    Addition,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Breaking, Category::Deprecation, Category::Addition];

    /// The markdown section title.
    pub fn title(self) -> &'static str {
        match self {
            Category::Breaking => "Breaking changes",
            Category::Deprecation => "Deprecations and experimental changes",
            Category::Addition => "Additions and other compatible changes",
        }
    }
}

/// One changelog line. Field order makes the derived `Ord` the changelog
/// order: by category, then by text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub category: Category,
    pub text: String,
}

impl Entry {
    pub fn is_breaking(&self) -> bool {
        self.category == Category::Breaking
    }
}

/// Counts per category, for a one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub breaking: usize,
    pub deprecations: usize,
    pub additions: usize,
}

impl Summary {
    pub fn of(entries: &[Entry]) -> Self {
        let mut summary = Summary::default();
        for e in entries {
            *match e.category {
                Category::Breaking => &mut summary.breaking,
                Category::Deprecation => &mut summary.deprecations,
                Category::Addition => &mut summary.additions,
            } += 1;
        }
        summary
    }

    pub fn total(&self) -> usize {
        self.breaking + self.deprecations + self.additions
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} changes (breaking {}, deprecated/experimental {}, additions {})",
            self.total(),
            self.breaking,
            self.deprecations,
            self.additions
        )
    }
}

/// The markers `surface.rs` appends to an operation, type or member line.
/// Adding or removing one alone changes no signature, so it is never breaking.
const MARKERS: [(&str, &str); 2] = [(" [deprecated]", "deprecated"), (" [experimental]", "experimental")];

fn without_markers(line: &str) -> String {
    MARKERS.iter().fold(line.to_owned(), |line, (marker, _)| line.replace(marker, ""))
}

/// "now deprecated", "no longer experimental", … for each marker that flipped.
fn marker_flips(old: &str, new: &str) -> Vec<String> {
    MARKERS
        .iter()
        .filter_map(|(marker, word)| match (old.contains(marker), new.contains(marker)) {
            (false, true) => Some(format!("now {word}")),
            (true, false) => Some(format!("no longer {word}")),
            _ => None,
        })
        .collect()
}

/// Lines grouped by the item they describe (`op x.y` or `type T`).
fn items(surface: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in surface.lines().filter(|l| !l.is_empty()) {
        let item = item_key(line);
        out.entry(item.to_owned()).or_default().insert(line.to_owned());
    }
    out
}

fn item_key(line: &str) -> &str {
    let mut parts = line.splitn(3, ' ');
    let kind = parts.next().unwrap_or_default();
    let name = parts.next().unwrap_or_default().trim_end_matches(':');
    &line[..kind.len() + 1 + name.len()]
}

/// `type T field f: …` → `f`; `op x param query p: …` → `param query p`.
fn member(line: &str, item: &str) -> Option<String> {
    let rest = line.strip_prefix(item)?.strip_prefix(' ')?;
    Some(rest.split(':').next().unwrap_or(rest).to_owned())
}

/// The changes from surface `old` to surface `new`, in changelog order.
pub fn compare(old: &str, new: &str) -> Vec<Entry> {
    let (old, new) = (items(old), items(new));
    let mut entries = Vec::new();
    for (item, new_lines) in &new {
        match old.get(item) {
            None => entries.push(Entry { category: Category::Addition, text: format!("added {}", describe(item)) }),
            Some(old_lines) if old_lines != new_lines => compare_item(item, old_lines, new_lines, &mut entries),
            Some(_) => {}
        }
    }
    for item in old.keys().filter(|k| !new.contains_key(*k)) {
        entries.push(Entry { category: Category::Breaking, text: format!("removed {}", describe(item)) });
    }
    entries.sort();
    entries
}

/// The changes inside one item present in both surfaces.
fn compare_item(item: &str, old_lines: &BTreeSet<String>, new_lines: &BTreeSet<String>, entries: &mut Vec<Entry>) {
    let mut push = |category: Category, text: String| entries.push(Entry { category, text });
    let members = |lines: &BTreeSet<String>| -> BTreeMap<String, String> {
        lines.iter().filter_map(|l| member(l, item).map(|m| (m, l.clone()))).collect()
    };
    let (old_members, new_members) = (members(old_lines), members(new_lines));
    let (old_header, new_header) = (header(old_lines, item), header(new_lines, item));
    if old_header != new_header {
        let changed = format!("changed {} (was `{old_header}`, now `{new_header}`)", describe(item));
        changed_line(&describe(item), &old_header, &new_header, changed, &mut push);
    }
    for (m, line) in &new_members {
        match old_members.get(m) {
            None => {
                // A new required parameter or body breaks every caller.
                let breaking = item.starts_with("op ") && !line.ends_with('?') && !m.starts_with("response");
                let category = if breaking { Category::Breaking } else { Category::Addition };
                push(category, format!("{}: added {}", describe(item), show(line, item)));
            }
            Some(old_line) if old_line != line => {
                let changed = format!("{}: changed {} to {}", describe(item), show(old_line, item), show(line, item));
                changed_line(&format!("{}: `{m}`", describe(item)), old_line, line, changed, &mut push);
            }
            Some(_) => {}
        }
    }
    for (m, line) in &old_members {
        if !new_members.contains_key(m) {
            let category = if m.starts_with("response") { Category::Addition } else { Category::Breaking };
            push(category, format!("{}: removed {}", describe(item), show(line, item)));
        }
    }
}

/// A line about `subject` that differs: each marker flip is its own
/// (non-breaking) entry, and only a difference beyond the markers is
/// breaking, reported as `changed`.
fn changed_line(subject: &str, old: &str, new: &str, changed: String, push: &mut impl FnMut(Category, String)) {
    for flip in marker_flips(old, new) {
        push(Category::Deprecation, format!("{subject} is {flip}"));
    }
    if without_markers(old) != without_markers(new) {
        push(Category::Breaking, changed);
    }
}

fn header(lines: &BTreeSet<String>, item: &str) -> String {
    lines
        .iter()
        .find(|l| member(l, item).is_none())
        .map(|l| l[item.len()..].trim_start_matches(':').trim().to_owned())
        .unwrap_or_default()
}

fn show(line: &str, item: &str) -> String {
    format!("`{}`", line[item.len()..].trim())
}

fn describe(item: &str) -> String {
    match item.split_once(' ') {
        Some(("op", name)) => format!("operation `{name}`"),
        Some(("type", name)) => format!("type `{name}`"),
        _ => item.to_owned(),
    }
}

/// A markdown section for a CHANGELOG or release notes: one sub-section
/// per category that has entries, in [`Category::ALL`] order.
pub fn markdown(version: &str, entries: &[Entry]) -> String {
    let mut out = format!("### {version}\n\n");
    if entries.is_empty() {
        out.push_str("No changes to the public API.\n");
        return out;
    }
    for category in Category::ALL {
        let mut selected = entries.iter().filter(|e| e.category == category).peekable();
        if selected.peek().is_none() {
            continue;
        }
        let _ = writeln!(out, "**{}**\n", category.title());
        for e in selected {
            let _ = writeln!(out, "- {}", e.text);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "\
op accounts.get_account: GET /accounts/{id}
op accounts.get_account param path id: String
op accounts.list_accounts: GET /accounts [paginated: offset]
op accounts.list_accounts param query limit: i64?
type Account field id: String (required)
type Account field name: Option<String>
type Account: struct
type Old: struct
type Status value \"A\"
type Status: enum
";
    const NEW: &str = "\
op accounts.get_account: GET /accounts/{id}
op accounts.get_account param path id: String
op accounts.get_account param query detail: String?
op accounts.list_accounts: GET /accounts [paginated: offset]
op accounts.list_accounts param query filters: String
type Account field id: i64 (required)
type Account field owner: Option<String>
type Account: struct
type New: struct
type Status value \"A\"
type Status value \"B\"
type Status: enum
";

    use Category::*;

    fn pairs(entries: Vec<Entry>) -> Vec<(Category, String)> {
        entries.into_iter().map(|e| (e.category, e.text)).collect()
    }

    fn owned(expected: &[(Category, &str)]) -> Vec<(Category, String)> {
        expected.iter().map(|(c, t)| (*c, t.to_string())).collect()
    }

    #[test]
    fn classifies_changes() {
        let expected = [
            (Breaking, "operation `accounts.list_accounts`: added `param query filters: String`"),
            (Breaking, "operation `accounts.list_accounts`: removed `param query limit: i64?`"),
            (Breaking, "removed type `Old`"),
            (Breaking, "type `Account`: changed `field id: String (required)` to `field id: i64 (required)`"),
            (Breaking, "type `Account`: removed `field name: Option<String>`"),
            (Addition, "added type `New`"),
            (Addition, "operation `accounts.get_account`: added `param query detail: String?`"),
            (Addition, "type `Account`: added `field owner: Option<String>`"),
            (Addition, "type `Status`: added `value \"B\"`"),
        ];
        assert_eq!(pairs(compare(OLD, NEW)), owned(&expected));
    }

    #[test]
    fn a_deprecation_flip_is_not_breaking() {
        let new = OLD
            .replace("GET /accounts/{id}\n", "GET /accounts/{id} [deprecated]\n")
            .replace("type Old: struct", "type Old: struct [deprecated]");
        let expected = [(Deprecation, "operation `accounts.get_account` is now deprecated"), (Deprecation, "type `Old` is now deprecated")];
        assert_eq!(pairs(compare(OLD, &new)), owned(&expected));
        // And back.
        let expected = [(Deprecation, "operation `accounts.get_account` is no longer deprecated"), (Deprecation, "type `Old` is no longer deprecated")];
        assert_eq!(pairs(compare(&new, OLD)), owned(&expected));
    }

    #[test]
    fn an_experimental_flip_is_not_breaking() {
        // `[experimental]` sits before `[paginated: …]` in the header.
        let new = OLD.replace("GET /accounts [paginated", "GET /accounts [experimental] [paginated");
        assert_eq!(pairs(compare(OLD, &new)), owned(&[(Deprecation, "operation `accounts.list_accounts` is now experimental")]));
        assert_eq!(pairs(compare(&new, OLD)), owned(&[(Deprecation, "operation `accounts.list_accounts` is no longer experimental")]));
    }

    #[test]
    fn a_member_marker_flip_is_not_breaking() {
        // The surface marks no members today; the rule must hold when it does.
        let new = OLD.replace("field name: Option<String>", "field name: Option<String> [deprecated]");
        assert_eq!(pairs(compare(OLD, &new)), owned(&[(Deprecation, "type `Account`: `field name` is now deprecated")]));
    }

    #[test]
    fn a_flip_beside_a_real_change_reports_both() {
        let new = OLD.replace("GET /accounts/{id}\n", "GET /users/{id} [deprecated]\n");
        let expected = [
            (Breaking, "changed operation `accounts.get_account` (was `GET /accounts/{id}`, now `GET /users/{id} [deprecated]`)"),
            (Deprecation, "operation `accounts.get_account` is now deprecated"),
        ];
        assert_eq!(pairs(compare(OLD, &new)), owned(&expected));
    }

    #[test]
    fn markdown_has_a_section_per_category_and_a_summary() {
        let new = NEW.replace("type New: struct", "type New: struct [deprecated]").replace("GET /accounts/{id}\n", "GET /accounts/{id} [experimental]\n");
        let entries = compare(OLD, &new);
        assert_eq!(Summary::of(&entries), Summary { breaking: 5, deprecations: 1, additions: 4 });
        assert_eq!(Summary::of(&entries).to_string(), "10 changes (breaking 5, deprecated/experimental 1, additions 4)");
        let md = markdown("v1", &entries);
        let titles: Vec<&str> = md.lines().filter(|l| l.starts_with("**")).collect();
        assert_eq!(titles, ["**Breaking changes**", "**Deprecations and experimental changes**", "**Additions and other compatible changes**"]);
        assert!(md.contains("**Deprecations and experimental changes**\n\n- operation `accounts.get_account` is now experimental\n\n"), "{md}");
    }

    #[test]
    fn identical_surfaces_have_no_entries() {
        assert!(compare(NEW, NEW).is_empty());
        assert_eq!(markdown("v1", &[]), "### v1\n\nNo changes to the public API.\n");
    }
}
