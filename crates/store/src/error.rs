//! The store's error type.

use std::path::PathBuf;

/// Everything the store can refuse or fail at.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file cannot be opened or is not a sauro database.
    #[error("cannot open the database {path}")]
    Open {
        /// The database path.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The database was written by a newer sauro; it is left untouched.
    #[error(
        "the database {path} has schema version {found}, newer than this program's {supported}; \
         it was left untouched: upgrade sauro"
    )]
    TooNew {
        /// The database path.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this program knows.
        supported: i64,
    },
    /// A migration failed; the database is unchanged.
    #[error("cannot upgrade the database schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The input of a load has problems; nothing was written.
    #[error(transparent)]
    Problems(#[from] sauro_core::directive_file::Problems),
    /// No task has this id.
    #[error("no task has the id {0:?}")]
    UnknownTask(String),
    /// A change that makes no sense for the task's state.
    #[error("task {task}: {message}")]
    Refused {
        /// The task.
        task: String,
        /// Why.
        message: String,
    },
    /// The database is busy (locked by another process) past the timeout.
    #[error("the database is locked by another sauro process; try again in a moment")]
    Busy,
    /// Any other database error.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A stored value that cannot be read back (a corrupt or hand-edited database).
    #[error("the database holds an unreadable value: {0}")]
    Corrupt(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            _ => Error::Sqlite(e),
        }
    }
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;
