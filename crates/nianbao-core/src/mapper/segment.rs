//! Splits very long lines (a whole page flattened into one line, cells run together) into
//! virtual lines at the template's labels, so the line-based table mappers can read them.
//!
//! Only lines longer than [`LONG`] characters are touched. Section headings split everywhere (the
//! canonical ones, and any numbered heading the template's recogniser reads, whatever its words:
//! [`crate::template::headings::inline_headings`]); the
//! table labels (captions, row labels, the 表三 note) split only from the first 第二十条 caption on,
//! so narrative text that mentions 行政许可 or 规章 stays whole. Every virtual line keeps its source
//! line number, and its cells their character columns.

use std::sync::OnceLock;

use crate::input::document::{Document, Frag, Line};
use crate::model::Loc;
use crate::template::{SECTIONS, T4_COLS, T4_GROUPS, TemplateVersion, items_t2, rows_t3};

/// Lines longer than this (in characters) are segmented.
pub const LONG: usize = 300;

struct Anchors {
    /// Section headings: the line splits before and after them.
    headings: Vec<String>,
    /// Table labels: the line splits before them.
    labels: Vec<String>,
}

fn anchors() -> &'static Anchors {
    static A: OnceLock<Anchors> = OnceLock::new();
    A.get_or_init(|| {
        let headings = SECTIONS.iter().map(|s| s.to_string()).collect();
        let mut labels: Vec<String> = Vec::new();
        for v in TemplateVersion::ALL {
            for it in items_t2(v) {
                labels.push(it.caption.to_string());
                labels.extend(it.rows.iter().map(|(_, l)| l.to_string()));
            }
            labels.extend(rows_t3(v).iter().map(|r| r.label.to_string()));
        }
        labels.push("信息内容".into());
        labels.push("（本列数据的勾稽关系为".into());
        // Half-width bracket forms of the same labels.
        let half: Vec<String> = labels
            .iter()
            .map(|l| l.replace('（', "(").replace('）', ")"))
            .collect();
        labels.extend(half);
        labels.sort();
        labels.dedup();
        // Longer labels first, so 行政规范性文件 wins over 规范性文件 at the same place.
        labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        Anchors { headings, labels }
    })
}

fn long(l: &Line) -> bool {
    // Bytes first: a line under LONG bytes is under LONG characters. Only lines that carry a
    // table are worth cutting.
    l.frags.iter().map(|f| f.text.len()).sum::<usize>() > LONG
        && l.frags
            .iter()
            .map(|f| f.text.chars().count())
            .sum::<usize>()
            > LONG
        && l.frags.iter().any(|f| {
            f.text.contains("第二十条")
                || f.text.contains("勾稽")
                || f.text.contains("予以公开")
                || f.text.contains("行政复议")
        })
}

/// Segments the long lines of a document; None when no line is long.
pub fn segment(doc: &Document) -> Option<Document> {
    if !doc.lines.iter().any(long) {
        return None;
    }
    let mut out = Vec::with_capacity(doc.lines.len());
    for line in &doc.lines {
        if long(line) {
            out.extend(split_line(line));
        } else {
            out.push(line.clone());
        }
    }
    Some(Document {
        lines: out,
        damage: doc.damage.clone(),
    })
}

/// The line's text with every character's source column.
fn chars_of(line: &Line) -> (String, Vec<u32>) {
    let mut text = String::new();
    let mut cols = Vec::new();
    for (k, f) in line.frags.iter().enumerate() {
        if k > 0 {
            text.push(' ');
            cols.push(f.loc.column.saturating_sub(1));
        }
        for (i, c) in f.text.chars().enumerate() {
            text.push(c);
            cols.push(f.loc.column + i as u32);
        }
    }
    (text, cols)
}

/// Where 表四's data row ends: after its header (its last group's label, `复议后起诉`, then its
/// column labels through the last 总计), the whitespace-separated values, up to the first piece of
/// text (a note, or the next section's text printed without its heading), which starts a line of
/// its own, whole (a piece that fuses digits with text is not cut inside: which digits are the
/// row's is not printed). `compact` is `text` without spaces, `at` maps its bytes back.
fn table4_row_ends(text: &str, compact: &str, at: &[usize]) -> Vec<usize> {
    let label_chars: Vec<char> = T4_COLS.iter().flat_map(|c| c.label.chars()).collect();
    let last_total = T4_COLS[T4_COLS.len() - 1].label;
    let value = |c: char| c.is_ascii_digit() || ".-/—－／?？".contains(c);
    let mut out = Vec::new();
    for (p, group) in compact.match_indices(T4_GROUPS[T4_GROUPS.len() - 1].1) {
        let q = p + group.len();
        let skip: usize = compact[q..]
            .chars()
            .take_while(|c| label_chars.contains(c))
            .map(char::len_utf8)
            .sum();
        if skip == 0 || !compact[q..q + skip].ends_with(last_total) {
            continue;
        }
        let mut r = at[q + skip];
        let mut values = 0;
        loop {
            r += text[r..].len() - text[r..].trim_start_matches(is_space).len();
            // The value characters at `r` (each scanned once: a run stops at text or a space).
            let len = text[r..]
                .find(|c: char| is_space(c) || !value(c))
                .unwrap_or(text.len() - r);
            let next = text[r + len..].chars().next();
            if len == 0 || next.is_some_and(|c| !is_space(c)) {
                // A piece of text after the values (digits fused with text included: which
                // digits are the row's is not printed) starts a line of its own.
                if values > 0 && (len > 0 || next.is_some()) {
                    out.push(r);
                }
                break;
            }
            values += 1;
            r += len;
        }
    }
    out
}

