//! `TaskStore::import` on PostgreSQL: the comparison of stored and file
//! task the SQLite store makes (`sauro_store::backend::changed_fields`), in
//! one transaction; into a database without tasks, a bulk load
//! ([`bulk_import`]).

use super::{Done, Fail, change_time_of, day, read_registry_in, upsert_agency};
use crate::error::Error as PgError;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{Client, GenericClient};
use sauro_core::directive_file::{Loaded, SourceFile};
use sauro_core::{Agency, Registry, Task, TaskId, Value};
use sauro_store::backend as codec;
use sauro_store::{Actor, Error, ImportSummary};
use std::collections::{HashMap, HashSet};

/// The tasks the database holds, with their directive and prerequisites,
/// as the load checks a file against them.
fn known_tasks(
    tx: &mut impl GenericClient,
) -> Done<HashMap<TaskId, sauro_core::directive_file::KnownTask>> {
    let mut known = HashMap::new();
    for r in tx.query("SELECT id, directive_id FROM sauro.task", &[])? {
        let id: String = r.try_get(0)?;
        let directive: String = r.try_get(1)?;
        if let (Ok(id), Ok(directive)) = (id.parse(), directive.parse()) {
            known.insert(
                id,
                sauro_core::directive_file::KnownTask {
                    directive,
                    depends_on: Vec::new(),
                },
            );
        }
    }
    for r in tx.query("SELECT task_id, depends_on FROM sauro.task_dep", &[])? {
        let id: String = r.try_get(0)?;
        let dep: String = r.try_get(1)?;
        if let (Some(k), Ok(dep)) = (known.get_mut(id.as_str()), dep.parse()) {
            k.depends_on.push(dep);
        }
    }
    Ok(known)
}

/// A stored task of the files' directives: what an import compares
/// (`codec::Stored`), and what it writes without a history row.
struct StoredTask {
    directive: String,
    compared: codec::Stored,
    source_file: Option<String>,
    source_line: Option<i32>,
    deadline_kind: Option<String>,
    co_leads: Option<String>,
    key: bool,
    classified: bool,
}

/// The stored tasks of `directives`, by id, read with one statement (a
/// task in a file belongs to its directive: the load refuses it otherwise)
/// and locked until the import ends, as a secretary's change locks its
/// task: a change made meanwhile waits, then applies to what the import
/// wrote, and none made before is written over by what was read before it.
fn stored_tasks(
    tx: &mut impl GenericClient,
    directives: &[&str],
) -> Done<HashMap<String, StoredTask>> {
    let sql = format!(
        "SELECT id, directive_id, title, lead, responsible, product, authority, deadline_text,
            {due}, extended, state_from_file, file_note, file_deadline_text, file_state,
            {file_on},
            (SELECT string_agg(agency_id, ' ' ORDER BY pos) FROM sauro.task_support
                WHERE task_id = t.id),
            (SELECT string_agg(depends_on, ' ' ORDER BY depends_on COLLATE \"C\")
                FROM sauro.task_dep WHERE task_id = t.id),
            deadline_rule, source_file, source_line, deadline_kind, co_lead_ids, is_key,
            is_classified
         FROM sauro.task t WHERE directive_id = ANY($1) FOR UPDATE OF t",
        due = day("deadline_due"),
        file_on = day("file_state_on"),
    );
    let mut found = HashMap::new();
    // Row by row as they arrive: the map, not the map and every row.
    let mut rows = tx.query_raw(&sql, [&directives as &(dyn ToSql + Sync)])?;
    while let Some(r) = rows.next()? {
        let compared = codec::Stored {
            title: r.try_get(2)?,
            lead: r.try_get(3)?,
            responsible: r.try_get(4)?,
            product: r.try_get(5)?,
            authority: r.try_get(6)?,
            deadline_text: r.try_get(7)?,
            deadline_due: r.try_get(8)?,
            extended: r.try_get(9)?,
            state_from_file: r.try_get(10)?,
            file_note: r.try_get(11)?,
            file_deadline_text: r.try_get(12)?,
            file_state: r.try_get(13)?,
            file_state_on: r.try_get(14)?,
            support: r.try_get::<_, Option<String>>(15)?.unwrap_or_default(),
            depends_on: r.try_get::<_, Option<String>>(16)?.unwrap_or_default(),
            deadline_rule: r.try_get(17)?,
        };
        let task = StoredTask {
            directive: r.try_get(1)?,
            compared,
            source_file: r.try_get(18)?,
            source_line: r.try_get(19)?,
            deadline_kind: r.try_get(20)?,
            co_leads: r.try_get(21)?,
            key: r.try_get(22)?,
            classified: r.try_get(23)?,
        };
        found.insert(r.try_get(0)?, task);
    }
    Ok(found)
}

/// The stored tasks of the load's directives that its files no longer
/// hold: directive by directive, in id order (as `COLLATE "C"`).
fn not_in_files(
    load: &sauro_core::directive_file::Load,
    stored: &HashMap<String, StoredTask>,
) -> Vec<String> {
    let in_files: HashSet<&str> = load
        .directives
        .iter()
        .flat_map(|d| d.tasks.iter().map(|t| t.task.id.as_str()))
        .collect();
    let mut by_directive: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, task) in stored {
        if !in_files.contains(id.as_str()) {
            by_directive.entry(&task.directive).or_default().push(id);
        }
    }
    let mut gone = Vec::new();
    for d in &load.directives {
        let mut ids = by_directive
            .remove(d.directive.id.as_str())
            .unwrap_or_default();
        ids.sort_unstable();
        gone.extend(ids.into_iter().map(str::to_owned));
    }
    gone
}

