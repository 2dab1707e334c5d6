//! Directive files (`data-format.md`): the raw TOML layer, converted once
//! into [`Directive`]s and [`Task`]s after checking every loading rule.
//! Every problem of a load is collected, each with file, line, task and value.

use crate::agency::{Agency, AgencyKind, Registry};
use crate::clarity::is_acceptable_authority;
use crate::deadline::{Deadline, DeadlineError, Due};
use crate::graph::{Cycle, DependencyGraph};
use crate::ids::{AgencyId, DirectiveId, IdError, IdKind, TaskId};
use crate::lang::Lang;
use crate::status::TaskState;
use crate::task::{Directive, Task};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use toml::Spanned;

/// The format version this program reads.
pub const SCHEMA_VERSION: i64 = 1;

/// One problem of a load, with everything needed to find and fix it.
/// `Display` is English; [`Problem::message`] speaks the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as given.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The task concerned, when there is one.
    pub task: Option<String>,
    /// What is wrong, with the values concerned.
    pub kind: ProblemKind,
}

impl Problem {
    /// The problem in `lang`: file, line, column, task and what is wrong.
    pub fn message(&self, lang: Lang) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        if let Some(task) = &self.task {
            s.push_str(&format!(": {} {task}", lang.pick("nhiệm vụ", "task")));
        }
        s.push_str(": ");
        s.push_str(&self.kind.message(lang));
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// What is wrong in a directive file, with the values concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file is not valid TOML (or has an unknown field); the parser's own words.
    Toml {
        /// The TOML parser's message (English).
        message: String,
    },
    /// A malformed id; `field` names where it was written (`directive`,
    /// `successor`, `depends_on`), `None` for the id of the table itself.
    BadId {
        /// The field, when not the table's own id.
        field: Option<&'static str>,
        /// The error.
        error: IdError,
    },
    /// An `[[agency]]` or `[[task]]` without an id.
    NoId {
        /// What lacks it.
        of: IdKind,
    },
    /// An agency kind that is not one of [`AgencyKind::ALL`].
    UnknownAgencyKind {
        /// The agency.
        agency: AgencyId,
        /// The kind as written.
        kind: String,
    },
    /// An agency without a name.
    AgencyWithoutName {
        /// The agency.
        agency: AgencyId,
    },
    /// An agency whose successor is a malformed id.
    BadSuccessor {
        /// The agency.
        agency: AgencyId,
        /// The error.
        error: IdError,
    },
    /// An agency whose successor is in no registry.
    UnknownSuccessor {
        /// The agency.
        agency: AgencyId,
        /// The successor as written.
        successor: AgencyId,
    },
    /// An agency id in no registry (`lead`, `support`, `authority`, `directive.issued_by`).
    UnknownAgency {
        /// The field that names it.
        field: String,
        /// The id as written.
        id: String,
        /// The agencies it may have meant, as `ID (name)`, best first.
        suggestions: Vec<String>,
    },
    /// An `[[agency]]` table that would change a built-in agency
    /// (`data/agencies.toml`). Repeating one word for word is allowed.
    ChangesBuiltinAgency {
        /// The agency.
        agency: AgencyId,
        /// What it would change: `name`, `kind`, `successor` or `aliases`.
        field: &'static str,
        /// The built-in value.
        builtin: String,
        /// The value the file writes.
        written: String,
    },
    /// An agency whose alias already names another agency, so that the
    /// name would no longer find one body.
    AgencyNameTaken {
        /// The agency declared.
        agency: AgencyId,
        /// Its name or alias, as written.
        name: String,
        /// The agency the name already finds.
        other: AgencyId,
    },
    /// No `schema = 1` line.
    MissingSchema,
    /// A schema newer than this program reads.
    SchemaTooNew {
        /// The schema written.
        found: i64,
    },
    /// A schema that is not a known version.
    UnknownSchema {
        /// The value as written.
        value: String,
    },
    /// No `[directive]` table.
    MissingDirective,
    /// A required field is missing (`directive.id`, `directive.title`…).
    MissingField {
        /// The field.
        field: &'static str,
    },
    /// A task without a title.
    EmptyTitle,
    /// A directive id used by two files.
    DuplicateDirective {
        /// The id.
        id: DirectiveId,
        /// The other file.
        other_file: String,
    },
    /// A task id used twice in the load.
    DuplicateTask {
        /// The id.
        id: TaskId,
        /// The file of the other use.
        other_file: String,
    },
    /// A task id already held by another directive in the database.
    TaskOfOtherDirective {
        /// The id.
        id: TaskId,
        /// The directive that holds it.
        directive: DirectiveId,
    },
    /// A date field that is not a TOML date.
    BadDate {
        /// The field (`directive.issued_on`, `deadline`, `done_on`).
        field: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong with it.
        reason: DateProblem,
    },
    /// The lead also listed in `support`.
    LeadAlsoSupports {
        /// The agency.
        agency: AgencyId,
    },
    /// A deadline wording that cannot be read.
    Deadline(DeadlineError),
    /// `due` beside a wording that reads as another day.
    DueDisagrees {
        /// The wording.
        written: String,
        /// The day the wording reads as.
        reads: NaiveDate,
        /// The day `due` gives.
        due: NaiveDate,
    },
    /// `status = "done"` without `done_on`.
    DoneWithoutDay,
    /// `done_on` with a status other than done.
    DayWithoutDone,
    /// A `done_on` before the directive's issue day, or after the day of the import.
    DoneDay(crate::change::DoneDayProblem),
    /// A status that is not open, done or cancelled.
    UnknownStatus {
        /// The status as written.
        status: String,
    },
    /// A prerequisite that exists nowhere.
    MissingDependency {
        /// The prerequisite's id.
        id: TaskId,
    },
    /// A dependency cycle.
    Cycle(Cycle),
}

/// What is wrong with a date value of a directive file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// A date that does not exist (`2026-02-30`).
    NotReal,
    /// A date with a time.
    HasTime,
    /// Not a TOML date at all (a string, a number).
    NotADate,
}

