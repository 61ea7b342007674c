//! Plain-text reader: one [`Line`] per text line.
//!
//! Cells are split at tabs (text copied from Word), at `|` (markdown tables from converters), or,
//! when a line has neither, at runs of whitespace (text extracted from PDF). Page numbers and
//! footers (`- 3 -`, `— 12 —`, `第 3 页`) and markdown separator rows become empty lines, so they
//! never land inside a table. Every cell keeps its line and character column.

use super::COUNT_BLOCK;
use super::document::{Document, Frag, Line};
use crate::model::Loc;

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// The length in bytes of the [`is_space`] character starting at byte `i` of `b` (valid UTF-8),
/// or 0: Unicode's white space (ASCII, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
/// U+202F, U+205F, U+3000) and U+FEFF, recognised from their bytes without decoding.
#[inline]
fn space_at(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b' ' | b'\t'..=b'\r' => 1,
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        0xEF if at(1) == 0xBB && at(2) == 0xBF => 3,
        _ => 0,
    }
}

/// The first bytes of the [`is_space`] characters in UTF-8 (a test checks every character).
pub(crate) const SPACE_LEAD_BYTES: [u8; 11] = [
    b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3, 0xEF,
];

/// Per first byte of a character: 0 when a space can start with it (look closer), else the
/// character's length in bytes (skip it whole).
const STEP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => 0,
            0..0xC0 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        b += 1;
    }
    t
};

/// The byte range of the next [`is_space`] character of `b` at or after `i`, or None.
#[inline]
fn next_space(b: &[u8], mut i: usize) -> Option<(usize, usize)> {
    while i < b.len() {
        let step = STEP[b[i] as usize];
        if step != 0 {
            i += step as usize;
            continue;
        }
        match space_at(b, i) {
            // Not a space: a control byte would have been one, so this starts a character of
            // two (0xC2) or three bytes (0xE1–0xEF), skipped whole.
            0 => i += if b[i] == 0xC2 { 2 } else { 3 },
            n => return Some((i, i + n)),
        }
    }
    None
}

/// `s` split at every [`is_space`] character (as `str::split(is_space)`, without decoding).
pub(crate) fn split_spaces(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match next_space(b, start) {
            Some((at, end)) => {
                let piece = &s[start..at];
                start = end;
                Some(piece)
            }
            None => {
                done = true;
                Some(&s[start..])
            }
        }
    })
}

/// A page number or footer line.
pub fn is_page_marker(line: &str) -> bool {
    if line.len() > 64 || !may_start_marker(line) {
        return false;
    }
    let first = line.chars().find(|c| !is_space(*c));
    if !matches!(first, Some('-' | '—' | '–' | '－' | '―' | '─' | '第')) {
        return false;
    }
    // The line without spaces (at most 64 bytes, checked above: on the stack).
    let mut buf = [0u8; 64];
    let mut len = 0;
    for piece in split_spaces(line) {
        buf[len..len + piece.len()].copy_from_slice(piece.as_bytes());
        len += piece.len();
    }
    let Ok(t) = std::str::from_utf8(&buf[..len]) else {
        return false;
    };
    if t.is_empty() {
        return false;
    }
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '―' | '─');
    let inner = t.trim_start_matches(dashes).trim_end_matches(dashes);
    if t.starts_with(dashes)
        && t.ends_with(dashes)
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit())
        && inner.len() <= 4
    {
        return true;
    }
    // 第 3 页 / 第3页 共10页 / 3/10
    if let Some(rest) = t.strip_prefix('第') {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with('页') {
            let tail = &rest[digits + '页'.len_utf8()..];
            return tail.is_empty() || (tail.starts_with('共') && tail.ends_with('页'));
        }
    }
    false
}

/// Whether the first byte of `line` can start a page marker: a dash, `第`, or a space (look
/// further). Most lines start with an ideograph or a digit and are settled here.
#[inline]
fn may_start_marker(line: &str) -> bool {
    match line.as_bytes().first() {
        // '-'; '—' '–' '―' (E2 80 ..) and '─' (E2 94 80); '－' (EF BC 8D); '第' (E7 AC AC).
        Some(&b) => b == b'-' || b == 0xE2 || b == 0xEF || b == 0xE7 || STEP[b as usize] == 0,
        None => false,
    }
}

/// A table rule line: markdown's separator row `|---|:--:|`, or a rule drawn with box characters.
fn is_md_separator(line: &str) -> bool {
    // It starts with '|' after white space (ASCII, or a space STEP looks closer at).
    if !line
        .as_bytes()
        .first()
        .is_some_and(|&b| b == b'|' || STEP[b as usize] == 0)
    {
        return false;
    }
    is_rule(line.trim())
}

