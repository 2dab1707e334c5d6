//! The command line, as clap reads it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// sauro — theo dõi nhiệm vụ theo "6 rõ" / tracks directive tasks on the six clarities.
#[derive(Debug, Parser)]
#[command(name = "sauro", version, about, long_about = None)]
pub struct Cli {
    /// Database file, or a postgres:// address (used by `db init` and `db copy` only, for now) [default: $SAURO_DB, else the platform data directory]
    #[arg(long, global = true, env = "SAURO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The day to compute status for, dd/mm/yyyy or YYYY-MM-DD [default: today in Vietnam, or $SAURO_TODAY].
    /// Commands that record changes take only today: a change is dated by the day it is recorded
    #[arg(long, global = true, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Language of the output
    #[arg(long, global = true, env = "SAURO_LANG", value_enum, default_value_t = Lang::Vi)]
    pub lang: Lang,

    /// Days ahead that count as "due soon"
    #[arg(long, global = true, default_value_t = 7, value_name = "DAYS")]
    pub due_soon_days: i64,

    /// A schedule of days off (calendar.toml format) over the built-in one: each year it names is taken from it
    #[arg(long, global = true, env = "SAURO_CALENDAR", value_name = "FILE")]
    pub calendar: Option<PathBuf>,

    /// Exports (lists, letters, calendar, graph, briefing) include classified (mật) tasks; without it they are left out
    #[arg(long, global = true)]
    pub include_classified: bool,

    /// What to do; without one, shows the overview of the bundled directives
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Tiếng Việt
    Vi,
    /// English
    En,
}

