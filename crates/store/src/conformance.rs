//! The store's conformance tests: test bodies over `&mut dyn TaskStore`,
//! run on every backend by the same macro ([`conformance_tests!`](crate::conformance_tests)),
//! so the SQLite store (`crates/store/tests/conformance.rs`) and the
//! PostgreSQL one (`crates/pg/tests/store.rs`) are held to the same
//! assertions, never to copies of them. Each test starts from the directive
//! files of its [`fixture`], imported by `loader` on the fixture's day.
//!
//! Test code: a failed assertion panics.

#![allow(clippy::unwrap_used, missing_docs)]

use crate::{Actor, Error, HistoryEntry, Refusal, TaskFilter, TaskRow, TaskStore};
use chrono::NaiveDate;
use sauro_core::directive_file::{SourceFile, load_registry};
use sauro_core::{Action, Deadline, Field, Registry, Status, TaskState, Value, fold};

/// Who the backend records as the author of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// The name the change was made with (`Actor::by`): SQLite.
    Given,
    /// Always this login, whatever name is given: PostgreSQL's `session_user`.
    Login(String),
}

impl Who {
    /// The author recorded for a change made by `given`.
    pub fn by(&self, given: &str) -> String {
        match self {
            Who::Given => given.to_owned(),
            Who::Login(login) => login.clone(),
        }
    }
}

/// The directive files a test starts from, and the day they were imported.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// `(path, text)` of each file.
    pub files: &'static [(&'static str, &'static str)],
    /// Who imported them, and when.
    pub loader: Actor,
}

impl Fixture {
    /// The files, as the store imports them.
    pub fn sources(&self) -> Vec<SourceFile<'static>> {
        self.files
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect()
    }
}

/// The fixture of the test `name`.
pub fn fixture(name: &str) -> Fixture {
    const WITH_D1: &[(&str, &str)] = &[("d1.toml", D1)];
    const WITH_QR: &[(&str, &str)] = &[("q.toml", Q), ("r.toml", R)];
    let d1 = [
        "status_changes_are_checked_and_recorded",
        "extensions_are_recorded_with_their_basis",
        "changes_to_unknown_tasks_or_by_unknown_authorities_are_refused",
        "notes_history_and_past_days_read_the_same",
        "a_change_over_one_not_seen_is_refused_and_writes_nothing",
    ];
    if d1.contains(&name) {
        Fixture {
            files: WITH_D1,
            loader: actor("loader", day(2026, 1, 20)),
        }
    } else {
        Fixture {
            files: WITH_QR,
            loader: actor("loader", day(2026, 2, 1)),
        }
    }
}

/// The bundled agency registry (`data/agencies.toml`).
pub fn registry() -> Registry {
    load_registry(SourceFile {
        path: "data/agencies.toml",
        text: include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/agencies.toml"
        )),
    })
    .unwrap()
}

/// Defines one `#[test]` per conformance test, each calling
/// `$runner(name, test)`: the runner makes the backend's store from
/// [`fixture`]`(name)` and calls `test` on it.
#[macro_export]
macro_rules! conformance_tests {
    ($runner:path) => {
        $crate::conformance_tests!(@each $runner;
            status_changes_are_checked_and_recorded,
            extensions_are_recorded_with_their_basis,
            changes_to_unknown_tasks_or_by_unknown_authorities_are_refused,
            notes_history_and_past_days_read_the_same,
            overdue_starts_the_day_after_the_deadline_and_respects_as_of,
            blocked_until_the_prerequisite_is_done,
            due_within_counts_days_inclusively_and_skips_finished_tasks,
            search_ignores_diacritics_and_case,
            lead_and_directive_filters_narrow_together,
            a_change_over_one_not_seen_is_refused_and_writes_nothing
        );
    };
    (@each $runner:path; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                $runner(stringify!($name), $crate::conformance::$name);
            }
        )*
    };
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A change made by `by`, recorded on `on`.
pub fn actor(by: &str, on: NaiveDate) -> Actor {
    Actor {
        by: by.to_owned(),
        at: format!("{on}T09:00:00+07:00"),
        day: on,
    }
}

