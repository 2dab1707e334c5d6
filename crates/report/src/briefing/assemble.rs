//! A [`Briefing`] from the sections `sauro_core::briefing::assemble` decides:
//! each task id becomes the task as a report shows it on the end day, each
//! agency gets its name. No rule here: which task goes where is core's.

use super::{
    AgencyRow, BlockedTask, Blocker, Briefing, ChainLink, ClarityGap, DeadlineChange, KeyCount,
    Scope, StatusCount,
};
use crate::ReportTask;
use sauro_core::briefing::{Input, Link, Sections};
use sauro_core::{Directive, Lang, TaskId};
use std::collections::HashMap;

/// How the tasks are shown: the due-soon window, the directives (their
/// numbers), the language of the "(classified)" placeholder, the scope and
/// ISO week named in the heading.
#[derive(Debug, Clone, Copy)]
pub struct Presentation<'a> {
    /// Days of the due-soon flag.
    pub due_soon_days: i64,
    /// The directives, by id.
    pub directives: &'a HashMap<String, Directive>,
    /// The language of the placeholder of a classified task in a chain.
    pub lang: Lang,
    /// The ISO week, when the period is one.
    pub week: Option<(i32, u32)>,
}

impl Briefing {
    /// The briefing of `sections`, decided from `input`, its tasks shown as
    /// on the end day.
    pub fn from_sections(
        input: &Input<'_>,
        sections: Sections,
        scope: Scope,
        how: Presentation<'_>,
    ) -> Briefing {
        let span = input.span;
        let tasks: HashMap<&str, ReportTask> = input
            .end
            .selected()
            .iter()
            .filter_map(|id| input.end.get(id.as_str()))
            .map(|s| {
                let directive = how.directives.get(s.task.directive.as_str());
                let t = ReportTask::assess(
                    &s.task,
                    &s.blocked_by,
                    span.end,
                    how.due_soon_days,
                    input.registry,
                    directive,
                );
                (s.task.id.as_str(), t)
            })
            .collect();
        let list = |ids: &[TaskId]| -> Vec<ReportTask> {
            ids.iter()
                .filter_map(|id| tasks.get(id.as_str()).cloned())
                .collect()
        };
        let link = |l: &Link| ChainLink {
            id: if l.hidden {
                how.lang.pick("(mật)", "(classified)").to_owned()
            } else {
                l.id.to_string()
            },
            lead: l.lead.as_ref().map(ToString::to_string),
            status: l.status,
            days_overdue: l.days_overdue,
            deadline: l.deadline,
        };
        Briefing {
            from: span.from,
            to: span.to,
            week: how.week,
            start: span.start,
            end: span.end,
            scope,
            summary: sections
                .summary
                .iter()
                .map(|c| StatusCount {
                    status: c.status,
                    start: c.start,
                    end: c.end,
                })
                .collect(),
            completed: list(&sections.completed),
            newly_overdue: list(&sections.newly_overdue),
            still_overdue: list(&sections.still_overdue),
            due_next: list(&sections.due_next),
            due_until: span.due_until,
            blocked: sections
                .blocked
                .iter()
                .filter_map(|b| {
                    Some(BlockedTask {
                        task: tasks.get(b.task.as_str())?.clone(),
                        blockers: b
                            .blockers
                            .iter()
                            .map(|x| Blocker {
                                first: link(&x.first),
                                root: link(&x.root),
                                length: x.length,
                            })
                            .collect(),
                    })
                })
                .collect(),
            deadline_changes: sections
                .moves
                .iter()
                .map(|m| {
                    let task = input.end.get(&m.task).map(|s| &s.task);
                    DeadlineChange {
                        task: m.task.clone(),
                        title: task.map(|t| t.title.clone()).unwrap_or_default(),
                        lead: task.and_then(|t| t.lead.as_ref().map(ToString::to_string)),
                        day: m.day,
                        from_file: m.from_file,
                        old_text: m.old.as_ref().map(|d| d.written.clone()),
                        old_due: m.old.as_ref().and_then(|d| d.date()),
                        new_text: m.new.as_ref().map(|d| d.written.clone()),
                        new_due: m.new.as_ref().and_then(|d| d.date()),
                        authority: m.authority.clone(),
                        basis: m.basis.clone(),
                        reason: m.reason.clone(),
                    }
                })
                .collect(),
            unfinished: sections.unfinished.len(),
            gaps: sections
                .gaps
                .iter()
                .map(|(c, ids)| ClarityGap {
                    clarity: *c,
                    tasks: ids.iter().map(ToString::to_string).collect(),
                })
                .collect(),
            agencies: sections
                .agencies
                .into_iter()
                .map(|s| AgencyRow {
                    name: s
                        .agency
                        .as_ref()
                        .map(|a| input.registry.name_of(a).to_owned()),
                    stats: s,
                })
                .collect(),
            key: KeyCount {
                total: sections.key.total,
                completed: sections.key.completed,
                overdue: sections.key.overdue,
            },
            agency_total: sections.agency_total,
        }
    }
}
