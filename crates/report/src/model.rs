//! A task as every report shows it: flat, with the directive's number and
//! date, the lead's name, the status as of the report's day, and its blockers.

use chrono::NaiveDate;
use sauro_core::Status;

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
    /// prerequisites on that day.
    pub fn assess(
        task: &sauro_core::Task,
        blocked_by: &[sauro_core::TaskId],
        day: NaiveDate,
        due_soon_days: i64,
        registry: &sauro_core::Registry,
        directive: Option<&sauro_core::Directive>,
    ) -> ReportTask {
        let due = task.due_as_of(day);
        let a = sauro_core::Assessment::new(
            task.state,
            task.due_kind(),
            day,
            due_soon_days,
            !blocked_by.is_empty(),
            task.extended,
        );
        ReportTask {
            id: task.id.to_string(),
            directive: task.directive.to_string(),
            directive_number: directive.and_then(|d| d.number.clone()),
            directive_issued_on: directive.map(|d| d.issued_on),
            title: task.title.clone(),
            lead: task.lead.as_ref().map(|l| l.to_string()),
            lead_name: task
                .lead
                .as_ref()
                .map(|l| registry.name_of(l.as_str()).to_owned()),
            co_leads: task.co_leads.iter().map(|l| l.to_string()).collect(),
            co_lead_names: task
                .co_leads
                .iter()
                .map(|l| registry.name_of(l.as_str()).to_owned())
                .collect(),
            key: task.key,
            classified: task.classified,
            support: task.support.iter().map(|s| s.to_string()).collect(),
            support_names: task
                .support
                .iter()
                .map(|s| registry.name_of(s.as_str()).to_owned())
                .collect(),
            responsible: task.responsible.clone(),
            product: task.product.clone(),
            authority: task.authority.clone(),
            deadline: due,
            deadline_text: task.deadline.as_ref().map(|d| d.written.clone()),
            status: a.status,
            days_overdue: a.days_overdue,
            due_soon: a.due_soon,
            blocked_by: blocked_by.iter().map(|b| b.to_string()).collect(),
            depends_on: task.depends_on.iter().map(|d| d.to_string()).collect(),
            missing: sauro_core::clarity::missing(task, registry)
                .iter()
                .map(|c| c.field())
                .collect(),
            extended: task.extended,
            original_deadline: None,
            done_on: match task.state.as_of(day) {
                sauro_core::TaskState::Done { on } => Some(on),
                _ => None,
            },
            note: task.note.clone(),
        }
    }
}
