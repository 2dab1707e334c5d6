//! The overdue list a lead sends to each agency (`sauro export overdue`):
//! an Excel workbook, CSV for Excel, a Markdown table for an email, or JSON.
//!
//! Every format has the same eleven columns, in this order: STT, Mã nhiệm
//! vụ, Nhiệm vụ, Văn bản giao, Cơ quan chủ trì, Cơ quan phối hợp, Sản phẩm,
//! Thời hạn, Số ngày quá hạn, Bị chặn bởi, Ghi chú (English with
//! [`Lang::En`]).

use crate::{ReportTask, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use sauro_core::escape::{csv_cell, md_cell};
use sauro_core::{Lang, format_date};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The file stem of the tasks that have no lead, with `--split-by lead`.
pub const NO_LEAD_KEY: &str = "KHONG_CHU_TRI";

/// The column labels, in order.
pub fn columns(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Vi => [
            "STT",
            "Mã nhiệm vụ",
            "Nhiệm vụ",
            "Văn bản giao",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Sản phẩm",
            "Thời hạn",
            "Số ngày quá hạn",
            "Bị chặn bởi",
            "Ghi chú",
        ],
        Lang::En => [
            "No.",
            "Task ID",
            "Task",
            "Assigned by",
            "Lead agency",
            "Coordinating agencies",
            "Deliverable",
            "Deadline",
            "Days overdue",
            "Blocked by",
            "Note",
        ],
    }
}

/// The directive cell as people cite it: kind, number and issue date
/// ("Quyết định 2629/QĐ-TTg ngày 01/12/2025"), the directive id when it has
/// no number.
pub fn directive_cell(t: &ReportTask, lang: Lang) -> String {
    sauro_core::document::citation(
        t.directive_number.as_deref(),
        &t.directive,
        t.directive_issued_on,
        lang,
    )
}

/// The deadline's wording when it says more than the date itself
/// (`tháng 2.2026` for 28/02/2026); `None` when it is just the date.
pub fn deadline_wording(t: &ReportTask) -> Option<&str> {
    t.deadline_shown().extra_words()
}

