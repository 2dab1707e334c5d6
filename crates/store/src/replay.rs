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

use crate::encode::{date_text, parse_date};
use crate::error::{Error, Result};
use crate::history::value_from;
use crate::query::{TaskFilter, TaskRow};
use crate::store::Store;
use crate::task_store::TaskStore;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use sauro_core::HistoryEntry;
use sauro_core::briefing::{DeadlineMove, Stood};
use sauro_core::{
    Action, AgencyId, Deadline, Directive, Due, Field, Status, Task, TaskId, TaskState, Value,
};
use std::collections::{HashMap, HashSet};

/// A task row as the briefing's snapshot holds it: the task and what
/// blocked it on the row's day.
impl From<TaskRow> for Stood {
    fn from(row: TaskRow) -> Stood {
        Stood {
            task: row.task,
            blocked_by: row.blocked_by,
        }
    }
}

/// A field that history can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Replayed {
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

/// The replayed field a history row changed, if it changed one: the
/// state by any action, the deadline by an extension or an import (its
/// wording and day, or its day alone), the other fields by an import.
fn replayed(action: Action, field: Field) -> Option<Replayed> {
    Some(match (action, field) {
        (_, Field::State) => Replayed::State,
        (Action::Extend | Action::Import, Field::Deadline | Field::DeadlineDue) => {
            Replayed::Deadline
        }
        (Action::Import, Field::Title) => Replayed::Title,
        (Action::Import, Field::Lead) => Replayed::Lead,
        (Action::Import, Field::Responsible) => Replayed::Responsible,
        (Action::Import, Field::Product) => Replayed::Product,
        (Action::Import, Field::Authority) => Replayed::Authority,
        (Action::Import, Field::Support) => Replayed::Support,
        (Action::Import, Field::DependsOn) => Replayed::DependsOn,
        (Action::Import, Field::CoLeads) => Replayed::CoLeads,
        (Action::Import, Field::Key) => Replayed::Key,
        (Action::Import, Field::Classified) => Replayed::Classified,
        _ => return None,
    })
}

/// What history says was different on a past day: built by each backend
/// from its history rows ([`Past::push`], [`Past::extended_on`]) and
/// read by the replay both share ([`tasks_on_from`], [`states_on_from`]).
#[derive(Debug, Default)]
pub struct Past {
    /// Tasks imported after the day.
    unborn: HashSet<String>,
    /// The value before the first change after the day, per task and
    /// field, with the field of the row that said it.
    old: HashMap<(String, Replayed), (Field, Option<Value>)>,
    /// The first day each extended task was extended.
    first_extended: HashMap<String, NaiveDate>,
}

impl Past {
    /// Nothing changed after the day yet.
    pub fn new() -> Past {
        Past::default()
    }

    /// Adds a history row recorded after the day (its task, its action's
    /// and field's codes, its `old` and `old_day` columns). Rows come in
    /// the order they were recorded (by day, then as written); notes are
    /// left out.
    ///
    /// # Errors
    /// [`Error::Corrupt`] for codes or values sauro never writes.
    pub fn push(
        &mut self,
        task: String,
        action: &str,
        field: Option<&str>,
        old: Option<String>,
        old_day: Option<String>,
    ) -> Result<()> {
        let action = Action::from_code(action)
            .ok_or_else(|| Error::Corrupt(format!("history action {action:?}")))?;
        let Some(code) = field else {
            if action == Action::Import {
                self.unborn.insert(task);
            }
            return Ok(());
        };
        let field = Field::from_code(code)
            .ok_or_else(|| Error::Corrupt(format!("history field {code:?}")))?;
        if let Some(f) = replayed(action, field)
            && !self.old.contains_key(&(task.clone(), f))
        {
            let old = value_from(action, Some(field), old, old_day)?;
            self.old.insert((task, f), (field, old));
        }
        Ok(())
    }

