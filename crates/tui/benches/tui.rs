//! The terminal UI on a 100k-task store: loading (what stands between start
//! and the first frame with data), and each keypress's update + redraw.
//! Run: `cargo bench -p sauro-tui` (SAURO_BENCH_TASKS=10000 for a quick run).
#![allow(missing_docs, clippy::unwrap_used)]

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sauro_core::Lang;
use sauro_core::directive_file::{SourceFile, load_registry};
use sauro_store::{Actor, Store};
use sauro_tui::{App, Snapshot, action_for};
use std::path::Path;
use std::time::Duration;

const AGENCIES: &str = include_str!("../../../data/agencies.toml");

fn build_store(path: &Path, tasks: usize) {
    let mut store = Store::open(path).unwrap();
    let registry = load_registry(SourceFile {
        path: "agencies.toml",
        text: AGENCIES,
    })
    .unwrap();
    store.ensure_agencies(&registry).unwrap();
    let files = sauro_synth::directive_files(tasks, 1000, 42);
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let actor = Actor {
        by: "bench".into(),
        at: "2026-11-22T00:00:00Z".into(),
        day: as_of(),
    };
    store.import(&sources, &actor).unwrap();
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(a) = action_for(app.mode(), KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(a).unwrap();
    }
}

fn benches(c: &mut Criterion) {
    let tasks: usize = std::env::var("SAURO_BENCH_TASKS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    build_store(&path, tasks);

    let mut g = c.benchmark_group(format!("tui_{tasks}"));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let reader = Store::open(&path).unwrap();
    g.bench_function("snapshot_load", |b| {
        b.iter_with_large_drop(|| Snapshot::load(&reader, as_of(), 7).unwrap())
    });
    // As `run` does: the first screenful (longest overdue first) from the
    // deadline index, then the full load.
    g.bench_function("first_frame_with_data", |b| {
        b.iter_with_large_drop(|| {
            let store = Store::open(&path).unwrap();
            let first = Snapshot::first_screen(&store, as_of(), 7, 200).unwrap();
            let mut app = App::empty(store, as_of(), Lang::Vi, 7);
            if let Some(first) = first {
                app.apply(first);
            }
            let mut t = Terminal::new(TestBackend::new(160, 45)).unwrap();
            t.draw(|f| f.render_widget(&app, f.area())).unwrap();
            app
        })
    });
    g.bench_function("full_frame_with_data", |b| {
        b.iter_with_large_drop(|| {
            let store = Store::open(&path).unwrap();
            let app = App::new(store, as_of(), Lang::Vi).unwrap();
            let mut t = Terminal::new(TestBackend::new(160, 45)).unwrap();
            t.draw(|f| f.render_widget(&app, f.area())).unwrap();
            app
        })
    });

    let store = Store::open(&path).unwrap();
    let mut app = App::new(store, as_of(), Lang::Vi).unwrap();
    let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let mut draw = |app: &App| {
        term.draw(|f| f.render_widget(app, f.area()))
            .map(|_| ())
            .unwrap()
    };
    g.sample_size(50).measurement_time(Duration::from_secs(5));
    g.bench_function("keypress_move_down", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('j'));
            draw(&app);
        })
    });
    g.bench_function("keypress_tab_overdue_and_back", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('2'));
            draw(&app);
            press(&mut app, KeyCode::Char('1'));
            draw(&app);
        })
    });
    press(&mut app, KeyCode::Char('/'));
    g.bench_function("keypress_search_type_and_erase", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('đ'));
            draw(&app);
            press(&mut app, KeyCode::Backspace);
            draw(&app);
        })
    });
    g.finish();
}

criterion_group!(tui, benches);
criterion_main!(tui);
