//! The forms of changes a secretary records: done, reopen, extend, cancel, note.

use chrono::NaiveDate;
use sauro_core::change::check_new_deadline;
use sauro_core::{Deadline, Lang, Registry, format_date};
use sauro_store::Refusal;
use tui_input::{Input, InputRequest};

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

/// A text field: its label and what was typed, with a cursor
/// ([`tui_input::Input`] does the editing).
#[derive(Debug, Clone)]
pub struct Field {
    /// Label in Vietnamese.
    pub vi: &'static str,
    /// Label in English.
    pub en: &'static str,
    /// What was typed, and where the cursor is.
    input: Input,
}

impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        (self.vi, self.en, self.value(), self.cursor())
            == (other.vi, other.en, other.value(), other.cursor())
    }
}

impl Eq for Field {}

impl Field {
    /// What was typed, untrimmed.
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor's position, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Replaces the text, the cursor at its end.
    pub fn set_value(&mut self, value: String) {
        self.input = Input::new(value);
    }
}

/// A cursor movement or deletion inside a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// One character left.
    Left,
    /// One character right.
    Right,
    /// To the start.
    Home,
    /// To the end.
    End,
    /// One word left.
    WordLeft,
    /// One word right.
    WordRight,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
}

impl Edit {
    /// What the edit does, in Vietnamese and English.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Edit::Left => ("Con trỏ sang trái", "Cursor left"),
            Edit::Right => ("Con trỏ sang phải", "Cursor right"),
            Edit::Home => ("Con trỏ về đầu ô", "Cursor to the start"),
            Edit::End => ("Con trỏ về cuối ô", "Cursor to the end"),
            Edit::WordLeft => ("Lùi một từ", "One word left"),
            Edit::WordRight => ("Tiến một từ", "One word right"),
            Edit::Backspace => ("Xóa ký tự trước con trỏ", "Delete before the cursor"),
            Edit::Delete => ("Xóa ký tự tại con trỏ", "Delete at the cursor"),
        }
    }

    pub(crate) fn request(self) -> InputRequest {
        match self {
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Backspace => InputRequest::DeletePrevChar,
            Edit::Delete => InputRequest::DeleteNextChar,
        }
    }
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
    /// The task's version when the form was opened (what the screen
    /// showed): the store refuses the change when the task changed since.
    pub seen: Option<sauro_store::Version>,
}

fn field(vi: &'static str, en: &'static str, value: String) -> Field {
    Field {
        vi,
        en,
        input: Input::new(value),
    }
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
                field("Văn bản căn cứ", "Basis document", String::new()),
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
            seen: None,
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
        self.fields.get(i).map_or("", |f| f.value().trim())
    }

    /// The reason a cancellation records: the store keeps no basis document
    /// for a cancellation, so the basis (when given) is written into the
    /// reason, as `<reason> (căn cứ: <basis>)`.
    pub fn cancel_reason(&self, lang: Lang) -> String {
        let (reason, basis) = (self.value(1), self.value(2));
        if sauro_core::text::is_blank(basis) {
            reason.to_owned()
        } else {
            format!("{reason} ({}: {basis})", lang.pick("căn cứ", "basis"))
        }
    }

    /// Types a character at the cursor of the focused field. A refusal
    /// shown for the old value is cleared.
    pub fn input(&mut self, c: char) {
        self.handle(InputRequest::InsertChar(c));
    }

    /// Pastes text at the cursor: line breaks and other control characters
    /// become spaces (a field is one line).
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            self.input(if c.is_control() { ' ' } else { c });
        }
    }

    /// Moves the cursor or deletes in the focused field.
    pub fn edit(&mut self, edit: Edit) {
        self.handle(edit.request());
    }

    /// Deletes the character before the cursor.
    pub fn delete(&mut self) {
        self.edit(Edit::Backspace);
    }

    fn handle(&mut self, request: InputRequest) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && let Some(changed) = f.input.handle(request)
            && changed.value
        {
            self.error = None;
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
        f.fields[0].set_value("quý 5/2027".into());
        let err = f.preview(as_of, &r, Lang::Vi).unwrap().unwrap_err();
        assert!(err.contains("quý 5/2027"), "{err}");
    }

    #[test]
    fn the_cursor_moves_and_typing_goes_where_it_is() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut f = Form::new(FormKind::Note, "T/1", as_of);
        f.paste("gửi văn bản\nngay");
        assert_eq!(f.value(0), "gửi văn bản ngay");
        f.edit(Edit::Home);
        f.input('>');
        f.edit(Edit::End);
        f.edit(Edit::WordLeft);
        f.input('*');
        assert_eq!(f.value(0), ">gửi văn bản *ngay");
        f.edit(Edit::Home);
        f.edit(Edit::Delete);
        f.edit(Edit::WordRight);
        f.edit(Edit::Right);
        f.edit(Edit::Left);
        f.input('_');
        assert_eq!(f.value(0), "gửi _văn bản *ngay");
    }

    #[test]
    fn an_error_clears_when_the_value_changes_not_when_the_cursor_moves() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut f = Form::new(FormKind::Done, "T/1", as_of);
        f.error = Some("sai".into());
        f.edit(Edit::Left);
        assert!(f.error.is_some());
        f.delete();
        assert_eq!(f.error, None);
    }

    #[test]
    fn a_cancellation_writes_its_basis_into_the_reason() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut f = Form::new(FormKind::Cancel, "T/1", as_of);
        f.focus = 1;
        f.paste("không còn phù hợp");
        assert_eq!(f.cancel_reason(Lang::Vi), "không còn phù hợp");
        f.focus = 2;
        f.paste("Công văn 12/VPCP-TH");
        assert_eq!(
            f.cancel_reason(Lang::Vi),
            "không còn phù hợp (căn cứ: Công văn 12/VPCP-TH)"
        );
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
