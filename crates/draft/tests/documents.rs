//! Documents shaped like the real ones: a Government resolution's appendix in
//! Word (two heading rows, a numbering row, section rows spanning the table,
//! a lead merged down several rows) and the press text of a Prime Minister's
//! conclusion notice. Every draft must load with `directive_file::load`.
#![allow(clippy::unwrap_used, missing_docs)]

#[path = "support/pdf.rs"]
mod pdf;
use chrono::NaiveDate;
use pdf::pdf_with;
use sauro_core::directive_file::{SourceFile, load, load_registry};
use sauro_draft::{Draft, DraftTask, Options, draft};
use std::collections::HashMap;
use std::io::Write as _;

fn registry() -> sauro_core::Registry {
    load_registry(SourceFile {
        path: "data/agencies.toml",
        text: include_str!("../../../data/agencies.toml"),
    })
    .unwrap()
}

fn opts() -> Options {
    Options {
        id: None,
        today: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
    }
}

/// The draft loads; the only problems allowed are deadline wordings the
/// grammar does not read yet, which the draft flags.
fn assert_loads(d: &Draft, reg: &sauro_core::Registry) {
    let text = d.to_toml();
    match load(
        &[SourceFile {
            path: "draft.toml",
            text: &text,
        }],
        reg,
        &HashMap::new(),
    ) {
        Ok(l) => assert_eq!(l.tasks().count(), d.tasks.len()),
        Err(p) => {
            for problem in &p.0 {
                let msg = problem.message(sauro_core::Lang::En);
                assert!(msg.contains("deadline"), "{msg}\n{text}");
            }
        }
    }
}

fn row(t: &DraftTask) -> (&str, Option<&str>, Option<&str>, Option<&str>) {
    (
        t.id.rsplit_once('/').map_or("", |x| x.1),
        t.lead.as_deref(),
        t.deadline.as_deref(),
        t.product.as_deref(),
    )
}

fn tc(text: &str, props: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", o).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

#[test]
fn a_resolution_appendix_in_word() {
    let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let header = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc("CHÍNH PHỦ", ""),
        tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""),
        tc("Số: 12/NQ-CP", ""),
        tc("Hà Nội, ngày 15 tháng 01 năm 2025", "")
    );
    let span = |n: u32| format!("<w:gridSpan w:val=\"{n}\"/>");
    let merge_start = "<w:vMerge w:val=\"restart\"/>";
    let merge = "<w:vMerge/>";
    let tr = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let table = [
        tr(&[
            tc("TT", merge_start),
            tc("Nội dung nhiệm vụ", merge_start),
            tc("Cơ quan thực hiện", &span(2)),
            tc("Thời gian hoàn thành", merge_start),
            tc("Kết quả/sản phẩm", merge_start),
        ]),
        tr(&[
            tc("", merge),
            tc("", merge),
            tc("Chủ trì", ""),
            tc("Phối hợp", ""),
            tc("", merge),
            tc("", merge),
        ]),
        tr(&[
            tc("(1)", ""),
            tc("(2)", ""),
            tc("(3)", ""),
            tc("(4)", ""),
            tc("(5)", ""),
            tc("(6)", ""),
        ]),
        tr(&[tc("I", ""), tc("HOÀN THIỆN THỂ CHẾ", &span(5))]),
        tr(&[
            tc("1", ""),
            tc("Xây dựng Nghị định quy định chi tiết Luật Dữ liệu", ""),
            tc("Bộ Công an", merge_start),
            tc("Bộ Tư pháp; các bộ, cơ quan liên quan", ""),
            tc("Quý II/2025", ""),
            tc("Nghị định của Chính phủ", ""),
        ]),
        tr(&[
            tc("2", ""),
            tc("Đề án phát triển công dân số", ""),
            tc("", merge),
            tc("Bộ KH&amp;CN", ""),
            tc("Tháng 9/2025", ""),
            tc("Quyết định của Thủ tướng Chính phủ", ""),
        ]),
        tr(&[tc("II. CHUYỂN ĐỔI SỐ", &span(6))]),
        tr(&[
            tc("3", ""),
            tc("Xây dựng cơ sở dữ liệu quốc gia về đất đai", ""),
            tc("Bộ Tài nguyên và Môi trường", ""),
            tc("UBND các tỉnh, thành phố trực thuộc trung ương", ""),
            tc("Năm 2025", ""),
            tc("Cơ sở dữ liệu được vận hành", ""),
        ]),
        tr(&[
            tc("4", ""),
            tc("Bảo đảm an toàn thông tin theo cấp độ", ""),
            tc("Các bộ, ngành, địa phương", ""),
            tc("Bộ Công an, Ban Cơ yếu Chính phủ", ""),
            tc("Thường xuyên", ""),
            tc("", ""),
        ]),
    ]
    .concat();
    let body = format!(
        "{header}{}{}{}<w:tbl>{table}</w:tbl>",
        p("NGHỊ QUYẾT"),
        p("Phiên họp Chính phủ thường kỳ tháng 12 năm 2024"),
        p("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;")
    );
    let reg = registry();
    let d = draft("nq12.docx", &docx(&body), &reg, &opts()).unwrap();
    assert_eq!(d.header.number.as_deref(), Some("12/NQ-CP"));
    assert_eq!(d.header.issued_by.as_deref(), Some("CP"));
    assert_eq!(d.header.issued_on, NaiveDate::from_ymd_opt(2025, 1, 15));
    assert_eq!(
        d.header.title.as_deref(),
        Some("Nghị quyết Phiên họp Chính phủ thường kỳ tháng 12 năm 2024")
    );
    let rows: Vec<_> = d.tasks.iter().map(row).collect();
    assert_eq!(
        rows,
        vec![
            (
                "1",
                Some("BCA"),
                Some("Quý II/2025"),
                Some("Nghị định của Chính phủ")
            ),
            (
                "2",
                Some("BCA"),
                Some("Tháng 9/2025"),
                Some("Quyết định của Thủ tướng Chính phủ")
            ),
            (
                "3",
                Some("BTNMT"),
                Some("Năm 2025"),
                Some("Cơ sở dữ liệu được vận hành")
            ),
            ("4", Some("CAC_BO_TINH"), Some("Thường xuyên"), None),
        ]
    );
    assert_eq!(d.tasks[0].support, vec!["BTP", "CAC_BO_LQ"]);
    assert_eq!(d.tasks[1].support, vec!["BKHCN"]);
    assert_eq!(d.tasks[0].authority.as_deref(), Some("CP"));
    assert_eq!(d.tasks[1].authority.as_deref(), Some("TTG"));
    assert_eq!(d.tasks[2].authority, None);
    assert_eq!(d.tasks[2].support, vec!["CAC_TINH"]);
    assert_eq!(d.agencies.len(), 1, "{:?}", d.agencies);
    assert_eq!(d.agencies[0].name, "Ban Cơ yếu Chính phủ");
    assert_loads(&d, &reg);
}

