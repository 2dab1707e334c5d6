//! Text fields and forms: cursor keys, paste, refusals that clear, what
//! each form shows, forms at small sizes; the no-lead picker choice and
//! history in words.

use crate::support::*;
use sauro_core::Lang;
use sauro_core::directive_file::SourceFile;
use sauro_store::Actor;
use sauro_tui::{App, Mode};

#[test]
fn cursor_keys_move_inside_a_field_and_typing_goes_there() {
    let mut app = app();
    keys(&mut app, "nbáo cáo tháng<Home>[<End>]<Left><Left>X");
    assert_eq!(app.form().unwrap().fields[0].value(), "[báo cáo thánXg]");
    // Ctrl+← and Ctrl+→ jump by words; Delete removes under the cursor.
    keys(&mut app, "<C-Left><C-Left><Del>C<C-Right>*");
    assert_eq!(app.form().unwrap().fields[0].value(), "[báo Cáo *thánXg]");
    // ← and → are not tab changes inside a form: still one form open.
    assert_eq!(app.mode(), Mode::Form);
}

#[test]
fn the_search_line_edits_at_its_cursor_too() {
    let mut app = app();
    keys(&mut app, "/cong<Home>X<End>Y<Left><Del>");
    assert_eq!(app.filter.search, "Xcong");
    // Ctrl+← to the start of the word, Delete under the cursor.
    keys(&mut app, "<C-Left><Del>");
    assert_eq!(app.filter.search, "cong");
    // A paste lands at the cursor and filters as typed.
    keys(&mut app, "<End>");
    app.paste(" an");
    assert_eq!(app.filter.search, "cong an");
    assert!(!visible_ids(&app).is_empty());
    keys(&mut app, "<Esc>");
    assert_eq!(app.filter.search, "");
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn the_picker_query_edits_at_its_cursor_too() {
    let mut app = app();
    keys(
        &mut app,
        "aBo<Home>x<Del><End> cong an<C-Left><C-Left><C-Left><Del>",
    );
    let Some(p) = app.picker() else {
        panic!("the picker is open")
    };
    // "Bo": x typed at the start, Delete takes the "B" under the cursor,
    // " cong an" at the end; three words left is the start, Delete takes "x".
    assert_eq!(p.query, "o cong an");
    keys(&mut app, "<Home>B");
    assert_eq!(app.picker().unwrap().query, "Bo cong an");
    keys(&mut app, "<Enter>");
    assert_eq!(app.filter.lead.as_deref(), Some("BCA"));
}

#[test]
fn a_paste_goes_into_the_field_at_the_cursor_and_never_acts_as_keys() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    // In the list a paste is ignored: its x would otherwise open a form.
    app.paste("x\nq");
    assert_eq!(app.mode(), Mode::List);
    assert!(!app.quit);
    keys(&mut app, "n<lt><lt><Left>");
    app.paste("Công văn\r\n123/VPCP");
    assert_eq!(
        app.form().unwrap().fields[0].value(),
        "<Công văn  123/VPCP<"
    );
    // Into a search, too.
    let mut app = crate::support::app();
    keys(&mut app, "/");
    app.paste("cong an");
    assert_eq!(app.filter.search, "cong an");
}

#[test]
fn a_refusal_clears_as_soon_as_the_value_changes() {
    let mut app = app();
    select(&mut app, "TN-2026/03");
    keys(&mut app, "x<End><BS>X<Enter>");
    assert!(app.form().unwrap().error.is_some());
    let t = draw(&app, 100, 30);
    assert!(screen(buffer(&t)).contains("✗ "));
    // Moving the cursor keeps it; a change clears it.
    keys(&mut app, "<Left>");
    assert!(app.form().unwrap().error.is_some());
    keys(&mut app, "<End><BS>");
    assert_eq!(app.form().unwrap().error, None);
    let t = draw(&app, 100, 30);
    assert!(!screen(buffer(&t)).contains("✗ "));
}

#[test]
fn the_extend_form_shows_the_current_deadline_and_an_empty_authority() {
    let mut app = app();
    select(&mut app, "TN-2026/06");
    keys(&mut app, "e");
    let t = draw(&app, 100, 30);
    let text = screen(buffer(&t));
    assert!(
        text.contains("Thời hạn hiện tại: 30/06/2026 quá hạn 145 ngày (\"quý 2/2026\")"),
        "{text}"
    );
    keys(&mut app, "31/03/2027<Tab><Tab>CV 1/VPCP<Tab>chờ<Enter>");
    let error = app.form().unwrap().error.clone().unwrap();
    // The store's words, the same as the command line's.
    assert!(error.contains("cần ghi cơ quan quyết định"), "{error}");
}

