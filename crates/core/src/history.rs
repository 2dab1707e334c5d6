//! History of a task, typed: what was done ([`Action`]), to which field
//! ([`Field`]), from what to what ([`Value`]), when, by whom and on what
//! basis; and its one-line wording for people in both languages
//! ([`HistoryEntry::line_named`]). The store maps these to and from its
//! rows; the command line and the terminal UI show them with `line_named`.

use crate::date::format_date;
use crate::ids::{AgencyId, TaskId};
use crate::lang::Lang;
use crate::status::TaskState;
use chrono::NaiveDate;

/// What a history row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// A directive file brought the task in (no field) or changed a field.
    Import,
    /// Marked done.
    Done,
    /// Reopened.
    Reopen,
    /// Cancelled (withdrawn) by an authority.
    Cancel,
    /// Deadline changed (extended) by an authority.
    Extend,
    /// A note added.
    Note,
}

impl Action {
    /// Every action, in the order above.
    pub const ALL: [Action; 6] = [
        Action::Import,
        Action::Done,
        Action::Reopen,
        Action::Cancel,
        Action::Extend,
        Action::Note,
    ];

    /// The code stored and given in JSON: `import`, `done`, `reopen`,
    /// `cancel`, `extend`, `note`.
    pub fn code(self) -> &'static str {
        match self {
            Action::Import => "import",
            Action::Done => "done",
            Action::Reopen => "reopen",
            Action::Cancel => "cancel",
            Action::Extend => "extend",
            Action::Note => "note",
        }
    }

    /// The action of a code, if it is one.
    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The action in words.
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Action::Import => lang.pick("nhập từ tệp", "imported"),
            Action::Done => lang.pick("hoàn thành", "done"),
            Action::Reopen => lang.pick("mở lại", "reopened"),
            Action::Cancel => lang.pick("dừng thực hiện", "cancelled"),
            Action::Extend => lang.pick("điều chỉnh thời hạn", "deadline changed"),
            Action::Note => lang.pick("ghi chú", "note"),
        }
    }
}

/// The field a history row changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The title (rõ việc).
    Title,
    /// The lead agency.
    Lead,
    /// The supporting agencies.
    Support,
    /// The accountable official.
    Responsible,
    /// The deliverable.
    Product,
    /// The authority that accepts the product.
    Authority,
    /// The effective deadline: its wording and day.
    Deadline,
    /// The deadline's day alone (the wording unchanged).
    DeadlineDue,
    /// The prerequisites.
    DependsOn,
    /// The co-leads.
    CoLeads,
    /// The key-task flag.
    Key,
    /// The classified flag.
    Classified,
    /// The directive file's note.
    Note,
    /// The state (open, done, cancelled).
    State,
    /// The state the directive file gives, when sauro's own change stands.
    FileState,
    /// The deadline the directive file gives, when an extension stands.
    FileDeadline,
}

/// The kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// [`Value::Text`].
    Text,
    /// [`Value::Agencies`].
    Agencies,
    /// [`Value::Tasks`].
    Tasks,
    /// [`Value::Flag`].
    Flag,
    /// [`Value::Day`].
    Day,
    /// [`Value::State`].
    State,
    /// [`Value::Deadline`].
    Deadline,
}

impl Field {
    /// Every field, in the order above.
    pub const ALL: [Field; 16] = [
        Field::Title,
        Field::Lead,
        Field::Support,
        Field::Responsible,
        Field::Product,
        Field::Authority,
        Field::Deadline,
        Field::DeadlineDue,
        Field::DependsOn,
        Field::CoLeads,
        Field::Key,
        Field::Classified,
        Field::Note,
        Field::State,
        Field::FileState,
        Field::FileDeadline,
    ];

