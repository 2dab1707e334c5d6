//! The raw TOML layer of a directive file, as serde reads it; nothing in it
//! is checked yet.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) schema: Option<Spanned<toml::Value>>,
    pub(super) directive: Option<Spanned<RawDirective>>,
    #[serde(default)]
    pub(super) task: Vec<Spanned<RawTask>>,
    #[serde(default)]
    pub(super) agency: Vec<Spanned<RawAgency>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDirective {
    pub(super) id: Option<String>,
    pub(super) number: Option<String>,
    pub(super) title: Option<String>,
    pub(super) issued_by: Option<String>,
    pub(super) issued_on: Option<toml::Value>,
    pub(super) signer: Option<String>,
    pub(super) url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTask {
    pub(super) id: Option<String>,
    pub(super) title: Option<String>,
    pub(super) lead: Option<RawLead>,
    #[serde(default)]
    pub(super) support: Vec<String>,
    pub(super) responsible: Option<String>,
    pub(super) product: Option<String>,
    pub(super) deadline: Option<toml::Value>,
    pub(super) due: Option<toml::Value>,
    pub(super) authority: Option<String>,
    #[serde(default)]
    pub(super) depends_on: Vec<String>,
    pub(super) status: Option<String>,
    pub(super) done_on: Option<toml::Value>,
    pub(super) note: Option<String>,
    pub(super) key: Option<bool>,
    pub(super) classified: Option<bool>,
}

/// `lead`: one agency id (the usual case), or a list of co-leads.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawLead {
    One(String),
    Many(Vec<String>),
}

impl RawLead {
    /// The ids written, trimmed, blanks dropped.
    pub(super) fn ids(&self) -> Vec<&str> {
        let all: Vec<&str> = match self {
            RawLead::One(s) => vec![s.as_str()],
            RawLead::Many(v) => v.iter().map(String::as_str).collect(),
        };
        all.into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAgency {
    pub(super) id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) successor: Option<String>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
}