    /// Records the first day a task was extended (whatever the day replayed).
    pub fn extended_on(&mut self, task: String, first: NaiveDate) {
        self.first_extended.insert(task, first);
    }

    fn get(&self, task: &str, field: Replayed) -> Option<&Option<Value>> {
        self.old.get(&(task.to_owned(), field)).map(|(_, v)| v)
    }

    fn text(&self, task: &str, field: Replayed, now: Option<String>) -> Option<String> {
        match self.get(task, field) {
            Some(Some(Value::Text(s))) => Some(s.clone()),
            Some(_) => None,
            None => now,
        }
    }

    fn state(&self, task: &str, now: TaskState) -> Result<TaskState> {
        match self.get(task, Replayed::State) {
            Some(Some(Value::State(s))) => Ok(*s),
            Some(_) => Err(Error::Corrupt(format!(
                "history of {task}: a state change without the old state"
            ))),
            None => Ok(now),
        }
    }

    fn agencies(&self, task: &str, field: Replayed, now: Vec<AgencyId>) -> Vec<AgencyId> {
        match self.get(task, field) {
            Some(Some(Value::Agencies(ids))) => ids.clone(),
            Some(_) => Vec::new(),
            None => now,
        }
    }
}

/// Reads a deadline wording, as import did; wording sauro cannot read names no day.
fn read_deadline(written: &str, reference: NaiveDate) -> Deadline {
    Deadline::parse(written, reference).unwrap_or_else(|_| Deadline {
        written: written.to_owned(),
        due: Due::Vague,
    })
}

/// A deadline as a history row of `field` keeps it: its day when it named
/// one; otherwise its wording read again by the deadline grammar (ongoing,
/// recurring, vague), against the directive's issue day. A change of the
/// day alone (`deadline_due`) goes with `wording`, the present one.
fn deadline_of(
    field: Field,
    value: Option<&Value>,
    wording: Option<&str>,
    reference: NaiveDate,
) -> Option<Deadline> {
    match (field, value) {
        (
            _,
            Some(Value::Deadline {
                written,
                due: Some(day),
            }),
        ) => Some(Deadline {
            written: written.clone(),
            due: Due::On(*day),
        }),
        (_, Some(Value::Deadline { written, due: None })) => {
            Some(read_deadline(written, reference))
        }
        (Field::DeadlineDue, Some(Value::Day(day))) => wording.map(|w| Deadline {
            written: w.to_owned(),
            due: Due::On(*day),
        }),
        (Field::DeadlineDue, None) => wording.map(|w| read_deadline(w, reference)),
        _ => None,
    }
}

/// Stored days are `YYYY-MM-DD` text: clamp to years 0..=9999 so they compare.
fn day_key(d: NaiveDate) -> String {
    let lo = NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(NaiveDate::MIN);
    let hi = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    date_text(d.clamp(lo, hi))
}

impl Store {
    fn past(&self, day: NaiveDate) -> Result<Past> {
        let mut past = Past::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, action, field, old, old_day FROM history
             WHERE day > ?1 AND action <> 'note' ORDER BY day, id",
        )?;
        let mut rows = stmt.query([day_key(day)])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(1)?;
            let field: Option<String> = r.get(2)?;
            past.push(r.get(0)?, &code, field.as_deref(), r.get(3)?, r.get(4)?)?;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, min(day) FROM history WHERE action = 'extend' GROUP BY task_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let task: String = r.get(0)?;
            let first: String = r.get(1)?;
            past.extended_on(task, parse_date(&first)?);
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
        states_on_from(self, &past)
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
        tasks_on_from(self, &past, day, filter)
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

