//! Storage encodings: dates as `YYYY-MM-DD` text, deadlines as four
//! columns, task states as a code and a day.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use sauro_core::history::{state_of, state_parts};
use sauro_core::{Deadline, Due, Recurrence, TaskState};

/// A date as stored.
pub fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads a stored date.
/// Reads a stored date. Stored dates are always `YYYY-MM-DD`, read by hand:
/// chrono's format parser costs a third of `sauro overdue` on 100k tasks.
///
/// # Errors
/// [`Error::Corrupt`] for anything else.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let parsed = if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        }
    } else {
        None
    };
    parsed.ok_or_else(|| Error::Corrupt(format!("date {s:?}")))
}

/// A deadline as stored: `deadline_text`, `deadline_kind`, `deadline_due`
/// and `deadline_rule`. A recurring deadline is kind `ongoing` (it has no
/// single day) with its rule ([`Recurrence::code`]) in `deadline_rule`.
pub struct DeadlineColumns<'a> {
    /// `deadline_text`: the wording.
    pub text: Option<&'a str>,
    /// `deadline_kind`: `date`, `ongoing` or `vague`.
    pub kind: Option<&'static str>,
    /// `deadline_due`: the day, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// `deadline_rule`: a recurring deadline's rule.
    pub rule: Option<String>,
}

/// A deadline as its columns.
pub fn deadline_columns(d: Option<&Deadline>) -> DeadlineColumns<'_> {
    let (kind, due, rule) = match d.map(|d| d.due) {
        None => (None, None, None),
        Some(Due::On(date)) => (Some("date"), Some(date_text(date)), None),
        Some(Due::Ongoing) => (Some("ongoing"), None, None),
        Some(Due::Vague) => (Some("vague"), None, None),
        Some(Due::Recurring(r)) => (Some("ongoing"), None, Some(r.code())),
    };
    DeadlineColumns {
        text: d.map(|d| d.written.as_str()),
        kind,
        due,
        rule,
    }
}

/// Reads a deadline back from its columns.
///
/// # Errors
/// [`Error::Corrupt`] for columns sauro never writes.
pub fn deadline_from(
    text: Option<String>,
    kind: Option<String>,
    due: Option<String>,
    rule: Option<String>,
) -> Result<Option<Deadline>> {
    let Some(written) = text else { return Ok(None) };
    let due = match (kind.as_deref(), due) {
        (Some("date"), Some(d)) => Due::On(parse_date(&d)?),
        (Some("ongoing"), _) if rule.is_some() => {
            let rule = rule.unwrap_or_default();
            Due::Recurring(
                Recurrence::from_code(&rule)
                    .ok_or_else(|| Error::Corrupt(format!("deadline rule {rule:?}")))?,
            )
        }
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

/// A state as `(code, day)` columns (the codes of [`state_parts`]).
pub fn state_columns(s: TaskState) -> (&'static str, Option<String>) {
    let (code, on) = state_parts(s);
    (code, on.map(date_text))
}

/// Reads a state back from its columns.
///
/// # Errors
/// [`Error::Corrupt`] for columns sauro never writes.
pub fn state_from(code: &str, on: Option<&str>) -> Result<TaskState> {
    // An open task has no day; whatever the column holds is not read.
    let day = match code {
        "open" => None,
        _ => on.map(parse_date).transpose()?,
    };
    state_of(code, day).ok_or_else(|| Error::Corrupt(format!("state {code:?} on {on:?}")))
}

/// A state as errors show it in English (`open`, `done 2026-03-20`).
pub(crate) fn state_text(s: TaskState) -> String {
    sauro_core::Value::State(s).plain()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_read_back_and_bad_ones_are_corrupt() {
        assert_eq!(
            parse_date("2026-02-28").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert_eq!(
            parse_date(&date_text(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()))
                .unwrap()
                .to_string(),
            "9999-12-31"
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28x",
            "",
            "2026/02/28",
            "abcd-ef-gh",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
