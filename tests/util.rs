//! Helpers: a private database per test, the `sauro` command with a clean
//! environment, JSON parsing, database counts and refusal checks.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

/// The as-of day every test runs on unless it says otherwise.
pub const TODAY: &str = "2026-11-22";

/// The keys every task object of a list-like command must carry.
pub const TASK_KEYS: [&str; 18] = [
    "id",
    "directive",
    "title",
    "lead",
    "support",
    "responsible",
    "product",
    "authority",
    "deadline",
    "deadline_text",
    "status",
    "days_overdue",
    "due_soon",
    "blocked",
    "blocked_by",
    "missing",
    "extended",
    "done_on",
];

/// The status codes of the JSON output.
pub const STATUSES: [&str; 9] = [
    "done_on_time",
    "done_late",
    "done_undated",
    "open",
    "overdue",
    "ongoing",
    "vague",
    "no_deadline",
    "cancelled",
];

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo("tests/fixtures").join(name)
}

/// A temporary folder holding the database of one test.
pub struct Env {
    pub dir: TempDir,
}

impl Env {
    /// An empty folder: no database yet.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A database holding the directives of `data/`.
    pub fn with_data() -> Env {
        let env = Env::new();
        env.ok(&["import", repo("data").to_str().unwrap()]);
        env
    }

    /// A database holding only `tests/fixtures/clear.toml`.
    pub fn with_clear() -> Env {
        let env = Env::new();
        env.ok(&["import", fixture("clear.toml").to_str().unwrap()]);
        env
    }

    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("db.sqlite")
    }

    /// `sauro` with nothing of the caller's environment but HOME and PATH.
    pub fn sauro(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sauro"));
        cmd.env_clear()
            .env("SAURO_DB", self.db())
            .env("SAURO_TODAY", TODAY)
            .env("HOME", self.dir.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(repo(""));
        cmd
    }

    /// Runs `sauro ARGS` and returns what it did.
    pub fn run(&self, args: &[&str]) -> Output {
        self.sauro().args(args).output().unwrap()
    }

    /// Runs `sauro ARGS`, asserts success and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "sauro {args:?} failed ({:?}):\n{}{}",
            out.status,
            stdout(&out),
            stderr(&out)
        );
        no_panic(&out);
        stdout(&out)
    }

    /// Runs `sauro ARGS --format json` and parses the output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let text = self.ok(&all);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("sauro {all:?}: not JSON ({e}):\n{text}"))
    }

    /// The task objects of a list-like command, run with `--format json`.
    pub fn tasks(&self, args: &[&str]) -> Vec<Value> {
        match self.json(args) {
            Value::Array(a) => a,
            other => panic!("sauro {args:?}: expected an array, got {other}"),
        }
    }

    /// The ids of the tasks a list-like command returns, in its order.
    pub fn ids(&self, args: &[&str]) -> Vec<String> {
        self.tasks(args)
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// `sauro show ID --format json`.
    pub fn show(&self, id: &str) -> Value {
        self.json(&["show", id])
    }

    /// `sauro show ID --as-of DAY --format json`.
    pub fn show_as_of(&self, id: &str, day: &str) -> Value {
        self.json(&["show", id, "--as-of", day])
    }

    /// Rows of the task, history and note tables, read directly; all zero
    /// when there is no database file (a refused first import removes the
    /// file it created).
    pub fn counts(&self) -> Counts {
        if !self.db().exists() {
            return Counts {
                tasks: 0,
                directives: 0,
                history: 0,
                notes: 0,
            };
        }
        let conn = rusqlite::Connection::open_with_flags(
            self.db(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let count = |table: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        Counts {
            tasks: count("task"),
            directives: count("directive"),
            history: count("history"),
            notes: count("note"),
        }
    }
}

/// How many rows the main tables hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tasks: i64,
    pub directives: i64,
    pub history: i64,
    pub notes: i64,
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// No panic message, no backtrace.
pub fn no_panic(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

/// A refusal: a non-zero exit, no panic, and stderr naming every `needle`.
/// Returns stderr.
pub fn refused(out: &Output, needles: &[&str]) -> String {
    let err = stderr(out);
    assert!(
        !out.status.success(),
        "expected a refusal, got success:\n{}{err}",
        stdout(out)
    );
    assert_ne!(out.status.code(), None, "killed by a signal: {err}");
    no_panic(out);
    assert!(err.starts_with("sauro: "), "{err}");
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}:\n{err}");
    }
    err
}

/// The object of the task `id` in a list of task objects.
pub fn find<'a>(tasks: &'a [Value], id: &str) -> &'a Value {
    tasks
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not in the list"))
}

/// The last history row of a `show --format json` object.
pub fn last_history(show: &Value) -> &Value {
    show["history"].as_array().unwrap().last().unwrap()
}
