//! `sauro db copy FROM TO`: a whole database copied between SQLite and
//! PostgreSQL, in either direction (SQLite to SQLite and PostgreSQL to
//! PostgreSQL too), history included, its ids and order kept.
//!
//! - The target must be empty: every table without a row. A SQLite target
//!   that does not exist is created with the store's schema (and deleted
//!   again when the copy fails); a PostgreSQL target without the current
//!   schema gets [`crate::init`] first, committed on its own: a copy that
//!   then fails leaves that database set up but empty.
//! - The source is read in one snapshot (a read transaction); the target is
//!   written in one transaction (PostgreSQL: as `sauro_owner`, so the
//!   authors' names are kept and a reader is refused; bulk `COPY … FROM
//!   STDIN`. SQLite: `BEGIN IMMEDIATE`, prepared statements). Nothing is
//!   committed until the target, read back inside that transaction, has the
//!   same row count and the same SHA-256 checksum as the source in every
//!   table; a failure anywhere leaves the target as it was.
//!
//! Values travel as canonical text, which both backends produce the same
//! way: days `YYYY-MM-DD`; times RFC 3339 in UTC with `Z`, seconds, and
//! microseconds only when not zero (`2026-11-22T08:00:00Z`, what sauro
//! writes; PostgreSQL's `timestamptz` holds microseconds, so a time with
//! finer digits is refused rather than rounded); flags `0`/`1`; integers in
//! decimal. A SQLite time written with another offset is copied as the same
//! instant in UTC. The checksum of a table is SHA-256 over its rows in key
//! order (bytewise, `COLLATE "C"` in PostgreSQL), each column in table
//! order written as `0x00` for NULL or `0x01`, the text's length (8 bytes,
//! little-endian) and the text's UTF-8 bytes.

use crate::error::{Error, Result};
use crate::schema::{self, Found, LATEST, SQLITE_MIRRORED};
use crate::{Migrated, Roots, roles};
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use postgres::IsolationLevel;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{OpenFlags, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a column holds, and so its canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, as it is.
    Text,
    /// An integer.
    Int,
    /// A flag: `0` or `1` (SQLite integer, PostgreSQL `boolean`).
    Bool,
    /// A day: `YYYY-MM-DD` (SQLite text, PostgreSQL `date`).
    Day,
    /// A wall-clock time: RFC 3339 in UTC (SQLite text, PostgreSQL
    /// `timestamptz`).
    Time,
}

/// A table copied, its key (the order rows are read and checked in) and
/// its columns.
#[derive(Debug)]
pub struct Table {
    /// The table's name (in the schema `sauro` in PostgreSQL).
    pub name: &'static str,
    /// The columns of its primary key.
    pub key: &'static [&'static str],
    /// Every column, in order, with its kind.
    pub columns: &'static [(&'static str, Kind)],
}

use Kind::{Bool, Day, Int, Text, Time};

