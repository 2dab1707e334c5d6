//! `sauro db init` and `sauro db copy`, the commands on a shared
//! PostgreSQL database, and the refusal of `sauro import` there. The PostgreSQL test uses the
//! throwaway server of `sauro_pg::testing` (or `SAURO_TEST_POSTGRES`), and
//! says on stderr that it was skipped when there is none.

use crate::util::{Env, repo, stderr, stdout};

/// The line `SHA-256 …: HEX` of a copy's output, its hex.
fn checksum_line(out: &str) -> String {
    let line = out
        .lines()
        .find(|l| l.starts_with("SHA-256"))
        .unwrap_or_else(|| panic!("no checksum line:\n{out}"));
    let hex = line.rsplit(' ').next().unwrap().to_owned();
    assert_eq!(hex.len(), 64, "{line}");
    assert!(hex.chars().all(|c| c.is_ascii_hexdigit()), "{line}");
    hex
}

/// The rows a copy's output gives for `table`.
fn rows(out: &str, table: &str) -> u64 {
    out.lines()
        .map(str::split_whitespace)
        .find_map(|mut w| (w.next() == Some(table)).then(|| w.next()).flatten())
        .unwrap_or_else(|| panic!("no row count for {table}:\n{out}"))
        .parse()
        .unwrap()
}

/// A database of `data/` with a done, an extension and a note.
fn with_changes() -> Env {
    let env = Env::with_data();
    env.ok(&["done", "bcdtw-ctct-2026/01", "--on", "25/02/2026"]);
    env.ok(&[
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
    ]);
    env.ok(&["note", "bcdtw-ctct-2026/03", "Đã họp lần 2"]);
    env
}

/// What the database at `db` shows: every task, and one task's history.
fn shown(env: &Env, db: &std::path::Path) -> (String, String) {
    let db = db.to_str().unwrap();
    (
        env.ok(&["--db", db, "list", "--format", "json"]),
        env.ok(&["--db", db, "show", "bcdtw-ctct-2026/02", "--format", "json"]),
    )
}

