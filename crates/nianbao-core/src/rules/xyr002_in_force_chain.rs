//! XYR002: 现行有效件数 follows from last year's (2021 template).
//!
//! What it checks, why, an example and the source: `docs/XYR002.md` (also served by `ListRules`).

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::TemplateVersion;
use crate::template::cross_year::in_force_chains;

/// XYR002.
pub struct Xyr002;

static INFO: RuleInfo = RuleInfo {
    code: "XYR002",
    kind: Kind::CrossYear,
    severity: Severity::Warning,
    title_zh: "现行有效件数与上年不衔接",
    title_en: "现行有效件数 does not follow from last year",
    spec: &["R20"],
    templates: &[TemplateVersion::F2021],
    doc: include_str!("docs/XYR002.md"),
};

impl Rule for Xyr002 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(prev) = ctx.previous else { return };
        for chain in in_force_chains() {
            let (label, issued, repealed, in_force) =
                (chain.label, chain.issued, chain.repealed, chain.in_force);
            let (Some(i), Some(r), Some(now), Some(before)) = (
                ctx.report.value(issued).number(),
                ctx.report.value(repealed).number(),
                ctx.report.value(in_force).number(),
                prev.value(in_force).number(),
            ) else {
                continue;
            };
            let expected = before + i - r;
            if now != expected {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{label}：现行有效 {} ≠ 上年 {} + 本年制发 {} − 本年废止 {} = {}", now, before, i, r, expected),
                        format!("{label}: in force {now} ≠ last year's {before} + issued {i} − repealed {r} = {expected} (documents that expired explain a gap)"),
                    )
                    .cells([in_force, issued, repealed])
                    .at(ctx.report.cell(in_force).source)
                    .compare(expected, now),
                );
            }
        }
    }
}
