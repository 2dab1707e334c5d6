//! The draft as directive-file TOML, with `# kiểm tra:` comments (the `toml`
//! crate cannot write comments, so the text is written here).

use crate::{Draft, DraftTask, Field};
use std::fmt::Write as _;

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A comment line: one line, no control characters.
fn comment(out: &mut String, text: &str) {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let _ = writeln!(out, "# kiểm tra: {one_line}");
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The whole file.
pub fn to_toml(d: &Draft) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Bản nháp do `sauro draft` lập từ {} — rà soát trước khi `sauro import`.",
        d.source.replace(['\n', '\r'], " ")
    );
    o.push_str("# Mỗi dòng \"# kiểm tra:\" là một điều sauro đoán: đối chiếu với văn bản gốc rồi xóa dòng đó.\n");
    o.push_str(
        "# Trường nào văn bản không nêu thì để trống: `sauro check` sẽ báo thiếu rõ nào.\n\n",
    );
    o.push_str("schema = 1\n\n[directive]\n");
    let h = &d.header;
    for c in &h.checks {
        comment(&mut o, c);
    }
    let _ = writeln!(o, "id = {}", quote(&h.id));
    if let Some(n) = &h.number {
        let _ = writeln!(o, "number = {}", quote(n));
    }
    if let Some(t) = &h.title {
        let _ = writeln!(o, "title = {}", quote(t));
    }
    let _ = writeln!(
        o,
        "issued_by = {}",
        quote(
            h.issued_by
                .as_deref()
                .unwrap_or(crate::header::UNKNOWN_ISSUER)
        )
    );
    let _ = writeln!(
        o,
        "issued_on = {}",
        h.issued_on.unwrap_or(d.today).format("%Y-%m-%d")
    );
    for a in &d.agencies {
        o.push_str("\n[[agency]]\n");
        comment(
            &mut o,
            &format!(
                "cơ quan \"{}\" không có trong danh mục: mã và loại do sauro đề xuất; sửa mã nếu danh mục đã có cơ quan này",
                a.name
            ),
        );
        let _ = writeln!(o, "id = {}", quote(&a.id));
        let _ = writeln!(o, "name = {}", quote(&a.name));
        let _ = writeln!(o, "kind = {}", quote(a.kind.code()));
    }
    for t in &d.tasks {
        task(&mut o, t);
    }
    o
}

fn task(o: &mut String, t: &DraftTask) {
    o.push_str("\n[[task]]\n");
    let checks = |o: &mut String, f: Field| {
        for (field, c) in &t.checks {
            if *field == f {
                comment(o, c);
            }
        }
    };
    checks(o, Field::Task);
    let _ = writeln!(o, "id = {}", quote(&t.id));
    let _ = writeln!(o, "title = {}", quote(&t.title));
    checks(o, Field::Lead);
    if let Some(l) = &t.lead {
        if t.co_leads.is_empty() {
            let _ = writeln!(o, "lead = {}", quote(l));
        } else {
            // Co-leads: every one, in the cell's order (the list form of `lead`).
            let all: Vec<String> = std::iter::once(l.clone())
                .chain(t.co_leads.iter().cloned())
                .collect();
            let _ = writeln!(o, "lead = {}", list(&all));
        }
    }
    checks(o, Field::Support);
    if !t.support.is_empty() {
        let _ = writeln!(o, "support = {}", list(&t.support));
    }
    checks(o, Field::Responsible);
    if let Some(r) = &t.responsible {
        let _ = writeln!(o, "responsible = {}", quote(r));
    }
    checks(o, Field::Product);
    if let Some(p) = &t.product {
        let _ = writeln!(o, "product = {}", quote(p));
    }
    checks(o, Field::Deadline);
    if let Some(dl) = &t.deadline {
        let _ = writeln!(o, "deadline = {}", quote(dl));
    }
    checks(o, Field::Authority);
    if let Some(a) = &t.authority {
        let _ = writeln!(o, "authority = {}", quote(a));
    }
    let note = format!("Nguồn: \"{}\"", t.source);
    let _ = writeln!(o, "note = {}", quote(&note));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_round_trips_through_toml() {
        let s = "a \"b\" \\ c\nd\te\u{1}";
        let v: toml::Value = toml::from_str(&format!("x = {}", quote(s))).unwrap();
        assert_eq!(v["x"].as_str(), Some(s));
    }
}
