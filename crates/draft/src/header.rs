//! The directive's header: number and symbol, issuer, date, title.

use crate::read::Block;
use crate::text::{capitalize, clean, fold};
use crate::{Header, Names};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// The issuer written when none is found; declared as an agency of the draft
/// so the file loads, with a comment asking for the real one.
pub const UNKNOWN_ISSUER: &str = "CHUA_RO";

const NUMBER: &str = r"(\d{1,5}\s*(?:/\s*\d{4}\s*)?/\s*[A-Za-zĐđ]{1,6}\s*-\s*[A-Za-zĐđ0-9\-]{1,12}|\d{1,5}\s*-\s*[A-Za-zĐđ]{1,6}\s*/\s*[A-Za-zĐđ0-9]{1,12}|\d{1,5}/\d{4}/QH\d{1,2})";

static SO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*s[oố]\s*[:.]?\s*{NUMBER}")).expect("số pattern")
});

static CITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:có|ban hành|ký|phát hành|công bố|gửi)\s+(?:thông báo|nghị quyết|quyết định|chỉ thị|công điện|kế hoạch|chương trình|kết luận)(?: kết luận)?(?: của [^,.;]{{0,60}})?\s+số\s+{NUMBER}"
    ))
    .expect("cited pattern")
});

static LONG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("date")
});

static SHORT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bngày\s+(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b").expect("short date")
});

const DOC_TYPES: [(&str, &str); 9] = [
    ("nghi quyet", "Nghị quyết"),
    ("quyet dinh", "Quyết định"),
    ("thong bao", "Thông báo"),
    ("chi thi", "Chỉ thị"),
    ("ke hoach", "Kế hoạch"),
    ("chuong trinh", "Chương trình"),
    ("cong dien", "Công điện"),
    ("ket luan", "Kết luận"),
    ("thong bao ket luan", "Thông báo kết luận"),
];

/// The lines of the first blocks: paragraphs and the cells of small tables
/// (headers are often laid out in a two-column table).
fn head_lines(blocks: &[Block]) -> Vec<String> {
    let mut lines = Vec::new();
    for b in blocks.iter().take(30) {
        match b {
            Block::Para(p) => lines.push(p.clone()),
            Block::Table(rows) if rows.len() <= 4 => {
                for r in rows {
                    for c in r {
                        lines.extend(c.lines().map(clean).filter(|l| !l.is_empty()));
                    }
                }
            }
            Block::Table(_) => {}
        }
    }
    lines
}

/// The issuer of a number's symbol (`03/NQ-CP` → CP, `57-NQ/TW` → TW).
fn issuer_of_number(number: &str, names: &Names<'_>) -> Option<String> {
    let code = if let Some((_, rest)) = number.rsplit_once('/')
        && rest.contains('-')
    {
        rest.split_once('-').map(|(_, i)| i.to_owned())?
    } else if number.contains('-') {
        number.rsplit_once('/').map(|(_, i)| i.to_owned())?
    } else {
        number.rsplit_once('/').map(|(_, i)| i.to_owned())?
    };
    let id: String = fold(&code)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let id = if id.starts_with("QH") {
        "QH".to_owned()
    } else {
        id
    };
    names.agencies.registry().contains(&id).then_some(id)
}

