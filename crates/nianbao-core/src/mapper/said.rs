//! What the mapper says: every message of its findings, in Chinese and English, built in one
//! place ([`Said::text`]) from typed data.
//!
//! A detection site names what it found as a [`Said`] (the table, the row, the line numbers, the
//! counts, the text as printed …) and turns it into a finding with [`Said::finding`]; the rule
//! code, the severity, the cells and the location stay at the site. A new kind of finding is a new
//! variant here, with its two messages next to the others (and a test below when its wording has
//! a turn of its own).

use std::fmt::Display;

use rust_decimal::Decimal;

use super::settle::Why;
use crate::codes::RuleInfo;
use crate::finding::Finding;
use crate::template::{Catalog, CellIx, T4_WIDTH, Table};

/// A row of a table as a message names it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TableRow<'a> {
    /// A row of a 第二十条 item of 表二: the item's caption and id, the row's id and template label.
    T2 {
        caption: &'a str,
        item: &'a str,
        row: &'a str,
        label: &'a str,
    },
    /// A row of 表三: its id and template label.
    T3 { row: &'a str, label: &'a str },
    /// 表四's one data row.
    T4,
}

impl TableRow<'_> {
    /// `表二第二十条第（一）项“新制发件数”行`, `表三“…”行`, `表四数据行`.
    fn zh(&self) -> String {
        match self {
            TableRow::T2 { caption, label, .. } => format!("表二{caption}“{label}”行"),
            TableRow::T3 { label, .. } => format!("表三“{label}”行"),
            TableRow::T4 => "表四数据行".to_string(),
        }
    }

    /// `table 2 A20_1 row NEW`, `table 3 row R1`, `the table 4 data row`.
    fn en(&self) -> String {
        match self {
            TableRow::T2 { item, row, .. } => format!("table 2 {item} row {row}"),
            TableRow::T3 { row, .. } => format!("table 3 row {row}"),
            TableRow::T4 => "the table 4 data row".to_string(),
        }
    }
}

/// A table's name: `表二`, `table 2`.
fn table_name(t: Table) -> (&'static str, &'static str) {
    match t {
        Table::T2 => ("表二", "table 2"),
        Table::T3 => ("表三", "table 3"),
        Table::T4 => ("表四", "table 4"),
    }
}

