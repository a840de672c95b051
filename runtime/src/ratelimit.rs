//! Client-side rate limiting, so that long jobs and prefetching stay under
//! ISC's documented limit (100 requests per 10 seconds per client id; past
//! it the API answers 429 with `Retry-After`) instead of finding it.
//!
//! Hand-written rather than taken from `governor` or a token bucket: a
//! bucket of N tokens refilled at N per window lets 2N requests through in
//! the first window (the full bucket, then the refill), which is exactly
//! the burst that earns a 429. This is a sliding window: every send time is
//! reserved in advance, and the (k+N)th send is never less than one window
//! after the kth, so no window of that length, anywhere, holds more than N.
//!
//! The client spaces sends a fiftieth of the window wider than the limit
//! (10.2 s for ISC's 10 s). The server counts arrivals, not sends: when the
//! kth request took a little longer on its way than the (k+N)th (a new
//! connection, a busy proxy), an exact spacing puts N+1 arrivals in the
//! server's window, and the 429 that earns pauses every request for its
//! `Retry-After`. The margin costs 2 % of the throughput at the limit.

use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::time::Duration;
use tokio::time::Instant;

/// How many requests a client sends per window of time.
///
/// The default is ISC's documented limit, 100 requests per 10 seconds.
/// Sends are spaced 2 % wider than the limit, so that the server, which
/// counts arrivals, never sees one request too many in its window.
/// One limit is shared by every clone of a [`Client`](crate::Client), and
/// by every client built in the process with the same base URL, client id
/// and limit, so prefetching and parallel tasks are shaped together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit(Option<Window>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Window {
    requests: u32,
    window: Duration,
}

impl RateLimit {
    /// At most `requests` (at least 1) in any `window`; a zero window is
    /// no limit.
    pub fn per_window(requests: u32, window: Duration) -> Self {
        RateLimit(Some(Window {
            requests: requests.max(1),
            window,
        }))
    }

    /// No client-side limit: requests go out as they come, and a 429 is
    /// handled by each request's own retries, without pausing the others.
    pub fn none() -> Self {
        RateLimit(None)
    }

    /// Whether a limit applies.
    pub fn is_limited(&self) -> bool {
        self.0.is_some_and(|w| !w.window.is_zero())
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit::per_window(100, Duration::from_secs(10))
    }
}

/// The shared state of one limit: reserved send times and the pause a 429
/// asked for.
pub(crate) struct Limiter {
    requests: usize,
    window: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The last `requests` reserved send times, oldest first, some possibly
    /// still in the future.
    sent: VecDeque<Instant>,
    /// No request is sent before this (a 429's `Retry-After`).
    paused_until: Option<Instant>,
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter").field("requests", &self.requests).field("window", &self.window).finish_non_exhaustive()
    }
}

enum Next {
    Paused(Instant),
    SendAt(Instant),
}

