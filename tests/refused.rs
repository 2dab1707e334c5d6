//! Refused input: a clear message naming what is wrong, a non-zero exit, no
//! panic, and a database left as it was.

use crate::util::{Env, fixture, refused, repo};
use std::time::{Duration, Instant};

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn unknown_task_ids() {
    let env = Env::with_data();
    let before = env.counts();
    for args in [
        vec!["show", "khong-co/01"],
        vec!["done", "khong-co/01"],
        vec!["reopen", "khong-co/01"],
        vec!["note", "khong-co/01", "ghi chú"],
        vec!["cancel", "khong-co/01", "--by", "TTG", "--reason", "r"],
        vec![
            "extend",
            "khong-co/01",
            "--to",
            "quý 4/2026",
            "--by",
            "TTG",
            "--basis",
            "b",
            "--reason",
            "r",
        ],
    ] {
        refused(
            &env.run(&args),
            &["không có nhiệm vụ nào mang mã \"khong-co/01\""],
        );
        let mut en = vec!["--lang", "en"];
        en.extend(&args);
        refused(&env.run(&en), &["no task has the id \"khong-co/01\""]);
    }
    assert_eq!(env.counts(), before);
}

#[test]
fn bad_as_of_days() {
    let env = Env::with_data();
    let before = env.counts();
    for bad in ["22/11/2026x", "hôm nay", "2026/11/22", "22/11-2026"] {
        refused(
            &env.run(&["list", "--as-of", bad]),
            &["--as-of", bad, "không phải là ngày; hãy viết dd/mm/yyyy"],
        );
    }
    // A well-written day that does not exist is called impossible, not badly written.
    for (bad, says) in [
        ("2026-13-01", "không có ngày 1 tháng 13 năm 2026"),
        ("2026-02-30", "không có ngày 30 tháng 2 năm 2026"),
        ("30/02/2026", "không có ngày 30 tháng 2 năm 2026"),
    ] {
        refused(&env.run(&["list", "--as-of", bad]), &["--as-of", bad, says]);
    }
    refused(
        &env.run(&["--lang", "en", "list", "--as-of", "hôm nay"]),
        &["--as-of", "\"hôm nay\" is not a date; write dd/mm/yyyy"],
    );
    let out = env
        .sauro()
        .env("SAURO_TODAY", "yesterday")
        .arg("list")
        .output()
        .unwrap();
    refused(&out, &["SAURO_TODAY", "yesterday"]);
    // A change under a bad day writes nothing.
    refused(
        &env.run(&["done", "bcdtw-ctct-2026/01", "--as-of", "2026-02-30"]),
        &["2026-02-30"],
    );
    assert_eq!(env.counts(), before);
}

#[test]
fn bad_done_day() {
    let env = Env::with_data();
    let before = env.counts();
    for bad in ["hôm qua", "20-02-2026x"] {
        refused(
            &env.run(&["done", "bcdtw-ctct-2026/01", "--on", bad]),
            &["--on", bad, "không phải là ngày; hãy viết dd/mm/yyyy"],
        );
    }
    for bad in ["31/2/2026", "2026-02-29"] {
        refused(
            &env.run(&["done", "bcdtw-ctct-2026/01", "--on", bad]),
            &["--on", bad, "không có ngày"],
        );
    }
    refused(
        &env.run(&[
            "--lang",
            "en",
            "done",
            "bcdtw-ctct-2026/01",
            "--on",
            "hôm qua",
        ]),
        &["--on: \"hôm qua\" is not a date; write dd/mm/yyyy"],
    );
    assert_eq!(env.counts(), before);
    assert_eq!(env.show("bcdtw-ctct-2026/01")["status"], "overdue");
}

