//! ARI009: the smallest change that makes every failing identity hold (error localization).
//!
//! What it checks, why, an example and the source: `docs/ARI009.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::rules::identities::{Identity, Outcome};
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
            [] => {}
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
