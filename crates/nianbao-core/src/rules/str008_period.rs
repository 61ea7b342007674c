//! STR008: the stated statistical period is not the report year.
//!
//! What it checks, why, an example and the source: `docs/STR008.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};

/// STR008.
pub struct Str008;

static INFO: RuleInfo = RuleInfo {
    code: "STR008",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "统计期限不是报告年度的公历年",
    title_en: "The statistical period is not the report year",
    spec: &["S4"],
    templates: BOTH,
    doc: include_str!("docs/STR008.md"),
};

impl Rule for Str008 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let md = &ctx.report.metadata;
        let (Some(year), Some((from, to))) = (md.report_year, md.period.as_ref()) else {
            return;
        };
        let (want_from, want_to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
        if *from != want_from || *to != want_to {
            out.push(
                Finding::new(
                    &INFO,
                    format!("报告所述统计期限为 {from} 至 {to}，{year}年度报告应为 {want_from} 至 {want_to}"),
                    format!("the report states a statistical period {from} – {to}; a {year} report covers {want_from} – {want_to}"),
                )
                .suggest(format!("统计期限应为{year}年1月1日至12月31日 / the period is 1 January – 31 December {year}")),
            );
        }
    }
}
