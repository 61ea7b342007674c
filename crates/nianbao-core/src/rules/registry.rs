//! The one registry of rule codes. Codes are grouped by kind (STR structure, VAL cell values,
//! ARI arithmetic, XYR cross-year, NAR narrative, PRS parsing) and are never reused: a retired rule keeps its code here.

use super::*;

/// Rules run on every report, in this order.
pub static RULES: &[&dyn Rule] = &[
    &str001_missing_heading::Str001,
    &str002_wrong_heading::Str002,
    &str003_missing_table::Str003,
    &str004_wrong_template::Str004,
    &str005_mixed_layout::Str005,
    &str006_year_unknown::Str006,
    &str007_misnumbered::Str007,
    &str008_period::Str008,
    &str009_other_year::Str009,
    &str010_deadline::Str010,
    &str011_assessment::Str011,
    &str012_section_order::Str012,
    &val001_negative::Val001,
    &val002_blank::Val002,
    &val003_placeholder::Val003,
    &val004_blank_breaks_identity::Val004,
    &val005_missing_cells::Val005,
    &val006_not_integer::Val006,
    &val007_items_stock::Val007,
    &val008_rules_power::Val008,
    &val009_money_unit::Val009,
    &val010_fee_unit::Val010,
    &ari001_balance::Ari001,
    &ari002_results_total::Ari002,
    &ari003_row_total::Ari003,
    &ari004_table4_total::Ari004,
    &ari005_results_exceed_total::Ari005,
    &ari006_misclassified::Ari006,
    &ari007_issued_vs_in_force::Ari007,
    &ari008_published_vs_total::Ari008,
    &ari009_localize::Ari009,
    &ari010_subtotals::Ari010,
    &prs003_ambiguous::Prs003,
    &nar001_requests_text::Nar001,
    &nar002_review_text::Nar002,
    &nar003_fee_reported::Nar003,
    &nar004_fee_notices::Nar004,
    &xyr001_carry_over::Xyr001,
    &xyr002_in_force_chain::Xyr002,
    &xyr003_items_chain::Xyr003,
    &xyr004_pending_cases::Xyr004,
    &xyr005_same_as_last_year::Xyr005,
];

/// Codes the readers emit while parsing (defined in [`crate::codes`]; their logic lives in the
/// readers and the mapper).
pub static PARSE_STAGE: &[&RuleInfo] = &[
    &PRS001, &PRS002, &PRS004, &PRS005, &PRS006, &PRS007, &PRS008, &PRS009, &PRS010,
];

/// The whole catalogue, sorted by code (built once).
pub fn catalogue() -> &'static [&'static RuleInfo] {
    static ALL: std::sync::OnceLock<Vec<&'static RuleInfo>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static RuleInfo> = RULES
            .iter()
            .map(|r| r.info())
            .chain(PARSE_STAGE.iter().copied())
            .collect();
        all.sort_by_key(|r| r.code);
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_prefixed_by_kind() {
        let all = catalogue();
        let mut codes: Vec<&str> = all.iter().map(|r| r.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "duplicate rule code");
        for r in all {
            let prefix = match r.kind {
                Kind::Structure => "STR",
                Kind::CellValues => "VAL",
                Kind::Arithmetic => "ARI",
                Kind::Parsing => "PRS",
                Kind::CrossYear => "XYR",
                Kind::Narrative => "NAR",
            };
            assert!(r.code.starts_with(prefix), "{} is not {prefix}", r.code);
            assert_eq!(r.code.len(), 6);
            assert!(!r.doc.trim().is_empty() && !r.title_zh.is_empty() && !r.title_en.is_empty());
        }
    }
}
