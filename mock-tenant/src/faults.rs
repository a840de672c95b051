//! The fault knobs, and the schedule that decides which request, token
//! call or item each one hits. Everything is a function of event counters
//! and [`Faults::seed`], never of the clock or an unseeded random source,
//! so a failing run can be replayed exactly (the per-client rate limit is
//! the one exception: it is about time by nature).

use crate::ratelimit::RateLimit;
use std::time::Duration;

/// Faults. The `*_every` knobs count events: `Some(k)` hits the k-th,
/// 2k-th, 3k-th … event of their kind (API requests, token requests or
/// list items), shifted by a phase drawn from [`Faults::seed`]. A retry is
/// a new request, so it succeeds unless `k` is 1 or another knob hits it.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Shifts every schedule by a phase drawn from this seed, and picks
    /// which field of a wrong-typed item is wrong. 0 shifts nothing, so
    /// `Some(k)` hits exactly events k, 2k, 3k, …; any seed replays the
    /// same run.
    pub seed: u64,
    /// Answer every k-th API request 429 with `Retry-After`.
    pub rate_limit_every: Option<u64>,
    /// The `Retry-After` seconds sent with those 429s.
    pub retry_after_seconds: u64,
    /// Answer every k-th API request 503.
    pub server_error_every: Option<u64>,
    /// On every k-th API request, revoke every token first, so that
    /// request gets 401 and the client needs a new token.
    pub revoke_tokens_every: Option<u64>,
    /// Fail every k-th `POST /oauth/token`, before the credentials are
    /// looked at, as a gateway in front of the token service would.
    pub token_failure_every: Option<u64>,
    /// How those token requests fail.
    pub token_failure: TokenFailure,
    /// Drop the connection of every k-th API request, whatever its method.
    pub drop_connection_every: Option<u64>,
    /// How those connections are dropped.
    pub drop: DropKind,
    /// A real tenant's rate limit, per client id (ISC: [`RateLimit::ISC`]).
    /// Off by default.
    pub rate_limit: Option<RateLimit>,
    /// Make one field of every k-th account (in list order, the same in
    /// every response) the wrong JSON type, cycling through
    /// `locked: "false"` (a string where the spec says boolean),
    /// `nativeIdentity: 100000 + index` (a number where it says string),
    /// `hasEntitlements: "true"` and `isMachine: "false"`. The string
    /// values say what the right value is, so a lenient decoder loses
    /// nothing but the native identity's text.
    pub wrong_type_every: Option<u64>,
    /// Added to every API request.
    pub latency: Duration,
}

/// How a failing `POST /oauth/token` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenFailure {
    /// 503 with an `ErrorResponseDto`.
    #[default]
    ServiceUnavailable,
    /// 429 with `Retry-After`.
    TooManyRequests {
        /// The `Retry-After` seconds.
        retry_after_seconds: u64,
    },
    /// 503, then 429 with `Retry-After`, then 503, …
    Alternating {
        /// The `Retry-After` seconds of the 429s.
        retry_after_seconds: u64,
    },
}

/// How a dropped connection ends. What a client observes is checked by
/// this crate's tests (`tests/faults.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DropKind {
    /// The request is read and the connection closed without a byte of
    /// response: the client sees the connection closed before a message.
    BeforeHeaders,
    /// The status line, the headers and the first half of the body are
    /// sent, then the connection is closed: the client has a 200 whose
    /// body cannot be read to the end.
    MidBody,
    /// Before headers, then mid-body, then before headers, …
    #[default]
    Alternating,
}

/// Which events of one kind a `*_every` knob hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Schedule {
    every: Option<u64>,
    phase: u64,
}

impl Schedule {
    /// Whether the `number`-th event (counted from 1) is hit.
    pub(crate) fn hits(&self, number: u64) -> bool {
        self.every.is_some_and(|k| k > 0 && (number + self.phase).is_multiple_of(k))
    }

    /// Which hit the `number`-th event is (from 0), for one it hits: a
    /// function of the event number, so concurrent events cannot share one.
    pub(crate) fn ordinal(&self, number: u64) -> u64 {
        self.every.filter(|&k| k > 0).map_or(0, |k| ((number + self.phase) / k).saturating_sub(1))
    }
}

