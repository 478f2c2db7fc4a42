//! Merging shown before it is done, field by field; what the kept person
//! lacks taken from the other; folded requests keeping both histories;
//! the message telling moved from folded; ids never given twice.

mod command;
mod common;

use command::registro;
use common::{actor, press, queue_register, render};
use registro::domain::{Gender, Status};
use registro::i18n::{Catalogue, Lang};
use registro::store::planning::PersonDraft;
use registro::store::{Access, Store};
use registro::tui::screens::merge::merged_message;
use tempfile::tempdir;

fn draft(surname: &str, email: Option<&str>, phone: Option<&str>) -> PersonDraft {
    PersonDraft {
        surname: surname.into(),
        given_name: "Maria".into(),
        gender: Gender::F,
        tax_code: None,
        email: email.map(str::to_string),
        phone: phone.map(str::to_string),
        organisation: "Comune di Crema".into(),
        organisation_type: "Comune".into(),
        job_title: None,
        language: Default::default(),
    }
}

/// Rossi of the queue register (request for M02, id 1), and a second
/// Rossi with an email and a phone, a request for M02 too (folded) and
/// one for a module of her own (moved).
fn two_rossi(store: &Store) -> (i64, i64) {
    let other = store
        .create_person(
            &actor(),
            &draft("Rossi", Some("m.rossi@example.it"), Some("333 1234567")),
        )
        .unwrap();
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                     VALUES ('M03', 'Casa e territorio', 3, 'Cremona', 960, 30);",
            )?;
            Ok(())
        })
        .unwrap();
    let today = common::TODAY;
    store
        .add_enrolment(&actor(), other, 1, today, Status::Waitlisted, None)
        .unwrap();
    store
        .add_enrolment(&actor(), other, 2, today, Status::Requested, None)
        .unwrap();
    (1, other)
}

#[test]
fn the_preview_shows_both_people_and_what_the_kept_one_will_have() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let (keep, other) = two_rossi(&store);
    let preview = store.merge_preview(keep, other).unwrap();
    let email = preview.fields.iter().find(|f| f.field == "email").unwrap();
    assert_eq!(
        (
            email.kept.as_str(),
            email.other.as_str(),
            email.result.as_str()
        ),
        ("", "m.rossi@example.it", "m.rossi@example.it")
    );
    assert!(email.taken_from_other);
    let organisation = preview
        .fields
        .iter()
        .find(|f| f.field == "organisation")
        .unwrap();
    assert!(!organisation.taken_from_other);
    assert_eq!(preview.moving, vec!["M03".to_string()]);
    assert_eq!(preview.folding, vec!["M02".to_string()]);
    // The preview changed nothing.
    assert_eq!(store.person_draft(other).unwrap().0.surname, "Rossi");
}

#[test]
fn a_merge_keeps_the_others_values_and_both_histories_and_says_what_moved_and_what_folded() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let (keep, other) = two_rossi(&store);
    store
        .decide(&actor(), 1, Status::Accepted, None, false)
        .unwrap();
    let merged = store.merge_people(&actor(), keep, other).unwrap();
    assert_eq!((merged.enrolments_moved, merged.enrolments_joined), (1, 1));
    assert_eq!(
        merged_message(&merged, Catalogue::get(Lang::En)),
        "Merged: 1 requests moved, 1 folded into existing ones, 0 marks and 0 notes moved."
    );
    let (kept, _) = store.person_draft(keep).unwrap();
    assert_eq!(kept.email.as_deref(), Some("m.rossi@example.it"));
    assert_eq!(kept.phone.as_deref(), Some("333 1234567"));
    // The folded request: Rossi's own history (accepted) and the other's
    // (waitlisted), both there.
    let history = store.request_detail(1).unwrap().history;
    let steps: Vec<&str> = history.iter().map(|h| h.to.as_str()).collect();
    assert!(steps.contains(&"accepted"), "{steps:?}");
    assert!(steps.contains(&"waitlisted"), "{steps:?}");
}

#[test]
fn the_id_of_a_person_merged_away_is_never_given_again() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let (keep, other) = two_rossi(&store);
    store.merge_people(&actor(), keep, other).unwrap();
    // By the form…
    let next = store
        .create_person(&actor(), &draft("Nuova", None, None))
        .unwrap();
    assert!(next > other, "{next} reuses {other}");
    // …and by an import, after the newest person is merged away too.
    let newer = store
        .create_person(&actor(), &draft("Doppia", Some("doppia@example.it"), None))
        .unwrap();
    store.merge_people(&actor(), next, newer).unwrap();
    drop(store);
    let csv = dir.path().join("e.csv");
    std::fs::write(
        &csv,
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type\n\
         2026-11-01,M02,Ultima,Lia,F,lia@example.it,Comune,Comune\n",
    )
    .unwrap();
    registro()
        .arg("--db")
        .arg(&path)
        .args(["--user", "admin", "import", "enrolments"])
        .arg(&csv)
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let imported: i64 = conn
        .query_row("SELECT id FROM person WHERE surname = 'Ultima'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(imported > newer, "{imported} reuses {newer}");
}

#[test]
fn the_card_shows_the_merge_side_by_side_before_asking() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO person(surname, given_name, gender, email, phone, organisation, organisation_type)
                         VALUES ('Rossi', 'Maria', 'F', 'm.rossi@example.it', '333 1234567', 'Comune di Crema', 'Comune');",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "\n");
    common::press_key(&mut app, registro::keys::Key::Enter);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Rossi Maria"), "{screen}");
    press(&mut app, "j");
    press(&mut app, "M");
    let screen = render(&mut app, 140, 30);
    assert!(screen.contains("Dopo l'unione"), "{screen}");
    assert!(
        screen.contains("m.rossi@example.it (dall'altra)"),
        "{screen}"
    );
    assert!(screen.contains("(s/n)"), "{screen}");
    press(&mut app, "s");
    let screen = render(&mut app, 110, 30);
    assert!(
        screen.contains("Unione fatta: 0 domande spostate"),
        "{screen}"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let email: Option<String> = conn
        .query_row(
            "SELECT email FROM person WHERE surname = 'Rossi'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(email.as_deref(), Some("m.rossi@example.it"));
}
