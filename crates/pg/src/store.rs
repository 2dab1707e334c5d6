//! The shared PostgreSQL store: [`PgStore`] implements sauro-store's
//! [`TaskStore`] on the schema of [`crate::schema`], with the rules the
//! SQLite store keeps (shared through `sauro_store::backend`: value
//! encodings, the change rules of `sauro_core::change`, the replay of past
//! days) and the same [`Error`] variants, so messages are the same.
//!
//! Opening never migrates: a database without sauro's schema, or of an
//! older version, is refused with a message that says to run
//! `sauro db init` (which an administrator runs as the database's owner);
//! a newer schema is refused untouched ([`Error::TooNew`]). Who records a
//! change is the database user (`session_user`, the column default):
//! [`Actor::by`] is ignored here, and so is [`Actor::at`], the server's
//! clock dating the row. A change runs in one transaction that locks the
//! task's row (`SELECT … FOR UPDATE`) before checking it, so two
//! secretaries changing one task at once are applied one after the other,
//! the second checked against the first's result.
//!
//! An import runs in one transaction, with the comparison of stored and
//! file task the SQLite store makes (`sauro_store::backend::changed_fields`).

use crate::connect::{Roots, connect};
use crate::error::Error as PgError;
use crate::pool::Pool;
use crate::schema::{self, Found, LATEST};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{Client, GenericClient, IsolationLevel};
use sauro_core::briefing::DeadlineMove;
use sauro_core::change::{check_done_day, check_new_deadline};
use sauro_core::directive_file::SourceFile;
use sauro_core::{
    Action, Agency, Deadline, Directive, Field, Lang, Registry, TaskId, TaskState, Value,
};
use sauro_store::backend as codec;
use sauro_store::backend::Change;
use sauro_store::{
    Actor, Error, HistoryEntry, ImportSummary, Note, Refusal, Result, TaskFilter, TaskRow,
    TaskStore, Version,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

mod import;
mod query;

use query::{corrupt, in_id_order, mark_blocked, row_to_task, task_query};

/// A day column as the SQLite store writes it (`YYYY-MM-DD`).
fn day(column: &str) -> String {
    format!("to_char({column}, 'YYYY-MM-DD')")
}

/// A time column as the SQLite store writes it: RFC 3339 in UTC with `Z`,
/// whole seconds, six fractional digits only when not zero.
fn time(column: &str) -> String {
    format!(
        "CASE WHEN date_trunc('second', {column}) = {column} \
         THEN to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') \
         ELSE to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END"
    )
}

/// A `date` column read in PostgreSQL's binary form and written as
/// [`day`] writes it on the server (`to_char(…, 'YYYY-MM-DD')`), without
/// the server formatting each row's days (a task query reads two a row).
struct DayText(String);

impl<'a> postgres::types::FromSql<'a> for DayText {
    fn from_sql(
        _: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<DayText, Box<dyn std::error::Error + Sync + Send>> {
        // Days since 2000-01-01, a big-endian i32 (±infinity at its ends).
        let days = i32::from_be_bytes(raw.try_into()?);
        let epoch = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("no epoch")?;
        let d = epoch
            .checked_add_signed(chrono::TimeDelta::days(days.into()))
            .filter(|_| days != i32::MAX && days != i32::MIN)
            .ok_or("a day out of range")?;
        Ok(DayText(day_text_as_to_char(d)))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::DATE
    }
}

/// `to_char(d, 'YYYY-MM-DD')`: the year zero-padded to four digits, more
/// when larger; a year before Christ as its number, without sign.
fn day_text_as_to_char(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = if d.year() > 0 { d.year() } else { 1 - d.year() };
    format!("{year:04}-{:02}-{:02}", d.month(), d.day())
}

/// A day as a parameter (`$n::text::date`), clamped to years 0..=9999 as
/// the SQLite store compares them.
fn day_param(d: chrono::NaiveDate) -> String {
    let lo = chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(chrono::NaiveDate::MIN);
    let hi = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(chrono::NaiveDate::MAX);
    codec::date_text(d.clamp(lo, hi))
}

/// What went wrong inside a method: the database (through the driver or
/// as this crate says it), or a rule or row.
enum Fail {
    Pg(postgres::Error),
    Local(PgError),
    Store(Error),
}

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Fail {
        Fail::Pg(e)
    }
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        Fail::Store(e)
    }
}

type Done<T> = std::result::Result<T, Fail>;

/// The shared PostgreSQL database, as a [`TaskStore`].
pub struct PgStore {
    session: Session,
    address: String,
    roots: Roots,
    /// The address without user or password, as messages name it.
    place: String,
    /// The user may not add history (a reader or an agency's lead).
    read_only: bool,
    /// The user may write the agency registry (an administrator).
    keeps_registry: bool,
    /// This connection listens on [`CHANNEL`] (after the first
    /// [`TaskStore::wait_for_change`]).
    listening: std::cell::Cell<bool>,
}

/// Where a [`PgStore`]'s connections come from.
enum Session {
    /// One connection, held from open to drop (a command's store).
    Own(RefCell<Client>),
    /// A small pool (the terminal UI's loader, [`PgStore::pooled`]): each
    /// operation takes a connection; a broken one is replaced. Waiting
    /// for changes holds its own connection, listening, apart from the
    /// pool's, replaced too when it breaks.
    Pooled {
        pool: Pool,
        listener: RefCell<Option<Client>>,
    },
}

