//! Spec prose → rustdoc that builds with `-D warnings`.
//!
//! Descriptions are Markdown written for a web portal. Left as they are,
//! rustdoc reads `[ACTIVE]` as a broken intra-doc link, `<id>` as an
//! unclosed HTML tag, bare URLs as lint errors, and an unlabelled code fence
//! as a Rust doctest. Each is neutralised here, outside code spans.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for a description plus extra paragraphs.
pub fn doc_attrs(parts: &[&str]) -> TokenStream {
    let text = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n\n");
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {}", line.trim_end()) };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `#[doc]` attributes for text the generator wrote itself (intra-doc
/// links included), which must not be escaped.
pub fn own_doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// The width of a list marker (`- `, `12. `) that starts `line`, if any.
fn list_marker(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))).then_some(digits + 2)
}

pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    // Inside a list, the column where the current item's text starts. An
    // indented line after an item continues it (re-indented to that
    // column); an unindented one becomes the paragraph it reads as.
    let mut item_column: Option<usize> = None;
    for line in text.replace("\r\n", "\n").lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if in_fence {
                out.push("```".to_owned());
            } else {
                out.push("```text".to_owned());
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        let trimmed = line.trim_start();
        // Four or more spaces would start an (untested) code block; up to
        // three keep list continuations attached to their item.
        let mut indent = (line.len() - trimmed.len()).min(3);
        if trimmed.is_empty() {
            indent = 0;
        } else if let Some(width) = list_marker(trimmed) {
            item_column = Some(indent + width);
        } else if let Some(column) = item_column {
            if indent == 0 {
                out.push(String::new());
                item_column = None;
            } else {
                indent = column;
            }
        }
        out.push(format!("{}{}", " ".repeat(indent), escape_inline(trimmed)));
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// Escapes outside backtick code spans.
fn escape_inline(line: &str) -> String {
    line.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { part.to_owned() } else { escape_prose(part) })
        .collect::<Vec<_>>()
        .join("`")
}

fn escape_prose(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '[' => {
                let close = chars[i..].iter().position(|&c| c == ']').map(|p| p + i);
                let is_link = close.is_some_and(|j| chars.get(j + 1) == Some(&'('));
                if is_link {
                    let j = close.unwrap_or(i);
                    out.extend(&chars[i..=j]);
                    i = j + 1;
                    // Keep the link target verbatim.
                    if let Some(end) = chars[i..].iter().position(|&c| c == ')') {
                        out.extend(&chars[i..=i + end]);
                        i += end + 1;
                    }
                    continue;
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_url(&chars[i..]) => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || matches!(c, '"' | '\'' | ')' | '>' | '<'))
                    .map_or(chars.len(), |p| p + i);
                let mut url: String = chars[i..end].iter().collect();
                let mut trailing = String::new();
                while url.ends_with(['.', ',', ';', ':']) {
                    trailing.insert(0, url.pop().unwrap_or_default());
                }
                out.push('<');
                out.push_str(&url);
                out.push('>');
                out.push_str(&trailing);
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let s: String = chars.iter().take(8).collect();
    s.starts_with("http://") || s.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_rustdoc_hazards() {
        assert_eq!(sanitize("Use [ACTIVE] or <id>"), "Use \\[ACTIVE\\] or &lt;id&gt;");
        assert_eq!(sanitize("See [docs](https://x.io/a_[b]) now"), "See [docs](https://x.io/a_[b]) now");
        assert_eq!(sanitize("Go to https://x.io/a."), "Go to <https://x.io/a>.");
        assert_eq!(sanitize("`a[0] <b>`"), "`a[0] <b>`");
        assert_eq!(sanitize("```\nlet x = 1;\n```"), "```text\nlet x = 1;\n```");
        assert_eq!(sanitize("    indented"), "   indented");
        assert_eq!(sanitize("- item\n  more\nAfter"), "- item\n  more\n\nAfter");
        assert_eq!(sanitize("1. a\n\n  - nested\n  more"), "1. a\n\n  - nested\n    more");
        assert_eq!(sanitize("1. one\n2. two"), "1. one\n2. two");
    }
}
