//! The dependency graph of tasks (petgraph, wrapped so callers speak task ids).
//!
//! Internally an edge points from a prerequisite to the task that depends on
//! it. Callers never see petgraph's node indices: every query takes and returns
//! [`TaskId`]s. Building and every query are linear in the size of the graph
//! (or in the size of the answer), and nothing recurses, so deep chains of
//! 100 000 tasks are fine.

use crate::ids::TaskId;
use chrono::NaiveDate;
use petgraph::Direction::{self, Incoming, Outgoing};
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeRef, VisitMap, Visitable};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

/// The most chains [`DependencyGraph::blocking_chains`] returns. The number of
/// paths in a DAG can grow exponentially; past this many, more chains tell the
/// reader nothing new.
pub const MAX_BLOCKING_CHAINS: usize = 50;

/// A dependency cycle, spelled out as `A -> B -> C -> A`.
///
/// Each arrow follows `depends_on`: `A -> B` means A depends on B (B is a
/// prerequisite of A). The first task is the smallest id of the cycle, and the
/// closing return to it is left implicit in the vector (a self-loop is `[A]`,
/// shown as `A -> A`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle(pub Vec<TaskId>);

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for id in &self.0 {
            write!(f, "{id} -> ")?;
        }
        match self.0.first() {
            Some(first) => write!(f, "{first}"),
            None => Ok(()),
        }
    }
}

/// A prerequisite due after the task that needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inversion {
    /// The task that must finish first.
    pub prerequisite: TaskId,
    /// Its deadline.
    pub prerequisite_due: NaiveDate,
    /// The task that needs it.
    pub dependent: TaskId,
    /// The dependent's (earlier) deadline.
    pub dependent_due: NaiveDate,
}

/// The longest unfinished chain below every task of a graph, from
/// [`DependencyGraph::longest_chains`].
#[derive(Debug, Clone)]
pub struct LongestChains<'g> {
    graph: &'g DependencyGraph,
    /// Unfinished tasks on the longest chain ending at a node, the node
    /// included (0 when done).
    length: Vec<usize>,
    /// The first task of that chain (`None` when done).
    root: Vec<Option<NodeIndex>>,
}

/// A direct unfinished prerequisite of a blocked task and the longest chain
/// of unfinished tasks it heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocker<'g> {
    /// The direct prerequisite.
    pub first: &'g TaskId,
    /// The unfinished root at the bottom of the chain: the task that must
    /// move first (`first` itself when its prerequisites are all done).
    pub root: &'g TaskId,
    /// How many unfinished tasks the chain holds, `first` and `root` included.
    pub length: usize,
}

impl<'g> LongestChains<'g> {
    /// The direct unfinished prerequisites of `id`, in its `depends_on` order
    /// (at most [`MAX_BLOCKING_CHAINS`]), each with its longest chain's root
    /// and length. Empty when `id` is not blocked or not in the graph. Costs
    /// the number of `id`'s prerequisites, not the length of the chains.
    pub fn blockers(&self, id: &str) -> Vec<Blocker<'g>> {
        let g = self.graph;
        let Some(v) = g.node(id) else {
            return Vec::new();
        };
        g.graph
            .neighbors_directed(v, Incoming)
            .filter_map(|p| {
                let root = self.root[p.index()]?;
                Some(Blocker {
                    first: &g.graph[p],
                    root: &g.graph[root],
                    length: self.length[p.index()],
                })
            })
            .take(MAX_BLOCKING_CHAINS)
            .collect()
    }
}

/// Tasks and their `depends_on` edges (prerequisite → dependent). Always acyclic.
///
/// Holds a node for every task given to [`DependencyGraph::build`] and for every
/// id that only appears in a `depends_on` list (dangling ids are the caller's
/// to report). Neighbours come out in input order: a task's prerequisites in
/// its `depends_on` order, a task's dependents in the order they were given.
#[derive(Debug, Clone, Default)]
pub struct DependencyGraph {
    graph: DiGraph<TaskId, ()>,
    index: HashMap<TaskId, NodeIndex>,
    /// Every node, prerequisites before dependents.
    order: Vec<NodeIndex>,
}

