//! The directives and agency registry of `data/`, built into the binary so
//! that a fresh database works from any folder.

use crate::args::Lang;
use include_dir::{Dir, include_dir};
use sauro_core::Registry;
use sauro_core::directive_file::{SourceFile, load_registry};

static DATA: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// The built-in agency registry (`data/agencies.toml`).
pub fn registry(lang: Lang) -> anyhow::Result<Registry> {
    let file = DATA
        .get_file("agencies.toml")
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{}",
                lang.pick(
                    "thiếu tệp data/agencies.toml có sẵn trong chương trình",
                    "the built-in data/agencies.toml is missing",
                )
            )
        })?;
    Ok(load_registry(SourceFile {
        path: "data/agencies.toml",
        text: file,
    })?)
}

/// The bundled directive files, as (name, text), sorted by name.
pub fn directive_files() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let mut stack = vec![&DATA];
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            let name = f.path().to_string_lossy().into_owned();
            if name.ends_with(".toml")
                && name != "agencies.toml"
                && name != "calendar.toml"
                && let Some(text) = f.contents_utf8()
            {
                out.push((format!("data/{name}"), text));
            }
        }
        stack.extend(dir.dirs());
    }
    out.sort();
    out
}
