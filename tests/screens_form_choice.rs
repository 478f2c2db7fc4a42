//! A choice field finds its option by what is typed, and a search ended
//! by leaving the field does not linger into the next one ("PPro").

mod common;

use common::{app, press, press_key, roster_register};
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::planning::Vocabulary;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn gender_and_type(path: &std::path::Path) -> (String, String) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT gender, organisation_type FROM person WHERE surname = 'Zanetti'",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .unwrap()
}

#[test]
fn a_choice_searched_again_after_leaving_it_starts_afresh() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    // The register's organisation types, as the screen seeds them.
    let config = registro::config::Config::defaults();
    Store::open(&path, Access::ReadWrite)
        .unwrap()
        .seed_vocabulary(&[(Vocabulary::OrganisationType, &config.organisation_types)])
        .unwrap();
    let mut app = app(&path, Lang::It);
    press(&mut app, "3c");
    press(&mut app, "Zanetti");
    press_key(&mut app, Key::Tab);
    press(&mut app, "Lia");
    press_key(&mut app, Key::Tab);
    // "F" then "M" in the same field: a key that matches nothing after
    // what was typed starts a new search, and finds M.
    press(&mut app, "FM");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press(&mut app, "lia@example.org");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press(&mut app, "Comune di Crema");
    press_key(&mut app, Key::Tab);
    // "P" finds Prefettura; leaving and coming back, "Pa" finds
    // Parrocchia rather than making a new type "PPa".
    press(&mut app, "P");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::BackTab);
    press(&mut app, "Pa");
    press_key(&mut app, Key::Enter);
    assert_eq!(
        gender_and_type(&path),
        ("M".to_string(), "Parrocchia".to_string())
    );
}
