//! NAR001: application figures quoted in 总体情况 disagree with 表三.
//!
//! What it checks, why, an example and the source: `docs/NAR001.md` (also served by `ListRules`).

use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::{BOTH, Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::model::SectionId;
use crate::template::t3;

/// NAR001.
pub struct Nar001;

static INFO: RuleInfo = RuleInfo {
    code: "NAR001",
    kind: Kind::Narrative,
    severity: Severity::Warning,
    title_zh: "总体情况中的申请数与表三不符",
    title_en: "Application figures in 总体情况 disagree with table 3",
    spec: &["R8", "§11.3"],
    templates: BOTH,
    doc: include_str!("docs/NAR001.md"),
};

/// (what, regex, readings as sums of 表三 总计 cells)
type Phrase = (
    &'static str,
    &'static str,
    &'static [&'static [&'static str]],
);

const PHRASES: &[Phrase] = &[
    (
        "收到申请",
        r"(?:收到|新收|共收到|接收)[^。；，,\d]{0,14}?申请[^。；，,\d]{0,6}?(\d+)\s*件",
        &[&["R1"], &["R1", "R2"]],
    ),
    ("办结", r"办结[^。；，,\d]{0,12}?(\d+)\s*件", &[&["R3.7"]]),
    (
        "结转",
        r"结转[^。；，,\d]{0,14}?(\d+)\s*件",
        &[&["R4"], &["R2"]],
    ),
];

impl Rule for Nar001 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        static RES: OnceLock<Vec<regex::Regex>> = OnceLock::new();
        let res = RES.get_or_init(|| {
            PHRASES
                .iter()
                .map(|p| regex::Regex::new(p.1).expect("regex"))
                .collect()
        });
        let Some(s) = ctx.report.section(SectionId::Overview) else {
            return;
        };
        for ((what, _, readings), re) in PHRASES.iter().zip(res) {
            let key = if *what == "收到申请" {
                "申请"
            } else {
                what
            };
            if !s.text.contains(key) {
                continue;
            }
            for c in re.captures_iter(&s.text) {
                let Ok(n) = c[1].parse::<Decimal>() else {
                    continue;
                };
                let values: Vec<Option<Decimal>> = readings
                    .iter()
                    .map(|rows| {
                        rows.iter()
                            .map(|r| ctx.report.value(t3(r, "TOT")).number())
                            .sum::<Option<Decimal>>()
                    })
                    .collect();
                // Not assessable when a needed total is missing; fine when any reading matches.
                if values.iter().any(|v| v.is_none()) || values.contains(&Some(n)) {
                    continue;
                }
                let phrase = c.get(0).map(|m| m.as_str()).unwrap_or("");
                let shown: Vec<String> = values
                    .iter()
                    .flatten()
                    .map(|v| v.normalize().to_string())
                    .collect();
                out.push(
                    Finding::new(
                        &INFO,
                        format!(
                            "总体情况写“{phrase}”（{what} {n} 件），表三为 {}",
                            shown.join(" 或 ")
                        ),
                        format!(
                            "总体情况 says \"{phrase}\" ({what}: {n}), table 3 gives {}",
                            shown.join(" or ")
                        ),
                    )
                    .cells(readings[0].iter().map(|r| t3(r, "TOT")))
                    .at(s.location)
                    .compare(values[0].unwrap_or_default(), n),
                );
            }
        }
    }
}
