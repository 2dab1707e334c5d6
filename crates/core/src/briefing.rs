//! The rules of the weekly briefing (giao ban): from the tasks as they stood
//! at the start of a period (the end of the day before it) and at its end,
//! which tasks were completed in it, which became overdue and which stayed
//! so, which are due next, which are blocked and by which chains, which
//! deadlines moved, the six-clarities gaps and the counts per lead agency.
//!
//! Pure: the caller replays the two snapshots from the store and words the
//! result (`sauro-report` lays it out). Sections hold task ids, each section
//! in its order; [`Sections::task`] gives a task as it stood at the end.

use crate::clarity::missing;
use crate::order::natural_cmp;
use crate::{
    AgencyId, AgencyStats, Assessment, Clarity, ClaritySet, Counted, Deadline, DependencyGraph,
    Registry, Status, Task, TaskId, TaskState, agency_stats_of,
};
use chrono::{Days, NaiveDate};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// The days due next are counted after the period.
pub const DUE_NEXT_DAYS: u64 = 7;

/// The days a briefing of `from`–`to` asked on `as_of` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The period's first day.
    pub from: NaiveDate,
    /// The period's last day.
    pub to: NaiveDate,
    /// The start snapshot: the day before `from`, at its end.
    pub start: NaiveDate,
    /// The end snapshot: `to`, or `as_of` when earlier.
    pub end: NaiveDate,
    /// The last day "due next" counts: [`DUE_NEXT_DAYS`] after `to`.
    pub due_until: NaiveDate,
}

impl Span {
    /// The span of `from`–`to` as of `as_of`; `None` when `from` is the
    /// first day there is (no day before it).
    pub fn new(from: NaiveDate, to: NaiveDate, as_of: NaiveDate) -> Option<Span> {
        Some(Span {
            from,
            to,
            start: from.pred_opt()?,
            end: to.min(as_of),
            due_until: to.checked_add_days(Days::new(DUE_NEXT_DAYS)).unwrap_or(to),
        })
    }
}

/// A task as it stood on a day, with its unfinished prerequisites then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stood {
    /// The task.
    pub task: Task,
    /// Its prerequisites not finished on that day.
    pub blocked_by: Vec<TaskId>,
}

/// Every task as it stood on one day, and those the briefing is about (the
/// caller's filter: leads, directive, search).
#[derive(Debug, Clone)]
pub struct Snapshot {
    day: NaiveDate,
    all: HashMap<String, Stood>,
    selected: Vec<TaskId>,
}

impl Snapshot {
    /// The snapshot of `day`: `all` the tasks (the dependency graph needs
    /// them), `selected` the ids the briefing is about, in the caller's
    /// order. Classified tasks are dropped from `selected` unless
    /// `include_classified`.
    pub fn new(
        day: NaiveDate,
        all: Vec<Stood>,
        selected: impl IntoIterator<Item = TaskId>,
        include_classified: bool,
    ) -> Snapshot {
        let all: HashMap<String, Stood> = all
            .into_iter()
            .map(|s| (s.task.id.to_string(), s))
            .collect();
        let selected = selected
            .into_iter()
            .filter(|id| {
                all.get(id.as_str())
                    .is_some_and(|s| include_classified || !s.task.classified)
            })
            .collect();
        Snapshot { day, all, selected }
    }

    /// The task `id` on the day, if it existed then.
    pub fn get(&self, id: &str) -> Option<&Stood> {
        self.all.get(id)
    }

    /// The selected ids, in the caller's order.
    pub fn selected(&self) -> &[TaskId] {
        &self.selected
    }

    fn status(&self, id: &str) -> Option<Status> {
        self.all
            .get(id)
            .map(|s| Status::classify(s.task.state, s.task.due_kind(), self.day))
    }

    /// Holds nobody up on the day, by the one rule
    /// ([`TaskState::prerequisite_settled`]: a task not there yet holds
    /// nobody up), the rule the store's `blocked_by` follows.
    fn settled(&self, id: &TaskId) -> bool {
        let state = self.all.get(id.as_str()).map(|s| s.task.state);
        TaskState::prerequisite_settled(state, self.day)
    }
}

