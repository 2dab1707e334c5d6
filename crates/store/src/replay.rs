//! Tasks as they stood on a past day, replayed from history, so a report for
//! a past period reads the same whenever it is asked for.
//!
//! The `task` row holds the present. Every change to it left a history row
//! with the business day it counts for and the value it replaced, so the value
//! of a field on day D is the `old` value of the first change to that field
//! recorded after D (by day, then order of writing), or the present value when
//! nothing changed it since. A task whose creation row is dated after D did not
//! exist on D; import dates that row on the day the directive assigned the
//! task (its issue date), not the day of the import, so a directive imported
//! late still counts from its own date. One query reads the rows after D;
//! nothing is read per task.
//!
//! Replayed: state, effective deadline, the extended flag, title, lead,
//! responsible, product, authority, support and prerequisites (and so what
//! blocks a task). Not replayed: the latest note and the search text.

use crate::encode::{date_text, parse_date, state_from};
use crate::error::{Error, Result};
use crate::query::{TaskFilter, TaskRow};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use sauro_core::{Deadline, Due, Status, Task, TaskId, TaskState};
use std::collections::{HashMap, HashSet};

/// A deadline change: by `extend` (what the deadline was and became, who
/// decided it and on what basis) or by importing an edited directive file
/// that moves it (then `from_file` is true and `basis` is `file:line`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineChange {
    /// The task.
    pub task: String,
    /// True for a change brought by an edited directive file.
    pub from_file: bool,
    /// The business day the change counts for.
    pub day: NaiveDate,
    /// Who recorded it.
    pub by: String,
    /// The deadline before.
    pub old: Option<Deadline>,
    /// The deadline after.
    pub new: Option<Deadline>,
    /// The authority that decided.
    pub authority: Option<String>,
    /// The document it rests on.
    pub basis: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// A field that history can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    State,
    Deadline,
    Title,
    Lead,
    Responsible,
    Product,
    Authority,
    Support,
    DependsOn,
    CoLeads,
    Key,
    Classified,
}

/// How a deadline's old value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DeadlineForm {
    /// `extend`: `text (YYYY-MM-DD)`, or `text` when it names no day.
    Shown,
    /// An import edit of the wording: the text alone.
    Text,
    /// An import edit of the day alone (the wording unchanged).
    Due,
}

/// The value a field had before its first change after the day.
#[derive(Debug, Clone)]
struct Old {
    value: Option<String>,
    form: DeadlineForm,
}

fn field_of(action: &str, field: &str) -> Option<(Field, DeadlineForm)> {
    let f = match (action, field) {
        ("done" | "reopen" | "cancel" | "import", "state") => Field::State,
        ("extend", "deadline") => return Some((Field::Deadline, DeadlineForm::Shown)),
        ("import", "deadline") => return Some((Field::Deadline, DeadlineForm::Text)),
        ("import", "deadline_due") => return Some((Field::Deadline, DeadlineForm::Due)),
        ("import", "title") => Field::Title,
        ("import", "lead") => Field::Lead,
        ("import", "responsible") => Field::Responsible,
        ("import", "product") => Field::Product,
        ("import", "authority") => Field::Authority,
        ("import", "support") => Field::Support,
        ("import", "depends_on") => Field::DependsOn,
        ("import", "co_leads") => Field::CoLeads,
        ("import", "key") => Field::Key,
        ("import", "classified") => Field::Classified,
        _ => return None,
    };
    Some((f, DeadlineForm::Text))
}

/// What history says was different on a past day.
#[derive(Debug, Default)]
struct Past {
    /// Tasks imported after the day.
    unborn: HashSet<String>,
    /// The value before the first change after the day, per task and field.
    old: HashMap<(String, Field), Old>,
    /// The first day each extended task was extended.
    first_extended: HashMap<String, NaiveDate>,
}

impl Past {
    fn get(&self, task: &str, field: Field) -> Option<&Old> {
        self.old.get(&(task.to_owned(), field))
    }

    fn text(&self, task: &str, field: Field, now: Option<String>) -> Option<String> {
        match self.get(task, field) {
            Some(old) => old.value.clone(),
            None => now,
        }
    }

    fn state(&self, task: &str, now: TaskState) -> Result<TaskState> {
        match self.get(task, Field::State) {
            Some(Old {
                value: Some(text), ..
            }) => parse_state(text),
            Some(Old { value: None, .. }) => Err(Error::Corrupt(format!(
                "history of {task}: a state change without the old state"
            ))),
            None => Ok(now),
        }
    }
}

