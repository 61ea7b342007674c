//! `nianbao.v1.ReportService`: a thin layer over the core engine. Findings are response data;
//! gRPC errors only for requests that cannot be evaluated, with google.rpc details.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use nianbao_core::engine::{self, Outcome};
use nianbao_core::input::{InputKind, Limits, ReadError};
use sha2::{Digest, Sha256};
use tonic::{Code, Request, Response, Status};
use tonic_types::{ErrorDetails, StatusExt};

use crate::convert::{self, Violation};
use crate::pb::{self, report_service_server::ReportService};

/// Most reports one streamed roll-up accepts.
pub const MAX_STREAMED_REPORTS: usize = 1_000_000;

/// The error domain of ErrorInfo details.
pub const DOMAIN: &str = "nianbao.v1.ReportService";

/// The service.
#[derive(Debug, Clone)]
pub struct Service {
    pub limits: Limits,
    /// Calls evaluated at once, process-wide; more are shed with RESOURCE_EXHAUSTED.
    pub gate: Arc<Semaphore>,
    /// The longest a call may take (the caller's grpc-timeout, if shorter, wins).
    pub request_timeout: Duration,
}

impl Default for Service {
    fn default() -> Self {
        Service::new(Limits::default(), 64, Duration::from_secs(30))
    }
}

impl Service {
    /// A service with these limits.
    pub fn new(limits: Limits, max_concurrent: usize, request_timeout: Duration) -> Service {
        Service {
            limits,
            gate: Arc::new(Semaphore::new(max_concurrent.max(1))),
            request_timeout,
        }
    }
}

/// Who is calling and which request this is.
#[derive(Debug, Clone, Default)]
pub struct Call {
    pub request_id: String,
    pub caller: Option<String>,
    /// The trace id of the caller's W3C `traceparent`, when well-formed.
    pub trace_id: Option<String>,
}

/// What one submission was, for the submission event.
struct Submission {
    id: String,
    rpc: &'static str,
    kind: &'static str,
    bytes: usize,
    sha256: String,
    start: Instant,
    request_id: String,
    caller: String,
    trace_id: String,
}

impl Submission {
    fn new(rpc: &'static str) -> Submission {
        Submission {
            id: uuid::Uuid::new_v4().to_string(),
            rpc,
            kind: "none",
            bytes: 0,
            sha256: String::new(),
            start: Instant::now(),
            request_id: String::new(),
            caller: String::new(),
            trace_id: String::new(),
        }
    }

    fn for_call(rpc: &'static str, call: &Call) -> Submission {
        let mut s = Submission::new(rpc);
        s.request_id = call.request_id.clone();
        s.caller = call.caller.clone().unwrap_or_default();
        s.trace_id = call.trace_id.clone().unwrap_or_default();
        s
    }

    /// Records the submission: one structured event, never the report's content.
    fn record(&self, outcome: Option<&Outcome>, status: Option<&Status>, reports: usize) {
        let md = outcome.map(|o| &o.report.metadata);
        let counts = outcome.map(|o| o.counts).unwrap_or_default();
        let code = status.map(|s| s.code()).unwrap_or(Code::Ok);
        metrics::counter!("grpc_server_handled_total", "grpc_method" => self.rpc, "grpc_code" => format!("{code:?}")).increment(1);
        metrics::histogram!("grpc_server_handling_seconds", "grpc_method" => self.rpc)
            .record(self.start.elapsed().as_secs_f64());
        metrics::histogram!("nianbao_input_bytes", "input_kind" => self.kind)
            .record(self.bytes as f64);
        if let Some(o) = outcome {
            metrics::counter!("nianbao_validations_total", "template" => o.report.effective_template().short(), "verdict" => o.verdict.as_str()).increment(1);
            for f in &o.findings {
                metrics::counter!("nianbao_findings_total", "code" => f.code, "severity" => f.severity.as_str()).increment(1);
            }
        }
        tracing::info!(
            target: "nianbao::submission",
            submission_id = %self.id,
            request_id = %self.request_id,
            caller = %self.caller,
            trace_id = %self.trace_id,
            rpc = self.rpc,
            input_kind = self.kind,
            bytes = self.bytes,
            sha256 = %self.sha256,
            reports,
            issuing_body = md.and_then(|m| m.issuing_body.as_deref()).unwrap_or(""),
            report_year = md.and_then(|m| m.report_year).unwrap_or(0),
            template = outcome.map(|o| o.report.effective_template().short()).unwrap_or(""),
            verdict = outcome.map(|o| o.verdict.as_str()).unwrap_or(""),
            errors = counts.errors,
            warnings = counts.warnings,
            infos = counts.infos,
            grpc_code = status.map(|s| s.code() as i32).unwrap_or(0),
            duration_ms = self.start.elapsed().as_secs_f64() * 1000.0,
            "submission"
        );
    }
}

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    hex::encode(h.finalize())
}

