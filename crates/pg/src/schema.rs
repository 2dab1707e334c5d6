//! The PostgreSQL schema, as an ordered list of migrations, and the record
//! of which were applied (`sauro.migration`, one row per version, written
//! in the same transaction as the migration's DDL).
//!
//! Version 1 is the SQLite store's schema as of its version 5
//! ([`SQLITE_MIRRORED`]) (every table,
//! column, index and the append-only history), in PostgreSQL's types:
//! days are `date`, wall-clock times `timestamptz`, flags `boolean`, ids of
//! notes and history rows `bigint` identities. Everything lives in the
//! schema `sauro`, so another application's tables in `public` are never
//! touched and a foreign `sauro` schema is told apart.
//!
//! The SQL is kept to what YugabyteDB also runs (see docs/architecture.md,
//! "PostgreSQL backend"): no advisory locks, no table locks, nothing that
//! relies on SERIALIZABLE, plain B-tree indexes, PL/pgSQL triggers.

use crate::error::{Error, Result};
use postgres::GenericClient;

/// The migrations, oldest first, each with its version. Never edit a
/// released one: add another.
const MIGRATIONS: [(i32, &str); 5] = [
    (1, V1),
    (2, V2_LEADS_AND_ROW_SECURITY),
    (3, V3_TYPED_HISTORY),
    (4, V4_TASK_STATE_INDEX),
    (5, V5_CHANGE_NOTIFICATIONS),
];

/// The newest schema version this program knows.
pub const LATEST: i32 = 5;

/// The version of the SQLite store's schema that PostgreSQL's mirrors
/// (its version 1 is the SQLite store's version 5; version 2 adds only
/// what PostgreSQL alone has; version 3 is the SQLite store's version 6,
/// version 4 its version 7; the SQLite store's version 8 rewrote CHECK
/// constraints in a form SQLite checks faster, with the same meaning, and
/// needs nothing here).
pub const SQLITE_MIRRORED: i64 = 8;

/// Version 5, PostgreSQL's alone: an import or a change of the agency
/// registry is announced on the channel `sauro_changes` (empty payload:
/// many tasks) in its own transaction, by statement triggers on the
/// directives (an import writes each of its directives) and the agencies,
/// so a terminal UI waiting on `LISTEN` reloads. A change to one task is
/// announced by `PgStore` itself, with the task's id. Statement triggers
/// fire once per statement, not per row: an import of many tasks sends
/// one notification (PostgreSQL folds equal ones in a transaction).
const V5_CHANGE_NOTIFICATIONS: &str = r#"
CREATE FUNCTION sauro.announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sauro_changes', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER directive_changes_are_announced
    AFTER INSERT OR UPDATE OR DELETE ON sauro.directive
    FOR EACH STATEMENT EXECUTE FUNCTION sauro.announce_change();
CREATE TRIGGER agency_changes_are_announced
    AFTER INSERT OR UPDATE OR DELETE ON sauro.agency
    FOR EACH STATEMENT EXECUTE FUNCTION sauro.announce_change();
"#;

/// Version 4, the SQLite store's version 7: each task's state by its id,
/// so what blocks a task (its prerequisites not finished as of a day) is
/// read from the index alone.
const V4_TASK_STATE_INDEX: &str = r#"
CREATE INDEX task_state_by_id ON sauro.task(id, state, state_on);
"#;

/// Version 3, the SQLite store's version 6: typed history. Each value's
/// day beside its text (`old_day`, `new_day`: an extension's old and new
/// deadline as wording and day), the file and line an import read
/// (`source_file`, `source_line`), and the action and field as checked
/// codes. The columns are added in place: history is append-only, and a
/// PostgreSQL database has no rows of an older shape to split (sauro never
/// wrote one before this version).
const V3_TYPED_HISTORY: &str = r#"
ALTER TABLE sauro.history
    ADD COLUMN old_day date,
    ADD COLUMN new_day date,
    ADD COLUMN source_file text,
    ADD COLUMN source_line integer,
    ADD CONSTRAINT history_action_is_known
        CHECK (action IN ('import', 'done', 'reopen', 'cancel', 'extend', 'note')),
    ADD CONSTRAINT history_field_is_known
        CHECK (field IN ('title', 'lead', 'support', 'responsible', 'product',
            'authority', 'deadline', 'deadline_due', 'depends_on', 'co_leads', 'key',
            'classified', 'note', 'state', 'file_state', 'file_deadline'));
