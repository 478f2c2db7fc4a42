//! Erasing a person named in other people's requests and notes, with a
//! namesake in the register: her identifiers leave every text linked to
//! her, her tax code, email and phone leave every text, the texts about
//! other people stay as they were and are listed for review, and no copy
//! of an erased value is left in the file or its WAL (searched as bytes,
//! in any case). Her export has her drafts, and `-o` writes it private.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use registro::domain::Status;
use registro::store::notes::NoteSubject;
use registro::store::{Access, Store};
use serde_json::json;
use tempfile::tempdir;

fn run(path: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::from_std(common::registro("admin"))
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

/// The files of the register that hold `needle`, letters in any case.
fn files_holding(db: &Path, needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase().into_bytes();
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = PathBuf::from(format!("{}{suffix}", db.display()));
        if let Ok(bytes) = std::fs::read(&file) {
            let lower = bytes.to_ascii_lowercase();
            if lower.windows(needle.len()).any(|w| w == needle.as_slice()) {
                found.push(file.display().to_string());
            }
        }
    }
    found
}

fn one<T: rusqlite::types::FromSql>(store: &Store, sql: &str, id: i64) -> T {
    store
        .write(|tx| Ok(tx.query_row(sql, [id], |r| r.get(0))?))
        .unwrap()
}

struct Cast {
    maria: i64,
    namesake: i64,
    luca_request: i64,
    namesake_note: i64,
    shared_note: i64,
    session_note: i64,
    arena_draft: i64,
}

/// Maria Rossi (once Maria Bianchini), a namesake spelt ROSSI MARIA, and
/// Luca Verdi, whose request was rejected as a duplicate of Maria's.
fn cast(path: &Path, session: i64) -> Cast {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let actor = common::actor();
    let add = |surname: &str, given: &str, tax: &str, email: &str, phone: &str| -> i64 {
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO person(surname, given_name, gender, tax_code, email, phone, organisation, organisation_type)
                     VALUES (?1, ?2, 'F', ?3, ?4, ?5, 'Comune di Crema', 'Comune')",
                    [surname, given, tax, email, phone],
                )?;
                let person = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO enrolment(person_id, module_id, received_on) VALUES (?1, 1, '2026-10-01')",
                    [person],
                )?;
                Ok(person)
            })
            .unwrap()
    };
    let maria = add(
        "Rossi",
        "Maria",
        "RSSMRA80A41D150X",
        "maria.rossi@example.it",
        "333 1234567",
    );
    let namesake = add(
        "ROSSI",
        "MARIA",
        "RSSMRA75B52H501Z",
        "mrossi@altro.example",
        "0372 111222",
    );
    let luca = add(
        "Verdi",
        "Luca",
        "VRDLCU70C10D150Y",
        "luca@verdi.example",
        "0372 333444",
    );
    // Her earlier name and email, as an edit recorded them.
    store
        .write(|tx| {
            registro::store::writes::audit(
                tx,
                &actor,
                "person",
                Some(maria),
                "edit",
                Some(&json!({"surname": "Bianchini", "given_name": "Maria", "email": "m.bianchini@vecchio.example"})),
                Some(&json!({"surname": "Rossi", "given_name": "Maria", "email": "maria.rossi@example.it"})),
            )
        })
        .unwrap();
    let request_of = |person: i64| -> i64 {
        one(
            &store,
            "SELECT id FROM enrolment WHERE person_id = ?1",
            person,
        )
    };
    let luca_request = request_of(luca);
    store
        .decide(
            &actor,
            luca_request,
            Status::Rejected,
            Some(
                "stessa persona di rossi maria RSSMRA80A41D150X, scrive da MARIA.ROSSI@EXAMPLE.IT",
            ),
            false,
        )
        .unwrap();
    let hers = request_of(maria);
    store
        .decide(&actor, hers, Status::Accepted, None, true)
        .unwrap();
    store
        .set_rating(&actor, hers, 5, Some("bellissimo, firmato M. Bianchini"))
        .unwrap();
    store
        .decide(
            &actor,
            hers,
            Status::Withdrawn,
            Some("Rossi Maria si è trasferita a Lodi"),
            false,
        )
        .unwrap();
    let note = |subjects: &[NoteSubject], body: &str| {
        store.add_note(&actor, subjects, body, None, None).unwrap()
    };
    note(
        &[NoteSubject::Person(maria)],
        "Maria Rossi, già Bianchini, tel 333 1234567: chiede il certificato",
    );
    let namesake_note = note(
        &[NoteSubject::Person(namesake)],
        "Rossi Maria della CGIL ha chiamato per l'orario",
    );
    let shared_note = note(
        &[NoteSubject::Person(maria), NoteSubject::Person(1)],
        "Bianchini Maria e Arena arrivano in ritardo",
    );
    let session_note = note(
        &[NoteSubject::Session(session)],
        "Proiettore rotto; mail da Maria.Rossi@Example.IT sul recupero",
    );
    store
        .save_draft(
            &actor,
            None,
            None,
            &[NoteSubject::Person(maria)],
            "bozza su Maria: dislessia certificata",
        )
        .unwrap();
    let arena_draft = store
        .save_draft(
            &actor,
            None,
            None,
            &[NoteSubject::Person(1)],
            "Arena come rssmra80a41d150x?",
        )
        .unwrap();
    Cast {
        maria,
        namesake,
        luca_request,
        namesake_note,
        shared_note,
        session_note,
        arena_draft,
    }
}

