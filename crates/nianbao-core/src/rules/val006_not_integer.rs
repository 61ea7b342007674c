//! VAL006: a count cell holds a fraction.
//!
//! What it checks, why, an example and the source: `docs/VAL006.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, ValueKind};

/// VAL006.
pub struct Val006;

static INFO: RuleInfo = RuleInfo {
    code: "VAL006",
    kind: Kind::CellValues,
    severity: Severity::Error,
    title_zh: "件数不是整数",
    title_en: "A count is not a whole number",
    spec: &["R4", "R15", "R18"],
    templates: BOTH,
    doc: include_str!("docs/VAL006.md"),
};

impl Rule for Val006 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        for &ix in ctx.listed_cells() {
            // The value first: most cells are not fractions.
            let Some(n) = ctx
                .report
                .value(ix)
                .number()
                .filter(|n| n.scale() > 0 && !n.fract().is_zero())
            else {
                continue;
            };
            let def = cat.def(ix);
            if def.kind() != ValueKind::Money {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{} 为 {}，件数应为整数", def.id, n.normalize()),
                        format!("{} is {}; counts are whole numbers", def.id, n.normalize()),
                    )
                    .cells([ix])
                    .at(ctx.report.cell(ix).source),
                );
            }
        }
    }
}
