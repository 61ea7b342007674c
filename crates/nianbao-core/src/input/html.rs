//! HTML reader: paragraphs become lines of one cell, table rows become lines of their cells.
//!
//! Built on html5gum's WHATWG tokenizer with an emitter of our own (`Sink`): attributes,
//! comments and doctypes are skipped without being collected, tag names are matched from a small
//! buffer, and text is borrowed from the page (only entities and newlines are decoded). Lines are
//! counted from the tokenizer's byte offsets, as html5ever (which this reader was first built on)
//! numbered them: a tag has the line where it ends, and so does a text token. Each cell keeps its
//! line, and its column is found by locating its text on that line. Cells covered by a rowspan or colspan are not repeated (the mapper reads a
//! row's own cells in order, so merged label cells do not shift values). Word-pasted markup
//! (`<span>`, `<font>`, `<o:p>`, one span per character) only wraps text and disappears; `&nbsp;`
//! cells are blank. Script, style, noscript and template content is skipped. Nothing recurses,
//! so deeply nested markup cannot exhaust the stack.

use std::convert::Infallible;

use html5gum::{Emitter, Error as TokenError, State as TokenizerState, Tokenizer};

use super::document::{Document, Frag, Line};
use super::{ReadError, decode_text};
use crate::model::Loc;

/// Most cells one row may have (a colspan cannot blow this up: spans are not expanded).
const MAX_CELLS_PER_ROW: usize = 512;
/// Most lines a document may produce.
use super::MAX_LINES;

/// Decodes an HTML page: BOM, then `<meta charset>` / `content="…; charset=…"`, then UTF-8,
/// then GB18030.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        // Bytes, not text: a label is ASCII, and anything else only ends it.
        let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
        if let Some(p) = memchr::memmem::find(&head, b"charset") {
            let rest = &head[p + 7..];
            let rest = &rest[rest
                .iter()
                .position(|b| !matches!(b, b' ' | b'=' | b'"' | b'\''))
                .unwrap_or(rest.len())..];
            let label = &rest[..rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
                .unwrap_or(rest.len())];
            if let Some(enc) = encoding_rs::Encoding::for_label(label)
                && enc != encoding_rs::UTF_8
            {
                let (s, _, had_errors) = enc.decode(bytes);
                if !had_errors {
                    return Ok(s.into_owned());
                }
            }
        }
    }
    decode_text(bytes)
}

#[derive(Default)]
struct State {
    lines: Vec<Line>,
    /// Paragraph text outside tables, and the line it started on.
    para: String,
    para_line: u32,
    /// Open tables: the row being built (cells), and the cell being built.
    tables: Vec<TableState>,
    /// Scratch for collapsing a cell's whitespace.
    scratch: String,
    skip: u32,
    too_big: bool,
    /// Open elements (approximate: void and implied closes are not tracked exactly).
    depth: usize,
    max_depth: usize,
    too_deep: bool,
}

#[derive(Default)]
struct TableState {
    row: Option<(u32, Vec<Frag>)>,
    /// The line of the cell being built, if one is open, and its text so far.
    cell: Option<u32>,
    text: String,
    /// Where block elements (`<p>`, `<br>`…) broke the open cell's text: (offset in `text`,
    /// line of the tag). Used only if the table turns out to be a layout table.
    breaks: Vec<(usize, u32)>,
    /// A layout table (a page's frame: another table inside one of its cells): its cells hold
    /// paragraphs, read as outside any table.
    layout: bool,
}

/// Elements that break a paragraph outside tables.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"br"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"li"
            | b"ul"
            | b"ol"
            | b"section"
            | b"article"
            | b"title"
            | b"blockquote"
            | b"pre"
            | b"hr"
            | b"header"
            | b"footer"
            | b"center"
            | b"dd"
            | b"dt"
            | b"caption"
    )
}

/// Elements without content (no close expected), for the nesting depth.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"img"
            | b"hr"
            | b"meta"
            | b"link"
            | b"input"
            | b"col"
            | b"area"
            | b"base"
            | b"wbr"
            | b"source"
            | b"o:p"
    )
}

