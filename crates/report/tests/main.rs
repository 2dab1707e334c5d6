//! Integration tests of sauro-report: every document is read back with a
//! real parser (calamine for XLSX, the csv crate, an iCalendar unfolder and
//! small DOT and Mermaid edge parsers), not by string matching alone.
#![allow(missing_docs, clippy::unwrap_used)]

mod cases {
    mod calendar;
    mod fixture;
    mod graph;
    mod letter;
    mod overdue;
}
