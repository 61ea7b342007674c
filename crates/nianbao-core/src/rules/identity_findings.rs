//! The findings of the arithmetic rules (ARI001–ARI004): each reports the outcomes of its
//! identities, which the template defines ([`crate::template::identities`]).

use super::{Ctx, RuleInfo};
use crate::finding::Finding;
use crate::template::CellIx;
use crate::template::identities::{Identity, Outcome};

/// Reports the outcomes of the identities of rule `info` (shared by the ARI rules): an error per
/// failing identity with expected/actual, and one not-assessable info for the rest.
pub(super) fn report(ctx: &Ctx<'_>, info: &'static RuleInfo, out: &mut Vec<Finding>) {
    let cat = crate::template::Catalog::get();
    let mut not_assessable: Vec<&Identity> = Vec::new();
    let mut missing: Vec<CellIx> = Vec::new();
    for (id, outcome) in ctx.identities().of(info.code) {
        match outcome {
            Outcome::Holds | Outcome::Absent => {}
            Outcome::NotAssessable { missing: m } => {
                not_assessable.push(id);
                missing.extend(m.iter().copied());
            }
            Outcome::Fails { lhs, rhs } => {
                // A total on the left: the parts give the expected total.
                let total_on_left = id.lhs.len() == 1;
                let (expected, actual) = if total_on_left {
                    (*rhs, *lhs)
                } else {
                    (*lhs, *rhs)
                };
                let mut f = Finding::new(
                    info,
                    format!(
                        "{}不成立：应为 {}，实为 {}（相差 {}）",
                        id.zh,
                        expected.normalize(),
                        actual.normalize(),
                        (actual - expected).normalize()
                    ),
                    format!(
                        "{} does not hold: expected {}, found {} (difference {})",
                        id.en,
                        expected.normalize(),
                        actual.normalize(),
                        (actual - expected).normalize()
                    ),
                )
                .cells(id.cells())
                .at(ctx.report.cell(id.anchor).source)
                .compare(expected, actual);
                if total_on_left {
                    f = f.suggest(format!(
                        "若各分项无误，{} 应为 {} / if the parts are right, {} should be {}",
                        cat.def(id.anchor).id,
                        expected.normalize(),
                        cat.def(id.anchor).id,
                        expected.normalize()
                    ));
                }
                out.push(f);
            }
        }
    }
    if !not_assessable.is_empty() {
        missing.sort();
        missing.dedup();
        let names: Vec<&str> = missing.iter().map(|c| cat.def(*c).id.as_str()).collect();
        out.push(
            Finding::new(
                info,
                format!(
                    "有 {} 项勾稽关系无法检查：单元格缺失或无法确定（{}）",
                    not_assessable.len(),
                    crate::render::list(&names)
                ),
                format!(
                    "identities not assessable: {}; cells missing or ambiguous ({})",
                    not_assessable.len(),
                    crate::render::list(&names)
                ),
            )
            .cells(missing)
            .not_assessable(),
        );
    }
}
