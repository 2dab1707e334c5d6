//! The overdue list read back: XLSX with calamine, CSV with the csv crate,
//! Markdown cell by cell, JSON with serde_json.

use super::fixture::{as_of, d, overdue_tasks};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use sauro_core::Lang;
use sauro_report::overdue::{
    LeadGroup, NO_LEAD_KEY, OverdueList, Row, columns, split_by_lead, workbook,
};
use std::io::Cursor;

fn list(lang: Lang) -> OverdueList {
    OverdueList::new(overdue_tasks(), as_of(), lang)
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

/// The day of an Excel date cell (1900 date system).
fn excel_day(cell: &Data) -> NaiveDate {
    match cell {
        Data::DateTime(dt) => {
            assert!(dt.is_datetime(), "{dt:?}");
            d(1899, 12, 30) + chrono::Duration::days(dt.as_f64() as i64)
        }
        other => panic!("not an Excel date: {other:?}"),
    }
}

fn text(cell: &Data) -> &str {
    match cell {
        Data::String(s) => s,
        // An empty string is written as a blank cell.
        Data::Empty => "",
        other => panic!("not text: {other:?}"),
    }
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn xlsx_has_title_header_and_typed_cells() {
    let l = list(Lang::Vi);
    let mut wb = open(l.to_xlsx().unwrap());
    assert_eq!(wb.sheet_names(), ["Quá hạn"]);
    let range = wb.worksheet_range("Quá hạn").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or_default();
    assert_eq!(
        text(&cell(0, 0)),
        "Danh sách nhiệm vụ quá hạn — tính đến ngày 22/11/2026"
    );
    for (c, label) in columns(Lang::Vi).iter().enumerate() {
        assert_eq!(text(&cell(1, c as u32)), *label);
    }
    assert_eq!(range.height(), 2 + 4, "title, header, four tasks");
    assert_eq!(range.width(), 11);
    let tasks = overdue_tasks();
    for (i, t) in tasks.iter().enumerate() {
        let r = i as u32 + 2;
        let row = Row::new(i + 1, t, Lang::Vi);
        assert_eq!(number(&cell(r, 0)), (i + 1) as f64);
        assert_eq!(text(&cell(r, 1)), t.id);
        assert_eq!(text(&cell(r, 2)), t.title);
        assert_eq!(text(&cell(r, 3)), row.directive);
        assert_eq!(text(&cell(r, 4)), row.lead);
        assert_eq!(excel_day(&cell(r, 7)), t.deadline.unwrap());
        assert_eq!(number(&cell(r, 8)), t.days_overdue.unwrap() as f64);
        assert_eq!(text(&cell(r, 9)).is_empty(), t.blocked_by.is_empty());
    }
    assert_eq!(text(&cell(2, 3)), "Quyết định 2629/QĐ-TTg ngày 01/12/2025");
    assert_eq!(text(&cell(2, 4)), "Bộ Công an (BCA)");
    assert_eq!(text(&cell(2, 5)), "BTC, BTP");
    assert_eq!(text(&cell(2, 10)), "Dòng một,\ndòng hai; có \\ gạch");
    assert_eq!(number(&cell(2, 8)), 267.0);
    assert_eq!(text(&cell(3, 3)), "bcdtw-ctct-2026 ngày 21/02/2026");
    assert_eq!(text(&cell(3, 9)), "ctct-2026/01");
    assert_eq!(text(&cell(5, 4)), "(chưa rõ chủ trì)");
}

#[test]
fn xlsx_in_english() {
    let mut wb = open(list(Lang::En).to_xlsx().unwrap());
    assert_eq!(wb.sheet_names(), ["Overdue"]);
    let range = wb.worksheet_range("Overdue").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or_default();
    assert_eq!(text(&cell(0, 0)), "Overdue tasks — as of 22/11/2026");
    assert_eq!(text(&cell(1, 0)), "No.");
    assert_eq!(text(&cell(1, 8)), "Days overdue");
    assert_eq!(text(&cell(2, 3)), "Decision 2629/QĐ-TTg of 01/12/2025");
}

#[test]
fn xlsx_of_no_task_has_header_only() {
    let l = OverdueList::new(Vec::new(), as_of(), Lang::Vi);
    let mut wb = open(l.to_xlsx().unwrap());
    let range = wb.worksheet_range("Quá hạn").unwrap();
    assert_eq!(
        text(range.get_value((1, 0)).unwrap()),
        "STT",
        "the header is there"
    );
    assert_eq!(
        text(range.get_value((2, 0)).unwrap()),
        "Không có nhiệm vụ quá hạn."
    );
}

fn groups() -> Vec<LeadGroup> {
    split_by_lead(&overdue_tasks(), |t, id| {
        (id.to_owned(), t.lead_name.clone().unwrap_or_default())
    })
}

#[test]
fn split_workbook_has_one_sheet_per_lead() {
    let lists: Vec<OverdueList> = groups().iter().map(|g| g.list(as_of(), Lang::Vi)).collect();
    let mut wb = open(workbook(&lists).unwrap());
    assert_eq!(wb.sheet_names(), ["BCA", "BTC", NO_LEAD_KEY]);
    let expect = [
        (
            "BCA",
            "Bộ Công an (BCA)",
            vec!["ctct-2026/01", "ctct-2026/02"],
        ),
        ("BTC", "Bộ Tài chính (BTC)", vec!["kl_6-2/07"]),
        (NO_LEAD_KEY, "Chưa rõ cơ quan chủ trì", vec!["kl_6-2/09"]),
    ];
    for (sheet, who, ids) in expect {
        let range = wb.worksheet_range(sheet).unwrap();
        let title = text(range.get_value((0, 0)).unwrap()).to_owned();
        assert_eq!(
            title,
            format!("Danh sách nhiệm vụ quá hạn — {who} — tính đến ngày 22/11/2026")
        );
        assert_eq!(range.height(), 2 + ids.len());
        for (i, id) in ids.iter().enumerate() {
            let r = i as u32 + 2;
            assert_eq!(number(range.get_value((r, 0)).unwrap()), (i + 1) as f64);
            assert_eq!(text(range.get_value((r, 1)).unwrap()), *id);
        }
    }
}

#[test]
fn split_sheet_names_stay_valid_for_odd_ids() {
    let mut tasks = overdue_tasks();
    tasks[0].lead = Some("A[B]:C*D?E/F\\G-WITH-A-VERY-LONG-NAME-INDEED".into());
    tasks[1].lead = Some("a[b]:c*d?e/f\\g-with-a-very-long-name-indeed".into());
    let lists: Vec<OverdueList> = split_by_lead(&tasks, |_, id| (id.to_owned(), id.to_owned()))
        .iter()
        .map(|g| g.list(as_of(), Lang::Vi))
        .collect();
    let wb = open(workbook(&lists).unwrap());
    let names = wb.sheet_names();
    assert_eq!(names.len(), 4);
    for n in &names {
        assert!(n.chars().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
    }
    let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), 4, "unique: {names:?}");
}

#[test]
fn csv_has_bom_crlf_and_round_trips() {
    let bytes = list(Lang::Vi).to_csv().unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    // Every line end outside quotes is CRLF.
    let mut quoted = false;
    let mut prev = 0u8;
    let mut records = 0;
    for &b in &bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                assert_eq!(prev, b'\r', "a bare LF ends a record");
                records += 1;
            }
            _ => {}
        }
        prev = b;
    }
    assert_eq!(records, 5, "header and four rows");
    assert!(bytes.ends_with(b"\r\n"));

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, columns(Lang::Vi));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for (i, (rec, t)) in rows.iter().zip(overdue_tasks()).enumerate() {
        let expect = Row::new(i + 1, &t, Lang::Vi).cells();
        assert_eq!(
            rec.iter().collect::<Vec<_>>(),
            expect.iter().map(String::as_str).collect::<Vec<_>>()
        );
    }
    assert_eq!(
        &rows[0][2],
        overdue_tasks()[0].title,
        "quotes, semicolons and pipes survive"
    );
    assert_eq!(&rows[0][7], "28/02/2026 (tháng 2.2026)");
    assert_eq!(
        &rows[1][7], "31/03/2026",
        "wording equal to the date is not repeated"
    );
    assert_eq!(&rows[2][7], "30/06/2026 (Quý II/2026)");
    assert_eq!(&rows[0][8], "267");
    assert_eq!(&rows[0][10], "Dòng một,\ndòng hai; có \\ gạch");
}

