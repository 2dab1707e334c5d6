//! sauro: tracks the tasks that Vietnam's government directives assign,
//! checked on the six clarities (sáu rõ). This binary wires the command line
//! to the store and the core; it is the only place that reads the clock.
#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

mod args;
mod bundled;
mod commands;
mod context;
mod errors;
mod help_vi;
mod i18n;
mod input;
mod output;
mod report_input;
mod table;
mod task_view;

use clap::{CommandFactory, FromArgMatches, Parser};

/// mimalloc: listing 100k tasks allocates and frees a million small strings,
/// and the system allocator spent a fifth of the time on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// Parses the command line: in Vietnamese (help and errors) unless
/// `--lang en` or `SAURO_LANG=en` asks for English.
fn parse() -> args::Cli {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if help_vi::lang_of(&argv, std::env::var_os("SAURO_LANG")) == args::Lang::En {
        return args::Cli::parse_from(argv);
    }
    // The Vietnamese texts change what is shown, never what is parsed: a
    // command line that parses needs no translation of the whole command
    // tree (half a millisecond on every run). Help, version and errors are
    // shown from the translated tree.
    if let Ok(cli) = args::Cli::try_parse_from(&argv) {
        return cli;
    }
    let cmd = help_vi::vietnamese(args::Cli::command());
    let parsed = cmd
        .try_get_matches_from(argv)
        .and_then(|mut m| args::Cli::from_arg_matches_mut(&mut m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => match help_vi::error_message(&e) {
            Some(message) => {
                eprint!("{message}");
                std::process::exit(e.exit_code());
            }
            None => e.exit(),
        },
    }
}

fn main() -> ExitCode {
    let cli = parse();
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
