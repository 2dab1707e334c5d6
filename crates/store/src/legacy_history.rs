//! History rows as schema 5 wrote them, with values as display strings
//! (`done 2026-03-20`, `quý 1/2026 (2026-03-31)`, `d1.toml:12 (open)`,
//! an import's `file:line` in `reason`), read once into the typed columns
//! of schema 6 by its migration. Nothing else reads these strings.

use crate::encode::parse_date;
use rusqlite::Transaction;
use rusqlite_migration::HookResult;

/// A schema 5 row's value columns, split into schema 6's.
#[derive(Debug, Default, PartialEq, Eq)]
struct Split {
    old: Option<String>,
    old_day: Option<String>,
    new: Option<String>,
    new_day: Option<String>,
    reason: Option<String>,
    source_file: Option<String>,
    source_line: Option<i64>,
}

/// `code day` (`done 2026-03-20`) as the code and the day; a value without
/// a day (`open`, `cancelled`) or not of that form stays whole.
fn state(v: Option<String>) -> (Option<String>, Option<String>) {
    let Some(v) = v else { return (None, None) };
    match v.split_once(' ') {
        Some((code, day)) if parse_date(day).is_ok() => {
            (Some(code.to_owned()), Some(day.to_owned()))
        }
        _ => (Some(v), None),
    }
}

/// `wording (YYYY-MM-DD)` as the wording and the day; a wording without a
/// day stays whole.
fn shown_deadline(v: Option<String>) -> (Option<String>, Option<String>) {
    let Some(v) = v else { return (None, None) };
    if let Some((written, rest)) = v.rsplit_once(" (")
        && let Some(day) = rest.strip_suffix(')')
        && parse_date(day).is_ok()
    {
        return (Some(written.to_owned()), Some(day.to_owned()));
    }
    (Some(v), None)
}

/// `file:line` as the file and the line.
fn place(v: &str) -> Option<(String, i64)> {
    let (file, line) = v.rsplit_once(':')?;
    let line = line.parse::<i64>().ok().filter(|n| *n >= 0)?;
    (!file.is_empty()).then(|| (file.to_owned(), line))
}

/// The row of an import that brought a task in: `file:line (state)`.
fn created(new: Option<String>) -> Split {
    let parsed = new.as_deref().and_then(|v| {
        let (at, rest) = v.rsplit_once(" (")?;
        let st = rest.strip_suffix(')')?;
        let (file, line) = place(at)?;
        Some((file, line, st.to_owned()))
    });
    match parsed {
        Some((file, line, st)) => {
            let (new, new_day) = state(Some(st));
            Split {
                new,
                new_day,
                source_file: Some(file),
                source_line: Some(line),
                ..Split::default()
            }
        }
        None => Split {
            new,
            ..Split::default()
        },
    }
}

/// Splits a schema 5 row's `old`, `new` and `reason` by its action and field.
fn split(
    action: &str,
    field: Option<&str>,
    old: Option<String>,
    new: Option<String>,
    reason: Option<String>,
) -> Split {
    let (old, old_day, new, new_day) = match (action, field) {
        ("import", None) => return created(new),
        (_, Some("state" | "file_state")) => {
            let ((o, od), (n, nd)) = (state(old), state(new));
            (o, od, n, nd)
        }
        ("extend", Some("deadline")) => {
            let ((o, od), (n, nd)) = (shown_deadline(old), shown_deadline(new));
            (o, od, n, nd)
        }
        ("import", Some("deadline_due")) => (None, old, None, new),
        _ => (old, None, new, None),
    };
    // An import's change said where the file put the task in `reason`.
    let source = match (action, reason.as_deref()) {
        ("import", Some(r)) => place(r),
        _ => None,
    };
    Split {
        old,
        old_day,
        new,
        new_day,
        reason: if source.is_some() { None } else { reason },
        source_line: source.as_ref().map(|s| s.1),
        source_file: source.map(|s| s.0),
    }
}

