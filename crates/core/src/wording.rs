//! The words sauro shows about a task, each written once with its
//! Vietnamese and English side by side: the deadline cell, status labels
//! short and long, day counts (English plurals), "no lead". The command
//! line, the terminal UI and every report take them from here, so the same
//! task reads the same everywhere. Why a clarity fails is worded in
//! [`crate::clarity::why_missing`] (and [`crate::AssessedTask::why_missing`]).

use crate::date::format_date;
use crate::lang::Lang;
use crate::status::{Assessment, Status};
use chrono::{Datelike, NaiveDate};

/// The line naming a task's directive: "Văn bản giao: 15/CT-TTg — Chỉ thị …
/// (TTG, ban hành 15/01/2026)", "Directive: … (TTG, issued 15/01/2026)".
/// `sauro show` and the terminal UI's detail pane both print it.
pub fn directive_line(d: &crate::task::Directive, lang: Lang) -> String {
    let number = d.number.as_deref().map(|n| format!("{n} — "));
    format!(
        "{}: {}{} ({}, {} {})",
        lang.pick("Văn bản giao", "Directive"),
        number.unwrap_or_default(),
        d.title,
        d.issued_by,
        lang.pick("ban hành", "issued"),
        format_date(d.issued_on)
    )
}

/// What stands for a classified (mật) task left out of a document, where
/// another task names it (a blocker, a link of a chain): "(mật)".
pub fn classified_stand_in(lang: Lang) -> &'static str {
    lang.pick("(mật)", "(classified)")
}

/// What a task's lead cell says when it has no lead.
pub fn no_lead(lang: Lang) -> &'static str {
    lang.pick("(chưa rõ chủ trì)", "(no lead)")
}

/// What a deadline cell says when the task has no deadline at all.
pub const NO_DEADLINE: &str = "—";

/// A number of days: `3 ngày`, `1 day`, `3 days`.
pub fn days(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} ngày"),
        Lang::En if n.abs() == 1 => format!("{n} day"),
        Lang::En => format!("{n} days"),
    }
}

/// A number of working days: `3 ngày làm việc`, `1 working day`.
pub fn working_days(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} ngày làm việc"),
        Lang::En if n.abs() == 1 => format!("{n} working day"),
        Lang::En => format!("{n} working days"),
    }
}

/// A task in a chain of blockers: `A/1 (BCA, Quá hạn 3 ngày)`, `A/2
/// (chưa rõ chủ trì, Trong hạn)` — its id, lead and status cell.
pub fn link(id: &str, lead: Option<&str>, a: &Assessment, lang: Lang) -> String {
    let lead = lead.unwrap_or_else(|| no_lead(lang).trim_matches(['(', ')']));
    format!("{id} ({lead}, {})", status_cell(a, lang))
}

/// The working days left before a deadline, sentence case: `Còn 3 ngày
/// làm việc`, `1 working day left`.
pub fn working_days_left(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Còn {}", working_days(n, lang)),
        Lang::En => format!("{} left", working_days(n, lang)),
    }
}

/// The days that matter about a task as of a day: past its deadline, or left before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayCount {
    /// Days past the deadline of an overdue task.
    Overdue(i64),
    /// Days until the deadline of an open task (0 on the day).
    Left(i64),
}

impl DayCount {
    /// The count of an assessment, when it has one (overdue or open with a day).
    pub fn of(a: &Assessment) -> Option<DayCount> {
        match (a.days_overdue, a.days_left) {
            (Some(n), _) => Some(DayCount::Overdue(n)),
            (None, Some(n)) => Some(DayCount::Left(n)),
            (None, None) => None,
        }
    }

    /// In words, lower case: `quá hạn 3 ngày` / `3 days overdue`,
    /// `còn 1 ngày` / `1 day left`.
    pub fn phrase(self, lang: Lang) -> String {
        match (self, lang) {
            (DayCount::Overdue(n), Lang::Vi) => format!("quá hạn {}", days(n, lang)),
            (DayCount::Overdue(n), Lang::En) => format!("{} overdue", days(n, lang)),
            (DayCount::Left(n), Lang::Vi) => format!("còn {}", days(n, lang)),
            (DayCount::Left(n), Lang::En) => format!("{} left", days(n, lang)),
        }
    }

    /// In a narrow column: `-3` days overdue, `+3` days left.
    pub fn compact(self) -> String {
        match self {
            DayCount::Overdue(n) => format!("-{n}"),
            DayCount::Left(n) => format!("+{n}"),
        }
    }
}

/// A status's long label, as VPCP reports write it ("Quá hạn chưa hoàn thành").
pub fn status_long(s: Status, lang: Lang) -> &'static str {
    lang.pick(s.label_vi(), s.label_en())
}

