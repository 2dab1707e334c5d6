//! The reading commands on the data of `data/`: list and its filters, show,
//! overdue, blocked, due, stats, check.

use crate::util::{Env, find, fixture, refused, repo, stdout};
use serde_json::Value;
use std::collections::BTreeSet;

fn set(ids: Vec<String>) -> BTreeSet<String> {
    ids.into_iter().collect()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn list_counts_each_status_as_of_the_day() {
    let env = Env::with_data();
    let tasks = env.tasks(&["list"]);
    assert_eq!(tasks.len(), 70);
    let n = |s: &str| tasks.iter().filter(|t| t["status"] == s).count();
    assert_eq!(n("overdue"), 17);
    assert_eq!(n("open"), 20);
    // Of the 31 tasks without a day, 2 are ongoing by the directive's words;
    // the others have vague words or no deadline at all.
    assert_eq!(n("ongoing"), 2);
    assert_eq!(n("vague"), 7);
    assert_eq!(n("no_deadline"), 22);
    assert_eq!(n("done_late"), 1);
    assert_eq!(n("done_undated"), 1);
    // What needs action first: the overdue tasks lead the list.
    assert!(tasks[..17].iter().all(|t| t["status"] == "overdue"));

    let table = env.ok(&["list"]);
    assert!(
        table.starts_with("Tính đến ngày 22/11/2026 — 70 nhiệm vụ:"),
        "{table}"
    );
    assert!(table.contains("17 quá hạn chưa hoàn thành"), "{table}");
}

#[test]
fn list_filters_by_lead_directive_status_blocked_and_missing() {
    let env = Env::with_data();

    let bca = env.tasks(&["list", "--lead", "BCA"]);
    assert_eq!(bca.len(), 5);
    assert!(bca.iter().all(|t| t["lead"] == "BCA"));
    // Agency ids are read case-insensitively.
    assert_eq!(env.tasks(&["list", "--lead", "bca"]), bca);

    let qd = env.tasks(&["list", "--directive", "qd-2629-2025"]);
    assert_eq!(qd.len(), 10);
    assert!(qd.iter().all(|t| t["directive"] == "qd-2629-2025"));

    let overdue = env.tasks(&["list", "--status", "overdue"]);
    assert_eq!(overdue.len(), 17);
    assert!(overdue.iter().all(|t| t["status"] == "overdue"));
    let done = env.ids(&["list", "--status", "done"]);
    assert_eq!(
        set(done),
        set(vec![
            "kl-hoi-nghi-6-2-2025/04".into(),
            "kl-hoi-nghi-6-2-2025/17".into()
        ])
    );
    assert_eq!(env.ids(&["list", "--status", "overdue,ongoing"]).len(), 19);
    assert_eq!(
        env.ids(&["list", "--status", "overdue", "--status", "ongoing"])
            .len(),
        19
    );
    // Filters combine.
    let bca_overdue = env.tasks(&["list", "--lead", "BCA", "--status", "overdue"]);
    assert_eq!(bca_overdue.len(), 4);

    let blocked = env.tasks(&["list", "--blocked"]);
    assert_eq!(blocked.len(), 5);
    assert!(
        blocked
            .iter()
            .all(|t| t["blocked"] == true && !t["blocked_by"].as_array().unwrap().is_empty())
    );

    let no_deadline = env.tasks(&["list", "--missing", "deadline"]);
    assert_eq!(no_deadline.len(), 32);
    assert!(
        no_deadline
            .iter()
            .all(|t| strs(&t["missing"]).contains(&"deadline"))
    );
    // Clarities by their Vietnamese names too.
    assert_eq!(
        env.tasks(&["list", "--missing", "thời hạn"]),
        no_deadline,
        "--missing 'thời hạn' = --missing deadline"
    );
    let both = env.tasks(&["list", "--missing", "deadline,product"]);
    assert!(!both.is_empty() && both.len() < no_deadline.len());
    assert!(both.iter().all(|t| {
        let m = strs(&t["missing"]);
        m.contains(&"deadline") && m.contains(&"product")
    }));
}

#[test]
fn search_ignores_diacritics_and_case() {
    let env = Env::with_data();
    let plain = env.ids(&["list", "--search", "cong an"]);
    assert!(!plain.is_empty());
    // The tasks led by Bộ Công an are found through the agency's name.
    for id in env.ids(&["list", "--lead", "BCA"]) {
        assert!(plain.contains(&id), "{id} not found by 'cong an'");
    }
    assert_eq!(env.ids(&["list", "--search", "Công an"]), plain);
    assert_eq!(env.ids(&["list", "--search", "CÔNG AN"]), plain);

    // A plain d finds đ, and đ finds đ.
    let de_an = env.ids(&["list", "--search", "de an 06"]);
    assert!(
        de_an.contains(&"kl-hoi-nghi-6-2-2025/34".to_owned()),
        "{de_an:?}"
    );
    assert_eq!(env.ids(&["list", "--search", "Đề án 06"]), de_an);
    let dinh_danh = env.tasks(&["list", "--search", "dinh danh"]);
    assert!(!dinh_danh.is_empty());
    for t in &dinh_danh {
        let text = format!("{} {}", t["title"], t["product"]).to_lowercase();
        assert!(text.contains("định danh"), "{text}");
    }
    assert_eq!(
        env.ids(&["list", "--search", "định danh"]).len(),
        dinh_danh.len()
    );
    assert!(
        env.ids(&["list", "--search", "khong co nhiem vu nay"])
            .is_empty()
    );
}

#[test]
fn show_gives_the_six_clarities_dependencies_chain_and_history() {
    let env = Env::with_data();
    let out = env.ok(&["show", "bcdtw-ctct-2026/03"]);
    // Imported without --by or SAURO_USER: the OS account records it.
    let os_user = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let os_user = String::from_utf8(os_user.stdout).unwrap().trim().to_owned();
    let history = format!("Lịch sử:\n  21/02/2026 {os_user} nhập từ tệp");
    for line in [
        "bcdtw-ctct-2026/03 — Xây dựng và trình Thủ tướng Chính phủ",
        "Trạng thái: Quá hạn chưa hoàn thành (145 ngày) · bị chặn",
        "Sáu rõ (5/6):",
        "  [x] rõ người       BCA — Bộ Công an",
        "  [ ] rõ trách nhiệm   ← chưa ghi người chịu trách nhiệm",
        "  [x] rõ thời hạn    30/06/2026 (nguyên văn: \"cũng hoàn thành trong quý 2/2026\")",
        "  [x] rõ thẩm quyền  TTG — Thủ tướng Chính phủ",
        "Nhiệm vụ tiên quyết:\n  bcdtw-ctct-2026/01  Quá hạn 267 ngày",
        "Nhiệm vụ phụ thuộc:\n  bcdtw-ctct-2026/05  Quá hạn 53 ngày",
        "Chuỗi đang chặn:\n  bcdtw-ctct-2026/03 ← bcdtw-ctct-2026/01 (BCA, Quá hạn 267 ngày)",
        history.as_str(),
    ] {
        assert!(out.contains(line), "lacks {line:?}:\n{out}");
    }

    let j = env.show("bcdtw-ctct-2026/03");
    assert_eq!(j["missing"], serde_json::json!(["responsible"]));
    assert_eq!(j["issued_by"], "BCDTW");
    assert_eq!(j["issued_on"], "2026-02-21");
    let ids = |k: &str| -> Vec<String> {
        j[k].as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("prerequisites"), ["bcdtw-ctct-2026/01"]);
    assert_eq!(ids("dependents"), ["bcdtw-ctct-2026/05"]);
    let chains: Vec<Vec<&str>> = j["blocking_chains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|l| l["id"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(chains, [["bcdtw-ctct-2026/01"]]);
    assert_eq!(j["history"][0]["action"], "import");
    assert_eq!(j["history"].as_array().unwrap().len(), 1);

    // A task with every clarity missing but the title.
    let out = env.ok(&["show", "qd-2629-2025/10"]);
    assert!(out.contains("Sáu rõ (1/6):"), "{out}");
    assert_eq!(out.matches("  [ ] ").count(), 5, "{out}");
    assert!(out.contains("  [x] rõ việc "), "{out}");
    assert!(!out.contains("Chuỗi đang chặn"), "{out}");
}

#[test]
fn show_of_a_fully_clear_task() {
    let env = Env::with_clear();
    let out = env.ok(&["show", "CLR-2026/02"]);
    assert!(out.contains("Sáu rõ (6/6):"), "{out}");
    assert_eq!(out.matches("  [x] ").count(), 6, "{out}");
    assert!(!out.contains("[ ]"), "{out}");
    assert!(out.contains("99/QĐ-TTg — Quyết định thử nghiệm"), "{out}");
    // Its prerequisite is done, so nothing blocks it.
    assert!(
        out.contains("Nhiệm vụ tiên quyết:\n  CLR-2026/01  Xong trễ hạn"),
        "{out}"
    );
    assert!(!out.contains("Chuỗi đang chặn"), "{out}");
}

#[test]
fn overdue_lists_the_longest_overdue_first() {
    let env = Env::with_data();
    let tasks = env.tasks(&["overdue"]);
    assert_eq!(tasks.len(), 17);
    assert!(tasks.iter().all(|t| t["status"] == "overdue"));
    let days: Vec<i64> = tasks
        .iter()
        .map(|t| t["days_overdue"].as_i64().unwrap())
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    assert_eq!(tasks[0]["id"], "kl-hoi-nghi-6-2-2025/01");
    assert_eq!(days[0], 645, "15/02/2025 to 22/11/2026");
    assert_eq!(*days.last().unwrap(), 53);
    // Blocked overdue tasks are not pushed down.
    assert_eq!(
        find(&tasks, "bcdtw-ctct-2026/05")["days_overdue"],
        53,
        "30/09/2026 to 22/11/2026"
    );

    let out = env.ok(&["overdue", "--lead", "BCA"]);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("bcdtw")).collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(rows[0].starts_with("bcdtw-ctct-2026/01 "), "{out}");
    assert!(rows[3].starts_with("bcdtw-ctct-2026/05 "), "{out}");
}

#[test]
fn the_deadline_day_itself_is_not_overdue() {
    let env = Env::with_data();
    // bcdtw-ctct-2026/03 is due 30/06/2026 (quý 2/2026).
    let on_the_day = env.tasks(&["overdue", "--as-of", "2026-06-30"]);
    assert!(on_the_day.iter().all(|t| t["id"] != "bcdtw-ctct-2026/03"));
    let t = env.show_as_of("bcdtw-ctct-2026/03", "2026-06-30");
    assert_eq!(t["status"], "open");
    assert!(t["days_overdue"].is_null());
    assert_eq!(t["due_soon"], true);

    let next_day = env.tasks(&["overdue", "--as-of", "2026-07-01"]);
    let t = find(&next_day, "bcdtw-ctct-2026/03");
    assert_eq!(t["status"], "overdue");
    assert_eq!(t["days_overdue"], 1);
}

#[test]
fn blocked_lists_each_blocked_task_and_its_unfinished_prerequisites() {
    let env = Env::with_data();
    let tasks = env.tasks(&["blocked"]);
    let ids: BTreeSet<&str> = tasks.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "bcdtw-ctct-2026/02",
            "bcdtw-ctct-2026/03",
            "bcdtw-ctct-2026/05",
            "bcdtw-ctct-2026/16",
            "kl-hoi-nghi-6-2-2025/35",
        ])
    );
    assert_eq!(
        find(&tasks, "bcdtw-ctct-2026/02")["blocked_by"],
        serde_json::json!(["bcdtw-ctct-2026/01"])
    );
    let out = env.ok(&["blocked"]);
    let row = out
        .lines()
        .find(|l| l.starts_with("bcdtw-ctct-2026/16"))
        .unwrap();
    assert!(row.contains("kl-hoi-nghi-6-2-2025/21"), "{out}");

    // Once its prerequisite is done, a task is no longer blocked.
    env.ok(&["done", "bcdtw-ctct-2026/01", "--on", "2026-02-25"]);
    let ids = env.ids(&["blocked"]);
    assert!(!ids.contains(&"bcdtw-ctct-2026/02".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"bcdtw-ctct-2026/03".to_owned()), "{ids:?}");
    assert!(ids.contains(&"bcdtw-ctct-2026/05".to_owned()), "{ids:?}");
    assert_eq!(env.show("bcdtw-ctct-2026/02")["blocked"], false);
}

