//! Plain-text tables aligned by display width and fitted to the terminal.

use sauro_core::escape::terminal_line;
use sauro_core::text::{display_width, fit, fit_right};
use std::borrow::Cow;

/// A table: headers, rows, which columns are numbers, and which column
/// shrinks when the terminal is too narrow. Cells may borrow their text
/// (`'a`): a long list is laid out without copying its titles.
pub struct Table<'a> {
    pub headers: Vec<String>,
    /// The cells, row after row, `headers.len()` to a row.
    cells: Vec<Cow<'a, str>>,
    /// The display width of each cell, measured once when it is added;
    /// [`UNMEASURED`] for a cell of the last column, measured only when
    /// its length in bytes says it might be the widest or need cutting.
    cell_widths: Vec<usize>,
    pub numeric: Vec<bool>,
    pub flex: usize,
    /// The narrowest the flex column gets.
    pub flex_min: usize,
    /// What other columns may shrink to (with an ellipsis) when the flex
    /// column would fall below `flex_readable`; `None` keeps a column whole.
    pub shrink_to: Vec<Option<usize>>,
    /// The flex column's width other columns shrink to keep.
    pub flex_readable: usize,
    /// Columns cut from the left (`…2-2025/17`): the end of an id tells
    /// tasks of one directive apart.
    pub keep_end: Vec<bool>,
}

const GAP: &str = "  ";

/// The width of a cell of the last column, not measured yet. Its width is
/// at most its length in bytes (no character is wider than its UTF-8
/// encoding is long), and the last column is never padded: a cell shorter
/// in bytes than the column is wide is written as it is. A long list's
/// titles are mostly never measured.
const UNMEASURED: usize = usize::MAX;

/// Spaces to pad cells with, pushed a slice at a time.
const SPACES: &str = "                                                                ";

