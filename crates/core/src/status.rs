//! Status as of a date, in the categories VPCP reports use (`domain.md` §7),
//! and sauro's flags on top (due soon, blocked, extended).

use chrono::NaiveDate;

/// What the assigning side recorded: open, done on a day, or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskState {
    /// Not finished.
    Open,
    /// Finished on this day.
    Done {
        /// The day the task was finished.
        on: NaiveDate,
    },
    /// Withdrawn by the assigning authority, on this day when known.
    Cancelled {
        /// The day it was withdrawn, when known.
        on: Option<NaiveDate>,
    },
}

impl TaskState {
    /// The state as it stood on `as_of`: a task done or cancelled later was
    /// still open then.
    pub fn as_of(self, as_of: NaiveDate) -> TaskState {
        match self {
            TaskState::Done { on } if on > as_of => TaskState::Open,
            TaskState::Cancelled { on: Some(on) } if on > as_of => TaskState::Open,
            s => s,
        }
    }

    /// True when finished (as recorded, whatever the date).
    pub fn is_done(self) -> bool {
        matches!(self, TaskState::Done { .. })
    }

    /// The code used in files and the database: `open`, `done`, `cancelled`.
    pub fn code(self) -> &'static str {
        match self {
            TaskState::Open => "open",
            TaskState::Done { .. } => "done",
            TaskState::Cancelled { .. } => "cancelled",
        }
    }
}

/// The status categories of VPCP reports (`domain.md` §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Status {
    /// Done on or before the deadline (Hoàn thành đúng hạn).
    #[serde(rename = "done_on_time")]
    DoneOnTime,
    /// Done after the deadline (Hoàn thành quá hạn).
    #[serde(rename = "done_late")]
    DoneLate,
    /// Done, no dated deadline (Hoàn thành, không thời hạn).
    #[serde(rename = "done_undated")]
    DoneUndated,
    /// Not done, not yet due (Đang thực hiện trong hạn).
    #[serde(rename = "open")]
    Open,
    /// Not done and past the deadline (Quá hạn chưa hoàn thành).
    #[serde(rename = "overdue")]
    Overdue,
    /// Not done, no dated deadline (Thường xuyên / không có thời hạn).
    #[serde(rename = "ongoing")]
    Ongoing,
    /// Withdrawn (Dừng thực hiện).
    #[serde(rename = "cancelled")]
    Cancelled,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 7] = [
        Status::DoneOnTime,
        Status::DoneLate,
        Status::DoneUndated,
        Status::Open,
        Status::Overdue,
        Status::Ongoing,
        Status::Cancelled,
    ];

    /// Classifies a task from its recorded state and effective deadline, as
    /// of a date. The deadline day itself is on time.
    pub fn classify(state: TaskState, deadline: Option<NaiveDate>, as_of: NaiveDate) -> Status {
        match (state.as_of(as_of), deadline) {
            (TaskState::Cancelled { .. }, _) => Status::Cancelled,
            (TaskState::Done { .. }, None) => Status::DoneUndated,
            (TaskState::Done { on }, Some(d)) if on <= d => Status::DoneOnTime,
            (TaskState::Done { .. }, Some(_)) => Status::DoneLate,
            (TaskState::Open, None) => Status::Ongoing,
            (TaskState::Open, Some(d)) if as_of <= d => Status::Open,
            (TaskState::Open, Some(_)) => Status::Overdue,
        }
    }

    /// The machine code (`done_on_time`, `overdue`…), as in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Status::DoneOnTime => "done_on_time",
            Status::DoneLate => "done_late",
            Status::DoneUndated => "done_undated",
            Status::Open => "open",
            Status::Overdue => "overdue",
            Status::Ongoing => "ongoing",
            Status::Cancelled => "cancelled",
        }
    }

    /// Reads a status from its code.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The Vietnamese label used in VPCP reports.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::DoneOnTime => "Hoàn thành đúng hạn",
            Status::DoneLate => "Hoàn thành quá hạn",
            Status::DoneUndated => "Hoàn thành (không thời hạn)",
            Status::Open => "Đang thực hiện trong hạn",
            Status::Overdue => "Quá hạn chưa hoàn thành",
            Status::Ongoing => "Thường xuyên",
            Status::Cancelled => "Dừng thực hiện",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::DoneOnTime => "Done on time",
            Status::DoneLate => "Done late",
            Status::DoneUndated => "Done (no deadline)",
            Status::Open => "Open, not yet due",
            Status::Overdue => "Overdue",
            Status::Ongoing => "Ongoing",
            Status::Cancelled => "Cancelled",
        }
    }

    /// True for the three done categories.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            Status::DoneOnTime | Status::DoneLate | Status::DoneUndated
        )
    }
}

