//! Settling: the one step that turns the readings left of a row into cells and one info finding.
//!
//! A row the reader could read several ways (placements of dropped blanks, digit splits) is kept
//! as a [`Choice`]. Once every table is read, each is narrowed by, in order:
//! 1. the template's identities through its cells (column sums, 一+二 = 总计+四 …). An identity
//!    that fails under *every* reading is the report's own defect, not evidence: it is left out,
//!    and when the others single out one reading that vouches for every cell of the row but one,
//!    that reading
//!    is taken and the arithmetic rules report the broken identity;
//! 2. the figures the narrative states ([`evidence::narrative`]), for a cell whose candidates
//!    exactly one of them agrees with;
//! 3. last year's report ([`evidence::last_year`], given later: [`super::Mapped::with_previous`]),
//!    when exactly one reading follows from it.
//!
//! What is left is set (cells all readings agree on settled, the others ambiguous) and said in
//! one finding, whose message [`super::said`] builds from [`Why`].

use rust_decimal::Decimal;

use super::evidence::{self, Chain, Stated};
use super::readings::{Reading, spread};
use super::said::Said;
use super::{Choice, State};
use crate::finding::{Finding, Severity};
use crate::model::{Report, Value};
use crate::template::identities::{self, Outcome};
use crate::template::{Catalog, CellIx, TemplateVersion};

