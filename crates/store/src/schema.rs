//! The schema, as an ordered list of migrations. `PRAGMA user_version`
//! changes in the same transaction as the schema.

use rusqlite::Transaction;
use rusqlite_migration::{HookResult, M, Migrations};

/// The migrations, oldest first. Never edit a released one: add another.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4_AGENCY_ALIASES),
        M::up(V5_CO_LEADS_AND_FLAGS),
        M::up_with_hook(V6_TYPED_HISTORY, crate::legacy_history::migrate),
        M::up(V7_TASK_STATE_INDEX),
        M::up_with_hook("", checks_without_in_lists),
    ])
}

/// The newest schema version this program knows.
pub(crate) const LATEST: i64 = 8;

/// The CHECK constraints of `task` as version 1 wrote them, and the same
/// constraints written as equalities joined by OR.
const TASK_CHECKS: [(&str, &str); 2] = [
    (
        "CHECK (deadline_kind IN ('date', 'ongoing', 'vague'))",
        "CHECK (deadline_kind = 'date' OR deadline_kind = 'ongoing' OR deadline_kind = 'vague')",
    ),
    (
        "CHECK (state IN ('open', 'done', 'cancelled'))",
        "CHECK (state = 'open' OR state = 'done' OR state = 'cancelled')",
    ),
];

/// Version 8: the same CHECK constraints on `task`, written without an
/// `IN` list of three values. SQLite checks such a list through a
/// temporary index that it builds again for every statement run, so every
/// task written paid for two (a quarter of the instructions of an import,
/// measured with callgrind). The rows already satisfy the new text, which
/// accepts exactly the same values, so the stored definition is edited in
/// place by SQLite's documented procedure for changing CHECK constraints
/// (`writable_schema`, then a new `schema_version`, then a check of the
/// table) instead of copying the table.
fn checks_without_in_lists(tx: &Transaction<'_>) -> HookResult {
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'task'",
        [],
        |r| r.get(0),
    )?;
    let mut edited = sql.clone();
    for (old, new) in TASK_CHECKS {
        edited = edited.replace(old, new);
    }
    if edited == sql {
        // A definition written otherwise is left as it is (still right).
        return Ok(());
    }
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", "ON")?;
    let updated = tx.execute(
        "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'task'",
        [&edited],
    );
    tx.pragma_update(None, "writable_schema", "OFF")?;
    updated?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    let check: String = tx.query_row("PRAGMA quick_check(task)", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(rusqlite_migration::HookError::Hook(format!(
            "task table after the CHECK constraints were rewritten: {check}"
        )));
    }
    Ok(())
}

/// History with typed columns: a value is its text (`old`, `new`: wording,
/// state code, ids, flag) and its day (`old_day`, `new_day`: a deadline's
/// day, a state's day), so an extension's deadlines, a done day or an
/// import's file and line (`source_file`, `source_line`) are read back
/// without parsing a display string; action and field are checked codes.
/// The table is built here; the hook (`legacy_history::migrate`) copies the
/// rows of schema 5 into it, splitting their display strings once, then
/// swaps it in with the indexes and the append-only triggers.
const V6_TYPED_HISTORY: &str = r#"
CREATE TABLE history_typed (
    id          INTEGER PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES task(id),
    at          TEXT NOT NULL,
    day         TEXT NOT NULL,
    by          TEXT NOT NULL,
    action      TEXT NOT NULL
        CHECK (action IN ('import', 'done', 'reopen', 'cancel', 'extend', 'note')),
    field       TEXT CHECK (field IN ('title', 'lead', 'support', 'responsible', 'product',
        'authority', 'deadline', 'deadline_due', 'depends_on', 'co_leads', 'key',
        'classified', 'note', 'state', 'file_state', 'file_deadline')),
    old         TEXT,
    old_day     TEXT,
    new         TEXT,
    new_day     TEXT,
    authority   TEXT,
    basis       TEXT,
    reason      TEXT,
    source_file TEXT,
    source_line INTEGER
);
"#;

/// Recurring deadlines (`hằng quý`, `định kỳ 6 tháng`): kind `ongoing` (no
/// single day) with the rule of their occurrences. Tasks imported before
/// keep kind `ongoing` until their file is imported again.
const V3: &str = r#"
ALTER TABLE task ADD COLUMN deadline_rule TEXT;
"#;

