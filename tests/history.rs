//! History through the binary: `show` words each change in both languages
//! from typed history, and a database whose history was written by schema 5
//! (values as display strings) is migrated when opened and then shows,
//! lists past days and briefs exactly as before.

use crate::util::Env;

/// `sauro ARGS` on the day DAY (`SAURO_TODAY`), asserted to succeed.
fn on(env: &Env, day: &str, args: &[&str]) -> String {
    let out = env
        .sauro()
        .env("SAURO_TODAY", day)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        crate::util::stderr(&out)
    );
    crate::util::stdout(&out)
}

/// Rewrites the history table as schema 5 kept it (display strings).
fn to_schema_5(db: &std::path::Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "CREATE TABLE h5 (id INTEGER PRIMARY KEY, task_id TEXT NOT NULL REFERENCES task(id),
            at TEXT NOT NULL, day TEXT NOT NULL, by TEXT NOT NULL, action TEXT NOT NULL,
            field TEXT, old TEXT, new TEXT, authority TEXT, basis TEXT, reason TEXT);
        INSERT INTO h5 SELECT id, task_id, at, day, by, action, field,
            CASE WHEN field = 'state' THEN old || ifnull(' ' || old_day, '')
                 WHEN action = 'extend' THEN old || ifnull(' (' || old_day || ')', '')
                 ELSE old END,
            CASE WHEN field IS NULL AND action = 'import'
                     THEN source_file || ':' || source_line || ' (' || new
                          || ifnull(' ' || new_day, '') || ')'
                 WHEN field = 'state' THEN new || ifnull(' ' || new_day, '')
                 WHEN action = 'extend' THEN new || ifnull(' (' || new_day || ')', '')
                 ELSE new END,
            authority, basis, reason
        FROM history;
        DROP TABLE history;
        ALTER TABLE h5 RENAME TO history;
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

/// What the binary says of the changes: `show` in both languages and as
/// JSON, the tasks on a past day, the briefing of the week.
fn outputs(env: &Env) -> Vec<String> {
    let today = "2026-11-22";
    vec![
        on(env, today, &["show", "bcdtw-ctct-2026/02"]),
        on(env, today, &["show", "bcdtw-ctct-2026/02", "--lang", "en"]),
        on(
            env,
            today,
            &["show", "bcdtw-ctct-2026/01", "--format", "json"],
        ),
        on(
            env,
            today,
            &["list", "--as-of", "2026-11-09", "--format", "json"],
        ),
        on(env, today, &["briefing", "--week", "2026-W46"]),
    ]
}

#[test]
fn a_schema_5_history_is_migrated_and_reads_the_same_through_every_command() {
    let env = Env::with_data();
    on(
        &env,
        "2026-11-10",
        &[
            "extend",
            "bcdtw-ctct-2026/02",
            "--to",
            "quý IV/2026",
            "--by",
            "TTG",
            "--basis",
            "9061/VPCP-CN",
            "--reason",
            "Chờ nghị quyết",
            "--user",
            "hoa",
        ],
    );
    on(
        &env,
        "2026-11-12",
        &[
            "done",
            "bcdtw-ctct-2026/01",
            "--on",
            "2026-11-11",
            "--by",
            "lan",
        ],
    );
    let before = outputs(&env);
    assert!(
        before[0].contains(
            "10/11/2026 hoa điều chỉnh thời hạn: hoàn thành trong quý 1/2026 (31/03/2026) \
             → quý IV/2026 (31/12/2026) · TTG · 9061/VPCP-CN · Chờ nghị quyết"
        ),
        "{}",
        before[0]
    );
    assert!(
        before[1].contains(
            "10/11/2026 hoa deadline changed: hoàn thành trong quý 1/2026 (31/03/2026) \
             → quý IV/2026 (31/12/2026) · TTG"
        ),
        "{}",
        before[1]
    );
    assert!(
        before[2].contains("\"new\": \"done 2026-11-11\""),
        "{}",
        before[2]
    );

    to_schema_5(&env.db());
    let after = outputs(&env);
    for (a, b) in after.iter().zip(&before) {
        assert_eq!(a, b);
    }
    let version: i64 = rusqlite::Connection::open(env.db())
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 8);
}
