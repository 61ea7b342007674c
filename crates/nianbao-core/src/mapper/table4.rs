//! 表四: one data row of 15 values after the 行政复议 / 行政诉讼 header (or fused to its end, or
//! wrapped over lines), or, printed transposed, one row of five values per group.

use super::readings::{Row, Try};
use super::said::{Said, TableRow};
use super::{State, fit, has_values, split_values};
use crate::Decimal;
use crate::input::document::FragKind;
use crate::normalize::norm;
use crate::template::identities::{Local, within};
use crate::template::{
    T4_COLS, T4_GROUP_WIDTH, T4_GROUPS, T4_LITIGATION, T4_WIDTH, TemplateVersion, t4_cells,
};

/// The template's identities on 表四's data row (each group's 总计 equals its four results), by
/// position in the row.
fn groups() -> &'static [Local] {
    static G: std::sync::OnceLock<Vec<Local>> = std::sync::OnceLock::new();
    G.get_or_init(|| within(TemplateVersion::F2021, t4_cells()))
}

/// Whether every group identity holds for a reading of the row.
fn groups_hold(v: &[Decimal]) -> bool {
    groups().iter().all(|g| g.holds(v))
}

/// The same with blank cells (counted as 0): false when a group breaks it, unknown when a group's
/// 总计 is blank and none breaks it.
fn groups_hold_blanks(v: &[Option<Decimal>]) -> Option<bool> {
    let mut known = true;
    for g in groups() {
        match g.holds_blanks(v) {
            Some(false) => return Some(false),
            Some(true) => {}
            None => known = false,
        }
    }
    known.then_some(true)
}

/// Whether a line is labelled with one group's name (a row of 表四 printed transposed).
fn group_row(line: &crate::input::document::Line) -> bool {
    let label = norm(&crate::input::document::join_texts(split_values(line).0));
    T4_GROUPS.iter().any(|(_, g, _)| label.ends_with(g))
}

