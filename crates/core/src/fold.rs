//! Search folding: the one function that makes search ignore Vietnamese
//! diacritics and letter case (`cong an` finds `Công an`, `d` finds `đ`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for search: decomposes, drops combining marks, maps `đ`/`Đ` to
/// `d` and lowercases. `fold("Công An") == "cong an"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
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

    #[test]
    fn folds_diacritics_case_and_d() {
        assert_eq!(fold("Công an"), "cong an");
        assert_eq!(fold("ĐỊNH DANH điện tử"), "dinh danh dien tu");
        assert_eq!(fold("Quý II/2025"), "quy ii/2025");
        assert!(folded_contains("Bộ Công an", &fold("cong AN")));
        assert!(folded_contains("đề án", "d"));
    }
}
