//! The PostgreSQL schema, its version record and its roles, on a real
//! server: a throwaway one (`sauro_pg::testing`), or `SAURO_TEST_POSTGRES`.
//! Without either, each test says on stderr that it was skipped and why.

#![allow(clippy::unwrap_used)]

use postgres::Client;
use sauro_core::Lang;
use sauro_pg::schema::SQLITE_MIRRORED;
use sauro_pg::testing::{self, TestDatabase};
use sauro_pg::{Error, Found, LATEST, Migrated, roles, schema};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// Roles belong to the whole server: tests that create them take turns.
static ROLES: Mutex<()> = Mutex::new(());

/// A fresh database for `test`, or `None` (said on stderr) without a server.
fn database(test: &str) -> Option<TestDatabase> {
    let server = testing::server_or_skip(test)?;
    Some(server.fresh_database().expect("a fresh test database"))
}

/// `sauro_pg::init` on the database, as its superuser.
fn init(db: &TestDatabase) -> Result<Migrated, Error> {
    let _turn = ROLES.lock().unwrap_or_else(|p| p.into_inner());
    sauro_pg::init(&mut db.connect().unwrap())
}

/// Runs SQL, its failure typed.
fn sql(c: &mut Client, s: &str) -> Result<(), Error> {
    c.batch_execute(s).map_err(Error::from)
}

/// One agency, directive, task, supporting agency, dependency, note and
/// history row, written by the superuser.
const SAMPLE: &str = r#"
INSERT INTO sauro.agency (id, name, kind) VALUES
    ('TTG', 'Thủ tướng Chính phủ', 'leader'), ('BCA', 'Bộ Công an', 'ministry'),
    ('BTP', 'Bộ Tư pháp', 'ministry');
INSERT INTO sauro.directive (id, number, title, issued_by, issued_on)
    VALUES ('d1', '01/CT-TTg', 'Chỉ thị về cải cách', 'TTG', '2026-01-05');
INSERT INTO sauro.task (id, directive_id, title, lead, state, file_state, search, deadline_due)
    VALUES ('d1.1', 'd1', 'Trình đề án', 'BCA', 'open', 'open', 'd1.1 trinh de an', '2026-03-31'),
           ('d1.2', 'd1', 'Ban hành thông tư', 'BTP', 'open', 'open', 'd1.2 ban hanh', '2026-06-30');
INSERT INTO sauro.task_support (task_id, agency_id, pos) VALUES ('d1.1', 'BTP', 0);
INSERT INTO sauro.task_dep (task_id, depends_on) VALUES ('d1.2', 'd1.1');
INSERT INTO sauro.note (task_id, day, "by", text) VALUES ('d1.1', '2026-01-06', 'lan', 'ghi chú');
INSERT INTO sauro.history (task_id, day, "by", action) VALUES ('d1.1', '2026-01-06', 'lan', 'import');
"#;

/// A database set up by `init`, holding [`SAMPLE`].
fn with_sample(test: &str) -> Option<TestDatabase> {
    let db = database(test)?;
    init(&db).unwrap();
    sql(&mut db.connect().unwrap(), SAMPLE).unwrap();
    Some(db)
}

/// Row counts of every table, and the tasks' states and titles: what a
/// refused statement must leave as it was.
fn snapshot(db: &TestDatabase) -> Vec<String> {
    let mut c = db.connect().unwrap();
    let mut out = Vec::new();
    for t in [
        "agency",
        "directive",
        "task",
        "task_support",
        "task_co_lead",
        "task_dep",
        "note",
        "history",
        "migration",
    ] {
        let n: i64 = c
            .query_one(&format!("SELECT count(*) FROM sauro.{t}"), &[])
            .unwrap()
            .get(0);
        out.push(format!("{t}={n}"));
    }
    for r in c
        .query(
            "SELECT id, title, state, deadline_due::text FROM sauro.task ORDER BY id",
            &[],
        )
        .unwrap()
    {
        let (id, title, state, due): (String, String, String, Option<String>) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        out.push(format!("{id} {title} {state} {due:?}"));
    }
    for r in c
        .query(
            "SELECT id, old, new, action FROM sauro.history ORDER BY id",
            &[],
        )
        .unwrap()
    {
        let (id, old, new, action): (i64, Option<String>, Option<String>, String) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        out.push(format!("history {id} {old:?} {new:?} {action}"));
    }
    out
}

