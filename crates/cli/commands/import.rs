//! `sauro import`: directive files and folders into the database.

use crate::args::Lang;
use crate::context::{Ctx, cannot_read};
use crate::output::print;
use anyhow::Context as _;
use sauro_core::directive_file::SourceFile;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every `*.toml` file named or under a named folder, sorted, with its text.
///
/// # Errors
/// A path that does not exist or a file that cannot be read (named).
pub fn read_sources(paths: &[PathBuf], lang: Lang) -> anyhow::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, lang)?;
    }
    files.sort();
    files.dedup();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).with_context(|| cannot_read(lang, &f))?;
            Ok((f.display().to_string(), text))
        })
        .collect()
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, lang: Lang) -> anyhow::Result<()> {
    let meta = std::fs::metadata(path).with_context(|| cannot_read(lang, path))?;
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).with_context(|| cannot_read(lang, path))?;
        for e in entries {
            let e = e.with_context(|| cannot_read(lang, path))?;
            let p = e.path();
            if p.is_dir() || p.extension().is_some_and(|x| x == "toml") {
                collect(&p, out, lang)?;
            }
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}

/// Imports the files in one transaction and says what changed.
pub fn import(ctx: &mut Ctx, paths: &[PathBuf], by: Option<&str>) -> anyhow::Result<ExitCode> {
    let files = read_sources(paths, ctx.lang)?;
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let actor = ctx.actor(by)?;
    ctx.store
        .ensure_agencies(&crate::bundled::registry(ctx.lang)?)?;
    let s = ctx.store.import(&sources, &actor)?;
    let msg = match ctx.lang {
        crate::args::Lang::Vi => format!(
            "Đã nhập {} tệp, {} văn bản: {} nhiệm vụ mới, {} cập nhật ({} thay đổi), {} không đổi.",
            files.len(),
            s.directives,
            s.added,
            s.updated,
            s.changes,
            s.unchanged
        ),
        crate::args::Lang::En => format!(
            "Imported {} files, {} directives: {} new tasks, {} updated ({} changes), {} unchanged.",
            files.len(),
            s.directives,
            s.added,
            s.updated,
            s.changes,
            s.unchanged
        ),
    };
    print(&msg)?;
    if !s.not_in_file.is_empty() {
        let ids = s.not_in_file.join(", ");
        print(&match ctx.lang {
            crate::args::Lang::Vi => format!(
                "{} nhiệm vụ không còn trong tệp của văn bản giao nhưng vẫn được giữ trong cơ sở dữ liệu (không xóa gì): {ids}",
                s.not_in_file.len()
            ),
            crate::args::Lang::En if s.not_in_file.len() == 1 => format!(
                "1 task is no longer in its directive's file; it is kept in the database (nothing is deleted): {ids}"
            ),
            crate::args::Lang::En => format!(
                "{} tasks are no longer in their directive's file; they are kept in the database (nothing is deleted): {ids}",
                s.not_in_file.len()
            ),
        })?;
    }
    Ok(ExitCode::SUCCESS)
}
