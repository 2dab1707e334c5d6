//! The orders tasks are shown in: ids with their numbers compared as
//! numbers, and "what needs action first".

use crate::status::{Assessment, Status};
use chrono::NaiveDate;
use std::cmp::Ordering;

/// Compares ids with their digit runs as numbers (`X/2` before `X/10`).
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let si = i;
            while i < a.len() && a[i].is_ascii_digit() {
                i += 1;
            }
            let sj = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let na = trim_zeros(&a[si..i]);
            let nb = trim_zeros(&b[sj..j]);
            let ord = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
            if ord != Ordering::Equal {
                return ord;
            }
        } else {
            if a[i] != b[j] {
                return a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().take_while(|c| **c == b'0').count();
    &d[n..]
}

/// The group a task falls in for "action first": overdue, blocked, due
/// soon, open, ongoing, then finished and cancelled.
pub fn action_rank(a: &Assessment) -> u8 {
    match a.status {
        Status::Overdue => 0,
        _ if a.blocked => 1,
        _ if a.due_soon => 2,
        Status::Open => 3,
        Status::Ongoing => 4,
        _ => 5,
    }
}

/// What needs action first: overdue (longest first), blocked, due soon,
/// then the rest by deadline (undated last); ties by id.
pub fn action_cmp(
    a: (&Assessment, Option<NaiveDate>, &str),
    b: (&Assessment, Option<NaiveDate>, &str),
) -> Ordering {
    action_rank(a.0)
        .cmp(&action_rank(b.0))
        .then_with(|| {
            b.0.days_overdue
                .unwrap_or(0)
                .cmp(&a.0.days_overdue.unwrap_or(0))
        })
        .then_with(|| match (a.1, b.1) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| natural_cmp(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::TaskState;

    #[test]
    fn ids_sort_naturally() {
        let mut ids = vec!["A/10", "A/2", "A/01", "B/1", "A/2a"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, vec!["A/01", "A/2", "A/2a", "A/10", "B/1"]);
    }

    #[test]
    fn overdue_comes_first_longest_first() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let as_of = day(22);
        let late = Assessment::new(TaskState::Open, Some(day(1)), as_of, 7, false, false);
        let later = Assessment::new(TaskState::Open, Some(day(10)), as_of, 7, false, false);
        let blocked = Assessment::new(TaskState::Open, Some(day(30)), as_of, 7, true, false);
        let soon = Assessment::new(TaskState::Open, Some(day(25)), as_of, 7, false, false);
        let mut v = [
            (&soon, "soon"),
            (&later, "later"),
            (&blocked, "blocked"),
            (&late, "late"),
        ];
        v.sort_by(|a, b| action_cmp((a.0, None, a.1), (b.0, None, b.1)));
        let names: Vec<&str> = v.iter().map(|x| x.1).collect();
        assert_eq!(names, vec!["late", "later", "blocked", "soon"]);
    }
}
