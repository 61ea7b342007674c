//! The arithmetic identities (勾稽关系) of the template, evaluated once per report and read by the
//! mapper (to narrow the readings of a row), the arithmetic rules (ARI*), the blank-cell rule
//! (VAL004) and the key figures.
//!
//! Blank and placeholder cells follow template-spec §11.2: they are read as 0, except that when an
//! identity has exactly one such cell left unknown, the identity implies its value; that value is
//! used for the other identities and reported (VAL004) when it is not 0. Missing and ambiguous cells
//! make an identity not assessable; they are never read as 0.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::{CellIx, T3_COLS, T4_COLS, T4_GROUPS, TemplateVersion, rows_t3, t3, t4};
use crate::model::{Report, Value};

/// An identity: Σ lhs = Σ rhs.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The rule that reports it.
    pub code: &'static str,
    pub lhs: Vec<CellIx>,
    pub rhs: Vec<CellIx>,
    /// What it says, in Chinese, e.g. "表三“自然人”列：一+二 = （七）总计+四".
    pub zh: String,
    pub en: String,
    /// The cell whose source location stands for the identity.
    pub anchor: CellIx,
}

impl Identity {
    /// All cells, lhs first.
    pub fn cells(&self) -> impl Iterator<Item = CellIx> + '_ {
        self.lhs.iter().chain(self.rhs.iter()).copied()
    }
}

/// The result of one identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Holds,
    /// Σ lhs and Σ rhs as evaluated.
    Fails {
        lhs: Decimal,
        rhs: Decimal,
    },
    /// Cells missing or ambiguous.
    NotAssessable {
        missing: Vec<CellIx>,
    },
    /// Every cell missing: the table is absent, reported elsewhere.
    Absent,
}

/// A blank or placeholder cell whose value an identity implies.
#[derive(Debug, Clone)]
pub struct Implied {
    pub cell: CellIx,
    pub value: Decimal,
    /// Index of the identity in [`Evaluation::items`].
    pub via: usize,
}

/// All identities with their outcomes.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub items: Vec<(&'static Identity, Outcome)>,
    /// Implied values of blank/placeholder cells (0 included).
    pub implied: Vec<Implied>,
}

impl Evaluation {
    /// The outcomes of one rule.
    pub fn of(&self, code: &str) -> impl Iterator<Item = &(&'static Identity, Outcome)> {
        self.items.iter().filter(move |(i, _)| i.code == code)
    }
}

/// The identities of template `v` for `report` (built once per template and layout).
pub fn identities(report: &Report, v: TemplateVersion) -> &'static [Identity] {
    static CACHE: [std::sync::OnceLock<Vec<Identity>>; 4] = [
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
    ];
    let single_six = v == TemplateVersion::F2021 && super::single_six_in(report);
    let k = (v == TemplateVersion::F2021) as usize * 2 + single_six as usize;
    CACHE[k].get_or_init(|| build(v, single_six))
}

