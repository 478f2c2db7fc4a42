//! The importer, run as a process over a corpus of files
//! (`tests/import/`): every bad file is refused with exactly the lines of
//! its `.err` file and leaves the register unchanged in content; every
//! good file imports with the summary of its `.out` file (warnings in its
//! `.err`), and a second time adds nothing.
//!
//! To rewrite the expected files after a deliberate change of wording:
//! `REGISTRO_BLESS=1 cargo test --test import`, then read the diff.

mod command;
use command::registro;

mod common;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `registro import KIND FILE`, run in the file's folder so that messages
/// name it as the user typed it.
fn import(db: &Path, kind: &str, file: &Path, extra: &[&str]) -> Run {
    let output = registro()
        .current_dir(file.parent().unwrap())
        .arg("--db")
        .arg(db)
        .args(["import", kind])
        .arg(file.file_name().unwrap())
        .args(extra)
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A register with the base modules, sessions and enrolments.
fn base_register() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    for kind in ["modules", "sessions", "enrolments"] {
        let run = import(&db, kind, &corpus().join(format!("base/{kind}.csv")), &[]);
        assert_eq!(run.code, Some(0), "base {kind}: {}", run.stderr);
    }
    (dir, db)
}

/// Every row of every table, in a stable order: the register's content.
fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'note_text%'
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut text = String::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let width = statement.column_count();
        let mut rows: Vec<String> = statement
            .query_map([], |row| {
                let values: Vec<String> = (0..width)
                    .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(values.join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        text.push_str(&format!("[{table}]\n{}\n", rows.join("\n")));
    }
    text
}

fn kind_of(file: &Path) -> String {
    let name = file.file_name().unwrap().to_string_lossy();
    name.split('_').next().unwrap().to_string()
}

fn files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

/// Compares with the expected file, or writes it when blessing.
fn expect(actual: &str, expected_file: &Path, failures: &mut Vec<String>) {
    if std::env::var_os("REGISTRO_BLESS").is_some() {
        if actual.is_empty() {
            let _ = std::fs::remove_file(expected_file);
        } else {
            std::fs::write(expected_file, actual).unwrap();
        }
        return;
    }
    let expected = std::fs::read_to_string(expected_file).unwrap_or_default();
    if actual != expected {
        failures.push(format!(
            "{}:\n--- expected\n{expected}--- actual\n{actual}",
            expected_file.display()
        ));
    }
}

#[test]
fn bad_files_are_refused_line_by_line_and_change_nothing() {
    let (_dir, db) = base_register();
    let before = dump(&db);
    let mut failures = Vec::new();
    for file in files("bad") {
        let kind = kind_of(&file);
        for extra in [&[][..], &["--dry-run"][..]] {
            let run = import(&db, &kind, &file, extra);
            assert_eq!(run.code, Some(1), "{}: {}", file.display(), run.stderr);
            assert_eq!(run.stdout, "", "{}", file.display());
            expect(&run.stderr, &file.with_extension("err"), &mut failures);
            assert_eq!(dump(&db), before, "{} changed the register", file.display());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn good_files_import_once_and_then_add_nothing() {
    let mut failures = Vec::new();
    for file in files("good") {
        let (_dir, db) = base_register();
        let kind = kind_of(&file);
        let before = dump(&db);
        let dry = import(&db, &kind, &file, &["--dry-run"]);
        assert_eq!(dry.code, Some(0), "{}: {}", file.display(), dry.stderr);
        assert!(dry.stdout.ends_with("dry run: nothing was written\n"));
        assert_eq!(dump(&db), before, "a dry run of {} wrote", file.display());

        let first = import(&db, &kind, &file, &[]);
        assert_eq!(first.code, Some(0), "{}: {}", file.display(), first.stderr);
        expect(&first.stdout, &file.with_extension("out"), &mut failures);
        expect(&first.stderr, &file.with_extension("err"), &mut failures);
        assert_eq!(
            dry.stdout.replace("would add", "added"),
            format!("{}dry run: nothing was written\n", first.stdout),
            "{}: the dry run said otherwise",
            file.display()
        );

        let after = dump(&db);
        let second = import(&db, &kind, &file, &[]);
        assert_eq!(second.code, Some(0), "{}", second.stderr);
        assert!(
            second.stdout.contains("added: nothing"),
            "{}: {}",
            file.display(),
            second.stdout
        );
        assert_eq!(dump(&db), after, "{} imported twice", file.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_italian_sample_files_import_and_import_again_without_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let kinds = ["modules", "sessions", "enrolments", "attendance", "ratings"];
    let mut first = Vec::new();
    for kind in kinds {
        let run = import(
            &db,
            kind,
            &corpus().join(format!("samples/{kind}.csv")),
            &[],
        );
        assert_eq!(run.code, Some(0), "{kind}: {}", run.stderr);
        assert!(
            !run.stdout.contains("added: nothing"),
            "{kind}: {}",
            run.stdout
        );
        first.push(run.stdout);
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM module"), 11);
    assert_eq!(count("SELECT count(*) FROM session"), 48);
    assert_eq!(count("SELECT count(*) FROM enrolment"), 182);
    assert_eq!(count("SELECT count(*) FROM attendance"), 686);
    assert_eq!(count("SELECT count(*) FROM rating"), 127);
    // Half hours (`1,5`) are kept exactly.
    assert_eq!(
        count("SELECT count(*) FROM attendance WHERE minutes % 60 = 30"),
        22
    );
    // Windows-1252 read as such.
    assert_eq!(
        count("SELECT count(*) FROM person WHERE given_name = 'Nicolò'"),
        1
    );
    // Omocodia codes are people like any other.
    assert!(count("SELECT count(*) FROM person WHERE tax_code GLOB '*[A-Z][A-Z]?'") > 0);
    // The history leads to each final status: withdrawn via accepted.
    assert_eq!(
        count(
            "SELECT count(*) FROM enrolment e WHERE status = 'withdrawn' AND
             (SELECT group_concat(to_status, '>') FROM
                (SELECT to_status FROM enrolment_history h WHERE h.enrolment_id = e.id ORDER BY h.id))
             = 'requested>accepted>withdrawn'"
        ),
        4
    );
    let before = dump(&db);
    for kind in kinds {
        let run = import(
            &db,
            kind,
            &corpus().join(format!("samples/{kind}.csv")),
            &[],
        );
        assert_eq!(run.code, Some(0), "{kind}: {}", run.stderr);
        assert!(
            run.stdout.contains("added: nothing"),
            "{kind}: {}",
            run.stdout
        );
    }
    assert_eq!(dump(&db), before);
}

/// The SHA-256 of each sample file as the offices sent it
/// (`shared/samples/italian-excel/` beside the repository, 2026-11).
const ORIGINAL_SAMPLES: [(&str, &str); 5] = [
    (
        "modules",
        "992629ca01c760453384fce026ac9c088b663d7b726ae00e031cb1346922b6c7",
    ),
    (
        "sessions",
        "cb10a4548266e64406c6dfd89629581a193b974e8e4fcc78351763646a06fc6b",
    ),
    (
        "enrolments",
        "e74b5b25b4d5489ffe52f1688c1049d6221c9d379b3be83247ff782181405f94",
    ),
    (
        "attendance",
        "271d727286d39cbea9822bb0ce87ae9fc8b45c13d6eab237ea71501d0629cd74",
    ),
    (
        "ratings",
        "75b899c2f441b54c0b0bb0c74477099af24f8a303049834547eb7416032c8955",
    ),
];

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Our copies in tests/import/samples are what every other test imports:
/// they must stay the offices' files byte for byte. Their digests are
/// kept here, so the check runs on any checkout; where the originals sit
/// beside the repository (`../shared/samples`, further up from a worktree)
/// the originals are held to the same digests, so a change on either side
/// is caught.
#[test]
fn the_sample_files_are_the_offices_ones_byte_for_byte() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|folder| folder.join("shared/samples/italian-excel"))
        .find(|folder| folder.is_dir());
    for (kind, digest) in ORIGINAL_SAMPLES {
        let ours = std::fs::read(corpus().join(format!("samples/{kind}.csv"))).unwrap();
        assert_eq!(sha256(&ours), digest, "our copy of {kind}.csv changed");
        if let Some(shared) = &shared {
            let theirs = std::fs::read(shared.join(format!("{kind}.csv"))).unwrap();
            assert_eq!(sha256(&theirs), digest, "the offices' {kind}.csv changed");
        }
    }
}

#[test]
fn a_missing_file_is_refused_clearly() {
    let (_dir, db) = base_register();
    let run = import(&db, "modules", &corpus().join("base/nothing-here.csv"), &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with("registro: nothing-here.csv: no such file or folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_kind_is_a_usage_error() {
    let (_dir, db) = base_register();
    let run = import(&db, "people", &corpus().join("base/modules.csv"), &[]);
    assert_eq!(run.code, Some(2));
}

#[test]
fn messages_follow_the_language() {
    let (_dir, db) = base_register();
    let file = corpus().join("bad/enrolments_bad_fields.csv");
    let output = registro()
        .env("LANG", "it_IT.UTF-8")
        .current_dir(file.parent().unwrap())
        .arg("--db")
        .arg(&db)
        .args(["import", "enrolments", "enrolments_bad_fields.csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("enrolments_bad_fields.csv:2: gender: il sesso è F, M o X, non \"Q\""),
        "{stderr}"
    );
}

#[test]
fn attendance_for_a_cancelled_session_is_refused() {
    let (dir, db) = base_register();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE session SET cancelled = 1 WHERE date = '2013-01-15'",
        [],
    )
    .unwrap();
    drop(conn);
    let file = dir.path().join("cancelled.csv");
    std::fs::write(
        &file,
        "module,date,tax_code,hours\nM01,15/01/2013,RSSMRA85T50D150H,4\n",
    )
    .unwrap();
    let before = dump(&db);
    let run = import(&db, "attendance", &file, &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "cancelled.csv:2: date: that session was cancelled\n\
         registro: cancelled.csv: nothing imported (problems: 1)\n"
    );
    assert_eq!(dump(&db), before);
}

#[test]
fn many_new_people_get_their_own_rows_enrolments_and_search_entries() {
    // More than one statement's worth of people (they go in a thousand at
    // a time), after the people the base register already has.
    let (dir, db) = base_register();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let before: i64 = conn
        .query_row("SELECT max(id) FROM person", [], |row| row.get(0))
        .unwrap();
    let module: String = conn
        .query_row("SELECT code FROM module ORDER BY id LIMIT 1", [], |row| {
            row.get(0)
        })
        .unwrap();
    drop(conn);
    let mut csv = String::from(
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type\n",
    );
    for k in 0..2100 {
        csv.push_str(&format!(
            "2026-01-10,{module},Cognome{k},Nome{k},F,p{k}@example.org,Ente {k},Comune\n"
        ));
    }
    let file = dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    let run = import(&db, "enrolments", &file, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);

    let conn = rusqlite::Connection::open(&db).unwrap();
    for k in [0_i64, 999, 1000, 1001, 1999, 2000, 2099] {
        let (id, surname, email, organisation): (i64, String, String, String) = conn
            .query_row(
                "SELECT id, surname, email, organisation FROM person WHERE given_name = ?1",
                [format!("Nome{k}")],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .unwrap();
        assert_eq!(id, before + 1 + k);
        assert_eq!(surname, format!("Cognome{k}"));
        assert_eq!(email, format!("p{k}@example.org"));
        assert_eq!(organisation, format!("Ente {k}"));
        let enrolled: i64 = conn
            .query_row(
                "SELECT count(*) FROM enrolment WHERE person_id = ?1",
                [id],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(enrolled, 1, "person {k}");
        let found: Vec<i64> = conn
            .prepare("SELECT rowid FROM person_text WHERE person_text MATCH ?1")
            .unwrap()
            .query_map([format!("\"cognome{k} nome{k}\"")], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(found, [id], "person {k}");
    }
}