/// [`is_md_separator`] of a trimmed line, without the first-byte gate.
fn is_rule(t: &str) -> bool {
    let boxed = |c: char| ('\u{2500}'..='\u{257F}').contains(&c) || c == '｜';
    (t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t')))
        // A rule drawn with box characters: `├──┼──┤`, `┌───┬───┐`.
        || (t.starts_with(boxed)
            && t.chars().filter(|c| !is_space(*c)).nth(1).is_some()
            && t.chars().any(|c| matches!(c, '─' | '━' | '═' | '-'))
            && t.chars().all(|c| boxed(c) || matches!(c, '|' | '-' | '+' | ':') || is_space(c)))
}

/// The pipes other than `|` that cut a line into cells: box drawing `│` `┃` and the full-width
/// `｜` (converters that draw tables with them; three bytes each).
const WIDE_PIPES: [char; 3] = ['│', '┃', '｜'];

/// Whether one of [`WIDE_PIPES`] starts at byte `i`.
#[inline]
fn wide_pipe_at(b: &[u8], i: usize) -> bool {
    matches!(
        b.get(i..i + 3),
        Some([0xE2, 0x94, 0x82 | 0x83] | [0xEF, 0xBD, 0x9C])
    )
}

/// Whether a line starts with `|` or one of [`WIDE_PIPES`] (after white space).
fn starts_with_pipe(line: &str) -> bool {
    line.trim_start()
        .starts_with(|c| c == '|' || WIDE_PIPES.contains(&c))
}

/// How a line is cut into cells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// At every tab; pieces are trimmed and empty ones kept.
    Tab,
    /// At every `|`; pieces are trimmed and empty ones kept.
    Pipe,
    /// At every [`is_space`] character; empty pieces are dropped.
    Spaces,
}

/// Per first byte of a character: 0 when it may be a space, a tab or a pipe (look closer), else
/// the character's length in bytes.
const CELL_STEP: [u8; 256] = {
    let mut t = STEP;
    t[b'|' as usize] = 0;
    t
};

/// Cuts `raw` into cells in one pass over its characters, counting character columns on the way
/// (as `split`, then trimming spaces, then counting characters before each piece would).
/// Returns the cells and whether one of them is `增` or `减`.
fn split_line(raw: &str, no: u32, sep: Sep, out: &mut Vec<Frag>) -> bool {
    let b = raw.as_bytes();
    let mut change_word = false;
    let mut push = |out: &mut Vec<Frag>, text: &str, col: u32| {
        change_word |= matches!(text, "增" | "减");
        out.push(Frag::new(
            text,
            Loc {
                page: 0,
                line: no,
                column: col,
            },
        ));
    };
    // The current piece's first and end byte of non-space text, and its first character's
    // 1-based column (`start == end`: none yet).
    let (mut start, mut end, mut start_col) = (0usize, 0usize, 0u32);
    let mut col = 1u32;
    let mut i = 0;
    while i < b.len() {
        let step = CELL_STEP[b[i] as usize] as usize;
        let len = if step != 0 {
            step
        } else {
            let sep_len = match sep {
                Sep::Tab => usize::from(b[i] == b'\t'),
                Sep::Pipe if b[i] == b'|' => 1,
                Sep::Pipe if wide_pipe_at(b, i) => 3,
                Sep::Pipe | Sep::Spaces => 0,
            };
            let is_sep = sep_len != 0;
            let space = if is_sep { 0 } else { space_at(b, i) };
            if is_sep || (sep == Sep::Spaces && space != 0) {
                if start != end {
                    push(out, &raw[start..end], start_col);
                } else if sep != Sep::Spaces {
                    // An empty piece sits where trimming stopped: at the separator.
                    push(out, "", col);
                }
                start = end;
                i += if is_sep { sep_len } else { space };
                col += 1;
                continue;
            }
            if space != 0 {
                i += space;
                col += 1;
                continue;
            }
            // Not a space: a character of text (its length from its first byte).
            STEP_ANY[b[i] as usize] as usize
        };
        if start == end {
            start = i;
            start_col = col;
        }
        i += len;
        col += 1;
        // The rest of a run of text characters.
        while i < b.len() {
            let step = CELL_STEP[b[i] as usize] as usize;
            if step == 0 {
                break;
            }
            i += step;
            col += 1;
        }
        end = i;
    }
    if start != end {
        push(out, &raw[start..end], start_col);
    } else if sep != Sep::Spaces {
        push(out, "", col);
    }
    change_word
}

