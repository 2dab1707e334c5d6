//! The documents that leave sauro, end to end on the bundled data:
//! `export overdue` (XLSX, CSV, Markdown, JSON, split per lead), `graph`
//! (DOT, Mermaid) and `calendar` (iCalendar), each read back with a parser.

use crate::util::{Env, TODAY, refused, stdout};
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The ids `sauro overdue` lists, in its order.
fn overdue_ids(env: &Env, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["overdue"];
    args.extend(extra);
    env.ids(&args)
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

fn cell_number(c: &Data) -> f64 {
    match c {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The ISO day of an Excel date cell.
fn cell_date(c: &Data) -> String {
    match c {
        Data::DateTime(dt) => {
            let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            (epoch + chrono::Duration::days(dt.as_f64() as i64))
                .format("%Y-%m-%d")
                .to_string()
        }
        other => panic!("not an Excel date: {other:?}"),
    }
}

/// Rows of a sheet below the title and header, as calamine reads them.
fn sheet_rows(path: &Path, sheet: &str) -> (String, Vec<String>, Vec<Vec<Data>>) {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let title = cell_text(&rows.next().unwrap()[0]);
    let header = rows.next().unwrap().iter().map(cell_text).collect();
    (title, header, rows.map(<[Data]>::to_vec).collect())
}

#[test]
fn overdue_xlsx_matches_the_overdue_list() {
    let env = Env::with_data();
    let path = env.dir.path().join("out/lists/overdue.xlsx");
    let out = env.ok(&["export", "overdue", "-o", path.to_str().unwrap()]);
    assert!(out.contains("overdue.xlsx"), "{out}");
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), ["Quá hạn"]);
    let (title, header, rows) = sheet_rows(&path, "Quá hạn");
    assert_eq!(
        title,
        "Danh sách nhiệm vụ quá hạn — tính đến ngày 22/11/2026"
    );
    assert_eq!(
        header,
        [
            "STT",
            "Mã nhiệm vụ",
            "Nhiệm vụ",
            "Văn bản giao",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Sản phẩm",
            "Thời hạn",
            "Số ngày quá hạn",
            "Bị chặn bởi",
            "Ghi chú"
        ]
    );
    let tasks = env.tasks(&["overdue"]);
    assert!(!tasks.is_empty());
    assert_eq!(rows.len(), tasks.len());
    for (i, (row, t)) in rows.iter().zip(&tasks).enumerate() {
        assert_eq!(cell_number(&row[0]), (i + 1) as f64);
        assert_eq!(cell_text(&row[1]), t["id"].as_str().unwrap());
        assert_eq!(cell_text(&row[2]), t["title"].as_str().unwrap());
        // A real date, unless the date and its wording are too wide for
        // the column (a number format cannot wrap): then wrapped text.
        let iso = t["deadline"].as_str().unwrap();
        match &row[7] {
            Data::String(s) => {
                assert!(s.chars().count() > 26, "{s} fits as a date");
                let dmy = format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4]);
                assert!(s.starts_with(&dmy), "{s}");
            }
            cell => assert_eq!(cell_date(cell), iso),
        }
        assert_eq!(cell_number(&row[8]), t["days_overdue"].as_f64().unwrap());
        let blocked: Vec<&str> = t["blocked_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        assert_eq!(cell_text(&row[9]), blocked.join(", "));
    }
    let bca = rows
        .iter()
        .find(|r| cell_text(&r[1]) == "bcdtw-ctct-2026/01")
        .unwrap();
    assert_eq!(cell_text(&bca[3]), "bcdtw-ctct-2026 ngày 21/02/2026");
    assert_eq!(cell_text(&bca[4]), "Bộ Công an (BCA)");
    assert_eq!(cell_number(&bca[8]), 267.0);
}

