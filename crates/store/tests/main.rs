//! Integration tests of sauro-store: imports of the bundled data and of
//! edited or broken files, task changes and their history, queries as of a
//! date, and the refusal of databases this program must not touch.

#![allow(missing_docs, clippy::unwrap_used)]

use chrono::NaiveDate;
use rusqlite::Connection;
use sauro_core::directive_file::{SourceFile, load_registry};
use sauro_core::{Action, Deadline, Field, Registry, Status, TaskState, Value, fold};
use sauro_store::{Actor, Error, HistoryEntry, Refusal, Store, TaskFilter, TaskRow};
use std::path::{Path, PathBuf};

mod conformance;
mod replay;
mod settled;
mod typed_history;

const AGENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/agencies.toml"
));
const DIRECTIVES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/directives");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn actor(by: &str, on: NaiveDate) -> Actor {
    Actor {
        by: by.to_owned(),
        at: format!("{on}T09:00:00+07:00"),
        day: on,
    }
}

fn registry() -> Registry {
    load_registry(SourceFile {
        path: "data/agencies.toml",
        text: AGENCIES,
    })
    .unwrap()
}

/// A store (in memory) with the bundled agency registry.
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.ensure_agencies(&registry()).unwrap();
    s
}

/// A store on disk, in `dir`, with the bundled agency registry.
fn store_at(dir: &Path) -> (Store, PathBuf) {
    let path = dir.join("sauro.db");
    let mut s = Store::open(&path).unwrap();
    s.ensure_agencies(&registry()).unwrap();
    (s, path)
}

fn import_one(
    s: &mut Store,
    path: &str,
    text: &str,
    who: &Actor,
) -> sauro_store::Result<sauro_store::ImportSummary> {
    s.import(&[SourceFile { path, text }], who)
}

/// The bundled directive files, as (path, text), sorted by name.
fn bundled_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(DIRECTIVES_DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), text)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no directive files in {DIRECTIVES_DIR}");
    files
}

fn sources(files: &[(String, String)]) -> Vec<SourceFile<'_>> {
    files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect()
}

fn all_history(s: &Store) -> Vec<HistoryEntry> {
    s.history_between(NaiveDate::MIN, NaiveDate::MAX).unwrap()
}

/// A text value of history.
fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

/// A deadline value of history: its wording and day.
fn deadline(written: &str, due: NaiveDate) -> Value {
    Value::Deadline {
        written: written.to_owned(),
        due: Some(due),
    }
}

fn ids(rows: &[TaskRow]) -> Vec<String> {
    rows.iter().map(|r| r.task.id.to_string()).collect()
}

fn find<'a>(history: &'a [HistoryEntry], field: &str) -> &'a HistoryEntry {
    history
        .iter()
        .find(|h| h.field.map(Field::code) == Some(field))
        .unwrap_or_else(|| panic!("no history row for field {field:?} in {history:#?}"))
}

/// Every row of every table of the database file, sorted, for comparing a
/// database before and after something that must not change it.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let values: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            out.push(format!("{t}: {}", values.join(" | ")));
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------
// 1–2. The bundled data.

