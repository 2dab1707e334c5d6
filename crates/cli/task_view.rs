//! A task as the command line shows it: status, flags and gaps computed as
//! of the run's day; the JSON shape scripts rely on.

use crate::args::Lang;
use crate::context::Ctx;
use sauro_core::clarity::missing;
use sauro_core::{Assessment, ClaritySet, Status, TaskState, format_date};
use sauro_store::TaskRow;
use std::cmp::Ordering;

/// One task, assessed. Serialized as the JSON objects of list-like commands.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TaskView {
    pub id: String,
    pub directive: String,
    pub title: String,
    pub lead: Option<String>,
    pub lead_name: Option<String>,
    pub support: Vec<String>,
    pub responsible: Option<String>,
    pub product: Option<String>,
    pub authority: Option<String>,
    /// ISO date of the effective deadline.
    pub deadline: Option<String>,
    /// The deadline as written.
    pub deadline_text: Option<String>,
    pub status: Status,
    pub days_overdue: Option<i64>,
    pub days_left: Option<i64>,
    pub due_soon: bool,
    pub blocked: bool,
    pub blocked_by: Vec<String>,
    pub missing: Vec<&'static str>,
    pub extended: bool,
    pub done_on: Option<String>,
    pub depends_on: Vec<String>,
    pub note: Option<String>,
    #[serde(skip)]
    pub missing_set: ClaritySet,
    #[serde(skip)]
    pub due: Option<chrono::NaiveDate>,
}

impl TaskView {
    pub fn new(row: &TaskRow, ctx: &Ctx) -> TaskView {
        let t = &row.task;
        let due = t.due_date();
        let blocked = !row.blocked_by.is_empty();
        let a = Assessment::new(
            t.state,
            due,
            ctx.as_of,
            ctx.due_soon_days,
            blocked,
            t.extended,
        );
        let missing_set = missing(t, &ctx.registry);
        TaskView {
            id: t.id.to_string(),
            directive: t.directive.to_string(),
            title: t.title.clone(),
            lead: t.lead.as_ref().map(|l| l.to_string()),
            lead_name: t
                .lead
                .as_ref()
                .map(|l| ctx.registry.name_of(l.as_str()).to_owned()),
            support: t.support.iter().map(|s| s.to_string()).collect(),
            responsible: t.responsible.clone(),
            product: t.product.clone(),
            authority: t.authority.clone(),
            deadline: due.map(|d| d.format("%Y-%m-%d").to_string()),
            deadline_text: t.deadline.as_ref().map(|d| d.written.clone()),
            status: a.status,
            days_overdue: a.days_overdue,
            days_left: a.days_left,
            due_soon: a.due_soon,
            blocked: a.blocked,
            blocked_by: row.blocked_by.iter().map(|b| b.to_string()).collect(),
            missing: missing_set.iter().map(|c| c.field()).collect(),
            extended: t.extended,
            done_on: match t.state.as_of(ctx.as_of) {
                TaskState::Done { on } => Some(on.format("%Y-%m-%d").to_string()),
                _ => None,
            },
            depends_on: t.depends_on.iter().map(|d| d.to_string()).collect(),
            note: t.note.clone(),
            missing_set,
            due,
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
        s
    }

    /// The deadline cell: dd/mm/yyyy, or the wording when it means no date.
    pub fn deadline_cell(&self) -> String {
        match (self.due, &self.deadline_text) {
            (Some(d), _) => format_date(d),
            (None, Some(w)) => w.clone(),
            (None, None) => "—".into(),
        }
    }

    /// The six-clarities gauge, `5/6`.
    pub fn clarity_cell(&self) -> String {
        format!("{}/6", 6 - self.missing_set.len())
    }

    fn rank(&self) -> u8 {
        match self.status {
            Status::Overdue => 0,
            _ if self.blocked => 1,
            _ if self.due_soon => 2,
            Status::Open => 3,
            Status::Ongoing => 4,
            _ => 5,
        }
    }
}

/// What needs action first: overdue (longest first), blocked, due soon, then
/// the rest by deadline; ties by id.
pub fn action_order(a: &TaskView, b: &TaskView) -> Ordering {
    a.rank()
        .cmp(&b.rank())
        .then_with(|| {
            b.days_overdue
                .unwrap_or(0)
                .cmp(&a.days_overdue.unwrap_or(0))
        })
        .then_with(|| match (a.due, b.due) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| natural_cmp(&a.id, &b.id))
}

/// Compares ids with their numbers as numbers (`X/2` before `X/10`).
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut ai = a.chars().peekable();
    let mut bi = b.chars().peekable();
    loop {
        match (ai.peek().copied(), bi.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let mut na = String::new();
                while let Some(c) = ai.peek().copied().filter(char::is_ascii_digit) {
                    na.push(c);
                    ai.next();
                }
                let mut nb = String::new();
                while let Some(c) = bi.peek().copied().filter(char::is_ascii_digit) {
                    nb.push(c);
                    bi.next();
                }
                let ord = na
                    .trim_start_matches('0')
                    .len()
                    .cmp(&nb.trim_start_matches('0').len())
                    .then_with(|| na.trim_start_matches('0').cmp(nb.trim_start_matches('0')));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                ai.next();
                bi.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_naturally() {
        let mut ids = vec!["A/10", "A/2", "A/01", "B/1"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, vec!["A/01", "A/2", "A/10", "B/1"]);
    }
}
