//! `--by` (`--user` on `cancel` and `extend`) given on a shared PostgreSQL
//! database: the change is recorded as the database user, and a warning
//! on stderr says so, in the user's language. Uses the throwaway server of
//! `sauro_pg::testing` (or `SAURO_TEST_POSTGRES`), and says on stderr that
//! it was skipped when there is none.

use crate::util::{Env, stderr};

#[test]
fn by_given_on_postgresql_is_said_to_be_ignored() {
    let Some(server) =
        sauro_pg::testing::server_or_skip("by_given_on_postgresql_is_said_to_be_ignored")
    else {
        return;
    };
    let mut pg = server.fresh_database().unwrap();
    let env = Env::with_data();
    let src = env.db();
    env.ok(&["db", "copy", src.to_str().unwrap(), &pg.address()]);
    pg.user("lan", &[sauro_pg::roles::SECRETARY]).unwrap();
    let secretary = pg.user_address("lan");
    let warning_vi = "cảnh báo: tên người ghi nhận (--by, --user) không dùng được";
    let warning_en = "warning: the name given (--by, --user) does not apply";

    let out = env.run(&[
        "--db",
        &secretary,
        "note",
        "bcdtw-ctct-2026/04",
        "x",
        "--by",
        "Ai đó",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(warning_vi), "{}", stderr(&out));
    let out = env.run(&[
        "--lang",
        "en",
        "--db",
        &secretary,
        "note",
        "bcdtw-ctct-2026/04",
        "y",
        "--by",
        "Ai đó",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(warning_en), "{}", stderr(&out));
    // Without --by, or on a SQLite file, nothing is said.
    let out = env.run(&["--db", &secretary, "note", "bcdtw-ctct-2026/04", "z"]);
    assert!(!stderr(&out).contains("cảnh báo"), "{}", stderr(&out));
    let out = env.run(&["note", "bcdtw-ctct-2026/04", "z", "--by", "Ai đó"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("cảnh báo"), "{}", stderr(&out));
}