fn all_history(s: &dyn TaskStore) -> Vec<HistoryEntry> {
    s.history_between(NaiveDate::MIN, NaiveDate::MAX).unwrap()
}

fn deadline(written: &str, due: NaiveDate) -> Value {
    Value::Deadline {
        written: written.to_owned(),
        due: Some(due),
    }
}

fn ids(rows: &[TaskRow]) -> Vec<String> {
    rows.iter().map(|r| r.task.id.to_string()).collect()
}

fn ids_of(v: &[sauro_core::TaskId]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

fn overdue(s: &dyn TaskStore, as_of: NaiveDate) -> Vec<String> {
    let f = TaskFilter {
        overdue: true,
        ..TaskFilter::default()
    };
    ids(&s.tasks(&f, as_of).unwrap())
}

fn blocked(s: &dyn TaskStore, as_of: NaiveDate) -> Vec<String> {
    let f = TaskFilter {
        blocked: true,
        ..TaskFilter::default()
    };
    ids(&s.tasks(&f, as_of).unwrap())
}

/// Notes, a task's history, the tasks and states of a past day, the
/// deadline changes of a period, and a task id typed in another case.
pub fn notes_history_and_past_days_read_the_same(s: &mut dyn TaskStore, author: &Who) {
    let lan = actor("lan", day(2026, 2, 11));
    s.add_note("d1/02", "  đã gửi dự thảo  ", &lan, None)
        .unwrap();
    let notes = s.notes("D1/02").unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].text, "đã gửi dự thảo");
    assert_eq!(notes[0].day, "2026-02-11");
    assert_eq!(notes[0].by, author.by("lan"));
    let row = s.task("D1/02", day(2026, 2, 11)).unwrap();
    assert_eq!(row.task.note.as_deref(), Some("đã gửi dự thảo"));
    assert_eq!(
        row.task
            .support
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>(),
        ["BTP"]
    );
    assert_eq!(row.source_file.as_deref(), Some("d1.toml"));
    // A mistyped id is refused with the nearest ones.
    match s.task_id("D1/2") {
        Err(Error::UnknownTask { suggestions, .. }) => {
            assert!(suggestions.contains(&"D1/02".to_owned()), "{suggestions:?}");
        }
        other => panic!("expected UnknownTask, got {other:?}"),
    }

    let to = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();
    let minh = actor("minh", day(2026, 3, 20));
    s.extend(
        "D1/02",
        &to,
        "ttg",
        "9061/VPCP-CN",
        "chờ nghị quyết",
        &minh,
        None,
    )
    .unwrap();
    s.mark_done("D1/01", day(2026, 3, 20), &minh, None).unwrap();
    let h = s.history("D1/02").unwrap();
    assert_eq!(
        h.iter().map(|e| e.action).collect::<Vec<_>>(),
        [Action::Import, Action::Note, Action::Extend]
    );

    // As it stood before the changes: not extended, blocked, D1/01 open.
    assert!(s.changed_after(day(2026, 3, 1)).unwrap());
    assert!(!s.changed_after(day(2026, 3, 20)).unwrap());
    let before = s.tasks_on(day(2026, 3, 1), &TaskFilter::default()).unwrap();
    assert_eq!(ids(&before), ["D1/01", "D1/02", "D1/03"]);
    assert!(!before[1].task.extended);
    assert_eq!(before[1].task.due_date(), Some(day(2026, 3, 31)));
    assert_eq!(ids_of(&before[1].blocked_by), ["D1/01"]);
    let states = s.states_on(day(2026, 3, 1)).unwrap();
    assert_eq!(states.len(), 3);
    assert!(states.values().all(|st| *st == TaskState::Open));
    // Before the directive was issued, none of its tasks existed.
    assert!(s.states_on(day(2026, 1, 1)).unwrap().is_empty());
    // Now: extended, done, and the prerequisite finished.
    let now = s
        .tasks_on(day(2026, 3, 20), &TaskFilter::default())
        .unwrap();
    assert!(now[1].task.extended);
    assert!(now[1].blocked_by.is_empty());
    assert_eq!(
        now[0].task.state,
        TaskState::Done {
            on: day(2026, 3, 20)
        }
    );
    let moves = s
        .deadline_changes(day(2026, 3, 1), day(2026, 3, 31))
        .unwrap();
    assert_eq!(moves.len(), 1, "{moves:?}");
    assert_eq!(moves[0].task, "D1/02");
    assert_eq!(moves[0].authority.as_deref(), Some("TTG"));
    assert_eq!(
        moves[0].new.as_ref().and_then(Deadline::date),
        Some(day(2026, 6, 30))
    );
    assert!(
        s.deadline_changes(day(2026, 4, 1), day(2026, 4, 30))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        s.dependencies().unwrap(),
        [("D1/02".parse().unwrap(), vec!["D1/01".parse().unwrap()])]
    );
    assert_eq!(s.task_count().unwrap(), 3);
    assert_eq!(
        s.directives_by_id().unwrap()["D1"].issued_on,
        day(2026, 1, 15)
    );
    assert!(!s.is_read_only());
    // Refusals name the same rule on both backends: a note of spaces, or of
    // zero-width characters alone, is empty.
    for blank in [" ", "\u{200b}\u{feff} "] {
        let e = s.add_note("D1/03", blank, &lan, None).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Refused {
                    reason: Refusal::EmptyNote,
                    ..
                }
            ),
            "{blank:?}: {e}"
        );
    }
}

