//! The store's error type. `Display` is English (for logs); [`Error::message`]
//! speaks the user's language. Neither ever shows SQLite's or Rust's raw
//! text: each failure is put in words, with the file it happened on.

use crate::encode::state_text;
use chrono::NaiveDate;
use sauro_core::change::{DecisionPart, DoneDayProblem, NewDeadlineProblem, blank_parts_message};
use sauro_core::{Lang, TaskState, format_date};
use std::fmt;
use std::path::PathBuf;

/// Everything the store can refuse or fail at.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file cannot be opened or is not a database.
    #[error("cannot open the database {}: {}", .path.display(), sqlite_words(.source, Lang::En))]
    Open {
        /// The database path.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The database's path names a folder.
    #[error(
        "the database {path} is a folder: give the path of a database file (a new one is created)"
    )]
    Folder {
        /// The path given.
        path: PathBuf,
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
    #[error("cannot upgrade the database schema; the database was left unchanged")]
    Migration(#[from] rusqlite_migration::Error),
    /// The input of a load has problems; nothing was written.
    #[error(transparent)]
    Problems(#[from] sauro_core::directive_file::Problems),
    /// No task has this id.
    #[error("no task has the id {id:?}{}", did_you_mean(suggestions))]
    UnknownTask {
        /// The id as typed.
        id: String,
        /// The nearest ids, closest first (may be empty).
        suggestions: Vec<String>,
    },
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
    /// Any other database failure (said with its file by [`Error::Database`]).
    #[error("{}", sqlite_words(.0, Lang::En))]
    Sqlite(rusqlite::Error),
    /// A stored value that cannot be read back (a corrupt or hand-edited database).
    #[error(
        "it holds a value sauro cannot read ({0}): the file is damaged or was changed outside sauro"
    )]
    Corrupt(String),
    /// A database failure, with the file and whether it was being read or written.
    #[error(
        "cannot {} the database {}: {source}",
        if *.writing { "write to" } else { "read" },
        .path.display()
    )]
    Database {
        /// The database path.
        path: PathBuf,
        /// True when writing, false when reading.
        writing: bool,
        /// What failed.
        source: Box<Error>,
    },
    /// A file that is not a sauro database (another application's, or one
    /// whose tables clash with sauro's); nothing was written to it.
    #[error(
        "{} is not a sauro database ({reason}); it was left untouched: choose another file with --db",
        .path.display()
    )]
    Foreign {
        /// The file.
        path: PathBuf,
        /// What shows it is not sauro's.
        reason: Foreign,
    },
    /// A change asked of a database that can only be read.
    #[error(
        "the database {} can only be read (read-only file or folder): changes cannot be recorded",
        .path.display()
    )]
    ReadOnly {
        /// The database path.
        path: PathBuf,
    },
    /// A damaged database: nothing is written to it.
    #[error(
        "the database {} is damaged ({damage}): nothing was written; restore it from a backup",
        .path.display()
    )]
    Damaged {
        /// The database path.
        path: PathBuf,
        /// What the check found.
        damage: Damage,
    },
    /// A change asked with an as-of day other than the day it is recorded.
    #[error(
        "a change is dated by the day it is recorded ({}); --as-of {} cannot record one{}",
        .today.format("%Y-%m-%d"),
        .as_of.format("%Y-%m-%d"),
        if .as_of < .today {
            " (a change recorded late is recorded today: give the day it took effect, e.g. done --on DAY)"
        } else {
            ""
        }
    )]
    AsOfNotToday {
        /// The as-of day asked for.
        as_of: NaiveDate,
        /// The day the change would be recorded.
        today: NaiveDate,
    },
    /// A failure of the shared PostgreSQL database, already put in words in
    /// both languages by its backend (`sauro-pg`), which names the database
    /// and never repeats the driver's text or a password.
    #[error("{en}")]
    Shared {
        /// The message in Vietnamese.
        vi: String,
        /// The message in English.
        en: String,
    },
    /// A second connection asked of a database held in memory.
    #[error("a database held in memory cannot be opened a second time")]
    InMemory,
}

