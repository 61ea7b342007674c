//! JSON over HTTP on the gRPC port: the Connect protocol's unary calls
//! (<https://connectrpc.com/docs/protocol>), and gRPC-Web, next to gRPC on one listener.
//!
//! [`FrontLayer`] sits outside every other layer of the server and routes by content type:
//! `application/grpc*` passes through to the gRPC routes; `application/grpc-web*` goes through
//! tonic-web's translation to the same routes; `application/json` (and Connect's binary
//! `application/proto`) is a Connect unary call to the report service, which passes through the
//! same layers (request id, metrics, auth, the submission event, the deadline, the gate) to
//! [`Dispatch`], where [`unary`] decodes the body (bounded by `--max-message-bytes`), calls the
//! same [`ReportService`] method the gRPC route calls, and answers JSON. Inside the layers a
//! Connect call's refusal is a gRPC trailers-only answer like any other (so the layers read its
//! status from `grpc-status`); on the way out [`FrontLayer`] turns it into a Connect error: the
//! HTTP status of its code and the body `{"code", "message", "details"}`, each detail the
//! google.rpc message of the gRPC error (`type`, `value` as unpadded base64 of its protobuf
//! bytes, `debug` as JSON). A GET or HEAD without an API content type is the web page's
//! ([`crate::web`]); any other content type is answered 415.

use std::convert::Infallible;
use std::task::{Context, Poll};

use base64::Engine as _;
use http_body_util::BodyExt as _;
use prost::Message as _;
use tonic::body::Body;
use tonic::codegen::http::{self, HeaderMap, HeaderValue, Method, StatusCode, header};
use tonic::server::NamedService;
use tonic::{Code, Status};
use tower::ServiceExt as _;

use crate::layers::BoxFuture;
use crate::pb::report_service_server::ReportService;
use crate::refusal::Refusal;
use crate::service::Service;

/// The path prefix of the report service's methods.
pub const PREFIX: &str = "/nianbao.v1.ReportService/";

/// The report service's unary methods (the ones Connect unary calls reach).
pub const UNARY: &[&str] = &["Validate", "Summarize", "Render", "ListRules"];

/// How a Connect call's messages are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// `application/json`: proto3 JSON.
    Json,
    /// `application/proto`: protobuf binary.
    Proto,
}

impl Codec {
    /// The content type of its messages.
    pub fn content_type(self) -> &'static str {
        match self {
            Codec::Json => "application/json",
            Codec::Proto => "application/proto",
        }
    }
}

/// What protocol a request speaks, from its content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Grpc,
    GrpcWeb,
    Connect(Codec),
    Other,
}

/// The protocol of a request (its `content-type`, parameters ignored).
pub fn kind_of(headers: &HeaderMap) -> Kind {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return Kind::Other;
    };
    let ct = ct.split(';').next().unwrap_or_default().trim();
    let is = |t: &str| ct.eq_ignore_ascii_case(t);
    let starts = |p: &str| {
        ct.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    };
    if is("application/json") {
        Kind::Connect(Codec::Json)
    } else if is("application/proto") {
        Kind::Connect(Codec::Proto)
    } else if starts("application/grpc-web") {
        Kind::GrpcWeb
    } else if is("application/grpc") || starts("application/grpc+") {
        Kind::Grpc
    } else {
        Kind::Other
    }
}

/// The Connect name of a code (`invalid_argument`, ...).
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "ok",
        Code::Cancelled => "canceled",
        Code::Unknown => "unknown",
        Code::InvalidArgument => "invalid_argument",
        Code::DeadlineExceeded => "deadline_exceeded",
        Code::NotFound => "not_found",
        Code::AlreadyExists => "already_exists",
        Code::PermissionDenied => "permission_denied",
        Code::ResourceExhausted => "resource_exhausted",
        Code::FailedPrecondition => "failed_precondition",
        Code::Aborted => "aborted",
        Code::OutOfRange => "out_of_range",
        Code::Unimplemented => "unimplemented",
        Code::Internal => "internal",
        Code::Unavailable => "unavailable",
        Code::DataLoss => "data_loss",
        Code::Unauthenticated => "unauthenticated",
    }
}