impl DependencyGraph {
    /// Builds the graph from each task and its prerequisites. Repeated edges
    /// collapse into one; a task listed twice gets the union of its lists.
    ///
    /// # Errors
    /// Every cycle, each spelled out as a real path along `depends_on` (see
    /// [`Cycle`]): one per strongly connected component of more than one task,
    /// plus one per task that depends on itself, ordered by their first (smallest)
    /// id.
    pub fn build<'a>(
        tasks: impl IntoIterator<Item = (&'a TaskId, &'a [TaskId])>,
    ) -> Result<Self, Vec<Cycle>> {
        let mut graph = DiGraph::new();
        let mut index = HashMap::new();
        let mut edges = Vec::new();
        let mut seen = HashSet::new();
        for (task, deps) in tasks {
            let t = node(&mut graph, &mut index, task);
            for dep in deps {
                let d = node(&mut graph, &mut index, dep);
                if seen.insert((d, t)) {
                    edges.push((d, t));
                }
            }
        }
        // petgraph yields a node's neighbours newest first: adding the edges in
        // reverse makes both directions come out in input order.
        graph.reserve_edges(edges.len());
        for &(d, t) in edges.iter().rev() {
            graph.add_edge(d, t, ());
        }
        let order = topological(&graph);
        if order.len() < graph.node_count() {
            return Err(cycles(&graph));
        }
        Ok(Self {
            graph,
            index,
            order,
        })
    }

    /// Whether `id` is in the graph (as a task or as someone's prerequisite).
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// How many tasks the graph holds.
    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    /// Whether the graph holds no task.
    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }

    /// Every task, in the order first seen while building.
    pub fn tasks(&self) -> impl Iterator<Item = &TaskId> + '_ {
        self.graph.node_weights()
    }

    /// Every task, each after all of its prerequisites. Deterministic: among the
    /// tasks ready at the same time, the one seen first while building goes first.
    pub fn topological_order(&self) -> Vec<&TaskId> {
        self.order.iter().map(|&n| &self.graph[n]).collect()
    }

    /// The direct prerequisites of `id`, in its `depends_on` order.
    pub fn prerequisites<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s TaskId> + 's {
        self.neighbours(id, Incoming)
    }

    /// The direct dependents of `id`.
    pub fn dependents<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s TaskId> + 's {
        self.neighbours(id, Outgoing)
    }

    /// Every prerequisite of `id`, direct or transitive, nearest first, each once.
    pub fn all_prerequisites(&self, id: &str) -> Vec<&TaskId> {
        self.reach(id, Incoming)
    }

    /// Every dependent of `id`, direct or transitive, nearest first, each once.
    pub fn all_dependents(&self, id: &str) -> Vec<&TaskId> {
        self.reach(id, Outgoing)
    }

    /// Whether some direct prerequisite of `id` is not done.
    pub fn is_blocked(&self, id: &str, is_done: impl Fn(&TaskId) -> bool) -> bool {
        self.prerequisites(id).any(|p| !is_done(p))
    }

    /// The chains that hold `id` up: each path from a direct unfinished
    /// prerequisite down to an unfinished task whose own prerequisites are all
    /// done (the root that must move first). Empty when `id` is not blocked.
    ///
    /// Done tasks cut a chain. Chains come depth first, in `depends_on` order,
    /// and stop after [`MAX_BLOCKING_CHAINS`], so the work is bounded by the
    /// chains returned, not by the (possibly exponential) number of paths.
    pub fn blocking_chains(&self, id: &str, is_done: impl Fn(&TaskId) -> bool) -> Vec<Vec<TaskId>> {
        let Some(start) = self.node(id) else {
            return Vec::new();
        };
        let unfinished = |n: &NodeIndex| !is_done(&self.graph[*n]);
        let mut chains = Vec::new();
        // `stack[i]` walks the prerequisites of `start` (i = 0) or `path[i - 1]`,
        // remembering whether it found an unfinished one.
        let mut path: Vec<NodeIndex> = Vec::new();
        let mut stack = vec![(self.graph.neighbors_directed(start, Incoming), false)];
        while let Some((prerequisites, blocked)) = stack.last_mut() {
            if let Some(p) = prerequisites.find(&unfinished) {
                *blocked = true;
                path.push(p);
                stack.push((self.graph.neighbors_directed(p, Incoming), false));
                continue;
            }
            let root = !*blocked;
            stack.pop();
            if root && !path.is_empty() {
                chains.push(path.iter().map(|&n| self.graph[n].clone()).collect());
                if chains.len() >= MAX_BLOCKING_CHAINS {
                    break;
                }
            }
            path.pop();
        }
        chains
    }

    /// Every edge whose prerequisite is due strictly after its dependent, sorted
    /// by dependent then prerequisite. Tasks without a deadline are skipped.
    pub fn deadline_inversions(
        &self,
        deadline: impl Fn(&TaskId) -> Option<NaiveDate>,
    ) -> Vec<Inversion> {
        let due: Vec<Option<NaiveDate>> = self.graph.node_weights().map(deadline).collect();
        let mut inversions: Vec<Inversion> = self
            .graph
            .edge_references()
            .filter_map(|e| {
                let (p, t) = (e.source(), e.target());
                match (due[p.index()], due[t.index()]) {
                    (Some(prerequisite_due), Some(dependent_due))
                        if prerequisite_due > dependent_due =>
                    {
                        Some(Inversion {
                            prerequisite: self.graph[p].clone(),
                            prerequisite_due,
                            dependent: self.graph[t].clone(),
                            dependent_due,
                        })
                    }
                    _ => None,
                }
            })
            .collect();
        inversions
            .sort_by(|a, b| (&a.dependent, &a.prerequisite).cmp(&(&b.dependent, &b.prerequisite)));
        inversions
    }

    /// The longest chain of unfinished tasks, first prerequisite first: each
    /// task depends on the one before it, and done tasks break chains. Empty
    /// when everything is done. Linear: one pass in topological order.
    pub fn longest_unfinished_chain(&self, is_done: impl Fn(&TaskId) -> bool) -> Vec<TaskId> {
        let n = self.graph.node_count();
        // Length of the longest unfinished chain ending at a node (0 when done)
        // and the node before it on that chain.
        let mut length = vec![0usize; n];
        let mut previous: Vec<Option<NodeIndex>> = vec![None; n];
        let mut best: Option<NodeIndex> = None;
        for &v in &self.order {
            if is_done(&self.graph[v]) {
                continue;
            }
            let mut len = 1;
            for p in self.graph.neighbors_directed(v, Incoming) {
                if length[p.index()] + 1 > len {
                    len = length[p.index()] + 1;
                    previous[v.index()] = Some(p);
                }
            }
            length[v.index()] = len;
            if best.is_none_or(|b| len > length[b.index()]) {
                best = Some(v);
            }
        }
        let mut chain = Vec::new();
        let mut at = best;
        while let Some(v) = at {
            chain.push(self.graph[v].clone());
            at = previous[v.index()];
        }
        chain.reverse();
        chain
    }

    /// For every unfinished task, the longest chain of unfinished
    /// prerequisites below it, down to its root (an unfinished task whose
    /// prerequisites are all done): one pass in topological order, so the
    /// chains of every task together cost as much as the graph, however long
    /// they are. See [`LongestChains::blockers`].
    pub fn longest_chains(&self, is_done: impl Fn(&TaskId) -> bool) -> LongestChains<'_> {
        let n = self.graph.node_count();
        let mut length = vec![0usize; n];
        let mut root: Vec<Option<NodeIndex>> = vec![None; n];
        for &v in &self.order {
            if is_done(&self.graph[v]) {
                continue;
            }
            let (mut len, mut r) = (1, v);
            for p in self.graph.neighbors_directed(v, Incoming) {
                if length[p.index()] + 1 > len {
                    len = length[p.index()] + 1;
                    r = root[p.index()].unwrap_or(p);
                }
            }
            length[v.index()] = len;
            root[v.index()] = Some(r);
        }
        LongestChains {
            graph: self,
            length,
            root,
        }
    }

    fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    fn neighbours<'s>(
        &'s self,
        id: &str,
        direction: Direction,
    ) -> impl Iterator<Item = &'s TaskId> + 's {
        self.node(id).into_iter().flat_map(move |n| {
            self.graph
                .neighbors_directed(n, direction)
                .map(move |m| &self.graph[m])
        })
    }

    /// Breadth first from `id` (excluded), so nearest first.
    fn reach(&self, id: &str, direction: Direction) -> Vec<&TaskId> {
        let Some(start) = self.node(id) else {
            return Vec::new();
        };
        let mut seen = self.graph.visit_map();
        seen.visit(start);
        let mut found = Vec::new();
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            for m in self.graph.neighbors_directed(n, direction) {
                if seen.visit(m) {
                    found.push(&self.graph[m]);
                    queue.push_back(m);
                }
            }
        }
        found
    }
}

