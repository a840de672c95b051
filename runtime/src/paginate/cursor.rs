//! Paging with an opaque `next` cursor: the response's `next` goes into the
//! following request's `next` query parameter (`GET /launchers`).

use super::fetch::{fetch, Fetched};
use super::{set_query, Page, Remaining};
use crate::{Client, Error, Request};
use serde::de::DeserializeOwned;
use serde::Deserialize;

pub(crate) struct CursorWalk {
    client: Client,
    request: Request,
    page_size: Option<u64>,
    remaining: Remaining,
    first: bool,
    done: bool,
}

#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct CursorPage<T> {
    #[serde(default)]
    next: Option<String>,
    #[serde(default = "Vec::new")]
    items: Vec<T>,
}

impl CursorWalk {
    pub(crate) fn new(client: Client, mut request: Request, page_size: Option<u64>, max_items: Option<u64>) -> Self {
        let requested = super::requested_page_size(&mut request);
        CursorWalk {
            client,
            request,
            page_size: requested.or(page_size),
            remaining: Remaining(max_items),
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
        let Fetched { response, decoded } = fetch::<CursorPage<T>>(self.client.clone(), request).await?;
        let CursorPage { next, mut items } = decoded;
        let is_first = std::mem::replace(&mut self.first, false);
        match next.filter(|n| !n.is_empty()) {
            _ if items.is_empty() => self.done = true,
            None => self.done = true,
            Some(next) => {
                let previous = self.request.query.iter().find(|(key, _)| *key == "next").map(|(_, v)| v.as_str());
                if previous == Some(next.as_str()) {
                    return Err(Error::Pagination {
                        request: self.request.describe(),
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
        Ok(Some(Page {
            items,
            status: response.status,
            headers: response.headers,
        }))
    }
}
