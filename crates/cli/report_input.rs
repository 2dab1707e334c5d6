//! Tasks as sauro-report takes them, built from the store as of the run's day.

use crate::context::Ctx;
use crate::task_view::TaskView;
use sauro_core::Directive;
use sauro_report::ReportTask;
use sauro_store::TaskFilter;
use std::collections::HashMap;

/// The tasks that pass `filter`, what needs action first, ready for a report.
pub fn report_tasks(ctx: &Ctx, filter: &TaskFilter) -> anyhow::Result<Vec<ReportTask>> {
    let directives: HashMap<String, Directive> = ctx
        .store
        .directives()?
        .into_iter()
        .map(|d| (d.id.to_string(), d))
        .collect();
    // As the tasks stood on the as-of day (replayed when it is in the past).
    let rows = ctx.store.tasks_on(ctx.as_of, filter)?;
    let mut pairs: Vec<(TaskView, &sauro_store::TaskRow)> =
        rows.iter().map(|r| (TaskView::new(r, ctx), r)).collect();
    pairs.sort_by_cached_key(|p| p.0.action_key());
    Ok(pairs
        .into_iter()
        .map(|(_, r)| {
            let directive = directives.get(r.task.directive.as_str());
            ReportTask::assess(
                &r.task,
                &r.blocked_by,
                ctx.as_of,
                ctx.due_soon_days,
                &ctx.registry,
                directive,
            )
        })
        .collect())
}
