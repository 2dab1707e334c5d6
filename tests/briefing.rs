//! `sauro briefing`: tasks changed across weeks 45–47 of 2026, each change
//! recorded on its own day (`SAURO_TODAY`); the briefing of week 46 matches the
//! state of that week, and asking for it again after later changes gives the
//! same document.

use crate::util::{Env, fixture, refused};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::BTreeMap;

const WEEK_46: [&str; 2] = ["--week", "2026-W46"];

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_owned()
}

/// `sauro ARGS` run on the day DAY (`SAURO_TODAY`: changes are recorded
/// that day, and status computed for it).
fn on(env: &Env, day: &str, args: &[&str]) -> String {
    let out = env
        .sauro()
        .env("SAURO_TODAY", day)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sauro {args:?} on {day} failed:\n{}",
        crate::util::stderr(&out)
    );
    crate::util::stdout(&out)
}

fn briefing_html(env: &Env, day: &str, period: &[&str]) -> String {
    let mut args = vec!["briefing", "--format", "html"];
    args.extend_from_slice(period);
    on(env, day, &args)
}

/// The summary of a briefing: status code → (start, end).
fn summary(html: &str) -> BTreeMap<String, (usize, usize)> {
    let doc = Html::parse_document(html);
    doc.select(&sel("section#summary tbody tr"))
        .map(|tr| {
            let key = tr.value().attr("data-key").unwrap().to_owned();
            let cells: Vec<String> = tr.select(&sel("td")).map(text).collect();
            (key, (cells[1].parse().unwrap(), cells[2].parse().unwrap()))
        })
        .collect()
}

/// The `data-key`s of a section's rows, table by table.
fn keys(html: &str, section: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(html);
    doc.select(&sel(&format!("section#{section} table")))
        .map(|t| {
            t.select(&sel("tbody tr"))
                .map(|r| r.value().attr("data-key").unwrap().to_owned())
                .collect()
        })
        .collect()
}

/// The cells of the row `data-key=KEY` in a section.
fn row(html: &str, section: &str, key: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let s = sel(&format!("section#{section} tr[data-key=\"{key}\"]"));
    let tr = doc
        .select(&s)
        .next()
        .unwrap_or_else(|| panic!("no row {key} in {section}:\n{html}"));
    tr.select(&sel("td")).map(text).collect()
}

