//! Tasks as sauro-report takes them, built from the store as of the run's day.

use crate::context::Ctx;
use sauro_core::{AssessedTask, Directive};
use sauro_report::ReportTask;
use sauro_store::TaskFilter;
use std::collections::HashMap;

/// The tasks that pass `filter`, what needs action first, ready for a
/// report: each assessed once ([`AssessedTask`]) and projected. Classified
/// (mật) tasks are left out unless `--include-classified`: every export
/// goes through here.
pub fn report_tasks(ctx: &Ctx, filter: &TaskFilter) -> anyhow::Result<Vec<ReportTask>> {
    let directives: HashMap<String, Directive> = ctx.store.directives_by_id()?;
    // As the tasks stood on the as-of day (replayed when it is in the past).
    let mut rows = ctx.store.tasks_on(ctx.as_of, filter)?;
    let hidden: std::collections::HashSet<String> = rows
        .iter()
        .filter(|r| !exportable(ctx, &r.task))
        .map(|r| r.task.id.to_string())
        .collect();
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

/// A task left in an export names no classified task: a classified
/// prerequisite is dropped from its dependencies and shows as "(mật)" among
/// its blockers (it is still blocked).
fn mask_classified(t: &mut ReportTask, hidden: &std::collections::HashSet<String>, ctx: &Ctx) {
    let label = ctx.lang.pick("(mật)", "(classified)");
    t.depends_on.retain(|d| !hidden.contains(d));
    for b in &mut t.blocked_by {
        if hidden.contains(b) {
            label.clone_into(b);
        }
    }
    t.blocked_by.dedup();
}
