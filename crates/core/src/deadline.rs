//! Deadlines as written in directives (`quý II/2025`, `tháng 2.2026`,
//! `trước ngày 15/2`, `thường xuyên`…) and the day they mean.
//!
//! The wording is folded first (diacritics, `đ` and letter case dropped, spaces
//! collapsed), a leading verb (`hoàn thành`, `xong trước`…) and lead words
//! (`trước`, `chậm nhất`, `trong`, `đến hết`, `cuối`…) are stripped, and what is
//! left must be one of a few whole forms: a day, a month, a quarter, a half or a
//! year, or an ongoing or vague phrase. Anything else, and any impossible date,
//! is an error: a date is never silently moved.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::fold::fold;
use crate::lang::Lang;

/// The forms a deadline may be written in, for error messages.
pub const ACCEPTED_FORMS: &str = "19/8/2025, 2025-08-19, ngày 19 tháng 8 năm 2025, \
trước (ngày) 30/6/2025, chậm nhất ngày 30/6/2025, trước 15/2, tháng 2/2026, tháng 2.2026, \
tháng 6 năm 2025, quý 1/2026, Quý II/2025, quý 3, 6 tháng đầu năm 2025, năm 2026, \
cuối năm 2025, đến hết năm 2025, thường xuyên, hằng năm, liên tục, khẩn trương, sớm, \
tại kỳ họp thứ 9";

/// A deadline: the words of the directive and the day they mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The original wording, kept and shown to users.
    pub written: String,
    /// What the wording means.
    pub due: Due,
}

/// What a deadline's wording means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The last day the task is on time.
    On(NaiveDate),
    /// Ongoing work (`thường xuyên`, `hằng năm`): no date.
    Ongoing,
    /// Urgency words, cross-references or events (`khẩn trương`, `tại kỳ họp thứ 9`):
    /// no date until one is entered.
    Vague,
}

impl Due {
    /// The day, when the wording names one.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Due::On(d) => Some(d),
            Due::Ongoing | Due::Vague => None,
        }
    }

    /// True when the wording names a day (and so passes rõ thời hạn).
    pub fn is_dated(self) -> bool {
        matches!(self, Due::On(_))
    }
}

/// A deadline text that is not one of the accepted forms, or names an impossible date.
/// `Display` is English; [`DeadlineError::message`] speaks the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("deadline \"{written}\" cannot be read: {reason}; accepted forms: {ACCEPTED_FORMS}")]
pub struct DeadlineError {
    /// The text as written.
    pub written: String,
    /// Why it was refused.
    pub reason: DeadlineReason,
}

impl DeadlineError {
    /// The message in `lang`, naming the text as written and the accepted forms.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => format!(
                "không đọc được thời hạn \"{}\": {}; các cách viết được chấp nhận: {ACCEPTED_FORMS}",
                self.written,
                self.reason.message(lang)
            ),
        }
    }
}

/// Why a deadline's wording was refused, with the values concerned.
/// `Display` is English; [`DeadlineReason::message`] speaks the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeadlineReason {
    /// Nothing is written.
    Empty,
    /// No known form.
    UnknownForm,
    /// Only a verb (`hoàn thành`), no time after it.
    NoTimeAfterVerb,
    /// `trước` before a month, quarter or year.
    BeforePeriod,
    /// `6/2025`: a month written as a day.
    ReadsAsMonth {
        /// The token as written (folded).
        token: String,
    },
    /// `31/2` (no year): the month never has that many days.
    DayNeverInMonth {
        /// The day.
        day: u32,
        /// The month.
        month: u32,
        /// The most days the month ever has.
        most: u32,
    },
    /// `19/8` without a lead word: the year is missing.
    NoYear {
        /// The day.
        day: u32,
        /// The month.
        month: u32,
    },
    /// A day without a year whose year would be out of range.
    DayOutOfRange {
        /// The day.
        day: u32,
        /// The month.
        month: u32,
    },
    /// `13 tháng đầu năm`.
    NoSuchHalf {
        /// The number of months written.
        months: u32,
    },
    /// `quý 5`, `quý V`.
    NoSuchQuarter {
        /// The quarter as written (Roman numerals in upper case).
        quarter: String,
    },
    /// `31/2/2026`: the month of that year has fewer days.
    NoSuchDay {
        /// The day.
        day: u32,
        /// The month.
        month: u32,
        /// The year.
        year: i32,
        /// The days of that month.
        last: u32,
    },
    /// A day, month and year that make no calendar date.
    NotADate {
        /// The day.
        day: u32,
        /// The month.
        month: u32,
        /// The year.
        year: i32,
    },
    /// A month whose end is out of the calendar's range.
    MonthOutOfRange {
        /// The month.
        month: u32,
        /// The year.
        year: i32,
    },
    /// `tháng 13`.
    NoSuchMonth {
        /// The month.
        month: u32,
    },
    /// `32/1/2026`.
    NoSuchDayNumber {
        /// The day.
        day: u32,
    },
    /// A number too large to read.
    TooLarge {
        /// The digits as written.
        digits: String,
    },
    /// `19/8/25`: a year must have four digits.
    NotFourDigitYear {
        /// The digits as written.
        digits: String,
    },
}

