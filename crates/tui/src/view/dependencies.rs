//! The dependency view: what holds the selected task up, and what it holds up.

use super::badge::badge;
use crate::app::App;
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let title = match app.selected() {
        Some(t) => format!(
            " {} {} — {} ",
            lang.pick("Phụ thuộc của", "Dependencies of"),
            t.id(),
            t.task.title
        ),
        None => format!(" {} ", lang.pick("Phụ thuộc", "Dependencies")),
    };
    let block = Block::bordered()
        .border_style(theme::FOCUS_BORDER)
        .title(Span::styled(super::safe(&title).into_owned(), theme::TITLE));
    let inner = block.inner(area);
    block.render(area, buf);
    let page = inner.height as usize;
    let offset = app.tree_selected.saturating_sub(page.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, l) in app.tree.iter().enumerate().skip(offset).take(page) {
        let line = match &l.id {
            None => {
                let (label, none) = if l.prerequisite {
                    (
                        lang.pick(
                            "▲ Tiên quyết (phải xong trước)",
                            "▲ Prerequisites (must finish first)",
                        ),
                        app.tree.get(i + 1).is_none_or(|n| n.id.is_none()),
                    )
                } else {
                    (
                        lang.pick(
                            "▼ Phụ thuộc (chờ nhiệm vụ này)",
                            "▼ Dependents (wait for this task)",
                        ),
                        app.tree.get(i + 1).is_none(),
                    )
                };
                let mut spans = vec![Span::styled(label, theme::TITLE)];
                if none {
                    spans.push(Span::styled(
                        lang.pick("  — không có", "  — none"),
                        theme::GREY,
                    ));
                }
                Line::from(spans)
            }
            Some(id) => {
                let indent = "   ".repeat(l.depth.saturating_sub(1));
                let mut spans = vec![Span::raw(format!(
                    " {indent}{} {id} ",
                    if l.prerequisite { "└▲" } else { "└▼" }
                ))];
                if let Some(item) = app.item(id) {
                    spans.push(badge(item, lang));
                    spans.push(Span::raw(format!(
                        " {} {}",
                        item.task.lead.as_ref().map_or("—", |x| x.as_str()),
                        item.task.title
                    )));
                }
                Line::from(spans)
            }
        };
        lines.push(if i == app.tree_selected {
            line.style(theme::SELECTED)
        } else {
            line
        });
    }
    Paragraph::new(super::safe_lines(lines)).render(inner, buf);
}
