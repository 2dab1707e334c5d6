//! `sauro export overdue`: the overdue list as XLSX, CSV, Markdown or JSON,
//! whole or split per lead agency.

use crate::args::{ExportCommand, ExportFormat, FilterArgs, Lang, SplitBy};
use crate::commands::list::store_filter;
use crate::context::{Ctx, cannot_create_folder, cannot_write};
use crate::output::print;
use crate::report_input::report_tasks;
use anyhow::{Context as _, bail};
use sauro_report::overdue::{LeadGroup, OverdueList, split_by_lead, workbook};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(ctx: &Ctx, what: &ExportCommand) -> anyhow::Result<ExitCode> {
    match what {
        ExportCommand::Overdue {
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
    format: ExportFormat,
    output: Option<&Path>,
    split_by: Option<SplitBy>,
) -> anyhow::Result<ExitCode> {
    let mut filter = store_filter(ctx, f)?;
    filter.overdue = true;
    let tasks = report_tasks(ctx, &filter)?;
    let lang = ctx.lang.core();
    let n = tasks.len();
    match split_by {
        None => {
            let list = OverdueList::new(tasks, ctx.as_of, lang);
            let bytes = render(&list, format)?;
            match output {
                Some(path) => {
                    write_file(ctx.lang, path, &bytes)?;
                    wrote(ctx, path, n)?;
                }
                None if format == ExportFormat::Xlsx => bail!(
                    "{}",
                    ctx.lang.pick(
                        "không thể in bảng tính XLSX ra terminal: hãy đặt tên tệp bằng -o TỆP.xlsx (hoặc dùng --format csv, md hoặc json)",
                        "an XLSX workbook cannot go to the terminal: name the file with -o FILE.xlsx (or use --format csv, md or json)",
                    )
                ),
                None => crate::output::print_document(&String::from_utf8(bytes)?)?,
            }
        }
        Some(SplitBy::Lead) => {
            let Some(path) = output else {
                bail!(
                    "{}",
                    ctx.lang.pick(
                        "--split-by lead ghi mỗi cơ quan chủ trì một tệp: hãy đặt tên thư mục bằng -o THƯ_MỤC (hoặc, với xlsx, một bảng tính bằng -o TỆP.xlsx)",
                        "--split-by lead writes one file per lead agency: name the folder with -o FOLDER (or, for xlsx, one workbook with -o FILE.xlsx)",
                    )
                );
            };
            let registry = &ctx.registry;
            let groups = split_by_lead(&tasks, |_, lead| {
                let id = registry.counted_as(lead);
                (id.to_owned(), registry.name_of(id).to_owned())
            });
            let lists: Vec<OverdueList> = groups.iter().map(|g| g.list(ctx.as_of, lang)).collect();
            if format == ExportFormat::Xlsx && names_xlsx_file(path) {
                let bytes = if lists.is_empty() {
                    OverdueList::new(Vec::new(), ctx.as_of, lang).to_xlsx()?
                } else {
                    workbook(&lists)?
                };
                write_file(ctx.lang, path, &bytes)?;
                wrote(ctx, path, n)?;
            } else {
                split_into_folder(ctx, path, &groups, &lists, format)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// True when `path` names an `.xlsx` file rather than a folder.
fn names_xlsx_file(path: &Path) -> bool {
    !path.is_dir()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn split_into_folder(
    ctx: &Ctx,
    dir: &Path,
    groups: &[LeadGroup],
    lists: &[OverdueList],
    format: ExportFormat,
) -> anyhow::Result<()> {
    let ext = extension(format);
    if !dir.is_dir() && dir.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        match ctx.lang {
            Lang::Vi => bail!(
                "--split-by lead ghi mỗi cơ quan chủ trì một tệp: -o phải là một thư mục, không phải tệp {}",
                dir.display()
            ),
            Lang::En => bail!(
                "--split-by lead writes one file per lead agency: -o names a folder, not the file {}",
                dir.display()
            ),
        }
    }
    if dir.is_file() {
        match ctx.lang {
            Lang::Vi => bail!(
                "--split-by lead: {} là một tệp; -o phải là thư mục để ghi mỗi cơ quan chủ trì một tệp vào đó",
                dir.display()
            ),
            Lang::En => bail!(
                "--split-by lead: {} is a file; -o names the folder to write one file per lead agency into",
                dir.display()
            ),
        }
    }
    std::fs::create_dir_all(dir).with_context(|| cannot_create_folder(ctx.lang, dir))?;
    let mut written: Vec<PathBuf> = Vec::new();
    for (group, list) in groups.iter().zip(lists) {
        let path = dir.join(format!("{}.{ext}", group.file_stem()));
        write_file(ctx.lang, &path, &render(list, format)?)?;
        written.push(path);
    }
    let lang = ctx.lang.core();
    let n: usize = lists.iter().map(|l| l.tasks.len()).sum();
    print(&format!(
        "{} {} {} {} ({} {}).",
        lang.pick("Đã ghi", "Wrote"),
        written.len(),
        lang.pick("tệp vào", "files into"),
        dir.display(),
        n,
        lang.pick("nhiệm vụ quá hạn", "overdue tasks"),
    ))?;
    Ok(())
}

fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Csv => "csv",
        ExportFormat::Md => "md",
        ExportFormat::Json => "json",
    }
}

fn render(list: &OverdueList, format: ExportFormat) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        ExportFormat::Xlsx => list.to_xlsx()?,
        ExportFormat::Csv => list.to_csv()?,
        ExportFormat::Md => list.to_markdown().into_bytes(),
        ExportFormat::Json => {
            let mut s = list.to_json()?;
            s.push('\n');
            s.into_bytes()
        }
    })
}

/// The confirmation after writing one file.
fn wrote(ctx: &Ctx, path: &Path, n: usize) -> anyhow::Result<()> {
    let lang = ctx.lang.core();
    print(&format!(
        "{} {} ({} {}).",
        lang.pick("Đã ghi", "Wrote"),
        path.display(),
        n,
        lang.pick("nhiệm vụ quá hạn", "overdue tasks"),
    ))
}

/// Writes `bytes` to `path`, creating its folder; errors name the path.
pub(super) fn write_file(lang: Lang, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| cannot_create_folder(lang, parent))?;
    }
    std::fs::write(path, bytes).with_context(|| cannot_write(lang, path))
}

/// Writes text to `path` when given (with a confirmation naming what was
/// written), else prints it.
pub(super) fn write_or_print(
    ctx: &Ctx,
    output: Option<&Path>,
    text: &str,
    what: (&str, &str),
) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            write_file(ctx.lang, path, text.as_bytes())?;
            let lang = ctx.lang.core();
            print(&format!(
                "{} {} ({}).",
                lang.pick("Đã ghi", "Wrote"),
                path.display(),
                lang.pick(what.0, what.1)
            ))
        }
        None => crate::output::print_document(text),
    }
}
