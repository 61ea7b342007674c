//! DOCX reader: `word/document.xml` from the zip, paragraphs and table rows in document order.
//!
//! Paragraph text is the concatenation of its runs (`w:t`); a table row's cells are its `w:tc`
//! elements; a cell continuing a vertical merge (`w:vMerge` without `restart`) is left out, like a
//! rowspan in HTML, and a horizontal merge (`w:gridSpan`) is one cell. Provenance: a DOCX has no
//! lines, so `line` is the 1-based ordinal of the paragraph or table row in the document and
//! `column` the 1-based cell index in the row.
//!
//! Zip bombs are refused ([`ReadError::DocxTooLarge`]): limits on the entry count, on the
//! uncompressed size of all entries (declared) and of document.xml (read through a bounded
//! reader, whatever its header claims), and on document.xml's compression ratio; all three are
//! [`Limits`] fields the server takes from its configuration.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::document::{Document, Frag, Line};
use super::{Limits, ReadError};
use crate::model::Loc;

/// Deepest element nesting accepted in document.xml.
const MAX_DEPTH: usize = 512;

fn bad(msg: impl Into<String>) -> ReadError {
    ReadError::BadDocx(msg.into())
}

/// Reads a DOCX file's bytes, within the zip limits of `limits` (entries, total uncompressed
/// size, compression ratio of document.xml).
pub fn read(bytes: &[u8], limits: Limits) -> Result<Document, ReadError> {
    let too_large = |what, setting, size: u64, max: u64| ReadError::DocxTooLarge {
        what,
        setting,
        size,
        max,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a zip archive ({e})")))?;
    if zip.len() > limits.max_docx_entries {
        return Err(too_large(
            "the number of zip entries",
            "max_docx_entries",
            zip.len() as u64,
            limits.max_docx_entries as u64,
        ));
    }
    // Every entry's declared size, from the central directory (or, for entries written with
    // data descriptors, their headers): a bomb anywhere in the archive is refused, not only in
    // the one entry read.
    let total = match zip.decompressed_size() {
        Some(t) => u64::try_from(t).unwrap_or(u64::MAX),
        None => {
            let mut t = 0u64;
            for k in 0..zip.len() {
                let f = zip
                    .by_index_raw(k)
                    .map_err(|e| bad(format!("zip entry {k} unreadable ({e})")))?;
                t = t.saturating_add(f.size());
            }
            t
        }
    };
    let max = limits.max_docx_uncompressed_bytes;
    if total > max {
        return Err(too_large(
            "the uncompressed size of its entries",
            "max_docx_uncompressed_bytes",
            total,
            max,
        ));
    }
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| bad("no word/document.xml"))?;
    let declared = entry.size();
    let compressed = entry.compressed_size().max(1);
    // Rounded up, so a ratio within the limit is a size within `limit × compressed`.
    let ratio = |size: u64| size.div_ceil(compressed);
    if ratio(declared) > limits.max_docx_ratio {
        return Err(too_large(
            "the compression ratio of word/document.xml",
            "max_docx_ratio",
            ratio(declared),
            limits.max_docx_ratio,
        ));
    }
    // Inflated through a bounded reader: the header may lie.
    let budget = max.min(limits.max_docx_ratio.saturating_mul(compressed));
    let mut xml = Vec::with_capacity(declared.min(budget) as usize);
    entry
        .take(budget.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| bad(format!("cannot inflate word/document.xml ({e})")))?;
    // Past the budget means past one of the two limits; the reader stopped one byte beyond, so
    // `actual` is a lower bound of the real size.
    let actual = xml.len() as u64;
    if actual > max {
        return Err(too_large(
            "the inflated size of word/document.xml (at least)",
            "max_docx_uncompressed_bytes",
            actual,
            max,
        ));
    }
    if actual > budget {
        return Err(too_large(
            "the compression ratio of word/document.xml",
            "max_docx_ratio",
            ratio(actual),
            limits.max_docx_ratio,
        ));
    }
    parse_xml(&xml)
}

#[derive(Default)]
struct Cell {
    text: String,
    /// Where the cell's paragraphs start in `text` (after the first): used only if the table
    /// turns out to frame the document.
    breaks: Vec<usize>,
    skip: bool,
}

/// An open table: the row being built and the cell being built.
#[derive(Default)]
struct Table {
    row: Vec<Cell>,
    cell: Option<Cell>,
    /// A layout table (another table inside one of its cells): its paragraphs are read as
    /// outside any table.
    layout: bool,
}

/// Lines with an ordinal each (DOCX provenance: `line` = ordinal, `column` = cell index).
#[derive(Default)]
struct Lines {
    lines: Vec<Line>,
    ordinal: u32,
}

impl Lines {
    fn push(&mut self, frags: Vec<String>) {
        self.ordinal += 1;
        let no = self.ordinal;
        let frags = frags
            .into_iter()
            .enumerate()
            .map(|(k, text)| {
                Frag::new(
                    text,
                    Loc {
                        page: 0,
                        line: no,
                        column: k as u32 + 1,
                    },
                )
            })
            .collect();
        self.lines.push(Line { no, frags });
    }