/// The length in bytes of the character starting with each byte (1 for continuation bytes,
/// which valid UTF-8 never starts a character with).
const STEP_ANY: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            0..0xC0 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        b += 1;
    }
    t
};

/// The cells of a line as the straightforward definition has them (for tests): split, trim,
/// count characters.
#[cfg(test)]
fn split_line_by_definition(raw: &str, no: u32, sep: Sep) -> Vec<Frag> {
    let pieces: Vec<&str> = match sep {
        Sep::Tab => raw.split('\t').collect(),
        Sep::Pipe => raw.split(|c| c == '|' || WIDE_PIPES.contains(&c)).collect(),
        Sep::Spaces => raw.split(is_space).collect(),
    };
    let mut frags = Vec::new();
    let mut col = 1u32;
    for piece in pieces {
        let t = piece.trim_matches(is_space);
        let lead = piece.len() - piece.trim_start_matches(is_space).len();
        if !(sep == Sep::Spaces && t.is_empty()) {
            let column = col + piece[..lead].chars().count() as u32;
            frags.push(Frag::new(
                t,
                Loc {
                    page: 0,
                    line: no,
                    column,
                },
            ));
        }
        col += piece.chars().count() as u32 + 1;
    }
    frags
}

/// The cells of a line (one allocation, of the right size, through `scratch`).
fn cells(raw: &str, no: u32, sep: Sep, scratch: &mut Vec<Frag>) -> (Vec<Frag>, bool) {
    let change_word = split_line(raw, no, sep, scratch);
    let frags = if scratch.is_empty() {
        Vec::new()
    } else {
        let mut frags = Vec::with_capacity(scratch.len());
        frags.append(scratch);
        frags
    };
    (frags, change_word)
}

/// Most spaces, tabs and pipes a text may have (each can start a cell).
const MAX_SEPARATORS: usize = 1_000_000;

/// How many newlines and how many separators (space, tab, `|`) `bytes` has: one pass over
/// blocks of [`COUNT_BLOCK`] bytes into byte-wide counters, which the compiler vectorizes (the
/// matches are too frequent for memchr's search to pay).
fn count_newlines_separators(bytes: &[u8]) -> (usize, usize) {
    let (mut newlines, mut separators) = (0usize, 0usize);
    for block in bytes.chunks(COUNT_BLOCK) {
        let (n, s) = block.iter().fold((0u8, 0u8), |(n, s), &b| {
            (
                n + u8::from(b == b'\n'),
                s + u8::from(b == b' ' || b == b'\t' || b == b'|'),
            )
        });
        newlines += n as usize;
        separators += s as usize;
    }
    (newlines, separators)
}

/// Reads plain text, refusing more than [`super::MAX_LINES`] lines (a real report has a few
/// thousand; millions of empty lines would cost memory out of proportion to the input).
pub fn read_checked(text: &str) -> Result<Document, super::ReadError> {
    // Counted before any line is built.
    let (newlines, separators) = count_newlines_separators(text.as_bytes());
    if newlines >= super::MAX_LINES {
        return Err(super::ReadError::TooComplex(
            "the text has more than 200,000 lines",
        ));
    }
    if separators >= MAX_SEPARATORS {
        return Err(super::ReadError::TooComplex(
            "the text has more than 1,000,000 cell separators",
        ));
    }
    Ok(read_lines(text, newlines + 1))
}

/// `增`/`减` split from their number by a space (`减 8`: the 2019 本年增/减 column) become one cell
/// again, so the word does not join the row's label and shift its values.
fn join_change_words(frags: Vec<Frag>) -> Vec<Frag> {
    if !frags.iter().any(|f| matches!(f.text.as_str(), "增" | "减")) {
        return frags;
    }
    // One pass, linear in the cells.
    let mut out: Vec<Frag> = Vec::with_capacity(frags.len());
    for f in frags {
        match out.last_mut() {
            Some(word)
                if matches!(word.text.as_str(), "增" | "减")
                    && f.kind == super::document::FragKind::Number =>
            {
                *word = Frag::new(format!("{}{}", word.text, f.text), word.loc);
            }
            _ => out.push(f),
        }
    }
    out
}

/// Reads plain text (no line limit: see [`read_checked`]).
pub fn read(text: &str) -> Document {
    read_lines(text, 0)
}

/// `text` split at every `\n` (as `str::split('\n')`, whose searcher checks each match with
/// memcmp).
fn split_newlines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match ends.next() {
            Some(end) => {
                // A `\n` byte is always a character boundary.
                let line = &text[start..end];
                start = end + 1;
                Some(line)
            }
            None => {
                done = true;
                Some(&text[start..])
            }
        }
    })
}