/// Agency aliases (the other names documents use, a JSON array of strings)
/// and whether the agency is built in (`data/agencies.toml`, which a
/// directive file may not change). Existing rows get no aliases and are
/// not built in until the program writes its registry again
/// (`Store::ensure_agencies`), which it does when it opens a database.
const V4_AGENCY_ALIASES: &str = r#"
ALTER TABLE agency ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
ALTER TABLE agency ADD COLUMN builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1));
"#;

/// Co-leads (đồng chủ trì: the leads after the first, which stays in
/// `task.lead`) in a link table that `--lead` joins, and on the task row as
/// space-separated ids like `support_ids`; the flags `is_key` (nhiệm vụ
/// trọng tâm) and `is_classified` (mật). Existing tasks have no co-leads and
/// neither flag until their file is imported again.
const V5_CO_LEADS_AND_FLAGS: &str = r#"
CREATE TABLE task_co_lead (
    task_id   TEXT NOT NULL REFERENCES task(id),
    agency_id TEXT NOT NULL REFERENCES agency(id),
    pos       INTEGER NOT NULL,
    PRIMARY KEY (task_id, agency_id)
) WITHOUT ROWID;
CREATE INDEX task_co_lead_by_agency ON task_co_lead(agency_id);
ALTER TABLE task ADD COLUMN co_lead_ids TEXT;
ALTER TABLE task ADD COLUMN is_key INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1));
ALTER TABLE task ADD COLUMN is_classified INTEGER NOT NULL DEFAULT 0
    CHECK (is_classified IN (0, 1));
"#;

/// Each task's state by its id, in an index that holds both: what blocks
/// a task (its prerequisites not finished as of a day) is read from this
/// index alone, in one pass for a whole list, rather than from each
/// prerequisite's row (`sauro overdue` on 100k tasks spent half its time
/// there). Self-contained: it only adds an index.
const V7_TASK_STATE_INDEX: &str = r#"
CREATE INDEX IF NOT EXISTS task_state_by_id ON task(id, state, state_on);
"#;

/// Lists kept on the task row as well as in the link tables, so reading a
/// task needs no lookup in `task_support`, `task_dep` or `note` (which stay
/// the source of joins and integrity): `sauro overdue` on 100k tasks spent a
/// third of its time in those lookups.
const V2: &str = r#"
ALTER TABLE task ADD COLUMN support_ids TEXT;
ALTER TABLE task ADD COLUMN depends_ids TEXT;
ALTER TABLE task ADD COLUMN last_note TEXT;
UPDATE task SET
    support_ids = (SELECT group_concat(agency_id, ' ') FROM
        (SELECT agency_id FROM task_support s WHERE s.task_id = task.id ORDER BY pos)),
    depends_ids = (SELECT group_concat(depends_on, ' ') FROM
        (SELECT depends_on FROM task_dep d WHERE d.task_id = task.id ORDER BY depends_on)),
    last_note = (SELECT text FROM note n WHERE n.task_id = task.id ORDER BY n.id DESC LIMIT 1);
"#;

const V1: &str = r#"
CREATE TABLE agency (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    successor TEXT
);

CREATE TABLE directive (
    id          TEXT PRIMARY KEY,
    number      TEXT,
    title       TEXT NOT NULL,
    issued_by   TEXT NOT NULL REFERENCES agency(id),
    issued_on   TEXT NOT NULL,
    signer      TEXT,
    url         TEXT,
    source_file TEXT
);

-- One row per task. `deadline_*` is the effective deadline (after
-- extensions); `file_*` columns hold what the directive file said at the last
-- import, so an edited file can be told apart from changes made in sauro.
CREATE TABLE task (
    id                 TEXT PRIMARY KEY,
    directive_id       TEXT NOT NULL REFERENCES directive(id),
    title              TEXT NOT NULL,
    lead               TEXT REFERENCES agency(id),
    responsible        TEXT,
    product            TEXT,
    authority          TEXT,
    deadline_text      TEXT,
    deadline_kind      TEXT CHECK (deadline_kind IN ('date', 'ongoing', 'vague')),
    deadline_due       TEXT,
    extended           INTEGER NOT NULL DEFAULT 0,
    state              TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
    state_on           TEXT,
    state_from_file    INTEGER NOT NULL DEFAULT 1,
    file_note          TEXT,
    file_deadline_text TEXT,
    file_state         TEXT NOT NULL,
    file_state_on      TEXT,
    source_file        TEXT,
    source_line        INTEGER,
    search             TEXT NOT NULL
);
CREATE INDEX task_by_due ON task(deadline_due);
CREATE INDEX task_by_lead ON task(lead);
CREATE INDEX task_by_directive ON task(directive_id);

