//! The layout mended: a resize keeps the selected row, and narrow
//! screens keep the columns that matter.

mod common;

use common::{app, demo_register, press, press_key, render};
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