#[test]
fn due_within_counts_the_as_of_day_as_day_zero() {
    let env = Env::with_data();
    // 22/11/2026 + 39 days = 31/12/2026, the deadline of 13 open tasks.
    let tasks = env.tasks(&["due", "--within", "39"]);
    assert_eq!(tasks.len(), 13);
    for t in &tasks {
        assert_eq!(t["status"], "open");
        assert_eq!(t["deadline"], "2026-12-31");
    }
    assert!(env.tasks(&["due", "--within", "38"]).is_empty());
    // Not finished, not overdue, dated: the default week holds nothing here.
    assert!(env.tasks(&["due"]).is_empty());
    // A horizon past the calendar's end still holds every open dated task.
    let open = env.ids(&["list", "--status", "open"]);
    assert_eq!(open.len(), 20);
    for n in ["5000", "100000000", "9223372036854775807"] {
        let mut ids = env.ids(&["due", "--within", n]);
        ids.sort();
        let mut want = open.clone();
        want.sort();
        assert_eq!(ids, want, "--within {n}");
    }

    let env = Env::with_clear();
    // CLR-2026/03 is due 25/11/2026: three days ahead.
    assert_eq!(env.ids(&["due", "--within", "3"]), ["CLR-2026/03"]);
    assert!(env.ids(&["due", "--within", "2"]).is_empty());
    assert_eq!(env.ids(&["due"]), ["CLR-2026/03"]);
    // On its deadline day it is still due (day 0), the next day it is overdue.
    assert_eq!(
        env.ids(&["due", "--within", "0", "--as-of", "2026-11-25"]),
        ["CLR-2026/03"]
    );
    assert!(
        env.ids(&["due", "--within", "0", "--as-of", "2026-11-26"])
            .is_empty()
    );
    // Sorted by deadline.
    let ids = env.ids(&["due", "--within", "400", "--as-of", "2026-01-20"]);
    assert_eq!(ids, ["CLR-2026/01", "CLR-2026/02", "CLR-2026/03"]);
}

