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
