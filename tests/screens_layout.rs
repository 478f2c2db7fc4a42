//! The layout mended: a resize keeps the selected row, and narrow
//! screens keep the columns that matter.

mod common;

use common::{app, demo_register, press, press_key, render, roster_register};
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

#[test]
fn shrinking_the_screen_keeps_todays_session_selected_and_enter_opens_its_roster() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    let mut app = app(&path, Lang::En);
    press(&mut app, "2");
    let wide = render(&mut app, 80, 24);
    let before = selected_line(&wide);
    assert!(
        before.contains("2026-11-26") || before.contains("26/11"),
        "{wide}"
    );
    let narrow = render(&mut app, 60, 20);
    let after = selected_line(&narrow);
    assert!(
        after.contains("2026-11-26") || after.contains("26/11"),
        "{narrow}"
    );
    let small = render(&mut app, 60, 12);
    let after = selected_line(&small);
    assert!(
        after.contains("2026-11-26") || after.contains("26/11"),
        "{small}"
    );
    // Back to the first size, the same session still.
    let wide_again = render(&mut app, 80, 24);
    assert_eq!(selected_line(&wide_again), before, "{wide_again}");
    press_key(&mut app, Key::Enter);
    let roster = render(&mut app, 80, 24);
    let module = before
        .split_whitespace()
        .find(|w| w.starts_with('M') && w.len() == 3);
    if let Some(module) = module {
        assert!(roster.contains(module), "{module} not in\n{roster}");
    }
}

fn open_today(path: &std::path::Path) -> registro::tui::app::App {
    let mut app = app(path, Lang::En);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    app
}

fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_closed_roll_call_offers_no_marking_keys_and_a_long_title_keeps_its_closed_tag() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = open_today(&path);
    let open = render(&mut app, 120, 24);
    assert!(status_line(&open).contains("mark all"), "{open}");
    press(&mut app, "Cy");
    let closed = render(&mut app, 120, 24);
    let hints = status_line(&closed);
    assert!(!hints.contains("mark all"), "{closed}");
    assert!(hints.contains("close or reopen"), "{closed}");
    // The marking keys still say why they do nothing.
    press(&mut app, "a");
    assert!(render(&mut app, 120, 24).contains("roll call is closed"));
    // At 60 columns the session's heading is cut, never its tag.
    for width in [60, 45] {
        let narrow = render(&mut app, width, 20);
        let title = narrow.lines().nth(1).unwrap_or_default();
        assert!(title.contains("[closed]"), "{narrow}");
    }
}

#[test]
fn the_help_goes_to_its_end_with_g_and_back_with_g() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = open_today(&path);
    press(&mut app, "?");
    let top = render(&mut app, 80, 14);
    assert!(top.contains("Here"), "{top}");
    assert!(!top.contains("Esc or ? closes"), "the help fits: {top}");
    press(&mut app, "G");
    let bottom = render(&mut app, 80, 14);
    assert!(bottom.contains("Esc or ? closes"), "{bottom}");
    assert!(!bottom.contains("Here"), "{bottom}");
    press(&mut app, "g");
    let top_again = render(&mut app, 80, 14);
    assert!(top_again.contains("Here"), "{top_again}");
}

#[test]
fn undo_and_redo_say_what_they_changed_and_select_that_row() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 30);
    // Bassi (second row) marked present; the cursor moves on, and further.
    press_key(&mut app, Key::Down);
    press(&mut app, " ");
    press_key(&mut app, Key::Down);
    press_key(&mut app, Key::Down);
    press(&mut app, "u");
    let undone = render(&mut app, 80, 30);
    assert!(selected_line(&undone).contains("Bassi"), "{undone}");
    assert!(
        undone.contains("Undone: Bassi Anna is back to not marked"),
        "{undone}"
    );
    press_key(&mut app, Key::Down);
    press_key(&mut app, Key::Down);
    app.handle_key(registro::keys::Chord {
        key: Key::Char('r'),
        ctrl: true,
        alt: false,
    });
    let redone = render(&mut app, 80, 30);
    assert!(selected_line(&redone).contains("Bassi"), "{redone}");
    assert!(redone.contains("Redone: Bassi Anna is present"), "{redone}");
}

#[test]
fn the_note_editor_wraps_long_lines_and_f1_lists_its_keys() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = open_today(&path);
    press(&mut app, "n");
    let words = "Arena ha chiesto di recuperare le ore perse con un lavoro scritto \
                 da consegnare entro la fine del mese alla tutor del modulo";
    press(&mut app, words);
    let screen = render(&mut app, 60, 20);
    // Every word shows, the line wrapped inside the box.
    for word in ["Arena", "recuperare", "consegnare", "modulo"] {
        assert!(screen.contains(word), "{word} hidden:\n{screen}");
    }
    // `?` is a character of the note; F1 opens the editor's own keys.
    press(&mut app, "?");
    assert!(!render(&mut app, 60, 20).contains("Keys"));
    press_key(&mut app, Key::F(1));
    let help = render(&mut app, 60, 20);
    assert!(help.contains("Keys"), "{help}");
    assert!(help.contains("follow-up"), "{help}");
    assert!(
        !help.contains("quit"),
        "global keys are typed here:\n{help}"
    );
    press_key(&mut app, Key::Esc);
    let back = render(&mut app, 60, 20);
    assert!(back.contains("modulo?"), "{back}");
}
