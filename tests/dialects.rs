//! Exports in each dialect (issue 23), byte for byte against the golden
//! files in `tests/dialects/`: every kind as CSV in `excel-it` and
//! `plain`, and as JSON. A pinned register (the sample files, the tests'
//! clock, a named programme), so that nothing changes with the day.
//! Then the round trip through the importer in both dialects, the
//! spreadsheet read back with its cell types, the JSON's numbers, and
//! the dialect chosen by language and setting.
//!
//! After an intended change: `REGISTRO_BLESS=1 cargo test --test
//! dialects`, then read the diff of `tests/dialects/`.

mod command;
use command::registro;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use tempfile::TempDir;

const PROGRAMME: &str = "Competenze digitali PA";

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/samples")
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/dialects")
        .join(name)
}

/// A register named for its programme, holding the sample files of
/// `kinds`.
fn register_with(kinds: &[&str]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--programme", PROGRAMME, "--db"])
        .arg(&db)
        .assert()
        .success();
    for kind in kinds {
        import(&db, kind, &samples().join(format!("{kind}.csv")));
    }
    (dir, db)
}

fn import(db: &Path, kind: &str, file: &Path) {
    let output = registro()
        .arg("--db")
        .arg(db)
        .args(["import", kind])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{kind}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn export(db: &Path, args: &[&str]) -> Vec<u8> {
    let output = registro()
        .arg("--db")
        .arg(db)
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Compares with the golden file, or writes it when blessing. The audit
/// log names the files imported by their path: the checkout's folder is
/// written `<repo>`, so the golden files hold on any machine.
fn same_as_golden(name: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let bytes = text
        .replace(env!("CARGO_MANIFEST_DIR"), "<repo>")
        .into_bytes();
    let bytes = bytes.as_slice();
    let path = golden(name);
    if std::env::var_os("REGISTRO_BLESS").is_some() {
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (REGISTRO_BLESS=1 writes it)", path.display()));
    assert!(
        bytes == expected,
        "{name} differs from its golden file:\n{}\n--- golden:\n{}",
        String::from_utf8_lossy(bytes),
        String::from_utf8_lossy(&expected)
    );
}

/// Each kind and the arguments that keep its golden file short: one
/// module (the audit log has no module, and is short).
const KINDS: &[(&str, &[&str])] = &[
    ("enrolments", &["--module", "BG01"]),
    ("participants", &["--module", "BG01"]),
    ("attendance", &["--module", "BG01"]),
    ("certificates", &["--module", "BG01"]),
    ("register", &["--module", "BG01"]),
    ("audit", &[]),
];

#[test]
fn every_kind_in_every_dialect_is_its_golden_file() {
    let (_dir, db) = register_with(&["modules", "sessions", "enrolments", "attendance"]);
    for (kind, scope) in KINDS {
        for dialect in ["excel-it", "plain"] {
            let mut args = vec![*kind, "--dialect", dialect];
            args.extend_from_slice(scope);
            same_as_golden(&format!("{kind}.{dialect}.csv"), &export(&db, &args));
        }
        let mut args = vec![*kind, "--format", "json"];
        args.extend_from_slice(scope);
        same_as_golden(&format!("{kind}.json"), &export(&db, &args));
    }
}

#[test]
fn italian_csv_is_what_italian_excel_opens_as_columns() {
    let (_dir, db) = register_with(&["modules", "sessions", "enrolments", "attendance"]);
    let bytes = export(&db, &["attendance", "--dialect", "excel-it"]);
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "no byte-order mark"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare line feed");
    let first = text.lines().nth(1).unwrap();
    assert_eq!(first.split(';').count(), 9, "{first}");
    // A half hour, as an Italian office writes it; no ISO date anywhere.
    assert!(text.contains(";2,5;"), "no decimal comma");
    assert!(!text.contains("2013-"), "an ISO date");
    assert!(text.contains(";uscita anticipata\r\n"), "{first}");
}

/// Export → import into a fresh register → export again: the same bytes.
fn round_trip(kind: &str, first: &[&str], dialect: &str) {
    let (dir, db) = register_with(&["modules", "sessions", "enrolments", "attendance"]);
    let file = dir.path().join(format!("{kind}.{dialect}.csv"));
    let exported = export(&db, &[kind, "--dialect", dialect]);
    std::fs::write(&file, &exported).unwrap();
    let (_other_dir, other) = register_with(first);
    import(&other, kind, &file);
    let again = export(&other, &[kind, "--dialect", dialect]);
    assert!(
        again == exported,
        "{kind} {dialect} came back different:\n{}\n---\n{}",
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&exported)
    );
}

#[test]
fn enrolments_import_back_unchanged_in_both_dialects() {
    for dialect in ["excel-it", "plain"] {
        round_trip("enrolments", &["modules"], dialect);
    }
}

#[test]
fn attendance_imports_back_unchanged_in_both_dialects() {
    for dialect in ["excel-it", "plain"] {
        round_trip(
            "attendance",
            &["modules", "sessions", "enrolments"],
            dialect,
        );
    }
}

#[test]
fn the_language_chooses_the_dialect_and_the_setting_overrides_it() {
    let (dir, db) = register_with(&["modules"]);
    let italian = || {
        let mut command = registro();
        command.env("LANG", "it_IT.UTF-8").arg("--db").arg(&db);
        command
    };
    let out = italian().args(["export", "enrolments"]).output().unwrap();
    assert!(out.stdout.starts_with("\u{feff}data_domanda;".as_bytes()));
    let english = export(&db, &["enrolments"]);
    assert!(english.starts_with(b"received_on,"));

    let settings = dir.path().join("settings.toml");
    std::fs::write(&settings, "[export]\ndialect = \"plain\"\n").unwrap();
    let out = italian()
        .arg("--config")
        .arg(&settings)
        .args(["export", "enrolments"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with(b"received_on,"));
    // The flag over the setting.
    let out = italian()
        .arg("--config")
        .arg(&settings)
        .args(["export", "enrolments", "--dialect", "excel-it"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with("\u{feff}data_domanda;".as_bytes()));
}

fn sheet_of(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    workbook.worksheet_range(name).unwrap()
}

#[test]
fn the_spreadsheet_has_a_title_dates_and_numbers() {
    let (dir, db) = register_with(&["modules", "sessions", "enrolments", "attendance"]);
    for (dialect, status) in [("excel-it", "accettata"), ("plain", "accepted")] {
        let file = dir.path().join(format!("enrolments.{dialect}.xlsx"));
        let args = ["enrolments", "--module", "BG01", "--format", "xlsx"];
        export(
            &db,
            &[
                &args[..],
                &["--dialect", dialect, "-o", file.to_str().unwrap()],
            ]
            .concat(),
        );
        let sheet = sheet_of(&file, "enrolments");
        assert_eq!(sheet.get((0, 0)), Some(&Data::String(PROGRAMME.into())));
        let header = if dialect == "excel-it" {
            "data_domanda"
        } else {
            "received_on"
        };
        assert_eq!(sheet.get((1, 0)), Some(&Data::String(header.into())));
        // Amato's request of 24/01/2013: a date cell, not text.
        let Some(Data::DateTime(day)) = sheet.get((2, 0)) else {
            panic!("{:?} is not a date cell", sheet.get((2, 0)));
        };
        assert!(day.is_datetime());
        let (year, month, date, ..) = day.to_ymd_hms_milli();
        assert_eq!((year, month, date), (2013, 1, 24), "{day:?}");
        assert_eq!(sheet.get((2, 11)), Some(&Data::String(status.into())));
    }

    let file = dir.path().join("attendance.xlsx");
    export(
        &db,
        &[
            "attendance",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let sheet = sheet_of(&file, "attendance");
    let hours: Vec<f64> = sheet
        .rows()
        .skip(2)
        .filter_map(|row| match &row[7] {
            Data::Float(hours) => Some(*hours),
            Data::Empty => None,
            other => panic!("hours as {other:?}"),
        })
        .collect();
    assert!(
        hours.contains(&2.5),
        "no half hour among {} cells",
        hours.len()
    );
}

#[test]
fn json_has_the_programme_numbers_as_numbers_and_iso_dates() {
    let (_dir, db) = register_with(&["modules", "sessions", "enrolments", "attendance"]);
    let json = |args: &[&str]| -> serde_json::Value {
        let args = [args, &["--format", "json", "--dialect", "excel-it"]].concat();
        serde_json::from_slice(&export(&db, &args)).unwrap()
    };
    let attendance = json(&["attendance"]);
    assert_eq!(attendance["programme"], PROGRAMME);
    assert_eq!(attendance["kind"], "attendance");
    let rows = attendance["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["hours"].as_f64() == Some(2.5)));
    assert!(
        rows.iter()
            .all(|r| r["hours"].is_number() || r["hours"].is_null())
    );
    assert!(
        rows.iter()
            .all(|r| r["date"].as_str().unwrap().starts_with("2013-"))
    );
    assert!(rows.iter().any(|r| r["mark"] == "left-early"));

    let register = json(&["register", "--module", "BG01"]);
    for row in register["rows"].as_array().unwrap() {
        assert!(row["total_hours"].is_number(), "{row}");
        assert!(row["percentage"].is_number(), "{row}");
        assert!(row["2013-03-08 09:00"].is_number() || row["2013-03-08 09:00"].is_null());
    }
    let enrolments = json(&["enrolments"]);
    let first = &enrolments["rows"][0];
    assert_eq!(first["received_on"], "2013-01-24");
    assert_eq!(first["status"], "accepted");
}

#[test]
fn sessions_not_yet_marked_export_empty_and_import_back_as_nothing() {
    let (dir, db) = register_with(&["modules", "sessions", "enrolments", "attendance"]);
    // One more session of BG01, nobody marked in it yet.
    let extra = dir.path().join("incontro.csv");
    std::fs::write(
        &extra,
        "modulo;data;inizio;fine\nBG01;22/03/2013;09:00;13:00\n",
    )
    .unwrap();
    import(&db, "sessions", &extra);
    let exported = export(
        &db,
        &["attendance", "--module", "BG01", "--dialect", "excel-it"],
    );
    let text = String::from_utf8_lossy(&exported);
    assert!(
        text.contains(";22/03/2013;09:00;;\r\n"),
        "no row not yet marked:\n{text}"
    );
    let file = dir.path().join("presenze.csv");
    std::fs::write(&file, &exported).unwrap();
    let said = registro()
        .arg("--db")
        .arg(&db)
        .args(["import", "attendance"])
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&said.stdout);
    assert!(
        said.status.success() && out.contains("added: nothing"),
        "{out}{}",
        String::from_utf8_lossy(&said.stderr)
    );
    let again = export(
        &db,
        &["attendance", "--module", "BG01", "--dialect", "excel-it"],
    );
    assert!(again == exported);
}