/// The node for `id`, added if new.
fn node(
    graph: &mut DiGraph<TaskId, ()>,
    index: &mut HashMap<TaskId, NodeIndex>,
    id: &TaskId,
) -> NodeIndex {
    if let Some(&n) = index.get(id) {
        return n;
    }
    let n = graph.add_node(id.clone());
    index.insert(id.clone(), n);
    n
}

/// Kahn's algorithm: every node not on or after a cycle, prerequisites first,
/// ties broken by node index. Shorter than the node count iff there is a cycle.
fn topological(graph: &DiGraph<TaskId, ()>) -> Vec<NodeIndex> {
    let mut waiting: Vec<usize> = graph
        .node_indices()
        .map(|n| graph.neighbors_directed(n, Incoming).count())
        .collect();
    let mut ready: VecDeque<NodeIndex> = graph
        .node_indices()
        .filter(|n| waiting[n.index()] == 0)
        .collect();
    let mut order = Vec::with_capacity(graph.node_count());
    while let Some(n) = ready.pop_front() {
        order.push(n);
        for m in graph.neighbors_directed(n, Outgoing) {
            waiting[m.index()] -= 1;
            if waiting[m.index()] == 0 {
                ready.push_back(m);
            }
        }
    }
    order
}

/// Every cycle of a graph known to have one (see [`DependencyGraph::build`]).
///
/// Strongly connected components come from `kosaraju_scc`, which is iterative:
/// petgraph 0.6's `tarjan_scc` recurses once per task along a path and
/// overflows the stack on a cycle of 100 000 tasks (see the tests).
fn cycles(graph: &DiGraph<TaskId, ()>) -> Vec<Cycle> {
    let sccs = kosaraju_scc(graph);
    let mut component = vec![usize::MAX; graph.node_count()];
    for (c, scc) in sccs.iter().enumerate() {
        for &n in scc {
            component[n.index()] = c;
        }
    }
    let mut found = Vec::new();
    for (c, scc) in sccs.iter().enumerate() {
        if scc.len() > 1
            && let Some(&start) = scc.iter().min_by_key(|&&n| &graph[n])
        {
            found.push(Cycle(cycle_through(graph, &component, c, start)));
        }
        for &n in scc {
            if graph.contains_edge(n, n) {
                found.push(Cycle(vec![graph[n].clone()]));
            }
        }
    }
    found.sort_by(|a, b| (a.0.first(), a.0.len(), &a.0).cmp(&(b.0.first(), b.0.len(), &b.0)));
    found
}

