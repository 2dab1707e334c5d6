//! Directives and the tasks they assign.

use crate::deadline::Deadline;
use crate::ids::{AgencyId, DirectiveId, TaskId};
use crate::status::TaskState;
use chrono::NaiveDate;

/// A directive (văn bản chỉ đạo): the document that assigns tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Its id, unique across all files (`QD-2629-2025`).
    pub id: DirectiveId,
    /// The document's number and symbol as known (`2629/QĐ-TTg`).
    pub number: Option<String>,
    /// Its title.
    pub title: String,
    /// The issuing body.
    pub issued_by: AgencyId,
    /// The issue date; the reference year for deadlines written without one.
    pub issued_on: NaiveDate,
    /// Who signed it.
    pub signer: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
}

/// A task (nhiệm vụ) assigned by a directive. Missing clarities are `None`:
/// data, not errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// Its id, unique across all files.
    pub id: TaskId,
    /// The directive that assigns it.
    pub directive: DirectiveId,
    /// The work itself (rõ việc).
    pub title: String,
    /// The lead agency (rõ người); the first of several when the directive
    /// names co-leads.
    pub lead: Option<AgencyId>,
    /// The other leads (đồng chủ trì) when the directive names several, in
    /// its order. Not empty means rõ người fails: one task, one lead.
    pub co_leads: Vec<AgencyId>,
    /// Coordinating agencies (phối hợp).
    pub support: Vec<AgencyId>,
    /// The accountable official or position (rõ trách nhiệm).
    pub responsible: Option<String>,
    /// The deliverable (rõ sản phẩm).
    pub product: Option<String>,
    /// The effective deadline, after any extension (rõ thời hạn).
    pub deadline: Option<Deadline>,
    /// The body that accepts the product (rõ thẩm quyền): an agency id, or
    /// unnamed wording such as "cấp có thẩm quyền", which fails the clarity.
    pub authority: Option<String>,
    /// Tasks that must finish first.
    pub depends_on: Vec<TaskId>,
    /// Open, done (on a day) or cancelled.
    pub state: TaskState,
    /// The latest note.
    pub note: Option<String>,
    /// True when the deadline was changed at least once.
    pub extended: bool,
    /// A key task (nhiệm vụ trọng tâm), which the Office counts apart.
    pub key: bool,
    /// A classified task (mật): kept out of every export unless asked for.
    pub classified: bool,
}

impl Task {
    /// Every lead: `lead` then the co-leads (empty when there is none).
    pub fn leads(&self) -> impl Iterator<Item = &AgencyId> {
        self.lead.iter().chain(self.co_leads.iter())
    }

    /// True when `agency` is one of its leads.
    pub fn is_led_by(&self, agency: &str) -> bool {
        self.leads().any(|l| l.as_str() == agency)
    }

    /// The day the effective deadline means, if any.
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.deadline.as_ref().and_then(Deadline::date)
    }

    /// The day that counts as of `as_of`: the deadline's day, or for a
    /// recurring deadline its next occurrence on or after `as_of`.
    pub fn due_as_of(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.deadline.as_ref().and_then(|d| d.date_as_of(as_of))
    }
}
