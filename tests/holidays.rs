//! `sauro holidays [YEAR]`: the year's days off with their reason, from the
//! law and the Prime Minister's schedule, and a user schedule over it.

use crate::util::{Env, refused, stdout};
use serde_json::Value;

fn days(v: &Value, kind: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == kind)
        .map(|d| d["date"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_2025_schedule() {
    let env = Env::new();
    let v = env.json(&["holidays", "2025"]);
    let off = days(&v, "off");
    for d in [
        "2025-01-01",
        "2025-01-25",
        "2025-01-27",
        "2025-02-02",
        "2025-04-07",
        "2025-04-30",
        "2025-05-02",
        "2025-09-01",
        "2025-09-02",
    ] {
        assert!(off.contains(&d.to_owned()), "{d} not off: {off:?}");
    }
    assert!(!off.contains(&"2025-02-03".to_owned()));
    assert_eq!(days(&v, "work"), ["2025-04-26"]);
    let tet = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2025-01-29")
        .unwrap();
    assert_eq!(tet["holiday"], "tet");
    assert_eq!(tet["reason"], "Tết Nguyên đán");
}

#[test]
fn the_2026_table_in_vietnamese_and_english() {
    let env = Env::new();
    let out = env.ok(&["holidays", "2026"]);
    assert!(out.contains("14/02/2026  Thứ Bảy"), "{out}");
    assert!(
        out.contains("22/02/2026  Chủ nhật  Tết Nguyên đán"),
        "{out}"
    );
    assert!(
        out.contains("27/04/2026  Thứ Hai   Nghỉ bù Giỗ Tổ Hùng Vương"),
        "{out}"
    );
    assert!(
        out.contains("10/01/2026  Thứ Bảy   Làm bù cho ngày 02/01/2026"),
        "{out}"
    );
    assert!(!out.contains("23/02/2026"), "{out}");
    let en = env.ok(&["--lang", "en", "holidays", "2026"]);
    assert!(en.contains("Lunar New Year (Tết)"), "{en}");
    assert!(en.contains("In lieu of Hùng Kings"), "{en}");
    // The year defaults to the as-of day's.
    let default = env.ok(&["holidays", "--as-of", "2026-03-01"]);
    assert_eq!(default, out);
    // No database is needed.
    assert!(!env.db().exists());
}

#[test]
fn the_law_alone_for_a_year_without_schedule() {
    let env = Env::new();
    let v = env.json(&["holidays", "2030"]);
    let off = days(&v, "off");
    // Tết 2030 is 2/2 in Vietnam (3/2 in China): 1/2 to 5/2 off.
    for d in ["2030-02-01", "2030-02-05"] {
        assert!(off.contains(&d.to_owned()), "{d}: {off:?}");
    }
    assert!(!off.contains(&"2030-01-31".to_owned()), "{off:?}");
}

#[test]
fn a_user_schedule_overrides_the_years_it_names() {
    let env = Env::new();
    let path = env.dir.path().join("lich.toml");
    std::fs::write(
        &path,
        "schema = 1\n[[off]]\nholiday = \"national_day\"\nfrom = 2026-08-29\nto = 2026-09-02\n",
    )
    .unwrap();
    let v = env.json(&["holidays", "2026", "--calendar", path.to_str().unwrap()]);
    let off = days(&v, "off");
    assert!(off.contains(&"2026-08-31".to_owned()), "{off:?}");
    assert!(!off.contains(&"2026-09-03".to_owned()), "{off:?}");
    // SAURO_CALENDAR does the same.
    let out = env
        .sauro()
        .env("SAURO_CALENDAR", &path)
        .args(["holidays", "2026", "--format", "json"])
        .output()
        .unwrap();
    let v2: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v, v2);
    // A broken file is refused naming the file, the line and the value.
    std::fs::write(
        &path,
        "schema = 1\n[[off]]\nholiday = \"xmas\"\nfrom = 2026-12-25\nto = 2026-12-25\n",
    )
    .unwrap();
    let out = env.run(&["holidays", "2026", "--calendar", path.to_str().unwrap()]);
    refused(&out, &["lich.toml", "dòng 2", "xmas"]);
}