"#;

/// Version 2: per-agency leads, who see only their agency's tasks, and who
/// records a change is the database user. Row-level security on the task
/// tables: the three working roles see every row, as before; a member of
/// `sauro_lead` sees the tasks its agencies lead (as lead or co-lead) and
/// their history, notes and links. A history row or note added by
/// `sauro_admin` or `sauro_secretary` must carry its author's login name
/// (`by` defaults to it). The owner and superusers are not subject to
/// row-level security (a copy between databases keeps the names it copies).
/// Needs the roles of `roles::init_roles`.
const V2_LEADS_AND_ROW_SECURITY: &str = r#"
-- Which agencies a lead's login stands for, kept by sauro_admin.
CREATE TABLE sauro.lead_agency (
    username  text NOT NULL,
    agency_id text NOT NULL REFERENCES sauro.agency(id),
    PRIMARY KEY (username, agency_id)
);

-- The agencies of the logged-in user, read as the owner so leads need no
-- access to the whole mapping.
CREATE FUNCTION sauro.lead_agencies() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(array_agg(agency_id), '{}') FROM sauro.lead_agency
    WHERE username = session_user
$$;

ALTER TABLE sauro.task ENABLE ROW LEVEL SECURITY;
CREATE POLICY task_for_everyone ON sauro.task
    TO sauro_admin, sauro_secretary, sauro_reader USING (true) WITH CHECK (true);
CREATE POLICY task_of_own_agency ON sauro.task FOR SELECT TO sauro_lead
    USING (lead = ANY (sauro.lead_agencies())
        OR string_to_array(co_lead_ids, ' ') && sauro.lead_agencies());

ALTER TABLE sauro.history ENABLE ROW LEVEL SECURITY;
CREATE POLICY history_for_everyone ON sauro.history FOR SELECT
    TO sauro_admin, sauro_secretary, sauro_reader USING (true);
CREATE POLICY history_by_oneself ON sauro.history FOR INSERT
    TO sauro_admin, sauro_secretary WITH CHECK ("by" = session_user);
CREATE POLICY history_of_own_agency ON sauro.history FOR SELECT TO sauro_lead
    USING (EXISTS (SELECT 1 FROM sauro.task t WHERE t.id = task_id));

ALTER TABLE sauro.note ENABLE ROW LEVEL SECURITY;
CREATE POLICY note_for_everyone ON sauro.note FOR SELECT
    TO sauro_admin, sauro_secretary, sauro_reader USING (true);
CREATE POLICY note_by_oneself ON sauro.note FOR INSERT
    TO sauro_admin, sauro_secretary WITH CHECK ("by" = session_user);
CREATE POLICY note_of_own_agency ON sauro.note FOR SELECT TO sauro_lead
    USING (EXISTS (SELECT 1 FROM sauro.task t WHERE t.id = task_id));

ALTER TABLE sauro.task_support ENABLE ROW LEVEL SECURITY;
CREATE POLICY task_support_for_everyone ON sauro.task_support
    TO sauro_admin, sauro_secretary, sauro_reader USING (true) WITH CHECK (true);
CREATE POLICY task_support_of_own_agency ON sauro.task_support FOR SELECT TO sauro_lead
    USING (EXISTS (SELECT 1 FROM sauro.task t WHERE t.id = task_id));

ALTER TABLE sauro.task_co_lead ENABLE ROW LEVEL SECURITY;
CREATE POLICY task_co_lead_for_everyone ON sauro.task_co_lead
    TO sauro_admin, sauro_secretary, sauro_reader USING (true) WITH CHECK (true);
CREATE POLICY task_co_lead_of_own_agency ON sauro.task_co_lead FOR SELECT TO sauro_lead
    USING (EXISTS (SELECT 1 FROM sauro.task t WHERE t.id = task_id));

