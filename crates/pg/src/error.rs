//! Errors of the PostgreSQL backend: typed, with their values, said in
//! Vietnamese or English by [`Error::message`]; `Display` stays English for
//! logs. No raw driver text reaches users: a failure the backend does not
//! know is said with its SQLSTATE code.

use postgres::error::SqlState;
use sauro_core::Lang;

/// The SQLSTATE the history trigger raises (`history is append-only`).
pub const APPEND_ONLY_STATE: &str = "SA001";

/// A failure of the PostgreSQL backend.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server could not be reached or refused the login.
    #[error("cannot connect to the PostgreSQL database")]
    Connect(#[source] postgres::Error),
    /// The database holds a schema newer than this program knows; nothing
    /// was changed.
    #[error(
        "the database has schema version {found}, newer than version {supported} of this program; \
         it was left untouched: upgrade sauro"
    )]
    TooNew {
        /// The version the database records.
        found: i32,
        /// The newest version this program knows.
        supported: i32,
    },
    /// The `sauro` schema holds tables but no migration record: not made by
    /// sauro. Nothing was changed.
    #[error("the schema \"sauro\" was not created by sauro (tables: {}); it was left untouched", .tables.join(", "))]
    Foreign {
        /// The tables found (at most eight).
        tables: Vec<String>,
    },
    /// The database user lacks the privilege for what was tried.
    #[error("permission denied: the database user's role does not allow this")]
    Denied(#[source] postgres::Error),
    /// An update or deletion of history, refused by its trigger.
    #[error("history is append-only: its rows are never changed or deleted")]
    AppendOnly(#[source] postgres::Error),
    /// Any other database failure.
    #[error("PostgreSQL failed (SQLSTATE {})", state_of(.0))]
    Database(#[source] postgres::Error),
}

/// The SQLSTATE code of a driver error, or `-----` when it has none (an
/// I/O or protocol failure).
fn state_of(e: &postgres::Error) -> &str {
    e.code().map_or("-----", SqlState::code)
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        match e.code() {
            Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => Error::Denied(e),
            Some(c) if c.code() == APPEND_ONLY_STATE => Error::AppendOnly(e),
            _ if e.is_closed() && e.code().is_none() => Error::Connect(e),
            _ => Error::Database(e),
        }
    }
}

impl Error {
    /// The message in `lang`, for users.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Vi, Error::Connect(_)) => {
                "không kết nối được cơ sở dữ liệu PostgreSQL (máy chủ không trả lời \
                 hoặc từ chối đăng nhập)"
                    .to_owned()
            }
            (Lang::Vi, Error::TooNew { found, supported }) => format!(
                "cơ sở dữ liệu có phiên bản lược đồ {found}, mới hơn phiên bản {supported} \
                 của chương trình này; cơ sở dữ liệu được giữ nguyên: hãy nâng cấp sauro"
            ),
            (Lang::Vi, Error::Foreign { tables }) => format!(
                "lược đồ \"sauro\" không do sauro tạo ra (các bảng: {}); \
                 cơ sở dữ liệu được giữ nguyên",
                tables.join(", ")
            ),
            (Lang::Vi, Error::Denied(_)) => {
                "không có quyền: vai trò của người dùng cơ sở dữ liệu không cho phép việc này"
                    .to_owned()
            }
            (Lang::Vi, Error::AppendOnly(_)) => {
                "lịch sử chỉ được ghi thêm: không sửa hay xóa được dòng nào".to_owned()
            }
            (Lang::Vi, Error::Database(e)) => {
                format!("PostgreSQL báo lỗi (mã SQLSTATE {})", state_of(e))
            }
        }
    }
}

/// The backend's result type.
pub type Result<T> = std::result::Result<T, Error>;
