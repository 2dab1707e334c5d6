//! `sauro_pg::PgStore` on a real server (a throwaway one, or
//! `SAURO_TEST_POSTGRES`): the store's conformance tests
//! (`sauro_store::conformance`, the same bodies the SQLite store runs),
//! every query answered as the SQLite store answers it, and what only
//! PostgreSQL has (roles, an unset database). Without a server each test
//! says on stderr that it was skipped and why (a failure under
//! `SAURO_REQUIRE_POSTGRES=1`).

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use sauro_core::directive_file::SourceFile;
use sauro_core::fold;
use sauro_pg::copy::{Place, copy};
use sauro_pg::testing::{self, TestDatabase};
use sauro_pg::{PgStore, Roots, roles};
use sauro_store::conformance::{Who, actor, fixture, registry};
use sauro_store::{Error, Store, TaskFilter, TaskStore};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Roles belong to the whole server and setting up a database may create
/// them: the tests of this file set up their databases in turn.
static TURN: Mutex<()> = Mutex::new(());

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A SQLite file at `dir/fixture.db` with the registry and `files`
/// imported by `loader`.
fn sqlite_with(dir: &Path, files: &[SourceFile<'_>], loader: &sauro_store::Actor) -> PathBuf {
    let path = dir.join("fixture.db");
    let mut s = Store::open(&path).unwrap();
    s.ensure_agencies(&registry()).unwrap();
    s.import(files, loader).unwrap();
    path
}

/// A fresh PostgreSQL database holding a copy of the SQLite file `path`
/// (PostgreSQL imports nothing yet: `sauro db copy` fills it).
fn postgres_copy_of(test: &str, path: &Path) -> Option<TestDatabase> {
    let server = testing::server_or_skip(test)?;
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let db = server.fresh_database().unwrap();
    copy(
        &Place::Sqlite(path.to_owned()),
        &Place::Postgres(db.address()),
        &Roots::none(),
    )
    .unwrap();
    Some(db)
}

/// A fresh PostgreSQL database set up by `sauro_pg::init` (roles, schema),
/// or `None` when the test is skipped (no server).
fn set_up_database(test: &str) -> Option<TestDatabase> {
    let server = testing::server_or_skip(test)?;
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let db = server.fresh_database().unwrap();
    sauro_pg::init(&mut db.connect().unwrap()).unwrap();
    Some(db)
}

/// A login of `db` holding `role`, and its store.
fn login(db: &mut TestDatabase, label: &str, role: &str) -> (PgStore, String) {
    {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        db.user(label, &[role]).unwrap();
    }
    let store = PgStore::open(&db.user_address(label), &Roots::none()).unwrap();
    (store, format!("{}_{label}", db.name()))
}

/// The conformance test `name` on PostgreSQL, as a secretary: who records
/// a change is then that login, whatever name is given.
fn on_postgres(name: &str, test: fn(&mut dyn TaskStore, &Who)) {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(name);
    let path = sqlite_with(dir.path(), &f.sources(), &f.loader);
    let Some(mut db) = postgres_copy_of(name, &path) else {
        return;
    };
    let (mut store, user) = login(&mut db, "secretary", roles::SECRETARY);
    test(&mut store, &Who::Login(user));
}

sauro_store::conformance_tests!(on_postgres);

/// The bundled directive files, as (path, text).
fn bundled_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/directives");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
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
    files
}