#[test]
fn overdue_xlsx_needs_a_file() {
    let env = Env::with_data();
    refused(
        &env.run(&["export", "overdue"]),
        &["không thể in bảng tính XLSX ra terminal", "-o"],
    );
    refused(
        &env.run(&["--lang", "en", "export", "overdue"]),
        &["an XLSX workbook cannot go to the terminal", "-o"],
    );
    refused(
        &env.run(&["export", "overdue", "--split-by", "lead"]),
        &["-o THƯ_MỤC"],
    );
    refused(
        &env.run(&[
            "export",
            "overdue",
            "--split-by",
            "lead",
            "--format",
            "csv",
            "-o",
            "x.csv",
        ]),
        &["-o phải là một thư mục, không phải tệp x.csv"],
    );
    refused(
        &env.run(&[
            "--lang",
            "en",
            "export",
            "overdue",
            "--split-by",
            "lead",
            "--format",
            "csv",
            "-o",
            "x.csv",
        ]),
        &["-o names a folder, not the file x.csv"],
    );
    // A folder that is a file.
    let file = env.dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let target = file.join("overdue.csv");
    refused(
        &env.run(&[
            "export",
            "overdue",
            "--format",
            "csv",
            "-o",
            target.to_str().unwrap(),
        ]),
        &["không tạo được thư mục", "plain"],
    );
}

#[test]
fn overdue_csv_has_bom_crlf_and_follows_filters_and_language() {
    let env = Env::with_data();
    let out = env
        .sauro()
        .args(["export", "overdue", "--format", "csv", "--lead", "BCA"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut quoted = false;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => assert_eq!(bytes[i - 1], b'\r', "bare LF at {i}"),
            _ => {}
        }
    }
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&r.headers().unwrap()[1], "Mã nhiệm vụ");
    let ids: Vec<String> = r.records().map(|rec| rec.unwrap()[1].to_owned()).collect();
    assert_eq!(ids, overdue_ids(&env, &["--lead", "BCA"]));
    assert_eq!(ids.len(), 4);

    let en = env
        .sauro()
        .args(["export", "overdue", "--format", "csv", "--lang", "en"])
        .output()
        .unwrap();
    let mut r = csv::Reader::from_reader(&en.stdout[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers[0], "No.");
    assert_eq!(headers[7], "Deadline");
    let first = r.records().next().unwrap().unwrap();
    assert!(first[3].contains(" of "), "{:?}", &first[3]);
}

#[test]
fn overdue_as_of_an_earlier_day_lists_fewer() {
    let env = Env::with_data();
    let now = env.json(&["export", "overdue"]);
    let then = env.json(&["export", "overdue", "--as-of", "2026-03-15"]);
    let (now, then) = (now.as_array().unwrap(), then.as_array().unwrap());
    assert!(then.len() < now.len(), "{} vs {}", then.len(), now.len());
    let ids: Vec<&str> = then.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, overdue_ids(&env, &["--as-of", "2026-03-15"]));
    let first = &then[0];
    assert_eq!(first["no"], 1);
    for k in [
        "id",
        "title",
        "assigned_by",
        "deadline",
        "days_overdue",
        "blocked_by",
        "note",
    ] {
        assert!(first.get(k).is_some(), "{k}: {first}");
    }
}

#[test]
fn overdue_markdown_is_a_table_with_a_heading() {
    let env = Env::with_data();
    let md = env.ok(&["export", "overdue", "--format", "md", "--search", "VNeID"]);
    let mut lines = md.lines();
    assert_eq!(
        lines.next().unwrap(),
        "## Danh sách nhiệm vụ quá hạn — tính đến ngày 22/11/2026"
    );
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    let ids = overdue_ids(&env, &["--search", "VNeID"]);
    assert_eq!(rows.len(), 1 + ids.len(), "header and rows");
    for (row, id) in rows[1..].iter().zip(&ids) {
        assert_eq!(row.split(" | ").nth(1).unwrap(), id);
    }
}

