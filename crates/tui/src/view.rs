//! The view: `impl Widget for &App`. It reads the model and changes
//! nothing (it only records the list's height for paging).

mod agencies;
mod badge;
mod dependencies;
mod detail;
mod help;
mod overlay;
mod task_table;

use crate::app::{App, Overlay, Pane, Screen, Tab};
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use sauro_core::escape::{is_unsafe, terminal_line};
use sauro_core::text::display_width;
use sauro_core::{Status, format_date};
use std::borrow::Cow;

/// The smallest terminal the UI draws in.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal height the UI draws in.
pub const MIN_HEIGHT: u16 = 12;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
        guard(buf, area);
    }
}

/// Text from directive files and users as a terminal must show it: control
/// characters and bidirectional overrides as visible symbols, line breaks as
/// spaces ([`terminal_line`]). Views pass titles, notes and wordings
/// through it before measuring and drawing them.
pub(crate) fn safe(s: &str) -> Cow<'_, str> {
    terminal_line(s)
}

/// Every span of `lines` passed through [`safe`].
pub(crate) fn safe_lines(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    lines
        .into_iter()
        .map(|mut line| {
            for span in &mut line.spans {
                if let Cow::Owned(s) = safe(&span.content) {
                    span.content = Cow::Owned(s);
                }
            }
            line
        })
        .collect()
}

/// The last guard before the terminal: a cell whose symbol still holds an
/// unsafe character (ratatui appends a zero-width ESC to the cell before it)
/// loses it, or shows `�` when it held nothing else. Views show such
/// characters visibly through [`safe`]; this catches any text that missed it.
fn guard(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if cell.symbol().chars().any(is_unsafe) {
                let kept: String = cell.symbol().chars().filter(|c| !is_unsafe(*c)).collect();
                cell.set_symbol(if kept.is_empty() { "\u{FFFD}" } else { &kept });
            }
        }
    }
}

