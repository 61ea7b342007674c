//! google.rpc details on the refusals tonic makes itself before a handler runs (a message over
//! the size limit, an unsupported compression, an undecodable message, an unknown method), for
//! calls to `nianbao.*` services and unknown methods of any service: they reach callers with an
//! ErrorInfo and a zh-CN LocalizedMessage like the service's own refusals ([`Refusal::of_tonic`]).
//! Other services' own errors (health's NOT_FOUND) keep theirs.

use tonic::body::Body;
use tonic::codegen::http;
use tonic::{Code, Status};

use super::{AroundLayer, Concern, code_of};
use crate::refusal::Refusal;

/// See the module.
#[derive(Debug, Clone, Copy)]
pub struct Details {
    pub max_message_bytes: usize,
}

impl Concern for Details {
    /// Whether the call is to a `nianbao.*` service.
    type State = bool;

    fn before<B>(&self, req: &mut http::Request<B>) -> Result<bool, Refusal> {
        Ok(req.uri().path().starts_with("/nianbao."))
    }

    fn after(&self, ours: bool, resp: &mut http::Response<Body>) {
        if ours || code_of(resp) == Code::Unimplemented {
            add_details(resp, self.max_message_bytes);
        }
    }
}

/// The details layer.
pub fn layer(max_message_bytes: usize) -> AroundLayer<Details> {
    AroundLayer(Details { max_message_bytes })
}

/// Adds details to a trailers-only error response (the status in the headers) that has none.
/// Other responses pass untouched.
pub fn add_details<B>(resp: &mut http::Response<B>, max_message_bytes: usize) {
    let h = resp.headers();
    if !h.contains_key("grpc-status") || h.contains_key("grpc-status-details-bin") {
        return;
    }
    let Some(status) = Status::from_header_map(h) else {
        return;
    };
    if status.code() == Code::Ok {
        return;
    }
    let detailed = Refusal::detailed(status, max_message_bytes);
    if detailed.add_header(resp.headers_mut()).is_err() {
        tracing::warn!(code = ?detailed.code(), "cannot add error details to a refusal");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic_types::StatusExt;

    #[test]
    fn trailers_only_responses_get_details() {
        let mut resp = http::Response::new(());
        Status::unimplemented("")
            .add_header(resp.headers_mut())
            .unwrap();
        add_details(&mut resp, 1);
        assert!(resp.headers().contains_key("grpc-status-details-bin"));
        let s = Status::from_header_map(resp.headers()).unwrap();
        let want = Refusal::MethodUnknown {
            message: String::new(),
        };
        assert_eq!(s.get_details_error_info().unwrap().reason, want.reason());
        // A normal response (status in the trailers) is left alone.
        let mut ok = http::Response::new(());
        add_details(&mut ok, 1);
        assert!(ok.headers().is_empty());
    }
}
