//! The bulk load of an import into a database without tasks: the files
//! checked on a second thread while this one sends their rows with `COPY`,
//! keys and secondary indexes dropped and built again.

use super::rows::NewRows;
use super::upsert_directives;
use crate::store::{Done, upsert_agency};
use postgres::GenericClient;
use sauro_core::directive_file::{Loaded, SourceFile};
use sauro_core::{Agency, Registry, TaskId};
use sauro_store::backend as codec;
use sauro_store::{Error, ImportSummary};
use std::collections::HashMap;

/// How many checked directives may wait for the bulk load's writer.
pub(super) const PIPELINE_DEPTH: usize = 64;

/// How many bytes of task rows the bulk load gathers before it sends them
/// and the rows of the other tables that go with them (a `COPY` a table).
pub(super) const STREAM_CHUNK: usize = 2 << 20;

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
pub(super) fn bulk_import(
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
pub(super) enum Part {
    Agencies(Vec<Agency>),
    Directive(
        std::sync::Arc<sauro_core::directive_file::LoadedDirective>,
        Box<NewRows>,
    ),
}

/// The rows of a checked directive's tasks, in `COPY`'s format.
pub(super) fn directive_rows(
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
pub(super) struct Streamed {
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
pub(super) fn stream_tasks(
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
pub(super) fn drop_keys_and_indexes(
    tx: &mut impl GenericClient,
    rows: &NewRows,
) -> Done<Vec<String>> {
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
pub(super) fn bulk_load_allowed(tx: &mut impl GenericClient) -> Done<bool> {
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