/// Output format of list-like commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// An aligned table for people
    #[default]
    Table,
    /// A JSON array for scripts
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal UI (also what `sauro` alone does in a terminal)
    Tui,
    /// Import directive files or folders (one transaction; nothing written on any problem)
    Import {
        /// Files or folders of *.toml directive files
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Who imports [default: $SAURO_USER, else the OS user]
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Draft a directive file from a document (.docx, .xlsx, .ods, .md, .txt) to review, then check and import
    Draft {
        /// The document
        file: PathBuf,
        /// Write the draft here [default: stdout]
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
        /// The directive id [default: from the document's number, else the file name]
        #[arg(long, value_name = "DIRECTIVE_ID")]
        id: Option<String>,
        /// Review in the terminal UI (accept, edit, drop, merge), then import or write
        /// [the file: OUT.toml, else the document's name with .toml]
        #[arg(long)]
        review: bool,
    },
    /// Report six-clarities gaps and graph problems; exit status 1 when any
    Check {
        /// Files or folders to check without importing [default: the database]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List tasks
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Only tasks with this status (done_on_time, done_late, done_undated, open, overdue, ongoing, vague, no_deadline, cancelled, done)
        #[arg(long, value_name = "STATUS")]
        status: Vec<String>,
        /// Only blocked tasks
        #[arg(long)]
        blocked: bool,
        /// Only tasks lacking this clarity (lead, title, responsible, product, deadline, authority; or người, việc…)
        #[arg(long, value_name = "CLARITY")]
        missing: Vec<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show one task: six clarities, dependencies, blocking chain, notes, history
    Show {
        /// Task id
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Overdue tasks, longest overdue first
    Overdue {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Blocked tasks and what blocks them
    Blocked {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Unfinished tasks due within DAYS days
    Due {
        /// Days ahead (the as-of day counts as day 0)
        #[arg(long, default_value_t = 7, value_name = "DAYS")]
        within: i64,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Per-agency statistics as VPCP counts them
    Stats {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Export lists to send: `sauro export overdue`
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Draft letters to send: `sauro letter overdue --lead BCA`
    Letter {
        #[command(subcommand)]
        what: LetterCommand,
    },
    /// The weekly briefing (giao ban): finished, newly overdue, due next, blocked, per agency
    Briefing {
        /// A week: its number in the as-of year (48) or ISO (2026-W47) [default: the as-of day's week; on a Monday, the week just ended]
        #[arg(long, value_name = "WEEK", conflicts_with_all = ["from", "to", "last_week"])]
        week: Option<String>,
        /// The week before the as-of day's week
        #[arg(long, conflicts_with_all = ["from", "to"])]
        last_week: bool,
        /// First day of the period (dd/mm/yyyy or YYYY-MM-DD)
        #[arg(long, value_name = "DATE", requires = "to")]
        from: Option<String>,
        /// Last day of the period (dd/mm/yyyy or YYYY-MM-DD)
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<String>,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t = BriefingFormat::Md)]
        format: BriefingFormat,
        /// The issuing unit, a line above the title (e.g. "Văn phòng Chính phủ")
        #[arg(long, value_name = "TEXT", env = "SAURO_UNIT")]
        unit: Option<String>,
        /// Write to this file [default: stdout]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The dependency graph, for Graphviz or Mermaid
    Graph {
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Only this task's prerequisites and dependents
        #[arg(long, value_name = "ID")]
        root: Option<String>,
        /// Leave out finished and cancelled tasks
        #[arg(long)]
        open_only: bool,
        /// Write to this file [default: stdout]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every open dated task as an all-day event on its deadline (iCalendar)
    Calendar {
        #[command(flatten)]
        filter: FilterArgs,
        /// A reminder this many days before each deadline, at 09:00 (0: none)
        #[arg(long, value_name = "DAYS", default_value_t = 3)]
        remind_days: u32,
        /// Write to this file [default: stdout]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Mark a task done
    Done {
        /// Task id
        id: String,
        /// The day it was done, dd/mm/yyyy or YYYY-MM-DD [default: the as-of day]
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Who records it [default: $SAURO_USER, else the OS user]
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Reopen a done or cancelled task
    Reopen {
        /// Task id
        id: String,
        /// Who records it
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Cancel (withdraw) a task by decision of an authority
    Cancel {
        /// Task id
        id: String,
        /// The authority that decided (agency id, e.g. TTG)
        #[arg(long = "by", value_name = "AUTHORITY")]
        authority: String,
        /// Why
        #[arg(long)]
        reason: String,
        /// Who records it [default: $SAURO_USER, else the OS user]
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
    },
    /// Change a task's deadline by decision of an authority
    Extend {
        /// Task id
        id: String,
        /// The new deadline, in any accepted wording (e.g. "quý III/2026", 30/9/2026)
        #[arg(long, value_name = "DEADLINE")]
        to: String,
        /// The authority that decided (agency id, e.g. TTG)
        #[arg(long = "by", value_name = "AUTHORITY")]
        authority: String,
        /// The document it rests on (e.g. 9061/VPCP-CN)
        #[arg(long, value_name = "DOCUMENT")]
        basis: String,
        /// Why
        #[arg(long)]
        reason: String,
        /// Who records it [default: $SAURO_USER, else the OS user]
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
    },
    /// Vietnam's days off of a year, with their reason, and the weekend days worked
    Holidays {
        /// The year [default: the year of the as-of day]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Add a note to a task
    Note {
        /// Task id
        id: String,
        /// The note
        text: String,
        /// Who writes it
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Set up a database (SQLite, or a shared PostgreSQL one) or copy one: `sauro db init|copy`
    Db {
        #[command(subcommand)]
        what: DbCommand,
    },
}

/// What `sauro db` does.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Set up the database of --db / $SAURO_DB: on PostgreSQL the roles, the schema and the privileges (as a superuser); a SQLite file is created or brought up to date
    Init,
    /// Copy a whole database, history included, into an empty one: SQLite or PostgreSQL, either way; one transaction, checked before it is committed
    Copy {
        /// The database copied: a SQLite file or a postgres:// address
        from: String,
        /// The empty database copied into: a SQLite file (created when missing) or a postgres:// address
        to: String,
    },
}

/// Filters shared by list-like commands.
#[derive(Debug, Args, Default, Clone)]
pub struct FilterArgs {
    /// Only tasks led by this agency: an id, name or alias ("Bộ KH&CN", "UBND tỉnh Bình Dương"); bodies merged into it, or it into, count too
    #[arg(long, value_name = "AGENCY")]
    pub lead: Vec<String>,
    /// Only tasks with no lead agency ("chưa rõ chủ trì")
    #[arg(long, conflicts_with = "lead")]
    pub no_lead: bool,
    /// Only tasks of this directive
    #[arg(long, value_name = "ID")]
    pub directive: Option<String>,
    /// Only tasks whose id, title, product or agencies contain TEXT (diacritics and case ignored)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only key tasks (nhiệm vụ trọng tâm)
    #[arg(long)]
    pub key: bool,
}

impl Lang {
    /// The core's language.
    pub fn core(self) -> sauro_core::Lang {
        match self {
            Lang::Vi => sauro_core::Lang::Vi,
            Lang::En => sauro_core::Lang::En,
        }
    }
}

/// What `sauro export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Overdue tasks, as a spreadsheet, CSV, Markdown or JSON
    Overdue {
        #[command(flatten)]
        out: ExportArgs,
    },
    /// Blocked tasks, with why each is blocked
    Blocked {
        #[command(flatten)]
        out: ExportArgs,
    },
    /// Unfinished tasks due within N days, with the days left
    Due {
        /// Days ahead (the as-of day counts as day 0)
        #[arg(long, default_value_t = 7, value_name = "DAYS")]
        within: i64,
        #[command(flatten)]
        out: ExportArgs,
    },
    /// Every task, with its status
    All {
        #[command(flatten)]
        out: ExportArgs,
    },
    /// The per-agency statistics table
    Stats {
        #[command(flatten)]
        out: ExportArgs,
    },
}

/// The options every `sauro export` list takes.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = ExportFormat::Xlsx)]
    pub format: ExportFormat,
    /// Write to this file (or folder with --split-by); stdout for csv, md, json when absent
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// One file (or, for xlsx into one file, one sheet) per lead agency
    #[arg(long, value_enum)]
    pub split_by: Option<SplitBy>,
}

/// What `sauro letter` drafts.
#[derive(Debug, Subcommand)]
pub enum LetterCommand {
    /// The chase-up letter (công văn đôn đốc) to a lead agency: its overdue tasks and those due soon
    Overdue {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t = LetterFormat::Docx)]
        format: LetterFormat,
        /// Write to this file (or folder with --split-by); stdout for md when absent
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// One letter per lead agency that has overdue or soon-due tasks
        #[arg(long, value_enum)]
        split_by: Option<SplitBy>,
    },
}

/// Formats of `sauro letter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterFormat {
    /// A Word document to sign (Times New Roman, Nghị định 30/2020 layout)
    Docx,
    /// Markdown, for an email or a review
    Md,
}

/// Formats of `sauro export overdue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Excel workbook
    Xlsx,
    /// CSV, UTF-8 with BOM and CRLF, for Excel
    Csv,
    /// A Markdown table to paste into an email
    Md,
    /// JSON
    Json,
}

/// How to split an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitBy {
    /// One per lead agency
    Lead,
}

/// Formats of `sauro briefing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefingFormat {
    /// Markdown
    Md,
    /// One self-contained HTML file, printable on A4
    Html,
    /// A Word document to edit (Times New Roman 13 pt, A4)
    Docx,
}

/// Formats of `sauro graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT
    Dot,
    /// Mermaid flowchart
    Mermaid,
}