#[test]
fn every_query_answers_as_the_sqlite_store_does() {
    let test = "every_query_answers_as_the_sqlite_store_does";
    let dir = tempfile::tempdir().unwrap();
    let files = bundled_files();
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let loaded = day(2026, 11, 2);
    let path = sqlite_with(dir.path(), &sources, &actor("loader", loaded));
    let Some(mut db) = postgres_copy_of(test, &path) else {
        return;
    };
    let mut sqlite = Store::open(&path).unwrap();
    let (mut pg, _) = login(&mut db, "secretary", roles::SECRETARY);
    // The same changes on both, recorded on a later day.
    let tasks = sqlite.tasks(&TaskFilter::default(), loaded).unwrap();
    assert!(
        tasks.len() > 20,
        "the bundled data holds {} tasks",
        tasks.len()
    );
    let open: Vec<String> = tasks
        .iter()
        .filter(|r| r.task.state == sauro_core::TaskState::Open)
        .map(|r| r.task.id.to_string())
        .take(3)
        .collect();
    let later = day(2026, 11, 20);
    let who = actor("lan", later);
    for s in [&mut sqlite as &mut dyn TaskStore, &mut pg] {
        s.mark_done(&open[0], day(2026, 11, 19), &who, None)
            .unwrap();
        s.add_note(&open[1], "đã trình", &who, None).unwrap();
        s.extend(
            &open[2],
            &sauro_core::Deadline::parse("tháng 12/2026", loaded).unwrap(),
            "TTG",
            "1/VPCP",
            "chờ ý kiến",
            &who,
            None,
        )
        .unwrap();
    }
    let leads: Vec<String> = tasks
        .iter()
        .filter_map(|r| r.task.lead.as_ref().map(ToString::to_string))
        .take(2)
        .collect();
    let filters = [
        TaskFilter::default(),
        TaskFilter {
            overdue: true,
            ..TaskFilter::default()
        },
        TaskFilter {
            blocked: true,
            ..TaskFilter::default()
        },
        TaskFilter {
            due_within: Some(30),
            ..TaskFilter::default()
        },
        TaskFilter {
            leads: leads.clone(),
            with_search_text: true,
            ..TaskFilter::default()
        },
        TaskFilter {
            key: true,
            table_columns_only: true,
            ..TaskFilter::default()
        },
        TaskFilter {
            search: Some(fold("bộ")),
            search_agencies: leads.clone(),
            ..TaskFilter::default()
        },
        TaskFilter {
            overdue: true,
            first_by_deadline: Some(5),
            ..TaskFilter::default()
        },
        TaskFilter {
            directive: Some(tasks[0].task.directive.to_string()),
            ..TaskFilter::default()
        },
        TaskFilter {
            no_lead: true,
            ..TaskFilter::default()
        },
    ];
    assert!(tasks.iter().any(|r| r.task.lead.is_none()));
    for as_of in [day(2026, 1, 1), day(2026, 6, 30), later, day(2027, 6, 1)] {
        for f in &filters {
            let (a, b) = (sqlite.tasks(f, as_of).unwrap(), pg.tasks(f, as_of).unwrap());
            assert_eq!(a.len(), b.len(), "{f:?} as of {as_of}");
            for (x, y) in a.iter().zip(&b) {
                // Prerequisites come in the file's order from PostgreSQL,
                // from SQLite's link table in id order when filtered.
                let (mut x, mut y) = (x.clone(), y.clone());
                for r in [&mut x, &mut y] {
                    r.task.depends_on.sort();
                    r.blocked_by.sort();
                }
                assert_eq!(x, y, "{f:?} as of {as_of}");
            }
        }
    }
    for past in [day(2026, 11, 19), loaded, day(2026, 3, 1)] {
        let f = TaskFilter::default();
        assert_eq!(
            sqlite.tasks_on(past, &f).unwrap().len(),
            pg.tasks_on(past, &f).unwrap().len(),
            "tasks on {past}"
        );
        assert_eq!(
            sqlite.states_on(past).unwrap(),
            pg.states_on(past).unwrap(),
            "states on {past}"
        );
    }
    assert_eq!(sqlite.directives().unwrap(), pg.directives().unwrap());
    assert_eq!(sqlite.dependencies().unwrap(), pg.dependencies().unwrap());
    assert_eq!(sqlite.states().unwrap(), pg.states().unwrap());
    assert_eq!(
        sqlite.registry().unwrap().iter().count(),
        pg.registry().unwrap().iter().count()
    );
    assert_eq!(
        sqlite.deadline_changes(later, later).unwrap(),
        pg.deadline_changes(later, later).unwrap()
    );
    // History: the same rows but for who and when (PostgreSQL's own).
    let strip = |mut h: Vec<sauro_store::HistoryEntry>| {
        for e in &mut h {
            e.by.clear();
            e.at.clear();
        }
        h
    };
    let (a, b) = (
        strip(sqlite.history_between(later, later).unwrap()),
        strip(pg.history_between(later, later).unwrap()),
    );
    assert_eq!(a.len(), 3);
    assert_eq!(a, b);
    // Copied rows keep their author (and their time, as the same instant).
    let (a, b) = (
        sqlite.history(&open[0]).unwrap(),
        pg.history(&open[0]).unwrap(),
    );
    assert_eq!((a.len(), b.len()), (2, 2));
    assert_eq!(a[0].by, b[0].by);
    assert_eq!(b[0].at, "2026-11-02T02:00:00Z");
    let (mut x, mut y) = (a[0].clone(), b[0].clone());
    x.at.clear();
    y.at.clear();
    assert_eq!(x, y);
}

#[test]
fn a_reader_reads_and_every_change_is_refused_naming_the_database() {
    let test = "a_reader_reads_and_every_change_is_refused_naming_the_database";
    let dir = tempfile::tempdir().unwrap();
    let f = fixture("status_changes_are_checked_and_recorded");
    let path = sqlite_with(dir.path(), &f.sources(), &f.loader);
    let Some(mut db) = postgres_copy_of(test, &path) else {
        return;
    };
    let (mut reader, _) = login(&mut db, "reader", roles::READER);
    assert!(reader.is_read_only());
    assert_eq!(reader.task_count().unwrap(), 3);
    let who = actor("lan", day(2026, 2, 11));
    let before = reader.history("D1/01").unwrap().len();
    for e in [
        reader
            .mark_done("D1/01", day(2026, 2, 10), &who, None)
            .unwrap_err(),
        reader.add_note("D1/01", "x", &who, None).unwrap_err(),
    ] {
        assert!(matches!(e, Error::Shared { .. }), "{e:?}");
        for lang in [sauro_core::Lang::Vi, sauro_core::Lang::En] {
            assert!(e.message(lang).contains(db.name()), "{}", e.message(lang));
        }
    }
    assert_eq!(reader.history("D1/01").unwrap().len(), before);
}

#[test]
fn a_database_not_set_up_or_newer_is_refused_untouched() {
    let test = "a_database_not_set_up_or_newer_is_refused_untouched";
    let Some(server) = testing::server_or_skip(test) else {
        return;
    };
    let db = {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        server.fresh_database().unwrap()
    };
    let e = PgStore::open(&db.address(), &Roots::none()).unwrap_err();
    assert!(matches!(e, Error::Shared { .. }), "{e:?}");
    assert!(e.message(sauro_core::Lang::Vi).contains("sauro db init"));
    assert!(e.message(sauro_core::Lang::En).contains("sauro db init"));
    let mut c = db.connect().unwrap();
    assert_eq!(
        sauro_pg::schema::found(&mut c).unwrap(),
        sauro_pg::Found::New,
        "opening wrote nothing"
    );
    {
        let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        sauro_pg::init(&mut c).unwrap();
    }
    PgStore::open(&db.address(), &Roots::none()).unwrap();
    c.batch_execute("INSERT INTO sauro.migration (version) VALUES (99)")
        .unwrap();
    let e = PgStore::open(&db.address(), &Roots::none()).unwrap_err();
    assert!(matches!(e, Error::TooNew { found: 99, .. }), "{e:?}");
}

/// Strips who and when from history rows: PostgreSQL records its own.
fn without_author(mut h: Vec<sauro_store::HistoryEntry>) -> Vec<sauro_store::HistoryEntry> {
    for e in &mut h {
        e.by.clear();
        e.at.clear();
    }
    h
}

/// Every task as of `on`, prerequisites sorted (see above).
fn all_tasks(s: &dyn TaskStore, on: NaiveDate) -> Vec<sauro_store::TaskRow> {
    let mut rows = s.tasks(&TaskFilter::default(), on).unwrap();
    for r in &mut rows {
        r.task.depends_on.sort();
        r.blocked_by.sort();
    }
    rows
}

