//! Assignments in running text: "Giao Bộ X chủ trì, phối hợp với Y …",
//! "Bộ X chủ trì …", "Bộ X: …" with lists under it, "Bộ trưởng Bộ X chỉ đạo …",
//! "Các bộ, ngành, địa phương …".

use crate::agency::Found;
use crate::fields;
use crate::read::Block;
use crate::text::{Folded, Marker, capitalize, fold, marker, sentences, split_top, trim_punct};
use crate::{DraftTask, Field, Names};
use regex::Regex;
use std::sync::LazyLock;

/// Who a sentence assigns work to, and where the work starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// Lead(s): the first leads, the others are co-leads.
    pub leads: Vec<Found>,
    /// Coordinating agencies.
    pub support: Vec<Found>,
    /// The accountable official, when named ("Bộ trưởng Bộ Công an").
    pub responsible: Option<String>,
    /// Byte offset of the work in the sentence.
    pub work: usize,
    /// "Bộ X:" — a heading for the items that follow.
    pub heading: bool,
    /// What to check about the lead, when it is inferred.
    pub check: Option<String>,
}

static MINISTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:bo truong|thu truong|chu tich(?: ubnd| uy ban nhan dan)?)\s+")
        .expect("minister")
});
static MINISTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:truc tiep\s+)?(?:chi dao|chiu trach nhiem|chu tri)\b\s*(?:viec\s+)?")
        .expect("minister verb")
});
static LEAD_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*,?\s*(?:duoc giao\s+)?(?:nhiem vu\s+)?(?:la co quan\s+|lam\s+)?chu tri\b\s*,?\s*",
    )
    .expect("lead role")
});
static SUPPORT_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:va\s+)?(?:phoi hop|phoi hop chat che)\s+(?:voi\s+)?")
        .expect("support role")
});
static UNKNOWN_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[,:;]\s*|\b(?i:giao)\s+)((?:Bộ|Ủy ban|Uỷ ban|UBND|Ban|Tổng cục|Cục|Tập đoàn|Tổng công ty|Ngân hàng|Học viện|Viện|Đại học|Hội|Kiểm toán|Tòa án|Toà án|Mặt trận|Đài|Văn phòng|Thanh tra|Sở|Hiệp hội|Công ty|Trung ương Đoàn)\s[^,;:()]{2,80}?)\s+(?:được giao\s+)?(?:nhiệm vụ\s+)?chủ trì\b",
    )
    .expect("unknown lead")
});
static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(giao|yeu cau|de nghi|chi dao)\s+(?:cho\s+)?(?:nhiem vu cho\s+)?")
        .expect("assign")
});
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:ve|doi voi|trong|theo do|dong thoi|ngoai ra|ben canh do|mat khac|cung voi do|de|tren co so do)\b[^,]{0,150},\s*)").expect("lead in")
});
static FOR_AGENCY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:doi voi|ve phia|rieng)\s+").expect("for agency"));
static SKIP_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:duoc giao\s+)?(?:co trach nhiem\s+|phai\s+|can\s+|thuc hien\s+(?:cac\s+)?nhiem vu sau\s*|nhiem vu\s+)*").expect("skip words")
});
static NOT_A_TASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:da|dang|vua|cho biet|cho rang|la|cua|tai|ve|voi|nhan manh|ket luan|danh gia|ghi nhan|bieu duong|hoan nghenh)\b").expect("not a task")
});
/// The closing clauses of a document ("… chịu trách nhiệm thi hành Nghị quyết
/// này", "… có hiệu lực từ ngày ký"): no task.
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"chiu trach nhiem thi hanh|thi hanh (?:nghi quyet|quyet dinh|chi thi|thong bao) nay|co hieu luc (?:thi hanh )?(?:ke )?tu ngay").expect("closing")
});
static DEADLINE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:thoi gian hoan thanh|thoi han hoan thanh|thoi han|hoan thanh|nhiem vu nay|viec nay|thoi gian thuc hien)\b").expect("deadline only")
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[;:.]\s*|\s)(?:\((\d{1,2})\)|([a-zđ])\))\s+").expect("item")
});

