//! `sauro letter overdue`: the chase-up letter to one lead agency, or one per
//! agency, as Word or Markdown.

use crate::util::{Env, refused};
use std::io::Read;

/// The text of `word/document.xml` in a DOCX file.
fn document_xml(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[test]
fn a_letter_to_one_lead_lists_its_overdue_tasks() {
    let env = Env::with_data();
    let md = env.ok(&["letter", "overdue", "--lead", "BCA", "--format", "md"]);
    assert!(md.contains("Kính gửi: Bộ Công an."), "{md}");
    assert!(
        md.contains("tính đến ngày 22/11/2026, Bộ Công an còn 4 nhiệm vụ quá hạn chưa hoàn thành, cụ thể như sau:"),
        "{md}"
    );
    assert!(md.contains("(bcdtw-ctct-2026/01)"), "{md}");
    assert!(
        md.contains("| 28/02/2026 (hoàn thành trong tháng 2.2026) | 267 |"),
        "{md}"
    );
    // Word, into a folder that does not exist yet.
    let out = env.dir.path().join("cong-van/BCA.docx");
    let said = env.ok(&[
        "letter",
        "overdue",
        "--lead",
        "BCA",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(said.contains("Đã soạn 1 công văn"), "{said}");
    let xml = document_xml(&out);
    assert!(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(xml.contains("Kính gửi: Bộ Công an."));
}

#[test]
fn one_letter_per_lead_agency() {
    let env = Env::with_data();
    let dir = env.dir.path().join("letters");
    let said = env.ok(&[
        "letter",
        "overdue",
        "--split-by",
        "lead",
        "-o",
        dir.to_str().unwrap(),
    ]);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Agencies with overdue tasks (stats of data/ on 22/11/2026); tasks with
    // no lead get no letter.
    assert_eq!(
        names,
        ["BCA.docx", "CAC_BO_TINH.docx", "CAC_TINH.docx", "CQLQ.docx"],
        "{said}"
    );
}

#[test]
fn letters_need_one_recipient_and_say_when_there_is_nothing_to_chase() {
    let env = Env::with_data();
    refused(
        &env.run(&["letter", "overdue"]),
        &["công văn đôn đốc gửi một cơ quan chủ trì", "--lead"],
    );
    refused(
        &env.run(&["letter", "overdue", "--lead", "BCA"]),
        &["không thể in tệp Word ra terminal", "-o"],
    );
    let out = env.ok(&["letter", "overdue", "--lead", "BTC", "--format", "md"]);
    assert!(
        out.contains("Bộ Tài chính không có nhiệm vụ quá hạn"),
        "{out}"
    );
}