/// A gRPC error with ErrorInfo, a zh-CN LocalizedMessage and optional BadRequest violations.
pub fn error(
    code: Code,
    reason: &str,
    message: String,
    zh: &str,
    violations: &[Violation],
    meta: HashMap<String, String>,
) -> Status {
    let mut d = ErrorDetails::new();
    d.set_error_info(reason, DOMAIN, meta);
    d.set_localized_message("zh-CN", zh);
    for v in violations {
        d.add_bad_request_violation(v.field.clone(), v.description.clone());
    }
    Status::with_error_details(code, message, d)
}

fn read_error(e: &ReadError, field: &str) -> Status {
    let (code, zh) = match e {
        ReadError::Empty => (Code::InvalidArgument, "报告内容为空"),
        ReadError::TooLarge { .. } => (Code::OutOfRange, "报告超过大小限制"),
        ReadError::Binary => (
            Code::InvalidArgument,
            "输入是二进制数据，不是文本、HTML、DOCX 或 PDF 报告",
        ),
        ReadError::Undecodable => (
            Code::InvalidArgument,
            "无法识别文本编码（支持 UTF-8、UTF-16、GB18030）",
        ),
        ReadError::TooComplex(_) => (Code::InvalidArgument, "文档结构过于复杂，超出限制"),
        ReadError::BadDocx(_) => (Code::InvalidArgument, "DOCX 文件已损坏或不是 Word 文档"),
        ReadError::DocxTooLarge { .. } => (
            Code::OutOfRange,
            "DOCX 文件解压后超过限制（疑似压缩炸弹），已拒绝",
        ),
        ReadError::UnknownMediaType(_) => (Code::InvalidArgument, "无法识别的媒体类型"),
        ReadError::PdfNoText { .. } => (
            Code::InvalidArgument,
            "PDF 没有文字层（扫描件），无法读取；请提供带文字的 PDF（不支持 OCR）",
        ),
        ReadError::PdfEncrypted => (
            Code::InvalidArgument,
            "PDF 已加密（需要密码），无法读取；请提供未加密的文件",
        ),
        ReadError::PdfDamaged(_) => (Code::InvalidArgument, "PDF 文件已损坏或不是 PDF 文件"),
        ReadError::PdfTooLarge { .. } => (
            Code::OutOfRange,
            "PDF 超过读取限制（页数、对象数、解压大小或嵌套深度），已拒绝",
        ),
    };
    let mut meta = HashMap::new();
    match e {
        ReadError::TooLarge { size, max } => {
            meta.insert("size".into(), size.to_string());
            meta.insert("max".into(), max.to_string());
        }
        ReadError::PdfNoText { pages, images } => {
            meta.insert("pages".into(), pages.to_string());
            meta.insert("images".into(), images.to_string());
        }
        ReadError::DocxTooLarge {
            setting, size, max, ..
        }
        | ReadError::PdfTooLarge {
            setting, size, max, ..
        } => {
            meta.insert("size".into(), size.to_string());
            meta.insert("max".into(), max.to_string());
            meta.insert("limit".into(), (*setting).to_string());
        }
        _ => {}
    }
    error(
        code,
        e.reason(),
        e.to_string(),
        zh,
        &[Violation {
            field: field.into(),
            description: e.to_string(),
        }],
        meta,
    )
}

fn missing_input(field: &str) -> Status {
    error(
        Code::InvalidArgument,
        "INPUT_MISSING",
        format!("{field} is required: set text, file or report"),
        "缺少报告：请提供 text、file 或 report 之一",
        &[Violation {
            field: field.into(),
            description: "required: set text, file or report".into(),
        }],
        HashMap::new(),
    )
}

