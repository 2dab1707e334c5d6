//! The briefing laid out independently of its format: a title, lines under
//! it, eight sections of paragraphs, subheadings and tables, a footer. The
//! Markdown, HTML and Word renderers each write this one document.

use super::sections::{
    agencies, blocked, completed, deadline_changes, due_next, gaps, overdue, summary,
};
use super::words::{lead_cell, task_deadline};
use super::{Briefing, Heading};
use crate::ReportTask;
use sauro_core::{Lang, Status, format_date};

/// The ids of the eight sections, in order, as the HTML names them.
pub const SECTION_IDS: [&str; 8] = [
    "summary",
    "completed",
    "overdue",
    "due-next",
    "blocked",
    "deadline-changes",
    "clarity-gaps",
    "agencies",
];

/// A briefing laid out, independent of its format.
pub(super) struct Doc {
    pub(super) lang: Lang,
    pub(super) unit: Option<String>,
    pub(super) title: String,
    pub(super) meta: Vec<String>,
    pub(super) sections: Vec<Section>,
    pub(super) footer: String,
}

/// One numbered section.
pub(super) struct Section {
    pub(super) id: &'static str,
    pub(super) title: String,
    pub(super) blocks: Vec<Block>,
}

/// What a section holds, in order.
pub(super) enum Block {
    /// A paragraph.
    Para(String),
    /// A subheading.
    Sub(String),
    /// What an empty section or table says instead ("Không có.").
    None(String),
    /// A table.
    Table(Table),
}

/// A table: its head, which columns hold numbers, its rows.
pub(super) struct Table {
    pub(super) head: Vec<String>,
    pub(super) numeric: Vec<bool>,
    pub(super) rows: Vec<Row>,
}

/// A table row.
pub(super) struct Row {
    /// The task id or status code the row is about (`data-key` in HTML).
    pub(super) key: Option<String>,
    pub(super) total: bool,
    pub(super) cells: Vec<Cell>,
}

/// A cell: its lines and the HTML class it carries.
#[derive(Default)]
pub(super) struct Cell {
    pub(super) lines: Vec<String>,
    pub(super) class: Option<&'static str>,
}

impl Cell {
    /// A cell of one line.
    pub(super) fn text(s: impl Into<String>) -> Cell {
        Cell {
            lines: vec![s.into()],
            class: None,
        }
    }

    /// A cell of several lines.
    pub(super) fn lines(lines: Vec<String>) -> Cell {
        Cell { lines, class: None }
    }

    /// A cell coloured by a status.
    pub(super) fn status(s: impl Into<String>, status: Status) -> Cell {
        Cell {
            lines: vec![s.into()],
            class: Some(status_class(status)),
        }
    }
}

/// The HTML class of a status's colour.
fn status_class(s: Status) -> &'static str {
    match s {
        Status::DoneOnTime | Status::DoneUndated => "st-done",
        Status::DoneLate => "st-late",
        Status::Open => "st-open",
        Status::Overdue => "st-overdue",
        Status::Ongoing | Status::Vague | Status::NoDeadline => "st-ongoing",
        Status::Cancelled => "st-cancelled",
    }
}

/// A table whose last `numeric_last` columns hold numbers.
pub(super) fn task_table(head: Vec<String>, numeric_last: usize, rows: Vec<Row>) -> Block {
    let n = head.len();
    Block::Table(Table {
        numeric: (0..n).map(|i| i + numeric_last >= n).collect(),
        head,
        rows,
    })
}

/// The columns every task table starts with.
pub(super) fn base_head(lang: Lang) -> Vec<String> {
    vec![
        lang.pick("Mã", "ID").to_owned(),
        lang.pick("Nhiệm vụ", "Task").to_owned(),
        lang.pick("Chủ trì", "Lead").to_owned(),
        lang.pick("Thời hạn", "Deadline").to_owned(),
    ]
}