/// The first bundled directive edited again: task /04 taken out, a new
/// task /99 written before /02 (whose title changes), /03 led with a
/// co-lead and marked key. Other files as they are.
fn reshaped(text: &str) -> String {
    if !text.contains("id = \"bcdtw-ctct-2026/04\"") {
        return text.to_owned();
    }
    let start = text.find("[[task]]\nid = \"bcdtw-ctct-2026/04\"").unwrap();
    let end = start + 1 + text[start + 1..].find("[[task]]").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    let second = "[[task]]\nid = \"bcdtw-ctct-2026/02\"\ntitle = \"";
    let text = text.replacen(
        second,
        &format!(
            "[[task]]\nid = \"bcdtw-ctct-2026/99\"\ntitle = \"Nhiệm vụ mới\"\nlead = \"BCA\"\n\
             deadline = \"tháng 3/2027\"\n\n{second}(lần hai) "
        ),
        1,
    );
    let third = "id = \"bcdtw-ctct-2026/03\"";
    let at = text.find(third).unwrap();
    let lead = at + text[at..].find("lead = \"BCA\"").unwrap();
    format!(
        "{}lead = [\"BCA\", \"CQLQ\"]\nkey = true{}",
        &text[..lead],
        &text[lead + "lead = \"BCA\"".len()..]
    )
}

#[test]
fn an_import_into_postgresql_writes_what_the_sqlite_store_writes() {
    let test = "an_import_into_postgresql_writes_what_the_sqlite_store_writes";
    let Some(mut db) = set_up_database(test) else {
        return;
    };
    let (mut pg, admin) = login(&mut db, "admin", roles::ADMIN);
    let mut sqlite = Store::open_in_memory().unwrap();
    for s in [&mut sqlite as &mut dyn TaskStore, &mut pg] {
        assert!(s.ensure_agencies(&registry()).unwrap() > 0);
        assert_eq!(s.ensure_agencies(&registry()).unwrap(), 0);
    }
    let files = bundled_files();
    let first = day(2026, 11, 2);
    let check = |sqlite: &mut Store, pg: &mut PgStore, files: &[(String, String)], on| {
        let sources: Vec<SourceFile<'_>> = files
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect();
        let who = actor("loader", on);
        let a = sqlite.import(&sources, &who).unwrap();
        let b = pg.import(&sources, &who).unwrap();
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(all_tasks(sqlite, on), all_tasks(pg, on));
        let all = |s: &dyn TaskStore| {
            without_author(s.history_between(NaiveDate::MIN, NaiveDate::MAX).unwrap())
        };
        assert_eq!(all(sqlite), all(pg));
        a
    };
    let added = check(&mut sqlite, &mut pg, &files, first);
    assert!(added.added > 20, "{added:?}");
    // Again, the same files: nothing changes.
    let again = check(&mut sqlite, &mut pg, &files, day(2026, 11, 3));
    assert_eq!(again.added, 0);
    assert_eq!(again.updated, 0);
    // An edited file: each field change recorded, the same on both. A task
    // extended in sauro keeps its extension; one done in sauro its state.
    let tasks = all_tasks(&sqlite, first);
    let (done, extended) = (tasks[0].task.id.to_string(), tasks[1].task.id.to_string());
    let later = day(2026, 11, 10);
    for s in [&mut sqlite as &mut dyn TaskStore, &mut pg] {
        s.mark_done(&done, later, &actor("lan", later), None)
            .unwrap();
        s.extend(
            &extended,
            &sauro_core::Deadline::parse("tháng 12/2027", first).unwrap(),
            "TTG",
            "1/VPCP",
            "chờ",
            &actor("lan", later),
            None,
        )
        .unwrap();
    }
    let edited: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| {
            let t = t
                .replacen("title = \"", "title = \"(sửa) ", 3)
                .replace("2026-12-31", "2027-01-15");
            (p.clone(), t)
        })
        .collect();
    let changed = check(&mut sqlite, &mut pg, &edited, day(2026, 11, 12));
    assert!(changed.updated > 0 && changed.changes > 0, "{changed:?}");
    // Recorded by the administrator's login on PostgreSQL.
    let h = pg.history(&done).unwrap();
    assert!(h.iter().any(|e| e.by == admin));
    // Every line moved (unchanged tasks keep no old place), a task gone
    // from its file, a new one written before a changed one (history in
    // the same order), co-leads and a flag: the same on both.
    let moved: Vec<(String, String)> = edited
        .iter()
        .map(|(p, t)| (p.clone(), format!("# moved\n\n{}", reshaped(t))))
        .collect();
    let last = check(&mut sqlite, &mut pg, &moved, day(2026, 11, 13));
    assert_eq!(last.added, 1, "{last:?}");
    assert_eq!(last.not_in_file, ["bcdtw-ctct-2026/04"], "{last:?}");
    assert!(last.unchanged > 20 && last.updated == 2, "{last:?}");
    let row = all_tasks(&pg, later)
        .into_iter()
        .find(|r| r.task.id.as_str() == "bcdtw-ctct-2026/03")
        .unwrap();
    assert!(row.task.key && row.task.co_leads.len() == 1, "{row:?}");
    // A refused import writes nothing on either.
    let broken = [SourceFile {
        path: "broken.toml",
        text: "schema = 1\n[directive]\nid = \"X\"\n",
    }];
    let before = (all_tasks(&sqlite, later).len(), all_tasks(&pg, later).len());
    let (a, b) = (
        sqlite.import(&broken, &actor("loader", later)).unwrap_err(),
        pg.import(&broken, &actor("loader", later)).unwrap_err(),
    );
    assert!(matches!(a, Error::Problems(_)), "{a:?}");
    assert_eq!(
        a.message(sauro_core::Lang::Vi),
        b.message(sauro_core::Lang::Vi)
    );
    assert_eq!(
        before,
        (all_tasks(&sqlite, later).len(), all_tasks(&pg, later).len())
    );
}