/// The migration to schema 6: copies every row of `history` into
/// `history_typed` (made by the migration's SQL) with its values split,
/// then puts it in the place of `history` with the same indexes and
/// triggers (the append-only ones, and any other index on history).
pub(crate) fn migrate(tx: &Transaction<'_>) -> HookResult {
    let kept: Vec<String> = tx
        .prepare(
            "SELECT sql FROM sqlite_schema WHERE tbl_name = 'history'
               AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    {
        let mut read = tx.prepare(
            "SELECT id, task_id, at, day, by, action, field, old, new, authority, basis, reason
             FROM history ORDER BY id",
        )?;
        let mut write = tx.prepare(
            "INSERT INTO history_typed (id, task_id, at, day, by, action, field, old, old_day,
                new, new_day, authority, basis, reason, source_file, source_line)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let (action, field): (String, Option<String>) = (r.get(5)?, r.get(6)?);
            let s = split(&action, field.as_deref(), r.get(7)?, r.get(8)?, r.get(11)?);
            write.execute(rusqlite::params![
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                action,
                field,
                s.old,
                s.old_day,
                s.new,
                s.new_day,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
                s.reason,
                s.source_file,
                s.source_line
            ])?;
        }
    }
    tx.execute_batch("DROP TABLE history; ALTER TABLE history_typed RENAME TO history;")?;
    for sql in kept {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn every_kind_of_row_splits_into_its_columns() {
        let created = split(
            "import",
            None,
            None,
            s("dir/d 1.toml:12 (done 2026-01-31)"),
            None,
        );
        assert_eq!(
            created,
            Split {
                new: s("done"),
                new_day: s("2026-01-31"),
                source_file: s("dir/d 1.toml"),
                source_line: Some(12),
                ..Split::default()
            }
        );
        let done = split("done", Some("state"), s("open"), s("done 2026-03-20"), None);
        assert_eq!(
            (done.old, done.new, done.new_day),
            (s("open"), s("done"), s("2026-03-20"))
        );
        let file_state = split(
            "import",
            Some("file_state"),
            s("cancelled"),
            s("open"),
            s("d1.toml:40"),
        );
        assert_eq!(
            (
                file_state.old,
                file_state.old_day,
                file_state.source_line,
                file_state.reason
            ),
            (s("cancelled"), None, Some(40), None)
        );
        let ext = split(
            "extend",
            Some("deadline"),
            s("hoàn thành trong quý 1/2026 (2026-03-31)"),
            s("quý IV/2026 (2026-12-31)"),
            s("chờ nghị quyết"),
        );
        assert_eq!(
            (ext.old, ext.old_day, ext.new, ext.new_day, ext.reason),
            (
                s("hoàn thành trong quý 1/2026"),
                s("2026-03-31"),
                s("quý IV/2026"),
                s("2026-12-31"),
                s("chờ nghị quyết")
            )
        );
        // A deadline that named no day keeps its wording whole, brackets and all.
        let vague = split(
            "extend",
            Some("deadline"),
            s("sớm (khi có thể)"),
            None,
            None,
        );
        assert_eq!((vague.old, vague.old_day), (s("sớm (khi có thể)"), None));
        let due = split(
            "import",
            Some("deadline_due"),
            s("2026-05-15"),
            s("2026-06-30"),
            s("d1.toml:9"),
        );
        assert_eq!(
            (due.old, due.old_day, due.new_day, due.source_file),
            (None, s("2026-05-15"), s("2026-06-30"), s("d1.toml"))
        );
        let title = split("import", Some("title"), s("a: b"), s("c"), s("d1.toml:7"));
        assert_eq!(
            (title.old, title.new, title.source_line),
            (s("a: b"), s("c"), Some(7))
        );
        let note = split("note", None, None, s("đã gửi 2026-01-01"), None);
        assert_eq!((note.new, note.new_day), (s("đã gửi 2026-01-01"), None));
        let flag = split("import", Some("key"), s("false"), s("true"), None);
        assert_eq!(
            (flag.old, flag.new, flag.source_file),
            (s("false"), s("true"), None)
        );
    }
}
