//! Changes made in sauro: done, reopen, cancel, extend, note. Each is
//! checked through `show`/`list` and its history row.

use crate::util::{Env, last_history, refused};

#[test]
fn done_marks_the_task_and_records_who_and_when() {
    let env = Env::with_data();
    let before = env.counts();
    let out = env.ok(&[
        "done",
        "bcdtw-ctct-2026/01",
        "--on",
        "25/02/2026",
        "--by",
        "Trần Thị B",
    ]);
    assert!(
        out.contains("Đã lưu bcdtw-ctct-2026/01: hoàn thành ngày 25/02/2026"),
        "{out}"
    );
    let t = env.show("bcdtw-ctct-2026/01");
    assert_eq!(t["status"], "done_on_time", "due 28/02/2026, done 25/02");
    assert_eq!(t["done_on"], "2026-02-25");
    assert!(t["days_overdue"].is_null());
    let h = last_history(&t);
    assert_eq!(h["action"], "done");
    assert_eq!(h["by"], "Trần Thị B");
    assert_eq!(h["day"], "2026-11-22");
    assert_eq!(h["field"], "state");
    assert_eq!(h["old"], "open");
    assert!(h["new"].as_str().unwrap().contains("2026-02-25"), "{h}");
    assert_eq!(env.counts().history, before.history + 1);
    assert!(
        !env.ids(&["overdue"])
            .contains(&"bcdtw-ctct-2026/01".to_owned())
    );

    // Without --on: done on the day it is recorded, here late.
    let out = env
        .sauro()
        .env("SAURO_TODAY", "2026-04-03")
        .args(["done", "bcdtw-ctct-2026/02"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    let t = env.show("bcdtw-ctct-2026/02");
    assert_eq!(t["status"], "done_late", "due 31/03/2026, done 03/04");
    assert_eq!(t["done_on"], "2026-04-03");
    assert_eq!(last_history(&t)["day"], "2026-04-03");

    // A task without a deadline is done, undated.
    env.ok(&["done", "qd-2629-2025/01"]);
    assert_eq!(env.show("qd-2629-2025/01")["status"], "done_undated");
}

#[test]
fn reopen_undoes_done_and_the_task_is_overdue_again() {
    let env = Env::with_data();
    env.ok(&["done", "bcdtw-ctct-2026/01", "--on", "2026-02-25"]);
    assert_eq!(env.show("bcdtw-ctct-2026/02")["blocked"], false);
    let out = env.ok(&["reopen", "bcdtw-ctct-2026/01", "--by", "lan"]);
    assert!(out.contains("mở lại"), "{out}");
    let t = env.show("bcdtw-ctct-2026/01");
    assert_eq!(t["status"], "overdue");
    assert!(t["done_on"].is_null());
    assert_eq!(t["days_overdue"], 267);
    let h = last_history(&t);
    assert_eq!(
        (h["action"].as_str(), h["by"].as_str()),
        (Some("reopen"), Some("lan"))
    );
    assert_eq!(h["new"], "open");
    // Its dependent is blocked again.
    assert_eq!(env.show("bcdtw-ctct-2026/02")["blocked"], true);
}

#[test]
fn cancel_withdraws_the_task_with_its_authority() {
    let env = Env::with_data();
    let out = env.ok(&[
        "cancel",
        "bcdtw-ctct-2026/04",
        "--by",
        "BCDTW",
        "--reason",
        "Rút khỏi chương trình",
        "--user",
        "minh",
    ]);
    assert!(
        out.contains("dừng thực hiện theo quyết định của BCDTW"),
        "{out}"
    );
    let t = env.show("bcdtw-ctct-2026/04");
    assert_eq!(t["status"], "cancelled");
    let h = last_history(&t);
    assert_eq!(h["action"], "cancel");
    assert_eq!(h["by"], "minh");
    assert_eq!(h["day"], "2026-11-22");
    assert_eq!(h["authority"], "BCDTW");
    assert_eq!(h["reason"], "Rút khỏi chương trình");
    // Out of the overdue list and of the counts.
    assert!(
        !env.ids(&["overdue"])
            .contains(&"bcdtw-ctct-2026/04".to_owned())
    );
    assert_eq!(
        env.ids(&["list", "--status", "cancelled"]),
        ["bcdtw-ctct-2026/04"]
    );
    let text = env.ok(&["show", "bcdtw-ctct-2026/04"]);
    assert!(text.contains("Trạng thái: Dừng thực hiện"), "{text}");
    assert!(
        text.contains("minh dừng thực hiện: đang thực hiện → dừng thực hiện"),
        "{text}"
    );
    // Before the day it was cancelled, it was still overdue.
    assert_eq!(
        env.show_as_of("bcdtw-ctct-2026/04", "2026-11-01")["status"],
        "overdue"
    );
    // A cancelled task can be reopened.
    env.ok(&["reopen", "bcdtw-ctct-2026/04"]);
    assert_eq!(env.show("bcdtw-ctct-2026/04")["status"], "overdue");
}

#[test]
fn extend_changes_the_deadline_and_keeps_the_old_one_in_history() {
    let env = Env::with_data();
    let out = env.ok(&[
        "extend",
        "bcdtw-ctct-2026/02",
        "--to",
        "quý IV/2026",
        "--by",
        "TTG",
        "--basis",
        "9061/VPCP-CN",
        "--reason",
        "Chờ nghị quyết",
        "--user",
        "hoa",
    ]);
    assert!(out.contains("thời hạn mới 31/12/2026"), "{out}");
    let t = env.show("bcdtw-ctct-2026/02");
    assert_eq!(t["deadline"], "2026-12-31");
    assert_eq!(t["deadline_text"], "quý IV/2026");
    assert_eq!(t["extended"], true);
    assert_eq!(t["status"], "open");
    assert!(t["days_overdue"].is_null());
    let h = last_history(&t);
    assert_eq!(h["action"], "extend");
    assert_eq!(h["by"], "hoa");
    assert_eq!(h["day"], "2026-11-22");
    assert_eq!(h["authority"], "TTG");
    assert_eq!(h["basis"], "9061/VPCP-CN");
    assert_eq!(h["reason"], "Chờ nghị quyết");
    assert_eq!(h["old"], "hoàn thành trong quý 1/2026 (2026-03-31)");
    assert_eq!(h["new"], "quý IV/2026 (2026-12-31)");
    let text = env.ok(&["show", "bcdtw-ctct-2026/02"]);
    assert!(text.contains("· đã gia hạn"), "{text}");
    assert!(
        text.contains("TTG · 9061/VPCP-CN · Chờ nghị quyết"),
        "{text}"
    );
    assert!(
        !env.ids(&["overdue"])
            .contains(&"bcdtw-ctct-2026/02".to_owned())
    );

    // A date in dd/mm/yyyy works too; extending twice keeps both rows.
    env.ok(&[
        "extend",
        "bcdtw-ctct-2026/02",
        "--to",
        "15/01/2027",
        "--by",
        "TTG",
        "--basis",
        "100/VPCP-CN",
        "--reason",
        "lần hai",
    ]);
    let t = env.show("bcdtw-ctct-2026/02");
    assert_eq!(t["deadline"], "2027-01-15");
    let extends = t["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == "extend")
        .count();
    assert_eq!(extends, 2);
}

#[test]
fn note_is_kept_with_its_author_and_day() {
    let env = Env::with_data();
    let before = env.counts();
    env.ok(&[
        "note",
        "bcdtw-ctct-2026/03",
        "Đã gửi dự thảo lần 2",
        "--by",
        "tuấn",
    ]);
    let t = env.show("bcdtw-ctct-2026/03");
    let notes = t["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "Đã gửi dự thảo lần 2");
    assert_eq!(notes[0]["by"], "tuấn");
    assert_eq!(notes[0]["day"], "2026-11-22");
    assert_eq!(last_history(&t)["action"], "note");
    let c = env.counts();
    assert_eq!((c.notes, c.history), (before.notes + 1, before.history + 1));
    let text = env.ok(&["show", "bcdtw-ctct-2026/03"]);
    assert!(
        text.contains("22/11/2026 tuấn: Đã gửi dự thảo lần 2"),
        "{text}"
    );
}

#[test]
fn changes_that_make_no_sense_are_refused_and_change_nothing() {
    let env = Env::with_data();
    env.ok(&["done", "bcdtw-ctct-2026/01", "--on", "2026-02-25"]);
    let before = env.counts();
    let list = env.json(&["list"]);
    refused(
        &env.run(&["done", "bcdtw-ctct-2026/01"]),
        &["nhiệm vụ bcdtw-ctct-2026/01: đã hoàn thành ngày 25/02/2026"],
    );
    refused(
        &env.run(&["--lang", "en", "done", "bcdtw-ctct-2026/01"]),
        &["task bcdtw-ctct-2026/01: is already done 2026-02-25"],
    );
    refused(
        &env.run(&["reopen", "bcdtw-ctct-2026/02"]),
        &[
            "nhiệm vụ bcdtw-ctct-2026/02: đang thực hiện",
            "không có gì để mở lại",
        ],
    );
    refused(
        &env.run(&["--lang", "en", "reopen", "bcdtw-ctct-2026/02"]),
        &["task bcdtw-ctct-2026/02: is already open"],
    );
    refused(
        &env.run(&[
            "extend",
            "bcdtw-ctct-2026/01",
            "--to",
            "quý 4/2026",
            "--by",
            "TTG",
            "--basis",
            "x",
            "--reason",
            "y",
        ]),
        &[
            "nhiệm vụ bcdtw-ctct-2026/01: đã hoàn thành ngày 25/02/2026; hãy mở lại trước khi đổi thời hạn",
        ],
    );
    // Done in the future of the as-of day.
    refused(
        &env.run(&["done", "bcdtw-ctct-2026/02", "--on", "2026-12-01"]),
        &[
            "nhiệm vụ bcdtw-ctct-2026/02: không thể ghi hoàn thành ngày 01/12/2026, sau ngày hôm nay (22/11/2026)",
        ],
    );
    refused(
        &env.run(&[
            "--lang",
            "en",
            "done",
            "bcdtw-ctct-2026/02",
            "--on",
            "2026-12-01",
        ]),
        &["task bcdtw-ctct-2026/02: cannot be done on 2026-12-01, after today (2026-11-22)"],
    );
    refused(
        &env.run(&["note", "bcdtw-ctct-2026/02", "   "]),
        &["nhiệm vụ bcdtw-ctct-2026/02: ghi chú để trống"],
    );
    refused(
        &env.run(&["--lang", "en", "note", "bcdtw-ctct-2026/02", "   "]),
        &["task bcdtw-ctct-2026/02: an empty note adds nothing"],
    );
    assert_eq!(env.counts(), before);
    assert_eq!(env.json(&["list"]), list);
}

#[test]
fn a_past_day_sees_the_deadline_before_a_later_extension() {
    let env = Env::with_data();
    env.ok(&[
        "extend",
        "bcdtw-ctct-2026/05",
        "--to",
        "quý IV/2026",
        "--by",
        "TTG",
        "--basis",
        "9061/VPCP-CN",
        "--reason",
        "Chờ Đề án VNeID",
    ]);
    // Extended on 22/11/2026 (the as-of day of the change): overdue no more.
    assert!(
        !env.ids(&["overdue"])
            .contains(&"bcdtw-ctct-2026/05".to_owned())
    );
    // The day before, the old deadline (30/09/2026) stood: 52 days overdue.
    let before = env.ok(&["overdue", "--as-of", "2026-11-21", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&before).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "bcdtw-ctct-2026/05")
        .expect("overdue on 21/11");
    assert_eq!(row["deadline"], "2026-09-30");
    assert_eq!(row["days_overdue"], 52);
    assert_eq!(row["extended"], false);
}

#[test]
fn without_by_or_sauro_user_the_os_account_records_the_change() {
    // The environment is cleared (no USER either): the account's name
    // comes from the system, as documented, not "unknown".
    let env = Env::with_data();
    let os_user = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let os_user = String::from_utf8(os_user.stdout).unwrap().trim().to_owned();
    env.ok(&["note", "bcdtw-ctct-2026/01", "đã nhắc"]);
    let t = env.show("bcdtw-ctct-2026/01");
    assert_eq!(last_history(&t)["by"], os_user.as_str());
    // SAURO_USER still comes first.
    let out = env
        .sauro()
        .env("SAURO_USER", "thu-ky")
        .args(["note", "bcdtw-ctct-2026/01", "lần hai"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = env.show("bcdtw-ctct-2026/01");
    assert_eq!(last_history(&t)["by"], "thu-ky");
}
