//! Possible duplicates and merging two records of one person.

use std::path::{Path, PathBuf};

use registro::context::{Actor, Clock};
use registro::import::{self, Kind};
use registro::store::{DEFAULT_AXES, DuplicateReason, Store, StoreError};
use rusqlite::Connection;

fn actor() -> Actor {
    Actor::new(
        "coordinatrice",
        Clock::at_noon(jiff::civil::date(2026, 11, 26)),
    )
}

fn load(store: &mut Store, kind: Kind, text: &str) {
    let outcome = import::import(
        store,
        &actor(),
        kind,
        "test.csv",
        text.as_bytes(),
        false,
        &mut |_| {},
    )
    .unwrap();
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
}

fn corpus(file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/import")
            .join(file),
    )
    .unwrap()
}

/// The base register, plus a second record of Maria Rossi (same name and
/// organisation, no tax code, another email) with requests of her own.
fn register(dir: &Path) -> (Store, PathBuf) {
    let db = dir.join("r.db");
    let mut store = Store::create(&db, &actor(), DEFAULT_AXES).unwrap();
    load(&mut store, Kind::Modules, &corpus("base/modules.csv"));
    load(&mut store, Kind::Sessions, &corpus("base/sessions.csv"));
    load(&mut store, Kind::Enrolments, &corpus("base/enrolments.csv"));
    load(
        &mut store,
        Kind::Enrolments,
        "received_on,module,surname,given_name,gender,email,phone,organisation,organisation_type,status,reason
2012-11-20,M01,rossi,MARIA,F,m.rossi@gmail.example,333 1234567,Comune di Cremona,Comune,accepted,
2012-11-21,M03,rossi,MARIA,F,m.rossi@gmail.example,,Comune di Cremona,Comune,accepted,
",
    );
    load(
        &mut store,
        Kind::Attendance,
        "module,date,start,tax_code,email,hours
M01,2013-01-15,09:00,RSSMRA85T50D150H,,2
M01,2013-01-22,09:00,RSSMRA85T50D150H,,4
M01,2013-01-15,09:00,,m.rossi@gmail.example,4
M01,2013-01-22,14:00,,m.rossi@gmail.example,2
M03,2013-03-01,09:00,,m.rossi@gmail.example,4
",
    );
    load(
        &mut store,
        Kind::Ratings,
        "module,email,rating,comment
M01,m.rossi@gmail.example,4,doppione
M03,m.rossi@gmail.example,5,
",
    );
    (store, db)
}

fn id_of(conn: &Connection, condition: &str) -> i64 {
    conn.query_row(
        &format!("SELECT id FROM person WHERE {condition}"),
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_same_name_and_organisation_is_a_possible_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let (store, db) = register(dir.path());
    let conn = Connection::open(&db).unwrap();
    let keep = id_of(&conn, "tax_code = 'RSSMRA85T50D150H'");
    let other = id_of(&conn, "email = 'm.rossi@gmail.example'");
    let found = store.possible_duplicates(keep).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].person_id, other);
    assert_eq!(
        found[0].reasons,
        vec![DuplicateReason::SameNameAndOrganisation]
    );
    assert!(
        store
            .possible_duplicates(id_of(&conn, "surname = 'Bianchi'"))
            .unwrap()
            .is_empty()
    );
    let flagged = store.people_with_possible_duplicates().unwrap();
    assert_eq!(flagged, [keep, other].into_iter().collect());
}

#[test]
fn same_email_and_same_birth_date_in_the_tax_code_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = register(dir.path());
    // Paolo Neri again: another organisation, the same email as his other
    // record would have, and a tax code with the same birth date (the
    // base record uses an omocodia letter for the last digit).
    load(
        &mut store,
        Kind::Enrolments,
        "received_on,module,surname,given_name,gender,tax_code,email,organisation,organisation_type
2012-12-20,M03,Neri,Paolo,M,NREPLA62C28D150N,paolo.neri@example.it,Prefettura,Prefettura
2012-12-20,M03,Gallini,Sara,F,GLNSRA91E45Z330A,SARA.GALLO@caritas.it,Caritas,Volontariato
",
    );
    let conn = Connection::open(&db).unwrap();
    let neri = id_of(&conn, "tax_code = 'NREPLA62C28A79QK'");
    let found = store.possible_duplicates(neri).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].reasons, vec![DuplicateReason::SameNameAndBirth]);
    let gallo = id_of(&conn, "surname = 'Gallo'");
    let found = store.possible_duplicates(gallo).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].reasons, vec![DuplicateReason::SameEmail]);
}

