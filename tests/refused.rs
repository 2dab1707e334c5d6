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
        refused(&env.run(&args), &["\"khong-co/01\""]);
    }
    assert_eq!(env.counts(), before);
}

#[test]
fn bad_as_of_days() {
    let env = Env::with_data();
    let before = env.counts();
    for bad in ["2026-13-01", "2026-02-30", "22/11/2026x", "hôm nay"] {
        refused(&env.run(&["list", "--as-of", bad]), &["--as-of", bad]);
    }
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
    for bad in ["31/2/2026", "2026-02-29", "hôm qua", "20-02-2026x"] {
        refused(
            &env.run(&["done", "bcdtw-ctct-2026/01", "--on", bad]),
            &["--on", bad],
        );
    }
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
            &["--to", bad],
        );
        assert!(
            err.contains("quý 1/2026"),
            "lists the accepted forms: {err}"
        );
    }
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
        &["KHONGCO", "bcdtw-ctct-2026/02"],
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
        &["KHONGCO", "bcdtw-ctct-2026/02"],
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
    refused(&env.run(&["import", path(&missing)]), &[path(&missing)]);
    // With a good file beside it: still nothing written.
    refused(
        &env.run(&["import", path(&fixture("clear.toml")), path(&missing)]),
        &[path(&missing)],
    );
    let latin1 = env.dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"schema = 1\n# \xe0 la Windows-1252\n").unwrap();
    refused(&env.run(&["import", path(&latin1)]), &[path(&latin1)]);
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
            "nothing was written",
            // unknown ids, each with the task
            "several-problems.toml:10: task BAD-2026/01: lead: agency \"KHONGCO\"",
            "several-problems.toml:16: task BAD-2026/02: authority: agency \"XYZ\"",
            // dangling dependency
            "\"BAD-2026/99\"",
            // duplicate id
            "several-problems.toml:22: task BAD-2026/02: duplicate task id BAD-2026/02",
            // bad deadlines
            "deadline \"31/2/2026\"",
            "deadline \"một ngày đẹp trời\"",
        ],
    );
    assert!(err.contains("6 problems"), "{err}");
    assert!(
        !err.contains("clear.toml"),
        "the good file has no problem: {err}"
    );
    assert_eq!(env.counts(), before);
    assert_eq!(env.json(&["list"]), list);

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
        &["syntax-error.toml:7:"],
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
        &["cycle.toml", "CYC-2026/A -> CYC-2026/B -> CYC-2026/A"],
    );
    assert_eq!(env.counts(), before);
}

#[test]
fn a_file_of_a_newer_schema_is_refused() {
    let env = Env::with_data();
    let before = env.counts();
    refused(
        &env.run(&["import", path(&fixture("newer-schema.toml"))]),
        &["newer-schema.toml", "schema 2"],
    );
    assert_eq!(env.counts(), before);
}

#[test]
fn a_database_of_a_newer_sauro_is_left_untouched() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(
            "CREATE TABLE keep (x); INSERT INTO keep VALUES (1); PRAGMA user_version = 99;",
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
        refused(&env.run(&args), &[path(&env.db()), "99", "untouched"]);
        assert_eq!(std::fs::read(env.db()).unwrap(), bytes, "{args:?}");
    }
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
        refused(&env.run(&args), &[path(&env.db()), "not a database"]);
        assert_eq!(std::fs::read(env.db()).unwrap(), garbage);
    }
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
    refused(&out, &["locked"]);
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
