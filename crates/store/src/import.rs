//! Import of directive files: checked whole by sauro-core, then written in
//! one transaction. Re-importing changes nothing; an edited file updates its
//! tasks field by field (each change in history) and keeps what was changed
//! in sauro since (status, extensions, notes).

use crate::encode::{date_text, deadline_columns, parse_date, state_columns, state_from};
use crate::error::Result;
use crate::history::{Actor, Change, HistoryBatch, record};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction};
use sauro_core::directive_file::{self, KnownTask, LoadedDirective, SourceFile};
use sauro_core::{Action, AgencyId, Field, Source, Value};
use sauro_core::{Registry, Task, TaskId, fold};
use std::collections::HashMap;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// Directives in the files.
    pub directives: usize,
    /// Tasks new to the database.
    pub added: usize,
    /// Tasks whose file changed.
    pub updated: usize,
    /// Tasks identical to the database.
    pub unchanged: usize,
    /// History rows written for field changes.
    pub changes: usize,
    /// Tasks the database holds for an imported directive that its file no
    /// longer lists. They are kept (nothing is deleted); the caller says so.
    pub not_in_file: Vec<String>,
}

/// The columns of a stored task that an import compares with its file
/// (days `YYYY-MM-DD`; `support` in file order and `depends_on` sorted,
/// space-separated).
#[derive(Debug, Clone)]
pub struct Stored {
    /// `title`.
    pub title: String,
    /// `lead`.
    pub lead: Option<String>,
    /// `responsible`.
    pub responsible: Option<String>,
    /// `product`.
    pub product: Option<String>,
    /// `authority`.
    pub authority: Option<String>,
    /// `deadline_text`.
    pub deadline_text: Option<String>,
    /// `deadline_due`.
    pub deadline_due: Option<String>,
    /// `deadline_rule`.
    pub deadline_rule: Option<String>,
    /// `extended`.
    pub extended: bool,
    /// `state_from_file`.
    pub state_from_file: bool,
    /// `file_note`.
    pub file_note: Option<String>,
    /// `file_deadline_text`.
    pub file_deadline_text: Option<String>,
    /// `file_state`.
    pub file_state: String,
    /// `file_state_on`.
    pub file_state_on: Option<String>,
    /// The supporting agencies, by position.
    pub support: String,
    /// The prerequisites, sorted.
    pub depends_on: String,
}

fn joined<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded text that search looks in: id, title, product, responsible,
/// the lead's and supporters' ids and names.
pub fn search_text(task: &Task, registry: &Registry) -> String {
    let mut s = format!("{} {} ", task.id, task.title);
    for part in [&task.product, &task.responsible].into_iter().flatten() {
        s.push_str(part);
        s.push(' ');
    }
    for a in task.leads().chain(task.support.iter()) {
        s.push_str(a.as_str());
        s.push(' ');
        s.push_str(registry.name_of(a.as_str()));
        s.push(' ');
    }
    fold(&s)
}

/// SQLite's page cache during an import, in KiB (the default is 2,000):
/// 8 MiB takes most of the gain measured at 100k tasks (system time 0.98 s
/// → 0.66 s) for 7 MB more peak memory; 16 MiB gained no more.
const IMPORT_CACHE_KIB: i64 = 8192;

impl Store {
    /// Imports directive files by the loading rules of `data-format.md`.
    ///
    /// # Errors
    /// Every problem of the files at once ([`crate::Error::Problems`]), in
    /// which case nothing was written; database failures.
    pub fn import(&mut self, files: &[SourceFile<'_>], actor: &Actor) -> Result<ImportSummary> {
        let r = self.with_import_cache(|store| store.import_in(files, actor));
        self.located(r, true)
    }

    /// Runs `f` with SQLite's page cache raised to [`IMPORT_CACHE_KIB`] and
    /// set back after: a large import's pages then stay in memory instead
    /// of spilling into the WAL and being read back (at 100k tasks a third
    /// of the import's system time).
    fn with_import_cache<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let before: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        let r = f(self);
        let restored = self.conn.pragma_update(None, "cache_size", before);
        let value = r?;
        restored?;
        Ok(value)
    }