/// A task's status as of a date, with sauro's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    /// The VPCP category.
    pub status: Status,
    /// Days past the deadline, for an overdue task.
    pub days_overdue: Option<i64>,
    /// Days until the deadline (0 on the day), for an open task.
    pub days_left: Option<i64>,
    /// Open and due within the due-soon window.
    pub due_soon: bool,
    /// A prerequisite is not done.
    pub blocked: bool,
    /// The deadline was changed at least once.
    pub extended: bool,
}

impl Assessment {
    /// Assesses a task. `blocked` comes from the dependency graph;
    /// `due_soon_days` is the window of the due-soon flag (7 by default).
    pub fn new(
        state: TaskState,
        deadline: Option<NaiveDate>,
        as_of: NaiveDate,
        due_soon_days: i64,
        blocked: bool,
        extended: bool,
    ) -> Assessment {
        let status = Status::classify(state, deadline, as_of);
        let diff = deadline.map(|d| (d - as_of).num_days());
        let days_overdue = match (status, diff) {
            (Status::Overdue, Some(n)) => Some(-n),
            _ => None,
        };
        let days_left = match (status, diff) {
            (Status::Open, Some(n)) => Some(n),
            _ => None,
        };
        Assessment {
            status,
            days_overdue,
            days_left,
            due_soon: days_left.is_some_and(|n| n <= due_soon_days),
            blocked,
            extended,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_deadline_day_is_on_time() {
        let due = Some(d(2026, 2, 28));
        assert_eq!(
            Status::classify(TaskState::Open, due, d(2026, 2, 28)),
            Status::Open
        );
        assert_eq!(
            Status::classify(TaskState::Open, due, d(2026, 3, 1)),
            Status::Overdue
        );
        let done = TaskState::Done { on: d(2026, 2, 28) };
        assert_eq!(
            Status::classify(done, due, d(2026, 12, 1)),
            Status::DoneOnTime
        );
        let late = TaskState::Done { on: d(2026, 3, 1) };
        assert_eq!(
            Status::classify(late, due, d(2026, 12, 1)),
            Status::DoneLate
        );
    }

    #[test]
    fn every_category_is_reachable() {
        let as_of = d(2026, 6, 1);
        let due = Some(d(2026, 3, 31));
        let cases = [
            (
                TaskState::Done { on: d(2026, 3, 1) },
                due,
                Status::DoneOnTime,
            ),
            (TaskState::Done { on: d(2026, 4, 1) }, due, Status::DoneLate),
            (
                TaskState::Done { on: d(2026, 4, 1) },
                None,
                Status::DoneUndated,
            ),
            (TaskState::Open, Some(d(2026, 12, 31)), Status::Open),
            (TaskState::Open, due, Status::Overdue),
            (TaskState::Open, None, Status::Ongoing),
            (TaskState::Cancelled { on: None }, due, Status::Cancelled),
        ];
        for (state, due, want) in cases {
            assert_eq!(
                Status::classify(state, due, as_of),
                want,
                "{state:?} {due:?}"
            );
        }
    }

    #[test]
    fn a_past_as_of_date_sees_the_past() {
        // Done on 01/12/2025: on 15/07/2025 it was still open, or overdue.
        let done = TaskState::Done { on: d(2025, 12, 1) };
        let as_of = d(2025, 7, 15);
        assert_eq!(
            Status::classify(done, Some(d(2025, 9, 30)), as_of),
            Status::Open
        );
        assert_eq!(
            Status::classify(done, Some(d(2025, 6, 30)), as_of),
            Status::Overdue
        );
        let cancelled = TaskState::Cancelled {
            on: Some(d(2025, 8, 1)),
        };
        assert_eq!(Status::classify(cancelled, None, as_of), Status::Ongoing);
    }

    #[test]
    fn flags_and_day_counts() {
        let as_of = d(2026, 11, 22);
        let a = Assessment::new(
            TaskState::Open,
            Some(d(2026, 11, 20)),
            as_of,
            7,
            false,
            false,
        );
        assert_eq!(a.days_overdue, Some(2));
        assert!(!a.due_soon);
        let b = Assessment::new(TaskState::Open, Some(d(2026, 11, 29)), as_of, 7, true, true);
        assert_eq!((b.days_left, b.due_soon, b.blocked), (Some(7), true, true));
        let c = Assessment::new(
            TaskState::Open,
            Some(d(2026, 11, 30)),
            as_of,
            7,
            false,
            false,
        );
        assert!(!c.due_soon);
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }
}
