//! Reading tasks. Filters that SQLite can answer from its indexes are pushed
//! down, so `sauro overdue` on 100k tasks reads only the overdue rows; status
//! is then computed by sauro-core.

use crate::encode::{date_text, deadline_from, parse_date, state_from};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};
use rustc_hash::FxHashSet;
use sauro_core::{Directive, Task, TaskId, TaskState};
use std::collections::HashMap;

/// A task as read from the store, with what the database knows around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    /// The task. Its `note` holds both the directive file's note and the
    /// latest note added in sauro (`file note — latest note`), so a list or
    /// an export shows both.
    pub task: Task,
    /// Prerequisites not finished (nor cancelled) as of the query's date.
    pub blocked_by: Vec<TaskId>,
    /// The directive file it was imported from.
    pub source_file: Option<String>,
    /// Its line there.
    pub source_line: Option<i64>,
    /// The folded text search looks in (id, title, product, responsible,
    /// agencies), when the filter asked for it.
    pub search_text: Option<String>,
    /// The note of the directive file alone (shown before the notes added in sauro).
    pub file_note: Option<String>,
    /// The deadline as the directive file words it (at its last import):
    /// the original deadline of a task extended in sauro.
    pub file_deadline: Option<String>,
    /// Its version ([`crate::Version`]), when the filter asked for it
    /// (`with_version`; [`Store::task`] always does): what a change made
    /// from this row passes, so a task changed since is refused.
    pub version: Option<crate::Version>,
}

/// The note a task row carries: the file's and the latest added, both.
pub fn both_notes(file: Option<&str>, latest: Option<&str>) -> Option<String> {
    match (file, latest) {
        (Some(f), Some(l)) => Some(format!("{f} — {l}")),
        (f, l) => f.or(l).map(str::to_owned),
    }
}

/// Which tasks to read. Every set field narrows the result.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// Only tasks led by one of these agency ids, as lead or co-lead (empty: any).
    pub leads: Vec<String>,
    /// Only tasks with no lead agency ("chưa rõ chủ trì").
    pub no_lead: bool,
    /// Only key tasks (nhiệm vụ trọng tâm).
    pub key: bool,
    /// Only tasks of this directive.
    pub directive: Option<String>,
    /// Only tasks whose folded search text contains this (already folded) text.
    pub search: Option<String>,
    /// With `search`: tasks led or supported by one of these agency ids
    /// match too (the search text named an agency by a name or alias the
    /// task's text does not hold, `--search "Bộ KH&CN"`).
    pub search_agencies: Vec<String>,
    /// Only tasks unfinished and past their deadline as of the date.
    pub overdue: bool,
    /// Only unfinished tasks with an unfinished prerequisite.
    pub blocked: bool,
    /// Only unfinished tasks due within this many days of the date (inclusive).
    pub due_within: Option<i64>,
    /// Only these task ids (empty: any).
    pub ids: Vec<String>,
    /// Only the first N tasks by deadline, earliest first (then by id),
    /// instead of every match in id order.
    pub first_by_deadline: Option<usize>,
    /// Also read each task's folded search text ([`TaskRow::search_text`]).
    pub with_search_text: bool,
    /// Also read each task's version ([`TaskRow::version`]): the terminal
    /// UI, whose changes pass what it showed.
    pub with_version: bool,
    /// Read only what a list table shows (id, directive, title, leads,
    /// deadline, state, prerequisites, flags): the responsible unit,
    /// product, authority, notes, supporters, source and the file's
    /// deadline wording come back empty. Less to step through and copy
    /// when a long list is only printed (`sauro overdue`).
    pub table_columns_only: bool,
}

/// SQL: the task aliased `x` is finished or withdrawn as of `:asof`.
fn settled(x: &str) -> String {
    format!(
        "(({x}.state = 'done' AND {x}.state_on <= :asof) OR \
          ({x}.state = 'cancelled' AND ({x}.state_on IS NULL OR {x}.state_on <= :asof)))"
    )
}

