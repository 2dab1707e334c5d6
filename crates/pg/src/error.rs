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
    /// The database address cannot be read (it is not repeated: it may
    /// hold a password).
    #[error("the database address cannot be read (expected postgres://user@host/database)")]
    Address,
    /// A server off this machine asked for without TLS (`sslmode=disable`).
    #[error("a database on another machine is reached over TLS only: remove sslmode=disable")]
    TlsRequired,
    /// The TLS connection failed: the server's certificate is not trusted
    /// (or not for this host name), or the server offers no TLS.
    #[error(
        "the TLS connection to the database failed: the server's certificate is not trusted \
         or not issued for this host, or the server offers no TLS"
    )]
    Tls(#[source] postgres::Error),
    /// The TLS settings could not be made.
    #[error("TLS cannot be set up")]
    TlsSetup,
    /// A certificate file holds no usable certificate.
    #[error("the certificate file holds no usable PEM certificate")]
    Certificates,
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
            (Lang::Vi, Error::Address) => "không đọc được địa chỉ cơ sở dữ liệu \
                 (dạng đúng: postgres://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu)"
                .to_owned(),
            (Lang::Vi, Error::TlsRequired) => "cơ sở dữ liệu ở máy khác chỉ được kết nối qua TLS: \
                 hãy bỏ sslmode=disable"
                .to_owned(),
            (Lang::Vi, Error::Tls(_)) => "kết nối TLS tới cơ sở dữ liệu không thành công: \
                 chứng chỉ của máy chủ không được tin cậy hoặc không cấp cho máy chủ này, \
                 hoặc máy chủ không hỗ trợ TLS"
                .to_owned(),
            (Lang::Vi, Error::TlsSetup) => "không thiết lập được TLS".to_owned(),
            (Lang::Vi, Error::Certificates) => {
                "tệp chứng chỉ không chứa chứng chỉ PEM dùng được".to_owned()
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

#[cfg(test)]
mod tests {
    use super::Error;
    use sauro_core::Lang;

    #[test]
    fn messages_carry_their_values_in_both_languages() {
        let e = Error::TooNew {
            found: 7,
            supported: 2,
        };
        assert_eq!(
            e.message(Lang::Vi),
            "cơ sở dữ liệu có phiên bản lược đồ 7, mới hơn phiên bản 2 của chương trình này; \
             cơ sở dữ liệu được giữ nguyên: hãy nâng cấp sauro"
        );
        assert!(
            e.message(Lang::En)
                .contains("version 7, newer than version 2")
        );
        let e = Error::Foreign {
            tables: vec!["orders".to_owned(), "users".to_owned()],
        };
        assert!(e.message(Lang::Vi).contains("(các bảng: orders, users)"));
        assert!(e.message(Lang::En).contains("(tables: orders, users)"));
    }

    #[test]
    fn every_message_differs_between_languages() {
        for e in [
            Error::Address,
            Error::TlsRequired,
            Error::TlsSetup,
            Error::Certificates,
            Error::Foreign { tables: vec![] },
        ] {
            assert_ne!(e.message(Lang::Vi), e.message(Lang::En), "{e:?}");
        }
    }
}
