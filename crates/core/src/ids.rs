//! Identifier newtypes. Each is built only through [`std::str::FromStr`] /
//! [`TryFrom`], which enforce the character set of `data-format.md`.

use crate::lang::Lang;
use std::fmt;
use std::str::FromStr;

/// An identifier was empty or held a character outside its allowed set.
/// `Display` is English; [`IdError::message`] speaks the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} id {value:?}: allowed characters are {allowed}")]
pub struct IdError {
    /// Which kind of id.
    pub kind: IdKind,
    /// The value as written.
    pub value: String,
    /// The allowed character set, for the message.
    pub allowed: &'static str,
}

impl IdError {
    /// The message in `lang`, naming the value.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => {
                let (kind, value) = (self.kind.label_vi(), &self.value);
                let what = if value.is_empty() {
                    "không được để trống".to_owned()
                } else {
                    format!("chỉ được dùng các ký tự {}", self.allowed)
                };
                format!("mã {kind} {value:?} không hợp lệ: {what}")
            }
        }
    }
}

/// The kinds of identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A task's id.
    Task,
    /// A directive's id.
    Directive,
    /// An agency's id.
    Agency,
}

impl IdKind {
    /// The Vietnamese name of what the id identifies.
    pub fn label_vi(self) -> &'static str {
        match self {
            IdKind::Task => "nhiệm vụ",
            IdKind::Directive => "văn bản",
            IdKind::Agency => "cơ quan",
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdKind::Task => "task",
            IdKind::Directive => "directive",
            IdKind::Agency => "agency",
        })
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:expr, $allowed:literal, $pred:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as written, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                let ok: fn(char) -> bool = $pred;
                if !s.is_empty() && s.chars().all(ok) {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(IdError { kind: $kind, value: s.to_owned(), allowed: $allowed })
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            /// Takes the string itself when it is a valid id (no copy).
            fn try_from(s: String) -> Result<Self, IdError> {
                let ok: fn(char) -> bool = $pred;
                if !s.is_empty() && s.chars().all(ok) {
                    Ok(Self(s))
                } else {
                    Err(IdError { kind: $kind, value: s, allowed: $allowed })
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

fn file_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-')
}

id_type!(
    /// A task's id, unique across every directive file (e.g. `CTCT-2026/01`).
    TaskId,
    IdKind::Task,
    "A-Z a-z 0-9 . _ / -",
    file_id_char
);
id_type!(
    /// A directive's id, unique across every directive file (e.g. `QD-2629-2025`).
    DirectiveId,
    IdKind::Directive,
    "A-Z a-z 0-9 . _ / -",
    file_id_char
);
id_type!(
    /// An agency's id: ASCII upper case, Đ folded to D (e.g. `BCA`, `CAC_BO`).
    AgencyId,
    IdKind::Agency,
    "A-Z 0-9 _",
    |c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'
);

/// The ids nearest to `query` by edit distance, letter case ignored: at
/// most `n`, closest first (then in id order), none farther than a quarter of
/// the query's length (at least 2 edits). The cost is bounded: the query is
/// cut to 64 characters and an id whose length alone is too far is skipped
/// before any distance is computed, so 100,000 ids take milliseconds.
pub fn nearest_ids<'a>(
    query: &str,
    ids: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let q: String = query.trim().to_uppercase().chars().take(64).collect();
    let len = q.chars().count();
    if len == 0 || n == 0 {
        return Vec::new();
    }
    let limit = (len / 4).max(2);
    let mut found: Vec<(usize, &'a str)> = Vec::new();
    for id in ids {
        if id.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = strsim::levenshtein(&q, &id.to_uppercase());
        if d <= limit {
            found.push((d, id));
        }
    }
    found.sort();
    found.into_iter().take(n).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_ids_accept_the_contract_charset_only() {
        assert!("CTCT-2026/01".parse::<TaskId>().is_ok());
        assert!("a.b_c".parse::<TaskId>().is_ok());
        assert!("".parse::<TaskId>().is_err());
        assert!("có dấu".parse::<TaskId>().is_err());
        assert!("a b".parse::<TaskId>().is_err());
    }

    #[test]
    fn agency_ids_are_upper_case_ascii() {
        assert!("CAC_BO".parse::<AgencyId>().is_ok());
        assert!("Bca".parse::<AgencyId>().is_err());
        let err = "BGDĐT".parse::<AgencyId>().unwrap_err();
        assert!(err.to_string().contains("BGDĐT"));
        assert_eq!(
            err.message(Lang::Vi),
            "mã cơ quan \"BGDĐT\" không hợp lệ: chỉ được dùng các ký tự A-Z 0-9 _"
        );
        assert_eq!(err.message(Lang::En), err.to_string());
        let err = "".parse::<TaskId>().unwrap_err();
        assert_eq!(
            err.message(Lang::Vi),
            "mã nhiệm vụ \"\" không hợp lệ: không được để trống"
        );
    }

    #[test]
    fn nearest_ids_ignore_case_and_stay_close() {
        let ids = [
            "BCDTW-CTCT-2026/01",
            "BCDTW-CTCT-2026/02",
            "BCDTW-CTCT-2026/11",
            "GB-2026/01",
        ];
        let near = nearest_ids("bcdtw-ctct-2026/1", ids, 3);
        // One edit each for /01 and /11 (in id order), two for /02.
        assert_eq!(
            near,
            [
                "BCDTW-CTCT-2026/01",
                "BCDTW-CTCT-2026/11",
                "BCDTW-CTCT-2026/02"
            ]
        );
        assert!(nearest_ids("XYZ-1999/99", ids, 3).is_empty());
        assert!(nearest_ids("", ids, 3).is_empty());
    }
}
