//! ARI009: the smallest change that makes every failing identity hold (error localization).
//!
//! What it checks, why, an example and the source: `docs/ARI009.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::template::identities::{Identity, Outcome};
use crate::template::{Catalog, CellIx, TemplateVersion};

/// ARI009.
pub struct Ari009;

static INFO: RuleInfo = RuleInfo {
    code: "ARI009",
    kind: Kind::Arithmetic,
    severity: Severity::Warning,
    title_zh: "可能的错填单元格（一处修改即可使全部勾稽关系成立）",
    title_en: "Probable wrong cell (one change balances every failing identity)",
    spec: &["R1", "R2", "R3", "R12"],
    templates: BOTH,
    doc: include_str!("docs/ARI009.md"),
};

/// The change of `cell` that makes `id` hold, given its current difference Σlhs − Σrhs.
fn delta(id: &Identity, cell: CellIx, diff: Decimal) -> Option<Decimal> {
    if id.lhs.contains(&cell) {
        Some(-diff)
    } else if id.rhs.contains(&cell) {
        Some(diff)
    } else {
        None
    }
}

impl Rule for Ari009 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let ev = ctx.identities();
        let failing: Vec<(&Identity, Decimal)> = ev
            .items
            .iter()
            .filter_map(|(id, o)| match o {
                Outcome::Fails { lhs, rhs } => Some((*id, *lhs - *rhs)),
                _ => None,
            })
            .collect();
        if failing.is_empty() || failing.len() > 12 {
            return;
        }
        let holding: Vec<&Identity> = ev
            .items
            .iter()
            .filter(|(_, o)| *o == Outcome::Holds)
            .map(|(id, _)| *id)
            .collect();
        let mut cands: Vec<CellIx> = failing.iter().flat_map(|(id, _)| id.cells()).collect();
        cands.sort();
        cands.dedup();
        let mut fixes: Vec<(CellIx, Decimal, Decimal)> = Vec::new();
        'cell: for c in cands {
            let Value::Number(v) = ctx.report.value(c) else {
                continue;
            };
            let mut d: Option<Decimal> = None;
            for (id, diff) in &failing {
                match (delta(id, c, *diff), d) {
                    (None, _) => continue 'cell,
                    (Some(x), None) => d = Some(x),
                    (Some(x), Some(y)) if x != y => continue 'cell,
                    _ => {}
                }
            }
            let Some(d) = d else { continue };
            // It must not break an identity that holds.
            if holding.iter().any(|id| id.cells().any(|x| x == c)) {
                continue;
            }
            if *v + d >= Decimal::ZERO {
                fixes.push((c, *v, *v + d));
            }
        }
        let cat = Catalog::get();
        let v = TemplateVersion::F2021;
        let name = |c: CellIx| {
            let l = cat.def(c).labels(v);
            format!("{}（{} × {}）", cat.def(c).id, l.row_label, l.column_label)
        };
        match fixes.as_slice() {
            [] => {
                if let Some(f) = two_cells(ctx, &failing, &holding) {
                    out.push(f);
                }
            }
            [(c, old, new)] => {
                let ids: Vec<&str> = failing.iter().map(|(id, _)| id.zh.as_str()).collect();
                let ids_en: Vec<&str> = failing.iter().map(|(id, _)| id.en.as_str()).collect();
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{} 很可能应为 {}，而不是 {}：只改这一处即可使 {} 项不成立的勾稽关系全部成立（{}）", name(*c), new.normalize(), old.normalize(), failing.len(), ids.join("；")),
                        format!("{} is probably {}, not {}: this one change makes all {} failing identities hold ({})", cat.def(*c).id, new.normalize(), old.normalize(), failing.len(), ids_en.join("; ")),
                    )
                    .cells([*c])
                    .at(ctx.report.cell(*c).source)
                    .compare(*new, *old)
                    .suggest(format!("把 {} 改为 {} / change {} to {}", cat.def(*c).id, new.normalize(), cat.def(*c).id, new.normalize())),
                );
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .take(6)
                    .map(|(c, o, n)| {
                        format!("{} {}→{}", cat.def(*c).id, o.normalize(), n.normalize())
                    })
                    .collect();
                out.push(
                    Finding::new(
                        &INFO,
                        format!(
                            "改一处即可使全部勾稽关系成立的单元格有 {} 个：{}",
                            many.len(),
                            list.join("，")
                        ),
                        format!(
                            "{} single cells could each balance every failing identity: {}",
                            many.len(),
                            list.join(", ")
                        ),
                    )
                    .severity(Severity::Info)
                    .cells(many.iter().map(|f| f.0)),
                );
            }
        }
    }
}

/// The coefficient of `cell` in an identity (Σlhs − Σrhs): +1, −1 or 0.
fn coef(id: &Identity, cell: CellIx) -> i32 {
    id.lhs.iter().filter(|c| **c == cell).count() as i32
        - id.rhs.iter().filter(|c| **c == cell).count() as i32
}

