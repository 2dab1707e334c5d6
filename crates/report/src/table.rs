//! A plain table leaving sauro as is (the terminal UI's statistics view):
//! a title, headers and rows of text, written as CSV for Excel, Markdown,
//! JSON or an Excel sheet in the administrative font.

use crate::Result;
use crate::overdue::FONT;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatBorder, Workbook};
use sauro_core::escape::{csv_cell, md_cell};
use sauro_core::{AgencyStats, Lang, format_date};

/// The count columns of the per-agency statistics, in the order every
/// projection shows them (the command line, the terminal UI, the exports):
/// the Office's four buckets first, then the tasks without a day (done
/// without a deadline; unfinished ongoing, vague or without a deadline), so
/// that they add up to the tasks assigned.
pub fn agency_count_headers(lang: Lang) -> [&'static str; 8] {
    [
        lang.pick("Giao", "Assigned"),
        lang.pick("Đúng hạn", "On time"),
        lang.pick("Trễ hạn", "Late"),
        lang.pick("Trong hạn", "Open"),
        lang.pick("Quá hạn", "Overdue"),
        lang.pick("HT không hạn", "Done, no date"),
        lang.pick("Không thời hạn", "No date"),
        lang.pick("Trọng tâm", "Key"),
    ]
}

/// The counts of [`agency_count_headers`], in that order.
pub fn agency_counts(s: &AgencyStats) -> [usize; 8] {
    [
        s.assigned,
        s.done_on_time,
        s.done_late,
        s.open,
        s.overdue,
        s.done_undated,
        s.open_undated(),
        s.key,
    ]
}

fn rate(x: Option<f64>) -> String {
    x.map_or_else(String::new, |r| format!("{r:.1}"))
}

/// A titled table of text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What the table is, with its day.
    pub title: String,
    /// The column headers.
    pub headers: Vec<String>,
    /// The rows, each as many cells as headers.
    pub rows: Vec<Vec<String>>,
    /// Columns from this index on hold numbers (right-aligned, numbers in Excel).
    pub numeric_from: usize,
}

impl Table {
    /// CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends.
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            w.write_record(&self.headers)?;
            for row in &self.rows {
                w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
            }
            w.flush().map_err(csv::Error::from)?;
        }
        Ok(out)
    }

    /// A Markdown table under a heading line.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n\n", md_cell(&self.title));
        let cells = |r: &[String]| r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ");
        out.push_str(&format!("| {} |\n", cells(&self.headers)));
        let rule: Vec<&str> = (0..self.headers.len())
            .map(|i| {
                if i >= self.numeric_from {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &self.rows {
            out.push_str(&format!("| {} |\n", cells(row)));
        }
        out
    }

    /// A JSON array of objects keyed by header.
    pub fn to_json(&self) -> Result<String> {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = self
            .rows
            .iter()
            .map(|r| {
                self.headers
                    .iter()
                    .zip(r)
                    .enumerate()
                    .map(|(i, (h, c))| {
                        let v = match c.parse::<f64>() {
                            Ok(n) if i >= self.numeric_from => serde_json::json!(n),
                            _ => serde_json::json!(c),
                        };
                        (h.clone(), v)
                    })
                    .collect()
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows)?;
        Ok(sauro_core::escape::json(&text).into_owned())
    }

    /// An Excel workbook with the table as its one sheet: the title, a bold
    /// frozen header, numbers as numbers, A4 landscape.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let base = || Format::new().set_font_name(FONT).set_font_size(11);
        let title = base().set_bold().set_font_size(14);
        let header = base()
            .set_bold()
            .set_text_wrap()
            .set_border(FormatBorder::Thin);
        let text = base().set_text_wrap().set_border(FormatBorder::Thin);
        let number = base().set_border(FormatBorder::Thin);
        ws.write_string_with_format(0, 0, &self.title, &title)?;
        for (c, h) in self.headers.iter().enumerate() {
            ws.write_string_with_format(1, c as u16, h, &header)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = (r + 2) as u32;
            for (c, cell) in row.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(n) if c >= self.numeric_from => {
                        ws.write_number_with_format(r, c as u16, n, &number)?;
                    }
                    _ => {
                        ws.write_string_with_format(r, c as u16, cell, &text)?;
                    }
                }
            }
        }
        for c in 0..self.headers.len() {
            let w = if c < self.numeric_from { 30.0 } else { 11.0 };
            ws.set_column_width(c as u16, w)?;
        }
        ws.set_freeze_panes(2, 0)?;
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        Ok(wb.save_to_buffer()?)
    }
}

