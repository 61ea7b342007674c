//! STR009: the narrative speaks of another year as this year's work.
//!
//! What it checks, why, an example and the source: `docs/STR009.md` (also served by `ListRules`).

use std::sync::OnceLock;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};

/// STR009.
pub struct Str009;

static INFO: RuleInfo = RuleInfo {
    code: "STR009",
    kind: Kind::Structure,
    severity: Severity::Warning,
    title_zh: "正文把其他年份写成本年度工作",
    title_en: "The narrative reports another year as this year's work",
    spec: &["S6", "D11"],
    templates: BOTH,
    doc: include_str!("docs/STR009.md"),
};

impl Rule for Str009 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        static RE: OnceLock<regex::Regex> = OnceLock::new();
        let re = RE.get_or_init(|| {
            regex::Regex::new(r"(\d{4})\s*年(?:度)?\s*[，,]\s*(?:我|本|全)(?:镇|乡|街道|区|县|市|局|委|办|厅|单位|部门|中心|政府|机关)").expect("regex")
        });
        let Some(year) = ctx.report.metadata.report_year else {
            return;
        };
        for s in &ctx.report.sections {
            if !s.text.contains('年') {
                continue;
            }
            for c in re.captures_iter(&s.text) {
                // Only where a sentence or paragraph starts.
                let at = c.get(0).map_or(0, |m| m.start());
                let before = s.text[..at].trim_end_matches([' ', '\t', '\u{3000}']);
                if !(before.is_empty() || before.ends_with('。') || before.ends_with('\n')) {
                    continue;
                }
                let Ok(y) = c[1].parse::<u32>() else { continue };
                // This year's work, and next year's plans, are expected.
                if y == year || y == year + 1 {
                    continue;
                }
                let phrase = c
                    .get(0)
                    .map(|m| m.as_str().trim_start_matches(['。', '\n']).trim())
                    .unwrap_or("");
                out.push(
                    Finding::new(
                        &INFO,
                        format!(
                            "第{}部分写道“{phrase}…”，而报告年度为{year}年",
                            s.id.numeral()
                        ),
                        format!(
                            "section {} says \"{phrase}…\" in a report for {year}",
                            s.id.numeral()
                        ),
                    )
                    .at(s.location),
                );
            }
        }
    }
}
