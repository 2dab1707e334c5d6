//! sauro-tui: the terminal UI a secretary of the Office of Government uses
//! every day — what is overdue, what is blocked and why, what is due soon,
//! which of the six clarities a task lacks — and where status, notes and
//! deadline extensions are recorded.
//!
//! Shape: [`App`] is the model; keys become [`Action`]s through the pure
//! [`keymap`]; `App::update` changes the model (and the store); the view
//! (`impl Widget for &App`) only reads. The database is never touched while
//! drawing: a background thread reloads tasks when another process commits.

mod action;
mod app;
mod form;
pub mod keymap;
mod picker;
pub mod review;
mod run;
mod theme;
mod update;
mod view;

pub use action::Action;
pub use app::{App, Filter, NO_LEAD, Pane, Screen, Tab};
pub use app::{Snapshot, TaskItem};
pub use form::Edit;
pub use keymap::{Mode, action_for};
pub use run::{Options, run};

/// The TUI's error type.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] sauro_store::Error),
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// The message in `lang` (`Display` is English).
    pub fn message(&self, lang: sauro_core::Lang) -> String {
        match (self, lang) {
            (Error::Store(e), _) => e.message(lang),
            (Error::Io(e), sauro_core::Lang::Vi) => format!("lỗi màn hình (terminal): {e}"),
            (Error::Io(_), sauro_core::Lang::En) => self.to_string(),
        }
    }
}

/// The TUI's result type.
pub type Result<T> = std::result::Result<T, Error>;
