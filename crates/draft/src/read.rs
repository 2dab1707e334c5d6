//! Reading a document into paragraphs and tables: text and Markdown, Word
//! (`.docx`, through `zip` and `quick-xml`), spreadsheets (`.xlsx`, `.ods`…,
//! through calamine).

use crate::error::DraftError;
use crate::text::clean;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// A part of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (or a line of text).
    Para(String),
    /// A table: rows of cells; a cell may hold several lines.
    Table(Vec<Vec<String>>),
}

/// The largest input accepted, in bytes.
pub const MAX_INPUT: usize = 20 * 1024 * 1024;
/// The largest text a compressed part may unpack to, in bytes.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The kinds of file the drafter reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.txt`, `.md`.
    Text,
    /// `.docx`.
    Word,
    /// `.xlsx`, `.xlsm`, `.xls`, `.ods`.
    Sheet,
    /// `.pdf` with a text layer.
    Pdf,
}

/// The kind of a file by its name's extension.
pub fn kind_of(name: &str) -> Option<Kind> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => Some(Kind::Text),
        "docx" => Some(Kind::Word),
        "xlsx" | "xlsm" | "xls" | "ods" => Some(Kind::Sheet),
        "pdf" => Some(Kind::Pdf),
        _ => None,
    }
}

/// Reads a document's blocks.
///
/// # Errors
/// Unsupported type, too large, corrupt, encrypted or not UTF-8.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Block>, DraftError> {
    if bytes.len() > MAX_INPUT {
        return Err(DraftError::TooLarge {
            file: name.to_owned(),
            limit: MAX_INPUT,
        });
    }
    let ext = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    let Some(kind) = kind_of(name) else {
        return Err(DraftError::Unsupported {
            file: name.to_owned(),
            ext,
        });
    };
    // An encrypted Office file is an OLE container, not a zip.
    if matches!(kind, Kind::Word | Kind::Sheet)
        && bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        && ext != "xls"
    {
        return Err(DraftError::Encrypted {
            file: name.to_owned(),
        });
    }
    match kind {
        Kind::Text => {
            let text = std::str::from_utf8(bytes).map_err(|e| DraftError::NotUtf8 {
                file: name.to_owned(),
                offset: e.valid_up_to(),
            })?;
            Ok(text_blocks(text))
        }
        Kind::Word => word(name, bytes),
        Kind::Sheet => sheet(name, bytes),
        Kind::Pdf => pdf(name, bytes),
    }
}

/// True when a line is a Markdown table's separator (`|---|:--:|`).
fn is_separator_row(line: &str) -> bool {
    let t = line.trim().trim_matches('|');
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':' | '|' | ' '))
}

fn md_cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|')
        .map(|c| clean(&c.replace("<br>", "\n").replace("<br/>", "\n")))
        .collect()
}

/// Text (copied from a page or a PDF, or Markdown): paragraphs, Markdown
/// tables (`| … |`) and tab-separated tables.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut tab_table: Vec<Vec<String>> = Vec::new();
    let flush_para = |para: &mut String, blocks: &mut Vec<Block>| {
        let p = clean(para);
        if !p.is_empty() {
            blocks.push(Block::Para(p));
        }
        para.clear();
    };
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim();
        if trimmed.starts_with('|') && trimmed.len() > 1 {
            flush_para(&mut para, &mut blocks);
            if !is_separator_row(trimmed) {
                table.push(md_cells(trimmed));
            }
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut table)));
        }
        if line.contains('\t') && line.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2 {
            flush_para(&mut para, &mut blocks);
            tab_table.push(line.split('\t').map(clean).collect());
            continue;
        }
        if !tab_table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut tab_table)));
        }
        let content = trimmed.trim_start_matches('#').trim();
        if content.is_empty() {
            flush_para(&mut para, &mut blocks);
            continue;
        }
        // A line broken inside a sentence (text copied from a PDF) goes on
        // the same paragraph: the previous line does not end a sentence and
        // this one starts in lower case.
        let joins = !para.is_empty()
            && !para.trim_end().ends_with(['.', ';', ':', '!', '?'])
            && content.chars().next().is_some_and(char::is_lowercase);
        if !joins {
            flush_para(&mut para, &mut blocks);
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(content);
    }
    flush_para(&mut para, &mut blocks);
    if !table.is_empty() {
        blocks.push(Block::Table(table));
    }
    if !tab_table.is_empty() {
        blocks.push(Block::Table(tab_table));
    }
    blocks
}

fn corrupt(name: &str, why: impl std::fmt::Display) -> DraftError {
    DraftError::Corrupt {
        file: name.to_owned(),
        reason: why.to_string(),
    }
}

