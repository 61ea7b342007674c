//! DOCX reader: `word/document.xml` from the zip, paragraphs and table rows in document order.
//!
//! Paragraph text is the concatenation of its runs (`w:t`); a table row's cells are its `w:tc`
//! elements; a cell continuing a vertical merge (`w:vMerge` without `restart`) is left out, like a
//! rowspan in HTML, and a horizontal merge (`w:gridSpan`) is one cell. Provenance: a DOCX has no
//! lines, so `line` is the 1-based ordinal of the paragraph or table row in the document and
//! `column` the 1-based cell index in the row.
//!
//! Zip bombs are refused: limits on the entry count, on the uncompressed size of document.xml
//! (read through a bounded reader, whatever the header claims) and on the compression ratio.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::document::{Document, Frag, Line};
use super::{Limits, ReadError};
use crate::model::Loc;

/// Most entries a DOCX zip may have.
pub const MAX_ENTRIES: usize = 2_000;
/// Largest compression ratio accepted for document.xml.
pub const MAX_RATIO: u64 = 200;
/// Largest uncompressed document.xml, as a multiple of the input limit (at least 32 MiB).
fn max_xml(limits: Limits) -> u64 {
    (limits.max_bytes as u64)
        .saturating_mul(8)
        .max(32 * 1024 * 1024)
}
/// Deepest element nesting accepted in document.xml.
const MAX_DEPTH: usize = 512;

fn bad(msg: impl Into<String>) -> ReadError {
    ReadError::BadDocx(msg.into())
}

/// Reads a DOCX file's bytes.
pub fn read(bytes: &[u8], limits: Limits) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a zip archive ({e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(format!(
            "{} zip entries, more than {MAX_ENTRIES}",
            zip.len()
        )));
    }
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| bad("no word/document.xml"))?;
    let declared = entry.size();
    let compressed = entry.compressed_size().max(1);
    let max = max_xml(limits);
    if declared > max || declared / compressed > MAX_RATIO {
        return Err(bad(format!(
            "word/document.xml expands to {declared} bytes from {compressed} (limit {max} bytes, ratio {MAX_RATIO})"
        )));
    }
    let mut xml = Vec::with_capacity(declared.min(max) as usize);
    entry
        .take(max + 1)
        .read_to_end(&mut xml)
        .map_err(|e| bad(format!("cannot inflate word/document.xml ({e})")))?;
    if xml.len() as u64 > max || xml.len() as u64 / compressed > MAX_RATIO {
        return Err(bad(
            "word/document.xml expands beyond the limits (zip bomb?)",
        ));
    }
    parse_xml(&xml)
}

#[derive(Default)]
struct Cell {
    text: String,
    skip: bool,
}

/// Parses document.xml.
pub fn parse_xml(xml: &[u8]) -> Result<Document, ReadError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut ordinal = 0u32;
    let mut depth = 0usize;
    // Open tables: each a stack entry with its current row and cell.
    let mut tables: Vec<(Vec<Cell>, Option<Cell>)> = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut push = |lines: &mut Vec<Line>, frags: Vec<String>| {
        ordinal += 1;
        let frags = frags
            .into_iter()
            .enumerate()
            .map(|(k, text)| {
                Frag::new(
                    text,
                    Loc {
                        line: ordinal,
                        column: k as u32 + 1,
                    },
                )
            })
            .collect();
        lines.push(Line { no: ordinal, frags });
    };
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| {
            bad(format!(
                "XML error at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ReadError::TooComplex(
                        "word/document.xml nests deeper than 512 elements",
                    ));
                }
                match e.local_name().as_ref() {
                    b"tbl" => tables.push((Vec::new(), None)),
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.1 = Some(Cell::default());
                        }
                    }
                    b"t" => in_text = true,
                    b"vMerge" => mark_vmerge(&e, &mut tables),
                    _ => {}
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                b"vMerge" => mark_vmerge(&e, &mut tables),
                b"tab" => para.push('\t'),
                b"br" | b"cr" => para.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.unescape().map_err(|e| bad(format!("bad text: {e}")))?;
                para.push_str(&s);
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"p" => {
                        let text = std::mem::take(&mut para);
                        match tables.last_mut().and_then(|t| t.1.as_mut()) {
                            Some(cell) => cell.text.push_str(&text),
                            None => {
                                if !text.trim().is_empty() {
                                    push(&mut lines, vec![text.trim().to_string()]);
                                }
                            }
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut()
                            && let Some(c) = t.1.take()
                            && !c.skip
                        {
                            t.0.push(c);
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            let cells = std::mem::take(&mut t.0);
                            push(
                                &mut lines,
                                cells
                                    .into_iter()
                                    .map(|c| c.text.trim().to_string())
                                    .collect(),
                            );
                        }
                    }
                    b"tbl" => {
                        tables.pop();
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(Document { lines })
}

/// `<w:vMerge/>` or `<w:vMerge w:val="continue"/>` continues a vertical merge: skip the cell.
fn mark_vmerge(e: &quick_xml::events::BytesStart<'_>, tables: &mut [(Vec<Cell>, Option<Cell>)]) {
    let restart = e
        .attributes()
        .flatten()
        .any(|a| a.key.local_name().as_ref() == b"val" && a.value.as_ref() == b"restart");
    if !restart && let Some(c) = tables.last_mut().and_then(|t| t.1.as_mut()) {
        c.skip = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> Vec<u8> {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
            .into_bytes()
    }

    #[test]
    fn paragraphs_tables_and_merges() {
        let xml = doc(concat!(
            "<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t>情况</w:t></w:r></w:p>",
            "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>三、本年度</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>（一）予以公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr>",
            "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
        ));
        let d = parse_xml(&xml).unwrap();
        let t: Vec<Vec<&str>> = d
            .lines
            .iter()
            .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect())
            .collect();
        assert_eq!(
            t,
            vec![
                vec!["一、总体情况"],
                vec!["三、本年度", "（一）予以公开", "5"],
                vec!["A & B", ""]
            ]
        );
        assert_eq!(d.lines[1].frags[2].loc, Loc { line: 2, column: 3 });
    }

    #[test]
    fn bad_zips_are_errors() {
        let l = Limits::default();
        assert!(matches!(
            read(b"PK\x03\x04garbage", l),
            Err(ReadError::BadDocx(_))
        ));
        assert!(matches!(read(b"not a zip", l), Err(ReadError::BadDocx(_))));
        // A zip bomb: 64 MiB of zeros compress to a few KiB.
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, &vec![b' '; 64 * 1024 * 1024]).unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert!(matches!(read(&bytes, l), Err(ReadError::BadDocx(m)) if m.contains("expands")));
    }

    #[test]
    fn truncated_docx_is_an_error() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/samples/006-shanghai-bangongting-2019-word.docx"
        ))
        .unwrap();
        for cut in [10, 100, bytes.len() / 2, bytes.len() - 10] {
            assert!(
                read(&bytes[..cut], Limits::default()).is_err(),
                "cut at {cut}"
            );
        }
        assert!(read(&bytes, Limits::default()).is_ok());
    }
}
