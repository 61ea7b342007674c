//! NAR003: section 六 says nothing of 信息处理费 (2021 template).
//!
//! What it checks, why, an example and the source: `docs/NAR003.md` (also served by `ListRules`).

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::SectionId;
use crate::template::TemplateVersion;

/// NAR003.
pub struct Nar003;

static INFO: RuleInfo = RuleInfo {
    code: "NAR003",
    kind: Kind::Narrative,
    severity: Severity::Warning,
    title_zh: "其他需要报告的事项未报告信息处理费收取情况",
    title_en: "Section 六 does not report the 信息处理费",
    spec: &["R10"],
    templates: &[TemplateVersion::F2021],
    doc: include_str!("docs/NAR003.md"),
};

impl Rule for Nar003 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(s) = ctx.report.section(SectionId::OtherMatters) else {
            return;
        };
        if ["处理费", "收费", "收取费用"]
            .iter()
            .any(|k| s.text.contains(k))
        {
            return;
        }
        out.push(
            Finding::new(
                &INFO,
                "第六部分未报告信息处理费收取情况（包括未收取的说明）",
                "section 六 does not report the 信息处理费 (an explicit nil statement counts)",
            )
            .at(s.location)
            .suggest("如：本年度未收取信息处理费 / e.g. 本年度未收取信息处理费"),
        );
    }
}
