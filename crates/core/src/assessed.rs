//! One task as of a day: the read model every list, report and screen
//! shows. Built once per query by [`AssessedTask::new`]; the command
//! line's views and JSON, the reports' `ReportTask` and the terminal UI's
//! rows are projections of it.

use crate::agency::Registry;
use crate::clarity::{Clarity, ClaritySet, LeadGap, lead_gap, missing, why_missing};
use crate::deadline::Due;
use crate::ids::TaskId;
use crate::lang::Lang;
use crate::order::{ActionKey, action_key};
use crate::status::{Assessment, Status, TaskState};
use crate::task::Task;
use crate::wording::{DayCount, DeadlineShown};
use chrono::NaiveDate;
use std::borrow::Cow;

/// A task with everything computed about it as of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessedTask {
    /// The task as it stood on the day.
    pub task: Task,
    /// Its prerequisites not finished (nor cancelled) on the day.
    pub blocked_by: Vec<TaskId>,
    /// The day it is assessed for.
    pub as_of: NaiveDate,
    /// Status and flags on the day.
    pub assessment: Assessment,
    /// The clarities it lacks.
    pub missing: ClaritySet,
    /// Why it fails rõ người, when it does.
    pub lead_gap: Option<LeadGap>,
    /// The deadline's day as of the day: for a recurring deadline, its next
    /// occurrence on or after it.
    pub due: Option<NaiveDate>,
}

impl AssessedTask {
    /// Assesses `task` as of `as_of`: `blocked_by` are its unfinished
    /// prerequisites that day, `due_soon_days` the window of the due-soon
    /// flag. The one place a task's status, gaps and day are computed.
    pub fn new(
        task: Task,
        blocked_by: Vec<TaskId>,
        registry: &Registry,
        as_of: NaiveDate,
        due_soon_days: i64,
    ) -> AssessedTask {
        let assessment = Assessment::new(
            task.state,
            task.due_kind(),
            as_of,
            due_soon_days,
            !blocked_by.is_empty(),
            task.extended,
        );
        AssessedTask {
            missing: missing(&task, registry),
            lead_gap: lead_gap(&task, registry),
            due: task.due_as_of(as_of),
            task,
            blocked_by,
            as_of,
            assessment,
        }
    }

    /// The task's id.
    pub fn id(&self) -> &str {
        self.task.id.as_str()
    }

    /// Its status on the day.
    pub fn status(&self) -> Status {
        self.assessment.status
    }

    /// True when its deadline recurs (`hằng quý`): [`Self::due`] is then
    /// the next occurrence.
    pub fn recurring(&self) -> bool {
        self.task
            .deadline
            .as_ref()
            .is_some_and(|d| matches!(d.due, Due::Recurring(_)))
    }

    /// The day it was done, when it was done by the day.
    pub fn done_on(&self) -> Option<NaiveDate> {
        match self.task.state.as_of(self.as_of) {
            TaskState::Done { on } => Some(on),
            _ => None,
        }
    }

    /// The deadline as the directive writes it.
    pub fn deadline_written(&self) -> Option<&str> {
        self.task.deadline.as_ref().map(|d| d.written.as_str())
    }