/// Imports directive files in one transaction, by the rules of the SQLite
/// store's import (`crates/store/src/import.rs`): the load's checks, then
/// each task added, left alone or updated field by field with its history.
/// The stored tasks of the files' directives are read with one statement,
/// compared here, and every row written with a statement a table
/// ([`Pending`]).
/// Into a database without tasks, the files are checked on a second thread
/// while this one sends each directive's rows as it is checked
/// ([`bulk_import`]).
pub(super) fn import(
    c: &mut Client,
    files: &[SourceFile<'_>],
    actor: &Actor,
) -> Done<ImportSummary> {
    let mut tx = c.transaction()?;
    let mut registry = read_registry_in(&mut tx)?;
    let known = known_tasks(&mut tx)?;
    if known.is_empty() && bulk_load_allowed(&mut tx)? {
        let summary = bulk_import(&mut tx, files, &registry, &known, actor.day)?;
        // Every task in the database now is one of the files'.
        tx.commit()?;
        return Ok(summary);
    }
    let load = sauro_core::directive_file::load(files, &registry, &known).map_err(Error::from)?;
    codec::done_days_not_after(&load, actor.day)?;
    for a in &load.agencies {
        upsert_agency(&mut tx, a)?;
        registry.insert(a.clone());
    }
    let directive_ids: Vec<&str> = load
        .directives
        .iter()
        .map(|d| d.directive.id.as_str())
        .collect();
    let mut stored = stored_tasks(&mut tx, &directive_ids)?;
    let mut summary = ImportSummary {
        directives: load.directives.len(),
        not_in_file: not_in_files(&load, &stored),
        ..ImportSummary::default()
    };
    upsert_directives(&mut tx, &load.directives)?;
    let mut pending = Pending::default();
    let today = codec::date_text(actor.day);
    for d in &load.directives {
        let created_on = codec::date_text(d.directive.issued_on.min(actor.day));
        for lt in &d.tasks {
            let place = (d.file.as_str(), lt.line);
            let id = lt.task.id.as_str();
            match stored.remove(id).filter(|_| known.contains_key(id)) {
                Some(old) => {
                    let at = (place, today.as_str());
                    update_task(&lt.task, &old, at, &registry, &mut pending)?.count(&mut summary);
                }
                None => {
                    pending.added.push(&lt.task, place, &created_on, &registry);
                    summary.added += 1;
                }
            }
        }
    }
    pending.write(&mut tx)?;
    tx.commit()?;
    Ok(summary)
}

/// Adds the directives of an import, or updates those already there, with
/// one statement (a load holds each directive once).
fn upsert_directives(
    tx: &mut impl GenericClient,
    directives: &[sauro_core::directive_file::LoadedDirective],
) -> Done<()> {
    let mut columns: [Vec<Option<String>>; 8] = Default::default();
    for d in directives {
        let dir = &d.directive;
        for (column, value) in columns.iter_mut().zip([
            Some(dir.id.to_string()),
            dir.number.clone(),
            Some(dir.title.clone()),
            Some(dir.issued_by.to_string()),
            Some(codec::date_text(dir.issued_on)),
            dir.signer.clone(),
            dir.url.clone(),
            Some(d.file.clone()),
        ]) {
            column.push(value);
        }
    }
    let params: Vec<&(dyn ToSql + Sync)> =
        columns.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
    tx.execute(
        "INSERT INTO sauro.directive (id, number, title, issued_by, issued_on, signer, url,
            source_file)
         SELECT u0, u1, u2, u3, u4::date, u5, u6, u7
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[]) AS u(u0, u1, u2, u3, u4, u5, u6, u7)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, title = excluded.title,
         issued_by = excluded.issued_by, issued_on = excluded.issued_on,
         signer = excluded.signer, url = excluded.url, source_file = excluded.source_file",
        &params,
    )?;
    Ok(())
}

