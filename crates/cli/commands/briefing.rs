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
use chrono::{Datelike, Days, NaiveDate, Weekday};
use sauro_core::order::natural_cmp;
use sauro_core::{
    Clarity, DependencyGraph, Directive, Status, TaskId, TaskState, agency_stats_of, format_date,
};
use sauro_report::ReportTask;
use sauro_report::briefing::{
    AgencyRow, BlockedTask, Blocker, Briefing, ChainLink, ClarityGap, DeadlineChange, Heading,
    Scope, StatusCount, render_docx, render_html, render_markdown,
};
use sauro_store::{TaskFilter, TaskRow};
use std::collections::{HashMap, HashSet};
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

/// The days due next are counted after the period.
const DUE_NEXT_DAYS: u64 = 7;

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

/// The tasks of one day: the filtered ones, and every task (for the graph).
struct Snapshot {
    day: NaiveDate,
    all: HashMap<String, TaskRow>,
    selected: Vec<String>,
}

impl Snapshot {
    fn take(ctx: &Ctx, day: NaiveDate, filter: &TaskFilter) -> anyhow::Result<Snapshot> {
        let all_rows = ctx.store.tasks_on(day, &TaskFilter::default())?;
        // Classified tasks are not briefed unless `--include-classified`.
        let shown = |r: &&TaskRow| crate::report_input::exportable(ctx, &r.task);
        let selected: Vec<String> = if is_everything(filter) {
            all_rows
                .iter()
                .filter(shown)
                .map(|r| r.task.id.to_string())
                .collect()
        } else {
            ctx.store
                .tasks_on(day, filter)?
                .iter()
                .filter(shown)
                .map(|r| r.task.id.to_string())
                .collect()
        };
        Ok(Snapshot {
            day,
            all: all_rows
                .into_iter()
                .map(|r| (r.task.id.to_string(), r))
                .collect(),
            selected,
        })
    }

    fn status(&self, id: &str) -> Option<Status> {
        self.all
            .get(id)
            .map(|r| Status::classify(r.task.state, r.task.due_kind(), self.day))
    }

    fn rows(&self) -> impl Iterator<Item = &TaskRow> {
        self.selected.iter().filter_map(|id| self.all.get(id))
    }

