//! Reading single values of a directive file: dates, titles, optional text,
//! and the problem of an unknown agency.

use super::{DateProblem, ProblemKind};
use crate::agency::Registry;
use chrono::NaiveDate;

/// Reads a TOML date; `field` names it in the problem.
pub(super) fn toml_date(
    field: &'static str,
    value: &toml::Value,
) -> Result<NaiveDate, ProblemKind> {
    let bad = |value: String, reason| ProblemKind::BadDate {
        field,
        value,
        reason,
    };
    match value {
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| bad(dt.to_string(), DateProblem::NotReal)),
            _ => Err(bad(dt.to_string(), DateProblem::HasTime)),
        },
        other => Err(bad(other.to_string(), DateProblem::NotADate)),
    }
}

/// A title that shows something: one of invisible characters only
/// (zero-width spaces, BOMs, soft hyphens, controls) is as empty as `""`.
pub(super) fn visible_title(s: Option<String>) -> Option<String> {
    non_empty(s).filter(|s| !crate::text::is_blank(s))
}

/// The problem of an agency id in no registry, with what it may have meant.
pub(super) fn unknown_agency(field: &str, id: &str, registry: &Registry) -> ProblemKind {
    ProblemKind::UnknownAgency {
        field: field.to_owned(),
        id: id.to_owned(),
        suggestions: registry
            .suggest(id, 3)
            .into_iter()
            .map(|a| format!("{} ({})", a.id, a.name))
            .collect(),
    }
}

/// Trimmed text, `None` when nothing is left.
pub(super) fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}