/// The coordinating agencies by name ("Bộ Tài chính, Các bộ, ngành, địa
/// phương"), by id where a name is not known.
fn support_cell(t: &ReportTask) -> String {
    t.support
        .iter()
        .enumerate()
        .map(|(i, id)| {
            t.support_names
                .get(i)
                .filter(|n| !n.is_empty())
                .map_or(id.as_str(), String::as_str)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The deadline cell as text: "28/02/2026 (tháng 2.2026)", the date alone
/// when the wording says nothing more, the wording when there is no date,
/// and for a task extended since its directive "(…; đã gia hạn; hạn ban
/// đầu: quý 2/2026)" (see [`sauro_core::wording::DeadlineShown::cell_with_words`]).
pub fn deadline_cell(t: &ReportTask, lang: Lang) -> String {
    t.deadline_shown()
        .cell_with_words(t.original_deadline.as_deref(), lang)
}

/// The lead cell: "Bộ Công an (BCA)", the id alone when its name is not
/// known, "(chưa rõ chủ trì)" when there is none.
/// Co-leads are all listed, separated by "; ".
pub fn lead_cell(t: &ReportTask, lang: Lang) -> String {
    t.leads_text(true)
        .unwrap_or_else(|| sauro_core::wording::no_lead(lang).to_owned())
}

/// One row of the list, each cell typed as the spreadsheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row number, from 1.
    pub no: usize,
    /// Task id.
    pub id: String,
    /// The work.
    pub title: String,
    /// Number and date of the directive.
    pub directive: String,
    /// The lead.
    pub lead: String,
    /// Coordinating agency ids, comma-separated.
    pub support: String,
    /// The deliverable.
    pub product: String,
    /// The effective deadline.
    pub deadline: Option<NaiveDate>,
    /// The wording of the deadline, when it differs from the date.
    pub deadline_wording: Option<String>,
    /// True when the deadline recurs: the cell is then text, not a date.
    pub recurring: bool,
    /// The deadline cell as text.
    pub deadline_cell: String,
    /// Days past the deadline.
    pub days_overdue: Option<i64>,
    /// Unfinished prerequisites, comma-separated.
    pub blocked_by: String,
    /// The latest note.
    pub note: String,
}

impl Row {
    /// The row of the task numbered `no`.
    pub fn new(no: usize, t: &ReportTask, lang: Lang) -> Row {
        let shown = t.deadline_shown();
        let deadline_wording = shown.words_with_extension(t.original_deadline.as_deref(), lang);
        Row {
            deadline_cell: shown.join_words(deadline_wording.as_deref(), lang),
            recurring: t.recurring,
            no,
            id: t.id.clone(),
            // A classified task exported on request says so where it is read.
            title: if t.classified {
                format!("{} {}", lang.pick("[MẬT]", "[CLASSIFIED]"), t.title)
            } else {
                t.title.clone()
            },
            directive: directive_cell(t, lang),
            lead: lead_cell(t, lang),
            support: support_cell(t),
            product: t.product.clone().unwrap_or_default(),
            deadline: t.deadline,
            deadline_wording,
            days_overdue: t.days_overdue,
            blocked_by: t.blocked_by.join(", "),
            note: t.note.clone().unwrap_or_default(),
        }
    }

    /// The deadline cell as text.
    pub fn deadline_text(&self) -> String {
        self.deadline_cell.clone()
    }

    /// Every cell as text, in column order.
    pub fn cells(&self) -> [String; 11] {
        [
            self.no.to_string(),
            self.id.clone(),
            self.title.clone(),
            self.directive.clone(),
            self.lead.clone(),
            self.support.clone(),
            self.product.clone(),
            self.deadline_text(),
            self.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
            self.blocked_by.clone(),
            self.note.clone(),
        ]
    }
}

/// An overdue list: the tasks (in the order to show them), the day it is
/// computed for, the language, and whose list it is.
#[derive(Debug, Clone)]
pub struct OverdueList {
    /// The as-of day.
    pub as_of: NaiveDate,
    /// Language of labels.
    pub lang: Lang,
    /// The lead agency id the list is for (names the sheet); `None` for a
    /// list of every lead.
    pub key: Option<String>,
    /// Whose list, for the title ("Bộ Công an (BCA)"); `None` for every lead.
    pub scope: Option<String>,
    /// What the list is, when not the overdue list ("Danh sách nhiệm vụ — Bị chặn").
    pub heading: Option<String>,
    /// The tasks, in order.
    pub tasks: Vec<ReportTask>,
    /// Columns the caller adds after the standard ones (the terminal UI's
    /// tab columns: status and done day, why a task is blocked).
    pub extra: Vec<ExtraColumn>,
}

/// A column added after the standard ones: its label and each task's cell,
/// by task id (a task with no cell gets an empty one).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExtraColumn {
    /// The header.
    pub label: String,
    /// The cells, by task id.
    pub cells: HashMap<String, String>,
}

impl OverdueList {
    /// A list of every given task, for every lead.
    pub fn new(tasks: Vec<ReportTask>, as_of: NaiveDate, lang: Lang) -> OverdueList {
        OverdueList {
            as_of,
            lang,
            key: None,
            scope: None,
            heading: None,
            tasks,
            extra: Vec::new(),
        }
    }

    /// The headers: the standard columns, then the extra ones.
    pub fn headers(&self) -> Vec<&str> {
        let mut h: Vec<&str> = columns(self.lang).to_vec();
        h.extend(self.extra.iter().map(|e| e.label.as_str()));
        h
    }

    /// The extra cells of a task, in the order of [`OverdueList::extra`].
    pub fn extra_cells(&self, id: &str) -> Vec<String> {
        self.extra
            .iter()
            .map(|e| e.cells.get(id).cloned().unwrap_or_default())
            .collect()
    }

    /// The title: "Danh sách nhiệm vụ quá hạn — tính đến ngày 22/11/2026",
    /// with the agency when the list is for one.
    pub fn title(&self) -> String {
        let name = match &self.heading {
            Some(h) => h.as_str(),
            None => self
                .lang
                .pick("Danh sách nhiệm vụ quá hạn", "Overdue tasks"),
        };
        let as_of = format!(
            "{} {}",
            self.lang.pick("tính đến ngày", "as of"),
            format_date(self.as_of)
        );
        match &self.scope {
            Some(s) => format!("{name} — {s} — {as_of}"),
            None => format!("{name} — {as_of}"),
        }
    }

    /// What the list is made of, singular in each language: "nhiệm vụ quá
    /// hạn" for the overdue list, "nhiệm vụ" for a list with its own heading.
    fn noun(&self) -> (&'static str, &'static str) {
        match self.heading {
            Some(_) => ("nhiệm vụ", "task"),
            None => ("nhiệm vụ quá hạn", "overdue task"),
        }
    }

    /// The line an empty list shows.
    pub fn empty_text(&self) -> String {
        let (vi, en) = self.noun();
        match self.lang {
            Lang::Vi => format!("Không có {vi}."),
            Lang::En => format!("No {}.", sauro_core::lang::plural_en(0, en)),
        }
    }

    /// The rows, numbered from 1.
    pub fn rows(&self) -> Vec<Row> {
        self.tasks
            .iter()
            .enumerate()
            .map(|(i, t)| Row::new(i + 1, t, self.lang))
            .collect()
    }

    /// CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
    /// quoting; the header row, then one row per task. A cell a spreadsheet
    /// would take for a formula starts with an apostrophe ([`csv_cell`]).
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            w.write_record(self.headers())?;
            for (t, row) in self.tasks.iter().zip(self.rows()) {
                let mut cells = row.cells().to_vec();
                cells.extend(self.extra_cells(&t.id));
                w.write_record(cells.iter().map(|c| csv_cell(c).into_owned()))?;
            }
            w.flush().map_err(csv::Error::from)?;
        }
        Ok(out)
    }

    /// A Markdown table to paste into an email, under a heading line.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n\n", md_cell(&self.title()));
        if self.tasks.is_empty() {
            out.push_str(&format!("_{}_\n", self.empty_text()));
            return out;
        }
        let cols = self.headers();
        out.push_str(&format!("| {} |\n", cols.join(" | ")));
        let rule: Vec<&str> = cols
            .iter()
            .enumerate()
            .map(|(i, _)| if i == 0 || i == 8 { "---:" } else { "---" })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for (t, row) in self.tasks.iter().zip(self.rows()) {
            let mut all = row.cells().to_vec();
            all.extend(self.extra_cells(&t.id));
            let cells: Vec<String> = all.iter().map(|c| md_cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push_str(&format!(
            "\n{}.\n",
            self.lang
                .count(self.tasks.len(), self.noun().0, self.noun().1)
        ));
        out
    }

    /// A JSON array with one object per row.
    pub fn to_json(&self) -> Result<String> {
        let rows: Vec<JsonRow<'_>> = self
            .tasks
            .iter()
            .zip(self.rows())
            .map(|(t, r)| JsonRow {
                no: r.no,
                id: &t.id,
                title: &t.title,
                directive: &t.directive,
                directive_number: t.directive_number.as_deref(),
                directive_issued_on: t.directive_issued_on,
                assigned_by: r.directive,
                lead: t.lead.as_deref(),
                lead_name: t.lead_name.as_deref(),
                leads: t.leads(),
                key: t.key,
                classified: t.classified,
                support: &t.support,
                product: t.product.as_deref(),
                deadline: t.deadline,
                deadline_text: t.deadline_text.as_deref(),
                original_deadline: t.original_deadline.as_deref(),
                days_overdue: t.days_overdue,
                blocked_by: &t.blocked_by,
                note: t.note.as_deref(),
                extra: self
                    .extra
                    .iter()
                    .map(|e| {
                        let cell = e.cells.get(&t.id).map_or("", String::as_str);
                        (e.label.as_str(), cell)
                    })
                    .collect(),
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows)?;
        Ok(sauro_core::escape::json(&text).into_owned())
    }

    /// An Excel workbook with this list as its one sheet.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        workbook(std::slice::from_ref(self))
    }
}

