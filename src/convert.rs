//! The one boundary between the proto messages and the core model. Everything that reads a
//! structured report from a request goes through [`report_from_pb`], which collects every problem
//! as a field violation (mapped 1:1 onto google.rpc.BadRequest).

use nianbao_core::engine::Outcome;
use nianbao_core::finding::{Counts, Finding, Severity, Verdict};
use nianbao_core::indicators::Figure;
use nianbao_core::model::{
    Cell, Loc, Metadata, Report, Section, SectionId, Value, display_decimal,
};
use nianbao_core::normalize::{Token, classify, parse_number};
use nianbao_core::rules::RuleInfo;
use nianbao_core::template::{Catalog, TemplateVersion};

use crate::pb;

pub use crate::refusal::Violation;

fn violation(field: String, description: impl Into<String>) -> Violation {
    Violation {
        field,
        description: description.into(),
    }
}

/// Most cells a structured report may list (both templates together have fewer than 250).
pub const MAX_CELLS: usize = 1000;

/// Reads a structured report. `path` is the field path of the report in the request.
pub fn report_from_pb(r: &pb::Report, path: &str) -> Result<Report, Vec<Violation>> {
    let mut v = Vec::new();
    let mut report = Report::new();
    if let Some(md) = &r.metadata {
        report.metadata = Metadata {
            issuing_body: Some(md.issuing_body.clone()).filter(|s| !s.is_empty()),
            report_year: match md.report_year {
                0 => None,
                y @ 2000..=2100 => Some(y),
                y => {
                    v.push(violation(
                        format!("{path}.metadata.report_year"),
                        format!("{y} is not a plausible report year (2000–2100)"),
                    ));
                    None
                }
            },
            template: match pb::TemplateVersion::try_from(md.template_version) {
                Ok(pb::TemplateVersion::Unspecified) => None,
                Ok(pb::TemplateVersion::F2019) => Some(TemplateVersion::F2019),
                Ok(pb::TemplateVersion::F2021) => Some(TemplateVersion::F2021),
                Err(_) => {
                    v.push(violation(
                        format!("{path}.metadata.template_version"),
                        format!("unknown template version {}", md.template_version),
                    ));
                    None
                }
            },
            title: Some(md.title.clone()).filter(|s| !s.is_empty()),
            period: (!md.period_start.is_empty() || !md.period_end.is_empty())
                .then(|| (md.period_start.clone(), md.period_end.clone())),
            published: Some(md.published.clone()).filter(|s| !s.is_empty()),
        };
    }
    for (k, s) in r.sections.iter().enumerate() {
        let id = usize::try_from(s.id).ok().and_then(SectionId::from_number);
        match id {
            Some(id) => report.sections.push(Section {
                id,
                heading: s.heading.clone(),
                text: s.text.clone(),
                location: s.location.map(|l| Loc {
                    page: l.page,
                    line: l.line,
                    column: l.column,
                }),
            }),
            None => v.push(violation(
                format!("{path}.sections[{k}].id"),
                "section id must be one of SECTION_ID_OVERVIEW … SECTION_ID_OTHER_MATTERS",
            )),
        }
    }
    if r.cells.len() > MAX_CELLS {
        v.push(violation(
            format!("{path}.cells"),
            format!(
                "{} cells listed; at most {MAX_CELLS} are accepted",
                r.cells.len()
            ),
        ));
        return Err(v);
    }
    let cat = Catalog::get();
    let mut seen = std::collections::HashSet::new();
    for (k, c) in r.cells.iter().enumerate() {
        let field = format!("{path}.cells[{k}]");
        let Some(ix) = cat.lookup(&c.id) else {
            v.push(violation(
                format!("{field}.id"),
                format!(
                    "unknown cell id {:?} (see the README for the ids, e.g. T3.R1.NP)",
                    c.id
                ),
            ));
            continue;
        };
        if !seen.insert(ix) {
            v.push(violation(
                format!("{field}.id"),
                format!("cell {} is listed twice", c.id),
            ));
            continue;
        }
        match cell_from_pb(c) {
            Ok(cell) => report.set(ix, cell),
            Err(d) => v.push(violation(format!("{field}.value"), d)),
        }
    }
    if report.metadata.template.is_none() {
        report.metadata.template = report.inferred_template();
    }
    if v.is_empty() { Ok(report) } else { Err(v) }
}

