//! `sauro export overdue|blocked|due|all|stats`: a task list (or the
//! agency table) as XLSX, CSV, Markdown or JSON, whole or split per lead
//! agency.

use crate::args::{ExportArgs, ExportCommand, ExportFormat, Lang, SplitBy};
use crate::commands::list::{store_filter, views};
use crate::context::{Ctx, cannot_create_folder, cannot_write};
use crate::output::print;
use crate::report_input::report_tasks;
use crate::task_view::TaskView;
use anyhow::{Context as _, bail};
use sauro_report::ReportTask;
use sauro_report::overdue::ExtraColumn;
use sauro_report::overdue::{LeadGroup, OverdueList, split_by_lead, workbook};
use sauro_report::table::Table;
use sauro_store::TaskFilter;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(ctx: &Ctx, what: &ExportCommand) -> anyhow::Result<ExitCode> {
    match what {
        ExportCommand::Overdue { out } => tasks(ctx, out, Kind::Overdue),
        ExportCommand::Blocked { out } => tasks(ctx, out, Kind::Blocked),
        ExportCommand::Due { within, out } => tasks(ctx, out, Kind::Due(*within)),
        ExportCommand::All { out } => tasks(ctx, out, Kind::All),
        ExportCommand::Stats { out } => stats(ctx, out),
    }
}

/// Which task list is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Overdue,
    Blocked,
    Due(i64),
    All,
}

impl Kind {
    /// The list's heading (the overdue list keeps its own title).
    fn heading(self, lang: Lang) -> Option<String> {
        match (self, lang) {
            (Kind::Overdue, _) => None,
            (Kind::Blocked, Lang::Vi) => Some("Danh sách nhiệm vụ bị chặn".into()),
            (Kind::Blocked, Lang::En) => Some("Blocked tasks".into()),
            (Kind::Due(n), Lang::Vi) => Some(format!(
                "Danh sách nhiệm vụ đến hạn trong {}",
                sauro_core::wording::days(n, lang.core())
            )),
            (Kind::Due(n), Lang::En) => Some(format!(
                "Tasks due within {}",
                sauro_core::wording::days(n, lang.core())
            )),
            (Kind::All, Lang::Vi) => Some("Danh sách nhiệm vụ".into()),
            (Kind::All, Lang::En) => Some("Tasks".into()),
        }
    }

    /// The tasks the list is made of, singular (`nhiệm vụ quá hạn`, `overdue task`).
    fn noun(self) -> (&'static str, &'static str) {
        match self {
            Kind::Overdue => ("nhiệm vụ quá hạn", "overdue task"),
            Kind::Blocked => ("nhiệm vụ bị chặn", "blocked task"),
            Kind::Due(_) => ("nhiệm vụ đến hạn", "task due"),
            Kind::All => ("nhiệm vụ", "task"),
        }
    }
}

/// The column the list adds after the standard ones: why a blocked task is
/// blocked, the days left of a task due, the status of every task.
fn extra_column(
    ctx: &Ctx,
    kind: Kind,
    tasks: &[ReportTask],
) -> anyhow::Result<Option<ExtraColumn>> {
    let lang = ctx.lang.core();
    let cells: HashMap<String, String> = match kind {
        Kind::Overdue => return Ok(None),
        Kind::Blocked => {
            let mut filter = TaskFilter {
                ids: tasks.iter().flat_map(|t| t.blocked_by.clone()).collect(),
                ..TaskFilter::default()
            };
            filter.ids.sort();
            filter.ids.dedup();
            let blockers: HashMap<String, TaskView> = if filter.ids.is_empty() {
                HashMap::new()
            } else {
                views(ctx, &filter)?
                    .into_iter()
                    .map(|v| (v.id().to_owned(), v))
                    .collect()
            };
            tasks
                .iter()
                .map(|t| (t.id.clone(), why_blocked(ctx, t, &blockers)))
                .collect()
        }
        Kind::Due(_) => tasks
            .iter()
            .map(|t| {
                let left = t.deadline.map(|d| (d - ctx.as_of).num_days());
                (
                    t.id.clone(),
                    left.map(|n| n.to_string()).unwrap_or_default(),
                )
            })
            .collect(),
        Kind::All => tasks
            .iter()
            .map(|t| {
                (
                    t.id.clone(),
                    sauro_core::wording::status_long(t.status, lang).to_owned(),
                )
            })
            .collect(),
    };
    let label = match kind {
        Kind::Blocked => lang.pick("Lý do bị chặn", "Why blocked"),
        Kind::Due(_) => lang.pick("Số ngày còn lại", "Days left"),
        _ => lang.pick("Trạng thái", "Status"),
    };
    Ok(Some(ExtraColumn {
        label: label.to_owned(),
        cells,
    }))
}

