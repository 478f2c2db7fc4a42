//! Every screen its own room: screens go to one another by routes, a
//! resize is told to the screen before it is drawn, and the help fits
//! itself to the screen as it opens.

mod common;

use common::{app, demo_register, press, press_key, queue_register, render, roster_register};
use registro::i18n::Lang;
use registro::keys::Key;
use tempfile::tempdir;

/// The line the pointer is on.
fn selected_line(screen: &str) -> String {
    screen
        .lines()
        .find(|line| line.contains('▶'))
        .unwrap_or_default()
        .to_string()
}

/// The second line: a screen's title.
fn title(screen: &str) -> String {
    screen.lines().nth(1).unwrap_or_default().to_string()
}

#[test]
fn after_shrinking_to_60_by_20_enter_opens_the_roster_of_the_session_selected() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    // Down to the second of today's sessions, so that the selection is
    // not simply the window's first row.
    press_key(&mut app, Key::Down);
    let wide = render(&mut app, 80, 24);
    let chosen = selected_line(&wide);
    let narrow = render(&mut app, 60, 20);
    let kept = selected_line(&narrow);
    let words = |line: &str| -> Vec<String> {
        line.split_whitespace()
            .filter(|w| w.len() >= 3 && !w.contains('…'))
            .take(3)
            .map(str::to_string)
            .collect()
    };
    // Date, times and module code are the same row at both widths.
    assert_eq!(words(&chosen), words(&kept), "{wide}\n{narrow}");
    press_key(&mut app, Key::Enter);
    let roster = render(&mut app, 60, 20);
    let heading = title(&roster);
    let module = chosen
        .split_whitespace()
        .find(|w| w.starts_with('M') && w.len() == 3)
        .unwrap_or("M");
    // The start time: at 60 columns the heading may cut the end time.
    let start = chosen
        .split_whitespace()
        .find_map(|w| w.split_once('-').filter(|(from, _)| from.contains(':')))
        .map_or(":", |(from, _)| from);
    assert!(heading.contains(module), "{module}:\n{roster}");
    assert!(heading.contains(start), "{start}:\n{roster}");
}

#[test]
fn the_help_fits_itself_as_it_opens_so_g_then_k_steps_back_from_its_end() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "2");
    render(&mut app, 80, 14);
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 14);
    // Keys come faster than frames: the help is never drawn between them.
    press(&mut app, "?Gk");
    let screen = render(&mut app, 80, 14);
    assert!(
        !screen.contains("Esc or ? closes"),
        "one line up:\n{screen}"
    );
    press(&mut app, "j");
    let end = render(&mut app, 80, 14);
    assert!(end.contains("Esc or ? closes"), "{end}");
}

#[test]
fn the_calendar_opens_the_chosen_sessions_roster() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press(&mut app, "v");
    let calendar = render(&mut app, 80, 24);
    assert!(calendar.contains("09:00-13:00 M01"), "{calendar}");
    press_key(&mut app, Key::Enter);
    let roster = render(&mut app, 80, 24);
    assert!(title(&roster).contains("M01 Accoglienza"), "{roster}");
    assert!(roster.contains("Bassi"), "{roster}");
}

#[test]
fn the_queue_opens_the_persons_card_and_the_outbox() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "4");
    render(&mut app, 100, 24);
    press_key(&mut app, Key::Enter);
    let card = render(&mut app, 100, 24);
    assert!(title(&card).contains("Rossi Maria"), "{card}");
    press_key(&mut app, Key::Esc);
    render(&mut app, 100, 24);
    press(&mut app, "o");
    let outbox = render(&mut app, 100, 24);
    assert!(outbox.contains("Outbox"), "{outbox}");
    press_key(&mut app, Key::Esc);
    let queue = render(&mut app, 100, 24);
    assert!(queue.contains("Rossi"), "{queue}");
}

#[test]
fn a_note_opens_from_a_list_in_the_editor_and_back() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app(&path, Lang::It);
    press(&mut app, "3");
    render(&mut app, 80, 24);
    press(&mut app, "n");
    let editor = render(&mut app, 80, 24);
    assert!(title(&editor).contains("Nuova nota"), "{editor}");
    assert!(title(&editor).contains("Arena"), "{editor}");
    press(&mut app, "Ha chiamato.");
    app.handle_key(registro::keys::Chord {
        key: Key::Char('s'),
        ctrl: true,
        alt: false,
    });
    render(&mut app, 80, 24);
    press(&mut app, "5");
    let notes = render(&mut app, 80, 24);
    assert!(notes.contains("Ha chiamato."), "{notes}");
    press_key(&mut app, Key::Enter);
    let card = render(&mut app, 80, 24);
    assert!(card.contains("Ha chiamato."), "{card}");
}

/// The screens a tutor and a coordinator use most, at 60 columns by 20
/// lines: the hours, the marks and the statuses stay, names shrink with
/// an ellipsis, a closed roll call says so.
#[test]
fn at_60_by_20_the_columns_that_matter_stay_in_both_languages() {
    for (lang, name) in [(Lang::En, "en"), (Lang::It, "it")] {
        let dir = tempdir().unwrap();
        let (path, _) = roster_register(dir.path());
        let mut app = app(&path, lang);
        press(&mut app, "1");
        insta::assert_snapshot!(format!("modules_60x20_{name}"), render(&mut app, 60, 20));
        press(&mut app, "2");
        insta::assert_snapshot!(format!("sessions_60x20_{name}"), render(&mut app, 60, 20));
        // Today's session, its first participant present, the roll call
        // closed.
        press_key(&mut app, Key::Enter);
        render(&mut app, 60, 20);
        press(&mut app, " ");
        let yes = if lang == Lang::It { "s" } else { "y" };
        press(&mut app, &format!("C{yes}"));
        insta::assert_snapshot!(
            format!("roster_closed_60x20_{name}"),
            render(&mut app, 60, 20)
        );
    }
    for (lang, name) in [(Lang::En, "en"), (Lang::It, "it")] {
        let dir = tempdir().unwrap();
        let path = queue_register(dir.path());
        let mut app = app(&path, lang);
        press(&mut app, "4");
        insta::assert_snapshot!(format!("queue_60x20_{name}"), render(&mut app, 60, 20));
    }
}
