//! A row read several ways.
//!
//! Every way the reader can read a row from its printed fragments is a [`Reading`]: a cell for each
//! of the row's cells, and [`How`] it was obtained. The producers here are pure functions of the
//! fragments: [`printed`] (one value a cell), [`splits`] (digits run together, cut into the cells),
//! [`placements`] (the printed values in order, with the blank cells the extraction dropped), and
//! [`wrapped`] (the row's values with those of value-only lines after it). A table mapper says
//! which to try for a row, in order ([`Try`], [`State::read_row`]); the row's identity keeps the
//! readings it does not contradict, and one step ([`State::settle_row`]) turns what is left into
//! cells (those all readings agree on settled, the others ambiguous with their candidates), the one
//! finding that says so ([`Said`], whose messages are all built in [`super::said`]) and, when
//! several are left, a [`Choice`] for the table-wide narrowing ([`super::settle`]), which reuses
//! [`spread`] to set what it keeps.
//!
//! Adding a shape: write its producer here (a pure function from fragments to readings, with a
//! unit test below), add a [`Try`] for it, and list it in the mapper of the table where it occurs.

use rust_decimal::Decimal;

use super::said::Said;
use super::{Choice, State, cell_of, digits};
use crate::codes::{PRS002, PRS005, PRS007, PRS008, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::input::document::{Frag, Line};
use crate::model::{BLANK_CANDIDATE, Cell, Loc, Value};
use crate::template::{Catalog, CellIx, ValueKind};

/// Most readings of one row kept for the narrowing (placements of its values among blanks, or
/// digit splits), and most digit splits a whole number adds as candidates.
pub(crate) const MAX_READINGS: usize = 64;

/// How a reading of a row was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    /// One printed value a cell.
    Printed,
    /// The printed values in order, blank cells the extraction dropped between them.
    Blanks,
    /// Digits run together, cut into the cells.
    Split,
    /// The row's values with those on value-only lines after it.
    Wrapped,
}

/// One way to read a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reading {
    pub cells: Vec<Cell>,
    pub how: How,
}

impl Reading {
    /// The reading's numbers (None for a blank or anything else).
    pub fn numbers(&self) -> Vec<Option<Decimal>> {
        self.cells.iter().map(|c| c.value.number()).collect()
    }