impl ProblemKind {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => self.vietnamese(),
        }
    }

    fn vietnamese(&self) -> String {
        const NO_REGISTRY: &str = "không có trong danh mục cơ quan";
        match self {
            ProblemKind::Toml { message } => format!("lỗi cú pháp TOML: {message}"),
            ProblemKind::BadId { field: None, error } => error.message(Lang::Vi),
            ProblemKind::BadId {
                field: Some(field),
                error,
            } => format!("{field}: {}", error.message(Lang::Vi)),
            ProblemKind::NoId { of } => format!("{} chưa có mã (id)", of.label_vi()),
            ProblemKind::UnknownAgencyKind { agency, kind } => format!(
                "cơ quan {agency}: loại {kind:?} không hợp lệ; phải là một trong {}",
                agency_kinds()
            ),
            ProblemKind::AgencyWithoutName { agency } => {
                format!("cơ quan {agency} chưa có tên (name)")
            }
            ProblemKind::BadSuccessor { agency, error } => {
                format!("cơ quan {agency}: successor: {}", error.message(Lang::Vi))
            }
            ProblemKind::UnknownSuccessor { agency, successor } => format!(
                "cơ quan {agency}: cơ quan kế thừa (successor) {:?} {NO_REGISTRY}",
                successor.as_str()
            ),
            ProblemKind::UnknownAgency {
                field,
                id,
                suggestions,
            } => {
                let mut s = format!("{field}: cơ quan {id:?} {NO_REGISTRY}");
                if !suggestions.is_empty() {
                    s.push_str(&format!("; có phải là {}?", suggestions.join(", ")));
                }
                s
            }
            ProblemKind::ChangesBuiltinAgency {
                agency,
                field,
                builtin,
                written,
            } => format!(
                "cơ quan {agency} có sẵn trong danh mục; tệp không được đổi {field} của cơ quan này ({builtin:?} thành {written:?}): hãy bỏ bảng [[agency]] này, hoặc đặt mã mới cho cơ quan mới"
            ),
            ProblemKind::AgencyNameTaken {
                agency,
                name,
                other,
            } => format!(
                "cơ quan {agency}: tên gọi khác (aliases) {name:?} đã là tên của cơ quan {other}; mỗi tên chỉ được chỉ một cơ quan"
            ),
            ProblemKind::MissingSchema => {
                format!("thiếu dòng `schema = {SCHEMA_VERSION}`")
            }
            ProblemKind::SchemaTooNew { found } => format!(
                "schema {found} mới hơn phiên bản chương trình này đọc được (schema {SCHEMA_VERSION}); hãy nâng cấp sauro"
            ),
            ProblemKind::UnknownSchema { value } => format!(
                "schema {value} không phải phiên bản đã biết; hãy viết `schema = {SCHEMA_VERSION}`"
            ),
            ProblemKind::MissingDirective => "thiếu bảng [directive]".to_owned(),
            ProblemKind::MissingField { field } => format!("thiếu {field} (bắt buộc)"),
            ProblemKind::EmptyTitle => "title là bắt buộc và không được để trống".to_owned(),
            ProblemKind::DuplicateDirective { id, other_file } => {
                format!("mã văn bản {id} đã được dùng trong {other_file}")
            }
            ProblemKind::DuplicateTask { id, other_file } => {
                format!("trùng mã nhiệm vụ {id}: đã có trong {other_file}")
            }
            ProblemKind::TaskOfOtherDirective { id, directive } => {
                format!("trùng mã nhiệm vụ {id}: mã này đã thuộc văn bản {directive}")
            }
            ProblemKind::BadDate {
                field,
                value,
                reason,
            } => {
                let why = match reason {
                    DateProblem::NotReal => "không phải là một ngày có thật",
                    DateProblem::HasTime => "phải là một ngày (YYYY-MM-DD), không kèm giờ",
                    DateProblem::NotADate => {
                        "phải là một ngày TOML, ví dụ 2026-01-15 (không đặt trong dấu ngoặc kép)"
                    }
                };
                format!("{field}: {value} {why}")
            }
            ProblemKind::LeadAlsoSupports { agency } => format!(
                "support: {agency} là cơ quan chủ trì, không thể đồng thời là cơ quan phối hợp"
            ),
            ProblemKind::Deadline(e) => format!(
                "{}; nếu văn bản ghi đúng như vậy, giữ nguyên cách viết và thêm \
                 due = YYYY-MM-DD (ngày sauro dùng) vào nhiệm vụ",
                e.message(Lang::Vi)
            ),
            ProblemKind::DueDisagrees {
                written,
                reads,
                due,
            } => format!(
                "thời hạn \"{written}\" là ngày {} nhưng due = {due}: hãy bỏ due hoặc sửa cho khớp",
                crate::date::format_date(*reads)
            ),
            ProblemKind::DoneWithoutDay => {
                "status = \"done\" cần có done_on = YYYY-MM-DD".to_owned()
            }
            ProblemKind::DayWithoutDone => "chỉ được ghi done_on khi status = \"done\"".to_owned(),
            ProblemKind::DoneDay(p) => format!("done_on: {}", p.message(Lang::Vi)),
            ProblemKind::UnknownStatus { status } => {
                format!("status {status:?} không hợp lệ; phải là một trong open, done, cancelled")
            }
            ProblemKind::MissingDependency { id } => {
                format!("depends_on: nhiệm vụ \"{id}\" không có trong tệp nào đã nạp")
            }
            ProblemKind::Cycle(c) => format!("phụ thuộc vòng tròn: {c}"),
        }
    }
}

/// The agency kinds, for messages.
fn agency_kinds() -> String {
    let all: Vec<_> = AgencyKind::ALL.iter().map(|k| k.code()).collect();
    all.join(", ")
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Toml { message } => write!(f, "TOML error: {message}"),
            ProblemKind::BadId { field: None, error } => write!(f, "{error}"),
            ProblemKind::BadId {
                field: Some(field),
                error,
            } => write!(f, "{field}: {error}"),
            ProblemKind::NoId { of } => write!(f, "{of} without an id"),
            ProblemKind::UnknownAgencyKind { agency, kind } => write!(
                f,
                "agency {agency}: unknown kind {kind:?}; one of {}",
                agency_kinds()
            ),
            ProblemKind::AgencyWithoutName { agency } => write!(f, "agency {agency} has no name"),
            ProblemKind::BadSuccessor { agency, error } => {
                write!(f, "agency {agency}: successor: {error}")
            }
            ProblemKind::UnknownSuccessor { agency, successor } => write!(
                f,
                "agency {agency}: successor {:?} is in no registry",
                successor.as_str()
            ),
            ProblemKind::UnknownAgency {
                field,
                id,
                suggestions,
            } => {
                write!(f, "{field}: agency {id:?} is in no registry")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", suggestions.join(", "))?;
                }
                Ok(())
            }
            ProblemKind::ChangesBuiltinAgency {
                agency,
                field,
                builtin,
                written,
            } => write!(
                f,
                "agency {agency} is built in; a file may not change its {field} ({builtin:?} to {written:?}): remove this [[agency]] table, or give a new agency an id of its own"
            ),
            ProblemKind::AgencyNameTaken {
                agency,
                name,
                other,
            } => write!(
                f,
                "agency {agency}: the alias {name:?} already names agency {other}; a name may name one agency only"
            ),
            ProblemKind::MissingSchema => write!(f, "missing `schema = {SCHEMA_VERSION}`"),
            ProblemKind::SchemaTooNew { found } => write!(
                f,
                "schema {found} is newer than this program, which reads schema {SCHEMA_VERSION}; upgrade sauro"
            ),
            ProblemKind::UnknownSchema { value } => write!(
                f,
                "schema {value} is not a known version; write `schema = {SCHEMA_VERSION}`"
            ),
            ProblemKind::MissingDirective => f.write_str("missing the [directive] table"),
            ProblemKind::MissingField { field } => write!(f, "{field} is required"),
            ProblemKind::EmptyTitle => f.write_str("title is required and may not be empty"),
            ProblemKind::DuplicateDirective { id, other_file } => {
                write!(f, "directive id {id} is also used in {other_file}")
            }
            ProblemKind::DuplicateTask { id, other_file } => {
                write!(f, "duplicate task id {id}: also in {other_file}")
            }
            ProblemKind::TaskOfOtherDirective { id, directive } => write!(
                f,
                "duplicate task id {id}: already held by directive {directive}"
            ),
            ProblemKind::BadDate {
                field,
                value,
                reason,
            } => {
                let why = match reason {
                    DateProblem::NotReal => "is not a real date",
                    DateProblem::HasTime => "must be a date alone (YYYY-MM-DD), without a time",
                    DateProblem::NotADate => "must be a TOML date such as 2026-01-15 (no quotes)",
                };
                write!(f, "{field}: {value} {why}")
            }
            ProblemKind::LeadAlsoSupports { agency } => {
                write!(f, "support: {agency} is the lead and may not also support")
            }
            ProblemKind::Deadline(e) => write!(
                f,
                "{e}; if the document says exactly this, keep the wording and add \
                 due = YYYY-MM-DD (the day sauro uses) to the task"
            ),
            ProblemKind::DueDisagrees {
                written,
                reads,
                due,
            } => write!(
                f,
                "deadline \"{written}\" reads as {reads} but due = {due}: drop due or make them agree"
            ),
            ProblemKind::DoneWithoutDay => {
                f.write_str("status = \"done\" needs done_on = YYYY-MM-DD")
            }
            ProblemKind::DoneDay(p) => write!(f, "done_on: {p}"),
            ProblemKind::DayWithoutDone => {
                f.write_str("done_on is only allowed with status = \"done\"")
            }
            ProblemKind::UnknownStatus { status } => {
                write!(f, "status {status:?} is not one of open, done, cancelled")
            }
            ProblemKind::MissingDependency { id } => {
                write!(f, "depends_on: task \"{id}\" exists in no loaded file")
            }
            ProblemKind::Cycle(c) => write!(f, "dependency cycle: {c}"),
        }
    }
}

