//! `sauro show ID`: one task in full.

use crate::args::Format;
use crate::context::Ctx;
use crate::output::{print, print_json};
use crate::task_view::{TaskView, natural_cmp};
use sauro_core::wording::{self, DayCount, Flag};
use sauro_core::{Clarity, DependencyGraph, TaskId, TaskState, format_date};
use sauro_store::TaskFilter;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(serde::Serialize)]
struct ChainLink {
    id: String,
    lead: Option<String>,
    status: sauro_core::Status,
}

#[derive(serde::Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    task: &'a TaskView,
    directive_number: Option<String>,
    directive_title: Option<String>,
    issued_by: Option<String>,
    issued_on: Option<String>,
    prerequisites: &'a [TaskView],
    dependents: &'a [TaskView],
    blocking_chains: Vec<Vec<ChainLink>>,
    notes: Vec<sauro_store::Note>,
    history: Vec<sauro_store::HistoryEntry>,
    source: Option<String>,
}

fn views_of(ctx: &Ctx, ids: Vec<String>) -> anyhow::Result<Vec<TaskView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = ctx.store.tasks(
        &TaskFilter {
            ids,
            ..TaskFilter::default()
        },
        ctx.as_of,
    )?;
    let mut v: Vec<TaskView> = rows
        .into_iter()
        .map(|r| TaskView::from_row(r, ctx))
        .collect();
    v.sort_by(|a, b| natural_cmp(a.id(), b.id()));
    Ok(v)
}

