//! `sauro export overdue` (being written).

use crate::args::ExportCommand;
use crate::context::Ctx;
use std::process::ExitCode;

pub fn run(_ctx: &Ctx, _what: &ExportCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("sauro export is not available yet")
}
