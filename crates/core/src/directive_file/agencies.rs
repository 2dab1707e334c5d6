//! Step 2 of a load: the `[[agency]]` tables of every file, gathered before
//! any directive is read, since any file's agencies may be used by any other.

use super::fields::non_empty;
use super::position::{LineIndex, Reporter};
use super::raw::RawAgency;
use super::{Parsed, Problem, ProblemKind, SourceFile};
use crate::agency::{Agency, AgencyKind, Registry};
use crate::ids::{AgencyId, IdKind};
use toml::Spanned;

/// An agency declared by a file, with where it was written.
pub(super) struct Placed<'a> {
    /// The agency.
    pub(super) agency: Agency,
    /// The file that declares it.
    pub(super) source: SourceFile<'a>,
    /// That file's lines.
    pub(super) lines: &'a LineIndex,
    /// The start of its `[[agency]]` table.
    pub(super) at: Option<usize>,
}

/// Reads every file's agencies into `registry` (built-in agencies may be
/// repeated, never changed), then checks their aliases and successors
/// against the whole registry. Returns the agencies the files add.
pub(super) fn gather<'a>(
    parsed: &[Parsed<'a>],
    registry: &mut Registry,
    problems: &mut Vec<Problem>,
) -> Vec<Placed<'a>> {
    let mut agencies = Vec::new();
    for file in parsed {
        let mut rep = Reporter::new(file.source, file.lines, problems);
        for table in &file.raw.agency {
            let at = Some(table.span().start);
            let Some(agency) = read_agency(table, &mut rep) else {
                continue;
            };
            if let Some(b) = registry.get(agency.id.as_str()).filter(|b| b.builtin) {
                // A built-in agency may be repeated, never changed.
                for kind in builtin_changes(b, &agency, registry) {
                    rep.at(at, None, kind);
                }
                continue;
            }
            registry.insert(agency.clone());
            agencies.push(Placed {
                agency,
                source: file.source,
                lines: file.lines,
                at,
            });
        }
    }
    check_aliases(&agencies, registry, problems);
    check_successors(&agencies, registry, problems);
    agencies
}

/// One `[[agency]]` table as an agency; `None` without a usable id. A kind
/// sauro does not know counts as `other`, a missing name as the id.
fn read_agency(table: &Spanned<RawAgency>, rep: &mut Reporter<'_>) -> Option<Agency> {
    let at = Some(table.span().start);
    let a = table.get_ref();
    let id = match a.id.as_deref().map(str::parse::<AgencyId>) {
        Some(Ok(id)) => id,
        Some(Err(error)) => {
            rep.at(at, None, ProblemKind::BadId { field: None, error });
            return None;
        }
        None => {
            rep.at(at, None, ProblemKind::NoId { of: IdKind::Agency });
            return None;
        }
    };
    let kind = match a.kind.as_deref() {
        Some(k) => AgencyKind::from_code(k).unwrap_or_else(|| {
            rep.at(
                at,
                None,
                ProblemKind::UnknownAgencyKind {
                    agency: id.clone(),
                    kind: k.to_owned(),
                },
            );
            AgencyKind::Other
        }),
        None => AgencyKind::Other,
    };
    let name = non_empty(a.name.clone()).unwrap_or_else(|| {
        rep.at(
            at,
            None,
            ProblemKind::AgencyWithoutName { agency: id.clone() },
        );
        id.to_string()
    });
    let successor = match a.successor.as_deref().map(str::parse::<AgencyId>) {
        Some(Ok(s)) => Some(s),
        Some(Err(error)) => {
            rep.at(
                at,
                None,
                ProblemKind::BadSuccessor {
                    agency: id.clone(),
                    error,
                },
            );
            None
        }
        None => None,
    };
    let aliases = distinct_aliases(&a.aliases, &name);
    Some(Agency {
        id,
        name,
        kind,
        successor,
        aliases,
        builtin: false,
    })
}

/// The aliases written, trimmed, without blanks, repeats or the name itself.
fn distinct_aliases(written: &[String], name: &str) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    for alias in written {
        let alias = alias.trim();
        if !alias.is_empty() && alias != name && !aliases.iter().any(|x| x == alias) {
            aliases.push(alias.to_owned());
        }
    }
    aliases
}

/// What an `[[agency]]` table would change in the built-in agency `builtin`
/// (empty when it repeats it): name, kind and successor must be the same,
/// and every alias one the built-in agency is already found under.
fn builtin_changes(builtin: &Agency, written: &Agency, registry: &Registry) -> Vec<ProblemKind> {
    let change = |field, b: String, w: String| ProblemKind::ChangesBuiltinAgency {
        agency: builtin.id.clone(),
        field,
        builtin: b,
        written: w,
    };
    let successor = |a: &Agency| {
        a.successor
            .as_ref()
            .map_or_else(String::new, |s| s.to_string())
    };
    let mut out = Vec::new();
    if written.name != builtin.name {
        out.push(change("name", builtin.name.clone(), written.name.clone()));
    }
    if written.kind != builtin.kind {
        out.push(change(
            "kind",
            builtin.kind.code().to_owned(),
            written.kind.code().to_owned(),
        ));
    }
    if written.successor != builtin.successor {
        out.push(change("successor", successor(builtin), successor(written)));
    }
    for alias in &written.aliases {
        let known = registry
            .resolve_all(alias)
            .iter()
            .any(|a| a.id == builtin.id);
        if !known {
            out.push(change("aliases", builtin.aliases.join(", "), alias.clone()));
        }
    }
    out
}

/// An alias may not take a name that already finds another agency.
/// (A name may: files written before aliases existed keep loading,
/// and the name then finds both, so it resolves to neither.)
fn check_aliases(agencies: &[Placed<'_>], registry: &Registry, problems: &mut Vec<Problem>) {
    for p in agencies {
        let mut rep = Reporter::new(p.source, p.lines, problems);
        let a = &p.agency;
        for name in &a.aliases {
            if let Some(other) = registry
                .resolve_all(name)
                .into_iter()
                .find(|o| o.id != a.id)
            {
                rep.at(
                    p.at,
                    None,
                    ProblemKind::AgencyNameTaken {
                        agency: a.id.clone(),
                        name: name.to_owned(),
                        other: other.id.clone(),
                    },
                );
            }
        }
    }
}

/// Every successor must be an agency of the registry (built-in, the
/// database's or any file's).
fn check_successors(agencies: &[Placed<'_>], registry: &Registry, problems: &mut Vec<Problem>) {
    for p in agencies {
        let a = &p.agency;
        if let Some(s) = &a.successor
            && !registry.contains(s.as_str())
        {
            let mut rep = Reporter::new(p.source, p.lines, problems);
            rep.at(
                p.at,
                None,
                ProblemKind::UnknownSuccessor {
                    agency: a.id.clone(),
                    successor: s.clone(),
                },
            );
        }
    }
}