/// A deadline moved in the period: an extension, or an edited directive
/// file read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineMove {
    /// The task.
    pub task: String,
    /// True for a change brought by an edited directive file.
    pub from_file: bool,
    /// The day it was recorded.
    pub day: NaiveDate,
    /// The deadline before.
    pub old: Option<Deadline>,
    /// The deadline after.
    pub new: Option<Deadline>,
    /// The authority that decided.
    pub authority: Option<String>,
    /// The document it rests on (an edited file's change: its `file:line`).
    pub basis: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// What a briefing is built from.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Its days.
    pub span: Span,
    /// The tasks as they stood on `span.start`.
    pub start: Snapshot,
    /// The tasks as they stood on `span.end`.
    pub end: Snapshot,
    /// The deadline changes recorded from `span.from` to `span.end`, of any task.
    pub moves: Vec<DeadlineMove>,
    /// The agencies (rõ người, per-agency counts).
    pub registry: &'a Registry,
    /// Classified tasks are named in chains only when true.
    pub include_classified: bool,
}

/// A task of the end snapshot, assessed on the end day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Its status.
    pub status: Status,
    /// Days past the deadline, when overdue.
    pub days_overdue: Option<i64>,
    /// The deadline's day as of the end day.
    pub deadline: Option<NaiveDate>,
    /// The day it was done, when done by the end day.
    pub done_on: Option<NaiveDate>,
}

impl Standing {
    fn of(task: &Task, day: NaiveDate) -> Standing {
        let a = Assessment::new(task.state, task.due_kind(), day, 0, false, task.extended);
        Standing {
            status: a.status,
            days_overdue: a.days_overdue,
            deadline: task.due_as_of(day),
            done_on: match task.state.as_of(day) {
                TaskState::Done { on } => Some(on),
                _ => None,
            },
        }
    }
}

/// How many tasks had a status at the start and at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// Tasks in it at the start.
    pub start: usize,
    /// Tasks in it at the end.
    pub end: usize,
}

/// One link of a blocking chain, as it stood at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The task.
    pub id: TaskId,
    /// True for a classified task left out of the briefing: it is not named.
    pub hidden: bool,
    /// Its lead (`None` too when hidden).
    pub lead: Option<AgencyId>,
    /// Its status (open when unknown).
    pub status: Status,
    /// Days past its deadline, when overdue.
    pub days_overdue: Option<i64>,
    /// Its deadline's day.
    pub deadline: Option<NaiveDate>,
}

/// A direct blocker of a task and the unfinished root of its longest chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    /// The direct prerequisite.
    pub first: Link,
    /// The task at the bottom of the chain, which must move first.
    pub root: Link,
    /// Unfinished tasks on the chain, `first` and `root` included.
    pub length: usize,
}

/// A blocked task and its blockers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    /// The task.
    pub task: TaskId,
    /// Its direct blockers with their chains.
    pub blockers: Vec<Blocker>,
}

/// Key tasks (not cancelled) at the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyCount {
    /// How many.
    pub total: usize,
    /// Completed in the period.
    pub completed: usize,
    /// Overdue at the end.
    pub overdue: usize,
}

/// The briefing's sections, each in its order.
#[derive(Debug, Clone)]
pub struct Sections {
    standing: HashMap<String, Standing>,
    /// Tasks per status, start and end, in `Status::ALL` order.
    pub summary: Vec<StatusCount>,
    /// Done in the period (not done at its start), by done day then id.
    pub completed: Vec<TaskId>,
    /// Overdue at the end but not at the start, longest overdue first.
    pub newly_overdue: Vec<TaskId>,
    /// Overdue at both, longest overdue first.
    pub still_overdue: Vec<TaskId>,
    /// Open and due after the end, until `span.due_until`, by deadline.
    pub due_next: Vec<TaskId>,
    /// Blocked at the end, by id.
    pub blocked: Vec<Blocked>,
    /// The deadline moves of the selected tasks, in the order given.
    pub moves: Vec<DeadlineMove>,
    /// Unfinished at the end (open, overdue, undated), by id.
    pub unfinished: Vec<TaskId>,
    /// For each clarity, the unfinished tasks that lack it, by id.
    pub gaps: Vec<(Clarity, Vec<TaskId>)>,
    /// Per lead agency, most overdue first.
    pub agencies: Vec<AgencyStats>,
    /// The key tasks.
    pub key: KeyCount,
    /// Every selected task once (a co-led task is in several agency rows).
    pub agency_total: AgencyStats,
}

