//! sauro-store: the SQLite database behind sauro. It owns the schema and its
//! migrations, imports directive files (checked by sauro-core, written in one
//! transaction), answers queries, and records every change to a task in a
//! history that is never deleted from. [`TaskStore`] is the interface both
//! backends implement (this SQLite [`Store`] and sauro-pg's `PgStore`);
//! [`backend`] is what they share, [`conformance`] the tests both pass.
//!
//! It never prints and never reads the clock: the caller passes who acts and when.

pub mod backend;
pub mod conformance;
mod encode;
mod error;
mod history;
mod import;
mod legacy_history;
mod query;
mod replay;
mod schema;
mod store;
mod task_store;
mod update;

pub use error::{Damage, Error, Foreign, Refusal, Result, shown_time};
pub use history::{Actor, HistoryEntry, Note};
pub use import::ImportSummary;
pub use query::{TaskFilter, TaskRow};
pub use store::Store;
pub use task_store::TaskStore;
pub use update::Version;