#[test]
fn bad_new_deadline() {
    let env = Env::with_data();
    let before = env.counts();
    for bad in [
        "quý 5/2026",
        "31/2/2026",
        "tháng 13/2026",
        "một ngày nào đó",
    ] {
        let err = refused(
            &env.run(&[
                "extend",
                "bcdtw-ctct-2026/02",
                "--to",
                bad,
                "--by",
                "TTG",
                "--basis",
                "1/VPCP",
                "--reason",
                "r",
            ]),
            &[&format!("--to: không đọc được thời hạn \"{bad}\": ")],
        );
        assert!(
            err.contains("các cách viết được chấp nhận: 19/8/2025,") && err.contains("quý 1/2026"),
            "lists the accepted forms: {err}"
        );
    }
    let err = refused(
        &env.run(&[
            "extend",
            "bcdtw-ctct-2026/02",
            "--to",
            "quý 5/2026",
            "--by",
            "TTG",
            "--basis",
            "1/VPCP",
            "--reason",
            "r",
        ]),
        &[],
    );
    assert!(
        err.contains("\"quý 5/2026\": không có quý 5: quý chỉ từ 1 đến 4 (hoặc I đến IV)"),
        "{err}"
    );
    refused(
        &env.run(&[
            "--lang",
            "en",
            "extend",
            "bcdtw-ctct-2026/02",
            "--to",
            "31/2/2026",
            "--by",
            "TTG",
            "--basis",
            "1/VPCP",
            "--reason",
            "r",
        ]),
        &[
            "--to: deadline \"31/2/2026\" cannot be read: 31/2/2026 does not exist: month 2 of 2026 has 28 days; accepted forms:",
        ],
    );
    assert_eq!(env.counts(), before);
    let t = env.show("bcdtw-ctct-2026/02");
    assert_eq!(t["deadline"], "2026-03-31");
    assert_eq!(t["extended"], false);
}

#[test]
fn unknown_authority() {
    let env = Env::with_data();
    let before = env.counts();
    refused(
        &env.run(&[
            "cancel",
            "bcdtw-ctct-2026/02",
            "--by",
            "KHONGCO",
            "--reason",
            "r",
        ]),
        &[
            "nhiệm vụ bcdtw-ctct-2026/02: cấp có thẩm quyền \"KHONGCO\" không có trong danh mục cơ quan",
        ],
    );
    refused(
        &env.run(&[
            "--lang",
            "en",
            "cancel",
            "bcdtw-ctct-2026/02",
            "--by",
            "KHONGCO",
            "--reason",
            "r",
        ]),
        &["task bcdtw-ctct-2026/02: authority \"KHONGCO\" is in no registry"],
    );
    refused(
        &env.run(&[
            "extend",
            "bcdtw-ctct-2026/02",
            "--to",
            "quý 4/2026",
            "--by",
            "KHONGCO",
            "--basis",
            "b",
            "--reason",
            "r",
        ]),
        &["nhiệm vụ bcdtw-ctct-2026/02: cấp có thẩm quyền \"KHONGCO\""],
    );
    assert_eq!(env.counts(), before);
    let t = env.show("bcdtw-ctct-2026/02");
    assert_eq!(
        (t["status"].as_str(), t["extended"].as_bool()),
        (Some("overdue"), Some(false))
    );
}

#[test]
fn missing_or_unreadable_files_for_import() {
    let env = Env::with_data();
    let before = env.counts();
    let missing = env.dir.path().join("khong-co.toml");
    refused(
        &env.run(&["import", path(&missing)]),
        &[&format!(
            "không đọc được {}: không tìm thấy tệp hoặc thư mục",
            path(&missing)
        )],
    );
    refused(
        &env.run(&["--lang", "en", "import", path(&missing)]),
        &[&format!("cannot read {}: ", path(&missing))],
    );
    // With a good file beside it: still nothing written.
    refused(
        &env.run(&["import", path(&fixture("clear.toml")), path(&missing)]),
        &[path(&missing)],
    );
    let latin1 = env.dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"schema = 1\n# \xe0 la Windows-1252\n").unwrap();
    refused(
        &env.run(&["import", path(&latin1)]),
        &[&format!(
            "không đọc được {}: nội dung không phải văn bản UTF-8",
            path(&latin1)
        )],
    );
    assert_eq!(env.counts(), before);
    assert_eq!(env.counts().directives, 3);
}

