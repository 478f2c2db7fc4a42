//! Planning on screen, driven by keys: forms checked as you type, a
//! session with attendance refused and cancelled instead, repeating
//! sessions with their preview, the calendar and the clashes at 80×24.

mod common;

use common::{app, press, press_key, render, roster_register};
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn sessions(path: &std::path::Path) -> usize {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    store
        .sessions_between(
            &store.reach("admin").unwrap(),
            jiff::civil::date(2000, 1, 1),
            jiff::civil::date(2100, 1, 1),
        )
        .unwrap()
        .len()
}

#[test]
fn a_wrong_date_and_a_time_of_25_are_told_beside_the_field_and_nothing_is_saved() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "2c");
    // The module, by the start of its name; then the fields in turn.
    press(&mut app, "M");
    press_key(&mut app, Key::Tab);
    press(&mut app, "31/02/2027");
    press_key(&mut app, Key::Tab);
    press(&mut app, "25:00");
    press_key(&mut app, Key::Tab);
    press(&mut app, "13:00");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("session_form_wrong_date_and_time", screen);
    assert!(screen.contains("not a date"));
    assert!(screen.contains("not a time"));
    assert_eq!(sessions(&path), 4, "nothing saved");

    // Put right (the first wrong field has the cursor), it saves.
    for _ in 0..10 {
        press_key(&mut app, Key::Backspace);
    }
    press(&mut app, "03/03/2027");
    press_key(&mut app, Key::Tab);
    for _ in 0..5 {
        press_key(&mut app, Key::Backspace);
    }
    press(&mut app, "9:00");
    press_key(&mut app, Key::Enter);
    // Four sessions of 4 hours already make the 16 planned: asked first.
    let asked = render(&mut app, 80, 24);
    assert!(asked.contains("Save anyway?"), "{asked}");
    press(&mut app, "y");
    assert_eq!(sessions(&path), 5);
}

#[test]
fn leaving_a_form_asks_only_when_something_would_be_lost() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "1c");
    press_key(&mut app, Key::Esc);
    assert!(render(&mut app, 80, 24).contains("M01"), "back on the list");
    press(&mut app, "c");
    press(&mut app, "M02");
    press_key(&mut app, Key::Esc);
    assert!(render(&mut app, 80, 24).contains("Leave without saving"));
    press(&mut app, "n");
    assert!(render(&mut app, 80, 24).contains("New module"));
    press_key(&mut app, Key::Esc);
    press(&mut app, "y");
    assert!(!render(&mut app, 80, 24).contains("New module"));
}

#[test]
fn a_module_is_created_and_a_second_edition_made_in_another_town() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "1c");
    for (value, tab) in [
        ("M02", true),
        ("Lavoro e stranieri", true),
        ("II", true),
        ("Crema", true),
        ("Sala Giunta", true),
        ("16", true),
        ("25", true),
        ("01/03/2027", true),
        ("31/03/2027", false),
    ] {
        press(&mut app, value);
        if tab {
            press_key(&mut app, Key::Tab);
        }
    }
    insta::assert_snapshot!("module_form_filled", render(&mut app, 80, 24));
    press_key(&mut app, Key::Enter);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let m02 = store
        .module_choices()
        .unwrap()
        .into_iter()
        .find(|(_, code, _)| code == "M02")
        .expect("M02 saved");
    let module = store.module(m02.0).unwrap();
    assert_eq!(module.axis_code, "II");
    assert_eq!(module.location, "Crema");
    assert_eq!(module.planned_minutes, 960);

    // Its second edition, from the list: N on M02 (the second row).
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Down);
    press(&mut app, "N");
    press(&mut app, "M02B");
    press_key(&mut app, Key::Tab);
    press(&mut app, "Casalmaggiore");
    press_key(&mut app, Key::Tab);
    press(&mut app, "2027-04-01");
    press_key(&mut app, Key::Tab);
    press(&mut app, "2027-04-30");
    press_key(&mut app, Key::Enter);
    let codes: Vec<String> = store
        .module_choices()
        .unwrap()
        .into_iter()
        .map(|(_, code, _)| code)
        .collect();
    assert_eq!(codes, vec!["M01", "M02", "M02B"]);
}

