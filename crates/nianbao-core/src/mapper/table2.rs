//! 表二: the 第二十条 items, each a caption, a header of column labels, and rows of values. The
//! columns tell the template (2019: 本年新制作数量, 上一年项目数量 …; 2021: 本年制发件数 …). A header
//! without its caption is placed by its columns and rows; a caption without a header by the number
//! of values in its rows.

use super::readings::{Row, Try};
use super::said::{Said, TableRow};
use super::{State, fit, has_values, split_values};
use crate::input::document::{Frag, Line};
use crate::normalize::{norm, similarity};
use crate::template::t2_item_of_caption as caption_item;
use crate::template::{Catalog, T2Item, Table, TemplateVersion, items_t2};

/// Every (template, item) pair.
fn all_items() -> Vec<(TemplateVersion, &'static T2Item)> {
    all_items_static().to_vec()
}

fn all_items_static() -> &'static [(TemplateVersion, &'static T2Item)] {
    static A: std::sync::OnceLock<Vec<(TemplateVersion, &'static T2Item)>> =
        std::sync::OnceLock::new();
    A.get_or_init(all_items_uncached)
}

/// Normalized column labels of every item, both templates.
fn col_norms() -> &'static [String] {
    static C: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut v: Vec<String> = all_items_static()
            .iter()
            .flat_map(|(_, it)| it.cols.iter().map(|c| norm(c.label)))
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

fn all_items_uncached() -> Vec<(TemplateVersion, &'static T2Item)> {
    TemplateVersion::ALL
        .iter()
        .flat_map(|v| items_t2(*v).iter().map(move |i| (*v, i)))
        .collect()
}

/// The cells of an item's row (looked up once for every row of both templates).
fn row_cells(it: &'static T2Item, rid: &str) -> &'static [crate::template::CellIx] {
    type Rows = Vec<(&'static T2Item, &'static str, Vec<crate::template::CellIx>)>;
    static R: std::sync::OnceLock<Rows> = std::sync::OnceLock::new();
    let rows = R.get_or_init(|| {
        let cat = Catalog::get();
        all_items_static()
            .iter()
            .flat_map(|(_, it)| {
                it.rows.iter().map(|(rid, _)| {
                    let row = format!("{}.{}", it.id, rid);
                    let cells = it
                        .cols
                        .iter()
                        .filter_map(|c| cat.cell(Table::T2, &row, c.id))
                        .collect();
                    (*it, *rid, cells)
                })
            })
            .collect()
    });
    rows.iter()
        .find(|(i, r, _)| std::ptr::eq(*i, it) && *r == rid)
        .map_or(&[], |(_, _, c)| c.as_slice())
}

/// A row or column label of 表二, normalized (cached for every label of both templates). The
/// labels are the template's own `&'static str`s: found by address (sorted), else by text.
fn label_norm(label: &'static str) -> &'static str {
    type Labels = Vec<(usize, &'static str, String)>;
    static M: std::sync::OnceLock<Labels> = std::sync::OnceLock::new();
    let m = M.get_or_init(|| {
        let mut v: Labels = all_items_static()
            .iter()
            .flat_map(|(_, it)| {
                let rows = it.rows.iter().map(|(_, l)| *l);
                rows.chain(it.cols.iter().map(|c| c.label))
            })
            .map(|l| (l.as_ptr() as usize, l, norm(l)))
            .collect();
        v.sort_by_key(|(p, l, _)| (*p, l.len()));
        v
    });
    let key = (label.as_ptr() as usize, label.len());
    match m.binary_search_by_key(&key, |(p, l, _)| (*p, l.len())) {
        Ok(k) => m[k].2.as_str(),
        Err(_) => m
            .iter()
            .find(|(_, l, _)| *l == label)
            .map_or("", |(_, _, n)| n.as_str()),
    }
}

/// A row label, normalized.
fn row_norm(rl: &'static str) -> &'static str {
    label_norm(rl)
}

/// The share of an item's column labels found in a header's text.
fn header_score(header: &str, it: &T2Item) -> f64 {
    let found = it
        .cols
        .iter()
        .filter(|c| header.contains(label_norm(c.label)))
        .count();
    found as f64 / it.cols.len() as f64
}

/// A header line: no values, and either starts with 信息内容 or names a column label.
fn header_text(line: &Line, raw: &str) -> Option<String> {
    let (_, vals) = split_values(line);
    if has_values(vals) {
        return None;
    }
    // Words a header holds (searchers built once: this runs on most lines).
    static WORDS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        ["信息", "数量", "件数", "金额", "增"]
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect()
    });
    if raw.len() > 360 || !words.iter().any(|w| w.find(raw.as_bytes()).is_some()) {
        return None;
    }
    if crate::normalize::kept_chars_exceed(raw, 80) {
        return None;
    }
    let n = norm(raw);
    if n.chars().count() > 80 {
        return None;
    }
    // (Searchers for the column labels, built once.)
    static COLS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let cols = COLS.get_or_init(|| {
        col_norms()
            .iter()
            .map(|c| memchr::memmem::Finder::new(c.as_bytes()))
            .collect()
    });
    let named = cols.iter().any(|c| c.find(n.as_bytes()).is_some());
    (n.starts_with("信息内容") || named).then_some(n)
}

/// Maps 表二 from its first caption or header, on the lines no other table used, until a section
/// heading other than 二 or another table.
pub(super) fn map(st: &mut State<'_>) {
    let doc = st.doc;
    let lines = &doc.lines;
    let year_tpl = st
        .report
        .metadata
        .report_year
        .map(TemplateVersion::for_year);
    // The caption last seen, and whether its header came.
    let mut caption: Option<(&'static str, usize)> = None;
    let mut caption_has_header = false;
    // The items the current rows may belong to.
    let mut active: Vec<(TemplateVersion, &'static T2Item)> = Vec::new();
    let mut started = false;
    let mut versions: Vec<TemplateVersion> = Vec::new();
    // Label tails this mapper joined to the row above.
    let mut tails: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if st.used[i] {
            if tails.contains(&i) {
                continue;
            }
            if started && !active.is_empty() {
                break;
            }
            continue;
        }
        if started
            && let Some(h) = st.headings[i]
            && h != crate::model::SectionId::ProactiveDisclosure
        {
            break;
        }
        if let Some(id) = caption_item(&st.joined[i]) {
            st.used[i] = true;
            started = true;
            caption = Some((id, i));
            caption_has_header = false;
            // Until a header comes: the item in either template.
            active = all_items()
                .into_iter()
                .filter(|(_, it)| it.id == id)
                .collect();
            continue;
        }
        if let Some(mut h) = header_text(line, &st.joined[i]) {
            if !started && !h.starts_with("信息内容") {
                continue;
            }
            // A header printed one cell per line (PDF text without its layout): the header
            // lines right after it are the same header.
            for (k, next) in lines.iter().enumerate().skip(i + 1).take(8) {
                if next.is_empty() || st.used[k] || caption_item(&st.joined[k]).is_some() {
                    break;
                }
                match header_text(next, &st.joined[k]) {
                    Some(more) if !more.starts_with("信息内容") => {
                        h.push_str(&more);
                        st.used[k] = true;
                        tails.push(k);
                    }
                    _ => break,
                }
            }
            let pool: Vec<_> = match caption {
                Some((id, _)) if !caption_has_header => all_items()
                    .into_iter()
                    .filter(|(_, it)| it.id == id)
                    .collect(),
                _ => all_items(),
            };
            let top = pool
                .iter()
                .map(|(_, it)| header_score(&h, it))
                .fold(0.0, f64::max);
            if top >= 0.5 {
                st.used[i] = true;
                started = true;
                caption_has_header = true;
                active = pool
                    .into_iter()
                    .filter(|(_, it)| header_score(&h, it) == top)
                    .collect();
            }
            continue;
        }
        if !started || active.is_empty() {
            continue;
        }
        let (label_frags, values) = split_values(line);
        let blank_row = !values.is_empty()
            && values.iter().all(|f| f.text.is_empty())
            && active.iter().any(|(_, it)| {
                values.len() >= it.cols.len()
                    && it
                        .rows
                        .iter()
                        .any(|(_, rl)| row_norm(rl) == norm(&st.joined[i]))
            });
        if !has_values(values) && !blank_row {
            if st.headings[i].is_some() {
                break;
            }
            continue;
        }
        let label = crate::input::document::join_texts(label_frags);
        let nvals = values.iter().filter(|f| !f.text.is_empty()).count();
        // Values alone on their line, the label on the line before (one cell per line): that
        // label, not yet used, is this row's; the label line after belongs to the next row.
        let label_only = |k: usize| {
            let (lf, vals) = split_values(&lines[k]);
            let t = crate::input::document::join_texts(lf);
            (!st.used[k]
                && !has_values(vals)
                && !t.is_empty()
                && caption_item(&t).is_none()
                && header_text(&lines[k], &st.joined[k]).is_none())
            .then_some(t)
        };
        let prev_label = label
            .is_empty()
            .then(|| {
                (i.saturating_sub(3)..i)
                    .rev()
                    .find(|k| !lines[*k].is_empty())
                    .and_then(|k| label_only(k).map(|t| (k, t)))
            })
            .flatten();
        let own = match &prev_label {
            Some((_, t)) => norm(t),
            None => norm(&label),
        };
        let score_of = |n: &str, rl: &'static str| {
            let c = row_norm(rl);
            if c == n {
                return 1.0;
            }
            let s = similarity(n, c);
            if s < 1.0 && n.chars().count() >= 3 && c.starts_with(n) {
                s.max(0.8)
            } else {
                s
            }
        };
        // The best row among the active items; ties go to the item whose columns fit the values,
        // then to the year's template.
        type Best = (
            f64,
            bool,
            bool,
            TemplateVersion,
            &'static T2Item,
            &'static str,
            &'static str,
            bool,
        );
        let pick = |n: &str, used_next: bool, best: &mut Option<Best>| {
            // Only an exact label scores 1.0, and 1.0 beats every other score: when one is
            // exact, the inexact ones need no similarity.
            let exact = active
                .iter()
                .any(|(_, it)| it.rows.iter().any(|(_, rl)| row_norm(rl) == n));
            for (v, it) in &active {
                let fits = fit(values, it.cols.len()).is_some() || nvals == it.cols.len();
                let is_year = Some(*v) == year_tpl;
                for (rid, rl) in it.rows {
                    if exact && row_norm(rl) != n {
                        continue;
                    }
                    let s = score_of(n, rl);
                    let key = (s, fits, is_year);
                    if best.as_ref().is_none_or(|b| key > (b.0, b.1, b.2)) {
                        *best = Some((s, fits, is_year, *v, *it, rid, rl, used_next));
                    }
                }
            }
        };
        let mut best: Option<Best> = None;
        pick(&own, false, &mut best);
        // A label broken across lines: its tail on the next line, with no values.
        let mut next_tail: Option<(usize, String)> = None;
        if best.as_ref().is_none_or(|b| b.0 < 1.0) {
            next_tail = lines.get(i + 1).and_then(|nl| {
                let (lf, vals) = split_values(nl);
                let t = crate::input::document::join_texts(lf);
                (!has_values(vals)
                    && !t.is_empty()
                    && caption_item(&t).is_none()
                    && header_text(nl, &st.joined[i + 1]).is_none())
                .then_some((i + 1, t))
            });
            if let Some((_, t)) = &next_tail {
                let joined = format!("{own}{}", norm(t));
                pick(&joined, true, &mut best);
            }
        }
        let loc = label_frags
            .iter()
            .find(|f| !f.text.is_empty())
            .map(|f| f.loc);
        let Some((score, _, _, v, it, rid, rl, used_next)) = best.filter(|b| b.0 >= 0.6) else {
            st.used[i] = true;
            st.findings.push(
                Said::Unmatched {
                    table: Table::T2,
                    line: line.no,
                    text: &label,
                }
                .finding(&crate::codes::PRS001)
                .at(loc),
            );
            continue;
        };
        st.used[i] = true;
        if used_next && let Some((k, _)) = &next_tail {
            st.used[*k] = true;
            tails.push(*k);
        }
        if !used_next && let Some((k, _)) = &prev_label {
            st.used[*k] = true;
        }
        if score < 1.0 || used_next {
            st.findings.push(
                Said::LabelDiffers {
                    table: Table::T2,
                    printed: &label,
                    canon: rl,
                    row: rid,
                    broken: false,
                }
                .finding(&crate::codes::PRS004)
                .at(loc),
            );
        }
        let cells = row_cells(it, rid);
        let row_name = format_args!("{} {rl}", it.caption);
        let said_row = TableRow::T2 {
            caption: it.caption,
            item: it.id,
            row: rid,
            label: rl,
        };
        // Fewer values than columns, the rest alone on the lines after (one cell per line, or a
        // wrapped row): read together when they fit; when the table goes on with text first,
        // the row lost blank cells.
        let more = (fit(values, it.cols.len()).is_none() && nvals < it.cols.len())
            .then(|| gather(st, i + 1, values, it.cols.len()))
            .flatten();
        if let Some((vals, took, _)) = &more
            && let Some(vals) = fit(vals, it.cols.len())
        {
            for k in i + 1..i + 1 + took {
                st.used[k] = true;
                tails.push(k);
            }
            st.findings.push(
                Said::Continues {
                    row: said_row,
                    lines: (i + 1..i + 1 + took)
                        .filter(|k| !lines[*k].is_empty())
                        .map(|k| lines[k].no)
                        .collect(),
                }
                .finding(&crate::codes::PRS008)
                .cells(cells.iter().copied())
                .at(values.first().map(|f| f.loc)),
            );
            st.place(cells, vals, &row_name, line);
            versions.push(v);
            continue;
        }
        let (values, took) = match &more {
            Some((vals, took, true)) => (vals.as_slice(), *took),
            _ => (values, 0),
        };
        // One number for several columns, not run into its label (on a line of its own, or a
        // space between): blank cells the extraction dropped, or digits run together; both
        // readings stay candidates. (`行政许可3960181`, run into its label, is digits only; more
        // splits than can be listed leave it to the digit split below.)
        let lone = {
            let mut toks = values.iter().filter(|f| !f.text.is_empty());
            match (toks.next(), toks.next()) {
                (Some(t), None) => {
                    let apart = match label_frags.iter().rev().find(|f| !f.text.is_empty()) {
                        Some(l) => {
                            t.loc.line != l.loc.line
                                || t.loc.column > l.loc.column + l.text.chars().count() as u32
                        }
                        None => prev_label.is_some(),
                    };
                    apart
                        .then(|| State::few_splits(cells, t).map(|all| (t.clone(), all)))
                        .flatten()
                }
                _ => None,
            }
        };
        // 表二 has no identity: every reading holds.
        let row = Row {
            cells,
            name: &row_name,
            holds: &|_| true,
            holds_blanks: &|_| None,
            sum_groups: None,
        };
        let mut take_lines = |st: &mut State<'_>| {
            for k in i + 1..i + 1 + took {
                st.used[k] = true;
                tails.push(k);
            }
        };
        match fit(values, it.cols.len()) {
            Some(vals) => {
                st.place(cells, vals, &row_name, line);
                versions.push(v);
            }
            None if lone.is_some() && st.read_row(&row, values, &[Try::BlanksWhole]) => {
                if let Some((t, all)) = lone {
                    st.also_splits(cells, &t, all, &row_name);
                }
                take_lines(st);
                versions.push(v)
            }
            // Fewer numbers than columns: blank cells the extraction dropped (表二 has no
            // identity to tell where: every placement stays a candidate), else digits run
            // together.
            None if st.read_row(&row, values, &[Try::Blanks]) => {
                take_lines(st);
                // The rest of the row may be on a line of values alone after a gap (a page
                // break, an empty line): that reading stays a candidate too.
                if took == 0
                    && let Some((vals, lines_taken)) = loose(st, i + 1, values, it.cols.len())
                {
                    for k in &lines_taken {
                        st.used[*k] = true;
                        tails.push(*k);
                    }
                    let nos: Vec<u32> = lines_taken.iter().map(|k| lines[*k].no).collect();
                    st.also_wrapped(cells, &vals, &nos, &row_name);
                }
                versions.push(v)
            }
            None if st.read_row(&row, values, &[Try::Split]) => {
                take_lines(st);
                versions.push(v)
            }
            None => {
                let n = values.iter().filter(|f| !f.text.is_empty()).count();
                st.findings.push(
                    Said::NotRead {
                        row: said_row,
                        n,
                        m: it.cols.len(),
                    }
                    .finding(&crate::codes::PRS002)
                    .cells(cells.iter().copied())
                    .at(values.first().map(|f| f.loc)),
                )
            }
        }
    }
    if !versions.is_empty() {
        let n19 = versions
            .iter()
            .filter(|v| **v == TemplateVersion::F2019)
            .count();
        let v = match (n19 * 2).cmp(&versions.len()) {
            std::cmp::Ordering::Greater => TemplateVersion::F2019,
            std::cmp::Ordering::Less => TemplateVersion::F2021,
            std::cmp::Ordering::Equal => year_tpl.unwrap_or(versions[0]),
        };
        st.report.table_layouts.push((Table::T2, v));
    }
}

/// The values of a row and of the label-less value lines right after it, from line `from` on,
/// until there are `n` or more; with the number of lines taken and whether a line with text, a
/// heading or the end came next (the row is complete as printed). An empty line ends them (a
/// bare page number after a gap is not the row's). None when no line with values follows.
fn gather(
    st: &State<'_>,
    from: usize,
    values: &[Frag],
    n: usize,
) -> Option<(Vec<Frag>, usize, bool)> {
    let lines = &st.doc.lines;
    let mut acc = filled(values);
    let mut took = 0;
    // Whether the lines looked at end the row (the end of the document does).
    let mut ended = true;
    for (k, line) in lines.iter().enumerate().skip(from) {
        if acc.len() >= n || k >= from + n + 4 {
            ended = false;
            break;
        }
        if line.is_empty() {
            ended = false;
            break;
        }
        let Some(more) = values_alone(st, k) else {
            break;
        };
        acc.extend(more);
        took = k + 1 - from;
    }
    (took > 0 && acc.len() <= n).then_some((acc, took, ended))
}

/// The value cells that hold something.
fn filled(values: &[Frag]) -> Vec<Frag> {
    values
        .iter()
        .filter(|f| !f.text.is_empty())
        .cloned()
        .collect()
}

/// The values of line `k` when it holds values alone (no label), is no heading and was not read
/// yet.
fn values_alone(st: &State<'_>, k: usize) -> Option<Vec<Frag>> {
    if st.headings[k].is_some() || st.used[k] {
        return None;
    }
    let (label, more) = split_values(&st.doc.lines[k]);
    (!label.iter().any(|f| !f.text.is_empty()) && has_values(more)).then(|| filled(more))
}

/// A short row's values with those of the value-only lines after a gap of empty lines (at most
/// two), when together they are exactly `n`; with the lines they are on.
fn loose(
    st: &State<'_>,
    from: usize,
    values: &[Frag],
    n: usize,
) -> Option<(Vec<Frag>, Vec<usize>)> {
    let lines = &st.doc.lines;
    let mut acc = filled(values);
    let mut taken = Vec::new();
    let mut gap = 0;
    for (k, line) in lines.iter().enumerate().skip(from).take(n + 3) {
        if line.is_empty() {
            gap += 1;
            if gap > 2 || !taken.is_empty() {
                break;
            }
            continue;
        }
        let Some(more) = values_alone(st, k) else {
            break;
        };
        acc.extend(more);
        taken.push(k);
        if acc.len() >= n {
            break;
        }
    }
    (!taken.is_empty() && acc.len() == n && fit(&acc, n).is_some()).then_some((acc, taken))
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn label_norm_is_norm_of_every_template_label() {
        for (_, it) in all_items_static() {
            for l in it
                .rows
                .iter()
                .map(|(_, l)| *l)
                .chain(it.cols.iter().map(|c| c.label))
            {
                assert_eq!(label_norm(l), norm(l), "{l}");
                // The same text at another address is found by its text.
                let copy: &'static str = Box::leak(l.to_string().into_boxed_str());
                assert_eq!(label_norm(copy), norm(l), "{l}");
            }
        }
        assert_eq!(label_norm("不是表二的标签"), "");
    }
}