#[test]
fn the_bundled_data_imports_whole() {
    let files = bundled_files();
    let expected_tasks: usize = files
        .iter()
        .map(|(_, text)| text.lines().filter(|l| l.trim() == "[[task]]").count())
        .sum();
    assert!(expected_tasks > 0);

    let mut s = store();
    assert!(s.registry().unwrap().contains("BCA"));
    let sum = s
        .import(&sources(&files), &actor("test", day(2026, 3, 1)))
        .unwrap();
    assert_eq!(sum.directives, files.len());
    assert_eq!(sum.added, expected_tasks);
    assert_eq!((sum.updated, sum.changes), (0, 0));
    assert_eq!(s.task_count().unwrap(), expected_tasks);
    assert_eq!(
        s.tasks(&TaskFilter::default(), day(2026, 3, 1))
            .unwrap()
            .len(),
        expected_tasks
    );
    assert_eq!(s.directives().unwrap().len(), files.len());
    // One import row per task, no more.
    let history = all_history(&s);
    assert_eq!(history.len(), expected_tasks);
    assert!(history.iter().all(|h| h.action == Action::Import));

    // The BCA digital-citizen chain (domain.md §10): the resolution comes
    // before the law proposal and the VNeID scheme, the scheme before the platform.
    let deps = s.dependencies().unwrap();
    let prerequisites = |id: &str| -> Vec<String> {
        deps.iter()
            .find(|(t, _)| t.as_str() == id)
            .map(|(_, d)| d.iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    };
    assert_eq!(prerequisites("bcdtw-ctct-2026/02"), ["bcdtw-ctct-2026/01"]);
    assert_eq!(prerequisites("bcdtw-ctct-2026/03"), ["bcdtw-ctct-2026/01"]);
    assert_eq!(prerequisites("bcdtw-ctct-2026/05"), ["bcdtw-ctct-2026/03"]);
    // A dependency across files survives too.
    assert_eq!(
        prerequisites("bcdtw-ctct-2026/16"),
        ["kl-hoi-nghi-6-2-2025/21"]
    );

    // The chain's head as stored: lead, deadline normalised, original wording kept.
    let head = s.task("bcdtw-ctct-2026/01", day(2026, 3, 1)).unwrap();
    assert_eq!(head.task.lead.as_ref().unwrap().as_str(), "BCA");
    let dl = head.task.deadline.as_ref().unwrap();
    assert_eq!(dl.written, "hoàn thành trong tháng 2.2026");
    assert_eq!(dl.date(), Some(day(2026, 2, 28)));
    assert!(
        head.source_file
            .as_deref()
            .unwrap()
            .ends_with("bcdtw-ctct-2026.toml")
    );
    assert_eq!(head.source_line, Some(20));
    // As of 1/3/2026 the chain's tail waits on its head.
    let tail = s.task("bcdtw-ctct-2026/02", day(2026, 3, 1)).unwrap();
    assert_eq!(ids_of(&tail.blocked_by), ["bcdtw-ctct-2026/01".to_owned()]);
}

fn ids_of(v: &[sauro_core::TaskId]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

#[test]
fn re_importing_the_same_files_changes_nothing() {
    let files = bundled_files();
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let first = s
        .import(&sources(&files), &actor("test", day(2026, 3, 1)))
        .unwrap();
    let tasks = s.task_count().unwrap();
    let history = all_history(&s).len();
    let before = dump(&path);

    let again = s
        .import(&sources(&files), &actor("other", day(2026, 4, 1)))
        .unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(again.updated, 0);
    assert_eq!(again.changes, 0);
    assert_eq!(again.unchanged, first.added);
    assert_eq!(again.directives, first.directives);
    assert_eq!(s.task_count().unwrap(), tasks);
    assert_eq!(all_history(&s).len(), history);
    assert_eq!(dump(&path), before);

    // A fresh connection (as a second `sauro import` would be) sees the same.
    drop(s);
    let mut s = Store::open(&path).unwrap();
    let third = s
        .import(&sources(&files), &actor("third", day(2026, 5, 1)))
        .unwrap();
    assert_eq!((third.added, third.updated, third.changes), (0, 0, 0));
    assert_eq!(dump(&path), before);
}

// ---------------------------------------------------------------------------
// 3. Edited files.

const D1: &str = sauro_store::conformance::D1;

/// D1 as edited later: every task's title, deadline and initial status differ.
fn d1_edited() -> String {
    D1.replace(
        "Trình nghị quyết về phát triển công dân số\"\nlead = \"BCA\"\ndeadline = \"tháng 2.2026\"",
        "Trình Chính phủ nghị quyết về công dân số\"\nlead = \"BCA\"\ndeadline = \"tháng 1/2026\"\nstatus = \"done\"\ndone_on = 2026-01-31",
    )
    .replace(
        "Lập đề nghị xây dựng Luật Định danh\"\nlead = \"BCA\"\nsupport = [\"BTP\"]\ndeadline = \"quý 1/2026\"",
        "Lập đề nghị xây dựng Luật Định danh và xác thực điện tử\"\nlead = \"BCA\"\nsupport = [\"BTP\"]\ndeadline = \"tháng 3/2026\"\nstatus = \"cancelled\"",
    )
    .replace(
        "Đề án ứng dụng định danh\"\nlead = \"BCA\"\ndeadline = 2026-05-15",
        "Đề án phát triển ứng dụng VNeID\"\nlead = \"BCA\"\ndeadline = \"quý 3/2026\"\nstatus = \"done\"\ndone_on = 2026-02-01",
    )
}

#[test]
fn an_edited_file_updates_its_fields_and_keeps_changes_made_in_sauro() {
    let edited = d1_edited();
    assert_eq!(edited.matches("status =").count(), 3, "{edited}");

    let mut s = store();
    let loader = actor("loader", day(2026, 1, 20));
    import_one(&mut s, "d1.toml", D1, &loader).unwrap();

    // Changes made in sauro.
    let clerk = actor("clerk", day(2026, 2, 20));
    s.mark_done("D1/01", day(2026, 2, 20), &clerk).unwrap();
    let q2 = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();
    s.extend("D1/02", &q2, "TTG", "123/VPCP-KSTT", "chờ luật", &clerk)
        .unwrap();
    s.add_note("D1/01", "Đã trình Chính phủ", &clerk).unwrap();
    let history_before = all_history(&s).len();

    let editor = actor("editor", day(2026, 3, 1));
    let sum = import_one(&mut s, "d1.toml", &edited, &editor).unwrap();
    assert_eq!((sum.added, sum.updated, sum.unchanged), (0, 3, 0));
    let new_rows = &all_history(&s)[history_before..];
    assert_eq!(new_rows.len(), sum.changes);
    assert!(
        new_rows
            .iter()
            .all(|h| h.action == Action::Import && h.by == "editor" && h.day == day(2026, 3, 1)),
        "{new_rows:#?}"
    );

    let as_of = day(2026, 3, 1);
    // D1/01: the title follows the file; sauro's done state and note stay.
    let t1 = s.task("D1/01", as_of).unwrap().task;
    assert_eq!(t1.title, "Trình Chính phủ nghị quyết về công dân số");
    assert_eq!(
        t1.state,
        TaskState::Done {
            on: day(2026, 2, 20)
        }
    );
    assert_eq!(t1.note.as_deref(), Some("Đã trình Chính phủ"));
    assert_eq!(s.notes("D1/01").unwrap().len(), 1);
    let h1: Vec<_> = new_rows
        .iter()
        .filter(|h| h.task == "D1/01")
        .cloned()
        .collect();
    let title = find(&h1, "title");
    assert_eq!(
        title.old,
        Some(text("Trình nghị quyết về phát triển công dân số"))
    );
    assert_eq!(
        title.new,
        Some(text("Trình Chính phủ nghị quyết về công dân số"))
    );
    // Where the file put the task, as its own field.
    let src = title.source.as_ref().unwrap();
    assert_eq!(
        (src.file.as_str(), title.reason.as_deref()),
        ("d1.toml", None)
    );
    // D1/01 was not extended: the file's new deadline applies.
    let dl = find(&h1, "deadline");
    assert_eq!(dl.old, Some(deadline("tháng 2.2026", day(2026, 2, 28))));
    assert_eq!(dl.new, Some(deadline("tháng 1/2026", day(2026, 1, 31))));
    assert_eq!(t1.due_date(), Some(day(2026, 1, 31)));
    // Its file's status changed, but the state is sauro's now: recorded as the file's.
    let fs = find(&h1, "file_state");
    assert_eq!(fs.old, Some(Value::State(TaskState::Open)));
    assert_eq!(
        fs.new,
        Some(Value::State(TaskState::Done {
            on: day(2026, 1, 31)
        }))
    );
    assert!(h1.iter().all(|h| h.field != Some(Field::State)));

    // D1/02: the extension stands; the file's new wording is recorded beside it.
    let t2 = s.task("D1/02", as_of).unwrap().task;
    assert_eq!(
        t2.title,
        "Lập đề nghị xây dựng Luật Định danh và xác thực điện tử"
    );
    assert!(t2.extended);
    assert_eq!(t2.deadline.as_ref().unwrap().written, "quý 2/2026");
    assert_eq!(t2.due_date(), Some(day(2026, 6, 30)));
    // Its state was never changed in sauro: the file's cancellation applies.
    assert!(matches!(t2.state, TaskState::Cancelled { .. }));
    let h2: Vec<_> = new_rows
        .iter()
        .filter(|h| h.task == "D1/02")
        .cloned()
        .collect();
    let fd = find(&h2, "file_deadline");
    assert_eq!(fd.old, Some(text("quý 1/2026")));
    assert_eq!(fd.new, Some(text("tháng 3/2026")));
    assert!(h2.iter().all(|h| h.field != Some(Field::Deadline)));
    let st = find(&h2, "state");
    assert_eq!(st.old, Some(Value::State(TaskState::Open)));
    assert_eq!(
        st.new,
        Some(Value::State(TaskState::Cancelled { on: None }))
    );
    find(&h2, "title");

    // D1/03, untouched in sauro: everything follows the file.
    let t3 = s.task("D1/03", as_of).unwrap().task;
    assert_eq!(t3.title, "Đề án phát triển ứng dụng VNeID");
    assert_eq!(t3.due_date(), Some(day(2026, 9, 30)));
    assert_eq!(
        t3.state,
        TaskState::Done {
            on: day(2026, 2, 1)
        }
    );
    let h3: Vec<_> = new_rows
        .iter()
        .filter(|h| h.task == "D1/03")
        .cloned()
        .collect();
    let dl = find(&h3, "deadline");
    assert_eq!(dl.old, Some(deadline("2026-05-15", day(2026, 5, 15))));
    assert_eq!(dl.new, Some(deadline("quý 3/2026", day(2026, 9, 30))));
    let st = find(&h3, "state");
    assert_eq!(
        st.new,
        Some(Value::State(TaskState::Done {
            on: day(2026, 2, 1)
        }))
    );

    // Search follows the new title.
    let found = s
        .tasks(
            &TaskFilter {
                search: Some(fold("VNeID")),
                ..TaskFilter::default()
            },
            as_of,
        )
        .unwrap();
    assert_eq!(ids(&found), ["D1/03"]);

    // The edited file, loaded again, changes nothing more.
    let history_now = all_history(&s).len();
    let again = import_one(&mut s, "d1.toml", &edited, &editor).unwrap();
    assert_eq!((again.added, again.updated, again.changes), (0, 0, 0));
    assert_eq!(all_history(&s).len(), history_now);
    assert_eq!(
        s.task("D1/01", as_of).unwrap().task.state,
        TaskState::Done {
            on: day(2026, 2, 20)
        }
    );
}

// ---------------------------------------------------------------------------
// 4–5. Refused loads.

const BAD: &str = r#"schema = 1

[[agency]]
id = "NEWAG"
name = "Cơ quan mới"
kind = "other"

[directive]
id = "D2"
title = "Văn bản lỗi"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D2/01"
title = "Cơ quan không có"
lead = "NOPE"

[[task]]
id = "D2/02"
title = "Ngày không có"
lead = "BCA"
deadline = "31/2/2026"

[[task]]
id = "D2/03"
title = "Phụ thuộc treo"
lead = "BCA"
depends_on = ["D2/99"]

[[task]]
id = "D1/01"
title = "Trùng mã"
lead = "BCA"

[[task]]
id = "D2/06"
title = "Vòng a"
lead = "BCA"
depends_on = ["D2/07"]

[[task]]
id = "D2/07"
title = "Vòng b"
lead = "NEWAG"
depends_on = ["D2/06"]
"#;

/// A good file to load beside the bad one: it too must not be written.
const D3: &str = r#"schema = 1

[directive]
id = "D3"
title = "Văn bản tốt"
issued_by = "TTG"
issued_on = 2026-01-10

[[task]]
id = "D3/01"
title = "Việc tốt"
lead = "BTP"
deadline = "quý 2/2026"
"#;

#[test]
fn a_refused_load_reports_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let who = actor("loader", day(2026, 1, 20));
    import_one(&mut s, "d1.toml", D1, &who).unwrap();
    let tasks = s.task_count().unwrap();
    let history = all_history(&s).len();
    let agencies = s.registry().unwrap().len();
    let directives = s.directives().unwrap().len();
    let before = dump(&path);

    let files = [
        SourceFile {
            path: "d3.toml",
            text: D3,
        },
        SourceFile {
            path: "bad.toml",
            text: BAD,
        },
    ];
    let err = s.import(&files, &who).unwrap_err();
    let Error::Problems(problems) = &err else {
        panic!("expected Problems, got {err}");
    };
    let text = err.to_string();
    assert_eq!(problems.0.len(), 5, "{text}");
    let of = |task: &str, needle: &str| {
        problems
            .0
            .iter()
            .find(|p| p.task.as_deref() == Some(task) && p.kind.to_string().contains(needle))
            .unwrap_or_else(|| panic!("no problem of {task} with {needle:?} in:\n{text}"))
            .clone()
    };
    let unknown = of("D2/01", "\"NOPE\"");
    assert_eq!(
        (unknown.file.as_str(), unknown.line),
        ("bad.toml", Some(14))
    );
    let bad_date = of("D2/02", "31/2/2026");
    assert_eq!(bad_date.line, Some(19));
    let dangling = of("D2/03", "D2/99");
    assert_eq!(dangling.line, Some(25));
    let dup = of("D1/01", "duplicate task id D1/01");
    assert!(dup.kind.to_string().contains("D1"), "{dup:?}");
    assert_eq!(dup.line, Some(31));
    let cycle = of("D2/06", "D2/06 -> D2/07 -> D2/06");
    assert_eq!(cycle.file, "bad.toml");
    assert!(problems.0.iter().all(|p| p.file == "bad.toml"), "{text}");
    assert!(
        text.starts_with("5 problems found, nothing was written"),
        "{text}"
    );

    // Nothing of the load was written, not even the good file or the new agency.
    assert_eq!(s.task_count().unwrap(), tasks);
    assert_eq!(all_history(&s).len(), history);
    assert_eq!(s.registry().unwrap().len(), agencies);
    assert!(!s.registry().unwrap().contains("NEWAG"));
    assert_eq!(s.directives().unwrap().len(), directives);
    assert!(matches!(
        s.task("D3/01", day(2026, 2, 1)),
        Err(Error::UnknownTask { .. })
    ));
    assert_eq!(dump(&path), before);

    // The store still works after the refusal.
    let ok = import_one(&mut s, "d3.toml", D3, &who).unwrap();
    assert_eq!(ok.added, 1);
}

#[test]
fn a_toml_syntax_error_names_file_line_and_column() {
    let mut s = store();
    let text = "schema = 1\n\n[directive\nid = \"X\"\n";
    let err = import_one(&mut s, "broken.toml", text, &actor("t", day(2026, 1, 1))).unwrap_err();
    let Error::Problems(problems) = &err else {
        panic!("expected Problems, got {err}");
    };
    assert_eq!(problems.0.len(), 1, "{err}");
    let p = &problems.0[0];
    assert_eq!(p.file, "broken.toml");
    assert_eq!(p.line, Some(3));
    let col = p.column.unwrap();
    assert!(
        err.to_string().contains(&format!("broken.toml:3:{col}")),
        "{err}"
    );
    assert_eq!(s.task_count().unwrap(), 0);
    assert!(s.directives().unwrap().is_empty());
}

const X: &str = r#"schema = 1

[directive]
id = "X"
title = "Văn bản X"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "X/1"
title = "Việc X"
lead = "BCA"
deadline = "quý 1/2026"
"#;

const Y: &str = r#"schema = 1

[directive]
id = "Y"
title = "Văn bản Y"
issued_by = "CP"
issued_on = 2026-01-20

[[task]]
id = "Y/1"
title = "Việc Y"
lead = "BTP"
deadline = "quý 2/2026"
depends_on = ["X/1"]
"#;

#[test]
fn a_cycle_through_tasks_already_in_the_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let who = actor("loader", day(2026, 2, 1));
    import_one(&mut s, "x.toml", X, &who).unwrap();
    // Y/1 depends on X/1, which only the database holds now.
    import_one(&mut s, "y.toml", Y, &who).unwrap();
    assert_eq!(
        ids_of(&s.task("Y/1", day(2026, 2, 1)).unwrap().task.depends_on),
        ["X/1"]
    );
    let before = dump(&path);

    // Now X/1 is edited to depend on Y/1, which is only in the database.
    let x_edited = X.replace(
        "deadline = \"quý 1/2026\"",
        "deadline = \"quý 1/2026\"\ndepends_on = [\"Y/1\"]",
    );
    let err = import_one(&mut s, "x.toml", &x_edited, &who).unwrap_err();
    let Error::Problems(problems) = &err else {
        panic!("expected Problems, got {err}");
    };
    assert_eq!(problems.0.len(), 1, "{err}");
    assert!(
        problems.0[0].kind.to_string().contains("X/1 -> Y/1 -> X/1"),
        "{err}"
    );
    assert_eq!(problems.0[0].file, "x.toml");
    assert!(
        s.task("X/1", day(2026, 2, 1))
            .unwrap()
            .task
            .depends_on
            .is_empty()
    );
    assert_eq!(dump(&path), before);
}

