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
    pub options: Vec<Vec<Cell>>,
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

fn map_cow(mut doc: std::borrow::Cow<'_, Document>) -> Mapped {
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
        st.findings.push(Finding::new(
            &crate::codes::PRS009,
            format!("文件已损坏，只读取了能读取的部分：{}", d.zh),
            format!(
                "the file is damaged and was read only as far as it could be: {}",
                d.en
            ),
        ));
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

/// What [`State::try_split`] does when no split satisfies the row's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoSplit {
    /// Read the row anyway (ambiguous cells, or the one possible split) and say so.
    Report,
    /// Leave the row alone and answer false.
    Decline,
}

/// The value kind of each cell (what a digit split may put there), from the template.
fn kinds_of(cells: &[CellIx]) -> Vec<crate::template::ValueKind> {
    let cat = crate::template::Catalog::get();
    cells.iter().map(|c| cat.def(*c).kind()).collect()
}

/// Most readings of one row kept for [`settle::narrow`] (placements of its values among blanks, or digit
/// splits), and most digit splits [`State::widen_with_splits`] adds as candidates.
const MAX_PLACEMENTS: usize = 64;

impl State<'_> {
    /// Splits run-together digits into the row's cells (see [`digits`]); `check` is the row's
    /// identity. Returns false when the values are not digit runs (the caller reports PRS002),
    /// or, with [`NoSplit::Decline`], when no split satisfies the identity (nothing is set or
    /// reported then: the caller tries the other readings of the row first).
    pub(crate) fn try_split(
        &mut self,
        cells: &[CellIx],
        values: &[Frag],
        check: impl Fn(&[crate::Decimal]) -> bool,
        row_name: &dyn std::fmt::Display,
        no_split: NoSplit,
    ) -> bool {
        let only_satisfying = no_split == NoSplit::Decline;
        let kinds = kinds_of(cells);
        let toks: Vec<&Frag> = values.iter().filter(|f| !f.text.is_empty()).collect();
        let mut unit = None;
        let texts: Vec<&str> = toks
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let (t, u) = if k + 1 == toks.len() {
                    digits::strip_unit(&f.text)
                } else {
                    (f.text.as_str(), None)
                };
                if u.is_some() {
                    unit = u;
                }
                t
            })
            .collect();
        let all = match digits::splits(&texts, &kinds) {
            Ok(all) => all,
            Err(digits::SplitError::TooMany) if !only_satisfying => {
                self.findings.push(
                    Finding::new(
                        &crate::codes::PRS007,
                        format!("“{row_name}”行的数字连在一起（{}），可拆分方式过多，单元格未读取", texts.join(" ")),
                        format!("row {row_name}: run-together digits ({}) split too many ways; cells not read", texts.join(" ")),
                    )
                    .severity(crate::finding::Severity::Warning)
                    .cells(cells.iter().copied())
                    .at(toks.first().map(|f| f.loc)),
                );
                return true;
            }
            Err(_) => return false,
        };
        let ok: Vec<&Vec<crate::Decimal>> = all.iter().filter(|v| check(v)).collect();
        if only_satisfying && ok.is_empty() {
            return false;
        }
        let raw = texts.join(" ");
        let loc = toks.first().map(|f| f.loc);
        let show = |v: &Vec<crate::Decimal>| {
            v.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("|")
        };
        // No split satisfies the identity: the digits are not (only) run together — a row
        // printed incompletely reads the same way — so no cell is settled from them, unless the
        // digits allow one split only (then the report's own numbers break the identity, and the
        // arithmetic rules say so).
        let satisfied = !ok.is_empty();
        let unverified = !satisfied && all.len() > 1;
        if unverified {
            self.findings.push(
                Finding::new(
                    &crate::codes::PRS007,
                    format!("“{row_name}”行的数字连在一起（{raw}），没有一种拆分满足勾稽关系；单元格标为无法确定"),
                    format!("row {row_name}: run-together digits ({raw}); no split satisfies the row identity; cells left ambiguous"),
                )
                .severity(crate::finding::Severity::Warning)
                .cells(cells.iter().copied())
                .at(loc),
            );
        }
        let pool: Vec<&Vec<crate::Decimal>> = if ok.is_empty() {
            all.iter().collect()
        } else {
            ok
        };
        if pool.len() == 1 {
            let v = pool[0];
            let (zh, en) = if !satisfied {
                (
                    format!(
                        "“{row_name}”行的数字连在一起（{raw}），只有一种拆分 {}，但不满足勾稽关系",
                        show(v)
                    ),
                    format!(
                        "row {row_name}: run-together digits ({raw}) split as {}, the only possible split, which does not satisfy the row identity",
                        show(v)
                    ),
                )
            } else {
                (
                    format!(
                        "“{row_name}”行的数字连在一起（{raw}），唯一满足勾稽关系的拆分为 {}",
                        show(v)
                    ),
                    format!(
                        "row {row_name}: run-together digits ({raw}) split as {}, the only split that satisfies the row identity",
                        show(v)
                    ),
                )
            };
            for (k, (ix, d)) in cells.iter().zip(v).enumerate() {
                let u = if k + 1 == cells.len() {
                    unit.map(String::from)
                } else {
                    None
                };
                self.report.set(
                    *ix,
                    Cell {
                        value: Value::Number(*d),
                        raw: raw.as_str().into(),
                        source: loc,
                        unit: u,
                    },
                );
            }
            let f = Finding::new(&crate::codes::PRS007, zh, en)
                .cells(cells.iter().copied())
                .at(loc);
            self.findings.push(if !satisfied {
                f.severity(crate::finding::Severity::Warning)
            } else {
                f
            });
            return true;
        }
        for (k, ix) in cells.iter().enumerate() {
            let mut cands: Vec<crate::Decimal> = pool.iter().map(|v| v[k]).collect();
            cands.sort();
            cands.dedup();
            let u = if k + 1 == cells.len() {
                unit.map(String::from)
            } else {
                None
            };
            let value = if cands.len() == 1 && !unverified {
                Value::Number(cands[0])
            } else {
                Value::Ambiguous(cands.into_iter().map(Some).collect())
            };
            self.report.set(
                *ix,
                Cell {
                    value,
                    raw: raw.as_str().into(),
                    source: loc,
                    unit: u,
                },
            );
        }
        // Several splits satisfy the row: the table's other identities may tell them apart.
        if pool.len() <= MAX_PLACEMENTS {
            self.push_choice(
                cells,
                pool.iter()
                    .map(|v| {
                        v.iter()
                            .enumerate()
                            .map(|(k, d)| Cell {
                                value: Value::Number(*d),
                                raw: raw.as_str().into(),
                                source: loc,
                                unit: (k + 1 == cells.len())
                                    .then(|| unit.map(String::from))
                                    .flatten(),
                            })
                            .collect()
                    })
                    .collect(),
                row_name,
                &crate::codes::PRS007,
            );
        }
        let listed: Vec<String> = pool.iter().take(12).map(|v| show(v)).collect();
        self.findings.push(
            Finding::new(
                &crate::codes::PRS007,
                format!("“{row_name}”行的数字连在一起（{raw}），有 {} 种拆分：{}{}；不一致的单元格标为无法确定", pool.len(), listed.join("，"), if pool.len() > 12 { "…" } else { "" }),
                format!("row {row_name}: run-together digits ({raw}) split {} ways: {}{}; the cells they disagree on are ambiguous", pool.len(), listed.join(", "), if pool.len() > 12 { " …" } else { "" }),
            )
            .cells(cells.iter().copied())
            .at(loc),
        );
        true
    }

    /// The splits of one number's digits over `cells`, when there are at most
    /// [`MAX_PLACEMENTS`] (none when it is not a run of digits); None when there are more.
    pub(crate) fn few_splits(cells: &[CellIx], token: &Frag) -> Option<Vec<Vec<crate::Decimal>>> {
        let kinds = kinds_of(cells);
        match digits::splits(&[token.text.as_str()], &kinds) {
            Ok(all) if all.len() > MAX_PLACEMENTS => None,
            Ok(all) => Some(all),
            Err(digits::SplitError::TooMany) => None,
            Err(_) => Some(Vec::new()),
        }
    }

    /// A row that [`State::try_blanks`] just read from one number, which may instead be the
    /// digits of its cells run together: each of `splits` (from [`State::few_splits`]) joins
    /// each cell's candidates (a table with no identity to choose says both), with a PRS007
    /// warning. Nothing changes when there are none.
    pub(crate) fn widen_with_splits(
        &mut self,
        cells: &[CellIx],
        token: &Frag,
        all: &[Vec<crate::Decimal>],
        row_name: &dyn std::fmt::Display,
    ) {
        if all.is_empty() {
            return;
        }
        for (k, ix) in cells.iter().enumerate() {
            let mut cands: Vec<Option<crate::Decimal>> = match self.report.value(*ix) {
                Value::Number(d) => vec![Some(*d)],
                Value::Blank => vec![None],
                Value::Ambiguous(c) => c.clone(),
                _ => Vec::new(),
            };
            cands.extend(all.iter().map(|v| Some(v[k])));
            cands.sort_by_key(|c| (c.is_none(), *c));
            cands.dedup();
            let value = match cands.as_slice() {
                [Some(d)] => Value::Number(*d),
                _ => Value::Ambiguous(cands),
            };
            self.report.set(
                *ix,
                Cell {
                    value,
                    raw: token.text.as_str().into(),
                    source: Some(token.loc),
                    unit: None,
                },
            );
        }
        let listed: Vec<String> = all
            .iter()
            .take(12)
            .map(|v| {
                v.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        let t = &token.text;
        self.findings.push(
            Finding::new(
                &crate::codes::PRS007,
                format!("“{row_name}”行的 {t} 也可能是数字连在一起（{}），单元格的候选值包括这些拆分", listed.join("，")),
                format!("row {row_name}: {t} may also be digits run together ({}); the cells' candidates include those splits", listed.join(", ")),
            )
            .severity(crate::finding::Severity::Warning)
            .cells(cells.iter().copied())
            .at(Some(token.loc)),
        );
    }

    /// A row that [`State::try_blanks`] just read with blank cells dropped, whose missing values
    /// may instead be on value-only lines after a gap (`lines`): that reading (`values`, one a
    /// cell) joins each cell's candidates, with a PRS008 warning.
    pub(crate) fn widen_with_wrapped(
        &mut self,
        cells: &[CellIx],
        values: &[Frag],
        lines: &[u32],
        row_name: &dyn std::fmt::Display,
    ) {
        for (ix, f) in cells.iter().zip(values) {
            let mut cands: Vec<Option<crate::Decimal>> = match self.report.value(*ix) {
                Value::Number(d) => vec![Some(*d)],
                Value::Blank => vec![None],
                Value::Ambiguous(c) => c.clone(),
                _ => Vec::new(),
            };
            let new = cell_of(f);
            match &new.value {
                Value::Number(d) => cands.push(Some(*d)),
                Value::Blank => cands.push(None),
                _ => continue,
            }
            cands.sort_by_key(|c| (c.is_none(), *c));
            cands.dedup();
            let mut cell = self.report.cell(*ix).clone();
            if let [one] = cands.as_slice() {
                cell.value = one.map_or(Value::Blank, Value::Number);
            } else {
                cell.value = Value::Ambiguous(cands);
            }
            self.report.set(*ix, cell);
        }
        let shown: Vec<&str> = values.iter().map(|f| f.text.as_str()).collect();
        let nos: Vec<String> = lines.iter().map(u32::to_string).collect();
        self.findings.push(
            Finding::new(
                &crate::codes::PRS008,
                format!(
                    "“{row_name}”行的数值可能接续在空行后的第 {} 行（{}），也可能是空白单元格被丢弃；单元格的候选值包括这两种读法",
                    nos.join("、"),
                    shown.join("|")
                ),
                format!(
                    "row {row_name}: its values may continue on line {} after a gap ({}), or blank cells were dropped; the cells' candidates include both readings",
                    nos.join(", "),
                    shown.join("|")
                ),
            )
            .severity(crate::finding::Severity::Warning)
            .cells(cells.iter().copied())
            .at(values.first().map(|f| f.loc)),
        );
    }

    /// Keeps a row read several ways (`options`, each a whole row) for [`settle::narrow`], with the
    /// values the reader set for it now.
    fn push_choice(
        &mut self,
        cells: &[CellIx],
        options: Vec<Vec<Cell>>,
        row_name: &dyn std::fmt::Display,
        code: &'static crate::codes::RuleInfo,
    ) {
        let set = cells
            .iter()
            .map(|ix| self.report.value(*ix).clone())
            .collect();
        self.choices.push(Choice {
            cells: cells.to_vec(),
            options,
            row: row_name.to_string(),
            code,
            set,
        });
    }

    /// A row printed with fewer values than it has cells, each value a number printed alone: the
    /// extraction dropped blank cells (a PDF's text keeps nothing where a cell was empty), and
    /// where they were is not printed. Every placement of the values, in their order, with blanks
    /// in the other cells is tried against the row's identity (`check`, blanks counted as 0,
    /// answers `None` when it cannot tell, e.g. the total itself blank; so a lone value is never
    /// the total of otherwise blank cells). One placement left: it is used (info when the
    /// identity confirms it, a warning when it cannot). Several: the cells they agree on are
    /// settled, the others are ambiguous with their candidates, a blank among them; up to
    /// [`MAX_PLACEMENTS`] of them are kept for [`settle::narrow`]. Returns false (nothing set or
    /// reported) when the values are not numbers printed alone or no placement fits, or when
    /// there is one value with a digit for every cell (digits run together may read the same),
    /// unless `whole`: the caller reads that value as a whole number too (and adds the splits
    /// itself, [`State::widen_with_splits`]). The caller reports PRS002 when false.
    pub(crate) fn try_blanks(
        &mut self,
        cells: &[CellIx],
        values: &[Frag],
        check: impl Fn(&[Option<crate::Decimal>]) -> Option<bool>,
        row_name: &dyn std::fmt::Display,
        whole: bool,
    ) -> bool {
        let toks: Vec<&Frag> = values.iter().filter(|f| !f.text.is_empty()).collect();
        let (n, m) = (toks.len(), cells.len());
        // One value alone with a digit for every cell may be digits run together (`1234567`):
        // the digit split reads it (unless the caller also does); with fewer digits it cannot be
        // a split.
        if n == 0 || (n == 1 && !whole && toks[0].text.len() >= m) || n >= m || m > 16 {
            return false;
        }
        let mut nums = Vec::with_capacity(n);
        for f in &toks {
            let t = f.text.as_str();
            // A leading zero ("05", "000023") is digits run together, not a number printed alone.
            if t.len() > 1 && t.starts_with('0') {
                return false;
            }
            match cell_of(f).value {
                Value::Number(d) => nums.push(d),
                _ => return false,
            }
        }
        // Each placement: for every cell, the index of the value it holds (None: blank).
        let mut fits: Vec<(Vec<Option<usize>>, bool)> = Vec::new();
        for mask in 0u32..(1 << m) {
            if mask.count_ones() as usize != n {
                continue;
            }
            let mut next = 0..n;
            let at: Vec<Option<usize>> = (0..m)
                .map(|k| (mask & (1 << k) != 0).then(|| next.next()).flatten())
                .collect();
            let v: Vec<Option<crate::Decimal>> = at.iter().map(|t| t.map(|t| nums[t])).collect();
            match check(&v) {
                Some(false) => {}
                verdict => fits.push((at, verdict == Some(true))),
            }
        }
        if fits.is_empty() {
            return false;
        }
        // The placements the identity confirms first.
        fits.sort_by_key(|(_, verified)| !verified);
        let show = |at: &[Option<usize>]| {
            at.iter()
                .map(|t| {
                    t.map_or_else(
                        || crate::model::BLANK_CANDIDATE.to_string(),
                        |t| toks[t].text.to_string(),
                    )
                })
                .collect::<Vec<_>>()
                .join("|")
        };
        let raw: String = toks
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let loc = toks.first().map(|f| f.loc);
        for (k, ix) in cells.iter().enumerate() {
            let mut cands: Vec<Option<usize>> = fits.iter().map(|(at, _)| at[k]).collect();
            cands.sort_by_key(|t| (t.is_none(), t.map(|t| nums[t])));
            cands.dedup_by_key(|t| t.map(|t| nums[t]));
            let cell = match cands.as_slice() {
                [Some(t)] => cell_of(toks[*t]),
                [None] => Cell {
                    value: Value::Blank,
                    raw: "".into(),
                    source: loc,
                    unit: None,
                },
                _ => Cell {
                    value: Value::Ambiguous(cands.iter().map(|t| t.map(|t| nums[t])).collect()),
                    raw: raw.as_str().into(),
                    source: loc,
                    unit: None,
                },
            };
            self.report.set(*ix, cell);
        }
        // Beyond a few dozen placements (a 表四 row with most of its values lost) each cell
        // still gets its candidates, but the readings are not narrowed one by one.
        if fits.len() > 1 && fits.len() <= MAX_PLACEMENTS {
            let blank = Cell {
                value: Value::Blank,
                raw: "".into(),
                source: loc,
                unit: None,
            };
            self.push_choice(
                cells,
                fits.iter()
                    .map(|(at, _)| {
                        at.iter()
                            .map(|t| t.map_or_else(|| blank.clone(), |t| cell_of(toks[t])))
                            .collect()
                    })
                    .collect(),
                row_name,
                &crate::codes::PRS002,
            );
        }
        let f = if let [(at, verified)] = fits.as_slice() {
            let (zh, en) = if *verified {
                (
                    format!(
                        "“{row_name}”行有 {n} 个数值，应为 {m} 个（空白单元格在提取时被略去）；唯一满足勾稽关系的排列为 {}",
                        show(at)
                    ),
                    format!(
                        "row {row_name} has {n} values where {m} are expected (blank cells dropped by the extraction); read as {}, the only placement that satisfies the row identity",
                        show(at)
                    ),
                )
            } else {
                (
                    format!(
                        "“{row_name}”行有 {n} 个数值，应为 {m} 个（空白单元格在提取时被略去）；只有排列 {} 与勾稽关系不矛盾，但无法核对",
                        show(at)
                    ),
                    format!(
                        "row {row_name} has {n} values where {m} are expected (blank cells dropped by the extraction); read as {}, the only placement the row identity does not contradict, which it cannot confirm",
                        show(at)
                    ),
                )
            };
            let f = Finding::new(&crate::codes::PRS002, zh, en);
            if *verified {
                f.severity(crate::finding::Severity::Info)
            } else {
                f
            }
        } else {
            let listed: Vec<String> = fits.iter().take(8).map(|(at, _)| show(at)).collect();
            let more = if fits.len() > 8 { "…" } else { "" };
            Finding::new(
                &crate::codes::PRS002,
                format!(
                    "“{row_name}”行有 {n} 个数值，应为 {m} 个：空白单元格可能在提取时被略去，位置无法确定；{} 种排列与勾稽关系相容：{}{more}；不一致的单元格标为无法确定",
                    fits.len(),
                    listed.join("，")
                ),
                format!(
                    "row {row_name} has {n} values where {m} are expected: blank cells may have been dropped by the extraction, and where is not printed; {} placements fit the row identity: {}{more}; the cells they disagree on are ambiguous",
                    fits.len(),
                    listed.join(", ")
                ),
            )
        };
        self.findings.push(f.cells(cells.iter().copied()).at(loc));
        true
    }

    /// Places a row's cells; a second copy of the same row with other values makes them ambiguous.
    /// Places a row's values (`row_name` is formatted only for a finding).
    pub(crate) fn place(
        &mut self,
        cells: &[CellIx],
        values: &[Frag],
        row_name: &dyn std::fmt::Display,
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
                        Value::Number(n) => Some(Some(*n)),
                        Value::Blank => Some(None),
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
            Finding::new(&crate::codes::PRS005, zh, en)
                .cells(cells.iter().copied())
                .at(loc),
        );
    }
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

/// The lines the table mappers see (after segmenting run-together pages, peeling fused digits and
/// folding one-cell-per-line tables), cells separated by ` | `: for `examples/doclines.rs`.
#[doc(hidden)]
pub fn debug_lines(doc: &Document) -> Vec<String> {
    let mut doc = std::borrow::Cow::Borrowed(doc);
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
    doc.lines
        .iter()
        .map(|l| {
            let cells: Vec<&str> = l.frags.iter().map(|f| f.text.as_str()).collect();
            format!("{:<4} {}", l.no, cells.join(" | "))
        })
        .collect()
}
