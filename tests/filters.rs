//! The command line's filters (`--lead`, `--no-lead`, `--search`, pushed down to SQL as
//! the store's `TaskFilter`) and the terminal UI's (`App::passes_filters`,
//! in memory) pick the same tasks: a body merged away and the body it was
//! merged into find each other's tasks, co-leads count as leads, and a
//! search naming an agency finds what it leads or supports; the UI's
//! overdue, blocked and due-soon tabs hold what `sauro overdue`, `blocked`
//! and `due` list.

use crate::util::{Env, TODAY, fixture};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sauro_core::Lang;
use sauro_store::Store;
use sauro_tui::{App, action_for};

/// The UI on TODAY with `script` typed (`\n` is Enter), its visible ids sorted.
fn tui_ids(env: &Env, script: &str) -> Vec<String> {
    tui_ids_on(env, TODAY, script)
}

/// The UI as of `day` with `script` typed, its visible ids sorted.
fn tui_ids_on(env: &Env, day: &str, script: &str) -> Vec<String> {
    let store = Store::open(&env.db()).unwrap();
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let mut app = App::new(store, day, Lang::Vi).unwrap();
    for c in script.chars() {
        let (code, modifiers) = match c {
            '\n' => (KeyCode::Enter, KeyModifiers::NONE),
            c if c.is_uppercase() => (KeyCode::Char(c), KeyModifiers::SHIFT),
            c => (KeyCode::Char(c), KeyModifiers::NONE),
        };
        if let Some(action) = action_for(app.mode(), KeyEvent::new(code, modifiers)) {
            app.update(action).unwrap();
        }
    }
    let mut ids: Vec<String> = app.visible().map(|t| t.id().to_owned()).collect();
    ids.sort();
    ids
}

/// `sauro list ARGS` on TODAY, its ids sorted.
fn cli_ids(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list"];
    all.extend(args);
    let mut ids = env.ids(&all);
    ids.sort();
    ids
}

#[test]
fn the_command_line_and_the_ui_filter_alike() {
    let env = Env::with_data();
    env.ok(&["import", fixture("predecessor.toml").to_str().unwrap()]);
    env.ok(&["import", fixture("co-leads.toml").to_str().unwrap()]);
    // The lead picker takes the agency's name as typed on the command line.
    for (lead, typed) in [
        ("BTTTT", "Bộ Thông tin"),
        ("BKHCN", "Bộ Khoa học"),
        ("BCA", "Bộ Công an"),
        ("BTP", "Bộ Tư pháp"),
    ] {
        let cli = cli_ids(&env, &["--lead", lead]);
        assert!(!cli.is_empty(), "{lead}");
        assert_eq!(tui_ids(&env, &format!("a{typed}\n")), cli, "--lead {lead}");
    }
    // The tabs and the commands: overdue, blocked, due within 7 days (a
    // day a week before many deadlines of 31/12/2026).
    let day = "2026-12-26";
    for (tab, command) in [("2", "overdue"), ("3", "blocked"), ("4", "due")] {
        let mut cli = env.ids(&["--as-of", day, command]);
        cli.sort();
        assert!(!cli.is_empty(), "{command}");
        assert_eq!(
            tui_ids_on(&env, day, tab),
            cli,
            "tab {tab} vs sauro {command}"
        );
    }
    // No lead: the picker's "(chưa rõ chủ trì)" and `--no-lead`, today and
    // on a past day (replayed).
    for day in [TODAY, "2025-06-01"] {
        let mut cli = env.ids(&["--as-of", day, "list", "--no-lead"]);
        cli.sort();
        assert!(!cli.is_empty(), "--no-lead on {day}");
        assert!(cli.len() < env.ids(&["--as-of", day, "list"]).len());
        assert_eq!(
            tui_ids_on(&env, day, "achua ro chu tri\n"),
            cli,
            "--no-lead on {day}"
        );
    }
    for search in ["Bộ TT&TT", "công dân số", "BCA"] {
        let cli = cli_ids(&env, &["--search", search]);
        assert!(!cli.is_empty(), "{search}");
        assert_eq!(
            tui_ids(&env, &format!("/{search}\n")),
            cli,
            "--search {search}"
        );
    }
}
