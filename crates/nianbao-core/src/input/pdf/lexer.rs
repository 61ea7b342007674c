//! A content-stream lexer (PDF 32000-1 §7.2, §7.8.2): operands and operators, borrowed from the
//! stream's bytes where they can be. lopdf's content parser builds an owned `Operation` (a
//! `String` and a `Vec<Object>`) per operator; reading a report page that way cost most of the
//! reader's time, so the interpreter reads operators with this one.
//!
//! Damage never stops it: an unbalanced `]`, a stray `>`, an unterminated string or an array
//! nested deeper than [`MAX_ARRAY_DEPTH`] ends the stream (the operators before it are kept and
//! [`Lexer::broken`] says so). Inline images (`BI … ID … EI`) are skipped.

use std::borrow::Cow;

/// An operand.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Num(f64),
    Name(&'a [u8]),
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// Booleans, null, dictionaries (marked-content properties): not used by the interpreter.
    Other,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// Deepest array or dictionary nesting read (content streams nest one level, for `TJ`).
pub const MAX_ARRAY_DEPTH: usize = 32;

/// Most operands kept before an operator (more are dropped: no operator takes more than six).
const MAX_OPERANDS: usize = 64;

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// The stream did not read to its end.
    pub broken: bool,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | 0)
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            broken: false,
        }
    }

    /// The next operator with its operands (`ops` is cleared and filled); None at the end.
    pub fn next_op(&mut self, ops: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        ops.clear();
        loop {
            self.skip_white();
            let b = *self.data.get(self.pos)?;
            let operand = match b {
                b'/' => Operand::Name(self.name()),
                b'(' => match self.literal() {
                    Some(s) => Operand::Str(s),
                    None => return self.stop(),
                },
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    if !self.skip_dict(0) {
                        return self.stop();
                    }
                    Operand::Other
                }
                b'<' => match self.hex() {
                    Some(s) => Operand::Str(Cow::Owned(s)),
                    None => return self.stop(),
                },
                b'[' => match self.array(0) {
                    Some(a) => Operand::Array(a),
                    None => return self.stop(),
                },
                b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
                b']' | b'>' | b')' | b'{' | b'}' => {
                    // Stray delimiters: damage; skip the byte.
                    self.broken = true;
                    self.pos += 1;
                    continue;
                }
                _ => {
                    let word = self.word();
                    match word {
                        b"true" | b"false" | b"null" => Operand::Other,
                        b"BI" => {
                            self.skip_inline_image();
                            ops.clear();
                            continue;
                        }
                        _ => return Some(word),
                    }
                }
            };
            if ops.len() < MAX_OPERANDS {
                ops.push(operand);
            }
        }
    }

    fn stop(&mut self) -> Option<&'a [u8]> {
        self.broken = true;
        self.pos = self.data.len();
        None
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
        }
        if self.pos == start {
            // A lone delimiter we do not read: take it as a one-byte word.
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn name(&mut self) -> &'a [u8] {
        self.pos += 1; // '/'
        let start = self.pos;
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn number(&mut self) -> Operand<'a> {
        let w = self.word();
        // The common forms (`-12`, `0.5`, `.25`, `+3.`) without going through a string.
        if let Some(v) = simple_number(w) {
            return Operand::Num(v);
        }
        // PDF numbers: optional sign, digits, one point. Odd forms ("--3", "1.2.3") are read
        // as far as they make sense, else 0 (as viewers do).
        let s = std::str::from_utf8(w).unwrap_or("0");
        match s.parse::<f64>() {
            Ok(v) => Operand::Num(v),
            Err(_) => {
                let t = s.trim_start_matches(['+', '-']);
                let neg = s.starts_with('-');
                let v = t
                    .split_once('.')
                    .map_or(t.parse::<f64>().ok(), |(a, b)| {
                        format!("{a}.{}", b.replace('.', "")).parse().ok()
                    })
                    .unwrap_or(0.0);
                Operand::Num(if neg { -v } else { v })
            }
        }
    }

    /// A literal string: balanced parentheses, escapes. None if it does not end.
    fn literal(&mut self) -> Option<Cow<'a, [u8]>> {
        self.pos += 1; // '('
        let start = self.pos;
        let mut depth = 1usize;
        let mut plain = true;
        let mut i = self.pos;
        while i < self.data.len() {
            match self.data[i] {
                b'\\' => {
                    plain = false;
                    i += 2;
                    continue;
                }
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'\r' => plain = false,
                _ => {}
            }
            i += 1;
        }
        if i >= self.data.len() {
            return None;
        }
        let raw = &self.data[start..i];
        self.pos = i + 1;
        if plain {
            return Some(Cow::Borrowed(raw));
        }
        Some(Cow::Owned(unescape(raw)))
    }

    fn hex(&mut self) -> Option<Vec<u8>> {
        self.pos += 1; // '<'
        let end = self.data[self.pos..].iter().position(|&b| b == b'>')? + self.pos;
        let mut out = Vec::with_capacity((end - self.pos) / 2 + 1);
        let mut hi: Option<u8> = None;
        for &b in &self.data[self.pos..end] {
            let Some(d) = (b as char).to_digit(16) else {
                continue;
            };
            match hi.take() {
                Some(h) => out.push((h << 4) | d as u8),
                None => hi = Some(d as u8),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        self.pos = end + 1;
        Some(out)
    }

    /// An array; None if it does not end or nests too deep.
    fn array(&mut self, depth: usize) -> Option<Vec<Operand<'a>>> {
        if depth >= MAX_ARRAY_DEPTH {
            return None;
        }
        self.pos += 1; // '['
        let mut items = Vec::new();
        loop {
            self.skip_white();
            let b = *self.data.get(self.pos)?;
            let item = match b {
                b']' => {
                    self.pos += 1;
                    return Some(items);
                }
                b'[' => Operand::Array(self.array(depth + 1)?),
                b'(' => Operand::Str(self.literal()?),
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    if !self.skip_dict(depth + 1) {
                        return None;
                    }
                    Operand::Other
                }
                b'<' => Operand::Str(Cow::Owned(self.hex()?)),
                b'/' => Operand::Name(self.name()),
                b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
                b'>' | b')' | b'{' | b'}' => {
                    self.pos += 1;
                    Operand::Other
                }
                _ => {
                    self.word();
                    Operand::Other
                }
            };
            if items.len() < 1_000_000 {
                items.push(item);
            }
        }
    }

    /// Skips a dictionary (`<< … >>`, nested), false if it does not end or nests too deep.
    fn skip_dict(&mut self, depth: usize) -> bool {
        if depth >= MAX_ARRAY_DEPTH {
            return false;
        }
        self.pos += 2; // '<<'
        loop {
            self.skip_white();
            let Some(&b) = self.data.get(self.pos) else {
                return false;
            };
            match b {
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return true;
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    if !self.skip_dict(depth + 1) {
                        return false;
                    }
                }
                b'<' => {
                    if self.hex().is_none() {
                        return false;
                    }
                }
                b'(' => {
                    if self.literal().is_none() {
                        return false;
                    }
                }
                b'[' => {
                    if self.array(depth + 1).is_none() {
                        return false;
                    }
                }
                b'/' => {
                    self.name();
                }
                _ => {
                    self.word();
                }
            }
        }
    }

    /// Skips an inline image's dictionary and data, to just after `EI`.
    fn skip_inline_image(&mut self) {
        // The data starts after "ID" and a white-space byte; it ends at "EI" between white space.
        let rest = &self.data[self.pos..];
        let Some(id) = find_word(rest, b"ID") else {
            self.broken = true;
            self.pos = self.data.len();
            return;
        };
        let data_start = id + 3;
        match rest.get(data_start..).and_then(|d| find_word(d, b"EI")) {
            Some(ei) => self.pos += data_start + ei + 2,
            None => {
                self.broken = true;
                self.pos = self.data.len();
            }
        }
    }
}

