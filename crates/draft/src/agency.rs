//! Agency names in a document → registry ids.
//!
//! [`Agencies::resolve`] is the one place the draft maps a name to an id: the
//! registry's resolver (`Registry::resolve`: ids, names, aliases) first, then
//! the written forms running text adds to them (a ministry's abbreviation
//! "Bộ KH&CN", "tỉnh X" for a province, "các …" before a group's name).
//! Scanning running text uses every name and alias of the registry.

use crate::text::{Folded, clean, fold};
use regex::Regex;
use sauro_core::{AgencyKind, Registry};
use std::collections::HashMap;
use std::sync::LazyLock;

/// An agency named in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A registry id.
    Known(String),
    /// A name the registry does not hold, as written.
    Unknown(String),
}

/// Written forms the registry's names do not give, by id.
const ALIASES: &[(&str, &[&str])] = &[
    ("TTG", &["TTgCP", "Thủ tướng CP"]),
    ("BCDCP", &["Ban Chỉ đạo Chính phủ"]),
    ("HOCHIMINH", &["TP. HCM", "Thành phố HCM"]),
    ("BHXH", &["Bảo hiểm xã hội"]),
    (
        "CQLQ",
        &["cơ quan liên quan", "các đơn vị liên quan", "các cơ quan"],
    ),
    (
        "CAC_BO_TINH",
        &[
            "các bộ, ngành, địa phương có liên quan",
            "các bộ ngành, địa phương",
            "các bộ, ngành và địa phương",
            "các bộ, cơ quan, địa phương",
            "các bộ, cơ quan, địa phương liên quan",
            "các bộ, ngành, cơ quan, địa phương",
            "các cơ quan, địa phương",
            "các cơ quan, địa phương liên quan",
            "bộ, ngành, địa phương",
        ],
    ),
    (
        "CAC_BO",
        &[
            "các bộ ngành",
            "các bộ, ngành chủ quản",
            "các bộ, cơ quan",
            "các bộ",
        ],
    ),
    (
        "CAC_TINH",
        &[
            "các địa phương liên quan",
            "UBND các tỉnh, thành phố",
            "Ủy ban nhân dân các tỉnh, thành phố",
        ],
    ),
];

static ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Bộ\s+([A-ZĐ]{1,5}(?:\s*[&\-]\s*[A-ZĐ]{1,5})+|[A-ZĐ]{3,8})\b")
        .expect("abbreviation")
});

static UNKNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Bộ|Ủy ban|Uỷ ban|UBND|Ban|Tổng cục|Cục|Tập đoàn|Tổng công ty|Ngân hàng|Học viện|Viện|Đại học|Hội|Liên đoàn|Kiểm toán|Tòa án|Toà án|Mặt trận|Đài|Văn phòng|Thanh tra|Sở|Hiệp hội|Công ty|Trung ương Đoàn)(?:\s+(?:\p{Lu}[\p{L}\d&.\-]*|và|của|nhân dân|tỉnh|thành phố|Nhà nước|nhà nước|quốc gia|trung ương|xã hội))+",
    )
    .expect("unknown agency")
});

static MINISTRIES_COLON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[Cc]ác\s+)?[Bb]ộ\s*:\s*").expect("ministries colon"));

static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*,\s*(?:và\s+)?|\s*;\s*|\s+và\s+|\s+cùng\s+|\s*\n\s*(?:[-+•]\s*)?)")
        .expect("separator")
});

static PIECE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*,\s*(?:và\s+)?|\s+và\s+").expect("piece separator"));

/// The registry and the written forms of its names.
pub struct Agencies<'r> {
    registry: &'r Registry,
    /// Key (see [`key`]) → id, for [`Agencies::resolve`].
    by_key: HashMap<String, String>,
    /// Folded written form → id, longest first, for scanning running text.
    forms: Vec<(String, String)>,
}

/// The matching key of a name: folded, brackets dropped, "Ủy ban nhân dân" as
/// "ubnd", punctuation other than `&` as spaces.
fn key(name: &str) -> String {
    let mut s = String::new();
    let mut depth = 0;
    for c in fold(name).chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || c == '&' => s.push(c),
            _ => s.push(' '),
        }
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.replace("uy ban nhan dan", "ubnd")
}

