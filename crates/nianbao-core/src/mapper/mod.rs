//! The template mapper: places every cell of 表二, 表三 and 表四 from a [`Document`], finds the six
//! sections, the title, the issuing body and the year, and detects the template of each table.
//!
//! It never guesses: a line it cannot place is reported (PRS001), a row whose values do not fit is
//! left missing (PRS002), a row printed twice with other values becomes ambiguous (PRS005).

use crate::finding::Finding;
use crate::input::Document;
use crate::input::document::{Frag, Line};
use crate::model::{Cell, Report, Value};
use crate::normalize::{Token, classify};
use crate::template::{CellIx, Table, TemplateVersion};

pub mod sections;
mod table2;
mod table3;
mod table4;

/// A report mapped from a document, with the reader's findings.
#[derive(Debug, Clone)]
pub struct Mapped {
    pub report: Report,
    pub findings: Vec<Finding>,
}

/// Working state shared by the table mappers.
pub(crate) struct State<'d> {
    pub doc: &'d Document,
    /// Lines consumed by a table (not narrative text).
    pub used: Vec<bool>,
    pub report: Report,
    pub findings: Vec<Finding>,
}

/// Maps a document onto the template.
pub fn map(doc: &Document) -> Mapped {
    let mut st = State {
        doc,
        used: vec![false; doc.lines.len()],
        report: Report::new(),
        findings: Vec::new(),
    };
    st.report.from_text = true;
    sections::metadata(&mut st);
    let t3_start = table3::find_start(doc);
    table2::map(&mut st, t3_start);
    let t3_end = table3::map(&mut st, t3_start);
    table4::map(&mut st, t3_end.unwrap_or(0));
    sections::map(&mut st);
    detect_template(&mut st.report);
    Mapped {
        report: st.report,
        findings: st.findings,
    }
}

fn detect_template(report: &mut Report) {
    let layouts: Vec<TemplateVersion> = report.table_layouts.iter().map(|(_, v)| *v).collect();
    let by_year = report.metadata.report_year.map(TemplateVersion::for_year);
    report.metadata.template = match layouts.as_slice() {
        [] => None,
        [first, rest @ ..] if rest.iter().all(|v| v == first) => Some(*first),
        _ => by_year.or_else(|| {
            report
                .table_layouts
                .iter()
                .find(|(t, _)| *t == Table::T3)
                .map(|(_, v)| *v)
        }),
    };
}

/// Splits a line into its label part and its value part: the values are the longest run of
/// non-text cells (numbers, placeholders, blanks) at the end of the line.
pub(crate) fn split_values(line: &Line) -> (Vec<&Frag>, Vec<&Frag>) {
    let mut k = line.frags.len();
    while k > 0 && classify(&line.frags[k - 1].text) != Token::Text {
        k -= 1;
    }
    (
        line.frags[..k].iter().collect(),
        line.frags[k..].iter().collect(),
    )
}

/// Whether the cells hold at least one number or placeholder.
pub(crate) fn has_values(values: &[&Frag]) -> bool {
    values
        .iter()
        .any(|f| matches!(classify(&f.text), Token::Number(..) | Token::Placeholder(_)))
}

/// Fits `values` to `n` columns by dropping empty layout cells at the end, then at the start.
pub(crate) fn fit<'a>(values: &[&'a Frag], n: usize) -> Option<Vec<&'a Frag>> {
    let mut v: Vec<&Frag> = values.to_vec();
    while v.len() > n && v.last().is_some_and(|f| f.text.is_empty()) {
        v.pop();
    }
    while v.len() > n && v.first().is_some_and(|f| f.text.is_empty()) {
        v.remove(0);
    }
    (v.len() == n).then_some(v)
}

/// The cell a fragment of text gives.
pub(crate) fn cell_of(frag: &Frag) -> Cell {
    let (value, unit) = match classify(&frag.text) {
        Token::Blank => (Value::Blank, None),
        Token::Placeholder(p) => (Value::Placeholder(p), None),
        Token::Number(n, u) => (Value::Number(n), u),
        // Callers only pass value cells; text here would be a bug, kept visible as ambiguous.
        Token::Text => (Value::Ambiguous(Vec::new()), None),
    };
    Cell {
        value,
        raw: frag.text.clone(),
        source: Some(frag.loc),
        unit,
    }
}

impl State<'_> {
    /// Places a row's cells; a second copy of the same row with other values makes them ambiguous.
    pub(crate) fn place(
        &mut self,
        cells: &[CellIx],
        values: &[&Frag],
        row_name: &str,
        line: &Line,
    ) {
        let already = cells
            .iter()
            .any(|c| self.report.value(*c) != &Value::Missing);
        if !already {
            for (ix, f) in cells.iter().zip(values) {
                self.report.set(*ix, cell_of(f));
            }
            return;
        }
        let mut differs = false;
        for (ix, f) in cells.iter().zip(values) {
            let new = cell_of(f);
            let old = self.report.cell(*ix).clone();
            if old.value != new.value {
                differs = true;
                let cands: Vec<_> = [&old.value, &new.value]
                    .iter()
                    .filter_map(|v| match v {
                        Value::Number(n) => Some(*n),
                        Value::Ambiguous(c) => c.first().copied(),
                        _ => None,
                    })
                    .collect();
                self.report.set(
                    *ix,
                    Cell {
                        value: Value::Ambiguous(cands),
                        ..old
                    },
                );
            }
        }
        let loc = line.frags.first().map(|f| f.loc);
        let (zh, en) = if differs {
            (
                format!("“{row_name}”行出现两次且数值不同，相关单元格标为无法确定"),
                format!(
                    "row {row_name} is printed twice with different values; those cells are marked ambiguous"
                ),
            )
        } else {
            (
                format!("“{row_name}”行出现两次（数值相同）"),
                format!("row {row_name} is printed twice (same values)"),
            )
        };
        self.findings.push(
            Finding::new(&crate::rules::PRS005, zh, en)
                .cells(cells.iter().copied())
                .at(loc),
        );
    }
}