/// The HTTP status of a Connect error with `code` (the protocol's table).
pub fn http_status(code: Code) -> StatusCode {
    let n = match code {
        Code::Ok => 200,
        Code::Cancelled => 499,
        Code::Unknown | Code::Internal | Code::DataLoss => 500,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => 400,
        Code::DeadlineExceeded => 504,
        Code::NotFound => 404,
        Code::AlreadyExists | Code::Aborted => 409,
        Code::PermissionDenied => 403,
        Code::ResourceExhausted => 429,
        Code::Unimplemented => 501,
        Code::Unavailable => 503,
        Code::Unauthenticated => 401,
    };
    StatusCode::from_u16(n).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The Connect error body of a status: `{"code", "message", "details"}`, each google.rpc detail
/// as `{"type", "value" (unpadded base64 of its protobuf bytes), "debug" (the detail as JSON)}`.
pub fn error_body(status: &Status) -> serde_json::Value {
    let mut body = serde_json::Map::new();
    body.insert("code".into(), code_name(status.code()).into());
    if !status.message().is_empty() {
        body.insert("message".into(), status.message().into());
    }
    let details: Vec<serde_json::Value> = tonic_types::pb::Status::decode(status.details())
        .map(|s| s.details)
        .unwrap_or_default()
        .iter()
        .map(|any| {
            let ty = any
                .type_url
                .rsplit_once('/')
                .map_or(any.type_url.as_str(), |(_, t)| t);
            let mut d = serde_json::json!({
                "type": ty,
                "value": base64::engine::general_purpose::STANDARD_NO_PAD.encode(&any.value),
            });
            if let Some(debug) = debug_of(ty, &any.value) {
                d["debug"] = debug;
            }
            d
        })
        .collect();
    if !details.is_empty() {
        body.insert("details".into(), details.into());
    }
    serde_json::Value::Object(body)
}

/// A detail this server sends, as JSON (field names as in proto3 JSON).
fn debug_of(ty: &str, value: &[u8]) -> Option<serde_json::Value> {
    use tonic_types::pb;
    Some(match ty {
        "google.rpc.ErrorInfo" => {
            let d = pb::ErrorInfo::decode(value).ok()?;
            serde_json::json!({"reason": d.reason, "domain": d.domain, "metadata": d.metadata})
        }
        "google.rpc.LocalizedMessage" => {
            let d = pb::LocalizedMessage::decode(value).ok()?;
            serde_json::json!({"locale": d.locale, "message": d.message})
        }
        "google.rpc.BadRequest" => {
            let d = pb::BadRequest::decode(value).ok()?;
            let v: Vec<_> = d
                .field_violations
                .iter()
                .map(|v| serde_json::json!({"field": v.field, "description": v.description}))
                .collect();
            serde_json::json!({ "fieldViolations": v })
        }
        _ => return None,
    })
}

/// A Connect error answer: `status` as its JSON body, with the HTTP status of its code (or
/// `http`), and `headers` kept (the request id) but the gRPC ones.
pub fn error_response(
    status: &Status,
    http: Option<StatusCode>,
    headers: HeaderMap,
) -> http::Response<Body> {
    let body = serde_json::to_vec(&error_body(status)).unwrap_or_default();
    let mut resp = http::Response::new(Body::new(http_body_util::Full::new(bytes::Bytes::from(
        body,
    ))));
    *resp.status_mut() = http.unwrap_or_else(|| http_status(status.code()));
    let h = resp.headers_mut();
    for (k, v) in headers.iter() {
        if !k.as_str().starts_with("grpc-")
            && k != header::CONTENT_TYPE
            && k != header::CONTENT_LENGTH
        {
            h.append(k.clone(), v.clone());
        }
    }
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// A Connect call's answer on its way out: a trailers-only gRPC refusal (a layer's or the
/// handler's) becomes a Connect error; a message passes as it is.
fn to_connect(resp: http::Response<Body>) -> http::Response<Body> {
    let Some(status) = resp
        .headers()
        .contains_key("grpc-status")
        .then(|| Status::from_header_map(resp.headers()))
        .flatten()
    else {
        return resp;
    };
    if status.code() == Code::Ok {
        return resp;
    }
    // An unknown method of the report service is a missing route (as Connect servers answer).
    let http = (status.code() == Code::Unimplemented
        && tonic_types::StatusExt::get_details_error_info(&status).is_some_and(|e| {
            e.reason
                == Refusal::MethodUnknown {
                    message: String::new(),
                }
                .reason()
        }))
    .then_some(StatusCode::NOT_FOUND);
    let (parts, _) = resp.into_parts();
    error_response(&status, http, parts.headers)
}

/// The front of the listener: routes by content type (see the module); a GET or HEAD that is no
/// API call is the web page's ([`crate::web`]).
#[derive(Debug, Clone, Default)]
pub struct FrontLayer {
    pub web: crate::web::Page,
}

impl<S: Clone> tower::Layer<S> for FrontLayer {
    type Service = Front<S>;

    fn layer(&self, inner: S) -> Front<S> {
        Front {
            inner,
            web: self.web.clone(),
        }
    }
}

/// The service of [`FrontLayer`].
#[derive(Debug, Clone)]
pub struct Front<S> {
    inner: S,
    web: crate::web::Page,
}

impl<S> tower::Service<http::Request<Body>> for Front<S>
where
    S: tower::Service<http::Request<Body>, Response = http::Response<Body>>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        // The ready service answers this call; a clone waits for the next one.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        match kind_of(req.headers()) {
            Kind::Grpc => Box::pin(inner.call(req)),
            Kind::GrpcWeb => {
                let web = tower::Layer::layer(&tonic_web::GrpcWebLayer::new(), inner);
                Box::pin(web.oneshot(req))
            }
            Kind::Connect(_) => {
                let refuse = |r: Refusal, http: StatusCode| -> Self::Future {
                    let resp = error_response(&r.into_status(), Some(http), HeaderMap::new());
                    Box::pin(async move { Ok(resp) })
                };
                if req.method() != Method::POST {
                    let mut f = refuse(
                        Refusal::ProtocolUnsupported {
                            message: format!(
                                "{} is not supported: Connect unary calls are POST",
                                req.method()
                            ),
                        },
                        StatusCode::METHOD_NOT_ALLOWED,
                    );
                    f = Box::pin(async move {
                        let mut r = f.await?;
                        r.headers_mut()
                            .insert(header::ALLOW, HeaderValue::from_static("POST"));
                        Ok(r)
                    });
                    return f;
                }
                if !req.uri().path().starts_with(PREFIX) {
                    return refuse(
                        Refusal::MethodUnknown {
                            message: format!(
                                "{} is not served over JSON (only nianbao.v1.ReportService is)",
                                req.uri().path()
                            ),
                        },
                        StatusCode::NOT_FOUND,
                    );
                }
                let call = inner.call(req);
                Box::pin(async move { Ok(to_connect(call.await?)) })
            }
            Kind::Other if matches!(*req.method(), Method::GET | Method::HEAD) => {
                let resp = self.web.answer(req.method(), req.uri().path());
                Box::pin(async move { Ok(resp) })
            }
            Kind::Other => {
                let ct = req
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
                let resp = error_response(
                    &Refusal::ProtocolUnsupported {
                        message: match ct {
                            Some(ct) => format!(
                                "content type {ct:?} is not served: use application/json (Connect), application/grpc or application/grpc-web"
                            ),
                            None => "no content type: use application/json (Connect), application/grpc or application/grpc-web".into(),
                        },
                    }
                    .into_status(),
                    Some(StatusCode::UNSUPPORTED_MEDIA_TYPE),
                    HeaderMap::new(),
                );
                Box::pin(async move { Ok(resp) })
            }
        }
    }
}

