//! One rule of "settled" (a task no longer holds anyone up on a day): the
//! store's SQL (`query.rs`, `settled()`), the replay of a past day and the
//! briefing's blocked chains all answer as core's `TaskState::settled_on`
//! and `TaskState::blocking`, for every state: open, done before, on and
//! after the day, cancelled with and without a day.

use crate::{actor, day, ids, import_one, registry, store};
use chrono::NaiveDate;
use sauro_core::briefing::{Input, Snapshot, Span, Stood, assemble};
use sauro_core::{TaskId, TaskState};
use sauro_store::{Store, TaskFilter, TaskRow};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

/// What happens to a task: it stays open, is done or cancelled on a day of
/// November 2026, or is cancelled with no day (by the file itself).
#[derive(Debug, Clone, Copy)]
enum Fate {
    Open,
    Done(u32),
    Cancelled(u32),
    CancelledUndated,
}

const FATES: [Fate; 8] = [
    Fate::Open,
    Fate::Done(9),
    Fate::Done(10),
    Fate::Done(11),
    Fate::CancelledUndated,
    Fate::Cancelled(9),
    Fate::Cancelled(10),
    Fate::Cancelled(11),
];

/// The days asked: before, on and after each day a state changes.
fn days() -> Vec<NaiveDate> {
    (8..=12).map(|d| day(2026, 11, d)).collect()
}

/// For each fate `i`: `ST-2026/Pi` meets it, `ST-2026/Ti` (open) depends
/// on it, `ST-2026/Ui` meets it and depends on the open `ST-2026/P0`, which
/// itself waits on the open root `ST-2026/R` (so chains have two links);
/// `ST-2026/M` waits on every `Pi` (a blocker too many or too few shows).
fn directive_file() -> String {
    let mut text = String::from(
        r#"schema = 1

[directive]
id = "ST-2026"
number = "9/QĐ-TTg"
title = "Quyết định thử nghiệm quy tắc đã xong"
issued_by = "TTG"
issued_on = 2026-01-15

[[task]]
id = "ST-2026/R"
title = "Ban hành nghị định gốc"
lead = "BCA"
deadline = "31/12/2026"
authority = "CP"
"#,
    );
    for (i, fate) in FATES.iter().enumerate() {
        let cancelled = if matches!(fate, Fate::CancelledUndated) {
            "status = \"cancelled\"\n"
        } else {
            ""
        };
        let p_deps = if i == 0 {
            "depends_on = [\"ST-2026/R\"]\n"
        } else {
            ""
        };
        let _ = write!(
            text,
            r#"
[[task]]
id = "ST-2026/P{i}"
title = "Trình đề án {i}"
lead = "BTP"
deadline = "30/12/2026"
authority = "TTG"
{cancelled}{p_deps}
[[task]]
id = "ST-2026/T{i}"
title = "Ban hành thông tư {i}"
lead = "BCA"
deadline = "31/12/2026"
authority = "BCA"
depends_on = ["ST-2026/P{i}"]

[[task]]
id = "ST-2026/U{i}"
title = "Tổ chức thực hiện {i}"
lead = "BNV"
deadline = "31/12/2026"
authority = "BNV"
{cancelled}depends_on = ["ST-2026/P0"]
"#
        );
    }
    let every: Vec<String> = (0..FATES.len())
        .map(|i| format!("\"ST-2026/P{i}\""))
        .collect();
    let _ = write!(
        text,
        r#"
[[task]]
id = "ST-2026/M"
title = "Tổng kết chương trình"
lead = "VPCP"
deadline = "31/12/2026"
authority = "TTG"
depends_on = [{}]
"#,
        every.join(", ")
    );
    text
}

