//! The deadline calendar (`sauro calendar`): every open dated task as an
//! all-day event on its deadline, in iCalendar (RFC 5545).
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
//! character; text values escape `\`, `;`, `,` and line breaks. Each event's
//! UID comes from the task id, so importing a later export updates the
//! events instead of adding copies; DTSTAMP is the as-of day at midnight UTC,
//! so the same data gives the same file.

use crate::ReportTask;
use crate::overdue::{deadline_cell, directive_cell, lead_cell};
use chrono::NaiveDate;
use sauro_core::{Lang, Status};

/// The longest physical line, in octets, without its CRLF.
pub const MAX_LINE: usize = 75;

/// True for the tasks the calendar shows: not done, not cancelled, dated.
pub fn is_listed(t: &ReportTask) -> bool {
    t.deadline.is_some() && !t.status.is_done() && t.status != Status::Cancelled
}

/// The UID of a task's event: its id with every character other than a
/// letter, digit, `-` or `.` written `_XX` (hex of the byte), then `@sauro`.
/// Distinct ids give distinct UIDs.
pub fn uid(task_id: &str) -> String {
    let mut out = String::with_capacity(task_id.len() + 8);
    for b in task_id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02X}"));
        }
    }
    out.push_str("@sauro");
    out
}

/// A TEXT value: `\`, `;`, `,` escaped, line breaks as `\n`, other control
/// characters and bidirectional overrides dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() || sauro_core::escape::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: at most 75 octets per physical line, a
/// continuation starting with one space, never inside a UTF-8 character;
/// each physical line ends with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_LINE {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The calendar of the listed tasks (see [`is_listed`]), in the given order.
pub fn to_ics(tasks: &[ReportTask], as_of: NaiveDate, remind_days: u32, lang: Lang) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//sauro//sauro {}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.pick("VI", "EN")
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape_text(lang.pick("Thời hạn nhiệm vụ (sauro)", "Task deadlines (sauro)"))
        ),
    ];
    let stamp = format!("{}T000000Z", ics_date(as_of));
    for t in tasks.iter().filter(|t| is_listed(t)) {
        let Some(due) = t.deadline else { continue };
        let next = due.succ_opt().unwrap_or(due);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", uid(&t.id)));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", ics_date(due)));
        lines.push(format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        lines.push(format!(
            "SUMMARY:{}",
            escape_text(&format!("{} — {}", t.id, t.title))
        ));
        lines.push(format!(
            "DESCRIPTION:{}",
            escape_text(&description(t, lang))
        ));
        if t.lead.is_some() {
            // CATEGORIES is a comma-separated list: one per lead.
            let leads: Vec<String> = t.leads().into_iter().map(escape_text).collect();
            lines.push(format!("CATEGORIES:{}", leads.join(",")));
        }
        lines.push("TRANSP:TRANSPARENT".into());
        lines.extend(alarm(remind_days, &t.id, lang));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

/// The event's description: lead, product, deadline and its wording,
/// directive, status, blockers.
/// A reminder (VALARM) at 09:00 local time `days` days before an all-day
/// event; none when `days` is 0.
fn alarm(days: u32, task_id: &str, lang: Lang) -> Vec<String> {
    if days == 0 {
        return Vec::new();
    }
    let n = sauro_core::wording::days(i64::from(days), lang);
    let text = match lang {
        Lang::Vi => format!("Còn {n} đến hạn: {task_id}"),
        Lang::En => format!("{n} to the deadline: {task_id}"),
    };
    vec![
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        format!("DESCRIPTION:{}", escape_text(&text)),
        // The event starts at 00:00 on the deadline: 15 hours before the
        // start of the day `days - 1` days earlier is 09:00, `days` days before.
        format!("TRIGGER;RELATED=START:-P{}DT15H", days - 1),
        "END:VALARM".into(),
    ]
}

fn description(t: &ReportTask, lang: Lang) -> String {
    let mut parts = vec![
        format!("{}: {}", lang.pick("Chủ trì", "Lead"), lead_cell(t, lang)),
        format!(
            "{}: {}",
            lang.pick("Sản phẩm", "Deliverable"),
            t.product.as_deref().unwrap_or("—")
        ),
        format!(
            "{}: {}",
            lang.pick("Thời hạn", "Deadline"),
            deadline_cell(t, lang)
        ),
        format!(
            "{}: {}",
            lang.pick("Văn bản giao", "Assigned by"),
            directive_cell(t, lang)
        ),
    ];
    let status = sauro_core::wording::status_long_with_days(t.status, t.days_overdue, lang);
    parts.push(format!("{}: {status}", lang.pick("Trạng thái", "Status")));
    if !t.blocked_by.is_empty() {
        parts.push(format!(
            "{}: {}",
            lang.pick("Bị chặn bởi", "Blocked by"),
            t.blocked_by.join(", ")
        ));
    }
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole() {
        let line = format!("SUMMARY:{}", "ệ".repeat(60));
        let folded = fold_line(&line);
        for physical in folded.split_terminator("\r\n") {
            assert!(physical.len() <= MAX_LINE, "{}", physical.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end_matches("\r\n"), line);
        assert_eq!(fold_line("A"), "A\r\n");
        let exact = "x".repeat(75);
        assert_eq!(fold_line(&exact), format!("{exact}\r\n"));
        assert_eq!(
            fold_line(&"x".repeat(76)),
            format!("{}\r\n x\r\n", "x".repeat(75))
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn uids_are_injective_and_plain() {
        assert_eq!(uid("bcdtw-ctct-2026/01"), "bcdtw-ctct-2026_2F01@sauro");
        assert_ne!(uid("a/b"), uid("a_b"));
        assert_ne!(uid("a_2Fb"), uid("a/b"));
    }
}