/// A status in a few words, sentence case, for tables and counts
/// ("Xong đúng hạn", "Trong hạn").
pub fn status_short(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::DoneOnTime => lang.pick("Xong đúng hạn", "Done on time"),
        Status::DoneLate => lang.pick("Xong trễ hạn", "Done late"),
        Status::DoneUndated => lang.pick("Hoàn thành", "Done"),
        Status::Open => lang.pick("Trong hạn", "Open"),
        Status::Overdue => lang.pick("Quá hạn", "Overdue"),
        Status::Ongoing => lang.pick("Thường xuyên", "Ongoing"),
        Status::Vague => lang.pick("Chưa rõ thời hạn", "No clear deadline"),
        Status::NoDeadline => lang.pick("Không có thời hạn", "No deadline"),
        Status::Cancelled => lang.pick("Dừng thực hiện", "Cancelled"),
    }
}

/// The status cell of a table: the day count where there is one
/// ("Quá hạn 12 ngày", "Còn 3 ngày", "12 days overdue"), the short label
/// otherwise.
pub fn status_cell(a: &Assessment, lang: Lang) -> String {
    match DayCount::of(a) {
        Some(c) => capitalise(&c.phrase(lang)),
        None => status_short(a.status, lang).to_owned(),
    }
}

/// The long label with the days overdue: "Quá hạn chưa hoàn thành (12
/// ngày)", "Overdue (1 day)".
pub fn status_long_with_days(status: Status, days_overdue: Option<i64>, lang: Lang) -> String {
    let label = status_long(status, lang);
    match days_overdue {
        Some(n) => format!("{label} ({})", days(n, lang)),
        None => label.to_owned(),
    }
}

/// The flags sauro adds to a status (`domain.md` §7) and the marks of a
/// task, as words beside a status cell (`Quá hạn 3 ngày · bị chặn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// A prerequisite is not done.
    Blocked,
    /// Open and due within the due-soon window.
    DueSoon,
    /// The deadline was changed.
    Extended,
    /// A key task (nhiệm vụ trọng tâm).
    Key,
    /// A classified task (mật).
    Classified,
}

impl Flag {
    /// The flag in words.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Flag::Blocked => lang.pick("bị chặn", "blocked"),
            Flag::DueSoon => lang.pick("sắp đến hạn", "due soon"),
            Flag::Extended => lang.pick("đã gia hạn", "extended"),
            Flag::Key => lang.pick("trọng tâm", "key"),
            Flag::Classified => lang.pick("MẬT", "CLASSIFIED"),
        }
    }
}

/// What a task's badge shows: what needs action first (overdue, blocked,
/// due soon), otherwise its status. The terminal UI colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    /// Overdue, and a prerequisite is not done.
    OverdueBlocked,
    /// Overdue.
    Overdue,
    /// Not overdue; a prerequisite is not done.
    Blocked,
    /// Open and due within the due-soon window.
    DueSoon,
    /// Nothing needs action: the status.
    Status(Status),
}

impl Badge {
    /// The badge of an assessment.
    pub fn of(a: &Assessment) -> Badge {
        match a.status {
            Status::Overdue if a.blocked => Badge::OverdueBlocked,
            Status::Overdue => Badge::Overdue,
            _ if a.blocked => Badge::Blocked,
            _ if a.due_soon => Badge::DueSoon,
            s => Badge::Status(s),
        }
    }

    /// The badge's words, upper case; `narrow` gives at most 8 columns.
    pub fn word(self, lang: Lang, narrow: bool) -> &'static str {
        let (vi, en) = match (self, narrow) {
            (Badge::OverdueBlocked, false) => ("QUÁ HẠN·CHẶN", "OVERDUE·BLK"),
            (Badge::OverdueBlocked, true) => ("QH·CHẶN", "OVD·BLK"),
            (Badge::Overdue, _) => ("QUÁ HẠN", "OVERDUE"),
            (Badge::Blocked, _) => ("BỊ CHẶN", "BLOCKED"),
            (Badge::DueSoon, false) => ("SẮP ĐẾN HẠN", "DUE SOON"),
            (Badge::DueSoon, true) => ("SẮP HẠN", "DUE SOON"),
            (Badge::Status(s), _) => status_badge(s, narrow),
        };
        lang.pick(vi, en)
    }
}