    /// The code stored and given in JSON (`title`, `deadline_due`, `co_leads`…).
    pub fn code(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Lead => "lead",
            Field::Support => "support",
            Field::Responsible => "responsible",
            Field::Product => "product",
            Field::Authority => "authority",
            Field::Deadline => "deadline",
            Field::DeadlineDue => "deadline_due",
            Field::DependsOn => "depends_on",
            Field::CoLeads => "co_leads",
            Field::Key => "key",
            Field::Classified => "classified",
            Field::Note => "note",
            Field::State => "state",
            Field::FileState => "file_state",
            Field::FileDeadline => "file_deadline",
        }
    }

    /// The field of a code, if it is one.
    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The kind of value the field holds.
    pub fn kind(self) -> Kind {
        match self {
            Field::Title
            | Field::Responsible
            | Field::Product
            | Field::Authority
            | Field::Note
            | Field::FileDeadline => Kind::Text,
            Field::Lead | Field::Support | Field::CoLeads => Kind::Agencies,
            Field::DependsOn => Kind::Tasks,
            Field::Key | Field::Classified => Kind::Flag,
            Field::DeadlineDue => Kind::Day,
            Field::State | Field::FileState => Kind::State,
            Field::Deadline => Kind::Deadline,
        }
    }

    /// The field in words.
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Field::Title => lang.pick("tên nhiệm vụ", "title"),
            Field::Lead => lang.pick("chủ trì", "lead"),
            Field::Support => lang.pick("phối hợp", "support"),
            Field::Responsible => lang.pick("trách nhiệm", "responsible"),
            Field::Product => lang.pick("sản phẩm", "product"),
            Field::Authority => lang.pick("thẩm quyền", "authority"),
            Field::Deadline => lang.pick("thời hạn", "deadline"),
            Field::DeadlineDue => lang.pick("ngày đến hạn", "due day"),
            Field::DependsOn => lang.pick("tiên quyết", "prerequisites"),
            Field::CoLeads => lang.pick("đồng chủ trì", "co-leads"),
            Field::Key => lang.pick("nhiệm vụ trọng tâm", "key task"),
            Field::Classified => lang.pick("mật", "classified"),
            Field::Note => lang.pick("ghi chú", "note"),
            Field::State => lang.pick("trạng thái", "state"),
            Field::FileState => lang.pick("trạng thái trong tệp", "state in the file"),
            Field::FileDeadline => lang.pick("thời hạn trong tệp", "deadline in the file"),
        }
    }
}

/// A value before or after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text as written: a title, a note, a deadline's wording in the file.
    Text(String),
    /// Agencies, in order (a lead is one; no supporting agency is none).
    Agencies(Vec<AgencyId>),
    /// Tasks (prerequisites), in order.
    Tasks(Vec<TaskId>),
    /// A flag (key, classified).
    Flag(bool),
    /// A day (a deadline's day, the wording unchanged).
    Day(NaiveDate),
    /// A task's state.
    State(TaskState),
    /// A deadline: its wording and the day it names, if it names one (an
    /// ongoing or vague deadline names none; its wording says what it is).
    Deadline {
        /// The wording.
        written: String,
        /// The day it names.
        due: Option<NaiveDate>,
    },
}

impl Value {
    /// The value as the JSON of `sauro show` has always given it: ids
    /// space-separated, `true`/`false`, ISO days, a state as `done
    /// 2026-03-20`, a deadline as `quý 1/2026 (2026-03-31)`.
    pub fn plain(&self) -> String {
        let join = |ids: &mut dyn Iterator<Item = &str>| ids.collect::<Vec<_>>().join(" ");
        match self {
            Value::Text(s) => s.clone(),
            Value::Agencies(ids) => join(&mut ids.iter().map(AgencyId::as_str)),
            Value::Tasks(ids) => join(&mut ids.iter().map(TaskId::as_str)),
            Value::Flag(b) => b.to_string(),
            Value::Day(d) => iso(*d),
            Value::State(s) => match state_parts(*s) {
                (code, Some(on)) => format!("{code} {}", iso(on)),
                (code, None) => code.to_owned(),
            },
            Value::Deadline { written, due } => match due {
                Some(d) => format!("{written} ({})", iso(*d)),
                None => written.clone(),
            },
        }
    }

