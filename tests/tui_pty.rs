//! The real binary's terminal UI in a pseudo-terminal: start `sauro` with no
//! arguments on a fresh database, search, mark the task done through the
//! form, quit, and find the change in the database.
//!
//! ratatui redraws only the cells that changed, so the output stream is not
//! the screen's text: a small terminal emulator ([`Screen`]) replays it, and
//! the test waits until the emulated screen shows what it expects.

use crate::util::{Env, TODAY};
use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use std::io::{ErrorKind, Write};
use std::process::Command;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthChar;

const COLS: u16 = 140;
const ROWS: u16 = 40;
/// Generous: the first start imports the bundled directives in a debug build,
/// on two busy cores.
const START_TIMEOUT: Duration = Duration::from_secs(180);
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

/// The screen a terminal would show after the bytes fed so far: cursor
/// moves, clears and printed characters; colours and modes are ignored.
struct Screen {
    cells: Vec<Vec<String>>,
    row: usize,
    col: usize,
    pending: Vec<u8>,
}

impl Screen {
    fn new(cols: u16, rows: u16) -> Screen {
        Screen {
            cells: vec![vec![" ".to_owned(); cols as usize]; rows as usize],
            row: 0,
            col: 0,
            pending: Vec::new(),
        }
    }

    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|r| r.concat())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn clear_line(&mut self, row: usize, from: usize) {
        if let Some(r) = self.cells.get_mut(row) {
            for c in r.iter_mut().skip(from) {
                *c = " ".to_owned();
            }
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        let data = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < data.len() {
            match self.step(&data[i..]) {
                Some(n) => i += n,
                None => break,
            }
        }
        self.pending = data[i..].to_vec();
    }

    /// Interprets one character or escape sequence at the start of `d`;
    /// returns how many bytes it took, or `None` when `d` ends mid-way.
    fn step(&mut self, d: &[u8]) -> Option<usize> {
        let (rows, cols) = (self.cells.len(), self.cells[0].len());
        match d[0] {
            0x1b => match *d.get(1)? {
                b'[' => {
                    let end = d[2..].iter().position(|b| (0x40..=0x7e).contains(b))? + 2;
                    let params = String::from_utf8_lossy(&d[2..end]);
                    let nums: Vec<usize> = params
                        .trim_start_matches('?')
                        .split(';')
                        .map(|p| p.parse().unwrap_or(0))
                        .collect();
                    let n = |i: usize| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(1);
                    match d[end] {
                        b'H' | b'f' => {
                            self.row = (n(0) - 1).min(rows - 1);
                            self.col = (n(1) - 1).min(cols - 1);
                        }
                        b'A' => self.row = self.row.saturating_sub(n(0)),
                        b'B' => self.row = (self.row + n(0)).min(rows - 1),
                        b'C' => self.col = (self.col + n(0)).min(cols - 1),
                        b'D' => self.col = self.col.saturating_sub(n(0)),
                        b'G' => self.col = (n(0) - 1).min(cols - 1),
                        b'J' => {
                            // 0: from the cursor to the end; 1, 2, 3: treated as all.
                            let from = if nums[0] == 0 { self.row + 1 } else { 0 };
                            if nums[0] == 0 {
                                self.clear_line(self.row, self.col);
                            }
                            for r in from..rows {
                                self.clear_line(r, 0);
                            }
                        }
                        b'K' => {
                            let from = if nums[0] == 2 { 0 } else { self.col };
                            self.clear_line(self.row, from);
                        }
                        _ => {}
                    }
                    Some(end + 1)
                }
                b']' => {
                    // An operating system command, ended by BEL or ESC \.
                    let end = d.iter().position(|&b| b == 0x07 || b == b'\\')?;
                    Some(end + 1)
                }
                b'(' | b')' => d.get(2).map(|_| 3),
                _ => Some(2),
            },
            b'\r' => {
                self.col = 0;
                Some(1)
            }
            b'\n' => {
                self.row = (self.row + 1).min(rows - 1);
                Some(1)
            }
            0x08 => {
                self.col = self.col.saturating_sub(1);
                Some(1)
            }
            b if b < 0x20 => Some(1),
            b => {
                let len = match b {
                    0xf0.. => 4,
                    0xe0.. => 3,
                    0xc0.. => 2,
                    _ => 1,
                };
                let s = std::str::from_utf8(d.get(..len)?).unwrap_or("\u{fffd}");
                let c = s.chars().next().unwrap_or('\u{fffd}');
                match c.width().unwrap_or(0) {
                    0 => {
                        // A combining mark joins the letter before it.
                        let col = self.col.saturating_sub(1);
                        self.cells[self.row][col].push(c);
                    }
                    w => {
                        self.cells[self.row][self.col] = c.to_string();
                        if w == 2 && self.col + 1 < cols {
                            self.cells[self.row][self.col + 1] = String::new();
                        }
                        self.col = (self.col + w).min(cols - 1);
                    }
                }
                Some(len)
            }
        }
    }
}

