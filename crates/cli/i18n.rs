//! The words the command line shows, in Vietnamese and English.

use crate::args::Lang;
use sauro_core::Clarity;

/// Every label of the command line's output, in one language.
pub struct Text {
    pub col_id: &'static str,
    pub col_status: &'static str,
    pub col_deadline: &'static str,
    pub col_lead: &'static str,
    pub col_clarity: &'static str,
    pub col_title: &'static str,
    pub col_blocked_by: &'static str,
    pub col_agency: &'static str,
    pub col_overdue: &'static str,
    pub col_overdue_share: &'static str,
    pub col_completion: &'static str,
    pub col_missing: &'static str,
    pub none: &'static str,
    pub as_of: &'static str,
    pub support: &'static str,
    pub prerequisites: &'static str,
    pub dependents: &'static str,
    pub blocking_chain: &'static str,
    pub notes: &'static str,
    pub history: &'static str,
    pub six_clarities: &'static str,
    pub source: &'static str,
    pub check_ok: &'static str,
    pub inversion: &'static str,
    pub rates_legend: &'static str,
    /// How co-led and key tasks are counted (the stats footnote).
    pub co_lead_legend: &'static str,
    /// The key-task column of `stats`.
    pub saved: &'static str,
    pub overview_hint: &'static str,
}

pub const VI: Text = Text {
    col_id: "Mã",
    col_status: "Trạng thái",
    col_deadline: "Thời hạn",
    col_lead: "Chủ trì",
    col_clarity: "6 rõ",
    col_title: "Nhiệm vụ",
    col_blocked_by: "Bị chặn bởi",
    col_agency: "Cơ quan chủ trì",
    col_overdue: "Quá hạn",
    col_overdue_share: "% quá hạn",
    col_completion: "% HT đến hạn",
    col_missing: "Còn thiếu",
    none: "không có",
    as_of: "Tính đến ngày",
    support: "Phối hợp",
    prerequisites: "Nhiệm vụ tiên quyết",
    dependents: "Nhiệm vụ phụ thuộc",
    blocking_chain: "Chuỗi đang chặn",
    notes: "Ghi chú",
    history: "Lịch sử",
    six_clarities: "Sáu rõ",
    source: "Nguồn",
    check_ok: "Không phát hiện vấn đề.",
    inversion: "Thời hạn ngược: nhiệm vụ tiên quyết đến hạn sau nhiệm vụ cần nó",
    rates_legend: "HT không hạn: hoàn thành, không có thời hạn; Không thời hạn: chưa hoàn thành, thường xuyên, chưa rõ hoặc không có thời hạn\n% quá hạn = quá hạn / giao; % HT đến hạn = hoàn thành / (hoàn thành + quá hạn)",
    co_lead_legend: "Nhiệm vụ đồng chủ trì được tính cho từng cơ quan chủ trì (dòng Tổng cộng tính mỗi nhiệm vụ một lần); Trọng tâm = nhiệm vụ trọng tâm trong số được giao",
    saved: "Đã lưu",
    overview_hint: "Dùng `sauro --help` để xem các lệnh.",
};

pub const EN: Text = Text {
    col_id: "ID",
    col_status: "Status",
    col_deadline: "Deadline",
    col_lead: "Lead",
    col_clarity: "6C",
    col_title: "Task",
    col_blocked_by: "Blocked by",
    col_agency: "Lead agency",
    col_overdue: "Overdue",
    col_overdue_share: "% overdue",
    col_completion: "% done of due",
    col_missing: "Missing",
    none: "none",
    as_of: "As of",
    support: "Support",
    prerequisites: "Prerequisites",
    dependents: "Dependents",
    blocking_chain: "Blocking chain",
    notes: "Notes",
    history: "History",
    six_clarities: "Six clarities",
    source: "Source",
    check_ok: "No problems found.",
    inversion: "Deadline inversion: a prerequisite is due after the task that needs it",
    rates_legend: "Done, no date: done, no deadline; No date: not done, ongoing, vague or no deadline\n% overdue = overdue / assigned; % done of due = done / (done + overdue)",
    co_lead_legend: "A co-led task counts for each of its leads (the Total line counts each task once); Key = key tasks among the assigned",
    saved: "Saved",
    overview_hint: "See `sauro --help` for the commands.",
};

impl Lang {
    /// Picks the text of this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        self.core().pick(vi, en)
    }

    /// The labels of this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// A clarity's name.
    pub fn clarity(self, c: Clarity) -> &'static str {
        match self {
            Lang::Vi => c.label_vi(),
            Lang::En => c.label_en(),
        }
    }
}
