//! Agencies (cơ quan) and the registry of their ids.

use crate::fold::fold;
use crate::ids::AgencyId;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What kind of body an agency is (`data-format.md`, Agencies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum AgencyKind {
    /// A Party body (TW, Politburo, Secretariat).
    #[serde(rename = "party")]
    Party,
    /// The National Assembly or its Standing Committee.
    #[serde(rename = "national-assembly")]
    NationalAssembly,
    /// The Government, collectively.
    #[serde(rename = "government")]
    Government,
    /// A leader acting in person (PM, General Secretary).
    #[serde(rename = "leader")]
    Leader,
    /// A steering committee (ban chỉ đạo).
    #[serde(rename = "steering-committee")]
    SteeringCommittee,
    /// A ministry (bộ).
    #[serde(rename = "ministry")]
    Ministry,
    /// A ministerial-level agency (cơ quan ngang bộ).
    #[serde(rename = "ministerial-agency")]
    MinisterialAgency,
    /// A Government agency (cơ quan thuộc Chính phủ).
    #[serde(rename = "government-agency")]
    GovernmentAgency,
    /// A provincial People's Committee.
    #[serde(rename = "province")]
    Province,
    /// A group of bodies ("các bộ, ngành, địa phương"): fails rõ người as a lead.
    #[serde(rename = "group")]
    Group,
    /// Anything else.
    #[serde(rename = "other")]
    Other,
}

impl AgencyKind {
    /// Every kind, in the order of the contract.
    pub const ALL: [AgencyKind; 11] = [
        AgencyKind::Party,
        AgencyKind::NationalAssembly,
        AgencyKind::Government,
        AgencyKind::Leader,
        AgencyKind::SteeringCommittee,
        AgencyKind::Ministry,
        AgencyKind::MinisterialAgency,
        AgencyKind::GovernmentAgency,
        AgencyKind::Province,
        AgencyKind::Group,
        AgencyKind::Other,
    ];

    /// The name used in files and the database (`ministry`, `group`…).
    pub fn code(self) -> &'static str {
        match self {
            AgencyKind::Party => "party",
            AgencyKind::NationalAssembly => "national-assembly",
            AgencyKind::Government => "government",
            AgencyKind::Leader => "leader",
            AgencyKind::SteeringCommittee => "steering-committee",
            AgencyKind::Ministry => "ministry",
            AgencyKind::MinisterialAgency => "ministerial-agency",
            AgencyKind::GovernmentAgency => "government-agency",
            AgencyKind::Province => "province",
            AgencyKind::Group => "group",
            AgencyKind::Other => "other",
        }
    }

    /// Reads a kind from its code.
    pub fn from_code(code: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// An agency of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// Its id (`BCA`).
    pub id: AgencyId,
    /// Its Vietnamese name (`Bộ Công an`).
    pub name: String,
    /// What kind of body it is.
    pub kind: AgencyKind,
    /// For a body merged away: the body its tasks count under.
    pub successor: Option<AgencyId>,
    /// Other names documents use for it (`Công an`, `Bộ KH&CN`, `UBND tỉnh
    /// Bình Dương`, an old name), as written.
    pub aliases: Vec<String>,
    /// True for an agency of the built-in registry (`data/agencies.toml`),
    /// which a directive file may not change.
    pub builtin: bool,
}

impl Agency {
    /// An agency with no successor and no aliases, not built in.
    pub fn new(id: AgencyId, name: impl Into<String>, kind: AgencyKind) -> Agency {
        Agency {
            id,
            name: name.into(),
            kind,
            successor: None,
            aliases: Vec::new(),
            builtin: false,
        }
    }

    /// Its name and aliases, the name first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The folded form under which names and aliases are looked up: diacritics,
/// `đ` and letter case folded; `&` read as `và` and every `và` dropped;
/// punctuation and spaces dropped; a leading `Ủy ban nhân dân` / `UBND`,
/// then `tỉnh` / `thành phố` / `TP`, dropped (so `UBND TP Hồ Chí Minh`,
/// `Thành phố Hồ Chí Minh` and `Hồ Chí Minh` share one key).
///
/// `name_key("Bộ KH&CN") == name_key("Bộ KHCN") == "bokhcn"`.
pub fn name_key(text: &str) -> String {
    let folded = fold(text).replace('&', " va ");
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.starts_with(&["uy", "ban", "nhan", "dan"]) && words.len() > 4 {
        words.drain(..4);
    } else if words.first() == Some(&"ubnd") && words.len() > 1 {
        words.remove(0);
    }
    if words.starts_with(&["thanh", "pho"]) && words.len() > 2 {
        words.drain(..2);
    } else if matches!(words.first(), Some(&("tinh" | "tp"))) && words.len() > 1 {
        words.remove(0);
    }
    words.retain(|w| *w != "va");
    words.concat()
}

/// The longest key compared by [`Registry::suggest`], in characters: longer
/// text is cut, so a suggestion costs at most this squared per key.
const SUGGEST_MAX_CHARS: usize = 64;

/// The agencies that ids in directive files refer to, with the index that
/// finds an agency by its name or an alias ([`Registry::resolve`]).
///
/// The index is built on the first look-up by name, not on every insert:
/// most commands only look agencies up by id.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    agencies: BTreeMap<AgencyId, Agency>,
    /// The ids in the order they were last inserted: the order of the ids
    /// under one key of the index.
    inserted: Vec<AgencyId>,
    /// [`name_key`] of every id, name and alias → the agencies it names.
    keys: OnceLock<BTreeMap<String, Vec<AgencyId>>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// The keys an agency is found under: its id, name and aliases.
    fn keys_of(agency: &Agency) -> Vec<String> {
        let mut keys: Vec<String> = std::iter::once(name_key(agency.id.as_str()))
            .chain(agency.names().map(name_key))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// Adds or replaces an agency.
    pub fn insert(&mut self, agency: Agency) {
        if self.agencies.contains_key(&agency.id) {
            self.inserted.retain(|id| id != &agency.id);
        }
        self.inserted.push(agency.id.clone());
        self.agencies.insert(agency.id.clone(), agency);
        self.keys = OnceLock::new();
    }

    /// The index by name: built once, from the agencies in the order they
    /// were inserted (so the ids under a key keep that order).
    fn keys(&self) -> &BTreeMap<String, Vec<AgencyId>> {
        self.keys.get_or_init(|| {
            let mut keys: BTreeMap<String, Vec<AgencyId>> = BTreeMap::new();
            for agency in self.inserted.iter().filter_map(|id| self.agencies.get(id)) {
                for k in Registry::keys_of(agency) {
                    keys.entry(k).or_default().push(agency.id.clone());
                }
            }
            keys
        })
    }

    /// The agency with this id.
    pub fn get(&self, id: &str) -> Option<&Agency> {
        self.agencies.get(id)
    }

    /// True when the id is registered.
    pub fn contains(&self, id: &str) -> bool {
        self.agencies.contains_key(id)
    }

    /// The agency that `text` names: its id in any letter case (`bca`), else
    /// its name or one of its aliases compared by [`name_key`] (`Bộ KH&CN`,
    /// `bo khcn`, `UBND tỉnh Bình Dương`). `None` when nothing matches or
    /// when the text names more than one agency.
    ///
    /// This is the one place where a name becomes an agency id.
    pub fn resolve(&self, text: &str) -> Option<&Agency> {
        let text = text.trim();
        if let Some(a) = self.get(text).or_else(|| self.get(&text.to_uppercase())) {
            return Some(a);
        }
        match self.keys().get(&name_key(text))?.as_slice() {
            [one] => self.get(one.as_str()),
            _ => None,
        }
    }

    /// Every agency whose id, name or alias `text` names (more than one
    /// when the text is ambiguous), by id.
    pub fn resolve_all(&self, text: &str) -> Vec<&Agency> {
        if let Some(a) = self.get(text.trim()) {
            return vec![a];
        }
        self.keys()
            .get(&name_key(text))
            .map(|ids| ids.iter().filter_map(|id| self.get(id.as_str())).collect())
            .unwrap_or_default()
    }

    /// Up to `n` agencies that `text` may have meant ("did you mean …"),
    /// best first: keys that contain the text (three characters or more),
    /// then keys within a small edit distance of it (a third of its
    /// length, at least one). Text and keys are cut to 64 characters, so
    /// the cost is bounded by the registry's size.
    pub fn suggest(&self, text: &str, n: usize) -> Vec<&Agency> {
        let query: String = name_key(text).chars().take(SUGGEST_MAX_CHARS).collect();
        let len = query.chars().count();
        if len == 0 || n == 0 {
            return Vec::new();
        }
        let limit = (len / 3).max(1);
        let mut best: BTreeMap<&AgencyId, (usize, usize)> = BTreeMap::new();
        for (key, ids) in self.keys() {
            let key: String = key.chars().take(SUGGEST_MAX_CHARS).collect();
            let score = if len >= 3 && key.contains(&query) {
                Some(0)
            } else {
                let d = strsim::levenshtein(&query, &key);
                (d <= limit).then_some(d)
            };
            let Some(score) = score else { continue };
            let rank = (score, key.chars().count().abs_diff(len));
            for id in ids {
                let e = best.entry(id).or_insert(rank);
                *e = (*e).min(rank);
            }
        }
        let mut found: Vec<(&AgencyId, (usize, usize))> = best.into_iter().collect();
        found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
        found
            .into_iter()
            .take(n)
            .filter_map(|(id, _)| self.get(id.as_str()))
            .collect()
    }

    /// Every agency counted as the same body as `id`: the end of its chain
    /// of successors and every body merged into it (`BINHDUONG`,
    /// `HOCHIMINH`, `BARIAVUNGTAU`…), by id. Empty when `id` is unknown.
    pub fn family(&self, id: &str) -> Vec<&Agency> {
        if !self.contains(id) {
            return Vec::new();
        }
        let root = self.counted_as(id);
        self.iter()
            .filter(|a| self.counted_as(a.id.as_str()) == root)
            .collect()
    }

    /// True when the id names a group of bodies (which fails rõ người as a lead).
    pub fn is_group(&self, id: &str) -> bool {
        self.get(id).is_some_and(|a| a.kind == AgencyKind::Group)
    }

    /// The agency's name, or the id itself when unknown.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |a| a.name.as_str())
    }

    /// The id whose statistics a task of `id` counts under: the end of its
    /// chain of successors (`BTTTT` counts under `BKHCN`).
    pub fn counted_as<'a>(&'a self, id: &'a str) -> &'a str {
        let mut current = id;
        for _ in 0..16 {
            match self.get(current).and_then(|a| a.successor.as_ref()) {
                Some(next) => current = next.as_str(),
                None => break,
            }
        }
        current
    }

    /// Every agency, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.values()
    }

    /// Number of agencies.
    pub fn len(&self) -> usize {
        self.agencies.len()
    }

    /// True when no agency is registered.
    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(id: &str, kind: AgencyKind, successor: Option<&str>) -> Agency {
        Agency {
            successor: successor.map(|s| s.parse().unwrap()),
            ..Agency::new(id.parse().unwrap(), id, kind)
        }
    }

    #[test]
    fn successors_are_followed_to_the_end() {
        let mut r = Registry::new();
        r.insert(agency("BKHCN", AgencyKind::Ministry, None));
        r.insert(agency("BTTTT", AgencyKind::Ministry, Some("BKHCN")));
        r.insert(agency("OLD", AgencyKind::Other, Some("BTTTT")));
        assert_eq!(r.counted_as("OLD"), "BKHCN");
        assert_eq!(r.counted_as("BKHCN"), "BKHCN");
        assert_eq!(r.counted_as("NOPE"), "NOPE");
    }

    #[test]
    fn kinds_round_trip_through_codes() {
        for k in AgencyKind::ALL {
            assert_eq!(AgencyKind::from_code(k.code()), Some(k));
        }
        assert!(r#"x = "steering-committee""#.contains(AgencyKind::SteeringCommittee.code()));
    }

    fn named(id: &str, name: &str, kind: AgencyKind, aliases: &[&str]) -> Agency {
        Agency {
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            ..Agency::new(id.parse().unwrap(), name, kind)
        }
    }

    fn sample() -> Registry {
        let mut r = Registry::new();
        r.insert(named(
            "BKHCN",
            "Bộ Khoa học và Công nghệ",
            AgencyKind::Ministry,
            &["Khoa học và Công nghệ", "Bộ KH&CN", "Bộ KHCN"],
        ));
        r.insert(named(
            "BCA",
            "Bộ Công an",
            AgencyKind::Ministry,
            &["Công an"],
        ));
        r.insert(named(
            "BGDDT",
            "Bộ Giáo dục và Đào tạo",
            AgencyKind::Ministry,
            &["Bộ GD&ĐT"],
        ));
        r.insert(named(
            "HOCHIMINH",
            "TP Hồ Chí Minh",
            AgencyKind::Province,
            &["UBND TP Hồ Chí Minh", "TP HCM"],
        ));
        r.insert(Agency {
            successor: Some("HOCHIMINH".parse().unwrap()),
            ..named(
                "BINHDUONG",
                "Bình Dương",
                AgencyKind::Province,
                &["UBND tỉnh Bình Dương"],
            )
        });
        r.insert(named("BINHDINH", "Bình Định", AgencyKind::Province, &[]));
        r
    }

    #[test]
    fn name_keys_fold_marks_case_spaces_and_va() {
        assert_eq!(name_key("Bộ KH&CN"), "bokhcn");
        assert_eq!(name_key("bo  khcn"), name_key("Bộ KH&CN"));
        assert_eq!(
            name_key("Bộ Khoa học và Công nghệ"),
            name_key("bo khoa hoc cong nghe")
        );
        assert_eq!(name_key("Ủy ban nhân dân tỉnh Bình Dương"), "binhduong");
        assert_eq!(name_key("UBND TP. Hồ Chí Minh"), "hochiminh");
        assert_eq!(name_key("Thành phố Hồ Chí Minh"), "hochiminh");
        assert_eq!(name_key("Đà Nẵng"), "danang");
        assert_eq!(name_key("các bộ, ngành liên quan"), "cacbonganhlienquan");
        // A bare prefix is kept: it is all there is.
        assert_eq!(name_key("UBND"), "ubnd");
    }

    #[test]
    fn resolve_finds_ids_names_and_aliases() {
        let r = sample();
        let id = |t: &str| r.resolve(t).map(|a| a.id.as_str());
        assert_eq!(id("BCA"), Some("BCA"));
        assert_eq!(id(" bca "), Some("BCA"));
        assert_eq!(id("Bộ Công an"), Some("BCA"));
        assert_eq!(id("công an"), Some("BCA"));
        assert_eq!(id("CONG AN"), Some("BCA"));
        assert_eq!(id("Bộ KH&CN"), Some("BKHCN"));
        assert_eq!(id("Bo KHCN"), Some("BKHCN"));
        assert_eq!(id("bo khoa hoc va cong nghe"), Some("BKHCN"));
        assert_eq!(id("BGDĐT"), Some("BGDDT"));
        assert_eq!(id("Bộ GD và ĐT"), Some("BGDDT"));
        assert_eq!(id("Ủy ban nhân dân tỉnh Bình Dương"), Some("BINHDUONG"));
        assert_eq!(id("binh duong"), Some("BINHDUONG"));
        assert_eq!(id("Thành phố Hồ Chí Minh"), Some("HOCHIMINH"));
        assert_eq!(id("tp hcm"), Some("HOCHIMINH"));
        assert_eq!(id("Bộ Ngoại giao"), None);
        assert_eq!(id(""), None);
    }

    #[test]
    fn an_ambiguous_name_resolves_to_nothing() {
        let mut r = sample();
        r.insert(named("X1", "Cục Một", AgencyKind::Other, &["Cục chung"]));
        r.insert(named("X2", "Cục Hai", AgencyKind::Other, &["Cục chung"]));
        assert!(r.resolve("cuc chung").is_none());
        let all: Vec<_> = r
            .resolve_all("Cục chung")
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(all, ["X1", "X2"]);
        // Replacing an agency drops its old keys.
        r.insert(named("X2", "Cục Hai", AgencyKind::Other, &[]));
        assert_eq!(r.resolve("cuc chung").map(|a| a.id.as_str()), Some("X1"));
    }

    #[test]
    fn the_index_by_name_follows_inserts_made_after_a_look_up() {
        let mut r = sample();
        // A look-up builds the index; the inserts below must still show.
        assert!(r.resolve("Cục chung").is_none());
        r.insert(named("X2", "Cục Hai", AgencyKind::Other, &["Cục chung"]));
        assert_eq!(r.resolve("cuc chung").map(|a| a.id.as_str()), Some("X2"));
        r.insert(named("X1", "Cục Một", AgencyKind::Other, &["Cục chung"]));
        let all = |r: &Registry| -> Vec<String> {
            r.resolve_all("Cục chung")
                .iter()
                .map(|a| a.id.as_str().to_owned())
                .collect()
        };
        // In the order of insertion, not of ids.
        assert_eq!(all(&r), ["X2", "X1"]);
        // Inserted again: last.
        r.insert(named("X2", "Cục Hai", AgencyKind::Other, &["Cục chung"]));
        assert_eq!(all(&r), ["X1", "X2"]);
    }

    #[test]
    fn suggestions_find_typos_and_parts_of_names() {
        let r = sample();
        let ids =
            |t: &str, n| -> Vec<&str> { r.suggest(t, n).iter().map(|a| a.id.as_str()).collect() };
        assert_eq!(ids("BKHCM", 3), ["BKHCN"]);
        assert_eq!(ids("Bo Cong Am", 3), ["BCA"]);
        assert_eq!(ids("binh duong", 1), ["BINHDUONG"]);
        let binh = ids("binh", 5);
        assert!(
            binh.contains(&"BINHDUONG") && binh.contains(&"BINHDINH"),
            "{binh:?}"
        );
        assert!(ids("xyzxyzxyz", 3).is_empty());
        assert!(ids("", 3).is_empty());
        // Very long text costs no more than 64 characters.
        let long = "a".repeat(100_000);
        assert!(ids(&long, 3).is_empty());
    }

    #[test]
    fn a_family_is_the_successor_and_everything_merged_into_it() {
        let r = sample();
        let fam = |t: &str| -> Vec<&str> { r.family(t).iter().map(|a| a.id.as_str()).collect() };
        assert_eq!(fam("BINHDUONG"), ["BINHDUONG", "HOCHIMINH"]);
        assert_eq!(fam("HOCHIMINH"), ["BINHDUONG", "HOCHIMINH"]);
        assert_eq!(fam("BCA"), ["BCA"]);
        assert!(fam("NOPE").is_empty());
    }
}
