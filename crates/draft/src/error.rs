//! Why a document could not be drafted.

use sauro_core::Lang;

/// A document the drafter cannot read, or one without any task.
/// `Display` is English; [`DraftError::message`] speaks the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The extension is not one the drafter reads.
    #[error(
        "{file}: unsupported file type {ext:?}; sauro draft reads .docx, .xlsx, .xls, .ods, .pdf, .md and .txt"
    )]
    Unsupported {
        /// The file.
        file: String,
        /// Its extension.
        ext: String,
    },
    /// Larger than the drafter accepts.
    #[error("{file}: larger than {limit} bytes")]
    TooLarge {
        /// The file.
        file: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// Password-protected (an Office file wrapped in an encrypted container).
    #[error(
        "{file}: the file is encrypted (password-protected); save an unprotected copy and draft that"
    )]
    Encrypted {
        /// The file.
        file: String,
    },
    /// Damaged or not what its extension says.
    #[error("{file}: cannot read the file ({reason}); is it damaged, or saved in another format?")]
    Corrupt {
        /// The file.
        file: String,
        /// What the reader said.
        reason: String,
    },
    /// A text file that is not UTF-8.
    #[error("{file}: not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8")]
    NotUtf8 {
        /// The file.
        file: String,
        /// The first bad byte.
        offset: usize,
    },
    /// A PDF without a text layer (a scan).
    #[error(
        "{file}: the PDF has no text layer (a scanned image?); run OCR first or use the Word file"
    )]
    NoTextLayer {
        /// The file.
        file: String,
    },
    /// Read, but no task was found in it.
    #[error(
        "{file}: no task found: no table with a task column (nhiệm vụ / nội dung) and no assignment sentence (\"Bộ X chủ trì…\", \"Giao Bộ X…\")"
    )]
    NoTask {
        /// The file.
        file: String,
    },
}

impl DraftError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            DraftError::Unsupported { file, ext } => format!(
                "{file}: không đọc được loại tệp {ext:?}; sauro draft đọc .docx, .xlsx, .xls, .ods, .pdf, .md và .txt"
            ),
            DraftError::TooLarge { file, limit } => {
                format!("{file}: tệp lớn hơn {limit} byte")
            }
            DraftError::Encrypted { file } => format!(
                "{file}: tệp được đặt mật khẩu (mã hóa); hãy lưu một bản không mật khẩu rồi lập bản nháp từ bản đó"
            ),
            DraftError::Corrupt { file, reason } => format!(
                "{file}: không đọc được tệp ({reason}); tệp có bị hỏng hoặc được lưu ở định dạng khác không?"
            ),
            DraftError::NotUtf8 { file, offset } => format!(
                "{file}: không phải văn bản UTF-8 (byte sai ở vị trí {offset}); hãy lưu lại dạng UTF-8"
            ),
            DraftError::NoTextLayer { file } => format!(
                "{file}: tệp PDF không có lớp chữ (bản quét?); hãy nhận dạng chữ (OCR) trước hoặc dùng tệp Word"
            ),
            DraftError::NoTask { file } => format!(
                "{file}: không tìm thấy nhiệm vụ nào: không có bảng có cột nhiệm vụ / nội dung, không có câu giao việc (\"Bộ X chủ trì…\", \"Giao Bộ X…\")"
            ),
        }
    }
}
