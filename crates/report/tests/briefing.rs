//! The weekly briefing, rendered from a fixed `Briefing` and read back: the
//! HTML with a real HTML parser (scraper), checking the eight sections, their
//! rows and numbers, the print rules and that nothing is fetched or run; the
//! Markdown by its headings and table rows.
#![allow(missing_docs, clippy::unwrap_used)]

use chrono::NaiveDate;
use sauro_core::{AgencyStats, Clarity, Deadline, Due, Lang, Status, TaskId};
use sauro_report::ReportTask;
use sauro_report::briefing::{
    AgencyRow, BlockedTask, Blocker, Briefing, DeadlineChange, DeadlineMove, Heading, KeyCount,
    Link, SECTION_IDS, Scope, Span, StatusCount, render_docx, render_html, render_markdown,
};
use scraper::{ElementRef, Html, Selector};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id(s: &str) -> TaskId {
    s.parse().unwrap()
}

/// A link of a blocking chain: `lead` of `None` for none.
fn link(task: &str, lead: Option<&str>, status: Status, days_overdue: Option<i64>) -> Link {
    Link {
        id: id(task),
        hidden: false,
        lead: lead.map(|l| l.parse().unwrap()),
        status,
        days_overdue,
        deadline: None,
    }
}

/// A deadline as written, meaning `due`.
fn deadline(written: &str, due: NaiveDate) -> Option<Deadline> {
    Some(Deadline {
        written: written.into(),
        due: Due::On(due),
    })
}