impl Limiter {
    fn new(window: Window) -> Self {
        Limiter {
            requests: window.requests as usize,
            window: window.window + window.window / 50,
            state: Mutex::new(State::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state stays consistent between statements, so a panic
        // elsewhere while it was held leaves nothing half-done.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until one more request may be sent, and counts it as sent.
    pub(crate) async fn acquire(&self) {
        loop {
            let next = {
                let mut state = self.lock();
                let now = Instant::now();
                match state.paused_until.filter(|until| *until > now) {
                    Some(until) => Next::Paused(until),
                    None => {
                        let at = if state.sent.len() < self.requests { now } else { (state.sent[0] + self.window).max(now) };
                        state.sent.push_back(at);
                        if state.sent.len() > self.requests {
                            state.sent.pop_front();
                        }
                        Next::SendAt(at)
                    }
                }
            };
            match next {
                Next::Paused(until) => tokio::time::sleep_until(until).await,
                Next::SendAt(at) => {
                    tokio::time::sleep_until(at).await;
                    // A 429 that arrived meanwhile pauses this request too;
                    // the slot it reserved is given up, which only spaces
                    // later requests further.
                    if self.lock().paused_until.is_none_or(|until| until <= Instant::now()) {
                        return;
                    }
                }
            }
        }
    }

    /// Holds every request of this limit for `wait` (a 429's `Retry-After`),
    /// those already waiting for a slot included.
    pub(crate) fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut state = self.lock();
        if state.paused_until.is_none_or(|current| current < until) {
            state.paused_until = Some(until);
        }
    }
}

type Registry = Mutex<HashMap<Key, Weak<Limiter>>>;

#[derive(PartialEq, Eq, Hash)]
struct Key {
    base_url: String,
    identity: String,
    limit: Window,
}

/// The limiter of `identity` (a client id) at `base_url`, shared with every
/// client of the process that has the same key; `None` without a limit.
pub(crate) fn shared(base_url: &str, identity: String, limit: RateLimit) -> Option<Arc<Limiter>> {
    let window = limit.0.filter(|_| limit.is_limited())?;
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    let mut registry = REGISTRY.get_or_init(Registry::default).lock().unwrap_or_else(PoisonError::into_inner);
    // Clients come and go; their limiters go with the last of them.
    registry.retain(|_, limiter| limiter.strong_count() > 0);
    let key = Key {
        base_url: base_url.to_owned(),
        identity,
        limit: window,
    };
    if let Some(limiter) = registry.get(&key).and_then(Weak::upgrade) {
        return Some(limiter);
    }
    let limiter = Arc::new(Limiter::new(window));
    registry.insert(key, Arc::downgrade(&limiter));
    Some(limiter)
}

/// A registry key for a static bearer token, whose client id is unknown:
/// a hash, so the token itself is not kept twice.
pub(crate) fn bearer_identity(token: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    token.hash(&mut hasher);
    format!("bearer:{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_most_n_in_any_window(times: &[Instant], n: usize, window: Duration) -> bool {
        times.windows(n + 1).all(|w| w[n] - w[0] >= window)
    }

    #[tokio::test(start_paused = true)]
    async fn no_window_ever_holds_more_than_the_limit() {
        let limiter = Arc::new(Limiter::new(Window {
            requests: 3,
            window: Duration::from_secs(10),
        }));
        let start = Instant::now();
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let limiter = limiter.clone();
                tokio::spawn(async move {
                    limiter.acquire().await;
                    Instant::now()
                })
            })
            .collect();
        let mut times = Vec::new();
        for task in tasks {
            times.push(task.await.unwrap());
        }
        times.sort();
        assert!(at_most_n_in_any_window(&times, 3, Duration::from_secs(10)), "{:?}", times.iter().map(|t| *t - start).collect::<Vec<_>>());
        // A bucket of 3 refilled at 3 per 10 s would have sent 6 by 10 s.
        assert_eq!(times.iter().filter(|t| **t - start < Duration::from_secs(10)).count(), 3);
        // And no slower than the limit and its margin: 10 requests take
        // three windows of 10.2 s.
        assert_eq!(times[9] - start, Duration::from_millis(30_600));
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_holds_waiting_requests_and_new_ones() {
        let limiter = Arc::new(Limiter::new(Window {
            requests: 100,
            window: Duration::from_secs(10),
        }));
        let start = Instant::now();
        limiter.acquire().await;
        limiter.pause_for(Duration::from_secs(7));
        limiter.pause_for(Duration::from_secs(2)); // a shorter pause never shortens a longer one
        let waiting = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                limiter.acquire().await;
                Instant::now()
            })
        };
        assert_eq!(waiting.await.unwrap() - start, Duration::from_secs(7));
    }

    #[test]
    fn clients_with_the_same_key_share_a_limiter() {
        let limit = RateLimit::per_window(5, Duration::from_secs(1));
        let a = shared("https://a.example", "id".into(), limit).unwrap();
        let b = shared("https://a.example", "id".into(), limit).unwrap();
        let other = shared("https://a.example", "other".into(), limit).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &other));
        assert!(shared("https://a.example", "id".into(), RateLimit::none()).is_none());
        assert!(!bearer_identity("tok-secret").contains("tok-secret"));
    }
}