#[derive(serde::Serialize)]
struct JsonRow<'a> {
    no: usize,
    id: &'a str,
    title: &'a str,
    directive: &'a str,
    directive_number: Option<&'a str>,
    directive_issued_on: Option<NaiveDate>,
    assigned_by: String,
    lead: Option<&'a str>,
    lead_name: Option<&'a str>,
    /// Every lead, co-leads included.
    leads: Vec<&'a str>,
    key: bool,
    classified: bool,
    support: &'a [String],
    product: Option<&'a str>,
    deadline: Option<NaiveDate>,
    deadline_text: Option<&'a str>,
    /// The deadline first assigned, when it was extended since.
    original_deadline: Option<&'a str>,
    days_overdue: Option<i64>,
    blocked_by: &'a [String],
    note: Option<&'a str>,
    /// The caller's extra columns, by label.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extra: BTreeMap<&'a str, &'a str>,
}

/// One lead's share of an overdue list, for `--split-by lead`.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadGroup {
    /// The lead agency id (after any mapping); `None` for tasks with no lead.
    pub lead: Option<String>,
    /// The lead's name.
    pub name: Option<String>,
    /// Its tasks, in the order given.
    pub tasks: Vec<ReportTask>,
}

impl LeadGroup {
    /// The file stem: the agency id (characters other than letters, digits,
    /// `-` and `_` replaced by `_`), [`NO_LEAD_KEY`] for tasks with no lead.
    pub fn file_stem(&self) -> String {
        match &self.lead {
            Some(id) => {
                let s: String = id
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                if s.is_empty() { "_".to_owned() } else { s }
            }
            None => NO_LEAD_KEY.to_owned(),
        }
    }