/// Splits a Markdown table row on unescaped pipes, reading escapes as a
/// Markdown viewer does.
fn md_cells(line: &str) -> Vec<String> {
    let inner = line
        .trim()
        .strip_prefix('|')
        .unwrap()
        .strip_suffix('|')
        .unwrap();
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A backslash escapes the ASCII punctuation after it (CommonMark).
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                let escaped = chars.next().unwrap();
                cells.last_mut().unwrap().push(escaped);
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_owned()).collect()
}

#[test]
fn markdown_is_one_table_with_eleven_cells_per_row() {
    let md = list(Lang::Vi).to_markdown();
    let mut lines = md.lines();
    assert_eq!(
        lines.next().unwrap(),
        "## Danh sách nhiệm vụ quá hạn — tính đến ngày 22/11/2026"
    );
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table.len(), 2 + 4);
    assert_eq!(md_cells(table[0]), columns(Lang::Vi));
    for (i, line) in table.iter().enumerate() {
        assert_eq!(md_cells(line).len(), 11, "{line}");
        if i >= 2 {
            assert_eq!(md_cells(line)[0], (i - 1).to_string());
        }
    }
    assert_eq!(md_cells(table[2])[2], overdue_tasks()[0].title);
    assert_eq!(md_cells(table[2])[10], "Dòng một, dòng hai; có \\ gạch");
    assert!(md.contains("4 nhiệm vụ quá hạn."));
    let empty = OverdueList::new(Vec::new(), as_of(), Lang::En).to_markdown();
    assert!(empty.starts_with("## Overdue tasks — as of 22/11/2026\n"));
    assert!(empty.contains("No overdue tasks"));
}

