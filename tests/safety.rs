//! What sauro prints and writes cannot be turned against its reader: terminal
//! codes in titles and notes are shown, not obeyed; CSV cells cannot become
//! formulas; Markdown carries no HTML or script links; input files that are
//! devices, FIFOs, link loops or too large are refused at once; a long
//! dependency chain costs the briefing a line per task, not the chain again.

use crate::util::*;
use sauro_core::escape::is_unsafe;
use std::path::Path;
use std::time::Duration;

/// Tasks whose text attacks the terminal, the spreadsheet and the Markdown
/// viewer, as of 22/11/2026: /01 is overdue and blocks /02 (due 25/11);
/// /03 and /04 are overdue.
const ATTACK: &str = r#"schema = 1

[directive]
id = "AT-2026"
title = "Chỉ thị thử an toàn"
issued_by = "TTG"
issued_on = 2026-01-15

[[task]]
id = "AT-2026/01"
title = "Gốc \u001b]0;pwned\u0007\u001b[2J\rB\b\u202eX =cmd"
lead = "BCA"
responsible = "Bộ trưởng Bộ Công an"
product = "=HYPERLINK(\"http://x\",\"y\")"
deadline = "30/09/2026"
authority = "CP"
note = "ghi \u001b[31mchú\r\n<script>alert(1)</script> [x](javascript:alert(1))"

[[task]]
id = "AT-2026/02"
title = "+SUM(A1) \u001b[2J"
lead = "BTP"
deadline = "25/11/2026"
depends_on = ["AT-2026/01"]

[[task]]
id = "AT-2026/03"
title = "-2+3"
lead = "BTP"
deadline = "01/10/2026"

[[task]]
id = "AT-2026/04"
title = "@SUM(A1) <script>alert(2)</script> [y](javascript:alert(2))"
lead = "BTP"
deadline = "01/10/2026"
"#;

fn env_with(text: &str) -> Env {
    let env = Env::new();
    let file = env.dir.path().join("attack.toml");
    std::fs::write(&file, text).unwrap();
    env.ok(&["import", file.to_str().unwrap()]);
    env
}

/// The characters of `out` a terminal would obey, with where they stand.
fn unsafe_chars(out: &str) -> Vec<(usize, char)> {
    out.char_indices().filter(|(_, c)| is_unsafe(*c)).collect()
}

#[test]
fn terminal_codes_in_titles_and_notes_are_shown_not_obeyed() {
    let env = env_with(ATTACK);
    let file = env.dir.path().join("attack.toml");
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["overdue"],
        vec!["blocked"],
        vec!["due"],
        vec!["show", "AT-2026/01"],
        vec!["show", "AT-2026/02"],
        vec!["stats"],
        vec!["briefing"],
        vec!["briefing", "--format", "html"],
        vec!["export", "overdue", "--format", "md"],
        vec!["export", "overdue", "--format", "json"],
        vec!["list", "--format", "json"],
        vec!["graph", "--format", "mermaid"],
        vec!["graph"],
    ];
    for args in &commands {
        let out = env.ok(args);
        assert_eq!(unsafe_chars(&out), [], "sauro {args:?}:\n{out}");
        // JSON escapes the codes (`\u001b`), graph labels blank them, stats
        // shows no title; the rest show them as symbols.
        if !matches!(args[0], "stats" | "graph") && !args.contains(&"json") {
            assert!(
                out.contains('␛'),
                "sauro {args:?} shows ESC visibly:\n{out}"
            );
        }
    }
    // `check` fails (clarities are missing) but prints safely too.
    let out = env.run(&["check", file.to_str().unwrap()]);
    assert_eq!(unsafe_chars(&stdout(&out)), [], "{}", stdout(&out));
    // The table shows the codes as symbols, in one line per task.
    let list = env.ok(&["list"]);
    assert!(list.contains("Gốc ␛]0;pwned␇␛[2J␍B␈"), "{list}");
    assert_eq!(list.lines().filter(|l| l.contains("AT-2026/")).count(), 4);
    // JSON keeps the exact data for scripts.
    let show = env.show("AT-2026/01");
    assert_eq!(
        show["title"],
        "Gốc \u{1b}]0;pwned\u{7}\u{1b}[2J\rB\u{8}\u{202e}X =cmd"
    );
}