// ---------------------------------------------------------------------------
// 6. Status changes.

#[test]
fn refusals_speak_vietnamese_and_english() {
    use sauro_core::Lang;
    use sauro_store::Refusal;
    let mut s = store();
    import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
    let who = actor("lan", day(2026, 2, 11));
    let to = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();
    let both = |e: Error| (e.message(Lang::Vi), e.message(Lang::En));

    let (vi, en) = both(s.mark_done("D1/02", day(2026, 2, 12), &who).unwrap_err());
    assert_eq!(
        vi,
        "nhiệm vụ D1/02: không thể ghi hoàn thành ngày 12/02/2026, sau ngày hôm nay (11/02/2026)"
    );
    assert_eq!(
        en,
        "task D1/02: cannot be done on 2026-02-12, after today (2026-02-11)"
    );
    s.mark_done("D1/02", day(2026, 2, 10), &who).unwrap();
    let e = s.mark_done("D1/02", day(2026, 2, 11), &who).unwrap_err();
    assert!(matches!(
        e,
        Error::Refused {
            reason: Refusal::Already(TaskState::Done { .. }),
            ..
        }
    ));
    let (vi, en) = both(e);
    assert_eq!(vi, "nhiệm vụ D1/02: đã hoàn thành ngày 10/02/2026");
    assert_eq!(en, "task D1/02: is already done 2026-02-10");
    let (vi, _) = both(s.extend("D1/02", &to, "TTG", "b", "r", &who).unwrap_err());
    assert_eq!(
        vi,
        "nhiệm vụ D1/02: đã hoàn thành ngày 10/02/2026; hãy mở lại trước khi đổi thời hạn"
    );
    let (vi, _) = both(s.reopen("D1/01", &who).unwrap_err());
    assert!(vi.starts_with("nhiệm vụ D1/01: đang thực hiện"), "{vi}");
    let (vi, en) = both(s.cancel("D1/01", "XYZ", "r", &who).unwrap_err());
    assert!(
        vi.contains("cấp có thẩm quyền \"XYZ\" không có trong danh mục cơ quan"),
        "{vi}"
    );
    assert!(en.contains("authority \"XYZ\" is in no registry"), "{en}");
    s.cancel("D1/01", "TTG", "r", &who).unwrap();
    let (vi, _) = both(s.cancel("D1/01", "TTG", "r", &who).unwrap_err());
    assert_eq!(vi, "nhiệm vụ D1/01: đã dừng thực hiện từ ngày 11/02/2026");
    let (vi, en) = both(s.add_note("D1/01", "  ", &who).unwrap_err());
    assert_eq!(vi, "nhiệm vụ D1/01: ghi chú để trống, không có gì để thêm");
    assert_eq!(en, "task D1/01: an empty note adds nothing");
    let (vi, _) = both(s.add_note("D1/01", "\u{200B}\u{2060}", &who).unwrap_err());
    assert_eq!(vi, "nhiệm vụ D1/01: ghi chú để trống, không có gì để thêm");
    let (vi, en) = both(s.reopen("NOPE/1", &who).unwrap_err());
    assert_eq!(vi, "không có nhiệm vụ nào mang mã \"NOPE/1\"");
    assert_eq!(en, "no task has the id \"NOPE/1\"");
}

