//! Vietnam's working days: the statutory days off of the Labour Code 2019
//! (art. 112), the lunar dates they depend on, the Prime Minister's yearly
//! schedule on top of them, and working-day arithmetic.
//!
//! A year's days off are worked out per holiday: a holiday the schedule
//! names for that year is taken as scheduled (its whole period, weekends
//! included); any other is computed from the law, with a day in lieu on the
//! next working day for each of its days that falls on a weekend.

mod lunar;
mod schedule;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::lang::Lang;

pub use lunar::{lunar_to_solar, tet};
pub use schedule::{Schedule, ScheduleError, ScheduledOff, ScheduledWork};

/// The schedule built into sauro (`data/calendar.toml`).
const BUNDLED: &str = include_str!("../../../../data/calendar.toml");

/// The most years [`Calendar::working_days_between`] works out one by one
/// outside the years computed in advance.
pub const LONG_SPAN: i32 = 20;

/// Years whose days off a calendar keeps once worked out (each on its first use).
const PRECOMPUTED: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The public holidays of art. 112 of the Labour Code 2019.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holiday {
    /// Tết Dương lịch, 1 January.
    NewYear,
    /// Tết Nguyên đán: five days, the last day of the lunar year and the first four of the next.
    Tet,
    /// Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month.
    HungKings,
    /// Ngày Chiến thắng (30 April) and Quốc tế Lao động (1 May).
    VictoryAndLabour,
    /// Quốc khánh, 2 September and one adjacent day.
    NationalDay,
}

impl Holiday {
    /// Every holiday, in calendar order.
    pub const ALL: [Holiday; 5] = [
        Holiday::NewYear,
        Holiday::Tet,
        Holiday::HungKings,
        Holiday::VictoryAndLabour,
        Holiday::NationalDay,
    ];

    /// The code used in `calendar.toml` (`new_year`, `tet`…).
    pub fn code(self) -> &'static str {
        match self {
            Holiday::NewYear => "new_year",
            Holiday::Tet => "tet",
            Holiday::HungKings => "hung_kings",
            Holiday::VictoryAndLabour => "victory_labour",
            Holiday::NationalDay => "national_day",
        }
    }

    /// Reads a holiday from its code.
    pub fn from_code(code: &str) -> Option<Holiday> {
        Holiday::ALL.into_iter().find(|h| h.code() == code)
    }

    /// The holiday's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Holiday::NewYear => lang.pick("Tết Dương lịch", "New Year's Day"),
            Holiday::Tet => lang.pick("Tết Nguyên đán", "Lunar New Year (Tết)"),
            Holiday::HungKings => lang.pick(
                "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                "Hùng Kings' Commemoration (10/3 lunar)",
            ),
            Holiday::VictoryAndLabour => lang.pick(
                "Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5",
                "Reunification Day (30/4) and Labour Day (1/5)",
            ),
            Holiday::NationalDay => lang.pick("Quốc khánh 2/9", "National Day (2/9)"),
        }
    }

    /// The days the law gives for this holiday in `year`, before any day in lieu.
    fn statutory_days(self, year: i32) -> Vec<NaiveDate> {
        let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
        let days = match self {
            Holiday::NewYear => vec![ymd(1, 1)],
            Holiday::Tet => match tet(year) {
                Some(first) => (-1..=3).map(|n| shift(first, n)).collect(),
                None => Vec::new(),
            },
            Holiday::HungKings => vec![lunar_to_solar(10, 3, year, false)],
            Holiday::VictoryAndLabour => vec![ymd(4, 30), ymd(5, 1)],
            Holiday::NationalDay => match ymd(9, 2) {
                Some(d) => vec![Some(d), national_day_companion(d)],
                None => Vec::new(),
            },
        };
        days.into_iter().flatten().collect()
    }
}

/// The day beside 2 September that the yearly decision usually picks: the
/// one that joins the holiday to a weekend (1/9 when 2/9 is a Tuesday,
/// Friday or Saturday; 3/9 otherwise).
fn national_day_companion(sept_2: NaiveDate) -> Option<NaiveDate> {
    match sept_2.weekday() {
        Weekday::Tue | Weekday::Fri | Weekday::Sat => sept_2.pred_opt(),
        _ => sept_2.succ_opt(),
    }
}