/// The rows of the new tasks of an import, held column by column as text
/// and sent by [`NewRows::flush`] with one `INSERT … SELECT … FROM
/// unnest(…)` a table (not `COPY`, which PostgreSQL refuses on tables with
/// row-level security to all but their owner): a new task's row (its
/// co-leads and flags included), supporters, co-leads, prerequisites and its
/// history row, the same values the row-by-row statements of
/// [`import_task`] and [`co_leads_and_flags`] write for a task already there.
struct NewRows {
    tables: [Batch; 5],
}

/// One table's rows of [`NewRows`]: its columns (name, and the type text is
/// cast to, if not text), and their values: column by column for
/// `unnest`, or already in `COPY`'s text format (`copy`, a bulk load).
struct Batch {
    table: &'static str,
    columns: &'static [(&'static str, &'static str)],
    values: Vec<Vec<Option<String>>>,
    copy: Option<Vec<u8>>,
}

/// How much of a bulk load's `COPY` data is handed to the driver at once.
const COPY_CHUNK: usize = 64 * 1024;

impl Batch {
    fn new(
        table: &'static str,
        columns: &'static [(&'static str, &'static str)],
        bulk: bool,
    ) -> Batch {
        Batch {
            table,
            columns,
            values: vec![Vec::new(); columns.len()],
            copy: bulk.then(Vec::new),
        }
    }

    fn push(&mut self, row: &[Option<&str>]) {
        if let Some(data) = &mut self.copy {
            for (i, value) in row.iter().enumerate() {
                if i > 0 {
                    data.push(b'\t');
                }
                crate::copy::copy_field(data, *value);
            }
            data.push(b'\n');
            return;
        }
        for (column, value) in self.values.iter_mut().zip(row) {
            column.push(value.map(str::to_owned));
        }
    }

    /// Sends the rows of a bulk load with `COPY … FROM STDIN` (text format:
    /// the values are the text `unnest` casts, which `COPY` reads the same
    /// way), in chunks, and empties the buffer.
    fn send_copy(&mut self, tx: &mut impl GenericClient) -> Done<()> {
        let Some(data) = self.copy.take().filter(|d| !d.is_empty()) else {
            return Ok(());
        };
        let names: Vec<&str> = self.columns.iter().map(|(n, _)| *n).collect();
        let mut writer = tx.copy_in(&format!(
            "COPY sauro.{} ({}) FROM STDIN",
            self.table,
            names.join(", ")
        ))?;
        let sent = data
            .chunks(COPY_CHUNK)
            .try_for_each(|chunk| std::io::Write::write_all(&mut writer, chunk));
        let finished = writer.finish();
        self.copy = Some(Vec::new());
        match (sent, finished) {
            (_, Err(e)) => Err(e.into()),
            (Err(_), Ok(_)) => Err(Fail::Local(PgError::CopyStream)),
            (Ok(()), Ok(_)) => Ok(()),
        }
    }

    fn send(&mut self, tx: &mut impl GenericClient) -> Done<()> {
        if self.copy.is_some() {
            return self.send_copy(tx);
        }
        if self.values.first().is_none_or(Vec::is_empty) {
            return Ok(());
        }
        let mut names: Vec<&str> = self.columns.iter().map(|(n, _)| *n).collect();
        let mut selected: Vec<String> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, cast))| format!("u{i}{cast}"))
            .collect();
        let arrays: Vec<String> = (1..=self.columns.len())
            .map(|i| format!("${i}::text[]"))
            .collect();
        let aliases: Vec<String> = (0..self.columns.len()).map(|i| format!("u{i}")).collect();
        if self.table == "history" {
            // An import's rows for a task it changes, dated as every change
            // of a locked task (the import locked the files' stored tasks).
            names.push("at");
            selected.push(change_time_of("u0"));
        }
        let sql = format!(
            "INSERT INTO sauro.{} ({}) SELECT {} FROM unnest({}) AS u({})",
            self.table,
            names.join(", "),
            selected.join(", "),
            arrays.join(", "),
            aliases.join(", ")
        );
        let params: Vec<&(dyn ToSql + Sync)> = self
            .values
            .iter()
            .map(|c| c as &(dyn ToSql + Sync))
            .collect();
        tx.execute(&sql, &params)?;
        for column in &mut self.values {
            column.clear();
        }
        Ok(())
    }
}

const TASK_COLUMNS: &[(&str, &str)] = &[
    ("id", ""),
    ("directive_id", ""),
    ("title", ""),
    ("lead", ""),
    ("responsible", ""),
    ("product", ""),
    ("authority", ""),
    ("deadline_text", ""),
    ("deadline_kind", ""),
    ("deadline_due", "::date"),
    ("extended", "::boolean"),
    ("state", ""),
    ("state_on", "::date"),
    ("state_from_file", "::boolean"),
    ("file_note", ""),
    ("file_deadline_text", ""),
    ("file_state", ""),
    ("file_state_on", "::date"),
    ("source_file", ""),
    ("source_line", "::integer"),
    ("search", ""),
    ("support_ids", ""),
    ("depends_ids", ""),
    ("deadline_rule", ""),
    ("co_lead_ids", ""),
    ("is_key", "::boolean"),
    ("is_classified", "::boolean"),
];
const AGENCY_LINK_COLUMNS: &[(&str, &str)] =
    &[("task_id", ""), ("agency_id", ""), ("pos", "::integer")];
