//! Input: choosing a reader by media type, file name or content, decoding text, and the readers.
//!
//! Every reader turns its input into one [`Document`]; the mapper places the template cells from
//! it. Bad input (empty, too large, binary, undecodable) is a [`ReadError`], never a panic.

pub mod document;
pub mod docx;
pub mod html;
pub mod pdf;
pub mod text;

pub use document::Document;

use std::borrow::Cow;

/// What kind of input a report came as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum InputKind {
    Text,
    Html,
    Docx,
    Pdf,
    Structured,
}

impl InputKind {
    /// "text", "html", "docx", "pdf", "structured".
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Html => "html",
            InputKind::Docx => "docx",
            InputKind::Pdf => "pdf",
            InputKind::Structured => "structured",
        }
    }
}

/// Why an input cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the input is empty")]
    Empty,
    #[error("the input is {size} bytes, more than the limit of {max} bytes")]
    TooLarge { size: usize, max: usize },
    #[error("the input is binary data, not a text, HTML, DOCX or PDF report")]
    Binary,
    #[error("the input is not valid UTF-8, UTF-16 or GB18030 text")]
    Undecodable,
    #[error("unknown media type {0:?}: use text/plain, text/html, a .docx or a .pdf file")]
    UnknownMediaType(String),
    #[error("the document is too complex to read: {0}")]
    TooComplex(&'static str),
    #[error("the DOCX file is damaged or not a Word document: {0}")]
    BadDocx(String),
    /// A DOCX beyond one of the zip limits (a zip bomb, or a document too big to read).
    #[error(
        "the DOCX file exceeds a limit (zip bomb?): {what} is {size}, more than {max} ({setting})"
    )]
    DocxTooLarge {
        /// What was measured, in words.
        what: &'static str,
        /// The [`Limits`] field (and server setting) that refused it.
        setting: &'static str,
        size: u64,
        max: u64,
    },
    /// A PDF with no text layer (a scan): nothing to read without OCR.
    #[error(
        "the PDF has no text layer ({pages} pages, {images} images): a scanned document cannot be read without OCR; publish or send the PDF with its text"
    )]
    PdfNoText { pages: usize, images: usize },
    /// A PDF encrypted with a password other than the empty one.
    #[error("the PDF is encrypted with a password: send it without the password")]
    PdfEncrypted,
    /// A PDF that cannot be parsed.
    #[error("the PDF file is damaged or not a PDF: {0}")]
    PdfDamaged(String),
    /// A PDF beyond one of the PDF limits.
    #[error("the PDF exceeds a limit: {what} is {size}, more than {max} ({setting})")]
    PdfTooLarge {
        /// What was measured, in words.
        what: &'static str,
        /// The [`Limits`] field (and server setting) that refused it.
        setting: &'static str,
        size: u64,
        max: u64,
    },
}

/// Bytes counted into byte-wide counters at a time: at most 255, and a multiple of 32 so the
/// vectorized loop has no scalar remainder.
pub(crate) const COUNT_BLOCK: usize = 224;

/// Most lines (text) or rows and paragraphs (HTML, DOCX) a document may have.
pub const MAX_LINES: usize = 200_000;

/// Limits on input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest element nesting accepted in HTML (the reader does not recurse; this bounds the
    /// bookkeeping of open tables and refuses pathological pages with a clear error).
    pub max_html_depth: usize,
    /// DOCX: most entries the zip may have.
    pub max_docx_entries: usize,
    /// DOCX: largest uncompressed size, in bytes, of all the zip's entries together (as their
    /// headers declare) and of `word/document.xml` as actually inflated (whatever its header
    /// claims, it is read through a reader that stops there).
    pub max_docx_uncompressed_bytes: u64,
    /// DOCX: largest compression ratio (uncompressed : compressed) of `word/document.xml`,
    /// declared and actual. Word's own files are about 5–15:1.
    pub max_docx_ratio: u64,
    /// PDF: most pages.
    pub max_pdf_pages: usize,
    /// PDF: most objects in the file.
    pub max_pdf_objects: usize,
    /// PDF: largest size, in bytes, the streams read (object streams, page contents, forms,
    /// ToUnicode maps) may inflate to, together; also the bound on any one stream.
    pub max_pdf_inflated_bytes: u64,
    /// PDF: largest compression ratio of a stream that inflates past 1 MiB.
    pub max_pdf_ratio: u64,
    /// PDF: deepest nesting of form XObjects (a form that draws itself is refused at once).
    pub max_pdf_depth: usize,
}

