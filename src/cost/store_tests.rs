//! Store tests on a real SQLite file.

use super::*;

#[test]
fn opens_in_wal_mode_and_migrates_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/cco.db");
    let store = Store::open(&path).expect("first open");
    let mode: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
    drop(store);
    let store = Store::open(&path).expect("second open");
    let version: i64 = store
        .conn()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .expect("version");
    assert_eq!(version, crate::db::SCHEMA_VERSION as i64);
}

#[test]
fn a_database_from_a_newer_cco_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cco.db");
    let store = Store::open(&path).expect("open");
    store
        .conn()
        .pragma_update(None, "user_version", 99)
        .expect("set version");
    drop(store);
    let error = Store::open(&path).err().expect("refused");
    assert!(format!("{error:#}").contains("newer cco"), "{error:#}");
}