const DEP_COLUMNS: &[(&str, &str)] = &[("task_id", ""), ("depends_on", "")];
const HISTORY_COLUMNS: &[(&str, &str)] = &[
    ("task_id", ""),
    ("day", "::date"),
    ("action", ""),
    ("new", ""),
    ("new_day", "::date"),
    ("source_file", ""),
    ("source_line", "::integer"),
    ("field", ""),
    ("old", ""),
    ("old_day", "::date"),
];

fn flag_text(b: bool) -> Option<&'static str> {
    Some(if b { "t" } else { "f" })
}

impl NewRows {
    /// No rows yet; `bulk`: held in `COPY`'s format for [`bulk_import`].
    fn new(bulk: bool) -> NewRows {
        NewRows {
            // Tasks first: the others refer to them.
            tables: [
                Batch::new("task", TASK_COLUMNS, bulk),
                Batch::new("task_support", AGENCY_LINK_COLUMNS, bulk),
                Batch::new("task_co_lead", AGENCY_LINK_COLUMNS, bulk),
                Batch::new("task_dep", DEP_COLUMNS, bulk),
                Batch::new("history", HISTORY_COLUMNS, bulk),
            ],
        }
    }

    /// A new task (`created_on` dates its history row).
    fn push(
        &mut self,
        task: &Task,
        (file, line): (&str, usize),
        created_on: &str,
        registry: &Registry,
    ) {
        let id = task.id.as_str();
        let cols = codec::deadline_columns(task.deadline.as_ref());
        let (state, state_on) = codec::state_columns(task.state);
        let search = codec::search_text(task, registry);
        let line = i32::try_from(line).unwrap_or(i32::MAX).to_string();
        let co = codec::id_list(&task.co_leads);
        let [tasks, _, _, _, history] = &mut self.tables;
        tasks.push(&[
            Some(id),
            Some(task.directive.as_str()),
            Some(&task.title),
            task.lead.as_ref().map(|l| l.as_str()),
            task.responsible.as_deref(),
            task.product.as_deref(),
            task.authority.as_deref(),
            cols.text,
            cols.kind,
            cols.due.as_deref(),
            flag_text(false),
            Some(state),
            state_on.as_deref(),
            flag_text(true),
            task.note.as_deref(),
            cols.text,
            Some(state),
            state_on.as_deref(),
            Some(file),
            Some(&line),
            Some(&search),
            codec::id_list(&task.support).as_deref(),
            codec::id_list(&task.depends_on).as_deref(),
            cols.rule.as_deref(),
            co.as_deref(),
            flag_text(task.key),
            flag_text(task.classified),
        ]);
        let (new_state, new_day) = codec::value_columns(Some(&Value::State(task.state)));
        history.push(&[
            Some(id),
            Some(created_on),
            Some("import"),
            new_state.as_deref(),
            new_day.as_deref(),
            Some(file),
            Some(&line),
            None,
            None,
            None,
        ]);
        self.push_links(task);
        if co.is_some() {
            self.push_co_leads(task);
        }
    }

    /// A task's supporters and prerequisites.
    fn push_links(&mut self, task: &Task) {
        let id = task.id.as_str();
        let [_, support, _, dep, _] = &mut self.tables;
        for (pos, a) in task.support.iter().enumerate() {
            support.push(&[Some(id), Some(a.as_str()), Some(&pos.to_string())]);
        }
        for d in &task.depends_on {
            dep.push(&[Some(id), Some(d.as_str())]);
        }
    }

    /// A task's co-leads.
    fn push_co_leads(&mut self, task: &Task) {
        let id = task.id.as_str();
        for (pos, a) in task.co_leads.iter().enumerate() {
            self.tables[2].push(&[Some(id), Some(a.as_str()), Some(&pos.to_string())]);
        }
    }

    /// The history row of a change an import found in a stored task
    /// (`on`: the day of the import; `source`: the file and line, for a
    /// field the file writes).
    fn push_change(
        &mut self,
        task: &str,
        on: &str,
        (field, old, new): codec::FieldChange,
        source: Option<(&str, usize)>,
    ) {
        let (old, old_day) = codec::value_columns(old.as_ref());
        let (new, new_day) = codec::value_columns(new.as_ref());
        let line = source.map(|(_, l)| i32::try_from(l).unwrap_or(i32::MAX).to_string());
        self.tables[4].push(&[
            Some(task),
            Some(on),
            Some("import"),
            new.as_deref(),
            new_day.as_deref(),
            source.map(|(f, _)| f),
            line.as_deref(),
            Some(field.code()),
            old.as_deref(),
            old_day.as_deref(),
        ]);
    }

