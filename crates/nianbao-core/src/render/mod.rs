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
    use crate::model::Value;
    use crate::template::{T3_COLS, TemplateVersion, rows_t3, t3};
    let v = report.effective_template();
    let present = |row: &str| {
        T3_COLS
            .iter()
            .any(|c| report.value(t3(row, c.id)) != &Value::Missing)
    };
    if v == TemplateVersion::F2021
        && present("R3.6")
        && !["R3.6.1", "R3.6.2", "R3.6.3"].iter().any(|r| present(r))
    {
        rows_t3(TemplateVersion::F2019)
    } else {
        rows_t3(v)
    }
}
