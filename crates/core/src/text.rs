//! Text measured by display width, so Vietnamese aligns in tables: a
//! precomposed `ế` and a decomposed `e` + two marks take one column alike.

use unicode_width::UnicodeWidthStr;

/// True when `s` shows nothing: it holds only whitespace, control
/// characters and invisible formatting characters (zero-width space, ZWNJ,
/// ZWJ, word joiner, BOM, soft hyphen, bidirectional marks, variation
/// selectors, fillers). A title like that is as empty as `""`.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_invisible)
}

/// True for a character that shows nothing on its own.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Columns `s` takes on a terminal. Printable ASCII (ids, days, numbers)
/// takes one column a byte, counted without decoding characters.
pub fn display_width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return s.len();
    }
    s.width()
}

/// Cuts `s` to at most `width` columns, ending with `…` when it was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(g).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(g);
        used += w;
    }
    // Keep combining marks that follow the last kept base character.
    out.push('…');
    out
}

/// Cuts `s` to at most `width` columns from the left, starting with `…`
/// when it was cut: the end of an id (`…2-2025/17`) is the part that tells
/// tasks apart.
pub fn truncate_left(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// `s` cut to `width` columns and padded with spaces to exactly `width`.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = display_width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// `s` padded on the left to `width` columns (for numbers).
pub fn fit_right(s: &str, width: usize) -> String {
    let cut = truncate(s, width);
    let w = display_width(&cut);
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(&cut);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn printable_ascii_is_one_column_a_byte_as_unicode_width_says() {
        use unicode_width::UnicodeWidthStr;
        let printable: String = (0x20u8..0x7F).map(char::from).collect();
        assert_eq!(super::display_width(&printable), printable.width());
        assert_eq!(super::display_width(&printable), 95);
        // Not ASCII, or a control character: measured character by character.
        assert_eq!(super::display_width("Bộ Công an"), 10);
        assert_eq!(super::display_width("会议"), 4);
        assert_eq!(super::display_width("a\u{301}"), 1);
        assert_eq!(super::display_width("a\tb"), "a\tb".width());
    }

    use super::*;

    #[test]
    fn vietnamese_is_measured_by_columns_not_bytes() {
        assert_eq!(display_width("Bộ Công an"), 10);
        assert_eq!("Bộ Công an".len(), 13);
        // Decomposed: e + circumflex + acute.
        assert_eq!(display_width("Tie\u{302}\u{301}n"), 4);
        assert_eq!(display_width(&fit("Bộ Công an", 14)), 14);
    }

    #[test]
    fn invisible_text_is_blank() {
        for blank in [
            "",
            "   ",
            "\u{200B}",
            "\u{200C}\u{200D}\u{FEFF}\u{2060}\u{AD}",
            " \u{200B}\t\u{3000}\u{1b}\u{7}",
            "\u{202E}\u{2066}\u{FE0F}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for shown in ["a", "\u{200B}x\u{200B}", "Đề án", "1", "·"] {
            assert!(!is_blank(shown), "{shown:?}");
        }
    }

    #[test]
    fn truncation_ends_with_an_ellipsis() {
        assert_eq!(truncate("Nghị quyết về công dân số", 10), "Nghị quyế…");
        assert_eq!(
            display_width(&truncate("Nghị quyết về công dân số", 10)),
            10
        );
        assert_eq!(truncate("ngắn", 10), "ngắn");
        assert_eq!(fit_right("12", 4), "  12");
    }
}
