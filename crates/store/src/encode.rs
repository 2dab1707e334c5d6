//! Storage encodings: dates as `YYYY-MM-DD` text, deadlines as three
//! columns, task states as a code and a day.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use sauro_core::{Deadline, Due, TaskState};

/// A date as stored.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads a stored date.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Error::Corrupt(format!("date {s:?}")))
}

/// A deadline as `(text, kind, due)` columns.
pub(crate) fn deadline_columns(
    d: Option<&Deadline>,
) -> (Option<&str>, Option<&'static str>, Option<String>) {
    match d {
        None => (None, None, None),
        Some(d) => match d.due {
            Due::On(date) => (Some(&d.written), Some("date"), Some(date_text(date))),
            Due::Ongoing => (Some(&d.written), Some("ongoing"), None),
            Due::Vague => (Some(&d.written), Some("vague"), None),
        },
    }
}

/// Reads a deadline back from its columns.
pub(crate) fn deadline_from(
    text: Option<String>,
    kind: Option<String>,
    due: Option<String>,
) -> Result<Option<Deadline>> {
    let Some(written) = text else { return Ok(None) };
    let due = match (kind.as_deref(), due) {
        (Some("date"), Some(d)) => Due::On(parse_date(&d)?),
        (Some("ongoing"), _) => Due::Ongoing,
        (Some("vague"), _) => Due::Vague,
        (k, d) => {
            return Err(Error::Corrupt(format!(
                "deadline kind {k:?} with due {d:?}"
            )));
        }
    };
    Ok(Some(Deadline { written, due }))
}

/// A state as `(code, day)` columns.
pub(crate) fn state_columns(s: TaskState) -> (&'static str, Option<String>) {
    match s {
        TaskState::Open => ("open", None),
        TaskState::Done { on } => ("done", Some(date_text(on))),
        TaskState::Cancelled { on } => ("cancelled", on.map(date_text)),
    }
}

/// Reads a state back from its columns.
pub(crate) fn state_from(code: &str, on: Option<&str>) -> Result<TaskState> {
    match (code, on) {
        ("open", _) => Ok(TaskState::Open),
        ("done", Some(d)) => Ok(TaskState::Done { on: parse_date(d)? }),
        ("cancelled", d) => Ok(TaskState::Cancelled {
            on: d.map(parse_date).transpose()?,
        }),
        (c, d) => Err(Error::Corrupt(format!("state {c:?} on {d:?}"))),
    }
}

/// A state as shown in history (`open`, `done 2026-03-20`).
pub(crate) fn state_text(s: TaskState) -> String {
    match state_columns(s) {
        (code, Some(day)) => format!("{code} {day}"),
        (code, None) => code.to_owned(),
    }
}