fn build(v: TemplateVersion, single_six: bool) -> Vec<Identity> {
    let mut out = Vec::new();
    let rows = rows_t3(v);
    let mut data_rows: Vec<&str> = rows.iter().filter(|r| r.data).map(|r| r.id).collect();
    // F2021 report printing a single （六） row (`super::single_six_row`, template-spec §11.1): R3.6
    // stands for its sub-rows.
    if single_six {
        data_rows.retain(|r| !r.starts_with("R3.6."));
        let at = data_rows
            .iter()
            .position(|r| *r == "R3.7")
            .unwrap_or(data_rows.len());
        data_rows.insert(at, "R3.6");
    }
    // ARI003 (R3): 总计 = the six applicant columns, per row.
    for row in &data_rows {
        let label = rows
            .iter()
            .find(|r| r.id == *row)
            .map(|r| r.label)
            .unwrap_or("（六）其他处理");
        out.push(Identity {
            code: "ARI003",
            lhs: vec![t3(row, "TOT")],
            rhs: T3_COLS[..6].iter().map(|c| t3(row, c.id)).collect(),
            zh: format!("表三“{label}”行：总计 = 六类申请人之和"),
            en: format!("table 3 row {row}: 总计 = sum of the six applicant columns"),
            anchor: t3(row, "TOT"),
        });
    }
    // ARI002 (R2/R2'): （七）总计 = the result rows, per column.
    let results: Vec<&str> = data_rows
        .iter()
        .copied()
        .filter(|r| r.starts_with("R3.") && *r != "R3.7")
        .collect();
    for c in &T3_COLS {
        out.push(Identity {
            code: "ARI002",
            lhs: vec![t3("R3.7", c.id)],
            rhs: results.iter().map(|r| t3(r, c.id)).collect(),
            zh: format!("表三“{}”列：（七）总计 = （一）至（六）各项之和", c.label),
            en: format!(
                "table 3 column {} ({}): （七）总计 = sum of the result rows （一）–（六）",
                c.id, c.label
            ),
            anchor: t3("R3.7", c.id),
        });
    }
    // ARI001 (R1): 一 + 二 = （七）总计 + 四, per column.
    for c in &T3_COLS {
        out.push(Identity {
            code: "ARI001",
            lhs: vec![t3("R1", c.id), t3("R2", c.id)],
            rhs: vec![t3("R3.7", c.id), t3("R4", c.id)],
            zh: format!("表三“{}”列：一+二 = （七）总计+四", c.label),
            en: format!(
                "table 3 column {} ({}): 一 + 二 = （七）总计 + 四",
                c.id, c.label
            ),
            anchor: t3("R1", c.id),
        });
    }
    // ARI004 (R12–R14): 表四 总计 = 维持 + 纠正 + 其他 + 尚未审结, per group.
    for (g, label, path) in &T4_GROUPS {
        let _ = label;
        out.push(Identity {
            code: "ARI004",
            lhs: vec![t4(g, "TOT")],
            rhs: T4_COLS[..4].iter().map(|c| t4(g, c.id)).collect(),
            zh: format!("表四“{path}”：总计 = 结果维持+结果纠正+其他结果+尚未审结"),
            en: format!("table 4 group {g} ({path}): 总计 = 维持 + 纠正 + 其他 + 尚未审结"),
            anchor: t4(g, "TOT"),
        });
    }
    out
}

/// An identity of the template read on a run of cells (a row, or 表四's data row, in the order a
/// reader fills them): the positions of its two sides in that run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    pub lhs: Vec<usize>,
    pub rhs: Vec<usize>,
}

impl Local {
    /// Whether Σ lhs = Σ rhs for the run's values.
    pub fn holds(&self, values: &[Decimal]) -> bool {
        let sum = |side: &[usize]| side.iter().map(|k| values[*k]).sum::<Decimal>();
        sum(&self.lhs) == sum(&self.rhs)
    }

    /// The same with blank cells (None): blank parts read as 0, unknown (None) when the total
    /// (the left side) has a blank.
    pub fn holds_blanks(&self, values: &[Option<Decimal>]) -> Option<bool> {
        let lhs: Option<Decimal> = self.lhs.iter().map(|k| values[*k]).sum();
        let rhs: Decimal = self.rhs.iter().filter_map(|k| values[*k]).sum();
        lhs.map(|l| l == rhs)
    }
}

/// The identities of template `v` whose every cell lies in `cells`, by position in `cells`: what a
/// reader checks a reading of those cells against before it writes them into the report (表四's
/// three groups for its data row, a 表三 row's 总计). The layout is the template's own (a 2021
/// report printing a single （六） row is not one).
pub fn within(v: TemplateVersion, cells: &[CellIx]) -> Vec<Local> {
    let at = |c: &CellIx| cells.iter().position(|x| x == c);
    build(v, false)
        .iter()
        .filter_map(|id| {
            Some(Local {
                lhs: id.lhs.iter().map(at).collect::<Option<_>>()?,
                rhs: id.rhs.iter().map(at).collect::<Option<_>>()?,
            })
        })
        .collect()
}

enum State {
    Known(Decimal),
    Soft,
    Hard,
}

fn state(v: &Value) -> State {
    match v {
        Value::Number(n) => State::Known(*n),
        Value::Blank | Value::Placeholder(_) => State::Soft,
        Value::Missing | Value::Ambiguous(_) => State::Hard,
    }
}

/// A cell as [`evaluate`] reads it most of the time, without touching Decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quick {
    /// A whole number below 2^53 in magnitude: sums of a few dozen of them are exact in i64,
    /// and in Decimal, so they compare alike.
    Whole(i64),
    /// Any other number: the sums are taken in Decimal.
    Other,
    /// Blank or placeholder, not solved (yet).
    Open,
    Missing,
    Ambiguous,
}