/// Spaces between cells and words (the pieces of a virtual line are cut there).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// In a piece that starts with a sub-row's number (`1.`, `1、`, `1．`), where the next number
/// (`2.`) stands right after a digit and before a label's first character: its byte offset.
fn next_enumerator(piece: &str) -> Option<usize> {
    let mut chars = piece.chars();
    let n = chars.next()?.to_digit(10)?;
    if !matches!(chars.next(), Some('.' | '、' | '．')) || n >= 9 {
        return None;
    }
    let next = char::from_digit(n + 1, 10)?;
    let b = piece.as_bytes();
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    piece.char_indices().skip(2).find_map(|(i, c)| {
        if c != next || i == 0 || !b[i - 1].is_ascii_digit() {
            return None;
        }
        let mut rest = piece[i + 1..].chars();
        (matches!(rest.next(), Some('.' | '、' | '．')) && rest.next().is_some_and(cjk))
            .then_some(i)
    })
}

fn split_line(line: &Line) -> Vec<Line> {
    let (text, cols) = chars_of(line);
    // The pieces keep the line's page and line on the page (a PDF's); text has page 0.
    let base = line.frags.first().map_or(
        Loc {
            page: 0,
            line: line.no,
            column: 0,
        },
        |f| f.loc,
    );
    let a = anchors();
    // Byte offsets where a virtual line starts.
    let mut cuts: Vec<usize> = vec![0];
    for h in &a.headings {
        for (p, _) in text.match_indices(h.as_str()) {
            cuts.push(p);
            cuts.push(p + h.len());
        }
    }
    // Headings in other words (a variant, a typo, another section's number): by their numbering
    // and key words.
    for h in crate::template::headings::inline_headings(&text) {
        cuts.push(h.start);
        cuts.push(h.end);
    }
    // The table labels are matched in the text without its spaces (`at` maps each of its bytes
    // back), so a label printed with spaces inside (`第二十条 第（一）项`) is found too.
    let mut compact = String::with_capacity(text.len());
    let mut at: Vec<usize> = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        if !is_space(c) {
            at.extend(i..i + c.len_utf8());
            compact.push(c);
        }
    }
    at.push(text.len());
    let table_from = ["第二十条第（", "第二十条第("]
        .iter()
        .filter_map(|c| compact.find(c))
        .min();
    if let Some(from) = table_from {
        // Claimed byte ranges, so a shorter label inside a longer one does not split it.
        let mut claimed: Vec<(usize, usize)> = Vec::new();
        for l in &a.labels {
            for (p, _) in compact[from..].match_indices(l.as_str()) {
                let p = p + from;
                if claimed.iter().any(|(s, e)| p >= *s && p < *e) {
                    continue;
                }
                claimed.push((p, p + l.len()));
                cuts.push(at[p]);
            }
        }
    }
    cuts.extend(table4_row_ends(&text, &compact, &at));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.push(text.len());
    // A numbered sub-row (`1.属于国家秘密…`) whose next sub-row's label is worded otherwise runs
    // on into it with no label to cut at (`…0000012.其他法律行政止公开…`): the next number in
    // order after a digit starts the next row.
    if table_from.is_some() {
        let mut more = Vec::new();
        for w in cuts.windows(2) {
            more.extend(next_enumerator(&text[w[0]..w[1]]).map(|k| w[0] + k));
        }
        if !more.is_empty() {
            cuts.extend(more);
            cuts.sort_unstable();
            cuts.dedup();
        }
    }
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e {
            continue;
        }
        let start_char = text[..s].chars().count();
        let mut frags = Vec::new();
        let mut cur = String::new();
        let mut cur_col = 0u32;
        for (i, c) in text[s..e].chars().enumerate() {
            // (A table's `|` run into the page, as converter markdown flattened prints it,
            // separates cells as a space does.)
            if is_space(c) || c == '|' || c == '｜' {
                if !cur.is_empty() {
                    frags.push(Frag::new(
                        std::mem::take(&mut cur),
                        Loc {
                            column: cur_col,
                            ..base
                        },
                    ));
                }
            } else {
                if cur.is_empty() {
                    cur_col = cols.get(start_char + i).copied().unwrap_or(1);
                }
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            frags.push(Frag::new(
                cur,
                Loc {
                    column: cur_col,
                    ..base
                },
            ));
        }
        if !frags.is_empty() {
            out.push(Line { no: line.no, frags });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_sub_row_number_after_a_digit_starts_a_row() {
        let p = "1.属于国家秘密 1 0 0 0 0 0 12.其他法律行政止公开 0 0";
        let k = next_enumerator(p).unwrap();
        assert!(p[k..].starts_with("2.其他"));
        // Not the same number, not inside a number (`12` then `.5`), not without a label.
        assert_eq!(next_enumerator("1.属于国家秘密 1 0 0 0 0 0 11.其他"), None);
        assert_eq!(next_enumerator("1.属于国家秘密 2.5 万元"), None);
        let p = "2.重复申请 0 0 0 0 0 0 13.要求";
        assert!(p[next_enumerator(p).unwrap()..].starts_with("3.要求"));
        assert_eq!(next_enumerator("（一）予以公开 1 2.其他"), None);
    }
    use crate::input::text;

    /// [`table4_row_ends`] of a text (its compact form built as `split_line` builds it).
    fn row_ends(text: &str) -> Vec<&str> {
        let mut compact = String::new();
        let mut at = Vec::new();
        for (i, c) in text.char_indices() {
            if !is_space(c) {
                at.extend(i..i + c.len_utf8());
                compact.push(c);
            }
        }
        at.push(text.len());
        table4_row_ends(text, &compact, &at)
            .into_iter()
            .map(|p| &text[p..])
            .collect()
    }

    #[test]
    fn labels_printed_with_spaces_inside_are_cut_at() {
        // A PDF's text run together: the caption carries a space, a row label is broken by one.
        let filler = "文字".repeat(200);
        let t = format!(
            "一、总体情况{filler}二、主动公开政府信息情况第二十条 第（一）项信息内容 本年制发件数 本年废止件数 现行有效件数规章 1 0 11行政规范 性文件 8 26 66第二十条 第（五）项"
        );
        let d = segment(&text::read(&t)).unwrap();
        let lines: Vec<String> = d
            .lines
            .iter()
            .map(|l| {
                l.frags
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(
            &lines[2..],
            [
                "二、主动公开政府信息情况",
                "第二十条|第（一）项",
                "信息内容|本年制发件数|本年废止件数|现行有效件数",
                "规章|1|0|11",
                "行政规范|性文件|8|26|66",
                "第二十条|第（五）项",
            ]
        );
    }

    #[test]
    fn table4_row_ends_where_text_runs_on_after_its_values() {
        let header = "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 \
            结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计";
        assert_eq!(
            row_ends(&format!(
                "{header} 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 本年度无。"
            )),
            ["本年度无。"]
        );
        // Digits fused with the text after them: the whole piece goes (not cut inside).
        assert_eq!(
            row_ends(&format!("{header}\t0\t0 02021年，我镇")),
            ["02021年，我镇"]
        );
        // Values up to the end, values fused to the header's last 总计, or no values: no cut.
        assert!(row_ends(&format!("{header} 1 0 0 0 1")).is_empty());
        assert!(row_ends(&format!("{header}21317000001324019五、存在")).is_empty());
        assert!(row_ends(&format!("{header} 本年度无。")).is_empty());
        // The group label in prose is no header.
        assert!(row_ends("复议后起诉的案件 3 件，均已审结。").is_empty());
        // Each value is scanned once (the group label printed over and over, no space anywhere:
        // scanning to the next space from every label took minutes).
        assert!(row_ends(&"复议后起诉总计".repeat(20_000)).is_empty());
    }

    #[test]
    fn splits_a_flattened_page_at_labels() {
        let filler = "文字".repeat(200);
        let t = format!(
            "一、总体情况{filler}行政许可类信息69条。二、主动公开政府信息情况 第二十条第（一）项信息内容本年新制作数量规章000规范性文件898989三、收到和处理政府信息公开申请情况"
        );
        let d = segment(&text::read(&t)).unwrap();
        let lines: Vec<String> = d
            .lines
            .iter()
            .map(|l| {
                l.frags
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(lines[0], "一、总体情况");
        assert!(
            lines[1].ends_with("行政许可类信息69条。"),
            "narrative is not split at table labels: {lines:?}"
        );
        assert_eq!(
            &lines[2..],
            [
                "二、主动公开政府信息情况",
                "第二十条第（一）项",
                "信息内容本年新制作数量",
                "规章000",
                "规范性文件898989",
                "三、收到和处理政府信息公开申请情况"
            ]
        );
        let col = d.lines[5].frags[0].loc.column as usize;
        assert_eq!(t.chars().skip(col - 1).take(2).collect::<String>(), "规章");
    }
}