#[test]
fn stats_counts_per_lead_agency() {
    let env = Env::with_data();
    let stats = env.json(&["stats"]);
    let rows = stats.as_array().unwrap();
    let total: i64 = rows.iter().map(|r| r["assigned"].as_i64().unwrap()).sum();
    assert_eq!(total, 70);
    let overdue: i64 = rows.iter().map(|r| r["overdue"].as_i64().unwrap()).sum();
    assert_eq!(overdue, 17);
    for r in rows {
        for k in [
            "agency",
            "name",
            "assigned",
            "done_on_time",
            "done_late",
            "done_undated",
            "open",
            "overdue",
            "ongoing",
            "cancelled",
            "overdue_share",
            "completion_rate_of_due",
        ] {
            assert!(r.get(k).is_some(), "stats row lacks {k}: {r}");
        }
    }
    // The agencies with the most overdue tasks first.
    let by_overdue: Vec<i64> = rows
        .iter()
        .map(|r| r["overdue"].as_i64().unwrap())
        .collect();
    assert!(
        by_overdue.windows(2).all(|w| w[0] >= w[1]),
        "{by_overdue:?}"
    );
    let bca = rows.iter().find(|r| r["agency"] == "BCA").unwrap();
    assert_eq!(bca["name"], "Bộ Công an");
    assert_eq!(
        (bca["assigned"].as_i64(), bca["overdue"].as_i64()),
        (Some(5), Some(4))
    );
    assert_eq!(bca["ongoing"], 1);
    assert_eq!(bca["overdue_share"], 80.0);

    let out = env.ok(&["stats"]);
    assert!(out.starts_with("Tính đến ngày 22/11/2026"), "{out}");
    let total_row = out.lines().find(|l| l.starts_with("Tổng cộng")).unwrap();
    let cells: Vec<&str> = total_row.split_whitespace().collect();
    // Giao, the four buckets, done without a date, not done without a date,
    // the key tasks (none in the bundled data).
    assert_eq!(
        cells[2..11],
        ["70", "0", "1", "20", "17", "1", "31", "0", "24.3%"]
    );

    // A cancelled task leaves the assigned count.
    env.ok(&[
        "cancel",
        "bcdtw-ctct-2026/05",
        "--by",
        "BCDTW",
        "--reason",
        "rút khỏi chương trình",
    ]);
    let stats = env.json(&["stats", "--lead", "BCA"]);
    let bca = &stats[0];
    assert_eq!(bca["agency"], "BCA");
    assert_eq!(
        (bca["assigned"].as_i64(), bca["cancelled"].as_i64()),
        (Some(4), Some(1))
    );
    assert_eq!(bca["overdue"], 3);
}