/// Why the readings left were kept.
#[derive(Debug, Clone)]
pub(crate) enum Why {
    /// The table's other identities.
    Identities,
    /// The identities that do not fail under every reading; those that do (their rule codes) are
    /// the report's defects.
    Broken(Vec<&'static str>),
    /// A figure the narrative states.
    Stated(Stated),
    /// Last year's report.
    LastYear { from: CellIx, before: Decimal },
}

/// Narrows every choice by the identities and the narrative; the choices that stay open are
/// returned (for last year's report).
pub(crate) fn narrow(st: &mut State<'_>) -> Vec<Choice> {
    let template = st.report.effective_template();
    let stated = evidence::narrative(
        (0..st.doc.lines.len())
            .filter(|&i| !st.used[i])
            .map(|i| (&st.joined[i], st.doc.lines[i].frags.first().map(|f| f.loc))),
        template,
    );
    // The cells some identity goes through (表二's go through none).
    let mut checked = vec![false; Catalog::get().len()];
    for (id, _) in &identities::evaluate(&st.report, template).items {
        for c in id.cells() {
            checked[c.0 as usize] = true;
        }
    }
    let mut open = Vec::new();
    for choice in std::mem::take(&mut st.choices) {
        if !choice.current(&st.report) {
            continue;
        }
        let mut keep: Vec<usize> = (0..choice.options.len()).collect();
        let mut whys = Vec::new();
        if choice.cells.iter().any(|c| checked[c.0 as usize])
            && let Some((k, why)) = by_identities(&st.report, template, &choice, &keep)
        {
            keep = k;
            whys.push(why);
        }
        for (k, cell) in choice.cells.iter().enumerate() {
            let says: Vec<&Stated> = stated.iter().filter(|s| s.cell == *cell).collect();
            if let Some((kept, s)) = by_stated(&choice, &keep, k, &says) {
                keep = kept;
                whys.push(Why::Stated(s.clone()));
            }
        }
        let choice = if whys.is_empty() {
            choice
        } else {
            apply(st, choice, &keep, &whys)
        };
        if choice.options.len() > 1 {
            open.push(choice);
        }
    }
    by_stated_cells(st, &stated);
    open
}

/// Narrows the open choices of a mapped report by last year's report.
pub(crate) fn with_previous(
    report: &mut Report,
    findings: &mut Vec<Finding>,
    choices: Vec<Choice>,
    prev: &Report,
) -> Vec<Choice> {
    let template = report.effective_template();
    let chains = evidence::last_year(prev, template);
    let mut open = Vec::new();
    for choice in choices {
        if !choice.current(report) {
            continue;
        }
        let mut keep: Vec<usize> = (0..choice.options.len()).collect();
        let mut whys = Vec::new();
        for chain in &chains {
            if let Some(k) = by_chain(report, &choice, &keep, chain) {
                keep = k;
                whys.push(Why::LastYear {
                    from: chain.from,
                    before: chain.before,
                });
            }
        }
        let choice = if whys.is_empty() {
            choice
        } else {
            set(report, findings, choice, &keep, &whys)
        };
        if choice.options.len() > 1 {
            open.push(choice);
        }
    }
    // Single ambiguous cells a one-cell chain fixes (上年结转 = last year's 结转下年度).
    for chain in chains.iter().filter(|c| c.cells.len() == 1) {
        let cell = chain.cells[0];
        if let Value::Ambiguous(cands) = report.value(cell).clone() {
            let agree: Vec<&Option<Decimal>> =
                cands.iter().filter(|c| chain.holds(&[**c])).collect();
            if let [Some(d)] = agree.as_slice() {
                let mut c = report.cell(cell).clone();
                c.value = Value::Number(*d);
                report.set(cell, c);
                let why = Why::LastYear {
                    from: chain.from,
                    before: chain.before,
                };
                findings.push(
                    Said::CellNarrowed {
                        cell,
                        value: *d,
                        why: &why,
                    }
                    .finding(&crate::codes::PRS010)
                    .cells([cell])
                    .at(report.cell(cell).source),
                );
            }
        }
    }
    open
}

impl Choice {
    /// Whether the report still holds what the reader set for this row (a row printed again since,
    /// PRS005, is not narrowed).
    pub(crate) fn current(&self, report: &Report) -> bool {
        self.cells
            .iter()
            .zip(&self.set)
            .all(|(ix, v)| report.value(*ix) == v)
    }
}

/// The failing identities through the choice's cells under one reading, by rule code and cells.
type Key = (&'static str, Vec<CellIx>, Vec<CellIx>);

fn by_identities(
    report: &Report,
    template: TemplateVersion,
    choice: &Choice,
    keep: &[usize],
) -> Option<(Vec<usize>, Why)> {
    let mut trial = report.clone();
    // Per reading: the identities through the row that fail, and the cells of the row some
    // identity that holds goes through.
    let mut fails: Vec<Vec<Key>> = Vec::with_capacity(keep.len());
    let mut covered: Vec<Vec<bool>> = Vec::with_capacity(keep.len());
    for &o in keep {
        for (ix, c) in choice.cells.iter().zip(&choice.options[o].cells) {
            trial.set(*ix, c.clone());
        }
        let e = identities::evaluate(&trial, template);
        let mut f = Vec::new();
        let mut cov = vec![false; choice.cells.len()];
        for (id, outcome) in &e.items {
            if !id.cells().any(|c| choice.cells.contains(&c)) {
                continue;
            }
            match outcome {
                Outcome::Fails { .. } => f.push((id.code, id.lhs.clone(), id.rhs.clone())),
                Outcome::Holds => {
                    for c in id.cells() {
                        if let Some(k) = choice.cells.iter().position(|x| *x == c) {
                            cov[k] = true;
                        }
                    }
                }
                _ => {}
            }
        }
        fails.push(f);
        covered.push(cov);
    }
    // What fails under every reading is the report's.
    let broken: Vec<Key> = fails[0]
        .iter()
        .filter(|k| fails.iter().all(|f| f.contains(k)))
        .cloned()
        .collect();
    let kept: Vec<usize> = (0..keep.len())
        .filter(|&i| fails[i].iter().all(|k| broken.contains(k)))
        .collect();
    if kept.is_empty() || kept.len() == keep.len() {
        return None;
    }
    if broken.is_empty() {
        return Some((kept.iter().map(|&i| keep[i]).collect(), Why::Identities));
    }
    // With the report's numbers wrong somewhere, a reading is taken only when it is the one
    // left and every cell of it but one (what the digits leave for it) is vouched for by an
    // identity that holds.
    match kept.as_slice() {
        [one] if covered[*one].iter().filter(|c| !**c).count() <= 1 => {
            let mut codes: Vec<&'static str> = broken.iter().map(|k| k.0).collect();
            codes.sort_unstable();
            codes.dedup();
            Some((vec![keep[*one]], Why::Broken(codes)))
        }
        _ => None,
    }
}

/// The readings whose cell `k` is the one candidate a stated figure agrees with.
fn by_stated<'s>(
    choice: &Choice,
    keep: &[usize],
    k: usize,
    says: &[&'s Stated],
) -> Option<(Vec<usize>, &'s Stated)> {
    if says.is_empty() {
        return None;
    }
    let mut cands: Vec<Decimal> = keep
        .iter()
        .filter_map(|&o| choice.options[o].cells[k].value.number())
        .collect();
    cands.sort();
    cands.dedup();
    let agree: Vec<&&Stated> = says.iter().filter(|s| cands.contains(&s.value)).collect();
    let mut values: Vec<Decimal> = agree.iter().map(|s| s.value).collect();
    values.dedup();
    match values.as_slice() {
        [v] if cands.len() > 1 => Some((
            keep.iter()
                .copied()
                .filter(|&o| choice.options[o].cells[k].value.number() == Some(*v))
                .collect(),
            agree[0],
        )),
        _ => None,
    }
}

/// Ambiguous cells outside any choice (a number that may also be digits run together) that a
/// stated figure settles: exactly one candidate agrees with it.
fn by_stated_cells(st: &mut State<'_>, stated: &[Stated]) {
    for s in stated {
        let Value::Ambiguous(cands) = st.report.value(s.cell) else {
            continue;
        };
        if !cands.contains(&Some(s.value))
            || stated
                .iter()
                .any(|o| o.cell == s.cell && o.value != s.value && cands.contains(&Some(o.value)))
        {
            continue;
        }
        let mut c = st.report.cell(s.cell).clone();
        c.value = Value::Number(s.value);
        st.report.set(s.cell, c);
        st.findings.push(
            Said::CellNarrowed {
                cell: s.cell,
                value: s.value,
                why: &Why::Stated(s.clone()),
            }
            .finding(&crate::codes::PRS010)
            .cells([s.cell])
            .at(st.report.cell(s.cell).source),
        );
    }
}

/// The readings that follow from last year's chain, when they agree on its cells.
fn by_chain(report: &Report, choice: &Choice, keep: &[usize], chain: &Chain) -> Option<Vec<usize>> {
    if !chain.cells.iter().any(|c| choice.cells.contains(c)) {
        return None;
    }
    let values = |o: usize| -> Vec<Option<Decimal>> {
        chain
            .cells
            .iter()
            .map(|c| match choice.cells.iter().position(|x| x == c) {
                Some(k) => choice.options[o].cells[k].value.number(),
                None => report.value(*c).number(),
            })
            .collect()
    };
    let agree: Vec<usize> = keep
        .iter()
        .copied()
        .filter(|&o| chain.holds(&values(o)))
        .collect();
    let mut distinct: Vec<Vec<Option<Decimal>>> = agree.iter().map(|&o| values(o)).collect();
    distinct.sort();
    distinct.dedup();
    (distinct.len() == 1 && agree.len() < keep.len()).then_some(agree)
}

fn apply(st: &mut State<'_>, choice: Choice, keep: &[usize], whys: &[Why]) -> Choice {
    set(&mut st.report, &mut st.findings, choice, keep, whys)
}

/// Sets the cells of the readings kept (settled where they agree, ambiguous where not), says why
/// in one finding, and returns the choice narrowed to them.
fn set(
    report: &mut Report,
    findings: &mut Vec<Finding>,
    choice: Choice,
    keep: &[usize],
    whys: &[Why],
) -> Choice {
    let kept: Vec<&Reading> = keep.iter().map(|&o| &choice.options[o]).collect();
    let raw = report.cell(choice.cells[0]).raw.clone();
    let mut set = Vec::with_capacity(choice.cells.len());
    for (ix, cell) in choice.cells.iter().zip(spread(&kept, &raw, false)) {
        set.push(cell.value.clone());
        report.set(*ix, cell);
    }
    let code = if whys
        .iter()
        .any(|w| matches!(w, Why::Stated(_) | Why::LastYear { .. }))
    {
        &crate::codes::PRS010
    } else {
        choice.code
    };
    let mut f = Said::Narrowed {
        row: &choice.row,
        all: choice.options.len(),
        kept: kept.iter().map(|o| o.show()).collect(),
        why: whys,
    }
    .finding(code)
    .severity(Severity::Info)
    .cells(choice.cells.iter().copied())
    .at(report.cell(choice.cells[0]).source);
    if whys.iter().any(|w| matches!(w, Why::Broken(_))) {
        f = f.severity(Severity::Warning);
    }
    findings.push(f);
    Choice {
        options: kept.into_iter().cloned().collect(),
        set,
        ..choice
    }
}
