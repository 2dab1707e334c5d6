//! An import into a database that has tasks: the files' stored tasks read
//! at once and locked, compared in memory, every row written with one
//! statement a table.

use super::rows::{NewRows, execute_columns, flag_text, text_arrays};
use crate::store::{Done, day};
use postgres::GenericClient;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use sauro_core::{Registry, Task};
use sauro_store::ImportSummary;
use sauro_store::backend as codec;
use std::collections::{HashMap, HashSet};

/// A stored task of the files' directives: what an import compares
/// (`codec::Stored`), and what it writes without a history row.
pub(super) struct StoredTask {
    pub(super) directive: String,
    pub(super) compared: codec::Stored,
    pub(super) source_file: Option<String>,
    pub(super) source_line: Option<i32>,
    pub(super) deadline_kind: Option<String>,
    pub(super) co_leads: Option<String>,
    pub(super) key: bool,
    pub(super) classified: bool,
}

/// The stored tasks of the load's directives, as the import compares
/// them with its files.
pub(super) struct StoredTasks<'l> {
    /// The tasks the files change or move: written by [`update_task`].
    pub(super) to_write: HashMap<&'l str, StoredTask>,
    /// The tasks the files hold as they are stored.
    pub(super) unchanged: HashSet<&'l str>,
    /// The tasks of the files' directives that the files no longer hold:
    /// directive by directive, in id order (as `COLLATE "C"`).
    pub(super) not_in_files: Vec<String>,
}

/// The stored tasks of the load's directives, read with one statement (a
/// task in a file belongs to its directive: the load refuses it otherwise)
/// and locked until the import ends (`FOR NO KEY UPDATE`: a secretary's
/// change, which locks its task `FOR UPDATE`, waits; another import's key
/// checks on these tasks do not, so two imports of directives that depend
/// on each other cannot deadlock). A change made meanwhile then applies to
/// what the import wrote, and none made before is written over by what was
/// read before it. What is compared is read from the task's row alone
/// (its supporters and prerequisites from `support_ids` and
/// `depends_ids`, written with the link tables in every transaction): a
/// row read after waiting for a lock is the row as last committed, where a
/// subquery would still see the tables as they were when the statement
/// began.
/// Each row is compared with its file task as it arrives, and kept only
/// when something is to be written: memory grows with the changes, not
/// with the tasks.
pub(super) fn stored_tasks<'l>(
    tx: &mut impl GenericClient,
    load: &'l sauro_core::directive_file::Load,
) -> Done<StoredTasks<'l>> {
    let mut in_files: HashMap<&str, (&Task, (&str, usize))> = HashMap::new();
    for d in &load.directives {
        for lt in &d.tasks {
            in_files.insert(lt.task.id.as_str(), (&lt.task, (d.file.as_str(), lt.line)));
        }
    }
    let directives: Vec<&str> = load
        .directives
        .iter()
        .map(|d| d.directive.id.as_str())
        .collect();
    let sql = format!(
        "SELECT id, directive_id, title, lead, responsible, product, authority, deadline_text,
            {due}, extended, state_from_file, file_note, file_deadline_text, file_state,
            {file_on},
            support_ids, depends_ids, deadline_rule, source_file, source_line, deadline_kind,
            co_lead_ids, is_key, is_classified
         FROM sauro.task t WHERE directive_id = ANY($1) FOR NO KEY UPDATE OF t",
        due = day("deadline_due"),
        file_on = day("file_state_on"),
    );
    let mut stored = StoredTasks {
        to_write: HashMap::new(),
        unchanged: HashSet::new(),
        not_in_files: Vec::new(),
    };
    let mut gone: HashMap<String, Vec<String>> = HashMap::new();
    let mut rows = tx.query_raw(&sql, [&directives as &(dyn ToSql + Sync)])?;
    while let Some(r) = rows.next()? {
        let id: String = r.try_get(0)?;
        let old = stored_task(&r)?;
        match in_files.get_key_value(id.as_str()) {
            None => gone.entry(old.directive).or_default().push(id),
            Some((&key, &(task, place))) => {
                if compare(task, &old, place)?.writes() {
                    stored.to_write.insert(key, old);
                } else {
                    stored.unchanged.insert(key);
                }
            }
        }
    }
    for d in &directives {
        let mut ids = gone.remove(*d).unwrap_or_default();
        ids.sort_unstable();
        stored.not_in_files.extend(ids);
    }
    Ok(stored)
}

