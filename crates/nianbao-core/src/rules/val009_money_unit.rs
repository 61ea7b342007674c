//! VAL009: 采购总金额 without a unit (2019 template).
//!
//! What it checks, why, an example and the source: `docs/VAL009.md` (also served by `ListRules`).

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, TemplateVersion};

/// VAL009.
pub struct Val009;

static INFO: RuleInfo = RuleInfo {
    code: "VAL009",
    kind: Kind::CellValues,
    severity: Severity::Warning,
    title_zh: "采购总金额未注明单位",
    title_en: "采购总金额 states no unit",
    spec: &["R26"],
    templates: &[TemplateVersion::F2019],
    doc: include_str!("docs/VAL009.md"),
};

impl Rule for Val009 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(ix) = Catalog::get().lookup("T2.A20_9.PROC.AMOUNT") else {
            return;
        };
        let cell = ctx.report.cell(ix);
        if let Some(n) = cell.value.number().filter(|n| !n.is_zero())
            && cell.unit.is_none()
        {
            out.push(
                Finding::new(
                    &INFO,
                    format!("采购总金额 {n} 未注明单位（元或万元），模板未印单位"),
                    format!("采购总金额 {n} states no unit (元 or 万元); the template prints none"),
                )
                .cells([ix])
                .at(cell.source)
                .suggest("注明“元”或“万元” / write 元 or 万元 with the amount"),
            );
        }
    }
}