/// Two secretaries read a task (a second session: `reconnect`); the
/// first changes it; every change the second makes with the version she
/// read is refused, naming who changed it last and when, and writes
/// nothing. With the version read again, or none, it goes through.
pub fn a_change_over_one_not_seen_is_refused_and_writes_nothing(
    s: &mut dyn TaskStore,
    author: &Who,
) {
    let mut other = s.reconnect().unwrap();
    let on = day(2026, 2, 11);
    let mine = s.task("D1/02", on).unwrap().version;
    assert!(mine.is_some());
    assert_eq!(other.task("d1/02", on).unwrap().version, mine);
    let listed = TaskFilter {
        with_version: true,
        ..TaskFilter::default()
    };
    let rows = s.tasks(&listed, on).unwrap();
    assert_eq!(rows[1].task.id.as_str(), "D1/02");
    assert_eq!(rows[1].version, mine);
    // Without asking, a list reads no version.
    assert_eq!(
        s.tasks(&TaskFilter::default(), on).unwrap()[1].version,
        None
    );

    let theirs = other.task("D1/02", on).unwrap().version;
    other
        .add_note("D1/02", "đã gửi dự thảo", &actor("lan", on), theirs)
        .unwrap();
    let now = s.task("D1/02", on).unwrap().version;
    assert!(now.is_some() && now != mine, "{now:?} {mine:?}");
    let last = s.history("D1/02").unwrap().pop().unwrap();
    assert_eq!(last.by, author.by("lan"));
    let before = all_history(&*s).len();

    let minh = actor("minh", on);
    let to = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();
    let refused = [
        s.mark_done("D1/02", on, &minh, mine),
        s.extend("D1/02", &to, "TTG", "9061/VPCP-CN", "chờ", &minh, mine),
        s.cancel("D1/02", "TTG", "rút", &minh, mine),
        s.add_note("D1/02", "ghi đè", &minh, mine),
        // Checked before the state: not "already open".
        s.reopen("D1/02", &minh, mine),
    ];
    for r in refused {
        let e = r.unwrap_err();
        match &e {
            Error::Refused {
                task,
                reason: Refusal::Changed { at, by },
            } => {
                assert_eq!(task, "D1/02");
                assert_eq!(by, &author.by("lan"));
                assert_eq!(at, &last.at);
            }
            other => panic!("expected Refusal::Changed, got {other:?}"),
        }
        let vi = e.message(sauro_core::Lang::Vi);
        let shown = format!(
            "nhiệm vụ D1/02 đã được người khác cập nhật lúc {} ({})",
            crate::shown_time(&last.at),
            author.by("lan")
        );
        assert!(vi.starts_with(&shown), "{vi}");
        let en = e.message(sauro_core::Lang::En);
        assert!(
            en.starts_with("task D1/02 was updated by someone else at "),
            "{en}"
        );
        if matches!(author, Who::Given) {
            assert!(vi.contains("lúc 09:00 11/02/2026 (lan)"), "{vi}");
        }
    }
    // Nothing was written.
    assert_eq!(all_history(&*s).len(), before);
    assert_eq!(s.notes("D1/02").unwrap().len(), 1);
    let t = s.task("D1/02", on).unwrap();
    assert_eq!(t.task.state, TaskState::Open);
    assert!(!t.task.extended);
    assert_eq!(t.version, now);

    // With the version read again, the change goes through; then the
    // other session's version is the stale one.
    s.mark_done("D1/02", on, &minh, now).unwrap();
    let e = other
        .add_note("D1/02", "muộn", &actor("lan", on), now)
        .unwrap_err();
    assert!(
        matches!(
            &e,
            Error::Refused {
                reason: Refusal::Changed { by, .. },
                ..
            } if *by == author.by("minh")
        ),
        "{e:?}"
    );
    // Acting on the task as it is now (the command line) passes no version.
    other
        .add_note("D1/02", "ghi sau", &actor("lan", on), None)
        .unwrap();
    assert_eq!(s.notes("D1/02").unwrap().len(), 2);
}

