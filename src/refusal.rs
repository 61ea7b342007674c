//! Every reason a request is refused, as one closed enum: each variant has its gRPC code, its
//! stable reason string (google.rpc.ErrorInfo), its English and Chinese messages and its details,
//! and [`Refusal::into_status`] is the one place they become a `Status`. The reason strings are
//! written here and nowhere else; `docs/errors.md` is generated from [`Refusal::catalogue`] (a
//! test keeps it current).
//!
//! tonic refuses some requests itself, before a handler runs (a message over the size limit, an
//! unsupported compression, an undecodable message, an unknown method): [`Refusal::of_tonic`]
//! recognises those by their code and structure (never by the words of their messages) and gives
//! them the same details.

use std::collections::HashMap;
use std::time::Duration;

use nianbao_core::input::ReadError;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// The error domain of ErrorInfo details.
pub const DOMAIN: &str = "nianbao.v1.ReportService";

/// A problem with one field of a request (google.rpc.BadRequest.FieldViolation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub field: String,
    pub description: String,
}

/// Where a request had no report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// `input` (or `previous`) unset: none of text, file or report.
    Input,
    /// `inputs` empty (Summarize).
    Inputs,
    /// A SummarizeStream that carried no message.
    Stream,
}

/// Why a request was refused.
#[derive(Debug, Clone)]
pub enum Refusal {
    /// No report where one is required.
    InputMissing { field: String, missing: Missing },
    /// The report could not be read.
    Unreadable { field: String, error: ReadError },
    /// A structured report or the options have invalid fields.
    ReportInvalid { violations: Vec<Violation> },
    /// `view` is not a ResponseView.
    ViewUnknown { view: i32 },
    /// `format` is unset or not a RenderFormat.
    FormatInvalid { format: i32 },
    /// More reports in one SummarizeStream than the server takes.
    TooManyReports { max: usize },
    /// API keys are required and none valid was presented.
    Unauthenticated,
    /// The server is at its concurrency limit (load shed).
    Overloaded,
    /// The call was not answered within its deadline (the caller's or the server's maximum).
    DeadlineExceeded { deadline: Duration },
    /// The evaluation failed unexpectedly (a bug; logged with the request id).
    Internal,
    /// tonic: the message, or the message once decompressed, is over the size limit (tonic's
    /// code: OUT_OF_RANGE, or RESOURCE_EXHAUSTED once decompressed).
    MessageTooLarge {
        code: Code,
        max: usize,
        message: String,
    },
    /// tonic: the message is compressed with an encoding the server does not accept.
    CompressionUnsupported { message: String },
    /// tonic: no such service or method.
    MethodUnknown { message: String },
    /// tonic: the message is not a protobuf message of the method's request type.
    RequestUndecodable { message: String },
    /// tonic or the transport: the call was cancelled.
    Cancelled { message: String },
    /// tonic or the transport: the service is unavailable (shutting down).
    Unavailable { message: String },
    /// tonic or the transport: any other failure before a handler ran.
    Transport { code: Code, message: String },
    /// JSON over HTTP: the body is not the method's request message in proto3 JSON (or
    /// protobuf, for `application/proto`).
    BodyInvalid { message: String },
    /// JSON over HTTP: a content type, HTTP method or RPC the HTTP front does not serve (a
    /// streaming method, a GET, a content type other than JSON, gRPC and gRPC-Web).
    ProtocolUnsupported { message: String },
}

