//! Helpers: an [`App`] on an in-memory store holding one small directive,
//! a key script runner, and readers of a rendered buffer.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use sauro_core::Lang;
use sauro_core::directive_file::{SourceFile, load_registry};
use sauro_store::{Actor, Store};
use sauro_tui::{Action, App, TaskItem, action_for};

/// The day every test computes status for.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The wall clock the app dates history with.
pub const CLOCK: &str = "2026-11-22T09:00:00+07:00";

/// The directive every test loads, as of 22/11/2026:
/// /01 is 53 days overdue and blocks /02 and /06 (itself overdue); /03 is due
/// in 3 days; /04 was done late; /05 lacks four clarities; /07 is ongoing;
/// /08 is open.
pub const DIRECTIVE: &str = r#"# Bộ dữ liệu thử của giao diện, tính đến ngày 22/11/2026:
# /01 quá hạn 53 ngày và chặn /02, /06; /03 sắp đến hạn; /04 đã xong (trễ hạn);
# /05 thiếu bốn rõ; /07 thường xuyên; /08 trong hạn.
schema = 1

[directive]
id = "TN-2026"
number = "15/CT-TTg"
title = "Chỉ thị thử nghiệm về chuyển đổi số trong quản lý nhà nước"
issued_by = "TTG"
issued_on = 2026-01-15

[[task]]
id = "TN-2026/01"
title = "Trình Chính phủ nghị định về căn cước điện tử"
lead = "BCA"
responsible = "Bộ trưởng Bộ Công an"
product = "Nghị định về căn cước điện tử"
deadline = "30/09/2026"
authority = "CP"

[[task]]
id = "TN-2026/02"
title = "Ban hành thông tư hướng dẫn nghị định về căn cước điện tử"
lead = "BCA"
responsible = "Bộ trưởng Bộ Công an"
product = "Thông tư hướng dẫn thi hành"
deadline = "31/12/2026"
authority = "BCA"
depends_on = ["TN-2026/01"]

[[task]]
id = "TN-2026/03"
title = "Xây dựng Đề án số hóa sổ hộ tịch"
lead = "BTP"
responsible = "Bộ trưởng Bộ Tư pháp"
product = "Đề án số hóa sổ hộ tịch"
deadline = "25/11/2026"
authority = "TTG"

[[task]]
id = "TN-2026/04"
title = "Báo cáo kết quả rà soát văn bản quy phạm pháp luật"
lead = "BTP"
responsible = "Bộ trưởng Bộ Tư pháp"
product = "Báo cáo gửi Thủ tướng Chính phủ"
deadline = "quý 1/2026"
authority = "TTG"
status = "done"
done_on = 2026-05-10

[[task]]
id = "TN-2026/05"
title = "Nghiên cứu mô hình trung tâm dữ liệu vùng"
lead = "BKHCN"
note = "Chưa nêu sản phẩm, thời hạn, người chịu trách nhiệm."

[[task]]
id = "TN-2026/06"
title = "Kết nối cơ sở dữ liệu hộ tịch với căn cước điện tử"
lead = "BTP"
support = ["BCA"]
responsible = "Bộ trưởng Bộ Tư pháp"
product = "Hệ thống kết nối vận hành"
deadline = "quý 2/2026"
authority = "TTG"
depends_on = ["TN-2026/01"]

[[task]]
id = "TN-2026/07"
title = "Thường xuyên cập nhật dữ liệu dân cư"
lead = "BNV"
responsible = "Bộ trưởng Bộ Nội vụ"
product = "Dữ liệu dân cư được cập nhật"
deadline = "thường xuyên"
authority = "TTG"

[[task]]
id = "TN-2026/08"
title = "Bố trí kinh phí triển khai chỉ thị"
lead = "BTC"
responsible = "Bộ trưởng Bộ Tài chính"
product = "Quyết định giao dự toán"
deadline = "15/12/2026"
authority = "TTG"
"#;

/// A store holding the bundled agencies and [`DIRECTIVE`].
pub fn store() -> Store {
    store_with("tn-2026.toml", DIRECTIVE)
}

/// A store holding the bundled agencies and one directive file.
pub fn store_with(path: &str, text: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let registry = load_registry(SourceFile {
        path: "agencies.toml",
        text: include_str!("../../../data/agencies.toml"),
    })
    .unwrap();
    store.ensure_agencies(&registry).unwrap();
    let actor = Actor {
        by: "nap-du-lieu".into(),
        at: CLOCK.into(),
        day: as_of(),
    };
    store.import(&[SourceFile { path, text }], &actor).unwrap();
    store
}

