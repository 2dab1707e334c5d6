//! The task queries of [`super::PgStore`]: the SQLite store's filters in
//! PostgreSQL SQL, reading only the columns a filter asks for, blocked
//! prerequisites looked up at once, rows put in id order by the client.

use super::{DayText, Done, Fail, day_param};
use postgres::types::ToSql;
use postgres::{GenericClient, Row};
use sauro_core::{AgencyId, DirectiveId, Task, TaskId};
use sauro_store::backend as codec;
use sauro_store::{Error, TaskFilter, TaskRow, Version};
use std::collections::HashSet;

/// SQL: the task aliased `x` is finished or withdrawn as of `$1`.
pub(super) fn settled(x: &str) -> String {
    format!(
        "(({x}.state = 'done' AND {x}.state_on <= $1::text::date) OR \
          ({x}.state = 'cancelled' AND ({x}.state_on IS NULL OR {x}.state_on <= $1::text::date)))"
    )
}

/// The columns of a task query, in the order [`row_to_task`] reads them.
/// What the filter does not ask for is read as a typed `NULL` (the
/// columns a list table does not show under `table_columns_only`, the
/// long search text unless `with_search_text`, the version unless
/// `with_version`), as the SQLite store leaves them out. The unfinished
/// prerequisites are not read here but by [`mark_blocked`], once for all
/// rows.
pub(super) fn task_columns(filter: &TaskFilter) -> String {
    let version = if filter.with_version {
        "(SELECT count(*) FROM sauro.history h WHERE h.task_id = t.id)"
    } else {
        "NULL::bigint"
    };
    let shown = |column: &'static str, null: &'static str| {
        if filter.table_columns_only {
            null
        } else {
            column
        }
    };
    format!(
        "t.id, t.directive_id, t.title, t.lead, {responsible}, {product}, {authority},
         t.deadline_text, t.deadline_kind, {due}, t.extended, t.state, {state_on},
         {last_note}, {support}, t.depends_ids, {source_file}, {source_line}, {search},
         t.deadline_rule, {file_note}, t.co_lead_ids, t.is_key, t.is_classified,
         {file_deadline}, {version}",
        responsible = shown("t.responsible", "NULL::text"),
        product = shown("t.product", "NULL::text"),
        authority = shown("t.authority", "NULL::text"),
        due = "t.deadline_due",
        state_on = "t.state_on",
        last_note = shown("t.last_note", "NULL::text"),
        support = shown("t.support_ids", "NULL::text"),
        source_file = shown("t.source_file", "NULL::text"),
        source_line = shown("t.source_line", "NULL::integer"),
        search = if filter.with_search_text {
            "t.search"
        } else {
            "NULL::text"
        },
        file_note = shown("t.file_note", "NULL::text"),
        file_deadline = shown("t.file_deadline_text", "NULL::text"),
    )
}

pub(super) fn corrupt(what: String) -> Fail {
    Fail::Store(Error::Corrupt(what))
}

/// A task row read back, as the SQLite store reads its own; its
/// `blocked_by` is left empty for [`mark_blocked`].
pub(super) fn row_to_task(r: &Row, filter: &TaskFilter) -> Done<TaskRow> {
    let id: String = r.try_get(0)?;
    let id = TaskId::try_from(id).map_err(|e| corrupt(format!("task id {:?}", e.value)))?;
    let directive: String = r.try_get(1)?;
    let lead: Option<String> = r.try_get(3)?;
    let state_code: String = r.try_get(11)?;
    let state_on: Option<String> = r.try_get::<_, Option<DayText>>(12)?.map(|d| d.0);
    let state = codec::state_from(&state_code, state_on.as_deref())?;
    let depends_on: Vec<TaskId> = codec::ids(r.try_get(15)?, "task id")?;
    let full = !filter.table_columns_only;
    let keep = |v: Option<String>| if full { v } else { None };
    let file_note = keep(r.try_get(20)?);
    let last_note = keep(r.try_get(13)?);
    let source_line: Option<i32> = r.try_get(17)?;
    let task = Task {
        id,
        directive: DirectiveId::try_from(directive)
            .map_err(|e| corrupt(format!("directive {:?}", e.value)))?,
        title: r.try_get(2)?,
        lead: lead
            .map(|l| AgencyId::try_from(l).map_err(|e| corrupt(format!("agency id {:?}", e.value))))
            .transpose()?,
        support: codec::ids(keep(r.try_get(14)?), "agency id")?,
        responsible: keep(r.try_get(4)?),
        product: keep(r.try_get(5)?),
        deadline: codec::deadline_from(
            r.try_get(7)?,
            r.try_get(8)?,
            r.try_get::<_, Option<DayText>>(9)?.map(|d| d.0),
            r.try_get(19)?,
        )?,
        authority: keep(r.try_get(6)?),
        depends_on,
        state,
        note: codec::both_notes(file_note.as_deref(), last_note.as_deref()),
        extended: r.try_get(10)?,
        co_leads: codec::ids(r.try_get(21)?, "agency id")?,
        key: r.try_get(22)?,
        classified: r.try_get(23)?,
    };
    Ok(TaskRow {
        task,
        blocked_by: Vec::new(),
        source_file: keep(r.try_get(16)?),
        source_line: if full {
            source_line.map(i64::from)
        } else {
            None
        },
        search_text: if filter.with_search_text {
            r.try_get(18)?
        } else {
            None
        },
        file_note,
        file_deadline: keep(r.try_get(24)?),
        version: r.try_get::<_, Option<i64>>(25)?.map(Version),
    })
}