impl Service {
    /// Reads one input into a report (and the reader's findings); fills the submission's kind,
    /// size and hash.
    fn parse(
        &self,
        input: Option<&pb::ReportInput>,
        field: &str,
        sub: &mut Submission,
        previous: Option<&nianbao_core::model::Report>,
    ) -> Result<
        (
            InputKind,
            nianbao_core::model::Report,
            Vec<nianbao_core::finding::Finding>,
        ),
        Status,
    > {
        use pb::report_input::Source;
        let source = input
            .and_then(|i| i.source.as_ref())
            .ok_or_else(|| missing_input(field))?;
        match source {
            Source::Text(t) => {
                sub.kind = "text";
                sub.bytes += t.len();
                sub.sha256 = sha256_hex(&[t.as_bytes()]);
                let (k, m) = engine::parse_str(t, self.limits)
                    .map_err(|e| read_error(&e, &format!("{field}.text")))?;
                let m = engine::with_previous(m, previous);
                Ok((k, m.report, m.findings))
            }
            Source::File(f) => {
                sub.kind = "file";
                sub.bytes += f.content.len();
                sub.sha256 = sha256_hex(&[&f.content]);
                let (k, m) =
                    engine::parse_bytes(&f.content, &f.file_name, &f.media_type, self.limits)
                        .map_err(|e| read_error(&e, &format!("{field}.file")))?;
                let m = engine::with_previous(m, previous);
                Ok((k, m.report, m.findings))
            }
            Source::Report(r) => {
                sub.kind = "structured";
                let bytes = prost::Message::encode_to_vec(r);
                sub.bytes += bytes.len();
                sub.sha256 = sha256_hex(&[&bytes]);
                let report = convert::report_from_pb(r, &format!("{field}.report"))
                    .map_err(|v| invalid_report(&v))?;
                Ok((InputKind::Structured, report, Vec::new()))
            }
        }
    }

    /// Evaluates one input with default options.
    fn evaluate(
        &self,
        input: Option<&pb::ReportInput>,
        field: &str,
        sub: &mut Submission,
    ) -> Result<Outcome, Status> {
        let (kind, report, findings) = self.parse(input, field, sub, None)?;
        Ok(engine::validate_report(report, kind, findings))
    }
}

fn invalid_report(v: &[Violation]) -> Status {
    error(
        Code::InvalidArgument,
        "REPORT_INVALID",
        format!("the request has {} invalid fields", v.len()),
        "请求中有字段无效",
        v,
        HashMap::new(),
    )
}

impl Service {
    fn validate_sync(
        &self,
        request: Request<pb::ValidateRequest>,
        call: &Call,
    ) -> Result<Response<pb::ValidateResponse>, Status> {
        let mut sub = Submission::for_call("Validate", call);
        let req = request.get_ref();
        let mut run = || {
            if pb::ResponseView::try_from(req.view).is_err() {
                return Err(error(
                    Code::InvalidArgument,
                    "VIEW_UNKNOWN",
                    format!("unknown response view {}", req.view),
                    "未知的响应内容范围",
                    &[Violation {
                        field: "view".into(),
                        description: "use RESPONSE_VIEW_FULL or RESPONSE_VIEW_SUMMARY".into(),
                    }],
                    HashMap::new(),
                ));
            }
            let options = convert::options_from_pb(req.options.as_ref(), "options")
                .map_err(|v| invalid_report(&v))?;
            let previous = match &req.previous {
                Some(p) if p.source.is_some() => {
                    let mut psub = Submission::new("Validate");
                    Some(self.parse(Some(p), "previous", &mut psub, None)?.1)
                }
                _ => None,
            };
            let (kind, report, findings) =
                self.parse(req.input.as_ref(), "input", &mut sub, previous.as_ref())?;
            let o =
                engine::validate_report_with(report, kind, findings, previous.as_ref(), &options);
            Ok::<_, Status>((o, previous))
        };
        let result = run();
        match result {
            Ok((o, previous)) => {
                sub.kind = o.kind.as_str();
                sub.record(Some(&o), None, 1);
                Ok(Response::new(convert::outcome_to_pb(
                    &o,
                    &sub.id,
                    previous.as_ref(),
                    req.view(),
                )))
            }
            Err(s) => {
                sub.record(None, Some(&s), 1);
                Err(s)
            }
        }
    }

