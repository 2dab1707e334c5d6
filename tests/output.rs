//! What the output looks like: the JSON shape of every list-like command,
//! `--as-of`, `--lang`, and tables aligned by display width.

use crate::util::{Env, STATUSES, TASK_KEYS, find, fixture};
use serde_json::Value;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Every required key, with a value of the right kind.
fn check_task_object(t: &Value) {
    let o = t
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {t}"));
    for k in TASK_KEYS {
        assert!(o.contains_key(k), "lacks {k}: {t}");
    }
    for k in ["id", "directive", "title", "status"] {
        assert!(t[k].is_string(), "{k}: {t}");
    }
    for k in [
        "lead",
        "responsible",
        "product",
        "authority",
        "deadline_text",
        "done_on",
    ] {
        assert!(t[k].is_string() || t[k].is_null(), "{k}: {t}");
    }
    for k in ["support", "blocked_by", "missing"] {
        assert!(t[k].is_array(), "{k}: {t}");
    }
    for k in ["due_soon", "blocked", "extended"] {
        assert!(t[k].is_boolean(), "{k}: {t}");
    }
    match &t["deadline"] {
        Value::Null => {}
        Value::String(s) => assert!(is_iso_date(s), "deadline {s}"),
        other => panic!("deadline {other}"),
    }
    if let Some(d) = t["done_on"].as_str() {
        assert!(is_iso_date(d), "done_on {d}");
    }
    let status = t["status"].as_str().unwrap();
    assert!(STATUSES.contains(&status), "status {status}");
    // days_overdue is a number exactly when the task is overdue.
    assert_eq!(
        t["days_overdue"].as_i64().is_some_and(|n| n > 0),
        status == "overdue",
        "{t}"
    );
    assert_eq!(t["done_on"].is_string(), status.starts_with("done"), "{t}");
    assert_eq!(
        t["blocked"].as_bool().unwrap(),
        !t["blocked_by"].as_array().unwrap().is_empty(),
        "{t}"
    );
    if status == "ongoing" {
        assert!(t["deadline"].is_null(), "{t}");
    }
}

#[test]
fn every_list_like_command_gives_the_json_shape() {
    let env = Env::with_data();
    for args in [
        vec!["list"],
        vec!["overdue"],
        vec!["blocked"],
        vec!["due", "--within", "60"],
        vec!["list", "--lead", "BCA"],
    ] {
        let tasks = env.tasks(&args);
        assert!(!tasks.is_empty(), "{args:?}");
        for t in &tasks {
            check_task_object(t);
        }
    }
    let all = env.tasks(&["list"]);
    for s in STATUSES
        .iter()
        .filter(|s| **s != "done_on_time" && **s != "cancelled")
    {
        assert!(all.iter().any(|t| t["status"] == *s), "no {s} in data/");
    }

    // show: the task's own keys, and those of its neighbours.
    let show = env.show("bcdtw-ctct-2026/03");
    check_task_object(&show);
    for k in ["prerequisites", "dependents"] {
        for t in show[k].as_array().unwrap() {
            check_task_object(t);
        }
    }
    // An empty result is an empty array, not nothing.
    assert_eq!(
        env.json(&["list", "--search", "không có nhiệm vụ này"]),
        serde_json::json!([])
    );
}

#[test]
fn the_json_covers_done_cancelled_and_extended_tasks() {
    let env = Env::with_data();
    env.ok(&["done", "bcdtw-ctct-2026/01", "--on", "2026-02-25"]);
    env.ok(&[
        "cancel",
        "bcdtw-ctct-2026/04",
        "--by",
        "BCDTW",
        "--reason",
        "r",
    ]);
    env.ok(&[
        "extend",
        "bcdtw-ctct-2026/03",
        "--to",
        "31/12/2026",
        "--by",
        "TTG",
        "--basis",
        "b",
        "--reason",
        "r",
    ]);
    let all = env.tasks(&["list"]);
    for t in &all {
        check_task_object(t);
    }
    assert_eq!(find(&all, "bcdtw-ctct-2026/01")["status"], "done_on_time");
    assert_eq!(find(&all, "bcdtw-ctct-2026/04")["status"], "cancelled");
    let t = find(&all, "bcdtw-ctct-2026/03");
    assert_eq!(t["extended"], true);
    assert_eq!(t["deadline"], "2026-12-31");
    assert_eq!(t["deadline_text"], "31/12/2026");
}

