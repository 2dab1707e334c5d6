//! A throwaway PostgreSQL server for tests: one per test binary, started on
//! first use, with one fresh database per test.
//!
//! - `SAURO_TEST_POSTGRES=postgres://…` set: that server is used (its user
//!   must be allowed to create databases and roles).
//! - Otherwise, when `initdb` and `pg_ctl` are found (on `PATH`, or under
//!   `/usr/lib/postgresql/*/bin`), a server is made in a temporary folder
//!   and started on a free port, listening on 127.0.0.1 only. PostgreSQL
//!   refuses to run as root: as root it runs as the `postgres` user
//!   (`runuser`), in a folder given to that user. A watcher process stops
//!   the server and deletes the folder once the test process has ended,
//!   however it ended (a failed test, a panic, a kill).
//! - Otherwise the tests print why they were skipped and pass, unless
//!   `SAURO_REQUIRE_POSTGRES=1`, which turns a skip into a failure
//!   (`.ci/run` sets it where PostgreSQL is installed).

use postgres::{Client, Config, NoTls};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The variable naming an existing server to test against.
pub const SERVER_VAR: &str = "SAURO_TEST_POSTGRES";
/// The variable that makes a skipped PostgreSQL test fail.
pub const REQUIRE_VAR: &str = "SAURO_REQUIRE_POSTGRES";

/// The superuser of a server the harness makes.
const SUPERUSER: &str = "sauro_test";

/// A PostgreSQL server tests may create databases and roles on.
#[derive(Debug)]
pub struct TestServer {
    /// Connects as the server's superuser to its maintenance database.
    admin: Config,
    /// What kind of server it is, for messages.
    origin: String,
    /// The throwaway server's folder and how its programs run; `None` for
    /// the server of `SAURO_TEST_POSTGRES`.
    local: Option<(PathBuf, Runner)>,
}

static SERVER: OnceLock<Result<TestServer, String>> = OnceLock::new();
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The server of this test binary, started on first use, or why there is none.
///
/// # Errors
/// Why no server can be had, in words.
pub fn server() -> Result<&'static TestServer, String> {
    SERVER
        .get_or_init(|| match std::env::var(SERVER_VAR) {
            Ok(url) if !url.trim().is_empty() => external(url.trim()),
            _ => local(),
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The server, or `None` after saying on stderr why `test` was skipped.
///
/// # Panics
/// When there is no server and `SAURO_REQUIRE_POSTGRES=1`: a skip is then a
/// failure.
pub fn server_or_skip(test: &str) -> Option<&'static TestServer> {
    match server() {
        Ok(s) => Some(s),
        Err(why) if required() => {
            panic!("{test}: PostgreSQL is required ({REQUIRE_VAR}=1) but {why}")
        }
        Err(why) => {
            // Straight to stderr: the test harness captures `eprintln!` of
            // passing tests, and a skip must be seen.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: no PostgreSQL server ({why}); set {SERVER_VAR}=postgres://… \
                 or install PostgreSQL's initdb and pg_ctl"
            );
            None
        }
    }
}

/// True when `SAURO_REQUIRE_POSTGRES` is set to anything but empty or `0`.
pub fn required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| !v.is_empty() && v != "0")
}

fn external(url: &str) -> Result<TestServer, String> {
    let admin: Config = url
        .parse()
        .map_err(|e| format!("{SERVER_VAR} is not a PostgreSQL address: {e}"))?;
    admin
        .connect(NoTls)
        .map_err(|e| format!("cannot connect to {SERVER_VAR}: {e}"))?;
    Ok(TestServer {
        admin,
        origin: format!("the server of {SERVER_VAR}"),
        local: None,
    })
}

