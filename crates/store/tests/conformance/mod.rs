//! The conformance tests (`sauro_store::conformance`) on the SQLite store:
//! the same bodies run on PostgreSQL in `crates/pg/tests/store.rs`.

use sauro_store::conformance::{Who, fixture, registry};
use sauro_store::{Store, TaskStore};

/// A store in a new file (so a test can open a second session on it,
/// `TaskStore::reconnect`) holding the test's fixture, then the test.
fn on_sqlite(name: &str, test: fn(&mut dyn TaskStore, &Who)) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("conformance.db")).unwrap();
    s.ensure_agencies(&registry()).unwrap();
    let f = fixture(name);
    s.import(&f.sources(), &f.loader).unwrap();
    test(&mut s, &Who::Given);
}

sauro_store::conformance_tests!(on_sqlite);
