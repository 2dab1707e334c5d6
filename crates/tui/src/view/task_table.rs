//! The task list: only the rows in view are built, so 100k tasks draw as
//! fast as 100.

use super::badge::{badge, deadline_text, short_badge};
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
    // An empty list keeps the columns a full one has, so its header does
    // not jump when a filter empties it.
    let ids = window
        .iter()
        .map(|t| display_width(t.id()))
        .max()
        .or_else(|| {
            app.items
                .iter()
                .take(1000)
                .map(|t| display_width(t.id()))
                .max()
        });
    let cols = Columns::fit(inner.width, ids.unwrap_or(2), lang);
    let Columns {
        id_w,
        badge_w,
        deadline_w,
        lead_w,
        gauge_w,
        compact,
    } = cols;
    let title_w = inner.width.saturating_sub(cols.fixed()).max(8);
    let rows = window.iter().enumerate().map(|(k, item)| {
        let t = &item.task;
        let gauge = format!("{}/6", 6 - item.missing.len());
        let gauge_style = if item.missing.is_empty() {
            theme::FULL
        } else {
            theme::GAP
        };
        // A group reads as its name ("Các bộ, …"), an agency as its id, no
        // lead as everywhere else ("(chưa rõ chủ trì)", cut to fit).
        let lead = t.lead.as_ref().map_or_else(
            || sauro_core::wording::no_lead(lang).to_owned(),
            |l| {
                if app.registry().is_group(l.as_str()) {
                    app.registry().name_of(l.as_str()).to_owned()
                } else if t.co_leads.is_empty() {
                    l.to_string()
                } else {
                    // Co-leads: every one, the cell cut to fit.
                    t.leads().map(|x| x.as_str()).collect::<Vec<_>>().join(",")
                }
            },
        );
        // Marks before the title: ★ key task, MẬT classified.
        let mut title = String::new();
        if t.key {
            title.push_str("★ ");
        }
        if t.classified {
            title.push_str(lang.pick("[MẬT] ", "[CLASSIFIED] "));
        }
        title.push_str(&super::safe(&t.title));
        let row = Row::new(vec![
            Cell::from(sauro_core::text::truncate_left(item.id(), id_w as usize)),
            Cell::from(if compact {
                short_badge(item, lang)
            } else {
                badge(item, lang)
            }),
            Cell::from(truncate(
                &super::safe(&deadline_text(item, lang, compact)),
                deadline_w as usize,
            )),
            Cell::from(truncate(&lead, lead_w as usize)),
            Cell::from(Span::styled(gauge, gauge_style)),
            Cell::from(truncate(&title, title_w as usize)),
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
        if compact {
            lang.pick("T.thái", "Status")
        } else {
            lang.pick("Trạng thái", "Status")
        },
        lang.pick("Thời hạn", "Deadline"),
        match (compact, lang) {
            (true, sauro_core::Lang::Vi) => "C.trì",
            _ => lang.pick("Chủ trì", "Lead"),
        },
        lang.pick(if compact { "6rõ" } else { "6 rõ" }, "6C"),
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

/// The widths of the fixed columns; the title takes the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    id_w: u16,
    badge_w: u16,
    deadline_w: u16,
    lead_w: u16,
    gauge_w: u16,
    /// Short badges and day counts (`31/12/2025 -326`).
    compact: bool,
}

/// The narrowest the title gets before other columns give way.
const TITLE_MIN: u16 = 28;

/// The widest deadline cell a table makes room for, in the core's words: a
/// date a year overdue at full width; compact, a date with a four-digit
/// count (`31/12/2030 +1493`: directives set targets years ahead).
fn widest_deadline(lang: sauro_core::Lang, compact: bool) -> String {
    use sauro_core::wording::{DayCount, DeadlineShown};
    let shown = DeadlineShown {
        day: chrono::NaiveDate::from_ymd_opt(2025, 12, 31),
        written: None,
        recurring: false,
    };
    let count = if compact {
        DayCount::Overdue(1493)
    } else {
        DayCount::Overdue(326)
    };
    shown.cell_with_count(Some(count), lang, compact)
}

impl Columns {
    /// Widths for a table `width` columns wide whose longest id is `ids`:
    /// full words when the title keeps [`TITLE_MIN`] columns, else short
    /// badges, short day counts, the end of long ids and the lead's id.
    fn fit(width: u16, ids: usize, lang: sauro_core::Lang) -> Columns {
        let header = |s: &str| display_width(s) as u16;
        let id_full = (ids as u16).clamp(header(lang.pick("Mã", "ID")), 26);
        let full = Columns {
            id_w: id_full,
            badge_w: 12,
            deadline_w: display_width(&widest_deadline(lang, false)) as u16,
            lead_w: 11,
            gauge_w: 4,
            compact: false,
        };
        if width >= full.fixed() + TITLE_MIN {
            return full;
        }
        let compact = Columns {
            id_w: id_full.min(12),
            badge_w: 8,
            deadline_w: display_width(&widest_deadline(lang, true)) as u16,
            lead_w: 6,
            gauge_w: 3,
            compact: true,
        };
        if width >= compact.fixed() + TITLE_MIN {
            return compact;
        }
        Columns {
            id_w: id_full.min(10),
            lead_w: 5,
            ..compact
        }
    }

    /// The columns all but the title take, with the gaps between them.
    fn fixed(self) -> u16 {
        self.id_w + self.badge_w + self.deadline_w + self.lead_w + self.gauge_w + 5
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sauro_core::Lang;

    #[test]
    fn at_80_columns_the_title_keeps_room() {
        let c = Columns::fit(78, 23, Lang::Vi);
        assert!(c.compact);
        assert!(78 - c.fixed() >= TITLE_MIN, "{c:?}");
        let wide = Columns::fit(200, 23, Lang::Vi);
        assert!(!wide.compact);
    }

    #[test]
    fn a_compact_deadline_holds_a_count_of_four_digits() {
        use sauro_core::wording::{DayCount, DeadlineShown};
        let shown = DeadlineShown {
            day: chrono::NaiveDate::from_ymd_opt(2030, 12, 31),
            written: None,
            recurring: false,
        };
        for lang in [Lang::Vi, Lang::En] {
            let c = Columns::fit(78, 23, lang);
            assert!(c.compact);
            for count in [DayCount::Left(1493), DayCount::Overdue(1000)] {
                let cell = shown.cell_with_count(Some(count), lang, true);
                assert!(
                    display_width(&cell) <= c.deadline_w as usize,
                    "{cell} {c:?}"
                );
            }
        }
    }

    #[test]
    fn long_ids_keep_their_end() {
        assert_eq!(
            sauro_core::text::truncate_left("kl-hoi-nghi-6-2-2025/17", 10),
            "…2-2025/17"
        );
        assert_eq!(
            sauro_core::text::truncate_left("TN-2026/01", 11),
            "TN-2026/01"
        );
    }
}
