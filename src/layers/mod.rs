//! The service path, one concern per tower layer (linkerd2-proxy style). On the server's router,
//! for every call: [`request_id::layer`] (outermost), [`metrics::layer`], [`details::layer`].
//! Around the report service (and the JSON routes to the same core): [`auth::layer`],
//! [`submission::layer`], [`deadline::DeadlineLayer`], [`gate::layer`]; the service itself keeps
//! only the RPCs.
//!
//! Most layers are a [`Concern`]: something done before the call (which may answer at once with
//! a [`Refusal`]) and after it, run by one generic [`Around`] service; the deadline wraps the
//! call's future and is a service of its own.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tonic::Code;
use tonic::body::Body;
use tonic::codegen::http;
use tonic::server::NamedService;

use crate::refusal::Refusal;

pub mod auth;
pub mod deadline;
pub mod details;
pub mod gate;
pub mod metrics;
pub mod request_id;
pub mod submission;

/// A boxed, sendable future.
pub type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

/// One concern of the service path.
pub trait Concern: Clone + Send + Sync + 'static {
    /// What `before` hands to `after`.
    type State: Send + 'static;
    /// Before the call: the state to go on with (the request may be changed, e.g. extensions
    /// added), or the refusal to answer with at once.
    fn before<B>(&self, req: &mut http::Request<B>) -> Result<Self::State, Refusal>;
    /// After the call (or the refusal), on its response. Not called when the call is dropped
    /// (the state's `Drop` runs then).
    fn after(&self, state: Self::State, resp: &mut http::Response<Body>);
}

/// The layer of a [`Concern`].
#[derive(Debug, Clone)]
pub struct AroundLayer<C>(pub C);

impl<C: Clone, S> tower::Layer<S> for AroundLayer<C> {
    type Service = Around<C, S>;

    fn layer(&self, inner: S) -> Around<C, S> {
        Around {
            concern: self.0.clone(),
            inner,
        }
    }
}

/// The service of an [`AroundLayer`].
#[derive(Debug, Clone)]
pub struct Around<C, S> {
    concern: C,
    inner: S,
}

impl<C, S, B> tower::Service<http::Request<B>> for Around<C, S>
where
    C: Concern,
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

    fn call(&mut self, mut req: http::Request<B>) -> Self::Future {
        let concern = self.concern.clone();
        match concern.before(&mut req) {
            Err(refusal) => Box::pin(async move { Ok(refusal.into_status().into_http()) }),
            Ok(state) => {
                let call = self.inner.call(req);
                Box::pin(async move {
                    let mut resp = call.await?;
                    concern.after(state, &mut resp);
                    Ok(resp)
                })
            }
        }
    }
}

impl<C, S: NamedService> NamedService for Around<C, S> {
    const NAME: &'static str = S::NAME;
}

/// The gRPC status of a response as far as its headers tell: a trailers-only answer (every
/// refusal) carries it there; any other answer is OK (its status follows in the trailers).
pub fn code_of<B>(resp: &http::Response<B>) -> Code {
    resp.headers()
        .get("grpc-status")
        .map_or(Code::Ok, |v| Code::from_bytes(v.as_bytes()))
}

/// The method of a call's path (`/nianbao.v1.ReportService/Validate` → `Validate`), as a static
/// string for metric labels: the methods this server has, else `other`.
pub fn method_of(path: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "Validate",
        "Summarize",
        "SummarizeStream",
        "Render",
        "ListRules",
        "Check",
        "Watch",
        "ServerReflectionInfo",
    ];
    let m = path.rsplit('/').next().unwrap_or_default();
    KNOWN.iter().find(|k| **k == m).copied().unwrap_or("other")
}
