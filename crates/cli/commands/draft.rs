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
    review: bool,
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
    if review {
        return review_then_act(cli, draft, file, output);
    }
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
            Lang::En => {
                let en = sauro_core::Lang::En;
                format!(
                    "{name}: {}, {} to check (\"# kiểm tra:\"), {} proposed. Review, then run `sauro check {target}` and `sauro import {target}`.",
                    en.count(tasks, "", "task"),
                    en.count(guesses, "", "guess"),
                    en.count(new_agencies, "", "new agency"),
                )
            }
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// `--review`: the terminal UI on the draft, then import or write what the
/// reviewer kept.
fn review_then_act(
    cli: &Cli,
    draft: sauro_draft::Draft,
    file: &Path,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let mut ctx = crate::context::Ctx::open(cli, false)?;
    let filter = sauro_store::TaskFilter {
        directive: Some(draft.header.id.clone()),
        ..Default::default()
    };
    let existing = ctx
        .store
        .tasks(&filter, ctx.as_of)?
        .into_iter()
        .map(|r| {
            let t = r.task;
            (
                t.id.to_string(),
                sauro_tui::review::Existing {
                    title: t.title,
                    lead: t.lead.map(|l| l.to_string()),
                    deadline: t.deadline.map(|d| d.written),
                },
            )
        })
        .collect();
    let review = sauro_tui::review::Review::new(draft, existing, lang.core());
    let outcome = sauro_tui::review::run_review(review)
        .map_err(|e| anyhow::anyhow!("{}", e.message(lang.core())))?;
    let path = output.map_or_else(|| file.with_extension("toml"), Path::to_path_buf);
    match outcome {
        sauro_tui::review::Outcome::Quit => {
            print(lang.pick("Không ghi, không nhập gì.", "Nothing written or imported."))?;
            Ok(ExitCode::SUCCESS)
        }
        sauro_tui::review::Outcome::Write(text) => {
            std::fs::write(&path, text).with_context(|| cannot_write(lang, &path))?;
            print(&match lang {
                Lang::Vi => format!("Đã ghi {}.", path.display()),
                Lang::En => format!("Wrote {}.", path.display()),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        sauro_tui::review::Outcome::Import(text) => {
            // The file is written first, so the database records where the
            // tasks came from; then imported with the rules of `sauro import`.
            std::fs::write(&path, text).with_context(|| cannot_write(lang, &path))?;
            crate::commands::import::import(&mut ctx, &[path], None)
        }
    }
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