impl DeadlineReason {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => match self {
                DeadlineReason::Empty => "nội dung để trống".to_owned(),
                DeadlineReason::UnknownForm => {
                    "đây không phải cách viết thời hạn mà sauro đọc được".to_owned()
                }
                DeadlineReason::NoTimeAfterVerb => "sau động từ không nêu thời gian nào".to_owned(),
                DeadlineReason::BeforePeriod => {
                    "\"trước\" một tháng, quý hoặc năm là không rõ ràng: hãy ghi ngày cụ thể"
                        .to_owned()
                }
                DeadlineReason::ReadsAsMonth { token } => {
                    format!("{token} được hiểu là một tháng: hãy viết tháng {token}")
                }
                DeadlineReason::DayNeverInMonth { day, month, most } => {
                    format!("không có ngày {day}/{month}: tháng {month} có nhiều nhất {most} ngày")
                }
                DeadlineReason::NoYear { day, month } => format!(
                    "{day}/{month} chưa ghi năm: hãy viết {day}/{month}/yyyy, hoặc trước {day}/{month}"
                ),
                DeadlineReason::DayOutOfRange { day, month } => {
                    format!("{day}/{month} nằm ngoài phạm vi ngày tháng đọc được")
                }
                DeadlineReason::NoSuchHalf { months } => {
                    format!("một năm không có {months} tháng")
                }
                DeadlineReason::NoSuchQuarter { quarter } => {
                    format!("không có quý {quarter}: quý chỉ từ 1 đến 4 (hoặc I đến IV)")
                }
                DeadlineReason::NoSuchDay {
                    day,
                    month,
                    year,
                    last,
                } => format!(
                    "không có ngày {day}/{month}/{year}: tháng {month} năm {year} chỉ có {last} ngày"
                ),
                DeadlineReason::NotADate { day, month, year } => {
                    format!("{day}/{month}/{year} không phải là một ngày có thật")
                }
                DeadlineReason::MonthOutOfRange { month, year } => {
                    format!("tháng {month} năm {year} nằm ngoài phạm vi ngày tháng đọc được")
                }
                DeadlineReason::NoSuchMonth { month } => format!("không có tháng {month}"),
                DeadlineReason::NoSuchDayNumber { day } => format!("không có ngày {day}"),
                DeadlineReason::TooLarge { digits } => format!("số {digits} quá lớn"),
                DeadlineReason::NotFourDigitYear { digits } => {
                    format!("năm {digits} không viết đủ bốn chữ số")
                }
            },
        }
    }
}

impl fmt::Display for DeadlineReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeadlineReason::Empty => f.write_str("it is empty"),
            DeadlineReason::UnknownForm => f.write_str("it is not a deadline form sauro knows"),
            DeadlineReason::NoTimeAfterVerb => f.write_str("it names no time after its verb"),
            DeadlineReason::BeforePeriod => f.write_str(
                "\"trước\" (before) a month, quarter or year is ambiguous: give the day",
            ),
            DeadlineReason::ReadsAsMonth { token } => {
                write!(f, "{token} reads as a month: write tháng {token}")
            }
            DeadlineReason::DayNeverInMonth { day, month, most } => write!(
                f,
                "{day}/{month} does not exist: month {month} has at most {most} days"
            ),
            DeadlineReason::NoYear { day, month } => write!(
                f,
                "{day}/{month} has no year: write {day}/{month}/YYYY, or trước {day}/{month}"
            ),
            DeadlineReason::DayOutOfRange { day, month } => {
                write!(f, "{day}/{month} is out of range")
            }
            DeadlineReason::NoSuchHalf { months } => write!(f, "a year has no {months} months"),
            DeadlineReason::NoSuchQuarter { quarter } => {
                write!(f, "there is no quarter {quarter}: quarters are 1–4 or I–IV")
            }
            DeadlineReason::NoSuchDay {
                day,
                month,
                year,
                last,
            } => write!(
                f,
                "{day}/{month}/{year} does not exist: month {month} of {year} has {last} days"
            ),
            DeadlineReason::NotADate { day, month, year } => {
                write!(f, "{day}/{month}/{year} is not a date")
            }
            DeadlineReason::MonthOutOfRange { month, year } => {
                write!(f, "month {month} of {year} is out of range")
            }
            DeadlineReason::NoSuchMonth { month } => write!(f, "there is no month {month}"),
            DeadlineReason::NoSuchDayNumber { day } => write!(f, "there is no day {day}"),
            DeadlineReason::TooLarge { digits } => write!(f, "the number {digits} is too large"),
            DeadlineReason::NotFourDigitYear { digits } => {
                write!(f, "year {digits} is not a four-digit year")
            }
        }
    }
}

