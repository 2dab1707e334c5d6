//! Opening the database: what a file is before anything is written to it
//! (sauro's, new, another application's, newer), pragmas, migrations; the
//! checks before the first write of a process; errors said with their file.

use crate::error::{Damage, Error, Foreign, Result};
use crate::schema;
use rusqlite::OptionalExtension;
use rusqlite::{Connection, OpenFlags};
use sauro_core::{Agency, AgencyKind, Registry};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The types each stored column may hold: what sauro writes and reads back.
const STORED_TYPES: [(&str, &[(&str, &str)]); 7] = [
    (
        "task",
        &[
            ("id", "'text'"),
            ("directive_id", "'text'"),
            ("title", "'text'"),
            ("lead", "'text','null'"),
            ("responsible", "'text','null'"),
            ("product", "'text','null'"),
            ("authority", "'text','null'"),
            ("deadline_text", "'text','null'"),
            ("deadline_kind", "'text','null'"),
            ("deadline_due", "'text','null'"),
            ("extended", "'integer'"),
            ("state", "'text'"),
            ("state_on", "'text','null'"),
            ("state_from_file", "'integer'"),
            ("file_note", "'text','null'"),
            ("file_deadline_text", "'text','null'"),
            ("file_state", "'text'"),
            ("file_state_on", "'text','null'"),
            ("source_file", "'text','null'"),
            ("source_line", "'integer','null'"),
            ("search", "'text'"),
            ("support_ids", "'text','null'"),
            ("depends_ids", "'text','null'"),
            ("last_note", "'text','null'"),
        ],
    ),
    (
        "history",
        &[
            ("task_id", "'text'"),
            ("at", "'text'"),
            ("day", "'text'"),
            ("by", "'text'"),
            ("action", "'text'"),
            ("field", "'text','null'"),
            ("old", "'text','null'"),
            ("new", "'text','null'"),
            ("authority", "'text','null'"),
            ("basis", "'text','null'"),
            ("reason", "'text','null'"),
            ("old_day", "'text','null'"),
            ("new_day", "'text','null'"),
            ("source_file", "'text','null'"),
            ("source_line", "'integer','null'"),
        ],
    ),
    (
        "note",
        &[
            ("task_id", "'text'"),
            ("at", "'text'"),
            ("day", "'text'"),
            ("by", "'text'"),
            ("text", "'text'"),
        ],
    ),
    (
        "agency",
        &[
            ("id", "'text'"),
            ("name", "'text'"),
            ("kind", "'text'"),
            ("successor", "'text','null'"),
        ],
    ),
    (
        "directive",
        &[
            ("id", "'text'"),
            ("number", "'text','null'"),
            ("title", "'text'"),
            ("issued_by", "'text'"),
            ("issued_on", "'text'"),
        ],
    ),
    (
        "task_support",
        &[
            ("task_id", "'text'"),
            ("agency_id", "'text'"),
            ("pos", "'integer'"),
        ],
    ),
    (
        "task_dep",
        &[("task_id", "'text'"), ("depends_on", "'text'")],
    ),
];

/// `PRAGMA application_id` of the databases sauro creates ("SAUR").
pub(crate) const APPLICATION_ID: i64 = 0x5341_5552;

/// How long a connection waits for another's lock before it says the
/// database is busy ([`crate::Error::Busy`]): the SQLite store's busy
/// timeout, the PostgreSQL store's `lock_timeout`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The sauro database.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    /// The database file (`None` in memory), for a second reader.
    pub(crate) path: Option<PathBuf>,
    /// The file or its folder cannot be written: reads only.
    pub(crate) read_only: bool,
    /// The file passed its integrity check (done before the first write).
    pub(crate) checked: bool,
}

/// What a file holds, read before anything is written to it.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// No table yet: sauro makes it its own.
    New,
    /// A sauro database, of this schema version.
    Sauro(i64),
}

/// Tables and columns that only a sauro database has together.
const SAURO_TABLES: [(&str, &[&str]); 7] = [
    ("agency", &["id", "name", "kind", "successor"]),
    ("directive", &["id", "title", "issued_by", "issued_on"]),
    (
        "task",
        &[
            "id",
            "directive_id",
            "title",
            "deadline_due",
            "state",
            "state_on",
            "file_state",
            "search",
        ],
    ),
    ("task_support", &["task_id", "agency_id", "pos"]),
    ("task_dep", &["task_id", "depends_on"]),
    ("note", &["task_id", "at", "day", "by", "text"]),
    (
        "history",
        &["task_id", "at", "day", "action", "field", "old", "new"],
    ),
];

