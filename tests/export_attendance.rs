//! The attendance exports compared with the register's own figures.

mod common;

mod command;
use command::registro;
use tempfile::tempdir;

fn export(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    registro()
        .env("USER", "admin")
        .arg("--db")
        .arg(db)
        .arg("export")
        .args(args)
        .output()
        .unwrap()
}

fn rows(output: &std::process::Output) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_reader(&output.stdout[..]);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn attendance_has_a_row_per_participant_and_session_and_leaves_unmarked_cells_empty() {
    let dir = tempdir().unwrap();
    let (db, _) = common::roster_register(dir.path());
    let (header, rows) = rows(&export(&db, &["attendance", "--module", "M01"]));
    assert_eq!(
        header,
        [
            "surname",
            "given_name",
            "tax_code",
            "email",
            "module",
            "date",
            "start",
            "hours",
            "mark"
        ]
    );
    // 25 participants × 4 sessions.
    assert_eq!(rows.len(), 100);
    for row in &rows {
        let marked = row[5] == "2026-11-12" || row[5] == "2026-11-19";
        assert_eq!(!row[7].is_empty(), marked, "{row:?}");
        assert_eq!(!row[8].is_empty(), marked, "{row:?}");
    }
    // The hours add up to what the register holds: 22 people × 2 × 4 h.
    let total: f64 = rows.iter().filter_map(|r| r[7].parse::<f64>().ok()).sum();
    assert_eq!(total, 176.0);
    assert_eq!(rows.iter().filter(|r| r[8] == "absent").count(), 6);
}

#[test]
fn the_register_matches_the_screen() {
    let dir = tempdir().unwrap();
    let (db, session) = common::roster_register(dir.path());
    let (header, rows) = rows(&export(&db, &["register", "--module", "m01"]));
    assert_eq!(
        header,
        [
            "surname",
            "given_name",
            "tax_code",
            "2026-11-12 09:00",
            "2026-11-19 09:00",
            "2026-11-26 09:00",
            // Not 3 December: the register holds the sessions held by the
            // tests' day, as the report counts them.
            "total_hours",
            "percentage"
        ]
    );
    let store = registro::store::Store::open(&db, registro::store::Access::ReadWrite).unwrap();
    let roster = store.roster(session).unwrap();
    assert_eq!(rows.len(), roster.lines.len());
    // The export runs on the tests' day (26 November 2026, pinned by
    // REGISTRO_NOW): the sessions held are those up to it.
    for (row, line) in rows.iter().zip(&roster.lines) {
        assert_eq!(format!("{} {}", row[0], row[1]), line.name);
        assert_eq!(row[6], registro::domain::format_hours(line.module_minutes));
        // Today's session is held but not yet marked.
        assert!(row[5].is_empty(), "{row:?}");
    }
    let percentages: Vec<f64> = rows.iter().map(|r| r[7].parse().unwrap()).collect();
    assert!(percentages[0] > percentages[24], "{percentages:?}");
    assert_eq!(percentages[24], 0.0);
}

#[test]
fn the_register_needs_a_module_and_xlsx_needs_a_file() {
    let dir = tempdir().unwrap();
    let (db, _) = common::roster_register(dir.path());
    assert_eq!(export(&db, &["register"]).status.code(), Some(2));
    let file = dir.path().join("register.xlsx");
    let output = export(
        &db,
        &[
            "register",
            "--module",
            "M01",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(&std::fs::read(&file).unwrap()[..2], b"PK");
}
