//! `sauro import`: directive files and folders into the database.

use crate::context::Ctx;
use crate::output::print;
use sauro_core::directive_file::SourceFile;
use std::path::PathBuf;
use std::process::ExitCode;

/// Imports the files in one transaction and says what changed.
pub fn import(ctx: &mut Ctx, paths: &[PathBuf], by: Option<&str>) -> anyhow::Result<ExitCode> {
    let files = crate::input::read_sources(paths, ctx.lang)?;
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let actor = ctx.actor(by)?;
    // The built-in registry is already in the database: `Ctx::open` wrote
    // what it lacked.
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
        crate::args::Lang::En => {
            let en = sauro_core::Lang::En;
            format!(
                "Imported {}, {}: {}, {} updated ({}), {} unchanged.",
                en.count(files.len(), "", "file"),
                en.count(s.directives, "", "directive"),
                en.count(s.added, "", "new task"),
                s.updated,
                en.count(s.changes, "", "change"),
                s.unchanged
            )
        }
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