/// The tables both backends hold (the SQLite store's schema version
/// [`SQLITE_MIRRORED`]), in an order that satisfies their foreign keys.
pub const TABLES: [Table; 8] = [
    Table {
        name: "agency",
        key: &["id"],
        columns: &[
            ("id", Text),
            ("name", Text),
            ("kind", Text),
            ("successor", Text),
            ("aliases", Text),
            ("builtin", Bool),
        ],
    },
    Table {
        name: "directive",
        key: &["id"],
        columns: &[
            ("id", Text),
            ("number", Text),
            ("title", Text),
            ("issued_by", Text),
            ("issued_on", Day),
            ("signer", Text),
            ("url", Text),
            ("source_file", Text),
        ],
    },
    Table {
        name: "task",
        key: &["id"],
        columns: &[
            ("id", Text),
            ("directive_id", Text),
            ("title", Text),
            ("lead", Text),
            ("responsible", Text),
            ("product", Text),
            ("authority", Text),
            ("deadline_text", Text),
            ("deadline_kind", Text),
            ("deadline_due", Day),
            ("deadline_rule", Text),
            ("extended", Bool),
            ("state", Text),
            ("state_on", Day),
            ("state_from_file", Bool),
            ("file_note", Text),
            ("file_deadline_text", Text),
            ("file_state", Text),
            ("file_state_on", Day),
            ("source_file", Text),
            ("source_line", Int),
            ("search", Text),
            ("support_ids", Text),
            ("depends_ids", Text),
            ("last_note", Text),
            ("co_lead_ids", Text),
            ("is_key", Bool),
            ("is_classified", Bool),
        ],
    },
    Table {
        name: "task_support",
        key: &["task_id", "agency_id"],
        columns: &[("task_id", Text), ("agency_id", Text), ("pos", Int)],
    },
    Table {
        name: "task_co_lead",
        key: &["task_id", "agency_id"],
        columns: &[("task_id", Text), ("agency_id", Text), ("pos", Int)],
    },
    Table {
        name: "task_dep",
        key: &["task_id", "depends_on"],
        columns: &[("task_id", Text), ("depends_on", Text)],
    },
    Table {
        name: "note",
        key: &["id"],
        columns: &[
            ("id", Int),
            ("task_id", Text),
            ("at", Time),
            ("day", Day),
            ("by", Text),
            ("text", Text),
        ],
    },
    Table {
        name: "history",
        key: &["id"],
        columns: &[
            ("id", Int),
            ("task_id", Text),
            ("at", Time),
            ("day", Day),
            ("by", Text),
            ("action", Text),
            ("field", Text),
            ("old", Text),
            ("old_day", Day),
            ("new", Text),
            ("new_day", Day),
            ("authority", Text),
            ("basis", Text),
            ("reason", Text),
            ("source_file", Text),
            ("source_line", Int),
        ],
    },
];

/// PostgreSQL's own table of per-agency leads: copied between PostgreSQL
/// databases; a SQLite database cannot hold it.
pub const LEAD_AGENCY: Table = Table {
    name: "lead_agency",
    key: &["username", "agency_id"],
    columns: &[("username", Text), ("agency_id", Text)],
};

/// A database to copy from or to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL address (`postgres://…`, `postgresql://…`).
    Postgres(String),
}