/// Pushes `n` spaces.
fn pad(out: &mut String, mut n: usize) {
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

impl<'a> Table<'a> {
    pub fn new(headers: &[&str]) -> Table<'a> {
        Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            cells: Vec::new(),
            cell_widths: Vec::new(),
            numeric: vec![false; headers.len()],
            flex: headers.len().saturating_sub(1),
            flex_min: 12,
            shrink_to: vec![None; headers.len()],
            flex_readable: 12,
            keep_end: vec![false; headers.len()],
        }
    }

    pub fn numeric(mut self, cols: &[usize]) -> Table<'a> {
        for &c in cols {
            if let Some(n) = self.numeric.get_mut(c) {
                *n = true;
            }
        }
        self
    }

    /// Room for `rows` more rows.
    pub fn reserve(&mut self, rows: usize) {
        let n = self.headers.len();
        self.cells.reserve(rows * n);
        self.cell_widths.reserve(rows * n);
    }

    /// Adds a row; each cell becomes one terminal line (control characters
    /// shown visibly, line breaks as spaces), so it measures what it shows.
    pub fn push(&mut self, row: Vec<String>) {
        self.push_cells(row.into_iter().map(Cow::Owned));
    }

    /// Adds a row of cells that may borrow their text; as [`Table::push`].
    /// Cells past the headers are left out; missing ones are empty.
    pub fn push_cells(&mut self, row: impl IntoIterator<Item = Cow<'a, str>>) {
        let n = self.headers.len();
        let start = self.cells.len();
        for (i, cell) in row.into_iter().take(n).enumerate() {
            let safe = match terminal_line(&cell) {
                Cow::Owned(safe) => Some(safe),
                Cow::Borrowed(_) => None,
            };
            let cell = safe.map_or(cell, Cow::Owned);
            let lazy = i + 1 == n && !self.numeric[i];
            self.cell_widths.push(if lazy {
                UNMEASURED
            } else {
                display_width(&cell)
            });
            self.cells.push(cell);
        }
        while self.cells.len() < start + n {
            self.cells.push(Cow::Borrowed(""));
            self.cell_widths.push(0);
        }
    }

    /// Renders the table within `width` columns (no limit when `None`).
    pub fn render(&self, width: Option<usize>) -> String {
        let mut out = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write(width, &mut out);
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Writes the table within `width` columns (no limit when `None`) to
    /// `to`, line by line.
    ///
    /// # Errors
    /// Failures to write.
    pub fn write(&self, width: Option<usize>, to: &mut impl std::io::Write) -> std::io::Result<()> {
        let n = self.headers.len();
        let header_w: Vec<usize> = self.headers.iter().map(|h| display_width(h)).collect();
        let mut widths = header_w.clone();
        for (row, cells) in self
            .cell_widths
            .chunks(n.max(1))
            .zip(self.cells.chunks(n.max(1)))
        {
            for ((w, c), cell) in widths.iter_mut().zip(row).zip(cells) {
                *w = match *c {
                    // Wider than the widest so far only if longer in bytes.
                    UNMEASURED if cell.len() <= *w => *w,
                    UNMEASURED => (*w).max(display_width(cell)),
                    c => (*w).max(c),
                };
            }
        }
        if let Some(limit) = width {
            self.fit_widths(&mut widths, limit);
        }
        let mut out = String::new();
        let line = |cells: &mut dyn Iterator<Item = &str>, cell_w: &[usize], out: &mut String| {
            out.clear();
            for (i, (w, cell)) in widths.iter().zip(cells).enumerate() {
                if i > 0 {
                    out.push_str(GAP);
                }
                let cell_w = match cell_w[i] {
                    UNMEASURED if cell.len() <= *w => {
                        // The last column: it fits, and is not padded.
                        out.push_str(cell);
                        continue;
                    }
                    UNMEASURED => display_width(cell),
                    c => c,
                };
                if cell_w > *w {
                    out.push_str(&if self.numeric[i] {
                        fit_right(cell, *w)
                    } else if self.keep_end.get(i).copied().unwrap_or(false) {
                        cut_left(cell, *w)
                    } else {
                        fit(cell, *w)
                    });
                    continue;
                }
                let gap = w - cell_w;
                if self.numeric[i] {
                    pad(out, gap);
                    out.push_str(cell);
                } else {
                    out.push_str(cell);
                    // The line's end is trimmed: the last column needs no padding.
                    if i + 1 < n {
                        pad(out, gap);
                    }
                }
            }
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('\n');
        };
        line(
            &mut self.headers.iter().map(String::as_str),
            &header_w,
            &mut out,
        );
        to.write_all(out.as_bytes())?;
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out.clear();
        out.push_str(&rule.join(GAP));
        out.push('\n');
        to.write_all(out.as_bytes())?;
        if n == 0 {
            return Ok(());
        }
        for (row, w) in self.cells.chunks(n).zip(self.cell_widths.chunks(n)) {
            line(&mut row.iter().map(|c| c.as_ref()), w, &mut out);
            to.write_all(out.as_bytes())?;
        }
        Ok(())
    }
}

impl Table<'_> {
    /// Narrows `widths` to `limit` columns: the flex column down to
    /// `flex_readable`, then the shrinkable columns (widest first) down to
    /// their `shrink_to`, then the flex column down to `flex_min`.
    fn fit_widths(&self, widths: &mut [usize], limit: usize) {
        let n = widths.len();
        let total: usize = widths.iter().sum::<usize>() + GAP.len() * n.saturating_sub(1);
        let mut over = total.saturating_sub(limit);
        let flex = self.flex.min(n.saturating_sub(1));
        let give = |w: &mut usize, floor: usize, over: &mut usize| {
            let g = w.saturating_sub(floor).min(*over);
            *w -= g;
            *over -= g;
        };
        give(
            &mut widths[flex],
            self.flex_readable.max(self.flex_min),
            &mut over,
        );
        while over > 0 {
            let widest = (0..n)
                .filter(|&i| i != flex)
                .filter_map(|i| {
                    let floor = self.shrink_to.get(i).copied().flatten()?;
                    (widths[i] > floor).then(|| (widths[i] - floor, i))
                })
                .max();
            match widest {
                Some((_, i)) => {
                    widths[i] -= 1;
                    over -= 1;
                }
                None => break,
            }
        }
        give(&mut widths[flex], self.flex_min, &mut over);
    }
}