/// Reads the header.
pub fn read(blocks: &[Block], names: &mut Names<'_>) -> Header {
    let lines = head_lines(blocks);
    let mut h = Header::default();
    let mut number_line = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(c) = SO.captures(l) {
            h.number = Some(c[1].split_whitespace().collect());
            h.lines.push(l.clone());
            number_line = Some(i);
            break;
        }
    }
    if h.number.is_none() {
        for l in lines.iter().take(3) {
            if let Some(c) = CITED.captures(l) {
                h.number = Some(c[1].split_whitespace().collect());
                h.checks
                    .push(format!("số văn bản lấy từ câu \"{}\"", short(l)));
                h.press.push(l.clone());
                break;
            }
        }
    }
    h.issued_by = h.number.as_deref().and_then(|n| issuer_of_number(n, names));
    if h.issued_by.is_none() {
        // The heading above the number: "CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ".
        let upto = number_line.unwrap_or(4).min(lines.len());
        for l in lines[..upto].iter().rev() {
            if let Some(id) = names.agencies.resolve(l) {
                h.issued_by = Some(id);
                break;
            }
        }
    }
    if h.issued_by.is_none()
        && let Some((id, line)) = issuer_from_prose(&lines, names)
    {
        h.checks
            .push(format!("cơ quan ban hành đoán từ câu \"{}\"", short(&line)));
        h.issued_by = Some(id);
        h.press.push(line);
    }
    if h.issued_by.is_none() {
        h.checks.push(format!(
            "không tìm thấy cơ quan ban hành: thay {UNKNOWN_ISSUER} bằng mã cơ quan (và xóa bảng [[agency]] {UNKNOWN_ISSUER})"
        ));
        names.proposed.push(crate::ProposedAgency {
            id: UNKNOWN_ISSUER.to_owned(),
            name: "Chưa rõ cơ quan ban hành".to_owned(),
            kind: sauro_core::AgencyKind::Other,
        });
    }
    h.issued_on = issue_date(&lines, &mut h.checks, &mut h.lines, &mut h.press);
    h.title = title(&lines, &mut h.lines);
    h
}

/// Press text: "Thủ tướng Chính phủ ban hành Quyết định…" in the first lines —
/// the last registered body named before "ban hành".
fn issuer_from_prose(lines: &[String], names: &Names<'_>) -> Option<(String, String)> {
    for l in lines.iter().take(2) {
        let f = crate::text::Folded::new(l);
        let Some(at) = f.text.find("ban hanh") else {
            continue;
        };
        let upto = f.orig(at);
        let mut found = None;
        let mut prev = ' ';
        for (i, c) in l[..upto].char_indices() {
            if prev == ' '
                && c.is_uppercase()
                && let Some((_, crate::agency::Found::Known(id))) = names.agencies.scan(l, i)
                && !names.agencies.registry().is_group(&id)
            {
                found = Some(id);
            }
            prev = c;
        }
        if let Some(id) = found {
            return Some((id, l.clone()));
        }
    }
    None
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(120).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

fn issue_date(
    lines: &[String],
    checks: &mut Vec<String>,
    used: &mut Vec<String>,
    press: &mut Vec<String>,
) -> Option<NaiveDate> {
    let date = |c: &regex::Captures<'_>| {
        NaiveDate::from_ymd_opt(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)
    };
    for l in lines.iter().take(12) {
        if let Some(c) = LONG_DATE.captures(l)
            && let Some(d) = date(&c)
        {
            used.push(l.clone());
            return Some(d);
        }
    }
    for l in lines.iter().take(3) {
        if let Some(c) = SHORT_DATE.captures(l).or_else(|| LONG_DATE.captures(l))
            && let Some(d) = date(&c)
        {
            checks.push(format!("ngày ban hành lấy từ câu \"{}\"", short(l)));
            press.push(l.clone());
            return Some(d);
        }
    }
    checks
        .push("không tìm thấy ngày ban hành: issued_on đang ghi tạm ngày lập bản nháp".to_owned());
    None
}

/// "NGHỊ QUYẾT" + the line after it ("Phiên họp Chính phủ thường kỳ…").
fn title(lines: &[String], used: &mut Vec<String>) -> Option<String> {
    for (i, l) in lines.iter().enumerate().take(25) {
        let f = fold(l);
        let Some((_, name)) = DOC_TYPES.iter().rev().find(|(k, _)| f == *k) else {
            continue;
        };
        let mut parts = vec![(*name).to_owned()];
        for next in lines.iter().skip(i + 1).take(3) {
            let nf = fold(next);
            if nf.starts_with("can cu")
                || nf.starts_with("chinh phu") && nf.len() < 12
                || next.len() > 300
            {
                break;
            }
            parts.push(next.clone());
            if !next
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && !nf.starts_with("ve ")
            {
                break;
            }
        }
        used.push(l.clone());
        used.extend(parts.iter().skip(1).cloned());
        return Some(capitalize(&parts.join(" ")));
    }
    // Text copied from a page: its first line when it is short (a headline).
    let first = lines.first().filter(|l| {
        l.chars().count() <= 200
            && !l.ends_with('.')
            && !SO.is_match(l)
            && !LONG_DATE.is_match(l)
            && !used.contains(l)
    })?;
    used.push(first.clone());
    Some(first.clone())
}

