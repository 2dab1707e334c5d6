//! Reviewing a draft (`sauro draft FILE --review`): each proposed task beside
//! its source text; accept, edit a field, drop, or merge with the previous;
//! then import or write the file. Tasks already in the database are marked
//! with what the database holds.
//!
//! [`Review`] is the model and [`Review::key`] its whole behaviour (tested
//! without a terminal); [`run_review`] draws it and reads keys.

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use sauro_core::Lang;
use sauro_draft::{Draft, DraftTask, Field};
use std::collections::HashMap;

/// A field the reviewer can edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditField {
    /// `title`
    Title,
    /// `lead`
    Lead,
    /// `support` (ids separated by commas)
    Support,
    /// `responsible`
    Responsible,
    /// `product`
    Product,
    /// `deadline`
    Deadline,
    /// `authority`
    Authority,
}

impl EditField {
    /// The field chosen by a key after `e`.
    pub fn from_key(c: char) -> Option<EditField> {
        Some(match c {
            't' => EditField::Title,
            'l' => EditField::Lead,
            's' => EditField::Support,
            'r' => EditField::Responsible,
            'p' => EditField::Product,
            'd' => EditField::Deadline,
            'u' => EditField::Authority,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            EditField::Title => "title",
            EditField::Lead => "lead",
            EditField::Support => "support",
            EditField::Responsible => "responsible",
            EditField::Product => "product",
            EditField::Deadline => "deadline",
            EditField::Authority => "authority",
        }
    }

    fn get(self, t: &DraftTask) -> String {
        match self {
            EditField::Title => t.title.clone(),
            EditField::Lead => t.lead.clone().unwrap_or_default(),
            EditField::Support => t.support.join(", "),
            EditField::Responsible => t.responsible.clone().unwrap_or_default(),
            EditField::Product => t.product.clone().unwrap_or_default(),
            EditField::Deadline => t.deadline.clone().unwrap_or_default(),
            EditField::Authority => t.authority.clone().unwrap_or_default(),
        }
    }

    fn set(self, t: &mut DraftTask, value: &str) {
        let v = value.trim();
        let opt = (!v.is_empty()).then(|| v.to_owned());
        let field = match self {
            EditField::Title => {
                if let Some(v) = opt {
                    t.title = v;
                }
                Field::Task
            }
            EditField::Lead => {
                t.lead = opt.map(|s| s.to_uppercase());
                t.co_leads.clear();
                Field::Lead
            }
            EditField::Support => {
                t.support = v
                    .split(',')
                    .map(|s| s.trim().to_uppercase())
                    .filter(|s| !s.is_empty())
                    .collect();
                Field::Support
            }
            EditField::Responsible => {
                t.responsible = opt;
                Field::Responsible
            }
            EditField::Product => {
                t.product = opt;
                Field::Product
            }
            EditField::Deadline => {
                t.deadline = opt;
                Field::Deadline
            }
            EditField::Authority => {
                t.authority = opt.map(|s| s.to_uppercase());
                Field::Authority
            }
        };
        // The reviewer has decided this field: its guess comments go.
        t.checks.retain(|(f, _)| *f != field);
    }
}

/// What a key does in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKey {
    /// Previous task.
    Up,
    /// Next task.
    Down,
    /// A character (a command, or text while editing).
    Char(char),
    /// Delete the last character while editing.
    Backspace,
    /// Save the edit.
    Enter,
    /// Cancel the edit.
    Esc,
}

/// How the review ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Import this directive file (one transaction, as `sauro import`).
    Import(String),
    /// Write this directive file.
    Write(String),
    /// Leave without doing anything.
    Quit,
}

/// A task already in the database, as the review shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    /// Its title in the database.
    pub title: String,
    /// Its lead.
    pub lead: Option<String>,
    /// Its deadline's wording.
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Browse,
    ChooseField,
    Edit(EditField, String),
}

/// The review's model.
#[derive(Debug, Clone)]
pub struct Review {
    /// The draft being reviewed (dropped tasks are removed from it).
    pub draft: Draft,
    /// Index of the selected task.
    pub selected: usize,
    /// Tasks the reviewer accepted, by id.
    pub accepted: Vec<String>,
    /// Tasks of this directive already in the database, by id.
    pub existing: HashMap<String, Existing>,
    /// The last message shown on the status line.
    pub message: String,
    mode: Mode,
    lang: Lang,
}

impl Review {
    /// A review of `draft`; `existing` holds the database's tasks of its directive.
    pub fn new(draft: Draft, existing: HashMap<String, Existing>, lang: Lang) -> Review {
        Review {
            draft,
            selected: 0,
            accepted: Vec::new(),
            existing,
            message: String::new(),
            mode: Mode::Browse,
            lang,
        }
    }