    /// The value for people: states in words, days as dd/mm/yyyy, agencies
    /// that `name_of` names (groups, say) by their names.
    pub fn words(&self, lang: Lang, name_of: &dyn Fn(&str) -> Option<String>) -> String {
        let none = || lang.pick("(không có)", "(none)").to_owned();
        match self {
            Value::Text(s) => iso_shown(s),
            Value::Agencies(ids) if ids.is_empty() => none(),
            Value::Agencies(ids) => ids
                .iter()
                .map(|id| name_of(id.as_str()).unwrap_or_else(|| id.to_string()))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Tasks(ids) if ids.is_empty() => none(),
            Value::Tasks(ids) => ids
                .iter()
                .map(TaskId::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            Value::Flag(b) => lang
                .pick(
                    if *b { "có" } else { "không" },
                    if *b { "yes" } else { "no" },
                )
                .to_owned(),
            Value::Day(d) => format_date(*d),
            Value::State(s) => state_words(*s, lang),
            Value::Deadline { written, due } => match due {
                Some(d) if *written == iso(*d) => format_date(*d),
                Some(d) => format!("{written} ({})", format_date(*d)),
                None => iso_shown(written),
            },
        }
    }
}

/// Text that is an ISO day alone (a deadline a directive file gives as a
/// date) as dd/mm/yyyy; any other text as it is.
fn iso_shown(text: &str) -> String {
    match crate::date::parse_iso_date(text) {
        Ok(d) if text.len() == 10 => format_date(d),
        _ => text.to_owned(),
    }
}

/// A state's code (`open`, `done`, `cancelled`) and its day, as stored.
pub fn state_parts(s: TaskState) -> (&'static str, Option<NaiveDate>) {
    match s {
        TaskState::Open => ("open", None),
        TaskState::Done { on } => ("done", Some(on)),
        TaskState::Cancelled { on } => ("cancelled", on),
    }
}

/// A state from its code and day; `None` for an unknown code or a done
/// state without its day.
pub fn state_of(code: &str, on: Option<NaiveDate>) -> Option<TaskState> {
    match (code, on) {
        ("open", _) => Some(TaskState::Open),
        ("done", Some(on)) => Some(TaskState::Done { on }),
        ("cancelled", on) => Some(TaskState::Cancelled { on }),
        _ => None,
    }
}

fn state_words(s: TaskState, lang: Lang) -> String {
    let word = match s {
        TaskState::Open => lang.pick("đang thực hiện", "open"),
        TaskState::Done { .. } => lang.pick("hoàn thành", "done"),
        TaskState::Cancelled { .. } => lang.pick("dừng thực hiện", "cancelled"),
    };
    match state_parts(s).1 {
        Some(on) => format!("{word} {}", format_date(on)),
        None => word.to_owned(),
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Where in a directive file an import found the task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file, as given to the import.
    pub file: String,
    /// The line of the task's `[[task]]`.
    pub line: usize,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One recorded change to a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The task.
    pub task: String,
    /// Wall-clock time (RFC 3339).
    pub at: String,
    /// The business day it counts for (the day it was recorded; for the
    /// row that brings a task in, the day its directive assigned it).
    pub day: NaiveDate,
    /// Who.
    pub by: String,
    /// What was done.
    pub action: Action,
    /// The field changed; none for the row that brings a task in and for a note.
    pub field: Option<Field>,
    /// The value before.
    pub old: Option<Value>,
    /// The value after (for the row that brings a task in, its state; for
    /// a note, its text).
    pub new: Option<Value>,
    /// For an extension or cancellation: the authority that decided.
    pub authority: Option<String>,
    /// For an extension: the document it rests on.
    pub basis: Option<String>,
    /// Why (extension, cancellation).
    pub reason: Option<String>,
    /// For an import: the file and line the task was read from.
    pub source: Option<Source>,
}

impl HistoryEntry {
    /// The change in one line, for people: `22/11/2026 lan điều chỉnh thời
    /// hạn: quý 1/2026 (31/03/2026) → quý II/2026 (30/06/2026) · TTG ·
    /// 9061/VPCP-CN · chờ nghị định`.
    pub fn line(&self, lang: Lang) -> String {
        self.line_named(lang, &|_| None)
    }

    /// [`HistoryEntry::line`], with the agencies of a lead, co-lead or
    /// support change that `name_of` names (groups, say) shown by name:
    /// `chủ trì: CAC_BO_TINH → BCA` reads `Các bộ, ngành, địa phương → BCA`.
    pub fn line_named(&self, lang: Lang, name_of: &dyn Fn(&str) -> Option<String>) -> String {
        let mut s = format!(
            "{} {} {}",
            format_date(self.day),
            self.by,
            self.action.words(lang)
        );
        // "deadline changed: deadline …" and "done: state …" say it twice.
        let implied = matches!(
            (self.action, self.field),
            (Action::Extend, Some(Field::Deadline))
                | (
                    Action::Done | Action::Reopen | Action::Cancel,
                    Some(Field::State)
                )
        );
        if let Some(f) = self.field.filter(|_| !implied) {
            s.push(' ');
            s.push_str(f.words(lang));
        }
        let words = |v: &Option<Value>| match v {
            Some(v) => v.words(lang, name_of),
            None => lang.pick("(không có)", "(none)").to_owned(),
        };
        match (self.field, &self.new) {
            // The row that brings a task in: where from, and its state.
            (None, Some(new)) if self.action == Action::Import => match &self.source {
                Some(src) => s.push_str(&format!(": {src} ({})", new.words(lang, name_of))),
                None => s.push_str(&format!(": {}", new.words(lang, name_of))),
            },
            (None, Some(_)) => s.push_str(&format!(": {}", words(&self.new))),
            (None, None) => {}
            (Some(_), _) => s.push_str(&format!(": {} → {}", words(&self.old), words(&self.new))),
        }
        let source = self
            .source
            .as_ref()
            .filter(|_| self.field.is_some())
            .map(Source::to_string);
        for extra in [&self.authority, &self.basis, &self.reason, &source]
            .into_iter()
            .flatten()
        {
            s.push_str(&format!(" · {extra}"));
        }
        s
    }
}

/// The JSON of a history row (`sauro show --format json`), in the shape it
/// has always had: codes for action and field, an ISO day, `old` and `new`
/// as [`Value::plain`], and an import's `file:line` in `reason` (or, for
/// the row that brings a task in, in `new`: `d1.toml:12 (open)`).
#[derive(serde::Serialize)]
struct Json<'a> {
    task: &'a str,
    at: &'a str,
    day: String,
    by: &'a str,
    action: &'static str,
    field: Option<&'static str>,
    old: Option<String>,
    new: Option<String>,
    authority: Option<&'a str>,
    basis: Option<&'a str>,
    reason: Option<String>,
}

impl serde::Serialize for HistoryEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let source = self.source.as_ref().map(Source::to_string);
        let created = self.action == Action::Import && self.field.is_none();
        let new = self.new.as_ref().map(Value::plain);
        let (new, reason) = match (created, source) {
            (true, Some(src)) => (
                Some(format!("{src} ({})", new.unwrap_or_default())),
                self.reason.clone(),
            ),
            (false, Some(src)) => (new, Some(self.reason.clone().unwrap_or(src))),
            (_, None) => (new, self.reason.clone()),
        };
        Json {
            task: &self.task,
            at: &self.at,
            day: iso(self.day),
            by: &self.by,
            action: self.action.code(),
            field: self.field.map(Field::code),
            old: self.old.as_ref().map(Value::plain),
            new,
            authority: self.authority.as_deref(),
            basis: self.basis.as_deref(),
            reason,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn entry(action: Action, field: Option<Field>, old: Option<Value>, new: Value) -> HistoryEntry {
        HistoryEntry {
            task: "T/1".into(),
            at: "2026-03-10T09:00:00+07:00".into(),
            day: d(2026, 3, 10),
            by: "lan".into(),
            action,
            field,
            old,
            new: Some(new),
            authority: None,
            basis: None,
            reason: None,
            source: None,
        }
    }

    fn agencies(ids: &[&str]) -> Value {
        Value::Agencies(ids.iter().map(|i| i.parse().unwrap()).collect())
    }

    #[test]
    fn codes_read_back_to_the_same_action_and_field() {
        for a in Action::ALL {
            assert_eq!(Action::from_code(a.code()), Some(a));
        }
        for f in Field::ALL {
            assert_eq!(Field::from_code(f.code()), Some(f));
        }
        assert_eq!(Action::from_code("edit"), None);
        assert_eq!(Field::from_code("deadline "), None);
    }

    #[test]
    fn group_leads_read_as_their_names() {
        let e = entry(
            Action::Import,
            Some(Field::Lead),
            Some(agencies(&["CAC_BO_TINH"])),
            agencies(&["BCA"]),
        );
        let names =
            |id: &str| (id == "CAC_BO_TINH").then(|| "Các bộ, ngành, địa phương".to_owned());
        assert_eq!(
            e.line_named(Lang::Vi, &names),
            "10/03/2026 lan nhập từ tệp chủ trì: Các bộ, ngành, địa phương → BCA"
        );
        assert!(e.line(Lang::Vi).ends_with("CAC_BO_TINH → BCA"));
        let title = entry(
            Action::Import,
            Some(Field::Title),
            Some(Value::Text("CAC_TINH".into())),
            Value::Text("x".into()),
        );
        assert!(title.line_named(Lang::Vi, &names).contains("CAC_TINH"));
    }

    #[test]
    fn states_and_deadlines_read_as_words_and_dd_mm_yyyy() {
        let done = entry(
            Action::Done,
            Some(Field::State),
            Some(Value::State(TaskState::Open)),
            Value::State(TaskState::Done { on: d(2026, 3, 9) }),
        );
        assert_eq!(
            done.line(Lang::Vi),
            "10/03/2026 lan hoàn thành: đang thực hiện → hoàn thành 09/03/2026"
        );
        assert_eq!(
            done.line(Lang::En),
            "10/03/2026 lan done: open → done 09/03/2026"
        );
        let mut ext = entry(
            Action::Extend,
            Some(Field::Deadline),
            Some(Value::Deadline {
                written: "quý 1/2026".into(),
                due: Some(d(2026, 3, 31)),
            }),
            Value::Deadline {
                written: "quý II/2026".into(),
                due: Some(d(2026, 6, 30)),
            },
        );
        ext.authority = Some("TTG".into());
        ext.basis = Some("9061/VPCP-CN".into());
        ext.reason = Some("chờ nghị định".into());
        assert_eq!(
            ext.line(Lang::Vi),
            "10/03/2026 lan điều chỉnh thời hạn: quý 1/2026 (31/03/2026) → \
             quý II/2026 (30/06/2026) · TTG · 9061/VPCP-CN · chờ nghị định"
        );
    }

    #[test]
    fn a_deadline_given_as_a_date_reads_as_dd_mm_yyyy() {
        let e = entry(
            Action::Import,
            Some(Field::FileDeadline),
            Some(Value::Text("2026-05-15".into())),
            Value::Text("quý 3/2026".into()),
        );
        assert!(e.line(Lang::Vi).ends_with(": 15/05/2026 → quý 3/2026"));
        let d = entry(
            Action::Import,
            Some(Field::Deadline),
            Some(Value::Deadline {
                written: "2026-05-15".into(),
                due: Some(d(2026, 5, 15)),
            }),
            Value::Deadline {
                written: "2026-05-15".into(),
                due: None,
            },
        );
        assert!(d.line(Lang::En).ends_with(": 15/05/2026 → 15/05/2026"));
    }

    #[test]
    fn an_import_names_its_file_and_line() {
        let mut created = entry(Action::Import, None, None, Value::State(TaskState::Open));
        created.source = Some(Source {
            file: "d1.toml".into(),
            line: 12,
        });
        assert_eq!(
            created.line(Lang::En),
            "10/03/2026 lan imported: d1.toml:12 (open)"
        );
        let mut edit = entry(
            Action::Import,
            Some(Field::Responsible),
            Some(Value::Text("Bộ trưởng".into())),
            Value::Text("Thứ trưởng".into()),
        );
        edit.new = None;
        edit.source = created.source.clone();
        assert_eq!(
            edit.line(Lang::Vi),
            "10/03/2026 lan nhập từ tệp trách nhiệm: Bộ trưởng → (không có) · d1.toml:12"
        );
    }
}
