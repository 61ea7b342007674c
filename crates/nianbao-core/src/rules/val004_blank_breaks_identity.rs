//! VAL004: a blank or placeholder cell whose reading as 0 breaks an identity.
//!
//! What it checks, why, an example and the source: `docs/VAL004.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::Catalog;

/// VAL004.
pub struct Val004;

static INFO: RuleInfo = RuleInfo {
    code: "VAL004",
    kind: Kind::CellValues,
    severity: Severity::Error,
    title_zh: "空白或占位符单元格按0计时勾稽关系不成立",
    title_en: "A blank or placeholder cell read as 0 breaks an identity",
    spec: &["§11.2", "R1", "R2", "R3", "R12"],
    templates: BOTH,
    doc: include_str!("docs/VAL004.md"),
};

impl Rule for Val004 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        let eval = ctx.identities();
        for imp in eval.implied.iter().filter(|i| !i.value.is_zero()) {
            let id = &eval.items[imp.via].0;
            let name = &cat.def(imp.cell).id;
            let v = imp.value.normalize();
            out.push(
                Finding::new(
                    &INFO,
                    format!("{name} 未填数字；按0计时“{}”不成立，按勾稽关系应为 {v}", id.zh),
                    format!("{name} holds no number; read as 0 it breaks \"{}\"; the identities imply {v}", id.en),
                )
                .cells(std::iter::once(imp.cell).chain(id.cells().filter(|c| *c != imp.cell)))
                .at(ctx.report.cell(imp.cell).source)
                .compare(imp.value, rust_decimal::Decimal::ZERO)
                .suggest(format!("填写 {v} / fill in {v}")),
            );
        }
    }
}
