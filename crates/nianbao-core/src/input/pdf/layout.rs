//! From glyphs and rules to the document model.
//!
//! Tables: the rules of a page that touch each other form a table; the distinct positions of its
//! vertical rules are its column boundaries and of its horizontal rules its row boundaries. Two
//! neighbouring grid cells with no rule between them are one merged cell. Every glyph whose
//! centre lies in a cell's box belongs to that cell, so an empty box is a blank cell and two
//! boxes never share a number. A table becomes one line per grid row; a merged cell is given in
//! the row where it starts (as the HTML and DOCX readers give a rowspan cell once).
//!
//! Text outside tables: glyphs grouped into lines by their vertical position, ordered left to
//! right, cut into cells where a wide gap separates them (a table printed without rules keeps its
//! columns apart); page numbers (`- 3 -`, `第 3 页`) are dropped. Tables and text lines are given
//! in the order they stand on the page, top to bottom.

use super::interp::{PGlyph, PageContent, Seg};
use crate::input::document::{Document, Frag, Line};
use crate::input::text::is_page_marker;
use crate::model::Loc;

/// Rules closer than this (in points) are the same rule.
const SNAP: f64 = 2.0;

/// The document of all pages.
pub fn document(pages: &[PageContent]) -> Document {
    let mut doc = Document::default();
    let mut no = 0u32;
    let mut items: Vec<(usize, Item)> = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        items.extend(page_items(page).into_iter().map(|i| (pi, i)));
    }
    align_unruled(&mut items);
    let mut page_of_last = usize::MAX;
    let mut line_on_page = 0u32;
    for (pi, item) in items {
        if pi != page_of_last {
            page_of_last = pi;
            line_on_page = 0;
        }
        {
            let frags: Vec<(String, u32)> = match item {
                Item::Row(cells) => cells
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| (t, i as u32 + 1))
                    .collect(),
                Item::Text(cells) => cells.into_iter().map(|p| (p.text, p.column)).collect(),
            };
            if frags.is_empty() {
                continue;
            }
            line_on_page += 1;
            no += 1;
            let frags = frags
                .into_iter()
                .map(|(t, column)| {
                    Frag::new(
                        t.trim(),
                        Loc {
                            page: pi as u32 + 1,
                            line: line_on_page,
                            column,
                        },
                    )
                })
                .collect();
            doc.lines.push(Line { no, frags });
        }
    }
    doc
}

enum Item {
    /// A table row: the cells' text.
    Row(Vec<String>),
    /// A line of text: its pieces.
    Text(Vec<Piece>),
}

/// A piece of a line of text: its text, 1-based character column, and where it stands.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    column: u32,
    x0: f64,
    x1: f64,
}

