//! When and how long to wait before trying a request again.

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use std::time::{Duration, SystemTime};

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
/// The wait before a retry is the response's `Retry-After` (seconds or an
/// HTTP date) in full, never less; without one, a jittered exponential
/// backoff from [`base_delay`](Self::base_delay), capped by
/// [`max_delay`](Self::max_delay). When the wait would end past
/// [`max_elapsed`](Self::max_elapsed), or the attempts are used up, the
/// error is returned at once, without waiting, and still carries
/// [`Error::retry_after`](crate::Error::retry_after).
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

    /// The jittered wait before attempt `attempt + 1` after `attempt` failed.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exponential = self.base_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let capped = exponential.min(self.max_delay);
        // Full jitter spreads clients that failed together.
        capped.mul_f64(fastrand::f64())
    }

    /// The same backoff without jitter, for waits that must not shrink to
    /// nothing (the next early token refresh).
    pub(crate) fn backoff_ceiling(&self, attempt: u32) -> Duration {
        self.base_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(16)).min(self.max_delay)
    }

    /// Whether a retry after `wait` stays within the attempts and the time
    /// budget, `elapsed` after the first attempt.
    pub(crate) fn allows(&self, attempt: u32, elapsed: Duration, wait: Duration) -> bool {
        attempt < self.max_attempts && elapsed.saturating_add(wait) <= self.max_elapsed
    }
}

pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS)
}

pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// `Retry-After` in seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let left = at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO);
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
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(10) <= Duration::from_millis(300));
        }
    }
}
