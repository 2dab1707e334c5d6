//! A task as every report shows it: flat, with the directive's number and
//! date, the lead's name, the status as of the report's day, and its blockers.

use chrono::NaiveDate;
use sauro_core::wording::DeadlineShown;
use sauro_core::{AssessedTask, Status};

/// One task, ready for a report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportTask {
    /// Task id.
    pub id: String,
    /// Directive id.
    pub directive: String,
    /// The directive's number and symbol, when known (`2629/QĐ-TTg`).
    pub directive_number: Option<String>,
    /// The directive's issue date.
    pub directive_issued_on: Option<NaiveDate>,
    /// The work (rõ việc).
    pub title: String,
    /// Lead agency id.
    pub lead: Option<String>,
    /// Lead agency name.
    pub lead_name: Option<String>,
    /// The other leads (đồng chủ trì), ids, in the directive's order.
    pub co_leads: Vec<String>,
    /// Their names, in the same order.
    pub co_lead_names: Vec<String>,
    /// A key task (nhiệm vụ trọng tâm).
    pub key: bool,
    /// A classified task (mật); the caller decides whether it is exported.
    pub classified: bool,
    /// Coordinating agency ids.
    pub support: Vec<String>,
    /// Their names, in the same order (empty when not known).
    pub support_names: Vec<String>,
    /// The accountable official.
    pub responsible: Option<String>,
    /// The deliverable.
    pub product: Option<String>,
    /// The accepting authority.
    pub authority: Option<String>,
    /// The effective deadline.
    pub deadline: Option<NaiveDate>,
    /// The deadline as written.
    pub deadline_text: Option<String>,
    /// True when the deadline recurs (`hằng quý`): `deadline` is then its
    /// next occurrence on or after the report's day.
    pub recurring: bool,
    /// Status as of the report's day.
    pub status: Status,
    /// Days past the deadline, when overdue.
    pub days_overdue: Option<i64>,
    /// True when due within the due-soon window.
    pub due_soon: bool,
    /// Unfinished prerequisites.
    pub blocked_by: Vec<String>,
    /// All prerequisites.
    pub depends_on: Vec<String>,
    /// The clarities it lacks (field names: `lead`, `responsible`…).
    pub missing: Vec<&'static str>,
    /// True when the deadline was changed.
    pub extended: bool,
    /// The deadline first assigned (the directive file's wording), for a
    /// task whose deadline was extended since.
    pub original_deadline: Option<String>,
    /// The day it was done, as of the report's day.
    pub done_on: Option<NaiveDate>,
    /// The latest note.
    pub note: Option<String>,
}

impl ReportTask {
    /// The task with its original deadline, `file_deadline` being the
    /// directive file's wording: kept only when the task was extended and
    /// the file said something else than the deadline now.
    pub fn with_original_deadline(mut self, file_deadline: Option<&str>) -> ReportTask {
        self.original_deadline = file_deadline
            .map(str::trim)
            .filter(|f| self.extended && !f.is_empty() && Some(*f) != self.deadline_text.as_deref())
            .map(str::to_owned);
        self
    }

    /// Every lead id: `lead` then the co-leads.
    pub fn leads(&self) -> Vec<&str> {
        self.lead
            .iter()
            .chain(self.co_leads.iter())
            .map(String::as_str)
            .collect()
    }

    /// Every lead as "id" or "name (id)" when `named`, joined by "; ";
    /// `None` when there is no lead.
    pub fn leads_text(&self, named: bool) -> Option<String> {
        let lead = self.lead.as_ref()?;
        let one = |id: &String, name: Option<&String>| match name {
            Some(n) if named && n != id && !n.is_empty() => format!("{n} ({id})"),
            _ => id.clone(),
        };
        let mut parts = vec![one(lead, self.lead_name.as_ref())];
        for (i, id) in self.co_leads.iter().enumerate() {
            parts.push(one(id, self.co_lead_names.get(i)));
        }
        Some(parts.join("; "))
    }

    /// A task as it stands on `day`: status and flags computed, gaps listed,
    /// names and the directive filled in. `blocked_by` are its unfinished
    /// prerequisites on that day. Copies the task; a caller that owns it
    /// uses [`ReportTask::from_assessed`].
    pub fn assess(
        task: &sauro_core::Task,
        blocked_by: &[sauro_core::TaskId],
        day: NaiveDate,
        due_soon_days: i64,
        registry: &sauro_core::Registry,
        directive: Option<&sauro_core::Directive>,
    ) -> ReportTask {
        let a = AssessedTask::new(
            task.clone(),
            blocked_by.to_vec(),
            registry,
            day,
            due_soon_days,
        );
        ReportTask::from_assessed(a, registry, directive)
    }

    /// The report's view of a task already assessed ([`AssessedTask`]):
    /// its strings are moved, not copied; names and the directive filled in.
    pub fn from_assessed(
        a: AssessedTask,
        registry: &sauro_core::Registry,
        directive: Option<&sauro_core::Directive>,
    ) -> ReportTask {
        let names = |ids: &[sauro_core::AgencyId]| -> Vec<String> {
            ids.iter()
                .map(|l| registry.name_of(l.as_str()).to_owned())
                .collect()
        };
        let ids = |ids: Vec<sauro_core::TaskId>| -> Vec<String> {
            ids.into_iter()
                .map(sauro_core::TaskId::into_string)
                .collect()
        };
        let (status, days_overdue, due_soon) = (
            a.assessment.status,
            a.assessment.days_overdue,
            a.assessment.due_soon,
        );
        let (recurring, done_on, missing) =
            (a.recurring(), a.done_on(), a.missing_fields().collect());
        let AssessedTask {
            task,
            blocked_by,
            due,
            ..
        } = a;
        ReportTask {
            directive_number: directive.and_then(|d| d.number.clone()),
            directive_issued_on: directive.map(|d| d.issued_on),
            lead_name: task
                .lead
                .as_ref()
                .map(|l| registry.name_of(l.as_str()).to_owned()),
            co_lead_names: names(&task.co_leads),
            support_names: names(&task.support),
            id: task.id.into_string(),
            directive: task.directive.into_string(),
            title: task.title,
            lead: task.lead.map(sauro_core::AgencyId::into_string),
            co_leads: task.co_leads.into_iter().map(|l| l.into_string()).collect(),
            key: task.key,
            classified: task.classified,
            support: task.support.into_iter().map(|l| l.into_string()).collect(),
            responsible: task.responsible,
            product: task.product,
            authority: task.authority,
            deadline: due,
            deadline_text: task.deadline.map(|d| d.written),
            recurring,
            status,
            days_overdue,
            due_soon,
            blocked_by: ids(blocked_by),
            depends_on: ids(task.depends_on),
            missing,
            extended: task.extended,
            original_deadline: None,
            done_on,
            note: task.note,
        }
    }

    /// The deadline as it is shown (see [`sauro_core::wording`]).
    pub fn deadline_shown(&self) -> DeadlineShown<'_> {
        DeadlineShown {
            day: self.deadline,
            written: self.deadline_text.as_deref(),
            recurring: self.recurring,
        }
    }
}
