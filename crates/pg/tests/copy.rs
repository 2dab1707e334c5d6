//! `sauro_pg::copy`: a whole database copied between SQLite and PostgreSQL,
//! on a real server (a throwaway one, or `SAURO_TEST_POSTGRES`). Without
//! either, the tests that need PostgreSQL say on stderr that they were
//! skipped and why.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use rusqlite::types::Value;
use sauro_core::Deadline;
use sauro_core::directive_file::{SourceFile, load_registry};
use sauro_pg::copy::{Copied, LEAD_AGENCY, Place, TABLES, copy};
use sauro_pg::testing::{self, TestDatabase};
use sauro_pg::{Error, Roots, roles};
use sauro_store::{Actor, Store};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Roles belong to the whole server and the copy may create them: the
/// tests of this file take turns.
static TURN: Mutex<()> = Mutex::new(());

/// A fresh database for `test`, or `None` (said on stderr) without a server.
fn database(test: &str) -> Option<TestDatabase> {
    let server = testing::server_or_skip(test)?;
    Some(server.fresh_database().expect("a fresh test database"))
}

/// A fresh database already set up by `sauro_pg::init`.
fn initialized(test: &str) -> Option<TestDatabase> {
    let db = database(test)?;
    sauro_pg::init(&mut db.connect().unwrap()).unwrap();
    Some(db)
}

fn actor(at: &str) -> Actor {
    Actor {
        by: "Nguyễn Văn Lan".to_owned(),
        at: at.to_owned(),
        day: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

/// A SQLite store at `dir/name` holding the bundled `data/` (registry and
/// directives), then a done, an extension and a note (with a tab, a line
/// break and a backslash), so history has every kind of row.
fn bundled_store(dir: &Path, name: &str) -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let path = dir.join(name);
    let mut store = Store::open(&path).unwrap();
    let agencies = std::fs::read_to_string(data.join("agencies.toml")).unwrap();
    let registry = load_registry(SourceFile {
        path: "data/agencies.toml",
        text: &agencies,
    })
    .unwrap();
    store.ensure_agencies(&registry).unwrap();
    let mut files: Vec<(String, String)> = std::fs::read_dir(data.join("directives"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    store
        .import(&sources, &actor("2026-11-22T01:02:03Z"))
        .unwrap();
    store
        .mark_done(
            "bcdtw-ctct-2026/01",
            NaiveDate::from_ymd_opt(2026, 2, 25).unwrap(),
            &actor("2026-11-22T02:00:00Z"),
        )
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    store
        .extend(
            "bcdtw-ctct-2026/02",
            &Deadline::parse("quý IV/2026", day).unwrap(),
            "TTG",
            "9061/VPCP-CN",
            "Chờ nghị quyết",
            &actor("2026-11-22T03:00:00Z"),
        )
        .unwrap();
    store
        .add_note(
            "bcdtw-ctct-2026/03",
            "Đã họp\tlần 2\nxong \\ chờ",
            &actor("2026-11-22T04:05:06.250000Z"),
        )
        .unwrap();
    path
}

/// Every row of every table of a SQLite file, with SQLite's own types.
fn dump(path: &Path) -> BTreeMap<String, Vec<Vec<Value>>> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.insert(t, rows);
    }
    out
}

/// Row counts of every sauro table of a PostgreSQL database.
fn pg_counts(db: &TestDatabase) -> Vec<(String, i64)> {
    let mut c = db.connect().unwrap();
    TABLES
        .iter()
        .chain([&LEAD_AGENCY])
        .map(|t| {
            let n: i64 = c
                .query_one(&format!("SELECT count(*) FROM sauro.{}", t.name), &[])
                .unwrap()
                .get(0);
            (t.name.to_owned(), n)
        })
        .collect()
}

fn rows_of(copied: &Copied, table: &str) -> u64 {
    copied
        .rows
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, n)| *n)
        .unwrap()
}

