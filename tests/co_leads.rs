//! Co-leads (`lead` as a list), key tasks (`key = true`) and classified
//! tasks (`classified = true`) through every command and export.

use crate::util::{Env, find, fixture};
use serde_json::Value;

fn env() -> Env {
    let env = Env::new();
    env.ok(&["import", fixture("co-leads.toml").to_str().unwrap()]);
    env
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn a_co_led_task_is_found_by_each_lead_and_fails_who_with_the_reason() {
    let env = env();
    for lead in ["BKHCN", "BCA", "Bộ Khoa học và Công nghệ"] {
        let ids = env.ids(&["list", "--lead", lead]);
        assert!(ids.contains(&"CL/01".to_owned()), "--lead {lead}: {ids:?}");
    }
    assert!(
        !env.ids(&["list", "--lead", "BTP"])
            .contains(&"CL/01".to_owned())
    );
    let tasks = env.tasks(&["list"]);
    let t = find(&tasks, "CL/01");
    assert_eq!(t["lead"], "BKHCN");
    assert_eq!(strings(&t["leads"]), ["BKHCN", "BCA"]);
    assert!(strings(&t["missing"]).contains(&"lead"));
    assert_eq!(t["lead_gap"], "co_leads");
    // A task with one lead: `leads` holds it, nothing fails.
    let one = find(&tasks, "CL/03");
    assert_eq!(strings(&one["leads"]), ["BTP"]);
    assert!(one["lead_gap"].is_null());
    let check = env.run(&["check", fixture("co-leads.toml").to_str().unwrap()]);
    let check = crate::util::stdout(&check);
    assert!(
        check.contains("rõ người (đồng chủ trì: 2 cơ quan, không có một đầu mối)"),
        "{check}"
    );
    let en = env.ok(&["show", "CL/01", "--lang", "en"]);
    assert!(
        en.contains("co-leads: 2 agencies, no single focal point"),
        "{en}"
    );
    let show = env.ok(&["show", "CL/01"]);
    assert!(show.contains("Bộ Khoa học và Công nghệ"), "{show}");
    assert!(show.contains("BCA — Bộ Công an"), "{show}");
    assert!(show.contains("đồng chủ trì: 2 cơ quan"), "{show}");
    assert!(show.contains("trọng tâm"), "{show}");
}

#[test]
fn stats_count_a_co_led_task_for_each_lead_and_key_tasks_apart() {
    let env = env();
    let stats = env.json(&["stats"]);
    let row = |id: &str| {
        stats
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["agency"] == id)
            .unwrap_or_else(|| panic!("no row {id}: {stats}"))
            .clone()
    };
    // BKHCN leads CL/01 only as its first lead; BCA as co-lead, with its own tasks.
    assert_eq!(row("BKHCN")["assigned"], 1);
    assert_eq!(row("BKHCN")["overdue"], 1);
    assert_eq!(row("BKHCN")["key"], 1);
    assert_eq!(row("BCA")["assigned"], 4);
    assert_eq!(row("BCA")["key"], 1);
    assert_eq!(row("BTP")["key"], 0);
    let text = env.ok(&["stats"]);
    assert!(text.contains("Trọng tâm"), "{text}");
    assert!(
        text.contains("đồng chủ trì được tính cho từng cơ quan"),
        "{text}"
    );
    // The total counts each task once: 5 tasks, not 6.
    let total = text.lines().find(|l| l.starts_with("Tổng cộng")).unwrap();
    assert_eq!(total.split_whitespace().nth(2), Some("5"), "{total}");
    assert_eq!(env.ids(&["list", "--key"]), ["CL/01"]);
}

