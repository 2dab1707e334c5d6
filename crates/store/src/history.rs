//! History rows and notes: who did what to a task, when, on what basis.

use crate::encode::{date_text, parse_date};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::Connection;
use sauro_core::history::{Kind, state_of, state_parts};
use sauro_core::{Action, Field, Source, Value};

pub use sauro_core::HistoryEntry;

/// Who makes a change, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The person (`--by NAME`, default the OS user).
    pub by: String,
    /// Wall-clock time of the change (RFC 3339), as the binary reads it.
    pub at: String,
    /// The day the change is recorded (today): history is dated by it, so
    /// a report of a closed period never changes afterwards.
    pub day: NaiveDate,
}

impl Actor {
    /// Who records a change on `today`, asked from the as-of day `as_of`.
    /// A change is dated by the day it is recorded: any other as-of day is
    /// refused (a change recorded late says the day it took effect instead,
    /// as `done --on` does).
    ///
    /// # Errors
    /// [`crate::Error::AsOfNotToday`].
    pub fn recording(by: String, at: String, today: NaiveDate, as_of: NaiveDate) -> Result<Actor> {
        if as_of != today {
            return Err(crate::Error::AsOfNotToday { as_of, today });
        }
        Ok(Actor { by, at, day: today })
    }
}

/// A note on a task.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    /// Wall-clock time.
    pub at: String,
    /// Business day.
    pub day: String,
    /// Who wrote it.
    pub by: String,
    /// The text.
    pub text: String,
}

/// The columns of history, in the order every statement writes them.
pub(crate) const COLUMNS: &str = "task_id, at, day, by, action, field, old, old_day, new, new_day,
    authority, basis, reason, source_file, source_line";

/// Number of columns in [`COLUMNS`].
const NCOLS: usize = 15;

/// A history row to write, the same for both backends.
#[derive(Debug)]
pub struct Change<'a> {
    /// What was done.
    pub action: Action,
    /// The field changed, if one.
    pub field: Option<Field>,
    /// Its value before.
    pub old: Option<Value>,
    /// Its value after.
    pub new: Option<Value>,
    /// For a decision: who decided.
    pub authority: Option<&'a str>,
    /// For a decision: the document it rests on.
    pub basis: Option<&'a str>,
    /// Why.
    pub reason: Option<&'a str>,
    /// For an import: the file and line the task was read from.
    pub source: Option<Source>,
}

impl Change<'_> {
    /// A change of `action` with nothing else said.
    pub fn of(action: Action) -> Self {
        Change {
            action,
            field: None,
            old: None,
            new: None,
            authority: None,
            basis: None,
            reason: None,
            source: None,
        }
    }
}

/// A value as its two columns: text (wording, state code, ids, flag) and day.
pub fn value_columns(v: Option<&Value>) -> (Option<String>, Option<String>) {
    let Some(v) = v else { return (None, None) };
    match v {
        Value::Text(s) => (Some(s.clone()), None),
        Value::Agencies(ids) if ids.is_empty() => (None, None),
        Value::Tasks(ids) if ids.is_empty() => (None, None),
        Value::Agencies(_) | Value::Tasks(_) | Value::Flag(_) => (Some(v.plain()), None),
        Value::Day(d) => (None, Some(date_text(*d))),
        Value::State(s) => {
            let (code, on) = state_parts(*s);
            (Some(code.to_owned()), on.map(date_text))
        }
        Value::Deadline { written, due } => (Some(written.clone()), due.map(date_text)),
    }
}

/// The kind of value a row holds: its field's, or for a row without a
/// field the state a task was imported in, or a note's text.
fn kind_of(action: Action, field: Option<Field>) -> Kind {
    match (field, action) {
        (Some(f), _) => f.kind(),
        (None, Action::Import) => Kind::State,
        (None, _) => Kind::Text,
    }
}

/// A value read back from its two columns, by the kind of its field. A
/// list with no entries is an empty list (no supporting agency), except a
/// lead, which is then none.
///
/// # Errors
/// [`Error::Corrupt`] for a value that does not read as its field's kind.
pub fn value_from(
    action: Action,
    field: Option<Field>,
    text: Option<String>,
    day: Option<String>,
) -> Result<Option<Value>> {
    let day = day.as_deref().map(parse_date).transpose()?;
    Ok(match kind_of(action, field) {
        Kind::Agencies if text.is_none() && field == Some(Field::Lead) => None,
        Kind::Agencies => Some(Value::Agencies(crate::query::ids(text, "agency id")?)),
        Kind::Tasks => Some(Value::Tasks(crate::query::ids(text, "task id")?)),
        Kind::Text => text.map(Value::Text),
        Kind::Flag => match text.as_deref() {
            None => None,
            Some("true") => Some(Value::Flag(true)),
            Some("false") => Some(Value::Flag(false)),
            Some(other) => return Err(Error::Corrupt(format!("history flag {other:?}"))),
        },
        Kind::Day => day.map(Value::Day),
        Kind::State => match text {
            None => None,
            Some(code) => Some(Value::State(state_of(&code, day).ok_or_else(|| {
                Error::Corrupt(format!("history state {code:?} on {day:?}"))
            })?)),
        },
        Kind::Deadline => text.map(|written| Value::Deadline { written, due: day }),
    })
}

