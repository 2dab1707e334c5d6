//! The coloured status badge and the words for statuses.

use crate::app::TaskItem;
use crate::theme;
use ratatui::style::Style;
use ratatui::text::Span;
use sauro_core::{Lang, Status};

/// A status in one or two words, for counts.
pub fn status_word(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::DoneOnTime => lang.pick("xong đúng hạn", "done on time"),
        Status::DoneLate => lang.pick("xong trễ hạn", "done late"),
        Status::DoneUndated => lang.pick("hoàn thành", "done"),
        Status::Open => lang.pick("trong hạn", "open"),
        Status::Overdue => lang.pick("quá hạn", "overdue"),
        Status::Ongoing => lang.pick("thường xuyên", "ongoing"),
        Status::Vague => lang.pick("chưa rõ thời hạn", "no clear deadline"),
        Status::NoDeadline => lang.pick("không có thời hạn", "no deadline"),
        Status::Cancelled => lang.pick("dừng", "cancelled"),
    }
}

/// The colour of a status.
pub fn status_style(s: Status) -> Style {
    match s {
        Status::Overdue => theme::OVERDUE,
        Status::DoneOnTime | Status::DoneLate | Status::DoneUndated => theme::DONE,
        Status::Ongoing | Status::Vague | Status::NoDeadline | Status::Cancelled => theme::GREY,
        Status::Open => theme::OPEN,
    }
}

/// The badge of a task: what needs action shows first (overdue, blocked,
/// due soon), otherwise its status.
pub fn badge(item: &TaskItem, lang: Lang) -> Span<'static> {
    let a = &item.assessment;
    let (text, style) = match a.status {
        Status::Overdue if a.blocked => (lang.pick("QUÁ HẠN·CHẶN", "OVERDUE·BLK"), theme::OVERDUE),
        Status::Overdue => (lang.pick("QUÁ HẠN", "OVERDUE"), theme::OVERDUE),
        _ if a.blocked => (lang.pick("BỊ CHẶN", "BLOCKED"), theme::BLOCKED),
        _ if a.due_soon => (lang.pick("SẮP ĐẾN HẠN", "DUE SOON"), theme::DUE_SOON),
        Status::Open => (lang.pick("TRONG HẠN", "OPEN"), theme::OPEN),
        Status::DoneOnTime => (lang.pick("XONG", "DONE"), theme::DONE),
        Status::DoneLate => (lang.pick("XONG TRỄ", "DONE LATE"), theme::DONE),
        Status::DoneUndated => (lang.pick("XONG", "DONE"), theme::DONE),
        Status::Ongoing => (lang.pick("THƯỜNG XUYÊN", "ONGOING"), theme::GREY),
        Status::Vague => (lang.pick("CHƯA RÕ HẠN", "NO CLEAR DATE"), theme::GREY),
        Status::NoDeadline => (lang.pick("KHÔNG HẠN", "NO DEADLINE"), theme::GREY),
        Status::Cancelled => (lang.pick("DỪNG", "CANCELLED"), theme::GREY),
    };
    Span::styled(text, style)
}

/// The badge in at most 8 columns, for narrow terminals.
pub fn short_badge(item: &TaskItem, lang: Lang) -> Span<'static> {
    let a = &item.assessment;
    let (text, style) = match a.status {
        Status::Overdue if a.blocked => (lang.pick("QH·CHẶN", "OVD·BLK"), theme::OVERDUE),
        Status::Overdue => (lang.pick("QUÁ HẠN", "OVERDUE"), theme::OVERDUE),
        _ if a.blocked => (lang.pick("BỊ CHẶN", "BLOCKED"), theme::BLOCKED),
        _ if a.due_soon => (lang.pick("SẮP HẠN", "DUE SOON"), theme::DUE_SOON),
        Status::Open => (lang.pick("CÒN HẠN", "OPEN"), theme::OPEN),
        Status::DoneOnTime | Status::DoneUndated => (lang.pick("XONG", "DONE"), theme::DONE),
        Status::DoneLate => (lang.pick("XONG TRỄ", "DONE·LT"), theme::DONE),
        Status::Ongoing => (lang.pick("T.XUYÊN", "ONGOING"), theme::GREY),
        Status::Vague => (lang.pick("CHƯA RÕ", "UNCLEAR"), theme::GREY),
        Status::NoDeadline => (lang.pick("KO HẠN", "NO DATE"), theme::GREY),
        Status::Cancelled => (lang.pick("DỪNG", "STOPPED"), theme::GREY),
    };
    Span::styled(text, style)
}

/// The deadline cell: `dd/mm/yyyy quá hạn N ngày` / `còn N ngày`, or the wording.
/// `compact` writes the count short (`31/12/2025 -326`, `31/12/2026 +39`).
pub fn deadline_text(item: &TaskItem, lang: Lang, compact: bool) -> String {
    let t = &item.row.task;
    let a = &item.assessment;
    let recurring = t
        .deadline
        .as_ref()
        .is_some_and(|d| matches!(d.due, sauro_core::Due::Recurring(_)));
    match item.due {
        Some(d) => {
            let day = sauro_core::format_date(d);
            let day = match (recurring, lang) {
                (false, _) => day,
                (true, Lang::Vi) => format!("định kỳ; lần tới {day}"),
                (true, Lang::En) => format!("recurring; next {day}"),
            };
            match (a.days_overdue, a.days_left) {
                (Some(n), _) if compact => format!("{day} -{n}"),
                (_, Some(n)) if compact => format!("{day} +{n}"),
                (Some(n), _) => match lang {
                    Lang::Vi => format!("{day} quá hạn {n} ngày"),
                    Lang::En => format!("{day} {n} days late"),
                },
                (_, Some(n)) => match lang {
                    Lang::Vi => format!("{day} còn {n} ngày"),
                    Lang::En => format!("{day} {n} days left"),
                },
                _ => day,
            }
        }
        None => t
            .deadline
            .as_ref()
            .map_or_else(|| "—".to_owned(), |d| d.written.clone()),
    }
}
