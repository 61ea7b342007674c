//! Fonts: how a PDF string's bytes split into character codes, what each code means in Unicode,
//! and how far each glyph advances (PDF 32000-1 §9.6–9.10).
//!
//! Composite (Type0) fonts: Identity-H/V (two-byte codes, Unicode from `/ToUnicode`), the
//! predefined Chinese CMaps (`UniGB-UCS2-*`, `UniGB-UTF16-*`: the codes are UTF-16; `GBK-EUC-*`,
//! `GB-EUC-*`, `GBpc-EUC-*`, `GBK2K-*`: the codes are GBK/GB18030 bytes); widths from `/W` and
//! `/DW`, vertical metrics from `/W2` and `/DW2`. Simple fonts (Type1, TrueType, Type3): one byte
//! a code, Unicode from `/ToUnicode`, else from the encoding and its `/Differences` (lopdf's
//! tables), widths from `/Widths`. A code that maps to nothing is U+FFFD: the mapper reads such a
//! value as unreadable, never as a number.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::{Budget, ReadError};

/// How a font's strings split into codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codes {
    /// One byte a code (simple fonts).
    One,
    /// Two bytes a code (Identity and UCS-2 CMaps).
    Two,
    /// GBK/EUC: one byte below 0x80, else two.
    Gbk,
    /// UTF-16: two bytes, four for a surrogate pair.
    Utf16,
}

/// Where Unicode comes from when `/ToUnicode` does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fallback {
    /// Nothing (Identity CMaps without `/ToUnicode`): U+FFFD.
    None,
    /// The code is UTF-16.
    Utf16,
    /// The code is GBK / GB18030.
    Gbk,
    /// The simple font's encoding (a table of 256).
    Table,
}

/// A loaded font.
#[derive(Debug)]
pub struct Font {
    codes: Codes,
    fallback: Fallback,
    to_unicode: ToUnicode,
    /// Simple fonts: Unicode of each byte by the encoding (None: unmapped).
    table: Vec<Option<char>>,
    /// Advance widths in glyph space (1/1000 em), by code (simple) or CID (composite).
    widths: Runs<f64>,
    default_width: f64,
    /// Vertical writing (an `-V` CMap): glyphs advance downwards.
    pub vertical: bool,
    /// Vertical advance (`/DW2`'s second value, negative: downwards), 1/1000 em.
    v_advance: f64,
    /// Composite fonts with a predefined UCS-2 CMap: CIDs of ASCII codes in Adobe-GB1 are the
    /// code less 31 (used for the widths only).
    ascii_cid_offset: bool,
    /// Type3: glyph space to text space scale (FontMatrix a), times 1000.
    scale: f64,
}

/// One decoded character code.
pub struct Glyph {
    pub code: u32,
    /// Bytes the code took.
    pub len: usize,
    /// The Unicode text ('\u{fffd}' when unknown).
    pub text: String,
    /// Horizontal advance (or vertical, for vertical fonts) in text space units per unit font
    /// size, i.e. width / 1000.
    pub advance: f64,
}

impl Font {
    /// A font for when the resource is missing or broken: one byte a code, every code unknown
    /// (U+FFFD: read as unreadable, never as a digit), 0.5 em.
    pub fn fallback() -> Font {
        Font {
            codes: Codes::One,
            fallback: Fallback::Table,
            to_unicode: ToUnicode::default(),
            table: vec![None; 256],
            widths: Runs::default(),
            default_width: 500.0,
            vertical: false,
            v_advance: -1000.0,
            ascii_cid_offset: false,
            scale: 1.0,
        }
    }