impl Limits {
    /// The defaults (usable in constants).
    pub const DEFAULT: Limits = Limits {
        max_bytes: 8 * 1024 * 1024,
        max_html_depth: 1024,
        max_docx_entries: 2_000,
        max_docx_uncompressed_bytes: 64 * 1024 * 1024,
        max_docx_ratio: 200,
        max_pdf_pages: 500,
        max_pdf_objects: 200_000,
        max_pdf_inflated_bytes: 64 * 1024 * 1024,
        max_pdf_ratio: 200,
        max_pdf_depth: 16,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Chooses the reader from the media type, then the file name, then the content.
pub fn detect(bytes: &[u8], file_name: &str, media_type: &str) -> Result<InputKind, ReadError> {
    let mt = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mt.as_str() {
        "" | "application/octet-stream" => {}
        "text/plain" | "text/markdown" | "text/csv" => return Ok(InputKind::Text),
        "text/html" | "application/xhtml+xml" => return Ok(InputKind::Html),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            return Ok(InputKind::Docx);
        }
        "application/pdf" | "application/x-pdf" => return Ok(InputKind::Pdf),
        other => return Err(ReadError::UnknownMediaType(other.to_string())),
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" | "md" => return Ok(InputKind::Text),
        "html" | "htm" | "xhtml" | "shtml" => return Ok(InputKind::Html),
        "docx" => return Ok(InputKind::Docx),
        "pdf" => return Ok(InputKind::Pdf),
        _ => {}
    }
    Ok(sniff(bytes))
}

/// Guesses the kind from the content.
pub fn sniff(bytes: &[u8]) -> InputKind {
    if bytes.starts_with(b"PK\x03\x04") {
        return InputKind::Docx;
    }
    if bytes.starts_with(b"%PDF-") {
        return InputKind::Pdf;
    }
    let head = &bytes[..bytes.len().min(2048)];
    // Most inputs are settled by their first byte after BOMs and ASCII white space: text unless
    // it is '<' (or not ASCII: then the characters are looked at).
    let bom = "\u{feff}".as_bytes();
    let mut i = 0;
    while head[i..].starts_with(bom) {
        i += bom.len();
    }
    match head[i..]
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0x0b)
    {
        None => return InputKind::Text,
        Some(b) if b.is_ascii() && *b != b'<' => return InputKind::Text,
        _ => {}
    }
    let head = String::from_utf8_lossy(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    // Markup starts with '<' (lowercasing changes neither that nor the spaces trimmed).
    if !t.starts_with('<') {
        return InputKind::Text;
    }
    let t = t.to_ascii_lowercase();
    if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || (t.starts_with('<') && (t.contains("<table") || t.contains("<p") || t.contains("<div")))
    {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

/// Decodes text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. Binary data (NUL or
/// many control bytes) is refused.
pub fn decode_text(bytes: &[u8]) -> Result<String, ReadError> {
    decode_text_borrowed(bytes).map(Cow::into_owned)
}

/// [`decode_text`], borrowing `bytes` when they are UTF-8 already (no copy).
fn decode_text_borrowed(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(ReadError::Undecodable)
        } else {
            Ok(s)
        };
    }
    // NUL, or more than 1% control bytes, is binary. The control bytes and NULs are counted in
    // blocks of [`COUNT_BLOCK`] into byte-wide counters, which the compiler vectorizes.
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    let (mut controls, mut nuls) = (0usize, 0usize);
    for block in bytes.chunks(COUNT_BLOCK) {
        let (c, z) = block.iter().fold((0u8, 0u8), |(c, z), &b| {
            (c + u8::from(is_control(b)), z + u8::from(b == 0))
        });
        controls += c as usize;
        nuls += z as usize;
    }
    if nuls > 0 || controls * 100 > bytes.len() {
        return Err(ReadError::Binary);
    }
    // SIMD validation: reports are mostly CJK, where the scalar check is slowest.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) => {
            let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                Err(ReadError::Undecodable)
            } else {
                Ok(s)
            }
        }
    }
}

