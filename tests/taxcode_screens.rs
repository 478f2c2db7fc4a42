//! Tax codes on screen: the person form asks when the code's first six
//! letters are not the surname's and name's, and takes a code typed with
//! spaces; the card shows what the code tells.

mod common;

use common::{app, press, press_key, render, roster_register};
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn people(path: &std::path::Path) -> usize {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    store.person_choices().unwrap().len()
}

fn fill_person(app: &mut registro::tui::app::App, surname: &str, code: &str) {
    press(app, "3c");
    press(app, surname);
    press_key(app, Key::Tab);
    press(app, "Mario");
    press_key(app, Key::Tab);
    press(app, "M");
    press_key(app, Key::Tab);
    press(app, code);
    press_key(app, Key::Tab);
    press_key(app, Key::Tab);
    press_key(app, Key::Tab);
    press(app, "Comune di Crema");
    press_key(app, Key::Tab);
    press(app, "Comune");
    press_key(app, Key::Enter);
}

#[test]
fn a_code_of_other_names_is_asked_about() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let before = people(&path);
    let mut app = app(&path, Lang::It);
    // RSSMRA is Rossi Mario; Verdi Mario would be VRDMRA.
    fill_person(&mut app, "Verdi", "RSSMRA85T10A562S");
    let asked = render(&mut app, 120, 24);
    assert!(asked.contains("RSSMRA"), "{asked}");
    assert!(asked.contains("VRDMRA"), "{asked}");
    assert!(asked.contains("(s/n)"), "{asked}");
    assert_eq!(people(&path), before, "nothing saved before the answer");
    press(&mut app, "s");
    assert_eq!(people(&path), before + 1);
}

#[test]
fn a_code_typed_in_groups_is_taken_and_stored_whole() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let before = people(&path);
    let mut app = app(&path, Lang::En);
    fill_person(&mut app, "Rossi", "RSS MRA 85T10 A562S");
    assert_eq!(people(&path), before + 1, "{}", render(&mut app, 120, 24));
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(
        store
            .tax_code_holder("RSSMRA85T10A562S", 0)
            .unwrap()
            .as_deref(),
        Some("Rossi Mario")
    );
}