    /// The import itself, in one write transaction. The files are first
    /// read against a snapshot (registry, tasks) and checked on a second
    /// thread. When the write lock is free, this thread takes it at once
    /// and writes each directive as soon as it is checked; if any check
    /// fails (the last ones, prerequisites across files and cycles, come
    /// after the last directive) the transaction is rolled back. When
    /// another connection holds the lock, the checks end first, so a
    /// refused import says what is wrong without waiting for the lock; the
    /// checked load is then written once the lock is taken. Either way, if
    /// another connection wrote since the snapshot, the files are checked
    /// again against what is there now, under the lock.
    fn import_in(&mut self, files: &[SourceFile<'_>], actor: &Actor) -> Result<ImportSummary> {
        self.before_write()?;
        let snapshot = {
            let tx = self.conn.transaction()?;
            Snapshot::read(&tx)?
        };
        let outcome = std::thread::scope(|scope| -> Result<Pipeline> {
            let (send, receive) = std::sync::mpsc::sync_channel(PIPELINE_DEPTH);
            let (registry, known) = (&snapshot.registry, &snapshot.known);
            let loader = scope.spawn(move || {
                // A send fails only once the writer has stopped; the checks
                // then end unheard.
                directive_file::load_each(files, registry, known, |item| {
                    let _ = send.send(item);
                })
            });
            let checked = || {
                loader
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            };
            let taken = self.write_transaction_at_once()?;
            let tx = match taken {
                Some(tx) if data_version(&tx)? == snapshot.version => tx,
                not_now => {
                    // Not held while the checks end (rolled back).
                    drop(not_now);
                    let parts: Vec<directive_file::Loaded> = receive.iter().collect();
                    checked()?;
                    return Ok(Pipeline::Checked(parts));
                }
            };
            let summary = write_load(&tx, &snapshot, actor, receive, checked)?;
            tx.commit()?;
            Ok(Pipeline::Written(summary))
        })?;
        match outcome {
            Pipeline::Written(summary) => Ok(summary),
            Pipeline::Checked(parts) => self.import_checked(files, actor, snapshot, parts),
        }
    }

    /// Writes a load checked while another connection held the write lock,
    /// once this one has it; checks the files again first if another
    /// connection wrote since the snapshot they were checked against.
    fn import_checked(
        &mut self,
        files: &[SourceFile<'_>],
        actor: &Actor,
        snapshot: Snapshot,
        parts: Vec<directive_file::Loaded>,
    ) -> Result<ImportSummary> {
        let tx = self.write_transaction()?;
        let (snapshot, parts) = if data_version(&tx)? == snapshot.version {
            (snapshot, parts)
        } else {
            let snapshot = Snapshot::read(&tx)?;
            let mut parts = Vec::new();
            directive_file::load_each(files, &snapshot.registry, &snapshot.known, |part| {
                parts.push(part);
            })?;
            (snapshot, parts)
        };
        let summary = write_load(&tx, &snapshot, actor, parts, || Ok(()))?;
        tx.commit()?;
        Ok(summary)
    }
}

/// How an import's first attempt ended.
enum Pipeline {
    /// The lock was free: the load was written as it was checked.
    Written(ImportSummary),
    /// The lock was held (or the database changed): the load was checked
    /// and passed; these are its parts, to write once the lock is taken.
    Checked(Vec<directive_file::Loaded>),
}

/// What an import is checked against, read in one transaction.
struct Snapshot {
    /// SQLite's count of other connections' commits when it was read.
    version: i64,
    registry: Registry,
    known: HashMap<TaskId, KnownTask>,
}

impl Snapshot {
    fn read(tx: &Transaction<'_>) -> Result<Self> {
        Ok(Snapshot {
            version: data_version(tx)?,
            registry: crate::store::read_registry(tx)?,
            known: known_tasks(tx)?,
        })
    }
}

/// SQLite's count of commits made by other connections (`PRAGMA data_version`).
fn data_version(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// Writes the parts of a load in `tx` as `parts` yields them; then, once
/// `checked` says the whole load passed its checks, the end of the import.
/// On any problem the caller drops `tx` (rolled back).
fn write_load(
    tx: &Transaction<'_>,
    snapshot: &Snapshot,
    actor: &Actor,
    parts: impl IntoIterator<Item = directive_file::Loaded>,
    checked: impl FnOnce() -> std::result::Result<(), directive_file::Problems>,
) -> Result<ImportSummary> {
    let deferred = deferred_indexes(tx)?;
    let mut import = Import {
        tx,
        writer: Writer {
            insert_task: tx.prepare_cached(INSERT_TASK)?,
            insert_support: tx.prepare_cached(INSERT_SUPPORT)?,
            insert_dep: tx.prepare_cached(INSERT_DEP)?,
            history: HistoryBatch::new(actor),
        },
        registry: snapshot.registry.clone(),
        known: &snapshot.known,
        actor,
        summary: ImportSummary::default(),
        written: Vec::new(),
        late: Vec::new(),
    };
    // The parts' source (a channel) is dropped at the end of this
    // statement, so a loader still checking is not kept waiting on it.
    let wrote = parts.into_iter().try_for_each(|part| import.write(part));
    checked()?;
    wrote?;
    import.finish(deferred)?;
    Ok(std::mem::take(&mut import.summary))
}

/// How many checked directives may wait for the writer.
const PIPELINE_DEPTH: usize = 4;

/// An import under way: the write transaction, its prepared statements,
/// the registry with the files' agencies, and what was written so far.
struct Import<'t, 'c> {
    tx: &'t Transaction<'c>,
    writer: Writer<'t>,
    registry: Registry,
    known: &'t HashMap<TaskId, KnownTask>,
    actor: &'t Actor,
    summary: ImportSummary,
    /// The directives written, for the tasks no longer in their files.
    written: Vec<std::sync::Arc<LoadedDirective>>,
    /// Problems the store finds that the load cannot (a task done after
    /// the day of the import).
    late: Vec<directive_file::Problem>,
}

impl Import<'_, '_> {
    /// Writes one part of the load as it arrives.
    fn write(&mut self, item: directive_file::Loaded) -> Result<()> {
        match item {
            directive_file::Loaded::Agencies(agencies) => {
                // The load never holds a built-in agency (a file may not
                // change one).
                for a in agencies {
                    crate::store::write_agency(self.tx, &a)?;
                    self.registry.insert(a);
                }
            }
            directive_file::Loaded::Directive(d) => {
                done_days_of(&d, self.actor.day, &mut self.late);
                if self.late.is_empty() {
                    self.write_directive(&d)?;
                }
                self.written.push(d);
            }
        }
        Ok(())
    }

    /// Writes a directive and each of its tasks.
    fn write_directive(&mut self, d: &LoadedDirective) -> Result<()> {
        let (tx, summary) = (self.tx, &mut self.summary);
        write_directive(tx, d)?;
        summary.directives += 1;
        // A task exists from the day its directive assigned it, even when
        // the file is imported later, so reports on past periods include it.
        let created_on = date_text(d.directive.issued_on.min(self.actor.day));
        for lt in &d.tasks {
            let place = Place {
                file: &d.file,
                line: lt.line,
                created_on: &created_on,
                new: !self.known.contains_key(lt.task.id.as_str()),
            };
            let (new, unchanged) = (place.new, summary.unchanged);
            let (registry, actor) = (&self.registry, self.actor);
            write_task(
                tx,
                &mut self.writer,
                &lt.task,
                place,
                registry,
                actor,
                summary,
            )?;
            if write_co_leads_and_flags(tx, &mut self.writer, &lt.task, new, actor, summary)?
                && summary.unchanged > unchanged
            {
                // Only the co-leads or flags changed: the task was updated.
                summary.unchanged -= 1;
                summary.updated += 1;
            }
        }
        Ok(())
    }

    /// Once every part is written and the load passed its checks: refuses
    /// a task done after today, writes the last history rows, builds the
    /// deferred indexes again and lists the tasks no longer in their files.
    fn finish(&mut self, deferred: Vec<(String, String)>) -> Result<()> {
        if !self.late.is_empty() {
            let problems = std::mem::take(&mut self.late);
            return Err(directive_file::Problems(problems).into());
        }
        self.writer.history.flush(self.tx)?;
        for (_, sql) in &deferred {
            self.tx.execute_batch(sql)?;
        }
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id FROM task WHERE directive_id = ?1 ORDER BY id")?;
        for d in &self.written {
            let in_file: std::collections::HashSet<&str> =
                d.tasks.iter().map(|t| t.task.id.as_str()).collect();
            let held = stmt.query_map([d.directive.id.as_str()], |r| r.get::<_, String>(0))?;
            for id in held {
                let id = id?;
                if !in_file.contains(id.as_str()) {
                    self.summary.not_in_file.push(id);
                }
            }
        }
        Ok(())
    }
}

/// Into an empty database, the secondary indexes of `task` and `history`
/// are dropped before the rows are written and built again from their
/// stored definitions afterwards, in the same transaction: sorting the keys
/// once is cheaper than inserting 100k random keys one by one into b-trees
/// that no longer fit in the page cache. Returns the `(name, sql)` of the
/// indexes to create again; none when the tables hold rows (a re-import
/// looks tasks up while it writes). The primary keys stay, and so do the
/// indexes of the link tables, which SQLite's foreign-key checks use.
fn deferred_indexes(tx: &Transaction<'_>) -> Result<Vec<(String, String)>> {
    let empty: bool = tx.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM task) AND NOT EXISTS (SELECT 1 FROM history)",
        [],
        |r| r.get(0),
    )?;
    if !empty {
        return Ok(Vec::new());
    }
    let indexes: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('task', 'history')
             ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes)
}

