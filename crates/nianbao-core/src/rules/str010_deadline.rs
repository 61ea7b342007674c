//! STR010: published after the legal deadline.
//!
//! What it checks, why, an example and the source: `docs/STR010.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};

/// STR010.
pub struct Str010;

static INFO: RuleInfo = RuleInfo {
    code: "STR010",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "发布时间晚于法定期限",
    title_en: "Published after the legal deadline",
    spec: &["S7"],
    templates: BOTH,
    doc: include_str!("docs/STR010.md"),
};

impl Rule for Str010 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let md = &ctx.report.metadata;
        let (Some(year), Some(published), Some(body)) = (
            md.report_year,
            md.published.as_deref(),
            md.issuing_body.as_deref(),
        ) else {
            return;
        };
        // 条例第四十九条 covers 县级以上 bodies; townships follow local rules.
        if super::val008_rules_power::without_rule_power(body) && !body.contains('县') {
            return;
        }
        let government = body.ends_with("人民政府");
        let deadline = if government {
            format!("{:04}-03-31", year + 1)
        } else {
            format!("{:04}-01-31", year + 1)
        };
        if published > deadline.as_str() {
            out.push(Finding::new(
                &INFO,
                format!("发布日期 {published} 晚于法定期限 {deadline}（条例第四十九条）"),
                format!(
                    "published {published}, after the legal deadline {deadline} (条例 Art. 49)"
                ),
            ));
        }
    }
}
