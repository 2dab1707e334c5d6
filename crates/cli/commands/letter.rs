//! `sauro letter overdue`: the chase-up letter (công văn đôn đốc) to one lead
//! agency, or one per lead agency, as Word or Markdown.

use crate::args::{FilterArgs, LetterCommand, LetterFormat, SplitBy};
use crate::commands::list::store_filter;
use crate::context::{Ctx, cannot_create_folder};
use crate::output::print;
use crate::report_input::report_tasks;
use anyhow::{Context as _, bail};
use sauro_core::Status;
use sauro_report::ReportTask;
use sauro_report::letter::Letter;
use sauro_report::overdue::split_by_lead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(ctx: &Ctx, what: &LetterCommand) -> anyhow::Result<ExitCode> {
    match what {
        LetterCommand::Overdue {
            filter,
            format,
            output,
            split_by,
        } => overdue(ctx, filter, *format, output.as_deref(), *split_by),
    }
}

fn overdue(
    ctx: &Ctx,
    f: &FilterArgs,
    format: LetterFormat,
    output: Option<&Path>,
    split_by: Option<SplitBy>,
) -> anyhow::Result<ExitCode> {
    if split_by.is_none() && f.lead.len() != 1 {
        bail!(
            "{}",
            ctx.lang.pick(
                "công văn đôn đốc gửi một cơ quan chủ trì: hãy chọn cơ quan bằng --lead ID, hoặc soạn cho mọi cơ quan bằng --split-by lead -o THƯ_MỤC",
                "a chase-up letter goes to one lead agency: choose it with --lead ID, or draft one per agency with --split-by lead -o FOLDER",
            )
        );
    }
    let tasks = report_tasks(ctx, &store_filter(ctx, f)?)?;
    let letters = letters(ctx, &tasks);
    match split_by {
        None => {
            // A co-led task puts its other leads' letters beside this one.
            let wanted = crate::commands::list::resolve_agency(ctx, "--lead", &f.lead[0])?;
            let wanted = ctx.registry.counted_as(&wanted).to_owned();
            let letter = letters.into_iter().find(|l| l.recipient_id == wanted);
            one(ctx, letter, &f.lead[0], format, output)
        }
        Some(SplitBy::Lead) => {
            let Some(dir) = output else {
                bail!(
                    "{}",
                    ctx.lang.pick(
                        "--split-by lead soạn mỗi cơ quan chủ trì một công văn: hãy đặt tên thư mục bằng -o THƯ_MỤC",
                        "--split-by lead drafts one letter per lead agency: name the folder with -o FOLDER",
                    )
                );
            };
            many(ctx, &letters, format, dir)
        }
    }
}

/// One letter per lead agency that has overdue or soon-due tasks, the
/// predecessors' tasks under their successor.
fn letters(ctx: &Ctx, tasks: &[ReportTask]) -> Vec<Letter> {
    let registry = &ctx.registry;
    let groups = split_by_lead(tasks, |_, lead| {
        let id = registry.counted_as(lead);
        (id.to_owned(), registry.name_of(id).to_owned())
    });
    groups
        .into_iter()
        .filter_map(|g| {
            let id = g.lead?;
            let overdue: Vec<ReportTask> = g
                .tasks
                .iter()
                .filter(|t| t.status == Status::Overdue)
                .cloned()
                .collect();
            let due_soon: Vec<ReportTask> = g
                .tasks
                .iter()
                .filter(|t| t.due_soon && t.status == Status::Open)
                .cloned()
                .collect();
            (!overdue.is_empty() || !due_soon.is_empty()).then(|| Letter {
                as_of: ctx.as_of,
                lang: ctx.lang.core(),
                recipient: g.name.unwrap_or_else(|| id.clone()),
                recipient_id: id,
                overdue: sorted_by_days_overdue(overdue),
                due_soon,
                due_soon_days: ctx.due_soon_days,
            })
        })
        .collect()
}

/// Longest overdue first.
fn sorted_by_days_overdue(mut tasks: Vec<ReportTask>) -> Vec<ReportTask> {
    tasks.sort_by_key(|t| std::cmp::Reverse(t.days_overdue.unwrap_or(0)));
    tasks
}

fn render(letter: &Letter, format: LetterFormat) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        LetterFormat::Docx => letter.to_docx()?,
        LetterFormat::Md => letter.to_markdown().into_bytes(),
    })
}

fn extension(format: LetterFormat) -> &'static str {
    match format {
        LetterFormat::Docx => "docx",
        LetterFormat::Md => "md",
    }
}

fn one(
    ctx: &Ctx,
    letter: Option<Letter>,
    lead: &str,
    format: LetterFormat,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let Some(letter) = letter else {
        let name = ctx.registry.name_of(ctx.registry.counted_as(lead.trim()));
        print(&match ctx.lang {
            crate::args::Lang::Vi => format!(
                "{name} không có nhiệm vụ quá hạn hay đến hạn trong {} ngày tới: không soạn công văn.",
                ctx.due_soon_days
            ),
            crate::args::Lang::En => format!(
                "{name} has no overdue task and none due within {} days: no letter drafted.",
                ctx.due_soon_days
            ),
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let bytes = render(&letter, format)?;
    match output {
        Some(path) => {
            super::export::write_file(ctx.lang, path, &bytes)?;
            wrote(ctx, &[path.to_path_buf()])?;
        }
        None if format == LetterFormat::Docx => bail!(
            "{}",
            ctx.lang.pick(
                "không thể in tệp Word ra terminal: hãy đặt tên tệp bằng -o TỆP.docx (hoặc dùng --format md)",
                "a Word document cannot go to the terminal: name the file with -o FILE.docx (or use --format md)",
            )
        ),
        None => crate::output::print_document(&String::from_utf8(bytes)?)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn many(
    ctx: &Ctx,
    letters: &[Letter],
    format: LetterFormat,
    dir: &Path,
) -> anyhow::Result<ExitCode> {
    if dir.is_file() {
        match ctx.lang {
            crate::args::Lang::Vi => bail!(
                "--split-by lead: {} là một tệp; -o phải là thư mục để ghi mỗi cơ quan một công văn vào đó",
                dir.display()
            ),
            crate::args::Lang::En => bail!(
                "--split-by lead: {} is a file; -o names the folder to write one letter per agency into",
                dir.display()
            ),
        }
    }
    std::fs::create_dir_all(dir).with_context(|| cannot_create_folder(ctx.lang, dir))?;
    let mut written = Vec::new();
    for letter in letters {
        let stem: String = letter
            .recipient_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{stem}.{}", extension(format)));
        super::export::write_file(ctx.lang, &path, &render(letter, format)?)?;
        written.push(path);
    }
    wrote(ctx, &written)?;
    Ok(ExitCode::SUCCESS)
}

/// The confirmation: how many letters, where.
fn wrote(ctx: &Ctx, paths: &[PathBuf]) -> anyhow::Result<()> {
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    print(&match ctx.lang {
        crate::args::Lang::Vi => format!("Đã soạn {} công văn: {}.", paths.len(), list.join(", ")),
        crate::args::Lang::En => {
            let s = if paths.len() == 1 { "" } else { "s" };
            format!("Drafted {} letter{s}: {}.", paths.len(), list.join(", "))
        }
    })
}