    fn summarize_sync(
        &self,
        request: Request<pb::SummarizeRequest>,
        call: &Call,
    ) -> Result<Response<pb::SummarizeResponse>, Status> {
        let mut sub = Submission::for_call("Summarize", call);
        let req = request.into_inner();
        if req.inputs.is_empty() {
            let s = error(
                Code::InvalidArgument,
                "INPUT_MISSING",
                "inputs is empty: give at least one report".into(),
                "请至少提供一份报告",
                &[Violation {
                    field: "inputs".into(),
                    description: "at least one report is required".into(),
                }],
                HashMap::new(),
            );
            sub.record(None, Some(&s), 0);
            return Err(s);
        }
        let mut items = Vec::with_capacity(req.inputs.len());
        let mut hashes = Vec::new();
        for (k, input) in req.inputs.iter().enumerate() {
            let mut one = Submission::new("Summarize");
            let r = self.evaluate(Some(input), &format!("inputs[{k}]"), &mut one);
            sub.bytes += one.bytes;
            hashes.push(one.sha256.clone());
            items.push(nianbao_core::summary::Item {
                outcome: r.map_err(|s| s.message().to_string()),
                group: req.groups.get(k).filter(|g| !g.is_empty()).cloned(),
            });
        }
        let opts = nianbao_core::summary::Options {
            exclude_failed: req.exclude_failed,
            year: (req.year != 0).then_some(req.year),
        };
        let sum = nianbao_core::summary::summarize(items, &opts);
        sub.kind = "batch";
        sub.sha256 = sha256_hex(&hashes.iter().map(|h| h.as_bytes()).collect::<Vec<_>>());
        sub.record(None, None, req.inputs.len());
        Ok(Response::new(convert::summary_to_pb(&sum)))
    }

    fn render_sync(
        &self,
        request: Request<pb::RenderRequest>,
        call: &Call,
    ) -> Result<Response<pb::RenderResponse>, Status> {
        let mut sub = Submission::for_call("Render", call);
        let req = request.into_inner();
        let format =
            pb::RenderFormat::try_from(req.format).unwrap_or(pb::RenderFormat::Unspecified);
        if format == pb::RenderFormat::Unspecified {
            let s = error(
                Code::InvalidArgument,
                "FORMAT_INVALID",
                format!("format {} is not supported: set a RenderFormat", req.format),
                "请指定输出格式",
                &[Violation {
                    field: "format".into(),
                    description: "set a RenderFormat other than RENDER_FORMAT_UNSPECIFIED".into(),
                }],
                HashMap::new(),
            );
            sub.record(None, Some(&s), 1);
            return Err(s);
        }
        let o = match self.evaluate(req.input.as_ref(), "input", &mut sub) {
            Ok(o) => o,
            Err(s) => {
                sub.record(None, Some(&s), 1);
                return Err(s);
            }
        };
        sub.record(Some(&o), None, 1);
        let (media_type, body) = render_body(&o, format);
        Ok(Response::new(pb::RenderResponse {
            media_type: media_type.into(),
            body: Some(body),
        }))
    }

    /// Runs a unary call: request id, caller, the process-wide concurrency gate (RESOURCE_EXHAUSTED
    /// when full), the deadline (the caller's grpc-timeout or the server's maximum, whichever is
    /// shorter: DEADLINE_EXCEEDED), the work on a blocking thread, and x-request-id on the answer.
    async fn run<Req, Resp>(
        &self,
        rpc: &'static str,
        request: Request<Req>,
        work: Work<Req, Resp>,
    ) -> Result<Response<Resp>, Status>
    where
        Req: Send + 'static,
        Resp: Send + 'static,
    {
        let call = call_of(&request);
        let deadline = grpc_timeout(request.metadata())
            .map_or(self.request_timeout, |t| t.min(self.request_timeout));
        let result = match self.gate.clone().try_acquire_owned() {
            Err(_) => Err(error(
                Code::ResourceExhausted,
                "OVERLOADED",
                "the server is at its concurrency limit; retry with backoff".into(),
                "服务繁忙，请稍后重试",
                &[],
                HashMap::new(),
            )),
            Ok(permit) => {
                metrics::gauge!("grpc_server_in_flight").increment(1.0);
                let svc = self.clone();
                let c = call.clone();
                // The permit stays with the work until it ends, even past a deadline.
                // The call's span follows the work (its status code is recorded there).
                let span = tracing::Span::current();
                let task = tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    let _span = span.enter();
                    work(&svc, request, &c)
                });
                let started = std::time::Instant::now();
                let late = || {
                    error(
                        Code::DeadlineExceeded,
                        "DEADLINE_EXCEEDED",
                        format!("the request took longer than {} ms", deadline.as_millis()),
                        "请求处理超时",
                        &[],
                        HashMap::from([(
                            "deadline_ms".to_string(),
                            deadline.as_millis().to_string(),
                        )]),
                    )
                };
                // The timer is coarse (1 ms), so work finished after the deadline but before the
                // timer fired is late too: the caller has already given up on it.
                let r = match tokio::time::timeout(deadline, task).await {
                    Ok(Ok(_)) | Err(_) if started.elapsed() >= deadline => Err(late()),
                    Ok(Ok(r)) => r,
                    Ok(Err(e)) => {
                        tracing::error!(request_id = %call.request_id, error = %e, "evaluation failed");
                        Err(error(
                            Code::Internal,
                            "INTERNAL",
                            "internal error".into(),
                            "内部错误",
                            &[],
                            HashMap::new(),
                        ))
                    }
                    Err(_) => Err(late()),
                };
                metrics::gauge!("grpc_server_in_flight").decrement(1.0);
                r
            }
        };
        record_status(&result);
        let id = tonic::metadata::MetadataValue::try_from(call.request_id.as_str()).ok();
        match result {
            Ok(mut r) => {
                if let Some(id) = id {
                    r.metadata_mut().insert("x-request-id", id);
                }
                Ok(r)
            }
            Err(mut s) => {
                if matches!(
                    s.code(),
                    Code::ResourceExhausted | Code::DeadlineExceeded | Code::Internal
                ) {
                    Submission::for_call(rpc, &call).record(None, Some(&s), 0);
                }
                if let Some(id) = id {
                    s.metadata_mut().insert("x-request-id", id);
                }
                Err(s)
            }
        }
    }
}

