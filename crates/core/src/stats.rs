//! Per-agency statistics as VPCP counts them (`domain.md` §7): charged to
//! the lead only, a group counted once, predecessors under their successor.

use crate::agency::Registry;
use crate::status::Status;
use std::collections::BTreeMap;

/// The VPCP counts of one lead agency.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct AgencyStats {
    /// The lead agency id; `None` gathers tasks with no lead.
    pub agency: Option<String>,
    /// Tasks assigned (cancelled ones excluded).
    pub assigned: usize,
    /// Done on or before the deadline.
    pub done_on_time: usize,
    /// Done after the deadline.
    pub done_late: usize,
    /// Done, no dated deadline.
    pub done_undated: usize,
    /// Not done, not yet due.
    pub open: usize,
    /// Not done, past the deadline.
    pub overdue: usize,
    /// Not done, ongoing or recurring by the directive's words (thường xuyên).
    pub ongoing: usize,
    /// Not done, the deadline's words name no day (chưa rõ thời hạn).
    pub vague: usize,
    /// Not done, no deadline at all (không có thời hạn).
    pub no_deadline: usize,
    /// Withdrawn (not in `assigned`).
    pub cancelled: usize,
    /// Key tasks (nhiệm vụ trọng tâm) among the assigned.
    pub key: usize,
}

/// One task as statistics see it: its leads, status and whether it is key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted<'a> {
    /// Every lead (co-leads included); empty when it has none.
    pub leads: Vec<&'a str>,
    /// Its status.
    pub status: Status,
    /// A key task (nhiệm vụ trọng tâm).
    pub key: bool,
}

impl AgencyStats {
    /// Counts one more task of this status.
    pub fn add(&mut self, status: Status) {
        if status != Status::Cancelled {
            self.assigned += 1;
        }
        *match status {
            Status::DoneOnTime => &mut self.done_on_time,
            Status::DoneLate => &mut self.done_late,
            Status::DoneUndated => &mut self.done_undated,
            Status::Open => &mut self.open,
            Status::Overdue => &mut self.overdue,
            Status::Ongoing => &mut self.ongoing,
            Status::Vague => &mut self.vague,
            Status::NoDeadline => &mut self.no_deadline,
            Status::Cancelled => &mut self.cancelled,
        } += 1;
    }

    /// Adds another agency's counts (for a total line).
    pub fn absorb(&mut self, other: &AgencyStats) {
        self.assigned += other.assigned;
        self.done_on_time += other.done_on_time;
        self.done_late += other.done_late;
        self.done_undated += other.done_undated;
        self.open += other.open;
        self.overdue += other.overdue;
        self.ongoing += other.ongoing;
        self.vague += other.vague;
        self.no_deadline += other.no_deadline;
        self.cancelled += other.cancelled;
        self.key += other.key;
    }

    /// Not done and no day to count from: ongoing, vague or no deadline.
    /// With the four buckets and [`AgencyStats::done_undated`] it makes up
    /// `assigned`.
    pub fn open_undated(&self) -> usize {
        self.ongoing + self.vague + self.no_deadline
    }

    /// All done tasks.
    pub fn done(&self) -> usize {
        self.done_on_time + self.done_late + self.done_undated
    }

    /// Share overdue of all assigned tasks (tỷ lệ quá hạn), in percent.
    pub fn overdue_share(&self) -> Option<f64> {
        (self.assigned > 0).then(|| 100.0 * self.overdue as f64 / self.assigned as f64)
    }

    /// Completion rate of tasks already due, done / (done + overdue)
    /// (tỷ lệ hoàn thành nhiệm vụ đến hạn), in percent. Only dated tasks
    /// fall due, so tasks done without a deadline are left out.
    pub fn completion_rate_of_due(&self) -> Option<f64> {
        let done = self.done_on_time + self.done_late;
        let due = done + self.overdue;
        (due > 0).then(|| 100.0 * done as f64 / due as f64)
    }

    /// On-time rate of finished dated tasks, on time / (on time + late), in percent.
    pub fn on_time_rate(&self) -> Option<f64> {
        let dated = self.done_on_time + self.done_late;
        (dated > 0).then(|| 100.0 * self.done_on_time as f64 / dated as f64)
    }
}

/// Counts tasks per lead agency. Each item is a task's lead and status.
/// Leads are mapped to their successor; the result is sorted by agency id,
/// tasks with no lead last.
pub fn agency_stats<'a>(
    items: impl IntoIterator<Item = (Option<&'a str>, Status)>,
    registry: &Registry,
) -> Vec<AgencyStats> {
    agency_stats_of(
        items.into_iter().map(|(lead, status)| Counted {
            leads: lead.into_iter().collect(),
            status,
            key: false,
        }),
        registry,
    )
}