#[test]
fn as_of_a_past_day_shows_a_task_done_later_as_unfinished() {
    // CLR-2026/01: due 31/03/2026, done 10/05/2026. CLR-2026/02 needs it.
    let env = Env::with_clear();
    let now = env.tasks(&["list"]);
    assert_eq!(find(&now, "CLR-2026/01")["status"], "done_late");
    assert_eq!(find(&now, "CLR-2026/01")["done_on"], "2026-05-10");
    assert_eq!(find(&now, "CLR-2026/02")["blocked"], false);

    let t = env.show_as_of("CLR-2026/01", "2026-04-15");
    assert_eq!(t["status"], "overdue");
    assert_eq!(t["days_overdue"], 15);
    assert!(t["done_on"].is_null());
    let t = env.show_as_of("CLR-2026/02", "2026-04-15");
    assert_eq!(t["status"], "open");
    assert_eq!(t["blocked"], true);
    assert_eq!(t["blocked_by"], serde_json::json!(["CLR-2026/01"]));
    assert_eq!(
        env.ids(&["overdue", "--as-of", "2026-04-15"]),
        ["CLR-2026/01"]
    );
    assert_eq!(
        env.ids(&["blocked", "--as-of", "2026-04-15"]),
        ["CLR-2026/02"]
    );

    // On the deadline day: still open, due soon.
    let t = env.show_as_of("CLR-2026/01", "2026-03-31");
    assert_eq!(t["status"], "open");
    assert_eq!(t["due_soon"], true);
    // On the day it was done: done, late.
    assert_eq!(
        env.show_as_of("CLR-2026/01", "2026-05-10")["status"],
        "done_late"
    );

    // SAURO_TODAY says the same as --as-of, and --as-of wins over it.
    let via_env = env
        .sauro()
        .env("SAURO_TODAY", "2026-04-15")
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let via_env: Value = serde_json::from_slice(&via_env.stdout).unwrap();
    assert_eq!(via_env, env.json(&["list", "--as-of", "2026-04-15"]));
    let out = env.ok(&["--as-of", "2026-04-15", "list"]);
    assert!(out.starts_with("Tính đến ngày 15/04/2026"), "{out}");
    assert!(out.contains("CLR-2026/01  Quá hạn 15 ngày"), "{out}");
    let stats = env.json(&["stats", "--as-of", "2026-04-15"]);
    let bca = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["agency"] == "BCA")
        .unwrap();
    assert_eq!(
        (bca["overdue"].as_i64(), bca["done_late"].as_i64()),
        (Some(1), Some(0))
    );
}

#[test]
fn labels_are_vietnamese_by_default_and_english_on_request() {
    let env = Env::with_data();
    let vi = env.ok(&["list", "--lead", "BCA"]);
    for w in [
        "Tính đến ngày 22/11/2026",
        "Mã",
        "Trạng thái",
        "Thời hạn",
        "Chủ trì",
        "Nhiệm vụ",
        "Quá hạn 267 ngày",
    ] {
        assert!(vi.contains(w), "lacks {w:?}:\n{vi}");
    }
    let en = env.ok(&["--lang", "en", "list", "--lead", "BCA"]);
    for w in [
        "As of 22/11/2026",
        "ID",
        "Status",
        "Deadline",
        "Lead",
        "Task",
        "267 days overdue",
    ] {
        assert!(en.contains(w), "lacks {w:?}:\n{en}");
    }
    for w in ["Tính đến", "Trạng thái", "Quá hạn", "ngày"] {
        assert!(!en.contains(w), "Vietnamese {w:?} in English output:\n{en}");
    }
    let show = env.ok(&["show", "bcdtw-ctct-2026/03", "--lang", "en"]);
    for w in [
        "Six clarities (5/6)",
        "Prerequisites",
        "Blocking chain",
        "History",
        "as written",
    ] {
        assert!(show.contains(w), "lacks {w:?}:\n{show}");
    }
    assert!(!show.contains("Sáu rõ"), "{show}");
    let stats = env.ok(&["stats", "--lang", "en"]);
    assert!(
        stats.contains("Lead agency") && stats.contains("Total"),
        "{stats}"
    );
    // SAURO_LANG does the same.
    let out = env
        .sauro()
        .env("SAURO_LANG", "en")
        .arg("overdue")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("As of 22/11/2026")
    );
    // JSON does not depend on the language.
    assert_eq!(env.json(&["list", "--lang", "en"]), env.json(&["list"]));
}

