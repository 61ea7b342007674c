//! The clerks' web page (check a draft, check a batch, compare two years, fill in the tables),
//! served at `/` on the API port by [`crate::connect::FrontLayer`].
//!
//! Every file under `web/` is embedded in the binary at build time (build.rs), so the server reads
//! nothing at run time and needs no CDN. The page calls the JSON API (Connect unary) on the same
//! origin. Every answer carries a strict Content-Security-Policy: scripts, styles, images and
//! calls from the page's own origin only, no inline script or style, no frames, no forms posting
//! elsewhere. For developing the page, `serve --web-dir web` serves the files from disk instead.

use std::path::PathBuf;
use std::sync::Arc;

use tonic::body::Body;
use tonic::codegen::http::{self, HeaderValue, Method, StatusCode, header};

/// The embedded files: (`/name`, bytes), sorted by name.
pub static ASSETS: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/web_assets.rs"));

/// The Content-Security-Policy of every page answer.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Where the page comes from.
#[derive(Debug, Clone, Default)]
pub enum Page {
    /// The files embedded in the binary (the default).
    #[default]
    Embedded,
    /// Files read from a directory at each request (page development: `--web-dir`).
    Dir(Arc<PathBuf>),
    /// No page: `GET /` is 404 (`--web-ui false`).
    Off,
}

/// The media type of a file, by its extension.
pub fn media_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A request path as a file name under the page's root: `/` is `/index.html`; `None` for paths
/// that could leave the root or name hidden files.
fn file_of(path: &str) -> Option<String> {
    let path = if path == "/" { "/index.html" } else { path };
    let ok = path.starts_with('/')
        && path[1..].split('/').all(|seg| {
            !seg.is_empty()
                && !seg.starts_with('.')
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        });
    ok.then(|| path.to_string())
}

impl Page {
    /// The bytes of a page file, if it exists.
    pub fn file(&self, path: &str) -> Option<std::borrow::Cow<'static, [u8]>> {
        let name = file_of(path)?;
        match self {
            Page::Embedded => ASSETS
                .binary_search_by(|(n, _)| n.cmp(&name.as_str()))
                .ok()
                .map(|i| std::borrow::Cow::Borrowed(ASSETS[i].1)),
            Page::Dir(root) => std::fs::read(root.join(&name[1..]))
                .ok()
                .map(std::borrow::Cow::Owned),
            Page::Off => None,
        }
    }

    /// The answer to a GET or HEAD request that is not an API call.
    pub fn answer(&self, method: &Method, path: &str) -> http::Response<Body> {
        if method != Method::GET && method != Method::HEAD {
            let mut r = plain(
                StatusCode::METHOD_NOT_ALLOWED,
                "only GET and HEAD are served here; API calls are POST with application/json, application/grpc or application/grpc-web\n",
            );
            r.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return r;
        }
        let Some(bytes) = self.file(path) else {
            let why = if matches!(self, Page::Off) {
                "not found: the web page is turned off on this server (--web-ui false)\n"
            } else {
                "not found\n"
            };
            return plain(StatusCode::NOT_FOUND, why);
        };
        let name = file_of(path).unwrap_or_default();
        let len = bytes.len();
        let body = if method == Method::HEAD {
            Body::empty()
        } else {
            Body::new(http_body_util::Full::new(bytes::Bytes::from(
                bytes.into_owned(),
            )))
        };
        let mut r = http::Response::new(body);
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(media_type(&name)),
        );
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        // The page is small and changes with the binary: always revalidate.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        secure(h);
        r
    }
}

/// The security headers of every page answer.
fn secure(h: &mut http::HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
}

fn plain(status: StatusCode, text: &'static str) -> http::Response<Body> {
    let mut r = http::Response::new(Body::new(http_body_util::Full::new(
        bytes::Bytes::from_static(text.as_bytes()),
    )));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    secure(r.headers_mut());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_under_the_root() {
        assert_eq!(file_of("/").as_deref(), Some("/index.html"));
        assert_eq!(file_of("/app.js").as_deref(), Some("/app.js"));
        for bad in [
            "/../Cargo.toml",
            "/a/../../x",
            "//etc/passwd",
            "/.git/config",
            "/a%2e",
            "x",
        ] {
            assert_eq!(file_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn embedded_files_are_sorted_and_served_with_the_policy() {
        assert!(ASSETS.windows(2).all(|w| w[0].0 < w[1].0));
        let page = Page::Embedded;
        let r = page.answer(&Method::GET, "/no-such-file.js");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(r.headers()[header::CONTENT_SECURITY_POLICY], CSP);
        // The page is built in: `/` is web/index.html.
        let r = page.answer(&Method::GET, "/");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.headers()[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        assert_eq!(r.headers()[header::CONTENT_SECURITY_POLICY], CSP);
        let r = page.answer(&Method::HEAD, "/app.js");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        let r = page.answer(&Method::DELETE, "/");
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
        let r = Page::Off.answer(&Method::GET, "/");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}
