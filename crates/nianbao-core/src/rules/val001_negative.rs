//! VAL001: a count or amount is negative where the template allows only non-negative values.
//!
//! What it checks, why, an example and the source: `docs/VAL001.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, ValueKind};

/// VAL001.
pub struct Val001;

static INFO: RuleInfo = RuleInfo {
    code: "VAL001",
    kind: Kind::CellValues,
    severity: Severity::Error,
    title_zh: "数量或金额为负数",
    title_en: "Negative count or amount",
    spec: &["R4", "R15", "R18", "R23"],
    templates: BOTH,
    doc: include_str!("docs/VAL001.md"),
};

impl Rule for Val001 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        for &ix in ctx.listed_cells() {
            let def = cat.def(ix);
            if def.kind() == ValueKind::SignedCount {
                continue;
            }
            if let Some(n) = ctx.report.value(ix).number().filter(|n| *n < Decimal::ZERO) {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{} 为负数 {}，该单元格只能填非负数", def.id, n.normalize()),
                        format!(
                            "{} is negative ({}); this cell takes non-negative values only",
                            def.id,
                            n.normalize()
                        ),
                    )
                    .cells([ix])
                    .at(ctx.report.cell(ix).source),
                );
            }
        }
    }
}
