//! Changes made in sauro: done, reopen, cancel, extend, note. Each is one
//! transaction that writes the task and its history row together, dated by
//! the day it is recorded (`Actor::day`).
//!
//! Every rule a change must follow is enforced here (or in
//! `sauro_core::change`, called from here), so the command line and the
//! terminal UI refuse the same input with the same [`Refusal`].

use crate::encode::{date_text, deadline_columns, parse_date, state_columns, state_from};
use crate::error::{Error, Refusal, Result};
use crate::history::{Actor, Change, record};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction};
use sauro_core::change::{blank_parts, check_done_day, check_new_deadline};
use sauro_core::{Action, Deadline, Field, TaskState, Value};

/// A task's version: how many history rows it has. History is
/// append-only and every change to a task (done, reopen, cancel, extend,
/// note, an import that changes it) adds a row in the transaction that
/// makes the change, so the number grows with each change and never comes
/// back. A caller that read a task at one version and changes it passes
/// that version: a task changed since is refused ([`Refusal::Changed`]).
/// Nothing stores it: both backends count the rows, so an import, a copy
/// between databases or a YugabyteDB cluster (where row ids are not in
/// commit order) keep it without a column of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version(pub i64);

/// Refuses a change to a task whose version is no longer `seen` (`now`
/// is read in the change's transaction, the task locked), naming the
/// latest change, read by `last` as `(at, by)`. `seen` of `None` (the
/// command line, acting on the task as it is now) always passes.
/// Every backend calls it, so the refusal is the same on both.
///
/// # Errors
/// [`Refusal::Changed`]; what `last` fails with.
pub fn check_unchanged(
    id: &str,
    seen: Option<Version>,
    now: Version,
    last: impl FnOnce() -> Result<(String, String)>,
) -> Result<()> {
    match seen {
        Some(seen) if seen != now => {
            let (at, by) = last()?;
            Err(refused(id, Refusal::Changed { at, by }))
        }
        _ => Ok(()),
    }
}

/// The version of task `id`, read in a transaction.
fn version_in(tx: &Transaction<'_>, id: &str) -> Result<Version> {
    let n: i64 = tx
        .prepare_cached("SELECT count(*) FROM history WHERE task_id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(Version(n))
}

/// When and by whom task `id` was last changed.
fn last_change(tx: &Transaction<'_>, id: &str) -> Result<(String, String)> {
    Ok(tx
        .prepare_cached("SELECT at, by FROM history WHERE task_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or_default())
}

/// Refuses, in the change's transaction, a change to a task changed since `seen`.
fn unchanged_since(tx: &Transaction<'_>, id: &str, seen: Option<Version>) -> Result<()> {
    if seen.is_none() {
        return Ok(());
    }
    check_unchanged(id, seen, version_in(tx, id)?, || last_change(tx, id))
}

struct Current {
    state: TaskState,
    deadline_text: Option<String>,
    deadline_due: Option<String>,
    issued_on: NaiveDate,
}

fn current(tx: &Transaction<'_>, id: &str) -> Result<Current> {
    let row = tx
        .prepare_cached(
            "SELECT t.state, t.state_on, t.deadline_text, t.deadline_due, d.issued_on
             FROM task t JOIN directive d ON d.id = t.directive_id WHERE t.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    let (state, on, deadline_text, deadline_due, issued_on) =
        row.ok_or_else(|| Error::UnknownTask {
            id: id.to_owned(),
            suggestions: Vec::new(),
        })?;
    Ok(Current {
        state: state_from(&state, on.as_deref())?,
        deadline_text,
        deadline_due,
        issued_on: parse_date(&issued_on)?,
    })
}

/// The history row of an extension, as both backends record it: the
/// stored wording with its stored day (`YYYY-MM-DD`) before, the new
/// deadline after, and the decision (authority, basis and reason trimmed).
///
/// # Errors
/// A stored day that is not a date.
pub fn extension_change<'a>(
    (old_text, old_due): (Option<String>, Option<&str>),
    to: &Deadline,
    authority: &'a str,
    basis: &'a str,
    reason: &'a str,
) -> Result<Change<'a>> {
    let due = old_due.map(parse_date).transpose()?;
    Ok(Change {
        field: Some(Field::Deadline),
        old: old_text.map(|written| Value::Deadline { written, due }),
        new: Some(Value::Deadline {
            written: to.written.clone(),
            due: to.date(),
        }),
        authority: Some(authority),
        basis: Some(basis.trim()),
        reason: Some(reason.trim()),
        ..Change::of(Action::Extend)
    })
}

/// The text a note on task `id` is stored with: trimmed, and refused when
/// nothing of it shows (empty, spaces or only invisible characters such as
/// zero-width spaces). Every backend calls it, so a note is refused alike.
///
/// # Errors
/// [`Refusal::EmptyNote`].
pub fn note_text<'t>(id: &str, text: &'t str) -> Result<&'t str> {
    let text = text.trim();
    if sauro_core::text::is_blank(text) {
        return Err(refused(id, Refusal::EmptyNote));
    }
    Ok(text)
}

