//! `POST /search` paging: the body's `sort`, and `searchAfter` set to the
//! sort values of the previous page's last hit. Unlike `offset`, this goes
//! past Elasticsearch's 10,000-result window.

use super::decode::{place, split};
use super::fetch::{fetch, Fetched, Shape};
use super::{requested_page_size, set_query, take_query, Page, Remaining};
use crate::{Body, Client, Error, Request};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

pub(crate) struct SearchAfterWalk {
    client: Client,
    request: Request,
    /// The request body, with `sort` completed.
    body: Map<String, Value>,
    content_type: &'static str,
    /// The sorted field paths, without direction prefixes.
    sort_fields: Vec<String>,
    page_size: u64,
    remaining: Remaining,
    /// Items (decoded or not) delivered before the next page.
    position: u64,
    first: bool,
    done: bool,
}

impl SearchAfterWalk {
    pub(crate) fn new(client: Client, mut request: Request, page_size: u64, max_items: Option<u64>) -> Result<Self, Error> {
        let page_size = requested_page_size(&mut request).unwrap_or(page_size).max(1);
        // A search only reads: a page whose connection dropped is asked again.
        request.idempotent = true;
        // searchAfter replaces offset; both together would skip results.
        take_query(&mut request, "offset");
        let (content_type, mut body) = match &request.body {
            Body::Json { content_type, bytes } => match serde_json::from_slice::<Value>(bytes) {
                Ok(Value::Object(map)) => (*content_type, map),
                _ => return Err(Error::InvalidRequest("a search-after body must be a JSON object".into())),
            },
            Body::Empty => ("application/json", Map::new()),
            _ => return Err(Error::InvalidRequest("a search-after body must be JSON".into())),
        };
        let mut sort: Vec<String> = match body.get("sort") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<_>>()
                .ok_or_else(|| Error::InvalidRequest("`sort` must be a list of field names".into()))?,
            Some(_) => return Err(Error::InvalidRequest("`sort` must be a list of field names".into())),
        };
        let sort_fields: Vec<String> = sort.iter().map(|s| s.trim_start_matches(['+', '-']).to_owned()).collect();
        // Hits that tie on every sort field would be skipped at a page
        // boundary; `id` is unique, so it breaks every tie.
        let mut sort_fields = sort_fields;
        if !sort_fields.iter().any(|f| f == "id") {
            sort.push("id".into());
            sort_fields.push("id".into());
        }
        body.insert("sort".into(), Value::from(sort));
        Ok(SearchAfterWalk {
            client,
            request,
            body,
            content_type,
            sort_fields,
            page_size,
            remaining: Remaining(max_items),
            position: 0,
            first: true,
            done: false,
        })
    }

    pub(crate) async fn next<T: DeserializeOwned>(&mut self) -> Option<Result<Page<T>, Error>> {
        if self.done {
            return None;
        }
        self.page().await.transpose()
    }

    async fn page<T: DeserializeOwned>(&mut self) -> Result<Option<Page<T>>, Error> {
        let limit = self.remaining.cap(self.page_size);
        let mut request = self.request.clone();
        set_query(&mut request, "limit", limit.to_string());
        request.body = Body::json(self.content_type, &self.body)?;
        let Fetched {
            response,
            entries: mut items,
            described,
            ..
        } = fetch::<T>(self.client.clone(), request, Shape::Array).await?;
        let is_first = std::mem::replace(&mut self.first, false);
        if (items.len() as u64) < limit {
            self.done = true;
        } else {
            let after = self.sort_values(&described, &response.body)?;
            if self.body.get("searchAfter") == Some(&after) {
                return Err(Error::Pagination {
                    request: described,
                    message: "the last hit repeats the previous page's; the server may ignore `searchAfter`".into(),
                });
            }
            self.body.insert("searchAfter".into(), after);
        }
        self.remaining.take(&mut items);
        if self.remaining.exhausted() {
            self.done = true;
        }
        if items.is_empty() && !is_first {
            return Ok(None);
        }
        place(&mut items, self.position);
        self.position += items.len() as u64;
        let (items, failed) = split(items);
        Ok(Some(Page {
            items,
            failed,
            status: response.status,
            headers: response.headers,
        }))
    }

    /// The sort values of the page's last hit, as `searchAfter` takes them.
    fn sort_values(&self, described: &str, body: &[u8]) -> Result<Value, Error> {
        let invalid = |message: String| Error::Pagination {
            request: described.to_owned(),
            message,
        };
        let hits: Vec<&RawValue> = serde_json::from_slice(body).map_err(|e| invalid(format!("the page is not a JSON array: {e}")))?;
        let last = hits.last().ok_or_else(|| invalid("an empty page has no last hit".into()))?;
        let hit: Value = serde_json::from_str(last.get()).map_err(|e| invalid(e.to_string()))?;
        let mut values = Vec::with_capacity(self.sort_fields.len());
        for field in &self.sort_fields {
            let value = lookup(&hit, field).ok_or_else(|| invalid(format!("the last hit has no value for the sort field `{field}`")))?;
            values.push(Value::String(match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }));
        }
        Ok(Value::Array(values))
    }
}

/// `a.b.c` in a JSON document; a key that itself contains dots wins.
fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if let Some(found) = value.get(path) {
        return (!found.is_null()).then_some(found);
    }
    let (head, rest) = path.split_once('.')?;
    lookup(value.get(head)?, rest)
}

#[cfg(test)]
mod tests {
    use super::lookup;
    use serde_json::json;

    #[test]
    fn lookup_follows_dotted_paths_and_prefers_literal_keys() {
        let doc = json!({"name": "a", "source": {"name": "AD"}, "a.b": 1, "n": null});
        assert_eq!(lookup(&doc, "name"), Some(&json!("a")));
        assert_eq!(lookup(&doc, "source.name"), Some(&json!("AD")));
        assert_eq!(lookup(&doc, "a.b"), Some(&json!(1)));
        assert_eq!(lookup(&doc, "n"), None);
        assert_eq!(lookup(&doc, "missing.x"), None);
    }
}
