//! Changes made in sauro: done, reopen, cancel, extend, note. Each is one
//! transaction that writes the task and its history row together.

use crate::encode::{date_text, deadline_columns, state_columns, state_from, state_text};
use crate::error::{Error, Refusal, Result};
use crate::history::{Actor, Change, record};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use sauro_core::{Deadline, TaskState};

struct Current {
    state: TaskState,
    deadline_text: Option<String>,
    deadline_due: Option<String>,
}

fn current(tx: &Transaction<'_>, id: &str) -> Result<Current> {
    let row = tx
        .prepare_cached(
            "SELECT state, state_on, deadline_text, deadline_due FROM task WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?;
    let (state, on, deadline_text, deadline_due) =
        row.ok_or_else(|| Error::UnknownTask(id.to_owned()))?;
    Ok(Current {
        state: state_from(&state, on.as_deref())?,
        deadline_text,
        deadline_due,
    })
}

fn refused(id: &str, reason: Refusal) -> Error {
    Error::Refused {
        task: id.to_owned(),
        reason,
    }
}

impl Store {
    fn set_state(
        &mut self,
        id: &str,
        new: TaskState,
        actor: &Actor,
        check: impl FnOnce(TaskState) -> Result<()>,
        change: Change<'_>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let cur = current(&tx, id)?;
        check(cur.state)?;
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
                field: Some("state"),
                old: Some(state_text(cur.state)),
                new: Some(state_text(new)),
                ..change
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a task done on a day (not after the actor's day).
    ///
    /// # Errors
    /// Unknown task; a task already done or cancelled; a day in the future.
    pub fn mark_done(&mut self, id: &str, on: NaiveDate, actor: &Actor) -> Result<()> {
        if on > actor.day {
            return Err(refused(
                id,
                Refusal::DoneAfterToday {
                    on,
                    today: actor.day,
                },
            ));
        }
        let change = Change {
            action: "done",
            ..Change::default()
        };
        self.set_state(
            id,
            TaskState::Done { on },
            actor,
            |s| match s {
                TaskState::Open => Ok(()),
                other => Err(refused(id, Refusal::Already(other))),
            },
            change,
        )
    }

    /// Reopens a done or cancelled task.
    ///
    /// # Errors
    /// Unknown task; a task already open.
    pub fn reopen(&mut self, id: &str, actor: &Actor) -> Result<()> {
        let change = Change {
            action: "reopen",
            ..Change::default()
        };
        self.set_state(
            id,
            TaskState::Open,
            actor,
            |s| match s {
                TaskState::Open => Err(refused(id, Refusal::Already(TaskState::Open))),
                _ => Ok(()),
            },
            change,
        )
    }

    /// Cancels (withdraws) a task on the actor's day, by decision of `authority`.
    ///
    /// # Errors
    /// Unknown task or authority; a task already cancelled.
    pub fn cancel(&mut self, id: &str, authority: &str, reason: &str, actor: &Actor) -> Result<()> {
        self.check_authority(id, authority)?;
        let change = Change {
            action: "cancel",
            authority: Some(authority),
            reason: Some(reason),
            ..Change::default()
        };
        self.set_state(
            id,
            TaskState::Cancelled {
                on: Some(actor.day),
            },
            actor,
            |s| match s {
                s @ TaskState::Cancelled { .. } => Err(refused(id, Refusal::Already(s))),
                _ => Ok(()),
            },
            change,
        )
    }

    fn check_authority(&self, id: &str, authority: &str) -> Result<()> {
        if self.registry()?.contains(authority) {
            Ok(())
        } else {
            Err(refused(
                id,
                Refusal::UnknownAuthority {
                    authority: authority.to_owned(),
                },
            ))
        }
    }

    /// Changes a task's deadline, by decision of `authority`, on the basis of a
    /// document. The original wording stays in history.
    ///
    /// # Errors
    /// Unknown task or authority; a task done or cancelled.
    pub fn extend(
        &mut self,
        id: &str,
        to: &Deadline,
        authority: &str,
        basis: &str,
        reason: &str,
        actor: &Actor,
    ) -> Result<()> {
        self.check_authority(id, authority)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let cur = current(&tx, id)?;
        if cur.state != TaskState::Open {
            return Err(refused(id, Refusal::NotOpen(cur.state)));
        }
        let cols = deadline_columns(Some(to));
        let (text, due) = (cols.text, cols.due.clone());
        tx.prepare_cached(
            "UPDATE task SET deadline_text = ?2, deadline_kind = ?3, deadline_due = ?4,
                deadline_rule = ?5, extended = 1
             WHERE id = ?1",
        )?
        .execute((id, text, cols.kind, &cols.due, &cols.rule))?;
        let show = |t: Option<String>, d: Option<String>| match (t, d) {
            (Some(t), Some(d)) => Some(format!("{t} ({d})")),
            (t, _) => t,
        };
        record(
            &tx,
            id,
            actor,
            Change {
                action: "extend",
                field: Some("deadline"),
                old: show(cur.deadline_text, cur.deadline_due),
                new: show(text.map(str::to_owned), due),
                authority: Some(authority),
                basis: Some(basis),
                reason: Some(reason),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a note to a task.
    ///
    /// # Errors
    /// Unknown task; an empty note.
    pub fn add_note(&mut self, id: &str, text: &str, actor: &Actor) -> Result<()> {
        let text = text.trim();
        if text.is_empty() {
            return Err(refused(id, Refusal::EmptyNote));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        current(&tx, id)?;
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
                action: "note",
                new: Some(text.to_owned()),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}