/// The schema's indexes and keys, as the catalog defines them.
fn keys_and_indexes(c: &mut postgres::Client) -> Vec<String> {
    c.query(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
         WHERE t.relnamespace = 'sauro'::regnamespace
         UNION ALL
         SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
         FROM pg_constraint WHERE connamespace = 'sauro'::regnamespace
         ORDER BY 1",
        &[],
    )
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect()
}

/// How many rows each table an import writes holds.
fn counts(c: &mut postgres::Client) -> Vec<i64> {
    ["directive", "task", "task_support", "task_dep", "history"]
        .iter()
        .map(|t| {
            c.query_one(&format!("SELECT count(*) FROM sauro.{t}"), &[])
                .unwrap()
                .get(0)
        })
        .collect()
}

#[test]
fn a_bulk_import_into_an_empty_database_keeps_the_schema_and_a_refused_one_undoes_it() {
    let test = "a_bulk_import_into_an_empty_database_keeps_the_schema_and_a_refused_one_undoes_it";
    let Some(mut db) = set_up_database(test) else {
        return;
    };
    let mut owner = db.connect().unwrap();
    let schema = keys_and_indexes(&mut owner);
    assert!(
        schema.iter().any(|d| d.contains("task_by_due")),
        "{schema:?}"
    );
    assert!(
        schema.iter().any(|d| d.contains("FOREIGN KEY")),
        "{schema:?}"
    );
    let (mut admin, admin_login) = login(&mut db, "admin", roles::ADMIN);
    let (mut secretary, _) = login(&mut db, "secretary", roles::SECRETARY);
    assert!(admin.ensure_agencies(&registry()).unwrap() > 0);
    let files = bundled_files();
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let on = day(2026, 11, 2);
    // A secretary may not import into an empty database either.
    assert!(secretary.import(&sources, &actor("lan", on)).is_err());
    assert_eq!(counts(&mut owner), vec![0; 5]);
    // The server refuses the last task while its rows are copied: the
    // whole import is undone, the dropped keys and indexes with it.
    let last: String = {
        let mut sqlite = Store::open_in_memory().unwrap();
        sqlite.ensure_agencies(&registry()).unwrap();
        sqlite.import(&sources, &actor("loader", on)).unwrap();
        let tasks = all_tasks(&sqlite, on);
        tasks.last().unwrap().task.id.to_string()
    };
    owner
        .batch_execute(&format!(
            "CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
             CREATE TRIGGER refuse_one BEFORE INSERT ON sauro.task FOR EACH ROW
                WHEN (NEW.id = '{last}') EXECUTE FUNCTION public.refuse();"
        ))
        .unwrap();
    let refused = admin.import(&sources, &actor("loader", on)).unwrap_err();
    // P0001: the trigger's exception, raised while the rows were copied.
    assert!(format!("{refused:?}").contains("P0001"), "{refused:?}");
    owner
        .batch_execute("DROP TRIGGER refuse_one ON sauro.task")
        .unwrap();
    assert_eq!(keys_and_indexes(&mut owner), schema);
    assert_eq!(counts(&mut owner), vec![0; 5]);
    // Then it goes through: every row written, every key and index back,
    // history recorded by the administrator's login.
    let summary = admin.import(&sources, &actor("loader", on)).unwrap();
    assert_eq!(keys_and_indexes(&mut owner), schema);
    let n = counts(&mut owner);
    assert_eq!(usize::try_from(n[1]).unwrap(), summary.added);
    assert!(n.iter().all(|&c| c > 0), "{n:?}");
    let authors: Vec<String> = owner
        .query("SELECT DISTINCT \"by\" FROM sauro.history", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(authors, vec![admin_login]);
    // The keys hold again: a prerequisite that does not exist is refused.
    let wrong = owner.execute(
        "INSERT INTO sauro.task_dep (task_id, depends_on) VALUES ($1, 'no-such-task')",
        &[&last],
    );
    assert!(wrong.is_err());
}

#[test]
fn two_secretaries_marking_one_task_done_at_once_record_it_once() {
    let test = "two_secretaries_marking_one_task_done_at_once_record_it_once";
    let dir = tempfile::tempdir().unwrap();
    let f = fixture("status_changes_are_checked_and_recorded");
    let path = sqlite_with(dir.path(), &f.sources(), &f.loader);
    let Some(mut db) = postgres_copy_of(test, &path) else {
        return;
    };
    let (a, _) = login(&mut db, "lan", roles::SECRETARY);
    let (b, _) = login(&mut db, "minh", roles::SECRETARY);
    let on = day(2026, 2, 11);
    let start = std::sync::Barrier::new(2);
    let results: Vec<sauro_store::Result<()>> = std::thread::scope(|s| {
        let go = |mut store: PgStore| {
            let start = &start;
            s.spawn(move || {
                start.wait();
                store.mark_done("D1/01", on, &actor("x", on), None)
            })
        };
        let (ha, hb) = (go(a), go(b));
        vec![ha.join().unwrap(), hb.join().unwrap()]
    });
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "{results:?}");
    assert!(
        results.iter().any(|r| matches!(
            r,
            Err(Error::Refused {
                reason: sauro_store::Refusal::Already(_),
                ..
            })
        )),
        "{results:?}"
    );
    let (reader, _) = login(&mut db, "reader", roles::READER);
    let done = reader
        .history("D1/01")
        .unwrap()
        .into_iter()
        .filter(|e| e.action == sauro_core::Action::Done)
        .count();
    assert_eq!(done, 1);
}

