//! The one popup: the reason prompt of `R` and `X` shows everything
//! typed beside its list of reasons, and Esc, Enter and Backspace do the
//! same in every popup.

mod common;

use common::{press, press_key, queue_register, render};
use registro::i18n::Lang;
use registro::keys::Key;
use tempfile::tempdir;

fn status_and_reason(path: &std::path::Path, surname: &str) -> (String, Option<String>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT e.status, e.reason FROM enrolment e JOIN person p ON p.id = e.person_id
         WHERE p.surname = ?1",
        [surname],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .unwrap()
}

fn open_queue(path: &std::path::Path, lang: Lang) -> registro::tui::app::App {
    let mut app = common::app(path, lang);
    press(&mut app, "4");
    render(&mut app, 80, 24);
    app
}

#[test]
fn the_reason_prompt_shows_what_is_typed_under_its_question_with_the_reasons_listed_below() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path, Lang::It);
    press(&mut app, "R");
    press(&mut app, "spostata all'edizione di primavera");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("spostata all'edizione di primavera"),
        "{screen}"
    );
    for reason in ["1 posti esauriti", "2 requisiti mancanti", "4 duplicato"] {
        assert!(screen.contains(reason), "{reason} missing:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn a_reason_longer_than_the_screen_scrolls_so_that_the_end_being_typed_shows() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path, Lang::En);
    press(&mut app, "R");
    press(
        &mut app,
        "the person asked to move to the spring edition because of work shifts",
    );
    let screen = render(&mut app, 60, 20);
    assert!(screen.contains("because of work shifts"), "{screen}");
    // Backspace deletes what was typed last, in the prompt as anywhere.
    for _ in 0.."shifts".len() {
        press_key(&mut app, Key::Backspace);
    }
    press(&mut app, "hours");
    press_key(&mut app, Key::Enter);
    assert_eq!(
        status_and_reason(&path, "Rossi"),
        (
            "rejected".to_string(),
            Some(
                "the person asked to move to the spring edition because of work hours".to_string()
            )
        )
    );
}

#[test]
fn esc_cancels_the_reason_prompt_and_an_empty_enter_keeps_it_open() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = open_queue(&path, Lang::En);
    press(&mut app, "R");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Reason"), "the prompt closed:\n{screen}");
    press(&mut app, "2");
    press_key(&mut app, Key::Esc);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Reason ("), "{screen}");
    assert_eq!(status_and_reason(&path, "Rossi").0, "requested");
    // A number picks that reason.
    press(&mut app, "R2");
    press_key(&mut app, Key::Enter);
    assert_eq!(
        status_and_reason(&path, "Rossi"),
        (
            "rejected".to_string(),
            Some("requisiti mancanti".to_string())
        )
    );
}
