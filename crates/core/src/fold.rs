//! Search folding: the one function that makes search ignore Vietnamese
//! diacritics and letter case (`cong an` finds `Công an`, `d` finds `đ`).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds text for search: decomposes, drops combining marks, maps `đ`/`Đ` to
/// `d` and lowercases. `fold("Công An") == "cong an"`.
pub fn fold(s: &str) -> String {
    // Character by character: ASCII goes straight through, and only other
    // characters are decomposed (the streaming NFD costs several times more,
    // and the marks it would reorder are dropped anyway).
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => decompose_canonical(c, |d| match d {
                d if is_combining_mark(d) => {}
                d if d.is_ascii() => out.push(d.to_ascii_lowercase()),
                d => out.extend(d.to_lowercase()),
            }),
        }
    }
    out
}

/// True when `needle` (already folded) occurs in `haystack` after folding it.
pub fn folded_contains(haystack: &str, folded_needle: &str) -> bool {
    folded_needle.is_empty() || fold(haystack).contains(folded_needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// The definition: decompose, drop the marks, `đ` to `d`, lower case.
    fn reference(s: &str) -> String {
        let mut out = String::new();
        for c in s.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            match c {
                'đ' | 'Đ' => out.push('d'),
                c => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn fold_agrees_with_its_definition(s in "\\PC{0,40}") {
            prop_assert_eq!(fold(&s), reference(&s));
        }

        #[test]
        fn fold_agrees_on_vietnamese(s in "[a-zA-Z àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ\u{300}\u{301}\u{303}\u{309}\u{323}]{0,40}") {
            prop_assert_eq!(fold(&s), reference(&s));
        }
    }

    #[test]
    fn folds_diacritics_case_and_d() {
        assert_eq!(fold("Công an"), "cong an");
        assert_eq!(fold("ĐỊNH DANH điện tử"), "dinh danh dien tu");
        assert_eq!(fold("Quý II/2025"), "quy ii/2025");
        assert!(folded_contains("Bộ Công an", &fold("cong AN")));
        assert!(folded_contains("đề án", "d"));
    }
}
