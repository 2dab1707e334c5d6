//! The rules a change to a task must follow, whoever records it (the command
//! line, the terminal UI, an imported file). Pure functions of their
//! arguments: "today" is the day the change is recorded, given by the caller.
//! The store enforces them on every write (its `Refusal` wraps these
//! problems); a form may call them to say so before saving.

use crate::date::format_date;
use crate::deadline::{Deadline, Due};
use crate::lang::Lang;
use chrono::NaiveDate;
use std::fmt;

/// Why a day cannot be the day a task was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneDayProblem {
    /// Before the directive that assigned the task was issued.
    BeforeIssue {
        /// The day given.
        on: NaiveDate,
        /// The directive's issue day.
        issued_on: NaiveDate,
    },
    /// After the day the change is recorded.
    AfterToday {
        /// The day given.
        on: NaiveDate,
        /// The day the change is recorded.
        today: NaiveDate,
    },
}

/// Checks the day a task was done: not before its directive was issued, not
/// after today. `today` is `None` where no recording day is known (checking a
/// file on its own).
///
/// # Errors
/// The first rule the day breaks.
pub fn check_done_day(
    on: NaiveDate,
    issued_on: NaiveDate,
    today: Option<NaiveDate>,
) -> Result<(), DoneDayProblem> {
    if on < issued_on {
        return Err(DoneDayProblem::BeforeIssue { on, issued_on });
    }
    match today {
        Some(today) if on > today => Err(DoneDayProblem::AfterToday { on, today }),
        _ => Ok(()),
    }
}

impl DoneDayProblem {
    /// The problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Vi, DoneDayProblem::BeforeIssue { on, issued_on }) => format!(
                "không thể ghi hoàn thành ngày {}, trước ngày ban hành văn bản giao nhiệm vụ ({})",
                format_date(*on),
                format_date(*issued_on)
            ),
            (Lang::Vi, DoneDayProblem::AfterToday { on, today }) => format!(
                "không thể ghi hoàn thành ngày {}, sau ngày hôm nay ({})",
                format_date(*on),
                format_date(*today)
            ),
        }
    }
}

impl fmt::Display for DoneDayProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DoneDayProblem::BeforeIssue { on, issued_on } => write!(
                f,
                "cannot be done on {}, before its directive was issued ({})",
                on.format("%Y-%m-%d"),
                issued_on.format("%Y-%m-%d")
            ),
            DoneDayProblem::AfterToday { on, today } => write!(
                f,
                "cannot be done on {}, after today ({})",
                on.format("%Y-%m-%d"),
                today.format("%Y-%m-%d")
            ),
        }
    }
}

/// Why a wording cannot be a task's new deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewDeadlineProblem {
    /// It names no day (`thường xuyên`, `khẩn trương`): making a task ongoing
    /// or open-ended is a reclassification or a cancellation, not an extension.
    NoDay {
        /// The wording given.
        written: String,
        /// Ongoing (true) or vague (false).
        ongoing: bool,
    },
    /// A day already past on the day the change is recorded.
    Past {
        /// The new deadline's day.
        due: NaiveDate,
        /// The day the change is recorded.
        today: NaiveDate,
    },
}

/// Checks a new deadline: it names a day, not before today.
///
/// # Errors
/// A wording with no day; a day already past.
pub fn check_new_deadline(
    to: &Deadline,
    today: NaiveDate,
) -> Result<NaiveDate, NewDeadlineProblem> {
    match to.due {
        Due::On(due) if due < today => Err(NewDeadlineProblem::Past { due, today }),
        Due::On(due) => Ok(due),
        Due::Ongoing | Due::Vague | Due::Recurring(_) => Err(NewDeadlineProblem::NoDay {
            written: to.written.clone(),
            ongoing: matches!(to.due, Due::Ongoing | Due::Recurring(_)),
        }),
    }
}

impl NewDeadlineProblem {
    /// The problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Vi, NewDeadlineProblem::NoDay { written, ongoing }) => format!(
                "thời hạn mới {written:?} không phải là một ngày cụ thể{}: gia hạn phải ghi \
                 ngày mới; chuyển sang thường xuyên hay bỏ thời hạn là dừng thực hiện hoặc \
                 giao lại nhiệm vụ, theo quyết định riêng",
                if *ongoing {
                    " mà là việc thường xuyên"
                } else {
                    ""
                }
            ),
            (Lang::Vi, NewDeadlineProblem::Past { due, today }) => format!(
                "thời hạn mới {} đã qua (hôm nay là {})",
                format_date(*due),
                format_date(*today)
            ),
        }
    }
}