/// Reads what a file is, writing nothing: its application id, schema
/// version and tables.
fn identify(conn: &Connection, path: &Path) -> Result<Kind> {
    let open_err = |source| Error::Open {
        path: path.to_owned(),
        source,
    };
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(open_err)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(open_err)?;
    if app != 0 && app != APPLICATION_ID {
        return Err(Error::Foreign {
            path: path.to_owned(),
            reason: Foreign::Application(app),
        });
    }
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .map_err(open_err)?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(open_err)?;
    if tables.is_empty() && version == 0 && app == 0 {
        return Ok(Kind::New);
    }
    if app == APPLICATION_ID {
        return Ok(Kind::Sauro(version));
    }
    // A database from before sauro set its application id: known by its schema.
    let mut clashing = Vec::new();
    for (table, columns) in SAURO_TABLES {
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .map_err(open_err)?;
        let has: Vec<String> = stmt
            .query_map([table], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(open_err)?;
        if has.is_empty() || columns.iter().any(|c| !has.iter().any(|h| h == c)) {
            clashing.push(table.to_owned());
        }
    }
    if version >= 1 && clashing.is_empty() {
        return Ok(Kind::Sauro(version));
    }
    let mut shown: Vec<String> = tables.into_iter().take(8).collect();
    if shown.is_empty() {
        shown.push(format!("user_version {version}"));
    }
    Err(Error::Foreign {
        path: path.to_owned(),
        reason: Foreign::Tables(shown),
    })
}

/// `file:` URI of a path opened as immutable: read, never locked or written.
fn immutable_uri(path: &Path) -> String {
    let mut s = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => s.push_str("%25"),
            '?' => s.push_str("%3f"),
            '#' => s.push_str("%23"),
            c => s.push(c),
        }
    }
    s.push_str("?immutable=1");
    s
}

