//! Words that mean one thing: undated tasks told apart, statistics that add
//! up, a task with no lead said so, English counts, exports beyond overdue,
//! task ids found whatever their case (with "did you mean").

use crate::util::{Env, STATUSES, fixture, refused, stdout};
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

fn undated() -> Env {
    let env = Env::new();
    env.ok(&["import", fixture("undated.toml").to_str().unwrap()]);
    env
}

fn status_of(tasks: &[Value], id: &str) -> String {
    let t = tasks.iter().find(|t| t["id"] == id).unwrap();
    t["status"].as_str().unwrap().to_owned()
}

#[test]
fn only_ongoing_words_are_thuong_xuyen() {
    let env = undated();
    let tasks = env.tasks(&["list"]);
    assert_eq!(status_of(&tasks, "UND-2026/01"), "ongoing");
    assert_eq!(status_of(&tasks, "UND-2026/02"), "vague");
    assert_eq!(status_of(&tasks, "UND-2026/06"), "vague");
    assert_eq!(status_of(&tasks, "UND-2026/03"), "no_deadline");
    assert_eq!(status_of(&tasks, "UND-2026/08"), "done_undated");
    let table = env.ok(&["list"]);
    let line = |id: &str| {
        table
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap()
            .to_owned()
    };
    assert!(line("UND-2026/01").contains("Thường xuyên"), "{table}");
    assert!(line("UND-2026/02").contains("Chưa rõ thời hạn"), "{table}");
    assert!(line("UND-2026/03").contains("Không có thời hạn"), "{table}");
    assert_eq!(table.matches("Thường xuyên").count(), 1, "{table}");
    // --status filters by the same codes; `vague` finds both vague wordings.
    assert_eq!(
        env.ids(&["list", "--status", "vague"]),
        ["UND-2026/02", "UND-2026/06"]
    );
    assert_eq!(env.ids(&["list", "--status", "ongoing"]), ["UND-2026/01"]);
    assert_eq!(
        env.ids(&["list", "--status", "no_deadline"]),
        ["UND-2026/03"]
    );
}

#[test]
fn stats_rows_add_up_with_a_column_for_tasks_without_a_date() {
    let env = undated();
    let stats = env.json(&["stats"]);
    for s in stats.as_array().unwrap() {
        let n = |k: &str| s[k].as_u64().unwrap();
        // Every status but cancelled (not counted as assigned).
        let parts = STATUSES.iter().filter(|k| **k != "cancelled");
        assert_eq!(parts.map(|k| n(k)).sum::<u64>(), n("assigned"), "{s}");
    }
    let table = env.ok(&["stats"]);
    let header = table.lines().find(|l| l.contains("Giao")).unwrap();
    // The Office's four buckets first, then the undated columns.
    let at = |w: &str| header.find(w).unwrap_or_else(|| panic!("{w}: {header}"));
    assert!(at("Đúng hạn") < at("Trễ hạn") && at("Trễ hạn") < at("Trong hạn"));
    assert!(at("Quá hạn") < at("HT không hạn") && at("HT không hạn") < at("Không thời hạn"));
    let btp = table.lines().find(|l| l.starts_with("BTP")).unwrap();
    let nums: Vec<u64> = btp
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    // Giao 4 = 0 + 0 + 1 + 0 + 1 + 2; then the key tasks (none).
    assert_eq!(nums, [4, 0, 0, 1, 0, 1, 2, 0], "{btp}");
}

#[test]
fn a_task_with_no_lead_says_so() {
    let env = undated();
    let out = env.ok(&["show", "UND-2026/04"]);
    let line = out.lines().find(|l| l.contains("rõ người")).unwrap();
    assert!(line.contains("chưa có cơ quan chủ trì"), "{line}");
    assert!(!line.contains("nhóm"), "{line}");
    let out = env.ok(&["show", "UND-2026/03"]);
    let line = out.lines().find(|l| l.contains("rõ thời hạn")).unwrap();
    assert!(line.contains("chưa có thời hạn"), "{line}");
}