/// How many connections a pooled store keeps idle between operations (the
/// loader runs one at a time; the listening connection is apart).
const POOL_IDLE: usize = 2;

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("place", &self.place)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

/// A failure of the database said in both languages, naming it.
fn shared(place: &str, what: (&str, &str), e: &PgError) -> Error {
    Error::Shared {
        vi: format!("{} {place}: {}", what.0, e.message(Lang::Vi)),
        en: format!("{} {place}: {}", what.1, e.message(Lang::En)),
    }
}

const OPENING: (&str, &str) = ("không mở được cơ sở dữ liệu", "cannot open the database");
const READING: (&str, &str) = ("không đọc được cơ sở dữ liệu", "cannot read the database");
const WRITING: (&str, &str) = (
    "không ghi được vào cơ sở dữ liệu",
    "cannot write to the database",
);

impl PgStore {
    /// Connects to the database at `address` (see [`connect`]) and checks
    /// it holds sauro's schema of this program's version, writing nothing.
    ///
    /// # Errors
    /// The connection fails; a foreign schema; [`Error::TooNew`]; a
    /// database not set up (or of an older version): run `sauro db init`.
    pub fn open(address: &str, roots: &Roots) -> Result<PgStore> {
        let place = crate::copy::describe_address(address);
        let mut client = connect(address, roots).map_err(|e| shared(&place, OPENING, &e))?;
        let found = schema::found(&mut client).map_err(|e| shared(&place, OPENING, &e))?;
        let version = match found {
            Found::Version(v) => v,
            Found::New => 0,
        };
        if version > LATEST {
            return Err(Error::TooNew {
                path: PathBuf::from(&place),
                found: version.into(),
                supported: LATEST.into(),
            });
        }
        if version < LATEST {
            return Err(Error::Shared {
                vi: format!(
                    "cơ sở dữ liệu {place} chưa được thiết lập cho phiên bản sauro này \
                     (phiên bản lược đồ {version}, cần {LATEST}); không ghi gì vào đó: người \
                     quản trị hãy chạy `sauro db init` trên nó"
                ),
                en: format!(
                    "the database {place} is not set up for this sauro (schema version \
                     {version}, needs {LATEST}); nothing was written: an administrator runs \
                     `sauro db init` on it"
                ),
            });
        }
        let may = |client: &mut Client, table: &str, privilege: &str| -> Result<bool> {
            client
                .query_one(
                    "SELECT has_table_privilege($1, $2)",
                    &[&format!("sauro.{table}"), &privilege],
                )
                .map(|r| r.get(0))
                .map_err(|e| shared(&place, OPENING, &PgError::from(e)))
        };
        set_up_session(&mut client).map_err(|e| shared(&place, OPENING, &PgError::from(e)))?;
        let read_only = !may(&mut client, "history", "INSERT")?;
        let keeps_registry = may(&mut client, "agency", "INSERT")?;
        Ok(PgStore {
            session: Session::Own(RefCell::new(client)),
            address: address.to_owned(),
            roots: roots.clone(),
            place,
            read_only,
            keeps_registry,
            listening: std::cell::Cell::new(false),
        })
    }

    /// The database, as messages name it (no user, no password).
    pub fn place(&self) -> &str {
        &self.place
    }

    /// Another store on the same database, as the same login, whose
    /// connections come from a small [`Pool`]: each operation takes one and
    /// gives it back, so a long-lived background store (the terminal UI's
    /// loader) reuses them across reloads, and one that broke (the server
    /// restarted, the session was ended) is replaced by a new one instead
    /// of failing every reload after. One connection is opened now, so an
    /// unreachable database is said at once.
    ///
    /// # Errors
    /// The connection fails.
    pub fn pooled(&self) -> Result<PgStore> {
        let store = PgStore {
            session: Session::Pooled {
                pool: Pool::new(&self.address, &self.roots, POOL_IDLE),
                listener: RefCell::new(None),
            },
            address: self.address.clone(),
            roots: self.roots.clone(),
            place: self.place.clone(),
            read_only: self.read_only,
            keeps_registry: self.keeps_registry,
            listening: std::cell::Cell::new(false),
        };
        store.with(false, |_| Ok(()))?;
        Ok(store)
    }

    /// The pool a [`PgStore::pooled`] store takes its connections from.
    pub fn pool(&self) -> Option<&Pool> {
        match &self.session {
            Session::Own(_) => None,
            Session::Pooled { pool, .. } => Some(pool),
        }
    }

    /// Runs `f` on a connection; a failure is said with the database.
    fn with<T>(&self, writing: bool, f: impl FnOnce(&mut Client) -> Done<T>) -> Result<T> {
        let what = if writing { WRITING } else { READING };
        let done = match &self.session {
            Session::Own(client) => f(&mut client.borrow_mut()),
            Session::Pooled { pool, .. } => match pool.get() {
                Ok(mut client) => f(&mut client),
                Err(e) => Err(Fail::Local(e)),
            },
        };
        done.map_err(|e| self.failure(what, e))
    }