/// The app on [`store`], in Vietnamese.
pub fn app() -> App {
    app_in(Lang::Vi)
}

/// The app on [`store`], in a language.
pub fn app_in(lang: Lang) -> App {
    let mut app = App::new(store(), as_of(), lang).unwrap();
    app.set_actor("thu-ky".into(), || CLOCK.to_owned());
    app
}

/// Turns a script such as `"jj/cong an<Enter>"` into key events: `<Name>`
/// is a special key (`<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`, `<BS>`,
/// `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<C-Left>`, `<C-Right>`, `<Del>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`, `<F5>`, `<C-x>`,
/// `<lt>` for `<`), any other character is typed.
pub fn key_events(script: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            events.push(special(&rest[1..end]));
            rest = &rest[end + 1..];
            continue;
        }
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        events.push(KeyEvent::new(KeyCode::Char(c), modifiers));
        rest = &rest[c.len_utf8()..];
    }
    events
}

fn special(name: &str) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match name {
        "Enter" | "CR" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Tab" => plain(KeyCode::Tab),
        "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "BS" | "Backspace" => plain(KeyCode::Backspace),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "PgUp" => plain(KeyCode::PageUp),
        "PgDn" => plain(KeyCode::PageDown),
        "Home" => plain(KeyCode::Home),
        "End" => plain(KeyCode::End),
        "lt" => plain(KeyCode::Char('<')),
        "Del" => plain(KeyCode::Delete),
        "C-Left" => KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL),
        "C-Right" => KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL),
        "F5" => plain(KeyCode::F(5)),
        _ => match name
            .strip_prefix("C-")
            .map(|c| c.chars().collect::<Vec<_>>())
        {
            Some(c) if c.len() == 1 => KeyEvent::new(KeyCode::Char(c[0]), KeyModifiers::CONTROL),
            _ => panic!("unknown key <{name}> in a test script"),
        },
    }
}

/// Presses the keys of `script` as the terminal loop does: each key goes
/// through the keymap of the current mode, then `update`. Returns the
/// actions taken.
pub fn keys(app: &mut App, script: &str) -> Vec<Action> {
    let mut taken = Vec::new();
    for ev in key_events(script) {
        if let Some(action) = action_for(app.mode(), ev) {
            app.update(action).unwrap();
            taken.push(action);
        }
    }
    taken
}

/// The ids of the visible tasks, in order.
pub fn visible_ids(app: &App) -> Vec<String> {
    app.visible().map(|t| t.id().to_owned()).collect()
}

/// The visible ids, sorted (for set comparisons).
pub fn visible_set(app: &App) -> Vec<String> {
    let mut ids = visible_ids(app);
    ids.sort();
    ids
}

/// Selects a task by moving down from the top, as a user would.
pub fn select(app: &mut App, id: &str) {
    keys(app, "g");
    let n = app.visible_len();
    for _ in 0..n {
        if app.selected_id() == Some(id) {
            return;
        }
        keys(app, "j");
    }
    assert_eq!(app.selected_id(), Some(id), "{id} is not visible");
}

/// A task by id; panics when it is not loaded.
pub fn item<'a>(app: &'a App, id: &str) -> &'a TaskItem {
    app.item(id).unwrap_or_else(|| panic!("no task {id}"))
}

/// Draws the app on a test terminal of the given size.
pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal
}

/// The drawn buffer.
pub fn buffer(terminal: &Terminal<TestBackend>) -> &Buffer {
    terminal.backend().buffer()
}

/// Row `y` of a buffer as text (one symbol per cell).
pub fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// Every row of a buffer.
pub fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| row(buf, y)).collect()
}

/// The whole screen as text, one line per row.
pub fn screen(buf: &Buffer) -> String {
    rows(buf).join("\n")
}

/// The column (cell x) where `needle` starts in row `y`, counting cells, not bytes.
pub fn column_of(buf: &Buffer, y: u16, needle: &str) -> Option<u16> {
    (0..buf.area.width).find(|&x| starts_at(buf, x, y, needle))
}

/// True when the cells from (`x`, `y`) on read `needle`.
pub fn starts_at(buf: &Buffer, x: u16, y: u16, needle: &str) -> bool {
    let mut text = String::new();
    for cx in x..buf.area.width {
        if text.len() >= needle.len() {
            break;
        }
        text.push_str(buf[(cx, y)].symbol());
    }
    text.starts_with(needle)
}

/// The first row containing `needle`.
pub fn row_of(buf: &Buffer, needle: &str) -> Option<u16> {
    (0..buf.area.height).find(|&y| row(buf, y).contains(needle))
}
