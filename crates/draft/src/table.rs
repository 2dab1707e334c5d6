//! Task tables ("Danh mục nhiệm vụ"): columns found by their headings, one
//! task per numbered row.

use crate::agency::Found;
use crate::fields;
use crate::read::Block;
use crate::text::{clean, fold};
use crate::{DraftTask, Field, Names};
use regex::Regex;
use std::sync::LazyLock;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Row number (TT).
    Tt,
    /// The work.
    Task,
    /// Lead agency (chủ trì).
    Lead,
    /// Agencies doing the work, without a lead/support split.
    Doer,
    /// Coordinating agencies (phối hợp).
    Support,
    /// Product (kết quả / sản phẩm).
    Product,
    /// Deadline (thời gian / thời hạn / tiến độ).
    Deadline,
    /// Who approves (cấp trình / thẩm quyền).
    Authority,
    /// Remarks.
    Note,
    /// The accountable official (người chịu trách nhiệm, lãnh đạo phụ trách).
    Responsible,
}

/// The column a heading names.
pub fn classify(heading: &str) -> Option<Col> {
    let f: String = fold(&clean(heading))
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    let has = |w: &str| f.contains(w);
    if matches!(f.as_str(), "tt" | "stt" | "so tt" | "so thu tu" | "thu tu") {
        Some(Col::Tt)
    } else if has("chu tri") {
        Some(Col::Lead)
    } else if has("phoi hop") {
        Some(Col::Support)
    } else if has("thoi gian")
        || has("thoi han")
        || has("tien do")
        || has("han hoan thanh")
        || f == "moc hoan thanh"
    {
        Some(Col::Deadline)
    } else if has("ket qua") || has("san pham") || has("hinh thuc") {
        Some(Col::Product)
    } else if has("cap trinh")
        || has("tham quyen")
        || has("cap phe duyet")
        || has("cap ban hanh")
        || has("trinh cap")
    {
        Some(Col::Authority)
    } else if has("chiu trach nhiem") || has("lanh dao phu trach") || has("nguoi phu trach") {
        Some(Col::Responsible)
    } else if has("ghi chu") {
        Some(Col::Note)
    } else if has("co quan") || has("don vi") {
        Some(Col::Doer)
    } else if has("nhiem vu")
        || has("noi dung")
        || has("cong viec")
        || has("de an")
        || has("ten van ban")
        || has("hoat dong")
        || has("giai phap")
        || has("du an")
        || has("danh muc")
    {
        Some(Col::Task)
    } else {
        None
    }
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[IVXLC]{1,6}\.)?\d{1,3}(?:\.\d{1,3})*[a-zđ]?$").expect("numbered")
});
static SECTION_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,6}|[A-ZĐ])[.)]\s").expect("section label"));
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[IVXLC]{1,6}|[A-ZĐ])$").expect("section"));