/// `day` moved by `n` days (clamped at chrono's range).
fn shift(day: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        day.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Why a day is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayOff {
    /// The day.
    pub date: NaiveDate,
    /// The holiday it belongs to.
    pub holiday: Holiday,
    /// True for a day in lieu (nghỉ bù) of a holiday that fell on a weekend.
    pub in_lieu: bool,
}

impl DayOff {
    /// The reason in `lang`: the holiday's name, or "nghỉ bù" for it.
    pub fn reason(&self, lang: Lang) -> String {
        if self.in_lieu {
            match lang {
                Lang::Vi => format!("Nghỉ bù {}", self.holiday.name(lang)),
                Lang::En => format!("In lieu of {}", self.holiday.name(lang)),
            }
        } else {
            self.holiday.name(lang).to_owned()
        }
    }
}

/// One year's exceptions to the Monday–Friday week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Year {
    /// Days off for a holiday, sorted by day.
    off: Vec<DayOff>,
    /// Weekend days worked in exchange for another day, sorted.
    work: Vec<ScheduledWork>,
}

/// Vietnam's calendar of working days for public bodies: Monday to Friday,
/// less the days off, plus the Saturdays the schedule makes working days.
///
/// Two calendars are equal when their schedules are: the days off follow
/// from the schedule.
#[derive(Debug, Clone)]
pub struct Calendar {
    schedule: Schedule,
    /// The years of [`PRECOMPUTED`], in order, each worked out on its first
    /// use (a command that counts no working day computes none).
    years: Box<[OnceLock<Year>]>,
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Calendar) -> bool {
        self.schedule == other.schedule
    }
}

impl Eq for Calendar {}

impl Calendar {
    /// The law alone: no yearly schedule.
    pub fn statutory() -> Calendar {
        Calendar::new(Schedule::default())
    }

    /// The law with the schedule built into sauro (`data/calendar.toml`).
    pub fn bundled() -> &'static Calendar {
        static CAL: OnceLock<Calendar> = OnceLock::new();
        CAL.get_or_init(|| {
            // The built-in file is checked by a test; were it broken, the law alone applies.
            let schedule = Schedule::parse(BUNDLED).unwrap_or_default();
            Calendar::new(schedule)
        })
    }

    /// The law with `schedule` on top.
    pub fn new(schedule: Schedule) -> Calendar {
        let years = PRECOMPUTED.map(|_| OnceLock::new()).collect();
        Calendar { schedule, years }
    }

    /// The built-in schedule with `user` on top: each year `user` mentions
    /// is taken from `user` alone.
    pub fn bundled_with(user: Schedule) -> Calendar {
        Calendar::new(Calendar::bundled().schedule.clone().overridden_by(user))
    }

    /// The schedule in use.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    fn year(&self, year: i32) -> std::borrow::Cow<'_, Year> {
        let kept = year
            .checked_sub(*PRECOMPUTED.start())
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.years.get(i));
        match kept {
            Some(cell) => {
                std::borrow::Cow::Borrowed(cell.get_or_init(|| compute_year(year, &self.schedule)))
            }
            None => std::borrow::Cow::Owned(compute_year(year, &self.schedule)),
        }
    }

    /// The days off of `year` with their reason, in order (weekend days
    /// inside a scheduled holiday included).
    pub fn days_off(&self, year: i32) -> Vec<DayOff> {
        self.year(year).off.clone()
    }

    /// The weekend days of `year` that are working days, in order.
    pub fn working_weekend_days(&self, year: i32) -> Vec<ScheduledWork> {
        self.year(year).work.clone()
    }

    /// Why `day` is off, when it is a holiday (not an ordinary weekend).
    pub fn day_off(&self, day: NaiveDate) -> Option<DayOff> {
        let year = self.year(day.year());
        year.off
            .binary_search_by_key(&day, |d| d.date)
            .ok()
            .map(|i| year.off[i])
    }

    /// True when public bodies work on `day`.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        let year = self.year(day.year());
        if year.work.iter().any(|w| w.on == day) {
            return true;
        }
        !is_weekend(day) && year.off.binary_search_by_key(&day, |d| d.date).is_err()
    }

    /// `day` itself when it is a working day, else the next working day.
    /// `None` past the end of chrono's range.
    pub fn working_day_from(&self, day: NaiveDate) -> Option<NaiveDate> {
        let mut d = day;
        while !self.is_working_day(d) {
            d = d.succ_opt()?;
        }
        Some(d)
    }

    /// The `n`th working day after `start` (`start` itself not counted);
    /// `start` when `n` is 0.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut d = start;
        for _ in 0..n {
            d = self.working_day_from(d.succ_opt()?)?;
        }
        Some(d)
    }

    /// The day `n` calendar days after `start`; when that day is off, the
    /// next working day (a period ending on a day off ends on the next
    /// working day).
    pub fn add_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        self.working_day_from(start.checked_add_days(Days::new(u64::from(n)))?)
    }

    /// The working days after `from` up to and including `to`: 0 when `to`
    /// is `from` or before it. Over a span of more than
    /// [`LONG_SPAN`] years, the holidays of years outside 1990–2100 are
    /// not counted (they would be worked out one by one).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        let mut count = weekdays_between(from, to);
        let long = to.year() - from.year() > LONG_SPAN;
        for y in from.year()..=to.year() {
            if long && !PRECOMPUTED.contains(&y) {
                continue;
            }
            let year = self.year(y);
            let inside = |d: NaiveDate| d > from && d <= to;
            count -= year
                .off
                .iter()
                .filter(|d| inside(d.date) && !is_weekend(d.date))
                .count() as i64;
            count += year
                .work
                .iter()
                .filter(|w| inside(w.on) && is_weekend(w.on))
                .count() as i64;
        }
        count
    }
}