    /// Adds `other`'s rows (both in `COPY`'s format) after these.
    fn append(&mut self, other: NewRows) {
        for (mine, theirs) in self.tables.iter_mut().zip(other.tables) {
            if let (Some(data), Some(more)) = (&mut mine.copy, theirs.copy) {
                data.extend_from_slice(&more);
            }
        }
    }

    /// Writes the rows held, tasks first, and empties the buffer.
    fn flush(&mut self, tx: &mut impl GenericClient) -> Done<()> {
        for batch in &mut self.tables {
            batch.send(tx)?;
        }
        Ok(())
    }
}

/// How many checked directives may wait for the bulk load's writer.
const PIPELINE_DEPTH: usize = 64;

/// How many bytes of task rows the bulk load gathers before it sends them
/// and the rows of the other tables that go with them (a `COPY` a table).
const STREAM_CHUNK: usize = 2 << 20;

/// The bulk load of an import into a database without tasks (see
/// [`bulk_load_allowed`]), which adds every task of the files, as the
/// SQLite store's import does: sauro-core's checks
/// (`directive_file::load_each`) run on a second thread, which also makes
/// each checked directive's rows in `COPY`'s format, while this thread
/// writes them ([`stream_tasks`]). As `sauro_owner` for the rest of the
/// transaction, the foreign keys and secondary indexes of the tables
/// written are dropped, the rows sent with `COPY` as they come (row-level
/// security, which refuses `COPY` to others, does not bind the owner;
/// history's author is still the column default, the login). Once every
/// check has passed, the directives are written and the last rows sent,
/// then every index built and every key added again from its definition in
/// the catalog, checking all rows at once. A problem anywhere (the last
/// checks, prerequisites across files and cycles, come after the last
/// directive) returns an error and the caller's transaction is rolled
/// back: nothing written, the schema as it was.
fn bulk_import(
    tx: &mut postgres::Transaction<'_>,
    files: &[SourceFile<'_>],
    registry: &Registry,
    known: &HashMap<TaskId, sauro_core::directive_file::KnownTask>,
    today: chrono::NaiveDate,
) -> Done<ImportSummary> {
    let (streamed, checked) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(PIPELINE_DEPTH);
        let loader = scope.spawn(move || {
            // The registry with the files' agencies, for the rows' search
            // text (the agencies come first).
            let mut with_agencies = registry.clone();
            // A send fails only once the writer has stopped; the checks
            // then end unheard.
            sauro_core::directive_file::load_each(files, registry, known, |part| {
                let part = match part {
                    Loaded::Agencies(agencies) => {
                        for a in &agencies {
                            with_agencies.insert(a.clone());
                        }
                        Part::Agencies(agencies)
                    }
                    Loaded::Directive(d) => {
                        let rows = directive_rows(&d, &with_agencies, today);
                        Part::Directive(d, Box::new(rows))
                    }
                };
                let _ = send.send(part);
            })
        });
        // The receiver is dropped when this returns, so a loader still
        // checking is never left waiting on a full channel.
        let streamed = stream_tasks(tx, receive);
        let checked = loader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (streamed, checked)
    });
    // The files' problems first, as the SQLite store says them.
    checked.map_err(Error::from)?;
    let Streamed {
        mut rows,
        rebuild,
        agencies,
        directives,
        added,
    } = streamed?;
    let load = sauro_core::directive_file::Load {
        agencies,
        directives: directives
            .into_iter()
            .map(std::sync::Arc::unwrap_or_clone)
            .collect(),
    };
    codec::done_days_not_after(&load, today)?;
    upsert_directives(tx, &load.directives)?;
    rows.flush(tx)?;
    for statement in &rebuild {
        tx.batch_execute(statement)?;
    }
    tx.batch_execute("RESET ROLE")?;
    Ok(ImportSummary {
        directives: load.directives.len(),
        added,
        ..ImportSummary::default()
    })
}

/// A part of the load as [`stream_tasks`] receives it: a directive comes
/// with its rows, made on the checking thread (while the server stores the
/// rows sent before).
enum Part {
    Agencies(Vec<Agency>),
    Directive(
        std::sync::Arc<sauro_core::directive_file::LoadedDirective>,
        Box<NewRows>,
    ),
}

/// The rows of a checked directive's tasks, in `COPY`'s format.
fn directive_rows(
    d: &sauro_core::directive_file::LoadedDirective,
    registry: &Registry,
    today: chrono::NaiveDate,
) -> NewRows {
    let mut rows = NewRows::new(true);
    let created_on = codec::date_text(d.directive.issued_on.min(today));
    for lt in &d.tasks {
        rows.push(&lt.task, (d.file.as_str(), lt.line), &created_on, registry);
    }
    rows
}