    /// The deadline as it is shown (see [`crate::wording`]).
    pub fn deadline(&self) -> DeadlineShown<'_> {
        DeadlineShown {
            day: self.due,
            written: self.deadline_written(),
            recurring: self.recurring(),
        }
    }

    /// Days overdue or left, when it has a count.
    pub fn day_count(&self) -> Option<DayCount> {
        DayCount::of(&self.assessment)
    }

    /// The field names of the clarities it lacks (`lead`, `deadline`…), as in JSON.
    pub fn missing_fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.missing.iter().map(Clarity::field)
    }

    /// Why it fails clarity `c`, in `lang`: the co-leads' reason for rõ
    /// người when it has several leads, [`why_missing`] otherwise.
    pub fn why_missing(&self, c: Clarity, lang: Lang) -> Cow<'static, str> {
        match self.lead_gap {
            Some(gap @ LeadGap::CoLeads(_)) if c == Clarity::Lead => Cow::Owned(gap.message(lang)),
            _ => Cow::Borrowed(why_missing(
                c,
                self.task.lead.is_some(),
                self.task.deadline.is_some(),
                lang,
            )),
        }
    }

    /// The task in a chain of blockers: `A/1 (BCA, Quá hạn 3 ngày)`
    /// ([`crate::wording::link`]).
    pub fn link(&self, lang: Lang) -> String {
        let lead = self.task.lead.as_ref().map(|l| l.as_str());
        crate::wording::link(self.id(), lead, &self.assessment, lang)
    }

    /// The key of "what needs action first" (see [`crate::order::action_cmp`]).
    pub fn action_key(&self) -> ActionKey {
        action_key(&self.assessment, self.due, self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::{Agency, AgencyKind};
    use crate::deadline::{Deadline, Recurrence};
    use crate::ids::{AgencyId, DirectiveId};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn registry() -> Registry {
        let mut r = Registry::new();
        for id in ["BCA", "BTC"] {
            let id: AgencyId = id.parse().unwrap();
            r.insert(Agency::new(id, "Bộ", AgencyKind::Ministry));
        }
        r
    }

    fn task(deadline: Option<Deadline>) -> Task {
        Task {
            id: "A/1".parse().unwrap(),
            directive: "A".parse::<DirectiveId>().unwrap(),
            title: "Trình đề án".into(),
            lead: Some("BCA".parse().unwrap()),
            co_leads: vec!["BTC".parse().unwrap()],
            support: Vec::new(),
            responsible: Some("Bộ trưởng".into()),
            product: Some("Đề án".into()),
            deadline,
            authority: Some("TTG".into()),
            depends_on: vec!["A/0".parse::<TaskId>().unwrap()],
            state: TaskState::Open,
            note: None,
            extended: false,
            key: false,
            classified: false,
        }
    }

    #[test]
    fn one_constructor_computes_status_gaps_and_the_day() {
        let due = Deadline {
            written: "tháng 2.2026".into(),
            due: Due::On(d(2026, 2, 28)),
        };
        let blockers = vec!["A/0".parse::<TaskId>().unwrap()];
        let a = AssessedTask::new(task(Some(due)), blockers, &registry(), d(2026, 3, 3), 7);
        assert_eq!(a.status(), Status::Overdue);
        assert_eq!(a.day_count(), Some(DayCount::Overdue(3)));
        assert!(a.assessment.blocked);
        assert_eq!(a.lead_gap, Some(LeadGap::CoLeads(2)));
        assert_eq!(a.missing_fields().collect::<Vec<_>>(), ["lead"]);
        assert_eq!(
            a.why_missing(Clarity::Lead, Lang::Vi),
            "đồng chủ trì: 2 cơ quan, không có một đầu mối"
        );
        assert_eq!(a.deadline().cell(Lang::Vi), "28/02/2026");
        assert_eq!(a.done_on(), None);
    }

    #[test]
    fn a_recurring_deadline_counts_by_its_next_occurrence() {
        let due = Deadline {
            written: "hằng quý".into(),
            due: Due::Recurring(Recurrence::PeriodEnd { months: 3 }),
        };
        let a = AssessedTask::new(task(Some(due)), Vec::new(), &registry(), d(2026, 5, 2), 7);
        assert!(a.recurring());
        assert_eq!(a.due, Some(d(2026, 6, 30)));
        assert_eq!(a.status(), Status::Open);
        assert_eq!(a.deadline().cell(Lang::Vi), "định kỳ; lần tới 30/06/2026");
        assert!(!a.assessment.blocked);
    }

    #[test]
    fn a_task_with_no_deadline_says_it_has_none() {
        let mut t = task(None);
        t.co_leads.clear();
        let a = AssessedTask::new(t, Vec::new(), &registry(), d(2026, 5, 2), 7);
        assert_eq!(a.status(), Status::NoDeadline);
        assert_eq!(
            a.why_missing(Clarity::Deadline, Lang::Vi),
            "chưa có thời hạn"
        );
        assert_eq!(a.deadline().cell(Lang::En), "—");
    }
}
