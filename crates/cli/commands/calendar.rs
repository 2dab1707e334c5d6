//! `sauro calendar` (being written).

use crate::args::FilterArgs;
use crate::context::Ctx;
use std::path::Path;
use std::process::ExitCode;

pub fn run(_ctx: &Ctx, _filter: &FilterArgs, _output: Option<&Path>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("sauro calendar is not available yet")
}
