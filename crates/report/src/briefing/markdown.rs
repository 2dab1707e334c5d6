//! The briefing as Markdown: headings, paragraphs and pipe tables a lead can
//! paste into an email. Every piece of text goes through the one Markdown
//! escape, [`md_cell`].

use super::document::{Block, Table, document};
use super::{Briefing, Heading};
use sauro_core::Lang;
use sauro_core::escape::md_cell;
use std::fmt::Write as _;

/// The briefing as Markdown: headings, paragraphs and pipe tables a lead can
/// paste into an email.
pub fn render_markdown(b: &Briefing, lang: Lang, heading: &Heading) -> String {
    let doc = document(b, lang, heading);
    let mut out = String::new();
    if let Some(unit) = &doc.unit {
        let _ = writeln!(out, "**{}**\n", md_cell(unit));
    }
    let _ = writeln!(out, "# {}\n", md_cell(&doc.title));
    for m in &doc.meta {
        let _ = writeln!(out, "- {}", md_cell(m));
    }
    for s in &doc.sections {
        let _ = writeln!(out, "\n## {}\n", md_cell(&s.title));
        for (i, block) in s.blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            md_block(&mut out, block);
        }
    }
    let _ = writeln!(out, "\n---\n\n_{}_", md_cell(&doc.footer));
    out
}

/// A paragraph, a subheading, an "empty" note or a table.
fn md_block(out: &mut String, block: &Block) {
    match block {
        Block::Para(p) => {
            let _ = writeln!(out, "{}", md_cell(p));
        }
        Block::Sub(h) => {
            let _ = writeln!(out, "### {}", md_cell(h));
        }
        Block::None(p) => {
            let _ = writeln!(out, "_{}_", md_cell(p));
        }
        Block::Table(t) => md_table(out, t),
    }
}

/// A pipe table: numbers aligned right, a cell's lines joined by "; ",
/// total rows in bold.
fn md_table(out: &mut String, t: &Table) {
    let _ = writeln!(
        out,
        "| {} |",
        t.head
            .iter()
            .map(|h| md_cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let rule: Vec<&str> = t
        .numeric
        .iter()
        .map(|&n| if n { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for r in &t.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                let text = md_cell(&c.lines.join("; "));
                if r.total { format!("**{text}**") } else { text }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}
