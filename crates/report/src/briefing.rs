//! The weekly briefing (giao ban, `sauro briefing`): what finished, what
//! became overdue, what is due next, what is stuck, which deadlines moved,
//! the six-clarities gaps and the VPCP counts per lead agency, for one period.
//!
//! The caller assembles a [`Briefing`] from the task history (the figures at
//! the start and the end of the period are replayed, so a past period reads
//! the same whenever it is asked for); this module only lays it out, as
//! Markdown for an email or as one self-contained HTML file (inline CSS, no
//! scripts, no external assets) that prints on A4. Dates are dd/mm/yyyy.

use crate::ReportTask;
use chrono::NaiveDate;
use sauro_core::escape::md_cell;
use sauro_core::{AgencyStats, Clarity, Lang, Status, format_date};
use std::fmt::Write as _;

mod assemble;
mod docx;
pub use assemble::Presentation;
pub use docx::render_docx;

/// The briefing of one period, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day of the period.
    pub to: NaiveDate,
    /// The ISO week `(year, week)` when the period is one.
    pub week: Option<(i32, u32)>,
    /// The day the start figures stand at (the end of it): the day before `from`.
    pub start: NaiveDate,
    /// The day the end figures stand at: `to`, or the as-of day when earlier.
    pub end: NaiveDate,
    /// The filters the tasks passed.
    pub scope: Scope,
    /// 1. Tasks per status at the start and at the end, in [`Status::ALL`] order.
    pub summary: Vec<StatusCount>,
    /// 2. Tasks done at the end and not at the start, with their status at the end.
    pub completed: Vec<ReportTask>,
    /// 3. Overdue at the end and not at the start, longest overdue first.
    pub newly_overdue: Vec<ReportTask>,
    /// 3. Overdue at the start and still at the end, longest overdue first.
    pub still_overdue: Vec<ReportTask>,
    /// 4. Unfinished tasks due after `end`, up to `due_until`, soonest first.
    pub due_next: Vec<ReportTask>,
    /// The last day of the "due next" window (7 days after `to`).
    pub due_until: NaiveDate,
    /// 5. Unfinished tasks waiting for an unfinished prerequisite, at the end.
    pub blocked: Vec<BlockedTask>,
    /// 6. Deadline changes recorded in the period, oldest first.
    pub deadline_changes: Vec<DeadlineChange>,
    /// 7. How many tasks were unfinished (open, overdue, ongoing) at the end.
    pub unfinished: usize,
    /// 7. Per clarity, the unfinished tasks lacking it, in [`Clarity::ALL`] order.
    pub gaps: Vec<ClarityGap>,
    /// 8. The VPCP counts per lead agency at the end, worst first.
    ///    A co-led task is in the row of each of its leads.
    pub agencies: Vec<AgencyRow>,
    /// Key tasks (nhiệm vụ trọng tâm), counted apart.
    pub key: KeyCount,
    /// 8. The total line: every task once.
    pub agency_total: AgencyStats,
}

/// The key tasks (nhiệm vụ trọng tâm) of a briefing, which the Office
/// counts apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyCount {
    /// Key tasks at the end (cancelled ones excluded).
    pub total: usize,
    /// Of them, completed in the period.
    pub completed: usize,
    /// Of them, overdue at the end.
    pub overdue: usize,
}

/// The filters a briefing's tasks passed (empty: every task).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Lead agency ids asked for.
    pub leads: Vec<String>,
    /// The directive id asked for.
    pub directive: Option<String>,
    /// The search text asked for.
    pub search: Option<String>,
}

/// How many tasks had a status at the start and at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// Tasks with it at the start.
    pub start: usize,
    /// Tasks with it at the end.
    pub end: usize,
}

impl StatusCount {
    /// End minus start.
    pub fn change(&self) -> i64 {
        self.end as i64 - self.start as i64
    }
}

/// A blocked task and what holds it up.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockedTask {
    /// The task, as of the end.
    pub task: ReportTask,
    /// Each direct unfinished prerequisite, with the longest chain it heads
    /// down to the unfinished root. Only the ends and the length of a chain
    /// are kept, so a long chain costs each of its tasks one line, not the
    /// whole chain again.
    pub blockers: Vec<Blocker>,
}

/// A direct unfinished prerequisite and the chain below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    /// The direct prerequisite.
    pub first: ChainLink,
    /// The unfinished root at the bottom of its longest chain, the task that
    /// must move first (the same task as `first` when the chain is one long).
    pub root: ChainLink,
    /// Unfinished tasks on the chain, `first` and `root` included.
    pub length: usize,
}

