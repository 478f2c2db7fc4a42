//! Letters on paper (issue 25): the messages to people without an e-mail
//! address are printed by `registro mail send` into one PDF batch, each
//! letter on a page of its own (and as many more as it takes), in its
//! person's language, written whole and readable by its owner only, and
//! listed in the outbox. No mail server is needed for them.

mod common;
mod mail_support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::cargo_bin;
use mail_support::{carla, decide, mail_register};
use registro::domain::Status;
use registro::mail::{MessageStatus, PersonLanguage};
use registro::store::{Access, Store};
use tempfile::tempdir;

fn registro(db: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(cargo_bin("registro"))
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("REGISTRO_DB")
        .env_remove("REGISTRO_MAIL_PASSWORD")
        .env("REGISTRO_NOW", "2026-11-26T12:00:00Z")
        .arg("--db")
        .arg(db)
        .args(["--user", "carla"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The pages of a PDF as `pdftotext` reads them (it ends each page with
/// a form feed); None, said aloud, where poppler-utils is missing
/// outside CI.
fn pages(pdf: &Path) -> Option<Vec<String>> {
    match Command::new("pdftotext").arg(pdf).arg("-").output() {
        Ok(output) => {
            assert!(output.status.success());
            let text = String::from_utf8_lossy(&output.stdout).into_owned();
            let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
            pages.pop();
            Some(pages)
        }
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("\n*** SKIPPED: pdftotext (poppler-utils) is missing ***\n");
            None
        }
        Err(e) => panic!("pdftotext (poppler-utils) is needed in CI: {e}"),
    }
}

/// Ferrè (Italian) accepted, Bianchi (English) accepted, Zanetti on the
/// waiting list: three people with no e-mail address. Ferrè's letter
/// rewritten long enough to take two pages.
fn three_letters(folder: &Path) -> PathBuf {
    let db = mail_register(folder);
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    store
        .write(|tx| {
            tx.execute_batch(
                "UPDATE person SET email = NULL WHERE surname IN ('Ferrè', 'Bianchi')",
            )?;
            Ok(())
        })
        .unwrap();
    store
        .set_person_language(&carla(), 2, PersonLanguage::En)
        .unwrap();
    decide(&store, &carla(), "Ferrè", Status::Accepted, None);
    decide(&store, &carla(), "Bianchi", Status::Accepted, None);
    decide(&store, &carla(), "Zanetti", Status::Waitlisted, None);
    let ferre = store.outbox_list(&carla(), &[]).unwrap()[2].clone();
    assert_eq!(ferre.surname, "Ferrè");
    let long: Vec<String> = (1..=60)
        .map(|n| format!("Riga {n}: perché sì, è così."))
        .collect();
    store
        .outbox_edit(&carla(), ferre.id, "Benvenuto, Nicolò", &long.join("\n"))
        .unwrap();
    db
}

#[test]
fn letters_are_printed_into_one_pdf_each_on_its_own_pages_in_its_language() {
    let folder = tempdir().unwrap();
    let db = three_letters(folder.path());
    let output = registro(&db, "it_IT.UTF-8", &["mail", "send"]);
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let folder_of_letters = folder.path().join("letters");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder_of_letters)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let batch = &files[0];
    assert_eq!(batch.file_name().unwrap(), "letters-2026-11-26-120000.pdf");
    assert!(out.contains("3 lettere da stampare"), "{out}");
    assert!(out.contains("letters-2026-11-26-120000.pdf"), "{out}");
    let mode = std::fs::metadata(batch).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Each printed, with its batch, listed in the outbox.
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let printed = store
        .outbox_list(&carla(), &[MessageStatus::Printed])
        .unwrap();
    assert_eq!(printed.len(), 3);
    assert!(printed.iter().all(|m| {
        m.batch
            .as_deref()
            .is_some_and(|b| b.ends_with("letters-2026-11-26-120000.pdf"))
    }));
    drop(store);
    let listed = registro(&db, "it_IT.UTF-8", &["mail", "list"]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(
        listed.matches("letters-2026-11-26-120000.pdf").count(),
        3,
        "{listed}"
    );

    let Some(pages) = pages(batch) else { return };
    // Oldest first: Ferrè over two pages, then Bianchi, then Zanetti.
    assert_eq!(pages.len(), 4, "{pages:#?}");
    assert!(pages[0].contains("Nicolò Ferrè"), "{}", pages[0]);
    assert!(
        pages[0].contains("Oggetto: Benvenuto, Nicolò"),
        "{}",
        pages[0]
    );
    assert!(pages[0].contains("26/11/2026"), "{}", pages[0]);
    assert!(
        pages[0].contains("Riga 1: perché sì, è così."),
        "{}",
        pages[0]
    );
    assert!(
        pages[1].contains("Riga 60: perché sì, è così."),
        "{}",
        pages[1]
    );
    assert!(!pages[1].contains("Oggetto"), "{}", pages[1]);
    assert!(pages[2].contains("Anna Bianchi"), "{}", pages[2]);
    assert!(
        pages[2].contains("Subject: Enrolment accepted: Diritti e cittadinanza"),
        "{}",
        pages[2]
    );
    assert!(pages[3].contains("Lia Zanetti"), "{}", pages[3]);
    assert!(
        pages[3].contains("Oggetto: Lista d'attesa: Diritti e cittadinanza"),
        "{}",
        pages[3]
    );

    // Nothing is printed twice.
    let again = registro(&db, "it_IT.UTF-8", &["mail", "send"]);
    assert!(again.status.success());
    assert_eq!(std::fs::read_dir(&folder_of_letters).unwrap().count(), 1);
}