impl Deadline {
    /// Reads a deadline's wording. `reference` is the directive's issue date: it
    /// gives the year to forms written without one.
    ///
    /// # Errors
    /// Unknown wording and impossible dates (`31/2/2026`, `quý 5/2026`).
    pub fn parse(written: &str, reference: NaiveDate) -> Result<Deadline, DeadlineError> {
        let refuse = |reason: DeadlineReason| DeadlineError {
            written: written.to_owned(),
            reason,
        };
        let text = normalize(written);
        if text.is_empty() {
            return Err(refuse(DeadlineReason::Empty));
        }
        match read(&text, reference) {
            Ok(Some(due)) => Ok(Deadline {
                written: written.to_owned(),
                due,
            }),
            Ok(None) => Err(refuse(DeadlineReason::UnknownForm)),
            Err(reason) => Err(refuse(reason)),
        }
    }

    /// A deadline given as a date (a TOML date in a directive file).
    pub fn on(date: NaiveDate) -> Deadline {
        Deadline {
            written: date.format("%Y-%m-%d").to_string(),
            due: Due::On(date),
        }
    }

    /// The day the deadline means, if it means one.
    pub fn date(&self) -> Option<NaiveDate> {
        self.due.date()
    }
}

/// Leading verbs dropped before reading: `hoàn thành trong Quý II/2025` is `Quý II/2025`.
/// Folded, commas removed; longer phrases first.
const FILLERS: &[&str] = &[
    "hoan thanh trong",
    "hoan thanh",
    "xong truoc",
    "van hanh trien khai chinh thuc",
    "trien khai chinh thuc",
    "van hanh",
];

/// Whole phrases meaning ongoing work, folded.
const ONGOING: &[&str] = &[
    "thuong xuyen",
    "hang nam",
    "lien tuc",
    "hang quy",
    "hang thang",
];

/// Whole phrases meaning "no date yet", folded.
const VAGUE: &[&str] = &[
    "khan truong",
    "som",
    "ngay",
    "nhanh chong",
    "cang som cang tot",
    "theo tien do da duoc giao",
    "theo tien do duoc giao",
    "theo tien do",
];

/// Words that may stand before a date form, folded; longer first. `truoc`
/// ("before") is handled apart: only a day may follow it.
const LEADS: &[&str] = &[
    "cham nhat la",
    "cham nhat",
    "den het",
    "den",
    "trong",
    "vao",
    "cuoi",
    "het",
];

/// Folds, drops commas, collapses spaces, glues `/` to its neighbours and drops
/// trailing punctuation.
fn normalize(written: &str) -> String {
    let folded = fold(written).replace('ð', "d").replace(',', " ");
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let glued = collapsed.replace(" /", "/").replace("/ ", "/");
    glued.trim_end_matches(['.', ';', ':', ' ']).to_owned()
}

/// `text` without the leading words `prefix`, when it starts with them as whole words.
fn strip_words<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix(' ')
    }
}

/// Reads normalized text. `Ok(None)`: no known form; `Err`: a known form naming
/// an impossible date.
fn read(text: &str, reference: NaiveDate) -> Result<Option<Due>, DeadlineReason> {
    let mut text = text;
    while let Some(rest) = FILLERS.iter().find_map(|f| strip_words(text, f)) {
        text = rest;
    }
    if text.is_empty() {
        return Err(DeadlineReason::NoTimeAfterVerb);
    }
    if ONGOING.contains(&text) {
        return Ok(Some(Due::Ongoing));
    }
    if VAGUE.contains(&text) || is_session(text) {
        return Ok(Some(Due::Vague));
    }

    let mut lead = false;
    let mut before = false;
    loop {
        if let Some(rest) = strip_words(text, "truoc") {
            before = true;
            text = rest;
        } else if let Some(rest) = LEADS.iter().find_map(|l| strip_words(text, l)) {
            text = rest;
        } else {
            break;
        }
        lead = true;
    }
    Ok(read_form(text, lead, before, reference)?.map(Due::On))
}

/// Reads what is left once verbs and lead words are gone. `lead`: some lead word
/// stood before (a day may then omit its year); `before`: one was `trước`.
fn read_form(
    text: &str,
    lead: bool,
    before: bool,
    reference: NaiveDate,
) -> Result<Option<NaiveDate>, DeadlineReason> {
    let words: Vec<&str> = text.split(' ').collect();
    let period = matches!(
        words.as_slice(),
        ["thang" | "quy" | "nam" | "nua", ..] | [_, "thang", "dau" | "cuoi", ..]
    );
    if before && period {
        return Err(DeadlineReason::BeforePeriod);
    }
    match words.as_slice() {
        ["ngay", rest @ ..] => read_day(rest, true, reference),
        ["thang", rest @ ..] => read_month(rest, reference),
        ["quy", rest @ ..] => read_quarter(rest, reference),
        ["nam", y] if is_digits(y) => last_day(year(y)?, 12).map(Some),
        [n, "thang", half @ ("dau" | "cuoi"), "nam", rest @ ..] if is_digits(n) => {
            read_half(n, half, rest, reference)
        }
        ["nua", half @ ("dau" | "cuoi"), "nam", rest @ ..] => read_half("6", half, rest, reference),
        _ => read_day(&words, lead, reference),
    }
}