/// The `WHERE` clauses of a task query for `filter` on `as_of`, and the
/// named parameters they use (owned: a second reader thread may bind them
/// too).
fn filter_clauses(filter: &TaskFilter, as_of: NaiveDate) -> (Vec<String>, Vec<(String, Value)>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<(String, Value)> = Vec::new();
    params.push((":asof".into(), Value::Text(date_text(as_of))));
    for (i, lead) in filter.leads.iter().enumerate() {
        params.push((format!(":lead{i}"), Value::Text(lead.clone())));
    }
    if !filter.leads.is_empty() {
        let names: Vec<String> = (0..filter.leads.len())
            .map(|i| format!(":lead{i}"))
            .collect();
        let names = names.join(", ");
        clauses.push(format!(
            "(t.lead IN ({names}) OR (t.co_lead_ids IS NOT NULL AND EXISTS \
             (SELECT 1 FROM task_co_lead c WHERE c.task_id = t.id AND c.agency_id IN ({names}))))"
        ));
    }
    if filter.no_lead {
        clauses.push("t.lead IS NULL".into());
    }
    if filter.key {
        clauses.push("t.is_key = 1".into());
    }
    if let Some(d) = &filter.directive {
        clauses.push("t.directive_id = :directive".into());
        params.push((":directive".into(), Value::Text(d.clone())));
    }
    if let Some(s) = filter.search.as_deref().filter(|s| !s.is_empty()) {
        let like = "t.search LIKE :search ESCAPE '\\'";
        if filter.search_agencies.is_empty() {
            clauses.push(like.into());
        } else {
            let names: Vec<String> = (0..filter.search_agencies.len())
                .map(|i| format!(":sa{i}"))
                .collect();
            let names = names.join(", ");
            clauses.push(format!(
                "({like} OR t.lead IN ({names}) OR EXISTS (SELECT 1 FROM task_support s \
                 WHERE s.task_id = t.id AND s.agency_id IN ({names})) OR EXISTS \
                 (SELECT 1 FROM task_co_lead c WHERE c.task_id = t.id AND c.agency_id IN ({names})))"
            ));
            for (i, a) in filter.search_agencies.iter().enumerate() {
                params.push((format!(":sa{i}"), Value::Text(a.clone())));
            }
        }
        params.push((":search".into(), Value::Text(like_pattern(s))));
    }
    if filter.overdue {
        clauses.push(format!("t.deadline_due < :asof AND NOT {}", settled("t")));
    }
    if let Some(n) = filter.due_within {
        // A recurring deadline's next occurrence is worked out below.
        clauses.push(format!(
            "(t.deadline_due BETWEEN :asof AND :until OR t.deadline_rule IS NOT NULL)
             AND NOT {}",
            settled("t")
        ));
        // Stored days are `YYYY-MM-DD` text: a day past 9999 (or past
        // chrono's range) would not compare; no deadline is later anyway.
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
        let until = as_of
            .checked_add_days(chrono::Days::new(n.max(0) as u64))
            .map_or(last, |d| d.min(last));
        params.push((":until".into(), Value::Text(date_text(until))));
    }
    if filter.blocked {
        // Unfinished with prerequisites: which of those are unfinished
        // is worked out after the read (`mark_blocked`).
        clauses.push(format!(
            "NOT {} AND t.depends_ids IS NOT NULL",
            settled("t")
        ));
    }
    if !filter.ids.is_empty() {
        let names: Vec<String> = (0..filter.ids.len()).map(|i| format!(":id{i}")).collect();
        clauses.push(format!("t.id IN ({})", names.join(", ")));
        for (i, id) in filter.ids.iter().enumerate() {
            params.push((format!(":id{i}"), Value::Text(id.clone())));
        }
    }
    (clauses, params)
}