/// A row of [`stored_tasks`]'s statement.
fn stored_task(r: &postgres::Row) -> Done<StoredTask> {
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
        depends_on: sorted_ids(r.try_get(16)?),
        deadline_rule: r.try_get(17)?,
    };
    Ok(StoredTask {
        directive: r.try_get(1)?,
        compared,
        source_file: r.try_get(18)?,
        source_line: r.try_get(19)?,
        deadline_kind: r.try_get(20)?,
        co_leads: r.try_get(21)?,
        key: r.try_get(22)?,
        classified: r.try_get(23)?,
    })
}

/// Space-separated ids in bytewise order (as `COLLATE "C"`), as the SQLite
/// store's import reads a task's prerequisites.
fn sorted_ids(ids: Option<String>) -> String {
    let mut ids: Vec<&str> = ids.as_deref().unwrap_or("").split_whitespace().collect();
    ids.sort_unstable();
    ids.join(" ")
}

/// How a file task differs from its stored row, by the rules of the
/// SQLite store's import (`codec::changed_fields`, `codec::flag_changes`).
struct Comparison<'t> {
    cols: codec::DeadlineColumns<'t>,
    diff: codec::Diff,
    co: Option<String>,
    flag_changes: Vec<codec::FieldChange>,
    flags_changed: bool,
    /// Its file or line is not the stored one.
    moved: bool,
    /// Its deadline applies and its kind or rule is not the stored one.
    redated: bool,
}

impl Comparison<'_> {
    /// True when the import writes anything of the task.
    fn writes(&self) -> bool {
        !self.diff.changes.is_empty() || self.flags_changed || self.moved || self.redated
    }
}

fn compare<'t>(
    task: &'t Task,
    old: &StoredTask,
    (file, line): (&str, usize),
) -> Done<Comparison<'t>> {
    let cols = codec::deadline_columns(task.deadline.as_ref());
    let diff = codec::changed_fields(&old.compared, task, &cols)?;
    let co = codec::id_list(&task.co_leads);
    let flag_changes = codec::flag_changes(old.co_leads.clone(), old.key, old.classified, task)?;
    let flags_changed = (old.co_leads.as_deref(), old.key, old.classified)
        != (co.as_deref(), task.key, task.classified);
    let moved = old.source_file.as_deref() != Some(file)
        || old.source_line != Some(i32::try_from(line).unwrap_or(i32::MAX));
    let redated = diff.deadline_applies
        && (old.deadline_kind.as_deref() != cols.kind || old.compared.deadline_rule != cols.rule);
    Ok(Comparison {
        cols,
        diff,
        co,
        flag_changes,
        flags_changed,
        moved,
        redated,
    })
}

/// What an import writes once it has compared every task, a statement a
/// table: the new tasks' rows, the supporters, co-leads and prerequisites
/// of the changed ones (their old ones deleted first), every history row
/// in the order the SQLite store writes them (as the files hold the
/// tasks), and the changed columns of the tasks already stored.
pub(super) struct Pending {
    pub(super) added: NewRows,
    pub(super) relinked: Vec<String>,
    pub(super) co_relinked: Vec<String>,
    pub(super) fields: Updates,
    pub(super) flags: Updates,
    pub(super) places: Updates,
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
    pub(super) fn write(&mut self, tx: &mut impl GenericClient) -> Done<()> {
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
pub(super) struct Updates {
    pub(super) columns: &'static [&'static str],
    pub(super) set: &'static str,
    pub(super) values: Vec<Vec<Option<String>>>,
}

impl Updates {
    pub(super) fn new(columns: &'static [&'static str], set: &'static str) -> Updates {
        Updates {
            columns,
            set,
            values: vec![Vec::new(); columns.len()],
        }
    }

