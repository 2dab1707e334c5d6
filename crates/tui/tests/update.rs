//! Key scripts through the keymap and `App::update`, on the in-memory store.

use crate::support::*;
use chrono::NaiveDate;
use sauro_core::{Deadline, Lang, Status};
use sauro_tui::{App, Mode, Pane, Screen, Tab};

/// The action order of the fixture: overdue first, done last.
const ORDER: [&str; 8] = [
    "TN-2026/06",
    "TN-2026/01",
    "TN-2026/02",
    "TN-2026/03",
    "TN-2026/08",
    "TN-2026/05",
    "TN-2026/07",
    "TN-2026/04",
];

fn ids(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
    v.sort();
    v
}

#[test]
fn loads_every_task_in_action_order() {
    let app = app();
    assert_eq!(visible_ids(&app), ORDER);
    assert_eq!(app.selected_id(), Some("TN-2026/06"));
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.tab_counts(), [8, 2, 2, 1, 2, 1]);
}

#[test]
fn j_k_g_and_shift_g_move_the_selection() {
    let mut app = app();
    keys(&mut app, "j");
    assert_eq!(app.selected_id(), Some(ORDER[1]));
    keys(&mut app, "jj");
    assert_eq!(app.selected_id(), Some(ORDER[3]));
    keys(&mut app, "k");
    assert_eq!(app.selected_id(), Some(ORDER[2]));
    keys(&mut app, "G");
    assert_eq!(app.selected_id(), Some(ORDER[7]));
    keys(&mut app, "j");
    assert_eq!(app.selected_id(), Some(ORDER[7]), "stays on the last row");
    keys(&mut app, "g");
    assert_eq!(app.selected_id(), Some(ORDER[0]));
    keys(&mut app, "k");
    assert_eq!(app.selected_id(), Some(ORDER[0]), "stays on the first row");
    keys(&mut app, "<Down><Down><Up><End><Home>");
    assert_eq!(app.selected_id(), Some(ORDER[0]));
}

#[test]
fn page_down_moves_by_the_height_the_view_last_drew() {
    let mut app = app();
    // Before any drawing a page is 20 rows: past the end of 8 tasks.
    keys(&mut app, "<PgDn>");
    assert_eq!(app.selected_id(), Some(ORDER[7]));
    keys(&mut app, "<PgUp>");
    assert_eq!(app.selected_id(), Some(ORDER[0]));
    // At 60×12 only the list shows, 6 rows of it.
    draw(&app, 60, 12);
    keys(&mut app, "<PgDn>");
    assert_eq!(app.selected_id(), Some(ORDER[6]));
    keys(&mut app, "<PgDn>");
    assert_eq!(app.selected_id(), Some(ORDER[7]));
    keys(&mut app, "<PgUp>");
    assert_eq!(app.selected_id(), Some(ORDER[1]));
    keys(&mut app, "<C-d>");
    assert_eq!(app.selected_id(), Some(ORDER[7]));
    keys(&mut app, "<C-u>");
    assert_eq!(app.selected_id(), Some(ORDER[1]));
    // The selected row stays on screen.
    keys(&mut app, "G");
    let t = draw(&app, 60, 12);
    assert!(screen(buffer(&t)).contains(ORDER[7]));
}

#[test]
fn the_overdue_tab_shows_only_overdue_tasks() {
    let mut app = app();
    keys(&mut app, "2");
    assert_eq!(app.filter.tab, Tab::Overdue);
    assert_eq!(visible_set(&app), ids(&["TN-2026/01", "TN-2026/06"]));
    assert!(
        app.visible()
            .all(|t| t.assessment.status == Status::Overdue)
    );
    keys(&mut app, "3");
    assert_eq!(visible_set(&app), ids(&["TN-2026/02", "TN-2026/06"]));
    assert!(app.visible().all(|t| t.assessment.blocked));
    keys(&mut app, "4");
    assert_eq!(visible_set(&app), ids(&["TN-2026/03"]));
    keys(&mut app, "5");
    assert_eq!(visible_set(&app), ids(&["TN-2026/05", "TN-2026/07"]));
    assert!(app.visible().all(|t| !t.missing.is_empty()));
    keys(&mut app, "6");
    assert_eq!(visible_set(&app), ids(&["TN-2026/04"]));
    keys(&mut app, "1");
    assert_eq!(app.visible_len(), 8);
    // ] and [ step through the tabs and wrap around.
    keys(&mut app, "]");
    assert_eq!(app.filter.tab, Tab::Overdue);
    keys(&mut app, "[[");
    assert_eq!(app.filter.tab, Tab::Done);
    keys(&mut app, "<Right>");
    assert_eq!(app.filter.tab, Tab::All);
}