/// Every statement must be refused for lack of privilege, and leave the
/// data as it was.
fn all_denied(db: &TestDatabase, c: &mut Client, who: &str, statements: &[&str]) {
    let before = snapshot(db);
    for s in statements {
        match sql(c, s) {
            Err(Error::Denied(_)) => {}
            other => panic!("{who}: {s:?} should be denied, got {other:?}"),
        }
    }
    assert_eq!(
        snapshot(db),
        before,
        "{who}: a refused statement changed data"
    );
}

/// Writes to every table, the schema and the roles, none of which a reader
/// may do.
const EVERY_WRITE: [&str; 22] = [
    "INSERT INTO sauro.agency (id, name, kind) VALUES ('X', 'x', 'other')",
    "INSERT INTO sauro.directive (id, title, issued_by, issued_on) VALUES ('d2', 't', 'TTG', '2026-01-01')",
    "INSERT INTO sauro.task (id, directive_id, title, state, file_state, search) VALUES ('d1.9', 'd1', 't', 'open', 'open', 's')",
    "INSERT INTO sauro.task_support (task_id, agency_id, pos) VALUES ('d1.2', 'BCA', 0)",
    "INSERT INTO sauro.task_co_lead (task_id, agency_id, pos) VALUES ('d1.1', 'TTG', 1)",
    "INSERT INTO sauro.task_dep (task_id, depends_on) VALUES ('d1.1', 'd1.2')",
    "INSERT INTO sauro.note (task_id, day, text) VALUES ('d1.1', '2026-02-01', 'n')",
    "INSERT INTO sauro.history (task_id, day, action) VALUES ('d1.1', '2026-02-01', 'done')",
    "INSERT INTO sauro.migration (version) VALUES (99)",
    "UPDATE sauro.task SET state = 'done', state_on = '2026-02-01' WHERE id = 'd1.1'",
    "UPDATE sauro.task SET deadline_due = '2026-12-31' WHERE id = 'd1.1'",
    "UPDATE sauro.agency SET name = 'y' WHERE id = 'BCA'",
    "UPDATE sauro.history SET old = 'x'",
    "DELETE FROM sauro.task_support",
    "DELETE FROM sauro.history",
    "DELETE FROM sauro.note",
    "TRUNCATE sauro.history",
    "TRUNCATE sauro.task CASCADE",
    "CREATE TABLE sauro.mine (x integer)",
    "ALTER TABLE sauro.task ADD COLUMN x integer",
    "DROP TABLE sauro.history",
    "SET ROLE sauro_owner",
];