/// Ids that assign work rather than do it, as a sentence's first words
/// ("Thủ tướng yêu cầu…").
const ASSIGNERS: [&str; 8] = ["TTG", "TBT", "CP", "BCTRI", "BBT", "TW", "BCDTW", "BCDCP"];

/// True where an agency name may start: the text's start or after a space or
/// bracket, at a capital or "các", "ủy ban", "UBND".
fn name_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        if (prev == ' ' || prev == '(' || i == 0)
            && (c.is_uppercase() || c == 'c' || c == 'ủ' || c == 'u')
        {
            out.push(i);
        }
        prev = c;
    }
    out
}

fn after_roles(s: &str, mut pos: usize, names: &Names<'_>, sub: &mut Subject) -> usize {
    let f = fold(&s[pos..]);
    if let Some(m) = LEAD_ROLE.find(&f) {
        pos += Folded::new(&s[pos..]).orig(m.end());
    }
    let f = Folded::new(&s[pos..]);
    if let Some(m) = SUPPORT_ROLE.find(&f.text) {
        let at = pos + f.orig(m.end());
        if let Some((end, support)) = names.agencies.scan_list(s, at) {
            sub.support = support;
            pos = end;
        }
    }
    let f = Folded::new(&s[pos..]);
    if let Some(m) = SKIP_WORDS.find(&f.text) {
        pos += f.orig(m.end());
    }
    pos
}

