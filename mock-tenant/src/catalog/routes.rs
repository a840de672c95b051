//! Matching a request path against every operation's template. Literal
//! segments win over placeholders, left to right, so `/accounts/search`
//! is never taken for `/accounts/{id}`.

use super::model::Operation;
use std::collections::HashMap;

/// One `/`-separated piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `{name}`, optionally with literal text around it (`{id}.json`).
    Placeholder {
        name: String,
        prefix: String,
        suffix: String,
    },
}

impl Segment {
    fn parse(text: &str) -> Segment {
        match (text.find('{'), text.rfind('}')) {
            (Some(open), Some(close)) if open < close => Segment::Placeholder {
                name: text[open + 1..close].to_owned(),
                prefix: text[..open].to_owned(),
                suffix: text[close + 1..].to_owned(),
            },
            _ => Segment::Literal(text.to_owned()),
        }
    }

    /// How specific the segment is: literal text beats a partial literal
    /// beats a bare placeholder.
    fn rank(&self) -> u8 {
        match self {
            Segment::Literal(_) => 2,
            Segment::Placeholder { prefix, suffix, .. }
                if !prefix.is_empty() || !suffix.is_empty() =>
            {
                1
            }
            Segment::Placeholder { .. } => 0,
        }
    }

    /// The placeholder's raw (still percent-encoded) value, or `None` when
    /// `text` does not fit.
    fn fit<'t>(&self, text: &'t str) -> Option<Option<(&str, &'t str)>> {
        match self {
            Segment::Literal(literal) => (literal == text).then_some(None),
            Segment::Placeholder {
                name,
                prefix,
                suffix,
            } => {
                let value = text
                    .strip_prefix(prefix.as_str())?
                    .strip_suffix(suffix.as_str())?;
                (!value.is_empty()).then_some(Some((name.as_str(), value)))
            }
        }
    }
}

/// The routes of one version.
#[derive(Debug, Default)]
pub struct Routes {
    /// By segment count: (operation index, method, segments, rank).
    by_length: HashMap<usize, Vec<Route>>,
}

#[derive(Debug)]
struct Route {
    operation: usize,
    method: String,
    segments: Vec<Segment>,
    rank: Vec<u8>,
}

/// What a path matched.
#[derive(Debug)]
pub enum Matched<'p> {
    Operation {
        index: usize,
        path_params: Vec<(String, &'p str)>,
    },
    /// The path exists, not with this method.
    WrongMethod,
    NotFound,
}

fn split(path: &str) -> Vec<&str> {
    path.trim_end_matches('/').split('/').skip(1).collect()
}

impl Routes {
    pub fn new(operations: &[Operation]) -> Routes {
        let mut by_length: HashMap<usize, Vec<Route>> = HashMap::new();
        for (index, op) in operations.iter().enumerate() {
            let segments: Vec<Segment> = split(&op.path).into_iter().map(Segment::parse).collect();
            let rank = segments.iter().map(Segment::rank).collect();
            by_length.entry(segments.len()).or_default().push(Route {
                operation: index,
                method: op.method.clone(),
                segments,
                rank,
            });
        }
        // Most specific first, so the first fit is the one to take.
        for routes in by_length.values_mut() {
            routes.sort_by(|a, b| b.rank.cmp(&a.rank).then(a.operation.cmp(&b.operation)));
        }
        Routes { by_length }
    }

    /// The operation `method` + `path` (without the server prefix) names.
    pub fn find<'p>(&self, method: &str, path: &'p str) -> Matched<'p> {
        let parts = split(path);
        let Some(routes) = self.by_length.get(&parts.len()) else {
            return Matched::NotFound;
        };
        let mut path_exists = false;
        for route in routes {
            let Some(params) = fit(&route.segments, &parts) else {
                continue;
            };
            if route.method != method {
                path_exists = true;
                continue;
            }
            return Matched::Operation {
                index: route.operation,
                path_params: params
                    .into_iter()
                    .map(|(name, value)| (name.to_owned(), value))
                    .collect(),
            };
        }
        if path_exists {
            Matched::WrongMethod
        } else {
            Matched::NotFound
        }
    }
}

fn fit<'s, 'p>(segments: &'s [Segment], parts: &[&'p str]) -> Option<Vec<(&'s str, &'p str)>> {
    let mut params = Vec::new();
    for (segment, part) in segments.iter().zip(parts) {
        if let Some(param) = segment.fit(part)? {
            params.push(param);
        }
    }
    Some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(method: &str, path: &str) -> Operation {
        serde_json::from_value(serde_json::json!({
            "id": format!("{method} {path}"), "method": method, "path": path,
            "experimental": false, "params": [], "responses": [],
        }))
        .unwrap()
    }

    #[test]
    fn literals_win_over_placeholders_whatever_the_order() {
        let ops = [
            op("GET", "/accounts/{id}"),
            op("GET", "/accounts/search"),
            op("GET", "/files/{name}.csv"),
            op("POST", "/accounts/{id}"),
        ];
        let routes = Routes::new(&ops);
        let index = |m: Matched| match m {
            Matched::Operation { index, path_params } => (
                index,
                path_params
                    .iter()
                    .map(|(n, v)| format!("{n}={v}"))
                    .collect::<Vec<_>>(),
            ),
            other => panic!("{other:?}"),
        };
        assert_eq!(index(routes.find("GET", "/accounts/search")), (1, vec![]));
        assert_eq!(
            index(routes.find("GET", "/accounts/abc")),
            (0, vec!["id=abc".to_owned()])
        );
        assert_eq!(
            index(routes.find("GET", "/files/x.csv")),
            (2, vec!["name=x".to_owned()])
        );
        assert_eq!(
            index(routes.find("POST", "/accounts/abc/")),
            (3, vec!["id=abc".to_owned()])
        );
        assert!(matches!(
            routes.find("DELETE", "/accounts/abc"),
            Matched::WrongMethod
        ));
        assert!(matches!(routes.find("GET", "/nothing"), Matched::NotFound));
        assert!(matches!(
            routes.find("GET", "/files/.csv"),
            Matched::NotFound
        ));
    }
}