/// Refuses a file that says a task was done after the day of the import
/// (the issue-day bound is checked by the load itself).
/// # Errors
/// [`crate::Error::Problems`], naming each task done after `today`.
pub fn done_days_not_after(load: &directive_file::Load, today: NaiveDate) -> Result<()> {
    let mut problems = Vec::new();
    for d in &load.directives {
        done_days_of(d, today, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(directive_file::Problems(problems).into())
    }
}

/// Adds a problem for each task of `d` done after `today`.
fn done_days_of(
    d: &LoadedDirective,
    today: NaiveDate,
    problems: &mut Vec<directive_file::Problem>,
) {
    for lt in &d.tasks {
        if let sauro_core::TaskState::Done { on } = lt.task.state
            && let Err(p) =
                sauro_core::change::check_done_day(on, d.directive.issued_on, Some(today))
        {
            problems.push(d.problem_at(lt, directive_file::ProblemKind::DoneDay(p)));
        }
    }
}

fn known_tasks(tx: &Transaction<'_>) -> Result<HashMap<TaskId, KnownTask>> {
    let mut known: HashMap<TaskId, KnownTask> = HashMap::new();
    let mut stmt = tx.prepare_cached("SELECT id, directive_id FROM task")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let directive: String = r.get(1)?;
        if let (Ok(id), Ok(directive)) = (id.parse(), directive.parse()) {
            known.insert(
                id,
                KnownTask {
                    directive,
                    depends_on: Vec::new(),
                },
            );
        }
    }
    let mut stmt = tx.prepare_cached("SELECT task_id, depends_on FROM task_dep")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let dep: String = r.get(1)?;
        if let (Some(k), Ok(dep)) = (known.get_mut(id.as_str()), dep.parse()) {
            k.depends_on.push(dep);
        }
    }
    Ok(known)
}