/// One task of a blocking chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainLink {
    /// Task id.
    pub id: String,
    /// Lead agency id.
    pub lead: Option<String>,
    /// Status at the end.
    pub status: Status,
    /// Days overdue at the end, when overdue.
    pub days_overdue: Option<i64>,
    /// Effective deadline at the end.
    pub deadline: Option<NaiveDate>,
}

/// A deadline change (điều chỉnh thời hạn) recorded in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineChange {
    /// Task id.
    pub task: String,
    /// The task's title.
    pub title: String,
    /// Lead agency id.
    pub lead: Option<String>,
    /// The day the change was recorded.
    pub day: NaiveDate,
    /// True when an edited directive file moved the deadline (then `basis`
    /// is the file and line).
    pub from_file: bool,
    /// The old deadline as written.
    pub old_text: Option<String>,
    /// The day it meant.
    pub old_due: Option<NaiveDate>,
    /// The new deadline as written.
    pub new_text: Option<String>,
    /// The day it means.
    pub new_due: Option<NaiveDate>,
    /// The authority that decided.
    pub authority: Option<String>,
    /// The document it rests on.
    pub basis: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// The unfinished tasks lacking one clarity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClarityGap {
    /// The clarity.
    pub clarity: Clarity,
    /// The tasks lacking it, by id.
    pub tasks: Vec<String>,
}

/// The VPCP counts of one lead agency.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyRow {
    /// The counts (`agency` is `None` for tasks without a lead).
    pub stats: AgencyStats,
    /// The agency's name.
    pub name: Option<String>,
}

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

/// What a briefing's first lines say besides its title: the issuing unit
/// (`VĂN PHÒNG CHÍNH PHỦ`, `Vụ Tổng hợp`) and the day it was prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heading {
    /// The unit that issues the briefing, shown above the title.
    pub unit: Option<String>,
    /// The day it was prepared (the as-of day of the run).
    pub prepared_on: Option<NaiveDate>,
}

/// Task ids listed per clarity before "and N more".
const GAP_IDS_SHOWN: usize = 30;

// ---------------------------------------------------------------------------
// The document, independent of its format.

struct Doc {
    lang: Lang,
    unit: Option<String>,
    title: String,
    meta: Vec<String>,
    sections: Vec<Section>,
    footer: String,
}

struct Section {
    id: &'static str,
    title: String,
    blocks: Vec<Block>,
}

enum Block {
    Para(String),
    Sub(String),
    None(String),
    Table(Table),
}

struct Table {
    head: Vec<String>,
    numeric: Vec<bool>,
    rows: Vec<Row>,
}

struct Row {
    /// The task id or status code the row is about (`data-key` in HTML).
    key: Option<String>,
    total: bool,
    cells: Vec<Cell>,
}

#[derive(Default)]
struct Cell {
    lines: Vec<String>,
    class: Option<&'static str>,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell {
            lines: vec![s.into()],
            class: None,
        }
    }

    fn lines(lines: Vec<String>) -> Cell {
        Cell { lines, class: None }
    }

    fn status(s: impl Into<String>, status: Status) -> Cell {
        Cell {
            lines: vec![s.into()],
            class: Some(status_class(status)),
        }
    }
}

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

fn status_label(lang: Lang, s: Status) -> &'static str {
    lang.pick(s.label_vi(), s.label_en())
}

fn clarity_label(lang: Lang, c: Clarity) -> &'static str {
    lang.pick(c.label_vi(), c.label_en())
}

fn opt(s: Option<&str>) -> String {
    s.filter(|s| !s.trim().is_empty())
        .map_or_else(|| "—".to_owned(), str::to_owned)
}

fn lead_cell(lang: Lang, lead: Option<&str>) -> String {
    lead.map_or_else(
        || lang.pick("(chưa rõ)", "(none)").to_owned(),
        str::to_owned,
    )
}

/// A deadline: dd/mm/yyyy, with the wording when it says more than the day.
fn deadline_text(text: Option<&str>, due: Option<NaiveDate>) -> String {
    match (text, due) {
        (Some(t), Some(d)) => {
            let day = format_date(d);
            let iso = d.format("%Y-%m-%d").to_string();
            if t.trim() == day || t.trim() == iso {
                day
            } else {
                format!("{day} ({t})")
            }
        }
        (None, Some(d)) => format_date(d),
        (Some(t), None) => t.to_owned(),
        (None, None) => "—".to_owned(),
    }
}

