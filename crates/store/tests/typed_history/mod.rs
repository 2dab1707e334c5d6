//! Typed history: a database of schema 5 (values kept as display strings)
//! is migrated to typed columns, reads back the same history, replays past
//! days the same, and stays append-only.

use crate::{D1, actor, all_history, d1_co_led, d1_edited, day, import_one, store_at};
use chrono::NaiveDate;
use rusqlite::Connection;
use sauro_core::{Action, Deadline, Field, TaskState, Value};
use sauro_store::{Store, TaskFilter};
use std::path::Path;

/// Puts a database's history back as schema 5 wrote it (the inverse of the
/// migration, written independently in SQL): a state as `done 2026-03-20`,
/// an extension's deadline as `quý 1/2026 (2026-03-31)`, an import's
/// deadline as its wording alone, a day-only change as the day, an empty
/// list as `''`, the row that brings a task in as `file:line (state)` and
/// an import's `file:line` in `reason`.
pub(crate) fn to_schema_5(conn: &Connection) {
    conn.execute_batch(
        "CREATE TABLE history5 (
            id        INTEGER PRIMARY KEY,
            task_id   TEXT NOT NULL REFERENCES task(id),
            at        TEXT NOT NULL,
            day       TEXT NOT NULL,
            by        TEXT NOT NULL,
            action    TEXT NOT NULL,
            field     TEXT,
            old       TEXT,
            new       TEXT,
            authority TEXT,
            basis     TEXT,
            reason    TEXT
        );
        INSERT INTO history5 SELECT id, task_id, at, day, by, action, field,
            CASE WHEN field IN ('state', 'file_state') THEN old || ifnull(' ' || old_day, '')
                 WHEN action = 'extend' THEN old || ifnull(' (' || old_day || ')', '')
                 WHEN field = 'deadline_due' THEN old_day
                 WHEN field IN ('support', 'depends_on') THEN ifnull(old, '')
                 ELSE old END,
            CASE WHEN field IS NULL AND action = 'import'
                     THEN source_file || ':' || source_line || ' (' || new
                          || ifnull(' ' || new_day, '') || ')'
                 WHEN field IN ('state', 'file_state') THEN new || ifnull(' ' || new_day, '')
                 WHEN action = 'extend' THEN new || ifnull(' (' || new_day || ')', '')
                 WHEN field = 'deadline_due' THEN new_day
                 WHEN field IN ('support', 'depends_on') THEN ifnull(new, '')
                 ELSE new END,
            authority, basis,
            CASE WHEN action = 'import' AND field IS NOT NULL AND source_file IS NOT NULL
                     THEN source_file || ':' || source_line
                 ELSE reason END
        FROM history ORDER BY id;
        DROP TABLE history;
        ALTER TABLE history5 RENAME TO history;
        CREATE INDEX history_by_task ON history(task_id);
        CREATE INDEX history_by_day ON history(day);
        CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        PRAGMA user_version = 5;",
    )
    .unwrap();
}

/// Every kind of change: the weeks of the replay tests (done, reopen,
/// extend, cancel, an edited file moving a deadline and a lead, a task
/// added), then D1 done, extended, noted, edited (title, deadline, file
/// state, file deadline, state) and co-led with flags, then back.
fn every_kind_of_change(s: &mut Store) {
    crate::replay::record_weeks(s);
    import_one(s, "d1.toml", D1, &actor("loader", day(2026, 1, 20))).unwrap();
    let clerk = actor("clerk", day(2026, 2, 20));
    s.mark_done("D1/01", day(2026, 2, 20), &clerk).unwrap();
    let q2 = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();
    s.extend("D1/02", &q2, "TTG", "123/VPCP-KSTT", "chờ luật", &clerk)
        .unwrap();
    s.add_note("D1/01", "Đã trình Chính phủ", &clerk).unwrap();
    let editor = actor("editor", day(2026, 3, 1));
    import_one(s, "d1.toml", &d1_edited(), &editor).unwrap();
    import_one(s, "d1.toml", &d1_co_led(), &actor("lan", day(2026, 3, 2))).unwrap();
    import_one(s, "d1.toml", D1, &actor("lan", day(2026, 3, 3))).unwrap();
}

/// Every task as it stood on each of the days that matter, and every
/// deadline change.
fn replayed(
    s: &Store,
) -> (
    Vec<Vec<sauro_store::TaskRow>>,
    Vec<sauro_core::briefing::DeadlineMove>,
) {
    let days = [
        (2026, 1, 19),
        (2026, 1, 20),
        (2026, 2, 20),
        (2026, 3, 1),
        (2026, 3, 2),
        (2026, 3, 3),
        (2026, 11, 2),
        (2026, 11, 9),
        (2026, 11, 10),
        (2026, 11, 11),
        (2026, 11, 15),
        (2026, 11, 17),
        (2026, 11, 22),
    ];
    let rows = days
        .iter()
        .map(|&(y, m, d)| s.tasks_on(day(y, m, d), &TaskFilter::default()).unwrap())
        .collect();
    let changes = s
        .deadline_changes(day(2026, 1, 1), day(2026, 12, 31))
        .unwrap();
    (rows, changes)
}