#[test]
fn a_tab_keeps_the_selection_when_it_is_still_visible() {
    let mut app = app();
    keys(&mut app, "j");
    assert_eq!(app.selected_id(), Some("TN-2026/01"));
    keys(&mut app, "2");
    assert_eq!(app.selected_id(), Some("TN-2026/01"));
    keys(&mut app, "4");
    assert_eq!(app.selected_id(), Some("TN-2026/03"));
}

#[test]
fn search_ignores_diacritics_and_case() {
    let mut app = app();
    keys(&mut app, "/cong an");
    assert_eq!(app.mode(), Mode::Search, "still typing");
    // BCA is "Bộ Công an": it leads /01 and /02 and supports /06.
    let cong_an = ids(&["TN-2026/01", "TN-2026/02", "TN-2026/06"]);
    assert_eq!(visible_set(&app), cong_an);
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.filter.search, "cong an");
    assert_eq!(visible_set(&app), cong_an);

    for typed in ["Công An", "CÔNG AN", "cÔng aN"] {
        let mut app = crate::support::app();
        keys(&mut app, &format!("/{typed}<Enter>"));
        assert_eq!(visible_set(&app), cong_an, "{typed}");
    }
    // "d" finds "đ" and "đ" finds "d": "Đề án" is only in /03.
    for typed in ["de an", "đe an", "ĐỀ ÁN", "DE AN"] {
        let mut app = crate::support::app();
        keys(&mut app, &format!("/{typed}<Enter>"));
        assert_eq!(visible_set(&app), ids(&["TN-2026/03"]), "{typed}");
    }
    let mut app = crate::support::app();
    keys(&mut app, "/nghi dinh<Enter>");
    assert_eq!(visible_set(&app), ids(&["TN-2026/01", "TN-2026/02"]));
}

#[test]
fn backspace_and_esc_edit_and_clear_the_search() {
    let mut app = app();
    keys(&mut app, "/tu phapx");
    assert_eq!(app.visible_len(), 0);
    keys(&mut app, "<BS>");
    assert_eq!(
        visible_set(&app),
        ids(&["TN-2026/03", "TN-2026/04", "TN-2026/06"])
    );
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.filter.search, "");
    assert_eq!(app.visible_len(), 8);
    // Esc in the list clears a kept search.
    keys(&mut app, "/kinh phi<Enter>");
    assert_eq!(visible_ids(&app), ["TN-2026/08"]);
    assert_eq!(app.selected_id(), Some("TN-2026/08"));
    keys(&mut app, "<Esc>");
    assert_eq!(app.visible_len(), 8);
    assert_eq!(app.selected_id(), Some("TN-2026/08"), "selection kept");
}