/// What the mapper says, one variant a kind of finding.
pub(crate) enum Said<'a> {
    // --- A row read some way (`row`: the row's name, formatted only here) ---
    /// Digits run together, more splits than can be tried.
    TooManySplits { row: &'a dyn Display, raw: &'a str },
    /// Digits run together, no split satisfies the row's identity (several possible).
    NoSplitHolds { row: &'a dyn Display, raw: &'a str },
    /// One split, which the identity confirms (`satisfied`) or which is the only possible one.
    OneSplit {
        row: &'a dyn Display,
        raw: &'a str,
        split: String,
        satisfied: bool,
    },
    /// Several splits left.
    Splits {
        row: &'a dyn Display,
        raw: &'a str,
        splits: Vec<String>,
    },
    /// Blank cells dropped (`n` values for `m` cells): one placement, confirmed by the identity
    /// (`verified`) or not contradicted.
    OnePlacement {
        row: &'a dyn Display,
        n: usize,
        m: usize,
        placement: String,
        verified: bool,
    },
    /// Blank cells dropped: several placements.
    Placements {
        row: &'a dyn Display,
        n: usize,
        m: usize,
        placements: Vec<String>,
    },
    /// A whole number (`text`) that may also be digits run together.
    AlsoSplits {
        row: &'a dyn Display,
        text: &'a str,
        splits: Vec<String>,
    },
    /// Values that may continue on lines after a gap.
    AlsoWrapped {
        row: &'a dyn Display,
        lines: Vec<u32>,
        values: String,
    },
    /// The row printed twice, with other values (`differs`) or the same.
    Twice { row: &'a dyn Display, differs: bool },

    // --- Rows of the tables ---
    /// Line `line` of `table` (`text` as printed) matches no row of the template.
    Unmatched {
        table: Table,
        line: u32,
        text: &'a str,
    },
    /// A row label printed otherwise than the template's (`broken` across lines), read as that
    /// row (表二 names no row id: its ids repeat across items).
    LabelDiffers {
        table: Table,
        printed: &'a str,
        canon: &'a str,
        row: &'a str,
        broken: bool,
    },
    /// Line `line` of `table` has values but no label: placed by position as row `row`.
    ByPosition {
        table: Table,
        line: u32,
        canon: &'a str,
        row: &'a str,
    },
    /// 表四 printed without its header: its values read in the template's order, which the
    /// groups' identities confirm.
    T4Headerless,
    /// A row's values continue on lines `lines`, read together.
    Continues { row: TableRow<'a>, lines: Vec<u32> },
    /// A row with `n` values where `m` are expected, which no reading fits: not read.
    NotRead {
        row: TableRow<'a>,
        n: usize,
        m: usize,
    },

    // --- The document ---
    /// A damaged file read as far as it could be (what the damage was, in both languages).
    Damaged { zh: &'a str, en: &'a str },

    // --- The table-wide narrowing ([`super::settle`]) ---
    /// Of a row's `all` readings, those shown in `kept` agree with the evidence `why`.
    Narrowed {
        row: &'a str,
        all: usize,
        kept: Vec<String>,
        why: &'a [Why],
    },
    /// Of a cell's candidates, only `value` agrees with the evidence `why`.
    CellNarrowed {
        cell: CellIx,
        value: Decimal,
        why: &'a Why,
    },
}

/// The first `max` of a list, joined by `sep`, `more` after them when there are more.
fn list(v: &[String], max: usize, sep: &str, more: &str) -> String {
    let shown: Vec<&str> = v.iter().take(max).map(String::as_str).collect();
    let more = if v.len() > max { more } else { "" };
    format!("{}{more}", shown.join(sep))
}

/// Line numbers, joined by `sep`.
fn lines_list(lines: &[u32], sep: &str) -> String {
    lines
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

/// What the evidence of a narrowing was, in both languages.
fn because(why: &Why) -> (String, String) {
    match why {
        Why::Identities => (
            "表中其他勾稽关系".to_string(),
            "the table's other identities".to_string(),
        ),
        Why::Broken(codes) => (
            format!(
                "表中其他勾稽关系（{} 在任何读法下都不成立，是报告本身的错误）",
                codes.join("、")
            ),
            format!(
                "the table's other identities ({} fails under every reading: an error of the report itself)",
                codes.join(", ")
            ),
        ),
        Why::Stated(s) => (
            format!("正文所述“{}”", s.quote),
            format!("the narrative, which says “{}”", s.quote),
        ),
        Why::LastYear { from, before } => {
            let id = &Catalog::get().def(*from).id;
            (
                format!("上年报告（{id} 为 {before}）"),
                format!("last year's report ({id} = {before})"),
            )
        }
    }
}

impl Said<'_> {
    /// The message in Chinese and English.
    pub fn text(&self) -> (String, String) {
        match self {
            Said::TooManySplits { row, raw } => (
                format!("“{row}”行的数字连在一起（{raw}），可拆分方式过多，单元格未读取"),
                format!(
                    "row {row}: run-together digits ({raw}) split too many ways; cells not read"
                ),
            ),
            Said::NoSplitHolds { row, raw } => (
                format!(
                    "“{row}”行的数字连在一起（{raw}），没有一种拆分满足勾稽关系；单元格标为无法确定"
                ),
                format!(
                    "row {row}: run-together digits ({raw}); no split satisfies the row identity; cells left ambiguous"
                ),
            ),
            Said::OneSplit {
                row,
                raw,
                split,
                satisfied: true,
            } => (
                format!("“{row}”行的数字连在一起（{raw}），唯一满足勾稽关系的拆分为 {split}"),
                format!(
                    "row {row}: run-together digits ({raw}) split as {split}, the only split that satisfies the row identity"
                ),
            ),
            Said::OneSplit {
                row,
                raw,
                split,
                satisfied: false,
            } => (
                format!("“{row}”行的数字连在一起（{raw}），只有一种拆分 {split}，但不满足勾稽关系"),
                format!(
                    "row {row}: run-together digits ({raw}) split as {split}, the only possible split, which does not satisfy the row identity"
                ),
            ),
            Said::Splits { row, raw, splits } => (
                format!(
                    "“{row}”行的数字连在一起（{raw}），有 {} 种拆分：{}；不一致的单元格标为无法确定",
                    splits.len(),
                    list(splits, 12, "，", "…")
                ),
                format!(
                    "row {row}: run-together digits ({raw}) split {} ways: {}; the cells they disagree on are ambiguous",
                    splits.len(),
                    list(splits, 12, ", ", " …")
                ),
            ),
            Said::OnePlacement {
                row,
                n,
                m,
                placement,
                verified: true,
            } => (
                format!(
                    "“{row}”行有 {n} 个数值，应为 {m} 个（空白单元格在提取时被略去）；唯一满足勾稽关系的排列为 {placement}"
                ),
                format!(
                    "row {row} has {n} values where {m} are expected (blank cells dropped by the extraction); read as {placement}, the only placement that satisfies the row identity"
                ),
            ),
            Said::OnePlacement {
                row,
                n,
                m,
                placement,
                verified: false,
            } => (
                format!(
                    "“{row}”行有 {n} 个数值，应为 {m} 个（空白单元格在提取时被略去）；只有排列 {placement} 与勾稽关系不矛盾，但无法核对"
                ),
                format!(
                    "row {row} has {n} values where {m} are expected (blank cells dropped by the extraction); read as {placement}, the only placement the row identity does not contradict, which it cannot confirm"
                ),
            ),
            Said::Placements {
                row,
                n,
                m,
                placements,
            } => (
                format!(
                    "“{row}”行有 {n} 个数值，应为 {m} 个：空白单元格可能在提取时被略去，位置无法确定；{} 种排列与勾稽关系相容：{}；不一致的单元格标为无法确定",
                    placements.len(),
                    list(placements, 8, "，", "…")
                ),
                format!(
                    "row {row} has {n} values where {m} are expected: blank cells may have been dropped by the extraction, and where is not printed; {} placements fit the row identity: {}; the cells they disagree on are ambiguous",
                    placements.len(),
                    list(placements, 8, ", ", "…")
                ),
            ),
            Said::AlsoSplits { row, text, splits } => (
                format!(
                    "“{row}”行的 {text} 也可能是数字连在一起（{}），单元格的候选值包括这些拆分",
                    list(splits, 12, "，", "…")
                ),
                format!(
                    "row {row}: {text} may also be digits run together ({}); the cells' candidates include those splits",
                    list(splits, 12, ", ", " …")
                ),
            ),
            Said::AlsoWrapped { row, lines, values } => (
                format!(
                    "“{row}”行的数值可能接续在空行后的第 {} 行（{values}），也可能是空白单元格被丢弃；单元格的候选值包括这两种读法",
                    lines_list(lines, "、")
                ),
                format!(
                    "row {row}: its values may continue on line {} after a gap ({values}), or blank cells were dropped; the cells' candidates include both readings",
                    lines_list(lines, ", ")
                ),
            ),
            Said::Twice { row, differs: true } => (
                format!("“{row}”行出现两次且数值不同，相关单元格标为无法确定"),
                format!(
                    "row {row} is printed twice with different values; those cells are marked ambiguous"
                ),
            ),
            Said::Twice {
                row,
                differs: false,
            } => (
                format!("“{row}”行出现两次（数值相同）"),
                format!("row {row} is printed twice (same values)"),
            ),
            Said::Unmatched { table, line, text } => {
                let (zh, en) = table_name(*table);
                (
                    format!("{zh}第 {line} 行“{text}”无法对应到模板中的行，其数值未读取"),
                    format!(
                        "{en} line {line} (\"{text}\") matches no template row; its values were not read"
                    ),
                )
            }
            Said::LabelDiffers {
                table,
                printed,
                canon,
                row,
                broken,
            } => {
                let (zh, en) = table_name(*table);
                let (zh_broken, en_broken) = if *broken {
                    ("（标签跨行）", " (broken across lines)")
                } else {
                    ("", "")
                };
                let read_as = match table {
                    Table::T2 => "that row".to_string(),
                    _ => format!("row {row}"),
                };
                (
                    format!(
                        "{zh}行标签“{printed}”{zh_broken}与模板“{canon}”不完全一致，按该行读取"
                    ),
                    format!(
                        "{en} row label \"{printed}\" differs from the template's \"{canon}\"{en_broken}; read as {read_as}"
                    ),
                )
            }
            Said::ByPosition {
                table,
                line,
                canon,
                row,
            } => {
                let (zh, en) = table_name(*table);
                (
                    format!("{zh}第 {line} 行的数值没有行标签，按位置读作“{canon}”"),
                    format!(
                        "{en} line {line} has values but no label; placed by position as row {row}"
                    ),
                )
            }
            Said::T4Headerless => (
                format!(
                    "表四没有表头：“四”标题下的 {T4_WIDTH} 个数值按模板顺序读取（三组的总计均等于其四项结果之和）"
                ),
                format!(
                    "table 4 has no header: the {T4_WIDTH} values under the 四 heading were read in the template's order (each group's 总计 equals its four results)"
                ),
            ),
            Said::Continues { row, lines } => (
                format!(
                    "{}的数值接续在第 {} 行，合并读取",
                    row.zh(),
                    lines_list(lines, "、")
                ),
                format!(
                    "{}: its values continue on line {}; read together",
                    row.en(),
                    lines_list(lines, ", ")
                ),
            ),
            Said::NotRead { row, n, m } => {
                // 表三 says which cells: the row's.
                let (zh_not, en_not) = match row {
                    TableRow::T3 { .. } => ("该行单元格未读取", "its cells were not read"),
                    _ => ("未读取", "not read"),
                };
                (
                    format!("{}有 {n} 个数值，应为 {m} 个；{zh_not}", row.zh()),
                    format!(
                        "{} has {n} values where {m} are expected; {en_not}",
                        row.en()
                    ),
                )
            }
            Said::Damaged { zh, en } => (
                format!("文件已损坏，只读取了能读取的部分：{zh}"),
                format!("the file is damaged and was read only as far as it could be: {en}"),
            ),
            Said::Narrowed {
                row,
                all,
                kept,
                why,
            } => {
                let (zh_by, en_by): (Vec<String>, Vec<String>) = why.iter().map(because).unzip();
                let (zh_by, en_by) = (zh_by.join("、"), en_by.join(" and "));
                match kept.as_slice() {
                    [one] => (
                        format!("“{row}”行的 {all} 种读法中，只有 {one} 符合{zh_by}，按此读取"),
                        format!(
                            "row {row}: of its {all} readings only {one} agrees with {en_by}; read so"
                        ),
                    ),
                    _ => {
                        let n = kept.len();
                        (
                            format!(
                                "“{row}”行的 {all} 种读法中，有 {n} 种符合{zh_by}：{}；其余单元格仍无法确定",
                                list(kept, 8, "，", "…")
                            ),
                            format!(
                                "row {row}: {n} of its {all} readings agree with {en_by}: {}; the cells they disagree on stay ambiguous",
                                list(kept, 8, ", ", "…")
                            ),
                        )
                    }
                }
            }
            Said::CellNarrowed { cell, value, why } => {
                let id = &Catalog::get().def(*cell).id;
                let (zh_by, en_by) = because(why);
                (
                    format!("{id} 的候选值中只有 {value} 符合{zh_by}，按此读取"),
                    format!("{id}: of its candidates only {value} agrees with {en_by}; read so"),
                )
            }
        }
    }

    /// The finding of `code` saying this (severity, cells and location are the caller's).
    pub fn finding(&self, code: &'static RuleInfo) -> Finding {
        let (zh, en) = self.text();
        Finding::new(code, zh, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_readings() {
        let (zh, en) = Said::OneSplit {
            row: &"R1",
            raw: "000",
            split: "0|0|0".into(),
            satisfied: true,
        }
        .text();
        assert_eq!(
            zh,
            "“R1”行的数字连在一起（000），唯一满足勾稽关系的拆分为 0|0|0"
        );
        assert_eq!(
            en,
            "row R1: run-together digits (000) split as 0|0|0, the only split that satisfies the row identity"
        );
        let (zh, en) = Said::Placements {
            row: &"R1",
            n: 1,
            m: 3,
            placements: (0..10).map(|k| k.to_string()).collect(),
        }
        .text();
        assert!(
            zh.contains("10 种排列")
                && zh.ends_with("0，1，2，3，4，5，6，7…；不一致的单元格标为无法确定")
        );
        assert!(en.contains("10 placements fit the row identity: 0, 1, 2, 3, 4, 5, 6, 7…;"));
    }

    #[test]
    fn table_rows() {
        let t2 = TableRow::T2 {
            caption: "第二十条第（一）项",
            item: "A20_1",
            row: "NEW",
            label: "规章",
        };
        let (zh, en) = Said::NotRead {
            row: t2,
            n: 2,
            m: 3,
        }
        .text();
        assert_eq!(
            zh,
            "表二第二十条第（一）项“规章”行有 2 个数值，应为 3 个；未读取"
        );
        assert_eq!(
            en,
            "table 2 A20_1 row NEW has 2 values where 3 are expected; not read"
        );
        let t3 = TableRow::T3 {
            row: "R1",
            label: "一、本年新收政府信息公开申请数量",
        };
        let (zh, en) = Said::NotRead {
            row: t3,
            n: 5,
            m: 7,
        }
        .text();
        assert_eq!(
            zh,
            "表三“一、本年新收政府信息公开申请数量”行有 5 个数值，应为 7 个；该行单元格未读取"
        );
        assert_eq!(
            en,
            "table 3 row R1 has 5 values where 7 are expected; its cells were not read"
        );
        let (zh, en) = Said::Continues {
            row: TableRow::T4,
            lines: vec![12, 13],
        }
        .text();
        assert_eq!(zh, "表四数据行的数值接续在第 12、13 行，合并读取");
        assert_eq!(
            en,
            "the table 4 data row: its values continue on line 12, 13; read together"
        );
    }

    #[test]
    fn labels_differing() {
        let said = |table, broken| {
            Said::LabelDiffers {
                table,
                printed: "本年新收申请",
                canon: "一、本年新收政府信息公开申请数量",
                row: "R1",
                broken,
            }
            .text()
        };
        let (zh, en) = said(Table::T3, true);
        assert_eq!(
            zh,
            "表三行标签“本年新收申请”（标签跨行）与模板“一、本年新收政府信息公开申请数量”不完全一致，按该行读取"
        );
        assert_eq!(
            en,
            "table 3 row label \"本年新收申请\" differs from the template's \"一、本年新收政府信息公开申请数量\" (broken across lines); read as row R1"
        );
        // 表二's row ids repeat across items: the message names none.
        let (_, en) = said(Table::T2, false);
        assert!(en.ends_with("申请数量\"; read as that row"));
    }

    #[test]
    fn narrowing() {
        let why = [Why::Identities];
        let (zh, en) = Said::Narrowed {
            row: "R1",
            all: 3,
            kept: vec!["1|2|3".into()],
            why: &why,
        }
        .text();
        assert_eq!(
            zh,
            "“R1”行的 3 种读法中，只有 1|2|3 符合表中其他勾稽关系，按此读取"
        );
        assert_eq!(
            en,
            "row R1: of its 3 readings only 1|2|3 agrees with the table's other identities; read so"
        );
        let why = [Why::Identities, Why::Broken(vec!["ART001", "ART002"])];
        let (zh, en) = Said::Narrowed {
            row: "R1",
            all: 4,
            kept: vec!["1|2".into(), "2|1".into()],
            why: &why,
        }
        .text();
        assert!(zh.contains(
            "有 2 种符合表中其他勾稽关系、表中其他勾稽关系（ART001、ART002 在任何读法下"
        ));
        assert!(en.contains(
            "2 of its 4 readings agree with the table's other identities and the table's other identities (ART001, ART002 fails"
        ));
        assert!(en.ends_with(": 1|2, 2|1; the cells they disagree on stay ambiguous"));
    }
}
