//! Connecting by address (`postgres://user@host/db`, `postgresql://…`, or
//! `host=… user=… dbname=…`). A server off this machine is reached over
//! TLS only (rustls, with the ring provider): the server's certificate and
//! host name are verified against [`Roots`], and `sslmode=disable` is
//! refused. On the loopback or a Unix socket the address's `sslmode` is
//! followed (the default, `prefer`, uses TLS when the server offers it).
//!
//! The authorities are named as libpq users name them: `sslrootcert` in
//! the address (`postgres://u@h/db?sslrootcert=/etc/sauro/ca.pem`, or
//! `host=h sslrootcert=/etc/sauro/ca.pem`), else the environment's
//! `PGSSLROOTCERT`. A file's certificates are then the only authorities
//! trusted; `system` is the system's store ([`Roots::system`]); neither
//! given, the caller's [`Roots`]. The driver knows no `sslrootcert` (it
//! refuses options it does not know), so it is taken out of the address
//! before the driver reads the rest.

use crate::error::{Error, Result};
use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::borrow::Cow;
use std::ffi::OsStr;
use std::iter::Peekable;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::str::CharIndices;
use std::sync::Arc;

/// The environment variable naming the authorities when the address does
/// not (libpq's).
pub const ROOT_CERT_VAR: &str = "PGSSLROOTCERT";

/// The address option naming the authorities (libpq's).
const ROOT_CERT_OPTION: &str = "sslrootcert";

/// The certificate authorities a server's certificate must come from.
#[derive(Debug, Clone)]
pub struct Roots(RootCertStore);

impl Roots {
    /// The system's authorities (`/etc/ssl/certs`, or `SSL_CERT_FILE` /
    /// `SSL_CERT_DIR`); certificates it cannot read are left out.
    pub fn system() -> Roots {
        let mut store = RootCertStore::empty();
        let found = rustls_native_certs::load_native_certs();
        store.add_parsable_certificates(found.certs);
        Roots(store)
    }

    /// No authority at all: only those added with [`Roots::add_pem`].
    pub fn none() -> Roots {
        Roots(RootCertStore::empty())
    }

    /// Adds the certificates of a PEM file (an office's own authority, say)
    /// and returns how many.
    ///
    /// # Errors
    /// [`Error::Certificates`] when it holds no certificate that can be used.
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<usize> {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem)
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| Error::Certificates)?;
        let (added, _) = self.0.add_parsable_certificates(certs);
        if added == 0 {
            return Err(Error::Certificates);
        }
        Ok(added)
    }

    /// The certificates of a PEM file, and no other authority: what
    /// `sslrootcert=FILE` trusts.
    ///
    /// # Errors
    /// [`Error::CaFileMissing`], [`Error::CaFileUnreadable`] (a folder, no
    /// permission), [`Error::CaFileEmpty`] (no usable certificate in it),
    /// each naming the file.
    pub fn from_pem_file(path: &Path) -> Result<Roots> {
        let pem = std::fs::read(path).map_err(|e| {
            let path = path.to_path_buf();
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::CaFileMissing { path }
            } else {
                Error::CaFileUnreadable { path }
            }
        })?;
        let mut roots = Roots::none();
        roots.add_pem(&pem).map_err(|_| Error::CaFileEmpty {
            path: path.to_path_buf(),
        })?;
        Ok(roots)
    }

    /// How many authorities there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Where the server's certificate authorities come from: libpq's
/// `sslrootcert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootCert {
    /// `system`: the system's store ([`Roots::system`]).
    System,
    /// A PEM file: its certificates, and no other, are trusted.
    File(PathBuf),
}

impl RootCert {
    /// A value as libpq reads it: `system` is the system's store (a file
    /// of that name is `./system`), anything else a file; an empty value
    /// names nothing.
    pub fn from_value(value: &OsStr) -> Option<RootCert> {
        if value.is_empty() {
            None
        } else if value == "system" {
            Some(RootCert::System)
        } else {
            Some(RootCert::File(PathBuf::from(value)))
        }
    }

    /// What the address names (`sslrootcert`, even empty) or else the
    /// environment (`PGSSLROOTCERT`): the address wins.
    pub fn chosen(in_address: Option<&str>, in_env: Option<&OsStr>) -> Option<RootCert> {
        match in_address {
            Some(value) => RootCert::from_value(OsStr::new(value)),
            None => in_env.and_then(RootCert::from_value),
        }
    }

    /// The authorities it names.
    ///
    /// # Errors
    /// As [`Roots::from_pem_file`].
    pub fn roots(&self) -> Result<Roots> {
        match self {
            RootCert::System => Ok(Roots::system()),
            RootCert::File(path) => Roots::from_pem_file(path),
        }
    }
}