#[test]
fn the_lead_picker_narrows_by_typing_and_filters_the_list() {
    let mut app = app();
    keys(&mut app, "a");
    assert_eq!(app.mode(), Mode::Picker);
    keys(&mut app, "tu phap<Enter>");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.filter.lead.as_deref(), Some("BTP"));
    assert_eq!(
        visible_set(&app),
        ids(&["TN-2026/03", "TN-2026/04", "TN-2026/06"])
    );
    // Filters combine: BTP and overdue.
    keys(&mut app, "2");
    assert_eq!(visible_ids(&app), ["TN-2026/06"]);
    // The first choice, "(mọi cơ quan)", clears the lead filter.
    keys(&mut app, "a<Enter>");
    assert_eq!(app.filter.lead, None);
    assert_eq!(visible_set(&app), ids(&["TN-2026/01", "TN-2026/06"]));
    // Arrows move in the picker; Esc closes it without a change.
    keys(&mut app, "a<Down><Esc>");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(app.filter.lead, None);
    keys(&mut app, "a<Down><Enter>");
    assert_eq!(app.filter.lead.as_deref(), Some("BCA"));
    // c clears every filter.
    keys(&mut app, "/thong tu<Enter>c");
    assert_eq!(app.filter, Default::default());
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn the_directive_picker_filters_by_directive() {
    let mut app = app();
    keys(&mut app, "v15/ct<Enter>");
    assert_eq!(app.filter.directive.as_deref(), Some("TN-2026"));
    assert_eq!(app.visible_len(), 8);
    keys(&mut app, "vkhong co<Enter>");
    assert_eq!(app.mode(), Mode::Picker, "nothing to choose: stays open");
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn enter_on_a_prerequisite_jumps_to_it_and_backspace_returns() {
    let mut app = app();
    select(&mut app, "TN-2026/02");
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(app.pane, Pane::Detail);
    keys(&mut app, "<Enter>");
    assert_eq!(app.selected_id(), Some("TN-2026/01"));
    assert_eq!(app.mode(), Mode::List);
    keys(&mut app, "<BS>");
    assert_eq!(app.selected_id(), Some("TN-2026/02"));
    // Nothing more to go back to.
    keys(&mut app, "<BS>");
    assert_eq!(app.selected_id(), Some("TN-2026/02"));
}

#[test]
fn a_jump_clears_the_filters_that_hide_the_target() {
    let mut app = app();
    keys(&mut app, "3");
    select(&mut app, "TN-2026/02");
    // Tab focuses the detail pane too.
    keys(&mut app, "<Tab><Enter>");
    assert_eq!(app.selected_id(), Some("TN-2026/01"));
    assert_eq!(app.filter.tab, Tab::All);
    keys(&mut app, "<BS>");
    assert_eq!(app.selected_id(), Some("TN-2026/02"));
}

#[test]
fn enter_on_a_dependent_jumps_to_it() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    // /01 has no prerequisite; its dependents are /02 and /06.
    keys(&mut app, "<Enter>j<Enter>");
    let second = app.selected_id().unwrap().to_owned();
    assert!(
        ["TN-2026/02", "TN-2026/06"].contains(&second.as_str()),
        "{second}"
    );
    keys(&mut app, "<BS>");
    assert_eq!(app.selected_id(), Some("TN-2026/01"));
}

#[test]
fn the_dependency_view_opens_a_task_with_enter() {
    let mut app = app();
    select(&mut app, "TN-2026/02");
    keys(&mut app, "d");
    assert_eq!(app.screen, Screen::Dependencies);
    assert_eq!(app.mode(), Mode::Dependencies);
    // Row 0 is the heading, row 1 the prerequisite /01.
    keys(&mut app, "j<Enter>");
    assert_eq!(app.selected_id(), Some("TN-2026/01"));
    assert_eq!(app.screen, Screen::Dependencies);
    keys(&mut app, "<Esc>");
    assert_eq!(app.screen, Screen::Tasks);
    keys(&mut app, "<BS>");
    assert_eq!(app.selected_id(), Some("TN-2026/02"));
}

#[test]
fn enter_on_an_agency_lists_its_tasks() {
    let mut app = app();
    keys(&mut app, "s");
    assert_eq!(app.mode(), Mode::Agencies);
    let first = app.agencies()[0].agency.clone().unwrap();
    keys(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Tasks);
    assert_eq!(app.filter.lead.as_deref(), Some(first.as_str()));
    assert!(
        app.visible()
            .all(|t| t.task.lead.as_ref().unwrap().as_str() == first)
    );
    // Sorting keys change the order, t goes back.
    keys(&mut app, "sr");
    let reversed = app.agencies()[0].agency.clone().unwrap();
    assert_ne!(first, reversed);
    keys(&mut app, "t");
    assert_eq!(app.screen, Screen::Tasks);
}