#[test]
fn the_cancel_form_asks_for_the_basis_and_records_it_with_the_reason() {
    let mut app = app();
    select(&mut app, "TN-2026/08");
    keys(&mut app, "X");
    let t = draw(&app, 100, 30);
    let text = screen(buffer(&t));
    assert!(text.contains("Văn bản căn cứ:"), "{text}");
    keys(
        &mut app,
        "TTG<Tab>Không còn phù hợp<Tab>Công văn 45/VPCP-TH<Enter>",
    );
    assert!(app.form().is_none(), "{:?}", app.form());
    let t = draw(&app, 200, 90);
    let text = screen(buffer(&t));
    assert!(
        text.contains("Không còn phù hợp (căn cứ: Công văn 45/VPCP-TH)"),
        "{text}"
    );
}

#[test]
fn the_reopen_prompt_shows_only_its_keys() {
    let mut app = app();
    select(&mut app, "TN-2026/04");
    keys(&mut app, "o");
    let t = draw(&app, 100, 30);
    let text = screen(buffer(&t));
    assert!(text.contains("Enter: mở lại · Esc: hủy"), "{text}");
    assert!(!text.contains("Tab"), "{text}");
    // A one-field form has no next field either.
    let mut app = crate::support::app();
    keys(&mut app, "n");
    let text = screen(buffer(&draw(&app, 100, 30))).to_owned();
    assert!(!text.contains("Tab"), "{text}");
}

#[test]
fn every_form_fits_at_60x12_and_80x24() {
    for (w, h) in [(60, 12), (80, 24)] {
        for (key, labels) in [
            ("x", &["Ngày hoàn thành:"][..]),
            (
                "e",
                &[
                    "Thời hạn mới:",
                    "Cơ quan quyết định:",
                    "Văn bản căn cứ:",
                    "Lý do:",
                ][..],
            ),
            (
                "X",
                &["Cơ quan quyết định:", "Lý do:", "Văn bản căn cứ:"][..],
            ),
            ("n", &["Ghi chú:"][..]),
            ("E", &["Tệp:"][..]),
        ] {
            let mut app = app();
            select(&mut app, "TN-2026/01");
            keys(&mut app, key);
            let t = draw(&app, w, h);
            let text = screen(buffer(&t));
            for label in labels {
                assert!(text.contains(label), "{w}×{h} {key}: {label}\n{text}");
            }
            assert!(text.contains("Enter: lưu"), "{w}×{h} {key}\n{text}");
        }
    }
}

/// The app on the test directive plus one whose task has no lead.
fn app_with_a_task_without_lead() -> App {
    let mut store = store();
    let actor = Actor {
        by: "nap-du-lieu".into(),
        at: CLOCK.into(),
        day: as_of(),
    };
    let extra = r#"schema = 1

[directive]
id = "KL-2026"
title = "Kết luận thử"
issued_by = "TTG"
issued_on = 2026-02-01

[[task]]
id = "KL-2026/01"
title = "Rà soát quy hoạch chưa giao cơ quan"
deadline = "31/12/2026"

[[task]]
id = "KL-2026/02"
title = "Báo cáo tình hình thực hiện"
lead = "CAC_BO"
deadline = "31/12/2026"
"#;
    let sources = [
        SourceFile {
            path: "tn-2026.toml",
            text: DIRECTIVE,
        },
        SourceFile {
            path: "kl-2026.toml",
            text: extra,
        },
    ];
    store.import(&sources, &actor).unwrap();
    let mut app = App::new(store, as_of(), Lang::Vi).unwrap();
    app.set_actor("thu-ky".into(), || CLOCK.to_owned());
    app
}

#[test]
fn the_lead_picker_offers_the_tasks_without_a_lead() {
    let mut app = app_with_a_task_without_lead();
    keys(&mut app, "a");
    let text = screen(buffer(&draw(&app, 100, 30))).to_owned();
    assert!(text.contains("(chưa rõ chủ trì) (1)"), "{text}");
    keys(&mut app, "chua ro<Enter>");
    assert_eq!(visible_ids(&app), ["KL-2026/01"]);
    let text = screen(buffer(&draw(&app, 140, 30))).to_owned();
    assert!(text.contains("Chủ trì: (chưa rõ chủ trì)"), "{text}");
}

