//! The briefing's words: how a status, a clarity, a lead, a deadline, a
//! number and a blocking chain are written in its cells. Gathered here, as
//! they are, so that they can move to core's one wording module in one step.

use crate::ReportTask;
use chrono::NaiveDate;
use sauro_core::briefing::{Blocker, Link};
use sauro_core::{Clarity, Deadline, Lang, Status, format_date};

/// A status in full ("Quá hạn chưa hoàn thành").
pub(super) fn status_label(lang: Lang, s: Status) -> &'static str {
    lang.pick(s.label_vi(), s.label_en())
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

/// A lead agency, "(chưa rõ)" when there is none.
pub(super) fn lead_cell(lang: Lang, lead: Option<&str>) -> String {
    lead.map_or_else(
        || lang.pick("(chưa rõ)", "(none)").to_owned(),
        str::to_owned,
    )
}

/// A deadline: dd/mm/yyyy, with the wording when it says more than the day.
pub(super) fn deadline_text(text: Option<&str>, due: Option<NaiveDate>) -> String {
    match (text, due) {
        (Some(t), Some(d)) => {
            let day = format_date(d);
            let iso = d.format("%Y-%m-%d").to_string();
            if t.trim() == day || t.trim() == iso {
                day
            } else {
                format!("{day} ({t})")
            }
        }
        (None, Some(d)) => format_date(d),
        (Some(t), None) => t.to_owned(),
        (None, None) => "—".to_owned(),
    }
}

/// A task's effective deadline.
pub(super) fn task_deadline(t: &ReportTask) -> String {
    deadline_text(t.deadline_text.as_deref(), t.deadline)
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

/// A status in a few words ("quá hạn 46 ngày").
pub(super) fn short_status(lang: Lang, s: Status, days_overdue: Option<i64>) -> String {
    match (s, days_overdue) {
        (Status::Overdue, Some(n)) => match lang {
            Lang::Vi => format!("quá hạn {n} ngày"),
            Lang::En => format!("overdue {n} d"),
        },
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
pub(super) fn moved_deadline(d: Option<&Deadline>) -> String {
    deadline_text(d.map(|d| d.written.as_str()), d.and_then(Deadline::date))
}

/// A task of a chain by its id, or "(mật)" for a classified task left out
/// of the briefing.
pub(super) fn link_id(lang: Lang, l: &Link) -> String {
    if l.hidden {
        lang.pick("(mật)", "(classified)").to_owned()
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