#[test]
fn history_is_in_the_order_changes_were_made_even_when_ids_are_not() {
    let test = "history_is_in_the_order_changes_were_made_even_when_ids_are_not";
    let dir = tempfile::tempdir().unwrap();
    let f = fixture("status_changes_are_checked_and_recorded");
    let path = sqlite_with(dir.path(), &f.sources(), &f.loader);
    let Some(mut db) = postgres_copy_of(test, &path) else {
        return;
    };
    // As on a YugabyteDB cluster, whose nodes hand out identities from
    // caches of their own: minh's done, made first (an hour ago), got a
    // larger id than hoa's reopen, made after it on a node whose clock
    // runs an hour ahead. Written as the owner, as those nodes would have.
    let mut owner = db.connect().unwrap();
    owner
        .batch_execute(
            "INSERT INTO sauro.history
                (id, task_id, at, day, \"by\", action, field, old, old_day, new, new_day)
             VALUES
                (900002, 'D1/02', now() - interval '1 hour', '2026-03-02', 'minh', 'done',
                    'state', 'open', NULL, 'done', '2026-03-02'),
                (900001, 'D1/02', now() + interval '1 hour', '2026-03-02', 'hoa', 'reopen',
                    'state', 'done', '2026-03-02', 'open', NULL);",
        )
        .unwrap();
    let (mut store, user) = login(&mut db, "lan", roles::SECRETARY);
    let on = day(2026, 3, 3);
    let seen = store.task("D1/02", on).unwrap().version;
    // Made last, with the smallest id of the three (the identity sequence
    // never went near 900000), and committed at a time before hoa's.
    store
        .mark_done("D1/02", on, &actor("lan", on), seen)
        .unwrap();
    let h = store.history("D1/02").unwrap();
    let order: Vec<(sauro_core::Action, &str)> =
        h.iter().map(|e| (e.action, e.by.as_str())).collect();
    use sauro_core::Action::{Done, Import, Reopen};
    assert_eq!(
        order,
        [
            (Import, "loader"),
            (Done, "minh"),
            (Reopen, "hoa"),
            (Done, user.as_str())
        ]
    );
    let time = |at: &str| chrono::DateTime::parse_from_rfc3339(at).unwrap();
    assert!(
        time(&h[3].at) > time(&h[2].at),
        "{} after {}",
        h[3].at,
        h[2].at
    );
    // The same order across tasks, between days.
    let between = store.history_between(day(2026, 3, 2), on).unwrap();
    let by: Vec<&str> = between.iter().map(|e| e.by.as_str()).collect();
    assert_eq!(by, ["minh", "hoa", user.as_str()]);
    // Replay: on 1 March the task was open (the value before its first
    // change after that day: minh's done), on 2 March open again, on
    // 3 March done. Read by id, hoa's reopen would come first and say done.
    let states = |d| store.states_on(d).unwrap()["D1/02"];
    assert_eq!(states(day(2026, 3, 1)), sauro_core::TaskState::Open);
    assert_eq!(states(day(2026, 3, 2)), sauro_core::TaskState::Open);
    assert_eq!(states(on), sauro_core::TaskState::Done { on });
    let listed = store
        .tasks_on(day(2026, 3, 1), &TaskFilter::default())
        .unwrap();
    let row = listed
        .iter()
        .find(|r| r.task.id.as_str() == "D1/02")
        .unwrap();
    assert_eq!(row.task.state, sauro_core::TaskState::Open);
    // A change over the version read before lan's done names lan's, the
    // latest, not hoa's with its later clock.
    let e = store
        .add_note("D1/02", "ghi đè", &actor("lan", on), seen)
        .unwrap_err();
    match e {
        Error::Refused {
            reason: sauro_store::Refusal::Changed { at, by },
            ..
        } => {
            assert_eq!(by, user);
            assert_eq!(at, h[3].at);
        }
        other => panic!("expected Refusal::Changed, got {other:?}"),
    }
    // Notes follow their history rows: a note on the task is listed after
    // the done, at a time after hoa's.
    let seen = store.task("D1/02", on).unwrap().version;
    store
        .add_note("D1/02", "đã báo cáo", &actor("lan", on), seen)
        .unwrap();
    let h = store.history("D1/02").unwrap();
    assert_eq!(h.len(), 5);
    assert_eq!(h[4].action, sauro_core::Action::Note);
    let notes = store.notes("D1/02").unwrap();
    assert_eq!(notes.last().unwrap().at, h[4].at);
    assert!(time(&h[4].at) > time(&h[3].at));
}

#[test]
fn a_change_through_another_connection_wakes_a_waiting_store_at_once() {
    use std::time::{Duration, Instant};
    let test = "a_change_through_another_connection_wakes_a_waiting_store_at_once";
    let dir = tempfile::tempdir().unwrap();
    let f = fixture("notes_history_and_past_days_read_the_same");
    let path = sqlite_with(dir.path(), &f.sources(), &f.loader);
    let Some(mut db) = postgres_copy_of(test, &path) else {
        return;
    };
    let (mut writer, _) = login(&mut db, "secretary", roles::SECRETARY);
    let (mut admin, _) = login(&mut db, "admin", roles::ADMIN);
    let watcher = writer.reconnect().unwrap();
    let mut seen = watcher.data_version().unwrap();
    // Nothing committed: the wait runs its time out.
    let t = Instant::now();
    assert!(
        !watcher
            .wait_for_change(&mut seen, Duration::from_millis(300))
            .unwrap()
    );
    assert!(
        t.elapsed() >= Duration::from_millis(250),
        "{:?}",
        t.elapsed()
    );
    // A change committed by another connection wakes it long before its timeout.
    let on = day(2026, 2, 11);
    let woke = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(200));
            writer
                .add_note("D1/01", "đã trình", &actor("lan", on), None)
                .unwrap();
        });
        let t = Instant::now();
        let changed = watcher
            .wait_for_change(&mut seen, Duration::from_secs(30))
            .unwrap();
        (changed, t.elapsed())
    });
    assert!(woke.0);
    assert!(woke.1 < Duration::from_secs(5), "{:?}", woke.1);
    // A change refused (rolled back) announces nothing.
    let stale = Some(sauro_store::Version(0));
    assert!(
        writer
            .add_note("D1/01", "cũ", &actor("lan", on), stale)
            .is_err()
    );
    assert!(
        !watcher
            .wait_for_change(&mut seen, Duration::from_millis(300))
            .unwrap()
    );
    // An import is announced too (by the triggers of schema version 5).
    admin.import(&f.sources(), &actor("admin", on)).unwrap();
    let t = Instant::now();
    assert!(
        watcher
            .wait_for_change(&mut seen, Duration::from_secs(30))
            .unwrap()
    );
    assert!(t.elapsed() < Duration::from_secs(5));
}

