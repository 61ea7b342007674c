//! Prometheus metrics of every call: `grpc_server_handled_total{grpc_method, grpc_code}`,
//! `grpc_server_handling_seconds{grpc_method}` and the `grpc_server_in_flight` gauge; the final
//! status is recorded on the call's span too (`rpc.grpc.status_code`).

use std::time::Instant;

use tonic::Code;
use tonic::body::Body;
use tonic::codegen::http;

use super::{AroundLayer, Concern, code_of, method_of};
use crate::refusal::Refusal;

/// See the module.
#[derive(Debug, Clone, Copy, Default)]
pub struct Metrics;

/// One call in flight (the gauge goes down when it ends, however it ends).
pub struct InFlight {
    method: &'static str,
    start: Instant,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        metrics::gauge!("grpc_server_in_flight").decrement(1.0);
    }
}

impl Concern for Metrics {
    type State = InFlight;

    fn before<B>(&self, req: &mut http::Request<B>) -> Result<InFlight, Refusal> {
        metrics::gauge!("grpc_server_in_flight").increment(1.0);
        Ok(InFlight {
            method: method_of(req.uri().path()),
            start: Instant::now(),
        })
    }

    fn after(&self, call: InFlight, resp: &mut http::Response<Body>) {
        let code = code_of(resp);
        metrics::counter!("grpc_server_handled_total", "grpc_method" => call.method, "grpc_code" => code_name(code)).increment(1);
        metrics::histogram!("grpc_server_handling_seconds", "grpc_method" => call.method)
            .record(call.start.elapsed().as_secs_f64());
        tracing::Span::current().record("rpc.grpc.status_code", code as i32);
    }
}

/// The metrics layer.
pub fn layer() -> AroundLayer<Metrics> {
    AroundLayer(Metrics)
}

/// The label of a status code (as its Rust name: `Ok`, `DeadlineExceeded`, ...).
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "Ok",
        Code::Cancelled => "Cancelled",
        Code::Unknown => "Unknown",
        Code::InvalidArgument => "InvalidArgument",
        Code::DeadlineExceeded => "DeadlineExceeded",
        Code::NotFound => "NotFound",
        Code::AlreadyExists => "AlreadyExists",
        Code::PermissionDenied => "PermissionDenied",
        Code::ResourceExhausted => "ResourceExhausted",
        Code::FailedPrecondition => "FailedPrecondition",
        Code::Aborted => "Aborted",
        Code::OutOfRange => "OutOfRange",
        Code::Unimplemented => "Unimplemented",
        Code::Internal => "Internal",
        Code::Unavailable => "Unavailable",
        Code::DataLoss => "DataLoss",
        Code::Unauthenticated => "Unauthenticated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_are_the_debug_names() {
        for i in 0..17 {
            let c = Code::from_i32(i);
            assert_eq!(code_name(c), format!("{c:?}"));
        }
    }
}
