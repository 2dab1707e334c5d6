//! The weekly briefing (giao ban, `sauro briefing`): what finished, what
//! became overdue, what is due next, what is stuck, which deadlines moved,
//! the six-clarities gaps and the VPCP counts per lead agency, for one period.
//!
//! `sauro_core::briefing::assemble` decides the sections from the task
//! history (the figures at the start and the end of the period are replayed,
//! so a past period reads the same whenever it is asked for); this module
//! only lays them out, as Markdown for an email, as one self-contained HTML
//! file (inline CSS, no scripts, no external assets) that prints on A4, or
//! as a Word document. Dates are dd/mm/yyyy.
//!
//! One file per job: `model.rs` (the [`Briefing`] and
//! [`Briefing::from_sections`]), `document.rs` (the layout shared by every
//! format), `sections.rs` (the eight sections), `words.rs` (how a status, a
//! lead, a deadline, a chain is written), `markdown.rs`, `html.rs`, `docx.rs`.

mod document;
mod docx;
mod html;
mod markdown;
mod model;
mod sections;
mod words;

pub use document::SECTION_IDS;
pub use docx::render_docx;
pub use html::{escape_html, render_html};
pub use markdown::render_markdown;
pub use model::{AgencyRow, BlockedTask, Briefing, DeadlineChange, Heading, Presentation, Scope};
/// Core's own types, which the briefing holds as they are.
pub use sauro_core::briefing::{Blocker, DeadlineMove, KeyCount, Link, Span, StatusCount};
