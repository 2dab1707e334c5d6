//! The problems a load can find: where each is ([`Problem`]), what it is
//! ([`ProblemKind`], with its values) and every wording of it, Vietnamese
//! and English.

use super::SCHEMA_VERSION;
use crate::agency::AgencyKind;
use crate::deadline::DeadlineError;
use crate::graph::Cycle;
use crate::ids::{AgencyId, DirectiveId, IdError, IdKind, TaskId};
use crate::lang::Lang;
use chrono::NaiveDate;
use std::fmt;

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