#[test]
fn english_counts_are_singular_for_one() {
    let env = undated();
    let out = env.ok(&["--lang", "en", "list", "--status", "ongoing"]);
    assert!(out.contains("— 1 task:"), "{out}");
    let out = env.ok(&["--lang", "en", "list"]);
    assert!(out.contains("— 8 tasks:"), "{out}");
    let path = env.dir.path().join("one.csv");
    let out = env.ok(&[
        "--lang",
        "en",
        "export",
        "blocked",
        "--format",
        "csv",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.contains("(1 blocked task)."), "{out}");
    let md = env.ok(&["--lang", "en", "export", "overdue", "--format", "md"]);
    assert!(md.contains("1 overdue task."), "{md}");
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = vec![r.headers().unwrap().iter().map(str::to_owned).collect()];
    rows.extend(
        r.records()
            .map(|x| x.unwrap().iter().map(str::to_owned).collect()),
    );
    rows
}

#[test]
fn export_blocked_due_and_all_carry_their_column() {
    let env = undated();
    let blocked = csv_rows(&env.ok(&["export", "blocked", "--format", "csv"]));
    assert_eq!(blocked[0].last().unwrap(), "Lý do bị chặn");
    assert_eq!(blocked.len(), 2);
    assert_eq!(blocked[1][1], "UND-2026/05");
    assert!(
        blocked[1].last().unwrap().contains("← UND-2026/04"),
        "{:?}",
        blocked[1]
    );
    assert!(
        blocked[1].last().unwrap().contains("Quá hạn 145 ngày"),
        "{:?}",
        blocked[1]
    );

    let due = csv_rows(&env.ok(&["export", "due", "--within", "5", "--format", "csv"]));
    assert_eq!(due[0].last().unwrap(), "Số ngày còn lại");
    assert_eq!(
        due[1..]
            .iter()
            .map(|r| (r[1].as_str(), r.last().unwrap().as_str()))
            .collect::<Vec<_>>(),
        [("UND-2026/07", "3")]
    );

    let all = csv_rows(&env.ok(&["export", "all", "--format", "csv"]));
    assert_eq!(all.len(), 9);
    let status = |id: &str| {
        all.iter()
            .find(|r| r[1] == id)
            .unwrap()
            .last()
            .unwrap()
            .clone()
    };
    assert_eq!(status("UND-2026/01"), "Thường xuyên");
    assert_eq!(status("UND-2026/02"), "Chưa rõ thời hạn");
    assert_eq!(status("UND-2026/04"), "Quá hạn chưa hoàn thành");

    let json: Value =
        serde_json::from_str(&env.ok(&["export", "all", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 8);
}

#[test]
fn export_all_split_by_lead_writes_one_file_per_lead() {
    let env = undated();
    let dir = env.dir.path().join("per-lead");
    let out = env.ok(&[
        "export",
        "all",
        "--format",
        "md",
        "--split-by",
        "lead",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(out.contains("Đã ghi 3 tệp"), "{out}");
    let bca = std::fs::read_to_string(dir.join("BCA.md")).unwrap();
    assert!(
        bca.contains("Danh sách nhiệm vụ — Bộ Công an (BCA)"),
        "{bca}"
    );
    assert!(
        bca.contains("| Trạng thái |") && bca.contains("3 nhiệm vụ."),
        "{bca}"
    );
    let book = env.dir.path().join("due.xlsx");
    env.ok(&[
        "export",
        "due",
        "--within",
        "60",
        "--split-by",
        "lead",
        "-o",
        book.to_str().unwrap(),
    ]);
    let wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names(), ["BCA", "BTP"]);
}

#[test]
fn export_stats_is_the_agency_table_in_every_format() {
    let env = undated();
    let rows = csv_rows(&env.ok(&["export", "stats", "--format", "csv"]));
    assert_eq!(
        rows[0][2..9],
        [
            "Giao",
            "Đúng hạn",
            "Trễ hạn",
            "Trong hạn",
            "Quá hạn",
            "HT không hạn",
            "Không thời hạn"
        ]
    );
    let total = rows.last().unwrap();
    assert_eq!(total[1], "Tổng cộng");
    assert_eq!(total[2..9], ["8", "0", "0", "2", "1", "1", "4"]);
    let path = env.dir.path().join("stats.xlsx");
    let out = env.ok(&["export", "stats", "-o", path.to_str().unwrap()]);
    assert!(out.contains("3 cơ quan"), "{out}");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let last = range.rows().next_back().unwrap();
    assert_eq!(last[2], Data::Float(8.0));
    let out = env.run(&["export", "stats", "--split-by", "lead", "-o", "x"]);
    refused(&out, &["--split-by lead", "export stats"]);
    assert!(stdout(&out).is_empty());
}

#[test]
fn task_ids_are_case_insensitive_in_every_command() {
    let env = undated();
    let out = env.ok(&["show", "und-2026/01"]);
    assert!(
        out.starts_with("UND-2026/01 — Cập nhật dữ liệu dân cư"),
        "{out}"
    );
    env.ok(&["note", "und-2026/01", "đã nhắc"]);
    let out = env.ok(&["show", "UND-2026/01"]);
    assert!(out.contains("đã nhắc"), "{out}");
    env.ok(&["done", "Und-2026/07", "--on", "2026-11-20"]);
    assert_eq!(
        status_of(&env.tasks(&["list"]), "UND-2026/07"),
        "done_on_time"
    );
    let dot = env.ok(&["graph", "--root", "und-2026/05"]);
    assert!(dot.contains("UND-2026/04"), "{dot}");
}

#[test]
fn an_unknown_task_id_gets_did_you_mean() {
    let env = undated();
    let out = env.run(&["show", "UND-2026/1"]);
    let err = refused(&out, &["UND-2026/1", "có phải là"]);
    assert!(err.contains("UND-2026/01"), "{err}");
    let out = env.run(&["--lang", "en", "done", "und-2026/7", "--on", "2026-11-20"]);
    let err = refused(&out, &["did you mean"]);
    assert!(err.contains("UND-2026/07"), "{err}");
    let out = env.run(&["graph", "--root", "UND-2026/5"]);
    let err = refused(&out, &["--root", "UND-2026/05"]);
    assert!(!err.contains("panicked"), "{err}");
    let out = env.run(&["show", "KHONG-CO/99"]);
    let err = refused(&out, &["KHONG-CO/99"]);
    assert!(!err.contains("có phải là"), "{err}");
}

#[test]
fn help_and_clap_errors_are_vietnamese_by_default_and_english_on_request() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    assert!(
        help.contains("Cách dùng:") && help.contains("Tùy chọn:"),
        "{help}"
    );
    assert!(help.contains("Liệt kê nhiệm vụ"), "{help}");
    assert!(
        !help.contains("Usage:") && !help.contains("List tasks"),
        "{help}"
    );
    let sub = env.ok(&["export", "due", "--help"]);
    assert!(
        sub.contains("[mặc định: 7]") && !sub.contains("[default"),
        "{sub}"
    );

    let out = env.run(&["list", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = crate::util::stderr(&out);
    assert!(
        err.contains("giá trị 'xml' không hợp lệ cho '--format"),
        "{err}"
    );
    assert!(err.contains("table, json"), "{err}");
    let err = crate::util::stderr(&env.run(&["list", "--bogus"]));
    assert!(err.contains("không có tùy chọn '--bogus'"), "{err}");
    let err = crate::util::stderr(&env.run(&["lst"]));
    assert!(
        err.contains("không có lệnh 'lst'; có phải là 'list'?"),
        "{err}"
    );
    let err = crate::util::stderr(&env.run(&["show"]));
    assert!(err.contains("thiếu tham số bắt buộc: <ID>"), "{err}");
    let err = crate::util::stderr(&env.run(&["due", "--within", "bảy"]));
    assert!(
        err.contains("giá trị 'bảy' không hợp lệ cho '--within"),
        "{err}"
    );

    // English with --lang en or SAURO_LANG=en.
    let help = env.ok(&["--lang", "en", "--help"]);
    assert!(
        help.contains("Usage:") && help.contains("List tasks"),
        "{help}"
    );
    let out = env
        .sauro()
        .env("SAURO_LANG", "en")
        .args(["list", "--format", "xml"])
        .output()
        .unwrap();
    let err = crate::util::stderr(&out);
    assert!(err.contains("invalid value 'xml'"), "{err}");
}
