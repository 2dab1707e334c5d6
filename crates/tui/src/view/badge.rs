//! The coloured status badge and the words for statuses.

use crate::app::TaskItem;
use crate::theme;
use ratatui::style::Style;
use ratatui::text::Span;
use sauro_core::wording::Badge;
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

/// The colour of a badge.
fn badge_style(b: Badge) -> Style {
    match b {
        Badge::OverdueBlocked | Badge::Overdue => theme::OVERDUE,
        Badge::Blocked => theme::BLOCKED,
        Badge::DueSoon => theme::DUE_SOON,
        Badge::Status(s) => status_style(s),
    }
}

/// The badge of a task: what needs action shows first (overdue, blocked,
/// due soon), otherwise its status; the words are the core's
/// ([`sauro_core::wording::Badge`]), the colour the UI's.
pub fn badge(item: &TaskItem, lang: Lang) -> Span<'static> {
    let b = Badge::of(&item.assessment);
    Span::styled(b.word(lang, false), badge_style(b))
}

/// The badge in at most 8 columns, for narrow terminals.
pub fn short_badge(item: &TaskItem, lang: Lang) -> Span<'static> {
    let b = Badge::of(&item.assessment);
    Span::styled(b.word(lang, true), badge_style(b))
}

/// The deadline cell: `dd/mm/yyyy quá hạn N ngày` / `còn N ngày`, or the wording.
/// `compact` writes the count short (`31/12/2025 -326`, `31/12/2026 +39`).
/// The words are the core's ([`sauro_core::wording::DeadlineShown::cell_with_count`]).
pub fn deadline_text(item: &TaskItem, lang: Lang, compact: bool) -> String {
    item.deadline()
        .cell_with_count(item.day_count(), lang, compact)
}