/// The store with every fate met: imported on 1/11, each change recorded
/// on the day it counts for.
fn settled_store() -> Store {
    let mut s = store();
    import_one(
        &mut s,
        "settled.toml",
        &directive_file(),
        &actor("nạp", day(2026, 11, 1)),
    )
    .unwrap();
    for d in 9..=11 {
        let on = day(2026, 11, d);
        let who = actor("lan", on);
        for (i, fate) in FATES.iter().enumerate() {
            for task in [format!("ST-2026/P{i}"), format!("ST-2026/U{i}")] {
                match *fate {
                    Fate::Done(x) if x == d => s.mark_done(&task, on, &who).unwrap(),
                    Fate::Cancelled(x) if x == d => {
                        s.cancel(&task, "TTG", "rút khỏi chương trình", &who)
                            .unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    s
}

/// Core's answer: what blocks each task on `day`, from the states the rows
/// hold, by `TaskState::blocking`; only the blocked tasks.
fn core_blocked(rows: &[TaskRow], day: NaiveDate) -> BTreeMap<String, Vec<String>> {
    let states: HashMap<&TaskId, TaskState> =
        rows.iter().map(|r| (&r.task.id, r.task.state)).collect();
    rows.iter()
        .map(|r| {
            let by = r
                .task
                .state
                .blocking(&r.task.depends_on, |p| states.get(p).copied(), day);
            (
                r.task.id.to_string(),
                by.iter().map(ToString::to_string).collect(),
            )
        })
        .filter(|(_, by): &(String, Vec<String>)| !by.is_empty())
        .collect()
}

/// The store's answer as a query's rows give it.
fn blocked_of(rows: &[TaskRow]) -> BTreeMap<String, Vec<String>> {
    rows.iter()
        .filter(|r| !r.blocked_by.is_empty())
        .map(|r| {
            let by = r.blocked_by.iter().map(ToString::to_string).collect();
            (r.task.id.to_string(), by)
        })
        .collect()
}

fn only_blocked() -> TaskFilter {
    TaskFilter {
        blocked: true,
        ..TaskFilter::default()
    }
}

#[test]
fn the_sql_settles_each_state_as_core_does() {
    let s = settled_store();
    for d in days() {
        // The present rows hold each task's state and its day: the SQL asks
        // `state_on <= day`, core asks `settled_on(day)`.
        let all = s.tasks(&TaskFilter::default(), d).unwrap();
        assert_eq!(all.len(), 2 + 3 * FATES.len());
        let expected = core_blocked(&all, d);
        // Every fate settled on some day and not on another: the days asked
        // tell the states apart.
        assert!(expected.contains_key("ST-2026/T0"), "{d}: {expected:?}");
        assert!(!expected.contains_key("ST-2026/T4"), "{d}: {expected:?}");

        // The blocked flag: `NOT settled(t) AND EXISTS (… NOT settled(p))`.
        let flagged = s.tasks(&only_blocked(), d).unwrap();
        assert_eq!(
            ids(&flagged).into_iter().collect::<BTreeSet<_>>(),
            expected.keys().cloned().collect::<BTreeSet<_>>(),
            "the blocked flag on {d}"
        );
        assert_eq!(blocked_of(&flagged), expected, "blocked_by on {d}");

        // The blocking list, task by task: prerequisites marked unsettled
        // by the SQL.
        for row in &all {
            let id = row.task.id.to_string();
            let one = s
                .tasks(
                    &TaskFilter {
                        ids: vec![id.clone()],
                        ..TaskFilter::default()
                    },
                    d,
                )
                .unwrap();
            let by: Vec<String> = one[0].blocked_by.iter().map(ToString::to_string).collect();
            let want = expected.get(&id).cloned().unwrap_or_default();
            assert_eq!(by, want, "{id} on {d} ({:?})", row.task.state);
        }
    }
}

#[test]
fn each_state_is_settled_from_its_day_on() {
    let s = settled_store();
    let blocked_on = |d: NaiveDate| blocked_of(&s.tasks(&only_blocked(), d).unwrap());
    // T1 waits on P1, done on 9/11: blocked on 8/11 only.
    assert!(blocked_on(day(2026, 11, 8)).contains_key("ST-2026/T1"));
    assert!(!blocked_on(day(2026, 11, 9)).contains_key("ST-2026/T1"));
    // P3 done on 11/11: blocks T3 on 10/11, not on 11/11 (the day itself).
    assert!(blocked_on(day(2026, 11, 10)).contains_key("ST-2026/T3"));
    assert!(!blocked_on(day(2026, 11, 11)).contains_key("ST-2026/T3"));
    // Cancelled with no day: never blocks; U4 (cancelled) is never blocked.
    for d in days() {
        let b = blocked_on(d);
        assert!(!b.contains_key("ST-2026/T4"), "{d}");
        assert!(!b.contains_key("ST-2026/U4"), "{d}");
        // The open ones always are, by their open prerequisite.
        assert_eq!(
            b.get("ST-2026/U0").map(Vec::as_slice),
            Some(&["ST-2026/P0".to_owned()][..])
        );
    }
    // U7, cancelled on 11/11, is blocked up to the day before.
    assert!(blocked_on(day(2026, 11, 10)).contains_key("ST-2026/U7"));
    assert!(!blocked_on(day(2026, 11, 11)).contains_key("ST-2026/U7"));
}

#[test]
fn a_past_day_replayed_blocks_as_the_sql_does_as_of_that_day() {
    let s = settled_store();
    for d in days() {
        // `sauro blocked --as-of d` replays the day (changes came after it).
        let replayed = blocked_of(&s.tasks_on(d, &only_blocked()).unwrap());
        let pushed_down = blocked_of(&s.tasks(&only_blocked(), d).unwrap());
        assert_eq!(replayed, pushed_down, "{d}");
        let all = s.tasks_on(d, &TaskFilter::default()).unwrap();
        assert_eq!(replayed, core_blocked(&all, d), "{d}");
    }
}

#[test]
fn the_briefing_and_sauro_blocked_agree_on_the_same_day() {
    let s = settled_store();
    let registry = registry();
    for d in days() {
        let span = Span::new(d - chrono::Days::new(6), d, d).unwrap();
        let snapshot = |on: NaiveDate| {
            let rows = s.tasks_on(on, &TaskFilter::default()).unwrap();
            let selected: Vec<TaskId> = rows.iter().map(|r| r.task.id.clone()).collect();
            let all = rows.into_iter().map(Stood::from).collect();
            Snapshot::new(on, all, selected, false)
        };
        let input = Input {
            span,
            start: snapshot(span.start),
            end: snapshot(span.end),
            moves: Vec::new(),
            registry: &registry,
            include_classified: false,
        };
        let sections = assemble(&input);
        // What the briefing lists: each blocked task and its direct blockers
        // (the first link of each chain).
        let briefed: BTreeMap<String, Vec<String>> = sections
            .blocked
            .iter()
            .map(|b| {
                let first = b.blockers.iter().map(|x| x.first.id.to_string()).collect();
                (b.task.to_string(), first)
            })
            .collect();
        // What `sauro blocked --as-of d` lists.
        let listed = blocked_of(&s.tasks_on(d, &only_blocked()).unwrap());
        assert_eq!(briefed, listed, "{d}");
        // The chain below U0 runs through P0 down to the open root R.
        let u0 = sections
            .blocked
            .iter()
            .find(|b| b.task.as_str() == "ST-2026/U0")
            .unwrap();
        assert_eq!(u0.blockers[0].root.id.as_str(), "ST-2026/R");
        assert_eq!(u0.blockers[0].length, 2);
    }
}