/// The subject of an assignment sentence, if it has one.
pub fn subject(s: &str, names: &Names<'_>) -> Option<Subject> {
    let f = Folded::new(s);
    let new = |leads| Subject {
        leads,
        support: Vec::new(),
        responsible: None,
        work: 0,
        heading: false,
        check: None,
    };
    // "Bộ trưởng Bộ X chỉ đạo …"
    for m in MINISTER.find_iter(&f.text) {
        let at = f.orig(m.end());
        if let Some((end, leads)) = names.agencies.scan_list(s, at)
            && let Some(v) = MINISTER_VERB.find(&fold(&s[end..]))
        {
            let mut sub = new(leads);
            sub.responsible = Some(trim_punct(&s[f.orig(m.start())..end]).to_owned());
            let work = end + Folded::new(&s[end..]).orig(v.end());
            sub.work = after_roles(s, work, names, &mut sub);
            return Some(sub);
        }
    }
    // "… Bộ X (được giao) chủ trì, phối hợp với Y …"
    for p in name_starts(s) {
        if let Some((end, leads)) = names.agencies.scan_list(s, p)
            && LEAD_ROLE.is_match(&fold(&s[end..]))
        {
            let mut sub = new(leads);
            sub.work = after_roles(s, end, names, &mut sub);
            return Some(sub);
        }
    }
    // "Tổng cục Thống kê chủ trì …": a body the registry lacks, named before "chủ trì".
    if let Some(c) = UNKNOWN_LEAD.captures(s)
        && let (Some(name), Some(all)) = (c.get(1), c.get(0))
    {
        let found = match names.agencies.resolve(name.as_str()) {
            Some(id) => Found::Known(id),
            None => Found::Unknown(name.as_str().to_owned()),
        };
        let mut sub = new(vec![found]);
        sub.work = after_roles(s, all.end(), names, &mut sub);
        return Some(sub);
    }
    // "Giao / yêu cầu / đề nghị Bộ X …"
    for c in ASSIGN.captures_iter(&f.text) {
        let (Some(m), Some(verb)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let before = &f.text[..m.start()];
        if before.ends_with("ban ") || before.ends_with("chuyen ") {
            continue;
        }
        // "Chỉ đạo Tập đoàn X …" opening a sentence under "Bộ Y:": Bộ Y
        // directs X; X is not the lead.
        if verb.as_str() == "chi dao" && before.trim().is_empty() {
            continue;
        }
        let at = f.orig(m.end());
        if let Some((end, leads)) = names.agencies.scan_list(s, at)
            && (!has_unknown(&leads) || roles_follow(s, end))
        {
            let mut sub = new(leads);
            sub.work = after_roles(s, end, names, &mut sub);
            if verb.as_str() != "giao" {
                sub.check = Some(format!("chủ trì đoán từ câu \"{}\"", short(s)));
            }
            relay(s, names, &mut sub);
            return Some(sub);
        }
    }
    // "Bộ X: …", "Bộ X tổ chức …" at the start.
    let start = LEAD_IN.find(&f.text).map_or(0, |m| f.orig(m.end()));
    let start = marker(&s[start..]).map_or(start, |(_, n)| start + n);
    // "Đối với Bộ Công an: …"
    let rest = Folded::new(&s[start..]);
    let start = FOR_AGENCY
        .find(&rest.text)
        .map_or(start, |m| start + rest.orig(m.end()));
    let (end, leads) = names.agencies.scan_list(s, start)?;
    let rest = fold(&s[end..]);
    if let Some(Found::Known(id)) = leads.first()
        && ASSIGNERS.contains(&id.as_str())
    {
        return None;
    }
    if rest.trim_start().starts_with(':') {
        let mut sub = new(leads);
        sub.heading = true;
        sub.work = end + s[end..].find(':').map_or(0, |i| i + 1);
        return Some(sub);
    }
    if NOT_A_TASK.is_match(&rest)
        || rest.trim().is_empty()
        || rest.starts_with(',') && !SUPPORT_ROLE.is_match(&rest)
        || has_unknown(&leads) && !roles_follow(s, end)
    {
        return None;
    }
    let mut sub = new(leads);
    let only_support = SUPPORT_ROLE.is_match(&rest);
    sub.work = after_roles(s, end, names, &mut sub);
    sub.check = Some(if only_support {
        format!(
            "câu chỉ nói \"phối hợp\", không nêu chủ trì: chủ trì đoán từ câu \"{}\"",
            short(s)
        )
    } else {
        format!("chủ trì đoán từ chủ ngữ của câu \"{}\"", short(s))
    });
    Some(sub)
}

/// "giao Chính phủ chỉ đạo các cơ quan liên quan …": the Government only
/// relays the work; the bodies it directs are the ones named as doing it.
fn relay(s: &str, names: &Names<'_>, sub: &mut Subject) {
    let relays = matches!(sub.leads.as_slice(), [Found::Known(id)] if id == "CP" || id == "TTG");
    if !relays {
        return;
    }
    let f = Folded::new(&s[sub.work..]);
    if let Some(rest) = f.text.strip_prefix("chi dao ") {
        let at = sub.work + f.orig(f.text.len() - rest.len());
        if let Some((end, leads)) = names.agencies.scan_list(s, at) {
            sub.leads = leads;
            sub.work = after_roles(s, end, names, sub);
            sub.check = Some(format!(
                "Chính phủ / Thủ tướng chỉ đạo, cơ quan thực hiện ghi làm chủ trì: \"{}\"",
                short(s)
            ));
        }
    }
}

/// True when a list holds a name the registry lacks.
fn has_unknown(leads: &[Found]) -> bool {
    leads.iter().any(|f| matches!(f, Found::Unknown(_)))
}

/// True when "chủ trì" or "phối hợp" follows byte `end` (a name the registry
/// lacks is only taken as a subject then).
fn roles_follow(s: &str, end: usize) -> bool {
    let rest = fold(&s[end..]);
    LEAD_ROLE.is_match(&rest) || SUPPORT_ROLE.is_match(&rest)
}

/// The first 160 characters of a sentence, for comments.
pub fn short(s: &str) -> String {
    let t: String = s.chars().take(160).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// The heading in force: its leads and the marker of its paragraph.
struct Heading {
    leads: Vec<Found>,
    support: Vec<Found>,
    responsible: Option<String>,
    marker: Option<Marker>,
}

/// Every assignment of the text's paragraphs.
pub fn tasks(blocks: &[Block], header: &crate::Header, names: &mut Names<'_>) -> Vec<DraftTask> {
    let mut out: Vec<DraftTask> = Vec::new();
    let mut heading: Option<Heading> = None;
    for b in blocks {
        let Block::Para(p) = b else { continue };
        if header.lines.contains(p) {
            continue;
        }
        let press = header.press.contains(p);
        let mk = marker(p);
        if let (Some(h), Some((m, _))) = (&heading, mk)
            && h.marker.is_some_and(|hm| m <= hm)
        {
            heading = None;
        }
        if mk.is_some_and(|(m, _)| m == Marker::Roman) {
            heading = None;
        }
        let body = mk.map_or(p.as_str(), |(_, n)| &p[n..]);
        let mut last_subject: Option<Subject> = None;
        for s in sentences(body) {
            sentence(
                &s,
                names,
                &mut out,
                &mut heading,
                &mut last_subject,
                mk.map(|m| m.0),
                press,
            );
        }
    }
    out
}

fn sentence(
    s: &str,
    names: &mut Names<'_>,
    out: &mut Vec<DraftTask>,
    heading: &mut Option<Heading>,
    last_subject: &mut Option<Subject>,
    mk: Option<Marker>,
    press: bool,
) {
    let f = fold(s);
    if CLOSING.is_match(&f) {
        return;
    }
    if let Some(sub) = subject(s, names) {
        let work = s[sub.work.min(s.len())..].trim();
        if !sub.heading && mk.is_none() {
            // A paragraph with its own agency ends the list under "Bộ X:".
            *heading = None;
        }
        if sub.heading || trim_punct(work).is_empty() {
            *heading = Some(Heading {
                leads: sub.leads.clone(),
                support: sub.support.clone(),
                responsible: sub.responsible.clone(),
                marker: mk,
            });
        }
        if !trim_punct(work).is_empty() {
            for (segment, own) in segments(work, names) {
                make(s, &segment, own.as_ref().unwrap_or(&sub), None, names, out);
            }
        }
        *last_subject = Some(sub);
        return;
    }
    if DEADLINE_ONLY.is_match(&f)
        && let Some(d) = fields::deadline(s)
        && let Some(prev) = out.last_mut()
        && prev.deadline.is_none()
    {
        prev.deadline = Some(d.written.clone());
        prev.check(
            Field::Deadline,
            format!("thời hạn lấy từ câu sau: \"{}\"", short(s)),
        );
        prev.source.push(' ');
        prev.source.push_str(s);
        return;
    }
    if let Some(h) = heading {
        let mut sub = Subject {
            leads: h.leads.clone(),
            support: Vec::new(),
            responsible: h.responsible.clone(),
            work: 0,
            heading: false,
            check: None,
        };
        // "a) Chủ trì, phối hợp với Bộ Y …" under "Bộ X:".
        let work = after_roles(s, 0, names, &mut sub);
        if sub.support.is_empty() {
            sub.support.clone_from(&h.support);
        }
        make(s, &s[work..], &sub, None, names, out);
        return;
    }
    let dated = fields::deadline(s).is_some_and(|d| !is_vague_word(&d.written));
    let submits = fields::authority(s).is_some() && fields::product(s).is_some();
    // The press lead ("Thủ tướng ban hành Quyết định …") reports the document.
    if !(dated || submits) || press {
        return;
    }
    match last_subject {
        Some(prev) => {
            let mut sub = prev.clone();
            sub.work = 0;
            sub.heading = false;
            sub.check = Some(format!(
                "chủ trì suy từ câu trước trong đoạn; câu này không nêu cơ quan: \"{}\"",
                short(s)
            ));
            make(s, s, &sub, None, names, out);
        }
        None => {
            let sub = Subject {
                leads: Vec::new(),
                support: Vec::new(),
                responsible: None,
                work: 0,
                heading: false,
                check: None,
            };
            make(
                s,
                s,
                &sub,
                Some("câu không nêu cơ quan thực hiện"),
                names,
                out,
            );
        }
    }
}

fn is_vague_word(w: &str) -> bool {
    let f = fold(w);
    [
        "khan truong",
        "thuong xuyen",
        "hang nam",
        "som",
        "nhanh chong",
        "kip thoi",
    ]
    .contains(&f.as_str())
}

/// Splits work at the ";" where another agency takes over ("…; Bộ Tài chính
/// bố trí kinh phí …"): each part with its own subject, `None` for the first.
fn segments(work: &str, names: &Names<'_>) -> Vec<(String, Option<Subject>)> {
    let clauses = split_top(work, ';');
    let mut out: Vec<(String, Option<Subject>)> = vec![(String::new(), None)];
    for (k, clause) in clauses.iter().enumerate() {
        let own = (k > 0)
            .then(|| subject(clause.trim(), names))
            .flatten()
            .filter(|sub| !sub.heading && !sub.leads.is_empty());
        if let Some(sub) = own {
            let c = clause.trim();
            out.push((c[sub.work.min(c.len())..].to_owned(), Some(sub)));
        } else if let Some(last) = out.last_mut() {
            if !last.0.is_empty() {
                last.0.push(';');
            }
            last.0.push_str(clause);
        }
    }
    out.retain(|(t, _)| !trim_punct(t).is_empty());
    out
}

/// Splits work into items: "(1) …; (2) …", "a) … b) …", or clauses separated by
/// ";" when at least two of them carry their own deadline or product.
fn items(work: &str) -> Vec<String> {
    let starts: Vec<(usize, usize)> = ITEM
        .captures_iter(work)
        .filter_map(|c| {
            let m = c.get(0)?;
            let label = c.get(1).or_else(|| c.get(2))?;
            Some((m.start(), label.end() + 1))
        })
        .collect();
    if starts.len() >= 2 {
        let mut out = Vec::new();
        for (k, (_, body)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(work.len(), |n| n.0);
            let item = trim_punct(work[(*body).min(end)..end].trim_start_matches(')'));
            if !item.is_empty() {
                out.push(item.to_owned());
            }
        }
        return out;
    }
    let clauses: Vec<&str> = split_top(work, ';')
        .into_iter()
        .map(trim_punct)
        .filter(|c| !c.is_empty())
        .collect();
    let own = clauses
        .iter()
        .filter(|c| fields::deadline(c).is_some() || fields::product(c).is_some())
        .count();
    if clauses.len() >= 2 && own >= 2 {
        return clauses.into_iter().map(str::to_owned).collect();
    }
    vec![trim_punct(work).to_owned()]
}

/// Where a further document of a list starts: ", 3 nghị định …", " và Nghị định …".
static NEXT_PRODUCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:,\s*(?:và\s+)?|\s+và\s+)(?P<p>\d{1,2}\s+(?i:nghị định|nghị quyết|quyết định|thông tư|đề án|kế hoạch|chương trình|báo cáo)|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Luật|Đề án|Kế hoạch|Chương trình|Chiến lược|Quy hoạch|Dự án Luật|Pháp lệnh)\b")
        .expect("next product")
});