/// Puts the rows in bytewise order of their ids, as `COLLATE "C"` and
/// SQLite's BINARY sort them: the order is found on indexes, then each row
/// moved into place once ([`permute`]); sorting the large rows themselves
/// moved each many times.
pub(super) fn in_id_order(rows: &mut [TaskRow]) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by(|&a, &b| rows[a].task.id.as_str().cmp(rows[b].task.id.as_str()));
    permute(rows, order);
}

/// Rearranges `items` in place so that position `k` holds what was at
/// `order[k]` (`order` a permutation of the positions), following each
/// cycle of the permutation: one swap a moved item, no copy of the slice.
pub(super) fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Sets each row's `blocked_by`: for a row unfinished as of `as_of`, its
/// prerequisites (in the order of `depends_on`) unfinished nor withdrawn
/// as of that day. The states of every row's prerequisites are read with
/// one query (a lookup per distinct prerequisite in the index of ids and
/// states, `task_state_by_id`), as the SQLite store's `mark_blocked` does,
/// rather than with a subquery per row. A prerequisite the user may not
/// see (row-level security) counts as settled, as it did in that subquery.
pub(super) fn mark_blocked(
    tx: &mut impl GenericClient,
    rows: &mut [TaskRow],
    as_of: chrono::NaiveDate,
) -> Done<()> {
    let wanted: Vec<&str> = codec::wanted_prerequisites::<HashSet<&str>>(rows, as_of)
        .into_iter()
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let unsettled: HashSet<String> = tx
        .query(
            &format!(
                "SELECT p.id FROM unnest($2::text[]) AS w(id) JOIN sauro.task p ON p.id = w.id \
                 WHERE NOT {}",
                settled("p")
            ),
            &[&day_param(as_of), &wanted],
        )?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<std::result::Result<_, _>>()?;
    let blocked = codec::blockers(rows, as_of, |id| unsettled.contains(id));
    for (row, b) in rows.iter_mut().zip(blocked) {
        row.blocked_by = b;
    }
    Ok(())
}

/// The query of [`TaskStore::tasks`]: its SQL and parameters (`$1` is the day).
pub(super) fn task_query(
    filter: &TaskFilter,
    as_of: chrono::NaiveDate,
) -> (String, Vec<Box<dyn ToSql + Sync>>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<Box<dyn ToSql + Sync>> = vec![Box::new(day_param(as_of))];
    let param = |params: &mut Vec<Box<dyn ToSql + Sync>>, v: Box<dyn ToSql + Sync>| {
        params.push(v);
        format!("${}", params.len())
    };
    if !filter.leads.is_empty() {
        let leads = param(&mut params, Box::new(filter.leads.clone()));
        clauses.push(format!(
            "(t.lead = ANY({leads}) OR (t.co_lead_ids IS NOT NULL AND EXISTS \
             (SELECT 1 FROM sauro.task_co_lead c WHERE c.task_id = t.id AND c.agency_id = ANY({leads}))))"
        ));
    }
    if filter.no_lead {
        clauses.push("t.lead IS NULL".into());
    }
    if filter.key {
        clauses.push("t.is_key".into());
    }
    if let Some(d) = &filter.directive {
        let d = param(&mut params, Box::new(d.clone()));
        clauses.push(format!("t.directive_id = {d}"));
    }
    if let Some(s) = filter.search.as_deref().filter(|s| !s.is_empty()) {
        let pattern = param(&mut params, Box::new(codec::like_pattern(s)));
        let like = format!("t.search LIKE {pattern} ESCAPE '\\'");
        if filter.search_agencies.is_empty() {
            clauses.push(like);
        } else {
            let names = param(&mut params, Box::new(filter.search_agencies.clone()));
            clauses.push(format!(
                "({like} OR t.lead = ANY({names}) OR EXISTS (SELECT 1 FROM sauro.task_support s \
                 WHERE s.task_id = t.id AND s.agency_id = ANY({names})) OR EXISTS \
                 (SELECT 1 FROM sauro.task_co_lead c WHERE c.task_id = t.id AND c.agency_id = ANY({names})))"
            ));
        }
    }
    if filter.overdue {
        clauses.push(format!(
            "t.deadline_due < $1::text::date AND NOT {}",
            settled("t")
        ));
    }
    if let Some(n) = filter.due_within {
        let until = as_of
            .checked_add_days(chrono::Days::new(n.max(0) as u64))
            .unwrap_or(chrono::NaiveDate::MAX);
        let until = param(&mut params, Box::new(day_param(until)));
        clauses.push(format!(
            "(t.deadline_due BETWEEN $1::text::date AND {until}::text::date \
             OR t.deadline_rule IS NOT NULL) AND NOT {}",
            settled("t")
        ));
    }
    if filter.blocked {
        clauses.push(format!(
            "NOT {} AND EXISTS (SELECT 1 FROM sauro.task_dep d JOIN sauro.task p ON p.id = d.depends_on
             WHERE d.task_id = t.id AND NOT {})",
            settled("t"),
            settled("p")
        ));
    }
    if !filter.ids.is_empty() {
        let ids = param(&mut params, Box::new(filter.ids.clone()));
        clauses.push(format!("t.id = ANY({ids})"));
    }
    let where_clause = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    // Ids in bytewise order, as SQLite's BINARY collation sorts them; days
    // with no deadline first, as SQLite sorts NULL. Without a limit the rows
    // are put in id order by `tasks` (a sort on the server spilled to disk
    // at 100k tasks).
    let order = match filter.first_by_deadline {
        Some(n) => format!("ORDER BY t.deadline_due NULLS FIRST, t.id COLLATE \"C\" LIMIT {n}"),
        None => String::new(),
    };
    let sql = format!(
        "SELECT {} FROM sauro.task t {where_clause} {order}",
        task_columns(filter)
    );
    (sql, params)
}