impl State {
    fn push_line(&mut self, no: u32, frags: Vec<Frag>) {
        if self.lines.len() >= MAX_LINES {
            self.too_big = true;
            return;
        }
        self.lines.push(Line { no, frags });
    }

    fn flush_para(&mut self) {
        let t = self.para.trim();
        if !t.is_empty() {
            let no = self.para_line;
            // A table row flattened into a paragraph is cut into cells like a line of text (the
            // page gives no columns for them); other paragraphs are one cell.
            let frags = match super::text::paragraph_row(t, no) {
                Some(mut frags) => {
                    for f in &mut frags {
                        f.loc.column = 0;
                    }
                    frags
                }
                None => vec![Frag::new(
                    t,
                    Loc {
                        page: 0,
                        line: no,
                        column: 0,
                    },
                )],
            };
            self.push_line(no, frags);
        }
        self.para.clear();
    }

    /// The innermost open table, unless it is a layout table (whose text is paragraphs).
    fn data_table(&self) -> Option<&TableState> {
        self.tables.last().filter(|t| !t.layout)
    }

    /// Whether a text token would start something (a paragraph, or a cell for text found outside
    /// any cell), so that its line is needed.
    fn starts_something(&self, s: &str) -> bool {
        if self.skip > 0 {
            return false;
        }
        match self.data_table() {
            Some(t) => t.cell.is_none() && !s.trim().is_empty(),
            None => self.para.is_empty(),
        }
    }

    /// Whether text now only extends what is open (a paragraph or a cell), or is skipped: the
    /// lines of the tokens that follow do not matter.
    fn extends_only(&self) -> bool {
        self.skip > 0
            || match self.data_table() {
                Some(t) => t.cell.is_some(),
                None => !self.para.is_empty(),
            }
    }

    /// The innermost table turns out to be a layout table (a table opens inside its open cell):
    /// what it holds so far (the cells of its open row, the open cell's text) becomes
    /// paragraphs, split where block elements broke the cell, and its text from now on too.
    fn make_layout(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        t.layout = true;
        let cells = t.row.take().map(|(_, cells)| cells).unwrap_or_default();
        let text = std::mem::take(&mut t.text);
        let mut breaks = std::mem::take(&mut t.breaks);
        let first_line = t.cell.take().unwrap_or(0);
        for c in cells {
            self.para.push_str(&c.text);
            self.para_line = c.loc.line;
            self.flush_para();
        }
        breaks.push((text.len(), 0));
        let (mut start, mut line) = (0, first_line);
        for (end, next) in breaks {
            if let Some(piece) = text.get(start..end) {
                self.para.push_str(piece);
                self.para_line = line;
                self.flush_para();
            }
            (start, line) = (end, next);
        }
    }

    fn text(&mut self, s: &str, line: u32) {
        if self.skip > 0 {
            return;
        }
        match self.tables.last_mut().filter(|t| !t.layout) {
            Some(t) => {
                if t.cell.is_none() {
                    // Text directly in a row or table (no cell): ignore whitespace, keep the rest.
                    if s.trim().is_empty() {
                        return;
                    }
                    t.cell = Some(line);
                }
                t.text.push_str(s);
            }
            None => {
                if self.para.is_empty() {
                    self.para_line = line;
                }
                self.para.push_str(s);
            }
        }
    }

