//! The template mapper: places every cell of 表二, 表三 and 表四 from a [`Document`], finds the six
//! sections, the title, the issuing body and the year, and detects the template of each table.
//!
//! It never guesses: a line it cannot place is reported (PRS001), a row whose values do not fit is
//! left missing (PRS002), a row printed twice with other values becomes ambiguous (PRS005).

use crate::finding::Finding;
use crate::input::Document;
use crate::input::document::{Frag, FragKind, Line};
use crate::model::{Cell, Loc, Report, Value};
use crate::normalize::{Token, classify};
use crate::template::{CellIx, Table, TemplateVersion};

mod cell_lines;
mod digits;
mod evidence;
mod metadata;
mod own_heading;
mod readings;
mod said;
mod sections;
mod segment;
mod settle;
mod table2;
mod table3;
mod table4;

/// A report mapped from a document, with the reader's findings.
#[derive(Debug, Clone)]
pub struct Mapped {
    pub report: Report,
    pub findings: Vec<Finding>,
    /// Rows still read several ways, for last year's report to settle ([`Mapped::with_previous`]).
    open: Vec<Choice>,
}

impl Mapped {
    /// Settles what last year's report fixes among the rows and cells the report left open
    /// (现行有效件数, 上一年项目数量, 上年结转 chains; PRS010 says so). Nothing the report prints
    /// unambiguously changes.
    pub fn with_previous(mut self, prev: &Report) -> Mapped {
        let open = std::mem::take(&mut self.open);
        self.open = settle::with_previous(&mut self.report, &mut self.findings, open, prev);
        self
    }
}

/// Working state shared by the table mappers.
pub(crate) struct State<'d> {
    pub doc: &'d Document,
    /// Lines consumed by a table (not narrative text).
    pub used: Vec<bool>,
    /// Per line, the section it certainly heads (known wording), computed once.
    pub headings: Vec<Option<crate::model::SectionId>>,
    /// Per line, the line as a heading candidate (any wording), computed once.
    pub heading_lines: Vec<Option<crate::template::headings::HeadingLine>>,
    /// Per line, its cells' text joined ([`Line::joined`]), computed once.
    pub joined: Joined,
    pub report: Report,
    pub findings: Vec<Finding>,
    /// Rows left ambiguous between whole readings (placements of dropped blanks), for the
    /// table's other identities to narrow once every table is read.
    pub choices: Vec<Choice>,
}

/// A row the reader could read several ways, each a whole row of cells.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub cells: Vec<CellIx>,
    pub options: Vec<readings::Reading>,
    pub row: String,
    pub code: &'static crate::codes::RuleInfo,
    /// The values the reader set; a row printed again since (PRS005) is not narrowed.
    pub set: Vec<Value>,
}

/// Maps a document onto the template.
pub fn map(doc: &Document) -> Mapped {
    map_cow(std::borrow::Cow::Borrowed(doc))
}

/// [`map`] of a document the caller no longer needs (what a reader returned): lines with digits
/// fused to their label are split in place instead of in a copy of every line.
pub fn map_owned(doc: Document) -> Mapped {
    map_cow(std::borrow::Cow::Owned(doc))
}

/// The document the table mappers read: run-together pages segmented at the template's labels
/// and headings, digits fused to labels peeled, rows under a heading of their own given its
/// label, one-cell-per-line tables folded into rows (each step copies only when it changes
/// something).
fn prepare(mut doc: std::borrow::Cow<'_, Document>) -> std::borrow::Cow<'_, Document> {
    if let Some(s) = segment::segment(&doc) {
        doc = std::borrow::Cow::Owned(s);
    }
    peel(&mut doc);
    if let Some(f) = own_heading::fold(&doc) {
        doc = std::borrow::Cow::Owned(f);
    }
    if let Some(f) = cell_lines::fold(&doc) {
        doc = std::borrow::Cow::Owned(f);
    }
    doc
}

fn map_cow(doc: std::borrow::Cow<'_, Document>) -> Mapped {
    let doc = prepare(doc);
    let doc: &Document = &doc;
    let heading_lines: Vec<_> = doc.lines.iter().map(sections::heading_line).collect();
    let mut st = State {
        doc,
        used: vec![false; doc.lines.len()],
        headings: heading_lines
            .iter()
            .map(|h| {
                h.as_ref()
                    .and_then(crate::template::headings::known_heading)
            })
            .collect(),
        heading_lines,
        joined: Joined::of(doc),
        report: Report::new(),
        findings: Vec::new(),
        choices: Vec::new(),
    };
    st.report.from_text = true;
    metadata::metadata(&mut st);
    // 表三 first (its start is the most certain), then 表四 after it (or anywhere, for reports that
    // print the tables in another order), then 表二 on the lines left.
    let t3_start = table3::find_start(&st.joined);
    let t3_end = table3::map(&mut st, t3_start);
    if !table4::map(&mut st, t3_end.unwrap_or(0)) && t3_end.is_some() {
        // Printed elsewhere (before 表三): from its own section heading when there is one.
        let own = st
            .headings
            .iter()
            .position(|h| *h == Some(crate::model::SectionId::ReviewLitigation))
            .unwrap_or(0);
        if !table4::map(&mut st, own) && own > 0 {
            table4::map(&mut st, 0);
        }
    }
    table2::map(&mut st);
    sections::map(&mut st);
    detect_template(&mut st.report);
    let open = settle::narrow(&mut st);
    if let Some(d) = &doc.damage {
        st.findings.push(
            said::Said::Damaged {
                zh: &d.zh,
                en: &d.en,
            }
            .finding(&crate::codes::PRS009),
        );
    }
    Mapped {
        report: st.report,
        findings: st.findings,
        open,
    }
}

/// Every line's cells joined ([`Line::joined`]), in one buffer: `joined[i]` is line `i`'s text.
pub(crate) struct Joined {
    buf: String,
    /// Where each line's text ends in `buf` (it starts where the previous one ends).
    ends: Vec<usize>,
}

impl Joined {
    fn of(doc: &Document) -> Joined {
        let len = doc
            .lines
            .iter()
            .flat_map(|l| &l.frags)
            .map(|f| f.text.len())
            .sum();
        let mut buf = String::with_capacity(len);
        let mut ends = Vec::with_capacity(doc.lines.len());
        for l in &doc.lines {
            for f in &l.frags {
                buf.push_str(&f.text);
            }
            ends.push(buf.len());
        }
        Joined { buf, ends }
    }

    /// The texts of the first `n` lines, one after the other.
    pub fn first_lines(&self, n: usize) -> &str {
        match n.min(self.ends.len()) {
            0 => "",
            k => &self.buf[..self.ends[k - 1]],
        }
    }

    /// The lines' texts in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| &self[i])
    }
}

