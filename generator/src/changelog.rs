//! What changed for users between two API surfaces (see `surface.rs`),
//! with breaking changes marked.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub breaking: bool,
    pub text: String,
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

pub fn compare(old: &str, new: &str) -> Vec<Entry> {
    let (old, new) = (items(old), items(new));
    let mut entries = Vec::new();
    let mut push = |breaking: bool, text: String| entries.push(Entry { breaking, text });
    for (item, new_lines) in &new {
        let Some(old_lines) = old.get(item) else {
            push(false, format!("added {}", describe(item)));
            continue;
        };
        if old_lines == new_lines {
            continue;
        }
        let members = |lines: &BTreeSet<String>| -> BTreeMap<String, String> {
            lines.iter().filter_map(|l| member(l, item).map(|m| (m, l.clone()))).collect()
        };
        let (old_members, new_members) = (members(old_lines), members(new_lines));
        let header_changed = old_lines.iter().find(|l| member(l, item).is_none()) != new_lines.iter().find(|l| member(l, item).is_none());
        if header_changed {
            push(true, format!("changed {} (was `{}`, now `{}`)", describe(item), header(old_lines, item), header(new_lines, item)));
        }
        for (m, line) in &new_members {
            match old_members.get(m) {
                None => {
                    // A new required parameter or body breaks every caller.
                    let breaking = item.starts_with("op ") && !line.ends_with('?') && !m.starts_with("response");
                    push(breaking, format!("{}: added {}", describe(item), show(line, item)));
                }
                Some(old_line) if old_line != line => {
                    push(true, format!("{}: changed {} to {}", describe(item), show(old_line, item), show(line, item)));
                }
                Some(_) => {}
            }
        }
        for (m, line) in &old_members {
            if !new_members.contains_key(m) {
                let breaking = !m.starts_with("response");
                push(breaking, format!("{}: removed {}", describe(item), show(line, item)));
            }
        }
    }
    for item in old.keys().filter(|k| !new.contains_key(*k)) {
        push(true, format!("removed {}", describe(item)));
    }
    entries.sort_by(|a, b| b.breaking.cmp(&a.breaking).then(a.text.cmp(&b.text)));
    entries
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

/// A markdown section for a CHANGELOG or release notes.
pub fn markdown(version: &str, entries: &[Entry]) -> String {
    let mut out = format!("### {version}\n\n");
    if entries.is_empty() {
        out.push_str("No changes to the public API.\n");
        return out;
    }
    for (title, breaking) in [("Breaking changes", true), ("Other changes", false)] {
        let selected: Vec<&Entry> = entries.iter().filter(|e| e.breaking == breaking).collect();
        if selected.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{title}**\n");
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

    #[test]
    fn classifies_changes() {
        let texts: Vec<(bool, String)> = compare(OLD, NEW).into_iter().map(|e| (e.breaking, e.text)).collect();
        let expected = [
            (true, "operation `accounts.list_accounts`: added `param query filters: String`"),
            (true, "operation `accounts.list_accounts`: removed `param query limit: i64?`"),
            (true, "removed type `Old`"),
            (true, "type `Account`: changed `field id: String (required)` to `field id: i64 (required)`"),
            (true, "type `Account`: removed `field name: Option<String>`"),
            (false, "added type `New`"),
            (false, "operation `accounts.get_account`: added `param query detail: String?`"),
            (false, "type `Account`: added `field owner: Option<String>`"),
            (false, "type `Status`: added `value \"B\"`"),
        ];
        let expected: Vec<(bool, String)> = expected.iter().map(|(b, t)| (*b, t.to_string())).collect();
        assert_eq!(texts, expected);
    }

    #[test]
    fn identical_surfaces_have_no_entries() {
        assert!(compare(NEW, NEW).is_empty());
        assert_eq!(markdown("v1", &[]), "### v1\n\nNo changes to the public API.\n");
    }
}
