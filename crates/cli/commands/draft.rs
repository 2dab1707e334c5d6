//! `sauro draft FILE [-o OUT.toml] [--id ID]`: proposes a directive file from a
//! document, for review before `sauro check` and `sauro import`.

use crate::args::{Cli, Lang};
use crate::context::{as_of, cannot_read, cannot_write};
use crate::output::print;
use anyhow::Context as _;
use sauro_core::DirectiveId;
use std::io::Read as _;
use std::path::Path;
use std::process::ExitCode;

/// Drafts `file`; writes the TOML to `output` or stdout and a summary to stderr.
pub fn draft(
    cli: &Cli,
    file: &Path,
    output: Option<&Path>,
    id: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    if let Some(id) = id {
        id.parse::<DirectiveId>()
            .map_err(|e| anyhow::anyhow!("{}", e.message(lang.core())))?;
    }
    let bytes = read_bounded(file, lang)?;
    let registry = crate::bundled::registry(lang)?;
    let opts = sauro_draft::Options {
        id: id.map(str::to_owned),
        today: as_of(cli)?,
    };
    let name = file.display().to_string();
    let draft = sauro_draft::draft(&name, &bytes, &registry, &opts)
        .map_err(|e| anyhow::anyhow!("{}", e.message(lang.core())))?;
    let text = draft.to_toml();
    match output {
        Some(out) => std::fs::write(out, &text).with_context(|| cannot_write(lang, out))?,
        None => print(&text)?,
    }
    let (tasks, guesses, new_agencies) = (draft.tasks.len(), draft.guesses(), draft.agencies.len());
    let target = output.map_or_else(|| "-".to_owned(), |p| p.display().to_string());
    eprintln!(
        "{}",
        match lang {
            Lang::Vi => format!(
                "{name}: {tasks} nhiệm vụ, {guesses} điểm cần kiểm tra (\"# kiểm tra:\"), {new_agencies} cơ quan mới đề xuất. Rà soát rồi chạy `sauro check {target}` và `sauro import {target}`."
            ),
            Lang::En => format!(
                "{name}: {tasks} tasks, {guesses} guesses to check (\"# kiểm tra:\"), {new_agencies} new agencies proposed. Review, then run `sauro check {target}` and `sauro import {target}`."
            ),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads at most the drafter's size limit (and one byte more, to tell).
fn read_bounded(file: &Path, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let f = std::fs::File::open(file).with_context(|| cannot_read(lang, file))?;
    let mut bytes = Vec::new();
    f.take(sauro_draft::read::MAX_INPUT as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| cannot_read(lang, file))?;
    Ok(bytes)
}