/// A number of at most one sign, digits and one point (None: another form, or too many digits
/// to add up exactly).
fn simple_number(w: &[u8]) -> Option<f64> {
    let (neg, digits) = match w.first()? {
        b'-' => (true, &w[1..]),
        b'+' => (false, &w[1..]),
        _ => (false, w),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let (mut int, mut frac, mut scale, mut point, mut any) = (0u64, 0u64, 1u64, false, false);
    for &b in digits {
        match b {
            b'0'..=b'9' if point => {
                frac = frac * 10 + (b - b'0') as u64;
                scale *= 10;
                any = true;
            }
            b'0'..=b'9' => {
                int = int * 10 + (b - b'0') as u64;
                any = true;
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !any {
        return None;
    }
    let v = int as f64 + frac as f64 / scale as f64;
    Some(if neg { -v } else { v })
}

/// Where `word` stands alone (white space or the ends around it).
fn find_word(hay: &[u8], word: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&hay[from..], word) {
        let at = from + p;
        let before = at == 0 || is_white(hay[at - 1]);
        let after = hay.get(at + word.len()).is_none_or(|&b| is_white(b));
        if before && after {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == b'\r' {
            // An end of line in a string is a line feed.
            out.push(b'\n');
            i += if raw.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let Some(&e) = raw.get(i + 1) else {
            break;
        };
        i += 2;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(data);
        let mut ops = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            out.push((String::from_utf8_lossy(op).into_owned(), ops.clone()));
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        let ops = all(b"q 1 0 0 1 72.5 -.5 cm BT /F1 12 Tf [(a\\(b\\)) -250 <4E00>] TJ ET Q");
        let names: Vec<&str> = ops.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "cm", "BT", "Tf", "TJ", "ET", "Q"]);
        assert_eq!(ops[1].1[5], Operand::Num(-0.5));
        assert_eq!(ops[3].1[0], Operand::Name(b"F1"));
        let Operand::Array(a) = &ops[4].1[0] else {
            panic!()
        };
        assert_eq!(a[0], Operand::Str(Cow::Owned(b"a(b)".to_vec())));
        assert_eq!(a[1], Operand::Num(-250.0));
        assert_eq!(a[2], Operand::Str(Cow::Owned(vec![0x4E, 0x00])));
    }

    #[test]
    fn numbers_fast_and_slow_agree_with_parse() {
        for w in [
            "0",
            "-12",
            "3.25",
            ".5",
            "-.5",
            "+4.",
            "123456789012345",
            "1.000001",
        ] {
            let want: f64 = w.parse().unwrap();
            assert_eq!(simple_number(w.as_bytes()), Some(want), "{w}");
        }
        for w in ["", "-", ".", "1.2.3", "--4", "1e5", "1234567890123456789"] {
            assert_eq!(simple_number(w.as_bytes()), None, "{w}");
        }
        let ops = all(b"1.2.3 --4 1234567890123456789 Td");
        assert_eq!(ops[0].1[0], Operand::Num(1.23));
        assert_eq!(ops[0].1[1], Operand::Num(-4.0));
        assert_eq!(ops[0].1[2], Operand::Num(1234567890123456789.0));
    }

    #[test]
    fn strings_escapes_and_octal() {
        let ops = all(b"(a\\101\\n\\\\) Tj (nested (paren)) Tj");
        assert_eq!(ops[0].1[0], Operand::Str(Cow::Owned(b"aA\n\\".to_vec())));
        assert_eq!(ops[1].1[0], Operand::Str(Cow::Borrowed(b"nested (paren)")));
    }

    #[test]
    fn inline_images_and_dictionaries_are_skipped() {
        let ops = all(b"/P <</MCID 0>> BDC BI /W 2 /H 1 ID \x00\xffEI x EI Q");
        let names: Vec<&str> = ops.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "Q"]);
    }

    #[test]
    fn damage_ends_the_stream_without_panic() {
        for d in [
            &b"(unterminated Tj"[..],
            b"<4E00 Tj",
            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ TJ",
            b"<< /A << /B",
            b"] ) > } { 1 2 re",
            b"BI /W 1 ID",
            b"1.2.3 --4 +.5 Td",
        ] {
            let _ = all(d);
        }
        let mut lx = Lexer::new(b"q [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ TJ");
        let mut ops = Vec::new();
        assert_eq!(lx.next_op(&mut ops), Some(&b"q"[..]));
        assert_eq!(lx.next_op(&mut ops), None);
        assert!(lx.broken);
        // 100,000 nested arrays: bounded.
        let deep = "[".repeat(100_000) + " TJ";
        let _ = all(deep.as_bytes());
    }
}
