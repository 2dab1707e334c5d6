//! Finding a deadline's wording, the product and the authority in a piece of text.

use crate::text::{Folded, capitalize, trim_punct};
use regex::Regex;
use std::sync::LazyLock;

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    // A day needs a word before it ("trước ngày 30/6/2025"): a bare date in a
    // sentence usually dates a cited document ("Quyết định … ngày 1/12/2025").
    Regex::new(
        r"(?ix)
        \b(?:
          (?:trước|chậm\ nhất(?:\ là)?|trong|đến|vào|hạn|hoàn\ thành|xong|ngay\ trong)\s+
          (?:
              ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?
            | (?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?
          )
          | (?:(?:trước|chậm\ nhất(?:\ là)?|trong|đến|vào|cuối|đến\ hết|hết|ngay\ trong)\s+)?
          (?:
              tháng\s+\d{1,2}(?:\s*[/.]\s*\d{4}|\s+năm\s+\d{4})?
            | quý\s+(?:IV|III|II|I|[1-4])(?:\s*[/.]\s*\d{4}|\s+năm\s+\d{4})?
            | 6\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}
          )
          | (?:trong|cuối|đến\ hết|hết)\s+năm\s+\d{4}
          | tại\s+kỳ\s+họp\s+thứ\s+\d+
        )\b",
    )
    .expect("deadline pattern")
});

static DAY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)ngày\s+\d{1,2}\s*$").expect("day before"));

static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:khẩn trương|thường xuyên|hằng năm|hàng năm|sớm|nhanh chóng|kịp thời)\b")
        .expect("vague pattern")
});

/// A deadline phrase found in text: its wording and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineHit {
    /// The wording as the source writes it.
    pub written: String,
    /// Byte range in the searched text.
    pub range: std::ops::Range<usize>,
}

/// The first deadline phrase of `text` ("trong quý II/2025", "trước ngày
/// 30/6/2025"); failing that, an urgency or ongoing word at its start
/// ("khẩn trương", "thường xuyên"), which `check` reports as vague.
pub fn deadline(text: &str) -> Option<DeadlineHit> {
    for m in DEADLINE.find_iter(text) {
        // "tháng 02 năm 2025" inside "ngày 18 tháng 02 năm 2025" is a date.
        if DAY_BEFORE.is_match(&text[..m.start()]) {
            continue;
        }
        return Some(DeadlineHit {
            written: m.as_str().trim().to_owned(),
            range: m.range(),
        });
    }
    let start = text.len() - text.trim_start().len();
    VAGUE.find(&text[start..]).map(|m| DeadlineHit {
        written: m.as_str().to_owned(),
        range: start + m.start()..start + m.end(),
    })
}

/// The wording of a table cell, kept whole ("Quý II/2025", "Tháng 6/2025").
pub fn deadline_cell(cell: &str) -> Option<String> {
    let t = trim_punct(cell);
    (!t.is_empty()).then(|| t.to_owned())
}

static PRODUCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:dự án |dự thảo |hồ sơ )?(?:nghị định|nghị quyết|quyết định|chỉ thị|thông tư|luật|pháp lệnh|đề án|kế hoạch|chương trình|chiến lược|quy hoạch|báo cáo|đề nghị xây dựng|phương án|quy chế|quy định|hướng dẫn|bộ chỉ số|bộ tiêu chí|công điện)\b",
    )
    .expect("product pattern")
});

/// Verbs that make a document a product ("ban hành Nghị định…").
const PRODUCT_VERBS: [&str; 15] = [
    "hoan thanh",
    "ban hanh",
    "xay dung",
    "trinh",
    "phe duyet",
    "hoan thien",
    "sua doi",
    "bo sung",
    "lap",
    "nghien cuu",
    "soan thao",
    "thong qua",
    "tong ket",
    "de xuat",
    "xem xet",
];

/// Where a product phrase stops.
static PRODUCT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,;.:(]|\s(?:để|nhằm|hoàn thành|trước|trong (?:quý|tháng|năm)|theo|bảo đảm|đảm bảo|và trình|trình|và (?:nhanh chóng|khẩn trương|tổ chức|xây dựng|triển khai|hoàn thiện|báo cáo|lấy ý kiến))\s")
        .expect("product end")
});

/// Where a product phrase starting `rest` ends; "trình" inside "Chương
/// trình" does not end it. Matches before `from` are ignored.
fn product_end(rest: &str, from: usize) -> usize {
    for e in PRODUCT_END.find_iter(rest) {
        if e.start() < from {
            continue;
        }
        let word = e.as_str().trim();
        if word.eq_ignore_ascii_case("trình")
            && rest[..e.start()].to_lowercase().ends_with("chương")
        {
            continue;
        }
        return e.start();
    }
    rest.len()
}