/// The synchronous body of a unary call.
type Work<Req, Resp> = fn(&Service, Request<Req>, &Call) -> Result<Response<Resp>, Status>;

/// The request id (the caller's `x-request-id` when well-formed, else a new one) and the caller.
fn call_of<T>(request: &Request<T>) -> Call {
    let given = request
        .metadata()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 128
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
        });
    Call {
        request_id: given
            .map(String::from)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        caller: request
            .extensions()
            .get::<crate::auth::CallerId>()
            .map(|c| c.0.clone()),
        trace_id: crate::telemetry::current_trace_id().or_else(|| {
            request
                .metadata()
                .get("traceparent")
                .and_then(|v| v.to_str().ok())
                .and_then(crate::telemetry::trace_id_of)
                .map(String::from)
        }),
    }
}

/// Records the call's final gRPC code on its span (the exported trace), once, on the call's task.
fn record_status<T>(result: &Result<T, Status>) {
    let code = result.as_ref().err().map_or(Code::Ok, |s| s.code());
    tracing::Span::current().record("rpc.grpc.status_code", code as i32);
}

/// The caller's `grpc-timeout` header ("100m", "5S", "1M", ...).
fn grpc_timeout(md: &tonic::metadata::MetadataMap) -> Option<Duration> {
    parse_grpc_timeout(md.get("grpc-timeout")?.to_str().ok()?)
}

/// A `grpc-timeout` value: digits and a unit ("100m", "5S", "1M", ...); None when malformed.
pub fn parse_grpc_timeout(v: &str) -> Option<Duration> {
    if !v.is_ascii() {
        return None;
    }
    let (n, unit) = v.split_at(v.len().checked_sub(1)?);
    let n: u64 = n.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

#[tonic::async_trait]
impl ReportService for Service {
    async fn validate(
        &self,
        request: Request<pb::ValidateRequest>,
    ) -> Result<Response<pb::ValidateResponse>, Status> {
        self.run("Validate", request, Service::validate_sync).await
    }

    async fn summarize(
        &self,
        request: Request<pb::SummarizeRequest>,
    ) -> Result<Response<pb::SummarizeResponse>, Status> {
        self.run("Summarize", request, Service::summarize_sync)
            .await
    }

    async fn summarize_stream(
        &self,
        request: Request<tonic::Streaming<pb::SummarizeStreamRequest>>,
    ) -> Result<Response<pb::SummarizeStreamResponse>, Status> {
        let result = self.summarize_stream_inner(request).await;
        record_status(&result);
        result
    }
    async fn render(
        &self,
        request: Request<pb::RenderRequest>,
    ) -> Result<Response<pb::RenderResponse>, Status> {
        self.run("Render", request, Service::render_sync).await
    }

    async fn list_rules(
        &self,
        _request: Request<pb::ListRulesRequest>,
    ) -> Result<Response<pb::ListRulesResponse>, Status> {
        Ok(Response::new(list_rules()))
    }
}

/// Renders an outcome (shared with the CLI): the media type and the body.
pub fn render_body(
    o: &Outcome,
    format: pb::RenderFormat,
) -> (&'static str, pb::render_response::Body) {
    use nianbao_core::render;
    use pb::render_response::Body;
    match format {
        pb::RenderFormat::Json => (
            "application/json",
            Body::Text(
                serde_json::to_string_pretty(&convert::report_to_pb(&o.report))
                    .expect("proto JSON serializes"),
            ),
        ),
        pb::RenderFormat::Text => (
            "text/plain; charset=utf-8",
            Body::Text(render::plain::render(&o.report)),
        ),
        pb::RenderFormat::Markdown => (
            "text/markdown; charset=utf-8",
            Body::Text(render::markdown::render(&o.report)),
        ),
        pb::RenderFormat::Html => (
            "text/html; charset=utf-8",
            Body::Text(render::html::render(&o.report)),
        ),
        pb::RenderFormat::FindingsHtml => (
            "text/html; charset=utf-8",
            Body::Text(render::html::render_findings(&o.report, &o.findings)),
        ),
        pb::RenderFormat::FindingsMarkdown => (
            "text/markdown; charset=utf-8",
            Body::Text(render::markdown::render_findings(&o.report, &o.findings)),
        ),
        pb::RenderFormat::Docx => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Body::Data(render::docx::render(&o.report)),
        ),
        pb::RenderFormat::Csv | pb::RenderFormat::Unspecified => (
            "text/csv; charset=utf-8",
            Body::Text(render::csv::render(&o.report)),
        ),
    }
}