/// The `SELECT` of a task query: the columns `filter` asks for (the
/// others typed `NULL`), `where_clause`, and the order of the read.
fn task_select(filter: &TaskFilter, where_clause: &str, everything: bool) -> String {
    format!(
        "SELECT t.id, t.directive_id, t.title, t.lead, {details},
            t.deadline_text, t.deadline_kind, t.deadline_due, t.extended, t.state, t.state_on,
            {last_note},
            {support},
            t.depends_ids,
            {source}, {search_col}, t.deadline_rule, {file_note},
            t.co_lead_ids, t.is_key, t.is_classified, {file_deadline}, {version}
         FROM task t {where_clause} {order}",
        // In table order, which reads the table from start to end when
        // no index narrows the search (an id order would look every row
        // up from the id index); put in id order below.
        order = match (filter.first_by_deadline, everything) {
            (Some(n), _) => format!("ORDER BY t.deadline_due, t.id LIMIT {n}"),
            (None, true) => "ORDER BY t.id".to_owned(),
            (None, false) => "ORDER BY t.rowid".to_owned(),
        },
        search_col = if filter.with_search_text {
            "t.search"
        } else {
            "NULL"
        },
        details = column(
            filter,
            "t.responsible, t.product, t.authority",
            "NULL, NULL, NULL"
        ),
        last_note = column(filter, "t.last_note", "NULL"),
        support = column(filter, "t.support_ids", "NULL"),
        source = column(filter, "t.source_file, t.source_line", "NULL, NULL"),
        file_note = column(filter, "t.file_note", "NULL"),
        file_deadline = column(filter, "t.file_deadline_text", "NULL"),
        version = if filter.with_version {
            "(SELECT count(*) FROM history h WHERE h.task_id = t.id)"
        } else {
            "NULL"
        },
    )
}

/// The ids of `rows` unfinished as of `as_of`.
fn open_ids(rows: &[TaskRow], as_of: NaiveDate) -> FxHashSet<&str> {
    rows.iter()
        .filter(|r| matches!(r.task.state.as_of(as_of), TaskState::Open))
        .map(|r| r.task.id.as_str())
        .collect()
}