#[test]
fn open_errors_name_the_file_and_cause_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "không phải cơ sở dữ liệu\n".repeat(200)).unwrap();
    let err = Store::open(&path).unwrap_err();
    let vi = err.message(sauro_core::Lang::Vi);
    assert!(vi.starts_with("không mở được cơ sở dữ liệu "), "{vi}");
    assert!(vi.contains("notes.txt"), "{vi}");
    assert!(vi.contains("không phải là cơ sở dữ liệu"), "{vi}");
    let en = err.message(sauro_core::Lang::En);
    assert!(
        en.contains("notes.txt") && en.contains("not a database"),
        "{en}"
    );
}

// ---------------------------------------------------------------------------
// 7. History is append-only.

#[test]
fn history_cannot_be_edited_or_deleted_behind_sauros_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
    s.mark_done("D1/01", day(2026, 2, 1), &actor("lan", day(2026, 2, 1)))
        .unwrap();
    let before = all_history(&s);
    assert_eq!(before.len(), 4);

    let raw = Connection::open(&path).unwrap();
    let upd = raw.execute("UPDATE history SET by = 'mallory'", []);
    assert!(
        upd.as_ref()
            .is_err_and(|e| e.to_string().contains("append-only")),
        "{upd:?}"
    );
    let del = raw.execute("DELETE FROM history WHERE task_id = 'D1/01'", []);
    assert!(
        del.as_ref()
            .is_err_and(|e| e.to_string().contains("append-only")),
        "{del:?}"
    );
    let del_all = raw.execute_batch("DELETE FROM history");
    assert!(del_all.is_err());
    drop(raw);
    assert_eq!(all_history(&s), before);

    // Appending still works.
    s.add_note("D1/01", "ghi chú", &actor("lan", day(2026, 2, 2)))
        .unwrap();
    assert_eq!(all_history(&s).len(), before.len() + 1);
}

#[test]
fn another_connections_commit_is_seen_through_data_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut writer, path) = store_at(dir.path());
    import_one(
        &mut writer,
        "d1.toml",
        D1,
        &actor("loader", day(2026, 1, 20)),
    )
    .unwrap();
    let reader = Store::open(&path).unwrap();
    let v0 = reader.data_version().unwrap();
    assert_eq!(reader.data_version().unwrap(), v0);
    writer
        .mark_done("D1/01", day(2026, 2, 1), &actor("lan", day(2026, 2, 1)))
        .unwrap();
    assert_ne!(reader.data_version().unwrap(), v0);
    assert!(
        reader
            .task("D1/01", day(2026, 2, 1))
            .unwrap()
            .task
            .state
            .is_done()
    );
}

// ---------------------------------------------------------------------------
// 8. Queries.

/// What blocks each task as of `on`, worked out from every task's
/// prerequisites and state: its unfinished prerequisites, in id order, when
/// it is unfinished itself.
fn expected_blockers(s: &Store, on: NaiveDate) -> std::collections::HashMap<String, Vec<String>> {
    let states = s.states().unwrap();
    let open = |id: &sauro_core::TaskId| matches!(states[id].as_of(on), TaskState::Open);
    let mut out = std::collections::HashMap::new();
    for (task, deps) in s.dependencies().unwrap() {
        if !open(&task) {
            continue;
        }
        let mut blockers: Vec<String> = deps
            .iter()
            .filter(|d| open(d))
            .map(|d| d.to_string())
            .collect();
        blockers.sort();
        out.insert(task.to_string(), blockers);
    }
    out
}

#[test]
fn blocked_by_is_every_unfinished_prerequisite_however_the_states_are_read() {
    // Prerequisites' states are looked up one by one for a short list and
    // read in one pass over the index for a long one: both must agree with
    // the states themselves, on days before and after tasks were done.
    let files = sauro_synth::directive_files(3000, 100, 11);
    let mut s = store();
    s.import(&sources(&files), &actor("loader", day(2026, 11, 29)))
        .unwrap();
    let lead = s.tasks(&TaskFilter::default(), day(2026, 1, 1)).unwrap()[7]
        .task
        .lead
        .clone()
        .unwrap()
        .to_string();
    let some_ids: Vec<String> = (1..=30).map(|k| format!("SYN-12/{k}")).collect();
    let filters = [
        (
            "overdue",
            TaskFilter {
                overdue: true,
                ..TaskFilter::default()
            },
        ),
        (
            "blocked",
            TaskFilter {
                blocked: true,
                ..TaskFilter::default()
            },
        ),
        (
            "one lead",
            TaskFilter {
                leads: vec![lead],
                ..TaskFilter::default()
            },
        ),
        (
            "a few ids",
            TaskFilter {
                ids: some_ids,
                ..TaskFilter::default()
            },
        ),
        ("everything", TaskFilter::default()),
    ];
    let mut blocked_seen = 0;
    let mut settled_prerequisites = 0;
    for on in [day(2025, 3, 1), day(2025, 9, 1), day(2026, 11, 22)] {
        let expected = expected_blockers(&s, on);
        for (name, f) in &filters {
            let rows = s.tasks(f, on).unwrap();
            assert!(!rows.is_empty(), "{name} on {on}");
            for r in &rows {
                let want = expected
                    .get(r.task.id.as_str())
                    .cloned()
                    .unwrap_or_default();
                let mut got = ids_of(&r.blocked_by);
                if *name == "everything" {
                    // Reading every task keeps the file's order of prerequisites.
                    got.sort();
                }
                assert_eq!(got, want, "{name} on {on}: {}", r.task.id);
                blocked_seen += usize::from(!want.is_empty());
                settled_prerequisites += r.task.depends_on.len() - r.blocked_by.len();
            }
            if f.blocked {
                let mut want: Vec<&String> = expected
                    .iter()
                    .filter(|(_, b)| !b.is_empty())
                    .map(|(t, _)| t)
                    .collect();
                want.sort();
                assert_eq!(
                    ids(&rows).iter().collect::<Vec<_>>(),
                    want,
                    "{name} on {on}"
                );
            }
        }
    }
    assert!(blocked_seen > 100 && settled_prerequisites > 100);
}

// ---------------------------------------------------------------------------
// 9. Databases this program must not touch.

#[test]
fn a_database_from_a_newer_sauro_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let (mut s, _) = store_at(dir.path());
        import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
        drop(s);
        std::fs::rename(dir.path().join("sauro.db"), &path).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    match &err {
        Error::TooNew {
            path: p,
            found,
            supported,
        } => {
            assert_eq!(p, &path);
            assert_eq!(*found, 99);
            assert!(*supported < 99);
        }
        other => panic!("expected TooNew, got {other}"),
    }
    assert!(err.to_string().contains("newer.db"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // No journal or WAL file was left behind either.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["newer.db"]);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let garbage = "Đây không phải cơ sở dữ liệu SQLite, chỉ là văn bản đủ dài.\n".repeat(40);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::Open { .. }), "{err}");
    assert!(err.to_string().contains("notes.txt"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), garbage);
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
    s.mark_done("D1/01", day(2026, 2, 1), &actor("lan", day(2026, 2, 1)))
        .unwrap();
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.task_count().unwrap(), 3);
    assert!(
        s.task("D1/01", day(2026, 2, 1))
            .unwrap()
            .task
            .state
            .is_done()
    );
    assert_eq!(s.history("D1/01").unwrap().len(), 2);
    assert!(s.registry().unwrap().contains("TTG"));
}