/// The conformance test `status_changes_are_checked_and_recorded`.
pub fn status_changes_are_checked_and_recorded(s: &mut dyn TaskStore, author: &Who) {
    let count = |s: &dyn TaskStore| all_history(s).len();
    let start = count(&*s);

    let lan = actor("lan", day(2026, 2, 11));
    s.mark_done("D1/01", day(2026, 2, 10), &lan, None).unwrap();
    assert_eq!(
        s.task("D1/01", day(2026, 2, 11)).unwrap().task.state,
        TaskState::Done {
            on: day(2026, 2, 10)
        }
    );
    // Twice is refused and records nothing.
    let again = s
        .mark_done("D1/01", day(2026, 2, 11), &lan, None)
        .unwrap_err();
    assert!(
        matches!(again, Error::Refused { ref task, .. } if task == "D1/01"),
        "{again}"
    );
    // A done task's deadline cannot be extended.
    let q2 = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();
    let ext = s
        .extend("D1/01", &q2, "TTG", "1/VPCP", "xin lùi", &lan, None)
        .unwrap_err();
    assert!(matches!(ext, Error::Refused { .. }), "{ext}");
    assert_eq!(count(&*s), start + 1);

    let minh = actor("minh", day(2026, 2, 12));
    s.reopen("D1/01", &minh, None).unwrap();
    assert_eq!(
        s.task("D1/01", day(2026, 2, 12)).unwrap().task.state,
        TaskState::Open
    );
    assert!(matches!(
        s.reopen("D1/01", &minh, None),
        Err(Error::Refused { .. })
    ));

    let hoa = actor("hoa", day(2026, 2, 13));
    s.cancel("D1/01", "TTG", "rút khỏi chương trình", &hoa, None)
        .unwrap();
    let t = s.task("D1/01", day(2026, 2, 13)).unwrap().task;
    assert_eq!(
        t.state,
        TaskState::Cancelled {
            on: Some(day(2026, 2, 13))
        }
    );
    assert_eq!(t.status_as_of(day(2026, 2, 13)), Status::Cancelled);
    assert!(matches!(
        s.cancel("D1/01", "TTG", "lần nữa", &hoa, None),
        Err(Error::Refused { .. })
    ));

    let h = s.history("D1/01").unwrap();
    assert_eq!(h.len(), 4, "{h:#?}");
    assert_eq!(h[0].action, Action::Import);
    assert_eq!(h[0].new, Some(Value::State(TaskState::Open)));
    let summary: Vec<_> = h[1..]
        .iter()
        .map(|e| {
            (
                e.action,
                e.by.as_str(),
                e.day,
                e.field,
                e.old.clone(),
                e.new.clone(),
            )
        })
        .collect();
    let state = |s| Some(Value::State(s));
    let done = TaskState::Done {
        on: day(2026, 2, 10),
    };
    assert_eq!(
        summary,
        [
            (
                Action::Done,
                author.by("lan").as_str(),
                day(2026, 2, 11),
                Some(Field::State),
                state(TaskState::Open),
                state(done)
            ),
            (
                Action::Reopen,
                author.by("minh").as_str(),
                day(2026, 2, 12),
                Some(Field::State),
                state(done),
                state(TaskState::Open)
            ),
            (
                Action::Cancel,
                author.by("hoa").as_str(),
                day(2026, 2, 13),
                Some(Field::State),
                state(TaskState::Open),
                state(TaskState::Cancelled {
                    on: Some(day(2026, 2, 13))
                })
            ),
        ]
    );
    assert_eq!(h[3].authority.as_deref(), Some("TTG"));
    assert_eq!(h[3].reason.as_deref(), Some("rút khỏi chương trình"));
    if matches!(author, Who::Given) {
        assert_eq!(h[1].at, "2026-02-11T09:00:00+07:00");
    }
}

