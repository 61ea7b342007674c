//! The rule catalogue: one rule per file, one registry ([`registry`]) of codes (the catalogue
//! entries' type and the parse-stage codes live in [`crate::codes`], which the mapper names too).
//!
//! A rule reads the [`Report`] through a [`Ctx`] and pushes [`Finding`]s. Rules whose inputs are
//! missing say so ("not assessable", info); they never read a missing cell as 0.

use std::sync::OnceLock;

use crate::finding::{Finding, Severity};
use crate::model::Report;
use crate::template::TemplateVersion;
use crate::template::identities;

mod identity_findings;
pub mod registry;

mod ari001_balance;
mod ari002_results_total;
mod ari003_row_total;
mod ari004_table4_total;
mod ari005_results_exceed_total;
mod ari006_misclassified;
mod ari007_issued_vs_in_force;
mod ari008_published_vs_total;
mod ari009_localize;
mod ari010_subtotals;
mod nar001_requests_text;
mod nar002_review_text;
mod nar003_fee_reported;
mod nar004_fee_notices;
mod prs003_ambiguous;
mod str001_missing_heading;
mod str002_wrong_heading;
mod str003_missing_table;
mod str004_wrong_template;
mod str005_mixed_layout;
mod str006_year_unknown;
mod str007_misnumbered;
mod str008_period;
mod str009_other_year;
mod str010_deadline;
mod str011_assessment;
mod str012_section_order;
mod val001_negative;
mod val002_blank;
mod val003_placeholder;
mod val004_blank_breaks_identity;
mod val005_missing_cells;
mod val006_not_integer;
mod val007_items_stock;
pub mod val008_rules_power;
mod val009_money_unit;
mod val010_fee_unit;
mod xyr001_carry_over;
mod xyr002_in_force_chain;
mod xyr003_items_chain;
mod xyr004_pending_cases;
mod xyr005_same_as_last_year;

pub use crate::codes::{
    BOTH, Kind, PRS001, PRS002, PRS004, PRS005, PRS006, PRS007, PRS008, PRS009, PRS010, RuleInfo,
};

/// A rule.
pub trait Rule: Sync {
    /// The catalogue entry.
    fn info(&self) -> &'static RuleInfo;
    /// Checks the report.
    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>);
}

/// What rules see.
pub struct Ctx<'a> {
    pub report: &'a Report,
    /// Last year's report of the same body, when the caller gave it.
    pub previous: Option<&'a Report>,
    pub template: TemplateVersion,
    eval: OnceLock<identities::Evaluation>,
    listed: OnceLock<Vec<crate::template::CellIx>>,
}

impl<'a> Ctx<'a> {
    /// A context for `report`.
    pub fn new(report: &'a Report) -> Ctx<'a> {
        Ctx {
            report,
            previous: None,
            template: report.effective_template(),
            eval: OnceLock::new(),
            listed: OnceLock::new(),
        }
    }

    /// The identities of the template evaluated once (blanks read as 0, implied values solved).
    pub fn identities(&self) -> &identities::Evaluation {
        self.eval
            .get_or_init(|| identities::evaluate(self.report, self.template))
    }

    /// The identities, if a rule has evaluated them.
    pub fn evaluated(&self) -> Option<&identities::Evaluation> {
        self.eval.get()
    }

    /// The report's listed cells (computed once).
    pub fn listed_cells(&self) -> &[crate::template::CellIx] {
        self.listed.get_or_init(|| self.report.listed_cells())
    }

    /// Whether the report is for year 2019 (structural deviations are warnings then).
    pub fn lenient_2019(&self) -> bool {
        self.report.metadata.report_year == Some(2019)
    }
}

/// Runs every rule of the registry that applies to the report's template.
pub fn check(report: &Report) -> Vec<Finding> {
    check_with(report, None, &Options::default())
}

/// Runs the rules with last year's report (cross-year rules) and the caller's options.
pub fn check_with(report: &Report, previous: Option<&Report>, options: &Options) -> Vec<Finding> {
    let mut ctx = Ctx::new(report);
    ctx.previous = previous;
    check_in(&ctx, options)
}

/// Runs the rules in a context the caller keeps (to reuse what the rules evaluated).
pub fn check_in(ctx: &Ctx<'_>, options: &Options) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in registry::RULES {
        if rule.info().templates.contains(&ctx.template) && options.runs(rule.info().code) {
            rule.check(ctx, &mut out);
        }
    }
    out
}

/// How strict a check is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub enum Profile {
    /// The catalogue's severities.
    #[default]
    Default,
    /// For evaluators: every warning (other than parsing notes) is an error.
    Strict,
    /// For drafts: structure errors are warnings, and blank or placeholder cells are not reported.
    Lenient,
}

/// Per-request rule options: a profile, then severity overrides, then select / ignore by code
/// or code prefix (`ARI`, `VAL004`).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub profile: Profile,
    /// Only these codes or prefixes (empty: all).
    pub select: Vec<String>,
    /// Never these codes or prefixes.
    pub ignore: Vec<String>,
    /// Severity per code.
    pub severity: Vec<(String, Severity)>,
}

