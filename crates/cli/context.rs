//! What every command needs: the database, the registry, the as-of day,
//! the language, and who acts. The clock is read here and nowhere else.

use crate::args::{Cli, Lang};
use crate::bundled;
use anyhow::Context as _;
use chrono::NaiveDate;
use sauro_core::directive_file::SourceFile;
use sauro_core::{Registry, read_user_date};
use sauro_store::{Actor, Store};
use std::path::{Path, PathBuf};

/// The opened database and the settings of this run.
pub struct Ctx {
    pub store: Store,
    pub registry: Registry,
    pub as_of: NaiveDate,
    pub lang: Lang,
    pub due_soon_days: i64,
    pub db_path: PathBuf,
}

/// Today in Vietnam (UTC+7, no daylight saving), when no `--as-of` is given.
#[allow(clippy::disallowed_methods)]
fn today_in_vietnam() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// The wall-clock time of a change, for history.
#[allow(clippy::disallowed_methods)]
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The as-of day of this run.
pub fn as_of(cli: &Cli) -> anyhow::Result<NaiveDate> {
    match &cli.as_of {
        Some(s) => read_user_date(s).map_err(|e| {
            anyhow::anyhow!("--as-of / SAURO_TODAY: {}", e.message(s, cli.lang.core()))
        }),
        None => Ok(today_in_vietnam()),
    }
}

/// The database path: `--db`, `$SAURO_DB`, else the platform data directory.
pub fn db_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    if let Some(p) = &cli.db {
        return Ok(p.clone());
    }
    let dir = dirs::data_dir().context(cli.lang.pick(
        "không tìm thấy thư mục dữ liệu của hệ điều hành; hãy dùng --db PATH hoặc đặt SAURO_DB",
        "cannot find the platform data directory; pass --db PATH or set SAURO_DB",
    ))?;
    Ok(dir.join("sauro").join("sauro.db"))
}

/// "cannot create the folder PATH", in `lang`.
pub fn cannot_create_folder(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Vi => format!("không tạo được thư mục {}", path.display()),
        Lang::En => format!("cannot create the folder {}", path.display()),
    }
}

/// "cannot write PATH", in `lang`.
pub fn cannot_write(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Vi => format!("không ghi được {}", path.display()),
        Lang::En => format!("cannot write {}", path.display()),
    }
}

/// "cannot read PATH", in `lang`.
pub fn cannot_read(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Vi => format!("không đọc được {}", path.display()),
        Lang::En => format!("cannot read {}", path.display()),
    }
}

impl Ctx {
    /// Opens the database, creating it (with the built-in agency registry)
    /// when new. When `bundled` is true and the database holds no directive
    /// yet, the bundled directives of `data/` are imported.
    pub fn open(cli: &Cli, bundled: bool) -> anyhow::Result<Ctx> {
        let as_of = as_of(cli)?;
        let db_path = db_path(cli)?;
        if let Some(parent) = db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| cannot_create_folder(cli.lang, parent))?;
        }
        let mut store = Store::open(&db_path)?;
        let mut registry = store.registry()?;
        if registry.is_empty() {
            store.ensure_agencies(&bundled::registry(cli.lang)?)?;
            registry = store.registry()?;
        }
        let mut ctx = Ctx {
            store,
            registry,
            as_of,
            lang: cli.lang,
            due_soon_days: cli.due_soon_days,
            db_path,
        };
        if bundled && ctx.store.directives()?.is_empty() {
            let files = bundled::directive_files();
            let sources: Vec<SourceFile<'_>> = files
                .iter()
                .map(|(p, t)| SourceFile { path: p, text: t })
                .collect();
            let actor = ctx.actor(None);
            ctx.store.import(&sources, &actor)?;
            ctx.registry = ctx.store.registry()?;
        }
        Ok(ctx)
    }

    /// Who acts: `name`, else `$SAURO_USER`, else the OS user (the
    /// account's name from the system, then `$USER` / `$USERNAME`).
    pub fn actor(&self, name: Option<&str>) -> Actor {
        let given = |s: &String| !s.trim().is_empty();
        let by = name
            .map(str::to_owned)
            .filter(given)
            .or_else(|| std::env::var("SAURO_USER").ok().filter(given))
            .or_else(|| whoami::username().ok().filter(given))
            .or_else(|| std::env::var("USER").ok().filter(given))
            .or_else(|| std::env::var("USERNAME").ok().filter(given))
            .unwrap_or_else(|| "unknown".to_owned());
        Actor {
            by,
            at: now_rfc3339(),
            day: self.as_of,
        }
    }
}