    fn task(&self) -> Option<&DraftTask> {
        self.draft.tasks.get(self.selected)
    }

    /// Applies one key; `Some` when the review ends.
    pub fn key(&mut self, k: ReviewKey) -> Option<Outcome> {
        match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Browse => self.browse(k),
            Mode::ChooseField => {
                if let ReviewKey::Char(c) = k
                    && let Some(f) = EditField::from_key(c)
                    && let Some(t) = self.task()
                {
                    self.mode = Mode::Edit(f, f.get(t));
                }
                None
            }
            Mode::Edit(f, mut buf) => {
                match k {
                    ReviewKey::Char(c) => buf.push(c),
                    ReviewKey::Backspace => {
                        buf.pop();
                    }
                    ReviewKey::Enter => {
                        if let Some(t) = self.draft.tasks.get_mut(self.selected) {
                            f.set(t, &buf);
                        }
                        self.message = self.lang.pick("Đã sửa.", "Edited.").to_owned();
                        return None;
                    }
                    ReviewKey::Esc => return None,
                    ReviewKey::Up | ReviewKey::Down => {}
                }
                self.mode = Mode::Edit(f, buf);
                None
            }
        }
    }

    fn browse(&mut self, k: ReviewKey) -> Option<Outcome> {
        let n = self.draft.tasks.len();
        match k {
            ReviewKey::Up | ReviewKey::Char('k') => self.selected = self.selected.saturating_sub(1),
            ReviewKey::Down | ReviewKey::Char('j') => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1));
            }
            ReviewKey::Char('a') => self.accept(),
            ReviewKey::Char('x') => self.drop_task(),
            ReviewKey::Char('m') => self.merge(),
            ReviewKey::Char('e') if n > 0 => self.mode = Mode::ChooseField,
            ReviewKey::Char('i') => return Some(Outcome::Import(self.draft.to_toml())),
            ReviewKey::Char('w') => return Some(Outcome::Write(self.draft.to_toml())),
            ReviewKey::Char('q') | ReviewKey::Esc => return Some(Outcome::Quit),
            _ => {}
        }
        None
    }

    /// Accepts the selected task: its guesses are confirmed, their comments go.
    fn accept(&mut self) {
        let Some(t) = self.draft.tasks.get_mut(self.selected) else {
            return;
        };
        t.checks.clear();
        if !self.accepted.contains(&t.id) {
            self.accepted.push(t.id.clone());
        }
        self.message = format!("{} {}", self.lang.pick("Đã chấp nhận", "Accepted"), t.id);
        self.selected = (self.selected + 1).min(self.draft.tasks.len().saturating_sub(1));
    }

    fn drop_task(&mut self) {
        if self.selected < self.draft.tasks.len() {
            let t = self.draft.tasks.remove(self.selected);
            self.message = format!("{} {}", self.lang.pick("Đã bỏ", "Dropped"), t.id);
            self.selected = self.selected.min(self.draft.tasks.len().saturating_sub(1));
        }
    }

    /// Merges the selected task into the previous one: titles and sources
    /// joined, fields the previous lacks taken from this one.
    fn merge(&mut self) {
        if self.selected == 0 || self.selected >= self.draft.tasks.len() {
            return;
        }
        let t = self.draft.tasks.remove(self.selected);
        self.selected -= 1;
        let Some(p) = self.draft.tasks.get_mut(self.selected) else {
            return;
        };
        p.title = format!("{}; {}", p.title, t.title);
        p.source = format!("{} {}", p.source, t.source);
        let fill = |a: &mut Option<String>, b: Option<String>| {
            if a.is_none() {
                *a = b;
            }
        };
        fill(&mut p.lead, t.lead);
        fill(&mut p.responsible, t.responsible);
        fill(&mut p.product, t.product);
        fill(&mut p.deadline, t.deadline);
        fill(&mut p.authority, t.authority);
        for s in t.support {
            if !p.support.contains(&s) && p.lead.as_ref() != Some(&s) {
                p.support.push(s);
            }
        }
        p.checks.extend(t.checks);
        self.message = format!("{} {} ← {}", self.lang.pick("Đã gộp", "Merged"), p.id, t.id);
    }
}

fn value_line<'a>(name: &'a str, value: Option<&str>) -> Line<'a> {
    Line::from(vec![
        Span::styled(
            format!("{name:>12} "),
            Style::new().add_modifier(Modifier::DIM),
        ),
        match value {
            Some(v) => Span::raw(v.to_owned()),
            None => Span::styled("—", Style::new().add_modifier(Modifier::DIM)),
        },
    ])
}

