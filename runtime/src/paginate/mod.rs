//! Pagination: a paginated operation becomes a lazy stream of pages or of
//! items. Three styles exist in the specs: `limit`/`offset` (most lists),
//! `sort` + `searchAfter` in the body (`POST /search`) and an opaque `next`
//! cursor (`GET /launchers`). Each style is a walk that decides the next
//! request from the previous page; the streams are shared.

mod cursor;
mod decode;
mod fetch;
mod offset;
mod search_after;
mod stream;

use crate::{Client, Error, Request};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

pub use decode::ItemError;
pub use stream::{Items, Pages};

/// One page of a paginated call, with the response's status and headers.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The items of this page that decode, in order.
    pub items: Vec<T>,
    /// The items of this page that do not decode even leniently, in order,
    /// each with its index in the page; usually empty.
    pub failed: Vec<ItemError>,
    /// The HTTP status of this page's response.
    pub status: StatusCode,
    /// The headers of this page's response.
    pub headers: HeaderMap,
}

impl<T> Page<T> {
    /// `X-Total-Count`, sent on pages requested with `count=true`.
    pub fn total_count(&self) -> Option<u64> {
        crate::response::total_count(&self.headers)
    }
}

/// How an operation pages. Generated code picks one per operation.
#[derive(Debug, Clone)]
enum Style {
    Offset { page_size: u64, has_count: bool },
    SearchAfter { page_size: u64 },
    Cursor { page_size: Option<u64> },
}

/// A paginated call, not yet started: set limits, then turn it into a
/// stream of [`items`](Pager::items) or [`pages`](Pager::pages), or
/// [`collect`](Pager::collect) everything.
///
/// Faults do not lose or repeat items: every page is one request that the
/// client retries as a whole (rate limits, gateway errors, a token refresh,
/// a dropped connection), and the next page is only chosen from a page
/// that arrived.
///
/// One bad item never ends a page: items are decoded leniently (see
/// [`de::Lenient`](crate::de::Lenient)), and an item that still does not
/// decode becomes an [`ItemError`] in its place. The other items are
/// delivered, and the pagination goes on.
#[must_use = "a pager does nothing until it is streamed or collected"]
pub struct Pager<T> {
    client: Client,
    request: Result<Request, Error>,
    style: Style,
    max_items: Option<u64>,
    prefetch: usize,
    item: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("request", &self.request)
            .field("style", &self.style)
            .field("max_items", &self.max_items)
            .field("prefetch", &self.prefetch)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> Pager<T> {
    fn new(client: &Client, request: Result<Request, Error>, style: Style) -> Self {
        Pager {
            client: client.clone(),
            request,
            style,
            max_items: None,
            prefetch: 0,
            item: PhantomData,
        }
    }

    /// `limit`/`offset` paging. `page_size` is the operation's largest
    /// allowed `limit`; a `limit` set on the request wins, and an `offset`
    /// set on it is where paging starts. `has_count`: the operation takes
    /// `count`, so prefetching can learn the total from the first page.
    pub fn offset(client: &Client, request: Result<Request, Error>, page_size: u64, has_count: bool) -> Self {
        Self::new(client, request, Style::Offset { page_size, has_count })
    }

    /// `POST /search` paging with `sort` and `searchAfter`, which goes past
    /// the 10,000-result window of `offset`.
    pub fn search_after(client: &Client, request: Result<Request, Error>, page_size: u64) -> Self {
        Self::new(client, request, Style::SearchAfter { page_size })
    }

    /// Paging with an opaque `next` cursor in the query and the response
    /// body (`{"next": "…", "items": […]}`).
    pub fn cursor(client: &Client, request: Result<Request, Error>, page_size: Option<u64>) -> Self {
        Self::new(client, request, Style::Cursor { page_size })
    }

    /// Stops after `max_items` items, and requests no more than needed.
    pub fn max_items(mut self, max_items: u64) -> Self {
        self.max_items = Some(max_items);
        self
    }

    /// Requests up to `pages` pages ahead of the consumer, concurrently and
    /// decoded on other tasks; order is kept. Offset paging only: the other
    /// styles need each page before the next request. Once the total is
    /// known (`count=true` is added to the first request when the operation
    /// takes it) no page past the end is requested; otherwise a few
    /// requests past the end may be made and are discarded.
    /// Needs a multi-threaded Tokio runtime to decode in parallel.
    pub fn prefetch(mut self, pages: usize) -> Self {
        self.prefetch = pages;
        self
    }

    /// A stream of pages, each with its status and headers, and the items
    /// that did not decode in [`Page::failed`].
    pub fn pages(self) -> Pages<T> {
        let walk = match self.request {
            Err(error) => stream::Walk::Failed(Some(error)),
            Ok(request) => match self.style {
                Style::Offset { page_size, has_count } => stream::Walk::Offset(offset::OffsetWalk::new(
                    self.client,
                    request,
                    page_size,
                    has_count,
                    self.max_items,
                    self.prefetch,
                )),
                Style::SearchAfter { page_size } => match search_after::SearchAfterWalk::new(self.client, request, page_size, self.max_items) {
                    Ok(walk) => stream::Walk::SearchAfter(walk),
                    Err(error) => stream::Walk::Failed(Some(error)),
                },
                Style::Cursor { page_size } => stream::Walk::Cursor(cursor::CursorWalk::new(self.client, request, page_size, self.max_items)),
            },
        };
        Pages::new(walk)
    }

    /// A stream of items, in order. An item that does not decode is an
    /// `Err(Error::Item(..))` in its place, and the stream goes on after
    /// it; any other error ends the stream.
    pub fn items(self) -> Items<T> {
        Items::new(self.pages())
    }

    /// Every item, in order.
    ///
    /// Fails at the first item that does not decode, with
    /// [`Error::Item`] (its position, JSON path and raw JSON), and requests
    /// no further page: nothing is dropped silently. To keep every item
    /// that decodes and learn which did not, use
    /// [`collect_with_failures`](Self::collect_with_failures).
    pub async fn collect(self) -> Result<Vec<T>, Error> {
        let mut pages = self.pages();
        let mut all = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page?;
            if let Some(failed) = page.failed.into_iter().next() {
                return Err(Error::Item(Box::new(failed)));
            }
            all.extend(page.items);
        }
        Ok(all)
    }

