//! The briefing's model: what one period's briefing holds, and
//! [`Briefing::from_sections`], which fills it from the sections
//! `sauro_core::briefing::assemble` decides. Each task id becomes the task
//! as a report shows it on the end day, each agency gets its name. No rule
//! here: which task goes where is core's, and the counts, chains and
//! deadline moves are core's own types, not copies.

use crate::ReportTask;
use chrono::NaiveDate;
use sauro_core::briefing::{
    Blocked, Blocker, DeadlineMove, Input, KeyCount, Sections, Span, StatusCount,
};
use sauro_core::{AgencyStats, Clarity, Directive, Registry, TaskId};
use std::collections::HashMap;

/// The briefing of one period, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// Its days: the period (`from`, `to`), the days the start and end
    /// figures stand at (`start`: the day before `from`; `end`: `to`, or the
    /// as-of day when earlier) and the last day of "due next" (`due_until`).
    pub span: Span,
    /// The ISO week `(year, week)` when the period is one.
    pub week: Option<(i32, u32)>,
    /// The filters the tasks passed.
    pub scope: Scope,
    /// 1. Tasks per status at the start and at the end, in
    ///    [`Status::ALL`](sauro_core::Status::ALL) order.
    pub summary: Vec<StatusCount>,
    /// 2. Tasks done at the end and not at the start, with their status at the end.
    pub completed: Vec<ReportTask>,
    /// 3. Overdue at the end and not at the start, longest overdue first.
    pub newly_overdue: Vec<ReportTask>,
    /// 3. Overdue at the start and still at the end, longest overdue first.
    pub still_overdue: Vec<ReportTask>,
    /// 4. Unfinished tasks due after `span.end`, up to `span.due_until`, soonest first.
    pub due_next: Vec<ReportTask>,
    /// 5. Unfinished tasks waiting for an unfinished prerequisite, at the end.
    pub blocked: Vec<BlockedTask>,
    /// 6. Deadline changes recorded in the period, oldest first.
    pub deadline_changes: Vec<DeadlineChange>,
    /// 7. How many tasks were unfinished (open, overdue, ongoing) at the end.
    pub unfinished: usize,
    /// 7. Per clarity, the unfinished tasks lacking it, in [`Clarity::ALL`] order.
    pub gaps: Vec<(Clarity, Vec<TaskId>)>,
    /// 8. The VPCP counts per lead agency at the end, worst first.
    ///    A co-led task is in the row of each of its leads.
    pub agencies: Vec<AgencyRow>,
    /// Key tasks (nhiệm vụ trọng tâm), counted apart.
    pub key: KeyCount,
    /// 8. The total line: every task once.
    pub agency_total: AgencyStats,
}

/// The filters a briefing's tasks passed (empty: every task).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Lead agency ids asked for.
    pub leads: Vec<String>,
    /// The directive id asked for.
    pub directive: Option<String>,
    /// The search text asked for.
    pub search: Option<String>,
}

/// A blocked task, as of the end, and what holds it up.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockedTask {
    /// The task, as of the end.
    pub task: ReportTask,
    /// Each direct unfinished prerequisite, with the root and length of the
    /// longest chain it heads. Only the ends and the length of a chain are
    /// kept, so a long chain costs each of its tasks one line, not the whole
    /// chain again.
    pub blockers: Vec<Blocker>,
}

/// A deadline change (điều chỉnh thời hạn) recorded in the period, with the
/// title of its task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineChange {
    /// The change as core lists it (an edited directive file's too, then
    /// `basis` is the file and line).
    pub change: DeadlineMove,
    /// The task's title at the end.
    pub title: String,
}

/// The VPCP counts of one lead agency.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyRow {
    /// The counts (`agency` is `None` for tasks without a lead).
    pub stats: AgencyStats,
    /// The agency's name.
    pub name: Option<String>,
}

/// What a briefing's first lines say besides its title: the issuing unit
/// (`VĂN PHÒNG CHÍNH PHỦ`, `Vụ Tổng hợp`) and the day it was prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heading {
    /// The unit that issues the briefing, shown above the title.
    pub unit: Option<String>,
    /// The day it was prepared (the as-of day of the run).
    pub prepared_on: Option<NaiveDate>,
}

/// How the tasks are shown: the due-soon window, the directives (their
/// numbers) and the ISO week named in the heading.
#[derive(Debug, Clone, Copy)]
pub struct Presentation<'a> {
    /// Days of the due-soon flag.
    pub due_soon_days: i64,
    /// The directives, by id.
    pub directives: &'a HashMap<String, Directive>,
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
        let tasks = report_tasks(input, how);
        let list = |ids: &[TaskId]| -> Vec<ReportTask> {
            ids.iter()
                .filter_map(|id| tasks.get(id.as_str()).cloned())
                .collect()
        };
        Briefing {
            span: input.span,
            week: how.week,
            scope,
            completed: list(&sections.completed),
            newly_overdue: list(&sections.newly_overdue),
            still_overdue: list(&sections.still_overdue),
            due_next: list(&sections.due_next),
            blocked: blocked_tasks(&sections.blocked, &tasks),
            deadline_changes: deadline_changes(sections.moves, input),
            unfinished: sections.unfinished.len(),
            agencies: agency_rows(sections.agencies, input.registry),
            summary: sections.summary,
            gaps: sections.gaps,
            key: sections.key,
            agency_total: sections.agency_total,
        }
    }
}

/// Each selected task of the end snapshot as a report shows it on the end day.
fn report_tasks<'i>(input: &'i Input<'_>, how: Presentation<'_>) -> HashMap<&'i str, ReportTask> {
    input
        .end
        .selected()
        .iter()
        .filter_map(|id| input.end.get(id.as_str()))
        .map(|s| {
            let directive = how.directives.get(s.task.directive.as_str());
            let t = ReportTask::assess(
                &s.task,
                &s.blocked_by,
                input.span.end,
                how.due_soon_days,
                input.registry,
                directive,
            );
            (s.task.id.as_str(), t)
        })
        .collect()
}

/// The blocked tasks core found, each with its task as of the end.
fn blocked_tasks(blocked: &[Blocked], tasks: &HashMap<&str, ReportTask>) -> Vec<BlockedTask> {
    blocked
        .iter()
        .filter_map(|b| {
            Some(BlockedTask {
                task: tasks.get(b.task.as_str())?.clone(),
                blockers: b.blockers.clone(),
            })
        })
        .collect()
}

/// Each deadline move with its task's title at the end.
fn deadline_changes(moves: Vec<DeadlineMove>, input: &Input<'_>) -> Vec<DeadlineChange> {
    moves
        .into_iter()
        .map(|change| DeadlineChange {
            title: input
                .end
                .get(&change.task)
                .map(|s| s.task.title.clone())
                .unwrap_or_default(),
            change,
        })
        .collect()
}

/// Each agency's counts with its name.
fn agency_rows(stats: Vec<AgencyStats>, registry: &Registry) -> Vec<AgencyRow> {
    stats
        .into_iter()
        .map(|s| AgencyRow {
            name: s.agency.as_ref().map(|a| registry.name_of(a).to_owned()),
            stats: s,
        })
        .collect()
}
