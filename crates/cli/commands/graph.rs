//! `sauro graph`: the dependency graph as Graphviz DOT or a Mermaid flowchart.

use crate::args::GraphFormat;
use crate::context::Ctx;
use crate::report_input::report_tasks;
use sauro_report::graph::{Options, select};
use sauro_store::TaskFilter;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    ctx: &Ctx,
    format: GraphFormat,
    root: Option<&str>,
    open_only: bool,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let tasks = report_tasks(ctx, &TaskFilter::default())?;
    // The root as stored, whatever its case; an unknown one gets "did you mean".
    let root = match root.map(str::trim) {
        Some(r) => Some(
            ctx.store
                .task_id(r)
                .map_err(|e| anyhow::anyhow!("--root: {}", e.message(ctx.lang.core())))?,
        ),
        None => None,
    };
    let root = root.as_deref();
    let graph = select(
        &tasks,
        Options { root, open_only },
        ctx.as_of,
        ctx.lang.core(),
    )
    .map_err(|e| anyhow::anyhow!("--root: {}", e.message(ctx.lang.core())))?;
    let text = match format {
        GraphFormat::Dot => graph.to_dot(),
        GraphFormat::Mermaid => graph.to_mermaid(),
    };
    let what = (
        format!("{} nút, {} cạnh", graph.nodes.len(), graph.edges.len()),
        {
            let en = sauro_core::Lang::En;
            format!(
                "{}, {}",
                en.count(graph.nodes.len(), "", "node"),
                en.count(graph.edges.len(), "", "edge")
            )
        },
    );
    super::export::write_or_print(ctx, output, &text, (&what.0, &what.1))?;
    Ok(ExitCode::SUCCESS)
}