/// Maps 表四, looking from line `from` on; false when no 表四 header was found (nor a row of
/// values under the 四 heading that can only be the table: [`headerless`]).
pub(super) fn map(st: &mut State<'_>, from: usize) -> bool {
    let doc = st.doc;
    let lines = &doc.lines;
    // The header names 行政复议 as a column (a short cell, or a run of column labels), never in
    // a sentence: narrative such as "…政府信息公开行政复议 351 件。" is not the table.
    let header = |i: usize| {
        let (label, _) = split_values(&lines[i]);
        let text = crate::input::document::join_texts(label);
        let n = norm(&text);
        !st.used[i]
            && st.headings[i].is_none()
            && n.contains(T4_GROUPS[0].1)
            && !n.contains('。')
            && !n.contains('，')
            && (n.chars().count() <= 24 || n.contains(T4_LITIGATION) || label.len() >= 3)
    };
    let cells: Vec<_> = t4_cells().to_vec();
    let Some(start) = (from..lines.len()).find(|i| header(*i)) else {
        return headerless(st, from, &cells);
    };
    // Printed, whether or not its row can be read.
    st.report.tables_printed.push(crate::template::Table::T4);
    for (i, line) in lines.iter().enumerate().skip(start).take(40) {
        if i > start && (st.used[i] || st.headings[i].is_some()) {
            return true;
        }
        let (label, values) = split_values(line);
        // The table ends at narrative text, or at a row labelled with words that are not
        // 表四's (another table after it): a row of numbers past it is not 表四's.
        if i > start && foreign_label(label, has_values(values)) == Some(true) {
            return true;
        }
        st.used[i] = true;
        let blank_row = values.len() >= T4_WIDTH && line.frags.iter().all(|f| f.text.is_empty());
        if !has_values(values) && !blank_row {
            continue;
        }
        // A bare page number between the header and the data row (PDF text): a lone value with
        // the full row still to come is not the row.
        let filled = |l: &crate::input::document::Line| {
            split_values(l)
                .1
                .iter()
                .filter(|f| !f.text.is_empty())
                .count()
        };
        if filled(line) == 1
            && split_values(line).0.iter().all(|f| f.text.is_empty())
            && lines[i + 1..].iter().take(6).any(|l| filled(l) >= T4_WIDTH)
        {
            continue;
        }
        // The row wrapped over several lines (10 + 5, 5 × 3, one value a line): whole numbers
        // only, on value-only lines right after it, adding up to exactly 15.
        let clean = |v: &[crate::input::document::Frag]| {
            v.iter().all(|f| {
                matches!(
                    f.kind,
                    FragKind::Number | FragKind::Placeholder | FragKind::Unreadable
                )
            })
        };
        let mut wrapped: Vec<crate::input::document::Frag> = Vec::new();
        let mut took = 0;
        // Whether the wrapped values end at a line of text or a heading, with no empty line
        // among them (a bare page number after a gap is not the row's): fewer than 15 then are
        // the row with blank cells dropped, not a row cut short.
        let mut ends_at_text = false;
        let mut gap = false;
        if fit(values, T4_WIDTH).is_none() {
            let first: Vec<_> = values
                .iter()
                .filter(|f| !f.text.is_empty())
                .cloned()
                .collect();
            if clean(&first) && first.len() < T4_WIDTH {
                wrapped = first;
                for l in lines[i + 1..].iter().take(T4_WIDTH) {
                    let (label, vals) = split_values(l);
                    let vals: Vec<_> = vals
                        .iter()
                        .filter(|f| !f.text.is_empty())
                        .cloned()
                        .collect();
                    if l.is_empty() {
                        took += 1;
                        gap = true;
                        continue;
                    }
                    if label.iter().any(|f| !f.text.is_empty()) || vals.is_empty() || !clean(&vals)
                    {
                        ends_at_text = vals.is_empty();
                        break;
                    }
                    took += 1;
                    wrapped.extend(vals);
                    if wrapped.len() >= T4_WIDTH {
                        break;
                    }
                }
            }
        }
        if fit(values, T4_WIDTH).is_none()
            && let Some((header_line, rows)) = transposed(st, i)
        {
            st.used[header_line] = true;
            for (g, k) in rows {
                st.used[k] = true;
                let (_, vals) = split_values(&lines[k]);
                let group = &cells[g * T4_GROUP_WIDTH..(g + 1) * T4_GROUP_WIDTH];
                if let Some(v) = fit(vals, T4_GROUP_WIDTH) {
                    st.place(group, v, &"表四", &lines[k]);
                }
            }
            return true;
        }
        let row = Row {
            cells: &cells,
            name: &"表四",
            holds: &groups_hold,
            holds_blanks: &groups_hold_blanks,
            sum_groups: Some((3, T4_GROUP_WIDTH)),
        };
        match fit(values, T4_WIDTH) {
            Some(v) => st.place(&cells, v, &"表四", line),
            None if wrapped.len() == T4_WIDTH => {
                for k in i + 1..=i + took {
                    st.used[k] = true;
                }
                st.place(&cells, &wrapped, &"表四", line);
            }
            // Fewer values: digits run together (a split satisfying the identities), else blank
            // cells the extraction dropped, else digits again.
            None if st.read_row(&row, values, &[Try::SplitIfHolds]) => {}
            // Values wrapped over lines (one a line), fewer than 15, then the table ends: blank
            // cells the extraction dropped. (At least two values: a lone number is as likely a
            // page number as a row.)
            None if ends_at_text
                && !gap
                && wrapped.len() > filled(line).max(1)
                && !group_row(line)
                && st.read_row(&row, &wrapped, &[Try::Blanks]) =>
            {
                for k in i + 1..=i + took {
                    st.used[k] = true;
                }
            }
            // (Not a row labelled with one group: the table printed transposed, in part.)
            None if (!group_row(line)
                && filled(line) >= 2
                && st.read_row(&row, values, &[Try::Blanks]))
                || st.read_row(&row, values, &[Try::Split]) => {}
            None => {
                let n = values.iter().filter(|f| !f.text.is_empty()).count();
                st.findings.push(
                    Said::NotRead {
                        row: TableRow::T4,
                        n,
                        m: T4_WIDTH,
                    }
                    .finding(&crate::codes::PRS002)
                    .cells(cells.clone())
                    .at(values.first().map(|f| f.loc)),
                );
            }
        }
        return true;
    }
    true
}

