//! The normalized document model every reader produces: lines of cells, each with its position in
//! the source. Plain text gives one line per text line (cells split at tabs); the HTML and DOCX
//! readers give one line per table row or paragraph.

use crate::model::Loc;

/// One piece of a line: a cell of a table row, or the whole line of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frag {
    /// The text, trimmed.
    pub text: String,
    /// Where it starts (1-based line and character column of the first non-space character).
    pub loc: Loc,
}

/// One line or table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: u32,
    pub frags: Vec<Frag>,
}

impl Line {
    /// The line's text with cells joined by nothing (labels broken by cells join up).
    pub fn joined(&self) -> String {
        self.frags.iter().map(|f| f.text.as_str()).collect()
    }

    /// Whether every cell is empty.
    pub fn is_empty(&self) -> bool {
        self.frags.iter().all(|f| f.text.is_empty())
    }

    /// Non-empty cells.
    pub fn non_empty(&self) -> impl Iterator<Item = &Frag> {
        self.frags.iter().filter(|f| !f.text.is_empty())
    }
}

/// A whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub lines: Vec<Line>,
}
