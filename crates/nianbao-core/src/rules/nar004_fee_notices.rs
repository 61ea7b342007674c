//! NAR004: applications dropped for unpaid fees, but section 六 reports no fee activity.
//!
//! What it checks, why, an example and the source: `docs/NAR004.md` (also served by `ListRules`).

use rust_decimal::Decimal;

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::SectionId;
use crate::template::{TemplateVersion, t3};

/// NAR004.
pub struct Nar004;

static INFO: RuleInfo = RuleInfo {
    code: "NAR004",
    kind: Kind::Narrative,
    severity: Severity::Warning,
    title_zh: "有因逾期未缴费不再处理的申请，但未报告收费通知",
    title_en: "Applications dropped for unpaid fees, but no fee notice reported",
    spec: &["R9", "§11.4"],
    templates: &[TemplateVersion::F2021],
    doc: include_str!("docs/NAR004.md"),
};

impl Rule for Nar004 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cell = t3("R3.6.2", "TOT");
        let Some(n) = ctx
            .report
            .value(cell)
            .number()
            .filter(|n| *n > Decimal::ZERO)
        else {
            return;
        };
        let text = ctx
            .report
            .section(SectionId::OtherMatters)
            .map(|s| s.text.as_str())
            .unwrap_or("");
        let nil = ["未收取", "未发生", "没有收取", "无收费"]
            .iter()
            .any(|k| text.contains(k));
        if text.contains("收费通知") || (text.contains("处理费") && !nil) {
            return;
        }
        out.push(
            Finding::new(
                &INFO,
                format!("表三（六）2 有 {n} 件申请因逾期未缴费不再处理，第六部分却未报告发出收费通知或收取信息处理费"),
                format!("table 3 （六）2 counts {n} applications dropped for unpaid fees, but section 六 reports no fee notice or fee"),
            )
            .cells([cell])
            .at(ctx.report.cell(cell).source),
        );
    }
}
