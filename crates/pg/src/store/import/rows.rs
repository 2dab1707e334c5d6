//! The rows of new tasks, held for one statement a table: as text for
//! `INSERT … SELECT … FROM unnest(…)`, or in `COPY`'s format for the bulk
//! load.

use crate::error::Error as PgError;
use crate::store::{Done, Fail, change_time_of};
use postgres::GenericClient;
use postgres::types::ToSql;
use sauro_core::{Registry, Task, Value};
use sauro_store::backend as codec;

/// The rows an import inserts, held column by column as text and sent by
/// [`NewRows::flush`] with one `INSERT … SELECT … FROM unnest(…)` a table
/// (not `COPY`, which PostgreSQL refuses on tables with row-level security
/// to all but their owner), or in `COPY`'s format for the bulk load: a new
/// task's row (its co-leads and flags included), supporters, co-leads,
/// prerequisites and history row; a changed task's new links and the
/// history rows of its changes ([`NewRows::push_change`]), every history
/// row in the order pushed.
pub(super) struct NewRows {
    pub(super) tables: [Batch; 5],
}

/// One table's rows of [`NewRows`]: its columns (name, and the type text is
/// cast to, if not text), and their values: column by column for
/// `unnest`, or already in `COPY`'s text format (`copy`, a bulk load).
pub(super) struct Batch {
    pub(super) table: &'static str,
    pub(super) columns: &'static [(&'static str, &'static str)],
    pub(super) values: Vec<Vec<Option<String>>>,
    pub(super) copy: Option<Vec<u8>>,
    /// Rows of history: inserted (not copied) with `at` dated as every
    /// change of a locked task ([`change_time_of`] their task, column 0).
    pub(super) dated: bool,
}

/// How much of a bulk load's `COPY` data is handed to the driver at once.
pub(super) const COPY_CHUNK: usize = 64 * 1024;

impl Batch {
    pub(super) fn new(
        table: &'static str,
        columns: &'static [(&'static str, &'static str)],
        bulk: bool,
    ) -> Batch {
        Batch {
            table,
            columns,
            values: vec![Vec::new(); columns.len()],
            copy: bulk.then(Vec::new),
            dated: false,
        }
    }

    /// This batch, its rows dated (see the field `dated`).
    fn with_dated_rows(self) -> Batch {
        Batch {
            dated: true,
            ..self
        }
    }

    pub(super) fn push(&mut self, row: &[Option<&str>]) {
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
    pub(super) fn send_copy(&mut self, tx: &mut impl GenericClient) -> Done<()> {
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

    pub(super) fn send(&mut self, tx: &mut impl GenericClient) -> Done<()> {
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
        let arrays = text_arrays(self.columns.len());
        let aliases: Vec<String> = (0..self.columns.len()).map(|i| format!("u{i}")).collect();
        if self.dated {
            // The import locked the files' stored tasks: a stored task's
            // rows after its latest; a new task has none, so its row gets
            // `now()`, the default.
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
        execute_columns(tx, &sql, &mut self.values)
    }
}

/// Runs `sql`, whose parameters are text arrays (`$1::text[]`, …), with
/// the columns of `values`, and empties them.
pub(super) fn execute_columns(
    tx: &mut impl GenericClient,
    sql: &str,
    values: &mut [Vec<Option<String>>],
) -> Done<()> {
    let params: Vec<&(dyn ToSql + Sync)> =
        values.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
    tx.execute(sql, &params)?;
    for column in values {
        column.clear();
    }
    Ok(())
}

/// The parameters `$1::text[]` … `$n::text[]` of `n` columns.
pub(super) fn text_arrays(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("${i}::text[]")).collect()
}

pub(super) const TASK_COLUMNS: &[(&str, &str)] = &[
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
pub(super) const AGENCY_LINK_COLUMNS: &[(&str, &str)] =
    &[("task_id", ""), ("agency_id", ""), ("pos", "::integer")];
pub(super) const DEP_COLUMNS: &[(&str, &str)] = &[("task_id", ""), ("depends_on", "")];
pub(super) const HISTORY_COLUMNS: &[(&str, &str)] = &[
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

pub(super) fn flag_text(b: bool) -> Option<&'static str> {
    Some(if b { "t" } else { "f" })
}

impl NewRows {
    /// No rows yet; `bulk`: held in `COPY`'s format for [`bulk_import`].
    pub(super) fn new(bulk: bool) -> NewRows {
        NewRows {
            // Tasks first: the others refer to them.
            tables: [
                Batch::new("task", TASK_COLUMNS, bulk),
                Batch::new("task_support", AGENCY_LINK_COLUMNS, bulk),
                Batch::new("task_co_lead", AGENCY_LINK_COLUMNS, bulk),
                Batch::new("task_dep", DEP_COLUMNS, bulk),
                Batch::new("history", HISTORY_COLUMNS, bulk).with_dated_rows(),
            ],
        }
    }

    /// A new task (`created_on` dates its history row).
    pub(super) fn push(
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
    pub(super) fn push_links(&mut self, task: &Task) {
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
    pub(super) fn push_co_leads(&mut self, task: &Task) {
        let id = task.id.as_str();
        for (pos, a) in task.co_leads.iter().enumerate() {
            self.tables[2].push(&[Some(id), Some(a.as_str()), Some(&pos.to_string())]);
        }
    }

    /// The history row of a change an import found in a stored task
    /// (`on`: the day of the import; `source`: the file and line, for a
    /// field the file writes).
    pub(super) fn push_change(
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
    pub(super) fn append(&mut self, other: NewRows) {
        for (mine, theirs) in self.tables.iter_mut().zip(other.tables) {
            if let (Some(data), Some(more)) = (&mut mine.copy, theirs.copy) {
                data.extend_from_slice(&more);
            }
        }
    }

    /// Writes the rows held, tasks first, and empties the buffer.
    pub(super) fn flush(&mut self, tx: &mut impl GenericClient) -> Done<()> {
        for batch in &mut self.tables {
            batch.send(tx)?;
        }
        Ok(())
    }
}
