//! Key figures, defined once: what `Summarize` returns per report and sums over many.

use rust_decimal::Decimal;

use crate::model::{Report, Value};
use crate::template::{CellIx, t3, t4};

/// A key figure's definition.
#[derive(Debug)]
pub struct Indicator {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The cells summed.
    cells: fn() -> Vec<CellIx>,
    /// Sum only the cells present (for rows that differ by template, like （六）).
    present_only: bool,
}

const fn ind(
    id: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    cells: fn() -> Vec<CellIx>,
) -> Indicator {
    Indicator {
        id,
        label_zh,
        label_en,
        cells,
        present_only: false,
    }
}

fn rows(prefix: &'static str) -> Vec<CellIx> {
    crate::template::rows_t3(crate::template::TemplateVersion::F2021)
        .iter()
        .filter(|r| r.data && r.id.starts_with(prefix))
        .map(|r| t3(r.id, "TOT"))
        .collect()
}

/// Shares: (id, zh, en, numerator indicator, denominator indicator), in percent.
pub static SHARES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "disclosed_share",
        "予以公开占比（%）",
        "disclosed, % of handled",
        "disclosed",
        "handled",
    ),
    (
        "partly_disclosed_share",
        "部分公开占比（%）",
        "partly disclosed, % of handled",
        "partly_disclosed",
        "handled",
    ),
    (
        "not_disclosed_share",
        "不予公开占比（%）",
        "not disclosed, % of handled",
        "not_disclosed",
        "handled",
    ),
    (
        "unable_share",
        "无法提供占比（%）",
        "unable to provide, % of handled",
        "unable_to_provide",
        "handled",
    ),
    (
        "not_processed_share",
        "不予处理占比（%）",
        "not processed, % of handled",
        "not_processed",
        "handled",
    ),
    (
        "other_handling_share",
        "其他处理占比（%）",
        "other handling, % of handled",
        "other_handling",
        "handled",
    ),
    (
        "review_corrected_share",
        "行政复议纠正率（%）",
        "reviews corrected, % of reviews",
        "review_corrected",
        "administrative_review",
    ),
    (
        "litigation_corrected_share",
        "行政诉讼纠正率（%）",
        "lawsuits corrected, % of lawsuits",
        "litigation_corrected",
        "litigation",
    ),
];

/// A computed figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// None when a needed cell is missing or ambiguous.
    pub value: Option<Decimal>,
    /// False when any needed cell was not a printed number.
    pub complete: bool,
}

/// The key figures.
pub static INDICATORS: &[Indicator] = &[
    ind(
        "applications_new",
        "本年新收申请",
        "applications received this year",
        || vec![t3("R1", "TOT")],
    ),
    ind(
        "applications_carried_over",
        "上年结转申请",
        "applications carried over from last year",
        || vec![t3("R2", "TOT")],
    ),
    ind(
        "applications_total",
        "申请总数（一+二）",
        "applications to handle (一 + 二)",
        || vec![t3("R1", "TOT"), t3("R2", "TOT")],
    ),
    ind(
        "handled",
        "本年办理（七）总计",
        "handled this year (（七）总计)",
        || vec![t3("R3.7", "TOT")],
    ),
    ind("disclosed", "予以公开", "disclosed", || {
        vec![t3("R3.1", "TOT")]
    }),
    ind(
        "partly_disclosed",
        "部分公开",
        "partly disclosed",
        || vec![t3("R3.2", "TOT")],
    ),
    ind(
        "not_disclosed",
        "不予公开",
        "not disclosed (all reasons)",
        || rows("R3.3."),
    ),
    ind(
        "unable_to_provide",
        "无法提供",
        "unable to provide (all reasons)",
        || rows("R3.4."),
    ),
    ind(
        "not_processed",
        "不予处理",
        "not processed (all reasons)",
        || rows("R3.5."),
    ),
    Indicator {
        id: "other_handling",
        label_zh: "其他处理",
        label_en: "other handling",
        cells: || {
            vec![
                t3("R3.6", "TOT"),
                t3("R3.6.1", "TOT"),
                t3("R3.6.2", "TOT"),
                t3("R3.6.3", "TOT"),
            ]
        },
        present_only: true,
    },
    ind(
        "carried_forward",
        "结转下年度继续办理",
        "carried forward to next year",
        || vec![t3("R4", "TOT")],
    ),
    ind(
        "administrative_review",
        "行政复议总计",
        "administrative reviews",
        || vec![t4("RV", "TOT")],
    ),
    ind(
        "review_corrected",
        "行政复议结果纠正",
        "administrative reviews corrected",
        || vec![t4("RV", "CORR")],
    ),
    ind("litigation", "行政诉讼总计", "lawsuits", || {
        vec![t4("LD", "TOT"), t4("LR", "TOT")]
    }),
    ind(
        "litigation_corrected",
        "行政诉讼结果纠正",
        "lawsuits corrected",
        || vec![t4("LD", "CORR"), t4("LR", "CORR")],
    ),
];