/// Reads plain text with room for `lines` lines.
fn read_lines(text: &str, lines: usize) -> Document {
    let mut lines = Vec::with_capacity(lines);
    let mut scratch = Vec::new();
    for (i, raw) in split_newlines(text).enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let no = (i + 1) as u32;
        // Markdown headings from converters: "## 一、总体情况" is the heading's text. The marker is
        // blanked (not removed) so columns stay those of the source.
        let unmarked;
        let raw = if raw.starts_with('#') {
            let hashes = raw.len() - raw.trim_start_matches('#').len();
            if (1..=6).contains(&hashes) && raw[hashes..].starts_with(' ') {
                unmarked = format!("{}{}", " ".repeat(hashes), &raw[hashes..]);
                unmarked.as_str()
            } else {
                raw
            }
        } else {
            raw
        };
        let frags = line_cells(raw, no, &mut scratch);
        lines.push(Line { no, frags });
    }
    Document {
        lines,
        damage: None,
    }
}

/// The cells of one line of text (line `no`): none for a page marker or a markdown separator
/// row; else cut at tabs, at pipes (a line starting with one) or at runs of spaces.
fn line_cells(raw: &str, no: u32, scratch: &mut Vec<Frag>) -> Vec<Frag> {
    if is_page_marker(raw) || is_md_separator(raw) {
        Vec::new()
    } else if memchr::memchr(b'\t', raw.as_bytes()).is_some() {
        cells(raw, no, Sep::Tab, scratch).0
    } else if starts_with_pipe(raw) {
        let mut f = cells(raw, no, Sep::Pipe, scratch).0;
        // The empty pieces before the first and after the last pipe.
        if f.first().is_some_and(|x| x.text.is_empty()) {
            f.remove(0);
        }
        if raw
            .trim_end()
            .ends_with(|c| c == '|' || WIDE_PIPES.contains(&c))
            && f.last().is_some_and(|x| x.text.is_empty())
        {
            f.pop();
        }
        f
    } else {
        match cells(raw, no, Sep::Spaces, scratch) {
            (f, true) => join_change_words(f),
            (f, false) => f,
        }
    }
}

