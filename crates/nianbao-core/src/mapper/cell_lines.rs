//! 表二 and 表三 printed one cell per line (text extracted from a PDF without its layout): a row's
//! label alone on its line, then each of its values alone on the next lines. Such a run becomes one
//! line (the label, then the values, every cell keeping its own source position), so the table
//! mappers read it as an ordinary row.
//!
//! Only a line whose text is exactly a row label of 表二 or 表三 (either template, normalized), or
//! up to eight text lines that together are one (a label wrapped in the template's narrow
//! column), starts a run, and it takes as many of the lone values that follow as that row has
//! columns (at least two: a single value after a label is already read as that row's, the
//! mappers look back one line; but see the short runs below). A lone value beyond them (a bare page number) stays apart, and an
//! empty line ends the run (a blank cell printed as an empty line cannot be told from layout, so
//! the row stays short and is reported, never shifted). A run shorter than every count its
//! label allows, followed (past empty lines) by a line starting with text — the next label or a
//! heading — is a row that lost blank cells to the extraction: it takes what it has (one value
//! too, for a row that has no one-value form), and the mapper places the values or reports the
//! row (PRS002). A 表三 that adds a 法人或其他组织 小计 column (its header
//! has a cell 小计 on a line of its own) has eight values a row: its rows take eight when eight
//! follow, else seven (the 表三 mapper then drops the 小计 when it equals the sum of the five
//! organisation columns, as it does for such a table printed row by row; a 小计 that does not is
//! reported, PRS002).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::input::document::{Document, FragKind, Line, join_texts};
use crate::normalize::norm;
use crate::template::{T3_COLS, TemplateVersion, items_t2, rows_t3};

/// Normalized row labels of 表二 and 表三 (data rows), both templates, with the numbers of values
/// such a row has (表二: its item's columns in either template; 表三: seven).
fn row_labels() -> &'static HashMap<String, Vec<usize>> {
    static L: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
    L.get_or_init(|| {
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        let mut add = |label: &str, n: usize| {
            let counts = map.entry(norm(label)).or_default();
            if !counts.contains(&n) {
                counts.push(n);
            }
        };
        for v in TemplateVersion::ALL {
            for it in items_t2(v) {
                for (_, l) in it.rows {
                    add(l, it.cols.len());
                }
            }
            for r in rows_t3(v).iter().filter(|r| r.data) {
                add(r.label, T3_COLS.len());
            }
        }
        map
    })
}

/// A line holding exactly one cell, a value (number, placeholder or unreadable mark).
fn single_value(line: &Line) -> bool {
    let mut cells = line.non_empty();
    matches!(
        (cells.next(), cells.next()),
        (Some(f), None) if matches!(f.kind, FragKind::Number | FragKind::Placeholder | FragKind::Unreadable)
    )
}

/// Whether a line holds text only (at least one cell, no value).
fn text_only(line: &Line) -> bool {
    let mut cells = line.non_empty().peekable();
    cells.peek().is_some() && cells.all(|f| f.kind == FragKind::Text && f.text.len() <= 200)
}

/// The numbers of values the row a line names can have, when the line is a row label and nothing
/// else.
fn label_only(line: &Line) -> Option<&'static [usize]> {
    if !text_only(line) {
        return None;
    }
    row_labels()
        .get(&norm(&join_texts(&line.frags)))
        .map(Vec::as_slice)
}

/// A row label the extraction wrapped: lines `j..=i` (up to [`MAX_LABEL_LINES`], text only)
/// that make a row label together. The start `j` and the row's numbers of values; the shortest
/// such label wins.
fn wrapped_label(lines: &[Line], i: usize) -> Option<(usize, &'static [usize])> {
    if !text_only(&lines[i]) {
        return None;
    }
    let mut joined = norm(&join_texts(&lines[i].frags));
    for j in (i.saturating_sub(MAX_LABEL_LINES - 1)..i).rev() {
        if !text_only(&lines[j]) {
            return None;
        }
        joined.insert_str(0, &norm(&join_texts(&lines[j].frags)));
        if let Some(counts) = row_labels().get(&joined) {
            return Some((j, counts));
        }
    }
    None
}

/// The most lines one row label is wrapped over (the longest, R3.6.2's 36 characters, takes
/// three in the template's column, six or more in a narrower one).
const MAX_LABEL_LINES: usize = 8;

