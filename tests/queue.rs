//! The triage queue: single keys decide requests, places are watched, a
//! withdrawal offers the waiting list, every decision is recorded.

mod common;

use common::{press, press_key, queue_register, render};
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn statuses(path: &std::path::Path) -> Vec<(String, String, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn
        .prepare("SELECT p.surname, e.status, e.reason FROM enrolment e JOIN person p ON p.id = e.person_id ORDER BY e.id")
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn status_of(path: &std::path::Path, surname: &str) -> String {
    statuses(path)
        .into_iter()
        .find(|s| s.0 == surname)
        .unwrap()
        .1
}

fn open_queue(path: &std::path::Path) -> registro::tui::app::App {
    let mut app = common::app(path, Lang::En);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    app
}

#[test]
fn the_queue_shows_pending_requests_first_with_the_request_in_full() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path);
    insta::assert_snapshot!(render(&mut app, 80, 24));
}

#[test]
fn a_queue_is_cleared_with_single_keys() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path);
    // Rossi accepted; the next request (Bianchi) comes up under the cursor.
    press(&mut app, "A");
    assert_eq!(status_of(&path, "Rossi"), "accepted");
    // Bianchi rejected with the first configured reason.
    press(&mut app, "R1");
    press_key(&mut app, Key::Enter);
    assert_eq!(
        statuses(&path)[1],
        (
            "Bianchi".into(),
            "rejected".into(),
            Some("posti esauriti".into())
        )
    );
    // Verdi waitlisted.
    press(&mut app, "W");
    assert_eq!(status_of(&path, "Verdi"), "waitlisted");
    // Neri rejected with a reason typed in full.
    press(&mut app, "Rnon lavora nei servizi");
    press_key(&mut app, Key::Enter);
    assert_eq!(
        statuses(&path)[3].2.as_deref(),
        Some("non lavora nei servizi")
    );
    // Every decision is in the request's history, with who decided.
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let detail = store.request_detail(4).unwrap();
    assert_eq!(detail.history.len(), 1);
    assert_eq!(detail.history[0].by, "admin");
    assert_eq!(detail.history[0].from.as_deref(), Some("requested"));
    assert_eq!(detail.history[0].to, "rejected");
}

#[test]
fn accepting_beyond_capacity_asks_first() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path);
    press(&mut app, "AA"); // Rossi and Bianchi: the two places.
    press(&mut app, "A"); // Verdi would be the third.
    assert!(render(&mut app, 100, 30).contains("Accept beyond capacity?"));
    press(&mut app, "n");
    assert_eq!(status_of(&path, "Verdi"), "requested");
    press(&mut app, "A");
    press(&mut app, "y");
    assert_eq!(status_of(&path, "Verdi"), "accepted");
}

#[test]
fn a_withdrawal_offers_the_first_on_the_waiting_list() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path);
    press(&mut app, "A"); // Rossi accepted
    // Find Rossi again (now among the decided ones) and withdraw her.
    press(&mut app, "/Rossi");
    press_key(&mut app, Key::Enter);
    press(&mut app, "X1");
    press_key(&mut app, Key::Enter);
    assert_eq!(status_of(&path, "Rossi"), "withdrawn");
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("accept Gallo Ida from the waiting list?"),
        "{screen}"
    );
    press(&mut app, "y");
    assert_eq!(status_of(&path, "Gallo"), "accepted");
}

#[test]
fn a_decision_is_not_repeated_and_a_correction_waits_for_its_reason() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path);
    press(&mut app, "Rduplicato");
    press_key(&mut app, Key::Enter);
    let before = statuses(&path);
    // Rossi is rejected now; go back to her: R again changes nothing, A
    // asks why (a correction) and Esc leaves her as she was.
    press(&mut app, "/Rossi");
    press_key(&mut app, Key::Enter);
    press(&mut app, "R");
    assert!(render(&mut app, 100, 30).contains("already rejected"));
    press(&mut app, "A");
    assert!(render(&mut app, 100, 30).contains("Correcting rejected → accepted"));
    press_key(&mut app, Key::Esc);
    assert_eq!(statuses(&path), before);
}

#[test]
fn a_duplicate_is_flagged_and_merged_from_the_card() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "UPDATE person SET email = 'maria.rossi@example.it' WHERE surname = 'Rossi';
                     INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                         VALUES ('M03', 'Casa e territorio', 3, 'Cremona', 960, 30);
                     INSERT INTO person(surname, given_name, gender, email, organisation, organisation_type)
                         VALUES ('Rossi', 'Maria', 'F', 'Maria.Rossi@Example.it', 'Comune di Crema', 'Comune');
                     INSERT INTO enrolment(person_id, module_id, received_on, status)
                         VALUES (last_insert_rowid(), 2, '2026-10-05', 'requested');",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = open_queue(&path);
    // The queue shows the possible duplicate beside the request.
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Possible duplicates"), "{screen}");
    // Open Rossi's card: the other Rossi is listed; M merges her in.
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("same email"), "{screen}");
    press(&mut app, "j");
    press(&mut app, "M");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("Merge Rossi Maria into Rossi Maria"),
        "{screen}"
    );
    assert!(screen.contains("After merging"), "{screen}");
    press(&mut app, "y");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("Merged: 1 requests moved, 0 folded"),
        "{screen}"
    );
    // One person now, with both requests.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (people, requests): (i64, i64) = conn
        .query_row(
            "SELECT count(DISTINCT p.id), count(e.id) FROM person p JOIN enrolment e ON e.person_id = p.id WHERE p.surname = 'Rossi'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!((people, requests), (1, 2));
}