/// A stand-in title when the document shows none: its type and number
/// ("Thông báo số 56/TB-VPCP"), else the file's name.
pub fn fallback_title(h: &Header, file: &str) -> String {
    const TYPES: [(&str, &str); 9] = [
        ("tb", "Thông báo"),
        ("nq", "Nghị quyết"),
        ("qd", "Quyết định"),
        ("ct", "Chỉ thị"),
        ("kh", "Kế hoạch"),
        ("ctr", "Chương trình"),
        ("kl", "Kết luận"),
        ("cd", "Công điện"),
        ("nd", "Nghị định"),
    ];
    if let Some(n) = &h.number {
        let f = fold(n);
        let code = f
            .split(['/', '-'])
            .find(|p| p.chars().all(|c| c.is_ascii_alphabetic()) && !p.is_empty())
            .unwrap_or("");
        let kind = TYPES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or("Văn bản", |(_, k)| *k);
        return format!("{kind} số {n}");
    }
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    stem.rsplit_once('.').map_or(stem, |(s, _)| s).to_owned()
}

/// A directive id: from the number (`03/NQ-CP` of 2025 → `03-NQ-CP-2025`),
/// else from the file's name.
pub fn directive_id(h: &Header, file: &str, today: NaiveDate) -> String {
    let ascii = |s: &str| -> String {
        fold(s)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    };
    if let Some(n) = &h.number {
        let mut id = fold(n)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '-'
                }
            })
            .collect::<String>();
        if !n.contains("/20") && !n.contains("/19") {
            let year = h.issued_on.unwrap_or(today).format("%Y");
            id = format!("{id}-{year}");
        }
        return id;
    }
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let id: String = ascii(stem)
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() {
        "ban-nhap".to_owned()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text_blocks;
    use crate::tests::registry;

    #[test]
    fn a_resolution_header() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let blocks = text_blocks(
            "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 03 /NQ-CP\nHà Nội, ngày 09 tháng 01 năm 2025\n\nNGHỊ QUYẾT\nPhiên họp Chính phủ thường kỳ tháng 12 năm 2024\n\nCăn cứ Luật Tổ chức Chính phủ",
        );
        let h = read(&blocks, &mut names);
        assert_eq!(h.number.as_deref(), Some("03/NQ-CP"));
        assert_eq!(h.issued_by.as_deref(), Some("CP"));
        assert_eq!(h.issued_on, NaiveDate::from_ymd_opt(2025, 1, 9));
        assert_eq!(
            h.title.as_deref(),
            Some("Nghị quyết Phiên họp Chính phủ thường kỳ tháng 12 năm 2024")
        );
        assert!(h.checks.is_empty(), "{:?}", h.checks);
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(directive_id(&h, "x.docx", today), "03-NQ-CP-2025");
    }

    #[test]
    fn a_press_text_names_the_notice_and_the_day_in_its_first_line() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let blocks = text_blocks(
            "Ngày 23/02/2025, Văn phòng Chính phủ ban hành Thông báo số 56/TB-VPCP kết luận của Thủ tướng Chính phủ.\n",
        );
        let h = read(&blocks, &mut names);
        assert_eq!(h.number.as_deref(), Some("56/TB-VPCP"));
        assert_eq!(h.issued_by.as_deref(), Some("VPCP"));
        assert_eq!(h.issued_on, NaiveDate::from_ymd_opt(2025, 2, 23));
        assert_eq!(h.checks.len(), 2, "{:?}", h.checks);
    }
}