/// The badge words of a status, Vietnamese and English.
fn status_badge(s: Status, narrow: bool) -> (&'static str, &'static str) {
    match (s, narrow) {
        (Status::Open, false) => ("TRONG HẠN", "OPEN"),
        (Status::Open, true) => ("CÒN HẠN", "OPEN"),
        (Status::DoneOnTime | Status::DoneUndated, _) => ("XONG", "DONE"),
        (Status::DoneLate, false) => ("XONG TRỄ", "DONE LATE"),
        (Status::DoneLate, true) => ("XONG TRỄ", "DONE·LT"),
        (Status::Ongoing, false) => ("THƯỜNG XUYÊN", "ONGOING"),
        (Status::Ongoing, true) => ("T.XUYÊN", "ONGOING"),
        (Status::Vague, false) => ("CHƯA RÕ HẠN", "NO CLEAR DATE"),
        (Status::Vague, true) => ("CHƯA RÕ", "UNCLEAR"),
        (Status::NoDeadline, false) => ("KHÔNG HẠN", "NO DEADLINE"),
        (Status::NoDeadline, true) => ("KO HẠN", "NO DATE"),
        (Status::Cancelled, false) => ("DỪNG", "CANCELLED"),
        (Status::Cancelled, true) => ("DỪNG", "STOPPED"),
        (Status::Overdue, _) => ("QUÁ HẠN", "OVERDUE"),
    }
}

/// The first letter in upper case (Vietnamese letters included).
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A task's deadline as it is shown: the day that counts as of the day
/// asked, the directive's words, and whether it recurs. Borrowed, so a
/// list builds one per row without copying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeadlineShown<'a> {
    /// The day that counts (for a recurring deadline, its next occurrence).
    pub day: Option<NaiveDate>,
    /// The deadline as the directive writes it.
    pub written: Option<&'a str>,
    /// True when the deadline recurs (`hằng quý`).
    pub recurring: bool,
}

impl<'a> DeadlineShown<'a> {
    /// The day: `28/02/2026`, or for a recurring deadline `định kỳ; lần tới
    /// 15/06/2026` / `recurring; next 15/06/2026`.
    fn day_text(&self, day: NaiveDate, lang: Lang) -> String {
        let d = format_date(day);
        match (self.recurring, lang) {
            (false, _) => d,
            (true, Lang::Vi) => format!("định kỳ; lần tới {d}"),
            (true, Lang::En) => format!("recurring; next {d}"),
        }
    }

    /// The deadline cell: the day ([`Self::day_text`]), the words when they
    /// name no day (`thường xuyên`), [`NO_DEADLINE`] when there is none.
    pub fn cell(&self, lang: Lang) -> String {
        match (self.day, self.written) {
            (Some(d), _) => self.day_text(d, lang),
            (None, Some(w)) => w.to_owned(),
            (None, None) => NO_DEADLINE.to_owned(),
        }
    }

    /// The cell followed by the day count where there is one:
    /// `30/09/2026 quá hạn 53 ngày`, `15/12/2026 còn 3 ngày`; `compact`
    /// writes the count short (`30/09/2026 -53`).
    pub fn cell_with_count(&self, count: Option<DayCount>, lang: Lang, compact: bool) -> String {
        let cell = self.cell(lang);
        match (self.day, count) {
            (Some(_), Some(c)) if compact => format!("{cell} {}", c.compact()),
            (Some(_), Some(c)) => format!("{cell} {}", c.phrase(lang)),
            _ => cell,
        }
    }

