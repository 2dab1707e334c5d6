//! Step 4 of a load: each `[[task]]` table's fields, checked one group at a
//! time (id, agencies, deadline, state, dependencies) into a [`LoadedTask`].

use super::fields::{non_empty, toml_date, unknown_agency, visible_title};
use super::position::Reporter;
use super::raw::{RawLead, RawTask};
use super::{KnownTask, LoadedTask, ProblemKind};
use crate::agency::Registry;
use crate::clarity::is_acceptable_authority;
use crate::deadline::{Deadline, Due};
use crate::ids::{AgencyId, DirectiveId, IdKind, TaskId};
use crate::status::TaskState;
use crate::task::Task;
use chrono::NaiveDate;
use std::collections::HashMap;
use toml::Spanned;

/// What every file of a load is checked against.
pub(super) struct LoadContext<'c> {
    /// The registry with every file's agencies added.
    pub(super) registry: &'c Registry,
    /// The tasks already in the database.
    pub(super) known: &'c HashMap<TaskId, KnownTask>,
}

/// What a task is checked against: the load and its directive's header.
pub(super) struct TaskContext<'c, 'a> {
    /// The load's registry and known tasks.
    pub(super) load: &'c LoadContext<'c>,
    /// The file, to name the first holder of a repeated id.
    pub(super) file: &'a str,
    /// The directive's id, when it is readable.
    pub(super) directive: Option<&'c DirectiveId>,
    /// The directive's issue day, when it is readable.
    pub(super) issued_on: Option<NaiveDate>,
    /// The day deadlines are read against.
    pub(super) reference: NaiveDate,
}

/// Where a task's problems are reported: its table's start and its id as written.
#[derive(Clone, Copy)]
struct Spot<'t> {
    at: Option<usize>,
    name: Option<&'t str>,
}

impl Spot<'_> {
    fn report(self, rep: &mut Reporter<'_>, kind: ProblemKind) {
        rep.at(self.at, self.name, kind);
    }

    /// The day an optional TOML date field gives; a bad one is reported
    /// here and read as absent.
    fn date(
        self,
        field: &'static str,
        value: Option<&toml::Value>,
        rep: &mut Reporter<'_>,
    ) -> Option<NaiveDate> {
        match toml_date(field, value?) {
            Ok(d) => Some(d),
            Err(kind) => {
                self.report(rep, kind);
                None
            }
        }
    }
}

/// Checks one `[[task]]` table; `seen` holds the ids met so far in the
/// load, with their files. `None` when the task has no usable id or its
/// directive no id or issue day (every problem is reported all the same).
pub(super) fn check_task<'a>(
    rt: &Spanned<RawTask>,
    ctx: &TaskContext<'_, 'a>,
    seen: &mut HashMap<TaskId, &'a str>,
    rep: &mut Reporter<'_>,
) -> Option<LoadedTask> {
    let t = rt.get_ref();
    let (id, spot) = task_id(rt, ctx, seen, rep)?;
    let title = visible_title(t.title.clone()).unwrap_or_else(|| {
        spot.report(rep, ProblemKind::EmptyTitle);
        String::new()
    });
    let registry = ctx.load.registry;
    let (leads, support) = leads_and_support(t, registry, spot, rep);
    let authority = non_empty(t.authority.clone());
    if let Some(a) = &authority
        && !is_acceptable_authority(a, registry)
    {
        spot.report(rep, unknown_agency("authority", a, registry));
    }
    let deadline = deadline_of(t, ctx.reference, spot, rep);
    let state = state_of(t, ctx.issued_on, spot, rep);
    let depends_on = depends_on(t, spot, rep);
    let (Some(directive), Some(_)) = (ctx.directive, ctx.issued_on) else {
        return None;
    };
    let mut leads = leads.into_iter();
    let lead = leads.next();
    let task = Task {
        id,
        directive: directive.clone(),
        title,
        lead,
        support,
        responsible: non_empty(t.responsible.clone()),
        product: non_empty(t.product.clone()),
        deadline,
        authority,
        depends_on,
        state,
        note: non_empty(t.note.clone()),
        extended: false,
        co_leads: leads.collect(),
        key: t.key.unwrap_or(false),
        classified: t.classified.unwrap_or(false),
    };
    let line = rep.line(rt.span().start);
    Some(LoadedTask { task, line })
}

/// The task's id, unique across the load and, for a task already in the
/// database, of the same directive; `None` when missing or unreadable.
fn task_id<'t, 'a>(
    rt: &'t Spanned<RawTask>,
    ctx: &TaskContext<'_, 'a>,
    seen: &mut HashMap<TaskId, &'a str>,
    rep: &mut Reporter<'_>,
) -> Option<(TaskId, Spot<'t>)> {
    let at = Some(rt.span().start);
    let Some(raw_id) = rt.get_ref().id.as_deref() else {
        rep.at(at, None, ProblemKind::NoId { of: IdKind::Task });
        return None;
    };
    let spot = Spot {
        at,
        name: Some(raw_id),
    };
    let tid = match raw_id.parse::<TaskId>() {
        Ok(tid) => tid,
        Err(error) => {
            spot.report(rep, ProblemKind::BadId { field: None, error });
            return None;
        }
    };
    if let Some(other) = seen.insert(tid.clone(), ctx.file) {
        let kind = ProblemKind::DuplicateTask {
            id: tid.clone(),
            other_file: other.to_owned(),
        };
        spot.report(rep, kind);
    } else if let (Some(k), Some(did)) = (ctx.load.known.get(&tid), ctx.directive)
        && &k.directive != did
    {
        let kind = ProblemKind::TaskOfOtherDirective {
            id: tid.clone(),
            directive: k.directive.clone(),
        };
        spot.report(rep, kind);
    }
    Some((tid, spot))
}

