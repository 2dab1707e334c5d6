//! History rows and notes: who did what to a task, when, on what basis.

use crate::error::Result;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::Connection;

/// Who makes a change, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The person (`--by NAME`, default the OS user).
    pub by: String,
    /// Wall-clock time of the change (RFC 3339), as the binary reads it.
    pub at: String,
    /// The day the change is recorded (today): history is dated by it, so
    /// a report of a closed period never changes afterwards.
    pub day: NaiveDate,
}

impl Actor {
    /// Who records a change on `today`, asked from the as-of day `as_of`.
    /// A change is dated by the day it is recorded: any other as-of day is
    /// refused (a change recorded late says the day it took effect instead,
    /// as `done --on` does).
    ///
    /// # Errors
    /// [`crate::Error::AsOfNotToday`].
    pub fn recording(by: String, at: String, today: NaiveDate, as_of: NaiveDate) -> Result<Actor> {
        if as_of != today {
            return Err(crate::Error::AsOfNotToday { as_of, today });
        }
        Ok(Actor { by, at, day: today })
    }
}

/// One recorded change to a task.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryEntry {
    /// The task.
    pub task: String,
    /// Wall-clock time.
    pub at: String,
    /// Business day.
    pub day: String,
    /// Who.
    pub by: String,
    /// `import`, `edit`, `done`, `reopen`, `cancel`, `extend`, `note`.
    pub action: String,
    /// The field changed, if one.
    pub field: Option<String>,
    /// The old value.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
    /// For an extension or cancellation: the authority that decided.
    pub authority: Option<String>,
    /// For an extension: the document it rests on.
    pub basis: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

impl HistoryEntry {
    /// The change in one line, for people: `22/11/2026 lan gia hạn deadline:
    /// quý 1/2026 (2026-03-31) → quý II/2026 (2026-06-30) · TTG · 9061/VPCP-CN`.
    pub fn line(&self, lang: sauro_core::Lang) -> String {
        self.line_named(lang, &|_| None)
    }

    /// [`HistoryEntry::line`], with the agency ids of a lead, co-lead or
    /// support change that `name_of` names (groups, say) shown by name:
    /// `chủ trì: CAC_BO_TINH → BCA` reads `Các bộ, ngành, địa phương → BCA`.
    pub fn line_named(
        &self,
        lang: sauro_core::Lang,
        name_of: &dyn Fn(&str) -> Option<String>,
    ) -> String {
        let day = sauro_core::parse_iso_date(&self.day)
            .map(sauro_core::format_date)
            .unwrap_or_else(|_| self.day.clone());
        let action = match self.action.as_str() {
            "import" => lang.pick("nhập từ tệp", "imported"),
            "done" => lang.pick("hoàn thành", "done"),
            "reopen" => lang.pick("mở lại", "reopened"),
            "cancel" => lang.pick("dừng thực hiện", "cancelled"),
            "extend" => lang.pick("điều chỉnh thời hạn", "deadline changed"),
            "note" => lang.pick("ghi chú", "note"),
            other => other,
        };
        let mut s = format!("{day} {} {action}", self.by);
        let field = self.field.as_deref().map(|f| match f {
            "title" => lang.pick("tên nhiệm vụ", "title"),
            "lead" => lang.pick("chủ trì", "lead"),
            "support" => lang.pick("phối hợp", "support"),
            "responsible" => lang.pick("trách nhiệm", "responsible"),
            "product" => lang.pick("sản phẩm", "product"),
            "authority" => lang.pick("thẩm quyền", "authority"),
            "deadline" => lang.pick("thời hạn", "deadline"),
            "deadline_due" => lang.pick("ngày đến hạn", "due day"),
            "depends_on" => lang.pick("tiên quyết", "prerequisites"),
            "co_leads" => lang.pick("đồng chủ trì", "co-leads"),
            "key" => lang.pick("nhiệm vụ trọng tâm", "key task"),
            "classified" => lang.pick("mật", "classified"),
            "note" => lang.pick("ghi chú", "note"),
            "state" => lang.pick("trạng thái", "state"),
            "file_state" => lang.pick("trạng thái trong tệp", "state in the file"),
            "file_deadline" => lang.pick("thời hạn trong tệp", "deadline in the file"),
            other => other,
        });
        // "deadline changed: deadline …" and "done: state …" say it twice.
        let implied = matches!(
            (self.action.as_str(), self.field.as_deref()),
            ("extend", Some("deadline")) | ("done" | "reopen" | "cancel", Some("state"))
        );
        if let Some(f) = field.filter(|_| !implied) {
            s.push_str(&format!(" {f}"));
        }
        let states = matches!(self.field.as_deref(), Some("state" | "file_state"))
            || self.action == "import";
        let agencies = matches!(self.field.as_deref(), Some("lead" | "support" | "co_leads"));
        let words = |v: &str| {
            let v = if agencies {
                named_ids(v, name_of)
            } else {
                v.to_owned()
            };
            value_words(&v, states, lang)
        };
        match (&self.old, &self.new) {
            (Some(a), Some(b)) => s.push_str(&format!(": {} → {}", words(a), words(b))),
            (None, Some(b)) => s.push_str(&format!(": {}", words(b))),
            _ => {}
        }
        for extra in [&self.authority, &self.basis, &self.reason]
            .into_iter()
            .flatten()
        {
            s.push_str(&format!(" · {extra}"));
        }
        s
    }
}

