//! The submission event: one structured log event (`nianbao::submission`) per call to the report
//! service, and the metrics of what was submitted (`nianbao_input_bytes{input_kind}`,
//! `nianbao_validations_total{template, verdict}`, `nianbao_findings_total{code, severity}`),
//! never the report's content (calls that submit nothing, such as ListRules, record none). The handler fills the call's [`Facts`] (found in its extensions:
//! input kind, size, SHA-256, the outcome's metadata and counts); this layer records them with the
//! request id, the caller, the trace id, the final status and the duration.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use nianbao_core::engine::Outcome;
use nianbao_core::finding::Counts;
use tonic::body::Body;
use tonic::codegen::http;

use super::auth::CallerId;
use super::request_id::RequestId;
use super::{AroundLayer, Concern, code_of, method_of};
use crate::refusal::Refusal;

/// What one submission was, as its handler saw it.
#[derive(Debug, Default)]
pub struct Facts {
    /// `text`, `file`, `structured`, or `batch`/`stream` for roll-ups (`none` before reading).
    pub kind: &'static str,
    pub bytes: usize,
    /// Hex SHA-256 of the input (of the inputs' hashes for roll-ups).
    pub sha256: String,
    pub reports: usize,
    pub outcome: Option<OutcomeFacts>,
}

/// What the evaluation of one report gave, for the event.
#[derive(Debug, Default)]
pub struct OutcomeFacts {
    pub issuing_body: String,
    pub year: u32,
    pub template: &'static str,
    pub verdict: &'static str,
    pub counts: Counts,
    /// (code, severity) of each finding.
    pub findings: Vec<(&'static str, &'static str)>,
}

impl OutcomeFacts {
    /// The facts of an outcome.
    pub fn of(o: &Outcome) -> OutcomeFacts {
        let md = &o.report.metadata;
        OutcomeFacts {
            issuing_body: md.issuing_body.clone().unwrap_or_default(),
            year: md.report_year.unwrap_or(0),
            template: o.report.effective_template().short(),
            verdict: o.verdict.as_str(),
            counts: o.counts,
            findings: o
                .findings
                .iter()
                .map(|f| (f.code, f.severity.as_str()))
                .collect(),
        }
    }
}

/// The call's facts and its submission id, shared between the handler and this layer.
#[derive(Debug, Clone)]
pub struct Submission {
    pub id: Arc<str>,
    facts: Arc<Mutex<Option<Facts>>>,
}

impl Default for Submission {
    fn default() -> Self {
        Submission {
            id: uuid::Uuid::new_v4().to_string().into(),
            facts: Arc::new(Mutex::new(None)),
        }
    }
}

impl Submission {
    /// Sets the facts (the handler, once it knows them).
    pub fn set(&self, facts: Facts) {
        if let Ok(mut f) = self.facts.lock() {
            *f = Some(facts);
        }
    }

    fn take(&self) -> Option<Facts> {
        self.facts.lock().ok()?.take()
    }
}

/// See the module.
#[derive(Debug, Clone, Copy, Default)]
pub struct Submissions;

/// The call as this layer saw it arrive.
pub struct Arrived {
    sub: Submission,
    rpc: &'static str,
    start: Instant,
    request_id: Option<RequestId>,
    caller: Option<CallerId>,
    traceparent: Option<http::HeaderValue>,
}

impl Concern for Submissions {
    type State = Arrived;

    fn before<B>(&self, req: &mut http::Request<B>) -> Result<Arrived, Refusal> {
        let sub = Submission::default();
        req.extensions_mut().insert(sub.clone());
        Ok(Arrived {
            sub,
            rpc: method_of(req.uri().path()),
            start: Instant::now(),
            request_id: req.extensions().get::<RequestId>().cloned(),
            caller: req.extensions().get::<CallerId>().cloned(),
            traceparent: req.headers().get("traceparent").cloned(),
        })
    }

    fn after(&self, a: Arrived, resp: &mut http::Response<Body>) {
        let code = code_of(resp);
        // A call that submitted nothing (ListRules) and was not refused is no submission.
        let f = match a.sub.take() {
            Some(f) => f,
            None if code == tonic::Code::Ok => return,
            None => Facts {
                kind: "none",
                ..Default::default()
            },
        };
        metrics::histogram!("nianbao_input_bytes", "input_kind" => f.kind).record(f.bytes as f64);
        let o = f.outcome.unwrap_or_default();
        if !o.verdict.is_empty() {
            metrics::counter!("nianbao_validations_total", "template" => o.template, "verdict" => o.verdict).increment(1);
            for (code, severity) in &o.findings {
                metrics::counter!("nianbao_findings_total", "code" => *code, "severity" => *severity).increment(1);
            }
        }
        let trace_id = crate::telemetry::current_trace_id().or_else(|| {
            a.traceparent
                .as_ref()
                .and_then(|v| v.to_str().ok())
                .and_then(crate::telemetry::trace_id_of)
                .map(String::from)
        });
        tracing::info!(
            target: "nianbao::submission",
            submission_id = %a.sub.id,
            request_id = %a.request_id.as_ref().map_or("", |r| r.0.as_str()),
            caller = %a.caller.as_ref().map_or("", |c| c.0.as_str()),
            trace_id = %trace_id.as_deref().unwrap_or(""),
            rpc = a.rpc,
            input_kind = f.kind,
            bytes = f.bytes,
            sha256 = %f.sha256,
            reports = f.reports,
            issuing_body = o.issuing_body.as_str(),
            report_year = o.year,
            template = o.template,
            verdict = o.verdict,
            errors = o.counts.errors,
            warnings = o.counts.warnings,
            infos = o.counts.infos,
            grpc_code = code as i32,
            duration_ms = a.start.elapsed().as_secs_f64() * 1000.0,
            "submission"
        );
    }
}

/// The submission layer.
pub fn layer() -> AroundLayer<Submissions> {
    AroundLayer(Submissions)
}
