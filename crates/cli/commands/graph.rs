//! `sauro graph` (being written).

use crate::args::GraphFormat;
use crate::context::Ctx;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    _ctx: &Ctx,
    _format: GraphFormat,
    _root: Option<&str>,
    _open_only: bool,
    _output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("sauro graph is not available yet")
}
