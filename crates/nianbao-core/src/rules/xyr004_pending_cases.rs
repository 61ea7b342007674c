//! XYR004: last year's 尚未审结 cases, to follow up (info).
//!
//! What it checks, why, an example and the source: `docs/XYR004.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{T4_GROUPS, t4};

/// XYR004.
pub struct Xyr004;

static INFO: RuleInfo = RuleInfo {
    code: "XYR004",
    kind: Kind::CrossYear,
    severity: Severity::Info,
    title_zh: "上年尚未审结的复议、诉讼案件",
    title_en: "Review and litigation cases pending last year",
    spec: &["R17", "§11.5"],
    templates: BOTH,
    doc: include_str!("docs/XYR004.md"),
};

impl Rule for Xyr004 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(prev) = ctx.previous else { return };
        for (g, _, path) in &T4_GROUPS {
            let pend = t4(g, "PEND");
            if let Some(n) = prev.value(pend).number().filter(|n| *n > Decimal::ZERO) {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("上一年度报告中“{path}”有 {n} 件尚未审结；本年报告中请说明其结果"),
                        format!("last year's report had {n} {path} case(s) pending; their outcome may be reported this year"),
                    )
                    .cells([t4(g, "TOT")]),
                );
            }
        }
    }
}