impl fmt::Display for NewDeadlineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewDeadlineProblem::NoDay { written, ongoing } => write!(
                f,
                "the new deadline {written:?} names no day{}: an extension gives a new day; \
                 making a task ongoing or open-ended is a cancellation or a reassignment, \
                 decided on its own",
                if *ongoing { " but ongoing work" } else { "" }
            ),
            NewDeadlineProblem::Past { due, today } => write!(
                f,
                "the new deadline {} is already past (today is {})",
                due.format("%Y-%m-%d"),
                today.format("%Y-%m-%d")
            ),
        }
    }
}

/// A part of a decision (extension, cancellation) that must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionPart {
    /// The agency that decided.
    Authority,
    /// The document the decision rests on.
    Basis,
    /// Why.
    Reason,
}

impl DecisionPart {
    /// The part's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DecisionPart::Authority => lang.pick("cơ quan quyết định", "the deciding authority"),
            DecisionPart::Basis => lang.pick("văn bản căn cứ", "the basis document"),
            DecisionPart::Reason => lang.pick("lý do", "the reason"),
        }
    }
}

/// The parts of a decision left empty or blank. `basis` is `None` where the
/// change takes none (a cancellation).
pub fn blank_parts(authority: &str, basis: Option<&str>, reason: &str) -> Vec<DecisionPart> {
    // Blank as a title is: nothing that shows (zero-width spaces included).
    let blank = crate::text::is_blank;
    let mut out = Vec::new();
    if blank(authority) {
        out.push(DecisionPart::Authority);
    }
    if basis.is_some_and(blank) {
        out.push(DecisionPart::Basis);
    }
    if blank(reason) {
        out.push(DecisionPart::Reason);
    }
    out
}

/// "X, Y and Z are required", in `lang`.
pub fn blank_parts_message(parts: &[DecisionPart], lang: Lang) -> String {
    let names: Vec<&str> = parts.iter().map(|p| p.label(lang)).collect();
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.pick("và", "and")),
    };
    match lang {
        Lang::Vi => format!("cần ghi {list} (không được để trống)"),
        Lang::En => format!("{list} must be given (not blank)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_done_day_lies_between_the_issue_day_and_today() {
        let issued = d(2026, 1, 15);
        let today = Some(d(2026, 11, 22));
        assert!(check_done_day(d(2026, 1, 15), issued, today).is_ok());
        assert!(check_done_day(d(2026, 11, 22), issued, today).is_ok());
        assert_eq!(
            check_done_day(d(0, 1, 1), issued, today),
            Err(DoneDayProblem::BeforeIssue {
                on: d(0, 1, 1),
                issued_on: issued
            })
        );
        assert!(matches!(
            check_done_day(d(2026, 11, 23), issued, today),
            Err(DoneDayProblem::AfterToday { .. })
        ));
        assert!(check_done_day(d(2030, 1, 1), issued, None).is_ok());
    }

    #[test]
    fn a_new_deadline_names_a_day_not_yet_past() {
        let today = d(2026, 11, 22);
        let at = d(2026, 1, 15);
        let ok = Deadline::parse("31/12/2026", at).unwrap();
        assert_eq!(check_new_deadline(&ok, today), Ok(d(2026, 12, 31)));
        let past = Deadline::parse("31/10/2026", at).unwrap();
        assert!(matches!(
            check_new_deadline(&past, today),
            Err(NewDeadlineProblem::Past { .. })
        ));
        let ongoing = Deadline::parse("thường xuyên", at).unwrap();
        let err = check_new_deadline(&ongoing, today).unwrap_err();
        assert!(err.message(Lang::Vi).contains("thường xuyên"), "{err}");
        let vague = Deadline::parse("khẩn trương", at).unwrap();
        assert!(check_new_deadline(&vague, today).is_err());
    }

    #[test]
    fn blank_parts_are_all_named() {
        assert_eq!(
            blank_parts(" ", Some("\t"), ""),
            [
                DecisionPart::Authority,
                DecisionPart::Basis,
                DecisionPart::Reason
            ]
        );
        assert!(blank_parts("TTG", None, "x").is_empty());
        // Characters that show nothing are blank too, as in a title.
        assert_eq!(
            blank_parts("TTG", Some("\u{200B}"), "\u{2060}\u{FEFF}"),
            [DecisionPart::Basis, DecisionPart::Reason]
        );
        assert_eq!(
            blank_parts_message(&blank_parts("TTG", Some(""), " "), Lang::Vi),
            "cần ghi văn bản căn cứ và lý do (không được để trống)"
        );
    }
}
