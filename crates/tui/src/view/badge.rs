//! The coloured status badge and the words for statuses.

use crate::app::TaskItem;
use crate::theme;
use ratatui::style::Style;
use ratatui::text::Span;
use sauro_core::{Lang, Status};

/// A status in a few words, lower case, for counts ("17 quá hạn"): the
/// core's short label ([`sauro_core::wording::status_short`]).
pub fn status_word(s: Status, lang: Lang) -> String {
    sauro_core::wording::status_short(s, lang).to_lowercase()
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
/// The words are the core's ([`sauro_core::wording::DeadlineShown::cell_with_count`]).
pub fn deadline_text(item: &TaskItem, lang: Lang, compact: bool) -> String {
    item.deadline()
        .cell_with_count(item.day_count(), lang, compact)
}
