//! sauro-report: the documents that leave sauro — overdue lists a lead sends
//! to each agency, the weekly briefing (giao ban), the dependency graph and
//! the deadline calendar. It formats data its caller gives it: no database,
//! no clock, no terminal. Writers return bytes or strings; the caller writes files.

pub mod briefing;
pub mod calendar;
pub mod docx;
pub mod graph;
pub mod letter;
pub mod model;
pub mod overdue;
pub mod table;

pub use model::ReportTask;

/// The report crate's error type.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The XLSX writer failed.
    #[error("cannot write the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The CSV writer failed.
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
    /// JSON serialisation failed.
    #[error("cannot write the JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The DOCX writer failed.
    #[error("cannot write the Word document: {0}")]
    Docx(String),
}

impl Error {
    /// The message in `lang` (`Display` is English); the writer's own words stay English.
    pub fn message(&self, lang: sauro_core::Lang) -> String {
        match (lang, self) {
            (sauro_core::Lang::En, _) => self.to_string(),
            (sauro_core::Lang::Vi, Error::Xlsx(e)) => format!("không ghi được bảng tính: {e}"),
            (sauro_core::Lang::Vi, Error::Csv(e)) => format!("không ghi được tệp CSV: {e}"),
            (sauro_core::Lang::Vi, Error::Json(e)) => format!("không ghi được JSON: {e}"),
            (sauro_core::Lang::Vi, Error::Docx(e)) => format!("không ghi được tệp Word: {e}"),
        }
    }
}

/// The report crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