impl Sections {
    /// How a selected task stood at the end.
    pub fn standing(&self, id: &str) -> Option<Standing> {
        self.standing.get(id).copied()
    }
}

fn by_id(a: &TaskId, b: &TaskId) -> Ordering {
    natural_cmp(a.as_str(), b.as_str())
}

/// Builds the sections of the briefing of `input`.
pub fn assemble(input: &Input<'_>) -> Sections {
    let (start, end, span) = (&input.start, &input.end, input.span);
    let tasks: Vec<(&Stood, Standing)> = end
        .selected
        .iter()
        .filter_map(|id| end.get(id.as_str()))
        .map(|s| (s, Standing::of(&s.task, span.end)))
        .collect();
    let completed = completed(&tasks, start, span);
    let (newly_overdue, still_overdue) = overdue(&tasks, start, span);
    let unfinished = unfinished(&tasks);
    let in_scope: HashSet<&str> = end.selected.iter().map(TaskId::as_str).collect();
    Sections {
        summary: summary(&tasks, start),
        key: key_count(&tasks, &completed),
        agency_total: total_of(&tasks),
        agencies: agencies(&tasks, input.registry),
        due_next: due_next(&tasks, span),
        blocked: blocked(&tasks, input),
        moves: input
            .moves
            .iter()
            .filter(|m| in_scope.contains(m.task.as_str()))
            .cloned()
            .collect(),
        gaps: gaps(&unfinished, input.registry),
        unfinished: unfinished.iter().map(|(s, _)| s.task.id.clone()).collect(),
        completed,
        newly_overdue,
        still_overdue,
        standing: tasks
            .iter()
            .map(|(s, st)| (s.task.id.to_string(), *st))
            .collect(),
    }
}

/// Counts per status at the start and at the end.
fn summary(tasks: &[(&Stood, Standing)], start: &Snapshot) -> Vec<StatusCount> {
    let mut n: HashMap<Status, (usize, usize)> = HashMap::new();
    for s in start
        .selected
        .iter()
        .filter_map(|id| start.status(id.as_str()))
    {
        n.entry(s).or_default().0 += 1;
    }
    for (_, st) in tasks {
        n.entry(st.status).or_default().1 += 1;
    }
    Status::ALL
        .iter()
        .map(|s| {
            let (start, end) = n.get(s).copied().unwrap_or_default();
            StatusCount {
                status: *s,
                start,
                end,
            }
        })
        .collect()
}

/// Done at the end and not at the start. A task not there at the start
/// (imported during the period) counts only when its own done day is in the
/// period. A completion recorded late (its done day before the period) is
/// in the period it was recorded in.
fn completed(tasks: &[(&Stood, Standing)], start: &Snapshot, span: Span) -> Vec<TaskId> {
    let mut done: Vec<(&Stood, Standing)> = tasks
        .iter()
        .filter(|(s, st)| {
            st.status.is_done()
                && match start.status(s.task.id.as_str()) {
                    Some(was) => !was.is_done(),
                    None => st.done_on.is_some_and(|on| on >= span.from),
                }
        })
        .copied()
        .collect();
    done.sort_by(|a, b| {
        a.1.done_on
            .cmp(&b.1.done_on)
            .then_with(|| by_id(&a.0.task.id, &b.0.task.id))
    });
    done.into_iter().map(|(s, _)| s.task.id.clone()).collect()
}