#[test]
fn a_file_with_several_problems_reports_them_all_and_writes_nothing() {
    let env = Env::with_data();
    let before = env.counts();
    let list = env.json(&["list"]);
    let bad = fixture("several-problems.toml");
    let bad = path(&bad);
    // A good file in the same import is not written either.
    let err = refused(
        &env.run(&["import", path(&fixture("clear.toml")), bad]),
        &[
            "sauro: phát hiện 6 lỗi, không ghi gì vào cơ sở dữ liệu:\n",
            // unknown ids, each with file, line and task
            "several-problems.toml:10: nhiệm vụ BAD-2026/01: lead: cơ quan \"KHONGCO\" không có trong danh mục cơ quan\n",
            "several-problems.toml:16: nhiệm vụ BAD-2026/02: authority: cơ quan \"XYZ\" không có trong danh mục cơ quan\n",
            // dangling dependency
            "several-problems.toml:16: nhiệm vụ BAD-2026/02: depends_on: nhiệm vụ \"BAD-2026/99\" không có trong tệp nào đã nạp",
            // duplicate id
            "several-problems.toml:22: nhiệm vụ BAD-2026/02: trùng mã nhiệm vụ BAD-2026/02: đã có trong ",
            // bad deadlines, with the reason and the accepted forms
            "several-problems.toml:10: nhiệm vụ BAD-2026/01: không đọc được thời hạn \"31/2/2026\": không có ngày 31/2/2026: tháng 2 năm 2026 chỉ có 28 ngày; các cách viết được chấp nhận: 19/8/2025,",
            "several-problems.toml:22: nhiệm vụ BAD-2026/02: không đọc được thời hạn \"một ngày đẹp trời\": đây không phải cách viết thời hạn mà sauro đọc được;",
        ],
    );
    assert!(
        !err.contains("clear.toml"),
        "the good file has no problem: {err}"
    );
    for english in [
        "task ",
        "agency ",
        "problems found",
        "no registry",
        "deadline \"",
    ] {
        assert!(!err.contains(english), "{english:?} in:\n{err}");
    }
    assert_eq!(env.counts(), before);
    assert_eq!(env.json(&["list"]), list);

    // The same refusal in English.
    let err = refused(
        &env.run(&["--lang", "en", "import", path(&fixture("clear.toml")), bad]),
        &[
            "sauro: 6 problems found, nothing was written:\n",
            "several-problems.toml:10: task BAD-2026/01: lead: agency \"KHONGCO\" is in no registry",
            "several-problems.toml:16: task BAD-2026/02: authority: agency \"XYZ\"",
            "several-problems.toml:16: task BAD-2026/02: depends_on: task \"BAD-2026/99\" exists in no loaded file",
            "several-problems.toml:22: task BAD-2026/02: duplicate task id BAD-2026/02",
            "deadline \"31/2/2026\" cannot be read: 31/2/2026 does not exist: month 2 of 2026 has 28 days; accepted forms: 19/8/2025,",
            "deadline \"một ngày đẹp trời\" cannot be read: it is not a deadline form sauro knows",
        ],
    );
    assert!(!err.contains("nhiệm vụ BAD"), "{err}");
    assert_eq!(env.counts(), before);

    // On a fresh database: no task is written.
    let fresh = Env::new();
    refused(
        &fresh.run(&["import", path(&fixture("clear.toml")), bad]),
        &["KHONGCO"],
    );
    let c = fresh.counts();
    assert_eq!((c.tasks, c.directives, c.history), (0, 0, 0));
}

#[test]
fn a_toml_syntax_error_gives_file_line_and_column() {
    let env = Env::with_data();
    let before = env.counts();
    let err = refused(
        &env.run(&["import", path(&fixture("syntax-error.toml"))]),
        &[
            "phát hiện 1 lỗi",
            "syntax-error.toml:7:",
            "lỗi cú pháp TOML: ",
        ],
    );
    // line 7, then a column number.
    let after = err.split("syntax-error.toml:7:").nth(1).unwrap();
    assert!(after.starts_with(|c: char| c.is_ascii_digit()), "{err}");
    assert_eq!(env.counts(), before);
}

#[test]
fn a_dependency_cycle_is_spelled_out() {
    let env = Env::with_data();
    let before = env.counts();
    refused(
        &env.run(&["import", path(&fixture("cycle.toml"))]),
        &[
            "cycle.toml",
            "phụ thuộc vòng tròn: CYC-2026/A -> CYC-2026/B -> CYC-2026/A",
        ],
    );
    refused(
        &env.run(&["--lang", "en", "import", path(&fixture("cycle.toml"))]),
        &["dependency cycle: CYC-2026/A -> CYC-2026/B -> CYC-2026/A"],
    );
    assert_eq!(env.counts(), before);
}

#[test]
fn a_file_of_a_newer_schema_is_refused() {
    let env = Env::with_data();
    let before = env.counts();
    refused(
        &env.run(&["import", path(&fixture("newer-schema.toml"))]),
        &[
            "newer-schema.toml",
            "schema 2 mới hơn phiên bản chương trình này đọc được (schema 1); hãy nâng cấp sauro",
        ],
    );
    assert_eq!(env.counts(), before);
}

