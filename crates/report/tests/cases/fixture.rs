//! A fixed set of tasks with awkward text: Vietnamese, commas, semicolons,
//! quotes, pipes, backslashes, line breaks, long titles.

use chrono::NaiveDate;
use sauro_core::Status;
use sauro_report::ReportTask;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The as-of day of the fixture.
pub fn as_of() -> NaiveDate {
    d(2026, 11, 22)
}

pub fn base(id: &str) -> ReportTask {
    ReportTask {
        id: id.into(),
        directive: "qd-2629-2025".into(),
        directive_number: Some("2629/QĐ-TTg".into()),
        directive_issued_on: Some(d(2025, 12, 1)),
        title: format!("Nhiệm vụ {id}"),
        lead: Some("BCA".into()),
        lead_name: Some("Bộ Công an".into()),
        co_leads: Vec::new(),
        co_lead_names: Vec::new(),
        key: false,
        classified: false,
        support: vec![],
        support_names: vec![],
        responsible: None,
        product: None,
        authority: None,
        deadline: None,
        deadline_text: None,
        status: Status::Ongoing,
        days_overdue: None,
        due_soon: false,
        blocked_by: vec![],
        depends_on: vec![],
        missing: vec![],
        extended: false,
        original_deadline: None,
        recurring: false,
        done_on: None,
        note: None,
    }
}

fn overdue(mut t: ReportTask, deadline: NaiveDate, text: &str) -> ReportTask {
    t.deadline = Some(deadline);
    t.deadline_text = Some(text.into());
    t.status = Status::Overdue;
    t.days_overdue = Some((as_of() - deadline).num_days());
    t
}

/// Overdue tasks, longest overdue first: two for BCA, one for BTC, one
/// with no lead.
pub fn overdue_tasks() -> Vec<ReportTask> {
    let mut a = overdue(base("ctct-2026/01"), d(2026, 2, 28), "tháng 2.2026");
    a.title = "Trình Chính phủ ban hành nghị quyết về phát triển công dân số; \"VNeID\", định danh | xác thực".into();
    a.support = vec!["BTC".into(), "BTP".into()];
    a.product = Some("Nghị quyết của Chính phủ".into());
    a.note = Some("Dòng một,\ndòng hai; có \\ gạch".into());

    let mut b = overdue(base("ctct-2026/02"), d(2026, 3, 31), "31/03/2026");
    b.directive_number = None;
    b.directive = "bcdtw-ctct-2026".into();
    b.directive_issued_on = Some(d(2026, 2, 21));
    b.blocked_by = vec!["ctct-2026/01".into()];
    b.depends_on = vec!["ctct-2026/01".into()];

    let mut c = overdue(base("kl_6-2/07"), d(2026, 6, 30), "Quý II/2026");
    c.lead = Some("BTC".into());
    c.lead_name = Some("Bộ Tài chính".into());

    let mut e = overdue(base("kl_6-2/09"), d(2026, 9, 30), "quý 3/2026");
    e.lead = None;
    e.lead_name = None;
    e.title = "x".repeat(300);
    vec![a, b, c, e]
}

/// Tasks of every status, with dependencies, for the graph and calendar.
pub fn all_tasks() -> Vec<ReportTask> {
    let mut out = overdue_tasks();
    let mut done = base("done/1");
    done.status = Status::DoneOnTime;
    done.deadline = Some(d(2026, 5, 1));
    done.done_on = Some(d(2026, 4, 1));
    let mut open = base("open/1");
    open.status = Status::Open;
    open.deadline = Some(d(2026, 12, 31));
    open.deadline_text = Some("năm 2026".into());
    open.depends_on = vec!["ctct-2026/02".into(), "done/1".into()];
    open.blocked_by = vec!["ctct-2026/02".into()];
    open.title = "Sản phẩm: báo cáo, đề án; \\ phân tích \"nhanh\"\r\nmới".into();
    open.product = Some("Báo cáo, đề án".into());
    let mut cancelled = base("cancel.1");
    cancelled.status = Status::Cancelled;
    cancelled.deadline = Some(d(2026, 7, 1));
    cancelled.depends_on = vec!["open/1".into()];
    let ongoing = base("ongoing-1");
    out.extend([done, open, cancelled, ongoing]);
    out
}