fn task_deadline(t: &ReportTask) -> String {
    deadline_text(t.deadline_text.as_deref(), t.deadline)
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

fn short_status(lang: Lang, s: Status, days_overdue: Option<i64>) -> String {
    match (s, days_overdue) {
        (Status::Overdue, Some(n)) => match lang {
            Lang::Vi => format!("quá hạn {n} ngày"),
            Lang::En => format!("overdue {n} d"),
        },
        _ => status_label(lang, s).to_lowercase(),
    }
}

/// A table whose last `numeric_last` columns hold numbers.
fn task_table(head: Vec<String>, numeric_last: usize, rows: Vec<Row>) -> Block {
    let n = head.len();
    Block::Table(Table {
        numeric: (0..n).map(|i| i + numeric_last >= n).collect(),
        head,
        rows,
    })
}

fn base_head(lang: Lang) -> Vec<String> {
    vec![
        lang.pick("Mã", "ID").to_owned(),
        lang.pick("Nhiệm vụ", "Task").to_owned(),
        lang.pick("Chủ trì", "Lead").to_owned(),
        lang.pick("Thời hạn", "Deadline").to_owned(),
    ]
}

fn base_cells(lang: Lang, t: &ReportTask) -> Vec<Cell> {
    vec![
        Cell {
            lines: vec![t.id.clone()],
            class: Some("id"),
        },
        Cell::text(t.title.clone()),
        Cell::text(lead_cell(lang, t.leads_text(false).as_deref())),
        Cell::text(task_deadline(t)),
    ]
}

fn task_row(t: &ReportTask, cells: Vec<Cell>) -> Row {
    Row {
        key: Some(t.id.clone()),
        total: false,
        cells,
    }
}

fn none(lang: Lang) -> Block {
    Block::None(lang.pick("Không có.", "None.").to_owned())
}

fn title(b: &Briefing, lang: Lang) -> String {
    match (b.week, lang) {
        (Some((y, w)), Lang::Vi) => format!("Báo cáo giao ban tuần {w}/{y}"),
        (Some((y, w)), Lang::En) => format!("Weekly briefing, week {w} of {y}"),
        (None, Lang::Vi) => format!(
            "Báo cáo giao ban từ {} đến {}",
            format_date(b.from),
            format_date(b.to)
        ),
        (None, Lang::En) => format!(
            "Briefing from {} to {}",
            format_date(b.from),
            format_date(b.to)
        ),
    }
}

fn meta(b: &Briefing, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    out.push(match lang {
        Lang::Vi => format!(
            "Kỳ báo cáo: từ {} đến {}",
            format_date(b.from),
            format_date(b.to)
        ),
        Lang::En => format!("Period: {} to {}", format_date(b.from), format_date(b.to)),
    });
    out.push(match lang {
        Lang::Vi => format!(
            "Số liệu đầu kỳ: hết ngày {}; cuối kỳ: hết ngày {}",
            format_date(b.start),
            format_date(b.end)
        ),
        Lang::En => format!(
            "Start figures: end of {}; end figures: end of {}",
            format_date(b.start),
            format_date(b.end)
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

fn summary(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    let count = |pick: fn(&ReportTask) -> bool, list: &[ReportTask]| {
        list.iter().filter(|t| pick(t)).count()
    };
    let on_time = count(|t| t.status == Status::DoneOnTime, &b.completed);
    let late = count(|t| t.status == Status::DoneLate, &b.completed);
    blocks.push(Block::Para(match lang {
        Lang::Vi => format!(
            "Trong kỳ: {} nhiệm vụ hoàn thành ({} đúng hạn, {} trễ hạn); {} nhiệm vụ mới quá hạn, \
             {} vẫn quá hạn; {} nhiệm vụ đến hạn trong 7 ngày tới; {} nhiệm vụ bị chặn; \
             {} lần điều chỉnh thời hạn.",
            b.completed.len(),
            on_time,
            late,
            b.newly_overdue.len(),
            b.still_overdue.len(),
            b.due_next.len(),
            b.blocked.len(),
            b.deadline_changes.len()
        ),
        Lang::En => format!(
            "In the period: {} ({} on time, {} late); {} newly overdue, \
             {} still overdue; {} due in the next 7 days; {} blocked; {}.",
            lang.count(b.completed.len(), "", "task completed"),
            on_time,
            late,
            b.newly_overdue.len(),
            b.still_overdue.len(),
            b.due_next.len(),
            b.blocked.len(),
            lang.count(b.deadline_changes.len(), "", "deadline change")
        ),
    }));
    if b.key.total > 0 {
        let k = b.key;
        blocks.push(Block::Para(match lang {
            Lang::Vi => format!(
                "Nhiệm vụ trọng tâm: {} nhiệm vụ; {} hoàn thành trong kỳ; {} quá hạn.",
                k.total, k.completed, k.overdue
            ),
            Lang::En => format!(
                "Key tasks: {}; {} completed in the period; {} overdue.",
                k.total, k.completed, k.overdue
            ),
        }));
    }
    let mut rows: Vec<Row> = b
        .summary
        .iter()
        .map(|c| Row {
            key: Some(c.status.code().to_owned()),
            total: false,
            cells: vec![
                Cell::status(status_label(lang, c.status), c.status),
                Cell::text(c.start.to_string()),
                Cell::text(c.end.to_string()),
                Cell::text(signed(c.change())),
            ],
        })
        .collect();
    let start: usize = b.summary.iter().map(|c| c.start).sum();
    let end: usize = b.summary.iter().map(|c| c.end).sum();
    rows.push(Row {
        key: Some("total".into()),
        total: true,
        cells: vec![
            Cell::text(lang.pick("Tổng số", "Total")),
            Cell::text(start.to_string()),
            Cell::text(end.to_string()),
            Cell::text(signed(end as i64 - start as i64)),
        ],
    });
    blocks.push(task_table(
        vec![
            lang.pick("Trạng thái", "Status").to_owned(),
            format!(
                "{} ({})",
                lang.pick("Đầu kỳ", "Start"),
                format_date(b.start)
            ),
            format!("{} ({})", lang.pick("Cuối kỳ", "End"), format_date(b.end)),
            lang.pick("Thay đổi", "Change").to_owned(),
        ],
        3,
        rows,
    ));
    Section {
        id: SECTION_IDS[0],
        title: lang.pick("1. Tổng hợp", "1. Summary").to_owned(),
        blocks,
    }
}

fn completed(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if b.completed.is_empty() {
        blocks.push(Block::None(
            lang.pick(
                "Không có nhiệm vụ hoàn thành trong kỳ.",
                "No task was completed in the period.",
            )
            .to_owned(),
        ));
    }
    let groups = [
        (Status::DoneOnTime, lang.pick("Đúng hạn", "On time")),
        (Status::DoneLate, lang.pick("Trễ hạn", "Late")),
        (
            Status::DoneUndated,
            lang.pick("Không có thời hạn", "Without a deadline"),
        ),
    ];
    for (status, label) in groups {
        let tasks: Vec<&ReportTask> = b.completed.iter().filter(|t| t.status == status).collect();
        if b.completed.is_empty() || (tasks.is_empty() && status == Status::DoneUndated) {
            continue;
        }
        blocks.push(Block::Sub(format!("{label} ({})", tasks.len())));
        if tasks.is_empty() {
            blocks.push(none(lang));
            continue;
        }
        let mut head = base_head(lang);
        head.push(lang.pick("Ngày hoàn thành", "Done on").to_owned());
        let late = status == Status::DoneLate;
        if late {
            head.push(lang.pick("Trễ (ngày)", "Days late").to_owned());
        }
        let rows = tasks
            .iter()
            .map(|t| {
                let mut cells = base_cells(lang, t);
                // Done before the period but recorded in it: said so, with
                // the day it took effect (a closed period is never rewritten).
                cells.push(Cell::text(match t.done_on {
                    Some(on) if on < b.from => format!(
                        "{} ({})",
                        format_date(on),
                        lang.pick("ghi nhận muộn", "recorded late")
                    ),
                    Some(on) => format_date(on),
                    None => String::new(),
                }));
                if late {
                    let days = match (t.done_on, t.deadline) {
                        (Some(on), Some(d)) => (on - d).num_days().to_string(),
                        _ => String::new(),
                    };
                    cells.push(Cell::text(days));
                }
                task_row(t, cells)
            })
            .collect();
        blocks.push(task_table(head, usize::from(late), rows));
    }
    Section {
        id: SECTION_IDS[1],
        title: lang
            .pick("2. Hoàn thành trong kỳ", "2. Completed in the period")
            .to_owned(),
        blocks,
    }
}

fn overdue_table(lang: Lang, tasks: &[ReportTask]) -> Block {
    if tasks.is_empty() {
        return none(lang);
    }
    let mut head = base_head(lang);
    head.push(lang.pick("Số ngày quá hạn", "Days overdue").to_owned());
    let rows = tasks
        .iter()
        .map(|t| {
            let mut cells = base_cells(lang, t);
            cells.push(Cell::status(
                t.days_overdue.unwrap_or(0).to_string(),
                Status::Overdue,
            ));
            task_row(t, cells)
        })
        .collect();
    task_table(head, 1, rows)
}

fn overdue(b: &Briefing, lang: Lang) -> Section {
    let blocks = vec![
        Block::Sub(format!(
            "{} ({})",
            lang.pick("Mới quá hạn trong kỳ", "Newly overdue in the period"),
            b.newly_overdue.len()
        )),
        overdue_table(lang, &b.newly_overdue),
        Block::Sub(format!(
            "{} ({})",
            lang.pick("Vẫn quá hạn từ kỳ trước", "Still overdue"),
            b.still_overdue.len()
        )),
        overdue_table(lang, &b.still_overdue),
    ];
    Section {
        id: SECTION_IDS[2],
        title: lang.pick("3. Quá hạn", "3. Overdue").to_owned(),
        blocks,
    }
}

fn due_next(b: &Briefing, lang: Lang) -> Section {
    let first = b.end.succ_opt().unwrap_or(b.end);
    let mut blocks = vec![Block::Para(match lang {
        Lang::Vi => format!(
            "Nhiệm vụ chưa hoàn thành có thời hạn từ {} đến {}.",
            format_date(first),
            format_date(b.due_until)
        ),
        Lang::En => format!(
            "Unfinished tasks due from {} to {}.",
            format_date(first),
            format_date(b.due_until)
        ),
    })];
    if b.due_next.is_empty() {
        blocks.push(none(lang));
    } else {
        let mut head = base_head(lang);
        head.push(lang.pick("Còn (ngày)", "Days left").to_owned());
        let rows = b
            .due_next
            .iter()
            .map(|t| {
                let mut cells = base_cells(lang, t);
                let left = t.deadline.map(|d| (d - b.end).num_days());
                cells.push(Cell::text(left.map_or_else(String::new, |n| n.to_string())));
                task_row(t, cells)
            })
            .collect();
        blocks.push(task_table(head, 1, rows));
    }
    Section {
        id: SECTION_IDS[3],
        title: lang
            .pick("4. Đến hạn trong 7 ngày tới", "4. Due in the next 7 days")
            .to_owned(),
        blocks,
    }
}

fn blocked(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if b.blocked.is_empty() {
        blocks.push(none(lang));
    } else {
        blocks.push(Block::Para(
            lang.pick(
                "Mỗi dòng là một nhiệm vụ tiên quyết trực tiếp chưa hoàn thành và chuỗi dài nhất bên dưới nó, đến nhiệm vụ gốc chưa hoàn thành — nhiệm vụ phải chuyển động trước.",
                "Each line is a direct unfinished prerequisite and the longest chain below it, down to the unfinished root — the task that must move first.",
            )
            .to_owned(),
        ));
        let head = vec![
            lang.pick("Mã", "ID").to_owned(),
            lang.pick("Nhiệm vụ", "Task").to_owned(),
            lang.pick("Chủ trì", "Lead").to_owned(),
            lang.pick("Chuỗi đang chặn", "Blocking chain").to_owned(),
            lang.pick("Gốc", "Root").to_owned(),
            lang.pick("Chủ trì gốc", "Root lead").to_owned(),
        ];
        let rows = b
            .blocked
            .iter()
            .map(|bt| {
                let t = &bt.task;
                let chains = bt.blockers.iter().map(|b| chain_text(lang, b)).collect();
                let root_ids = bt
                    .blockers
                    .iter()
                    .map(|b| {
                        let r = &b.root;
                        format!(
                            "{} ({})",
                            r.id,
                            short_status(lang, r.status, r.days_overdue)
                        )
                    })
                    .collect();
                let root_leads = bt
                    .blockers
                    .iter()
                    .map(|b| lead_cell(lang, b.root.lead.as_deref()))
                    .collect();
                task_row(
                    t,
                    vec![
                        Cell {
                            lines: vec![t.id.clone()],
                            class: Some("id"),
                        },
                        Cell::text(t.title.clone()),
                        Cell::text(lead_cell(lang, t.leads_text(false).as_deref())),
                        Cell::lines(chains),
                        Cell::lines(root_ids),
                        Cell::lines(root_leads),
                    ],
                )
            })
            .collect();
        blocks.push(task_table(head, 0, rows));
    }
    Section {
        id: SECTION_IDS[4],
        title: lang
            .pick("5. Nhiệm vụ bị chặn", "5. Blocked tasks")
            .to_owned(),
        blocks,
    }
}

/// A chain by its ends: `P`, `P → R`, or `P → … → R (n nhiệm vụ)`.
fn chain_text(lang: Lang, b: &Blocker) -> String {
    match b.length {
        0 | 1 => b.first.id.clone(),
        2 => format!("{} → {}", b.first.id, b.root.id),
        n => match lang {
            Lang::Vi => format!("{} → … → {} ({n} nhiệm vụ)", b.first.id, b.root.id),
            Lang::En => format!(
                "{} → … → {} ({})",
                b.first.id,
                b.root.id,
                lang.count(n, "", "task")
            ),
        },
    }
}

fn deadline_changes(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if b.deadline_changes.is_empty() {
        blocks.push(none(lang));
    } else {
        let head = vec![
            lang.pick("Mã", "ID").to_owned(),
            lang.pick("Nhiệm vụ", "Task").to_owned(),
            lang.pick("Ngày", "Day").to_owned(),
            lang.pick("Thời hạn cũ", "Old deadline").to_owned(),
            lang.pick("Thời hạn mới", "New deadline").to_owned(),
            lang.pick("Cấp quyết định", "Authority").to_owned(),
            lang.pick("Căn cứ", "Basis").to_owned(),
            lang.pick("Lý do", "Reason").to_owned(),
        ];
        let rows = b
            .deadline_changes
            .iter()
            .map(|c| Row {
                key: Some(c.task.clone()),
                total: false,
                cells: vec![
                    Cell {
                        lines: vec![c.task.clone()],
                        class: Some("id"),
                    },
                    Cell::text(c.title.clone()),
                    Cell::text(format_date(c.day)),
                    Cell::text(deadline_text(c.old_text.as_deref(), c.old_due)),
                    Cell::text(deadline_text(c.new_text.as_deref(), c.new_due)),
                    Cell::text(if c.from_file {
                        lang.pick("sửa trong tệp văn bản", "edited directive file")
                            .to_owned()
                    } else {
                        opt(c.authority.as_deref())
                    }),
                    Cell::text(opt(c.basis.as_deref())),
                    Cell::text(opt(c.reason.as_deref())),
                ],
            })
            .collect();
        blocks.push(task_table(head, 0, rows));
    }
    Section {
        id: SECTION_IDS[5],
        title: lang
            .pick(
                "6. Điều chỉnh thời hạn trong kỳ",
                "6. Deadline changes in the period",
            )
            .to_owned(),
        blocks,
    }
}

fn gaps(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = vec![Block::Para(match lang {
        Lang::Vi => format!(
            "{} nhiệm vụ chưa hoàn thành cuối kỳ (trong hạn, quá hạn, không thời hạn).",
            b.unfinished
        ),
        Lang::En => format!(
            "{} unfinished at the end (open, overdue, no date).",
            lang.count(b.unfinished, "", "task")
        ),
    })];
    let head = vec![
        lang.pick("Tiêu chí", "Clarity").to_owned(),
        lang.pick("Số nhiệm vụ thiếu", "Tasks lacking it")
            .to_owned(),
        lang.pick("Nhiệm vụ", "Tasks").to_owned(),
    ];
    let rows = b
        .gaps
        .iter()
        .map(|g| {
            let mut ids: Vec<String> = g.tasks.iter().take(GAP_IDS_SHOWN).cloned().collect();
            if g.tasks.len() > GAP_IDS_SHOWN {
                let more = g.tasks.len() - GAP_IDS_SHOWN;
                ids.push(match lang {
                    Lang::Vi => format!("… và {more} nhiệm vụ khác"),
                    Lang::En => format!("… and {more} more"),
                });
            }
            Row {
                key: Some(g.clarity.field().to_owned()),
                total: false,
                cells: vec![
                    Cell::text(clarity_label(lang, g.clarity)),
                    Cell::text(g.tasks.len().to_string()),
                    Cell::text(if ids.is_empty() {
                        "—".to_owned()
                    } else {
                        ids.join(", ")
                    }),
                ],
            }
        })
        .collect();
    let mut table = task_table(head, 0, rows);
    if let Block::Table(t) = &mut table {
        t.numeric = vec![false, true, false];
    }
    blocks.push(table);
    Section {
        id: SECTION_IDS[6],
        title: lang
            .pick(
                "7. Khoảng trống “sáu rõ” của nhiệm vụ chưa hoàn thành",
                "7. Six-clarities gaps in unfinished tasks",
            )
            .to_owned(),
        blocks,
    }
}

fn agencies(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if b.agencies.is_empty() {
        blocks.push(none(lang));
    } else {
        let head = vec![
            lang.pick("Cơ quan chủ trì", "Lead agency").to_owned(),
            lang.pick("Giao", "Assigned").to_owned(),
            lang.pick("Đúng hạn", "On time").to_owned(),
            lang.pick("Trễ hạn", "Late").to_owned(),
            lang.pick("HT không thời hạn", "Done, no deadline")
                .to_owned(),
            lang.pick("Trong hạn", "Open").to_owned(),
            lang.pick("Quá hạn", "Overdue").to_owned(),
            lang.pick("Không thời hạn", "No date").to_owned(),
            lang.pick("Trọng tâm", "Key").to_owned(),
            lang.pick("% đúng hạn", "% on time").to_owned(),
            lang.pick("% HT đến hạn", "% done of due").to_owned(),
        ];
        let row = |label: String, s: &AgencyStats, key: Option<String>, total: bool| Row {
            key,
            total,
            cells: vec![
                Cell::text(label),
                Cell::text(s.assigned.to_string()),
                Cell::text(s.done_on_time.to_string()),
                Cell::text(s.done_late.to_string()),
                Cell::text(s.done_undated.to_string()),
                Cell::text(s.open.to_string()),
                if s.overdue > 0 {
                    Cell::status(s.overdue.to_string(), Status::Overdue)
                } else {
                    Cell::text("0")
                },
                Cell::text(s.open_undated().to_string()),
                Cell::text(s.key.to_string()),
                Cell::text(percent(s.on_time_rate())),
                Cell::text(percent(s.completion_rate_of_due())),
            ],
        };
        let total = b.agency_total.clone();
        let mut rows = Vec::new();
        for a in &b.agencies {
            let s = &a.stats;
            let label = match (&s.agency, &a.name) {
                (Some(id), Some(name)) if name != id => format!("{id} — {name}"),
                (Some(id), _) => id.clone(),
                (None, _) => lang.pick("(chưa rõ chủ trì)", "(no lead)").to_owned(),
            };
            rows.push(row(label, s, s.agency.clone(), false));
        }
        rows.push(row(
            lang.pick("Tổng cộng", "Total").to_owned(),
            &total,
            Some("total".into()),
            true,
        ));
        let mut table = task_table(head, 10, rows);
        if let Block::Table(t) = &mut table {
            t.numeric = (0..11).map(|i| i > 0).collect();
        }
        blocks.push(table);
        blocks.push(Block::Para(
            lang.pick(
                "Xếp theo số nhiệm vụ quá hạn, nhiều nhất trước. % đúng hạn = hoàn thành đúng hạn / (đúng hạn + trễ hạn); % HT đến hạn = hoàn thành / (hoàn thành + quá hạn), chỉ tính nhiệm vụ có thời hạn. Nhiệm vụ dừng thực hiện không được tính; chỉ tính cho cơ quan chủ trì.",
                "Most overdue first. % on time = done on time / (on time + late); % done of due = done / (done + overdue), dated tasks only. Cancelled tasks are not counted; tasks count for the lead agency only.",
            )
            .to_owned(),
        ));
    }
    Section {
        id: SECTION_IDS[7],
        title: lang
            .pick("8. Theo cơ quan chủ trì", "8. Per lead agency")
            .to_owned(),
        blocks,
    }
}

fn document(b: &Briefing, lang: Lang, heading: &Heading) -> Doc {
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

// ---------------------------------------------------------------------------
// Markdown.

/// The briefing as Markdown: headings, paragraphs and pipe tables a lead can
/// paste into an email.
pub fn render_markdown(b: &Briefing, lang: Lang, heading: &Heading) -> String {
    let doc = document(b, lang, heading);
    let mut out = String::new();
    if let Some(unit) = &doc.unit {
        let _ = writeln!(out, "**{}**\n", md_cell(unit));
    }
    let _ = writeln!(out, "# {}\n", md_cell(&doc.title));
    for m in &doc.meta {
        let _ = writeln!(out, "- {}", md_cell(m));
    }
    for s in &doc.sections {
        let _ = writeln!(out, "\n## {}\n", md_cell(&s.title));
        for (i, block) in s.blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            match block {
                Block::Para(p) => {
                    let _ = writeln!(out, "{}", md_cell(p));
                }
                Block::Sub(h) => {
                    let _ = writeln!(out, "### {}", md_cell(h));
                }
                Block::None(p) => {
                    let _ = writeln!(out, "_{}_", md_cell(p));
                }
                Block::Table(t) => {
                    let _ = writeln!(
                        out,
                        "| {} |",
                        t.head
                            .iter()
                            .map(|h| md_cell(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    let rule: Vec<&str> = t
                        .numeric
                        .iter()
                        .map(|&n| if n { "---:" } else { "---" })
                        .collect();
                    let _ = writeln!(out, "|{}|", rule.join("|"));
                    for r in &t.rows {
                        let cells: Vec<String> = r
                            .cells
                            .iter()
                            .map(|c| {
                                let text = md_cell(&c.lines.join("; "));
                                if r.total { format!("**{text}**") } else { text }
                            })
                            .collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "\n---\n\n_{}_", md_cell(&doc.footer));
    out
}

// ---------------------------------------------------------------------------
// HTML.

/// Text made safe for HTML content and attribute values (the one escape of
/// [`sauro_core::escape::html`]).
pub use sauro_core::escape::html as escape_html;

const CSS: &str = r#"
@page { size: A4; margin: 15mm 12mm 16mm 12mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 9pt "Times New Roman", serif; } }
html { -webkit-text-size-adjust: 100%; }
body { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; font-size: 12pt;
  line-height: 1.4; color: #111; background: #fff; max-width: 62rem; margin: 1.5rem auto;
  padding: 0 1rem; }
header { border-bottom: 2px solid #222; margin-bottom: 1rem; padding-bottom: .4rem; }
p.unit { font-weight: bold; text-transform: uppercase; margin: 0 0 .4rem; }
h1 { font-size: 18pt; margin: 0 0 .4rem; }
h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #999;
  padding-bottom: .15rem; }
h3 { font-size: 12pt; margin: 1rem 0 .3rem; }
p { margin: .3rem 0 .6rem; }
ul.meta { list-style: none; margin: 0; padding: 0; color: #333; }
p.none { font-style: italic; color: #555; }
table { width: 100%; max-width: 100%; border-collapse: collapse; margin: .3rem 0 .8rem;
  font-size: 10.5pt; }
th, td { border: 1px solid #999; padding: .2rem .35rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: #e8e8e8; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.id { overflow-wrap: normal; }
span.nb { white-space: nowrap; }
tr.total td { font-weight: bold; background: #f4f4f4; }
.st-overdue { color: #a30000; font-weight: bold; }
.st-late { color: #8a4b00; }
.st-done { color: #1d5e20; }
.st-open { color: #123f7a; }
.st-ongoing { color: #444; }
.st-cancelled { color: #777; }
footer { margin-top: 2rem; border-top: 1px solid #bbb; padding-top: .4rem; font-size: 9.5pt;
  color: #444; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 11pt; }
  table { font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead th, tr.total td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  footer { break-inside: avoid; }
}
"#;

/// The briefing as one self-contained HTML file: inline CSS, no scripts, no
/// external assets; printed on A4, sections follow each other without
/// forced page breaks, table headers repeat, rows are not split, long words
/// wrap inside their cell (no border runs off the page), task ids never
/// break at a hyphen, and each page is numbered. Each section is `<section id="…">` (see
/// [`SECTION_IDS`]); each task row carries `data-key="TASK-ID"`.
pub fn render_html(b: &Briefing, lang: Lang, heading: &Heading) -> String {
    let doc = document(b, lang, heading);
    let code = match doc.lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n{}<h1>{}</h1>\n<ul class=\"meta\">\n",
        escape_html(&doc.title),
        doc.unit
            .as_deref()
            .map(|u| format!("<p class=\"unit\">{}</p>\n", escape_html(u)))
            .unwrap_or_default(),
        escape_html(&doc.title)
    );
    for m in &doc.meta {
        let _ = writeln!(out, "<li>{}</li>", escape_html(m));
    }
    out.push_str("</ul>\n</header>\n<main>\n");
    for (i, s) in doc.sections.iter().enumerate() {
        let class = if i == 0 { " class=\"first\"" } else { "" };
        let _ = writeln!(
            out,
            "<section id=\"{}\"{class}>\n<h2>{}</h2>",
            s.id,
            escape_html(&s.title)
        );
        for block in &s.blocks {
            match block {
                Block::Para(p) => {
                    let _ = writeln!(out, "<p>{}</p>", escape_html(p));
                }
                Block::Sub(h) => {
                    let _ = writeln!(out, "<h3>{}</h3>", escape_html(h));
                }
                Block::None(p) => {
                    let _ = writeln!(out, "<p class=\"none\">{}</p>", escape_html(p));
                }
                Block::Table(t) => html_table(&mut out, t),
            }
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer>\n<p>{}</p>\n</footer>\n</body>\n</html>\n",
        escape_html(&doc.footer)
    );
    out
}

/// A task id that a printed line may break after a `/` but never at a
/// hyphen: each part in a no-wrap span, a `<wbr>` after each slash.
fn id_html(id: &str) -> String {
    id.split_inclusive('/')
        .map(|part| format!("<span class=\"nb\">{}</span>", escape_html(part)))
        .collect::<Vec<_>>()
        .join("<wbr>")
}

fn html_table(out: &mut String, t: &Table) {
    out.push_str("<table>\n<thead>\n<tr>");
    for (h, &num) in t.head.iter().zip(&t.numeric) {
        let class = if num { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape_html(h));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str("<tr");
        if r.total {
            out.push_str(" class=\"total\"");
        }
        if let Some(k) = &r.key {
            let _ = write!(out, " data-key=\"{}\"", escape_html(k));
        }
        out.push('>');
        for (c, &num) in r.cells.iter().zip(&t.numeric) {
            let mut classes: Vec<&str> = Vec::new();
            if num {
                classes.push("num");
            }
            if let Some(cl) = c.class {
                classes.push(cl);
            }
            if classes.is_empty() {
                out.push_str("<td>");
            } else {
                let _ = write!(out, "<td class=\"{}\">", classes.join(" "));
            }
            let lines: Vec<String> = if c.class == Some("id") {
                c.lines.iter().map(|l| id_html(l)).collect()
            } else {
                c.lines.iter().map(|l| escape_html(l)).collect()
            };
            out.push_str(&lines.join("<br>"));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
