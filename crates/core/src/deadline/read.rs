//! The grammar of deadline wordings, read on folded text (see `normalize`).
//!
//! Order of reading: leading verbs are dropped; then whole ongoing,
//! recurring and vague phrases are tried; then lead words (`trước`,
//! `trong`, `đến hết`…) are dropped and what is left must be one form: a
//! day, a month (or several), a quarter, a half, a year, a range of years,
//! a period relative to the issue day, or `trước Tết`.

use chrono::{Datelike, NaiveDate};

use super::recur::Recurrence;
use super::{DeadlineReason, Due};
use crate::calendar::{Calendar, tet};
use crate::fold::fold;

/// Leading words a reader skips: `hoàn thành trong Quý II/2025` is `Quý II/2025`,
/// `Thời gian hoàn thành trong quý 2/2026` is `quý 2/2026`.
/// Folded, commas removed; longer phrases first.
const FILLERS: &[&str] = &[
    "thoi gian hoan thanh",
    "thoi gian thuc hien",
    "thoi gian",
    "hoan thanh trong",
    "hoan thanh",
    "xong truoc",
    "van hanh trien khai chinh thuc",
    "trien khai chinh thuc",
    "van hanh",
    "yeu cau",
    "cung",
    "nhiem vu",
    "thuc hien",
];

/// Phrases meaning ongoing work, folded; a wording of one or more of them
/// (`thường xuyên, liên tục`) is ongoing.
const ONGOING: &[&str] = &["thuong xuyen", "hang nam", "lien tuc"];

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
/// ("before") is handled apart: only a day (or Tết) may follow it.
const LEADS: &[&str] = &[
    "cham nhat la",
    "cham nhat",
    "den het",
    "den",
    "trong vong",
    "trong thoi han",
    "trong",
    "vao",
    "cuoi",
    "het",
    "giai doan",
];

/// The ten heavenly stems and twelve earthly branches, folded (`tý` and
/// `tỵ` both fold to `ty`: the stem tells them apart).
const STEMS: [&str; 10] = [
    "giap", "at", "binh", "dinh", "mau", "ky", "canh", "tan", "nham", "quy",
];
const BRANCHES: [&str; 12] = [
    "ty", "suu", "dan", "mao", "thin", "ty", "ngo", "mui", "than", "dau", "tuat", "hoi",
];

/// Documents a relative deadline counts from ("kể từ ngày ký Quyết định này").
const DOCUMENTS: &[&str] = &[
    "quyet dinh",
    "chi thi",
    "nghi quyet",
    "thong bao",
    "ke hoach",
    "chuong trinh",
    "cong dien",
    "cong van",
    "ket luan",
    "van ban",
];

/// The most days a relative deadline may count.
const MOST_DAYS: u32 = 3660;

/// Folds, drops commas, semicolons and colons, reads any dash as `-`, collapses
/// spaces, glues `/` and `-` to their neighbours and drops surrounding
/// punctuation.
pub(super) fn normalize(written: &str) -> String {
    let folded = fold(written)
        .replace('ð', "d")
        .replace([',', ';', ':'], " ")
        .replace(
            [
                '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}',
            ],
            "-",
        );
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let glued = collapsed
        .replace(" /", "/")
        .replace("/ ", "/")
        .replace(" -", "-")
        .replace("- ", "-");
    glued
        .trim_end_matches(['.', ';', ':', ' '])
        .trim_start_matches(['-', '+', '*', '\u{2022}', ' '])
        .to_owned()
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

/// `text` without the trailing words `suffix`.
fn strip_words_end<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let rest = text.strip_suffix(suffix)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_suffix(' ')
    }
}

/// Reads normalized text. `Ok(None)`: no known form; `Err`: a known form naming
/// an impossible date. `reference` is the issue day; `calendar` counts working days.
///
/// The strict grammar first; then what real appendix cells add around it
/// (see [`read_loosely`]).
pub(super) fn read(
    text: &str,
    reference: NaiveDate,
    calendar: &Calendar,
) -> Result<Option<Due>, DeadlineReason> {
    // A remark in brackets after the time: `Quý III/2025 (trình Chính phủ)`.
    if let Some(open) = text.find('(')
        && text.ends_with(')')
        && open > 0
    {
        let head = text[..open].trim_end();
        if let Some(due) = read(head, reference, calendar)? {
            return Ok(Some(due));
        }
    }
    match read_strict(text, reference, calendar)? {
        Some(due) => Ok(Some(due)),
        None => read_loosely(text, reference, calendar),
    }
}