fn version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_schema_5_database_reads_back_the_same_history_and_replays_the_same_days() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    every_kind_of_change(&mut s);
    let before = all_history(&s);
    for a in Action::ALL {
        assert!(before.iter().any(|h| h.action == a), "no {a:?} row");
    }
    let replayed_before = replayed(&s);
    assert!(!replayed_before.1.is_empty());
    drop(s);

    // An extension's deadlines are columns of their own: wording, day.
    let conn = Connection::open(&path).unwrap();
    let ext: (String, String, String, String) = conn
        .query_row(
            "SELECT old, old_day, new, new_day FROM history
             WHERE action = 'extend' AND task_id = 'D1/02'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        ext,
        (
            "quý 1/2026".to_owned(),
            "2026-03-31".to_owned(),
            "quý 2/2026".to_owned(),
            "2026-06-30".to_owned()
        )
    );

    to_schema_5(&conn);
    // As schema 5 kept them: display strings.
    let legacy: (String, String) = conn
        .query_row(
            "SELECT old, new FROM history WHERE action = 'extend' AND task_id = 'D1/02'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        legacy,
        (
            "quý 1/2026 (2026-03-31)".to_owned(),
            "quý 2/2026 (2026-06-30)".to_owned()
        )
    );
    let created: String = conn
        .query_row(
            "SELECT new FROM history WHERE action = 'import' AND field IS NULL
             AND task_id = 'D1/01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        created.starts_with("d1.toml:") && created.ends_with(" (open)"),
        "{created}"
    );
    drop(conn);
    assert_eq!(version(&path), 5);

    let s = Store::open(&path).unwrap();
    assert_eq!(version(&path), 8);
    let after = all_history(&s);
    assert_eq!(after.len(), before.len());
    for (a, b) in after.iter().zip(&before) {
        if (b.action, b.field) == (Action::Import, Some(Field::Deadline)) {
            // Schema 5 kept an edited file's deadline as its wording alone.
            let wording = |v: &Option<Value>| match v {
                Some(Value::Deadline { written, .. }) => Some(written.clone()),
                _ => None,
            };
            assert_eq!(
                (wording(&a.old), wording(&a.new)),
                (wording(&b.old), wording(&b.new))
            );
            assert!(matches!(a.old, Some(Value::Deadline { due: None, .. })));
        } else {
            assert_eq!(a, b);
        }
    }
    let d1 = s.history("D1/01").unwrap();
    assert_eq!(
        d1[0].source.as_ref().map(|p| p.file.as_str()),
        Some("d1.toml")
    );
    assert_eq!(d1[0].new, Some(Value::State(TaskState::Open)));
    // Past days and deadline changes read the same from the migrated rows.
    assert_eq!(replayed(&s), replayed_before);
}

#[test]
fn history_stays_append_only_after_the_migration_and_its_codes_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = store_at(dir.path());
    every_kind_of_change(&mut s);
    drop(s);
    let conn = Connection::open(&path).unwrap();
    to_schema_5(&conn);
    drop(conn);
    let mut s = Store::open(&path).unwrap();
    let rows = all_history(&s).len();

    let conn = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE history SET by = 'x'",
        "UPDATE history SET old_day = NULL WHERE action = 'extend'",
        "DELETE FROM history",
        "DELETE FROM history WHERE action = 'note'",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    for (action, field) in [("edit", None), ("import", Some("colour"))] {
        let err = conn
            .execute(
                "INSERT INTO history (task_id, at, day, by, action, field)
                 VALUES ('D1/01', 'x', '2026-03-04', 'x', ?1, ?2)",
                (action, field),
            )
            .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{action}: {err}");
    }
    let indexes: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE tbl_name = 'history'
             AND type IN ('index', 'trigger') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        indexes,
        [
            "history_by_day",
            "history_by_task",
            "history_is_append_only_delete",
            "history_is_append_only_update"
        ]
    );
    drop(conn);
    assert_eq!(all_history(&s).len(), rows);
    // And the store still writes to it.
    s.add_note("D1/03", "sau khi nâng cấp", &actor("lan", day(2026, 3, 4)))
        .unwrap();
    let last = all_history(&s).pop().unwrap();
    assert_eq!(
        (last.action, last.new),
        (Action::Note, Some(Value::Text("sau khi nâng cấp".into())))
    );
    let _: NaiveDate = last.day;
}

#[test]
fn show_json_keeps_the_shape_history_always_had() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = store_at(dir.path());
    every_kind_of_change(&mut s);
    let json = |id: &str| serde_json::to_value(s.history(id).unwrap()).unwrap();
    let d1 = json("D1/01");
    let created = &d1[0];
    assert_eq!(created["action"], "import");
    assert!(created["field"].is_null());
    assert_eq!(created["day"], "2026-01-15");
    let new = created["new"].as_str().unwrap();
    assert!(
        new.starts_with("d1.toml:") && new.ends_with(" (open)"),
        "{new}"
    );
    let done = d1
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "done")
        .unwrap();
    assert_eq!(
        (&done["old"], &done["new"]),
        (&"open".into(), &"done 2026-02-20".into())
    );
    let title = d1
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["field"] == "title")
        .unwrap();
    assert!(
        title["reason"].as_str().unwrap().starts_with("d1.toml:"),
        "{title}"
    );
    let ext = json("D1/02");
    let ext = ext
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "extend")
        .unwrap();
    assert_eq!(ext["old"], "quý 1/2026 (2026-03-31)");
    assert_eq!(ext["new"], "quý 2/2026 (2026-06-30)");
    assert_eq!(ext["basis"], "123/VPCP-KSTT");
    let keys: Vec<&String> = ext.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "action",
            "at",
            "authority",
            "basis",
            "by",
            "day",
            "field",
            "new",
            "old",
            "reason",
            "task"
        ]
    );
}
