//! The store words none of its errors: the command line and the screen
//! word them with the user's catalogue (issue 22). The same refusal, the
//! same missing file, the same conflict read in Italian and in English,
//! whatever language the process happened to start in.

mod command;
mod common;

use std::path::{Path, PathBuf};

use registro::i18n::{Catalogue, Lang, fill};
use registro::keys::{Chord, Key};
use tempfile::tempdir;

/// A register made by `admin` through the command line.
fn register(folder: &Path) -> PathBuf {
    let path = folder.join("r.db");
    command::registro()
        .args(["--user", "admin", "init", "--programme", "Prova", "--db"])
        .arg(&path)
        .assert()
        .success();
    path
}

/// What `registro ARGS` says on stderr as `admin` in `lang`, with its
/// exit status.
fn said(lang: &str, args: &[&str], db: &Path) -> (i32, String) {
    let output = command::registro()
        .env("LANG", lang)
        .args(["--user", "admin", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The line the command line prints for a message of the catalogue.
fn line(message: String) -> String {
    format!("registro: {message}\n")
}

#[test]
fn a_store_error_on_the_command_line_is_in_the_users_language() {
    let dir = tempdir().unwrap();
    let db = register(dir.path());
    for (lang, catalogue) in [
        ("it_IT.UTF-8", Catalogue::get(Lang::It)),
        ("en_US.UTF-8", Catalogue::get(Lang::En)),
    ] {
        // A refusal: the register's rule that a login is given once.
        let (code, stderr) = said(lang, &["users", "add", "admin", "--role", "tutor"], &db);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(
            stderr,
            line(fill(catalogue.refuse_user_exists, &[("login", "admin")]))
        );

        // A missing file.
        let missing = dir.path().join("none.db");
        let (code, stderr) = said(lang, &["report"], &missing);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(
            stderr,
            line(fill(
                catalogue.err_missing,
                &[("path", &missing.display().to_string())]
            ))
        );

        // A conflict: a register made where there is one already.
        let (code, stderr) = said(lang, &["init", "--programme", "Altro"], &db);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(
            stderr,
            line(fill(
                catalogue.err_already_exists,
                &[("path", &db.display().to_string())]
            ))
        );
    }
}

/// The catalogues differ where the test looks: an Italian message that
/// equals the English one would prove nothing.
#[test]
fn the_messages_compared_differ_between_the_languages() {
    let (it, en) = (Catalogue::get(Lang::It), Catalogue::get(Lang::En));
    for (italian, english) in [
        (it.refuse_user_exists, en.refuse_user_exists),
        (it.err_missing, en.err_missing),
        (it.err_already_exists, en.err_already_exists),
        (it.err_database, en.err_database),
    ] {
        assert_ne!(italian, english);
    }
}

/// Makes the register refuse every note and draft from another
/// connection, as a full disk does.
fn refuse_notes(path: &Path) {
    let store = registro::store::Store::open(path, registro::store::Access::ReadWrite).unwrap();
    store
        .write(|tx| {
            tx.execute_batch(
                "CREATE TRIGGER full_note BEFORE INSERT ON note BEGIN SELECT RAISE(ABORT, 'full'); END;
                 CREATE TRIGGER full_draft BEFORE INSERT ON note_draft BEGIN SELECT RAISE(ABORT, 'full'); END;
                 CREATE TRIGGER full_draft_update BEFORE UPDATE ON note_draft BEGIN SELECT RAISE(ABORT, 'full'); END;",
            )?;
            Ok(())
        })
        .unwrap();
}

/// On an Italian screen, in a process that never chose a language (as
/// every test process), the register's refusal of a note is Italian: the
/// screen words it with its own catalogue, not a global one.
#[test]
fn a_store_error_on_an_italian_screen_is_italian() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    refuse_notes(&path);
    let data = dir.path().join("data");
    let mut app = common::app_with(&path, Lang::It, move |settings| {
        settings.data_folder = Some(data);
    });
    common::press(&mut app, "3");
    common::render(&mut app, 80, 24);
    common::press(&mut app, "n");
    for c in "Telefonare".chars() {
        app.handle_key(Chord::plain(Key::Char(c)));
    }
    app.handle_key(Chord {
        key: Key::Char('s'),
        ctrl: true,
        alt: false,
    });
    let screen = common::render(&mut app, 250, 24);
    let it = Catalogue::get(Lang::It);
    let database = it.err_database.split('{').next().unwrap();
    assert!(screen.contains(database), "{screen}");
    let en = Catalogue::get(Lang::En);
    let english = en.err_database.split('{').next().unwrap();
    assert!(!screen.contains(english), "{screen}");
    app.shutdown();
}
