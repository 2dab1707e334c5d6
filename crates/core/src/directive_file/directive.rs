//! Step 3 of a load: each file's schema line and `[directive]` header, then
//! its tasks (`task.rs`), into a [`LoadedDirective`].

use super::fields::{non_empty, toml_date, unknown_agency, visible_title};
use super::position::Reporter;
use super::raw::{RawDirective, RawFile};
use super::task::{self, TaskContext};
use super::{LoadedDirective, ProblemKind, SCHEMA_VERSION, Seen, SourceFile};
use crate::agency::Registry;
use crate::ids::{AgencyId, DirectiveId};
use crate::task::Directive;
use chrono::NaiveDate;

/// The header fields a directive's tasks and its own record need; each
/// `None` when the file's value was missing or wrong (already reported).
struct Header {
    id: Option<DirectiveId>,
    title: String,
    issued_by: Option<AgencyId>,
    issued_on: Option<NaiveDate>,
}

/// Checks one parsed file and builds its directive with its tasks; `None`
/// when the file holds no usable directive (its problems are reported).
/// Takes the file by value so its raw tables are freed once its tasks are
/// built (the peak memory of a large import).
pub(super) fn check_file<'a>(
    source: SourceFile<'a>,
    raw: RawFile,
    ctx: &task::LoadContext<'_>,
    seen: &mut Seen<'a>,
    rep: &mut Reporter<'_>,
) -> Option<LoadedDirective> {
    check_schema(&raw, rep);
    let Some(raw_dir) = &raw.directive else {
        if !raw.task.is_empty() || raw.agency.is_empty() {
            rep.at(Some(0), None, ProblemKind::MissingDirective);
        }
        return None;
    };
    let at = Some(raw_dir.span().start);
    let d = raw_dir.get_ref();
    let header = check_header(d, at, source.path, ctx.registry, seen, rep);
    let task_ctx = TaskContext {
        load: ctx,
        file: source.path,
        directive: header.id.as_ref(),
        issued_on: header.issued_on,
        // Without an issue date, deadlines are read against a neutral day so
        // that their own problems are still reported.
        reference: header.issued_on.unwrap_or(NaiveDate::MIN),
    };
    let tasks: Vec<_> = raw
        .task
        .iter()
        .filter_map(|rt| task::check_task(rt, &task_ctx, &mut seen.tasks, rep))
        .collect();
    let (Some(id), Some(issued_by), Some(issued_on)) =
        (header.id, header.issued_by, header.issued_on)
    else {
        return None;
    };
    let directive = Directive {
        id,
        number: non_empty(d.number.clone()),
        title: header.title,
        issued_by,
        issued_on,
        signer: non_empty(d.signer.clone()),
        url: non_empty(d.url.clone()),
    };
    Some(LoadedDirective {
        file: source.path.to_owned(),
        directive,
        tasks,
    })
}

/// The `schema` line: required in a directive file (a registry file of
/// agencies only may go without), and no newer than this program reads.
fn check_schema(raw: &RawFile, rep: &mut Reporter<'_>) {
    match &raw.schema {
        // A registry file (agencies only) may go without a schema line.
        None if raw.directive.is_none() && raw.task.is_empty() => {}
        None => rep.at(Some(0), None, ProblemKind::MissingSchema),
        Some(s) => match s.get_ref().as_integer() {
            Some(SCHEMA_VERSION) => {}
            Some(found) if found > SCHEMA_VERSION => rep.at(
                Some(s.span().start),
                None,
                ProblemKind::SchemaTooNew { found },
            ),
            _ => rep.at(
                Some(s.span().start),
                None,
                ProblemKind::UnknownSchema {
                    value: s.get_ref().to_string(),
                },
            ),
        },
    }
}

/// The `[directive]` table at `at`: its id (unique across the load), title,
/// issuing agency and issue day.
fn check_header<'a>(
    d: &RawDirective,
    at: Option<usize>,
    path: &'a str,
    registry: &Registry,
    seen: &mut Seen<'a>,
    rep: &mut Reporter<'_>,
) -> Header {
    let missing = |field| ProblemKind::MissingField { field };
    let id = match d.id.as_deref().map(str::parse::<DirectiveId>) {
        Some(Ok(id)) => Some(id),
        Some(Err(error)) => {
            let field = Some("directive");
            rep.at(at, None, ProblemKind::BadId { field, error });
            None
        }
        None => {
            rep.at(at, None, missing("directive.id"));
            None
        }
    };
    if let Some(id) = &id
        && let Some(other) = seen.directives.insert(id.clone(), path)
    {
        let kind = ProblemKind::DuplicateDirective {
            id: id.clone(),
            other_file: other.to_owned(),
        };
        rep.at(at, None, kind);
    }
    let title = visible_title(d.title.clone()).unwrap_or_else(|| {
        rep.at(at, None, missing("directive.title"));
        String::new()
    });
    let issued_by = match d.issued_by.as_deref() {
        Some(by) if registry.contains(by) => by.parse::<AgencyId>().ok(),
        Some(by) => {
            let kind = unknown_agency("directive.issued_by", by, registry);
            rep.at(at, None, kind);
            None
        }
        None => {
            rep.at(at, None, missing("directive.issued_by"));
            None
        }
    };
    let issued_on = match d
        .issued_on
        .as_ref()
        .map(|v| toml_date("directive.issued_on", v))
    {
        Some(Ok(date)) => Some(date),
        Some(Err(kind)) => {
            rep.at(at, None, kind);
            None
        }
        None => {
            rep.at(at, None, missing("directive.issued_on"));
            None
        }
    };
    Header {
        id,
        title,
        issued_by,
        issued_on,
    }
}
