//! Deadlines as written in directives (`quý II/2025`, `tháng 2.2026`,
//! `trước ngày 15/2`, `thường xuyên`…) and the day they mean.
//!
//! The wording is folded first (diacritics, `đ` and letter case dropped, spaces
//! collapsed), a leading verb (`hoàn thành`, `xong trước`…) and lead words
//! (`trước`, `chậm nhất`, `trong`, `đến hết`, `cuối`…) are stripped, and what is
//! left must be one of a few whole forms: a day, a month, a quarter, a half or a
//! year, or an ongoing or vague phrase. Anything else, and any impossible date,
//! is an error: a date is never silently moved.

use chrono::{Datelike, NaiveDate};

use crate::fold::fold;

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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("deadline \"{written}\" cannot be read: {reason}; accepted forms: {ACCEPTED_FORMS}")]
pub struct DeadlineError {
    /// The text as written.
    pub written: String,
    /// Why it was refused.
    pub reason: String,
}

impl Deadline {
    /// Reads a deadline's wording. `reference` is the directive's issue date: it
    /// gives the year to forms written without one.
    ///
    /// # Errors
    /// Unknown wording and impossible dates (`31/2/2026`, `quý 5/2026`).
    pub fn parse(written: &str, reference: NaiveDate) -> Result<Deadline, DeadlineError> {
        let refuse = |reason: String| DeadlineError { written: written.to_owned(), reason };
        let text = normalize(written);
        if text.is_empty() {
            return Err(refuse("it is empty".to_owned()));
        }
        match read(&text, reference) {
            Ok(Some(due)) => Ok(Deadline { written: written.to_owned(), due }),
            Ok(None) => Err(refuse("it is not a deadline form sauro knows".to_owned())),
            Err(reason) => Err(refuse(reason)),
        }
    }

    /// A deadline given as a date (a TOML date in a directive file).
    pub fn on(date: NaiveDate) -> Deadline {
        Deadline { written: date.format("%Y-%m-%d").to_string(), due: Due::On(date) }
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
const ONGOING: &[&str] = &["thuong xuyen", "hang nam", "lien tuc", "hang quy", "hang thang"];

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
const LEADS: &[&str] = &["cham nhat la", "cham nhat", "den het", "den", "trong", "vao", "cuoi", "het"];

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
fn read(text: &str, reference: NaiveDate) -> Result<Option<Due>, String> {
    let mut text = text;
    while let Some(rest) = FILLERS.iter().find_map(|f| strip_words(text, f)) {
        text = rest;
    }
    if text.is_empty() {
        return Err("it names no time after its verb".to_owned());
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
) -> Result<Option<NaiveDate>, String> {
    let words: Vec<&str> = text.split(' ').collect();
    let period = matches!(
        words.as_slice(),
        ["thang" | "quy" | "nam" | "nua", ..] | [_, "thang", "dau" | "cuoi", ..]
    );
    if before && period {
        return Err("\"trước\" (before) a month, quarter or year is ambiguous: give the day"
            .to_owned());
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
) -> Result<Option<NaiveDate>, String> {
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
                [_, y] if y.len() == 4 => {
                    Err(format!("{token} reads as a month: write tháng {token}"))
                }
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
) -> Result<Option<NaiveDate>, String> {
    let (d, m) = (number(d)?, number(m)?);
    check_month(m)?;
    check_day(d)?;
    // Any year, leap or not: 2000 was a leap year.
    let most = last_day(2000, m)?.day();
    if d > most {
        return Err(format!("{d}/{m} does not exist: month {m} has at most {most} days"));
    }
    if !allowed {
        return Err(format!("{d}/{m} has no year: write {d}/{m}/YYYY, or trước {d}/{m}"));
    }
    let y = if (m, d) < (reference.month(), reference.day()) {
        reference.year().checked_add(1).ok_or_else(|| format!("{d}/{m} is out of range"))?
    } else {
        reference.year()
    };
    date(y, m, d).map(Some)
}

/// `2/2026`, `2.2026`, `02/2026`, `6 nam 2025`, `6` (the reference's year): the
/// month's last day.
fn read_month(words: &[&str], reference: NaiveDate) -> Result<Option<NaiveDate>, String> {
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
fn read_quarter(words: &[&str], reference: NaiveDate) -> Result<Option<NaiveDate>, String> {
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
) -> Result<Option<NaiveDate>, String> {
    let n = number(months)?;
    if !(1..=12).contains(&n) {
        return Err(format!("a year has no {n} months"));
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
fn quarter(token: &str) -> Result<Option<u32>, String> {
    let q = if is_digits(token) {
        number(token)?
    } else {
        match token {
            "i" => 1,
            "ii" => 2,
            "iii" => 3,
            "iv" => 4,
            t if !t.is_empty() && t.chars().all(|c| "ivxlcdm".contains(c)) => {
                return Err(format!(
                    "there is no quarter {}: quarters are 1–4 or I–IV",
                    t.to_uppercase()
                ));
            }
            _ => return Ok(None),
        }
    };
    if (1..=4).contains(&q) {
        Ok(Some(q))
    } else {
        Err(format!("there is no quarter {q}: quarters are 1–4 or I–IV"))
    }
}

/// A checked day: never moved to a nearby one.
fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    check_month(m)?;
    check_day(d)?;
    let last = last_day(y, m)?.day();
    if d > last {
        return Err(format!("{d}/{m}/{y} does not exist: month {m} of {y} has {last} days"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("{d}/{m}/{y} is not a date"))
}

/// The last day of month `m` of year `y`.
fn last_day(y: i32, m: u32) -> Result<NaiveDate, String> {
    check_month(m)?;
    let (next_year, next_month) = if m == 12 { (y.checked_add(1), 1) } else { (Some(y), m + 1) };
    next_year
        .and_then(|ny| NaiveDate::from_ymd_opt(ny, next_month, 1))
        .and_then(|first| first.pred_opt())
        .ok_or_else(|| format!("month {m} of {y} is out of range"))
}

fn check_month(m: u32) -> Result<(), String> {
    if (1..=12).contains(&m) { Ok(()) } else { Err(format!("there is no month {m}")) }
}

fn check_day(d: u32) -> Result<(), String> {
    if (1..=31).contains(&d) { Ok(()) } else { Err(format!("there is no day {d}")) }
}

/// A number already known to be all digits; too large ones are refused.
fn number(digits: &str) -> Result<u32, String> {
    digits.parse::<u32>().map_err(|_| format!("the number {digits} is too large"))
}

/// A four-digit year.
fn year(digits: &str) -> Result<i32, String> {
    if digits.len() != 4 || digits.starts_with('0') {
        return Err(format!("year {digits} is not a four-digit year"));
    }
    digits.parse::<i32>().map_err(|_| format!("year {digits} is not a four-digit year"))
}

/// `tại kỳ họp thứ 9` (any session number, optionally `… Quốc hội khóa XV`).
fn is_session(text: &str) -> bool {
    let text = strip_words(text, "tai").unwrap_or(text);
    let Some(rest) = strip_words(text, "ky hop thu") else {
        return false;
    };
    let (number, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let number_ok = !number.is_empty()
        && (is_digits(number) || number.chars().all(|c| "ivxlc".contains(c)));
    number_ok && (rest.is_empty() || strip_words(rest, "quoc hoi").is_some())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