/// Words that may open the time inside a longer cell
/// (`Trình Chính phủ trong Quý III/2025`).
const TIME_STARTS: &[&str] = &[
    "trong", "truoc", "cham", "den", "vao", "nam", "quy", "thang", "ngay", "cuoi", "giai",
];

/// Words that change what a following time means (`sau năm 2030`, `từ
/// quý III/2025`, `kể từ`, `bắt đầu`, `ngoài`): a time after them is no
/// deadline.
const NOT_BEFORE_TIME: &[&str] = &["sau", "tu", "ke", "bat", "ngoai", "khong"];

/// Opening words of a cross-reference or a condition: no date yet
/// (`Theo tiến độ của dự án`, `Khi có yêu cầu`, `Sau khi Luật được ban hành`,
/// `Đầu năm 2026`).
const NO_DATE_YET: &[&str] = &["theo", "khi", "sau khi", "tuy theo", "tuy", "dau", "giua"];

/// The forms real appendix cells add around the strict grammar, tried in
/// order when it reads nothing:
/// - yearly days written the other way round (`Hằng năm, trước 15/12`);
/// - periodic words after a period (`Định kỳ hằng năm`, `Giai đoạn
///   2025-2030, hằng năm`): ongoing;
/// - ranges of months or quarters (`Tháng 10-12/2025`, `Quý I-II/2026`,
///   `Tháng 11/2025 - tháng 12/2025`): the end counts;
/// - several years (`Năm 2025, 2026`): the last;
/// - the time after a leading action (`Trình Chính phủ trong Quý III/2025`);
/// - cross-references and conditions (`Theo tiến độ …`, `Khi có yêu cầu`,
///   `Sau khi …`, `Đầu năm 2026`): no date yet (vague).
fn read_loosely(
    text: &str,
    reference: NaiveDate,
    calendar: &Calendar,
) -> Result<Option<Due>, DeadlineReason> {
    let strict = |t: &str| read_strict(t, reference, calendar);
    if let Some(rest) = strip_words(text, "hang nam")
        && let Some(r) = yearly_days(&format!("{rest} hang nam"))?
    {
        return Ok(Some(Due::Recurring(r)));
    }
    if let Some(head) = strip_words_end(text, "hang nam")
        && (head.is_empty() || strip_words(head, "dinh ky").is_some() || strict(head)?.is_some())
    {
        return Ok(Some(Due::Ongoing));
    }
    if let Some((left, right)) = text.rsplit_once('-') {
        let unit = left.split(' ').next().unwrap_or_default();
        for candidate in [right.to_owned(), format!("{unit} {right}")] {
            if let Some(due @ Due::On(_)) = strict(&candidate)? {
                return Ok(Some(due));
            }
        }
    }
    let words: Vec<&str> = text.split(' ').collect();
    let years = words.strip_prefix(&["nam"]).unwrap_or(&words);
    if years.len() > 1 && years.iter().all(|y| is_digits(y) && y.len() == 4) {
        return strict(years.last().copied().unwrap_or_default());
    }
    if NO_DATE_YET.iter().any(|w| strip_words(text, w).is_some()) {
        return Ok(Some(Due::Vague));
    }
    for i in 1..words.len() {
        // An action may stand before the time, a number or "after", "from"
        // may not (`sau năm 2030` is no deadline of 2030).
        if words[..i]
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()) || NOT_BEFORE_TIME.contains(w))
        {
            break;
        }
        if TIME_STARTS.contains(&words[i])
            && let Some(due) = strict(&words[i..].join(" "))?
        {
            return Ok(Some(due));
        }
    }
    Ok(None)
}

/// The strict grammar (see the module's doc).
fn read_strict(
    text: &str,
    reference: NaiveDate,
    calendar: &Calendar,
) -> Result<Option<Due>, DeadlineReason> {
    let mut text = text;
    while let Some(rest) = FILLERS.iter().find_map(|f| strip_words(text, f)) {
        text = rest;
    }
    if text.is_empty() {
        return Err(DeadlineReason::NoTimeAfterVerb);
    }
    if is_ongoing(text) || ongoing_from_a_year(text)? {
        return Ok(Some(Due::Ongoing));
    }
    if let Some(r) = read_recurring(text)? {
        return Ok(Some(Due::Recurring(r)));
    }
    if VAGUE.contains(&text) || is_session(text) {
        return Ok(Some(Due::Vague));
    }

    let mut lead = false;
    let mut before = false;
    // `từ nay đến năm 2027`, `từ năm 2025 đến năm 2027`: the end counts.
    if let Some(rest) = strip_words(text, "tu")
        && let Some((start, end)) = rest.split_once(" den ")
    {
        check_range_start(start, end)?;
        text = end;
        lead = true;
    }
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
    let context = Context {
        lead,
        before,
        reference,
        calendar,
    };
    Ok(read_form(text, &context)?.map(Due::On))
}

