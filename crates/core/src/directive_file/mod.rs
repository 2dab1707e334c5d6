//! Directive files (`data-format.md`): the raw TOML layer, converted once
//! into [`Directive`]s and [`Task`]s after checking every loading rule.
//! Every problem of a load is collected, each with file, line, task and value.
//!
//! [`load`] runs in steps, one module each: parse every file (here), gather
//! the agencies of every file (`agencies.rs`), check each directive's header
//! (`directive.rs`) and each task's fields (`task.rs`), then link the
//! dependencies and find cycles (`links.rs`). The problems and their
//! wording are in `problems.rs`, the serde types in `raw.rs`, lines and the
//! reporter in `position.rs`, single values in `fields.rs`.
//!
//! [`Directive`]: crate::task::Directive
//! [`Task`]: crate::task::Task

mod agencies;
mod directive;
mod fields;
mod links;
mod position;
mod problems;
mod raw;
mod task;
#[cfg(test)]
mod tests;

pub use problems::{DateProblem, Problem, ProblemKind, Problems};

use crate::agency::{Agency, Registry};
use crate::ids::{DirectiveId, TaskId};
use crate::task::{Directive, Task};
use position::{LineIndex, Reporter};
use raw::RawFile;
use std::collections::HashMap;
use std::sync::Arc;

/// The format version this program reads.
pub const SCHEMA_VERSION: i64 = 1;

/// A directive file's text and the name to report it by.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The path or name shown in problems.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// A task already in the database, as the checks of a new load need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTask {
    /// The directive that holds it.
    pub directive: DirectiveId,
    /// Its prerequisites.
    pub depends_on: Vec<TaskId>,
}

/// A task read from a file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedTask {
    /// The task.
    pub task: Task,
    /// 1-based line of its `[[task]]` table.
    pub line: usize,
}

/// A directive read from a file, with its tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedDirective {
    /// The file it came from.
    pub file: String,
    /// The directive's header.
    pub directive: Directive,
    /// Its tasks, in file order.
    pub tasks: Vec<LoadedTask>,
}

impl LoadedDirective {
    /// A problem found with one of its tasks, reported at that task's
    /// `[[task]]` line.
    pub fn problem_at(&self, task: &LoadedTask, kind: ProblemKind) -> Problem {
        Problem {
            file: self.file.clone(),
            line: Some(task.line),
            column: None,
            task: Some(task.task.id.to_string()),
            kind,
        }
    }
}

/// Everything a load brings, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Load {
    /// Agencies declared by the files.
    pub agencies: Vec<Agency>,
    /// The directives and their tasks.
    pub directives: Vec<LoadedDirective>,
}

impl Load {
    /// Every task of the load.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.directives
            .iter()
            .flat_map(|d| d.tasks.iter().map(|t| &t.task))
    }
}

/// A file that parsed as TOML, with its lines.
struct Parsed<'a> {
    source: SourceFile<'a>,
    raw: RawFile,
    lines: &'a LineIndex,
}

/// The ids met so far in a load, with the file of each, so a repeated one
/// names the first.
#[derive(Default)]
struct Seen<'a> {
    directives: HashMap<DirectiveId, &'a str>,
    tasks: HashMap<TaskId, &'a str>,
}

