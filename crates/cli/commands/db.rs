//! `sauro db init` and `sauro db copy FROM TO`: setting up a database
//! (SQLite or a shared PostgreSQL one) and copying a whole database between
//! the two. The work is done in `sauro_pg`; this module parses and prints.

use crate::args::{Cli, Lang};
use crate::context::{Ctx, db_location};
use crate::output::print;
use sauro_pg::copy::{Copied, Place};
use sauro_pg::{Roots, Setup};
use std::fmt::Write as _;
use std::process::ExitCode;

/// `sauro db init`: a PostgreSQL address is connected to and set up
/// (roles, schema, privileges); a SQLite file is created or brought up to
/// date as opening it does.
pub fn init(cli: &Cli) -> anyhow::Result<ExitCode> {
    let location = db_location(cli)?;
    match Place::parse(&location.to_string_lossy()) {
        Place::Postgres(address) => {
            let mut client = sauro_pg::connect(&address, &Roots::system())?;
            let setup = sauro_pg::setup(&mut client)?;
            print(&said_setup(
                cli.lang,
                &Place::Postgres(address).describe(),
                &setup,
            ))?;
        }
        Place::Sqlite(path) => {
            let existed = path.exists();
            let ctx = Ctx::open(cli, false)?;
            let agencies = ctx.registry.len();
            let text = match (cli.lang, existed) {
                (Lang::Vi, false) => format!(
                    "Cơ sở dữ liệu SQLite {}: đã tạo, lược đồ mới nhất, {agencies} cơ quan trong danh mục.\n",
                    path.display()
                ),
                (Lang::Vi, true) => format!(
                    "Cơ sở dữ liệu SQLite {}: đã có; lược đồ đã ở phiên bản mới nhất, {agencies} cơ quan trong danh mục.\n",
                    path.display()
                ),
                (Lang::En, false) => format!(
                    "SQLite database {}: created, latest schema, {agencies} agencies in the registry.\n",
                    path.display()
                ),
                (Lang::En, true) => format!(
                    "SQLite database {}: already there; its schema is at the latest version, {agencies} agencies in the registry.\n",
                    path.display()
                ),
            };
            print(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `sauro db init` did on PostgreSQL, in `lang`.
fn said_setup(lang: Lang, place: &str, setup: &Setup) -> String {
    let m = setup.migrated;
    let list = |roles: &[&str]| {
        if roles.is_empty() {
            lang.pick("(không có)", "(none)").to_owned()
        } else {
            roles.join(", ")
        }
    };
    let schema = match (lang, m.from == m.to) {
        (Lang::Vi, true) => format!("lược đồ sauro đã ở phiên bản {}, không đổi gì", m.to),
        (Lang::Vi, false) => format!(
            "lược đồ sauro phiên bản {} (trước đó: {})",
            m.to,
            if m.from == 0 {
                "chưa có".to_owned()
            } else {
                m.from.to_string()
            }
        ),
        (Lang::En, true) => format!("sauro schema already at version {}, nothing changed", m.to),
        (Lang::En, false) => format!(
            "sauro schema version {} (before: {})",
            m.to,
            if m.from == 0 {
                "none".to_owned()
            } else {
                m.from.to_string()
            }
        ),
    };
    match lang {
        Lang::Vi => format!(
            "Cơ sở dữ liệu PostgreSQL {place}: {schema}.\nVai trò đã tạo: {}\nVai trò đã có: {}\n",
            list(&setup.created),
            list(&setup.existing)
        ),
        Lang::En => format!(
            "PostgreSQL database {place}: {schema}.\nRoles created: {}\nRoles already there: {}\n",
            list(&setup.created),
            list(&setup.existing)
        ),
    }
}

/// `sauro db copy FROM TO`.
pub fn copy(cli: &Cli, from: &str, to: &str) -> anyhow::Result<ExitCode> {
    let (from, to) = (Place::parse(from), Place::parse(to));
    if let Place::Sqlite(path) = &to
        && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        anyhow::bail!(
            "{}",
            match cli.lang {
                Lang::Vi => format!("không có thư mục {} để tạo tệp đích", parent.display()),
                Lang::En => format!(
                    "there is no folder {} to create the target file in",
                    parent.display()
                ),
            }
        );
    }
    let copied = sauro_pg::copy::copy(&from, &to, &Roots::system())?;
    print(&said_copy(cli.lang, &from, &to, &copied))?;
    Ok(ExitCode::SUCCESS)
}

/// What `sauro db copy` did, in `lang`: rows per table and the history's
/// checksum.
fn said_copy(lang: Lang, from: &Place, to: &Place, copied: &Copied) -> String {
    let mut out = match lang {
        Lang::Vi => format!(
            "Đã chép {} → {} (một giao dịch; đích đã được đối chiếu số dòng và SHA-256 \
             từng bảng trước khi ghi nhận).\n",
            from.describe(),
            to.describe()
        ),
        Lang::En => format!(
            "Copied {} → {} (one transaction; the target's row counts and SHA-256 of every \
             table were checked before committing).\n",
            from.describe(),
            to.describe()
        ),
    };
    if copied.created {
        out.push_str(lang.pick(
            "Đích là tệp SQLite mới, đã tạo.\n",
            "The target is a new SQLite file, created.\n",
        ));
    }
    if let Some(m) = copied.initialized {
        let _ = match lang {
            Lang::Vi => writeln!(
                out,
                "Đích chưa có lược đồ sauro mới nhất: đã chạy `sauro db init` (phiên bản {} → {}).",
                m.from, m.to
            ),
            Lang::En => writeln!(
                out,
                "The target lacked the latest sauro schema: `sauro db init` was run (version {} → {}).",
                m.from, m.to
            ),
        };
    }
    out.push_str(lang.pick("Số dòng:\n", "Rows:\n"));
    for (table, rows) in &copied.rows {
        let _ = writeln!(out, "  {table:<14} {rows:>8}");
    }
    let _ = writeln!(
        out,
        "{}: {}",
        lang.pick("SHA-256 của lịch sử", "SHA-256 of the history"),
        copied.history_sha256
    );
    out
}