#[test]
fn a_version_1_database_is_upgraded_with_its_lists_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        // A database as version 1 left it: the lists only in the link tables.
        let (mut s, _) = store_at(dir.path());
        import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
        drop(s);
        std::fs::rename(dir.path().join("sauro.db"), &path).unwrap();
        let conn = Connection::open(&path).unwrap();
        typed_history::to_schema_5(&conn);
        conn.execute_batch(
            "ALTER TABLE task DROP COLUMN support_ids;
             ALTER TABLE task DROP COLUMN depends_ids;
             ALTER TABLE task DROP COLUMN last_note;
             ALTER TABLE task DROP COLUMN deadline_rule;
             ALTER TABLE agency DROP COLUMN aliases;
             ALTER TABLE agency DROP COLUMN builtin;
             DROP TABLE task_co_lead;
             ALTER TABLE task DROP COLUMN co_lead_ids;
             ALTER TABLE task DROP COLUMN is_key;
             ALTER TABLE task DROP COLUMN is_classified;
             INSERT INTO note (task_id, at, day, by, text)
                 SELECT id, 'x', '2026-01-21', 'lan', 'ghi chú cũ' FROM task LIMIT 1;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let upgraded = Store::open(&path).unwrap();
    let fresh = {
        std::fs::create_dir(dir.path().join("fresh")).unwrap();
        let (mut s, _) = store_at(&dir.path().join("fresh"));
        import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
        s
    };
    let on = day(2026, 1, 22);
    let key = |rows: Vec<TaskRow>| -> Vec<(String, Vec<String>, Vec<String>)> {
        rows.into_iter()
            .map(|r| {
                (
                    r.task.id.to_string(),
                    r.task.support.iter().map(|x| x.to_string()).collect(),
                    r.task.depends_on.iter().map(|x| x.to_string()).collect(),
                )
            })
            .collect()
    };
    let all = TaskFilter::default();
    assert_eq!(
        key(upgraded.tasks(&all, on).unwrap()),
        key(fresh.tasks(&all, on).unwrap())
    );
    let notes: Vec<Option<String>> = upgraded
        .tasks(&all, on)
        .unwrap()
        .into_iter()
        .map(|r| r.task.note)
        .collect();
    assert!(notes.contains(&Some("ghi chú cũ".to_owned())), "{notes:?}");
}

#[test]
fn a_large_table_read_on_two_connections_equals_one_read() {
    // Above 20,000 tasks, reading every task splits the table between two
    // connections; the result must be exactly what one reader gives.
    let files = sauro_synth::directive_files(21_000, 1_000, 5);
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let who = actor("bench", day(2026, 11, 22));
    let dir = tempfile::tempdir().unwrap();
    let (mut on_disk, _) = store_at(dir.path());
    on_disk.import(&sources, &who).unwrap();
    let mut in_memory = Store::open_in_memory().unwrap();
    in_memory.ensure_agencies(&registry()).unwrap();
    in_memory.import(&sources, &who).unwrap();
    on_disk
        .mark_done("SYN-3/7", day(2025, 12, 31), &who)
        .unwrap();
    in_memory
        .mark_done("SYN-3/7", day(2025, 12, 31), &who)
        .unwrap();
    let all = TaskFilter::default();
    for as_of in [day(2025, 3, 1), day(2026, 11, 22)] {
        let split = on_disk.tasks(&all, as_of).unwrap();
        let single = in_memory.tasks(&all, as_of).unwrap();
        assert_eq!(split.len(), 21_000);
        assert_eq!(split, single);
        assert!(
            split.windows(2).all(|w| w[0].task.id < w[1].task.id),
            "in id order"
        );
        assert!(
            split.iter().any(|r| !r.blocked_by.is_empty()),
            "some are blocked"
        );
        // A search of the whole table (overdue, blocked, one lead) is split
        // the same way.
        let lead = split[0].task.lead.clone().unwrap().to_string();
        for f in [
            TaskFilter {
                overdue: true,
                ..TaskFilter::default()
            },
            TaskFilter {
                blocked: true,
                ..TaskFilter::default()
            },
            TaskFilter {
                leads: vec![lead.clone()],
                table_columns_only: true,
                ..TaskFilter::default()
            },
        ] {
            let split = on_disk.tasks(&f, as_of).unwrap();
            let single = in_memory.tasks(&f, as_of).unwrap();
            assert!(split.len() > 100, "{f:?}");
            assert_eq!(split, single, "{f:?}");
        }
    }
}

/// The files are checked before the write lock is taken: while another
/// connection holds it, a refused import says what is wrong at once instead
/// of waiting for the lock (and, before, keeping other writers out).
#[test]
fn a_refused_import_does_not_wait_for_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let who = actor("loader", day(2026, 1, 20));
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = import_one(&mut s, "bad.toml", BAD, &who).unwrap_err();
    assert!(matches!(err, Error::Problems(_)), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    // A good import after another process wrote is checked against what is there.
    let mut s2 = Store::open(&path).unwrap();
    import_one(&mut s2, "d1.toml", D1, &who).unwrap();
    let summary = import_one(&mut s, "d1.toml", D1, &who).unwrap();
    assert_eq!(summary.added, 0);
}

/// The rows of every table an import writes, for "nothing was written".
fn written_rows(path: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(path).unwrap();
    [
        "directive",
        "task",
        "task_support",
        "task_dep",
        "history",
        "task_co_lead",
    ]
    .into_iter()
    .map(|t| {
        let n = conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap();
        (t.to_owned(), n)
    })
    .collect()
}

/// The names of the database's indexes, sorted.
fn indexes(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Files of a load, as (name, text).
fn named<'a>(files: &[(&'a str, &'a str)]) -> Vec<SourceFile<'a>> {
    files
        .iter()
        .map(|&(path, text)| SourceFile { path, text })
        .collect()
}

/// D1 under another directive id (`D2`, tasks `D2/01`…).
fn d1_as(id: &str) -> String {
    D1.replace("\"D1\"", &format!("\"{id}\""))
        .replace("D1/", &format!("{id}/"))
}

/// A directive is written while the next file is still being checked, yet
/// a problem found only after the last file (a prerequisite that no file
/// holds, checked across files) leaves the database as it was: the
/// written directives are rolled back with the transaction.
#[test]
fn a_problem_found_after_the_last_file_leaves_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let who = actor("loader", day(2026, 1, 20));
    let before = written_rows(&path);
    let indexes_before = indexes(&path);
    assert!(indexes_before.contains(&"task_by_due".to_owned()));
    let d2 = d1_as("D2");
    let d3 = d1_as("D3").replace("depends_on = [\"D3/01\"]", "depends_on = [\"D9/01\"]");
    let files = named(&[("d1.toml", D1), ("d2.toml", &d2), ("d3.toml", &d3)]);
    let err = s.import(&files, &who).unwrap_err();
    let Error::Problems(problems) = &err else {
        panic!("{err}")
    };
    assert_eq!(problems.0.len(), 1, "{err}");
    assert_eq!(problems.0[0].file, "d3.toml");
    assert_eq!(problems.0[0].task.as_deref(), Some("D3/02"));
    assert_eq!(written_rows(&path), before);
    // The indexes an import into an empty database drops and builds again
    // are back with the rollback.
    assert_eq!(indexes(&path), indexes_before);
    // The same files without the bad prerequisite are written whole.
    let d3 = d1_as("D3");
    let files = named(&[("d1.toml", D1), ("d2.toml", &d2), ("d3.toml", &d3)]);
    assert_eq!(s.import(&files, &who).unwrap().added, 9);
}

/// A task done after the day of the import is found by the store, not the
/// load: in the second file, it refuses the import and the first file,
/// already written, is rolled back.
#[test]
fn a_task_done_after_today_in_a_later_file_leaves_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let who = actor("loader", day(2026, 1, 20));
    let before = written_rows(&path);
    let d2 = d1_as("D2").replace(
        "deadline = 2026-05-15",
        "deadline = 2026-05-15\nstatus = \"done\"\ndone_on = 2026-02-01",
    );
    let files = named(&[("d1.toml", D1), ("d2.toml", &d2)]);
    let err = s.import(&files, &who).unwrap_err();
    assert!(
        matches!(&err, Error::Problems(p) if p.0.len() == 1 && p.0[0].file == "d2.toml"),
        "{err}"
    );
    assert_eq!(written_rows(&path), before);
}