/// The bulk import writes each directive while the next files are still
/// being checked, yet a problem found only after the last file (a
/// prerequisite no file holds, checked across files) leaves the database
/// as it was: no row in any table, every dropped key and index back; so
/// does a task done after the day of the import, which the store finds.
#[test]
fn a_bulk_import_whose_last_check_fails_writes_nothing() {
    let test = "a_bulk_import_whose_last_check_fails_writes_nothing";
    let Some(mut db) = set_up_database(test) else {
        return;
    };
    let mut owner = db.connect().unwrap();
    let schema = keys_and_indexes(&mut owner);
    let (mut admin, _) = login(&mut db, "admin", roles::ADMIN);
    admin.ensure_agencies(&registry()).unwrap();
    let d9 = sauro_store::conformance::D1
        .replace("\"D1\"", "\"D9\"")
        .replace("D1/", "D9/");
    assert!(d9.contains("depends_on = [\"D9/01\"]"), "{d9}");
    let bad = d9.replace("depends_on = [\"D9/01\"]", "depends_on = [\"D8/01\"]");
    let mut files = bundled_files();
    files.push(("zz-d9.toml".to_owned(), bad));
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let on = day(2026, 11, 2);
    let err = admin.import(&sources, &actor("loader", on)).unwrap_err();
    let Error::Problems(problems) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.0.len(), 1, "{err:?}");
    assert_eq!(problems.0[0].file, "zz-d9.toml");
    assert_eq!(problems.0[0].task.as_deref(), Some("D9/02"));
    assert_eq!(counts(&mut owner), vec![0; 5]);
    let directives: i64 = owner
        .query_one("SELECT count(*) FROM sauro.directive", &[])
        .unwrap()
        .get(0);
    assert_eq!(directives, 0);
    assert_eq!(keys_and_indexes(&mut owner), schema);
    // A task done after the day of the import is found by the store once
    // every file is checked and written: refused, nothing written either.
    let late = d9.replace(
        "deadline = 2026-05-15",
        "deadline = 2026-05-15\nstatus = \"done\"\ndone_on = 2026-11-03",
    );
    assert_ne!(late, d9);
    files.last_mut().unwrap().1 = late;
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let err = admin.import(&sources, &actor("loader", on)).unwrap_err();
    let Error::Problems(problems) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.0.len(), 1, "{err:?}");
    assert_eq!(problems.0[0].task.as_deref(), Some("D9/03"));
    assert_eq!(counts(&mut owner), vec![0; 5]);
    assert_eq!(keys_and_indexes(&mut owner), schema);
    // The same files with the prerequisite fixed are written whole.
    files.last_mut().unwrap().1 = d9;
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let summary = admin.import(&sources, &actor("loader", on)).unwrap();
    assert_eq!(summary.directives, files.len());
    let n = counts(&mut owner);
    assert_eq!(usize::try_from(n[1]).unwrap(), summary.added);
    assert_eq!(keys_and_indexes(&mut owner), schema);
}

/// How many sessions the server holds for `login`, once closed ones are
/// gone (a dropped connection's backend ends a moment later).
fn sessions_settled_at(owner: &mut postgres::Client, login: &str, expected: i64) -> i64 {
    let mut n = -1;
    for _ in 0..50 {
        n = owner
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
                &[&login],
            )
            .unwrap()
            .get(0);
        if n == expected {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    n
}

/// Ends every session of `login` on the server (as an administrator
/// would, or a server restart).
fn kill_sessions(owner: &mut postgres::Client, login: &str) {
    owner
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
            &[&login],
        )
        .unwrap();
}

/// The terminal UI's loader (`reconnect`, a pooled store) reads through
/// one connection reload after reload, not one per reload; when the server
/// ends its sessions, the next reload gets a new connection and answers as
/// before, and the wait for changes listens again on a new one, missing
/// nothing committed meanwhile.
#[test]
fn the_loaders_pool_reuses_its_connection_and_replaces_a_killed_one() {
    use std::time::Duration;
    let test = "the_loaders_pool_reuses_its_connection_and_replaces_a_killed_one";
    let dir = tempfile::tempdir().unwrap();
    let f = fixture("notes_history_and_past_days_read_the_same");
    let path = sqlite_with(dir.path(), &f.sources(), &f.loader);
    let Some(mut db) = postgres_copy_of(test, &path) else {
        return;
    };
    let mut owner = db.connect().unwrap();
    let (mut writer, _) = login(&mut db, "secretary", roles::SECRETARY);
    let (reader, reader_login) = login(&mut db, "reader", roles::READER);
    let loader = reader.pooled().unwrap();
    drop(reader);
    let pool = loader.pool().unwrap();
    assert!(writer.pool().is_none());
    let on = day(2026, 2, 11);
    let before = all_tasks(&loader, on);
    assert!(!before.is_empty());
    for _ in 0..5 {
        assert_eq!(all_tasks(&loader, on), before);
        loader.data_version().unwrap();
        loader.registry().unwrap();
    }
    assert_eq!(pool.opened(), 1);
    assert_eq!(pool.idle(), 1);
    assert_eq!(sessions_settled_at(&mut owner, &reader_login, 1), 1);
    // The server ends the pooled connection: the next reload does not
    // fail, it answers the same on a new connection, kept in turn.
    kill_sessions(&mut owner, &reader_login);
    assert_eq!(sessions_settled_at(&mut owner, &reader_login, 0), 0);
    assert_eq!(all_tasks(&loader, on), before);
    assert_eq!(pool.opened(), 2);
    assert_eq!(all_tasks(&loader, on), before);
    assert_eq!(pool.opened(), 2);
    // Waiting listens on a connection of its own, beside the pool's.
    let mut seen = loader.data_version().unwrap();
    assert!(
        !loader
            .wait_for_change(&mut seen, Duration::from_millis(200))
            .unwrap()
    );
    assert_eq!(pool.opened(), 3);
    assert_eq!(sessions_settled_at(&mut owner, &reader_login, 2), 2);
    // Both ended; a note committed meanwhile is still seen: the wait that
    // finds its connection broken fails (or runs out), the next listens
    // on a new one and compares first.
    kill_sessions(&mut owner, &reader_login);
    assert_eq!(sessions_settled_at(&mut owner, &reader_login, 0), 0);
    writer
        .add_note("D1/01", "đã trình", &actor("lan", on), None)
        .unwrap();
    let mut woke = false;
    for _ in 0..3 {
        if let Ok(true) = loader.wait_for_change(&mut seen, Duration::from_millis(500)) {
            woke = true;
            break;
        }
    }
    assert!(woke);
    assert_eq!(pool.opened(), 5);
    assert!(
        loader
            .notes("D1/01")
            .unwrap()
            .iter()
            .any(|n| n.text == "đã trình")
    );
}

