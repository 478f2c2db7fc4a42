//! Drafts on the screen: a saved note is never offered again as a draft,
//! an emptied draft goes, a recovered one opens on its subject with the
//! cursor at the end, a note the register cannot take is kept in a file
//! and offered back, and the list of one's drafts opens, saves and
//! discards them.

mod common;

use std::path::Path;

use proptest::prelude::*;
use registro::i18n::Lang;
use registro::keys::{Chord, Key};
use registro::store::notes::NoteSubject;
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

fn ctrl(c: char) -> Chord {
    Chord {
        key: Key::Char(c),
        ctrl: true,
        alt: false,
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(Chord::plain(Key::Char(c)));
    }
}

/// (note bodies, draft bodies) of the register, as another process sees.
fn notes_and_drafts(path: &Path) -> (Vec<String>, Vec<String>) {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let notes = store
        .write(|tx| {
            let mut statement = tx.prepare("SELECT body FROM note ORDER BY id")?;
            let rows = statement
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(rows)
        })
        .unwrap();
    let drafts = store
        .drafts("admin")
        .unwrap()
        .into_iter()
        .map(|d| d.body)
        .collect();
    (notes, drafts)
}

/// The note editor on the `index`th person of the Participants tab (the
/// list reads its rows when drawn).
fn open_note_on_person(app: &mut App, index: usize) {
    common::press(app, "3");
    common::render(app, 80, 24);
    for _ in 0..index {
        common::press(app, "j");
    }
    common::press(app, "n");
}

fn app_with_folder(path: &Path, lang: Lang, folder: &Path) -> App {
    let folder = folder.to_path_buf();
    common::app_with(path, lang, move |settings| {
        settings.data_folder = Some(folder);
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Ctrl-S then `q` at once, whatever was typed and however the app
    /// ends: one note, no draft, nothing offered at the next start.
    #[test]
    fn a_note_saved_then_quit_at_once_is_never_a_draft(
        text in "[a-zA-Z][a-zA-Z ]{0,30}",
        quit_with_q in any::<bool>(),
        person in 0usize..3,
    ) {
        let dir = tempdir().unwrap();
        let (path, _) = common::roster_register(dir.path());
        let mut app = common::app(&path, Lang::En);
        open_note_on_person(&mut app, person);
        type_text(&mut app, &text);
        app.handle_key(ctrl('s'));
        let screen = common::render(&mut app, 80, 24);
        prop_assert!(screen.contains("Note saved"), "{}", screen);
        if quit_with_q {
            common::press(&mut app, "q");
            prop_assert!(app.should_quit());
        }
        app.shutdown();
        drop(app);
        let (notes, drafts) = notes_and_drafts(&path);
        prop_assert_eq!(notes, vec![text.clone()]);
        prop_assert_eq!(drafts, Vec::<String>::new());
        let mut again = common::app(&path, Lang::En);
        let screen = common::render(&mut again, 80, 24);
        prop_assert!(!screen.contains("Recovered"), "{}", screen);
        again.handle_key(ctrl('s'));
        again.shutdown();
        drop(again);
        prop_assert_eq!(notes_and_drafts(&path).0.len(), 1);
    }
}

#[test]
fn a_recovered_draft_opens_on_its_subject_with_the_cursor_at_the_end() {
    let dir = tempdir().unwrap();
    let (path, session) = common::roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .save_draft(
            &common::actor(),
            None,
            None,
            &[NoteSubject::Person(1), NoteSubject::Session(session)],
            "Chiede l'attestato",
        )
        .unwrap();
    drop(store);
    let mut app = common::app(&path, Lang::En);
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Recovered your unsaved note"), "{screen}");
    assert!(screen.contains("Arena Anna, M01 26/11/2026"), "{screen}");
    assert!(!screen.contains("New note: Notes"), "{screen}");
    // The first key typed goes after the text.
    type_text(&mut app, " entro venerdì");
    app.handle_key(ctrl('s'));
    app.shutdown();
    drop(app);
    let (notes, drafts) = notes_and_drafts(&path);
    assert_eq!(notes, vec!["Chiede l'attestato entro venerdì"]);
    assert!(drafts.is_empty());
}

#[test]
fn an_emptied_draft_is_discarded_and_not_offered_again() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .save_draft(
            &common::actor(),
            None,
            None,
            &[NoteSubject::Person(2)],
            "ok",
        )
        .unwrap();
    drop(store);
    let mut app = common::app(&path, Lang::It);
    common::press_key(&mut app, Key::Backspace);
    common::press_key(&mut app, Key::Backspace);
    app.handle_key(ctrl('s'));
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Una nota"), "{screen}");
    common::press_key(&mut app, Key::Esc);
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Nota vuota scartata"), "{screen}");
    app.shutdown();
    drop(app);
    assert_eq!(notes_and_drafts(&path), (vec![], vec![]));
    let mut again = common::app(&path, Lang::It);
    let screen = common::render(&mut again, 80, 24);
    assert!(!screen.contains("Recuper"), "{screen}");
}

#[test]
fn an_empty_draft_left_by_an_earlier_run_is_dropped_at_start() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .save_draft(
            &common::actor(),
            None,
            None,
            &[NoteSubject::Person(2)],
            " \n",
        )
        .unwrap();
    drop(store);
    let mut app = common::app(&path, Lang::En);
    let screen = common::render(&mut app, 80, 24);
    assert!(!screen.contains("Recovered"), "{screen}");
    drop(app);
    assert!(notes_and_drafts(&path).1.is_empty());
}