/// Every problem of a refused load.
/// `Display` is English; [`Problems::message`] speaks the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// The count and every problem, one a line, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let n = self.0.len();
        let mut s = match lang {
            Lang::Vi => format!("phát hiện {n} lỗi, không ghi gì vào cơ sở dữ liệu:"),
            Lang::En => format!(
                "{n} problem{} found, nothing was written:",
                if n == 1 { "" } else { "s" }
            ),
        };
        for p in &self.0 {
            s.push_str("\n  ");
            s.push_str(&p.message(lang));
        }
        s
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Problems {}

/// A directive file's text and the name to report it by.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The path or name shown in problems.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// A task already in the database, as the checks of a new load need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTask {
    /// The directive that holds it.
    pub directive: DirectiveId,
    /// Its prerequisites.
    pub depends_on: Vec<TaskId>,
}

/// A task read from a file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedTask {
    /// The task.
    pub task: Task,
    /// 1-based line of its `[[task]]` table.
    pub line: usize,
}

/// A directive read from a file, with its tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedDirective {
    /// The file it came from.
    pub file: String,
    /// The directive's header.
    pub directive: Directive,
    /// Its tasks, in file order.
    pub tasks: Vec<LoadedTask>,
}

/// Everything a load brings, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Load {
    /// Agencies declared by the files.
    pub agencies: Vec<Agency>,
    /// The directives and their tasks.
    pub directives: Vec<LoadedDirective>,
}

impl Load {
    /// Every task of the load.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.directives
            .iter()
            .flat_map(|d| d.tasks.iter().map(|t| &t.task))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: Option<Spanned<toml::Value>>,
    directive: Option<Spanned<RawDirective>>,
    #[serde(default)]
    task: Vec<Spanned<RawTask>>,
    #[serde(default)]
    agency: Vec<Spanned<RawAgency>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirective {
    id: Option<String>,
    number: Option<String>,
    title: Option<String>,
    issued_by: Option<String>,
    issued_on: Option<toml::Value>,
    signer: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: Option<String>,
    title: Option<String>,
    lead: Option<RawLead>,
    #[serde(default)]
    support: Vec<String>,
    responsible: Option<String>,
    product: Option<String>,
    deadline: Option<toml::Value>,
    due: Option<toml::Value>,
    authority: Option<String>,
    #[serde(default)]
    depends_on: Vec<String>,
    status: Option<String>,
    done_on: Option<toml::Value>,
    note: Option<String>,
    key: Option<bool>,
    classified: Option<bool>,
}

/// `lead`: one agency id (the usual case), or a list of co-leads.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawLead {
    One(String),
    Many(Vec<String>),
}

