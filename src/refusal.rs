//! google.rpc details for the refusals tonic makes itself (a message over the size limit, before
//! or after decompression; an unsupported compression; an undecodable message; an unknown
//! method): they reach callers with an ErrorInfo (reason, the service domain, the limit) and a
//! zh-CN LocalizedMessage, like the service's own errors.

use std::collections::HashMap;

use tonic::codegen::http;
use tonic::{Code, Status};

/// The reason and Chinese message of a refusal tonic made.
fn classify(code: Code, message: &str) -> (&'static str, &'static str) {
    let m = message.to_ascii_lowercase();
    match code {
        Code::OutOfRange | Code::ResourceExhausted
            if m.contains("too large") || m.contains("decompress") || m.contains("limit") =>
        {
            ("MESSAGE_TOO_LARGE", "请求消息（解压后）超过大小限制")
        }
        Code::Unimplemented if m.contains("compress") => (
            "COMPRESSION_UNSUPPORTED",
            "不支持该压缩方式，请使用 gzip 或 zstd",
        ),
        Code::Unimplemented => ("METHOD_UNKNOWN", "服务不提供该方法"),
        Code::Internal
            if m.contains("decod") || m.contains("decompress") || m.contains("protobuf") =>
        {
            ("REQUEST_UNDECODABLE", "请求消息无法解码")
        }
        Code::Cancelled => ("CANCELLED", "请求已被取消"),
        Code::Unavailable => ("UNAVAILABLE", "服务暂不可用，请稍后重试"),
        Code::DeadlineExceeded => ("DEADLINE_EXCEEDED", "请求处理超时"),
        Code::ResourceExhausted => ("RESOURCE_EXHAUSTED", "服务资源不足，请稍后重试"),
        _ => ("TRANSPORT_ERROR", "请求未能处理"),
    }
}

/// `status` with error details added, unless it already has some.
pub fn with_details(status: Status, max_message_bytes: usize) -> Status {
    if status.code() == Code::Ok || !status.details().is_empty() {
        return status;
    }
    let (reason, zh) = classify(status.code(), status.message());
    let mut meta = HashMap::new();
    if reason == "MESSAGE_TOO_LARGE" {
        meta.insert(
            "max_message_bytes".to_string(),
            max_message_bytes.to_string(),
        );
    }
    crate::service::error(
        status.code(),
        reason,
        status.message().to_string(),
        zh,
        &[],
        meta,
    )
}

/// Adds the details to the refusals of calls to `nianbao.*` services, and to unknown methods of
/// any service (other services' own errors, such as health's NOT_FOUND, keep theirs).
#[derive(Debug, Clone, Copy)]
pub struct RefusalLayer {
    pub max_message_bytes: usize,
}

impl<S> tower::Layer<S> for RefusalLayer {
    type Service = Refusal<S>;

    fn layer(&self, inner: S) -> Refusal<S> {
        Refusal {
            inner,
            max_message_bytes: self.max_message_bytes,
        }
    }
}

/// The service of [`RefusalLayer`].
#[derive(Debug, Clone)]
pub struct Refusal<S> {
    inner: S,
    max_message_bytes: usize,
}

type BoxFuture<T, E> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, E>> + Send>>;

impl<S, B, RB> tower::Service<http::Request<B>> for Refusal<S>
where
    S: tower::Service<http::Request<B>, Response = http::Response<RB>>,
    S::Future: Send + 'static,
    RB: 'static,
{
    type Response = http::Response<RB>;
    type Error = S::Error;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let ours = req.uri().path().starts_with("/nianbao.");
        let max = self.max_message_bytes;
        let call = self.inner.call(req);
        Box::pin(async move {
            let resp = call.await?;
            let unknown_method = resp
                .headers()
                .get("grpc-status")
                .is_some_and(|v| v.as_bytes() == b"12");
            Ok(if ours || unknown_method {
                add_details(resp, max)
            } else {
                resp
            })
        })
    }
}

/// Adds details to a trailers-only error response (the status in the headers) that has none.
/// Other responses pass untouched (errors of the service itself carry details already).
pub fn add_details<B>(mut resp: http::Response<B>, max_message_bytes: usize) -> http::Response<B> {
    let h = resp.headers();
    if !h.contains_key("grpc-status") || h.contains_key("grpc-status-details-bin") {
        return resp;
    }
    let Some(status) = Status::from_header_map(h) else {
        return resp;
    };
    if status.code() == Code::Ok {
        return resp;
    }
    let detailed = with_details(status, max_message_bytes);
    if detailed.add_header(resp.headers_mut()).is_err() {
        tracing::warn!(
            code = ?detailed.code(),
            "cannot add error details to a refusal"
        );
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic_types::StatusExt;

    #[test]
    fn tonic_refusals_get_a_reason_and_a_limit() {
        let s = with_details(
            Status::out_of_range(
                "Error, decoded message length too large: found 15010 bytes, the limit is: 4096 bytes",
            ),
            4096,
        );
        let info = s.get_details_error_info().expect("ErrorInfo");
        assert_eq!(info.reason, "MESSAGE_TOO_LARGE");
        assert_eq!(info.metadata["max_message_bytes"], "4096");
        assert!(s.get_details_localized_message().is_some());
        assert_eq!(s.code(), Code::OutOfRange);
        assert_eq!(
            with_details(Status::unimplemented(""), 1)
                .get_details_error_info()
                .unwrap()
                .reason,
            "METHOD_UNKNOWN"
        );
        // Details already there are kept.
        let own = crate::service::error(
            Code::InvalidArgument,
            "INPUT_EMPTY",
            "x".into(),
            "空",
            &[],
            HashMap::new(),
        );
        assert_eq!(
            with_details(own, 1)
                .get_details_error_info()
                .unwrap()
                .reason,
            "INPUT_EMPTY"
        );
    }

    #[test]
    fn trailers_only_responses_get_details() {
        let mut resp = http::Response::new(());
        Status::unimplemented("")
            .add_header(resp.headers_mut())
            .unwrap();
        let resp = add_details(resp, 1);
        assert!(resp.headers().contains_key("grpc-status-details-bin"));
        let s = Status::from_header_map(resp.headers()).unwrap();
        assert_eq!(s.get_details_error_info().unwrap().reason, "METHOD_UNKNOWN");
        // A normal response (status in the trailers) is left alone.
        let ok = add_details(http::Response::new(()), 1);
        assert!(ok.headers().is_empty());
    }
}
