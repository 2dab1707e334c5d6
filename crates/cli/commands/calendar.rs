//! `sauro calendar`: every open dated task as an all-day event (iCalendar).

use crate::args::FilterArgs;
use crate::commands::list::store_filter;
use crate::context::Ctx;
use crate::report_input::report_tasks;
use sauro_report::calendar::{is_listed, to_ics};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    ctx: &Ctx,
    filter: &FilterArgs,
    remind_days: u32,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let tasks = report_tasks(ctx, &store_filter(ctx, filter)?)?;
    let ics = to_ics(&tasks, ctx.as_of, remind_days, ctx.lang.core());
    let n = tasks.iter().filter(|t| is_listed(t)).count();
    let what = (format!("{n} sự kiện"), format!("{n} events"));
    super::export::write_or_print(ctx, output, &ics, (&what.0, &what.1))?;
    Ok(ExitCode::SUCCESS)
}
