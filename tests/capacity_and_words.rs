//! Capacity told by the import with the line, and the words of every
//! filter in both languages.

mod command;
mod common;

use std::path::Path;

use command::registro;
use common::{actor, press, press_key, queue_register, render};
use registro::domain::Status;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::lists::{From, ListSpec, Notes, Scope};
use registro::store::{Access, Store};
use tempfile::tempdir;

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_import_accepting_beyond_a_modules_places_warns_with_each_line() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let modules = dir.path().join("modules.csv");
    write(
        &modules,
        "code,title,axis,location,hours,capacity,starts_on,ends_on\n\
         M01,Lingua,I,Cremona,16,3,2026-01-15,2026-02-28\n",
    );
    registro()
        .arg("--db")
        .arg(&db)
        .args(["import", "modules"])
        .arg(&modules)
        .assert()
        .success();
    let mut csv = String::from(
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type,status\n",
    );
    for n in 1..=5 {
        csv.push_str(&format!(
            "2026-01-0{n},M01,Rossi,Persona{n},F,p{n}@example.it,Comune,Comune,accepted\n"
        ));
    }
    let file = dir.path().join("enrolments.csv");
    write(&file, &csv);
    let output = registro()
        .current_dir(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["import", "enrolments", "enrolments.csv"])
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warned: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("beyond the places of M01"))
        .collect();
    assert_eq!(warned.len(), 2, "{stderr}");
    assert!(warned[0].starts_with("enrolments.csv:5:"), "{stderr}");
    assert!(
        warned[0].contains("4 participants for 3 places"),
        "{stderr}"
    );
    assert!(warned[1].starts_with("enrolments.csv:6:"), "{stderr}");
}

fn found<S: ListSpec>(store: &Store, filter: &str) -> usize {
    store
        .page::<S>(filter, &Scope::default(), None, From::AtOrAfter, 0, 1000)
        .unwrap()
        .len()
}

#[test]
fn status_words_find_requests_in_italian_and_english() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .decide(&actor(), 1, Status::Accepted, None, false)
        .unwrap();
    use registro::store::lists::Enrolments;
    for (word, count) in [
        ("accettata", 1),
        ("accepted", 1),
        ("ricevuta", 3),
        ("requested", 3),
        ("in attesa", 1),
        ("waitlisted", 1),
        ("respinta", 0),
    ] {
        assert_eq!(found::<Enrolments>(&store, word), count, "{word}");
    }
}

#[test]
fn follow_up_flags_find_notes_in_italian_and_english() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .add_note(&actor(), &[], "chiamare la scuola", Some("open"), None)
        .unwrap();
    store
        .add_note(&actor(), &[], "fatto il colloquio", Some("done"), None)
        .unwrap();
    for (flag, count) in [("+aperto", 1), ("+open", 1), ("+fatto", 1), ("+done", 1)] {
        assert_eq!(found::<Notes>(&store, flag), count, "{flag}");
    }
}

#[test]
fn an_empty_filter_result_says_nothing_matches() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "4");
    press(&mut app, "/zzzz");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Nessun risultato per il filtro."),
        "{screen}"
    );
    assert!(!screen.contains("Ancora niente qui"), "{screen}");
    press(&mut app, "/");
    for _ in 0..4 {
        press_key(&mut app, Key::Backspace);
    }
    press(&mut app, "in attesa");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Gallo Ida"), "{screen}");
}

#[test]
fn lowering_a_modules_places_below_its_participants_asks_first() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        for id in [1, 2] {
            store
                .decide(&actor(), id, Status::Accepted, None, false)
                .unwrap();
        }
        store
            .write(|tx| {
                tx.execute_batch(
                    "UPDATE module SET starts_on = '2026-12-01', ends_on = '2026-12-31'",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = common::app(&path, Lang::En);
    press(&mut app, "1");
    render(&mut app, 100, 30);
    press(&mut app, "E");
    for _ in 0..6 {
        press_key(&mut app, Key::Tab);
    }
    for _ in 0..4 {
        press_key(&mut app, Key::Backspace);
    }
    press(&mut app, "1");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("M02 has 2 participants: with 1 places it is beyond capacity"),
        "{screen}"
    );
    let capacity = |path: &Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("SELECT capacity FROM module", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(capacity(&path), 2);
    press(&mut app, "y");
    assert_eq!(capacity(&path), 1);
}

#[test]
fn a_participation_added_from_a_persons_card_asks_when_the_module_is_full() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                         VALUES ('M03', 'Casa e territorio', 3, 'Cremona', 960, 1);",
                )?;
                Ok(())
            })
            .unwrap();
        // Bianchi takes M03's one place; Verdi waits for it.
        store
            .add_enrolment(&actor(), 2, 2, common::TODAY, Status::Accepted, None)
            .unwrap();
        store
            .add_enrolment(&actor(), 3, 2, common::TODAY, Status::Waitlisted, None)
            .unwrap();
    }
    let accepted_in_m03 = |path: &Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM enrolment WHERE module_id = 2 AND status = 'accepted'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let mut app = common::app(&path, Lang::En);
    press(&mut app, "4");
    render(&mut app, 120, 30);
    press_key(&mut app, Key::Enter); // Rossi's card
    render(&mut app, 120, 30);
    press(&mut app, "+");
    press_key(&mut app, Key::Tab);
    let mut screen = String::new();
    for _ in 0..3 {
        if screen.contains("M03 Casa") {
            break;
        }
        press_key(&mut app, Key::Right);
        screen = render(&mut app, 120, 30);
    }
    assert!(screen.contains("M03 Casa"), "{screen}");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Right);
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("◀ accepted"), "{screen}");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 120, 30);
    assert!(
        screen.contains("M03 has 1 of 1 places taken. Waiting before this person: 1 (Verdi Sara)"),
        "{screen}"
    );
    assert_eq!(accepted_in_m03(&path), 1);
    press(&mut app, "y");
    assert_eq!(accepted_in_m03(&path), 2);
}