/// One item per document when an item names several ("ban hành 2 nghị định
/// hướng dẫn Luật A, 3 nghị định hướng dẫn Luật B và Nghị định C"): the words
/// before the first document are kept in each.
fn split_products(item: &str) -> Vec<String> {
    let Some((first, _)) = fields::product_span(item) else {
        return vec![item.to_owned()];
    };
    let prefix = &item[..first];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for c in NEXT_PRODUCT.captures_iter(&item[first..]) {
        if let (Some(m), Some(p)) = (c.get(0), c.name("p")) {
            cuts.push((first + m.start(), first + p.start()));
        }
    }
    if cuts.is_empty() {
        return vec![item.to_owned()];
    }
    let mut out = Vec::new();
    let mut start = first;
    for (sep, next) in cuts {
        out.push(format!("{prefix}{}", item[start..sep].trim()));
        start = next;
    }
    out.push(format!("{prefix}{}", item[start..].trim()));
    out
}

static TITLE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:dong thoi|ben canh do|ngoai ra|cung voi do|theo do|mat khac|doi voi [^,]{0,120}|ve [^,]{0,120}),\s*|thu tuong(?: chinh phu)?\s+(?:cung\s+)?(?:yeu cau|de nghi|giao|chi dao)\s+|(?:yeu cau|de nghi)\s+|phai\s+|can\s+)").expect("title lead")
});