#[test]
fn erasure_leaves_other_peoples_texts_lists_them_and_leaves_no_copy() {
    let dir = tempdir().unwrap();
    let (path, session) = common::roster_register(dir.path());
    let cast = cast(&path, session);
    let (_, report_before, _) = run(&path, &["report", "--format", "json"]);

    // The export holds her drafts, and -o writes it readable by her
    // keeper only.
    let export = dir.path().join("maria.json");
    let (code, stdout, stderr) = run(
        &path,
        &[
            "person",
            "export",
            &cast.maria.to_string(),
            "-o",
            export.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&export).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(
        data["drafts"][0]["body"],
        "bozza su Maria: dislessia certificata"
    );
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".part"))
    );

    let (code, stdout, stderr) = run(&path, &["person", "erase", &cast.maria.to_string()]);
    assert_eq!(code, 0, "{stderr}");
    let pseudonym = format!("Erased-{}", cast.maria);
    assert!(stdout.contains(&pseudonym), "{stdout}");
    // The texts about other people that name her are listed, not changed.
    assert!(stdout.contains("2 texts about other people"), "{stdout}");
    assert!(
        stdout.contains(&format!("request {}  Verdi Luca, M01", cast.luca_request)),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("note {}  ROSSI MARIA", cast.namesake_note)),
        "{stdout}"
    );
    assert!(stdout.contains("Rossi Maria della CGIL"), "{stdout}");

    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let body = |id: i64| one::<String>(&store, "SELECT body FROM note WHERE id = ?1", id);
    assert_eq!(
        body(cast.namesake_note),
        "Rossi Maria della CGIL ha chiamato per l'orario"
    );
    assert_eq!(
        body(cast.shared_note),
        format!("{pseudonym} e Arena arrivano in ritardo")
    );
    assert_eq!(
        body(cast.session_note),
        "Proiettore rotto; mail da [erased] sul recupero"
    );
    let reason: String = one(
        &store,
        "SELECT reason FROM enrolment WHERE id = ?1",
        cast.luca_request,
    );
    assert_eq!(
        reason,
        "stessa persona di rossi maria [erased], scrive da [erased]"
    );
    let history: String = one(
        &store,
        "SELECT group_concat(reason) FROM enrolment_history WHERE enrolment_id = ?1",
        cast.luca_request,
    );
    assert_eq!(
        history,
        "stessa persona di rossi maria [erased], scrive da [erased]"
    );
    let draft: String = one(
        &store,
        "SELECT body FROM note_draft WHERE id = ?1",
        cast.arena_draft,
    );
    assert_eq!(draft, "Arena come [erased]?");
    let namesake: String = one(
        &store,
        "SELECT surname || ' ' || given_name FROM person WHERE id = ?1",
        cast.namesake,
    );
    assert_eq!(namesake, "ROSSI MARIA");
    drop(store);

    for needle in [
        "RSSMRA80A41D150X",
        "maria.rossi@example.it",
        "333 1234567",
        "m.bianchini@vecchio.example",
        "Bianchini",
        "trasferita a Lodi",
        "dislessia",
        "chiede il certificato",
        "bellissimo",
    ] {
        assert_eq!(
            files_holding(&path, needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    // The namesake keeps her own tax code.
    assert!(!files_holding(&path, "RSSMRA75B52H501Z").is_empty());
    let (code, stdout, _) = run(&path, &["check"]);
    assert_eq!(code, 0, "{stdout}");
    let (_, report_after, _) = run(&path, &["report", "--format", "json"]);
    assert_eq!(report_before, report_after);
}
