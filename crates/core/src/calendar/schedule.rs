//! The Prime Minister's yearly schedule of days off (`calendar.toml`): the
//! periods decided for each holiday, and the weekend days worked in exchange.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

use super::Holiday;
use crate::lang::Lang;

/// The schedule file format version this program reads.
const SCHEMA: i64 = 1;

/// The longest period a holiday may be scheduled for, in days.
const LONGEST: i64 = 16;

/// A holiday's days off as scheduled for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledOff {
    /// The holiday.
    pub holiday: Holiday,
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off (inclusive).
    pub to: NaiveDate,
}

impl ScheduledOff {
    /// Every day of the period.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|d| *d <= self.to)
    }
}

/// A weekend day made a working day, in exchange for a day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScheduledWork {
    /// The weekend day worked.
    pub on: NaiveDate,
    /// The working day given off in exchange.
    pub instead_of: NaiveDate,
}

/// The yearly schedule: holidays as decided, weekend days worked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Holiday periods.
    pub off: Vec<ScheduledOff>,
    /// Weekend days worked.
    pub work: Vec<ScheduledWork>,
}

/// A schedule file that cannot be used, naming the line and the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ScheduleError {
    /// 1-based line of the entry (1 for the whole file).
    pub line: usize,
    /// What is wrong, in English.
    pub reason: String,
    /// What is wrong, in Vietnamese.
    pub reason_vi: String,
}

impl ScheduleError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => format!("dòng {}: {}", self.line, self.reason_vi),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: Option<i64>,
    #[serde(default)]
    off: Vec<Spanned<RawOff>>,
    #[serde(default)]
    work: Vec<Spanned<RawWork>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOff {
    holiday: String,
    from: toml::value::Datetime,
    to: toml::value::Datetime,
    #[allow(dead_code)]
    basis: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWork {
    on: toml::value::Datetime,
    instead_of: toml::value::Datetime,
    #[allow(dead_code)]
    basis: Option<String>,
}

/// A TOML date without time or offset.
fn toml_day(v: &toml::value::Datetime) -> Option<NaiveDate> {
    match (v.date, v.time, v.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

impl Schedule {
    /// Reads a schedule file.
    ///
    /// # Errors
    /// Every problem at once: TOML syntax, an unknown holiday, a day that is
    /// not a date, a period that ends before it starts, spans two years or
    /// is too long, a day worked that is not a weekend day.
    pub fn parse(text: &str) -> Result<Schedule, Vec<ScheduleError>> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let msg = e.message().trim().to_owned();
            vec![ScheduleError {
                line,
                reason: msg.clone(),
                reason_vi: format!("lỗi cú pháp TOML: {msg}"),
            }]
        })?;
        let mut problems = Vec::new();
        if let Some(s) = raw.schema
            && s != SCHEMA
        {
            problems.push(ScheduleError {
                line: 1,
                reason: format!("schema {s} is not supported (this program reads {SCHEMA})"),
                reason_vi: format!("không hỗ trợ schema {s} (chương trình này đọc {SCHEMA})"),
            });
        }
        let mut schedule = Schedule::default();
        for o in &raw.off {
            let line = line_of(text, o.span().start);
            match read_off(o.get_ref()) {
                Ok(off) => schedule.off.push(off),
                Err((en, vi)) => problems.push(ScheduleError {
                    line,
                    reason: en,
                    reason_vi: vi,
                }),
            }
        }
        for w in &raw.work {
            let line = line_of(text, w.span().start);
            match read_work(w.get_ref()) {
                Ok(work) => schedule.work.push(work),
                Err((en, vi)) => problems.push(ScheduleError {
                    line,
                    reason: en,
                    reason_vi: vi,
                }),
            }
        }
        if problems.is_empty() {
            schedule.work.sort();
            Ok(schedule)
        } else {
            Err(problems)
        }
    }

    /// This schedule with every year `user` mentions taken from `user` alone.
    pub fn overridden_by(self, user: Schedule) -> Schedule {
        let years: std::collections::BTreeSet<i32> = user
            .off
            .iter()
            .map(|o| o.from.year())
            .chain(user.work.iter().map(|w| w.on.year()))
            .collect();
        let mut off: Vec<ScheduledOff> = self
            .off
            .into_iter()
            .filter(|o| !years.contains(&o.from.year()))
            .collect();
        off.extend(user.off);
        let mut work: Vec<ScheduledWork> = self
            .work
            .into_iter()
            .filter(|w| !years.contains(&w.on.year()))
            .collect();
        work.extend(user.work);
        work.sort();
        Schedule { off, work }
    }
}

type Refusal = (String, String);

fn day_of(field: &str, v: &toml::value::Datetime) -> Result<NaiveDate, Refusal> {
    toml_day(v).ok_or_else(|| {
        (
            format!("{field} = {v} is not a date (write YYYY-MM-DD)"),
            format!("{field} = {v} không phải là một ngày (viết YYYY-MM-DD)"),
        )
    })
}

fn read_off(o: &RawOff) -> Result<ScheduledOff, Refusal> {
    let holiday = Holiday::from_code(o.holiday.trim()).ok_or_else(|| {
        let codes: Vec<&str> = Holiday::ALL.iter().map(|h| h.code()).collect();
        (
            format!(
                "unknown holiday {:?} (known: {})",
                o.holiday,
                codes.join(", ")
            ),
            format!(
                "không có ngày lễ {:?} (các mã: {})",
                o.holiday,
                codes.join(", ")
            ),
        )
    })?;
    let (from, to) = (day_of("from", &o.from)?, day_of("to", &o.to)?);
    if to < from {
        return Err((
            format!("the period ends ({to}) before it starts ({from})"),
            format!("kỳ nghỉ kết thúc ({to}) trước khi bắt đầu ({from})"),
        ));
    }
    if to.year() != from.year() {
        return Err((
            format!("the period {from} – {to} spans two years: split it"),
            format!("kỳ nghỉ {from} – {to} trải qua hai năm: hãy tách ra"),
        ));
    }
    if (to - from).num_days() >= LONGEST {
        return Err((
            format!("the period {from} – {to} is longer than {LONGEST} days"),
            format!("kỳ nghỉ {from} – {to} dài hơn {LONGEST} ngày"),
        ));
    }
    Ok(ScheduledOff { holiday, from, to })
}

fn read_work(w: &RawWork) -> Result<ScheduledWork, Refusal> {
    let (on, instead_of) = (day_of("on", &w.on)?, day_of("instead_of", &w.instead_of)?);
    if !matches!(on.weekday(), Weekday::Sat | Weekday::Sun) {
        return Err((
            format!("on = {on} is a weekday, not a weekend day to work"),
            format!("on = {on} là ngày thường, không phải ngày nghỉ cuối tuần để làm bù"),
        ));
    }
    Ok(ScheduledWork { on, instead_of })
}
