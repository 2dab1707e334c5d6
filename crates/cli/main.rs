//! sauro: tracks the tasks that Vietnam's government directives assign,
//! checked on the six clarities (sáu rõ). This binary wires the command line
//! to the store and the core; it is the only place that reads the clock.
#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

mod args;
mod bundled;
mod commands;
mod context;
mod errors;
mod i18n;
mod input;
mod output;
mod report_input;
mod table;
mod task_view;

use clap::Parser;

/// mimalloc: listing 100k tasks allocates and frees a million small strings,
/// and the system allocator spent a fifth of the time on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let lang = cli.lang.core();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            // Messages quote values from files and users: shown, never obeyed.
            let message = errors::localized(&e, lang);
            eprintln!("sauro: {}", sauro_core::escape::terminal_text(&message));
            ExitCode::from(2)
        }
    }
}
