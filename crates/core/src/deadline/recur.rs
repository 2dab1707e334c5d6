//! Recurring deadlines (`hằng quý`, `định kỳ 6 tháng`, `hằng tháng trước
//! ngày 20`, `trước ngày 15 tháng 6 và trước ngày 01 tháng 12`): no single
//! day, but a next occurrence on or after any day.

use chrono::{Datelike, NaiveDate};

/// The most days a year a recurring deadline may name.
pub const MOST_YEAR_DAYS: usize = 6;

/// How a recurring deadline repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recurrence {
    /// The last day of every period of `months` months counted from
    /// January: 1 monthly, 3 quarterly (`hằng quý`), 6 half-yearly
    /// (`định kỳ 6 tháng`: 30/6 and 31/12). `months` divides 12.
    PeriodEnd {
        /// The length of the period, in months.
        months: u8,
    },
    /// Day `day` of every month (`hằng tháng trước ngày 20`); the month's
    /// last day when it is shorter.
    MonthDay {
        /// The day of the month, 1–31.
        day: u8,
    },
    /// The same days every year, as (month, day), sorted; the first `len`
    /// are used. 29/2 is 28/2 in a common year.
    YearDays {
        /// The days, (month, day).
        days: [(u8, u8); MOST_YEAR_DAYS],
        /// How many of `days` are used.
        len: u8,
    },
}

impl Recurrence {
    /// The days of a yearly recurrence, sorted and without repeats.
    /// `None` when there are none or too many.
    pub fn year_days(mut list: Vec<(u8, u8)>) -> Option<Recurrence> {
        list.sort_unstable();
        list.dedup();
        if list.is_empty() || list.len() > MOST_YEAR_DAYS {
            return None;
        }
        let mut days = [(0, 0); MOST_YEAR_DAYS];
        days[..list.len()].copy_from_slice(&list);
        Some(Recurrence::YearDays {
            days,
            len: list.len() as u8,
        })
    }

    /// The first occurrence on or after `day`; `None` past chrono's range.
    pub fn next_on_or_after(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Recurrence::PeriodEnd { months } => {
                let m = u32::from(months.max(1));
                let end_month = day.month().div_ceil(m) * m;
                month_end(day.year(), end_month.min(12))
            }
            Recurrence::MonthDay { day: d } => {
                let this = in_month(day.year(), day.month(), d)?;
                if this >= day {
                    return Some(this);
                }
                let (y, m) = if day.month() == 12 {
                    (day.year().checked_add(1)?, 1)
                } else {
                    (day.year(), day.month() + 1)
                };
                in_month(y, m, d)
            }
            Recurrence::YearDays { days, len } => {
                let days = &days[..usize::from(len)];
                [day.year(), day.year().checked_add(1)?]
                    .into_iter()
                    .flat_map(|y| days.iter().filter_map(move |&(m, d)| year_day(y, m, d)))
                    .find(|d| *d >= day)
            }
        }
    }

    /// The code stored in the database: `p3`, `m20`, `y0615,1201`.
    pub fn code(self) -> String {
        match self {
            Recurrence::PeriodEnd { months } => format!("p{months}"),
            Recurrence::MonthDay { day } => format!("m{day}"),
            Recurrence::YearDays { days, len } => {
                let parts: Vec<String> = days[..usize::from(len)]
                    .iter()
                    .map(|(m, d)| format!("{m:02}{d:02}"))
                    .collect();
                format!("y{}", parts.join(","))
            }
        }
    }

    /// Reads a code written by [`Recurrence::code`].
    pub fn from_code(code: &str) -> Option<Recurrence> {
        let (kind, rest) = code.split_at_checked(1)?;
        match kind {
            "p" => {
                let months: u8 = rest.parse().ok()?;
                (months > 0 && 12 % months == 0).then_some(Recurrence::PeriodEnd { months })
            }
            "m" => {
                let day: u8 = rest.parse().ok()?;
                (1..=31)
                    .contains(&day)
                    .then_some(Recurrence::MonthDay { day })
            }
            "y" => {
                let list = rest
                    .split(',')
                    .map(|p| {
                        let (m, d) = p.split_at_checked(2)?;
                        let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
                        year_day(2000, m, d).map(|_| (m, d))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Recurrence::year_days(list)
            }
            _ => None,
        }
    }
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 {
        (y.checked_add(1)?, 1)
    } else {
        (y, m + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Day `d` of month `m`, or the month's last day when shorter.
fn in_month(y: i32, m: u32, d: u8) -> Option<NaiveDate> {
    let last = month_end(y, m)?;
    Some(last.with_day(u32::from(d)).unwrap_or(last).min(last))
}

/// (month, day) in year `y`; 29/2 is 28/2 in a common year.
fn year_day(y: i32, m: u8, d: u8) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)).or_else(|| {
        (m == 2 && d == 29)
            .then(|| NaiveDate::from_ymd_opt(y, 2, 28))
            .flatten()
    })
}