fn write_directive(tx: &Transaction<'_>, d: &LoadedDirective) -> Result<()> {
    let dir = &d.directive;
    tx.prepare_cached(
        "INSERT INTO directive (id, number, title, issued_by, issued_on, signer, url, source_file)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO UPDATE SET number = excluded.number, title = excluded.title,
         issued_by = excluded.issued_by, issued_on = excluded.issued_on, signer = excluded.signer,
         url = excluded.url, source_file = excluded.source_file",
    )?
    .execute(rusqlite::params![
        dir.id.as_str(),
        dir.number,
        dir.title,
        dir.issued_by.as_str(),
        date_text(dir.issued_on),
        dir.signer,
        dir.url,
        d.file
    ])?;
    Ok(())
}

fn stored(tx: &Transaction<'_>, id: &str) -> Result<Option<Stored>> {
    let mut stmt = tx.prepare_cached(
        "SELECT title, lead, responsible, product, authority, deadline_text, deadline_due,
                extended, state_from_file, file_note, file_deadline_text, file_state, file_state_on,
                (SELECT group_concat(agency_id, ' ') FROM
                    (SELECT agency_id FROM task_support WHERE task_id = t.id ORDER BY pos)),
                (SELECT group_concat(depends_on, ' ') FROM
                    (SELECT depends_on FROM task_dep WHERE task_id = t.id ORDER BY depends_on)),
                deadline_rule
         FROM task t WHERE id = ?1",
    )?;
    Ok(stmt
        .query_row([id], |r| {
            Ok(Stored {
                title: r.get(0)?,
                lead: r.get(1)?,
                responsible: r.get(2)?,
                product: r.get(3)?,
                authority: r.get(4)?,
                deadline_text: r.get(5)?,
                deadline_due: r.get(6)?,
                deadline_rule: r.get(15)?,
                extended: r.get(7)?,
                state_from_file: r.get(8)?,
                file_note: r.get(9)?,
                file_deadline_text: r.get(10)?,
                file_state: r.get(11)?,
                file_state_on: r.get(12)?,
                support: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                depends_on: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            })
        })
        .optional()?)
}