impl Piece {
    fn is_value(&self) -> bool {
        !self.text.trim().is_empty()
            && crate::input::document::FragKind::of(self.text.trim()).is_value()
    }
    fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Lines that open a new table or section (a table printed without rules does not run past
/// them): 表二's item captions and the section headings.
fn is_caption(pieces: &[Piece]) -> bool {
    let t: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let t = t.trim();
    t.starts_with("第二十条")
        || (t.chars().nth(1) == Some('、')
            && t.starts_with(['一', '二', '三', '四', '五', '六'])
            && t.contains("情况")
            && !pieces.iter().any(Piece::is_value))
}

/// Most columns a table without rules is aligned to.
const MAX_UNRULED_COLUMNS: usize = 24;

/// Tables printed without rules: the columns of each table are where its values stand and where
/// its lowest header cells stand (the header gives the columns no value fills); a row's values are
/// put in their columns, and a column without a value in that row is a blank cell. A row is left
/// as it is when its values do not fall one to a column.
fn align_unruled(items: &mut [(usize, Item)]) {
    let mut start = 0;
    while start < items.len() {
        // A block: text lines up to the next caption or ruled table row.
        let mut end = start + 1;
        while end < items.len() {
            match &items[end].1 {
                Item::Text(p) if !is_caption(p) => end += 1,
                _ => break,
            }
        }
        align_block(&mut items[start..end]);
        start = end;
    }
}

/// Most lines, and header pieces, a block without rules may have to be aligned (a report's
/// tables have a few dozen rows and header cells).
const MAX_UNRULED_LINES: usize = 2_000;
const MAX_UNRULED_HEADER: usize = 400;

fn align_block(block: &mut [(usize, Item)]) {
    if block.len() > MAX_UNRULED_LINES {
        return;
    }
    let lines: Vec<&Vec<Piece>> = block
        .iter()
        .filter_map(|(_, i)| match i {
            Item::Text(p) => Some(p),
            Item::Row(_) => None,
        })
        .collect();
    let Some(first_value_line) = lines.iter().position(|l| l.iter().any(Piece::is_value)) else {
        return;
    };
    let values: Vec<&Piece> = lines
        .iter()
        .flat_map(|l| l.iter())
        .filter(|p| p.is_value())
        .collect();
    // The label zone: left of every number (not of every value: the 无 of a vertical
    // （四）无法提供 stands alone in the label column and reads as a placeholder), and no wider
    // than the row labels (表四 has none: its first columns may all be blank).
    let is_number = |p: &Piece| p.text.trim().bytes().any(|b| b.is_ascii_digit()) && p.is_value();
    let first_number = values
        .iter()
        .filter(|p| is_number(p))
        .map(|p| p.x0)
        .fold(f64::MAX, f64::min)
        - 1.0;
    let labels_end = lines
        .iter()
        .filter(|l| l.iter().any(&is_number))
        .flat_map(|l| l.iter())
        .filter(|p| !p.is_value() && p.x1 <= first_number + 1.0)
        .map(|p| p.x1)
        .fold(f64::MIN, f64::max);
    let label_edge = first_number.min(labels_end + 1.0);
    let values: Vec<&Piece> = values.into_iter().filter(|p| p.x0 >= label_edge).collect();
    // Header cells: the pieces above the first value line, right of the label zone; the lowest
    // of each stack (a cell with other header text below it spans columns).
    let header: Vec<&Piece> = lines[..first_value_line]
        .iter()
        .flat_map(|l| l.iter())
        .filter(|p| p.x0 >= label_edge && !p.text.trim().is_empty())
        .collect();
    if header.len() > MAX_UNRULED_HEADER {
        return;
    }
    // Columns where values stand: their spans merged where they overlap.
    let merged = |mut spans: Vec<(f64, f64)>| {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cols: Vec<(f64, f64)> = Vec::new();
        for (a, b) in spans {
            match cols.last_mut() {
                Some(c) if a < c.1 => c.1 = c.1.max(b),
                _ => cols.push((a, b)),
            }
        }
        cols
    };
    let mut cols = merged(values.iter().map(|p| (p.x0, p.x1)).collect());
    // Columns no value fills: the lowest header cells (a header cell with another below it spans
    // columns) that stand over no value column.
    let overlaps = |a: (f64, f64), b: (f64, f64)| a.0 < b.1 && b.0 < a.1;
    let extra: Vec<(f64, f64)> = header
        .iter()
        .enumerate()
        .filter(|(k, h)| {
            !header[k + 1..]
                .iter()
                .any(|o| o.center() > h.x0 && o.center() < h.x1)
        })
        .map(|(_, h)| (h.x0, h.x1))
        .filter(|&s| !cols.iter().any(|&c| overlaps(c, s)))
        .collect();
    cols.extend(merged(extra));
    cols.sort_by(|a, b| a.0.total_cmp(&b.0));
    // The template's widest table has 16 columns (表四): many more is not a table (and aligning
    // every line to them would cost lines × columns).
    if cols.len() < 2 || cols.len() > MAX_UNRULED_COLUMNS {
        return;
    }
    for (_, item) in block.iter_mut() {
        let Item::Text(pieces) = item else { continue };
        if !pieces.iter().any(|p| p.is_value() && p.x0 >= label_edge) {
            continue;
        }
        let (labels, vals): (Vec<&Piece>, Vec<&Piece>) =
            pieces.iter().partition(|p| p.center() < label_edge);
        let mut slots: Vec<Option<&Piece>> = vec![None; cols.len()];
        let mut ok = true;
        for v in &vals {
            let c = v.center();
            match cols.iter().position(|&(a, b)| c >= a && c <= b) {
                Some(k) if slots[k].is_none() && v.is_value() => slots[k] = Some(v),
                _ => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let mut out: Vec<Piece> = labels.into_iter().cloned().collect();
        let col0 = out.last().map_or(1, |p| {
            p.column
                .saturating_add(p.text.chars().count() as u32)
                .saturating_add(1)
        });
        for (k, s) in slots.into_iter().enumerate() {
            out.push(match s {
                Some(p) => p.clone(),
                None => Piece {
                    text: String::new(),
                    column: col0.saturating_add(k as u32),
                    x0: cols[k].0,
                    x1: cols[k].1,
                },
            });
        }
        *pieces = out;
    }
}

/// A table: column boundaries left to right, row boundaries top to bottom, and the merged cell
/// (its index in `cells`) of every grid cell.
struct Table {
    xs: Vec<f64>,
    ys: Vec<f64>,
    owner: Vec<usize>,
    /// Each merged cell's first grid row and column.
    cells: Vec<(usize, usize)>,
}

impl Table {
    fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    fn area(&self) -> f64 {
        (self.xs[self.xs.len() - 1] - self.xs[0]) * (self.ys[0] - self.ys[self.ys.len() - 1])
    }

    fn contains(&self, x: f64, y: f64) -> bool {
        x > self.xs[0]
            && x < self.xs[self.xs.len() - 1]
            && y < self.ys[0]
            && y > self.ys[self.ys.len() - 1]
    }

    /// The merged cell a point lies in.
    fn cell_at(&self, x: f64, y: f64) -> usize {
        let c = self
            .xs
            .partition_point(|&b| b < x)
            .clamp(1, self.xs.len() - 1)
            - 1;
        let r = self
            .ys
            .partition_point(|&b| b > y)
            .clamp(1, self.ys.len() - 1)
            - 1;
        self.owner[r * self.cols() + c]
    }
}

fn page_items(page: &PageContent) -> Vec<Item> {
    let tables = tables(page);
    let mut in_cell: Vec<Vec<Vec<&PGlyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut loose: Vec<&PGlyph> = Vec::new();
    for g in &page.glyphs {
        let (x, y) = (g.cx(), g.cy());
        // The smallest table around the glyph (a frame drawn around the page or a region is a
        // table too, and must not swallow the tables inside it).
        let around = tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.contains(x, y))
            .min_by(|a, b| a.1.area().total_cmp(&b.1.area()))
            .map(|(i, _)| i);
        match around {
            Some(ti) => {
                let c = tables[ti].cell_at(x, y);
                in_cell[ti][c].push(g);
            }
            None => loose.push(g),
        }
    }
    // (top of the item, order among items at the same top, the item)
    let mut items: Vec<(f64, usize, Item)> = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        let texts: Vec<String> = in_cell[ti].iter().map(|gs| cell_text(gs)).collect();
        // Rows with no text at all (rules drawn twice, spacing rows) carry nothing.
        let mut rows: Vec<Vec<(usize, String)>> = vec![Vec::new(); t.ys.len() - 1];
        for (ci, &(r, c)) in t.cells.iter().enumerate() {
            rows[r].push((c, texts[ci].clone()));
        }
        for (r, mut cells) in rows.into_iter().enumerate() {
            if cells.is_empty() {
                continue;
            }
            cells.sort_by_key(|(c, _)| *c);
            items.push((
                t.ys[r],
                items.len(),
                Item::Row(cells.into_iter().map(|(_, s)| s).collect()),
            ));
        }
    }
    let lines: Vec<(f64, Vec<Piece>)> = text_lines(&loose)
        .into_iter()
        .map(|line| {
            let top = line.iter().map(|g| g.y1).fold(f64::MIN, f64::max);
            (top, pieces(&line))
        })
        .collect();
    let gutter = gutter(&lines);
    for (top, pieces) in lines {
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        if is_page_marker(joined.trim()) {
            continue;
        }
        match gutter {
            // Two columns of text: the left column is read first, then the right one (its lines
            // keyed below the region's last line, in their own order).
            Some((x, region_top, region_bottom)) if top <= region_top && top >= region_bottom => {
                let (left, right): (Vec<Piece>, Vec<Piece>) =
                    pieces.into_iter().partition(|p| p.x1 <= x);
                if !left.is_empty() {
                    items.push((top, items.len(), Item::Text(left)));
                }
                if !right.is_empty() {
                    let key = region_bottom - 1.0 - (region_top - top) * 1e-6;
                    items.push((key, items.len(), Item::Text(right)));
                }
            }
            _ => items.push((top, items.len(), Item::Text(pieces))),
        }
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    items.into_iter().map(|(_, _, i)| i).collect()
}

/// A page set in two columns of text: the gutter's x and the top and bottom of the lines it runs
/// through. Only prose counts (both sides pieces of six or more characters, not numbers: a table
/// without rules has gaps too), it must run through six lines or more, near the middle of the
/// text, and no piece of a line between its first and last may cross it.
fn gutter(lines: &[(f64, Vec<Piece>)]) -> Option<(f64, f64, f64)> {
    let prose = |p: &Piece| p.text.chars().count() >= 6 && !p.is_value();
    let (x_min, x_max) = lines
        .iter()
        .flat_map(|(_, ps)| ps.iter())
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x0), b.max(p.x1)));
    // Gaps between two prose pieces, one per two-piece line.
    let gaps: Vec<(usize, f64, f64)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, (_, ps))| match ps.as_slice() {
            [a, b] if prose(a) && prose(b) => Some((i, a.x1, b.x0)),
            _ => None,
        })
        .collect();
    if gaps.len() < 6 {
        return None;
    }
    // The x most gaps contain: the middle of the narrowest common span.
    let lo = gaps.iter().map(|g| g.1).fold(f64::MIN, f64::max);
    let hi = gaps.iter().map(|g| g.2).fold(f64::MAX, f64::min);
    if lo >= hi {
        return None;
    }
    let x = (lo + hi) / 2.0;
    let width = x_max - x_min;
    if width <= 0.0 || x < x_min + 0.35 * width || x > x_min + 0.65 * width {
        return None;
    }
    let (first, last) = (gaps[0].0, gaps[gaps.len() - 1].0);
    if lines[first..=last]
        .iter()
        .any(|(_, ps)| ps.iter().any(|p| p.x0 < x && p.x1 > x))
    {
        return None;
    }
    Some((x, lines[first].0, lines[last].0))
}