    /// Finished or withdrawn on the day (a task not there yet holds nobody up).
    fn settled(&self, id: &TaskId) -> bool {
        self.all
            .get(id.as_str())
            .is_none_or(|r| r.task.state.as_of(self.day) != TaskState::Open)
    }
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

fn report_task(
    ctx: &Ctx,
    row: &TaskRow,
    day: NaiveDate,
    directives: &HashMap<String, Directive>,
) -> ReportTask {
    let directive = directives.get(row.task.directive.as_str());
    ReportTask::assess(
        &row.task,
        &row.blocked_by,
        day,
        ctx.due_soon_days,
        &ctx.registry,
        directive,
    )
}

fn by_id(a: &ReportTask, b: &ReportTask) -> std::cmp::Ordering {
    natural_cmp(&a.id, &b.id)
}

fn longest_overdue_first(a: &ReportTask, b: &ReportTask) -> std::cmp::Ordering {
    b.days_overdue
        .cmp(&a.days_overdue)
        .then_with(|| by_id(a, b))
}

fn build(
    ctx: &Ctx,
    from: NaiveDate,
    to: NaiveDate,
    week: Option<IsoWeek>,
    filter: &TaskFilter,
    scope: Scope,
) -> anyhow::Result<Briefing> {
    let start_day = from.pred_opt().context(ctx.lang.pick(
        "kỳ báo cáo bắt đầu từ ngày đầu tiên có thể có",
        "the period starts on the first day there is",
    ))?;
    let end_day = to.min(ctx.as_of);
    let due_until = to.checked_add_days(Days::new(DUE_NEXT_DAYS)).unwrap_or(to);
    let start = Snapshot::take(ctx, start_day, filter)?;
    let end = Snapshot::take(ctx, end_day, filter)?;
    let directives: HashMap<String, Directive> = ctx
        .store
        .directives()?
        .into_iter()
        .map(|d| (d.id.to_string(), d))
        .collect();
    let tasks: Vec<ReportTask> = end
        .rows()
        .map(|r| report_task(ctx, r, end_day, &directives))
        .collect();

    // 1. Counts per status.
    let count = |statuses: &mut dyn Iterator<Item = Status>| {
        let mut n: HashMap<Status, usize> = HashMap::new();
        for s in statuses {
            *n.entry(s).or_default() += 1;
        }
        n
    };
    let at_start = count(&mut start.selected.iter().filter_map(|id| start.status(id)));
    let at_end = count(&mut tasks.iter().map(|t| t.status));
    let summary = Status::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            start: at_start.get(s).copied().unwrap_or(0),
            end: at_end.get(s).copied().unwrap_or(0),
        })
        .collect();

    // 2–4. What changed between the two days, and what comes next.
    // A task imported during the period was not there at its start: it counts
    // as completed, or as newly overdue, only by its own dates.
    let was = |id: &str| start.status(id);
    let mut completed: Vec<ReportTask> = tasks
        .iter()
        .filter(|t| {
            t.status.is_done()
                && match was(&t.id) {
                    Some(s) => !s.is_done(),
                    None => t.done_on.is_some_and(|on| on >= from),
                }
        })
        .cloned()
        .collect();
    completed.sort_by(|a, b| a.done_on.cmp(&b.done_on).then_with(|| by_id(a, b)));
    let (mut still_overdue, mut newly_overdue): (Vec<ReportTask>, Vec<ReportTask>) = tasks
        .iter()
        .filter(|t| t.status == Status::Overdue)
        .cloned()
        .partition(|t| match was(&t.id) {
            Some(s) => s == Status::Overdue,
            None => t.deadline.is_some_and(|d| d < start_day),
        });
    newly_overdue.sort_by(longest_overdue_first);
    still_overdue.sort_by(longest_overdue_first);
    let mut due_next: Vec<ReportTask> = tasks
        .iter()
        .filter(|t| {
            t.status == Status::Open && t.deadline.is_some_and(|d| d > end_day && d <= due_until)
        })
        .cloned()
        .collect();
    due_next.sort_by(|a, b| a.deadline.cmp(&b.deadline).then_with(|| by_id(a, b)));

    // 5. Blocked, with the longest chain down to the unfinished root.
    let graph = DependencyGraph::build(
        end.all
            .values()
            .map(|r| (&r.task.id, r.task.depends_on.as_slice())),
    )
    .ok();
    let link = |id: &TaskId| {
        let row = end.all.get(id.as_str());
        let due = row.and_then(|r| r.task.due_as_of(end_day));
        let status = row.map_or(Status::Open, |r| {
            Status::classify(r.task.state, r.task.due_kind(), end_day)
        });
        // A classified task left out of the briefing is not named in a chain.
        let hidden = row.is_some_and(|r| !crate::report_input::exportable(ctx, &r.task));
        ChainLink {
            id: if hidden {
                ctx.lang.pick("(mật)", "(classified)").to_owned()
            } else {
                id.to_string()
            },
            lead: row
                .filter(|_| !hidden)
                .and_then(|r| r.task.lead.as_ref().map(|l| l.to_string())),
            status,
            days_overdue: (status == Status::Overdue)
                .then(|| due.map(|d| (end_day - d).num_days()))
                .flatten(),
            deadline: due,
        }
    };
    // One pass over the graph gives every task's longest chain; each blocked
    // task then shows its direct blockers with the root and length of their
    // chains, so a chain of n tasks costs n lines, not n² links.
    let chains = graph.as_ref().map(|g| g.longest_chains(|p| end.settled(p)));
    let mut blocked: Vec<BlockedTask> = tasks
        .iter()
        .filter(|t| !t.blocked_by.is_empty())
        .map(|t| {
            let found = chains
                .as_ref()
                .map(|c| c.blockers(&t.id))
                .unwrap_or_default();
            let blockers = if found.is_empty() {
                // Without a graph (never expected: import refuses cycles), the direct blockers.
                t.blocked_by
                    .iter()
                    .filter_map(|b| b.parse::<TaskId>().ok())
                    .map(|b| Blocker {
                        first: link(&b),
                        root: link(&b),
                        length: 1,
                    })
                    .collect()
            } else {
                found
                    .iter()
                    .map(|b| Blocker {
                        first: link(b.first),
                        root: link(b.root),
                        length: b.length,
                    })
                    .collect()
            };
            BlockedTask {
                task: t.clone(),
                blockers,
            }
        })
        .collect();
    blocked.sort_by(|a, b| by_id(&a.task, &b.task));

    // 6. Deadline changes recorded in the period (extensions and edited
    // directive files), for the tasks in scope.
    let in_scope: HashSet<&str> = end.selected.iter().map(String::as_str).collect();
    let deadline_changes = ctx
        .store
        .deadline_changes(from, end_day)?
        .into_iter()
        .filter(|c| in_scope.contains(c.task.as_str()))
        .map(|c| {
            let row = end.all.get(&c.task);
            DeadlineChange {
                from_file: c.from_file,
                title: row.map(|r| r.task.title.clone()).unwrap_or_default(),
                lead: row.and_then(|r| r.task.lead.as_ref().map(|l| l.to_string())),
                day: c.day,
                old_text: c.old.as_ref().map(|d| d.written.clone()),
                old_due: c.old.as_ref().and_then(|d| d.date()),
                new_text: c.new.as_ref().map(|d| d.written.clone()),
                new_due: c.new.as_ref().and_then(|d| d.date()),
                authority: c.authority,
                basis: c.basis,
                reason: c.reason,
                task: c.task,
            }
        })
        .collect();

    // 7. Six-clarities gaps of unfinished tasks.
    let mut unfinished: Vec<&ReportTask> = tasks
        .iter()
        .filter(|t| {
            matches!(t.status, Status::Open | Status::Overdue) || t.status.is_undated_open()
        })
        .collect();
    unfinished.sort_by(|a, b| by_id(a, b));
    let gaps = Clarity::ALL
        .iter()
        .map(|c| ClarityGap {
            clarity: *c,
            tasks: unfinished
                .iter()
                .filter(|t| t.missing.contains(&c.field()))
                .map(|t| t.id.clone())
                .collect(),
        })
        .collect();

    // 8. Per lead agency, worst first.
    let mut stats = agency_stats_of(
        tasks.iter().map(|t| sauro_core::Counted {
            leads: t.leads(),
            status: t.status,
            key: t.key,
        }),
        &ctx.registry,
    );
    stats.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| {
                let share = |s: &sauro_core::AgencyStats| s.overdue_share().unwrap_or(0.0);
                share(b).total_cmp(&share(a))
            })
            .then_with(|| b.assigned.cmp(&a.assigned))
            .then_with(|| (a.agency.is_none(), &a.agency).cmp(&(b.agency.is_none(), &b.agency)))
    });
    let agencies = stats
        .into_iter()
        .map(|s| AgencyRow {
            name: s
                .agency
                .as_ref()
                .map(|a| ctx.registry.name_of(a).to_owned()),
            stats: s,
        })
        .collect();

    let key = key_count(&tasks, &completed);
    let agency_total = total_of(&tasks);
    Ok(Briefing {
        from,
        to,
        week,
        start: start_day,
        end: end_day,
        scope,
        summary,
        completed,
        newly_overdue,
        still_overdue,
        due_next,
        due_until,
        blocked,
        deadline_changes,
        unfinished: unfinished.len(),
        gaps,
        agencies,
        key,
        agency_total,
    })
}

/// The key tasks at the end: how many, completed in the period, overdue.
fn key_count(tasks: &[ReportTask], completed: &[ReportTask]) -> sauro_report::briefing::KeyCount {
    let key = |t: &&ReportTask| t.key && t.status != Status::Cancelled;
    sauro_report::briefing::KeyCount {
        total: tasks.iter().filter(key).count(),
        completed: completed.iter().filter(key).count(),
        overdue: tasks
            .iter()
            .filter(key)
            .filter(|t| t.status == Status::Overdue)
            .count(),
    }
}

/// The counts of every task once (the total line of the per-agency table,
/// where a co-led task is in several rows).
fn total_of(tasks: &[ReportTask]) -> sauro_core::AgencyStats {
    let mut total = sauro_core::AgencyStats::default();
    for t in tasks {
        total.add(t.status);
        if t.key && t.status != Status::Cancelled {
            total.key += 1;
        }
    }
    total
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
