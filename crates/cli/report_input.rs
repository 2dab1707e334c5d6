//! Tasks as sauro-report takes them, built from the store as of the run's day.

use crate::context::Ctx;
use sauro_core::{AssessedTask, Directive};
use sauro_report::ReportTask;
use sauro_store::{TaskFilter, TaskRow};
use std::collections::{HashMap, HashSet};

/// The tasks that pass `filter`, what needs action first, ready for a
/// report: each assessed once ([`AssessedTask`]) and projected. Classified
/// (mật) tasks are left out unless `--include-classified`: every export
/// goes through here.
pub fn report_tasks(ctx: &Ctx, filter: &TaskFilter) -> anyhow::Result<Vec<ReportTask>> {
    let directives: HashMap<String, Directive> = ctx.store.directives_by_id()?;
    // As the tasks stood on the as-of day (replayed when it is in the past).
    let mut rows = ctx.store.tasks_on(ctx.as_of, filter)?;
    let hidden = classified_named(ctx, &rows)?;
    rows.retain(|r| exportable(ctx, &r.task));
    let mut assessed: Vec<(AssessedTask, Option<String>)> = rows
        .into_iter()
        .map(|r| {
            let a = AssessedTask::new(
                r.task,
                r.blocked_by,
                &ctx.registry,
                ctx.as_of,
                ctx.due_soon_days,
            );
            (a, r.file_deadline)
        })
        .collect();
    assessed.sort_by_cached_key(|p| p.0.action_key());
    Ok(assessed
        .into_iter()
        .map(|(a, file_deadline)| {
            let directive = directives.get(a.task.directive.as_str());
            let mut t = ReportTask::from_assessed(a, &ctx.registry, directive)
                .with_original_deadline(file_deadline.as_deref());
            if !hidden.is_empty() {
                mask_classified(&mut t, &hidden, ctx);
            }
            t
        })
        .collect())
}

/// True when `task` may leave sauro in an export: not classified (mật), or
/// `--include-classified` given.
pub fn exportable(ctx: &Ctx, task: &sauro_core::Task) -> bool {
    ctx.include_classified || !task.classified
}

/// The classified tasks an export must not name: those among `rows`, and
/// those the rows name as prerequisites or blockers though the filter left
/// them out (`export blocked` lists a task blocked by a classified one that
/// is not itself blocked). Empty with `--include-classified`.
fn classified_named(ctx: &Ctx, rows: &[TaskRow]) -> anyhow::Result<HashSet<String>> {
    if ctx.include_classified {
        return Ok(HashSet::new());
    }
    let listed: HashSet<&str> = rows.iter().map(|r| r.task.id.as_str()).collect();
    let mut others: Vec<String> = rows
        .iter()
        .flat_map(|r| r.task.depends_on.iter().chain(&r.blocked_by))
        .map(|id| id.as_str())
        .filter(|id| !listed.contains(id))
        .map(str::to_owned)
        .collect();
    others.sort();
    others.dedup();
    let mut hidden: HashSet<String> = rows
        .iter()
        .filter(|r| r.task.classified)
        .map(|r| r.task.id.to_string())
        .collect();
    if !others.is_empty() {
        let filter = TaskFilter {
            ids: others,
            table_columns_only: true,
            ..TaskFilter::default()
        };
        let named = ctx.store.tasks_on(ctx.as_of, &filter)?;
        hidden.extend(
            named
                .iter()
                .filter(|r| r.task.classified)
                .map(|r| r.task.id.to_string()),
        );
    }
    Ok(hidden)
}

/// A task left in an export names no classified task: a classified
/// prerequisite is dropped from its dependencies and shows as "(mật)" among
/// its blockers (it is still blocked).
fn mask_classified(t: &mut ReportTask, hidden: &HashSet<String>, ctx: &Ctx) {
    let label = sauro_core::wording::classified_stand_in(ctx.lang.core());
    t.depends_on.retain(|d| !hidden.contains(d));
    for b in &mut t.blocked_by {
        if hidden.contains(b) {
            label.clone_into(b);
        }
    }
    t.blocked_by.dedup();
}
