//! One interface over the two backends: the SQLite [`Store`] here and the
//! PostgreSQL store of `sauro-pg`. The command line and the terminal UI hold
//! a `Box<dyn TaskStore + Send>` opened from the database address, and call
//! only what this trait names; each backend keeps the same rules, refusals
//! and error variants.

use crate::error::Result;
use crate::history::{Actor, HistoryEntry, Note};
use crate::import::ImportSummary;
use crate::query::{TaskFilter, TaskRow};
use crate::store::Store;
use crate::update::Version;
use chrono::NaiveDate;
use sauro_core::briefing::DeadlineMove;
use sauro_core::directive_file::SourceFile;
use sauro_core::{Deadline, Directive, Registry, TaskId, TaskState};
use std::collections::HashMap;
use std::time::Duration;

/// What sauro asks of a database, whichever holds it. Opening is per
/// backend ([`Store::open`], `sauro_pg::PgStore::open`); every method after
/// that behaves the same on both, refusing the same input with the same
/// [`crate::Error`].
pub trait TaskStore {
    /// A second, independent connection to the same database, for a reader
    /// on another thread (the terminal UI's loader).
    ///
    /// # Errors
    /// The database cannot be opened again (an in-memory one never can).
    fn reconnect(&self) -> Result<Box<dyn TaskStore + Send>>;
    /// True when this user can only read the database.
    fn is_read_only(&self) -> bool;
    /// Writes the agencies of `registry` the database lacks or holds otherwise.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn ensure_agencies(&mut self, registry: &Registry) -> Result<usize>;
    /// The agencies the database knows.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn registry(&self) -> Result<Registry>;
    /// How many tasks the database holds.
    ///
    /// # Errors
    /// Database failures.
    fn task_count(&self) -> Result<usize>;
    /// A token that changes whenever another connection commits a change.
    ///
    /// # Errors
    /// Database failures.
    fn data_version(&self) -> Result<i64>;
    /// Imports directive files, in one transaction.
    ///
    /// # Errors
    /// Every problem of the files at once; database failures.
    fn import(&mut self, files: &[SourceFile<'_>], actor: &Actor) -> Result<ImportSummary>;
    /// The tasks that pass `filter`, by id, as of a date.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn tasks(&self, filter: &TaskFilter, as_of: NaiveDate) -> Result<Vec<TaskRow>>;
    /// One task, as of a date.
    ///
    /// # Errors
    /// Unknown task; database failures.
    fn task(&self, id: &str, as_of: NaiveDate) -> Result<TaskRow>;
    /// The stored id of the task `id` names (letter case aside).
    ///
    /// # Errors
    /// Unknown task, with the nearest ids; database failures.
    fn task_id(&self, id: &str) -> Result<String>;
    /// Every directive, by id.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn directives(&self) -> Result<Vec<Directive>>;
    /// Every directive, keyed by id.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn directives_by_id(&self) -> Result<HashMap<String, Directive>>;
    /// Every task's recorded state.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn states(&self) -> Result<HashMap<TaskId, TaskState>>;
    /// Every task's prerequisites.
    ///
    /// # Errors
    /// Database failures.
    fn dependencies(&self) -> Result<Vec<(TaskId, Vec<TaskId>)>>;
    /// The history of a task, oldest first.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn history(&self, task: &str) -> Result<Vec<HistoryEntry>>;
    /// Every history row dated in `from..=to`, oldest first.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn history_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<HistoryEntry>>;
    /// The notes added to a task, oldest first.
    ///
    /// # Errors
    /// Database failures.
    fn notes(&self, task: &str) -> Result<Vec<Note>>;
    /// Adds a note to a task.
    ///
    /// Every change takes `seen`, the [`Version`] of the task its caller
    /// showed ([`TaskRow::version`]): a task changed since is refused with
    /// [`crate::Refusal::Changed`] (who changed it last, and when) and
    /// nothing is written, so no change is made over one the caller never
    /// saw. `None` acts on the task as it is now (the command line).
    ///
    /// # Errors
    /// Unknown task; an empty note; changed since `seen`; database failures.
    fn add_note(
        &mut self,
        id: &str,
        text: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()>;
    /// Marks a task done on a day.
    ///
    /// # Errors
    /// Unknown task; a task not open; a day out of bounds; changed since `seen`.
    fn mark_done(
        &mut self,
        id: &str,
        on: NaiveDate,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()>;
    /// Reopens a done or cancelled task.
    ///
    /// # Errors
    /// Unknown task; a task already open; changed since `seen`.
    fn reopen(&mut self, id: &str, actor: &Actor, seen: Option<Version>) -> Result<()>;
    /// Cancels a task by decision of `authority`.
    ///
    /// # Errors
    /// Blank authority or reason; unknown task or authority; already
    /// cancelled; changed since `seen`.
    fn cancel(
        &mut self,
        id: &str,
        authority: &str,
        reason: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()>;
    /// Changes a task's deadline by decision of `authority`.
    ///
    /// # Errors
    /// Blank parts; unknown task or authority; a task not open; a bad
    /// deadline; changed since `seen`.
    #[allow(clippy::too_many_arguments)]
    fn extend(
        &mut self,
        id: &str,
        to: &Deadline,
        authority: &str,
        basis: &str,
        reason: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()>;
    /// Waits up to `timeout` for a change committed by another connection;
    /// true when one came (reload), false when the time passed without.
    /// `seen` is the watcher's token, kept between calls (start it with
    /// [`TaskStore::data_version`]). By default the store polls: it sleeps
    /// `timeout`, then compares [`TaskStore::data_version`] with `seen`
    /// (the SQLite store). The PostgreSQL store waits on `LISTEN` instead.
    ///
    /// # Errors
    /// Database failures.
    fn wait_for_change(&self, seen: &mut i64, timeout: Duration) -> Result<bool> {
        std::thread::sleep(timeout);
        let now = self.data_version()?;
        let changed = now != *seen;
        *seen = now;
        Ok(changed)
    }
    /// Every task's state on a past day, replayed from history.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn states_on(&self, day: NaiveDate) -> Result<HashMap<TaskId, TaskState>>;
    /// The tasks that pass `filter` as they stood on `day`.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn tasks_on(&self, day: NaiveDate, filter: &TaskFilter) -> Result<Vec<TaskRow>>;
    /// True when some change is recorded for a day after `day`.
    ///
    /// # Errors
    /// Database failures.
    fn changed_after(&self, day: NaiveDate) -> Result<bool>;
    /// The deadline changes recorded on a day in `from..=to`, oldest first.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    fn deadline_changes(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DeadlineMove>>;
}

impl TaskStore for Store {
    fn reconnect(&self) -> Result<Box<dyn TaskStore + Send>> {
        match &self.path {
            Some(path) => Ok(Box::new(Store::open(path)?)),
            None => Err(crate::Error::InMemory),
        }
    }
    fn is_read_only(&self) -> bool {
        Store::is_read_only(self)
    }
    fn ensure_agencies(&mut self, registry: &Registry) -> Result<usize> {
        Store::ensure_agencies(self, registry)
    }
    fn registry(&self) -> Result<Registry> {
        Store::registry(self)
    }
    fn task_count(&self) -> Result<usize> {
        Store::task_count(self)
    }
    fn data_version(&self) -> Result<i64> {
        Store::data_version(self)
    }
    fn import(&mut self, files: &[SourceFile<'_>], actor: &Actor) -> Result<ImportSummary> {
        Store::import(self, files, actor)
    }
    fn tasks(&self, filter: &TaskFilter, as_of: NaiveDate) -> Result<Vec<TaskRow>> {
        Store::tasks(self, filter, as_of)
    }
    fn task(&self, id: &str, as_of: NaiveDate) -> Result<TaskRow> {
        Store::task(self, id, as_of)
    }
    fn task_id(&self, id: &str) -> Result<String> {
        Store::task_id(self, id)
    }
    fn directives(&self) -> Result<Vec<Directive>> {
        Store::directives(self)
    }
    fn directives_by_id(&self) -> Result<HashMap<String, Directive>> {
        Store::directives_by_id(self)
    }
    fn states(&self) -> Result<HashMap<TaskId, TaskState>> {
        Store::states(self)
    }
    fn dependencies(&self) -> Result<Vec<(TaskId, Vec<TaskId>)>> {
        Store::dependencies(self)
    }
    fn history(&self, task: &str) -> Result<Vec<HistoryEntry>> {
        Store::history(self, task)
    }
    fn history_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<HistoryEntry>> {
        Store::history_between(self, from, to)
    }
    fn notes(&self, task: &str) -> Result<Vec<Note>> {
        Store::notes(self, task)
    }
    fn add_note(
        &mut self,
        id: &str,
        text: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        Store::add_note_seen(self, id, text, actor, seen)
    }
    fn mark_done(
        &mut self,
        id: &str,
        on: NaiveDate,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        Store::mark_done_seen(self, id, on, actor, seen)
    }
    fn reopen(&mut self, id: &str, actor: &Actor, seen: Option<Version>) -> Result<()> {
        Store::reopen_seen(self, id, actor, seen)
    }
    fn cancel(
        &mut self,
        id: &str,
        authority: &str,
        reason: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        Store::cancel_seen(self, id, authority, reason, actor, seen)
    }
    fn extend(
        &mut self,
        id: &str,
        to: &Deadline,
        authority: &str,
        basis: &str,
        reason: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        Store::extend_seen(self, id, to, [authority, basis, reason], actor, seen)
    }
    fn states_on(&self, day: NaiveDate) -> Result<HashMap<TaskId, TaskState>> {
        Store::states_on(self, day)
    }
    fn tasks_on(&self, day: NaiveDate, filter: &TaskFilter) -> Result<Vec<TaskRow>> {
        Store::tasks_on(self, day, filter)
    }
    fn changed_after(&self, day: NaiveDate) -> Result<bool> {
        Store::changed_after(self, day)
    }
    fn deadline_changes(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DeadlineMove>> {
        Store::deadline_changes(self, from, to)
    }
}
