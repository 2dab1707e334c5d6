//! sauro-core: the domain of sauro — tasks assigned by government directives,
//! their six clarities (sáu rõ), deadlines written in Vietnamese, status as of a
//! date, the dependency graph and per-agency statistics.
//!
//! This crate does no I/O and never reads the clock: "today" is always a
//! parameter. Files are read and databases written by the callers.

pub mod agency;
pub mod assessed;
pub mod briefing;
pub mod calendar;
pub mod change;
pub mod check;
pub mod clarity;
pub mod date;
pub mod deadline;
pub mod directive_file;
pub mod document;
pub mod error;
pub mod escape;
pub mod fold;
pub mod graph;
pub mod history;
pub mod ids;
pub mod lang;
pub mod order;
pub mod stats;
pub mod status;
pub mod task;
pub mod text;
pub mod wording;

pub use agency::{Agency, AgencyKind, Registry, name_key};
pub use assessed::AssessedTask;
pub use calendar::{Calendar, DayOff, Holiday};
pub use clarity::{Clarity, ClaritySet, LeadGap};
pub use date::{DAY_FORMS, DayError, format_date, parse_iso_date, parse_user_date, read_user_date};
pub use deadline::{Deadline, DeadlineError, DeadlineReason, Due, Recurrence};
pub use error::{Error, Result};
pub use fold::fold;
pub use graph::DependencyGraph;
pub use history::{Action, Field, HistoryEntry, Source, Value};
pub use ids::{AgencyId, DirectiveId, IdError, IdKind, TaskId};
pub use lang::Lang;
pub use stats::{AgencyStats, Counted, agency_stats, agency_stats_of};
pub use status::{Assessment, Status, TaskState};
pub use task::{Directive, Task};
