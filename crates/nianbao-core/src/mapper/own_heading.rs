//! Rows printed under a heading of their own (converter markdown that makes each row group its
//! own small table): `### (一) 予以公开`, then a column header of the converter's
//! (`| 类别 | 数据1 | … | 数据6 | 总计 |`), then `| 予以公开 | 12 | 1 | 0 | 0 | 3 | 0 | 16 |`. The row's
//! label repeats the heading's without its number, so the heading is the row's full label: the row
//! takes it, and the heading and the converter's header go.

use crate::input::document::{Document, Line};
use crate::normalize::norm;

/// The label without a row number in front (（一） (一) 一、 1. 1、).
fn core(label: &str) -> &str {
    let t = label.trim();
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = t.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && rest[..end]
                .chars()
                .all(|c| "一二三四五六七八九十".contains(c))
            && end > 0
        {
            return rest[end + close.len()..].trim_start();
        }
    }
    let digits = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    if let Some(d) = digits
        && let Some(rest) = t[d..]
            .strip_prefix('、')
            .or_else(|| t[d..].strip_prefix('.'))
            .or_else(|| t[d..].strip_prefix('．'))
    {
        return rest.trim_start();
    }
    t
}

fn numbered(label: &str) -> bool {
    core(label).len() < label.trim().len()
}

/// A line of labels only (no value cell).
fn text_only(l: &Line) -> bool {
    !l.frags.is_empty()
        && l.frags
            .iter()
            .all(|f| !f.kind.is_value() && !f.text.is_empty())
}

/// Where rows follow their own heading, the row's label becomes the heading's; None when no
/// line is such.
pub(super) fn fold(doc: &Document) -> Option<Document> {
    let lines = &doc.lines;
    let mut edits: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.frags.len() != 1 || !text_only(l) || !numbered(&l.frags[0].text) {
            continue;
        }
        let head = norm(core(&l.frags[0].text));
        if head.chars().count() < 2 {
            continue;
        }
        let mut drop = vec![i];
        for (k, next) in lines.iter().enumerate().skip(i + 1).take(4) {
            if next.is_empty() {
                drop.push(k);
                continue;
            }
            // The converter's column header: three or more label cells, no value.
            if next.frags.len() >= 3 && text_only(next) {
                drop.push(k);
                continue;
            }
            let (label, values) = super::split_values(next);
            if label.len() == 1 && super::has_values(values) {
                let row = norm(core(&label[0].text));
                if row.chars().count() >= 2 && row == head {
                    edits.push((k, drop));
                }
            }
            break;
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = doc.clone();
    for (k, drop) in edits {
        let heading = lines[drop[0]].frags[0].text.clone();
        out.lines[k].frags[0].text = heading;
        for d in drop {
            out.lines[d].frags.clear();
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::text;

    #[test]
    fn a_row_under_its_own_heading_takes_its_label() {
        let t = "### (一)予以公开\n| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n| 予以公开 | 12 | 1 | 0 | 0 | 3 | 0 | 16 |\n";
        let d = fold(&text::read(t)).expect("folded");
        let rows: Vec<String> = d
            .lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.joined().into_owned())
            .collect();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(rows[0].starts_with("(一)予以公开"), "{rows:?}");
    }

    #[test]
    fn other_lines_stay() {
        // A heading whose next row is another row; a heading without a number.
        for t in [
            "### (三)不予公开\n| 类别 | 数据1 | 数据2 | 总计 |\n| 属于国家秘密 | 1 | 0 | 1 |\n",
            "### 予以公开\n| 予以公开 | 12 | 1 | 0 | 0 | 3 | 0 | 16 |\n",
        ] {
            assert!(fold(&text::read(t)).is_none(), "{t}");
        }
    }
}