/// Two cells whose changes together balance every failing identity and keep the others: the
/// smallest pair (by total change). A pair of neighbours in one row whose digits belong together
/// is named as a split number (拆格).
fn two_cells(
    ctx: &Ctx<'_>,
    failing: &[(&Identity, Decimal)],
    holding: &[&Identity],
) -> Option<Finding> {
    let mut cands: Vec<CellIx> = failing.iter().flat_map(|(id, _)| id.cells()).collect();
    cands.sort();
    cands.dedup();
    cands.retain(|c| matches!(ctx.report.value(*c), Value::Number(_)));
    if cands.len() > 60 {
        return None;
    }
    let mut best: Option<(Decimal, CellIx, Decimal, CellIx, Decimal)> = None;
    // Each identity's coefficient of each candidate, taken once (not once per pair).
    let coefs = |id: &Identity| cands.iter().map(|c| coef(id, *c)).collect::<Vec<i32>>();
    let failing_coefs: Vec<Vec<i32>> = failing.iter().map(|(id, _)| coefs(id)).collect();
    let holding_coefs: Vec<Vec<i32>> = holding.iter().map(|id| coefs(id)).collect();
    let mut eqs: Vec<(i32, i32, Decimal)> = Vec::new();
    for (i, &a) in cands.iter().enumerate() {
        for (j, &b) in cands.iter().enumerate().skip(i + 1) {
            // Equations a1·δa + a2·δb = target: failing identities move by −diff, holding ones by 0.
            eqs.clear();
            eqs.extend(
                failing
                    .iter()
                    .zip(&failing_coefs)
                    .map(|((_, d), k)| (k[i], k[j], -*d)),
            );
            eqs.extend(
                holding_coefs
                    .iter()
                    .filter(|k| k[i] != 0 || k[j] != 0)
                    .map(|k| (k[i], k[j], Decimal::ZERO)),
            );
            if eqs
                .iter()
                .any(|(x, y, t)| *x == 0 && *y == 0 && !t.is_zero())
            {
                continue;
            }
            // Solve with two independent equations, then check them all.
            let mut sol = None;
            'solve: for (k, e1) in eqs.iter().enumerate() {
                for e2 in &eqs[k + 1..] {
                    let det = e1.0 * e2.1 - e1.1 * e2.0;
                    if det != 0 {
                        let det = Decimal::from(det);
                        let da = (e1.2 * Decimal::from(e2.1) - e2.2 * Decimal::from(e1.1)) / det;
                        let db = (Decimal::from(e1.0) * e2.2 - Decimal::from(e2.0) * e1.2) / det;
                        sol = Some((da, db));
                        break 'solve;
                    }
                }
            }
            let Some((da, db)) = sol else { continue };
            if da.is_zero() || db.is_zero() || !da.fract().is_zero() || !db.fract().is_zero() {
                continue;
            }
            if !eqs
                .iter()
                .all(|(x, y, t)| Decimal::from(*x) * da + Decimal::from(*y) * db == *t)
            {
                continue;
            }
            let (va, vb) = (ctx.report.value(a).number()?, ctx.report.value(b).number()?);
            if va + da < Decimal::ZERO || vb + db < Decimal::ZERO {
                continue;
            }
            let cost = da.abs() + db.abs();
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((cost, a, va + da, b, vb + db));
            }
        }
    }
    let (_, a, na, b, nb) = best?;
    let cat = Catalog::get();
    let (va, vb) = (ctx.report.value(a).number()?, ctx.report.value(b).number()?);
    let (da, db) = (cat.def(a), cat.def(b));
    let split = da.row == db.row && (concat(va, vb) == Some(na) || concat(va, vb) == Some(nb));
    let changes = format!(
        "{} {}→{}, {} {}→{}",
        da.id,
        va.normalize(),
        na.normalize(),
        db.id,
        vb.normalize(),
        nb.normalize()
    );
    let note_zh = if split {
        "；这两个相邻单元格很可能是一个数被拆成了两格（拆格）"
    } else {
        ""
    };
    let note_en = if split {
        "; the two neighbouring cells are probably one number split in two"
    } else {
        ""
    };
    Some(
        Finding::new(
            &INFO,
            format!(
                "改两处即可使全部勾稽关系成立：{}{note_zh}",
                changes.replace(", ", "，")
            ),
            format!("two changes balance every failing identity: {changes}{note_en}"),
        )
        .cells([a, b])
        .at(ctx.report.cell(a).source)
        .suggest(format!(
            "核对 {} 与 {} / check {} and {}",
            da.id, db.id, da.id, db.id
        )),
    )
}

/// The number whose digits are `a` then `b` ("1", "2" → 12).
fn concat(a: Decimal, b: Decimal) -> Option<Decimal> {
    format!("{}{}", a.normalize(), b.normalize()).parse().ok()
}