#[test]
fn split_by_lead_writes_one_file_per_lead() {
    let env = Env::with_data();
    let dir = env.dir.path().join("per-lead");
    env.ok(&[
        "export",
        "overdue",
        "--format",
        "csv",
        "--split-by",
        "lead",
        "-o",
        dir.to_str().unwrap(),
    ]);
    let tasks = env.tasks(&["overdue"]);
    let mut expect: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in &tasks {
        let lead = t["lead"].as_str().unwrap_or("KHONG_CHU_TRI").to_owned();
        expect
            .entry(format!("{lead}.csv"))
            .or_default()
            .push(t["id"].as_str().unwrap().to_owned());
    }
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let ids = r.records().map(|rec| rec.unwrap()[1].to_owned()).collect();
        found.insert(path.file_name().unwrap().to_str().unwrap().to_owned(), ids);
    }
    assert_eq!(found, expect);
    assert!(found.contains_key("BCA.csv"));
    assert!(found.contains_key("KHONG_CHU_TRI.csv"));

    // xlsx into a folder: one workbook per lead.
    let xdir = env.dir.path().join("xlsx-per-lead");
    env.ok(&[
        "export",
        "overdue",
        "--split-by",
        "lead",
        "-o",
        xdir.to_str().unwrap(),
    ]);
    let (title, _, rows) = sheet_rows(&xdir.join("BCA.xlsx"), "BCA");
    assert_eq!(
        title,
        "Danh sách nhiệm vụ quá hạn — Bộ Công an (BCA) — tính đến ngày 22/11/2026"
    );
    assert_eq!(rows.len(), expect["BCA.csv"].len());
}

#[test]
fn split_by_lead_into_one_workbook_has_a_sheet_per_lead() {
    let env = Env::with_data();
    let path = env.dir.path().join("all.xlsx");
    env.ok(&[
        "export",
        "overdue",
        "--split-by",
        "lead",
        "-o",
        path.to_str().unwrap(),
    ]);
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names();
    let tasks = env.tasks(&["overdue"]);
    let leads: BTreeSet<String> = tasks
        .iter()
        .map(|t| t["lead"].as_str().unwrap_or("KHONG_CHU_TRI").to_owned())
        .collect();
    assert_eq!(names.iter().cloned().collect::<BTreeSet<_>>(), leads);
    assert_eq!(names.last().unwrap(), "KHONG_CHU_TRI");
    let mut total = 0;
    for name in &names {
        assert!(name.chars().count() <= 31);
        let (_, header, rows) = sheet_rows(&path, name);
        assert_eq!(header[0], "STT");
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(cell_number(&row[0]), (i + 1) as f64, "numbered per sheet");
            let id = cell_text(&row[1]);
            let t = tasks.iter().find(|t| t["id"] == id.as_str()).unwrap();
            assert_eq!(t["lead"].as_str().unwrap_or("KHONG_CHU_TRI"), name);
        }
        total += rows.len();
    }
    assert_eq!(total, tasks.len());
}

/// Unquotes a DOT id written by sauro (task ids need no escapes).
fn unquote(s: &str) -> &str {
    s.trim()
        .strip_prefix('"')
        .unwrap()
        .strip_suffix('"')
        .unwrap()
}

/// Every prerequisite → dependent pair of the bundled data.
fn all_edges(env: &Env) -> BTreeSet<(String, String)> {
    let tasks = env.tasks(&["list"]);
    let mut out = BTreeSet::new();
    for t in &tasks {
        for p in t["depends_on"].as_array().unwrap() {
            out.insert((
                p.as_str().unwrap().to_owned(),
                t["id"].as_str().unwrap().to_owned(),
            ));
        }
    }
    out
}