    /// The list of this group.
    pub fn list(&self, as_of: NaiveDate, lang: Lang) -> OverdueList {
        let scope = match (&self.lead, &self.name) {
            (Some(id), Some(name)) if name != id && !name.is_empty() => format!("{name} ({id})"),
            (Some(id), _) => id.clone(),
            (None, _) => lang
                .pick("Chưa rõ cơ quan chủ trì", "No lead agency")
                .to_owned(),
        };
        OverdueList {
            as_of,
            lang,
            key: Some(self.file_stem()),
            scope: Some(scope),
            heading: None,
            tasks: self.tasks.clone(),
            extra: Vec::new(),
        }
    }
}

/// Splits tasks per lead agency. `agency` maps a lead id to the id and name
/// the list is sent to (a predecessor to its successor, say). Groups come
/// sorted by agency id, tasks without a lead last; each keeps the given order.
pub fn split_by_lead(
    tasks: &[ReportTask],
    agency: impl Fn(&ReportTask, &str) -> (String, String),
) -> Vec<LeadGroup> {
    let mut by: BTreeMap<String, LeadGroup> = BTreeMap::new();
    let mut none = Vec::new();
    for t in tasks {
        if t.lead.is_none() {
            none.push(t.clone());
        }
        // A co-led task goes to each of its leads, once per group.
        let mut placed: Vec<String> = Vec::new();
        for lead in t.leads() {
            let (id, name) = agency(t, lead);
            if placed.contains(&id) {
                continue;
            }
            placed.push(id.clone());
            by.entry(id.clone())
                .or_insert_with(|| LeadGroup {
                    lead: Some(id),
                    name: Some(name),
                    tasks: Vec::new(),
                })
                .tasks
                .push(t.clone());
        }
    }
    let mut out: Vec<LeadGroup> = by.into_values().collect();
    if !none.is_empty() {
        out.push(LeadGroup {
            lead: None,
            name: None,
            tasks: none,
        });
    }
    out
}

/// A worksheet name Excel accepts: none of `[]:*?/\`, no leading or
/// trailing apostrophe, at most 31 characters, not blank, unique (case
/// ignored) among `used`, to which it is added.
pub fn sheet_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let base = if cleaned.is_empty() {
        "Sheet".to_owned()
    } else {
        cleaned.to_owned()
    };
    let fit = |s: &str, room: usize| -> String {
        let mut out = String::new();
        let mut units = 0;
        for c in s.chars() {
            units += c.len_utf16();
            if units > room {
                break;
            }
            out.push(c);
        }
        out.trim_end_matches('\'').to_owned()
    };
    let mut n = 1;
    loop {
        let name = if n == 1 {
            fit(&base, 31)
        } else {
            let suffix = format!(" ({n})");
            format!("{}{suffix}", fit(&base, 31 - suffix.len()))
        };
        let key = name.to_lowercase();
        // "History" is reserved by Excel.
        if key != "history" && used.insert(key) {
            return name;
        }
        n += 1;
    }
}