/// A list of agency ids (space or comma separated) with each id `name_of`
/// names replaced by that name.
fn named_ids(value: &str, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    let ids: Vec<&str> = value.split([' ', ',']).filter(|s| !s.is_empty()).collect();
    if ids.iter().all(|id| name_of(id).is_none()) {
        return value.to_owned();
    }
    ids.iter()
        .map(|id| name_of(id).unwrap_or_else(|| (*id).to_owned()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A stored history value as people read it: state codes as words
/// (`open` → "đang thực hiện", only when `states`) and ISO days as
/// dd/mm/yyyy, so `open → done 2026-03-10` reads "đang thực hiện → hoàn
/// thành 10/03/2026".
fn value_words(value: &str, states: bool, lang: sauro_core::Lang) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let w = std::mem::take(word);
        out.push_str(&match w.as_str() {
            _ if !states && w.len() != 10 => w,
            "open" => lang.pick("đang thực hiện", "open").to_owned(),
            "done" => lang.pick("hoàn thành", "done").to_owned(),
            "cancelled" => lang.pick("dừng thực hiện", "cancelled").to_owned(),
            _ => match sauro_core::parse_iso_date(&w) {
                Ok(d) if w.len() == 10 => sauro_core::format_date(d),
                _ => w,
            },
        });
    };
    for c in value.chars() {
        if c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';') {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A note on a task.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    /// Wall-clock time.
    pub at: String,
    /// Business day.
    pub day: String,
    /// Who wrote it.
    pub by: String,
    /// The text.
    pub text: String,
}

/// A history row to write.
#[derive(Debug, Default)]
pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub field: Option<&'a str>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub authority: Option<&'a str>,
    pub basis: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// Appends a history row.
pub(crate) fn record(conn: &Connection, task: &str, actor: &Actor, c: Change<'_>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO history (task_id, at, day, by, action, field, old, new, authority, basis, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    stmt.execute(rusqlite::params![
        task,
        actor.at,
        crate::encode::date_text(actor.day),
        actor.by,
        c.action,
        c.field,
        c.old,
        c.new,
        c.authority,
        c.basis,
        c.reason
    ])?;
    Ok(())
}

/// History rows of one actor, written together: multi-row `INSERT`s of up
/// to [`HistoryBatch::ROWS`] rows, so a large import runs one statement per
/// batch instead of one per task. Rows keep their order; [`HistoryBatch::flush`]
/// writes what is pending (call it before any other history row is written,
/// and before the end of the transaction).
pub(crate) struct HistoryBatch<'a> {
    actor: &'a Actor,
    rows: Vec<(String, String, Change<'a>)>,
}

impl<'a> HistoryBatch<'a> {
    /// Rows per statement (11 parameters each, far below SQLite's limit).
    const ROWS: usize = 64;

    /// An empty batch of `actor`'s changes.
    pub(crate) fn new(actor: &'a Actor) -> Self {
        HistoryBatch {
            actor,
            rows: Vec::with_capacity(Self::ROWS),
        }
    }

    /// Adds a row for `task`, dated `day` (a stored `YYYY-MM-DD`); writes a
    /// full batch.
    pub(crate) fn push(
        &mut self,
        conn: &Connection,
        task: String,
        day: String,
        c: Change<'a>,
    ) -> Result<()> {
        self.rows.push((task, day, c));
        if self.rows.len() == Self::ROWS {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes the pending rows.
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut sql = String::from(
            "INSERT INTO history (task_id, at, day, by, action, field, old, new, authority, basis, reason) VALUES ",
        );
        for i in 0..self.rows.len() {
            sql.push_str(if i == 0 { "(" } else { ", (" });
            sql.push_str(&["?"; 11].join(", "));
            sql.push(')');
        }
        let mut stmt = conn.prepare_cached(&sql)?;
        let (at, by) = (self.actor.at.as_str(), self.actor.by.as_str());
        for (i, (task, day, c)) in self.rows.iter().enumerate() {
            let p = i * 11;
            stmt.raw_bind_parameter(p + 1, task)?;
            stmt.raw_bind_parameter(p + 2, at)?;
            stmt.raw_bind_parameter(p + 3, day)?;
            stmt.raw_bind_parameter(p + 4, by)?;
            stmt.raw_bind_parameter(p + 5, c.action)?;
            stmt.raw_bind_parameter(p + 6, c.field)?;
            stmt.raw_bind_parameter(p + 7, &c.old)?;
            stmt.raw_bind_parameter(p + 8, &c.new)?;
            stmt.raw_bind_parameter(p + 9, c.authority)?;
            stmt.raw_bind_parameter(p + 10, c.basis)?;
            stmt.raw_bind_parameter(p + 11, c.reason)?;
        }
        stmt.raw_execute()?;
        self.rows.clear();
        Ok(())
    }
}

impl Store {
    /// The history of a task, oldest first.
    ///
    /// # Errors
    /// Database failures.
    pub fn history(&self, task: &str) -> Result<Vec<HistoryEntry>> {
        self.located(self.history_in(task), false)
    }