fn quick_number(n: &Decimal) -> Quick {
    const LIMIT: i128 = 1 << 53;
    let m = n.mantissa();
    if n.scale() == 0 && -LIMIT < m && m < LIMIT {
        Quick::Whole(m as i64)
    } else {
        Quick::Other
    }
}

fn quick(v: &Value) -> Quick {
    match v {
        Value::Number(n) => quick_number(n),
        Value::Blank | Value::Placeholder(_) => Quick::Open,
        Value::Missing => Quick::Missing,
        Value::Ambiguous(_) => Quick::Ambiguous,
    }
}

/// Evaluates every identity of template `v`.
pub fn evaluate(report: &Report, v: TemplateVersion) -> Evaluation {
    let ids = identities(report, v);
    // Every cell read once; solved blanks are updated in place.
    let mut quick: Vec<Quick> = (0..crate::template::Catalog::get().len())
        .map(|i| self::quick(report.value(CellIx(i as _))))
        .collect();
    // Implied values, each cell at most once (no identity has a cell twice or on both sides: see
    // tests); few, so looked up by a scan.
    let mut implied: Vec<Implied> = Vec::new();
    let val = |ix: CellIx, implied: &[Implied]| -> Option<Decimal> {
        match state(report.value(ix)) {
            State::Known(n) => Some(n),
            State::Soft => implied.iter().find(|i| i.cell == ix).map(|i| i.value),
            State::Hard => None,
        }
    };
    // One side's known sum, its unsolved cells, and the first of them.
    let side = |cells: &[CellIx], implied: &[Implied]| side_sum(cells, |c| val(c, implied));
    // Identities with a missing or ambiguous cell: never assessable; with every cell missing:
    // absent. Both are known after the first round (which reads every identity).
    let mut hard = vec![false; ids.len()];
    let mut absent = vec![false; ids.len()];
    // Whether the sides were equal, from each identity's latest reading in integers (None when a
    // value was not whole).
    let mut equal = vec![None; ids.len()];
    // Solve blanks, until nothing changes: an identity that fails with its unsolved blanks read
    // as 0, and that exactly one of them can repair with a value ≥ 0 (a blank on the side that
    // falls short), implies that blank's value. An identity with a single unsolved blank implies
    // it even when the value is 0. The sides are compared in integers when every value is
    // whole, else as Σ lhs − Σ rhs against 0 in Decimal; implied values are taken in Decimal.
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds <= ids.len() {
        changed = false;
        rounds += 1;
        for (k, id) in ids.iter().enumerate() {
            if hard[k] {
                continue;
            }
            let (l, r) = (read_side(&id.lhs, &quick), read_side(&id.rhs, &quick));
            if l.hard() || r.hard() {
                hard[k] = true;
                absent[k] = l.missing + r.missing == id.lhs.len() + id.rhs.len();
                continue;
            }
            let whole = l.whole && r.whole;
            equal[k] = whole.then_some(l.sum == r.sum);
            let (diff, lu, lfirst, ru, rfirst) = if whole {
                (l.sum.cmp(&r.sum), l.open, l.first, r.open, r.first)
            } else {
                let (lsum, lu, lfirst) = side(&id.lhs, &implied);
                let (rsum, ru, rfirst) = side(&id.rhs, &implied);
                ((lsum - rsum).cmp(&Decimal::ZERO), lu, lfirst, ru, rfirst)
            };
            if lu + ru == 0 {
                continue;
            }
            let short = match diff {
                Ordering::Less => (lu == 1).then_some(lfirst).flatten(),
                Ordering::Greater => (ru == 1).then_some(rfirst).flatten(),
                Ordering::Equal if lu + ru == 1 => lfirst.or(rfirst),
                Ordering::Equal => None,
            };
            if let Some(cell) = short {
                let (lsum, _, _) = side(&id.lhs, &implied);
                let (rsum, _, _) = side(&id.rhs, &implied);
                let value = (lsum - rsum).abs();
                quick[cell.0 as usize] = quick_number(&value);
                implied.push(Implied {
                    cell,
                    value,
                    via: k,
                });
                changed = true;
            }
        }
    }
    let mut items = Vec::with_capacity(ids.len());
    for (k, id) in ids.iter().enumerate() {
        let outcome = if absent[k] {
            Outcome::Absent
        } else if hard[k] {
            Outcome::NotAssessable {
                missing: id
                    .cells()
                    .filter(|c| matches!(quick[c.0 as usize], Quick::Missing | Quick::Ambiguous))
                    .collect(),
            }
        } else if if changed {
            // Stopped by the round limit: the latest readings may be stale.
            let (l, r) = (read_side(&id.lhs, &quick), read_side(&id.rhs, &quick));
            l.whole && r.whole && l.sum == r.sum
        } else {
            // The last round changed nothing, so every reading in it saw the final values.
            equal[k] == Some(true)
        } {
            Outcome::Holds
        } else {
            let (l, _, _) = side(&id.lhs, &implied);
            let (r, _, _) = side(&id.rhs, &implied);
            if l == r {
                Outcome::Holds
            } else {
                Outcome::Fails { lhs: l, rhs: r }
            }
        };
        items.push((id, outcome));
    }
    // In cell order.
    implied.sort_by_key(|i| i.cell);
    Evaluation { items, implied }
}

