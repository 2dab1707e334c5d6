//! Tasks as they stood on a past day, replayed from history: changes made
//! across several weeks (done, reopen, extend, cancel, import edits) are
//! undone one by one for the days before them.

use crate::{actor, day, ids, import_one, store};
use chrono::NaiveDate;
use sauro_core::{Deadline, Status, TaskState};
use sauro_store::{Store, TaskFilter, TaskRow};

const WEEKS: &str = r#"
schema = 1

[directive]
id = "RPL-2026"
number = "7/QĐ-TTg"
title = "Quyết định thử nghiệm lịch sử"
issued_by = "TTG"
issued_on = 2026-01-15

[[task]]
id = "RPL-2026/01"
title = "Trình nghị định"
lead = "BCA"
responsible = "Bộ trưởng Bộ Công an"
product = "Nghị định"
deadline = "10/11/2026"
authority = "CP"

[[task]]
id = "RPL-2026/02"
title = "Xây dựng đề án"
lead = "BCA"
responsible = "Bộ trưởng Bộ Công an"
product = "Đề án"
deadline = "quý 3/2026"
authority = "TTG"

[[task]]
id = "RPL-2026/03"
title = "Tổ chức hội nghị"
lead = "BTP"
responsible = "Bộ trưởng Bộ Tư pháp"
product = "Hội nghị"
deadline = "30/11/2026"
authority = "TTG"

[[task]]
id = "RPL-2026/04"
title = "Ban hành thông tư"
lead = "BCA"
responsible = "Bộ trưởng Bộ Công an"
product = "Thông tư"
deadline = "31/12/2026"
authority = "BCA"
depends_on = ["RPL-2026/01"]

[[task]]
id = "RPL-2026/06"
title = "Báo cáo kết quả"
lead = "BCA"
product = "Báo cáo"
deadline = "20/11/2026"
authority = "TTG"
"#;

fn edited() -> String {
    WEEKS
        .replace("deadline = \"20/11/2026\"", "deadline = \"15/12/2026\"")
        .replace(
            "id = \"RPL-2026/06\"\ntitle = \"Báo cáo kết quả\"\nlead = \"BCA\"",
            "id = \"RPL-2026/06\"\ntitle = \"Báo cáo kết quả\"\nlead = \"BTP\"",
        )
}

fn with_new_task() -> String {
    let mut text = edited();
    text.push_str(
        r#"
[[task]]
id = "RPL-2026/05"
title = "Tổng kết"
lead = "BTP"
deadline = "05/11/2026"
authority = "TTG"
"#,
    );
    text
}

/// Week 45 (2–8/11), 46 (9–15/11), 47 (16–22/11) of 2026.
fn history_across_weeks() -> Store {
    let mut s = store();
    record_weeks(&mut s);
    s
}

/// The changes of [`history_across_weeks`], made in `s`.
pub(crate) fn record_weeks(s: &mut Store) {
    import_one(s, "weeks.toml", WEEKS, &actor("nạp", day(2026, 11, 1))).unwrap();
    // Week 45: 01 done; 07 of another file done later, see below.
    s.mark_done(
        "RPL-2026/01",
        day(2026, 11, 3),
        &actor("lan", day(2026, 11, 3)),
    )
    .unwrap();
    // Week 46: 02 extended, the file edited (06's deadline and lead), 01 reopened.
    let q4 = Deadline::parse("31/12/2026", day(2026, 1, 15)).unwrap();
    s.extend(
        "RPL-2026/02",
        &q4,
        "TTG",
        "9061/VPCP-CN",
        "chờ nghị quyết",
        &actor("lan", day(2026, 11, 10)),
    )
    .unwrap();
    import_one(s, "weeks.toml", &edited(), &actor("nạp", day(2026, 11, 11))).unwrap();
    s.reopen("RPL-2026/01", &actor("minh", day(2026, 11, 12)))
        .unwrap();
    // Week 47: 05 imported, 03 cancelled, 01 done again, and 04 recorded done
    // on a day of week 46 (known only in week 47).
    import_one(
        s,
        "weeks.toml",
        &with_new_task(),
        &actor("nạp", day(2026, 11, 16)),
    )
    .unwrap();
    s.cancel(
        "RPL-2026/03",
        "TTG",
        "rút khỏi chương trình",
        &actor("hoa", day(2026, 11, 17)),
    )
    .unwrap();
    s.mark_done(
        "RPL-2026/01",
        day(2026, 11, 19),
        &actor("lan", day(2026, 11, 19)),
    )
    .unwrap();
    s.mark_done(
        "RPL-2026/04",
        day(2026, 11, 13),
        &actor("lan", day(2026, 11, 20)),
    )
    .unwrap();
}