/// The lead agencies (first the lead, then co-leads) and the supporting
/// ones, each in the registry, none repeated, no lead also supporting.
fn leads_and_support(
    t: &RawTask,
    registry: &Registry,
    spot: Spot<'_>,
    rep: &mut Reporter<'_>,
) -> (Vec<AgencyId>, Vec<AgencyId>) {
    let agency = |field: &str, value: &str, rep: &mut Reporter<'_>| {
        if registry.contains(value) {
            value.parse::<AgencyId>().ok()
        } else {
            spot.report(rep, unknown_agency(field, value, registry));
            None
        }
    };
    let mut leads: Vec<AgencyId> = Vec::new();
    for l in t.lead.as_ref().map(RawLead::ids).unwrap_or_default() {
        if let Some(l) = agency("lead", l, rep)
            && !leads.contains(&l)
        {
            leads.push(l);
        }
    }
    let mut support = Vec::new();
    for s in &t.support {
        let Some(s) = agency("support", s.trim(), rep) else {
            continue;
        };
        if leads.contains(&s) {
            spot.report(rep, ProblemKind::LeadAlsoSupports { agency: s.clone() });
        } else if !support.contains(&s) {
            support.push(s);
        }
    }
    (leads, support)
}

/// The deadline: its wording read against `reference`, or a TOML date; an
/// explicit `due` day beside a wording is used, the wording kept.
fn deadline_of(
    t: &RawTask,
    reference: NaiveDate,
    spot: Spot<'_>,
    rep: &mut Reporter<'_>,
) -> Option<Deadline> {
    let due = spot.date("due", t.due.as_ref(), rep);
    match &t.deadline {
        None => due.map(Deadline::on),
        Some(toml::Value::String(s)) if s.trim().is_empty() => due.map(Deadline::on),
        Some(toml::Value::String(s)) => worded_deadline(s, reference, due, spot, rep),
        Some(v) => match toml_date("deadline", v) {
            Ok(d) => Some(Deadline::on(d)),
            Err(kind) => {
                spot.report(rep, kind);
                None
            }
        },
    }
}

/// A deadline written in words (`s`), with the explicit `due` day if any.
fn worded_deadline(
    s: &str,
    reference: NaiveDate,
    due: Option<NaiveDate>,
    spot: Spot<'_>,
    rep: &mut Reporter<'_>,
) -> Option<Deadline> {
    match (Deadline::parse(s, reference), due) {
        (Ok(d), None) => Some(d),
        // An explicit day beside the wording: the wording is kept, the day used.
        (Ok(d), Some(day)) => match d.due {
            Due::On(reads) if reads != day => {
                let (written, due) = (s.to_owned(), day);
                let kind = ProblemKind::DueDisagrees {
                    written,
                    reads,
                    due,
                };
                spot.report(rep, kind);
                None
            }
            _ => Some(Deadline {
                written: s.to_owned(),
                due: Due::On(day),
            }),
        },
        (Err(_), Some(day)) => Some(Deadline {
            written: s.to_owned(),
            due: Due::On(day),
        }),
        (Err(e), None) => {
            spot.report(rep, ProblemKind::Deadline(e));
            None
        }
    }
}

/// The task's state from `status` and `done_on`: a done task needs its
/// day (not before the directive's issue day), a day needs `done`.
fn state_of(
    t: &RawTask,
    issued_on: Option<NaiveDate>,
    spot: Spot<'_>,
    rep: &mut Reporter<'_>,
) -> TaskState {
    let done_on = spot.date("done_on", t.done_on.as_ref(), rep);
    match (t.status.as_deref().map(str::trim), done_on) {
        (None | Some("open"), None) => TaskState::Open,
        (Some("done"), Some(on)) => {
            if let Some(issued) = issued_on
                && let Err(p) = crate::change::check_done_day(on, issued, None)
            {
                spot.report(rep, ProblemKind::DoneDay(p));
            }
            TaskState::Done { on }
        }
        (Some("cancelled"), None) => TaskState::Cancelled { on: None },
        (Some("done"), None) => {
            if t.done_on.is_none() {
                spot.report(rep, ProblemKind::DoneWithoutDay);
            }
            TaskState::Open
        }
        (None | Some("open" | "cancelled"), Some(_)) => {
            spot.report(rep, ProblemKind::DayWithoutDone);
            TaskState::Open
        }
        (Some(other), _) => {
            let status = other.to_owned();
            spot.report(rep, ProblemKind::UnknownStatus { status });
            TaskState::Open
        }
    }
}

/// The prerequisites' ids, readable and none repeated; whether they exist
/// is checked once the whole load is read (`links.rs`).
fn depends_on(t: &RawTask, spot: Spot<'_>, rep: &mut Reporter<'_>) -> Vec<TaskId> {
    let mut depends_on = Vec::new();
    for dep in &t.depends_on {
        match dep.trim().parse::<TaskId>() {
            Ok(d) if !depends_on.contains(&d) => depends_on.push(d),
            Ok(_) => {}
            Err(error) => {
                let field = Some("depends_on");
                spot.report(rep, ProblemKind::BadId { field, error });
            }
        }
    }
    depends_on
}
