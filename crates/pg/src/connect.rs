//! Connecting by address (`postgres://user@host/db`, `postgresql://…`, or
//! `host=… user=… dbname=…`). A server off this machine is reached over
//! TLS only (rustls, with the ring provider): the server's certificate and
//! host name are verified against [`Roots`], and `sslmode=disable` is
//! refused. On the loopback or a Unix socket the address's `sslmode` is
//! followed (the default, `prefer`, uses TLS when the server offers it).

use crate::error::{Error, Result};
use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::net::IpAddr;
use std::sync::Arc;

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

    /// How many authorities there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

/// Reads an address. Its text is never repeated in errors: it may hold a
/// password.
///
/// # Errors
/// [`Error::Address`].
pub fn parse(address: &str) -> Result<Config> {
    address.parse().map_err(|_| Error::Address)
}

/// Connects to the database at `address`, over TLS unless it is on this
/// machine (see the module's documentation).
///
/// # Errors
/// [`Error::Address`], [`Error::TlsRequired`], [`Error::Tls`] (the server's
/// certificate is not trusted, or the server offers no TLS),
/// [`Error::Connect`].
pub fn connect(address: &str, roots: &Roots) -> Result<Client> {
    let mut config = parse(address)?;
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
    config.connect(tls(roots)?).map_err(connect_error)
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
