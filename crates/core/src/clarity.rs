//! The six clarities (sáu rõ) and the one function that says which a task lacks.

use crate::agency::Registry;
use crate::fold::fold;
use crate::lang::Lang;
use crate::task::Task;

/// One of the six clarities a task must have (`domain.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Clarity {
    /// rõ người: one concrete lead agency.
    Lead,
    /// rõ việc: the work itself.
    Title,
    /// rõ trách nhiệm: the accountable official.
    Responsible,
    /// rõ sản phẩm: the deliverable.
    Product,
    /// rõ thời hạn: a deadline that resolves to one date.
    Deadline,
    /// rõ thẩm quyền: the body that accepts the product.
    Authority,
}

impl Clarity {
    /// The six, in the order of `domain.md`.
    pub const ALL: [Clarity; 6] = [
        Clarity::Lead,
        Clarity::Title,
        Clarity::Responsible,
        Clarity::Product,
        Clarity::Deadline,
        Clarity::Authority,
    ];

    /// The task field that holds it (`lead`, `title`…), as in JSON output and `--missing`.
    pub fn field(self) -> &'static str {
        match self {
            Clarity::Lead => "lead",
            Clarity::Title => "title",
            Clarity::Responsible => "responsible",
            Clarity::Product => "product",
            Clarity::Deadline => "deadline",
            Clarity::Authority => "authority",
        }
    }

    /// Reads a clarity from its field name or its Vietnamese name, ignoring
    /// diacritics and case (`deadline`, `thoi han`, `rõ thời hạn`).
    pub fn parse(s: &str) -> Option<Clarity> {
        let f = fold(s.trim());
        let f = f.strip_prefix("ro ").unwrap_or(&f);
        Clarity::ALL.into_iter().find(|c| {
            c.field() == f || fold(c.label_vi()).strip_prefix("ro ") == Some(f) || c.label_en() == f
        })
    }

    /// The Vietnamese name (`rõ người`).
    pub fn label_vi(self) -> &'static str {
        match self {
            Clarity::Lead => "rõ người",
            Clarity::Title => "rõ việc",
            Clarity::Responsible => "rõ trách nhiệm",
            Clarity::Product => "rõ sản phẩm",
            Clarity::Deadline => "rõ thời hạn",
            Clarity::Authority => "rõ thẩm quyền",
        }
    }

    /// The English name (`who`).
    pub fn label_en(self) -> &'static str {
        match self {
            Clarity::Lead => "who",
            Clarity::Title => "what",
            Clarity::Responsible => "accountable",
            Clarity::Product => "deliverable",
            Clarity::Deadline => "deadline",
            Clarity::Authority => "authority",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of clarities (the ones a task lacks), as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ClaritySet(u8);

impl ClaritySet {
    /// The empty set.
    pub const EMPTY: ClaritySet = ClaritySet(0);

    /// Adds a clarity.
    pub fn insert(&mut self, c: Clarity) {
        self.0 |= c.bit();
    }

    /// True when the set holds `c`.
    pub fn contains(self, c: Clarity) -> bool {
        self.0 & c.bit() != 0
    }

    /// How many clarities the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// True when the set is empty (a task lacking nothing).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The clarities in the set, in the order of `domain.md`.
    pub fn iter(self) -> impl Iterator<Item = Clarity> {
        Clarity::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

/// Wording of `authority` that names no body ("cấp có thẩm quyền").
fn is_unnamed_authority(text: &str) -> bool {
    // An agency id (the usual case) names a body; skip the folding.
    if text
        .bytes()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
    {
        return false;
    }
    let f = fold(text);
    f.contains("cap co tham quyen") || f.contains("co quan co tham quyen")
}

/// True when `text` is an authority agency id or the unnamed wording the
/// contract tolerates ("cấp có thẩm quyền", which fails the clarity).
pub fn is_acceptable_authority(text: &str, registry: &Registry) -> bool {
    registry.contains(text.trim()) || is_unnamed_authority(text)
}

fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

/// Why a task fails rõ người.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadGap {
    /// No lead named.
    Missing,
    /// The lead is a group ("các bộ, ngành, địa phương").
    Group,
    /// Several co-leads (đồng chủ trì): no one focal point. Holds how many.
    CoLeads(usize),
}

impl LeadGap {
    /// A language-neutral code, for JSON: `missing`, `group`, `co_leads`.
    pub fn code(self) -> &'static str {
        match self {
            LeadGap::Missing => "missing",
            LeadGap::Group => "group",
            LeadGap::CoLeads(_) => "co_leads",
        }
    }

    /// The reason in the user's language.
    pub fn message(self, lang: crate::Lang) -> String {
        match (self, lang) {
            (LeadGap::Missing, crate::Lang::Vi) => "chưa có cơ quan chủ trì".into(),
            (LeadGap::Missing, crate::Lang::En) => "no lead agency".into(),
            (LeadGap::Group, crate::Lang::Vi) => "chủ trì là một nhóm cơ quan".into(),
            (LeadGap::Group, crate::Lang::En) => "the lead is a group of agencies".into(),
            (LeadGap::CoLeads(n), crate::Lang::Vi) => {
                format!("đồng chủ trì: {n} cơ quan, không có một đầu mối")
            }
            (LeadGap::CoLeads(n), crate::Lang::En) => {
                format!("co-leads: {n} agencies, no single focal point")
            }
        }
    }
}

/// Why `task` fails rõ người, or `None` when it has one concrete lead.
pub fn lead_gap(task: &Task, registry: &Registry) -> Option<LeadGap> {
    match &task.lead {
        None => Some(LeadGap::Missing),
        Some(_) if !task.co_leads.is_empty() => Some(LeadGap::CoLeads(1 + task.co_leads.len())),
        Some(lead) if registry.is_group(lead.as_str()) => Some(LeadGap::Group),
        Some(_) => None,
    }
}

/// The clarities `task` lacks, by the pass/fail rules of `domain.md` §2:
/// a missing, empty or group lead, or several co-leads, fails rõ người; an empty title (or one of
/// invisible characters only, [`crate::text::is_blank`]) fails rõ việc;
/// a missing responsible or product fails; a missing, ongoing or vague
/// deadline fails rõ thời hạn; a missing authority, or "cấp có thẩm quyền",
/// fails rõ thẩm quyền.
pub fn missing(task: &Task, registry: &Registry) -> ClaritySet {
    let mut set = ClaritySet::EMPTY;
    if lead_gap(task, registry).is_some() {
        set.insert(Clarity::Lead);
    }
    if crate::text::is_blank(&task.title) {
        set.insert(Clarity::Title);
    }
    if blank(task.responsible.as_deref()) {
        set.insert(Clarity::Responsible);
    }
    if blank(task.product.as_deref()) {
        set.insert(Clarity::Product);
    }
    if !task.deadline.as_ref().is_some_and(|d| d.due.is_dated()) {
        set.insert(Clarity::Deadline);
    }
    match task.authority.as_deref() {
        Some(a) if !a.trim().is_empty() && !is_unnamed_authority(a) => {}
        _ => set.insert(Clarity::Authority),
    }
    set
}

/// Why a task fails clarity `c`, in `lang`: the one wording the command
/// line (`show`) and the terminal UI's detail pane use. `has_lead` and
/// `has_deadline` say whether the task names a lead and a deadline at all:
/// a task with no lead has none (`chưa có cơ quan chủ trì`), one led by a
/// group needs a concrete agency; a task with no deadline has none, one
/// whose words name no day needs one.
pub fn why_missing(c: Clarity, has_lead: bool, has_deadline: bool, lang: Lang) -> &'static str {
    match c {
        Clarity::Lead if !has_lead => lang.pick("chưa có cơ quan chủ trì", "no lead agency"),
        Clarity::Lead => lang.pick(
            "cần một cơ quan chủ trì cụ thể, không phải một nhóm",
            "needs one concrete lead agency, not a group",
        ),
        Clarity::Title => lang.pick("cần nêu việc phải làm", "needs the work to be done"),
        Clarity::Responsible => lang.pick(
            "chưa ghi người chịu trách nhiệm (chức danh)",
            "no accountable official recorded",
        ),
        Clarity::Product => lang.pick("chưa ghi sản phẩm đầu ra", "no deliverable recorded"),
        Clarity::Deadline if !has_deadline => lang.pick("chưa có thời hạn", "no deadline"),
        Clarity::Deadline => lang.pick(
            "thời hạn chưa quy ra một ngày cụ thể",
            "the deadline does not resolve to a date",
        ),
        Clarity::Authority => lang.pick(
            "cần nêu cơ quan có thẩm quyền tiếp nhận/phê duyệt",
            "needs the body that accepts or approves the product",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::{Agency, AgencyKind};
    use crate::deadline::Deadline;
    use crate::deadline::Due;
    use crate::status::TaskState;
    use chrono::NaiveDate;

    fn registry() -> Registry {
        let mut r = Registry::new();
        for (id, kind) in [
            ("BCA", AgencyKind::Ministry),
            ("CAC_BO_TINH", AgencyKind::Group),
        ] {
            r.insert(Agency {
                id: id.parse().unwrap(),
                name: id.into(),
                kind,
                successor: None,
                aliases: Vec::new(),
                builtin: false,
            });
        }
        r
    }

    fn clear_task() -> Task {
        Task {
            id: "T/1".parse().unwrap(),
            directive: "D".parse().unwrap(),
            title: "Trình Chính phủ ban hành nghị quyết".into(),
            lead: Some("BCA".parse().unwrap()),
            support: vec![],
            responsible: Some("Bộ trưởng Bộ Công an".into()),
            product: Some("Nghị quyết".into()),
            deadline: Some(Deadline::on(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())),
            authority: Some("CP".into()),
            depends_on: vec![],
            state: TaskState::Open,
            note: None,
            extended: false,
            co_leads: Vec::new(),
            key: false,
            classified: false,
        }
    }

    #[test]
    fn a_clear_task_lacks_nothing() {
        assert!(missing(&clear_task(), &registry()).is_empty());
    }

    #[test]
    fn each_rule_fails_its_clarity() {
        let r = registry();
        let mut t = clear_task();
        t.lead = Some("CAC_BO_TINH".parse().unwrap());
        t.title = "   ".into();
        t.responsible = Some(" ".into());
        t.product = None;
        t.deadline = Some(Deadline {
            written: "thường xuyên".into(),
            due: Due::Ongoing,
        });
        t.authority = Some("cấp có thẩm quyền".into());
        let m = missing(&t, &r);
        assert_eq!(m.len(), 6);
        assert_eq!(m.iter().collect::<Vec<_>>(), Clarity::ALL.to_vec());

        let mut t = clear_task();
        t.lead = None;
        t.deadline = Some(Deadline {
            written: "khẩn trương".into(),
            due: Due::Vague,
        });
        let m = missing(&t, &r);
        assert_eq!(
            m.iter().collect::<Vec<_>>(),
            vec![Clarity::Lead, Clarity::Deadline]
        );
    }

    #[test]
    fn co_leads_fail_who_with_their_count() {
        let r = registry();
        let mut t = clear_task();
        t.co_leads = vec!["BCA2".parse().unwrap(), "BCA3".parse().unwrap()];
        assert_eq!(
            missing(&t, &r).iter().collect::<Vec<_>>(),
            vec![Clarity::Lead]
        );
        let gap = lead_gap(&t, &r).unwrap();
        assert_eq!(gap, LeadGap::CoLeads(3));
        assert_eq!(
            gap.message(crate::Lang::Vi),
            "đồng chủ trì: 3 cơ quan, không có một đầu mối"
        );
        assert_eq!(
            gap.message(crate::Lang::En),
            "co-leads: 3 agencies, no single focal point"
        );
        assert!(t.is_led_by("BCA3") && t.is_led_by("BCA") && !t.is_led_by("BTP"));
        assert_eq!(lead_gap(&clear_task(), &r), None);
    }

    #[test]
    fn a_title_of_invisible_characters_fails_title() {
        let r = registry();
        for title in [
            "\u{200B}",
            "\u{FEFF}\u{200C}\u{200D}",
            " \u{2060}\u{AD}\u{1b} ",
        ] {
            let mut t = clear_task();
            t.title = title.into();
            assert_eq!(
                missing(&t, &r).iter().collect::<Vec<_>>(),
                vec![Clarity::Title],
                "{title:?}"
            );
        }
    }

    #[test]
    fn clarities_parse_from_any_name() {
        assert_eq!(Clarity::parse("deadline"), Some(Clarity::Deadline));
        assert_eq!(Clarity::parse("rõ thời hạn"), Some(Clarity::Deadline));
        assert_eq!(Clarity::parse("THAM QUYEN"), Some(Clarity::Authority));
        assert_eq!(Clarity::parse("nguoi"), Some(Clarity::Lead));
        assert_eq!(Clarity::parse("who"), Some(Clarity::Lead));
        assert_eq!(Clarity::parse("x"), None);
    }

    #[test]
    fn no_lead_and_a_group_lead_are_told_apart() {
        let none = why_missing(Clarity::Lead, false, true, Lang::Vi);
        let group = why_missing(Clarity::Lead, true, true, Lang::Vi);
        assert_eq!(none, "chưa có cơ quan chủ trì");
        assert!(group.contains("không phải một nhóm"), "{group}");
        assert_eq!(
            why_missing(Clarity::Lead, false, true, Lang::En),
            "no lead agency"
        );
        assert_eq!(
            why_missing(Clarity::Deadline, true, false, Lang::Vi),
            "chưa có thời hạn"
        );
        assert_ne!(
            why_missing(Clarity::Deadline, true, true, Lang::Vi),
            "chưa có thời hạn"
        );
    }
}