/// A `.docx`: the paragraphs and tables of `word/document.xml`.
fn word(name: &str, bytes: &[u8]) -> Result<Vec<Block>, DraftError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(name, e))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|_| corrupt(name, "word/document.xml is missing"))?;
    if part.encrypted() {
        return Err(DraftError::Encrypted {
            file: name.to_owned(),
        });
    }
    let mut xml = String::new();
    (&mut part)
        .take(MAX_UNPACKED)
        .read_to_string(&mut xml)
        .map_err(|e| corrupt(name, e))?;
    word_xml(&xml).map_err(|e| corrupt(name, e))
}

/// Where the Word reader is.
#[derive(Default)]
struct WordState {
    blocks: Vec<Block>,
    para: String,
    /// Open tables (nested ones flatten into their cell): rows, current row,
    /// current cell's paragraphs, grid column of the cell, its merge kind.
    tables: Vec<TableState>,
}

#[derive(Default)]
struct TableState {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
    span: usize,
    merge_continue: bool,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

/// Reads `word/document.xml`.
fn word_xml(xml: &str) -> Result<Vec<Block>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut st = WordState::default();
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => st.tables.push(TableState::default()),
                "tr" => {
                    if let Some(t) = st.tables.last_mut() {
                        t.row.clear();
                    }
                }
                "tc" => {
                    if let Some(t) = st.tables.last_mut() {
                        t.cell.clear();
                        t.span = 1;
                        t.merge_continue = false;
                    }
                }
                "p" => st.para.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => st.para.push('\t'),
                "br" | "cr" => st.para.push('\n'),
                "gridSpan" => {
                    if let Some(t) = st.tables.last_mut() {
                        t.span = attr(&e, "val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                    }
                }
                "vMerge" => {
                    // <w:vMerge/> (no val) continues the cell above.
                    if let Some(t) = st.tables.last_mut() {
                        t.merge_continue = attr(&e, "val").is_none_or(|v| v == "continue");
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => st.para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    st.para.push(c);
                } else {
                    st.para.push_str(match r.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => end_word_element(&mut st, e.local_name().as_ref(), &mut in_text),
            _ => {}
        }
    }
    Ok(st.blocks)
}

fn end_word_element(st: &mut WordState, name: &str, in_text: &mut bool) {
    match name {
        "t" => *in_text = false,
        "p" => {
            let text = std::mem::take(&mut st.para);
            match st.tables.last_mut() {
                Some(t) => t.cell.push(text),
                None => {
                    let p = clean(&text.replace('\t', " "));
                    if !p.is_empty() {
                        st.blocks.push(Block::Para(p));
                    }
                }
            }
        }
        "tc" => {
            if let Some(t) = st.tables.last_mut() {
                let col = t.row.len();
                let mut text = t
                    .cell
                    .iter()
                    .map(|l| clean(&l.replace('\t', " ")))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                // A cell merged with the one above shows its text (not the
                // first column: a merged row number is one task over rows).
                if t.merge_continue
                    && col > 0
                    && let Some(above) = t.rows.last().and_then(|r| r.get(col))
                {
                    text.clone_from(above);
                }
                t.row.push(text);
                for _ in 1..t.span {
                    t.row.push(String::new());
                }
            }
        }
        "tr" => {
            if let Some(t) = st.tables.last_mut() {
                let row = std::mem::take(&mut t.row);
                t.rows.push(row);
            }
        }
        "tbl" => {
            if let Some(t) = st.tables.pop() {
                match st.tables.last_mut() {
                    // A nested table becomes lines of its cell.
                    Some(outer) => {
                        for r in t.rows {
                            outer.cell.push(r.join(" | "));
                        }
                    }
                    None => st.blocks.push(Block::Table(t.rows)),
                }
            }
        }
        _ => {}
    }
}

/// A PDF's text layer (pdf-extract), read as text copied from a page: its
/// lines become paragraphs; tables lose their columns.
fn pdf(name: &str, bytes: &[u8]) -> Result<Vec<Block>, DraftError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(corrupt(name, "no %PDF header"));
    }
    // The extractor may panic on a malformed file: that is a damaged file,
    // not a crash.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => {
            let why = e.to_string();
            if why.to_ascii_lowercase().contains("decrypt")
                || why.to_ascii_lowercase().contains("encrypt")
            {
                return Err(DraftError::Encrypted {
                    file: name.to_owned(),
                });
            }
            return Err(corrupt(name, why));
        }
        Err(_) => return Err(corrupt(name, "the PDF reader failed")),
    };
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return Err(DraftError::NoTextLayer {
            file: name.to_owned(),
        });
    }
    Ok(text_blocks(&text))
}

