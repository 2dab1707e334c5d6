//! Precision and recall of `sauro draft` per field on the seed articles,
//! against the hand-encoded files of `data/directives/`.
//!
//! `cargo run -p sauro-draft --example score [SEEDS_DIR]` (default `../shared/seeds`).
//! Also times a generated 140-row appendix table.
#![allow(clippy::print_stdout, clippy::unwrap_used, missing_docs)]

use chrono::NaiveDate;
use sauro_core::Deadline;
use sauro_core::directive_file::{SourceFile, load_registry};
use sauro_draft::{DraftTask, Options};
use std::collections::HashSet;

/// Which seed articles report which hand-encoded directive.
const PAIRS: [(&[&str], &str); 3] = [
    (
        &["000_4ae086280b8ffc57.txt", "003_1c56e3dcffa5116c.txt"],
        "bcdtw-ctct-2026.toml",
    ),
    (&["001_8fb7344be68b35c6.txt"], "qd-2629-2025.toml"),
    (&["004_13642356756502bb.txt"], "kl-hoi-nghi-6-2-2025.toml"),
];

struct Hand {
    title: String,
    lead: Option<String>,
    product: Option<String>,
    deadline: Option<String>,
    authority: Option<String>,
}

fn words(s: &str) -> HashSet<String> {
    sauro_core::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_owned)
        .collect()
}

/// Share of `b`'s words found in `a`. A drafted task matches the hand task
/// whose title shares the most words with its title, either way round.
fn overlap(a: &str, b: &str) -> f64 {
    let (wa, wb) = (words(a), words(b));
    if wb.is_empty() {
        return 0.0;
    }
    wa.intersection(&wb).count() as f64 / wb.len() as f64
}

fn hand_tasks(text: &str) -> (Vec<Hand>, NaiveDate) {
    let v: toml::Value = toml::from_str(text).unwrap();
    let s = |t: &toml::Value, k: &str| t.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    let issued = v["directive"]["issued_on"]
        .as_datetime()
        .unwrap()
        .to_string();
    let issued = NaiveDate::parse_from_str(issued.trim_matches('"'), "%Y-%m-%d").unwrap();
    let tasks = v["task"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| Hand {
            title: s(t, "title").unwrap_or_default(),
            lead: s(t, "lead"),
            product: s(t, "product"),
            deadline: s(t, "deadline"),
            authority: s(t, "authority"),
        })
        .collect();
    (tasks, issued)
}

fn same_deadline(a: &str, b: &str, reference: NaiveDate) -> bool {
    match (Deadline::parse(a, reference), Deadline::parse(b, reference)) {
        (Ok(x), Ok(y)) => x.due == y.due,
        _ => {
            sauro_core::fold(a).trim_start_matches("trong ")
                == sauro_core::fold(b).trim_start_matches("trong ")
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Count {
    drafted: usize,
    drafted_right: usize,
    hand: usize,
    hand_found: usize,
}

impl Count {
    fn line(&self, name: &str) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                "–".to_owned()
            } else {
                format!("{:.0} % ({a}/{b})", 100.0 * a as f64 / b as f64)
            }
        };
        format!(
            "| {name} | {} | {} |",
            pct(self.drafted_right, self.drafted),
            pct(self.hand_found, self.hand)
        )
    }
}

type Getter = fn(&DraftTask, &Hand) -> (Option<String>, Option<String>);