    /// Loads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Result<Font, ReadError> {
        let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
        let to_unicode = match deref(doc, dict.get(b"ToUnicode").ok()) {
            Some(Object::Stream(s)) => {
                let data = budget.inflate(s)?;
                parse_cmap(&data)
            }
            _ => ToUnicode::default(),
        };
        if subtype == "Type0" {
            Self::load_composite(doc, dict, to_unicode)
        } else {
            Ok(Self::load_simple(doc, dict, to_unicode, subtype == "Type3"))
        }
    }

    fn load_composite(
        doc: &Document,
        dict: &Dictionary,
        to_unicode: ToUnicode,
    ) -> Result<Font, ReadError> {
        let enc = name_of(doc, dict.get(b"Encoding").ok()).unwrap_or_default();
        let vertical = enc.ends_with("-V");
        let (codes, fallback, ascii_cid_offset) = if enc.starts_with("Identity") {
            (Codes::Two, Fallback::None, false)
        } else if enc.starts_with("UniGB-UCS2") {
            (Codes::Two, Fallback::Utf16, true)
        } else if enc.starts_with("UniGB-UTF16") || enc.starts_with("UniCNS-UTF16") {
            (Codes::Utf16, Fallback::Utf16, true)
        } else if enc.starts_with("GB") {
            (Codes::Gbk, Fallback::Gbk, false)
        } else {
            // An embedded CMap stream or another predefined one: two bytes, Unicode only from
            // /ToUnicode.
            (Codes::Two, Fallback::None, false)
        };
        let desc = match deref(doc, dict.get(b"DescendantFonts").ok()) {
            Some(Object::Array(a)) => match a.first().and_then(|o| deref(doc, Some(o))) {
                Some(Object::Dictionary(d)) => Some(d),
                _ => None,
            },
            _ => None,
        };
        let mut widths = Runs::default();
        let mut default_width = 1000.0;
        let mut v_advance = -1000.0;
        if let Some(d) = desc {
            if let Some(w) = deref(doc, d.get(b"DW").ok()).and_then(num) {
                default_width = w;
            }
            if let Some(Object::Array(dw2)) = deref(doc, d.get(b"DW2").ok())
                && let Some(v) = dw2.get(1).and_then(num)
            {
                v_advance = v;
            }
            if let Some(Object::Array(w)) = deref(doc, d.get(b"W").ok()) {
                cid_widths(doc, w, &mut widths);
            }
        }
        Ok(Font {
            codes,
            fallback,
            to_unicode,
            table: Vec::new(),
            widths,
            default_width,
            vertical,
            v_advance,
            ascii_cid_offset,
            scale: 1.0,
        })
    }

    fn load_simple(doc: &Document, dict: &Dictionary, to_unicode: ToUnicode, type3: bool) -> Font {
        // lopdf knows the standard encodings, Differences and glyph names: ask it byte by byte.
        // Without /Encoding the font's own (standard, for our purposes ASCII) encoding holds; lopdf
        // would parse the ToUnicode map a second time to say so.
        let ascii = || {
            (0u8..=255)
                .map(|b| (b.is_ascii_graphic() || b == b' ').then_some(b as char))
                .collect()
        };
        let encoding = if dict.has(b"Encoding") {
            dict.get_font_encoding_with_limit(doc, 1024 * 1024).ok()
        } else {
            None
        };
        let mut table: Vec<Option<char>> = match encoding {
            Some(enc) => (0u8..=255)
                .map(|b| {
                    enc.bytes_to_string(&[b])
                        .ok()
                        .and_then(|s| {
                            let mut cs = s.chars();
                            match (cs.next(), cs.next()) {
                                (Some(c), None) if c != '\u{fffd}' && c != '\0' => Some(c),
                                _ => None,
                            }
                        })
                        .or_else(|| (b.is_ascii_graphic() || b == b' ').then_some(b as char))
                })
                .collect(),
            None => ascii(),
        };
        // A symbolic font (its codes pick glyphs, not letters) without a ToUnicode map: its
        // codes are not text we can know.
        let symbolic = match deref(doc, dict.get(b"FontDescriptor").ok()) {
            Some(Object::Dictionary(fd)) => deref(doc, fd.get(b"Flags").ok())
                .and_then(num)
                .is_some_and(|f| (f as i64) & 4 != 0 && (f as i64) & 32 == 0),
            _ => false,
        };
        if symbolic && !dict.has(b"Encoding") {
            table = vec![None; 256];
        }
        // /Differences read here, not trusted to lopdf: one glyph name it does not know (a
        // subset's `/g3`) makes it drop the whole encoding for the standard one, which would read
        // such codes as ASCII digits. A name we do not know is an unknown character.
        if let Some(Object::Dictionary(enc)) = deref(doc, dict.get(b"Encoding").ok())
            && let Some(Object::Array(diffs)) = deref(doc, enc.get(b"Differences").ok())
        {
            let mut code: Option<usize> = None;
            for d in diffs.iter().take(4096) {
                match d {
                    Object::Name(n) => {
                        if let Some(c) = code.filter(|&c| c < 256) {
                            table[c] = glyph_char(n);
                            code = Some(c + 1);
                        }
                    }
                    other => code = num(other).filter(|v| *v >= 0.0).map(|v| v as usize),
                }
            }
        }
        let first = deref(doc, dict.get(b"FirstChar").ok())
            .and_then(num)
            .unwrap_or(0.0) as u32;
        let mut widths = Runs::default();
        if let Some(Object::Array(ws)) = deref(doc, dict.get(b"Widths").ok()) {
            for (i, w) in ws.iter().take(256).enumerate() {
                if let Some(w) = deref(doc, Some(w)).and_then(num) {
                    let c = first.saturating_add(i as u32);
                    widths.push(c, c, w);
                }
            }
        }
        widths.finish();
        let mut default_width = 500.0;
        if let Some(Object::Dictionary(fd)) = deref(doc, dict.get(b"FontDescriptor").ok())
            && let Some(w) = deref(doc, fd.get(b"MissingWidth").ok()).and_then(num)
            && w > 0.0
        {
            default_width = w;
        }
        let scale = if type3 {
            match deref(doc, dict.get(b"FontMatrix").ok()) {
                Some(Object::Array(m)) => m.first().and_then(num).map_or(1.0, |a| a * 1000.0),
                _ => 1.0,
            }
        } else {
            1.0
        };
        Font {
            codes: Codes::One,
            fallback: Fallback::Table,
            to_unicode,
            table,
            widths,
            default_width,
            vertical: false,
            v_advance: -1000.0,
            ascii_cid_offset: false,
            scale,
        }
    }

    /// Splits a string into codes and decodes each (calls `f` per glyph).
    pub fn decode(&self, bytes: &[u8], mut f: impl FnMut(Glyph)) {
        let mut i = 0;
        while i < bytes.len() {
            let (code, len) = match self.codes {
                Codes::One => (bytes[i] as u32, 1),
                Codes::Two => match bytes.get(i + 1) {
                    Some(&b) => (((bytes[i] as u32) << 8) | b as u32, 2),
                    None => (bytes[i] as u32, 1),
                },
                Codes::Gbk => match bytes.get(i + 1) {
                    Some(&b) if bytes[i] >= 0x81 => (((bytes[i] as u32) << 8) | b as u32, 2),
                    _ => (bytes[i] as u32, 1),
                },
                Codes::Utf16 => {
                    let hi = bytes[i] as u32;
                    match bytes.get(i + 1) {
                        Some(&b) if (0xD8..0xDC).contains(&hi) && bytes.len() >= i + 4 => (
                            (hi << 24)
                                | ((b as u32) << 16)
                                | ((bytes[i + 2] as u32) << 8)
                                | bytes[i + 3] as u32,
                            4,
                        ),
                        Some(&b) => ((hi << 8) | b as u32, 2),
                        None => (hi, 1),
                    }
                }
            };
            let text = self.unicode(code, len);
            let advance = self.advance(code, len);
            f(Glyph {
                code,
                len,
                text,
                advance,
            });
            i += len;
        }
    }

    fn unicode(&self, code: u32, len: usize) -> String {
        if let Some(s) = self.to_unicode.get(code) {
            return fold_radicals(s);
        }
        let c = match self.fallback {
            Fallback::None => None,
            Fallback::Table => self.table.get(code as usize).copied().flatten(),
            Fallback::Utf16 => {
                let units: Vec<u16> = if len == 4 {
                    vec![(code >> 16) as u16, code as u16]
                } else {
                    vec![code as u16]
                };
                return String::from_utf16(&units).unwrap_or_else(|_| "\u{fffd}".into());
            }
            Fallback::Gbk => {
                let b = if len == 2 {
                    vec![(code >> 8) as u8, code as u8]
                } else {
                    vec![code as u8]
                };
                let (s, bad) = encoding_rs::GB18030.decode_without_bom_handling(&b);
                return if bad {
                    "\u{fffd}".into()
                } else {
                    s.into_owned()
                };
            }
        };
        c.map_or_else(|| "\u{fffd}".into(), String::from)
    }

    /// The advance per unit of font size (text space).
    fn advance(&self, code: u32, len: usize) -> f64 {
        if self.vertical {
            return -self.v_advance / 1000.0;
        }
        let cid = if self.ascii_cid_offset && len == 2 && (0x20..0x7f).contains(&code) {
            code - 31
        } else {
            code
        };
        let w = self.widths.get(cid).copied().unwrap_or(self.default_width);
        w * self.scale / 1000.0
    }

    /// Whether a code is the single-byte space (word spacing applies to it).
    pub fn is_word_space(&self, g: &Glyph) -> bool {
        g.len == 1 && g.code == 32
    }
}