/// Reads a text or HTML string (the `text` field of a request).
pub fn read_str(text: &str, limits: Limits) -> Result<(InputKind, Document), ReadError> {
    check_size(text.len(), limits)?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    match sniff(text.as_bytes()) {
        InputKind::Html => Ok((
            InputKind::Html,
            html::read_limited(text, limits.max_html_depth)?,
        )),
        _ => Ok((InputKind::Text, text::read_checked(text)?)),
    }
}

/// Reads a file's bytes.
pub fn read_bytes(
    bytes: &[u8],
    file_name: &str,
    media_type: &str,
    limits: Limits,
) -> Result<(InputKind, Document), ReadError> {
    check_size(bytes.len(), limits)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    match detect(bytes, file_name, media_type)? {
        InputKind::Text => {
            let s = decode_text_borrowed(bytes)?;
            if s.trim().is_empty() {
                return Err(ReadError::Empty);
            }
            Ok((InputKind::Text, text::read_checked(&s)?))
        }
        InputKind::Html => {
            let s = html::decode(bytes)?;
            Ok((
                InputKind::Html,
                html::read_limited(&s, limits.max_html_depth)?,
            ))
        }
        InputKind::Docx => Ok((InputKind::Docx, docx::read(bytes, limits)?)),
        InputKind::Pdf => Ok((InputKind::Pdf, pdf::read(bytes, limits)?)),
        InputKind::Structured => Err(ReadError::UnknownMediaType("structured".into())),
    }
}

fn check_size(size: usize, limits: Limits) -> Result<(), ReadError> {
    if size > limits.max_bytes {
        Err(ReadError::TooLarge {
            size,
            max: limits.max_bytes,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_by_media_type_name_and_content() {
        assert_eq!(
            detect(b"x", "", "text/plain; charset=utf-8"),
            Ok(InputKind::Text)
        );
        assert_eq!(detect(b"x", "a.HTML", ""), Ok(InputKind::Html));
        assert_eq!(detect(b"PK\x03\x04rest", "", ""), Ok(InputKind::Docx));
        assert_eq!(detect(b"<html><body>", "", ""), Ok(InputKind::Html));
        assert_eq!(detect(b"plain", "", ""), Ok(InputKind::Text));
        assert!(matches!(
            detect(b"x", "", "image/png"),
            Err(ReadError::UnknownMediaType(_))
        ));
    }

    /// [`sniff`] of text without its shortcut.
    fn sniff_by_definition(bytes: &[u8]) -> InputKind {
        if bytes.starts_with(b"PK\x03\x04") {
            return InputKind::Docx;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
        let t = head
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_ascii_lowercase();
        if t.starts_with("<!doctype html")
            || t.starts_with("<html")
            || (t.starts_with('<')
                && (t.contains("<table") || t.contains("<p") || t.contains("<div")))
        {
            InputKind::Html
        } else {
            InputKind::Text
        }
    }

    proptest::proptest! {
        #[test]
        fn sniff_agrees_with_its_definition(
            s in "(\u{feff}| |\t|\n|\u{b}|\u{c}|\r|\u{3000}|\u{a0}|<|<p|<html|<table|<!DOCTYPE html|a|一|>){0,12}",
            tail in proptest::collection::vec(proptest::num::u8::ANY, 0..4),
        ) {
            let mut bytes = s.into_bytes();
            bytes.extend(tail);
            proptest::prop_assert_eq!(sniff(&bytes), sniff_by_definition(&bytes));
        }
    }

    #[test]
    fn decode_refuses_binary_and_reads_gb18030() {
        assert_eq!(
            decode_text(b"\x00\x01\x02\x03binary"),
            Err(ReadError::Binary)
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode("一、总体情况");
        assert_eq!(decode_text(&gbk).unwrap(), "一、总体情况");
        assert_eq!(decode_text("\u{feff}标题".as_bytes()).unwrap(), "标题");
    }

    #[test]
    fn bad_input_is_an_error() {
        let l = Limits {
            max_bytes: 10,
            ..Default::default()
        };
        assert_eq!(read_bytes(b"", "", "", l).unwrap_err(), ReadError::Empty);
        assert!(matches!(
            read_bytes(&[b'a'; 11], "", "", l),
            Err(ReadError::TooLarge { .. })
        ));
        assert!(matches!(read_str("   ", l), Err(ReadError::Empty)));
        assert!(matches!(
            read_bytes(b"PK\x03\x04", "", "", l),
            Err(ReadError::BadDocx(_))
        ));
    }
}
