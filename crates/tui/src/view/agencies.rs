//! The agency view: VPCP counts per lead agency, sortable.

use crate::app::App;
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table, Widget};
use sauro_core::text::truncate;

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |p| format!("{p:.0}%"))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let block = Block::bordered()
        .border_style(theme::FOCUS_BORDER)
        .title(Span::styled(
            format!(
                " {} — {} ",
                lang.pick("Thống kê theo cơ quan chủ trì", "Per lead agency"),
                lang.pick(
                    "Enter: xem nhiệm vụ · →: cột sắp xếp · r: đảo",
                    "Enter: tasks · →: sort column · r: reverse"
                )
            ),
            theme::TITLE,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let (sort_col, desc) = app.agency_sort;
    let arrow = if desc { "▼" } else { "▲" };
    let names = [
        lang.pick("Cơ quan", "Agency"),
        lang.pick("Giao", "Assigned"),
        lang.pick("Đúng hạn", "On time"),
        lang.pick("Trễ hạn", "Late"),
        lang.pick("Trong hạn", "Open"),
        lang.pick("Quá hạn", "Overdue"),
        lang.pick("T.xuyên", "Ongoing"),
        lang.pick("Tỷ lệ đúng hạn", "On-time rate"),
    ];
    let header = Row::new(names.iter().enumerate().map(|(i, n)| {
        if i == sort_col {
            format!("{n}{arrow}")
        } else {
            (*n).to_owned()
        }
    }))
    .style(theme::HEADER);
    let page = inner.height.saturating_sub(1) as usize;
    let offset = app.agency_selected.saturating_sub(page.saturating_sub(1));
    // What the fixed columns below leave (70 wide, plus 7 gaps of 1).
    let name_w = inner.width.saturating_sub(70 + 7).max(12) as usize;
    let rows = app
        .agencies()
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, s)| {
            let name = match &s.agency {
                Some(a) => format!("{a} {}", app.registry().name_of(a)),
                None => lang.pick("(chưa rõ chủ trì)", "(no lead)").to_owned(),
            };
            let overdue_style = if s.overdue > 0 {
                theme::OVERDUE
            } else {
                ratatui::style::Style::new()
            };
            let row = Row::new(vec![
                Cell::from(truncate(&super::safe(&name), name_w)),
                Cell::from(s.assigned.to_string()),
                Cell::from(s.done_on_time.to_string()),
                Cell::from(s.done_late.to_string()),
                Cell::from(s.open.to_string()),
                Cell::from(Span::styled(s.overdue.to_string(), overdue_style)),
                Cell::from(s.ongoing.to_string()),
                Cell::from(percent(s.on_time_rate())),
            ]);
            if i == app.agency_selected {
                row.style(theme::SELECTED)
            } else {
                row
            }
        });
    let widths = [
        Constraint::Min(12),
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(15),
    ];
    Widget::render(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
        buf,
    );
}
