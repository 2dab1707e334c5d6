//! `sauro briefing`: the weekly briefing (giao ban) of an ISO week or of a
//! from/to period, as Markdown or one self-contained HTML file.
//!
//! The figures at the start (the end of the day before the period) and at
//! the end (the period's last day, or the as-of day when earlier) are the
//! tasks replayed from history as they stood then, so the briefing of a past
//! week is the same whenever it is asked for.

use crate::args::{BriefingFormat, FilterArgs, Lang};
use crate::commands::list::{resolve_agency, store_filter};
use crate::context::Ctx;
use crate::output::print;
use anyhow::{Context as _, bail};
use chrono::{Datelike, NaiveDate, Weekday};
use sauro_core::briefing::{Input, Snapshot, Span, Stood, assemble};
use sauro_core::{TaskId, format_date};
use sauro_report::briefing::{
    Briefing, Heading, Presentation, Scope, render_docx, render_html, render_markdown,
};
use sauro_store::TaskFilter;
use std::path::Path;
use std::process::ExitCode;

/// The period asked for: an ISO week, the week before the as-of day's, or
/// from/to days.
pub struct Period<'a> {
    pub week: Option<&'a str>,
    pub last_week: bool,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
}

pub fn run(
    ctx: &Ctx,
    period: Period<'_>,
    filter: &FilterArgs,
    format: BriefingFormat,
    unit: Option<&str>,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (from, to, week) = resolve(&period, ctx.as_of, ctx.lang)?;
    if from > ctx.as_of {
        let (from, to, as_of) = (format_date(from), format_date(to), format_date(ctx.as_of));
        match ctx.lang {
            Lang::Vi => bail!(
                "kỳ {from} – {to} bắt đầu sau ngày tính {as_of}: chưa có gì diễn ra trong kỳ (hãy dùng --as-of, hoặc một --week sớm hơn)"
            ),
            Lang::En => bail!(
                "the period {from} – {to} starts after the as-of day {as_of}: nothing has happened in it yet (give --as-of, or an earlier --week)"
            ),
        }
    }
    let store_filter = store_filter(ctx, filter)?;
    let scope = Scope {
        leads: filter
            .lead
            .iter()
            .map(|l| resolve_agency(ctx, "--lead", l))
            .collect::<anyhow::Result<_>>()?,
        directive: filter.directive.clone(),
        search: filter.search.clone(),
    };
    let briefing = build(ctx, from, to, week, &store_filter, scope)?;
    let lang = ctx.lang.core();
    let heading = Heading {
        unit: unit.map(str::to_owned),
        prepared_on: Some(ctx.as_of),
    };
    let bytes = match format {
        BriefingFormat::Md => render_markdown(&briefing, lang, &heading).into_bytes(),
        BriefingFormat::Html => render_html(&briefing, lang, &heading).into_bytes(),
        BriefingFormat::Docx => render_docx(&briefing, lang, &heading)?,
    };
    match output {
        Some(path) => {
            super::export::write_file(ctx.lang, path, &bytes)?;
            print(&format!(
                "{} {}.",
                lang.pick("Đã ghi báo cáo giao ban vào", "Wrote the briefing to"),
                path.display()
            ))?;
        }
        None if format == BriefingFormat::Docx => bail!(
            "{}",
            lang.pick(
                "không thể in tệp Word ra terminal: hãy đặt tên tệp bằng -o TỆP.docx",
                "a Word document cannot go to the terminal: name the file with -o FILE.docx",
            )
        ),
        None => crate::output::print_document(&String::from_utf8(bytes)?)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads `2026-W47` (also `2026-w7`, `2026W47`), or a week number alone
/// (`48`, `W48`) of the as-of day's ISO year.
fn parse_week(s: &str, as_of: NaiveDate, lang: Lang) -> anyhow::Result<IsoWeek> {
    let bad = || match lang {
        Lang::Vi => anyhow::anyhow!(
            "--week: {s:?} không phải là một tuần; hãy viết số tuần (48) hoặc YYYY-Www, ví dụ 2026-W47"
        ),
        Lang::En => anyhow::anyhow!(
            "--week: {s:?} is not a week; write a week number (48) or YYYY-Www, e.g. 2026-W47"
        ),
    };
    let upper = s.trim().to_uppercase();
    let (year, week) = upper.split_once('W').unwrap_or(("", &upper));
    let year: i32 = match year.strip_suffix('-').unwrap_or(year) {
        "" => as_of.iso_week().year(),
        digits => digits.parse().map_err(|_| bad())?,
    };
    let week: u32 = week.parse().map_err(|_| bad())?;
    if NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).is_none() {
        bail!("--week: {}", no_such_week(year, week, lang));
    }
    Ok((year, week))
}

/// A day given as YYYY-MM-DD or dd/mm/yyyy.
fn parse_day(s: &str, option: &str, lang: Lang) -> anyhow::Result<NaiveDate> {
    super::change::parse_day(s, lang).with_context(|| option.to_owned())
}

/// "YEAR has no week WEEK", in `lang`.
fn no_such_week(year: i32, week: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("năm {year} không có tuần {week}"),
        Lang::En => format!("{year} has no week {week}"),
    }
}

fn week_days(year: i32, week: u32, lang: Lang) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
        .with_context(|| no_such_week(year, week, lang))?;
    let sunday = NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)
        .with_context(|| no_such_week(year, week, lang))?;
    Ok((monday, sunday))
}

