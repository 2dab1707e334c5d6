//! The one place dates are shown to users (dd/mm/yyyy) and read from them.

use chrono::{Datelike, NaiveDate};

/// Formats a date as Vietnamese users write it: `dd/mm/yyyy`.
pub fn format_date(d: NaiveDate) -> String {
    // By hand: `format!` costs a tenth of listing 100k tasks.
    let mut out = String::with_capacity(10);
    let two = |n: u32, out: &mut String| {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    two(d.day(), &mut out);
    out.push('/');
    two(d.month(), &mut out);
    out.push('/');
    let y = d.year();
    if (0..=9999).contains(&y) {
        let y = y as u32;
        two(y / 100, &mut out);
        two(y % 100, &mut out);
    } else {
        out.push_str(&y.to_string());
    }
    out
}

/// Parses an ISO `YYYY-MM-DD` date, as taken by `--as-of` and `SAURO_TODAY`.
///
/// # Errors
/// Returns a message naming the value when it is not a real ISO date.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// Why a typed day was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayError {
    /// Not written in any accepted form.
    Form,
    /// Written in an accepted form, but no such day exists (`30/02/2026`).
    Impossible {
        /// The day of the month as written.
        day: u32,
        /// The month as written.
        month: u32,
        /// The year as written.
        year: i32,
    },
}

/// The forms a typed day may take, for messages.
pub const DAY_FORMS: &str = "dd/mm/yyyy, d/m/yyyy, d-m-yyyy, d.m.yyyy, YYYY-MM-DD";

impl DayError {
    /// The message for `value` in `lang`.
    pub fn message(&self, value: &str, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        match (self, lang) {
            (DayError::Form, Lang::Vi) => {
                format!("{value:?} không phải là ngày; hãy viết {DAY_FORMS}")
            }
            (DayError::Form, Lang::En) => format!("{value:?} is not a date; write {DAY_FORMS}"),
            (DayError::Impossible { day, month, year }, Lang::Vi) => {
                format!("{value:?}: không có ngày {day} tháng {month} năm {year}")
            }
            (DayError::Impossible { day, month, year }, Lang::En) => {
                format!("{value:?}: there is no day {day} in month {month} of {year}")
            }
        }
    }
}

/// Reads a day a person typed: `dd/mm/yyyy` as Vietnamese users write it
/// (also `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy`) or ISO `YYYY-MM-DD`.
///
/// # Errors
/// [`DayError::Form`] when it is none of these, [`DayError::Impossible`] when
/// it is one of them but names no real day (`30/02/2026`).
pub fn read_user_date(s: &str) -> Result<NaiveDate, DayError> {
    let t = s.trim();
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DayError::Form);
    };
    let separators: Vec<char> = t.chars().filter(|c| matches!(c, '/' | '-' | '.')).collect();
    if separators.first() != separators.last() {
        return Err(DayError::Form);
    }
    let digits = |p: &str, max: usize| {
        (!p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 && separators[0] == '-' {
        (digits(a, 4), digits(b, 2), digits(c, 2))
    } else if c.len() == 4 {
        (digits(c, 4), digits(b, 2), digits(a, 2))
    } else {
        return Err(DayError::Form);
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(DayError::Form);
    };
    let year = year as i32;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DayError::Impossible { day, month, year })
}

/// Reads a day a person typed (see [`read_user_date`]); `None` when it is
/// not one.
pub fn parse_user_date(s: &str) -> Option<NaiveDate> {
    read_user_date(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap();
        assert_eq!(format_date(d), "05/02/2026");
        let d = NaiveDate::from_ymd_opt(987, 12, 31).unwrap();
        assert_eq!(format_date(d), "31/12/0987");
    }

    #[test]
    fn iso_dates_are_checked() {
        assert!(parse_iso_date("2026-02-31").is_err());
        assert_eq!(
            parse_iso_date("2026-11-22").unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        );
    }

    #[test]
    fn typed_days_in_either_form() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(parse_user_date("05/03/2026"), Some(d));
        assert_eq!(parse_user_date(" 5/3/2026 "), Some(d));
        assert_eq!(parse_user_date("2026-03-05"), Some(d));
        assert_eq!(parse_user_date("31/02/2026"), None);
        assert_eq!(parse_user_date("quý 1/2026"), None);
    }

    #[test]
    fn typed_days_in_every_usual_form() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        for s in [
            "5-3-2026",
            "05-03-2026",
            "5.3.2026",
            "05.03.2026",
            "5/3/2026",
        ] {
            assert_eq!(read_user_date(s), Ok(d), "{s}");
        }
        assert_eq!(read_user_date("5/3-2026"), Err(DayError::Form));
        assert_eq!(read_user_date("2026/03/05"), Err(DayError::Form));
        assert_eq!(read_user_date("5/3/26"), Err(DayError::Form));
        assert_eq!(read_user_date(""), Err(DayError::Form));
    }

    #[test]
    fn impossible_days_are_told_apart_from_bad_forms() {
        let e = read_user_date("30/02/2026").unwrap_err();
        assert_eq!(
            e,
            DayError::Impossible {
                day: 30,
                month: 2,
                year: 2026
            }
        );
        assert!(
            e.message("30/02/2026", crate::lang::Lang::Vi)
                .contains("không có ngày 30 tháng 2")
        );
        assert_eq!(
            read_user_date("2026-13-01").unwrap_err(),
            DayError::Impossible {
                day: 1,
                month: 13,
                year: 2026
            }
        );
    }
}
