//! One task reads the same wherever sauro shows it: the deadline cell of
//! `sauro list`, of the CSV and XLSX exports and of the terminal UI, and the
//! status words of a blocker in `sauro show`, `sauro export blocked` and the
//! terminal UI, in both languages — all from core's `wording` module.

use crate::output::cells;
use crate::util::{Env, TODAY, fixture};
use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sauro_core::Lang;
use sauro_store::Store;
use sauro_tui::{Action, App};

/// The day the appendix wordings are looked at (as in `wordings.rs`).
const AS_OF: &str = "2026-01-05";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The terminal UI on `as_of` with task `id` selected, drawn 200 columns
/// wide, as text rows.
fn tui_rows(env: &Env, as_of: &str, lang: Lang, id: &str) -> Vec<String> {
    let store = Store::open(&env.db()).unwrap();
    let mut app = App::new(store, day(as_of), lang).unwrap();
    app.update(Action::First).unwrap();
    for _ in 0..app.visible_len() {
        if app.selected_id() == Some(id) {
            break;
        }
        app.update(Action::Down).unwrap();
    }
    assert_eq!(app.selected_id(), Some(id), "{id} is not in the UI's list");
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The CSV rows of an export (header first).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The deadline cell of the first sheet's row of task `id`, as the
/// spreadsheet shows it: a date cell as dd/mm/yyyy, a text cell as is.
fn xlsx_deadline(path: &std::path::Path, id: &str) -> String {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let row = range
        .rows()
        .find(|r| matches!(&r[1], Data::String(s) if s == id))
        .unwrap_or_else(|| panic!("no row for {id}"));
    match &row[7] {
        Data::String(s) => s.clone(),
        Data::DateTime(dt) => {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            (epoch + chrono::Duration::days(dt.as_f64() as i64))
                .format("%d/%m/%Y")
                .to_string()
        }
        other => panic!("{id}: deadline cell {other:?}"),
    }
}

#[test]
fn the_deadline_cell_is_the_same_in_list_csv_xlsx_and_the_tui() {
    let env = Env::new();
    env.ok(&["import", fixture("wordings.toml").to_str().unwrap()]);
    let table = env.ok(&["list", "--directive", "WRD-2025", "--as-of", AS_OF]);
    let rows = cells(&table);
    assert_eq!(rows[0][2], "Thời hạn");
    let export = |more: &[&str]| {
        let mut args = vec!["export", "all", "--directive", "WRD-2025", "--as-of", AS_OF];
        args.extend(more);
        env.ok(&args)
    };
    let csv = csv_rows(&export(&["--format", "csv"]));
    assert_eq!(csv[0][7], "Thời hạn", "{:?}", csv[0]);
    let xlsx = env.dir.path().join("all.xlsx");
    export(&["-o", xlsx.to_str().unwrap()]);
    let mut recurring = 0;
    for row in &rows[1..] {
        let (id, cell) = (&row[0], &row[2]);
        recurring += usize::from(cell.starts_with("định kỳ; lần tới "));
        // The export adds the wording in brackets after the same cell.
        let exported = &csv.iter().find(|r| &r[1] == id).unwrap()[7];
        assert!(
            exported.starts_with(cell.as_str()),
            "{id}: CSV {exported:?} vs list {cell:?}"
        );
        let sheet = xlsx_deadline(&xlsx, id);
        assert!(
            sheet.starts_with(cell.as_str()),
            "{id}: XLSX {sheet:?} vs list {cell:?}"
        );
        // The UI's row, or its detail pane's head where the row is too
        // narrow, shows the same cell after the id.
        let screen = tui_rows(&env, AS_OF, Lang::Vi, id);
        let shown = screen.iter().any(|l| {
            l.match_indices(&format!("{id} "))
                .any(|(i, _)| l[i..].contains(&format!(" {cell}")))
        });
        assert!(shown, "{id}: the UI lacks {cell:?}:\n{}", screen.join("\n"));
    }
    assert_eq!(recurring, 1, "the fixture's recurring task:\n{table}");
}

#[test]
fn a_blocker_reads_the_same_in_show_export_and_the_tui() {
    let env = Env::with_data();
    let (task, blocker) = ("bcdtw-ctct-2026/03", "bcdtw-ctct-2026/01");
    for (lang, flag, link) in [
        (Lang::Vi, "vi", "bcdtw-ctct-2026/01 (BCA, Quá hạn 267 ngày)"),
        (Lang::En, "en", "bcdtw-ctct-2026/01 (BCA, 267 days overdue)"),
    ] {
        let show = env.ok(&["--lang", flag, "show", task]);
        assert!(show.contains(&format!("{task} ← {link}")), "{show}");
        let csv = csv_rows(&env.ok(&["--lang", flag, "export", "blocked", "--format", "csv"]));
        let row = csv.iter().find(|r| r[1] == task).unwrap();
        assert!(
            row.last().unwrap().contains(&format!("← {link}")),
            "{row:?}"
        );
        let screen = tui_rows(&env, TODAY, lang, task).join("\n");
        assert!(screen.contains(&format!("← {link}")), "{screen}");
        // The list's status cell of the blocker is the same words.
        let words = link.split_once(", ").unwrap().1.trim_end_matches(')');
        let table = env.ok(&["--lang", flag, "list", "--lead", "BCA"]);
        let row = cells(&table).into_iter().find(|r| r[0] == blocker).unwrap();
        assert!(row[1].starts_with(words), "{row:?}");
        // And the UI's deadline cell counts the days the same way.
        let screen = tui_rows(&env, TODAY, lang, blocker).join("\n");
        let count = match lang {
            Lang::Vi => "quá hạn 267 ngày",
            Lang::En => "267 days overdue",
        };
        assert!(screen.contains(count), "{screen}");
    }
}

#[test]
fn the_directive_line_is_the_same_in_show_and_the_tui() {
    let env = Env::new();
    env.ok(&["import", fixture("wordings.toml").to_str().unwrap()]);
    let id = "WRD-2025/01";
    for (lang, flag, line) in [
        (
            Lang::Vi,
            "vi",
            "Văn bản giao: 150/NQ-CP — Nghị quyết thử nghiệm với các cách ghi thời hạn của phụ lục thật (CP, ban hành 19/08/2025)",
        ),
        (
            Lang::En,
            "en",
            "Directive: 150/NQ-CP — Nghị quyết thử nghiệm với các cách ghi thời hạn của phụ lục thật (CP, issued 19/08/2025)",
        ),
    ] {
        let show = env.ok(&["--lang", flag, "show", id, "--as-of", AS_OF]);
        assert!(show.lines().any(|l| l == line), "{show}");
        // The detail pane may wrap the line: its words, in order, from the
        // label to the issue day.
        let screen = tui_rows(&env, AS_OF, lang, id);
        let start = screen
            .iter()
            .position(|l| l.contains(line.split(" — ").next().unwrap()))
            .unwrap_or_else(|| panic!("no directive line:\n{}", screen.join("\n")));
        let pane: Vec<&str> = screen[start..start + 4]
            .iter()
            // The detail pane is the last box of each row.
            .flat_map(|l| l.rsplit('│').nth(1).unwrap_or("").split_whitespace())
            .collect();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(pane[..words.len()], words, "{}", screen.join("\n"));
    }
}

#[test]
fn a_task_with_no_lead_reads_the_same_in_list_and_the_tui() {
    let env = Env::new();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    env.ok(&["import", data]);
    let id = "kl-hoi-nghi-6-2-2025/21";
    for (lang, code, words) in [
        (Lang::Vi, "vi", "(chưa rõ chủ trì)"),
        (Lang::En, "en", "(no lead)"),
    ] {
        let table = env.ok(&["list", "--search", id, "--as-of", AS_OF, "--lang", code]);
        assert!(table.contains(words), "{table}");
        // The UI's lead column is narrower: the same words, cut to fit,
        // never a dash of its own.
        let screen = tui_rows(&env, AS_OF, lang, id);
        let row = screen
            .iter()
            .find(|l| l.starts_with(&format!("│{id} ")))
            .expect("the task's row");
        let start: String = words.chars().take(6).collect();
        assert!(row.contains(&start), "{row}");
        assert!(!row.contains(" — "), "{row}");
    }
}
