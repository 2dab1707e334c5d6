//! The directives and agency registry of `data/`, built into the binary so
//! that a fresh database works from any folder.

use crate::args::Lang;
use include_dir::{Dir, include_dir};
use sauro_core::Registry;
use sauro_core::agency::{Agency, AgencyKind};

static DATA: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// One agency of the table `build.rs` writes: id, name, kind code,
/// successor, aliases.
type BuiltinAgency = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
);

include!(concat!(env!("OUT_DIR"), "/builtin_agencies.rs"));

/// The built-in agency registry (`data/agencies.toml`), as sauro-core's
/// loader read it when this program was built (`crates/cli/build.rs`):
/// no run parses the file again.
pub fn registry(lang: Lang) -> anyhow::Result<Registry> {
    let broken = |value: &str| {
        anyhow::anyhow!(
            "{} {value:?}",
            lang.pick(
                "bảng cơ quan có sẵn trong chương trình bị hỏng:",
                "the built-in table of agencies is broken:",
            )
        )
    };
    let mut registry = Registry::new();
    for &(id, name, kind, successor, aliases) in BUILTIN_AGENCIES {
        registry.insert(Agency {
            id: id.parse().map_err(|_| broken(id))?,
            name: name.to_owned(),
            kind: AgencyKind::from_code(kind).ok_or_else(|| broken(kind))?,
            successor: match successor {
                Some(s) => Some(s.parse().map_err(|_| broken(s))?),
                None => None,
            },
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            builtin: true,
        });
    }
    Ok(registry)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{DATA, registry};
    use crate::args::Lang;
    use sauro_core::directive_file::{SourceFile, load_registry};

    /// The table the build wrote is the registry sauro-core loads from the
    /// file: the same agencies, and every name and alias resolving to the
    /// same ids in the same order.
    #[test]
    fn the_built_in_registry_is_what_sauro_core_loads_from_the_file() {
        let text = DATA
            .get_file("agencies.toml")
            .and_then(|f| f.contents_utf8())
            .unwrap();
        let loaded = load_registry(SourceFile {
            path: "data/agencies.toml",
            text,
        })
        .unwrap();
        let built = registry(Lang::Vi).unwrap();
        assert!(built.len() > 100);
        assert_eq!(
            loaded.iter().collect::<Vec<_>>(),
            built.iter().collect::<Vec<_>>()
        );
        let ids = |r: &sauro_core::Registry, name: &str| -> Vec<String> {
            r.resolve_all(name)
                .iter()
                .map(|a| a.id.to_string())
                .collect()
        };
        for agency in loaded.iter() {
            for name in agency.names() {
                assert_eq!(ids(&loaded, name), ids(&built, name), "{name}");
            }
        }
    }
}
