use super::*;
use crate::agency::AgencyKind;
use crate::lang::Lang;
use chrono::NaiveDate;
use position::LineIndex;

const AGENCIES: &str = r#"
[[agency]]
id = "BCA"
name = "Bộ Công an"
kind = "ministry"

[[agency]]
id = "CP"
name = "Chính phủ"
kind = "government"

[[agency]]
id = "BTTTT"
name = "Bộ Thông tin và Truyền thông"
kind = "ministry"
successor = "BCA"
"#;

fn registry() -> Registry {
    load_registry(SourceFile {
        path: "agencies.toml",
        text: AGENCIES,
    })
    .unwrap()
}

fn one(text: &str) -> Result<Load, Problems> {
    load(
        &[SourceFile {
            path: "d.toml",
            text,
        }],
        &registry(),
        &HashMap::new(),
    )
}

const GOOD: &str = r#"schema = 1

[directive]
id = "D1"
title = "Chương trình"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D1/01"
title = "Trình nghị quyết"
lead = "BCA"
deadline = "tháng 2.2026"
authority = "CP"

[[task]]
id = "D1/02"
title = "Đề nghị xây dựng luật"
lead = "BCA"
deadline = 2026-03-31
depends_on = ["D1/01"]
status = "done"
done_on = 2026-03-20
"#;

#[test]
fn a_good_file_loads() {
    let load = one(GOOD).unwrap();
    assert_eq!(load.directives.len(), 1);
    let tasks = &load.directives[0].tasks;
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0].line, 9);
    assert_eq!(tasks[1].line, 16);
    assert_eq!(tasks[1].task.depends_on[0].as_str(), "D1/01");
    assert!(tasks[1].task.state.is_done());
    assert_eq!(
        tasks[1].task.due_date(),
        NaiveDate::from_ymd_opt(2026, 3, 31)
    );
}

