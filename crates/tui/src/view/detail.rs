//! The detail pane: six clarities as a checklist, the directive, support,
//! the deadline's wording, linked tasks, the blocking chain, notes, history.

use super::badge::{badge, deadline_text};
use crate::app::{App, Pane};
use crate::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use sauro_core::{Clarity, format_date};

fn clarity_value(app: &App, c: Clarity) -> Option<String> {
    let t = &app.selected()?.task;
    match c {
        Clarity::Lead => t.lead.as_ref().map(|_| {
            t.leads()
                .map(|l| format!("{l} — {}", app.registry().name_of(l.as_str())))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        // The title heads the pane already.
        Clarity::Title => None,
        Clarity::Responsible => t.responsible.clone(),
        Clarity::Product => t.product.clone(),
        Clarity::Deadline => app.selected()?.deadline().as_written(app.lang),
        Clarity::Authority => t.authority.as_ref().map(|a| match app.registry().get(a) {
            Some(ag) => format!("{a} — {}", ag.name),
            None => a.clone(),
        }),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let focused = app.pane == Pane::Detail;
    let block = Block::bordered()
        .border_style(if focused {
            theme::FOCUS_BORDER
        } else {
            theme::BORDER
        })
        .title(Span::styled(
            format!(" {} ", lang.pick("Chi tiết", "Detail")),
            theme::TITLE,
        ));
    let Some(item) = app.selected() else {
        block.render(area, buf);
        return;
    };
    let t = &item.task;
    let a = &item.assessment;
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(vec![
        Span::styled(t.id.to_string(), theme::HEADER),
        Span::raw(" "),
        badge(item, lang),
        Span::raw(format!(" {}", deadline_text(item, lang, false))),
    ]));
    if let (Some(_), Some(due)) = (a.days_left, item.due) {
        let n = app.calendar.working_days_between(app.as_of, due);
        lines.push(Line::from(sauro_core::wording::working_days_left(n, lang)));
    }
    lines.push(Line::styled(t.title.clone(), theme::HEADER));
    if t.key {
        lines.push(Line::styled(
            lang.pick("★ Nhiệm vụ trọng tâm", "★ Key task"),
            theme::TITLE,
        ));
    }
    if t.classified {
        lines.push(Line::styled(
            lang.pick(
                "MẬT: không xuất ra ngoài nếu không có --include-classified",
                "CLASSIFIED: not exported without --include-classified",
            ),
            theme::OVERDUE,
        ));
    }
    if let Some(d) = app.directive(t.directive.as_str()) {
        lines.push(Line::from(sauro_core::wording::directive_line(d, lang)));
    }
    if !app.detail.chains.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            lang.pick("Bị chặn bởi", "Blocked by"),
            theme::BLOCKED,
        ));
        for chain in &app.detail.chains {
            let parts: Vec<String> = chain
                .iter()
                .map(|id| match app.item(id) {
                    Some(o) => o.link(lang),
                    None => id.clone(),
                })
                .collect();
            lines.push(Line::from(format!(" ← {}", parts.join(" ← "))));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        format!(
            "{} {}/6",
            lang.pick("Sáu rõ", "Six clarities"),
            6 - item.missing.len()
        ),
        theme::TITLE,
    ));
    for c in Clarity::ALL {
        let name = lang.pick(c.label_vi(), c.label_en());
        if item.missing.contains(c) {
            let mut spans = vec![Span::styled(format!(" ✗ {name}: "), theme::GAP)];
            if let Some(v) = clarity_value(app, c) {
                spans.push(Span::raw(format!("{v} — ")));
            }
            spans.push(Span::styled(item.why_missing(c, lang), theme::GAP));
            lines.push(Line::from(spans));
        } else {
            let line = match clarity_value(app, c) {
                Some(v) => Line::from(vec![
                    Span::styled(format!(" ✓ {name}: "), theme::FULL),
                    Span::raw(v),
                ]),
                None => Line::styled(format!(" ✓ {name}"), theme::FULL),
            };
            lines.push(line);
        }
    }
    if !t.support.is_empty() {
        let names: Vec<String> = t
            .support
            .iter()
            .map(|s| format!("{s} ({})", app.registry().name_of(s.as_str())))
            .collect();
        lines.push(Line::from(format!(
            "{}: {}",
            lang.pick("Phối hợp", "Support"),
            names.join(", ")
        )));
    }
    if a.extended {
        lines.push(Line::styled(
            lang.pick("Thời hạn đã được điều chỉnh", "The deadline was changed"),
            theme::DUE_SOON,
        ));
    }
    let mut link_no = 0;
    for (prerequisite, label) in [
        (true, lang.pick("Nhiệm vụ tiên quyết", "Prerequisites")),
        (false, lang.pick("Nhiệm vụ phụ thuộc", "Dependents")),
    ] {
        let links: Vec<_> = app
            .detail
            .links
            .iter()
            .filter(|l| l.prerequisite == prerequisite)
            .collect();
        if links.is_empty() {
            continue;
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(label, theme::TITLE));
        for l in links {
            let selected = focused && link_no == app.link_selected;
            link_no += 1;
            let mut spans = vec![Span::raw(if selected { " ▶ " } else { "   " })];
            match app.item(&l.id) {
                Some(other) => {
                    spans.push(Span::raw(format!("{} ", l.id)));
                    spans.push(badge(other, lang));
                    spans.push(Span::raw(format!(
                        " {} {}",
                        other.task.lead.as_ref().map_or("—", |x| x.as_str()),
                        other.task.title
                    )));
                }
                None => spans.push(Span::raw(l.id.clone())),
            }
            let line = Line::from(spans);
            lines.push(if selected {
                line.style(theme::SELECTED)
            } else {
                line
            });
        }
    }
    // The directive file's note, then every note added in sauro.
    if item.file_note.is_some() || !app.detail.notes.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(lang.pick("Ghi chú", "Notes"), theme::TITLE));
        if let Some(n) = &item.file_note {
            lines.push(Line::from(format!(" {n}")));
        }
        for n in &app.detail.notes {
            lines.push(Line::from(format!(" {} {}: {}", day(&n.day), n.by, n.text)));
        }
    }
    if !app.detail.history.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(lang.pick("Lịch sử", "History"), theme::TITLE));
        // Oldest first, as `sauro show` lists it.
        for h in &app.detail.history {
            let registry = app.registry();
            let group_name = |id: &str| {
                registry
                    .is_group(id)
                    .then(|| registry.name_of(id).to_owned())
            };
            lines.push(Line::from(format!(" {}", h.line_named(lang, &group_name))));
        }
    }
    Paragraph::new(super::safe_lines(lines))
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_scroll, 0))
        .render(area, buf);
}

fn day(iso: &str) -> String {
    sauro_core::parse_iso_date(iso)
        .map(format_date)
        .unwrap_or_else(|_| iso.to_owned())
}