/// The report service's routes: gRPC to tonic's server, Connect calls to [`unary`] on the same
/// [`Service`]. Sits inside the report service's layers.
#[derive(Clone)]
pub struct Dispatch<G> {
    pub grpc: G,
    pub service: Service,
    pub max_message_bytes: usize,
}

impl<G: NamedService> NamedService for Dispatch<G> {
    const NAME: &'static str = G::NAME;
}

impl<G> tower::Service<http::Request<Body>> for Dispatch<G>
where
    G: tower::Service<http::Request<Body>, Response = http::Response<Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    G::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response, Infallible>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.grpc.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        match kind_of(req.headers()) {
            Kind::Connect(codec) => {
                let (svc, max) = (self.service, self.max_message_bytes);
                Box::pin(async move { Ok(unary(svc, codec, req, max).await) })
            }
            _ => {
                let clone = self.grpc.clone();
                let mut grpc = std::mem::replace(&mut self.grpc, clone);
                Box::pin(grpc.call(req))
            }
        }
    }
}

/// A Connect unary call to the report service: its answer, or its refusal as a gRPC
/// trailers-only answer (with details) for the layers and [`FrontLayer`].
pub async fn unary(
    svc: Service,
    codec: Codec,
    req: http::Request<Body>,
    max_message_bytes: usize,
) -> http::Response<Body> {
    match unary_inner(svc, codec, req, max_message_bytes).await {
        Ok(resp) => resp,
        Err(status) => Refusal::detailed(status, max_message_bytes).into_http(),
    }
}