/// The conformance test `extensions_are_recorded_with_their_basis`.
pub fn extensions_are_recorded_with_their_basis(s: &mut dyn TaskStore, author: &Who) {
    let who = actor("lan", day(2026, 3, 20));
    let to = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();
    s.extend(
        "D1/02",
        &to,
        "TTG",
        "9061/VPCP-CN",
        "chờ nghị quyết",
        &who,
        None,
    )
    .unwrap();
    let t = s.task("D1/02", day(2026, 4, 15)).unwrap().task;
    assert!(t.extended);
    assert_eq!(t.due_date(), Some(day(2026, 6, 30)));
    // Not overdue against the effective deadline, though past the original.
    assert_eq!(t.status_as_of(day(2026, 4, 15)), Status::Open);
    let h = s.history("D1/02").unwrap();
    let e = h.last().unwrap();
    assert_eq!(e.action, Action::Extend);
    // Wording and day each in its own place, read back without parsing.
    assert_eq!(e.old, Some(deadline("quý 1/2026", day(2026, 3, 31))));
    assert_eq!(e.new, Some(deadline("quý 2/2026", day(2026, 6, 30))));
    assert_eq!(e.authority.as_deref(), Some("TTG"));
    assert_eq!(e.basis.as_deref(), Some("9061/VPCP-CN"));
    assert_eq!(e.reason.as_deref(), Some("chờ nghị quyết"));
    assert_eq!((e.by.clone(), e.day), (author.by("lan"), day(2026, 3, 20)));
}