/// A cell's text: its glyphs in reading order (lines top to bottom, left to right; vertical
/// text in columns right to left, top to bottom), lines joined with nothing (a wrapped label is
/// one label) unless digits meet across the break.
fn cell_text(gs: &[&PGlyph]) -> String {
    if gs.is_empty() {
        return String::new();
    }
    let vertical = gs.iter().filter(|g| g.vertical).count() * 2 > gs.len();
    if vertical {
        let mut cols: Vec<Vec<&PGlyph>> = Vec::new();
        let mut sorted: Vec<&PGlyph> = gs.to_vec();
        sorted.sort_by(|a, b| b.cx().total_cmp(&a.cx()));
        for g in sorted {
            match cols.last_mut() {
                Some(col) if (col[0].cx() - g.cx()).abs() < g.size * 0.5 => col.push(g),
                _ => cols.push(vec![g]),
            }
        }
        // Text rotated to run up the page reads bottom to top (and its lines left to right).
        let upward = gs.iter().filter(|g| g.upward).count() * 2 > gs.len();
        if upward {
            cols.reverse();
        }
        let mut s = String::new();
        for mut col in cols {
            if upward {
                col.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
            } else {
                col.sort_by(|a, b| b.cy().total_cmp(&a.cy()));
            }
            for g in col {
                s.push_str(&g.text);
            }
        }
        return s;
    }
    let mut s = String::new();
    for line in text_lines(gs) {
        let (t, _) = pieces_joined(&line, 0.5);
        if let (Some(a), Some(b)) = (s.chars().last(), t.chars().next())
            && a.is_ascii_digit()
            && b.is_ascii_digit()
        {
            s.push(' ');
        }
        s.push_str(&t);
    }
    s
}

