//! sauro-draft: reads a directive document (Word, spreadsheet, text copied
//! from a page or a PDF) and proposes its tasks as a directive file
//! (`docs/data-format.md`) for a person to review before `sauro import`.
//!
//! It never invents: a field it did not find stays absent, so `sauro check`
//! shows the missing clarity. Each guess carries a `# kiểm tra:` comment and
//! each task keeps its source row or sentence in `note`.
//!
//! No I/O here: the caller passes the file's name and bytes, the registry and
//! the day of drafting.

pub mod agency;
pub mod error;
pub mod fields;
pub mod header;
pub mod prose;
pub mod read;
pub mod table;
pub mod text;
pub mod write;

pub use error::DraftError;

use agency::{Agencies, Found};
use chrono::NaiveDate;
use sauro_core::{AgencyKind, Registry};

/// A field of a drafted task, for the comments that say what to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The task as a whole (comment at its top).
    Task,
    /// `lead`
    Lead,
    /// `support`
    Support,
    /// `responsible`
    Responsible,
    /// `product`
    Product,
    /// `deadline`
    Deadline,
    /// `authority`
    Authority,
}

/// A proposed task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftTask {
    /// The full task id (`<directive>/<TT>`).
    pub id: String,
    /// The work (rõ việc).
    pub title: String,
    /// The lead's agency id.
    pub lead: Option<String>,
    /// Further agencies named as leads (co-leads), written after the lead in
    /// `lead = ["A", "B"]`.
    pub co_leads: Vec<String>,
    /// Coordinating agency ids.
    pub support: Vec<String>,
    /// The accountable official.
    pub responsible: Option<String>,
    /// The deliverable.
    pub product: Option<String>,
    /// The deadline's wording, verbatim.
    pub deadline: Option<String>,
    /// The authority's agency id.
    pub authority: Option<String>,
    /// The source row or sentence.
    pub source: String,
    /// What to check, per field.
    pub checks: Vec<(Field, String)>,
}

impl DraftTask {
    /// Adds a check comment.
    pub fn check(&mut self, field: Field, what: impl Into<String>) {
        self.checks.push((field, what.into()));
    }

    /// Number of guesses to check.
    pub fn guesses(&self) -> usize {
        self.checks.len()
    }
}

/// An agency the registry does not hold, proposed for the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedAgency {
    /// The proposed id.
    pub id: String,
    /// The name as written.
    pub name: String,
    /// The guessed kind.
    pub kind: AgencyKind,
}

/// The directive's header as found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The directive id (given or derived).
    pub id: String,
    /// Number and symbol (`03/NQ-CP`).
    pub number: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The issuer's agency id.
    pub issued_by: Option<String>,
    /// The issue date.
    pub issued_on: Option<NaiveDate>,
    /// What to check in the header.
    pub checks: Vec<String>,
    /// The paragraphs the header was read from (not searched for tasks).
    pub lines: Vec<String>,
    /// Sentences of running text the header was read from ("Văn phòng Chính
    /// phủ ban hành Thông báo số …"): only assignments with an agency are
    /// taken from their paragraphs.
    pub press: Vec<String>,
}

/// A drafted directive file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The source file's name.
    pub source: String,
    /// The header.
    pub header: Header,
    /// Agencies to add to the file.
    pub agencies: Vec<ProposedAgency>,
    /// The proposed tasks.
    pub tasks: Vec<DraftTask>,
    /// The day the draft was made (the issue date when none is found).
    pub today: NaiveDate,
}

impl Draft {
    /// Number of `# kiểm tra:` guesses in the whole draft.
    pub fn guesses(&self) -> usize {
        self.header.checks.len()
            + self.agencies.len()
            + self.tasks.iter().map(DraftTask::guesses).sum::<usize>()
    }

    /// The directive file's text.
    pub fn to_toml(&self) -> String {
        write::to_toml(self)
    }
}

/// What the caller decides.
#[derive(Debug, Clone)]
pub struct Options {
    /// The directive id to use instead of one derived from the number.
    pub id: Option<String>,
    /// The day of drafting: written as the issue date (with a check) when the
    /// document gives none.
    pub today: NaiveDate,
}

/// Maps names to ids and collects the agencies the registry lacks.
pub struct Names<'r> {
    /// The registry's names.
    pub agencies: Agencies<'r>,
    /// Agencies proposed so far.
    pub proposed: Vec<ProposedAgency>,
}