    /// A paragraph outside tables: one cell, unless it is a table row typed as a paragraph
    /// (tabs or spaces between its values), cut into cells like a line of text.
    fn paragraph(&mut self, text: &str) {
        let t = text.trim();
        if t.is_empty() {
            return;
        }
        match super::text::paragraph_row(t, 0) {
            Some(frags) => self.push(frags.into_iter().map(|f| f.text.into()).collect()),
            None => self.push(vec![t.to_string()]),
        }
    }

    /// A cell of a layout table: its paragraphs.
    fn paragraphs_of(&mut self, c: &Cell) {
        let mut start = 0;
        for end in c.breaks.iter().copied().chain([c.text.len()]) {
            if let Some(p) = c.text.get(start..end) {
                self.paragraph(p);
            }
            start = end;
        }
    }
}

/// Parses document.xml.
pub fn parse_xml(xml: &[u8]) -> Result<Document, ReadError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut out = Lines::default();
    let mut depth = 0usize;
    // Open tables, innermost last.
    let mut tables: Vec<Table> = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
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
                    b"tbl" => {
                        // A table inside an open cell: the outer table frames the document;
                        // what it holds so far becomes paragraphs.
                        if let Some(t) = tables.last_mut()
                            && !t.layout
                            && t.cell.is_some()
                        {
                            t.layout = true;
                            for c in t.row.drain(..).chain(t.cell.take()) {
                                out.paragraphs_of(&c);
                            }
                        }
                        tables.push(Table::default());
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut()
                            && !t.layout
                        {
                            t.cell = Some(Cell::default());
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
                        match tables
                            .last_mut()
                            .filter(|t| !t.layout)
                            .and_then(|t| t.cell.as_mut())
                        {
                            // A cell's paragraphs join up (a label broken by a paragraph mark).
                            Some(cell) => {
                                if !cell.text.is_empty() && !text.is_empty() {
                                    cell.breaks.push(cell.text.len());
                                }
                                cell.text.push_str(&text);
                            }
                            None => out.paragraph(&text),
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut()
                            && let Some(c) = t.cell.take()
                            && !c.skip
                        {
                            t.row.push(c);
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut()
                            && !t.layout
                        {
                            let cells = std::mem::take(&mut t.row);
                            out.push(
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
        if out.lines.len() > super::MAX_LINES {
            return Err(ReadError::TooComplex(
                "word/document.xml has more than 200,000 paragraphs and table rows",
            ));
        }
        buf.clear();
    }
    Ok(Document {
        lines: out.lines,
        damage: None,
    })
}

/// `<w:vMerge/>` or `<w:vMerge w:val="continue"/>` continues a vertical merge: skip the cell.
fn mark_vmerge(e: &quick_xml::events::BytesStart<'_>, tables: &mut [Table]) {
    let restart = e
        .attributes()
        .flatten()
        .any(|a| a.key.local_name().as_ref() == b"val" && a.value.as_ref() == b"restart");
    if !restart && let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
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
    fn a_table_framing_the_document_gives_paragraphs_and_its_tables_rows() {
        let xml = doc(concat!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2019年某局年度报告</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>一、本年新收</w:t></w:r></w:p><w:p><w:r><w:t>申请数量</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            "<w:p><w:r><w:t>四、存在的主要问题</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        ));
        let d = parse_xml(&xml).unwrap();
        assert_eq!(
            d.texts(),
            vec![
                vec!["2019年某局年度报告"],
                vec!["一、总体情况"],
                // A data table's cell keeps its paragraphs together (a label broken by one).
                vec!["一、本年新收申请数量", "5"],
                vec!["四、存在的主要问题"],
                vec!["规章", "1"],
            ]
        );
    }

    #[test]
    fn too_many_paragraphs_are_refused() {
        let xml = doc(&"<w:p><w:r><w:t>a</w:t></w:r></w:p>".repeat(super::super::MAX_LINES + 1));
        assert!(matches!(parse_xml(&xml), Err(ReadError::TooComplex(_))));
    }

    #[test]
    fn table_rows_typed_as_paragraphs_are_cut_into_cells() {
        let xml = doc(concat!(
            "<w:p><w:r><w:t>（一）予以公开</w:t></w:r><w:r><w:tab/><w:t>5</w:t><w:tab/><w:tab/><w:t>0</w:t></w:r></w:p>",
            "<w:p><w:r><w:t xml:space=\"preserve\">规章 1 0 3</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>全年共收到申请 12 件</w:t></w:r></w:p>"
        ));
        let d = parse_xml(&xml).unwrap();
        assert_eq!(
            d.texts(),
            vec![
                vec!["（一）予以公开", "5", "", "0"],
                vec!["规章", "1", "0", "3"],
                vec!["全年共收到申请 12 件"],
            ]
        );
        assert_eq!(
            d.lines[0].frags[3].loc,
            Loc {
                page: 0,
                line: 1,
                column: 4
            }
        );
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
        assert_eq!(
            d.lines[1].frags[2].loc,
            Loc {
                page: 0,
                line: 2,
                column: 3
            }
        );
    }

    /// A zip of `entries` (name, content, deflated?).
    fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, content, deflated) in entries {
            let method = if *deflated {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            };
            w.start_file(
                *name,
                zip::write::SimpleFileOptions::default()
                    .compression_method(method)
                    .large_file(content.len() > u32::MAX as usize),
            )
            .unwrap();
            std::io::Write::write_all(&mut w, content).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const SMALL_XML: &[u8] = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"#.as_bytes();

    fn refused_by(r: Result<Document, ReadError>) -> &'static str {
        match r {
            Err(ReadError::DocxTooLarge {
                setting, size, max, ..
            }) => {
                assert!(size > max, "{setting}: {size} > {max}");
                setting
            }
            other => panic!("not refused by a zip limit: {other:?}"),
        }
    }

    #[test]
    fn bad_zips_are_errors() {
        let l = Limits::default();
        assert!(matches!(
            read(b"PK\x03\x04garbage", l),
            Err(ReadError::BadDocx(_))
        ));
        assert!(matches!(read(b"not a zip", l), Err(ReadError::BadDocx(_))));
        // A zip bomb: 64 MiB of spaces compress to a few KiB (about 1000:1).
        let bomb = zip_of(&[("word/document.xml", &vec![b' '; 64 * 1024 * 1024], true)]);
        assert_eq!(refused_by(read(&bomb, l)), "max_docx_ratio");
        let e = read(&bomb, l).unwrap_err();
        assert!(matches!(e, ReadError::DocxTooLarge { .. }));
        assert!(e.to_string().contains("compression ratio"), "{e}");
    }

    #[test]
    fn each_zip_limit_refuses_and_follows_its_setting() {
        let ok = |bytes: &[u8], l: Limits| read(bytes, l).map(|d| d.lines.len());
        // Entries: eleven files pass the default and fail a limit of ten.
        let names: Vec<String> = (0..10).map(|k| format!("word/media/{k}.txt")).collect();
        let mut entries: Vec<(&str, &[u8], bool)> = vec![("word/document.xml", SMALL_XML, true)];
        entries.extend(names.iter().map(|n| (n.as_str(), &b"x"[..], false)));
        let many = zip_of(&entries);
        assert_eq!(ok(&many, Limits::default()), Ok(1));
        let ten = Limits {
            max_docx_entries: 10,
            ..Limits::default()
        };
        assert_eq!(refused_by(read(&many, ten)), "max_docx_entries");
        // Total uncompressed size: a 2 MiB picture (stored, ratio 1) beside a small document.
        let picture = vec![7u8; 2 * 1024 * 1024];
        let big = zip_of(&[
            ("word/document.xml", SMALL_XML, true),
            ("word/media/image1.png", &picture, false),
        ]);
        assert_eq!(ok(&big, Limits::default()), Ok(1));
        let one_mib = Limits {
            max_docx_uncompressed_bytes: 1024 * 1024,
            ..Limits::default()
        };
        assert_eq!(
            refused_by(read(&big, one_mib)),
            "max_docx_uncompressed_bytes"
        );
        // Ratio: 20,000 numbered paragraphs compress beyond 10:1 (and within 200:1).
        let paragraphs: String = (0..20_000)
            .map(|k| format!("<w:p><w:r><w:t>第{k}段</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{paragraphs}</w:body></w:document>"#);
        let repetitive = zip_of(&[("word/document.xml", xml.as_bytes(), true)]);
        assert_eq!(ok(&repetitive, Limits::default()), Ok(20_000));
        let ten_to_one = Limits {
            max_docx_ratio: 10,
            ..Limits::default()
        };
        assert_eq!(refused_by(read(&repetitive, ten_to_one)), "max_docx_ratio");
    }

    #[test]
    fn a_header_that_lies_about_its_size_is_still_bounded() {
        // 8 MiB of spaces whose headers claim 1,000 bytes: the declared sizes pass, the bounded
        // reader stops at the limit.
        let mut bytes = zip_of(&[("word/document.xml", &vec![b' '; 8 * 1024 * 1024], true)]);
        let patch = |bytes: &mut Vec<u8>, signature: &[u8], offset: usize| {
            let at = bytes
                .windows(4)
                .position(|w| w == signature)
                .expect("header");
            bytes[at + offset..at + offset + 4].copy_from_slice(&1000u32.to_le_bytes());
        };
        patch(&mut bytes, b"PK\x03\x04", 22); // local header: uncompressed size
        patch(&mut bytes, b"PK\x01\x02", 24); // central directory: uncompressed size
        let l = Limits {
            max_docx_uncompressed_bytes: 1024 * 1024,
            max_docx_ratio: 1_000_000,
            ..Limits::default()
        };
        match read(&bytes, l) {
            Err(ReadError::DocxTooLarge { setting, size, .. }) => {
                assert_eq!(setting, "max_docx_uncompressed_bytes");
                assert_eq!(
                    size,
                    1024 * 1024 + 1,
                    "read one byte past the limit, no more"
                );
            }
            other => panic!("{other:?}"),
        }
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