/// The conformance test `changes_to_unknown_tasks_or_by_unknown_authorities_are_refused`.
pub fn changes_to_unknown_tasks_or_by_unknown_authorities_are_refused(
    s: &mut dyn TaskStore,
    _author: &Who,
) {
    let who = actor("lan", day(2026, 2, 11));
    let before = all_history(&*s).len();
    let to = Deadline::parse("quý 2/2026", day(2026, 1, 15)).unwrap();

    let unknown = |r: crate::Result<()>| match r {
        Err(Error::UnknownTask { id, .. }) => assert_eq!(id, "NOPE/1"),
        other => panic!("expected UnknownTask, got {other:?}"),
    };
    unknown(s.mark_done("NOPE/1", day(2026, 2, 10), &who, None));
    unknown(s.reopen("NOPE/1", &who, None));
    unknown(s.cancel("NOPE/1", "TTG", "x", &who, None));
    unknown(s.extend("NOPE/1", &to, "TTG", "b", "r", &who, None));
    unknown(s.add_note("NOPE/1", "ghi chú", &who, None));
    assert!(matches!(
        s.task("NOPE/1", day(2026, 2, 11)),
        Err(Error::UnknownTask { .. })
    ));
    assert!(s.history("NOPE/1").unwrap().is_empty());

    // An authority in no registry.
    let e = s.cancel("D1/02", "XYZ", "x", &who, None).unwrap_err();
    assert!(
        matches!(e, Error::Refused { .. }) && e.to_string().contains("XYZ"),
        "{e}"
    );
    let e = s
        .extend("D1/02", &to, "XYZ", "b", "r", &who, None)
        .unwrap_err();
    assert!(
        matches!(e, Error::Refused { .. }) && e.to_string().contains("XYZ"),
        "{e}"
    );
    // Done on a day after the actor's day.
    let e = s
        .mark_done("D1/02", day(2026, 2, 12), &who, None)
        .unwrap_err();
    assert!(matches!(e, Error::Refused { .. }), "{e}");
    // An empty note.
    assert!(matches!(
        s.add_note("D1/02", "   ", &who, None),
        Err(Error::Refused { .. })
    ));

    let t = s.task("D1/02", day(2026, 2, 11)).unwrap().task;
    assert_eq!(t.state, TaskState::Open);
    assert!(!t.extended);
    assert_eq!(t.due_date(), Some(day(2026, 3, 31)));
    assert_eq!(all_history(&*s).len(), before);
    // Done on the actor's day itself is fine.
    s.mark_done("D1/02", day(2026, 2, 11), &who, None).unwrap();
}

/// The conformance test `overdue_starts_the_day_after_the_deadline_and_respects_as_of`.
pub fn overdue_starts_the_day_after_the_deadline_and_respects_as_of(
    s: &mut dyn TaskStore,
    _author: &Who,
) {
    // The deadline day itself is on time; the cancelled task is never overdue,
    // nor the ongoing one.
    assert!(overdue(&*s, day(2026, 3, 31)).is_empty());
    assert_eq!(overdue(&*s, day(2026, 4, 1)), ["Q/01"]);
    assert_eq!(overdue(&*s, day(2026, 4, 6)), ["Q/01", "R/01"]);
    assert_eq!(overdue(&*s, day(2027, 1, 1)), ["Q/01", "Q/02", "R/01"]);

    s.mark_done(
        "Q/01",
        day(2026, 4, 10),
        &actor("lan", day(2026, 4, 10)),
        None,
    )
    .unwrap();
    // Today, Q/01 is done (late) and no longer overdue.
    assert_eq!(overdue(&*s, day(2026, 4, 11)), ["R/01"]);
    // Looking back, it was still open and overdue before it was done.
    assert_eq!(overdue(&*s, day(2026, 4, 9)), ["Q/01", "R/01"]);
    let past = s.task("Q/01", day(2026, 4, 9)).unwrap().task;
    assert_eq!(past.status_as_of(day(2026, 4, 9)), Status::Overdue);
    assert_eq!(past.status_as_of(day(2026, 4, 11)), Status::DoneLate);
    // The done day itself counts as done.
    assert_eq!(overdue(&*s, day(2026, 4, 10)), ["R/01"]);
}

