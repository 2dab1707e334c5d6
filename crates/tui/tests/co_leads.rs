//! Co-leads, key and classified tasks in the terminal UI.

use crate::support::*;
use sauro_core::Lang;
use sauro_tui::App;

const FILE: &str = r#"schema = 1

[directive]
id = "DL"
title = "Thử đồng chủ trì"
issued_by = "TTG"
issued_on = 2026-01-15

[[task]]
id = "DL/01"
title = "Xây dựng đề án dữ liệu số"
lead = ["BKHCN", "BTP"]
deadline = "30/09/2026"
key = true

[[task]]
id = "DL/02"
title = "Rà soát hồ sơ mật"
lead = "BCA"
deadline = "30/09/2026"
classified = true

[[task]]
id = "DL/03"
title = "Báo cáo tổng hợp"
lead = "BTP"
deadline = "30/09/2026"
"#;

fn co_led_app() -> App {
    let mut app = App::new(store_with("dl.toml", FILE), as_of(), Lang::Vi).unwrap();
    app.set_actor("thu-ky".into(), || CLOCK.to_owned());
    app
}

#[test]
fn the_lead_picker_finds_a_co_led_task_under_each_lead() {
    let mut app = co_led_app();
    keys(&mut app, "a");
    keys(&mut app, "khoa hoc va cong nghe<Enter>");
    assert_eq!(app.filter.lead.as_deref(), Some("BKHCN"));
    assert_eq!(visible_ids(&app), ["DL/01"]);
    keys(&mut app, "a");
    keys(&mut app, "tu phap<Enter>");
    assert_eq!(app.filter.lead.as_deref(), Some("BTP"));
    let mut ids = visible_ids(&app);
    ids.sort();
    assert_eq!(ids, ["DL/01", "DL/03"]);
}

#[test]
fn co_leads_key_and_classified_marks_are_drawn() {
    let mut app = co_led_app();
    select(&mut app, "DL/01");
    let t = draw(&app, 160, 40);
    let s = screen(buffer(&t));
    assert!(s.contains("BKHCN,BTP"), "{s}");
    assert!(s.contains("★ Xây dựng đề án"), "{s}");
    assert!(s.contains("[MẬT] Rà soát"), "{s}");
    assert!(s.contains("đồng chủ trì: 2 cơ quan"), "{s}");
    assert!(s.contains("Nhiệm vụ trọng tâm"), "{s}");
}

#[test]
fn the_agency_table_counts_a_co_led_task_for_each_lead() {
    let app = co_led_app();
    let count = |id: &str| {
        app.agencies()
            .iter()
            .find(|s| s.agency.as_deref() == Some(id))
            .map(|s| (s.assigned, s.key))
    };
    assert_eq!(count("BKHCN"), Some((1, 1)));
    assert_eq!(count("BTP"), Some((2, 1)));
    assert_eq!(count("BCA"), Some((1, 0)));
}

#[test]
fn export_leaves_classified_tasks_out_unless_included() {
    let dir = tempfile::tempdir().unwrap();
    for (include, expect) in [(false, false), (true, true)] {
        let mut app = co_led_app();
        app.include_classified = include;
        let path = dir.path().join(format!("ds-{include}.csv"));
        keys(&mut app, "E");
        let suggested = app.form().unwrap().fields[0].value().to_owned();
        let erase = "<BS>".repeat(suggested.chars().count());
        keys(&mut app, &format!("{erase}{}<Enter>", path.display()));
        let csv = std::fs::read_to_string(&path).unwrap();
        assert_eq!(csv.contains("DL/02"), expect, "{csv}");
        assert!(csv.contains("DL/01") && csv.contains("DL/03"), "{csv}");
        assert!(csv.contains("(BKHCN); Bộ Tư pháp (BTP)"), "{csv}");
    }
}
