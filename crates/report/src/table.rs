//! A plain table leaving sauro as is (the terminal UI's statistics view):
//! a title, headers and rows of text, written as CSV for Excel, Markdown,
//! JSON or an Excel sheet in the administrative font.

use crate::Result;
use crate::overdue::FONT;
use rust_xlsxwriter::{Format, FormatBorder, Workbook};
use sauro_core::escape::{csv_cell, md_cell};

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
}