CREATE TABLE task_support (
    task_id   TEXT NOT NULL REFERENCES task(id),
    agency_id TEXT NOT NULL REFERENCES agency(id),
    pos       INTEGER NOT NULL,
    PRIMARY KEY (task_id, agency_id)
) WITHOUT ROWID;

CREATE TABLE task_dep (
    task_id    TEXT NOT NULL REFERENCES task(id) DEFERRABLE INITIALLY DEFERRED,
    depends_on TEXT NOT NULL REFERENCES task(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (task_id, depends_on)
) WITHOUT ROWID;
CREATE INDEX task_dep_by_prerequisite ON task_dep(depends_on);

CREATE TABLE note (
    id      INTEGER PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES task(id),
    at      TEXT NOT NULL,
    day     TEXT NOT NULL,
    by      TEXT NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX note_by_task ON note(task_id);

-- Every change to a task, never deleted: what changed, from what, to what,
-- when (wall clock `at`, business day `day`), by whom, on what basis.
CREATE TABLE history (
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
CREATE INDEX history_by_task ON history(task_id);
CREATE INDEX history_by_day ON history(day);

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
"#;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use rusqlite::Connection;

    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }

    /// The statement plan of a task insert: `OpenEphemeral` is the
    /// temporary index an `IN` list is checked through.
    fn insert_plan(conn: &Connection) -> String {
        let mut stmt = conn
            .prepare(
                "EXPLAIN INSERT INTO task (id, directive_id, title, state, file_state, search,
                 deadline_kind) VALUES ('X/02', 'X', 't', 'open', 'open', 't', 'date')",
            )
            .unwrap();
        let ops: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        ops.join(" ")
    }

    /// Version 8 rewrites the CHECK constraints of `task` on a database of
    /// version 7 that holds a task: the task is kept, the table checks
    /// clean, the same values are refused, and a task insert no longer
    /// builds a temporary index.
    #[test]
    fn version_8_checks_tasks_as_before_without_a_temporary_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::migrations().to_version(&mut conn, 7).unwrap();
        conn.execute_batch(
            "INSERT INTO agency (id, name, kind) VALUES ('CP', 'Chính phủ', 'government');
             INSERT INTO directive (id, title, issued_by, issued_on)
                 VALUES ('X', 'Văn bản', 'CP', '2026-01-02');
             INSERT INTO task (id, directive_id, title, state, file_state, search, deadline_kind)
                 VALUES ('X/01', 'X', 'Việc', 'done', 'done', 'viec', 'vague');",
        )
        .unwrap();
        assert!(insert_plan(&conn).contains("OpenEphemeral"));
        super::migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::LATEST);
        assert!(!insert_plan(&conn).contains("OpenEphemeral"));
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let kept: (String, String) = conn
            .query_row(
                "SELECT state, deadline_kind FROM task WHERE id = 'X/01'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kept, ("done".to_owned(), "vague".to_owned()));
        for bad in [
            "UPDATE task SET state = 'closed' WHERE id = 'X/01'",
            "UPDATE task SET deadline_kind = 'soon' WHERE id = 'X/01'",
        ] {
            let err = conn.execute(bad, []).unwrap_err();
            assert!(
                err.to_string().contains("CHECK constraint failed"),
                "{bad}: {err}"
            );
        }
        for good in ["open", "cancelled"] {
            conn.execute("UPDATE task SET state = ?1 WHERE id = 'X/01'", [good])
                .unwrap();
        }
        conn.execute("UPDATE task SET deadline_kind = NULL WHERE id = 'X/01'", [])
            .unwrap();
    }
}