#[test]
fn deleting_a_session_with_attendance_is_refused_and_cancelling_offered() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    // The Sessions tab opens on today's session; the first one is above.
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press(&mut app, "g");
    press(&mut app, "D");
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("delete_session_refused", screen);
    assert!(screen.contains("cannot be deleted"));
    press(&mut app, "y");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert!(store.session(1).unwrap().cancelled);
    assert_eq!(sessions(&path), 4, "kept");
    // The last one, with no marks, is deleted after a yes.
    press(&mut app, "G");
    press(&mut app, "D");
    assert!(render(&mut app, 80, 24).contains("Delete"));
    press(&mut app, "y");
    assert_eq!(sessions(&path), 3);
}

#[test]
fn repeating_sessions_are_previewed_with_the_holiday_skipped_then_saved() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "1");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    press(&mut app, "r");
    // Module preset; Tuesdays and Thursdays; from 1 December 2026, 4.
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Right);
    press(&mut app, " ");
    press_key(&mut app, Key::Right);
    press_key(&mut app, Key::Right);
    press(&mut app, " ");
    press_key(&mut app, Key::Tab);
    press(&mut app, "01/12/2026");
    press_key(&mut app, Key::Tab);
    press(&mut app, "4");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press(&mut app, "14:00");
    press_key(&mut app, Key::Tab);
    press(&mut app, "16:00");
    press_key(&mut app, Key::Enter);
    let preview = render(&mut app, 80, 24);
    insta::assert_snapshot!("repeat_preview", preview);
    assert!(preview.contains("Tue 08/12"), "{preview}");
    press(&mut app, "y");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let december = store
        .sessions_between(
            &store.reach("admin").unwrap(),
            jiff::civil::date(2026, 12, 1),
            jiff::civil::date(2026, 12, 31),
        )
        .unwrap();
    // The 3 December session was there already.
    assert_eq!(december.len(), 5);
    assert!(december.iter().all(|s| s.date != "2026-12-08"));
}

#[test]
fn the_calendar_marks_the_days_with_sessions_at_80x24() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "2v");
    insta::assert_snapshot!("calendar_80x24", render(&mut app, 80, 24));
    // A week on is 3 December, with its session; Enter opens its roster.
    press(&mut app, "j");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("03/12/2026"));
    assert!(screen.contains("09:00-13:00 M01"));
    press(&mut app, "t");
    assert!(render(&mut app, 80, 24).contains("26/11/2026"));
    press_key(&mut app, Key::PageDown);
    assert!(render(&mut app, 80, 24).contains("December 2026"));
    press(&mut app, "t");
    press_key(&mut app, Key::Enter);
    assert!(render(&mut app, 80, 24).contains("Marked"));
}

#[test]
fn a_bad_tax_code_is_refused_with_the_reason() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "3c");
    press(&mut app, "Rossi");
    press_key(&mut app, Key::Tab);
    press(&mut app, "Mario");
    press_key(&mut app, Key::Tab);
    press(&mut app, "M");
    press_key(&mut app, Key::Tab);
    // The right check character is S.
    press(&mut app, "RSSMRA85T10A562X");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press(&mut app, "Comune di Crema");
    press_key(&mut app, Key::Tab);
    press(&mut app, "Comune");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("person_form_bad_tax_code", screen);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert!(
        store
            .person_choices()
            .unwrap()
            .iter()
            .all(|(_, n)| n != "Rossi Mario")
    );
    // Corrected (the cursor is on the first wrong field), it saves.
    press_key(&mut app, Key::Backspace);
    press(&mut app, "S");
    press_key(&mut app, Key::Enter);
    assert!(
        store
            .person_choices()
            .unwrap()
            .iter()
            .any(|(_, n)| n == "Rossi Mario")
    );
}

#[test]
fn clashes_are_listed_in_their_view() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                         VALUES ('M02', 'Lavoro e stranieri', 2, 'Crema', 960, 20);
                     INSERT INTO session(module_id, date, start_minute, end_minute, trainer)
                         VALUES (2, '2026-11-26', 600, 720, 'Avv. Conte');",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = app(&path, Lang::En);
    press(&mut app, "2!");
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("clashes_view", screen);
    assert!(screen.contains("trainer Avv. Conte"));
}

