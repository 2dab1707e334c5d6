//! The record nobody can bend: the command line and the terminal UI refuse
//! the same changes with the same words; a change is dated by the day it is
//! recorded; edited files that move deadlines are listed; both notes show;
//! databases sauro did not create, read-only ones and damaged ones.

use crate::util::{Env, TODAY, fixture, refused, stderr, stdout};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sauro_core::Lang;
use sauro_store::Store;
use sauro_tui::{App, action_for};
use std::path::Path;

fn day(s: &str) -> NaiveDate {
    sauro_core::parse_iso_date(s).unwrap()
}

/// `sauro ARGS` on the day `today` (SAURO_TODAY stands for the clock).
fn on(env: &Env, today: &str, args: &[&str]) -> std::process::Output {
    env.sauro()
        .env("SAURO_TODAY", today)
        .args(args)
        .output()
        .unwrap()
}

fn ok_on(env: &Env, today: &str, args: &[&str]) -> String {
    let out = on(env, today, args);
    assert!(
        out.status.success(),
        "sauro {args:?} failed:\n{}",
        stderr(&out)
    );
    stdout(&out)
}

/// Types `script` into the UI: `\t` moves to the next field, `\n` submits,
/// `\x08` deletes; anything else is a key.
fn type_keys(app: &mut App, script: &str) {
    for c in script.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            '\x08' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        if let Some(action) = action_for(app.mode(), KeyEvent::new(code, modifiers)) {
            app.update(action).unwrap();
        }
    }
}

/// The refusal the terminal UI shows in its form for `script` typed on the
/// task `id`, the UI showing `as_of` on the day TODAY.
fn tui_refusal(env: &Env, lang: Lang, as_of: &str, id: &str, script: &str) -> String {
    let store = Store::open(&env.db()).unwrap();
    let mut app = App::new(store, day(as_of), lang).unwrap();
    app.set_today(day(TODAY));
    app.set_actor("thu-ky".into(), || "2026-11-22T09:00:00+07:00".to_owned());
    type_keys(&mut app, "g");
    for _ in 0..app.visible_len() {
        if app.selected_id() == Some(id) {
            break;
        }
        type_keys(&mut app, "j");
    }
    assert_eq!(app.selected_id(), Some(id));
    type_keys(&mut app, script);
    let form = app.form().expect("a refused form stays open");
    form.error.clone().expect("the form says why")
}

/// The command line's refusal, without the `sauro: ` prefix.
fn cli_refusal(env: &Env, args: &[&str]) -> String {
    let err = refused(&env.run(args), &[]);
    err.trim_end().strip_prefix("sauro: ").unwrap().to_owned()
}

/// Ten backspaces: clear the done form's day.
const CLEAR: &str = "\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08";

#[test]
fn the_command_line_and_the_ui_refuse_the_same_changes_with_the_same_words() {
    let env = Env::with_clear();
    let before = env.counts();
    let id = "CLR-2026/03";
    let cases: [(&[&str], &str, &str, &str); 7] = [
        (
            &[
                "extend",
                id,
                "--to",
                "31/12/2026",
                "--by",
                "TTG",
                "--basis",
                " ",
                "--reason",
                "",
            ],
            TODAY,
            "e31/12/2026\tTTG\t \t\n",
            "văn bản căn cứ và lý do",
        ),
        (
            &[
                "extend",
                id,
                "--to",
                "01/11/2026",
                "--by",
                "TTG",
                "--basis",
                "12/VPCP",
                "--reason",
                "chậm",
            ],
            TODAY,
            "e01/11/2026\tTTG\t12/VPCP\tchậm\n",
            "đã qua",
        ),
        (
            &[
                "extend",
                id,
                "--to",
                "thường xuyên",
                "--by",
                "TTG",
                "--basis",
                "12/VPCP",
                "--reason",
                "chậm",
            ],
            TODAY,
            "ethường xuyên\tTTG\t12/VPCP\tchậm\n",
            "không phải là một ngày cụ thể",
        ),
        (
            &["cancel", id, "--by", "  ", "--reason", " "],
            TODAY,
            "X  \t \n",
            "cơ quan quyết định và lý do",
        ),
        (
            &["done", id, "--on", "2026-01-14"],
            TODAY,
            &format!("x{CLEAR}14/01/2026\n"),
            "trước ngày ban hành",
        ),
        (
            &["done", id, "--on", "0000-01-01"],
            TODAY,
            &format!("x{CLEAR}0000-01-01\n"),
            "trước ngày ban hành",
        ),
        (
            &["note", id, "họp ngày 20/11", "--as-of", "2026-11-20"],
            "2026-11-20",
            "nhọp ngày 20/11\n",
            "ngày ghi nhận",
        ),
    ];
    for (args, as_of, script, needle) in cases {
        for lang in [Lang::Vi, Lang::En] {
            let mut cli_args = args.to_vec();
            if lang == Lang::En {
                cli_args.extend(["--lang", "en"]);
            }
            let cli = cli_refusal(&env, &cli_args);
            let tui = tui_refusal(&env, lang, as_of, id, script);
            assert_eq!(cli, tui, "{args:?} in {lang:?}");
            if lang == Lang::Vi {
                assert!(cli.contains(needle), "{args:?}: {cli}");
            }
        }
    }
    assert_eq!(env.counts(), before, "nothing was recorded");
}