/// Checks and converts every file of a load. `registry` holds the agencies
/// already known (the built-in registry and the database's); `known` the
/// tasks already in the database, so dependencies may point to them and
/// cycles through them are found.
///
/// # Errors
/// Every problem of every file, at once; nothing of a refused load may be written.
pub fn load(
    files: &[SourceFile<'_>],
    registry: &Registry,
    known: &HashMap<TaskId, KnownTask>,
) -> Result<Load, Problems> {
    let mut agencies = Vec::new();
    let mut directives = Vec::new();
    load_each(files, registry, known, |item| match item {
        Loaded::Agencies(a) => agencies = a,
        Loaded::Directive(d) => directives.push(d),
    })?;
    // `load_each` has dropped its own references: no directive is copied.
    Ok(Load {
        agencies,
        directives: directives.into_iter().map(Arc::unwrap_or_clone).collect(),
    })
}

/// What [`load_each`] hands over while it checks, in this order: the
/// agencies the files declare (once, possibly none), then each directive
/// as soon as its file is checked.
#[derive(Debug)]
pub enum Loaded {
    /// The agencies declared by the files.
    Agencies(Vec<Agency>),
    /// One file's directive and its tasks, checked.
    Directive(Arc<LoadedDirective>),
}

/// The same load as [`load`], handing each part to `emit` as soon as it is
/// checked, so a caller can write a file's tasks while the next file is
/// checked. Parts are handed over only while no problem has been found;
/// the checks go on to the end so that every problem is reported.
///
/// # Errors
/// Every problem of every file, at once. The caller must then discard
/// whatever it was handed (an import rolls its transaction back): the last
/// checks (prerequisites across files, cycles) come after the last part.
pub fn load_each(
    files: &[SourceFile<'_>],
    registry: &Registry,
    known: &HashMap<TaskId, KnownTask>,
    mut emit: impl FnMut(Loaded),
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let indexes: Vec<LineIndex> = files.iter().map(|f| LineIndex::new(f.text)).collect();
    let parsed = parse_files(files, &indexes, &mut problems);
    // Agencies first: any file's agencies may be used by any other.
    let mut registry = registry.clone();
    let agencies = agencies::gather(&parsed, &mut registry, &mut problems);
    if problems.is_empty() {
        emit(Loaded::Agencies(
            agencies.into_iter().map(|a| a.agency).collect(),
        ));
    }
    let ctx = task::LoadContext {
        registry: &registry,
        known,
    };
    let mut seen = Seen::default();
    let mut directives = Vec::new();
    // By value: each file's parsed tables are freed once its tasks are
    // built, so the raw tables of every file and every built task are not
    // all held at once (the peak memory of a large import).
    for file in parsed {
        let mut rep = Reporter::new(file.source, file.lines, &mut problems);
        let checked = directive::check_file(file.source, file.raw, &ctx, &mut seen, &mut rep);
        if let Some(d) = checked {
            let d = Arc::new(d);
            if problems.is_empty() {
                emit(Loaded::Directive(Arc::clone(&d)));
            }
            directives.push(d);
        }
    }
    links::check(&directives, known, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// Step 1: parses each file's TOML; a file that does not parse gives its
/// problem (with line and column) and is left out of the next steps.
fn parse_files<'a>(
    files: &[SourceFile<'a>],
    indexes: &'a [LineIndex],
    problems: &mut Vec<Problem>,
) -> Vec<Parsed<'a>> {
    let mut parsed = Vec::new();
    for ((f, lines), result) in files.iter().zip(indexes).zip(parse_toml(files)) {
        match result {
            Ok(raw) => parsed.push(Parsed {
                source: *f,
                raw,
                lines,
            }),
            Err(e) => {
                let message = e.message().trim().to_owned();
                let kind = ProblemKind::Toml { message };
                Reporter::new(*f, lines, problems).at(e.span().map(|s| s.start), None, kind);
            }
        }
    }
    parsed
}

/// The most threads a load parses files on.
const MAX_PARSE_THREADS: usize = 8;

/// The TOML of every file, in the files' order. Files parse independently
/// and parsing is a third of a large import's time, so a load of several
/// files parses them on as many threads as the machine has cores (at most
/// [`MAX_PARSE_THREADS`]), each thread taking the next file not yet taken.
fn parse_toml(files: &[SourceFile<'_>]) -> Vec<Result<RawFile, toml::de::Error>> {
    let parse = |f: &SourceFile<'_>| toml::from_str::<RawFile>(f.text);
    if files.len() <= 1 {
        // Asking the machine's cores costs system calls (cgroup files).
        return files.iter().map(parse).collect();
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_PARSE_THREADS)
        .min(files.len());
    if threads <= 1 {
        return files.iter().map(parse).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut slots: Vec<Option<Result<RawFile, toml::de::Error>>> =
        std::iter::repeat_with(|| None).take(files.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    std::iter::from_fn(|| {
                        let i = take();
                        files.get(i).map(|f| (i, parse(f)))
                    })
                    .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                slots[i] = Some(result);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// Every problem of the file.
pub fn load_registry(file: SourceFile<'_>) -> Result<Registry, Problems> {
    let load = load(&[file], &Registry::new(), &HashMap::new())?;
    let mut registry = Registry::new();
    for a in load.agencies {
        registry.insert(Agency { builtin: true, ..a });
    }
    Ok(registry)
}
