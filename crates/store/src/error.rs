//! The store's error type. `Display` is English (for logs); [`Error::message`]
//! speaks the user's language.

use crate::encode::state_text;
use chrono::NaiveDate;
use sauro_core::{Lang, TaskState, format_date};
use std::fmt;
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
    #[error("task {task}: {reason}")]
    Refused {
        /// The task.
        task: String,
        /// Why.
        reason: Refusal,
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

/// Why a change to a task was refused, with the values concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Done on a day after the actor's day.
    DoneAfterToday {
        /// The day given.
        on: NaiveDate,
        /// The actor's day.
        today: NaiveDate,
    },
    /// Already in the state asked for (done, cancelled, open).
    Already(TaskState),
    /// A deadline change of a task that is not open.
    NotOpen(TaskState),
    /// An authority in no registry.
    UnknownAuthority {
        /// The authority as given.
        authority: String,
    },
    /// A note with no text.
    EmptyNote,
}

impl Refusal {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => match self {
                Refusal::DoneAfterToday { on, today } => format!(
                    "không thể ghi hoàn thành ngày {}, sau ngày hôm nay ({})",
                    format_date(*on),
                    format_date(*today)
                ),
                Refusal::Already(TaskState::Open) => {
                    "đang thực hiện (chưa hoàn thành hay dừng thực hiện), không có gì để mở lại"
                        .to_owned()
                }
                Refusal::Already(s) => state_vi(*s),
                Refusal::NotOpen(s) => {
                    format!("{}; hãy mở lại trước khi đổi thời hạn", state_vi(*s))
                }
                Refusal::UnknownAuthority { authority } => format!(
                    "cấp có thẩm quyền {authority:?} không có trong danh mục cơ quan \
                     (dùng mã cơ quan, ví dụ TTG, CP)"
                ),
                Refusal::EmptyNote => "ghi chú để trống, không có gì để thêm".to_owned(),
            },
        }
    }
}

/// A settled state in Vietnamese: `đã hoàn thành ngày 20/03/2026`.
fn state_vi(s: TaskState) -> String {
    match s {
        TaskState::Open => "đang thực hiện".to_owned(),
        TaskState::Done { on } => format!("đã hoàn thành ngày {}", format_date(on)),
        TaskState::Cancelled { on: Some(on) } => {
            format!("đã dừng thực hiện từ ngày {}", format_date(on))
        }
        TaskState::Cancelled { on: None } => "đã dừng thực hiện".to_owned(),
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::DoneAfterToday { on, today } => write!(
                f,
                "cannot be done on {on}, after today ({today})",
                on = on.format("%Y-%m-%d"),
                today = today.format("%Y-%m-%d")
            ),
            Refusal::Already(s) => write!(f, "is already {}", state_text(*s)),
            Refusal::NotOpen(s) => write!(
                f,
                "is {}; reopen it before changing its deadline",
                state_text(*s)
            ),
            Refusal::UnknownAuthority { authority } => write!(
                f,
                "authority {authority:?} is in no registry (use an agency id such as TTG, CP)"
            ),
            Refusal::EmptyNote => f.write_str("an empty note adds nothing"),
        }
    }
}

impl Error {
    /// The whole message in `lang`, its cause included (unlike `Display`,
    /// which leaves the cause of [`Error::Open`] to the error's source).
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, Error::Open { source, .. }) => format!("{self}: {source}"),
            (_, Error::Problems(p)) => p.message(lang),
            (_, Error::Refused { task, reason }) => format!(
                "{} {task}: {}",
                lang.pick("nhiệm vụ", "task"),
                reason.message(lang)
            ),
            (Lang::En, _) => self.to_string(),
            (Lang::Vi, Error::Open { path, source }) => format!(
                "không mở được cơ sở dữ liệu {}: {}",
                path.display(),
                sqlite_cause_vi(source)
            ),
            (
                Lang::Vi,
                Error::TooNew {
                    path,
                    found,
                    supported,
                },
            ) => format!(
                "cơ sở dữ liệu {} có phiên bản lược đồ {found}, mới hơn phiên bản {supported} \
                 của chương trình này; cơ sở dữ liệu được giữ nguyên: hãy nâng cấp sauro",
                path.display()
            ),
            (Lang::Vi, Error::Migration(e)) => {
                format!("không nâng cấp được lược đồ cơ sở dữ liệu: {e}")
            }
            (Lang::Vi, Error::UnknownTask(id)) => {
                format!("không có nhiệm vụ nào mang mã {id:?}")
            }
            (Lang::Vi, Error::Busy) => "cơ sở dữ liệu đang bị một tiến trình sauro khác khóa; \
                 hãy thử lại sau giây lát"
                .to_owned(),
            (Lang::Vi, Error::Sqlite(e)) => format!("lỗi cơ sở dữ liệu: {e}"),
            (Lang::Vi, Error::Corrupt(what)) => {
                format!("cơ sở dữ liệu chứa một giá trị không đọc được: {what}")
            }
        }
    }
}

/// Why SQLite could not open a file, in Vietnamese where the cause is a common one.
fn sqlite_cause_vi(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "tệp này không phải là cơ sở dữ liệu (SQLite)".to_owned()
        }
        Some(rusqlite::ErrorCode::CannotOpen) => {
            "không mở được tệp (thư mục không tồn tại hoặc không có quyền truy cập)".to_owned()
        }
        Some(rusqlite::ErrorCode::PermissionDenied | rusqlite::ErrorCode::ReadOnly) => {
            "không có quyền ghi vào tệp".to_owned()
        }
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "tệp cơ sở dữ liệu bị hỏng".to_owned(),
        _ => e.to_string(),
    }
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
