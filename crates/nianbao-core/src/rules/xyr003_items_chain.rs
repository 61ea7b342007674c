//! XYR003: 上一年项目数量 follows from last year's (2019 template, 2019 → 2020).
//!
//! What it checks, why, an example and the source: `docs/XYR003.md` (also served by `ListRules`).

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, TemplateVersion};

/// XYR003.
pub struct Xyr003;

static INFO: RuleInfo = RuleInfo {
    code: "XYR003",
    kind: Kind::CrossYear,
    severity: Severity::Warning,
    title_zh: "上一年项目数量与上年报告不衔接",
    title_en: "上一年项目数量 does not follow from last year's report",
    spec: &["R25"],
    templates: &[TemplateVersion::F2019],
    doc: include_str!("docs/XYR003.md"),
};

impl Rule for Xyr003 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(prev) = ctx.previous else { return };
        let cat = Catalog::get();
        for (row, label) in [
            ("A20_5.LIC", "行政许可"),
            ("A20_5.SVC", "其他对外管理服务事项"),
            ("A20_6.PUN", "行政处罚"),
            ("A20_6.ENF", "行政强制"),
            ("A20_8.FEE", "行政事业性收费"),
        ] {
            let (Some(p), Some(d)) = (
                cat.lookup(&format!("T2.{row}.PREV")),
                cat.lookup(&format!("T2.{row}.DELTA")),
            ) else {
                continue;
            };
            let (Some(now), Some(before), Some(delta)) = (
                ctx.report.value(p).number(),
                prev.value(p).number(),
                prev.value(d).number(),
            ) else {
                continue;
            };
            let expected = before + delta;
            if now != expected {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{label}：上一年项目数量 {now} ≠ 上年报告的 {before} + 本年增/减 {delta} = {expected}"),
                        format!("{label}: 上一年项目数量 {now} ≠ last year's {before} + change {delta} = {expected}"),
                    )
                    .cells([p])
                    .at(ctx.report.cell(p).source)
                    .compare(expected, now),
                );
            }
        }
    }
}
