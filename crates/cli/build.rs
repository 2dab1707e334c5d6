//! Build script of the `sauro` binary: the built-in agency registry
//! (`data/agencies.toml`) is read here, by sauro-core's own loader, and
//! written out as a Rust table (`$OUT_DIR/builtin_agencies.rs`), so no run
//! of sauro parses it again (it cost 1–2 ms of every command's start-up)
//! and a file with a problem fails the build instead of every run.

use sauro_core::directive_file::{SourceFile, load};
use std::collections::HashMap;
use std::fmt::Write as _;

fn main() {
    let path = "data/agencies.toml";
    println!("cargo:rerun-if-changed={path}");
    println!("cargo:rerun-if-changed=crates/cli/build.rs");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // What `directive_file::load_registry` reads, in the file's order (the
    // order a registry keeps its names in).
    let loaded = load(
        &[SourceFile { path, text: &text }],
        &sauro_core::Registry::new(),
        &HashMap::new(),
    )
    .unwrap_or_else(|problems| panic!("{path}:\n{problems}"));
    let mut code = String::from(
        "/// The agencies of `data/agencies.toml` as sauro-core loaded them at\n\
         /// build time: (id, name, kind code, successor, aliases), in file order.\n\
         static BUILTIN_AGENCIES: &[BuiltinAgency] = &[\n",
    );
    for a in &loaded.agencies {
        let successor = a
            .successor
            .as_ref()
            .map_or_else(|| "None".to_owned(), |s| format!("Some({:?})", s.as_str()));
        let _ = writeln!(
            code,
            "    ({:?}, {:?}, {:?}, {successor}, &{:?}),",
            a.id.as_str(),
            a.name,
            a.kind.code(),
            a.aliases
        );
    }
    code.push_str("];\n");
    let out =
        std::path::Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}")))
            .join("builtin_agencies.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