impl Options {
    /// Whether findings of `code` are kept.
    pub fn runs(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| code.starts_with(p.as_str())))
            && !self.ignore.iter().any(|p| code.starts_with(p.as_str()))
    }

    /// Unknown codes or prefixes in the options (for a clear error).
    pub fn unknown_codes(&self) -> Vec<String> {
        let all = registry::catalogue();
        self.select
            .iter()
            .chain(&self.ignore)
            .chain(self.severity.iter().map(|(c, _)| c))
            .filter(|p| !all.iter().any(|r| r.code.starts_with(p.as_str())) || p.is_empty())
            .cloned()
            .collect()
    }

    /// Applies the profile, the overrides and the filters to findings (parser findings included).
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| self.runs(f.code))
            .filter(|f| {
                !(self.profile == Profile::Lenient && matches!(f.code, "VAL002" | "VAL003"))
            })
            .map(|mut f| {
                let kind = info(f.code).map(|i| i.kind);
                match self.profile {
                    Profile::Default => {}
                    Profile::Strict => {
                        if f.severity == Severity::Warning && kind != Some(Kind::Parsing) {
                            f.severity = Severity::Error;
                        }
                    }
                    Profile::Lenient => {
                        if f.severity == Severity::Error && kind == Some(Kind::Structure) {
                            f.severity = Severity::Warning;
                        }
                    }
                }
                if let Some((_, s)) = self.severity.iter().find(|(c, _)| c == f.code)
                    && !f.not_assessable
                {
                    f.severity = *s;
                }
                f
            })
            .collect()
    }
}

/// The catalogue entry of a code.
pub fn info(code: &str) -> Option<&'static RuleInfo> {
    let all = registry::catalogue();
    all.binary_search_by(|r| r.code.cmp(code))
        .ok()
        .map(|i| all[i])
}

/// The report's listed cells (its template's, plus any other present ones) matching `pred`,
/// grouped by table in table order (one pass; each table's cells in listed order).
pub(crate) fn cells_where(
    ctx: &Ctx<'_>,
    pred: impl Fn(&crate::model::Value) -> bool,
) -> Vec<(crate::template::Table, Vec<crate::template::CellIx>)> {
    use crate::template::Table;
    let cat = crate::template::Catalog::get();
    let mut by_table: [Vec<crate::template::CellIx>; Table::ALL.len()] = Default::default();
    for &ix in ctx.listed_cells() {
        if pred(ctx.report.value(ix)) {
            let t = cat.def(ix).table;
            let k = Table::ALL
                .iter()
                .position(|x| *x == t)
                .expect("every table is listed");
            by_table[k].push(ix);
        }
    }
    Table::ALL
        .into_iter()
        .zip(by_table)
        .filter(|(_, cells)| !cells.is_empty())
        .collect()
}

/// Ids of cells, for messages.
pub(crate) fn ids(cells: &[crate::template::CellIx]) -> String {
    let cat = crate::template::Catalog::get();
    let names: Vec<&str> = cells.iter().map(|c| cat.def(*c).id.as_str()).collect();
    crate::render::list(&names)
}

/// One finding per table listing the cells that match `pred` (blank, placeholder, missing ...).
/// `what` is (zh, en) describing the cells; `then` is (zh, en) saying what follows.
pub(crate) fn per_table(
    ctx: &Ctx<'_>,
    info: &'static RuleInfo,
    pred: impl Fn(&crate::model::Value) -> bool,
    what: (&str, &str),
    then: (&str, &str),
    out: &mut Vec<Finding>,
) {
    for (table, cells) in cells_where(ctx, pred) {
        let loc = cells.iter().find_map(|c| ctx.report.cell(*c).source);
        out.push(
            Finding::new(
                info,
                format!(
                    "{}有 {} 个单元格{}（{}）；{}",
                    table.name_zh(),
                    cells.len(),
                    what.0,
                    ids(&cells),
                    then.0
                ),
                format!(
                    "{}: {} cells are {} ({}); {}",
                    table.name_en(),
                    cells.len(),
                    what.1,
                    ids(&cells),
                    then.1
                ),
            )
            .cells(cells)
            .at(loc),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Value};
    use crate::template::{Catalog, Table};

    /// The straightforward definition: one pass over the listed cells per table.
    fn cells_where_reference(
        ctx: &Ctx<'_>,
        pred: impl Fn(&Value) -> bool,
    ) -> Vec<(Table, Vec<crate::template::CellIx>)> {
        let cat = Catalog::get();
        let mut out = Vec::new();
        for t in Table::ALL {
            let cells: Vec<_> = ctx
                .listed_cells()
                .iter()
                .copied()
                .filter(|ix| cat.def(*ix).table == t && pred(ctx.report.value(*ix)))
                .collect();
            if !cells.is_empty() {
                out.push((t, cells));
            }
        }
        out
    }

    #[test]
    fn cells_where_matches_the_per_table_passes() {
        let cat = Catalog::get();
        let mut seed = 7u64;
        for round in 0..200 {
            let mut r = Report::new();
            r.metadata.report_year = Some(if round % 2 == 0 { 2020 } else { 2022 });
            for ix in cat.all() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let v = match (seed >> 33) % (3 + round % 5) {
                    0 => Value::Blank,
                    1 => Value::Placeholder("/".into()),
                    2 => Value::Number(1.into()),
                    _ => Value::Missing,
                };
                r.set(ix, Cell::of(v));
            }
            let ctx = Ctx::new(&r);
            for pred in [
                (|v: &Value| matches!(v, Value::Blank)) as fn(&Value) -> bool,
                |v| matches!(v, Value::Placeholder(_)),
                |v| matches!(v, Value::Missing),
                |v| matches!(v, Value::Number(_)),
            ] {
                assert_eq!(cells_where(&ctx, pred), cells_where_reference(&ctx, pred));
            }
        }
    }
}
