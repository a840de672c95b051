//! What the tenant served, counted as it happens, so tests and the soak
//! can check that every fault they asked for actually fired.

use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};

/// Live counters; read them with [`crate::MockTenant::stats`].
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub api_requests: AtomicU64,
    pub token_requests: AtomicU64,
    pub tokens_issued: AtomicU64,
    pub token_failures: AtomicU64,
    pub unauthorized: AtomicU64,
    pub revoked: AtomicU64,
    pub rate_limited: AtomicU64,
    pub rate_limit_exceeded: AtomicU64,
    pub server_errors: AtomicU64,
    pub dropped_before_headers: AtomicU64,
    pub dropped_mid_body: AtomicU64,
    pub items_served: AtomicU64,
    pub wrong_typed_items_served: AtomicU64,
}

/// A copy of the counters at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatsSnapshot {
    /// API requests (everything but `POST /oauth/token`), faults and
    /// rejected ones included.
    pub api_requests: u64,
    /// `POST /oauth/token` requests.
    pub token_requests: u64,
    /// Tokens handed out.
    pub tokens_issued: u64,
    /// Token requests failed on purpose ([`crate::Faults::token_failure_every`]).
    pub token_failures: u64,
    /// API requests injected with a fault: the sum of `revoked`,
    /// `rate_limited`, `server_errors`, `dropped_before_headers` and
    /// `dropped_mid_body`. The per-client rate limit is a rule, not a
    /// fault, and is counted apart.
    pub injected_faults: u64,
    /// 401s, for any reason (missing, expired or revoked token).
    pub unauthorized: u64,
    /// 401s caused by [`crate::Faults::revoke_tokens_every`].
    pub revoked: u64,
    /// 429s injected by [`crate::Faults::rate_limit_every`].
    pub rate_limited: u64,
    /// 429s from the per-client rate limit ([`crate::Faults::rate_limit`]).
    pub rate_limit_exceeded: u64,
    /// 503s injected by [`crate::Faults::server_error_every`].
    pub server_errors: u64,
    /// Connections closed before any response byte.
    pub dropped_before_headers: u64,
    /// Connections closed in the middle of a response body.
    pub dropped_mid_body: u64,
    /// Items put in list responses (repeats after retries, and pages cut
    /// mid-body, included).
    pub items_served: u64,
    /// Of those, items with a wrong-typed field.
    pub wrong_typed_items_served: u64,
}

impl StatsSnapshot {
    /// Dropped connections of both kinds.
    pub fn dropped_connections(&self) -> u64 {
        self.dropped_before_headers + self.dropped_mid_body
    }
}

pub(crate) fn bump(counter: &AtomicU64) -> u64 {
    counter.fetch_add(1, Ordering::Relaxed) + 1
}

impl Stats {
    pub(crate) fn snapshot(&self) -> StatsSnapshot {
        let get = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        let revoked = get(&self.revoked);
        let rate_limited = get(&self.rate_limited);
        let server_errors = get(&self.server_errors);
        let dropped_before_headers = get(&self.dropped_before_headers);
        let dropped_mid_body = get(&self.dropped_mid_body);
        StatsSnapshot {
            api_requests: get(&self.api_requests),
            token_requests: get(&self.token_requests),
            tokens_issued: get(&self.tokens_issued),
            token_failures: get(&self.token_failures),
            injected_faults: revoked + rate_limited + server_errors + dropped_before_headers + dropped_mid_body,
            unauthorized: get(&self.unauthorized),
            revoked,
            rate_limited,
            rate_limit_exceeded: get(&self.rate_limit_exceeded),
            server_errors,
            dropped_before_headers,
            dropped_mid_body,
            items_served: get(&self.items_served),
            wrong_typed_items_served: get(&self.wrong_typed_items_served),
        }
    }
}