/// The written forms of one registry agency.
fn forms_of(name: &str, kind: AgencyKind) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    if let Some(short) = name.strip_suffix(" Việt Nam") {
        out.push(short.to_owned());
    }
    if kind == AgencyKind::Province {
        let bare = name.strip_prefix("TP ").unwrap_or(name);
        let city = name.starts_with("TP ");
        let mut levels = vec!["tỉnh"];
        if city {
            levels = vec!["thành phố", "TP", "TP."];
        }
        for level in levels {
            out.push(format!("{level} {bare}"));
            out.push(format!("UBND {level} {bare}"));
            out.push(format!("Ủy ban nhân dân {level} {bare}"));
        }
        out.push(bare.to_owned());
    }
    out
}

impl<'r> Agencies<'r> {
    /// Indexes the registry's names and the usual written forms.
    pub fn new(registry: &'r Registry) -> Agencies<'r> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for a in registry.iter() {
            // A ministry's field without "Bộ" ("Xây dựng", "Công an") finds
            // it when a cell or a name is resolved whole, but in running text
            // it is an ordinary word ("Xây dựng Đề án …"): not scanned for.
            let bare = a.name.strip_prefix("Bộ ");
            for name in a.names().filter(|n| Some(*n) != bare) {
                for f in forms_of(name, a.kind) {
                    pairs.push((f, a.id.to_string()));
                }
            }
        }
        for (id, names) in ALIASES {
            if registry.contains(id) {
                for n in *names {
                    pairs.push(((*n).to_owned(), (*id).to_owned()));
                }
            }
        }
        let mut by_key = HashMap::new();
        let mut forms = Vec::new();
        for (form, id) in pairs {
            by_key.entry(key(&form)).or_insert_with(|| id.clone());
            forms.push((fold(&form), id));
        }
        forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        forms.dedup_by(|a, b| a.0 == b.0);
        Agencies {
            registry,
            by_key,
            forms,
        }
    }

    /// The registry.
    pub fn registry(&self) -> &Registry {
        self.registry
    }