    /// The words when they say more than the day itself (`tháng 2.2026`
    /// for 28/02/2026); `None` when they are just the date, or absent.
    pub fn extra_words(&self) -> Option<&'a str> {
        let written = self.written?.trim();
        if written.is_empty() {
            return None;
        }
        let Some(d) = self.day else {
            return Some(written);
        };
        let bare = written
            .strip_prefix("ngày ")
            .or_else(|| written.strip_prefix("Ngày "))
            .unwrap_or(written)
            .trim();
        let same = [
            format_date(d),
            format!("{}/{}/{}", d.day(), d.month(), d.year()),
            d.format("%Y-%m-%d").to_string(),
        ];
        (!same.iter().any(|s| s == bare)).then_some(written)
    }

    /// What a report shows beside the day: the words when they say more,
    /// and for a task extended since its directive "đã gia hạn; hạn ban
    /// đầu: quý 2/2026" (`original`, the first wording).
    pub fn words_with_extension(&self, original: Option<&str>, lang: Lang) -> Option<String> {
        let mark = original.map(|o| extended_from(o, lang));
        match (self.extra_words(), mark) {
            (Some(w), Some(m)) => Some(format!("{w}; {m}")),
            (w, m) => w.map(str::to_owned).or(m),
        }
    }

    /// The full cell of a report: the cell with the words beside it in
    /// brackets, "28/02/2026 (tháng 2.2026)", "15/11/2026 (đã gia hạn; hạn
    /// ban đầu: tháng 2.2026)"; the words alone when there is no day.
    pub fn cell_with_words(&self, original: Option<&str>, lang: Lang) -> String {
        self.join_words(self.words_with_extension(original, lang).as_deref(), lang)
    }

    /// The cell with `words` beside it in brackets (the words alone when
    /// there is no day).
    pub fn join_words(&self, words: Option<&str>, lang: Lang) -> String {
        match (self.day, words) {
            (Some(d), Some(w)) => format!("{} ({w})", self.day_text(d, lang)),
            (Some(_), None) => self.cell(lang),
            (None, Some(w)) => w.to_owned(),
            (None, None) => NO_DEADLINE.to_owned(),
        }
    }

    /// The deadline in a task's detail (the six clarities): the day and,
    /// when they say more, the words as written — `28/02/2026 (nguyên
    /// văn: "tháng 2.2026")`; the quoted words when there is no day.
    pub fn as_written(&self, lang: Lang) -> Option<String> {
        let written = self.written?;
        Some(match (self.day, self.extra_words()) {
            (Some(d), Some(w)) => format!(
                "{} ({}: \"{w}\")",
                self.day_text(d, lang),
                lang.pick("nguyên văn", "as written")
            ),
            (Some(d), None) => self.day_text(d, lang),
            (None, _) => format!("\"{written}\""),
        })
    }
}

