//! The screen acts only on what is shown, and offers only what the role
//! may use: keys behind "terminal too small" change nothing; a tutor's
//! help and hints list no key that would be refused.

mod common;

use common::{press, press_key, render};
use registro::access::allows;
use registro::context::{Actor, Clock};
use registro::domain::Role;
use registro::i18n::Lang;
use registro::keys::{Action, Key};
use registro::store::{Access, DEFAULT_AXES, Store};
use tempfile::tempdir;

fn marks(path: &std::path::Path, session: i64) -> i64 {
    Store::open(path, Access::ReadOnly)
        .unwrap()
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT count(*) FROM attendance WHERE session_id = ?1",
                [session],
                |row| row.get(0),
            )?)
        })
        .unwrap()
}

#[test]
fn keys_behind_terminal_too_small_change_nothing() {
    let dir = tempdir().unwrap();
    let (path, session) = common::roster_register(dir.path());
    let mut app = common::app(&path, Lang::En);
    // Sessions open on today: Enter opens today's roster.
    press(&mut app, "2");
    render(&mut app, 100, 30);
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Arena"), "{screen}");
    assert_eq!(marks(&path, session), 0);
    // Shrunk below the minimum: the keys that would mark do nothing.
    let small = render(&mut app, 30, 8);
    assert!(small.contains("too small"), "{small}");
    press(&mut app, " alejh2");
    press_key(&mut app, Key::Enter);
    press(&mut app, "?1C");
    assert_eq!(marks(&path, session), 0);
    // Back to a usable size, the roster is as it was, with no help open
    // and no tab changed behind the message.
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Arena"), "{screen}");
    assert_eq!(app.active_tab(), 1);
    // Space works again now that the roster is shown.
    press(&mut app, " ");
    assert_eq!(marks(&path, session), 1);
    // `q` still quits behind the message.
    render(&mut app, 30, 8);
    press(&mut app, "q");
    assert!(app.should_quit());
}

/// The demo, as made by `boss`.
fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let actor = Actor::new("boss", Clock::at_noon(common::TODAY));
    let mut store = Store::create(&path, &actor, DEFAULT_AXES).unwrap();
    registro::demo::populate(&mut store, &actor, common::TODAY).unwrap();
    (dir, path)
}

/// The help of every tab, as `user`, and the status line beneath.
fn every_help(path: &std::path::Path, user: &str) -> Vec<(char, String)> {
    let mut app = common::app_with(path, Lang::En, |settings| {
        settings.user = user.into();
        settings.role = None;
    });
    let mut helps = Vec::new();
    for tab in ['1', '2', '3', '4', '5', '6'] {
        press(&mut app, &tab.to_string());
        let hints = render(&mut app, 160, 60);
        press(&mut app, "?");
        let help = render(&mut app, 160, 60);
        press(&mut app, "?");
        helps.push((
            tab,
            format!("{help}\n{}", hints.lines().last().unwrap_or("")),
        ));
    }
    helps
}

/// A line of help (or a hint) for `action`: its key, then its words.
fn offers(screen: &str, action: Action) -> bool {
    let settings = common::settings(Lang::En);
    let key = settings.keys.describe(action, settings.text);
    let label = (settings.text.action)(action);
    let key_column = format!("{key:<16}{label}");
    let hint = format!("{key} {label}  ");
    screen.contains(&key_column) || screen.contains(&hint)
}

#[test]
fn a_tutors_help_and_hints_list_no_key_that_is_refused() {
    let (_dir, path) = demo();
    let refused: Vec<Action> = Action::ALL
        .iter()
        .copied()
        .filter(|a| a.needs().is_some_and(|p| !allows(Role::Tutor, p)))
        .collect();
    assert!(refused.contains(&Action::Create) && refused.contains(&Action::Enrol));
    for (tab, screen) in every_help(&path, "tutor.rossi") {
        for action in &refused {
            assert!(!offers(&screen, *action), "tab {tab}: {action:?}\n{screen}");
        }
    }
    // The same look-up finds them for a coordinator: the check can fail.
    let coordinator = every_help(&path, "coordinatrice");
    assert!(
        offers(&coordinator[0].1, Action::Create),
        "{}",
        coordinator[0].1
    );
    assert!(
        offers(&coordinator[1].1, Action::Repeat),
        "{}",
        coordinator[1].1
    );
}

#[test]
fn a_tutors_refused_keys_do_nothing_in_the_lists() {
    let (_dir, path) = demo();
    let mut app = common::app_with(&path, Lang::En, |settings| {
        settings.user = "tutor.rossi".into();
        settings.role = None;
    });
    let before = render(&mut app, 100, 30);
    // `c` (new) and `E` (edit) on the Modules tab open no form.
    press(&mut app, "cE");
    let after = render(&mut app, 100, 30);
    assert_eq!(before, after);
}

#[test]
fn a_module_detail_shown_again_after_a_decision_in_another_tab_is_current() {
    let dir = tempdir().unwrap();
    let path = common::queue_register(dir.path());
    let mut app = common::app(&path, Lang::En);
    // The module's detail, open on tab 1.
    press(&mut app, "1");
    render(&mut app, 100, 30);
    press_key(&mut app, Key::Enter);
    let before = render(&mut app, 100, 30);
    // A request accepted in the queue, on tab 4.
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "A");
    // Back on tab 1, the detail says so without Esc and Enter.
    press(&mut app, "1");
    let after = render(&mut app, 100, 30);
    let participants = |screen: &str| {
        screen
            .lines()
            .find(|line| line.contains("Participants ("))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert_ne!(participants(&before), "", "{before}");
    assert_ne!(
        participants(&before),
        participants(&after),
        "{before}\n{after}"
    );
}