/// Ids as the task row keeps them: space-separated, `None` when none.
pub fn id_list<T: AsRef<str>>(ids: &[T]) -> Option<String> {
    (!ids.is_empty()).then(|| joined(ids))
}

const INSERT_TASK: &str = "INSERT INTO task (id, directive_id, title, lead, responsible, product,
    authority, deadline_text, deadline_kind, deadline_due, extended, state, state_on,
    state_from_file, file_note, file_deadline_text, file_state, file_state_on,
    source_file, source_line, search, support_ids, depends_ids, deadline_rule)
 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, 1, ?13, ?8, ?11, ?12,
    ?14, ?15, ?16, ?17, ?18, ?19)";
const INSERT_SUPPORT: &str =
    "INSERT INTO task_support (task_id, agency_id, pos) VALUES (?1, ?2, ?3)";
const INSERT_DEP: &str = "INSERT INTO task_dep (task_id, depends_on) VALUES (?1, ?2)";

/// The statements an import runs for every task, prepared once for the
/// whole import, and the history rows of new tasks, written in batches.
struct Writer<'t> {
    insert_task: rusqlite::CachedStatement<'t>,
    insert_support: rusqlite::CachedStatement<'t>,
    insert_dep: rusqlite::CachedStatement<'t>,
    history: HistoryBatch<'t>,
}

fn write_links(tx: &Transaction<'_>, w: &mut Writer<'_>, task: &Task, new: bool) -> Result<()> {
    let id = task.id.as_str();
    if !new {
        tx.prepare_cached("DELETE FROM task_support WHERE task_id = ?1")?
            .execute([id])?;
        tx.prepare_cached("DELETE FROM task_dep WHERE task_id = ?1")?
            .execute([id])?;
    }
    for (pos, s) in task.support.iter().enumerate() {
        w.insert_support.execute((id, s.as_str(), pos as i64))?;
    }
    for d in &task.depends_on {
        w.insert_dep.execute((id, d.as_str()))?;
    }
    Ok(())
}

