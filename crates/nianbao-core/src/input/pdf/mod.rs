//! The PDF reader: a report's cells from where its glyphs stand and the table rules the page
//! draws, not from an extraction of its text.
//!
//! * [`lopdf`] parses the file (cross-reference repair of damaged files, object streams,
//!   decryption with the empty password, bounded stream inflation, object nesting limits).
//! * `interp` runs each page's content stream (our interpreter on lopdf's operator parser):
//!   glyphs with their Unicode text (`font`: ToUnicode CMaps, Identity-H/V, the predefined
//!   Chinese CMaps) and boxes, and the horizontal and vertical rules.
//! * `layout` builds the tables from the rules (rows and columns from the rules, merged cells
//!   from the rules' spans; a cell's text is what lies in its box, an empty box a blank cell),
//!   the lines of text outside them in reading order, and drops page headers and numbers.
//!
//! The result is the same [`Document`] the other readers produce; each cell's [`Loc`] carries
//! the page, the line on that page and the cell's index in its row (or the character column of a
//! text line).
//!
//! [`Loc`]: crate::model::Loc

mod font;
mod interp;
mod layout;
mod lexer;

use lopdf::{DecompressError, Document as PdfDoc, LoadOptions, Stream};

use super::{Document, Limits, ReadError};

/// Reads a PDF file into the document model.
pub fn read(bytes: &[u8], limits: Limits) -> Result<Document, ReadError> {
    let (pages, rebuilt) = read_pages(bytes, limits)?;
    let mut doc = layout::document(&pages);
    if doc.lines.len() > super::MAX_LINES {
        return Err(ReadError::TooComplex(
            "a PDF with more than 200,000 lines and table rows",
        ));
    }
    if doc.lines.is_empty() {
        return Err(no_text(&pages, rebuilt));
    }
    doc.damage = damage(&pages, rebuilt);
    Ok(doc)
}

/// What could not be read of a damaged file (None: it was read whole).
fn damage(pages: &[interp::PageContent], rebuilt: bool) -> Option<super::document::Damage> {
    let broken: Vec<String> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.broken)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !rebuilt && broken.is_empty() {
        return None;
    }
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if rebuilt {
        zh.push("交叉引用表损坏，已按文件中的对象重建".to_string());
        en.push(
            "its cross-reference table was broken and was rebuilt from the objects in the file"
                .to_string(),
        );
    }
    if !broken.is_empty() {
        zh.push(format!("第 {} 页的内容无法完整读取", broken.join("、")));
        en.push(format!(
            "the content of page {} could not be read whole",
            broken.join(", ")
        ));
    }
    Some(super::document::Damage {
        zh: zh.join("；"),
        en: en.join("; "),
    })
}

/// The page contents as the interpreter sees them (glyphs and rules), for tools and tests.
/// The page contents as the interpreter sees them (glyphs and rules), and whether the file's
/// cross-reference table had to be rebuilt.
pub(crate) fn read_pages(
    bytes: &[u8],
    limits: Limits,
) -> Result<(Vec<interp::PageContent>, bool), ReadError> {
    let pdf = load(bytes, limits)?;
    let rebuilt = pdf.xref_recovery.is_some();
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err(ReadError::PdfDamaged(if rebuilt {
            "the file is truncated or damaged: no page could be found".into()
        } else {
            "the PDF has no pages".into()
        }));
    }
    if pages.len() > limits.max_pdf_pages {
        return Err(ReadError::PdfTooLarge {
            what: "the page count",
            setting: "max_pdf_pages",
            size: pages.len() as u64,
            max: limits.max_pdf_pages as u64,
        });
    }
    let mut budget = Budget {
        failed: 0,
        left: limits.max_pdf_inflated_bytes as usize,
        max: limits.max_pdf_inflated_bytes,
        max_ratio: limits.max_pdf_ratio,
    };
    let mut interp = interp::Interp::new(&pdf, limits.max_pdf_depth);
    let mut out = Vec::with_capacity(pages.len());
    let (mut glyphs, mut rules) = (0usize, 0usize);
    for (_, id) in pages {
        let mut page = interp.page(id, &mut budget)?;
        page.turn_upright();
        glyphs += page.glyphs.len();
        rules += page.h.len() + page.v.len();
        // What every page keeps is bounded too (a report has a few thousand glyphs a page).
        if glyphs > MAX_GLYPHS || rules > MAX_RULES {
            return Err(ReadError::TooComplex(
                "a PDF with more than 1,000,000 glyphs or table rules",
            ));
        }
        out.push(page);
    }
    if out.iter().all(|p| p.glyphs.is_empty()) {
        return Err(no_text(&out, rebuilt));
    }
    Ok((out, rebuilt))
}