/// A shortest cycle through `start` inside its strongly connected component
/// `c` (of more than one node), walking `depends_on` (incoming edges), self-loops
/// aside. Breadth first, so each node of the component is visited once.
fn cycle_through(
    graph: &DiGraph<TaskId, ()>,
    component: &[usize],
    c: usize,
    start: NodeIndex,
) -> Vec<TaskId> {
    // For each reached node, the node that depends on it (its predecessor on
    // the path from `start`).
    let mut reached_from: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(u) = queue.pop_front() {
        for p in graph.neighbors_directed(u, Incoming) {
            if component[p.index()] != c || (p == start && u == start) {
                continue;
            }
            if p == start {
                let mut path = vec![graph[u].clone()];
                let mut at = u;
                while let Some(&from) = reached_from.get(&at) {
                    path.push(graph[from].clone());
                    at = from;
                }
                path.reverse();
                return path;
            }
            if let Entry::Vacant(e) = reached_from.entry(p) {
                e.insert(u);
                queue.push_back(p);
            }
        }
    }
    // Unreachable for a strongly connected component; keep the report honest.
    vec![graph[start].clone()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn id(s: &str) -> TaskId {
        s.parse().unwrap()
    }

    fn ids(v: &[&str]) -> Vec<TaskId> {
        v.iter().map(|s| id(s)).collect()
    }

    type Spec = Vec<(TaskId, Vec<TaskId>)>;

    fn spec(tasks: &[(&str, &[&str])]) -> Spec {
        tasks.iter().map(|(t, deps)| (id(t), ids(deps))).collect()
    }

    fn build(spec: &Spec) -> Result<DependencyGraph, Vec<Cycle>> {
        DependencyGraph::build(spec.iter().map(|(t, d)| (t, d.as_slice())))
    }

    fn strs<'a>(v: impl IntoIterator<Item = &'a TaskId>) -> Vec<&'a str> {
        v.into_iter().map(TaskId::as_str).collect()
    }

    fn depends_on(spec: &Spec, a: &TaskId, b: &TaskId) -> bool {
        spec.iter().any(|(t, deps)| t == a && deps.contains(b))
    }

    /// Each arrow of the cycle, including the closing one, is a real
    /// `depends_on` relation, and the cycle starts at its smallest id.
    fn assert_real_cycle(spec: &Spec, cycle: &Cycle) {
        let c = &cycle.0;
        assert!(!c.is_empty());
        for i in 0..c.len() {
            let (a, b) = (&c[i], &c[(i + 1) % c.len()]);
            assert!(
                depends_on(spec, a, b),
                "{a} does not depend on {b} in {cycle}"
            );
        }
        assert_eq!(c.iter().min(), c.first());
        let distinct: BTreeSet<_> = c.iter().collect();
        assert_eq!(distinct.len(), c.len(), "{cycle} repeats a task");
    }

    fn small_dag() -> DependencyGraph {
        build(&spec(&[
            ("A", &["B", "C"]),
            ("B", &["D"]),
            ("C", &["D", "D"]),
            ("D", &["E"]),
            ("E", &[]),
            ("F", &["A", "Z"]),
        ]))
        .unwrap()
    }

    #[test]
    fn direct_queries_follow_input_order() {
        let g = small_dag();
        assert_eq!(strs(g.prerequisites("A")), ["B", "C"]);
        assert_eq!(
            strs(g.prerequisites("C")),
            ["D"],
            "duplicate edges collapse"
        );
        assert_eq!(strs(g.prerequisites("F")), ["A", "Z"]);
        assert_eq!(strs(g.dependents("D")), ["B", "C"]);
        assert_eq!(strs(g.dependents("A")), ["F"]);
        assert!(g.prerequisites("E").next().is_none());
        assert!(g.prerequisites("nope").next().is_none());
        assert!(g.dependents("nope").next().is_none());
    }

    #[test]
    fn transitive_queries_nearest_first_each_once() {
        let g = small_dag();
        assert_eq!(strs(g.all_prerequisites("A")), ["B", "C", "D", "E"]);
        assert_eq!(
            strs(g.all_prerequisites("F")),
            ["A", "Z", "B", "C", "D", "E"]
        );
        assert_eq!(strs(g.all_dependents("E")), ["D", "B", "C", "A", "F"]);
        assert_eq!(strs(g.all_dependents("Z")), ["F"]);
        assert!(g.all_prerequisites("E").is_empty());
        assert!(g.all_dependents("nope").is_empty());
    }

    #[test]
    fn nodes_topological_order_and_size() {
        let g = small_dag();
        assert_eq!(g.len(), 7);
        assert!(!g.is_empty());
        assert!(g.contains("Z"), "ids only named as prerequisites get nodes");
        assert!(!g.contains("nope"));
        assert_eq!(strs(g.tasks()), ["A", "B", "C", "D", "E", "F", "Z"]);
        let order = g.topological_order();
        assert_eq!(order.len(), 7);
        let pos = |s: &str| order.iter().position(|t| t.as_str() == s).unwrap();
        for t in g.tasks() {
            for p in g.prerequisites(t.as_str()) {
                assert!(pos(p.as_str()) < pos(t.as_str()));
            }
        }
        let empty = DependencyGraph::default();
        assert!(empty.is_empty());
        assert!(empty.topological_order().is_empty());
        assert!(build(&Vec::new()).unwrap().is_empty());
    }

    #[test]
    fn three_cycle_is_spelled_along_depends_on() {
        // Given in an order that does not start at the smallest id.
        let s = spec(&[("C", &["A"]), ("B", &["C"]), ("A", &["B"]), ("X", &["A"])]);
        let cycles = build(&s).unwrap_err();
        assert_eq!(cycles, vec![Cycle(ids(&["A", "B", "C"]))]);
        assert_eq!(cycles[0].to_string(), "A -> B -> C -> A");
        assert_real_cycle(&s, &cycles[0]);
    }

    #[test]
    fn cycle_in_a_bigger_component_is_a_real_shortest_cycle() {
        // One component: A -> B -> C -> A and A -> D -> E -> C.
        let s = spec(&[
            ("A", &["D", "B"]),
            ("B", &["C"]),
            ("C", &["A"]),
            ("D", &["E"]),
            ("E", &["C"]),
        ]);
        let cycles = build(&s).unwrap_err();
        assert_eq!(cycles.len(), 1);
        assert_real_cycle(&s, &cycles[0]);
        assert_eq!(cycles[0].to_string(), "A -> B -> C -> A");
    }

    #[test]
    fn self_loop_is_a_cycle() {
        let s = spec(&[("A", &["A"]), ("B", &["A"])]);
        let cycles = build(&s).unwrap_err();
        assert_eq!(cycles, vec![Cycle(ids(&["A"]))]);
        assert_eq!(cycles[0].to_string(), "A -> A");
    }

    #[test]
    fn every_cycle_is_reported_sorted() {
        let s = spec(&[
            ("Y", &["Z"]),
            ("X", &["Y"]),
            ("Z", &["X"]),
            ("Q", &["Q", "A"]),
            ("B", &["A"]),
            ("A", &["B"]),
            ("OK", &["A", "X"]),
        ]);
        let cycles = build(&s).unwrap_err();
        let shown: Vec<String> = cycles.iter().map(Cycle::to_string).collect();
        assert_eq!(shown, ["A -> B -> A", "Q -> Q", "X -> Y -> Z -> X"]);
        for c in &cycles {
            assert_real_cycle(&s, c);
        }
    }

    #[test]
    fn self_loop_inside_a_larger_cycle_is_reported_too() {
        let s = spec(&[("A", &["B"]), ("B", &["A", "B"])]);
        let shown: Vec<String> = build(&s)
            .unwrap_err()
            .iter()
            .map(Cycle::to_string)
            .collect();
        assert_eq!(shown, ["A -> B -> A", "B -> B"]);
    }

    #[test]
    fn blocking_chains_reach_the_roots_and_skip_done_tasks() {
        let g = build(&spec(&[
            ("T", &["P1", "P2", "P3"]),
            ("P1", &["R1"]),
            ("R1", &["D1"]),
            ("P2", &["R9"]),
            ("P3", &["M"]),
            ("M", &["R2", "R3"]),
            ("R3", &["D2"]),
        ]))
        .unwrap();
        let done = |t: &TaskId| ["D1", "D2", "P2"].contains(&t.as_str());
        let chains = g.blocking_chains("T", done);
        let chains: Vec<Vec<&str>> = chains.iter().map(strs).collect();
        assert_eq!(
            chains,
            [
                vec!["P1", "R1"],
                vec!["P3", "M", "R2"],
                vec!["P3", "M", "R3"]
            ]
        );
        assert!(g.is_blocked("T", done));
        // R1's only prerequisite is done: not blocked.
        assert!(g.blocking_chains("R1", done).is_empty());
        assert!(!g.is_blocked("R1", done));
        assert!(g.blocking_chains("R9", done).is_empty());
        assert!(g.blocking_chains("nope", done).is_empty());
        // A direct prerequisite that is itself a root is a chain of one.
        assert_eq!(g.blocking_chains("P1", done), vec![ids(&["R1"])]);
    }

    #[test]
    fn blocking_chains_are_capped() {
        // 30 layers of two tasks, each depending on both below: 2^30 paths.
        let mut s = Spec::new();
        let layer = |i: usize| [id(&format!("L{i}a")), id(&format!("L{i}b"))];
        s.push((id("TOP"), layer(0).to_vec()));
        for i in 0..30 {
            for t in layer(i) {
                s.push((t, layer(i + 1).to_vec()));
            }
        }
        let g = build(&s).unwrap();
        let chains = g.blocking_chains("TOP", |_| false);
        assert_eq!(chains.len(), MAX_BLOCKING_CHAINS);
        for c in &chains {
            assert_eq!(c.len(), 31);
            assert!(c[30].as_str().starts_with("L30"));
        }
    }

    #[test]
    fn deadline_inversions_are_strict() {
        let g = build(&spec(&[
            ("A", &["B"]),
            ("C", &["D"]),
            ("E", &["F"]),
            ("G", &["H", "B"]),
        ]))
        .unwrap();
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let due = |t: &TaskId| match t.as_str() {
            "A" => Some(date("2026-03-01")),
            "B" => Some(date("2026-04-01")),
            "C" | "D" => Some(date("2026-05-01")),
            "E" => Some(date("2026-01-01")),
            "G" => Some(date("2026-02-01")),
            "H" => Some(date("2026-01-15")),
            _ => None,
        };
        let inv = g.deadline_inversions(due);
        assert_eq!(
            inv,
            vec![
                Inversion {
                    prerequisite: id("B"),
                    prerequisite_due: date("2026-04-01"),
                    dependent: id("A"),
                    dependent_due: date("2026-03-01"),
                },
                Inversion {
                    prerequisite: id("B"),
                    prerequisite_due: date("2026-04-01"),
                    dependent: id("G"),
                    dependent_due: date("2026-02-01"),
                },
            ]
        );
    }

    #[test]
    fn longest_unfinished_chain_skips_done_tasks() {
        let g = build(&spec(&[
            ("B", &["A"]),
            ("C", &["B"]),
            ("D", &["C"]),
            ("Y", &["X"]),
            ("Z", &["Y"]),
        ]))
        .unwrap();
        let done = |t: &TaskId| t.as_str() == "B";
        assert_eq!(strs(&g.longest_unfinished_chain(done)), ["X", "Y", "Z"]);
        assert_eq!(
            strs(&g.longest_unfinished_chain(|_| false)),
            ["A", "B", "C", "D"]
        );
        assert!(g.longest_unfinished_chain(|_| true).is_empty());
        assert!(
            DependencyGraph::default()
                .longest_unfinished_chain(|_| false)
                .is_empty()
        );
    }

    #[test]
    fn longest_chains_name_each_blockers_root_and_length() {
        let g = build(&spec(&[
            ("T", &["P1", "P2", "P3"]),
            ("P1", &["R1"]),
            ("R1", &["D1"]),
            ("P2", &["R9"]),
            ("P3", &["M"]),
            ("M", &["R2", "R3"]),
            ("R3", &["D2"]),
            ("R2", &["X"]),
            ("X", &[]),
        ]))
        .unwrap();
        let done = |t: &TaskId| t.as_str().starts_with('D');
        let chains = g.longest_chains(done);
        let shown: Vec<(&str, &str, usize)> = chains
            .blockers("T")
            .iter()
            .map(|b| (b.first.as_str(), b.root.as_str(), b.length))
            .collect();
        // P3 -> M -> R2 -> X is longer than P3 -> M -> R3.
        assert_eq!(shown, [("P1", "R1", 2), ("P2", "R9", 2), ("P3", "X", 4)]);
        assert!(chains.blockers("R1").is_empty());
        assert!(chains.blockers("nope").is_empty());
        assert_eq!(chains.blockers("P1")[0].root.as_str(), "R1");
        // Every blocker's root is the last link of one of the blocking chains.
        let roots: Vec<TaskId> = g
            .blocking_chains("T", done)
            .iter()
            .filter_map(|c| c.last().cloned())
            .collect();
        for b in chains.blockers("T") {
            assert!(roots.contains(b.root), "{}", b.root);
        }
    }

    /// A chain of 100 000 tasks: every task's blocker, root and length come
    /// from one pass; the answer per task is one blocker, not the whole chain.
    #[test]
    fn longest_chains_of_a_deep_chain_are_linear() {
        const N: usize = 100_000;
        let names: Vec<TaskId> = (0..N).map(|i| id(&format!("T{i}"))).collect();
        let s: Spec = (0..N)
            .map(|i| {
                let deps = if i == 0 {
                    vec![]
                } else {
                    vec![names[i - 1].clone()]
                };
                (names[i].clone(), deps)
            })
            .collect();
        let g = build(&s).unwrap();
        let chains = g.longest_chains(|_| false);
        let total: usize = names
            .iter()
            .map(|t| chains.blockers(t.as_str()).len())
            .sum();
        assert_eq!(total, N - 1);
        let last = chains.blockers(names[N - 1].as_str());
        assert_eq!(last[0].first.as_str(), format!("T{}", N - 2));
        assert_eq!(last[0].root.as_str(), "T0");
        assert_eq!(last[0].length, N - 1);
    }

    #[test]
    fn deep_chains_do_not_overflow_the_stack() {
        const N: usize = 100_000;
        let names: Vec<TaskId> = (0..N).map(|i| id(&format!("T{i}"))).collect();
        let mut s: Spec = (0..N)
            .map(|i| {
                (
                    names[i].clone(),
                    if i == 0 {
                        vec![]
                    } else {
                        vec![names[i - 1].clone()]
                    },
                )
            })
            .collect();
        let g = build(&s).unwrap();
        let last = names[N - 1].as_str();
        assert_eq!(g.all_prerequisites(last).len(), N - 1);
        assert_eq!(g.all_dependents("T0").len(), N - 1);
        assert_eq!(g.longest_unfinished_chain(|_| false).len(), N);
        let chains = g.blocking_chains(last, |_| false);
        let expected: Vec<TaskId> = names[..N - 1].iter().rev().cloned().collect();
        assert!(
            chains.len() == 1 && chains[0] == expected,
            "one chain down to T0"
        );
        assert!(g.deadline_inversions(|_| None).is_empty());
        // Close the chain into one huge cycle.
        s[0].1.push(names[N - 1].clone());
        let cycles = build(&s).unwrap_err();
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].0.len(), N);
        assert_eq!(cycles[0].0[0].as_str(), "T0");
    }

    /// Random graphs on `n` ≤ 12 nodes: `deps[i]` lists what `i` depends on.
    /// Half of them keep only edges to lower indices, so acyclic graphs are
    /// common too.
    fn random_graph() -> impl Strategy<Value = (usize, Vec<Vec<usize>>, Vec<bool>)> {
        (1usize..=12, any::<bool>()).prop_flat_map(|(n, acyclic)| {
            (
                Just(n),
                prop::collection::vec(prop::collection::vec(0..n, 0..4), n).prop_map(
                    move |mut deps| {
                        if acyclic {
                            for (i, ds) in deps.iter_mut().enumerate() {
                                ds.retain(|&d| d < i);
                            }
                        }
                        deps
                    },
                ),
                prop::collection::vec(any::<bool>(), n),
            )
        })
    }

    fn name(i: usize) -> TaskId {
        id(&format!("N{i:02}"))
    }

    /// Repeatedly removes a node none of whose prerequisites remain.
    fn naive_has_cycle(deps: &[Vec<usize>]) -> bool {
        let mut left: BTreeSet<usize> = (0..deps.len()).collect();
        while let Some(&i) = left
            .iter()
            .find(|&&i| deps[i].iter().all(|d| !left.contains(d)))
        {
            left.remove(&i);
        }
        !left.is_empty()
    }

    /// Breadth-first distances from `i` along `next`.
    fn naive_distances(next: &[Vec<usize>], i: usize) -> Vec<Option<usize>> {
        let mut dist = vec![None; next.len()];
        let mut frontier = vec![i];
        let mut d = 0;
        while !frontier.is_empty() {
            d += 1;
            let mut new = Vec::new();
            for u in frontier {
                for &v in &next[u] {
                    if dist[v].is_none() && v != i {
                        dist[v] = Some(d);
                        new.push(v);
                    }
                }
            }
            frontier = new;
        }
        dist
    }

    fn reverse(deps: &[Vec<usize>]) -> Vec<Vec<usize>> {
        let mut r = vec![Vec::new(); deps.len()];
        for (i, ds) in deps.iter().enumerate() {
            for &d in ds {
                r[d].push(i);
            }
        }
        r
    }

    /// Checks a transitive query against naive distances: same set, each once,
    /// nearest first.
    fn check_reach(found: &[&TaskId], dist: &[Option<usize>]) {
        let expected: BTreeSet<TaskId> = (0..dist.len())
            .filter(|&j| dist[j].is_some())
            .map(name)
            .collect();
        let got: BTreeSet<TaskId> = found.iter().map(|t| (*t).clone()).collect();
        assert_eq!(got.len(), found.len(), "each once");
        assert_eq!(got, expected);
        let index = |t: &TaskId| t.as_str()[1..].parse::<usize>().unwrap();
        let ds: Vec<usize> = found.iter().map(|t| dist[index(t)].unwrap()).collect();
        assert!(ds.windows(2).all(|w| w[0] <= w[1]), "nearest first: {ds:?}");
    }

    /// Longest chain of undone nodes ending at `i` (0 if `i` is done).
    fn naive_longest(deps: &[Vec<usize>], done: &[bool], i: usize) -> usize {
        if done[i] {
            return 0;
        }
        1 + deps[i]
            .iter()
            .map(|&d| naive_longest(deps, done, d))
            .max()
            .unwrap_or(0)
    }

    proptest! {
        #[test]
        fn build_agrees_with_naive_reference((n, deps, done) in random_graph()) {
            let s: Spec = (0..n).map(|i| (name(i), deps[i].iter().map(|&d| name(d)).collect())).collect();
            let result = build(&s);
            prop_assert_eq!(result.is_err(), naive_has_cycle(&deps));
            match result {
                Err(cycles) => {
                    prop_assert!(!cycles.is_empty());
                    for c in &cycles {
                        assert_real_cycle(&s, c);
                    }
                    let firsts: Vec<(&TaskId, usize)> =
                        cycles.iter().map(|c| (&c.0[0], c.0.len())).collect();
                    prop_assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "sorted");
                    // Every task on a cycle shares a component with a reported one.
                    let dists: Vec<_> = (0..n).map(|i| naive_distances(&deps, i)).collect();
                    for i in (0..n).filter(|&i| dists[i][i].is_some() || deps[i].contains(&i)) {
                        let covered = cycles.iter().any(|c| {
                            c.0.iter().any(|t| {
                                let j = t.as_str()[1..].parse::<usize>().unwrap();
                                j == i || (dists[i][j].is_some() && dists[j][i].is_some())
                            })
                        });
                        prop_assert!(covered, "{} is on an unreported cycle", name(i));
                    }
                }
                Ok(g) => {
                    prop_assert_eq!(g.len(), n);
                    let dependents = reverse(&deps);
                    for i in 0..n {
                        let t = name(i);
                        check_reach(&g.all_prerequisites(t.as_str()), &naive_distances(&deps, i));
                        check_reach(&g.all_dependents(t.as_str()), &naive_distances(&dependents, i));
                    }
                    let order = g.topological_order();
                    prop_assert_eq!(order.len(), n);
                    for (i, ds) in deps.iter().enumerate() {
                        let pos = |t: &TaskId| order.iter().position(|o| *o == t).unwrap();
                        for &d in ds {
                            prop_assert!(pos(&name(d)) < pos(&name(i)));
                        }
                    }
                    let is_done = |t: &TaskId| done[t.as_str()[1..].parse::<usize>().unwrap()];
                    let chain = g.longest_unfinished_chain(is_done);
                    let best = (0..n).map(|i| naive_longest(&deps, &done, i)).max().unwrap_or(0);
                    prop_assert_eq!(chain.len(), best);
                    for w in chain.windows(2) {
                        prop_assert!(depends_on(&s, &w[1], &w[0]));
                    }
                    prop_assert!(chain.iter().all(|t| !is_done(t)));
                    for i in 0..n {
                        let t = name(i);
                        let chains = g.blocking_chains(t.as_str(), is_done);
                        prop_assert_eq!(chains.is_empty(), !g.is_blocked(t.as_str(), is_done));
                        prop_assert!(chains.len() <= MAX_BLOCKING_CHAINS);
                        for c in &chains {
                            prop_assert!(depends_on(&s, &t, &c[0]));
                            for w in c.windows(2) {
                                prop_assert!(depends_on(&s, &w[0], &w[1]));
                            }
                            prop_assert!(c.iter().all(|x| !is_done(x)));
                            let root = &c[c.len() - 1];
                            prop_assert!(g.prerequisites(root.as_str()).all(&is_done));
                        }
                    }
                }
            }
        }
    }
}