/// `sauro` running in a pseudo-terminal, and what its screen shows.
struct Tui {
    session: expectrl::session::OsSession,
    screen: Screen,
    exited: bool,
}

impl Tui {
    fn start(env: &Env) -> Tui {
        Tui::start_with(env, &[])
    }

    /// `sauro ARGS` in the pseudo-terminal.
    fn start_with(env: &Env, args: &[&str]) -> Tui {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sauro"));
        cmd.args(args);
        cmd.env_clear()
            .env("SAURO_DB", env.db())
            .env("SAURO_TODAY", TODAY)
            .env("SAURO_USER", "thu-ky")
            .env("TERM", "xterm-256color")
            .env("HOME", env.dir.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        let mut session = Session::spawn(cmd).unwrap();
        // Before the UI reads its size; if it was quicker, it redraws on SIGWINCH.
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .unwrap();
        Tui {
            session,
            screen: Screen::new(COLS, ROWS),
            exited: false,
        }
    }

    /// Reads whatever the program wrote, without waiting.
    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        while !self.exited {
            match self.session.try_read(&mut buf) {
                Ok(0) => self.exited = true,
                Ok(n) => self.screen.feed(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // Linux answers EIO once the program has closed the terminal.
                Err(_) => self.exited = true,
            }
        }
    }

    /// Waits until the screen satisfies `ok`; panics with the screen if not.
    fn wait_until(&mut self, what: &str, timeout: Duration, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            self.pump();
            let text = self.screen.text();
            if ok(&text) {
                return;
            }
            assert!(
                !self.exited && start.elapsed() < timeout,
                "waited {:?} for {what}; the screen shows:\n{text}",
                start.elapsed()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?}"), STEP_TIMEOUT, |s| s.contains(text));
    }

    fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).unwrap();
        self.session.flush().unwrap();
    }

    /// Waits for the program to end and returns its exit code.
    fn wait_exit(&mut self, timeout: Duration) -> i32 {
        let start = Instant::now();
        loop {
            self.pump();
            match self.session.get_process().status().unwrap() {
                WaitStatus::Exited(_, code) => return code,
                WaitStatus::StillAlive => {}
                other => panic!("sauro ended by {other:?}"),
            }
            assert!(
                start.elapsed() < timeout,
                "sauro did not quit; the screen shows:\n{}",
                self.screen.text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

#[test]
fn search_mark_done_and_quit_in_a_real_terminal() {
    let env = Env::new();
    let mut tui = Tui::start(&env);
    // The bundled directives are imported, then listed.
    tui.wait_until("the bundled tasks", START_TIMEOUT, |s| {
        s.contains("bcdtw-ctct-2026/") && s.contains("Tất cả")
    });
    tui.send("/");
    tui.wait_for("Enter: giữ · Esc: xóa");
    tui.send("cong dan so");
    tui.wait_for("Tìm: \"cong dan so\"");
    tui.wait_for("Nhiệm vụ (1)");
    tui.send("\r");
    tui.wait_for("? trợ giúp");
    tui.wait_for("bcdtw-ctct-2026/01 QUÁ HẠN");
    tui.send("x");
    tui.wait_for("Đánh dấu hoàn thành — bcdtw-ctct-2026/01");
    tui.wait_for("Ngày hoàn thành: 22/11/2026");
    tui.send("\r");
    tui.wait_for("Đã lưu bcdtw-ctct-2026/01: hoàn thành ngày 22/11/2026");
    tui.send("q");
    assert_eq!(tui.wait_exit(STEP_TIMEOUT), 0);
    // Every connection was closed, the watcher's too: SQLite folded its
    // write-ahead log back and removed it.
    let mut left: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("db.sqlite"))
        .collect();
    left.sort();
    assert_eq!(left, ["db.sqlite"]);

    let db = rusqlite::Connection::open(env.db()).unwrap();
    let (state, state_on): (String, Option<String>) = db
        .query_row(
            "SELECT state, state_on FROM task WHERE id = 'bcdtw-ctct-2026/01'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(state, "done");
    assert_eq!(state_on.as_deref(), Some(TODAY));
    let done: Vec<(String, String)> = db
        .prepare(
            "SELECT day, by FROM history \
             WHERE task_id = 'bcdtw-ctct-2026/01' AND action = 'done'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(done, [(TODAY.to_owned(), "thu-ky".to_owned())]);
    // Nothing else was changed.
    let changes: i64 = db
        .query_row(
            "SELECT count(*) FROM history WHERE action <> 'import'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(changes, 1);
}

#[test]
fn a_change_made_by_another_process_appears_on_screen() {
    let env = Env::new();
    let mut tui = Tui::start(&env);
    tui.wait_until("the bundled tasks", START_TIMEOUT, |s| {
        s.contains("17 quá hạn") && s.contains("Quá hạn 17")
    });
    // `sauro done` in another terminal, on the same database.
    let out = Command::new(env!("CARGO_BIN_EXE_sauro"))
        .env_clear()
        .env("SAURO_DB", env.db())
        .env("SAURO_TODAY", TODAY)
        .env("SAURO_USER", "khac")
        .env("HOME", env.dir.path())
        .args(["done", "bcdtw-ctct-2026/01"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The UI notices the commit (it looks every second) and redraws.
    tui.wait_for("16 quá hạn");
    tui.wait_for("Quá hạn 16");
    tui.send("q");
    assert_eq!(tui.wait_exit(STEP_TIMEOUT), 0);
}

#[test]
fn the_screen_emulator_replays_moves_and_combining_marks() {
    let mut s = Screen::new(10, 3);
    s.feed("\x1b[2;3Hab\x1b[1;1Hx\x1b[31mé\x1b[0m".as_bytes());
    // A decomposed letter, split across two reads.
    let nfd = "e\u{0302}\u{0301}".as_bytes();
    s.feed(&nfd[..2]);
    s.feed(&nfd[2..]);
    assert_eq!(
        s.text(),
        "xée\u{0302}\u{0301}       \n  ab      \n          "
    );
    s.feed(b"\x1b[2J");
    assert_eq!(s.text().trim(), "");
}

#[test]
fn a_paste_is_typed_into_a_field_and_never_acts_as_keys() {
    let env = Env::new();
    let mut tui = Tui::start(&env);
    tui.wait_until("the bundled tasks", START_TIMEOUT, |s| {
        s.contains("bcdtw-ctct-2026/") && s.contains("Tất cả")
    });
    // A bracketed paste of "x⏎" in the list: as keys it would mark the
    // selected task done.
    tui.send("\x1b[200~x\r\x1b[201~");
    tui.send("n");
    tui.wait_for("Thêm ghi chú —");
    tui.send("\x1b[200~đã gửi\r\nCông văn 12/VPCP\x1b[201~");
    tui.wait_for("Ghi chú: đã gửi  Công văn 12/VPCP");
    tui.send("\r");
    tui.wait_for("đã thêm ghi chú");
    tui.send("q");
    assert_eq!(tui.wait_exit(STEP_TIMEOUT), 0);

    let db = rusqlite::Connection::open(env.db()).unwrap();
    let changes: Vec<(String, Option<String>)> = db
        .prepare("SELECT action, new FROM history WHERE action <> 'import'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].0, "note");
}

#[test]
fn review_a_draft_drop_a_task_and_import_the_rest() {
    let env = Env::new();
    let doc = env.dir.path().join("thong-bao.txt");
    std::fs::copy(crate::util::fixture("draft/thong-bao.txt"), &doc).unwrap();
    let out = env.dir.path().join("tb56.toml");
    let mut tui = Tui::start_with(
        &env,
        &[
            "draft",
            doc.to_str().unwrap(),
            "--review",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    tui.wait_for("56-TB-VPCP-2025 — 5 nhiệm vụ");
    tui.wait_for("Nguồn:");
    tui.send("x");
    tui.wait_for("Đã bỏ 56-TB-VPCP-2025/01");
    tui.send("i");
    assert_eq!(tui.wait_exit(STEP_TIMEOUT), 0);
    let db = rusqlite::Connection::open(env.db()).unwrap();
    let ids: Vec<String> = db
        .prepare("SELECT id FROM task ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        ids,
        [
            "56-TB-VPCP-2025/02",
            "56-TB-VPCP-2025/03",
            "56-TB-VPCP-2025/04",
            "56-TB-VPCP-2025/05"
        ]
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("56-TB-VPCP-2025/01"), "{text}");
}

#[test]
fn the_terminal_ui_works_on_a_shared_postgresql_database() {
    let Some(server) =
        sauro_pg::testing::server_or_skip("the_terminal_ui_works_on_a_shared_postgresql_database")
    else {
        return;
    };
    let mut pg = server.fresh_database().unwrap();
    let env = Env::with_data();
    let copied = Command::new(env!("CARGO_BIN_EXE_sauro"))
        .env("HOME", env.dir.path())
        .args(["db", "copy", env.db().to_str().unwrap(), &pg.address()])
        .output()
        .unwrap();
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    pg.user("lan", &[sauro_pg::roles::SECRETARY]).unwrap();
    let secretary = pg.user_address("lan");
    let mut tui = Tui::start_with(&env, &["--db", &secretary]);
    tui.wait_until("the copied tasks", START_TIMEOUT, |s| {
        s.contains("17 quá hạn") && s.contains("Quá hạn 17")
    });
    // Another secretary's change, on the shared database, appears on screen.
    let out = Command::new(env!("CARGO_BIN_EXE_sauro"))
        .env_clear()
        .env("SAURO_TODAY", TODAY)
        .env("HOME", env.dir.path())
        .args(["--db", &secretary, "done", "bcdtw-ctct-2026/01"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tui.wait_for("16 quá hạn");
    tui.wait_for("Quá hạn 16");
    tui.send("q");
    assert_eq!(tui.wait_exit(STEP_TIMEOUT), 0);
}