/// A `LIKE` pattern finding `folded` (the folded search text) anywhere,
/// its `%`, `_` and `\` taken literally (`ESCAPE '\'`): both stores search
/// with it.
pub fn like_pattern(folded: &str) -> String {
    let mut p = String::from("%");
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl Store {
    /// The tasks that pass `filter`, by id, as of a date.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn tasks(&self, filter: &TaskFilter, as_of: NaiveDate) -> Result<Vec<TaskRow>> {
        self.located(self.tasks_in(filter, as_of), false)
    }

    fn tasks_in(&self, filter: &TaskFilter, as_of: NaiveDate) -> Result<Vec<TaskRow>> {
        let (clauses, params) = filter_clauses(filter, as_of);
        let where_clause = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        // Reading every task, the states of all prerequisites are at hand:
        // what blocks a task is then worked out here rather than looked up
        // in SQL for each task with prerequisites.
        let everything = clauses.is_empty() && filter.first_by_deadline.is_none();
        let sql = task_select(filter, &where_clause, everything);
        // Bind only the parameters the statement names (reading everything
        // names no day).
        let refs: Vec<(&str, &dyn ToSql)> = params
            .iter()
            .filter(|(n, _)| sql.contains(n.as_str()))
            .map(|(n, v)| (n.as_str(), v as &dyn ToSql))
            .collect();
        // At most every task: room for that many rows is reserved (address
        // space only; memory is touched as rows come), so a long list is
        // never copied to a larger buffer as it grows.
        let tasks = self.task_bound()?;
        let room = match (filter.ids.len(), filter.first_by_deadline) {
            (0, None) => tasks,
            (0, Some(n)) => n.min(tasks),
            (ids, _) => ids.min(tasks),
        }
        .min(MAX_ROOM);
        // A long search of a large table (no id, directive or deadline
        // order to narrow it) is split between two readers like reading
        // every task.
        let split = filter.ids.is_empty()
            && filter.directive.is_none()
            && filter.first_by_deadline.is_none()
            && tasks >= SPLIT_READ_AT as usize
            && !self.read_only;
        let mut out = match (&self.path, everything) {
            (Some(path), true) => self.read_in_halves(path, &sql)?,
            (Some(path), false) if split => {
                let named: Vec<(&str, &Value)> = params
                    .iter()
                    .filter(|(n, _)| sql.contains(n.as_str()))
                    .map(|(n, v)| (n.as_str(), v))
                    .collect();
                self.search_in_halves(path, &sql, &named, tasks, room)?
            }
            _ => read_rows(&self.conn, &sql, &refs, room)?,
        };
        if let Some(n) = filter.due_within {
            out.retain(|r| {
                r.task
                    .due_as_of(as_of)
                    .is_some_and(|d| (d - as_of).num_days() <= n.max(0))
            });
        }
        if !everything {
            mark_blocked(&self.conn, &mut out, as_of, tasks)?;
            if filter.blocked {
                out.retain(|r| !r.blocked_by.is_empty());
            }
            if filter.first_by_deadline.is_none() {
                out.sort_unstable_by(|a, b| a.task.id.cmp(&b.task.id));
            }
        } else {
            // Every task was read: the states of all prerequisites are at hand.
            let open: FxHashSet<&str> = open_ids(&out, as_of);
            let blocked = blockers(&out, as_of, |id| open.contains(id));
            for (row, b) in out.iter_mut().zip(blocked) {
                row.blocked_by = b;
            }
        }
        Ok(out)
    }

    /// One task, as of a date.
    ///
    /// # Errors
    /// [`Error::UnknownTask`] when no task has the id; database failures.
    pub fn task(&self, id: &str, as_of: NaiveDate) -> Result<TaskRow> {
        let id = self.task_id(id)?;
        let filter = TaskFilter {
            ids: vec![id.clone()],
            with_version: true,
            ..TaskFilter::default()
        };
        self.tasks(&filter, as_of)?
            .pop()
            .ok_or_else(|| unknown_task(&id, Vec::new()))
    }

    /// The stored id of the task `id` names: the id itself, or the one id
    /// equal to it when letter case is ignored (`bcdtw-ctct-2026/01`). Every
    /// lookup and change by id goes through here.
    ///
    /// # Errors
    /// [`Error::UnknownTask`] with the nearest ids ("did you mean") when no
    /// task has the id; database failures.
    pub fn task_id(&self, id: &str) -> Result<String> {
        let r = self.task_id_in(id.trim());
        self.located(r, false)
    }

    fn task_id_in(&self, id: &str) -> Result<String> {
        let conn = &self.conn;
        let exact: Option<String> = conn
            .prepare_cached("SELECT id FROM task WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(found) = exact {
            return Ok(found);
        }
        let folded: Vec<String> = conn
            .prepare_cached("SELECT id FROM task WHERE id = ?1 COLLATE NOCASE LIMIT 2")?
            .query_map([id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        if let [one] = folded.as_slice() {
            return Ok(one.clone());
        }
        let all: Vec<String> = if folded.is_empty() {
            conn.prepare_cached("SELECT id FROM task")?
                .query_map([], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?
        } else {
            // Ids that differ only by case: name them all.
            folded
        };
        let near = sauro_core::ids::nearest_ids(id, all.iter().map(String::as_str), 3);
        Err(unknown_task(
            id,
            near.into_iter().map(str::to_owned).collect(),
        ))
    }

    /// Every directive, by id.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn directives(&self) -> Result<Vec<Directive>> {
        self.located(self.directives_in(), false)
    }

    fn directives_in(&self) -> Result<Vec<Directive>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, title, issued_by, issued_on, signer, url FROM directive ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let by: String = r.get(3)?;
            let on: String = r.get(4)?;
            out.push(Directive {
                id: id
                    .parse()
                    .map_err(|_| Error::Corrupt(format!("directive id {id:?}")))?,
                number: r.get(1)?,
                title: r.get(2)?,
                issued_by: by
                    .parse()
                    .map_err(|_| Error::Corrupt(format!("agency id {by:?}")))?,
                issued_on: parse_date(&on)?,
                signer: r.get(5)?,
                url: r.get(6)?,
            });
        }
        Ok(out)
    }

    /// Every task's prerequisites, for the dependency graph.
    ///
    /// # Errors
    /// Database failures.
    pub fn dependencies(&self) -> Result<Vec<(TaskId, Vec<TaskId>)>> {
        self.located(self.dependencies_in(), false)
    }

    fn dependencies_in(&self) -> Result<Vec<(TaskId, Vec<TaskId>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT task_id, depends_on FROM task_dep ORDER BY task_id")?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<(TaskId, Vec<TaskId>)> = Vec::new();
        while let Some(r) = rows.next()? {
            let t = task_id(r.get::<_, String>(0)?)?;
            let d = task_id(r.get::<_, String>(1)?)?;
            match out.last_mut() {
                Some((last, deps)) if *last == t => deps.push(d),
                _ => out.push((t, vec![d])),
            }
        }
        Ok(out)
    }

    /// Every task's recorded state, for graph walks that need to know what is done.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn states(&self) -> Result<HashMap<TaskId, TaskState>> {
        self.located(self.states_in(), false)
    }

    fn states_in(&self) -> Result<HashMap<TaskId, TaskState>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, state, state_on FROM task")?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let id = task_id(r.get::<_, String>(0)?)?;
            let state: String = r.get(1)?;
            let on: Option<String> = r.get(2)?;
            out.insert(id, state_from(&state, on.as_deref())?);
        }
        Ok(out)
    }
}