#[test]
fn x_enter_marks_the_selected_task_done_in_the_store() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    keys(&mut app, "x");
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(app.form().unwrap().fields[0].value(), "22/11/2026");
    keys(&mut app, "<Enter>");
    assert!(app.form().is_none());
    let message = app.message().unwrap();
    assert!(!message.error);
    assert!(
        message
            .text
            .contains("Đã lưu TN-2026/01: hoàn thành ngày 22/11/2026"),
        "{}",
        message.text
    );
    let done = item(&app, "TN-2026/01");
    assert_eq!(done.assessment.status, Status::DoneLate);
    assert_eq!(
        done.task.state,
        sauro_core::TaskState::Done {
            on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        }
    );
    // The whole snapshot was reloaded: its dependents are no longer blocked.
    assert!(!item(&app, "TN-2026/02").assessment.blocked);
    assert!(!item(&app, "TN-2026/06").assessment.blocked);
    assert_eq!(app.tab_counts(), [8, 1, 0, 1, 2, 2]);
    // The selection stayed on the task, and its history shows the change.
    assert_eq!(app.selected_id(), Some("TN-2026/01"));
    let t = draw(&app, 160, 48);
    let text = screen(buffer(&t));
    assert!(text.contains("Lịch sử"), "{text}");
    assert!(text.contains("22/11/2026 thu-ky hoàn thành"), "{text}");
    // The store refuses a second time, and the form says why.
    keys(&mut app, "x<Enter>");
    let form = app.form().expect("a refused form stays open");
    assert!(
        form.error
            .as_deref()
            .unwrap()
            .contains("nhiệm vụ TN-2026/01: đã hoàn thành ngày 22/11/2026"),
        "{:?}",
        form.error
    );
    keys(&mut app, "<Esc>");
    // o reopens it.
    keys(&mut app, "o<Enter>");
    assert_eq!(item(&app, "TN-2026/01").assessment.status, Status::Overdue);
    assert!(item(&app, "TN-2026/02").assessment.blocked);
}

#[test]
fn a_bad_done_date_keeps_the_form_open() {
    let mut app = app();
    select(&mut app, "TN-2026/03");
    keys(
        &mut app,
        "x<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>31/02/2026<Enter>",
    );
    let form = app.form().expect("still open");
    assert_eq!(form.fields[0].value(), "31/02/2026");
    assert!(
        form.error.as_deref().unwrap().contains("ngày không hợp lệ"),
        "{:?}",
        form.error
    );
    // A day after the as-of day is refused by the store.
    keys(
        &mut app,
        "<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2026-11-30<Enter>",
    );
    let form = app.form().expect("still open");
    assert_eq!(
        form.error.as_deref(),
        Some(
            "nhiệm vụ TN-2026/03: không thể ghi hoàn thành ngày 30/11/2026, \
             sau ngày hôm nay (22/11/2026)"
        ),
    );
    keys(&mut app, "<Esc>");
    assert!(app.form().is_none());
    assert_eq!(item(&app, "TN-2026/03").assessment.status, Status::Open);

    // In English, the store's refusal is English.
    let mut app = app_in(Lang::En);
    select(&mut app, "TN-2026/03");
    keys(
        &mut app,
        "x<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2026-11-30<Enter>",
    );
    let form = app.form().expect("still open");
    assert_eq!(
        form.error.as_deref(),
        Some("task TN-2026/03: cannot be done on 2026-11-30, after today (2026-11-22)"),
    );
}

#[test]
fn an_unreadable_deadline_keeps_the_form_and_the_typed_text() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    keys(&mut app, "equý 5/2026<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    let form = app.form().unwrap();
    assert_eq!(form.fields[0].value(), "quý 5/2026");
    let expected = Deadline::parse("quý 5/2026", as_of())
        .unwrap_err()
        .message(Lang::Vi);
    assert_eq!(form.error.as_deref(), Some(expected.as_str()));
    assert!(
        expected.starts_with("không đọc được thời hạn \"quý 5/2026\": không có quý 5"),
        "{expected}"
    );
    assert!(!item(&app, "TN-2026/01").assessment.extended);
}

#[test]
fn an_extension_by_an_unknown_authority_is_refused() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    keys(
        &mut app,
        "e31/03/2027<Tab>XYZ<Tab>Công văn 123/VPCP-PL<Tab>Chờ ý kiến thẩm định<Enter>",
    );
    let form = app.form().expect("refused: still open");
    let error = form.error.as_deref().unwrap();
    assert!(error.contains("\"XYZ\""), "{error}");
    assert!(error.contains("không có trong danh mục"), "{error}");
    let typed: Vec<&str> = form.fields.iter().map(|f| f.value()).collect();
    assert_eq!(
        typed,
        [
            "31/03/2027",
            "XYZ",
            "Công văn 123/VPCP-PL",
            "Chờ ý kiến thẩm định"
        ]
    );
    let task = &item(&app, "TN-2026/01").task;
    assert!(!task.extended);
    assert_eq!(
        task.due_date(),
        Some(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap())
    );
}

