//! Store benchmarks: importing 10k and 100k synthetic tasks into a fresh
//! on-disk database, and the queries behind `sauro overdue` and `sauro
//! blocked` on a 100k-task database. Figures are recorded in
//! `docs/benchmarks.md`.
#![allow(missing_docs, clippy::unwrap_used)]

#[path = "../../core/benches/common/mod.rs"]
mod common;

use common::{as_of, files, group, registry, sources};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sauro_core::Registry;
use sauro_store::{Actor, Store, TaskFilter};
use std::hint::black_box;
use tempfile::TempDir;

fn actor() -> Actor {
    Actor {
        by: "bench".into(),
        at: "2026-11-22T00:00:00Z".into(),
        day: as_of(),
    }
}

/// A fresh on-disk database with the agency registry, as `sauro import` starts.
fn fresh(registry: &Registry) -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sauro.db")).unwrap();
    store.ensure_agencies(registry).unwrap();
    (dir, store)
}

fn import(c: &mut Criterion) {
    let registry = registry();
    let actor = actor();
    let mut g = group(c, "import", 10);
    for n in [10_000, 100_000] {
        let files = files(n);
        let src = sources(&files);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_batched(
                || fresh(&registry),
                |(dir, mut store)| {
                    let s = store.import(black_box(&src), &actor).unwrap();
                    assert_eq!(s.added, n);
                    // Dropped outside the timing: closing checkpoints the WAL.
                    (dir, store)
                },
                BatchSize::PerIteration,
            );
        });
    }
    g.finish();
}

fn queries(c: &mut Criterion) {
    let registry = registry();
    let n = 100_000;
    let (_dir, mut store) = fresh(&registry);
    store.import(&sources(&files(n)), &actor()).unwrap();
    let as_of = as_of();
    let mut g = group(c, "query_100k", 5);
    let overdue = TaskFilter {
        overdue: true,
        ..TaskFilter::default()
    };
    let blocked = TaskFilter {
        blocked: true,
        ..TaskFilter::default()
    };
    let all = TaskFilter::default();
    for (name, filter) in [("overdue", &overdue), ("blocked", &blocked), ("all", &all)] {
        g.bench_function(name, |b| {
            b.iter(|| store.tasks(black_box(filter), as_of).unwrap().len());
        });
    }
    g.finish();
}

criterion_group!(store, import, queries);
criterion_main!(store);
