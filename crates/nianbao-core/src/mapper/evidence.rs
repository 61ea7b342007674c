//! Evidence outside the tables that a careful reader uses to settle a cell the table leaves open:
//! the figures the narrative states (`制发行政规范性文件62件`, `新收政府信息公开申请218件`), and
//! last year's report (`现行有效件数` = last year's + 制发 − 废止; 上一年项目数量 = last year's +
//! 增/减; 上年结转 = last year's 结转下年度).
//!
//! Evidence never overrides a number the table prints unambiguously: it only chooses among the
//! readings of a row (or the candidates of a cell) the reader could not tell apart, and only when
//! exactly one of them agrees with it ([`super::settle`]).

use rust_decimal::Decimal;

use crate::model::{Loc, Report};
use crate::template::{Catalog, CellIx, TemplateVersion, items_t2};

/// One figure the narrative states for a cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stated {
    pub cell: CellIx,
    pub value: Decimal,
    /// The clause that states it, as printed.
    pub quote: String,
    pub loc: Option<Loc>,
}

/// What a clause must say for a figure in it to be a cell's: the row (one of its labels), the
/// column (one of its verbs), the units the figure may carry.
struct Pattern {
    cell: &'static str,
    labels: &'static [&'static str],
    verbs: &'static [&'static str],
}

/// The narrative's phrasings of the cells it commonly states. Labels are the template's (with
/// the short forms writers use); verbs are the column's.
const PATTERNS: &[Pattern] = &[
    Pattern {
        cell: "T2.A20_1.NORM.ISSUED",
        labels: &["规范性文件"],
        verbs: &["制发", "印发", "出台", "制定", "新制定"],
    },
    Pattern {
        cell: "T2.A20_1.NORM.REPEALED",
        labels: &["规范性文件"],
        verbs: &["废止"],
    },
    Pattern {
        cell: "T2.A20_1.NORM.INFORCE",
        labels: &["规范性文件"],
        verbs: &["现行有效"],
    },
    Pattern {
        cell: "T2.A20_1.REG.ISSUED",
        labels: &["规章"],
        verbs: &["制发", "印发", "出台", "制定", "新制定"],
    },
    Pattern {
        cell: "T2.A20_1.REG.REPEALED",
        labels: &["规章"],
        verbs: &["废止"],
    },
    Pattern {
        cell: "T2.A20_1.REG.INFORCE",
        labels: &["规章"],
        verbs: &["现行有效"],
    },
    Pattern {
        cell: "T2.A20_1.NORM.NEW",
        labels: &["规范性文件"],
        verbs: &["制发", "印发", "出台", "制定", "新制作", "制作"],
    },
    Pattern {
        cell: "T2.A20_1.REG.NEW",
        labels: &["规章"],
        verbs: &["制发", "印发", "出台", "制定", "新制作", "制作"],
    },
    Pattern {
        cell: "T3.R1.TOT",
        labels: &["政府信息公开申请", "依申请公开"],
        verbs: &["新收", "收到", "受理"],
    },
];

/// Units a stated count carries.
const UNITS: &[char] = &['件', '部', '个', '份', '宗', '条'];

/// Clauses end at these.
fn clause_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '，' | ',' | '：' | ':' | '！' | '？')
}

