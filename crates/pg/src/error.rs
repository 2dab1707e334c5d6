//! Errors of the PostgreSQL backend: typed, with their values, said in
//! Vietnamese or English by [`Error::message`]; `Display` stays English for
//! logs. No raw driver text reaches users: a failure the backend does not
//! know is said with its SQLSTATE code.

use crate::copy::Kind;
use postgres::error::SqlState;
use sauro_core::Lang;
use std::path::PathBuf;

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
    /// The authorities' file named by `sslrootcert` or `PGSSLROOTCERT`
    /// does not exist.
    #[error(
        "the root certificate file {} does not exist (sslrootcert or PGSSLROOTCERT): name the \
         PEM file of the authority that issued the server's certificate",
        .path.display()
    )]
    CaFileMissing {
        /// The file named.
        path: PathBuf,
    },
    /// The authorities' file cannot be read (a folder, no permission).
    #[error(
        "the root certificate file {} cannot be read (sslrootcert or PGSSLROOTCERT)",
        .path.display()
    )]
    CaFileUnreadable {
        /// The file named.
        path: PathBuf,
    },
    /// The authorities' file holds no usable certificate.
    #[error(
        "the root certificate file {} holds no usable PEM certificate (sslrootcert or \
         PGSSLROOTCERT)",
        .path.display()
    )]
    CaFileEmpty {
        /// The file named.
        path: PathBuf,
    },
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
    /// The SQLite store refused or failed to open a file.
    #[error(transparent)]
    Store(#[from] sauro_store::Error),
    /// SQLite failed on a file while copying.
    #[error("SQLite failed on {}: {source}", .path.display())]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// A copy's source file does not exist.
    #[error("there is no database file {} to copy from", .path.display())]
    NoSuchFile {
        /// The file asked for.
        path: PathBuf,
    },
    /// A SQLite file of another schema version than the copy knows.
    #[error(
        "{} has schema version {found}; copying knows version {}",
        .path.display(),
        crate::schema::SQLITE_MIRRORED
    )]
    SqliteVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: i64,
    },
    /// A PostgreSQL source without the current schema (0: none).
    #[error(
        "the PostgreSQL source has schema version {found}, not {}: run `sauro db init` on it first",
        crate::schema::LATEST
    )]
    SourceSchema {
        /// The version found (0 for none).
        found: i32,
    },
    /// A copy's target holds rows; nothing was written.
    #[error(
        "the target {target} is not empty (table {table} has {rows} rows): a copy goes into an \
         empty database only; the target was left untouched"
    )]
    NotEmpty {
        /// The target, in words.
        target: String,
        /// The first table holding rows.
        table: &'static str,
        /// Its rows.
        rows: u64,
    },
    /// A PostgreSQL source with per-agency leads, which SQLite cannot hold.
    #[error(
        "the source has {rows} per-agency lead mappings (lead_agency), which a SQLite database \
         cannot hold; nothing was copied"
    )]
    LeadsNotCopyable {
        /// The mappings.
        rows: u64,
    },
    /// A value that is not of its column's kind.
    #[error("table {table}, row {row}: column {column} holds \"{value}\", which is not {}", kind_en(*.kind))]
    BadValue {
        /// The table.
        table: &'static str,
        /// The row's first column (its id).
        row: String,
        /// The column.
        column: String,
        /// The value (at most 40 characters).
        value: String,
        /// What the column holds.
        kind: Kind,
    },
    /// A failure while reading or writing one table of a copy.
    #[error("{} table {table}: {source}", if *.writing { "writing" } else { "reading" })]
    Table {
        /// The table.
        table: &'static str,
        /// True when writing it.
        writing: bool,
        /// What failed.
        #[source]
        source: Box<Error>,
    },
    /// A row the target refused.
    #[error("row {row}: {source}")]
    BadRow {
        /// The row's first column (its id).
        row: String,
        /// What failed.
        #[source]
        source: Box<Error>,
    },
    /// PostgreSQL stopped taking a `COPY`.
    #[error("PostgreSQL stopped receiving the copied rows")]
    CopyStream,
    /// The target read back has another row count than the source.
    #[error(
        "the check after copying failed: table {table} has {found} rows in the target, \
         {expected} in the source; nothing was written"
    )]
    Verify {
        /// The table.
        table: &'static str,
        /// Rows in the source.
        expected: u64,
        /// Rows in the target.
        found: u64,
    },
    /// The target read back has other rows than the source.
    #[error(
        "the check after copying failed: table {table} differs between the target and the \
         source (SHA-256); nothing was written"
    )]
    VerifyChecksum {
        /// The table.
        table: &'static str,
    },
}

/// What a column of `kind` holds, in English.
fn kind_en(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Int => "an integer",
        Kind::Bool => "0 or 1",
        Kind::Day => "a day as YYYY-MM-DD",
        Kind::Time => "an RFC 3339 time (to the microsecond)",
    }
}