#[test]
fn a_database_copied_to_postgresql_and_back_is_the_same_in_every_table() {
    let _turn = TURN.lock().unwrap_or_else(|p| p.into_inner());
    let Some(db) = database("a_database_copied_to_postgresql_and_back") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = bundled_store(dir.path(), "first.db");
    let pg = Place::Postgres(db.address());

    // The target has no schema yet: the copy sets it up first.
    let there = copy(&Place::Sqlite(first.clone()), &pg, &Roots::none()).unwrap();
    assert_eq!(
        there.initialized.map(|m| (m.from, m.to)),
        Some((0, sauro_pg::LATEST))
    );
    for table in ["agency", "directive", "task", "task_dep", "note", "history"] {
        assert!(rows_of(&there, table) > 0, "{table} copied no row");
    }
    let actions: BTreeSet<String> = {
        let mut c = db.connect().unwrap();
        c.query("SELECT DISTINCT action FROM sauro.history", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    assert!(
        ["import", "done", "extend", "note"]
            .iter()
            .all(|a| actions.contains(*a)),
        "{actions:?}"
    );
    // Typed in PostgreSQL: a flag, a day and a time, not their text.
    let mut c = db.connect().unwrap();
    let extended: bool = c
        .query_one(
            "SELECT extended FROM sauro.task WHERE id = 'bcdtw-ctct-2026/02'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(extended);
    let note_at: String = c
        .query_one(
            "SELECT (at = TIMESTAMPTZ '2026-11-22 11:05:06.25+07')::text FROM sauro.note",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(note_at, "true");

    let last = dir.path().join("last.db");
    let back = copy(&pg, &Place::Sqlite(last.clone()), &Roots::none()).unwrap();
    assert!(back.created);
    assert_eq!(back.history_sha256, there.history_sha256);
    assert_eq!(back.rows, there.rows);
    assert_eq!(dump(&last), dump(&first));

    // The copied identities go on after the highest id copied.
    let max: i64 = c
        .query_one("SELECT max(id) FROM sauro.history", &[])
        .unwrap()
        .get(0);
    let next: i64 = c
        .query_one(
            "INSERT INTO sauro.history (task_id, day, action)
             VALUES ('bcdtw-ctct-2026/01', '2026-11-23', 'note') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(next, max + 1);
}

#[test]
fn a_target_that_is_not_empty_is_refused_untouched() {
    let _turn = TURN.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let source = bundled_store(dir.path(), "source.db");

    // SQLite: a database holding only the registry is not empty.
    let target = dir.path().join("target.db");
    {
        let mut s = Store::open(&target).unwrap();
        let mut registry = sauro_core::Registry::new();
        registry.insert(sauro_core::Agency::new(
            "BTP".parse().unwrap(),
            "Bộ Tư pháp",
            sauro_core::AgencyKind::Ministry,
        ));
        s.ensure_agencies(&registry).unwrap();
    }
    let before = dump(&target);
    let e = copy(
        &Place::Sqlite(source.clone()),
        &Place::Sqlite(target.clone()),
        &Roots::none(),
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            Error::NotEmpty {
                table: "agency",
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(dump(&target), before);

    // PostgreSQL: one agency is enough to refuse.
    let Some(db) = initialized("a_target_that_is_not_empty_is_refused") else {
        return;
    };
    db.connect()
        .unwrap()
        .batch_execute(
            "INSERT INTO sauro.agency (id, name, kind) VALUES ('BTP', 'Bộ Tư pháp', 'ministry')",
        )
        .unwrap();
    let before = pg_counts(&db);
    let e = copy(
        &Place::Sqlite(source),
        &Place::Postgres(db.address()),
        &Roots::none(),
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            Error::NotEmpty {
                table: "agency",
                rows: 1,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.message(sauro_core::Lang::Vi).contains("không trống"));
    assert_eq!(pg_counts(&db), before);
}

/// The bundled store with one more note whose task does not exist (written
/// past the store, foreign keys off): the copy refuses it after writing
/// the agencies, directives and tasks before it.
fn store_with_a_bad_note(dir: &Path) -> PathBuf {
    let path = bundled_store(dir, "bad.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO note (task_id, at, day, by, text)
             VALUES ('khong-co/99', '2026-11-22T05:00:00Z', '2026-11-22', 'lan', 'mồ côi')",
        )
        .unwrap();
    path
}

#[test]
fn a_copy_failing_midway_leaves_the_target_unchanged() {
    let _turn = TURN.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let source = Place::Sqlite(store_with_a_bad_note(dir.path()));

    // A SQLite file the copy created is deleted again.
    let new = dir.path().join("new.db");
    let e = copy(&source, &Place::Sqlite(new.clone()), &Roots::none()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Table {
                table: "note",
                writing: true,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!new.exists());

    // An empty SQLite file stays empty.
    let empty = dir.path().join("empty.db");
    drop(Store::open(&empty).unwrap());
    let before = dump(&empty);
    copy(&source, &Place::Sqlite(empty.clone()), &Roots::none()).unwrap_err();
    assert_eq!(dump(&empty), before);

    // PostgreSQL: the tasks written before the bad note are rolled back.
    let Some(db) = initialized("a_copy_failing_midway_leaves_the_target_unchanged") else {
        return;
    };
    let e = copy(&source, &Place::Postgres(db.address()), &Roots::none()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Table {
                table: "note",
                writing: true,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        pg_counts(&db).iter().all(|(_, n)| *n == 0),
        "{:?}",
        pg_counts(&db)
    );
}

#[test]
fn a_reader_cannot_be_the_target_of_a_copy() {
    let _turn = TURN.lock().unwrap_or_else(|p| p.into_inner());
    let Some(mut db) = initialized("a_reader_cannot_be_the_target_of_a_copy") else {
        return;
    };
    drop(db.user("reader", &[roles::READER]).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let source = bundled_store(dir.path(), "source.db");
    let e = copy(
        &Place::Sqlite(source),
        &Place::Postgres(db.user_address("reader")),
        &Roots::none(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Denied(_)), "{e:?}");
    assert!(pg_counts(&db).iter().all(|(_, n)| *n == 0));
}

#[test]
fn per_agency_leads_are_not_dropped_on_the_way_to_sqlite() {
    let _turn = TURN.lock().unwrap_or_else(|p| p.into_inner());
    let Some(db) = initialized("per_agency_leads_are_not_dropped_on_the_way_to_sqlite") else {
        return;
    };
    db.connect()
        .unwrap()
        .batch_execute(
            "INSERT INTO sauro.agency (id, name, kind) VALUES ('BTP', 'Bộ Tư pháp', 'ministry');
             INSERT INTO sauro.lead_agency (username, agency_id) VALUES ('lan', 'BTP');",
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("t.db");
    let e = copy(
        &Place::Postgres(db.address()),
        &Place::Sqlite(target.clone()),
        &Roots::none(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::LeadsNotCopyable { rows: 1 }), "{e:?}");
    assert!(!target.exists());
}

#[test]
fn the_copy_knows_every_column_of_the_sqlite_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut sqlite = BTreeSet::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in tables {
        let names: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([&t], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        sqlite.extend(names.into_iter().map(|c| (t.clone(), c)));
    }
    let copied: BTreeSet<(String, String)> = TABLES
        .iter()
        .flat_map(|t| {
            t.columns
                .iter()
                .map(|(c, _)| (t.name.to_owned(), (*c).to_owned()))
        })
        .collect();
    assert_eq!(
        copied.symmetric_difference(&sqlite).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new()
    );
}

#[test]
fn a_value_that_is_not_of_its_kind_is_named_and_nothing_is_written() {
    let _turn = TURN.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let source = bundled_store(dir.path(), "source.db");
    let id: i64 = {
        let conn = rusqlite::Connection::open(&source).unwrap();
        conn.execute_batch(
            "INSERT INTO history (task_id, at, day, by, action)
             VALUES ('bcdtw-ctct-2026/01', '2026-11-22T05:00:00Z', '2026-02-30', 'lan', 'note')",
        )
        .unwrap();
        conn.last_insert_rowid()
    };
    let target = dir.path().join("t.db");
    let e = copy(
        &Place::Sqlite(source),
        &Place::Sqlite(target.clone()),
        &Roots::none(),
    )
    .unwrap_err();
    match &e {
        Error::BadValue {
            table: "history",
            row,
            column,
            value,
            ..
        } => {
            assert_eq!(row, &id.to_string());
            assert_eq!(column, "day");
            assert_eq!(value, "2026-02-30");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        e.message(sauro_core::Lang::Vi),
        format!(
            "bảng history, dòng {id}: cột day chứa \"2026-02-30\", không phải ngày dạng YYYY-MM-DD"
        )
    );
    assert!(!target.exists());
}