/// `s` cut to `width` columns from the left, with an ellipsis, padded to
/// exactly `width`.
fn cut_left(s: &str, width: usize) -> String {
    let mut out = sauro_core::text::truncate_left(s, width);
    let used = display_width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// The width to fit tables to: the terminal's when stdout is one, else
/// `$COLUMNS` when set, else no limit (pipes and files get whole lines).
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        return Some(w as usize);
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let mut t = Table::new(&["Chủ trì", "Nhiệm vụ"]);
        t.push(vec!["Bộ Công an".into(), "Trình nghị quyết".into()]);
        t.push(vec!["BCA".into(), "Đề án".into()]);
        let out = t.render(None);
        let lines: Vec<&str> = out.lines().collect();
        let col = |l: &str| display_width(l.split("  ").next().unwrap_or(""));
        assert_eq!(col(lines[2]), col(lines[3]) + 7);
        let starts: Vec<usize> = lines
            .iter()
            .filter(|l| !l.starts_with('─'))
            .map(|l| {
                display_width(&l[..l.find("  ").unwrap() + 2])
                    + l[l.find("  ").unwrap() + 2..]
                        .chars()
                        .take_while(|c| *c == ' ')
                        .count()
            })
            .collect();
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{out}");
    }

    #[test]
    fn cells_cannot_move_the_cursor() {
        let mut t = Table::new(&["Mã", "Nhiệm vụ"]);
        t.push(vec!["a".into(), "x\u{1b}[2J\rB\u{8}\nC\u{7}".into()]);
        let out = t.render(None);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("x␛[2J␍B␈ C␇"), "{out}");
        assert_eq!(out.lines().count(), 3);
    }

    #[test]
    fn other_columns_give_way_so_the_title_stays_readable_at_80() {
        let mut t = Table::new(&["Mã", "Trạng thái", "Chủ trì", "Nhiệm vụ"]);
        t.shrink_to = vec![Some(10), Some(16), Some(5), None];
        t.flex_readable = 28;
        t.keep_end[0] = true;
        t.push(vec![
            "kl-hoi-nghi-6-2-2025/37".into(),
            "Quá hạn 601 ngày · bị chặn".into(),
            "(chưa rõ chủ trì)".into(),
            "Xây dựng bộ chỉ số đánh giá mức độ chuyển đổi số của các bộ, ngành".into(),
        ]);
        let out = t.render(Some(80));
        assert!(out.lines().all(|l| display_width(l) <= 80), "{out}");
        let row = out.lines().nth(2).unwrap();
        assert!(row.starts_with('…') && row.contains("2-2025/37 "), "{row}");
        assert!(row.contains("Xây dựng bộ chỉ số đánh giá"), "{row}");
        // Unlimited, nothing is cut.
        assert!(t.render(None).contains("kl-hoi-nghi-6-2-2025/37"));
    }

    #[test]
    fn the_last_column_is_measured_in_columns_where_it_matters() {
        let mut t = Table::new(&["Mã", "Nhiệm vụ"]);
        t.flex_min = 4;
        t.flex_readable = 4;
        // 12 columns in 18 bytes, then a short cell.
        t.push(vec!["a".into(), "中文中文中文".into()]);
        t.push(vec!["b".into(), "ab".into()]);
        let out = t.render(None);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], format!("{}  {}", "─".repeat(2), "─".repeat(12)));
        assert_eq!(lines[2], "a   中文中文中文");
        assert_eq!(lines[3], "b   ab");
        // Cut by columns, not bytes.
        let out = t.render(Some(12));
        assert!(out.lines().all(|l| display_width(l) <= 12), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "a   中文中…");
        assert_eq!(lines[3], "b   ab");
    }

    #[test]
    fn the_flex_column_shrinks_to_fit() {
        let mut t = Table::new(&["A", "Nhiệm vụ"]);
        t.push(vec![
            "x".into(),
            "Trình Chính phủ ban hành nghị quyết về phát triển công dân số".into(),
        ]);
        let out = t.render(Some(30));
        assert!(out.lines().all(|l| display_width(l) <= 30), "{out}");
        assert!(out.contains('…'));
    }
}