#[test]
fn a_conflicting_edit_of_a_person_keeps_theirs_where_the_form_changed_nothing() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "3");
    render(&mut app, 80, 24);
    // Arena Anna, the first person; her email is typed in the form.
    press(&mut app, "E");
    for _ in 0..4 {
        press_key(&mut app, Key::Tab);
    }
    press(&mut app, "anna.arena@comune.cremona.it");
    // Meanwhile someone else gives her a phone number.
    {
        let other = Store::open(&path, Access::ReadWrite).unwrap();
        let (mut theirs, version) = other.person_draft(1).unwrap();
        theirs.phone = Some("0372 407111".into());
        other
            .update_person(&common::actor(), 1, version, &theirs)
            .unwrap()
            .unwrap();
    }
    press_key(&mut app, Key::Enter);
    // Only the field typed in is saved over theirs: no question, since
    // nobody's change is lost (both-changed fields: tests/form_merge.rs).
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("(y/n)"), "{screen}");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let (now, _) = store.person_draft(1).unwrap();
    assert_eq!(now.email.as_deref(), Some("anna.arena@comune.cremona.it"));
    assert_eq!(now.phone.as_deref(), Some("0372 407111"));
}

#[test]
fn a_request_is_added_by_hand_from_the_person_card() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                         VALUES ('M02', 'Lavoro e stranieri', 2, 'Crema', 960, 20);",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = app(&path, Lang::En);
    press(&mut app, "3");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    press(&mut app, "+");
    // Person preset; module M02; received today; rejected with no reason.
    press_key(&mut app, Key::Tab);
    press(&mut app, "M02");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press(&mut app, "rej");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Reason:"), "{screen}");
    // The cursor is on the field to correct: the reason.
    press(&mut app, "requisiti mancanti");
    press_key(&mut app, Key::Enter);
    let card = render(&mut app, 80, 24);
    // Saved: the form is gone (the reason once typed by mistake into the
    // person's choice showed there, and passed for the card).
    assert!(!card.contains("New request"), "{card}");
    assert!(card.contains("M02"), "{card}");
    assert!(card.contains("rejected: requis"), "{card}");
    let reason: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT e.reason FROM enrolment e JOIN module m ON m.id = e.module_id WHERE m.code = 'M02'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(reason, "requisiti mancanti");
}

#[test]
fn materials_are_added_and_removed_on_the_module_detail() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "1");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    press(&mut app, "M");
    press(&mut app, "Dispense");
    press_key(&mut app, Key::Tab);
    press(&mut app, "https://example.org/m01.pdf");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("module_detail_with_material", screen);
    assert!(screen.contains("Materials (1)"));
    // Down past the four sessions to the material; Enter shows it.
    for _ in 0..4 {
        press(&mut app, "j");
    }
    press_key(&mut app, Key::Enter);
    assert!(render(&mut app, 80, 24).contains("https://example.org/m01.pdf"));
    press(&mut app, "-");
    press(&mut app, "y");
    assert!(!render(&mut app, 80, 24).contains("Materials"));
}

#[test]
fn the_lists_are_edited_and_offered_in_forms() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "1");
    render(&mut app, 80, 24);
    press(&mut app, "T");
    // The towns: the first heading after the five axes.
    for _ in 0..6 {
        press(&mut app, "j");
    }
    press(&mut app, "c");
    press(&mut app, "Casalmaggiore");
    press_key(&mut app, Key::Enter);
    // And an axis.
    press(&mut app, "g");
    press(&mut app, "c");
    press(&mut app, "VI Salute");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("lists_edited", screen);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert!(
        store
            .words(registro::store::planning::Vocabulary::Town)
            .unwrap()
            .contains(&"Casalmaggiore".to_string())
    );
    assert_eq!(store.axes().unwrap().len(), 6);
    // An axis with modules stays.
    press(&mut app, "gj");
    press(&mut app, "D");
    press(&mut app, "y");
    assert!(render(&mut app, 80, 24).contains("belong to this axis"));
}

