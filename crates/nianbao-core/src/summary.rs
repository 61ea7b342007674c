//! Roll-ups of many reports: per-report verdicts and key figures, exclusions with reasons, the sum
//! of every cell, and optional groups.
//!
//! Mixing templates: a cell is summed over the reports whose template has it. The cells that mean
//! the same thing in both templates share their id (表三 and 表四 throughout; 表二 第（五）（六）项
//! 处理决定数量, `T2.A20_5.LIC.DEC`, `T2.A20_6.*.DEC`); （六）其他处理 is one row in 2019 and three in
//! 2021, so the roll-up's `T3.R3.6.*` sums the 2019 row and, for 2021 reports, the sum of their
//! three sub-rows (or their single printed row), while `T3.R3.6.1`–`R3.6.3` sum 2021 reports only.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::engine::Outcome;
use crate::finding::{Counts, Verdict};
use crate::indicators::{self, Figure};
use crate::model::{Cell, Metadata, Report, Value};
use crate::template::{Catalog, T3_COLS, TemplateVersion, t3};

/// One input of a roll-up.
pub struct Item {
    /// The validated report, or why it could not be read.
    pub outcome: Result<Outcome, String>,
    /// A caller-supplied group key (region, body type), if any.
    pub group: Option<String>,
}

/// Roll-up options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Leave out reports with error-level findings.
    pub exclude_failed: bool,
    /// The year to roll up (other years are left out); default: the most common year.
    pub year: Option<u32>,
}

/// One report in the roll-up.
#[derive(Debug, Clone)]
pub struct Entry {
    pub index: usize,
    pub metadata: Metadata,
    pub verdict: Option<Verdict>,
    pub counts: Counts,
    pub figures: Vec<Figure>,
    /// Why the report is not in the sums (None: included).
    pub excluded: Option<String>,
    pub group: Option<String>,
}

/// A group's totals.
#[derive(Debug, Clone)]
pub struct Group {
    pub key: String,
    pub included: usize,
    pub total: Vec<Figure>,
}

/// The roll-up.
#[derive(Debug, Clone)]
pub struct Summary {
    pub entries: Vec<Entry>,
    /// Every cell summed over the included reports.
    pub rollup: Report,
    pub total: Vec<Figure>,
    pub included: usize,
    pub year: Option<u32>,
    pub groups: Vec<Group>,
}

/// Rolls the items up.
pub fn summarize(items: Vec<Item>, opts: &Options) -> Summary {
    let mut st = Streaming::new(opts.clone());
    for it in items {
        st.push(it);
    }
    st.finish()
}

/// A roll-up fed one report at a time (the client-streaming RPC): memory holds one small entry per
/// report and one running sum per cell per year seen, never the reports themselves.
pub struct Streaming {
    opts: Options,
    entries: Vec<Entry>,
    seen: BTreeMap<(String, u32), usize>,
    /// Per report year: the running cell sums.
    rollups: BTreeMap<Option<u32>, Rollup>,
}

impl Streaming {
    /// An empty roll-up.
    pub fn new(opts: Options) -> Streaming {
        Streaming {
            opts,
            entries: Vec::new(),
            seen: BTreeMap::new(),
            rollups: BTreeMap::new(),
        }
    }

    /// Adds one report.
    pub fn push(&mut self, it: Item) {
        let index = self.entries.len();
        let o = match it.outcome {
            Ok(o) => o,
            Err(why) => {
                self.entries.push(Entry {
                    index,
                    metadata: Metadata::default(),
                    verdict: None,
                    counts: Counts::default(),
                    figures: Vec::new(),
                    excluded: Some(format!("unreadable: {why} / 无法读取")),
                    group: it.group,
                });
                return;
            }
        };
        let md = o.report.metadata.clone();
        let figures = o.figures.clone();
        let mut excluded = None;
        if self.opts.exclude_failed && o.counts.errors > 0 {
            excluded = Some(format!(
                "{n} error-level findings (exclude_failed) / 有 {n} 条错误级发现（不纳入有错误的报告）",
                n = o.counts.errors
            ));
        } else if let (Some(y), Some(want)) = (md.report_year, self.opts.year)
            && y != want
        {
            excluded = Some(format!(
                "report year {y}, not the roll-up year {want} / 报告年度 {y}，不是汇总年度 {want}"
            ));
        } else if let (Some(body), Some(y)) = (&md.issuing_body, md.report_year) {
            if let Some(first) = self.seen.get(&(body.clone(), y)) {
                excluded = Some(format!(
                    "same issuing body and year as report #{first} (counted once) / 与第 {first} 份报告的发布机关和年度相同（只计一次）"
                ));
            } else {
                self.seen.insert((body.clone(), y), index);
            }
        }
        if excluded.is_none() {
            self.rollups
                .entry(md.report_year)
                .or_insert_with(|| Rollup::new(md.report_year))
                .add(&o.report);
        }
        self.entries.push(Entry {
            index,
            metadata: md,
            verdict: Some(o.verdict),
            counts: o.counts,
            figures,
            excluded,
            group: it.group,
        });
    }