#[test]
fn an_extension_needs_a_basis_and_a_reason() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    keys(&mut app, "e31/03/2027<Tab>TTG<Enter>");
    let error = app.form().unwrap().error.clone().unwrap();
    assert!(error.contains("văn bản căn cứ và lý do"), "{error}");
}

#[test]
fn a_good_extension_is_saved_and_the_task_shows_extended() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    keys(
        &mut app,
        "e31/03/2027<Tab>XYZ<Tab>Công văn 123/VPCP-PL<Tab>Chờ ý kiến thẩm định<Enter>",
    );
    assert!(app.form().is_some());
    // Back to the authority field, fix it (lower case is accepted), save.
    keys(&mut app, "<S-Tab><S-Tab><BS><BS><BS>ttg<Enter>");
    assert!(app.form().is_none(), "{:?}", app.form());
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("thời hạn mới 31/03/2027")
    );
    let extended = item(&app, "TN-2026/01");
    assert!(extended.assessment.extended);
    assert_eq!(extended.assessment.status, Status::Open);
    assert_eq!(
        extended.task.due_date(),
        Some(NaiveDate::from_ymd_opt(2027, 3, 31).unwrap())
    );
    assert_eq!(app.tab_counts()[1], 1, "only /06 is still overdue");
    let t = draw(&app, 160, 48);
    let text = screen(buffer(&t));
    assert!(text.contains("Thời hạn đã được điều chỉnh"), "{text}");
    assert!(text.contains("thu-ky điều chỉnh thời hạn"), "{text}");
    assert!(text.contains("123/VPCP-PL"), "{text}");
}

#[test]
fn cancel_needs_a_known_authority_and_a_reason() {
    let mut app = app();
    select(&mut app, "TN-2026/08");
    keys(&mut app, "XBộ Tài chính<Tab>Không còn cần thiết<Enter>");
    assert!(app.form().unwrap().error.is_some());
    keys(&mut app, "<Esc>Xcp<Enter>");
    let error = app.form().unwrap().error.clone().unwrap();
    assert!(error.contains("lý do"), "{error}");
    keys(&mut app, "<Tab>Không còn cần thiết<Enter>");
    assert!(app.form().is_none());
    assert_eq!(
        item(&app, "TN-2026/08").assessment.status,
        Status::Cancelled
    );
}

#[test]
fn n_adds_a_note() {
    let mut app = app();
    select(&mut app, "TN-2026/03");
    keys(&mut app, "nĐã họp với Bộ Tư pháp ngày 20/11<Enter>");
    assert!(app.form().is_none());
    assert!(app.message().unwrap().text.contains("đã thêm ghi chú"));
    assert_eq!(
        item(&app, "TN-2026/03").task.note.as_deref(),
        Some("Đã họp với Bộ Tư pháp ngày 20/11")
    );
    let t = draw(&app, 160, 48);
    let text = screen(buffer(&t));
    assert!(
        text.contains("22/11/2026 thu-ky: Đã họp với Bộ Tư pháp ngày 20/11"),
        "{text}"
    );
}

#[test]
fn keys_that_mean_commands_are_typed_inside_a_form() {
    let mut app = app();
    keys(&mut app, "nqjx?");
    assert_eq!(app.form().unwrap().fields[0].value(), "qjx?");
    assert!(!app.quit);
    keys(&mut app, "<C-c>");
    assert!(app.quit, "Ctrl+C quits from anywhere");
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    keys(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    keys(&mut app, "j");
    assert_eq!(app.mode(), Mode::Help);
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::List);
    keys(&mut app, "??");
    assert_eq!(app.mode(), Mode::List);
}

#[test]
fn q_quits() {
    let mut app = app();
    assert!(!app.quit);
    keys(&mut app, "q");
    assert!(app.quit);
    let mut app = crate::support::app();
    keys(&mut app, "s");
    keys(&mut app, "q");
    assert!(app.quit, "from the agency view too");
}