/// No text at all: a scan, unless the file is damaged (then nothing could be read of it).
fn no_text(pages: &[interp::PageContent], rebuilt: bool) -> ReadError {
    let broken = pages.iter().filter(|p| p.broken).count();
    if rebuilt || broken > 0 {
        return ReadError::PdfDamaged(format!(
            "the file is truncated or damaged: no text could be read from its {} pages{}",
            pages.len(),
            if broken > 0 {
                format!(" ({broken} with content that does not parse)")
            } else {
                String::new()
            }
        ));
    }
    let images: usize = pages.iter().map(|p| p.images).sum();
    ReadError::PdfNoText {
        pages: pages.len(),
        images,
    }
}

fn load(bytes: &[u8], limits: Limits) -> Result<PdfDoc, ReadError> {
    if !bytes.starts_with(b"%PDF-")
        && memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none()
    {
        return Err(ReadError::PdfDamaged(
            "no %PDF- header: not a PDF file".into(),
        ));
    }
    let opts = LoadOptions {
        max_decompressed_size: Some(load_limit(limits) as usize),
        ..LoadOptions::with_password("")
    };
    let pdf = match PdfDoc::load_mem_with_options(bytes, opts) {
        Ok(d) => d,
        Err(e) => return Err(load_error(e, limits)),
    };
    if pdf.is_encrypted() && pdf.encryption_state.is_none() {
        return Err(ReadError::PdfEncrypted);
    }
    if pdf.objects.len() > limits.max_pdf_objects {
        return Err(ReadError::PdfTooLarge {
            what: "the object count",
            setting: "max_pdf_objects",
            size: pdf.objects.len() as u64,
            max: limits.max_pdf_objects as u64,
        });
    }
    Ok(pdf)
}

/// Object and cross-reference streams (which lopdf inflates while loading) hold dictionaries and
/// offsets: a few hundred KB in a large real file. Each may inflate to this much at most.
const MAX_OBJECT_STREAM_BYTES: u64 = 4 * 1024 * 1024;

fn load_limit(limits: Limits) -> u64 {
    limits.max_pdf_inflated_bytes.min(MAX_OBJECT_STREAM_BYTES)
}

fn load_error(e: lopdf::Error, limits: Limits) -> ReadError {
    use lopdf::Error as E;
    match e {
        E::InvalidPassword | E::Decryption(_) | E::AlreadyEncrypted => ReadError::PdfEncrypted,
        E::Decompress(DecompressError::MemoryLimitExceeded { .. }) => ReadError::PdfTooLarge {
            what: "an object stream's inflated size (at most 4 MiB each)",
            setting: "max_pdf_inflated_bytes",
            size: load_limit(limits) + 1,
            max: load_limit(limits),
        },
        other => ReadError::PdfDamaged(other.to_string()),
    }
}

/// Most glyphs, and most rules, a document may have (about 100 MB of page content at most).
const MAX_GLYPHS: usize = 1_000_000;
const MAX_RULES: usize = 1_000_000;

/// What the streams of one document may inflate to, together.
pub(crate) struct Budget {
    /// Streams that could not be inflated.
    pub(crate) failed: usize,
    left: usize,
    max: u64,
    max_ratio: u64,
}

/// A stream may always inflate to this much, whatever its ratio (small streams cannot be bombs).
const RATIO_FLOOR: usize = 1024 * 1024;

impl Budget {
    /// A stream's content, inflated within what is left.
    pub(crate) fn inflate(&mut self, s: &Stream) -> Result<Vec<u8>, ReadError> {
        let too_large = |size: u64, max: u64| ReadError::PdfTooLarge {
            what: "the inflated size of the streams read",
            setting: "max_pdf_inflated_bytes",
            size,
            max,
        };
        // A stream may inflate to what is left, and to no more than its ratio allows (so a
        // bomb stops at a small multiple of its own size, not at the whole budget).
        let by_ratio = (s.content.len() as u64)
            .saturating_mul(self.max_ratio)
            .max(RATIO_FLOOR as u64);
        let limit = (self.left as u64).min(by_ratio) as usize;
        let data = match s.get_plain_content_with_limit(limit) {
            Ok(d) => d,
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                if (limit as u64) < self.left as u64 {
                    return Err(ReadError::PdfTooLarge {
                        what: "a stream's compression ratio",
                        setting: "max_pdf_ratio",
                        size: self.max_ratio + 1,
                        max: self.max_ratio,
                    });
                }
                return Err(too_large(self.max + 1, self.max));
            }
            // A stream that does not inflate is read as nothing (lopdf gives nothing back), not
            // an error for the whole file; the page that needed it is reported damaged.
            Err(_) => {
                self.failed += 1;
                Vec::new()
            }
        };
        self.left = self.left.saturating_sub(data.len());
        Ok(data)
    }
}

#[cfg(test)]
mod tests;
