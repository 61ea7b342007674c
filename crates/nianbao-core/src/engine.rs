//! The one entry point the CLI and the server share: read, map, check.

use crate::finding::{self, Counts, Finding, Verdict};
use crate::indicators::{self, Figure};
use crate::input::{self, InputKind, Limits, ReadError};
use crate::mapper;
use crate::model::Report;
use crate::rules;

/// The result of validating one report.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub kind: InputKind,
    pub report: Report,
    /// Reader findings and rule findings, sorted.
    pub findings: Vec<Finding>,
    pub counts: Counts,
    pub verdict: Verdict,
    /// The report's key figures (computed with the rules' evaluation of the identities).
    pub figures: Vec<Figure>,
}

/// The version of the rule set; every response carries it.
pub const RULESET_VERSION: &str = concat!("nianbao-rules ", env!("CARGO_PKG_VERSION"));

/// Validates a report that is already structured.
pub fn validate_report(report: Report, kind: InputKind, findings: Vec<Finding>) -> Outcome {
    validate_report_with(report, kind, findings, None, &rules::Options::default())
}

/// Validates a report with last year's report (cross-year rules) and rule options.
pub fn validate_report_with(
    report: Report,
    kind: InputKind,
    mut findings: Vec<Finding>,
    previous: Option<&Report>,
    options: &rules::Options,
) -> Outcome {
    let mut ctx = rules::Ctx::new(&report);
    ctx.previous = previous;
    findings.extend(rules::check_in(&ctx, options));
    let figures = indicators::figures_given(&report, ctx.evaluated());
    drop(ctx);
    let mut findings = options.apply(findings);
    finding::sort(&mut findings);
    let counts = Counts::of(&findings);
    Outcome {
        kind,
        report,
        findings,
        counts,
        verdict: counts.verdict(),
        figures,
    }
}

/// Reads and maps text or HTML without checking it (e.g. last year's report).
pub fn parse_str(text: &str, limits: Limits) -> Result<(InputKind, mapper::Mapped), ReadError> {
    let (kind, doc) = input::read_str(text, limits)?;
    Ok((kind, mapper::map_owned(doc)))
}

/// Reads and maps a file's bytes without checking it.
pub fn parse_bytes(
    bytes: &[u8],
    file_name: &str,
    media_type: &str,
    limits: Limits,
) -> Result<(InputKind, mapper::Mapped), ReadError> {
    let (kind, doc) = input::read_bytes(bytes, file_name, media_type, limits)?;
    Ok((kind, mapper::map_owned(doc)))
}

/// A mapped report with what last year's report settles among the rows it left open (see
/// [`mapper::Mapped::with_previous`]); unchanged without one.
pub fn with_previous(m: mapper::Mapped, previous: Option<&Report>) -> mapper::Mapped {
    match previous {
        Some(p) => m.with_previous(p),
        None => m,
    }
}

/// Validates text or HTML given as a string.
pub fn validate_str(text: &str, limits: Limits) -> Result<Outcome, ReadError> {
    let (kind, doc) = input::read_str(text, limits)?;
    let m = mapper::map_owned(doc);
    Ok(validate_report(m.report, kind, m.findings))
}

/// Validates a file's bytes.
pub fn validate_bytes(
    bytes: &[u8],
    file_name: &str,
    media_type: &str,
    limits: Limits,
) -> Result<Outcome, ReadError> {
    let (kind, doc) = input::read_bytes(bytes, file_name, media_type, limits)?;
    let m = mapper::map_owned(doc);
    Ok(validate_report(m.report, kind, m.findings))
}