#[test]
fn a_tax_code_of_the_other_sex_is_asked_about_before_saving() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "3c");
    for (value, tabs) in [
        ("Rossi", 1),
        ("Maria", 1),
        ("F", 1),
        ("RSSMRA85T10A562S", 3),
        ("Comune di Crema", 1),
        ("Comune", 0),
    ] {
        press(&mut app, value);
        for _ in 0..tabs {
            press_key(&mut app, Key::Tab);
        }
    }
    press_key(&mut app, Key::Enter);
    assert!(render(&mut app, 80, 24).contains("The tax code says M, the form says F"));
    press(&mut app, "n");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let count = || store.person_choices().unwrap().len();
    assert_eq!(count(), 25);
    press_key(&mut app, Key::Enter);
    press(&mut app, "y");
    assert_eq!(count(), 26);
}

#[test]
fn the_calendar_in_italian_and_plain_ascii() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let mut settings = common::settings(Lang::It);
    settings.theme = registro::tui::theme::Theme::new(
        &registro::config::Config::defaults().colours,
        false,
        true,
    );
    let mut app = registro::tui::app::App::new(store, settings);
    press(&mut app, "2v");
    insta::assert_snapshot!("calendar_80x24_it_ascii", render(&mut app, 80, 24));
}

#[test]
fn a_new_module_deleted_from_its_detail_closes_it() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                         VALUES ('M02', 'Lavoro e stranieri', 2, 'Crema', 960, 20);",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = app(&path, Lang::En);
    press(&mut app, "1");
    render(&mut app, 80, 24);
    // M01 has a history: refused with the reason.
    press_key(&mut app, Key::Enter);
    press(&mut app, "D");
    assert!(render(&mut app, 80, 24).contains("attendance marks: it cannot be deleted"));
    press_key(&mut app, Key::Esc);
    press(&mut app, "j");
    press_key(&mut app, Key::Enter);
    press(&mut app, "D");
    assert!(render(&mut app, 80, 24).contains("Delete module M02?"));
    press(&mut app, "y");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Deleted."), "{screen}");
    assert!(!screen.contains("M02"), "{screen}");
}

#[test]
fn tutors_are_assigned_in_the_module_form_and_a_session_edited_from_its_roster() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO app_user(login, display_name, role) VALUES
                         ('marta', 'Marta Galli', 'tutor'),
                         ('coord', 'Coordinatrice', 'coordinator');",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = app(&path, Lang::En);
    press(&mut app, "1");
    render(&mut app, 80, 24);
    press(&mut app, "E");
    // Only users with the tutor role are offered.
    let form = render(&mut app, 80, 24);
    assert!(form.contains("[ ] Marta Galli"), "{form}");
    assert!(!form.contains("Coordinatrice"), "{form}");
    press_key(&mut app, Key::BackTab);
    press(&mut app, " ");
    press_key(&mut app, Key::Enter);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(store.module_draft(1).unwrap().0.tutors, vec!["marta"]);

    // Today's session, from its roster: a new end time.
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    press(&mut app, "E");
    for _ in 0..3 {
        press_key(&mut app, Key::Tab);
    }
    for _ in 0..5 {
        press_key(&mut app, Key::Backspace);
    }
    press(&mut app, "12:00");
    press_key(&mut app, Key::Enter);
    assert_eq!(store.session(3).unwrap().end_minute, 12 * 60);
}

#[test]
fn the_forms_speak_italian() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::It);
    // A session with a wrong date and a time of 25: told in Italian.
    press(&mut app, "2c");
    press(&mut app, "M");
    press_key(&mut app, Key::Tab);
    press(&mut app, "31/02/2027");
    press_key(&mut app, Key::Tab);
    press(&mut app, "25:00");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("session_form_wrong_date_and_time_it", screen);
    assert!(screen.contains("non è una data"), "{screen}");
    assert!(screen.contains("non è un orario"), "{screen}");
    assert!(!screen.contains("not a"), "no English left: {screen}");
    assert_eq!(sessions(&path), 4, "nothing saved");
    // Leaving with something typed asks, in Italian.
    press_key(&mut app, Key::Esc);
    let asked = render(&mut app, 80, 24);
    // Sì: the Italian yes.
    press(&mut app, "s");
    let left = render(&mut app, 80, 24);
    assert!(!left.contains("Nuovo incontro"), "{left}");

    // The module form, empty.
    press(&mut app, "1c");
    let module = render(&mut app, 80, 24);
    insta::assert_snapshot!("module_form_it", module);
    assert!(asked.contains("senza salvare"), "{asked}");
}