/// True when `s` is a PostgreSQL address (`postgres://` or
/// `postgresql://`, any case) rather than a file.
pub fn is_address(s: &str) -> bool {
    let lower = s
        .trim_start()
        .chars()
        .take(13)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl Place {
    /// A PostgreSQL address (see [`is_address`]), else a SQLite file.
    pub fn parse(s: &str) -> Place {
        if is_address(s) {
            Place::Postgres(s.trim().to_owned())
        } else {
            Place::Sqlite(PathBuf::from(s))
        }
    }

    /// The place in words, never repeating a password: the file, or the
    /// PostgreSQL database and its host.
    pub fn describe(&self) -> String {
        match self {
            Place::Sqlite(path) => path.display().to_string(),
            Place::Postgres(address) => describe_address(address),
        }
    }
}

/// `postgres://HOST/DB` without user or password, or a placeholder when
/// the address cannot be read.
pub fn describe_address(address: &str) -> String {
    let Ok(config) = crate::connect::parse(address) else {
        return "postgres://…".to_owned();
    };
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    format!(
        "postgres://{}/{}",
        hosts.join(","),
        config.get_dbname().unwrap_or("")
    )
}

/// What a copy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// The rows of each table copied, in copy order.
    pub rows: Vec<(&'static str, u64)>,
    /// SHA-256 (hex) of the history, the same in source and target.
    pub history_sha256: String,
    /// The migration run on a PostgreSQL target that had no current schema.
    pub initialized: Option<Migrated>,
    /// A SQLite target that did not exist and was created.
    pub created: bool,
}

/// A row: each column's canonical text, or `None` for NULL.
type Row = Vec<Option<String>>;

/// Copies the whole database at `from` into the empty database at `to`
/// (see the module's documentation). `roots` are the authorities a remote
/// PostgreSQL server's certificate must come from.
///
/// # Errors
/// [`Error::NotEmpty`] (nothing written), [`Error::NoSuchFile`],
/// [`Error::SqliteVersion`], [`Error::SourceSchema`],
/// [`Error::LeadsNotCopyable`], [`Error::BadValue`], [`Error::Verify`],
/// [`Error::Denied`] (a PostgreSQL target's user may not become
/// `sauro_owner`), [`Error::Table`] (a row refused by the target), and
/// connection and database failures. On any error the target is unchanged.
pub fn copy(from: &Place, to: &Place, roots: &Roots) -> Result<Copied> {
    let mut source = open_source(from, roots)?;
    let (mut target, initialized, created) = open_target(to, roots)?;
    let result = copy_open(&mut source, &mut target, to);
    if result.is_err()
        && created
        && let Place::Sqlite(path) = to
    {
        drop(target);
        remove_sqlite(path);
    }
    result.map(|(rows, history_sha256)| Copied {
        rows,
        history_sha256,
        initialized,
        created,
    })
}

/// An open connection.
enum Conn {
    /// A SQLite file and its path.
    Sqlite(rusqlite::Connection, PathBuf),
    /// A PostgreSQL database.
    Pg(postgres::Client),
}

/// A transaction on either backend.
enum Tx<'c> {
    Sqlite(rusqlite::Transaction<'c>, &'c Path),
    Pg(postgres::Transaction<'c>),
}

/// Opens the source: a SQLite file that exists, opened as every command
/// opens it (an older schema is brought up to date) and then read only; or
/// a PostgreSQL database at the current schema.
fn open_source(place: &Place, roots: &Roots) -> Result<Conn> {
    match place {
        Place::Sqlite(path) => {
            if !path.is_file() {
                return Err(Error::NoSuchFile { path: path.clone() });
            }
            drop(sauro_store::Store::open(path)?);
            let conn = rusqlite::Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| sqlite(path, e))?;
            check_sqlite_version(&conn, path)?;
            Ok(Conn::Sqlite(conn, path.clone()))
        }
        Place::Postgres(address) => {
            let mut client = crate::connect(address, roots)?;
            match schema::found(&mut client)? {
                Found::Version(LATEST) => Ok(Conn::Pg(client)),
                Found::Version(found) if found > LATEST => Err(Error::TooNew {
                    found,
                    supported: LATEST,
                }),
                Found::Version(found) => Err(Error::SourceSchema { found }),
                Found::New => Err(Error::SourceSchema { found: 0 }),
            }
        }
    }
}

/// Opens the target, creating a SQLite file with the store's schema or
/// setting up a PostgreSQL database that lacks the current schema. Says
/// what was migrated and whether a file was created.
fn open_target(place: &Place, roots: &Roots) -> Result<(Conn, Option<Migrated>, bool)> {
    match place {
        Place::Sqlite(path) => {
            let created = !path.exists();
            let opened = sauro_store::Store::open(path)
                .map_err(Error::from)
                .and_then(|store| {
                    drop(store);
                    let conn = rusqlite::Connection::open(path).map_err(|e| sqlite(path, e))?;
                    conn.busy_timeout(std::time::Duration::from_secs(5))
                        .and_then(|()| conn.pragma_update(None, "foreign_keys", "ON"))
                        .map_err(|e| sqlite(path, e))?;
                    check_sqlite_version(&conn, path)?;
                    Ok(conn)
                });
            match opened {
                Ok(conn) => Ok((Conn::Sqlite(conn, path.clone()), None, created)),
                Err(e) => {
                    if created {
                        remove_sqlite(path);
                    }
                    Err(e)
                }
            }
        }
        Place::Postgres(address) => {
            let mut client = crate::connect(address, roots)?;
            let migrated = match schema::found(&mut client)? {
                Found::Version(LATEST) => None,
                _ => Some(crate::init(&mut client)?),
            };
            Ok((Conn::Pg(client), migrated, false))
        }
    }
}

/// Deletes a SQLite file this copy created, with its journal files.
fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Refuses a SQLite file whose schema is not the one mirrored here.
fn check_sqlite_version(conn: &rusqlite::Connection, path: &Path) -> Result<()> {
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| sqlite(path, e))?;
    if found == SQLITE_MIRRORED {
        Ok(())
    } else {
        Err(Error::SqliteVersion {
            path: path.to_owned(),
            found,
        })
    }
}

