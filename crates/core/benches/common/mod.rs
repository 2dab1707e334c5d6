//! What every benchmark shares (the core's and the store's, which includes
//! this file by path): the synthetic data's seed and file size, the as-of
//! day, the bundled agency registry, and a group's timing.

use chrono::NaiveDate;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use sauro_core::Registry;
use sauro_core::directive_file::{SourceFile, load_registry};
use sauro_synth as synth;
use std::time::Duration;

/// Tasks per synthetic directive file.
pub const PER_FILE: usize = 100;
/// The seed every benchmark (and `bench/whole-process.sh`) uses.
pub const SEED: u64 = 2025;

/// The day status is computed for.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The registry of `data/agencies.toml`.
pub fn registry() -> Registry {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/agencies.toml");
    let text = std::fs::read_to_string(path).unwrap();
    load_registry(SourceFile {
        path: "data/agencies.toml",
        text: &text,
    })
    .unwrap()
}

/// `n` synthetic tasks in files of [`PER_FILE`], from [`SEED`].
pub fn files(n: usize) -> Vec<(String, String)> {
    synth::directive_files(n, PER_FILE, SEED)
}

/// The files as the loader and the import take them.
pub fn sources(files: &[(String, String)]) -> Vec<SourceFile<'_>> {
    files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect()
}

/// A benchmark group of 10 samples, a second of warm-up and `seconds` of
/// measurement.
pub fn group<'c>(c: &'c mut Criterion, name: &str, seconds: u64) -> BenchmarkGroup<'c, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds));
    g
}