/// True when an error means the file (or its folder) cannot be written.
fn is_read_only_failure(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. Before anything is written, the file is identified: another
    /// application's database, or one whose tables are not sauro's, is refused
    /// untouched, and so is a database written by a newer sauro. A file that
    /// cannot be written (read-only file or folder) is opened for reading.
    ///
    /// # Errors
    /// Unopenable files, foreign or newer databases, failed migrations.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::Folder {
                path: path.to_owned(),
            });
        }
        let open_err = |source| Error::Open {
            path: path.to_owned(),
            source,
        };
        // An existing file is identified first on a read-only connection,
        // which never writes (nor checkpoints a log) whatever the file is.
        if path.exists() {
            let ro = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(open_err)?;
            ro.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
            match identify(&ro, path) {
                Ok(_) => {}
                // A folder where SQLite cannot make its shared-memory file.
                Err(Error::Open { source, .. }) if is_read_only_failure(&source) => {
                    drop(ro);
                    return Store::open_read_only(path);
                }
                Err(e) => return Err(e),
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // A file that cannot be written is read as it is.
        if conn
            .is_readonly(rusqlite::DatabaseName::Main)
            .unwrap_or(true)
        {
            drop(conn);
            return Store::open_read_only(path);
        }
        match identify(&conn, path) {
            Ok(kind) => Store::setup(conn, path.to_owned(), kind),
            Err(Error::Open { source, .. }) if is_read_only_failure(&source) => {
                drop(conn);
                Store::open_read_only(path)
            }
            Err(e) => Err(e),
        }
    }

    fn open_read_only(path: &Path) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.to_owned(),
            source,
        };
        let conn = Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        let found = match identify(&conn, path)? {
            Kind::New => {
                return Err(Error::ReadOnly {
                    path: path.to_owned(),
                });
            }
            Kind::Sauro(v) => v,
        };
        if found != schema::LATEST {
            return Err(if found > schema::LATEST {
                Error::TooNew {
                    path: path.to_owned(),
                    found,
                    supported: schema::LATEST,
                }
            } else {
                Error::ReadOnly {
                    path: path.to_owned(),
                }
            });
        }
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            read_only: true,
            checked: false,
        })
    }

    /// A fresh database in memory, for tests and benchmarks.
    ///
    /// # Errors
    /// Only if SQLite itself fails.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Store::setup(conn, PathBuf::from(":memory:"), Kind::New)
    }

    fn setup(mut conn: Connection, path: PathBuf, kind: Kind) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        let found = match kind {
            Kind::New => 0,
            Kind::Sauro(v) => v,
        };
        if found > schema::LATEST {
            return Err(Error::TooNew {
                path,
                found,
                supported: schema::LATEST,
            });
        }
        if let Err(e) = conn.pragma_update(None, "journal_mode", "WAL") {
            if is_read_only_failure(&e) && found == schema::LATEST {
                drop(conn);
                return Store::open_read_only(&path);
            }
            return Err(open_err(e));
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        if found < schema::LATEST {
            schema::migrations().to_latest(&mut conn)?;
        }
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(open_err)?;
        if app != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(open_err)?;
        }
        let path = (path.as_os_str() != ":memory:").then_some(path);
        Ok(Store {
            conn,
            path,
            read_only: false,
            checked: false,
        })
    }

    /// True when the database can only be read (a read-only file or folder).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The file, as errors name it.
    pub(crate) fn file(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    /// Says a database failure with its file: whether it was read or written.
    pub(crate) fn located<T>(&self, r: Result<T>, writing: bool) -> Result<T> {
        r.map_err(|e| {
            if e.needs_file() {
                Error::Database {
                    path: self.file(),
                    writing,
                    source: Box::new(e),
                }
            } else {
                e
            }
        })
    }

    /// The transaction every write runs in: [`Store::before_write`] first,
    /// then the write lock taken at once (`BEGIN IMMEDIATE`), so two
    /// writers never both read and then collide on the upgrade.
    ///
    /// # Errors
    /// [`Error::ReadOnly`], [`Error::Damaged`]; database failures.
    pub(crate) fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        self.before_write()?;
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// The write transaction if the lock is free now, `None` if another
    /// connection holds it (without waiting for it).
    ///
    /// # Errors
    /// [`Error::ReadOnly`], [`Error::Damaged`]; database failures.
    pub(crate) fn write_transaction_at_once(
        &mut self,
    ) -> Result<Option<rusqlite::Transaction<'_>>> {
        self.before_write()?;
        self.conn.busy_timeout(Duration::ZERO)?;
        let free = match self.conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK") {
            Ok(()) => true,
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => false,
            Err(e) => {
                self.conn.busy_timeout(BUSY_TIMEOUT)?;
                return Err(e.into());
            }
        };
        // Taken again below: between the two another connection may take
        // the lock; then this one waits for it as any writer does.
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        if !free {
            return Ok(None);
        }
        Ok(Some(self.conn.transaction_with_behavior(
            rusqlite::TransactionBehavior::Immediate,
        )?))
    }

    /// What every write does first: a read-only database is refused, and a
    /// damaged one (found by `PRAGMA quick_check`, or holding values of
    /// types sauro never writes) is refused before the first write of the
    /// process, so nothing is added to a file that cannot be read back.
    ///
    /// # Errors
    /// [`Error::ReadOnly`], [`Error::Damaged`].
    pub(crate) fn before_write(&mut self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly { path: self.file() });
        }
        if self.checked {
            return Ok(());
        }
        let damaged = |damage: Damage| Error::Damaged {
            path: self.file(),
            damage,
        };
        let quick: rusqlite::Result<Vec<String>> = self
            .conn
            .prepare("PRAGMA quick_check")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
        match quick {
            Ok(lines) if lines.len() == 1 && lines[0] == "ok" => {}
            _ => return Err(damaged(Damage::Pages)),
        }
        for (table, columns) in STORED_TYPES {
            let cases: Vec<String> = columns
                .iter()
                .map(|(c, types)| format!("WHEN typeof(\"{c}\") NOT IN ({types}) THEN '{c}'"))
                .collect();
            let sql = format!(
                "SELECT bad FROM (SELECT CASE {} END AS bad FROM \"{table}\") WHERE bad IS NOT NULL LIMIT 1",
                cases.join(" ")
            );
            match self
                .conn
                .query_row(&sql, [], |r| r.get::<_, String>(0))
                .optional()
            {
                Ok(None) => {}
                Ok(Some(column)) => {
                    return Err(damaged(Damage::Value {
                        table: table.to_owned(),
                        column,
                    }));
                }
                Err(_) => return Err(damaged(Damage::Pages)),
            }
        }
        self.checked = true;
        Ok(())
    }

    /// Writes the agencies of `registry` the database lacks or holds
    /// otherwise (a new database starts with the built-in registry; a newer
    /// program brings its built-in agencies, their aliases and successors).
    /// Returns how many rows were added or changed; writes nothing when the
    /// database already holds them all.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn ensure_agencies(&mut self, registry: &Registry) -> Result<usize> {
        let r = self.ensure_agencies_in(registry);
        self.located(r, true)
    }

    fn ensure_agencies_in(&mut self, registry: &Registry) -> Result<usize> {
        // Read first: a database that already holds the registry is not
        // written, so reading commands pay no write check.
        let held = read_registry(&self.conn)?;
        let missing: Vec<&Agency> = registry
            .iter()
            .filter(|a| held.get(a.id.as_str()) != Some(*a))
            .collect();
        if missing.is_empty() {
            return Ok(0);
        }
        let tx = self.write_transaction()?;
        let mut changed = 0;
        for a in missing {
            changed += write_agency(&tx, a)?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// The agencies the database knows.
    ///
    /// # Errors
    /// Database failures; unreadable rows.
    pub fn registry(&self) -> Result<Registry> {
        self.located(read_registry(&self.conn), false)
    }

    /// How many tasks the database holds.
    ///
    /// # Errors
    /// Database failures.
    pub fn task_count(&self) -> Result<usize> {
        self.located(self.task_count_in(), false)
    }

    fn task_count_in(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM task", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// A number that changes whenever another connection commits a change,
    /// so a long-running reader (the terminal UI) knows when to reload.
    ///
    /// # Errors
    /// Database failures.
    pub fn data_version(&self) -> Result<i64> {
        self.located(self.data_version_in(), false)
    }

    fn data_version_in(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// Adds or replaces one agency row, aliases and built-in flag included.
pub(crate) fn write_agency(conn: &Connection, a: &Agency) -> Result<usize> {
    let aliases = aliases_json(a)?;
    Ok(conn
        .prepare_cached(
            "INSERT INTO agency (id, name, kind, successor, aliases, builtin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             successor = excluded.successor, aliases = excluded.aliases,
             builtin = excluded.builtin",
        )?
        .execute((
            a.id.as_str(),
            &a.name,
            a.kind.code(),
            a.successor.as_ref().map(|s| s.as_str()),
            aliases,
            a.builtin,
        ))?)
}

/// The agencies a connection (or transaction) sees.
pub(crate) fn read_registry(conn: &Connection) -> Result<Registry> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, kind, successor, aliases, builtin FROM agency")?;
    let mut rows = stmt.query([])?;
    let mut registry = Registry::new();
    while let Some(r) = rows.next()? {
        registry.insert(agency_from(AgencyColumns {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            successor: r.get(3)?,
            aliases: r.get(4)?,
            builtin: r.get(5)?,
        })?);
    }
    Ok(registry)
}

/// An agency row's columns, as every backend reads them.
#[derive(Debug, Clone)]
pub struct AgencyColumns {
    /// `id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `kind`'s code.
    pub kind: String,
    /// `successor`.
    pub successor: Option<String>,
    /// `aliases`: a JSON list of strings.
    pub aliases: String,
    /// `builtin`.
    pub builtin: bool,
}

/// The agency an agency row holds.
///
/// # Errors
/// [`Error::Corrupt`] for an id, kind or alias list sauro never writes.
pub fn agency_from(c: AgencyColumns) -> Result<Agency> {
    let AgencyColumns {
        id,
        name,
        kind,
        successor,
        aliases,
        builtin,
    } = c;
    let aliases: Vec<String> = serde_json::from_str(&aliases)
        .map_err(|_| Error::Corrupt(format!("aliases of agency {id:?}: {aliases:?}")))?;
    Ok(Agency {
        id: id
            .parse()
            .map_err(|_| Error::Corrupt(format!("agency id {id:?}")))?,
        name,
        kind: AgencyKind::from_code(&kind)
            .ok_or_else(|| Error::Corrupt(format!("agency kind {kind:?}")))?,
        successor: successor.and_then(|s| s.parse().ok()),
        aliases,
        builtin,
    })
}

/// An agency's aliases as stored: a JSON list.
///
/// # Errors
/// [`Error::Corrupt`] if they cannot be written as JSON.
pub fn aliases_json(a: &Agency) -> Result<String> {
    serde_json::to_string(&a.aliases)
        .map_err(|e| Error::Corrupt(format!("aliases of agency {}: {e}", a.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&format!(
                "CREATE TABLE keep (x); PRAGMA user_version = 99; PRAGMA application_id = {APPLICATION_ID};"
            ))
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        std::fs::write(
            &path,
            "this is not sqlite, just text that is long enough to matter",
        )
        .unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("db.sqlite"), "{err}");
    }

    #[test]
    fn open_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(Store::open(&path).unwrap());
        let s = Store::open(&path).unwrap();
        assert_eq!(s.task_count().unwrap(), 0);
    }
}