fn main() {
    let seeds = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/seeds".to_owned());
    // SCORE_VERBOSE=1 prints every drafted field that is not right.
    let verbose = std::env::var_os("SCORE_VERBOSE").is_some();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let registry = load_registry(SourceFile {
        path: "data/agencies.toml",
        text: &std::fs::read_to_string(format!("{root}/data/agencies.toml")).unwrap(),
    })
    .unwrap();
    let fields: [(&str, Getter); 4] = [
        ("lead", |d, h| (d.lead.clone(), h.lead.clone())),
        ("deadline wording", |d, h| {
            (d.deadline.clone(), h.deadline.clone())
        }),
        ("product", |d, h| (d.product.clone(), h.product.clone())),
        ("authority", |d, h| {
            (d.authority.clone(), h.authority.clone())
        }),
    ];
    let mut counts = [Count::default(); 4];
    let mut tasks_count = Count::default();
    let mut assignments = Count::default();
    for (articles, hand_file) in PAIRS {
        let (hand, issued) = hand_tasks(
            &std::fs::read_to_string(format!("{root}/data/directives/{hand_file}")).unwrap(),
        );
        let opts = Options {
            id: Some("x".into()),
            today: issued,
        };
        let mut drafted = Vec::new();
        for a in articles {
            let bytes = std::fs::read(format!("{seeds}/{a}")).unwrap();
            if let Ok(d) = sauro_draft::draft(a, &bytes, &registry, &opts) {
                drafted.extend(d.tasks);
            }
        }
        // Each drafted task against the hand task its title matches best.
        let best: Vec<Option<usize>> = drafted
            .iter()
            .map(|d| {
                let (i, score) = hand
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        (
                            i,
                            overlap(&d.title, &h.title).max(0.9 * overlap(&h.title, &d.title)),
                        )
                    })
                    .fold((0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
                (score >= 0.6).then_some(i)
            })
            .collect();
        tasks_count.drafted += drafted.len();
        tasks_count.drafted_right += best.iter().flatten().count();
        tasks_count.hand += hand.len();
        tasks_count.hand_found += (0..hand.len()).filter(|i| best.contains(&Some(*i))).count();
        // Assignments: hand tasks that name a lead (the targets of a
        // programme name none and are not sentences that assign work).
        let with_lead: Vec<usize> = (0..hand.len())
            .filter(|i| hand[*i].lead.is_some())
            .collect();
        assignments.hand += with_lead.len();
        assignments.hand_found += with_lead
            .iter()
            .filter(|i| best.contains(&Some(**i)))
            .count();
        assignments.drafted += drafted.iter().filter(|d| d.lead.is_some()).count();
        assignments.drafted_right += drafted
            .iter()
            .zip(&best)
            .filter(|(d, m)| d.lead.is_some() && m.is_some_and(|i| hand[i].lead.is_some()))
            .count();
        for (k, (_, get)) in fields.iter().enumerate() {
            let equal = |d: &DraftTask, h: &Hand| match get(d, h) {
                (Some(a), Some(b)) => match k {
                    1 => same_deadline(&a, &b, issued),
                    2 => overlap(&a, &b) >= 0.6 && overlap(&b, &a) >= 0.5,
                    _ => a == b,
                },
                _ => false,
            };
            for (d, m) in drafted.iter().zip(&best) {
                if get(
                    d,
                    &Hand {
                        title: String::new(),
                        lead: None,
                        product: None,
                        deadline: None,
                        authority: None,
                    },
                )
                .0
                .is_some()
                {
                    counts[k].drafted += 1;
                    if m.is_some_and(|i| equal(d, &hand[i])) {
                        counts[k].drafted_right += 1;
                    } else if verbose {
                        let want = m.and_then(|i| get(d, &hand[i]).1);
                        println!(
                            "{}: drafted {:?}, hand {want:?} — {}",
                            fields[k].0,
                            get(d, &hand[0]).0,
                            d.title
                        );
                    }
                }
            }
            for (i, h) in hand.iter().enumerate() {
                if get(&DraftTask::default(), h).1.is_some() {
                    counts[k].hand += 1;
                    if drafted
                        .iter()
                        .zip(&best)
                        .any(|(d, m)| *m == Some(i) && equal(d, h))
                    {
                        counts[k].hand_found += 1;
                    }
                }
            }
        }
    }
    println!(
        "| field | precision (drafted and right / drafted) | recall (hand-encoded found / hand-encoded) |"
    );
    println!("|---|---|---|");
    println!("{}", tasks_count.line("task (title matches)"));
    println!("{}", assignments.line("assignment (hand task with a lead)"));
    for (k, (name, _)) in fields.iter().enumerate() {
        println!("{}", counts[k].line(name));
    }
    time_140_rows(&registry);
}

fn time_140_rows(registry: &sauro_core::Registry) {
    let mut md = String::from(
        "Số: 01/NQ-CP\nHà Nội, ngày 09 tháng 01 năm 2025\n\n| TT | Nhiệm vụ | Chủ trì | Phối hợp | Sản phẩm | Thời hạn |\n|---|---|---|---|---|---|\n",
    );
    for i in 1..=140 {
        md.push_str(&format!(
            "| {i} | Xây dựng Đề án số {i} về chuyển đổi số | Bộ Công an | Bộ Tư pháp, Bộ Tài chính | Quyết định của Thủ tướng Chính phủ | Quý {}/2025 |\n",
            i % 4 + 1
        ));
    }
    let opts = Options {
        id: None,
        today: NaiveDate::from_ymd_opt(2025, 1, 9).unwrap(),
    };
    let start = std::time::Instant::now();
    let d = sauro_draft::draft("140.md", md.as_bytes(), registry, &opts).unwrap();
    let text = d.to_toml();
    println!(
        "\n140-row appendix: {} tasks, {} bytes of TOML, drafted in {:.1} ms",
        d.tasks.len(),
        text.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}
