//! Connections: the accept loop, and the two ways a connection is dropped
//! on purpose. `axum::serve` hides the connection from handlers, and
//! closing one before any response byte needs it, so connections are
//! served here with hyper directly; each request carries a
//! [`Connection`] handle in its extensions.

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tower_service::Service;

/// The connection a request came on.
#[derive(Clone)]
pub(crate) struct Connection {
    close: Arc<Notify>,
}

impl Connection {
    /// Closes the connection now, before the response to the current
    /// request is written; the caller should never answer.
    pub(crate) fn close(&self) {
        // A stored permit: the connection task sees it even if it is not
        // waiting at this instant.
        self.close.notify_one();
    }
}

/// Accepts connections until `shutdown`'s sender is dropped. Connection
/// tasks end with their connection or at shutdown, whichever is first.
pub(crate) async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<()>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait, as axum::serve does.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => return,
        };
        tokio::spawn(connection(stream, router.clone(), shutdown.clone()));
    }
}

async fn connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<()>) {
    let handle = Connection { close: Arc::new(Notify::new()) };
    let close = handle.close.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(handle.clone());
        let mut router = router.clone();
        // The router is always ready (axum documents it), so no poll_ready.
        async move { router.call(request).await }
    });
    let served = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    // Dropping the connection future drops the socket: the peer sees the
    // connection closed, with whatever was already written.
    tokio::select! {
        _ = served => {}
        _ = close.notified() => {}
        _ = shutdown.changed() => {}
    }
}

/// Closes `request`'s connection before any byte of a response; never
/// returns. Without a [`Connection`] (a router served elsewhere) it
/// answers 503 instead.
pub(crate) async fn drop_before_headers(request: Request) -> Response {
    // Taken out first: the request itself is not `Sync`, so it cannot be
    // borrowed across the await.
    let connection = request.extensions().get::<Connection>().cloned();
    drop(request);
    match connection {
        Some(connection) => {
            connection.close();
            std::future::pending().await
        }
        None => Response::builder().status(503).body(Body::empty()).expect("a valid response"),
    }
}

/// `response` with its body cut in half: the status, the headers and the
/// first half go out, then the body fails and hyper aborts the connection
/// (a chunked body without its last chunk: the client cannot mistake it
/// for a complete one).
pub(crate) async fn cut_mid_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let first_half = bytes.slice(..bytes.len() / 2);
    let chunks = futures_util::stream::unfold(0u8, move |step| {
        let first_half = first_half.clone();
        async move {
            match step {
                0 => Some((Ok(first_half), 1)),
                1 => {
                    // Pending once, so hyper flushes the headers and the
                    // first half before it sees the error.
                    tokio::task::yield_now().await;
                    Some((Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "mock tenant: dropped mid-body")), 2))
                }
                _ => None,
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(chunks))
}
