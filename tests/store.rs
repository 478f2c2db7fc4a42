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
    let figures = store
        .figures(&store.reach("admin").unwrap(), None, common::TODAY, 0.75)
        .unwrap();
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
    assert!(matches!(error, StoreError::AlreadyExists(_)), "{error:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
}

#[test]
fn files_that_are_not_registers_are_refused_untouched() {
    let dir = tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all, just some text").unwrap();
    let error = Store::open(&text, Access::ReadWrite).err().unwrap();
    assert!(matches!(error, StoreError::NotARegister(_)), "{error:?}");
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
    assert!(matches!(error, StoreError::NotARegister(_)), "{error:?}");

    let missing = dir.path().join("no/such/folder/r.db");
    let error = Store::open(&missing, Access::ReadWrite).err().unwrap();
    assert!(matches!(error, StoreError::Missing(_)), "{error:?}");
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
    assert!(matches!(error, StoreError::TooNew { .. }), "{error:?}");
    assert!(
        registro::store::describe(
            &error,
            registro::i18n::Catalogue::get(registro::i18n::Lang::En)
        )
        .contains("newer version"),
        "{error:?}"
    );
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
    assert!(matches!(error, StoreError::ReadOnly(_)), "{error:?}");
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
        // Data as the old version wrote it, in the file it left.
        let path = frozen_register(dir.path(), version);

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
    let path = frozen_register(dir.path(), 1);
    let error = Store::open(&path, Access::ReadOnly).err().unwrap();
    assert!(matches!(error, StoreError::NeedsUpgrade(_)), "{error:?}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

/// Whether inserting through `conn` was refused by a CHECK constraint.
fn refused_by_check(result: rusqlite::Result<usize>) -> bool {
    matches!(
        result,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_CHECK
    )
}

/// The register at `path` checks status, gender and mark by comparisons
/// (no `IN (` left in those tables' text), still allows every good value,
/// refuses bad ones, and passes `integrity_check`.
fn assert_checks_respelt_and_enforced(path: &std::path::Path, from: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for table in ["person", "enrolment", "attendance"] {
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |row| row.get(0),
            )
            .unwrap();
        assert!(!sql.contains(" IN ("), "{table} from {from}: {sql}");
        assert!(sql.contains(" OR "), "{table} from {from}: {sql}");
    }
    conn.execute_batch(
        "INSERT INTO axis(code, title) VALUES ('IX', 'Prova');
         INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
             VALUES ('CHK', 'Controlli', (SELECT max(id) FROM axis), 'Cremona', 960, 30);
         INSERT INTO session(module_id, date, start_minute, end_minute)
             VALUES ((SELECT id FROM module WHERE code = 'CHK'), '2026-01-01', 540, 780);",
    )
    .unwrap();
    let person = |gender: &str| {
        conn.execute(
            "INSERT INTO person(surname, given_name, gender) VALUES ('Rossi', 'Anna', ?1)",
            [gender],
        )
    };
    // Six people, one for each status and one for the refused ones.
    let mut people = Vec::new();
    for good in ["F", "M", "X", "F", "M", "X"] {
        person(good).unwrap();
        people.push(conn.last_insert_rowid());
    }
    for bad in ["f", "Q", "", "F "] {
        assert!(refused_by_check(person(bad)), "gender {bad:?} from {from}");
    }
    let module_id: i64 = conn
        .query_row("SELECT id FROM module WHERE code = 'CHK'", [], |row| {
            row.get(0)
        })
        .unwrap();
    let enrolment = |person_id: i64, status: &str| {
        conn.execute(
            "INSERT INTO enrolment(person_id, module_id, received_on, status)
             VALUES (?1, ?2, '2026-01-01', ?3)",
            rusqlite::params![person_id, module_id, status],
        )
    };
    let statuses = [
        "requested",
        "accepted",
        "rejected",
        "waitlisted",
        "withdrawn",
    ];
    for (status, who) in statuses.iter().zip(&people) {
        enrolment(*who, status).unwrap();
    }
    let last = people[5];
    for bad in ["pending", "Accepted", ""] {
        assert!(
            refused_by_check(enrolment(last, bad)),
            "status {bad:?} from {from}"
        );
    }
    let session_id: i64 = conn
        .query_row("SELECT max(id) FROM session", [], |row| row.get(0))
        .unwrap();
    let enrolments: Vec<i64> = {
        let mut statement = conn
            .prepare("SELECT id FROM enrolment WHERE module_id = ?1 ORDER BY id")
            .unwrap();
        statement
            .query_map([module_id], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let mark = |enrolment_id: i64, mark: &str| {
        conn.execute(
            "INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by)
             VALUES (?1, ?2, 60, ?3, '2026-01-01T09:00:00Z', 'tutor')",
            rusqlite::params![enrolment_id, session_id, mark],
        )
    };
    let marks = ["present", "absent", "late", "left-early", "excused"];
    for (good, enrolment_id) in marks.iter().zip(&enrolments) {
        mark(*enrolment_id, good).unwrap();
    }
    conn.execute(
        "DELETE FROM attendance WHERE enrolment_id = ?1",
        [enrolments[0]],
    )
    .unwrap();
    for bad in ["here", "PRESENT", "left early"] {
        assert!(
            refused_by_check(mark(enrolments[0], bad)),
            "mark {bad:?} from {from}"
        );
    }
    // A status changed later is checked the same way.
    let changed = conn.execute(
        "UPDATE enrolment SET status = 'lost' WHERE id = ?1",
        [enrolments[0]],
    );
    assert!(refused_by_check(changed), "update from {from}");
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(check, ["ok"], "from {from}");
}

#[test]
fn status_gender_and_mark_are_checked_by_comparisons_in_new_and_upgraded_registers() {
    let dir = tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::create(&path, &common::actor(), DEFAULT_AXES).unwrap());
    assert_checks_respelt_and_enforced(&path, "a new register");
    for version in 1..latest_version() {
        // Rows the old checks allowed (a request on the waiting list),
        // which the new ones must allow too.
        let path = frozen_register(dir.path(), version);
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_version());
        drop(store);
        assert_checks_respelt_and_enforced(&path, &format!("version {version}"));
    }
}

/// A copy in `folder` of the register that schema `version` left, frozen
/// in `tests/fixtures/registers/` when that version was released (made
/// by `examples/freeze_register.rs`, never again): an old step edited
/// since would not upgrade it the same way.
fn frozen_register(folder: &std::path::Path, version: i64) -> std::path::PathBuf {
    let frozen = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/registers")
        .join(format!("v{version}.db"));
    let copy = folder.join(format!("v{version}.db"));
    std::fs::copy(&frozen, &copy).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; a new schema version needs its frozen register: \
             cargo run --example freeze_register -- {version} {}",
            frozen.display(),
            frozen.display()
        )
    });
    copy
}

#[test]
fn every_schema_version_has_a_frozen_register_that_says_its_version() {
    let dir = tempdir().unwrap();
    for version in 1..=latest_version() {
        let path = frozen_register(dir.path(), version);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(found, version, "{}", path.display());
    }
}