/// The columns of a table and the first data row, if it is a task table.
fn layout(rows: &[Vec<String>]) -> Option<(Vec<Option<Col>>, usize)> {
    for (i, row) in rows.iter().enumerate().take(12) {
        let mut cols: Vec<Option<Col>> = row.iter().map(|c| classify(c)).collect();
        if !cols.contains(&Some(Col::Task)) {
            continue;
        }
        let useful = cols
            .iter()
            .filter(|c| {
                matches!(
                    c,
                    Some(Col::Lead | Col::Doer | Col::Deadline | Col::Product | Col::Tt)
                )
            })
            .count();
        if useful == 0 {
            continue;
        }
        let mut start = i + 1;
        // A second heading row: "Cơ quan thực hiện" above "Chủ trì | Phối hợp".
        if let Some(next) = rows.get(i + 1) {
            let numbered = next
                .first()
                .is_some_and(|c| NUMBERED.is_match(c.trim().trim_end_matches(['.', ')'])));
            let sub: Vec<Option<Col>> = next
                .iter()
                .map(|c| {
                    (!numbered && c.chars().count() <= 40)
                        .then(|| classify(c))
                        .flatten()
                })
                .collect();
            if sub
                .iter()
                .any(|c| matches!(c, Some(Col::Lead | Col::Support)))
            {
                for (k, s) in sub.into_iter().enumerate() {
                    if s.is_some() {
                        if k >= cols.len() {
                            cols.resize(k + 1, None);
                        }
                        if matches!(cols[k], None | Some(Col::Doer)) {
                            cols[k] = s;
                        }
                    }
                }
                start += 1;
            }
        }
        // A row numbering the columns: "(1) | (2) | (3)".
        while let Some(r) = rows.get(start) {
            let numeric = r.iter().all(|c| {
                let t = c.trim().trim_matches(['(', ')']);
                t.is_empty() || t.chars().all(|ch| ch.is_ascii_digit())
            });
            if numeric && r.iter().filter(|c| !c.trim().is_empty()).count() >= 3 {
                start += 1;
            } else {
                break;
            }
        }
        if !cols.contains(&Some(Col::Lead))
            && let Some(k) = cols.iter().position(|c| *c == Some(Col::Doer))
        {
            cols[k] = Some(Col::Lead);
        }
        if !cols.contains(&Some(Col::Tt))
            && rows[start..].iter().any(|r| {
                r.first()
                    .is_some_and(|c| NUMBERED.is_match(c.trim().trim_end_matches('.')))
            })
            && cols.first() == Some(&None)
        {
            cols[0] = Some(Col::Tt);
        }
        return Some((cols, start));
    }
    None
}

/// A numbered row with its continuation rows, cells joined by column.
struct RawRow {
    tt: String,
    section: String,
    section_lead: Option<Found>,
    cells: Vec<String>,
    source: Vec<String>,
}

fn cell<'a>(row: &'a [String], cols: &[Option<Col>], want: Col) -> Option<&'a str> {
    let k = cols.iter().position(|c| *c == Some(want))?;
    row.get(k)
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// A section heading inside a table: a Roman numeral or letter marker, or all
/// in capitals.
fn looks_like_heading(text: &str) -> bool {
    let roman = crate::text::marker(text).is_some_and(|(m, _)| m == crate::text::Marker::Roman);
    let upper = text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    roman || upper || Regex::new(r"^[A-ZĐ][.)]\s").is_ok_and(|r| r.is_match(text))
}

/// Every task of every task table.
pub fn tasks(blocks: &[Block], names: &mut Names<'_>) -> Vec<DraftTask> {
    let mut out = Vec::new();
    let mut tables = 0;
    for b in blocks {
        if let Block::Table(rows) = b
            && let Some((cols, start)) = layout(rows)
        {
            let raw = raw_rows(&rows[start..], &cols, names);
            let mut tasks = build(raw, &cols, names);
            tables += 1;
            // Rows of a second appendix are numbered from 1 again.
            if tables > 1 {
                for t in &mut tasks {
                    t.id = format!("PL{tables}.{}", t.id);
                }
            }
            out.extend(tasks);
        }
    }
    out
}

/// A heading row repeated on each page of a Word table.
fn repeats_heading(row: &[String], cols: &[Option<Col>]) -> bool {
    let numbered = cell(row, cols, Col::Tt)
        .is_some_and(|tt| NUMBERED.is_match(tt.trim().trim_end_matches(['.', ')'])));
    let same = row
        .iter()
        .zip(cols)
        .filter(|(c, col)| col.is_some() && c.chars().count() <= 40 && classify(c) == **col)
        .count();
    !numbered && same >= 2
}

