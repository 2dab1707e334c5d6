//! One module per group of subcommands; `run` dispatches.

mod briefing;
mod calendar;
mod change;
mod check;
mod db;
mod draft;
mod export;
mod graph;
mod holidays;
mod import;
mod letter;
pub mod list;
mod show;
mod stats;

use crate::args::{Cli, Command, DbCommand};
use crate::context::Ctx;
use std::process::ExitCode;

/// Runs the command line; the exit code says whether a check found problems.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Some(command) = &cli.command else {
        let ctx = Ctx::open(&cli, true)?;
        if interactive() {
            return tui(ctx);
        }
        return list::overview(&ctx);
    };
    match command {
        Command::Tui => {
            let ctx = Ctx::open(&cli, true)?;
            if !interactive() {
                anyhow::bail!(
                    "{}",
                    cli.lang.pick(
                        "giao diện toàn màn hình cần chạy trong một terminal; trong script hãy dùng `sauro list` hoặc `sauro overdue`",
                        "the terminal UI needs a terminal; use `sauro list` or `sauro overdue` in scripts",
                    )
                );
            }
            tui(ctx)
        }
        Command::Import { paths, by } => {
            // A refused import into a new database leaves no file behind.
            let created = crate::context::database_to_create(&cli);
            let mut ctx = Ctx::open(&cli, false)?;
            let imported = import::import(&mut ctx, paths, by.as_deref());
            if let (Err(_), Some(path)) = (&imported, created) {
                drop(ctx);
                crate::context::remove_created_database(&path);
            }
            imported
        }
        Command::Check { paths, format } => check::check(&cli, paths, *format),
        Command::Draft {
            file,
            output,
            id,
            review,
        } => {
            if *review && !interactive() {
                anyhow::bail!(
                    "{}",
                    cli.lang.pick(
                        "--review cần chạy trong một terminal; trong script hãy dùng `sauro draft FILE -o OUT.toml`",
                        "--review needs a terminal; use `sauro draft FILE -o OUT.toml` in scripts",
                    )
                );
            }
            draft::draft(&cli, file, output.as_deref(), id.as_deref(), *review)
        }
        Command::List {
            filter,
            status,
            blocked,
            missing,
            format,
        } => {
            let ctx = Ctx::open(&cli, true)?;
            list::list(&ctx, filter, status, *blocked, missing, *format)
        }
        Command::Overdue { filter, format } => {
            list::overdue(&Ctx::open(&cli, true)?, filter, *format)
        }
        Command::Blocked { filter, format } => {
            list::blocked(&Ctx::open(&cli, true)?, filter, *format)
        }
        Command::Due {
            within,
            filter,
            format,
        } => list::due(&Ctx::open(&cli, true)?, *within, filter, *format),
        Command::Stats { filter, format } => stats::stats(&Ctx::open(&cli, true)?, filter, *format),
        Command::Show { id, format } => show::show(&Ctx::open(&cli, true)?, id, *format),
        Command::Export { what } => export::run(&Ctx::open(&cli, true)?, what),
        Command::Letter { what } => letter::run(&Ctx::open(&cli, true)?, what),
        Command::Briefing {
            week,
            last_week,
            from,
            to,
            filter,
            format,
            unit,
            output,
        } => briefing::run(
            &Ctx::open(&cli, true)?,
            briefing::Period {
                week: week.as_deref(),
                last_week: *last_week,
                from: from.as_deref(),
                to: to.as_deref(),
            },
            filter,
            *format,
            unit.as_deref(),
            output.as_deref(),
        ),
        Command::Graph {
            format,
            root,
            open_only,
            output,
        } => graph::run(
            &Ctx::open(&cli, true)?,
            *format,
            root.as_deref(),
            *open_only,
            output.as_deref(),
        ),
        Command::Calendar {
            filter,
            remind_days,
            output,
        } => calendar::run(
            &Ctx::open(&cli, true)?,
            filter,
            *remind_days,
            output.as_deref(),
        ),
        Command::Done { id, on, by } => change::done(
            &mut Ctx::open(&cli, true)?,
            id,
            on.as_deref(),
            by.as_deref(),
        ),
        Command::Reopen { id, by } => {
            change::reopen(&mut Ctx::open(&cli, true)?, id, by.as_deref())
        }
        Command::Cancel {
            id,
            authority,
            reason,
            user,
        } => change::cancel(
            &mut Ctx::open(&cli, true)?,
            id,
            authority,
            reason,
            user.as_deref(),
        ),
        Command::Extend {
            id,
            to,
            authority,
            basis,
            reason,
            user,
        } => change::extend(
            &mut Ctx::open(&cli, true)?,
            id,
            to,
            change::Decision {
                authority,
                basis,
                reason,
            },
            user.as_deref(),
        ),
        Command::Holidays { year, format } => holidays::run(&cli, *year, *format),
        Command::Note { id, text, by } => {
            change::note(&mut Ctx::open(&cli, true)?, id, text, by.as_deref())
        }
        Command::Db { what } => match what {
            DbCommand::Init => db::init(&cli),
            DbCommand::Copy { from, to } => db::copy(&cli, from, to),
        },
    }
}

/// True when both stdin and stdout are a terminal.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Opens the terminal UI on the database.
fn tui(ctx: Ctx) -> anyhow::Result<ExitCode> {
    let user = ctx.user(None);
    let options = sauro_tui::Options {
        user,
        today: ctx.today,
        clock: crate::context::now_rfc3339,
        due_soon_days: ctx.due_soon_days,
        calendar: ctx.calendar.clone(),
        include_classified: ctx.include_classified,
    };
    sauro_tui::run(ctx.store, ctx.as_of, ctx.lang.core(), options)?;
    Ok(ExitCode::SUCCESS)
}
