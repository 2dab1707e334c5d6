//! Writing to stdout: a closed pipe (`sauro list | head`) is not an error.

use sauro_core::escape::terminal_text;
use std::io::{self, Write};

/// True when the error chain ends in a broken pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Prints text for people (with a trailing newline if missing) to stdout.
/// Control characters and bidirectional overrides from directive files or
/// users are shown visibly ([`terminal_text`]): nothing printed can retitle,
/// clear or overwrite the terminal.
pub fn print(text: &str) -> anyhow::Result<()> {
    print_document(&terminal_text(text))
}

/// Prints a document (CSV, Markdown, HTML, JSON, ICS, DOT) as its writer
/// made it: each writer escapes its own text, and CSV and ICS keep their
/// CRLF line ends.
pub fn print_document(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Prints a value as pretty JSON, every control character escaped.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    // serde_json escapes C0 controls; the others are escaped here, so the
    // data stays exact and the terminal inert.
    print_document(&sauro_core::escape::json(&serde_json::to_string_pretty(
        value,
    )?))
}

/// Gives up `value` without freeing it. The list commands end the process
/// right after printing: freeing a hundred thousand small strings one by one
/// costs a tenth of `sauro overdue` on 100k tasks, and the system takes the
/// memory back at exit anyway.
pub fn leak<T>(value: T) {
    std::mem::forget(value);
}

/// Renders a table to fit the terminal, then leaks it (see [`leak`]).
pub fn render_once(table: crate::table::Table<'_>) -> String {
    let out = table.render(crate::table::terminal_width());
    leak(table);
    out
}

/// Prints a line for people (escaped as [`print`] does) and, when there is
/// one, a blank line and a table fitted to the terminal, written to stdout
/// line by line rather than laid out in memory first; then leaks the table
/// (see [`leak`]). The table's cells were made safe as it took them.
pub fn print_with_table(above: &str, table: Option<crate::table::Table<'_>>) -> anyhow::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    out.write_all(terminal_text(above).as_bytes())?;
    out.write_all(b"\n")?;
    if let Some(table) = table {
        out.write_all(b"\n")?;
        table.write(crate::table::terminal_width(), &mut out)?;
        leak(table);
    }
    out.flush()?;
    Ok(())
}