/// What the check before the first write found wrong with a database.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Damage {
    /// Damaged pages or indexes (`PRAGMA quick_check` failed).
    Pages,
    /// A stored value of a type sauro never writes there.
    Value {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::Pages => f.write_str("damaged pages found by PRAGMA quick_check"),
            Damage::Value { table, column } => write!(
                f,
                "table {table}, column {column} holds a value of a type sauro never writes"
            ),
        }
    }
}

impl Damage {
    fn message_vi(&self) -> String {
        match self {
            Damage::Pages => "có trang dữ liệu hỏng (PRAGMA quick_check)".to_owned(),
            Damage::Value { table, column } => {
                format!("bảng {table}, cột {column} chứa giá trị sai kiểu mà sauro không ghi")
            }
        }
    }
}

/// What shows that a SQLite file is not a sauro database.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Foreign {
    /// Another application's id in the file header (`PRAGMA application_id`).
    Application(i64),
    /// Tables sauro did not create, or sauro's table names with other columns.
    Tables(Vec<String>),
}

impl fmt::Display for Foreign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Foreign::Application(id) => {
                write!(f, "it belongs to another application, id {id:#x}")
            }
            Foreign::Tables(t) => write!(f, "its tables are not sauro's: {}", t.join(", ")),
        }
    }
}

impl Foreign {
    fn message_vi(&self) -> String {
        match self {
            Foreign::Application(id) => format!("tệp thuộc về một ứng dụng khác, mã {id:#x}"),
            Foreign::Tables(t) => {
                format!("các bảng trong tệp không phải của sauro: {}", t.join(", "))
            }
        }
    }
}

/// Why a change to a task was refused, with the values concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A day the task cannot have been done on (before its directive, after today).
    DoneDay(DoneDayProblem),
    /// A new deadline that names no day, or a day already past.
    NewDeadline(NewDeadlineProblem),
    /// Parts of a decision (authority, basis, reason) left empty or blank.
    Blank(Vec<DecisionPart>),
    /// Already in the state asked for (done, cancelled, open).
    Already(TaskState),
    /// A deadline change of a task that is not open.
    NotOpen(TaskState),
    /// An authority in no registry.
    UnknownAuthority {
        /// The authority as given.
        authority: String,
    },
    /// The task changed since the caller read it (another secretary's
    /// change, or an import): nothing was written.
    Changed {
        /// When the latest change was recorded (RFC 3339, as history holds it).
        at: String,
        /// Who recorded it.
        by: String,
    },
    /// A note with no text.
    EmptyNote,
}

/// A recorded time as a person reads it, in Vietnam's time (UTC+7):
/// `09:05 11/02/2026`; a time that cannot be read is shown as stored.
pub fn shown_time(at: &str) -> String {
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600);
    match (chrono::DateTime::parse_from_rfc3339(at), vietnam) {
        (Ok(t), Some(tz)) => t.with_timezone(&tz).format("%H:%M %d/%m/%Y").to_string(),
        _ => at.to_owned(),
    }
}

impl Refusal {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::DoneDay(p) => p.message(lang),
            Refusal::NewDeadline(p) => p.message(lang),
            Refusal::Blank(parts) => blank_parts_message(parts, lang),
            _ if lang == Lang::En => self.to_string(),
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
            Refusal::Changed { at, by } => format!(
                "đã được người khác cập nhật lúc {} ({by}); không ghi gì: \
                 hãy xem lại nhiệm vụ rồi làm lại",
                shown_time(at)
            ),
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
            Refusal::DoneDay(p) => write!(f, "{p}"),
            Refusal::NewDeadline(p) => write!(f, "{p}"),
            Refusal::Blank(parts) => f.write_str(&blank_parts_message(parts, Lang::En)),
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
            Refusal::Changed { at, by } => write!(
                f,
                "was updated by someone else at {} ({by}); nothing was written: \
                 look at the task again, then redo the change",
                shown_time(at)
            ),
        }
    }
}