/// Where a task comes from: its file and line, and the day its history
/// starts (the day its directive assigned it, or today if later).
struct Place<'a> {
    file: &'a str,
    line: usize,
    created_on: &'a str,
    /// Not in the database before this import (nothing stored to compare).
    new: bool,
}

fn write_task<'t>(
    tx: &'t Transaction<'_>,
    w: &mut Writer<'t>,
    task: &Task,
    place: Place<'_>,
    registry: &Registry,
    actor: &Actor,
    summary: &mut ImportSummary,
) -> Result<()> {
    let Place {
        file,
        line,
        created_on,
        new,
    } = place;
    let id = task.id.as_str();
    let cols = deadline_columns(task.deadline.as_ref());
    let (dl_text, dl_kind) = (cols.text, cols.kind);
    let (dl_due, dl_rule) = (cols.due.clone(), cols.rule.clone());
    let (state, state_on) = state_columns(task.state);
    let search = search_text(task, registry);
    let old = if new { None } else { stored(tx, id)? };
    let Some(old) = old else {
        w.insert_task.execute(rusqlite::params![
            id,
            task.directive.as_str(),
            task.title,
            task.lead.as_ref().map(|l| l.as_str()),
            task.responsible,
            task.product,
            task.authority,
            dl_text,
            dl_kind,
            dl_due,
            state,
            state_on,
            task.note,
            file,
            line as i64,
            search,
            id_list(&task.support),
            id_list(&task.depends_on),
            dl_rule
        ])?;
        write_links(tx, w, task, true)?;
        w.history.push(
            tx,
            id.to_owned(),
            created_on.to_owned(),
            Change {
                new: Some(Value::State(task.state)),
                source: Some(Source {
                    file: file.to_owned(),
                    line,
                }),
                ..Change::of(Action::Import)
            },
        )?;
        summary.added += 1;
        return Ok(());
    };

    let Diff {
        changes,
        deadline_applies,
        file_state_changed,
    } = changed_fields(&old, task, &cols)?;

    if changes.is_empty() {
        // Where the task sits in its file is not a change to the task.
        tx.prepare_cached("UPDATE task SET source_file = ?2, source_line = ?3 WHERE id = ?1")?
            .execute((id, file, line as i64))?;
        if deadline_applies {
            // Only the recurrence rule differs (a database from before rules).
            tx.prepare_cached(
                "UPDATE task SET deadline_kind = ?2, deadline_rule = ?3 WHERE id = ?1",
            )?
            .execute((id, dl_kind, &dl_rule))?;
        }
        summary.unchanged += 1;
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE task SET title = ?2, lead = ?3, responsible = ?4, product = ?5, authority = ?6,
            file_note = ?7, file_deadline_text = ?8, file_state = ?9, file_state_on = ?10,
            source_file = ?11, source_line = ?12, search = ?13, support_ids = ?14,
            depends_ids = ?15 WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        id,
        task.title,
        task.lead.as_ref().map(|l| l.as_str()),
        task.responsible,
        task.product,
        task.authority,
        task.note,
        dl_text,
        state,
        state_on,
        file,
        line as i64,
        search,
        id_list(&task.support),
        id_list(&task.depends_on)
    ])?;
    if deadline_applies {
        tx.prepare_cached(
            "UPDATE task SET deadline_text = ?2, deadline_kind = ?3, deadline_due = ?4,
                deadline_rule = ?5 WHERE id = ?1",
        )?
        .execute((id, dl_text, dl_kind, &dl_due, &dl_rule))?;
    }
    if file_state_changed && old.state_from_file {
        tx.prepare_cached("UPDATE task SET state = ?2, state_on = ?3 WHERE id = ?1")?
            .execute((id, state, &state_on))?;
    }
    write_links(tx, w, task, false)?;
    // Rows stay in the order they were made.
    w.history.flush(tx)?;
    summary.updated += 1;
    summary.changes += changes.len();
    for change in changes {
        let source = Source {
            file: file.to_owned(),
            line,
        };
        record_field_change(tx, id, actor, change, Some(source))?;
    }
    Ok(())
}