/// A day: `19/8/2025`, `19-8-2025`, `19.8.2025`, `2025-08-19`, `19 thang 8 nam 2025`,
/// or without a year (`15/2`, `15 thang 2`) when `no_year` allows it.
fn read_day(
    words: &[&str],
    no_year: bool,
    reference: NaiveDate,
) -> Result<Option<NaiveDate>, DeadlineReason> {
    match words {
        [token] => {
            let Some(sep) = token.chars().find(|c| matches!(c, '/' | '-' | '.')) else {
                return Ok(None);
            };
            let parts: Vec<&str> = token.split(sep).collect();
            if !parts.iter().all(|p| is_digits(p)) {
                return Ok(None);
            }
            match parts.as_slice() {
                [y, m, d] if y.len() == 4 => date(year(y)?, number(m)?, number(d)?).map(Some),
                [d, m, y] => {
                    let (d, m) = (number(d)?, number(m)?);
                    date(year(y)?, m, d).map(Some)
                }
                [_, y] if y.len() == 4 => Err(DeadlineReason::ReadsAsMonth {
                    token: (*token).to_owned(),
                }),
                [d, m] => day_without_year(d, m, no_year, reference),
                _ => Ok(None),
            }
        }
        [d, "thang", m] if is_digits(d) && is_digits(m) => {
            day_without_year(d, m, no_year, reference)
        }
        [d, "thang", m, "nam", y] if is_digits(d) && is_digits(m) && is_digits(y) => {
            let (d, m) = (number(d)?, number(m)?);
            date(year(y)?, m, d).map(Some)
        }
        _ => Ok(None),
    }
}

/// `15/2` with no year: that day in the reference's year, or the next year when
/// it falls before the reference.
fn day_without_year(
    d: &str,
    m: &str,
    allowed: bool,
    reference: NaiveDate,
) -> Result<Option<NaiveDate>, DeadlineReason> {
    let (d, m) = (number(d)?, number(m)?);
    check_month(m)?;
    check_day(d)?;
    // Any year, leap or not: 2000 was a leap year.
    let most = last_day(2000, m)?.day();
    if d > most {
        return Err(DeadlineReason::DayNeverInMonth {
            day: d,
            month: m,
            most,
        });
    }
    if !allowed {
        return Err(DeadlineReason::NoYear { day: d, month: m });
    }
    let y = if (m, d) < (reference.month(), reference.day()) {
        reference
            .year()
            .checked_add(1)
            .ok_or(DeadlineReason::DayOutOfRange { day: d, month: m })?
    } else {
        reference.year()
    };
    date(y, m, d).map(Some)
}

/// `2/2026`, `2.2026`, `02/2026`, `6 nam 2025`, `6` (the reference's year): the
/// month's last day.
fn read_month(words: &[&str], reference: NaiveDate) -> Result<Option<NaiveDate>, DeadlineReason> {
    let (m, y) = match words {
        [token] => match token.split_once(['/', '.', '-']) {
            Some((m, y)) if is_digits(m) && is_digits(y) => (number(m)?, year(y)?),
            Some(_) => return Ok(None),
            None if is_digits(token) => (number(token)?, reference.year()),
            None => return Ok(None),
        },
        [m, "nam", y] if is_digits(m) && is_digits(y) => (number(m)?, year(y)?),
        _ => return Ok(None),
    };
    last_day(y, m).map(Some)
}

/// `1/2026`, `i/2026`, `ii nam 2025`, `3` (the reference's year): the quarter's
/// last day.
fn read_quarter(words: &[&str], reference: NaiveDate) -> Result<Option<NaiveDate>, DeadlineReason> {
    let (q, y) = match words {
        [token] => match token.split_once(['/', '.', '-']) {
            Some((q, y)) if is_digits(y) => (q, Some(y)),
            Some(_) => return Ok(None),
            None => (*token, None),
        },
        [q, "nam", y] if is_digits(y) => (*q, Some(*y)),
        _ => return Ok(None),
    };
    let Some(q) = quarter(q)? else {
        return Ok(None);
    };
    let y = match y {
        Some(y) => year(y)?,
        None => reference.year(),
    };
    last_day(y, q * 3).map(Some)
}