fn raw_rows(rows: &[Vec<String>], cols: &[Option<Col>], names: &Names<'_>) -> Vec<RawRow> {
    let mut out: Vec<RawRow> = Vec::new();
    let mut section = String::new();
    let mut section_lead = None;
    let mut counter = 0;
    for row in rows {
        let tt = cell(row, cols, Col::Tt)
            .unwrap_or("")
            .trim()
            .trim_end_matches(['.', ')'])
            .to_owned();
        let distinct: Vec<&str> = {
            let mut v: Vec<&str> = row
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            v.dedup();
            v
        };
        if distinct.is_empty() || repeats_heading(row, cols) {
            continue;
        }
        let has_tt_col = cols.contains(&Some(Col::Tt));
        let numbered = if has_tt_col {
            NUMBERED.is_match(&tt)
        } else {
            cell(row, cols, Col::Task).is_some()
        };
        let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
        let is_section = SECTION.is_match(&tt)
            || (!numbered
                && distinct.len() == 1
                && (filled > 1 || !tt.is_empty() || looks_like_heading(distinct[0])));
        if is_section {
            let text = distinct
                .iter()
                .find(|c| **c != tt)
                .copied()
                .unwrap_or(distinct[0]);
            section = if SECTION.is_match(&tt) {
                tt.clone()
            } else {
                SECTION_LABEL
                    .captures(text)
                    .map_or_else(String::new, |c| c[1].to_owned())
            };
            let body = crate::text::marker(text).map_or(text, |(_, n)| &text[n..]);
            section_lead = names.agencies.scan(body.trim(), 0).map(|(_, f)| f);
            continue;
        }
        if numbered {
            counter += 1;
            let tt = if has_tt_col { tt } else { counter.to_string() };
            out.push(RawRow {
                tt,
                section: section.clone(),
                section_lead: section_lead.clone(),
                cells: row.clone(),
                source: vec![
                    row.iter()
                        .map(|c| c.replace('\n', " "))
                        .collect::<Vec<_>>()
                        .join(" | "),
                ],
            });
        } else if let Some(last) = out.last_mut() {
            for (k, c) in row.iter().enumerate() {
                let c = c.trim();
                if c.is_empty() {
                    continue;
                }
                if k >= last.cells.len() {
                    last.cells.resize(k + 1, String::new());
                }
                if !last.cells[k].contains(c) {
                    if !last.cells[k].is_empty() {
                        last.cells[k].push('\n');
                    }
                    last.cells[k].push_str(c);
                }
            }
            last.source.push(
                row.iter()
                    .map(|c| c.replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
        }
    }
    out
}

fn build(raw: Vec<RawRow>, cols: &[Option<Col>], names: &mut Names<'_>) -> Vec<DraftTask> {
    let mut seen = std::collections::HashSet::new();
    let duplicates = raw.iter().any(|r| !seen.insert(r.tt.clone()));
    raw.into_iter()
        .filter_map(|r| {
            let title = clean(&cell(&r.cells, cols, Col::Task)?.replace('\n', " "));
            let mut t = DraftTask {
                id: if duplicates && !r.section.is_empty() {
                    format!("{}.{}", r.section, r.tt)
                } else {
                    r.tt.clone()
                },
                title,
                source: r.source.join(" / "),
                ..DraftTask::default()
            };
            row_agencies(&mut t, &r, cols, names);
            row_fields(&mut t, &r, cols, names);
            Some(t)
        })
        .collect()
}

/// The agencies of a lead cell; "Bộ A (chủ trì), Bộ B": A leads, B supports.
fn lead_cell(text: &str, names: &Names<'_>) -> (Vec<Found>, Vec<Found>) {
    let all = names.agencies.cell(text);
    let folded = crate::text::Folded::new(text);
    if let Some(at) = folded.text.find("(chu tri)")
        && let Some(lead) = names.agencies.cell(&text[..folded.orig(at)]).pop()
    {
        let others = all.into_iter().filter(|f| *f != lead).collect();
        return (vec![lead], others);
    }
    (all, Vec::new())
}

fn row_agencies(t: &mut DraftTask, r: &RawRow, cols: &[Option<Col>], names: &mut Names<'_>) {
    let (leads, mut support) = cell(&r.cells, cols, Col::Lead)
        .map(|c| lead_cell(c, names))
        .unwrap_or_default();
    support.extend(
        cell(&r.cells, cols, Col::Support)
            .map(|c| names.agencies.cell(c))
            .unwrap_or_default(),
    );
    if leads.is_empty()
        && let Some(f) = &r.section_lead
    {
        names.assign(t, std::slice::from_ref(f), &support);
        t.check(
            Field::Lead,
            "chủ trì lấy từ tiêu đề mục của bảng, hàng không ghi cơ quan chủ trì",
        );
        return;
    }
    names.assign(t, &leads, &support);
}

fn row_fields(t: &mut DraftTask, r: &RawRow, cols: &[Option<Col>], names: &mut Names<'_>) {
    t.responsible = cell(&r.cells, cols, Col::Responsible).map(|c| clean(&c.replace('\n', "; ")));
    t.deadline = cell(&r.cells, cols, Col::Deadline)
        .and_then(|c| fields::deadline_cell(&c.replace('\n', "; ")));
    let product_col = cols.contains(&Some(Col::Product));
    t.product = match cell(&r.cells, cols, Col::Product) {
        Some(p) => Some(clean(&p.replace('\n', "; "))),
        None if !product_col => {
            let p = fields::product(&t.title);
            if p.is_some() {
                t.check(
                    Field::Product,
                    "sản phẩm đoán từ tên nhiệm vụ (bảng không có cột sản phẩm)",
                );
            }
            p
        }
        None => None,
    };
    if let Some(a) = cell(&r.cells, cols, Col::Authority) {
        let known: Vec<String> = names
            .agencies
            .cell(a)
            .into_iter()
            .filter_map(|f| match f {
                Found::Known(id) => Some(id),
                Found::Unknown(_) => None,
            })
            .collect();
        t.authority = known.first().cloned();
        if known.len() != 1 {
            t.check(
                Field::Authority,
                format!(
                    "cột thẩm quyền ghi \"{}\": {}",
                    a.replace('\n', " "),
                    if known.is_empty() {
                        "chưa xác định được mã cơ quan"
                    } else {
                        "nhiều cấp, đã ghi cấp đầu tiên"
                    }
                ),
            );
        }
        return;
    }
    let text = format!("{} {}", t.title, t.product.as_deref().unwrap_or(""));
    if let Some(a) = fields::authority(&text) {
        t.authority = Some(a.to_owned());
    } else if let Some(a) = t.product.as_deref().and_then(fields::implied_authority) {
        t.authority = Some(a.to_owned());
        t.check(
            Field::Authority,
            format!(
                "thẩm quyền suy từ loại văn bản của sản phẩm (\"{}\")",
                t.product.as_deref().unwrap_or("")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text_blocks;
    use crate::tests::registry;

    #[test]
    fn headings_in_any_wording() {
        assert_eq!(classify("TT"), Some(Col::Tt));
        assert_eq!(classify("Tên nhiệm vụ"), Some(Col::Task));
        assert_eq!(classify("Nội dung công việc"), Some(Col::Task));
        assert_eq!(classify("Cơ quan chủ trì"), Some(Col::Lead));
        assert_eq!(classify("Cơ quan phối hợp"), Some(Col::Support));
        assert_eq!(classify("Kết quả/sản phẩm"), Some(Col::Product));
        assert_eq!(classify("Thời gian hoàn thành"), Some(Col::Deadline));
        assert_eq!(classify("Tiến độ"), Some(Col::Deadline));
        assert_eq!(classify("Cấp trình"), Some(Col::Authority));
    }

    #[test]
    fn a_markdown_appendix_with_sections_continuations_and_co_leads() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let blocks = text_blocks(
            "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành |\n\
             |---|---|---|---|---|---|\n\
             | I | NHÓM NHIỆM VỤ VỀ THỂ CHẾ | | | | |\n\
             | 1 | Xây dựng Nghị định về dữ liệu | Bộ Công an | Bộ Tư pháp, Bộ KH&CN | Nghị định của Chính phủ | Quý II/2025 |\n\
             |  | và các văn bản hướng dẫn | | | | |\n\
             | 2 | Đề án chuyển đổi số | Bộ Khoa học và Công nghệ, Bộ Tài chính | Tổng cục Thống kê | Quyết định của Thủ tướng Chính phủ | 6/2025 |\n\
             | TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành |\n\
             | II. BỘ Y TẾ | | | | | |\n\
             | 3 | Báo cáo y tế số | | | Báo cáo | Năm 2025 |\n",
        );
        let tasks = tasks(&blocks, &mut names);
        assert_eq!(tasks.len(), 3);
        assert_eq!(tasks[2].lead.as_deref(), Some("BYT"));
        assert_eq!(tasks[2].checks.len(), 1, "{:?}", tasks[2].checks);
        let a = &tasks[0];
        assert_eq!(a.id, "1");
        assert_eq!(
            a.title,
            "Xây dựng Nghị định về dữ liệu và các văn bản hướng dẫn"
        );
        assert_eq!(a.lead.as_deref(), Some("BCA"));
        assert_eq!(a.support, vec!["BTP", "BKHCN"]);
        assert_eq!(a.product.as_deref(), Some("Nghị định của Chính phủ"));
        assert_eq!(a.deadline.as_deref(), Some("Quý II/2025"));
        assert_eq!(a.authority.as_deref(), Some("CP"));
        let b = &tasks[1];
        assert_eq!(b.lead.as_deref(), Some("BKHCN"));
        assert_eq!(b.co_leads, vec!["BTC"]);
        assert_eq!(b.authority.as_deref(), Some("TTG"));
        assert_eq!(b.deadline.as_deref(), Some("6/2025"));
        assert_eq!(names.proposed.len(), 1);
        assert_eq!(b.support, vec![names.proposed[0].id.clone()]);
    }

    #[test]
    fn a_second_appendix_numbers_again_and_hierarchical_numbers_are_rows() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let blocks = text_blocks(
            "| STT | Nội dung | Chủ trì | Người chịu trách nhiệm |\n|---|---|---|---|\n\
             | I.1 | Xây dựng Kế hoạch | Bộ Nội vụ | Bộ trưởng Bộ Nội vụ |\n\n\
             Đoạn giữa hai phụ lục.\n\n\
             | STT | Nội dung | Chủ trì |\n|---|---|---|\n\
             | I.1 | Ban hành Thông tư | Bộ Y tế |\n",
        );
        let tasks = tasks(&blocks, &mut names);
        let ids: Vec<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, vec!["I.1", "PL2.I.1"]);
        assert_eq!(tasks[0].responsible.as_deref(), Some("Bộ trưởng Bộ Nội vụ"));
        assert_eq!(tasks[1].lead.as_deref(), Some("BYT"));
    }

    #[test]
    fn a_marked_lead_and_groups_beside_a_named_lead() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let blocks = text_blocks(
            "| TT | Nhiệm vụ | Cơ quan thực hiện |\n|---|---|---|\n\
             | 1 | Xây dựng Đề án A | Bộ Tư pháp, Bộ Công an (chủ trì) |\n\
             | 2 | Xây dựng Đề án B | Bộ Y tế; các bộ, ngành liên quan |\n",
        );
        let t = tasks(&blocks, &mut names);
        assert_eq!(t[0].lead.as_deref(), Some("BCA"));
        assert_eq!(t[0].support, vec!["BTP"]);
        assert!(t[0].co_leads.is_empty());
        assert_eq!(t[1].lead.as_deref(), Some("BYT"));
        assert_eq!(t[1].support, vec!["CAC_BO_LQ"]);
        assert!(t[1].co_leads.is_empty());
    }
}