#[test]
fn db_copy_makes_a_new_file_that_shows_the_same_and_refuses_a_full_one() {
    let env = with_changes();
    let src = env.db();
    let dst = env.dir.path().join("copy.db");
    let out = env.ok(&["db", "copy", src.to_str().unwrap(), dst.to_str().unwrap()]);
    assert!(out.contains("Đích là tệp SQLite mới, đã tạo."), "{out}");
    let history = env.counts().history;
    assert_eq!(rows(&out, "history") as i64, history);
    assert_eq!(rows(&out, "note"), 1);
    let sum = checksum_line(&out);
    assert_eq!(shown(&env, &dst), shown(&env, &src));

    // Copied again from the copy, the history has the same checksum.
    let again = env.dir.path().join("again.db");
    let out = env.ok(&[
        "--lang",
        "en",
        "db",
        "copy",
        dst.to_str().unwrap(),
        again.to_str().unwrap(),
    ]);
    assert!(out.contains("SHA-256 of the history"), "{out}");
    assert_eq!(checksum_line(&out), sum);

    // Into a database that holds rows: refused, nothing written.
    let before = shown(&env, &dst);
    let out = env.run(&["db", "copy", src.to_str().unwrap(), dst.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("không trống") && err.contains("giữ nguyên"),
        "{err}"
    );
    assert_eq!(shown(&env, &dst), before);
}

#[test]
fn db_copy_from_a_missing_file_creates_nothing() {
    let env = Env::new();
    let missing = env.dir.path().join("khong-co.db");
    let dst = env.dir.path().join("dst.db");
    let out = env.run(&[
        "db",
        "copy",
        missing.to_str().unwrap(),
        dst.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("không có tệp cơ sở dữ liệu"),
        "{}",
        stderr(&out)
    );
    assert!(!missing.exists() && !dst.exists());
}

#[test]
fn db_init_on_a_file_creates_it_and_says_so() {
    let env = Env::new();
    let out = env.ok(&["db", "init"]);
    assert!(out.contains("đã tạo, lược đồ mới nhất"), "{out}");
    assert!(env.db().exists());
    let out = env.ok(&["--lang", "en", "db", "init"]);
    assert!(out.contains("already there"), "{out}");
    // A fresh file holds the registry and no directive.
    assert_eq!(env.counts().directives, 0);
}

#[test]
fn an_unreachable_postgres_address_is_named_without_its_password() {
    let env = Env::new();
    let cwd = tempfile::tempdir().unwrap();
    let data = repo("data");
    let data = data.to_str().unwrap();
    // Nothing listens on port 1 of the loopback: refused at once, no DNS.
    let address = "postgres://lan:mat-khau@127.0.0.1:1/sauro";
    // Every command connects, fails on this unreachable server, and says
    // so naming the database without its password.
    for args in [
        vec![],
        vec!["import", data],
        vec!["list"],
        vec!["overdue"],
        vec!["done", "bcdtw-ctct-2026/01"],
        vec!["export", "all", "--format", "csv"],
    ] {
        let out = env
            .sauro()
            .env("SAURO_DB", address)
            .current_dir(cwd.path())
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("không mở được cơ sở dữ liệu postgres://127.0.0.1/sauro"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("mat-khau"), "{err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    // Nothing made: no folder named after the address, no database file.
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
    assert!(!env.db().exists());
}

#[test]
fn the_authority_file_named_in_the_address_or_pgsslrootcert_is_read_by_every_command() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let (in_address, in_env) = (
        dir.path().join("office-ca.pem"),
        dir.path().join("env-ca.pem"),
    );
    let base = "postgres://lan:mat-khau@127.0.0.1:1/sauro";
    let with_file = format!("{base}?sslrootcert={}", in_address.display());
    // Named in the address, it wins over PGSSLROOTCERT; named only there, the
    // environment's is read. Missing, it is named (not the password) before
    // any connection, by the commands, `db init` and `db copy` alike.
    for (address, named) in [(&with_file, &in_address), (&base.to_owned(), &in_env)] {
        for args in [
            vec!["list"],
            vec!["db", "init"],
            vec!["db", "copy", address, "copy.db"],
            vec!["list", "--lang", "en"],
        ] {
            let out = env
                .sauro()
                .env("SAURO_DB", address)
                .env("PGSSLROOTCERT", &in_env)
                .current_dir(dir.path())
                .args(&args)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr(&out);
            let said = if args.contains(&"en") {
                "the root certificate file"
            } else {
                "không có tệp chứng chỉ gốc"
            };
            assert!(
                err.contains(&format!("{said} {}", named.display())),
                "{args:?}: {err}"
            );
            assert!(!err.contains("mat-khau"), "{err}");
        }
    }
}

#[test]
fn commands_work_on_a_shared_postgresql_database() {
    let Some(server) =
        sauro_pg::testing::server_or_skip("commands_work_on_a_shared_postgresql_database")
    else {
        return;
    };
    let mut pg = server.fresh_database().unwrap();
    let env = with_changes();
    let src = env.db();
    env.ok(&["db", "copy", src.to_str().unwrap(), &pg.address()]);
    pg.user("lan", &[sauro_pg::roles::SECRETARY]).unwrap();
    let secretary = pg.user_address("lan");
    let login = format!("{}_lan", pg.name());
    let file = src.to_str().unwrap();

    // The same answers as the SQLite file it was copied from: every
    // command that reads, today and on a past day, with filters.
    for args in [
        vec!["list", "--format", "json"],
        vec!["list", "--search", "cong an", "--missing", "product"],
        vec!["list", "--lead", "BCA", "--status", "open", "--blocked"],
        vec!["list", "--no-lead", "--lang", "en"],
        vec!["overdue", "--format", "json"],
        vec!["--as-of", "2026-05-01", "overdue"],
        vec!["blocked"],
        vec!["due", "--within", "60"],
        vec!["check"],
        vec!["show", "bcdtw-ctct-2026/02", "--format", "json"],
        vec!["--as-of", "2026-04-01", "show", "bcdtw-ctct-2026/02"],
        vec!["stats"],
        vec!["export", "all", "--format", "csv"],
        vec!["letter", "overdue", "--lead", "BCA", "--format", "md"],
        vec!["briefing"],
        vec!["--lang", "en", "--as-of", "2026-03-02", "briefing"],
        vec!["graph"],
        vec!["calendar"],
    ] {
        // `check` exits 1 when a task lacks a clarity: the same on both.
        let on = |db: &str| {
            let mut all = vec!["--db", db];
            all.extend(&args);
            let out = env.run(&all);
            (out.status.code(), String::from_utf8(out.stdout).unwrap())
        };
        let (pg_said, file_said) = (on(&secretary), on(file));
        assert!(!pg_said.1.is_empty(), "{args:?}");
        assert_eq!(pg_said, file_said, "{args:?}");
    }

    // Changes are recorded by the database user, whatever --by says.
    env.ok(&[
        "--db",
        &secretary,
        "done",
        "bcdtw-ctct-2026/04",
        "--by",
        "Ai đó",
    ]);
    env.ok(&["--db", &secretary, "note", "bcdtw-ctct-2026/04", "Đã xong"]);
    let shown = env.ok(&[
        "--db",
        &secretary,
        "show",
        "bcdtw-ctct-2026/04",
        "--format",
        "json",
    ]);
    assert!(shown.contains(&format!("\"by\": \"{login}\"")), "{shown}");
    assert!(!shown.contains("Ai đó"), "{shown}");
    assert!(shown.contains("Đã xong"), "{shown}");
    // Done twice is refused as on SQLite, in the same words.
    let again = env.run(&["--db", &secretary, "done", "bcdtw-ctct-2026/04"]);
    assert_ne!(again.status.code(), Some(0));
    let local = env.run(&["done", "bcdtw-ctct-2026/01"]);
    assert!(
        stderr(&again).contains("đã hoàn thành"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&local).contains("đã hoàn thành"),
        "{}",
        stderr(&local)
    );
    // The task is done on PostgreSQL only.
    let list = env.ok(&["--db", &secretary, "list", "--format", "json"]);
    assert_ne!(list, env.ok(&["list", "--format", "json"]));
    // A secretary may not import: refused by the database, nothing written.
    let out = env.run(&["--db", &secretary, "import", repo("data").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(pg.name()), "{}", stderr(&out));
    assert_eq!(
        env.ok(&["--db", &secretary, "list", "--format", "json"]),
        list
    );
}

#[test]
fn an_office_sets_up_a_shared_database_and_imports_into_it() {
    let Some(server) = sauro_pg::testing::server_or_skip(
        "an_office_sets_up_a_shared_database_and_imports_into_it",
    ) else {
        return;
    };
    let mut pg = server.fresh_database().unwrap();
    let env = Env::new();
    // As README says: init as a superuser, one login per person.
    env.ok(&["--db", &pg.address(), "db", "init"]);
    pg.user("admin", &[sauro_pg::roles::ADMIN]).unwrap();
    pg.user("reader", &[sauro_pg::roles::READER]).unwrap();
    let admin = pg.user_address("admin");
    let data = repo("data");
    let data = data.to_str().unwrap();
    let out = env
        .sauro()
        .env("SAURO_DB", &admin)
        .args(["import", data])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The same tasks as a SQLite file with the same files imported.
    let file = env.dir.path().join("same.db");
    let file = file.to_str().unwrap();
    env.ok(&["--db", file, "import", data]);
    let list = |db: &str| env.ok(&["--db", db, "list", "--format", "json"]);
    assert_eq!(list(&pg.user_address("reader")), list(file));
    // A reader reads, and a change is refused naming the database.
    let out = env.run(&[
        "--db",
        &pg.user_address("reader"),
        "done",
        "bcdtw-ctct-2026/01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("chỉ được đọc"), "{}", stderr(&out));
}

#[test]
fn db_init_and_copy_both_ways_with_a_postgresql_server() {
    let Some(server) =
        sauro_pg::testing::server_or_skip("db_init_and_copy_both_ways_with_a_postgresql_server")
    else {
        return;
    };
    let pg = server.fresh_database().unwrap();
    let address = pg.address();
    let env = with_changes();

    let out = env.ok(&["--db", &address, "db", "init"]);
    assert!(
        out.contains(&format!(
            "lược đồ sauro phiên bản {} (trước đó: chưa có)",
            sauro_pg::LATEST
        )),
        "{out}"
    );
    assert!(out.contains("sauro_reader"), "{out}");
    assert!(!out.contains("sauro_test"), "{out}");
    let out = env.ok(&["--db", &address, "--lang", "en", "db", "init"]);
    assert!(out.contains("nothing changed"), "{out}");
    assert!(out.contains("Roles created: (none)"), "{out}");

    let src = env.db();
    let there = env.ok(&["db", "copy", src.to_str().unwrap(), &address]);
    let back_file = env.dir.path().join("back.db");
    let back = env.ok(&["db", "copy", &address, back_file.to_str().unwrap()]);
    assert_eq!(checksum_line(&back), checksum_line(&there));
    assert_eq!(rows(&back, "history"), rows(&there, "history"));
    assert_eq!(shown(&env, &back_file), shown(&env, &src));

    // Holding rows now, the PostgreSQL database refuses a second copy.
    let out = env.run(&["db", "copy", src.to_str().unwrap(), &address]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("không trống"), "{}", stderr(&out));
    // And the other commands read it.
    env.ok(&["--db", &address, "list"]);
}