impl Error {
    /// The whole message in `lang`, its cause included. No raw SQLite text.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (_, Error::Problems(p)) => p.message(lang),
            // "nhiệm vụ X đã được người khác cập nhật lúc …": one sentence.
            (
                _,
                Error::Refused {
                    task,
                    reason: reason @ Refusal::Changed { .. },
                },
            ) => format!(
                "{} {task} {}",
                lang.pick("nhiệm vụ", "task"),
                reason.message(lang)
            ),
            (_, Error::Refused { task, reason }) => format!(
                "{} {task}: {}",
                lang.pick("nhiệm vụ", "task"),
                reason.message(lang)
            ),
            (
                _,
                Error::Database {
                    path,
                    writing,
                    source,
                },
            ) => format!(
                "{} {}: {}",
                match (lang, writing) {
                    (Lang::Vi, false) => "không đọc được cơ sở dữ liệu",
                    (Lang::Vi, true) => "không ghi được vào cơ sở dữ liệu",
                    (Lang::En, false) => "cannot read the database",
                    (Lang::En, true) => "cannot write to the database",
                },
                path.display(),
                source.message(lang)
            ),
            (_, Error::Sqlite(e)) => sqlite_words(e, lang),
            (Lang::Vi, Error::Shared { vi, .. }) => vi.clone(),
            (Lang::En, _) => self.to_string(),
            (Lang::Vi, Error::InMemory) => {
                "không mở lần thứ hai được một cơ sở dữ liệu nằm trong bộ nhớ".to_owned()
            }
            (Lang::Vi, Error::Folder { path }) => format!(
                "cơ sở dữ liệu {} là một thư mục: hãy chỉ đường dẫn tới một tệp cơ sở dữ liệu (tệp mới sẽ được tạo)",
                path.display()
            ),
            (Lang::Vi, Error::Open { path, source }) => format!(
                "không mở được cơ sở dữ liệu {}: {}",
                path.display(),
                sqlite_words(source, lang)
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
            (Lang::Vi, Error::Migration(_)) => {
                "không nâng cấp được lược đồ cơ sở dữ liệu; cơ sở dữ liệu được giữ nguyên"
                    .to_owned()
            }
            (Lang::Vi, Error::UnknownTask { id, suggestions }) if suggestions.is_empty() => {
                format!("không có nhiệm vụ nào mang mã {id:?}")
            }
            (Lang::Vi, Error::UnknownTask { id, suggestions }) => format!(
                "không có nhiệm vụ nào mang mã {id:?}; có phải là {}?",
                suggestions.join(", ")
            ),
            (Lang::Vi, Error::Busy) => "cơ sở dữ liệu đang bị một tiến trình sauro khác khóa; \
                 hãy thử lại sau giây lát"
                .to_owned(),
            (Lang::Vi, Error::Corrupt(what)) => format!(
                "cơ sở dữ liệu chứa một giá trị sauro không đọc được ({what}): tệp bị hỏng \
                 hoặc đã bị sửa ngoài sauro"
            ),
            (Lang::Vi, Error::Foreign { path, reason }) => format!(
                "{} không phải là cơ sở dữ liệu của sauro ({}); tệp được giữ nguyên: \
                 hãy chọn tệp khác bằng --db",
                path.display(),
                reason.message_vi()
            ),
            (Lang::Vi, Error::ReadOnly { path }) => format!(
                "cơ sở dữ liệu {} chỉ đọc được (tệp hoặc thư mục không cho ghi): \
                 không ghi được thay đổi",
                path.display()
            ),
            (Lang::Vi, Error::Damaged { path, damage }) => format!(
                "cơ sở dữ liệu {} bị hỏng ({}): không ghi gì vào đó; \
                 hãy khôi phục từ bản sao lưu",
                path.display(),
                damage.message_vi()
            ),
            (Lang::Vi, Error::AsOfNotToday { as_of, today }) => format!(
                "thay đổi được ghi theo ngày ghi nhận (hôm nay, {}); không dùng --as-of {} \
                 để ghi thay đổi{}",
                format_date(*today),
                format_date(*as_of),
                if as_of < today {
                    " (việc ghi nhận muộn được ghi vào hôm nay: hãy ghi ngày có hiệu lực, \
                     ví dụ done --on NGÀY)"
                } else {
                    ""
                }
            ),
        }
    }

    /// True for failures of the database itself (not refusals of a change),
    /// which are said with the file they happened on.
    pub(crate) fn needs_file(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(_) | Error::Corrupt(_) | Error::Migration(_)
        )
    }
}