/// `6 thang dau nam 2025` (30 June), `6 thang cuoi nam 2025` (31 December);
/// `nua dau nam` is read as `6 thang dau nam`.
fn read_half(
    months: &str,
    half: &str,
    rest: &[&str],
    reference: NaiveDate,
) -> Result<Option<NaiveDate>, DeadlineReason> {
    let n = number(months)?;
    if !(1..=12).contains(&n) {
        return Err(DeadlineReason::NoSuchHalf { months: n });
    }
    let y = match rest {
        [] => reference.year(),
        [y] if is_digits(y) => year(y)?,
        _ => return Ok(None),
    };
    last_day(y, if half == "dau" { n } else { 12 }).map(Some)
}

/// A quarter written in Arabic (`1`–`4`) or Roman (`i`–`iv`) numerals.
/// `Ok(None)`: not a numeral at all.
fn quarter(token: &str) -> Result<Option<u32>, DeadlineReason> {
    let q = if is_digits(token) {
        number(token)?
    } else {
        match token {
            "i" => 1,
            "ii" => 2,
            "iii" => 3,
            "iv" => 4,
            t if !t.is_empty() && t.chars().all(|c| "ivxlcdm".contains(c)) => {
                return Err(DeadlineReason::NoSuchQuarter {
                    quarter: t.to_uppercase(),
                });
            }
            _ => return Ok(None),
        }
    };
    if (1..=4).contains(&q) {
        Ok(Some(q))
    } else {
        Err(DeadlineReason::NoSuchQuarter {
            quarter: q.to_string(),
        })
    }
}

/// A checked day: never moved to a nearby one.
fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, DeadlineReason> {
    check_month(m)?;
    check_day(d)?;
    let last = last_day(y, m)?.day();
    if d > last {
        return Err(DeadlineReason::NoSuchDay {
            day: d,
            month: m,
            year: y,
            last,
        });
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DeadlineReason::NotADate {
        day: d,
        month: m,
        year: y,
    })
}

/// The last day of month `m` of year `y`.
fn last_day(y: i32, m: u32) -> Result<NaiveDate, DeadlineReason> {
    check_month(m)?;
    let (next_year, next_month) = if m == 12 {
        (y.checked_add(1), 1)
    } else {
        (Some(y), m + 1)
    };
    next_year
        .and_then(|ny| NaiveDate::from_ymd_opt(ny, next_month, 1))
        .and_then(|first| first.pred_opt())
        .ok_or(DeadlineReason::MonthOutOfRange { month: m, year: y })
}

fn check_month(m: u32) -> Result<(), DeadlineReason> {
    if (1..=12).contains(&m) {
        Ok(())
    } else {
        Err(DeadlineReason::NoSuchMonth { month: m })
    }
}

fn check_day(d: u32) -> Result<(), DeadlineReason> {
    if (1..=31).contains(&d) {
        Ok(())
    } else {
        Err(DeadlineReason::NoSuchDayNumber { day: d })
    }
}

/// A number already known to be all digits; too large ones are refused.
fn number(digits: &str) -> Result<u32, DeadlineReason> {
    digits.parse::<u32>().map_err(|_| DeadlineReason::TooLarge {
        digits: digits.to_owned(),
    })
}

/// A four-digit year.
fn year(digits: &str) -> Result<i32, DeadlineReason> {
    let refuse = || DeadlineReason::NotFourDigitYear {
        digits: digits.to_owned(),
    };
    if digits.len() != 4 || digits.starts_with('0') {
        return Err(refuse());
    }
    digits.parse::<i32>().map_err(|_| refuse())
}

