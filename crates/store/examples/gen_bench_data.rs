//! Writes the synthetic directive files of the benchmarks to a folder, for
//! `bench/whole-process.sh` to import with the real binary; optionally also
//! the same tasks as a Taskwarrior import file (one JSON object per line),
//! or as one JSON array of the tasks sauro-core loaded (`--json FILE`), which
//! `bench/whole-process.sh` loads with the `sqlite3` command line as the
//! yardstick of `sauro import`.
//!
//! ```text
//! cargo run --release -p sauro-store --example gen_bench_data -- OUT_DIR TASKS [TASKWARRIOR_JSON]
//! cargo run --release -p sauro-store --example gen_bench_data -- OUT_DIR TASKS --json TASKS_JSON
//! GENERATOR=other cargo run --release -p sauro-store --example gen_bench_data -- OUT_DIR TASKS
//! ```
//!
//! `GENERATOR=other` uses the second, independent generator
//! (`sauro_synth::other`: 2,500 tasks a file, long titles, more prerequisites,
//! the wordings of real appendix tables).
#![allow(missing_docs, clippy::print_stdout)]

use sauro_core::TaskState;
use sauro_core::directive_file::{SourceFile, load, load_registry};
use sauro_synth as synth;
use std::collections::HashMap;
use std::error::Error;
use std::io::Write;
use std::path::PathBuf;

/// Same as the criterion benchmarks.
const PER_FILE: usize = 100;
const SEED: u64 = 2025;

fn uuid(i: usize) -> String {
    format!("5a0e0000-0000-4000-8000-{i:012x}")
}

fn taskwarrior_date(d: chrono::NaiveDate) -> String {
    d.format("%Y%m%dT000000Z").to_string()
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(n)) = (args.first(), args.get(1)) else {
        return Err("usage: gen_bench_data OUT_DIR TASKS [TASKWARRIOR_JSON]".into());
    };
    let out = PathBuf::from(out);
    let n: usize = n.parse()?;
    std::fs::create_dir_all(&out)?;
    let files = match std::env::var("GENERATOR").as_deref() {
        Ok("other") => synth::other::directive_files(n, SEED),
        Ok("synth") | Err(_) => synth::directive_files(n, PER_FILE, SEED),
        Ok(other) => return Err(format!("GENERATOR={other}: use synth or other").into()),
    };
    for (name, text) in &files {
        std::fs::write(out.join(name), text)?;
    }
    println!(
        "{} tasks in {} files under {}",
        n,
        files.len(),
        out.display()
    );

    let (json, tw) = match (args.get(2).map(String::as_str), args.get(3)) {
        (Some("--json"), Some(path)) => (Some(path), None),
        (Some("--json"), None) => return Err("--json needs a FILE".into()),
        (Some(_), _) => (None, args.get(2)),
        (None, _) => return Ok(()),
    };
    let registry_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/agencies.toml");
    let registry_text = std::fs::read_to_string(registry_path)?;
    let registry = load_registry(SourceFile {
        path: "data/agencies.toml",
        text: &registry_text,
    })
    .map_err(|e| e.to_string())?;
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let load = load(&sources, &registry, &HashMap::new()).map_err(|e| e.to_string())?;
    if let Some(path) = json {
        return write_loaded_json(&load, path);
    }
    let Some(tw) = tw else { return Ok(()) };
    // The same tasks, checked by sauro-core, as Taskwarrior sees them.
    let index: HashMap<&str, usize> = load
        .tasks()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut w = std::io::BufWriter::new(std::fs::File::create(tw)?);
    for (i, t) in load.tasks().enumerate() {
        let mut o = serde_json::Map::new();
        o.insert("uuid".into(), uuid(i).into());
        o.insert("description".into(), t.title.clone().into());
        o.insert("entry".into(), "20250101T000000Z".into());
        if let Some(lead) = &t.lead {
            o.insert("project".into(), lead.as_str().into());
        }
        if let Some(d) = t.due_date() {
            o.insert("due".into(), taskwarrior_date(d).into());
        }
        match t.state {
            TaskState::Done { on } => {
                o.insert("status".into(), "completed".into());
                o.insert("end".into(), taskwarrior_date(on).into());
            }
            _ => {
                o.insert("status".into(), "pending".into());
            }
        }
        let deps: Vec<serde_json::Value> = t
            .depends_on
            .iter()
            .filter_map(|d| index.get(d.as_str()).map(|&j| uuid(j).into()))
            .collect();
        if !deps.is_empty() {
            o.insert("depends".into(), deps.into());
        }
        writeln!(w, "{}", serde_json::Value::Object(o))?;
    }
    w.flush()?;
    println!("{} tasks as Taskwarrior JSON in {tw}", index.len());
    Ok(())
}

/// The tasks as sauro-core loaded them, one JSON array of objects with the
/// columns of sauro's `task` table (lists as space-separated ids, the due
/// day and state day as ISO dates).
fn write_loaded_json(
    load: &sauro_core::directive_file::Load,
    path: &str,
) -> Result<(), Box<dyn Error>> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    let ids = |v: &[_]| -> Option<String> {
        let v: Vec<&str> = v
            .iter()
            .map(|i: &sauro_core::AgencyId| i.as_str())
            .collect();
        (!v.is_empty()).then(|| v.join(" "))
    };
    let deps = |v: &[sauro_core::TaskId]| -> Option<String> {
        let v: Vec<&str> = v.iter().map(|i| i.as_str()).collect();
        (!v.is_empty()).then(|| v.join(" "))
    };
    w.write_all(b"[")?;
    let mut n = 0;
    for d in &load.directives {
        for lt in &d.tasks {
            let t = &lt.task;
            let (state, state_on) = match t.state {
                TaskState::Open => ("open", None),
                TaskState::Done { on } => ("done", Some(on.to_string())),
                TaskState::Cancelled { on } => ("cancelled", on.map(|d| d.to_string())),
            };
            let o = serde_json::json!({
                "id": t.id.as_str(),
                "directive_id": t.directive.as_str(),
                "title": t.title,
                "lead": t.lead.as_ref().map(|l| l.as_str()),
                "support": ids(&t.support),
                "responsible": t.responsible,
                "product": t.product,
                "authority": t.authority,
                "deadline_text": t.deadline.as_ref().map(|d| d.written.clone()),
                "deadline_due": t.due_date().map(|d| d.to_string()),
                "state": state,
                "state_on": state_on,
                "note": t.note,
                "depends_on": deps(&t.depends_on),
                "source_file": d.file,
                "source_line": lt.line,
            });
            if n > 0 {
                w.write_all(b",\n")?;
            }
            serde_json::to_writer(&mut w, &o)?;
            n += 1;
        }
    }
    w.write_all(b"]\n")?;
    w.flush()?;
    println!("{n} tasks as JSON in {path}");
    Ok(())
}
