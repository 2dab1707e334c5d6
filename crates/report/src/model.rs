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
    /// Coordinating agency ids.
    pub support: Vec<String>,
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
    /// The day it was done, as of the report's day.
    pub done_on: Option<NaiveDate>,
    /// The latest note.
    pub note: Option<String>,
}

impl ReportTask {
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
            support: task.support.iter().map(|s| s.to_string()).collect(),
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
            done_on: match task.state.as_of(day) {
                sauro_core::TaskState::Done { on } => Some(on),
                _ => None,
            },
            note: task.note.clone(),
        }
    }
}
