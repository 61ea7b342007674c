//! PRS003: a cell whose value the reader could not settle (several candidates).
//!
//! What it checks, why, an example and the source: `docs/PRS003.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::Value;
use crate::template::Catalog;

/// PRS003.
pub struct Prs003;

static INFO: RuleInfo = RuleInfo {
    code: "PRS003",
    kind: Kind::Parsing,
    severity: Severity::Warning,
    title_zh: "单元格数值无法确定（有多个候选值）",
    title_en: "A cell's value could not be settled (several candidates)",
    spec: &[],
    templates: BOTH,
    doc: include_str!("docs/PRS003.md"),
};

impl Rule for Prs003 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        for &ix in ctx.listed_cells() {
            if let Value::Ambiguous(c) = ctx.report.value(ix) {
                let cands = ctx.report.value(ix).display();
                let name = &cat.def(ix).id;
                let (zh, en) = if c.is_empty() {
                    (
                        format!("{name} 的数值无法辨认（印为“?”或字符丢失）"),
                        format!(
                            "the value of {name} is unreadable (printed as \"?\" or lost in decoding)"
                        ),
                    )
                } else {
                    (
                        format!("{name} 的数值无法确定，候选值：{cands}"),
                        format!("the value of {name} could not be settled; candidates: {cands}"),
                    )
                };
                out.push(
                    Finding::new(&INFO, zh, en)
                        .cells([ix])
                        .at(ctx.report.cell(ix).source),
                );
            }
        }
    }
}