/// Records in history that an import changed `field` of task `id` from
/// `old` to `new`, read at `source` (file and line) when given.
fn record_field_change(
    tx: &Transaction<'_>,
    id: &str,
    actor: &Actor,
    (field, old, new): FieldChange,
    source: Option<Source>,
) -> Result<()> {
    record(
        tx,
        id,
        actor,
        Change {
            field: Some(field),
            old,
            new,
            source,
            ..Change::of(Action::Import)
        },
    )
}

/// Writes a task's co-leads and flags (`key`, `classified`) after
/// [`write_task`]: unchanged ones are left alone; a change on a task that
/// was already there is recorded in history (fields `co_leads`, `key`,
/// `classified`). True when a task already there changed.
fn write_co_leads_and_flags<'t>(
    tx: &'t Transaction<'_>,
    w: &mut Writer<'t>,
    task: &Task,
    new: bool,
    actor: &Actor,
    summary: &mut ImportSummary,
) -> Result<bool> {
    let id = task.id.as_str();
    let (old_co, old_key, old_classified): (Option<String>, bool, bool) = tx
        .prepare_cached("SELECT co_lead_ids, is_key, is_classified FROM task WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let co = id_list(&task.co_leads);
    if (old_co.as_deref(), old_key, old_classified) == (co.as_deref(), task.key, task.classified) {
        return Ok(false);
    }
    tx.prepare_cached(
        "UPDATE task SET co_lead_ids = ?2, is_key = ?3, is_classified = ?4 WHERE id = ?1",
    )?
    .execute((id, &co, task.key, task.classified))?;
    if old_co != co {
        tx.prepare_cached("DELETE FROM task_co_lead WHERE task_id = ?1")?
            .execute([id])?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO task_co_lead (task_id, agency_id, pos) VALUES (?1, ?2, ?3)",
        )?;
        for (pos, a) in task.co_leads.iter().enumerate() {
            ins.execute((id, a.as_str(), pos as i64))?;
        }
    }
    // A task just added has its import row; its flags are part of it.
    if new {
        return Ok(false);
    }
    // Rows stay in the order they were made: the rows of the new tasks
    // before this one first.
    w.history.flush(tx)?;
    for change in flag_changes(old_co, old_key, old_classified, task)? {
        record_field_change(tx, id, actor, change, None)?;
        summary.changes += 1;
    }
    Ok(true)
}