ALTER TABLE sauro.task_dep ENABLE ROW LEVEL SECURITY;
CREATE POLICY task_dep_for_everyone ON sauro.task_dep
    TO sauro_admin, sauro_secretary, sauro_reader USING (true) WITH CHECK (true);
CREATE POLICY task_dep_of_own_agency ON sauro.task_dep FOR SELECT TO sauro_lead
    USING (EXISTS (SELECT 1 FROM sauro.task t WHERE t.id = task_id));
"#;

/// Version 1: the SQLite store's schema version 5.
const V1: &str = r#"
CREATE SCHEMA IF NOT EXISTS sauro;

-- Which migrations were applied, when, by whom. The primary key makes a
-- version apply once even when two administrators migrate at the same time.
CREATE TABLE sauro.migration (
    version    integer PRIMARY KEY CHECK (version > 0),
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT session_user
);

CREATE TABLE sauro.agency (
    id        text PRIMARY KEY,
    name      text NOT NULL,
    kind      text NOT NULL,
    successor text,
    aliases   text NOT NULL DEFAULT '[]',
    builtin   boolean NOT NULL DEFAULT false
);

CREATE TABLE sauro.directive (
    id          text PRIMARY KEY,
    number      text,
    title       text NOT NULL,
    issued_by   text NOT NULL REFERENCES sauro.agency(id),
    issued_on   date NOT NULL,
    signer      text,
    url         text,
    source_file text
);

-- One row per task. `deadline_*` is the effective deadline (after
-- extensions); `file_*` columns hold what the directive file said at the
-- last import, so an edited file can be told apart from changes made in sauro.
CREATE TABLE sauro.task (
    id                 text PRIMARY KEY,
    directive_id       text NOT NULL REFERENCES sauro.directive(id),
    title              text NOT NULL,
    lead               text REFERENCES sauro.agency(id),
    responsible        text,
    product            text,
    authority          text,
    deadline_text      text,
    deadline_kind      text CHECK (deadline_kind IN ('date', 'ongoing', 'vague')),
    deadline_due       date,
    deadline_rule      text,
    extended           boolean NOT NULL DEFAULT false,
    state              text NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
    state_on           date,
    state_from_file    boolean NOT NULL DEFAULT true,
    file_note          text,
    file_deadline_text text,
    file_state         text NOT NULL,
    file_state_on      date,
    source_file        text,
    source_line        integer,
    search             text NOT NULL,
    support_ids        text,
    depends_ids        text,
    last_note          text,
    co_lead_ids        text,
    is_key             boolean NOT NULL DEFAULT false,
    is_classified      boolean NOT NULL DEFAULT false
);
CREATE INDEX task_by_due ON sauro.task(deadline_due);
CREATE INDEX task_by_lead ON sauro.task(lead);
CREATE INDEX task_by_directive ON sauro.task(directive_id);

CREATE TABLE sauro.task_support (
    task_id   text NOT NULL REFERENCES sauro.task(id),
    agency_id text NOT NULL REFERENCES sauro.agency(id),
    pos       integer NOT NULL,
    PRIMARY KEY (task_id, agency_id)
);

CREATE TABLE sauro.task_co_lead (
    task_id   text NOT NULL REFERENCES sauro.task(id),
    agency_id text NOT NULL REFERENCES sauro.agency(id),
    pos       integer NOT NULL,
    PRIMARY KEY (task_id, agency_id)
);
CREATE INDEX task_co_lead_by_agency ON sauro.task_co_lead(agency_id);