/// A title without the words that only introduce it ("Đồng thời, ",
/// "Thủ tướng yêu cầu ", a leading deadline phrase).
fn tidy(title: &str) -> &str {
    let mut t = title;
    for _ in 0..4 {
        let f = Folded::new(t);
        if let Some(m) = TITLE_LEAD.find(&f.text) {
            t = &t[f.orig(m.end())..];
            continue;
        }
        if let Some(d) = fields::deadline(t)
            && d.range.start == 0
            && t[d.range.end..].starts_with(',')
        {
            t = t[d.range.end + 1..].trim_start();
            continue;
        }
        break;
    }
    t
}

/// The title of an item: without its trailing deadline clause.
fn title_of(item: &str, deadline: Option<&fields::DeadlineHit>) -> String {
    let mut t = item;
    if let Some(d) = deadline
        && d.range.start * 2 >= item.len()
    {
        let head = &item[..d.range.start];
        let f = fold(head);
        let cut = [
            "cung hoan thanh",
            "hoan thanh",
            "thoi gian hoan thanh",
            "xong",
        ]
        .iter()
        .filter_map(|w| f.rfind(w).filter(|i| f[*i..].trim().len() <= w.len() + 2))
        .min()
        .map_or(head.len(), |i| Folded::new(head).orig(i));
        t = &head[..cut];
    }
    capitalize(trim_punct(tidy(trim_punct(t))))
}

