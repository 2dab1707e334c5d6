//! `sauro check [PATH...]`: six-clarities gaps and graph problems, of files
//! (without importing) or of the database. Exit status 1 when any is found.

use crate::args::{Cli, Format, Lang};
use crate::context::Ctx;
use crate::input::read_sources;
use crate::output::{print, print_json};
use crate::table::{Table, terminal_width};
use sauro_core::directive_file::{SourceFile, load};
use sauro_core::{Clarity, Registry, Task, format_date};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(serde::Serialize)]
struct Gap {
    id: String,
    title: String,
    missing: Vec<&'static str>,
    /// Why rõ người fails, when it does: `missing`, `group`, `co_leads`.
    #[serde(skip_serializing_if = "Option::is_none")]
    lead_gap: Option<&'static str>,
    /// Co-leads, said in words beside rõ người in the table.
    #[serde(skip)]
    co_leads: Option<String>,
}

#[derive(serde::Serialize)]
struct InversionJson {
    prerequisite: String,
    prerequisite_due: String,
    dependent: String,
    dependent_due: String,
}

#[derive(serde::Serialize, Default)]
struct Report {
    problems: Vec<String>,
    gaps: Vec<Gap>,
    inversions: Vec<InversionJson>,
    /// Titles that only exhort (đẩy mạnh, tăng cường…): a heuristic, not a failure.
    warnings: Vec<String>,
    /// The longest chain of unfinished tasks, first prerequisite first: for
    /// planning, not a failure.
    longest_chain: Vec<String>,
}

/// The findings of `sauro_core::check::analyse`, worded in `lang`.
fn analyse(tasks: &[Task], registry: &Registry, lang: Lang) -> Report {
    let found = sauro_core::check::analyse(tasks, registry);
    let title: HashMap<&str, &str> = tasks
        .iter()
        .map(|t| (t.id.as_str(), t.title.as_str()))
        .collect();
    let gaps = found
        .gaps
        .iter()
        .map(|g| Gap {
            id: g.id.to_string(),
            title: g.title.clone(),
            missing: g.missing.iter().map(Clarity::field).collect(),
            lead_gap: g.lead_gap.map(|l| l.code()),
            co_leads: g
                .lead_gap
                .filter(|l| matches!(l, sauro_core::LeadGap::CoLeads(_)))
                .map(|l| l.message(lang.core())),
        })
        .collect();
    let warnings = found
        .exhortations
        .iter()
        .map(|id| {
            let title = title.get(id.as_str()).copied().unwrap_or_default();
            match lang {
                Lang::Vi => format!(
                    "{id}: tên nhiệm vụ chỉ nêu định hướng (\"{title}\"), khó xác định khi nào hoàn thành"
                ),
                Lang::En => {
                    format!("{id}: the title only exhorts (\"{title}\"); hard to tell when it is finished")
                }
            }
        })
        .collect();
    let inversions = found
        .inversions
        .iter()
        .map(|inv| InversionJson {
            prerequisite: inv.prerequisite.to_string(),
            prerequisite_due: format_date(inv.prerequisite_due),
            dependent: inv.dependent.to_string(),
            dependent_due: format_date(inv.dependent_due),
        })
        .collect();
    let problems = found
        .cycles
        .iter()
        .map(|c| {
            format!(
                "{}: {c}",
                lang.pick("phụ thuộc vòng tròn", "dependency cycle")
            )
        })
        .collect();
    Report {
        problems,
        gaps,
        inversions,
        warnings,
        longest_chain: found
            .longest_chain
            .iter()
            .map(ToString::to_string)
            .collect(),
    }
}

pub fn check(cli: &Cli, paths: &[PathBuf], format: Format) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let report = if paths.is_empty() {
        let ctx = Ctx::open(cli, true)?;
        let rows = ctx.store.tasks(&Default::default(), ctx.as_of)?;
        let tasks: Vec<Task> = rows.into_iter().map(|r| r.task).collect();
        analyse(&tasks, &ctx.registry, lang)
    } else {
        let files = read_sources(paths, lang)?;
        let sources: Vec<SourceFile<'_>> = files
            .iter()
            .map(|(p, t)| SourceFile { path: p, text: t })
            .collect();
        let registry = crate::bundled::registry(lang)?;
        match load(&sources, &registry, &HashMap::new()) {
            Ok(loaded) => {
                let mut registry = registry;
                for a in &loaded.agencies {
                    registry.insert(a.clone());
                }
                let tasks: Vec<Task> = loaded.tasks().cloned().collect();
                analyse(&tasks, &registry, lang)
            }
            Err(problems) => Report {
                problems: problems.0.iter().map(|p| p.message(lang.core())).collect(),
                ..Report::default()
            },
        }
    };
    let failed =
        !report.problems.is_empty() || !report.gaps.is_empty() || !report.inversions.is_empty();
    if format == Format::Json {
        print_json(&report)?;
    } else {
        print(&render(&report, lang))?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn render(report: &Report, lang: Lang) -> String {
    let t = lang.text();
    let mut o = String::new();
    if !report.problems.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            match lang {
                Lang::Vi => format!("{} lỗi dữ liệu:", report.problems.len()),
                Lang::En => format!("{} problems in the data:", report.problems.len()),
            }
        );
        for p in &report.problems {
            let _ = writeln!(o, "  {p}");
        }
        o.push('\n');
    }
    if !report.gaps.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            match lang {
                Lang::Vi => format!("{} nhiệm vụ chưa đủ 6 rõ:", report.gaps.len()),
                Lang::En if report.gaps.len() == 1 => "1 task lacks a clarity:".to_owned(),
                Lang::En => format!("{} tasks lack a clarity:", report.gaps.len()),
            }
        );
        let mut table = Table::new(&[t.col_id, t.col_missing, t.col_title]);
        for g in &report.gaps {
            let names: Vec<String> = g
                .missing
                .iter()
                .filter_map(|f| Clarity::parse(f))
                .map(|c| match (&g.co_leads, c) {
                    (Some(why), Clarity::Lead) => format!("{} ({why})", lang.clarity(c)),
                    _ => lang.clarity(c).to_owned(),
                })
                .collect();
            table.push(vec![g.id.clone(), names.join(", "), g.title.clone()]);
        }
        o.push_str(&table.render(terminal_width()));
        o.push('\n');
        for c in Clarity::ALL {
            let n = report
                .gaps
                .iter()
                .filter(|g| g.missing.contains(&c.field()))
                .count();
            if n > 0 {
                let _ = writeln!(o, "  {}: {n}", lang.clarity(c));
            }
        }
        o.push('\n');
    }
    if !report.inversions.is_empty() {
        let _ = writeln!(o, "{}:", t.inversion);
        for i in &report.inversions {
            let _ = writeln!(
                o,
                "  {} ({}) → {} ({})",
                i.prerequisite, i.prerequisite_due, i.dependent, i.dependent_due
            );
        }
        o.push('\n');
    }
    if !report.longest_chain.is_empty() {
        let _ = writeln!(
            o,
            "{} ({}): {}\n",
            lang.pick(
                "Chuỗi việc chưa xong dài nhất",
                "Longest chain of unfinished work"
            ),
            report.longest_chain.len(),
            report.longest_chain.join(" → ")
        );
    }
    if !report.warnings.is_empty() {
        for w in &report.warnings {
            let _ = writeln!(o, "  ! {w}");
        }
        o.push('\n');
    }
    if report.problems.is_empty() && report.gaps.is_empty() && report.inversions.is_empty() {
        o.push_str(t.check_ok);
    }
    o
}
