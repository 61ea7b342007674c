//! The whole-call deadline: every call to the report routes is answered within its deadline (the
//! caller's `grpc-timeout`, or the server's maximum, whichever is shorter), from its headers to its
//! answer. A client that trickles a request body or keeps a `SummarizeStream` open cannot hold a
//! stream longer, and evaluation that outlasts the deadline is answered DEADLINE_EXCEEDED (its
//! work ends on its own thread, still holding its gate permit). An answer ready only after the
//! deadline has passed is late too (the timer is coarse, 1 ms): the caller has given up on it.

use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tonic::body::Body;
use tonic::codegen::http;
use tonic::server::NamedService;

use super::BoxFuture;
use crate::refusal::Refusal;

/// How much before the caller's own deadline the call is answered DEADLINE_EXCEEDED (two ticks
/// of tokio's 1 ms timer), so that this layer's answer, with its details, metrics and event,
/// comes before tonic's own cut.
pub const AHEAD_OF_TONIC: Duration = Duration::from_millis(2);

/// Wraps every call in its deadline.
#[derive(Debug, Clone, Copy)]
pub struct DeadlineLayer {
    /// The server's maximum.
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

impl<S: NamedService> NamedService for Deadline<S> {
    const NAME: &'static str = S::NAME;
}

impl<S, B> tower::Service<http::Request<B>> for Deadline<S>
where
    S: tower::Service<http::Request<B>, Response = http::Response<Body>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let started = Instant::now();
        // tonic cuts a call at the caller's `grpc-timeout` itself, outside every layer (CANCELLED,
        // no details, no metrics, no submission event): answer a little before it.
        // A Connect (JSON over HTTP) call gives its deadline in `Connect-Timeout-Ms`.
        let given = req
            .headers()
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_grpc_timeout)
            .map(|t| t.saturating_sub(AHEAD_OF_TONIC))
            .or_else(|| {
                req.headers()
                    .get("connect-timeout-ms")
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_connect_timeout)
            });
        let deadline = given.map_or(self.max, |t| t.min(self.max));
        let late = move || {
            Refusal::DeadlineExceeded { deadline }
                .into_status()
                .into_http()
        };
        if deadline.is_zero() {
            return Box::pin(async move { Ok(late()) });
        }
        let call = self.inner.call(req);
        Box::pin(async move {
            match tokio::time::timeout(deadline, call).await {
                Ok(Ok(_)) if started.elapsed() >= deadline => Ok(late()),
                Ok(r) => r,
                Err(_) => {
                    tracing::warn!(
                        deadline_ms = deadline.as_millis() as u64,
                        "call not answered within its deadline (slow evaluation, request or stream); cancelled"
                    );
                    Ok(late())
                }
            }
        })
    }
}

/// A `grpc-timeout` value: digits and a unit ("100m", "5S", "1M", ...); None when malformed.
pub fn parse_grpc_timeout(v: &str) -> Option<Duration> {
    if !v.is_ascii() {
        return None;
    }
    let (n, unit) = v.split_at(v.len().checked_sub(1)?);
    let n: u64 = n.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

/// A `Connect-Timeout-Ms` value: 1 to 10 digits, milliseconds; None when malformed.
pub fn parse_connect_timeout(v: &str) -> Option<Duration> {
    if v.is_empty() || v.len() > 10 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok().map(Duration::from_millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A service that answers OK after `delay`.
    #[derive(Clone)]
    struct Slow(Duration);

    impl tower::Service<http::Request<()>> for Slow {
        type Response = http::Response<Body>;
        type Error = std::convert::Infallible;
        type Future = BoxFuture<Self::Response, Self::Error>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _: http::Request<()>) -> Self::Future {
            let d = self.0;
            Box::pin(async move {
                tokio::time::sleep(d).await;
                Ok(http::Response::new(Body::empty()))
            })
        }
    }

    async fn code(max: Duration, timeout: Option<&str>, delay: Duration) -> tonic::Code {
        use tower::{Layer, ServiceExt};
        let mut req = http::Request::new(());
        if let Some(t) = timeout {
            req.headers_mut().insert("grpc-timeout", t.parse().unwrap());
        }
        let resp = DeadlineLayer { max }
            .layer(Slow(delay))
            .oneshot(req)
            .await
            .unwrap();
        super::super::code_of(&resp)
    }

    // Paused time: timers fire in virtual time, so the timing below is exact, not measured.
    #[tokio::test(start_paused = true)]
    async fn calls_are_answered_within_the_shorter_deadline() {
        use tonic::Code;
        let s = Duration::from_secs;
        let ms = Duration::from_millis;
        assert_eq!(code(s(5), None, ms(1)).await, Code::Ok);
        assert_eq!(code(ms(20), None, s(5)).await, Code::DeadlineExceeded);
        assert_eq!(code(s(5), Some("20m"), s(5)).await, Code::DeadlineExceeded);
        assert_eq!(code(s(5), Some("1n"), ms(0)).await, Code::DeadlineExceeded);
        assert_eq!(code(s(5), Some("5S"), ms(1)).await, Code::Ok);
        // Answered before the caller's own deadline (tonic's cut) by AHEAD_OF_TONIC.
        let t = tokio::time::Instant::now();
        assert_eq!(code(s(5), Some("50m"), s(5)).await, Code::DeadlineExceeded);
        assert_eq!(t.elapsed(), ms(50) - AHEAD_OF_TONIC);
    }

    #[tokio::test]
    async fn connect_timeouts_count_like_grpc_timeouts() {
        use tower::{Layer, ServiceExt};
        let mut req = http::Request::new(());
        req.headers_mut()
            .insert("connect-timeout-ms", "20".parse().unwrap());
        let resp = DeadlineLayer {
            max: Duration::from_secs(5),
        }
        .layer(Slow(Duration::from_secs(5)))
        .oneshot(req)
        .await
        .unwrap();
        assert_eq!(super::super::code_of(&resp), tonic::Code::DeadlineExceeded);
    }

    #[test]
    fn grpc_timeouts_parse() {
        assert_eq!(parse_grpc_timeout("100m"), Some(Duration::from_millis(100)));
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_grpc_timeout("5x"), None);
        assert_eq!(parse_grpc_timeout(""), None);
        assert_eq!(parse_grpc_timeout("m"), None);
        assert_eq!(
            parse_connect_timeout("250"),
            Some(Duration::from_millis(250))
        );
        assert_eq!(parse_connect_timeout("0"), Some(Duration::ZERO));
        assert_eq!(parse_connect_timeout("12345678901"), None);
        assert_eq!(parse_connect_timeout("-5"), None);
        assert_eq!(parse_connect_timeout(""), None);
    }
}
