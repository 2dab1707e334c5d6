//! Text from directive files and users made safe for where it goes: one
//! function per destination, used by every command, report and view.
//!
//! - [`terminal_line`] / [`terminal_text`]: control characters (ESC, BEL,
//!   CR, backspace, DEL, C1 controls) and bidirectional overrides would move
//!   the cursor, retitle or clear the terminal, or reorder what the reader
//!   sees; they are shown as visible symbols (`␛`, `␇`, `␍`, `�`) instead.
//! - [`csv_cell`]: a cell a spreadsheet would read as a formula gets a leading
//!   apostrophe, as OWASP recommends against CSV injection.
//! - [`md_cell`]: Markdown that stays text: no HTML, no links, no emphasis.
//! - [`html`]: HTML content and attribute values.
//!
//! Each returns the input borrowed when there is nothing to change, so clean
//! text (nearly all of it) costs one scan.

use std::borrow::Cow;

/// The symbol shown instead of an unsafe character.
const REPLACEMENT: char = '\u{FFFD}';

/// True for characters that must never reach a terminal as they are: every
/// C0 control but line feed and tab, DEL, the C1 controls (U+0080–U+009F),
/// and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which reorder the text around them.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The visible stand-in for an unsafe character: the Unicode control picture
/// of a C0 control (`␛` for ESC, `␇` for BEL, `␍` for CR, `␈` for
/// backspace), `␡` for DEL, `�` for the rest. Each takes one column.
pub fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or(REPLACEMENT),
        '\u{7F}' => '\u{2421}',
        _ => REPLACEMENT,
    }
}

/// `s` for one line of a terminal (a table cell, a title): line breaks
/// (`\n`, `\r\n`) and tabs become spaces, other unsafe characters their
/// visible stand-ins (a lone CR shows as `␍`).
pub fn terminal_line(s: &str) -> Cow<'_, str> {
    terminal(s, true)
}

/// `s` for a terminal, keeping its line breaks (`\r\n` becomes `\n`) and
/// tabs; every other unsafe character becomes its visible stand-in.
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    terminal(s, false)
}

/// The one terminal escape: `\r\n` becomes its `\n`, unsafe characters
/// their stand-ins; on `one_line`, line breaks and tabs become spaces.
fn terminal(s: &str, one_line: bool) -> Cow<'_, str> {
    let breaks = |c: char| one_line && (c == '\n' || c == '\t');
    if !may_change(s.as_bytes(), one_line) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            c if breaks(c) => out.push(' '),
            c if is_unsafe(c) => out.push(visible(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// False when [`terminal`] leaves `s` as it is, read from its UTF-8 bytes
/// without decoding characters: only a byte below 0x20 or 0x7F (C0
/// controls, DEL; line feed and tab only on `one_line`), `C2 80`–`C2 9F`
/// (the C1 controls) and `E2 80 AA`–`E2 80 AE`, `E2 81 A6`–`E2 81 A9` (the
/// bidirectional controls) begin a character it changes. Nearly all text
/// has none of the bytes 0x00–0x1F, 0x7F, 0xC2, 0xE2: that first pass
/// decides it.
fn may_change(s: &[u8], one_line: bool) -> bool {
    let suspect = |b: u8| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2;
    // In blocks without an early exit, which the compiler vectorizes.
    if !s
        .chunks(32)
        .any(|block| block.iter().fold(false, |seen, &b| seen | suspect(b)))
    {
        return false;
    }
    s.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => one_line,
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(s.get(i + 1), Some(0x80..=0x9F)),
        0xE2 => matches!(
            (s.get(i + 1), s.get(i + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        _ => false,
    })
}

/// True when a spreadsheet would read `s` as a plain number (`-12`, `+3.5`,
/// `1e3`), which is data, not a formula.
fn is_number(s: &str) -> bool {
    let t = s.trim_matches(' ');
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | ',' | 'e' | 'E'))
        && t.chars().any(|c| c.is_ascii_digit())
        && t.replace(',', "").parse::<f64>().is_ok()
}

/// `s` as a CSV or spreadsheet cell that cannot become a formula: when it
/// starts with `=`, `+`, `-` or `@` (also after the spaces, tabs and line
/// breaks a spreadsheet strips), or with a tab or CR itself, it gets a
/// leading apostrophe, as OWASP recommends; a plain number such as `-12`
/// stays a number. Unsafe terminal characters are made visible too (line
/// breaks stay), since a CSV is often read with `cat`.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let stripped = s.trim_start_matches([' ', '\t', '\r', '\n']);
    let risky = s.starts_with(['\t', '\r'])
        || (stripped.starts_with(['=', '+', '-', '@']) && !is_number(s));
    let text = terminal_text(s);
    match (risky, text) {
        (false, text) => text,
        (true, text) => Cow::Owned(format!("'{text}")),
    }
}

/// Link schemes that run code or smuggle content when a Markdown or HTML
/// viewer follows them.
const DANGEROUS_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// `s` as Markdown text (a table cell, a heading, a list item) that renders
/// as exactly these characters: `\ | < > [ ] ` * _` are backslash-escaped
/// (no HTML tag, no link, no emphasis can form), line breaks become spaces,
/// unsafe terminal characters their visible stand-ins, and the colon of a
/// `javascript:`, `vbscript:` or `data:` scheme is escaped so no viewer
/// turns it into a link.
pub fn md_cell(s: &str) -> String {
    let line = terminal_line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        match c {
            '\\' | '|' | '<' | '>' | '[' | ']' | '`' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            ':' if ends_with_scheme(&line[..i]) => out.push_str("\\:"),
            c => out.push(c),
        }
    }
    out
}