/// Runs a task query and decodes its rows.
/// The columns `full` of a task query, or `empty` (as many `NULL`s) when
/// the filter asks only for what a list table shows.
fn column<'a>(filter: &TaskFilter, full: &'a str, empty: &'a str) -> &'a str {
    if filter.table_columns_only {
        empty
    } else {
        full
    }
}

fn read_rows(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[(&str, &dyn ToSql)],
    room: usize,
) -> Result<Vec<TaskRow>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::with_capacity(room);
    while let Some(r) = rows.next()? {
        out.push(row_to_task(r)?);
    }
    Ok(out)
}

impl Store {
    /// No more tasks than this are stored (the largest row id: quick to
    /// read, never below the count).
    fn task_bound(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(rowid), 0) FROM task")?
            .query_row([], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// The second connection a read split in halves reads the upper half on:
/// read-only, waiting for a writer's lock as every connection does.
fn second_reader(path: &std::path::Path) -> Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
    Ok(conn)
}

/// The most rows room is reserved for before a read (a row id far above
/// the count of tasks must not reserve more).
const MAX_ROOM: usize = 1 << 20;

/// Below this many tasks, one reader is quicker than two.
const SPLIT_READ_AT: i64 = 20_000;

impl Store {
    /// Runs a task query (`sql` has a `WHERE` and reads in table order) on
    /// the two halves of the table at once, the upper half on a second
    /// connection, and puts the halves together in table order. `tasks` is
    /// the largest row id, `room` the rows to make room for.
    fn search_in_halves(
        &self,
        path: &std::path::Path,
        sql: &str,
        params: &[(&str, &Value)],
        tasks: usize,
        room: usize,
    ) -> Result<Vec<TaskRow>> {
        let mid = i64::try_from(tasks / 2).unwrap_or(i64::MAX);
        let half = |cmp: &str| {
            sql.replacen(
                "FROM task t WHERE ",
                &format!("FROM task t WHERE t.rowid {cmp} :mid AND "),
                1,
            )
        };
        let (low_sql, high_sql) = (half("<"), half(">="));
        let (low, high) = std::thread::scope(|s| {
            let high = s.spawn(|| -> Result<Vec<TaskRow>> {
                let conn = second_reader(path)?;
                let mut refs: Vec<(&str, &dyn ToSql)> =
                    params.iter().map(|(n, v)| (*n, *v as &dyn ToSql)).collect();
                refs.push((":mid", &mid));
                read_rows(&conn, &high_sql, &refs, room)
            });
            let mut refs: Vec<(&str, &dyn ToSql)> =
                params.iter().map(|(n, v)| (*n, *v as &dyn ToSql)).collect();
            refs.push((":mid", &mid));
            let low = read_rows(&self.conn, &low_sql, &refs, room);
            let high = high
                .join()
                .unwrap_or_else(|_| Err(Error::Corrupt("a reader thread failed".into())));
            (low, high)
        });
        let (mut out, high) = (low?, high?);
        out.extend(high);
        Ok(out)
    }