#[test]
fn export_writes_the_tasks_in_view_to_the_file_named() {
    let mut app = app();
    keys(&mut app, "2");
    let overdue = visible_ids(&app);
    assert!(!overdue.is_empty());
    keys(&mut app, "E");
    let suggested = app.form().unwrap().fields[0].value().to_owned();
    assert!(
        suggested.ends_with(".xlsx") && suggested.contains("2026-11-22"),
        "{suggested}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qua-han.csv");
    let erase = "<BS>".repeat(suggested.chars().count());
    keys(&mut app, &format!("{erase}{}<Enter>", path.display()));
    assert!(app.form().is_none(), "{:?}", app.form());
    assert!(
        app.message()
            .unwrap()
            .text
            .contains(&overdue.len().to_string())
    );
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    for id in &overdue {
        assert!(csv.contains(id.as_str()), "{id} missing from\n{csv}");
    }
    // Only the tasks in view: a done task is not in the overdue tab's file.
    assert_eq!(
        csv.lines().filter(|l| l.contains("TN-2026/")).count(),
        overdue.len()
    );

    // An unknown extension is refused in the form, keeping what was typed.
    keys(&mut app, "E<BS><BS><BS><BS>txt<Enter>");
    let form = app.form().unwrap();
    assert!(form.error.as_deref().unwrap().contains(".xlsx"));
    assert!(form.fields[0].value().ends_with(".txt"));
}

#[test]
fn a_first_screenful_shows_the_longest_overdue_tasks_until_the_full_load() {
    // The full list, as the reference for its head.
    let full = app();
    let head: Vec<String> = visible_ids(&full).into_iter().take(2).collect();
    assert!(
        head.iter()
            .all(|id| item(&full, id).assessment.status == Status::Overdue)
    );

    let db = store();
    let first = sauro_tui::Snapshot::first_screen(&db, as_of(), 7, 2)
        .unwrap()
        .unwrap();
    let mut app = sauro_tui::App::empty(db, as_of(), Lang::Vi, 7);
    app.apply(first);
    assert!(app.is_partial());
    assert_eq!(visible_ids(&app), head, "the same tasks, in the same order");
    let t = draw(&app, 120, 32);
    let text = screen(buffer(&t));
    assert!(text.contains("đang tải toàn bộ danh sách"), "{text}");
    assert!(text.contains("Nhiệm vụ (2…)"), "{text}");

    // More than there are overdue tasks: no first screenful, the full load comes first.
    let store = store();
    assert!(
        sauro_tui::Snapshot::first_screen(&store, as_of(), 7, 50)
            .unwrap()
            .is_none()
    );

    // The full load replaces it and keeps the selection.
    keys(&mut app, "j");
    let selected = app.selected_id().unwrap().to_owned();
    app.reload().unwrap();
    assert!(!app.is_partial());
    assert_eq!(visible_ids(&app).len(), visible_ids(&full).len());
    assert_eq!(app.selected_id(), Some(selected.as_str()));
}

#[test]
fn the_lead_picker_and_search_find_an_agency_by_an_alias() {
    let mut app = app();
    // "Bộ KH&CN" is an alias of BKHCN, not a part of its name.
    keys(&mut app, "abo kh&cn<Enter>");
    assert_eq!(app.filter.lead.as_deref(), Some("BKHCN"));
    assert_eq!(visible_ids(&app), ["TN-2026/05"]);
    // A body merged into BKHCN finds it too.
    keys(&mut app, "abo tt&tt<Enter>");
    assert_eq!(app.filter.lead.as_deref(), Some("BKHCN"));
    keys(&mut app, "c");
    // A search naming an agency by an alias finds what it leads or supports.
    keys(&mut app, "/Bộ KHCN<Enter>");
    assert_eq!(visible_ids(&app), ["TN-2026/05"]);
    keys(&mut app, "c/cong an<Enter>");
    assert_eq!(
        visible_set(&app),
        ids(&["TN-2026/01", "TN-2026/02", "TN-2026/06"])
    );
}

#[test]
fn a_form_records_nothing_while_the_ui_shows_another_day() {
    // The UI shows 01/11/2026; today is 22/11/2026: changes are dated by the
    // day they are recorded, so the store refuses, and the form says why.
    let past = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut app = sauro_tui::App::new(store(), past, Lang::Vi).unwrap();
    app.set_today(as_of());
    app.set_actor("thu-ky".into(), || CLOCK.to_owned());
    select(&mut app, "TN-2026/03");
    keys(&mut app, "nĐã họp<Enter>");
    let error = app.form().expect("refused: still open").error.clone();
    let error = error.unwrap();
    assert!(error.contains("ngày ghi nhận"), "{error}");
    assert!(
        error.contains("01/11/2026") && error.contains("22/11/2026"),
        "{error}"
    );
    keys(&mut app, "<Esc>");
    assert_eq!(item(&app, "TN-2026/03").task.note, None);
}

