//! Every line typed and every yes/no question of the roster, the card
//! and the forms goes through the app's one popup: Esc cancels, Enter
//! accepts, Backspace deletes, the same everywhere; the reason prompt of
//! `R` lists the reasons that hold what is typed, under the line typed.

mod common;

use std::path::Path;

use common::{press, press_key, queue_register, render, roster_register};
use proptest::prelude::*;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

/// Today's session (the third of four, 09:00-13:00), opened by admin.
fn roster(path: &Path, lang: Lang) -> App {
    let mut app = common::app(path, lang);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    app
}

/// The minutes of the roster's row `row`, as the register holds them.
fn minutes(path: &Path, session: i64, row: usize) -> Option<i64> {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    store.roster(session).unwrap().lines[row].minutes
}

fn closed(path: &Path, session: i64) -> bool {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    store.roster(session).unwrap().session.closed
}

#[test]
fn the_hours_are_typed_in_the_popup_backspace_deletes_enter_saves_esc_writes_nothing() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster(&path, Lang::En);
    press(&mut app, "h");
    press(&mut app, "2,5");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Arena Anna: Hours attended"), "{screen}");
    assert!(screen.contains("2,5"), "what is typed shows:\n{screen}");
    insta::assert_snapshot!("hours_typed_in_the_popup", screen);
    press_key(&mut app, Key::Backspace);
    press_key(&mut app, Key::Backspace);
    press_key(&mut app, Key::Enter);
    assert_eq!(minutes(&path, session, 0), Some(120));
    // The row moved on; Esc leaves the next one as it was.
    press(&mut app, "h3");
    press_key(&mut app, Key::Esc);
    assert_eq!(minutes(&path, session, 1), None);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Hours attended"), "{screen}");
}

#[test]
fn a_late_arrival_is_typed_in_the_popup_naming_the_participant() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster(&path, Lang::It);
    press(&mut app, "l");
    press(&mut app, "10:30");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("Arena Anna: Ora di arrivo (09:00-13:00"),
        "{screen}"
    );
    press_key(&mut app, Key::Enter);
    assert_eq!(minutes(&path, session, 0), Some(150));
}

#[test]
fn reopening_asks_its_reason_in_the_popup_that_an_empty_enter_keeps_open() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster(&path, Lang::It);
    press(&mut app, "C");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("│Chiudere l'appello?"), "{screen}");
    press(&mut app, "s");
    assert!(closed(&path, session));
    press(&mut app, "C");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("│Perché riaprire l'appello?"), "{screen}");
    press(&mut app, "segnata per errore");
    press_key(&mut app, Key::Enter);
    assert!(!closed(&path, session));
}

#[test]
fn a_rating_on_the_card_is_typed_in_the_popup_naming_its_module() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster(&path, Lang::It);
    // Enter on a row opens the person's card, on their participation.
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    press(&mut app, "r");
    press(&mut app, "4 molto utile");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("M01 Accoglienza e orientamento: Gradimento 1-5"),
        "{screen}"
    );
    insta::assert_snapshot!("card_rating_in_the_popup_it", screen);
    press_key(&mut app, Key::Enter);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let enrolment = store.roster(session).unwrap().lines[0].enrolment_id;
    let rating = store.rating(enrolment).unwrap().unwrap();
    assert_eq!(
        (rating.score, rating.comment.as_deref()),
        (4, Some("molto utile"))
    );
}

#[test]
fn leaving_a_changed_form_is_asked_in_the_popup_and_no_stays() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = roster(&path, Lang::En);
    // The session's own form, from its roster.
    press(&mut app, "E");
    press_key(&mut app, Key::Tab);
    press(&mut app, "9");
    press_key(&mut app, Key::Esc);
    let screen = render(&mut app, 80, 24);
    // In the popup's box, not in the form's own notice.
    assert!(
        screen.contains("│Leave without saving your changes? (y/n)"),
        "{screen}"
    );
    press(&mut app, "n");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Edit session"), "{screen}");
    press_key(&mut app, Key::Esc);
    press(&mut app, "y");
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Edit session"), "{screen}");
    assert!(
        screen.contains("Arena Anna"),
        "back on the roster:\n{screen}"
    );
}