    /// Reads every task (`sql` has no `WHERE`), the two halves of the table
    /// on two connections at once: decoding 100k rows is most of the time the
    /// terminal UI needs before its first frame with data. Each half comes
    /// back in id order and the halves are merged.
    fn read_in_halves(&self, path: &std::path::Path, sql: &str) -> Result<Vec<TaskRow>> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM task", [], |r| r.get(0))?;
        // A read-only file is read as it is, on its one connection.
        if count < SPLIT_READ_AT || self.read_only {
            return read_rows(&self.conn, sql, &[], count.max(0) as usize);
        }
        let mid: i64 = self.conn.query_row(
            "SELECT rowid FROM task ORDER BY rowid LIMIT 1 OFFSET ?1",
            [count / 2],
            |r| r.get(0),
        )?;
        // Each half is read in table order (a plain range scan); the whole
        // is then put in id order here.
        let half = |cmp: &str| {
            sql.replacen(
                "FROM task t ",
                &format!("FROM task t WHERE t.rowid {cmp} :mid "),
                1,
            )
            .replacen("ORDER BY t.id", "ORDER BY t.rowid", 1)
        };
        let (low_sql, high_sql) = (half("<"), half(">="));
        let (low, high) = std::thread::scope(|s| {
            let high = s.spawn(|| -> Result<Vec<TaskRow>> {
                let conn = second_reader(path)?;
                read_rows(&conn, &high_sql, &[(":mid", &mid)], 0)
            });
            let low = read_rows(&self.conn, &low_sql, &[(":mid", &mid)], 0);
            let high = high
                .join()
                .unwrap_or_else(|_| Err(Error::Corrupt("a reader thread failed".into())));
            (low, high)
        });
        let (mut out, high) = (low?, high?);
        out.extend(high);
        out.sort_unstable_by(|a, b| a.task.id.cmp(&b.task.id));
        Ok(out)
    }
}

/// How many entries of the task index one lookup by id costs about: fewer
/// prerequisites than the tasks over this are looked up one by one, more
/// are found in one pass over the index.
const LOOKUP_COST: usize = 16;

/// Sets each row's `blocked_by`: for a row unfinished as of `as_of`, its
/// prerequisites unfinished (nor withdrawn) as of that day. The states of
/// every row's prerequisites are read at once, from the index of the
/// tasks' ids and states (`task_state_by_id`), rather than looked up in
/// the task table for each row. Prerequisites are put in id order, the
/// order of the link table.
fn mark_blocked(
    conn: &rusqlite::Connection,
    rows: &mut [TaskRow],
    as_of: NaiveDate,
    tasks: usize,
) -> Result<()> {
    for r in rows.iter_mut() {
        if r.task.depends_on.len() > 1 {
            r.task.depends_on.sort_unstable();
        }
    }
    let wanted: FxHashSet<&str> = wanted_prerequisites(rows, as_of);
    if wanted.is_empty() {
        return Ok(());
    }
    let unsettled = unsettled_among(conn, &wanted, as_of, tasks)?;
    let blocked = blockers(rows, as_of, |id| unsettled.contains(id));
    for (row, b) in rows.iter_mut().zip(blocked) {
        row.blocked_by = b;
    }
    Ok(())
}

/// The prerequisites whose states say what blocks `rows` as of `as_of`:
/// those of every row unfinished that day (each backend reads their states
/// its own way, then calls [`blockers`]).
pub fn wanted_prerequisites<'r, S: FromIterator<&'r str>>(
    rows: &'r [TaskRow],
    as_of: NaiveDate,
) -> S {
    rows.iter()
        .filter(|r| matches!(r.task.state.as_of(as_of), TaskState::Open))
        .flat_map(|r| r.task.depends_on.iter().map(TaskId::as_str))
        .collect()
}

/// What blocks each of `rows` as of `as_of`, in the rows' order: for a row
/// unfinished that day, its prerequisites (in the order of `depends_on`)
/// for which `unsettled` holds; nothing for the others.
pub fn blockers(
    rows: &[TaskRow],
    as_of: NaiveDate,
    unsettled: impl Fn(&str) -> bool,
) -> Vec<Vec<TaskId>> {
    rows.iter()
        .map(|r| {
            if !matches!(r.task.state.as_of(as_of), TaskState::Open) {
                return Vec::new();
            }
            r.task
                .depends_on
                .iter()
                .filter(|d| unsettled(d.as_str()))
                .cloned()
                .collect()
        })
        .collect()
}

