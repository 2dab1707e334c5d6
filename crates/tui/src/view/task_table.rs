//! The task list: only the rows in view are built, so 100k tasks draw as
//! fast as 100.

use super::badge::{badge, deadline_text};
use crate::app::{App, Pane};
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table, Widget};
use sauro_core::text::{display_width, truncate};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let focused = app.pane == Pane::List;
    let block = Block::bordered()
        .border_style(if focused {
            theme::FOCUS_BORDER
        } else {
            theme::BORDER
        })
        .title(Span::styled(
            format!(
                " {} ({}{}) ",
                lang.pick("Nhiệm vụ", "Tasks"),
                app.visible_len(),
                if app.is_partial() { "…" } else { "" }
            ),
            theme::TITLE,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let page = inner.height.saturating_sub(1) as usize;
    app.page.set(page.max(1));
    if app.visible_len() == 0 {
        Line::styled(
            lang.pick(
                "  Không có nhiệm vụ nào khớp bộ lọc.",
                "  No task matches the filters.",
            ),
            theme::GREY,
        )
        .render(
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
            buf,
        );
    }
    // Keep the selection in view even if the terminal shrank since the last update.
    let mut offset = app.offset;
    if app.selected >= offset + page {
        offset = app.selected + 1 - page.max(1);
    }
    if app.selected < offset {
        offset = app.selected;
    }
    let window: Vec<_> = app
        .visible
        .iter()
        .skip(offset)
        .take(page)
        .map(|&i| &app.items[i])
        .collect();
    let id_w = window
        .iter()
        .map(|t| display_width(t.id()))
        .max()
        .unwrap_or(2)
        .clamp(2, 26) as u16;
    let badge_w = 12u16;
    let gauge_w = 4u16;
    // Give the title at least 24 columns: shorten the deadline, then the lead.
    let full_deadline = lang
        .pick("31/12/2025 quá hạn 326 ngày", "31/12/2025 326 days late")
        .chars()
        .count() as u16;
    let mut compact = false;
    let mut deadline_w = full_deadline;
    let mut lead_w = 11u16;
    let needed = |d: u16, l: u16| id_w + badge_w + d + l + gauge_w + 5 + 24;
    if inner.width < needed(deadline_w, lead_w) {
        compact = true;
        deadline_w = 16;
    }
    if inner.width < needed(deadline_w, lead_w) {
        lead_w = 7;
    }
    let fixed = id_w + badge_w + deadline_w + lead_w + gauge_w + 5;
    let title_w = inner.width.saturating_sub(fixed).max(8);
    let rows = window.iter().enumerate().map(|(k, item)| {
        let t = &item.row.task;
        let gauge = format!("{}/6", 6 - item.missing.len());
        let gauge_style = if item.missing.is_empty() {
            theme::FULL
        } else {
            theme::GAP
        };
        let lead = t
            .lead
            .as_ref()
            .map_or_else(|| "—".to_owned(), |l| l.to_string());
        let row = Row::new(vec![
            Cell::from(truncate(item.id(), id_w as usize)),
            Cell::from(badge(item, lang)),
            Cell::from(truncate(
                &super::safe(&deadline_text(item, lang, compact)),
                deadline_w as usize,
            )),
            Cell::from(truncate(&lead, lead_w as usize)),
            Cell::from(Span::styled(gauge, gauge_style)),
            Cell::from(truncate(&super::safe(&t.title), title_w as usize)),
        ]);
        let dim = item.assessment.status.is_done()
            || item.assessment.status == sauro_core::Status::Cancelled;
        let row = if dim { row.style(theme::GREY) } else { row };
        if offset + k == app.selected {
            row.style(theme::SELECTED)
        } else {
            row
        }
    });
    let header = Row::new(vec![
        lang.pick("Mã", "ID"),
        lang.pick("Trạng thái", "Status"),
        lang.pick("Thời hạn", "Deadline"),
        lang.pick("Chủ trì", "Lead"),
        lang.pick("6 rõ", "6C"),
        lang.pick("Nhiệm vụ", "Task"),
    ])
    .style(theme::HEADER);
    let widths = [
        Constraint::Length(id_w),
        Constraint::Length(badge_w),
        Constraint::Length(deadline_w),
        Constraint::Length(lead_w),
        Constraint::Length(gauge_w),
        Constraint::Min(8),
    ];
    Widget::render(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
        buf,
    );
}