/// Whether a line's label is text that is not 表四's: narrative (a sentence), or the label of a
/// row of values with none of 表四's words (a header broken into fragments is 表四's). None when
/// the line has no label.
fn foreign_label(label: &[crate::input::document::Frag], with_values: bool) -> Option<bool> {
    let text = crate::input::document::join_texts(label);
    let n = norm(&text);
    if n.is_empty() {
        return None;
    }
    const WORDS: &[&str] = &[
        "行政复议",
        "行政诉讼",
        "复议",
        "诉讼",
        "结果",
        "维持",
        "纠正",
        "审结",
        "总计",
        "合计",
        "起诉",
        "数量",
        "件数",
        "情况",
        "类别",
        "项目",
        "单位",
    ];
    Some(
        n.contains('。')
            || (with_values
                && !WORDS.iter().any(|w| n.contains(w))
                && n.chars().any(char::is_alphanumeric)),
    )
}

/// 表四 printed without its header: the first line of values under the 四 heading (from line
/// `from` on), with no label, is its data row when its fifteen values, or its digits split, hold
/// the three group identities in template order (PRS006 says so). A row that breaks them is not
/// taken for the table: nothing says it is one.
fn headerless(st: &mut State<'_>, from: usize, cells: &[crate::template::CellIx]) -> bool {
    let lines = &st.doc.lines;
    let Some(heading) = (from..lines.len())
        .find(|i| st.headings[*i] == Some(crate::model::SectionId::ReviewLitigation))
    else {
        return false;
    };
    let Some(i) = (heading + 1..lines.len().min(heading + 8))
        .take_while(|k| st.headings[*k].is_none())
        .find(|k| !st.used[*k] && has_values(split_values(&lines[*k]).1))
    else {
        return false;
    };
    let (label, values) = split_values(&lines[i]);
    if label.iter().any(|f| !f.text.is_empty()) {
        return false;
    }
    let read = match fit(values, T4_WIDTH) {
        Some(v) => {
            let nums: Option<Vec<Decimal>> = v
                .iter()
                .map(|f| match f.kind {
                    FragKind::Number => super::cell_of(f).value.number(),
                    _ => None,
                })
                .collect();
            let holds = nums.is_some_and(|n| groups_hold(&n));
            if holds {
                st.place(cells, v, &"表四", &lines[i]);
            }
            holds
        }
        None => {
            let row = Row {
                cells,
                name: &"表四",
                holds: &groups_hold,
                holds_blanks: &groups_hold_blanks,
                sum_groups: Some((3, T4_GROUP_WIDTH)),
            };
            st.read_row(&row, values, &[Try::SplitIfHolds])
        }
    };
    if read {
        st.used[i] = true;
        st.findings.push(
            Said::T4Headerless
                .finding(&crate::codes::PRS006)
                .cells(cells.iter().copied())
                .at(values.iter().find(|f| !f.text.is_empty()).map(|f| f.loc)),
        );
    }
    read
}

