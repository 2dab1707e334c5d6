//! Whole screens as insta snapshots (text only; colours are checked in
//! `render.rs`). Review a changed `.snap` like code.

use crate::support::*;
use sauro_core::Lang;

/// Draws the app after a key script and snapshots the screen under `name`.
fn shot(name: &str, lang: Lang, script: &str, width: u16, height: u16) {
    let mut app = app_in(lang);
    keys(&mut app, script);
    let terminal = draw(&app, width, height);
    insta::assert_snapshot!(name, terminal.backend());
}

#[test]
fn task_list() {
    shot("tasks_vi_120x32", Lang::Vi, "", 120, 32);
    shot("tasks_en_120x32", Lang::En, "", 120, 32);
    shot("tasks_vi_100x30", Lang::Vi, "", 100, 30);
    shot("tasks_en_100x30", Lang::En, "", 100, 30);
}

#[test]
fn task_list_wide_with_a_blocked_task() {
    shot("tasks_blocked_vi_160x40", Lang::Vi, "jj", 160, 40);
    shot("tasks_blocked_en_160x40", Lang::En, "jj", 160, 40);
}

#[test]
fn task_list_filtered() {
    shot("overdue_tab_vi_120x32", Lang::Vi, "2", 120, 32);
    shot("search_vi_120x32", Lang::Vi, "/cong an", 120, 32);
    shot("missing_clarity_en_100x30", Lang::En, "5", 100, 30);
}

#[test]
fn agency_view() {
    shot("agencies_vi_120x32", Lang::Vi, "s", 120, 32);
    shot("agencies_en_120x32", Lang::En, "s", 120, 32);
    shot("agencies_vi_100x30", Lang::Vi, "s", 100, 30);
}

#[test]
fn dependency_view() {
    shot("dependencies_vi_120x32", Lang::Vi, "jd", 120, 32);
    shot("dependencies_en_100x30", Lang::En, "jjd", 100, 30);
}

#[test]
fn help() {
    shot("help_vi_120x32", Lang::Vi, "?", 120, 32);
    shot("help_en_120x32", Lang::En, "?", 120, 32);
    shot("help_vi_100x30", Lang::Vi, "?", 100, 30);
}

#[test]
fn forms() {
    shot(
        "extend_form_vi_120x32",
        Lang::Vi,
        "jequý II/2027<Tab>ttg<Tab>Công văn 123/VPCP-PL<Tab>Chờ ý kiến thẩm định",
        120,
        32,
    );
    shot(
        "extend_form_refused_vi_120x32",
        Lang::Vi,
        "je31/03/2027<Tab>XYZ<Tab>Công văn 123/VPCP-PL<Tab>Chờ ý kiến<Enter>",
        120,
        32,
    );
    shot("done_form_en_100x30", Lang::En, "jx", 100, 30);
    shot("lead_picker_vi_100x30", Lang::Vi, "acong", 100, 30);
}

#[test]
fn after_a_change() {
    shot("marked_done_vi_120x32", Lang::Vi, "jx<Enter>", 120, 32);
}