/// True when `before` ends with the name of a dangerous scheme (any case).
fn ends_with_scheme(before: &str) -> bool {
    DANGEROUS_SCHEMES.iter().any(|scheme| {
        let name = &scheme[..scheme.len() - 1];
        before.len() >= name.len()
            && before.is_char_boundary(before.len() - name.len())
            && before[before.len() - name.len()..].eq_ignore_ascii_case(name)
    })
}

/// `s` made safe for HTML content and attribute values (`& < > " '`), with
/// unsafe terminal characters shown visibly (line breaks stay).
pub fn html(s: &str) -> String {
    let text = terminal_text(s);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON text (as serde_json writes it) with the characters it leaves raw
/// and a terminal would obey — DEL, the C1 controls, bidirectional
/// overrides — written as `\uXXXX` escapes: the same data for a script, inert
/// on a terminal. Such characters can only stand inside JSON strings, where
/// the escape is valid.
pub fn json(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_agrees_with_the_characters_it_stands_for() {
        // Every character up to U+3000 and the last ones, alone, between
        // Vietnamese letters, and at the end of a block of the scan.
        let pad = "ạ".repeat(10) + "a";
        let chars = (0..=0x3000u32)
            .chain(0x10_FFF0..=0x10_FFFF)
            .filter_map(char::from_u32);
        for c in chars {
            for s in [c.to_string(), format!("Đề án {c}ư"), format!("{pad}{c}")] {
                for one_line in [true, false] {
                    let by_chars = s
                        .chars()
                        .any(|c| is_unsafe(c) || (one_line && (c == '\n' || c == '\t')));
                    assert_eq!(
                        may_change(s.as_bytes(), one_line),
                        by_chars,
                        "U+{:04X} in {s:?}, one line: {one_line}",
                        u32::from(c)
                    );
                }
            }
        }
        assert!(matches!(
            terminal_line("Bộ Công an “xử lý”"),
            Cow::Borrowed(_)
        ));
        assert_eq!(terminal_line("a\u{202E}b"), "a\u{FFFD}b");
    }

    /// An attack on a terminal: retitle, clear the screen, overwrite columns.
    const ATTACK: &str = "A\u{1b}]0;pwned\u{7}\u{1b}[2J\rB\u{8}\u{9b}C\u{202E}D\u{2066}E\u{7f}";

    fn no_unsafe(s: &str) -> bool {
        !s.chars().any(is_unsafe)
    }

    #[test]
    fn terminal_line_shows_controls_visibly() {
        let out = terminal_line(ATTACK);
        assert!(no_unsafe(&out), "{out:?}");
        assert_eq!(out, "A␛]0;pwned␇␛[2J␍B␈�C�D�E␡");
        assert_eq!(terminal_line("a\r\nb\nc\td"), "a b c d");
        assert!(matches!(terminal_line("Bộ Công an"), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_text_keeps_line_breaks() {
        assert_eq!(terminal_text("a\r\nb\n\tc\u{1b}[31m"), "a\nb\n\tc␛[31m");
        assert!(no_unsafe(&terminal_text(ATTACK)));
        assert!(matches!(terminal_text("x\ny"), Cow::Borrowed(_)));
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for bad in [
            "=1+1",
            "+SUM(A1)",
            "-2+3",
            "@SUM(A1)",
            "\t=cmd",
            "\r=cmd",
            "  =HYPERLINK(\"x\")",
            "\n-x",
        ] {
            let out = csv_cell(bad);
            assert!(out.starts_with('\''), "{bad:?} -> {out:?}");
        }
        for ok in ["-12", "+3.5", "-1,5", "Bộ Công an", "a=b", "", "—"] {
            assert_eq!(csv_cell(ok), ok, "{ok:?}");
        }
        assert_eq!(csv_cell("x\u{1b}y"), "x␛y");
    }

    #[test]
    fn markdown_cells_stay_text() {
        let out = md_cell("<script>alert(1)</script> [x](javascript:alert(1)) a|b\\c *d* _e_ `f`");
        assert_eq!(
            out,
            "\\<script\\>alert(1)\\</script\\> \\[x\\](javascript\\:alert(1)) a\\|b\\\\c \\*d\\* \\_e\\_ \\`f\\`"
        );
        assert!(
            md_cell("JavaScript:x DATA:y vbscript:z")
                .matches("\\:")
                .count()
                == 3
        );
        assert_eq!(md_cell("Hạn: 30/6"), "Hạn: 30/6");
        assert_eq!(md_cell("a\nb\u{1b}"), "a b␛");
    }

    #[test]
    fn json_keeps_the_data_and_spares_the_terminal() {
        let raw = "\"a\u{9b}2J\u{202E}b\u{7f}\"";
        let out = json(raw);
        assert_eq!(out, "\"a\\u009b2J\\u202eb\\u007f\"");
        assert!(no_unsafe(&out));
        assert!(matches!(json("{\n  \"a\": 1\n}"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_is_escaped_once() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>\u{1b}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;␛"
        );
    }
}