#[test]
fn every_export_names_all_the_co_leads() {
    let env = env();
    let csv = env.ok(&["export", "overdue", "--format", "csv"]);
    assert!(
        csv.contains("Bộ Khoa học và Công nghệ (BKHCN); Bộ Công an (BCA)"),
        "{csv}"
    );
    let json: Value =
        serde_json::from_str(&env.ok(&["export", "overdue", "--format", "json"])).unwrap();
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "CL/01")
        .unwrap();
    assert_eq!(strings(&row["leads"]), ["BKHCN", "BCA"]);
    let md = env.ok(&["export", "overdue", "--format", "md"]);
    assert!(md.contains("(BKHCN); Bộ Công an (BCA)"), "{md}");
    // A letter to each lead lists the task.
    for lead in ["BKHCN", "BCA"] {
        let letter = env.ok(&["letter", "overdue", "--lead", lead, "--format", "md"]);
        assert!(letter.contains("CL/01"), "letter to {lead}: {letter}");
    }
    let letter = env.ok(&["letter", "overdue", "--lead", "BCA", "--format", "md"]);
    assert!(letter.contains("Kính gửi: Bộ Công an"), "{letter}");
    let ics = env.ok(&["calendar", "--include-classified"]);
    assert!(ics.contains("CATEGORIES:BKHCN,BCA"), "{ics}");
    let briefing = env.ok(&["briefing"]);
    assert!(briefing.contains("| BKHCN; BCA |"), "{briefing}");
    assert!(
        briefing.contains("Nhiệm vụ trọng tâm: 1 nhiệm vụ"),
        "{briefing}"
    );
}

#[test]
fn classified_tasks_stay_out_of_every_export_unless_asked_for() {
    let env = env();
    // (args, a classified task that must be absent, then present with the flag)
    let cases: [(&[&str], &str); 8] = [
        (&["export", "overdue", "--format", "csv"], "CL/02"),
        (&["export", "overdue", "--format", "json"], "CL/02"),
        (
            &["letter", "overdue", "--lead", "BCA", "--format", "md"],
            "Rà soát",
        ),
        (&["calendar"], "CL/05"),
        (&["graph"], "CL/02"),
        (&["graph", "--format", "mermaid"], "CL/02"),
        (&["briefing"], "Rà soát"),
        (&["briefing"], "CL/02"),
    ];
    for (args, needle) in cases {
        let without = env.ok(args);
        assert!(
            !without.contains(needle),
            "sauro {args:?} leaked {needle}:\n{without}"
        );
        let mut with = args.to_vec();
        with.push("--include-classified");
        let with = env.ok(&with);
        assert!(
            with.contains(needle),
            "sauro {args:?} --include-classified lacks {needle}:\n{with}"
        );
    }
    // Exported on request, it is marked.
    let csv = env.ok(&[
        "export",
        "overdue",
        "--format",
        "csv",
        "--include-classified",
    ]);
    assert!(csv.contains("[MẬT] Rà soát"), "{csv}");
    // Not an export: the list and show keep it, marked.
    assert!(env.ids(&["list"]).contains(&"CL/02".to_owned()));
    let list = env.ok(&["list"]);
    assert!(list.contains("MẬT"), "{list}");
    assert!(env.ok(&["show", "CL/02"]).contains("MẬT"));
    assert_eq!(find(&env.tasks(&["list"]), "CL/02")["classified"], true);
}

#[test]
fn files_of_the_old_form_load_with_one_lead_and_no_flags() {
    let env = Env::with_clear();
    for t in env.tasks(&["list"]) {
        let leads = strings(&t["leads"]);
        match t["lead"].as_str() {
            Some(l) => assert_eq!(leads, [l]),
            None => assert!(leads.is_empty()),
        }
        assert_eq!(t["key"], false);
        assert_eq!(t["classified"], false);
    }
}

#[test]
fn a_classified_blocker_reads_the_same_in_the_export_and_the_briefing() {
    let env = env();
    // CL/03 waits for the classified CL/02: named by one stand-in in both
    // languages wherever CL/02 itself is left out.
    for (flag, stand_in) in [("vi", "(mật)"), ("en", "(classified)")] {
        let csv = env.ok(&["--lang", flag, "export", "blocked", "--format", "csv"]);
        let row = csv.lines().find(|l| l.contains("CL/03")).unwrap();
        assert!(row.contains(stand_in), "{row}");
        assert!(!csv.contains("CL/02"), "{csv}");
        let briefing = env.ok(&["--lang", flag, "briefing"]);
        // Section 5, the blocked tasks.
        let blocked = briefing.split("\n## 5. ").nth(1).unwrap();
        let row = blocked.lines().find(|l| l.starts_with("| CL/03 ")).unwrap();
        assert!(row.contains(stand_in), "{row}");
    }
}