    /// A failure, said with the database and what was being done.
    fn failure(&self, what: (&str, &str), e: Fail) -> Error {
        match e {
            // A lock waited for past `lock_timeout` (see `set_up_session`).
            Fail::Pg(e) if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) => {
                Error::Busy
            }
            Fail::Pg(e) => shared(&self.place, what, &PgError::from(e)),
            Fail::Local(e) => shared(&self.place, what, &e),
            Fail::Store(e @ Error::Corrupt(_)) => Error::Shared {
                vi: format!("{} {}: {}", what.0, self.place, e.message(Lang::Vi)),
                en: format!("{} {}: {}", what.1, self.place, e.message(Lang::En)),
            },
            Fail::Store(e) => e,
        }
    }

    /// Refuses a change to a user who may only read.
    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::Shared {
                vi: format!(
                    "người dùng cơ sở dữ liệu này chỉ được đọc {}: không ghi được thay đổi",
                    self.place
                ),
                en: format!(
                    "this database user may only read {}: changes cannot be recorded",
                    self.place
                ),
            });
        }
        Ok(())
    }
}

impl PgStore {
    /// True (and `seen` brought up to date) when the data changed since
    /// `seen`: what a wait checks once it has started listening, so
    /// nothing committed before is missed.
    fn changed_since(&self, seen: &mut i64) -> Result<bool> {
        let now = self.data_version()?;
        if now == *seen {
            return Ok(false);
        }
        *seen = now;
        Ok(true)
    }
}

/// Starts listening on [`CHANNEL`].
fn listen(c: &mut Client) -> Done<()> {
    c.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    Ok(())
}

/// Waits up to `timeout` for a notification on a listening connection;
/// takes every pending one (one reload answers them all).
fn wait_on(c: &mut Client, seen: &mut i64, timeout: std::time::Duration) -> Done<bool> {
    let mut notifications = c.notifications();
    let mut came = notifications.timeout_iter(timeout).next()?.is_some();
    while notifications.iter().next()?.is_some() {
        came = true;
    }
    if came {
        *seen = seen.wrapping_add(1);
    }
    Ok(came)
}

/// Sets up a session. JIT compilation off: sauro's queries are short
/// scans of indexes; at 100k tasks the planner's cost of the overdue query
/// passed `jit_above_cost`, and compiling it took 0.58 s of a 0.65 s query
/// (EXPLAIN ANALYZE, docs/benchmarks.md). A lock waited for at most
/// [`codec::BUSY_TIMEOUT`], as the SQLite store waits for its file: a
/// change to a task an import holds, a migration behind a reader, then
/// fail as [`Error::Busy`] ("try again in a moment") instead of leaving the
/// terminal UI waiting without end. A server that does not know a setting
/// (a compatible engine) is left as it is.
pub(crate) fn set_up_session(client: &mut Client) -> std::result::Result<(), postgres::Error> {
    let lock_timeout = format!("SET lock_timeout = '{}ms'", codec::BUSY_TIMEOUT.as_millis());
    for setting in ["SET jit = off", lock_timeout.as_str()] {
        match client.batch_execute(setting) {
            Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_OBJECT) => {}
            other => other?,
        }
    }
    Ok(())
}

/// The present state, deadline and directive issue day of a task, its row
/// locked until the transaction ends.
struct Current {
    state: TaskState,
    deadline_text: Option<String>,
    deadline_due: Option<String>,
    issued_on: chrono::NaiveDate,
}

fn current(tx: &mut impl GenericClient, id: &str) -> Done<Current> {
    let row = tx.query_opt(
        &format!(
            "SELECT t.state, {}, t.deadline_text, {}, {}
             FROM sauro.task t JOIN sauro.directive d ON d.id = t.directive_id
             WHERE t.id = $1 FOR UPDATE OF t",
            day("t.state_on"),
            day("t.deadline_due"),
            day("d.issued_on")
        ),
        &[&id],
    )?;
    let Some(r) = row else {
        return Err(Fail::Store(Error::UnknownTask {
            id: id.to_owned(),
            suggestions: Vec::new(),
        }));
    };
    let state: String = r.try_get(0)?;
    let on: Option<String> = r.try_get(1)?;
    let issued: String = r.try_get(4)?;
    Ok(Current {
        state: codec::state_from(&state, on.as_deref())?,
        deadline_text: r.try_get(2)?,
        deadline_due: r.try_get(3)?,
        issued_on: codec::parse_date(&issued)?,
    })
}

/// The channel every change and import is announced on (`NOTIFY`), in
/// the transaction that makes it: the payload is the task's id (empty for
/// an import or the registry, announced by the triggers of schema
/// version 5). The terminal UI's watcher waits on it (`LISTEN`).
pub const CHANNEL: &str = "sauro_changes";

/// Refuses, in the change's transaction (the task's row locked by
/// [`current`]), a change to a task changed since `seen`.
fn unchanged_since(tx: &mut impl GenericClient, id: &str, seen: Option<Version>) -> Done<()> {
    if seen.is_none() {
        return Ok(());
    }
    // A statement of its own: under READ COMMITTED it sees what a change
    // committed while this one waited for the row lock.
    let now: i64 = tx
        .query_one(
            "SELECT count(*) FROM sauro.history WHERE task_id = $1",
            &[&id],
        )?
        .try_get(0)?;
    if seen == Some(Version(now)) {
        return Ok(());
    }
    let row = tx.query_opt(
        &format!(
            "SELECT {}, \"by\" FROM sauro.history WHERE task_id = $1
             ORDER BY at DESC, id DESC LIMIT 1",
            time("at")
        ),
        &[&id],
    )?;
    let last = match row {
        Some(r) => (r.try_get(0)?, r.try_get(1)?),
        None => (String::new(), String::new()),
    };
    codec::check_unchanged(id, seen, Version(now), || Ok(last))?;
    Ok(())
}

