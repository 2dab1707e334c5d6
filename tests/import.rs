//! `sauro import`, re-import, edited files, and the bundled data loaded by
//! `sauro` without a subcommand.

use crate::util::{Env, find, fixture, repo};

#[test]
fn importing_data_loads_every_task_once() {
    let env = Env::new();
    let out = env.ok(&["import", repo("data").to_str().unwrap()]);
    assert!(
        out.contains("3 văn bản: 70 nhiệm vụ mới, 0 cập nhật"),
        "{out}"
    );
    let c = env.counts();
    assert_eq!((c.tasks, c.directives), (70, 3));
    // One import row per task, nothing else.
    assert_eq!(c.history, 70);
    let tasks = env.tasks(&["list"]);
    assert_eq!(tasks.len(), 70);
    // A task of each file, with its fields as the file says.
    let t = find(&tasks, "bcdtw-ctct-2026/03");
    assert_eq!(t["lead"], "BCA");
    assert_eq!(t["authority"], "TTG");
    assert_eq!(t["deadline_text"], "cũng hoàn thành trong quý 2/2026");
    assert_eq!(t["deadline"], "2026-06-30");
    assert_eq!(t["depends_on"], serde_json::json!(["bcdtw-ctct-2026/01"]));
    let t = find(&tasks, "qd-2629-2025/02");
    assert_eq!(
        t["deadline"], "2027-12-31",
        "đến năm 2027 is the year's last day"
    );
    assert!(t["lead"].is_null());
    find(&tasks, "kl-hoi-nghi-6-2-2025/01");
}

#[test]
fn importing_data_again_changes_nothing() {
    let env = Env::with_data();
    let before = env.counts();
    let list_before = env.json(&["list"]);
    let out = env.ok(&["import", repo("data").to_str().unwrap()]);
    assert!(
        out.contains("0 nhiệm vụ mới, 0 cập nhật (0 thay đổi), 70 không đổi"),
        "{out}"
    );
    // The same folder named another way is the same data.
    let out = env.ok(&["import", "data/directives/", "data/agencies.toml"]);
    assert!(out.contains("0 nhiệm vụ mới, 0 cập nhật"), "{out}");
    assert_eq!(env.counts(), before);
    assert_eq!(env.json(&["list"]), list_before);
}

#[test]
fn import_records_who_imported() {
    let env = Env::new();
    env.ok(&[
        "import",
        fixture("clear.toml").to_str().unwrap(),
        "--by",
        "Nguyễn Văn A",
    ]);
    let h = &env.show("CLR-2026/02")["history"][0];
    assert_eq!(h["action"], "import");
    assert_eq!(h["by"], "Nguyễn Văn A");
    // The task counts from the day its directive assigned it; the import's
    // own time is the wall-clock `at`.
    assert_eq!(h["day"], "2026-01-15");
}

#[test]
fn an_edited_file_updates_the_task_and_keeps_changes_made_in_sauro() {
    let env = Env::new();
    let file = env.dir.path().join("clear.toml");
    let original = std::fs::read_to_string(fixture("clear.toml")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let path = file.to_str().unwrap();
    env.ok(&["import", path]);
    env.ok(&["done", "CLR-2026/03", "--on", "2026-11-20", "--by", "alice"]);
    env.ok(&[
        "extend",
        "CLR-2026/02",
        "--to",
        "quý IV/2026",
        "--by",
        "TTG",
        "--basis",
        "123/VPCP-KSTT",
        "--reason",
        "chờ nghị định",
    ]);

    let old_title = "Báo cáo Thủ tướng Chính phủ kết quả triển khai định danh điện tử";
    let new_title = "Báo cáo Thủ tướng Chính phủ kết quả định danh điện tử năm 2026";
    let edited = original
        .replace(old_title, new_title)
        .replace("trước ngày 30/6/2026", "trước ngày 31/7/2026");
    assert_ne!(edited, original);
    std::fs::write(&file, edited).unwrap();
    let out = env.ok(&["import", path]);
    assert!(out.contains("0 nhiệm vụ mới, 2 cập nhật"), "{out}");

    let t = env.show("CLR-2026/03");
    assert_eq!(t["title"], new_title);
    // Done in sauro; the file still says nothing about it: kept.
    assert_eq!(t["status"], "done_on_time");
    assert_eq!(t["done_on"], "2026-11-20");
    let edit = t["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["field"] == "title")
        .expect("a history row for the title");
    assert_eq!(edit["old"], old_title);
    assert_eq!(edit["new"], new_title);

    // Extended in sauro: the file's new deadline does not undo the extension.
    let t = env.show("CLR-2026/02");
    assert_eq!(t["deadline"], "2026-12-31");
    assert_eq!(t["extended"], true);

    // Loading the edited file once more changes nothing.
    let before = env.counts();
    let out = env.ok(&["import", path]);
    assert!(out.contains("0 nhiệm vụ mới, 0 cập nhật"), "{out}");
    assert_eq!(env.counts(), before);
}

#[test]
fn without_a_subcommand_a_fresh_database_gets_the_bundled_data_and_an_overview() {
    let env = Env::new();
    assert!(!env.db().exists());
    let out = env.ok(&[]);
    assert!(out.contains("Tính đến ngày 22/11/2026"), "{out}");
    assert!(out.contains("70 nhiệm vụ"), "{out}");
    assert!(out.contains("17 quá hạn chưa hoàn thành"), "{out}");
    // What needs action: overdue tasks are listed, finished ones are not.
    assert!(out.contains("kl-hoi-nghi-6-2-2025/01"), "{out}");
    assert!(!out.contains("kl-hoi-nghi-6-2-2025/04 "), "{out}");
    assert!(out.contains("sauro --help"), "{out}");
    let c = env.counts();
    assert_eq!((c.tasks, c.directives), (70, 3));
    // A second run does not import again.
    env.ok(&[]);
    assert_eq!(env.counts(), c);
    // And the data matches `import data/`.
    assert_eq!(env.json(&["list"]), Env::with_data().json(&["list"]));
}

#[test]
fn a_database_with_an_imported_file_does_not_get_the_bundled_data() {
    let env = Env::with_clear();
    assert_eq!(env.ids(&["list"]).len(), 3);
    assert_eq!(env.counts().directives, 1);
}

#[test]
fn a_task_taken_out_of_its_file_is_kept_and_reported() {
    let env = Env::new();
    let file = env.dir.path().join("clear.toml");
    let original = std::fs::read_to_string(fixture("clear.toml")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let path = file.to_str().unwrap();
    env.ok(&["import", path]);
    // The file loses its last task (CLR-2026/03).
    let cut = original.find("[[task]]\nid = \"CLR-2026/03\"").unwrap();
    std::fs::write(&file, &original[..cut]).unwrap();
    let before = env.counts();
    let out = env.ok(&["import", path]);
    assert!(
        out.contains("1 nhiệm vụ không còn trong tệp") && out.contains("CLR-2026/03"),
        "{out}"
    );
    assert_eq!(env.counts(), before, "nothing written, nothing deleted");
    assert_eq!(env.show("CLR-2026/03")["id"], "CLR-2026/03");
    let out = env.ok(&["--lang", "en", "import", path]);
    assert!(
        out.contains("1 task is no longer in its directive's file"),
        "{out}"
    );
}
