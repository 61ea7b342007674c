//! STR001: one of the six section headings is missing.
//!
//! What it checks, why, an example and the source: `docs/STR001.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::SectionId;

/// STR001.
pub struct Str001;

static INFO: RuleInfo = RuleInfo {
    code: "STR001",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "缺少规定的部分标题",
    title_en: "A required section heading is missing",
    spec: &["S1"],
    templates: BOTH,
    doc: include_str!("docs/STR001.md"),
};

impl Rule for Str001 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let r = ctx.report;
        // Structured input without sections says nothing about headings.
        if !r.from_text && r.sections.is_empty() {
            return;
        }
        for id in SectionId::ALL {
            if r.section(id).is_some_and(|s| !s.heading.is_empty()) {
                continue;
            }
            let canon = id.canonical();
            let mut f = Finding::new(
                &INFO,
                format!("缺少第{}部分标题“{canon}”", id.numeral()),
                format!("section {} heading \"{canon}\" is missing", id.numeral()),
            )
            .suggest(format!("添加标题“{canon}” / add the heading \"{canon}\""));
            if ctx.lenient_2019() {
                f = f.severity(Severity::Warning);
            }
            out.push(f);
        }
    }
}
