//! The forms of changes a secretary records: done, reopen, extend, cancel, note.

use chrono::NaiveDate;
use sauro_core::change::check_new_deadline;
use sauro_core::{Deadline, Lang, Registry, format_date};
use sauro_store::Refusal;

/// Which change the form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Mark done on a day.
    Done,
    /// Reopen (a confirmation).
    Reopen,
    /// Change the deadline.
    Extend,
    /// Withdraw the task.
    Cancel,
    /// Add a note.
    Note,
    /// Write the tasks in view to a file.
    Export,
}

/// A text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Label in Vietnamese.
    pub vi: &'static str,
    /// Label in English.
    pub en: &'static str,
    /// What was typed.
    pub value: String,
}

/// An open form. What was typed stays when the input is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The change.
    pub kind: FormKind,
    /// The task it is for.
    pub task: String,
    /// The fields.
    pub fields: Vec<Field>,
    /// The field being typed in.
    pub focus: usize,
    /// The last refusal, shown in the form.
    pub error: Option<String>,
}

fn field(vi: &'static str, en: &'static str, value: String) -> Field {
    Field { vi, en, value }
}

impl Form {
    /// A new form for a task.
    pub fn new(kind: FormKind, task: &str, as_of: NaiveDate) -> Form {
        let fields = match kind {
            FormKind::Done => vec![field("Ngày hoàn thành", "Done on", format_date(as_of))],
            FormKind::Reopen => Vec::new(),
            FormKind::Extend => vec![
                field("Thời hạn mới", "New deadline", String::new()),
                field(
                    "Cơ quan quyết định",
                    "Decided by (agency id)",
                    String::new(),
                ),
                field("Văn bản căn cứ", "Basis document", String::new()),
                field("Lý do", "Reason", String::new()),
            ],
            FormKind::Cancel => vec![
                field(
                    "Cơ quan quyết định",
                    "Decided by (agency id)",
                    String::new(),
                ),
                field("Lý do", "Reason", String::new()),
            ],
            FormKind::Note => vec![field("Ghi chú", "Note", String::new())],
            FormKind::Export => vec![field("Tệp", "File", String::new())],
        };
        Form {
            kind,
            task: task.to_owned(),
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The form's title.
    pub fn title(&self, lang: Lang) -> &'static str {
        match self.kind {
            FormKind::Done => lang.pick("Đánh dấu hoàn thành", "Mark done"),
            FormKind::Reopen => lang.pick("Mở lại nhiệm vụ?", "Reopen the task?"),
            FormKind::Extend => lang.pick("Gia hạn / điều chỉnh thời hạn", "Change the deadline"),
            FormKind::Cancel => lang.pick("Dừng thực hiện nhiệm vụ", "Cancel the task"),
            FormKind::Note => lang.pick("Thêm ghi chú", "Add a note"),
            FormKind::Export => lang.pick("Xuất danh sách đang xem", "Export the tasks in view"),
        }
    }

    /// The value of field `i`, trimmed.
    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.value.trim())
    }

    /// Types a character in the focused field.
    pub fn input(&mut self, c: char) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.push(c);
        }
    }

    /// Deletes the last character of the focused field.
    pub fn delete(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.pop();
        }
    }

    /// Moves to the next (or previous) field.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// What the form would record, read live: the parsed deadline or day, or
    /// why it cannot be read. `None` when there is nothing to preview.
    pub fn preview(
        &self,
        as_of: NaiveDate,
        registry: &Registry,
        lang: Lang,
    ) -> Option<Result<String, String>> {
        match self.kind {
            FormKind::Extend => {
                let text = self.value(0);
                if text.is_empty() {
                    return None;
                }
                // The store's rules, said before saving (the store says the same).
                let authority = self.value(1).to_uppercase();
                Some(match Deadline::parse(text, as_of) {
                    Err(e) => Err(e.message(lang)),
                    Ok(d) => match check_new_deadline(&d, as_of) {
                        Err(p) => Err(p.message(lang)),
                        Ok(_) if !authority.is_empty() && !registry.contains(&authority) => {
                            Err(Refusal::UnknownAuthority { authority }.message(lang))
                        }
                        Ok(day) => Ok(format!("→ {}", format_date(day))),
                    },
                })
            }
            FormKind::Done => {
                let text = self.value(0);
                Some(
                    parse_day(text)
                        .map(|d| format!("→ {}", format_date(d)))
                        .map_err(|e| e.to_owned()),
                )
            }
            _ => None,
        }
    }
}

/// A day typed as dd/mm/yyyy or YYYY-MM-DD.
pub fn parse_day(text: &str) -> Result<NaiveDate, &'static str> {
    sauro_core::parse_user_date(text).ok_or("dd/mm/yyyy")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extend_previews_the_parsed_date_or_the_parser_message() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let r = Registry::new();
        let mut f = Form::new(FormKind::Extend, "T/1", as_of);
        for c in "quý II/2027".chars() {
            f.input(c);
        }
        assert_eq!(
            f.preview(as_of, &r, Lang::Vi),
            Some(Ok("→ 30/06/2027".into()))
        );
        f.fields[0].value = "quý 5/2027".into();
        let err = f.preview(as_of, &r, Lang::Vi).unwrap().unwrap_err();
        assert!(err.contains("quý 5/2027"), "{err}");
    }

    #[test]
    fn done_defaults_to_the_as_of_day() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let f = Form::new(FormKind::Done, "T/1", as_of);
        assert_eq!(f.value(0), "22/11/2026");
        assert_eq!(
            parse_day("2026-11-01"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
        );
    }
}
