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