/// Makes the register refuse every note and draft, as a full disk does,
/// from another connection; `false` lets them in again.
fn refuse_notes(path: &Path, refuse: bool) {
    let conn = rusqlite::Connection::open(path).unwrap();
    if refuse {
        conn.execute_batch(
            "CREATE TRIGGER full_note BEFORE INSERT ON note BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
             CREATE TRIGGER full_draft BEFORE INSERT ON note_draft BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
             CREATE TRIGGER full_draft_update BEFORE UPDATE ON note_draft BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        )
        .unwrap();
    } else {
        conn.execute_batch(
            "DROP TRIGGER full_note; DROP TRIGGER full_draft; DROP TRIGGER full_draft_update;",
        )
        .unwrap();
    }
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_note_the_register_refuses_stays_then_goes_to_a_private_file_and_comes_back() {
    let dir = tempdir().unwrap();
    let data = dir.path().join("data");
    let (path, _) = common::roster_register(dir.path());
    refuse_notes(&path, true);
    let mut app = app_with_folder(&path, Lang::En, &data);
    open_note_on_person(&mut app, 0);
    type_text(&mut app, "Telefonare alla madre");
    app.handle_key(ctrl('s'));
    let screen = common::render(&mut app, 80, 24);
    // Still in the editor, with the reason and the text.
    assert!(screen.contains("Not saved"), "{screen}");
    // SQLite's own words stay out; the error's code is kept.
    assert!(screen.contains("database error: SQLite"), "{screen}");
    assert!(screen.contains("Telefonare alla madre"), "{screen}");
    common::press_key(&mut app, Key::Esc);
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Kept in"), "{screen}");
    let wide = common::render(&mut app, 250, 24);
    assert!(
        wide.contains("could not take your note (database error: SQLite 1811)"),
        "{wide}"
    );
    app.shutdown();
    drop(app);
    let files: Vec<_> = std::fs::read_dir(data.join("unsaved-notes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(mode(&files[0]), 0o600);
    assert_eq!(mode(&data.join("unsaved-notes")), 0o700);
    assert_eq!(notes_and_drafts(&path), (vec![], vec![]));

    // Space is freed: the next start offers it back, and it is saved once.
    refuse_notes(&path, false);
    let mut app = app_with_folder(&path, Lang::En, &data);
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Recovered your unsaved note"), "{screen}");
    assert!(screen.contains("Telefonare alla madre"), "{screen}");
    assert!(screen.contains("Arena Anna"), "{screen}");
    app.handle_key(ctrl('s'));
    app.shutdown();
    drop(app);
    assert_eq!(
        notes_and_drafts(&path),
        (vec!["Telefonare alla madre".to_string()], vec![])
    );
    assert_eq!(
        std::fs::read_dir(data.join("unsaved-notes"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn a_note_that_can_be_kept_nowhere_is_not_closed_in_silence() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    refuse_notes(&path, true);
    // A data folder that cannot be made: under a plain file.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, b"").unwrap();
    let mut app = app_with_folder(&path, Lang::En, &blocker.join("data"));
    open_note_on_person(&mut app, 0);
    type_text(&mut app, "Nota importante");
    common::press_key(&mut app, Key::Esc);
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("could not be kept anywhere"), "{screen}");
    assert!(screen.contains("Nota importante"), "{screen}");
    common::press_key(&mut app, Key::Esc);
    let screen = common::render(&mut app, 80, 24);
    assert!(!screen.contains("Nota importante"), "{screen}");
}

fn drafts_register(dir: &Path) -> std::path::PathBuf {
    let (path, session) = common::roster_register(dir);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let actor = common::actor();
    store
        .save_draft(
            &actor,
            None,
            None,
            &[NoteSubject::Person(3)],
            "Porta il certificato medico",
        )
        .unwrap();
    store
        .save_draft(
            &actor,
            None,
            None,
            &[NoteSubject::Session(session)],
            "Proiettore rotto\nsecondo rigo",
        )
        .unwrap();
    path
}

#[test]
fn drafts_are_listed_opened_saved_and_discarded_in_both_languages() {
    for (lang, yes) in [(Lang::En, "y"), (Lang::It, "s")] {
        let dir = tempdir().unwrap();
        let path = drafts_register(dir.path());
        // Two drafts: the start opens the list.
        let mut app = common::app(&path, lang);
        let screen = common::render(&mut app, 80, 24);
        insta::assert_snapshot!(format!("drafts_list_{lang:?}"), screen);
        // Help shows the keys.
        common::press(&mut app, "?");
        let help = common::render(&mut app, 80, 24);
        assert!(help.contains("Ctrl-s"), "{help}");
        assert!(help.contains("D "), "{help}");
        common::press(&mut app, "?");
        // Enter opens the selected one in the editor, on its subject.
        common::press_key(&mut app, Key::Enter);
        let screen = common::render(&mut app, 80, 24);
        insta::assert_snapshot!(format!("drafts_opened_{lang:?}"), screen);
        common::press_key(&mut app, Key::Esc);
        // D asks, then discards the first; Ctrl-S saves the other.
        common::press(&mut app, "D");
        let screen = common::render(&mut app, 80, 24);
        insta::assert_snapshot!(format!("drafts_discard_{lang:?}"), screen);
        common::press(&mut app, yes);
        app.handle_key(ctrl('s'));
        let screen = common::render(&mut app, 80, 24);
        insta::assert_snapshot!(format!("drafts_none_left_{lang:?}"), screen);
        app.shutdown();
        drop(app);
        let (notes, drafts) = notes_and_drafts(&path);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(drafts.is_empty(), "{drafts:?}");
    }
}

#[test]
fn d_lists_the_drafts_from_any_tab() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let mut app = common::app(&path, Lang::En);
    open_note_on_person(&mut app, 0);
    type_text(&mut app, "A metà");
    common::press_key(&mut app, Key::Esc);
    common::press(&mut app, "1d");
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Your drafts"), "{screen}");
    assert!(screen.contains("Arena Anna"), "{screen}");
    assert!(screen.contains("A metà"), "{screen}");
}

#[test]
fn a_refused_note_says_why_in_italian_and_where_it_went() {
    let dir = tempdir().unwrap();
    let data = dir.path().join("data");
    let (path, _) = common::roster_register(dir.path());
    refuse_notes(&path, true);
    let mut app = app_with_folder(&path, Lang::It, &data);
    open_note_on_person(&mut app, 1);
    type_text(&mut app, "Il disco è pieno");
    app.handle_key(ctrl('s'));
    let screen = common::render(&mut app, 80, 24);
    insta::assert_snapshot!("refused_note_it", screen);
    // The idle tick keeps the text in a file first; Esc still says why.
    app.tick();
    common::press_key(&mut app, Key::Esc);
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Conservata in"), "{screen}");
    let wide = common::render(&mut app, 250, 24);
    assert!(
        wide.contains("prendere la nota (errore del database: SQLite 1811)"),
        "{wide}"
    );
}
