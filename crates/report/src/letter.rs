//! The chase-up letter (công văn đôn đốc) to one lead agency: its overdue
//! tasks and those due soon, with the document that assigned each, the
//! deadline as written and the days, laid out as an administrative document
//! (Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body and the national
//! motto side by side, a number left for the clerk, "V/v", "Kính gửi",
//! "Nơi nhận" and the signature block). Word (DOCX, Times New Roman) for
//! signing, Markdown for an email.

use crate::ReportTask;
use crate::docx::{body, centered, heading, pack};
use crate::overdue::{deadline_cell, directive_cell};
use chrono::{Datelike, NaiveDate};
use docx_rs::{AlignmentType, Paragraph, Run, Table, TableCell, TableRow, WidthType};
use sauro_core::escape::md_cell;
use sauro_core::{Lang, format_date, wording};

/// One letter to one lead agency.
#[derive(Debug, Clone)]
pub struct Letter {
    /// The as-of day: the letter counts days to it.
    pub as_of: NaiveDate,
    /// Language of the letter (Vietnamese for sending).
    pub lang: Lang,
    /// The recipient's registry id (`BCA`).
    pub recipient_id: String,
    /// The recipient's name (`Bộ Công an`).
    pub recipient: String,
    /// Its unfinished tasks past their deadline, longest overdue first.
    pub overdue: Vec<ReportTask>,
    /// Its open tasks due within `due_soon_days`.
    pub due_soon: Vec<ReportTask>,
    /// The window of "due soon", in days.
    pub due_soon_days: i64,
}