#[test]
fn an_extension_to_an_ongoing_deadline_is_refused_by_the_store() {
    let mut app = app();
    select(&mut app, "TN-2026/01");
    keys(
        &mut app,
        "ethường xuyên<Tab>TTG<Tab>Công văn 123/VPCP-PL<Tab>Chờ ý kiến<Enter>",
    );
    let error = app
        .form()
        .expect("refused: still open")
        .error
        .clone()
        .unwrap();
    assert!(
        error.starts_with("nhiệm vụ TN-2026/01: thời hạn mới"),
        "{error}"
    );
    assert!(!item(&app, "TN-2026/01").assessment.extended);
}

/// The fixture in a file, so a second session (another secretary) can
/// change it while the app shows it.
fn file_store(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("shared.db");
    let mut s = sauro_store::Store::open(&path).unwrap();
    let memory = store();
    s.ensure_agencies(&memory.registry().unwrap()).unwrap();
    let actor = sauro_store::Actor {
        by: "nap-du-lieu".into(),
        at: CLOCK.into(),
        day: as_of(),
    };
    s.import(
        &[sauro_core::directive_file::SourceFile {
            path: "tn-2026.toml",
            text: DIRECTIVE,
        }],
        &actor,
    )
    .unwrap();
    path
}

#[test]
fn a_save_over_a_change_made_underneath_is_refused_and_the_task_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_store(dir.path());
    let mut app = App::new(sauro_store::Store::open(&path).unwrap(), as_of(), Lang::Vi).unwrap();
    app.set_actor("thu-ky".into(), || CLOCK.to_owned());
    select(&mut app, "TN-2026/03");
    // The secretary opens the note form on the task as shown...
    keys(&mut app, "nĐã họp với Bộ Tư pháp");
    // ...while another secretary marks it done.
    let mut other = sauro_store::Store::open(&path).unwrap();
    let lan = sauro_store::Actor {
        by: "lan".into(),
        at: "2026-11-22T10:15:00+07:00".into(),
        day: as_of(),
    };
    other.mark_done("TN-2026/03", as_of(), &lan).unwrap();
    assert_eq!(item(&app, "TN-2026/03").assessment.status, Status::Open);
    keys(&mut app, "<Enter>");
    // Refused: the form stays open with what was typed, and says who and when.
    let form = app.form().expect("the refused form stays open");
    assert_eq!(form.fields[0].value(), "Đã họp với Bộ Tư pháp");
    let error = form.error.as_deref().unwrap();
    assert!(
        error
            .contains("nhiệm vụ TN-2026/03 đã được người khác cập nhật lúc 10:15 22/11/2026 (lan)"),
        "{error}"
    );
    assert!(error.contains("đã tải lại"), "{error}");
    // Nothing was written, and the task shows the other change now.
    let mut check = sauro_store::Store::open(&path).unwrap();
    assert!(check.notes("TN-2026/03").unwrap().is_empty());
    assert!(item(&app, "TN-2026/03").assessment.status.is_done());
    let t = draw(&app, 160, 48);
    assert!(screen(buffer(&t)).contains("đã được người khác cập nhật"));
    // Saving again acts on the task as now shown.
    keys(&mut app, "<Enter>");
    assert!(app.form().is_none(), "{:?}", app.form());
    assert_eq!(check.notes("TN-2026/03").unwrap().len(), 1);
    // The same in English.
    let mut en = App::new(sauro_store::Store::open(&path).unwrap(), as_of(), Lang::En).unwrap();
    en.set_actor("thu-ky".into(), || CLOCK.to_owned());
    select(&mut en, "TN-2026/03");
    keys(&mut en, "o");
    check.reopen("TN-2026/03", &lan).unwrap();
    keys(&mut en, "<Enter>");
    let error = en.form().unwrap().error.clone().unwrap();
    assert!(
        error.contains("task TN-2026/03 was updated by someone else at 10:15 22/11/2026 (lan)"),
        "{error}"
    );
}
