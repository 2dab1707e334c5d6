//! Benchmarks of the core: status classification and graph analysis.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};

fn benches(_c: &mut Criterion) {}

criterion_group!(core, benches);
criterion_main!(core);
