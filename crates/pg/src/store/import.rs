//! `TaskStore::import` on PostgreSQL: the comparison of stored and file
//! task the SQLite store makes (`sauro_store::backend::changed_fields`), in
//! one transaction; into a database without tasks, a bulk load
//! ([`bulk_import`]).

use super::{Done, Fail, read_registry_in, upsert_agency};
use postgres::types::ToSql;
use postgres::{Client, GenericClient};
use sauro_core::TaskId;
use sauro_core::directive_file::SourceFile;
use sauro_store::backend as codec;
use sauro_store::{Actor, Error, ImportSummary};
use std::collections::HashMap;

mod bulk;
mod rows;
mod update;

use bulk::{bulk_import, bulk_load_allowed};
use update::{Pending, stored_tasks, update_task};

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

/// How many times an import is tried when it collides with another one.
const ATTEMPTS: usize = 3;

/// Imports directive files in one transaction ([`import_once`]), tried
/// again from the start when it collided with another import running at
/// the same time: both adding the same new task (the second finds it
/// written: a unique violation), a deadlock or a serialization failure,
/// which the server undoes whole. The second try reads what the other
/// wrote, so its new tasks are compared as stored ones.
pub(super) fn import(
    c: &mut Client,
    files: &[SourceFile<'_>],
    actor: &Actor,
) -> Done<ImportSummary> {
    let mut attempt = 1;
    loop {
        match import_once(c, files, actor) {
            Err(Fail::Pg(e)) if attempt < ATTEMPTS && collided(&e) => attempt += 1,
            done => return done,
        }
    }
}

/// True when `e` says the transaction met another one and may succeed if
/// tried again.
fn collided(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|code| {
        [
            SqlState::UNIQUE_VIOLATION,
            SqlState::T_R_DEADLOCK_DETECTED,
            SqlState::T_R_SERIALIZATION_FAILURE,
        ]
        .contains(code)
    })
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
fn import_once(c: &mut Client, files: &[SourceFile<'_>], actor: &Actor) -> Done<ImportSummary> {
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
    let mut stored = stored_tasks(&mut tx, &load)?;
    let mut summary = ImportSummary {
        directives: load.directives.len(),
        not_in_file: std::mem::take(&mut stored.not_in_files),
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
            match (known.contains_key(id), stored.to_write.remove(id)) {
                (true, Some(old)) => {
                    let at = (place, today.as_str());
                    update_task(&lt.task, &old, at, &registry, &mut pending)?.count(&mut summary);
                }
                (true, None) if stored.unchanged.contains(id) => summary.unchanged += 1,
                _ => {
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
pub(super) fn upsert_directives(
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