    fn end_cell(&mut self) {
        if let Some(t) = self.tables.last_mut()
            && let Some(line) = t.cell.take()
        {
            let row = t.row.get_or_insert_with(|| (line, Vec::new()));
            if row.1.len() < MAX_CELLS_PER_ROW {
                collapse(&t.text, &mut self.scratch);
                row.1.push(Frag::new(
                    self.scratch.as_str(),
                    Loc {
                        page: 0,
                        line,
                        column: 0,
                    },
                ));
            }
            t.text.clear();
            t.breaks.clear();
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(t) = self.tables.last_mut()
            && let Some((no, cells)) = t.row.take()
        {
            self.push_line(no, cells);
        }
    }

    /// A start or end tag; `line` gives the line where it ends. For a start tag whose content is
    /// raw text to skip (script, style…), the tokenizer state to switch to.
    fn tag(
        &mut self,
        name: &[u8],
        start: bool,
        self_closing: bool,
        line: impl FnOnce() -> u32,
    ) -> Option<TokenizerState> {
        if start && !self_closing && !is_void(name) {
            self.depth += 1;
            if self.depth > self.max_depth {
                self.too_deep = true;
            }
        } else if !start {
            self.depth = self.depth.saturating_sub(1);
        }
        match name {
            b"script" | b"style" | b"noscript" | b"template" => {
                if start && !self_closing {
                    self.skip += 1;
                    return Some(if name == b"script" {
                        TokenizerState::ScriptData
                    } else {
                        TokenizerState::RawText
                    });
                } else if !start {
                    self.skip = self.skip.saturating_sub(1);
                }
            }
            b"table" => {
                if start {
                    match self.tables.last() {
                        None => self.flush_para(),
                        Some(t) if t.layout => self.flush_para(),
                        // A table inside a cell: the outer one frames the page.
                        Some(t) if t.cell.is_some() => self.make_layout(),
                        Some(_) => self.end_cell(),
                    }
                    self.tables.push(TableState::default());
                } else if let Some(t) = self.tables.last() {
                    if t.layout {
                        self.flush_para();
                    } else {
                        self.end_row();
                    }
                    self.tables.pop();
                }
            }
            // The rows and cells of a layout table separate paragraphs.
            b"tr" | b"td" | b"th" | b"tbody" | b"thead" | b"tfoot"
                if self.tables.last().is_some_and(|t| t.layout) =>
            {
                self.flush_para()
            }
            b"tr" if !self.tables.is_empty() => {
                self.end_row();
                if start && let Some(t) = self.tables.last_mut() {
                    t.row = Some((line(), Vec::new()));
                }
            }
            b"td" | b"th" if !self.tables.is_empty() => {
                self.end_cell();
                if start && let Some(t) = self.tables.last_mut() {
                    let line = line();
                    if t.row.is_none() {
                        t.row = Some((line, Vec::new()));
                    }
                    t.cell = Some(line);
                }
            }
            b"tbody" | b"thead" | b"tfoot" if !self.tables.is_empty() => self.end_row(),
            n if is_block(n) => match self.tables.last_mut() {
                None => self.flush_para(),
                Some(t) if t.layout => self.flush_para(),
                // Inside a cell, <br> and <p> only break a label's line: the text joins up
                // (where, is kept in case the table frames the page).
                Some(t) => {
                    // (A break before any text splits nothing.)
                    let at = t.text.len();
                    if t.cell.is_some()
                        && at > 0
                        && t.breaks.len() < MAX_LINES
                        && t.breaks.last().is_none_or(|b| b.0 != at)
                    {
                        let l = line();
                        if let Some(t) = self.tables.last_mut() {
                            t.breaks.push((at, l));
                        }
                    }
                }
            },
            _ => {}
        }
        None
    }

    fn eof(&mut self) {
        while !self.tables.is_empty() {
            self.end_row();
            self.tables.pop();
        }
        self.flush_para();
    }
}

/// Collapses whitespace runs inside a cell to one space, trims the ends (into `out`).
fn collapse(s: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
}

/// Line numbers of byte offsets: 1 + the line breaks before the offset (`\n`, `\r\n` and a lone
/// `\r` each count once). Offsets asked for mostly increase, so counting resumes from the last.
struct LineCounter {
    /// Offsets of the line breaks (of the `\r` of a `\r\n`).
    breaks: Vec<usize>,
    /// Breaks before the last offset asked for.
    seen: usize,
}

impl LineCounter {
    fn new(src: &[u8]) -> LineCounter {
        let breaks = memchr::memchr2_iter(b'\n', b'\r', src)
            .filter(|&i| src[i] == b'\r' || i == 0 || src[i - 1] != b'\r')
            .collect();
        LineCounter { breaks, seen: 0 }
    }