/// Each unfinished prerequisite with its lead and status:
/// `← A/1 (BCA, Quá hạn 3 ngày)`.
fn why_blocked(ctx: &Ctx, t: &ReportTask, blockers: &HashMap<String, TaskView>) -> String {
    t.blocked_by
        .iter()
        .map(|id| match blockers.get(id) {
            Some(v) => format!("← {}", v.link(ctx.lang.core())),
            None => format!("← {id}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn tasks(ctx: &Ctx, out: &ExportArgs, kind: Kind) -> anyhow::Result<ExitCode> {
    let mut filter = store_filter(ctx, &out.filter)?;
    match kind {
        Kind::Overdue => filter.overdue = true,
        Kind::Blocked => filter.blocked = true,
        Kind::Due(n) => filter.due_within = Some(n),
        Kind::All => {}
    }
    let mut tasks = report_tasks(ctx, &filter)?;
    if let Kind::Due(n) = kind {
        // A recurring deadline is due by its next occurrence.
        tasks.retain(|t| {
            t.status == sauro_core::Status::Open
                && t.deadline.is_some_and(|d| (d - ctx.as_of).num_days() <= n)
        });
    }
    let lang = ctx.lang.core();
    let extra = extra_column(ctx, kind, &tasks)?;
    let decorate = |mut list: OverdueList| {
        list.heading = kind.heading(ctx.lang);
        list.extra = extra.iter().cloned().collect();
        list
    };
    let n = tasks.len();
    let noun = kind.noun();
    match out.split_by {
        None => {
            let list = decorate(OverdueList::new(tasks, ctx.as_of, lang));
            let bytes = render(&list, out.format)?;
            emit(ctx, out, &bytes, n, noun)?;
        }
        Some(SplitBy::Lead) => {
            let path = split_path(ctx, out)?;
            let registry = &ctx.registry;
            let groups = split_by_lead(&tasks, |_, lead| {
                let id = registry.counted_as(lead);
                (id.to_owned(), registry.name_of(id).to_owned())
            });
            let lists: Vec<OverdueList> = groups
                .iter()
                .map(|g| decorate(g.list(ctx.as_of, lang)))
                .collect();
            if out.format == ExportFormat::Xlsx && names_xlsx_file(path) {
                let bytes = if lists.is_empty() {
                    decorate(OverdueList::new(Vec::new(), ctx.as_of, lang)).to_xlsx()?
                } else {
                    workbook(&lists)?
                };
                write_file(ctx.lang, path, &bytes)?;
                wrote(ctx, path, n, noun)?;
            } else {
                split_into_folder(ctx, path, &groups, &lists, out.format, noun)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to `-o FILE`, or prints (never an XLSX workbook to the terminal).
fn emit(
    ctx: &Ctx,
    out: &ExportArgs,
    bytes: &[u8],
    n: usize,
    noun: (&str, &str),
) -> anyhow::Result<()> {
    match out.output.as_deref() {
        Some(path) => {
            write_file(ctx.lang, path, bytes)?;
            wrote(ctx, path, n, noun)
        }
        None if out.format == ExportFormat::Xlsx => bail!(
            "{}",
            ctx.lang.pick(
                "không thể in bảng tính XLSX ra terminal: hãy đặt tên tệp bằng -o TỆP.xlsx (hoặc dùng --format csv, md hoặc json)",
                "an XLSX workbook cannot go to the terminal: name the file with -o FILE.xlsx (or use --format csv, md or json)",
            )
        ),
        None => crate::output::print_document(&String::from_utf8(bytes.to_vec())?),
    }
}

/// The folder (or workbook) `--split-by lead` writes into.
fn split_path<'a>(ctx: &Ctx, out: &'a ExportArgs) -> anyhow::Result<&'a Path> {
    match out.output.as_deref() {
        Some(p) => Ok(p),
        None => bail!(
            "{}",
            ctx.lang.pick(
                "--split-by lead ghi mỗi cơ quan chủ trì một tệp: hãy đặt tên thư mục bằng -o THƯ_MỤC (hoặc, với xlsx, một bảng tính bằng -o TỆP.xlsx)",
                "--split-by lead writes one file per lead agency: name the folder with -o FOLDER (or, for xlsx, one workbook with -o FILE.xlsx)",
            )
        ),
    }
}

/// `sauro export stats`: the agency table of `sauro stats`, as a file.
fn stats(ctx: &Ctx, out: &ExportArgs) -> anyhow::Result<ExitCode> {
    if out.split_by.is_some() {
        bail!(
            "{}",
            ctx.lang.pick(
                "--split-by lead không dùng với export stats: bảng thống kê đã có một dòng cho mỗi cơ quan chủ trì (lọc một cơ quan bằng --lead)",
                "--split-by lead does not apply to export stats: the table already has one row per lead agency (filter one with --lead)",
            )
        );
    }
    let filter = store_filter(ctx, &out.filter)?;
    let (stats, total) = crate::commands::stats::sorted_stats(ctx, &filter)?;
    let table = Table::agency_stats(
        &stats,
        Some(&total),
        |a| ctx.registry.name_of(a).to_owned(),
        ctx.as_of,
        ctx.lang.core(),
    );
    let bytes = match out.format {
        ExportFormat::Xlsx => table.to_xlsx()?,
        ExportFormat::Csv => table.to_csv()?,
        ExportFormat::Md => table.to_markdown().into_bytes(),
        ExportFormat::Json => {
            let mut s = table.to_json()?;
            s.push('\n');
            s.into_bytes()
        }
    };
    emit(ctx, out, &bytes, stats.len(), ("cơ quan", "agency"))?;
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
    noun: (&str, &str),
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
        "{} {} {} {} ({}).",
        lang.pick("Đã ghi", "Wrote"),
        lang.count(written.len(), "tệp", "file"),
        lang.pick("vào", "into"),
        dir.display(),
        lang.count(n, noun.0, noun.1),
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
fn wrote(ctx: &Ctx, path: &Path, n: usize, noun: (&str, &str)) -> anyhow::Result<()> {
    let lang = ctx.lang.core();
    print(&format!(
        "{} {} ({}).",
        lang.pick("Đã ghi", "Wrote"),
        path.display(),
        lang.count(n, noun.0, noun.1),
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
