//! The register as a file: created, reopened, upgraded, refused.

mod common;

use registro::store::{Access, DEFAULT_AXES, MIGRATIONS, Store, StoreError, latest_version};
use tempfile::tempdir;

#[test]
fn a_new_register_has_the_five_axes_and_its_creator_as_admin() {
    let dir = tempdir().unwrap();
    let path = dir.path().join("r.db");
    let store = Store::create(&path, &common::actor(), DEFAULT_AXES).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let figures = store.figures(None, common::TODAY, 0.75).unwrap();
    assert_eq!(figures.modules, 0);
    assert_eq!(figures.attendance_rate, None);
    assert_eq!(
        store.user("admin").unwrap(),
        Some(("admin".to_string(), "admin".to_string()))
    );
    drop(store);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
}

#[test]
fn the_register_runs_in_wal_with_foreign_keys() {
    let dir = tempdir().unwrap();
    let path = dir.path().join("r.db");
    Store::create(&path, &common::actor(), DEFAULT_AXES).unwrap();
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    // A row pointing nowhere is refused by the foreign keys.
    let refused = store.write(|tx| {
        tx.execute(
            "INSERT INTO session(module_id, date, start_minute, end_minute) VALUES (999, '2026-01-01', 540, 780)",
            [],
        )?;
        Ok(())
    });
    assert!(refused.is_err());
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn creating_over_an_existing_file_is_refused_and_leaves_it_alone() {
    let dir = tempdir().unwrap();
    let path = dir.path().join("r.db");
    std::fs::write(&path, b"precious").unwrap();
    let error = Store::create(&path, &common::actor(), DEFAULT_AXES)
        .err()
        .unwrap();
    assert!(matches!(error, StoreError::AlreadyExists(_)), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
}

#[test]
fn files_that_are_not_registers_are_refused_untouched() {
    let dir = tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all, just some text").unwrap();
    let error = Store::open(&text, Access::ReadWrite).err().unwrap();
    assert!(matches!(error, StoreError::NotARegister(_)), "{error}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "not a database at all, just some text"
    );

    // Another program's SQLite database is not a register either.
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t(x); PRAGMA user_version = 1;")
        .unwrap();
    drop(conn);
    let error = Store::open(&other, Access::ReadWrite).err().unwrap();
    assert!(matches!(error, StoreError::NotARegister(_)), "{error}");

    let missing = dir.path().join("no/such/folder/r.db");
    let error = Store::open(&missing, Access::ReadWrite).err().unwrap();
    assert!(matches!(error, StoreError::Missing(_)), "{error}");
    assert!(!missing.parent().unwrap().exists());
}

#[test]
fn a_register_from_a_newer_version_is_refused_with_a_reason() {
    let dir = tempdir().unwrap();
    let path = dir.path().join("r.db");
    drop(Store::create(&path, &common::actor(), DEFAULT_AXES).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    drop(conn);
    let error = Store::open(&path, Access::ReadWrite).err().unwrap();
    assert!(matches!(error, StoreError::TooNew { .. }), "{error}");
    assert!(error.to_string().contains("newer version"), "{error}");
}

#[test]
fn a_read_only_register_is_refused_for_writing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir().unwrap();
    let path = dir.path().join("r.db");
    drop(Store::create(&path, &common::actor(), DEFAULT_AXES).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path, Access::ReadWrite).err().unwrap();
    assert!(matches!(error, StoreError::ReadOnly(_)), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn new_registers_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir().unwrap();
    let path = dir.path().join("r.db");
    drop(Store::create(&path, &common::actor(), DEFAULT_AXES).unwrap());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_register_at_every_earlier_version_is_upgraded_keeping_its_data() {
    for version in 1..latest_version() {
        let dir = tempdir().unwrap();
        let path = dir.path().join("old.db");
        Store::create_at_version(&path, version).unwrap();
        // Data as the old version wrote it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO axis(code, title) VALUES ('I', 'Lingua');
             INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                 VALUES ('M01', 'Accoglienza', 1, 'Cremona', 960, 30);
             INSERT INTO note(author, created_at, updated_at, body)
                 VALUES ('tutor', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z', 'Aula fredda, perché?');
             INSERT INTO person(surname, given_name, gender, organisation)
                 VALUES ('Niccolò', 'Bianchi', 'F', 'Comune di Crema');",
        )
        .unwrap();
        drop(conn);

        let store = Store::open(&path, Access::ReadWrite).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            latest_version(),
            "from {version}"
        );
        assert_eq!(store.module_id("m01").unwrap(), Some(1));
        drop(store);
        // The note written before search existed is found by it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM note_text WHERE note_text MATCH 'perche'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "from version {version}");
        // So is a person who was there before the people's index.
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM person_text WHERE person_text MATCH '\"niccolo\"'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "from version {version}");
    }
    assert!(MIGRATIONS.len() >= 2);
}

#[test]
fn an_old_register_opened_read_only_is_not_upgraded() {
    let dir = tempdir().unwrap();
    let path = dir.path().join("old.db");
    Store::create_at_version(&path, 1).unwrap();
    let error = Store::open(&path, Access::ReadOnly).err().unwrap();
    assert!(matches!(error, StoreError::NeedsUpgrade(_)), "{error}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1);
}
