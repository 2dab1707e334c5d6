//! The dependency graph (`sauro graph`): prerequisite → dependent, nodes
//! coloured by status with the deadline in the label, as Graphviz DOT or a
//! Mermaid flowchart.
//!
//! Without a root the graph holds every task that takes part in a
//! dependency; with one, the root and its transitive prerequisites and
//! dependents. `open_only` then leaves out finished and cancelled tasks
//! (never the root).

use crate::ReportTask;
use chrono::NaiveDate;
use sauro_core::escape;
use sauro_core::{Lang, Status, format_date};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// The root given to [`select`] is no task's id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no task has the id {0:?}")]
pub struct UnknownRoot(pub String);

impl UnknownRoot {
    /// The message in `lang` (`Display` is English).
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("không có nhiệm vụ nào mang mã {:?}", self.0),
            Lang::En => self.to_string(),
        }
    }
}

/// Which part of the graph to draw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Only this task's transitive prerequisites and dependents.
    pub root: Option<&'a str>,
    /// Leave out finished and cancelled tasks.
    pub open_only: bool,
}

/// The nodes and edges to draw.
#[derive(Debug, Clone)]
pub struct Graph {
    /// Tasks, sorted by id.
    pub nodes: Vec<ReportTask>,
    /// (prerequisite, dependent) pairs, sorted.
    pub edges: Vec<(String, String)>,
    /// The as-of day, for the title.
    pub as_of: NaiveDate,
    /// Language of labels.
    pub lang: Lang,
}

/// Picks the nodes and edges of `tasks` to draw.
///
/// # Errors
/// [`UnknownRoot`] when the root is no task's id.
pub fn select(
    tasks: &[ReportTask],
    options: Options<'_>,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Graph, UnknownRoot> {
    let by_id: HashMap<&str, &ReportTask> = tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    // Every edge between known tasks.
    let mut all_edges: BTreeSet<(&str, &str)> = BTreeSet::new();
    for t in tasks {
        for p in &t.depends_on {
            if let Some(p) = by_id.get(p.as_str()) {
                all_edges.insert((p.id.as_str(), t.id.as_str()));
            }
        }
    }
    let mut keep: HashSet<&str> = match options.root {
        Some(root) => {
            if !by_id.contains_key(root) {
                return Err(UnknownRoot(root.to_owned()));
            }
            let mut prereqs: HashMap<&str, Vec<&str>> = HashMap::new();
            let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
            for (p, d) in &all_edges {
                prereqs.entry(d).or_default().push(p);
                dependents.entry(p).or_default().push(d);
            }
            let mut keep = reach(root, &prereqs);
            keep.extend(reach(root, &dependents));
            keep
        }
        None => all_edges.iter().flat_map(|(p, d)| [*p, *d]).collect(),
    };
    if options.open_only {
        keep.retain(|id| {
            options.root == Some(*id)
                || by_id
                    .get(id)
                    .is_some_and(|t| !t.status.is_done() && t.status != Status::Cancelled)
        });
    }
    let mut nodes: Vec<ReportTask> = keep
        .iter()
        .filter_map(|id| by_id.get(id))
        .map(|t| (*t).clone())
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let edges = all_edges
        .iter()
        .filter(|(p, d)| keep.contains(p) && keep.contains(d))
        .map(|(p, d)| ((*p).to_owned(), (*d).to_owned()))
        .collect();
    Ok(Graph {
        nodes,
        edges,
        as_of,
        lang,
    })
}

/// `start` and every node reachable from it through `next`.
fn reach<'a>(start: &'a str, next: &HashMap<&'a str, Vec<&'a str>>) -> HashSet<&'a str> {
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        for m in next.get(n).into_iter().flatten() {
            if seen.insert(m) {
                queue.push_back(m);
            }
        }
    }
    seen
}

/// Fill and border colours of a status.
pub fn colours(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::DoneOnTime | Status::DoneUndated => ("#d4edda", "#2e7d32"),
        Status::DoneLate => ("#e8f0c4", "#7a7a12"),
        Status::Open => ("#dbe9f6", "#1f5fa8"),
        Status::Overdue => ("#f8d7da", "#c0392b"),
        Status::Ongoing | Status::Vague | Status::NoDeadline => ("#fff3cd", "#b8860b"),
        Status::Cancelled => ("#eeeeee", "#888888"),
    }
}