/// The folder holding `initdb` and `pg_ctl`: on `PATH`, or the newest
/// `/usr/lib/postgresql/N/bin`.
fn binaries() -> Option<PathBuf> {
    let has_both = |d: &Path| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find(|d| has_both(d))
        .and_then(|d| d.join("pg_ctl").canonicalize().ok())
        .and_then(|p| p.parent().map(Path::to_path_buf));
    if on_path.is_some() {
        return on_path;
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((n, e.path().join("bin")))
        })
        .filter(|(_, d)| has_both(d))
        .collect();
    versions.sort();
    versions.pop().map(|(_, d)| d)
}

/// Runs a command, its output captured; the error says what failed.
fn run(cmd: &mut Command, what: &str) -> Result<String, String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{what} could not run: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(format!(
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// How the server's programs are run: as this user, or (as root) as the
/// `postgres` user through `runuser`.
#[derive(Debug, Clone)]
struct Runner {
    /// `runuser`, when the programs run as the `postgres` user.
    runuser: Option<PathBuf>,
}

impl Runner {
    fn find() -> Result<Runner, String> {
        let uid = run(Command::new("id").arg("-u"), "id -u")?;
        if uid != "0" {
            return Ok(Runner { runuser: None });
        }
        run(
            Command::new("id").args(["-u", "postgres"]),
            "id -u postgres",
        )
        .map_err(|_| {
            "running as root, and there is no postgres user to run the server as".to_owned()
        })?;
        // Often in /usr/sbin, which a root shell has on PATH but not always.
        let on_path = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
            .unwrap_or_default();
        let runuser = on_path
            .into_iter()
            .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
            .map(|d| d.join("runuser"))
            .find(|p| p.is_file())
            .ok_or_else(|| "running as root, and runuser is not installed".to_owned())?;
        Ok(Runner {
            runuser: Some(runuser),
        })
    }

    fn as_postgres(&self) -> bool {
        self.runuser.is_some()
    }

    fn command(&self, program: &Path) -> Command {
        match &self.runuser {
            Some(runuser) => {
                let mut c = Command::new(runuser);
                c.args(["-u", "postgres", "--"]).arg(program);
                c
            }
            None => Command::new(program),
        }
    }

    /// The same as a shell command line, for the watcher.
    fn shell_prefix(&self) -> String {
        self.runuser
            .as_ref()
            .map(|r| format!("'{}' -u postgres -- ", r.display()))
            .unwrap_or_default()
    }
}

/// A free TCP port on 127.0.0.1 (free when asked; the start retries).
fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port on 127.0.0.1: {e}"))
}

fn local() -> Result<TestServer, String> {
    let bin = binaries().ok_or_else(|| {
        "initdb and pg_ctl are not on PATH nor under /usr/lib/postgresql/*/bin".to_owned()
    })?;
    let runner = Runner::find()?;
    let dir = tempfile::Builder::new()
        .prefix("sauro-pg-test-")
        .tempdir()
        .map_err(|e| format!("no temporary folder: {e}"))?
        .keep();
    // From here on the watcher deletes the folder, whatever happens next.
    watch(&runner, &bin, &dir)?;
    if runner.as_postgres() {
        run(
            Command::new("chown").arg("postgres:").arg(&dir),
            "chown postgres:",
        )?;
    }
    let data = dir.join("data");
    run(
        runner
            .command(&bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "-N",
            ]),
        "initdb",
    )?;
    let mut last = String::new();
    for _ in 0..3 {
        let port = free_port()?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            dir.display()
        );
        let started = run(
            runner
                .command(&bin.join("pg_ctl"))
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(dir.join("server.log"))
                .args(["-w", "-t", "60", "-o", &options, "start"])
                .stdout(Stdio::null()),
            "pg_ctl start",
        );
        match started {
            Ok(_) => return connect_local(port, dir, runner),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn connect_local(port: u16, dir: PathBuf, runner: Runner) -> Result<TestServer, String> {
    let mut admin = Config::new();
    admin
        .host("127.0.0.1")
        .port(port)
        .user(SUPERUSER)
        .dbname("postgres")
        .connect_timeout(Duration::from_secs(10));
    admin
        .connect(NoTls)
        .map_err(|e| format!("the test server started but refuses connections: {e}"))?;
    Ok(TestServer {
        admin,
        origin: format!("a throwaway server in {}", dir.display()),
        local: Some((dir, runner)),
    })
}

/// Starts a process that waits for this one to end, then stops the server
/// (immediate mode: nothing needs saving) and deletes its folder. It is in
/// a session of its own, so Ctrl-C on the tests does not stop it first.
fn watch(runner: &Runner, bin: &Path, dir: &Path) -> Result<(), String> {
    let script = format!(
        "while kill -0 \"$1\" 2>/dev/null; do sleep 0.2; done; \
         if [ -f \"$2/data/postmaster.pid\" ]; then \
         {}\"$3\" -D \"$2/data\" -m immediate -w stop; fi; rm -rf \"$2\"",
        runner.shell_prefix()
    );
    let mut cmd = if Path::new("/usr/bin/setsid").exists() {
        let mut c = Command::new("/usr/bin/setsid");
        c.arg("sh");
        c
    } else {
        Command::new("sh")
    };
    cmd.arg("-c")
        .arg(script)
        .arg("sauro-pg-watcher")
        .arg(std::process::id().to_string())
        .arg(dir)
        .arg(bin.join("pg_ctl"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("cannot start the watcher that stops the test server: {e}"))
}

impl TestServer {
    /// Where the server comes from, for messages.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Connects as the server's superuser to its maintenance database.
    ///
    /// # Errors
    /// Connection failures.
    pub fn admin(&self) -> Result<Client, postgres::Error> {
        self.admin.connect(NoTls)
    }

    /// How to reach the server as its superuser (host, port, user, the
    /// maintenance database).
    pub fn admin_config(&self) -> &Config {
        &self.admin
    }

    /// True for the throwaway server this harness made.
    pub fn is_throwaway(&self) -> bool {
        self.local.is_some()
    }

    /// Turns TLS on in the throwaway server with this certificate (chain)
    /// and key, both PEM, and waits until new connections can use it.
    /// Connections without TLS stay allowed.
    ///
    /// # Errors
    /// On the server of `SAURO_TEST_POSTGRES` (not ours to change), or when
    /// the files cannot be written or the server does not take them.
    pub fn enable_tls(&self, cert_pem: &str, key_pem: &str) -> Result<(), String> {
        use std::os::unix::fs::PermissionsExt;
        let (dir, runner) = self.local.as_ref().ok_or_else(|| {
            format!(
                "TLS is set up only on a throwaway server, not {}",
                self.origin
            )
        })?;
        let tls = dir.join("tls");
        let write = |name: &str, text: &str| -> Result<PathBuf, String> {
            let path = tls.join(name);
            std::fs::write(&path, text)
                .and_then(|()| {
                    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                })
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(path)
        };
        std::fs::create_dir_all(&tls).map_err(|e| format!("cannot make {}: {e}", tls.display()))?;
        let (cert, key) = (
            write("server.crt", cert_pem)?,
            write("server.key", key_pem)?,
        );
        if runner.as_postgres() {
            run(
                Command::new("chown").args(["-R", "postgres:"]).arg(&tls),
                "chown postgres:",
            )?;
        }
        let failed = |e: postgres::Error| {
            let why = e
                .as_db_error()
                .map_or_else(|| e.to_string(), |d| d.message().to_owned());
            format!("the server refused the TLS settings: {why}")
        };
        let mut admin = self.admin().map_err(failed)?;
        // One statement at a time: ALTER SYSTEM refuses a transaction block.
        for sql in [
            format!("ALTER SYSTEM SET ssl_cert_file = '{}'", cert.display()),
            format!("ALTER SYSTEM SET ssl_key_file = '{}'", key.display()),
            "ALTER SYSTEM SET ssl = on".to_owned(),
            "SELECT pg_reload_conf()".to_owned(),
        ] {
            admin.batch_execute(&sql).map_err(failed)?;
        }
        // The reload is asynchronous: wait for new connections to see it.
        for _ in 0..100 {
            let on: String = self
                .admin()
                .and_then(|mut c| c.query_one("SHOW ssl", &[]))
                .map_err(failed)?
                .get(0);
            if on == "on" {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err("the server did not turn TLS on (see its server.log)".to_owned())
    }

    /// A new, empty database for one test, dropped (with the users made
    /// for it) when the returned value is dropped.
    ///
    /// # Errors
    /// Connection or creation failures.
    pub fn fresh_database(&'static self) -> Result<TestDatabase, postgres::Error> {
        let n = DATABASES.fetch_add(1, Ordering::SeqCst);
        let name = format!("sauro_t{}_{n}", std::process::id());
        self.admin()?
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0"))?;
        Ok(TestDatabase {
            server: self,
            name,
            users: Vec::new(),
        })
    }
}

/// One test's database on the [`TestServer`].
#[derive(Debug)]
pub struct TestDatabase {
    server: &'static TestServer,
    name: String,
    users: Vec<String>,
}

impl TestDatabase {
    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Connects as the server's superuser.
    ///
    /// # Errors
    /// Connection failures.
    pub fn connect(&self) -> Result<Client, postgres::Error> {
        let mut c = self.server.admin.clone();
        c.dbname(&self.name);
        c.connect(NoTls)
    }

    /// The database's address as its superuser (`postgres://…`, without
    /// TLS: the throwaway server is on the loopback), for what connects by
    /// address (`sauro_pg::connect`, the `sauro` binary).
    pub fn address(&self) -> String {
        let admin = &self.server.admin;
        let user = admin.get_user().unwrap_or("postgres").to_owned();
        let password = admin
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        self.address_of(&user, password.as_deref())
    }

    /// The address of the user made by [`TestDatabase::user`] with `label`.
    pub fn user_address(&self, label: &str) -> String {
        let user = format!("{}_{label}", self.name);
        let password = format!("pw-{user}");
        self.address_of(&user, Some(&password))
    }

    fn address_of(&self, user: &str, password: Option<&str>) -> String {
        let admin = &self.server.admin;
        let port = admin.get_ports().first().copied().unwrap_or(5432);
        let secret = password
            .map(|p| format!(":{}", encoded(p)))
            .unwrap_or_default();
        let (host, socket) = match admin.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => (h.clone(), String::new()),
            Some(postgres::config::Host::Unix(dir)) => (
                String::new(),
                format!("&host={}", encoded(&dir.to_string_lossy())),
            ),
            None => ("localhost".to_owned(), String::new()),
        };
        format!(
            "postgres://{}{secret}@{host}:{port}/{}?sslmode=disable{socket}",
            encoded(user),
            self.name
        )
    }

    /// Makes a login user for this test, a member of `roles` (e.g.
    /// `sauro_reader`), and connects as it. The user is named after the
    /// database and `label`, and dropped with the database.
    ///
    /// # Errors
    /// Creation or connection failures.
    pub fn user(&mut self, label: &str, roles: &[&str]) -> Result<Client, postgres::Error> {
        let user = format!("{}_{label}", self.name);
        let password = format!("pw-{user}");
        let mut admin = self.connect()?;
        admin.batch_execute(&format!("CREATE ROLE {user} LOGIN PASSWORD '{password}'"))?;
        self.users.push(user.clone());
        for role in roles {
            admin.batch_execute(&format!("GRANT {role} TO {user}"))?;
        }
        let mut c = self.server.admin.clone();
        c.dbname(&self.name).user(&user).password(&password);
        c.connect(NoTls)
    }
}

/// Percent-encodes all but unreserved characters, for an address.
fn encoded(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Ok(mut admin) = self.server.admin() else {
            return;
        };
        // A failure leaves a database behind on a shared server; the
        // throwaway one is deleted whole anyway.
        let _ = admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
        for user in &self.users {
            let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS {user}"));
        }
    }
}