#[test]
fn init_creates_the_schema_owned_by_sauro_owner_and_records_its_version() {
    let Some(db) = database("init_creates_the_schema") else {
        return;
    };
    let mut c = db.connect().unwrap();
    assert_eq!(schema::found(&mut c).unwrap(), Found::New);
    assert_eq!(
        init(&db).unwrap(),
        Migrated {
            from: 0,
            to: LATEST
        }
    );
    assert_eq!(schema::found(&mut c).unwrap(), Found::Version(LATEST));
    let owners: BTreeSet<String> = c
        .query(
            "SELECT DISTINCT tableowner::text FROM pg_tables WHERE schemaname = 'sauro'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(owners, BTreeSet::from([roles::OWNER.to_owned()]));
    let applied: Vec<i32> = c
        .query("SELECT version FROM sauro.migration ORDER BY version", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(applied, (1..=LATEST).collect::<Vec<_>>());
}

#[test]
fn init_again_changes_nothing() {
    let Some(db) = with_sample("init_again_changes_nothing") else {
        return;
    };
    let before = snapshot(&db);
    assert_eq!(
        init(&db).unwrap(),
        Migrated {
            from: LATEST,
            to: LATEST
        }
    );
    assert_eq!(snapshot(&db), before);
}

#[test]
fn init_again_takes_back_privileges_granted_by_hand() {
    let Some(mut db) = with_sample("init_again_takes_back_privileges") else {
        return;
    };
    sql(
        &mut db.connect().unwrap(),
        "GRANT UPDATE (title, lead) ON sauro.task TO sauro_secretary;
         GRANT UPDATE, DELETE ON sauro.history TO sauro_secretary;
         GRANT INSERT ON sauro.agency TO sauro_reader;",
    )
    .unwrap();
    init(&db).unwrap();
    let mut s = db.user("secretary", &[roles::SECRETARY]).unwrap();
    all_denied(
        &db,
        &mut s,
        "secretary",
        &[
            "UPDATE sauro.task SET title = 'khác' WHERE id = 'd1.1'",
            "UPDATE sauro.task SET lead = 'BTP' WHERE id = 'd1.1'",
            "UPDATE sauro.history SET old = 'x'",
            "DELETE FROM sauro.history",
        ],
    );
    // What a secretary may do is granted again.
    sql(
        &mut s,
        "UPDATE sauro.task SET state = 'done', state_on = '2026-02-01' WHERE id = 'd1.1'",
    )
    .unwrap();
    let mut r = db.user("reader", &[roles::READER]).unwrap();
    all_denied(
        &db,
        &mut r,
        "reader",
        &["INSERT INTO sauro.agency (id, name, kind) VALUES ('X', 'x', 'other')"],
    );
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let Some(db) = with_sample("a_newer_schema_is_refused_untouched") else {
        return;
    };
    let newer = LATEST + 1;
    let mut c = db.connect().unwrap();
    c.execute(
        "INSERT INTO sauro.migration (version) VALUES ($1)",
        &[&newer],
    )
    .unwrap();
    let tables = |c: &mut Client| -> Vec<String> {
        c.query(
            "SELECT table_name::text || '.' || column_name::text FROM information_schema.columns
             WHERE table_schema = 'sauro' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
    };
    let (data, shape) = (snapshot(&db), tables(&mut c));
    let too_new = |e| matches!(e, Error::TooNew { found, supported } if found == newer && supported == LATEST);
    assert!(too_new(init(&db).unwrap_err()));
    assert!(too_new(schema::migrate(&mut c).unwrap_err()));
    assert_eq!(snapshot(&db), data);
    assert_eq!(tables(&mut c), shape);
    let e = init(&db).unwrap_err();
    assert!(
        e.message(Lang::Vi).contains("mới hơn phiên bản"),
        "{}",
        e.message(Lang::Vi)
    );
    assert!(e.message(Lang::En).contains(&format!("version {newer}")));
}

#[test]
fn a_foreign_sauro_schema_is_refused_untouched() {
    let Some(db) = database("a_foreign_sauro_schema_is_refused_untouched") else {
        return;
    };
    let mut c = db.connect().unwrap();
    sql(
        &mut c,
        "CREATE SCHEMA sauro; CREATE TABLE sauro.stuff (x integer)",
    )
    .unwrap();
    match init(&db) {
        Err(Error::Foreign { tables }) => assert_eq!(tables, ["stuff"]),
        other => panic!("expected Foreign, got {other:?}"),
    }
    let left: Vec<String> = c
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'sauro'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(left, ["stuff"]);
}

/// `(table, column)` and index names of the SQLite store's schema, and its version.
fn sqlite_schema() -> (BTreeSet<(String, String)>, BTreeSet<String>, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sauro.db");
    drop(sauro_store::Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut columns = BTreeSet::new();
    for t in tables {
        let names: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([&t], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        columns.extend(names.into_iter().map(|c| (t.clone(), c)));
    }
    let indexes = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    (columns, indexes, version)
}

#[test]
fn the_schema_has_every_table_column_and_index_of_the_sqlite_store() {
    let Some(db) = database("the_schema_matches_the_sqlite_store") else {
        return;
    };
    init(&db).unwrap();
    let mut c = db.connect().unwrap();
    let columns: BTreeSet<(String, String)> = c
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'sauro' AND table_name NOT IN ('migration', 'lead_agency')",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let indexes: BTreeSet<String> = c
        .query(
            "SELECT indexname::text FROM pg_indexes
             WHERE schemaname = 'sauro' AND indexname NOT LIKE '%\\_pkey'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let (sqlite_columns, sqlite_indexes, version) = sqlite_schema();
    let hint = format!(
        "PostgreSQL schema version {LATEST} mirrors the SQLite store's version \
         {SQLITE_MIRRORED}; the store is at version {version}: add a PostgreSQL migration"
    );
    assert_eq!(
        columns
            .symmetric_difference(&sqlite_columns)
            .collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "{hint}"
    );
    assert_eq!(indexes, sqlite_indexes, "{hint}");
}

#[test]
fn history_is_append_only_even_for_its_owner_and_the_superuser() {
    let Some(db) = with_sample("history_is_append_only_even_for_its_owner") else {
        return;
    };
    let before = snapshot(&db);
    let mut c = db.connect().unwrap();
    for s in [
        "UPDATE sauro.history SET old = 'x'",
        "DELETE FROM sauro.history",
        "TRUNCATE sauro.history",
        "SET ROLE sauro_owner; UPDATE sauro.history SET new = 'y'",
        "SET ROLE sauro_owner; DELETE FROM sauro.history WHERE task_id = 'd1.1'",
    ] {
        let e = sql(&mut c, s).unwrap_err();
        assert!(matches!(e, Error::AppendOnly(_)), "{s}: {e:?}");
        assert_eq!(
            e.message(Lang::Vi),
            "lịch sử chỉ được ghi thêm: không sửa hay xóa được dòng nào"
        );
        sql(&mut c, "RESET ROLE").unwrap();
    }
    // Appending still works.
    sql(
        &mut c,
        "INSERT INTO sauro.history (task_id, day, action) VALUES ('d1.1', '2026-02-01', 'note')",
    )
    .unwrap();
    assert_eq!(snapshot(&db).len(), before.len() + 1);
}

#[test]
fn a_reader_reads_everything_and_cannot_write_anything() {
    let Some(mut db) = with_sample("a_reader_cannot_write_anything") else {
        return;
    };
    let mut reader = db.user("reader", &[roles::READER]).unwrap();
    let tasks: i64 = reader
        .query_one("SELECT count(*) FROM sauro.task", &[])
        .unwrap()
        .get(0);
    assert_eq!(tasks, 2);
    let history: i64 = reader
        .query_one("SELECT count(*) FROM sauro.history", &[])
        .unwrap()
        .get(0);
    assert_eq!(history, 1);
    all_denied(&db, &mut reader, "reader", &EVERY_WRITE);
}

#[test]
fn a_secretary_records_changes_but_cannot_rewrite_history_or_import() {
    let Some(mut db) = with_sample("a_secretary_records_changes") else {
        return;
    };
    let user = format!("{}_secretary", db.name());
    let mut s = db.user("secretary", &[roles::SECRETARY]).unwrap();
    // What `done`, `extend` and `note` write.
    sql(
        &mut s,
        "BEGIN;
         UPDATE sauro.task SET state = 'done', state_on = '2026-02-01', state_from_file = false
             WHERE id = 'd1.1';
         UPDATE sauro.task SET deadline_text = 'quý 3/2026', deadline_kind = 'date',
             deadline_due = '2026-09-30', deadline_rule = NULL, extended = true WHERE id = 'd1.2';
         INSERT INTO sauro.note (task_id, day, text) VALUES ('d1.2', '2026-02-01', 'đã họp');
         UPDATE sauro.task SET last_note = 'đã họp' WHERE id = 'd1.2';
         INSERT INTO sauro.history (task_id, day, action, field, old, new)
             VALUES ('d1.1', '2026-02-01', 'done', 'state', 'open', 'done 2026-02-01');
         COMMIT;",
    )
    .unwrap();
    // Who recorded it is the database user, not a name the client gives.
    let by: String = s
        .query_one(
            "SELECT \"by\" FROM sauro.history WHERE action = 'done'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(by, user);
    all_denied(
        &db,
        &mut s,
        "secretary",
        &[
            "UPDATE sauro.history SET old = 'x'",
            "DELETE FROM sauro.history",
            "TRUNCATE sauro.history",
            "DELETE FROM sauro.note",
            "INSERT INTO sauro.history (task_id, day, \"by\", action) VALUES ('d1.1', '2026-02-01', 'lan', 'done')",
            "INSERT INTO sauro.note (task_id, day, \"by\", text) VALUES ('d1.1', '2026-02-01', 'lan', 'n')",
            "UPDATE sauro.task SET title = 'khác' WHERE id = 'd1.1'",
            "UPDATE sauro.task SET lead = 'BTP' WHERE id = 'd1.1'",
            "DELETE FROM sauro.task WHERE id = 'd1.2'",
            "INSERT INTO sauro.agency (id, name, kind) VALUES ('X', 'x', 'other')",
            "UPDATE sauro.agency SET name = 'y' WHERE id = 'BCA'",
            "DELETE FROM sauro.agency WHERE id = 'TTG'",
            "INSERT INTO sauro.directive (id, title, issued_by, issued_on) VALUES ('d2', 't', 'TTG', '2026-01-01')",
            "INSERT INTO sauro.task (id, directive_id, title, state, file_state, search) VALUES ('d1.9', 'd1', 't', 'open', 'open', 's')",
            "INSERT INTO sauro.task_support (task_id, agency_id, pos) VALUES ('d1.2', 'BCA', 0)",
            "DELETE FROM sauro.task_dep",
            "INSERT INTO sauro.migration (version) VALUES (99)",
            "ALTER TABLE sauro.task ADD COLUMN x integer",
            "CREATE TABLE sauro.mine (x integer)",
            "SET ROLE sauro_owner",
        ],
    );
}

#[test]
fn an_admin_imports_but_cannot_rewrite_history_without_becoming_owner() {
    let Some(mut db) = with_sample("an_admin_imports") else {
        return;
    };
    let mut a = db.user("admin", &[roles::ADMIN]).unwrap();
    // What an import writes: registry, directive, tasks and their links, history.
    sql(
        &mut a,
        "BEGIN;
         INSERT INTO sauro.agency (id, name, kind) VALUES ('BYT', 'Bộ Y tế', 'ministry')
             ON CONFLICT (id) DO UPDATE SET name = excluded.name;
         INSERT INTO sauro.directive (id, title, issued_by, issued_on)
             VALUES ('d2', 'Thông báo kết luận', 'TTG', '2026-02-02');
         INSERT INTO sauro.task (id, directive_id, title, lead, state, file_state, search)
             VALUES ('d2.1', 'd2', 'Báo cáo', 'BYT', 'open', 'open', 'd2.1 bao cao');
         DELETE FROM sauro.task_support WHERE task_id = 'd1.1';
         INSERT INTO sauro.task_support (task_id, agency_id, pos) VALUES ('d1.1', 'BYT', 0);
         UPDATE sauro.task SET title = 'Trình đề án (sửa)' WHERE id = 'd1.1';
         INSERT INTO sauro.history (task_id, day, action, field, old, new)
             VALUES ('d1.1', '2026-02-02', 'import', 'title', 'Trình đề án', 'Trình đề án (sửa)');
         COMMIT;",
    )
    .unwrap();
    all_denied(
        &db,
        &mut a,
        "admin",
        &[
            "UPDATE sauro.history SET old = 'x'",
            "DELETE FROM sauro.history",
            "TRUNCATE sauro.history",
            "DELETE FROM sauro.note",
            "INSERT INTO sauro.history (task_id, day, \"by\", action) VALUES ('d1.1', '2026-02-01', 'lan', 'import')",
            "INSERT INTO sauro.migration (version) VALUES (99)",
            "ALTER TABLE sauro.task ADD COLUMN x integer",
            "DROP TABLE sauro.note",
        ],
    );
    // As the owner, for migrations: the schema can change, history still cannot.
    sql(&mut a, "SET ROLE sauro_owner").unwrap();
    assert!(matches!(
        schema::migrate(&mut a).unwrap(),
        Migrated { from, to } if from == LATEST && to == LATEST
    ));
    let e = sql(&mut a, "DELETE FROM sauro.history").unwrap_err();
    assert!(matches!(e, Error::AppendOnly(_)), "{e:?}");
}

#[test]
fn a_user_without_a_role_cannot_read() {
    let Some(mut db) = with_sample("a_user_without_a_role_cannot_read") else {
        return;
    };
    let mut nobody = db.user("nobody", &[]).unwrap();
    for t in ["task", "history", "agency", "migration"] {
        let e = sql(&mut nobody, &format!("SELECT * FROM sauro.{t}")).unwrap_err();
        assert!(matches!(e, Error::Denied(_)), "{t}: {e:?}");
    }
    all_denied(&db, &mut nobody, "nobody", &EVERY_WRITE);
}

#[test]
fn the_throwaway_server_listens_on_loopback_only() {
    let Some(db) = database("the_throwaway_server_listens_on_loopback_only") else {
        return;
    };
    if std::env::var(testing::SERVER_VAR).is_ok_and(|v| !v.trim().is_empty()) {
        return; // Not ours to check.
    }
    let mut c = db.connect().unwrap();
    let listen: String = c.query_one("SHOW listen_addresses", &[]).unwrap().get(0);
    assert_eq!(listen, "127.0.0.1");
    let version: i32 = c
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .unwrap()
        .get(0);
    assert!(version >= 150_000, "server version {version}");
}

/// The ids a client sees in `table`, in order.
fn ids(c: &mut Client, sql: &str) -> Vec<String> {
    c.query(sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn an_agency_lead_sees_only_its_agencys_tasks_and_writes_nothing() {
    let Some(mut db) = with_sample("an_agency_lead_sees_only_its_agencys_tasks") else {
        return;
    };
    let login = format!("{}_lead", db.name());
    sql(
        &mut db.connect().unwrap(),
        &format!(
            "INSERT INTO sauro.task (id, directive_id, title, lead, co_lead_ids, state, file_state, search)
                 VALUES ('d1.3', 'd1', 'Đồng chủ trì', 'BTP', 'BCA', 'open', 'open', 'd1.3');
             INSERT INTO sauro.task_co_lead (task_id, agency_id, pos) VALUES ('d1.3', 'BCA', 1);
             INSERT INTO sauro.history (task_id, day, \"by\", action)
                 VALUES ('d1.2', '2026-01-06', 'lan', 'import'), ('d1.3', '2026-01-06', 'lan', 'import');
             INSERT INTO sauro.note (task_id, day, \"by\", text) VALUES ('d1.2', '2026-01-06', 'lan', 'BTP');
             INSERT INTO sauro.lead_agency (username, agency_id) VALUES ('{login}', 'BCA');"
        ),
    )
    .unwrap();
    let mut lead = db.user("lead", &[roles::LEAD]).unwrap();
    // BCA leads d1.1 and co-leads d1.3; d1.2 is BTP's alone.
    let tasks = "SELECT id FROM sauro.task ORDER BY id";
    assert_eq!(ids(&mut lead, tasks), ["d1.1", "d1.3"]);
    assert_eq!(
        ids(
            &mut lead,
            "SELECT task_id FROM sauro.history ORDER BY task_id"
        ),
        ["d1.1", "d1.3"]
    );
    assert_eq!(
        ids(&mut lead, "SELECT task_id FROM sauro.note ORDER BY task_id"),
        ["d1.1"]
    );
    assert_eq!(
        ids(&mut lead, "SELECT task_id FROM sauro.task_dep"),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&mut lead, "SELECT task_id FROM sauro.task_support"),
        ["d1.1"]
    );
    assert_eq!(
        ids(&mut lead, "SELECT task_id FROM sauro.task_co_lead"),
        ["d1.3"]
    );
    // A reader still sees every task; a lead of no agency sees none.
    let mut reader = db.user("reader", &[roles::READER]).unwrap();
    assert_eq!(ids(&mut reader, tasks), ["d1.1", "d1.2", "d1.3"]);
    let mut stranger = db.user("stranger", &[roles::LEAD]).unwrap();
    assert_eq!(ids(&mut stranger, tasks), Vec::<String>::new());
    all_denied(&db, &mut lead, "lead", &EVERY_WRITE);
    all_denied(
        &db,
        &mut lead,
        "lead",
        &["INSERT INTO sauro.lead_agency (username, agency_id) VALUES (session_user, 'BTP')"],
    );
}

#[test]
fn two_migrations_at_once_apply_each_version_once() {
    let Some(db) = database("two_migrations_at_once_apply_each_version_once") else {
        return;
    };
    {
        let _turn = ROLES.lock().unwrap_or_else(|p| p.into_inner());
        roles::init_roles(&mut db.connect().unwrap()).unwrap();
    }
    let barrier = std::sync::Barrier::new(2);
    let results: Vec<Result<Migrated, Error>> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut c = db.connect().unwrap();
                    sql(&mut c, "SET ROLE sauro_owner").unwrap();
                    barrier.wait();
                    schema::migrate(&mut c)
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    // One applied the migrations; the other either waited and found them
    // applied, or lost the race, rolled back and found them applied.
    let mut outcomes: Vec<Migrated> = results.into_iter().map(|r| r.unwrap()).collect();
    outcomes.sort_by_key(|m| m.from);
    assert_eq!(
        outcomes,
        [
            Migrated {
                from: 0,
                to: LATEST
            },
            Migrated {
                from: LATEST,
                to: LATEST
            }
        ]
    );
    let mut c = db.connect().unwrap();
    let applied: Vec<i32> = c
        .query("SELECT version FROM sauro.migration ORDER BY version", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(applied, (1..=LATEST).collect::<Vec<_>>());
    assert_eq!(schema::found(&mut c).unwrap(), Found::Version(LATEST));
}
