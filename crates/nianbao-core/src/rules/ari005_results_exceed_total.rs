//! ARI005: （七）总计 exceeds 一+二 where the balance identity cannot be checked.
//!
//! What it checks, why, an example and the source: `docs/ARI005.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::identities::Outcome;
use crate::template::{T3_COLS, t3};

/// ARI005.
pub struct Ari005;

static INFO: RuleInfo = RuleInfo {
    code: "ARI005",
    kind: Kind::Arithmetic,
    severity: Severity::Error,
    title_zh: "办理结果总计超过收到的申请数",
    title_en: "（七）总计 exceeds the applications to handle",
    spec: &["R6"],
    templates: BOTH,
    doc: include_str!("docs/ARI005.md"),
};

impl Rule for Ari005 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        // Only where ARI001 could not be assessed (四 missing): otherwise ARI001 says more.
        for (id, outcome) in ctx.identities().of("ARI001") {
            if !matches!(outcome, Outcome::NotAssessable { .. }) {
                continue;
            }
            let c = T3_COLS
                .iter()
                .find(|c| t3("R1", c.id) == id.lhs[0])
                .expect("an R1 cell");
            let (r1, r2, r37) = (t3("R1", c.id), t3("R2", c.id), t3("R3.7", c.id));
            let (Some(a), Some(b), Some(h)) = (
                ctx.report.value(r1).number(),
                ctx.report.value(r2).number(),
                ctx.report.value(r37).number(),
            ) else {
                continue;
            };
            if h > a + b {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("表三“{}”列：（七）总计 {h} 超过 一+二 = {}", c.label, a + b),
                        format!(
                            "table 3 column {} ({}): （七）总计 {h} exceeds 一 + 二 = {}",
                            c.id,
                            c.label,
                            a + b
                        ),
                    )
                    .cells([r37, r1, r2])
                    .at(ctx.report.cell(r37).source)
                    .compare(a + b, h),
                );
            }
        }
    }
}