impl Table {
    /// The per-agency statistics as a table: agency id and name, the counts
    /// of [`agency_count_headers`], the on-time rate and the completion rate
    /// of due tasks (percent), then a total row. `name_of` names an agency id.
    pub fn agency_stats(
        stats: &[AgencyStats],
        total: Option<&AgencyStats>,
        name_of: impl Fn(&str) -> String,
        as_of: NaiveDate,
        lang: Lang,
    ) -> Table {
        let mut headers = vec![
            lang.pick("Mã cơ quan", "Agency ID").to_owned(),
            lang.pick("Cơ quan", "Agency").to_owned(),
        ];
        headers.extend(agency_count_headers(lang).map(str::to_owned));
        headers.push(
            lang.pick("Tỷ lệ đúng hạn (%)", "On-time rate (%)")
                .to_owned(),
        );
        headers.push(
            lang.pick("Tỷ lệ HT đến hạn (%)", "Done of due (%)")
                .to_owned(),
        );
        let row = |id: String, name: String, s: &AgencyStats| {
            let mut cells = vec![id, name];
            cells.extend(agency_counts(s).map(|n| n.to_string()));
            cells.push(rate(s.on_time_rate()));
            cells.push(rate(s.completion_rate_of_due()));
            cells
        };
        // The rows added up, unless the caller counted the tasks once
        // (a co-led task is in the row of each of its leads).
        let mut summed = AgencyStats::default();
        let mut rows: Vec<Vec<String>> = stats
            .iter()
            .map(|s| {
                summed.absorb(s);
                match &s.agency {
                    Some(a) => row(a.clone(), name_of(a), s),
                    None => row(
                        String::new(),
                        sauro_core::wording::no_lead(lang).to_owned(),
                        s,
                    ),
                }
            })
            .collect();
        rows.push(row(
            String::new(),
            lang.pick("Tổng cộng", "Total").to_owned(),
            total.unwrap_or(&summed),
        ));
        Table {
            title: format!(
                "{} — {} {}",
                lang.pick("Thống kê theo cơ quan chủ trì", "Per lead agency"),
                lang.pick("tính đến ngày", "as of"),
                format_date(as_of)
            ),
            headers,
            rows,
            numeric_from: 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_markdown_keep_every_row_and_numbers_right_aligned() {
        let t = Table {
            title: "Thống kê".into(),
            headers: vec!["Cơ quan".into(), "Giao".into()],
            rows: vec![
                vec!["BCA".into(), "3".into()],
                vec!["BTP".into(), "4".into()],
            ],
            numeric_from: 1,
        };
        let csv = String::from_utf8(t.to_csv().unwrap()).unwrap();
        assert_eq!(csv, "\u{feff}Cơ quan,Giao\r\nBCA,3\r\nBTP,4\r\n");
        let md = t.to_markdown();
        assert!(
            md.contains("| --- | ---: |\n| BCA | 3 |\n| BTP | 4 |"),
            "{md}"
        );
        let json = t.to_json().unwrap();
        assert!(json.contains("\"Giao\": 3.0"), "{json}");
        assert!(t.to_xlsx().unwrap().starts_with(b"PK"));
    }

    #[test]
    fn the_agency_table_adds_up_and_ends_with_a_total() {
        let s = AgencyStats {
            agency: Some("BCA".into()),
            assigned: 6,
            done_on_time: 1,
            done_late: 1,
            done_undated: 1,
            overdue: 1,
            ongoing: 1,
            no_deadline: 1,
            ..AgencyStats::default()
        };
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let t = Table::agency_stats(&[s], None, |a| format!("Bộ {a}"), day, Lang::Vi);
        let want = [
            "Giao",
            "Đúng hạn",
            "Trễ hạn",
            "Trong hạn",
            "Quá hạn",
            "HT không hạn",
            "Không thời hạn",
        ];
        assert_eq!(t.headers[2..9], want);
        let counts: Vec<usize> = t.rows[0][3..9].iter().map(|c| c.parse().unwrap()).collect();
        assert_eq!(counts.iter().sum::<usize>(), 6, "{:?}", t.rows[0]);
        assert_eq!(t.rows[1][1], "Tổng cộng");
        assert_eq!(t.rows[1][2], "6");
        assert!(t.title.contains("22/11/2026"));
    }
}
