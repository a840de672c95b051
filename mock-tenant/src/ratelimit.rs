//! ISC's documented rate limit: at most N requests per sliding window of W
//! per client id, and past it 429 with `Retry-After` saying when a slot
//! frees. Only admitted requests take a slot, so a client that waits as
//! told gets through.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// At most `requests` API requests per `window`, per client id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests admitted per window.
    pub requests: usize,
    /// The sliding window.
    pub window: Duration,
}

impl RateLimit {
    /// What ISC documents: 100 requests per 10 seconds per client id.
    pub const ISC: RateLimit = RateLimit {
        requests: 100,
        window: Duration::from_secs(10),
    };
}

/// The admitted requests of the last window, per client id. Each queue
/// holds at most `requests` instants, so memory is bounded by the clients.
#[derive(Debug)]
pub(crate) struct SlidingWindow {
    limit: RateLimit,
    admitted: HashMap<String, VecDeque<Instant>>,
}

impl SlidingWindow {
    pub(crate) fn new(limit: RateLimit) -> Self {
        SlidingWindow {
            limit,
            admitted: HashMap::new(),
        }
    }

    /// Admits a request of `client` at `now`, or says how long until a
    /// slot frees.
    pub(crate) fn admit(&mut self, client: &str, now: Instant) -> Result<(), Duration> {
        let queue = self.admitted.entry(client.to_owned()).or_default();
        while queue.front().is_some_and(|&at| now.saturating_duration_since(at) >= self.limit.window) {
            queue.pop_front();
        }
        if queue.len() < self.limit.requests {
            queue.push_back(now);
            return Ok(());
        }
        // Full (and a zero limit never admits): the oldest slot frees
        // when it leaves the window.
        let frees_at = queue.front().map_or(now + self.limit.window, |&oldest| oldest + self.limit.window);
        Err(frees_at.saturating_duration_since(now))
    }
}

/// `Retry-After` is whole seconds: round up, so a client that waits that
/// long is admitted.
pub(crate) fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_n_per_window_then_says_when_the_oldest_slot_frees() {
        let mut limiter = SlidingWindow::new(RateLimit {
            requests: 3,
            window: Duration::from_secs(10),
        });
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        assert_eq!(limiter.admit("a", at(0)), Ok(()));
        assert_eq!(limiter.admit("a", at(1_000)), Ok(()));
        assert_eq!(limiter.admit("a", at(2_000)), Ok(()));
        assert_eq!(limiter.admit("a", at(2_500)), Err(Duration::from_millis(7_500)));
        // A rejected request takes no slot.
        assert_eq!(limiter.admit("a", at(9_999)), Err(Duration::from_millis(1)));
        assert_eq!(limiter.admit("a", at(10_000)), Ok(()));
        assert_eq!(limiter.admit("a", at(10_500)), Err(Duration::from_millis(500)));
    }

    #[test]
    fn each_client_id_has_its_own_window() {
        let mut limiter = SlidingWindow::new(RateLimit {
            requests: 1,
            window: Duration::from_secs(1),
        });
        let now = Instant::now();
        assert_eq!(limiter.admit("a", now), Ok(()));
        assert!(limiter.admit("a", now).is_err());
        assert_eq!(limiter.admit("b", now), Ok(()));
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_seconds(Duration::from_millis(7_500)), 8);
        assert_eq!(retry_after_seconds(Duration::from_secs(2)), 2);
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
    }
}
