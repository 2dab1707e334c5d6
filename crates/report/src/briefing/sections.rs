//! The eight sections of the briefing, each laid out as paragraphs,
//! subheadings and tables of the format-independent document.

use super::document::{
    Block, Cell, Row, SECTION_IDS, Section, base_cells, base_head, none, task_row, task_table,
};
use super::words::{
    chain_text, clarity_label, lead_cell, moved_deadline, opt, percent, root_text, signed,
    status_label,
};
use super::{Briefing, DeadlineChange};
use crate::ReportTask;
use crate::table::{agency_count_headers, agency_counts};
use sauro_core::briefing::DUE_NEXT_DAYS;
use sauro_core::{AgencyId, AgencyStats, Lang, Status, format_date};

/// The overdue count among [`agency_counts`] (shown in the overdue colour).
const OVERDUE_COLUMN: usize = 4;

/// Task ids listed per clarity before "and N more".
const GAP_IDS_SHOWN: usize = 30;

/// 1. The period in one paragraph, the key tasks, the counts per status.
pub(super) fn summary(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    let count = |pick: fn(&ReportTask) -> bool, list: &[ReportTask]| {
        list.iter().filter(|t| pick(t)).count()
    };
    let on_time = count(|t| t.status == Status::DoneOnTime, &b.completed);
    let late = count(|t| t.status == Status::DoneLate, &b.completed);
    blocks.push(Block::Para(match lang {
        Lang::Vi => format!(
            "Trong kỳ: {} nhiệm vụ hoàn thành ({} đúng hạn, {} trễ hạn); {} nhiệm vụ mới quá hạn, \
             {} vẫn quá hạn; {} nhiệm vụ đến hạn trong {DUE_NEXT_DAYS} ngày tới; {} nhiệm vụ bị chặn; \
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
             {} still overdue; {} due in the next {DUE_NEXT_DAYS} days; {} blocked; {}.",
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
    blocks.push(summary_table(b, lang));
    Section {
        id: SECTION_IDS[0],
        title: lang.pick("1. Tổng hợp", "1. Summary").to_owned(),
        blocks,
    }
}

/// The counts per status at the start and the end, with the total.
fn summary_table(b: &Briefing, lang: Lang) -> Block {
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
                Cell::text(signed(c.end as i64 - c.start as i64)),
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
    task_table(
        vec![
            lang.pick("Trạng thái", "Status").to_owned(),
            format!(
                "{} ({})",
                lang.pick("Đầu kỳ", "Start"),
                format_date(b.span.start)
            ),
            format!(
                "{} ({})",
                lang.pick("Cuối kỳ", "End"),
                format_date(b.span.end)
            ),
            lang.pick("Thay đổi", "Change").to_owned(),
        ],
        3,
        rows,
    )
}

/// 2. Done in the period: on time, late, without a deadline.
pub(super) fn completed(b: &Briefing, lang: Lang) -> Section {
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
                    Some(on) if on < b.span.from => format!(
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

/// The overdue tasks with their days overdue.
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

/// 3. Newly overdue, then still overdue.
pub(super) fn overdue(b: &Briefing, lang: Lang) -> Section {
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

/// 4. Due in the 7 days after the end.
pub(super) fn due_next(b: &Briefing, lang: Lang) -> Section {
    let first = b.span.end.succ_opt().unwrap_or(b.span.end);
    let mut blocks = vec![Block::Para(match lang {
        Lang::Vi => format!(
            "Nhiệm vụ chưa hoàn thành có thời hạn từ {} đến {}.",
            format_date(first),
            format_date(b.span.due_until)
        ),
        Lang::En => format!(
            "Unfinished tasks due from {} to {}.",
            format_date(first),
            format_date(b.span.due_until)
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
                let left = t.deadline.map(|d| (d - b.span.end).num_days());
                cells.push(Cell::text(left.map_or_else(String::new, |n| n.to_string())));
                task_row(t, cells)
            })
            .collect();
        blocks.push(task_table(head, 1, rows));
    }
    Section {
        id: SECTION_IDS[3],
        title: match lang {
            Lang::Vi => format!("4. Đến hạn trong {DUE_NEXT_DAYS} ngày tới"),
            Lang::En => format!("4. Due in the next {DUE_NEXT_DAYS} days"),
        },
        blocks,
    }
}

/// 5. Blocked tasks, each blocker by the ends and length of its chain.
pub(super) fn blocked(b: &Briefing, lang: Lang) -> Section {
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
        // The task's id, title and lead as every task table starts, then
        // the chains instead of the deadline.
        let mut head = base_head(lang);
        head.truncate(3);
        head.extend([
            lang.pick("Chuỗi đang chặn", "Blocking chain").to_owned(),
            lang.pick("Gốc", "Root").to_owned(),
            lang.pick("Chủ trì gốc", "Root lead").to_owned(),
        ]);
        let rows = b
            .blocked
            .iter()
            .map(|bt| {
                let t = &bt.task;
                let chains = bt.blockers.iter().map(|b| chain_text(lang, b)).collect();
                let root_ids = bt
                    .blockers
                    .iter()
                    .map(|b| root_text(lang, &b.root))
                    .collect();
                let root_leads = bt
                    .blockers
                    .iter()
                    // A classified root's lead is not told, nor said to be missing.
                    .map(|b| {
                        if b.root.hidden {
                            sauro_core::wording::classified_stand_in(lang).to_owned()
                        } else {
                            lead_cell(lang, b.root.lead.as_ref().map(AgencyId::as_str))
                        }
                    })
                    .collect();
                let mut cells = base_cells(lang, t);
                cells.truncate(3);
                cells.extend([
                    Cell::lines(chains),
                    Cell::lines(root_ids),
                    Cell::lines(root_leads),
                ]);
                task_row(t, cells)
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

/// 6. Deadline changes: old and new deadline, who decided, on what basis, why.
pub(super) fn deadline_changes(b: &Briefing, lang: Lang) -> Section {
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
            .map(|DeadlineChange { change: c, title }| Row {
                key: Some(c.task.clone()),
                total: false,
                cells: vec![
                    Cell {
                        lines: vec![c.task.clone()],
                        class: Some("id"),
                    },
                    Cell::text(title.clone()),
                    Cell::text(format_date(c.day)),
                    Cell::text(moved_deadline(c.old.as_ref(), lang)),
                    Cell::text(moved_deadline(c.new.as_ref(), lang)),
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

/// 7. Per clarity, the unfinished tasks lacking it.
pub(super) fn gaps(b: &Briefing, lang: Lang) -> Section {
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
        .map(|(clarity, tasks)| {
            let mut ids: Vec<String> = tasks
                .iter()
                .take(GAP_IDS_SHOWN)
                .map(ToString::to_string)
                .collect();
            if tasks.len() > GAP_IDS_SHOWN {
                let more = tasks.len() - GAP_IDS_SHOWN;
                ids.push(match lang {
                    Lang::Vi => format!("… và {more} nhiệm vụ khác"),
                    Lang::En => format!("… and {more} more"),
                });
            }
            Row {
                key: Some(clarity.field().to_owned()),
                total: false,
                cells: vec![
                    Cell::text(clarity_label(lang, *clarity)),
                    Cell::text(tasks.len().to_string()),
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

/// 8. The VPCP counts per lead agency, worst first, and the total.
pub(super) fn agencies(b: &Briefing, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if b.agencies.is_empty() {
        blocks.push(none(lang));
    } else {
        // The count columns as every projection shows them (the command
        // line's `stats`, the terminal UI, the exports), then the rates.
        let mut head = vec![lang.pick("Cơ quan chủ trì", "Lead agency").to_owned()];
        head.extend(agency_count_headers(lang).map(str::to_owned));
        head.push(lang.pick("% đúng hạn", "% on time").to_owned());
        head.push(lang.pick("% HT đến hạn", "% done of due").to_owned());
        let row = |label: String, s: &AgencyStats, key: Option<String>, total: bool| Row {
            key,
            total,
            cells: std::iter::once(Cell::text(label))
                .chain(
                    agency_counts(s)
                        .into_iter()
                        .enumerate()
                        .map(|(i, n)| match n {
                            n if i == OVERDUE_COLUMN && n > 0 => {
                                Cell::status(n.to_string(), Status::Overdue)
                            }
                            n => Cell::text(n.to_string()),
                        }),
                )
                .chain([
                    Cell::text(percent(s.on_time_rate())),
                    Cell::text(percent(s.completion_rate_of_due())),
                ])
                .collect(),
        };
        let total = b.agency_total.clone();
        let mut rows = Vec::new();
        for a in &b.agencies {
            let s = &a.stats;
            let label = match (&s.agency, &a.name) {
                (Some(id), Some(name)) if name != id => format!("{id} — {name}"),
                (Some(id), _) => id.clone(),
                (None, _) => sauro_core::wording::no_lead(lang).to_owned(),
            };
            rows.push(row(label, s, s.agency.clone(), false));
        }
        rows.push(row(
            lang.pick("Tổng cộng", "Total").to_owned(),
            &total,
            Some("total".into()),
            true,
        ));
        let columns = head.len();
        let mut table = task_table(head, columns - 1, rows);
        if let Block::Table(t) = &mut table {
            t.numeric = (0..columns).map(|i| i > 0).collect();
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