/// "đã gia hạn; hạn ban đầu: quý 2/2026" / "extended; first deadline: …".
pub fn extended_from(original: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đã gia hạn; hạn ban đầu: {original}"),
        Lang::En => format!("extended; first deadline: {original}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::Due;
    use crate::status::TaskState;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn assess(due: NaiveDate, as_of: NaiveDate) -> Assessment {
        Assessment::new(TaskState::Open, Some(Due::On(due)), as_of, 7, false, false)
    }

    #[test]
    fn day_counts_are_plural_in_english_only_beyond_one() {
        assert_eq!(DayCount::Overdue(1).phrase(Lang::En), "1 day overdue");
        assert_eq!(DayCount::Overdue(3).phrase(Lang::En), "3 days overdue");
        assert_eq!(DayCount::Left(0).phrase(Lang::En), "0 days left");
        assert_eq!(DayCount::Left(1).phrase(Lang::En), "1 day left");
        assert_eq!(DayCount::Overdue(1).phrase(Lang::Vi), "quá hạn 1 ngày");
        assert_eq!(DayCount::Left(3).phrase(Lang::Vi), "còn 3 ngày");
        assert_eq!(working_days(1, Lang::En), "1 working day");
        assert_eq!(working_days(2, Lang::Vi), "2 ngày làm việc");
        assert_eq!(working_days_left(1, Lang::En), "1 working day left");
        assert_eq!(working_days_left(4, Lang::Vi), "Còn 4 ngày làm việc");
    }

    #[test]
    fn the_status_cell_carries_the_day_count() {
        let late = assess(d(2026, 2, 28), d(2026, 3, 12));
        assert_eq!(status_cell(&late, Lang::Vi), "Quá hạn 12 ngày");
        assert_eq!(status_cell(&late, Lang::En), "12 days overdue");
        let open = assess(d(2026, 3, 13), d(2026, 3, 12));
        assert_eq!(status_cell(&open, Lang::Vi), "Còn 1 ngày");
        assert_eq!(status_cell(&open, Lang::En), "1 day left");
        let ongoing = Assessment::new(
            TaskState::Open,
            Some(Due::Ongoing),
            d(2026, 1, 1),
            7,
            false,
            false,
        );
        assert_eq!(status_cell(&ongoing, Lang::Vi), "Thường xuyên");
        assert_eq!(
            status_long_with_days(Status::Overdue, Some(1), Lang::En),
            "Overdue (1 day)"
        );
        assert_eq!(
            status_long_with_days(Status::Overdue, Some(267), Lang::Vi),
            "Quá hạn chưa hoàn thành (267 ngày)"
        );
    }

    #[test]
    fn every_status_has_a_short_word_in_both_languages() {
        for s in Status::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let w = status_short(s, lang);
                assert!(
                    w.chars().next().is_some_and(char::is_uppercase),
                    "{s:?} {w}"
                );
            }
            assert_ne!(
                status_short(s, Lang::Vi),
                status_short(s, Lang::En),
                "{s:?}"
            );
        }
        assert_eq!(
            status_short(Status::NoDeadline, Lang::Vi),
            "Không có thời hạn"
        );
    }

    #[test]
    fn the_deadline_cell_names_the_day_or_says_why_not() {
        let plain = DeadlineShown {
            day: Some(d(2026, 2, 28)),
            written: Some("tháng 2.2026"),
            recurring: false,
        };
        assert_eq!(plain.cell(Lang::Vi), "28/02/2026");
        assert_eq!(
            plain.cell_with_words(None, Lang::Vi),
            "28/02/2026 (tháng 2.2026)"
        );
        assert_eq!(
            plain.cell_with_words(Some("quý 1/2026"), Lang::Vi),
            "28/02/2026 (tháng 2.2026; đã gia hạn; hạn ban đầu: quý 1/2026)"
        );
        let count = Some(DayCount::Overdue(3));
        assert_eq!(
            plain.cell_with_count(count, Lang::Vi, false),
            "28/02/2026 quá hạn 3 ngày"
        );
        assert_eq!(
            plain.cell_with_count(count, Lang::En, true),
            "28/02/2026 -3"
        );
        let recurring = DeadlineShown {
            day: Some(d(2026, 6, 15)),
            written: Some("hằng quý"),
            recurring: true,
        };
        assert_eq!(recurring.cell(Lang::Vi), "định kỳ; lần tới 15/06/2026");
        assert_eq!(recurring.cell(Lang::En), "recurring; next 15/06/2026");
        assert_eq!(
            recurring.cell_with_words(None, Lang::Vi),
            "định kỳ; lần tới 15/06/2026 (hằng quý)"
        );
        let ongoing = DeadlineShown {
            day: None,
            written: Some("thường xuyên"),
            recurring: false,
        };
        assert_eq!(ongoing.cell(Lang::En), "thường xuyên");
        assert_eq!(DeadlineShown::default().cell(Lang::Vi), NO_DEADLINE);
        assert_eq!(
            DeadlineShown::default().cell_with_words(None, Lang::Vi),
            NO_DEADLINE
        );
    }

    #[test]
    fn words_equal_to_the_date_are_not_repeated() {
        for same in ["28/2/2026", "ngày 28/02/2026", "2026-02-28", " 28/02/2026 "] {
            let s = DeadlineShown {
                day: Some(d(2026, 2, 28)),
                written: Some(same),
                recurring: false,
            };
            assert_eq!(s.extra_words(), None, "{same}");
            assert_eq!(s.as_written(Lang::Vi).as_deref(), Some("28/02/2026"));
        }
        let s = DeadlineShown {
            day: Some(d(2026, 2, 28)),
            written: Some("tháng 2.2026"),
            recurring: false,
        };
        assert_eq!(
            s.as_written(Lang::En).as_deref(),
            Some("28/02/2026 (as written: \"tháng 2.2026\")")
        );
    }

    #[test]
    fn badges_put_what_needs_action_first_and_fit_narrow_columns() {
        let mut late = assess(d(2026, 2, 28), d(2026, 3, 3));
        assert_eq!(Badge::of(&late), Badge::Overdue);
        late.blocked = true;
        assert_eq!(Badge::of(&late).word(Lang::Vi, false), "QUÁ HẠN·CHẶN");
        let mut soon = assess(d(2026, 3, 5), d(2026, 3, 3));
        assert_eq!(Badge::of(&soon).word(Lang::En, false), "DUE SOON");
        soon.blocked = true;
        assert_eq!(Badge::of(&soon), Badge::Blocked);
        let badges = [
            Badge::OverdueBlocked,
            Badge::Overdue,
            Badge::Blocked,
            Badge::DueSoon,
        ];
        for b in badges.into_iter().chain(Status::ALL.map(Badge::Status)) {
            for lang in [Lang::Vi, Lang::En] {
                let w = b.word(lang, true);
                assert!(crate::text::display_width(w) <= 8, "{b:?} {w}");
                assert_eq!(w, w.to_uppercase(), "{b:?}");
            }
        }
        assert_eq!(Flag::Blocked.word(Lang::Vi), "bị chặn");
        assert_eq!(Flag::DueSoon.word(Lang::En), "due soon");
    }

    #[test]
    fn no_lead_is_one_wording() {
        assert_eq!(no_lead(Lang::Vi), "(chưa rõ chủ trì)");
        assert_eq!(no_lead(Lang::En), "(no lead)");
        let late = assess(d(2026, 2, 28), d(2026, 3, 3));
        assert_eq!(
            link("A/1", Some("BCA"), &late, Lang::Vi),
            "A/1 (BCA, Quá hạn 3 ngày)"
        );
        assert_eq!(
            link("A/1", None, &late, Lang::En),
            "A/1 (no lead, 3 days overdue)"
        );
    }
}