/// A table of the letter: its heading, column labels and rows.
type LetterTable = (String, [&'static str; 5], Vec<[String; 5]>);

/// Body text size in half-points (14 pt).
const BODY: usize = 28;
/// Table text size in half-points (12 pt).
const TABLE: usize = 24;
/// Header text size in half-points (13 pt).
const HEADER: usize = 26;

impl Letter {
    /// The subject line after "V/v".
    pub fn subject(&self) -> &'static str {
        self.lang.pick(
            "đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn",
            "chasing up overdue and soon-due tasks",
        )
    }

    /// The opening paragraph: what was counted, as of when.
    pub fn opening(&self) -> String {
        let (n, m, d) = (self.overdue.len(), self.due_soon.len(), self.due_soon_days);
        let as_of = format_date(self.as_of);
        let who = &self.recipient;
        match self.lang {
            Lang::Vi => {
                let mut parts = Vec::new();
                if n > 0 {
                    parts.push(format!("{n} nhiệm vụ quá hạn chưa hoàn thành"));
                }
                if m > 0 {
                    parts.push(format!(
                        "{m} nhiệm vụ đến hạn trong {} tới",
                        wording::days(d, self.lang)
                    ));
                }
                format!(
                    "Theo dõi tình hình thực hiện nhiệm vụ được giao, tính đến ngày {as_of}, {who} còn {}, cụ thể như sau:",
                    parts.join(" và ")
                )
            }
            Lang::En => {
                let mut parts = Vec::new();
                if n > 0 {
                    parts.push(self.lang.count(n, "", "overdue unfinished task"));
                }
                if m > 0 {
                    parts.push(format!(
                        "{} within the next {}",
                        self.lang.count(m, "", "task due"),
                        wording::days(d, self.lang)
                    ));
                }
                format!("As of {as_of}, {who} has {}:", parts.join(" and "))
            }
        }
    }

    /// The closing request.
    pub fn closing(&self) -> String {
        match self.lang {
            Lang::Vi => format!(
                "Văn phòng Chính phủ đề nghị {} khẩn trương chỉ đạo hoàn thành các nhiệm vụ nêu trên; trường hợp không bảo đảm thời hạn, đề nghị báo cáo Thủ tướng Chính phủ xem xét việc điều chỉnh thời hạn hoặc rút nhiệm vụ theo quy định./.",
                self.recipient
            ),
            Lang::En => format!(
                "The Office of Government asks {} to see that the tasks above are finished without delay; where a deadline cannot be met, to report to the Prime Minister for a change of deadline or withdrawal of the task./.",
                self.recipient
            ),
        }
    }

    /// The two tables: overdue tasks, then those due soon (each only when
    /// it has rows).
    fn tables(&self) -> Vec<LetterTable> {
        let l = self.lang;
        let cols_overdue = [
            "STT",
            l.pick("Nhiệm vụ", "Task"),
            l.pick("Văn bản giao", "Assigned by"),
            l.pick("Thời hạn", "Deadline"),
            l.pick("Số ngày quá hạn", "Days overdue"),
        ];
        let cols_soon = [
            "STT",
            l.pick("Nhiệm vụ", "Task"),
            l.pick("Văn bản giao", "Assigned by"),
            l.pick("Thời hạn", "Deadline"),
            l.pick("Số ngày còn lại", "Days left"),
        ];
        let rows = |tasks: &[ReportTask], days: &dyn Fn(&ReportTask) -> String| {
            tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    [
                        (i + 1).to_string(),
                        format!("{} ({})", t.title, t.id),
                        directive_cell(t, l),
                        deadline_cell(t, l),
                        days(t),
                    ]
                })
                .collect::<Vec<_>>()
        };
        let overdue_days =
            |t: &ReportTask| t.days_overdue.map(|n| n.to_string()).unwrap_or_default();
        let as_of = self.as_of;
        let days_left = move |t: &ReportTask| {
            t.deadline
                .map(|d| (d - as_of).num_days().to_string())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        if !self.overdue.is_empty() {
            out.push((
                l.pick(
                    "1. Nhiệm vụ quá hạn chưa hoàn thành",
                    "1. Overdue unfinished tasks",
                )
                .to_owned(),
                cols_overdue,
                rows(&self.overdue, &overdue_days),
            ));
        }
        if !self.due_soon.is_empty() {
            let n = if self.overdue.is_empty() { 1 } else { 2 };
            let within = wording::days(self.due_soon_days, l);
            let heading = match l {
                Lang::Vi => format!("{n}. Nhiệm vụ đến hạn trong {within} tới"),
                Lang::En => format!("{n}. Tasks due within the next {within}"),
            };
            out.push((heading, cols_soon, rows(&self.due_soon, &days_left)));
        }
        out
    }

    /// The letter as Markdown, for an email or a review before signing.
    pub fn to_markdown(&self) -> String {
        let l = self.lang;
        let mut out = String::new();
        out.push_str(&format!(
            "**{}**  \n{}\n\n",
            l.pick("VĂN PHÒNG CHÍNH PHỦ", "OFFICE OF GOVERNMENT"),
            l.pick("Số: ……/VPCP-……", "No.: ……/VPCP-……")
        ));
        out.push_str(&format!("V/v {}\n\n", self.subject()));
        out.push_str(&format!("*{}*\n\n", self.place_and_date()));
        out.push_str(&format!(
            "{}: {}.\n\n{}\n\n",
            l.pick("Kính gửi", "To"),
            md_cell(&self.recipient),
            md_cell(&self.opening())
        ));
        for (heading, cols, rows) in self.tables() {
            out.push_str(&format!("**{heading}**\n\n| {} |\n", cols.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(cols.len())));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.push('\n');
        }
        out.push_str(&format!("{}\n\n", md_cell(&self.closing())));
        out.push_str(&format!("**{}**\n\n", l.pick("Nơi nhận:", "Copies to:")));
        for line in self.recipients_lines() {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str(&format!("\n**{}**\n", self.signature_lines().join("  \n")));
        out
    }

    /// "Hà Nội, ngày … tháng … năm 2026": the day is the signer's to fill.
    fn place_and_date(&self) -> String {
        match self.lang {
            Lang::Vi => format!("Hà Nội, ngày …… tháng …… năm {}", self.as_of.year()),
            Lang::En => format!("Hà Nội, …… {}", self.as_of.year()),
        }
    }

    /// The "Nơi nhận" list.
    fn recipients_lines(&self) -> Vec<String> {
        match self.lang {
            Lang::Vi => vec![
                "Như trên;".to_owned(),
                "Thủ tướng Chính phủ (để báo cáo);".to_owned(),
                "VPCP: BTCN, các PCN;".to_owned(),
                "Lưu: VT, ……".to_owned(),
            ],
            Lang::En => vec![
                "As above;".to_owned(),
                "The Prime Minister (to report);".to_owned(),
                "Office of Government: Minister, Vice Ministers;".to_owned(),
                "Archive: VT, ……".to_owned(),
            ],
        }
    }

    /// The signature block.
    fn signature_lines(&self) -> Vec<&'static str> {
        vec![
            self.lang
                .pick("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "FOR THE MINISTER, CHAIRMAN"),
            self.lang.pick("PHÓ CHỦ NHIỆM", "VICE CHAIRMAN"),
        ]
    }

    /// The letter as a Word document: A4 portrait, margins of Nghị định
    /// 30/2020 (top and bottom 2 cm, left 3 cm, right 1.5 cm), Times New
    /// Roman 14 pt, tables in 12 pt, page numbers at the foot.
    ///
    /// # Errors
    /// When the DOCX package cannot be written.
    pub fn to_docx(&self) -> crate::Result<Vec<u8>> {
        let mut doc = crate::docx::document(BODY)
            .add_table(self.docx_heading())
            .add_paragraph(Paragraph::new())
            .add_paragraph(centered(
                &format!("{}: {}.", self.lang.pick("Kính gửi", "To"), self.recipient),
                BODY,
                false,
            ))
            .add_paragraph(Paragraph::new())
            .add_paragraph(body(&self.opening(), BODY));
        for (title, cols, rows) in self.tables() {
            let head: Vec<String> = cols.iter().map(|c| (*c).to_owned()).collect();
            let rows: Vec<Vec<Vec<String>>> = rows
                .into_iter()
                .map(|r| r.into_iter().map(|c| vec![c]).collect())
                .collect();
            let numeric = [true, false, false, false, true];
            doc = doc
                .add_paragraph(Paragraph::new())
                .add_paragraph(heading(&title, BODY))
                .add_table(crate::docx::table(&head, &rows, &numeric, &[], TABLE));
        }
        doc = doc
            .add_paragraph(Paragraph::new())
            .add_paragraph(body(&self.closing(), BODY))
            .add_paragraph(Paragraph::new())
            .add_table(self.docx_foot());
        pack(doc)
    }

    /// The heading: issuing body and number on the left, the national name
    /// and motto and the place and date on the right.
    fn docx_heading(&self) -> Table {
        let l = self.lang;
        let left = TableCell::new()
            .width(3800, WidthType::Dxa)
            .add_paragraph(centered(
                l.pick("VĂN PHÒNG CHÍNH PHỦ", "OFFICE OF GOVERNMENT"),
                HEADER,
                true,
            ))
            .add_paragraph(centered("_______", HEADER, false))
            .add_paragraph(centered(
                l.pick("Số: ……/VPCP-……", "No.: ……/VPCP-……"),
                HEADER,
                false,
            ))
            .add_paragraph(centered(&format!("V/v {}", self.subject()), TABLE, false));
        let right = TableCell::new()
            .width(5600, WidthType::Dxa)
            .add_paragraph(centered(
                l.pick(
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "SOCIALIST REPUBLIC OF VIET NAM",
                ),
                24,
                true,
            ))
            .add_paragraph(centered(
                l.pick(
                    "Độc lập - Tự do - Hạnh phúc",
                    "Independence - Freedom - Happiness",
                ),
                BODY,
                true,
            ))
            .add_paragraph(centered("_______________________", HEADER, false))
            .add_paragraph(
                Paragraph::new().align(AlignmentType::Right).add_run(
                    Run::new()
                        .add_text(self.place_and_date())
                        .italic()
                        .size(BODY),
                ),
            );
        Table::without_borders(vec![TableRow::new(vec![left, right])])
    }

    /// "Nơi nhận" on the left, the signature block on the right.
    fn docx_foot(&self) -> Table {
        let mut left = TableCell::new().width(4200, WidthType::Dxa).add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(self.lang.pick("Nơi nhận:", "Copies to:"))
                    .bold()
                    .italic()
                    .size(TABLE),
            ),
        );
        for line in self.recipients_lines() {
            left = left.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(format!("- {line}")).size(22)),
            );
        }
        let mut right = TableCell::new().width(5200, WidthType::Dxa);
        for line in self.signature_lines() {
            right = right.add_paragraph(centered(line, BODY, true));
        }
        Table::without_borders(vec![TableRow::new(vec![left, right])])
    }
}