/// Glyphs grouped into lines (top to bottom), each sorted left to right.
fn text_lines<'g>(gs: &[&'g PGlyph]) -> Vec<Vec<&'g PGlyph>> {
    let mut sorted: Vec<&PGlyph> = gs.to_vec();
    sorted.sort_by(|a, b| b.cy().total_cmp(&a.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, f64, Vec<&PGlyph>)> = Vec::new();
    for g in sorted {
        let cy = g.cy();
        match lines.last_mut() {
            // Same line: the centre within the line's band (the band of its first glyph).
            Some((lo, hi, l)) if cy >= *lo && cy <= *hi => l.push(g),
            _ => {
                let h = (g.y1 - g.y0).max(0.1);
                lines.push((cy - h * 0.4, cy + h * 0.4, vec![g]));
            }
        }
    }
    lines
        .into_iter()
        .map(|(_, _, mut l)| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            l
        })
        .collect()
}

/// A line cut at wide gaps (more than 1.5 em): the pieces with their 1-based character column
/// (a gap counts as one column).
fn pieces(line: &[&PGlyph]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut col = 1u32;
    let mut cur = String::new();
    let mut start = 1u32;
    let mut x0 = line.first().map_or(0.0, |g| g.x0);
    let mut prev: Option<&PGlyph> = None;
    for g in line {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let em = p.size.max(g.size).max(1.0);
            if gap > 1.5 * em {
                out.push(Piece {
                    text: std::mem::take(&mut cur),
                    column: start,
                    x0,
                    x1: p.x1,
                });
                x0 = g.x0;
                col = col.saturating_add(1);
                start = col;
            } else if gap > 0.25 * em && !cur.ends_with(' ') {
                cur.push(' ');
                col = col.saturating_add(1);
            }
        }
        cur.push_str(&g.text);
        col = col.saturating_add(g.text.chars().count() as u32);
        prev = Some(g);
    }
    if !cur.is_empty() {
        out.push(Piece {
            text: cur,
            column: start,
            x0,
            x1: prev.map_or(x0, |p| p.x1),
        });
    }
    out
}

