//! STR007: a section heading carries the wrong number.
//!
//! What it checks, why, an example and the source: `docs/STR007.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::SectionId;
use crate::template::headings::heading_number;

/// STR007.
pub struct Str007;

static INFO: RuleInfo = RuleInfo {
    code: "STR007",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "部分标题序号错误",
    title_en: "A section heading is misnumbered",
    spec: &["S1"],
    templates: BOTH,
    doc: include_str!("docs/STR007.md"),
};

impl Rule for Str007 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        for s in &ctx.report.sections {
            // The canonical heading carries its own number (see the tests of
            // `template::headings`): no need to normalize it.
            if s.heading == s.id.canonical() {
                continue;
            }
            let Some(n) = heading_number(&s.heading) else {
                continue;
            };
            if n == s.id.number() {
                continue;
            }
            let printed = SectionId::from_number(n)
                .map(|x| x.numeral())
                .unwrap_or("?");
            let mut f = Finding::new(
                &INFO,
                format!(
                    "标题“{}”是第{}部分，却编号为“{printed}”",
                    s.heading,
                    s.id.numeral()
                ),
                format!(
                    "heading \"{}\" is section {} but is numbered {printed}",
                    s.heading,
                    s.id.numeral()
                ),
            )
            .at(s.location)
            .suggest(format!(
                "改为“{}” / renumber it \"{}\"",
                s.id.canonical(),
                s.id.canonical()
            ));
            if ctx.lenient_2019() {
                f = f.severity(Severity::Warning);
            }
            out.push(f);
        }
    }
}