/// When a change to task `$1` is recorded, in its transaction, the task's
/// row locked: the transaction's start (`now()`), unless one of the task's
/// rows is already later than that (written by a transaction that began
/// after this one but took the lock first, or on a cluster node whose
/// clock is ahead), then one microsecond after the task's latest row.
/// Reading a task's history `ORDER BY at, id` thus gives its changes in
/// the order they were committed, on one server and on a YugabyteDB cluster
/// alike, where identities are not in commit order; rows of one
/// transaction share their time (the transaction's start) and keep their
/// order by id, which one session hands out in increasing order on both.
const CHANGE_TIME: &str = "GREATEST(now(), (SELECT max(h.at) + interval '1 microsecond'
    FROM sauro.history h WHERE h.task_id = $1 AND h.at > now()))";

/// [`CHANGE_TIME`] of the task whose id is the SQL expression `task`.
fn change_time_of(task: &str) -> String {
    CHANGE_TIME.replace("$1", task)
}

/// Announces a change of task `id` on [`CHANNEL`], delivered at commit.
fn notify(tx: &mut impl GenericClient, id: &str) -> Done<()> {
    tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &id])?;
    Ok(())
}

/// Adds a history row, dated `actor.day`, by the database user, at the
/// server's time ([`CHANGE_TIME`]).
fn record(tx: &mut impl GenericClient, task: &str, actor: &Actor, c: Change<'_>) -> Done<()> {
    let (old, old_day) = codec::value_columns(c.old.as_ref());
    let (new, new_day) = codec::value_columns(c.new.as_ref());
    tx.execute(
        &format!(
            "INSERT INTO sauro.history (task_id, day, action, field, old, old_day, new, new_day,
                authority, basis, reason, at)
             VALUES ($1, $2::text::date, $3, $4, $5, $6::text::date, $7, $8::text::date, $9, $10,
                $11, {CHANGE_TIME})"
        ),
        &[
            &task,
            &codec::date_text(actor.day),
            &c.action.code(),
            &c.field.map(|f| f.code()),
            &old,
            &old_day,
            &new,
            &new_day,
            &c.authority,
            &c.basis,
            &c.reason,
        ],
    )?;
    Ok(())
}

/// Writes an agency of the registry, replacing what the row held.
fn upsert_agency(tx: &mut impl GenericClient, a: &sauro_core::Agency) -> Done<()> {
    tx.execute(
        "INSERT INTO sauro.agency (id, name, kind, successor, aliases, builtin)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
         successor = excluded.successor, aliases = excluded.aliases,
         builtin = excluded.builtin",
        &[
            &a.id.as_str(),
            &a.name,
            &a.kind.code(),
            &a.successor.as_ref().map(|s| s.as_str()),
            &codec::aliases_json(a)?,
            &a.builtin,
        ],
    )?;
    Ok(())
}

/// The agencies the database holds.
fn read_registry(client: &mut Client) -> Done<Registry> {
    read_registry_in(client)
}

fn history_rows(
    client: &mut Client,
    clause: &str,
    args: &[&(dyn ToSql + Sync)],
) -> Done<Vec<HistoryEntry>> {
    let sql = format!(
        "SELECT task_id, {at}, {day}, \"by\", action, field, old, {old_day}, new, {new_day},
            authority, basis, reason, source_file, source_line
         FROM sauro.history WHERE {clause} ORDER BY at, id",
        at = time("at"),
        day = day("day"),
        old_day = day("old_day"),
        new_day = day("new_day"),
    );
    let mut out = Vec::new();
    for r in client.query(&sql, args)? {
        let line: Option<i32> = r.try_get(14)?;
        let raw = codec::RawRow {
            task: r.try_get(0)?,
            at: r.try_get(1)?,
            day: r.try_get(2)?,
            by: r.try_get(3)?,
            action: r.try_get(4)?,
            field: r.try_get(5)?,
            old: r.try_get(6)?,
            old_day: r.try_get(7)?,
            new: r.try_get(8)?,
            new_day: r.try_get(9)?,
            authority: r.try_get(10)?,
            basis: r.try_get(11)?,
            reason: r.try_get(12)?,
            source_file: r.try_get(13)?,
            source_line: line.map(i64::from),
        };
        out.push(raw.entry()?);
    }
    Ok(out)
}

impl PgStore {
    /// The rows recorded after `day`, as the shared replay reads them.
    fn past(&self, on: chrono::NaiveDate) -> Result<codec::Past> {
        self.with(false, |c| {
            let mut past = codec::Past::new();
            let rows = c.query(
                &format!(
                    "SELECT task_id, action, field, old, {} FROM sauro.history
                     WHERE day > $1::text::date AND action <> 'note' ORDER BY day, at, id",
                    day("old_day")
                ),
                &[&day_param(on)],
            )?;
            for r in rows {
                let action: String = r.try_get(1)?;
                let field: Option<String> = r.try_get(2)?;
                past.push(
                    r.try_get(0)?,
                    &action,
                    field.as_deref(),
                    r.try_get(3)?,
                    r.try_get(4)?,
                )?;
            }
            let rows = c.query(
                &format!(
                    "SELECT task_id, {} FROM sauro.history WHERE action = 'extend' GROUP BY task_id",
                    day("min(day)")
                ),
                &[],
            )?;
            for r in rows {
                let first: String = r.try_get(1)?;
                past.extended_on(r.try_get(0)?, codec::parse_date(&first)?);
            }
            Ok(past)
        })
    }