/// The conformance test `blocked_until_the_prerequisite_is_done`.
pub fn blocked_until_the_prerequisite_is_done(s: &mut dyn TaskStore, _author: &Who) {
    // Only Q/02 waits on something; tasks without prerequisites are not blocked.
    assert_eq!(blocked(&*s, day(2026, 3, 1)), ["Q/02"]);
    assert_eq!(
        ids_of(&s.task("Q/02", day(2026, 3, 1)).unwrap().blocked_by),
        ["Q/01"]
    );
    assert!(
        s.task("Q/01", day(2026, 3, 1))
            .unwrap()
            .blocked_by
            .is_empty()
    );

    s.mark_done(
        "Q/01",
        day(2026, 3, 20),
        &actor("lan", day(2026, 3, 21)),
        None,
    )
    .unwrap();
    assert!(blocked(&*s, day(2026, 3, 21)).is_empty());
    assert!(
        s.task("Q/02", day(2026, 3, 21))
            .unwrap()
            .blocked_by
            .is_empty()
    );
    // Before the prerequisite was done, Q/02 was blocked.
    assert_eq!(blocked(&*s, day(2026, 3, 19)), ["Q/02"]);
    assert_eq!(
        ids_of(&s.task("Q/02", day(2026, 3, 19)).unwrap().blocked_by),
        ["Q/01"]
    );

    // Reopened, it blocks again.
    s.reopen("Q/01", &actor("minh", day(2026, 3, 22)), None)
        .unwrap();
    assert_eq!(blocked(&*s, day(2026, 3, 22)), ["Q/02"]);
    // A finished task is never listed as blocked.
    s.mark_done(
        "Q/02",
        day(2026, 3, 22),
        &actor("minh", day(2026, 3, 22)),
        None,
    )
    .unwrap();
    assert!(blocked(&*s, day(2026, 3, 22)).is_empty());
}

/// The conformance test `due_within_counts_days_inclusively_and_skips_finished_tasks`.
pub fn due_within_counts_days_inclusively_and_skips_finished_tasks(
    s: &mut dyn TaskStore,
    _author: &Who,
) {
    let due = |s: &dyn TaskStore, as_of: NaiveDate, n: i64| {
        let f = TaskFilter {
            due_within: Some(n),
            ..TaskFilter::default()
        };
        ids(&s.tasks(&f, as_of).unwrap())
    };
    assert_eq!(due(&*s, day(2026, 3, 25), 7), ["Q/01"]);
    assert_eq!(due(&*s, day(2026, 3, 24), 7), ["Q/01"]);
    assert!(due(&*s, day(2026, 3, 23), 7).is_empty());
    assert_eq!(due(&*s, day(2026, 3, 31), 0), ["Q/01"]);
    assert_eq!(due(&*s, day(2026, 3, 30), 6), ["Q/01", "R/01"]);
    // Already past: overdue, not due soon.
    assert_eq!(due(&*s, day(2026, 4, 1), 7), ["R/01"]);
    s.mark_done(
        "Q/01",
        day(2026, 3, 26),
        &actor("lan", day(2026, 3, 26)),
        None,
    )
    .unwrap();
    assert!(due(&*s, day(2026, 3, 26), 7).is_empty());
    assert_eq!(due(&*s, day(2026, 3, 25), 7), ["Q/01"]);
}

/// The conformance test `search_ignores_diacritics_and_case`.
pub fn search_ignores_diacritics_and_case(s: &mut dyn TaskStore, _author: &Who) {
    let search = |needle: &str| {
        let f = TaskFilter {
            search: Some(fold(needle)),
            ..TaskFilter::default()
        };
        ids(&s.tasks(&f, day(2026, 3, 1)).unwrap())
    };
    assert_eq!(search("cong dan so"), ["Q/01"]);
    assert_eq!(search("CÔNG DÂN SỐ"), ["Q/01"]);
    assert_eq!(search("Công Dân"), ["Q/01"]);
    // `d` finds `đ`, and `Đ` finds `d`.
    assert_eq!(search("de an dinh danh"), ["Q/02"]);
    assert_eq!(search("ĐỊNH DANH"), ["Q/02"]);
    assert_eq!(search("du lieu dan cu"), ["Q/03"]);
    // Agency ids and names are searchable too; "Bộ Tư pháp" leads Q/02, supports R/01.
    assert_eq!(search("bo tu phap"), ["Q/02", "R/01"]);
    // LIKE wildcards are literal.
    assert!(search("%").is_empty());
    assert!(search("_").is_empty());
    assert!(search("khong co dau").is_empty());
}

