//! Who may do what, enforced by PostgreSQL itself: four group roles (no
//! login of their own; people log in as their own users, granted one of
//! them), and the exact privileges of each on the `sauro` schema.
//!
//! | role | may |
//! |---|---|
//! | `sauro_owner` | own the schema's objects: migrations run as it (`SET ROLE`) |
//! | `sauro_admin` | import directives, write the agency registry, add history and notes; become `sauro_owner` for migrations |
//! | `sauro_secretary` | record changes: add history and notes, update a task's state, deadline and latest note |
//! | `sauro_reader` | read (and so export) |
//! | `sauro_lead` | read the tasks its agencies lead, and their history, notes and links (row-level security; `sauro.lead_agency` says which agencies a login stands for) |
//!
//! `sauro_admin` is `NOINHERIT`: its members hold its own privileges but not
//! the owner's until they `SET ROLE sauro_owner`, so an import cannot alter
//! or drop a table by accident. Nobody but the owner has UPDATE, DELETE or
//! TRUNCATE on history, and the history trigger refuses even the owner.

use crate::error::Result;
use postgres::GenericClient;

/// The role that owns the schema's objects.
pub const OWNER: &str = "sauro_owner";
/// Import, registry, migrations.
pub const ADMIN: &str = "sauro_admin";
/// Record changes.
pub const SECRETARY: &str = "sauro_secretary";
/// Read and export.
pub const READER: &str = "sauro_reader";
/// Read its own agencies' tasks only.
pub const LEAD: &str = "sauro_lead";

/// Every role sauro makes, in the order [`init_roles`] makes them.
pub const ALL: [&str; 5] = [OWNER, ADMIN, SECRETARY, READER, LEAD];

/// Which of sauro's roles exist on the server.
///
/// # Errors
/// Database failures.
pub fn existing(client: &mut impl GenericClient) -> Result<Vec<&'static str>> {
    let names: Vec<String> = client
        .query(
            "SELECT rolname::text FROM pg_roles WHERE rolname = ANY($1)",
            &[&ALL.to_vec()],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    Ok(ALL
        .into_iter()
        .filter(|r| names.iter().any(|n| n == r))
        .collect())
}

/// The columns of `task` a secretary may update: what done, reopen,
/// cancel, extend and note change (`crates/store/src/update.rs`).
pub const SECRETARY_TASK_COLUMNS: [&str; 9] = [
    "state",
    "state_on",
    "state_from_file",
    "deadline_text",
    "deadline_kind",
    "deadline_due",
    "deadline_rule",
    "extended",
    "last_note",
];

/// Creates the roles when missing (idempotent; roles belong to the whole
/// server, so several sauro databases on one server share them) and lets
/// `sauro_owner` create the schema in the current database. The caller
/// needs to be a superuser or hold CREATEROLE; it becomes a member of
/// `sauro_owner` so it can run the migrations as it.
///
/// # Errors
/// [`crate::Error::Denied`] for a caller that may not create roles;
/// database failures.
pub fn init_roles(client: &mut impl GenericClient) -> Result<()> {
    client.batch_execute(
        "DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sauro_owner') THEN
                CREATE ROLE sauro_owner NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sauro_admin') THEN
                CREATE ROLE sauro_admin NOLOGIN NOINHERIT;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sauro_secretary') THEN
                CREATE ROLE sauro_secretary NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sauro_reader') THEN
                CREATE ROLE sauro_reader NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sauro_lead') THEN
                CREATE ROLE sauro_lead NOLOGIN;
            END IF;
            IF NOT pg_has_role('sauro_admin', 'sauro_owner', 'MEMBER') THEN
                GRANT sauro_owner TO sauro_admin;
            END IF;
            IF NOT pg_has_role(current_user, 'sauro_owner', 'MEMBER') THEN
                EXECUTE format('GRANT sauro_owner TO %I', current_user);
            END IF;
            EXECUTE format('GRANT CREATE, CONNECT ON DATABASE %I TO sauro_owner', current_database());
        END
        $$;",
    )?;
    Ok(())
}

/// Sets the privileges of the working roles on every object of the schema,
/// exactly: first everything is revoked (a table's REVOKE takes its column
/// privileges too), then granted again, in one transaction, so
/// running it again (after each migration, or after a privilege granted by
/// hand) converges. Runs as the owner of the objects.
///
/// # Errors
/// [`crate::Error::Denied`] when the current role does not own the schema;
/// database failures.
pub fn grant_privileges(client: &mut impl GenericClient) -> Result<()> {
    let everyone = format!("PUBLIC, {ADMIN}, {SECRETARY}, {READER}, {LEAD}");
    let secretary_columns = SECRETARY_TASK_COLUMNS.join(", ");
    let sql = format!(
        "REVOKE ALL ON SCHEMA sauro FROM PUBLIC;
        REVOKE ALL ON ALL TABLES IN SCHEMA sauro FROM {everyone};
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA sauro FROM {everyone};
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sauro FROM {everyone};
        GRANT USAGE ON SCHEMA sauro TO {ADMIN}, {SECRETARY}, {READER}, {LEAD};
        GRANT SELECT ON ALL TABLES IN SCHEMA sauro TO {ADMIN}, {SECRETARY}, {READER}, {LEAD};
        GRANT EXECUTE ON FUNCTION sauro.lead_agencies() TO {LEAD};
        GRANT INSERT, UPDATE, DELETE ON sauro.agency, sauro.directive, sauro.task,
            sauro.task_support, sauro.task_co_lead, sauro.task_dep, sauro.lead_agency TO {ADMIN};
        GRANT INSERT ON sauro.history, sauro.note TO {ADMIN}, {SECRETARY};
        GRANT UPDATE ({secretary_columns}) ON sauro.task TO {SECRETARY};
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA sauro TO {ADMIN}, {SECRETARY};"
    );
    let mut tx = client.transaction()?;
    tx.batch_execute(&sql)?;
    tx.commit()?;
    Ok(())
}