#[test]
fn a_group_lead_reads_as_its_name_in_the_list() {
    let mut app = app_with_a_task_without_lead();
    keys(&mut app, "/bao cao tinh hinh<Enter>");
    let t = draw(&app, 120, 32);
    let buf = buffer(&t);
    let line = row(buf, row_of(buf, "KL-2026/02").unwrap());
    assert!(line.contains("Các bộ,"), "{line}");
    assert!(!line.contains("CAC_BO"), "{line}");
}

#[test]
fn history_reads_in_words_and_dates_oldest_first_as_in_the_cli() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    keys(&mut app, "x<Enter>");
    keys(&mut app, "o<Enter>");
    let t = draw(&app, 200, 90);
    let text = screen(buffer(&t));
    let done = text
        .find("hoàn thành: đang thực hiện → hoàn thành 22/11/2026")
        .unwrap_or_else(|| panic!("{text}"));
    let reopened = text
        .find("mở lại: hoàn thành 22/11/2026 → đang thực hiện")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(done < reopened, "oldest first:\n{text}");
    assert!(!text.contains("2026-11-22"), "{text}");
}

/// Exports what is on screen to `name` in a fresh folder that does not
/// exist yet; returns the file's text and the message.
fn export(app: &mut App, name: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chua-co").join("con").join(name);
    keys(app, "E");
    let suggested = app.form().unwrap().fields[0].value().to_owned();
    let erase = "<BS>".repeat(suggested.chars().count());
    keys(app, &format!("{erase}{}<Enter>", path.display()));
    assert!(app.form().is_none(), "{:?}", app.form());
    let message = app.message().unwrap().text.clone();
    assert!(
        message.ends_with(&path.display().to_string()),
        "the full path: {message}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    (text, message)
}

#[test]
fn export_into_a_missing_folder_creates_it_and_names_the_full_path() {
    let mut app = app();
    let (csv, message) = export(&mut app, "tat-ca.csv");
    assert!(message.starts_with("Đã ghi 8 nhiệm vụ vào /"), "{message}");
    assert_eq!(csv.lines().filter(|l| l.contains("TN-2026/")).count(), 8);
}

#[test]
fn export_of_the_done_tab_has_status_and_done_day() {
    let mut app = app();
    keys(&mut app, "6");
    let (csv, _) = export(&mut app, "xong.csv");
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",Trạng thái,Ngày hoàn thành"), "{header}");
    let row = csv.lines().find(|l| l.contains("TN-2026/04")).unwrap();
    assert!(row.ends_with(",Xong trễ hạn,10/05/2026"), "{row}");
}

#[test]
fn export_of_the_blocked_tab_says_why() {
    let mut app = app();
    keys(&mut app, "3");
    let (md, _) = export(&mut app, "bi-chan.md");
    assert!(md.contains("| Lý do bị chặn |"), "{md}");
    let row = md.lines().find(|l| l.contains("| TN-2026/02 |")).unwrap();
    assert!(
        row.contains("← TN-2026/01 (BCA, Quá hạn 53 ngày) |"),
        "{row}"
    );
    // Other tabs keep the standard columns only.
    let mut app = crate::support::app();
    keys(&mut app, "2");
    let (md, _) = export(&mut app, "qua-han.md");
    assert!(
        !md.contains("Lý do bị chặn") && !md.contains("Ngày hoàn thành"),
        "{md}"
    );
}

#[test]
fn export_of_the_statistics_view_is_its_table() {
    let mut app = app();
    keys(&mut app, "s");
    let (csv, message) = export(&mut app, "thong-ke.csv");
    assert!(message.starts_with("Đã ghi 5 cơ quan vào"), "{message}");
    let header = csv.lines().next().unwrap();
    assert!(header.contains("Cơ quan,Giao,Đúng hạn,Trễ hạn"), "{header}");
    assert!(csv.contains("BTP,Bộ Tư pháp,3,0,1,1,1,0,0"), "{csv}");
    assert_eq!(app.screen, sauro_tui::Screen::Agencies, "the view stays");
}

#[test]
fn an_empty_list_keeps_the_header_of_a_full_one() {
    for (w, h) in [(80, 24), (120, 32)] {
        let full = app();
        let t = draw(&full, w, h);
        let header = row(buffer(&t), 3);
        let mut empty = app();
        keys(&mut empty, "/zzzz<Enter>");
        assert_eq!(empty.visible_len(), 0);
        let t = draw(&empty, w, h);
        let buf = buffer(&t);
        assert_eq!(row(buf, 3), header, "{w}×{h}: the same columns");
        assert!(row(buf, 4).contains("Không có nhiệm vụ nào khớp bộ lọc."));
    }
}