async fn unary_inner(
    svc: Service,
    codec: Codec,
    req: http::Request<Body>,
    max: usize,
) -> Result<http::Response<Body>, Status> {
    let method = req
        .uri()
        .path()
        .strip_prefix(PREFIX)
        .unwrap_or_default()
        .to_string();
    if method == "SummarizeStream" {
        return Err(Refusal::ProtocolUnsupported {
            message: "SummarizeStream is a client-streaming method: call it over gRPC or gRPC-Web, or send the reports together to Summarize".into(),
        }
        .into_status());
    }
    if !UNARY.contains(&method.as_str()) {
        return Err(Refusal::MethodUnknown {
            message: format!("no method {method:?} in nianbao.v1.ReportService"),
        }
        .into_status());
    }
    if let Some(enc) = req
        .headers()
        .get(header::CONTENT_ENCODING)
        .filter(|v| !v.as_bytes().eq_ignore_ascii_case(b"identity"))
    {
        return Err(Refusal::CompressionUnsupported {
            message: format!(
                "Content-Encoding {:?} is not supported on JSON calls: send the body uncompressed",
                String::from_utf8_lossy(enc.as_bytes())
            ),
        }
        .into_status());
    }
    let (parts, body) = req.into_parts();
    let bytes = read_body(&parts.headers, body, max).await?;
    // The http request's extensions (the permit, the submission, the request id, the caller)
    // and headers reach the handler as they do on the gRPC route.
    fn request<T>(parts: http::request::Parts, msg: T) -> tonic::Request<T> {
        tonic::Request::from_http(http::Request::from_parts(parts, msg))
    }
    match method.as_str() {
        "Validate" => answer(
            codec,
            svc.validate(request(parts, decode(codec, &bytes)?)).await?,
        ),
        "Summarize" => answer(
            codec,
            svc.summarize(request(parts, decode(codec, &bytes)?))
                .await?,
        ),
        "Render" => answer(
            codec,
            svc.render(request(parts, decode(codec, &bytes)?)).await?,
        ),
        _ => answer(
            codec,
            svc.list_rules(request(parts, decode(codec, &bytes)?))
                .await?,
        ),
    }
}

/// The body of a call, at most `max` bytes (a larger one is refused as soon as it is known to
/// be, from its `Content-Length` or as it arrives: never more than `max` bytes are held).
async fn read_body(headers: &HeaderMap, body: Body, max: usize) -> Result<bytes::Bytes, Status> {
    let too_large = |size: String| {
        Refusal::MessageTooLarge {
            code: Code::OutOfRange,
            max,
            message: format!("request body of {size} bytes is over the limit of {max} bytes"),
        }
        .into_status()
    };
    if let Some(len) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|len| *len > max as u64)
    {
        return Err(too_large(len.to_string()));
    }
    match http_body_util::Limited::new(body, max).collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large("more".into())),
        Err(e) => Err(Refusal::Cancelled {
            message: format!("the request body could not be read: {e}"),
        }
        .into_status()),
    }
}

