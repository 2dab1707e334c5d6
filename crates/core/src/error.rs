//! The core's error type.

use crate::deadline::DeadlineError;
use crate::directive_file::Problems;
use crate::ids::IdError;

/// Everything the core can refuse.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A load with problems; nothing of it may be written.
    #[error(transparent)]
    Problems(#[from] Problems),
    /// A deadline that cannot be read.
    #[error(transparent)]
    Deadline(#[from] DeadlineError),
    /// A malformed id.
    #[error(transparent)]
    Id(#[from] IdError),
}

impl Error {
    /// The message in `lang` (`Display` is English).
    pub fn message(&self, lang: crate::Lang) -> String {
        match self {
            Error::Problems(e) => e.message(lang),
            Error::Deadline(e) => e.message(lang),
            Error::Id(e) => e.message(lang),
        }
    }
}

/// The core's result type.
pub type Result<T> = std::result::Result<T, Error>;
