//! The screens whose snapshots were English only, in Italian too: the
//! roster with hours typed, the queue, the clashes page, the repeat
//! preview, a refused delete and the report at full size (issue 23). The
//! check in italian_snapshots.rs reads them for ISO dates and decimal
//! points.

mod common;

use common::{press, press_key, queue_register, render, roster_register};
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use tempfile::tempdir;

#[test]
fn the_roster_with_hours_typed_in_italian() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    // Everyone present, then the second row stays 2 hours and 45 minutes,
    // typed with a decimal comma.
    press(&mut app, "aj");
    press(&mut app, "h2,75");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("2,75"), "{screen}");
    insta::assert_snapshot!("roster_hours_it", screen);
    // The prompt says what it takes, in Italian numbers.
    press(&mut app, "h");
    let prompt = render(&mut app, 80, 24);
    insta::assert_snapshot!("roster_hours_prompt_it", prompt);
}

#[test]
fn the_queue_in_italian() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "4");
    insta::assert_snapshot!("queue_it", render(&mut app, 100, 30));
}

#[test]
fn clashes_and_hours_in_italian() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                         VALUES ('M02', 'Lavoro e stranieri', 2, 'Crema', 150, 20);
                     INSERT INTO session(module_id, date, start_minute, end_minute, trainer)
                         VALUES (2, '2026-11-26', 600, 720, 'Avv. Conte');",
                )?;
                Ok(())
            })
            .unwrap();
    }
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "2!");
    let screen = render(&mut app, 80, 24);
    insta::assert_snapshot!("clashes_view_it", screen);
    assert!(screen.contains("Sovrapposizioni e ore"), "{screen}");
}

#[test]
fn a_refused_delete_and_the_repeat_preview_in_italian() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press(&mut app, "g");
    press(&mut app, "D");
    insta::assert_snapshot!("delete_session_refused_it", render(&mut app, 80, 24));

    let mut app = common::app(&path, Lang::It);
    press(&mut app, "1");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    press(&mut app, "r");
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
    insta::assert_snapshot!("repeat_preview_it", render(&mut app, 80, 24));
}

#[test]
fn the_report_at_full_size_in_italian() {
    let dir = tempdir().unwrap();
    let path = common::demo_register(dir.path());
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "6");
    for _ in 0..200 {
        app.tick();
        let screen = render(&mut app, 160, 48);
        if !screen.contains(Catalogue::get(Lang::It).report_computing) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    insta::assert_snapshot!("report_160x48_it", render(&mut app, 160, 48));
}

use registro::i18n::Catalogue;
