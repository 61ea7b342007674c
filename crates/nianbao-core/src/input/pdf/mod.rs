//! The PDF reader: a report's cells from where its glyphs stand and the table rules the page
//! draws, not from an extraction of its text.
//!
//! * [`lopdf`] parses the file (cross-reference repair of damaged files, object streams,
//!   decryption with the empty password, bounded stream inflation, object nesting limits).
//! * [`interp`] runs each page's content stream (our interpreter on lopdf's operator parser):
//!   glyphs with their Unicode text ([`font`]: ToUnicode CMaps, Identity-H/V, the predefined
//!   Chinese CMaps) and boxes, and the horizontal and vertical rules.
//! * [`layout`] builds the tables from the rules (rows and columns from the rules, merged cells
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

use lopdf::{DecompressError, Document as PdfDoc, LoadOptions, Stream};

use super::{Document, Limits, ReadError};

/// Reads a PDF file into the document model.
pub fn read(bytes: &[u8], limits: Limits) -> Result<Document, ReadError> {
    let pages = read_pages(bytes, limits)?;
    let doc = layout::document(&pages);
    if doc.lines.is_empty() {
        return Err(no_text(&pages));
    }
    Ok(doc)
}

/// The page contents as the interpreter sees them (glyphs and rules), for tools and tests.
pub(crate) fn read_pages(
    bytes: &[u8],
    limits: Limits,
) -> Result<Vec<interp::PageContent>, ReadError> {
    let pdf = load(bytes, limits)?;
    let pages = pdf.get_pages();
    if pages.len() > limits.max_pdf_pages {
        return Err(ReadError::PdfTooLarge {
            what: "the page count",
            setting: "max_pdf_pages",
            size: pages.len() as u64,
            max: limits.max_pdf_pages as u64,
        });
    }
    let mut budget = Budget {
        left: limits.max_pdf_inflated_bytes as usize,
        max: limits.max_pdf_inflated_bytes,
        max_ratio: limits.max_pdf_ratio,
    };
    let mut interp = interp::Interp::new(&pdf, limits.max_pdf_depth);
    let mut out = Vec::with_capacity(pages.len());
    for (_, id) in pages {
        out.push(interp.page(id, &mut budget)?);
    }
    if out.iter().all(|p| p.glyphs.is_empty()) {
        return Err(no_text(&out));
    }
    Ok(out)
}

fn no_text(pages: &[interp::PageContent]) -> ReadError {
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
        max_decompressed_size: Some(limits.max_pdf_inflated_bytes as usize),
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

fn load_error(e: lopdf::Error, limits: Limits) -> ReadError {
    use lopdf::Error as E;
    match e {
        E::InvalidPassword | E::Decryption(_) | E::AlreadyEncrypted => ReadError::PdfEncrypted,
        E::Decompress(DecompressError::MemoryLimitExceeded { .. }) => ReadError::PdfTooLarge {
            what: "a stream's inflated size",
            setting: "max_pdf_inflated_bytes",
            size: limits.max_pdf_inflated_bytes + 1,
            max: limits.max_pdf_inflated_bytes,
        },
        other => ReadError::PdfDamaged(other.to_string()),
    }
}

/// What the streams of one document may inflate to, together.
pub(crate) struct Budget {
    left: usize,
    max: u64,
    max_ratio: u64,
}

/// A stream's ratio is checked once it inflates past this (small streams cannot be bombs).
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
        let data = match s.get_plain_content_with_limit(self.left) {
            Ok(d) => d,
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(too_large(self.max + 1, self.max));
            }
            // A stream that does not inflate is read as far as it goes (lopdf gives nothing):
            // an empty content stream, not an error for the whole file.
            Err(_) => Vec::new(),
        };
        if data.len() > RATIO_FLOOR {
            let ratio = data.len() as u64 / (s.content.len() as u64).max(1);
            if ratio > self.max_ratio {
                return Err(ReadError::PdfTooLarge {
                    what: "a stream's compression ratio",
                    setting: "max_pdf_ratio",
                    size: ratio,
                    max: self.max_ratio,
                });
            }
        }
        self.left = self.left.saturating_sub(data.len());
        Ok(data)
    }
}

#[cfg(test)]
mod tests;
