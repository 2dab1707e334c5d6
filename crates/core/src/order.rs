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

/// A byte string that sorts as [`natural_cmp`] does, to compute once per id
/// when sorting many (`sort_by_cached_key`). Each run of digits is written as
/// its length (as a digit, so it sorts against other characters as a digit
/// does) followed by its digits without leading zeros.
pub fn natural_key(id: &str) -> Vec<u8> {
    let b = id.as_bytes();
    let mut out = Vec::with_capacity(b.len() + 4);
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = trim_zeros(&b[start..i]);
            out.push(b'0' + digits.len().min(9) as u8);
            out.extend_from_slice(digits);
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The sort key of "what needs action first" ([`action_cmp`]), computed once per task.
pub type ActionKey = (
    u8,
    std::cmp::Reverse<i64>,
    (bool, Option<NaiveDate>),
    Vec<u8>,
);

/// The key of [`action_cmp`] for one task.
pub fn action_key(a: &Assessment, due: Option<NaiveDate>, id: &str) -> ActionKey {
    (
        action_rank(a),
        std::cmp::Reverse(a.days_overdue.unwrap_or(0)),
        (due.is_none(), due),
        natural_key(id),
    )
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
        Status::Ongoing | Status::Vague | Status::NoDeadline => 4,
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
    fn natural_keys_sort_as_natural_cmp() {
        let ids = [
            "A/10",
            "A/2",
            "A/01",
            "A/1",
            "B/1",
            "A/2a",
            "A-2",
            "A.2",
            "a/2",
            "A/002",
            "A/19",
            "A/9",
            "bcdtw-ctct-2026/01",
            "bcdtw-ctct-2026/10",
            "kl-hoi-nghi-6-2-2025/07",
            "A",
            "A/",
            "2",
        ];
        for a in ids {
            for b in ids {
                assert_eq!(
                    natural_key(a).cmp(&natural_key(b)),
                    natural_cmp(a, b),
                    "{a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn overdue_comes_first_longest_first() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let as_of = day(22);
        let late = Assessment::new(
            TaskState::Open,
            Some(crate::Due::On(day(1))),
            as_of,
            7,
            false,
            false,
        );
        let later = Assessment::new(
            TaskState::Open,
            Some(crate::Due::On(day(10))),
            as_of,
            7,
            false,
            false,
        );
        let blocked = Assessment::new(
            TaskState::Open,
            Some(crate::Due::On(day(30))),
            as_of,
            7,
            true,
            false,
        );
        let soon = Assessment::new(
            TaskState::Open,
            Some(crate::Due::On(day(25))),
            as_of,
            7,
            false,
            false,
        );
        let mut v = [
            (&soon, "soon"),
            (&later, "later"),
            (&blocked, "blocked"),
            (&late, "late"),
        ];
        v.sort_by(|a, b| action_cmp((a.0, None, a.1), (b.0, None, b.1)));
        let names: Vec<&str> = v.iter().map(|x| x.1).collect();
        assert_eq!(names, vec!["late", "later", "blocked", "soon"]);
        v.reverse();
        v.sort_by_cached_key(|x| action_key(x.0, None, x.1));
        let by_key: Vec<&str> = v.iter().map(|x| x.1).collect();
        assert_eq!(by_key, names);
    }
}