/// A change refused for `reason`.
pub fn refused(id: &str, reason: Refusal) -> Error {
    Error::Refused {
        task: id.to_owned(),
        reason,
    }
}

/// Refuses a decision whose authority, basis (when it takes one) or reason
/// is blank, then an authority in no registry. Returns the authority's id
/// (trimmed, upper case: `ttg` is `TTG`).
fn check_decision(
    store: &Store,
    id: &str,
    authority: &str,
    basis: Option<&str>,
    reason: &str,
) -> Result<String> {
    decision_authority(&store.registry()?, id, authority, basis, reason)
}

/// [`check_decision`] on a registry already read: what every backend calls.
///
/// # Errors
/// [`Error::Refused`] with [`Refusal::Blank`] or [`Refusal::UnknownAuthority`].
pub fn decision_authority(
    registry: &sauro_core::Registry,
    id: &str,
    authority: &str,
    basis: Option<&str>,
    reason: &str,
) -> Result<String> {
    let blank = blank_parts(authority, basis, reason);
    if !blank.is_empty() {
        return Err(refused(id, Refusal::Blank(blank)));
    }
    let authority = authority.trim().to_uppercase();
    if registry.contains(&authority) {
        Ok(authority)
    } else {
        Err(refused(id, Refusal::UnknownAuthority { authority }))
    }
}