/// What a column of `kind` holds, in Vietnamese.
fn kind_vi(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "văn bản",
        Kind::Int => "số nguyên",
        Kind::Bool => "0 hoặc 1",
        Kind::Day => "ngày dạng YYYY-MM-DD",
        Kind::Time => "thời điểm RFC 3339 (tới micro giây)",
    }
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
            (Lang::Vi, Error::CaFileMissing { path }) => format!(
                "không có tệp chứng chỉ gốc {} (sslrootcert hoặc PGSSLROOTCERT): hãy chỉ tới \
                 tệp PEM của tổ chức đã cấp chứng chỉ cho máy chủ",
                path.display()
            ),
            (Lang::Vi, Error::CaFileUnreadable { path }) => format!(
                "không đọc được tệp chứng chỉ gốc {} (sslrootcert hoặc PGSSLROOTCERT)",
                path.display()
            ),
            (Lang::Vi, Error::CaFileEmpty { path }) => format!(
                "tệp chứng chỉ gốc {} không chứa chứng chỉ PEM dùng được \
                 (sslrootcert hoặc PGSSLROOTCERT)",
                path.display()
            ),
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
            (_, Error::Store(e)) => e.message(lang),
            (Lang::Vi, Error::Sqlite { path, source }) => {
                format!("SQLite báo lỗi với tệp {}: {source}", path.display())
            }
            (Lang::Vi, Error::NoSuchFile { path }) => {
                format!("không có tệp cơ sở dữ liệu {} để chép", path.display())
            }
            (Lang::Vi, Error::SqliteVersion { path, found }) => format!(
                "tệp {} có lược đồ phiên bản {found}; việc chép chỉ hỗ trợ phiên bản {}",
                path.display(),
                crate::schema::SQLITE_MIRRORED
            ),
            (Lang::Vi, Error::SourceSchema { found }) => format!(
                "cơ sở dữ liệu PostgreSQL nguồn có lược đồ phiên bản {found}, không phải {}: \
                 hãy chạy `sauro db init` trên nó trước",
                crate::schema::LATEST
            ),
            (
                Lang::Vi,
                Error::NotEmpty {
                    target,
                    table,
                    rows,
                },
            ) => format!(
                "đích {target} không trống (bảng {table} có {rows} dòng): chỉ chép vào cơ sở \
                 dữ liệu trống; đích được giữ nguyên"
            ),
            (Lang::Vi, Error::LeadsNotCopyable { rows }) => format!(
                "nguồn có {rows} dòng phân công theo cơ quan (lead_agency) mà tệp SQLite không \
                 chứa được; không chép gì"
            ),
            (
                Lang::Vi,
                Error::BadValue {
                    table,
                    row,
                    column,
                    value,
                    kind,
                },
            ) => format!(
                "bảng {table}, dòng {row}: cột {column} chứa \"{value}\", không phải {}",
                kind_vi(*kind)
            ),
            (
                Lang::Vi,
                Error::Table {
                    table,
                    writing,
                    source,
                },
            ) => format!(
                "khi {} bảng {table}: {}",
                if *writing { "ghi" } else { "đọc" },
                source.message(lang)
            ),
            (Lang::Vi, Error::BadRow { row, source }) => {
                format!("dòng {row}: {}", source.message(lang))
            }
            (Lang::Vi, Error::CopyStream) => "PostgreSQL ngừng nhận các dòng được chép".to_owned(),
            (
                Lang::Vi,
                Error::Verify {
                    table,
                    expected,
                    found,
                },
            ) => format!(
                "kiểm tra sau khi chép không khớp: bảng {table} có {found} dòng ở đích, \
                 {expected} dòng ở nguồn; không ghi gì"
            ),
            (Lang::Vi, Error::VerifyChecksum { table }) => format!(
                "kiểm tra sau khi chép không khớp: bảng {table} ở đích khác ở nguồn (SHA-256); \
                 không ghi gì"
            ),
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
            Error::CaFileMissing {
                path: "ca.pem".into(),
            },
            Error::CaFileUnreadable {
                path: "ca.pem".into(),
            },
            Error::CaFileEmpty {
                path: "ca.pem".into(),
            },
            Error::Foreign { tables: vec![] },
            Error::NoSuchFile {
                path: "a.db".into(),
            },
            Error::SqliteVersion {
                path: "a.db".into(),
                found: 9,
            },
            Error::SourceSchema { found: 0 },
            Error::NotEmpty {
                target: "a.db".to_owned(),
                table: "task",
                rows: 3,
            },
            Error::LeadsNotCopyable { rows: 2 },
            Error::BadValue {
                table: "history",
                row: "7".to_owned(),
                column: "day".to_owned(),
                value: "x".to_owned(),
                kind: crate::copy::Kind::Day,
            },
            Error::CopyStream,
            Error::Verify {
                table: "note",
                expected: 2,
                found: 1,
            },
            Error::VerifyChecksum { table: "history" },
        ] {
            assert_ne!(e.message(Lang::Vi), e.message(Lang::En), "{e:?}");
        }
    }
}