/// A SQLite failure on `path`.
fn sqlite(path: &Path, source: rusqlite::Error) -> Error {
    Error::Sqlite {
        path: path.to_owned(),
        source,
    }
}

/// The copy itself, both ends open: reads the source in a snapshot, writes
/// the target in one transaction, checks it, commits.
fn copy_open(
    source: &mut Conn,
    target: &mut Conn,
    to: &Place,
) -> Result<(Vec<(&'static str, u64)>, String)> {
    let both_pg = matches!((&*source, &*target), (Conn::Pg(_), Conn::Pg(_)));
    let mut read = source.begin_read()?;
    let mut write = target.begin_write()?;
    let mut tables: Vec<&Table> = TABLES.iter().collect();
    if both_pg {
        tables.push(&LEAD_AGENCY);
    } else if read.is_pg() {
        let leads = read.count(&LEAD_AGENCY)?;
        if leads > 0 {
            return Err(Error::LeadsNotCopyable { rows: leads });
        }
    }
    for t in &tables {
        let rows = write.count(t)?;
        if rows > 0 {
            return Err(Error::NotEmpty {
                target: to.describe(),
                table: t.name,
                rows,
            });
        }
    }
    let mut expected = Vec::new();
    for t in &tables {
        let rows = read.read(t).map_err(|e| in_table(t, false, e))?;
        expected.push((t.name, rows.len() as u64, checksum(&rows)));

        write.write(t, &rows).map_err(|e| in_table(t, true, e))?;
    }
    write.after_writes()?;
    let mut history = String::new();
    for (t, (name, count, sum)) in tables.iter().zip(&expected) {
        let rows = write.read(t).map_err(|e| in_table(t, false, e))?;
        if rows.len() as u64 != *count {
            return Err(Error::Verify {
                table: name,
                expected: *count,
                found: rows.len() as u64,
            });
        }
        if checksum(&rows) != *sum {
            return Err(Error::VerifyChecksum { table: name });
        }
        if *name == "history" {
            history.clone_from(sum);
        }
    }
    write.commit()?;
    read.commit()?;
    let counts = expected.into_iter().map(|(n, c, _)| (n, c)).collect();
    Ok((counts, history))
}

/// Says which table a failure was in.
fn in_table(t: &Table, writing: bool, e: Error) -> Error {
    match e {
        Error::BadValue { .. } | Error::Table { .. } => e,
        other => Error::Table {
            table: t.name,
            writing,
            source: Box::new(other),
        },
    }
}

/// SHA-256, in hex, of rows in canonical text (see the module's
/// documentation).
pub fn checksum(rows: &[Vec<Option<String>>]) -> String {
    let mut hash = Sha256::new();
    for row in rows {
        for value in row {
            match value {
                None => hash.update([0u8]),
                Some(s) => {
                    hash.update([1u8]);
                    hash.update((s.len() as u64).to_le_bytes());
                    hash.update(s.as_bytes());
                }
            }
        }
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The canonical text of a value of `kind`, or `None` when it is not one.
pub fn canonical(kind: Kind, text: &str) -> Option<String> {
    match kind {
        Text => Some(text.to_owned()),
        Int => text.trim().parse::<i64>().ok().map(|n| n.to_string()),
        Bool => match text.trim() {
            "0" | "f" | "false" => Some("0".to_owned()),
            "1" | "t" | "true" => Some("1".to_owned()),
            _ => None,
        },
        Day => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| d.format("%Y-%m-%d").to_string()),
        Time => {
            let t = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
            let nanos = t.nanosecond();
            if nanos % 1000 != 0 || nanos >= 1_000_000_000 {
                return None;
            }
            Some(if nanos == 0 {
                t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            } else {
                t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
            })
        }
    }
}

/// A value that is not of its column's kind.
fn bad_value(t: &Table, row: &[Option<String>], column: &str, value: &str) -> Error {
    let kind = t
        .columns
        .iter()
        .find(|(c, _)| *c == column)
        .map_or(Text, |(_, k)| *k);
    Error::BadValue {
        table: t.name,
        row: row.first().cloned().flatten().unwrap_or_default(),
        column: column.to_owned(),
        value: value.chars().take(40).collect(),
        kind,
    }
}

/// The canonical row of raw texts, or the first value that is not of its
/// column's kind.
fn canonical_row(t: &Table, raw: Row) -> Result<Row> {
    let mut out = Vec::with_capacity(raw.len());
    for (value, (column, kind)) in raw.iter().zip(t.columns) {
        match value {
            None => out.push(None),
            Some(s) => match canonical(*kind, s) {
                Some(c) => out.push(Some(c)),
                None => {
                    out.extend(raw.iter().skip(out.len()).cloned());
                    return Err(bad_value(t, &out, column, s));
                }
            },
        }
    }
    Ok(out)
}

impl Conn {
    /// A read snapshot.
    fn begin_read(&mut self) -> Result<Tx<'_>> {
        match self {
            Conn::Sqlite(conn, path) => Ok(Tx::Sqlite(
                conn.transaction_with_behavior(TransactionBehavior::Deferred)
                    .map_err(|e| sqlite(path, e))?,
                path,
            )),
            Conn::Pg(client) => Ok(Tx::Pg(
                client
                    .build_transaction()
                    .isolation_level(IsolationLevel::RepeatableRead)
                    .read_only(true)
                    .start()?,
            )),
        }
    }

    /// The writing transaction: SQLite's lock taken at once; PostgreSQL as
    /// `sauro_owner` (the owner is not bound by row-level security, so every
    /// author's name is kept; a user who may not become it is refused).
    fn begin_write(&mut self) -> Result<Tx<'_>> {
        match self {
            Conn::Sqlite(conn, path) => Ok(Tx::Sqlite(
                conn.transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|e| sqlite(path, e))?,
                path,
            )),
            Conn::Pg(client) => {
                let mut tx = client.transaction()?;
                tx.batch_execute(&format!("SET LOCAL ROLE {}", roles::OWNER))?;
                Ok(Tx::Pg(tx))
            }
        }
    }
}

