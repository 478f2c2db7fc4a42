//! Backups while others write, the register's check, the audit export,
//! and data-protection requests: a person's data exported, then erased
//! with no copy left in the file or its WAL and the report unchanged.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use assert_cmd::Command;
use registro::context::{Actor, Clock};
use registro::domain::{Mark, Status};
use registro::store::attendance::{Attendance, MarkChange};
use registro::store::notes::NoteSubject;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn registro() -> Command {
    Command::from_std(common::registro("admin"))
}

fn run(path: &Path, args: &[&str]) -> (i32, String, String) {
    let output = registro()
        .arg("--db")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_backup_taken_while_another_process_writes_is_whole_and_private() {
    let dir = tempdir().unwrap();
    let (path, session) = common::roster_register(dir.path());
    // A writer marks and unmarks the roster as fast as it can.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = Arc::clone(&stop);
        let path = path.clone();
        std::thread::spawn(move || {
            let store = Store::open(&path, Access::ReadWrite).unwrap();
            let actor = common::actor();
            let mut writes = 0;
            let mut state = None;
            while !stop.load(Ordering::Relaxed) {
                for enrolment in 1..=25 {
                    let after = match state {
                        None => Some(Attendance::hours(240, Mark::Present)),
                        Some(_) => None,
                    };
                    let change = MarkChange {
                        enrolment_id: enrolment,
                        before: state,
                        after,
                    };
                    store.set_mark(&actor, session, change).unwrap().unwrap();
                    writes += 1;
                }
                state = match state {
                    None => Some(Attendance::hours(240, Mark::Present)),
                    Some(_) => None,
                };
            }
            writes
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(200));
    let mut copies = Vec::new();
    for n in 0..3 {
        let copy = dir.path().join(format!("copy{n}.db"));
        let (code, stdout, stderr) = run(&path, &["backup", copy.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("integrity check ok"), "{stdout}");
        copies.push(copy);
    }
    stop.store(true, Ordering::Relaxed);
    let writes = writer.join().unwrap();
    assert!(writes > 0);
    for copy in &copies {
        assert_eq!(mode(copy), 0o600, "{}", copy.display());
        // The copy is a register of its own, and a consistent one: every
        // mark of the session is there or none of a round is half done.
        let (code, stdout, stderr) = run(copy, &["check"]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(stdout.contains("no problem found"), "{stdout}");
    }
    // A backup never overwrites a file.
    let (code, _, stderr) = run(&path, &["backup", copies[0].to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[test]
fn check_says_what_it_found() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let (code, stdout, _) = run(&path, &["check"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("integrity check: ok"), "{stdout}");
    assert!(
        stdout.contains("foreign keys: every reference holds"),
        "{stdout}"
    );
    assert!(stdout.contains("schema: version"), "{stdout}");
    // A broken reference, made behind the store's back.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO enrolment(person_id, module_id, received_on) VALUES (9999, 1, '2026-10-01');",
    )
    .unwrap();
    drop(conn);
    let (code, stdout, stderr) = run(&path, &["check"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("enrolment row"), "{stdout}");
    assert!(stdout.contains("missing person"), "{stdout}");
    assert!(stderr.contains("1 problem(s) found"), "{stderr}");
}

#[test]
fn a_register_others_can_read_is_pointed_out() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    assert_eq!(mode(&path), 0o600);
    let (_, _, stderr) = run(&path, &["check"]);
    assert!(!stderr.contains("warning"), "{stderr}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, _, stderr) = run(&path, &["check"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("can be read by other users"), "{stderr}");
    assert!(stderr.contains("644"), "{stderr}");
}

#[test]
fn new_registers_and_their_wal_are_private() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("new.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    store
        .write(|tx| Ok(tx.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')", [])?))
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", db.display()));
        if file.exists() {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }
}

#[test]
fn the_audit_export_takes_dates_and_guards_formulas() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let later = Actor::new("admin", Clock::at_noon(jiff::civil::date(2026, 12, 5)));
    store
        .add_note(
            &later,
            &[NoteSubject::Person(1)],
            "=HYPERLINK(\"http://x\")",
            None,
            None,
        )
        .unwrap();
    drop(store);
    let (code, csv, stderr) = run(&path, &["export", "audit"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        csv.starts_with("id,at,user,entity,entity_id,action,before,after\n"),
        "{csv}"
    );
    assert!(csv.contains("register"), "{csv}");
    assert!(csv.contains("note"), "{csv}");
    // The note's body is inside the JSON of `after`, which starts with `{`;
    // a cell that starts like a formula gets a quote.
    let (_, json, _) = run(
        &path,
        &[
            "export",
            "audit",
            "--format",
            "json",
            "--from",
            "2026-12-01",
        ],
    );
    let entries: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entries = entries["rows"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{json}");
    assert_eq!(entries[0]["after"]["body"], "=HYPERLINK(\"http://x\")");
    let (_, json, _) = run(
        &path,
        &["export", "audit", "--format", "json", "--to", "30/11/2026"],
    );
    let before: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        before["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["entity"] != "note")
    );
    let (code, _, _) = run(&path, &["export", "audit", "--from", "yesterday"]);
    assert_eq!(code, 2);
    // Cells that start like formulas are guarded in CSV.
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .write(|tx| {
            registro::store::writes::audit(
                tx,
                &later,
                "=cmd|' /C calc'!A0",
                None,
                "@SUM(1)",
                None,
                None,
            )
        })
        .unwrap();
    drop(store);
    let (_, csv, _) = run(&path, &["export", "audit"]);
    assert!(csv.contains("'=cmd"), "{csv}");
    assert!(csv.contains("'@SUM(1)"), "{csv}");
}

/// A person made for the test, with a surname found nowhere else, a
/// request with a reason, attendance, a rating with a comment, notes about
/// them and one naming them, and a merge in the audit log.
fn person_with_a_history(store: &mut Store, session: i64) -> i64 {
    let actor = common::actor();
    let person: i64 = store
        .write(|tx| {
            tx.execute(
                "INSERT INTO person(surname, given_name, gender, tax_code, email, phone, organisation, organisation_type, job_title)
                 VALUES ('Zanzottera', 'Ermenegilda', 'F', 'ZNZRNG80A41D150X', 'e.zanzottera@comune.example', '0372 999111',
                         'Comune di Pizzighettone', 'Comune', 'Assistente sociale')",
                [],
            )?;
            let person = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO enrolment(person_id, module_id, received_on) VALUES (?1, 1, '2026-10-01')",
                [person],
            )?;
            Ok(person)
        })
        .unwrap();
    let enrolment: i64 = store
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT id FROM enrolment WHERE person_id = ?1",
                [person],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    store
        .decide(&actor, enrolment, Status::Accepted, None, true)
        .unwrap();
    store
        .set_mark(
            &actor,
            session,
            MarkChange {
                enrolment_id: enrolment,
                before: None,
                after: Some(Attendance::hours(120, Mark::LeftEarly)),
            },
        )
        .unwrap()
        .unwrap();
    store
        .set_rating(
            &actor,
            enrolment,
            4,
            Some("Zanzottera: utile per il mio lavoro"),
        )
        .unwrap();
    store
        .add_note(
            &actor,
            &[NoteSubject::Person(person)],
            "Ermenegilda Zanzottera chiede l'attestato",
            None,
            None,
        )
        .unwrap();
    // A note about her and another participant.
    store
        .add_note(
            &actor,
            &[NoteSubject::Person(person), NoteSubject::Person(1)],
            "Aula fredda; Zanzottera e Arena escono prima",
            None,
            None,
        )
        .unwrap();
    store
        .decide(
            &actor,
            enrolment,
            Status::Withdrawn,
            Some("trasferita, dice Zanzottera"),
            false,
        )
        .unwrap();
    person
}

fn files_contain(db: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = PathBuf::from(format!("{}{suffix}", db.display()));
        if let Ok(bytes) = std::fs::read(&file)
            && bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        {
            found.push(file.display().to_string());
        }
    }
    found
}

#[test]
fn a_person_is_exported_then_erased_without_a_trace_and_the_figures_stay() {
    let dir = tempdir().unwrap();
    let (path, session) = common::roster_register(dir.path());
    let mut store = Store::open(&path, Access::ReadWrite).unwrap();
    let person = person_with_a_history(&mut store, session);
    drop(store);
    let id = person.to_string();
    let (_, report_before, _) = run(&path, &["report", "--format", "json"]);

    // Export: everything about her.
    let (code, json, stderr) = run(&path, &["person", "export", &id]);
    assert_eq!(code, 0, "{stderr}");
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["person"]["surname"], "Zanzottera");
    assert_eq!(data["person"]["tax_code"], "ZNZRNG80A41D150X");
    assert_eq!(data["enrolments"].as_array().unwrap().len(), 1);
    assert_eq!(data["enrolment_history"].as_array().unwrap().len(), 2);
    assert_eq!(data["attendance"][0]["minutes"], 120);
    assert_eq!(data["ratings"][0]["score"], 4);
    assert_eq!(data["notes"].as_array().unwrap().len(), 2, "{json}");
    let audit = data["audit"].as_array().unwrap();
    for entity in ["enrolment", "attendance", "rating", "note"] {
        assert!(
            audit.iter().any(|e| e["entity"] == entity),
            "{entity}: {json}"
        );
    }
    assert!(!files_contain(&path, "Zanzottera").is_empty());

    // Erase.
    let (code, stdout, stderr) = run(&path, &["person", "erase", &id]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(&format!("Erased-{id}")), "{stdout}");
    for needle in [
        "Zanzottera",
        "zanzottera",
        "Ermenegilda",
        "ZNZRNG80A41D150X",
        "0372 999111",
        "Pizzighettone",
        "trasferita",
        "utile per il mio lavoro",
        "chiede l'attestato",
    ] {
        assert_eq!(
            files_contain(&path, needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    // The other person named in the session's note keeps her name.
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let body2: String = store
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT body FROM note WHERE body LIKE 'Aula fredda%'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(
        body2,
        format!("Aula fredda; Erased-{id} e Arena escono prima"),
        "{body2}"
    );
    // Full-text search no longer finds her.
    let found: i64 = store
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT count(*) FROM note_text WHERE note_text MATCH 'zanzottera'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(found, 0);
    drop(store);
    let (code, stdout, _) = run(&path, &["check"]);
    assert_eq!(code, 0, "{stdout}");
    // The figures are the same, to the last digit.
    let (_, report_after, _) = run(&path, &["report", "--format", "json"]);
    assert_eq!(report_before, report_after);
    // Her export now says nothing about her.
    let (_, json, _) = run(&path, &["person", "export", &id]);
    assert!(!json.contains("Zanzottera"), "{json}");
    let (code, _, stderr) = run(&path, &["person", "export", "99999"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no person with id 99999"), "{stderr}");
}