/// Widths (in characters) allowed per column: minimum, maximum.
const WIDTHS: [(f64, f64); 11] = [
    (5.0, 5.0),
    (10.0, 12.0),
    (24.0, 30.0),
    (12.0, 16.0),
    (10.0, 14.0),
    (8.0, 10.0),
    (10.0, 14.0),
    (11.0, 24.0),
    (7.0, 8.0),
    (8.0, 10.0),
    (8.0, 18.0),
];

/// The width of a caller's extra column.
const EXTRA_WIDTH: f64 = 16.0;

/// The font of administrative documents, and its size in the sheet's cells.
pub const FONT: &str = "Times New Roman";
/// Cell text size, in points. The widths above add up to at most 161
/// characters (about 1,182 pixels at 96 dpi); fitted to the 10.89 inches
/// (1,045 pixels) of an A4 landscape page between 1 cm margins, the sheet is
/// scaled to 88 %, so 12 pt prints at 10.5 pt.
pub const FONT_SIZE: f64 = 12.0;

/// The longest line of `s`, in characters.
fn longest_line(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A custom Excel number format showing the date and the wording:
/// `dd/mm/yyyy" (tháng 2.2026)"`. The cell stays a real date.
fn date_format_with(wording: &str) -> String {
    // Keep the format short (Excel's limit is 255 characters).
    let mut w: String = wording
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if w.chars().count() > 40 {
        w = w.chars().take(39).collect::<String>() + "…";
    }
    // A literal quote: close the string, escape it, reopen.
    let w = w.replace('"', "\"\\\"\"");
    format!("dd/mm/yyyy\" ({w})\"")
}

/// An Excel workbook with one sheet per list (the header bold and frozen,
/// an autofilter, wrapped text, deadlines as Excel dates, days overdue as
/// numbers), printable on A4 landscape.
pub fn workbook(lists: &[OverdueList]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    if let Some(first) = lists.first() {
        let d = first.as_of;
        let created = excel_date(d)?;
        wb.set_properties(
            &DocProperties::new()
                .set_title(
                    first
                        .lang
                        .pick("Danh sách nhiệm vụ quá hạn", "Overdue tasks"),
                )
                .set_author("sauro")
                .set_creation_datetime(&created),
        );
    }
    let mut used = HashSet::new();
    for list in lists {
        let wanted = list
            .key
            .clone()
            .unwrap_or_else(|| list.lang.pick("Quá hạn", "Overdue").to_owned());
        let name = sheet_name(&wanted, &mut used);
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        write_sheet(ws, list)?;
    }
    if lists.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("Sheet1")?;
    }
    Ok(wb.save_to_buffer()?)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    // Dates outside Excel's range (1900–9999) cannot be Excel dates.
    let year = u16::try_from(d.year()).unwrap_or(1900);
    Ok(ExcelDateTime::from_ymd(
        year,
        d.month() as u8,
        d.day() as u8,
    )?)
}

/// True when Excel can hold the date as a date.
fn excel_range(d: NaiveDate) -> bool {
    (1900..=9999).contains(&d.year())
}

/// The printed footer: the as-of day on the left, "Trang N/M" in the middle
/// (Excel's header/footer codes; `&` in text doubled).
fn footer(list: &OverdueList) -> String {
    let as_of = format!(
        "{} {}",
        list.lang.pick("Tính đến ngày", "As of"),
        format_date(list.as_of)
    );
    let font = format!("&\"{FONT},Regular\"&10");
    format!(
        "&L{font}{}&C{font}{} &P/&N",
        as_of.replace('&', "&&"),
        list.lang.pick("Trang", "Page")
    )
}

/// The cell formats of a sheet.
struct SheetFormats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    /// Date formats that carry a wording, by wording.
    worded: HashMap<String, Format>,
}