/// The figures the narrative states, from the lines no table used, for the cells of `template`.
pub(crate) fn narrative<'a>(
    lines: impl Iterator<Item = (&'a str, Option<Loc>)>,
    template: TemplateVersion,
) -> Vec<Stated> {
    let cat = Catalog::get();
    let pats: Vec<(CellIx, &Pattern)> = PATTERNS
        .iter()
        .filter_map(|p| {
            let ix = cat.lookup(p.cell)?;
            // Only the cells of the report's template (表二's differ).
            let row = p.cell.rsplit_once('.').map(|(r, _)| r)?;
            let in_template = !p.cell.starts_with("T2.")
                || items_t2(template).iter().any(|it| {
                    it.rows
                        .iter()
                        .any(|(r, _)| row == format!("T2.{}.{}", it.id, r))
                        && it
                            .cols
                            .iter()
                            .any(|c| p.cell.ends_with(&format!(".{}", c.id)))
                });
            in_template.then_some((ix, p))
        })
        .collect();
    let mut out = Vec::new();
    for (text, loc) in lines {
        if !text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // The label a sentence is about carries over its clauses (`制发规范性文件62件，废止3件`).
        let mut carried: Option<&'static str> = None;
        for clause in text.split(clause_end) {
            if clause.contains('。') || clause.is_empty() {
                carried = None;
            }
            let Some(value) = stated_count(clause) else {
                carried = label_in(clause, &pats).or(carried);
                continue;
            };
            let label = label_in(clause, &pats).or(carried);
            carried = label;
            let Some(label) = label else { continue };
            // Exactly one column's verbs in the clause.
            let hits: Vec<CellIx> = pats
                .iter()
                .filter(|(_, p)| p.labels.contains(&label))
                .filter(|(_, p)| p.verbs.iter().any(|v| clause.contains(v)))
                .map(|(ix, _)| *ix)
                .collect();
            if let [cell] = hits.as_slice() {
                out.push(Stated {
                    cell: *cell,
                    value,
                    quote: clause.trim().to_string(),
                    loc,
                });
            }
        }
    }
    out
}

/// The label of `pats` a clause names (規章 not when it is 规章制度).
fn label_in(clause: &str, pats: &[(CellIx, &Pattern)]) -> Option<&'static str> {
    pats.iter()
        .flat_map(|(_, p)| p.labels.iter().copied())
        .find(|l| {
            clause.match_indices(l).any(|(i, _)| {
                let after = &clause[i + l.len()..];
                !after.starts_with("制度")
            })
        })
}

/// The one count a clause states (`62件`, `共 218 件`); None when it states none or several.
fn stated_count(clause: &str) -> Option<Decimal> {
    let chars: Vec<char> = clause.chars().collect();
    let mut found = None;
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
        let digits: String = chars[start..k].iter().collect();
        let mut j = k;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        // A year (`2024年`), a date or a share is not a count.
        let counted = j < chars.len() && UNITS.contains(&chars[j]);
        let prev = start.checked_sub(1).map(|p| chars[p]);
        if counted && prev != Some('.') && digits.len() <= 9 {
            if found.is_some() {
                return None;
            }
            found = digits.parse::<Decimal>().ok();
        }
    }
    found
}

/// What last year's report fixes: a row's reading must satisfy `holds` over `cells` (this
/// year's values), from last year's `from` cell.
pub(crate) struct Chain {
    pub cells: Vec<CellIx>,
    /// Last year's cell the chain starts from.
    pub from: CellIx,
    pub before: Decimal,
    kind: ChainKind,
}

enum ChainKind {
    /// 现行有效 = last year's 现行有效 + 制发 − 废止 (cells: issued, repealed, in force).
    InForce,
    /// This year's cell = last year's value (cells: the one cell). 上一年项目数量 = last
    /// year's 上一年项目数量 + 增/减 is given as `before` already summed.
    Equal,
}

impl Chain {
    /// Whether this year's values (in the order of `cells`) follow from last year's.
    pub fn holds(&self, v: &[Option<Decimal>]) -> bool {
        match self.kind {
            ChainKind::InForce => {
                matches!(v, [Some(i), Some(r), Some(now)] if *now == self.before + i - r)
            }
            ChainKind::Equal => matches!(v, [Some(now)] if *now == self.before),
        }
    }
}