    pub(super) fn push(&mut self, row: &[Option<&str>]) {
        for (column, value) in self.values.iter_mut().zip(row) {
            column.push(value.map(str::to_owned));
        }
    }

    pub(super) fn send(&mut self, tx: &mut impl GenericClient) -> Done<()> {
        if self.values.first().is_none_or(Vec::is_empty) {
            return Ok(());
        }
        let arrays = text_arrays(self.columns.len());
        let sql = format!(
            "UPDATE sauro.task t SET {} FROM unnest({}) AS u({}) WHERE t.id = u.id",
            self.set,
            arrays.join(", "),
            self.columns.join(", ")
        );
        execute_columns(tx, &sql, &mut self.values)
    }
}

/// A changed task's columns as the file has them; its deadline and state
/// only where they apply (not over an extension, not over a state set in
/// sauro).
pub(super) const FIELD_COLUMNS: &[&str] = &[
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
pub(super) const FIELD_SET: &str = "title = u.title, lead = u.lead, responsible = u.responsible,
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
pub(super) const FLAG_COLUMNS: &[&str] = &["id", "co_lead_ids", "is_key", "is_classified"];
pub(super) const FLAG_SET: &str = "co_lead_ids = u.co_lead_ids, is_key = u.is_key::boolean,
    is_classified = u.is_classified::boolean";

/// An unchanged task's place in the files, and its deadline's kind and rule
/// where its deadline applies.
pub(super) const PLACE_COLUMNS: &[&str] = &[
    "id",
    "source_file",
    "source_line",
    "applies",
    "kind",
    "rule",
];
pub(super) const PLACE_SET: &str =
    "source_file = u.source_file, source_line = u.source_line::integer,
    deadline_kind = CASE WHEN u.applies::boolean THEN u.kind ELSE t.deadline_kind END,
    deadline_rule = CASE WHEN u.applies::boolean THEN u.rule ELSE t.deadline_rule END";

/// What [`update_task`] made of a stored task, and how many changes it
/// recorded.
pub(super) enum Outcome {
    Unchanged,
    Updated(usize),
}

impl Outcome {
    pub(super) fn count(self, summary: &mut ImportSummary) {
        match self {
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::Updated(changes) => {
                summary.updated += 1;
                summary.changes += changes;
            }
        }
    }
}

/// A stored task as a file holds it now ([`compare`]): left alone, its
/// place in the files noted when it moved, or updated field by field with
/// a history row per change, its co-leads and flags too. Held in
/// `pending`.
pub(super) fn update_task(
    task: &Task,
    old: &StoredTask,
    (place, today): ((&str, usize), &str),
    registry: &Registry,
    pending: &mut Pending,
) -> Done<Outcome> {
    let id = task.id.as_str();
    let Comparison {
        cols,
        diff,
        co,
        flag_changes,
        flags_changed,
        moved,
        redated,
    } = compare(task, old, place)?;
    let fields_changed = !diff.changes.is_empty();
    let line = i32::try_from(place.1).unwrap_or(i32::MAX).to_string();
    if fields_changed {
        let state_applies = diff.file_state_changed && old.compared.state_from_file;
        push_fields(
            pending,
            task,
            (place.0, &line),
            &cols,
            registry,
            (diff.deadline_applies, state_applies),
        );
    } else if moved || redated {
        pending.places.push(&[
            Some(id),
            Some(place.0),
            Some(&line),
            flag_text(diff.deadline_applies),
            cols.kind,
            cols.rule.as_deref(),
        ]);
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
pub(super) fn push_fields(
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