/// The document with one-cell-per-line rows folded into one line each; None when it has none.
pub(crate) fn fold(doc: &Document) -> Option<Document> {
    let lines = &doc.lines;
    // A 小计 column (template-spec R5): 表三 rows have eight values (seven otherwise). Looked for
    // once, and only when a 表三 row is printed one cell per line.
    let subtotal = std::cell::OnceCell::new();
    let has_subtotal = || {
        *subtotal.get_or_init(|| {
            lines.iter().any(|l| {
                let mut cells = l.non_empty();
                matches!(
                    (cells.next(), cells.next()),
                    (Some(f), None) if f.text.len() <= 32 && norm(&f.text) == "小计"
                )
            })
        })
    };
    // The number of value lines after each label line that starts a run.
    // As many lone values as the row has (the most it can have, not more: a bare page number
    // after the row stays apart), at least two (one is read by the mappers' look-back). The cheap
    // test first: most lines are not followed by lone values.
    // Also where the run's label starts (the label line itself unless it was wrapped).
    let run_at = |i: usize| -> (usize, usize) {
        let n = lines[i + 1..]
            .iter()
            .take(T3_COLS.len() + 1)
            .take_while(|l| single_value(l))
            .count();
        if n == 0 {
            return (0, i);
        }
        let (start, counts) = match label_only(&lines[i]) {
            Some(counts) => (i, Some(counts)),
            None => wrapped_label(lines, i).map_or((i, None), |(j, c)| (j, Some(c))),
        };
        let n = counts
            .and_then(|counts| {
                // A 表三 row: seven values, or eight with the 小计 (a row that left it out still
                // has seven).
                let with_subtotal = counts
                    .contains(&T3_COLS.len())
                    .then(|| T3_COLS.len() + 1)
                    .filter(|_| n > T3_COLS.len() && has_subtotal());
                counts
                    .iter()
                    .copied()
                    .chain(with_subtotal)
                    // (One value is read by the mappers' look-back.)
                    .filter(|c| (2..=n).contains(c))
                    .max()
                    .or_else(|| {
                        // Fewer values than the row has, the next line that is not empty
                        // starting with text (the next label or a heading): the extraction dropped blank cells. The
                        // row takes them; the mapper places them or reports it (PRS002), never
                        // shifted silently. (Values after an empty line may be the row's too:
                        // then it is not folded.)
                        let ends_at_text = lines[i + 1 + n..]
                            .iter()
                            .find(|l| !l.is_empty())
                            .is_none_or(|l| {
                                l.non_empty()
                                    .next()
                                    .is_some_and(|f| f.kind == FragKind::Text)
                            });
                        (ends_at_text && counts.iter().all(|c| n < *c)).then_some(n)
                    })
            })
            .unwrap_or(0);
        (n, start)
    };
    let mut out: Option<Vec<Line>> = None;
    let mut i = 0;
    while i < lines.len() {
        let (n, start) = run_at(i);
        if n == 0 {
            if let Some(o) = out.as_mut() {
                o.push(lines[i].clone());
            }
            i += 1;
            continue;
        }
        let o = out.get_or_insert_with(|| lines[..i].to_vec());
        // A wrapped label's first lines were copied as they were (text lines, never part of a
        // run): they become the row's line.
        o.truncate(o.len() - (i - start));
        let mut row = lines[start].clone();
        for l in &lines[start + 1..=i + n] {
            row.frags.extend(l.non_empty().cloned());
        }
        o.push(row);
        // The other lines stay as empty lines (line positions are kept for the mappers'
        // look-back).
        for l in &lines[start + 1..=i + n] {
            o.push(Line {
                no: l.no,
                frags: Vec::new(),
            });
        }
        i += n + 1;
    }
    out.map(|lines| Document {
        lines,
        damage: doc.damage.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::text::read;

    fn texts(d: &Document) -> Vec<Vec<&str>> {
        d.texts()
    }

    #[test]
    fn a_label_then_its_values_one_a_line_become_a_row() {
        let d = read("规章\n1\n0\n11\n行政规范性文件\n8\n26\n66\n");
        let f = fold(&d).expect("folded");
        let t = texts(&f);
        assert_eq!(t[0], ["规章", "1", "0", "11"]);
        assert!(t[1].is_empty() && t[3].is_empty());
        assert_eq!(t[4], ["行政规范性文件", "8", "26", "66"]);
        // Every value keeps its own line.
        assert_eq!(f.lines[0].frags[3].loc.line, 4);
        assert_eq!(f.lines.len(), d.lines.len());
        // A bare page number after a row's values is not one of them.
        let f = fold(&read("规章\n1\n0\n11\n3\n")).expect("folded");
        assert_eq!(texts(&f)[0], ["规章", "1", "0", "11"]);
        assert_eq!(texts(&f)[4], ["3"]);
    }

    #[test]
    fn a_subtotal_column_gives_table_three_rows_eight_values() {
        let label = "一、本年新收政府信息公开申请数量";
        let values = ["5", "3", "1", "0", "0", "2", "0", "8"];
        let row = format!("{label}\n{}\n- 3 -\n7\n", values.join("\n"));
        let row_of = |n: usize| [&[label][..], &values[..n]].concat();
        // With a 小计 header cell: eight values (小计 after 自然人); a page marker is no value.
        let f = fold(&read(&format!("自然人\n小计\n商业企业\n{row}"))).expect("folded");
        assert_eq!(texts(&f)[3], row_of(8));
        // A row there that prints seven values still folds, with seven.
        let short = format!("{label}\n{}\n\n", values[..7].join("\n"));
        let f = fold(&read(&format!("自然人\n小计\n{short}"))).expect("folded");
        assert_eq!(texts(&f)[2], row_of(7));
        // Without one: seven, the eighth value stays apart.
        let f = fold(&read(&format!("自然人\n商业企业\n{row}"))).expect("folded");
        assert_eq!(texts(&f)[2], row_of(7));
        assert_eq!(texts(&f)[10], ["8"]);
    }

    #[test]
    fn prose_single_values_and_broken_runs_stay() {
        // Not a row label; a single value (read by the mappers' look-back); a run cut by an
        // empty line (a blank cell cannot be placed); more values than any row has.
        for text in [
            "我镇共办理\n3\n4\n",
            "行政许可\n447228\n",
            "规章\n1\n\n11\n",
            "行政许可\n447228\n3\n",
        ] {
            assert!(fold(&read(text)).is_none(), "{text}");
        }
    }
}
