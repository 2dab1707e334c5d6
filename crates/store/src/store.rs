//! Opening the database: pragmas, migrations, the refusal of newer schemas.

use crate::error::{Error, Result};
use crate::schema;
use rusqlite::{Connection, OpenFlags};
use sauro_core::{Agency, AgencyKind, Registry};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The sauro database.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    /// The database file (`None` in memory), for a second reader.
    pub(crate) path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A database written by a newer sauro is refused untouched.
    ///
    /// # Errors
    /// Unopenable or corrupt files, newer schemas, failed migrations.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.to_owned(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        Store::setup(conn, path.to_owned())
    }

    /// A fresh database in memory, for tests and benchmarks.
    ///
    /// # Errors
    /// Only if SQLite itself fails.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Store::setup(conn, PathBuf::from(":memory:"))
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Store> {
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_err)?;
        // Reading the version first also proves the file is a database at all.
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(open_err)?;
        if found > schema::LATEST {
            return Err(Error::TooNew {
                path,
                found,
                supported: schema::LATEST,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        if found < schema::LATEST {
            schema::migrations().to_latest(&mut conn)?;
        }
        let path = (path.as_os_str() != ":memory:").then_some(path);
        Ok(Store { conn, path })
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
        let held = read_registry(&self.conn)?;
        let missing: Vec<&Agency> = registry
            .iter()
            .filter(|a| held.get(a.id.as_str()) != Some(*a))
            .collect();
        if missing.is_empty() {
            return Ok(0);
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
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
        read_registry(&self.conn)
    }

    /// How many tasks the database holds.
    ///
    /// # Errors
    /// Database failures.
    pub fn task_count(&self) -> Result<usize> {
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
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// Adds or replaces one agency row, aliases and built-in flag included.
pub(crate) fn write_agency(conn: &Connection, a: &Agency) -> Result<usize> {
    let aliases = serde_json::to_string(&a.aliases)
        .map_err(|e| Error::Corrupt(format!("aliases of agency {}: {e}", a.id)))?;
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
        let id: String = r.get(0)?;
        let kind: String = r.get(2)?;
        let successor: Option<String> = r.get(3)?;
        let aliases: String = r.get(4)?;
        let aliases: Vec<String> = serde_json::from_str(&aliases)
            .map_err(|_| Error::Corrupt(format!("aliases of agency {id:?}: {aliases:?}")))?;
        registry.insert(Agency {
            id: id
                .parse()
                .map_err(|_| Error::Corrupt(format!("agency id {id:?}")))?,
            name: r.get(1)?,
            kind: AgencyKind::from_code(&kind)
                .ok_or_else(|| Error::Corrupt(format!("agency kind {kind:?}")))?,
            successor: successor.and_then(|s| s.parse().ok()),
            aliases,
            builtin: r.get(5)?,
        });
    }
    Ok(registry)
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
            conn.execute_batch("CREATE TABLE keep (x); PRAGMA user_version = 99;")
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