/// Overdue at the end, split into newly overdue and still overdue (overdue
/// at the start too; for a task not there then, due before the start).
fn overdue(
    tasks: &[(&Stood, Standing)],
    start: &Snapshot,
    span: Span,
) -> (Vec<TaskId>, Vec<TaskId>) {
    let (mut still, mut newly): (Vec<_>, Vec<_>) = tasks
        .iter()
        .filter(|(_, st)| st.status == Status::Overdue)
        .partition(|(s, st)| match start.status(s.task.id.as_str()) {
            Some(was) => was == Status::Overdue,
            None => st.deadline.is_some_and(|d| d < span.start),
        });
    let longest_first = |a: &&(&Stood, Standing), b: &&(&Stood, Standing)| {
        b.1.days_overdue
            .cmp(&a.1.days_overdue)
            .then_with(|| by_id(&a.0.task.id, &b.0.task.id))
    };
    newly.sort_by(longest_first);
    still.sort_by(longest_first);
    let ids = |v: Vec<&(&Stood, Standing)>| v.into_iter().map(|(s, _)| s.task.id.clone()).collect();
    (ids(newly), ids(still))
}

/// Open at the end and due after it, until `span.due_until`.
fn due_next(tasks: &[(&Stood, Standing)], span: Span) -> Vec<TaskId> {
    let mut next: Vec<&(&Stood, Standing)> = tasks
        .iter()
        .filter(|(_, st)| {
            st.status == Status::Open
                && st
                    .deadline
                    .is_some_and(|d| d > span.end && d <= span.due_until)
        })
        .collect();
    next.sort_by(|a, b| {
        a.1.deadline
            .cmp(&b.1.deadline)
            .then_with(|| by_id(&a.0.task.id, &b.0.task.id))
    });
    next.into_iter().map(|(s, _)| s.task.id.clone()).collect()
}

/// Open, overdue or undated at the end, by id.
fn unfinished<'a>(tasks: &[(&'a Stood, Standing)]) -> Vec<(&'a Stood, Standing)> {
    let mut left: Vec<(&Stood, Standing)> = tasks
        .iter()
        .filter(|(_, st)| {
            matches!(st.status, Status::Open | Status::Overdue) || st.status.is_undated_open()
        })
        .copied()
        .collect();
    left.sort_by(|a, b| by_id(&a.0.task.id, &b.0.task.id));
    left
}

/// For each clarity, the unfinished tasks that lack it (each task's gaps
/// computed once).
fn gaps(unfinished: &[(&Stood, Standing)], registry: &Registry) -> Vec<(Clarity, Vec<TaskId>)> {
    let lacking: Vec<(&TaskId, ClaritySet)> = unfinished
        .iter()
        .map(|(s, _)| (&s.task.id, missing(&s.task, registry)))
        .collect();
    Clarity::ALL
        .iter()
        .map(|c| {
            let ids = lacking.iter().filter(|(_, m)| m.contains(*c));
            (*c, ids.map(|(id, _)| (*id).clone()).collect())
        })
        .collect()
}

/// A task of the end snapshot as a chain link.
fn link(input: &Input<'_>, id: &TaskId) -> Link {
    let day = input.span.end;
    let stood = input.end.get(id.as_str());
    let standing = stood.map(|s| Standing::of(&s.task, day));
    // A classified task left out of the briefing is not named in a chain.
    let hidden = stood.is_some_and(|s| s.task.classified && !input.include_classified);
    Link {
        id: id.clone(),
        hidden,
        lead: stood.filter(|_| !hidden).and_then(|s| s.task.lead.clone()),
        status: standing.map_or(Status::Open, |s| s.status),
        days_overdue: standing.and_then(|s| s.days_overdue),
        deadline: standing.and_then(|s| s.deadline),
    }
}

