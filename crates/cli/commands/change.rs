//! `sauro done`, `reopen`, `cancel`, `extend`, `note`: changes recorded in history.

use crate::args::Lang;
use crate::context::Ctx;
use crate::output::print;
use anyhow::Context as _;
use chrono::NaiveDate;
use sauro_core::{Deadline, format_date, read_user_date};
use std::process::ExitCode;

/// Who decided a change and on what basis.
pub struct Decision<'a> {
    pub authority: &'a str,
    pub basis: &'a str,
    pub reason: &'a str,
}

/// A day typed in any usual form (dd/mm/yyyy, d-m-yyyy, d.m.yyyy, ISO).
pub(super) fn parse_day(s: &str, lang: Lang) -> anyhow::Result<NaiveDate> {
    read_user_date(s).map_err(|e| anyhow::anyhow!(e.message(s, lang.core())))
}

/// On the shared PostgreSQL database a change is recorded as the database
/// user: a `--by` given there is said, on stderr, to be ignored.
fn warn_by(ctx: &Ctx, by: Option<&str>) {
    if ctx.shared && by.is_some_and(|b| !b.trim().is_empty()) {
        eprintln!(
            "{}",
            ctx.lang.pick(
                "cảnh báo: tên người ghi nhận (--by, --user) không dùng được với cơ sở dữ liệu \
                 dùng chung (PostgreSQL): thay đổi được ghi tên người dùng cơ sở dữ liệu đã đăng nhập",
                "warning: the name given (--by, --user) does not apply to a shared (PostgreSQL) \
                 database: the change is recorded under the database user you logged in as",
            )
        );
    }
}

fn saved(ctx: &Ctx, id: &str, what_vi: String, what_en: String) -> anyhow::Result<ExitCode> {
    let msg = match ctx.lang {
        Lang::Vi => format!("{} {id}: {what_vi}", ctx.lang.text().saved),
        Lang::En => format!("{} {id}: {what_en}", ctx.lang.text().saved),
    };
    print(&msg)?;
    Ok(ExitCode::SUCCESS)
}

pub fn done(
    ctx: &mut Ctx,
    id: &str,
    on: Option<&str>,
    by: Option<&str>,
) -> anyhow::Result<ExitCode> {
    warn_by(ctx, by);
    let actor = ctx.actor(by)?;
    let on = match on {
        Some(s) => parse_day(s, ctx.lang).context("--on")?,
        None => actor.day,
    };
    ctx.store.mark_done(id, on, &actor, None)?;
    let d = format_date(on);
    saved(
        ctx,
        id,
        format!("hoàn thành ngày {d}"),
        format!("done on {d}"),
    )
}

pub fn reopen(ctx: &mut Ctx, id: &str, by: Option<&str>) -> anyhow::Result<ExitCode> {
    warn_by(ctx, by);
    let actor = ctx.actor(by)?;
    ctx.store.reopen(id, &actor, None)?;
    saved(ctx, id, "mở lại".into(), "reopened".into())
}

pub fn cancel(
    ctx: &mut Ctx,
    id: &str,
    authority: &str,
    reason: &str,
    user: Option<&str>,
) -> anyhow::Result<ExitCode> {
    warn_by(ctx, user);
    let actor = ctx.actor(user)?;
    ctx.store.cancel(id, authority, reason, &actor, None)?;
    saved(
        ctx,
        id,
        format!(
            "dừng thực hiện theo quyết định của {}",
            authority.trim().to_uppercase()
        ),
        format!("cancelled by {}", authority.trim().to_uppercase()),
    )
}

pub fn extend(
    ctx: &mut Ctx,
    id: &str,
    to: &str,
    decision: Decision<'_>,
    user: Option<&str>,
) -> anyhow::Result<ExitCode> {
    warn_by(ctx, user);
    let actor = ctx.actor(user)?;
    // A new deadline without a year reads in the year of the day it is recorded.
    let deadline = Deadline::parse(to, actor.day).context("--to")?;
    ctx.store.extend(
        id,
        &deadline,
        decision.authority,
        decision.basis,
        decision.reason,
        &actor,
        None,
    )?;
    let shown = deadline
        .date()
        .map_or_else(|| deadline.written.clone(), format_date);
    saved(
        ctx,
        id,
        format!("thời hạn mới {shown}"),
        format!("new deadline {shown}"),
    )
}

pub fn note(ctx: &mut Ctx, id: &str, text: &str, by: Option<&str>) -> anyhow::Result<ExitCode> {
    warn_by(ctx, by);
    let actor = ctx.actor(by)?;
    ctx.store.add_note(id, text, &actor, None)?;
    saved(ctx, id, "đã thêm ghi chú".into(), "note added".into())
}