/// What a form is read with.
struct Context<'a> {
    /// Some lead word stood before (a day may then omit its year).
    lead: bool,
    /// One was `trước`.
    before: bool,
    /// The issue day.
    reference: NaiveDate,
    /// Working days.
    calendar: &'a Calendar,
}

/// `từ năm 2027 đến năm 2025`: a range that ends before it starts.
fn check_range_start(start: &str, end: &str) -> Result<(), DeadlineReason> {
    let bare = |s: &str| strip_words(s, "nam").unwrap_or(s).to_owned();
    let end = strip_words(end, "het").unwrap_or(end);
    let (start, end) = (bare(start), bare(end));
    if is_digits(&start) && is_digits(&end) {
        let (from, to) = (year(&start)?, year(&end)?);
        if to < from {
            return Err(DeadlineReason::RangeBackwards { from, to });
        }
    }
    Ok(())
}

/// One or more ongoing phrases: `thường xuyên`, `thường xuyên, liên tục`,
/// `thường xuyên và hằng năm`.
fn is_ongoing(text: &str) -> bool {
    let mut rest = text;
    let mut any = false;
    loop {
        if let Some(r) = ONGOING.iter().find_map(|p| strip_words(rest, p)) {
            rest = r;
            any = true;
        } else if any && let Some(r) = strip_words(rest, "va") {
            rest = r;
        } else {
            return any && rest.is_empty();
        }
    }
}

/// Ongoing from a year on: `2025 và những năm tiếp theo`, `các năm tiếp
/// theo`, `từ năm 2026`, `từ năm 2026 trở đi`.
fn ongoing_from_a_year(text: &str) -> Result<bool, DeadlineReason> {
    let words: Vec<&str> = text.split(' ').collect();
    let next_years = |w: &[&str]| matches!(w, ["nhung" | "cac", "nam", "tiep", "theo"]);
    let a_year = |w: &[&str]| -> Result<bool, DeadlineReason> {
        match w {
            [y] | ["nam", y] if is_digits(y) => year(y).map(|_| true),
            _ => Ok(false),
        }
    };
    if next_years(&words) {
        return Ok(true);
    }
    if let Some(i) = words.iter().position(|w| *w == "va")
        && next_years(&words[i + 1..])
    {
        let head = &words[..i];
        let head = head.strip_prefix(&["tu"]).unwrap_or(head);
        return a_year(head);
    }
    if let Some(rest) = words.strip_prefix(&["tu"]) {
        let rest = rest.strip_suffix(&["tro", "di"]).unwrap_or(rest);
        if matches!(rest, ["nam", _]) {
            return a_year(rest);
        }
    }
    Ok(false)
}

/// Recurring wordings: `hằng quý`, `hằng tháng`, `định kỳ 6 tháng`,
/// `hằng tháng trước ngày 20`, `trước ngày 15 tháng 6 và trước ngày 01
/// tháng 12`, `trước ngày 15/12 hằng năm`.
fn read_recurring(text: &str) -> Result<Option<Recurrence>, DeadlineReason> {
    let periodic = strip_words(text, "dinh ky");
    let body = periodic.unwrap_or(text);
    let body = strip_words(body, "moi").unwrap_or(body);
    match body.split(' ').collect::<Vec<_>>().as_slice() {
        ["hang" | "moi", "quy"] | ["quy", "mot", "lan"] => {
            return Ok(Some(Recurrence::PeriodEnd { months: 3 }));
        }
        ["hang" | "moi", "thang"] | ["thang", "mot", "lan"] => {
            return Ok(Some(Recurrence::PeriodEnd { months: 1 }));
        }
        [n, "thang"] | [n, "thang", "mot", "lan"] if is_digits(n) && periodic.is_some() => {
            let months = number(n)?;
            if months == 0 || months > 12 || 12 % months != 0 {
                return Err(DeadlineReason::NoSuchPeriod { months });
            }
            return Ok(Some(Recurrence::PeriodEnd {
                months: months as u8,
            }));
        }
        _ => {}
    }
    if let Some(day) = monthly_day(body)? {
        return Ok(Some(Recurrence::MonthDay { day }));
    }
    yearly_days(body)
}