/// Binds a change's columns after the first four (task, at, day, by),
/// starting at parameter `first`.
fn bind_change(stmt: &mut rusqlite::Statement<'_>, first: usize, c: &Change<'_>) -> Result<()> {
    let (old, old_day) = value_columns(c.old.as_ref());
    let (new, new_day) = value_columns(c.new.as_ref());
    let p = first;
    stmt.raw_bind_parameter(p, c.action.code())?;
    stmt.raw_bind_parameter(p + 1, c.field.map(Field::code))?;
    stmt.raw_bind_parameter(p + 2, old)?;
    stmt.raw_bind_parameter(p + 3, old_day)?;
    stmt.raw_bind_parameter(p + 4, new)?;
    stmt.raw_bind_parameter(p + 5, new_day)?;
    stmt.raw_bind_parameter(p + 6, c.authority)?;
    stmt.raw_bind_parameter(p + 7, c.basis)?;
    stmt.raw_bind_parameter(p + 8, c.reason)?;
    stmt.raw_bind_parameter(p + 9, c.source.as_ref().map(|s| s.file.as_str()))?;
    stmt.raw_bind_parameter(p + 10, c.source.as_ref().map(|s| s.line as i64))?;
    Ok(())
}

/// The placeholders of `rows` rows.
fn placeholders(rows: usize) -> String {
    let one = format!("({})", ["?"; NCOLS].join(", "));
    vec![one; rows].join(", ")
}

/// Appends a history row, dated the actor's day: a batch of one, so one
/// statement writes every row.
pub(crate) fn record(conn: &Connection, task: &str, actor: &Actor, c: Change<'_>) -> Result<()> {
    let mut one = HistoryBatch {
        actor,
        rows: vec![(task.to_owned(), date_text(actor.day), c)],
    };
    one.flush(conn)
}

/// History rows of one actor, written together: multi-row `INSERT`s of up
/// to [`HistoryBatch::ROWS`] rows, so a large import runs one statement per
/// batch instead of one per task. Rows keep their order; [`HistoryBatch::flush`]
/// writes what is pending (call it before any other history row is written,
/// and before the end of the transaction).
pub(crate) struct HistoryBatch<'a> {
    actor: &'a Actor,
    rows: Vec<(String, String, Change<'a>)>,
}

impl<'a> HistoryBatch<'a> {
    /// Rows per statement (15 parameters each, far below SQLite's limit).
    const ROWS: usize = 64;

    /// An empty batch of `actor`'s changes.
    pub(crate) fn new(actor: &'a Actor) -> Self {
        HistoryBatch {
            actor,
            rows: Vec::with_capacity(Self::ROWS),
        }
    }

    /// Adds a row for `task`, dated `day` (a stored `YYYY-MM-DD`); writes a
    /// full batch.
    pub(crate) fn push(
        &mut self,
        conn: &Connection,
        task: String,
        day: String,
        c: Change<'a>,
    ) -> Result<()> {
        self.rows.push((task, day, c));
        if self.rows.len() == Self::ROWS {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes the pending rows.
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "INSERT INTO history ({COLUMNS}) VALUES {}",
            placeholders(self.rows.len())
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let (at, by) = (self.actor.at.as_str(), self.actor.by.as_str());
        for (i, (task, day, c)) in self.rows.iter().enumerate() {
            let p = i * NCOLS;
            stmt.raw_bind_parameter(p + 1, task)?;
            stmt.raw_bind_parameter(p + 2, at)?;
            stmt.raw_bind_parameter(p + 3, day)?;
            stmt.raw_bind_parameter(p + 4, by)?;
            bind_change(&mut stmt, p + 5, c)?;
        }
        stmt.raw_execute()?;
        self.rows.clear();
        Ok(())
    }
}

impl Store {
    /// The history of a task, oldest first.
    ///
    /// # Errors
    /// Database failures; rows that do not read as history.
    pub fn history(&self, task: &str) -> Result<Vec<HistoryEntry>> {
        self.located(self.history_where("task_id = ?1", [task]), false)
    }

