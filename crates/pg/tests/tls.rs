//! Connecting by address: TLS to anything off this machine, certificates
//! verified. Its own test binary, so turning TLS on in the throwaway server
//! touches no other test.

#![allow(clippy::unwrap_used)]

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use sauro_core::Lang;
use sauro_pg::connect::{is_loopback, parse};
use sauro_pg::testing::{self, SERVER_VAR};
use sauro_pg::{Error, Roots, connect};
use std::io::Write;

/// A certificate authority, and a server certificate it issued for
/// `localhost` alone, with its key: `(ca, cert, key)` in PEM.
fn authority_and_server() -> (String, String, String) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "sauro test authority");
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    (ca.pem(), cert.pem(), key.serialize_pem())
}

/// The error of a connection that must fail.
fn refused(address: &str, roots: &Roots) -> Error {
    match connect(address, roots) {
        Ok(_) => panic!("{address}: connected, but should have been refused"),
        Err(e) => e,
    }
}

#[test]
fn only_the_loopback_and_unix_sockets_are_this_machine() {
    for local in [
        "postgres://u@localhost/db",
        "postgres://u@127.0.0.1:5433/db",
        "postgres://u@[::1]/db",
        "host=/var/run/postgresql user=u dbname=db",
        "host=localhost,127.0.0.2 user=u",
    ] {
        assert!(is_loopback(&parse(local).unwrap()), "{local}");
    }
    for remote in [
        "postgres://u@db.vpcp.gov.vn/sauro",
        "postgres://u@10.0.0.5/sauro",
        "host=localhost,10.0.0.5 user=u",
        "user=u dbname=db",
    ] {
        assert!(!is_loopback(&parse(remote).unwrap()), "{remote}");
    }
}

#[test]
fn another_machine_is_never_reached_without_tls() {
    let e = refused(
        "postgres://lan@192.0.2.10/sauro?sslmode=disable",
        &Roots::none(),
    );
    assert!(matches!(e, Error::TlsRequired), "{e:?}");
    assert!(e.message(Lang::Vi).contains("chỉ được kết nối qua TLS"));
}

#[test]
fn an_unreadable_address_is_refused_without_repeating_its_password() {
    let e = refused("postgres://lan:mat-khau@host:cong/sauro", &Roots::none());
    assert!(matches!(e, Error::Address), "{e:?}");
    for lang in [Lang::Vi, Lang::En] {
        assert!(!e.message(lang).contains("mat-khau"));
    }
    assert!(e.message(Lang::Vi).starts_with("không đọc được địa chỉ"));
}

#[test]
fn a_pem_without_certificates_is_refused() {
    let mut roots = Roots::none();
    assert!(matches!(
        roots.add_pem(b"not a certificate"),
        Err(Error::Certificates)
    ));
    let (ca, _, _) = authority_and_server();
    assert_eq!(roots.add_pem(ca.as_bytes()).unwrap(), 1);
    assert_eq!(roots.len(), 1);
}

#[test]
fn tls_verifies_the_servers_certificate_and_its_host_name() {
    let Some(server) = testing::server_or_skip("tls_verifies_the_servers_certificate") else {
        return;
    };
    if !server.is_throwaway() {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED tls_verifies_the_servers_certificate: TLS is set up only on the \
             throwaway server, not the server of {SERVER_VAR}"
        );
        return;
    }
    let (ca, cert, key) = authority_and_server();
    server.enable_tls(&cert, &key).unwrap();
    let port = server.admin_config().get_ports()[0];
    let address = |host: &str, mode: &str| {
        format!("postgres://sauro_test@{host}:{port}/postgres?sslmode={mode}")
    };
    let in_tls = |c: &mut postgres::Client| -> bool {
        c.query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
    };
    let mut trusted = Roots::none();
    trusted.add_pem(ca.as_bytes()).unwrap();

    let mut c = connect(&address("localhost", "require"), &trusted).unwrap();
    assert!(in_tls(&mut c));
    // `prefer` (the default) takes TLS when the server offers it.
    let mut c = connect(&address("localhost", "prefer"), &trusted).unwrap();
    assert!(in_tls(&mut c));
    // An authority that did not issue the certificate.
    let e = refused(&address("localhost", "require"), &Roots::none());
    assert!(matches!(e, Error::Tls(_)), "{e:?}");
    assert!(
        e.message(Lang::Vi)
            .contains("chứng chỉ của máy chủ không được tin cậy")
    );
    // A certificate for `localhost` does not do for 127.0.0.1.
    let e = refused(&address("127.0.0.1", "require"), &trusted);
    assert!(matches!(e, Error::Tls(_)), "{e:?}");
    // On the loopback, sslmode=disable is followed.
    let mut c = connect(&address("127.0.0.1", "disable"), &Roots::none()).unwrap();
    assert!(!in_tls(&mut c));
    names_its_authority_with_sslrootcert(&ca, port, &in_tls);
}

/// The office names the authority of its server with `sslrootcert`, as
/// libpq users do: the server (TLS on, its certificate from `ca`) is then
/// trusted though the caller gives only the system's store, and no longer
/// from any other authority.
fn names_its_authority_with_sslrootcert(
    ca: &str,
    port: u16,
    in_tls: &dyn Fn(&mut postgres::Client) -> bool,
) {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("văn phòng");
    std::fs::create_dir(&office).unwrap();
    let ca_file = office.join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    let (other_ca, _, _) = authority_and_server();
    let other_file = dir.path().join("other-ca.pem");
    std::fs::write(&other_file, other_ca).unwrap();
    let url = |file: &str| {
        format!(
            "postgres://sauro_test@localhost:{port}/postgres?sslmode=require&sslrootcert={file}"
        )
    };
    let encoded = |path: &std::path::Path| {
        percent_encoding::utf8_percent_encode(
            path.to_str().unwrap(),
            percent_encoding::NON_ALPHANUMERIC,
        )
        .to_string()
    };
    // The system's store does not hold the test authority…
    let e = refused(&url("system"), &Roots::none());
    assert!(matches!(e, Error::Tls(_)), "{e:?}");
    // …which, named in the address (URL or key=value form, quoted), is trusted.
    let mut c = connect(&url(&encoded(&ca_file)), &Roots::system()).unwrap();
    assert!(in_tls(&mut c));
    let pairs = format!(
        "host=localhost port={port} user=sauro_test dbname=postgres sslmode=require \
         sslrootcert='{}'",
        ca_file.display()
    );
    let mut c = connect(&pairs, &Roots::system()).unwrap();
    assert!(in_tls(&mut c));
    // A named file's authorities are the only ones: another authority is
    // refused even when the caller's roots would trust the server; so is
    // `system`.
    let mut trusted = Roots::none();
    trusted.add_pem(ca.as_bytes()).unwrap();
    let e = refused(&url(&encoded(&other_file)), &trusted);
    assert!(matches!(e, Error::Tls(_)), "{e:?}");
    let e = refused(&url("system"), &trusted);
    assert!(matches!(e, Error::Tls(_)), "{e:?}");
    // A file that is not there is named, in both languages.
    let missing = dir.path().join("missing.pem");
    let e = refused(&url(&encoded(&missing)), &Roots::system());
    assert!(
        matches!(&e, Error::CaFileMissing { path } if *path == missing),
        "{e:?}"
    );
    for lang in [Lang::Vi, Lang::En] {
        assert!(
            e.message(lang).contains(&missing.display().to_string()),
            "{}",
            e.message(lang)
        );
    }
}