#[test]
fn graph_dot_has_every_dependency_and_graphviz_accepts_it() {
    let env = Env::with_data();
    let dot = env.ok(&["graph"]);
    assert!(dot.starts_with("digraph sauro {"));
    let mut nodes = BTreeSet::new();
    let mut edges = BTreeSet::new();
    for line in dot.lines().map(str::trim) {
        let Some(stmt) = line.strip_suffix(';') else {
            continue;
        };
        if let Some((a, b)) = stmt.split_once(" -> ") {
            edges.insert((unquote(a).to_owned(), unquote(b).to_owned()));
        } else if let Some((id, _)) = stmt.split_once(" [label=") {
            nodes.insert(unquote(id).to_owned());
        }
    }
    let expect = all_edges(&env);
    assert!(!expect.is_empty());
    assert_eq!(edges, expect);
    let in_edges: BTreeSet<String> = expect
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect();
    assert_eq!(nodes, in_edges);
    assert!(dot.contains("28/02/2026"), "deadlines in labels");

    if let Ok(mut child) = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn graph_mermaid_root_and_refusals() {
    let env = Env::with_data();
    let path = env.dir.path().join("g/graph.mmd");
    env.ok(&[
        "graph",
        "--format",
        "mermaid",
        "--root",
        "bcdtw-ctct-2026/03",
        "-o",
        path.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.lines().any(|l| l == "flowchart LR"));
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut edges = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some((a, b)) = line.split_once(" --> ") {
            edges.push((a.to_owned(), b.to_owned()));
        } else if let Some((id, rest)) = line.split_once("[\"") {
            let first = rest.split("<br/>").next().unwrap();
            labels.insert(id.to_owned(), first.to_owned());
        }
    }
    let tasks: BTreeSet<&str> = labels.values().map(String::as_str).collect();
    assert_eq!(
        tasks,
        BTreeSet::from([
            "bcdtw-ctct-2026/01",
            "bcdtw-ctct-2026/03",
            "bcdtw-ctct-2026/05"
        ])
    );
    let edges: BTreeSet<(&str, &str)> = edges
        .iter()
        .map(|(a, b)| (labels[a].as_str(), labels[b].as_str()))
        .collect();
    assert_eq!(
        edges,
        BTreeSet::from([
            ("bcdtw-ctct-2026/01", "bcdtw-ctct-2026/03"),
            ("bcdtw-ctct-2026/03", "bcdtw-ctct-2026/05"),
        ])
    );
    assert!(text.contains("classDef overdue"));
    refused(
        &env.run(&["graph", "--root", "no-such/task"]),
        &["--root: không có nhiệm vụ nào mang mã \"no-such/task\""],
    );
    refused(
        &env.run(&["--lang", "en", "graph", "--root", "no-such/task"]),
        &["--root: no task has the id \"no-such/task\""],
    );
}

#[test]
fn graph_open_only_leaves_out_finished_tasks() {
    let env = Env::with_data();
    env.ok(&["done", "bcdtw-ctct-2026/01", "--on", "2026-03-10"]);
    let dot = env.ok(&["graph", "--open-only"]);
    assert!(!dot.contains("\"bcdtw-ctct-2026/01\""));
    assert!(dot.contains("\"bcdtw-ctct-2026/02\""));
    let all = env.ok(&["graph"]);
    assert!(all.contains("\"bcdtw-ctct-2026/01\" ["));
}

/// Checks CRLF and 75-octet lines, unfolds, and returns each VEVENT's UID
/// and DTSTART.
fn ics_events(ics: &str) -> BTreeMap<String, String> {
    let b = ics.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'\n' {
            assert_eq!(b[i - 1], b'\r', "bare LF at {i}");
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for physical in ics.split_terminator("\r\n") {
        assert!(physical.len() <= 75, "{} octets", physical.len());
        match physical.strip_prefix(' ') {
            Some(rest) => lines.last_mut().unwrap().push_str(rest),
            None => lines.push(physical.to_owned()),
        }
    }
    let mut out = BTreeMap::new();
    let mut uid = None;
    for l in &lines {
        if let Some(u) = l.strip_prefix("UID:") {
            uid = Some(u.to_owned());
        }
        if let Some(d) = l.strip_prefix("DTSTART;VALUE=DATE:") {
            out.insert(uid.take().unwrap(), d.to_owned());
        }
    }
    out
}

#[test]
fn calendar_lists_every_open_dated_task_with_stable_uids() {
    let env = Env::with_data();
    let path = env.dir.path().join("cal/deadlines.ics");
    env.ok(&["calendar", "-o", path.to_str().unwrap()]);
    let ics = std::fs::read_to_string(&path).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains(&format!("DTSTAMP:{}T000000Z", TODAY.replace('-', ""))));
    let first = ics_events(&ics);
    let open: Vec<Value> = env
        .tasks(&["list", "--status", "open", "--status", "overdue"])
        .into_iter()
        .filter(|t| t["deadline"].is_string())
        .collect();
    assert_eq!(first.len(), open.len());
    assert!(!open.is_empty());
    for t in &open {
        let uid = format!("{}@sauro", t["id"].as_str().unwrap().replace('/', "_2F"));
        assert_eq!(
            first[&uid],
            t["deadline"].as_str().unwrap().replace('-', ""),
            "{uid}"
        );
    }

    // After a change, the same tasks keep the same UIDs.
    env.ok(&["done", "bcdtw-ctct-2026/01", "--on", "2026-03-10"]);
    env.ok(&[
        "extend",
        "bcdtw-ctct-2026/05",
        "--to",
        "quý IV/2026",
        "--by",
        "TTG",
        "--basis",
        "9061/VPCP-CN",
        "--reason",
        "Chờ",
    ]);
    let out = env.run(&["calendar"]);
    let second = ics_events(&stdout(&out));
    assert_eq!(second.len(), first.len() - 1);
    for (uid, start) in &second {
        assert!(first.contains_key(uid), "{uid} is new");
        if uid.starts_with("bcdtw-ctct-2026_2F05@") {
            assert_eq!(start, "20261231");
        }
    }
    assert!(!second.contains_key("bcdtw-ctct-2026_2F01@sauro"));
}

#[test]
fn an_extended_task_says_so_with_its_first_deadline() {
    let env = Env::with_data();
    let on = |today: &str, args: &[&str]| {
        let out = env
            .sauro()
            .env("SAURO_TODAY", today)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // Extended on 01/11/2026 to 15/11/2026, overdue again on 22/11/2026.
    on(
        "2026-11-01",
        &[
            "extend",
            "bcdtw-ctct-2026/01",
            "--to",
            "15/11/2026",
            "--by",
            "TTG",
            "--basis",
            "Công văn 123/VPCP-KSTT",
            "--reason",
            "Bộ đề nghị lùi",
        ],
    );
    let csv = on("2026-11-22", &["export", "overdue", "--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.split(',').nth(1) == Some("bcdtw-ctct-2026/01"))
        .unwrap();
    assert!(
        row.contains("15/11/2026 (đã gia hạn; hạn ban đầu: hoàn thành trong tháng 2.2026)"),
        "{row}"
    );
    let json = on("2026-11-22", &["export", "overdue", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let t = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "bcdtw-ctct-2026/01")
        .unwrap();
    assert_eq!(t["original_deadline"], "hoàn thành trong tháng 2.2026");
    // A task never extended carries no mark.
    let other = csv
        .lines()
        .find(|l| l.split(',').nth(1) == Some("bcdtw-ctct-2026/02"))
        .unwrap();
    assert!(!other.contains("đã gia hạn"), "{other}");
    // A group among the coordinating agencies is named, not coded.
    assert!(
        other.contains(",Các bộ, ngành, địa phương,")
            || other.contains(",\"Các bộ, ngành, địa phương\","),
        "{other}"
    );
    assert!(!other.contains("CAC_BO_TINH"), "{other}");
}
