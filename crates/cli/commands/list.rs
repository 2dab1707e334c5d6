//! `sauro list`, `overdue`, `blocked`, `due`, and the overview shown without a subcommand.

use crate::args::{FilterArgs, Format, Lang};
use crate::context::Ctx;
use crate::output::{print, print_json, print_with_table};
use crate::table::Table;
use crate::task_view::{TaskView, sort_for_action};
use anyhow::bail;
use sauro_core::wording::Flag;
use sauro_core::{Clarity, Status, fold};
use sauro_store::TaskFilter;
use std::borrow::Cow;
use std::process::ExitCode;

/// The agency a `--lead` value names: an id, a name or an alias (any case,
/// with or without diacritics). Unknown or ambiguous text is an error that
/// says what it may have meant.
pub fn resolve_agency(ctx: &Ctx, flag: &str, text: &str) -> anyhow::Result<String> {
    if let Some(a) = ctx.registry.resolve(text) {
        return Ok(a.id.to_string());
    }
    let label = |a: &sauro_core::Agency| format!("{} ({})", a.id, a.name);
    let several = ctx.registry.resolve_all(text);
    if several.len() > 1 {
        let list: Vec<String> = several.into_iter().map(label).collect();
        match ctx.lang {
            Lang::Vi => bail!(
                "{flag}: {text:?} là tên của nhiều cơ quan: {}; hãy ghi mã cơ quan",
                list.join(", ")
            ),
            Lang::En => bail!(
                "{flag}: {text:?} names several agencies: {}; give an agency id",
                list.join(", ")
            ),
        }
    }
    let guesses: Vec<String> = ctx
        .registry
        .suggest(text, 3)
        .into_iter()
        .map(label)
        .collect();
    let text = text.trim();
    match (ctx.lang, guesses.is_empty()) {
        (Lang::Vi, true) => bail!("{flag}: cơ quan {text:?} không có trong danh mục cơ quan"),
        (Lang::Vi, false) => bail!(
            "{flag}: cơ quan {text:?} không có trong danh mục cơ quan; có phải là {}?",
            guesses.join(", ")
        ),
        (Lang::En, true) => bail!("{flag}: agency {text:?} is in no registry"),
        (Lang::En, false) => bail!(
            "{flag}: agency {text:?} is in no registry; did you mean {}?",
            guesses.join(", ")
        ),
    }
}

/// Turns the shared filter options into a store filter, checking the ids.
/// `--lead` takes an id, name or alias; a body merged away and the body it
/// was merged into find each other's tasks. A `--search` text that names an
/// agency also finds the tasks that agency leads or supports.
pub fn store_filter(ctx: &Ctx, f: &FilterArgs) -> anyhow::Result<TaskFilter> {
    let mut leads = Vec::new();
    for lead in &f.lead {
        let lead = resolve_agency(ctx, "--lead", lead)?;
        leads.extend(ctx.registry.family(&lead).iter().map(|a| a.id.to_string()));
    }
    leads.sort();
    leads.dedup();
    let search_agencies = match f.search.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => ctx.registry.resolve(text).map_or_else(Vec::new, |a| {
            ctx.registry
                .family(a.id.as_str())
                .iter()
                .map(|a| a.id.to_string())
                .collect()
        }),
        _ => Vec::new(),
    };
    if let Some(d) = &f.directive
        && !ctx.store.directives()?.iter().any(|x| x.id.as_str() == d)
    {
        match ctx.lang {
            Lang::Vi => bail!("--directive: không có văn bản nào mang mã {d:?}"),
            Lang::En => bail!("--directive: no directive has the id {d:?}"),
        }
    }
    Ok(TaskFilter {
        leads,
        no_lead: f.no_lead,
        directive: f.directive.clone(),
        search: f.search.as_deref().map(fold),
        search_agencies,
        key: f.key,
        ..TaskFilter::default()
    })
}

pub fn views(ctx: &Ctx, filter: &TaskFilter) -> anyhow::Result<Vec<TaskView>> {
    // As the tasks stood on the as-of day (replayed when it is in the past).
    let rows = ctx.store.tasks_on(ctx.as_of, filter)?;
    Ok(rows
        .into_iter()
        .map(|r| TaskView::from_row(r, ctx))
        .collect())
}