fn cell_from_pb(c: &pb::Cell) -> Result<Cell, String> {
    let number = |s: &str| -> Result<(nianbao_core::Decimal, Option<String>), String> {
        parse_number(s.trim()).ok_or_else(|| format!("{s:?} is not a number"))
    };
    let state =
        pb::CellState::try_from(c.state).map_err(|_| format!("unknown cell state {}", c.state))?;
    let (value, unit) =
        match state {
            pb::CellState::Unspecified => match classify(&c.value) {
                Token::Number(n, u) => (Value::Number(n), u),
                Token::Placeholder(p) => (Value::Placeholder(p), None),
                Token::Blank => return Err(
                    "empty value with no state: set state CELL_STATE_BLANK (or MISSING) explicitly"
                        .into(),
                ),
                Token::Text => {
                    return Err(format!(
                        "{:?} is neither a number nor a placeholder",
                        c.value
                    ));
                }
                Token::Unreadable => {
                    return Err(format!(
                        "{:?} marks an unknown value: set state CELL_STATE_AMBIGUOUS explicitly",
                        c.value
                    ));
                }
                Token::Missing | Token::Candidates(_) => {
                    return Err(format!(
                        "{:?} marks a missing or unsettled cell: set its state explicitly",
                        c.value
                    ));
                }
            },
            pb::CellState::Number => {
                let (n, u) = number(&c.value)?;
                (Value::Number(n), u)
            }
            pb::CellState::Blank => (Value::Blank, None),
            pb::CellState::Placeholder => {
                if c.value.trim().is_empty() {
                    return Err("a placeholder cell needs its text in value, e.g. \"/\"".into());
                }
                (Value::Placeholder(c.value.trim().to_string()), None)
            }
            pb::CellState::Ambiguous => {
                let cands = c
                    .candidates
                    .iter()
                    .map(|s| {
                        if s.trim().is_empty() {
                            Ok(None)
                        } else {
                            number(s).map(|p| Some(p.0))
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                (Value::Ambiguous(cands), None)
            }
            pb::CellState::Missing => (Value::Missing, None),
        };
    Ok(Cell {
        value,
        raw: c.raw.as_str().into(),
        source: c.source.map(|l| Loc {
            page: l.page,
            line: l.line,
            column: l.column,
        }),
        unit: if c.unit.is_empty() {
            unit
        } else {
            Some(c.unit.clone())
        },
    })
}

fn loc(l: Option<Loc>) -> Option<pb::SourceLocation> {
    l.map(|l| pb::SourceLocation {
        page: l.page,
        line: l.line,
        column: l.column,
    })
}

/// The proto template version.
pub fn template_to_pb(t: TemplateVersion) -> pb::TemplateVersion {
    match t {
        TemplateVersion::F2019 => pb::TemplateVersion::F2019,
        TemplateVersion::F2021 => pb::TemplateVersion::F2021,
    }
}

/// A report's metadata as proto.
fn report_to_pb_metadata(r: &Report) -> Option<pb::ReportMetadata> {
    metadata_to_pb(&r.metadata)
}

/// Metadata as proto.
fn metadata_to_pb(md: &Metadata) -> Option<pb::ReportMetadata> {
    Some(pb::ReportMetadata {
        issuing_body: md.issuing_body.clone().unwrap_or_default(),
        report_year: md.report_year.unwrap_or(0),
        template_version: md
            .template
            .map(template_to_pb)
            .unwrap_or(pb::TemplateVersion::Unspecified) as i32,
        title: md.title.clone().unwrap_or_default(),
        period_start: md.period.as_ref().map(|p| p.0.clone()).unwrap_or_default(),
        period_end: md.period.as_ref().map(|p| p.1.clone()).unwrap_or_default(),
        published: md.published.clone().unwrap_or_default(),
    })
}

/// A report as proto: metadata, sections, every cell of its template listed, missing ones included.
pub fn report_to_pb(r: &Report) -> pb::Report {
    let cat = Catalog::get();
    pb::Report {
        metadata: report_to_pb_metadata(r),
        sections: r
            .sections
            .iter()
            .map(|s| pb::Section {
                id: s.id as i32,
                heading: s.heading.clone(),
                text: s.text.clone(),
                location: loc(s.location),
            })
            .collect(),
        cells: r
            .listed_cells()
            .into_iter()
            .map(|ix| {
                let c = r.cell(ix);
                let state = match &c.value {
                    Value::Missing => pb::CellState::Missing,
                    Value::Blank => pb::CellState::Blank,
                    Value::Placeholder(_) => pb::CellState::Placeholder,
                    Value::Number(_) => pb::CellState::Number,
                    Value::Ambiguous(_) => pb::CellState::Ambiguous,
                };
                pb::Cell {
                    id: cat.def(ix).id.clone(),
                    state: state as i32,
                    value: if let Value::Ambiguous(_) = c.value {
                        String::new()
                    } else {
                        c.value.display()
                    },
                    raw: c.raw.as_str().to_owned(),
                    candidates: match &c.value {
                        Value::Ambiguous(cs) => cs
                            .iter()
                            .map(|c| c.as_ref().map(display_decimal).unwrap_or_default())
                            .collect(),
                        _ => Vec::new(),
                    },
                    source: loc(c.source),
                    unit: c.unit.clone().unwrap_or_default(),
                }
            })
            .collect(),
    }
}

/// The proto severity.
pub fn severity_to_pb(s: Severity) -> pb::Severity {
    match s {
        Severity::Error => pb::Severity::Error,
        Severity::Warning => pb::Severity::Warning,
        Severity::Info => pb::Severity::Info,
    }
}

/// The proto verdict.
pub fn verdict_to_pb(v: Verdict) -> pb::Verdict {
    match v {
        Verdict::Pass => pb::Verdict::Pass,
        Verdict::PassWithWarnings => pb::Verdict::PassWithWarnings,
        Verdict::Fail => pb::Verdict::Fail,
    }
}

/// A finding as proto.
pub fn finding_to_pb(f: &Finding) -> pb::Finding {
    let cat = Catalog::get();
    pb::Finding {
        code: f.code.to_string(),
        severity: severity_to_pb(f.severity) as i32,
        message_zh: f.message_zh.clone(),
        message_en: f.message_en.clone(),
        cells: f.cells.iter().map(|c| cat.def(*c).id.clone()).collect(),
        location: loc(f.location),
        expected: f.expected.map(|d| display_decimal(&d)),
        actual: f.actual.map(|d| display_decimal(&d)),
        not_assessable: f.not_assessable,
        suggestion: f.suggestion.clone().unwrap_or_default(),
        spec_rule: nianbao_core::rules::info(f.code)
            .map(|i| i.spec.join(","))
            .unwrap_or_default(),
    }
}

/// Counts as proto.
pub fn counts_to_pb(c: Counts) -> pb::FindingCounts {
    pb::FindingCounts {
        errors: c.errors,
        warnings: c.warnings,
        infos: c.infos,
    }
}

/// A validation outcome as the response.
pub fn outcome_to_pb(
    o: &Outcome,
    submission_id: &str,
    previous: Option<&Report>,
    view: pb::ResponseView,
) -> pb::ValidateResponse {
    let report = match view {
        pb::ResponseView::Summary => pb::Report {
            metadata: report_to_pb_metadata(&o.report),
            ..Default::default()
        },
        pb::ResponseView::Unspecified | pb::ResponseView::Full => report_to_pb(&o.report),
    };
    pb::ValidateResponse {
        report: Some(report),
        findings: o.findings.iter().map(finding_to_pb).collect(),
        verdict: verdict_to_pb(o.verdict) as i32,
        counts: Some(counts_to_pb(o.counts)),
        ruleset_version: nianbao_core::engine::RULESET_VERSION.to_string(),
        submission_id: submission_id.to_string(),
        figures: figures_with_previous(&o.figures, previous),
    }
}

/// A key figure as proto.
pub fn figure_to_pb(f: &Figure) -> pb::KeyFigure {
    pb::KeyFigure {
        id: f.id.to_string(),
        label_zh: f.label_zh.to_string(),
        label_en: f.label_en.to_string(),
        value: f.value.map(|d| display_decimal(&d)).unwrap_or_default(),
        complete: f.complete,
        previous_value: String::new(),
        change: String::new(),
    }
}

/// Key figures of a report, with last year's and the change when the previous report is given.
pub fn figures_with_previous(now: &[Figure], previous: Option<&Report>) -> Vec<pb::KeyFigure> {
    nianbao_core::indicators::with_previous(now, previous)
        .iter()
        .map(|c| pb::KeyFigure {
            previous_value: c.previous.map(|d| display_decimal(&d)).unwrap_or_default(),
            change: c.change.map(|d| display_decimal(&d)).unwrap_or_default(),
            ..figure_to_pb(&c.now)
        })
        .collect()
}

/// The rule catalogue as a response.
pub fn rules_to_pb() -> pb::ListRulesResponse {
    pb::ListRulesResponse {
        rules: nianbao_core::rules::registry::catalogue()
            .iter()
            .map(|r| rule_to_pb(r))
            .collect(),
        ruleset_version: nianbao_core::engine::RULESET_VERSION.to_string(),
    }
}

/// The report as the API's proto3 JSON (`render --to json`, RENDER_FORMAT_JSON).
pub fn report_json(r: &Report) -> String {
    serde_json::to_string_pretty(&report_to_pb(r)).expect("proto JSON serializes")
}

/// A RenderFormat as the core's format (None: unset or unknown).
pub fn format_from_pb(f: i32) -> Option<nianbao_core::render::Format> {
    use nianbao_core::render::Format;
    Some(match pb::RenderFormat::try_from(f).ok()? {
        pb::RenderFormat::Unspecified => return None,
        pb::RenderFormat::Csv => Format::Csv,
        pb::RenderFormat::Json => Format::Json,
        pb::RenderFormat::Text => Format::Text,
        pb::RenderFormat::Markdown => Format::Markdown,
        pb::RenderFormat::Html => Format::Html,
        pb::RenderFormat::FindingsHtml => Format::FindingsHtml,
        pb::RenderFormat::FindingsMarkdown => Format::FindingsMarkdown,
        pb::RenderFormat::Docx => Format::Docx,
        pb::RenderFormat::ComparisonHtml => Format::ComparisonHtml,
        pb::RenderFormat::ComparisonCsv => Format::ComparisonCsv,
    })
}

/// A catalogue entry as proto.
pub fn rule_to_pb(r: &RuleInfo) -> pb::Rule {
    pb::Rule {
        code: r.code.to_string(),
        kind: r.kind.as_str().to_string(),
        default_severity: severity_to_pb(r.severity) as i32,
        title_zh: r.title_zh.to_string(),
        title_en: r.title_en.to_string(),
        description: r.doc.to_string(),
        spec_rules: r.spec.iter().map(|s| s.to_string()).collect(),
        template_versions: r
            .templates
            .iter()
            .map(|t| template_to_pb(*t) as i32)
            .collect(),
    }
}

/// Rule options from the request; unknown codes are field violations.
pub fn options_from_pb(
    o: Option<&pb::RuleOptions>,
    path: &str,
) -> Result<nianbao_core::rules::Options, Vec<Violation>> {
    use nianbao_core::rules::{Options, Profile};
    let Some(o) = o else {
        return Ok(Options::default());
    };
    let mut v = Vec::new();
    let profile = match pb::Profile::try_from(o.profile) {
        Ok(pb::Profile::Unspecified) => Profile::Default,
        Ok(pb::Profile::Strict) => Profile::Strict,
        Ok(pb::Profile::Lenient) => Profile::Lenient,
        Err(_) => {
            v.push(violation(
                format!("{path}.profile"),
                format!("unknown profile {}", o.profile),
            ));
            Profile::Default
        }
    };
    let mut severity = Vec::new();
    let mut keys: Vec<&String> = o.severity_overrides.keys().collect();
    keys.sort();
    for code in keys {
        match pb::Severity::try_from(o.severity_overrides[code]) {
            Ok(pb::Severity::Error) => severity.push((code.clone(), Severity::Error)),
            Ok(pb::Severity::Warning) => severity.push((code.clone(), Severity::Warning)),
            Ok(pb::Severity::Info) => severity.push((code.clone(), Severity::Info)),
            _ => v.push(violation(
                format!("{path}.severity_overrides[{code}]"),
                "severity must be SEVERITY_ERROR, SEVERITY_WARNING or SEVERITY_INFO",
            )),
        }
    }
    let opts = Options {
        profile,
        select: o.select.clone(),
        ignore: o.ignore.clone(),
        severity,
    };
    for code in opts.unknown_codes() {
        v.push(violation(
            path.to_string(),
            format!("unknown rule code or prefix {code:?} (see ListRules)"),
        ));
    }
    if v.is_empty() { Ok(opts) } else { Err(v) }
}

/// A roll-up as the Summarize response.
pub fn summary_to_pb(s: &nianbao_core::summary::Summary) -> pb::SummarizeResponse {
    pb::SummarizeResponse {
        reports: s
            .entries
            .iter()
            .map(|e| pb::ReportSummary {
                index: e.index as u32,
                metadata: metadata_to_pb(&e.metadata),
                verdict: e.verdict.map(|v| verdict_to_pb(v) as i32).unwrap_or(0),
                figures: e.figures.iter().map(figure_to_pb).collect(),
                excluded_reason: e.excluded.clone().unwrap_or_default(),
                counts: Some(counts_to_pb(e.counts)),
                group: e.group.clone().unwrap_or_default(),
            })
            .collect(),
        total: s.total.iter().map(figure_to_pb).collect(),
        included: s.included as u32,
        rollup: Some(report_to_pb(&s.rollup)),
        year: s.year.unwrap_or(0),
        groups: s
            .groups
            .iter()
            .map(|g| pb::GroupSummary {
                key: g.key.clone(),
                included: g.included as u32,
                total: g.total.iter().map(figure_to_pb).collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(id: &str, state: pb::CellState, value: &str) -> pb::Cell {
        pb::Cell {
            id: id.into(),
            state: state as i32,
            value: value.into(),
            ..Default::default()
        }
    }

    #[test]
    fn structured_states_stay_distinct() {
        let r = pb::Report {
            cells: vec![
                cell("T3.R1.NP", pb::CellState::Number, "3"),
                cell("T3.R1.BIZ", pb::CellState::Blank, ""),
                cell("T3.R1.RES", pb::CellState::Placeholder, "/"),
                cell("T3.R1.NGO", pb::CellState::Unspecified, "0"),
                cell("T3.R1.LAW", pb::CellState::Unspecified, "—"),
            ],
            ..Default::default()
        };
        let rep = report_from_pb(&r, "input.report").unwrap();
        let cat = Catalog::get();
        let v = |id: &str| rep.value(cat.lookup(id).unwrap()).clone();
        assert_eq!(v("T3.R1.NP"), Value::Number(3.into()));
        assert_eq!(v("T3.R1.BIZ"), Value::Blank);
        assert_eq!(v("T3.R1.RES"), Value::Placeholder("/".into()));
        assert_eq!(v("T3.R1.NGO"), Value::Number(0.into()));
        assert_eq!(v("T3.R1.LAW"), Value::Placeholder("—".into()));
        assert_eq!(v("T3.R1.OTH"), Value::Missing);
    }

    #[test]
    fn bad_cells_are_field_violations() {
        let r = pb::Report {
            cells: vec![
                cell("T3.R9.NP", pb::CellState::Number, "3"),
                cell("T3.R1.NP", pb::CellState::Number, "three"),
                cell("T3.R1.BIZ", pb::CellState::Unspecified, ""),
                cell("T3.R1.BIZ", pb::CellState::Blank, ""),
            ],
            ..Default::default()
        };
        let v = report_from_pb(&r, "input.report").unwrap_err();
        let fields: Vec<&str> = v.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "input.report.cells[0].id",
                "input.report.cells[1].value",
                "input.report.cells[2].value",
                "input.report.cells[3].id"
            ]
        );
    }

    #[test]
    fn a_blank_candidate_is_an_empty_string_in_the_proto() {
        let mut r = nianbao_core::model::Report::new();
        let ix = Catalog::get().lookup("T3.R1.NP").unwrap();
        r.set(
            ix,
            nianbao_core::model::Cell::of(Value::Ambiguous(vec![Some(2.into()), None])),
        );
        let pb = report_to_pb(&r);
        let c = pb.cells.iter().find(|c| c.id == "T3.R1.NP").unwrap();
        assert_eq!(c.state, pb::CellState::Ambiguous as i32);
        assert_eq!(c.candidates, ["2", ""]);
        let back = report_from_pb(&pb, "r").unwrap();
        assert_eq!(back.value(ix), r.value(ix));
    }

    #[test]
    fn round_trip_through_proto() {
        let text = std::fs::read_to_string("tests/fixtures/samples/xinqing-zhen-2020.txt").unwrap();
        let o = nianbao_core::engine::validate_str(&text, Default::default()).unwrap();
        let pb = report_to_pb(&o.report);
        let back = report_from_pb(&pb, "r").unwrap();
        for ix in o.report.listed_cells() {
            assert_eq!(o.report.value(ix), back.value(ix));
        }
        assert_eq!(back.metadata, o.report.metadata);
    }
}