#[test]
fn the_press_text_of_a_conclusion_notice() {
    let text = "Văn phòng Chính phủ vừa ban hành Thông báo số 123/TB-VPCP ngày 15/3/2025 kết luận của Thủ tướng Chính phủ Phạm Minh Chính tại cuộc họp về các dự án đường sắt.\n\n\
        Thông báo nêu rõ, thời gian qua các bộ, ngành đã tích cực triển khai nhiệm vụ được giao.\n\n\
        Về nhiệm vụ thời gian tới, Thủ tướng yêu cầu:\n\n\
        1. Bộ Xây dựng:\n\n\
        a) Chủ trì, phối hợp với các bộ, cơ quan liên quan khẩn trương hoàn thiện hồ sơ dự án Luật Đường sắt (sửa đổi), báo cáo Chính phủ trước ngày 20/3/2025.\n\n\
        b) Hướng dẫn các địa phương triển khai công tác giải phóng mặt bằng, hoàn thành trong tháng 4/2025.\n\n\
        2. Bộ Tài chính chủ trì, phối hợp với Bộ Xây dựng báo cáo Thủ tướng Chính phủ phương án bố trí vốn cho dự án trong quý II/2025.\n\n\
        3. Giao Ủy ban nhân dân thành phố Hà Nội hoàn thành công tác giải phóng mặt bằng, bàn giao cho chủ đầu tư trước ngày 30/6/2025.\n\n\
        4. Bộ trưởng Bộ Nông nghiệp và Môi trường chỉ đạo hướng dẫn các địa phương về nguồn vật liệu xây dựng, hoàn thành trong quý III/2025.\n\n\
        5. Các bộ, ngành, địa phương theo chức năng, nhiệm vụ được giao tập trung tháo gỡ khó khăn, vướng mắc cho dự án.\n\n\
        6. Giao Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện.\n";
    let reg = registry();
    let d = draft("tb123.txt", text.as_bytes(), &reg, &opts()).unwrap();
    assert_eq!(d.header.number.as_deref(), Some("123/TB-VPCP"));
    assert_eq!(d.header.issued_by.as_deref(), Some("VPCP"));
    assert_eq!(d.header.issued_on, NaiveDate::from_ymd_opt(2025, 3, 15));
    let got: Vec<(Option<&str>, Option<&str>)> = d
        .tasks
        .iter()
        .map(|t| (t.lead.as_deref(), t.deadline.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("BXD"), Some("trước ngày 20/3/2025")),
            (Some("BXD"), Some("trong tháng 4/2025")),
            (Some("BTC"), Some("trong quý II/2025")),
            (Some("HANOI"), Some("trước ngày 30/6/2025")),
            (Some("BNNMT"), Some("trong quý III/2025")),
            (Some("CAC_BO_TINH"), None),
            (Some("VPCP"), None),
        ],
        "{:#?}",
        d.tasks
    );
    assert_eq!(d.tasks[0].support, vec!["CAC_BO_LQ"]);
    assert_eq!(d.tasks[0].authority.as_deref(), Some("CP"));
    assert_eq!(d.tasks[2].support, vec!["BXD"]);
    assert_eq!(d.tasks[2].authority.as_deref(), Some("TTG"));
    assert_eq!(
        d.tasks[4].responsible.as_deref(),
        Some("Bộ trưởng Bộ Nông nghiệp và Môi trường")
    );
    assert_loads(&d, &reg);
}