/// Word and some PDF producers map CJK glyphs to the Kangxi radicals (U+2F00–U+2FDF, `⼈` for
/// `人`), the radicals supplement or the compatibility ideographs; a reader sees the ideograph,
/// and labels, headings and names must match: those characters are folded (NFKC) to it.
fn fold_radicals(s: String) -> String {
    let odd = |c: char| matches!(c as u32, 0x2E80..=0x2EFF | 0x2F00..=0x2FDF | 0xF900..=0xFAFF);
    if !s.chars().any(odd) {
        return s;
    }
    use unicode_normalization::UnicodeNormalization;
    s.chars()
        .flat_map(|c| {
            let folded: Vec<char> = if odd(c) {
                std::iter::once(c).nfkc().collect()
            } else {
                vec![c]
            };
            folded
        })
        .collect()
}

/// The character of a glyph name: `uniXXXX`, `uXXXX`, and the names of ASCII characters; None for
/// names we do not know (a subset's `/g3`, `/a12`).
fn glyph_char(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    if let Some(h) = n.strip_prefix("uni").or_else(|| n.strip_prefix('u'))
        && (4..=6).contains(&h.len())
        && h.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    }
    if n.len() == 1 && n.as_bytes()[0].is_ascii_alphabetic() {
        return n.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("slash", '/'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("percent", '%'),
        ("plus", '+'),
        ("equal", '='),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("ampersand", '&'),
        ("asterisk", '*'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("at", '@'),
        ("underscore", '_'),
        ("question", '?'),
        ("exclam", '!'),
        ("less", '<'),
        ("greater", '>'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
    ];
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, c)| *c)
}

