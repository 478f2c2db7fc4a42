//! The outbox on the screen (issue 25): opened with `o` from the
//! Enrolments tab, it lists the messages and reads the selected one; a
//! coordinator edits (first line the subject), holds and discards; a
//! tutor never reaches it.

mod common;
mod mail_support;

use std::path::Path;

use common::{press, press_key, render};
use mail_support::{carla, mail_register, triage};
use registro::i18n::Lang;
use registro::keys::{Chord, Key};
use registro::mail::MessageStatus;
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

fn app_as(path: &Path, user: &str, lang: Lang) -> App {
    common::app_with(path, lang, |settings| {
        settings.user = user.into();
        settings.role = None;
    })
}

fn statuses(path: &Path) -> Vec<MessageStatus> {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    let mut list = store.outbox_list(&carla(), &[]).unwrap();
    list.sort_by_key(|m| m.id);
    list.into_iter().map(|m| m.status).collect()
}

#[test]
fn a_coordinator_reads_the_outbox_in_italian() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let mut app = app_as(&path, "carla", Lang::It);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "o");
    insta::assert_snapshot!(render(&mut app, 100, 30));
}

#[test]
fn a_coordinator_edits_holds_and_discards_with_keys() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let mut app = app_as(&path, "carla", Lang::En);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "o");
    render(&mut app, 100, 30);
    // The newest first: Zanetti's waiting list (a letter on paper).
    press(&mut app, "E");
    press_key(&mut app, Key::End);
    press(&mut app, " - Lia");
    app.handle_key(Chord {
        key: Key::Char('s'),
        ctrl: true,
        alt: false,
    });
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Message saved"), "{screen}");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let newest = store.outbox_list(&carla(), &[]).unwrap()[0].clone();
    assert_eq!(
        newest.subject.as_deref(),
        Some("Lista d'attesa: Diritti e cittadinanza: l'accoglienza - Lia")
    );
    assert_eq!(newest.edited_by.as_deref(), Some("carla"));
    drop(store);
    // Hold the second, discard the third (after saying yes).
    press(&mut app, "jH");
    press(&mut app, "jD");
    let asked = render(&mut app, 100, 30);
    assert!(
        asked.contains("Discard the message to Rita Zeni?"),
        "{asked}"
    );
    press(&mut app, "y");
    render(&mut app, 100, 30);
    let now = statuses(&path);
    assert_eq!(now[15 - 1], MessageStatus::Pending, "{now:?}");
    assert_eq!(now[14 - 1], MessageStatus::Held, "{now:?}");
    assert_eq!(now[13 - 1], MessageStatus::Discarded, "{now:?}");
    // `H` again lets the held one go.
    press(&mut app, "kH");
    assert_eq!(statuses(&path)[13], MessageStatus::Pending);
}

#[test]
fn a_tutor_never_sees_the_outbox() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let mut app = app_as(&path, "tina", Lang::En);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "o");
    let screen = render(&mut app, 100, 30);
    assert!(!screen.contains("Outbox"), "{screen}");
    assert!(!screen.contains("example.org"), "{screen}");
    press(&mut app, "?");
    let help = render(&mut app, 100, 30);
    assert!(!help.contains("outbox"), "{help}");
}

#[test]
fn the_queue_help_names_the_outbox_key() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    let mut app = app_as(&path, "carla", Lang::It);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "?");
    let help = render(&mut app, 100, 40);
    assert!(
        help.contains("la posta in uscita: lettere ed e-mail"),
        "{help}"
    );
}