/// `hằng tháng trước ngày 20`, `trước ngày 20 hằng tháng`, `ngày 20 hằng tháng`.
fn monthly_day(text: &str) -> Result<Option<u8>, DeadlineReason> {
    let rest = strip_words(text, "hang thang")
        .or_else(|| strip_words_end(text, "hang thang"))
        .or_else(|| strip_words_end(text, "cua thang"));
    let Some(rest) = rest else { return Ok(None) };
    let rest = strip_words(rest, "truoc").unwrap_or(rest);
    let rest = strip_words(rest, "vao").unwrap_or(rest);
    let rest = strip_words(rest, "ngay").unwrap_or(rest);
    if !is_digits(rest) {
        return Ok(None);
    }
    let d = number(rest)?;
    check_day(d)?;
    Ok(Some(d as u8))
}

/// Days of every year: two or more days without a year joined by `và`, or
/// one followed by `hằng năm`.
fn yearly_days(text: &str) -> Result<Option<Recurrence>, DeadlineReason> {
    let (body, yearly) = match strip_words_end(text, "hang nam") {
        Some(b) => (b, true),
        None => (text, false),
    };
    let parts: Vec<&str> = body.split(" va ").collect();
    if parts.len() < 2 && !yearly {
        return Ok(None);
    }
    let mut days = Vec::new();
    for part in parts {
        let mut p = part;
        while let Some(r) = ["truoc", "cham nhat", "vao", "ngay"]
            .iter()
            .find_map(|l| strip_words(p, l))
        {
            p = r;
        }
        let words: Vec<&str> = p.split(' ').collect();
        let (d, m) = match words.as_slice() {
            [token] => match token.split_once(['/', '.', '-']) {
                Some((d, m)) if is_digits(d) && is_digits(m) => (d, m),
                _ => return Ok(None),
            },
            [d, "thang", m] if is_digits(d) && is_digits(m) => (*d, *m),
            _ => return Ok(None),
        };
        let (d, m) = day_of_any_year(d, m)?;
        days.push((m as u8, d as u8));
    }
    match Recurrence::year_days(days) {
        Some(r) => Ok(Some(r)),
        None => Err(DeadlineReason::TooManyDays {
            most: super::recur::MOST_YEAR_DAYS,
        }),
    }
}

/// Reads what is left once verbs and lead words are gone.
fn read_form(text: &str, cx: &Context<'_>) -> Result<Option<NaiveDate>, DeadlineReason> {
    let words: Vec<&str> = text.split(' ').collect();
    let bare_period = matches!(words.as_slice(), [t] if is_month_token(t) || is_year_token(t));
    let period = bare_period
        || matches!(
            words.as_slice(),
            ["thang" | "quy" | "nam" | "nua", ..] | [_, "thang", "dau" | "cuoi", ..]
        );
    if cx.before && period {
        return day_before_period(&words, cx);
    }
    let reference = cx.reference;
    match words.as_slice() {
        ["tet", rest @ ..] if cx.before => read_tet(rest, reference),
        ["ngay", rest @ ..] => read_day(rest, true, reference),
        ["thang", "nay"] => last_day(reference.year(), reference.month()).map(Some),
        ["quy", "nay"] => last_day(reference.year(), reference.month().div_ceil(3) * 3).map(Some),
        ["nam", "nay"] => last_day(reference.year(), 12).map(Some),
        ["thang", rest @ ..] => read_month(rest, reference),
        ["quy", rest @ ..] => read_quarter(rest, reference),
        ["nam", y] => read_years(y),
        [y] if is_year_token(y) => read_years(y),
        [n, "thang", half @ ("dau" | "cuoi"), "nam", rest @ ..] if is_digits(n) => {
            read_half(n, half, rest, reference)
        }
        ["nua", half @ ("dau" | "cuoi"), "nam", rest @ ..] => read_half("6", half, rest, reference),
        [n, "ngay", rest @ ..] if is_digits(n) => read_relative(n, rest, cx),
        [t] if is_month_token(t) => read_month(&words, reference),
        _ => read_day(&words, cx.lead, reference),
    }
}

