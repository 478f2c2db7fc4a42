//! The large register, at a hundredth of its size: the counts asked for,
//! every foreign key sound, every row where its checks want it, and the
//! same register every time for the same day.

use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use registro::context::{Actor, Clock};
use registro::demo::{self, DemoSummary, Scale};
use registro::store::{Access, DEFAULT_AXES, Store};
use rusqlite::Connection;

const TODAY: Date = date(2026, 11, 26);

fn make(dir: &Path, name: &str, scale: Scale) -> (PathBuf, DemoSummary) {
    let path = dir.join(name);
    let actor = Actor::new("admin", Clock::at_noon(TODAY));
    let mut store = Store::create(&path, &actor, DEFAULT_AXES).unwrap();
    let summary = demo::populate_large(&mut store, &actor, TODAY, scale).unwrap();
    (path, summary)
}

/// Every row of every table that the generator writes, in key order.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut lines = Vec::new();
    for (table, key) in [
        ("module", "id"),
        ("session", "id"),
        ("person", "id"),
        ("enrolment", "id"),
        ("enrolment_history", "id"),
        ("attendance", "enrolment_id, session_id"),
        ("rating", "enrolment_id"),
        ("note", "id"),
        ("note_subject", "note_id"),
        ("user_module", "user_id, module_id"),
    ] {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {key}"))
            .unwrap();
        let columns = statement.column_count();
        let rows = statement
            .query_map([], |row| {
                let cells = (0..columns)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(format!("{table}: {}", cells.join("|")))
            })
            .unwrap();
        lines.extend(rows.map(Result::unwrap));
    }
    lines
}

#[test]
fn a_hundredth_of_the_large_register_is_whole_sound_and_repeatable() {
    let dir = tempfile::tempdir().unwrap();
    let scale = Scale::LARGE.divided(100);
    let (first, summary) = make(dir.path(), "a.registro", scale);
    assert_eq!(summary.persons, 1_000);
    assert_eq!(summary.modules, 20);
    assert_eq!(summary.enrolments, 3_000);
    assert_eq!(summary.attendance_rows, 10_000);
    assert_eq!(summary.notes, 500);
    assert!(summary.sessions > 180, "{summary:?}");
    assert!(summary.participations > 2_000, "{summary:?}");
    assert!(summary.ratings > 0, "{summary:?}");

    let conn = Connection::open(&first).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "foreign keys pointing nowhere");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // Marks only on participations, in sessions of their own module.
    let stray: i64 = conn
        .query_row(
            "SELECT count(*) FROM attendance t
             JOIN enrolment e ON e.id = t.enrolment_id
             JOIN session s ON s.id = t.session_id
             WHERE e.status <> 'accepted' OR s.module_id <> e.module_id OR s.cancelled = 1
                OR s.date > '2026-11-26'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(stray, 0);
    // Its indexes are made again after the rows go in: the schema ends as
    // a new register's, index for index.
    let schema = |conn: &Connection| -> Vec<(String, String, Option<String>)> {
        conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let blank = dir.path().join("blank.registro");
    let actor = Actor::new("admin", Clock::at_noon(TODAY));
    drop(Store::create(&blank, &actor, DEFAULT_AXES).unwrap());
    assert_eq!(schema(&conn), schema(&Connection::open(&blank).unwrap()));
    // The register is left checking foreign keys, and opens as any other.
    drop(conn);
    Store::open(&first, Access::ReadWrite).unwrap();

    let (second, again) = make(dir.path(), "b.registro", scale);
    assert_eq!(summary, again);
    assert!(dump(&first) == dump(&second), "two runs differ");
}

#[test]
fn the_large_generator_refuses_a_register_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let scale = Scale::LARGE.divided(1_000);
    let (path, _) = make(dir.path(), "used.registro", scale);
    let actor = Actor::new("admin", Clock::at_noon(TODAY));
    let mut store = Store::open(&path, Access::ReadWrite).unwrap();
    assert!(demo::populate_large(&mut store, &actor, TODAY, scale).is_err());
}

/// A roster adds up each line's hours in Rust from the marks and the open
/// sessions (store/queries.rs): on every session of a generated register
/// (held, cancelled, closed and future ones) they are what the
/// definitions say in SQL.
#[test]
fn every_rosters_hours_are_what_sql_says() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = make(dir.path(), "r.registro", Scale::LARGE.divided(200));
    let conn = Connection::open(&path).unwrap();
    // Roll calls left open with marks in them, as a tutor may: their
    // hours count as attended and no longer as still reachable.
    let reopened = conn
        .execute(
            "UPDATE session SET closed_at = NULL, closed_by = NULL
             WHERE closed_at IS NOT NULL AND id % 3 = 0",
            [],
        )
        .unwrap();
    assert!(reopened > 0);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let sessions: Vec<i64> = conn
        .prepare("SELECT id FROM session ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut checked = 0;
    for session in sessions {
        let roster = store.roster(session).unwrap();
        for line in &roster.lines {
            let (attended, unmarked): (i64, i64) = conn
                .query_row(
                    "SELECT (SELECT coalesce(sum(a.minutes), 0) FROM attendance a
                             WHERE a.enrolment_id = ?1),
                            (SELECT coalesce(sum(s.end_minute - s.start_minute), 0) FROM session s
                             WHERE s.module_id = ?2 AND s.cancelled = 0 AND s.closed_at IS NULL
                               AND NOT EXISTS (SELECT 1 FROM attendance u
                                               WHERE u.session_id = s.id AND u.enrolment_id = ?1))",
                    rusqlite::params![line.enrolment_id, roster.session.module_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .unwrap();
            assert_eq!(line.module_minutes, attended, "session {session}");
            assert_eq!(
                line.reachable_minutes,
                attended + unmarked,
                "session {session}"
            );
            let alone = store
                .roster_line(&roster.session, line.enrolment_id)
                .unwrap();
            assert_eq!(alone.as_ref(), Some(line));
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} lines");
}
