//! The request id: the caller's `x-request-id` when well-formed (1–128 characters of
//! `[A-Za-z0-9-_.:]`), else a new UUID; put in the request's extensions ([`RequestId`]) for the
//! layers and handlers after it, and sent back as `x-request-id` on every answer, refusals
//! included.

use tonic::body::Body;
use tonic::codegen::http::{self, HeaderValue};

use super::{AroundLayer, Concern};
use crate::refusal::Refusal;

/// The id of one call.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Whether a caller's id is usable as given.
fn well_formed(v: &[u8]) -> bool {
    !v.is_empty()
        && v.len() <= 128
        && v.iter()
            .all(|c| c.is_ascii_alphanumeric() || b"-_.:".contains(c))
}

/// See the module.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestIds;

impl Concern for RequestIds {
    type State = HeaderValue;

    fn before<B>(&self, req: &mut http::Request<B>) -> Result<HeaderValue, Refusal> {
        let given = req
            .headers()
            .get("x-request-id")
            .filter(|v| well_formed(v.as_bytes()))
            .cloned();
        let value = match given {
            Some(v) => v,
            None => HeaderValue::try_from(uuid::Uuid::new_v4().to_string())
                .expect("a UUID is a header value"),
        };
        let id = value.to_str().unwrap_or_default().to_string();
        req.extensions_mut().insert(RequestId(id));
        Ok(value)
    }

    fn after(&self, value: HeaderValue, resp: &mut http::Response<Body>) {
        resp.headers_mut().insert("x-request-id", value);
    }
}

/// The request-id layer.
pub fn layer() -> AroundLayer<RequestIds> {
    AroundLayer(RequestIds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kept_when_well_formed_else_made() {
        let run = |given: Option<&str>| {
            let mut req = http::Request::new(());
            if let Some(g) = given {
                req.headers_mut().insert("x-request-id", g.parse().unwrap());
            }
            let v = RequestIds.before(&mut req).unwrap();
            let ext = req.extensions().get::<RequestId>().unwrap().0.clone();
            assert_eq!(v.to_str().unwrap(), ext);
            let mut resp = http::Response::new(Body::empty());
            RequestIds.after(v, &mut resp);
            resp.headers()["x-request-id"].to_str().unwrap().to_string()
        };
        assert_eq!(run(Some("partner-42")), "partner-42");
        assert_eq!(run(None).len(), 36);
        let made = run(Some("bad id with spaces"));
        assert_ne!(made, "bad id with spaces");
        assert_eq!(made.len(), 36);
    }
}
