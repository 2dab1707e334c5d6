//! A task as the command line shows it: the core's [`AssessedTask`] (status,
//! flags and gaps computed as of the run's day) plus the two things only the
//! command line needs (the lead's name, working days left), and the JSON
//! shape scripts rely on, borrowed from it.

use crate::args::Lang;
use crate::context::Ctx;
use sauro_core::wording::{self, Flag, status_cell};
use sauro_core::{AssessedTask, ClaritySet, Status, Task, TaskId};
use sauro_store::TaskRow;
use std::borrow::Cow;
use std::ops::Deref;

/// One task, assessed. Serialized as the JSON objects of list-like commands.
#[derive(Debug, Clone)]
pub struct TaskView {
    /// The task as of the run's day.
    pub assessed: AssessedTask,
    /// The lead's name in the registry.
    pub lead_name: Option<String>,
    /// Working days until the deadline (after the as-of day, up to and
    /// including the deadline), for an open task not yet due.
    pub working_days_left: Option<i64>,
}

impl Deref for TaskView {
    type Target = AssessedTask;
    fn deref(&self) -> &AssessedTask {
        &self.assessed
    }
}

impl TaskView {
    /// The view of a row the caller keeps.
    pub fn new(row: &TaskRow, ctx: &Ctx) -> TaskView {
        TaskView::of(
            AssessedTask::new(
                row.task.clone(),
                row.blocked_by.clone(),
                &ctx.registry,
                ctx.as_of,
                ctx.due_soon_days,
            ),
            ctx,
        )
    }

    /// A view that takes the row's task rather than copying it.
    pub fn from_row(row: TaskRow, ctx: &Ctx) -> TaskView {
        TaskView::of(
            AssessedTask::new(
                row.task,
                row.blocked_by,
                &ctx.registry,
                ctx.as_of,
                ctx.due_soon_days,
            ),
            ctx,
        )
    }

    /// The view of a task already assessed.
    pub fn of(assessed: AssessedTask, ctx: &Ctx) -> TaskView {
        let working_days_left = match (assessed.assessment.days_left, assessed.due) {
            (Some(_), Some(d)) => Some(ctx.calendar.working_days_between(ctx.as_of, d)),
            _ => None,
        };
        let lead_name = assessed
            .task
            .lead
            .as_ref()
            .map(|l| ctx.registry.name_of(l.as_str()).to_owned());
        TaskView {
            assessed,
            lead_name,
            working_days_left,
        }
    }

    /// The status cell: "Quá hạn 12 ngày", plus flags.
    pub fn status_cell(&self, lang: Lang) -> String {
        let mut s = status_cell(&self.assessment, lang.core());
        let a = &self.assessment;
        for (on, flag) in [
            (a.blocked, Flag::Blocked),
            (a.due_soon, Flag::DueSoon),
            (self.task.key, Flag::Key),
            (self.task.classified, Flag::Classified),
        ] {
            if on {
                s.push_str(" · ");
                s.push_str(flag.word(lang.core()));
            }
        }
        s
    }

    /// The deadline cell (see [`sauro_core::wording::DeadlineShown::cell`]).
    pub fn deadline_cell(&self, lang: Lang) -> String {
        self.deadline().cell(lang.core())
    }

    /// The lead cell of a table: the lead's id, every lead's when there
    /// are co-leads, "(chưa rõ chủ trì)" when there is none.
    pub fn lead_cell(&self, lang: Lang) -> Cow<'_, str> {
        if !self.task.co_leads.is_empty() {
            let ids: Vec<&str> = self.task.leads().map(|l| l.as_str()).collect();
            return Cow::Owned(ids.join(", "));
        }
        Cow::Borrowed(self.lead_id().unwrap_or(wording::no_lead(lang.core())))
    }

    /// The lead's id, when it has one.
    pub fn lead_id(&self) -> Option<&str> {
        self.task.lead.as_ref().map(|l| l.as_str())
    }

    /// The six-clarities gauge, `5/6`.
    pub fn clarity_cell(&self) -> String {
        format!("{}/6", 6 - self.missing.len())
    }
}

/// Ids as a JSON array of strings, borrowed.
struct Ids<'a, T>(&'a [T]);

impl<T: serde::Serialize> serde::Serialize for Ids<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0)
    }
}

/// Every lead of a task, as a JSON array.
struct Leads<'a>(&'a Task);

impl serde::Serialize for Leads<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.leads())
    }
}

/// The clarities a task lacks, as field names.
struct Missing(ClaritySet);

impl serde::Serialize for Missing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(sauro_core::Clarity::field))
    }
}

/// The JSON object of one task: field names and values as documented
/// (`docs/`), borrowed from the view.
#[derive(serde::Serialize)]
struct TaskJson<'a> {
    id: &'a str,
    directive: &'a str,
    title: &'a str,
    lead: Option<&'a str>,
    lead_name: Option<&'a str>,
    /// Every lead: `lead` and its co-leads (đồng chủ trì), in the file's order.
    leads: Leads<'a>,
    /// Why rõ người fails: `missing`, `group` or `co_leads`.
    lead_gap: Option<&'static str>,
    key: bool,
    classified: bool,
    support: Ids<'a, sauro_core::AgencyId>,
    responsible: Option<&'a str>,
    product: Option<&'a str>,
    authority: Option<&'a str>,
    /// The deadline's day as of the run's day (ISO date).
    deadline: Option<chrono::NaiveDate>,
    /// The deadline as written.
    deadline_text: Option<&'a str>,
    /// True when the deadline recurs: `deadline` is then its next occurrence.
    recurring: bool,
    status: Status,
    days_overdue: Option<i64>,
    days_left: Option<i64>,
    working_days_left: Option<i64>,
    due_soon: bool,
    blocked: bool,
    blocked_by: Ids<'a, TaskId>,
    missing: Missing,
    extended: bool,
    done_on: Option<chrono::NaiveDate>,
    depends_on: Ids<'a, TaskId>,
    note: Option<&'a str>,
}

impl serde::Serialize for TaskView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = &self.task;
        let a = &self.assessment;
        TaskJson {
            id: t.id.as_str(),
            directive: t.directive.as_str(),
            title: &t.title,
            lead: self.lead_id(),
            lead_name: self.lead_name.as_deref(),
            leads: Leads(t),
            lead_gap: self.lead_gap.map(|g| g.code()),
            key: t.key,
            classified: t.classified,
            support: Ids(&t.support),
            responsible: t.responsible.as_deref(),
            product: t.product.as_deref(),
            authority: t.authority.as_deref(),
            deadline: self.due,
            deadline_text: self.deadline_written(),
            recurring: self.recurring(),
            status: a.status,
            days_overdue: a.days_overdue,
            days_left: a.days_left,
            working_days_left: self.working_days_left,
            due_soon: a.due_soon,
            blocked: a.blocked,
            blocked_by: Ids(&self.blocked_by),
            missing: Missing(self.missing),
            extended: t.extended,
            done_on: self.done_on(),
            depends_on: Ids(&t.depends_on),
            note: t.note.as_deref(),
        }
        .serialize(s)
    }
}

/// Sorts what needs action first; each key is computed once.
pub fn sort_for_action(views: &mut [TaskView]) {
    views.sort_by_cached_key(|v| v.action_key());
}

pub use sauro_core::order::natural_cmp;