/// While another connection holds the write lock, a good import checks its
/// files, waits for the lock (instead of failing at once) and writes them.
#[test]
fn a_good_import_waits_for_another_writer_then_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let who = actor("loader", day(2026, 1, 20));
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        other.execute_batch("COMMIT").unwrap();
    });
    let summary = import_one(&mut s, "d1.toml", D1, &who).unwrap();
    release.join().unwrap();
    assert_eq!(summary.added, 3);
    assert_eq!(written_rows(&path)[1], ("task".to_owned(), 3));
}

/// Another connection commits between the snapshot the files were checked
/// against and the moment this import takes the lock: the files are
/// checked again against what is there now (here, a task `D1/01` of
/// another directive, which refuses the import).
#[test]
fn an_import_checks_again_what_another_writer_changed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let who = actor("loader", day(2026, 1, 20));
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO directive (id, title, issued_by, issued_on) VALUES ('X', 'Khác', 'CP', '2026-01-02');
             INSERT INTO task (id, directive_id, title, state, file_state, search)
                 VALUES ('D1/01', 'X', 'Khác', 'open', 'open', 'khac');",
        )
        .unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        other.execute_batch("COMMIT").unwrap();
    });
    let err = import_one(&mut s, "d1.toml", D1, &who).unwrap_err();
    release.join().unwrap();
    assert!(
        matches!(&err, Error::Problems(p) if p.0.iter().any(|p| p.task.as_deref() == Some("D1/01"))),
        "{err}"
    );
}

/// D1 with a recurring deadline on D1/03.
fn d1_recurring() -> String {
    D1.replace(
        "deadline = 2026-05-15",
        "deadline = \"trước ngày 15 tháng 6 và trước ngày 01 tháng 12\"",
    )
}

#[test]
fn recurring_deadlines_round_trip_and_are_never_overdue() {
    let mut s = store();
    import_one(
        &mut s,
        "d1.toml",
        &d1_recurring(),
        &actor("loader", day(2026, 1, 20)),
    )
    .unwrap();
    let t = s.task("D1/03", day(2026, 6, 10)).unwrap().task;
    let d = t.deadline.clone().unwrap();
    assert_eq!(d.written, "trước ngày 15 tháng 6 và trước ngày 01 tháng 12");
    assert!(matches!(d.due, sauro_core::Due::Recurring(_)), "{d:?}");
    assert_eq!(t.due_as_of(day(2026, 6, 10)), Some(day(2026, 6, 15)));
    assert_eq!(t.due_as_of(day(2026, 6, 16)), Some(day(2026, 12, 1)));
    // Past an occurrence it is still open, not overdue.
    assert_eq!(t.status_as_of(day(2026, 6, 16)), Status::Open);
    let overdue = TaskFilter {
        overdue: true,
        ..TaskFilter::default()
    };
    let ids = |rows: Vec<TaskRow>| -> Vec<String> {
        rows.into_iter().map(|r| r.task.id.to_string()).collect()
    };
    assert!(!ids(s.tasks(&overdue, day(2026, 6, 16)).unwrap()).contains(&"D1/03".to_owned()));
    // Due within 7 days: yes on 10/6 (next 15/6), no on 16/6 (next 1/12).
    let due7 = TaskFilter {
        due_within: Some(7),
        ..TaskFilter::default()
    };
    assert!(ids(s.tasks(&due7, day(2026, 6, 10)).unwrap()).contains(&"D1/03".to_owned()));
    assert!(!ids(s.tasks(&due7, day(2026, 6, 16)).unwrap()).contains(&"D1/03".to_owned()));
}

#[test]
fn a_version_2_database_gains_recurring_deadlines_on_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let (mut s, _) = store_at(dir.path());
        import_one(
            &mut s,
            "d1.toml",
            &d1_recurring(),
            &actor("loader", day(2026, 1, 20)),
        )
        .unwrap();
        drop(s);
        std::fs::rename(dir.path().join("sauro.db"), &path).unwrap();
        // As version 2 stored it: the wording, kind ongoing, no rule.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "ALTER TABLE task DROP COLUMN deadline_rule;
             ALTER TABLE agency DROP COLUMN aliases;
             ALTER TABLE agency DROP COLUMN builtin;
             DROP TABLE task_co_lead;
             ALTER TABLE task DROP COLUMN co_lead_ids;
             ALTER TABLE task DROP COLUMN is_key;
             ALTER TABLE task DROP COLUMN is_classified;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let t = s.task("D1/03", day(2026, 6, 10)).unwrap().task;
    assert_eq!(t.deadline.unwrap().due, sauro_core::Due::Ongoing);
    import_one(
        &mut s,
        "d1.toml",
        &d1_recurring(),
        &actor("loader", day(2026, 2, 1)),
    )
    .unwrap();
    let t = s.task("D1/03", day(2026, 6, 10)).unwrap().task;
    assert_eq!(t.due_as_of(day(2026, 6, 10)), Some(day(2026, 6, 15)));
}

// ---------------------------------------------------------------------------
// 10. The registry in the database: aliases, built-in agencies.

const WITH_AGENCY: &str = r#"schema = 1

[[agency]]
id = "SOKHCN_HN"
name = "Sở Khoa học và Công nghệ Hà Nội"
kind = "other"
aliases = ["Sở KH&CN Hà Nội", "Sở KHCN Hà Nội"]

[directive]
id = "D9"
title = "Kế hoạch thử"
issued_by = "HANOI"
issued_on = 2026-01-15

[[task]]
id = "D9/01"
title = "Triển khai mô hình chuyển đổi số"
lead = "SOKHCN_HN"
support = ["BKHCN"]
"#;

#[test]
fn aliases_round_trip_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let built_in = registry();
    let held = s.registry().unwrap();
    for a in built_in.iter() {
        assert_eq!(held.get(a.id.as_str()), Some(a), "{}", a.id);
    }
    import_one(
        &mut s,
        "d9.toml",
        WITH_AGENCY,
        &actor("loader", day(2026, 1, 20)),
    )
    .unwrap();
    drop(s);
    let s = Store::open(&path).unwrap();
    let r = s.registry().unwrap();
    let a = r.get("SOKHCN_HN").unwrap();
    assert_eq!(a.aliases, ["Sở KH&CN Hà Nội", "Sở KHCN Hà Nội"]);
    assert!(!a.builtin);
    assert_eq!(
        r.resolve("so kh&cn ha noi").map(|a| a.id.as_str()),
        Some("SOKHCN_HN")
    );
    let b = r.get("BKHCN").unwrap();
    assert!(b.builtin);
    assert!(b.aliases.iter().any(|x| x == "Bộ KH&CN"), "{:?}", b.aliases);
    assert_eq!(
        r.resolve("UBND tỉnh Bình Dương").map(|a| a.id.as_str()),
        Some("BINHDUONG")
    );
}

#[test]
fn ensure_agencies_writes_nothing_when_the_database_holds_the_registry() {
    let mut s = store();
    assert_eq!(s.ensure_agencies(&registry()).unwrap(), 0);
}

#[test]
fn a_version_2_database_gains_aliases_and_its_built_in_agencies_are_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        // A database as version 2 left it, where a file once renamed TTG.
        let (mut s, _) = store_at(dir.path());
        import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
        drop(s);
        std::fs::rename(dir.path().join("sauro.db"), &path).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "ALTER TABLE task DROP COLUMN deadline_rule;
             ALTER TABLE agency DROP COLUMN aliases;
             ALTER TABLE agency DROP COLUMN builtin;
             DROP TABLE task_co_lead;
             ALTER TABLE task DROP COLUMN co_lead_ids;
             ALTER TABLE task DROP COLUMN is_key;
             ALTER TABLE task DROP COLUMN is_classified;
             UPDATE agency SET name = 'Thủ tướng mới', successor = 'CP' WHERE id = 'TTG';
             DELETE FROM agency WHERE id = 'BINHDUONG';
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let r = s.registry().unwrap();
    assert_eq!(r.get("TTG").unwrap().name, "Thủ tướng mới");
    assert!(r.get("TTG").unwrap().aliases.is_empty());
    assert!(!r.contains("BINHDUONG"));
    assert!(s.ensure_agencies(&registry()).unwrap() > 100);
    let r = s.registry().unwrap();
    let ttg = r.get("TTG").unwrap();
    assert_eq!(ttg.name, "Thủ tướng Chính phủ");
    assert_eq!(ttg.successor, None);
    assert!(ttg.builtin && ttg.aliases.contains(&"Thủ tướng".to_owned()));
    assert_eq!(r.counted_as("BINHDUONG"), "HOCHIMINH");
    assert_eq!(s.task_count().unwrap(), 3);
}