    /// Decides the roll-up year (the caller's, else the most common one) and sums.
    pub fn finish(mut self) -> Summary {
        let year = self.opts.year.or_else(|| {
            let mut by: BTreeMap<u32, usize> = BTreeMap::new();
            for e in self.entries.iter().filter(|e| e.excluded.is_none()) {
                if let Some(y) = e.metadata.report_year {
                    *by.entry(y).or_default() += 1;
                }
            }
            by.into_iter().max_by_key(|(y, n)| (*n, *y)).map(|(y, _)| y)
        });
        for e in &mut self.entries {
            if e.excluded.is_none()
                && let (Some(y), Some(want)) = (e.metadata.report_year, year)
                && y != want
            {
                e.excluded = Some(format!(
                    "report year {y}, not the roll-up year {want} / 报告年度 {y}，不是汇总年度 {want}"
                ));
            }
        }
        let included: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.excluded.is_none())
            .collect();
        let total = indicators::total(included.iter().map(|e| e.figures.as_slice()));
        let mut groups: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
        for e in &included {
            if let Some(g) = &e.group {
                groups.entry(g.clone()).or_default().push(e);
            }
        }
        let groups = groups
            .into_iter()
            .map(|(key, es)| Group {
                key,
                included: es.len(),
                total: indicators::total(es.iter().map(|e| e.figures.as_slice())),
            })
            .collect();
        let n = included.len();
        // Reports without a year count with the roll-up year's.
        let mut rollup = self
            .rollups
            .remove(&year)
            .unwrap_or_else(|| Rollup::new(year));
        if let Some(none) = self.rollups.remove(&None) {
            rollup.merge(none);
        }
        Summary {
            entries: self.entries,
            rollup: rollup.finish(),
            total,
            included: n,
            year,
            groups,
        }
    }
}

/// Running sums of every cell (bounded memory: one number and one flag per cell).
pub struct Rollup {
    sums: Vec<Option<Decimal>>,
    incomplete: Vec<bool>,
    year: Option<u32>,
    templates: [usize; 2],
}

impl Rollup {
    /// An empty roll-up for `year`.
    pub fn new(year: Option<u32>) -> Rollup {
        let n = Catalog::get().len();
        Rollup {
            sums: vec![None; n],
            incomplete: vec![false; n],
            year,
            templates: [0, 0],
        }
    }

    /// Adds a report's cells.
    pub fn add(&mut self, report: &Report) {
        let cat = Catalog::get();
        let v = report.effective_template();
        self.templates[(v == TemplateVersion::F2021) as usize] += 1;
        // A 2021 report printing a single （六） row counts it for （六）; otherwise the sum of its
        // three sub-rows counts (below).
        let single_six = crate::template::prints_single_six(report);
        for ix in cat.all() {
            let k = ix.0 as usize;
            let printed_six = single_six && cat.def(ix).row == "R3.6";
            if !(cat.def(ix).in_template(v) || printed_six) {
                continue;
            }
            match report.value(ix) {
                Value::Number(n) => *self.sums[k].get_or_insert(Decimal::ZERO) += *n,
                Value::Blank | Value::Placeholder(_) => {
                    self.sums[k].get_or_insert(Decimal::ZERO);
                }
                Value::Missing | Value::Ambiguous(_) => self.incomplete[k] = true,
            }
        }
        // （六） across templates: a 2021 report's three sub-rows count into R3.6 too.
        if v == TemplateVersion::F2021 && !single_six {
            for c in &T3_COLS {
                let parts: Option<Decimal> = crate::template::T3_SIX_SUB_ROWS
                    .iter()
                    .map(|r| report.value(t3(r, c.id)).number())
                    .sum();
                let k = t3("R3.6", c.id).0 as usize;
                match parts {
                    Some(p) => *self.sums[k].get_or_insert(Decimal::ZERO) += p,
                    None => self.incomplete[k] = true,
                }
            }
        }
    }

    /// Adds another roll-up's sums.
    pub fn merge(&mut self, other: Rollup) {
        for (k, v) in other.sums.into_iter().enumerate() {
            if let Some(v) = v {
                *self.sums[k].get_or_insert(Decimal::ZERO) += v;
            }
        }
        for (k, inc) in other.incomplete.into_iter().enumerate() {
            self.incomplete[k] |= inc;
        }
        self.templates[0] += other.templates[0];
        self.templates[1] += other.templates[1];
    }

    /// The roll-up as a report.
    pub fn finish(self) -> Report {
        let mut r = Report::new();
        r.metadata.report_year = self.year;
        r.metadata.issuing_body = Some("汇总".into());
        r.metadata.template = Some(if self.templates[1] >= self.templates[0] {
            TemplateVersion::F2021
        } else {
            TemplateVersion::F2019
        });
        for ix in Catalog::get().all() {
            if let Some(s) = self.sums[ix.0 as usize] {
                let incomplete = self.incomplete[ix.0 as usize];
                r.set(
                    ix,
                    Cell {
                        value: Value::Number(s),
                        raw: if incomplete {
                            "incomplete".into()
                        } else {
                            compact_str::CompactString::default()
                        },
                        source: None,
                        unit: None,
                    },
                );
            }
        }
        r
    }
}