#[test]
fn merging_moves_everything_to_the_person_kept_in_one_audited_change() {
    let dir = tempfile::tempdir().unwrap();
    let (store, db) = register(dir.path());
    let conn = Connection::open(&db).unwrap();
    let keep = id_of(&conn, "tax_code = 'RSSMRA85T50D150H'");
    let drop = id_of(&conn, "email = 'm.rossi@gmail.example'");
    conn.execute_batch(&format!(
        "INSERT INTO note(id, author, created_at, updated_at, body) VALUES
             (1, 'tutor', '2013-01-15T10:00:00Z', '2013-01-15T10:00:00Z', 'arrivata in ritardo'),
             (2, 'tutor', '2013-01-15T10:00:00Z', '2013-01-15T10:00:00Z', 'su entrambe');
         INSERT INTO note_subject(note_id, person_id) VALUES (1, {drop}), (2, {drop}), (2, {keep});"
    ))
    .unwrap();
    let hours_before = count(&conn, "SELECT sum(minutes) FROM attendance");

    let merged = store.merge_people(&actor(), keep, drop).unwrap();
    assert_eq!(merged.enrolments_moved, 1, "M03 moves as it is");
    assert_eq!(merged.enrolments_joined, 1, "M01 was requested twice");
    assert_eq!(merged.notes_moved, 1);

    assert_eq!(
        count(
            &conn,
            &format!("SELECT count(*) FROM person WHERE id = {drop}")
        ),
        0
    );
    let modules: Vec<String> = conn
        .prepare(&format!(
            "SELECT m.code || ':' || e.status || ':' || e.received_on FROM enrolment e
             JOIN module m ON m.id = e.module_id WHERE e.person_id = {keep} ORDER BY m.code"
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        modules,
        vec![
            "M01:accepted:2012-11-20",
            "M02:accepted:2012-12-02",
            "M03:accepted:2012-11-21"
        ]
    );
    // M01: the 15th had 2 and 4 hours, the larger stays; the 22nd morning
    // (kept's) and afternoon (dropped's) are both there.
    let m01: Vec<(String, i64)> = conn
        .prepare(&format!(
            "SELECT s.date || ' ' || s.start_minute, a.minutes FROM attendance a
             JOIN enrolment e ON e.id = a.enrolment_id JOIN session s ON s.id = a.session_id
             WHERE e.person_id = {keep} AND s.module_id = e.module_id ORDER BY s.date, s.start_minute"
        ))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        m01,
        vec![
            ("2013-01-15 540".to_string(), 240),
            ("2013-01-22 540".to_string(), 240),
            ("2013-01-22 840".to_string(), 120),
            ("2013-03-01 540".to_string(), 240),
        ]
    );
    assert_eq!(
        count(&conn, "SELECT sum(minutes) FROM attendance"),
        hours_before - 120,
        "only the smaller of the two marks for one session goes"
    );
    // Ratings: both modules now rated by the kept person.
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT count(*) FROM rating r JOIN enrolment e ON e.id = r.enrolment_id
                 WHERE e.person_id = {keep}"
            )
        ),
        2
    );
    // Notes: each about the kept person once.
    assert_eq!(
        count(
            &conn,
            &format!("SELECT count(*) FROM note_subject WHERE person_id = {keep}")
        ),
        2
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM note_subject"), 2);
    // Blanks filled from the dropped record; what the kept one had stays.
    let (email, phone): (String, String) = conn
        .query_row(
            &format!("SELECT email, phone FROM person WHERE id = {keep}"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(email, "maria.rossi@comune.cremona.it");
    assert_eq!(phone, "0372 111111");
    // No history lost, and the merge is in the audit log.
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM enrolment_history WHERE enrolment_id NOT IN (SELECT id FROM enrolment)"
        ),
        0
    );
    let (user, before): (String, String) = conn
        .query_row(
            &format!("SELECT user, before FROM audit WHERE entity = 'person' AND entity_id = {keep} AND action = 'merge'"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(user, "coordinatrice");
    assert!(before.contains("m.rossi@gmail.example"), "{before}");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM pragma_foreign_key_check"),
        0
    );
}

#[test]
fn a_request_further_along_wins_when_both_have_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = register(dir.path());
    let conn = Connection::open(&db).unwrap();
    // Anna Verdi was rejected from M03; her other record was accepted.
    let verdi = id_of(&conn, "surname = 'Verdi'");
    load(
        &mut store,
        Kind::Enrolments,
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type,status
2012-12-09,M03,Verdi,Anna Maria,F,annamaria.verdi@example.it,ASL Cremona,ASL,accepted
",
    );
    let other = id_of(&conn, "email = 'annamaria.verdi@example.it'");
    store.merge_people(&actor(), verdi, other).unwrap();
    let (status, reason): (String, Option<String>) = conn
        .query_row(
            &format!(
                "SELECT status, reason FROM enrolment e JOIN module m ON m.id = e.module_id
                 WHERE person_id = {verdi} AND m.code = 'M03'"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), reason), ("accepted", None));
}

#[test]
fn merging_someone_with_themselves_or_nobody_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, db) = register(dir.path());
    let conn = Connection::open(&db).unwrap();
    let keep = id_of(&conn, "surname = 'Bianchi'");
    let people = count(&conn, "SELECT count(*) FROM person");
    assert!(matches!(
        store.merge_people(&actor(), keep, keep),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        store.merge_people(&actor(), keep, 9999),
        Err(StoreError::NotFound("person"))
    ));
    assert_eq!(count(&conn, "SELECT count(*) FROM person"), people);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM audit WHERE action = 'merge'"),
        0
    );
}
