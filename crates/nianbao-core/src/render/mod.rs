//! Renderers: views of reports and findings, kept apart from the data.

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