/// Reads a state as history writes it: `open`, `done 2026-03-20`, `cancelled 2026-05-01`.
fn parse_state(text: &str) -> Result<TaskState> {
    let text = text.trim();
    match text.split_once(' ') {
        Some((code, on)) => state_from(code, Some(on.trim())),
        None => state_from(text, None),
    }
}

/// Reads a deadline wording, as import did; wording sauro cannot read names no day.
fn read_deadline(written: &str, reference: NaiveDate) -> Deadline {
    Deadline::parse(written, reference).unwrap_or_else(|_| Deadline {
        written: written.to_owned(),
        due: Due::Vague,
    })
}

/// Reads a deadline as `extend` shows it: `quý 1/2026 (2026-03-31)`, or the wording alone.
fn read_shown_deadline(shown: &str, reference: NaiveDate) -> Deadline {
    if let Some((written, rest)) = shown.rsplit_once(" (")
        && let Some(day) = rest.strip_suffix(')')
        && let Ok(day) = parse_date(day)
    {
        return Deadline {
            written: written.to_owned(),
            due: Due::On(day),
        };
    }
    read_deadline(shown, reference)
}

fn past_deadline(old: &Old, now: Option<&Deadline>, reference: NaiveDate) -> Option<Deadline> {
    let value = old.value.as_deref();
    match old.form {
        DeadlineForm::Shown => value.map(|s| read_shown_deadline(s, reference)),
        DeadlineForm::Text => value.map(|s| read_deadline(s, reference)),
        DeadlineForm::Due => {
            let written = now?.written.clone();
            match value.map(parse_date).transpose().ok().flatten() {
                Some(day) => Some(Deadline {
                    written,
                    due: Due::On(day),
                }),
                None => Some(read_deadline(&written, reference)),
            }
        }
    }
}

/// Stored days are `YYYY-MM-DD` text: clamp to years 0..=9999 so they compare.
fn day_key(d: NaiveDate) -> String {
    let lo = NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(NaiveDate::MIN);
    let hi = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    date_text(d.clamp(lo, hi))
}

/// True when a task in this state no longer holds anyone up on `day`.
fn settled(state: TaskState, day: NaiveDate) -> bool {
    state.as_of(day) != TaskState::Open
}

impl Store {
    fn past(&self, day: NaiveDate) -> Result<Past> {
        let mut past = Past::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, action, field, old FROM history
             WHERE day > ?1 AND action <> 'note' ORDER BY day, id",
        )?;
        let mut rows = stmt.query([day_key(day)])?;
        while let Some(r) = rows.next()? {
            let task: String = r.get(0)?;
            let action: String = r.get(1)?;
            let field: Option<String> = r.get(2)?;
            let Some(field) = field else {
                if action == "import" {
                    past.unborn.insert(task);
                }
                continue;
            };
            if let Some((f, form)) = field_of(&action, &field) {
                past.old.entry((task, f)).or_insert(Old {
                    value: r.get(3)?,
                    form,
                });
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, min(day) FROM history WHERE action = 'extend' GROUP BY task_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let task: String = r.get(0)?;
            let first: String = r.get(1)?;
            past.first_extended.insert(task, parse_date(&first)?);
        }
        Ok(past)
    }

