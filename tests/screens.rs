//! Every tab and detail view on the demo register, at 80×24, in English
//! and Italian, compared with insta snapshots.

mod common;

use common::{app, demo_register, press, press_key, render};
use registro::i18n::Lang;
use registro::keys::Key;
use tempfile::tempdir;

fn screens(lang: Lang, suffix: &str) {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let mut app = app(&path, lang);
    for (tab, name) in [
        "modules",
        "sessions",
        "participants",
        "enrolments",
        "notes",
        "report",
    ]
    .iter()
    .enumerate()
    {
        press(&mut app, &(tab + 1).to_string());
        insta::assert_snapshot!(format!("{name}_{suffix}"), render(&mut app, 80, 24));
    }

    // A module with its sessions and participants.
    press(&mut app, "1");
    press_key(&mut app, Key::Enter);
    insta::assert_snapshot!(format!("module_detail_{suffix}"), render(&mut app, 80, 24));
    // Its first session's roster.
    press_key(&mut app, Key::Enter);
    insta::assert_snapshot!(format!("roster_{suffix}"), render(&mut app, 80, 24));
    // A person's card from the roster.
    press_key(&mut app, Key::Enter);
    insta::assert_snapshot!(format!("person_card_{suffix}"), render(&mut app, 80, 24));

    // A note in full.
    press(&mut app, "5");
    press_key(&mut app, Key::Enter);
    insta::assert_snapshot!(format!("note_{suffix}"), render(&mut app, 80, 24));

    // The help of the list under it.
    press_key(&mut app, Key::Esc);
    press(&mut app, "?");
    insta::assert_snapshot!(format!("help_{suffix}"), render(&mut app, 80, 24));
}

#[test]
fn every_screen_in_english() {
    screens(Lang::En, "en");
}

#[test]
fn every_screen_in_italian() {
    screens(Lang::It, "it");
}

#[test]
fn filtering_participants_by_part_of_a_surname() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "3");
    let before = render(&mut app, 80, 24);
    // The surname of the second person listed (the first carries the
    // selection pointer), cut to its middle.
    let second_row = before
        .lines()
        .nth(4)
        .unwrap_or_default()
        .trim_matches('"')
        .to_string();
    let surname = second_row.split_whitespace().next().unwrap().to_string();
    let part: String = surname.chars().skip(1).take(3).collect();
    press(&mut app, "/");
    press(&mut app, &part);
    press_key(&mut app, Key::Enter);
    let after = render(&mut app, 80, 24);
    let rows: Vec<&str> = after
        .lines()
        .skip(3)
        .take(20)
        .filter(|l| !l.trim_matches(['"', ' ']).is_empty())
        .collect();
    assert!(!rows.is_empty(), "{after}");
    assert!(after.contains(&surname), "{after}");
    assert!(after.contains(&format!("Filter: {part}")), "{after}");
    // Fewer rows than the whole list.
    let total: usize = after
        .lines()
        .nth(1)
        .unwrap()
        .split('/')
        .nth(1)
        .unwrap()
        .trim_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap();
    assert!(total < 349, "{after}");
    // Esc clears the filter: the full list again.
    press(&mut app, "/");
    press_key(&mut app, Key::Esc);
    assert_eq!(render(&mut app, 80, 24), before);
}

#[test]
fn a_small_terminal_is_told_so() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let mut app = app(&path, Lang::En);
    let screen = render(&mut app, 30, 8);
    assert!(screen.contains("Terminal too"), "{screen}");
    let screen = render(&mut app, 60, 20);
    assert!(!screen.contains("too small"), "{screen}");
}

#[test]
fn moving_far_down_a_list_and_back_keeps_the_position_right() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "3");
    render(&mut app, 80, 24);
    for _ in 0..30 {
        press(&mut app, "j");
    }
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("31/"), "{screen}");
    // A page is the 20 rows on screen at 80×24.
    press_key(&mut app, Key::PageDown);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("51/"), "{screen}");
    press_key(&mut app, Key::PageUp);
    press(&mut app, "kkkkk");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("26/"), "{screen}");
    press(&mut app, "G");
    let screen = render(&mut app, 80, 24);
    let title = screen.lines().nth(1).unwrap();
    let position = title.split_whitespace().nth(1).unwrap();
    let (at, of) = position.split_once('/').unwrap();
    assert_eq!(at, of, "{title}");
    press(&mut app, "g");
    let screen = render(&mut app, 80, 24);
    assert!(screen.lines().nth(1).unwrap().contains(" 1/"), "{screen}");
}

#[test]
fn where_the_terminal_is_not_utf8_every_screen_is_plain_ascii() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let config = registro::config::Config::defaults();
    let mut app = common::app_with(&path, Lang::It, |s| {
        s.theme = registro::tui::theme::Theme::new(&config.colours, false, true);
    });
    let mut screens = Vec::new();
    for tab in ["1", "2", "3", "4", "5", "6"] {
        press(&mut app, tab);
        screens.push(render(&mut app, 80, 24));
        press_key(&mut app, Key::Enter);
        screens.push(render(&mut app, 80, 24));
        press(&mut app, "?");
        screens.push(render(&mut app, 80, 24));
        press_key(&mut app, Key::Esc);
        press_key(&mut app, Key::Esc);
    }
    for screen in screens {
        assert!(screen.is_ascii(), "{screen}");
    }
}

#[test]
fn a_tutor_opens_on_the_sessions_of_their_modules() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let count = |screen: &str| -> usize {
        let title = screen.lines().nth(1).unwrap();
        title
            .split('/')
            .nth(1)
            .unwrap()
            .trim_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap()
    };
    let mut app = common::app_with(&path, Lang::En, |s| s.user = "tutor.rossi".into());
    press(&mut app, "2");
    let mine = render(&mut app, 80, 24);
    assert!(mine.contains("(my modules)"), "{mine}");
    // A tutor has no other scope to switch to.
    press(&mut app, "m");
    assert!(render(&mut app, 80, 24).contains("(my modules)"));
    // A coordinator opens on every module's sessions, and can switch.
    let mut coordinator = common::app_with(&path, Lang::En, |s| s.user = "coordinatrice".into());
    press(&mut coordinator, "2");
    let all = render(&mut coordinator, 80, 24);
    assert!(count(&mine) < count(&all), "{mine}\n{all}");
    assert_eq!(count(&all), 45);
}

#[test]
fn a_help_taller_than_the_screen_scrolls() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "2");
    render(&mut app, 60, 20);
    press_key(&mut app, Key::Enter);
    press(&mut app, "?");
    let top = render(&mut app, 60, 20);
    assert!(
        top.contains("Here") && !top.contains("Esc or ? closes"),
        "{top}"
    );
    for _ in 0..30 {
        press(&mut app, "j");
    }
    let bottom = render(&mut app, 60, 20);
    assert!(bottom.contains("Esc or ? closes"), "{bottom}");
    press(&mut app, "k");
    assert_ne!(render(&mut app, 60, 20), bottom);
}
