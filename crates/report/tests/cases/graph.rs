//! The dependency graph read back: DOT and Mermaid parsed by small
//! hand-written parsers (no regex), every node and edge accounted for; the
//! DOT also goes through Graphviz `dot` when it is installed.

use super::fixture::{all_tasks, as_of};
use sauro_core::{Lang, Status};
use sauro_report::graph::{Graph, Options, select};
use std::collections::{BTreeMap, BTreeSet};

fn graph(options: Options<'_>) -> Graph {
    select(&all_tasks(), options, as_of(), Lang::Vi).unwrap()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// What a DOT file says: node id → attributes, and edges.
#[derive(Debug, Default)]
struct Dot {
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    edges: BTreeSet<(String, String)>,
}

/// Reads a DOT double-quoted string starting at `s[0] == '"'`; returns the
/// unescaped text and the rest.
fn quoted(s: &str) -> (String, &str) {
    assert!(s.starts_with('"'), "expected a quoted string: {s}");
    let mut out = String::new();
    let mut chars = s[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, n) = chars.next().unwrap();
                match n {
                    '"' | '\\' => out.push(n),
                    'n' => out.push('\n'),
                    other => panic!("unexpected escape \\{other}"),
                }
            }
            '"' => return (out, &s[1 + i + 1..]),
            c => out.push(c),
        }
    }
    panic!("unterminated string: {s}")
}

/// Parses `key=value, key="value"` up to the closing `]`.
fn attributes(mut s: &str) -> (BTreeMap<String, String>, &str) {
    let mut out = BTreeMap::new();
    loop {
        s = s.trim_start().trim_start_matches(',').trim_start();
        if let Some(rest) = s.strip_prefix(']') {
            return (out, rest);
        }
        let eq = s.find('=').unwrap();
        let key = s[..eq].trim().to_owned();
        s = s[eq + 1..].trim_start();
        let value;
        if s.starts_with('"') {
            let (v, rest) = quoted(s);
            value = v;
            s = rest;
        } else {
            let end = s.find([',', ']']).unwrap();
            value = s[..end].trim().to_owned();
            s = &s[end..];
        }
        out.insert(key, value);
    }
}

fn parse_dot(text: &str) -> Dot {
    let body = text
        .trim()
        .strip_prefix("digraph sauro {")
        .unwrap()
        .strip_suffix('}')
        .unwrap();
    let mut dot = Dot::default();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let stmt = line
            .strip_suffix(';')
            .unwrap_or_else(|| panic!("no ; in {line}"));
        if !stmt.starts_with('"') {
            let word = stmt.split_whitespace().next().unwrap();
            assert!(["graph", "node", "edge"].contains(&word), "{stmt}");
            continue;
        }
        let (id, rest) = quoted(stmt);
        let rest = rest.trim_start();
        if let Some(rest) = rest.strip_prefix("->") {
            let (to, rest) = quoted(rest.trim_start());
            assert!(rest.trim().is_empty(), "{stmt}");
            dot.edges.insert((id, to));
        } else {
            let rest = rest.strip_prefix('[').unwrap();
            let (attrs, rest) = attributes(rest);
            assert!(rest.trim().is_empty(), "{stmt}");
            dot.nodes.insert(id, attrs);
        }
    }
    dot
}

#[test]
fn dot_has_every_node_and_edge() {
    let g = graph(Options::default());
    let dot = parse_dot(&g.to_dot());
    let ids: BTreeSet<&str> = dot.nodes.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "cancel.1",
            "ctct-2026/01",
            "ctct-2026/02",
            "done/1",
            "open/1"
        ]),
        "tasks without any dependency stay out"
    );
    assert_eq!(
        dot.edges,
        set(&[
            ("ctct-2026/01", "ctct-2026/02"),
            ("ctct-2026/02", "open/1"),
            ("done/1", "open/1"),
            ("open/1", "cancel.1"),
        ])
    );
    let open = &dot.nodes["open/1"];
    let lines: Vec<&str> = open["label"].lines().collect();
    assert_eq!(lines[0], "open/1");
    assert!(lines[1].contains("\\ phân tích \"nh"), "{}", lines[1]);
    assert!(lines[2].contains("31/12/2026"), "{}", lines[2]);
    assert!(lines[2].contains("Đang thực hiện trong hạn"));
    assert_eq!(open["fillcolor"], "#dbe9f6");
    assert_eq!(dot.nodes["ctct-2026/01"]["fillcolor"], "#f8d7da");
    assert!(dot.nodes["ctct-2026/01"]["label"].contains("28/02/2026"));
    assert_eq!(dot.nodes["done/1"]["fillcolor"], "#d4edda");
    assert!(dot.nodes["cancel.1"]["style"].contains("dashed"));
}

