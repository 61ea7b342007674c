//! `nianbao.v1.ReportService`: the RPCs, a thin layer over the core engine. Findings are response
//! data; a request that cannot be evaluated is a [`Refusal`]. Everything around the RPCs (request
//! id, auth, the concurrency gate, the deadline, metrics, the submission event) is a tower layer
//! ([`crate::layers`]).

use nianbao_core::engine::{self, Outcome};
use nianbao_core::finding::Finding;
use nianbao_core::input::{InputKind, Limits};
use nianbao_core::model::Report;
use sha2::{Digest, Sha256};
use tonic::{Request, Response, Status};

use crate::convert;
use crate::layers::gate::Permit;
use crate::layers::request_id::RequestId;
use crate::layers::submission::{Facts, OutcomeFacts, Submission};
use crate::pb::{self, report_service_server::ReportService};
use crate::refusal::{Missing, Refusal};

/// Most reports one streamed roll-up accepts.
pub const MAX_STREAMED_REPORTS: usize = 1_000_000;

/// The service.
#[derive(Debug, Clone, Copy, Default)]
pub struct Service {
    pub limits: Limits,
}

impl Service {
    /// A service with these limits.
    pub fn new(limits: Limits) -> Service {
        Service { limits }
    }
}

/// What was read of one input: its kind, size and hash.
#[derive(Debug)]
struct Seen {
    kind: &'static str,
    bytes: usize,
    sha256: String,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            kind: "none",
            bytes: 0,
            sha256: String::new(),
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl Service {
    /// Reads one input into a report and the reader's findings (`previous`: last year's report,
    /// evidence for cells the reader could not settle).
    fn parse(
        &self,
        input: Option<&pb::ReportInput>,
        field: &str,
        seen: &mut Seen,
        previous: Option<&Report>,
    ) -> Result<(InputKind, Report, Vec<Finding>), Refusal> {
        use pb::report_input::Source;
        let source =
            input
                .and_then(|i| i.source.as_ref())
                .ok_or_else(|| Refusal::InputMissing {
                    field: field.into(),
                    missing: Missing::Input,
                })?;
        let unreadable = |sub: &str, error| Refusal::Unreadable {
            field: format!("{field}.{sub}"),
            error,
        };
        let (kind, mapped) = match source {
            Source::Text(t) => {
                *seen = Seen {
                    kind: "text",
                    bytes: t.len(),
                    sha256: sha256_hex(t.as_bytes()),
                };
                engine::parse_str(t, self.limits).map_err(|e| unreadable("text", e))?
            }
            Source::File(f) => {
                *seen = Seen {
                    kind: "file",
                    bytes: f.content.len(),
                    sha256: sha256_hex(&f.content),
                };
                engine::parse_bytes(&f.content, &f.file_name, &f.media_type, self.limits)
                    .map_err(|e| unreadable("file", e))?
            }
            Source::Report(r) => {
                let bytes = prost::Message::encode_to_vec(r);
                *seen = Seen {
                    kind: "structured",
                    bytes: bytes.len(),
                    sha256: sha256_hex(&bytes),
                };
                let report = convert::report_from_pb(r, &format!("{field}.report"))
                    .map_err(|violations| Refusal::ReportInvalid { violations })?;
                return Ok((InputKind::Structured, report, Vec::new()));
            }
        };
        let m = engine::with_previous(mapped, previous);
        Ok((kind, m.report, m.findings))
    }

    /// Evaluates one input with default options.
    fn evaluate(
        &self,
        input: Option<&pb::ReportInput>,
        field: &str,
        seen: &mut Seen,
    ) -> Result<Outcome, Refusal> {
        let (kind, report, findings) = self.parse(input, field, seen, None)?;
        Ok(engine::validate_report(report, kind, findings))
    }

    /// Last year's report, when the request gives one (`previous`).
    fn previous(&self, p: Option<&pb::ReportInput>) -> Result<Option<Report>, Refusal> {
        match p {
            Some(p) if p.source.is_some() => Ok(Some(
                self.parse(Some(p), "previous", &mut Seen::default(), None)?
                    .1,
            )),
            _ => Ok(None),
        }
    }

    fn validate_sync(
        &self,
        req: pb::ValidateRequest,
        sub: &Submission,
    ) -> Result<pb::ValidateResponse, Refusal> {
        let view = pb::ResponseView::try_from(req.view)
            .map_err(|_| Refusal::ViewUnknown { view: req.view })?;
        let options = convert::options_from_pb(req.options.as_ref(), "options")
            .map_err(|violations| Refusal::ReportInvalid { violations })?;
        let previous = self.previous(req.previous.as_ref())?;
        let mut seen = Seen::default();
        let parsed = self.parse(req.input.as_ref(), "input", &mut seen, previous.as_ref());
        let outcome = parsed.map(|(kind, report, findings)| {
            engine::validate_report_with(report, kind, findings, previous.as_ref(), &options)
        });
        sub.set(Facts {
            kind: outcome.as_ref().map_or(seen.kind, |o| o.kind.as_str()),
            bytes: seen.bytes,
            sha256: seen.sha256,
            reports: 1,
            outcome: outcome.as_ref().ok().map(OutcomeFacts::of),
        });
        let o = outcome?;
        Ok(convert::outcome_to_pb(&o, &sub.id, previous.as_ref(), view))
    }

    fn summarize_sync(
        &self,
        req: pb::SummarizeRequest,
        sub: &Submission,
    ) -> Result<pb::SummarizeResponse, Refusal> {
        if req.inputs.is_empty() {
            return Err(Refusal::InputMissing {
                field: "inputs".into(),
                missing: Missing::Inputs,
            });
        }
        // Each report is added to the roll-up as it is evaluated (and then dropped).
        let mut st = nianbao_core::summary::Streaming::new(nianbao_core::summary::Options {
            exclude_failed: req.exclude_failed,
            year: (req.year != 0).then_some(req.year),
        });
        let mut rollup = Rollup::default();
        for (k, input) in req.inputs.iter().enumerate() {
            st.push(nianbao_core::summary::Item {
                outcome: rollup.evaluate(self, Some(input), k),
                group: req.groups.get(k).filter(|g| !g.is_empty()).cloned(),
            });
        }
        let sum = st.finish();
        sub.set(rollup.facts("batch"));
        Ok(convert::summary_to_pb(&sum))
    }

    fn render_sync(
        &self,
        req: pb::RenderRequest,
        sub: &Submission,
    ) -> Result<pb::RenderResponse, Refusal> {
        let format = convert::format_from_pb(req.format)
            .ok_or(Refusal::FormatInvalid { format: req.format })?;
        let previous = self.previous(req.previous.as_ref())?;
        let mut seen = Seen::default();
        let outcome = self
            .parse(req.input.as_ref(), "input", &mut seen, previous.as_ref())
            .map(|(kind, report, findings)| {
                engine::validate_report_with(
                    report,
                    kind,
                    findings,
                    previous.as_ref(),
                    &Default::default(),
                )
            });
        sub.set(Facts {
            kind: seen.kind,
            bytes: seen.bytes,
            sha256: seen.sha256,
            reports: 1,
            outcome: outcome.as_ref().ok().map(OutcomeFacts::of),
        });
        let o = outcome?;
        use nianbao_core::render::Rendered;
        let rendered = format
            .render(&o, previous.as_ref(), convert::report_json)
            .map_err(|_| Refusal::InputMissing {
                field: "previous".into(),
                missing: Missing::Input,
            })?;
        let body = match rendered {
            Rendered::Text(t) => pb::render_response::Body::Text(t),
            Rendered::Data(d) => pb::render_response::Body::Data(d),
        };
        Ok(pb::RenderResponse {
            media_type: format.media_type().into(),
            body: Some(body),
        })
    }

    /// Runs a unary call's work on a blocking thread, with the gate permit its layer gave it
    /// (held until the work ends) and the call's span; a panic is an INTERNAL refusal.
    async fn blocking<Req, Resp>(
        &self,
        request: Request<Req>,
        work: fn(&Service, Req, &Submission) -> Result<Resp, Refusal>,
    ) -> Result<Response<Resp>, Status>
    where
        Req: Send + 'static,
        Resp: Send + 'static,
    {
        let (permit, sub) = from_layers(&request);
        let request_id = request.extensions().get::<RequestId>().cloned();
        let req = request.into_inner();
        let svc = *self;
        let span = tracing::Span::current();
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _span = span.enter();
            work(&svc, req, &sub)
        });
        match task.await {
            Ok(r) => r.map(Response::new).map_err(Refusal::into_status),
            Err(e) => {
                tracing::error!(
                    request_id = request_id.as_ref().map_or("", |r| r.0.as_str()),
                    error = %e,
                    "evaluation failed"
                );
                Err(Refusal::Internal.into_status())
            }
        }
    }

    /// The body of `SummarizeStream`: evaluates each message as it comes.
    async fn summarize_stream_inner(
        &self,
        request: Request<tonic::Streaming<pb::SummarizeStreamRequest>>,
    ) -> Result<Response<pb::SummarizeStreamResponse>, Refusal> {
        let (_permit, sub) = from_layers(&request);
        let mut stream = request.into_inner();
        let mut st: Option<nianbao_core::summary::Streaming> = None;
        let mut rollup = Rollup::default();
        let result = loop {
            let msg = match stream.message().await {
                Ok(Some(msg)) => msg,
                Ok(None) => break Ok(()),
                Err(e) => break Err(Refusal::of_tonic(&e, self.limits.max_bytes)),
            };
            if rollup.n >= MAX_STREAMED_REPORTS {
                break Err(Refusal::TooManyReports {
                    max: MAX_STREAMED_REPORTS,
                });
            }
            let st = st.get_or_insert_with(|| {
                nianbao_core::summary::Streaming::new(nianbao_core::summary::Options {
                    exclude_failed: msg.exclude_failed,
                    year: (msg.year != 0).then_some(msg.year),
                })
            });
            st.push(nianbao_core::summary::Item {
                outcome: rollup.evaluate(self, msg.input.as_ref(), rollup.n),
                group: Some(msg.group).filter(|g| !g.is_empty()),
            });
        };
        sub.set(rollup.facts("stream"));
        result?;
        let st = st.ok_or(Refusal::InputMissing {
            field: "input".into(),
            missing: Missing::Stream,
        })?;
        Ok(Response::new(pb::SummarizeStreamResponse {
            summary: Some(convert::summary_to_pb(&st.finish())),
        }))
    }
}

