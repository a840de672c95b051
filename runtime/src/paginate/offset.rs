//! `limit`/`offset` paging, optionally with pages requested ahead.

use super::decode::{place, split};
use super::fetch::{fetch, Fetched, Shape};
use super::{requested_page_size, set_query, take_query, Page, Remaining};
use crate::{Client, Error, Request};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use tokio::task::JoinHandle;

type PageResult<T> = Result<Fetched<T>, Error>;

pub(crate) struct OffsetWalk<T> {
    client: Client,
    /// The user's request without `limit` and `offset`.
    request: Request,
    page_size: u64,
    /// Offset of the next page to request.
    next_offset: u64,
    /// Exclusive bound: the total once known, or where `max_items` ends.
    end: Option<u64>,
    remaining: Remaining,
    prefetch: usize,
    /// Add `count=true` to the first request, to learn where to stop.
    ask_count: bool,
    first_seen: bool,
    in_flight: VecDeque<Scheduled<T>>,
    previous_body: Option<Bytes>,
    done: bool,
}

struct Scheduled<T> {
    offset: u64,
    limit: u64,
    task: Task<T>,
}

enum Task<T> {
    /// Sequential paging: sent when awaited.
    Later(Request),
    /// Prefetching: already running on another task.
    Running(AbortOnDrop<PageResult<T>>),
}

/// A spawned page request that is cancelled when the stream is dropped or
/// ends early, so no request outlives its consumer.
struct AbortOnDrop<R>(JoinHandle<R>);

impl<R> Drop for AbortOnDrop<R> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl<T: DeserializeOwned + Send + 'static> OffsetWalk<T> {
    pub(crate) fn new(client: Client, mut request: Request, page_size: u64, has_count: bool, max_items: Option<u64>, prefetch: usize) -> Self {
        // A limit or offset set on the builder is the page size and the start.
        let page_size = requested_page_size(&mut request).unwrap_or(page_size).max(1);
        let start = take_query(&mut request, "offset").and_then(|v| v.parse().ok()).unwrap_or(0);
        let counted = request.query.iter().any(|(key, _)| *key == "count");
        OffsetWalk {
            client,
            request,
            page_size,
            next_offset: start,
            end: max_items.map(|n| start + n),
            remaining: Remaining(max_items),
            prefetch,
            ask_count: prefetch > 0 && has_count && !counted,
            first_seen: false,
            in_flight: VecDeque::new(),
            previous_body: None,
            done: false,
        }
    }

    /// Requests pages until `prefetch` are waiting beyond the next one. The
    /// first page goes alone: it may end the walk or give the total.
    fn schedule(&mut self) {
        let depth = if self.first_seen { 1 + self.prefetch } else { 1 };
        while self.in_flight.len() < depth && self.end.is_none_or(|end| self.next_offset < end) {
            let limit = self.end.map_or(self.page_size, |end| self.page_size.min(end - self.next_offset));
            let mut request = self.request.clone();
            set_query(&mut request, "limit", limit.to_string());
            set_query(&mut request, "offset", self.next_offset.to_string());
            if self.ask_count && !self.first_seen {
                set_query(&mut request, "count", "true".into());
            }
            let task = if self.prefetch > 0 {
                Task::Running(AbortOnDrop(tokio::spawn(fetch(self.client.clone(), request, Shape::Array))))
            } else {
                Task::Later(request)
            };
            self.in_flight.push_back(Scheduled {
                offset: self.next_offset,
                limit,
                task,
            });
            self.next_offset += limit;
        }
    }

    async fn run(&self, task: Task<T>) -> PageResult<T> {
        match task {
            Task::Later(request) => fetch(self.client.clone(), request, Shape::Array).await,
            Task::Running(mut handle) => match (&mut handle.0).await {
                Ok(result) => result,
                // The task is never aborted while awaited; a panic in it is
                // passed on as Tokio itself would.
                Err(error) => std::panic::resume_unwind(error.into_panic()),
            },
        }
    }

    fn finish(&mut self) {
        self.done = true;
        self.in_flight.clear();
    }

    pub(crate) async fn next(&mut self) -> Option<Result<Page<T>, Error>> {
        if self.done {
            return None;
        }
        self.schedule();
        let Some(Scheduled { offset, limit, task }) = self.in_flight.pop_front() else {
            self.finish();
            return None;
        };
        let is_first = !self.first_seen;
        let fetched = match self.run(task).await {
            Ok(fetched) => fetched,
            Err(error) if !is_first && is_end_of_data(&error) => {
                self.finish();
                return None;
            }
            // The stream ends after an error; dropping the walk cancels the rest.
            Err(error) => return Some(Err(error)),
        };
        self.first_seen = true;
        let Fetched {
            response,
            entries: mut items,
            described,
            ..
        } = fetched;
        if is_first {
            if let Some(total) = crate::response::total_count(&response.headers) {
                self.end = Some(self.end.map_or(total, |end| end.min(total)));
            }
        }
        if !items.is_empty() && self.previous_body.as_ref() == Some(&response.body) {
            self.finish();
            return Some(Err(Error::Pagination {
                request: described,
                message: format!("the page at offset {offset} repeats the previous page; the server may ignore `offset`"),
            }));
        }
        let full = items.len() as u64 >= limit;
        self.remaining.take(&mut items);
        let at_end = self.end.is_some_and(|end| offset + limit >= end);
        if !full || at_end || self.remaining.exhausted() {
            self.finish();
        }
        if items.is_empty() && !is_first {
            return None;
        }
        self.previous_body = Some(response.body);
        place(&mut items, offset);
        let (items, failed) = split(items);
        Some(Ok(Page {
            items,
            failed,
            status: response.status,
            headers: response.headers,
        }))
    }
}

/// The 400 some endpoints answer when `offset` is exactly the total (a
/// total that is a multiple of the page size): the end of the data. Other
/// 4xx responses stay errors.
fn is_end_of_data(error: &Error) -> bool {
    match error {
        Error::Status(e) if e.status == reqwest::StatusCode::BAD_REQUEST => String::from_utf8_lossy(&e.body).to_ascii_lowercase().contains("offset"),
        _ => false,
    }
}