fn on(s: &Store, d: NaiveDate) -> Vec<TaskRow> {
    s.tasks_on(d, &TaskFilter::default()).unwrap()
}

fn task<'a>(rows: &'a [TaskRow], id: &str) -> &'a TaskRow {
    rows.iter()
        .find(|r| r.task.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} not among {:?}", ids(rows)))
}

fn status(row: &TaskRow, d: NaiveDate) -> Status {
    row.task.status_as_of(d)
}

#[test]
fn a_task_exists_from_the_day_its_directive_assigned_it() {
    let s = history_across_weeks();
    // Issued 15/01/2026: nothing before, every task after, even those added
    // to the file (05) or imported (all) in November.
    assert!(on(&s, day(2026, 1, 14)).is_empty());
    let all = [
        "RPL-2026/01",
        "RPL-2026/02",
        "RPL-2026/03",
        "RPL-2026/04",
        "RPL-2026/05",
        "RPL-2026/06",
    ];
    assert_eq!(ids(&on(&s, day(2026, 1, 15))), all);
    assert_eq!(ids(&on(&s, day(2026, 11, 15))), all);
}

#[test]
fn state_on_a_past_day_replays_done_reopen_and_cancel() {
    let s = history_across_weeks();
    let state = |d: NaiveDate, id: &str| task(&on(&s, d), id).task.state;
    assert_eq!(state(day(2026, 11, 2), "RPL-2026/01"), TaskState::Open);
    let done_3 = TaskState::Done {
        on: day(2026, 11, 3),
    };
    assert_eq!(state(day(2026, 11, 3), "RPL-2026/01"), done_3);
    assert_eq!(state(day(2026, 11, 11), "RPL-2026/01"), done_3);
    assert_eq!(state(day(2026, 11, 12), "RPL-2026/01"), TaskState::Open);
    assert_eq!(
        state(day(2026, 11, 22), "RPL-2026/01"),
        TaskState::Done {
            on: day(2026, 11, 19)
        }
    );
    assert_eq!(state(day(2026, 11, 16), "RPL-2026/03"), TaskState::Open);
    assert_eq!(
        state(day(2026, 11, 17), "RPL-2026/03"),
        TaskState::Cancelled {
            on: Some(day(2026, 11, 17))
        }
    );
    // Recorded on 20/11 as done on 13/11: not known on 15/11.
    assert_eq!(state(day(2026, 11, 15), "RPL-2026/04"), TaskState::Open);
    assert_eq!(
        state(day(2026, 11, 20), "RPL-2026/04"),
        TaskState::Done {
            on: day(2026, 11, 13)
        }
    );
    // The status between: 01 overdue in week 46 after being reopened.
    let w46 = on(&s, day(2026, 11, 15));
    assert_eq!(
        status(task(&w46, "RPL-2026/01"), day(2026, 11, 15)),
        Status::Overdue
    );
    let states = s.states_on(day(2026, 11, 15)).unwrap();
    assert_eq!(states.len(), 6);
    assert_eq!(states["RPL-2026/03"], TaskState::Open);
}

