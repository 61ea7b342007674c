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
