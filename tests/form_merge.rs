//! Two users editing the same record in two App instances on one
//! register: the one who saves second writes only the fields they
//! changed, keeps the other's changes to the rest, and chooses, side by
//! side, for a field both changed. Nobody's change is silently undone.

mod common;

use std::path::{Path, PathBuf};

use common::{press, press_key, render, roster_register};
use registro::domain::Role;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

/// The roster register with two coordinators, Laura and Paolo, and an
/// email for Arena Anna (a person needs a tax code or an email).
fn register(folder: &Path) -> PathBuf {
    let (path, _) = roster_register(folder);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .write(|tx| {
            tx.execute(
                "UPDATE person SET email = 'arena@example.it' WHERE id = 1",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    for login in ["laura", "paolo"] {
        store
            .add_user(&common::actor(), login, None, Role::Coordinator, &[])
            .unwrap();
    }
    path
}

/// `user`'s screen with the first person's form open (Arena Anna).
fn person_form_as(path: &Path, user: &str, lang: Lang) -> App {
    let mut app = common::app_with(path, lang, |s| s.user = user.to_string());
    press(&mut app, "3");
    render(&mut app, 80, 24);
    press(&mut app, "E");
    render(&mut app, 80, 24);
    app
}

/// Moves to field `index` (from the first) and types `text` in place of
/// what it holds.
fn retype(app: &mut App, index: usize, old_len: usize, text: &str) {
    for _ in 0..index {
        press_key(app, Key::Tab);
    }
    for _ in 0..old_len {
        press_key(app, Key::Backspace);
    }
    press(app, text);
}

#[test]
fn the_second_save_keeps_the_first_users_change_to_another_field() {
    let dir = tempdir().unwrap();
    let path = register(dir.path());
    let mut laura = person_form_as(&path, "laura", Lang::En);
    let mut paolo = person_form_as(&path, "paolo", Lang::En);
    // Laura corrects the surname and saves.
    retype(&mut laura, 0, "Arena".len(), "Arena Ferri");
    press_key(&mut laura, Key::Enter);
    // Paolo, whose form still shows "Arena", adds a phone and saves.
    retype(&mut paolo, 5, 0, "0372 407111");
    press_key(&mut paolo, Key::Enter);
    let screen = render(&mut paolo, 80, 24);
    assert!(!screen.contains("(y/n)"), "{screen}");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let (now, _) = store.person_draft(1).unwrap();
    assert_eq!(now.surname, "Arena Ferri", "Laura's surname was reverted");
    assert_eq!(now.phone.as_deref(), Some("0372 407111"));
}

#[test]
fn a_field_both_changed_is_shown_side_by_side_and_chosen() {
    for (lang, keep) in [(Lang::En, '1'), (Lang::It, '2')] {
        let dir = tempdir().unwrap();
        let path = register(dir.path());
        let mut laura = person_form_as(&path, "laura", lang);
        let mut paolo = person_form_as(&path, "paolo", lang);
        retype(&mut laura, 0, "Arena".len(), "Arena Ferri");
        press_key(&mut laura, Key::Enter);
        // Paolo changes the surname too, and the job title.
        retype(&mut paolo, 0, "Arena".len(), "Arena Conti");
        retype(&mut paolo, 8, 0, "Assistente sociale");
        press_key(&mut paolo, Key::Enter);
        let screen = render(&mut paolo, 80, 24);
        insta::assert_snapshot!(format!("person_field_clash_{lang:?}"), screen);
        assert!(screen.contains("laura"), "{screen}");
        assert!(screen.contains("Arena Ferri"), "{screen}");
        assert!(screen.contains("Arena Conti"), "{screen}");
        // Nothing written until chosen.
        let store = Store::open(&path, Access::ReadOnly).unwrap();
        let (now, _) = store.person_draft(1).unwrap();
        assert_eq!(now.surname, "Arena Ferri");
        assert_eq!(now.job_title, None);
        press(&mut paolo, &keep.to_string());
        let (now, _) = store.person_draft(1).unwrap();
        let surname = if keep == '1' {
            "Arena Ferri"
        } else {
            "Arena Conti"
        };
        assert_eq!(now.surname, surname);
        // Paolo's other change is saved either way.
        assert_eq!(now.job_title.as_deref(), Some("Assistente sociale"));
    }
}

#[test]
fn esc_from_the_choice_saves_nothing_until_chosen() {
    let dir = tempdir().unwrap();
    let path = register(dir.path());
    let mut laura = person_form_as(&path, "laura", Lang::En);
    let mut paolo = person_form_as(&path, "paolo", Lang::En);
    retype(&mut laura, 0, "Arena".len(), "Arena Ferri");
    press_key(&mut laura, Key::Enter);
    retype(&mut paolo, 0, "Arena".len(), "Arena Conti");
    press_key(&mut paolo, Key::Enter);
    press_key(&mut paolo, Key::Esc);
    // Enter again asks again rather than saving over Laura's surname.
    press_key(&mut paolo, Key::Enter);
    let screen = render(&mut paolo, 80, 24);
    assert!(screen.contains("1 keeps theirs"), "{screen}");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(store.person_draft(1).unwrap().0.surname, "Arena Ferri");
}

#[test]
fn the_module_form_merges_the_same_way() {
    let dir = tempdir().unwrap();
    let path = register(dir.path());
    let open = |user: &str| {
        let mut app = common::app_with(&path, Lang::En, |s| s.user = user.to_string());
        press(&mut app, "1");
        render(&mut app, 80, 24);
        press(&mut app, "E");
        render(&mut app, 80, 24);
        app
    };
    let mut laura = open("laura");
    let mut paolo = open("paolo");
    let title = "Accoglienza e orientamento";
    retype(&mut laura, 1, title.len(), "Accoglienza");
    press_key(&mut laura, Key::Enter);
    // 28 places: still room for the module's 25 participants, so no
    // question about capacity comes between the two saves.
    retype(&mut paolo, 6, "30".len(), "28");
    press_key(&mut paolo, Key::Enter);
    let screen = render(&mut paolo, 80, 24);
    assert!(!screen.contains("(y/n)"), "{screen}");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let (now, _) = store.module_draft(1).unwrap();
    assert_eq!(now.title, "Accoglienza");
    assert_eq!(now.capacity, 28);
}