    /// The reading as a finding shows it: `1|空白|2`.
    pub fn show(&self) -> String {
        self.cells
            .iter()
            .map(|c| match &c.value {
                Value::Blank => BLANK_CANDIDATE.to_string(),
                v => v.display(),
            })
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// The values as printed, one a cell.
pub(crate) fn printed(values: &[Frag]) -> Reading {
    Reading {
        cells: values.iter().map(cell_of).collect(),
        how: How::Printed,
    }
}

/// The row's values with those gathered from the lines after it, one a cell.
pub(crate) fn wrapped(values: &[Frag]) -> Reading {
    Reading {
        how: How::Wrapped,
        ..printed(values)
    }
}

/// The digit splits of a row's value cells over `kinds` (see [`digits`]); the last cell keeps a
/// unit printed after the digits (`135.5元`).
pub(crate) fn splits(
    kinds: &[ValueKind],
    values: &[Frag],
) -> Result<Vec<Reading>, digits::SplitError> {
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
    let raw = texts.join(" ");
    let loc = toks.first().map(|f| f.loc);
    let n = kinds.len();
    Ok(digits::splits(&texts, kinds)?
        .into_iter()
        .map(|v| Reading {
            cells: v
                .into_iter()
                .enumerate()
                .map(|(k, d)| Cell {
                    value: Value::Number(d),
                    raw: raw.as_str().into(),
                    source: loc,
                    unit: (k + 1 == n).then(|| unit.map(String::from)).flatten(),
                })
                .collect(),
            how: How::Split,
        })
        .collect())
}

/// The digit splits of one run of digits over groups of count cells whose last is the sum of the
/// others (`groups` of `width`, see [`digits::sum_splits`]): every split satisfies the row's
/// identity by construction. None when the values are not one run of digits, or when there are
/// more splits than can be listed.
pub(crate) fn sum_splits(values: &[Frag], groups: usize, width: usize) -> Option<Vec<Reading>> {
    let mut toks = values.iter().filter(|f| !f.text.is_empty());
    let (Some(t), None) = (toks.next(), toks.next()) else {
        return None;
    };
    let all = digits::sum_splits(&t.text, groups, width).ok()?;
    Some(
        all.into_iter()
            .map(|v| Reading {
                cells: v
                    .into_iter()
                    .map(|d| Cell {
                        value: Value::Number(d),
                        raw: t.text.as_str().into(),
                        source: Some(t.loc),
                        unit: None,
                    })
                    .collect(),
                how: How::Split,
            })
            .collect(),
    )
}

/// Every placement of the printed values (each a number printed alone), in their order, among
/// `m` cells, the other cells blank. None when the values are not numbers printed alone, or are
/// as many as the cells (or none), or the row is too wide to enumerate.
pub(crate) fn placements(m: usize, values: &[Frag]) -> Option<Vec<Reading>> {
    let toks: Vec<&Frag> = values.iter().filter(|f| !f.text.is_empty()).collect();
    let n = toks.len();
    if n == 0 || n >= m || m > 16 {
        return None;
    }
    let mut printed = Vec::with_capacity(n);
    for f in &toks {
        // A leading zero ("05", "000023") is digits run together, not a number printed alone.
        if f.text.len() > 1 && f.text.starts_with('0') {
            return None;
        }
        let c = cell_of(f);
        if !matches!(c.value, Value::Number(_)) {
            return None;
        }
        printed.push(c);
    }
    let blank = Cell {
        value: Value::Blank,
        raw: "".into(),
        source: toks.first().map(|f| f.loc),
        unit: None,
    };
    let mut out = Vec::new();
    for mask in 0u32..(1 << m) {
        if mask.count_ones() as usize != n {
            continue;
        }
        let mut next = printed.iter();
        out.push(Reading {
            cells: (0..m)
                .map(|k| {
                    if mask & (1 << k) != 0 {
                        next.next().cloned().unwrap_or_else(|| blank.clone())
                    } else {
                        blank.clone()
                    }
                })
                .collect(),
            how: How::Blanks,
        });
    }
    Some(out)
}

/// The cells several readings give: where they agree, that cell; where not, ambiguous with the
/// candidates (a blank one last), `raw` and the first reading's source. `all_ambiguous`: every
/// cell ambiguous even where the readings agree (nothing is settled from them).
pub(crate) fn spread(readings: &[&Reading], raw: &str, all_ambiguous: bool) -> Vec<Cell> {
    let m = readings.first().map_or(0, |r| r.cells.len());
    (0..m)
        .map(|k| {
            let mut vals: Vec<&Cell> = readings.iter().map(|r| &r.cells[k]).collect();
            vals.sort_by_key(|c| (c.value == Value::Blank, c.value.number()));
            vals.dedup_by(|a, b| a.value == b.value);
            match vals.as_slice() {
                [one] if !all_ambiguous => (*one).clone(),
                _ => Cell {
                    value: Value::Ambiguous(vals.iter().map(|c| c.value.number()).collect()),
                    raw: raw.into(),
                    source: vals[0].source,
                    unit: vals[0].unit.clone().filter(|_| vals.len() == 1),
                },
            }
        })
        .collect()
}

/// A row of a table, as the readers see it.
pub(crate) struct Row<'a> {
    pub cells: &'a [CellIx],
    /// Formatted only for a finding.
    pub name: &'a dyn std::fmt::Display,
    /// The row's identity on a whole reading (表三: 总计 = the six columns; 表四: each group's
    /// 总计 = its results; 表二: none, always true).
    pub holds: &'a dyn Fn(&[Decimal]) -> bool,
    /// The same with blank cells (counted as 0): None when it cannot tell (a blank 总计).
    pub holds_blanks: &'a dyn Fn(&[Option<Decimal>]) -> Option<bool>,
    /// The row is `groups` groups of `width` cells, the last of each the sum of the others (表三:
    /// 1 of 7; 表四: 3 of 5): digits too many to cut cell by cell are cut group by group
    /// ([`sum_splits`]).
    pub sum_groups: Option<(usize, usize)>,
}

/// A reading to try for a row whose values do not fit its cells one to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Try {
    /// Digits run together, only when a split satisfies the row's identity.
    SplitIfHolds,
    /// Digits run together, whatever the identity says (said when none satisfies it).
    Split,
    /// Blank cells dropped (the values printed alone, in order).
    Blanks,
    /// Blank cells dropped, a lone value too even when it has a digit for every cell (the
    /// caller adds its splits as candidates: [`State::also_splits`]).
    BlanksWhole,
}