#[test]
fn json_is_an_array_of_rows() {
    let v: serde_json::Value = serde_json::from_str(&list(Lang::Vi).to_json().unwrap()).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["no"], 1);
    assert_eq!(rows[0]["id"], "ctct-2026/01");
    assert_eq!(rows[0]["deadline"], "2026-02-28");
    assert_eq!(rows[0]["deadline_text"], "tháng 2.2026");
    assert_eq!(rows[0]["days_overdue"], 267);
    assert_eq!(
        rows[0]["assigned_by"],
        "Quyết định 2629/QĐ-TTg ngày 01/12/2025"
    );
    assert_eq!(rows[1]["blocked_by"][0], "ctct-2026/01");
    assert!(rows[3]["lead"].is_null());
}

/// The text of one part of an XLSX package.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut out).unwrap();
    out
}

/// The value of `attr` in an XML start tag `tag`.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
    tag[start..].split('"').next()
}

#[test]
fn xlsx_prints_on_a4_landscape_in_times_new_roman_at_10_pt_or_more() {
    let bytes = list(Lang::Vi).to_xlsx().unwrap();
    let styles = part(&bytes, "xl/styles.xml");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // Every font of the cells is Times New Roman (the workbook's default
    // Calibri stays only as font 0, which no cell uses).
    assert!(styles.contains("Times New Roman"), "{styles}");
    let page = sheet.split("<pageSetup").nth(1).unwrap();
    let page = &page[..page.find("/>").unwrap()];
    assert_eq!(attr(page, "paperSize"), Some("9"), "A4");
    assert_eq!(attr(page, "orientation"), Some("landscape"));
    assert_eq!(attr(page, "fitToHeight"), Some("0"), "fit to width only");
    // The footer: the as-of day and page numbers.
    let footer = sheet.split("<oddFooter>").nth(1).unwrap();
    assert!(footer.contains("22/11/2026"), "{footer}");
    assert!(footer.contains("&amp;P/&amp;N"), "{footer}");
    // Fit to width: the scale the columns force, applied to the cell font.
    let widths: f64 = sheet
        .split("<col ")
        .skip(1)
        .map(|c| {
            let c = format!(" {c}");
            let (min, max) = (attr(&c, "min").unwrap(), attr(&c, "max").unwrap());
            let n = max.parse::<f64>().unwrap() - min.parse::<f64>().unwrap() + 1.0;
            // Stored widths include the padding: 7 pixels a character.
            let w: f64 = attr(&c, "width").unwrap().parse().unwrap();
            n * w * 7.0
        })
        .sum();
    let margins = sheet.split("<pageMargins").nth(1).unwrap();
    let side = |a| attr(margins, a).unwrap().parse::<f64>().unwrap();
    let printable = (11.69 - side("left") - side("right")) * 96.0;
    let scale = (printable / widths).min(1.0);
    let size = sauro_report::overdue::FONT_SIZE * scale;
    assert!(size >= 10.0, "prints at {size:.1} pt (scale {scale:.2})");
}