impl std::ops::Index<usize> for Joined {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
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
/// non-text cells (numbers, placeholders, blanks) at the end of the line. (Digits fused to a
/// label were peeled into their own cell by [`peel`].)
pub(crate) fn split_values(line: &Line) -> (&[Frag], &[Frag]) {
    let mut k = line.frags.len();
    while k > 0 && line.frags[k - 1].kind.is_value() {
        k -= 1;
    }
    line.frags.split_at(k)
}

/// Peels digits fused to the end of a line's last label cell (`规范性文件898989`,
/// `一、本年新收…数量230`) into a cell of their own, in place (a borrowed document is copied
/// first, only when a line has such digits).
fn peel(doc: &mut std::borrow::Cow<'_, Document>) {
    let fused = |l: &Line| -> Option<usize> {
        let mut k = l.frags.len();
        while k > 0 && l.frags[k - 1].kind.is_value() {
            k -= 1;
        }
        if k > 0 && peel_digits(&l.frags[k - 1].text).is_some() {
            Some(k - 1)
        } else {
            None
        }
    };
    if !doc.lines.iter().any(|l| fused(l).is_some()) {
        return;
    }
    for l in &mut doc.to_mut().lines {
        let Some(k) = fused(l) else { continue };
        let f = l.frags[k].clone();
        if let Some((text, digits)) = peel_digits(&f.text) {
            let col = f.loc.column + text.chars().count() as u32;
            let value = Frag::new(
                digits.to_string(),
                Loc {
                    column: col,
                    ..f.loc
                },
            );
            l.frags[k] = Frag::new(text, f.loc);
            l.frags.insert(k + 1, value);
        }
    }
}

/// "规范性文件898989" → ("规范性文件", "898989"); "政府集中采购135.5元" → (…, "135.5元").
fn peel_digits(t: &str) -> Option<(&str, &str)> {
    // A rendering's marker for an unsettled cell (`待定：6、62`, maybe damaged) is no label with
    // a number fused to it: its last candidate is not a value.
    if t.starts_with("待定") {
        return None;
    }
    let body = t
        .strip_suffix("万元")
        .or_else(|| t.strip_suffix('元'))
        .unwrap_or(t);
    let start = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == '-')
        .last()
        .map(|(i, _)| i)?;
    let (text, digits) = (&t[..start], &t[start..]);
    let last = text.chars().last()?;
    // "1." of a sub-item number, or a label that ends with a digit, is not a value.
    if digits.starts_with('.')
        || !digits.chars().any(|c| c.is_ascii_digit())
        || last.is_ascii_digit()
        || last == '.'
    {
        return None;
    }
    Some((text, digits))
}

/// Whether the cells hold at least one number or placeholder (or a run of digits that lost its
/// separators, such as `396-5181`).
pub(crate) fn has_values(values: &[Frag]) -> bool {
    values.iter().any(|f| {
        matches!(
            f.kind,
            FragKind::Number | FragKind::Placeholder | FragKind::DigitRun | FragKind::Unreadable
        )
    })
}

/// Fits `values` to `n` columns by dropping empty layout cells at the end, then at the start.
pub(crate) fn fit(values: &[Frag], n: usize) -> Option<&[Frag]> {
    fit_layout(values, n, 0)
}