impl RawLead {
    /// The ids written, trimmed, blanks dropped.
    fn ids(&self) -> Vec<&str> {
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
struct RawAgency {
    id: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    successor: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Where each line of a file starts, found once per file, so the line of any
/// offset is a binary search rather than a scan from the top (a file with
/// tens of thousands of problems stays linear).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// The line (1-based) of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Line and column (1-based, the column in characters) of a byte offset.
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = text.get(start..offset).map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// Collects the problems of one file.
struct Reporter<'a> {
    file: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    problems: &'a mut Vec<Problem>,
}

impl Reporter<'_> {
    fn at(&mut self, offset: Option<usize>, task: Option<&str>, kind: ProblemKind) {
        let (line, column) = match offset {
            // A task's problems name the task and its line; the column (which
            // costs a count along the line) only says where in the file the
            // others are.
            Some(o) if task.is_some() => (Some(self.lines.line(o.min(self.text.len()))), None),
            Some(o) => {
                let (l, c) = self.lines.position(self.text, o);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        self.problems.push(Problem {
            file: self.file.to_owned(),
            line,
            column,
            task: task.map(str::to_owned),
            kind,
        });
    }
}

/// Reads a TOML date; `field` names it in the problem.
fn toml_date(field: &'static str, value: &toml::Value) -> Result<NaiveDate, ProblemKind> {
    let bad = |value: String, reason| ProblemKind::BadDate {
        field,
        value,
        reason,
    };
    match value {
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| bad(dt.to_string(), DateProblem::NotReal)),
            _ => Err(bad(dt.to_string(), DateProblem::HasTime)),
        },
        other => Err(bad(other.to_string(), DateProblem::NotADate)),
    }
}

/// A title that shows something: one of invisible characters only
/// (zero-width spaces, BOMs, soft hyphens, controls) is as empty as `""`.
fn visible_title(s: Option<String>) -> Option<String> {
    non_empty(s).filter(|s| !crate::text::is_blank(s))
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

/// The problem of an agency id in no registry, with what it may have meant.
fn unknown_agency(field: &str, id: &str, registry: &Registry) -> ProblemKind {
    ProblemKind::UnknownAgency {
        field: field.to_owned(),
        id: id.to_owned(),
        suggestions: registry
            .suggest(id, 3)
            .into_iter()
            .map(|a| format!("{} ({})", a.id, a.name))
            .collect(),
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Checks and converts every file of a load. `registry` holds the agencies
/// already known (the built-in registry and the database's); `known` the
/// tasks already in the database, so dependencies may point to them and
/// cycles through them are found.
///
/// # Errors
/// Every problem of every file, at once; nothing of a refused load may be written.
pub fn load(
    files: &[SourceFile<'_>],
    registry: &Registry,
    known: &HashMap<TaskId, KnownTask>,
) -> Result<Load, Problems> {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    let indexes: Vec<LineIndex> = files.iter().map(|f| LineIndex::new(f.text)).collect();
    for (f, lines) in files.iter().zip(&indexes) {
        match toml::from_str::<RawFile>(f.text) {
            Ok(raw) => parsed.push((f, raw, lines)),
            Err(e) => {
                let mut rep = Reporter {
                    file: f.path,
                    text: f.text,
                    lines,
                    problems: &mut problems,
                };
                let msg = e.message().trim().to_owned();
                rep.at(
                    e.span().map(|s| s.start),
                    None,
                    ProblemKind::Toml { message: msg },
                );
            }
        }
    }

    // Agencies first: any file's agencies may be used by any other.
    let mut registry = registry.clone();
    let mut agencies = Vec::new();
    for (f, raw, lines) in &parsed {
        let mut rep = Reporter {
            file: f.path,
            text: f.text,
            lines,
            problems: &mut problems,
        };
        for a in &raw.agency {
            let at = Some(a.span().start);
            let a = a.get_ref();
            let id = match a.id.as_deref().map(str::parse::<AgencyId>) {
                Some(Ok(id)) => id,
                Some(Err(error)) => {
                    rep.at(at, None, ProblemKind::BadId { field: None, error });
                    continue;
                }
                None => {
                    rep.at(at, None, ProblemKind::NoId { of: IdKind::Agency });
                    continue;
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
            let mut aliases: Vec<String> = Vec::new();
            for alias in &a.aliases {
                let alias = alias.trim();
                if !alias.is_empty() && alias != name && !aliases.iter().any(|x| x == alias) {
                    aliases.push(alias.to_owned());
                }
            }
            let agency = Agency {
                id,
                name,
                kind,
                successor,
                aliases,
                builtin: false,
            };
            if let Some(b) = registry.get(agency.id.as_str()).filter(|b| b.builtin) {
                // A built-in agency may be repeated, never changed.
                for kind in builtin_changes(b, &agency, &registry) {
                    rep.at(at, None, kind);
                }
                continue;
            }
            registry.insert(agency.clone());
            agencies.push((agency, f.path, f.text, *lines, at));
        }
    }
    for (a, file, text, lines, at) in &agencies {
        let mut rep = Reporter {
            file,
            text,
            lines,
            problems: &mut problems,
        };
        // An alias may not take a name that already finds another agency.
        // (A name may: files written before aliases existed keep loading,
        // and the name then finds both, so it resolves to neither.)
        for name in &a.aliases {
            if let Some(other) = registry
                .resolve_all(name)
                .into_iter()
                .find(|o| o.id != a.id)
            {
                rep.at(
                    *at,
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
    for (a, file, text, lines, at) in &agencies {
        if let Some(s) = &a.successor
            && !registry.contains(s.as_str())
        {
            let mut rep = Reporter {
                file,
                text,
                lines,
                problems: &mut problems,
            };
            rep.at(
                *at,
                None,
                ProblemKind::UnknownSuccessor {
                    agency: a.id.clone(),
                    successor: s.clone(),
                },
            );
        }
    }

    let mut directives = Vec::new();
    let mut directive_ids: HashMap<DirectiveId, &str> = HashMap::new();
    let mut task_ids: HashMap<TaskId, &str> = HashMap::new();
    // By value: each file's parsed tables are freed once its tasks are
    // built, so the raw tables of every file and every built task are not
    // all held at once (the peak memory of a large import).
    for (f, raw, lines) in parsed {
        let mut rep = Reporter {
            file: f.path,
            text: f.text,
            lines,
            problems: &mut problems,
        };
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
        let Some(raw_dir) = &raw.directive else {
            if !raw.task.is_empty() || raw.agency.is_empty() {
                rep.at(Some(0), None, ProblemKind::MissingDirective);
            }
            continue;
        };
        let dat = Some(raw_dir.span().start);
        let d = raw_dir.get_ref();
        let id = match d.id.as_deref().map(str::parse::<DirectiveId>) {
            Some(Ok(id)) => Some(id),
            Some(Err(error)) => {
                rep.at(
                    dat,
                    None,
                    ProblemKind::BadId {
                        field: Some("directive"),
                        error,
                    },
                );
                None
            }
            None => {
                rep.at(
                    dat,
                    None,
                    ProblemKind::MissingField {
                        field: "directive.id",
                    },
                );
                None
            }
        };
        if let Some(id) = &id
            && let Some(other) = directive_ids.insert(id.clone(), f.path)
        {
            rep.at(
                dat,
                None,
                ProblemKind::DuplicateDirective {
                    id: id.clone(),
                    other_file: other.to_owned(),
                },
            );
        }
        let title = visible_title(d.title.clone()).unwrap_or_else(|| {
            rep.at(
                dat,
                None,
                ProblemKind::MissingField {
                    field: "directive.title",
                },
            );
            String::new()
        });
        let issued_by = match d.issued_by.as_deref() {
            Some(by) if registry.contains(by) => by.parse::<AgencyId>().ok(),
            Some(by) => {
                rep.at(
                    dat,
                    None,
                    unknown_agency("directive.issued_by", by, &registry),
                );
                None
            }
            None => {
                rep.at(
                    dat,
                    None,
                    ProblemKind::MissingField {
                        field: "directive.issued_by",
                    },
                );
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
                rep.at(dat, None, kind);
                None
            }
            None => {
                rep.at(
                    dat,
                    None,
                    ProblemKind::MissingField {
                        field: "directive.issued_on",
                    },
                );
                None
            }
        };
        // Without an issue date, deadlines are read against a neutral day so
        // that their own problems are still reported.
        let reference = issued_on.unwrap_or(NaiveDate::MIN);

        let mut tasks = Vec::new();
        for rt in &raw.task {
            let at = Some(rt.span().start);
            let t = rt.get_ref();
            let Some(raw_id) = t.id.as_deref() else {
                rep.at(at, None, ProblemKind::NoId { of: IdKind::Task });
                continue;
            };
            let tid = match raw_id.parse::<TaskId>() {
                Ok(tid) => tid,
                Err(error) => {
                    rep.at(at, Some(raw_id), ProblemKind::BadId { field: None, error });
                    continue;
                }
            };
            let task_name = Some(raw_id);
            if let Some(other) = task_ids.insert(tid.clone(), f.path) {
                rep.at(
                    at,
                    task_name,
                    ProblemKind::DuplicateTask {
                        id: tid.clone(),
                        other_file: other.to_owned(),
                    },
                );
            } else if let (Some(k), Some(did)) = (known.get(&tid), &id)
                && &k.directive != did
            {
                rep.at(
                    at,
                    task_name,
                    ProblemKind::TaskOfOtherDirective {
                        id: tid.clone(),
                        directive: k.directive.clone(),
                    },
                );
            }
            let title = visible_title(t.title.clone()).unwrap_or_else(|| {
                rep.at(at, task_name, ProblemKind::EmptyTitle);
                String::new()
            });
            let agency = |field: &str, value: &str, rep: &mut Reporter<'_>| {
                if registry.contains(value) {
                    value.parse::<AgencyId>().ok()
                } else {
                    rep.at(at, task_name, unknown_agency(field, value, &registry));
                    None
                }
            };
            let mut leads: Vec<AgencyId> = Vec::new();
            for l in t.lead.as_ref().map(RawLead::ids).unwrap_or_default() {
                if let Some(l) = agency("lead", l, &mut rep)
                    && !leads.contains(&l)
                {
                    leads.push(l);
                }
            }
            let mut support = Vec::new();
            for s in &t.support {
                let Some(s) = agency("support", s.trim(), &mut rep) else {
                    continue;
                };
                if leads.contains(&s) {
                    rep.at(
                        at,
                        task_name,
                        ProblemKind::LeadAlsoSupports { agency: s.clone() },
                    );
                } else if !support.contains(&s) {
                    support.push(s);
                }
            }
            let authority = non_empty(t.authority.clone());
            if let Some(a) = &authority
                && !is_acceptable_authority(a, &registry)
            {
                rep.at(at, task_name, unknown_agency("authority", a, &registry));
            }
            let due = match t.due.as_ref().map(|v| toml_date("due", v)) {
                Some(Ok(d)) => Some(d),
                Some(Err(kind)) => {
                    rep.at(at, task_name, kind);
                    None
                }
                None => None,
            };
            let deadline = match &t.deadline {
                None => due.map(Deadline::on),
                Some(toml::Value::String(s)) if s.trim().is_empty() => due.map(Deadline::on),
                Some(toml::Value::String(s)) => match (Deadline::parse(s, reference), due) {
                    (Ok(d), None) => Some(d),
                    // An explicit day beside the wording: the wording is kept, the day used.
                    (Ok(d), Some(day)) => match d.due {
                        Due::On(reads) if reads != day => {
                            let (written, due) = (s.clone(), day);
                            let kind = ProblemKind::DueDisagrees {
                                written,
                                reads,
                                due,
                            };
                            rep.at(at, task_name, kind);
                            None
                        }
                        _ => Some(Deadline {
                            written: s.clone(),
                            due: Due::On(day),
                        }),
                    },
                    (Err(_), Some(day)) => Some(Deadline {
                        written: s.clone(),
                        due: Due::On(day),
                    }),
                    (Err(e), None) => {
                        rep.at(at, task_name, ProblemKind::Deadline(e));
                        None
                    }
                },
                Some(v) => match toml_date("deadline", v) {
                    Ok(d) => Some(Deadline::on(d)),
                    Err(kind) => {
                        rep.at(at, task_name, kind);
                        None
                    }
                },
            };
            let done_on = match t.done_on.as_ref().map(|v| toml_date("done_on", v)) {
                Some(Ok(d)) => Some(d),
                Some(Err(kind)) => {
                    rep.at(at, task_name, kind);
                    None
                }
                None => None,
            };
            let state = match (t.status.as_deref().map(str::trim), done_on) {
                (None | Some("open"), None) => TaskState::Open,
                (Some("done"), Some(on)) => {
                    if let Some(issued) = issued_on
                        && let Err(p) = crate::change::check_done_day(on, issued, None)
                    {
                        rep.at(at, task_name, ProblemKind::DoneDay(p));
                    }
                    TaskState::Done { on }
                }
                (Some("cancelled"), None) => TaskState::Cancelled { on: None },
                (Some("done"), None) => {
                    if t.done_on.is_none() {
                        rep.at(at, task_name, ProblemKind::DoneWithoutDay);
                    }
                    TaskState::Open
                }
                (None | Some("open" | "cancelled"), Some(_)) => {
                    rep.at(at, task_name, ProblemKind::DayWithoutDone);
                    TaskState::Open
                }
                (Some(other), _) => {
                    rep.at(
                        at,
                        task_name,
                        ProblemKind::UnknownStatus {
                            status: other.to_owned(),
                        },
                    );
                    TaskState::Open
                }
            };
            let mut depends_on = Vec::new();
            for dep in &t.depends_on {
                match dep.trim().parse::<TaskId>() {
                    Ok(d) if !depends_on.contains(&d) => depends_on.push(d),
                    Ok(_) => {}
                    Err(error) => rep.at(
                        at,
                        task_name,
                        ProblemKind::BadId {
                            field: Some("depends_on"),
                            error,
                        },
                    ),
                }
            }
            let (Some(directive), Some(_)) = (&id, &issued_on) else {
                continue;
            };
            let mut leads = leads.into_iter();
            let lead = leads.next();
            tasks.push(LoadedTask {
                task: Task {
                    id: tid,
                    directive: directive.clone(),
                    title,
                    lead,
                    support,
                    responsible: non_empty(t.responsible.clone()),
                    product: non_empty(t.product.clone()),
                    deadline,
                    authority,
                    depends_on,
                    state,
                    note: non_empty(t.note.clone()),
                    extended: false,
                    co_leads: leads.collect(),
                    key: t.key.unwrap_or(false),
                    classified: t.classified.unwrap_or(false),
                },
                line: lines.line(rt.span().start),
            });
        }
        if let (Some(id), Some(issued_by), Some(issued_on)) = (id, issued_by, issued_on) {
            let directive = Directive {
                id,
                number: non_empty(d.number.clone()),
                title,
                issued_by,
                issued_on,
                signer: non_empty(d.signer.clone()),
                url: non_empty(d.url.clone()),
            };
            directives.push(LoadedDirective {
                file: f.path.to_owned(),
                directive,
                tasks,
            });
        }
    }

    // Dependencies must exist in the load or the database, and form no cycle.
    let loaded: HashSet<&TaskId> = directives
        .iter()
        .flat_map(|d| d.tasks.iter().map(|t| &t.task.id))
        .collect();
    for d in &directives {
        for lt in &d.tasks {
            for dep in &lt.task.depends_on {
                if !loaded.contains(dep) && !known.contains_key(dep) {
                    problems.push(Problem {
                        file: d.file.clone(),
                        line: Some(lt.line),
                        column: None,
                        task: Some(lt.task.id.to_string()),
                        kind: ProblemKind::MissingDependency { id: dep.clone() },
                    });
                }
            }
        }
    }
    let edges = directives
        .iter()
        .flat_map(|d| {
            d.tasks
                .iter()
                .map(|t| (&t.task.id, t.task.depends_on.as_slice()))
        })
        .chain(
            known
                .iter()
                .filter(|(id, _)| !loaded.contains(id))
                .map(|(id, k)| (id, k.depends_on.as_slice())),
        );
    if let Err(cycles) = DependencyGraph::build(edges) {
        for c in cycles {
            let first = c.0.first().cloned();
            let place = first.as_ref().and_then(|id| {
                directives.iter().find_map(|d| {
                    d.tasks
                        .iter()
                        .find(|t| &t.task.id == id)
                        .map(|t| (d.file.clone(), t.line))
                })
            });
            problems.push(Problem {
                file: place
                    .as_ref()
                    .map_or_else(|| "(database)".to_owned(), |p| p.0.clone()),
                line: place.map(|p| p.1),
                column: None,
                task: first.map(|id| id.to_string()),
                kind: ProblemKind::Cycle(c),
            });
        }
    }

    if problems.is_empty() {
        Ok(Load {
            agencies: agencies.into_iter().map(|a| a.0).collect(),
            directives,
        })
    } else {
        Err(Problems(problems))
    }
}

/// Reads a registry file (`data/agencies.toml`): `[[agency]]` tables only.
///
/// # Errors
/// Every problem of the file.
pub fn load_registry(file: SourceFile<'_>) -> Result<Registry, Problems> {
    let load = load(&[file], &Registry::new(), &HashMap::new())?;
    let mut registry = Registry::new();
    for a in load.agencies {
        registry.insert(Agency { builtin: true, ..a });
    }
    Ok(registry)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGENCIES: &str = r#"
[[agency]]
id = "BCA"
name = "Bộ Công an"
kind = "ministry"

[[agency]]
id = "CP"
name = "Chính phủ"
kind = "government"

[[agency]]
id = "BTTTT"
name = "Bộ Thông tin và Truyền thông"
kind = "ministry"
successor = "BCA"
"#;

    fn registry() -> Registry {
        load_registry(SourceFile {
            path: "agencies.toml",
            text: AGENCIES,
        })
        .unwrap()
    }

    fn one(text: &str) -> Result<Load, Problems> {
        load(
            &[SourceFile {
                path: "d.toml",
                text,
            }],
            &registry(),
            &HashMap::new(),
        )
    }

    const GOOD: &str = r#"schema = 1

[directive]
id = "D1"
title = "Chương trình"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D1/01"
title = "Trình nghị quyết"
lead = "BCA"
deadline = "tháng 2.2026"
authority = "CP"

[[task]]
id = "D1/02"
title = "Đề nghị xây dựng luật"
lead = "BCA"
deadline = 2026-03-31
depends_on = ["D1/01"]
status = "done"
done_on = 2026-03-20
"#;

    #[test]
    fn a_good_file_loads() {
        let load = one(GOOD).unwrap();
        assert_eq!(load.directives.len(), 1);
        let tasks = &load.directives[0].tasks;
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].line, 9);
        assert_eq!(tasks[1].line, 16);
        assert_eq!(tasks[1].task.depends_on[0].as_str(), "D1/01");
        assert!(tasks[1].task.state.is_done());
        assert_eq!(
            tasks[1].task.due_date(),
            NaiveDate::from_ymd_opt(2026, 3, 31)
        );
    }

    #[test]
    fn lead_may_be_a_list_of_co_leads_and_flags_are_optional() {
        let text = GOOD.replace(
            "lead = \"BCA\"\ndeadline = \"tháng 2.2026\"",
            "lead = [\"BCA\", \"BTTTT\", \"BCA\"]\nkey = true\nclassified = true\ndeadline = \"tháng 2.2026\"",
        );
        assert_ne!(text, GOOD);
        let load = one(&text).unwrap();
        let t = &load.directives[0].tasks[0].task;
        assert_eq!(t.lead.as_ref().map(|l| l.as_str()), Some("BCA"));
        let co: Vec<&str> = t.co_leads.iter().map(|l| l.as_str()).collect();
        assert_eq!(co, ["BTTTT"]);
        assert!(t.key && t.classified);
        // The old form: one string, no flags.
        let old = &one(GOOD).unwrap().directives[0].tasks[1].task;
        assert!(old.co_leads.is_empty() && !old.key && !old.classified);
        assert_eq!(old.lead.as_ref().map(|l| l.as_str()), Some("BCA"));
        // A one-element list is one lead.
        let single = GOOD.replace(
            "lead = \"BCA\"\ndeadline = 2026",
            "lead = [\"BCA\"]\ndeadline = 2026",
        );
        let t = &one(&single).unwrap().directives[0].tasks[1].task;
        assert!(t.co_leads.is_empty() && t.lead.is_some());
        // Each co-lead is checked against the registry and against support.
        let bad = GOOD
            .replace(
                "lead = \"BCA\"\ndeadline = \"tháng 2.2026\"",
                "lead = [\"BCA\", \"NOPE\"]\nsupport = [\"BTTTT\"]\ndeadline = \"tháng 2.2026\"",
            )
            .replace(
                "lead = \"BCA\"\ndeadline = 2026",
                "lead = [\"CP\", \"BTTTT\"]\nsupport = [\"BTTTT\"]\ndeadline = 2026",
            );
        let e = one(&bad).unwrap_err().to_string();
        assert!(e.contains("lead: agency \"NOPE\""), "{e}");
        assert!(e.contains("BTTTT is the lead"), "{e}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = r#"schema = 1

[directive]
id = "D1"
title = "x"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D1/01"
title = "a"
lead = "NOPE"
support = ["BCA", "ALSO_NOPE"]
deadline = "31/2/2026"

[[task]]
id = "D1/01"
title = "b"
lead = "BCA"
support = ["BCA"]
depends_on = ["D1/99"]
status = "done"
"#;
        let err = one(bad).unwrap_err();
        let text = err.to_string();
        for want in [
            "d.toml:9: task D1/01: lead: agency \"NOPE\" is in no registry",
            "\"ALSO_NOPE\"",
            "31/2/2026",
            "duplicate task id D1/01",
            "BCA is the lead",
            "\"D1/99\" exists in no loaded file",
            "needs done_on",
        ] {
            assert!(text.contains(want), "missing {want:?} in:\n{text}");
        }
        assert_eq!(err.0.len(), 7, "{text}");
    }

    #[test]
    fn problems_speak_vietnamese_by_default_and_english_on_request() {
        let bad = r#"schema = 1

[directive]
id = "D1"
title = "x"
issued_by = "CP"
issued_on = 2026-01-15

[[task]]
id = "D1/01"
title = "a"
lead = "NOPE"
deadline = "31/2/2026"
depends_on = ["D1/99"]
status = "xong"

[[task]]
id = "D1/01"
title = ""
lead = "BCA"
support = ["BCA"]
done_on = "20/3/2026"

[[task]]
id = "D1/03"
title = "c"
status = "done"
done_on = 2026-03-20T10:00:00
"#;
        let err = one(bad).unwrap_err();
        let vi = err.message(Lang::Vi);
        for want in [
            "phát hiện 9 lỗi, không ghi gì vào cơ sở dữ liệu:",
            "d.toml:24: nhiệm vụ D1/03: done_on: 2026-03-20T10:00:00 phải là một ngày (YYYY-MM-DD), không kèm giờ",
            "\n  d.toml:9: nhiệm vụ D1/01: lead: cơ quan \"NOPE\" không có trong danh mục cơ quan",
            "d.toml:9: nhiệm vụ D1/01: không đọc được thời hạn \"31/2/2026\": không có ngày 31/2/2026: tháng 2 năm 2026 chỉ có 28 ngày",
            "d.toml:9: nhiệm vụ D1/01: status \"xong\" không hợp lệ",
            "d.toml:17: nhiệm vụ D1/01: trùng mã nhiệm vụ D1/01: đã có trong d.toml",
            "d.toml:17: nhiệm vụ D1/01: title là bắt buộc",
            "support: BCA là cơ quan chủ trì",
            "done_on: \"20/3/2026\" phải là một ngày TOML",
            "depends_on: nhiệm vụ \"D1/99\" không có trong tệp nào đã nạp",
        ] {
            assert!(vi.contains(want), "missing {want:?} in:\n{vi}");
        }
        assert_eq!(err.message(Lang::En), err.to_string());
        assert!(
            err.to_string()
                .starts_with("9 problems found, nothing was written:")
        );
        assert!(
            err.to_string().contains(
                "d.toml:24: task D1/03: done_on: 2026-03-20T10:00:00 must be a date alone"
            ),
            "{err}"
        );

        let err = one(&GOOD.replace("schema = 1", "schema = 2")).unwrap_err();
        assert!(
            err.message(Lang::Vi)
                .contains("d.toml:1:10: schema 2 mới hơn phiên bản chương trình này đọc được"),
            "{}",
            err.message(Lang::Vi)
        );
        let text = GOOD.replace("deadline = \"tháng 2.2026\"", "depends_on = [\"D1/02\"]");
        let err = one(&text).unwrap_err();
        assert!(
            err.message(Lang::Vi)
                .contains("phụ thuộc vòng tròn: D1/01 -> D1/02 -> D1/01"),
            "{}",
            err.message(Lang::Vi)
        );
        let err = one("schema = 1\n[directive\nid = 1\n").unwrap_err();
        assert!(
            err.message(Lang::Vi).contains("d.toml:2:")
                && err.message(Lang::Vi).contains("lỗi cú pháp TOML"),
            "{}",
            err.message(Lang::Vi)
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = one("schema = 1\n[directive\nid = 1\n").unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].line, Some(2));
        assert!(err.0[0].column.is_some());
    }

    #[test]
    fn newer_schemas_are_refused() {
        let err = one(&GOOD.replace("schema = 1", "schema = 2")).unwrap_err();
        assert!(err.to_string().contains("schema 2 is newer"), "{err}");
    }

    #[test]
    fn cycles_are_spelled_out() {
        let text = GOOD.replace("deadline = \"tháng 2.2026\"", "depends_on = [\"D1/02\"]");
        let err = one(&text).unwrap_err();
        assert!(err.to_string().contains("D1/01 -> D1/02 -> D1/01"), "{err}");
    }

    #[test]
    fn known_tasks_satisfy_dependencies_and_hold_their_ids() {
        let mut known = HashMap::new();
        known.insert(
            "OTHER/1".parse().unwrap(),
            KnownTask {
                directive: "OTHER".parse().unwrap(),
                depends_on: vec![],
            },
        );
        let text = GOOD.replace("depends_on = [\"D1/01\"]", "depends_on = [\"OTHER/1\"]");
        let files = [SourceFile {
            path: "d.toml",
            text: &text,
        }];
        assert!(load(&files, &registry(), &known).is_ok());
        let text = GOOD.replace("id = \"D1/02\"", "id = \"OTHER/1\"");
        let files = [SourceFile {
            path: "d.toml",
            text: &text,
        }];
        let err = load(&files, &registry(), &known).unwrap_err();
        assert!(
            err.to_string().contains("already held by directive OTHER"),
            "{err}"
        );
    }

    #[test]
    fn unknown_fields_are_typos() {
        let err = one(&GOOD.replace(
            "lead = \"BCA\"\ndeadline = 2026",
            "lead = \"BCA\"\ndealine = 2026",
        ))
        .unwrap_err();
        assert!(err.to_string().contains("dealine"), "{err}");
    }

    #[test]
    fn a_title_of_invisible_characters_is_empty() {
        for title in ["\\u200B", "\\uFEFF\\u200C\\u200D", " \\u2060\\u00AD "] {
            let text = GOOD.replacen(
                "title = \"Trình nghị quyết\"",
                &format!("title = \"{title}\""),
                1,
            );
            assert_ne!(text, GOOD);
            let err = one(&text).unwrap_err();
            assert!(
                err.0.iter().any(|p| p.kind == ProblemKind::EmptyTitle),
                "{title}: {err}"
            );
        }
    }

    #[test]
    fn line_index_agrees_with_counting_from_the_top() {
        let text = "ab\ncđe\n\nxyz";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            if !text.is_char_boundary(offset) {
                continue;
            }
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            assert_eq!(index.position(text, offset), (line, col), "{offset}");
        }
    }

    /// Tens of thousands of problems in one file: each gets its line from the
    /// index (counting from the top for each took 7.7 s for 10 000 problems).
    #[test]
    fn many_problems_get_their_lines_without_rescanning() {
        const N: usize = 20_000;
        let mut text = String::from(
            "schema = 1\n\n[directive]\nid = \"D1\"\ntitle = \"x\"\nissued_by = \"CP\"\nissued_on = 2026-01-15\n",
        );
        for i in 0..N {
            text.push_str(&format!(
                "\n[[task]]\nid = \"D1/{i}\"\ntitle = \"t\"\nlead = \"NOPE\"\n"
            ));
        }
        let err = one(&text).unwrap_err();
        assert_eq!(err.0.len(), N);
        let last = err.0.last().unwrap();
        assert_eq!(last.task.as_deref(), Some(format!("D1/{}", N - 1).as_str()));
        assert_eq!(last.line, Some(8 + 5 * (N - 1) + 1));
    }

    #[test]
    fn due_beside_a_wording_sauro_cannot_read() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
        let text = GOOD.replace(
            "deadline = \"tháng 2.2026\"",
            "deadline = \"trong dịp nghỉ hè\"\ndue = 2026-02-16",
        );
        let load = one(&text).unwrap();
        let t = &load.directives[0].tasks[0].task;
        let d = t.deadline.as_ref().unwrap();
        assert_eq!(d.written, "trong dịp nghỉ hè");
        assert_eq!(t.due_date(), day(2, 16));
        // Without `due` the file is refused, and the message says to add it.
        let text = GOOD.replace(
            "deadline = \"tháng 2.2026\"",
            "deadline = \"trong dịp nghỉ hè\"",
        );
        let problems = one(&text).unwrap_err();
        let shown = problems.to_string();
        assert!(shown.contains("add due = YYYY-MM-DD"), "{shown}");
        assert!(problems.message(Lang::Vi).contains("thêm due = YYYY-MM-DD"));
        // `due` alone is the deadline.
        let text = GOOD.replace("deadline = \"tháng 2.2026\"", "due = 2026-02-16");
        let load = one(&text).unwrap();
        assert_eq!(load.directives[0].tasks[0].task.due_date(), day(2, 16));
        // A vague wording with a day: the day is used.
        let text = GOOD.replace(
            "deadline = \"tháng 2.2026\"",
            "deadline = \"khẩn trương\"\ndue = 2026-02-16",
        );
        let load = one(&text).unwrap();
        assert_eq!(load.directives[0].tasks[0].task.due_date(), day(2, 16));
    }

    #[test]
    fn due_that_disagrees_with_a_readable_wording_is_refused() {
        let text = GOOD.replace(
            "deadline = \"tháng 2.2026\"",
            "deadline = \"tháng 2.2026\"\ndue = 2026-02-16",
        );
        let shown = one(&text).unwrap_err().to_string();
        assert!(
            shown.contains("reads as 2026-02-28 but due = 2026-02-16"),
            "{shown}"
        );
        let text = GOOD.replace(
            "deadline = \"tháng 2.2026\"",
            "deadline = \"tháng 2.2026\"\ndue = \"16/2/2026\"",
        );
        assert!(one(&text).unwrap_err().to_string().contains("due: "));
    }

    const HEADER: &str = r#"schema = 1

[directive]
id = "D1"
title = "x"
issued_by = "CP"
issued_on = 2026-01-15
"#;

    #[test]
    fn a_file_may_not_change_a_built_in_agency() {
        let text = format!(
            "{HEADER}\n[[agency]]\nid = \"CP\"\nname = \"Chính phủ mới\"\nkind = \"government\"\nsuccessor = \"BCA\"\n"
        );
        let err = one(&text).unwrap_err();
        assert_eq!(err.0.len(), 2, "{err}");
        let en = err.to_string();
        assert!(
            en.contains(
                "d.toml:9:1: agency CP is built in; a file may not change its name (\"Chính phủ\" to \"Chính phủ mới\")"
            ),
            "{en}"
        );
        assert!(
            en.contains("may not change its successor (\"\" to \"BCA\")"),
            "{en}"
        );
        let vi = err.message(Lang::Vi);
        assert!(
            vi.contains("d.toml:9:1: cơ quan CP có sẵn trong danh mục; tệp không được đổi name"),
            "{vi}"
        );
        assert!(matches!(
            &err.0[0].kind,
            ProblemKind::ChangesBuiltinAgency { agency, field: "name", .. } if agency.as_str() == "CP"
        ));
        // A new alias is a change too.
        let text = format!(
            "{HEADER}\n[[agency]]\nid = \"BCA\"\nname = \"Bộ Công an\"\nkind = \"ministry\"\naliases = [\"Bộ Tư pháp\"]\n"
        );
        let err = one(&text).unwrap_err();
        assert!(
            err.to_string()
                .contains("may not change its aliases (\"\" to \"Bộ Tư pháp\")"),
            "{err}"
        );
    }

    #[test]
    fn a_built_in_agency_repeated_word_for_word_is_allowed_and_not_rewritten() {
        let text = format!(
            "{HEADER}\n[[agency]]\nid = \"BTTTT\"\nname = \"Bộ Thông tin và Truyền thông\"\nkind = \"ministry\"\nsuccessor = \"BCA\"\n"
        );
        let load = one(&text).unwrap();
        assert!(load.agencies.is_empty(), "{:?}", load.agencies);
    }

    #[test]
    fn file_agencies_carry_aliases_and_may_not_take_another_agency_s_name() {
        let text = format!(
            "{HEADER}\n[[agency]]\nid = \"SOKHCN\"\nname = \"Sở Khoa học và Công nghệ\"\nkind = \"other\"\naliases = [\" Sở KH&CN \", \"\", \"Sở KH&CN\"]\n"
        );
        let load = one(&text).unwrap();
        assert_eq!(load.agencies[0].aliases, ["Sở KH&CN"]);
        assert!(!load.agencies[0].builtin);
        let text = format!(
            "{HEADER}\n[[agency]]\nid = \"CA2\"\nname = \"Công an hai\"\nkind = \"other\"\naliases = [\"bo cong an\"]\n"
        );
        let err = one(&text).unwrap_err();
        assert!(
            err.to_string()
                .contains("agency CA2: the alias \"bo cong an\" already names agency BCA"),
            "{err}"
        );
    }

    #[test]
    fn unknown_agencies_come_with_suggestions() {
        let err = one(&GOOD.replace(
            "lead = \"BCA\"\ndeadline = \"",
            "lead = \"BCB\"\ndeadline = \"",
        ))
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("lead: agency \"BCB\" is in no registry; did you mean BCA (Bộ Công an)?"),
            "{err}"
        );
        assert!(
            err.message(Lang::Vi)
                .contains("không có trong danh mục cơ quan; có phải là BCA (Bộ Công an)?"),
            "{}",
            err.message(Lang::Vi)
        );
    }

    /// The bundled registry, as the binary reads it.
    fn bundled() -> Registry {
        load_registry(SourceFile {
            path: "data/agencies.toml",
            text: include_str!("../../../data/agencies.toml"),
        })
        .unwrap()
    }

    #[test]
    fn the_bundled_registry_names_each_body_once_and_marks_it_built_in() {
        let r = bundled();
        assert!(r.iter().all(|a| a.builtin));
        for a in r.iter() {
            for name in a.names() {
                let found: Vec<_> = r
                    .resolve_all(name)
                    .iter()
                    .map(|x| x.id.to_string())
                    .collect();
                assert_eq!(found, [a.id.to_string()], "{name:?} of {}", a.id);
            }
        }
        let id = |t: &str| r.resolve(t).map(|a| a.id.to_string());
        for (text, want) in [
            ("Bộ KH&CN", "BKHCN"),
            ("Bo KHCN", "BKHCN"),
            ("Bộ TT&TT", "BTTTT"),
            ("Công an", "BCA"),
            ("NHNN", "NHNN"),
            ("Ngân hàng Nhà nước", "NHNN"),
            ("UBND tỉnh Bình Dương", "BINHDUONG"),
            ("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "BARIAVUNGTAU"),
            ("UBND TP Hồ Chí Minh", "HOCHIMINH"),
            ("tp ho chi minh", "HOCHIMINH"),
            ("Thừa Thiên Huế", "HUE"),
            ("Ban Tuyên giáo và Dân vận TW", "BTGDVTW"),
            ("Tòa án nhân dân tối cao", "TANDTC"),
            ("Toà án nhân dân tối cao", "TANDTC"),
            ("Viettel", "VIETTEL"),
            ("Tập đoàn Dầu khí Việt Nam", "PVN"),
            ("Phó Thủ tướng", "PTTG"),
            ("các bộ, ngành liên quan", "CAC_BO_LQ"),
            ("Các địa phương", "CAC_TINH"),
            ("Các tỉnh, thành phố trực thuộc TW", "CAC_TINH"),
            ("tập đoàn, doanh nghiệp công nghệ số", "CAC_DN_CNS"),
        ] {
            assert_eq!(id(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn the_29_provinces_merged_away_count_under_their_successors() {
        let r = bundled();
        let merged: Vec<_> = r
            .iter()
            .filter(|a| a.kind == AgencyKind::Province && a.successor.is_some())
            .collect();
        assert_eq!(merged.len(), 29);
        let current = r
            .iter()
            .filter(|a| a.kind == AgencyKind::Province && a.successor.is_none())
            .count();
        assert_eq!(current, 34);
        for a in &merged {
            let s = r.get(r.counted_as(a.id.as_str())).unwrap();
            assert!(
                s.kind == AgencyKind::Province && s.successor.is_none(),
                "{}",
                a.id
            );
        }
        for (old, new) in [
            ("BINHDUONG", "HOCHIMINH"),
            ("BARIAVUNGTAU", "HOCHIMINH"),
            ("HAIDUONG", "HAIPHONG"),
            ("QUANGNAM", "DANANG"),
            ("HAGIANG", "TUYENQUANG"),
            ("BACLIEU", "CAMAU"),
            ("DAKNONG", "LAMDONG"),
        ] {
            assert_eq!(r.counted_as(old), new);
        }
    }
}