/// The line above a table: the as-of day and the counts per status.
pub fn summary_line(ctx: &Ctx, views: &[TaskView]) -> String {
    let t = ctx.lang.text();
    let mut parts = Vec::new();
    for s in Status::ALL {
        let n = views.iter().filter(|v| v.status() == s).count();
        if n > 0 {
            let label = sauro_core::wording::status_long(s, ctx.lang.core());
            parts.push(format!("{} {}", n, label.to_lowercase()));
        }
    }
    let blocked = views.iter().filter(|v| v.assessment.blocked).count();
    if blocked > 0 {
        parts.push(format!("{blocked} {}", Flag::Blocked.word(ctx.lang.core())));
    }
    let soon = views.iter().filter(|v| v.assessment.due_soon).count();
    if soon > 0 {
        parts.push(format!("{soon} {}", Flag::DueSoon.word(ctx.lang.core())));
    }
    format!(
        "{} {} — {}: {}",
        t.as_of,
        sauro_core::format_date(ctx.as_of),
        ctx.lang.core().count(views.len(), "nhiệm vụ", "task"),
        if parts.is_empty() {
            t.none.to_owned()
        } else {
            parts.join(", ")
        }
    )
}

fn task_table<'v>(ctx: &Ctx, views: &'v [TaskView]) -> Table<'v> {
    let t = ctx.lang.text();
    let mut table = Table::new(&[
        t.col_id,
        t.col_status,
        t.col_deadline,
        t.col_lead,
        t.col_clarity,
        t.col_title,
    ]);
    // At 80 columns the title keeps 24: ids, statuses and leads give way.
    table.shrink_to = vec![Some(10), Some(16), Some(10), Some(8), None, None];
    table.flex_readable = 24;
    table.keep_end[0] = true;
    table.reserve(views.len());
    for v in views {
        table.push_cells([
            Cow::Borrowed(v.id()),
            Cow::Owned(v.status_cell(ctx.lang)),
            Cow::Owned(v.deadline_cell(ctx.lang)),
            v.lead_cell(ctx.lang),
            Cow::Owned(v.clarity_cell()),
            Cow::Borrowed(v.task.title.as_str()),
        ]);
    }
    table
}

/// A list's table, laid out from its views (borrowing their text).
type TableOf = for<'c, 'v> fn(&'c Ctx, &'v [TaskView]) -> Table<'v>;

/// Prints a list (the line above the table, then the table, streamed),
/// then leaves its memory to the process's end (see
/// [`crate::output::leak`]).
fn emit_owned(
    ctx: &Ctx,
    views: Vec<TaskView>,
    format: Format,
    table: TableOf,
) -> anyhow::Result<ExitCode> {
    let printed = match format {
        Format::Json => print_json(&views),
        Format::Table => {
            let table = (!views.is_empty()).then(|| table(ctx, &views));
            print_with_table(&summary_line(ctx, &views), table)
        }
    };
    crate::output::leak(views);
    printed.map(|()| ExitCode::SUCCESS)
}

fn status_matches(wanted: &[String], lang: Lang) -> anyhow::Result<Vec<Status>> {
    let mut out = Vec::new();
    for w in wanted {
        for part in w.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "done" => out.extend([Status::DoneOnTime, Status::DoneLate, Status::DoneUndated]),
                p => match Status::from_code(p) {
                    Some(s) => out.push(s),
                    None => {
                        let all: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
                        let all = all.join(", ");
                        match lang {
                            Lang::Vi => {
                                bail!("--status: {p:?} không hợp lệ; phải là một trong {all}, done")
                            }
                            Lang::En => bail!("--status: {p:?} is not one of {all}, done"),
                        }
                    }
                },
            }
        }
    }
    Ok(out)
}

/// `sauro list`.
pub fn list(
    ctx: &Ctx,
    f: &FilterArgs,
    status: &[String],
    blocked: bool,
    missing: &[String],
    format: Format,
) -> anyhow::Result<ExitCode> {
    let statuses = status_matches(status, ctx.lang)?;
    let mut clarities = Vec::new();
    for m in missing {
        for part in m.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match Clarity::parse(part) {
                Some(c) => clarities.push(c),
                None => match ctx.lang {
                    Lang::Vi => bail!(
                        "--missing: {part:?} không phải là một trong sáu rõ; phải là một trong lead, title, responsible, product, deadline, authority"
                    ),
                    Lang::En => bail!(
                        "--missing: {part:?} is not a clarity; one of lead, title, responsible, product, deadline, authority"
                    ),
                },
            }
        }
    }
    let mut filter = store_filter(ctx, f)?;
    filter.blocked = blocked;
    let mut views = views(ctx, &filter)?;
    views.retain(|v| {
        (statuses.is_empty() || statuses.contains(&v.status()))
            && clarities.iter().all(|c| v.missing.contains(*c))
    });
    sort_for_action(&mut views);
    emit_owned(ctx, views, format, task_table)
}

