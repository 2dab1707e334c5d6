//! The calendar checked against RFC 5545: CRLF everywhere, physical lines
//! of at most 75 octets, folding reversible, TEXT escaping, one VEVENT per
//! open dated task, all-day dates, UIDs stable across exports.

use super::fixture::{all_tasks, as_of, d};
use sauro_core::Lang;
use sauro_report::calendar::{MAX_LINE, to_ics, uid};
use std::collections::BTreeMap;

/// Unfolds an iCalendar stream into content lines, checking CRLF and
/// line lengths on the way.
fn unfold(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    let bytes = ics.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at {i}");
        }
        if *b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}");
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for physical in ics.split_terminator("\r\n") {
        assert!(
            physical.len() <= MAX_LINE,
            "{} octets: {physical}",
            physical.len()
        );
        match physical.strip_prefix(' ') {
            Some(cont) => lines.last_mut().unwrap().push_str(cont),
            None => lines.push(physical.to_owned()),
        }
    }
    lines
}

/// Undoes TEXT escaping, refusing unknown escapes and bare `,` `;`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next().unwrap() {
                'n' | 'N' => out.push('\n'),
                c @ ('\\' | ';' | ',') => out.push(c),
                other => panic!("bad escape \\{other} in {s}"),
            },
            ',' | ';' => panic!("unescaped {c} in {s}"),
            c => out.push(c),
        }
    }
    out
}

type Event = BTreeMap<String, String>;

fn events(ics: &str) -> Vec<Event> {
    let lines = unfold(ics);
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_owned()));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let mut out = Vec::new();
    let mut current: Option<Event> = None;
    let mut in_alarm = false;
    for l in &lines {
        match l.as_str() {
            "BEGIN:VEVENT" => current = Some(Event::new()),
            "END:VEVENT" => out.push(current.take().unwrap()),
            "BEGIN:VALARM" => in_alarm = true,
            "END:VALARM" => in_alarm = false,
            _ => {
                if let Some(e) = current.as_mut() {
                    let (name, value) = l.split_once(':').unwrap();
                    let name = if in_alarm {
                        format!("VALARM/{name}")
                    } else {
                        name.to_owned()
                    };
                    assert!(
                        e.insert(name.clone(), value.to_owned()).is_none(),
                        "{name} twice"
                    );
                }
            }
        }
    }
    out
}

#[test]
fn one_all_day_event_per_open_dated_task() {
    let ics = to_ics(&all_tasks(), as_of(), 3, Lang::Vi);
    let evs = events(&ics);
    let uids: Vec<&str> = evs.iter().map(|e| e["UID"].as_str()).collect();
    let expect: Vec<String> = [
        "ctct-2026/01",
        "ctct-2026/02",
        "kl_6-2/07",
        "kl_6-2/09",
        "open/1",
    ]
    .iter()
    .map(|id| uid(id))
    .collect();
    assert_eq!(uids, expect, "not done, cancelled or undated tasks");
    for e in &evs {
        assert_eq!(e["DTSTAMP"], "20261122T000000Z");
        for key in [
            "UID",
            "DTSTART;VALUE=DATE",
            "DTEND;VALUE=DATE",
            "SUMMARY",
            "DESCRIPTION",
        ] {
            assert!(e.contains_key(key), "{key} missing: {e:?}");
        }
        let start = chrono::NaiveDate::parse_from_str(&e["DTSTART;VALUE=DATE"], "%Y%m%d").unwrap();
        let end = chrono::NaiveDate::parse_from_str(&e["DTEND;VALUE=DATE"], "%Y%m%d").unwrap();
        assert_eq!(end, start.succ_opt().unwrap());
        assert!(e["UID"].ends_with("@sauro"));
        assert!(e["UID"].chars().all(|c| c.is_ascii_graphic()));
    }
    let first = &evs[0];
    assert_eq!(first["DTSTART;VALUE=DATE"], "20260228");
    assert_eq!(first["DTEND;VALUE=DATE"], "20260301");
    let summary = unescape(&first["SUMMARY"]);
    assert_eq!(
        summary,
        "ctct-2026/01 — Trình Chính phủ ban hành nghị quyết về phát triển công dân số; \"VNeID\", định danh | xác thực"
    );
    let desc = unescape(&first["DESCRIPTION"]);
    assert!(desc.contains("Chủ trì: Bộ Công an (BCA)\n"), "{desc}");
    assert!(
        desc.contains("Sản phẩm: Nghị quyết của Chính phủ\n"),
        "{desc}"
    );
    assert!(
        desc.contains("Thời hạn: 28/02/2026 (tháng 2.2026)"),
        "{desc}"
    );
    let open = evs.iter().find(|e| e["UID"] == uid("open/1")).unwrap();
    assert_eq!(open["DTSTART;VALUE=DATE"], "20261231");
    assert_eq!(
        unescape(&open["SUMMARY"]),
        "open/1 — Sản phẩm: báo cáo, đề án; \\ phân tích \"nhanh\"\nmới"
    );
}