/// The blocked tasks with their direct blockers and the root and length of
/// each blocker's longest unfinished chain: one pass over the graph, so a
/// chain of n tasks costs n blockers, not n² links.
fn blocked(tasks: &[(&Stood, Standing)], input: &Input<'_>) -> Vec<Blocked> {
    let end = &input.end;
    let graph = DependencyGraph::build(
        end.all
            .values()
            .map(|s| (&s.task.id, s.task.depends_on.as_slice())),
    )
    .ok();
    let chains = graph.as_ref().map(|g| g.longest_chains(|p| end.settled(p)));
    let mut blocked: Vec<Blocked> = tasks
        .iter()
        .filter(|(s, _)| !s.blocked_by.is_empty())
        .map(|(s, _)| {
            let found = chains
                .as_ref()
                .map(|c| c.blockers(s.task.id.as_str()))
                .unwrap_or_default();
            let blockers = if found.is_empty() {
                // Without a graph (never expected: import refuses cycles), the direct blockers.
                s.blocked_by
                    .iter()
                    .map(|b| Blocker {
                        first: link(input, b),
                        root: link(input, b),
                        length: 1,
                    })
                    .collect()
            } else {
                found
                    .iter()
                    .map(|b| Blocker {
                        first: link(input, b.first),
                        root: link(input, b.root),
                        length: b.length,
                    })
                    .collect()
            };
            Blocked {
                task: s.task.id.clone(),
                blockers,
            }
        })
        .collect();
    blocked.sort_by(|a, b| by_id(&a.task, &b.task));
    blocked
}

/// Per lead agency, worst first: most overdue, largest overdue share, most
/// assigned, then by id (no lead last).
fn agencies(tasks: &[(&Stood, Standing)], registry: &Registry) -> Vec<AgencyStats> {
    let mut stats = agency_stats_of(
        tasks.iter().map(|(s, st)| Counted {
            leads: s.task.leads().map(AgencyId::as_str).collect(),
            status: st.status,
            key: s.task.key,
        }),
        registry,
    );
    stats.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| {
                let share = |s: &AgencyStats| s.overdue_share().unwrap_or(0.0);
                share(b).total_cmp(&share(a))
            })
            .then_with(|| b.assigned.cmp(&a.assigned))
            .then_with(|| (a.agency.is_none(), &a.agency).cmp(&(b.agency.is_none(), &b.agency)))
    });
    stats
}

/// A key task that counts: key and not cancelled.
fn counts_as_key(s: &Stood, st: &Standing) -> bool {
    s.task.key && st.status != Status::Cancelled
}

/// The key tasks at the end: how many, completed in the period, overdue.
fn key_count(tasks: &[(&Stood, Standing)], completed: &[TaskId]) -> KeyCount {
    let done: HashSet<&str> = completed.iter().map(TaskId::as_str).collect();
    let key = tasks.iter().filter(|(s, st)| counts_as_key(s, st));
    KeyCount {
        total: key.clone().count(),
        completed: key
            .clone()
            .filter(|(s, _)| done.contains(s.task.id.as_str()))
            .count(),
        overdue: key.filter(|(_, st)| st.status == Status::Overdue).count(),
    }
}