/// The ids among `wanted` of tasks not finished nor withdrawn as of
/// `as_of` (the rule of the queries, [`settled`]): looked up one by one
/// when they are few next to the `tasks` stored, else found in one pass
/// over the index of ids and states. An id no task has is not among them.
fn unsettled_among<'a>(
    conn: &rusqlite::Connection,
    wanted: &FxHashSet<&'a str>,
    as_of: NaiveDate,
    tasks: usize,
) -> Result<FxHashSet<&'a str>> {
    let mut out = FxHashSet::default();
    out.reserve(wanted.len());
    let asof = date_text(as_of);
    if wanted.len().saturating_mul(LOOKUP_COST) < tasks {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT 1 FROM task t WHERE t.id = :id AND NOT {}",
            settled("t")
        ))?;
        for id in wanted {
            if stmt.exists(rusqlite::named_params! {":id": id, ":asof": asof})? {
                out.insert(*id);
            }
        }
        return Ok(out);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.id FROM task t WHERE NOT {}",
        settled("t")
    ))?;
    let mut rows = stmt.query(rusqlite::named_params! {":asof": asof})?;
    while let Some(r) = rows.next()? {
        let id = r
            .get_ref(0)?
            .as_str()
            .map_err(|e| Error::Corrupt(e.to_string()))?;
        if let Some(w) = wanted.get(id) {
            out.insert(*w);
        }
    }
    Ok(out)
}

fn task_id(s: String) -> Result<TaskId> {
    TaskId::try_from(s).map_err(|e| Error::Corrupt(format!("task id {:?}", e.value)))
}

/// Ids stored space-separated (`support_ids`, `depends_ids`), each parsed;
/// one that does not parse is a corrupt row.
///
/// # Errors
/// [`Error::Corrupt`] for an id that does not parse.
pub fn ids<T: std::str::FromStr>(s: Option<String>, what: &str) -> Result<Vec<T>> {
    s.unwrap_or_default()
        .split_whitespace()
        .map(|x| {
            x.parse()
                .map_err(|_| Error::Corrupt(format!("{what} {x:?}")))
        })
        .collect()
}

fn row_to_task(r: &rusqlite::Row<'_>) -> Result<TaskRow> {
    let id = task_id(r.get(0)?)?;
    let directive: String = r.get(1)?;
    let lead: Option<String> = r.get(3)?;
    // Borrowed, not copied: these are read for every listed task.
    let text = |i: usize| -> Result<Option<&str>> {
        r.get_ref(i)?
            .as_str_or_null()
            .map_err(|e| Error::Corrupt(e.to_string()))
    };
    let state = state_from(text(11)?.unwrap_or_default(), text(12)?)?;
    // What blocks the task is worked out by the caller, from the states of
    // every row's prerequisites at once.
    let mut depends_on: Vec<TaskId> = Vec::new();
    for dep in text(15)?.unwrap_or_default().split_whitespace() {
        depends_on.push(
            dep.parse()
                .map_err(|_| Error::Corrupt(format!("task id {dep:?}")))?,
        );
    }
    let task = Task {
        id,
        directive: sauro_core::DirectiveId::try_from(directive)
            .map_err(|e| Error::Corrupt(format!("directive {:?}", e.value)))?,
        title: r.get(2)?,
        lead: match lead {
            Some(l) => Some(
                sauro_core::AgencyId::try_from(l)
                    .map_err(|e| Error::Corrupt(format!("agency id {:?}", e.value)))?,
            ),
            None => None,
        },
        support: ids(r.get(14)?, "agency id")?,
        responsible: r.get(4)?,
        product: r.get(5)?,
        deadline: deadline_from(r.get(7)?, r.get(8)?, r.get(9)?, r.get(19)?)?,
        authority: r.get(6)?,
        depends_on,
        state,
        note: both_notes(text(20)?, text(13)?),
        extended: r.get(10)?,
        co_leads: ids(r.get(21)?, "agency id")?,
        key: r.get(22)?,
        classified: r.get(23)?,
    };
    Ok(TaskRow {
        task,
        blocked_by: Vec::new(),
        source_file: r.get(16)?,
        source_line: r.get(17)?,
        search_text: r.get(18)?,
        file_note: r.get(20)?,
        file_deadline: r.get(24)?,
        version: r.get::<_, Option<i64>>(25)?.map(crate::Version),
    })
}

fn unknown_task(id: &str, suggestions: Vec<String>) -> Error {
    Error::UnknownTask {
        id: id.to_owned(),
        suggestions,
    }
}
