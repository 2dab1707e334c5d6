//! sauro-pg: groundwork for sauro's shared PostgreSQL database (issue 12).
//! Not yet wired into the `sauro` binary: the store still speaks SQLite only.
//!
//! What it holds today: connecting by address, over TLS (rustls) to any
//! other machine ([`connect`]), the PostgreSQL schema as versioned
//! migrations ([`schema`]), the roles and their privileges ([`roles`]), [`init`] (what a
//! future `sauro db init` calls), typed errors said in Vietnamese or English
//! ([`Error::message`]), and a throwaway PostgreSQL server for tests
//! ([`testing`]).

pub mod connect;
mod error;
pub mod roles;
pub mod schema;
pub mod testing;

pub use connect::{Roots, connect};
pub use error::{APPEND_ONLY_STATE, Error, Result};
pub use schema::{Found, LATEST, Migrated};

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
