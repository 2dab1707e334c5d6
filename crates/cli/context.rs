//! What every command needs: the database, the registry, the as-of day,
//! the language, and who acts. The clock is read here and nowhere else.

use crate::args::{Cli, Lang};
use crate::bundled;
use anyhow::Context as _;
use chrono::NaiveDate;
use sauro_core::calendar::Schedule;
use sauro_core::directive_file::SourceFile;
use sauro_core::{Calendar, Registry, read_user_date};
use sauro_store::{Actor, Store, TaskStore};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The opened database and the settings of this run.
pub struct Ctx {
    /// The database: a SQLite file or, later, the shared PostgreSQL one.
    pub store: Box<dyn TaskStore + Send>,
    pub registry: Registry,
    pub as_of: NaiveDate,
    /// The day changes are recorded on: `$SAURO_TODAY`, else the clock.
    pub today: NaiveDate,
    pub lang: Lang,
    pub due_soon_days: i64,
    /// Working days: the built-in schedule, or with `--calendar` over it.
    pub calendar: Cow<'static, Calendar>,
    /// `--include-classified`: exports keep classified (mật) tasks.
    pub include_classified: bool,
    /// The shared PostgreSQL database: who records a change is the
    /// database user, never `--by`.
    pub shared: bool,
}

/// The calendar of this run: the built-in schedule, with `--calendar FILE`
/// (or `$SAURO_CALENDAR`) over it.
///
/// # Errors
/// The file cannot be read, or has problems (every one, with its line).
pub fn calendar(cli: &Cli) -> anyhow::Result<Cow<'static, Calendar>> {
    let Some(path) = &cli.calendar else {
        return Ok(Cow::Borrowed(Calendar::bundled()));
    };
    let text = std::fs::read_to_string(path).with_context(|| cannot_read(cli.lang, path))?;
    match Schedule::parse(&text) {
        Ok(user) => Ok(Cow::Owned(Calendar::bundled_with(user))),
        Err(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("  {}:{}", path.display(), p.message(cli.lang.core())))
                .collect();
            anyhow::bail!(
                "{}\n{}",
                cli.lang.pick(
                    "--calendar / SAURO_CALENDAR: tệp lịch nghỉ không dùng được:",
                    "--calendar / SAURO_CALENDAR: the schedule file cannot be used:",
                ),
                lines.join("\n")
            )
        }
    }
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

/// A day given by `source` (an option or a variable) in any usual form.
fn user_day(s: &str, source: &str, lang: Lang) -> anyhow::Result<NaiveDate> {
    read_user_date(s).map_err(|e| anyhow::anyhow!("{source}: {}", e.message(s, lang.core())))
}

/// Today: `$SAURO_TODAY` (which stands for the clock, so tests and
/// demonstrations run on a fixed day), else today in Vietnam.
pub fn today(cli: &Cli) -> anyhow::Result<NaiveDate> {
    match std::env::var("SAURO_TODAY") {
        Ok(s) => user_day(&s, "SAURO_TODAY", cli.lang),
        Err(_) => Ok(today_in_vietnam()),
    }
}

/// The as-of day of this run: `--as-of`, else today.
pub fn as_of(cli: &Cli) -> anyhow::Result<NaiveDate> {
    match &cli.as_of {
        Some(s) => user_day(s, "--as-of", cli.lang),
        None => today(cli),
    }
}

/// Where the database is, as given: `--db`, `$SAURO_DB` (a file or a
/// PostgreSQL address), else the file in the platform data directory.
pub fn db_location(cli: &Cli) -> anyhow::Result<PathBuf> {
    if let Some(p) = &cli.db {
        return Ok(p.clone());
    }
    let dir = dirs::data_dir().context(cli.lang.pick(
        "không tìm thấy thư mục dữ liệu của hệ điều hành; hãy dùng --db PATH hoặc đặt SAURO_DB",
        "cannot find the platform data directory; pass --db PATH or set SAURO_DB",
    ))?;
    Ok(dir.join("sauro").join("sauro.db"))
}

/// The SQLite file this run would create: the database's path when it is
/// a file that does not exist yet, `None` for an existing file, a
/// PostgreSQL address or a location that cannot be worked out.
pub fn database_to_create(cli: &Cli) -> Option<PathBuf> {
    let path = db_location(cli).ok()?;
    let address = path.to_string_lossy();
    let is_file = !sauro_pg::copy::is_address(&address) && address != ":memory:";
    (is_file && !path.exists()).then_some(path)
}