fn task(id: &str, title: &str, lead: &str, status: Status) -> ReportTask {
    ReportTask {
        id: id.into(),
        directive: "TB-2026".into(),
        directive_number: Some("1/TB-VPCP".into()),
        directive_issued_on: Some(d(2026, 1, 15)),
        title: title.into(),
        lead: Some(lead.into()),
        lead_name: Some(format!("Bộ {lead}")),
        co_leads: Vec::new(),
        co_lead_names: Vec::new(),
        key: false,
        classified: false,
        support: vec![],
        support_names: vec![],
        responsible: None,
        product: None,
        authority: Some("TTG".into()),
        deadline: None,
        deadline_text: None,
        status,
        days_overdue: None,
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

fn dated(mut t: ReportTask, written: &str, due: NaiveDate) -> ReportTask {
    t.deadline_text = Some(written.into());
    t.deadline = Some(due);
    t
}

fn overdue(t: ReportTask, days: i64) -> ReportTask {
    ReportTask {
        days_overdue: Some(days),
        ..t
    }
}

fn done(t: ReportTask, on: NaiveDate) -> ReportTask {
    ReportTask {
        done_on: Some(on),
        ..t
    }
}

/// Week 46 of 2026 (9–15/11), as the CLI would assemble it.
fn fixed() -> Briefing {
    let counts = [
        (Status::DoneOnTime, 0, 1),
        (Status::DoneLate, 2, 3),
        (Status::DoneUndated, 0, 0),
        (Status::Open, 5, 4),
        (Status::Overdue, 1, 2),
        (Status::Ongoing, 3, 3),
        (Status::Cancelled, 0, 0),
    ];
    let agency = |id: &str, on_time, late, open, over, ongoing| AgencyStats {
        agency: Some(id.into()),
        assigned: on_time + late + open + over + ongoing,
        done_on_time: on_time,
        done_late: late,
        open,
        overdue: over,
        ongoing,
        ..AgencyStats::default()
    };
    Briefing {
        span: Span::new(d(2026, 11, 9), d(2026, 11, 15), d(2026, 11, 15)).unwrap(),
        week: Some((2026, 46)),
        scope: Scope::default(),
        summary: counts
            .iter()
            .map(|&(status, start, end)| StatusCount { status, start, end })
            .collect(),
        completed: vec![
            done(
                dated(
                    task("T/01", "Trình nghị định", "BCA", Status::DoneOnTime),
                    "quý 4/2026",
                    d(2026, 12, 31),
                ),
                d(2026, 11, 10),
            ),
            done(
                dated(
                    task("T/02", "Ban hành thông tư", "BTP", Status::DoneLate),
                    "tháng 10/2026",
                    d(2026, 10, 31),
                ),
                d(2026, 11, 12),
            ),
        ],
        newly_overdue: vec![overdue(
            dated(
                task(
                    "T/03",
                    "Báo cáo <kết quả> & đề xuất",
                    "BCA",
                    Status::Overdue,
                ),
                "10/11/2026",
                d(2026, 11, 10),
            ),
            5,
        )],
        still_overdue: vec![overdue(
            dated(
                task("T/04", "Xây dựng đề án", "BTP", Status::Overdue),
                "quý 3/2026",
                d(2026, 9, 30),
            ),
            46,
        )],
        due_next: vec![dated(
            task("T/05", "Tổ chức hội nghị", "BCA", Status::Open),
            "20/11/2026",
            d(2026, 11, 20),
        )],
        blocked: vec![BlockedTask {
            task: ReportTask {
                blocked_by: vec!["T/03".into()],
                depends_on: vec!["T/03".into()],
                ..task("T/06", "Hướng dẫn thi hành", "BKHCN", Status::Open)
            },
            blockers: vec![Blocker {
                first: link("T/03", Some("BCA"), Status::Open, None),
                root: link("T/04", Some("BTP"), Status::Overdue, Some(46)),
                length: 2,
            }],
        }],
        deadline_changes: vec![DeadlineChange {
            title: "Trình nghị định".into(),
            change: DeadlineMove {
                from_file: false,
                task: "T/01".into(),
                day: d(2026, 11, 11),
                old: deadline("quý 3/2026", d(2026, 9, 30)),
                new: deadline("quý 4/2026", d(2026, 12, 31)),
                authority: Some("TTG".into()),
                basis: Some("9061/VPCP-CN".into()),
                reason: Some("Chờ nghị quyết | bổ sung".into()),
            },
        }],
        unfinished: 9,
        gaps: Clarity::ALL
            .iter()
            .map(|&clarity| {
                let tasks = match clarity {
                    Clarity::Responsible => vec![id("T/03"), id("T/04"), id("T/05")],
                    Clarity::Product => vec![id("T/04")],
                    _ => vec![],
                };
                (clarity, tasks)
            })
            .collect(),
        agencies: vec![
            AgencyRow {
                stats: agency("BTP", 0, 2, 1, 2, 1),
                name: Some("Bộ Tư pháp".into()),
            },
            AgencyRow {
                stats: agency("BCA", 1, 1, 3, 0, 2),
                name: Some("Bộ Công an".into()),
            },
        ],
        key: KeyCount::default(),
        agency_total: {
            let mut total = agency("BTP", 0, 2, 1, 2, 1);
            total.absorb(&agency("BCA", 1, 1, 3, 0, 2));
            total.agency = None;
            total
        },
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_owned()
}

/// The cells of the row `data-key=KEY` in section `SECTION`.
fn row(doc: &Html, section: &str, key: &str) -> Vec<String> {
    let s = sel(&format!("section#{section} tr[data-key=\"{key}\"]"));
    let tr = doc
        .select(&s)
        .next()
        .unwrap_or_else(|| panic!("no row {key} in {section}"));
    tr.select(&sel("td")).map(text).collect()
}

/// The `data-key`s of the rows of the `n`th table of a section.
fn keys(doc: &Html, section: &str, n: usize) -> Vec<String> {
    let table = doc
        .select(&sel(&format!("section#{section} table")))
        .nth(n)
        .unwrap_or_else(|| panic!("no table {n} in {section}"));
    table
        .select(&sel("tbody tr"))
        .map(|r| r.value().attr("data-key").unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn the_html_has_the_eight_sections_in_order() {
    let html = render_html(&fixed(), Lang::Vi, &Heading::default());
    let doc = Html::parse_document(&html);
    let root = doc.select(&sel("html")).next().unwrap();
    assert_eq!(root.value().attr("lang"), Some("vi"));
    let ids: Vec<&str> = doc
        .select(&sel("main > section"))
        .map(|s| s.value().attr("id").unwrap())
        .collect();
    assert_eq!(ids, SECTION_IDS);
    let titles: Vec<String> = doc.select(&sel("section > h2")).map(text).collect();
    assert_eq!(
        titles,
        [
            "1. Tổng hợp",
            "2. Hoàn thành trong kỳ",
            "3. Quá hạn",
            "4. Đến hạn trong 7 ngày tới",
            "5. Nhiệm vụ bị chặn",
            "6. Điều chỉnh thời hạn trong kỳ",
            "7. Khoảng trống “sáu rõ” của nhiệm vụ chưa hoàn thành",
            "8. Theo cơ quan chủ trì",
        ]
    );
    assert_eq!(
        text(doc.select(&sel("h1")).next().unwrap()),
        "Báo cáo giao ban tuần 46/2026"
    );
    let meta: Vec<String> = doc.select(&sel("header li")).map(text).collect();
    assert_eq!(meta[0], "Kỳ báo cáo: từ 09/11/2026 đến 15/11/2026");
    // Every table repeats its header: a thead of th cells.
    for t in doc.select(&sel("table")) {
        assert!(t.select(&sel("thead tr th")).count() > 0);
    }
}

#[test]
fn the_html_is_self_contained_and_prints_on_a4() {
    let html = render_html(&fixed(), Lang::Vi, &Heading::default());
    let doc = Html::parse_document(&html);
    for forbidden in ["script", "link", "img", "iframe", "object", "embed"] {
        assert_eq!(doc.select(&sel(forbidden)).count(), 0, "{forbidden}");
    }
    for e in doc.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            assert!(
                !name.starts_with("on") && name != "src" && name != "href",
                "{name}={value}"
            );
        }
    }
    let styles: Vec<String> = doc
        .select(&sel("head style"))
        .map(|s| s.inner_html())
        .collect();
    assert_eq!(styles.len(), 1);
    let css = &styles[0];
    assert!(!css.contains("url(") && !css.contains("@import"), "{css}");
    assert!(css.contains("@page { size: A4"), "{css}");
    assert!(css.contains("thead { display: table-header-group; }"));
    assert!(css.contains("@media print"));
    // Sections follow each other: no forced page break.
    assert!(!css.contains("break-before: page"), "{css}");
    assert!(!css.contains("page-break-before: always"), "{css}");
    // Pages are numbered; long words wrap inside their cell.
    assert!(css.contains("counter(page)"), "{css}");
    assert!(css.contains("overflow-wrap: break-word"), "{css}");
    let charset = doc.select(&sel("meta[charset]")).next().unwrap();
    assert_eq!(charset.value().attr("charset"), Some("utf-8"));
}

#[test]
fn the_summary_counts_start_end_and_change() {
    let doc = Html::parse_document(&render_html(&fixed(), Lang::Vi, &Heading::default()));
    assert_eq!(
        row(&doc, "summary", "overdue"),
        ["Quá hạn chưa hoàn thành", "1", "2", "+1"]
    );
    assert_eq!(
        row(&doc, "summary", "open"),
        ["Đang thực hiện trong hạn", "5", "4", "-1"]
    );
    assert_eq!(row(&doc, "summary", "total"), ["Tổng số", "11", "13", "+2"]);
    let head: Vec<String> = doc
        .select(&sel("section#summary thead th"))
        .map(text)
        .collect();
    assert_eq!(
        head,
        [
            "Trạng thái",
            "Đầu kỳ (08/11/2026)",
            "Cuối kỳ (15/11/2026)",
            "Thay đổi"
        ]
    );
    let intro = text(doc.select(&sel("section#summary p")).next().unwrap());
    assert!(
        intro.starts_with("Trong kỳ: 2 nhiệm vụ hoàn thành (1 đúng hạn, 1 trễ hạn); 1 nhiệm vụ mới quá hạn, 1 vẫn quá hạn"),
        "{intro}"
    );
    // Numbers align right.
    let cell = doc
        .select(&sel("section#summary tr[data-key=\"overdue\"] td"))
        .nth(1)
        .unwrap();
    assert_eq!(cell.value().attr("class"), Some("num"));
}

#[test]
fn completed_overdue_due_next_blocked_and_changes_show_their_tasks() {
    let doc = Html::parse_document(&render_html(&fixed(), Lang::Vi, &Heading::default()));
    let subs: Vec<String> = doc.select(&sel("section#completed h3")).map(text).collect();
    assert_eq!(subs, ["Đúng hạn (1)", "Trễ hạn (1)"]);
    assert_eq!(
        row(&doc, "completed", "T/01"),
        [
            "T/01",
            "Trình nghị định",
            "BCA",
            "31/12/2026 (quý 4/2026)",
            "10/11/2026"
        ]
    );
    // Done 12/11, due 31/10: 12 days late.
    assert_eq!(
        row(&doc, "completed", "T/02"),
        [
            "T/02",
            "Ban hành thông tư",
            "BTP",
            "31/10/2026 (tháng 10/2026)",
            "12/11/2026",
            "12"
        ]
    );

    let subs: Vec<String> = doc.select(&sel("section#overdue h3")).map(text).collect();
    assert_eq!(
        subs,
        ["Mới quá hạn trong kỳ (1)", "Vẫn quá hạn từ kỳ trước (1)"]
    );
    assert_eq!(keys(&doc, "overdue", 0), ["T/03"]);
    assert_eq!(keys(&doc, "overdue", 1), ["T/04"]);
    let t3 = row(&doc, "overdue", "T/03");
    // Escaped text comes back as text, not as markup.
    assert_eq!(t3[1], "Báo cáo <kết quả> & đề xuất");
    assert_eq!(
        (t3[2].as_str(), t3[3].as_str(), t3[4].as_str()),
        ("BCA", "10/11/2026", "5")
    );
    assert_eq!(row(&doc, "overdue", "T/04")[4], "46");

    assert_eq!(
        row(&doc, "due-next", "T/05"),
        ["T/05", "Tổ chức hội nghị", "BCA", "20/11/2026", "5"]
    );
    let window = text(doc.select(&sel("section#due-next p")).next().unwrap());
    assert!(window.contains("từ 16/11/2026 đến 22/11/2026"), "{window}");

    assert_eq!(
        row(&doc, "blocked", "T/06"),
        [
            "T/06",
            "Hướng dẫn thi hành",
            "BKHCN",
            "T/03 → T/04",
            "T/04 (quá hạn 46 ngày)",
            "BTP"
        ]
    );

    assert_eq!(
        row(&doc, "deadline-changes", "T/01"),
        [
            "T/01",
            "Trình nghị định",
            "11/11/2026",
            "30/09/2026 (quý 3/2026)",
            "31/12/2026 (quý 4/2026)",
            "TTG",
            "9061/VPCP-CN",
            "Chờ nghị quyết | bổ sung"
        ]
    );
}

#[test]
fn gaps_and_agencies_carry_their_numbers() {
    let doc = Html::parse_document(&render_html(&fixed(), Lang::Vi, &Heading::default()));
    assert_eq!(
        keys(&doc, "clarity-gaps", 0),
        [
            "lead",
            "title",
            "responsible",
            "product",
            "deadline",
            "authority"
        ]
    );
    assert_eq!(
        row(&doc, "clarity-gaps", "responsible"),
        ["rõ trách nhiệm", "3", "T/03, T/04, T/05"]
    );
    assert_eq!(row(&doc, "clarity-gaps", "lead"), ["rõ người", "0", "—"]);
    let intro = text(doc.select(&sel("section#clarity-gaps p")).next().unwrap());
    assert!(intro.starts_with("9 nhiệm vụ chưa hoàn thành"), "{intro}");

    // The count columns are those of `sauro stats` and the UI, in their
    // order and words (one list: `table::agency_count_headers`).
    for lang in [Lang::Vi, Lang::En] {
        let doc = Html::parse_document(&render_html(&fixed(), lang, &Heading::default()));
        let head: Vec<String> = doc.select(&sel("section#agencies th")).map(text).collect();
        let counts = sauro_report::table::agency_count_headers(lang);
        assert_eq!(head[1..=counts.len()], counts, "{lang:?}");
        assert_eq!(head.len(), counts.len() + 3, "{head:?}");
    }
    // Worst first, as given; rates labelled and computed by the core.
    assert_eq!(keys(&doc, "agencies", 0), ["BTP", "BCA", "total"]);
    assert_eq!(
        row(&doc, "agencies", "BTP"),
        [
            "BTP — Bộ Tư pháp",
            "6",
            "0",
            "2",
            "1",
            "2",
            "0",
            "1",
            "0",
            "0.0%",
            "50.0%"
        ]
    );
    assert_eq!(
        row(&doc, "agencies", "BCA"),
        [
            "BCA — Bộ Công an",
            "7",
            "1",
            "1",
            "3",
            "0",
            "0",
            "2",
            "0",
            "50.0%",
            "100.0%"
        ]
    );
    assert_eq!(
        row(&doc, "agencies", "total"),
        [
            "Tổng cộng",
            "13",
            "1",
            "3",
            "4",
            "2",
            "0",
            "3",
            "0",
            "25.0%",
            "66.7%"
        ]
    );
}

#[test]
fn empty_sections_say_so() {
    let mut b = fixed();
    b.completed.clear();
    b.newly_overdue.clear();
    b.blocked.clear();
    b.deadline_changes.clear();
    let doc = Html::parse_document(&render_html(&b, Lang::Vi, &Heading::default()));
    for s in ["completed", "blocked", "deadline-changes"] {
        assert_eq!(
            doc.select(&sel(&format!("section#{s} table"))).count(),
            0,
            "{s}"
        );
        assert_eq!(
            doc.select(&sel(&format!("section#{s} p.none"))).count(),
            1,
            "{s}"
        );
    }
    assert_eq!(doc.select(&sel("section#overdue table")).count(), 1);
}

#[test]
fn english_on_request() {
    let mut b = fixed();
    b.week = None;
    b.scope = Scope {
        leads: vec!["BCA".into()],
        directive: None,
        search: Some("định danh".into()),
    };
    let doc = Html::parse_document(&render_html(&b, Lang::En, &Heading::default()));
    let root = doc.select(&sel("html")).next().unwrap();
    assert_eq!(root.value().attr("lang"), Some("en"));
    assert_eq!(
        text(doc.select(&sel("h1")).next().unwrap()),
        "Briefing from 09/11/2026 to 15/11/2026"
    );
    let titles: Vec<String> = doc.select(&sel("section > h2")).map(text).collect();
    assert_eq!(titles[0], "1. Summary");
    assert_eq!(titles[7], "8. Per lead agency");
    assert_eq!(row(&doc, "summary", "overdue"), ["Overdue", "1", "2", "+1"]);
    let meta: Vec<String> = doc.select(&sel("header li")).map(text).collect();
    assert_eq!(meta[2], "Scope: lead BCA; search “định danh”");
}

#[test]
fn the_markdown_has_the_same_sections_and_rows() {
    let md = render_markdown(&fixed(), Lang::Vi, &Heading::default());
    assert!(md.starts_with("# Báo cáo giao ban tuần 46/2026\n"), "{md}");
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), 8, "{md}");
    assert_eq!(headings[0], "## 1. Tổng hợp");
    assert_eq!(headings[7], "## 8. Theo cơ quan chủ trì");
    assert!(
        md.contains("| Quá hạn chưa hoàn thành | 1 | 2 | +1 |"),
        "{md}"
    );
    assert!(
        md.contains("| **Tổng số** | **11** | **13** | **+2** |"),
        "{md}"
    );
    assert!(md.contains("|---|---:|---:|---:|"), "{md}");
    // A pipe inside a cell is escaped, so the row keeps its columns.
    let change = md
        .lines()
        .find(|l| l.starts_with("| T/01 | Trình nghị định | 11/11/2026"))
        .unwrap();
    assert!(change.contains("Chờ nghị quyết \\| bổ sung"), "{change}");
    assert_eq!(change.matches(" | ").count(), 7, "{change}");
    assert!(md.contains(
        "| T/06 | Hướng dẫn thi hành | BKHCN | T/03 → T/04 | T/04 (quá hạn 46 ngày) | BTP |"
    ));
}

#[test]
fn task_ids_break_only_after_a_slash_when_printed() {
    let html = render_html(&fixed(), Lang::Vi, &Heading::default());
    let doc = Html::parse_document(&html);
    let cell = doc
        .select(&sel("section#completed td.id"))
        .next()
        .expect("an id cell");
    // Each part in a no-wrap span; a break opportunity only after "/".
    let parts: Vec<String> = cell.select(&sel("span.nb")).map(text).collect();
    assert_eq!(parts.concat(), text(cell));
    assert!(parts.len() >= 2, "{parts:?}");
    assert!(parts[..parts.len() - 1].iter().all(|p| p.ends_with('/')));
    assert!(cell.inner_html().contains("<wbr>"));
    let css = doc.select(&sel("head style")).next().unwrap().inner_html();
    assert!(css.contains("span.nb { white-space: nowrap; }"), "{css}");
}

#[test]
fn the_heading_names_the_unit_and_the_day_prepared() {
    let heading = Heading {
        unit: Some("Văn phòng Chính phủ <Vụ TH>".into()),
        prepared_on: Some(d(2026, 11, 23)),
    };
    let html = render_html(&fixed(), Lang::Vi, &heading);
    let doc = Html::parse_document(&html);
    let unit = doc.select(&sel("header p.unit")).next().unwrap();
    assert_eq!(text(unit), "Văn phòng Chính phủ <Vụ TH>");
    let meta: Vec<String> = doc.select(&sel("ul.meta li")).map(text).collect();
    assert!(
        meta.contains(&"Ngày lập: 23/11/2026".to_owned()),
        "{meta:?}"
    );
    let md = render_markdown(&fixed(), Lang::En, &heading);
    assert!(
        md.starts_with("**Văn phòng Chính phủ \\<Vụ TH\\>**\n\n# Weekly"),
        "{md}"
    );
    assert!(md.contains("- Prepared on: 23/11/2026"), "{md}");
    // Without a unit there is no empty line for it.
    let plain = render_html(&fixed(), Lang::Vi, &Heading::default());
    assert!(!plain.contains("class=\"unit\""));
}

/// The paragraphs of `word/document.xml` in a DOCX package.
fn docx_paragraphs(bytes: &[u8]) -> (Vec<String>, String) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let paras = xml
        .split("</w:p>")
        .map(|p| {
            p.split("<w:t")
                .skip(1)
                .filter(|piece| piece.starts_with(['>', ' ']))
                .map(|piece| {
                    let body = &piece[piece.find('>').unwrap() + 1..];
                    body[..body.find("</w:t>").unwrap_or(body.len())].replace("&amp;", "&")
                })
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    (paras, styles)
}

#[test]
fn the_word_briefing_has_every_section_and_row_in_times_new_roman() {
    let heading = Heading {
        unit: Some("Văn phòng Chính phủ".into()),
        prepared_on: Some(d(2026, 11, 23)),
    };
    let bytes = render_docx(&fixed(), Lang::Vi, &heading).unwrap();
    let (paras, styles) = docx_paragraphs(&bytes);
    let md = render_markdown(&fixed(), Lang::Vi, &heading);
    assert_eq!(paras[0], "VĂN PHÒNG CHÍNH PHỦ");
    assert_eq!(paras[1], "Báo cáo giao ban tuần 46/2026");
    // The same section titles as the Markdown, in order.
    let md_sections: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    let docx_sections: Vec<&String> = paras
        .iter()
        .filter(|p| md_sections.contains(&p.as_str()))
        .collect();
    assert_eq!(docx_sections, md_sections);
    // Table rows: the cells of a row are consecutive paragraphs.
    let at = paras.iter().position(|p| p == "T/06").expect("row T/06");
    assert_eq!(paras[at + 1], "Hướng dẫn thi hành");
    assert!(paras.iter().any(|p| p == "Ngày lập: 23/11/2026"));
    assert!(styles.contains("w:ascii=\"Times New Roman\""), "{styles}");
    // 13 pt body text.
    assert!(styles.contains("<w:sz w:val=\"26\" />"), "{styles}");
}

#[test]
fn user_text_cannot_inject_markup_or_terminal_codes() {
    let mut b = fixed();
    let evil =
        "<script>alert(1)</script> [x](javascript:alert(1)) \u{1b}]0;pwned\u{7}\u{1b}[2J\rB\u{8}";
    b.blocked[0].task.title = evil.into();
    b.scope.search = Some(evil.into());
    let md = render_markdown(&b, Lang::Vi, &Heading::default());
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.contains("](javascript:"), "{md}");
    assert!(md.contains("\\<script\\>"), "{md}");
    let html = render_html(&b, Lang::Vi, &Heading::default());
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    for out in [&md, &html] {
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "a raw control character"
        );
        assert!(out.contains("␛"), "shown visibly");
    }
}

