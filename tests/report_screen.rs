//! The Report tab on the hand-made register of `handmade`, at 80×24 and
//! 160×48, in English, Italian and plain ASCII.

mod common;
mod handmade;

use common::{TODAY, press, press_key, render, settings};
use registro::config::Config;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use registro::tui::app::App;
use registro::tui::theme::Theme;
use tempfile::tempdir;

fn report_app(path: &std::path::Path, lang: Lang, ascii: bool) -> App {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let mut settings = settings(lang);
    settings.theme = Theme::new(&Config::defaults().colours, false, ascii);
    assert_eq!(settings.today, TODAY);
    let mut app = App::new(store, settings);
    press(&mut app, "6");
    app
}

#[test]
fn the_report_tab_at_80_by_24_scrolls_to_the_end() {
    let dir = tempdir().unwrap();
    let path = handmade::province_a(dir.path());
    let mut app = report_app(&path, Lang::En, false);
    insta::assert_snapshot!("report_80x24", render(&mut app, 80, 24));
    press_key(&mut app, Key::PageDown);
    insta::assert_snapshot!("report_80x24_page_2", render(&mut app, 80, 24));
    press(&mut app, "G");
    let end = render(&mut app, 80, 24);
    insta::assert_snapshot!("report_80x24_end", end);
    // Neri is 45 minutes short of 75% of M02's 6 hours.
    assert!(end.contains("Neri Dana"), "{end}");
    press(&mut app, "g");
    assert_eq!(render(&mut app, 80, 24), {
        let mut fresh = report_app(&path, Lang::En, false);
        render(&mut fresh, 80, 24)
    });
}

#[test]
fn the_report_tab_at_160_by_48() {
    let dir = tempdir().unwrap();
    let path = handmade::province_a(dir.path());
    let mut app = report_app(&path, Lang::En, false);
    insta::assert_snapshot!("report_160x48", render(&mut app, 160, 48));
}

#[test]
fn the_report_tab_in_italian_and_in_ascii() {
    let dir = tempdir().unwrap();
    let path = handmade::province_a(dir.path());
    let mut app = report_app(&path, Lang::It, true);
    let screen = render(&mut app, 80, 24);
    assert!(screen.is_ascii(), "{screen}");
    insta::assert_snapshot!("report_80x24_it_ascii", screen);
    press(&mut app, "G");
    insta::assert_snapshot!("report_80x24_it_ascii_end", render(&mut app, 80, 24));
}

#[test]
fn the_report_tab_of_an_empty_register() {
    let dir = tempdir().unwrap();
    let path = handmade::empty(dir.path());
    let mut app = report_app(&path, Lang::En, false);
    insta::assert_snapshot!("report_empty_80x24", render(&mut app, 80, 24));
    press(&mut app, "G");
    let end = render(&mut app, 80, 24);
    assert!(end.contains("Nobody"), "{end}");
}

#[test]
fn the_report_follows_changes_to_the_register() {
    let dir = tempdir().unwrap();
    let path = handmade::province_a(dir.path());
    let mut app = report_app(&path, Lang::En, false);
    let before = render(&mut app, 80, 24);
    assert!(
        before.contains("Satisfaction (1-5) 3.60 (5 answers)"),
        "{before}"
    );
    // Another user rates e5 (Verdi): the tab shows it when it comes back.
    let other = Store::open(&path, Access::ReadWrite).unwrap();
    other.set_rating(&handmade::actor(), 5, 3, None).unwrap();
    press(&mut app, "1");
    press(&mut app, "6");
    let after = render(&mut app, 80, 24);
    assert!(after.contains("3.50 (6 answers)"), "{after}");
}
