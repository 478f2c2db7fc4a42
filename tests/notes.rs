//! Notes: written, found by words with accents folded, filtered by
//! author, subject and follow-up; drafts that survive the process.

mod common;

use registro::context::{Actor, Clock};
use registro::store::lists::{Notes, Scope};
use registro::store::notes::NoteSubject;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn found(store: &Store, filter: &str) -> Vec<String> {
    store
        .page::<Notes>(
            filter,
            &Scope::default(),
            None,
            registro::store::lists::From::AtOrAfter,
            0,
            50,
        )
        .unwrap()
        .into_iter()
        .map(|keyed| keyed.row.body)
        .collect()
}

#[test]
fn notes_are_found_by_words_authors_subjects_and_follow_ups() {
    let dir = tempdir().unwrap();
    let (path, session) = common::roster_register(dir.path());
    common::add_tutors_of_m01(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let rossi = Actor::new("tutor.rossi", Clock::at_noon(common::TODAY));
    let ferri = Actor::new("tutor.ferri", Clock::at_noon(common::TODAY));
    let arena = store.roster(session).unwrap().lines[0].person_id;
    store
        .add_note(
            &rossi,
            &[NoteSubject::Person(arena), NoteSubject::Session(session)],
            "Non capisce perché l'orario è cambiato.",
            Some("open"),
            None,
        )
        .unwrap();
    store
        .add_note(
            &ferri,
            &[NoteSubject::Module(1)],
            "Aula fredda: chiedere al Comune.\nSeconda riga.",
            Some("done"),
            None,
        )
        .unwrap();
    store
        .add_note(
            &ferri,
            &[NoteSubject::Session(session)],
            "Difficoltà con il proiettore",
            None,
            None,
        )
        .unwrap();

    assert_eq!(found(&store, "").len(), 3);
    // Accents folded both ways, and words as prefixes.
    assert_eq!(
        found(&store, "perche"),
        vec!["Non capisce perché l'orario è cambiato."]
    );
    assert_eq!(
        found(&store, "difficolta"),
        vec!["Difficoltà con il proiettore"]
    );
    assert_eq!(found(&store, "proiet").len(), 1);
    assert_eq!(found(&store, "aula comune").len(), 1);
    assert!(found(&store, "aula perche").is_empty());
    assert_eq!(found(&store, "@ferri").len(), 2);
    assert_eq!(
        found(&store, "@ferri +done"),
        vec!["Aula fredda: chiedere al Comune.\nSeconda riga."]
    );
    assert_eq!(found(&store, "+open").len(), 1);
    assert_eq!(found(&store, "about:arena").len(), 1);
    assert_eq!(found(&store, "about:M01").len(), 3);
    // Full-text syntax typed by mistake is not an error.
    assert!(found(&store, "\"NEAR(").is_empty());
    // Newest first.
    let first = found(&store, "")[0].clone();
    assert!(first.starts_with("Difficolt"), "{first}");
}

#[test]
fn a_draft_is_kept_until_its_note_is_saved() {
    let dir = tempdir().unwrap();
    let (path, session) = common::roster_register(dir.path());
    common::add_tutors_of_m01(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let rossi = Actor::new("tutor.rossi", Clock::at_noon(common::TODAY));
    let subjects = [NoteSubject::Session(session)];
    let draft = store
        .save_draft(&rossi, None, None, &subjects, "Primo pezzo")
        .unwrap();
    let same = store
        .save_draft(
            &rossi,
            Some(draft),
            None,
            &subjects,
            "Primo pezzo, secondo pezzo",
        )
        .unwrap();
    assert_eq!(draft, same);
    let drafts = store.drafts("tutor.rossi").unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].body, "Primo pezzo, secondo pezzo");
    assert_eq!(drafts[0].subjects, subjects.to_vec());
    assert!(store.drafts("tutor.ferri").unwrap().is_empty());
    store
        .add_note(
            &rossi,
            &subjects,
            "Primo pezzo, secondo pezzo",
            None,
            Some(draft),
        )
        .unwrap();
    assert!(store.drafts("tutor.rossi").unwrap().is_empty());
}

#[test]
fn editing_a_note_someone_else_changed_is_not_silent() {
    let dir = tempdir().unwrap();
    let (path, _session) = common::roster_register(dir.path());
    common::add_tutors_of_m01(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let rossi = Actor::new("tutor.rossi", Clock::at_noon(common::TODAY));
    let ferri = Actor::new("tutor.ferri", Clock::at_noon(common::TODAY));
    let id = store
        .add_note(
            &rossi,
            &[NoteSubject::Module(1)],
            "Prima versione",
            None,
            None,
        )
        .unwrap();
    let read = store.note_version(id).unwrap().version;
    assert_eq!(
        store
            .update_note(&ferri, id, read, "Versione di Ferri", None, None)
            .unwrap(),
        Ok(())
    );
    let refused = store
        .update_note(&rossi, id, read, "Versione di Rossi", None, None)
        .unwrap();
    let theirs = refused.expect_err("the stale edit is refused");
    assert_eq!(theirs.body, "Versione di Ferri");
    assert_eq!(store.note_version(id).unwrap().body, "Versione di Ferri");
}
