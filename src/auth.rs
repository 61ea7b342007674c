//! API keys for the report service: `authorization: Bearer <key>` or `x-api-key: <key>`. Keys are
//! kept as SHA-256 hashes and compared in constant time; they are never logged (only their id).
//! Health and reflection stay open (the interceptor is on the report service only).

use std::sync::Arc;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tonic::{Request, Status};

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

    /// The interceptor: refuses calls without a valid key (UNAUTHENTICATED, without saying why).
    pub fn check(&self, mut req: Request<()>) -> Result<Request<()>, Status> {
        if !self.enabled() {
            return Ok(req);
        }
        let md = req.metadata();
        let presented = md
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .or_else(|| md.get("x-api-key").and_then(|v| v.to_str().ok()))
            .map(str::trim);
        match presented.and_then(|p| self.find(p)) {
            Some(id) => {
                let id = id.to_string();
                req.extensions_mut().insert(CallerId(id));
                Ok(req)
            }
            None => Err(crate::service::error(
                tonic::Code::Unauthenticated,
                "UNAUTHENTICATED",
                "a valid API key is required (authorization: Bearer <key>, or x-api-key)".into(),
                "需要有效的 API 密钥",
                &[],
                Default::default(),
            )),
        }
    }
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
    fn interceptor_refuses_and_admits() {
        let k = ApiKeys::parse("a:xyz");
        let mut ok = Request::new(());
        ok.metadata_mut()
            .insert("authorization", "Bearer xyz".parse().unwrap());
        let ok = k.check(ok).unwrap();
        assert_eq!(ok.extensions().get::<CallerId>().unwrap().0, "a");
        let mut alt = Request::new(());
        alt.metadata_mut()
            .insert("x-api-key", "xyz".parse().unwrap());
        assert!(k.check(alt).is_ok());
        let e = k.check(Request::new(())).unwrap_err();
        assert_eq!(e.code(), tonic::Code::Unauthenticated);
    }
}