impl SheetFormats {
    fn new() -> SheetFormats {
        let base = || Format::new().set_font_name(FONT).set_font_size(FONT_SIZE);
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        SheetFormats {
            title: base().set_bold().set_font_size(14),
            header: border(
                base()
                    .set_bold()
                    .set_text_wrap()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_background_color(0xD9E1F2),
            ),
            text: border(base().set_text_wrap().set_align(FormatAlign::Top)),
            number: border(base().set_num_format("0").set_align(FormatAlign::Top)),
            date: border(
                base()
                    .set_num_format("dd/mm/yyyy")
                    .set_align(FormatAlign::Top)
                    .set_align(FormatAlign::Left),
            ),
            worded: HashMap::new(),
        }
    }

    /// The date format showing `wording` after the date.
    fn worded(&mut self, wording: &str) -> &Format {
        let date = &self.date;
        self.worded
            .entry(wording.to_owned())
            .or_insert_with(|| date.clone().set_num_format(date_format_with(wording)))
    }
}

/// Points per printed line of wrapped cell text at [`FONT_SIZE`].
const LINE_HEIGHT: f64 = FONT_SIZE * 1.3;

/// Characters of Vietnamese text in Times New Roman per unit of column
/// width (a unit is the width of a digit of the workbook's default font),
/// as printed by LibreOffice and Excel.
const CHARS_PER_UNIT: f64 = 1.45;

/// Characters of a date cell's number format per unit of column width that
/// surely fit: a number format cannot wrap, and one too wide prints as `###`.
const DATE_CHARS_PER_UNIT: f64 = 1.15;

/// True when a deadline cell showing `text` (`28/02/2026 (tháng 2.2026)`)
/// fits a column `width` units wide as a date; a longer one is written as
/// wrapped text.
pub fn deadline_fits_as_date(text: &str, width: f64) -> bool {
    text.chars().count() as f64 <= (width - 1.0) * DATE_CHARS_PER_UNIT
}

/// The lines `text` takes in a column `width` units wide, wrapped at words
/// (an estimate by character count).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = ((width - 1.0) * CHARS_PER_UNIT).max(1.0) as usize;
    text.lines()
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

/// Column widths: each column's longest line, within its bounds.
fn column_widths(cols: &[&str], rows: &[[String; 11]]) -> Vec<f64> {
    let mut widest: Vec<usize> = cols.iter().map(|c| longest_line(c)).collect();
    for cells in rows {
        for (c, text) in cells.iter().enumerate() {
            widest[c] = widest[c].max(longest_line(text));
        }
    }
    WIDTHS
        .iter()
        .zip(widest)
        .map(|((min, max), w)| (w as f64 + 2.0).clamp(*min, *max))
        .collect()
}

/// The height of a row of `cells`, so wrapped text shows whole when printed.
fn row_height(cells: &[impl AsRef<str>], widths: &[f64]) -> f64 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(t, w)| wrapped_lines(t.as_ref(), *w))
        .max()
        .unwrap_or(1);
    lines as f64 * LINE_HEIGHT + 3.0
}

/// Writes one task row. A deadline whose date and wording do not fit the
/// column is written as wrapped text instead of a date that would print as
/// `###`.
fn write_row(
    ws: &mut Worksheet,
    r: u32,
    row: &Row,
    cells: &[String; 11],
    deadline_width: f64,
    f: &mut SheetFormats,
) -> Result<()> {
    for (c, text) in cells.iter().enumerate() {
        let col = c as u16;
        match c {
            0 => {
                ws.write_number_with_format(r, col, row.no as f64, &f.number)?;
            }
            7 => match row.deadline.filter(|d| !row.recurring && excel_range(*d)) {
                Some(d) if deadline_fits_as_date(text, deadline_width) => {
                    let fmt = match &row.deadline_wording {
                        None => &f.date,
                        Some(w) => f.worded(w),
                    };
                    ws.write_datetime_with_format(r, col, excel_date(d)?, fmt)?;
                }
                _ => {
                    ws.write_string_with_format(r, col, text, &f.text)?;
                }
            },
            8 => match row.days_overdue {
                Some(n) => {
                    ws.write_number_with_format(r, col, n as f64, &f.number)?;
                }
                None => {
                    ws.write_blank(r, col, &f.number)?;
                }
            },
            _ => {
                ws.write_string_with_format(r, col, text, &f.text)?;
            }
        }
    }
    Ok(())
}

