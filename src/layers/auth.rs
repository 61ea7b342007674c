//! API keys for the report service: `authorization: Bearer <key>` or `x-api-key: <key>`. Keys are
//! kept as SHA-256 hashes and compared in constant time; they are never logged (only their id).
//! Health and reflection stay open (the layer is on the report routes only).

use std::sync::Arc;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tonic::body::Body;
use tonic::codegen::http;

use super::{AroundLayer, Concern};
use crate::refusal::Refusal;

/// The id of the key a caller used (recorded in the submission event).
#[derive(Debug, Clone)]
pub struct CallerId(pub String);

/// Configured keys: (id, SHA-256 of the key).
#[derive(Debug, Clone, Default)]
pub struct ApiKeys(Arc<Vec<(String, [u8; 32])>>);

impl ApiKeys {
    /// Parses keys, one per line or comma-separated, each `id:key` or a bare key (its id is
    /// `key<n>`). Blank lines and `#` comments are skipped.
    pub fn parse(text: &str) -> ApiKeys {
        let mut keys = Vec::new();
        for (n, item) in text
            .split(['\n', ','])
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .enumerate()
        {
            let (id, key) = match item.split_once(':') {
                Some((id, key)) => (id.trim().to_string(), key.trim()),
                None => (format!("key{}", n + 1), item),
            };
            if !key.is_empty() {
                keys.push((id, Sha256::digest(key.as_bytes()).into()));
            }
        }
        ApiKeys(Arc::new(keys))
    }

    /// Whether any key is configured (no keys: the service is open).
    pub fn enabled(&self) -> bool {
        !self.0.is_empty()
    }

    /// The id of the matching key.
    fn find(&self, presented: &str) -> Option<&str> {
        let h: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        // Every key is compared, whatever matches, so timing says nothing.
        let mut found = None;
        for (id, k) in self.0.iter() {
            if bool::from(k.ct_eq(&h)) {
                found = Some(id.as_str());
            }
        }
        found
    }

    /// The id of the key a request presents (`authorization: Bearer <key>` or `x-api-key`).
    pub fn caller(&self, headers: &http::HeaderMap) -> Option<&str> {
        let presented = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()))
            .map(str::trim)?;
        self.find(presented)
    }
}

impl Concern for ApiKeys {
    type State = ();

    /// Refuses calls without a valid key (UNAUTHENTICATED, without saying why); the caller's key
    /// id goes into the request's extensions ([`CallerId`]).
    fn before<B>(&self, req: &mut http::Request<B>) -> Result<(), Refusal> {
        if !self.enabled() {
            return Ok(());
        }
        let id = self
            .caller(req.headers())
            .ok_or(Refusal::Unauthenticated)?
            .to_string();
        req.extensions_mut().insert(CallerId(id));
        Ok(())
    }

    fn after(&self, _: (), _: &mut http::Response<Body>) {}
}

/// The auth layer (open when no key is configured).
pub fn layer(keys: ApiKeys) -> AroundLayer<ApiKeys> {
    AroundLayer(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_match() {
        let k = ApiKeys::parse("# partners\nshiwei:s3cret\nplain-key\n\n");
        assert!(k.enabled());
        assert_eq!(k.find("s3cret"), Some("shiwei"));
        assert_eq!(k.find("plain-key"), Some("key2"));
        assert_eq!(k.find("wrong"), None);
        assert!(!ApiKeys::parse("").enabled());
    }

    #[test]
    fn the_layer_refuses_and_admits() {
        let k = ApiKeys::parse("a:xyz");
        let mut ok = http::Request::new(());
        ok.headers_mut()
            .insert("authorization", "Bearer xyz".parse().unwrap());
        k.before(&mut ok).unwrap();
        assert_eq!(ok.extensions().get::<CallerId>().unwrap().0, "a");
        let mut alt = http::Request::new(());
        alt.headers_mut()
            .insert("x-api-key", "xyz".parse().unwrap());
        assert!(k.before(&mut alt).is_ok());
        let e = k.before(&mut http::Request::new(())).unwrap_err();
        assert!(matches!(e, Refusal::Unauthenticated));
        // No keys: open.
        assert!(
            ApiKeys::default()
                .before(&mut http::Request::new(()))
                .is_ok()
        );
    }
}