    /// Every task's state on `day` as replayed from history; tasks not yet
    /// imported then are left out.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn states_on(&self, day: NaiveDate) -> Result<HashMap<TaskId, TaskState>> {
        self.located(self.states_on_in(day), false)
    }

    fn states_on_in(&self, day: NaiveDate) -> Result<HashMap<TaskId, TaskState>> {
        let past = self.past(day)?;
        self.states_with(&past)
    }

    fn states_with(&self, past: &Past) -> Result<HashMap<TaskId, TaskState>> {
        let mut out = self.states()?;
        out.retain(|id, _| !past.unborn.contains(id.as_str()));
        for (id, state) in &mut out {
            *state = past.state(id.as_str(), *state)?;
        }
        Ok(out)
    }

    /// The tasks that pass `filter` as they stood on `day`, by id: state,
    /// deadline, extended flag, lead and the other clarities, prerequisites
    /// and what blocked them, all replayed from history (see the module
    /// documentation). Tasks imported after `day` are left out. The filter's
    /// lead, overdue, blocked and due-within tests apply to the replayed task;
    /// its directive and search tests to the task as it is now.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn tasks_on(&self, day: NaiveDate, filter: &TaskFilter) -> Result<Vec<TaskRow>> {
        self.located(self.tasks_on_in(day, filter), false)
    }

    fn tasks_on_in(&self, day: NaiveDate, filter: &TaskFilter) -> Result<Vec<TaskRow>> {
        // Nothing recorded after the day: the present is that day, read directly.
        if !self.changed_after(day)? {
            return self.tasks(filter, day);
        }
        let past = self.past(day)?;
        let states = self.states_with(&past)?;
        let reference: HashMap<String, NaiveDate> = self
            .directives()?
            .into_iter()
            .map(|d| (d.id.to_string(), d.issued_on))
            .collect();
        let now = TaskFilter {
            directive: filter.directive.clone(),
            search: filter.search.clone(),
            search_agencies: filter.search_agencies.clone(),
            ids: filter.ids.clone(),
            with_search_text: filter.with_search_text,
            ..TaskFilter::default()
        };
        let mut out = Vec::new();
        for row in self.tasks(&now, day)? {
            let id = row.task.id.to_string();
            if past.unborn.contains(&id) {
                continue;
            }
            let row = replay(row, &id, &past, &states, &reference, day)?;
            if keep(&row, filter, day) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// True when some change is recorded for a day after `day`: the tasks as
    /// they stood that day then differ from the present.
    ///
    /// # Errors
    /// Database failures.
    pub fn changed_after(&self, day: NaiveDate) -> Result<bool> {
        self.located(self.changed_after_in(day), false)
    }

    fn changed_after_in(&self, day: NaiveDate) -> Result<bool> {
        let later: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM history WHERE day > ?1 LIMIT 1",
                [day_key(day)],
                |r| r.get(0),
            )
            .optional()?;
        Ok(later.is_some())
    }

    /// The deadline changes recorded on a day in `from..=to`, oldest first:
    /// extensions, and the moves brought by importing an edited directive
    /// file (its old and new wording; `from_file` set).
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn deadline_changes(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DeadlineChange>> {
        self.located(self.deadline_changes_in(from, to), false)
    }

    fn deadline_changes_in(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DeadlineChange>> {
        let reference: HashMap<String, NaiveDate> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT t.id, d.issued_on FROM task t JOIN directive d ON d.id = t.directive_id",
            )?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut m = HashMap::new();
            for row in rows {
                let (t, on) = row?;
                m.insert(t, parse_date(&on)?);
            }
            m
        };
        let mut out = Vec::new();
        for h in &self.history_between(from, to)? {
            let at = reference.get(&h.task).copied().unwrap_or(from);
            let (old, new) = match (h.action.as_str(), h.field.as_deref()) {
                ("extend", Some("deadline")) => (
                    h.old.as_deref().map(|s| read_shown_deadline(s, at)),
                    h.new.as_deref().map(|s| read_shown_deadline(s, at)),
                ),
                ("import", Some("deadline")) => (
                    h.old.as_deref().map(|s| read_deadline(s, at)),
                    h.new.as_deref().map(|s| read_deadline(s, at)),
                ),
                // The day alone moved, the wording unchanged (an import records
                // this only when the wording did not change).
                ("import", Some("deadline_due")) => {
                    let written = self.deadline_wording(&h.task)?.unwrap_or_default();
                    let on = |d: &Option<String>| {
                        d.as_deref()
                            .and_then(|d| parse_date(d).ok())
                            .map(|d| Deadline {
                                written: written.clone(),
                                due: Due::On(d),
                            })
                    };
                    (on(&h.old), on(&h.new))
                }
                _ => continue,
            };
            let from_file = h.action == "import";
            out.push(DeadlineChange {
                day: parse_date(&h.day)?,
                from_file,
                old,
                new,
                task: h.task.clone(),
                by: h.by.clone(),
                authority: h.authority.clone(),
                basis: if from_file {
                    h.reason.clone()
                } else {
                    h.basis.clone()
                },
                reason: if from_file { None } else { h.reason.clone() },
            });
        }
        Ok(out)
    }
}

impl Store {
    /// The present wording of a task's deadline.
    fn deadline_wording(&self, task: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT deadline_text FROM task WHERE id = ?1",
                [task],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }
}