    fn line(&mut self, p: usize) -> u32 {
        while self.seen > 0 && self.breaks[self.seen - 1] >= p {
            self.seen -= 1;
        }
        while self.breaks.get(self.seen).is_some_and(|&b| b < p) {
            self.seen += 1;
        }
        (self.seen + 1).min(u32::MAX as usize) as u32
    }
}

/// Longest tag name kept; longer names match nothing the reader knows.
const NAME_CAP: usize = 16;

/// The tokenizer's emitter: tags and text go straight to [`State`]; attributes, comments and
/// doctypes are dropped.
///
/// Text comes as chunks borrowed from the page (known by their address: their offsets follow) or
/// as text the tokenizer made (entities, `\n` for `\r`, a reconsumed character), which ends at
/// the reading position. Text tokens are numbered like html5ever's, whose lines the tests and
/// snapshots record: a token has the line where it ends; a run of text between markup or
/// entities is one token, except that a newline starting it is a token of its own, and so is the
/// character after a carriage return, a named entity or an unknown `&name`, or after a stray `<`.
/// Only the first token of a paragraph, or the first non-blank one outside a cell, has its line
/// used. (html5ever did not count line breaks between an attribute's `=` and its value, so all
/// later lines were one short; they count here.)
struct Sink<'a> {
    html: &'a str,
    src: &'a [u8],
    /// Byte offset in `html` of the tokenizer's reading position.
    pos: usize,
    lines: LineCounter,
    st: &'a mut State,
    start_tag: bool,
    self_closing: bool,
    name: [u8; NAME_CAP],
    name_len: usize,
    /// The element whose end tag ends the raw text being skipped.
    raw_end: &'static [u8],
    /// Offset where a text token of one character starts (see above), if any.
    single_at: usize,
    /// A reconsumed character (its offset, and whether it is a token alone) that the chunk of
    /// page text following it continues.
    pending: Option<(usize, bool)>,
}

