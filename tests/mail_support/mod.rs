//! What the outbox and mail tests share: a register with one module of
//! ten places and sixteen requests, people with accents in their names,
//! one of them without an e-mail address.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use registro::context::{Actor, Clock};
use registro::domain::{Role, Status};
use registro::store::enrolments::Decision;
use registro::store::{Access, DEFAULT_AXES, Store};

use super::common::{TODAY, actor};

/// Given names and surnames of the sixteen applicants, in arrival order.
pub const PEOPLE: [(&str, &str); 16] = [
    ("Nicolò", "Ferrè"),
    ("Anna", "Bianchi"),
    ("Luca", "Rossi"),
    ("Sara", "Verdi"),
    ("Paola", "Neri"),
    ("Ida", "Gallo"),
    ("Marco", "Conte"),
    ("Elena", "Fabbri"),
    ("Giulia", "Sarti"),
    ("Piero", "Donà"),
    ("Chiara", "Lodi"),
    ("Ugo", "Pini"),
    ("Rita", "Zeni"),
    ("Tea", "Moro"),
    ("Ivo", "Sala"),
    ("Lia", "Zanetti"),
];

/// The person with no e-mail address: her letter goes on paper.
pub const NO_EMAIL: &str = "Zanetti";

pub fn email_of(surname: &str) -> String {
    let plain: String = surname
        .chars()
        .map(|c| match c {
            'è' | 'é' => 'e',
            'à' => 'a',
            c => c,
        })
        .collect();
    format!("{}@example.org", plain.to_lowercase())
}

pub fn mail_register(folder: &Path) -> PathBuf {
    let path = folder.join("mail.db");
    let store = Store::create(&path, &actor(), DEFAULT_AXES).expect("create");
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO module(code, title, axis_id, location, venue, planned_minutes, capacity, starts_on, ends_on)
                     VALUES ('M05', 'Diritti e cittadinanza: l''accoglienza', 1, 'Crema', 'Sala Pietà', 720, 10, '2027-01-11', '2027-01-25');
                 INSERT INTO session(module_id, date, start_minute, end_minute) VALUES
                     (1, '2027-01-11', 570, 810), (1, '2027-01-18', 570, 810), (1, '2027-01-25', 570, 810);",
            )?;
            for (index, (given, surname)) in PEOPLE.iter().enumerate() {
                let email = (*surname != NO_EMAIL).then(|| email_of(surname));
                tx.execute(
                    "INSERT INTO person(surname, given_name, gender, email) VALUES (?1, ?2, 'F', ?3)",
                    rusqlite::params![surname, given, email],
                )?;
                tx.execute(
                    "INSERT INTO enrolment(person_id, module_id, received_on, status) VALUES (?1, 1, ?2, 'requested')",
                    rusqlite::params![tx.last_insert_rowid(), format!("2026-10-{:02}", index + 1)],
                )?;
            }
            Ok(())
        })
        .expect("fill");
    store
        .add_user(&actor(), "tina", None, Role::Tutor, &[])
        .expect("tutor");
    store
        .add_user(&actor(), "carla", None, Role::Coordinator, &[])
        .expect("coordinator");
    path
}

pub fn carla() -> Actor {
    Actor::new("carla", Clock::at_noon(TODAY))
}

pub fn tina() -> Actor {
    Actor::new("tina", Clock::at_noon(TODAY))
}

pub fn request(store: &Store, surname: &str) -> i64 {
    store
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT e.id FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.surname = ?1",
                [surname],
                |row| row.get(0),
            )?)
        })
        .expect("request")
}

pub fn decide(store: &Store, who: &Actor, surname: &str, to: Status, reason: Option<&str>) {
    let id = request(store, surname);
    assert_eq!(
        store.decide(who, id, to, reason, false).expect("decide"),
        Decision::Done,
        "{surname} → {to:?}"
    );
}

/// Accept ten, reject two with reasons, waitlist three: the issue's
/// afternoon of triage as a coordinator, up to the withdrawal (the tests
/// that need it withdraw Donà and offer her place themselves).
pub fn triage(path: &Path) {
    let store = Store::open(path, Access::ReadWrite).expect("open");
    let who = carla();
    for (_, surname) in &PEOPLE[..10] {
        decide(&store, &who, surname, Status::Accepted, None);
    }
    decide(
        &store,
        &who,
        "Lodi",
        Status::Rejected,
        Some("requisiti mancanti"),
    );
    decide(
        &store,
        &who,
        "Pini",
        Status::Rejected,
        Some("domanda fuori termine"),
    );
    for surname in ["Zeni", "Moro", NO_EMAIL] {
        decide(&store, &who, surname, Status::Waitlisted, None);
    }
}

/// The mail register with a second module, M06, held in October: three
/// sessions of four hours, all attended by Ferrè, Bianchi (who reads
/// English) and Zanetti (no e-mail), all missed by Rossi. Their
/// certificates are due: three of them.
pub fn certificate_register(folder: &Path) -> PathBuf {
    let path = mail_register(folder);
    let store = Store::open(&path, Access::ReadWrite).expect("open");
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO module(id, code, title, axis_id, location, venue, planned_minutes, capacity, starts_on, ends_on)
                     VALUES (2, 'M06', 'Lingua e società: l''italiano per il lavoro', 1, 'Cremona', 'Aula Magna', 720, 20, '2026-10-05', '2026-10-19');
                 INSERT INTO session(id, module_id, date, start_minute, end_minute) VALUES
                     (11, 2, '2026-10-05', 570, 810), (12, 2, '2026-10-12', 570, 810), (13, 2, '2026-10-19', 570, 810);
                 UPDATE person SET language = 'en' WHERE surname = 'Bianchi';",
            )?;
            for (surname, minutes) in [("Ferrè", 240), ("Bianchi", 240), (NO_EMAIL, 240), ("Rossi", 0)] {
                tx.execute(
                    "INSERT INTO enrolment(person_id, module_id, received_on, status)
                     SELECT id, 2, '2026-09-01', 'accepted' FROM person WHERE surname = ?1",
                    [surname],
                )?;
                let enrolment = tx.last_insert_rowid();
                let mark = if minutes > 0 { "present" } else { "absent" };
                for session in [11, 12, 13] {
                    tx.execute(
                        "INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by)
                         VALUES (?1, ?2, ?3, ?4, '2026-10-19T13:00:00Z', 'admin')",
                        rusqlite::params![enrolment, session, minutes, mark],
                    )?;
                }
            }
            Ok(())
        })
        .expect("certificates");
    path
}

/// The request of `surname` for module `code`.
pub fn request_in(store: &Store, surname: &str, code: &str) -> i64 {
    store
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT e.id FROM enrolment e JOIN person p ON p.id = e.person_id
                 JOIN module m ON m.id = e.module_id WHERE p.surname = ?1 AND m.code = ?2",
                [surname, code],
                |row| row.get(0),
            )?)
        })
        .expect("request")
}