/// Like [`fit`], knowing that rows of this table end with `trailing` empty layout cells (a
/// trailing tab after every row of text copied from Word): those go first, so a blank last cell
/// (总计) is not mistaken for layout and the values do not shift.
pub(crate) fn fit_layout(values: &[Frag], n: usize, trailing: usize) -> Option<&[Frag]> {
    let mut v = values;
    let mut t = trailing;
    while t > 0
        && v.len() > n
        && let Some((last, rest)) = v.split_last()
        && last.text.is_empty()
    {
        v = rest;
        t -= 1;
    }
    while v.len() > n
        && let Some((first, rest)) = v.split_first()
        && first.text.is_empty()
    {
        v = rest;
    }
    while v.len() > n
        && let Some((last, rest)) = v.split_last()
        && last.text.is_empty()
    {
        v = rest;
    }
    // A cell that is not a number, placeholder or blank (digits that ran together) does not fit.
    (v.len() == n
        && v.iter().all(|f| {
            matches!(
                f.kind,
                FragKind::Number | FragKind::Placeholder | FragKind::Blank | FragKind::Unreadable
            )
        }))
    .then_some(v)
}

/// The number of empty layout cells rows end with, learned from the rows of `lines` that hold
/// exactly `n` values (the most common count wins; 0 when none tells).
pub(crate) fn trailing_layout(lines: &[Line], n: usize) -> usize {
    let mut counts = [0usize; 4];
    for l in lines {
        let (_, values) = split_values(l);
        let filled = values.iter().filter(|f| !f.text.is_empty()).count();
        if filled != n {
            continue;
        }
        let t = values
            .iter()
            .rev()
            .take_while(|f| f.text.is_empty())
            .count();
        if t < counts.len() {
            counts[t] += 1;
        }
    }
    counts
        .iter()
        .enumerate()
        .max_by_key(|(k, c)| (**c, std::cmp::Reverse(*k)))
        .map(|(k, _)| k)
        .unwrap_or(0)
}

/// The cell a fragment of text gives.
pub(crate) fn cell_of(frag: &Frag) -> Cell {
    let t = frag.text.as_str();
    let (value, unit) = match frag.kind {
        FragKind::Blank => (Value::Blank, None),
        // Most cells are plain counts (what `classify` returns for them, without its other tests).
        FragKind::Number
            if !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let n = t.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            (Value::Number(crate::Decimal::from(n)), None)
        }
        _ => match classify(t) {
            Token::Blank => (Value::Blank, None),
            Token::Placeholder(p) => (Value::Placeholder(p), None),
            Token::Number(n, u) => (Value::Number(n), u),
            // Printed as unknown: ambiguous with no candidate (PRS003 reports it).
            Token::Unreadable => (Value::Ambiguous(Vec::new()), None),
            // A rendering's markers: missing stays missing (VAL005), unsettled stays ambiguous
            // with its candidates (PRS003), never read as blank or as one of the numbers.
            Token::Missing => (Value::Missing, None),
            Token::Candidates(c) => (Value::Ambiguous(c), None),
            // Callers only pass value cells; text here would be a bug, kept visible as ambiguous.
            Token::Text => (Value::Ambiguous(Vec::new()), None),
        },
    };
    Cell {
        value,
        raw: frag.text.as_str().into(),
        source: Some(frag.loc),
        unit,
    }
}

/// The lines the table mappers see ([`prepare`]), cells separated by ` | `: for
/// `examples/doclines.rs`.
#[doc(hidden)]
pub fn debug_lines(doc: &Document) -> Vec<String> {
    prepare(std::borrow::Cow::Borrowed(doc))
        .lines
        .iter()
        .map(|l| {
            let cells: Vec<&str> = l.frags.iter().map(|f| f.text.as_str()).collect();
            format!("{:<4} {}", l.no, cells.join(" | "))
        })
        .collect()
}

#[cfg(test)]
mod cell_tests {
    use super::*;

    #[test]
    fn mapping_a_document_in_place_gives_what_mapping_a_copy_gives() {
        // Digits fused to labels (peeled), and lines that keep theirs.
        let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章0\t0\t0\n规范性文件898989\n发布日期：2020-01-31\n";
        let doc = crate::input::text::read(text);
        let borrowed = map(&doc);
        assert_eq!(
            doc,
            crate::input::text::read(text),
            "the borrowed document is untouched"
        );
        let owned = map_owned(doc);
        assert_eq!(
            format!("{:?}", borrowed.report),
            format!("{:?}", owned.report)
        );
        assert_eq!(
            format!("{:?}", borrowed.findings),
            format!("{:?}", owned.findings)
        );
        assert!(peel_digits("规范性文件898989").is_some());
    }

    proptest::proptest! {
        #[test]
        fn plain_counts_read_as_classify_reads_them(s in "[0-9]{1,20}|[0-9 ,.元]{1,12}") {
            let f = Frag::new(s.as_str(), Loc { page: 0, line: 1, column: 1 });
            let want = match classify(&s) {
                Token::Number(n, u) => Some((n, u)),
                _ => None,
            };
            let got = cell_of(&f);
            if let Some((n, u)) = want {
                proptest::prop_assert_eq!(got.value, Value::Number(n));
                proptest::prop_assert_eq!(got.unit, u);
            }
        }
    }
}
