//! The terminal loop: draw, read a key, map it to an action, update. A
//! background thread with its own connection loads snapshots, so the UI
//! never waits on the database, and notices commits of other processes.

use crate::app::{App, Snapshot};
use crate::keymap::action_for;
use chrono::NaiveDate;
use crossterm::event::{self, Event, KeyEventKind};
use sauro_core::Lang;
use sauro_store::TaskStore;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Duration;

/// How the UI is started.
#[derive(Debug, Clone)]
pub struct Options {
    /// Who records changes.
    pub user: String,
    /// The day changes are recorded on (the binary reads it).
    pub today: NaiveDate,
    /// The wall clock, for history (the binary reads it; this crate does not).
    pub clock: fn() -> String,
    /// Days ahead that count as due soon.
    pub due_soon_days: i64,
    /// Working days (the built-in schedule, or the user's over it).
    pub calendar: std::borrow::Cow<'static, sauro_core::Calendar>,
    /// Exports keep classified (mật) tasks.
    pub include_classified: bool,
}

/// Tasks in the quick first screenful (more than any terminal shows).
const FIRST_SCREEN: usize = 200;

/// How long the watcher waits for a change made by another process
/// before it looks at the UI's requests again (and so how late it sees
/// the UI closing). SQLite is polled that often (`PRAGMA data_version`);
/// PostgreSQL is waited on (`LISTEN`), answering at once.
const WATCH_STEP: Duration = Duration::from_millis(250);

/// Runs the UI until the user quits. The terminal is restored on every
/// exit, a panic included (ratatui's hook). On the way out every connection
/// is closed, the watcher's included (its thread is waited for), so SQLite
/// folds its write-ahead log back and removes the `-wal` and `-shm` files.
///
/// # Errors
/// Terminal failures; a database that cannot be opened by the watcher.
pub fn run(
    store: Box<dyn TaskStore + Send>,
    as_of: NaiveDate,
    lang: Lang,
    options: Options,
) -> crate::Result<()> {
    // The watcher's own connection, to the same database (a file opened
    // again; on PostgreSQL a small pool, where a broken connection is
    // replaced at the next reload), opened before the UI takes the store.
    let watcher_store = store.reconnect()?;
    let mut app = App::boxed(store, as_of, lang, options.due_soon_days);
    app.set_actor(options.user.clone(), options.clock);
    app.calendar = options.calendar.clone();
    app.include_classified = options.include_classified;
    app.set_today(options.today);
    let (snap_tx, snap_rx) = mpsc::channel();
    let (req_tx, req_rx) = mpsc::channel();
    let days = options.due_soon_days;
    let watcher =
        std::thread::spawn(move || watch(watcher_store, (as_of, days), lang, &snap_tx, &req_rx));
    app.reload = Some(req_tx);
    let mut terminal = ratatui::init();
    // Pasted text arrives as one event, typed into a field, never as keys.
    let _ = crossterm::execute!(std::io::stdout(), event::EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &snap_rx);
    let _ = crossterm::execute!(std::io::stdout(), event::DisableBracketedPaste);
    ratatui::restore();
    close(app, snap_rx, watcher);
    result
}

/// Closes the UI's connection, then tells the watcher to stop (its request
/// and snapshot channels close) and waits for it to drop its own.
fn close(
    app: App,
    snapshots: Receiver<Result<Snapshot, String>>,
    watcher: std::thread::JoinHandle<()>,
) {
    drop(app);
    drop(snapshots);
    // A watcher that panicked has dropped its connection already.
    let _ = watcher.join();
}

fn watch(
    store: Box<dyn TaskStore + Send>,
    (as_of, due_soon_days): (NaiveDate, i64),
    lang: Lang,
    tx: &Sender<Result<Snapshot, String>>,
    requests: &Receiver<()>,
) {
    let mut seen = store.data_version().unwrap_or(0);
    // A failure to watch is said once (by the load that follows), not
    // again at every step.
    let mut failed = false;
    // A screenful first, so a large database shows its tasks at once.
    if let Ok(Some(first)) = Snapshot::first_screen(&*store, as_of, due_soon_days, FIRST_SCREEN)
        && tx.send(Ok(first)).is_err()
    {
        return;
    }
    let mut load = true;
    loop {
        if load {
            let snapshot =
                Snapshot::load(&*store, as_of, due_soon_days).map_err(|e| e.message(lang));
            if tx.send(snapshot).is_err() {
                return;
            }
        }
        load = match requests.try_recv() {
            Ok(()) => {
                while requests.try_recv().is_ok() {}
                if let Ok(now) = store.data_version() {
                    seen = now;
                }
                true
            }
            Err(TryRecvError::Empty) => match store.wait_for_change(&mut seen, WATCH_STEP) {
                Ok(changed) => {
                    failed = false;
                    changed
                }
                Err(_) => {
                    std::thread::sleep(WATCH_STEP);
                    !std::mem::replace(&mut failed, true)
                }
            },
            Err(TryRecvError::Disconnected) => return,
        };
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    snapshots: &Receiver<Result<Snapshot, String>>,
) -> crate::Result<()> {
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
            dirty = false;
        }
        if event::poll(Duration::from_millis(50))? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    if let Some(action) = action_for(app.mode(), key)
                        && let Err(e) = app.update(action)
                    {
                        let text = e.message(app.lang);
                        app.show_error(text);
                    }
                    dirty = true;
                }
                Event::Paste(text) => {
                    app.paste(&text);
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        while let Ok(snapshot) = snapshots.try_recv() {
            match snapshot {
                Ok(s) => app.apply(s),
                Err(e) => app.show_error(e),
            }
            dirty = true;
        }
    }
    Ok(())
}
