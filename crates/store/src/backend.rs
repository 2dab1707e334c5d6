//! What another backend (the PostgreSQL store of `sauro-pg`) shares with
//! the SQLite store, so both encode values the same way and keep the same
//! rules: stored forms of days, deadlines, states, history values and
//! agencies; the check of a decision's authority; what blocks a task; and
//! the replay of past days. Each backend only reads its rows and writes its SQL.

pub use crate::encode::{
    DeadlineColumns, date_text, deadline_columns, deadline_from, parse_date, state_columns,
    state_from,
};
pub use crate::history::{Change, RawRow, value_columns, value_from};
pub use crate::import::{
    Diff, FieldChange, Stored, changed_fields, done_days_not_after, flag_changes, id_list,
    search_text,
};
pub use crate::query::{blockers, both_notes, ids, like_pattern, wanted_prerequisites};
pub use crate::replay::{Past, deadline_changes_from, states_on_from, tasks_on_from};
pub use crate::store::{AgencyColumns, BUSY_TIMEOUT, agency_from, aliases_json};
pub use crate::update::{
    check_unchanged, decision_authority, extension_change, note_text, refused,
};