/// An ISO week: year and week number.
type IsoWeek = (i32, u32);

/// The period's first and last day, and its ISO week when it is one.
fn resolve(
    p: &Period<'_>,
    as_of: NaiveDate,
    lang: Lang,
) -> anyhow::Result<(NaiveDate, NaiveDate, Option<IsoWeek>)> {
    if let (Some(from), Some(to)) = (p.from, p.to) {
        let from = parse_day(from, "--from", lang)?;
        let to = parse_day(to, "--to", lang)?;
        if from > to {
            let (from, to) = (format_date(from), format_date(to));
            match lang {
                Lang::Vi => bail!("--from {from} sau --to {to}"),
                Lang::En => bail!("--from {from} is after --to {to}"),
            }
        }
        return Ok((from, to, None));
    }
    let (year, week) = match p.week {
        Some(w) => parse_week(w, as_of, lang)?,
        None => default_week(as_of, p.last_week),
    };
    let (from, to) = week_days(year, week, lang)?;
    Ok((from, to, Some((year, week))))
}

/// The week a briefing covers when none is named: the as-of day's week, or
/// the week before it with `--last-week` and on a Monday (the giao ban
/// reviews the week just ended).
fn default_week(as_of: NaiveDate, last_week: bool) -> IsoWeek {
    let day = if last_week || as_of.weekday() == Weekday::Mon {
        as_of - chrono::Duration::days(7)
    } else {
        as_of
    };
    let w = day.iso_week();
    (w.year(), w.week())
}

/// The tasks of `day` as the store replays them: every task (for the
/// graph) and the ids `filter` selects.
fn snapshot(ctx: &Ctx, day: NaiveDate, filter: &TaskFilter) -> anyhow::Result<Snapshot> {
    let all = ctx.store.tasks_on(day, &TaskFilter::default())?;
    let selected: Vec<TaskId> = if is_everything(filter) {
        all.iter().map(|r| r.task.id.clone()).collect()
    } else {
        ctx.store
            .tasks_on(day, filter)?
            .into_iter()
            .map(|r| r.task.id)
            .collect()
    };
    let all = all.into_iter().map(Stood::from).collect();
    Ok(Snapshot::new(day, all, selected, ctx.include_classified))
}

fn is_everything(f: &TaskFilter) -> bool {
    f.leads.is_empty()
        && f.directive.is_none()
        && f.search.as_deref().is_none_or(str::is_empty)
        && f.ids.is_empty()
        && !f.overdue
        && !f.blocked
        && f.due_within.is_none()
}

/// Reads the two snapshots, the directives and the deadline changes from the
/// store; `sauro_core::briefing` decides the sections.
fn build(
    ctx: &Ctx,
    from: NaiveDate,
    to: NaiveDate,
    week: Option<IsoWeek>,
    filter: &TaskFilter,
    scope: Scope,
) -> anyhow::Result<Briefing> {
    let span = Span::new(from, to, ctx.as_of).context(ctx.lang.pick(
        "kỳ báo cáo bắt đầu từ ngày đầu tiên có thể có",
        "the period starts on the first day there is",
    ))?;
    let directives = ctx.store.directives_by_id()?;
    let input = Input {
        span,
        start: snapshot(ctx, span.start, filter)?,
        end: snapshot(ctx, span.end, filter)?,
        moves: ctx.store.deadline_changes(from, span.end)?,
        registry: &ctx.registry,
        include_classified: ctx.include_classified,
    };
    let sections = assemble(&input);
    let how = Presentation {
        due_soon_days: ctx.due_soon_days,
        directives: &directives,
        week,
    };
    Ok(Briefing::from_sections(&input, sections, scope, how))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let vi = Lang::Vi;
        assert_eq!(
            parse_week("2026-W47", d(2026, 11, 18), vi).unwrap(),
            (2026, 47)
        );
        assert_eq!(
            parse_week("2026w7", d(2026, 11, 18), vi).unwrap(),
            (2026, 7)
        );
        assert_eq!(
            parse_week("2026-W54", d(2026, 11, 18), vi)
                .unwrap_err()
                .to_string(),
            "--week: năm 2026 không có tuần 54"
        );
        assert_eq!(
            parse_week("2026-W54", d(2026, 11, 18), Lang::En)
                .unwrap_err()
                .to_string(),
            "--week: 2026 has no week 54"
        );
        assert_eq!(parse_week("47", d(2027, 1, 2), vi).unwrap(), (2026, 47));
        assert!(parse_week("tuần 47", d(2026, 11, 18), vi).is_err());
        assert_eq!(
            week_days(2026, 47, vi).unwrap(),
            (d(2026, 11, 16), d(2026, 11, 22))
        );
        // ISO week 1 of 2027 starts in 2026.
        assert_eq!(week_days(2027, 1, vi).unwrap().0, d(2027, 1, 4));
        assert_eq!(week_days(2026, 53, vi).unwrap().0, d(2026, 12, 28));
        let p = Period {
            week: None,
            last_week: false,
            from: None,
            to: None,
        };
        assert_eq!(
            resolve(&p, d(2026, 11, 18), vi).unwrap(),
            (d(2026, 11, 16), d(2026, 11, 22), Some((2026, 47)))
        );
    }
}
