//! The briefing's cells: how a status, a clarity, a lead, a deadline, a
//! number and a blocking chain are written. The words themselves come from
//! core's one wording module (`sauro_core::wording`), so the briefing reads
//! like `sauro list`, the exports and the terminal UI; what is here is only
//! how the briefing lays them out.

use crate::ReportTask;
use sauro_core::briefing::{Blocker, Link};
use sauro_core::wording::{self, DayCount, DeadlineShown};
use sauro_core::{Clarity, Deadline, Lang, Status};

/// A status in full ("Quá hạn chưa hoàn thành").
pub(super) fn status_label(lang: Lang, s: Status) -> &'static str {
    wording::status_long(s, lang)
}

/// A clarity by its name ("rõ người").
pub(super) fn clarity_label(lang: Lang, c: Clarity) -> &'static str {
    lang.pick(c.label_vi(), c.label_en())
}

/// Optional text, "—" when missing or blank.
pub(super) fn opt(s: Option<&str>) -> String {
    s.filter(|s| !s.trim().is_empty())
        .map_or_else(|| "—".to_owned(), str::to_owned)
}

/// A lead agency, "(chưa rõ chủ trì)" when there is none.
pub(super) fn lead_cell(lang: Lang, lead: Option<&str>) -> String {
    lead.map_or_else(|| wording::no_lead(lang).to_owned(), str::to_owned)
}

/// A deadline: dd/mm/yyyy, with the wording when it says more than the day.
fn deadline_text(shown: DeadlineShown<'_>, lang: Lang) -> String {
    shown.join_words(shown.extra_words(), lang)
}

/// A task's effective deadline ("định kỳ; lần tới …" when it recurs).
pub(super) fn task_deadline(t: &ReportTask, lang: Lang) -> String {
    deadline_text(t.deadline_shown(), lang)
}

/// A rate to one decimal, "—" when there is none.
pub(super) fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

/// A change with its sign ("+2", "-1", "0").
pub(super) fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// A status in a few words ("quá hạn 46 ngày", "46 days overdue").
pub(super) fn short_status(lang: Lang, s: Status, days_overdue: Option<i64>) -> String {
    match (s, days_overdue) {
        (Status::Overdue, Some(n)) => DayCount::Overdue(n).phrase(lang),
        _ => status_label(lang, s).to_lowercase(),
    }
}

/// A chain by its ends: `P`, `P → R`, or `P → … → R (n nhiệm vụ)`.
pub(super) fn chain_text(lang: Lang, b: &Blocker) -> String {
    match b.length {
        0 | 1 => link_id(lang, &b.first),
        2 => format!("{} → {}", link_id(lang, &b.first), link_id(lang, &b.root)),
        n => match lang {
            Lang::Vi => format!(
                "{} → … → {} ({n} nhiệm vụ)",
                link_id(lang, &b.first),
                link_id(lang, &b.root)
            ),
            Lang::En => format!(
                "{} → … → {} ({})",
                link_id(lang, &b.first),
                link_id(lang, &b.root),
                lang.count(n, "", "task")
            ),
        },
    }
}

/// A deadline before or after a change: its day, with its wording.
pub(super) fn moved_deadline(d: Option<&Deadline>, lang: Lang) -> String {
    let shown = DeadlineShown {
        day: d.and_then(Deadline::date),
        written: d.map(|d| d.written.as_str()),
        recurring: false,
    };
    deadline_text(shown, lang)
}

/// A task of a chain by its id, or "(mật)" for a classified task left out
/// of the briefing.
pub(super) fn link_id(lang: Lang, l: &Link) -> String {
    if l.hidden {
        wording::classified_stand_in(lang).to_owned()
    } else {
        l.id.to_string()
    }
}

/// A chain's root with how it stands: "T/04 (quá hạn 46 ngày)".
pub(super) fn root_text(lang: Lang, r: &Link) -> String {
    format!(
        "{} ({})",
        link_id(lang, r),
        short_status(lang, r.status, r.days_overdue)
    )
}
