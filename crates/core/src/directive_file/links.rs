//! Step 5 of a load, once every file is read: dependencies must exist in the
//! load or the database, and form no cycle.

use super::{KnownTask, LoadedDirective, Problem, ProblemKind};
use crate::graph::DependencyGraph;
use crate::ids::TaskId;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Reports every missing prerequisite, then every dependency cycle.
pub(super) fn check(
    directives: &[Arc<LoadedDirective>],
    known: &HashMap<TaskId, KnownTask>,
    problems: &mut Vec<Problem>,
) {
    let loaded: HashSet<&TaskId> = directives
        .iter()
        .flat_map(|d| d.tasks.iter().map(|t| &t.task.id))
        .collect();
    missing_dependencies(directives, &loaded, known, problems);
    cycles(directives, &loaded, known, problems);
}

/// A prerequisite neither in the load nor in the database.
fn missing_dependencies(
    directives: &[Arc<LoadedDirective>],
    loaded: &HashSet<&TaskId>,
    known: &HashMap<TaskId, KnownTask>,
    problems: &mut Vec<Problem>,
) {
    for d in directives {
        for lt in &d.tasks {
            for dep in &lt.task.depends_on {
                if !loaded.contains(dep) && !known.contains_key(dep) {
                    let kind = ProblemKind::MissingDependency { id: dep.clone() };
                    problems.push(d.problem_at(lt, kind));
                }
            }
        }
    }
}

/// The cycles of the graph of the loaded tasks and the database's others,
/// each reported at its first task (in the database when not loaded).
fn cycles(
    directives: &[Arc<LoadedDirective>],
    loaded: &HashSet<&TaskId>,
    known: &HashMap<TaskId, KnownTask>,
    problems: &mut Vec<Problem>,
) {
    let edges = directives
        .iter()
        .flat_map(|d| {
            d.tasks
                .iter()
                .map(|t| (&t.task.id, t.task.depends_on.as_slice()))
        })
        .chain(
            known
                .iter()
                .filter(|(id, _)| !loaded.contains(id))
                .map(|(id, k)| (id, k.depends_on.as_slice())),
        );
    let Err(cycles) = DependencyGraph::build(edges) else {
        return;
    };
    for c in cycles {
        let first = c.0.first().cloned();
        let place = first.as_ref().and_then(|id| {
            directives.iter().find_map(|d| {
                d.tasks
                    .iter()
                    .find(|t| &t.task.id == id)
                    .map(|t| (d.file.clone(), t.line))
            })
        });
        problems.push(Problem {
            file: place
                .as_ref()
                .map_or_else(|| "(database)".to_owned(), |p| p.0.clone()),
            line: place.map(|p| p.1),
            column: None,
            task: first.map(|id| id.to_string()),
            kind: ProblemKind::Cycle(c),
        });
    }
}
