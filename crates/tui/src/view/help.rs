//! The help overlay, generated from the keymap so it cannot drift.

use crate::action::Action;
use crate::app::App;
use crate::keymap::{Mode, bindings_for};
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use sauro_core::text::{display_width, fit};

/// Draws the help over `area`, from its `scroll`th line (kept within what
/// there is to scroll).
pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let popup = super::overlay::centered(area, 90, 90);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_style(theme::FOCUS_BORDER)
        .title(Span::styled(
            format!(
                " {} ",
                lang.pick("Phím tắt (Esc để đóng)", "Keys (Esc to close)")
            ),
            theme::TITLE,
        ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let sections = [
        (Mode::List, lang.pick("Danh sách nhiệm vụ", "Task list")),
        (Mode::Detail, lang.pick("Ô chi tiết", "Detail pane")),
        (Mode::Agencies, lang.pick("Thống kê cơ quan", "Agencies")),
        (
            Mode::Form,
            lang.pick("Tìm kiếm, chọn, biểu mẫu", "Search, pickers, forms"),
        ),
    ];
    // (section title, [(keys, what they do)]), generated from the keymap.
    let mut entries: Vec<(&str, Vec<(String, &str)>)> = Vec::new();
    let mut shown: Vec<(Vec<String>, Action)> = Vec::new();
    for (mode, title) in sections {
        let mut section = Vec::new();
        for b in bindings_for(mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            let action = match b.action {
                Action::Tab(_) => Action::Tab(0),
                a => a,
            };
            if shown
                .iter()
                .any(|(k, a)| *a == action && (*k == keys || matches!(a, Action::Tab(_))))
            {
                continue;
            }
            shown.push((keys.clone(), action));
            let keys = if matches!(action, Action::Tab(_)) {
                "1 … 6".to_owned()
            } else {
                keys.join(", ")
            };
            section.push((keys, action.describe(lang)));
        }
        if !section.is_empty() {
            entries.push((title, section));
        }
    }
    // Two columns when there is room, so every key fits on a 100×30 screen;
    // descriptions wrap under themselves, never under the keys.
    let columns: u16 = if inner.width >= 80 { 2 } else { 1 };
    let gap = 2;
    let col_w = (inner.width.saturating_sub(gap * (columns - 1)) / columns).max(1);
    let key_w = entries
        .iter()
        .flat_map(|(_, s)| s.iter().map(|(k, _)| display_width(k)))
        .max()
        .unwrap_or(0)
        + 4;
    let desc_w = (col_w as usize).saturating_sub(key_w).max(8);
    // Each entry as a block of lines, so no entry is split between columns.
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for (title, section) in entries {
        blocks.push(vec![Line::styled(title, theme::TITLE)]);
        for (keys, what) in section {
            let mut lines = Vec::new();
            for (i, part) in wrap(what, desc_w).into_iter().enumerate() {
                let lead = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {}", fit(lead, key_w - 2)), theme::KEY),
                    Span::raw(part),
                ]));
            }
            blocks.push(lines);
        }
    }
    let total: usize = blocks.iter().map(Vec::len).sum();
    let per_column = total.div_ceil(columns as usize);
    let mut lists: Vec<Vec<Line>> = vec![Vec::new()];
    for block_lines in blocks {
        if lists.len() < columns as usize && lists.last().is_some_and(|c| c.len() >= per_column) {
            lists.push(Vec::new());
        }
        if let Some(column) = lists.last_mut() {
            column.extend(block_lines);
        }
    }
    // What does not fit scrolls (j/k, PgDn/PgUp); the bottom border says so.
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
    let max = u16::try_from(longest.saturating_sub(inner.height as usize)).unwrap_or(u16::MAX);
    app.help_view
        .set((max, inner.height.saturating_sub(1).max(1)));
    let scroll = scroll.min(max);
    for (i, column) in lists.into_iter().enumerate() {
        let x = inner.x + i as u16 * (col_w + gap);
        render_column(column, x, col_w, inner, scroll, buf);
    }
    if max > 0 {
        let hint = match (scroll > 0, scroll < max) {
            (false, _) => lang.pick(" ↓ j, PgDn: xem tiếp ", " ↓ j, PgDn: more "),
            (true, true) => lang.pick(" ↑↓ j/k, PgUp/PgDn ", " ↑↓ j/k, PgUp/PgDn "),
            (true, false) => lang.pick(" ↑ k, PgUp: lên trên (hết) ", " ↑ k, PgUp: back up (end) "),
        };
        Line::styled(hint, theme::KEY).right_aligned().render(
            Rect {
                y: popup.bottom().saturating_sub(1),
                height: 1,
                x: popup.x + 1,
                width: popup.width.saturating_sub(2),
            },
            buf,
        );
    }
}

fn render_column(
    lines: Vec<Line<'_>>,
    x: u16,
    width: u16,
    inner: Rect,
    scroll: u16,
    buf: &mut Buffer,
) {
    let area = Rect {
        x,
        width: width.min(inner.right().saturating_sub(x)),
        ..inner
    };
    Paragraph::new(lines).scroll((scroll, 0)).render(area, buf);
}

/// `text` broken at spaces into lines of at most `width` columns.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let Some(line) = lines.last_mut() else {
            break;
        };
        if line.is_empty() {
            line.push_str(word);
        } else if display_width(line) + 1 + display_width(word) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(word.to_owned());
        }
    }
    lines
}
