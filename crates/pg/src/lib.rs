//! sauro-pg: sauro's shared PostgreSQL database (issue 12). The `sauro`
//! binary opens [`PgStore`] (the store's `TaskStore` on PostgreSQL) for
//! every command given a `postgres://` address, and uses the rest for
//! `sauro db init` and `sauro db copy`.
//!
//! What it holds: the store ([`store`]), connecting by address, over TLS (rustls) to any
//! other machine ([`connect`]), the PostgreSQL schema as versioned
//! migrations ([`schema`]), the roles and their privileges ([`roles`]),
//! [`init`] and [`setup`] (what `sauro db init` calls), copying a whole
//! database between SQLite and PostgreSQL ([`copy`]), typed errors said in
//! Vietnamese or English ([`Error::message`]), and a throwaway PostgreSQL
//! server for tests ([`testing`]).

pub mod connect;
pub mod copy;
mod error;
pub mod pool;
pub mod roles;
pub mod schema;
pub mod store;
pub mod testing;

pub use connect::{Roots, connect};
pub use error::{APPEND_ONLY_STATE, Error, Result};
pub use pool::Pool;
pub use schema::{Found, LATEST, Migrated};
pub use store::PgStore;

use postgres::Client;

/// Sets up a database for sauro, or brings it up to date: the roles, the
/// schema (as `sauro_owner`, which then owns every object) and the exact
/// privileges of each role. Idempotent. A newer or foreign schema is
/// refused before anything is written. The caller must be a superuser,
/// or hold CREATEROLE and own the database.
///
/// # Errors
/// [`Error::TooNew`], [`Error::Foreign`], [`Error::Denied`], database failures.
pub fn init(client: &mut Client) -> Result<Migrated> {
    if let Found::Version(found) = schema::found(client)?
        && found > LATEST
    {
        return Err(Error::TooNew {
            found,
            supported: LATEST,
        });
    }
    roles::init_roles(client)?;
    client.batch_execute(&format!("SET ROLE {}", roles::OWNER))?;
    let done = schema::migrate(client).and_then(|m| {
        roles::grant_privileges(client)?;
        Ok(m)
    });
    let reset = client.batch_execute("RESET ROLE");
    let migrated = done?;
    reset?;
    Ok(migrated)
}

/// What [`setup`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// The schema versions before and after.
    pub migrated: Migrated,
    /// The roles it created.
    pub created: Vec<&'static str>,
    /// The roles that were already there.
    pub existing: Vec<&'static str>,
}

/// [`init`], saying which roles it created and which were already there.
///
/// # Errors
/// Those of [`init`].
pub fn setup(client: &mut Client) -> Result<Setup> {
    let before = roles::existing(client)?;
    let migrated = init(client)?;
    let (existing, created) = roles::ALL.iter().partition(|r| before.contains(r));
    Ok(Setup {
        migrated,
        created,
        existing,
    })
}