/// The document to be produced, as written ("Nghị định sửa đổi…"), if the text
/// names one after a verb that makes it (ban hành, xây dựng, trình, phê duyệt…).
pub fn product(text: &str) -> Option<String> {
    product_span(text).map(|(s, e)| capitalize(&text[s..e]))
}

/// Byte range of [`product`] in `text`.
pub fn product_span(text: &str) -> Option<(usize, usize)> {
    let folded = Folded::new(text);
    for m in PRODUCT.find_iter(text) {
        let before = &text[..m.start()];
        let fb = crate::text::fold(before);
        let fb = fb.trim_end();
        let capital = m.as_str().chars().next().is_some_and(char::is_uppercase);
        let right_after = PRODUCT_VERBS.iter().any(|v| {
            fb.ends_with(v)
                || fb.ends_with(&format!("{v} cac"))
                || fb.ends_with(&format!("{v} 01"))
                || fb
                    .rsplit_once(' ')
                    .is_some_and(|(h, n)| n.chars().all(|c| c.is_ascii_digit()) && h.ends_with(v))
        });
        let clause_start = fb.rfind([',', ';']).map_or(0, |i| i + 1);
        let in_clause = PRODUCT_VERBS
            .iter()
            .any(|v| fb[clause_start..].contains(v) || fb.contains(&format!("trinh {v}")));
        let is_verb_use = {
            // "báo cáo Thủ tướng", "quyết định đầu tư": a verb, not a document.
            let after = &folded.text[m.end().min(folded.text.len())..];
            let word = crate::text::fold(m.as_str());
            (word.ends_with("bao cao")
                || word.ends_with("quyet dinh")
                || word.ends_with("huong dan"))
                && !capital
                && !right_after
                || after.starts_with(" ve viec") && word == "bao cao"
        };
        if is_verb_use || !(right_after || (capital && in_clause)) {
            continue;
        }
        // A count before the type belongs to the product ("2 nghị định").
        let start = before
            .trim_end()
            .rsplit_once(' ')
            .map_or(0, |(h, _)| h.len() + 1);
        let count = &before[start..];
        let start = if !count.trim().is_empty() && count.trim().chars().all(|c| c.is_ascii_digit())
        {
            start
        } else {
            m.start()
        };
        let rest = &text[start..];
        let mut end = product_end(rest, m.start() - start);
        // "sửa đổi, bổ sung" keeps its comma.
        while rest[end..].starts_with(", bổ sung") {
            let after = end + ", bổ sung".len();
            end = PRODUCT_END
                .find(&rest[after..])
                .map_or(rest.len(), |e| after + e.start());
        }
        let p = trim_punct(&rest[..end]);
        if p.chars().count() >= 6 {
            let s = start + (p.as_ptr() as usize - rest.as_ptr() as usize);
            return Some((s, s + p.len()));
        }
    }
    None
}

/// Who accepts, approves or receives, as written in the text.
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:trinh|bao cao|gui)\s+(thu tuong chinh phu|thu tuong|chinh phu|uy ban thuong vu quoc hoi|quoc hoi|bo chinh tri|ban bi thu|ban chi dao trung uong|ban chi dao cua chinh phu)\b",
    )
    .expect("authority pattern")
});

static APPROVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(thu tuong chinh phu|thu tuong|chinh phu|quoc hoi)\s+(?:xem xet,?\s+)?(?:phe duyet|ban hanh|thong qua|quyet dinh)\b")
        .expect("approver pattern")
});

fn authority_id(folded_name: &str) -> &'static str {
    match folded_name {
        "thu tuong chinh phu" | "thu tuong" => "TTG",
        "chinh phu" => "CP",
        "uy ban thuong vu quoc hoi" => "UBTVQH",
        "quoc hoi" => "QH",
        "bo chinh tri" => "BCTRI",
        "ban bi thu" => "BBT",
        "ban chi dao trung uong" => "BCDTW",
        _ => "BCDCP",
    }
}

/// The authority the text names: "trình Thủ tướng Chính phủ" → TTG,
/// "trình Chính phủ" → CP, "trình Quốc hội" → QH, "báo cáo Chính phủ" → CP.
pub fn authority(text: &str) -> Option<&'static str> {
    let f = crate::text::fold(text);
    let a = AUTHORITY
        .captures(&f)
        .map(|c| (c.get(0).map_or(0, |m| m.start()), authority_id(&c[1])));
    let b = APPROVER
        .captures(&f)
        .map(|c| (c.get(0).map_or(0, |m| m.start()), authority_id(&c[1])));
    match (a, b) {
        (Some(x), Some(y)) => Some(if x.0 <= y.0 { x.1 } else { y.1 }),
        (x, y) => x.or(y).map(|v| v.1),
    }
}

