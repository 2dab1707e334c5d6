//! The briefing as a Word document, to edit before the meeting: the same
//! title, lines, sections, paragraphs and tables as the Markdown and HTML,
//! in Times New Roman 13 pt (tables 11 pt) on A4 with page numbers.

use super::document::{Block, document};
use super::{Briefing, Heading};
use crate::docx::{body, centered, heading, pack, table};
use docx_rs::{Paragraph, Run};
use sauro_core::Lang;

/// Body text, in half-points (13 pt).
const BODY: usize = 26;
/// Table text, in half-points (11 pt).
const TABLE: usize = 22;

/// The briefing as a `.docx` file.
///
/// # Errors
/// When the package cannot be written.
pub fn render_docx(b: &Briefing, lang: Lang, head: &Heading) -> crate::Result<Vec<u8>> {
    let doc = document(b, lang, head);
    let mut out = crate::docx::document(BODY);
    if let Some(unit) = &doc.unit {
        out = out.add_paragraph(centered(&unit.to_uppercase(), BODY, true));
    }
    out = out.add_paragraph(centered(&doc.title, 32, true));
    for m in &doc.meta {
        out = out.add_paragraph(centered(m, BODY, false));
    }
    for s in &doc.sections {
        out = out
            .add_paragraph(Paragraph::new())
            .add_paragraph(heading(&s.title, 28));
        for block in &s.blocks {
            out = match block {
                Block::Para(p) => out.add_paragraph(body(p, BODY)),
                Block::Sub(h) => out.add_paragraph(heading(h, BODY)),
                Block::None(p) => out.add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text(p).italic().size(BODY)),
                ),
                Block::Table(t) => {
                    let rows: Vec<Vec<Vec<String>>> = t
                        .rows
                        .iter()
                        .map(|r| r.cells.iter().map(|c| c.lines.clone()).collect())
                        .collect();
                    let totals: Vec<usize> = t
                        .rows
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.total)
                        .map(|(i, _)| i)
                        .collect();
                    out.add_table(table(&t.head, &rows, &t.numeric, &totals, TABLE))
                }
            };
        }
    }
    out = out.add_paragraph(Paragraph::new()).add_paragraph(
        Paragraph::new().add_run(Run::new().add_text(&doc.footer).italic().size(22)),
    );
    pack(out)
}