#[test]
fn a_change_recorded_late_shows_in_the_week_it_was_recorded() {
    let env = Env::new();
    let clear = fixture("clear.toml");
    ok_on(&env, "2026-11-16", &["import", clear.to_str().unwrap()]);
    let week_47 = ["briefing", "--week", "2026-W47"];
    // The day a briefing is prepared is its own line; the rest must not move.
    let body = |md: String| -> String {
        md.lines()
            .filter(|l| !l.starts_with("- Ngày lập:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let sent = body(ok_on(&env, "2026-11-22", &week_47));

    // A past as-of day cannot record a change: it would rewrite week 47.
    let before = env.counts();
    let out = on(
        &env,
        "2026-11-25",
        &["done", "CLR-2026/03", "--as-of", "2026-11-20"],
    );
    refused(&out, &["ngày ghi nhận", "20/11/2026", "done --on"]);
    assert_eq!(env.counts(), before);

    // Recorded on 25/11, effective on 20/11.
    ok_on(
        &env,
        "2026-11-25",
        &["done", "CLR-2026/03", "--on", "2026-11-20"],
    );
    let h = crate::util::last_history(&env.show("CLR-2026/03")).clone();
    assert_eq!(h["day"], "2026-11-25");
    assert!(h["new"].as_str().unwrap().contains("2026-11-20"), "{h}");

    // Week 47, already sent, reads the same whenever asked again.
    assert_eq!(body(ok_on(&env, "2026-11-25", &week_47)), sent);
    assert_eq!(body(ok_on(&env, "2026-12-31", &week_47)), sent);
    // Week 48 lists it as completed, recorded late, with its effective day.
    let week_48 = ok_on(&env, "2026-11-29", &["briefing", "--week", "2026-W48"]);
    let completed = week_48
        .split("\n## ")
        .find(|s| s.starts_with("2."))
        .unwrap();
    assert!(completed.contains("CLR-2026/03"), "{completed}");
    assert!(
        completed.contains("20/11/2026 (ghi nhận muộn)"),
        "{completed}"
    );
}

#[test]
fn re_importing_a_moved_deadline_is_listed_among_the_changes() {
    let env = Env::new();
    let clear = fixture("clear.toml");
    ok_on(&env, "2026-11-16", &["import", clear.to_str().unwrap()]);
    // CLR-2026/02 is overdue (due 30/06/2026) until the edited file moves it.
    assert!(env.ids(&["overdue"]).contains(&"CLR-2026/02".to_owned()));
    let edited = env.dir.path().join("clear.toml");
    let text = std::fs::read_to_string(&clear)
        .unwrap()
        .replace("trước ngày 30/6/2026", "trước ngày 31/12/2026");
    std::fs::write(&edited, text).unwrap();
    ok_on(&env, "2026-11-18", &["import", edited.to_str().unwrap()]);
    assert!(!env.ids(&["overdue"]).contains(&"CLR-2026/02".to_owned()));

    let md = ok_on(&env, "2026-11-22", &["briefing", "--week", "2026-W47"]);
    let changes = md.split("\n## ").find(|s| s.starts_with("6.")).unwrap();
    let line = changes
        .lines()
        .find(|l| l.contains("CLR-2026/02"))
        .unwrap_or_else(|| panic!("not listed:\n{changes}"));
    for needle in [
        "18/11/2026",
        "trước ngày 30/6/2026",
        "trước ngày 31/12/2026",
        "sửa trong tệp văn bản",
        "clear.toml",
    ] {
        assert!(line.contains(needle), "{needle:?} not in {line}");
    }
}

#[test]
fn a_note_added_in_sauro_leaves_the_file_note_in_view() {
    let env = Env::with_data();
    let id = "qd-2629-2025/01";
    let file_note = "Không nêu thời hạn, sản phẩm.";
    env.ok(&["note", id, "Đã nhắc Bộ Khoa học và Công nghệ"]);
    let text = env.ok(&["show", id]);
    let notes = text.split("Ghi chú:").nth(1).unwrap();
    assert!(notes.contains(file_note), "{text}");
    assert!(notes.contains("Đã nhắc Bộ Khoa học và Công nghệ"), "{text}");
    let json = env.show(id);
    let note = json["note"].as_str().unwrap();
    assert!(note.contains(file_note), "{note}");
    assert!(note.contains("Đã nhắc Bộ Khoa học và Công nghệ"), "{note}");
    // The UI's detail shows both too.
    let store = Store::open(&env.db()).unwrap();
    let app = App::new(store, day(TODAY), Lang::Vi).unwrap();
    let row = app.item(id).unwrap();
    assert_eq!(row.file_note.as_deref(), Some(file_note));
    assert!(row.task.note.as_deref().unwrap().contains(file_note));
}

/// The names of the files in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn a_database_sauro_did_not_create_is_never_changed() {
    let make: [(&str, &str); 3] = [
        (
            "other-app.db",
            "PRAGMA application_id = 1234; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        ),
        (
            "clashing.db",
            "CREATE TABLE task (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO task VALUES (1, 'a');",
        ),
        (
            "versioned.db",
            "PRAGMA user_version = 1; CREATE TABLE history (id, note);",
        ),
    ];
    for (name, sql) in make {
        let env = Env::new();
        let path = env.dir.path().join(name);
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let files = names(env.dir.path());
        let db = path.to_str().unwrap();
        let clear = fixture("clear.toml");
        for args in [
            vec!["--db", db, "list"],
            vec!["--db", db, "note", "CLR-2026/01", "x"],
            vec!["--db", db, "import", clear.to_str().unwrap()],
            vec!["--db", db, "--lang", "en", "overdue"],
        ] {
            let err = refused(&env.run(&args), &[name]);
            let en = args.contains(&"en");
            let words = if en {
                "is not a sauro database"
            } else {
                "không phải là cơ sở dữ liệu của sauro"
            };
            assert!(err.contains(words), "{args:?}: {err}");
            assert_eq!(
                std::fs::read(&path).unwrap(),
                bytes,
                "{args:?} changed {name}"
            );
            assert_eq!(names(env.dir.path()), files, "{args:?} left files");
        }
    }
}

/// Runs `sauro ARGS` as a user who cannot write the database or its folder:
/// `nobody` when the tests run as root (root writes anything), else the
/// caller with the file and folder made read-only.
fn run_read_only(env: &Env, args: &[&str]) -> std::process::Output {
    let mut cmd = env.sauro();
    cmd.args(args);
    if is_root() {
        cmd.env("HOME", "/nonexistent");
        let mut wrapped = std::process::Command::new("setpriv");
        wrapped
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(cmd.get_program())
            .args(cmd.get_args())
            .env_clear()
            .envs(
                cmd.get_envs()
                    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
            )
            .current_dir(crate::util::repo(""));
        return wrapped.output().unwrap();
    }
    cmd.output().unwrap()
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_database_is_read_and_never_written() {
    let env = Env::with_clear();
    let db = env.db();
    let bytes = std::fs::read(&db).unwrap();
    // Readable by all, writable by none but its owner (not the reader below).
    set_mode(&db, 0o444);
    set_mode(env.dir.path(), 0o555);
    let list = run_read_only(&env, &["list", "--format", "json"]);
    let list_err = stderr(&list);
    let show = run_read_only(&env, &["show", "CLR-2026/02"]);
    let overdue = run_read_only(&env, &["overdue"]);
    let note = run_read_only(&env, &["note", "CLR-2026/02", "x"]);
    set_mode(env.dir.path(), 0o755);
    set_mode(&db, 0o644);
    assert!(list.status.success(), "{list_err}");
    let tasks: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(tasks.as_array().unwrap().len(), 3);
    assert!(show.status.success(), "{}", stderr(&show));
    assert!(stdout(&show).contains("CLR-2026/02"));
    assert!(overdue.status.success(), "{}", stderr(&overdue));
    assert!(stdout(&overdue).contains("CLR-2026/02"));
    refused(&note, &["chỉ đọc được", "db.sqlite"]);
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    assert_eq!(names(env.dir.path()), ["db.sqlite"]);
}

#[test]
fn a_damaged_database_is_refused_for_writes_too() {
    // A value of a type sauro never writes (a hand-edited file).
    let env = Env::with_clear();
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute(
            "UPDATE task SET extended = 'x' WHERE id = 'CLR-2026/02'",
            [],
        )
        .unwrap();
    let bytes = std::fs::read(env.db()).unwrap();
    let err = refused(
        &env.run(&["note", "CLR-2026/03", "x"]),
        &["db.sqlite", "bị hỏng"],
    );
    assert!(err.contains("extended"), "{err}");
    let err = refused(
        &env.run(&["list"]),
        &["db.sqlite", "không đọc được cơ sở dữ liệu"],
    );
    let en = refused(
        &env.run(&["--lang", "en", "list"]),
        &["db.sqlite", "cannot read"],
    );
    for e in [&err, &en] {
        assert!(!e.contains("Conversion error"), "{e}");
        assert!(!e.contains("Text at index"), "{e}");
        assert!(!e.contains("{ "), "a debug struct: {e}");
    }
    assert_eq!(std::fs::read(env.db()).unwrap(), bytes);

    // Damaged pages: every byte of one page overwritten.
    let env = Env::with_clear();
    let mut bytes = std::fs::read(env.db()).unwrap();
    let page = 4096;
    assert!(bytes.len() >= 4 * page, "{} bytes", bytes.len());
    for b in &mut bytes[2 * page..3 * page] {
        *b = 0xA5;
    }
    std::fs::write(env.db(), &bytes).unwrap();
    let err = refused(&env.run(&["note", "CLR-2026/03", "x"]), &["db.sqlite"]);
    assert!(err.contains("hỏng"), "{err}");
    assert_eq!(std::fs::read(env.db()).unwrap(), bytes);
}
