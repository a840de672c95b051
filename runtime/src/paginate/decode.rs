//! A page's items, decoded one by one so that one bad item never costs the
//! others.
//!
//! The whole page is decoded in one pass first; only when that fails is it
//! split into raw items and each decoded alone. Pages that decode cost
//! nothing extra, and a page with a bad item costs one more pass.

use crate::{decode_json, Error};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::fmt;

/// One item of a page that does not decode, even leniently. The page's
/// other items are delivered; this says which one is missing and why.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ItemError {
    /// The page's request, as `METHOD /path`.
    pub request: String,
    /// The item's index in its page.
    pub index: usize,
    /// The item's position: for offset paging its `offset` (the page's
    /// offset plus `index`), otherwise the number of items before it in
    /// this pagination.
    pub position: u64,
    /// The JSON path of the failure inside the item (`identity.name`).
    pub path: String,
    /// What serde said.
    pub message: String,
    /// The item's JSON, as sent.
    pub raw: String,
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: item {} (index {} of its page) does not decode at `{}`: {}",
            self.request, self.position, self.index, self.path, self.message
        )
    }
}

impl std::error::Error for ItemError {}

/// A page body's entries in order: items, or why one does not decode.
pub(crate) type Entries<T> = Vec<Result<T, ItemError>>;

/// A `{"next": …, "items": […]}` page.
#[derive(Deserialize)]
#[serde(bound = "I: Deserialize<'de>")]
pub(crate) struct CursorBody<I> {
    #[serde(default)]
    pub(crate) next: Option<String>,
    #[serde(default = "Vec::new")]
    pub(crate) items: Vec<I>,
}

/// Decodes a JSON array of items. Fails only when the body is no array.
pub(crate) fn decode_array<T: DeserializeOwned>(request: &str, body: &[u8]) -> Result<Entries<T>, Error> {
    let whole = match decode_json::<Vec<T>>(request, body) {
        Ok(items) => return Ok(items.into_iter().map(Ok).collect()),
        Err(error) => error,
    };
    match serde_json::from_slice::<Vec<&RawValue>>(body) {
        Ok(raw) => Ok(decode_each(request, &raw)),
        Err(_) => Err(whole),
    }
}

/// Decodes a cursor page. Fails only when the body is no such page.
pub(crate) fn decode_cursor<T: DeserializeOwned>(request: &str, body: &[u8]) -> Result<(Option<String>, Entries<T>), Error> {
    let whole = match decode_json::<CursorBody<T>>(request, body) {
        Ok(page) => return Ok((page.next, page.items.into_iter().map(Ok).collect())),
        Err(error) => error,
    };
    match serde_json::from_slice::<CursorBody<&RawValue>>(body) {
        Ok(page) => Ok((page.next, decode_each(request, &page.items))),
        Err(_) => Err(whole),
    }
}

fn decode_each<T: DeserializeOwned>(request: &str, raw: &[&RawValue]) -> Entries<T> {
    raw.iter()
        .enumerate()
        .map(|(index, item)| {
            decode_json(request, item.get().as_bytes()).map_err(|error| {
                let (path, message) = match error {
                    Error::Decode { path, message, .. } => (path, message),
                    other => (String::from("."), other.to_string()),
                };
                tracing::warn!(request, index, %path, %message, "an item of the page does not decode; the others are kept");
                ItemError {
                    request: request.to_owned(),
                    index,
                    position: index as u64,
                    path,
                    message,
                    raw: item.get().to_owned(),
                }
            })
        })
        .collect()
}

/// Sets each failed entry's position, the page starting at `first`.
pub(crate) fn place<T>(entries: &mut Entries<T>, first: u64) {
    for entry in entries.iter_mut() {
        if let Err(error) = entry {
            error.position = first + error.index as u64;
        }
    }
}

/// Splits entries into the page's items and failures.
pub(crate) fn split<T>(entries: Entries<T>) -> (Vec<T>, Vec<ItemError>) {
    let mut items = Vec::with_capacity(entries.len());
    let mut failed = Vec::new();
    for entry in entries {
        match entry {
            Ok(item) => items.push(item),
            Err(error) => failed.push(error),
        }
    }
    (items, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: String,
        #[serde(default)]
        n: i64,
    }

    #[test]
    fn a_bad_item_costs_only_itself() {
        let body = br#"[{"id": "a", "n": "1"}, {"id": "b", "n": {"x": 1}}, {"id": "c"}]"#;
        let mut entries = decode_array::<Item>("GET /things", body).unwrap();
        place(&mut entries, 500);
        let (items, failed) = split(entries);
        assert_eq!(items, [Item { id: "a".into(), n: 1 }, Item { id: "c".into(), n: 0 }]);
        let [error] = &failed[..] else { panic!("{failed:?}") };
        assert_eq!((error.index, error.position, error.path.as_str()), (1, 501, "n"));
        assert_eq!(error.raw, r#"{"id": "b", "n": {"x": 1}}"#);
        assert!(error.to_string().starts_with("GET /things: item 501 (index 1 of its page) does not decode at `n`"), "{error}");
    }

    #[test]
    fn a_body_that_is_no_page_is_an_error() {
        assert!(matches!(decode_array::<Item>("GET /things", br#"{"id": "a"}"#), Err(Error::Decode { .. })));
        let (next, entries) = decode_cursor::<Item>("GET /l", br#"{"next": "n2", "items": [{"id": 1}, {"id": []}]}"#).unwrap();
        assert_eq!(next.as_deref(), Some("n2"));
        assert!(matches!(&entries[..], [Ok(Item { .. }), Err(ItemError { index: 1, .. })]), "{entries:?}");
    }
}
