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
    let mut names = vec![lang.pick("Cơ quan", "Agency")];
    let mut counts = sauro_report::table::agency_count_headers(lang);
    // The two undated columns, short on screen so names keep their room.
    counts[5] = lang.pick("HT k.hạn", "Done undated");
    counts[6] = lang.pick("Không hạn", "No date");
    counts[7] = lang.pick("T.tâm", "Key");
    names.extend(counts);
    names.push(lang.pick("% đúng hạn", "% on time"));
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
    // Each count column as wide as its header and the sort arrow.
    let widths: Vec<u16> = names[1..]
        .iter()
        .map(|n| sauro_core::text::display_width(n) as u16 + 1)
        .collect();
    let fixed: u16 = widths.iter().sum::<u16>() + widths.len() as u16;
    let name_w = inner.width.saturating_sub(fixed).max(12) as usize;
    let rows = app
        .agencies()
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, s)| {
            let name = match &s.agency {
                Some(a) => format!("{a} {}", app.registry().name_of(a)),
                None => sauro_core::wording::no_lead(lang).to_owned(),
            };
            let overdue_style = if s.overdue > 0 {
                theme::OVERDUE
            } else {
                ratatui::style::Style::new()
            };
            let mut cells = vec![Cell::from(truncate(&super::safe(&name), name_w))];
            for (k, n) in sauro_report::table::agency_counts(s)
                .into_iter()
                .enumerate()
            {
                cells.push(if k == 4 {
                    Cell::from(Span::styled(n.to_string(), overdue_style))
                } else {
                    Cell::from(n.to_string())
                });
            }
            cells.push(Cell::from(percent(s.on_time_rate())));
            let row = Row::new(cells);
            if i == app.agency_selected {
                row.style(theme::SELECTED)
            } else {
                row
            }
        });
    let widths: Vec<Constraint> = std::iter::once(Constraint::Min(12))
        .chain(widths.into_iter().map(Constraint::Length))
        .collect();
    Widget::render(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
        buf,
    );
}