fn make(
    source: &str,
    work: &str,
    sub: &Subject,
    no_lead: Option<&str>,
    names: &mut Names<'_>,
    out: &mut Vec<DraftTask>,
) {
    let list: Vec<String> = items(work).iter().flat_map(|i| split_products(i)).collect();
    let n = list.len();
    let last_deadline = list
        .last()
        .and_then(|l| fields::deadline(l))
        .map(|d| d.written);
    for (k, item) in list.iter().enumerate() {
        let hit = fields::deadline(item);
        let title = title_of(item, hit.as_ref());
        if title.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            continue;
        }
        let mut t = DraftTask {
            title,
            source: source.to_owned(),
            responsible: sub.responsible.clone(),
            ..DraftTask::default()
        };
        names.assign(&mut t, &sub.leads, &sub.support);
        if let Some(c) = &sub.check {
            t.check(Field::Lead, c.clone());
        }
        if let Some(why) = no_lead {
            t.check(Field::Lead, why);
        }
        t.deadline = hit.map(|d| d.written);
        if t.deadline.as_deref().is_none_or(is_vague_word)
            && n > 1
            && k + 1 < n
            && let Some(d) = last_deadline.as_ref().filter(|d| !is_vague_word(d))
        {
            t.check(
                Field::Deadline,
                format!("thời hạn \"{d}\" ở cuối danh sách có thể áp dụng cả cho mục này"),
            );
        }
        t.product = fields::product(item);
        t.authority = fields::authority(item).map(str::to_owned);
        if t.authority.is_none()
            && let Some(a) = t.product.as_deref().and_then(fields::implied_authority)
        {
            t.authority = Some(a.to_owned());
            t.check(
                Field::Authority,
                "thẩm quyền suy từ loại văn bản của sản phẩm",
            );
        }
        out.push(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text_blocks;
    use crate::tests::registry;

    fn lead(t: &DraftTask) -> Option<&str> {
        t.lead.as_deref()
    }

    #[test]
    fn sentence_forms() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let text = "Giao Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp và các cơ quan liên quan xây dựng Nghị định về quỹ đầu tư, trình Chính phủ trong quý II/2025.\n\n\
            Về an ninh, Thủ tướng giao Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng, Bộ Thông tin và Truyền thông bảo vệ hệ thống thông tin.\n\n\
            Bộ trưởng Bộ Y tế chỉ đạo hoàn thành Đề án y tế số, trình Thủ tướng Chính phủ trước ngày 30/6/2025.\n\n\
            Các bộ, ngành, địa phương tổ chức tập huấn kỹ năng số cho cán bộ.\n\n\
            Bộ Xây dựng khẩn trương hoàn thiện hồ sơ dự án.\n\n\
            Thủ tướng nhấn mạnh tinh thần tăng tốc, bứt phá.\n\n\
            Ban Chỉ đạo yêu cầu nâng cao chất lượng.\n\n\
            Giao Tổng cục Thống kê chủ trì, phối hợp với Bộ Tài chính tổng hợp số liệu trong quý I/2025.\n\n\
            Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị quyết này.";
        let t = tasks(&text_blocks(text), &crate::Header::default(), &mut names);
        assert_eq!(t.len(), 6, "{t:#?}");
        assert_eq!(
            names.name_of(t[5].lead.as_deref().unwrap()),
            "Tổng cục Thống kê"
        );
        assert_eq!(t[5].support, vec!["BTC"]);
        assert_eq!(names.proposed.len(), 1, "{:?}", names.proposed);
        assert_eq!(lead(&t[0]), Some("BTC"));
        assert_eq!(t[0].support, vec!["BTP", "CQLQ"]);
        assert_eq!(t[0].deadline.as_deref(), Some("trong quý II/2025"));
        assert_eq!(t[0].authority.as_deref(), Some("CP"));
        assert_eq!(t[0].product.as_deref(), Some("Nghị định về quỹ đầu tư"));
        assert_eq!(lead(&t[1]), Some("BCA"));
        assert_eq!(t[1].support, vec!["BQP", "BTTTT"]);
        assert_eq!(t[1].title, "Bảo vệ hệ thống thông tin");
        assert_eq!(lead(&t[2]), Some("BYT"));
        assert_eq!(t[2].responsible.as_deref(), Some("Bộ trưởng Bộ Y tế"));
        assert_eq!(t[2].authority.as_deref(), Some("TTG"));
        assert_eq!(t[2].deadline.as_deref(), Some("trước ngày 30/6/2025"));
        assert_eq!(lead(&t[3]), Some("CAC_BO_TINH"));
        assert_eq!(lead(&t[4]), Some("BXD"));
        assert_eq!(t[4].deadline.as_deref(), Some("khẩn trương"));
        assert!(t[4].checks.iter().any(|(f, _)| *f == Field::Lead));
    }

    #[test]
    fn lists_under_an_agency_and_clauses_with_their_own_deadlines() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let text = "a) Bộ Công an:\n\n- Xây dựng Đề án phát triển VNeID, hoàn thành trong quý 2/2026.\n\n- Nâng cấp Cơ sở dữ liệu quốc gia về dân cư.\n\n\
            b) Đối với Bộ Tài chính: (1) trình Chính phủ Nghị định về thuế trong tháng 6/2025; (2) báo cáo Thủ tướng Chính phủ kết quả trước ngày 15/7/2025.\n\n\
            Bộ Công an được giao nhiệm vụ chủ trì, phối hợp với các bộ, ngành, địa phương liên quan tham mưu, trình Chính phủ ban hành nghị quyết về công dân số, hoàn thành trong tháng 2.2026; nghiên cứu, lập đề nghị xây dựng luật Định danh, hoàn thành trong quý 1/2026.\n\n\
            Chính phủ được giao chỉ đạo các cơ quan liên quan rà soát quy định. Thời gian hoàn thành trong quý 2/2026.\n\n\
            Bộ Xây dựng chủ trì hoàn thiện hồ sơ dự án; Bộ Tài chính bố trí vốn cho dự án.";
        let t = tasks(&text_blocks(text), &crate::Header::default(), &mut names);
        let got: Vec<(Option<&str>, Option<&str>)> =
            t.iter().map(|t| (lead(t), t.deadline.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                (Some("BCA"), Some("trong quý 2/2026")),
                (Some("BCA"), None),
                (Some("BTC"), Some("trong tháng 6/2025")),
                (Some("BTC"), Some("trước ngày 15/7/2025")),
                (Some("BCA"), Some("trong tháng 2.2026")),
                (Some("BCA"), Some("trong quý 1/2026")),
                (Some("CQLQ"), Some("trong quý 2/2026")),
                (Some("BXD"), None),
                (Some("BTC"), None),
            ],
            "{t:#?}"
        );
        assert_eq!(t[0].title, "Xây dựng Đề án phát triển VNeID");
        assert_eq!(t[3].authority.as_deref(), Some("TTG"));
        assert_eq!(t[4].support, vec!["CAC_BO_TINH"]);
        assert_eq!(t[4].product.as_deref(), Some("Nghị quyết về công dân số"));
    }

    #[test]
    fn several_documents_in_one_sentence_are_several_tasks() {
        let reg = registry();
        let mut names = Names::new(&reg);
        let text = "Bộ Tư pháp khẩn trương trình Chính phủ ban hành 2 nghị định hướng dẫn Luật Giao dịch điện tử, 3 nghị định hướng dẫn Luật Dữ liệu và Nghị định sửa đổi, bổ sung Nghị định số 123/2020/NĐ-CP về hóa đơn, chứng từ, hoàn thành trong quý II/2025.";
        let t = tasks(&text_blocks(text), &crate::Header::default(), &mut names);
        let got: Vec<(&str, Option<&str>, Option<&str>)> = t
            .iter()
            .map(|t| {
                (
                    t.title.as_str(),
                    t.product.as_deref(),
                    t.authority.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Khẩn trương trình Chính phủ ban hành 2 nghị định hướng dẫn Luật Giao dịch điện tử",
                    Some("2 nghị định hướng dẫn Luật Giao dịch điện tử"),
                    Some("CP")
                ),
                (
                    "Khẩn trương trình Chính phủ ban hành 3 nghị định hướng dẫn Luật Dữ liệu",
                    Some("3 nghị định hướng dẫn Luật Dữ liệu"),
                    Some("CP")
                ),
                (
                    "Khẩn trương trình Chính phủ ban hành Nghị định sửa đổi, bổ sung Nghị định số 123/2020/NĐ-CP về hóa đơn, chứng từ",
                    Some("Nghị định sửa đổi, bổ sung Nghị định số 123/2020/NĐ-CP về hóa đơn"),
                    Some("CP")
                ),
            ],
            "{t:#?}"
        );
        assert!(t.iter().all(|t| t.lead.as_deref() == Some("BTP")));
        assert_eq!(t[2].deadline.as_deref(), Some("trong quý II/2025"));
        assert!(t[0].checks.iter().any(|(f, _)| *f == Field::Deadline));
    }
}