/// One side of an identity read from [`Quick`] states.
struct QuickSide {
    /// The sum of its whole numbers.
    sum: i64,
    /// Every number whole.
    whole: bool,
    /// Open (unsolved) cells, and the first of them.
    open: usize,
    first: Option<CellIx>,
    missing: usize,
    ambiguous: usize,
}

impl QuickSide {
    fn hard(&self) -> bool {
        self.missing + self.ambiguous > 0
    }
}

fn read_side(cells: &[CellIx], quick: &[Quick]) -> QuickSide {
    let mut s = QuickSide {
        sum: 0,
        whole: true,
        open: 0,
        first: None,
        missing: 0,
        ambiguous: 0,
    };
    for &c in cells {
        match quick[c.0 as usize] {
            Quick::Whole(n) => s.sum += n,
            Quick::Other => s.whole = false,
            Quick::Open => {
                s.open += 1;
                s.first.get_or_insert(c);
            }
            Quick::Missing => s.missing += 1,
            Quick::Ambiguous => s.ambiguous += 1,
        }
    }
    s
}

/// One side of an identity: the sum of its known cells, how many are unsolved, and the first
/// of those (`val`: a cell's value when known).
fn side_sum(
    cells: &[CellIx],
    val: impl Fn(CellIx) -> Option<Decimal>,
) -> (Decimal, usize, Option<CellIx>) {
    let mut sum = Decimal::ZERO;
    let mut unknown = 0usize;
    let mut first = None;
    for c in cells {
        match val(*c) {
            Some(n) => sum += n,
            None => {
                unknown += 1;
                first.get_or_insert(*c);
            }
        }
    }
    (sum, unknown, first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;
    use crate::template::Catalog;

    fn zero_report(v: TemplateVersion) -> Report {
        Report::all_zero(
            v,
            if v == TemplateVersion::F2019 {
                2020
            } else {
                2023
            },
        )
    }

    #[test]
    fn no_identity_names_a_cell_twice() {
        // `evaluate` counts a side's unsolved cells per side: a cell on both sides, or twice,
        // would be counted wrongly.
        for v in TemplateVersion::ALL {
            // (A single （六） row is an F2021 layout: `identities` asks for it only there.)
            let layouts: &[bool] = if v == TemplateVersion::F2021 {
                &[false, true]
            } else {
                &[false]
            };
            for &single_six in layouts {
                for id in build(v, single_six) {
                    let mut cells: Vec<CellIx> = id.cells().collect();
                    let n = cells.len();
                    cells.sort();
                    cells.dedup();
                    assert_eq!(cells.len(), n, "{} {}", id.code, id.en);
                }
            }
        }
    }

    #[test]
    fn zero_report_holds_everywhere() {
        for v in TemplateVersion::ALL {
            let e = evaluate(&zero_report(v), v);
            assert_eq!(
                e.items.len(),
                (if v == TemplateVersion::F2019 { 23 } else { 25 }) + 7 + 7 + 3
            );
            assert!(e.items.iter().all(|(_, o)| *o == Outcome::Holds));
        }
    }

    #[test]
    fn blank_total_is_implied() {
        let v = TemplateVersion::F2019;
        let mut r = zero_report(v);
        r.set(t3("R3.1", "NP"), Cell::of(Value::Number(272.into())));
        r.set(t3("R3.1", "TOT"), Cell::of(Value::Blank));
        r.set(t3("R3.7", "NP"), Cell::of(Value::Number(272.into())));
        r.set(t3("R3.7", "TOT"), Cell::of(Value::Number(272.into())));
        r.set(t3("R1", "NP"), Cell::of(Value::Number(272.into())));
        r.set(t3("R1", "TOT"), Cell::of(Value::Number(272.into())));
        let e = evaluate(&r, v);
        assert!(
            e.items.iter().all(|(_, o)| *o == Outcome::Holds),
            "{:?}",
            e.items
                .iter()
                .filter(|(_, o)| *o != Outcome::Holds)
                .collect::<Vec<_>>()
        );
        assert_eq!(e.implied.len(), 1);
        assert_eq!(e.implied[0].value, Decimal::from(272));
    }

    #[test]
    fn identities_within_a_run_of_cells() {
        // 表四's data row: its three group identities, 总计 (the fifth) = the four before it.
        let row = within(TemplateVersion::F2021, crate::template::t4_cells());
        assert_eq!(
            row,
            (0..3)
                .map(|g| Local {
                    lhs: vec![g * 5 + 4],
                    rhs: (g * 5..g * 5 + 4).collect(),
                })
                .collect::<Vec<_>>()
        );
        let d = |v: &[i64]| v.iter().map(|n| Decimal::from(*n)).collect::<Vec<_>>();
        assert!(row[1].holds(&d(&[9, 9, 9, 9, 9, 1, 2, 0, 0, 3, 9, 9, 9, 9, 9])));
        assert!(!row[1].holds(&d(&[0, 0, 0, 0, 0, 1, 2, 0, 0, 4, 0, 0, 0, 0, 0])));
        let mut b: Vec<Option<Decimal>> = d(&[1, 0, 0, 0, 1]).into_iter().map(Some).collect();
        b[1] = None;
        assert_eq!(row[0].holds_blanks(&b), Some(true));
        b[4] = None;
        assert_eq!(row[0].holds_blanks(&b), None);
        // A 表三 row's seven cells: its 总计 = the six applicant columns.
        let r1: Vec<CellIx> = T3_COLS.iter().map(|c| t3("R1", c.id)).collect();
        assert_eq!(
            within(TemplateVersion::F2019, &r1),
            vec![Local {
                lhs: vec![6],
                rhs: (0..6).collect()
            }]
        );
    }

    #[test]
    fn missing_cell_is_not_assessable() {
        let v = TemplateVersion::F2021;
        let mut r = zero_report(v);
        r.set(t4("RV", "KEEP"), Cell::MISSING);
        let e = evaluate(&r, v);
        let rv = e.of("ARI004").next().unwrap();
        assert_eq!(
            rv.1,
            Outcome::NotAssessable {
                missing: vec![t4("RV", "KEEP")]
            }
        );
    }

    /// The straightforward evaluation (every sum in Decimal), for comparison.
    fn evaluate_reference(report: &Report, v: TemplateVersion) -> Evaluation {
        let ids = identities(report, v);
        // Implied values by cell index (no identity has a cell twice or on both sides: see tests).
        let mut implied: Vec<Option<(Decimal, usize)>> =
            vec![None; crate::template::Catalog::get().len()];
        let val = |ix: CellIx, implied: &[Option<(Decimal, usize)>]| -> Option<Decimal> {
            match state(report.value(ix)) {
                State::Known(n) => Some(n),
                State::Soft => implied[ix.0 as usize].map(|p| p.0),
                State::Hard => None,
            }
        };
        // Identities with a missing or ambiguous cell: never assessable (computed once).
        let hard: Vec<bool> = ids
            .iter()
            .map(|id| {
                id.cells()
                    .any(|c| matches!(state(report.value(c)), State::Hard))
            })
            .collect();
        // One side's known sum, its unsolved cells, and the first of them.
        let side = |cells: &[CellIx], implied: &[Option<(Decimal, usize)>]| {
            side_sum(cells, |c| val(c, implied))
        };
        // Solve blanks, until nothing changes: an identity that fails with its unsolved blanks read
        // as 0, and that exactly one of them can repair with a value ≥ 0 (a blank on the side that
        // falls short), implies that blank's value. An identity with a single unsolved blank implies
        // it even when the value is 0.
        let mut changed = true;
        let mut rounds = 0;
        while changed && rounds <= ids.len() {
            changed = false;
            rounds += 1;
            for (k, id) in ids.iter().enumerate() {
                if hard[k] {
                    continue;
                }
                let (lsum, lu, lfirst) = side(&id.lhs, &implied);
                let (rsum, ru, rfirst) = side(&id.rhs, &implied);
                if lu + ru == 0 {
                    continue;
                }
                let diff = lsum - rsum;
                let short = if diff < Decimal::ZERO {
                    (lu == 1).then_some(lfirst).flatten()
                } else if diff > Decimal::ZERO {
                    (ru == 1).then_some(rfirst).flatten()
                } else if lu + ru == 1 {
                    lfirst.or(rfirst)
                } else {
                    None
                };
                if let Some(cell) = short {
                    implied[cell.0 as usize] = Some((diff.abs(), k));
                    changed = true;
                }
            }
        }
        let mut items = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            let all_missing = id.cells().all(|c| report.value(c) == &Value::Missing);
            let outcome = if all_missing {
                Outcome::Absent
            } else if hard[k] {
                Outcome::NotAssessable {
                    missing: id
                        .cells()
                        .filter(|c| matches!(state(report.value(*c)), State::Hard))
                        .collect(),
                }
            } else {
                let (l, _, _) = side(&id.lhs, &implied);
                let (r, _, _) = side(&id.rhs, &implied);
                if l == r {
                    Outcome::Holds
                } else {
                    Outcome::Fails { lhs: l, rhs: r }
                }
            };
            items.push((id, outcome));
        }
        // In cell order, as the index gives them.
        let implied: Vec<Implied> = implied
            .into_iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.map(|(value, via)| Implied {
                    cell: CellIx(i as _),
                    value,
                    via,
                })
            })
            .collect();
        Evaluation { items, implied }
    }

    /// An evaluation with every Decimal spelled out (scale and sign of zero included).
    fn exact(e: &Evaluation) -> String {
        let d = |n: &Decimal| format!("{:?}", n.serialize());
        let mut s = String::new();
        for (id, o) in &e.items {
            s += &format!("{} {} ", id.code, id.en);
            s += &match o {
                Outcome::Fails { lhs, rhs } => format!("fails {} {}\n", d(lhs), d(rhs)),
                o => format!("{o:?}\n"),
            };
        }
        for i in &e.implied {
            s += &format!("implied {:?} {} {}\n", i.cell, d(&i.value), i.via);
        }
        s
    }

    fn value_strategy() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        prop_oneof![
            4 => (0i64..40).prop_map(|n| Value::Number(n.into())),
            1 => (-5i64..5, 0u32..3).prop_map(|(n, s)| Value::Number(Decimal::new(n, s))),
            1 => Just(Value::Number(Decimal::new(-0, 1))),
            1 => Just(Value::Number(-Decimal::ZERO)),
            1 => Just(Value::Number(Decimal::from(u64::MAX))),
            1 => Just(Value::Number(Decimal::from(u64::MAX) + Decimal::ONE)),
            1 => (-2i64..2).prop_map(|d| Value::Number(Decimal::from((1i64 << 53) + d))),
            1 => (-2i64..2).prop_map(|d| Value::Number(Decimal::from(-(1i64 << 53) + d))),
            2 => Just(Value::Blank),
            1 => Just(Value::Placeholder("/".into())),
            1 => Just(Value::Missing),
            1 => Just(Value::Ambiguous(vec![Some(1.into()), Some(7.into())])),
        ]
    }

    proptest::proptest! {
        #[test]
        fn evaluate_matches_the_decimal_reference(
            f2021 in proptest::bool::ANY,
            base in 0i64..3,
            changes in proptest::collection::vec((0usize..400, value_strategy()), 0..60),
        ) {
            // A consistent all-`base` report (identities hold), then cells changed at random.
            let v = if f2021 { TemplateVersion::F2021 } else { TemplateVersion::F2019 };
            let mut r = zero_report(v);
            let cells = Catalog::get().template_cells(v).to_vec();
            for &ix in &cells {
                r.set(ix, Cell::of(Value::Number(base.into())));
            }
            for (i, value) in changes {
                r.set(cells[i % cells.len()], Cell::of(value));
            }
            proptest::prop_assert_eq!(exact(&evaluate(&r, v)), exact(&evaluate_reference(&r, v)));
        }
    }
}