/// The authority a product's type implies when the text names none: a
/// Government decree or resolution → CP, a PM's decision → TTG, a law → QH.
pub fn implied_authority(product: &str) -> Option<&'static str> {
    let f = crate::text::fold(product);
    if f.contains("cua thu tuong") || f.contains("thu tuong chinh phu") {
        Some("TTG")
    } else if f.contains("cua chinh phu") || f.starts_with("nghi dinh") {
        Some("CP")
    } else if f.starts_with("luat") || f.starts_with("du an luat") || f.contains("cua quoc hoi") {
        Some("QH")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_phrases_anywhere_in_a_sentence() {
        for (text, want) in [
            (
                "trình Chính phủ ban hành nghị quyết, hoàn thành trong tháng 2.2026;",
                "trong tháng 2.2026",
            ),
            (
                "xây dựng kế hoạch hoàn thành trong quý II/2025.",
                "trong quý II/2025",
            ),
            (
                "báo cáo trước ngày 30/6/2025 về kết quả",
                "trước ngày 30/6/2025",
            ),
            (
                "Kế hoạch thực hiện phải hoàn thành trước 15/2, bảo đảm",
                "trước 15/2",
            ),
            ("Đến tháng 6/2025, yêu cầu", "Đến tháng 6/2025"),
            ("trình trong quý 3", "trong quý 3"),
            (
                "xong trước ngày 15 tháng 3 năm 2025",
                "trước ngày 15 tháng 3 năm 2025",
            ),
            ("đưa vào hoạt động trong năm 2025;", "trong năm 2025"),
            (
                "báo cáo Quốc hội cho ý kiến tại kỳ họp thứ 9.",
                "tại kỳ họp thứ 9",
            ),
            ("khẩn trương trình Chính phủ", "khẩn trương"),
        ] {
            assert_eq!(
                deadline(text).map(|d| d.written).as_deref(),
                Some(want),
                "{text}"
            );
        }
        for text in [
            "sửa đổi Nghị định số 123/2020/NĐ-CP về hóa đơn",
            "Chương trình giai đoạn 2026-2030",
            "mục tiêu đến năm 2030",
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025",
            "Quyết định số 2629/QĐ-TTg ngày 1/12/2025",
            "bảo đảm nguồn ngân sách chi thường xuyên",
        ] {
            assert_eq!(deadline(text), None, "{text}");
        }
    }

    #[test]
    fn products_follow_a_making_verb() {
        assert_eq!(
            product("tham mưu, trình Chính phủ ban hành nghị quyết của Chính phủ về phát triển công dân số, hoàn thành").as_deref(),
            Some("Nghị quyết của Chính phủ về phát triển công dân số")
        );
        assert_eq!(
            product("xây dựng và trình Thủ tướng Chính phủ xem xét, phê duyệt Đề án phát triển ứng dụng VNeID, cũng hoàn thành").as_deref(),
            Some("Đề án phát triển ứng dụng VNeID")
        );
        assert_eq!(
            product("trình Chính phủ Nghị định sửa đổi, bổ sung Nghị định số 123/2020/NĐ-CP về hóa đơn, chứng từ").as_deref(),
            Some("Nghị định sửa đổi, bổ sung Nghị định số 123/2020/NĐ-CP về hóa đơn")
        );
        assert_eq!(
            product("tổ chức thực hiện tốt Nghị quyết 57 của Bộ Chính trị"),
            None
        );
        assert_eq!(
            product("tổng hợp, báo cáo Thủ tướng Chính phủ kết quả"),
            None
        );
    }

    #[test]
    fn authority_from_the_text_or_the_product() {
        assert_eq!(
            authority("trình Thủ tướng Chính phủ phê duyệt Đề án"),
            Some("TTG")
        );
        assert_eq!(authority("tham mưu, trình Chính phủ ban hành"), Some("CP"));
        assert_eq!(
            authority("hoàn thiện, trình Quốc hội thông qua Luật"),
            Some("QH")
        );
        assert_eq!(
            authority("báo cáo Chính phủ để đề xuất Quốc hội"),
            Some("CP")
        );
        assert_eq!(authority("xây dựng cơ sở dữ liệu"), None);
        assert_eq!(implied_authority("Nghị định quy định chi tiết"), Some("CP"));
        assert_eq!(
            implied_authority("Quyết định của Thủ tướng Chính phủ"),
            Some("TTG")
        );
        assert_eq!(implied_authority("Thông tư hướng dẫn"), None);
    }
}