/// Monday-to-Friday days after `from` up to and including `to`.
fn weekdays_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let days = (to - from).num_days();
    let (weeks, rest) = (days / 7, days % 7);
    let mut count = weeks * 5;
    let mut d = from;
    for _ in 0..rest {
        d = d.succ_opt().unwrap_or(d);
        if !is_weekend(d) {
            count += 1;
        }
    }
    count
}

/// Works out `year`'s days off from the law and the schedule.
fn compute_year(year: i32, schedule: &Schedule) -> Year {
    let mut off: BTreeMap<NaiveDate, DayOff> = BTreeMap::new();
    let mut computed: Vec<(Holiday, Vec<NaiveDate>)> = Vec::new();
    for holiday in Holiday::ALL {
        let scheduled: Vec<&ScheduledOff> = schedule
            .off
            .iter()
            .filter(|o| o.holiday == holiday && o.from.year() == year)
            .collect();
        if scheduled.is_empty() {
            let days = holiday.statutory_days(year);
            for &date in &days {
                off.entry(date).or_insert(DayOff {
                    date,
                    holiday,
                    in_lieu: false,
                });
            }
            computed.push((holiday, days));
        } else {
            for o in scheduled {
                for date in o.days() {
                    off.entry(date).or_insert(DayOff {
                        date,
                        holiday,
                        in_lieu: false,
                    });
                }
            }
        }
    }
    // Days in lieu: for each computed holiday day on a weekend, the next
    // working day that is not already off.
    let taken: BTreeSet<NaiveDate> = off.keys().copied().collect();
    let mut in_lieu: BTreeSet<NaiveDate> = BTreeSet::new();
    for (holiday, days) in computed {
        for day in days.into_iter().filter(|d| is_weekend(*d)) {
            let mut d = day;
            while let Some(next) = d.succ_opt() {
                d = next;
                if !is_weekend(d) && !taken.contains(&d) && !in_lieu.contains(&d) {
                    in_lieu.insert(d);
                    off.insert(
                        d,
                        DayOff {
                            date: d,
                            holiday,
                            in_lieu: true,
                        },
                    );
                    break;
                }
            }
        }
    }
    let work = schedule
        .work
        .iter()
        .filter(|w| w.on.year() == year)
        .copied()
        .collect();
    Year {
        off: off
            .into_values()
            .filter(|d| d.date.year() == year)
            .collect(),
        work,
    }
}

#[cfg(test)]
mod tests;