#[test]
fn long_lines_fold_at_75_octets_and_unfold_back() {
    let mut tasks = all_tasks();
    tasks[0].title = "Tích hợp dữ liệu tổng hợp, ".repeat(20);
    let ics = to_ics(&tasks, as_of(), 3, Lang::Vi);
    assert!(
        ics.lines().filter(|l| l.starts_with(' ')).count() > 5,
        "folded"
    );
    let evs = events(&ics);
    assert_eq!(
        unescape(&evs[0]["SUMMARY"]),
        format!("ctct-2026/01 — {}", tasks[0].title)
    );
}

#[test]
fn uids_are_stable_across_exports() {
    let first = events(&to_ics(&all_tasks(), as_of(), 3, Lang::Vi));
    // A week later, one task done, another's title and deadline changed.
    let mut tasks = all_tasks();
    tasks[0].status = sauro_core::Status::DoneLate;
    tasks[1].title = "Đổi tên".into();
    tasks[1].deadline = Some(d(2026, 12, 15));
    let later = d(2026, 11, 29);
    let second = events(&to_ics(&tasks, later, 3, Lang::En));
    let uid_of = |evs: &[Event]| -> BTreeMap<String, String> {
        evs.iter()
            .map(|e| (e["UID"].clone(), e["DTSTART;VALUE=DATE"].clone()))
            .collect()
    };
    let (a, b) = (uid_of(&first), uid_of(&second));
    assert_eq!(a.len(), 5);
    assert_eq!(b.len(), 4);
    for (u, start) in &b {
        assert!(a.contains_key(u), "{u} is new");
        if u == &uid("ctct-2026/02") {
            assert_eq!(start, "20261215");
        }
    }
    assert!(second.iter().all(|e| e["DTSTAMP"] == "20261129T000000Z"));
    // The same input gives the same bytes.
    assert_eq!(
        to_ics(&all_tasks(), as_of(), 3, Lang::Vi),
        to_ics(&all_tasks(), as_of(), 3, Lang::Vi)
    );
}

#[test]
fn each_event_reminds_the_chosen_number_of_days_before_at_nine() {
    for e in events(&to_ics(&all_tasks(), as_of(), 3, Lang::Vi)) {
        assert_eq!(e["VALARM/ACTION"], "DISPLAY");
        assert_eq!(e["VALARM/TRIGGER;RELATED=START"], "-P2DT15H");
        assert!(e["VALARM/DESCRIPTION"].starts_with("Còn 3 ngày đến hạn"));
    }
    for e in events(&to_ics(&all_tasks(), as_of(), 1, Lang::En)) {
        assert_eq!(e["VALARM/TRIGGER;RELATED=START"], "-P0DT15H");
    }
    let none = to_ics(&all_tasks(), as_of(), 0, Lang::Vi);
    assert!(!none.contains("VALARM"), "0 days: no reminder");
}