/// `sauro overdue`: longest overdue first.
pub fn overdue(ctx: &Ctx, f: &FilterArgs, format: Format) -> anyhow::Result<ExitCode> {
    let mut filter = store_filter(ctx, f)?;
    filter.overdue = true;
    // The table shows no notes, supporters nor clarity: they are not read.
    filter.table_columns_only = matches!(format, Format::Table);
    let mut views = views(ctx, &filter)?;
    sort_for_action(&mut views);
    emit_owned(ctx, views, format, overdue_table)
}

/// The table of `sauro overdue`.
fn overdue_table<'v>(ctx: &Ctx, views: &'v [TaskView]) -> Table<'v> {
    let t = ctx.lang.text();
    let mut table = Table::new(&[
        t.col_id,
        t.col_overdue,
        t.col_deadline,
        t.col_lead,
        t.col_title,
    ])
    .numeric(&[1]);
    table.shrink_to = vec![Some(10), None, Some(10), Some(8), None];
    table.flex_readable = 24;
    table.keep_end[0] = true;
    table.reserve(views.len());
    for v in views {
        table.push_cells([
            Cow::Borrowed(v.id()),
            Cow::Owned(v.assessment.days_overdue.unwrap_or(0).to_string()),
            Cow::Owned(v.deadline_cell(ctx.lang)),
            v.lead_cell(ctx.lang),
            Cow::Borrowed(v.task.title.as_str()),
        ]);
    }
    table
}

/// Task ids joined by ", ".
fn join_ids(ids: &[sauro_core::TaskId]) -> String {
    let ids: Vec<&str> = ids.iter().map(sauro_core::TaskId::as_str).collect();
    ids.join(", ")
}

/// `sauro blocked`: each blocked task and the unfinished prerequisites holding it.
pub fn blocked(ctx: &Ctx, f: &FilterArgs, format: Format) -> anyhow::Result<ExitCode> {
    let mut filter = store_filter(ctx, f)?;
    filter.blocked = true;
    // The table shows no notes, supporters nor clarity: they are not read.
    filter.table_columns_only = matches!(format, Format::Table);
    let mut views = views(ctx, &filter)?;
    sort_for_action(&mut views);
    emit_owned(ctx, views, format, blocked_table)
}

/// The table of `sauro blocked`.
fn blocked_table<'v>(ctx: &Ctx, views: &'v [TaskView]) -> Table<'v> {
    let t = ctx.lang.text();
    let mut table = Table::new(&[
        t.col_id,
        t.col_status,
        t.col_blocked_by,
        t.col_lead,
        t.col_title,
    ]);
    table.shrink_to = vec![Some(10), Some(12), Some(12), Some(8), None];
    table.flex_readable = 24;
    table.keep_end[0] = true;
    table.reserve(views.len());
    for v in views {
        table.push_cells([
            Cow::Borrowed(v.id()),
            Cow::Owned(sauro_core::wording::status_cell(
                &v.assessment,
                ctx.lang.core(),
            )),
            Cow::Owned(join_ids(&v.blocked_by)),
            v.lead_cell(ctx.lang),
            Cow::Borrowed(v.task.title.as_str()),
        ]);
    }
    table
}

/// `sauro due --within DAYS`.
pub fn due(ctx: &Ctx, within: i64, f: &FilterArgs, format: Format) -> anyhow::Result<ExitCode> {
    if within < 0 {
        match ctx.lang {
            Lang::Vi => bail!("--within: {within} là số âm; hãy cho số ngày tính tới"),
            Lang::En => bail!("--within: {within} is negative; give a number of days ahead"),
        }
    }
    let mut filter = store_filter(ctx, f)?;
    filter.due_within = Some(within);
    let mut views = views(ctx, &filter)?;
    views.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| crate::task_view::natural_cmp(a.id(), b.id()))
    });
    emit_owned(ctx, views, format, task_table)
}

/// Without a subcommand: the overview of what needs action.
pub fn overview(ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let mut views = views(ctx, &TaskFilter::default())?;
    sort_for_action(&mut views);
    let mut out = summary_line(ctx, &views);
    out.push_str("\n\n");
    let urgent: Vec<TaskView> = views
        .iter()
        .filter(|v| v.status() == Status::Overdue || v.assessment.blocked || v.assessment.due_soon)
        .cloned()
        .collect();
    if !urgent.is_empty() {
        out.push_str(&crate::output::render_once(task_table(ctx, &urgent)));
        out.push('\n');
    }
    out.push_str(ctx.lang.text().overview_hint);
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