/// The afternoon of triage, key by key in the queue as a
/// coordinator: the outbox then lists sixteen messages, two of them
/// superseded by the later decisions and never to be sent.
#[test]
fn the_triage_on_the_screen_leaves_sixteen_messages_two_superseded() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    let mut app = app_as(&path, "carla", Lang::En);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    // The requests come up in arrival order: ten accepted…
    press(&mut app, "AAAAAAAAAA");
    // …two rejected with their reasons, three put on the waiting list.
    press(&mut app, "Rrequisiti mancanti");
    press_key(&mut app, Key::Enter);
    press(&mut app, "Rdomanda fuori termine");
    press_key(&mut app, Key::Enter);
    // Zeni and Moro; Sala's request waits; Zanetti (no e-mail).
    press(&mut app, "WWjW");
    // Donà withdraws; her place is offered to Zeni, first on the list.
    press(&mut app, "/Donà");
    press_key(&mut app, Key::Enter);
    press(&mut app, "Xmotivi di lavoro");
    press_key(&mut app, Key::Enter);
    let asked = render(&mut app, 100, 30);
    assert!(asked.contains("Zeni Rita"), "{asked}");
    press(&mut app, "y");
    render(&mut app, 100, 30);

    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let all = store.outbox_list(&carla(), &[]).unwrap();
    assert_eq!(all.len(), 16, "{all:#?}");
    let superseded: Vec<&str> = all
        .iter()
        .filter(|m| m.status == MessageStatus::Superseded)
        .map(|m| m.surname.as_str())
        .collect();
    assert_eq!(superseded, ["Zeni", "Donà"]);
    assert_eq!(store.outbox_due(&carla()).unwrap().len(), 14);
    drop(store);

    press(&mut app, "o");
    let screen = render(&mut app, 120, 60);
    assert_eq!(screen.matches("superseded").count(), 2, "{screen}");
    // Fifteen addresses in the list and the selected one's read below.
    assert_eq!(screen.matches("example.org").count(), 16, "{screen}");
    assert_eq!(screen.matches("letter").count(), 1, "{screen}");
    // The fourth, Zeni's waiting list letter, says why it will not go,
    // and can no longer be changed.
    press(&mut app, "jjj");
    let screen = render(&mut app, 120, 60);
    assert!(
        screen.contains("It will not go: a later decision on the same request superseded it."),
        "{screen}"
    );
    press(&mut app, "H");
    let screen = render(&mut app, 120, 60);
    assert!(screen.contains("This message is superseded"), "{screen}");
}

/// A certificate's message on the screen: its kind, its language and
/// its attachment shown; edited with keys, it keeps the attachment.
#[test]
fn a_certificate_message_shows_its_attachment_and_keeps_it_when_edited() {
    let folder = tempdir().unwrap();
    let path = mail_support::certificate_register(folder.path());
    {
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        let enrolment = mail_support::request_in(&store, "Bianchi", "M06");
        store
            .queue_certificates(
                &carla(),
                &[registro::store::outbox::CertificateMail {
                    enrolment_id: enrolment,
                    file_name: "certificate-2026-00001.pdf".into(),
                    pdf: b"%PDF-1.7 a certificate".to_vec(),
                }],
            )
            .unwrap();
    }
    let mut app = app_as(&path, "carla", Lang::It);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "o");
    let screen = render(&mut app, 100, 30);
    insta::assert_snapshot!(screen);
    assert!(screen.contains("attestato"), "{screen}");
    assert!(screen.contains(" en "), "{screen}");
    assert!(
        screen.contains("Allegato: certificate-2026-00001.pdf"),
        "{screen}"
    );
    assert!(screen.contains("in inglese"), "{screen}");
    press(&mut app, "E");
    press_key(&mut app, Key::End);
    press(&mut app, " (copia)");
    app.handle_key(Chord {
        key: Key::Char('s'),
        ctrl: true,
        alt: false,
    });
    render(&mut app, 100, 30);
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let message = store.outbox_list(&carla(), &[]).unwrap()[0].clone();
    assert!(
        message
            .subject
            .as_deref()
            .is_some_and(|s| s.ends_with(" (copia)")),
        "{message:?}"
    );
    assert_eq!(
        store.outbox_attachment(&carla(), message.id).unwrap(),
        Some((
            "certificate-2026-00001.pdf".to_string(),
            b"%PDF-1.7 a certificate".to_vec()
        ))
    );
}

/// A letter's long lines wrap in the editor, so what its end says (a
/// reason, a deadline) is read before it goes, not cut at the border.
#[test]
fn a_letter_being_edited_wraps_its_long_lines() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let mut app = app_as(&path, "carla", Lang::It);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    press(&mut app, "o");
    render(&mut app, 100, 30);
    // The newest first: Zanetti's waiting list, whose first paragraph
    // runs to about 150 characters.
    press(&mut app, "E");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("si libererà un posto."), "{screen}");
}