/// What [`stream_tasks`] wrote and holds: the rows not sent yet, the
/// statements that make the dropped keys and indexes again, and the parts
/// of the load it received.
struct Streamed {
    rows: NewRows,
    rebuild: Vec<String>,
    agencies: Vec<Agency>,
    directives: Vec<std::sync::Arc<sauro_core::directive_file::LoadedDirective>>,
    added: usize,
}

/// The writing half of [`bulk_import`]: writes the files' agencies as the
/// login, then becomes `sauro_owner`, drops the keys and indexes, and sends
/// the directives' rows as they arrive, a `COPY` a table for every
/// [`STREAM_CHUNK`] of task rows (each table's rows so far, so the server
/// stores them while the next files are checked). Stops at the first
/// failure (the caller's transaction is then rolled back).
fn stream_tasks(
    tx: &mut postgres::Transaction<'_>,
    parts: std::sync::mpsc::Receiver<Part>,
) -> Done<Streamed> {
    let mut streamed = Streamed {
        rows: NewRows::new(true),
        rebuild: Vec::new(),
        agencies: Vec::new(),
        directives: Vec::new(),
        added: 0,
    };
    let mut parts = parts.into_iter().peekable();
    // Nothing comes when the files have problems: nothing is written.
    if parts.peek().is_none() {
        return Ok(streamed);
    }
    if let Some(Part::Agencies(agencies)) = parts.next_if(|p| matches!(p, Part::Agencies(_))) {
        for a in &agencies {
            upsert_agency(tx, a)?;
        }
        streamed.agencies = agencies;
    }
    tx.batch_execute(&format!("SET LOCAL ROLE {}", crate::roles::OWNER))?;
    streamed.rebuild = drop_keys_and_indexes(tx, &streamed.rows)?;
    for part in parts {
        let Part::Directive(d, rows) = part else {
            continue;
        };
        streamed.added += d.tasks.len();
        streamed.directives.push(d);
        streamed.rows.append(*rows);
        if streamed.rows.tables[0]
            .copy
            .as_ref()
            .is_some_and(|t| t.len() >= STREAM_CHUNK)
        {
            streamed.rows.flush(tx)?;
        }
    }
    Ok(streamed)
}

/// Drops the foreign keys and the secondary indexes (neither primary nor
/// unique) of the tables of `rows`; returns the statements that make them
/// again, indexes first (checking a key may use them), as the catalog
/// defines them.
fn drop_keys_and_indexes(tx: &mut impl GenericClient, rows: &NewRows) -> Done<Vec<String>> {
    let tables: Vec<String> = rows
        .tables
        .iter()
        .map(|b| format!("sauro.{}", b.table))
        .collect();
    let mut drop = Vec::new();
    let mut rebuild = Vec::new();
    for r in tx.query(
        "SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
         FROM pg_index i WHERE i.indrelid = ANY($1::text[]::regclass[])
            AND NOT i.indisprimary AND NOT i.indisunique
         ORDER BY i.indexrelid",
        &[&tables],
    )? {
        drop.push(r.try_get::<_, String>(0)?);
        rebuild.push(r.try_get::<_, String>(1)?);
    }
    for r in tx.query(
        "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                pg_get_constraintdef(c.oid))
         FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY($1::text[]::regclass[])
         ORDER BY c.oid",
        &[&tables],
    )? {
        drop.push(r.try_get::<_, String>(0)?);
        rebuild.push(r.try_get::<_, String>(1)?);
    }
    tx.batch_execute(&drop.join(";\n"))?;
    Ok(rebuild)
}

/// An import may bulk-load ([`bulk_import`]) when the database
/// holds no task (an import into it adds every task; `known_tasks` found
/// none in this transaction), the login may act as `sauro_owner` (an
/// administrator or a superuser: the roles that import; a secretary's
/// import is refused by the privileges as before) and the server is not
/// YugabyteDB, whose DDL inside a transaction is not rolled back with it
/// in every release (docs/architecture.md).
fn bulk_load_allowed(tx: &mut impl GenericClient) -> Done<bool> {
    let r = tx.query_one(
        &format!(
            "SELECT pg_has_role('{}', 'MEMBER') AND version() NOT LIKE '%-YB-%'
                AND NOT EXISTS (SELECT 1 FROM sauro.task)",
            crate::roles::OWNER
        ),
        &[],
    )?;
    Ok(r.try_get(0)?)
}

/// What an import writes once it has compared every task, a statement a
/// table: the new tasks' rows, the supporters, co-leads and prerequisites
/// of the changed ones (their old ones deleted first), every history row
/// in the order the SQLite store writes them (as the files hold the
/// tasks), and the changed columns of the tasks already stored.
struct Pending {
    added: NewRows,
    relinked: Vec<String>,
    co_relinked: Vec<String>,
    fields: Updates,
    flags: Updates,
    places: Updates,
}