impl Refusal {
    /// The gRPC status code.
    pub fn code(&self) -> Code {
        match self {
            Refusal::InputMissing { .. }
            | Refusal::ReportInvalid { .. }
            | Refusal::ViewUnknown { .. }
            | Refusal::FormatInvalid { .. } => Code::InvalidArgument,
            Refusal::Unreadable { error, .. } => match error {
                ReadError::TooLarge { .. }
                | ReadError::DocxTooLarge { .. }
                | ReadError::PdfTooLarge { .. } => Code::OutOfRange,
                _ => Code::InvalidArgument,
            },
            Refusal::TooManyReports { .. } | Refusal::Overloaded => Code::ResourceExhausted,
            Refusal::Unauthenticated => Code::Unauthenticated,
            Refusal::DeadlineExceeded { .. } => Code::DeadlineExceeded,
            Refusal::Internal => Code::Internal,
            Refusal::MessageTooLarge { code, .. } => *code,
            Refusal::CompressionUnsupported { .. } | Refusal::MethodUnknown { .. } => {
                Code::Unimplemented
            }
            Refusal::RequestUndecodable { .. } => Code::Internal,
            Refusal::Cancelled { .. } => Code::Cancelled,
            Refusal::Unavailable { .. } => Code::Unavailable,
            Refusal::Transport { code, .. } => *code,
            Refusal::BodyInvalid { .. } => Code::InvalidArgument,
            Refusal::ProtocolUnsupported { .. } => Code::Unimplemented,
        }
    }