fn cid_widths(doc: &Document, w: &[Object], out: &mut Runs<f64>) {
    let mut i = 0;
    while i < w.len() {
        let Some(first) = deref(doc, w.get(i)).and_then(num) else {
            break;
        };
        match deref(doc, w.get(i + 1)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate().take(65_536) {
                    if let Some(v) = deref(doc, Some(v)).and_then(num) {
                        let c = (first as u32).saturating_add(k as u32);
                        out.push(c, c, v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(v)) = (num(o), deref(doc, w.get(i + 2)).and_then(num)) else {
                    break;
                };
                out.push(first as u32, last as u32, v);
                i += 3;
            }
            None => break,
        }
    }
    out.finish();
}

/// Values by ranges of codes (a CID font's `/W` gives one width to thousands of CIDs at once).
#[derive(Debug)]
pub(crate) struct Runs<T> {
    runs: Vec<(u32, u32, T)>,
}

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Runs { runs: Vec::new() }
    }
}

impl<T> Runs<T> {
    /// Adds `lo..=hi` (ignored if reversed; the later added wins where runs overlap).
    fn push(&mut self, lo: u32, hi: u32, v: T) {
        if lo <= hi && self.runs.len() < 1_000_000 {
            self.runs.push((lo, hi, v));
        }
    }

    /// Sorts the runs for lookup (stable: of runs starting at the same code, the later added wins).
    fn finish(&mut self) {
        self.runs.sort_by_key(|r| r.0);
    }

    fn get_run(&self, code: u32) -> Option<&(u32, u32, T)> {
        // The last run starting at or before the code, then the ones before it that still
        // reach it (overlaps are rare: look back a few).
        let end = self.runs.partition_point(|r| r.0 <= code);
        self.runs[..end].iter().rev().take(8).find(|r| r.1 >= code)
    }

    fn get(&self, code: u32) -> Option<&T> {
        self.get_run(code).map(|r| &r.2)
    }
}

/// A ToUnicode map: single codes, and ranges whose last UTF-16 unit counts up with the code.
#[derive(Debug, Default)]
pub(crate) struct ToUnicode {
    single: HashMap<u32, String>,
    ranges: Runs<Vec<u16>>,
}

impl ToUnicode {
    fn get(&self, code: u32) -> Option<String> {
        if let Some(s) = self.single.get(&code) {
            return Some(s.clone());
        }
        let (lo, _, base) = self.ranges.get_run(code)?;
        let mut units = base.clone();
        if let Some(last) = units.last_mut() {
            *last = last.wrapping_add((code - lo) as u16);
        }
        Some(String::from_utf16_lossy(&units))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.single.len() + self.ranges.runs.len()
    }
}

/// Follows one reference (lopdf resolves chains with its own cycle limit).
pub fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    match o? {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// A number operand.
pub fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64).filter(|v| v.is_finite()),
        _ => None,
    }
}

