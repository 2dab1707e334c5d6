//! Popups: the pickers and the change forms.

use crate::app::App;
use crate::form::Form;
use crate::picker::Picker;
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use sauro_core::text::truncate;

/// A rectangle of the given percentages, centred in `area`.
pub fn centered(area: Rect, width_pct: u16, height_pct: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Percentage(height_pct)])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Percentage(width_pct)])
        .flex(Flex::Center)
        .areas(v);
    h
}

pub fn picker(app: &App, p: &Picker, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let popup = centered(area, 70, 70);
    Clear.render(popup, buf);
    let title = match p.kind {
        crate::picker::PickerKind::Lead => {
            lang.pick("Chọn cơ quan chủ trì", "Pick the lead agency")
        }
        crate::picker::PickerKind::Directive => {
            lang.pick("Chọn văn bản giao", "Pick the directive")
        }
    };
    let block = Block::bordered()
        .border_style(theme::FOCUS_BORDER)
        .title(Span::styled(format!(" {title} "), theme::TITLE));
    let inner = block.inner(popup);
    block.render(popup, buf);
    Line::from(vec![
        Span::styled("> ", theme::KEY),
        Span::raw(p.query.clone()),
        Span::styled("▏", theme::KEY),
    ])
    .render(Rect { height: 1, ..inner }, buf);
    let page = inner.height.saturating_sub(1) as usize;
    let offset = p.selected.saturating_sub(page.saturating_sub(1));
    for (row, (k, &i)) in p
        .matching
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .enumerate()
    {
        let text = truncate(
            &super::safe(&p.choices[i].label),
            inner.width.saturating_sub(2) as usize,
        );
        let line = Line::from(format!(" {text}"));
        let line = if k == p.selected {
            line.style(theme::SELECTED)
        } else {
            line
        };
        line.render(
            Rect {
                y: inner.y + 1 + row as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

pub fn form(app: &App, f: &Form, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let popup = centered(area, 70, 60);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_style(theme::FOCUS_BORDER)
        .title(Span::styled(
            if f.task.is_empty() {
                format!(" {} ", f.title(lang))
            } else {
                format!(" {} — {} ", f.title(lang), f.task)
            },
            theme::TITLE,
        ));
    let mut lines = Vec::new();
    if let Some(item) = app.item(&f.task) {
        lines.push(Line::styled(item.row.task.title.clone(), theme::HEADER));
        lines.push(Line::from(""));
    }
    for (i, field) in f.fields.iter().enumerate() {
        let focused = i == f.focus;
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}: ", lang.pick(field.vi, field.en)),
                if focused { theme::KEY } else { theme::GREY },
            ),
            Span::raw(field.value.clone()),
            Span::styled(if focused { "▏" } else { "" }, theme::KEY),
        ]));
    }
    // A refusal replaces the live preview, so one message is not shown twice.
    if let Some(p) = f
        .preview(app.as_of, app.registry(), lang)
        .filter(|_| f.error.is_none())
    {
        lines.push(Line::from(""));
        lines.push(match p {
            Ok(ok) => Line::styled(ok, theme::FULL),
            Err(e) => Line::styled(e, theme::GAP),
        });
    }
    if let Some(e) = &f.error {
        lines.push(Line::from(""));
        lines.push(Line::styled(format!("✗ {e}"), theme::ERROR));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        lang.pick(
            "Enter: lưu · Tab: ô kế tiếp · Esc: hủy",
            "Enter: save · Tab: next field · Esc: cancel",
        ),
        theme::GREY,
    ));
    Paragraph::new(super::safe_lines(lines))
        .block(block)
        .wrap(Wrap { trim: false })
        .render(popup, buf);
}