    /// Every history row whose business day is in `from..=to`, oldest first.
    ///
    /// # Errors
    /// Database failures; rows that do not read as history.
    pub fn history_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<HistoryEntry>> {
        // Stored days are `YYYY-MM-DD` text; dates outside years 0..=9999 are
        // written with a sign and would not compare as dates, so clamp them.
        let clamp = |d: NaiveDate| {
            let lo = NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(NaiveDate::MIN);
            let hi = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
            date_text(d.clamp(lo, hi))
        };
        let r = self.history_where("day BETWEEN ?1 AND ?2", [clamp(from), clamp(to)]);
        self.located(r, false)
    }

    fn history_where<P: rusqlite::Params>(
        &self,
        clause: &str,
        args: P,
    ) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM history WHERE {clause} ORDER BY id"
        ))?;
        let rows = stmt.query_map(args, RawRow::read)?;
        rows.map(|r| r?.entry()).collect()
    }

    /// The notes of a task, oldest first: the file's note (if any) is not
    /// among them; it is the task's `note` until a note is added in sauro.
    ///
    /// # Errors
    /// Database failures.
    pub fn notes(&self, task: &str) -> Result<Vec<Note>> {
        self.located(self.notes_in(task), false)
    }

    fn notes_in(&self, task: &str) -> Result<Vec<Note>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at, day, by, text FROM note WHERE task_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([task], |r| {
            Ok(Note {
                at: r.get(0)?,
                day: r.get(1)?,
                by: r.get(2)?,
                text: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A history row as SQLite gives it ([`COLUMNS`]).
/// Every backend reads its rows into this and types them with
/// [`RawRow::entry`], so a history row means the same on both.
#[derive(Debug, Clone)]
pub struct RawRow {
    /// `task_id`.
    pub task: String,
    /// `at`: RFC 3339, UTC.
    pub at: String,
    /// `day`: `YYYY-MM-DD`.
    pub day: String,
    /// `by`.
    pub by: String,
    /// `action`'s code.
    pub action: String,
    /// `field`'s code.
    pub field: Option<String>,
    /// `old`.
    pub old: Option<String>,
    /// `old_day`: `YYYY-MM-DD`.
    pub old_day: Option<String>,
    /// `new`.
    pub new: Option<String>,
    /// `new_day`: `YYYY-MM-DD`.
    pub new_day: Option<String>,
    /// `authority`.
    pub authority: Option<String>,
    /// `basis`.
    pub basis: Option<String>,
    /// `reason`.
    pub reason: Option<String>,
    /// `source_file`.
    pub source_file: Option<String>,
    /// `source_line`.
    pub source_line: Option<i64>,
}

impl RawRow {
    /// Reads the columns of [`COLUMNS`].
    pub(crate) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
        Ok(RawRow {
            task: r.get(0)?,
            at: r.get(1)?,
            day: r.get(2)?,
            by: r.get(3)?,
            action: r.get(4)?,
            field: r.get(5)?,
            old: r.get(6)?,
            old_day: r.get(7)?,
            new: r.get(8)?,
            new_day: r.get(9)?,
            authority: r.get(10)?,
            basis: r.get(11)?,
            reason: r.get(12)?,
            source_file: r.get(13)?,
            source_line: r.get(14)?,
        })
    }

    /// The typed entry.
    ///
    /// # Errors
    /// [`Error::Corrupt`] for codes or values sauro never writes.
    pub fn entry(self) -> Result<HistoryEntry> {
        let action = Action::from_code(&self.action)
            .ok_or_else(|| Error::Corrupt(format!("history action {:?}", self.action)))?;
        let field = self
            .field
            .as_deref()
            .map(|f| {
                Field::from_code(f).ok_or_else(|| Error::Corrupt(format!("history field {f:?}")))
            })
            .transpose()?;
        let source = match (self.source_file, self.source_line) {
            (Some(file), Some(line)) => Some(Source {
                file,
                line: usize::try_from(line)
                    .map_err(|_| Error::Corrupt(format!("history source line {line}")))?,
            }),
            _ => None,
        };
        Ok(HistoryEntry {
            day: parse_date(&self.day)?,
            old: value_from(action, field, self.old, self.old_day)?,
            new: value_from(action, field, self.new, self.new_day)?,
            task: self.task,
            at: self.at,
            by: self.by,
            action,
            field,
            authority: self.authority,
            basis: self.basis,
            reason: self.reason,
            source,
        })
    }
}
