//! Agencies (cơ quan) and the registry of their ids.

use crate::ids::AgencyId;
use std::collections::BTreeMap;

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
}

/// The agencies that ids in directive files refer to.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    agencies: BTreeMap<AgencyId, Agency>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds or replaces an agency.
    pub fn insert(&mut self, agency: Agency) {
        self.agencies.insert(agency.id.clone(), agency);
    }

    /// The agency with this id.
    pub fn get(&self, id: &str) -> Option<&Agency> {
        self.agencies.get(id)
    }

    /// True when the id is registered.
    pub fn contains(&self, id: &str) -> bool {
        self.agencies.contains_key(id)
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
            id: id.parse().unwrap(),
            name: id.to_owned(),
            kind,
            successor: successor.map(|s| s.parse().unwrap()),
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
}