/// What the layers gave a call: its gate permit (taken, to be held until the work ends) and its
/// submission (a detached one when the service is called without the layers).
fn from_layers<T>(request: &Request<T>) -> (Option<tokio::sync::OwnedSemaphorePermit>, Submission) {
    let ext = request.extensions();
    (
        ext.get::<Permit>().and_then(Permit::take),
        ext.get::<Submission>().cloned().unwrap_or_default(),
    )
}

/// The reports of a roll-up as they are evaluated: how many, their bytes and a hash of their
/// hashes.
#[derive(Default)]
struct Rollup {
    n: usize,
    bytes: usize,
    hasher: Sha256,
}

impl Rollup {
    /// Evaluates input `k`; an input that cannot be read is an item with its refusal's message.
    fn evaluate(
        &mut self,
        svc: &Service,
        input: Option<&pb::ReportInput>,
        k: usize,
    ) -> Result<Outcome, String> {
        let mut seen = Seen::default();
        let r = svc.evaluate(input, &format!("inputs[{k}]"), &mut seen);
        self.n += 1;
        self.bytes += seen.bytes;
        self.hasher.update(seen.sha256.as_bytes());
        r.map_err(|e| e.message())
    }

    fn facts(self, kind: &'static str) -> Facts {
        Facts {
            kind,
            bytes: self.bytes,
            sha256: hex::encode(self.hasher.finalize()),
            reports: self.n,
            outcome: None,
        }
    }
}

#[tonic::async_trait]
impl ReportService for Service {
    async fn validate(
        &self,
        request: Request<pb::ValidateRequest>,
    ) -> Result<Response<pb::ValidateResponse>, Status> {
        self.blocking(request, Service::validate_sync).await
    }

    async fn summarize(
        &self,
        request: Request<pb::SummarizeRequest>,
    ) -> Result<Response<pb::SummarizeResponse>, Status> {
        self.blocking(request, Service::summarize_sync).await
    }

    async fn summarize_stream(
        &self,
        request: Request<tonic::Streaming<pb::SummarizeStreamRequest>>,
    ) -> Result<Response<pb::SummarizeStreamResponse>, Status> {
        self.summarize_stream_inner(request)
            .await
            .map_err(Refusal::into_status)
    }

    async fn render(
        &self,
        request: Request<pb::RenderRequest>,
    ) -> Result<Response<pb::RenderResponse>, Status> {
        self.blocking(request, Service::render_sync).await
    }

    async fn list_rules(
        &self,
        _request: Request<pb::ListRulesRequest>,
    ) -> Result<Response<pb::ListRulesResponse>, Status> {
        Ok(Response::new(convert::rules_to_pb()))
    }
}
