//! People stay unique and complete: an email another person has is
//! refused by the person form's write, and an import fills in the tax
//! code, email and phone the register lacks, noting differences only
//! where both have a value.

mod command;
mod common;

use std::path::Path;

use command::registro;
use common::{actor, queue_register};
use registro::domain::Gender;
use registro::store::planning::PersonDraft;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn draft(surname: &str, email: Option<&str>) -> PersonDraft {
    PersonDraft {
        surname: surname.into(),
        given_name: "Anna".into(),
        gender: Gender::F,
        tax_code: None,
        email: email.map(str::to_string),
        phone: None,
        organisation: "Comune di Crema".into(),
        organisation_type: "Comune".into(),
        job_title: None,
        language: Default::default(),
    }
}

#[test]
fn an_email_another_person_has_in_any_case_is_refused_by_the_person_form() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let first = store
        .create_person(&actor(), &draft("Ferri", Some("anna.ferri@example.it")))
        .unwrap();
    let refused = store
        .create_person(&actor(), &draft("Ferri", Some("Anna.Ferri@Example.IT")))
        .unwrap_err();
    assert!(
        registro::store::describe(
            &refused,
            registro::i18n::Catalogue::get(registro::i18n::Lang::En)
        )
        .contains("Ferri Anna"),
        "the refusal names who has it: {refused:?}"
    );
    let second = store
        .create_person(&actor(), &draft("Sala", Some("anna.sala@example.it")))
        .unwrap();
    let (_, version) = store.person_draft(second).unwrap();
    let taken = store.update_person(
        &actor(),
        second,
        version,
        &draft("Sala", Some("ANNA.FERRI@example.it")),
    );
    assert!(taken.is_err(), "{taken:?}");
    // Saving a person with their own email, in another case, is fine.
    let (_, version) = store.person_draft(first).unwrap();
    store
        .update_person(
            &actor(),
            first,
            version,
            &draft("Ferri", Some("ANNA.FERRI@example.it")),
        )
        .unwrap()
        .unwrap();
}

fn import(dir: &Path, db: &Path, kind: &str, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    let output = registro()
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(["import", kind, name])
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    // Notes go to standard output, warnings and errors to standard error.
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{said}");
    said
}

fn person(db: &Path, surname: &str) -> (Option<String>, Option<String>, Option<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT tax_code, email, phone FROM person WHERE surname = ?1",
        [surname],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )
    .unwrap()
}

#[test]
fn an_import_fills_in_what_the_register_lacks_and_notes_only_real_differences() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    import(
        dir.path(),
        &db,
        "modules",
        "modules.csv",
        "code,title,axis,location,hours,capacity,starts_on,ends_on\n\
         M01,Lingua,I,Cremona,16,30,2026-01-15,2026-02-28\n\
         M02,Lavoro,II,Crema,12,30,2026-02-01,2026-03-15\n",
    );
    // A first file without the tax-code column nor phones.
    import(
        dir.path(),
        &db,
        "enrolments",
        "short.csv",
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type\n\
         2026-01-02,M01,Rossi,Maria,F,maria.rossi@example.it,Comune di Cremona,Comune\n",
    );
    assert_eq!(
        person(&db, "Rossi"),
        (None, Some("maria.rossi@example.it".into()), None)
    );
    // The full file: the code and phone the register lacked go in, with
    // no note about a blank "kept"; a second request comes in too.
    let stderr = import(
        dir.path(),
        &db,
        "enrolments",
        "full.csv",
        "received_on,module,surname,given_name,gender,tax_code,email,phone,organisation,organisation_type\n\
         2026-01-02,M01,Rossi,Maria,F,RSSMRA85T50D150H,maria.rossi@example.it,0372 111111,Comune di Cremona,Comune\n\
         2026-01-03,M02,Rossi,Maria,F,RSSMRA85T50D150H,maria.rossi@example.it,0372 111111,Comune di Cremona,Comune\n",
    );
    assert!(!stderr.contains("note:"), "{stderr}");
    assert_eq!(
        person(&db, "Rossi"),
        (
            Some("RSSMRA85T50D150H".into()),
            Some("maria.rossi@example.it".into()),
            Some("0372 111111".into())
        )
    );
    // A phone that differs from one the register has is noted, not taken.
    let stderr = import(
        dir.path(),
        &db,
        "enrolments",
        "other_phone.csv",
        "received_on,module,surname,given_name,gender,tax_code,phone,organisation,organisation_type\n\
         2026-01-02,M01,Rossi,Maria,F,RSSMRA85T50D150H,0372 999999,Comune di Cremona,Comune\n",
    );
    assert!(stderr.contains("0372 999999"), "{stderr}");
    assert_eq!(person(&db, "Rossi").2.as_deref(), Some("0372 111111"));
}