    /// THE mapping of a written agency name to a registry id, or `None`.
    pub fn resolve(&self, name: &str) -> Option<String> {
        let name = clean(name);
        // The registry's own resolver first: ids, names and aliases.
        if let Some(a) = self.registry.resolve(&name) {
            return Some(a.id.to_string());
        }
        let k = key(&name);
        if let Some(id) = self.by_key.get(&k) {
            return Some(id.clone());
        }
        let bare = k.strip_prefix("cac ").unwrap_or(&k);
        if let Some(id) = self.by_key.get(bare) {
            return Some(id.clone());
        }
        // The id itself ("BCA", "VPCP") or a ministry's abbreviation ("Bộ KH&CN").
        let letters = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect()
        };
        if !name.contains(' ') && self.registry.contains(&letters(&fold(&name))) {
            return Some(letters(&fold(&name)));
        }
        if let Some(c) = ABBREVIATION.captures(&name)
            && c.get(0).is_some_and(|m| m.end() == name.len())
        {
            let id = format!("B{}", letters(&fold(&c[1])));
            if self.registry.contains(&id) {
                return Some(id);
            }
        }
        None
    }

    /// The agency named at byte `start` of `text`, and where its name ends.
    pub fn scan(&self, text: &str, start: usize) -> Option<(usize, Found)> {
        let rest = text.get(start..)?;
        if let Some(c) = ABBREVIATION.captures(rest)
            && let Some(m) = c.get(0)
            && let Some(id) = self.resolve(m.as_str())
        {
            return Some((start + m.end(), Found::Known(id)));
        }
        let folded = Folded::new(rest);
        for (form, id) in &self.forms {
            if folded.text.starts_with(form.as_str())
                && !folded.text[form.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                return Some((start + folded.orig(form.len()), Found::Known(id.clone())));
            }
        }
        let m = UNKNOWN.find(rest)?;
        let mut name = m.as_str();
        while let Some((head, last)) = name.rsplit_once(' ') {
            if last.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            name = head;
        }
        if !name.contains(' ') {
            return None;
        }
        let found = match self.resolve(name) {
            Some(id) => Found::Known(id),
            None => Found::Unknown(name.to_owned()),
        };
        Some((start + name.len(), found))
    }

    /// "các Bộ: Tài chính, Tư pháp và Công an" at `start`.
    fn ministries_colon(&self, text: &str, start: usize) -> Option<(usize, Vec<Found>)> {
        let rest = text.get(start..)?;
        let head = MINISTRIES_COLON.find(rest)?;
        let list_start = start + head.end();
        let list = &text[list_start..];
        let end_rel = list.find([';', '.', ':', '\n']).unwrap_or(list.len());
        let list = &list[..end_rel];
        // Pieces as byte ranges of `list`; stop at the first not capitalised.
        let mut pieces = Vec::new();
        let mut at = 0;
        let seps = PIECE_SEP
            .find_iter(list)
            .map(|m| (m.start(), m.end()))
            .chain(std::iter::once((list.len(), list.len())));
        for (sep_start, sep_end) in seps {
            let piece = &list[at..sep_start];
            if !piece.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            pieces.push((at, sep_start));
            at = sep_end;
        }
        if pieces.is_empty() {
            return None;
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            let mut taken = None;
            for j in (i..pieces.len().min(i + 4)).rev() {
                let name = format!("Bộ {}", &list[pieces[i].0..pieces[j].1]);
                if let Some(id) = self.resolve(&name) {
                    taken = Some((j, Found::Known(id)));
                    break;
                }
            }
            let (j, f) = taken.unwrap_or_else(|| {
                (
                    i,
                    Found::Unknown(format!("Bộ {}", &list[pieces[i].0..pieces[i].1])),
                )
            });
            out.push(f);
            i = j + 1;
        }
        let last = pieces[i.min(pieces.len()) - 1].1;
        Some((list_start + last, out))
    }

    /// A list of agencies at `start` ("Bộ A, Bộ B và các cơ quan liên quan"),
    /// and where it ends. `None` when no agency is named there.
    pub fn scan_list(&self, text: &str, start: usize) -> Option<(usize, Vec<Found>)> {
        let mut pos = start;
        let mut out: Vec<Found> = Vec::new();
        loop {
            let item = self
                .ministries_colon(text, pos)
                .or_else(|| self.scan(text, pos).map(|(e, f)| (e, vec![f])));
            let Some((end, found)) = item else { break };
            out.extend(found);
            pos = skip_brackets(text, end);
            let Some(sep) = SEPARATOR.find(&text[pos..]) else {
                break;
            };
            let next = pos + sep.end();
            if self.ministries_colon(text, next).is_none() && self.scan(text, next).is_none() {
                break;
            }
            pos = next;
        }
        let mut seen = Vec::new();
        out.retain(|f| {
            let new = !seen.contains(f);
            seen.push(f.clone());
            new
        });
        (!out.is_empty()).then_some((pos, out))
    }

    /// Every agency of a table cell; what cannot be read as a known name is kept
    /// as an unknown one, never dropped.
    pub fn cell(&self, text: &str) -> Vec<Found> {
        let t = text.replace(['\n', '\r'], "; ");
        let t = clean(&t);
        let mut out: Vec<Found> = Vec::new();
        let mut pos = 0;
        while pos < t.len() {
            let rest = &t[pos..];
            let skip = rest.len()
                - rest
                    .trim_start_matches([' ', ',', ';', '-', '+', '•', '.'])
                    .len();
            if skip > 0 {
                pos += skip;
                continue;
            }
            if let Some(r) = rest
                .strip_prefix("và ")
                .or_else(|| rest.strip_prefix("cùng "))
            {
                pos += rest.len() - r.len();
                continue;
            }
            let known = self
                .ministries_colon(&t, pos)
                .or_else(|| match self.scan(&t, pos) {
                    Some((end, f @ Found::Known(_))) => Some((end, vec![f])),
                    _ => None,
                });
            if let Some((end, found)) = known {
                for f in found {
                    if !out.contains(&f) {
                        out.push(f);
                    }
                }
                pos = skip_brackets(&t, end).max(pos + 1);
                continue;
            }
            let end = rest.find([',', ';']).map_or(t.len(), |e| pos + e);
            let chunk = crate::text::trim_punct(&t[pos..end]);
            if chunk.chars().any(char::is_alphabetic) {
                let f = match self.resolve(chunk) {
                    Some(id) => Found::Known(id),
                    None => Found::Unknown(chunk.to_owned()),
                };
                if !out.contains(&f) {
                    out.push(f);
                }
            }
            pos = end + 1;
        }
        out
    }
}