impl<'r> Names<'r> {
    /// Over a registry.
    pub fn new(registry: &'r Registry) -> Names<'r> {
        Names {
            agencies: Agencies::new(registry),
            proposed: Vec::new(),
        }
    }

    /// The id of a found agency; an unknown name becomes a proposed agency.
    pub fn id_of(&mut self, found: &Found) -> String {
        match found {
            Found::Known(id) => id.clone(),
            Found::Unknown(name) => self.propose(name),
        }
    }

    /// The proposed id of a name the registry lacks (the same name, the same id).
    pub fn propose(&mut self, name: &str) -> String {
        let key = text::fold(name);
        if let Some(p) = self.proposed.iter().find(|p| text::fold(&p.name) == key) {
            return p.id.clone();
        }
        let initials: String = key
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !matches!(*w, "va" | "cua" | "cac"))
            .filter_map(|w| w.chars().next())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let base = if initials.len() >= 2 {
            initials
        } else {
            "CQ".to_owned()
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.agencies.registry().contains(&id) || self.proposed.iter().any(|p| p.id == id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        let f = key.as_str();
        let kind = if f.starts_with("bo ") {
            AgencyKind::Ministry
        } else if f.starts_with("ubnd")
            || f.starts_with("uy ban nhan dan")
            || f.starts_with("tinh ")
        {
            AgencyKind::Province
        } else if f.starts_with("ban chi dao") {
            AgencyKind::SteeringCommittee
        } else if f.starts_with("cac ") {
            AgencyKind::Group
        } else {
            AgencyKind::Other
        };
        self.proposed.push(ProposedAgency {
            id: id.clone(),
            name: name.to_owned(),
            kind,
        });
        id
    }

    /// Sets lead, co-leads and support of a task from found agencies: the first
    /// lead is `lead`, the others are co-leads noted for review.
    pub fn assign(&mut self, task: &mut DraftTask, leads: &[Found], support: &[Found]) {
        let mut ids: Vec<String> = leads.iter().map(|f| self.id_of(f)).collect();
        // "Bộ Công an; các bộ, ngành liên quan" as leads: the group coordinates.
        let registry = self.agencies.registry();
        let (groups, named): (Vec<String>, Vec<String>) =
            ids.iter().cloned().partition(|id| registry.is_group(id));
        if !named.is_empty() && !groups.is_empty() {
            ids = named;
            task.check(
                Field::Support,
                format!(
                    "nhóm cơ quan nêu cùng cơ quan chủ trì được ghi là phối hợp: {}",
                    groups.join(", ")
                ),
            );
            for g in groups {
                if !task.support.contains(&g) {
                    task.support.push(g);
                }
            }
        }
        if let Some((first, rest)) = ids.split_first() {
            task.lead = Some(first.clone());
            task.co_leads = rest.to_vec();
        }
        for f in support {
            let id = self.id_of(f);
            if Some(&id) != task.lead.as_ref()
                && !task.support.contains(&id)
                && !task.co_leads.contains(&id)
            {
                task.support.push(id);
            }
        }
        if !task.co_leads.is_empty() {
            let names: Vec<String> = task.co_leads.iter().map(|id| self.name_of(id)).collect();
            task.check(
                Field::Lead,
                format!(
                    "đồng chủ trì: {} (mỗi nhiệm vụ một cơ quan chủ trì: nhiệm vụ đồng chủ trì không đạt rõ người)",
                    names.join(", ")
                ),
            );
        }
    }

    /// The name of an id, registered or proposed.
    pub fn name_of(&self, id: &str) -> String {
        self.proposed.iter().find(|p| p.id == id).map_or_else(
            || self.agencies.registry().name_of(id).to_owned(),
            |p| p.name.clone(),
        )
    }
}

/// Drafts a directive file from a document.
///
/// # Errors
/// The document cannot be read (type, size, damage, encryption) or holds no task.
pub fn draft(
    name: &str,
    bytes: &[u8],
    registry: &Registry,
    opts: &Options,
) -> Result<Draft, DraftError> {
    let blocks = read::read(name, bytes)?;
    let mut names = Names::new(registry);
    let mut header = header::read(&blocks, &mut names);
    header.id = match &opts.id {
        Some(id) => id.clone(),
        None => header::directive_id(&header, name, opts.today),
    };
    if header.title.is_none() {
        header.title = Some(header::fallback_title(&header, name));
        header.checks.push(
            "không tìm thấy tên văn bản: title đang ghi tạm, hãy sửa theo văn bản gốc".to_owned(),
        );
    }
    let reference = header.issued_on.unwrap_or(opts.today);
    let mut tasks = table::tasks(&blocks, &mut names);
    let from_tables = !tasks.is_empty();
    let mut prose_tasks = prose::tasks(&blocks, &header, &mut names);
    for (i, t) in prose_tasks.iter_mut().enumerate() {
        t.id = if from_tables {
            format!("VB.{}", i + 1)
        } else {
            format!("{:02}", i + 1)
        };
    }
    tasks.extend(prose_tasks);
    if tasks.is_empty() {
        return Err(DraftError::NoTask {
            file: name.to_owned(),
        });
    }
    for t in &mut tasks {
        t.id = format!("{}/{}", header.id, t.id);
        finish(t, reference);
    }
    Ok(Draft {
        source: name.to_owned(),
        header,
        agencies: names.proposed,
        tasks,
        today: opts.today,
    })
}

/// The last checks of a task: an unreadable deadline wording, a lead also in support.
fn finish(t: &mut DraftTask, reference: NaiveDate) {
    if let Some(d) = &t.deadline
        && sauro_core::Deadline::parse(d, reference).is_err()
    {
        let d = d.clone();
        t.check(
            Field::Deadline,
            format!(
                "thời hạn \"{d}\" chưa đọc được thành ngày; sửa theo một dạng của data-format.md"
            ),
        );
    }
    if let Some(lead) = &t.lead {
        let lead = lead.clone();
        t.support.retain(|s| *s != lead);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use sauro_core::Registry;
    use sauro_core::directive_file::{SourceFile, load_registry};

    /// The registry of `data/agencies.toml`.
    pub fn registry() -> Registry {
        load_registry(SourceFile {
            path: "data/agencies.toml",
            text: include_str!("../../../data/agencies.toml"),
        })
        .expect("registry")
    }
}