CREATE TABLE sauro.task_dep (
    task_id    text NOT NULL REFERENCES sauro.task(id) DEFERRABLE INITIALLY DEFERRED,
    depends_on text NOT NULL REFERENCES sauro.task(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (task_id, depends_on)
);
CREATE INDEX task_dep_by_prerequisite ON sauro.task_dep(depends_on);

CREATE TABLE sauro.note (
    id      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    task_id text NOT NULL REFERENCES sauro.task(id),
    at      timestamptz NOT NULL DEFAULT now(),
    day     date NOT NULL,
    "by"    text NOT NULL DEFAULT session_user,
    text    text NOT NULL
);
CREATE INDEX note_by_task ON sauro.note(task_id);

-- Every change to a task, never deleted: what changed, from what, to what,
-- when (wall clock `at`, business day `day`), by whom, on what basis.
CREATE TABLE sauro.history (
    id        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    task_id   text NOT NULL REFERENCES sauro.task(id),
    at        timestamptz NOT NULL DEFAULT now(),
    day       date NOT NULL,
    "by"      text NOT NULL DEFAULT session_user,
    action    text NOT NULL,
    field     text,
    old       text,
    new       text,
    authority text,
    basis     text,
    reason    text
);
CREATE INDEX history_by_task ON sauro.history(task_id);
CREATE INDEX history_by_day ON sauro.history(day);

-- Append-only, for everyone, the owner included (privileges already keep
-- every other role from UPDATE, DELETE and TRUNCATE).
CREATE FUNCTION sauro.refuse_history_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only' USING ERRCODE = 'SA001';
END;
$$;
CREATE TRIGGER history_is_append_only BEFORE UPDATE OR DELETE ON sauro.history
    FOR EACH ROW EXECUTE FUNCTION sauro.refuse_history_change();
CREATE TRIGGER history_is_never_truncated BEFORE TRUNCATE ON sauro.history
    FOR EACH STATEMENT EXECUTE FUNCTION sauro.refuse_history_change();
"#;

/// What a database holds, read without writing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// No `sauro` schema, or an empty one: sauro makes it its own.
    New,
    /// A sauro schema of this version.
    Version(i32),
}

/// Reads what the connected database holds, writing nothing.
///
/// # Errors
/// [`Error::Foreign`] for a `sauro` schema with tables but no migration
/// record; database failures.
pub fn found(client: &mut impl GenericClient) -> Result<Found> {
    let tables: Vec<String> = client
        .query(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'sauro' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
             ORDER BY c.relname",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if tables.is_empty() {
        return Ok(Found::New);
    }
    if !tables.iter().any(|t| t == "migration") {
        return Err(Error::Foreign {
            tables: tables.into_iter().take(8).collect(),
        });
    }
    let version: Option<i32> = client
        .query_one("SELECT max(version) FROM sauro.migration", &[])?
        .get(0);
    Ok(version.map_or(Found::New, Found::Version))
}

/// What [`migrate`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    /// The version found (0 for a new database).
    pub from: i32,
    /// The version now.
    pub to: i32,
}

/// Brings the schema up to [`LATEST`] in one transaction: every migration
/// not yet applied, each recorded in `sauro.migration`. When another
/// administrator migrates at the same time, one transaction wins, the other
/// rolls back and, finding the schema up to date, reports nothing done. The objects belong
/// to the current role (`sauro db init` runs it as `sauro_owner`). A newer
/// or foreign schema is refused before anything is written.
///
/// # Errors
/// [`Error::TooNew`], [`Error::Foreign`], [`Error::Denied`] (a role that
/// may not create the schema), database failures (nothing is applied then).
pub fn migrate(client: &mut impl GenericClient) -> Result<Migrated> {
    let from = match found(client)? {
        Found::New => 0,
        Found::Version(v) => v,
    };
    if from > LATEST {
        return Err(Error::TooNew {
            found: from,
            supported: LATEST,
        });
    }
    if from < LATEST
        && let Err(e) = apply(client, from)
    {
        // Another administrator migrating at the same time wins; this
        // transaction rolled back. Their result is the one asked for.
        return match found(client) {
            Ok(Found::Version(LATEST)) => Ok(Migrated {
                from: LATEST,
                to: LATEST,
            }),
            _ => Err(e),
        };
    }
    Ok(Migrated { from, to: LATEST })
}

/// Applies the migrations after `from` in one transaction.
fn apply(client: &mut impl GenericClient, from: i32) -> Result<()> {
    let mut tx = client.transaction()?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO sauro.migration (version) VALUES ($1)",
            &[version],
        )?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{LATEST, MIGRATIONS};

    #[test]
    fn migrations_are_numbered_one_by_one_up_to_latest() {
        let versions: Vec<i32> = MIGRATIONS.iter().map(|(v, _)| *v).collect();
        let expected: Vec<i32> = (1..=LATEST).collect();
        assert_eq!(versions, expected);
    }
}