/// The history of an import that changes a stored task's co-leads or
/// flags: one change per field that differs, from the stored co-lead ids
/// (space-separated) and flags to the file's. Both backends record these.
///
/// # Errors
/// A stored co-lead id that is not an agency id.
pub fn flag_changes(
    old_co: Option<String>,
    old_key: bool,
    old_classified: bool,
    task: &Task,
) -> Result<Vec<FieldChange>> {
    let flag = |b: bool| Some(Value::Flag(b));
    let old_co = crate::query::ids::<AgencyId>(old_co, "agency id")?;
    Ok([
        (
            Field::CoLeads,
            Some(Value::Agencies(old_co)),
            Some(Value::Agencies(task.co_leads.clone())),
        ),
        (Field::Key, flag(old_key), flag(task.key)),
        (
            Field::Classified,
            flag(old_classified),
            flag(task.classified),
        ),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .collect())
}

/// A field's change: the field, its value before and after.
pub type FieldChange = (Field, Option<Value>, Option<Value>);

/// What an edited file changes in a task already stored.
#[derive(Debug)]
pub struct Diff {
    /// The fields changed, in the order they are recorded.
    pub changes: Vec<FieldChange>,
    /// The file's deadline replaces the task's (no extension stands).
    pub deadline_applies: bool,
    /// The file gives another state.
    pub file_state_changed: bool,
}

/// The fields of a task already stored that its file now gives otherwise,
/// in the order they are recorded. The deadline counts only when no
/// extension stands (otherwise the file's new wording is `file_deadline`);
/// the state only when no change made in sauro stands (otherwise it is
/// `file_state`).
///
/// # Errors
/// [`crate::Error::Corrupt`] for stored values sauro never writes.
pub fn changed_fields(
    old: &Stored,
    task: &Task,
    cols: &crate::encode::DeadlineColumns<'_>,
) -> Result<Diff> {
    let mut changes: Vec<FieldChange> = Vec::new();
    let mut diff = |field: Field, old: Option<Value>, new: Option<Value>| {
        if old != new {
            changes.push((field, old, new));
        }
    };
    let text = |v: &Option<String>| v.clone().map(Value::Text);
    let agencies = |v: Option<String>| -> Result<Value> {
        Ok(Value::Agencies(crate::query::ids(v, "agency id")?))
    };
    diff(
        Field::Title,
        Some(Value::Text(old.title.clone())),
        Some(Value::Text(task.title.clone())),
    );
    diff(
        Field::Lead,
        old.lead.clone().map(|l| agencies(Some(l))).transpose()?,
        task.lead.clone().map(|l| Value::Agencies(vec![l])),
    );
    diff(
        Field::Responsible,
        text(&old.responsible),
        text(&task.responsible),
    );
    diff(Field::Product, text(&old.product), text(&task.product));
    diff(
        Field::Authority,
        text(&old.authority),
        text(&task.authority),
    );
    diff(
        Field::Support,
        Some(agencies(Some(old.support.clone()))?),
        Some(Value::Agencies(task.support.clone())),
    );
    let mut deps = task.depends_on.clone();
    deps.sort_unstable();
    diff(
        Field::DependsOn,
        Some(Value::Tasks(crate::query::ids(
            Some(old.depends_on.clone()),
            "task id",
        )?)),
        Some(Value::Tasks(deps)),
    );
    diff(Field::Note, text(&old.file_note), text(&task.note));
    let dl_text = cols.text;
    let file_deadline_changed = old.file_deadline_text.as_deref() != dl_text;
    // A rule counts as a change of day: a file imported before recurring
    // deadlines were read gains its rule when imported again.
    let due_changed = old.deadline_due != cols.due || old.deadline_rule != cols.rule;
    let day = |d: &Option<String>| d.as_deref().map(parse_date).transpose();
    let deadline_applies = !old.extended && (file_deadline_changed || due_changed);
    if deadline_applies {
        if old.deadline_text.as_deref() != dl_text {
            let old_due = day(&old.deadline_due)?;
            let new_due = day(&cols.due)?;
            diff(
                Field::Deadline,
                old.deadline_text.clone().map(|written| Value::Deadline {
                    written,
                    due: old_due,
                }),
                dl_text.map(|w| Value::Deadline {
                    written: w.to_owned(),
                    due: new_due,
                }),
            );
        }
        if !file_deadline_changed {
            diff(
                Field::DeadlineDue,
                day(&old.deadline_due)?.map(Value::Day),
                day(&cols.due)?.map(Value::Day),
            );
        }
    } else if file_deadline_changed {
        // Extended in sauro: the extension stands; the file's new wording is recorded.
        diff(
            Field::FileDeadline,
            text(&old.file_deadline_text),
            dl_text.map(|w| Value::Text(w.to_owned())),
        );
    }
    let (state, state_on) = state_columns(task.state);
    let file_state_changed =
        (old.file_state.as_str(), old.file_state_on.as_deref()) != (state, state_on.as_deref());
    if file_state_changed {
        let field = if old.state_from_file {
            Field::State
        } else {
            Field::FileState
        };
        let before = state_from(&old.file_state, old.file_state_on.as_deref())?;
        diff(
            field,
            Some(Value::State(before)),
            Some(Value::State(task.state)),
        );
    }
    Ok(Diff {
        changes,
        deadline_applies,
        file_state_changed,
    })
}
