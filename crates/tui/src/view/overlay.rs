//! Popups: the pickers and the change forms.

use crate::app::{App, TaskItem};
use crate::form::{Field, Form, FormKind};
use crate::picker::Picker;
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use sauro_core::text::truncate;
use sauro_core::wording;
use sauro_core::{Lang, Status};

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
    let (before, after) = p.query_at_cursor();
    Line::from(vec![
        Span::styled("> ", theme::KEY),
        Span::raw(before),
        Span::styled("▏", theme::KEY),
        Span::raw(after),
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
    // Blank separators only where there is room: at 60×12 every line counts.
    let roomy = area.height >= 20;
    let width = if area.width >= 100 {
        area.width * 7 / 10
    } else {
        area.width.saturating_sub(2)
    };
    let inner_w = width.saturating_sub(2).max(1) as usize;
    let mut lines = Vec::new();
    if let Some(item) = app.item(&f.task) {
        lines.push(Line::styled(
            truncate(&super::safe(&item.task.title), inner_w),
            theme::HEADER,
        ));
        if f.kind == FormKind::Extend {
            lines.push(current_deadline(item, lang));
        }
        if roomy {
            lines.push(Line::from(""));
        }
    }
    let mut focus_line = 0;
    for (i, field) in f.fields.iter().enumerate() {
        if i == f.focus {
            focus_line = lines.len();
        }
        lines.push(field_line(field, i == f.focus, lang));
    }
    // A refusal replaces the live preview, so one message is not shown twice.
    if let Some(p) = f
        .preview(app.as_of, app.registry(), lang)
        .filter(|_| f.error.is_none())
    {
        if roomy {
            lines.push(Line::from(""));
        }
        lines.push(match p {
            Ok(ok) => Line::styled(ok, theme::FULL),
            Err(e) => Line::styled(e, theme::GAP),
        });
    }
    if let Some(e) = &f.error {
        if roomy {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(format!("✗ {e}"), theme::ERROR));
    }
    if roomy {
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(hint(f, lang), theme::GREY));
    let lines = super::safe_lines(lines);
    // Rows each line takes once wrapped, to size the popup and keep the
    // focused field in view when it does not fit.
    let rows: Vec<usize> = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1))
        .collect();
    let total: usize = rows.iter().sum();
    let height = (total as u16 + 2).min(area.height);
    let popup = centered_size(area, width, height);
    let inner_h = height.saturating_sub(2) as usize;
    let above: usize = rows.iter().take(focus_line + 1).sum();
    let scroll = above
        .saturating_sub(inner_h)
        .min(total.saturating_sub(inner_h));
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
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll as u16, 0))
        .render(popup, buf);
}

/// A rectangle of the given size, centred in `area`.
fn centered_size(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// A field: its label, then the text with the cursor shown as a reversed
/// cell where the next character goes (only in the focused field).
fn field_line<'a>(field: &'a Field, focused: bool, lang: Lang) -> Line<'a> {
    let label = Span::styled(
        format!("{}: ", lang.pick(field.vi, field.en)),
        if focused { theme::KEY } else { theme::GREY },
    );
    if !focused {
        return Line::from(vec![label, Span::raw(field.value().to_owned())]);
    }
    let value = field.value();
    let at = value
        .char_indices()
        .nth(field.cursor())
        .map_or(value.len(), |(i, _)| i);
    let (before, rest) = value.split_at(at);
    let mut chars = rest.chars();
    let under = chars.next().map_or_else(|| " ".to_owned(), String::from);
    let cursor = Style::new().add_modifier(Modifier::REVERSED);
    Line::from(vec![
        label,
        Span::raw(before.to_owned()),
        Span::styled(under, cursor),
        Span::raw(chars.as_str().to_owned()),
    ])
}

/// The deadline an extension replaces, so it is seen before it is changed.
fn current_deadline(item: &TaskItem, lang: Lang) -> Line<'static> {
    let deadline = item.deadline();
    let now = match (deadline.written, deadline.day, deadline.extra_words()) {
        (None, _, _) => wording::status_short(Status::NoDeadline, lang).to_lowercase(),
        (Some(_), Some(_), Some(w)) => {
            format!(
                "{} (\"{w}\")",
                super::badge::deadline_text(item, lang, false)
            )
        }
        (Some(_), _, _) => super::badge::deadline_text(item, lang, false),
    };
    Line::from(vec![
        Span::styled(
            format!("{}: ", lang.pick("Thời hạn hiện tại", "Current deadline")),
            theme::GREY,
        ),
        Span::raw(now),
    ])
}

/// The keys the form has: a confirmation has no fields to move between.
fn hint(f: &Form, lang: Lang) -> &'static str {
    match (f.kind, f.fields.len()) {
        (FormKind::Reopen, _) => {
            lang.pick("Enter: mở lại · Esc: hủy", "Enter: reopen · Esc: cancel")
        }
        (_, 0 | 1) => lang.pick(
            "Enter: lưu · ←→ Home End: di chuyển · Esc: hủy",
            "Enter: save · ←→ Home End: move · Esc: cancel",
        ),
        _ => lang.pick(
            "Enter: lưu · Tab/↓: ô kế tiếp · ←→: di chuyển · Esc: hủy",
            "Enter: save · Tab/↓: next field · ←→: move · Esc: cancel",
        ),
    }
}
