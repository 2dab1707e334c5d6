//! Identifier newtypes. Each is built only through [`std::str::FromStr`] /
//! [`TryFrom`], which enforce the character set of `data-format.md`.

use std::fmt;
use std::str::FromStr;

/// An identifier was empty or held a character outside its allowed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} id {value:?}: allowed characters are {allowed}")]
pub struct IdError {
    /// Which kind of id ("task", "directive", "agency").
    pub kind: &'static str,
    /// The value as written.
    pub value: String,
    /// The allowed character set, for the message.
    pub allowed: &'static str,
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $allowed:literal, $pred:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
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
            fn try_from(s: String) -> Result<Self, IdError> {
                s.parse()
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
    "task",
    "A-Z a-z 0-9 . _ / -",
    file_id_char
);
id_type!(
    /// A directive's id, unique across every directive file (e.g. `QD-2629-2025`).
    DirectiveId,
    "directive",
    "A-Z a-z 0-9 . _ / -",
    file_id_char
);
id_type!(
    /// An agency's id: ASCII upper case, Đ folded to D (e.g. `BCA`, `CAC_BO`).
    AgencyId,
    "agency",
    "A-Z 0-9 _",
    |c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'
);

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
    }
}