/// A paragraph of a web page or Word file that carries a table row as text (`一、本年新收…数量
/// 3001 53 0 0`, or values alone: `61 4 3119`: a table flattened into paragraphs) cut into
/// cells as a line of text is; None for other paragraphs (prose, headings), which stay one cell.
/// A row is told by its last space-separated piece being a value (number, placeholder). The
/// cells' columns are their character columns in `text`.
pub(crate) fn paragraph_row(text: &str, no: u32) -> Option<Vec<Frag>> {
    // Prose ends with punctuation no value ends with.
    if text.ends_with([
        '。', '；', '，', '：', '！', '）', '”', '》', '、', ')', '.', ':',
    ]) {
        return None;
    }
    // The last piece is looked for in the paragraph's last bytes only (a value is short), so
    // long prose costs nothing.
    let mut from = text.len().saturating_sub(VALUE_MAX_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let (_, last) = text[from..].rsplit_once(is_space)?;
    if !super::document::FragKind::of(last).is_value() || text.contains('\n') {
        return None;
    }
    Some(line_cells(text, no, &mut Vec::new()))
}

/// The longest last piece [`paragraph_row`] considers (a value: a number, a placeholder, a sum
/// of money with its unit).
const VALUE_MAX_BYTES: usize = 48;

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(l: &Line) -> Vec<&str> {
        l.frags.iter().map(|f| f.text.as_str()).collect()
    }

    proptest::proptest! {
        #[test]
        fn byte_level_spaces_agree_with_char_is_space(
            s in "[ a1一\t\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}\u{e0}\u{20ac}\u{ff10}]{0,16}"
        ) {
            let fast: Vec<&str> = split_spaces(&s).collect();
            let slow: Vec<&str> = s.split(is_space).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    proptest::proptest! {
        #[test]
        fn newline_and_separator_counts_agree_with_filters(s in "[ a\t\n|一\u{3000}]{0,600}") {
            let b = s.as_bytes();
            proptest::prop_assert_eq!(
                count_newlines_separators(b),
                (
                    b.iter().filter(|&&x| x == b'\n').count(),
                    b.iter().filter(|&&x| matches!(x, b' ' | b'\t' | b'|')).count()
                )
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_cells_agree_with_their_definition(
            s in "[ a1一|│┃｜─\u{2502}\u{ff5d}\t\r\u{b}\u{85}\u{a0}\u{1680}\u{2000}\u{200b}\u{2028}\u{3000}\u{feff}\u{e0}\u{20ac}\u{ff10}\u{1f600}增减]{0,24}"
        ) {
            for sep in [Sep::Tab, Sep::Pipe, Sep::Spaces] {
                let mut fast = Vec::new();
                let change = split_line(&s, 7, sep, &mut fast);
                let slow = split_line_by_definition(&s, 7, sep);
                proptest::prop_assert_eq!(
                    change,
                    slow.iter().any(|f| matches!(f.text.as_str(), "增" | "减"))
                );
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn newline_split_agrees_with_str_split(s in "[a\n\r一]{0,16}") {
            let fast: Vec<&str> = split_newlines(&s).collect();
            let slow: Vec<&str> = s.split('\n').collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn every_space_starts_with_a_space_lead_byte() {
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| is_space(*c))
        {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(SPACE_LEAD_BYTES.contains(&first), "{c:?}");
            assert_eq!(STEP[first as usize], 0, "{c:?}");
        }
        for b in SPACE_LEAD_BYTES {
            assert_eq!(STEP[b as usize], 0);
        }
    }

    #[test]
    fn splits_tabs_with_positions() {
        let d = read("标题\n规章\t0\t 12\n\r\n");
        assert_eq!(d.lines.len(), 4);
        let l = &d.lines[1];
        assert_eq!(texts(l), ["规章", "0", "12"]);
        assert_eq!(
            l.frags[2].loc,
            Loc {
                page: 0,
                line: 2,
                column: 7
            }
        );
        assert!(d.lines[2].is_empty());
    }

    #[test]
    fn splits_spaces_and_pipes() {
        let d = read("规章 0  0 0\n| 规范性文件 | 13 |  | 55 |\n|---|---|\n");
        assert_eq!(texts(&d.lines[0]), ["规章", "0", "0", "0"]);
        assert_eq!(d.lines[0].frags[2].loc.column, 7);
        assert_eq!(texts(&d.lines[1]), ["规范性文件", "13", "", "55"]);
        assert!(d.lines[2].is_empty());
    }

    #[test]
    fn millions_of_lines_are_refused_before_any_is_built() {
        let flood = "a\n".repeat(super::super::MAX_LINES);
        assert!(matches!(
            read_checked(&flood),
            Err(super::super::ReadError::TooComplex(_))
        ));
        assert!(matches!(
            read_checked(&"a ".repeat(MAX_SEPARATORS)),
            Err(super::super::ReadError::TooComplex(_))
        ));
        let fine = "a\n".repeat(1000);
        assert_eq!(read_checked(&fine).unwrap().lines.len(), 1001);
    }

    proptest::proptest! {
        #[test]
        fn line_gates_agree_with_their_definitions(
            s in "[ \t|:\u{3000}\u{a0}\u{2028}\u{feff}\u{85}\\-—–－―─├┼│｜+第页共3a一\u{e000}]{0,12}"
        ) {
            // The gate lets through every line whose first non-space character may start one.
            let first = s.chars().find(|c| !is_space(*c));
            if matches!(first, Some('-' | '—' | '–' | '－' | '―' | '─' | '第')) {
                proptest::prop_assert!(may_start_marker(&s));
            }
            // The first-byte gate drops no rule line.
            proptest::prop_assert_eq!(is_md_separator(&s), is_rule(s.trim()));
        }
    }

    #[test]
    fn box_drawn_tables_are_cut_at_their_pipes_and_rules_dropped() {
        let d = read(concat!(
            "┌──────┬────┐\n",
            "│（一）予以公开│5│0│\n",
            "├──────┼────┤\n",
            "｜规章｜1｜｜3｜\n",
            "└──────┴────┘\n",
            "──\n",
            "-\n",
        ));
        let t: Vec<Vec<&str>> = d.lines.iter().map(texts).collect();
        assert_eq!(
            t,
            vec![
                vec![],
                vec!["（一）予以公开", "5", "0"],
                vec![],
                vec!["规章", "1", "", "3"],
                vec![],
                vec![],
                // A lone dash is a cell (a placeholder printed one cell a line), not a rule.
                vec!["-"],
                vec![],
            ]
        );
        assert_eq!(d.lines[1].frags[1].loc.column, 10);
    }

    #[test]
    fn page_markers_are_dropped() {
        for m in ["- 3 -", "— 12 —", "－4－", "第 3 页", "第3页共10页"] {
            assert!(is_page_marker(m), "{m}");
        }
        for m in ["-8", "3", "0 0 0", "第二十条第（一）项", "- -"] {
            assert!(!is_page_marker(m), "{m}");
        }
        assert!(read("a\n- 4 -\nb").lines[1].is_empty());
    }
}