/// [`Faults`] with their phases drawn: what the server consults per event.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub rate_limit: Schedule,
    pub server_error: Schedule,
    pub revoke_tokens: Schedule,
    pub token_failure: Schedule,
    pub drop_connection: Schedule,
    pub wrong_type: Schedule,
    /// Where the cycle of wrong-typed fields starts.
    pub wrong_type_offset: usize,
}

impl Plan {
    pub(crate) fn new(faults: &Faults) -> Plan {
        // One generator drawn in a fixed order: the same seed gives the
        // same phases, whichever knobs are on.
        let mut rng = fastrand::Rng::with_seed(faults.seed);
        let seeded = faults.seed != 0;
        let mut schedule = |every: Option<u64>| {
            let drawn = rng.u64(..);
            let phase = match every {
                Some(k) if seeded && k > 0 => drawn % k,
                _ => 0,
            };
            Schedule { every, phase }
        };
        Plan {
            rate_limit: schedule(faults.rate_limit_every),
            server_error: schedule(faults.server_error_every),
            revoke_tokens: schedule(faults.revoke_tokens_every),
            token_failure: schedule(faults.token_failure_every),
            drop_connection: schedule(faults.drop_connection_every),
            wrong_type: schedule(faults.wrong_type_every),
            wrong_type_offset: if seeded { rng.usize(..) } else { 0 },
        }
    }
}

impl TokenFailure {
    /// The status and `Retry-After` of the `ordinal`-th failure (from 0).
    pub(crate) fn answer(self, ordinal: u64) -> (u16, Option<u64>) {
        match self {
            TokenFailure::ServiceUnavailable => (503, None),
            TokenFailure::TooManyRequests { retry_after_seconds } => (429, Some(retry_after_seconds)),
            TokenFailure::Alternating { retry_after_seconds } if ordinal % 2 == 1 => (429, Some(retry_after_seconds)),
            TokenFailure::Alternating { .. } => (503, None),
        }
    }
}

impl DropKind {
    /// Whether the `ordinal`-th drop (from 0) cuts the body, rather than
    /// closing before the headers.
    pub(crate) fn mid_body(self, ordinal: u64) -> bool {
        match self {
            DropKind::BeforeHeaders => false,
            DropKind::MidBody => true,
            DropKind::Alternating => ordinal % 2 == 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(schedule: Schedule, events: u64) -> Vec<u64> {
        (1..=events).filter(|&n| schedule.hits(n)).collect()
    }

    #[test]
    fn seed_zero_hits_the_multiples() {
        let plan = Plan::new(&Faults {
            rate_limit_every: Some(7),
            server_error_every: Some(11),
            ..Faults::default()
        });
        assert_eq!(hit(plan.rate_limit, 30), [7, 14, 21, 28]);
        assert_eq!(hit(plan.server_error, 30), [11, 22]);
        assert_eq!(hit(plan.drop_connection, 30), Vec::<u64>::new());
        assert_eq!(plan.wrong_type_offset, 0);
        assert_eq!([7, 14, 21].map(|n| plan.rate_limit.ordinal(n)), [0, 1, 2]);
    }

    #[test]
    fn a_seed_shifts_the_phase_and_replays_the_same() {
        let faults = |seed| Faults {
            seed,
            rate_limit_every: Some(7),
            drop_connection_every: Some(500),
            ..Faults::default()
        };
        let a = Plan::new(&faults(42));
        let b = Plan::new(&faults(42));
        assert_eq!((a.rate_limit, a.drop_connection), (b.rate_limit, b.drop_connection));
        // Still one hit per period, wherever it falls.
        let hits = hit(a.rate_limit, 70);
        assert_eq!(hits.len(), 10);
        assert!(hits.windows(2).all(|w| w[1] - w[0] == 7), "{hits:?}");
        let ordinals: Vec<u64> = hits.iter().map(|&n| a.rate_limit.ordinal(n)).collect();
        assert_eq!(ordinals, (0..10).collect::<Vec<_>>());
        // Some seed moves it off the multiples.
        assert!((1..20).any(|seed| Plan::new(&faults(seed)).rate_limit.phase != 0));
    }

    #[test]
    fn alternating_kinds_alternate() {
        let kinds: Vec<bool> = (0..4).map(|i| DropKind::Alternating.mid_body(i)).collect();
        assert_eq!(kinds, [false, true, false, true]);
        let token = TokenFailure::Alternating { retry_after_seconds: 2 };
        assert_eq!((token.answer(0), token.answer(1)), ((503, None), (429, Some(2))));
    }
}