/// A request message from its body (an empty body is the empty message).
fn decode<T>(codec: Codec, bytes: &[u8]) -> Result<T, Status>
where
    T: prost::Message + Default + serde::de::DeserializeOwned,
{
    if bytes.is_empty() {
        return Ok(T::default());
    }
    let r = match codec {
        Codec::Json => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
        Codec::Proto => T::decode(bytes).map_err(|e| e.to_string()),
    };
    r.map_err(|message| Refusal::BodyInvalid { message }.into_status())
}

/// The answer of a call: its message, encoded.
fn answer<T>(codec: Codec, resp: tonic::Response<T>) -> Result<http::Response<Body>, Status>
where
    T: prost::Message + serde::Serialize,
{
    let msg = resp.into_inner();
    let bytes = match codec {
        Codec::Json => serde_json::to_vec(&msg).map_err(|e| {
            tracing::error!(error = %e, "cannot encode an answer as JSON");
            Refusal::Internal.into_status()
        })?,
        Codec::Proto => msg.encode_to_vec(),
    };
    let mut r = http::Response::new(Body::new(http_body_util::Full::new(bytes::Bytes::from(
        bytes,
    ))));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(codec.content_type()),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(ct: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, ct.parse().unwrap());
        h
    }

    #[test]
    fn requests_are_told_apart_by_content_type() {
        assert_eq!(kind_of(&headers("application/grpc")), Kind::Grpc);
        assert_eq!(kind_of(&headers("application/grpc+proto")), Kind::Grpc);
        assert_eq!(
            kind_of(&headers("application/grpc-web+proto")),
            Kind::GrpcWeb
        );
        assert_eq!(
            kind_of(&headers("application/grpc-web-text")),
            Kind::GrpcWeb
        );
        assert_eq!(
            kind_of(&headers("application/json; charset=utf-8")),
            Kind::Connect(Codec::Json)
        );
        assert_eq!(
            kind_of(&headers("Application/JSON")),
            Kind::Connect(Codec::Json)
        );
        assert_eq!(
            kind_of(&headers("application/proto")),
            Kind::Connect(Codec::Proto)
        );
        assert_eq!(kind_of(&headers("text/plain")), Kind::Other);
        assert_eq!(kind_of(&HeaderMap::new()), Kind::Other);
    }

    #[test]
    fn errors_carry_the_code_the_http_status_and_the_details() {
        let status = Refusal::Unauthenticated.into_status();
        let mut h = HeaderMap::new();
        h.insert("x-request-id", "r1".parse().unwrap());
        h.insert("grpc-status", "16".parse().unwrap());
        let resp = error_response(&status, None, h);
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(resp.headers()["x-request-id"], "r1");
        assert!(!resp.headers().contains_key("grpc-status"));
        let body = error_body(&status);
        assert_eq!(body["code"], "unauthenticated");
        assert_eq!(body["details"][0]["type"], "google.rpc.ErrorInfo");
        assert_eq!(body["details"][0]["debug"]["reason"], "UNAUTHENTICATED");
        assert_eq!(body["details"][1]["type"], "google.rpc.LocalizedMessage");
        let value = body["details"][0]["value"].as_str().unwrap();
        assert!(!value.ends_with('='));
        let raw = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(value)
            .unwrap();
        let info = tonic_types::pb::ErrorInfo::decode(raw.as_slice()).unwrap();
        assert_eq!(info.reason, "UNAUTHENTICATED");
        for i in 0..17 {
            let c = Code::from_i32(i);
            assert!(http_status(c).as_u16() >= 200, "{c:?}");
        }
        assert_eq!(http_status(Code::Cancelled).as_u16(), 499);
        assert_eq!(http_status(Code::ResourceExhausted).as_u16(), 429);
    }
}
