//! Status as of a date, in the categories VPCP reports use (`domain.md` §7),
//! and sauro's flags on top (due soon, blocked, extended).

use chrono::NaiveDate;

use crate::TaskId;
use crate::deadline::Due;

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

    /// True when a task in this state no longer holds anyone up on `day`:
    /// done or withdrawn by then, so not open as of that day. The one rule
    /// of "settled": the store's replay, the briefing's chains and
    /// [`TaskState::blocking`] ask it; the store's SQL (`query.rs`,
    /// `settled()`) is its pushed-down form, checked against it by a store
    /// test.
    pub fn settled_on(self, day: NaiveDate) -> bool {
        self.as_of(day) != TaskState::Open
    }

    /// True when a prerequisite whose state is `state` (`None`: no such
    /// task on that day) holds nobody up on `day`: unknown, or
    /// [settled](TaskState::settled_on).
    pub fn prerequisite_settled(state: Option<TaskState>, day: NaiveDate) -> bool {
        state.is_none_or(|s| s.settled_on(day))
    }

    /// The prerequisites that block a task in this state on `day`, in
    /// their order: none when the task itself is settled, else those not
    /// [settled](TaskState::prerequisite_settled) then (`state_of` gives a
    /// prerequisite's state on that day). What `sauro blocked` and the
    /// briefing's blocked section call blocked.
    pub fn blocking(
        self,
        prerequisites: &[TaskId],
        state_of: impl Fn(&TaskId) -> Option<TaskState>,
        day: NaiveDate,
    ) -> Vec<TaskId> {
        if self.settled_on(day) {
            return Vec::new();
        }
        prerequisites
            .iter()
            .filter(|p| !TaskState::prerequisite_settled(state_of(p), day))
            .cloned()
            .collect()
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
    /// Not done; the directive calls the task ongoing or recurring
    /// (`thường xuyên`, `hằng năm`, `hằng quý`…) (Thường xuyên).
    #[serde(rename = "ongoing")]
    Ongoing,
    /// Not done; the deadline's words name no day (`khẩn trương`, `sớm`,
    /// `tại kỳ họp thứ 9`) (Chưa rõ thời hạn).
    #[serde(rename = "vague")]
    Vague,
    /// Not done, and the directive gives no deadline at all (Không có thời hạn).
    #[serde(rename = "no_deadline")]
    NoDeadline,
    /// Withdrawn (Dừng thực hiện).
    #[serde(rename = "cancelled")]
    Cancelled,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 9] = [
        Status::DoneOnTime,
        Status::DoneLate,
        Status::DoneUndated,
        Status::Open,
        Status::Overdue,
        Status::Ongoing,
        Status::Vague,
        Status::NoDeadline,
        Status::Cancelled,
    ];

    /// Classifies a task from its recorded state and what its deadline
    /// means (`None`: the directive gives none), as of a date. The deadline
    /// day itself is on time; a recurring deadline counts by its next
    /// occurrence on or after the date. This is the one place an undated task
    /// is told apart: ongoing or recurring by the directive's words, vague
    /// words, or no deadline at all.
    pub fn classify(state: TaskState, due: Option<Due>, as_of: NaiveDate) -> Status {
        let day = due.and_then(|d| d.date_as_of(as_of));
        match (state.as_of(as_of), day) {
            (TaskState::Cancelled { .. }, _) => Status::Cancelled,
            (TaskState::Done { .. }, None) => Status::DoneUndated,
            (TaskState::Done { on }, Some(d)) if on <= d => Status::DoneOnTime,
            (TaskState::Done { .. }, Some(_)) => Status::DoneLate,
            (TaskState::Open, None) => match due {
                None => Status::NoDeadline,
                Some(Due::Vague) => Status::Vague,
                Some(Due::Ongoing | Due::Recurring(_) | Due::On(_)) => Status::Ongoing,
            },
            (TaskState::Open, Some(d)) if as_of <= d => Status::Open,
            (TaskState::Open, Some(_)) => Status::Overdue,
        }
    }

    /// True for the three statuses of an unfinished task with no day to
    /// count from (ongoing, vague, no deadline).
    pub fn is_undated_open(self) -> bool {
        matches!(self, Status::Ongoing | Status::Vague | Status::NoDeadline)
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
            Status::Vague => "vague",
            Status::NoDeadline => "no_deadline",
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
            Status::Vague => "Chưa rõ thời hạn",
            Status::NoDeadline => "Không có thời hạn",
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
            Status::Vague => "No clear deadline",
            Status::NoDeadline => "No deadline",
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

impl crate::task::Task {
    /// What the task's deadline means (`None`: the directive gives none), as
    /// [`Status::classify`] and [`Assessment::new`] take it.
    pub fn due_kind(&self) -> Option<Due> {
        self.deadline.as_ref().map(|d| d.due)
    }

    /// The task's status as of a date.
    pub fn status_as_of(&self, as_of: NaiveDate) -> Status {
        Status::classify(self.state, self.due_kind(), as_of)
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
    /// Assesses a task from what its deadline means (`None`: no deadline).
    /// `blocked` comes from the dependency graph;
    /// `due_soon_days` is the window of the due-soon flag (7 by default).
    pub fn new(
        state: TaskState,
        due: Option<Due>,
        as_of: NaiveDate,
        due_soon_days: i64,
        blocked: bool,
        extended: bool,
    ) -> Assessment {
        let status = Status::classify(state, due, as_of);
        let diff = due
            .and_then(|d| d.date_as_of(as_of))
            .map(|d| (d - as_of).num_days());
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

    fn on(y: i32, m: u32, day: u32) -> Option<Due> {
        Some(Due::On(d(y, m, day)))
    }

    #[test]
    fn a_task_is_settled_from_the_day_it_is_done_or_withdrawn() {
        let day = d(2026, 11, 10);
        let cases = [
            (TaskState::Open, false),
            (TaskState::Done { on: d(2026, 11, 9) }, true),
            (TaskState::Done { on: day }, true),
            (
                TaskState::Done {
                    on: d(2026, 11, 11),
                },
                false,
            ),
            (TaskState::Cancelled { on: None }, true),
            (TaskState::Cancelled { on: Some(day) }, true),
            (
                TaskState::Cancelled {
                    on: Some(d(2026, 11, 11)),
                },
                false,
            ),
        ];
        for (state, settled) in cases {
            assert_eq!(state.settled_on(day), settled, "{state:?}");
        }
        // An unknown prerequisite holds nobody up.
        assert!(TaskState::prerequisite_settled(None, day));
    }

    #[test]
    fn only_an_unsettled_task_is_blocked_and_only_by_unsettled_prerequisites() {
        let day = d(2026, 11, 10);
        let id = |s: &str| s.parse::<TaskId>().unwrap();
        let prerequisites = [id("A/1"), id("A/2"), id("A/3"), id("A/4")];
        let state_of = |p: &TaskId| match p.as_str() {
            "A/1" => Some(TaskState::Open),
            "A/2" => Some(TaskState::Done { on: day }),
            "A/3" => Some(TaskState::Done {
                on: d(2026, 11, 12),
            }),
            _ => None,
        };
        let blocking = TaskState::Open.blocking(&prerequisites, state_of, day);
        assert_eq!(blocking, [id("A/1"), id("A/3")]);
        let done = TaskState::Done { on: day };
        assert!(done.blocking(&prerequisites, state_of, day).is_empty());
        // Done only later: still blocked that day.
        let later = TaskState::Done {
            on: d(2026, 11, 11),
        };
        assert_eq!(later.blocking(&prerequisites, state_of, day).len(), 2);
    }

    #[test]
    fn the_deadline_day_is_on_time() {
        let due = on(2026, 2, 28);
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
        let due = on(2026, 3, 31);
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
            (TaskState::Open, on(2026, 12, 31), Status::Open),
            (TaskState::Open, due, Status::Overdue),
            (TaskState::Open, Some(Due::Ongoing), Status::Ongoing),
            (TaskState::Open, Some(Due::Vague), Status::Vague),
            (TaskState::Open, None, Status::NoDeadline),
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
        assert_eq!(Status::classify(done, on(2025, 9, 30), as_of), Status::Open);
        assert_eq!(
            Status::classify(done, on(2025, 6, 30), as_of),
            Status::Overdue
        );
        let cancelled = TaskState::Cancelled {
            on: Some(d(2025, 8, 1)),
        };
        assert_eq!(Status::classify(cancelled, None, as_of), Status::NoDeadline);
    }

    #[test]
    fn flags_and_day_counts() {
        let as_of = d(2026, 11, 22);
        let a = Assessment::new(TaskState::Open, on(2026, 11, 20), as_of, 7, false, false);
        assert_eq!(a.days_overdue, Some(2));
        assert!(!a.due_soon);
        let b = Assessment::new(TaskState::Open, on(2026, 11, 29), as_of, 7, true, true);
        assert_eq!((b.days_left, b.due_soon, b.blocked), (Some(7), true, true));
        let c = Assessment::new(TaskState::Open, on(2026, 11, 30), as_of, 7, false, false);
        assert!(!c.due_soon);
    }

    #[test]
    fn undated_tasks_are_told_apart_by_their_words() {
        use crate::deadline::Recurrence;
        let as_of = d(2026, 6, 1);
        let open = TaskState::Open;
        let ongoing = Status::classify(open, Some(Due::Ongoing), as_of);
        let vague = Status::classify(open, Some(Due::Vague), as_of);
        let none = Status::classify(open, None, as_of);
        assert_eq!(
            (ongoing.label_vi(), vague.label_vi(), none.label_vi()),
            ("Thường xuyên", "Chưa rõ thời hạn", "Không có thời hạn")
        );
        assert!(ongoing.is_undated_open() && vague.is_undated_open() && none.is_undated_open());
        // A recurring deadline counts by its next occurrence: open, not ongoing.
        let quarterly = Some(Due::Recurring(Recurrence::PeriodEnd { months: 3 }));
        assert_eq!(Status::classify(open, quarterly, as_of), Status::Open);
        let a = Assessment::new(open, quarterly, as_of, 7, false, false);
        assert_eq!(a.days_left, Some(29));
        // Done without a day is done, whatever the words.
        let done = TaskState::Done { on: d(2026, 5, 1) };
        assert_eq!(
            Status::classify(done, Some(Due::Vague), as_of),
            Status::DoneUndated
        );
        assert_eq!(Status::classify(done, None, as_of), Status::DoneUndated);
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }
}