pub fn show(ctx: &Ctx, id: &str, format: Format) -> anyhow::Result<ExitCode> {
    let row = ctx.store.task(id, ctx.as_of)?;
    // The id as stored, whatever case it was typed in.
    let stored = row.task.id.to_string();
    let id = stored.as_str();
    let view = TaskView::new(&row, ctx);
    let directive = ctx
        .store
        .directives()?
        .into_iter()
        .find(|d| d.id == row.task.directive);

    let deps = ctx.store.dependencies()?;
    let graph =
        DependencyGraph::build(deps.iter().map(|(t, d)| (t, d.as_slice()))).map_err(|c| {
            anyhow::anyhow!(
                "{}: {}",
                ctx.lang.pick(
                    "cơ sở dữ liệu có phụ thuộc vòng tròn",
                    "the database holds a dependency cycle"
                ),
                c[0]
            )
        })?;
    let states: HashMap<TaskId, TaskState> = ctx.store.states()?;
    let as_of = ctx.as_of;
    let settled = |t: &TaskId| TaskState::prerequisite_settled(states.get(t).copied(), as_of);
    let prerequisites = views_of(
        ctx,
        graph.prerequisites(id).map(|t| t.to_string()).collect(),
    )?;
    let dependents = views_of(ctx, graph.dependents(id).map(|t| t.to_string()).collect())?;
    let chains = if !row.task.state.settled_on(as_of) {
        graph.blocking_chains(id, settled)
    } else {
        Vec::new()
    };
    let chain_ids: Vec<String> = chains.iter().flatten().map(|t| t.to_string()).collect();
    let chain_views: HashMap<String, TaskView> = views_of(ctx, chain_ids)?
        .into_iter()
        .map(|v| (v.id().to_owned(), v))
        .collect();
    let blocking_chains: Vec<Vec<ChainLink>> = chains
        .iter()
        .map(|c| {
            c.iter()
                .filter_map(|t| chain_views.get(t.as_str()))
                .map(|v| ChainLink {
                    id: v.id().to_owned(),
                    lead: v.lead_id().map(str::to_owned),
                    status: v.status(),
                })
                .collect()
        })
        .collect();
    let notes = ctx.store.notes(id)?;
    let history = ctx.store.history(id)?;
    let source = row.source_file.as_ref().map(|f| match row.source_line {
        Some(l) => format!("{f}:{l}"),
        None => f.clone(),
    });

    if format == Format::Json {
        print_json(&ShowJson {
            task: &view,
            directive_number: directive.as_ref().and_then(|d| d.number.clone()),
            directive_title: directive.as_ref().map(|d| d.title.clone()),
            issued_by: directive.as_ref().map(|d| d.issued_by.to_string()),
            issued_on: directive
                .as_ref()
                .map(|d| d.issued_on.format("%Y-%m-%d").to_string()),
            prerequisites: &prerequisites,
            dependents: &dependents,
            blocking_chains,
            notes,
            history,
            source,
        })?;
        return Ok(ExitCode::SUCCESS);
    }

    let lang = ctx.lang;
    let t = lang.text();
    let no_lead = wording::no_lead(lang.core());
    let mut o = String::new();
    let _ = writeln!(o, "{} — {}", view.id(), view.task.title);
    let a = &view.assessment;
    let mut status = wording::status_long_with_days(a.status, a.days_overdue, lang.core());
    match (a.days_left, view.working_days_left) {
        (Some(n), Some(w)) => {
            let left = DayCount::Left(n).phrase(lang.core());
            let working = wording::working_days(w, lang.core());
            status.push_str(&format!(" ({left}, {working})"));
        }
        (Some(n), None) => {
            status.push_str(&format!(" ({})", DayCount::Left(n).phrase(lang.core())));
        }
        _ => {}
    }
    for (on, flag) in [
        (a.blocked, Flag::Blocked),
        (a.due_soon, Flag::DueSoon),
        (a.extended, Flag::Extended),
        (view.task.key, Flag::Key),
        (view.task.classified, Flag::Classified),
    ] {
        if on {
            status.push_str(&format!(" · {}", flag.word(lang.core())));
        }
    }
    let _ = writeln!(o, "{}: {status}", t.col_status);
    if let Some(d) = &directive {
        let _ = writeln!(o, "{}", sauro_core::wording::directive_line(d, lang.core()));
    }
    let _ = writeln!(o, "\n{} ({}/6):", t.six_clarities, 6 - view.missing.len());
    for c in Clarity::ALL {
        let value = match c {
            Clarity::Lead => view.task.lead.is_some().then(|| {
                let names: Vec<String> = view
                    .task
                    .leads()
                    .map(|l| format!("{l} — {}", ctx.registry.name_of(l.as_str())))
                    .collect();
                names.join("; ")
            }),
            Clarity::Title => Some(view.task.title.clone()),
            Clarity::Responsible => view.task.responsible.clone(),
            Clarity::Product => view.task.product.clone(),
            Clarity::Deadline => view.deadline().as_written(lang.core()),
            Clarity::Authority => view
                .task
                .authority
                .as_ref()
                .map(|a| match ctx.registry.get(a) {
                    Some(ag) => format!("{a} — {}", ag.name),
                    None => a.clone(),
                }),
        };
        let lacking = view.missing.contains(c);
        let mark = if lacking { "[ ]" } else { "[x]" };
        let mut line = format!("  {mark} {}", sauro_core::text::fit(lang.clarity(c), 15));
        if let Some(v) = value {
            line.push_str(&v);
        }
        if lacking {
            line.push_str(&format!("  ← {}", view.why_missing(c, lang.core())));
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }
    if !view.task.support.is_empty() {
        let names: Vec<String> = view
            .task
            .support
            .iter()
            .map(|s| format!("{s} ({})", ctx.registry.name_of(s.as_str())))
            .collect();
        let _ = writeln!(o, "\n{}: {}", t.support, names.join(", "));
    }
    for (label, list) in [
        (t.prerequisites, &prerequisites),
        (t.dependents, &dependents),
    ] {
        if !list.is_empty() {
            let _ = writeln!(o, "\n{label}:");
            for v in list.iter() {
                let _ = writeln!(
                    o,
                    "  {}  {}  {}  {}",
                    v.id(),
                    v.status_cell(lang),
                    v.lead_id().unwrap_or(no_lead),
                    v.task.title
                );
            }
        }
    }
    if !chains.is_empty() {
        let _ = writeln!(o, "\n{}:", t.blocking_chain);
        for c in &chains {
            let links: Vec<String> = c
                .iter()
                .map(|id| match chain_views.get(id.as_str()) {
                    Some(v) => v.link(lang.core()),
                    None => id.to_string(),
                })
                .collect();
            let _ = writeln!(o, "  {} ← {}", view.id(), links.join(" ← "));
        }
    }
    // The directive file's note, then every note added in sauro.
    if row.file_note.is_some() || !notes.is_empty() {
        let _ = writeln!(o, "\n{}:", t.notes);
        if let Some(n) = &row.file_note {
            let _ = writeln!(o, "  {n}");
        }
        for n in &notes {
            let _ = writeln!(o, "  {} {}: {}", day(&n.day), n.by, n.text);
        }
    }
    if !history.is_empty() {
        let _ = writeln!(o, "\n{}:", t.history);
        for h in &history {
            let group_name = |id: &str| {
                ctx.registry
                    .is_group(id)
                    .then(|| ctx.registry.name_of(id).to_owned())
            };
            let _ = writeln!(o, "  {}", h.line_named(lang.core(), &group_name));
        }
    }
    if let Some(s) = source {
        let _ = writeln!(o, "\n{}: {s}", t.source);
    }
    print(&o)?;
    Ok(ExitCode::SUCCESS)
}

/// A stored ISO day shown as dd/mm/yyyy.
fn day(iso: &str) -> String {
    sauro_core::parse_iso_date(iso)
        .map(format_date)
        .unwrap_or_else(|_| iso.to_owned())
}