#[test]
fn error_messages_quote_values_safely() {
    let env = Env::new();
    let file = env.dir.path().join("bad.toml");
    std::fs::write(
        &file,
        ATTACK.replacen("lead = \"BCA\"", "lead = \"X\\u001b[2J\"", 1),
    )
    .unwrap();
    let out = env.run(&["import", file.to_str().unwrap()]);
    let err = refused(&out, &["bad.toml"]);
    assert_eq!(unsafe_chars(&err), [], "{err}");
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let env = env_with(ATTACK);
    let out = env.ok(&["export", "overdue", "--format", "csv"]);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        for cell in row.iter() {
            let first = cell
                .trim_start_matches([' ', '\t', '\r', '\n'])
                .chars()
                .next();
            let formula = matches!(first, Some('=' | '+' | '-' | '@'));
            assert!(
                !formula || cell.parse::<f64>().is_ok(),
                "{cell:?} in {row:?}"
            );
        }
        // The row number and the days overdue stay numbers.
        assert!(row[0].parse::<u32>().is_ok(), "{row:?}");
        assert!(row[8].parse::<u32>().is_ok(), "{row:?}");
    }
    let titles: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert!(titles.contains(&"'-2+3"), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.starts_with("'@SUM(A1)")),
        "{titles:?}"
    );
    assert!(
        rows.iter()
            .any(|r| &r[6] == "'=HYPERLINK(\"http://x\",\"y\")")
    );
    // Only the CRLF line ends remain of the control characters.
    assert!(
        unsafe_chars(&out.replace("\r\n", "\n")).is_empty(),
        "{out:?}"
    );
}

#[test]
fn markdown_carries_no_html_and_no_script_links() {
    let env = env_with(ATTACK);
    for args in [
        vec!["export", "overdue", "--format", "md"],
        vec!["briefing"],
    ] {
        let md = env.ok(&args);
        assert!(!md.contains("<script>"), "{md}");
        assert!(!md.contains("](javascript:"), "{md}");
        assert!(md.contains("\\<script\\>"), "{args:?}:\n{md}");
        assert!(md.contains("javascript\\:alert"), "{args:?}:\n{md}");
    }
    let html = env.ok(&["briefing", "--format", "html"]);
    assert!(!html.contains("<script>"));
}

fn refused_quickly(env: &Env, args: &[&str], needles: &[&str]) {
    let out = env
        .sauro()
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    refused(&out, needles);
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_and_a_link_loop_are_refused_at_once() {
    let env = Env::new();
    let dir = env.dir.path();
    let fifo = dir.join("x.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let zero = dir.join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let (a, b) = (dir.join("a.toml"), dir.join("b.toml"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    for cmd in ["import", "check"] {
        refused_quickly(
            &env,
            &[cmd, &s(&fifo)],
            &["x.toml", "không phải tệp thường"],
        );
        refused_quickly(
            &env,
            &[cmd, &s(&zero)],
            &["zero.toml", "không phải tệp thường"],
        );
        refused_quickly(&env, &[cmd, &s(&a), "--lang", "en"], &["a.toml", "loop"]);
    }
    // Walking a folder that holds them: refused, naming the first one.
    refused_quickly(
        &env,
        &["import", &s(dir), "--lang", "en"],
        &["a.toml", "loop"],
    );
    // A folder with a link back to itself.
    let folder = dir.join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("again")).unwrap();
    refused_quickly(&env, &["check", &s(&folder)], &["again", "vòng lặp"]);
}

#[test]
fn an_oversized_file_is_refused_with_the_limit() {
    let env = Env::new();
    let big = env.dir.path().join("big.toml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(16 * 1024 * 1024 + 1).unwrap();
    refused_quickly(
        &env,
        &["import", big.to_str().unwrap()],
        &["big.toml", "16 MiB"],
    );
    assert!(!env.db().exists() || env.counts().tasks == 0);
}

#[test]
fn an_invisible_title_is_refused_as_empty() {
    let env = Env::new();
    let file = env.dir.path().join("blank.toml");
    std::fs::write(
        &file,
        ATTACK.replacen(
            "title = \"-2+3\"",
            "title = \"\\u200B\\uFEFF\\u00AD \\u2060\"",
            1,
        ),
    )
    .unwrap();
    let out = env.run(&["import", file.to_str().unwrap()]);
    refused(&out, &["blank.toml", "AT-2026/03", "title là bắt buộc"]);
}

/// A chain of 4 000 tasks, each waiting for the one before: the briefing
/// lists each blocked task once with its direct blocker, the root and the
/// chain's length, so its size grows with the chain, not with its square
/// (before: 128 MB of Markdown).
#[test]
fn a_long_chain_costs_the_briefing_one_line_per_task() {
    const N: usize = 4_000;
    let mut text = String::from(
        "schema = 1\n\n[directive]\nid = \"CH\"\ntitle = \"Chuỗi\"\nissued_by = \"TTG\"\nissued_on = 2026-01-15\n",
    );
    for i in 0..N {
        text.push_str(&format!(
            "\n[[task]]\nid = \"CH/{i}\"\ntitle = \"Bước {i}\"\nlead = \"BCA\"\ndeadline = \"31/12/2027\"\n"
        ));
        if i > 0 {
            text.push_str(&format!("depends_on = [\"CH/{}\"]\n", i - 1));
        }
    }
    let env = env_with(&text);
    let md = env.ok(&["briefing"]);
    assert!(md.len() < N * 400, "{} bytes for {N} tasks", md.len());
    let last = md
        .lines()
        .find(|l| l.starts_with(&format!("| CH/{} |", N - 1)))
        .unwrap_or_else(|| panic!("CH/{} is not listed as blocked", N - 1));
    assert!(
        last.contains(&format!("CH/{} → … → CH/0 ({} nhiệm vụ)", N - 2, N - 1)),
        "{last}"
    );
}
