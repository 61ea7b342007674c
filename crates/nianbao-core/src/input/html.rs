//! HTML reader: paragraphs become lines of one cell, table rows become lines of their cells.
//!
//! Built on html5ever's tokenizer, which reports the source line of every token: each cell keeps
//! its line, and its column is found by locating its text on that line. Cells covered by a
//! rowspan or colspan are not repeated (the mapper reads a row's own cells in order, so merged
//! label cells do not shift values). Word-pasted markup (`<span>`, `<font>`, `<o:p>`, one span per
//! character) only wraps text and disappears; `&nbsp;` cells are blank. Script and style content
//! is skipped. Nothing recurses, so deeply nested markup cannot exhaust the stack.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

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
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
        if let Some(p) = head.find("charset") {
            let rest = head[p + 7..].trim_start_matches([' ', '=', '"', '\'']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes())
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
    skip: u32,
    too_big: bool,
    /// Open elements (approximate: void and implied closes are not tracked exactly).
    depth: usize,
    max_depth: usize,
    too_deep: bool,
}

#[derive(Default)]
struct TableState {
    row: Option<(u32, Vec<(String, u32)>)>,
    cell: Option<(String, u32)>,
}

struct Sink {
    st: RefCell<State>,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "title",
    "blockquote",
    "pre",
    "hr",
    "header",
    "footer",
    "center",
    "dd",
    "dt",
    "caption",
];

impl State {
    fn push_line(&mut self, no: u32, frags: Vec<(String, u32)>) {
        if self.lines.len() >= MAX_LINES {
            self.too_big = true;
            return;
        }
        let frags = frags
            .into_iter()
            .map(|(text, line)| Frag::new(text, Loc { line, column: 0 }))
            .collect();
        self.lines.push(Line { no, frags });
    }

    fn flush_para(&mut self) {
        let t = self.para.trim().to_string();
        self.para.clear();
        if !t.is_empty() {
            let no = self.para_line;
            self.push_line(no, vec![(t, no)]);
        }
    }

    fn text(&mut self, s: &str, line: u32) {
        if self.skip > 0 {
            return;
        }
        match self.tables.last_mut() {
            Some(t) => {
                if t.cell.is_none() {
                    // Text directly in a row or table (no cell): ignore whitespace, keep the rest.
                    if s.trim().is_empty() {
                        return;
                    }
                    t.cell = Some((String::new(), line));
                }
                if let Some((c, _)) = t.cell.as_mut() {
                    c.push_str(s);
                }
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
            && let Some((text, line)) = t.cell.take()
        {
            let row = t.row.get_or_insert_with(|| (line, Vec::new()));
            if row.1.len() < MAX_CELLS_PER_ROW {
                row.1.push((collapse(&text), line));
            }
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
}

/// Collapses whitespace runs inside a cell to one space, trims the ends.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let line = line_number.min(u32::MAX as u64) as u32;
        let mut st = self.st.borrow_mut();
        match token {
            Token::CharacterTokens(t) => st.text(&t, line),
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let start = tag.kind == TagKind::StartTag;
                const VOID: &[&str] = &[
                    "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr",
                    "source", "o:p",
                ];
                if start && !tag.self_closing && !VOID.contains(&name) {
                    st.depth += 1;
                    if st.depth > st.max_depth {
                        st.too_deep = true;
                    }
                } else if !start {
                    st.depth = st.depth.saturating_sub(1);
                }
                match name {
                    "script" | "style" | "noscript" | "template" => {
                        if start && !tag.self_closing {
                            st.skip += 1;
                            return TokenSinkResult::RawData(if name == "script" {
                                RawKind::ScriptData
                            } else {
                                RawKind::Rawtext
                            });
                        } else if !start {
                            st.skip = st.skip.saturating_sub(1);
                        }
                    }
                    "table" => {
                        if start {
                            if st.tables.is_empty() {
                                st.flush_para();
                            } else {
                                st.end_cell();
                            }
                            st.tables.push(TableState::default());
                        } else if !st.tables.is_empty() {
                            st.end_row();
                            st.tables.pop();
                        }
                    }
                    "tr" if !st.tables.is_empty() => {
                        st.end_row();
                        if start && let Some(t) = st.tables.last_mut() {
                            t.row = Some((line, Vec::new()));
                        }
                    }
                    "td" | "th" if !st.tables.is_empty() => {
                        st.end_cell();
                        if start && let Some(t) = st.tables.last_mut() {
                            if t.row.is_none() {
                                t.row = Some((line, Vec::new()));
                            }
                            t.cell = Some((String::new(), line));
                        }
                    }
                    "tbody" | "thead" | "tfoot" if !st.tables.is_empty() => st.end_row(),
                    // Inside a cell, <br> and <p> only break a label's line: the text joins up.
                    n if BLOCKS.contains(&n) && st.tables.is_empty() => st.flush_para(),
                    _ => {}
                }
            }
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::ParseError(_) => {}
            Token::EOFToken => {
                while !st.tables.is_empty() {
                    st.end_row();
                    st.tables.pop();
                }
                st.flush_para();
            }
        }
        TokenSinkResult::Continue
    }
}

/// Reads an HTML page or fragment (nesting up to 1,024 elements).
pub fn read(html: &str) -> Result<Document, ReadError> {
    read_limited(html, 1024)
}

/// Reads an HTML page or fragment, refusing nesting deeper than `max_depth` elements.
pub fn read_limited(html: &str, max_depth: usize) -> Result<Document, ReadError> {
    let sink = Sink {
        st: RefCell::new(State {
            max_depth,
            ..State::default()
        }),
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&queue);
    tok.end();
    let st = tok.sink.st.into_inner();
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
    let mut doc = Document { lines: st.lines };
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
            let probe: String = f.text.chars().take(4).collect();
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
                .and_then(|rest| memchr::memmem::find(rest.as_bytes(), probe.as_bytes()))
            {
                let at = from + p;
                let at_chars = from_chars + s[from..at].chars().count() as u32;
                f.loc.column = at_chars + 1;
                cursor[l - 1] = (at + probe.len(), at_chars + probe.chars().count() as u32);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<Vec<&str>> {
        d.lines
            .iter()
            .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect())
            .collect()
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
}
