//! End-to-end tests of the `sauro` binary: each test runs the built program
//! against its own temporary database, as a user would, and checks what it
//! prints, its exit status and what it leaves in the database.
#![allow(missing_docs, clippy::unwrap_used)]

mod briefing;
mod by_on_postgres;
mod changes;
mod co_leads;
mod commands;
mod db;
mod draft;
mod export;
mod filters;
mod history;
mod holidays;
mod import;
mod letter;
mod one_wording;
mod output;
mod record;
mod refused;
mod safety;
mod tui_pty;
mod util;
mod wordings;
mod words;