#[test]
fn dot_root_and_open_only() {
    let g = graph(Options {
        root: Some("ctct-2026/02"),
        open_only: true,
    });
    let dot = parse_dot(&g.to_dot());
    let ids: Vec<&str> = dot.nodes.keys().map(String::as_str).collect();
    assert_eq!(ids, ["ctct-2026/01", "ctct-2026/02", "open/1"]);
    assert_eq!(
        dot.edges,
        set(&[("ctct-2026/01", "ctct-2026/02"), ("ctct-2026/02", "open/1")])
    );
    assert!(
        select(
            &all_tasks(),
            Options {
                root: Some("nope"),
                open_only: false
            },
            as_of(),
            Lang::Vi
        )
        .is_err()
    );
}

#[test]
fn graphviz_accepts_the_dot() {
    let dot = graph(Options::default()).to_dot();
    let Ok(mut child) = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("Graphviz `dot` is not installed: skipped");
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "dot refused:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("ctct&#45;2026/01") || svg.contains("ctct-2026/01"));
}

/// What a Mermaid flowchart says: node id → label lines, edges, classes.
#[derive(Debug, Default)]
struct Mermaid {
    labels: BTreeMap<String, Vec<String>>,
    edges: BTreeSet<(String, String)>,
    class_defs: BTreeSet<String>,
    classes: BTreeMap<String, String>,
}

fn parse_mermaid(text: &str) -> Mermaid {
    let mut m = Mermaid::default();
    let mut lines = text.lines().filter(|l| !l.trim_start().starts_with("%%"));
    assert_eq!(lines.next().unwrap(), "flowchart LR");
    for line in lines.map(str::trim) {
        if let Some(rest) = line.strip_prefix("classDef ") {
            m.class_defs
                .insert(rest.split_whitespace().next().unwrap().to_owned());
        } else if let Some(rest) = line.strip_prefix("class ") {
            let (members, class) = rest.split_once(' ').unwrap();
            for n in members.split(',') {
                m.classes.insert(n.to_owned(), class.to_owned());
            }
        } else if let Some((a, b)) = line.split_once(" --> ") {
            m.edges.insert((a.to_owned(), b.to_owned()));
        } else {
            let (id, rest) = line.split_once("[\"").unwrap();
            let label = rest.strip_suffix("\"]").unwrap();
            assert!(!label.contains('"'), "unescaped quote: {label}");
            assert!(
                id.starts_with("t_") && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "unsafe id {id}"
            );
            m.labels.insert(
                id.to_owned(),
                label.split("<br/>").map(str::to_owned).collect(),
            );
        }
    }
    m
}

#[test]
fn mermaid_has_every_node_and_edge_with_safe_ids() {
    let g = graph(Options::default());
    let m = parse_mermaid(&g.to_mermaid());
    // Node id → task id, from the first label line.
    let task_of: BTreeMap<&str, &str> = m
        .labels
        .iter()
        .map(|(id, lines)| (id.as_str(), lines[0].as_str()))
        .collect();
    let tasks: BTreeSet<&str> = task_of.values().copied().collect();
    assert_eq!(
        tasks,
        BTreeSet::from([
            "cancel.1",
            "ctct-2026/01",
            "ctct-2026/02",
            "done/1",
            "open/1"
        ])
    );
    let edges: BTreeSet<(String, String)> = m
        .edges
        .iter()
        .map(|(a, b)| {
            (
                task_of[a.as_str()].to_owned(),
                task_of[b.as_str()].to_owned(),
            )
        })
        .collect();
    let expect: BTreeSet<(String, String)> = g.edges.iter().cloned().collect();
    assert_eq!(edges, expect);
    assert_eq!(edges.len(), 4);
    for s in Status::ALL {
        assert!(m.class_defs.contains(s.code()), "classDef {}", s.code());
    }
    for (id, task) in &task_of {
        let t = all_tasks().into_iter().find(|t| t.id == *task).unwrap();
        assert_eq!(m.classes[*id], t.status.code(), "{task}");
    }
    let open = m.labels.iter().find(|(_, l)| l[0] == "open/1").unwrap().1;
    assert!(open[1].contains("#quot;nh"), "{}", open[1]);
    assert!(open[2].contains("31/12/2026"));
}