/// Counts tasks per lead agency, a co-led task once for each of its leads
/// (once for an agency that two of its leads map to), key tasks apart.
/// Leads are mapped to their successor; the result is sorted by agency id,
/// tasks with no lead last. The sum of the rows may then exceed the number
/// of tasks.
pub fn agency_stats_of<'a>(
    items: impl IntoIterator<Item = Counted<'a>>,
    registry: &Registry,
) -> Vec<AgencyStats> {
    let mut by: BTreeMap<Option<String>, AgencyStats> = BTreeMap::new();
    for item in items {
        let mut keys: Vec<Option<String>> = item
            .leads
            .iter()
            .map(|l| Some(registry.counted_as(l).to_owned()))
            .collect();
        let mut seen: Vec<Option<String>> = Vec::new();
        if keys.is_empty() {
            keys.push(None);
        }
        for key in keys {
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            let s = by.entry(key.clone()).or_insert_with(|| AgencyStats {
                agency: key,
                ..AgencyStats::default()
            });
            s.add(item.status);
            if item.key && item.status != Status::Cancelled {
                s.key += 1;
            }
        }
    }
    let mut out: Vec<AgencyStats> = by.into_values().collect();
    out.sort_by(|a, b| (a.agency.is_none(), &a.agency).cmp(&(b.agency.is_none(), &b.agency)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::{Agency, AgencyKind};

    /// BKHCN, BTTTT (merged into BKHCN) and BCA.
    fn three_ministries() -> Registry {
        let mut r = Registry::new();
        for (id, succ) in [("BKHCN", None), ("BTTTT", Some("BKHCN")), ("BCA", None)] {
            r.insert(Agency {
                id: id.parse().unwrap(),
                name: id.into(),
                kind: AgencyKind::Ministry,
                successor: succ.map(|s| s.parse().unwrap()),
                aliases: Vec::new(),
                builtin: false,
            });
        }
        r
    }

    #[test]
    fn counts_and_rates_as_vpcp_reports_them() {
        let r = three_ministries();
        let items = vec![
            (Some("BKHCN"), Status::DoneOnTime),
            (Some("BTTTT"), Status::DoneLate),
            (Some("BKHCN"), Status::Overdue),
            (Some("BKHCN"), Status::Cancelled),
            (Some("BCA"), Status::Ongoing),
            (Some("BCA"), Status::DoneUndated),
            (None, Status::Open),
        ];
        let s = agency_stats(items, &r);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].agency.as_deref(), Some("BCA"));
        // A task done without a deadline never fell due.
        assert_eq!(s[0].completion_rate_of_due(), None);
        let k = &s[1];
        assert_eq!(k.agency.as_deref(), Some("BKHCN"));
        assert_eq!(
            (
                k.assigned,
                k.done_on_time,
                k.done_late,
                k.overdue,
                k.cancelled
            ),
            (3, 1, 1, 1, 1)
        );
        assert_eq!(k.completion_rate_of_due().map(|x| x.round()), Some(67.0));
        assert_eq!(k.overdue_share().map(|x| x.round()), Some(33.0));
        assert_eq!(k.on_time_rate(), Some(50.0));
        assert_eq!(s[2].agency, None);
    }

    #[test]
    fn a_co_led_task_counts_for_each_lead_and_key_tasks_apart() {
        let r = three_ministries();
        let items = vec![
            Counted {
                leads: vec!["BCA", "BKHCN"],
                status: Status::Overdue,
                key: true,
            },
            // Two leads counted as one agency: once.
            Counted {
                leads: vec!["BKHCN", "BTTTT"],
                status: Status::Open,
                key: false,
            },
            Counted {
                leads: vec![],
                status: Status::Open,
                key: true,
            },
        ];
        let s = agency_stats_of(items, &r);
        let by = |a: Option<&str>| s.iter().find(|x| x.agency.as_deref() == a).unwrap();
        assert_eq!((by(Some("BCA")).assigned, by(Some("BCA")).overdue), (1, 1));
        assert_eq!(by(Some("BCA")).key, 1);
        let k = by(Some("BKHCN"));
        assert_eq!((k.assigned, k.overdue, k.open, k.key), (2, 1, 1, 1));
        assert_eq!((by(None).assigned, by(None).key), (1, 1));
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn the_columns_add_up_to_the_tasks_assigned() {
        let r = Registry::new();
        let items = Status::ALL.into_iter().map(|s| (Some("BCA"), s));
        let s = &agency_stats(items, &r)[0];
        let buckets = s.done_on_time + s.done_late + s.open + s.overdue;
        assert_eq!(s.assigned, 8);
        assert_eq!(buckets + s.done_undated + s.open_undated(), s.assigned);
        assert_eq!((s.ongoing, s.vague, s.no_deadline), (1, 1, 1));
    }
}