#[test]
fn a_file_changing_a_built_in_agency_is_refused_and_nothing_is_written() {
    let mut s = store();
    let text = D1.replace(
        "[directive]",
        "[[agency]]\nid = \"TTG\"\nname = \"Thủ tướng\"\nkind = \"leader\"\nsuccessor = \"CP\"\n\n[directive]",
    );
    let err = import_one(&mut s, "d1.toml", &text, &actor("loader", day(2026, 1, 20))).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("agency TTG is built in"), "{msg}");
    assert_eq!(s.task_count().unwrap(), 0);
    assert_eq!(
        s.registry().unwrap().get("TTG").unwrap().name,
        "Thủ tướng Chính phủ"
    );
}

#[test]
fn a_search_that_names_an_agency_finds_the_tasks_it_leads_or_supports() {
    let mut s = store();
    import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
    let ids = |f: TaskFilter| -> Vec<String> {
        s.tasks(&f, day(2026, 1, 22))
            .unwrap()
            .into_iter()
            .map(|r| r.task.id.to_string())
            .collect()
    };
    // "Tư pháp" is in no task's text; BTP supports D1/02.
    let plain = TaskFilter {
        search: Some(fold("Tư pháp")),
        ..TaskFilter::default()
    };
    assert_eq!(
        ids(plain.clone()),
        ["D1/02"],
        "the agency's name is in the search text"
    );
    let by_alias = TaskFilter {
        search: Some(fold("Bộ TP")),
        ..TaskFilter::default()
    };
    assert!(ids(by_alias.clone()).is_empty());
    let by_alias = TaskFilter {
        search_agencies: vec!["BTP".into()],
        ..by_alias
    };
    assert_eq!(ids(by_alias), ["D1/02"]);
    let led = TaskFilter {
        search: Some(fold("công an nhân dân")),
        search_agencies: vec!["BCA".into()],
        ..TaskFilter::default()
    };
    assert_eq!(ids(led), ["D1/01", "D1/02", "D1/03"]);
}

// ---------------------------------------------------------------------------
// 11. The rules of a change, enforced by the store for every caller.

fn refusal(e: Error) -> Refusal {
    match e {
        Error::Refused { reason, .. } => reason,
        other => panic!("expected a refusal, got {other}"),
    }
}

#[test]
fn decisions_need_an_authority_a_basis_and_a_reason() {
    use sauro_core::change::DecisionPart as P;
    let mut s = store();
    let who = actor("lan", day(2026, 11, 22));
    import_one(&mut s, "d1.toml", D1, &who).unwrap();
    let to = Deadline::parse("31/12/2026", day(2026, 11, 22)).unwrap();
    let r = refusal(s.extend("D1/01", &to, "TTG", " ", "\t", &who).unwrap_err());
    assert_eq!(r, Refusal::Blank(vec![P::Basis, P::Reason]));
    let r = refusal(
        s.extend("D1/01", &to, "", "12/VPCP", "x", &who)
            .unwrap_err(),
    );
    assert_eq!(r, Refusal::Blank(vec![P::Authority]));
    let r = refusal(s.cancel("D1/01", " ", "", &who).unwrap_err());
    assert_eq!(r, Refusal::Blank(vec![P::Authority, P::Reason]));
    assert_eq!(
        Error::Refused {
            task: "D1/01".into(),
            reason: r
        }
        .message(sauro_core::Lang::Vi),
        "nhiệm vụ D1/01: cần ghi cơ quan quyết định và lý do (không được để trống)"
    );
    // An authority in lower case is the agency's id.
    s.extend("D1/01", &to, " ttg ", "12/VPCP", "chờ thẩm định", &who)
        .unwrap();
    assert_eq!(
        s.history("D1/01")
            .unwrap()
            .last()
            .unwrap()
            .authority
            .as_deref(),
        Some("TTG")
    );
}

#[test]
fn a_new_deadline_names_a_day_not_yet_past() {
    let mut s = store();
    let who = actor("lan", day(2026, 11, 22));
    import_one(&mut s, "d1.toml", D1, &who).unwrap();
    let before = s.history("D1/01").unwrap().len();
    for (to, past) in [
        ("21/11/2026", true),
        ("thường xuyên", false),
        ("khẩn trương", false),
    ] {
        let d = Deadline::parse(to, day(2026, 11, 22)).unwrap();
        let r = refusal(
            s.extend("D1/01", &d, "TTG", "12/VPCP", "x", &who)
                .unwrap_err(),
        );
        match r {
            Refusal::NewDeadline(sauro_core::change::NewDeadlineProblem::Past { .. }) => {
                assert!(past, "{to}")
            }
            Refusal::NewDeadline(sauro_core::change::NewDeadlineProblem::NoDay { .. }) => {
                assert!(!past, "{to}")
            }
            other => panic!("{to}: {other:?}"),
        }
    }
    // Today itself is not past.
    let d = Deadline::parse("22/11/2026", day(2026, 11, 22)).unwrap();
    s.extend("D1/01", &d, "TTG", "12/VPCP", "x", &who).unwrap();
    assert_eq!(s.history("D1/01").unwrap().len(), before + 1);
}

#[test]
fn a_task_is_done_between_its_directive_and_today() {
    let mut s = store();
    let who = actor("lan", day(2026, 11, 22));
    import_one(&mut s, "d1.toml", D1, &who).unwrap();
    for on in [day(2026, 1, 14), day(0, 1, 1), day(2026, 11, 23)] {
        let r = refusal(s.mark_done("D1/01", on, &who).unwrap_err());
        assert!(matches!(r, Refusal::DoneDay(_)), "{on}: {r:?}");
    }
    s.mark_done("D1/01", day(2026, 1, 15), &who).unwrap();
}

#[test]
fn a_change_is_recorded_only_on_the_day_it_is_made() {
    let err = Actor::recording(
        "lan".into(),
        "t".into(),
        day(2026, 11, 25),
        day(2026, 11, 20),
    )
    .unwrap_err();
    assert!(matches!(err, Error::AsOfNotToday { .. }), "{err}");
    let vi = err.message(sauro_core::Lang::Vi);
    assert!(
        vi.contains("25/11/2026") && vi.contains("done --on"),
        "{vi}"
    );
    let a = Actor::recording(
        "lan".into(),
        "t".into(),
        day(2026, 11, 25),
        day(2026, 11, 25),
    )
    .unwrap();
    assert_eq!(a.day, day(2026, 11, 25));
}

#[test]
fn an_imported_done_day_follows_the_same_rule() {
    let mut s = store();
    let who = actor("lan", day(2026, 11, 22));
    let file = |on: &str| {
        D1.replacen(
            "deadline = \"tháng 2.2026\"",
            &format!("deadline = \"tháng 2.2026\"\nstatus = \"done\"\ndone_on = {on}"),
            1,
        )
    };
    for on in ["0000-01-01", "2026-01-14", "2026-11-23"] {
        let err = import_one(&mut s, "d1.toml", &file(on), &who).unwrap_err();
        let vi = err.message(sauro_core::Lang::Vi);
        assert!(
            vi.contains("d1.toml:") && vi.contains("D1/01") && vi.contains("done_on"),
            "{vi}"
        );
        assert_eq!(s.task_count().unwrap(), 0, "nothing written");
    }
    import_one(&mut s, "d1.toml", &file("2026-11-22"), &who).unwrap();
}