/// Takes `sslrootcert` out of an address, in either form: the rest of the
/// address, as the driver reads it, and the option's value (decoded: a URL's
/// `%20`, a quoted or escaped `key=value` value), the last one when it is
/// given twice. The address is split as the driver splits it, so what is
/// left reads as before.
///
/// # Errors
/// [`Error::Address`] (never repeating the address: it may hold a
/// password).
pub fn split_root_cert(address: &str) -> Result<(String, Option<String>)> {
    for prefix in ["postgres://", "postgresql://"] {
        if let Some(rest) = address.strip_prefix(prefix) {
            return split_url(prefix, rest);
        }
    }
    split_key_value(address)
}

/// [`split_root_cert`] of `prefix` + `rest`, a URL: its query begins at
/// the first `?` after the user and password (up to the first `@`), and
/// holds `key=value` pairs joined by `&`, both percent-encoded.
fn split_url(prefix: &str, rest: &str) -> Result<(String, Option<String>)> {
    let after_user = rest.find('@').map_or(0, |at| at + 1);
    let Some(mark) = rest[after_user..].find('?').map(|q| after_user + q) else {
        return Ok((format!("{prefix}{rest}"), None));
    };
    let mut query = &rest[mark + 1..];
    let mut kept = Vec::new();
    let mut found = None;
    while !query.is_empty() {
        let Some(eq) = query.find('=') else {
            kept.push(query); // the driver refuses it
            break;
        };
        let end = query[eq + 1..]
            .find('&')
            .map_or(query.len(), |a| eq + 1 + a);
        if decoded(&query[..eq])? == ROOT_CERT_OPTION {
            found = Some(decoded(&query[eq + 1..end])?.into_owned());
        } else {
            kept.push(&query[..end]);
        }
        query = query.get(end + 1..).unwrap_or("");
    }
    let mut left = format!("{prefix}{}", &rest[..mark]);
    if !kept.is_empty() {
        left.push('?');
        left.push_str(&kept.join("&"));
    }
    Ok((left, found))
}

/// A percent-encoded piece of a URL, decoded.
fn decoded(s: &str) -> Result<Cow<'_, str>> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_err(|_| Error::Address)
}

/// [`split_root_cert`] of `key=value` pairs separated by white space, a
/// value either plain (up to white space) or between single quotes, `\`
/// escaping the next character in both.
fn split_key_value(address: &str) -> Result<(String, Option<String>)> {
    let mut words = Words {
        s: address,
        it: address.char_indices().peekable(),
    };
    let mut cut = Vec::new();
    let mut found = None;
    loop {
        words.skip_space();
        let start = words.at();
        let key = words.keyword();
        if key.is_empty() {
            break; // the end, or a `=` without a key, which the driver ignores too
        }
        words.skip_space();
        if !words.eat('=') {
            return Err(Error::Address);
        }
        words.skip_space();
        let value = words.value().ok_or(Error::Address)?;
        if key == ROOT_CERT_OPTION {
            found = Some(value);
            cut.push(start..words.at());
        }
    }
    let mut left = String::with_capacity(address.len());
    let mut from = 0;
    for range in cut {
        left.push_str(&address[from..range.start]);
        from = range.end;
    }
    left.push_str(&address[from..]);
    Ok((left, found))
}

/// A `key=value` address read character by character, as the driver reads
/// it.
struct Words<'a> {
    /// The address.
    s: &'a str,
    /// Its characters not read yet.
    it: Peekable<CharIndices<'a>>,
}

impl<'a> Words<'a> {
    /// Where the next character is (the end when there is none).
    fn at(&mut self) -> usize {
        self.it.peek().map_or(self.s.len(), |&(i, _)| i)
    }

    /// Skips white space.
    fn skip_space(&mut self) {
        while self.it.next_if(|(_, c)| c.is_whitespace()).is_some() {}
    }

    /// Takes `c` when it comes next.
    fn eat(&mut self, c: char) -> bool {
        self.it.next_if(|&(_, d)| d == c).is_some()
    }

    /// A key: up to white space or `=` (empty at the end).
    fn keyword(&mut self) -> &'a str {
        let start = self.at();
        while self
            .it
            .next_if(|&(_, c)| !c.is_whitespace() && c != '=')
            .is_some()
        {}
        &self.s[start..self.at()]
    }

    /// A value, unescaped: `None` when it is empty and unquoted, or its
    /// quote is not closed.
    fn value(&mut self) -> Option<String> {
        let quoted = self.eat('\'');
        let mut value = String::new();
        loop {
            match self.it.peek().map(|&(_, c)| c) {
                None if quoted => return None,
                Some('\'') if quoted => {
                    self.it.next();
                    return Some(value);
                }
                Some(c) if !quoted && c.is_whitespace() => break,
                None => break,
                Some(c) => {
                    self.it.next();
                    if c == '\\' {
                        if let Some((_, escaped)) = self.it.next() {
                            value.push(escaped);
                        }
                    } else {
                        value.push(c);
                    }
                }
            }
        }
        (!value.is_empty()).then_some(value)
    }
}