/// `tại kỳ họp thứ 9` (any session number, optionally `… Quốc hội khóa XV`).
fn is_session(text: &str) -> bool {
    let text = strip_words(text, "tai").unwrap_or(text);
    let Some(rest) = strip_words(text, "ky hop thu") else {
        return false;
    };
    let (number, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let number_ok =
        !number.is_empty() && (is_digits(number) || number.chars().all(|c| "ivxlc".contains(c)));
    number_ok && (rest.is_empty() || strip_words(rest, "quoc hoi").is_some())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The issue date used where a test does not name one.
    fn reference() -> NaiveDate {
        day(2025, 3, 1)
    }

    /// The ways one wording may be typed: as given, without diacritics, in
    /// upper and lower case, with extra spaces.
    fn variants(written: &str) -> Vec<String> {
        vec![
            written.to_owned(),
            fold(written),
            written.to_uppercase(),
            written.to_lowercase(),
            fold(written).to_uppercase(),
            format!("  {}\t", written.replace(' ', "   ")),
        ]
    }

    fn assert_due(written: &str, reference: NaiveDate, due: Due) {
        for v in variants(written) {
            match Deadline::parse(&v, reference) {
                Ok(d) => {
                    assert_eq!(d.due, due, "{v:?}");
                    assert_eq!(d.written, v, "the wording is kept as written");
                }
                Err(e) => panic!("{v:?} should read as {due:?}: {e}"),
            }
        }
    }

    fn assert_on(written: &str, expected: NaiveDate) {
        assert_due(written, reference(), Due::On(expected));
    }

    fn refusal(written: &str) -> DeadlineError {
        match Deadline::parse(written, reference()) {
            Ok(d) => panic!("{written:?} should be refused, read as {d:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn days() {
        for w in [
            "2025-08-19",
            "19/8/2025",
            "19-8-2025",
            "19.8.2025",
            "19/08/2025",
            "ngày 19/8/2025",
            "vào ngày 19/8/2025",
            "ngày 19 tháng 8 năm 2025",
            "19 tháng 8 năm 2025",
            "ngày 19 / 8 / 2025",
            "19/8/2025.",
        ] {
            assert_on(w, day(2025, 8, 19));
        }
    }

    #[test]
    fn days_before_or_at_the_latest() {
        for w in [
            "trước ngày 30/6/2025",
            "trước 30/6/2025",
            "chậm nhất ngày 30/6/2025",
            "chậm nhất 30/6/2025",
            "chậm nhất là ngày 30/6/2025",
            "đến ngày 30/6/2025",
            "hoàn thành trước ngày 30/6/2025",
            "Trước ngày 30 tháng 6 năm 2025",
        ] {
            assert_on(w, day(2025, 6, 30));
        }
    }

    #[test]
    fn days_without_a_year_roll_over() {
        for w in [
            "trước 15/2",
            "trước ngày 15/2",
            "ngày 15/2",
            "trước ngày 15 tháng 2",
        ] {
            assert_due(w, day(2025, 3, 1), Due::On(day(2026, 2, 15)));
            assert_due(w, day(2025, 1, 10), Due::On(day(2025, 2, 15)));
            // The reference day itself is not before the reference.
            assert_due(w, day(2025, 2, 15), Due::On(day(2025, 2, 15)));
            assert_due(w, day(2025, 2, 16), Due::On(day(2026, 2, 15)));
        }
    }

    #[test]
    fn months() {
        for w in [
            "tháng 2/2026",
            "tháng 2.2026",
            "tháng 02/2026",
            "tháng 2-2026",
            "trong tháng 2/2026",
        ] {
            assert_on(w, day(2026, 2, 28));
        }
        for w in [
            "trong tháng 6/2025",
            "tháng 6 năm 2025",
            "đến tháng 6/2025",
            "đến hết tháng 6/2025",
            "cuối tháng 6/2025",
            "chậm nhất trong tháng 6/2025",
        ] {
            assert_on(w, day(2025, 6, 30));
        }
        assert_on("tháng 02 năm 2025", day(2025, 2, 28));
        assert_on("trong tháng 02 năm 2025", day(2025, 2, 28));
        assert_on("tháng 12/2025", day(2025, 12, 31));
        assert_on("tháng 1/2026", day(2026, 1, 31));
        assert_on("tháng 4/2026", day(2026, 4, 30));
    }

    #[test]
    fn leap_years() {
        assert_on("tháng 2/2024", day(2024, 2, 29));
        assert_on("tháng 2/2000", day(2000, 2, 29));
        assert_on("tháng 2/2100", day(2100, 2, 28));
        assert_on("29/2/2024", day(2024, 2, 29));
        assert!(refusal("29/2/2025").reason.to_string().contains("28 days"));
        // No year: 29/2 in a year that has none is refused, not moved.
        assert_due("trước 29/2", day(2027, 3, 1), Due::On(day(2028, 2, 29)));
        assert!(Deadline::parse("trước 29/2", day(2025, 3, 1)).is_err());
    }

    #[test]
    fn quarters() {
        for w in [
            "quý 1/2026",
            "Quý I/2026",
            "quý i/2026",
            "QUÝ I/2026",
            "quý 1.2026",
            "quý I năm 2026",
        ] {
            assert_on(w, day(2026, 3, 31));
        }
        for w in [
            "quý II năm 2025",
            "Quý II/2025",
            "quý 2/2025",
            "hoàn thành trong Quý II/2025",
        ] {
            assert_on(w, day(2025, 6, 30));
        }
        for w in [
            "trong quý 3/2026",
            "quý III/2026",
            "quý iii/2026",
            "trong Quý III năm 2026",
        ] {
            assert_on(w, day(2026, 9, 30));
        }
        for w in [
            "Quý IV/2025",
            "quý 4/2025",
            "quý iv/2025",
            "trong quý IV/2025",
        ] {
            assert_on(w, day(2025, 12, 31));
        }
    }

    #[test]
    fn months_and_quarters_without_a_year() {
        assert_on("quý 3", day(2025, 9, 30));
        assert_on("quý III", day(2025, 9, 30));
        assert_on("tháng 6", day(2025, 6, 30));
        assert_on("trong tháng 6", day(2025, 6, 30));
        assert_due("quý 1", day(2026, 5, 1), Due::On(day(2026, 3, 31)));
    }

    #[test]
    fn halves() {
        assert_on("6 tháng đầu năm 2025", day(2025, 6, 30));
        assert_on("trong 6 tháng đầu năm 2025", day(2025, 6, 30));
        assert_on("6 tháng cuối năm 2025", day(2025, 12, 31));
        assert_on("nửa đầu năm 2026", day(2026, 6, 30));
        assert_on("9 tháng đầu năm 2025", day(2025, 9, 30));
        assert_on("6 tháng đầu năm", day(2025, 6, 30));
    }

    #[test]
    fn years() {
        assert_on("năm 2026", day(2026, 12, 31));
        for w in [
            "trong năm 2025",
            "cuối năm 2025",
            "đến hết năm 2025",
            "hoàn thành trong năm 2025",
        ] {
            assert_on(w, day(2025, 12, 31));
        }
        assert_on("đến năm 2027", day(2027, 12, 31));
    }

    #[test]
    fn leading_verbs_are_dropped() {
        assert_on("hoàn thành trong Quý II/2025", day(2025, 6, 30));
        assert_on("hoàn thành quý II/2025", day(2025, 6, 30));
        assert_on("xong trước 30/6/2025", day(2025, 6, 30));
        assert_on(
            "vận hành, triển khai chính thức quý III/2025",
            day(2025, 9, 30),
        );
        assert_on(
            "Vận hành, triển khai chính thức trong tháng 7/2025",
            day(2025, 7, 31),
        );
        assert_on("hoàn thành trước 15/2", day(2026, 2, 15));
    }

    #[test]
    fn ongoing() {
        for w in [
            "thường xuyên",
            "hằng năm",
            "hàng năm",
            "liên tục",
            "Thường xuyên.",
        ] {
            assert_due(w, reference(), Due::Ongoing);
        }
        let d = Deadline::parse("thường xuyên", reference()).unwrap();
        assert_eq!(d.date(), None);
        assert!(!d.due.is_dated());
    }

    #[test]
    fn vague() {
        for w in [
            "khẩn trương",
            "sớm",
            "ngay",
            "nhanh chóng",
            "theo tiến độ đã được giao",
            "tại kỳ họp thứ 9",
            "tại kỳ họp thứ 10",
            "Tại Kỳ họp thứ 9 Quốc hội khóa XV",
            "hoàn thành sớm",
        ] {
            assert_due(w, reference(), Due::Vague);
        }
        assert_eq!(
            Deadline::parse("khẩn trương", reference()).unwrap().date(),
            None
        );
    }

    #[test]
    fn only_whole_phrases_count() {
        for w in [
            "chi thường xuyên",
            "thường xuyên cập nhật",
            "sớm nhất",
            "ngay lập tức đi",
            "kỳ họp",
            "tại kỳ họp thứ",
            "năm",
            "tháng",
            "quý",
            "hoàn thành",
            "trước",
        ] {
            refusal(w);
        }
    }

    #[test]
    fn unknown_wording_is_refused_naming_the_text() {
        for w in [
            "",
            "   ",
            "\t\n",
            "bất kỳ lúc nào",
            "trong 5 năm tiếp theo",
            "quý II/2025 (dự kiến)",
            "19/8",
            "15 tháng 2",
            "6/2025",
            "19//2025",
            "19/8.2025",
            "quý V/2026",
            "tháng sáu",
        ] {
            let e = refusal(w);
            let shown = e.to_string();
            assert!(shown.contains(&format!("\"{w}\"")), "{shown}");
            assert!(shown.contains(ACCEPTED_FORMS), "{shown}");
            assert_eq!(e.written, w);
        }
        assert!(refusal("").reason.to_string().contains("empty"));
        assert!(refusal("  ").reason.to_string().contains("empty"));
        assert!(refusal("19/8").reason.to_string().contains("no year"));
        assert!(
            refusal("6/2025")
                .reason
                .to_string()
                .contains("tháng 6/2025")
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_a_reason() {
        let cases = [
            ("31/2/2026", "28 days"),
            ("30/2/2024", "29 days"),
            ("31/4/2025", "30 days"),
            ("ngày 31 tháng 6 năm 2025", "30 days"),
            ("2026-02-31", "28 days"),
            ("quý 5/2026", "quarter 5"),
            ("quý 0/2026", "quarter 0"),
            ("Quý V/2026", "quarter V"),
            ("quý VI năm 2026", "quarter VI"),
            ("tháng 13/2025", "month 13"),
            ("tháng 0/2025", "month 0"),
            ("0/1/2026", "day 0"),
            ("32/1/2026", "day 32"),
            ("1/13/2026", "month 13"),
            ("trước 31/2", "at most 29 days"),
            ("trước 15/13", "month 13"),
            ("19/8/25", "four-digit"),
            ("tháng 6/25", "four-digit"),
            ("năm 20255", "four-digit"),
            ("0 tháng đầu năm 2025", "0 months"),
            ("13 tháng đầu năm 2025", "13 months"),
            ("tháng 99999999999999999999/2025", "too large"),
            ("quý 99999999999999999999/2025", "too large"),
            ("99999999999999999999/1/2025", "too large"),
            ("1/1/99999999999999999999", "four-digit"),
            ("trước tháng 6/2025", "ambiguous"),
            ("hoàn thành", "no time"),
        ];
        for (w, why) in cases {
            let e = refusal(w);
            assert!(
                e.reason.to_string().contains(why),
                "{w:?}: {} should say {why:?}",
                e.reason
            );
            assert!(e.to_string().contains(w), "{e}");
        }
    }

    #[test]
    fn refusals_speak_vietnamese_by_default_and_english_on_request() {
        let e = refusal("31/2/2026");
        assert_eq!(
            e.message(Lang::Vi),
            format!(
                "không đọc được thời hạn \"31/2/2026\": không có ngày 31/2/2026: \
                 tháng 2 năm 2026 chỉ có 28 ngày; các cách viết được chấp nhận: {ACCEPTED_FORMS}"
            )
        );
        assert_eq!(e.message(Lang::En), e.to_string());
        let cases = [
            ("", "nội dung để trống"),
            ("bất kỳ lúc nào", "không phải cách viết thời hạn"),
            ("hoàn thành", "không nêu thời gian"),
            ("trước tháng 6/2025", "hãy ghi ngày cụ thể"),
            ("6/2025", "hãy viết tháng 6/2025"),
            ("trước 31/2", "tháng 2 có nhiều nhất 29 ngày"),
            ("19/8", "19/8 chưa ghi năm"),
            ("13 tháng đầu năm 2025", "một năm không có 13 tháng"),
            ("quý V/2026", "không có quý V"),
            ("quý 0/2026", "không có quý 0"),
            ("tháng 13/2025", "không có tháng 13"),
            ("32/1/2026", "không có ngày 32"),
            (
                "tháng 99999999999999999999/2025",
                "số 99999999999999999999 quá lớn",
            ),
            ("19/8/25", "năm 25 không viết đủ bốn chữ số"),
        ];
        for (w, want) in cases {
            let vi = refusal(w).message(Lang::Vi);
            assert!(vi.contains(want), "{w:?}: {vi}");
            assert!(vi.contains(&format!("\"{w}\"")), "{vi}");
        }
    }

    #[test]
    fn on_and_date() {
        let d = Deadline::on(day(2025, 8, 19));
        assert_eq!(d.written, "2025-08-19");
        assert_eq!(d.date(), Some(day(2025, 8, 19)));
        assert_eq!(Deadline::parse(&d.written, reference()), Ok(d));
        assert_eq!(Due::On(day(2025, 1, 1)).date(), Some(day(2025, 1, 1)));
        assert_eq!(Due::Vague.date(), None);
    }

    #[test]
    fn decomposed_diacritics_read_the_same() {
        // NFD text (as some editors save it) folds like NFC text.
        let nfd = "Qu\u{79}\u{301} II/2025";
        assert_eq!(
            Deadline::parse(nfd, reference()).unwrap().date(),
            Some(day(2025, 6, 30))
        );
        let nfd = "tha\u{301}ng 2/2026";
        assert_eq!(
            Deadline::parse(nfd, reference()).unwrap().date(),
            Some(day(2026, 2, 28))
        );
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("quý".to_owned()),
            Just("Quý".to_owned()),
            Just("tháng".to_owned()),
            Just("năm".to_owned()),
            Just("ngày".to_owned()),
            Just("trước".to_owned()),
            Just("đầu".to_owned()),
            Just("cuối".to_owned()),
            Just("hoàn thành".to_owned()),
            Just("kỳ họp thứ".to_owned()),
            Just("IV".to_owned()),
            Just("ii".to_owned()),
            Just("/".to_owned()),
            Just(".".to_owned()),
            Just("-".to_owned()),
            Just(" ".to_owned()),
            Just(",".to_owned()),
            "[0-9]{1,25}",
            "[0-9]{1,4}",
            "[ivxlcdm]{1,4}",
        ]
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(s in ".*", y in 1i32..9999, doy in 1u32..366) {
            let reference = NaiveDate::from_yo_opt(y, doy).unwrap_or(day(2025, 3, 1));
            match Deadline::parse(&s, reference) {
                Ok(d) => prop_assert_eq!(&d.written, &s),
                Err(e) => prop_assert!(e.to_string().contains(&s)),
            }
        }

        #[test]
        fn never_panics_on_deadline_like_text(
            parts in prop::collection::vec(fragment(), 0..10),
            spaced in any::<bool>(),
        ) {
            let s = parts.join(if spaced { " " } else { "" });
            match Deadline::parse(&s, reference()) {
                Ok(d) => prop_assert_eq!(&d.written, &s),
                Err(e) => prop_assert!(e.to_string().contains(&s)),
            }
            let _ = Deadline::parse(&s, NaiveDate::MAX);
            let _ = Deadline::parse(&s, NaiveDate::MIN);
        }
    }
}