impl Default for Pending {
    fn default() -> Pending {
        Pending {
            added: NewRows::new(false),
            relinked: Vec::new(),
            co_relinked: Vec::new(),
            fields: Updates::new(FIELD_COLUMNS, FIELD_SET),
            flags: Updates::new(FLAG_COLUMNS, FLAG_SET),
            places: Updates::new(PLACE_COLUMNS, PLACE_SET),
        }
    }
}

impl Pending {
    fn write(&mut self, tx: &mut impl GenericClient) -> Done<()> {
        for (table, ids) in [
            ("task_support", &self.relinked),
            ("task_dep", &self.relinked),
            ("task_co_lead", &self.co_relinked),
        ] {
            if !ids.is_empty() {
                tx.execute(
                    &format!("DELETE FROM sauro.{table} WHERE task_id = ANY($1)"),
                    &[ids],
                )?;
            }
        }
        self.added.flush(tx)?;
        for updates in [&mut self.fields, &mut self.flags, &mut self.places] {
            updates.send(tx)?;
        }
        Ok(())
    }
}

/// Updates of tasks' columns, held column by column as text and sent with
/// one `UPDATE … FROM unnest(…)`: `columns` name the values (`id` first),
/// `set` says how each column of the task takes them.
struct Updates {
    columns: &'static [&'static str],
    set: &'static str,
    values: Vec<Vec<Option<String>>>,
}

impl Updates {
    fn new(columns: &'static [&'static str], set: &'static str) -> Updates {
        Updates {
            columns,
            set,
            values: vec![Vec::new(); columns.len()],
        }
    }

    fn push(&mut self, row: &[Option<&str>]) {
        for (column, value) in self.values.iter_mut().zip(row) {
            column.push(value.map(str::to_owned));
        }
    }

    fn send(&mut self, tx: &mut impl GenericClient) -> Done<()> {
        if self.values.first().is_none_or(Vec::is_empty) {
            return Ok(());
        }
        let arrays: Vec<String> = (1..=self.columns.len())
            .map(|i| format!("${i}::text[]"))
            .collect();
        let sql = format!(
            "UPDATE sauro.task t SET {} FROM unnest({}) AS u({}) WHERE t.id = u.id",
            self.set,
            arrays.join(", "),
            self.columns.join(", ")
        );
        let params: Vec<&(dyn ToSql + Sync)> = self
            .values
            .iter()
            .map(|c| c as &(dyn ToSql + Sync))
            .collect();
        tx.execute(&sql, &params)?;
        for column in &mut self.values {
            column.clear();
        }
        Ok(())
    }
}

/// A changed task's columns as the file has them; its deadline and state
/// only where they apply (not over an extension, not over a state set in
/// sauro).
const FIELD_COLUMNS: &[&str] = &[
    "id",
    "title",
    "lead",
    "responsible",
    "product",
    "authority",
    "file_note",
    "file_deadline_text",
    "file_state",
    "file_state_on",
    "source_file",
    "source_line",
    "search",
    "support_ids",
    "depends_ids",
    "deadline_applies",
    "deadline_text",
    "deadline_kind",
    "deadline_due",
    "deadline_rule",
    "state_applies",
    "state",
    "state_on",
];
const FIELD_SET: &str = "title = u.title, lead = u.lead, responsible = u.responsible,
    product = u.product, authority = u.authority, file_note = u.file_note,
    file_deadline_text = u.file_deadline_text, file_state = u.file_state,
    file_state_on = u.file_state_on::date, source_file = u.source_file,
    source_line = u.source_line::integer, search = u.search, support_ids = u.support_ids,
    depends_ids = u.depends_ids,
    deadline_text = CASE WHEN u.deadline_applies::boolean THEN u.deadline_text
        ELSE t.deadline_text END,
    deadline_kind = CASE WHEN u.deadline_applies::boolean THEN u.deadline_kind
        ELSE t.deadline_kind END,
    deadline_due = CASE WHEN u.deadline_applies::boolean THEN u.deadline_due::date
        ELSE t.deadline_due END,
    deadline_rule = CASE WHEN u.deadline_applies::boolean THEN u.deadline_rule
        ELSE t.deadline_rule END,
    state = CASE WHEN u.state_applies::boolean THEN u.state ELSE t.state END,
    state_on = CASE WHEN u.state_applies::boolean THEN u.state_on::date ELSE t.state_on END";

/// A task's co-leads and flags, changed in the file.
const FLAG_COLUMNS: &[&str] = &["id", "co_lead_ids", "is_key", "is_classified"];
const FLAG_SET: &str = "co_lead_ids = u.co_lead_ids, is_key = u.is_key::boolean,
    is_classified = u.is_classified::boolean";