    /// The stable reason (google.rpc.ErrorInfo.reason).
    pub fn reason(&self) -> &'static str {
        match self {
            Refusal::InputMissing { .. } => "INPUT_MISSING",
            Refusal::Unreadable { error, .. } => match error {
                ReadError::Empty => "INPUT_EMPTY",
                ReadError::TooLarge { .. } => "INPUT_TOO_LARGE",
                ReadError::Binary => "INPUT_BINARY",
                ReadError::Undecodable => "INPUT_UNDECODABLE",
                ReadError::UnknownMediaType(_) => "MEDIA_TYPE_UNKNOWN",
                ReadError::TooComplex(_) => "INPUT_TOO_COMPLEX",
                ReadError::BadDocx(_) => "DOCX_INVALID",
                ReadError::DocxTooLarge { .. } => "DOCX_TOO_LARGE",
                ReadError::PdfNoText { .. } => "PDF_NO_TEXT",
                ReadError::PdfEncrypted => "PDF_ENCRYPTED",
                ReadError::PdfDamaged(_) => "PDF_DAMAGED",
                ReadError::PdfTooLarge { .. } => "PDF_TOO_LARGE",
            },
            Refusal::ReportInvalid { .. } => "REPORT_INVALID",
            Refusal::ViewUnknown { .. } => "VIEW_UNKNOWN",
            Refusal::FormatInvalid { .. } => "FORMAT_INVALID",
            Refusal::TooManyReports { .. } => "TOO_MANY_REPORTS",
            Refusal::Unauthenticated => "UNAUTHENTICATED",
            Refusal::Overloaded => "OVERLOADED",
            Refusal::DeadlineExceeded { .. } => "DEADLINE_EXCEEDED",
            Refusal::Internal => "INTERNAL",
            Refusal::MessageTooLarge { .. } => "MESSAGE_TOO_LARGE",
            Refusal::CompressionUnsupported { .. } => "COMPRESSION_UNSUPPORTED",
            Refusal::MethodUnknown { .. } => "METHOD_UNKNOWN",
            Refusal::RequestUndecodable { .. } => "REQUEST_UNDECODABLE",
            Refusal::Cancelled { .. } => "CANCELLED",
            Refusal::Unavailable { .. } => "UNAVAILABLE",
            Refusal::Transport { .. } => "TRANSPORT_ERROR",
            Refusal::BodyInvalid { .. } => "BODY_INVALID",
            Refusal::ProtocolUnsupported { .. } => "PROTOCOL_UNSUPPORTED",
        }
    }

    /// The English message (the status message).
    pub fn message(&self) -> String {
        match self {
            Refusal::InputMissing { field, missing } => match missing {
                Missing::Input => format!("{field} is required: set text, file or report"),
                Missing::Inputs => format!("{field} is empty: give at least one report"),
                Missing::Stream => "the stream carried no report".into(),
            },
            Refusal::Unreadable { error, .. } => error.to_string(),
            Refusal::ReportInvalid { violations } => {
                format!("the request has {} invalid fields", violations.len())
            }
            Refusal::ViewUnknown { view } => format!("unknown response view {view}"),
            Refusal::FormatInvalid { format } => {
                format!("format {format} is not supported: set a RenderFormat")
            }
            Refusal::TooManyReports { max } => format!("more than {max} reports in one stream"),
            Refusal::Unauthenticated => {
                "a valid API key is required (authorization: Bearer <key>, or x-api-key)".into()
            }
            Refusal::Overloaded => {
                "the server is at its concurrency limit; retry with backoff".into()
            }
            Refusal::DeadlineExceeded { deadline } => format!(
                "the call was not completed within {} ms (its deadline, or the server's maximum)",
                deadline.as_millis()
            ),
            Refusal::Internal => "internal error".into(),
            Refusal::MessageTooLarge { message, .. }
            | Refusal::CompressionUnsupported { message }
            | Refusal::MethodUnknown { message }
            | Refusal::RequestUndecodable { message }
            | Refusal::Cancelled { message }
            | Refusal::Unavailable { message }
            | Refusal::Transport { message, .. }
            | Refusal::BodyInvalid { message }
            | Refusal::ProtocolUnsupported { message } => message.clone(),
        }
    }

    /// The Chinese message (google.rpc.LocalizedMessage, zh-CN).
    pub fn zh(&self) -> &'static str {
        match self {
            Refusal::InputMissing { missing, .. } => match missing {
                Missing::Input => "缺少报告：请提供 text、file 或 report 之一",
                Missing::Inputs | Missing::Stream => "请至少提供一份报告",
            },
            Refusal::Unreadable { error, .. } => match error {
                ReadError::Empty => "报告内容为空",
                ReadError::TooLarge { .. } => "报告超过大小限制",
                ReadError::Binary => "输入是二进制数据，不是文本、HTML、DOCX 或 PDF 报告",
                ReadError::Undecodable => "无法识别文本编码（支持 UTF-8、UTF-16、GB18030）",
                ReadError::TooComplex(_) => "文档结构过于复杂，超出限制",
                ReadError::BadDocx(_) => "DOCX 文件已损坏或不是 Word 文档",
                ReadError::DocxTooLarge { .. } => "DOCX 文件解压后超过限制（疑似压缩炸弹），已拒绝",
                ReadError::UnknownMediaType(_) => "无法识别的媒体类型",
                ReadError::PdfNoText { .. } => {
                    "PDF 没有文字层（扫描件），无法读取；请提供带文字的 PDF（不支持 OCR）"
                }
                ReadError::PdfEncrypted => "PDF 已加密（需要密码），无法读取；请提供未加密的文件",
                ReadError::PdfDamaged(_) => "PDF 文件已损坏或不是 PDF 文件",
                ReadError::PdfTooLarge { .. } => {
                    "PDF 超过读取限制（页数、对象数、解压大小或嵌套深度），已拒绝"
                }
            },
            Refusal::ReportInvalid { .. } => "请求中有字段无效",
            Refusal::ViewUnknown { .. } => "未知的响应内容范围",
            Refusal::FormatInvalid { .. } => "请指定输出格式",
            Refusal::TooManyReports { .. } => "单次流式汇总的报告数超过上限",
            Refusal::Unauthenticated => "需要有效的 API 密钥",
            Refusal::Overloaded => "服务繁忙，请稍后重试",
            Refusal::DeadlineExceeded { .. } => "请求未在时限内完成",
            Refusal::Internal => "内部错误",
            Refusal::MessageTooLarge { .. } => "请求消息（解压后）超过大小限制",
            Refusal::CompressionUnsupported { .. } => "不支持该压缩方式，请使用 gzip 或 zstd",
            Refusal::MethodUnknown { .. } => "服务不提供该方法",
            Refusal::RequestUndecodable { .. } => "请求消息无法解码",
            Refusal::Cancelled { .. } => "请求已被取消",
            Refusal::Unavailable { .. } => "服务暂不可用，请稍后重试",
            Refusal::Transport { .. } => "请求未能处理",
            Refusal::BodyInvalid { .. } => "请求体不是该方法的请求消息（JSON 格式有误或字段不符）",
            Refusal::ProtocolUnsupported { .. } => {
                "不支持该调用方式（请用 POST 与 application/json、gRPC 或 gRPC-Web）"
            }
        }
    }

    /// The ErrorInfo metadata (the limits and sizes involved).
    pub fn metadata(&self) -> HashMap<String, String> {
        let mut m = HashMap::new();
        let mut put = |k: &str, v: String| {
            m.insert(k.to_string(), v);
        };
        match self {
            Refusal::Unreadable { error, .. } => match error {
                ReadError::TooLarge { size, max } => {
                    put("size", size.to_string());
                    put("max", max.to_string());
                }
                ReadError::PdfNoText { pages, images } => {
                    put("pages", pages.to_string());
                    put("images", images.to_string());
                }
                ReadError::DocxTooLarge {
                    setting, size, max, ..
                }
                | ReadError::PdfTooLarge {
                    setting, size, max, ..
                } => {
                    put("size", size.to_string());
                    put("max", max.to_string());
                    put("limit", (*setting).to_string());
                }
                _ => {}
            },
            Refusal::TooManyReports { max } => put("max", max.to_string()),
            Refusal::DeadlineExceeded { deadline } => {
                put("deadline_ms", deadline.as_millis().to_string())
            }
            Refusal::MessageTooLarge { max, .. } => put("max_message_bytes", max.to_string()),
            _ => {}
        }
        m
    }

    /// The field violations (google.rpc.BadRequest).
    pub fn violations(&self) -> Vec<Violation> {
        let one = |field: &str, description: String| {
            vec![Violation {
                field: field.to_string(),
                description,
            }]
        };
        match self {
            Refusal::InputMissing { field, missing } => one(
                field,
                match missing {
                    Missing::Input => "required: set text, file or report".into(),
                    Missing::Inputs => "at least one report is required".into(),
                    Missing::Stream => "at least one message is required".into(),
                },
            ),
            Refusal::Unreadable { field, error } => one(field, error.to_string()),
            Refusal::ReportInvalid { violations } => violations.clone(),
            Refusal::ViewUnknown { .. } => one(
                "view",
                "use RESPONSE_VIEW_FULL or RESPONSE_VIEW_SUMMARY".into(),
            ),
            Refusal::FormatInvalid { .. } => one(
                "format",
                "set a RenderFormat other than RENDER_FORMAT_UNSPECIFIED".into(),
            ),
            _ => Vec::new(),
        }
    }

    /// The status a client receives: the code, the English message, and as details an ErrorInfo
    /// (reason, [`DOMAIN`], metadata), a zh-CN LocalizedMessage and any BadRequest violations.
    pub fn into_status(self) -> Status {
        let mut d = ErrorDetails::new();
        d.set_error_info(self.reason(), DOMAIN, self.metadata());
        d.set_localized_message("zh-CN", self.zh());
        for v in self.violations() {
            d.add_bad_request_violation(v.field, v.description);
        }
        Status::with_error_details(self.code(), self.message(), d)
    }

    /// What a refusal tonic made itself (a status without details) is, from its code and its
    /// structure: tonic refuses an oversized message (before or after decompression) with
    /// OUT_OF_RANGE or RESOURCE_EXHAUSTED, an unsupported compression with UNIMPLEMENTED and the
    /// `grpc-accept-encoding` it does accept, an unknown method with UNIMPLEMENTED alone, and a
    /// message it cannot decode with INTERNAL (the service's own INTERNAL always has details).
    /// `max_message_bytes`: the server's limit, for the details.
    pub fn of_tonic(status: &Status, max_message_bytes: usize) -> Refusal {
        let message = status.message().to_string();
        match status.code() {
            code @ (Code::OutOfRange | Code::ResourceExhausted) => Refusal::MessageTooLarge {
                code,
                max: max_message_bytes,
                message,
            },
            Code::Unimplemented if status.metadata().contains_key("grpc-accept-encoding") => {
                Refusal::CompressionUnsupported { message }
            }
            Code::Unimplemented => Refusal::MethodUnknown { message },
            Code::Internal => Refusal::RequestUndecodable { message },
            Code::Cancelled => Refusal::Cancelled { message },
            Code::Unavailable => Refusal::Unavailable { message },
            code => Refusal::Transport { code, message },
        }
    }

    /// `status` with details added when it has none (a refusal tonic made); statuses with details
    /// (the service's own) and OK pass unchanged.
    pub fn detailed(status: Status, max_message_bytes: usize) -> Status {
        if status.code() == Code::Ok || !status.details().is_empty() {
            return status;
        }
        let mut s = Refusal::of_tonic(&status, max_message_bytes).into_status();
        // Keep what tonic said besides (grpc-accept-encoding tells the client what to use).
        for kv in status.metadata().iter() {
            if let tonic::metadata::KeyAndValueRef::Ascii(k, v) = kv {
                s.metadata_mut().insert(k.clone(), v.clone());
            }
        }
        s
    }

    /// One refusal of each kind (every reason a client can receive), for the docs.
    pub fn catalogue() -> Vec<Refusal> {
        let field = || "input".to_string();
        let message = String::new;
        let read = [
            ReadError::Empty,
            ReadError::TooLarge { size: 0, max: 0 },
            ReadError::Binary,
            ReadError::Undecodable,
            ReadError::UnknownMediaType(String::new()),
            ReadError::TooComplex(""),
            ReadError::BadDocx(String::new()),
            ReadError::DocxTooLarge {
                what: "",
                setting: "",
                size: 0,
                max: 0,
            },
            ReadError::PdfNoText {
                pages: 0,
                images: 0,
            },
            ReadError::PdfEncrypted,
            ReadError::PdfDamaged(String::new()),
            ReadError::PdfTooLarge {
                what: "",
                setting: "",
                size: 0,
                max: 0,
            },
        ];
        let mut all = vec![
            Refusal::InputMissing {
                field: field(),
                missing: Missing::Input,
            },
            Refusal::ReportInvalid {
                violations: Vec::new(),
            },
            Refusal::ViewUnknown { view: 0 },
            Refusal::FormatInvalid { format: 0 },
            Refusal::TooManyReports { max: 0 },
            Refusal::Unauthenticated,
            Refusal::Overloaded,
            Refusal::DeadlineExceeded {
                deadline: Duration::ZERO,
            },
            Refusal::Internal,
            Refusal::MessageTooLarge {
                code: Code::OutOfRange,
                max: 0,
                message: message(),
            },
            Refusal::CompressionUnsupported { message: message() },
            Refusal::MethodUnknown { message: message() },
            Refusal::RequestUndecodable { message: message() },
            Refusal::Cancelled { message: message() },
            Refusal::Unavailable { message: message() },
            Refusal::Transport {
                code: Code::Unknown,
                message: message(),
            },
            Refusal::BodyInvalid { message: message() },
            Refusal::ProtocolUnsupported { message: message() },
        ];
        all.extend(read.into_iter().map(|error| Refusal::Unreadable {
            field: field(),
            error,
        }));
        all
    }

    /// What the refusal means for a client, in a sentence (for the docs).
    fn doc(&self) -> &'static str {
        match self {
            Refusal::InputMissing { .. } => {
                "no report where one is required (`input`/`previous` unset, `inputs` empty, an empty stream); BadRequest names the field"
            }
            Refusal::Unreadable { error, .. } => match error {
                ReadError::Empty => "the report is empty",
                ReadError::TooLarge { .. } => {
                    "the report is over `--max-message-bytes` (`size`, `max`)"
                }
                ReadError::Binary => "binary data that is not a DOCX or PDF",
                ReadError::Undecodable => "text in no known encoding (UTF-8, UTF-16, GB18030)",
                ReadError::UnknownMediaType(_) => {
                    "a file whose media type is not text, HTML, DOCX or PDF"
                }
                ReadError::TooComplex(_) => {
                    "too many lines, or HTML nested deeper than `--max-html-depth`"
                }
                ReadError::BadDocx(_) => "a damaged DOCX",
                ReadError::DocxTooLarge { .. } => {
                    "a DOCX over a zip limit (`limit` names the setting; `size`, `max`)"
                }
                ReadError::PdfNoText { .. } => {
                    "a scanned PDF, without a text layer (`pages`, `images`)"
                }
                ReadError::PdfEncrypted => "a PDF encrypted with a password",
                ReadError::PdfDamaged(_) => "a damaged PDF",
                ReadError::PdfTooLarge { .. } => {
                    "a PDF over a PDF limit (`limit` names the setting; `size`, `max`)"
                }
            },
            Refusal::ReportInvalid { .. } => {
                "a structured report or the options have invalid fields, each a BadRequest violation"
            }
            Refusal::ViewUnknown { .. } => "`view` is not a ResponseView",
            Refusal::FormatInvalid { .. } => "`format` is unset or not a RenderFormat",
            Refusal::TooManyReports { .. } => "a SummarizeStream over its report limit (`max`)",
            Refusal::Unauthenticated => "API keys are on and the call has no valid one",
            Refusal::Overloaded => "the server is at `--max-concurrent` calls; retry with backoff",
            Refusal::DeadlineExceeded { .. } => {
                "not answered within the caller's deadline or `--request-timeout-ms` (`deadline_ms`)"
            }
            Refusal::Internal => "a bug; the server logged it with the request id",
            Refusal::MessageTooLarge { .. } => {
                "tonic: the message, or the message decompressed, is over the limit (`max_message_bytes`)"
            }
            Refusal::CompressionUnsupported { .. } => {
                "tonic: a compression other than gzip and zstd (`grpc-accept-encoding` lists them)"
            }
            Refusal::MethodUnknown { .. } => "tonic: no such service or method",
            Refusal::RequestUndecodable { .. } => {
                "tonic: the message is not the method's request type"
            }
            Refusal::Cancelled { .. } => "the call was cancelled before it was answered",
            Refusal::Unavailable { .. } => "the server is shutting down; retry elsewhere",
            Refusal::Transport { .. } => "any other failure before a handler ran",
            Refusal::BodyInvalid { .. } => {
                "JSON over HTTP: the body is not the method's request message in proto3 JSON (or protobuf for `application/proto`)"
            }
            Refusal::ProtocolUnsupported { .. } => {
                "JSON over HTTP: a streaming method (SummarizeStream), a method other than POST (HTTP 405) or a content type other than JSON, gRPC and gRPC-Web (HTTP 415)"
            }
        }
    }

    /// `docs/errors.md`: every reason a client can receive.
    pub fn docs_markdown() -> String {
        let mut out = String::from(
            "# Errors: every reason a request is refused\n\n\
             Generated from `src/refusal.rs` (`Refusal::catalogue`); \
             `cargo test --lib refusal` fails when this file is out of date \
             (regenerate: `UPDATE_DOCS=1 cargo test --lib refusal`).\n\n\
             Findings about a report are response data, never errors. A request that cannot be \
             evaluated is refused with a gRPC status whose details carry a \
             `google.rpc.ErrorInfo` (`reason` below, `domain` `nianbao.v1.ReportService`, \
             `metadata` as listed), a `google.rpc.LocalizedMessage` in zh-CN, and for a bad field \
             a `google.rpc.BadRequest`. Refusals tonic makes before a handler runs carry the same \
             details.\n\n\
             | reason | gRPC code | when | message (zh-CN) |\n|---|---|---|---|\n",
        );
        let mut rows: Vec<(String, String)> = Self::catalogue()
            .iter()
            .map(|r| {
                let code = match r {
                    Refusal::Transport { .. } => "as tonic's".to_string(),
                    Refusal::MessageTooLarge { .. } => {
                        "OutOfRange (ResourceExhausted once decompressed)".to_string()
                    }
                    _ => format!("{:?}", r.code()),
                };
                (
                    r.reason().to_string(),
                    format!(
                        "| `{}` | {} | {} | {} |\n",
                        r.reason(),
                        code,
                        r.doc(),
                        r.zh()
                    ),
                )
            })
            .collect();
        rows.sort();
        for (_, row) in rows {
            out.push_str(&row);
        }
        out
    }
}

