//! Plain-text reader: one [`Line`] per text line, cells split at tabs.
//!
//! Text extracted from Word or PDF keeps table cells apart with tabs. Other separators (runs of
//! spaces, none at all, markdown pipes) are the parser issue's shapes and slot in here.

use super::document::{Document, Frag, Line};
use crate::model::Loc;

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Reads plain text.
pub fn read(text: &str) -> Document {
    let mut lines = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let no = (i + 1) as u32;
        let mut frags = Vec::new();
        let mut col = 1u32;
        for cell in raw.split('\t') {
            let lead = cell.chars().take_while(|c| is_space(*c)).count() as u32;
            let t = cell.trim_matches(is_space);
            frags.push(Frag {
                text: t.to_string(),
                loc: Loc {
                    line: no,
                    column: col + lead,
                },
            });
            col += cell.chars().count() as u32 + 1;
        }
        lines.push(Line { no, frags });
    }
    Document { lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_tabs_with_positions() {
        let d = read("标题\n规章\t0\t 12\n\r\n");
        assert_eq!(d.lines.len(), 4);
        let l = &d.lines[1];
        assert_eq!(l.frags.len(), 3);
        assert_eq!(l.frags[2].text, "12");
        assert_eq!(l.frags[2].loc, Loc { line: 2, column: 7 });
        assert!(d.lines[2].is_empty());
    }
}
