//! Certificates by e-mail (issue 25): printing certificates queues, for
//! each person with an e-mail address, one message with their own
//! certificate attached, in their language; a reprint queues nothing; the
//! PDF is kept with the message and leaves with the person. Sending it
//! over SMTP is in tests/mail_send.rs.

mod common;
mod mail_support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::cargo_bin;
use mail_support::{NO_EMAIL, carla, certificate_register, request_in, tina};
use registro::mail::{MessageKind, MessageStatus};
use registro::store::{Access, Store, StoreError};
use tempfile::tempdir;

fn registro(db: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(cargo_bin("registro"))
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .env("LANG", "it_IT.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("REGISTRO_DB")
        .env("REGISTRO_TODAY", "2026-11-26")
        .arg("--db")
        .arg(db)
        .args(["--user", user])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn print_certificates(db: &Path, file: &Path) -> String {
    let output = registro(
        db,
        "carla",
        &[
            "export",
            "certificates",
            "--format",
            "pdf",
            "--module",
            "M06",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn certificate_messages(db: &Path) -> Vec<registro::mail::OutboxMessage> {
    let store = Store::open(db, Access::ReadOnly).unwrap();
    store
        .outbox_list(&carla(), &[])
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == MessageKind::Certificate)
        .collect()
}

/// The text of a PDF as `pdftotext` reads it; None (said aloud) where
/// poppler-utils is missing outside CI.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let folder = tempdir().unwrap();
    let file = folder.path().join("a.pdf");
    std::fs::write(&file, pdf).unwrap();
    match Command::new("pdftotext").arg(&file).arg("-").output() {
        Ok(output) => {
            assert!(output.status.success(), "pdftotext failed");
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("\n*** SKIPPED: pdftotext (poppler-utils) is missing ***\n");
            None
        }
        Err(e) => panic!("pdftotext (poppler-utils) is needed in CI: {e}"),
    }
}

#[test]
fn printing_certificates_queues_one_message_each_with_their_own_pdf_and_a_reprint_none() {
    let folder = tempdir().unwrap();
    let db = certificate_register(folder.path());
    let out = print_certificates(&db, &folder.path().join("attestati.pdf"));
    // Three certificates, two people with an address: two messages.
    assert!(out.contains("pagine: 3"), "{out}");
    assert!(
        out.contains("2 attestati messi nella posta in uscita"),
        "{out}"
    );
    let messages = certificate_messages(&db);
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages.iter().all(|m| m.surname != NO_EMAIL));
    assert!(messages.iter().all(|m| m.status == MessageStatus::Pending));
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    for message in &messages {
        let (name, pdf) = store
            .outbox_attachment(&carla(), message.id)
            .unwrap()
            .expect("attached");
        assert_eq!(message.attachment.as_deref(), Some(name.as_str()));
        assert!(pdf.starts_with(b"%PDF-"), "{name}");
        let Some(text) = pdf_text(&pdf) else { return };
        // Their own certificate alone, in their own language.
        assert!(text.contains(&message.surname), "{name}: {text}");
        assert_eq!(text.matches('\u{c}').count(), 1, "{name}: one page");
        match message.surname.as_str() {
            "Ferrè" => {
                assert!(name.starts_with("attestato-2026-"), "{name}");
                assert!(text.contains("ATTESTATO DI FREQUENZA"), "{text}");
                assert!(text.contains("Nicolò Ferrè"), "{text}");
            }
            "Bianchi" => {
                assert!(name.starts_with("certificate-2026-"), "{name}");
                assert!(text.contains("Anna Bianchi"), "{text}");
                assert!(!text.contains("ATTESTATO"), "{text}");
            }
            other => panic!("a certificate for {other}"),
        }
    }
    drop(store);

    // A reprint gives the same numbers and queues nothing more, even
    // after the first messages were thrown away.
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    store.outbox_discard(&carla(), messages[0].id).unwrap();
    drop(store);
    let out = print_certificates(&db, &folder.path().join("ristampa.pdf"));
    assert!(!out.contains("posta in uscita"), "{out}");
    assert_eq!(certificate_messages(&db).len(), 2);
}

#[test]
fn a_certificate_message_owed_since_an_interrupted_print_is_queued_by_the_next() {
    let folder = tempdir().unwrap();
    let db = certificate_register(folder.path());
    // Numbers given, then nothing queued (as if the print had stopped
    // there, or the register was printed before certificates went by
    // e-mail).
    {
        let store = Store::open(&db, Access::ReadWrite).unwrap();
        let ids: Vec<i64> = ["Ferrè", "Bianchi"]
            .iter()
            .map(|s| request_in(&store, s, "M06"))
            .collect();
        store.issue_certificates(&carla(), &ids).unwrap();
    }
    print_certificates(&db, &folder.path().join("attestati.pdf"));
    assert_eq!(certificate_messages(&db).len(), 2);
}

#[test]
fn the_attachment_goes_with_the_person_when_they_are_erased() {
    let folder = tempdir().unwrap();
    let db = certificate_register(folder.path());
    print_certificates(&db, &folder.path().join("attestati.pdf"));
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    let ferre = certificate_messages(&db)
        .into_iter()
        .find(|m| m.surname == "Ferrè")
        .unwrap();
    let (name, pdf) = store
        .outbox_attachment(&carla(), ferre.id)
        .unwrap()
        .unwrap();
    // In the person's export, by name.
    let data = store.person_data(ferre.person_id).unwrap();
    assert!(
        data["messages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["attachment"] == name.as_str()),
        "{data:#}"
    );
    store
        .erase_person(&common::actor(), ferre.person_id)
        .unwrap();
    assert_eq!(store.outbox_attachment(&carla(), ferre.id).unwrap(), None);
    drop(store);
    // Not a byte of the PDF's body is left in the file.
    let middle = &pdf[pdf.len() / 2..pdf.len() / 2 + 64];
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.windows(middle.len()).any(|w| w == middle));
}

#[test]
fn a_tutor_reads_no_attachment() {
    let folder = tempdir().unwrap();
    let db = certificate_register(folder.path());
    print_certificates(&db, &folder.path().join("attestati.pdf"));
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let id = certificate_messages(&db)[0].id;
    assert!(matches!(
        store.outbox_attachment(&tina(), id),
        Err(StoreError::Denied { .. })
    ));
    assert!(matches!(
        store.certificates_owed(&tina(), &[1]),
        Err(StoreError::Denied { .. })
    ));
}

/// `P` on a person in the Participants list: their certificate printed
/// into the print folder and, since it is her first and she has an
/// address, queued to go by e-mail, as the status line says.
#[test]
fn p_on_a_person_queues_her_certificate_and_says_so() {
    let folder = tempdir().unwrap();
    let db = certificate_register(folder.path());
    let prints = folder.path().join("Stampe");
    let mut app = common::app_with(&db, registro::i18n::Lang::It, |s| {
        s.user = "carla".into();
        s.role = None;
        s.print.folder = Some(prints.clone());
    });
    common::press(&mut app, "3");
    common::render(&mut app, 100, 30);
    common::press(&mut app, "/Ferrè");
    common::press_key(&mut app, registro::keys::Key::Enter);
    common::render(&mut app, 100, 30);
    common::press(&mut app, "P");
    let screen = common::render(&mut app, 160, 30);
    assert!(
        screen.contains("1 da inviare per e-mail (posta in uscita). PDF"),
        "{screen}"
    );
    assert_eq!(std::fs::read_dir(&prints).unwrap().count(), 1);
    let messages = certificate_messages(&db);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].surname, "Ferrè");
    // Again: the same number, nothing more queued, nothing more said.
    common::press(&mut app, "P");
    let screen = common::render(&mut app, 160, 30);
    assert!(!screen.contains("per e-mail"), "{screen}");
    assert_eq!(certificate_messages(&db).len(), 1);
}