impl Widget for &Review {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [main, status] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(area);
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                .areas(main);
        let lines: Vec<Line<'_>> = self
            .draft
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mark = if self.accepted.contains(&t.id) {
                    "✓"
                } else if !t.checks.is_empty() {
                    "?"
                } else {
                    " "
                };
                let db = if self.existing.contains_key(&t.id) {
                    "≡"
                } else {
                    " "
                };
                let short = t.id.rsplit_once('/').map_or(t.id.as_str(), |x| x.1);
                let text = format!("{mark}{db} {short:<6} {}", t.title);
                if i == self.selected {
                    Line::from(text).reversed()
                } else {
                    Line::from(text)
                }
            })
            .collect();
        let top = self
            .selected
            .saturating_sub(usize::from(list.height.saturating_sub(3)));
        let title = format!(
            " {} — {} ",
            self.draft.header.id,
            self.lang.count(self.draft.tasks.len(), "nhiệm vụ", "task")
        );
        Paragraph::new(lines.into_iter().skip(top).collect::<Vec<_>>())
            .block(Block::default().borders(Borders::ALL).title(title))
            .render(list, buf);
        self.detail().render(detail, buf);
        let help = match &self.mode {
            Mode::Browse => self.lang.pick(
                "j/k chọn · a chấp nhận · e sửa · x bỏ · m gộp với việc trên · i nhập vào CSDL · w ghi tệp · q thoát",
                "j/k move · a accept · e edit · x drop · m merge with previous · i import · w write file · q quit",
            ).to_owned(),
            Mode::ChooseField => self.lang.pick(
                "Sửa trường: t tên · l chủ trì · s phối hợp · r trách nhiệm · p sản phẩm · d thời hạn · u thẩm quyền",
                "Edit field: t title · l lead · s support · r responsible · p product · d deadline · u authority",
            ).to_owned(),
            Mode::Edit(f, b) => format!("{} = {b}▏ (Enter / Esc)", f.name()),
        };
        Paragraph::new(vec![
            Line::from(self.message.as_str()).bold(),
            Line::from(help),
        ])
        .render(status, buf);
    }
}

impl Review {
    fn detail(&self) -> Paragraph<'_> {
        let Some(t) = self.task() else {
            return Paragraph::new(self.lang.pick("Không còn nhiệm vụ nào.", "No task left."))
                .block(Block::default().borders(Borders::ALL));
        };
        let support = t.support.join(", ");
        // Co-leads follow the lead, as the file will list them.
        let leads: Vec<&str> = t
            .lead
            .iter()
            .chain(t.co_leads.iter())
            .map(String::as_str)
            .collect();
        let leads = leads.join(", ");
        let mut lines = vec![
            value_line("id", Some(&t.id)),
            value_line("title", Some(&t.title)),
            value_line("lead", (!leads.is_empty()).then_some(leads.as_str())),
            value_line("support", (!support.is_empty()).then_some(support.as_str())),
            value_line("responsible", t.responsible.as_deref()),
            value_line("product", t.product.as_deref()),
            value_line("deadline", t.deadline.as_deref()),
            value_line("authority", t.authority.as_deref()),
            Line::from(""),
        ];
        for (_, c) in &t.checks {
            lines.push(Line::from(format!("# kiểm tra: {c}")).yellow());
        }
        if let Some(e) = self.existing.get(&t.id) {
            lines.push(Line::from(""));
            lines.push(
                Line::from(
                    self.lang
                        .pick("Đã có trong cơ sở dữ liệu:", "Already in the database:"),
                )
                .bold(),
            );
            lines.push(value_line("title", Some(&e.title)));
            lines.push(value_line("lead", e.lead.as_deref()));
            lines.push(value_line("deadline", e.deadline.as_deref()));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(self.lang.pick("Nguồn:", "Source:")).bold());
        lines.push(Line::from(t.source.as_str()));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL))
    }
}