#[test]
fn check_reports_gaps_with_exit_status_1() {
    let env = Env::with_data();
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("nhiệm vụ chưa đủ 6 rõ"), "{text}");
    assert!(text.contains("rõ trách nhiệm: 68"), "{text}");
    assert!(text.contains("qd-2629-2025/10"), "{text}");
    // The digital-citizen chain is the longest run of unfinished work.
    assert!(
        text.contains(
            "Chuỗi việc chưa xong dài nhất (3): bcdtw-ctct-2026/01 → bcdtw-ctct-2026/03 → bcdtw-ctct-2026/05"
        ),
        "{text}"
    );

    let out = env.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["problems"].as_array().unwrap().is_empty());
    assert_eq!(report["longest_chain"].as_array().unwrap().len(), 3);
    let gaps = report["gaps"].as_array().unwrap();
    assert!(gaps.iter().any(|g| g["id"] == "qd-2629-2025/10"));
    assert!(
        gaps.iter()
            .all(|g| !g["missing"].as_array().unwrap().is_empty())
    );

    // Files, without importing them.
    let before = env.counts();
    let out = env.run(&["check", repo("data").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(env.counts(), before);
}

#[test]
fn check_passes_a_fully_clear_directive() {
    let env = Env::new();
    let out = env.run(&["check", fixture("clear.toml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("Không phát hiện vấn đề."));
    // Checking files does not create tasks.
    assert!(!env.db().exists() || env.counts().tasks == 0);

    let env = Env::with_clear();
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = env.run(&["--lang", "en", "check"]);
    assert!(stdout(&out).contains("No problems found."));
}

#[test]
fn check_of_a_file_with_problems_names_them_and_fails() {
    let env = Env::new();
    let out = env.run(&["check", fixture("several-problems.toml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("6 lỗi dữ liệu"), "{text}");
    assert!(
        text.contains("KHONGCO") && text.contains("BAD-2026/99"),
        "{text}"
    );
}

#[test]
fn unknown_filter_values_are_refused() {
    let env = Env::with_data();
    refused(
        &env.run(&["list", "--lead", "NOPE"]),
        &["--lead: cơ quan \"NOPE\" không có trong danh mục cơ quan"],
    );
    refused(
        &env.run(&["--lang", "en", "list", "--lead", "NOPE"]),
        &["--lead: agency \"NOPE\" is in no registry"],
    );
    refused(
        &env.run(&["list", "--directive", "khong-co"]),
        &["--directive: không có văn bản nào mang mã \"khong-co\""],
    );
    refused(
        &env.run(&["list", "--status", "late"]),
        &[
            "--status: \"late\" không hợp lệ; phải là một trong",
            "overdue",
        ],
    );
    refused(
        &env.run(&["list", "--missing", "money"]),
        &["--missing: \"money\" không phải là một trong sáu rõ"],
    );
    refused(
        &env.run(&["due", "--within=-1"]),
        &["--within: -1 là số âm"],
    );
    refused(
        &env.run(&["--lang", "en", "due", "--within=-1"]),
        &["--within: -1 is negative"],
    );
}

#[test]
fn a_merged_agency_counts_under_its_successor() {
    let env = Env::with_data();
    env.ok(&["import", fixture("predecessor.toml").to_str().unwrap()]);
    let bkhcn = env.ids(&["list", "--lead", "BKHCN"]);
    assert_eq!(bkhcn.len(), 3);
    assert!(bkhcn.contains(&"PRE-2024/01".to_owned()), "{bkhcn:?}");
    assert_eq!(env.ids(&["list", "--lead", "BTTTT"]), bkhcn);
    let stats = env.json(&["stats"]);
    let rows = stats.as_array().unwrap();
    assert!(rows.iter().all(|r| r["agency"] != "BTTTT"));
    let r = rows.iter().find(|r| r["agency"] == "BKHCN").unwrap();
    assert_eq!(
        (r["assigned"].as_i64(), r["overdue"].as_i64()),
        (Some(3), Some(1))
    );
}

#[test]
fn lead_takes_an_id_a_name_or_an_alias() {
    let env = Env::with_data();
    let bca = env.ids(&["list", "--lead", "BCA"]);
    assert!(!bca.is_empty());
    for text in ["Bộ Công an", "bo cong an", "Công an", "CONG AN"] {
        assert_eq!(env.ids(&["list", "--lead", text]), bca, "{text}");
    }
    let bkhcn = env.ids(&["list", "--lead", "BKHCN"]);
    assert!(!bkhcn.is_empty());
    for text in [
        "Bộ KH&CN",
        "Bo KHCN",
        "Bộ Khoa học và Công nghệ",
        "Bộ TT&TT",
    ] {
        assert_eq!(env.ids(&["list", "--lead", text]), bkhcn, "{text}");
    }
    // stats and overdue read the same filter.
    let stats = env.json(&["stats", "--lead", "Bộ Công an"]);
    assert_eq!(stats.as_array().unwrap().len(), 1, "{stats}");
    assert_eq!(stats[0]["agency"], "BCA");
    assert_eq!(
        env.ids(&["overdue", "--lead", "công an"]),
        env.ids(&["overdue", "--lead", "BCA"])
    );
}

#[test]
fn an_unknown_lead_gets_did_you_mean() {
    let env = Env::with_data();
    refused(
        &env.run(&["list", "--lead", "BCAA"]),
        &["--lead: cơ quan \"BCAA\" không có trong danh mục cơ quan; có phải là BCA (Bộ Công an)"],
    );
    refused(
        &env.run(&["--lang", "en", "list", "--lead", "Bo Cong Am"]),
        &["--lead: agency \"Bo Cong Am\" is in no registry; did you mean BCA (Bộ Công an)"],
    );
    refused(
        &env.run(&["--lang", "en", "overdue", "--lead", "binh duog"]),
        &["did you mean BINHDUONG (Bình Dương)"],
    );
}

#[test]
fn merged_provinces_and_their_successors_find_each_other() {
    let env = Env::with_data();
    env.ok(&["import", fixture("merged-provinces.toml").to_str().unwrap()]);
    let hcm = env.ids(&["list", "--lead", "HOCHIMINH"]);
    assert_eq!(hcm, ["TINH-2025/01", "TINH-2025/02", "TINH-2025/03"]);
    for text in [
        "BINHDUONG",
        "BARIAVUNGTAU",
        "UBND tỉnh Bình Dương",
        "Bà Rịa - Vũng Tàu",
        "TP HCM",
        "Thành phố Hồ Chí Minh",
    ] {
        assert_eq!(env.ids(&["list", "--lead", text]), hcm, "{text}");
    }
    assert_eq!(env.ids(&["list", "--lead", "Hải Dương"]), ["TINH-2025/04"]);
    assert_eq!(env.ids(&["list", "--lead", "HAIPHONG"]), ["TINH-2025/04"]);
    let stats = env.json(&["stats", "--lead", "BINHDUONG"]);
    let rows = stats.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{stats}");
    assert_eq!(rows[0]["agency"], "HOCHIMINH");
    assert_eq!(rows[0]["assigned"].as_i64(), Some(3));
    // A search naming the province finds what it leads or supports.
    assert_eq!(
        env.ids(&["list", "--search", "UBND tỉnh Bình Dương"]),
        ["TINH-2025/01", "TINH-2025/02", "TINH-2025/03"]
    );
}

#[test]
fn a_file_that_changes_a_built_in_agency_is_refused() {
    let env = Env::with_data();
    let before = env.counts();
    let path = fixture("changes-builtin-agency.toml");
    let err = refused(
        &env.run(&["import", path.to_str().unwrap()]),
        &[
            "changes-builtin-agency.toml:4:1: cơ quan TTG có sẵn trong danh mục; tệp không được đổi name của cơ quan này (\"Thủ tướng Chính phủ\" thành \"Thủ tướng\")",
            "đổi successor",
        ],
    );
    assert!(err.contains("phát hiện 2 lỗi"), "{err}");
    let out = env.run(&["--lang", "en", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("agency TTG is built in; a file may not change its name"),
        "{}",
        stdout(&out)
    );
    assert_eq!(env.counts(), before);
    let ttg = env.tasks(&["list", "--lead", "TTG"]);
    assert!(ttg.iter().all(|t| t["id"] != "DOI-TEN/01"));
}
