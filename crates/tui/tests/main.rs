//! Integration tests of the terminal UI: key scripts drive `App::update` on
//! an in-memory store, the view is drawn into a `TestBackend` and its cells
//! checked, and whole screens are kept as insta snapshots.
#![allow(missing_docs, clippy::unwrap_used)]

mod co_leads;
mod fields;
mod render;
mod screens;
mod support;
mod update;
