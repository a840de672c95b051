//! What a failed exchange tells about the request: whether it can have
//! reached the server, which decides whether a non-idempotent call may be
//! sent again.

use std::error::Error as _;
use std::io;

/// How an exchange failed without a response status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The connection was never made (refused, DNS failure, TLS handshake,
    /// connect timeout): no byte of the request left, so any method may be
    /// sent again.
    NotSent,
    /// The connection was lost before the response head arrived (reset,
    /// closed, incomplete message). The server may have acted on it.
    NoResponse,
    /// The head arrived but the body broke off.
    BodyInterrupted,
    /// The request or the body read timed out.
    TimedOut,
    /// Anything else (a malformed response, a redirect loop, a builder
    /// error): trying again will not help.
    Other,
}

impl Failure {
    /// Reads `error` and its source chain. `reqwest::Error::is_request`
    /// alone is no guide: it is set for every failure in sending, malformed
    /// responses included.
    pub(crate) fn of(error: &reqwest::Error) -> Failure {
        if error.is_connect() {
            return Failure::NotSent;
        }
        if error.is_timeout() {
            return Failure::TimedOut;
        }
        if error.is_body() || error.is_decode() {
            return Failure::BodyInterrupted;
        }
        if lost_connection(error) {
            return Failure::NoResponse;
        }
        Failure::Other
    }

    /// Whether the client sends a request again after this failure;
    /// `idempotent`: sending it twice does no harm.
    pub(crate) fn may_retry(self, idempotent: bool) -> bool {
        match self {
            Failure::NotSent => true,
            Failure::NoResponse | Failure::BodyInterrupted | Failure::TimedOut => idempotent,
            Failure::Other => false,
        }
    }

    /// Whether trying again later may succeed, whatever the method.
    pub(crate) fn is_transient(self) -> bool {
        self != Failure::Other
    }
}

fn lost_connection(error: &reqwest::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(hyper) = cause.downcast_ref::<hyper::Error>() {
            if hyper.is_incomplete_message() || hyper.is_closed() || hyper.is_canceled() || hyper.is_body_write_aborted() {
                return true;
            }
        }
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            if matches!(
                io.kind(),
                io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
                    | io::ErrorKind::BrokenPipe
                    | io::ErrorKind::UnexpectedEof
                    | io::ErrorKind::NotConnected
            ) {
                return true;
            }
        }
        source = cause.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::is_idempotent;
    use reqwest::Method;

    #[test]
    fn the_retry_rule_by_failure_and_method() {
        for method in [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS] {
            assert!(Failure::NoResponse.may_retry(is_idempotent(&method)));
            assert!(Failure::BodyInterrupted.may_retry(is_idempotent(&method)));
            assert!(Failure::TimedOut.may_retry(is_idempotent(&method)));
        }
        for method in [Method::POST, Method::PATCH] {
            assert!(Failure::NotSent.may_retry(is_idempotent(&method)));
            assert!(!Failure::NoResponse.may_retry(is_idempotent(&method)));
            assert!(!Failure::BodyInterrupted.may_retry(is_idempotent(&method)));
            assert!(!Failure::TimedOut.may_retry(is_idempotent(&method)));
        }
        assert!(!Failure::Other.may_retry(is_idempotent(&Method::GET)));
        assert!(!Failure::Other.is_transient());
    }
}