/// The counts of every task once (the total line of the per-agency table).
fn total_of(tasks: &[(&Stood, Standing)]) -> AgencyStats {
    let mut total = AgencyStats::default();
    for (s, st) in tasks {
        total.add(st.status);
        if counts_as_key(s, st) {
            total.key += 1;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Agency, AgencyKind};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn id(s: &str) -> TaskId {
        s.parse().unwrap()
    }

    /// A clear task led by BTC, due on `due`.
    fn task(name: &str, due: Option<NaiveDate>) -> Task {
        Task {
            id: id(name),
            directive: "CT-1-2026".parse().unwrap(),
            title: format!("Việc {name}"),
            lead: Some("BTC".parse().unwrap()),
            co_leads: vec![],
            support: vec![],
            responsible: Some("Bộ trưởng".into()),
            product: Some("Báo cáo".into()),
            deadline: due.map(Deadline::on),
            authority: Some("TTG".into()),
            depends_on: vec![],
            state: TaskState::Open,
            note: None,
            extended: false,
            key: false,
            classified: false,
        }
    }

    fn done(mut t: Task, on: NaiveDate) -> Task {
        t.state = TaskState::Done { on };
        t
    }

    fn registry() -> Registry {
        let mut r = Registry::new();
        for a in ["BTC", "TTG"] {
            r.insert(Agency {
                id: a.parse().unwrap(),
                name: a.into(),
                kind: AgencyKind::Ministry,
                successor: None,
                aliases: Vec::new(),
                builtin: false,
            });
        }
        r
    }

    fn stood(tasks: &[Task]) -> Vec<Stood> {
        tasks
            .iter()
            .map(|t| Stood {
                task: t.clone(),
                blocked_by: t
                    .depends_on
                    .iter()
                    .filter(|p| {
                        tasks
                            .iter()
                            .any(|o| &o.id == *p && o.state == TaskState::Open)
                    })
                    .cloned()
                    .collect(),
            })
            .collect()
    }

    fn snapshot(day: NaiveDate, tasks: &[Task]) -> Snapshot {
        Snapshot::new(day, stood(tasks), tasks.iter().map(|t| t.id.clone()), false)
    }

    /// The week of 16–22/11/2026 asked on 22/11.
    fn week(start: &[Task], end: &[Task], registry: &Registry) -> Sections {
        let span = Span::new(d(11, 16), d(11, 22), d(11, 22)).unwrap();
        assemble(&Input {
            span,
            start: snapshot(span.start, start),
            end: snapshot(span.end, end),
            moves: vec![],
            registry,
            include_classified: false,
        })
    }

    fn names(ids: &[TaskId]) -> Vec<&str> {
        ids.iter().map(TaskId::as_str).collect()
    }

    #[test]
    fn the_span_compares_the_day_before_with_the_last_day_or_as_of() {
        let s = Span::new(d(11, 16), d(11, 22), d(11, 18)).unwrap();
        assert_eq!(
            (s.start, s.end, s.due_until),
            (d(11, 15), d(11, 18), d(11, 29))
        );
        assert_eq!(Span::new(NaiveDate::MIN, d(11, 22), d(11, 22)), None);
    }

    #[test]
    fn done_in_the_period_on_time_and_late_by_done_day() {
        let r = registry();
        let on_time = task("A", Some(d(11, 30)));
        let late = task("B", Some(d(11, 10)));
        let before = done(task("C", Some(d(11, 30))), d(11, 12));
        let start = [on_time.clone(), late.clone(), before.clone()];
        let end = [done(on_time, d(11, 20)), done(late, d(11, 17)), before];
        let s = week(&start, &end, &r);
        // Done before the period: not completed in it.
        assert_eq!(names(&s.completed), ["B", "A"]);
        assert_eq!(s.standing("A").unwrap().status, Status::DoneOnTime);
        assert_eq!(s.standing("B").unwrap().status, Status::DoneLate);
        assert_eq!(s.standing("B").unwrap().done_on, Some(d(11, 17)));
    }

    #[test]
    fn a_completion_recorded_late_counts_in_the_week_it_was_recorded() {
        let r = registry();
        // Recorded this week with a done day of last week: the start
        // snapshot (replayed by recording day) still has it open.
        let t = task("A", Some(d(11, 30)));
        let s = week(std::slice::from_ref(&t), &[done(t.clone(), d(11, 12))], &r);
        assert_eq!(names(&s.completed), ["A"]);
        assert_eq!(s.standing("A").unwrap().done_on, Some(d(11, 12)));
        // Imported this week already done last week: not this week's work.
        let s = week(&[], &[done(t, d(11, 12))], &r);
        assert!(s.completed.is_empty());
    }

    #[test]
    fn newly_overdue_apart_from_still_overdue_longest_first() {
        let r = registry();
        let old = task("A", Some(d(11, 1)));
        let older = task("B", Some(d(10, 1)));
        let new = task("C", Some(d(11, 18)));
        // Imported during the week, its deadline before the week: still overdue.
        let imported = task("D", Some(d(11, 5)));
        // Imported during the week, due within it: newly overdue.
        let fresh = task("E", Some(d(11, 20)));
        let start = [old.clone(), older.clone(), new.clone()];
        let end = [old, older, new, imported, fresh];
        let s = week(&start, &end, &r);
        assert_eq!(names(&s.still_overdue), ["B", "A", "D"]);
        assert_eq!(names(&s.newly_overdue), ["C", "E"]);
        assert_eq!(s.standing("B").unwrap().days_overdue, Some(52));
        let overdue = s.summary.iter().find(|c| c.status == Status::Overdue);
        assert_eq!(overdue.map(|c| (c.start, c.end)), Some((2, 5)));
    }

    #[test]
    fn due_next_is_the_week_after_the_period() {
        let r = registry();
        let end = [
            task("A", Some(d(11, 29))),
            task("B", Some(d(11, 30))),
            task("C", Some(d(11, 23))),
            done(task("D", Some(d(11, 24))), d(11, 20)),
        ];
        let s = week(&end, &end, &r);
        assert_eq!(names(&s.due_next), ["C", "A"]);
    }

    #[test]
    fn blocked_tasks_name_the_root_of_their_chain_but_no_classified_task() {
        let r = registry();
        let mut root = task("A", Some(d(12, 1)));
        root.classified = true;
        let mut mid = task("B", Some(d(12, 5)));
        mid.depends_on = vec![id("A")];
        let mut top = task("C", Some(d(12, 9)));
        top.depends_on = vec![id("B")];
        let end = [root, mid, top];
        let s = week(&end, &end, &r);
        // The classified task is not briefed, only shown hidden in chains.
        assert!(s.standing("A").is_none());
        let blocked: Vec<&str> = s.blocked.iter().map(|b| b.task.as_str()).collect();
        assert_eq!(blocked, ["B", "C"]);
        let c = &s.blocked[1].blockers[0];
        assert_eq!((c.first.id.as_str(), c.first.hidden), ("B", false));
        assert_eq!(
            (c.root.id.as_str(), c.root.hidden, c.length),
            ("A", true, 2)
        );
        assert_eq!(c.root.lead, None);
    }

    #[test]
    fn gaps_moves_and_key_counts_are_of_the_selected_tasks() {
        let r = registry();
        let mut vague = task("A", Some(d(12, 1)));
        vague.product = None;
        vague.key = true;
        let mut finished = done(task("B", Some(d(12, 1))), d(11, 18));
        finished.product = None;
        finished.key = true;
        let other = task("C", Some(d(12, 1)));
        let all = [vague.clone(), finished.clone(), other];
        let span = Span::new(d(11, 16), d(11, 22), d(11, 22)).unwrap();
        let start = [vague, task("B", Some(d(12, 1)))];
        let moved = |t: &str| DeadlineMove {
            task: t.into(),
            from_file: false,
            day: d(11, 18),
            old: None,
            new: Some(Deadline::on(d(12, 1))),
            authority: Some("TTG".into()),
            basis: Some("CV 1".into()),
            reason: Some("chờ số liệu".into()),
        };
        let selected = |tasks: &[Task]| {
            tasks
                .iter()
                .map(|t| t.id.clone())
                .filter(|i| i.as_str() != "C")
                .collect::<Vec<_>>()
        };
        let s = assemble(&Input {
            span,
            start: Snapshot::new(span.start, stood(&all), selected(&start), false),
            end: Snapshot::new(span.end, stood(&all), selected(&all), false),
            moves: vec![moved("A"), moved("C")],
            registry: &r,
            include_classified: false,
        });
        let product = s.gaps.iter().find(|(c, _)| *c == Clarity::Product);
        // A finished task's gap is no longer the briefing's business.
        assert_eq!(product.map(|(_, ids)| names(ids)), Some(vec!["A"]));
        assert_eq!(names(&s.unfinished), ["A"]);
        let moved: Vec<&str> = s.moves.iter().map(|m| m.task.as_str()).collect();
        assert_eq!(moved, ["A"]);
        assert_eq!(
            s.key,
            KeyCount {
                total: 2,
                completed: 1,
                overdue: 0
            }
        );
        assert_eq!(s.agency_total.assigned, 2);
    }
}