/// Splits a table into lines and the display-column spans of its columns,
/// read from the rule line under the header.
fn spans(table: &str) -> (Vec<&str>, Vec<(usize, usize)>) {
    let lines: Vec<&str> = table.lines().collect();
    let rule = lines
        .iter()
        .position(|l| l.starts_with('─'))
        .unwrap_or_else(|| panic!("no rule line:\n{table}"));
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in lines[rule].chars().enumerate() {
        match (c, start) {
            ('─', None) => start = Some(i),
            (' ', Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, lines[rule].chars().count()));
    }
    let end = lines[rule..]
        .iter()
        .position(|l| l.is_empty())
        .map_or(lines.len(), |n| rule + n);
    (lines[rule - 1..end].to_vec(), spans)
}

/// The text of a line between two display columns; `None` when a wide
/// character straddles a boundary.
fn cut(line: &str, from: usize, to: usize) -> Option<String> {
    let mut col = 0;
    let mut out = String::new();
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if col >= from && col + w <= to {
            out.push(c);
        } else if col < from && col + w > from || col < to && col + w > to {
            return None;
        }
        col += w;
    }
    Some(out)
}

/// Cuts each line into its cells; the two-space gaps between columns must
/// be blank on every line.
pub(crate) fn cells(table: &str) -> Vec<Vec<String>> {
    let (lines, spans) = spans(table);
    lines
        .iter()
        .filter(|l| !l.starts_with('─'))
        .map(|l| {
            spans
                .iter()
                .enumerate()
                .map(|(i, &(from, to))| {
                    if i > 0 {
                        let gap = cut(l, spans[i - 1].1, from)
                            .unwrap_or_else(|| panic!("a character straddles a gap: {l}"));
                        assert!(
                            gap.chars().all(|c| c == ' '),
                            "column {i} does not start at display column {from}:\n{l}\n{table}"
                        );
                    }
                    let to = if i + 1 == spans.len() { usize::MAX } else { to };
                    cut(l, from, to)
                        .unwrap_or_else(|| panic!("misaligned: {l}"))
                        .trim()
                        .to_owned()
                })
                .collect()
        })
        .collect()
}

fn dmy(iso: &str) -> String {
    format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4])
}

#[test]
fn vietnamese_tables_align_by_display_width() {
    let env = Env::with_data();
    let table = env.ok(&["list"]);
    let rows = cells(&table);
    assert_eq!(
        rows[0],
        [
            "Mã",
            "Trạng thái",
            "Thời hạn",
            "Chủ trì",
            "6 rõ",
            "Nhiệm vụ"
        ]
    );
    let tasks = env.tasks(&["list"]);
    assert_eq!(rows.len() - 1, tasks.len());
    for (row, t) in rows[1..].iter().zip(&tasks) {
        assert_eq!(row[0], t["id"].as_str().unwrap());
        match t["deadline"].as_str() {
            Some(d) => assert_eq!(row[2], dmy(d)),
            None => assert_eq!(
                row[2],
                t["deadline_text"].as_str().unwrap_or("—"),
                "{row:?}"
            ),
        }
        assert_eq!(row[3], t["lead"].as_str().unwrap_or("(chưa rõ chủ trì)"));
        let clear = 6 - t["missing"].as_array().unwrap().len();
        assert_eq!(row[4], format!("{clear}/6"));
        assert_eq!(row[5], t["title"].as_str().unwrap());
    }

    // Numbers right-aligned, agency names with diacritics.
    let table = env.ok(&["overdue"]);
    let rows = cells(&table);
    assert_eq!(rows[0][1], "Quá hạn");
    let overdue = env.tasks(&["overdue"]);
    for (row, t) in rows[1..].iter().zip(&overdue) {
        assert_eq!(row[1], t["days_overdue"].to_string());
        assert_eq!(row[4], t["title"].as_str().unwrap());
    }
    let table = env.ok(&["stats"]);
    let rows = cells(&table);
    assert_eq!(rows[0][0], "Cơ quan chủ trì");
    assert!(
        rows.iter()
            .any(|r| r[0] == "BCA Bộ Công an" && r[1] == "5" && r[5] == "4")
    );
    assert_eq!(rows.last().unwrap()[1], "70");

    let table = env.ok(&["blocked"]);
    let rows = cells(&table);
    assert_eq!(rows[0][2], "Bị chặn bởi");
    assert!(
        rows.iter()
            .any(|r| r[0] == "bcdtw-ctct-2026/02" && r[2] == "bcdtw-ctct-2026/01")
    );
}

