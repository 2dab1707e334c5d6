//! Text helpers: whitespace, folding with positions kept, sentences, list markers.

use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// NFC, every run of whitespace (including no-break spaces) as one space, trimmed.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text folded for matching (no diacritics, `đ` → `d`, lower case), with the
/// byte offset in the original of every folded byte.
pub struct Folded {
    /// The folded text.
    pub text: String,
    map: Vec<usize>,
    len: usize,
}

impl Folded {
    /// Folds `s`, character by character.
    pub fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len());
        let mut buf = [0u8; 4];
        for (i, c) in s.char_indices() {
            let f = if c.is_ascii() {
                c.to_ascii_lowercase().to_string()
            } else {
                sauro_core::fold(c.encode_utf8(&mut buf))
            };
            for _ in 0..f.len() {
                map.push(i);
            }
            text.push_str(&f);
        }
        Folded {
            text,
            map,
            len: s.len(),
        }
    }

    /// The original byte offset of a folded byte offset.
    pub fn orig(&self, folded: usize) -> usize {
        self.map.get(folded).copied().unwrap_or(self.len)
    }
}

/// Folds a whole string (no positions).
pub fn fold(s: &str) -> String {
    sauro_core::fold(s)
}

/// Upper-cases the first letter.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Trims spaces and the punctuation that joins clauses (`,;:.`) at both ends.
pub fn trim_punct(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-' | '–'))
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?P<roman>[IVXLC]+)\.|(?P<digit>\d{1,2}(?:\.\d{1,2})*)[.)]|\((?P<paren>\d{1,2})\)|(?P<letter>[a-zđ])\)|(?P<dash>[-+•*–]))\s+",
    )
    .expect("marker pattern")
});

/// The kind of list marker that starts a paragraph, from the highest level down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// `I.`, `II.`
    Roman,
    /// `1.`, `1.2.`, `1)`
    Digit,
    /// `a)`, `b)`
    Letter,
    /// `(1)`, `(2)`
    Paren,
    /// `-`, `+`, `•`
    Dash,
}

/// The list marker at the start of `s` and the byte length it takes.
pub fn marker(s: &str) -> Option<(Marker, usize)> {
    let c = MARKER.captures(s)?;
    let kind = if c.name("roman").is_some() {
        Marker::Roman
    } else if c.name("digit").is_some() {
        Marker::Digit
    } else if c.name("letter").is_some() {
        Marker::Letter
    } else if c.name("paren").is_some() {
        Marker::Paren
    } else {
        Marker::Dash
    };
    Some((kind, c.get(0).map_or(0, |m| m.end())))
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 8] = ["TP", "Tp", "tp", "TS", "ThS", "GS", "PGS", "v.v"];

/// Splits a paragraph into sentences: a `.`, `!` or `?` followed by a space
/// and an upper-case letter, a digit, a quote or a bracket ends one.
pub fn sentences(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, space)) = chars.get(k + 1) else {
            continue;
        };
        let Some(&(_, next)) = chars.get(k + 2) else {
            continue;
        };
        if space != ' '
            || !(next.is_uppercase() || next.is_ascii_digit() || "\"“(‘'".contains(next))
        {
            continue;
        }
        let before = &p[start..i];
        let last_word = before.rsplit(' ').next().unwrap_or("");
        if ABBREVIATIONS.contains(&last_word) {
            continue;
        }
        let s = p[start..=i].trim();
        if !s.is_empty() {
            out.push(s.to_owned());
        }
        start = i + c.len_utf8();
    }
    let rest = p[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

/// Splits at `sep` outside brackets and quotes.
pub fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '"' => quoted = !quoted,
            '“' => quoted = true,
            '”' => quoted = false,
            c if c == sep && depth <= 0 && !quoted => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_offsets_point_into_the_original() {
        let s = "Giao Bộ Công an chủ trì";
        let f = Folded::new(s);
        let at = f.text.find("cong an").unwrap();
        assert_eq!(&s[f.orig(at)..], "Công an chủ trì");
        assert_eq!(f.orig(f.text.len()), s.len());
    }

    #[test]
    fn sentences_split_on_a_stop_before_a_capital_only() {
        let s = sentences(
            "Bộ Công an chủ trì. Hoàn thành trong quý 3/2026. TP. Hà Nội phối hợp, v.v. xong",
        );
        assert_eq!(
            s,
            vec![
                "Bộ Công an chủ trì.",
                "Hoàn thành trong quý 3/2026.",
                "TP. Hà Nội phối hợp, v.v. xong"
            ]
        );
    }

    #[test]
    fn markers_are_told_apart() {
        assert_eq!(marker("a) Bộ Công an").map(|m| m.0), Some(Marker::Letter));
        assert_eq!(marker("(2) xây dựng").map(|m| m.0), Some(Marker::Paren));
        assert_eq!(marker("II. NHIỆM VỤ").map(|m| m.0), Some(Marker::Roman));
        assert_eq!(marker("3. Về").map(|m| m.0), Some(Marker::Digit));
        assert_eq!(marker("Bộ Công an"), None);
    }

    #[test]
    fn split_top_keeps_brackets_whole() {
        assert_eq!(split_top("a (b; c); d", ';'), vec!["a (b; c)", " d"]);
    }
}