impl From<Refusal> for Status {
    fn from(r: Refusal) -> Status {
        r.into_status()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_reason_is_one_kind_and_documented() {
        let all = Refusal::catalogue();
        let reasons: HashSet<&str> = all.iter().map(Refusal::reason).collect();
        assert_eq!(reasons.len(), all.len(), "a reason is listed twice");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/errors.md");
        let want = Refusal::docs_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            have, want,
            "docs/errors.md is out of date: UPDATE_DOCS=1 cargo test --lib refusal"
        );
    }

    #[test]
    fn statuses_carry_reason_domain_message_and_violations() {
        let s = Refusal::Unreadable {
            field: "input.text".into(),
            error: ReadError::TooLarge { size: 9, max: 4 },
        }
        .into_status();
        assert_eq!(s.code(), Code::OutOfRange);
        let info = s.get_details_error_info().unwrap();
        assert_eq!(info.reason, "INPUT_TOO_LARGE");
        assert_eq!(info.domain, DOMAIN);
        assert_eq!(info.metadata["max"], "4");
        assert_eq!(
            s.get_details_localized_message().unwrap().message,
            "报告超过大小限制"
        );
        assert_eq!(
            s.get_details_bad_request().unwrap().field_violations[0].field,
            "input.text"
        );
    }