/// Status code → count, of `sauro list --as-of DAY --format json`.
fn list_counts(env: &Env, day: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for t in env.tasks(&["list", "--as-of", day]) {
        *out.entry(t["status"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    out
}

fn side(summary: &BTreeMap<String, (usize, usize)>, end: bool) -> BTreeMap<String, usize> {
    summary
        .iter()
        .filter(|(k, _)| *k != "total")
        .map(|(k, (s, e))| (k.clone(), if end { *e } else { *s }))
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn status_of(tasks: &[Value], id: &str) -> String {
    crate::util::find(tasks, id)["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Imported on Monday of week 45, changed in weeks 45 and 46, as the
/// lead's office would have recorded them. Returns the state lists of the
/// ends of weeks 45 and 46, read on those days.
fn weeks_45_and_46(env: &Env) -> (BTreeMap<String, usize>, BTreeMap<String, usize>) {
    on(
        env,
        "2026-11-02",
        &["import", fixture("weeks.toml").to_str().unwrap()],
    );
    on(env, "2026-11-03", &["done", "GB-2026/01"]);
    let end_45 = list_counts(env, "2026-11-08");
    on(
        env,
        "2026-11-10",
        &[
            "extend",
            "GB-2026/02",
            "--to",
            "30/11/2026",
            "--by",
            "TTG",
            "--basis",
            "8123/VPCP-KSTT",
            "--reason",
            "Chờ ý kiến Bộ Tư pháp",
        ],
    );
    on(env, "2026-11-13", &["done", "GB-2026/07"]);
    let end_46 = list_counts(env, "2026-11-15");
    (end_45, end_46)
}

/// Week 47: the overdue task is done late, one is withdrawn, one reopened,
/// another extended, and one recorded as done on a day of week 46.
fn week_47(env: &Env) {
    on(env, "2026-11-17", &["done", "GB-2026/03"]);
    on(
        env,
        "2026-11-18",
        &[
            "cancel",
            "GB-2026/05",
            "--by",
            "TTG",
            "--reason",
            "Rút khỏi chương trình",
        ],
    );
    on(env, "2026-11-19", &["reopen", "GB-2026/01"]);
    on(
        env,
        "2026-11-19",
        &[
            "extend",
            "GB-2026/04",
            "--to",
            "31/12/2026",
            "--by",
            "TTG",
            "--basis",
            "8200/VPCP-KSTT",
            "--reason",
            "Chờ đề án VNeID",
        ],
    );
    on(
        env,
        "2026-11-20",
        &["done", "GB-2026/02", "--on", "2026-11-14"],
    );
}

#[test]
fn a_past_week_is_computed_from_history_and_stays_the_same() {
    let env = Env::new();
    let (end_45, end_46) = weeks_45_and_46(&env);
    let first = briefing_html(&env, "2026-11-15", &WEEK_46);
    let first_md = on(&env, "2026-11-15", &["briefing", "--week", "2026-W46"]);

    // The summary is the state of the week: at its start (the end of week
    // 45) and at its end, as `list` showed them on those days.
    let s = summary(&first);
    assert_eq!(side(&s, false), end_45, "{s:?}");
    assert_eq!(side(&s, true), end_46, "{s:?}");
    assert_eq!(s["done_on_time"], (1, 2));
    assert_eq!(s["open"], (3, 2));
    assert_eq!(s["overdue"], (2, 2));
    assert_eq!(s["ongoing"], (1, 1));
    assert_eq!(s["total"], (7, 7));
    assert_eq!(
        row(&first, "summary", "done_on_time"),
        ["Hoàn thành đúng hạn", "1", "2", "+1"]
    );

    // 2. Completed: 07 (done 13/11, on time); 01 was done in week 45.
    assert_eq!(keys(&first, "completed"), [vec!["GB-2026/07"]]);
    assert_eq!(row(&first, "completed", "GB-2026/07")[4], "13/11/2026");
    // 3. 03 became overdue on 13/11; 05 was already; 02 no longer is (extended).
    assert_eq!(
        keys(&first, "overdue"),
        [vec!["GB-2026/03"], vec!["GB-2026/05"]]
    );
    assert_eq!(
        row(&first, "overdue", "GB-2026/03"),
        [
            "GB-2026/03",
            "Trình Thủ tướng đề án phát triển VNeID",
            "BCA",
            "12/11/2026",
            "3"
        ]
    );
    assert_eq!(row(&first, "overdue", "GB-2026/05")[4], "15");
    // 4. Due 16–22/11: 04.
    assert_eq!(keys(&first, "due-next"), [vec!["GB-2026/04"]]);
    assert_eq!(row(&first, "due-next", "GB-2026/04")[4], "5");
    // 5. 04 waits for 03, the root, led by BCA.
    assert_eq!(
        row(&first, "blocked", "GB-2026/04")[3..],
        ["GB-2026/03", "GB-2026/03 (quá hạn 3 ngày)", "BCA"]
    );
    // 6. 02 moved from 06/11 to 30/11 by TTG.
    assert_eq!(
        row(&first, "deadline-changes", "GB-2026/02")[2..],
        [
            "10/11/2026",
            "06/11/2026",
            "30/11/2026",
            "TTG",
            "8123/VPCP-KSTT",
            "Chờ ý kiến Bộ Tư pháp"
        ]
    );
    // 7. 06 lacks the accountable official and a dated deadline.
    assert_eq!(
        row(&first, "clarity-gaps", "responsible"),
        ["rõ trách nhiệm", "1", "GB-2026/06"]
    );
    assert_eq!(row(&first, "clarity-gaps", "product")[1], "0");
    // 8. Most overdue first; BKHCN has the larger overdue share.
    assert_eq!(
        keys(&first, "agencies"),
        [vec!["BKHCN", "BCA", "BTP", "total"]]
    );
    assert_eq!(
        row(&first, "agencies", "BCA")[1..],
        ["3", "1", "0", "0", "1", "0", "1", "0", "100.0%", "50.0%"]
    );

    // Asked again at the end of week 47, after done, cancel, reopen, extend
    // and a done recorded late for a day of week 46: the same document, but
    // for the day it was prepared.
    week_47(&env);
    let again = briefing_html(&env, "2026-11-22", &WEEK_46);
    assert!(first.contains("Ngày lập: 15/11/2026") && again.contains("Ngày lập: 22/11/2026"));
    assert_eq!(
        again.replace("Ngày lập: 22/11/2026", "Ngày lập: 15/11/2026"),
        first
    );
    assert_eq!(
        on(&env, "2026-11-22", &["briefing", "--week", "2026-W46"])
            .replace("Ngày lập: 22/11/2026", "Ngày lập: 15/11/2026"),
        first_md
    );
    // The same days given as --from/--to, asked at the end of the year.
    let by_days = briefing_html(
        &env,
        "2026-12-31",
        &["--from", "2026-11-09", "--to", "15/11/2026"],
    );
    assert_eq!(summary(&by_days), s);
    for section in [
        "completed",
        "overdue",
        "due-next",
        "blocked",
        "deadline-changes",
        "clarity-gaps",
        "agencies",
    ] {
        assert_eq!(keys(&by_days, section), keys(&first, section), "{section}");
    }
    // `list --as-of` a past day replays history too, so it tells the same:
    // GB-2026/02 was recorded done (for 12/11) only in week 47.
    let now_46 = env.tasks(&["list", "--as-of", "2026-11-15"]);
    assert_eq!(status_of(&now_46, "GB-2026/02"), "open");
    assert_eq!(list_counts(&env, "2026-11-15"), end_46);

    // Week 45 ends where week 46 starts; week 47 starts where 46 ends.
    let w45 = summary(&briefing_html(&env, "2026-11-22", &["--week", "2026-W45"]));
    assert_eq!(side(&w45, true), side(&s, false));
    let w47 = briefing_html(&env, "2026-11-22", &[]);
    let s47 = summary(&w47);
    assert_eq!(side(&s47, false), side(&s, true));
    assert_eq!(s47["cancelled"], (0, 1));
    assert_eq!(s47["done_late"], (0, 1));
    assert_eq!(s47["overdue"], (2, 1));
    assert_eq!(
        keys(&w47, "completed"),
        [vec!["GB-2026/02"], vec!["GB-2026/03"]]
    );
    assert_eq!(
        row(&w47, "completed", "GB-2026/03")[4..],
        ["17/11/2026", "5"]
    );
    // Done on 14/11 (week 46) but recorded in week 47: said so.
    assert_eq!(
        row(&w47, "completed", "GB-2026/02")[4],
        "14/11/2026 (ghi nhận muộn)"
    );
    // 01, reopened, is overdue again; nothing is still overdue (05 withdrawn).
    assert_eq!(keys(&w47, "overdue"), [vec!["GB-2026/01"]]);
    assert_eq!(row(&w47, "overdue", "GB-2026/01")[4], "17");
    assert_eq!(keys(&w47, "deadline-changes"), [vec!["GB-2026/04"]]);
    assert!(keys(&w47, "blocked").is_empty());
}

#[test]
fn filters_output_file_and_language() {
    let env = Env::new();
    weeks_45_and_46(&env);
    let html = briefing_html(&env, "2026-11-15", &["--week", "2026-W46", "--lead", "BCA"]);
    let s = summary(&html);
    assert_eq!(s["total"], (3, 3), "BCA leads 01, 03 and 06");
    assert_eq!(keys(&html, "agencies"), [vec!["BCA", "total"]]);
    assert!(
        Html::parse_document(&html)
            .select(&sel("header li"))
            .any(|li| text(li) == "Phạm vi: chủ trì BCA")
    );

    let path = env.dir.path().join("giao-ban").join("tuan-46.html");
    let out = on(
        &env,
        "2026-11-15",
        &[
            "briefing",
            "--week",
            "2026-W46",
            "--format",
            "html",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert!(out.contains("tuan-46.html"), "{out}");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, briefing_html(&env, "2026-11-15", &WEEK_46));
    assert!(written.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));

    let en = on(
        &env,
        "2026-11-15",
        &["briefing", "--week", "2026-W46", "--lang", "en"],
    );
    assert!(en.starts_with("# Weekly briefing, week 46 of 2026"), "{en}");
    assert!(en.contains("## 8. Per lead agency"), "{en}");
    assert!(en.contains("| Overdue | 2 | 2 | 0 |"), "{en}");
}

#[test]
fn the_current_week_stops_at_the_as_of_day() {
    let env = Env::new();
    weeks_45_and_46(&env);
    // Wednesday of week 46: the end figures are those of 11/11.
    let html = briefing_html(&env, "2026-11-11", &[]);
    let doc = Html::parse_document(&html);
    assert_eq!(
        text(doc.select(&sel("h1")).next().unwrap()),
        "Báo cáo giao ban tuần 46/2026"
    );
    let s = summary(&html);
    // 03 (due 12/11) is not overdue yet on 11/11; it is due next.
    assert_eq!(s["overdue"], (2, 1));
    assert_eq!(keys(&html, "due-next"), [vec!["GB-2026/03", "GB-2026/04"]]);
    assert_eq!(row(&html, "due-next", "GB-2026/03")[4], "1");
}

#[test]
fn weeks_by_number_last_week_and_the_monday_default() {
    let env = Env::new();
    weeks_45_and_46(&env);
    let title = |day: &str, period: &[&str]| {
        let html = briefing_html(&env, day, period);
        let doc = Html::parse_document(&html);
        text(doc.select(&sel("h1")).next().unwrap())
    };
    // A week number alone is a week of the as-of day's year.
    assert_eq!(
        title("2026-11-22", &["--week", "46"]),
        "Báo cáo giao ban tuần 46/2026"
    );
    assert_eq!(
        title("2026-11-22", &["--week", "W45"]),
        "Báo cáo giao ban tuần 45/2026"
    );
    // --last-week: the week before the as-of day's.
    assert_eq!(
        title("2026-11-18", &["--last-week"]),
        "Báo cáo giao ban tuần 46/2026"
    );
    // On a Monday the giao ban reviews the week just ended; other days, the
    // week so far.
    assert_eq!(title("2026-11-16", &[]), "Báo cáo giao ban tuần 46/2026");
    assert_eq!(title("2026-11-17", &[]), "Báo cáo giao ban tuần 47/2026");
    // Days in every usual form.
    let a = briefing_html(
        &env,
        "2026-11-22",
        &["--from", "9.11.2026", "--to", "15-11-2026"],
    );
    let b = briefing_html(
        &env,
        "2026-11-22",
        &["--from", "2026-11-09", "--to", "15/11/2026"],
    );
    assert_eq!(a, b);
}

#[test]
fn bad_periods_are_refused() {
    let env = Env::new();
    weeks_45_and_46(&env);
    refused(
        &env.run(&["briefing", "--week", "2026-W54"]),
        &["--week: năm 2026 không có tuần 54"],
    );
    refused(
        &env.run(&["briefing", "--week", "tuần 46"]),
        &["--week: \"tuần 46\" không phải là một tuần"],
    );
    refused(
        &env.run(&["briefing", "--from", "2026-11-15", "--to", "2026-11-09"]),
        &["--from 15/11/2026 sau --to 09/11/2026"],
    );
    refused(
        &env.run(&["briefing", "--from", "2026-11-31", "--to", "2026-12-01"]),
        &["--from: \"2026-11-31\": không có ngày 31 tháng 11 năm 2026"],
    );
    refused(
        &env.run(&["--as-of", "2026-11-15", "briefing", "--week", "2026-W47"]),
        &["kỳ 16/11/2026 – 22/11/2026 bắt đầu sau ngày tính 15/11/2026"],
    );
    refused(
        &env.run(&[
            "--lang",
            "en",
            "--as-of",
            "2026-11-15",
            "briefing",
            "--week",
            "2026-W47",
        ]),
        &["the period 16/11/2026 – 22/11/2026 starts after the as-of day 15/11/2026"],
    );
    refused(
        &env.run(&["briefing", "--week", "2026-W46", "--lead", "KHONG"]),
        &["--lead: cơ quan \"KHONG\" không có trong danh mục cơ quan"],
    );
    refused(
        &env.run(&["--lang", "en", "briefing", "--week", "2026-W54"]),
        &["--week: 2026 has no week 54"],
    );
}

#[test]
fn tasks_imported_late_count_from_the_day_their_directive_assigned_them() {
    let env = Env::new();
    weeks_45_and_46(&env);
    let late = env.dir.path().join("late.toml");
    std::fs::write(
        &late,
        r#"schema = 1

[directive]
id = "GB-MUON"
title = "Văn bản nhập giữa tuần"
issued_by = "TTG"
issued_on = 2026-06-01

[[task]]
id = "GB-MUON/01"
title = "Việc đã xong từ trước"
lead = "BTC"
deadline = "30/06/2026"
status = "done"
done_on = 2026-06-20

[[task]]
id = "GB-MUON/02"
title = "Việc quá hạn từ lâu"
lead = "BTC"
deadline = "30/09/2026"

[[task]]
id = "GB-MUON/03"
title = "Việc quá hạn trong tuần"
lead = "BTC"
deadline = "13/11/2026"
"#,
    )
    .unwrap();
    on(&env, "2026-11-11", &["import", late.to_str().unwrap()]);
    let html = briefing_html(&env, "2026-11-15", &WEEK_46);
    let s = summary(&html);
    // Assigned on 01/06/2026: there at the start already, though imported mid-week.
    assert_eq!(s["total"], (10, 10));
    assert_eq!(s["done_on_time"], (2, 3));
    assert_eq!(keys(&html, "completed"), [vec!["GB-2026/07"]]);
    assert_eq!(
        keys(&html, "overdue"),
        [
            vec!["GB-2026/03", "GB-MUON/03"],
            vec!["GB-MUON/02", "GB-2026/05"]
        ]
    );
    // The week before counts it too: the directive assigned it in June.
    let w45 = summary(&briefing_html(&env, "2026-11-15", &["--week", "2026-W45"]));
    assert_eq!(w45["total"].1, 10);
}