    /// Every item that decodes, in order, and every one that does not.
    /// Fails only when a page cannot be had.
    pub async fn collect_with_failures(self) -> Result<(Vec<T>, Vec<ItemError>), Error> {
        let mut pages = self.pages();
        let (mut all, mut failures) = (Vec::new(), Vec::new());
        while let Some(page) = pages.next().await {
            let page = page?;
            all.extend(page.items);
            failures.extend(page.failed);
        }
        Ok((all, failures))
    }
}

/// What is left of a `max_items` cap.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Remaining(Option<u64>);

impl Remaining {
    pub(crate) fn exhausted(self) -> bool {
        self.0 == Some(0)
    }

    /// Cuts `items` to the cap and counts them off.
    pub(crate) fn take<T>(&mut self, items: &mut Vec<T>) {
        if let Some(left) = &mut self.0 {
            items.truncate(usize::try_from(*left).unwrap_or(usize::MAX));
            *left -= items.len() as u64;
        }
    }

    /// A page size no larger than what is left.
    pub(crate) fn cap(self, page_size: u64) -> u64 {
        self.0.map_or(page_size, |left| page_size.min(left.max(1)))
    }
}

/// The page size a `limit` set on the builder asks for, removed from the
/// query so the walk can set its own per page.
pub(crate) fn requested_page_size(request: &mut Request) -> Option<u64> {
    take_query(request, "limit").and_then(|v| v.parse().ok()).filter(|&n| n > 0)
}

/// Removes `name` from the query and returns its value.
pub(crate) fn take_query(request: &mut Request, name: &str) -> Option<String> {
    let position = request.query.iter().position(|(key, _)| *key == name)?;
    Some(request.query.remove(position).1)
}

/// Sets `name` in the query, replacing any value.
pub(crate) fn set_query(request: &mut Request, name: &'static str, value: String) {
    request.query.retain(|(key, _)| *key != name);
    request.query.push((name, value));
}
