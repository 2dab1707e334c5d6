//! The chase-up letter read back: the Word package unzipped and its
//! paragraphs read from the XML, the Markdown line by line.

use super::fixture::{as_of, base, d, overdue_tasks};
use sauro_core::{Lang, Status};
use sauro_report::letter::Letter;
use std::io::{Cursor, Read};

fn letter(lang: Lang) -> Letter {
    let overdue: Vec<_> = overdue_tasks()
        .into_iter()
        .filter(|t| t.lead.as_deref() == Some("BCA"))
        .collect();
    let mut soon = base("soon/1");
    soon.status = Status::Open;
    soon.due_soon = true;
    soon.deadline = Some(d(2026, 11, 25));
    soon.deadline_text = Some("25/11/2026".into());
    Letter {
        as_of: as_of(),
        lang,
        recipient_id: "BCA".into(),
        recipient: "Bộ Công an".into(),
        overdue,
        due_soon: vec![soon],
        due_soon_days: 7,
    }
}

/// One part of the package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

/// The text of each paragraph of a WordprocessingML part, XML entities
/// decoded.
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            // Text runs are `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl…>`.
            for piece in p.split("<w:t").skip(1) {
                if !piece.starts_with(['>', ' ']) {
                    continue;
                }
                let body = &piece[piece.find('>').unwrap() + 1..];
                let body = &body[..body.find("</w:t>").unwrap_or(body.len())];
                text.push_str(body);
            }
            text.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn the_word_letter_has_the_administrative_layout_and_every_task() {
    let bytes = letter(Lang::Vi).to_docx().unwrap();
    let doc = part(&bytes, "word/document.xml");
    let paras = paragraphs(&doc);
    let has = |s: &str| paras.iter().any(|p| p == s);
    for line in [
        "VĂN PHÒNG CHÍNH PHỦ",
        "Số: ……/VPCP-……",
        "V/v đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày …… tháng …… năm 2026",
        "Kính gửi: Bộ Công an.",
        "1. Nhiệm vụ quá hạn chưa hoàn thành",
        "2. Nhiệm vụ đến hạn trong 7 ngày tới",
        "Nơi nhận:",
        "- Như trên;",
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM",
    ] {
        assert!(has(line), "{line:?} missing from {paras:#?}");
    }
    let opening = paras.iter().find(|p| p.starts_with("Theo dõi")).unwrap();
    assert!(
        opening.contains("tính đến ngày 22/11/2026, Bộ Công an còn 2 nhiệm vụ quá hạn chưa hoàn thành và 1 nhiệm vụ đến hạn trong 7 ngày tới"),
        "{opening}"
    );
    // Each task with its document, deadline wording and days.
    assert!(has("Quyết định 2629/QĐ-TTg ngày 01/12/2025"));
    assert!(has("28/02/2026 (tháng 2.2026)"));
    assert!(has("267"), "days overdue of ctct-2026/01");
    assert!(has("3"), "days left of soon/1");
    assert!(paras.iter().any(|p| p.contains("(ctct-2026/02)")));
    // Times New Roman, A4 portrait, page numbers in the footer.
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:ascii=\"Times New Roman\""), "{styles}");
    assert!(
        doc.contains("w:w=\"11906\"") && doc.contains("w:h=\"16838\""),
        "A4"
    );
    let zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let footer_name = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .find(|n| n.starts_with("word/footer"))
        .expect("a footer part");
    assert!(part(&bytes, &footer_name).contains("PAGE"), "page numbers");
}

#[test]
fn the_markdown_letter_escapes_markup_and_names_counts() {
    let mut l = letter(Lang::Vi);
    l.overdue[0].title = "<script>alert(1)</script> | [x](javascript:y)".into();
    l.overdue[1].title = "A\u{1b}]0;x\u{7}B".into();
    let md = l.to_markdown();
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md}");
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(md.contains("\\[x\\](javascript\\:y)"), "{md}");
    assert!(md.contains("Kính gửi: Bộ Công an."));
    // Only what there is: no "0 nhiệm vụ".
    l.due_soon.clear();
    let md = l.to_markdown();
    assert!(
        md.contains("còn 2 nhiệm vụ quá hạn chưa hoàn thành, cụ thể"),
        "{md}"
    );
    assert!(!md.contains("đến hạn trong 7 ngày tới"), "{md}");
}

#[test]
fn control_characters_never_reach_the_word_file() {
    let mut l = letter(Lang::Vi);
    l.overdue[0].title = "Tiêu đề\u{1b}[2J\u{7}\u{0}".into();
    let bytes = l.to_docx().unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(
        !doc.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    );
    assert!(doc.contains("Tiêu đề"));
}

#[test]
fn english_letters_count_in_the_singular_and_plural() {
    let mut l = letter(Lang::En);
    l.overdue.truncate(1);
    let md = l.to_markdown();
    assert!(
        md.contains("has 1 overdue unfinished task and 1 task due"),
        "{md}"
    );
}

#[test]
fn english_counts_of_one_are_singular() {
    let mut l = letter(Lang::En);
    l.overdue.truncate(1);
    l.due_soon_days = 1;
    let opening = l.opening();
    assert!(
        opening.contains("1 overdue unfinished task and 1 task due within the next 1 day:"),
        "{opening}"
    );
    let md = l.to_markdown();
    assert!(md.contains("Tasks due within the next 1 day"), "{md}");
    l.due_soon_days = 7;
    l.overdue.push(l.overdue[0].clone());
    let opening = l.opening();
    assert!(
        opening.contains("2 overdue unfinished tasks and 1 task due within the next 7 days"),
        "{opening}"
    );
}