/// The status line of a label: "Quá hạn chưa hoàn thành (267 ngày) · 28/02/2026".
fn status_line(t: &ReportTask, lang: Lang) -> String {
    let mut s = sauro_core::wording::status_long_with_days(t.status, t.days_overdue, lang);
    s.push_str(" · ");
    s.push_str(&t.deadline_shown().cell(lang));
    if !t.blocked_by.is_empty() && !t.status.is_done() && t.status != Status::Cancelled {
        s.push_str(" · ");
        s.push_str(sauro_core::wording::Flag::Blocked.word(lang));
    }
    s
}

/// At most `max` characters of one line of text, "…" when cut.
fn short(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() <= max {
        flat.to_owned()
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The lines of a node's label: id, title (shortened), status and deadline,
/// lead.
pub fn label_lines(t: &ReportTask, lang: Lang) -> Vec<String> {
    let mut lines = vec![t.id.clone(), short(&t.title, 48), status_line(t, lang)];
    lines.push(format!(
        "{}: {}",
        lang.pick("Chủ trì", "Lead"),
        t.leads_text(false)
            .as_deref()
            .unwrap_or(sauro_core::wording::no_lead(lang))
    ));
    lines
}

impl Graph {
    fn title(&self) -> String {
        format!(
            "{} — {} {}",
            self.lang.pick("Sơ đồ phụ thuộc", "Dependency graph"),
            self.lang.pick("tính đến ngày", "as of"),
            format_date(self.as_of)
        )
    }

    /// Graphviz DOT: `dot -Tsvg` draws it.
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph sauro {\n");
        out.push_str(&format!(
            "  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label={}];\n",
            dot_quote(&self.title())
        ));
        out.push_str(
            "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n",
        );
        out.push_str("  edge [color=\"#555555\", arrowhead=normal];\n");
        for t in &self.nodes {
            let (fill, stroke) = colours(t.status);
            let label = label_lines(t, self.lang)
                .iter()
                .map(|l| dot_escape(l))
                .collect::<Vec<_>>()
                .join("\\n");
            let style = if t.status == Status::Cancelled {
                ", style=\"rounded,filled,dashed\""
            } else {
                ""
            };
            let width = if t.status == Status::Overdue { 2 } else { 1 };
            out.push_str(&format!(
                "  {} [label=\"{label}\", fillcolor=\"{fill}\", color=\"{stroke}\", penwidth={width}{style}, tooltip={}];\n",
                dot_quote(&t.id),
                dot_quote(&short(&t.title, 500)),
            ));
        }
        for (p, d) in &self.edges {
            out.push_str(&format!("  {} -> {};\n", dot_quote(p), dot_quote(d)));
        }
        out.push_str("}\n");
        out
    }

    /// A Mermaid flowchart, one `classDef` per status.
    pub fn to_mermaid(&self) -> String {
        let ids = mermaid_ids(self.nodes.iter().map(|t| t.id.as_str()));
        let mut out = format!("flowchart LR\n  %% {}\n", self.title().replace('\n', " "));
        for t in &self.nodes {
            let label = label_lines(t, self.lang)
                .iter()
                .map(|l| mermaid_escape(l))
                .collect::<Vec<_>>()
                .join("<br/>");
            out.push_str(&format!("  {}[\"{label}\"]\n", ids[t.id.as_str()]));
        }
        for (p, d) in &self.edges {
            out.push_str(&format!("  {} --> {}\n", ids[p.as_str()], ids[d.as_str()]));
        }
        for s in Status::ALL {
            let (fill, stroke) = colours(s);
            let dash = if s == Status::Cancelled {
                ",stroke-dasharray:4 3"
            } else {
                ""
            };
            out.push_str(&format!(
                "  classDef {} fill:{fill},stroke:{stroke},color:#1a1a1a{dash}\n",
                s.code()
            ));
        }
        for s in Status::ALL {
            let members: Vec<&str> = self
                .nodes
                .iter()
                .filter(|t| t.status == s)
                .map(|t| ids[t.id.as_str()].as_str())
                .collect();
            if !members.is_empty() {
                out.push_str(&format!("  class {} {}\n", members.join(","), s.code()));
            }
        }
        out
    }
}

/// A DOT double-quoted string.
pub fn dot_quote(s: &str) -> String {
    format!("\"{}\"", dot_escape(s))
}

/// Text inside a DOT double-quoted string: `"` and `\` escaped, line breaks
/// as spaces, control characters shown visibly.
fn dot_escape(s: &str) -> String {
    label_escape(s, |c| match c {
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        _ => None,
    })
}

/// Text inside a Mermaid `["…"]` label: quotes, `#`, `<`, `>`, `&` as
/// entity codes, line breaks as spaces, control characters shown visibly.
fn mermaid_escape(s: &str) -> String {
    label_escape(s, |c| match c {
        '"' => Some("#quot;"),
        '#' => Some("#35;"),
        '<' => Some("#lt;"),
        '>' => Some("#gt;"),
        '&' => Some("#amp;"),
        _ => None,
    })
}

/// A node label of either format: each character `special` names becomes
/// its text; then line breaks become spaces and control characters are
/// shown visibly (what every label needs).
fn label_escape(s: &str, special: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match special(c) {
            Some(text) => out.push_str(text),
            None if matches!(c, '\r' | '\n') => out.push(' '),
            None if escape::is_unsafe(c) => out.push(escape::visible(c)),
            None => out.push(c),
        }
    }
    out
}

/// Mermaid node ids: `t_` and the task id with every character other than
/// a letter or digit as `_`, numbered on a clash.
pub fn mermaid_ids<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, String> {
    let mut used = HashSet::new();
    let mut out = HashMap::new();
    for id in ids {
        let base: String = std::iter::once("t_".to_owned())
            .chain(id.chars().map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_string()
                } else {
                    "_".to_owned()
                }
            }))
            .collect();
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        out.insert(id, name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(id: &str, deps: &[&str], status: Status) -> ReportTask {
        ReportTask {
            id: id.into(),
            directive: "d".into(),
            directive_number: None,
            directive_issued_on: None,
            title: format!("Task \"{id}\" <x> & #1 \\ y"),
            lead: Some("BCA".into()),
            lead_name: None,
            co_leads: Vec::new(),
            co_lead_names: Vec::new(),
            key: false,
            classified: false,
            support: vec![],
            support_names: vec![],
            responsible: None,
            product: None,
            authority: None,
            deadline: NaiveDate::from_ymd_opt(2026, 2, 28),
            deadline_text: None,
            status,
            days_overdue: None,
            due_soon: false,
            blocked_by: vec![],
            depends_on: deps.iter().map(|s| (*s).to_owned()).collect(),
            missing: vec![],
            extended: false,
            original_deadline: None,
            recurring: false,
            done_on: None,
            note: None,
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn ids(g: &Graph) -> Vec<&str> {
        g.nodes.iter().map(|n| n.id.as_str()).collect()
    }

    #[test]
    fn root_takes_transitive_prerequisites_and_dependents_only() {
        let tasks = [
            t("a", &[], Status::DoneOnTime),
            t("b", &["a"], Status::Overdue),
            t("c", &["b"], Status::Open),
            t("x", &["a"], Status::Open),
            t("lonely", &[], Status::Open),
        ];
        let all = select(&tasks, Options::default(), day(), Lang::Vi).unwrap();
        assert_eq!(ids(&all), ["a", "b", "c", "x"]);
        assert_eq!(all.edges.len(), 3);
        let g = select(
            &tasks,
            Options {
                root: Some("b"),
                open_only: false,
            },
            day(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(ids(&g), ["a", "b", "c"]);
        let g = select(
            &tasks,
            Options {
                root: Some("b"),
                open_only: true,
            },
            day(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(ids(&g), ["b", "c"]);
        assert_eq!(g.edges, [("b".to_owned(), "c".to_owned())]);
        let g = select(
            &tasks,
            Options {
                root: Some("a"),
                open_only: true,
            },
            day(),
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(ids(&g), ["a", "b", "c", "x"], "the root stays");
        assert_eq!(
            select(
                &tasks,
                Options {
                    root: Some("nope"),
                    open_only: false
                },
                day(),
                Lang::Vi
            )
            .unwrap_err(),
            UnknownRoot("nope".into())
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(dot_quote("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");
        assert_eq!(mermaid_escape("a\"<b>&#"), "a#quot;#lt;b#gt;#amp;#35;");
        let m = mermaid_ids(["a/b", "a_b", "a-b"].into_iter());
        assert_eq!(m["a/b"], "t_a_b");
        assert_eq!(m["a_b"], "t_a_b_2");
        assert_eq!(m["a-b"], "t_a_b_3");
    }

    #[test]
    fn labels_carry_status_and_deadline() {
        let mut x = t("a", &[], Status::Overdue);
        x.days_overdue = Some(3);
        let lines = label_lines(&x, Lang::Vi);
        assert_eq!(lines[2], "Quá hạn chưa hoàn thành (3 ngày) · 28/02/2026");
        assert_eq!(
            label_lines(&x, Lang::En)[2],
            "Overdue (3 days) · 28/02/2026"
        );
    }
}