#[test]
fn a_140_row_appendix_drafts_in_under_a_second() {
    let mut md = String::from(
        "Số: 01/NQ-CP\nHà Nội, ngày 09 tháng 01 năm 2025\n\n| TT | Nhiệm vụ | Chủ trì | Phối hợp | Sản phẩm | Thời hạn |\n|---|---|---|---|---|---|\n",
    );
    for i in 1..=140 {
        md.push_str(&format!(
            "| {i} | Xây dựng Đề án số {i} về chuyển đổi số | Bộ Công an | Bộ Tư pháp, Bộ Tài chính | Quyết định của Thủ tướng Chính phủ | Quý {}/2025 |\n",
            i % 4 + 1
        ));
    }
    let reg = registry();
    let start = std::time::Instant::now();
    let d = draft("140.md", md.as_bytes(), &reg, &opts()).unwrap();
    let text = d.to_toml();
    let elapsed = start.elapsed();
    assert_eq!(d.tasks.len(), 140);
    assert!(elapsed.as_secs_f64() < 1.0, "{elapsed:?}");
    let l = load(
        &[SourceFile {
            path: "140.toml",
            text: &text,
        }],
        &reg,
        &HashMap::new(),
    )
    .unwrap();
    assert_eq!(l.tasks().count(), 140);
}

#[test]
fn a_pdf_with_a_text_layer_is_drafted_like_copied_text() {
    // Helvetica cannot show Vietnamese letters; names match without diacritics.
    let bytes = pdf_with(&[
        "So: 07/CT-TTg",
        "Giao Bo Cong an chu tri, phoi hop voi Bo Tu phap xay dung De an dinh danh dien tu.",
    ]);
    let reg = registry();
    let d = draft("ct07.pdf", &bytes, &reg, &opts()).unwrap();
    assert_eq!(d.header.number.as_deref(), Some("07/CT-TTg"));
    assert_eq!(d.header.issued_by.as_deref(), Some("TTG"));
    assert_eq!(d.tasks.len(), 1, "{:#?}", d.tasks);
    assert_eq!(d.tasks[0].lead.as_deref(), Some("BCA"));
    assert_eq!(d.tasks[0].support, vec!["BTP"]);
    assert_loads(&d, &reg);
}

#[test]
fn a_heading_ends_where_another_agency_speaks() {
    let text = include_str!("data/tb-245-dien.txt");
    let reg = registry();
    let d = draft("tb245.txt", text.as_bytes(), &reg, &opts()).unwrap();
    assert_eq!(d.header.number.as_deref(), Some("245/TB-VPCP"));
    assert_eq!(d.header.issued_on, NaiveDate::from_ymd_opt(2025, 5, 28));
    let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.lead.as_deref(),
                t.deadline.as_deref(),
                t.authority.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("BCT"), Some("trước ngày 15/6/2025"), Some("TTG")),
            (Some("BCT"), Some("trong quý III/2025"), None),
            (Some("BCT"), None, None),
            (Some("BTC"), Some("trong tháng 7/2025"), Some("TTG")),
            (Some("BNNMT"), Some("trước ngày 30/6/2025"), None),
            (Some("CAC_TINH"), None, None),
            // A Deputy Prime Minister, in the registry since it lists them.
            (Some("PTTG"), None, None),
            (Some("VPCP"), None, None),
        ],
        "{:#?}",
        d.tasks
    );
    assert_eq!(d.tasks[0].support, vec!["CQLQ"]);
    assert_eq!(d.tasks[3].support, vec!["BCT", "BTP"]);
    assert_loads(&d, &reg);
}
