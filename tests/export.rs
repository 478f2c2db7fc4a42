//! `registro export`, run as a process: round trips through the importer,
//! the formula guard, the formats and the usage errors.

mod command;
use command::registro;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/samples")
}

fn register_with(kinds: &[&str]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    for kind in kinds {
        registro()
            .arg("--db")
            .arg(&db)
            .args(["import", kind])
            .arg(samples().join(format!("{kind}.csv")))
            .assert()
            .success();
    }
    (dir, db)
}

fn export(db: &Path, args: &[&str]) -> std::process::Output {
    registro()
        .arg("--db")
        .arg(db)
        .arg("export")
        .args(args)
        .output()
        .unwrap()
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn participants_are_the_accepted_not_withdrawn_with_their_contacts() {
    let (_dir, db) = register_with(&["modules", "sessions", "enrolments"]);
    let output = export(&db, &["participants", "--format", "csv"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (header, rows) = read_csv(&output.stdout);
    assert_eq!(
        header,
        [
            "module",
            "module_title",
            "surname",
            "given_name",
            "gender",
            "tax_code",
            "email",
            "phone",
            "organisation",
            "organisation_type",
            "job_title"
        ]
    );
    // The sample has 159 accepted requests (4 more were withdrawn).
    assert_eq!(rows.len(), 159);
    // Re-read against the register: every row is one participation.
    let conn = rusqlite::Connection::open(&db).unwrap();
    for row in &rows {
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM enrolment e JOIN person p ON p.id = e.person_id
                 JOIN module m ON m.id = e.module_id
                 WHERE m.code = ?1 AND p.surname = ?2 AND p.given_name = ?3
                   AND p.tax_code = ?4 AND p.email = ?5 AND e.status = 'accepted'",
                [&row[0], &row[2], &row[3], &row[5], &row[6]],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "{row:?}");
    }
    // Windows-1252 in, UTF-8 out.
    assert!(rows.iter().any(|r| r[3] == "Nicolò"));

    let one = export(&db, &["participants", "--module", "bg01"]);
    let (_, rows) = read_csv(&one.stdout);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[0] == "BG01"));
}

#[test]
fn enrolments_exported_import_back_as_they_were() {
    let (dir, db) = register_with(&["modules", "sessions", "enrolments"]);
    let file = dir.path().join("enrolments.csv");
    let output = export(&db, &["enrolments", "-o", file.to_str().unwrap()]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("182 rows written to {}\n", file.display())
    );

    // Into the same register: nothing new, nothing different.
    let again = registro()
        .arg("--db")
        .arg(&db)
        .args(["import", "enrolments"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("added: nothing"), "{text}");
    assert!(!text.contains("note:"), "{text}");

    // Into a new register: the same export comes out.
    let (_other_dir, other) = register_with(&["modules"]);
    registro()
        .arg("--db")
        .arg(&other)
        .args(["import", "enrolments"])
        .arg(&file)
        .assert()
        .success();
    let first = std::fs::read(&file).unwrap();
    let second = export(&other, &["enrolments"]);
    assert_eq!(
        String::from_utf8_lossy(&second.stdout),
        String::from_utf8_lossy(&first)
    );
}

#[test]
fn cells_that_look_like_formulas_are_guarded_and_read_back_whole() {
    let (dir, db) = register_with(&["modules"]);
    let file = dir.path().join("in.csv");
    std::fs::write(
        &file,
        "received_on,module,surname,given_name,gender,email,phone,organisation,organisation_type,status
2013-01-02,BG01,=HYPERLINK(\"http://x\"),Eva,F,eva@example.it,+39 0372 1,@Ente,-Comune,accepted
",
    )
    .unwrap();
    registro()
        .arg("--db")
        .arg(&db)
        .args(["import", "enrolments"])
        .arg(&file)
        .assert()
        .success();
    let output = export(&db, &["participants"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(
            "\"'=HYPERLINK(\"\"http://x\"\")\",Eva,F,,eva@example.it,'+39 0372 1,'@Ente,'-Comune,"
        ),
        "{text}"
    );
    // The guard comes off on the way back in: the same person, unchanged.
    let out = dir.path().join("out.csv");
    export(&db, &["enrolments", "-o", out.to_str().unwrap()]);
    let again = registro()
        .arg("--db")
        .arg(&db)
        .args(["import", "enrolments"])
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(
        text.contains("added: nothing") && !text.contains("note:"),
        "{text}"
    );
}

#[test]
fn json_and_xlsx() {
    let (dir, db) = register_with(&["modules", "sessions", "enrolments"]);
    let output = export(&db, &["enrolments", "--format", "json", "--module", "BG11"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = value["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["module"] == "BG11"));
    assert!(
        rows.iter()
            .any(|r| r["status"] == "rejected" && r["reason"].is_string())
    );
    assert!(rows.iter().any(|r| r["reason"].is_null()));

    let file = dir.path().join("p.xlsx");
    let output = export(
        &db,
        &[
            "participants",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(output.status.success());
    assert_eq!(&std::fs::read(&file).unwrap()[..2], b"PK");
}

#[test]
fn usage_and_refusals() {
    let (_dir, db) = register_with(&["modules"]);
    // xlsx is a file: without -o it is a usage error.
    let output = export(&db, &["participants", "--format", "xlsx"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("-o FILE"));
    // Kinds that do not exist are not offered.
    assert_eq!(export(&db, &["timetable"]).status.code(), Some(2));
    let output = export(&db, &["enrolments", "--module", "ZZ9"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "registro: no module ZZ9 in the register\n"
    );
    // An empty register exports a header and no rows.
    let output = export(&db, &["enrolments"]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "received_on,module,surname,given_name,gender,tax_code,email,phone,organisation,organisation_type,job_title,status,reason\n"
    );
}