/// The task of `row` as it stood on `day`.
fn replay(
    row: TaskRow,
    id: &str,
    past: &Past,
    states: &HashMap<TaskId, TaskState>,
    reference: &HashMap<String, NaiveDate>,
    day: NaiveDate,
) -> Result<TaskRow> {
    let TaskRow {
        task,
        source_file,
        source_line,
        search_text,
        file_note,
        file_deadline,
        ..
    } = row;
    let at = reference
        .get(task.directive.as_str())
        .copied()
        .unwrap_or(day);
    let deadline = match past.get(id, Field::Deadline) {
        Some(old) => past_deadline(old, task.deadline.as_ref(), at),
        None => task.deadline,
    };
    let lead = match past.get(id, Field::Lead) {
        Some(old) => match &old.value {
            Some(l) => Some(
                l.parse()
                    .map_err(|_| Error::Corrupt(format!("agency id {l:?}")))?,
            ),
            None => None,
        },
        None => task.lead,
    };
    let support = match past.get(id, Field::Support) {
        Some(old) => crate::query::ids(old.value.clone(), "agency id")?,
        None => task.support,
    };
    let depends_on: Vec<TaskId> = match past.get(id, Field::DependsOn) {
        Some(old) => crate::query::ids(old.value.clone(), "task id")?,
        None => task.depends_on,
    };
    let co_leads = match past.get(id, Field::CoLeads) {
        Some(old) => crate::query::ids(old.value.clone(), "agency id")?,
        None => task.co_leads,
    };
    let flag = |field: Field, now: bool| {
        past.get(id, field)
            .map_or(now, |old| old.value.as_deref() == Some("true"))
    };
    let (key, classified) = (
        flag(Field::Key, task.key),
        flag(Field::Classified, task.classified),
    );
    let state = past.state(id, task.state)?;
    let extended = task.extended
        && past
            .first_extended
            .get(id)
            .is_some_and(|first| *first <= day);
    let task = Task {
        title: past
            .text(id, Field::Title, Some(task.title.clone()))
            .unwrap_or_default(),
        lead,
        support,
        responsible: past.text(id, Field::Responsible, task.responsible),
        product: past.text(id, Field::Product, task.product),
        authority: past.text(id, Field::Authority, task.authority),
        deadline,
        state,
        extended,
        depends_on,
        co_leads,
        key,
        classified,
        ..task
    };
    let blocked_by = if settled(state, day) {
        Vec::new()
    } else {
        task.depends_on
            .iter()
            .filter(|p| states.get(*p).is_some_and(|s| !settled(*s, day)))
            .cloned()
            .collect()
    };
    Ok(TaskRow {
        task,
        blocked_by,
        source_file,
        source_line,
        search_text,
        file_note,
        file_deadline,
    })
}

/// The filter's tests that depend on the day, on the replayed task.
fn keep(row: &TaskRow, filter: &TaskFilter, day: NaiveDate) -> bool {
    let t = &row.task;
    if !filter.leads.is_empty() && !filter.leads.iter().any(|x| t.is_led_by(x)) {
        return false;
    }
    if filter.key && !t.key {
        return false;
    }
    let status = t.status_as_of(day);
    if filter.overdue && status != Status::Overdue {
        return false;
    }
    if filter.blocked && row.blocked_by.is_empty() {
        return false;
    }
    if let Some(n) = filter.due_within {
        let open = !settled(t.state, day);
        let within = t
            .due_as_of(day)
            .is_some_and(|d| d >= day && (d - day).num_days() <= n.max(0));
        if !(open && within) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn states_read_back_as_history_writes_them() {
        assert_eq!(parse_state("open").unwrap(), TaskState::Open);
        assert_eq!(
            parse_state("done 2026-03-20").unwrap(),
            TaskState::Done { on: d(2026, 3, 20) }
        );
        assert_eq!(
            parse_state("cancelled 2026-05-01").unwrap(),
            TaskState::Cancelled {
                on: Some(d(2026, 5, 1))
            }
        );
        assert_eq!(
            parse_state("cancelled").unwrap(),
            TaskState::Cancelled { on: None }
        );
        assert!(parse_state("finished").is_err());
    }

    #[test]
    fn deadlines_read_back_as_extend_shows_them() {
        let at = d(2026, 1, 15);
        let x = read_shown_deadline("quý 1/2026 (2026-03-31)", at);
        assert_eq!(x.written, "quý 1/2026");
        assert_eq!(x.due, Due::On(d(2026, 3, 31)));
        assert_eq!(read_shown_deadline("thường xuyên", at).due, Due::Ongoing);
        // The wording alone, as an import edit records it, is read again.
        assert_eq!(
            read_deadline("trước ngày 30/6/2026", at).due,
            Due::On(d(2026, 6, 30))
        );
        assert_eq!(read_deadline("không đọc được", at).due, Due::Vague);
    }
}
