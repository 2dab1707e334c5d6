//! `sauro draft`: a Word appendix, a spreadsheet, a Markdown table and a prose
//! notice each become a directive file that `sauro check` loads and `sauro
//! import` takes; unreadable inputs are refused with a clear message.

use crate::util::{Env, stderr, stdout};
use serde_json::Value;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Drafts `path` into `out.toml` in the test folder and returns its text.
fn draft(env: &Env, path: &Path, extra: &[&str]) -> (PathBuf, String, String) {
    let out = env.dir.path().join("out.toml");
    let mut args = vec!["draft", path.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend(extra);
    let run = env.run(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&out).unwrap();
    (out, text, stderr(&run))
}

/// `sauro check FILE --format json` reports no loading problem.
fn loads(env: &Env, path: &Path) -> Value {
    let run = env.run(&["check", path.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(report["problems"], Value::Array(vec![]), "{report}");
    report
}

fn tasks(text: &str) -> Vec<toml::Value> {
    let v: toml::Value = toml::from_str(text).unwrap();
    v["task"].as_array().unwrap().clone()
}

fn field<'a>(t: &'a toml::Value, key: &str) -> Option<&'a str> {
    t.get(key).and_then(toml::Value::as_str)
}

fn cell(text: &str) -> String {
    let paras: String = text
        .split('\n')
        .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"))
        .collect();
    format!("<w:tc>{paras}</w:tc>")
}

/// A minimal Word file: header paragraphs, then an appendix table.
fn docx(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut body = String::new();
    for p in [
        "CHÍNH PHỦ",
        "Số: 03/NQ-CP",
        "Hà Nội, ngày 09 tháng 01 năm 2025",
        "NGHỊ QUYẾT",
        "Về nhiệm vụ chuyển đổi số &amp; dữ liệu",
        "PHỤ LỤC: DANH MỤC NHIỆM VỤ",
    ] {
        body.push_str(&format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"));
    }
    body.push_str("<w:tbl>");
    for r in rows {
        body.push_str("<w:tr>");
        for c in r {
            body.push_str(&cell(c));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

const HEAD: [&str; 6] = [
    "TT",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Sản phẩm",
    "Thời gian hoàn thành",
];

#[test]
fn a_word_appendix_becomes_tasks_that_check_loads_and_import_takes() {
    let env = Env::new();
    let path = env.dir.path().join("nq03.docx");
    std::fs::write(
        &path,
        docx(&[
            HEAD,
            ["I", "NHÓM NHIỆM VỤ VỀ THỂ CHẾ", "", "", "", ""],
            [
                "1",
                "Xây dựng Nghị định về định danh điện tử",
                "Bộ Công an",
                "Bộ Tư pháp\nBộ Khoa học và Công nghệ",
                "Nghị định của Chính phủ",
                "Quý II/2025",
            ],
            ["", "và các văn bản hướng dẫn", "", "", "", ""],
            [
                "2",
                "Đề án phát triển kinh tế số",
                "Bộ Khoa học và Công nghệ, Bộ Tài chính",
                "Tổng cục Thống kê",
                "Quyết định của Thủ tướng Chính phủ",
                "Tháng 6/2025",
            ],
        ]),
    )
    .unwrap();
    let (out, text, summary) = draft(&env, &path, &[]);
    let t = tasks(&text);
    assert_eq!(t.len(), 2, "{text}");
    assert_eq!(field(&t[0], "id"), Some("03-NQ-CP-2025/1"));
    assert_eq!(
        field(&t[0], "title"),
        Some("Xây dựng Nghị định về định danh điện tử và các văn bản hướng dẫn")
    );
    assert_eq!(field(&t[0], "lead"), Some("BCA"));
    assert_eq!(field(&t[0], "deadline"), Some("Quý II/2025"));
    assert_eq!(field(&t[0], "authority"), Some("CP"));
    // Co-leads are written as the list form of `lead`, and the file loads.
    let leads: Vec<&str> = t[1]["lead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(leads, ["BKHCN", "BTC"]);
    assert_eq!(field(&t[1], "authority"), Some("TTG"));
    assert!(
        text.contains("# kiểm tra: đồng chủ trì: Bộ Tài chính"),
        "{text}"
    );
    assert!(text.contains("name = \"Tổng cục Thống kê\""), "{text}");
    assert!(
        text.contains("issued_by = \"CP\"\nissued_on = 2025-01-09"),
        "{text}"
    );
    assert!(summary.contains("2 nhiệm vụ"), "{summary}");
    loads(&env, &out);
    env.ok(&["import", out.to_str().unwrap()]);
    assert_eq!(env.show("03-NQ-CP-2025/2")["lead"], "BKHCN");
}

#[test]
fn a_spreadsheet_with_columns_in_another_order() {
    let env = Env::new();
    let path = env.dir.path().join("phu-luc.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        [
            "STT",
            "Nội dung",
            "Tiến độ",
            "Kết quả",
            "Chủ trì",
            "Phối hợp",
        ],
        [
            "1",
            "Trình Chính phủ Nghị định về thuế",
            "tháng 9/2025",
            "Nghị định",
            "Bộ Tài chính",
            "Bộ Tư pháp",
        ],
        [
            "2",
            "Báo cáo tình hình thực hiện",
            "trước ngày 15/12/2025",
            "Báo cáo Thủ tướng Chính phủ",
            "UBND tỉnh Nghệ An",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    // Row 3's lead is merged with row 2's: it shows "UBND tỉnh Nghệ An" too.
    sheet
        .merge_range(
            2,
            4,
            3,
            4,
            "UBND tỉnh Nghệ An",
            &rust_xlsxwriter::Format::new(),
        )
        .unwrap();
    for (c, v) in ["3", "Tổng kết mô hình xã số", "Quý IV/2025", "Báo cáo"]
        .iter()
        .enumerate()
    {
        sheet.write_string(3, c as u16, *v).unwrap();
    }
    book.save(&path).unwrap();
    let (out, text, _) = draft(&env, &path, &["--id", "PL-THUE"]);
    let t = tasks(&text);
    assert_eq!(t.len(), 3, "{text}");
    assert_eq!(field(&t[2], "lead"), Some("NGHEAN"));
    assert_eq!(field(&t[0], "id"), Some("PL-THUE/1"));
    assert_eq!(field(&t[0], "lead"), Some("BTC"));
    assert_eq!(t[0]["support"].as_array().unwrap()[0].as_str(), Some("BTP"));
    assert_eq!(field(&t[0], "deadline"), Some("tháng 9/2025"));
    assert_eq!(field(&t[0], "product"), Some("Nghị định"));
    assert_eq!(field(&t[1], "lead"), Some("NGHEAN"));
    assert_eq!(field(&t[1], "authority"), Some("TTG"));
    // No number in the file: the issuer is asked for, not invented.
    assert!(text.contains("issued_by = \"CHUA_RO\""), "{text}");
    assert!(
        text.contains("# kiểm tra: không tìm thấy cơ quan ban hành"),
        "{text}"
    );
    loads(&env, &out);
}

#[test]
fn a_markdown_table_copied_from_a_page() {
    let env = Env::new();
    let path = env.dir.path().join("bang.md");
    std::fs::write(
        &path,
        "Số: 12/QĐ-TTg\n\nHà Nội, ngày 05 tháng 3 năm 2025\n\n\
         | TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |\n|---|---|---|---|\n\
         | A | NHIỆM VỤ CHUNG | | |\n\
         | 1 | Ban hành Kế hoạch triển khai | Các bộ, ngành, địa phương | Quý I/2025 |\n\
         | 2 | Xây dựng cơ sở dữ liệu | Bộ KH&CN | 2025-2026 |\n",
    )
    .unwrap();
    let (out, text, _) = draft(&env, &path, &[]);
    let t = tasks(&text);
    assert_eq!(t.len(), 2, "{text}");
    assert_eq!(field(&t[0], "id"), Some("12-QD-TTG-2025/1"));
    assert_eq!(field(&t[0], "lead"), Some("CAC_BO_TINH"));
    assert_eq!(field(&t[1], "lead"), Some("BKHCN"));
    assert!(text.contains("issued_by = \"TTG\""), "{text}");
    // A range of years is read (31/12 of the last year): kept as written,
    // not flagged.
    assert_eq!(field(&t[1], "deadline"), Some("2025-2026"));
    assert!(
        !text.contains("# kiểm tra: thời hạn \"2025-2026\" chưa đọc được"),
        "{text}"
    );
    let run = env.run(&["check", out.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&run)).unwrap();
    // The draft loads: the only findings are the clarities the table lacks.
    assert_eq!(report["problems"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(report["gaps"].as_array().unwrap().len(), 2, "{report}");
}

#[test]
fn a_prose_notice_finds_leads_deadlines_and_authorities() {
    let env = Env::new();
    let path = env.dir.path().join("thong-bao.txt");
    std::fs::write(
        &path,
        "Ngày 23/02/2025, Văn phòng Chính phủ ban hành Thông báo số 56/TB-VPCP kết luận của Thủ tướng Chính phủ tại hội nghị.\n\n\
         Thủ tướng giao Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp xây dựng Nghị định về quỹ đầu tư, trình Chính phủ trong quý II/2025.\n\n\
         Bộ trưởng Bộ Y tế chỉ đạo hoàn thành Đề án y tế số, trình Thủ tướng Chính phủ trước ngày 30/6/2025.\n\n\
         Bộ Công an:\n(1) Xây dựng Đề án VNeID, hoàn thành trong tháng 5/2025;\n(2) Nâng cấp cơ sở dữ liệu dân cư.\n\n\
         Các bộ, ngành, địa phương tổ chức tập huấn kỹ năng số cho cán bộ.\n",
    )
    .unwrap();
    let (out, text, _) = draft(&env, &path, &["--lang", "en"]);
    let t = tasks(&text);
    let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = t
        .iter()
        .map(|t| {
            (
                field(t, "lead"),
                field(t, "deadline"),
                field(t, "authority"),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("BTC"), Some("trong quý II/2025"), Some("CP")),
            (Some("BYT"), Some("trước ngày 30/6/2025"), Some("TTG")),
            (Some("BCA"), Some("trong tháng 5/2025"), None),
            (Some("BCA"), None, None),
            (Some("CAC_BO_TINH"), None, None),
        ],
        "{text}"
    );
    assert_eq!(field(&t[1], "responsible"), Some("Bộ trưởng Bộ Y tế"));
    assert!(text.contains("number = \"56/TB-VPCP\""), "{text}");
    assert!(
        text.contains("title = \"Thông báo số 56/TB-VPCP\""),
        "{text}"
    );
    assert!(text.contains("issued_by = \"VPCP\""), "{text}");
    // Every task keeps its source sentence.
    assert!(
        t.iter()
            .all(|t| field(t, "note").is_some_and(|n| n.starts_with("Nguồn:")))
    );
    loads(&env, &out);
}

#[test]
fn without_output_the_draft_goes_to_stdout_and_the_summary_to_stderr() {
    let env = Env::new();
    let path = env.dir.path().join("a.txt");
    std::fs::write(
        &path,
        "Giao Bộ Xây dựng chủ trì lập Quy hoạch đô thị, hoàn thành trong năm 2025.\n",
    )
    .unwrap();
    let run = env.run(&["draft", path.to_str().unwrap(), "--lang", "en"]);
    assert!(run.status.success());
    assert!(stdout(&run).contains("lead = \"BXD\""), "{}", stdout(&run));
    assert!(stderr(&run).contains(": 1 task,"), "{}", stderr(&run));
}

#[test]
fn unreadable_documents_are_refused_clearly() {
    let env = Env::new();
    let dir = env.dir.path();
    let cases = [
        ("a.rtf", b"{\\rtf1}".to_vec(), "không đọc được loại tệp"),
        ("f.pdf", b"%PDF-1.7 broken".to_vec(), "không đọc được tệp"),
        ("b.docx", b"not a zip".to_vec(), "không đọc được tệp"),
        (
            "c.docx",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1],
            "mật khẩu",
        ),
        (
            "d.txt",
            "Hội nghị diễn ra tốt đẹp.".as_bytes().to_vec(),
            "không tìm thấy nhiệm vụ",
        ),
        ("e.txt", vec![0xff, 0xfe, 0x00], "UTF-8"),
    ];
    for (name, bytes, needle) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let run = env.run(&["draft", path.to_str().unwrap()]);
        assert!(!run.status.success(), "{name}");
        let err = stderr(&run);
        assert!(err.contains(needle) && err.contains(name), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn review_needs_a_terminal() {
    let env = Env::new();
    let path = crate::util::fixture("draft/thong-bao.txt");
    let run = env.run(&["draft", path.to_str().unwrap(), "--review"]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("--review cần chạy trong một terminal"),
        "{}",
        stderr(&run)
    );
}