/// The chains last year's report gives for this year's template.
pub(crate) fn last_year(prev: &Report, template: TemplateVersion) -> Vec<Chain> {
    let cat = Catalog::get();
    let mut out = Vec::new();
    let id = |s: &str| cat.lookup(s);
    match template {
        TemplateVersion::F2021 => {
            for row in ["REG", "NORM"] {
                let c = |col: &str| id(&format!("T2.A20_1.{row}.{col}"));
                if let (Some(i), Some(r), Some(f)) = (c("ISSUED"), c("REPEALED"), c("INFORCE"))
                    && let Some(before) = prev.value(f).number()
                {
                    out.push(Chain {
                        cells: vec![i, r, f],
                        from: f,
                        before,
                        kind: ChainKind::InForce,
                    });
                }
            }
        }
        TemplateVersion::F2019 => {
            for it in items_t2(template) {
                for (row, _) in it.rows {
                    let c = |col: &str| id(&format!("T2.{}.{row}.{col}", it.id));
                    if let (Some(p), Some(d)) = (c("PREV"), c("DELTA"))
                        && let (Some(before), Some(delta)) =
                            (prev.value(p).number(), prev.value(d).number())
                    {
                        out.push(Chain {
                            cells: vec![p],
                            from: p,
                            before: before + delta,
                            kind: ChainKind::Equal,
                        });
                    }
                }
            }
        }
    }
    // 上年结转 = last year's 结转下年度继续办理, column by column.
    for col in ["NP", "BIZ", "RES", "NGO", "LAW", "OTH", "TOT"] {
        if let (Some(now), Some(then)) = (id(&format!("T3.R2.{col}")), id(&format!("T3.R4.{col}")))
            && let Some(before) = prev.value(then).number()
        {
            out.push(Chain {
                cells: vec![now],
                from: then,
                before,
                kind: ChainKind::Equal,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<(String, String)> {
        let cat = Catalog::get();
        narrative([(text, None)].into_iter(), TemplateVersion::F2021)
            .into_iter()
            .map(|s| (cat.def(s.cell).id.clone(), s.value.to_string()))
            .collect()
    }

    #[test]
    fn a_clause_with_the_row_and_the_column_states_the_cell() {
        assert_eq!(
            said("动态更新发布本年度制发行政规范性文件62件，并同步做好全真版上传等工作。"),
            [("T2.A20_1.NORM.ISSUED".to_string(), "62".to_string())]
        );
        // The label carries over the sentence's clauses.
        assert_eq!(
            said("全年制发规范性文件12件，废止3件，现行有效规范性文件共 40 件。").len(),
            3
        );
        assert_eq!(
            said("全年受理政府信息公开申请218件。"),
            [("T3.R1.TOT".to_string(), "218".to_string())]
        );
    }

    #[test]
    fn what_is_not_a_statement_of_a_cell() {
        // A year, a clause with two counts, 规章制度, no verb, two columns' verbs.
        assert!(said("2024年制发行政规范性文件情况良好。").is_empty());
        assert!(said("制发行政规范性文件62件、废止3件。").is_empty());
        assert!(said("制定规章制度5件。").is_empty());
        assert!(said("行政规范性文件62件。").is_empty());
        assert!(said("制发并废止行政规范性文件6件。").is_empty());
        // 2019 columns are not 2021 cells.
        let cat = Catalog::get();
        let s = narrative(
            [("制作规范性文件5件。", None)].into_iter(),
            TemplateVersion::F2019,
        );
        assert_eq!(cat.def(s[0].cell).id, "T2.A20_1.NORM.NEW");
    }

    #[test]
    fn last_years_chains() {
        let cat = Catalog::get();
        let mut prev = Report::new();
        let f = cat.lookup("T2.A20_1.NORM.INFORCE").unwrap();
        prev.set(
            f,
            crate::model::Cell::of(crate::model::Value::Number(Decimal::from(470))),
        );
        let chains = last_year(&prev, TemplateVersion::F2021);
        let c = chains.iter().find(|c| c.from == f).unwrap();
        let d = |n: i64| Some(Decimal::from(n));
        assert!(c.holds(&[d(62), d(33), d(499)]));
        assert!(!c.holds(&[d(62), d(33), d(440)]));
        assert!(!c.holds(&[d(62), None, d(532)]));
    }
}
