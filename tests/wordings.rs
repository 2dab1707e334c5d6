//! A directive file written with the deadline wordings of real appendices:
//! it loads, each task gets the day a careful reader gives it, the wording
//! is kept, recurring deadlines show their next occurrence, and an
//! unreadable wording without `due` is refused with a hint to add it.

use crate::util::{Env, fixture, refused};
use serde_json::Value;

fn by_id<'a>(tasks: &'a [Value], id: &str) -> &'a Value {
    tasks
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no task {id}"))
}

#[test]
fn real_appendix_wordings_load_with_the_days_a_reader_gives() {
    let env = Env::new();
    env.ok(&["import", fixture("wordings.toml").to_str().unwrap()]);
    let tasks = env.tasks(&["list", "--directive", "WRD-2025", "--as-of", "2026-01-05"]);
    let cases = [
        ("WRD-2025/01", "2026-06-30", "06/2026"),
        ("WRD-2025/02", "2027-12-31", "Giai đoạn 2025 – 2027"),
        (
            "WRD-2025/03",
            "2026-06-30",
            "Thời gian hoàn thành trong quý 2/2026",
        ),
        // 10 working days after Tuesday 19/8/2025, skipping 1/9 and 2/9.
        (
            "WRD-2025/04",
            "2025-09-04",
            "trong 10 ngày làm việc kể từ ngày ký",
        ),
        // Tết Bính Ngọ is 17/2/2026.
        (
            "WRD-2025/05",
            "2026-02-16",
            "trước Tết Nguyên đán Bính Ngọ 2026",
        ),
        // `due` beside a wording sauro cannot read.
        ("WRD-2025/08", "2026-02-16", "song song với Đề án 06"),
        (
            "WRD-2025/09",
            "2025-12-31",
            "TRONG THANG 11,  THANG 12 NAM 2025",
        ),
    ];
    for (id, due, written) in cases {
        let t = by_id(&tasks, id);
        assert_eq!(t["deadline"], due, "{id}: {t}");
        assert_eq!(t["deadline_text"], written, "{id}");
        assert_eq!(t["recurring"], false, "{id}");
    }
    // Overdue as of 5/1/2026: the working-day task and the two months.
    assert_eq!(by_id(&tasks, "WRD-2025/04")["status"], "overdue");
    assert_eq!(by_id(&tasks, "WRD-2025/09")["status"], "overdue");
    // Ongoing from a year: no date, fails rõ thời hạn.
    let ongoing = by_id(&tasks, "WRD-2025/07");
    assert_eq!(ongoing["status"], "ongoing");
    assert_eq!(ongoing["deadline"], Value::Null);
    assert!(
        ongoing["missing"]
            .as_array()
            .unwrap()
            .contains(&"deadline".into())
    );
    // Recurring: the next occurrence, never overdue, passes rõ thời hạn.
    let rec = by_id(&tasks, "WRD-2025/06");
    assert_eq!(rec["recurring"], true);
    assert_eq!(rec["deadline"], "2026-06-15");
    assert_eq!(rec["status"], "open");
    assert!(
        !rec["missing"]
            .as_array()
            .unwrap()
            .contains(&"deadline".into())
    );
    // Working days after Monday 5/1/2026 up to 16/2/2026 (a Tết day off):
    // 6–9/1, Saturday 10/1 (worked for 2/1), 12–16/1, 19–23/1, 26–30/1,
    // 2–6/2, 9–13/2 = 4 + 1 + 5 * 5 = 30.
    let tet = by_id(&tasks, "WRD-2025/05");
    assert_eq!(tet["days_left"], 42);
    assert_eq!(tet["working_days_left"], 30);
}

#[test]
fn recurring_deadlines_show_their_next_occurrence_and_count_as_due_soon() {
    let env = Env::new();
    env.ok(&["import", fixture("wordings.toml").to_str().unwrap()]);
    // On 10/6/2026 the next occurrence is 15/6: due soon.
    let due = env.ids(&["due", "--as-of", "2026-06-10"]);
    assert!(due.contains(&"WRD-2025/06".to_owned()), "{due:?}");
    // On 16/6 it is past, yet not overdue: the next one is 1/12.
    let overdue = env.ids(&["overdue", "--as-of", "2026-06-16"]);
    assert!(!overdue.contains(&"WRD-2025/06".to_owned()), "{overdue:?}");
    let out = env.ok(&["list", "--directive", "WRD-2025", "--as-of", "2026-06-16"]);
    assert!(out.contains("định kỳ; lần tới 01/12/2026"), "{out}");
    let out = env.ok(&[
        "--lang",
        "en",
        "list",
        "--directive",
        "WRD-2025",
        "--as-of",
        "2026-06-16",
    ]);
    assert!(out.contains("recurring; next 01/12/2026"), "{out}");
}

#[test]
fn an_unreadable_wording_without_due_is_refused_with_the_hint_to_add_it() {
    let env = Env::new();
    let text = std::fs::read_to_string(fixture("wordings.toml"))
        .unwrap()
        .replace("due = 2026-02-16\n", "");
    let path = env.dir.path().join("no-due.toml");
    std::fs::write(&path, text).unwrap();
    let out = env.run(&["import", path.to_str().unwrap()]);
    refused(
        &out,
        &[
            "WRD-2025/08",
            "song song với Đề án 06",
            "thêm due = YYYY-MM-DD",
        ],
    );
    assert_eq!(env.counts().tasks, 0);
}
