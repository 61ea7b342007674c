//! Renderers: views of reports and findings, kept apart from the data.

pub mod compare;
pub mod csv;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod plain;
pub mod text;

/// Joins names for a message, cutting long lists: "a, b, c … (+12)".
pub fn list(names: &[&str]) -> String {
    const MAX: usize = 12;
    if names.len() <= MAX {
        names.join(", ")
    } else {
        format!("{} … (+{})", names[..MAX].join(", "), names.len() - MAX)
    }
}

/// What the table renderings (text, Markdown, HTML, DOCX) print for a cell's value, without a
/// unit, so that reading the rendering back gives the same value and state: the number, the
/// placeholder, nothing for a blank cell, `缺失` for a missing one (not in the input, or in a row
/// the reader could not read: never printed empty, which would read back as blank), `?` for an
/// unreadable one, and `待定：6、62、623` for an unsettled one (its candidates, 空白 for a blank
/// candidate). The markers are [`crate::normalize::MISSING_MARK`] and
/// [`crate::normalize::CANDIDATES_MARK`]; `classify` reads them back.
pub fn cell_text(value: &crate::model::Value) -> String {
    use crate::model::{Value, display_candidate, display_decimal};
    use crate::normalize::{CANDIDATE_SEPARATOR, CANDIDATES_MARK, MISSING_MARK, UNREADABLE};
    match value {
        Value::Number(n) => display_decimal(n),
        Value::Placeholder(p) => p.clone(),
        Value::Blank => String::new(),
        Value::Missing => MISSING_MARK.to_string(),
        Value::Ambiguous(c) if c.is_empty() => UNREADABLE[0].to_string(),
        Value::Ambiguous(c) => {
            let mut s = String::from(CANDIDATES_MARK);
            for (k, cand) in c.iter().enumerate() {
                if k > 0 {
                    s.push(CANDIDATE_SEPARATOR);
                }
                s.push_str(&display_candidate(cand));
            }
            s
        }
    }
}

/// The 表三 rows to print for a report: its template's, except that a 2021 report that printed a
/// single （六） row (and none of its sub-rows) keeps that row, so rendering never drops cells.
pub fn t3_rows(report: &crate::model::Report) -> &'static [&'static crate::template::T3Row] {
    use crate::template::{TemplateVersion, prints_single_six, rows_t3};
    if prints_single_six(report) {
        rows_t3(TemplateVersion::F2019)
    } else {
        rows_t3(report.effective_template())
    }
}

/// A rendering of a report: what the CLI's `render --to` and the API's `Render` produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One line per cell: id, labels, value, state.
    Csv,
    /// The report as the API's proto3 JSON (the caller supplies the mapping: the core has no
    /// proto types).
    Json,
    /// The canonical plain text.
    Text,
    Markdown,
    Html,
    /// The HTML page with the cells that have findings highlighted and the findings listed.
    FindingsHtml,
    /// The Markdown report followed by its findings.
    FindingsMarkdown,
    Docx,
    /// Two years side by side (needs last year's report): key figures, the year-to-year links,
    /// the cross-year findings, the tables with both years' values.
    ComparisonHtml,
    /// Two years side by side, one CSV line per cell.
    ComparisonCsv,
}

/// A rendered report: text, or bytes (DOCX).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    Text(String),
    Data(Vec<u8>),
}

impl Rendered {
    /// The bytes (text as UTF-8).
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Rendered::Text(t) => t.into_bytes(),
            Rendered::Data(d) => d,
        }
    }
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 10] = [
        Format::Csv,
        Format::Json,
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::FindingsHtml,
        Format::FindingsMarkdown,
        Format::Docx,
        Format::ComparisonHtml,
        Format::ComparisonCsv,
    ];

    /// The media type of the rendering.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv | Format::ComparisonCsv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
            Format::Text => "text/plain; charset=utf-8",
            Format::Markdown | Format::FindingsMarkdown => "text/markdown; charset=utf-8",
            Format::Html | Format::FindingsHtml | Format::ComparisonHtml => {
                "text/html; charset=utf-8"
            }
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    /// Renders an outcome (evaluated with `previous` as last year's report, when given); `json`
    /// maps the report to the API's JSON (used for [`Format::Json`] only). The comparison
    /// formats compare with `previous`, and are [`NeedsPrevious`] without it.
    pub fn render(
        self,
        o: &crate::engine::Outcome,
        previous: Option<&crate::model::Report>,
        json: impl FnOnce(&crate::model::Report) -> String,
    ) -> Result<Rendered, NeedsPrevious> {
        let then = || previous.ok_or(NeedsPrevious(self));
        Ok(match self {
            Format::Csv => Rendered::Text(csv::render(&o.report)),
            Format::Json => Rendered::Text(json(&o.report)),
            Format::Text => Rendered::Text(plain::render(&o.report)),
            Format::Markdown => Rendered::Text(markdown::render(&o.report)),
            Format::Html => Rendered::Text(html::render(&o.report)),
            Format::FindingsHtml => Rendered::Text(html::render_findings(&o.report, &o.findings)),
            Format::FindingsMarkdown => {
                Rendered::Text(markdown::render_findings(&o.report, &o.findings))
            }
            Format::Docx => Rendered::Data(docx::render(&o.report)),
            Format::ComparisonHtml => {
                Rendered::Text(compare::html(&o.report, then()?, &o.findings))
            }
            Format::ComparisonCsv => Rendered::Text(compare::csv(&o.report, then()?)),
        })
    }
}

/// A comparison format asked for without last year's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} compares two years: last year's report is required")]
pub struct NeedsPrevious(pub Format);
