//! `sauro briefing` (being written).

use crate::args::{BriefingFormat, FilterArgs};
use crate::context::Ctx;
use std::path::Path;
use std::process::ExitCode;

/// The period asked for: an ISO week, or from/to days.
pub struct Period<'a> {
    pub week: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
}

pub fn run(
    _ctx: &Ctx,
    _period: Period<'_>,
    _filter: &FilterArgs,
    _format: BriefingFormat,
    _output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("sauro briefing is not available yet")
}