/// Runs the review in the terminal until it ends.
///
/// # Errors
/// The terminal failed.
pub fn run_review(mut review: Review) -> crate::Result<Outcome> {
    let mut terminal = ratatui::init();
    let result = (|| loop {
        terminal.draw(|f| f.render_widget(&review, f.area()))?;
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                return Ok(Outcome::Quit);
            }
            let k = match key.code {
                KeyCode::Up => ReviewKey::Up,
                KeyCode::Down => ReviewKey::Down,
                KeyCode::Char(c) => ReviewKey::Char(c),
                KeyCode::Backspace => ReviewKey::Backspace,
                KeyCode::Enter => ReviewKey::Enter,
                KeyCode::Esc => ReviewKey::Esc,
                _ => continue,
            };
            if let Some(out) = review.key(k) {
                return Ok(out);
            }
        }
    })();
    ratatui::restore();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use sauro_core::directive_file::{SourceFile, load, load_registry};

    fn registry() -> sauro_core::Registry {
        load_registry(SourceFile {
            path: "data/agencies.toml",
            text: include_str!("../../../data/agencies.toml"),
        })
        .unwrap()
    }

    fn review() -> Review {
        let text = "Số: 05/TB-VPCP\nHà Nội, ngày 10 tháng 3 năm 2025\n\n\
            Bộ Công an chủ trì xây dựng Đề án A, hoàn thành trong quý II/2025.\n\n\
            Bộ Tài chính xây dựng Nghị định B trong tháng 6/2025.\n\n\
            Bộ Y tế chủ trì hoàn thiện Kế hoạch C, trình Thủ tướng Chính phủ trong quý III/2025.\n";
        let opts = sauro_draft::Options {
            id: None,
            today: chrono::NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
        };
        let d = sauro_draft::draft("tb.txt", text.as_bytes(), &registry(), &opts).unwrap();
        let mut existing = HashMap::new();
        existing.insert(
            "05-TB-VPCP-2025/01".to_owned(),
            Existing {
                title: "Xây dựng Đề án A".into(),
                lead: Some("BCA".into()),
                deadline: Some("quý II/2025".into()),
            },
        );
        Review::new(d, existing, Lang::En)
    }

    fn keys(r: &mut Review, ks: &str) -> Option<Outcome> {
        let mut out = None;
        for c in ks.chars() {
            out = r.key(match c {
                '\n' => ReviewKey::Enter,
                '\u{8}' => ReviewKey::Backspace,
                '\u{1b}' => ReviewKey::Esc,
                c => ReviewKey::Char(c),
            });
        }
        out
    }

    #[test]
    fn accept_edit_drop_merge_then_import_gives_a_file_that_loads() {
        let mut r = review();
        assert_eq!(r.draft.tasks.len(), 3);
        // Task 2's lead was guessed from the subject: accepting removes the comment.
        keys(&mut r, "j");
        assert!(!r.draft.tasks[1].checks.is_empty());
        keys(&mut r, "a");
        assert!(r.draft.tasks[1].checks.is_empty());
        assert_eq!(r.selected, 2);
        // Edit task 3's deadline: Backspace over the old wording, type a new one.
        keys(&mut r, "ed");
        let erase: String = "\u{8}".repeat(30);
        keys(&mut r, &format!("{erase}quý IV/2025\n"));
        assert_eq!(r.draft.tasks[2].deadline.as_deref(), Some("quý IV/2025"));
        // Merge task 3 into task 2.
        keys(&mut r, "m");
        assert_eq!(r.draft.tasks.len(), 2);
        assert!(
            r.draft.tasks[1]
                .title
                .ends_with("; Hoàn thiện Kế hoạch C, trình Thủ tướng Chính phủ")
        );
        // The previous task keeps its own fields; only missing ones are filled.
        assert_eq!(r.draft.tasks[1].authority.as_deref(), Some("CP"));
        assert_eq!(
            r.draft.tasks[1].deadline.as_deref(),
            Some("trong tháng 6/2025")
        );
        // Drop task 1.
        keys(&mut r, "kx");
        assert_eq!(r.draft.tasks.len(), 1);
        let Some(Outcome::Import(text)) = keys(&mut r, "i") else {
            panic!("no import")
        };
        let l = load(
            &[SourceFile {
                path: "r.toml",
                text: &text,
            }],
            &registry(),
            &HashMap::new(),
        )
        .unwrap();
        let t: Vec<_> = l.tasks().collect();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lead.as_ref().map(|a| a.as_str()), Some("BTC"));
        assert_eq!(
            t[0].deadline.as_ref().map(|d| d.written.as_str()),
            Some("trong tháng 6/2025")
        );
    }

    #[test]
    fn escape_cancels_an_edit_and_the_screen_shows_the_database_copy() {
        let mut r = review();
        keys(&mut r, "el\u{8}\u{8}\u{8}BYT\u{1b}");
        assert_eq!(r.draft.tasks[0].lead.as_deref(), Some("BCA"));
        let area = Rect::new(0, 0, 140, 30);
        let mut buf = Buffer::empty(area);
        (&r).render(area, &mut buf);
        let screen: String = (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol().to_owned())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        assert!(screen.contains("Already in the database"), "{screen}");
        assert!(screen.contains("≡"), "{screen}");
        assert_eq!(keys(&mut r, "q"), Some(Outcome::Quit));
    }
}