impl<'a> Sink<'a> {
    fn new(html: &'a str, pos: usize, st: &'a mut State) -> Sink<'a> {
        Sink {
            html,
            src: html.as_bytes(),
            pos,
            lines: LineCounter::new(html.as_bytes()),
            st,
            start_tag: false,
            self_closing: false,
            name: [0; NAME_CAP],
            name_len: 0,
            raw_end: b"",
            single_at: usize::MAX,
            pending: None,
        }
    }

    /// One text token, `html[a..b]`.
    fn token(&mut self, a: usize, b: usize) {
        let s = &self.html[a..b];
        let line = if self.st.starts_something(s) {
            self.lines.line(b)
        } else {
            0
        };
        self.st.text(s, line);
    }

    /// A chunk of page text `html[a..b]`, as it stands in the page.
    fn page_text(&mut self, mut a: usize, b: usize) {
        let mut single = a == self.single_at;
        if let Some((q, alone)) = self.pending.take() {
            if q + 1 == a {
                // The reconsumed character and this chunk are one token, or the character is one.
                a = q;
                single = alone;
            } else {
                self.flush_pending(q);
            }
        }
        if self.st.extends_only() {
            self.st.text(&self.html[a..b], 0);
            return;
        }
        if single {
            let n = utf8_len(self.src[a]).min(b - a);
            self.token(a, a + n);
            a += n;
        }
        while a < b && self.src[a] == b'\n' && !self.st.extends_only() {
            self.token(a, a + 1);
            a += 1;
        }
        if a < b {
            self.token(a, b);
        }
    }

    /// A reconsumed character that no chunk of page text followed: a token of its own.
    fn flush_pending(&mut self, q: usize) {
        if self.html.is_char_boundary(q + 1) {
            self.token(q, q + 1);
        }
    }

    /// Text the tokenizer made (an entity's characters, a newline for `\r`, a character it
    /// reconsumed, `<` or `&` not starting markup), ending at the reading position.
    fn made_text(&mut self, s: &[u8]) {
        if let Some((q, _)) = self.pending.take() {
            self.flush_pending(q);
        }
        let p = self.pos;
        let before = p.checked_sub(1).map(|i| self.src[i]);
        match *s {
            // NUL in text: html5ever dropped it.
            [0] => {}
            [b'\n'] => {
                self.one(s, p);
                if before == Some(b'\r') {
                    // Like after a carriage return: the next character is a token of its own.
                    self.single_at = p + usize::from(self.src.get(p) == Some(&b'\n'));
                }
            }
            // `<` not starting a tag: emitted once the character after it was read.
            [b'<'] if before == Some(b'<') => self.one(s, p + 1),
            [b'&'] if before == Some(b'&') => self.one(s, p),
            // A character of the page reconsumed after `<` or an entity (or the first byte of
            // one: the chunk that follows has the rest).
            [c] if c >= 0x80 || before == Some(c) => match self.reconsumed(p - 1, c) {
                Reconsumed::Made => self.one(s, p),
                Reconsumed::Alone if c < 0x80 => self.one(s, p),
                Reconsumed::Alone => self.pending = Some((p - 1, true)),
                Reconsumed::Starts => self.pending = Some((p - 1, false)),
            },
            _ => self.one(s, p),
        }
    }

    /// How html5ever tokenized the character at `q`, which html5gum reconsumed: after a stray
    /// `<`, a named entity or an unknown `&name` it was a token of its own (or ended one, on the
    /// same line); after an `&` or a numeric entity it started a run of text.
    fn reconsumed(&self, q: usize, c: u8) -> Reconsumed {
        let body = &self.src[q.saturating_sub(40)..q];
        if body.last() == Some(&b'<') {
            return Reconsumed::Alone;
        }
        let Some(amp) = body.iter().rposition(|&b| b == b'&') else {
            return Reconsumed::Alone;
        };
        let tail = &body[amp + 1..];
        match tail {
            [] if c.is_ascii_alphanumeric() => Reconsumed::Alone,
            [] => Reconsumed::Starts,
            [b'#', rest @ ..] => {
                let (hex, digits) = match rest {
                    [b'x' | b'X', d @ ..] => (true, d),
                    d => (false, d),
                };
                let digit = |b: &u8| {
                    if hex {
                        b.is_ascii_hexdigit()
                    } else {
                        b.is_ascii_digit()
                    }
                };
                if !digits.iter().all(digit) {
                    Reconsumed::Alone
                } else if c == b';' || digit(&c) {
                    // Not reconsumed: the entity's own character, equal to its last byte.
                    Reconsumed::Made
                } else {
                    Reconsumed::Starts
                }
            }
            _ => Reconsumed::Alone,
        }
    }

    /// One made token ending (for its line) at `end`.
    fn one(&mut self, s: &[u8], end: usize) {
        let s = std::str::from_utf8(s).unwrap_or_default();
        let line = if self.st.starts_something(s) {
            self.lines.line(end)
        } else {
            0
        };
        self.st.text(s, line);
    }

    /// Markup other than text follows: a reconsumed character left alone is a token.
    fn end_text(&mut self) {
        if let Some((q, _)) = self.pending.take() {
            self.flush_pending(q);
        }
    }
}

/// See [`Sink::reconsumed`].
enum Reconsumed {
    Alone,
    Starts,
    Made,
}

/// Bytes of the UTF-8 character starting with `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