/// 表四 printed transposed: a header naming the five results in the template's order, then one
/// row per group (行政复议, 未经复议直接起诉, 复议后起诉) with its five values. Returns the
/// header's line and, per group, the line of its row; None unless all three rows are there (a
/// partial or reordered print is not guessed at: the caller reports the row it cannot read).
fn transposed(st: &State<'_>, first: usize) -> Option<(usize, Vec<(usize, usize)>)> {
    let lines = &st.doc.lines;
    let header_line = (first.saturating_sub(3)..first).rev().find(|k| {
        let n = norm(&st.joined[*k]);
        let mut at = 0;
        !has_values(split_values(&lines[*k]).1)
            && T4_COLS.iter().all(|c| {
                let label = norm(c.label);
                match n[at..].find(&label) {
                    Some(p) => {
                        at += p + label.len();
                        true
                    }
                    None => false,
                }
            })
    })?;
    let mut rows = Vec::with_capacity(3);
    let mut k = first;
    for (g, (_, label, _)) in T4_GROUPS.iter().enumerate() {
        while k < lines.len() && lines[k].is_empty() {
            k += 1;
        }
        let line = lines.get(k)?;
        let (label_frags, values) = split_values(line);
        let n = norm(&crate::input::document::join_texts(label_frags));
        // (The first row is the caller's line, which it has just marked used.)
        if (k != first && st.used[k])
            || st.headings[k].is_some()
            || !n.ends_with(label)
            || fit(values, T4_GROUP_WIDTH).is_none()
        {
            return None;
        }
        rows.push((g, k));
        k += 1;
    }
    Some((header_line, rows))
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::model::Value;
    use crate::template::t4_cells;

    const HEADING: &str = "四、政府信息公开行政复议、行政诉讼情况\n";
    /// 表四's header as a converter prints it, cells separated by tabs.
    const HEADER: &str = "行政复议\t\t\t\t\t行政诉讼\n\
        结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\
        \t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n";
    const NEXT: &str = "五、存在的主要问题及改进情况\n无。\n";

    /// 表四's cells as read (`-` missing, `_` blank, `a|b` ambiguous), and the findings.
    fn read(text: &str) -> (Vec<String>, Vec<Finding>) {
        let m = crate::mapper::map(&crate::input::text::read(text));
        let cells = t4_cells()
            .iter()
            .map(|c| match m.report.value(*c) {
                Value::Missing => "-".to_string(),
                Value::Blank => "_".to_string(),
                v => v.display(),
            })
            .collect();
        (cells, m.findings)
    }

    fn row(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    fn codes(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_row_of_fifteen_values_under_its_header() {
        let (cells, findings) = read(&format!(
            "{HEADING}{HEADER}2\t1\t3\t1\t7\t0\t0\t0\t0\t0\t13\t2\t4\t0\t19\n{NEXT}"
        ));
        assert_eq!(cells, row("2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"));
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn fifteen_values_fused_into_one_number_are_split_by_the_group_identities() {
        // A web page whose cells ran together: the header's labels, then the row's digits, then
        // the next heading (平潭 2024).
        let header: String = HEADER.split(['\t', '\n']).collect();
        let (cells, findings) = read(&format!("{HEADING}{header}21317000001324019\n{NEXT}"));
        assert_eq!(cells, row("2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"));
        assert_eq!(codes(&findings), ["PRS007"]);
        // Digits no split of which satisfies the identities (a group's 总计 is one short) are
        // not guessed at: every split is a candidate, the printed values among them.
        let (cells, findings) = read(&format!("{HEADING}{header}21317000001324018\n{NEXT}"));
        let printed = row("2 1 3 1 7 0 0 0 0 0 13 2 4 0 18");
        for (got, want) in cells.iter().zip(&printed) {
            assert!(got.split('|').any(|c| c == want), "{got} lacks {want}");
        }
        assert!(cells.iter().any(|c| c.contains('|')), "{cells:?}");
        let codes = codes(&findings);
        assert!(
            !codes.is_empty() && codes.iter().all(|c| *c == "PRS007"),
            "{codes:?}"
        );
    }

    #[test]
    fn a_row_with_blank_cells() {
        // Empty cells between tabs: blank, not 0 and not missing.
        let (cells, findings) = read(&format!(
            "{HEADING}{HEADER}1\t\t\t\t1\t\t\t\t\t\t\t\t\t\t\n{NEXT}"
        ));
        assert_eq!(cells, row("1 _ _ _ 1 _ _ _ _ _ _ _ _ _ _"));
        assert!(findings.is_empty(), "{findings:?}");
        // Separated by spaces (PDF text), the blank cells are dropped: where they stood is not
        // printed, so the cells the placements disagree on are ambiguous, the true value always
        // among their candidates, and PRS002 says so.
        let truth = row("2 1 3 1 7 _ _ _ _ _ 13 2 4 _ 19");
        let (cells, findings) = read(&format!("{HEADING}{HEADER}2 1 3 1 7 13 2 4 19\n{NEXT}"));
        for (got, want) in cells.iter().zip(&truth) {
            let want = if want == "_" { "空白" } else { want };
            assert!(got.split('|').any(|c| c == want), "{got} lacks {want}");
        }
        assert_eq!(cells[0], "2|空白");
        assert_eq!(codes(&findings), ["PRS002"]);
    }

    #[test]
    fn a_row_without_its_header_under_the_four_heading() {
        // Fifteen values alone under the heading: the group identities hold in template order.
        let (cells, findings) = read(&format!("{HEADING}2 1 3 1 7 0 0 0 0 0 13 2 4 0 19\n{NEXT}"));
        assert_eq!(cells, row("2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"));
        assert_eq!(codes(&findings), ["PRS006"]);
        // The same digits run together (a page flattened into one line: cut at the headings).
        let flat = format!("{HEADING}21317000001324019{NEXT}").replace('\n', "");
        let flat = format!("{flat}{}", "。".repeat(300));
        let (cells, findings) = read(&flat);
        assert_eq!(cells, row("2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"));
        assert_eq!(codes(&findings), ["PRS007", "PRS006"]);
        // Values that break a group identity, or that carry a label, are not taken for the table.
        for text in [
            format!("{HEADING}2 1 3 1 8 0 0 0 0 0 13 2 4 0 19\n{NEXT}"),
            format!("{HEADING}合计 2 1 3 1 7 0 0 0 0 0 13 2 4 0 19\n{NEXT}"),
            format!("{NEXT}2 1 3 1 7 0 0 0 0 0 13 2 4 0 19\n"),
        ] {
            let (cells, findings) = read(&text);
            assert!(cells.iter().all(|c| c == "-"), "{text}: {cells:?}");
            assert!(!codes(&findings).contains(&"PRS006"), "{text}");
        }
    }

    #[test]
    fn a_table_printed_but_unread_is_printed() {
        // Sixteen values where fifteen are expected: the row is not read (PRS002), but the
        // table is printed (its cells are missing, not the table: tests/rules.rs, STR003).
        let text = format!("{HEADING}{HEADER}1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 9\n{NEXT}");
        let m = crate::mapper::map(&crate::input::text::read(&text));
        assert!(
            t4_cells()
                .iter()
                .all(|c| m.report.value(*c) == &Value::Missing)
        );
        assert_eq!(codes(&m.findings), ["PRS002"]);
        assert!(m.report.table_printed(crate::template::Table::T4));
        // Without its header (and no row under the heading) it is not.
        let m = crate::mapper::map(&crate::input::text::read(&format!("{HEADING}{NEXT}")));
        assert!(!m.report.table_printed(crate::template::Table::T4));
    }

    #[test]
    fn a_report_without_the_table_leaves_it_missing() {
        let (cells, findings) = read(&format!(
            "{HEADING}本机关未发生政府信息公开行政复议、行政诉讼案件。\n{NEXT}"
        ));
        assert!(cells.iter().all(|c| c == "-"), "{cells:?}");
        assert!(findings.is_empty(), "{findings:?}");
        // Narrative naming 行政复议 in a sentence is not the table's header.
        let (cells, _) = read(&format!(
            "{HEADING}全年共收到政府信息公开行政复议 3 件，均已办结。\n{NEXT}"
        ));
        assert!(cells.iter().all(|c| c == "-"), "{cells:?}");
    }
}
