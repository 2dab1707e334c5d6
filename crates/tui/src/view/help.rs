//! The help overlay, generated from the keymap so it cannot drift.

use crate::action::Action;
use crate::app::App;
use crate::keymap::{Mode, bindings_for};
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
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
    let mut lines = Vec::new();
    let sections = [
        (Mode::List, lang.pick("Danh sách nhiệm vụ", "Task list")),
        (Mode::Detail, lang.pick("Ô chi tiết", "Detail pane")),
        (Mode::Agencies, lang.pick("Thống kê cơ quan", "Agencies")),
        (
            Mode::Form,
            lang.pick("Tìm kiếm, chọn, biểu mẫu", "Search, pickers, forms"),
        ),
    ];
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
            section.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), theme::KEY),
                Span::raw(action.describe(lang)),
            ]));
        }
        if !section.is_empty() {
            lines.push(Line::styled(title, theme::TITLE));
            lines.extend(section);
        }
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(popup, buf);
}