/// The rule catalogue as a response (shared with the CLI).
pub fn list_rules() -> pb::ListRulesResponse {
    pb::ListRulesResponse {
        rules: nianbao_core::rules::registry::catalogue()
            .iter()
            .map(|r| convert::rule_to_pb(r))
            .collect(),
        ruleset_version: engine::RULESET_VERSION.to_string(),
    }
}

impl Service {
    /// The body of `SummarizeStream` (the trait method records its final status).
    async fn summarize_stream_inner(
        &self,
        request: Request<tonic::Streaming<pb::SummarizeStreamRequest>>,
    ) -> Result<Response<pb::SummarizeStreamResponse>, Status> {
        let call = call_of(&request);
        let mut sub = Submission::for_call("SummarizeStream", &call);
        let mut stream = request.into_inner();
        let mut st: Option<nianbao_core::summary::Streaming> = None;
        let mut n = 0usize;
        let mut hasher = Sha256::new();
        loop {
            let msg = match stream.message().await {
                Ok(Some(msg)) => msg,
                Ok(None) => break,
                Err(e) => {
                    let s = crate::refusal::with_details(e, self.limits.max_bytes);
                    sub.record(None, Some(&s), n);
                    return Err(s);
                }
            };
            if n >= MAX_STREAMED_REPORTS {
                let s = error(
                    Code::ResourceExhausted,
                    "TOO_MANY_REPORTS",
                    format!("more than {MAX_STREAMED_REPORTS} reports in one stream"),
                    "单次流式汇总的报告数超过上限",
                    &[],
                    HashMap::from([("max".to_string(), MAX_STREAMED_REPORTS.to_string())]),
                );
                sub.record(None, Some(&s), n);
                return Err(s);
            }
            let st = st.get_or_insert_with(|| {
                nianbao_core::summary::Streaming::new(nianbao_core::summary::Options {
                    exclude_failed: msg.exclude_failed,
                    year: (msg.year != 0).then_some(msg.year),
                })
            });
            let mut one = Submission::new("SummarizeStream");
            let r = self.evaluate(msg.input.as_ref(), &format!("inputs[{n}]"), &mut one);
            sub.bytes += one.bytes;
            hasher.update(one.sha256.as_bytes());
            st.push(nianbao_core::summary::Item {
                outcome: r.map_err(|s| s.message().to_string()),
                group: Some(msg.group).filter(|g| !g.is_empty()),
            });
            n += 1;
        }
        let Some(st) = st else {
            let s = error(
                Code::InvalidArgument,
                "INPUT_MISSING",
                "the stream carried no report".into(),
                "请至少提供一份报告",
                &[Violation {
                    field: "input".into(),
                    description: "at least one message is required".into(),
                }],
                HashMap::new(),
            );
            sub.record(None, Some(&s), 0);
            return Err(s);
        };
        sub.kind = "stream";
        sub.sha256 = hex::encode(hasher.finalize());
        sub.record(None, None, n);
        Ok(Response::new(pb::SummarizeStreamResponse {
            summary: Some(convert::summary_to_pb(&st.finish())),
        }))
    }
}