/// An unchanged task's place in the files, and its deadline's kind and rule
/// where its deadline applies.
const PLACE_COLUMNS: &[&str] = &[
    "id",
    "source_file",
    "source_line",
    "applies",
    "kind",
    "rule",
];
const PLACE_SET: &str = "source_file = u.source_file, source_line = u.source_line::integer,
    deadline_kind = CASE WHEN u.applies::boolean THEN u.kind ELSE t.deadline_kind END,
    deadline_rule = CASE WHEN u.applies::boolean THEN u.rule ELSE t.deadline_rule END";

/// What [`update_task`] made of a stored task, and how many changes it
/// recorded.
enum Outcome {
    Unchanged,
    Updated(usize),
}

impl Outcome {
    fn count(self, summary: &mut ImportSummary) {
        match self {
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::Updated(changes) => {
                summary.updated += 1;
                summary.changes += changes;
            }
        }
    }
}

/// A stored task as a file holds it now, compared by the rules of the
/// SQLite store's import (`codec::changed_fields`, `codec::flag_changes`):
/// left alone, its place in the files noted when it moved, or updated
/// field by field with a history row per change, its co-leads and flags
/// too. Held in `pending`.
fn update_task(
    task: &Task,
    old: &StoredTask,
    (place, today): ((&str, usize), &str),
    registry: &Registry,
    pending: &mut Pending,
) -> Done<Outcome> {
    let id = task.id.as_str();
    let cols = codec::deadline_columns(task.deadline.as_ref());
    let diff = codec::changed_fields(&old.compared, task, &cols)?;
    let co = codec::id_list(&task.co_leads);
    let flag_changes = codec::flag_changes(old.co_leads.clone(), old.key, old.classified, task)?;
    let flags_changed = (old.co_leads.as_deref(), old.key, old.classified)
        != (co.as_deref(), task.key, task.classified);
    let fields_changed = !diff.changes.is_empty();
    let line = i32::try_from(place.1).unwrap_or(i32::MAX).to_string();
    if !fields_changed {
        let moved = old.source_file.as_deref() != Some(place.0)
            || old.source_line.map(|l| l.to_string()) != Some(line.clone());
        let redated = diff.deadline_applies
            && (old.deadline_kind.as_deref() != cols.kind
                || old.compared.deadline_rule != cols.rule);
        if moved || redated {
            pending.places.push(&[
                Some(id),
                Some(place.0),
                Some(&line),
                flag_text(diff.deadline_applies),
                cols.kind,
                cols.rule.as_deref(),
            ]);
        }
    } else {
        let state_applies = diff.file_state_changed && old.compared.state_from_file;
        push_fields(
            pending,
            task,
            (place.0, &line),
            &cols,
            registry,
            (diff.deadline_applies, state_applies),
        );
    }
    if flags_changed {
        pending.flags.push(&[
            Some(id),
            co.as_deref(),
            flag_text(task.key),
            flag_text(task.classified),
        ]);
        if old.co_leads != co {
            pending.co_relinked.push(id.to_owned());
            pending.added.push_co_leads(task);
        }
    }
    let changes = diff.changes.len() + flag_changes.len();
    for change in diff.changes {
        pending.added.push_change(id, today, change, Some(place));
    }
    for change in flag_changes {
        pending.added.push_change(id, today, change, None);
    }
    Ok(if fields_changed || flags_changed {
        Outcome::Updated(changes)
    } else {
        Outcome::Unchanged
    })
}

/// A changed task's columns (see [`FIELD_COLUMNS`]), supporters and
/// prerequisites.
fn push_fields(
    pending: &mut Pending,
    task: &Task,
    (file, line): (&str, &str),
    cols: &codec::DeadlineColumns<'_>,
    registry: &Registry,
    (deadline_applies, state_applies): (bool, bool),
) {
    let id = task.id.as_str();
    let (state, state_on) = codec::state_columns(task.state);
    let search = codec::search_text(task, registry);
    pending.fields.push(&[
        Some(id),
        Some(&task.title),
        task.lead.as_ref().map(|l| l.as_str()),
        task.responsible.as_deref(),
        task.product.as_deref(),
        task.authority.as_deref(),
        task.note.as_deref(),
        cols.text,
        Some(state),
        state_on.as_deref(),
        Some(file),
        Some(line),
        Some(&search),
        codec::id_list(&task.support).as_deref(),
        codec::id_list(&task.depends_on).as_deref(),
        flag_text(deadline_applies),
        cols.text,
        cols.kind,
        cols.due.as_deref(),
        cols.rule.as_deref(),
        flag_text(state_applies),
        Some(state),
        state_on.as_deref(),
    ]);
    pending.relinked.push(id.to_owned());
    pending.added.push_links(task);
}