impl Emitter for Sink<'_> {
    type Token = Infallible;

    fn set_last_start_tag(&mut self, _: Option<&[u8]>) {}

    fn emit_eof(&mut self) {
        self.end_text();
        self.st.eof();
    }

    fn emit_error(&mut self, _: TokenError) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, s: &[u8]) {
        if self.st.skip > 0 || s.is_empty() {
            return;
        }
        // A chunk borrowed from the page itself, or text the tokenizer made.
        let from = (s.as_ptr() as usize).wrapping_sub(self.src.as_ptr() as usize);
        if from < self.src.len() && from + s.len() == self.pos {
            self.page_text(from, self.pos);
        } else {
            self.made_text(s);
        }
    }

    fn init_start_tag(&mut self) {
        self.start_tag = true;
        self.self_closing = false;
        self.name_len = 0;
    }

    fn init_end_tag(&mut self) {
        self.start_tag = false;
        self.self_closing = false;
        self.name_len = 0;
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<TokenizerState> {
        self.end_text();
        let name = if self.name_len <= NAME_CAP {
            &self.name[..self.name_len]
        } else {
            b""
        };
        let (lines, pos) = (&mut self.lines, self.pos);
        let next = self
            .st
            .tag(name, self.start_tag, self.self_closing, || lines.line(pos));
        if next.is_some() {
            self.raw_end = match name {
                b"script" => b"script",
                b"style" => b"style",
                b"noscript" => b"noscript",
                _ => b"template",
            };
        }
        next
    }

    fn emit_current_comment(&mut self) {}

    fn emit_current_doctype(&mut self) {}

    fn set_self_closing(&mut self) {
        self.self_closing = true;
    }

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        let n = self.name_len;
        if let Some(dst) = self.name.get_mut(n..n + s.len()) {
            dst.copy_from_slice(s);
        }
        self.name_len = n.saturating_add(s.len());
    }

    fn push_comment(&mut self, _: &[u8]) {}

    fn push_doctype_name(&mut self, _: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {}

    fn push_attribute_name(&mut self, _: &[u8]) {}

    fn push_attribute_value(&mut self, _: &[u8]) {}

    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        !self.start_tag && self.name_len <= NAME_CAP && self.name[..self.name_len] == *self.raw_end
    }

    fn move_position(&mut self, offset: isize) {
        self.pos = self.pos.wrapping_add_signed(offset);
    }
}

/// Reads an HTML page or fragment (nesting up to 1,024 elements).
pub fn read(html: &str) -> Result<Document, ReadError> {
    read_limited(html, 1024)
}

/// Reads an HTML page or fragment, refusing nesting deeper than `max_depth` elements.
pub fn read_limited(html: &str, max_depth: usize) -> Result<Document, ReadError> {
    let mut st = State {
        max_depth,
        ..State::default()
    };
    // A byte order mark is not text (html5ever dropped it too).
    let from = if html.starts_with('\u{feff}') { 3 } else { 0 };
    let sink = Sink::new(html, from, &mut st);
    let Ok(()) = Tokenizer::new_with_emitter(&html[from..], sink).finish();
    if st.too_big {
        return Err(ReadError::TooComplex(
            "the HTML produces more than 200,000 lines or rows",
        ));
    }
    if st.too_deep {
        return Err(ReadError::TooComplex(
            "the HTML nests elements deeper than the limit (--max-html-depth)",
        ));
    }
    let mut doc = Document {
        lines: st.lines,
        damage: None,
    };
    locate_columns(html, &mut doc);
    Ok(doc)
}

/// How far (bytes) after the previous cell a cell's text is looked for on its source line.
const LOCATE_WINDOW: usize = 8 * 1024;

/// Gives every cell the character column where its text first appears on its source line, in
/// order (so repeated texts get successive positions). Text changed by entities keeps column 1.
fn locate_columns(html: &str, doc: &mut Document) {
    let src: Vec<&str> = html.split('\n').collect();
    // Per source line: the byte offset searched up to, and its character count.
    let mut cursor: Vec<(usize, u32)> = vec![(0, 0); src.len()];
    for line in &mut doc.lines {
        for f in &mut line.frags {
            let l = f.loc.line as usize;
            f.loc.column = 1;
            let Some(s) = src.get(l.wrapping_sub(1)) else {
                continue;
            };
            let (from, from_chars) = cursor[l - 1];
            // The first four characters.
            let probe = match f.text.char_indices().nth(4) {
                Some((end, _)) => &f.text[..end],
                None => f.text.as_str(),
            };
            if probe.is_empty() {
                // A blank cell: just after the previous cell on its line.
                f.loc.column = from_chars + 1;
                continue;
            }
            // Searched within a window after the previous cell: text split by markup (one span
            // per character) is not found contiguously, and scanning to the end of a long line
            // for every such cell would cost more than the whole tokenizing.
            let mut to = (from + LOCATE_WINDOW).min(s.len());
            while !s.is_char_boundary(to) {
                to -= 1;
            }
            if let Some(p) = s
                .get(from..to)
                .and_then(|rest| find(rest.as_bytes(), probe.as_bytes()))
            {
                let at = from + p;
                let at_chars = from_chars + s[from..at].chars().count() as u32;
                f.loc.column = at_chars + 1;
                cursor[l - 1] = (at + probe.len(), at_chars + probe.chars().count() as u32);
            }
        }
    }
}

