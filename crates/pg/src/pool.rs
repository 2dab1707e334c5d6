//! A small pool of connections to one PostgreSQL database, for a store that
//! lives long and works in the background: the terminal UI's loader
//! ([`crate::PgStore::pooled`], what `TaskStore::reconnect` gives). Each
//! operation takes a connection and gives it back; a connection kept idle
//! is checked before it is handed out again (an empty query), and one that
//! is broken (the server restarted, the session was ended) is dropped and
//! replaced by a new one, never reused. Synchronous, on `postgres::Client`:
//! no threads of its own, no async runtime.

use crate::connect::{Roots, connect};
use crate::error::Error;
use postgres::Client;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long an idle connection has to answer its check before it counts
/// as broken.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections to one database: opened when needed, kept (at most
/// `max_idle`) between operations.
pub struct Pool {
    address: String,
    roots: Roots,
    max_idle: usize,
    idle: Mutex<Vec<Client>>,
    opened: AtomicUsize,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("max_idle", &self.max_idle)
            .field("opened", &self.opened())
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// A pool for `address` (see [`connect`]) keeping at most `max_idle`
    /// connections between uses. Connects to nothing yet.
    #[must_use]
    pub fn new(address: &str, roots: &Roots, max_idle: usize) -> Pool {
        Pool {
            address: address.to_owned(),
            roots: roots.clone(),
            max_idle,
            idle: Mutex::new(Vec::new()),
            opened: AtomicUsize::new(0),
        }
    }

    /// A connection: an idle one that still answers, or a new one. Idle
    /// connections that no longer answer are dropped on the way.
    ///
    /// # Errors
    /// A new connection cannot be opened ([`connect`]'s errors).
    pub fn get(&self) -> Result<Pooled<'_>, Error> {
        while let Some(mut client) = self.take_idle() {
            if !client.is_closed() && client.is_valid(CHECK_TIMEOUT).is_ok() {
                return Ok(Pooled {
                    pool: self,
                    client: Some(client),
                });
            }
        }
        Ok(Pooled {
            pool: self,
            client: Some(self.open()?),
        })
    }

    /// A new connection, not taken from the idle ones (counted in
    /// [`Pool::opened`]); set up as every store session is (JIT off).
    ///
    /// # Errors
    /// [`connect`]'s errors; the session cannot be set up.
    pub fn open(&self) -> Result<Client, Error> {
        let mut client = connect(&self.address, &self.roots)?;
        crate::store::set_up_session(&mut client)?;
        self.opened.fetch_add(1, Ordering::Relaxed);
        Ok(client)
    }

    /// How many connections this pool has opened so far.
    pub fn opened(&self) -> usize {
        self.opened.load(Ordering::Relaxed)
    }

    /// How many connections are idle now.
    pub fn idle(&self) -> usize {
        self.idle.lock().map_or(0, |idle| idle.len())
    }

    fn take_idle(&self) -> Option<Client> {
        self.idle.lock().ok()?.pop()
    }

    /// Takes a connection back, unless it is broken or enough are idle.
    fn give_back(&self, client: Client) {
        if client.is_closed() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.max_idle
        {
            idle.push(client);
        }
    }
}

/// A connection taken from a [`Pool`], given back when dropped.
pub struct Pooled<'p> {
    pool: &'p Pool,
    client: Option<Client>,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Client;

    #[allow(clippy::expect_used)]
    fn deref(&self) -> &Client {
        self.client.as_ref().expect("taken only on drop")
    }
}

impl std::ops::DerefMut for Pooled<'_> {
    #[allow(clippy::expect_used)]
    fn deref_mut(&mut self) -> &mut Client {
        self.client.as_mut().expect("taken only on drop")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            self.pool.give_back(client);
        }
    }
}