#[test]
fn decomposed_vietnamese_aligns_and_is_found_too() {
    let env = Env::new();
    env.ok(&["import", fixture("decomposed.toml").to_str().unwrap()]);
    let tasks = env.tasks(&["list"]);
    let ongoing = find(&tasks, "NFD-2026/03");
    let written = ongoing["deadline_text"].as_str().unwrap();
    // The fixture really is decomposed: "hằng năm" with combining marks.
    assert!(
        written.chars().count() > "hằng năm".chars().count(),
        "{written}"
    );

    let rows = cells(&env.ok(&["list"]));
    assert_eq!(rows.len() - 1, tasks.len());
    for (row, t) in rows[1..].iter().zip(&tasks) {
        assert_eq!(row[0], t["id"].as_str().unwrap());
        if t["id"] == "NFD-2026/03" {
            assert_eq!(row[1], "Thường xuyên");
            assert_eq!(row[2], written);
        }
        assert_eq!(row[3], "UBND_HN");
        assert_eq!(row[5], t["title"].as_str().unwrap());
    }
    let rows = cells(&env.ok(&["stats"]));
    assert!(rows[1][0].starts_with("UBND_HN "), "{rows:?}");
    assert_eq!(rows[1][1], "3");
    let check = env.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let rows = cells(&crate::util::stdout(&check));
    assert_eq!(rows[1][0], "NFD-2026/03");
    assert_eq!(rows[1][1], "rõ sản phẩm, rõ thời hạn");

    // Typed precomposed, with or without marks, it is found.
    for q in ["định danh", "dinh danh", "ĐỊNH DANH"] {
        assert_eq!(env.ids(&["list", "--search", q]), ["NFD-2026/01"], "{q}");
    }
    assert_eq!(env.ids(&["list", "--search", "dat dai"]), ["NFD-2026/02"]);
}

#[test]
fn tables_fit_the_width_given_by_columns() {
    let env = Env::new();
    env.ok(&["import", fixture("decomposed.toml").to_str().unwrap()]);
    let out = env
        .sauro()
        .env("COLUMNS", "80")
        .arg("list")
        .output()
        .unwrap();
    let text = crate::util::stdout(&out);
    let table: String = text.lines().skip(2).map(|l| format!("{l}\n")).collect();
    for l in table.lines() {
        assert!(UnicodeWidthStr::width(l) <= 80, "wider than 80: {l}");
    }
    let rows = cells(&table);
    let tasks = env.tasks(&["list"]);
    let mut cut = 0;
    for (row, t) in rows[1..].iter().zip(&tasks) {
        let title = t["title"].as_str().unwrap();
        match row[5].strip_suffix('…') {
            Some(prefix) => {
                cut += 1;
                assert!(title.starts_with(prefix), "{prefix:?} / {title:?}");
            }
            None => assert_eq!(row[5], title),
        }
    }
    assert!(cut > 0, "no title was shortened:\n{text}");
    // Piped without COLUMNS: whole lines.
    assert!(!env.ok(&["list"]).contains('…'));
}

#[test]
fn at_80_columns_the_title_keeps_room_and_ids_keep_their_end() {
    let env = Env::with_data();
    for command in ["list", "overdue", "blocked"] {
        let out = env
            .sauro()
            .env("COLUMNS", "80")
            .arg(command)
            .output()
            .unwrap();
        let text = crate::util::stdout(&out);
        let table: String = text.lines().skip(2).map(|l| format!("{l}\n")).collect();
        for l in table.lines() {
            assert!(
                UnicodeWidthStr::width(l) <= 80,
                "{command}: wider than 80: {l}"
            );
        }
        let rows = cells(&table);
        let last = rows[0].len() - 1;
        let title_w = UnicodeWidthStr::width(rows[2][last].as_str());
        assert!(
            title_w >= 20,
            "{command}: a title of {title_w} columns:\n{text}"
        );
        // Long ids are cut at the front: their number stays.
        assert!(rows[2][0].starts_with('…'), "{command}: {:?}", rows[2]);
        assert!(rows[2][0].contains('/'), "{command}: {:?}", rows[2]);
    }
}