#[test]
fn a_long_chain_is_shown_by_its_ends_and_length() {
    let mut b = fixed();
    b.blocked[0].blockers[0].length = 4000;
    let md = render_markdown(&b, Lang::Vi, &Heading::default());
    assert!(md.contains("| T/03 → … → T/04 (4000 nhiệm vụ) |"), "{md}");
    let en = render_markdown(&b, Lang::En, &Heading::default());
    assert!(en.contains("T/03 → … → T/04 (4000 tasks)"), "{en}");
}

/// `fixed()` with every kind of row the renderers treat apart: key tasks, a
/// completion without a deadline and one recorded late, a long chain, a
/// hidden (classified) link and a root without a lead, a deadline moved by
/// an edited file, more gap ids than are listed, tasks without a lead.
fn rich() -> Briefing {
    let mut b = fixed();
    b.scope = Scope {
        leads: vec!["BCA".into(), "BTP".into()],
        directive: Some("TB-2026".into()),
        search: Some("nghị định".into()),
    };
    b.key = KeyCount {
        total: 3,
        completed: 1,
        overdue: 1,
    };
    b.completed.push(done(
        task("T/07", "Tổng kết", "BCA", Status::DoneUndated),
        d(2026, 11, 13),
    ));
    b.completed.push(done(
        dated(
            task("T/08", "Báo cáo quý", "BTP", Status::DoneOnTime),
            "2026-11-30",
            d(2026, 11, 30),
        ),
        d(2026, 11, 2),
    ));
    let mut lone = dated(
        task("T/09", "Việc không chủ trì", "X", Status::Open),
        "thường xuyên",
        d(2026, 11, 21),
    );
    lone.lead = None;
    b.due_next.push(lone);
    b.blocked.push(BlockedTask {
        task: task("T/10", "Triển khai hệ thống", "BKHCN", Status::Overdue),
        blockers: vec![
            Blocker {
                first: link("T/11", Some("BCA"), Status::Open, None),
                // A classified task left out of the briefing: not named.
                root: Link {
                    hidden: true,
                    ..link("T/99", None, Status::Overdue, Some(3))
                },
                length: 5,
            },
            Blocker {
                first: link("T/12", None, Status::Ongoing, None),
                root: link("T/12", None, Status::Ongoing, None),
                length: 1,
            },
        ],
    });
    b.deadline_changes.push(DeadlineChange {
        title: "Tổ chức hội nghị".into(),
        change: DeadlineMove {
            from_file: true,
            task: "T/05".into(),
            day: d(2026, 11, 14),
            old: deadline("2026-11-18", d(2026, 11, 18)),
            new: deadline("20/11/2026", d(2026, 11, 20)),
            authority: None,
            basis: Some("tb.toml:12".into()),
            reason: Some("  ".into()),
        },
    });
    b.gaps[0].1 = (1..=33).map(|i| id(&format!("G/{i:02}"))).collect();
    b.agencies.push(AgencyRow {
        stats: AgencyStats {
            agency: None,
            assigned: 1,
            open: 1,
            ..AgencyStats::default()
        },
        name: None,
    });
    b
}

