//! ARI007: 本年制发件数 ≤ 现行有效件数 + 本年废止件数 (2021 template).
//!
//! What it checks, why, an example and the source: `docs/ARI007.md` (also served by `ListRules`).

use std::sync::OnceLock;

use super::{Ctx, Kind, Rule, RuleInfo};
use crate::finding::{Finding, Severity};
use crate::template::{Catalog, CellIx, TemplateVersion};

/// ARI007.
pub struct Ari007;

static INFO: RuleInfo = RuleInfo {
    code: "ARI007",
    kind: Kind::Arithmetic,
    severity: Severity::Warning,
    title_zh: "本年制发件数大于现行有效件数与本年废止件数之和",
    title_en: "本年制发件数 exceeds 现行有效件数 + 本年废止件数",
    spec: &["R19"],
    templates: &[TemplateVersion::F2021],
    doc: include_str!("docs/ARI007.md"),
};

impl Rule for Ari007 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let cat = Catalog::get();
        // The (ISSUED, REPEALED, INFORCE) cells of each row, looked up once.
        type Row = (&'static str, Option<(CellIx, CellIx, CellIx)>);
        static CELLS: OnceLock<[Row; 2]> = OnceLock::new();
        let cells = CELLS.get_or_init(|| {
            [("REG", "规章"), ("NORM", "行政规范性文件")].map(|(row, label)| {
                let id = |c: &str| cat.lookup(&format!("T2.A20_1.{row}.{c}"));
                let cells = match (id("ISSUED"), id("REPEALED"), id("INFORCE")) {
                    (Some(i), Some(r), Some(f)) => Some((i, r, f)),
                    _ => None,
                };
                (label, cells)
            })
        });
        for &(label, cells) in cells {
            let Some((i, r, f)) = cells else {
                continue;
            };
            let (Some(issued), Some(repealed), Some(in_force)) = (
                ctx.report.value(i).number(),
                ctx.report.value(r).number(),
                ctx.report.value(f).number(),
            ) else {
                continue;
            };
            if issued > in_force + repealed {
                out.push(
                    Finding::new(
                        &INFO,
                        format!("{label}：本年制发 {issued} 件，多于现行有效 {in_force} 件与本年废止 {repealed} 件之和"),
                        format!("{label}: {issued} issued this year, more than {in_force} in force plus {repealed} repealed"),
                    )
                    .cells([i, f, r])
                    .at(ctx.report.cell(i).source)
                    .compare(in_force + repealed, issued),
                );
            }
        }
    }
}