/// The value kind of each cell (what a digit split may put there), from the template.
fn kinds_of(cells: &[CellIx]) -> Vec<ValueKind> {
    let cat = Catalog::get();
    cells.iter().map(|c| cat.def(*c).kind()).collect()
}

fn loc_of(values: &[Frag]) -> Option<Loc> {
    values.iter().find(|f| !f.text.is_empty()).map(|f| f.loc)
}

fn raw_of(values: &[Frag]) -> String {
    values
        .iter()
        .filter(|f| !f.text.is_empty())
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

impl State<'_> {
    /// Reads a row whose values do not fit its cells one to one, trying `tries` in order; false
    /// when none reads it (nothing set or said: the caller reports PRS002).
    pub(crate) fn read_row(&mut self, row: &Row<'_>, values: &[Frag], tries: &[Try]) -> bool {
        tries.iter().any(|t| match t {
            Try::SplitIfHolds => self.try_split(row, values, true),
            Try::Split => self.try_split(row, values, false),
            Try::Blanks => self.try_blanks(row, values, false),
            Try::BlanksWhole => self.try_blanks(row, values, true),
        })
    }

    /// Sets a row from the readings left: cells (see [`spread`]), the finding, and a [`Choice`]
    /// when several are left (at most [`MAX_READINGS`]), with `code` for the narrowing's finding.
    fn settle_row(
        &mut self,
        row: &Row<'_>,
        readings: Vec<Reading>,
        raw: &str,
        all_ambiguous: bool,
        finding: Finding,
        code: &'static RuleInfo,
    ) {
        let refs: Vec<&Reading> = readings.iter().collect();
        for (ix, c) in row.cells.iter().zip(spread(&refs, raw, all_ambiguous)) {
            self.report.set(*ix, c);
        }
        self.findings.push(finding.cells(row.cells.iter().copied()));
        if readings.len() > 1 && readings.len() <= MAX_READINGS {
            self.push_choice(row.cells, readings, row.name, code);
        }
    }

    /// Digits run together (see [`digits`]). Returns false when the values are not digit runs,
    /// or, `only_satisfying`, when no split satisfies the identity (nothing is set or said then:
    /// the caller tries the other readings of the row first).
    fn try_split(&mut self, row: &Row<'_>, values: &[Frag], only_satisfying: bool) -> bool {
        let raw = {
            let toks: Vec<&str> = values
                .iter()
                .filter(|f| !f.text.is_empty())
                .enumerate()
                .map(|(k, f)| {
                    let last = k + 1 == values.iter().filter(|f| !f.text.is_empty()).count();
                    if last {
                        digits::strip_unit(&f.text).0
                    } else {
                        f.text.as_str()
                    }
                })
                .collect();
            toks.join(" ")
        };
        let loc = loc_of(values);
        // Too many cuts cell by cell: group by group, when the row's identity allows.
        let by_cells = splits(&kinds_of(row.cells), values);
        let by_groups = match (&by_cells, row.sum_groups) {
            (Err(digits::SplitError::TooMany), Some((g, w))) => sum_splits(values, g, w),
            _ => None,
        };
        let all = match (by_cells, by_groups) {
            (_, Some(all)) => all,
            (Ok(all), None) => all,
            (Err(digits::SplitError::TooMany), None) if !only_satisfying => {
                self.findings.push(
                    Said::TooManySplits {
                        row: row.name,
                        raw: &raw,
                    }
                    .finding(&PRS007)
                    .severity(Severity::Warning)
                    .cells(row.cells.iter().copied())
                    .at(loc),
                );
                return true;
            }
            (Err(_), None) => return false,
        };
        let holds = |r: &Reading| {
            let v: Vec<Decimal> = r.numbers().into_iter().flatten().collect();
            v.len() == r.cells.len() && (row.holds)(&v)
        };
        let satisfied = all.iter().any(holds);
        if only_satisfying && !satisfied {
            return false;
        }
        // No split satisfies the identity: the digits are not (only) run together — a row
        // printed incompletely reads the same way — so no cell is settled from them, unless the
        // digits allow one split only (then the report's own numbers break the identity, and the
        // arithmetic rules say so).
        let pool: Vec<Reading> = if satisfied {
            all.into_iter().filter(holds).collect()
        } else {
            all
        };
        let unverified = !satisfied && pool.len() > 1;
        if unverified {
            self.findings.push(
                Said::NoSplitHolds {
                    row: row.name,
                    raw: &raw,
                }
                .finding(&PRS007)
                .severity(Severity::Warning)
                .cells(row.cells.iter().copied())
                .at(loc),
            );
        }
        let said = if let [one] = pool.as_slice() {
            let f = Said::OneSplit {
                row: row.name,
                raw: &raw,
                split: one.show(),
                satisfied,
            }
            .finding(&PRS007);
            if satisfied {
                f
            } else {
                f.severity(Severity::Warning)
            }
        } else {
            Said::Splits {
                row: row.name,
                raw: &raw,
                splits: pool.iter().map(Reading::show).collect(),
            }
            .finding(&PRS007)
        };
        self.settle_row(row, pool, &raw, unverified, said.at(loc), &PRS007);
        true
    }

    /// A row printed with fewer values than it has cells, each value a number printed alone: the
    /// extraction dropped blank cells (a PDF's text keeps nothing where a cell was empty), and
    /// where they were is not printed. Every placement ([`placements`]) is tried against the
    /// row's identity (blanks counted as 0; it may not tell, e.g. the total itself blank; so a
    /// lone value is never the total of otherwise blank cells). One left: it is used (info when
    /// the identity confirms it, a warning when it cannot). Several: the cells they agree on are
    /// settled, the others are ambiguous with their candidates, a blank among them. Returns false
    /// (nothing set or said) when the values are not numbers printed alone or no placement fits,
    /// or when there is one value with a digit for every cell (digits run together may read the
    /// same), unless `whole`: the caller reads that value as a whole number too (and adds the
    /// splits itself, [`State::also_splits`]).
    fn try_blanks(&mut self, row: &Row<'_>, values: &[Frag], whole: bool) -> bool {
        let toks: Vec<&Frag> = values.iter().filter(|f| !f.text.is_empty()).collect();
        let (n, m) = (toks.len(), row.cells.len());
        // One value alone with a digit for every cell may be digits run together (`1234567`):
        // the digit split reads it (unless the caller also does).
        if n == 1 && !whole && toks[0].text.len() >= m {
            return false;
        }
        let Some(all) = placements(m, values) else {
            return false;
        };
        let mut fits: Vec<(Reading, bool)> = all
            .into_iter()
            .filter_map(|r| match (row.holds_blanks)(&r.numbers()) {
                Some(false) => None,
                verdict => Some((r, verdict == Some(true))),
            })
            .collect();
        if fits.is_empty() {
            return false;
        }
        // The placements the identity confirms first.
        fits.sort_by_key(|(_, verified)| !verified);
        let loc = loc_of(values);
        let said = if let [(one, verified)] = fits.as_slice() {
            let f = Said::OnePlacement {
                row: row.name,
                n,
                m,
                placement: one.show(),
                verified: *verified,
            }
            .finding(&PRS002);
            if *verified {
                f.severity(Severity::Info)
            } else {
                f
            }
        } else {
            Said::Placements {
                row: row.name,
                n,
                m,
                placements: fits.iter().map(|(r, _)| r.show()).collect(),
            }
            .finding(&PRS002)
        };
        let readings: Vec<Reading> = fits.into_iter().map(|(r, _)| r).collect();
        self.settle_row(row, readings, &raw_of(values), false, said.at(loc), &PRS002);
        true
    }

    /// The digit splits of one number over `cells`, when there are at most [`MAX_READINGS`]
    /// (none when it is not a run of digits); None when there are more.
    pub(crate) fn few_splits(cells: &[CellIx], token: &Frag) -> Option<Vec<Reading>> {
        match splits(&kinds_of(cells), std::slice::from_ref(token)) {
            Ok(all) if all.len() > MAX_READINGS => None,
            Ok(all) => Some(all),
            Err(digits::SplitError::TooMany) => None,
            Err(_) => Some(Vec::new()),
        }
    }

    /// More readings of a row just read (by [`State::read_row`]): they join the row's readings
    /// (the cells' candidates, and the choice the narrowing sees), with the finding `said`.
    fn also(
        &mut self,
        cells: &[CellIx],
        more: Vec<Reading>,
        raw: &str,
        said: Finding,
        row_name: &dyn std::fmt::Display,
    ) {
        // The row's readings so far: its open choice, else what its cells hold.
        let current = self
            .choices
            .iter()
            .rposition(|c| c.cells == cells && c.current(&self.report));
        let mut code = &PRS007;
        let mut readings: Vec<Reading> = match current {
            Some(k) => {
                let c = self.choices.remove(k);
                code = c.code;
                c.options
            }
            None => {
                let now: Vec<Cell> = cells.iter().map(|c| self.report.cell(*c).clone()).collect();
                if now.iter().any(|c| matches!(c.value, Value::Ambiguous(_))) {
                    // Not one reading: each cell's candidates stand for it.
                    let m = cells.len();
                    let mut per_cell: Vec<Vec<Option<Decimal>>> = now
                        .iter()
                        .map(|c| match &c.value {
                            Value::Ambiguous(v) => v.clone(),
                            v => vec![v.number()],
                        })
                        .collect();
                    for r in &more {
                        for (k, c) in r.cells.iter().enumerate().take(m) {
                            per_cell[k].push(c.value.number());
                        }
                    }
                    for (k, ix) in cells.iter().enumerate() {
                        let mut c = per_cell[k].clone();
                        c.sort_by_key(|c| (c.is_none(), *c));
                        c.dedup();
                        let mut cell = now[k].clone();
                        cell.value = match c.as_slice() {
                            [Some(d)] => Value::Number(*d),
                            _ => Value::Ambiguous(c),
                        };
                        self.report.set(*ix, cell);
                    }
                    self.findings.push(said);
                    return;
                }
                vec![Reading {
                    cells: now,
                    how: How::Printed,
                }]
            }
        };
        for r in more {
            if !readings.iter().any(|x| x.numbers() == r.numbers()) {
                readings.push(r);
            }
        }
        let refs: Vec<&Reading> = readings.iter().collect();
        for (ix, c) in cells.iter().zip(spread(&refs, raw, false)) {
            self.report.set(*ix, c);
        }
        self.findings.push(said);
        if readings.len() > 1 && readings.len() <= MAX_READINGS {
            self.push_choice(cells, readings, row_name, code);
        }
    }

    /// A row just read from one number (`token`), which may instead be the digits of its cells
    /// run together: `all` (from [`State::few_splits`]) join its readings, with a PRS007
    /// warning. Nothing changes when there are none.
    pub(crate) fn also_splits(
        &mut self,
        cells: &[CellIx],
        token: &Frag,
        all: Vec<Reading>,
        row_name: &dyn std::fmt::Display,
    ) {
        if all.is_empty() {
            return;
        }
        let said = Said::AlsoSplits {
            row: row_name,
            text: &token.text,
            splits: all.iter().map(Reading::show).collect(),
        }
        .finding(&PRS007)
        .severity(Severity::Warning)
        .cells(cells.iter().copied())
        .at(Some(token.loc));
        self.also(cells, all, &token.text, said, row_name);
    }

    /// A row just read with blank cells dropped, whose missing values may instead be on
    /// value-only lines after a gap (`lines`): that reading (`values`, one a cell) joins its
    /// readings, with a PRS008 warning.
    pub(crate) fn also_wrapped(
        &mut self,
        cells: &[CellIx],
        values: &[Frag],
        lines: &[u32],
        row_name: &dyn std::fmt::Display,
    ) {
        let said = Said::AlsoWrapped {
            row: row_name,
            lines: lines.to_vec(),
            values: values
                .iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        }
        .finding(&PRS008)
        .severity(Severity::Warning)
        .cells(cells.iter().copied())
        .at(values.first().map(|f| f.loc));
        self.also(
            cells,
            vec![wrapped(values)],
            &raw_of(values),
            said,
            row_name,
        );
    }

    /// Keeps a row read several ways for the narrowing, with the values set for it now.
    fn push_choice(
        &mut self,
        cells: &[CellIx],
        options: Vec<Reading>,
        row_name: &dyn std::fmt::Display,
        code: &'static RuleInfo,
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

    /// Places a row's values one a cell; a second copy of the same row with other values makes
    /// them ambiguous (PRS005).
    pub(crate) fn place(
        &mut self,
        cells: &[CellIx],
        values: &[Frag],
        row_name: &dyn std::fmt::Display,
        line: &Line,
    ) {
        let reading = printed(values);
        let already = cells
            .iter()
            .any(|c| self.report.value(*c) != &Value::Missing);
        if !already {
            for (ix, c) in cells.iter().zip(reading.cells) {
                self.report.set(*ix, c);
            }
            return;
        }
        let mut differs = false;
        for (ix, new) in cells.iter().zip(reading.cells) {
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
        self.findings.push(
            Said::Twice {
                row: row_name,
                differs,
            }
            .finding(&PRS005)
            .cells(cells.iter().copied())
            .at(line.frags.first().map(|f| f.loc)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frags(t: &[&str]) -> Vec<Frag> {
        t.iter()
            .enumerate()
            .map(|(k, s)| {
                Frag::new(
                    s.to_string(),
                    Loc {
                        page: 0,
                        line: 1,
                        column: k as u32 * 4 + 1,
                    },
                )
            })
            .collect()
    }

    fn shown(r: &[Reading]) -> Vec<String> {
        r.iter().map(Reading::show).collect()
    }

    #[test]
    fn placements_keep_the_printed_order() {
        let r = placements(3, &frags(&["1", "2"])).unwrap();
        assert_eq!(shown(&r), ["1|2|空白", "1|空白|2", "空白|1|2"]);
        assert!(r.iter().all(|r| r.how == How::Blanks));
        // As many values as cells, a leading zero, text: not placements.
        assert!(placements(2, &frags(&["1", "2"])).is_none());
        assert!(placements(3, &frags(&["05", "2"])).is_none());
        assert!(placements(3, &frags(&["约", "2"])).is_none());
    }

    #[test]
    fn splits_cut_digits_into_cells() {
        let kinds = vec![ValueKind::Count; 3];
        let r = splits(&kinds, &frags(&["123"])).unwrap();
        assert_eq!(shown(&r), ["1|2|3"]);
        let r = splits(&kinds, &frags(&["1023"])).unwrap();
        assert!(shown(&r).contains(&"10|2|3".to_string()));
        assert!(
            !shown(&r)
                .iter()
                .any(|s| s.contains("|02|") || s.ends_with("|023"))
        );
    }

    #[test]
    fn spread_settles_what_readings_agree_on() {
        let r = placements(3, &frags(&["1", "2"])).unwrap();
        let refs: Vec<&Reading> = r.iter().collect();
        let cells = spread(&refs, "1 2", false);
        assert_eq!(cells[0].value, Value::Ambiguous(vec![Some(1.into()), None]));
        let one = [&r[0]];
        assert_eq!(spread(&one, "1 2", false)[1].value, Value::Number(2.into()));
        assert!(matches!(
            spread(&one, "1 2", true)[1].value,
            Value::Ambiguous(_)
        ));
    }
}