impl Store {
    fn set_state(
        &mut self,
        id: &str,
        new: TaskState,
        actor: &Actor,
        check: impl FnOnce(&Current) -> Result<()>,
        change: Change<'_>,
        seen: Option<Version>,
    ) -> Result<()> {
        let tx = self.write_transaction()?;
        let cur = current(&tx, id)?;
        unchanged_since(&tx, id, seen)?;
        check(&cur)?;
        let (code, on) = state_columns(new);
        tx.prepare_cached(
            "UPDATE task SET state = ?2, state_on = ?3, state_from_file = 0 WHERE id = ?1",
        )?
        .execute((id, code, on))?;
        record(
            &tx,
            id,
            actor,
            Change {
                field: Some(Field::State),
                old: Some(Value::State(cur.state)),
                new: Some(Value::State(new)),
                ..change
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a task done on a day: not before its directive was issued, not
    /// after the day the change is recorded. A day before that day is
    /// recorded today, with the day it took effect.
    ///
    /// # Errors
    /// Unknown task; a task already done or cancelled; a day out of bounds.
    pub fn mark_done(&mut self, id: &str, on: NaiveDate, actor: &Actor) -> Result<()> {
        self.mark_done_seen(id, on, actor, None)
    }

    /// [`Store::mark_done`], refused when the task is no longer at `seen`.
    ///
    /// # Errors
    /// As [`Store::mark_done`]; [`Refusal::Changed`].
    pub fn mark_done_seen(
        &mut self,
        id: &str,
        on: NaiveDate,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let id = &self.task_id(id)?;
        let change = Change::of(Action::Done);
        let r = self.set_state(
            id,
            TaskState::Done { on },
            actor,
            |cur| match cur.state {
                TaskState::Open => check_done_day(on, cur.issued_on, Some(actor.day))
                    .map_err(|p| refused(id, Refusal::DoneDay(p))),
                other => Err(refused(id, Refusal::Already(other))),
            },
            change,
            seen,
        );
        self.located(r, true)
    }

    /// Reopens a done or cancelled task.
    ///
    /// # Errors
    /// Unknown task; a task already open.
    pub fn reopen(&mut self, id: &str, actor: &Actor) -> Result<()> {
        self.reopen_seen(id, actor, None)
    }

    /// [`Store::reopen`], refused when the task is no longer at `seen`.
    ///
    /// # Errors
    /// As [`Store::reopen`]; [`Refusal::Changed`].
    pub fn reopen_seen(&mut self, id: &str, actor: &Actor, seen: Option<Version>) -> Result<()> {
        let id = &self.task_id(id)?;
        let change = Change::of(Action::Reopen);
        let r = self.set_state(
            id,
            TaskState::Open,
            actor,
            |cur| match cur.state {
                TaskState::Open => Err(refused(id, Refusal::Already(TaskState::Open))),
                _ => Ok(()),
            },
            change,
            seen,
        );
        self.located(r, true)
    }

    /// Cancels (withdraws) a task on the actor's day, by decision of `authority`.
    ///
    /// # Errors
    /// Blank authority or reason; unknown task or authority; a task already cancelled.
    pub fn cancel(&mut self, id: &str, authority: &str, reason: &str, actor: &Actor) -> Result<()> {
        self.cancel_seen(id, authority, reason, actor, None)
    }

    /// [`Store::cancel`], refused when the task is no longer at `seen`.
    ///
    /// # Errors
    /// As [`Store::cancel`]; [`Refusal::Changed`].
    pub fn cancel_seen(
        &mut self,
        id: &str,
        authority: &str,
        reason: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let id = &self.task_id(id)?;
        let r = check_decision(self, id, authority, None, reason);
        let r = r.and_then(|authority| {
            let change = Change {
                authority: Some(&authority),
                reason: Some(reason.trim()),
                ..Change::of(Action::Cancel)
            };
            self.set_state(
                id,
                TaskState::Cancelled {
                    on: Some(actor.day),
                },
                actor,
                |cur| match cur.state {
                    s @ TaskState::Cancelled { .. } => Err(refused(id, Refusal::Already(s))),
                    _ => Ok(()),
                },
                change,
                seen,
            )
        });
        self.located(r, true)
    }

    /// Changes a task's deadline, by decision of `authority`, on the basis of
    /// a document. The new deadline names a day not yet past on the day the
    /// change is recorded. The original wording stays in history.
    ///
    /// # Errors
    /// Blank authority, basis or reason; unknown task or authority; a task
    /// done or cancelled; a new deadline with no day, or already past.
    pub fn extend(
        &mut self,
        id: &str,
        to: &Deadline,
        authority: &str,
        basis: &str,
        reason: &str,
        actor: &Actor,
    ) -> Result<()> {
        self.extend_seen(id, to, [authority, basis, reason], actor, None)
    }

    /// [`Store::extend`] (`[authority, basis, reason]`), refused when the
    /// task is no longer at `seen`.
    ///
    /// # Errors
    /// As [`Store::extend`]; [`Refusal::Changed`].
    pub fn extend_seen(
        &mut self,
        id: &str,
        to: &Deadline,
        decision: [&str; 3],
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let id = &self.task_id(id)?;
        let r = self.extend_in(id, to, decision, actor, seen);
        self.located(r, true)
    }

    fn extend_in(
        &mut self,
        id: &str,
        to: &Deadline,
        [authority, basis, reason]: [&str; 3],
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let authority = check_decision(self, id, authority, Some(basis), reason)?;
        check_new_deadline(to, actor.day).map_err(|p| refused(id, Refusal::NewDeadline(p)))?;
        let tx = self.write_transaction()?;
        let cur = current(&tx, id)?;
        unchanged_since(&tx, id, seen)?;
        if cur.state != TaskState::Open {
            return Err(refused(id, Refusal::NotOpen(cur.state)));
        }
        let cols = deadline_columns(Some(to));
        tx.prepare_cached(
            "UPDATE task SET deadline_text = ?2, deadline_kind = ?3, deadline_due = ?4,
                deadline_rule = ?5, extended = 1
             WHERE id = ?1",
        )?
        .execute((id, cols.text, cols.kind, &cols.due, &cols.rule))?;
        let old = (cur.deadline_text, cur.deadline_due.as_deref());
        record(
            &tx,
            id,
            actor,
            extension_change(old, to, &authority, basis, reason)?,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a note to a task.
    ///
    /// # Errors
    /// Unknown task; an empty note.
    pub fn add_note(&mut self, id: &str, text: &str, actor: &Actor) -> Result<()> {
        self.add_note_seen(id, text, actor, None)
    }

    /// [`Store::add_note`], refused when the task is no longer at `seen`.
    ///
    /// # Errors
    /// As [`Store::add_note`]; [`Refusal::Changed`].
    pub fn add_note_seen(
        &mut self,
        id: &str,
        text: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let id = &self.task_id(id)?;
        let r = self.add_note_in(id, text, actor, seen);
        self.located(r, true)
    }

    fn add_note_in(
        &mut self,
        id: &str,
        text: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let text = note_text(id, text)?;
        let tx = self.write_transaction()?;
        current(&tx, id)?;
        unchanged_since(&tx, id, seen)?;
        tx.prepare_cached(
            "INSERT INTO note (task_id, at, day, by, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute((id, &actor.at, date_text(actor.day), &actor.by, text))?;
        tx.prepare_cached("UPDATE task SET last_note = ?2 WHERE id = ?1")?
            .execute((id, text))?;
        record(
            &tx,
            id,
            actor,
            Change {
                new: Some(Value::Text(text.to_owned())),
                ..Change::of(Action::Note)
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}