#[test]
fn a_sauro_database_from_before_the_application_id_is_recognised_by_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
    drop(s);
    let app_id = |p: &Path| -> i64 {
        Connection::open(p)
            .unwrap()
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap()
    };
    let sauro_id = app_id(&path);
    assert_ne!(sauro_id, 0, "a new database is marked as sauro's");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "application_id", 0)
        .unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(s.task_count().unwrap(), 3);
    drop(s);
    assert_eq!(app_id(&path), sauro_id, "marked on opening");

    // The same table names with other columns are not sauro's.
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch(
            "PRAGMA user_version = 2; CREATE TABLE task (id, title); CREATE TABLE history (x);",
        )
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    let err = Store::open(&other).unwrap_err();
    assert!(matches!(err, Error::Foreign { .. }), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

/// D1 with its first task co-led by BCA and BTP, key and classified.
fn d1_co_led() -> String {
    D1.replacen(
        "lead = \"BCA\"\ndeadline = \"tháng 2.2026\"",
        "lead = [\"BCA\", \"BTP\"]\nkey = true\nclassified = true\ndeadline = \"tháng 2.2026\"",
        1,
    )
}

#[test]
fn co_leads_and_flags_are_stored_found_by_each_lead_and_recorded_when_changed() {
    let mut s = store();
    let text = d1_co_led();
    assert_ne!(text, D1);
    import_one(&mut s, "d1.toml", &text, &actor("lan", day(2026, 1, 20))).unwrap();
    let on = day(2026, 1, 22);
    let t = s.task("D1/01", on).unwrap().task;
    assert_eq!(t.lead.as_ref().unwrap().as_str(), "BCA");
    assert_eq!(t.co_leads.len(), 1);
    assert_eq!(t.co_leads[0].as_str(), "BTP");
    assert!(t.key && t.classified);
    let ids = |s: &Store, f: TaskFilter| -> Vec<String> {
        s.tasks(&f, on)
            .unwrap()
            .into_iter()
            .map(|r| r.task.id.to_string())
            .collect()
    };
    // BTP only supports D1/02 and co-leads D1/01.
    let by_btp = ids(
        &s,
        TaskFilter {
            leads: vec!["BTP".into()],
            ..TaskFilter::default()
        },
    );
    assert_eq!(by_btp, ["D1/01"]);
    assert_eq!(
        ids(
            &s,
            TaskFilter {
                leads: vec!["BCA".into()],
                ..TaskFilter::default()
            }
        ),
        ["D1/01", "D1/02", "D1/03"]
    );
    assert_eq!(
        ids(
            &s,
            TaskFilter {
                key: true,
                ..TaskFilter::default()
            }
        ),
        ["D1/01"]
    );
    // Back to one lead, no flags: the change is in the history.
    let summary = import_one(&mut s, "d1.toml", D1, &actor("lan", day(2026, 1, 21))).unwrap();
    assert_eq!((summary.updated, summary.unchanged), (1, 2));
    let t = s.task("D1/01", on).unwrap().task;
    assert!(t.co_leads.is_empty() && !t.key && !t.classified);
    let fields: Vec<Option<Field>> = s
        .history("D1/01")
        .unwrap()
        .into_iter()
        .map(|h| h.field)
        .collect();
    for f in [Field::CoLeads, Field::Key, Field::Classified] {
        assert!(fields.contains(&Some(f)), "{fields:?}");
    }
    // The day before the change, the task stood co-led, key and classified.
    let past = s
        .tasks_on(
            day(2026, 1, 20),
            &TaskFilter {
                leads: vec!["BTP".into()],
                key: true,
                ..TaskFilter::default()
            },
        )
        .unwrap();
    assert_eq!(past.len(), 1);
    let t = &past[0].task;
    assert_eq!(t.co_leads[0].as_str(), "BTP");
    assert!(t.key && t.classified);
    assert!(
        ids(
            &s,
            TaskFilter {
                leads: vec!["BTP".into()],
                ..TaskFilter::default()
            }
        )
        .is_empty()
    );
}

#[test]
fn a_version_4_database_opens_keeps_its_tasks_and_takes_co_leads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        let (mut s, _) = store_at(dir.path());
        import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
        drop(s);
        std::fs::rename(dir.path().join("sauro.db"), &path).unwrap();
        let conn = Connection::open(&path).unwrap();
        typed_history::to_schema_5(&conn);
        // As version 4 left it: no co-lead table, no flag columns.
        conn.execute_batch(
            "DROP INDEX task_co_lead_by_agency;
             DROP TABLE task_co_lead;
             ALTER TABLE task DROP COLUMN co_lead_ids;
             ALTER TABLE task DROP COLUMN is_key;
             ALTER TABLE task DROP COLUMN is_classified;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let version = |p: &std::path::Path| -> i64 {
        Connection::open(p)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    // Migrated to the newest schema: the version a new database gets.
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    assert!(version(&path) > 4);
    assert_eq!(version(&path), version(&fresh));
    // The index that what blocks a task is read from (migration 7).
    let index: i64 = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'task_state_by_id'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(version(&path), 8);
    assert_eq!(index, 1);
    let on = day(2026, 1, 22);
    let rows = s.tasks(&TaskFilter::default(), on).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter()
            .all(|r| r.task.co_leads.is_empty() && !r.task.key)
    );
    assert_eq!(rows[1].task.support[0].as_str(), "BTP");
    s.ensure_agencies(&registry()).unwrap();
    import_one(
        &mut s,
        "d1.toml",
        &d1_co_led(),
        &actor("lan", day(2026, 1, 21)),
    )
    .unwrap();
    let led = s
        .tasks(
            &TaskFilter {
                leads: vec!["BTP".into()],
                ..TaskFilter::default()
            },
            on,
        )
        .unwrap();
    assert_eq!(led.len(), 1);
    assert!(led[0].task.classified);
}

/// The indexes of a database, as `(name, sql)`, sorted.
fn index_definitions(path: &Path) -> Vec<(String, String)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn import_into_an_empty_database_builds_every_index_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    let before = index_definitions(&path);
    assert!(before.iter().any(|(n, _)| n == "task_by_due"), "{before:?}");
    assert!(
        before.iter().any(|(n, _)| n == "history_by_task"),
        "{before:?}"
    );
    let files = bundled_files();
    let summary = s
        .import(&sources(&files), &actor("lan", day(2026, 11, 22)))
        .unwrap();
    assert!(summary.added > 0);
    // The indexes dropped for the bulk write are all there again, as defined.
    assert_eq!(index_definitions(&path), before);
    let conn = Connection::open(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM task WHERE deadline_due < '2026-01-01'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("task_by_due"), "{plan}");
    // One history row per new task, found through the rebuilt index.
    let first = s.tasks(&TaskFilter::default(), day(2026, 11, 22)).unwrap();
    let id = first[0].task.id.to_string();
    assert_eq!(s.history(&id).unwrap().len(), 1);
    drop(s);
    // A second import (the tables hold rows) leaves the indexes alone.
    let (mut s, _) = store_at(dir.path());
    let again = s
        .import(&sources(&files), &actor("lan", day(2026, 11, 22)))
        .unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(again.unchanged, summary.added);
    assert_eq!(index_definitions(&path), before);
}

#[test]
fn task_ids_are_found_whatever_their_case_and_unknown_ones_get_the_nearest() {
    let mut s = store();
    import_one(&mut s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
    assert_eq!(s.task_id("d1/02").unwrap(), "D1/02");
    let row = s.task("d1/02", day(2026, 2, 11)).unwrap();
    assert_eq!(row.task.id.as_str(), "D1/02");
    // A change by the id in another case lands on the stored task.
    s.add_note("d1/02", "ghi chú", &actor("lan", day(2026, 2, 11)))
        .unwrap();
    assert_eq!(s.notes("D1/02").unwrap().len(), 1);
    match s.task_id("D1/2") {
        Err(Error::UnknownTask { id, suggestions }) => {
            assert_eq!(id, "D1/2");
            assert!(suggestions.contains(&"D1/02".to_owned()), "{suggestions:?}");
            let e = s.task_id("D1/2").unwrap_err();
            assert!(e.message(sauro_core::Lang::Vi).contains("có phải là D1/02"));
            assert!(e.to_string().contains("did you mean D1/02"));
        }
        other => panic!("expected UnknownTask, got {other:?}"),
    }
}