/// A line's text with a space where glyphs stand apart by more than `gap` em.
fn pieces_joined(line: &[&PGlyph], gap: f64) -> (String, ()) {
    let mut s = String::new();
    let mut prev: Option<&PGlyph> = None;
    for g in line {
        if let Some(p) = prev {
            let em = p.size.max(g.size).max(1.0);
            if g.x0 - p.x1 > gap * em {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    (s, ())
}

/// Rules merged: the same position (within [`SNAP`]) and overlapping or touching.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.retain(|s| s.b - s.a >= 1.0 && s.at.is_finite() && s.a.is_finite() && s.b.is_finite());
    segs.sort_by(|p, q| p.at.total_cmp(&q.at).then(p.a.total_cmp(&q.a)));
    // Group by position, then merge the intervals of each group.
    let mut out: Vec<Seg> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].at - segs[j - 1].at <= 1.0 {
            j += 1;
        }
        let mut group: Vec<Seg> = segs[i..j].to_vec();
        let at = group.iter().map(|s| s.at).sum::<f64>() / group.len() as f64;
        group.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut cur = group[0];
        for s in &group[1..] {
            if s.a <= cur.b + SNAP {
                cur.b = cur.b.max(s.b);
            } else {
                out.push(Seg { at, ..cur });
                cur = *s;
            }
        }
        out.push(Seg { at, ..cur });
        i = j;
    }
    out
}

/// Positions within [`SNAP`] of each other clustered to their mean, ascending.
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

fn union(p: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(p, a), find(p, b));
    if ra != rb {
        p[ra.max(rb)] = ra.min(rb);
    }
}

/// Most grid cells a table may have (a page of hatching is not a table).
const MAX_GRID: usize = 20_000;