/// A quoted column list.
fn column_list(t: &Table) -> String {
    t.columns
        .iter()
        .map(|(c, _)| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One value in `COPY`'s text format (`NULL` as `\N`; backslash, tab,
/// newline and carriage return escaped).
pub(crate) fn copy_field(out: &mut Vec<u8>, value: Option<&str>) {
    let Some(s) = value else {
        out.extend_from_slice(b"\\N");
        return;
    };
    for b in s.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

impl Tx<'_> {
    /// True on PostgreSQL.
    fn is_pg(&self) -> bool {
        matches!(self, Tx::Pg(_))
    }

    /// The rows of a table.
    fn count(&mut self, t: &Table) -> Result<u64> {
        match self {
            Tx::Sqlite(tx, path) => {
                let n: i64 = tx
                    .query_row(&format!("SELECT count(*) FROM \"{}\"", t.name), [], |r| {
                        r.get(0)
                    })
                    .map_err(|e| sqlite(path, e))?;
                Ok(u64::try_from(n).unwrap_or(0))
            }
            Tx::Pg(tx) => {
                let n: i64 = tx
                    .query_one(&format!("SELECT count(*) FROM sauro.{}", t.name), &[])?
                    .try_get(0)?;
                Ok(u64::try_from(n).unwrap_or(0))
            }
        }
    }

    /// Every row of a table in key order, in canonical text.
    fn read(&mut self, t: &Table) -> Result<Vec<Row>> {
        match self {
            Tx::Sqlite(tx, path) => read_sqlite(tx, path, t),
            Tx::Pg(tx) => read_pg(tx, t),
        }
    }

    /// Writes rows into a table.
    fn write(&mut self, t: &Table, rows: &[Row]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        match self {
            Tx::Sqlite(tx, path) => write_sqlite(tx, path, t, rows),
            Tx::Pg(tx) => write_pg(tx, t, rows),
        }
    }

    /// After the rows are in: PostgreSQL's identities continue after the
    /// highest id copied, so the next note or history row gets a new id.
    fn after_writes(&mut self) -> Result<()> {
        if let Tx::Pg(tx) = self {
            for t in ["note", "history"] {
                tx.batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('sauro.{t}', 'id'), max(id))
                     FROM sauro.{t} HAVING max(id) IS NOT NULL"
                ))?;
            }
        }
        Ok(())
    }

    /// Commits.
    fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx, path) => tx.commit().map_err(|e| sqlite(path, e)),
            Tx::Pg(tx) => Ok(tx.commit()?),
        }
    }
}

