//! Document numbers (số, ký hiệu) and the kind of document they name:
//! `56/TB-VPCP` is a Thông báo, `2629/QĐ-TTg` a Quyết định, `57-NQ/TW` a
//! Nghị quyết, `176/2025/QH15` an act of the National Assembly.

use crate::fold::fold;
use crate::lang::Lang;

/// The type codes of Nghị định 30/2020/NĐ-CP and of Party documents, folded
/// (`Đ` → `d`, lower case), with their Vietnamese and English names.
const KINDS: &[(&str, &str, &str)] = &[
    ("nq", "Nghị quyết", "Resolution"),
    ("qd", "Quyết định", "Decision"),
    ("ct", "Chỉ thị", "Directive"),
    ("qc", "Quy chế", "Regulation"),
    ("qyd", "Quy định", "Regulation"),
    ("tc", "Thông cáo", "Communiqué"),
    ("tb", "Thông báo", "Notice"),
    ("hd", "Hướng dẫn", "Guidance"),
    ("ctr", "Chương trình", "Programme"),
    ("kh", "Kế hoạch", "Plan"),
    ("pa", "Phương án", "Scheme"),
    ("da", "Đề án", "Project"),
    ("bc", "Báo cáo", "Report"),
    ("bb", "Biên bản", "Minutes"),
    ("ttr", "Tờ trình", "Submission"),
    ("cd", "Công điện", "Telegram"),
    ("kl", "Kết luận", "Conclusion"),
    ("nd", "Nghị định", "Decree"),
    ("tt", "Thông tư", "Circular"),
    ("ttlt", "Thông tư liên tịch", "Joint circular"),
    ("gm", "Giấy mời", "Invitation"),
];

/// The kind of document a number names, in `lang`: "Thông báo" for
/// `56/TB-VPCP`, "Quyết định" for `2629/QĐ-TTg`, "Nghị quyết" for
/// `57-NQ/TW`. `None` when the number carries no type code: acts of the
/// National Assembly (`176/2025/QH15`) and công văn (`9061/VPCP-CN`, whose
/// code names a unit) are not guessed.
pub fn kind_name(number: &str, lang: Lang) -> Option<&'static str> {
    let code = type_code(number)?;
    let folded = fold(code);
    KINDS
        .iter()
        .find(|(c, _, _)| *c == folded)
        .map(|(_, vi, en)| lang.pick(vi, en))
}

/// The type code of a number: `TB` in `56/TB-VPCP` and `01/2026/TT-BDTTG`
/// (state form), `NQ` in `57-NQ/TW` (Party form).
fn type_code(number: &str) -> Option<&str> {
    let number = number.trim();
    let last = number.rsplit('/').next()?;
    if let Some((code, _issuer)) = last.split_once('-') {
        // State form: the part after the last `/` is TYPE-ISSUER.
        return number.contains('/').then_some(code);
    }
    // Party form: NUMBER-TYPE/ISSUER.
    let (first, _) = number.split_once('/')?;
    let (_, code) = first.split_once('-')?;
    Some(code)
}

/// A directive as people cite it: "Thông báo 56/TB-VPCP ngày 21/02/2026";
/// the number alone when its kind is unknown, the id when it has no number.
pub fn citation(
    number: Option<&str>,
    id: &str,
    issued_on: Option<chrono::NaiveDate>,
    lang: Lang,
) -> String {
    let mut out = match number {
        Some(n) => match kind_name(n, lang) {
            Some(kind) => format!("{kind} {n}"),
            None => n.to_owned(),
        },
        None => id.to_owned(),
    };
    if let Some(d) = issued_on {
        out.push_str(lang.pick(" ngày ", " of "));
        out.push_str(&crate::date::format_date(d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn kinds_from_state_and_party_numbers() {
        assert_eq!(kind_name("56/TB-VPCP", Lang::Vi), Some("Thông báo"));
        assert_eq!(kind_name("2629/QĐ-TTg", Lang::Vi), Some("Quyết định"));
        assert_eq!(kind_name("2629/QD-TTG", Lang::En), Some("Decision"));
        assert_eq!(kind_name("01/2026/TT-BDTTG", Lang::Vi), Some("Thông tư"));
        assert_eq!(kind_name("123/2020/NĐ-CP", Lang::Vi), Some("Nghị định"));
        assert_eq!(kind_name("57-NQ/TW", Lang::Vi), Some("Nghị quyết"));
        assert_eq!(kind_name("02-KH/BCĐTW", Lang::Vi), Some("Kế hoạch"));
        assert_eq!(kind_name("07/CT-TTg", Lang::Vi), Some("Chỉ thị"));
        assert_eq!(kind_name("280/CĐ-TTg", Lang::Vi), Some("Công điện"));
        // No type code: a law or NA resolution, a công văn.
        assert_eq!(kind_name("176/2025/QH15", Lang::Vi), None);
        assert_eq!(kind_name("9061/VPCP-CN", Lang::Vi), None);
        assert_eq!(kind_name("Quyết định 2629", Lang::Vi), None);
        assert_eq!(kind_name("", Lang::Vi), None);
    }

    #[test]
    fn citations_name_kind_number_and_day() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 21);
        assert_eq!(
            citation(Some("56/TB-VPCP"), "tb-56", d, Lang::Vi),
            "Thông báo 56/TB-VPCP ngày 21/02/2026"
        );
        assert_eq!(
            citation(Some("56/TB-VPCP"), "tb-56", d, Lang::En),
            "Notice 56/TB-VPCP of 21/02/2026"
        );
        assert_eq!(citation(None, "tb-56", None, Lang::Vi), "tb-56");
        assert_eq!(
            citation(Some("9061/VPCP-CN"), "cv", d, Lang::Vi),
            "9061/VPCP-CN ngày 21/02/2026"
        );
    }
}