#[test]
fn deadline_on_a_past_day_is_the_one_before_the_next_change() {
    let s = history_across_weeks();
    let row = |d: NaiveDate, id: &str| task(&on(&s, d), id).task.clone();
    let before = row(day(2026, 11, 9), "RPL-2026/02");
    assert_eq!(before.due_date(), Some(day(2026, 9, 30)));
    assert_eq!(before.deadline.as_ref().unwrap().written, "quý 3/2026");
    assert!(!before.extended);
    assert_eq!(before.status_as_of(day(2026, 11, 9)), Status::Overdue);
    let after = row(day(2026, 11, 10), "RPL-2026/02");
    assert_eq!(after.due_date(), Some(day(2026, 12, 31)));
    assert!(after.extended);

    // An import edit of the wording and the lead counts from its day.
    let t = row(day(2026, 11, 10), "RPL-2026/06");
    assert_eq!(t.due_date(), Some(day(2026, 11, 20)));
    assert_eq!(t.lead.as_ref().unwrap().as_str(), "BCA");
    let t = row(day(2026, 11, 11), "RPL-2026/06");
    assert_eq!(t.due_date(), Some(day(2026, 12, 15)));
    assert_eq!(t.lead.as_ref().unwrap().as_str(), "BTP");

    let changes = s
        .deadline_changes(day(2026, 11, 9), day(2026, 11, 15))
        .unwrap();
    // The extension, then the edited file that moved RPL-2026/06 (listed too).
    assert_eq!(changes.len(), 2, "{changes:#?}");
    let f = &changes[1];
    assert!(f.from_file);
    assert_eq!((f.task.as_str(), f.day), ("RPL-2026/06", day(2026, 11, 11)));
    assert_eq!(
        f.new.as_ref().and_then(Deadline::date),
        Some(day(2026, 12, 15))
    );
    assert_eq!(
        f.old.as_ref().and_then(Deadline::date),
        Some(day(2026, 11, 20))
    );
    assert!(
        f.basis.as_deref().is_some_and(|b| b.contains(".toml:")),
        "{f:?}"
    );
    let c = &changes[0];
    assert!(!c.from_file);
    assert_eq!((c.task.as_str(), c.day), ("RPL-2026/02", day(2026, 11, 10)));
    assert_eq!(
        c.old.as_ref().and_then(Deadline::date),
        Some(day(2026, 9, 30))
    );
    assert_eq!(
        c.new.as_ref().and_then(Deadline::date),
        Some(day(2026, 12, 31))
    );
    assert_eq!(c.authority.as_deref(), Some("TTG"));
    assert_eq!(c.basis.as_deref(), Some("9061/VPCP-CN"));
    assert!(
        s.deadline_changes(day(2026, 11, 16), day(2026, 11, 22))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn blocked_on_a_past_day_follows_the_prerequisite_then() {
    let s = history_across_weeks();
    let blocked = |d: NaiveDate| {
        let rows = s
            .tasks_on(
                d,
                &TaskFilter {
                    blocked: true,
                    ..TaskFilter::default()
                },
            )
            .unwrap();
        ids(&rows)
    };
    assert_eq!(blocked(day(2026, 11, 2)), ["RPL-2026/04"]);
    assert!(blocked(day(2026, 11, 5)).is_empty());
    assert_eq!(blocked(day(2026, 11, 13)), ["RPL-2026/04"]);
    assert_eq!(
        task(&on(&s, day(2026, 11, 13)), "RPL-2026/04")
            .blocked_by
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>(),
        ["RPL-2026/01"]
    );
    assert!(blocked(day(2026, 11, 22)).is_empty());
}

#[test]
fn filters_apply_to_the_task_as_it_stood() {
    let s = history_across_weeks();
    let overdue = |d: NaiveDate| {
        ids(&s
            .tasks_on(
                d,
                &TaskFilter {
                    overdue: true,
                    ..TaskFilter::default()
                },
            )
            .unwrap())
    };
    assert_eq!(overdue(day(2026, 11, 9)), ["RPL-2026/02", "RPL-2026/05"]);
    assert_eq!(overdue(day(2026, 11, 15)), ["RPL-2026/01", "RPL-2026/05"]);
    let bca = |d: NaiveDate| {
        ids(&s
            .tasks_on(
                d,
                &TaskFilter {
                    leads: vec!["BCA".into()],
                    ..TaskFilter::default()
                },
            )
            .unwrap())
    };
    assert!(bca(day(2026, 11, 10)).contains(&"RPL-2026/06".to_owned()));
    assert!(!bca(day(2026, 11, 11)).contains(&"RPL-2026/06".to_owned()));
    let due = s
        .tasks_on(
            day(2026, 11, 14),
            &TaskFilter {
                due_within: Some(7),
                ..TaskFilter::default()
            },
        )
        .unwrap();
    assert!(ids(&due).is_empty(), "06 was moved to 15/12 on 11/11");
    let due = s
        .tasks_on(
            day(2026, 11, 5),
            &TaskFilter {
                due_within: Some(7),
                ..TaskFilter::default()
            },
        )
        .unwrap();
    // 01 was done on 03/11; 05, assigned in January, falls due on 05/11.
    assert_eq!(ids(&due), ["RPL-2026/05"]);
}

#[test]
fn on_the_latest_day_replay_agrees_with_the_present() {
    let s = history_across_weeks();
    let d = day(2026, 11, 30);
    assert_eq!(
        s.tasks_on(d, &TaskFilter::default()).unwrap(),
        s.tasks(&TaskFilter::default(), d).unwrap()
    );
}