/// Reads a SQLite table in key order.
fn read_sqlite(tx: &rusqlite::Transaction<'_>, path: &Path, t: &Table) -> Result<Vec<Row>> {
    let sql = format!(
        "SELECT {} FROM \"{}\" ORDER BY {}",
        column_list(t),
        t.name,
        t.key.join(", ")
    );
    let mut stmt = tx.prepare(&sql).map_err(|e| sqlite(path, e))?;
    let mut rows = stmt.query([]).map_err(|e| sqlite(path, e))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(|e| sqlite(path, e))? {
        let mut raw = Vec::with_capacity(t.columns.len());
        for i in 0..t.columns.len() {
            raw.push(match r.get_ref(i).map_err(|e| sqlite(path, e))? {
                ValueRef::Null => None,
                ValueRef::Integer(n) => Some(n.to_string()),
                ValueRef::Real(x) => Some(x.to_string()),
                ValueRef::Text(b) | ValueRef::Blob(b) => {
                    Some(String::from_utf8_lossy(b).into_owned())
                }
            });
        }
        out.push(canonical_row(t, raw)?);
    }
    Ok(out)
}

/// Writes rows into a SQLite table with one prepared statement.
fn write_sqlite(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    t: &Table,
    rows: &[Row],
) -> Result<()> {
    let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO \"{}\" ({}) VALUES ({})",
        t.name,
        column_list(t),
        marks.join(", ")
    );
    let mut stmt = tx.prepare(&sql).map_err(|e| sqlite(path, e))?;
    for row in rows {
        let mut values = Vec::with_capacity(row.len());
        for (value, (column, kind)) in row.iter().zip(t.columns) {
            values.push(match (value, kind) {
                (None, _) => Value::Null,
                (Some(s), Int | Bool) => {
                    Value::Integer(s.parse().map_err(|_| bad_value(t, row, column, s))?)
                }
                (Some(s), _) => Value::Text(s.clone()),
            });
        }
        stmt.execute(rusqlite::params_from_iter(values))
            .map_err(|e| Error::Table {
                table: t.name,
                writing: true,
                source: Box::new(Error::BadRow {
                    row: row.first().cloned().flatten().unwrap_or_default(),
                    source: Box::new(sqlite(path, e)),
                }),
            })?;
    }
    Ok(())
}