/// The day the tests of an import meeting another change import on.
const IMPORTED_ON: (i32, u32, u32) = (2026, 3, 2);

/// A fresh database with `D1` imported by an administrator: the database
/// and the administrator's store.
fn with_d1_imported(test: &str) -> Option<(TestDatabase, PgStore)> {
    let mut db = set_up_database(test)?;
    let (mut admin, _) = login(&mut db, "admin", roles::ADMIN);
    admin.ensure_agencies(&registry()).unwrap();
    let first = [SourceFile {
        path: "d1.toml",
        text: sauro_store::conformance::D1,
    }];
    let (y, m, d) = IMPORTED_ON;
    admin
        .import(&first, &actor("loader", day(y, m, d)))
        .unwrap();
    Some((db, admin))
}

/// Imports `text` as `d1.toml` on a second thread while `other` holds the
/// rows it wrote or locked; a moment later runs `then` in `other` and
/// commits it, the import still waiting. What the import answers.
fn import_while_another_holds(
    admin: &mut PgStore,
    text: &str,
    mut other: postgres::Transaction<'_>,
    then: &str,
) -> sauro_store::Result<sauro_store::ImportSummary> {
    std::thread::scope(|s| {
        let import = s.spawn(|| {
            let file = [SourceFile {
                path: "d1.toml",
                text,
            }];
            let (y, m, d) = IMPORTED_ON;
            admin.import(&file, &actor("loader", day(y, m, d)))
        });
        // The import reaches the rows while the other is under way.
        std::thread::sleep(std::time::Duration::from_millis(700));
        other.batch_execute(then).unwrap();
        other.commit().unwrap();
        import.join().unwrap()
    })
}

#[test]
fn a_change_made_while_an_import_reads_its_task_is_not_written_over() {
    let test = "a_change_made_while_an_import_reads_its_task_is_not_written_over";
    let Some((db, mut admin)) = with_d1_imported(test) else {
        return;
    };
    // The file now says D1/01 was done on 1/2; in sauro it is being marked
    // done on 1/3 by a transaction that holds the task's row meanwhile.
    let d1 = sauro_store::conformance::D1;
    let edited = d1.replace(
        "deadline = \"tháng 2.2026\"",
        "deadline = \"tháng 2.2026\"\nstatus = \"done\"\ndone_on = 2026-02-01",
    );
    assert_ne!(edited, d1);
    let mut owner = db.connect().unwrap();
    let mut secretary = owner.transaction().unwrap();
    secretary
        .batch_execute("SELECT 1 FROM sauro.task WHERE id = 'D1/01' FOR UPDATE")
        .unwrap();
    let summary = import_while_another_holds(
        &mut admin,
        &edited,
        secretary,
        "UPDATE sauro.task SET state = 'done', state_on = '2026-03-01',
            state_from_file = false WHERE id = 'D1/01'",
    )
    .unwrap();
    assert_eq!(summary.updated, 1, "{summary:?}");
    // The import saw the change: the state set in sauro stands, the file's
    // recorded beside it.
    let row = admin.task("D1/01", day(2026, 3, 2)).unwrap();
    assert_eq!(
        row.task.state,
        sauro_core::TaskState::Done {
            on: day(2026, 3, 1)
        },
        "{row:?}"
    );
    let last = admin.history("D1/01").unwrap().pop().unwrap();
    assert_eq!(last.field, Some(sauro_core::Field::FileState), "{last:?}");
}

