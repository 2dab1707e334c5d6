//! Tasks as sauro-report takes them, built from the store as of the run's day.

use crate::commands::list::views;
use crate::context::Ctx;
use crate::task_view::{TaskView, action_order};
use sauro_core::{Directive, parse_iso_date};
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
    let mut views = views(ctx, filter)?;
    views.sort_by(action_order);
    Ok(views.iter().map(|v| to_report(v, &directives)).collect())
}

/// One task view as a report row.
pub fn to_report(v: &TaskView, directives: &HashMap<String, Directive>) -> ReportTask {
    let d = directives.get(&v.directive);
    ReportTask {
        id: v.id.clone(),
        directive: v.directive.clone(),
        directive_number: d.and_then(|d| d.number.clone()),
        directive_issued_on: d.map(|d| d.issued_on),
        title: v.title.clone(),
        lead: v.lead.clone(),
        lead_name: v.lead_name.clone(),
        support: v.support.clone(),
        responsible: v.responsible.clone(),
        product: v.product.clone(),
        authority: v.authority.clone(),
        deadline: v.due,
        deadline_text: v.deadline_text.clone(),
        status: v.status,
        days_overdue: v.days_overdue,
        due_soon: v.due_soon,
        blocked_by: v.blocked_by.clone(),
        depends_on: v.depends_on.clone(),
        missing: v.missing.clone(),
        extended: v.extended,
        done_on: v.done_on.as_deref().and_then(|d| parse_iso_date(d).ok()),
        note: v.note.clone(),
    }
}