/// The values the identities imply for the report's blank cells.
fn implied(report: &Report) -> Vec<crate::template::identities::Implied> {
    crate::template::identities::evaluate(report, report.effective_template()).implied
}

/// Computes the key figures of one report (then the shares).
pub fn figures(report: &Report) -> Vec<Figure> {
    figures_given(report, None)
}

/// The key figures, with the report's identities when they were already evaluated (the engine's
/// rules evaluate them; evaluating them again costs as much as a rule pass).
pub fn figures_given(
    report: &Report,
    evaluated: Option<&crate::template::identities::Evaluation>,
) -> Vec<Figure> {
    static CELLS: std::sync::OnceLock<Vec<Vec<CellIx>>> = std::sync::OnceLock::new();
    let cells = CELLS.get_or_init(|| INDICATORS.iter().map(|i| (i.cells)()).collect());
    // Evaluated once, and only when a blank cell needs it.
    let lazy: std::cell::OnceCell<Vec<crate::template::identities::Implied>> =
        std::cell::OnceCell::new();
    let implied_of = || match evaluated {
        Some(e) => e.implied.as_slice(),
        None => lazy.get_or_init(|| implied(report)).as_slice(),
    };
    let figs: Vec<Figure> = INDICATORS
        .iter()
        .zip(cells)
        .map(|(ind, cells)| {
            let mut sum = Decimal::ZERO;
            let mut complete = true;
            let mut value = Some(());
            let mut any = false;
            for &c in cells {
                match report.value(c) {
                    Value::Number(n) => {
                        sum += n;
                        any = true;
                    }
                    Value::Blank | Value::Placeholder(_) => {
                        // A blank cell counts with the value the identities imply (上海 2019 leaves
                        // every result row's 总计 blank), else as 0; either way incomplete.
                        if let Some(v) = implied_of().iter().find(|i| i.cell == c).map(|i| i.value)
                        {
                            sum += v;
                        }
                        complete = false;
                        any = true;
                    }
                    Value::Missing if ind.present_only => {}
                    Value::Missing | Value::Ambiguous(_) => {
                        complete = false;
                        value = None;
                    }
                }
            }
            if ind.present_only && !any {
                value = None;
                complete = false;
            }
            Figure {
                id: ind.id,
                label_zh: ind.label_zh,
                label_en: ind.label_en,
                value: value.map(|_| sum),
                complete,
            }
        })
        .collect();
    with_shares(figs)
}

/// Appends the shares (percent, one decimal) computed from the figures.
pub fn with_shares(mut figs: Vec<Figure>) -> Vec<Figure> {
    let get = |figs: &[Figure], id: &str| figs.iter().find(|f| f.id == id).cloned();
    for (id, zh, en, num, den) in SHARES {
        let (Some(n), Some(d)) = (get(&figs, num), get(&figs, den)) else {
            continue;
        };
        let value = match (n.value, d.value) {
            (Some(a), Some(b)) if !b.is_zero() => Some((a * Decimal::from(100) / b).round_dp(1)),
            _ => None,
        };
        figs.push(Figure {
            id,
            label_zh: zh,
            label_en: en,
            value,
            complete: n.complete && d.complete,
        });
    }
    figs
}

/// Sums figures over reports; a figure missing in any report makes the total incomplete.
pub fn total<'a>(per_report: impl IntoIterator<Item = &'a [Figure]>) -> Vec<Figure> {
    with_shares(total_base(per_report))
}

fn total_base<'a>(per_report: impl IntoIterator<Item = &'a [Figure]>) -> Vec<Figure> {
    let mut out: Vec<Figure> = INDICATORS
        .iter()
        .map(|i| Figure {
            id: i.id,
            label_zh: i.label_zh,
            label_en: i.label_en,
            value: Some(Decimal::ZERO),
            complete: true,
        })
        .collect();
    for figs in per_report {
        for (t, f) in out.iter_mut().zip(figs) {
            t.complete &= f.complete;
            match f.value {
                Some(v) => t.value = t.value.map(|s| s + v),
                None => t.complete = false,
            }
        }
    }
    out
}

/// A key figure beside last year's.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub now: Figure,
    /// Last year's value (None without last year's report, or when it has no value).
    pub previous: Option<Decimal>,
    /// This year's minus last year's, when both have a value.
    pub change: Option<Decimal>,
}

/// The key figures `now` with last year's (`previous`: last year's report) and the change.
pub fn with_previous(now: &[Figure], previous: Option<&Report>) -> Vec<Change> {
    let before = previous.map(figures);
    now.iter()
        .map(|f| {
            let p = before
                .as_ref()
                .and_then(|b| b.iter().find(|x| x.id == f.id))
                .and_then(|x| x.value);
            Change {
                now: f.clone(),
                previous: p,
                change: f.value.zip(p).map(|(a, b)| a - b),
            }
        })
        .collect()
}
