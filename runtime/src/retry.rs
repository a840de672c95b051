//! When and how long to wait before trying a request again.

use reqwest::header::{HeaderMap, DATE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use std::time::{Duration, SystemTime};
use tokio::time::Instant;

/// When the client sends a request again, and for how long it keeps trying.
///
/// The rule, per failure:
///
/// | failure | retried for |
/// |---|---|
/// | 429 Too Many Requests | every method: the server did not act on it |
/// | 502, 503, 504 | GET, HEAD, PUT, DELETE, OPTIONS |
/// | no connection made (refused, DNS, TLS, connect timeout) | every method: nothing was sent |
/// | connection lost before the response (reset, closed, incomplete message) | GET, HEAD, PUT, DELETE, OPTIONS |
/// | response body cut off, or a request timeout | GET, HEAD, PUT, DELETE, OPTIONS |
/// | 401 | every method, once, with a fresh token (client credentials only) |
/// | any other status or failure | never |
///
/// POST and PATCH are not idempotent: after a failure that may have
/// reached the server they are not sent again, since the server may have
/// acted on them. A request marked [`idempotent`](crate::Request::idempotent)
/// (search pagination's `POST /search`) is retried like a GET.
///
/// The wait before a retry is the response's `Retry-After` (seconds, or an
/// HTTP date read against the response's own `Date`) in full, never less;
/// without one, an exponential backoff from [`base_delay`](Self::base_delay)
/// with equal jitter (at least half of each step, so a server that is down
/// for a moment is not retried out within that moment), capped by
/// [`max_delay`](Self::max_delay). When the wait would end past
/// [`max_elapsed`](Self::max_elapsed), or the attempts are used up, the
/// error is returned at once, without waiting, and still carries
/// [`Error::retry_after`](crate::Error::retry_after).
///
/// A 429 uses no attempt: it is the server pacing a healthy request, and
/// under a busy tenant's limit a long job meets hundreds of them. Only
/// `max_elapsed` bounds how long a request is throttled (and `max_attempts
/// = 1` still turns every retry off).
///
/// The token endpoint follows the same policy: its 429, 5xx, connection
/// failures and timeouts are retried (asking for a token has no side
/// effect); 400 and 401 mean the credentials are wrong and are not.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// No retry starts, or is waited for, past this much time since the
    /// first attempt.
    pub max_elapsed: Duration,
    /// The first backoff; it doubles each attempt, with full jitter.
    pub base_delay: Duration,
    /// The longest computed backoff. A server's `Retry-After` is not capped
    /// by it: retrying earlier than asked only earns another 429.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_elapsed: Duration::from_secs(120),
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The jittered wait after the `failure`-th failure in a row.
    pub(crate) fn backoff(&self, failure: u32) -> Duration {
        let ceiling = self.backoff_ceiling(failure);
        // Equal jitter: the jitter spreads clients that failed together,
        // and the fixed half keeps the waits adding up to something.
        ceiling / 2 + (ceiling / 2).mul_f64(fastrand::f64())
    }

    /// The same backoff without jitter, for waits that must not shrink
    /// (the next early token refresh).
    pub(crate) fn backoff_ceiling(&self, failure: u32) -> Duration {
        self.base_delay.saturating_mul(1u32 << failure.saturating_sub(1).min(16)).min(self.max_delay)
    }
}

/// The retries of one request (or one token request) so far, against its
/// [`RetryPolicy`].
pub(crate) struct RetryBudget<'a> {
    policy: &'a RetryPolicy,
    /// The first send: the time budget runs from it, not from a queue.
    started: Option<Instant>,
    failures: u32,
    throttles: u32,
}

impl<'a> RetryBudget<'a> {
    pub(crate) fn new(policy: &'a RetryPolicy) -> Self {
        RetryBudget {
            policy,
            started: None,
            failures: 0,
            throttles: 0,
        }
    }

    /// Called before each send; the first call starts the clock.
    pub(crate) fn sending(&mut self) {
        self.started.get_or_insert_with(Instant::now);
    }

    /// Sends so far, retries included.
    pub(crate) fn sends(&self) -> u32 {
        self.failures + self.throttles + 1
    }

