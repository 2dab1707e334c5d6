//! The pieces every Word document of sauro shares: Times New Roman, the
//! A4 page and margins of Nghị định 30/2020/NĐ-CP (top and bottom 2 cm,
//! left 3 cm, right 1.5 cm), page numbers, paragraphs and bordered tables
//! whose columns are sized to their text.

use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

/// Font of administrative documents.
pub const FONT: &str = "Times New Roman";

/// Width of the text on an A4 portrait page between these margins, in
/// twentieths of a point.
pub const TEXT_WIDTH: usize = 11906 - 1701 - 850;

/// A new A4 portrait document in Times New Roman of `size` half-points,
/// with the page number centred at the foot.
pub fn document(size: usize) -> Docx {
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(850),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .east_asia(FONT)
                .cs(FONT),
        )
        .default_size(size)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        )
}

/// The document packed as a `.docx` file.
///
/// # Errors
/// When the package cannot be written.
pub fn pack(doc: Docx) -> crate::Result<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| crate::Error::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

/// Text for a Word run: characters XML 1.0 forbids (most control
/// characters) and those that would mislead a reader shown visibly, line
/// breaks as spaces.
fn clean(text: &str) -> String {
    sauro_core::escape::terminal_line(text).into_owned()
}

/// A justified paragraph of `size` half-points.
pub fn body(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .add_run(Run::new().add_text(clean(text)).size(size))
}

/// A centred line of `size` half-points.
pub fn centered(text: &str, size: usize, bold: bool) -> Paragraph {
    let run = Run::new().add_text(clean(text)).size(size);
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(if bold { run.bold() } else { run })
}

/// A bold line of `size` half-points, kept with what follows.
pub fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .add_run(Run::new().add_text(clean(text)).size(size).bold())
}

/// One cell: its lines as paragraphs of `size` half-points.
fn cell(lines: &[String], width: usize, size: usize, bold: bool, right: bool) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for line in lines {
        let run = Run::new().add_text(clean(line)).size(size);
        let p = Paragraph::new().add_run(if bold { run.bold() } else { run });
        c = c.add_paragraph(if right {
            p.align(AlignmentType::Right)
        } else {
            p
        });
    }
    if lines.is_empty() {
        c = c.add_paragraph(Paragraph::new());
    }
    c
}

/// Column widths in twentieths of a point that fill `total`, each in
/// proportion to its longest line (from 4 to 40 characters counted).
pub fn widths(head: &[String], rows: &[Vec<Vec<String>>], total: usize) -> Vec<usize> {
    let longest = |lines: &[String]| lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut want: Vec<usize> = head
        .iter()
        .map(|h| longest(std::slice::from_ref(h)))
        .collect();
    for row in rows {
        for (w, c) in want.iter_mut().zip(row) {
            *w = (*w).max(longest(c));
        }
    }
    let want: Vec<usize> = want.iter().map(|w| (*w).clamp(4, 40)).collect();
    let sum: usize = want.iter().sum::<usize>().max(1);
    want.iter().map(|w| total * w / sum).collect()
}

/// A bordered table: a bold header row, then `rows` (never split across pages)
/// (each cell a list of lines); `numeric` columns aligned right; `bold_rows`
/// (by index) in bold.
pub fn table(
    head: &[String],
    rows: &[Vec<Vec<String>>],
    numeric: &[bool],
    bold_rows: &[usize],
    size: usize,
) -> Table {
    let widths = widths(head, rows, TEXT_WIDTH);
    let right = |i: usize| numeric.get(i).copied().unwrap_or(false);
    let header = TableRow::new(
        head.iter()
            .enumerate()
            .map(|(i, h)| cell(std::slice::from_ref(h), widths[i], size, true, right(i)))
            .collect(),
    );
    let mut out = vec![header];
    for (r, row) in rows.iter().enumerate() {
        let bold = bold_rows.contains(&r);
        out.push(
            TableRow::new(
                row.iter()
                    .enumerate()
                    .map(|(i, lines)| {
                        let w = widths.get(i).copied().unwrap_or(1000);
                        cell(lines, w, size, bold, right(i))
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(out)
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
}