/// The conformance test `lead_and_directive_filters_narrow_together`.
pub fn lead_and_directive_filters_narrow_together(s: &mut dyn TaskStore, _author: &Who) {
    let q = |f: TaskFilter| ids(&s.tasks(&f, day(2026, 3, 1)).unwrap());
    assert_eq!(
        q(TaskFilter {
            leads: vec!["BCA".into()],
            ..TaskFilter::default()
        }),
        ["Q/01", "Q/04", "R/01"]
    );
    assert_eq!(
        q(TaskFilter {
            leads: vec!["BTP".into(), "VPCP".into()],
            ..TaskFilter::default()
        }),
        ["Q/02", "Q/03"]
    );
    assert_eq!(
        q(TaskFilter {
            directive: Some("R".into()),
            ..TaskFilter::default()
        }),
        ["R/01"]
    );
    assert_eq!(
        q(TaskFilter {
            leads: vec!["BCA".into()],
            directive: Some("Q".into()),
            ..TaskFilter::default()
        }),
        ["Q/01", "Q/04"]
    );
    assert!(
        q(TaskFilter {
            leads: vec!["BTP".into()],
            directive: Some("R".into()),
            ..TaskFilter::default()
        })
        .is_empty()
    );
    assert_eq!(q(TaskFilter::default()).len(), 5);
    let d = s.directives().unwrap();
    assert_eq!(
        d.iter().map(|d| d.id.to_string()).collect::<Vec<_>>(),
        ["Q", "R"]
    );
    assert_eq!(d[1].issued_on, day(2026, 2, 1));
}

/// A directive of three tasks, one depending on another.
pub const D1: &str = r#"schema = 1

[directive]
id = "D1"
title = "Chương trình thử"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D1/01"
title = "Trình nghị quyết về phát triển công dân số"
lead = "BCA"
deadline = "tháng 2.2026"
authority = "CP"

[[task]]
id = "D1/02"
title = "Lập đề nghị xây dựng Luật Định danh"
lead = "BCA"
support = ["BTP"]
deadline = "quý 1/2026"
authority = "CP"
depends_on = ["D1/01"]

[[task]]
id = "D1/03"
title = "Đề án ứng dụng định danh"
lead = "BCA"
deadline = 2026-05-15
authority = "TTG"
"#;

/// A directive of four tasks for the query tests.
pub const Q: &str = r#"schema = 1

[directive]
id = "Q"
title = "Kế hoạch truy vấn"
issued_by = "TTG"
issued_on = 2026-01-15

[[task]]
id = "Q/01"
title = "Phát triển công dân số"
lead = "BCA"
deadline = 2026-03-31

[[task]]
id = "Q/02"
title = "Xây dựng đề án định danh điện tử"
lead = "BTP"
deadline = "quý 2/2026"
depends_on = ["Q/01"]

[[task]]
id = "Q/03"
title = "Cập nhật dữ liệu dân cư"
lead = "VPCP"
deadline = "thường xuyên"

[[task]]
id = "Q/04"
title = "Đã rút khỏi chương trình"
lead = "BCA"
deadline = 2026-02-01
status = "cancelled"
"#;

/// A second directive for the query tests.
pub const R: &str = r#"schema = 1

[directive]
id = "R"
title = "Công điện"
issued_by = "TTG"
issued_on = 2026-02-01

[[task]]
id = "R/01"
title = "Báo cáo tình hình triển khai"
lead = "BCA"
support = ["BTP"]
deadline = 2026-04-05
"#;