    /// Changes a task's state in one transaction, its row locked first.
    fn set_state(
        &mut self,
        id: &str,
        new: TaskState,
        actor: &Actor,
        check: impl FnOnce(&Current) -> Result<()>,
        change: Change<'_>,
        seen: Option<Version>,
    ) -> Result<()> {
        self.writable()?;
        let id = self.task_id(id)?;
        self.with(true, |c| {
            let mut tx = c.transaction()?;
            let cur = current(&mut tx, &id)?;
            unchanged_since(&mut tx, &id, seen)?;
            check(&cur)?;
            let (code, on) = codec::state_columns(new);
            tx.execute(
                "UPDATE sauro.task SET state = $2, state_on = $3::text::date, state_from_file = false
                 WHERE id = $1",
                &[&id, &code, &on],
            )?;
            record(
                &mut tx,
                &id,
                actor,
                Change {
                    field: Some(Field::State),
                    old: Some(Value::State(cur.state)),
                    new: Some(Value::State(new)),
                    ..change
                },
            )?;
            notify(&mut tx, &id)?;
            tx.commit()?;
            Ok(())
        })
    }
}

impl TaskStore for PgStore {
    /// A store on connections of its own, from a small pool
    /// ([`PgStore::pooled`]): what the terminal UI's loader uses.
    fn reconnect(&self) -> Result<Box<dyn TaskStore + Send>> {
        Ok(Box::new(self.pooled()?))
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Only an administrator keeps the registry: for anyone else this
    /// writes nothing (the administrator's `sauro db init` or import does).
    fn ensure_agencies(&mut self, registry: &Registry) -> Result<usize> {
        let held = self.registry()?;
        let missing: Vec<&Agency> = registry
            .iter()
            .filter(|a| held.get(a.id.as_str()) != Some(*a))
            .collect();
        if missing.is_empty() || !self.keeps_registry {
            return Ok(0);
        }
        self.with(true, |c| {
            let mut tx = c.transaction()?;
            for a in &missing {
                upsert_agency(&mut tx, a)?;
            }
            tx.commit()?;
            Ok(missing.len())
        })
    }

    fn registry(&self) -> Result<Registry> {
        self.with(false, read_registry)
    }

    /// Waits on `LISTEN sauro_changes` (every change and import sends a
    /// `NOTIFY` in its transaction), not polling: true as soon as another
    /// connection commits one. The first call starts listening, then
    /// compares [`TaskStore::data_version`] with `seen`, so nothing
    /// committed before it listened is missed; later calls read no table.
    ///
    /// A pooled store ([`PgStore::pooled`]) listens on a connection of its
    /// own; when it breaks, the wait fails once, and the next starts
    /// listening on a new connection and compares `data_version` again.
    fn wait_for_change(&self, seen: &mut i64, timeout: std::time::Duration) -> Result<bool> {
        let Session::Pooled { pool, listener } = &self.session else {
            if !self.listening.get() {
                self.with(false, listen)?;
                self.listening.set(true);
                if self.changed_since(seen)? {
                    return Ok(true);
                }
            }
            return self.with(false, |c| wait_on(c, seen, timeout));
        };
        if listener.borrow().is_none() {
            let mut client = pool
                .open()
                .map_err(|e| self.failure(READING, Fail::Local(e)))?;
            listen(&mut client).map_err(|e| self.failure(READING, e))?;
            *listener.borrow_mut() = Some(client);
            if self.changed_since(seen)? {
                return Ok(true);
            }
        }
        let mut slot = listener.borrow_mut();
        let Some(client) = slot.as_mut() else {
            return Ok(false);
        };
        wait_on(client, seen, timeout).map_err(|e| {
            // Not listened on again: the next wait opens a new one.
            *slot = None;
            self.failure(READING, e)
        })
    }

    fn task_count(&self) -> Result<usize> {
        self.with(false, |c| {
            let n: i64 = c
                .query_one("SELECT count(*) FROM sauro.task", &[])?
                .try_get(0)?;
            Ok(usize::try_from(n).unwrap_or(0))
        })
    }

    /// Changes with every committed change to tasks, history, notes,
    /// directives or agencies (one's own included).
    fn data_version(&self) -> Result<i64> {
        self.with(false, |c| {
            let r = c.query_one(
                "SELECT (SELECT count(*) FROM sauro.history),
                        (SELECT coalesce(max(id), 0) FROM sauro.history),
                        (SELECT count(*) FROM sauro.directive),
                        (SELECT count(*) FROM sauro.agency),
                        (SELECT count(*) FROM sauro.note)",
                &[],
            )?;
            let mut token: i64 = 17;
            for i in 0..5 {
                let v: i64 = r.try_get(i)?;
                token = token.wrapping_mul(1_000_003).wrapping_add(v);
            }
            Ok(token)
        })
    }

    fn import(&mut self, files: &[SourceFile<'_>], actor: &Actor) -> Result<ImportSummary> {
        self.writable()?;
        self.with(true, |c| import::import(c, files, actor))
    }

    fn tasks(&self, filter: &TaskFilter, as_of: chrono::NaiveDate) -> Result<Vec<TaskRow>> {
        let (sql, params) = task_query(filter, as_of);
        let mut out = self.with(false, |c| {
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
            // The rows and their prerequisites' states from one snapshot.
            let mut tx = c
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            // `$1` (the day) typed here: a filter without a day's rule
            // does not use it, and PostgreSQL cannot infer an unused type.
            let statement = tx.prepare_typed(&sql, &[Type::TEXT])?;
            // Each row decoded as it comes, not all of them held first.
            let mut out = Vec::new();
            {
                let mut rows = tx.query_raw(&statement, refs)?;
                while let Some(r) = rows.next()? {
                    out.push(row_to_task(&r, filter)?);
                }
            }
            mark_blocked(&mut tx, &mut out, as_of)?;
            tx.commit()?;
            if filter.first_by_deadline.is_none() {
                in_id_order(&mut out);
            }
            Ok(out)
        })?;
        if let Some(n) = filter.due_within {
            out.retain(|r| {
                r.task
                    .due_as_of(as_of)
                    .is_some_and(|d| (d - as_of).num_days() <= n.max(0))
            });
        }
        Ok(out)
    }

    fn task(&self, id: &str, as_of: chrono::NaiveDate) -> Result<TaskRow> {
        let id = self.task_id(id)?;
        let filter = TaskFilter {
            ids: vec![id.clone()],
            with_version: true,
            ..TaskFilter::default()
        };
        self.tasks(&filter, as_of)?.pop().ok_or(Error::UnknownTask {
            id,
            suggestions: Vec::new(),
        })
    }

    fn task_id(&self, id: &str) -> Result<String> {
        let id = id.trim();
        self.with(false, |c| {
            if let Some(r) = c.query_opt("SELECT id FROM sauro.task WHERE id = $1", &[&id])? {
                return Ok(r.try_get(0)?);
            }
            // SQLite's NOCASE: ASCII letters alone.
            let folded: Vec<String> = c
                .query(
                    "SELECT id FROM sauro.task
                     WHERE translate(id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
                         = translate($1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
                     LIMIT 2",
                    &[&id],
                )?
                .iter()
                .map(|r| r.try_get(0))
                .collect::<std::result::Result<_, _>>()?;
            if let [one] = folded.as_slice() {
                return Ok(one.clone());
            }
            let all: Vec<String> = if folded.is_empty() {
                c.query("SELECT id FROM sauro.task", &[])?
                    .iter()
                    .map(|r| r.try_get(0))
                    .collect::<std::result::Result<_, _>>()?
            } else {
                folded
            };
            let near = sauro_core::ids::nearest_ids(id, all.iter().map(String::as_str), 3);
            Err(Fail::Store(Error::UnknownTask {
                id: id.to_owned(),
                suggestions: near.into_iter().map(str::to_owned).collect(),
            }))
        })
    }

    fn directives(&self) -> Result<Vec<Directive>> {
        self.with(false, |c| {
            let rows = c.query(
                &format!(
                    "SELECT id, number, title, issued_by, {}, signer, url FROM sauro.directive
                     ORDER BY id COLLATE \"C\"",
                    day("issued_on")
                ),
                &[],
            )?;
            let mut out = Vec::new();
            for r in rows {
                let id: String = r.try_get(0)?;
                let by: String = r.try_get(3)?;
                let on: String = r.try_get(4)?;
                out.push(Directive {
                    id: id
                        .parse()
                        .map_err(|_| corrupt(format!("directive id {id:?}")))?,
                    number: r.try_get(1)?,
                    title: r.try_get(2)?,
                    issued_by: by
                        .parse()
                        .map_err(|_| corrupt(format!("agency id {by:?}")))?,
                    issued_on: codec::parse_date(&on)?,
                    signer: r.try_get(5)?,
                    url: r.try_get(6)?,
                });
            }
            Ok(out)
        })
    }

    fn directives_by_id(&self) -> Result<HashMap<String, Directive>> {
        Ok(self
            .directives()?
            .into_iter()
            .map(|d| (d.id.to_string(), d))
            .collect())
    }

    fn states(&self) -> Result<HashMap<TaskId, TaskState>> {
        self.with(false, |c| {
            let rows = c.query(
                &format!("SELECT id, state, {} FROM sauro.task", day("state_on")),
                &[],
            )?;
            let mut out = HashMap::new();
            for r in rows {
                let id: String = r.try_get(0)?;
                let id =
                    TaskId::try_from(id).map_err(|e| corrupt(format!("task id {:?}", e.value)))?;
                let state: String = r.try_get(1)?;
                let on: Option<String> = r.try_get(2)?;
                out.insert(id, codec::state_from(&state, on.as_deref())?);
            }
            Ok(out)
        })
    }

    fn dependencies(&self) -> Result<Vec<(TaskId, Vec<TaskId>)>> {
        self.with(false, |c| {
            let rows = c.query(
                "SELECT task_id, depends_on FROM sauro.task_dep
                 ORDER BY task_id COLLATE \"C\", depends_on COLLATE \"C\"",
                &[],
            )?;
            let mut out: Vec<(TaskId, Vec<TaskId>)> = Vec::new();
            for r in rows {
                let parse = |s: String| {
                    TaskId::try_from(s).map_err(|e| corrupt(format!("task id {:?}", e.value)))
                };
                let t = parse(r.try_get(0)?)?;
                let d = parse(r.try_get(1)?)?;
                match out.last_mut() {
                    Some((last, deps)) if *last == t => deps.push(d),
                    _ => out.push((t, vec![d])),
                }
            }
            Ok(out)
        })
    }

    fn history(&self, task: &str) -> Result<Vec<HistoryEntry>> {
        self.with(false, |c| history_rows(c, "task_id = $1", &[&task]))
    }

    fn history_between(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<HistoryEntry>> {
        let (from, to) = (day_param(from), day_param(to));
        self.with(false, |c| {
            history_rows(
                c,
                "day BETWEEN $1::text::date AND $2::text::date",
                &[&from, &to],
            )
        })
    }

    fn notes(&self, task: &str) -> Result<Vec<Note>> {
        self.with(false, |c| {
            let rows = c.query(
                &format!(
                    "SELECT {}, {}, \"by\", text FROM sauro.note WHERE task_id = $1
                     ORDER BY at, id",
                    time("at"),
                    day("day")
                ),
                &[&task],
            )?;
            rows.iter()
                .map(|r| {
                    Ok(Note {
                        at: r.try_get(0)?,
                        day: r.try_get(1)?,
                        by: r.try_get(2)?,
                        text: r.try_get(3)?,
                    })
                })
                .collect()
        })
    }

    fn add_note(
        &mut self,
        id: &str,
        text: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let id = self.task_id(id)?;
        let text = codec::note_text(&id, text)?;
        self.writable()?;
        self.with(true, |c| {
            let mut tx = c.transaction()?;
            current(&mut tx, &id)?;
            unchanged_since(&mut tx, &id, seen)?;
            // At the time of its history row, recorded next.
            tx.execute(
                &format!(
                    "INSERT INTO sauro.note (task_id, day, text, at)
                     VALUES ($1, $2::text::date, $3, {CHANGE_TIME})"
                ),
                &[&id, &codec::date_text(actor.day), &text],
            )?;
            tx.execute(
                "UPDATE sauro.task SET last_note = $2 WHERE id = $1",
                &[&id, &text],
            )?;
            record(
                &mut tx,
                &id,
                actor,
                Change {
                    new: Some(Value::Text(text.to_owned())),
                    ..Change::of(Action::Note)
                },
            )?;
            notify(&mut tx, &id)?;
            tx.commit()?;
            Ok(())
        })
    }

    fn mark_done(
        &mut self,
        id: &str,
        on: chrono::NaiveDate,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let id = self.task_id(id)?;
        let task = id.clone();
        self.set_state(
            &id,
            TaskState::Done { on },
            actor,
            |cur| match cur.state {
                TaskState::Open => check_done_day(on, cur.issued_on, Some(actor.day))
                    .map_err(|p| codec::refused(&task, Refusal::DoneDay(p))),
                other => Err(codec::refused(&task, Refusal::Already(other))),
            },
            Change::of(Action::Done),
            seen,
        )
    }

    fn reopen(&mut self, id: &str, actor: &Actor, seen: Option<Version>) -> Result<()> {
        let id = self.task_id(id)?;
        let task = id.clone();
        self.set_state(
            &id,
            TaskState::Open,
            actor,
            |cur| match cur.state {
                TaskState::Open => Err(codec::refused(&task, Refusal::Already(TaskState::Open))),
                _ => Ok(()),
            },
            Change::of(Action::Reopen),
            seen,
        )
    }

    fn cancel(
        &mut self,
        id: &str,
        authority: &str,
        reason: &str,
        actor: &Actor,
        seen: Option<Version>,
    ) -> Result<()> {
        let id = self.task_id(id)?;
        let authority = codec::decision_authority(&self.registry()?, &id, authority, None, reason)?;
        let task = id.clone();
        self.set_state(
            &id,
            TaskState::Cancelled {
                on: Some(actor.day),
            },
            actor,
            |cur| match cur.state {
                s @ TaskState::Cancelled { .. } => Err(codec::refused(&task, Refusal::Already(s))),
                _ => Ok(()),
            },
            Change {
                authority: Some(&authority),
                reason: Some(reason.trim()),
                ..Change::of(Action::Cancel)
            },
            seen,
        )
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
        let id = self.task_id(id)?;
        let authority =
            codec::decision_authority(&self.registry()?, &id, authority, Some(basis), reason)?;
        check_new_deadline(to, actor.day)
            .map_err(|p| codec::refused(&id, Refusal::NewDeadline(p)))?;
        self.writable()?;
        self.with(true, |c| {
            let mut tx = c.transaction()?;
            let cur = current(&mut tx, &id)?;
            unchanged_since(&mut tx, &id, seen)?;
            if cur.state != TaskState::Open {
                return Err(Fail::Store(codec::refused(
                    &id,
                    Refusal::NotOpen(cur.state),
                )));
            }
            let cols = codec::deadline_columns(Some(to));
            tx.execute(
                "UPDATE sauro.task SET deadline_text = $2, deadline_kind = $3,
                    deadline_due = $4::text::date, deadline_rule = $5, extended = true
                 WHERE id = $1",
                &[&id, &cols.text, &cols.kind, &cols.due, &cols.rule],
            )?;
            let old = (cur.deadline_text, cur.deadline_due.as_deref());
            let change = codec::extension_change(old, to, &authority, basis, reason)?;
            record(&mut tx, &id, actor, change)?;
            notify(&mut tx, &id)?;
            tx.commit()?;
            Ok(())
        })
    }

    fn states_on(&self, on: chrono::NaiveDate) -> Result<HashMap<TaskId, TaskState>> {
        let past = self.past(on)?;
        codec::states_on_from(self, &past)
    }

    fn tasks_on(&self, on: chrono::NaiveDate, filter: &TaskFilter) -> Result<Vec<TaskRow>> {
        if !self.changed_after(on)? {
            return self.tasks(filter, on);
        }
        let past = self.past(on)?;
        codec::tasks_on_from(self, &past, on, filter)
    }

    fn changed_after(&self, on: chrono::NaiveDate) -> Result<bool> {
        self.with(false, |c| {
            Ok(c.query_one(
                "SELECT EXISTS (SELECT 1 FROM sauro.history WHERE day > $1::text::date)",
                &[&day_param(on)],
            )?
            .try_get(0)?)
        })
    }

    fn deadline_changes(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<DeadlineMove>> {
        let reference: HashMap<String, chrono::NaiveDate> = self.with(false, |c| {
            let rows = c.query(
                &format!(
                    "SELECT t.id, {} FROM sauro.task t JOIN sauro.directive d ON d.id = t.directive_id",
                    day("d.issued_on")
                ),
                &[],
            )?;
            let mut m = HashMap::new();
            for r in rows {
                let on: String = r.try_get(1)?;
                m.insert(r.try_get(0)?, codec::parse_date(&on)?);
            }
            Ok(m)
        })?;
        let wording = |task: &str| -> Result<Option<String>> {
            self.with(false, |c| {
                Ok(c.query_opt(
                    "SELECT deadline_text FROM sauro.task WHERE id = $1",
                    &[&task],
                )?
                .map(|r| r.try_get::<_, Option<String>>(0))
                .transpose()?
                .flatten())
            })
        };
        codec::deadline_changes_from(self.history_between(from, to)?, &reference, from, &wording)
    }
}

fn read_registry_in(tx: &mut impl GenericClient) -> Done<Registry> {
    let mut registry = Registry::new();
    for r in tx.query(
        "SELECT id, name, kind, successor, aliases, builtin FROM sauro.agency",
        &[],
    )? {
        registry.insert(codec::agency_from(codec::AgencyColumns {
            id: r.try_get(0)?,
            name: r.try_get(1)?,
            kind: r.try_get(2)?,
            successor: r.try_get(3)?,
            aliases: r.try_get(4)?,
            builtin: r.try_get(5)?,
        })?);
    }
    Ok(registry)
}

#[cfg(test)]
mod tests {
    use super::query::permute;
    use super::*;
    use postgres::types::FromSql;

    /// A day as PostgreSQL sends it in binary: days since 2000-01-01.
    fn raw(y: i32, m: u32, d: u32) -> [u8; 4] {
        let epoch = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let days = i32::try_from((day - epoch).num_days()).unwrap();
        days.to_be_bytes()
    }

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        // order[k]: the position whose item goes to k.
        for order in [
            vec![],
            vec![0],
            vec![1, 0],
            vec![2, 0, 1],
            vec![1, 2, 0],
            vec![0, 3, 1, 2, 5, 4],
            vec![4, 3, 2, 1, 0],
        ] {
            let items: Vec<String> = (0..order.len()).map(|i| format!("item{i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut got = items.clone();
            permute(&mut got, order.clone());
            assert_eq!(got, expected, "{order:?}");
        }
    }

    #[test]
    fn days_read_in_binary_are_written_as_the_servers_to_char_writes_them() {
        // Expected: `SELECT to_char(d, 'YYYY-MM-DD')` on PostgreSQL 15 for
        // 2026-11-22, 0099-01-05, 10000-03-01, 0001-01-01 BC, 0044-03-15 BC
        // (chrono's year 0 is 1 BC).
        for ((y, m, d), text) in [
            ((2026, 11, 22), "2026-11-22"),
            ((1999, 12, 31), "1999-12-31"),
            ((99, 1, 5), "0099-01-05"),
            ((10000, 3, 1), "10000-03-01"),
            ((0, 1, 1), "0001-01-01"),
            ((-43, 3, 15), "0044-03-15"),
        ] {
            let read = DayText::from_sql(&Type::DATE, &raw(y, m, d)).unwrap();
            assert_eq!(read.0, text, "{y}-{m}-{d}");
        }
        // ±infinity and a value of the wrong size are refused, not guessed.
        assert!(DayText::from_sql(&Type::DATE, &i32::MAX.to_be_bytes()).is_err());
        assert!(DayText::from_sql(&Type::DATE, &i32::MIN.to_be_bytes()).is_err());
        assert!(DayText::from_sql(&Type::DATE, &[0, 1]).is_err());
        assert!(DayText::accepts(&Type::DATE) && !DayText::accepts(&Type::TEXT));
    }
}
