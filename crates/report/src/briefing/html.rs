//! The briefing as one self-contained HTML file that prints on A4.

use super::document::{Block, Row, Table, document};
use super::{Briefing, Heading};
use sauro_core::Lang;
use std::fmt::Write as _;

/// Text made safe for HTML content and attribute values (the one escape of
/// [`sauro_core::escape::html`]).
pub use sauro_core::escape::html as escape_html;

/// The style sheet, inline: screen and A4 print.
const CSS: &str = r#"
@page { size: A4; margin: 15mm 12mm 16mm 12mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 9pt "Times New Roman", serif; } }
html { -webkit-text-size-adjust: 100%; }
body { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; font-size: 12pt;
  line-height: 1.4; color: #111; background: #fff; max-width: 62rem; margin: 1.5rem auto;
  padding: 0 1rem; }
header { border-bottom: 2px solid #222; margin-bottom: 1rem; padding-bottom: .4rem; }
p.unit { font-weight: bold; text-transform: uppercase; margin: 0 0 .4rem; }
h1 { font-size: 18pt; margin: 0 0 .4rem; }
h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #999;
  padding-bottom: .15rem; }
h3 { font-size: 12pt; margin: 1rem 0 .3rem; }
p { margin: .3rem 0 .6rem; }
ul.meta { list-style: none; margin: 0; padding: 0; color: #333; }
p.none { font-style: italic; color: #555; }
table { width: 100%; max-width: 100%; border-collapse: collapse; margin: .3rem 0 .8rem;
  font-size: 10.5pt; }
th, td { border: 1px solid #999; padding: .2rem .35rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: #e8e8e8; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.id { overflow-wrap: normal; }
span.nb { white-space: nowrap; }
tr.total td { font-weight: bold; background: #f4f4f4; }
.st-overdue { color: #a30000; font-weight: bold; }
.st-late { color: #8a4b00; }
.st-done { color: #1d5e20; }
.st-open { color: #123f7a; }
.st-ongoing { color: #444; }
.st-cancelled { color: #777; }
footer { margin-top: 2rem; border-top: 1px solid #bbb; padding-top: .4rem; font-size: 9.5pt;
  color: #444; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 11pt; }
  table { font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead th, tr.total td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  footer { break-inside: avoid; }
}
"#;

/// The briefing as one self-contained HTML file: inline CSS, no scripts, no
/// external assets; printed on A4, sections follow each other without
/// forced page breaks, table headers repeat, rows are not split, long words
/// wrap inside their cell (no border runs off the page), task ids never
/// break at a hyphen, and each page is numbered. Each section is `<section id="…">` (see
/// [`SECTION_IDS`](super::SECTION_IDS)); each task row carries `data-key="TASK-ID"`.
pub fn render_html(b: &Briefing, lang: Lang, heading: &Heading) -> String {
    let doc = document(b, lang, heading);
    let code = match doc.lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n{}<h1>{}</h1>\n<ul class=\"meta\">\n",
        escape_html(&doc.title),
        doc.unit
            .as_deref()
            .map(|u| format!("<p class=\"unit\">{}</p>\n", escape_html(u)))
            .unwrap_or_default(),
        escape_html(&doc.title)
    );
    for m in &doc.meta {
        let _ = writeln!(out, "<li>{}</li>", escape_html(m));
    }
    out.push_str("</ul>\n</header>\n<main>\n");
    for (i, s) in doc.sections.iter().enumerate() {
        let class = if i == 0 { " class=\"first\"" } else { "" };
        let _ = writeln!(
            out,
            "<section id=\"{}\"{class}>\n<h2>{}</h2>",
            s.id,
            escape_html(&s.title)
        );
        for block in &s.blocks {
            html_block(&mut out, block);
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer>\n<p>{}</p>\n</footer>\n</body>\n</html>\n",
        escape_html(&doc.footer)
    );
    out
}

/// A paragraph, a subheading, an "empty" note or a table.
fn html_block(out: &mut String, block: &Block) {
    match block {
        Block::Para(p) => {
            let _ = writeln!(out, "<p>{}</p>", escape_html(p));
        }
        Block::Sub(h) => {
            let _ = writeln!(out, "<h3>{}</h3>", escape_html(h));
        }
        Block::None(p) => {
            let _ = writeln!(out, "<p class=\"none\">{}</p>", escape_html(p));
        }
        Block::Table(t) => html_table(out, t),
    }
}

/// A task id that a printed line may break after a `/` but never at a
/// hyphen: each part in a no-wrap span, a `<wbr>` after each slash.
fn id_html(id: &str) -> String {
    id.split_inclusive('/')
        .map(|part| format!("<span class=\"nb\">{}</span>", escape_html(part)))
        .collect::<Vec<_>>()
        .join("<wbr>")
}

/// A table whose head repeats on each printed page; numbers aligned right.
fn html_table(out: &mut String, t: &Table) {
    out.push_str("<table>\n<thead>\n<tr>");
    for (h, &num) in t.head.iter().zip(&t.numeric) {
        let class = if num { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape_html(h));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for r in &t.rows {
        html_row(out, r, &t.numeric);
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A row: `class="total"` on a total, `data-key` naming what it is about,
/// each cell's lines separated by `<br>`.
fn html_row(out: &mut String, r: &Row, numeric: &[bool]) {
    out.push_str("<tr");
    if r.total {
        out.push_str(" class=\"total\"");
    }
    if let Some(k) = &r.key {
        let _ = write!(out, " data-key=\"{}\"", escape_html(k));
    }
    out.push('>');
    for (c, &num) in r.cells.iter().zip(numeric) {
        let mut classes: Vec<&str> = Vec::new();
        if num {
            classes.push("num");
        }
        if let Some(cl) = c.class {
            classes.push(cl);
        }
        if classes.is_empty() {
            out.push_str("<td>");
        } else {
            let _ = write!(out, "<td class=\"{}\">", classes.join(" "));
        }
        let lines: Vec<String> = if c.class == Some("id") {
            c.lines.iter().map(|l| id_html(l)).collect()
        } else {
            c.lines.iter().map(|l| escape_html(l)).collect()
        };
        out.push_str(&lines.join("<br>"));
        out.push_str("</td>");
    }
    out.push_str("</tr>\n");
}