/// `trước tháng 6/2026`, `trước quý III/2025`, `trước năm 2027`: the last
/// day before that month, quarter or year begins. Before a half or a range
/// of years the wording stays ambiguous and is refused.
fn day_before_period(
    words: &[&str],
    cx: &Context<'_>,
) -> Result<Option<NaiveDate>, DeadlineReason> {
    let plain = Context {
        lead: cx.lead,
        before: false,
        reference: cx.reference,
        calendar: cx.calendar,
    };
    let Some(end) = read_form(&words.join(" "), &plain)? else {
        return Ok(None);
    };
    let start = match words {
        ["thang", ..] => NaiveDate::from_ymd_opt(end.year(), end.month(), 1),
        [t] if is_month_token(t) => NaiveDate::from_ymd_opt(end.year(), end.month(), 1),
        ["quy", ..] => NaiveDate::from_ymd_opt(end.year(), end.month() - 2, 1),
        ["nam", y] | [y] if is_digits(y) => NaiveDate::from_ymd_opt(end.year(), 1, 1),
        _ => return Err(DeadlineReason::BeforePeriod),
    };
    start
        .and_then(|d| d.pred_opt())
        .map(Some)
        .ok_or(DeadlineReason::OutOfRange)
}

/// `2025`, `2025-2026`.
fn is_year_token(t: &str) -> bool {
    match t.split_once('-') {
        Some((a, b)) => is_digits(a) && is_digits(b) && a.len() == 4 && b.len() == 4,
        None => is_digits(t) && t.len() == 4,
    }
}

/// `6/2025`, `06.2025`, `12-2028`: a month and a four-digit year.
fn is_month_token(t: &str) -> bool {
    match t.split_once(['/', '.', '-']) {
        Some((m, y)) => is_digits(m) && m.len() <= 2 && is_digits(y) && y.len() == 4,
        None => false,
    }
}

/// A year (`2025`) or a range of years (`2025-2026`): 31 December of the last.
fn read_years(token: &str) -> Result<Option<NaiveDate>, DeadlineReason> {
    match token.split_once('-') {
        Some((a, b)) if is_digits(a) && is_digits(b) => {
            let (from, to) = (year(a)?, year(b)?);
            if to < from {
                return Err(DeadlineReason::RangeBackwards { from, to });
            }
            last_day(to, 12).map(Some)
        }
        None if is_digits(token) => last_day(year(token)?, 12).map(Some),
        _ => Ok(None),
    }
}

/// `30 ngày kể từ ngày ký`, `15 ngày làm việc kể từ ngày ban hành Quyết
/// định này`: counted from the issue day. A count of days ending on a day
/// off ends on the next working day.
fn read_relative(
    n: &str,
    rest: &[&str],
    cx: &Context<'_>,
) -> Result<Option<NaiveDate>, DeadlineReason> {
    let (working, rest) = match rest {
        ["lam", "viec", rest @ ..] => (true, rest),
        rest => (false, rest),
    };
    let Some(anchor) = rest.strip_prefix(&["ke", "tu", "ngay"]) else {
        return Ok(None);
    };
    let anchor = anchor.join(" ");
    let anchor = strip_words(&anchor, "ky")
        .map(|r| strip_words(r, "ban hanh").unwrap_or(r))
        .or_else(|| strip_words(&anchor, "ban hanh"));
    let Some(doc) = anchor else { return Ok(None) };
    let known_doc = doc.is_empty()
        || DOCUMENTS
            .iter()
            .any(|d| strip_words(doc, d).is_some_and(|r| r == "nay"));
    if !known_doc {
        return Ok(None);
    }
    let n = number(n)?;
    if n == 0 || n > MOST_DAYS {
        return Err(DeadlineReason::NoSuchCount {
            days: n,
            most: MOST_DAYS,
        });
    }
    let due = if working {
        cx.calendar.add_working_days(cx.reference, n)
    } else {
        cx.calendar.add_days(cx.reference, n)
    };
    due.map(Some).ok_or(DeadlineReason::OutOfRange)
}