    /// After a failure that may be retried: the wait before the next
    /// attempt (`retry_after`, else the backoff), or `None` when the
    /// attempts or the time budget are spent.
    pub(crate) fn after_failure(&mut self, retry_after: Option<Duration>) -> Option<Duration> {
        self.failures += 1;
        let wait = retry_after.unwrap_or_else(|| self.policy.backoff(self.failures));
        (self.failures < self.policy.max_attempts && self.within_budget(wait)).then_some(wait)
    }

    /// After a 429: the wait, or `None` past the time budget. It uses no
    /// attempt (see [`RetryPolicy`]).
    pub(crate) fn after_throttle(&mut self, retry_after: Option<Duration>) -> Option<Duration> {
        self.throttles += 1;
        let wait = retry_after.unwrap_or_else(|| self.policy.backoff(self.throttles));
        (self.policy.max_attempts > 1 && self.within_budget(wait)).then_some(wait)
    }

    fn within_budget(&self, wait: Duration) -> bool {
        let elapsed = self.started.map_or(Duration::ZERO, |started| started.elapsed());
        elapsed.saturating_add(wait) <= self.policy.max_elapsed
    }
}

pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS)
}

pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// `Retry-After` in seconds or as an HTTP date. A date is read against the
/// response's `Date` header when it has one: both are the server's clock,
/// so a client clock that runs ahead does not shorten the wait.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    // Not RFC 9110's form, but servers send it: fractional seconds, rounded
    // up rather than retried early.
    if let Ok(seconds) = value.parse::<f64>() {
        if seconds.is_finite() && seconds >= 0.0 {
            // `as` saturates: an absurd value waits as long as a `u64` can say.
            return Some(Duration::from_secs(seconds.ceil() as u64));
        }
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let server_now = headers
        .get(DATE)
        .and_then(|date| date.to_str().ok())
        .and_then(|date| httpdate::parse_http_date(date.trim()).ok())
        .unwrap_or_else(SystemTime::now);
    let left = at.duration_since(server_now).unwrap_or(Duration::ZERO);
    // The date has whole seconds; the server's instant may be up to a
    // second later than it reads, so round up rather than retry early.
    Some(Duration::from_secs(left.as_secs() + u64::from(left.subsec_nanos() > 0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&later).unwrap());
        let wait = retry_after(&headers).unwrap();
        assert!(wait > Duration::from_secs(27) && wait <= Duration::from_secs(30), "{wait:?}");
        headers.insert(RETRY_AFTER, HeaderValue::from_static("1.2"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("-3"));
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn a_retry_after_date_is_read_against_the_servers_date() {
        // The server's clock is an hour behind this one: by the local clock
        // the date has passed, by the server's it is 40 s away.
        let server_now = SystemTime::now() - Duration::from_secs(3600);
        let mut headers = HeaderMap::new();
        headers.insert(DATE, HeaderValue::from_str(&httpdate::fmt_http_date(server_now)).unwrap());
        let at = httpdate::fmt_http_date(server_now + Duration::from_secs(40));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&at).unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(40)));
    }

    #[tokio::test(start_paused = true)]
    async fn throttling_uses_no_attempt_and_only_the_time_budget_ends_it() {
        let policy = RetryPolicy {
            max_attempts: 3,
            max_elapsed: Duration::from_secs(60),
            ..RetryPolicy::default()
        };
        let mut budget = RetryBudget::new(&policy);
        budget.sending();
        for _ in 0..20 {
            assert_eq!(budget.after_throttle(Some(Duration::from_secs(1))), Some(Duration::from_secs(1)));
        }
        assert!(budget.after_failure(None).is_some());
        assert!(budget.after_failure(None).is_some());
        assert!(budget.after_failure(None).is_none(), "the third failure ends the three attempts");
        assert_eq!(budget.sends(), 24);

        let mut budget = RetryBudget::new(&policy);
        budget.sending();
        tokio::time::advance(Duration::from_secs(59)).await;
        assert_eq!(budget.after_throttle(Some(Duration::from_secs(1))), Some(Duration::from_secs(1)));
        assert_eq!(budget.after_throttle(Some(Duration::from_secs(2))), None, "past the time budget");
        assert_eq!(RetryBudget::new(&RetryPolicy::none()).after_throttle(Some(Duration::ZERO)), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100), "{first:?}");
            let late = policy.backoff(10);
            assert!(late >= Duration::from_millis(150) && late <= Duration::from_millis(300), "{late:?}");
        }
    }
}
