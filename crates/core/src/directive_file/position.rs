//! Where a problem is: line and column of a byte offset, and the reporter
//! that records each problem of one file with its place.

use super::{Problem, ProblemKind, SourceFile};

/// Where each line of a file starts, found once per file, so the line of any
/// offset is a binary search rather than a scan from the top (a file with
/// tens of thousands of problems stays linear).
pub(super) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(super) fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// The line (1-based) of a byte offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Line and column (1-based, the column in characters) of a byte offset.
    pub(super) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = text.get(start..offset).map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// Collects the problems of one file.
pub(super) struct Reporter<'a> {
    file: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Reporter<'a> {
    /// A reporter for `source`, whose lines are `lines`, adding to `problems`.
    pub(super) fn new(
        source: SourceFile<'a>,
        lines: &'a LineIndex,
        problems: &'a mut Vec<Problem>,
    ) -> Reporter<'a> {
        Reporter {
            file: source.path,
            text: source.text,
            lines,
            problems,
        }
    }

    /// The line (1-based) of a byte offset of this file.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// Records `kind` at `offset` (the start of the table concerned), for
    /// `task` when it is a task's problem.
    pub(super) fn at(&mut self, offset: Option<usize>, task: Option<&str>, kind: ProblemKind) {
        let (line, column) = match offset {
            // A task's problems name the task and its line; the column (which
            // costs a count along the line) only says where in the file the
            // others are.
            Some(o) if task.is_some() => (Some(self.lines.line(o.min(self.text.len()))), None),
            Some(o) => {
                let (l, c) = self.lines.position(self.text, o);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        self.problems.push(Problem {
            file: self.file.to_owned(),
            line,
            column,
            task: task.map(str::to_owned),
            kind,
        });
    }
}
