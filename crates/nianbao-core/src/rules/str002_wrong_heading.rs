//! STR002: a section heading's wording differs from the template.
//!
//! What it checks, why, an example and the source: `docs/STR002.md` (also served by `ListRules`).

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::headings::{HeadingMatch, classify_heading};

/// STR002.
pub struct Str002;

static INFO: RuleInfo = RuleInfo {
    code: "STR002",
    kind: Kind::Structure,
    severity: Severity::Error,
    title_zh: "部分标题与模板不一致",
    title_en: "A section heading differs from the template",
    spec: &["S1", "§9", "§11.6"],
    templates: BOTH,
    doc: include_str!("docs/STR002.md"),
};

impl Rule for Str002 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        for s in &ctx.report.sections {
            if s.heading.is_empty() {
                continue;
            }
            let canon = s.id.canonical();
            // The canonical heading is classified canonical (see the tests of
            // `template::headings`) without normalizing it.
            if s.heading == canon {
                continue;
            }
            let (zh, en, sev) = match classify_heading(s.id, &s.heading) {
                HeadingMatch::Canonical => continue,
                HeadingMatch::Variant => (
                    format!(
                        "第{}部分标题“{}”是常见变体，模板为“{canon}”",
                        s.id.numeral(),
                        s.heading
                    ),
                    format!(
                        "section {} heading \"{}\" is a known variant of \"{canon}\"",
                        s.id.numeral(),
                        s.heading
                    ),
                    Severity::Warning,
                ),
                HeadingMatch::Reworded => (
                    format!(
                        "第{}部分标题“{}”措辞与模板不同（按关键词识别为该部分），模板为“{canon}”",
                        s.id.numeral(),
                        s.heading
                    ),
                    format!(
                        "section {} heading \"{}\" is worded otherwise (its key words name the section); the template's is \"{canon}\"",
                        s.id.numeral(),
                        s.heading
                    ),
                    Severity::Warning,
                ),
                HeadingMatch::OtherSection(o) => (
                    format!(
                        "第{}部分标题为“{}”，这是第{}部分的标题；应为“{canon}”",
                        s.id.numeral(),
                        s.heading,
                        o.numeral()
                    ),
                    format!(
                        "section {} is headed \"{}\", which is section {}'s heading; it should be \"{canon}\"",
                        s.id.numeral(),
                        s.heading,
                        o.numeral()
                    ),
                    Severity::Error,
                ),
                HeadingMatch::Unknown => (
                    format!(
                        "第{}部分标题为“{}”，应为“{canon}”",
                        s.id.numeral(),
                        s.heading
                    ),
                    format!(
                        "section {} is headed \"{}\"; it should be \"{canon}\"",
                        s.id.numeral(),
                        s.heading
                    ),
                    Severity::Error,
                ),
            };
            let sev = if ctx.lenient_2019() {
                sev.max(Severity::Warning)
            } else {
                sev
            };
            out.push(
                Finding::new(&INFO, zh, en)
                    .severity(sev)
                    .at(s.location)
                    .suggest(format!("改为“{canon}” / change it to \"{canon}\"")),
            );
        }
    }
}