fn write_sheet(ws: &mut Worksheet, list: &OverdueList) -> Result<()> {
    let mut f = SheetFormats::new();
    let cols = columns(list.lang);
    let rows = list.rows();
    let cells: Vec<[String; 11]> = rows.iter().map(Row::cells).collect();
    let widths = column_widths(&cols, &cells);
    let last_col = (cols.len() + list.extra.len() - 1) as u16;

    ws.write_string_with_format(0, 0, list.title(), &f.title)?;
    ws.set_row_height(0, 24)?;
    for (c, label) in cols.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *label, &f.header)?;
    }
    ws.set_row_height(1, row_height(&cols, &widths))?;
    let extra_w = vec![EXTRA_WIDTH; list.extra.len()];
    for (j, e) in list.extra.iter().enumerate() {
        ws.write_string_with_format(1, (cols.len() + j) as u16, &e.label, &f.header)?;
    }
    for (i, ((row, cells), t)) in rows.iter().zip(&cells).zip(&list.tasks).enumerate() {
        let r = (i + 2) as u32;
        write_row(ws, r, row, cells, widths[7], &mut f)?;
        let extra = list.extra_cells(&t.id);
        for (j, text) in extra.iter().enumerate() {
            ws.write_string_with_format(r, (cols.len() + j) as u16, text, &f.text)?;
        }
        let height = row_height(cells, &widths).max(row_height(&extra, &extra_w));
        ws.set_row_height(r, height)?;
    }
    for (c, w) in widths.iter().chain(&extra_w).enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last_row = (rows.len() + 1) as u32;
    if rows.is_empty() {
        ws.write_string_with_format(2, 0, list.empty_text(), &f.text.clone().set_italic())?;
    }
    ws.set_freeze_panes(2, 0)?;
    ws.autofilter(1, 0, last_row, last_col)?;
    ws.set_repeat_rows(1, 1)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    // Margins in inches: 1 cm left and right, room for the footer.
    ws.set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3);
    ws.set_footer(footer(list));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sauro_core::Status;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn task(id: &str, deadline_text: &str, deadline: NaiveDate) -> ReportTask {
        ReportTask {
            id: id.into(),
            directive: "qd-2629-2025".into(),
            directive_number: Some("2629/QĐ-TTg".into()),
            directive_issued_on: Some(d(2025, 12, 1)),
            title: "Trình | ban hành".into(),
            lead: Some("BCA".into()),
            lead_name: Some("Bộ Công an".into()),
            co_leads: Vec::new(),
            co_lead_names: Vec::new(),
            key: false,
            classified: false,
            support: vec!["BTC".into(), "BTP".into()],
            support_names: vec![],
            responsible: None,
            product: Some("Nghị định".into()),
            authority: None,
            deadline: Some(deadline),
            deadline_text: Some(deadline_text.into()),
            status: Status::Overdue,
            days_overdue: Some(5),
            due_soon: false,
            blocked_by: vec![],
            depends_on: vec![],
            missing: vec![],
            extended: false,
            original_deadline: None,
            recurring: false,
            done_on: None,
            note: None,
        }
    }

    /// Every cell of a CSV export, as a spreadsheet reads it.
    fn csv_cells(list: &OverdueList) -> Vec<Vec<String>> {
        let bytes = list.to_csv().unwrap();
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..])
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn csv_cells_cannot_become_formulas() {
        let formulas = [
            "=1+1",
            "+SUM(A1:A9)",
            "-2+3",
            "@SUM(A1)",
            "\t=cmd|' /C calc'!A0",
        ];
        let tasks = formulas
            .iter()
            .map(|f| {
                let mut t = task("a", "x", d(2026, 1, 1));
                t.title = (*f).to_owned();
                t.note = Some(format!(" {f}"));
                t.lead_name = Some((*f).to_owned());
                t
            })
            .collect();
        let rows = csv_cells(&OverdueList::new(tasks, d(2026, 2, 1), Lang::Vi));
        for (row, f) in rows[1..].iter().zip(formulas) {
            for cell in [&row[2], &row[4], &row[10]] {
                assert!(cell.starts_with('\''), "{f:?}: {cell:?}");
                assert!(cell.contains(f.trim_start_matches('\t')), "{cell:?}");
            }
            // The numbers stay numbers.
            assert!(row[0].parse::<usize>().is_ok(), "{row:?}");
            assert!(row[8].parse::<i64>().is_ok(), "{row:?}");
        }
    }

    #[test]
    fn markdown_cannot_carry_html_or_script_links() {
        let mut t = task("a", "x", d(2026, 1, 1));
        t.title = "<script>alert(1)</script> [x](javascript:alert(1))".into();
        t.note = Some("\u{1b}]0;pwned\u{7}\u{1b}[2J\rB\u{8}".into());
        let md = OverdueList::new(vec![t], d(2026, 2, 1), Lang::Vi).to_markdown();
        assert!(!md.contains("<script>"), "{md}");
        assert!(!md.contains("](javascript:"), "{md}");
        assert!(md.contains("\\<script\\>"), "{md}");
        assert!(md.contains("javascript\\:alert"), "{md}");
        assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
        assert!(md.contains("␛\\]0;pwned␇␛\\[2J␍B␈"), "{md}");
    }

    #[test]
    fn deadline_wording_is_shown_only_when_it_says_more() {
        let t = task("a", "tháng 2.2026", d(2026, 2, 28));
        assert_eq!(deadline_cell(&t, Lang::Vi), "28/02/2026 (tháng 2.2026)");
        for same in ["28/2/2026", "ngày 28/02/2026", "2026-02-28", " 28/02/2026 "] {
            let t = task("a", same, d(2026, 2, 28));
            assert_eq!(deadline_cell(&t, Lang::Vi), "28/02/2026", "{same}");
        }
    }

    #[test]
    fn directive_cell_has_number_and_date_or_the_id() {
        let mut t = task("a", "x", d(2026, 1, 1));
        assert_eq!(
            directive_cell(&t, Lang::Vi),
            "Quyết định 2629/QĐ-TTg ngày 01/12/2025"
        );
        assert_eq!(
            directive_cell(&t, Lang::En),
            "Decision 2629/QĐ-TTg of 01/12/2025"
        );
        t.directive_number = None;
        assert_eq!(directive_cell(&t, Lang::Vi), "qd-2629-2025 ngày 01/12/2025");
        t.directive_issued_on = None;
        assert_eq!(directive_cell(&t, Lang::Vi), "qd-2629-2025");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("BCA", &mut used), "BCA");
        assert_eq!(sheet_name("bca", &mut used), "bca (2)");
        assert_eq!(sheet_name("a[b]:c*d?e/f\\g", &mut used), "a_b__c_d_e_f_g");
        let long = "X".repeat(40);
        let first = sheet_name(&long, &mut used);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, &mut used);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
        assert_eq!(sheet_name("'quoted'", &mut used), "quoted");
        assert_eq!(sheet_name("", &mut used), "Sheet");
        assert_eq!(sheet_name("History", &mut used), "History (2)");
    }

    #[test]
    fn markdown_escapes_pipes_and_line_breaks() {
        let list = OverdueList::new(
            vec![task("a", "quý 1/2026", d(2026, 3, 31))],
            d(2026, 11, 22),
            Lang::Vi,
        );
        let md = list.to_markdown();
        assert!(md.starts_with("## Danh sách nhiệm vụ quá hạn — tính đến ngày 22/11/2026\n"));
        assert!(md.contains("| 1 | a | Trình \\| ban hành |"));
    }

    #[test]
    fn date_formats_quote_the_wording() {
        assert_eq!(
            date_format_with("quý 1/2026"),
            "dd/mm/yyyy\" (quý 1/2026)\""
        );
        assert_eq!(date_format_with("a\"b"), "dd/mm/yyyy\" (a\"\\\"\"b)\"");
    }

    #[test]
    fn split_groups_by_lead_no_lead_last() {
        let mut a = task("a", "x", d(2026, 1, 1));
        a.lead = Some("BTC".into());
        let b = task("b", "x", d(2026, 1, 1));
        let mut c = task("c", "x", d(2026, 1, 1));
        c.lead = None;
        let groups = split_by_lead(&[c, a, b], |t, id| {
            (id.to_owned(), t.lead_name.clone().unwrap_or_default())
        });
        let stems: Vec<String> = groups.iter().map(LeadGroup::file_stem).collect();
        assert_eq!(stems, ["BCA", "BTC", NO_LEAD_KEY]);
    }
}
