//! STR011: a government's report says nothing of 工作考核、社会评议和责任追究.
//!
//! What it checks, why, an example and the source: `docs/STR011.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};

/// STR011.
pub struct Str011;

static INFO: RuleInfo = RuleInfo {
    code: "STR011",
    kind: Kind::Structure,
    severity: Severity::Warning,
    title_zh: "人民政府年报未报告工作考核、社会评议和责任追究结果",
    title_en: "A government's report omits 工作考核、社会评议和责任追究",
    spec: &["S3"],
    templates: BOTH,
    doc: include_str!("docs/STR011.md"),
};

impl Rule for Str011 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(body) = ctx.report.metadata.issuing_body.as_deref() else {
            return;
        };
        let government = body.ends_with("人民政府") || body.ends_with('镇') || body.ends_with('乡');
        if !government || ctx.report.sections.is_empty() {
            return;
        }
        let text: String = ctx
            .report
            .sections
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        if ["考核", "评议", "追究"].iter().any(|k| text.contains(k)) {
            return;
        }
        out.push(Finding::new(
            &INFO,
            format!("{body}是人民政府，年报应报告工作考核、社会评议和责任追究结果情况（条例第五十条），正文中未见"),
            format!("{body} is a people's government: its report must cover 工作考核、社会评议和责任追究结果情况 (条例 Art. 50(4)); the text has none"),
        ));
    }
}