/// The first occurrence of a short `needle` in `hay` (cheaper than building a searcher for each
/// of many short searches that mostly succeed soon). Candidates are found by the needle's last
/// byte: in CJK text a continuation byte, much rarer than a lead byte.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let k = needle.len().checked_sub(1)?;
    let mut i = k;
    while let Some(d) = hay.get(i..).and_then(|h| memchr::memchr(needle[k], h)) {
        let at = i + d - k;
        if hay[at..at + k] == needle[..k] {
            return Some(at);
        }
        i += d + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<Vec<&str>> {
        d.texts()
    }

    #[test]
    fn tables_and_paragraphs() {
        let d = read("<p>一、总体情况</p><table><tr><td rowspan=2>规章</td><td>0</td><td>&nbsp;</td></tr>\n<tr><td><span>1</span><span>2</span></td></tr></table><p>二、</p>").unwrap();
        assert_eq!(
            texts(&d),
            vec![
                vec!["一、总体情况"],
                vec!["规章", "0", ""],
                vec!["12"],
                vec!["二、"]
            ]
        );
        assert_eq!(d.lines[2].frags[0].loc.line, 2);
        assert_eq!(d.lines[1].frags[1].loc.column, 50);
    }

    #[test]
    fn layout_tables_frame_paragraphs_and_data_tables() {
        // A page framed by a table: a sidebar cell, then a cell holding the title, a paragraph
        // and the report's table; a footer row after it.
        let d = read(concat!(
            "<table><tr><td>栏目导航<br>年度报告</td><td><p>2019年某局年度报告</p><p>一、总体",
            "情况</p>\n<table><tr><td>一、本年新收<br>申请数量</td><td>5</td></tr></table>",
            "<p>四、存在的主要问题</p>文字</td></tr><tr><td>版权所有</td></tr></table>",
            "<table><tr><td>规章</td><td>1</td></tr></table>"
        ))
        .unwrap();
        assert_eq!(
            texts(&d),
            vec![
                // A cell closed before the frame was known is one paragraph.
                vec!["栏目导航年度报告"],
                vec!["2019年某局年度报告"],
                vec!["一、总体情况"],
                // The data table inside: cells as always, a <br> in a label joins it.
                vec!["一、本年新收申请数量", "5"],
                vec!["四、存在的主要问题"],
                vec!["文字"],
                vec!["版权所有"],
                // A table after the frame is a data table again.
                vec!["规章", "1"],
            ]
        );
        assert_eq!(d.lines[3].frags[0].loc.line, 2);
    }

    #[test]
    fn table_rows_flattened_into_paragraphs_are_cut_into_cells() {
        let d = read(concat!(
            "<p>一、本年新收政府信息公开申请数量 3001 53 0 0</p>\n",
            "<p>61&nbsp;4 / 3119</p>\n",
            "<div>二、上年结转<br>34 0 0 0 0 0 34</div>\n",
            "<p>全年共收到申请 12 件，同比 增长 5%</p><p>一、总体情况</p>"
        ))
        .unwrap();
        assert_eq!(
            texts(&d),
            vec![
                vec!["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0"],
                vec!["61", "4", "/", "3119"],
                vec!["二、上年结转"],
                vec!["34", "0", "0", "0", "0", "0", "34"],
                // Prose and headings stay one cell each.
                vec!["全年共收到申请 12 件，同比 增长 5%"],
                vec!["一、总体情况"],
            ]
        );
        assert_eq!(d.lines[3].frags[6].loc.line, 3);
    }

    #[test]
    fn implicit_closes_and_scripts() {
        let d =
            read("<script>var s = '<td>9</td>';</script><table><tr><td>a<td>b<tr><td>c</table>")
                .unwrap();
        assert_eq!(texts(&d), vec![vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn charset_from_meta() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>总体情况</p>");
        assert!(decode(&gbk).unwrap().contains("总体情况"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = "<div>".repeat(1000) + "x" + &"</div>".repeat(1000);
        assert_eq!(texts(&read(&html).unwrap()), vec![vec!["x"]]);
        let deep = "<div>".repeat(100_000) + "x";
        assert!(matches!(read(&deep), Err(ReadError::TooComplex(_))));
        assert!(read_limited(&html, 10).is_err());
    }

    fn locs(d: &Document) -> Vec<Vec<(u32, u32)>> {
        d.lines
            .iter()
            .map(|l| l.frags.iter().map(|f| (f.loc.line, f.loc.column)).collect())
            .collect()
    }

    #[test]
    fn columns_of_cells_with_entities_and_markup() {
        let d = read("<table><tr><td>a&amp;b</td><td>规章</td><td>&nbsp;</td><td>x<span>y</span>z</td><td>&lt;5</td><td>5</td></tr></table>").unwrap();
        assert_eq!(texts(&d), vec![vec!["a&b", "规章", "", "xyz", "<5", "5"]]);
        // Text changed by an entity or split by markup is not found on the line: column 1. A
        // blank cell is just after the previous cell; a column counts characters, not bytes.
        assert_eq!(
            locs(&d),
            vec![vec![(1, 1), (1, 32), (1, 34), (1, 1), (1, 1), (1, 87)]]
        );
    }

    #[test]
    fn raw_text_is_skipped_but_title_and_textarea_are_text() {
        let d = read("<title>标题</title><style>td{}</style><noscript><p>x</p></noscript><template><td>9</td></template><script><!--<script>a</script>b--></script><textarea>文本</textarea><p>正文</p>").unwrap();
        assert_eq!(texts(&d), vec![vec!["标题"], vec!["文本"], vec!["正文"]]);
    }

    #[test]
    fn lines_of_text_tokens_and_tags() {
        // A text token has the line where it ends (a newline opening one is its own token); a
        // cell has the line where its <td> ends. CRLF counts once.
        let lf =
            "<p>a\nb</p>\n<p>\nc</p><table><tr>\n<td>d</td></tr><tr><td\n>e\nf</td></tr></table>";
        let d = read(lf).unwrap();
        assert_eq!(
            texts(&d),
            vec![vec!["a\nb"], vec!["c"], vec!["d"], vec!["e f"]]
        );
        assert_eq!(
            d.lines.iter().map(|l| l.no).collect::<Vec<_>>(),
            vec![2, 4, 4, 5]
        );
        assert_eq!(
            locs(&d),
            vec![vec![(2, 1)], vec![(4, 1)], vec![(5, 3)], vec![(6, 1)]]
        );
        let d = read(&lf.replace('\n', "\r\n")).unwrap();
        assert_eq!(
            locs(&d),
            vec![vec![(1, 1)], vec![(4, 1)], vec![(5, 3)], vec![(6, 1)]]
        );
    }

    #[test]
    fn line_breaks_after_an_equals_sign_count() {
        // html5ever did not count them (every later line was one short); they count now.
        let d =
            read("<table><tr><td width=\n\"1\">x</td></tr>\n<tr><td>y</td></tr></table>").unwrap();
        assert_eq!(locs(&d), vec![vec![(2, 5)], vec![(3, 9)]]);
    }

    #[test]
    fn bom_nul_and_stray_less_than() {
        // A `<` not starting a tag is text, on the line of the character after it.
        let d = read("\u{feff}<p>a\0b &lt; c < d</p><p><\ny</p>").unwrap();
        assert_eq!(texts(&d), vec![vec!["ab < c < d"], vec!["<\ny"]]);
        assert_eq!(locs(&d), vec![vec![(1, 1)], vec![(2, 1)]]);
    }

    #[test]
    fn nesting_limit_counts_open_elements() {
        let ok = "<div>".repeat(10) + "<br><o:p><img src=x><p/>x" + &"</div>".repeat(10);
        assert!(read_limited(&ok, 10).is_ok());
        let deep = "<div>".repeat(11) + "x";
        assert!(matches!(
            read_limited(&deep, 10),
            Err(ReadError::TooComplex(m)) if m.contains("deeper")
        ));
        // Closed elements do not add up.
        assert!(read_limited(&"<span>x</span>".repeat(100), 10).is_ok());
    }
}