impl App {
    /// Draws every part of the screen (before the [`guard`]).
    fn draw(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        // Remembered so that keys do nothing while nothing can be seen.
        self.size.set((area.width, area.height));
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = match lang {
                sauro_core::Lang::Vi => format!(
                    "Cửa sổ quá nhỏ ({}×{}). Cần ít nhất {MIN_WIDTH}×{MIN_HEIGHT}. \
                     Hãy phóng to cửa sổ; trong lúc này các phím không có tác dụng \
                     (Ctrl+C: thoát).",
                    area.width, area.height
                ),
                sauro_core::Lang::En => format!(
                    "Terminal too small ({}×{}). Needs at least {MIN_WIDTH}×{MIN_HEIGHT}. \
                     Enlarge the window; until then keys do nothing (Ctrl+C: quit).",
                    area.width, area.height
                ),
            };
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let [header, tabs, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        render_header(self, header, buf);
        render_tabs(self, tabs, buf);
        if !self.loaded {
            Paragraph::new(App::loading_label(lang)).render(body, buf);
        } else {
            match self.screen {
                Screen::Tasks => render_tasks(self, body, buf),
                Screen::Agencies => agencies::render(self, body, buf),
                Screen::Dependencies => dependencies::render(self, body, buf),
            }
        }
        render_footer(self, footer, buf);
        match &self.overlay {
            Overlay::Picker(p) => overlay::picker(self, p, area, buf),
            Overlay::Form(f) => overlay::form(self, f, area, buf),
            Overlay::Help { scroll } => help::render(self, *scroll, area, buf),
            // The search is typed in the footer.
            Overlay::Search(_) | Overlay::None => {}
        }
    }
}

fn render_tasks(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width >= 150 {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(area);
        task_table::render(app, list, buf);
        detail::render(app, detail, buf);
    } else if area.height >= 24 {
        let [list, detail] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
        task_table::render(app, list, buf);
        detail::render(app, detail, buf);
    } else if app.pane == Pane::Detail {
        detail::render(app, area, buf);
    } else {
        task_table::render(app, area, buf);
    }
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let mut spans = vec![
        Span::styled(" sauro ", theme::TITLE),
        Span::raw(format!(
            "{} {} │ ",
            lang.pick("Tính đến", "As of"),
            format_date(app.as_of)
        )),
        Span::raw(lang.count(app.visible_len(), "nhiệm vụ", "task")),
    ];
    if app.partial {
        spans.push(Span::styled(
            lang.pick(
                " · đang tải toàn bộ danh sách…",
                " · loading the whole list…",
            ),
            theme::GREY,
        ));
    } else {
        spans.extend(status_count_spans(app, usize::from(area.width), &spans));
    }
    Line::from(spans).render(area, buf);
}

/// The count of each status after the header's `start`, in the words that
/// fit in `width`: the short labels ("17 quá hạn"), else the words of the
/// badges ("22 không hạn"), else the narrow badges as the list shows them
/// ("22 KO HẠN"), as many as fit then "…".
fn status_count_spans(app: &App, width: usize, start: &[Span<'_>]) -> Vec<Span<'static>> {
    use sauro_core::wording::Badge;
    let lang = app.lang;
    let used: usize = start.iter().map(|s| display_width(&s.content)).sum();
    let counts = app.status_counts();
    let wordings: [&dyn Fn(Status) -> String; 3] = [
        &|s| badge::status_word(s, lang),
        &|s| Badge::Status(s).word(lang, false).to_lowercase(),
        // As the list's narrow badges show them.
        &|s| Badge::Status(s).word(lang, true).to_owned(),
    ];
    let spans_in = |word: &dyn Fn(Status) -> String| -> Vec<(String, Status)> {
        counts
            .iter()
            .map(|&(s, n)| (format!("{n} {}", word(s)), s))
            .collect()
    };
    const GAP: &str = " · ";
    let styled = |parts: Vec<(String, Status)>| -> Vec<Span<'static>> {
        parts
            .into_iter()
            .flat_map(|(text, s)| [Span::raw(GAP), Span::styled(text, badge::status_style(s))])
            .collect()
    };
    let mut parts = Vec::new();
    for word in wordings {
        parts = spans_in(word);
        let wide: usize = parts
            .iter()
            .map(|(t, _)| display_width(GAP) + display_width(t))
            .sum();
        if used + wide <= width {
            return styled(parts);
        }
    }
    // Even the narrow words do not fit: as many as do, then "…".
    let mut room = width.saturating_sub(used + display_width(" · …"));
    let kept: Vec<(String, Status)> = parts
        .into_iter()
        .take_while(|(t, _)| {
            let w = display_width(GAP) + display_width(t);
            let fits = w <= room;
            room = room.saturating_sub(w);
            fits
        })
        .collect();
    let mut spans = styled(kept);
    spans.push(Span::raw(" · …"));
    spans
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let counts = app.tab_counts();
    let mut spans = vec![Span::raw(" ")];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let text = if app.partial {
            format!(" {} {} … ", i + 1, tab.label(lang))
        } else {
            format!(" {} {} {} ", i + 1, tab.label(lang), counts[i])
        };
        let style = if *tab == app.filter.tab && app.screen == Screen::Tasks {
            theme::ACTIVE_TAB
        } else {
            ratatui::style::Style::new()
        };
        spans.push(Span::styled(text, style));
    }
    let mut active = Vec::new();
    if let Some(l) = &app.filter.lead {
        active.push(format!(
            "{}: {}",
            lang.pick("Chủ trì", "Lead"),
            crate::app::lead_label(l, lang)
        ));
    }
    if let Some(d) = &app.filter.directive {
        active.push(format!("{}: {d}", lang.pick("Văn bản", "Directive")));
    }
    if !app.filter.search.is_empty() {
        active.push(format!(
            "{}: \"{}\"",
            lang.pick("Tìm", "Search"),
            app.filter.search
        ));
    }
    if !active.is_empty() {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(active.join(" │ "), theme::KEY));
    }
    Line::from(spans).render(area, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let line = if let Overlay::Search(input) = &app.overlay {
        // The cursor where the input has it (a character index).
        let (before, after): (String, String) = {
            let at = input.cursor();
            let chars: Vec<char> = input.value().chars().collect();
            (
                chars[..at.min(chars.len())].iter().collect(),
                chars[at.min(chars.len())..].iter().collect(),
            )
        };
        Line::from(vec![
            Span::styled("/", theme::KEY),
            Span::raw(before),
            Span::styled("▏", theme::KEY),
            Span::raw(after),
            Span::styled(
                format!(
                    "  {}",
                    lang.pick("Enter: giữ · Esc: xóa", "Enter: keep · Esc: clear")
                ),
                theme::GREY,
            ),
        ])
    } else if let Some(m) = app.message() {
        Line::from(Span::styled(
            format!(" {} ", m.text),
            if m.error { theme::ERROR } else { theme::INFO },
        ))
    } else {
        let hints: &[(&str, &str, &str)] = &[
            ("?", "trợ giúp", "help"),
            ("q", "thoát", "quit"),
            ("/", "tìm", "search"),
            ("1-6", "bộ lọc", "filters"),
            ("a", "chủ trì", "lead"),
            ("v", "văn bản", "directive"),
            ("x", "xong", "done"),
            ("e", "gia hạn", "extend"),
            ("n", "ghi chú", "note"),
            ("E", "xuất", "export"),
            ("d", "phụ thuộc", "deps"),
            ("s", "thống kê", "stats"),
        ];
        // As many hints as fit; the rest are in the help.
        let mut spans = Vec::new();
        let mut used = 0;
        for (key, vi, en) in hints {
            let word = lang.pick(vi, en);
            let w =
                sauro_core::text::display_width(key) + sauro_core::text::display_width(word) + 2;
            if used + w > area.width as usize {
                break;
            }
            used += w;
            spans.push(Span::styled(format!(" {key}"), theme::KEY));
            spans.push(Span::styled(format!(" {word}"), theme::GREY));
        }
        Line::from(spans)
    };
    line.render(area, buf);
}
