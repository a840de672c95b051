//! The public streams over a walk: pages, and items flattened from pages.

use super::cursor::CursorWalk;
use super::offset::OffsetWalk;
use super::search_after::SearchAfterWalk;
use super::{ItemError, Page};
use crate::Error;
use futures_util::stream::{BoxStream, Stream, StreamExt};
use serde::de::DeserializeOwned;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The state of one pagination, by style.
pub(crate) enum Walk<T> {
    /// The request could not be built: the stream yields this error once.
    Failed(Option<Error>),
    Offset(OffsetWalk<T>),
    SearchAfter(SearchAfterWalk),
    Cursor(CursorWalk),
}

impl<T: DeserializeOwned + Send + 'static> Walk<T> {
    async fn next(&mut self) -> Option<Result<Page<T>, Error>> {
        match self {
            Walk::Failed(error) => error.take().map(Err),
            Walk::Offset(walk) => walk.next().await,
            Walk::SearchAfter(walk) => walk.next().await,
            Walk::Cursor(walk) => walk.next().await,
        }
    }
}

/// A lazy stream of pages. Ends after the last page, or after the first
/// error.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T> {
    inner: BoxStream<'static, Result<Page<T>, Error>>,
    total: Option<u64>,
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("total", &self.total).finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> Pages<T> {
    pub(crate) fn new(walk: Walk<T>) -> Self {
        // After an error the walk is dropped: every style ends there, and
        // an offset walk's prefetched requests are cancelled with it.
        let inner = futures_util::stream::unfold(Some(walk), |walk| async move {
            let mut walk = walk?;
            let page = walk.next().await?;
            let rest = page.is_ok().then_some(walk);
            Some((page, rest))
        })
        .boxed();
        Pages { inner, total: None }
    }
}

impl<T> Pages<T> {
    /// The next page; the same as `StreamExt::next`, without the import.
    pub async fn next(&mut self) -> Option<Result<Page<T>, Error>> {
        StreamExt::next(self).await
    }

    /// `X-Total-Count` of the first page that carried it (ask with
    /// `count(true)`); `None` before that.
    pub fn total_count(&self) -> Option<u64> {
        self.total
    }
}

impl<T> Stream for Pages<T> {
    type Item = Result<Page<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let poll = self.inner.as_mut().poll_next(cx);
        if let Poll::Ready(Some(Ok(page))) = &poll {
            if self.total.is_none() {
                self.total = page.total_count();
            }
        }
        poll
    }
}

/// A lazy stream of items, page after page. An item that does not decode
/// is an `Err(Error::Item(..))` in its place, and the stream goes on; it
/// ends after the last item, or after any other error.
#[must_use = "streams do nothing unless polled"]
pub struct Items<T> {
    pages: Pages<T>,
    current: std::vec::IntoIter<T>,
    failed: std::iter::Peekable<std::vec::IntoIter<ItemError>>,
    /// The index in the current page of the next entry.
    index: usize,
}

// The items are moved out, never pinned in place.
impl<T> Unpin for Items<T> {}

impl<T> std::fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.current.len()).finish()
    }
}

impl<T> Items<T> {
    pub(crate) fn new(pages: Pages<T>) -> Self {
        Items {
            pages,
            current: Vec::new().into_iter(),
            failed: Vec::new().into_iter().peekable(),
            index: 0,
        }
    }

    /// The next item; the same as `StreamExt::next`, without the import.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        StreamExt::next(self).await
    }

    /// `X-Total-Count` of the first page that carried it; see
    /// [`Pages::total_count`].
    pub fn total_count(&self) -> Option<u64> {
        self.pages.total_count()
    }
}

impl<T> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            // A page's entries in order: the failed ones sit at their index.
            let entry = match this.failed.next_if(|failed| failed.index == this.index) {
                Some(failed) => Some(Err(Error::Item(Box::new(failed)))),
                None => this.current.next().map(Ok),
            };
            if let Some(entry) = entry {
                this.index += 1;
                return Poll::Ready(Some(entry));
            }
            if let Some(failed) = this.failed.next() {
                // Unreachable while indices are consistent; it only makes
                // sure that no failure is ever skipped.
                this.index = failed.index + 1;
                return Poll::Ready(Some(Err(Error::Item(Box::new(failed)))));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => {
                    this.current = page.items.into_iter();
                    this.failed = page.failed.into_iter().peekable();
                    this.index = 0;
                }
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.current.len() + self.failed.len(), None)
    }
}