#[test]
fn a_database_of_a_newer_sauro_is_left_untouched() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(
            "CREATE TABLE keep (x); INSERT INTO keep VALUES (1); PRAGMA user_version = 99; \
             PRAGMA application_id = 1396790610;",
        )
        .unwrap();
    }
    let bytes = std::fs::read(env.db()).unwrap();
    for args in [
        vec!["list"],
        vec![],
        vec!["import", "data/"],
        vec!["done", "bcdtw-ctct-2026/01"],
    ] {
        refused(
            &env.run(&args),
            &[
                &format!("cơ sở dữ liệu {} có phiên bản lược đồ 99", path(&env.db())),
                "được giữ nguyên: hãy nâng cấp sauro",
            ],
        );
        assert_eq!(std::fs::read(env.db()).unwrap(), bytes, "{args:?}");
    }
    refused(
        &env.run(&["--lang", "en", "list"]),
        &[path(&env.db()), "99", "untouched"],
    );
    assert_eq!(std::fs::read(env.db()).unwrap(), bytes);
    assert!(!env.dir.path().join("db.sqlite-wal").exists());
}

#[test]
fn a_corrupt_database_is_refused() {
    let env = Env::new();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(env.db(), &garbage).unwrap();
    for args in [vec!["list"], vec!["import", "data/"], vec![]] {
        refused(
            &env.run(&args),
            &[&format!(
                "không mở được cơ sở dữ liệu {}: tệp này không phải là cơ sở dữ liệu",
                path(&env.db())
            )],
        );
        assert_eq!(std::fs::read(env.db()).unwrap(), garbage);
    }
    refused(
        &env.run(&["--lang", "en", "list"]),
        &[&format!(
            "cannot open the database {}: the file is not a database",
            path(&env.db())
        )],
    );
}

#[test]
fn a_locked_database_is_refused_after_the_busy_timeout() {
    let env = Env::with_data();
    let before = env.counts();
    let mut conn = rusqlite::Connection::open(env.db()).unwrap();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)
        .unwrap();
    let start = Instant::now();
    let out = env.run(&["done", "bcdtw-ctct-2026/01", "--by", "x"]);
    let waited = start.elapsed();
    tx.rollback().unwrap();
    refused(&out, &["đang bị một tiến trình sauro khác khóa"]);
    assert!(waited >= Duration::from_secs(4), "gave up after {waited:?}");
    assert_eq!(env.counts(), before);
    assert_eq!(env.show("bcdtw-ctct-2026/01")["status"], "overdue");
    // Once released, the same change goes through.
    env.ok(&["done", "bcdtw-ctct-2026/01", "--by", "x"]);
    assert_eq!(env.counts().history, before.history + 1);
}

#[test]
fn an_import_of_data_on_a_bad_path_of_the_repo_names_it() {
    let env = Env::new();
    let dir = repo("data/khong-co");
    refused(&env.run(&["import", path(&dir)]), &["data/khong-co"]);
}

/// A folder given as the database is named as a folder (it was "a disk
/// input/output error"), in both languages, and nothing is created in it.
#[test]
fn a_folder_given_as_the_database_is_named_as_a_folder() {
    let env = Env::new();
    let folder = env.dir.path().join("du-lieu");
    std::fs::create_dir(&folder).unwrap();
    let db = path(&folder);
    refused(
        &env.run(&["--db", db, "list"]),
        &[&format!("cơ sở dữ liệu {db} là một thư mục")],
    );
    refused(
        &env.run(&["--lang", "en", "--db", db, "import", "data/directives"]),
        &[&format!("the database {db} is a folder")],
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

/// A refused import into a database that did not exist leaves no database
/// file (nor SQLite's files beside it); into an existing one, the file stays
/// as it was.
#[test]
fn a_refused_first_import_leaves_no_database_file() {
    let env = Env::new();
    let bad = env.dir.path().join("bad.toml");
    std::fs::write(&bad, "schema = 1\n[directive]\nid = \"X\"\nid = \"Y\"\n").unwrap();
    let db = env.dir.path().join("moi.db");
    let db_arg = path(&db);
    refused(
        &env.run(&["--db", db_arg, "import", path(&bad)]),
        &["duplicate key"],
    );
    let left: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("moi.db"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A missing input file is refused the same way.
    refused(
        &env.run(&["--db", db_arg, "import", "khong-co.toml"]),
        &["khong-co.toml"],
    );
    assert!(!db.exists());
    // An existing database is kept, refused import or not.
    env.ok(&["--db", db_arg, "import", "data/directives"]);
    refused(
        &env.run(&["--db", db_arg, "import", path(&bad)]),
        &["duplicate key"],
    );
    assert!(db.exists());
    assert!(env.ok(&["--db", db_arg, "list"]).contains("bcdtw"));
}
