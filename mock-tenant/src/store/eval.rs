//! Whether a record matches a parsed filter.
//!
//! Fields are dotted paths (`owner.id`); an array on the way matches if
//! any element does, as ISC's list filters treat multi-valued fields.
//! `eq`, `ne` and `in` compare strings exactly; `sw` and `co` ignore case.
//! Strings that hold date-times compare as instants; booleans also match
//! their text (`"true"`), which real tenants and the specs' examples send.

use super::filter::{Expr, Literal, Op};
use super::time::Timestamp;
use serde_json::Value;
use std::cmp::Ordering;

pub fn matches(expr: &Expr, record: &Value) -> bool {
    match expr {
        Expr::And(a, b) => matches(a, record) && matches(b, record),
        Expr::Or(a, b) => matches(a, record) || matches(b, record),
        Expr::Not(a) => !matches(a, record),
        Expr::Compare { field, op, values } => compare(&resolve(record, field), *op, values),
    }
}

/// The values at a dotted path, arrays flattened.
pub fn resolve<'v>(record: &'v Value, path: &str) -> Vec<&'v Value> {
    let mut current = vec![record];
    for key in path.split('.') {
        let mut next = Vec::new();
        for value in current {
            match value {
                Value::Object(map) => next.extend(map.get(key)),
                Value::Array(items) => next.extend(items.iter().filter_map(|item| item.get(key))),
                _ => {}
            }
        }
        current = next;
    }
    current
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items.iter().collect::<Vec<_>>(),
            other => vec![other],
        })
        .collect()
}

fn compare(found: &[&Value], op: Op, values: &[Literal]) -> bool {
    let present: Vec<&Value> = found.iter().copied().filter(|v| !v.is_null()).collect();
    match op {
        Op::Isnull => present.is_empty(),
        Op::Pr => !present.is_empty(),
        Op::Eq => values.first().is_some_and(|literal| equals_any(&present, literal)),
        Op::Ne => values.first().is_some_and(|literal| !equals_any(&present, literal)),
        Op::In => values.iter().any(|literal| equals_any(&present, literal)),
        Op::Sw | Op::Co => {
            let Some(Literal::Str(needle)) = values.first() else { return false };
            let needle = needle.to_lowercase();
            present.iter().any(|value| {
                let text = text(value).to_lowercase();
                if op == Op::Sw {
                    text.starts_with(&needle)
                } else {
                    text.contains(&needle)
                }
            })
        }
        Op::Gt | Op::Ge | Op::Lt | Op::Le => values.first().is_some_and(|literal| {
            present.iter().any(|value| {
                order(value, literal).is_some_and(|o| match op {
                    Op::Gt => o == Ordering::Greater,
                    Op::Ge => o != Ordering::Less,
                    Op::Lt => o == Ordering::Less,
                    _ => o != Ordering::Greater,
                })
            })
        }),
    }
}

fn equals_any(present: &[&Value], literal: &Literal) -> bool {
    if *literal == Literal::Null {
        return present.is_empty();
    }
    present.iter().any(|value| order(value, literal) == Some(Ordering::Equal))
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// How a record's value orders against a literal, `None` if they do
/// not compare (a number against a word).
fn order(value: &Value, literal: &Literal) -> Option<Ordering> {
    match literal {
        Literal::Null => None,
        Literal::Bool(b) => match value {
            Value::Bool(v) => Some(v.cmp(b)),
            Value::String(s) => s.eq_ignore_ascii_case(&b.to_string()).then_some(Ordering::Equal),
            _ => None,
        },
        Literal::Number(n) => {
            let v = match value {
                Value::Number(v) => v.as_f64()?,
                Value::String(s) => s.parse().ok()?,
                _ => return None,
            };
            v.partial_cmp(n)
        }
        Literal::DateTime(t) => Some(Timestamp::parse(value.as_str()?)?.cmp(t)),
        Literal::Str(s) => match value {
            Value::String(v) => match (Timestamp::parse(v), Timestamp::parse(s)) {
                (Some(a), Some(b)) => Some(a.cmp(&b)),
                _ => Some(v.as_str().cmp(s.as_str())),
            },
            Value::Bool(v) => s.eq_ignore_ascii_case(&v.to_string()).then_some(Ordering::Equal),
            Value::Number(v) => v.as_f64()?.partial_cmp(&s.parse::<f64>().ok()?),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::filter::parse;
    use super::*;
    use serde_json::json;

    fn record() -> Value {
        json!({
            "id": "a1", "name": "Ada Lovelace", "count": 7, "enabled": true, "locked": "false",
            "created": "2024-05-01T10:00:00.000Z", "manager": null,
            "owner": {"id": "o1", "name": "Owner"},
            "tags": ["x", "y"], "entitlements": [{"id": "e1"}, {"id": "e2"}]
        })
    }

    fn yes(filter: &str) -> bool {
        matches(&parse(filter).unwrap_or_else(|e| panic!("{filter}: {e}")), &record())
    }

    #[test]
    fn each_operator_on_each_literal_type() {
        let truths = [
            "name eq \"Ada Lovelace\"",
            "name ne \"ada lovelace\"",
            "id in (\"zz\", \"a1\")",
            "name sw \"ada\"",
            "name co \"LOVE\"",
            "count gt 6",
            "count ge 7",
            "count lt 7.5",
            "count le 7",
            "count eq \"7\"",
            "enabled eq true",
            "enabled eq \"true\"",
            "locked eq false",
            "created gt 2024-05-01T09:59:59Z",
            "created lt \"2024-05-01T12:00:00+01:00\"",
            "created ge 2024-05-01",
            "manager isnull",
            "missing isnull",
            "missing eq null",
            "name pr",
            "owner.id eq \"o1\"",
            "tags eq \"y\"",
            "entitlements.id in (\"e2\")",
            "missing ne \"x\"",
        ];
        for filter in truths {
            assert!(yes(filter), "{filter} should match");
        }
        let falsehoods = [
            "name eq \"ada lovelace\"",
            "id in (\"zz\")",
            "name sw \"Love\"",
            "count gt 7",
            "count lt 7",
            "enabled eq false",
            "created lt 2024-05-01T10:00:00Z",
            "manager pr",
            "name isnull",
            "owner.id eq \"o2\"",
            "tags eq \"z\"",
            "name gt 5",
        ];
        for filter in falsehoods {
            assert!(!yes(filter), "{filter} should not match");
        }
    }

    #[test]
    fn composites_and_precedence() {
        assert!(yes("name eq \"x\" or count eq 7 and enabled eq true"));
        assert!(!yes("(name eq \"x\" or count eq 7) and enabled eq false"));
        assert!(yes("not name eq \"x\""));
        assert!(!yes("not (name pr or count eq 1)"));
        assert!(yes("not name eq \"x\" and not count eq 1"));
    }
}
