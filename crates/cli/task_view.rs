//! A task as the command line shows it: status, flags and gaps computed as
//! of the run's day; the JSON shape scripts rely on.

use crate::args::Lang;
use crate::context::Ctx;
use sauro_core::clarity::{lead_gap, missing};
use sauro_core::order::{ActionKey, action_key};
use sauro_core::{Assessment, ClaritySet, Due, Status, TaskState, format_date};
use sauro_store::TaskRow;

/// One task, assessed. Serialized as the JSON objects of list-like commands.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TaskView {
    pub id: String,
    pub directive: String,
    pub title: String,
    pub lead: Option<String>,
    pub lead_name: Option<String>,
    /// Every lead: `lead` and its co-leads (đồng chủ trì), in the file's order.
    pub leads: Vec<String>,
    /// Why rõ người fails: `missing`, `group` or `co_leads`.
    pub lead_gap: Option<&'static str>,
    /// The same in the run's language (`đồng chủ trì: 2 cơ quan, …`).
    #[serde(skip)]
    pub lead_gap_text: Option<String>,
    /// A key task (nhiệm vụ trọng tâm).
    pub key: bool,
    /// A classified task (mật).
    pub classified: bool,
    pub support: Vec<String>,
    pub responsible: Option<String>,
    pub product: Option<String>,
    pub authority: Option<String>,
    /// The effective deadline (ISO date in JSON).
    pub deadline: Option<chrono::NaiveDate>,
    /// The deadline as written.
    pub deadline_text: Option<String>,
    /// True when the deadline recurs (`hằng quý`): `deadline` is then its
    /// next occurrence on or after the as-of day.
    pub recurring: bool,
    pub status: Status,
    pub days_overdue: Option<i64>,
    pub days_left: Option<i64>,
    /// Working days until the deadline (after the as-of day, up to and
    /// including the deadline), for an open task not yet due.
    pub working_days_left: Option<i64>,
    pub due_soon: bool,
    pub blocked: bool,
    pub blocked_by: Vec<String>,
    pub missing: Vec<&'static str>,
    pub extended: bool,
    pub done_on: Option<chrono::NaiveDate>,
    pub depends_on: Vec<String>,
    pub note: Option<String>,
    #[serde(skip)]
    pub missing_set: ClaritySet,
    #[serde(skip)]
    pub assessment: Assessment,
}

impl TaskView {
    pub fn new(row: &TaskRow, ctx: &Ctx) -> TaskView {
        TaskView::from_row(row.clone(), ctx)
    }

    /// A view that takes the row's strings rather than copying them.
    pub fn from_row(row: TaskRow, ctx: &Ctx) -> TaskView {
        let TaskRow {
            task: t,
            blocked_by,
            ..
        } = row;
        let due = t.due_as_of(ctx.as_of);
        let a = Assessment::new(
            t.state,
            t.due_kind(),
            ctx.as_of,
            ctx.due_soon_days,
            !blocked_by.is_empty(),
            t.extended,
        );
        let missing_set = missing(&t, &ctx.registry);
        let gap = lead_gap(&t, &ctx.registry);
        let lead_gap_text = gap.map(|g| g.message(ctx.lang.core()));
        let leads = t.leads().map(|l| l.to_string()).collect();
        let recurring = t
            .deadline
            .as_ref()
            .is_some_and(|d| matches!(d.due, Due::Recurring(_)));
        let working_days_left = match (a.days_left, due) {
            (Some(_), Some(d)) => Some(ctx.calendar.working_days_between(ctx.as_of, d)),
            _ => None,
        };
        let done_on = match t.state.as_of(ctx.as_of) {
            TaskState::Done { on } => Some(on),
            _ => None,
        };
        let ids = |v: Vec<sauro_core::TaskId>| v.into_iter().map(|x| x.into_string()).collect();
        TaskView {
            lead_name: t
                .lead
                .as_ref()
                .map(|l| ctx.registry.name_of(l.as_str()).to_owned()),
            id: t.id.into_string(),
            directive: t.directive.into_string(),
            title: t.title,
            lead: t.lead.map(|l| l.into_string()),
            leads,
            lead_gap: gap.map(|g| g.code()),
            lead_gap_text,
            key: t.key,
            classified: t.classified,
            support: t.support.into_iter().map(|s| s.into_string()).collect(),
            responsible: t.responsible,
            product: t.product,
            authority: t.authority,
            deadline: due,
            deadline_text: t.deadline.map(|d| d.written),
            recurring,
            status: a.status,
            days_overdue: a.days_overdue,
            days_left: a.days_left,
            working_days_left,
            due_soon: a.due_soon,
            blocked: a.blocked,
            blocked_by: ids(blocked_by),
            missing: missing_set.iter().map(|c| c.field()).collect(),
            extended: t.extended,
            done_on,
            depends_on: ids(t.depends_on),
            note: t.note,
            missing_set,
            assessment: a,
        }
    }

    /// The status cell: "Quá hạn 12 ngày", plus flags.
    pub fn status_cell(&self, lang: Lang) -> String {
        let mut s = lang.status_short(self.status, self.days_overdue, self.days_left);
        let text = lang.text();
        if self.blocked {
            s.push_str(&format!(" · {}", text.blocked));
        }
        if self.due_soon {
            s.push_str(&format!(" · {}", text.due_soon));
        }
        for (flag, label) in [(self.key, text.key), (self.classified, text.classified)] {
            if flag {
                s.push_str(&format!(" · {label}"));
            }
        }
        s
    }

    /// The deadline cell: dd/mm/yyyy ("định kỳ; lần tới dd/mm/yyyy" when
    /// it recurs), or the wording when it means no date.
    pub fn deadline_cell(&self, lang: Lang) -> String {
        match (self.deadline, &self.deadline_text) {
            (Some(d), _) if self.recurring => match lang {
                Lang::Vi => format!("định kỳ; lần tới {}", format_date(d)),
                Lang::En => format!("recurring; next {}", format_date(d)),
            },
            (Some(d), _) => format_date(d),
            (None, Some(w)) => w.clone(),
            (None, None) => "—".into(),
        }
    }

    /// True when it has one lead or none (no co-leads).
    pub fn co_leads_empty(&self) -> bool {
        self.leads.len() < 2
    }

    /// The six-clarities gauge, `5/6`.
    pub fn clarity_cell(&self) -> String {
        format!("{}/6", 6 - self.missing_set.len())
    }
}

impl TaskView {
    /// The key of "what needs action first" (see [`sauro_core::order::action_cmp`]).
    pub fn action_key(&self) -> ActionKey {
        action_key(&self.assessment, self.deadline, &self.id)
    }
}

/// Sorts what needs action first; each key is computed once.
pub fn sort_for_action(views: &mut [TaskView]) {
    views.sort_by_cached_key(TaskView::action_key);
}

pub use sauro_core::order::natural_cmp;