/// While another transaction (standing in for a second import) has changed
/// D1/02's supporters from BTP to BNV and holds the task, imports `D1` with
/// D1/02 supported by `support`; the other commits while this import
/// waits. What the import said, D1/02's supporters after it and how many
/// history rows it added.
fn import_waiting_for_a_change_of_supporters(
    test: &str,
    support: &str,
) -> Option<(sauro_store::ImportSummary, Vec<String>, usize)> {
    let (db, mut admin) = with_d1_imported(test)?;
    let before = admin.history("D1/02").unwrap().len();
    let mut owner = db.connect().unwrap();
    let mut other = owner.transaction().unwrap();
    other
        .batch_execute(
            "SELECT 1 FROM sauro.task WHERE id = 'D1/02' FOR UPDATE;
             DELETE FROM sauro.task_support WHERE task_id = 'D1/02';
             INSERT INTO sauro.task_support (task_id, agency_id, pos) VALUES ('D1/02', 'BNV', 0);
             UPDATE sauro.task SET support_ids = 'BNV' WHERE id = 'D1/02';",
        )
        .unwrap();
    let text = sauro_store::conformance::D1
        .replace("support = [\"BTP\"]", &format!("support = [\"{support}\"]"));
    assert!(text.contains(&format!("support = [\"{support}\"]")));
    let summary = import_while_another_holds(&mut admin, &text, other, "").unwrap();
    let support = owner
        .query(
            "SELECT agency_id FROM sauro.task_support WHERE task_id = 'D1/02' ORDER BY pos",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let added = admin.history("D1/02").unwrap().len() - before;
    Some((summary, support, added))
}

#[test]
fn an_import_that_waited_for_another_compares_with_what_that_one_wrote() {
    // The file says BTP again: the import, committed last, puts it back and
    // records the change.
    let test = "an_import_that_waited_for_another_compares_with_what_that_one_wrote";
    if let Some((summary, support, added)) = import_waiting_for_a_change_of_supporters(test, "BTP")
    {
        assert_eq!(support, ["BTP"], "{summary:?}");
        assert_eq!((summary.updated, summary.changes, added), (1, 1, 1));
    }
    // The file says BNV, as the other already wrote: nothing to record.
    let test = "an_import_that_waited_for_another_compares_with_what_that_one_wrote_2";
    if let Some((summary, support, added)) = import_waiting_for_a_change_of_supporters(test, "BNV")
    {
        assert_eq!(support, ["BNV"], "{summary:?}");
        assert_eq!((summary.updated, summary.changes, added), (0, 0, 0));
    }
}

#[test]
fn a_flag_changed_after_a_new_task_is_recorded_in_the_same_order_on_both() {
    let test = "a_flag_changed_after_a_new_task_is_recorded_in_the_same_order_on_both";
    let Some(mut db) = set_up_database(test) else {
        return;
    };
    let (mut pg, _) = login(&mut db, "admin", roles::ADMIN);
    let mut sqlite = Store::open_in_memory().unwrap();
    let d1 = sauro_store::conformance::D1;
    // A new task before D1/01, whose only change is its key flag.
    let edited = d1.replace(
        "[[task]]\nid = \"D1/01\"",
        "[[task]]\nid = \"D1/00\"\ntitle = \"Mới\"\nlead = \"BCA\"\n\n\
         [[task]]\nid = \"D1/01\"\nkey = true",
    );
    assert_ne!(edited, d1);
    let on = day(2026, 1, 15);
    let mut seen = Vec::new();
    for s in [&mut sqlite as &mut dyn TaskStore, &mut pg] {
        s.ensure_agencies(&registry()).unwrap();
        for text in [d1, edited.as_str()] {
            let file = [SourceFile {
                path: "d1.toml",
                text,
            }];
            s.import(&file, &actor("loader", on)).unwrap();
        }
        let history: Vec<String> =
            without_author(s.history_between(NaiveDate::MIN, NaiveDate::MAX).unwrap())
                .iter()
                .map(|e| format!("{} {:?} {:?}", e.task, e.action, e.field))
                .collect();
        seen.push(history);
    }
    let last_two = |h: &[String]| h[h.len() - 2..].to_vec();
    assert_eq!(
        last_two(&seen[0]),
        ["D1/00 Import None", "D1/01 Import Some(Key)"],
        "{seen:#?}"
    );
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn an_import_adding_a_task_another_import_just_added_is_tried_again_and_compares() {
    let test = "an_import_adding_a_task_another_import_just_added_is_tried_again_and_compares";
    let Some((db, mut admin)) = with_d1_imported(test) else {
        return;
    };
    // Another import adds D1/04 and has not committed yet; this one, whose
    // file also adds it, finds it written once that one commits.
    let mut owner = db.connect().unwrap();
    let mut other = owner.transaction().unwrap();
    other
        .batch_execute(
            "INSERT INTO sauro.task (id, directive_id, title, lead, state, file_state, search,
                source_file, source_line)
             VALUES ('D1/04', 'D1', 'Việc thêm', 'BCA', 'open', 'open', 'viec them', 'd1.toml', 1);
             INSERT INTO sauro.history (task_id, day, action, new)
             VALUES ('D1/04', '2026-01-15', 'import', 'open');",
        )
        .unwrap();
    let d1 = sauro_store::conformance::D1;
    let text =
        format!("{d1}\n[[task]]\nid = \"D1/04\"\ntitle = \"Việc thêm, sửa\"\nlead = \"BCA\"\n");
    let summary = import_while_another_holds(&mut admin, &text, other, "").unwrap();
    // Tried again, D1/04 is a stored task: its title updated, not added.
    assert_eq!((summary.added, summary.updated), (0, 1), "{summary:?}");
    let row = admin.task("D1/04", day(2026, 3, 2)).unwrap();
    assert_eq!(row.task.title, "Việc thêm, sửa");
}

#[test]
fn a_change_to_a_task_held_longer_than_the_busy_timeout_is_refused_as_busy() {
    let test = "a_change_to_a_task_held_longer_than_the_busy_timeout_is_refused_as_busy";
    let Some((mut db, _admin)) = with_d1_imported(test) else {
        return;
    };
    let (mut lan, _) = login(&mut db, "lan", roles::SECRETARY);
    // An import, say, holds D1/01 past the timeout.
    let mut owner = db.connect().unwrap();
    let mut other = owner.transaction().unwrap();
    other
        .batch_execute("SELECT 1 FROM sauro.task WHERE id = 'D1/01' FOR UPDATE")
        .unwrap();
    let on = day(2026, 3, 2);
    let limit = sauro_store::backend::BUSY_TIMEOUT;
    let (err, waited) = std::thread::scope(|s| {
        let (done, answer) = std::sync::mpsc::channel();
        let lan = &mut lan;
        s.spawn(move || {
            let started = std::time::Instant::now();
            let result = lan.mark_done("D1/01", on, &actor("lan", on), None);
            let _ = done.send((result, started.elapsed()));
        });
        // A store that waits without end would hang the test: let the task
        // go after three timeouts and fail.
        match answer.recv_timeout(3 * limit) {
            Ok((result, waited)) => (result.unwrap_err(), waited),
            Err(_) => {
                other.batch_execute("ROLLBACK").unwrap();
                panic!("the change waited past {:?} for the task", 3 * limit);
            }
        }
    });
    assert!(matches!(err, Error::Busy), "{err:?}");
    assert!(waited >= limit, "{waited:?}");
    assert!(err.message(sauro_core::Lang::Vi).contains("hãy thử lại"));
    // Once it is let go, the same change goes through.
    other.rollback().unwrap();
    lan.mark_done("D1/01", on, &actor("lan", on), None).unwrap();
}
