//! The whole-call deadline: a backstop around every call, from its headers to its answer.
//!
//! The handlers bound their own work (DEADLINE_EXCEEDED when evaluation outlasts the deadline), but
//! they only start once tonic has read and decoded the request: a client that trickles a request
//! body, or keeps a `SummarizeStream` open without finishing it, would hold a stream and its memory
//! for as long as it liked. This layer answers DEADLINE_EXCEEDED (with google.rpc details) when a
//! call has not been answered within the deadline (the caller's `grpc-timeout` or the server's
//! maximum, whichever is shorter) plus a small margin that lets the handlers answer first when
//! they can.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tonic::Code;
use tonic::codegen::http;

/// How much longer than the deadline the backstop waits (the handler's own answer is preferred).
pub const MARGIN: Duration = Duration::from_millis(250);

/// Wraps every call in the whole-call deadline.
#[derive(Debug, Clone, Copy)]
pub struct DeadlineLayer {
    pub max: Duration,
}

impl<S> tower::Layer<S> for DeadlineLayer {
    type Service = Deadline<S>;

    fn layer(&self, inner: S) -> Deadline<S> {
        Deadline {
            inner,
            max: self.max,
        }
    }
}

/// The service of [`DeadlineLayer`].
#[derive(Debug, Clone)]
pub struct Deadline<S> {
    inner: S,
    max: Duration,
}

type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S, B> tower::Service<http::Request<B>> for Deadline<S>
where
    S: tower::Service<http::Request<B>, Response = http::Response<tonic::body::Body>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = S::Error;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let deadline = req
            .headers()
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(crate::service::parse_grpc_timeout)
            .map_or(self.max, |t| t.min(self.max));
        let method = req
            .uri()
            .path()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let call = self.inner.call(req);
        Box::pin(async move {
            match tokio::time::timeout(deadline.saturating_add(MARGIN), call).await {
                Ok(r) => r,
                Err(_) => {
                    metrics::counter!("grpc_server_handled_total", "grpc_method" => method.clone(), "grpc_code" => "DeadlineExceeded").increment(1);
                    tracing::warn!(
                        rpc = %method,
                        deadline_ms = deadline.as_millis() as u64,
                        "call not answered within its deadline (slow request or stream); cancelled"
                    );
                    Ok(exceeded(deadline).into_http())
                }
            }
        })
    }
}

/// The DEADLINE_EXCEEDED status of a call cut by the backstop.
fn exceeded(deadline: Duration) -> tonic::Status {
    crate::service::error(
        Code::DeadlineExceeded,
        "DEADLINE_EXCEEDED",
        format!(
            "the call was not completed within {} ms (request not fully received, or stream not finished)",
            deadline.as_millis()
        ),
        "请求未在时限内完成（请求未传完或流未结束）",
        &[],
        HashMap::from([("deadline_ms".to_string(), deadline.as_millis().to_string())]),
    )
}