/// Skips a bracketed remark right after a name ("Bộ Tài chính (Tổng cục Thuế)").
fn skip_brackets(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    let trimmed = rest.trim_start();
    if trimmed.starts_with('(')
        && let Some(close) = trimmed.find(')')
    {
        return pos + (rest.len() - trimmed.len()) + close + 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::registry;

    fn ids(found: &[Found]) -> Vec<String> {
        found
            .iter()
            .map(|f| match f {
                Found::Known(id) => id.clone(),
                Found::Unknown(n) => format!("?{n}"),
            })
            .collect()
    }

    #[test]
    fn names_and_written_forms_resolve() {
        let reg = registry();
        let a = Agencies::new(&reg);
        for (name, id) in [
            ("Bộ Công an", "BCA"),
            ("bộ công an", "BCA"),
            ("Bộ KH&CN", "BKHCN"),
            ("Bộ GD&ĐT", "BGDDT"),
            ("Bộ LĐ-TB&XH", "BLDTBXH"),
            ("UBND tỉnh Nghệ An", "NGHEAN"),
            ("Ủy ban nhân dân Thành phố Hà Nội", "HANOI"),
            ("TP. Hồ Chí Minh", "HOCHIMINH"),
            ("Ngân hàng Nhà nước", "NHNN"),
            ("Các bộ, ngành, địa phương", "CAC_BO_TINH"),
            ("Thủ tướng Chính phủ", "TTG"),
            ("VPCP", "VPCP"),
            ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL"),
        ] {
            assert_eq!(a.resolve(name).as_deref(), Some(id), "{name}");
        }
        assert_eq!(a.resolve("Tổng cục Thống kê"), None);
    }

    #[test]
    fn a_cell_splits_into_agencies_and_keeps_unknown_names() {
        let reg = registry();
        let a = Agencies::new(&reg);
        let got = a.cell("Bộ Văn hóa, Thể thao và Du lịch, Bộ Khoa học và Công nghệ; Tổng cục Thống kê\nCác bộ, cơ quan liên quan");
        assert_eq!(
            ids(&got),
            vec!["BVHTTDL", "BKHCN", "?Tổng cục Thống kê", "CAC_BO_LQ"]
        );
        let got = a.cell("Các Bộ: Tài chính, Tư pháp, Khoa học và Công nghệ");
        assert_eq!(ids(&got), vec!["BTC", "BTP", "BKHCN"]);
    }

    #[test]
    fn a_list_in_running_text_stops_at_the_work() {
        let reg = registry();
        let a = Agencies::new(&reg);
        let s = "Bộ Quốc phòng, Bộ Thông tin và Truyền thông tăng cường phối hợp";
        let (end, got) = a.scan_list(s, 0).unwrap();
        assert_eq!(ids(&got), vec!["BQP", "BTTTT"]);
        assert_eq!(&s[end..], " tăng cường phối hợp");
        let s = "các bộ, ngành, địa phương liên quan tham mưu";
        let (end, got) = a.scan_list(s, 0).unwrap();
        assert_eq!(ids(&got), vec!["CAC_BO_TINH"]);
        assert_eq!(&s[end..], " tham mưu");
    }
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    /// The draft's own written forms are only those the registry does not
    /// hold as a name or alias: a form it holds belongs in
    /// `data/agencies.toml` alone. (Forms the registry's resolver reads
    /// loosely stay: running text is scanned for exact forms.)
    #[test]
    fn the_drafts_forms_add_to_the_registry_and_do_not_repeat_it() {
        let text = include_str!("../../../data/agencies.toml");
        let registry =
            sauro_core::directive_file::load_registry(sauro_core::directive_file::SourceFile {
                path: "data/agencies.toml",
                text,
            })
            .expect("the bundled registry");
        let repeated: Vec<&str> = ALIASES
            .iter()
            .flat_map(|(id, names)| names.iter().map(move |n| (*id, *n)))
            .filter(|(_, n)| {
                registry
                    .iter()
                    .any(|a| a.names().any(|name| fold(name) == fold(n)))
            })
            .map(|(_, n)| n)
            .collect();
        assert!(repeated.is_empty(), "already in the registry: {repeated:?}");
    }
}
