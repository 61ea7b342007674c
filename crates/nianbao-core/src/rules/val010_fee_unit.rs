//! VAL010: 本年收费金额 looks like 元, not 万元 (2021 template).
//!
//! What it checks, why, an example and the source: `docs/VAL010.md` (also served by `ListRules`).

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, TemplateVersion};

/// VAL010.
pub struct Val010;

static INFO: RuleInfo = RuleInfo {
    code: "VAL010",
    kind: Kind::CellValues,
    severity: Severity::Warning,
    title_zh: "本年收费金额疑似以元而非万元填报",
    title_en: "本年收费金额 looks like 元, not 万元",
    spec: &["R22"],
    templates: &[TemplateVersion::F2021],
    doc: include_str!("docs/VAL010.md"),
};

impl Rule for Val010 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let Some(ix) = Catalog::get().lookup("T2.A20_8.FEE.AMOUNT") else {
            return;
        };
        let cell = ctx.report.cell(ix);
        let Some(n) = cell.value.number().filter(|n| !n.is_zero()) else {
            return;
        };
        let printed_yuan = cell.unit.as_deref() == Some("元");
        let shown = n.normalize().to_string();
        // The same figure quoted in 元 in the text.
        let text_yuan = ctx.report.sections.iter().any(|s| {
            s.text.match_indices(shown.as_str()).any(|(p, m)| {
                let before = s.text[..p].chars().last();
                let after = &s.text[p + m.len()..];
                !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                    && after.trim_start().starts_with('元')
            })
        });
        if printed_yuan || text_yuan {
            out.push(
                Finding::new(
                    &INFO,
                    format!(
                        "本年收费金额 {shown} 的单位应为万元，{}",
                        if printed_yuan {
                            "单元格却注明“元”"
                        } else {
                            "正文中同一数字以“元”为单位"
                        }
                    ),
                    format!(
                        "本年收费金额 {shown} is in 万元 by the template, but {}",
                        if printed_yuan {
                            "the cell says 元"
                        } else {
                            "the text gives the same figure in 元"
                        }
                    ),
                )
                .cells([ix])
                .at(cell.source)
                .suggest("换算为万元 / convert to 万元 (元 ÷ 10000)"),
            );
        }
    }
}
