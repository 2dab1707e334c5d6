//! Deadlines as written in directives (`quý II/2025`, `tháng 2.2026`,
//! `trước ngày 15/2`, `thường xuyên`…) and the day they mean.
//!
//! The wording is folded first (diacritics, `đ` and letter case dropped, spaces
//! collapsed), a leading verb (`hoàn thành`, `xong trước`…) and lead words
//! (`trước`, `chậm nhất`, `trong`, `đến hết`, `cuối`…) are stripped, and what is
//! left must be one of a few whole forms: a day, a month, a quarter, a half or a
//! year, or an ongoing or vague phrase. Anything else, and any impossible date,
//! is an error: a date is never silently moved.

mod read;
mod recur;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::lang::Lang;

pub use recur::Recurrence;

/// The forms a deadline may be written in, for error messages.
pub const ACCEPTED_FORMS: &str = "19/8/2025, 2025-08-19, ngày 19 tháng 8 năm 2025, \
trước (ngày) 30/6/2025, chậm nhất ngày 30/6/2025, trước 15/2, tháng 2/2026, tháng 2.2026, \
6/2025, tháng 6 năm 2025, trong tháng 11, tháng 12 năm 2025, quý 1/2026, Quý II/2025, quý 3, \
6 tháng đầu năm 2025, năm 2026, 2025, cuối năm 2025, đến hết năm 2025, 2025 - 2026, \
giai đoạn 2025 - 2027, từ nay đến năm 2027, năm nay, quý này, tháng này, \
trong 30 ngày kể từ ngày ký, trong 10 ngày làm việc kể từ ngày ban hành, trước Tết Nguyên đán 2026, \
thường xuyên, hằng năm, liên tục, 2025 và những năm tiếp theo, từ năm 2026, hằng quý, \
định kỳ 6 tháng, hằng tháng trước ngày 20, trước ngày 15/6 và trước ngày 01/12, \
khẩn trương, sớm, tại kỳ họp thứ 9";

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
    /// Recurring (`hằng quý`, `định kỳ 6 tháng`): no single day, a next
    /// occurrence on or after any day. Never overdue as a whole.
    Recurring(Recurrence),
}

impl Due {
    /// The day, when the wording names one.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Due::On(d) => Some(d),
            Due::Ongoing | Due::Vague | Due::Recurring(_) => None,
        }
    }

    /// The day that counts as of `as_of`: the day itself, or for a
    /// recurring deadline its next occurrence on or after `as_of`.
    pub fn date_as_of(self, as_of: NaiveDate) -> Option<NaiveDate> {
        match self {
            Due::On(d) => Some(d),
            Due::Recurring(r) => r.next_on_or_after(as_of),
            Due::Ongoing | Due::Vague => None,
        }
    }

    /// True when the wording names a day, or days that recur (and so
    /// passes rõ thời hạn).
    pub fn is_dated(self) -> bool {
        matches!(self, Due::On(_) | Due::Recurring(_))
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
    /// A day counted from the issue day (or a Tết) beyond the calendar's range.
    OutOfRange,
    /// `2026 - 2025`: a range of years that ends before it starts.
    RangeBackwards {
        /// The first year.
        from: i32,
        /// The last year.
        to: i32,
    },
    /// `định kỳ 5 tháng`: a period that does not divide the year.
    NoSuchPeriod {
        /// The months written.
        months: u32,
    },
    /// More recurring days than a deadline may name.
    TooManyDays {
        /// The most allowed.
        most: usize,
    },
    /// `trong 0 ngày`, or more days than a deadline may count.
    NoSuchCount {
        /// The days written.
        days: u32,
        /// The most allowed.
        most: u32,
    },
    /// `trước Tết Bính Ngọ 2025`: the name is not that year's.
    WrongYearName {
        /// The year written.
        year: i32,
        /// The name written (folded).
        name: String,
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
                DeadlineReason::OutOfRange => {
                    "ngày này nằm ngoài phạm vi ngày tháng đọc được".to_owned()
                }
                DeadlineReason::RangeBackwards { from, to } => {
                    format!("giai đoạn {from} - {to} kết thúc trước khi bắt đầu")
                }
                DeadlineReason::NoSuchPeriod { months } => format!(
                    "định kỳ {months} tháng không chia đều một năm: hãy dùng 1, 2, 3, 4, 6 hoặc 12 tháng"
                ),
                DeadlineReason::TooManyDays { most } => {
                    format!("một thời hạn định kỳ nêu nhiều nhất {most} ngày trong năm")
                }
                DeadlineReason::NoSuchCount { days, most } => {
                    format!("{days} ngày: số ngày phải từ 1 đến {most}")
                }
                DeadlineReason::WrongYearName { year, name } => {
                    format!("năm âm lịch {year} không phải năm {name}")
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
            DeadlineReason::OutOfRange => f.write_str("the day is out of range"),
            DeadlineReason::RangeBackwards { from, to } => {
                write!(f, "the period {from} - {to} ends before it starts")
            }
            DeadlineReason::NoSuchPeriod { months } => write!(
                f,
                "a period of {months} months does not divide the year: use 1, 2, 3, 4, 6 or 12"
            ),
            DeadlineReason::TooManyDays { most } => {
                write!(f, "a recurring deadline names at most {most} days a year")
            }
            DeadlineReason::NoSuchCount { days, most } => {
                write!(f, "{days} days: the count must be 1 to {most}")
            }
            DeadlineReason::WrongYearName { year, name } => {
                write!(f, "lunar year {year} is not the year {name}")
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
        Deadline::parse_with(written, reference, Calendar::bundled())
    }

    /// Reads a deadline's wording, counting working days (`trong 10 ngày làm
    /// việc kể từ ngày ký`) with `calendar`.
    ///
    /// # Errors
    /// As [`Deadline::parse`].
    pub fn parse_with(
        written: &str,
        reference: NaiveDate,
        calendar: &Calendar,
    ) -> Result<Deadline, DeadlineError> {
        let refuse = |reason: DeadlineReason| DeadlineError {
            written: written.to_owned(),
            reason,
        };
        let text = read::normalize(written);
        if text.is_empty() {
            return Err(refuse(DeadlineReason::Empty));
        }
        match read::read(&text, reference, calendar) {
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

    /// The day that counts as of `as_of` (see [`Due::date_as_of`]).
    pub fn date_as_of(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.due.date_as_of(as_of)
    }
}