/// The tables a page draws.
fn tables(page: &PageContent) -> Vec<Table> {
    let h = merge(page.h.clone());
    let v = merge(page.v.clone());
    if h.len() < 2 || v.len() < 2 || h.len() * v.len() > 4_000_000 {
        return Vec::new();
    }
    // Rules that touch are of one table.
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    for (i, hs) in h.iter().enumerate() {
        for (j, vs) in v.iter().enumerate() {
            if vs.at >= hs.a - SNAP
                && vs.at <= hs.b + SNAP
                && hs.at >= vs.a - SNAP
                && hs.at <= vs.b + SNAP
            {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for i in 0..h.len() + v.len() {
        let root = find(&mut parent, i);
        let e = groups.entry(root).or_default();
        if i < h.len() {
            e.0.push(h[i]);
        } else {
            e.1.push(v[i - h.len()]);
        }
    }
    let mut out = Vec::new();
    for (hs, vs) in groups.into_values() {
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let xs = cluster(vs.iter().map(|s| s.at).collect());
        let mut ys = cluster(hs.iter().map(|s| s.at).collect());
        ys.reverse();
        if xs.len() < 2 || ys.len() < 2 || (xs.len() - 1) * (ys.len() - 1) > MAX_GRID {
            continue;
        }
        let (nr, nc) = (ys.len() - 1, xs.len() - 1);
        // The rules at each boundary (each rule is at exactly one: the boundaries are its
        // clustered positions), so a boundary's test looks only at its own rules.
        let bucket = |segs: &[Seg], bounds: &[f64], descending: bool| {
            let mut b: Vec<Vec<Seg>> = vec![Vec::new(); bounds.len()];
            for s in segs {
                let k = if descending {
                    bounds.partition_point(|&y| y > s.at)
                } else {
                    bounds.partition_point(|&x| x < s.at)
                };
                // The nearer of the boundaries either side.
                let near = [k.saturating_sub(1), k.min(bounds.len() - 1)]
                    .into_iter()
                    .min_by(|&i, &j| {
                        (bounds[i] - s.at)
                            .abs()
                            .total_cmp(&(bounds[j] - s.at).abs())
                    })
                    .unwrap_or(0);
                if (bounds[near] - s.at).abs() <= SNAP {
                    b[near].push(*s);
                }
            }
            b
        };
        let (vb, hb) = (bucket(&vs, &xs, false), bucket(&hs, &ys, true));
        let covers =
            |segs: &[Seg], mid: f64| segs.iter().any(|s| s.a - SNAP <= mid && s.b + SNAP >= mid);
        let mut p: Vec<usize> = (0..nr * nc).collect();
        for r in 0..nr {
            let ymid = (ys[r] + ys[r + 1]) / 2.0;
            for c in 0..nc {
                let xmid = (xs[c] + xs[c + 1]) / 2.0;
                if c + 1 < nc && !covers(&vb[c + 1], ymid) {
                    union(&mut p, r * nc + c, r * nc + c + 1);
                }
                if r + 1 < nr && !covers(&hb[r + 1], xmid) {
                    union(&mut p, r * nc + c, (r + 1) * nc + c);
                }
            }
        }
        let mut index = vec![usize::MAX; nr * nc];
        let mut cells = Vec::new();
        let mut owner = vec![0; nr * nc];
        for (k, own) in owner.iter_mut().enumerate() {
            let root = find(&mut p, k);
            if index[root] == usize::MAX {
                index[root] = cells.len();
                // Roots are the smallest index of their set: the top-left grid cell.
                cells.push((root / nc, root % nc));
            }
            *own = index[root];
        }
        // One box (a frame around the page, a boxed paragraph) is not a table: its text is read
        // as text, and the tables inside it as tables.
        if cells.len() < 2 {
            continue;
        }
        out.push(Table {
            xs,
            ys,
            owner,
            cells,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(t: &str, x: f64, y: f64) -> PGlyph {
        PGlyph {
            text: t.into(),
            x0: x,
            x1: x + 8.0,
            y0: y - 2.0,
            y1: y + 8.0,
            size: 10.0,
            vertical: false,
            upward: false,
            turned: false,
        }
    }

    fn grid(xs: &[f64], ys: &[f64]) -> (Vec<Seg>, Vec<Seg>) {
        let h = ys
            .iter()
            .map(|&y| Seg {
                at: y,
                a: xs[0],
                b: *xs.last().unwrap(),
            })
            .collect();
        let v = xs
            .iter()
            .map(|&x| Seg {
                at: x,
                a: *ys.last().unwrap(),
                b: ys[0],
            })
            .collect();
        (h, v)
    }

    #[test]
    fn an_empty_box_is_a_blank_cell_and_boxes_never_share_a_number() {
        let (h, v) = grid(&[0.0, 100.0, 130.0, 160.0, 190.0], &[200.0, 180.0]);
        let page = PageContent {
            glyphs: vec![
                glyph("规", 5.0, 185.0),
                glyph("章", 14.0, 185.0),
                glyph("2", 110.0, 185.0),
                // 130..160 empty
                glyph("1", 166.0, 185.0),
            ],
            h,
            v,
            images: 0,
            broken: false,
        };
        let d = document(&[page]);
        assert_eq!(d.texts(), vec![vec!["规章", "2", "", "1"]]);
        assert_eq!(
            d.lines[0].frags[2].loc,
            Loc {
                page: 1,
                line: 1,
                column: 3
            }
        );
    }

    #[test]
    fn a_missing_rule_merges_cells_and_the_merged_cell_is_given_once() {
        // Two rows; the first column's middle rule is missing (a vertical group label).
        let xs = [0.0, 50.0, 100.0];
        let mut h = vec![
            Seg {
                at: 200.0,
                a: 0.0,
                b: 100.0,
            },
            Seg {
                at: 160.0,
                a: 0.0,
                b: 100.0,
            },
            Seg {
                at: 180.0,
                a: 50.0,
                b: 100.0,
            },
        ];
        h.reverse();
        let v = xs
            .iter()
            .map(|&x| Seg {
                at: x,
                a: 160.0,
                b: 200.0,
            })
            .collect();
        let page = PageContent {
            glyphs: vec![
                glyph("组", 10.0, 178.0),
                glyph("7", 60.0, 188.0),
                glyph("8", 60.0, 166.0),
            ],
            h,
            v,
            images: 0,
            broken: false,
        };
        let d = document(&[page]);
        assert_eq!(d.texts(), vec![vec!["组", "7"], vec!["8"]]);
    }

    #[test]
    fn text_outside_tables_is_cut_at_wide_gaps_and_page_numbers_dropped() {
        let page = PageContent {
            glyphs: vec![
                glyph("一", 0.0, 700.0),
                glyph("、", 9.0, 700.0),
                glyph("5", 80.0, 700.0),
                glyph("-", 300.0, 30.0),
                glyph("3", 312.0, 30.0),
                glyph("-", 324.0, 30.0),
            ],
            ..Default::default()
        };
        let d = document(&[page]);
        assert_eq!(d.texts(), vec![vec!["一、", "5"]]);
    }

    #[test]
    fn numbers_scattered_over_many_columns_are_left_as_they_are() {
        // 2,000 lines, each a number at its own x: not a table (found by the fuzzer: aligning
        // every line to 2,000 columns took 600 MB).
        let glyphs: Vec<PGlyph> = (0..2_000)
            .map(|k| {
                glyph(
                    "7",
                    20.0 + (k % 500) as f64 * 10.0 + k as f64 * 0.01,
                    10_000.0 - k as f64 * 12.0,
                )
            })
            .collect();
        let page = PageContent {
            glyphs,
            ..Default::default()
        };
        let d = document(&[page]);
        assert_eq!(d.lines.len(), 2_000);
        assert!(d.lines.iter().all(|l| l.frags.len() == 1));
    }

    #[test]
    fn a_table_without_rules_takes_its_columns_from_values_and_header() {
        // Header: 名称 | 甲 | 乙 | 丙; rows: 行一 1 · 3 (乙 blank), 行二 4 5 ·  (丙 blank).
        let page = PageContent {
            glyphs: vec![
                glyph("名", 0.0, 700.0),
                glyph("甲", 100.0, 700.0),
                glyph("乙", 150.0, 700.0),
                glyph("丙", 200.0, 700.0),
                glyph("行", 0.0, 680.0),
                glyph("1", 100.0, 680.0),
                glyph("3", 200.0, 680.0),
                glyph("列", 0.0, 660.0),
                glyph("4", 100.0, 660.0),
                glyph("5", 150.0, 660.0),
            ],
            ..Default::default()
        };
        let d = document(&[page]);
        assert_eq!(
            d.texts(),
            vec![
                vec!["名", "甲", "乙", "丙"],
                vec!["行", "1", "", "3"],
                vec!["列", "4", "5", ""],
            ]
        );
    }

    #[test]
    fn two_columns_of_text_are_read_left_column_first() {
        // Eight lines, each a left and a right sentence of six characters.
        let mut glyphs = Vec::new();
        for k in 0..8 {
            let y = 700.0 - k as f64 * 14.0;
            for (i, ch) in "左栏文字内容".chars().enumerate() {
                glyphs.push(glyph(&format!("{ch}{k}"), 50.0 + i as f64 * 10.0, y));
            }
            for (i, ch) in "右栏文字内容".chars().enumerate() {
                glyphs.push(glyph(&format!("{ch}{k}"), 300.0 + i as f64 * 10.0, y));
            }
        }
        let page = PageContent {
            glyphs,
            ..Default::default()
        };
        let d = document(&[page]);
        let texts: Vec<String> = d.lines.iter().map(|l| l.joined().into_owned()).collect();
        assert_eq!(texts.len(), 16, "{texts:?}");
        assert!(texts[..8].iter().all(|t| t.starts_with('左')), "{texts:?}");
        assert!(texts[8..].iter().all(|t| t.starts_with('右')), "{texts:?}");
        assert!(
            texts[8].contains('0') && texts[15].contains('7'),
            "{texts:?}"
        );
    }
}