/// True when every host of the address is this machine: a Unix socket,
/// `localhost`, or a loopback IP address. No host at all is not.
pub fn is_loopback(config: &Config) -> bool {
    let hosts = config.get_hosts();
    !hosts.is_empty()
        && hosts.iter().all(|h| match h {
            Host::Tcp(name) => {
                name.eq_ignore_ascii_case("localhost")
                    || name
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .parse::<IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            Host::Unix(_) => true,
        })
}

/// Reads an address, `sslrootcert` left out (see [`split_root_cert`]). Its
/// text is never repeated in errors: it may hold a password.
///
/// # Errors
/// [`Error::Address`].
pub fn parse(address: &str) -> Result<Config> {
    let (rest, _) = split_root_cert(address)?;
    rest.parse().map_err(|_| Error::Address)
}

/// Connects to the database at `address`, over TLS unless it is on this
/// machine (see the module's documentation). The server's certificate must
/// come from the authorities the address's `sslrootcert` names, else those
/// of `PGSSLROOTCERT`, else `roots`.
///
/// # Errors
/// [`Error::Address`], [`Error::TlsRequired`], [`Error::CaFileMissing`],
/// [`Error::CaFileUnreadable`], [`Error::CaFileEmpty`], [`Error::Tls`] (the
/// server's certificate is not trusted, or the server offers no TLS),
/// [`Error::Connect`].
pub fn connect(address: &str, roots: &Roots) -> Result<Client> {
    let (rest, root_cert) = split_root_cert(address)?;
    let mut config: Config = rest.parse().map_err(|_| Error::Address)?;
    let local = is_loopback(&config);
    let mode = config.get_ssl_mode();
    if mode == SslMode::Disable {
        if local {
            return config.connect(NoTls).map_err(connect_error);
        }
        return Err(Error::TlsRequired);
    }
    if !local {
        config.ssl_mode(SslMode::Require);
    }
    let env = std::env::var_os(ROOT_CERT_VAR);
    let named = match RootCert::chosen(root_cert.as_deref(), env.as_deref()) {
        Some(named) => Cow::Owned(named.roots()?),
        None => Cow::Borrowed(roots),
    };
    config.connect(tls(&named)?).map_err(connect_error)
}

/// The rustls connector: ring as the provider (never the process default,
/// so no other crate's choice can make it panic), safe protocol versions.
fn tls(roots: &Roots) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| Error::TlsSetup)?
        .with_root_certificates(roots.0.clone())
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// A failed connection: [`Error::Tls`] when TLS was the cause. The driver
/// says so only in its text ("error performing TLS handshake", "server
/// does not support TLS"), its kinds being private.
fn connect_error(e: postgres::Error) -> Error {
    if e.code().is_none() && e.to_string().contains("TLS") {
        Error::Tls(e)
    } else {
        Error::Connect(e)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::{RootCert, connect, parse, split_root_cert};
    use crate::{Error, Roots};
    use sauro_core::Lang;
    use std::ffi::OsStr;
    use std::path::PathBuf;

    /// The address left and the value taken.
    fn split(address: &str) -> (String, Option<String>) {
        split_root_cert(address).unwrap()
    }

    #[test]
    fn sslrootcert_is_taken_out_of_a_url_and_the_rest_kept() {
        assert_eq!(
            split("postgres://lan@db.vpcp.gov.vn/sauro?sslrootcert=/etc/sauro/ca.pem"),
            (
                "postgres://lan@db.vpcp.gov.vn/sauro".to_owned(),
                Some("/etc/sauro/ca.pem".to_owned())
            )
        );
        // Other options stay, in order; the value is percent-decoded.
        assert_eq!(
            split(
                "postgresql://lan@h:5433/sauro?sslmode=require&sslrootcert=/tmp/C%C3%A1%20ca.pem\
                 &application_name=sauro"
            ),
            (
                "postgresql://lan@h:5433/sauro?sslmode=require&application_name=sauro".to_owned(),
                Some("/tmp/Cá ca.pem".to_owned())
            )
        );
        // A `?` or `&` in the password is not the query.
        assert_eq!(
            split("postgres://lan:a?b&sslrootcert=x@h/sauro"),
            ("postgres://lan:a?b&sslrootcert=x@h/sauro".to_owned(), None)
        );
        // The last one given wins; without one, nothing changes.
        assert_eq!(
            split("postgres://h/db?sslrootcert=a.pem&sslrootcert=b.pem").1,
            Some("b.pem".to_owned())
        );
        assert_eq!(
            split("postgres://h/db?sslmode=disable"),
            ("postgres://h/db?sslmode=disable".to_owned(), None)
        );
        // What is left is read by the driver as before.
        let config =
            parse("postgres://lan@h/sauro?sslrootcert=/ca.pem&application_name=x").unwrap();
        assert_eq!(config.get_dbname(), Some("sauro"));
        assert_eq!(config.get_application_name(), Some("x"));
    }

    #[test]
    fn sslrootcert_is_taken_out_of_key_value_pairs_quoted_or_not() {
        assert_eq!(
            split("host=h sslrootcert=/etc/sauro/ca.pem dbname=sauro"),
            (
                "host=h  dbname=sauro".to_owned(),
                Some("/etc/sauro/ca.pem".to_owned())
            )
        );
        assert_eq!(
            split(r"host=h sslrootcert = '/srv/Văn phòng/it\'s ca.pem' user=lan"),
            (
                "host=h  user=lan".to_owned(),
                Some("/srv/Văn phòng/it's ca.pem".to_owned())
            )
        );
        assert_eq!(
            split(r"sslrootcert=/srv/a\ b.pem host=h").1,
            Some("/srv/a b.pem".to_owned())
        );
        // A value that merely contains the word is not the option.
        assert_eq!(
            split("host=h application_name='sslrootcert=x'"),
            ("host=h application_name='sslrootcert=x'".to_owned(), None)
        );
        let config = parse("host=h port=5433 sslrootcert='/a b/ca.pem' user=lan").unwrap();
        assert_eq!(config.get_ports(), &[5433]);
        assert_eq!(config.get_user(), Some("lan"));
        // An unclosed quote or a key without a value is refused.
        for bad in ["host=h sslrootcert='/ca.pem", "host=h sslrootcert=", "host"] {
            assert!(matches!(split_root_cert(bad), Err(Error::Address)), "{bad}");
        }
    }

    #[test]
    fn the_address_wins_over_pgsslrootcert_and_system_is_the_systems_store() {
        let env = Some(OsStr::new("/env/ca.pem"));
        let file = |p: &str| Some(RootCert::File(PathBuf::from(p)));
        assert_eq!(RootCert::chosen(Some("/a/ca.pem"), env), file("/a/ca.pem"));
        assert_eq!(RootCert::chosen(None, env), file("/env/ca.pem"));
        assert_eq!(RootCert::chosen(None, None), None);
        assert_eq!(
            RootCert::chosen(Some("system"), env),
            Some(RootCert::System)
        );
        assert_eq!(
            RootCert::chosen(None, Some(OsStr::new("system"))),
            Some(RootCert::System)
        );
        assert_eq!(RootCert::chosen(Some("./system"), None), file("./system"));
        // Given empty in the address: the default, not the environment's.
        assert_eq!(RootCert::chosen(Some(""), env), None);
        assert_eq!(RootCert::chosen(None, Some(OsStr::new(""))), None);
    }

    #[test]
    fn a_missing_authority_file_is_named_and_the_password_never_is() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("không-có.pem");
        // Port 1 of the loopback: the file is read before any connection.
        let address = format!(
            "postgres://lan:mat-khau@127.0.0.1:1/sauro?sslrootcert={}",
            missing.display()
        );
        let e = connect(&address, &Roots::none()).err().unwrap();
        assert!(
            matches!(&e, Error::CaFileMissing { path } if *path == missing),
            "{e:?}"
        );
        let (vi, en) = (e.message(Lang::Vi), e.message(Lang::En));
        assert!(vi.starts_with("không có tệp chứng chỉ gốc"), "{vi}");
        assert!(en.starts_with("the root certificate file"), "{en}");
        for m in [vi, en] {
            assert!(m.contains(&missing.display().to_string()), "{m}");
            assert!(!m.contains("mat-khau"), "{m}");
        }
        // An address the driver cannot read says nothing of it either.
        let e = connect(
            "postgres://lan:mat-khau@h:cong/s?sslrootcert=/c.pem",
            &Roots::none(),
        )
        .err()
        .unwrap();
        assert!(matches!(e, Error::Address), "{e:?}");
        assert!(!e.message(Lang::En).contains("mat-khau"));
    }

    #[test]
    fn an_authority_file_without_certificates_or_a_folder_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("ca.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let e = Roots::from_pem_file(&empty).unwrap_err();
        assert!(
            matches!(&e, Error::CaFileEmpty { path } if *path == empty),
            "{e:?}"
        );
        assert!(
            e.message(Lang::Vi)
                .contains("không chứa chứng chỉ PEM dùng được")
        );
        let e = Roots::from_pem_file(dir.path()).unwrap_err();
        assert!(matches!(&e, Error::CaFileUnreadable { .. }), "{e:?}");
        assert!(e.message(Lang::Vi).contains(&format!(
            "không đọc được tệp chứng chỉ gốc {}",
            dir.path().display()
        )));
    }
}