/// The SQL reading a PostgreSQL column as text.
fn pg_text(column: &str, kind: Kind) -> String {
    match kind {
        Text => format!("\"{column}\""),
        Int => format!("\"{column}\"::text"),
        Bool => format!("\"{column}\"::int::text"),
        Day => format!("to_char(\"{column}\", 'YYYY-MM-DD')"),
        Time => {
            format!("to_char(\"{column}\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
        }
    }
}

/// Reads a PostgreSQL table in key order (bytewise, as SQLite orders). The
/// key is qualified (`s.`): a bare name in `ORDER BY` would be the output
/// column, which is text (`10` before `2`).
fn read_pg(tx: &mut postgres::Transaction<'_>, t: &Table) -> Result<Vec<Row>> {
    let columns: Vec<String> = t.columns.iter().map(|(c, k)| pg_text(c, *k)).collect();
    let order: Vec<String> = t
        .key
        .iter()
        .map(|c| match t.columns.iter().find(|(n, _)| n == c) {
            Some((_, Text)) => format!("s.\"{c}\" COLLATE \"C\""),
            _ => format!("s.\"{c}\""),
        })
        .collect();
    let sql = format!(
        "SELECT {} FROM sauro.{} AS s ORDER BY {}",
        columns.join(", "),
        t.name,
        order.join(", ")
    );
    let mut out = Vec::new();
    for r in tx.query(&sql, &[])? {
        let mut raw = Vec::with_capacity(t.columns.len());
        for i in 0..t.columns.len() {
            raw.push(r.try_get::<_, Option<String>>(i)?);
        }
        out.push(canonical_row(t, raw)?);
    }
    Ok(out)
}

/// Writes rows into a PostgreSQL table with `COPY … FROM STDIN`.
fn write_pg(tx: &mut postgres::Transaction<'_>, t: &Table, rows: &[Row]) -> Result<()> {
    let mut data = Vec::new();
    for row in rows {
        for (i, value) in row.iter().enumerate() {
            if i > 0 {
                data.push(b'\t');
            }
            copy_field(&mut data, value.as_deref());
        }
        data.push(b'\n');
    }
    let mut writer = tx.copy_in(&format!(
        "COPY sauro.{} ({}) FROM STDIN",
        t.name,
        column_list(t)
    ))?;
    let sent = writer.write_all(&data);
    let finished = writer.finish();
    match (sent, finished) {
        (_, Err(e)) => Err(e.into()),
        (Err(_), Ok(_)) => Err(Error::CopyStream),
        (Ok(()), Ok(_)) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Place, canonical, checksum, copy_field, is_address};

    #[test]
    fn values_have_one_canonical_text() {
        assert_eq!(
            canonical(Kind::Time, "2026-11-22T08:00:00Z").as_deref(),
            Some("2026-11-22T08:00:00Z")
        );
        assert_eq!(
            canonical(Kind::Time, "2026-11-22T15:00:00+07:00").as_deref(),
            Some("2026-11-22T08:00:00Z")
        );
        assert_eq!(
            canonical(Kind::Time, "2026-11-22T08:00:00.000000Z").as_deref(),
            Some("2026-11-22T08:00:00Z")
        );
        assert_eq!(
            canonical(Kind::Time, "2026-11-22T08:00:00.25Z").as_deref(),
            Some("2026-11-22T08:00:00.250000Z")
        );
        // Finer than PostgreSQL keeps: refused, not rounded.
        assert_eq!(canonical(Kind::Time, "2026-11-22T08:00:00.1234567Z"), None);
        assert_eq!(canonical(Kind::Time, "hôm qua"), None);
        assert_eq!(
            canonical(Kind::Day, "2026-02-28").as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(canonical(Kind::Day, "2026-02-30"), None);
        assert_eq!(canonical(Kind::Bool, "t").as_deref(), Some("1"));
        assert_eq!(canonical(Kind::Bool, "2"), None);
        assert_eq!(canonical(Kind::Int, "x"), None);
    }

    #[test]
    fn the_checksum_tells_null_from_empty_and_column_boundaries() {
        let a = checksum(&[vec![None]]);
        let b = checksum(&[vec![Some(String::new())]]);
        let c = checksum(&[vec![Some("ab".to_owned()), Some("c".to_owned())]]);
        let d = checksum(&[vec![Some("a".to_owned()), Some("bc".to_owned())]]);
        assert_ne!(a, b);
        assert_ne!(c, d);
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn copy_text_escapes_its_separators() {
        let mut out = Vec::new();
        copy_field(&mut out, Some("a\tb\nc\\d\re"));
        assert_eq!(out, b"a\\tb\\nc\\\\d\\re");
        out.clear();
        copy_field(&mut out, None);
        assert_eq!(out, b"\\N");
    }

    #[test]
    fn addresses_are_told_from_files_and_never_show_a_password() {
        assert!(is_address("postgres://a@h/db"));
        assert!(is_address("PostgreSQL://h/db"));
        assert!(!is_address("postgres.db"));
        assert!(!is_address("./postgres://x"));
        let p = Place::parse("postgresql://lan:bí-mật@db.example/sauro");
        assert_eq!(p.describe(), "postgres://db.example/sauro");
        assert!(!p.describe().contains("bí-mật"));
        assert_eq!(Place::parse("/tmp/a.db"), Place::Sqlite("/tmp/a.db".into()));
    }
}