    /// Every directive, by id.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn directives_by_id(&self) -> Result<HashMap<String, Directive>> {
        Ok(self
            .directives()?
            .into_iter()
            .map(|d| (d.id.to_string(), d))
            .collect())
    }

    /// The deadline changes recorded on a day in `from..=to`, oldest first,
    /// as the briefing takes them (core's [`DeadlineMove`]): extensions
    /// (what the deadline was and became, who decided it and on what
    /// basis), and the moves brought by importing an edited directive file
    /// (its old and new wording; `from_file` set, `basis` its `file:line`).
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn deadline_changes(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DeadlineMove>> {
        self.located(self.deadline_changes_in(from, to), false)
    }

    fn deadline_changes_in(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DeadlineMove>> {
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
        let wording = |task: &str| self.deadline_wording(task);
        deadline_changes_from(self.history_between(from, to)?, &reference, from, &wording)
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
    let deadline = match past.old.get(&(id.to_owned(), Replayed::Deadline)) {
        Some((field, old)) => {
            let wording = task.deadline.as_ref().map(|d| d.written.as_str());
            deadline_of(*field, old.as_ref(), wording, at)
        }
        None => task.deadline,
    };
    let lead = past
        .agencies(id, Replayed::Lead, task.lead.into_iter().collect())
        .into_iter()
        .next();
    let support = past.agencies(id, Replayed::Support, task.support);
    let co_leads = past.agencies(id, Replayed::CoLeads, task.co_leads);
    let depends_on: Vec<TaskId> = match past.get(id, Replayed::DependsOn) {
        Some(Some(Value::Tasks(ids))) => ids.clone(),
        Some(_) => Vec::new(),
        None => task.depends_on,
    };
    let flag = |field: Replayed, now: bool| {
        past.get(id, field)
            .map_or(now, |old| old.as_ref() == Some(&Value::Flag(true)))
    };
    let (key, classified) = (
        flag(Replayed::Key, task.key),
        flag(Replayed::Classified, task.classified),
    );
    let state = past.state(id, task.state)?;
    let extended = task.extended
        && past
            .first_extended
            .get(id)
            .is_some_and(|first| *first <= day);
    let task = Task {
        title: past
            .text(id, Replayed::Title, Some(task.title.clone()))
            .unwrap_or_default(),
        lead,
        support,
        responsible: past.text(id, Replayed::Responsible, task.responsible),
        product: past.text(id, Replayed::Product, task.product),
        authority: past.text(id, Replayed::Authority, task.authority),
        deadline,
        state,
        extended,
        depends_on,
        co_leads,
        key,
        classified,
        ..task
    };
    let blocked_by = state.blocking(&task.depends_on, |p| states.get(p).copied(), day);
    Ok(TaskRow {
        task,
        blocked_by,
        source_file,
        source_line,
        search_text,
        file_note,
        file_deadline,
        // A past day is read, never changed.
        version: None,
    })
}

/// The filter's tests that depend on the day, on the replayed task.
fn keep(row: &TaskRow, filter: &TaskFilter, day: NaiveDate) -> bool {
    let t = &row.task;
    if !filter.leads.is_empty() && !filter.leads.iter().any(|x| t.is_led_by(x)) {
        return false;
    }
    if filter.no_lead && t.lead.is_some() {
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
        let open = !t.state.settled_on(day);
        let within = t
            .due_as_of(day)
            .is_some_and(|d| d >= day && (d - day).num_days() <= n.max(0));
        if !(open && within) {
            return false;
        }
    }
    true
}

/// The tasks that pass `filter` as they stood on `day`, replayed by the
/// rule every backend shares: `store`'s present tasks, states and
/// directives, undone by `past` (the rows recorded after `day`).
///
/// # Errors
/// Database failures; unreadable rows.
pub fn tasks_on_from(
    store: &dyn TaskStore,
    past: &Past,
    day: NaiveDate,
    filter: &TaskFilter,
) -> Result<Vec<TaskRow>> {
    let states = states_on_from(store, past)?;
    let reference: HashMap<String, NaiveDate> = store
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
    for row in store.tasks(&now, day)? {
        let id = row.task.id.to_string();
        if past.unborn.contains(&id) {
            continue;
        }
        let row = replay(row, &id, past, &states, &reference, day)?;
        if keep(&row, filter, day) {
            out.push(row);
        }
    }
    Ok(out)
}

/// Every task's state on the day `past` was read for, replayed by the
/// rule every backend shares; tasks not yet imported then are left out.
///
/// # Errors
/// Database failures; unreadable rows.
pub fn states_on_from(store: &dyn TaskStore, past: &Past) -> Result<HashMap<TaskId, TaskState>> {
    let mut out = store.states()?;
    out.retain(|id, _| !past.unborn.contains(id.as_str()));
    for (id, state) in &mut out {
        *state = past.state(id.as_str(), *state)?;
    }
    Ok(out)
}

/// The deadline changes among history `entries`, as the briefing takes
/// them: the rule every backend shares. `reference` is each task's
/// directive's issue day (wordings are read again against it), `wording`
/// a task's present deadline wording.
///
/// # Errors
/// Database failures of `wording`.
pub fn deadline_changes_from(
    entries: Vec<HistoryEntry>,
    reference: &HashMap<String, NaiveDate>,
    from: NaiveDate,
    wording: &dyn Fn(&str) -> Result<Option<String>>,
) -> Result<Vec<DeadlineMove>> {
    let mut out = Vec::new();
    for h in entries {
        let (Some(field @ (Field::Deadline | Field::DeadlineDue)), Action::Extend | Action::Import) =
            (h.field, h.action)
        else {
            continue;
        };
        let at = reference.get(&h.task).copied().unwrap_or(from);
        // The day alone moved, the wording unchanged (an import records
        // this only when the wording did not change).
        let wording = match field {
            Field::DeadlineDue => wording(&h.task)?,
            _ => None,
        };
        let deadline = |v: &Option<Value>| match (field, v) {
            // No day before: nothing to show of it.
            (Field::DeadlineDue, None) => None,
            _ => deadline_of(field, v.as_ref(), wording.as_deref(), at),
        };
        let (old, new) = (deadline(&h.old), deadline(&h.new));
        let from_file = h.action == Action::Import;
        // An edited file's change rests on the file: its `file:line`.
        let (basis, reason) = if from_file {
            let place = h.source.as_ref().map(ToString::to_string);
            (place.or(h.reason), None)
        } else {
            (h.basis, h.reason)
        };
        out.push(DeadlineMove {
            day: h.day,
            from_file,
            old,
            new,
            authority: h.authority,
            basis,
            reason,
            task: h.task,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadlines_read_back_from_their_wording_and_day() {
        let at = d(2026, 1, 15);
        let kept = |written: &str, due| Value::Deadline {
            written: written.to_owned(),
            due,
        };
        // The day kept is the day, whatever the wording would read as.
        let dl = Field::Deadline;
        let x = deadline_of(dl, Some(&kept("sớm", Some(d(2026, 3, 31)))), None, at).unwrap();
        assert_eq!(
            (x.written.as_str(), x.due),
            ("sớm", Due::On(d(2026, 3, 31)))
        );
        let x = deadline_of(dl, Some(&kept("thường xuyên", None)), None, at).unwrap();
        assert_eq!(x.due, Due::Ongoing);
        assert!(deadline_of(dl, None, Some("tháng 7"), at).is_none());
        let due = Field::DeadlineDue;
        let x = deadline_of(due, Some(&Value::Day(d(2026, 7, 1))), Some("tháng 7"), at).unwrap();
        assert_eq!(
            (x.written.as_str(), x.due),
            ("tháng 7", Due::On(d(2026, 7, 1)))
        );
        // The wording alone, as an import edit records it, is read again.
        assert_eq!(
            read_deadline("trước ngày 30/6/2026", at).due,
            Due::On(d(2026, 6, 30))
        );
        assert_eq!(read_deadline("không đọc được", at).due, Due::Vague);
    }
}