fn name_of(doc: &Document, o: Option<&Object>) -> Option<String> {
    match deref(doc, o)? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// Parses the `bfchar` and `bfrange` sections of a ToUnicode CMap.
pub(crate) fn parse_cmap(data: &[u8]) -> ToUnicode {
    let toks = tokens(data);
    let mut map = HashMap::new();
    let mut ranges = Runs::default();
    let mut i = 0;
    // Bounded by the data: every entry consumes tokens; ranges are capped.
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) if w == "beginbfchar" => {
                i += 1;
                while i + 1 < toks.len() {
                    match (&toks[i], &toks[i + 1]) {
                        (Tok::Hex(src), Tok::Hex(dst)) => {
                            map.insert(be(src), utf16(dst));
                            i += 2;
                        }
                        (Tok::Hex(src), Tok::Word(name)) if name != "endbfchar" => {
                            // A glyph name (rare): uniXXXX only.
                            if let Some(c) = name
                                .strip_prefix("/uni")
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32)
                            {
                                map.insert(be(src), c.to_string());
                            }
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            Tok::Word(w) if w == "beginbfrange" => {
                i += 1;
                while i + 2 < toks.len() {
                    let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) else {
                        break;
                    };
                    let (lo, hi) = (be(lo), be(hi));
                    let hi = hi.min(lo.saturating_add(65_535));
                    match &toks[i + 2] {
                        Tok::Hex(dst) => {
                            ranges.push(lo, hi, utf16_units(dst));
                            i += 3;
                        }
                        Tok::Array(list) => {
                            for (code, dst) in (lo..=hi).zip(list) {
                                map.insert(code, utf16(dst));
                            }
                            i += 3;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    ranges.finish();
    ToUnicode {
        single: map,
        ranges,
    }
}

enum Tok {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Word(String),
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut array: Option<Vec<Vec<u8>>> = None;
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(data.len(), |p| start + p);
                let hex = hex_bytes(&data[start..end]);
                match &mut array {
                    Some(a) => a.push(hex),
                    None => out.push(Tok::Hex(hex)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                if let Some(a) = array.take() {
                    out.push(Tok::Array(a));
                }
                i += 1;
            }
            b'(' => {
                // A literal string (CMap names): skip it, with nesting and escapes.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                i += 1;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%/".contains(&data[i])
                {
                    i += 1;
                }
                if array.is_none() {
                    out.push(Tok::Word(
                        String::from_utf8_lossy(&data[start..i]).into_owned(),
                    ));
                }
            }
        }
    }
    out
}

fn hex_bytes(h: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = h
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| (a << 8) | x as u32)
}

/// A ToUnicode target's UTF-16 units: a ligature or a short sequence; longer targets (a hostile
/// map making every glyph a megabyte) are cut to [`MAX_TARGET_UNITS`].
fn utf16_units(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .take(MAX_TARGET_UNITS)
        .map(|p| ((p[0] as u16) << 8) | p.get(1).copied().unwrap_or(0) as u16)
        .collect()
}

/// Longest ToUnicode target kept, in UTF-16 units.
const MAX_TARGET_UNITS: usize = 16;

fn utf16(b: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_bfchar_and_bfrange() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <01F2> <672C> endbfchar
            2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<4E00> <4E8C>] endbfrange
            endcmap";
        let m = parse_cmap(cmap);
        let g = |c| m.get(c).unwrap();
        assert_eq!(g(3), " ");
        assert_eq!(g(0x1F2), "本");
        assert_eq!(g(0x10), "0");
        assert_eq!(g(0x12), "2");
        assert_eq!(g(0x20), "一");
        assert_eq!(g(0x21), "二");
        assert_eq!(m.get(0x13), None);
    }

    #[test]
    fn kangxi_radicals_fold_to_ideographs() {
        assert_eq!(fold_radicals("⼈⼝⽅⾯".into()), "人口方面");
        assert_eq!(fold_radicals("\u{f900}".into()), "\u{8c48}");
        assert_eq!(fold_radicals("一、总体".into()), "一、总体");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"uni4E00"), Some('一'));
        assert_eq!(glyph_char(b"u1F600"), Some('😀'));
        assert_eq!(glyph_char(b"three"), Some('3'));
        assert_eq!(glyph_char(b"A"), Some('A'));
        assert_eq!(glyph_char(b"g3"), None);
        assert_eq!(glyph_char(b"a12"), None);
        assert_eq!(glyph_char(b"uniZZZZ"), None);
    }

    #[test]
    fn cmap_garbage_is_empty_not_a_panic() {
        for g in [
            &b"<"[..],
            b"beginbfchar <",
            b"beginbfrange <00> <FFFFFFFF> <",
            b"[[[",
            b"((((",
        ] {
            let _ = parse_cmap(g);
        }
        // A huge range is capped.
        let m = parse_cmap(b"beginbfrange <00000000> <FFFFFFFF> <0030> endbfrange");
        assert!(m.len() <= 65_536);
    }
}