/// A SQLite failure in words, never the library's raw text.
pub(crate) fn sqlite_words(e: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::Error as E;
    use rusqlite::ErrorCode as C;
    let damaged_vi = "tệp bị hỏng hoặc đã bị sửa ngoài sauro";
    let damaged_en = "the file is damaged or was changed outside sauro";
    let (vi, en): (String, String) = match e {
        E::InvalidColumnType(_, name, ty) => (
            format!("cột {name} chứa giá trị kiểu {ty} mà sauro không ghi: {damaged_vi}"),
            format!("column {name} holds a {ty} value sauro never writes: {damaged_en}"),
        ),
        E::FromSqlConversionFailure(i, ty, _) => (
            format!(
                "cột thứ {} chứa giá trị kiểu {ty} mà sauro không ghi: {damaged_vi}",
                i + 1
            ),
            format!(
                "column {} holds a {ty} value sauro never writes: {damaged_en}",
                i + 1
            ),
        ),
        E::IntegralValueOutOfRange(i, v) => (
            format!(
                "cột thứ {} chứa số {v} ngoài khoảng cho phép: {damaged_vi}",
                i + 1
            ),
            format!("column {} holds {v}, out of range: {damaged_en}", i + 1),
        ),
        E::Utf8Error(_) => (
            format!("một giá trị văn bản không phải UTF-8: {damaged_vi}"),
            format!("a text value is not UTF-8: {damaged_en}"),
        ),
        _ => match e.sqlite_error_code() {
            Some(C::NotADatabase) => (
                "tệp này không phải là cơ sở dữ liệu (SQLite)".to_owned(),
                "the file is not a database (SQLite)".to_owned(),
            ),
            Some(C::DatabaseCorrupt) => (
                "tệp cơ sở dữ liệu bị hỏng".to_owned(),
                "the database file is damaged".to_owned(),
            ),
            Some(C::CannotOpen) => (
                "không mở được tệp (thư mục không tồn tại hoặc không có quyền truy cập)".to_owned(),
                "the file cannot be opened (no such folder, or no permission)".to_owned(),
            ),
            Some(C::PermissionDenied | C::ReadOnly) => (
                "không có quyền ghi vào tệp".to_owned(),
                "no permission to write the file".to_owned(),
            ),
            Some(C::DiskFull) => ("ổ đĩa đã đầy".to_owned(), "the disk is full".to_owned()),
            Some(C::SystemIoFailure) => (
                "lỗi đọc/ghi đĩa".to_owned(),
                "a disk input/output error".to_owned(),
            ),
            Some(C::DatabaseBusy | C::DatabaseLocked) => (
                "cơ sở dữ liệu đang bị tiến trình khác khóa".to_owned(),
                "the database is locked by another process".to_owned(),
            ),
            Some(C::ConstraintViolation) => (
                format!("dữ liệu vi phạm ràng buộc của lược đồ: {damaged_vi}"),
                format!("the data breaks a rule of the schema: {damaged_en}"),
            ),
            Some(C::Unknown) | None if matches!(e, E::SqliteFailure(..)) => (
                "lược đồ trong tệp không như sauro tạo ra (thiếu bảng hoặc cột)".to_owned(),
                "the file's schema is not the one sauro creates (a table or column is missing)"
                    .to_owned(),
            ),
            _ => {
                let n = match e {
                    E::SqliteFailure(f, _) => f.extended_code,
                    _ => 0,
                };
                (
                    format!("SQLite báo lỗi (mã {n})"),
                    format!("SQLite failed (code {n})"),
                )
            }
        },
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
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

/// `; did you mean A, B?` when there are suggestions.
fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}
