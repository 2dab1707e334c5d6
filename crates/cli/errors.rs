//! Errors as the user reads them: in the language of the run. The libraries'
//! errors say themselves in either language (`message(lang)`); their
//! `Display` stays English for logs.

use sauro_core::Lang;
use sauro_core::directive_file::Problems;
use sauro_core::{DeadlineError, IdError};
use std::error::Error as StdError;
use std::io;

/// The error and its causes, outermost first, joined by `: `, in `lang`.
/// A library error says its causes itself, so the walk stops there.
pub fn localized(e: &anyhow::Error, lang: Lang) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(message) = known(cause, lang) {
            parts.push(message);
            break;
        }
        parts.push(match cause.downcast_ref::<io::Error>() {
            Some(io) => io_message(io, lang),
            None => cause.to_string(),
        });
    }
    parts.join(": ")
}

/// The message of an error type that speaks both languages.
fn known(e: &(dyn StdError + 'static), lang: Lang) -> Option<String> {
    if let Some(e) = e.downcast_ref::<sauro_store::Error>() {
        Some(e.message(lang))
    } else if let Some(e) = e.downcast_ref::<Problems>() {
        Some(e.message(lang))
    } else if let Some(e) = e.downcast_ref::<DeadlineError>() {
        Some(e.message(lang))
    } else if let Some(e) = e.downcast_ref::<IdError>() {
        Some(e.message(lang))
    } else if let Some(e) = e.downcast_ref::<sauro_core::Error>() {
        Some(e.message(lang))
    } else if let Some(e) = e.downcast_ref::<sauro_pg::Error>() {
        Some(e.message(lang))
    } else if let Some(e) = e.downcast_ref::<sauro_tui::Error>() {
        Some(e.message(lang))
    } else {
        e.downcast_ref::<sauro_report::Error>()
            .map(|e| e.message(lang))
    }
}

/// A file-system error: the common kinds in Vietnamese, the system's words otherwise.
fn io_message(e: &io::Error, lang: Lang) -> String {
    use io::ErrorKind as K;
    let vi = match e.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục",
        K::PermissionDenied => "không có quyền truy cập",
        K::InvalidData => "nội dung không phải văn bản UTF-8",
        K::AlreadyExists => "đã tồn tại",
        K::IsADirectory => "đây là một thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải là thư mục",
        K::StorageFull => "ổ đĩa đã đầy",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        _ => return e.to_string(),
    };
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context as _;

    #[test]
    fn the_chain_is_said_in_the_language_of_the_run() {
        let deadline = sauro_core::Deadline::parse(
            "quý 5/2026",
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        )
        .map(|_| ())
        .context("--to");
        let Err(e) = deadline else {
            panic!("quý 5 is refused");
        };
        let vi = localized(&e, Lang::Vi);
        assert!(
            vi.starts_with("--to: không đọc được thời hạn \"quý 5/2026\": không có quý 5"),
            "{vi}"
        );
        assert_eq!(localized(&e, Lang::En), format!("{e:#}"));

        let missing =
            std::fs::read_to_string("/khong-co/tep.toml").context("đọc /khong-co/tep.toml");
        let Err(e) = missing else {
            panic!("no such file");
        };
        assert_eq!(
            localized(&e, Lang::Vi),
            "đọc /khong-co/tep.toml: không tìm thấy tệp hoặc thư mục"
        );
    }
}