/// Every byte of each rendering of `rich()`, so that a change of layout or
/// wording is seen in review (`cargo insta review`, or `INSTA_UPDATE=always`).
#[test]
fn the_whole_briefing_renders_as_pinned() {
    let heading = Heading {
        unit: Some("Văn phòng Chính phủ".into()),
        prepared_on: Some(d(2026, 11, 16)),
    };
    let b = rich();
    insta::assert_snapshot!("markdown_vi", render_markdown(&b, Lang::Vi, &heading));
    insta::assert_snapshot!("markdown_en", render_markdown(&b, Lang::En, &heading));
    insta::assert_snapshot!("html_vi", render_html(&b, Lang::Vi, &heading));
    insta::assert_snapshot!("html_en", render_html(&b, Lang::En, &Heading::default()));
    let bytes = render_docx(&b, Lang::Vi, &heading).unwrap();
    let xml = docx_part(&bytes, "word/document.xml");
    // docx-rs numbers paragraphs per thread: the numbers are left out. One
    // paragraph a line, so a difference is shown where it is.
    let mut parts = xml.split(" w14:paraId=\"");
    let mut pinned = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        pinned.push_str(part.split_once('"').map_or(part, |(_, rest)| rest));
    }
    insta::assert_snapshot!("docx_vi", pinned.replace("</w:p>", "</w:p>\n"));
}

/// The part `name` of a DOCX package, as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn a_classified_task_in_a_chain_is_not_named_in_either_language() {
    let mut b = fixed();
    let root = &mut b.blocked[0].blockers[0].root;
    root.hidden = true;
    root.lead = None;
    let vi = render_markdown(&b, Lang::Vi, &Heading::default());
    assert!(
        vi.contains("| T/03 → (mật) | (mật) (quá hạn 46 ngày) | (mật) |"),
        "{vi}"
    );
    let en = render_html(&b, Lang::En, &Heading::default());
    let doc = Html::parse_document(&en);
    assert_eq!(
        row(&doc, "blocked", "T/06")[3..],
        [
            "T/03 → (classified)",
            "(classified) (46 days overdue)",
            // Its lead is not told, nor said to be missing.
            "(classified)"
        ]
    );
    // T/04 is still named where it is briefed itself, never in the chain.
    assert!(!vi.contains("T/03 → T/04"), "{vi}");
}