#[test]
fn the_reason_prompt_lists_the_reasons_that_hold_what_is_typed() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "4");
    render(&mut app, 80, 24);
    press(&mut app, "R");
    press(&mut app, "MAN");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("MAN"), "{screen}");
    assert!(screen.contains("2 requisiti mancanti"), "{screen}");
    assert!(!screen.contains("1 posti esauriti"), "{screen}");
    insta::assert_snapshot!("reasons_filtered_it", screen);
    // Deleting what matched brings every reason back.
    for _ in 0..3 {
        press_key(&mut app, Key::Backspace);
    }
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("1 posti esauriti"), "{screen}");
}

/// A key typed into a popup's line.
fn typed_key() -> impl Strategy<Value = Key> {
    prop_oneof![
        4 => proptest::char::range(' ', '~').prop_map(Key::Char),
        1 => Just(Key::Backspace),
        1 => Just(Key::Left),
        1 => Just(Key::Right),
        1 => Just(Key::Home),
        1 => Just(Key::End),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever is typed at the hours, time or rating prompt, Esc
    /// closes the popup and writes nothing.
    #[test]
    fn esc_after_any_keys_in_a_roster_popup_writes_nothing(
        opener in prop_oneof![Just('h'), Just('l'), Just('e'), Just('r')],
        keys in proptest::collection::vec(typed_key(), 0..24),
    ) {
        let dir = tempdir().unwrap();
        let (path, session) = roster_register(dir.path());
        let mut app = roster(&path, Lang::En);
        press(&mut app, &opener.to_string());
        for key in keys {
            press_key(&mut app, key);
            render(&mut app, 60, 20);
        }
        press_key(&mut app, Key::Esc);
        let screen = render(&mut app, 80, 24);
        prop_assert!(!screen.contains("┌"), "the popup stayed:\n{}", screen);
        prop_assert_eq!(minutes(&path, session, 0), None);
        let store = Store::open(&path, Access::ReadOnly).unwrap();
        let enrolment = store.roster(session).unwrap().lines[0].enrolment_id;
        prop_assert_eq!(store.rating(enrolment).unwrap(), None);
    }
}

/// The status line's hints at a width that holds them all.
fn hints(app: &mut App) -> String {
    let screen = render(app, 240, 24);
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_roster_offers_undo_redo_and_mark_all_only_when_they_would_do_something() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster(&path, Lang::En);
    let fresh = hints(&mut app);
    assert!(fresh.contains("a mark all unmarked present"), "{fresh}");
    assert!(!fresh.contains("u undo"), "{fresh}");
    press(&mut app, " ");
    let marked = hints(&mut app);
    assert!(marked.contains("u undo"), "{marked}");
    assert!(!marked.contains("redo"), "{marked}");
    // The space moved on to the next row; undo takes the mark back,
    // says whose, and selects that row again.
    press(&mut app, "u");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("Undone: Arena Anna is back to not marked."),
        "{screen}"
    );
    assert!(screen.contains("▶ Arena Anna"), "{screen}");
    let undone = hints(&mut app);
    assert!(undone.contains("redo"), "{undone}");
    assert!(!undone.contains("u undo"), "{undone}");
    press(&mut app, "a");
    let all = hints(&mut app);
    assert!(!all.contains("mark all"), "{all}");
    assert_eq!(minutes(&path, session, 24), Some(240));
}

/// The requests whose reason is `reason`, as the register holds them.
fn with_reason(path: &Path, reason: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT count(*) FROM enrolment WHERE reason = ?1",
        [reason],
        |row| row.get(0),
    )
    .unwrap()
}

#[test]
fn tab_completes_what_is_typed_to_the_first_reason_listed_and_the_status_line_says_so() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let before = with_reason(&path, "requisiti mancanti");
    let mut app = common::app(&path, Lang::It);
    press(&mut app, "4");
    render(&mut app, 80, 24);
    press(&mut app, "R");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Tab completa"), "{screen}");
    assert!(!screen.contains("? aiuto"), "{screen}");
    press(&mut app, "man");
    press_key(&mut app, Key::Tab);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("requisiti mancanti"), "{screen}");
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    assert_eq!(with_reason(&path, "requisiti mancanti"), before + 1);
    assert_eq!(with_reason(&path, "man"), 0);
}
