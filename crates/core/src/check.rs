//! The analysis behind `sauro check`: which tasks lack a clarity, which
//! prerequisites are due after the tasks that need them, the longest chain of
//! unfinished work, the titles that only exhort, and dependency cycles.
//! Pure: the caller reads the tasks (from files or the database) and words
//! the findings.

use crate::clarity::{LeadGap, lead_gap, missing};
use crate::graph::{Cycle, DependencyGraph, Inversion};
use crate::order::natural_cmp;
use crate::{ClaritySet, Registry, Task, TaskId, TaskState, fold};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// One task that lacks a clarity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The task.
    pub id: TaskId,
    /// Its title.
    pub title: String,
    /// The clarities it lacks (never empty).
    pub missing: ClaritySet,
    /// Why rõ người fails, when it does.
    pub lead_gap: Option<LeadGap>,
}

/// What `check` finds in a set of tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Tasks lacking a clarity, in natural id order.
    pub gaps: Vec<Gap>,
    /// Prerequisites due after their dependents.
    pub inversions: Vec<Inversion>,
    /// The longest chain of unfinished tasks, first prerequisite first; empty
    /// when no chain has two tasks.
    pub longest_chain: Vec<TaskId>,
    /// Tasks whose title only exhorts (đẩy mạnh, tăng cường…), in natural id
    /// order: a heuristic, not a failure.
    pub exhortations: Vec<TaskId>,
    /// Dependency cycles (then no inversion or chain is computed).
    pub cycles: Vec<Cycle>,
}

impl Analysis {
    /// True when something fails the check: a cycle, a gap or an inversion
    /// (exhortations and the longest chain are advice).
    pub fn failed(&self) -> bool {
        !self.cycles.is_empty() || !self.gaps.is_empty() || !self.inversions.is_empty()
    }
}

/// Folded openings of titles that only exhort.
const EXHORTATIONS: [&str; 5] = ["day manh", "tiep tuc", "tang cuong", "quan tam", "nang cao"];

/// True when a title only exhorts ("Đẩy mạnh…", "Tăng cường…"): hard to tell
/// when such a task is finished.
pub fn only_exhorts(title: &str) -> bool {
    let title = fold(title);
    EXHORTATIONS.iter().any(|e| title.starts_with(e))
}

/// Analyses `tasks` against `registry`.
pub fn analyse(tasks: &[Task], registry: &Registry) -> Analysis {
    let mut report = Analysis::default();
    let mut sorted: Vec<&Task> = tasks.iter().collect();
    sorted.sort_by(|a, b| natural_cmp(a.id.as_str(), b.id.as_str()));
    for t in &sorted {
        let m = missing(t, registry);
        if !m.is_empty() {
            report.gaps.push(Gap {
                id: t.id.clone(),
                title: t.title.clone(),
                missing: m,
                lead_gap: lead_gap(t, registry),
            });
        }
        if only_exhorts(&t.title) {
            report.exhortations.push(t.id.clone());
        }
    }
    let due: HashMap<&str, NaiveDate> = tasks
        .iter()
        .filter_map(|t| t.due_date().map(|d| (t.id.as_str(), d)))
        .collect();
    match DependencyGraph::build(tasks.iter().map(|t| (&t.id, t.depends_on.as_slice()))) {
        Ok(graph) => {
            let finished: HashSet<&str> = tasks
                .iter()
                .filter(|t| !matches!(t.state, TaskState::Open))
                .map(|t| t.id.as_str())
                .collect();
            let chain = graph.longest_unfinished_chain(|id| finished.contains(id.as_str()));
            if chain.len() >= 2 {
                report.longest_chain = chain;
            }
            report.inversions = graph.deadline_inversions(|id| due.get(id.as_str()).copied());
        }
        Err(cycles) => report.cycles = cycles,
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Clarity;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn task(id: &str, title: &str, deadline: Option<NaiveDate>, deps: &[&str]) -> Task {
        Task {
            id: id.parse().unwrap(),
            directive: "CT-1-2026".parse().unwrap(),
            title: title.to_owned(),
            lead: Some("BTC".parse().unwrap()),
            co_leads: vec![],
            support: vec![],
            responsible: Some("Bộ trưởng".to_owned()),
            product: Some("Báo cáo".to_owned()),
            deadline: deadline.map(crate::Deadline::on),
            authority: Some("TTG".to_owned()),
            depends_on: deps.iter().map(|x| x.parse().unwrap()).collect(),
            state: TaskState::Open,
            note: None,
            extended: false,
            key: false,
            classified: false,
        }
    }

    fn registry() -> Registry {
        let mut r = Registry::new();
        for id in ["BTC", "TTG"] {
            r.insert(crate::Agency {
                id: id.parse().unwrap(),
                name: id.into(),
                kind: crate::AgencyKind::Ministry,
                successor: None,
                aliases: Vec::new(),
                builtin: false,
            });
        }
        r
    }

    #[test]
    fn gaps_are_in_natural_order_with_the_lead_gap() {
        let mut a = task("T-10", "Xây dựng đề án", Some(d(2026, 12, 31)), &[]);
        a.lead = None;
        let mut b = task("T-2", "Xây dựng báo cáo", None, &[]);
        b.product = None;
        let r = analyse(&[a, b], &registry());
        let ids: Vec<&str> = r.gaps.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["T-2", "T-10"]);
        assert!(r.gaps[0].missing.contains(Clarity::Deadline));
        assert!(r.gaps[0].missing.contains(Clarity::Product));
        assert_eq!(r.gaps[0].lead_gap, None);
        assert_eq!(r.gaps[1].lead_gap, Some(LeadGap::Missing));
        assert!(r.failed());
    }

    #[test]
    fn inversions_chains_and_exhortations() {
        let a = task("T-1", "Đẩy mạnh cải cách", Some(d(2026, 6, 30)), &[]);
        let b = task("T-2", "Ban hành thông tư", Some(d(2026, 3, 31)), &["T-1"]);
        let mut c = task(
            "T-3",
            "Ban hành quyết định",
            Some(d(2026, 12, 31)),
            &["T-2"],
        );
        let r = analyse(&[a.clone(), b.clone(), c.clone()], &registry());
        assert_eq!(r.exhortations, vec![a.id.clone()]);
        assert_eq!(r.inversions.len(), 1);
        assert_eq!(r.inversions[0].prerequisite, a.id);
        assert_eq!(r.inversions[0].dependent, b.id);
        assert_eq!(
            r.longest_chain,
            vec![a.id.clone(), b.id.clone(), c.id.clone()]
        );
        // A finished task is off the chain.
        c.state = TaskState::Done { on: d(2026, 2, 1) };
        let mut a2 = a.clone();
        a2.state = TaskState::Done { on: d(2026, 2, 1) };
        let r = analyse(&[a2, b, c], &registry());
        assert!(r.longest_chain.is_empty());
    }

    #[test]
    fn a_cycle_is_reported_and_fails() {
        let a = task("T-1", "Việc một", Some(d(2026, 6, 30)), &["T-2"]);
        let b = task("T-2", "Việc hai", Some(d(2026, 6, 30)), &["T-1"]);
        let r = analyse(&[a, b], &registry());
        assert_eq!(r.cycles.len(), 1);
        assert!(r.inversions.is_empty());
        assert!(r.failed());
    }
}