/// Removes a database file this run created (with SQLite's `-wal` and
/// `-shm` files beside it), so a refused first import leaves nothing
/// behind. Best effort: a file that cannot be removed is left.
pub fn remove_created_database(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
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
    /// yet, the bundled directives of `data/` are imported. A PostgreSQL
    /// address (`--db`, `$SAURO_DB`) opens the shared database
    /// ([`sauro_pg::PgStore`]): never created nor migrated here (that is
    /// `sauro db init`), nothing bundled imported into it.
    pub fn open(cli: &Cli, bundled: bool) -> anyhow::Result<Ctx> {
        let location = db_location(cli)?;
        let address = location.to_string_lossy();
        if sauro_pg::copy::is_address(&address) {
            let store = sauro_pg::PgStore::open(&address, &sauro_pg::Roots::system())?;
            let mut ctx = Ctx::with_store(cli, Box::new(store), false)?;
            ctx.shared = true;
            return Ok(ctx);
        }
        Ctx::open_file(cli, bundled)
    }

    /// [`Ctx::open`] on a SQLite file: created (with its folder) when missing.
    fn open_file(cli: &Cli, bundled: bool) -> anyhow::Result<Ctx> {
        let db_path = db_location(cli)?;
        if let Some(parent) = db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| cannot_create_folder(cli.lang, parent))?;
        }
        Ctx::with_store(cli, Box::new(Store::open(&db_path)?), bundled)
    }

    /// The settings of this run around an opened store.
    fn with_store(
        cli: &Cli,
        mut store: Box<dyn TaskStore + Send>,
        bundled: bool,
    ) -> anyhow::Result<Ctx> {
        let as_of = as_of(cli)?;
        let calendar = calendar(cli)?;
        let today = today(cli)?;
        // A new database gets the built-in registry; an older one gets the
        // agencies, aliases and successors this program added since. The
        // database's registry is read once when it holds them all already.
        let mut registry = store.registry()?;
        if !store.is_read_only() {
            let builtin = bundled::registry(cli.lang)?;
            if builtin
                .iter()
                .any(|a| registry.get(a.id.as_str()) != Some(a))
            {
                store.ensure_agencies(&builtin)?;
                registry = store.registry()?;
            }
        }
        let mut ctx = Ctx {
            store,
            registry,
            as_of,
            today,
            lang: cli.lang,
            due_soon_days: cli.due_soon_days,
            calendar,
            include_classified: cli.include_classified,
            shared: false,
        };
        if bundled && !ctx.store.is_read_only() && ctx.store.directives()?.is_empty() {
            let files = bundled::directive_files();
            let sources: Vec<SourceFile<'_>> = files
                .iter()
                .map(|(p, t)| SourceFile { path: p, text: t })
                .collect();
            // Not the user's change: recorded today whatever day is viewed.
            let actor = Actor {
                by: ctx.user(None),
                at: now_rfc3339(),
                day: ctx.today,
            };
            ctx.store.import(&sources, &actor)?;
            ctx.registry = ctx.store.registry()?;
        }
        Ok(ctx)
    }

    /// Who acts: `name`, else `$SAURO_USER`, else the OS user (the
    /// account's name from the system, then `$USER` / `$USERNAME`).
    pub fn user(&self, name: Option<&str>) -> String {
        let given = |s: &String| !s.trim().is_empty();
        name.map(str::to_owned)
            .filter(given)
            .or_else(|| std::env::var("SAURO_USER").ok().filter(given))
            .or_else(|| whoami::username().ok().filter(given))
            .or_else(|| std::env::var("USER").ok().filter(given))
            .or_else(|| std::env::var("USERNAME").ok().filter(given))
            .unwrap_or_else(|| "unknown".to_owned())
    }

    /// Who records a change, today. The store refuses an as-of day other
    /// than today (`Actor::recording`): a change is dated by the day it is
    /// recorded.
    pub fn actor(&self, name: Option<&str>) -> anyhow::Result<Actor> {
        Ok(Actor::recording(
            self.user(name),
            now_rfc3339(),
            self.today,
            self.as_of,
        )?)
    }
}
