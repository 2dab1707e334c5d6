//! `sauro holidays [YEAR]`: Vietnam's days off of a year with their reason,
//! and the weekend days worked in exchange, from the law and the schedule.

use crate::args::{Cli, Format, Lang};
use crate::context::{as_of, calendar};
use crate::output::{print, print_json};
use crate::table::Table;
use chrono::{Datelike, NaiveDate, Weekday};
use sauro_core::format_date;
use std::process::ExitCode;

/// One line of the listing (also its JSON shape).
#[derive(Debug, serde::Serialize)]
struct Line {
    /// The day (ISO in JSON).
    date: NaiveDate,
    /// `off` (a day off) or `work` (a weekend day worked).
    kind: &'static str,
    /// The holiday's code (`tet`, `national_day`…), for a day off.
    holiday: Option<&'static str>,
    /// A day in lieu of a holiday that fell on a weekend.
    in_lieu: bool,
    /// The reason, in the output language.
    reason: String,
}

/// The weekday's name.
fn weekday(day: NaiveDate, lang: Lang) -> &'static str {
    let (vi, en) = match day.weekday() {
        Weekday::Mon => ("Thứ Hai", "Monday"),
        Weekday::Tue => ("Thứ Ba", "Tuesday"),
        Weekday::Wed => ("Thứ Tư", "Wednesday"),
        Weekday::Thu => ("Thứ Năm", "Thursday"),
        Weekday::Fri => ("Thứ Sáu", "Friday"),
        Weekday::Sat => ("Thứ Bảy", "Saturday"),
        Weekday::Sun => ("Chủ nhật", "Sunday"),
    };
    lang.pick(vi, en)
}

/// Lists the year's days off and worked weekend days, in order.
pub fn run(cli: &Cli, year: Option<i32>, format: Format) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let year = match year {
        Some(y) => y,
        None => as_of(cli)?.year(),
    };
    if !(1900..=9999).contains(&year) {
        anyhow::bail!(
            "{}",
            match lang {
                Lang::Vi => format!("năm {year} nằm ngoài khoảng 1900–9999"),
                Lang::En => format!("year {year} is outside 1900–9999"),
            }
        );
    }
    let cal = calendar(cli)?;
    let mut lines: Vec<Line> = cal
        .days_off(year)
        .into_iter()
        .map(|d| Line {
            date: d.date,
            kind: "off",
            holiday: Some(d.holiday.code()),
            in_lieu: d.in_lieu,
            reason: d.reason(lang.core()),
        })
        .collect();
    lines.extend(cal.working_weekend_days(year).into_iter().map(|w| Line {
        date: w.on,
        kind: "work",
        holiday: None,
        in_lieu: false,
        reason: match lang {
            Lang::Vi => format!("Làm bù cho ngày {}", format_date(w.instead_of)),
            Lang::En => format!("Working day, in exchange for {}", format_date(w.instead_of)),
        },
    }));
    lines.sort_by_key(|l| l.date);
    if format == Format::Json {
        print_json(&lines)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        lang.pick("Ngày", "Date"),
        lang.pick("Thứ", "Weekday"),
        lang.pick("Lý do", "Reason"),
    ]);
    for l in &lines {
        table.push(vec![
            format_date(l.date),
            weekday(l.date, lang).to_owned(),
            l.reason.clone(),
        ]);
    }
    let off = lines.iter().filter(|l| l.kind == "off").count();
    let summary = match lang {
        Lang::Vi => format!("Năm {year}: {off} ngày nghỉ lễ, Tết (kể cả cuối tuần trong kỳ nghỉ)."),
        Lang::En => {
            format!("{year}: {off} days off for holidays (weekends inside a holiday included).")
        }
    };
    print(&format!(
        "{}\n{summary}",
        crate::output::render_once(table).trim_end()
    ))?;
    Ok(ExitCode::SUCCESS)
}
