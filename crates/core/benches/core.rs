//! Benchmarks of the core: loading directive files, status classification
//! with the six clarities, and dependency-graph analysis, at 10k and 100k
//! synthetic tasks (`sauro_synth`). Figures are recorded in
//! `docs/benchmarks.md`.
#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use common::{as_of, files, group, registry, sources};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sauro_core::directive_file::{Load, load};
use sauro_core::{Assessment, DependencyGraph, Registry, Status, Task, TaskId, clarity};
use std::collections::{HashMap, HashSet};
use std::hint::black_box;

/// Generates and loads `n` tasks once, outside any timed loop.
fn loaded(n: usize, registry: &Registry) -> Load {
    load(&sources(&files(n)), registry, &HashMap::new()).unwrap()
}

/// What `sauro list` computes per task: status, flags and missing clarities.
fn assess_all(tasks: &[&Task], registry: &Registry, as_of: NaiveDate) -> usize {
    let mut overdue = 0;
    for t in tasks {
        let a = Assessment::new(t.state, t.due_kind(), as_of, 7, false, t.extended);
        let missing = clarity::missing(t, registry);
        if a.status == Status::Overdue && !missing.is_empty() {
            overdue += 1;
        }
    }
    overdue
}

fn parse(c: &mut Criterion) {
    let registry = registry();
    let mut g = group(c, "load_toml", 5);
    let n = 10_000;
    let files = files(n);
    let src = sources(&files);
    let known = HashMap::new();
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(BenchmarkId::from_parameter(n), |b| {
        b.iter(|| load(black_box(&src), &registry, &known).unwrap());
    });
    g.finish();
}

fn classification(c: &mut Criterion) {
    let registry = registry();
    let as_of = as_of();
    let mut g = group(c, "classify_and_clarities", 3);
    for n in [10_000, 100_000] {
        let load = loaded(n, &registry);
        let tasks: Vec<&Task> = load.tasks().collect();
        assert_eq!(tasks.len(), n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &tasks, |b, tasks| {
            b.iter(|| assess_all(black_box(tasks), &registry, as_of));
        });
    }
    g.finish();
}

fn graph(c: &mut Criterion) {
    let registry = registry();
    let as_of = as_of();
    let mut g = group(c, "graph", 4);
    for n in [10_000, 100_000] {
        let load = loaded(n, &registry);
        let tasks: Vec<&Task> = load.tasks().collect();
        let edges: Vec<(&TaskId, &[TaskId])> = tasks
            .iter()
            .map(|t| (&t.id, t.depends_on.as_slice()))
            .collect();
        let done: HashSet<&TaskId> = tasks
            .iter()
            .filter(|t| t.state.as_of(as_of).is_done())
            .map(|t| &t.id)
            .collect();
        let due: HashMap<&TaskId, NaiveDate> = tasks
            .iter()
            .filter_map(|t| t.due_date().map(|d| (&t.id, d)))
            .collect();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("build", n), &edges, |b, edges| {
            b.iter(|| DependencyGraph::build(black_box(edges).iter().copied()).unwrap());
        });
        let built = DependencyGraph::build(edges.iter().copied()).unwrap();
        g.bench_with_input(
            BenchmarkId::new("longest_unfinished_chain", n),
            &built,
            |b, graph| {
                b.iter(|| graph.longest_unfinished_chain(|id| done.contains(id)));
            },
        );
        g.bench_with_input(
            BenchmarkId::new("deadline_inversions", n),
            &built,
            |b, graph| {
                b.iter(|| graph.deadline_inversions(|id| due.get(id).copied()));
            },
        );
        // What `sauro blocked` asks of the graph: the chains of every blocked task.
        g.bench_with_input(
            BenchmarkId::new("blocking_chains_of_all", n),
            &built,
            |b, graph| {
                b.iter(|| {
                    tasks
                        .iter()
                        .filter(|t| !done.contains(&t.id))
                        .map(|t| graph.blocking_chains(t.id.as_str(), |id| done.contains(id)))
                        .filter(|c| !c.is_empty())
                        .count()
                });
            },
        );
    }
    g.finish();
}

criterion_group!(core, parse, classification, graph);
criterion_main!(core);