#[test]
fn lead_may_be_a_list_of_co_leads_and_flags_are_optional() {
    let text = GOOD.replace(
            "lead = \"BCA\"\ndeadline = \"tháng 2.2026\"",
            "lead = [\"BCA\", \"BTTTT\", \"BCA\"]\nkey = true\nclassified = true\ndeadline = \"tháng 2.2026\"",
        );
    assert_ne!(text, GOOD);
    let load = one(&text).unwrap();
    let t = &load.directives[0].tasks[0].task;
    assert_eq!(t.lead.as_ref().map(|l| l.as_str()), Some("BCA"));
    let co: Vec<&str> = t.co_leads.iter().map(|l| l.as_str()).collect();
    assert_eq!(co, ["BTTTT"]);
    assert!(t.key && t.classified);
    // The old form: one string, no flags.
    let old = &one(GOOD).unwrap().directives[0].tasks[1].task;
    assert!(old.co_leads.is_empty() && !old.key && !old.classified);
    assert_eq!(old.lead.as_ref().map(|l| l.as_str()), Some("BCA"));
    // A one-element list is one lead.
    let single = GOOD.replace(
        "lead = \"BCA\"\ndeadline = 2026",
        "lead = [\"BCA\"]\ndeadline = 2026",
    );
    let t = &one(&single).unwrap().directives[0].tasks[1].task;
    assert!(t.co_leads.is_empty() && t.lead.is_some());
    // Each co-lead is checked against the registry and against support.
    let bad = GOOD
        .replace(
            "lead = \"BCA\"\ndeadline = \"tháng 2.2026\"",
            "lead = [\"BCA\", \"NOPE\"]\nsupport = [\"BTTTT\"]\ndeadline = \"tháng 2.2026\"",
        )
        .replace(
            "lead = \"BCA\"\ndeadline = 2026",
            "lead = [\"CP\", \"BTTTT\"]\nsupport = [\"BTTTT\"]\ndeadline = 2026",
        );
    let e = one(&bad).unwrap_err().to_string();
    assert!(e.contains("lead: agency \"NOPE\""), "{e}");
    assert!(e.contains("BTTTT is the lead"), "{e}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let bad = r#"schema = 1

[directive]
id = "D1"
title = "x"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D1/01"
title = "a"
lead = "NOPE"
support = ["BCA", "ALSO_NOPE"]
deadline = "31/2/2026"

[[task]]
id = "D1/01"
title = "b"
lead = "BCA"
support = ["BCA"]
depends_on = ["D1/99"]
status = "done"
"#;
    let err = one(bad).unwrap_err();
    let text = err.to_string();
    for want in [
        "d.toml:9: task D1/01: lead: agency \"NOPE\" is in no registry",
        "\"ALSO_NOPE\"",
        "31/2/2026",
        "duplicate task id D1/01",
        "BCA is the lead",
        "\"D1/99\" exists in no loaded file",
        "needs done_on",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert_eq!(err.0.len(), 7, "{text}");
}

#[test]
fn problems_speak_vietnamese_by_default_and_english_on_request() {
    let bad = r#"schema = 1

[directive]
id = "D1"
title = "x"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D1/01"
title = "a"
lead = "NOPE"
deadline = "31/2/2026"
depends_on = ["D1/99"]
status = "xong"

[[task]]
id = "D1/01"
title = ""
lead = "BCA"
support = ["BCA"]
done_on = "20/3/2026"

[[task]]
id = "D1/03"
title = "c"
status = "done"
done_on = 2026-03-20T10:00:00
"#;
    let err = one(bad).unwrap_err();
    let vi = err.message(Lang::Vi);
    for want in [
        "phát hiện 9 lỗi, không ghi gì vào cơ sở dữ liệu:",
        "d.toml:24: nhiệm vụ D1/03: done_on: 2026-03-20T10:00:00 phải là một ngày (YYYY-MM-DD), không kèm giờ",
        "\n  d.toml:9: nhiệm vụ D1/01: lead: cơ quan \"NOPE\" không có trong danh mục cơ quan",
        "d.toml:9: nhiệm vụ D1/01: không đọc được thời hạn \"31/2/2026\": không có ngày 31/2/2026: tháng 2 năm 2026 chỉ có 28 ngày",
        "d.toml:9: nhiệm vụ D1/01: status \"xong\" không hợp lệ",
        "d.toml:17: nhiệm vụ D1/01: trùng mã nhiệm vụ D1/01: đã có trong d.toml",
        "d.toml:17: nhiệm vụ D1/01: title là bắt buộc",
        "support: BCA là cơ quan chủ trì",
        "done_on: \"20/3/2026\" phải là một ngày TOML",
        "depends_on: nhiệm vụ \"D1/99\" không có trong tệp nào đã nạp",
    ] {
        assert!(vi.contains(want), "missing {want:?} in:\n{vi}");
    }
    assert_eq!(err.message(Lang::En), err.to_string());
    assert!(
        err.to_string()
            .starts_with("9 problems found, nothing was written:")
    );
    assert!(
        err.to_string()
            .contains("d.toml:24: task D1/03: done_on: 2026-03-20T10:00:00 must be a date alone"),
        "{err}"
    );

    let err = one(&GOOD.replace("schema = 1", "schema = 2")).unwrap_err();
    assert!(
        err.message(Lang::Vi)
            .contains("d.toml:1:10: schema 2 mới hơn phiên bản chương trình này đọc được"),
        "{}",
        err.message(Lang::Vi)
    );
    let text = GOOD.replace("deadline = \"tháng 2.2026\"", "depends_on = [\"D1/02\"]");
    let err = one(&text).unwrap_err();
    assert!(
        err.message(Lang::Vi)
            .contains("phụ thuộc vòng tròn: D1/01 -> D1/02 -> D1/01"),
        "{}",
        err.message(Lang::Vi)
    );
    let err = one("schema = 1\n[directive\nid = 1\n").unwrap_err();
    assert!(
        err.message(Lang::Vi).contains("d.toml:2:")
            && err.message(Lang::Vi).contains("lỗi cú pháp TOML"),
        "{}",
        err.message(Lang::Vi)
    );
}

#[test]
fn syntax_errors_give_line_and_column() {
    let err = one("schema = 1\n[directive\nid = 1\n").unwrap_err();
    assert_eq!(err.0.len(), 1);
    assert_eq!(err.0[0].line, Some(2));
    assert!(err.0[0].column.is_some());
}

#[test]
fn newer_schemas_are_refused() {
    let err = one(&GOOD.replace("schema = 1", "schema = 2")).unwrap_err();
    assert!(err.to_string().contains("schema 2 is newer"), "{err}");
}

#[test]
fn cycles_are_spelled_out() {
    let text = GOOD.replace("deadline = \"tháng 2.2026\"", "depends_on = [\"D1/02\"]");
    let err = one(&text).unwrap_err();
    assert!(err.to_string().contains("D1/01 -> D1/02 -> D1/01"), "{err}");
}

#[test]
fn known_tasks_satisfy_dependencies_and_hold_their_ids() {
    let mut known = HashMap::new();
    known.insert(
        "OTHER/1".parse().unwrap(),
        KnownTask {
            directive: "OTHER".parse().unwrap(),
            depends_on: vec![],
        },
    );
    let text = GOOD.replace("depends_on = [\"D1/01\"]", "depends_on = [\"OTHER/1\"]");
    let files = [SourceFile {
        path: "d.toml",
        text: &text,
    }];
    assert!(load(&files, &registry(), &known).is_ok());
    let text = GOOD.replace("id = \"D1/02\"", "id = \"OTHER/1\"");
    let files = [SourceFile {
        path: "d.toml",
        text: &text,
    }];
    let err = load(&files, &registry(), &known).unwrap_err();
    assert!(
        err.to_string().contains("already held by directive OTHER"),
        "{err}"
    );
}

#[test]
fn unknown_fields_are_typos() {
    let err = one(&GOOD.replace(
        "lead = \"BCA\"\ndeadline = 2026",
        "lead = \"BCA\"\ndealine = 2026",
    ))
    .unwrap_err();
    assert!(err.to_string().contains("dealine"), "{err}");
}

#[test]
fn a_title_of_invisible_characters_is_empty() {
    for title in ["\\u200B", "\\uFEFF\\u200C\\u200D", " \\u2060\\u00AD "] {
        let text = GOOD.replacen(
            "title = \"Trình nghị quyết\"",
            &format!("title = \"{title}\""),
            1,
        );
        assert_ne!(text, GOOD);
        let err = one(&text).unwrap_err();
        assert!(
            err.0.iter().any(|p| p.kind == ProblemKind::EmptyTitle),
            "{title}: {err}"
        );
    }
}

#[test]
fn line_index_agrees_with_counting_from_the_top() {
    let text = "ab\ncđe\n\nxyz";
    let index = LineIndex::new(text);
    for offset in 0..=text.len() {
        if !text.is_char_boundary(offset) {
            continue;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        assert_eq!(index.position(text, offset), (line, col), "{offset}");
    }
}

/// Tens of thousands of problems in one file: each gets its line from the
/// index (counting from the top for each took 7.7 s for 10 000 problems).
#[test]
fn many_problems_get_their_lines_without_rescanning() {
    const N: usize = 20_000;
    let mut text = String::from(
        "schema = 1\n\n[directive]\nid = \"D1\"\ntitle = \"x\"\nissued_by = \"CP\"\nissued_on = 2026-01-15\n",
    );
    for i in 0..N {
        text.push_str(&format!(
            "\n[[task]]\nid = \"D1/{i}\"\ntitle = \"t\"\nlead = \"NOPE\"\n"
        ));
    }
    let err = one(&text).unwrap_err();
    assert_eq!(err.0.len(), N);
    let last = err.0.last().unwrap();
    assert_eq!(last.task.as_deref(), Some(format!("D1/{}", N - 1).as_str()));
    assert_eq!(last.line, Some(8 + 5 * (N - 1) + 1));
}

#[test]
fn due_beside_a_wording_sauro_cannot_read() {
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
    let text = GOOD.replace(
        "deadline = \"tháng 2.2026\"",
        "deadline = \"trong dịp nghỉ hè\"\ndue = 2026-02-16",
    );
    let load = one(&text).unwrap();
    let t = &load.directives[0].tasks[0].task;
    let d = t.deadline.as_ref().unwrap();
    assert_eq!(d.written, "trong dịp nghỉ hè");
    assert_eq!(t.due_date(), day(2, 16));
    // Without `due` the file is refused, and the message says to add it.
    let text = GOOD.replace(
        "deadline = \"tháng 2.2026\"",
        "deadline = \"trong dịp nghỉ hè\"",
    );
    let problems = one(&text).unwrap_err();
    let shown = problems.to_string();
    assert!(shown.contains("add due = YYYY-MM-DD"), "{shown}");
    assert!(problems.message(Lang::Vi).contains("thêm due = YYYY-MM-DD"));
    // `due` alone is the deadline.
    let text = GOOD.replace("deadline = \"tháng 2.2026\"", "due = 2026-02-16");
    let load = one(&text).unwrap();
    assert_eq!(load.directives[0].tasks[0].task.due_date(), day(2, 16));
    // A vague wording with a day: the day is used.
    let text = GOOD.replace(
        "deadline = \"tháng 2.2026\"",
        "deadline = \"khẩn trương\"\ndue = 2026-02-16",
    );
    let load = one(&text).unwrap();
    assert_eq!(load.directives[0].tasks[0].task.due_date(), day(2, 16));
}

#[test]
fn due_that_disagrees_with_a_readable_wording_is_refused() {
    let text = GOOD.replace(
        "deadline = \"tháng 2.2026\"",
        "deadline = \"tháng 2.2026\"\ndue = 2026-02-16",
    );
    let shown = one(&text).unwrap_err().to_string();
    assert!(
        shown.contains("reads as 2026-02-28 but due = 2026-02-16"),
        "{shown}"
    );
    let text = GOOD.replace(
        "deadline = \"tháng 2.2026\"",
        "deadline = \"tháng 2.2026\"\ndue = \"16/2/2026\"",
    );
    assert!(one(&text).unwrap_err().to_string().contains("due: "));
}

const HEADER: &str = r#"schema = 1

[directive]
id = "D1"
title = "x"
issued_by = "CP"
issued_on = 2026-01-15
"#;

#[test]
fn a_file_may_not_change_a_built_in_agency() {
    let text = format!(
        "{HEADER}\n[[agency]]\nid = \"CP\"\nname = \"Chính phủ mới\"\nkind = \"government\"\nsuccessor = \"BCA\"\n"
    );
    let err = one(&text).unwrap_err();
    assert_eq!(err.0.len(), 2, "{err}");
    let en = err.to_string();
    assert!(
            en.contains(
                "d.toml:9:1: agency CP is built in; a file may not change its name (\"Chính phủ\" to \"Chính phủ mới\")"
            ),
            "{en}"
        );
    assert!(
        en.contains("may not change its successor (\"\" to \"BCA\")"),
        "{en}"
    );
    let vi = err.message(Lang::Vi);
    assert!(
        vi.contains("d.toml:9:1: cơ quan CP có sẵn trong danh mục; tệp không được đổi name"),
        "{vi}"
    );
    assert!(matches!(
        &err.0[0].kind,
        ProblemKind::ChangesBuiltinAgency { agency, field: "name", .. } if agency.as_str() == "CP"
    ));
    // A new alias is a change too.
    let text = format!(
        "{HEADER}\n[[agency]]\nid = \"BCA\"\nname = \"Bộ Công an\"\nkind = \"ministry\"\naliases = [\"Bộ Tư pháp\"]\n"
    );
    let err = one(&text).unwrap_err();
    assert!(
        err.to_string()
            .contains("may not change its aliases (\"\" to \"Bộ Tư pháp\")"),
        "{err}"
    );
}

#[test]
fn a_built_in_agency_repeated_word_for_word_is_allowed_and_not_rewritten() {
    let text = format!(
        "{HEADER}\n[[agency]]\nid = \"BTTTT\"\nname = \"Bộ Thông tin và Truyền thông\"\nkind = \"ministry\"\nsuccessor = \"BCA\"\n"
    );
    let load = one(&text).unwrap();
    assert!(load.agencies.is_empty(), "{:?}", load.agencies);
}

#[test]
fn file_agencies_carry_aliases_and_may_not_take_another_agency_s_name() {
    let text = format!(
        "{HEADER}\n[[agency]]\nid = \"SOKHCN\"\nname = \"Sở Khoa học và Công nghệ\"\nkind = \"other\"\naliases = [\" Sở KH&CN \", \"\", \"Sở KH&CN\"]\n"
    );
    let load = one(&text).unwrap();
    assert_eq!(load.agencies[0].aliases, ["Sở KH&CN"]);
    assert!(!load.agencies[0].builtin);
    let text = format!(
        "{HEADER}\n[[agency]]\nid = \"CA2\"\nname = \"Công an hai\"\nkind = \"other\"\naliases = [\"bo cong an\"]\n"
    );
    let err = one(&text).unwrap_err();
    assert!(
        err.to_string()
            .contains("agency CA2: the alias \"bo cong an\" already names agency BCA"),
        "{err}"
    );
}

#[test]
fn unknown_agencies_come_with_suggestions() {
    let err = one(&GOOD.replace(
        "lead = \"BCA\"\ndeadline = \"",
        "lead = \"BCB\"\ndeadline = \"",
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("lead: agency \"BCB\" is in no registry; did you mean BCA (Bộ Công an)?"),
        "{err}"
    );
    assert!(
        err.message(Lang::Vi)
            .contains("không có trong danh mục cơ quan; có phải là BCA (Bộ Công an)?"),
        "{}",
        err.message(Lang::Vi)
    );
}

/// The bundled registry, as the binary reads it.
fn bundled() -> Registry {
    load_registry(SourceFile {
        path: "data/agencies.toml",
        text: include_str!("../../../../data/agencies.toml"),
    })
    .unwrap()
}

#[test]
fn the_bundled_registry_names_each_body_once_and_marks_it_built_in() {
    let r = bundled();
    assert!(r.iter().all(|a| a.builtin));
    for a in r.iter() {
        for name in a.names() {
            let found: Vec<_> = r
                .resolve_all(name)
                .iter()
                .map(|x| x.id.to_string())
                .collect();
            assert_eq!(found, [a.id.to_string()], "{name:?} of {}", a.id);
        }
    }
    let id = |t: &str| r.resolve(t).map(|a| a.id.to_string());
    for (text, want) in [
        ("Bộ KH&CN", "BKHCN"),
        ("Bo KHCN", "BKHCN"),
        ("Bộ TT&TT", "BTTTT"),
        ("Công an", "BCA"),
        ("NHNN", "NHNN"),
        ("Ngân hàng Nhà nước", "NHNN"),
        ("UBND tỉnh Bình Dương", "BINHDUONG"),
        ("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "BARIAVUNGTAU"),
        ("UBND TP Hồ Chí Minh", "HOCHIMINH"),
        ("tp ho chi minh", "HOCHIMINH"),
        ("Thừa Thiên Huế", "HUE"),
        ("Ban Tuyên giáo và Dân vận TW", "BTGDVTW"),
        ("Tòa án nhân dân tối cao", "TANDTC"),
        ("Toà án nhân dân tối cao", "TANDTC"),
        ("Viettel", "VIETTEL"),
        ("Tập đoàn Dầu khí Việt Nam", "PVN"),
        ("Phó Thủ tướng", "PTTG"),
        ("các bộ, ngành liên quan", "CAC_BO_LQ"),
        ("Các địa phương", "CAC_TINH"),
        ("Các tỉnh, thành phố trực thuộc TW", "CAC_TINH"),
        ("tập đoàn, doanh nghiệp công nghệ số", "CAC_DN_CNS"),
    ] {
        assert_eq!(id(text).as_deref(), Some(want), "{text}");
    }
}

#[test]
fn the_29_provinces_merged_away_count_under_their_successors() {
    let r = bundled();
    let merged: Vec<_> = r
        .iter()
        .filter(|a| a.kind == AgencyKind::Province && a.successor.is_some())
        .collect();
    assert_eq!(merged.len(), 29);
    let current = r
        .iter()
        .filter(|a| a.kind == AgencyKind::Province && a.successor.is_none())
        .count();
    assert_eq!(current, 34);
    for a in &merged {
        let s = r.get(r.counted_as(a.id.as_str())).unwrap();
        assert!(
            s.kind == AgencyKind::Province && s.successor.is_none(),
            "{}",
            a.id
        );
    }
    for (old, new) in [
        ("BINHDUONG", "HOCHIMINH"),
        ("BARIAVUNGTAU", "HOCHIMINH"),
        ("HAIDUONG", "HAIPHONG"),
        ("QUANGNAM", "DANANG"),
        ("HAGIANG", "TUYENQUANG"),
        ("BACLIEU", "CAMAU"),
        ("DAKNONG", "LAMDONG"),
    ] {
        assert_eq!(r.counted_as(old), new);
    }
}