/// `trước Tết`, `trước Tết Nguyên đán [năm] [Bính Ngọ] [2026]`: the day
/// before the first day of that lunar year; with no year, the first Tết
/// after the issue day.
fn read_tet(words: &[&str], reference: NaiveDate) -> Result<Option<NaiveDate>, DeadlineReason> {
    let mut w = words;
    for skip in [&["nguyen", "dan"][..], &["am", "lich"], &["co", "truyen"]] {
        if let Some(r) = w.strip_prefix(skip) {
            w = r;
            break;
        }
    }
    let w = w.strip_prefix(&["nam"]).unwrap_or(w);
    let (name, w) = match w {
        [s, b, rest @ ..] if STEMS.contains(s) && BRANCHES.contains(b) => (Some((*s, *b)), rest),
        w => (None, w),
    };
    let w = w.strip_prefix(&["nam"]).unwrap_or(w);
    let lunar_year = match w {
        [] => {
            // The first Tết after the issue day.
            let y = reference.year();
            let first = [y, y.saturating_add(1)]
                .into_iter()
                .find(|&y| tet(y).is_some_and(|t| t > reference));
            match (first, name) {
                (Some(y), None) => y,
                (Some(y), Some(n)) => (y..y.saturating_add(12))
                    .find(|&y| is_named(y, n))
                    .ok_or(DeadlineReason::UnknownForm)?,
                (None, _) => return Err(DeadlineReason::OutOfRange),
            }
        }
        [y] if is_digits(y) => {
            let y = year(y)?;
            if let Some(n) = name
                && !is_named(y, n)
            {
                return Err(DeadlineReason::WrongYearName {
                    year: y,
                    name: format!("{} {}", n.0, n.1),
                });
            }
            y
        }
        _ => return Ok(None),
    };
    tet(lunar_year)
        .and_then(|t| t.pred_opt())
        .map(Some)
        .ok_or(DeadlineReason::OutOfRange)
}

/// True when lunar year `y` is called `stem branch` (folded): 2026 is Bính Ngọ.
fn is_named(y: i32, (stem, branch): (&str, &str)) -> bool {
    let s = y.rem_euclid(10) as usize;
    let b = y.rem_euclid(12) as usize;
    // 4 AD was Giáp Tý: stem (y - 4) mod 10, branch (y - 4) mod 12.
    STEMS[(s + 6) % 10] == stem && BRANCHES[(b + 8) % 12] == branch
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
                [_, y] if y.len() == 4 => Ok(None),
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
/// A day and month written without a year (`15/6`, `15 tháng 6`): both
/// numbers, the month real, and the day one the month has in some year
/// (2000 was a leap year, so 29/2 passes).
fn day_of_any_year(d: &str, m: &str) -> Result<(u32, u32), DeadlineReason> {
    let (d, m) = (number(d)?, number(m)?);
    check_month(m)?;
    check_day(d)?;
    let most = last_day(2000, m)?.day();
    if d > most {
        return Err(DeadlineReason::DayNeverInMonth {
            day: d,
            month: m,
            most,
        });
    }
    Ok((d, m))
}

fn day_without_year(
    d: &str,
    m: &str,
    allowed: bool,
    reference: NaiveDate,
) -> Result<Option<NaiveDate>, DeadlineReason> {
    let (d, m) = day_of_any_year(d, m)?;
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

/// `2/2026`, `2.2026`, `02/2026`, `6 nam 2025`, `6` (the reference's year),
/// several months (`11 thang 12 nam 2025`, `11 va 12/2025`): the last one's last day.
fn read_month(words: &[&str], reference: NaiveDate) -> Result<Option<NaiveDate>, DeadlineReason> {
    let words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "thang" | "va"))
        .collect();
    let (earlier, (m, y)) = match words.as_slice() {
        [earlier @ .., m, "nam", y] if is_digits(m) && is_digits(y) => {
            (earlier, (number(m)?, year(y)?))
        }
        [earlier @ .., token] => match token.split_once(['/', '.', '-']) {
            Some((m, y)) if is_digits(m) && is_digits(y) => (earlier, (number(m)?, year(y)?)),
            Some(_) => return Ok(None),
            None if is_digits(token) => (earlier, (number(token)?, reference.year())),
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    for e in earlier {
        if !is_digits(e) {
            return Ok(None);
        }
        check_month(number(e)?)?;
    }
    last_day(y, m).map(Some)
}

/// `1/2026`, `i/2026`, `ii nam 2025`, `3` (the reference's year), several
/// quarters (`3 quy 4 nam 2025`): the last one's last day.
fn read_quarter(words: &[&str], reference: NaiveDate) -> Result<Option<NaiveDate>, DeadlineReason> {
    let words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "quy" | "va"))
        .collect();
    let (earlier, q, y) = match words.as_slice() {
        [earlier @ .., q, "nam", y] if is_digits(y) => (earlier, *q, Some(*y)),
        [earlier @ .., token] => match token.split_once(['/', '.', '-']) {
            Some((q, y)) if is_digits(y) => (earlier, q, Some(y)),
            Some(_) => return Ok(None),
            None => (earlier, *token, None),
        },
        _ => return Ok(None),
    };
    for e in earlier {
        if quarter(e)?.is_none() {
            return Ok(None);
        }
    }
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