/// The cells of those columns.
pub(super) fn base_cells(lang: Lang, t: &ReportTask) -> Vec<Cell> {
    vec![
        Cell {
            lines: vec![t.id.clone()],
            class: Some("id"),
        },
        Cell::text(t.title.clone()),
        Cell::text(lead_cell(lang, t.leads_text(false).as_deref())),
        Cell::text(task_deadline(t, lang)),
    ]
}

/// A task's row, keyed by its id.
pub(super) fn task_row(t: &ReportTask, cells: Vec<Cell>) -> Row {
    Row {
        key: Some(t.id.clone()),
        total: false,
        cells,
    }
}

/// An empty section or table says so.
pub(super) fn none(lang: Lang) -> Block {
    Block::None(lang.pick("Không có.", "None.").to_owned())
}

/// The title: the week, or the period.
fn title(b: &Briefing, lang: Lang) -> String {
    match (b.week, lang) {
        (Some((y, w)), Lang::Vi) => format!("Báo cáo giao ban tuần {w}/{y}"),
        (Some((y, w)), Lang::En) => format!("Weekly briefing, week {w} of {y}"),
        (None, Lang::Vi) => format!(
            "Báo cáo giao ban từ {} đến {}",
            format_date(b.span.from),
            format_date(b.span.to)
        ),
        (None, Lang::En) => format!(
            "Briefing from {} to {}",
            format_date(b.span.from),
            format_date(b.span.to)
        ),
    }
}

/// The lines under the title: period, days compared, scope.
fn meta(b: &Briefing, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    out.push(match lang {
        Lang::Vi => format!(
            "Kỳ báo cáo: từ {} đến {}",
            format_date(b.span.from),
            format_date(b.span.to)
        ),
        Lang::En => format!(
            "Period: {} to {}",
            format_date(b.span.from),
            format_date(b.span.to)
        ),
    });
    out.push(match lang {
        Lang::Vi => format!(
            "Số liệu đầu kỳ: hết ngày {}; cuối kỳ: hết ngày {}",
            format_date(b.span.start),
            format_date(b.span.end)
        ),
        Lang::En => format!(
            "Start figures: end of {}; end figures: end of {}",
            format_date(b.span.start),
            format_date(b.span.end)
        ),
    });
    let mut scope = Vec::new();
    if !b.scope.leads.is_empty() {
        scope.push(format!(
            "{} {}",
            lang.pick("chủ trì", "lead"),
            b.scope.leads.join(", ")
        ));
    }
    if let Some(d) = &b.scope.directive {
        scope.push(format!("{} {d}", lang.pick("văn bản", "directive")));
    }
    if let Some(s) = &b.scope.search {
        scope.push(format!("{} “{s}”", lang.pick("tìm", "search")));
    }
    out.push(if scope.is_empty() {
        lang.pick("Phạm vi: tất cả nhiệm vụ", "Scope: every task")
            .to_owned()
    } else {
        format!("{}: {}", lang.pick("Phạm vi", "Scope"), scope.join("; "))
    });
    out
}

/// The briefing laid out in `lang`, with its heading.
pub(super) fn document(b: &Briefing, lang: Lang, heading: &Heading) -> Doc {
    let mut meta = meta(b, lang);
    if let Some(day) = heading.prepared_on {
        meta.push(format!(
            "{}: {}",
            lang.pick("Ngày lập", "Prepared on"),
            format_date(day)
        ));
    }
    Doc {
        lang,
        unit: heading
            .unit
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned),
        title: title(b, lang),
        meta,
        sections: vec![
            summary(b, lang),
            completed(b, lang),
            overdue(b, lang),
            due_next(b, lang),
            blocked(b, lang),
            deadline_changes(b, lang),
            gaps(b, lang),
            agencies(b, lang),
        ],
        footer: lang
            .pick(
                "Số liệu đầu kỳ và cuối kỳ được dựng lại từ lịch sử thay đổi (ngày ghi nhận của từng thay đổi), nên báo cáo của một kỳ đã qua không đổi khi lập lại. Lập bằng sauro.",
                "The start and end figures are replayed from the change history (the day each change was recorded for), so a past period's briefing reads the same whenever it is made. Made with sauro.",
            )
            .to_owned(),
    }
}