/// A spreadsheet: every sheet as a table.
fn sheet(name: &str, bytes: &[u8]) -> Result<Vec<Block>, DraftError> {
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| corrupt(name, e))?;
    let mut blocks = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(|e| corrupt(name, e))?;
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(sheet_cell).collect())
            .collect();
        if let calamine::Sheets::Xlsx(x) = &mut book
            && let Ok(merged) = x.merge_cells_by_sheet_name(&sheet)
        {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            fill_merged(&mut rows, &merged, (r0, c0));
        }
        rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        if !rows.is_empty() {
            blocks.push(Block::Table(rows));
        }
    }
    Ok(blocks)
}

/// A spreadsheet cell as text; dates as dd/mm/yyyy.
fn sheet_cell(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{day:02}/{m:02}/{y}")
        }
        Data::DateTimeIso(s) => iso_to_vn(s),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Empty | Data::Error(_) => String::new(),
        other => other.to_string().trim().to_owned(),
    }
}

/// Copies the text of a vertically merged cell into the rows it covers (not in
/// the first column, where a merged number is one task over several rows).
fn fill_merged(rows: &mut [Vec<String>], merged: &[calamine::Dimensions], origin: (u32, u32)) {
    for m in merged {
        let (Some(top), Some(col)) = (
            m.start.0.checked_sub(origin.0),
            m.start.1.checked_sub(origin.1),
        ) else {
            continue;
        };
        let (top, col) = (top as usize, col as usize);
        if col == 0 || m.end.0 <= m.start.0 {
            continue;
        }
        let Some(text) = rows.get(top).and_then(|r| r.get(col)).cloned() else {
            continue;
        };
        let last = (m.end.0 - origin.0) as usize;
        for r in rows.iter_mut().take(last + 1).skip(top + 1) {
            if let Some(c) = r.get_mut(col) {
                c.clone_from(&text);
            }
        }
    }
}

/// `2025-06-30…` → `30/06/2025`; anything else as it is.
fn iso_to_vn(s: &str) -> String {
    chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
        .map_or_else(|_| s.to_owned(), |d| d.format("%d/%m/%Y").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_tab_tables_and_broken_lines() {
        let text = "Số: 03/NQ-CP\n\n| TT | Nhiệm vụ |\n|---|---|\n| 1 | Xây dựng |\n\nBộ Công an chủ trì xây\ndựng đề án.\nA\tB\tC\n1\tx\ty\n";
        let b = text_blocks(text);
        assert_eq!(
            b,
            vec![
                Block::Para("Số: 03/NQ-CP".into()),
                Block::Table(vec![
                    vec!["TT".into(), "Nhiệm vụ".into()],
                    vec!["1".into(), "Xây dựng".into()]
                ]),
                Block::Para("Bộ Công an chủ trì xây dựng đề án.".into()),
                Block::Table(vec![
                    vec!["A".into(), "B".into(), "C".into()],
                    vec!["1".into(), "x".into(), "y".into()]
                ]),
            ]
        );
    }

    #[test]
    fn word_xml_reads_paragraphs_tables_and_merged_cells() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>Số: 03/NQ-CP &amp; khác</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Chủ trì</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Bộ Công an</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
</w:tbl></w:body></w:document>"#;
        let b = word_xml(xml).unwrap();
        assert_eq!(b[0], Block::Para("Số: 03/NQ-CP & khác".into()));
        let Block::Table(rows) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(rows[2], vec!["2".to_owned(), "Bộ Công an".to_owned()]);
    }

    // The same PDF builder as the integration tests.
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/pdf.rs"));

    #[test]
    fn a_pdf_text_layer_is_read_and_a_pdf_without_one_is_refused() {
        let b = read(
            "a.pdf",
            &pdf_with(&[
                "Giao Bo Cong an chu tri, phoi hop voi Bo Tu phap",
                "xay dung De an dinh danh dien tu.",
            ]),
        )
        .unwrap();
        let text: Vec<String> = b
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.clone()),
                Block::Table(_) => None,
            })
            .collect();
        assert!(text.join(" ").contains("Giao Bo Cong an chu tri"), "{b:?}");
        assert!(matches!(
            read("scan.pdf", &pdf_with(&[])),
            Err(DraftError::NoTextLayer { .. })
        ));
    }

    #[test]
    fn unknown_kinds_and_broken_files_are_refused() {
        assert!(matches!(
            read("a.rtf", b"x"),
            Err(DraftError::Unsupported { .. })
        ));
        assert!(matches!(
            read("a.pdf", b"x"),
            Err(DraftError::Corrupt { .. })
        ));
        assert!(matches!(
            read("a.pdf", b"%PDF-1.4 garbage"),
            Err(DraftError::Corrupt { .. })
        ));
        assert!(matches!(
            read("a.docx", b"not a zip"),
            Err(DraftError::Corrupt { .. })
        ));
        assert!(matches!(
            read("a.docx", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
            Err(DraftError::Encrypted { .. })
        ));
        assert!(matches!(
            read("a.txt", &[0xff, 0xfe]),
            Err(DraftError::NotUtf8 { .. })
        ));
    }
}