    #[test]
    fn tonic_refusals_are_known_by_code_and_structure() {
        let s = Refusal::detailed(Status::out_of_range("whatever words"), 4096);
        let info = s.get_details_error_info().expect("ErrorInfo");
        assert_eq!(info.reason, "MESSAGE_TOO_LARGE");
        assert_eq!(info.metadata["max_message_bytes"], "4096");
        assert_eq!(s.code(), Code::OutOfRange);
        assert_eq!(s.message(), "whatever words");
        let reason = |s: Status| {
            Refusal::detailed(s, 1)
                .get_details_error_info()
                .unwrap()
                .reason
        };
        assert_eq!(reason(Status::unimplemented("")), "METHOD_UNKNOWN");
        let mut c = Status::unimplemented("x");
        c.metadata_mut()
            .insert("grpc-accept-encoding", "gzip,zstd".parse().unwrap());
        let d = Refusal::detailed(c, 1);
        assert_eq!(
            d.get_details_error_info().unwrap().reason,
            "COMPRESSION_UNSUPPORTED"
        );
        assert_eq!(
            d.metadata().get("grpc-accept-encoding").unwrap(),
            "gzip,zstd"
        );
        assert_eq!(reason(Status::internal("")), "REQUEST_UNDECODABLE");
        assert_eq!(reason(Status::resource_exhausted("")), "MESSAGE_TOO_LARGE");
        // The service's own statuses keep their details.
        let own: Status = Refusal::Overloaded.into();
        assert_eq!(reason(own), "OVERLOADED");
    }
}
