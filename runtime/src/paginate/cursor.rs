//! Paging with an opaque `next` cursor: the response's `next` goes into the
//! following request's `next` query parameter (`GET /launchers`).

use super::decode::{place, split};
use super::fetch::{fetch, Fetched, Shape};
use super::{set_query, Page, Remaining};
use crate::{Client, Error, Request};
use serde::de::DeserializeOwned;

pub(crate) struct CursorWalk {
    client: Client,
    request: Request,
    page_size: Option<u64>,
    remaining: Remaining,
    /// Items (decoded or not) delivered before the next page.
    position: u64,
    first: bool,
    done: bool,
}

impl CursorWalk {
    pub(crate) fn new(client: Client, mut request: Request, page_size: Option<u64>, max_items: Option<u64>) -> Self {
        let requested = super::requested_page_size(&mut request);
        CursorWalk {
            client,
            request,
            page_size: requested.or(page_size),
            remaining: Remaining(max_items),
            position: 0,
            first: true,
            done: false,
        }
    }

    pub(crate) async fn next<T: DeserializeOwned>(&mut self) -> Option<Result<Page<T>, Error>> {
        if self.done {
            return None;
        }
        self.page().await.transpose()
    }

    async fn page<T: DeserializeOwned>(&mut self) -> Result<Option<Page<T>>, Error> {
        let mut request = self.request.clone();
        if let Some(size) = self.page_size {
            set_query(&mut request, "limit", self.remaining.cap(size).to_string());
        }
        let Fetched {
            response,
            entries: mut items,
            next,
            described,
        } = fetch::<T>(self.client.clone(), request, Shape::Cursor).await?;
        let is_first = std::mem::replace(&mut self.first, false);
        match next.filter(|n| !n.is_empty()) {
            _ if items.is_empty() => self.done = true,
            None => self.done = true,
            Some(next) => {
                let previous = self.request.query.iter().find(|(key, _)| *key == "next").map(|(_, v)| v.as_str());
                if previous == Some(next.as_str()) {
                    return Err(Error::Pagination {
                        request: described,
                        message: format!("the server returned the cursor `{next}` twice"),
                    });
                }
                set_query(&mut self.request, "next", next);
            }
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
}