    fn history_in(&self, task: &str) -> Result<Vec<HistoryEntry>> {
        self.history_where("task_id = ?1", task)
    }

    /// Every history row whose business day is in `from..=to`, oldest first.
    ///
    /// # Errors
    /// Database failures.
    pub fn history_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<HistoryEntry>> {
        self.located(self.history_between_in(from, to), false)
    }

    fn history_between_in(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT task_id, at, day, by, action, field, old, new, authority, basis, reason
             FROM history WHERE day BETWEEN ?1 AND ?2 ORDER BY id",
        )?;
        // Stored days are `YYYY-MM-DD` text; dates outside years 0..=9999 are
        // written with a sign and would not compare as dates, so clamp them.
        let clamp = |d: NaiveDate| {
            let lo = NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(NaiveDate::MIN);
            let hi = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
            crate::encode::date_text(d.clamp(lo, hi))
        };
        let rows = stmt.query_map((clamp(from), clamp(to)), entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn history_where(&self, clause: &str, arg: &str) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT task_id, at, day, by, action, field, old, new, authority, basis, reason
             FROM history WHERE {clause} ORDER BY id"
        ))?;
        let rows = stmt.query_map([arg], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The notes of a task, oldest first: the file's note (if any) is not
    /// among them; it is the task's `note` until a note is added in sauro.
    ///
    /// # Errors
    /// Database failures.
    pub fn notes(&self, task: &str) -> Result<Vec<Note>> {
        self.located(self.notes_in(task), false)
    }

    fn notes_in(&self, task: &str) -> Result<Vec<Note>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at, day, by, text FROM note WHERE task_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([task], |r| {
            Ok(Note {
                at: r.get(0)?,
                day: r.get(1)?,
                by: r.get(2)?,
                text: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryEntry> {
    Ok(HistoryEntry {
        task: r.get(0)?,
        at: r.get(1)?,
        day: r.get(2)?,
        by: r.get(3)?,
        action: r.get(4)?,
        field: r.get(5)?,
        old: r.get(6)?,
        new: r.get(7)?,
        authority: r.get(8)?,
        basis: r.get(9)?,
        reason: r.get(10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sauro_core::Lang;

    fn entry(field: &str, old: &str, new: &str) -> HistoryEntry {
        HistoryEntry {
            task: "T/1".into(),
            at: "2026-03-10T09:00:00+07:00".into(),
            day: "2026-03-10".into(),
            by: "lan".into(),
            action: "done".into(),
            field: Some(field.into()),
            old: Some(old.into()),
            new: Some(new.into()),
            authority: None,
            basis: None,
            reason: None,
        }
    }

    #[test]
    fn group_leads_read_as_their_names() {
        let mut e = entry("lead", "CAC_BO_TINH", "BCA");
        e.action = "import".into();
        let names =
            |id: &str| (id == "CAC_BO_TINH").then(|| "Các bộ, ngành, địa phương".to_owned());
        assert_eq!(
            e.line_named(Lang::Vi, &names),
            "10/03/2026 lan nhập từ tệp chủ trì: Các bộ, ngành, địa phương → BCA"
        );
        // Only agency fields are named; without names the ids stay.
        assert!(e.line(Lang::Vi).ends_with("CAC_BO_TINH → BCA"));
        let mut s = entry("support", "BTC CAC_TINH", "BTC");
        s.action = "import".into();
        let names = |id: &str| (id == "CAC_TINH").then(|| "UBND các tỉnh".to_owned());
        assert!(
            s.line_named(Lang::Vi, &names)
                .ends_with(": BTC, UBND các tỉnh → BTC")
        );
        let title = entry("title", "CAC_TINH", "x");
        assert!(title.line_named(Lang::Vi, &names).contains("CAC_TINH"));
    }

    #[test]
    fn states_and_days_read_as_words_and_dd_mm_yyyy() {
        let e = entry("state", "open", "done 2026-03-10");
        assert_eq!(
            e.line(Lang::Vi),
            "10/03/2026 lan hoàn thành: đang thực hiện → hoàn thành 10/03/2026"
        );
        assert_eq!(
            e.line(Lang::En),
            "10/03/2026 lan done: open → done 10/03/2026"
        );
        let mut d = entry("deadline", "quý 1/2026 (2026-03-31)", "open day");
        d.action = "extend".into();
        let line = d.line(Lang::Vi);
        assert!(
            line.ends_with(": quý 1/2026 (31/03/2026) → open day"),
            "{line}"
        );
    }
}
